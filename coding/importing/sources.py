"""The readers of the formats beside .docx and .txt — PDF, ODT, RTF, HTML and Markdown — by format name, and
what every reader gives back: the text (blocks with blank lines between, as a .docx gives) and, for a PDF, where
each page begins and ends in it.

Each reader module is imported only when a file of its kind is read (pdfminer, odfpy, striprtf and
markdown-it are not on the desktop app's start path).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from coding.importing.options import ImportOptions

#: The media type each format's original is stored under (``DocumentOriginal.media_type``).
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain",
    "md": "text/markdown",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
    "html": "text/html",
}


@dataclass(frozen=True)
class PageSpan:
    """Where a page of the original begins and ends in the text (string offsets); ``label`` as printed."""

    label: str
    start: int
    end: int


@dataclass(frozen=True)
class ReadText:
    """What a reader made of a file: its text, the encoding it was read in ("" for binary formats), its pages."""

    text: str
    encoding: str = ""
    pages: tuple[PageSpan, ...] = ()


Reader = Callable[[Path, bytes, ImportOptions], ReadText]


def join_blocks(blocks: Iterable[str]) -> str:
    """Blocks (paragraphs, headings, list items, table rows) as a .docx is read: stripped, blank lines between,
    empty ones left out."""
    return "\n\n".join(block for block in (block.strip() for block in blocks) if block)

# format -> (module, function); the function is a Reader.
_READERS = {
    "pdf": ("coding.importing.pdf_reader", "read_pdf"),
    "odt": ("coding.importing.odt_reader", "read_odt"),
    "rtf": ("coding.importing.rtf_reader", "read_rtf"),
    "html": ("coding.importing.html_reader", "read_html"),
    "md": ("coding.importing.html_reader", "read_markdown"),
}


def reader_for(file_format: str) -> Reader | None:
    """The reader of a format, or None for the formats read.py reads itself (.docx, .txt)."""
    if file_format not in _READERS:
        return None
    module, name = _READERS[file_format]
    reader: Reader = getattr(importlib.import_module(module), name)
    return reader


def media_type(file_format: str) -> str:
    return MEDIA_TYPES.get(file_format, "application/octet-stream")


__all__ = ["MEDIA_TYPES", "PageSpan", "ReadText", "Reader", "join_blocks", "media_type", "reader_for"]
