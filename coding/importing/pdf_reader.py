"""The text of a PDF, page by page, in reading order, with where each page begins in it.

pdfminer.six was chosen by measurement (docs/formats.md): its layout analysis puts two columns drawn a line at a
time across the page back in reading order, where pypdf, pypdfium2 and pdfplumber give the content stream's order
(about half the words out of place). ``char_margin`` is raised from 2 to 3 so that justified lines, whose word gaps
are wide, stay one line.

On top of pdfminer's text boxes: running headers and footers (a line at the top or bottom of most pages, page
numbers counted as equal) are dropped; a word hyphenated at a line end, a column end or a page end is joined again
when the next line goes on in lower case; lines of a paragraph are joined with a space (none between Chinese
characters), and a line that opens a speaker turn starts a line of its own. The text comes out already in
:func:`~coding.importing.normalise.normalise_text`'s form, so the page offsets hold for the stored document.

Refused, naming the file: not a PDF, damaged, encrypted with a password, over ``ImportOptions.max_pages`` pages or
``max_chars`` characters, and a PDF without a text layer ("no text layer (scanned?)").
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from coding.errors import ImportFileError
from coding.importing.normalise import normalise_text
from coding.importing.options import ImportOptions, raise_hint
from coding.importing.sources import PageSpan, ReadText
from coding.importing.turns import compile_turn_pattern
from coding.i18n import translate

MAX_LABEL_CHARS = 32  # DocumentPage.label
#: A PDF with fewer characters of text than this in all is taken for a scan without a text layer.
MIN_TEXT_CHARS = 20
#: Lines looked at for running headers (top of a page) and footers (bottom).
RUNNING_LINES = 2
#: A line is a running header or footer when it stands at the top or bottom of at least this share of the pages.
RUNNING_SHARE = 0.6
#: How much room (in average character widths, times the next word's length) a line must have left at its end to
#: be taken as ended on purpose rather than wrapped: proportional fonts make the estimate rough.
FIT_MARGIN = 1.5

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
_DIGITS = re.compile(r"\d+")
_HYPHENATED = re.compile(r"[^\W\d_]-$")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_SENTENCE_END = re.compile(r"[.!?:;。！？：；…\"”’)）]$")


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the page's top (PDF y grows upwards)
    box: int  # the text box it belongs to, numbered through the document
    box_width: float
    box_x1: float


@dataclass
class _Page:
    label: str
    lines: list[_Line] = field(default_factory=list)


def read_pdf(path: Path, data: bytes, options: ImportOptions) -> ReadText:
    """The PDF's text and pages, or an :class:`ImportFileError` naming the file and the problem."""
    if b"%PDF-" not in data[:1024]:
        raise ImportFileError(path, translate("errors", "not a PDF file (no %PDF header; a renamed file?)"))
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on odd but readable files are noise
    pages = _pages(path, data, options)
    characters = sum(len(line.text) for page in pages for line in page.lines)
    if characters < MIN_TEXT_CHARS:
        raise ImportFileError(
            path, translate(
                "errors", "no text layer (scanned?): {value} page(s) with {characters} characters of text; run text "
                "recognition (OCR) on it first").format(value=len(pages), characters=characters)
        )
    _drop_running_lines(pages)
    text, spans = _assemble(pages, options)
    return ReadText(text, "", spans)


# -- reading with pdfminer -----------------------------------------------------------------------
def _pages(path: Path, data: bytes, options: ImportOptions) -> list[_Page]:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return list(_read_pages(path, data, options))
    except ImportFileError:
        raise
    except PDFPasswordIncorrect:
        raise ImportFileError(path, translate(
            "errors", "encrypted PDF: it needs a password to open; save it without one and import that copy")) from None
    except PDFEncryptionError as exc:
        raise ImportFileError(path, translate(
            "errors", "encrypted PDF in a way Concord cannot read ({exc})").format(exc=exc)) from None
    except RecursionError:
        raise ImportFileError(path, translate("errors", "damaged PDF (its objects refer to each other in a loop)")) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files (PSEOF, PDFSyntaxError, KeyError …)
        raise ImportFileError(path, translate(
            "errors", "damaged PDF ({name__}: {exc})").format(name__=exc.__class__.__name__, exc=exc)) from None


