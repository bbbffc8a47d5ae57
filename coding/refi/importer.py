"""Import a REFI-QDA project archive (``.qdpx``) into a new Concord project.

Lenient in: the file is checked against the official schema and every problem is reported, but a
file is never refused only for not being schema-valid; GUIDs, paths, colours, dates and names are
read in the shapes real programs write them. What Concord cannot hold is counted in the report.

Strict about damage: a hostile archive (zip slip names, absolute paths, zip bombs, XML entities) is
refused, and so — unless the caller chooses ``skip_broken`` — is a file whose content contradicts
itself: a coding of an unknown code, a reference to an unknown source, note or variable, a source
whose text is missing, a selection beyond its text. The project is built in a hidden work file
beside the target and moved into place only when the whole import succeeded; on any failure
(``KeyboardInterrupt`` too) the work files are removed, and those of a run killed outright are
cleared by the next import into the folder (:mod:`coding.refi.scratch`): never a partial project.

Texts are normalised exactly as a .txt import normalises them, and positions are mapped per source
from the producer's units (``Project@origin``, checked on the data; see :mod:`coding.refi.positions`)
to characters of that text. Concord keeps each text once: a second source with the same normalised
text is merged into the first document — its codings (mapped through its own text), notes, set and
case memberships — and the report counts and names it under ``merged sources``.
"""

from __future__ import annotations

import os
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.cases import clean_value
from coding.changes import Changes
from coding.codebook import import_codebook
from coding.errors import CancelledError, DuplicateError, ImportFileError, ProjectFileError, ValidationError
from coding.importing import add_document_text
from coding.importing.originals import keep_original
from coding.importing.read import docx_text
from coding.importing.store import text_sha256, unique_document_name
from coding.progress import Cancel
from coding.project import Project, new_project_path
from coding.refi.codebook_qdc import (
    clean_label,
    codebook_data,
    is_concord_origin,
    unique_label,
    walk_codes,
)
from coding.refi.common import PROJECT_NS, derived_guid, localname, parse_datetime
from coding.refi.exchange import PROJECT_KEY, ExtrasCollector
from coding.refi.export import CONSENSUS_USER_ID, SOURCE_DESCRIPTION_TITLE, note_name, selection_guid
from coding.refi.model import ProjectReader, RefiCoding, RefiNote, RefiProject, RefiSelection, RefiTextSource
from coding.refi.positions import (
    PlainText,
    Units,
    choose_units,
    decode_plain_text,
    producer_trust,
    producer_units,
)
from coding.refi.report import RefiReport
from coding.refi.safety import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    SafeArchive,
    check_prolog,
    find_project_xml,
    parse_xml,
    source_member_candidates,
)
from coding.refi.schema import check_tree, project_schema
from coding.refi.scratch import clear_stale, remove_scratch, scratch_path
from coding.refi.textmap import Offsets, TextMapError
from models import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    Coder,
    Coding,
    Document,
    DocumentGroup,
    DocumentGroupMember,
    Memo,
    ProjectMeta,
)
from models.store import PROJECT_SUFFIX
from coding.i18n import translate

Progress = Callable[[int, int], None]

SKIP_BROKEN_HINT = "; to import the rest and list what is left out, choose to skip broken items (CLI: --skip-broken)"
MAX_DOCUMENT_NAME = 240
POSITION_LIMIT = 1 << 62
_LINE_BREAK_RE = re.compile(r"\r\n?")
QUOTE_CHARS = 200
_VARIABLE_TYPES = {
    "text": "text",
    "integer": "number",
    "float": "number",
    "boolean": "boolean",
    "date": "date",
    "datetime": "text",
}


class _Broken:
    """A contradiction in the file: an error, or (with ``skip_broken``) a counted, reported skip."""

    def __init__(self, path: Path, report: RefiReport, skip: bool) -> None:
        self.path, self.report, self.skip = path, report, skip

    def __call__(self, kind: str, message: str, count: int = 1) -> None:
        if not self.skip:
            raise ImportFileError(self.path, message + SKIP_BROKEN_HINT)
        self.report.skip(kind, count, message)


