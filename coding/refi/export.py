"""Export a Concord project as a REFI-QDA project archive (``.qdpx``).

What goes where (``docs/refi.md`` has the full table): coders → ``<User>``; the codebook →
``<CodeBook>`` (GUID = code uuid); attributes → ``<Variable>``; cases → ``<Case>`` with variable
values and ``<SourceRef>`` members; each document → ``<TextSource>`` whose plain text is
``sources/<guid>.txt``; each coding → one ``<PlainTextSelection>`` holding one ``<Coding>`` by its
coder (the coding memo is the selection's description); memos → ``<Note>`` referenced from what
they are about (a case memo through a ``<Link>``, since cases carry no note references); document
groups → ``<Set>``.

Speed: a project can hold a million codings, so codings are read as bulk column rows per document
(no ORM objects) and the XML is streamed with ``lxml.etree.xmlfile``. The selections — nearly all
of the file — are formatted by :func:`_selection_xml` and written into the same stream after an
``xf.flush()``: lxml's per-element writer costs ~15 µs per coding, the formatter ~3 µs. A worker
thread compresses while the next document is formatted (zlib releases the GIL). Exports up to
``VALIDATE_AUTO_BYTES`` of XML are re-read against the official schema, larger ones on request
(the tests validate every shape the formatter writes). The archive is written to a temporary file
beside the target and moved into place only when complete.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import sqlite3
import threading
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, Protocol

import numpy as np
from lxml import etree
from sqlalchemy import Connection, String, bindparam, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from coding.codebook import CodeNode, codebook_tree
from coding.errors import CancelledError, ValidationError
from coding.originals import original_data
from coding.progress import Cancel
from coding.refi.codebook_qdc import check_output_path, write_codes
from coding.refi.common import (
    PROJECT_NS,
    PROJECT_XML_NAME,
    SOURCES_DIR,
    Flavour,
    concord_origin,
    derived_guid,
    format_datetime,
    format_guid,
    parse_datetime,
    parse_guid,
    sqlite_stamp_to_xsd,
    xml_safe,
)
from coding.refi.exchange import PROJECT_KEY, Extras, load_extras, of_kind
from coding.refi.positions import export_positions, export_text
from coding.refi.report import RefiReport
from coding.refi.schema import check_stream, project_schema
from coding.refi.scratch import clear_stale, remove_scratch, scratch_path
from models import (
    Attribute,
    AttributeValue,
    AuditEvent,
    Case,
    Code,
    Coder,
    Coding,
    Document,
    DocumentGroup,
    DocumentGroupMember,
    DocumentOriginal,
    Memo,
    ProjectMeta,
)
from coding.i18n import translate

Progress = Callable[[int, int], None]

CONSENSUS_USER_ID = "concord-consensus"  # User@id of a consensus pseudo-coder, read back on import
SELECTION_NAME_CHARS = 40  # selection names repeat the start of the quote, as ATLAS.ti quotations do
# Deflate level: 6 packs tighter but runs at ~10 MB/s on transcript prose, 1 at ~40 MB/s; projects
# past FAST_ZIP_CHARS of text get level 1 so a 5,000-interview export stays within its time budget.
ZIP_LEVEL = 6
FAST_ZIP_LEVEL = 1
FAST_ZIP_CHARS = 40_000_000
VALIDATE_AUTO_BYTES = 64_000_000  # about 120,000 codings; larger exports are checked on request
CASE_MEMO_LINK = "Concord case memo"
SOURCE_DESCRIPTION_TITLE = "Source description"  # the memo a source's <Description> becomes, and goes back to
NOTE_NAME_CHARS = 60
_VARIABLE_TYPES = {"text": "Text", "number": "Float", "date": "Date", "boolean": "Boolean"}
_DECIMAL_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_INTEGER_RE = re.compile(r"^[+-]?\d+$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GUID36_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)
_NEEDS_ESCAPE_RE = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class _ByteSink(Protocol):
    """Where the project XML goes: the background writer in front of the archive member."""

    def write(self, data: bytes, /) -> int: ...


class _Background:
    """One worker thread that runs the archive's writes (and so its deflate) in order.

    zlib releases the GIL while compressing, so on two cores the formatting of the next document
    overlaps the compression of the last. ``write`` buffers bytes and hands over megabyte chunks;
    the queue is bounded so the formatter never runs far ahead of the disk.
    """

    CHUNK = 1 << 20

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...]] | None] = queue.Queue(maxsize=16)
        self._error: BaseException | None = None
        self._buffer = bytearray()
        self._target: IO[bytes] | None = None
        self._thread = threading.Thread(target=self._run, name="refi-export-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            if self._error is None:
                function, args = job
                try:
                    function(*args)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller on its next call
                    self._error = exc

    def submit(self, function: Callable[..., Any], *args: Any) -> None:
        if self._error is not None:
            raise self._error
        self._jobs.put((function, args))

    # a write-only file object over ``target`` for lxml's xmlfile and the selection formatter
    def stream_to(self, target: IO[bytes]) -> _Background:
        self._target = target
        return self

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= self.CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buffer and self._target is not None:
            self.submit(self._target.write, bytes(self._buffer))
            self._buffer.clear()

    def finish(self) -> None:
        """Wait for every job; re-raise the first failure."""
        self._jobs.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


def _q(tag: str) -> str:
    return f"{{{PROJECT_NS}}}{tag}"


def selection_guid(coding_guid: str) -> str:
    """The selection around a coding gets a GUID derived from the coding's, stable across exports.

    (The first 32 bits are flipped: as unique as the coding GUID and cheaper than a uuid5 per row.)
    """
    return f"{int(coding_guid[:8], 16) ^ 0x5E1EC7ED:08x}{coding_guid[8:]}"


def _attr(value: str) -> str:
    if _XML_INVALID_RE.search(value):
        value = _XML_INVALID_RE.sub("\ufffd", value)
    return value.translate(_ATTRIBUTE_ESCAPES)


def _text(value: str) -> str:
    if _XML_INVALID_RE.search(value):
        value = _XML_INVALID_RE.sub("\ufffd", value)
    return value.translate(_TEXT_ESCAPES)


def _guid(value: str) -> str:
    return value if _GUID36_RE.match(value) else format_guid(value)


def note_name(title: str, text: str) -> str:
    """A note's ``name``: its title, else the start of its first line. QualCoder takes only named notes with
    a text file as memos, so every note gets one; Concord reads a name equal to this back as no title."""
    if title:
        return title
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first[:NOTE_NAME_CHARS].strip() or "Memo"


def _identity(value: str) -> str:
    return value


def _upper(value: str) -> str:
    return value.upper()


# Built once: constructing a select per document costs more than running it.
_CODINGS_OF_DOCUMENT = (
    select(
        Coding.uuid,
        Coding.coder_id,
        Coding.code_id,
        Coding.start,
        Coding.end,
        Coding.memo,
        type_coerce(Coding.created_at, String),
        type_coerce(Coding.updated_at, String),
    )
    .where(Coding.document_id == bindparam("document_id"))
    .order_by(Coding.coder_id, Coding.start, Coding.id)
)
_TEXT_OF_DOCUMENT = select(Document.text).where(Document.id == bindparam("document_id"))


def _document_text(connection: Connection, document_id: int) -> str:
    text: str | None = connection.execute(_TEXT_OF_DOCUMENT, {"document_id": document_id}).scalar()
    return text or ""


# -- what is loaded before writing -----------------------------------------------------------------
@dataclass
class _Notes:
    """Memos sorted by where their ``<NoteRef>`` goes."""

    project: list[str] = field(default_factory=list)
    documents: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    codings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    case_links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _DocumentRow:
    id: int
    uuid: str
    name: str
    case_id: int | None
    imported_at: datetime | None


def _existing(session: Session, column: InstrumentedAttribute[str], wanted: Iterable[str]) -> set[str]:
    wanted = list(set(wanted))
    found: set[str] = set()
    for index in range(0, len(wanted), 500):
        found.update(session.scalars(select(column).where(column.in_(wanted[index : index + 500]))))
    return found


def _route_memos(
    session: Session,
    memos: Sequence[Any],
    report: RefiReport,
    style: Callable[[str], str] = _identity,
    descriptions: set[str] | frozenset[str] = frozenset(),
) -> _Notes:
    """Where each memo's reference goes; ``descriptions`` (memos that were a source's description) get none."""
    notes = _Notes()
    targets: dict[str, set[str]] = {
        "document": _existing(session, Document.uuid, (m.target_uuid for m in memos if m.target_kind == "document")),
        "code": _existing(session, Code.uuid, (m.target_uuid for m in memos if m.target_kind == "code")),
        "case": _existing(session, Case.uuid, (m.target_uuid for m in memos if m.target_kind == "case")),
        "coding": _existing(session, Coding.uuid, (m.target_uuid for m in memos if m.target_kind == "coding")),
    }
    routes = {"document": notes.documents, "code": notes.codes, "coding": notes.codings}
    for memo in memos:
        if memo.uuid in descriptions:
            continue
        guid = style(_guid(memo.uuid))
        kind = memo.target_kind
        if kind in ("project", "journal"):  # REFI has no journal: its entries are notes on the project
            notes.project.append(guid)
        elif kind in targets and memo.target_uuid in targets[kind]:
            if kind == "case":
                notes.case_links.append((guid, style(_guid(memo.target_uuid))))
            else:
                routes[kind][memo.target_uuid].append(guid)
        else:
            notes.project.append(guid)
            report.warn(
                f"memo '{memo.title or memo.uuid}' is about a {kind} that no longer exists; exported as a project note"
            )
    return notes


# -- the writer ------------------------------------------------------------------------------------
class _Writer:
    def __init__(
        self,
        session: Session,
        stream: _ByteSink,
        flavour: Flavour,
        report: RefiReport,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> None:
        self.session = session
        self.stream = stream
        self.flavour = flavour
        self.report = report
        self.progress = progress
        self.cancel = cancel
        self.coder_guid: dict[int, str] = {}
        self.connection = session.connection()  # Core rows for the bulk reads: no ORM per row
        self.code_guid: dict[int, str] = {}
        self.extras: Extras = load_extras(session)
        project_extras = self.extras.get(PROJECT_KEY, {})
        self.upper = bool(project_extras.get("upper_case_guids"))
        self.style: Callable[[str], str] = _upper if self.upper else _identity
        self.kept_codings = of_kind(self.extras, "coding")
        self.kept_memos = of_kind(self.extras, "memo")
        self.source_descriptions: dict[str, tuple[str, str]] = {}  # document uuid -> (memo uuid, text)
        self.note_files: list[tuple[str, str]] = []  # (note GUID, text) written beside the sources
        self.rich_originals: dict[int, str] = {}  # document id -> member name of its .docx

    def _id(self, value: str) -> str:
        """A uuid as the GUID the file writes: in the case the project's source file used."""
        return self.style(_guid(value))

    def _tick(self, done: int, total: int) -> None:
        if self.cancel is not None and self.cancel():
            raise CancelledError(translate("errors", "export cancelled; no file was written"))
        if self.progress is not None:
            self.progress(done, total)

    def write(self, documents: Sequence[_DocumentRow], progress_total: int) -> None:
        session, report = self.session, self.report
        meta = dict(session.execute(select(ProjectMeta.key, ProjectMeta.value)).all())
        coders = session.execute(select(Coder.id, Coder.uuid, Coder.name, Coder.is_consensus).order_by(Coder.id)).all()
        self.coder_guid = {row.id: self._id(row.uuid) for row in coders}
        nodes = codebook_tree(session)
        self.code_guid = {code_id: self.style(guid) for code_id, guid in _code_ids(nodes)}
        memos = session.execute(
            select(
                Memo.uuid,
                Memo.target_kind,
                Memo.target_uuid,
                Memo.author_id,
                Memo.title,
                Memo.text,
                Memo.created_at,
                Memo.updated_at,
            ).order_by(Memo.id)
        ).all()
        descriptions = self._source_descriptions(memos)
        notes = _route_memos(session, memos, report, self.style, descriptions)
        project_attrib = {"name": xml_safe(meta.get("name") or "Concord project")[0], "origin": report.origin}
        created = format_datetime(parse_datetime(meta.get("created_at")))
        if created:
            project_attrib["creationDateTime"] = created
        project_attrib["modifiedDateTime"] = format_datetime(datetime.now(UTC)) or ""
        project_attrib.update(self._kept_project_attributes())
        colourless = {
            key: data["no_colour"] for key, data in of_kind(self.extras, "code").items() if "no_colour" in data
        }
        with etree.xmlfile(self.stream, encoding="utf-8") as xf:
            xf.write_declaration(standalone=True)
            with xf.element(_q("Project"), project_attrib, nsmap={None: PROJECT_NS}):
                self._users(xf, coders)
                if nodes:
                    with xf.element(_q("CodeBook")), xf.element(_q("Codes")):
                        report.counts["codes"] = write_codes(xf, nodes, _q, report, notes.codes, colourless, self.style)
                self._cases(xf, documents)
                self._sources(xf, documents, notes, progress_total)
                self._notes(xf, [memo for memo in memos if memo.uuid not in descriptions])
                self._links(xf, notes.case_links)
                self._sets(xf)
                description = meta.get("description")
                if description:
                    with xf.element(_q("Description")):
                        xf.write(xml_safe(description)[0])
                for guid in notes.project:
                    with xf.element(_q("NoteRef"), {"targetGUID": guid}):
                        pass

    def _source_descriptions(self, memos: Sequence[Any]) -> set[str]:
        """Memos that were a source's ``<Description>`` go back there (the newest one per document)."""
        found: set[str] = set()
        for memo in memos:
            if memo.target_kind == "document" and self.kept_memos.get(memo.uuid, {}).get("source_description"):
                found.add(memo.uuid)
                self.source_descriptions[memo.target_uuid] = (memo.uuid, memo.text)
        return found

    def _kept_project_attributes(self) -> dict[str, str]:
        """The ``<Project>`` attributes the imported file had; once the project changed here, its modification
        is Concord's (now, by no recorded user)."""
        kept = dict(self.extras.get(PROJECT_KEY, {}).get("attributes") or {})
        kept = {
            key: value
            for key, value in kept.items()
            if key in ("basePath",)
            or (key.endswith("DateTime") and parse_datetime(value))
            or (key.endswith("GUID") and parse_guid(value) is not None)
        }
        if not kept:
            return {}
        last = self.session.execute(select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)).scalar()
        if last != "refi-import":
            kept.pop("modifyingUserGUID", None)
            kept.pop("modifiedDateTime", None)
        return kept

    def _users(self, xf: Any, coders: Sequence[Any]) -> None:
        if not coders:
            return
        with xf.element(_q("Users")):
            for row in coders:
                attrib = {"guid": self.coder_guid[row.id], "name": xml_safe(row.name)[0]}
                if row.is_consensus:
                    attrib["id"] = CONSENSUS_USER_ID
                elif user_id := self.extras.get(("coder", row.uuid), {}).get("id"):
                    attrib["id"] = xml_safe(str(user_id))[0]
                with xf.element(_q("User"), attrib):
                    pass
        self.report.counts["users"] = len(coders)

    def _cases(self, xf: Any, documents: Sequence[_DocumentRow]) -> None:
        session, report = self.session, self.report
        attributes = session.execute(
            select(Attribute.id, Attribute.uuid, Attribute.name, Attribute.value_type).order_by(
                Attribute.position, Attribute.id
            )
        ).all()
        values: dict[int, dict[int, str]] = defaultdict(dict)
        for case_id, attribute_id, value in session.execute(
            select(AttributeValue.case_id, AttributeValue.attribute_id, AttributeValue.value)
        ):
            if value != "":
                values[case_id][attribute_id] = value
        variable_types = {
            row.id: _variable_type(row.value_type, [v.get(row.id, "") for v in values.values()]) for row in attributes
        }
        if attributes:
            with xf.element(_q("Variables")):
                for row in attributes:
                    attrib = {
                        "guid": self._id(row.uuid),
                        "name": xml_safe(row.name)[0],
                        "typeOfVariable": variable_types[row.id],
                    }
                    description = self.extras.get(("attribute", row.uuid), {}).get("description")
                    with xf.element(_q("Variable"), attrib):
                        if description:
                            with xf.element(_q("Description")):
                                xf.write(xml_safe(str(description))[0])
            report.counts["variables"] = len(attributes)
        cases = session.execute(select(Case.id, Case.uuid, Case.name, Case.description).order_by(Case.id)).all()
        if not cases:
            return
        members: dict[int, list[str]] = defaultdict(list)
        for document in documents:
            if document.case_id is not None:
                members[document.case_id].append(self._id(document.uuid))
        attribute_guid = {row.id: self._id(row.uuid) for row in attributes}
        with xf.element(_q("Cases")):
            for case in cases:
                with xf.element(_q("Case"), {"guid": self._id(case.uuid), "name": xml_safe(case.name)[0]}):
                    if case.description:
                        with xf.element(_q("Description")):
                            xf.write(xml_safe(case.description)[0])
                    for attribute_id, value in values.get(case.id, {}).items():
                        self._variable_value(xf, attribute_guid[attribute_id], variable_types[attribute_id], value)
                    for guid in members.get(case.id, []):
                        with xf.element(_q("SourceRef"), {"targetGUID": guid}):
                            pass
        report.counts["cases"] = len(cases)

    def _variable_value(self, xf: Any, variable_guid: str, variable_type: str, value: str) -> None:
        element = _value_element(variable_type, value)
        with xf.element(_q("VariableValue")):
            with xf.element(_q("VariableRef"), {"targetGUID": variable_guid}):
                pass
            with xf.element(_q(element)):
                xf.write(xml_safe(value)[0])

    def _sources(self, xf: Any, documents: Sequence[_DocumentRow], notes: _Notes, progress_total: int) -> None:
        if not documents:
            return
        total_codings = 0
        originals = self._docx_originals()
        with xf.element(_q("Sources")):
            for index, document in enumerate(documents):
                self._tick(index, progress_total)
                guid = self._id(document.uuid)
                attrib = {"guid": guid, "name": xml_safe(document.name)[0]}
                if document.id in originals:
                    self.rich_originals[document.id] = f"{SOURCES_DIR}/{guid}.docx"
                    attrib["richTextPath"] = f"internal://{guid}.docx"
                attrib["plainTextPath"] = f"internal://{guid}.txt"
                created = format_datetime(document.imported_at)
                if created:
                    attrib["creationDateTime"] = created
                with xf.element(_q("TextSource"), attrib):
                    if document.uuid in self.source_descriptions:
                        with xf.element(_q("Description")):
                            xf.write(xml_safe(self.source_descriptions[document.uuid][1])[0])
                    xf.flush()  # the start tag is out; the selections go straight into the same stream
                    text = _document_text(self.connection, document.id)
                    written = self._selections(document, text, notes.codings)
                    total_codings += written
                    for note in notes.documents.get(document.uuid, []):
                        with xf.element(_q("NoteRef"), {"targetGUID": note}):
                            pass
        self.report.counts["sources"] = len(documents)
        self.report.counts["codings"] = total_codings

    def _docx_originals(self) -> set[int]:
        """Documents whose kept original is a .docx: exported as the source's ``richTextPath``."""
        rows = self.session.execute(select(DocumentOriginal.document_id, DocumentOriginal.filename))
        return {document_id for document_id, filename in rows if filename.lower().endswith(".docx")}

    def _selections(self, document: _DocumentRow, text: str, coding_notes: dict[str, list[str]]) -> int:
        rows = self.connection.execute(_CODINGS_OF_DOCUMENT, {"document_id": document.id}).all()
        if not rows:
            return 0
        starts = np.fromiter((row[3] for row in rows), dtype=np.int64, count=len(rows))
        ends = np.fromiter((row[4] for row in rows), dtype=np.int64, count=len(rows))
        valid = (starts >= 0) & (starts < ends) & (ends <= len(text))
        if not valid.all():
            bad = int((~valid).sum())
            self.report.skip(
                "codings outside their text",
                bad,
                f"document '{document.name}': {bad} coding(s) with offsets outside the text left out",
            )
        unit_starts = export_positions(text, self.flavour, np.clip(starts, 0, len(text)))
        unit_ends = export_positions(text, self.flavour, np.clip(ends, 0, len(text)))
        fragment = _selection_xml(
            rows,
            valid.tolist(),
            unit_starts.tolist(),
            unit_ends.tolist(),
            text,
            self.coder_guid,
            self.code_guid,
            coding_notes,
            self.kept_codings,
            self.upper,
        )
        self.stream.write(fragment.encode("utf-8", errors="surrogatepass"))
        return int(valid.sum())

    def _notes(self, xf: Any, memos: Sequence[Any]) -> None:
        if not memos:
            return
        author_guid = self.coder_guid
        replaced = 0
        with xf.element(_q("Notes")):
            for memo in memos:
                guid = self._id(memo.uuid)
                kept = self.kept_memos.get(memo.uuid, {})
                text = _without_suffix(memo.text, kept) if memo.target_kind == "document" else memo.text
                title, bad_title = xml_safe(note_name(memo.title, text))
                attrib = {"guid": guid, "name": title, "plainTextPath": f"internal://{guid}.txt"}
                if memo.author_id in author_guid:
                    attrib["creatingUser"] = author_guid[memo.author_id]
                for key, value in (("creationDateTime", memo.created_at), ("modifiedDateTime", memo.updated_at)):
                    stamp = format_datetime(value)
                    if stamp:
                        attrib[key] = stamp
                self.note_files.append((guid, text))
                text, bad_text = xml_safe(text)
                replaced += bad_title + bad_text
                with xf.element(_q("Note"), attrib):
                    if kept.get("description"):
                        with xf.element(_q("Description")):
                            xf.write(xml_safe(str(kept["description"]))[0])
                    with xf.element(_q("PlainTextContent")):
                        xf.write(text)
                    self._annotation(xf, memo, kept)
        if replaced:
            self.report.warn(f"memos: {replaced} character(s) XML cannot hold replaced by U+FFFD")
        self.report.counts["notes"] = len(memos)

    def _annotation(self, xf: Any, memo: Any, kept: dict[str, Any]) -> None:
        """A memo about a passage carries it as the note's ``<PlainTextSelection>`` (QualCoder's annotation)."""
        anchor = kept.get("anchor")
        if memo.target_kind != "document" or not anchor:
            return
        text = self.connection.execute(select(Document.text).where(Document.uuid == memo.target_uuid)).scalar()
        start, end = int(anchor[0]), int(anchor[1])
        if text is None or not 0 <= start < end <= len(text):
            return
        positions = export_positions(text, self.flavour, np.array([start, end], dtype=np.int64)).tolist()
        attrib = {
            "guid": self.style(derived_guid("annotation", memo.uuid)),
            "startPosition": str(positions[0]),
            "endPosition": str(positions[1]),
        }
        with xf.element(_q("PlainTextSelection"), attrib):
            pass

    def _links(self, xf: Any, case_links: Sequence[tuple[str, str]]) -> None:
        if not case_links:
            return
        with xf.element(_q("Links")):
            for note_guid, case_guid in case_links:
                attrib = {
                    "guid": derived_guid("case-memo-link", note_guid),
                    "name": CASE_MEMO_LINK,
                    "direction": "OneWay",
                    "originGUID": note_guid,
                    "targetGUID": case_guid,
                }
                with xf.element(_q("Link"), attrib):
                    pass

    def _sets(self, xf: Any) -> None:
        groups = self.session.execute(
            select(DocumentGroup.id, DocumentGroup.uuid, DocumentGroup.name, DocumentGroup.description).order_by(
                DocumentGroup.id
            )
        ).all()
        if not groups:
            return
        members: dict[int, list[str]] = defaultdict(list)
        for group_id, document_uuid in self.session.execute(
            select(DocumentGroupMember.group_id, Document.uuid)
            .join(Document, Document.id == DocumentGroupMember.document_id)
            .order_by(DocumentGroupMember.group_id, Document.id)
        ):
            members[group_id].append(self._id(document_uuid))
        with xf.element(_q("Sets")):
            for group in groups:
                with xf.element(_q("Set"), {"guid": self._id(group.uuid), "name": xml_safe(group.name)[0]}):
                    if group.description:
                        with xf.element(_q("Description")):
                            xf.write(xml_safe(group.description)[0])
                    for guid in members.get(group.id, []):
                        with xf.element(_q("MemberSource"), {"targetGUID": guid}):
                            pass
        self.report.counts["sets"] = len(groups)


