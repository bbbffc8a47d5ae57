"""The text of a .docx, read as a stream so that memory and work stay bounded whatever the package holds.

python-docx parses every XML part of a package into an lxml tree before anything can be read: a 1.9 MB file
whose document.xml unpacks to 246 MB took 3.7 GB. Here only the main document part is read: its unpacked
size is checked against the central directory, then it is decompressed in chunks into lxml's pull parser,
and each element is let go once read, so memory holds one chunk and the path to the current element.
Sizes, elements, paragraphs and characters are counted as they grow and refused past ``ImportOptions``'
limits. A DTD is refused: Word never writes one, and entities are how text is hidden (python-docx
silently dropped an entity's text) or multiplied (billion laughs).

The text rules are python-docx's: a run's text is its w:t, w:tab ("\\t"), w:br of type textWrapping and
w:cr ("\\n"), w:noBreakHyphen ("-") and w:ptab ("\\t") children; deleted text (w:del, w:moveFrom), text
boxes (w:txbxContent) and ruby annotations (w:rt) are not part of a paragraph.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from lxml import etree

from coding.archives import ArchiveLimits, check_members, human_size
from coding.errors import ImportFileError
from coding.importing.options import ImportOptions, raise_hint
from coding.i18n import translate

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_PART_DEFAULT = "word/document.xml"
OFFICE_DOCUMENT = "/officeDocument"  # the end of the relationship type naming the main part
CHUNK_BYTES = 1 << 20
MAX_PACKAGE_MEMBERS = 10_000
MAX_RELS_BYTES = 1 << 20

# Roles of an element, decided when it starts from its parent's role and its tag.
# Roles up to TEXT collect something when they end; the others are only let go.
(DOCUMENT, BODY, TABLE, ROW, CELL, PARAGRAPH, TEXT, INSIDE, RUN, HIDDEN, OTHER) = range(11)
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml"})  # look inside them
_HIDING = frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{W}rt"})
_RUN_TEXT = frozenset({f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}ptab"})
W_P, W_R = f"{W}p", f"{W}r"


def _transitions() -> list[tuple[dict[str, int], int]]:
    """For each parent role: {child tag: child role} and the role of any other child."""
    def wrapped(role: int, children: dict[str, int]) -> tuple[dict[str, int], int]:
        return {**dict.fromkeys(_WRAPPERS, role), **children}, OTHER  # wrappers keep their container's role

    in_paragraph = {**dict.fromkeys(_HIDING, HIDDEN), W_R: RUN}
    table = {
        DOCUMENT: ({f"{W}body": BODY}, OTHER),
        BODY: wrapped(BODY, {W_P: PARAGRAPH, f"{W}tbl": TABLE}),
        CELL: wrapped(CELL, {W_P: PARAGRAPH, f"{W}tbl": TABLE}),
        TABLE: wrapped(TABLE, {f"{W}tr": ROW}),
        ROW: wrapped(ROW, {f"{W}tc": CELL}),
        PARAGRAPH: (in_paragraph, INSIDE),
        INSIDE: (in_paragraph, INSIDE),
        RUN: ({**in_paragraph, **dict.fromkeys(_RUN_TEXT, TEXT)}, INSIDE),
        TEXT: ({}, OTHER),
        HIDDEN: ({}, HIDDEN),
        OTHER: ({}, OTHER),
    }
    return [table[role] for role in range(len(table))]


_TRANSITIONS = _transitions()


def read_docx_text(path: Path, package: zipfile.ZipFile, options: ImportOptions) -> str:
    """Body paragraphs, headings and table rows in document order, one block each, blank lines between."""
    members = _check_package(path, package, options)
    main_name = _main_part_name(path, package, members)
    main = members.get(main_name.lower())
    if main is None:
        raise ImportFileError(path, translate(
            "errors", "not a Word document ({main_name} is missing from the package)").format(main_name=main_name))
    if main.file_size > options.max_xml_bytes:  # whatever its name ends with
        raise ImportFileError(path, _over(_expands(main.filename), main.file_size, "max_xml_bytes", options))
    reader = _BodyReader(path, main.filename, options)
    parser = _pull_parser()
    try:
        for chunk in _member_chunks(package, main):
            if not reader.elements:
                _refuse_dtd_in_prolog(path, main.filename, chunk)
            parser.feed(chunk)
            reader.consume(parser.read_events())
        parser.close()
        reader.consume(parser.read_events())
    except etree.XMLSyntaxError as exc:
        raise ImportFileError(path, translate(
            "errors", "damaged .docx file ({filename} is not well-formed XML: {exc})").format(
            filename=main.filename, exc=exc)) from None
    return reader.text()


# -- the package ---------------------------------------------------------------------------------
def _check_package(path: Path, package: zipfile.ZipFile, options: ImportOptions) -> dict[str, zipfile.ZipInfo]:
    """Unpacked sizes from the central directory, against the limits, before anything is decompressed."""
    infos = package.infolist()
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > options.max_xml_bytes:
            raise ImportFileError(path, _over(_expands(info.filename), info.file_size, "max_xml_bytes", options))
    total = sum(info.file_size for info in infos)
    if total > options.max_unpacked_bytes:
        whole = translate("importing", "the package expands to")
        raise ImportFileError(path, _over(whole, total, "max_unpacked_bytes", options))
    # Names that escape, encryption, links, deflate bombs (sizes were checked above, more tightly).
    limits = ArchiveLimits(
        max_members=MAX_PACKAGE_MEMBERS, max_total_bytes=max(total, 1), max_member_bytes=max(total, 1)
    )
    return check_members(path, infos, limits)


def _expands(part: str) -> str:
    return translate("importing", "{part} expands to").format(part=part)


def _over(what: str, size: int, limit_name: str, options: ImportOptions) -> str:
    """``what`` (already in the interface language) is ``size``, over the limit ``limit_name``."""
    limit = getattr(options, limit_name)
    return translate("importing", "{what} {size}, over the {limit} limit ({hint})").format(
        what=what, size=human_size(size), limit=human_size(limit), hint=raise_hint(limit_name))


def _main_part_name(path: Path, package: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]) -> str:
    """The part the package's relationships name as the main document (word/document.xml in practice)."""
    rels = members.get("_rels/.rels")
    if rels is None or rels.file_size > MAX_RELS_BYTES:
        return MAIN_PART_DEFAULT
    parser = _pull_parser()
    targets: list[str] = []
    try:
        for chunk in _member_chunks(package, rels):
            _refuse_dtd_in_prolog(path, "_rels/.rels", chunk)
            parser.feed(chunk)
            targets += _office_document_targets(path, parser.read_events())
        parser.close()
    except etree.XMLSyntaxError:
        return MAIN_PART_DEFAULT  # python-docx would have failed too; the main part speaks for itself
    target = next((t for t in targets if t), "")
    return posixpath.normpath(target.replace("\\", "/")).lstrip("/") if target else MAIN_PART_DEFAULT