def _reference_problems(project: RefiProject) -> Iterator[tuple[str, str, int]]:
    """Every reference to a GUID the file does not define, as (kind, message, items)."""
    sources = {source.guid for source in project.sources} | project.media_guids
    notes = {note.guid for note in project.notes}
    variables = {variable.guid for variable in project.variables}

    def codings_of(source: RefiTextSource) -> Iterator[tuple[RefiCoding, RefiSelection | None]]:
        for selection in source.selections:
            for coding in selection.codings:
                yield coding, selection
        for coding in source.whole_codings:
            yield coding, None

    def note_refs() -> Iterator[tuple[str, str]]:
        for ref in project.project_note_refs:
            yield ref, "the project"
        for code in walk_codes(project.codes):
            for ref in code.note_refs:
                yield ref, f"code '{code.name}'"
        for source in project.sources:
            for ref in source.note_refs:
                yield ref, source.label
            for selection in source.selections:
                for ref in selection.note_refs:
                    yield ref, f"a selection in {source.label}"
                for coding in selection.codings:
                    for ref in coding.note_refs:
                        yield ref, f"a coding in {source.label}"

    for source in project.sources:
        for coding, _selection in codings_of(source):
            if coding.code_guid is None or coding.code_guid not in project.code_guids:
                if coding.raw_code_ref is None:
                    message = f"{source.label}: a coding names no code (its <CodeRef targetGUID> is missing)"
                else:
                    message = (
                        f"{source.label}: a coding refers to code {coding.raw_code_ref!r}, "
                        "which the codebook does not hold"
                    )
                yield "codings with unknown code", message, 1
    for case in project.cases:
        label = case.name or case.guid
        for ref in case.source_refs:
            if ref not in sources:
                yield (
                    "case members with unknown source",
                    f"case '{label}' refers to source {ref}, which the file does not hold",
                    1,
                )
        for variable, _element, _text in case.values:
            if variable not in variables:
                yield (
                    "variable values with unknown variable",
                    f"case '{label}' has a value of variable {variable}, which the file does not define"
                    if variable
                    else f"case '{label}' has a value that names no variable (<VariableRef targetGUID> missing)",
                    1,
                )
    for ref, where in note_refs():
        if ref not in notes:
            yield "references to unknown notes", f"{where} refers to note {ref}, which the file does not hold", 1
    for refi_set in project.sets:
        for ref in refi_set.sources:
            if ref not in sources:
                yield (
                    "set members with unknown source",
                    f"set '{refi_set.name or refi_set.guid}' refers to source {ref}, which the file does not hold",
                    1,
                )


# -- the loader --------------------------------------------------------------------------------------
@dataclass
class _NoteTarget:
    kind: str
    target_uuid: str | None
    suffix: str = ""
    anchor: tuple[int, int] | None = None  # the passage of the document the memo is about