def _without_suffix(text: str, kept: dict[str, Any]) -> str:
    """A memo about a passage without the quote the import added (the passage travels as a selection)."""
    suffix = kept.get("suffix")
    if kept.get("anchor") and isinstance(suffix, str) and suffix and text.endswith(suffix):
        return text[: -len(suffix)]
    return text


def _code_ids(nodes: Sequence[CodeNode]) -> Iterable[tuple[int, str]]:
    for node in nodes:
        yield node.id, format_guid(node.uuid)
        yield from _code_ids(node.children)


def _variable_type(value_type: str, values: Sequence[str]) -> str:
    if value_type == "number":
        present = [value for value in values if value]
        return "Integer" if present and all(_INTEGER_RE.match(value) for value in present) else "Float"
    return _VARIABLE_TYPES.get(value_type, "Text")


def _value_element(variable_type: str, value: str) -> str:
    """The typed value element when ``value`` fits its XSD type, else ``TextValue`` (still valid)."""
    if variable_type == "Integer" and _INTEGER_RE.match(value):
        return "IntegerValue"
    if variable_type == "Float" and _DECIMAL_RE.match(value):
        return "FloatValue"
    if variable_type == "Date" and _DATE_RE.match(value):
        return "DateValue"
    if variable_type == "Boolean" and value in ("true", "false", "1", "0"):
        return "BooleanValue"
    return "TextValue"


