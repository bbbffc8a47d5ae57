"""PDF transcripts written at test time with reportlab (a test dependency): the layouts a PDF reader must get
right — running headers and footers with page numbers, words hyphenated at line ends, two columns drawn line by
line across the page (the content stream's order is not the reading order), printed page labels, Chinese text —
and the files it must refuse (no text layer, encrypted, damaged)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
MARGIN = 56
LINE = 14
HEADER = "Medical alliance study - interview transcript"


@dataclass(frozen=True)
class Turn:
    speaker: str
    words: str


def transcript_turns(count: int, seed: int = 0) -> list[Turn]:
    """Speaker turns with long words that end up hyphenated at line ends."""
    topics = ("governance", "accountability", "reimbursement", "decentralisation", "responsibilities",
              "administration", "collaboration", "infrastructure", "understanding", "organisational")
    turns = []
    for index in range(count):
        speaker = "Interviewer" if index % 2 == 0 else "P01"
        words = " ".join(
            f"the {topics[(index + seed + k) % len(topics)]} of hospital number {index * 7 + k} was discussed"
            for k in range(4 + index % 3)
        )
        turns.append(Turn(speaker, f"{words}."))
    return turns


def _hyphenated_lines(text: str, width: float, size: float) -> list[str]:
    """Wrap ``text`` to ``width`` points as a typesetter would, splitting a long word that does not fit with a
    hyphen ("govern-" / "ance")."""
    def fits(line: str) -> bool:
        return stringWidth(line, "Helvetica", size) <= width

    lines: list[str] = []
    words = text.split()
    current = ""
    while words:
        word = words.pop(0)
        candidate = f"{current} {word}".strip()
        if fits(candidate):
            current = candidate
            continue
        head = next((k for k in range(len(word) - 3, 3, -1) if fits(f"{current} {word[:k]}-".strip())), 0)
        if len(word) >= 10 and head:
            lines.append(f"{current} {word[:head]}-".strip())
            words.insert(0, word[head:])
            current = ""
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def transcript_lines(turns: Sequence[Turn], width: float, size: float) -> list[str]:
    """The lines of the turns, a blank line between turns."""
    lines: list[str] = []
    for turn in turns:
        lines += _hyphenated_lines(f"{turn.speaker}: {turn.words}", width, size)
        lines.append("")
    return lines


def _running_text(canvas: Canvas, page: int, header: str = HEADER) -> None:
    canvas.setFont("Helvetica", 9)
    canvas.drawString(MARGIN, HEIGHT - 36, header)
    canvas.drawCentredString(WIDTH / 2, 30, f"Page {page}")


def one_column_pages(turns: Sequence[Turn]) -> list[list[str]]:
    """The body lines :func:`one_column_pdf` draws on each page."""
    lines = transcript_lines(turns, WIDTH - 2 * MARGIN, 11)
    per_page = int((HEIGHT - 2 * MARGIN - 20) // LINE)
    return [lines[start:start + per_page] for start in range(0, len(lines), per_page)]


def one_column_pdf(turns: Sequence[Turn], *, page_labels: str | None = None, header: str = HEADER) -> bytes:
    """One column, a running header and "Page N" footer on every page; ``page_labels="roman"`` prints i, ii …"""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    if page_labels == "roman":  # i, ii, then 1, 2 …: front matter, as a book prints it
        canvas.addPageLabel(0, style="ROMAN_LOWER")
        canvas.addPageLabel(2, style="ARABIC", start=1)
    for page, page_lines in enumerate(one_column_pages(turns), start=1):
        _running_text(canvas, page, header)
        canvas.setFont("Helvetica", 11)
        y = HEIGHT - MARGIN - 20
        for line in page_lines:
            canvas.drawString(MARGIN, y, line)
            y -= LINE
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def two_column_pdf(turns: Sequence[Turn], gutter: float = 36) -> bytes:
    """Two columns per page (``gutter`` points apart: Word's default is 36), drawn a row at a time across both
    (left line, right line, left line …), so that the content stream's order is not the reading order."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    column_width = (WIDTH - 2 * MARGIN - gutter) / 2
    lines = transcript_lines(turns, column_width, 10)
    per_column = int((HEIGHT - 2 * MARGIN - 20) // LINE)
    column_x = (MARGIN, MARGIN + column_width + gutter)
    for page, start in enumerate(range(0, len(lines), 2 * per_column), start=1):
        _running_text(canvas, page)
        canvas.setFont("Helvetica", 10)
        left = lines[start:start + per_column]
        right = lines[start + per_column:start + 2 * per_column]
        for row in range(per_column):
            y = HEIGHT - MARGIN - 20 - row * LINE
            for x, column in zip(column_x, (left, right), strict=True):
                if row < len(column) and column[row]:
                    canvas.drawString(x, y, column[row])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def chinese_pdf(paragraphs: Sequence[str], *, per_page: int = 40, running: bool = True) -> bytes:
    """Chinese paragraphs wrapped character by character to the page width (as Word wraps Chinese), a blank line
    between them, ``per_page`` lines a page; a running header and page number on each page if ``running``."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    font, size = "STSong-Light", 12
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    lines: list[str] = []
    for paragraph in paragraphs:
        current = ""
        for character in paragraph:
            if current and stringWidth(current + character, font, size) > WIDTH - 2 * MARGIN:
                lines.append(current)
                current = ""
            current += character
        lines += [current, ""]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page, start in enumerate(range(0, len(lines), per_page), start=1):
        if running:
            _running_text(canvas, page)
        canvas.setFont(font, size)
        y = HEIGHT - MARGIN - 20
        for line in lines[start:start + per_page]:
            canvas.drawString(MARGIN, y, line)
            y -= LINE + 4
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages with drawings only: what a scanner without OCR makes (no text layer)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in range(pages):
        for row in range(30):
            canvas.rect(MARGIN, HEIGHT - MARGIN - row * 20, 300 + (row * 37 + page) % 150, 8, fill=1)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def encrypted_pdf(text: str, *, user_password: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, encrypt=None)
    canvas.setEncrypt(_encryption(user_password))
    for y, line in enumerate(textwrap.wrap(text, 80)):
        canvas.drawString(MARGIN, HEIGHT - MARGIN - y * LINE, line)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _encryption(user_password: str) -> object:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=1)


def blank_pages_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for _ in range(pages):
        canvas.drawString(MARGIN, HEIGHT - MARGIN, "x")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