class _Loader:
    """Writes a :class:`RefiProject` into a fresh project's session."""

    def __init__(
        self,
        session: Session,
        archive: SafeArchive,
        project: RefiProject,
        report: RefiReport,
        broken: _Broken,
        actor: str,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> None:
        self.session, self.archive, self.project, self.report = session, archive, project, report
        self.broken, self.actor, self.progress, self.cancel = broken, actor, progress, cancel
        self.coder_ids: dict[str, int] = {}
        self.coder_names: set[str] = set()
        self.fallback_coder: int | None = None
        self.code_ids: dict[str, int] = {}
        self.not_codable: set[int] = set()
        self.case_ids: dict[str, int] = {}
        self.source_case: dict[str, int] = {}
        self.document_ids: dict[str, int] = {}
        self.note_guids = {note.guid for note in project.notes}
        self.note_targets: dict[str, _NoteTarget] = {}
        self.selection_memos: list[Memo] = []
        self.coding_uuids: set[str] = set()
        self.kept_texts: dict[str, tuple[Document, str]] = {}  # text hash -> (document, source label)
        self.prior = producer_units(project.origin)
        self.trust = producer_trust(project.origin)
        self.concord_file = is_concord_origin(project.origin)
        self.codings_on_categories = 0
        self.extras = ExtrasCollector()
        self.texts: dict[str, tuple[PlainText, Units]] = {}  # source GUID -> its text and position units
        self.source_documents: dict[str, Document] = {}
        self.document_sources: dict[str, str] = {}  # document uuid -> the source GUID it was made from

    def run(self) -> None:
        self._coders()
        self._codes()
        attributes = self._attributes()
        self._cases(attributes)
        # A note referred to from several places goes to the most specific one: sources (their
        # codings and selections) first, then codes, cases, and the project last.
        self._sources()
        for code in walk_codes(self.project.codes):
            for ref in code.note_refs:
                self._target(ref, _NoteTarget("code", code.guid))
        self._links()
        for ref in self.project.project_note_refs:
            self._target(ref, _NoteTarget("project", None))
        self._memos()
        self._sets()
        if self.codings_on_categories:
            self.report.warn(
                f"{self.codings_on_categories} coding(s) use codes marked not codable (categories); kept as they are"
            )
        if self.project.description:
            self.session.merge(ProjectMeta(key="description", value=self.project.description))
        self.extras.keep(
            *PROJECT_KEY,
            {"attributes": self.project.attributes or None, "upper_case_guids": self.project.upper_case_guids or None},
        )
        self.extras.write(self.session)
        record(
            self.session,
            self.actor,
            "refi-import",
            "project",
            None,
            None,
            {"file": self.report.path.name, "origin": self.project.origin, "counts": dict(self.report.counts)},
        )

    # -- coders ------------------------------------------------------------------------------
    def _coders(self) -> None:
        for user in self.project.users:
            fallback = f"User {user.guid[:8]}"
            name = unique_label(clean_label(user.name or user.user_id, fallback), self.coder_names)
            is_consensus = (user.user_id or "").strip() == CONSENSUS_USER_ID
            coder = Coder(uuid=user.guid, name=name, is_consensus=is_consensus)
            self.session.add(coder)
            self.session.flush()
            self.coder_ids[user.guid] = coder.id
            if user.user_id and not is_consensus:
                self.extras.keep("coder", user.guid, {"id": user.user_id})
        self.report.counts["users"] = len(self.project.users)

    def coder_for(self, *guids: str | None) -> int:
        """The coder of the first GUID given; an undeclared user is added, no user at all gets a stand-in."""
        for guid in guids:
            if guid is None:
                continue
            if guid not in self.coder_ids:
                coder = Coder(uuid=guid, name=unique_label(f"User {guid[:8]}", self.coder_names))
                self.session.add(coder)
                self.session.flush()
                self.coder_ids[guid] = coder.id
                self.report.counts["users"] += 1
                self.report.warn(f"user {guid} is used but not listed under <Users>; added as coder '{coder.name}'")
            return self.coder_ids[guid]
        if self.fallback_coder is None:
            coder = Coder(name=unique_label("Unknown coder", self.coder_names))
            self.session.add(coder)
            self.session.flush()
            self.fallback_coder = coder.id
            self.report.counts["users"] += 1
            self.report.warn(f"codings without any user are given to the coder '{coder.name}'")
        return self.fallback_coder

    # -- codes -------------------------------------------------------------------------------
    def _codes(self) -> None:
        if not self.project.codes:
            return
        data = codebook_data(self.project.codes, self.report, concord_extras=is_concord_origin(self.project.origin))
        try:
            import_codebook(self.session, data, actor=self.actor)
        except (ValidationError, DuplicateError) as exc:
            raise ImportFileError(self.report.path, translate(
                "errors", "the codebook cannot be imported: {exc}").format(exc=exc)) from None
        ids = dict(self.session.execute(select(Code.uuid, Code.id)).all())
        self.code_ids = {
            written: ids[assigned] for written, assigned in self.project.code_guids.items() if assigned in ids
        }
        self.not_codable = set(self.session.scalars(select(Code.id).where(Code.is_codable.is_(False))))
        colours = dict(self.session.execute(select(Code.uuid, Code.colour)).all())
        for code in walk_codes(self.project.codes):
            if not code.colour_given and code.guid in colours:  # Concord gave it a colour; export leaves it out
                self.extras.keep("code", code.guid, {"no_colour": colours[code.guid]})
        self.report.counts["codes"] = len(ids)

    # -- attributes and cases ----------------------------------------------------------------
    def _attributes(self) -> dict[str, tuple[int, str]]:
        """Variables as attributes: GUID -> (attribute id, value type)."""
        values: dict[str, list[str]] = defaultdict(list)
        for case in self.project.cases:
            for variable_guid, _element, text in case.values:
                if variable_guid is not None and text.strip():
                    values[variable_guid].append(text.strip())
        taken: set[str] = set()
        attributes: dict[str, tuple[int, str]] = {}
        for position, variable in enumerate(self.project.variables):
            name = unique_label(clean_label(variable.name, f"Variable {position + 1}"), taken)
            value_type = _VARIABLE_TYPES.get(variable.type.lower())
            if value_type is None:
                self.report.warn(f"variable '{name}': unknown type {variable.type!r}; imported as text")
                value_type = "text"
            if variable.type.lower() == "datetime":
                self.report.warn(f"variable '{name}': date-time values are kept as text (Concord dates are days)")
            if not _all_fit(values.get(variable.guid, []), value_type):
                self.report.warn(f"variable '{name}': not every value is a valid {value_type}; imported as text")
                value_type = "text"
            attribute = Attribute(uuid=variable.guid, name=name, value_type=value_type, position=position)
            self.session.add(attribute)
            self.session.flush()
            self.extras.keep("attribute", variable.guid, {"description": variable.description or None})
            attributes[variable.guid] = (attribute.id, value_type)
        self.report.counts["variables"] = len(attributes)
        return attributes

    def _cases(self, attributes: dict[str, tuple[int, str]]) -> None:
        taken: set[str] = set()
        rows: list[dict[str, object]] = []
        media = self.project.media_guids
        for number, refi_case in enumerate(self.project.cases, start=1):
            name = unique_label(clean_label(refi_case.name, f"Case {number}"), taken)
            case = Case(uuid=refi_case.guid, name=name, description=refi_case.description or "")
            self.session.add(case)
            self.session.flush()
            self.case_ids[refi_case.guid] = case.id
            set_here: set[int] = set()
            for variable, _element, text in refi_case.values:
                if variable not in attributes or not text.strip():
                    continue  # unknown variables were reported with the other broken references
                attribute_id, value_type = attributes[variable]
                if attribute_id in set_here:
                    self.report.skip(
                        "repeated variable values", 1, f"case '{name}': a second value of one variable left out"
                    )
                    continue
                set_here.add(attribute_id)
                rows.append(
                    {"case_id": case.id, "attribute_id": attribute_id, "value": clean_value(text.strip(), value_type)}
                )
            for source in refi_case.source_refs:
                if source in media:
                    self.report.skip("case members that are not text", 1)
                elif source in self.source_case:
                    self.report.skip(
                        "extra case memberships",
                        1,
                        f"case '{name}': a document already belongs to another case (Concord documents have one case)",
                    )
                else:
                    self.source_case[source] = case.id
        if rows:
            self.session.execute(insert(AttributeValue), rows)
        self.report.counts["cases"] = len(self.project.cases)

    # -- sources and codings ------------------------------------------------------------------
    def _tick(self, done: int, total: int) -> None:
        if self.cancel is not None and self.cancel():
            raise CancelledError(translate("errors", "import cancelled; no project was written"))
        if self.progress is not None:
            self.progress(done, total)

    def _find_member(self, reference: str | None) -> str | None:
        if not reference:
            return None
        for candidate in source_member_candidates(reference):
            member = self.archive.find(candidate)
            if member:
                return member
        return None

    def _read_text(self, source: RefiTextSource) -> tuple[str, str, str, str] | None:
        """(raw text, format, encoding, where) of a source, or None when the archive lacks it."""
        member = self._find_member(source.plain_path)
        if member:
            text, encoding, _bom = decode_plain_text(self.archive.read(member))
            return text, "txt", encoding, member
        if source.inline_text is not None:
            return source.inline_text, "txt", "utf-8", source.name
        original = self._find_member(source.rich_path)
        if original:
            suffix = PurePosixPath(original).suffix.lower()
            try:
                if suffix == ".docx":
                    text, encoding = docx_text(Path(original), self.archive.read(original)), ""
                elif suffix in (".txt", ".md"):
                    text, encoding, _bom = decode_plain_text(self.archive.read(original))
                else:
                    return None
            except ImportFileError:
                return None
            self.report.warn(f"{source.label}: no plain text in the archive; text taken from the original {original}")
            return text, suffix.lstrip("."), encoding, original
        return None

    def _skip_contents(self, source: RefiTextSource, kind: str) -> None:
        codings = sum(len(selection.codings) for selection in source.selections) + len(source.whole_codings)
        self.report.skip(kind, codings)

    def _sources(self) -> None:
        total = len(self.project.sources)
        imported = 0
        for index, source in enumerate(self.project.sources):
            self._tick(index, total)
            found = self._read_text(source)
            if found is None:
                where = source.plain_path or source.rich_path or "no path given"
                self.broken("sources without text", f"{source.label}: its text is not in the archive ({where})")
                self._skip_contents(source, "codings on sources without text")
                continue
            raw, file_format, encoding, where = found
            plain = self._plain_text(source, raw)
            if not plain.text.strip() and plain.text:
                # other programs write a placeholder (a space, a line break) for a source without text
                plain = self._plain_text(source, "")
            digest = text_sha256(plain.text)
            twin = self.kept_texts.get(digest)
            if twin is not None:
                self._merge_twin(source, plain, *twin)
                continue
            document = (add_document_text if plain.text else _empty_document)(
                self.session,
                name=clean_label(source.name or _file_stem(source), f"Source {index + 1}", MAX_DOCUMENT_NAME),
                text=plain.text,
                source_name=f"{self.report.path.name}:{where}",
                format=file_format[:16],
                encoding=encoding,
                sha256=digest,
            )
            if not plain.text:
                self.report.counts["empty sources"] += 1
            document.uuid = source.guid
            if source.created is not None:
                document.imported_at = source.created
            if source.guid in self.source_case:
                document.case_id = self.source_case[source.guid]
            self.session.flush()
            self.kept_texts[digest] = (document, source.label)
            self._keep_rich_original(source, document)
            self._source_description(source, document)
            self._attach_source(source, plain, document)
            imported += 1
        self.report.counts["sources"] = imported
        self._tick(total, total)

    def _keep_rich_original(self, source: RefiTextSource, document: Document) -> None:
        """The .docx a source names in ``richTextPath`` becomes the document's original (Open original; export)."""
        member = self._find_member(source.rich_path)
        if member and PurePosixPath(member).suffix.lower() == ".docx":
            name = clean_label(source.name or PurePosixPath(member).stem, "original", 200)
            filename = name if name.lower().endswith(".docx") else f"{name}.docx"
            keep_original(
                self.session, document.id, filename=filename, file_format="docx", data=self.archive.read(member)
            )

    def _source_description(self, source: RefiTextSource, document: Document) -> None:
        """A source's ``<Description>`` (QualCoder's and MAXQDA's document memo) as a memo on the document."""
        if not source.description:
            return
        memo_uuid = derived_guid("source-description", source.guid)
        self.selection_memos.append(
            Memo(
                uuid=memo_uuid,
                target_kind="document",
                target_uuid=document.uuid,
                author_id=self.coder_for(source.user) if source.user else None,
                title=SOURCE_DESCRIPTION_TITLE,
                text=source.description,
                created_at=source.created or _now(),
                updated_at=source.created or _now(),
            )
        )
        self.extras.keep("memo", memo_uuid, {"source_description": True})

    def _plain_text(self, source: RefiTextSource, raw: str) -> PlainText:
        try:
            return PlainText.from_raw(raw)
        except TextMapError as exc:  # a bug, but one file's: say which
            raise ImportFileError(self.report.path, translate(
                "errors", "{label}: {exc}; please report this").format(label=source.label, exc=exc)) from None

    def _attach_source(self, source: RefiTextSource, plain: PlainText, document: Document) -> int:
        """The source's notes and codings on ``document``; returns how many codings were made."""
        self.document_ids[source.guid] = document.id
        for ref in source.note_refs:
            self._target(ref, _NoteTarget("document", document.uuid))
        return self._codings(source, plain, document)

    def _merge_twin(self, source: RefiTextSource, plain: PlainText, document: Document, kept_label: str) -> None:
        """A second source with the same (normalised) text: Concord keeps each text once, so its codings,
        notes, set and case memberships go to the document already made from that text."""
        case_id = self.source_case.get(source.guid)
        if case_id is not None and case_id != document.case_id:
            if document.case_id is None:
                document.case_id = case_id
                self.session.flush()
            else:
                self.report.skip(
                    "extra case memberships",
                    1,
                    f"{source.label}: merged into {kept_label}, which belongs to another case; its case is not kept",
                )
        codings = self._attach_source(source, plain, document)
        self.report.counts["merged sources"] += 1
        self.report.warn(
            f"{source.label}: same text as {kept_label} (after normalising line ends, spaces and control "
            f"characters); merged into that document with its {codings} coding(s), since Concord keeps each text once"
        )

    def _codings(self, source: RefiTextSource, plain: PlainText, document: Document) -> int:
        # (selection, start, end) with both positions written; the others are skipped and counted
        placed = [(s, s.start, s.end) for s in source.selections if s.start is not None and s.end is not None]
        unreadable = len(source.selections) - len(placed)
        if unreadable:
            self.report.skip(
                "selections without readable positions",
                unreadable,
                f"{source.label}: {unreadable} selection(s) without readable start/end positions",
            )
        rows: list[dict[str, object]] = []
        text = plain.text
        self.texts[source.guid] = (plain, self.prior)
        self.source_documents[source.guid] = document
        self.document_sources.setdefault(document.uuid, source.guid)
        if placed:
            starts = _positions([min(start, end) for _s, start, end in placed])
            ends = _positions([max(start, end) for _s, start, end in placed])
            reversed_count = sum(1 for _s, start, end in placed if start > end)
            if reversed_count:
                self.report.warn(
                    f"{source.label}: {reversed_count} selection(s) had start after end; read the other way round"
                )
            decision = choose_units(plain, starts, ends, [s.name for s, _start, _end in placed], self.prior, self.trust)
            self.texts[source.guid] = (plain, decision.units)
            self.report.position_units[decision.units.value] += 1
            if decision.overrode_producer or not decision.confident:
                verdict = "probably" if not decision.confident else "read as"
                self.report.warn(
                    f"{source.label}: positions {verdict} {decision.units.english_label} ({decision.reason}); check its codings"
                )
            s_chars, s_inexact, s_out = plain.to_chars(decision.units, starts, is_end=False)
            e_chars, e_inexact, e_out = plain.to_chars(decision.units, ends, is_end=True)
            inexact = int((s_inexact | e_inexact).sum())
            if inexact:
                self.report.warn(
                    f"{source.label}: {inexact} selection(s) began or ended inside a character; "
                    "widened to whole characters"
                )
            for i, (selection, _start, _end) in enumerate(placed):
                if s_out[i] or e_out[i]:
                    self.broken(
                        "selections beyond the text",
                        f"{source.label}: selection {selection.guid} at {selection.start}–{selection.end} lies beyond "
                        "the text "
                        f"({int(plain.starts(decision.units)[-1])} {decision.units.value} units)",
                    )
                    self.report.skip("codings beyond the text", len(selection.codings))
                    continue
                start, end = int(s_chars[i]), int(e_chars[i])
                if start >= end:
                    self.report.skip("empty selections", 1)
                    self.report.skip("codings on empty selections", len(selection.codings))
                    continue
                self._selection(source, selection, document, start, end, rows)
        for coding in source.whole_codings:
            self._coding_row(coding, None, source, document, 0, len(text), rows)
        if rows:
            self.session.execute(insert(Coding), rows)
        self.report.counts["codings"] += len(rows)
        return len(rows)

    def _selection(
        self,
        source: RefiTextSource,
        selection: RefiSelection,
        document: Document,
        start: int,
        end: int,
        rows: list[dict[str, object]],
    ) -> None:
        if not selection.codings:
            self._selection_memos(selection, document, start, end)
            return
        made = [self._coding_row(c, selection, source, document, start, end, rows) for c in selection.codings]
        made_uuids = [coding_uuid for coding_uuid in made if coding_uuid]
        for ref in selection.note_refs:
            if len(made_uuids) == 1:
                self._target(ref, _NoteTarget("coding", made_uuids[0]))
            else:
                self._target(
                    ref, _NoteTarget("document", document.uuid, self._quote_suffix(document, start, end), (start, end))
                )

    def _coding_row(
        self,
        coding: RefiCoding,
        selection: RefiSelection | None,
        source: RefiTextSource,
        document: Document,
        start: int,
        end: int,
        rows: list[dict[str, object]],
    ) -> str | None:
        code_id = self.code_ids.get(coding.code_guid or "")
        if code_id is None:
            return None  # reported with the other broken references
        if code_id in self.not_codable:
            self.codings_on_categories += 1
        coder_id = self.coder_for(
            coding.user, selection.user if selection else None, source.user, self.project.creating_user
        )
        coding_uuid = coding.guid
        if coding_uuid is None or coding_uuid in self.coding_uuids:
            coding_uuid = str(uuid.uuid4())
        self.coding_uuids.add(coding_uuid)
        created = coding.created or (selection.created if selection else None) or source.created or _now()
        updated = (selection.modified if selection else None) or created
        if selection is not None:
            self._keep_selection(coding, selection, coding_uuid, coder_id)
        rows.append(
            {
                "uuid": coding_uuid,
                "document_id": document.id,
                "coder_id": coder_id,
                "code_id": code_id,
                "start": start,
                "end": end,
                "memo": (selection.description or "") if selection else "",
                "derived_from": None,
                "created_at": created,
                "updated_at": updated,
            }
        )
        for ref in coding.note_refs:
            self._target(ref, _NoteTarget("coding", coding_uuid))
        return coding_uuid

    def _keep_selection(self, coding: RefiCoding, selection: RefiSelection, coding_uuid: str, coder_id: int) -> None:
        """What the export cannot derive from the coding row: the selection's own GUID, creator and times, the
        coding's time as written (kept only where they differ from what the export would write)."""
        first = selection.codings and selection.codings[0] is coding  # a selection's GUID goes out once
        own_user = None
        if selection.user is not None and self.coder_ids.get(selection.user) != coder_id:
            self.coder_for(selection.user)  # an unlisted user is added, so the file still names a known user
            own_user = selection.user
        stamp = coding.raw_created
        self.extras.keep(
            "coding",
            coding_uuid,
            {
                "selection": selection.guid if first and selection.guid != selection_guid(coding_uuid) else None,
                "selection_user": own_user,
                "selection_created": selection.raw_created if parse_datetime(selection.raw_created) else None,
                "created": stamp if stamp and _as_exported(stamp) != stamp.strip() else None,
            },
        )

    @staticmethod
    def _quote_suffix(document: Document, start: int, end: int) -> str:
        quote = document.text[start:end]
        if len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS] + "…"
        return f"\n\n— on characters {start}–{end}: “{quote}”"

    def _selection_memos(self, selection: RefiSelection, document: Document, start: int, end: int) -> None:
        """A selection without codings is a note on a passage: a memo on the document, quoting it."""
        suffix = self._quote_suffix(document, start, end)
        for ref in selection.note_refs:
            self._target(ref, _NoteTarget("document", document.uuid, suffix, (start, end)))
        if selection.description:
            title = clean_label(selection.name, f"Note on characters {start}–{end}")
            self.selection_memos.append(
                Memo(
                    uuid=selection.guid,
                    target_kind="document",
                    target_uuid=document.uuid,
                    author_id=self.coder_for(selection.user) if selection.user else None,
                    title=title,
                    text=selection.description + suffix,
                    created_at=selection.created or _now(),
                    updated_at=selection.modified or selection.created or _now(),
                )
            )
            self.extras.keep("memo", selection.guid, {"anchor": [start, end], "suffix": suffix})
        elif not selection.note_refs:
            self.report.skip("empty selections without codings", 1)

    # -- memos, links, sets ----------------------------------------------------------------------
    def _target(self, note_guid: str, target: _NoteTarget) -> None:
        if note_guid not in self.note_guids:
            return  # reported with the other broken references
        if note_guid in self.note_targets:
            self.report.skip(
                "extra note references", 1, f"note {note_guid} is referred to more than once; kept with the first"
            )
            return
        self.note_targets[note_guid] = target

    def _links(self) -> None:
        for link in self.project.links:
            ends = (link.origin, link.target)
            notes = [end for end in ends if end in self.note_guids]
            cases = [end for end in ends if end in self.case_ids]
            if len(notes) == 1 and len(cases) == 1:
                self._target(notes[0], _NoteTarget("case", cases[0]))
            else:
                self.report.skip(
                    "links", 1, f"link '{link.name or link.guid}' not imported: Concord links only memos to cases"
                )

    def _memos(self) -> None:
        unattached = 0
        memos: list[Memo] = []
        for note in self.project.notes:
            member = self._find_member(note.plain_path)
            if member:
                text = _LINE_BREAK_RE.sub("\n", decode_plain_text(self.archive.read(member))[0])
            elif note.inline_text is not None:
                text = note.inline_text
            elif note.plain_path:
                self.broken(
                    "notes without text",
                    f"note '{note.name or note.guid}': its text is not in the archive ({note.plain_path})",
                )
                continue
            else:
                text = ""
            target = self.note_targets.get(note.guid)
            if target is None:
                unattached += 1
                target = _NoteTarget("project", None)
            target = self._annotation(note, target)
            title = clean_label(note.name, "")
            if self.concord_file and title == note_name("", text):
                title = ""  # Concord named an untitled memo by its text (readers want a name); it stays untitled
            self.extras.keep(
                "memo",
                note.guid,
                {
                    "description": note.description or None,
                    "anchor": list(target.anchor) if target.anchor else None,
                    "suffix": target.suffix if target.anchor else None,
                },
            )
            memos.append(
                Memo(
                    uuid=note.guid,
                    target_kind=target.kind,
                    target_uuid=target.target_uuid,
                    author_id=self.coder_for(note.user) if note.user else None,
                    title=title,
                    text=text + target.suffix,
                    created_at=note.created or _now(),
                    updated_at=note.modified or note.created or _now(),
                )
            )
        if unattached:
            self.report.warn(f"{unattached} note(s) not attached to anything kept as project memos")
        memos.extend(self.selection_memos)
        self.session.add_all(memos)
        self.session.flush()
        self.report.counts["notes"] = len(memos)

    def _annotation(self, note: RefiNote, target: _NoteTarget) -> _NoteTarget:
        """A note holding a selection of the source that refers to it (QualCoder's annotation) is about that
        passage: the memo quotes it and remembers where it is."""
        if note.selection is None or target.kind != "document" or target.anchor is not None:
            return target
        source_guid = self.document_sources.get(target.target_uuid or "")
        if source_guid is None or source_guid not in self.texts:
            return target
        plain, units = self.texts[source_guid]
        document = self.source_documents[source_guid]
        starts, _inexact, start_out = plain.to_chars(units, _positions([note.selection[0]]), is_end=False)
        ends, _inexact, end_out = plain.to_chars(units, _positions([note.selection[1]]), is_end=True)
        start, end = int(starts[0]), int(ends[0])
        if start_out[0] or end_out[0] or start >= end:
            self.report.warn(
                f"note '{note.name or note.guid}': its passage lies outside the text; kept on the document"
            )
            return target
        return _NoteTarget("document", document.uuid, self._quote_suffix(document, start, end), (start, end))

    def _sets(self) -> None:
        taken: set[str] = set()
        groups = 0
        text_sources = {source.guid for source in self.project.sources} | self.project.media_guids
        for number, refi_set in enumerate(self.project.sets, start=1):
            label = refi_set.name or refi_set.guid
            if refi_set.codes:
                self.report.skip(
                    "code set members",
                    refi_set.codes,
                    f"set '{label}': {refi_set.codes} code member(s) not imported (Concord groups documents)",
                )
            if refi_set.notes:
                self.report.skip(
                    "note set members", refi_set.notes, f"set '{label}': {refi_set.notes} note member(s) not imported"
                )
            if not refi_set.sources and (refi_set.codes or refi_set.notes):
                self.report.skip("sets without documents", 1)
                continue
            group = DocumentGroup(
                uuid=refi_set.guid,
                name=unique_label(clean_label(refi_set.name, f"Set {number}"), taken),
                description=refi_set.description or "",
            )
            self.session.add(group)
            self.session.flush()
            members: list[dict[str, int]] = []
            seen: set[int] = set()
            for ref in refi_set.sources:
                document_id = self.document_ids.get(ref)
                if document_id is None:
                    if ref in text_sources:  # a source left out above; unknown ones were reported already
                        self.report.skip("set members not imported", 1)
                    continue
                if document_id not in seen:
                    seen.add(document_id)
                    members.append({"group_id": group.id, "document_id": document_id})
            if members:
                self.session.execute(insert(DocumentGroupMember), members)
            groups += 1
        self.report.counts["sets"] = groups