def _fast_guid(value: str) -> str:
    # Concord writes uuid4 strings; anything else (a hand-edited database) goes the long way.
    return value if len(value) == 36 and value[8] == "-" and value[23] == "-" else format_guid(value)


def _fast_stamp(value: str | datetime | None) -> str | None:
    # SQLAlchemy stores DateTime in SQLite as "YYYY-MM-DD HH:MM:SS.ffffff"; checked by sqlite_stamp_to_xsd otherwise
    # (PostgreSQL gives datetimes).
    if isinstance(value, str) and len(value) == 26 and value[10] == " ":
        return f"{value[:10]}T{value[11:]}Z"
    return sqlite_stamp_to_xsd(value)


def _selection_xml(
    rows: Sequence[Any],
    valid: list[bool],
    unit_starts: list[int],
    unit_ends: list[int],
    text: str,
    coder_guid: dict[int, str],
    code_guid: dict[int, str],
    coding_notes: dict[str, list[str]],
    kept: dict[str, dict[str, Any]] | None = None,
    upper: bool = False,
) -> str:
    """``<PlainTextSelection>`` elements for one document's codings (the export's hot loop).

    Tags are written bare: they sit inside ``<Project>``, whose default namespace is the REFI one.
    The coding's time stamps go on ``<Coding>``; the selection carries ``modifiedDateTime`` only when
    the coding was changed after it was made.
    """
    parts: list[str] = []
    append = parts.append
    needs_escape = _NEEDS_ESCAPE_RE.search
    span = 2 * SELECTION_NAME_CHARS
    for index, (coding_uuid, coder_id, code_id, start, end, memo, created, updated) in enumerate(rows):
        if not valid[index]:
            continue
        # Inlined _fast_guid, selection_guid and _fast_stamp: this loop runs once per coding.
        guid = coding_uuid if len(coding_uuid) == 36 and coding_uuid[8] == "-" else format_guid(coding_uuid)
        user = coder_guid[coder_id]
        name = " ".join(text[start : min(end, start + span)].split())[:SELECTION_NAME_CHARS]
        if needs_escape(name):
            name = _attr(name)
        if isinstance(created, str) and len(created) == 26 and created[10] == " ":
            stamp = f' creationDateTime="{created[:10]}T{created[11:]}Z"'
        else:
            created_xsd = sqlite_stamp_to_xsd(created)
            stamp = f' creationDateTime="{created_xsd}"' if created_xsd else ""
        modified = ""
        if updated != created:
            updated_xsd = _fast_stamp(updated)
            modified = f' modifiedDateTime="{updated_xsd}"' if updated_xsd else ""
        selection = f"{int(guid[:8], 16) ^ 0x5E1EC7ED:08x}{guid[8:]}"
        selection_user = user
        extra = kept.get(coding_uuid) if kept else None
        if extra is not None:  # what the file this coding came from said, where the row cannot say it
            selection, selection_user, stamp, modified = _kept_selection(extra, selection, user, stamp, modified)
        if upper:
            guid, selection = guid.upper(), selection.upper()
        append(
            f'<PlainTextSelection guid="{selection}" name="{name}" startPosition="{unit_starts[index]}" '
            f'endPosition="{unit_ends[index]}" creatingUser="{selection_user}"{modified}>'
        )
        if memo:
            append(f"<Description>{_text(memo)}</Description>")
        append(f'<Coding guid="{guid}" creatingUser="{user}"{stamp}><CodeRef targetGUID="{code_guid[code_id]}"/>')
        if coding_notes and coding_uuid in coding_notes:
            for note in coding_notes[coding_uuid]:
                append(f'<NoteRef targetGUID="{note}"/>')
        append("</Coding></PlainTextSelection>")
    return "".join(parts)