def _read_pages(path: Path, data: bytes, options: ImportOptions) -> Iterator[_Page]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    count = _page_count(document)
    if count is not None and count > options.max_pages:
        _refuse_pages(path, count, options)
    labels = _page_labels(document, count)
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams(char_margin=3.0, boxes_flow=-0.5))
    interpreter = PDFPageInterpreter(resources, device)
    characters, boxes = 0, 0
    for index, page in enumerate(PDFPage.create_pages(document)):
        if index >= options.max_pages:
            _refuse_pages(path, index + 1, options)
        interpreter.process_page(page)
        layout = device.get_result()
        read = _Page(labels[index] if index < len(labels) else str(index + 1))
        boxes = _collect_lines(layout, read, boxes)
        characters += sum(len(line.text) for line in read.lines)
        if characters > options.max_chars:
            raise ImportFileError(path, translate(
                "errors", "more than {max_chars:,} characters of text, over the limit ({value})").format(
                max_chars=options.max_chars, value=raise_hint('max_chars')))
        yield read


def _page_count(document: Any) -> int | None:
    """The page count the catalog declares (read before any page is), if it declares one."""
    from pdfminer.pdftypes import resolve1

    pages = resolve1(document.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) else None


def _page_labels(document: Any, count: int | None) -> list[str]:
    """The labels printed on the pages (i, ii, 1, 2 … from the PDF's /PageLabels), or none."""
    from pdfminer.pdfdocument import PDFNoPageLabels

    if count is None:
        return []
    try:
        labels: Iterator[str] = document.get_page_labels()
        return [str(label)[:MAX_LABEL_CHARS] for label in islice(labels, count)]
    except PDFNoPageLabels:
        return []
    except Exception:  # a damaged label tree: the pages are still readable, numbered 1, 2, …
        return []


def _refuse_pages(path: Path, count: int, options: ImportOptions) -> None:
    raise ImportFileError(path, translate(
        "errors", "{count:,} pages, over the limit of {max_pages:,} ({value})").format(
        count=count, max_pages=options.max_pages, value=raise_hint('max_pages')))


def _collect_lines(layout: Any, page: _Page, boxes: int) -> int:
    """The page's text lines, box by box in pdfminer's reading order; returns the boxes numbered so far."""
    from pdfminer.layout import LTTextBox

    for item in layout:
        if not isinstance(item, LTTextBox):
            continue
        boxes += 1
        for line in item:  # a text box holds text lines only
            text = _clean(line.get_text())
            if text:
                page.lines.append(_Line(text, line.x0, line.x1, layout.y1 - line.y1, boxes, item.width, item.x1))
    return boxes


def _clean(text: str) -> str:
    """One line in normalise_text's form: ligatures spelt out, no controls, single spaces, NFC."""
    text = _CONTROL.sub("", text.translate(_LIGATURES))
    return unicodedata.normalize("NFC", " ".join(text.split()))


# -- running headers and footers -----------------------------------------------------------------
def _drop_running_lines(pages: list[_Page]) -> None:
    """Drop lines found at the top or bottom of most pages (digits counted as equal: "Page 3", "Page 4")."""
    if len(pages) < 2:
        return
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_signature(line.text) for line in _edge_lines(page)})
    needed = max(2, RUNNING_SHARE * len(pages))
    running = {signature for signature, count in seen.items() if count >= needed}
    if not running:
        return
    for page in pages:
        edges = {id(line) for line in _edge_lines(page) if _signature(line.text) in running}
        page.lines = [line for line in page.lines if id(line) not in edges]