def _empty_document(
    session: Session, *, name: str, text: str, source_name: str, format: str, encoding: str, sha256: str
) -> Document:
    """A source without text kept as an empty document (other programs hold them: a memo-only source, a
    placeholder), so its name, case, memos and sets come across; there is nothing in it to segment."""
    document = Document(
        name=unique_document_name(session, name),
        source_name=source_name,
        format=format,
        encoding=encoding,
        sha256=sha256,
        language="en",
        text=text,
        char_count=0,
    )
    session.add(document)
    session.flush()
    return document


def _as_exported(stamp: str) -> str | None:
    """How the export writes a coding's time from the stored row (naive UTC, microseconds)."""
    parsed = parse_datetime(stamp)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if parsed else None


def _file_stem(source: RefiTextSource) -> str:
    """The name of a source's text file without folder or extension (qc writes sources without a name)."""
    path = source.plain_path or source.rich_path or ""
    return PurePosixPath(path.split("://")[-1].replace("\\", "/")).stem


def _positions(values: list[int]) -> Offsets:
    """Selection positions as int64; absurd ones (10**30) are clipped far beyond any text, so they are
    reported as beyond the text instead of overflowing."""
    return np.array([max(-POSITION_LIMIT, min(POSITION_LIMIT, value)) for value in values], dtype=np.int64)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _all_fit(values: list[str], value_type: str) -> bool:
    for value in values:
        try:
            clean_value(value, value_type)
        except ValidationError:
            return False
    return True


