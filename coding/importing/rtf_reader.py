"""The text of an RTF file, read with striprtf.

striprtf (maintained, pure Python) decodes ``\\uN`` characters and ``\\'xx`` bytes in the document's code page
(``\\ansicpg936`` and fonts with ``\\fcharset134`` are GBK, so Chinese RTF from Word or WPS reads right), and
leaves out pictures, headers, footers, footnotes, comments and field instructions. Paragraphs become blocks with a
blank line between, as a .docx's do; a table cell's end becomes a tab, so a row is one tab-separated line.
"""

from __future__ import annotations

import re
from pathlib import Path

from coding.errors import ImportFileError
from coding.importing.options import ImportOptions
from coding.importing.sources import ReadText, join_blocks
from coding.i18n import translate

_RTF_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*\{\\rtf", re.ASCII)
_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")
# striprtf writes "|" for a cell's end: a tab keeps a row's cells apart without adding a character to the text.
_CELL_END = re.compile(r"\\cell(?![a-zA-Z])\s?")


def read_rtf(path: Path, data: bytes, options: ImportOptions) -> ReadText:
    if not _RTF_START.match(data[:64]):
        raise ImportFileError(path, translate(
            "errors", "not an RTF file (it does not start with {{\\rtf; a renamed file?)").format())  # {{: a brace
    from striprtf.striprtf import rtf_to_text

    source = _decoded(path, data)
    try:
        text: str = rtf_to_text(  # type: ignore[no-untyped-call]  # striprtf's function has no annotations
            _CELL_END.sub(r"\\tab ", source), errors="strict")
    except (UnicodeDecodeError, LookupError) as exc:
        raise ImportFileError(path, translate(
            "errors", "damaged RTF file (text not in its declared code page: {exc})").format(exc=exc)) from None
    except (ValueError, IndexError, RecursionError) as exc:
        raise ImportFileError(path, translate(
            "errors", "damaged RTF file ({name__}: {exc})").format(name__=exc.__class__.__name__, exc=exc)) from None
    return ReadText(join_blocks(text.split("\n")), _code_page_name(data))


def _decoded(path: Path, data: bytes) -> str:
    """RTF is 7-bit text with escapes; bytes over 127 written raw (older writers) are in the document's code page."""
    if data.isascii():
        return data.decode("ascii")
    encoding = _code_page_name(data) or "cp1252"
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ImportFileError(path, translate(
            "errors", "damaged RTF file (bytes that are not {encoding}, its code page)").format(encoding=encoding)) from None


def _code_page_name(data: bytes) -> str:
    """The document's ANSI code page (\\ansicpgN) as a Python codec name, or "" when it names none."""
    found = _CODE_PAGE.search(data[:4096])
    return f"cp{int(found.group(1))}" if found else ""


__all__ = ["read_rtf"]
