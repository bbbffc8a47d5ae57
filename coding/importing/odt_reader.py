"""The text of an OpenDocument text file (.odt, LibreOffice's and Word's "ODF" format), read with odfpy.

As for a .docx: paragraphs, headings and list items in document order, one block each, and each table row as one
block of tab-separated cells. Kept out: footnotes and endnotes, comments, tracked deletions, tables of contents and
indexes (they repeat the headings), text boxes' frames are looked into. The package is checked before odfpy reads
it (sizes from the ZIP directory, no DTD), since odfpy parses every part whole.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coding.archives import ArchiveLimits, check_members, human_size
from coding.errors import ImportFileError
from coding.importing.options import ImportOptions, raise_hint
from coding.importing.sources import ReadText, join_blocks
from coding.i18n import translate

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
MAX_PACKAGE_MEMBERS = 10_000
MAX_SPACES = 1_000
_BLOCKS = {(TEXT, "p"), (TEXT, "h")}
# Not part of the running text: notes (footnotes, endnotes), comments, what tracked changes deleted, and the
# generated tables of contents and indexes.
_SKIPPED = {(TEXT, name) for name in (
    "note", "tracked-changes", "table-of-content", "alphabetical-index", "illustration-index", "table-index",
    "object-index", "user-index", "bibliography", "sequence-decls", "variable-decls", "user-field-decls",
)} | {("urn:oasis:names:tc:opendocument:xmlns:office:1.0", "annotation")}
_ROW_GROUPS = {(TABLE, name) for name in ("table-header-rows", "table-rows", "table-row-group")}
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def read_odt(path: Path, data: bytes, options: ImportOptions) -> ReadText:
    _check_package(path, data, options)
    from odf.opendocument import load  # type: ignore[import-untyped]  # odfpy ships no type hints

    try:
        document = load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises what zipfile or its XML parser raises on a broken part
        raise ImportFileError(path, translate(
            "errors", "damaged .odt file ({name__}: {exc})").format(name__=exc.__class__.__name__, exc=exc)) from None
    if document.mimetype != "application/vnd.oasis.opendocument.text":
        raise ImportFileError(path, translate(
            "errors", "not an OpenDocument text ({value}; a spreadsheet or presentation?)").format(
            value=document.mimetype or translate("importing", "no media type")))
    return ReadText(join_blocks(_blocks(document.text)))


def _check_package(path: Path, data: bytes, options: ImportOptions) -> None:
    """Sizes from the central directory and no DTD, before odfpy unpacks anything."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(path, translate(
            "errors", "not an .odt file (not a ZIP package; an old .sxw/.doc or a renamed file?)"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            total = sum(info.file_size for info in infos)
            if total > options.max_unpacked_bytes:
                raise ImportFileError(path, translate(
                    "errors", "the package expands to {value}, over the {value2} limit ({value3})").format(
                    value=human_size(total), value2=human_size(options.max_unpacked_bytes), value3=raise_hint('max_unpacked_bytes')))
            limits = ArchiveLimits(max_members=MAX_PACKAGE_MEMBERS, max_total_bytes=max(total, 1),
                                   max_member_bytes=options.max_xml_bytes)
            members = check_members(path, infos, limits)
            for name in ("content.xml", "styles.xml", "meta.xml", "settings.xml"):
                if name in members:
                    with package.open(members[name]) as part:
                        head = part.read(64 * 1024)
                    root = re.search(rb"<[^?!]", head)
                    if _DOCTYPE.search(head[: root.start() if root else len(head)]):
                        raise ImportFileError(path, translate(
                            "errors", "{name} declares a DTD (<!DOCTYPE …>), which no office suite writes; refused "
                            "as unsafe").format(name=name))
            if "content.xml" not in members:
                raise ImportFileError(path, translate(
                    "errors", "not an OpenDocument file (content.xml is missing from the package)"))
            manifest = members.get("meta-inf/manifest.xml")
            if manifest is not None and b"encryption-data" in package.read(manifest):
                raise ImportFileError(path, translate(
                    "errors", "encrypted .odt (saved with a password); save a copy without one and import that"))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFileError(path, translate(
            "errors", "damaged .odt file (broken ZIP package: {exc})").format(exc=exc)) from None


def _blocks(node: Any) -> Iterator[str]:
    """The blocks under ``node`` in document order."""
    for child in node.childNodes:
        name = getattr(child, "qname", None)
        if name is None or name in _SKIPPED:
            continue
        if name in _BLOCKS:
            yield _inline(child)
        elif name == (TABLE, "table"):
            yield from _rows(child)
        else:  # lists, list items, sections, frames, text boxes: look inside
            yield from _blocks(child)


def _rows(table: Any) -> Iterator[str]:
    for child in table.childNodes:
        name = getattr(child, "qname", None)
        if name == (TABLE, "table-row"):
            cells = [c for c in child.childNodes if getattr(c, "qname", None) == (TABLE, "table-cell")]
            # A covered cell (under a merged one) is left out, as a .docx's merged cell is read once.
            yield "\t".join(" ".join(block.strip() for block in _blocks(cell) if block.strip()) for cell in cells)
        elif name in _ROW_GROUPS:
            yield from _rows(child)


def _inline(node: Any) -> str:
    """A paragraph's text: spans and links looked into; text:s, text:tab and text:line-break spelt out."""
    pieces: list[str] = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            pieces.append(str(child.data))
            continue
        name = getattr(child, "qname", None)
        if name is None or name in _SKIPPED:
            continue
        if name == (TEXT, "s"):
            pieces.append(" " * _spaces(child.getAttrNS(TEXT, "c")))
        elif name == (TEXT, "tab"):
            pieces.append("\t")
        elif name == (TEXT, "line-break"):
            pieces.append("\n")
        else:
            pieces.append(_inline(child))
    return "".join(pieces)


def _spaces(count: str | None) -> int:
    """text:s's c, bounded: a damaged or hostile file must not ask for a billion spaces."""
    try:
        return max(1, min(int(count or 1), MAX_SPACES))
    except ValueError:
        return 1


__all__ = ["read_odt"]