# -- the whole import --------------------------------------------------------------------------------
def read_project(archive: SafeArchive, report: RefiReport) -> RefiProject:
    """Parse and schema-check the archive's project XML into plain values."""
    path = archive.path
    member = find_project_xml(archive)
    if member != "project.qde":
        report.warn(f"the project XML is {member!r}, not 'project.qde'")
    check_prolog(path, archive.read_prefix(member), member)
    with archive.open(member) as stream:
        tree = parse_xml(path, stream, member)
    root = tree.getroot()
    if localname(root.tag) != "Project":
        raise ImportFileError(path, translate(
            "errors", "{member} is not a REFI-QDA project (its root element is <{value}>)").format(
            member=member, value=localname(root.tag)))
    if isinstance(root.tag, str) and root.tag.startswith(f"{{{PROJECT_NS}}}"):
        report.schema_valid = True
        for problem in check_tree(tree, project_schema()):
            report.schema_error(problem)
    else:
        report.schema_error(f"the root element is not in the namespace {PROJECT_NS}; schema check skipped")
    project = ProjectReader(report).read(root)
    report.origin = project.origin
    return project


def _move_into_place(temporary: Path, out: Path) -> None:
    if out.exists():
        raise ProjectFileError(translate(
            "errors", "{out}: appeared while importing; the import was not saved").format(out=out))
    for suffix in ("-wal", "-shm"):  # normally gone once the last connection closed
        if Path(f"{temporary}{suffix}").exists():
            os.replace(f"{temporary}{suffix}", f"{out}{suffix}")
    os.replace(temporary, out)


