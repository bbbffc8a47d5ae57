"""The arithmetic of journal-ready Word output: paper sizes, the locale's default paper, type sizes, and column
widths measured from the text so that no word breaks mid-word.

Qt-free and Word-free: :mod:`coding.export.word` turns these numbers into OOXML. The GUI passes its locale's
country (``QLocale``); the CLI and Python read the process locale.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Sequence

from coding.errors import ValidationError
from coding.i18n import translate

PAPER_TWIPS = {"a4": (11906, 16838), "letter": (12240, 15840)}  # width, height as Word stores them (1/1440 in)
PAPER_SIZES_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
PAPERS = tuple(PAPER_SIZES_CM)
MARGIN_CM = 2.54
# Countries whose printers and journals use US Letter (CLDR's paper-size data); everyone else uses A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "DO", "GT", "NI", "PA", "SV",
                                "VE", "BZ"})

# Type sizes in points, one set for every export.
TITLE_PT = 14.0
HEADING_PT = (12.0, 11.0, 11.0)  # Heading 1, 2, 3
BODY_PT = 11.0
TABLE_PT = 9.0
SECONDARY_PT = 8.0  # a table cell's second lines (intervals, n), a point smaller
NOTE_PT = 9.0  # table notes, quote sources, the small print
CELL_MARGIN_CM = 0.1  # left and right padding of a table cell (Word's default is 0.19)
INDENT_CM = 0.35  # one level of indentation inside a table cell
# Where a cell may wrap besides a space: a zero-width space (Unicode line breaking allows no break before ".").
WRAP = "\u200b"


def check_paper(paper: str | None) -> str:
    """``paper`` as a key of :data:`PAPER_SIZES_CM` (None: the locale's), refused when unknown."""
    if paper is None:
        return default_paper()
    key = paper.strip().lower()
    if key not in PAPER_SIZES_CM:
        raise ValidationError(translate(
            "errors", "paper must be one of {value}, not '{paper}'").format(value=', '.join(PAPERS), paper=paper))
    return key


def default_paper(territory: str | None = None) -> str:
    """"letter" for the countries that use it, else "a4"; ``territory`` is a country code ("US") or a locale
    name ("en_US.UTF-8"); None reads the environment (LC_ALL, LC_PAPER, LANG) and then the ``locale`` module."""
    country = _country(territory) if territory is not None else locale_territory()
    return "letter" if country in LETTER_TERRITORIES else "a4"


def locale_territory() -> str:
    """The country of the process locale ("" when unknown), paper settings first."""
    names = [os.environ.get(key, "") for key in ("LC_ALL", "LC_PAPER", "LANG")]
    try:
        names.append(locale.getlocale()[0] or "")
    except ValueError:  # an unparsable locale name
        pass
    return next((country for name in names if (country := _country(name))), "")


def _country(name: str) -> str:
    """"US" from "US", "en_US", "en-US" or "en_US.UTF-8@euro"; "" when there is none."""
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if "_" in base:
        return base.rsplit("_", 1)[1].upper()
    return base.upper() if len(base) == 2 and base.isupper() else ""


def usable_width_cm(paper: str, landscape: bool = False) -> float:
    width, height = PAPER_SIZES_CM[paper]
    return (height if landscape else width) - 2 * MARGIN_CM


# -- measuring text --------------------------------------------------------------------------------

# Advance widths of Times New Roman (Liberation Serif has the same metrics), in em; other Latin letters 0.5,
# capitals 0.72. CJK ideographs and kana are a full em in every CJK font.
_NARROW = {**dict.fromkeys(".,:;'|!", 0.25), **dict.fromkeys("[]()-/ilIjtf", 0.3), " ": 0.25, "\u00a0": 0.25,
           WRAP: 0.0, "r": 0.34, "s": 0.39}
_WIDE = {**dict.fromkeys("mwMW%", 0.95), "—": 1.0, "=": 0.57, "×": 0.57, "<": 0.57, ">": 0.57, "≥": 0.55}
_SAFETY = 1.08  # renderers differ a little in kerning and hinting
_BOLD = 1.06  # bold Times is about 5% wider
_PT_TO_CM = 2.54 / 72
_BREAKS = re.compile(f"[ \t\n{WRAP}\u3000]+")


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of ``text`` at ``size_pt`` in the documents' font (CJK characters a full em)."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += _NARROW[ch]
        elif ch in _WIDE:
            ems += _WIDE[ch]
        elif ord(ch) > 0x2E80:
            ems += 1.0
        else:
            ems += 0.72 if ch.isupper() else 0.5
    return ems * _SAFETY * (_BOLD if bold else 1.0) * size_pt * _PT_TO_CM


SHORT_CJK_WORD = 4  # a cell of at most this many CJK characters ("全部", "编码员") is one word, kept whole


def unbreakable_words(text: str) -> list[str]:
    """The pieces of ``text`` a line may not break inside: Latin words; each CJK character is its own piece, except
    that a cell holding only a short CJK word (a table heading or label in a Chinese export) is one piece, so its
    column is made wide enough not to split it one character per line."""
    stripped = text.strip()
    if 0 < len(stripped) <= SHORT_CJK_WORD and all(ord(ch) > 0x2E80 for ch in stripped):
        return [stripped]
    pieces: list[str] = []
    for word in _BREAKS.split(text):  # not str.split(): a no-break space keeps its words together
        current = ""
        for ch in word:
            if ord(ch) > 0x2E80:  # Chinese and Japanese break between any two characters
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(ch)
            else:
                current += ch
        if current:
            pieces.append(current)
    return pieces or [""]


def column_widths(floors: Sequence[float], wants: Sequence[float], usable_cm: float,
                  numeric_from: int | None = None) -> list[float]:
    """Column widths filling ``usable_cm``: each column's longest line when all fit, never narrower than its
    longest unbreakable word (``floors``) when they do not; the rest is shared in proportion to the text each
    column would still like. Columns from ``numeric_from`` on (numbers) get their whole line first."""
    n = len(floors)
    if not n:
        return []
    numeric_from = n if numeric_from is None else numeric_from
    if sum(wants) <= usable_cm:
        spare = usable_cm - sum(wants)
        lead = max(range(min(numeric_from, n) or n), key=lambda i: wants[i])  # the widest text column gets the rest
        return [w + (spare if i == lead else 0.0) for i, w in enumerate(wants)]
    floor = sum(floors)
    if floor >= usable_cm:  # even single words do not fit: shrink in proportion (very many columns)
        return [w * usable_cm / floor for w in floors]
    wanted = [want if i >= numeric_from else low for i, (low, want) in enumerate(zip(floors, wants, strict=True))]
    if sum(wanted) <= usable_cm and numeric_from < n:
        spare = usable_cm - sum(wanted)
        slack = sum(wants[i] - floors[i] for i in range(numeric_from)) or 1.0
        return [wanted[i] + (wants[i] - floors[i]) * spare / slack if i < numeric_from else wanted[i]
                for i in range(n)]
    share = (usable_cm - floor) / (sum(wants) - floor)
    return [low + (want - low) * share for low, want in zip(floors, wants, strict=True)]


__all__ = [
    "BODY_PT", "CELL_MARGIN_CM", "HEADING_PT", "INDENT_CM", "LETTER_TERRITORIES", "MARGIN_CM", "NOTE_PT",
    "PAPERS", "PAPER_SIZES_CM", "PAPER_TWIPS", "SECONDARY_PT", "TABLE_PT", "TITLE_PT", "WRAP", "check_paper", "column_widths",
    "default_paper", "locale_territory", "text_width_cm", "unbreakable_words", "usable_width_cm",
]