def _edge_lines(page: _Page) -> list[_Line]:
    by_height = sorted(page.lines, key=lambda line: line.top)
    if len(by_height) <= 2 * RUNNING_LINES:
        return by_height
    return by_height[:RUNNING_LINES] + by_height[-RUNNING_LINES:]


def _signature(text: str) -> str:
    return _DIGITS.sub("#", text.casefold())


# -- the text ------------------------------------------------------------------------------------
@dataclass
class _Text:
    """The text as it grows, with where each page's text begins and ends."""

    pieces: list[str] = field(default_factory=list)
    length: int = 0
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def add(self, joiner: str, text: str, page: int) -> None:
        if not self.pieces:
            joiner = ""
        self.pieces += [joiner, text]
        self.length += len(joiner)
        if self.starts[page] < 0:
            self.starts[page] = self.length
        self.length += len(text)
        self.ends[page] = self.length

    def drop_last_hyphen(self) -> None:
        """The hyphen ending the last piece goes: the word goes on in the next one."""
        self.pieces[-1] = self.pieces[-1][:-1]
        self.ends = [end - 1 if end == self.length else end for end in self.ends]
        self.length -= 1


def _assemble(pages: list[_Page], options: ImportOptions) -> tuple[str, tuple[PageSpan, ...]]:
    turn_start = compile_turn_pattern(options.turn_pattern)
    built = _Text(starts=[-1] * len(pages), ends=[-1] * len(pages))
    previous: _Line | None = None
    for number, page in enumerate(pages):
        for first, line in enumerate(page.lines):
            if previous is not None and _HYPHENATED.search(previous.text) and line.text[:1].islower():
                built.drop_last_hyphen()
                built.add("", line.text, number)
            else:
                built.add(_joiner(previous, line, turn_start, new_page=first == 0), line.text, number)
            previous = line
    text = "".join(built.pieces)
    if normalise_text(text) != text:  # cannot happen by construction; offsets would be off, so keep none
        return normalise_text(text), ()
    return text, tuple(_spans(pages, built))


def _joiner(previous: _Line | None, line: _Line, turn_start: re.Pattern[str], *, new_page: bool = False) -> str:
    """What goes between two lines: nothing, a space, a line break or (between blocks) a blank line."""
    if previous is None:
        return ""
    if turn_start.match(line.text):
        return "\n" if previous.box == line.box else "\n\n"
    chinese = bool(_CJK.match(line.text) or _CJK.search(previous.text[-1:]))  # no space beside a CJK character
    if previous.box != line.box:
        # A paragraph goes on in the next column or on the next page when the line before is full. On the same
        # page a new text box is a new paragraph unless the text goes on mid-sentence (in lower case or Chinese);
        # across a page break any sentence may go on.
        mid_sentence = (line.text[:1].islower() or chinese) and not _SENTENCE_END.search(previous.text)
        if (new_page or mid_sentence) and not _next_word_fitted(previous, line):
            return "" if chinese else " "
        return "\n\n"
    if _next_word_fitted(previous, line):
        return "\n"
    return "" if chinese else " "


def _next_word_fitted(previous: _Line, line: _Line) -> bool:
    """Whether the line's first word would have fitted at the end of the line before: then that line was ended
    on purpose (a paragraph's or a verse line's end), not wrapped."""
    char_width = (previous.x1 - previous.x0) / max(len(previous.text), 1)
    first_word = line.text.split(" ", 1)[0]
    room = previous.box_x1 - previous.x1
    return room > (len(first_word) + 1) * char_width * FIT_MARGIN


def _spans(pages: list[_Page], built: _Text) -> Iterator[PageSpan]:
    """Each page from where its text begins to where it ends; a page without text is empty where it stands."""
    position = 0
    for number, page in enumerate(pages):
        if built.starts[number] >= 0:
            start, end = built.starts[number], built.ends[number]
        else:
            start = end = position
        position = end
        yield PageSpan(page.label, start, end)


__all__ = ["read_pdf"]