def _build(
    temporary: Path,
    name: str,
    project: RefiProject,
    archive: SafeArchive,
    report: RefiReport,
    broken: _Broken,
    actor: str | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> None:
    """Write the whole project into a new project file at ``temporary`` and close it."""
    created = Project.create(temporary, name=name, with_codebook=False)
    try:
        # A new project built from a file can be rebuilt from it: no fsync per transaction needed.
        with created.session(durable=False) as session:
            _Loader(session, archive, project, report, broken, actor or created.actor, progress, cancel).run()
    finally:
        created.close()


def _clear_interrupted_runs(folder: Path, report: RefiReport) -> None:
    removed = clear_stale(folder)
    if removed:
        report.warn(
            f"removed {len(removed)} work file(s) an interrupted import or export left in {folder}: "
            + ", ".join(sorted(path.name for path in removed)[:5])
        )


def import_qdpx(
    path: str | Path,
    out: str | Path,
    *,
    skip_broken: bool = False,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    actor: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> RefiReport:
    """Import a ``.qdpx`` archive as a new project at ``out``; returns what was imported and skipped.

    Raises :class:`ImportFileError` for an unreadable or hostile archive and — unless
    ``skip_broken`` — for references to things the file does not hold, missing source texts and
    selections beyond their text. Either way no project file is left behind on failure.
    """
    path = Path(path)
    out = new_project_path(out)
    report = RefiReport("import", path, project=out)
    _clear_interrupted_runs(out.parent, report)
    broken = _Broken(path, report, skip_broken)
    with SafeArchive(path, limits) as archive:
        project = read_project(archive, report)
        for kind, message, count in _reference_problems(project):
            broken(kind, message, count)
        temporary = scratch_path(out, "importing", PROJECT_SUFFIX)
        try:
            _build(temporary, project.name or out.stem, project, archive, report, broken, actor, progress, cancel)
            _move_into_place(temporary, out)
        except BaseException:  # KeyboardInterrupt too: never leave a half-built project behind
            remove_scratch(temporary)
            raise
    report.changes = Changes(
        documents=True, codes=True, codings=True, coders=True, cases=True, attributes=True, groups=True, memos=True
    )
    return report


__all__ = ["SKIP_BROKEN_HINT", "import_qdpx", "read_project"]