def _office_document_targets(path: Path, events: Iterable[tuple[str, etree._Element]]) -> Iterator[str]:
    for event, element in events:
        if event == "start" and element.getparent() is None:
            _refuse_dtd(path, element, "_rels/.rels")
        if event == "end" and element.tag == f"{RELS}Relationship":
            if element.get("Type", "").endswith(OFFICE_DOCUMENT):
                yield element.get("Target", "")


def _member_chunks(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member's bytes, a chunk at a time. zipfile stops at the size the central directory declares (and
    then fails the CRC check if there was more), so the size checks above bound what is unpacked."""
    with package.open(info) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


def _pull_parser() -> etree.XMLPullParser:
    """No entities resolved, no DTD or network, libxml2's own size limits kept; blank text dropped as
    python-docx does (so a run's whitespace-only w:t survives only with xml:space="preserve")."""
    return etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=True,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse_dtd_in_prolog(path: Path, part: str, chunk: bytes) -> None:
    """Before the parser sees it: libxml2 expands nested entities while it reads the DTD itself."""
    text = chunk.decode("utf-16" if chunk.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8", errors="ignore")
    root = re.search(r"<[^?!]", text)  # the first element; the prolog holds only <?…?>, <!--…--> and <!DOCTYPE
    if "<!DOCTYPE" in text[: root.start() if root else len(text)]:
        _dtd_refused(path, part)


def _refuse_dtd(path: Path, root: etree._Element, part: str) -> None:
    """At the root element, whatever the prolog's length (a long prolog may outrun the first chunk)."""
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.system_url:
        _dtd_refused(path, part)


def _dtd_refused(path: Path, part: str) -> NoReturn:
    raise ImportFileError(
        path, translate(
            "errors", "{part} declares a DTD (<!DOCTYPE …>), which Word never writes; refused as unsafe (XML "
            "entities can hide or multiply text)").format(part=part)
    )


# -- the main document part ----------------------------------------------------------------------
@dataclass
class _BodyReader:
    """Turns the pull parser's start/end events into text blocks, dropping each element once read."""

    path: Path
    part: str
    options: ImportOptions
    roles: list[int] = field(default_factory=list)  # the role of each open element, root first
    containers: list[list[str]] = field(default_factory=lambda: [[]])  # the body's blocks, then each open cell's
    rows: list[list[str]] = field(default_factory=list)  # the cells of each open table row
    pieces: list[str] = field(default_factory=list)  # the open paragraph's run text
    elements: int = 0
    paragraphs: int = 0
    chars: int = 0

    def consume(self, events: Iterable[tuple[str, etree._Element]]) -> None:
        # The hot loop of a .docx import (an event per element start and end): kept tight on purpose.
        roles, end, most = self.roles, self._end, self.options.max_xml_elements
        for event, element in events:
            if event == "end":
                role = roles.pop()
                if role > TEXT:  # nothing to collect: only free the memory
                    _let_go(element)
                else:
                    end(element, role)
                continue
            self.elements += 1
            if self.elements > most:
                self._refuse(translate("importing", "{part} holds more than {most:,} XML elements").format(
                    part=self.part, most=most), "max_xml_elements")
            tag: str = element.tag  # type: ignore[assignment]  # iterparse gives elements only: a str tag
            if roles:
                children, other = _TRANSITIONS[roles[-1]]
                role = children.get(tag, other)
            else:
                role = self._root(element, tag)
            roles.append(role)
            if tag == W_P or role < PARAGRAPH:
                self._start_structure(tag, role)

    def _start_structure(self, tag: str, role: int) -> None:
        if tag == W_P:
            self.paragraphs += 1
            if self.paragraphs > self.options.max_paragraphs:
                self._refuse(translate("importing", "more than {max_paragraphs:,} paragraphs").format(
                    max_paragraphs=self.options.max_paragraphs), "max_paragraphs")
        if role == CELL:
            self.containers.append([])
        elif role == ROW:
            self.rows.append([])

    def text(self) -> str:
        blocks = (block.strip() for block in self.containers[0])
        return "\n\n".join(block for block in blocks if block)

    def _root(self, element: etree._Element, tag: str) -> int:
        _refuse_dtd(self.path, element, self.part)
        if tag != f"{W}document":
            raise ImportFileError(self.path, translate(
                "errors", "not a Word document ({part} is not a w:document)").format(part=self.part))
        return DOCUMENT

    def _end(self, element: etree._Element, role: int) -> None:
        if role == TEXT:
            self._add_text(_run_text(element))
        elif role == PARAGRAPH:
            self.containers[-1].append("".join(self.pieces))
            self.pieces.clear()
        elif role == CELL:
            blocks = (block.strip() for block in self.containers.pop())
            self.rows[-1].append(" ".join(block for block in blocks if block))  # a cell is always in a row
        elif role == ROW:
            # Each w:tc once: a horizontally merged cell is one element (python-docx's row.cells repeats it).
            self.containers[-1].append("\t".join(self.rows.pop()))
        _let_go(element)

    def _add_text(self, text: str) -> None:
        self.chars += len(text)
        if self.chars > self.options.max_chars:
            self._refuse(translate("importing", "more than {max_chars:,} characters of text").format(
                max_chars=self.options.max_chars), "max_chars")
        self.pieces.append(text)

    def _refuse(self, problem: str, limit_name: str) -> None:
        raise ImportFileError(self.path, translate(
            "errors", "{problem}, over the limit ({value})").format(problem=problem, value=raise_hint(limit_name)))


def _run_text(element: etree._Element) -> str:
    tag = element.tag
    if tag == f"{W}t":
        return element.text or ""
    if tag == f"{W}br":
        return "\n" if element.get(f"{W}type", "textWrapping") == "textWrapping" else ""
    return {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}[tag]  # type: ignore[index]


def _let_go(element: etree._Element) -> None:
    """Free what has been read: the element's content now, its earlier siblings (already cleared) too."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


__all__ = ["read_docx_text"]
