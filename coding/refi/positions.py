"""Selection positions between REFI-QDA producers and Concord's character offsets.

Concord stores a document's text normalised as a .txt import would be (LF line ends, NFC, no control
characters or trailing spaces) and addresses it in code points (Python string indices). The REFI-QDA standard counts code points of the plain text file, end exclusive. Real
files differ by producer:

* NVivo (Windows) writes UTF-16 code units over CRLF text: a line break counts 2, an emoji 2.
* ATLAS.ti keeps CRLF in the file but counts a line break as 1.
* MAXQDA, QualCoder and Concord follow the standard (code points of the file's text).

Each way of counting is a :class:`Units`; :class:`PlainText` turns a producer's file text into the
text Concord stores and maps positions in any units onto it with one ``searchsorted`` per batch.
Which units a file uses is first guessed from ``Project@origin`` and then checked on the data
(:func:`choose_units`): selection names that repeat the selected text, selections that start and
end at word or line bounds, positions that fall inside the text and not in the middle of a
character. The caller reports a decision that is not confident.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum

import numpy as np

from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.refi.common import Flavour
from coding.refi.textmap import CodePoints, Mask, Offsets, normalise_mapped

UTF8_BOM = b"\xef\xbb\xbf"
DETECTION_SAMPLE = 2000  # selections per source examined when deciding units


class Units(str, Enum):
    """What a position counts."""

    #: The standard: code points of the file's text (CRLF counts 2).
    CODEPOINTS = "codepoints"
    #: Code points, but a line break counts 1 whatever the file holds (ATLAS.ti).
    CODEPOINTS_LF = "codepoints-lf"
    #: UTF-16 code units of the file's text (CRLF counts 2, an emoji 2) (NVivo for Windows).
    UTF16 = "utf16"
    #: UTF-16 code units with a line break counted once.
    UTF16_LF = "utf16-lf"

    @property
    def english_label(self) -> str:
        """What the units count, in English (the import report's warnings)."""
        return _UNITS_LABELS[self.value]

    @property
    def label(self) -> str:
        """What the units count, in the interface language."""
        return translate("refi", self.english_label)


_UNITS_LABELS = {
    Units.CODEPOINTS.value: QT_TRANSLATE_NOOP("refi", "code points of the file text (the standard)"),
    Units.CODEPOINTS_LF.value: QT_TRANSLATE_NOOP(
        "refi", "code points with a line break counted once (as ATLAS.ti writes)"),
    Units.UTF16.value: QT_TRANSLATE_NOOP("refi", "UTF-16 code units of the file text (as NVivo writes)"),
    Units.UTF16_LF.value: QT_TRANSLATE_NOOP("refi", "UTF-16 code units with a line break counted once"),
}


def producer_units(origin: str | None) -> Units:
    """The units a producer is known to write, from ``Project@origin`` (the standard if unknown)."""
    text = (origin or "").lower()
    if "concord" in text:
        return Units.UTF16 if Flavour.CRLF_UTF16.value in text else Units.CODEPOINTS
    if "nvivo" in text:
        return Units.UTF16
    if "atlas" in text:
        return Units.CODEPOINTS_LF
    return Units.CODEPOINTS


class Trust(str, Enum):
    """How far the producer's usual units are believed before the data are heard."""

    #: Concord wrote the file and named its units: never overridden.
    CERTAIN = "certain"
    #: A producer whose habits are known: overridden only on strong evidence.
    KNOWN = "known"
    #: No known producer: the standard is a guess that moderate evidence overrides.
    GUESS = "guess"


def producer_trust(origin: str | None) -> Trust:
    text = (origin or "").lower()
    if "concord" in text:
        return Trust.CERTAIN
    if any(name in text for name in ("nvivo", "atlas", "maxqda", "qualcoder")):
        return Trust.KNOWN
    return Trust.GUESS


def decode_plain_text(data: bytes) -> tuple[str, str, bool]:
    """Text of a plain text source file: (text, encoding, had_bom).

    REFI-QDA says UTF-8; UTF-16 with a BOM and Windows-1252 are accepted as well, since files made
    by hand or older tools carry them. The BOM is not part of the text.
    """
    if data.startswith(UTF8_BOM):
        return data[len(UTF8_BOM) :].decode("utf-8", errors="replace"), "utf-8-sig", True
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16", True
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252", False


@dataclass
class PlainText:
    """A source's text as its producer wrote it (``raw``) and as Concord stores it (``text``).

    ``text`` is what a .txt import of the same file would store (:func:`normalise_text`: LF line
    ends, NFC, no BOM or control characters, no trailing spaces, at most one blank line), and every
    boundary between raw characters knows where it falls in ``text`` (see :mod:`coding.refi.textmap`).
    Positions in any :class:`Units` are counted over the raw characters, then carried across.
    """

    text: str
    crlf_count: int
    lone_cr_count: int
    _raw_points: CodePoints = field(repr=False)
    _pair_cr: Mask = field(repr=False)  # the CR of each CR+LF pair
    _start_at: Offsets = field(repr=False)  # per raw boundary: text offset for a selection start
    _end_at: Offsets = field(repr=False)  # per raw boundary: text offset for a selection end
    _origin: Offsets = field(repr=False)  # per text character: the raw boundary where it begins
    _starts: dict[Units, Offsets] = field(default_factory=dict, repr=False)

    @classmethod
    def from_raw(cls, raw: str) -> PlainText:
        """Raises :class:`~coding.refi.textmap.TextMapError` in the (buggy) case the mapping fails."""
        points = np.frombuffer(raw.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
        is_cr = points == 13
        next_is_lf = np.zeros_like(is_cr)
        next_is_lf[:-1] = points[1:] == 10
        pair_cr = is_cr & next_is_lf
        mapped = normalise_mapped(raw)
        start_at, end_at = mapped.boundary_maps(len(points))
        return cls(
            text=mapped.text,
            crlf_count=int(pair_cr.sum()),
            lone_cr_count=int((is_cr & ~next_is_lf).sum()),
            _raw_points=points,
            _pair_cr=pair_cr,
            _start_at=start_at,
            _end_at=end_at,
            _origin=mapped.origin_start,
        )

    def __len__(self) -> int:
        return len(self.text)

    @property
    def has_astral(self) -> bool:
        """Characters beyond the BMP (emoji, rare CJK) count 2 in UTF-16."""
        return bool((self._raw_points > 0xFFFF).any())

    def widths(self, units: Units) -> Offsets:
        """How many units each raw character takes."""
        widths = np.ones(len(self._raw_points), dtype=np.int64)
        if units in (Units.UTF16, Units.UTF16_LF):
            widths += self._raw_points > 0xFFFF
        if units in (Units.CODEPOINTS_LF, Units.UTF16_LF):
            widths[self._pair_cr] = 0  # a CR+LF line break counts once
        return widths

    def starts(self, units: Units) -> Offsets:
        """Unit offset at each boundary between raw characters (length ``len(raw) + 1``)."""
        cached = self._starts.get(units)
        if cached is None:
            cached = np.concatenate(([0], np.cumsum(self.widths(units)))).astype(np.int64)
            self._starts[units] = cached
        return cached

    def to_chars(
        self, units: Units, positions: Offsets, *, is_end: bool
    ) -> tuple[Offsets, Mask, Mask]:
        """Map unit positions to character offsets of ``text``.

        Returns (offsets, inexact, out_of_range). A position inside a character (between the two
        halves of a surrogate pair, between CR and LF, inside a run NFC rewrote) is ``inexact``: a
        start moves back to the character's beginning, an end forward to its end. A position next
        to characters the normalisation removed falls where they were. Out-of-range offsets are clipped.
        """
        starts = self.starts(units)
        positions = np.asarray(positions, dtype=np.int64)
        out_of_range = (positions < 0) | (positions > starts[-1])
        clipped = np.clip(positions, 0, starts[-1])
        index = np.searchsorted(starts, clipped, side="left")  # the first boundary at or after it
        exact = starts[index] == clipped
        if is_end:
            boundary = index
        else:
            boundary = np.where(exact, index, index - 1)
        offsets = (self._end_at if is_end else self._start_at)[boundary]
        split = self._start_at[boundary] != self._end_at[boundary]
        return offsets, (~exact | split) & ~out_of_range, out_of_range

    def from_chars(self, units: Units, offsets: Offsets) -> Offsets:
        """Character offsets of ``text`` as positions in ``units`` (where each character begins in the raw text)."""
        boundaries = np.append(self._origin, len(self._raw_points)).astype(np.int64)
        return self.starts(units)[boundaries[np.asarray(offsets, dtype=np.int64)]]


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def _positions_of(text: str, pattern: re.Pattern[str] | str) -> Offsets:
    if isinstance(pattern, str):
        found, start = [], text.find(pattern)
        while start >= 0:
            found.append(start)
            start = text.find(pattern, start + 1)
        return np.array(found, dtype=np.int64)
    return np.array([match.start() for match in pattern.finditer(text)], dtype=np.int64)


def export_positions(text: str, flavour: Flavour, offsets: Offsets) -> Offsets:
    """Positions to write for Concord offsets into ``text`` under an export flavour.

    CRLF/UTF-16: each LF before an offset gains a CR and each character beyond the BMP a second
    unit, so the position is the offset plus how many of those precede it — two binary searches,
    no per-character arrays (a 5,000-interview export calls this for every document).
    """
    offsets = np.asarray(offsets, dtype=np.int64)
    if flavour is Flavour.STANDARD:
        return offsets
    extra = np.searchsorted(_positions_of(text, "\n"), offsets, side="left")
    if not text.isascii() and _ASTRAL_RE.search(text):
        extra = extra + np.searchsorted(_positions_of(text, _ASTRAL_RE), offsets, side="left")
    return offsets + extra


def export_text(text: str, flavour: Flavour) -> bytes:
    """The plain text file for a document under an export flavour."""
    if flavour is Flavour.STANDARD:
        return text.encode("utf-8", errors="surrogatepass")
    return UTF8_BOM + text.replace("\n", "\r\n").encode("utf-8", errors="surrogatepass")


# -- deciding the units of a file -------------------------------------------------------------------
@dataclass(frozen=True)
class UnitsDecision:
    units: Units
    confident: bool
    reason: str
    overrode_producer: bool = False


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and not _is_cjk(ch)


def _at_boundary(text: str, offset: int) -> bool:
    if offset <= 0 or offset >= len(text):
        return True
    return not (_is_word_char(text[offset - 1]) and _is_word_char(text[offset]))


def _squash(value: str) -> str:
    text = " ".join(value.split())
    for tail in ("...", "…"):
        if text.endswith(tail):
            text = text[: -len(tail)].rstrip()
    return text


def _name_matches(name: str | None, quote: str) -> bool:
    """Whether a selection name repeats (the start of) the selected text."""
    if not name:
        return False
    squashed_name, squashed_quote = _squash(name), _squash(quote)
    if len(squashed_name) < 4 or not squashed_quote:
        return False
    if squashed_quote.startswith(squashed_name):
        return True
    return len(squashed_quote) >= 4 and squashed_name.startswith(squashed_quote)


@dataclass
class _Evidence:
    units: list[Units]
    starts: Offsets
    ends: Offsets
    out_of_range: int
    inexact: int
    names: int
    bounds: int

    @property
    def score(self) -> int:
        return 10 * self.names + self.bounds - 20 * self.out_of_range - 3 * self.inexact


def _sample(count: int) -> Offsets:
    if count <= DETECTION_SAMPLE:
        return np.arange(count)
    return np.linspace(0, count - 1, DETECTION_SAMPLE).astype(np.int64)


def _evidence(
    plain: PlainText, units: Units, starts: Offsets, ends: Offsets, names: list[str | None]
) -> _Evidence:
    s, s_inexact, s_out = plain.to_chars(units, starts, is_end=False)
    e, e_inexact, e_out = plain.to_chars(units, ends, is_end=True)
    out = s_out | e_out | (s > e)
    text = plain.text
    name_hits = bounds = 0
    for i in range(len(s)):
        if out[i]:
            continue
        start, end = int(s[i]), int(e[i])
        name_hits += _name_matches(names[i], text[start:end])
        bounds += _at_boundary(text, start) + _at_boundary(text, end)
    return _Evidence([units], s, e, int(out.sum()), int((s_inexact | e_inexact).sum()), name_hits, bounds)


def choose_units(
    plain: PlainText,
    starts: Offsets,
    ends: Offsets,
    names: list[str | None],
    prior: Units,
    trust: Trust = Trust.GUESS,
) -> UnitsDecision:
    """Decide which units one source's selections use: the producer's, unless the data say otherwise.

    ``starts``/``ends``/``names`` are the source's selections as written in the file. The evidence
    needed to override the producer grows with ``trust``; a CERTAIN producer is never overridden.
    """
    if trust is Trust.CERTAIN:
        return UnitsDecision(prior, True, "the file names its units")
    order = [prior] + [units for units in Units if units is not prior]
    # Ways of counting that coincide for this text (no CRLF, no emoji …) need no decision.
    distinct: list[Units] = []
    for units in order:
        if not any(np.array_equal(plain.starts(units), plain.starts(seen)) for seen in distinct):
            distinct.append(units)
    if len(distinct) == 1 or len(starts) == 0:
        return UnitsDecision(prior, True, "every way of counting agrees for this text")
    sample = _sample(len(starts))
    sample_starts, sample_ends = np.asarray(starts)[sample], np.asarray(ends)[sample]
    sample_names = [names[i] for i in sample]
    groups: list[_Evidence] = []
    for units in distinct:
        found = _evidence(plain, units, sample_starts, sample_ends, sample_names)
        for group in groups:
            if np.array_equal(group.starts, found.starts) and np.array_equal(group.ends, found.ends):
                group.units.append(units)
                break
        else:
            groups.append(found)
    prior_group = next(group for group in groups if prior in group.units)
    if len(groups) == 1:
        return UnitsDecision(prior, True, "the selections read the same in every way of counting")
    ranked = sorted(groups, key=lambda group: group.score, reverse=True)
    best, runner_up = ranked[0], ranked[1]
    share = 0.2 if trust is Trust.KNOWN else 0.05
    margin = max(4 if trust is Trust.KNOWN else 2, int(np.ceil(share * len(sample))))

    def describe(group: _Evidence) -> str:
        parts = [f"{group.names} of {len(sample)} selection names match the text"] if group.names else []
        parts.append(f"{group.bounds} of {2 * len(sample)} ends at word bounds")
        if group.out_of_range:
            parts.append(f"{group.out_of_range} beyond the text")
        if group.inexact:
            parts.append(f"{group.inexact} inside a character")
        return ", ".join(parts)

    named = sum(1 for name in sample_names if name and len(_squash(name)) >= 4)
    if (
        named
        and prior_group.names >= 0.9 * named
        and not prior_group.out_of_range
        and all(group.names <= prior_group.names for group in groups)
    ):  # the names repeat the text the producer's units select: nothing better to ask for
        return UnitsDecision(prior, True, describe(prior_group))
    if best is prior_group:
        confident = best.score - runner_up.score >= margin
        return UnitsDecision(prior, confident, describe(best))
    if best.score - prior_group.score >= margin:
        return UnitsDecision(best.units[0], True, describe(best), overrode_producer=True)
    if prior_group.out_of_range > best.out_of_range:
        return UnitsDecision(best.units[0], False, describe(best), overrode_producer=True)
    return UnitsDecision(prior, False, describe(prior_group))


__all__ = [
    "PlainText",
    "Trust",
    "Units",
    "UnitsDecision",
    "choose_units",
    "decode_plain_text",
    "export_positions",
    "export_text",
    "producer_trust",
    "producer_units",
]