def _kept_selection(
    extra: dict[str, Any], selection: str, user: str, stamp: str, modified: str
) -> tuple[str, str, str, str]:
    """The selection GUID, creator, coding stamp and selection stamps as the imported file wrote them."""
    if isinstance(extra.get("selection"), str):
        selection = extra["selection"]
    if isinstance(extra.get("selection_user"), str):
        selection_user = _guid(extra["selection_user"])
        user_style = str.upper if user.isupper() else str.lower
        user = user_style(selection_user)
    if isinstance(extra.get("created"), str) and parse_datetime(extra["created"]):
        stamp = f' creationDateTime="{_attr(extra["created"].strip())}"'
    if isinstance(extra.get("selection_created"), str):
        modified = f' creationDateTime="{_attr(extra["selection_created"].strip())}"{modified}'
    return selection, user, stamp, modified


def _documents(session: Session) -> list[_DocumentRow]:
    rows = session.execute(
        select(Document.id, Document.uuid, Document.name, Document.case_id, Document.imported_at).order_by(Document.id)
    ).all()
    return [_DocumentRow(*row) for row in rows]


def export_qdpx(
    session: Session,
    out: str | Path,
    *,
    flavour: Flavour | str = Flavour.STANDARD,
    overwrite: bool = False,
    validate: bool | None = None,
    compresslevel: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RefiReport:
    """Write the whole project as a ``.qdpx`` archive; returns counts and warnings.

    ``flavour`` ``standard`` writes UTF-8 text with LF line ends and positions in code points;
    ``crlf-utf16`` writes CRLF text with a BOM and positions in UTF-16 code units (what NVivo for
    Windows and MAXQDA read best). The file appears only when complete. ``validate`` re-reads the
    written XML against the official schema: True always, False never, None (the default) when the
    XML is at most ``VALIDATE_AUTO_BYTES`` — checking a million codings would take longer than
    writing them; the report says when the check was skipped. ``compresslevel`` None picks the
    deflate level by the amount of text (see ``FAST_ZIP_CHARS``).
    """
    flavour = Flavour(flavour)
    out = check_output_path(Path(out), overwrite)
    report = RefiReport("export", out, origin=concord_origin(flavour), flavour=flavour.value)
    removed = clear_stale(out.parent)
    if removed:
        report.warn(f"removed {len(removed)} work file(s) an interrupted import or export left in {out.parent}")
    _begin_snapshot(session)
    documents = _documents(session)
    total = 2 * len(documents) + 1
    if compresslevel is None:
        characters = session.scalar(select(func.coalesce(func.sum(Document.char_count), 0))) or 0
        compresslevel = FAST_ZIP_LEVEL if characters > FAST_ZIP_CHARS else ZIP_LEVEL
    temporary = scratch_path(out, "exporting", f"{out.suffix}.tmp")
    try:
        xml_bytes = _write_archive(session, temporary, documents, flavour, compresslevel, report, progress, cancel)
        _check_written(temporary, out, xml_bytes, validate, report)
        os.replace(temporary, out)
    except BaseException:
        remove_scratch(temporary)
        raise
    report.bytes_written = out.stat().st_size
    if progress is not None:
        progress(total, total)
    return report


def _begin_snapshot(session: Session) -> None:
    """Make every read of the export see one state of the project, whatever other processes write meanwhile.

    The export reads codes, then each document's codings: read in separate transactions, a code
    added and used in between would appear in a coding but not in the codebook. pysqlite opens a
    transaction only before a write, so a read-only session reads each statement on its own; an
    explicit BEGIN holds one WAL snapshot from the first read until the caller's session ends.
    (A server database gives the same within the session's transaction at REPEATABLE READ.)
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver_connection = connection.connection.driver_connection  # Concord's SQLite engines all use sqlite3
    if isinstance(driver_connection, sqlite3.Connection) and not driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")


def _write_archive(
    session: Session,
    temporary: Path,
    documents: Sequence[_DocumentRow],
    flavour: Flavour,
    compresslevel: int,
    report: RefiReport,
    progress: Progress | None,
    cancel: Cancel | None,
) -> int:
    """Write project.qde, then each document's text file; returns the XML's size in bytes."""
    total = 2 * len(documents) + 1
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        stream = archive.open(PROJECT_XML_NAME, "w", force_zip64=True)
        background = _Background()
        try:
            writer = _Writer(session, background.stream_to(stream), flavour, report, progress, cancel)
            writer.write(documents, total)
            background.flush()
            background.submit(stream.close)
            for index, document in enumerate(documents):
                writer._tick(len(documents) + index, total)
                text = _document_text(writer.connection, document.id)
                info = zipfile.ZipInfo(
                    f"{SOURCES_DIR}/{writer._id(document.uuid)}.txt", date_time=_zip_time(document.imported_at)
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                background.submit(
                    partial(archive.writestr, info, export_text(text, flavour), compresslevel=compresslevel)
                )
                if document.id in writer.rich_originals:
                    _info, data = original_data(session, session.get_one(Document, document.id))
                    original = zipfile.ZipInfo(writer.rich_originals[document.id], _zip_time(document.imported_at))
                    original.compress_type = zipfile.ZIP_DEFLATED
                    background.submit(partial(archive.writestr, original, data, compresslevel=compresslevel))
            for guid, note_text in writer.note_files:  # notes as text files too: what QualCoder reads
                note = zipfile.ZipInfo(f"{SOURCES_DIR}/{guid}.txt", _zip_time(None))
                note.compress_type = zipfile.ZIP_DEFLATED
                background.submit(
                    partial(archive.writestr, note, export_text(note_text, flavour), compresslevel=compresslevel)
                )
            background.finish()
        except BaseException:
            with contextlib.suppress(BaseException):  # the first failure is the one to report
                background.finish()
            if not stream.closed:  # the archive refuses to close around an open member
                stream.close()
            raise
        return archive.getinfo(PROJECT_XML_NAME).file_size


def _check_written(temporary: Path, out: Path, xml_bytes: int, validate: bool | None, report: RefiReport) -> None:
    """Stream the written XML through the schema (``validate=None``: only up to VALIDATE_AUTO_BYTES)."""
    if validate is None and xml_bytes > VALIDATE_AUTO_BYTES:
        report.warn(
            f"the project XML ({xml_bytes / 1e6:.0f} MB) was not re-read against the schema: checking takes about "
            f"a second per 30 MB; export with validation on (--validate) to check it"
        )
        return
    if validate is False:
        return
    with zipfile.ZipFile(temporary) as archive, archive.open(PROJECT_XML_NAME) as stream:
        problem = check_stream(stream, project_schema())
    if problem:
        raise ValidationError(
            translate(
                "errors", "{out}: Concord wrote a project that fails the REFI-QDA schema ({problem}); please report "
                "this").format(out=out, problem=problem)
        )
    report.schema_valid = True


def _zip_time(value: datetime | None) -> tuple[int, int, int, int, int, int]:
    stamp = value or datetime.now(UTC)
    if stamp.year < 1980:  # the zip format starts in 1980
        stamp = datetime(1980, 1, 1)
    elif stamp.year > 2107:  # … and ends in 2107 (a REFI file can carry any date)
        stamp = datetime(2107, 12, 31, 23, 59, 58)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)


__all__ = [
    "CONSENSUS_USER_ID",
    "SOURCE_DESCRIPTION_TITLE",
    "VALIDATE_AUTO_BYTES",
    "ZIP_LEVEL",
    "export_qdpx",
    "note_name",
    "selection_guid",
]
