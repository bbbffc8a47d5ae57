"""Read a source file into text: .docx through python-docx, .txt/.md through a short list of encodings.

Every refusal is an :class:`ImportFileError` whose message starts with the file's path.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml.etree import _Element

from coding.archives import ArchiveLimits, check_members
from coding.errors import ImportFileError
from coding.importing.options import SUPPORTED_SUFFIXES

# Byte-order marks, checked before anything else: a BOM says what the file is.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_WITHOUT_BOM = ("utf-8", "gb18030")
# Control characters that do not occur in text (tab, line feed, VT, FF and CR do).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BINARY_CONTROL_SHARE = 0.10
BINARY_SAMPLE_CHARS = 1 << 20

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
# Elements that only wrap content (content controls, custom XML): look inside them.
_WRAPPERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")})
# A paragraph's runs wherever they sit (hyperlinks, tracked insertions, content controls, fields), but not
# deleted text, text boxes (their own paragraphs) or ruby annotations above CJK characters.
_VISIBLE_RUNS = ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent or ancestor::w:rt)]"


@dataclass(frozen=True)
class SourceText:
    """A file's text as read (not yet normalised) and what we know about its bytes."""

    path: Path
    format: str  # docx | txt | md
    text: str
    encoding: str  # "" for .docx
    sha256: str
    size: int


def source_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "without an extension"
        raise ImportFileError(path, f"unsupported file type {shown} (Concord imports .docx, .txt, .md)")
    return SUPPORTED_SUFFIXES[suffix]


def read_source(path: Path, max_bytes: int) -> SourceText:
    file_format = source_format(path)
    data = read_bytes(path, max_bytes)
    if file_format == "docx":
        text, encoding = docx_text(path, data), ""
    else:
        text, encoding = decode_text(path, data)
    return SourceText(path, file_format, text, encoding, hashlib.sha256(data).hexdigest(), len(data))


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportFileError(path, "is a folder, not a file")
        if size == 0:
            raise ImportFileError(path, "empty file")
        if size > max_bytes:
            raise ImportFileError(path, f"file is {human_size(size)}, over the import limit of {human_size(max_bytes)}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(path, "no such file") from None
    except OSError as exc:
        raise ImportFileError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:  # emptied since stat()
        raise ImportFileError(path, "empty file")
    return data


def human_size(n_bytes: int) -> str:
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    if n_bytes < 1024 * 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{n_bytes / (1024 * 1024):.1f} MB"


# -- plain text ----------------------------------------------------------------------------------
def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding that decoded it (utf-8, utf-8-sig, utf-16-le/be, gb18030)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            candidates: tuple[str, ...] = (encoding,)
            body = data[len(bom) :]
            break
    else:
        # UTF-16 without a BOM is refused here too: half its bytes are NUL for Latin text.
        _refuse_binary(path, data[:BINARY_SAMPLE_CHARS].decode("latin-1"), has_nul=b"\x00" in data)
        candidates, body = _WITHOUT_BOM, data
    for encoding in candidates:
        try:
            text = body.decode(encoding.removesuffix("-sig"))
        except UnicodeDecodeError:
            continue
        _refuse_binary(path, text[:BINARY_SAMPLE_CHARS], has_nul="\x00" in text)
        return text, encoding
    tried = ", ".join(candidates)
    raise ImportFileError(path, f"cannot decode the text as {tried}; save it as UTF-8 and import it again")


def _refuse_binary(path: Path, sample: str, *, has_nul: bool) -> None:
    if has_nul:
        raise ImportFileError(path, "not a text file (it contains NUL bytes; binary data or UTF-16 without a BOM)")
    if sample and len(_BINARY_CONTROL.findall(sample)) / len(sample) > BINARY_CONTROL_SHARE:
        raise ImportFileError(path, "not a text file (too many control characters; binary data?)")


# -- Word ----------------------------------------------------------------------------------------
# python-docx holds the whole package in memory: a transcript's XML is a few MB, so refuse bombs early.
DOCX_LIMITS = ArchiveLimits(max_members=10_000, max_total_bytes=1 << 30, max_member_bytes=512 << 20)


def docx_text(path: Path, data: bytes) -> str:
    """Body paragraphs, headings and table rows in document order, one block each, blank lines between."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(path, "not a .docx file (not a ZIP package; an old .doc or a renamed file?)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(check_members(path, package.infolist(), DOCX_LIMITS))
        if "word/document.xml" not in names:
            raise ImportFileError(path, "not a Word document (word/document.xml is missing from the package)")
        document = docx.Document(io.BytesIO(data))
        blocks = [block.strip() for block in _blocks(document.element.body)]
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFileError(path, f"damaged .docx file (broken ZIP package: {exc})") from exc
    except Exception as exc:  # python-docx and lxml raise many kinds for malformed parts
        raise ImportFileError(path, f"damaged .docx file ({exc.__class__.__name__}: {exc})") from exc
    return "\n\n".join(block for block in blocks if block)


def _content(element: _Element, tags: frozenset[str]) -> Iterator[_Element]:
    for child in element.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _content(child, tags)


_BLOCK_TAGS, _ROW_TAGS, _CELL_TAGS = frozenset({W_P, W_TBL}), frozenset({W_TR}), frozenset({W_TC})


def _blocks(container: _Element) -> Iterator[str]:
    """Each paragraph's text; each table row as its cells' text joined by tabs."""
    for element in _content(container, _BLOCK_TAGS):
        if element.tag == W_P:
            # python-docx's run elements render w:t, w:tab and w:br as text, "\t" and "\n".
            yield "".join(run.text for run in element.xpath(_VISIBLE_RUNS))
            continue
        for row in _content(element, _ROW_TAGS):
            # Each w:tc once: a horizontally merged cell is one element (python-docx's row.cells repeats it).
            yield "\t".join(_cell_text(cell) for cell in _content(row, _CELL_TAGS))


def _cell_text(cell: _Element) -> str:
    return " ".join(filter(None, (block.strip() for block in _blocks(cell))))


__all__ = ["SourceText", "decode_text", "docx_text", "human_size", "read_bytes", "read_source", "source_format"]
