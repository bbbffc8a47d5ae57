"""Merging coder copies (and .qdpx files coded elsewhere) back into the project.

``merge_copies(project, paths)`` merges each copy in its own transaction and returns a report per copy
(added, changed, deleted, unchanged, conflicts) and, per merged copy, a :class:`MergeRecord` of every row
it touched, before and after: ``undo_merge`` takes exactly that back and ``redo_merge`` does it again, each
refusing (``ConflictError``) when the rows are no longer as the merge left them.

The rules, for the copy's coder only (other coders' codings in a copy are never taken):

* **Codings, coding memos, memos** are matched by uuid and compared with the copy's *base*: what the copy
  held of them when it was made (``coding.team.copies``) or, once merged, when it was last merged. One changed
  in the copy replaces the project's version; one unchanged in the copy leaves the project's as it is (an
  edit made in the project since is kept); one the coder added is added. One the coder *deleted* — in the
  base, not in the copy — is deleted from the project. A coding of the coder that is in the project but was
  never in the copy (another document, or coded in the project after the copy was made) is in no base and is
  left alone: absence only means deletion for what the copy held. Because the base moves on with each merge,
  merging the same copy twice changes nothing.
* **Document statuses** (assignments) changed in the copy are taken; removing an assignment is the lead's.
* **Codes** are matched by uuid and compared on name, parent and definition fields with the base. Changed
  only in the copy: taken. Changed in both places, differently: a conflict that keeps the project's version
  unless ``theirs`` (and stays a conflict at the next merge of that copy, so ``theirs`` can still take it).
  A code added in the copy is added under the same parent, or matched to a code of the
  same name there. A code deleted in the copy stays (reported); a code deleted in the project comes back only
  if the coder's codings use it (reported). Colours, shortcuts and order are not merged.
* **Refused**, with one line and nothing merged from that copy: a file that is not a coder copy, a copy of
  another project, a document whose text hash differs from the project's, a document the project lacks, and
  a copy of a coder who already has codings merged from a newer copy, when this older one would change
  anything.

A **.qdpx** has no base (``coding.team.sources``): its codings are added or, matched by uuid, take the
project's place; ones equal to a coding already there (same document, code, span and memo) are unchanged;
nothing is deleted, and codes differing only in the .qdpx's codebook are conflicts compared on name and
parent (other tools drop Concord's definition fields).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import NOTHING, Changes
from coding.codebook import add_code, delete_code, descendant_ids, move_code, update_code
from coding.errors import ConcordError, ConflictError, ProjectFileError
from coding.progress import Cancel, Progress
from coding.project import Project
from coding.team.copies import CODE_FIELDS, code_states, fingerprint, project_uuid
from coding.team.sources import (
    CodingRow,
    MemoRow,
    MergeRefused,
    MergeSource,
    StatusRow,
    coding_rows,
    driver_rows,
    existing_uuids,
    ids_by_uuid,
    memo_rows,
    read_source,
    status_rows,
)
from models import Assignment, Code, Coder, Coding, Document, Memo, ProjectMeta, new_uuid
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.said import Said, shown

COMPARED = ("name", "parent", *CODE_FIELDS)
QDPX_COMPARED = ("name", "parent")
STATE_PREFIX = "team.copy."  # + copy identity: what the copy held when last merged (the next merge's base)
CODER_PREFIX = "team.coder."  # + coder uuid: the newest copy of that coder merged so far
BATCH = 500
ContentRow = TypeVar("ContentRow", CodingRow, MemoRow)  # rows compared by their content
MergedRow = CodingRow | MemoRow | StatusRow
Pair = tuple[Any, Any]  # (before, after) of one row (CodingRow, MemoRow or StatusRow); None = absent


# -- reports --------------------------------------------------------------------------------------------
@dataclass
class Counts:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"added": self.added, "changed": self.changed, "deleted": self.deleted, "unchanged": self.unchanged}

    def text(self) -> str:
        return translate("team.merge", "{added} added, {changed} changed, {deleted} deleted, {unchanged} unchanged"
                         ).format(added=self.added, changed=self.changed, deleted=self.deleted,
                                  unchanged=self.unchanged)


_CONFLICT_TEXTS = {"code": QT_TRANSLATE_NOOP("team.merge", "code '{name}': {message}"),
                   "coding": QT_TRANSLATE_NOOP("team.merge", "coding '{name}': {message}"),
                   "memo": QT_TRANSLATE_NOOP("team.merge", "memo '{name}': {message}")}


@dataclass(frozen=True)
class Conflict:
    kind: str  # code | coding | memo
    name: str  # English in the JSON report (a Said where it is a description rather than a name)
    message: str  # English in the JSON report; a Said carries the shown wording

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "message": self.message}

    def english(self) -> str:
        """The conflict as the audit record keeps it (always English)."""
        return f"{self.kind} '{self.name}': {self.message}"

    def text(self) -> str:
        """The conflict as the merge report shows it, in the interface language."""
        template = _CONFLICT_TEXTS.get(self.kind)
        if template is None:
            return f"{self.kind} '{shown(self.name)}': {shown(self.message)}"
        return translate("team.merge", template).format(name=shown(self.name), message=shown(self.message))


@dataclass
class CopyReport:
    """What merging one file did (or why it was refused)."""

    file: str
    coder: str = ""
    kind: str = "copy"
    identity: str = ""
    made_at: datetime | None = None
    codings: Counts = field(default_factory=Counts)
    memos: Counts = field(default_factory=Counts)
    codes: Counts = field(default_factory=Counts)
    statuses: Counts = field(default_factory=Counts)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refused: str | None = None

    @property
    def merged(self) -> bool:
        return self.refused is None

    def totals(self) -> Counts:
        parts = (self.codings, self.memos, self.codes, self.statuses)
        return Counts(*(sum(getattr(part, name) for part in parts) for name in ("added", "changed", "deleted",
                                                                               "unchanged")))

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "coder": self.coder, "kind": self.kind, "copy": self.identity,
            "made_at": self.made_at.isoformat() if self.made_at else None, "merged": self.merged,
            "refused": self.refused, "totals": self.totals().to_dict(), "codings": self.codings.to_dict(),
            "memos": self.memos.to_dict(), "codes": self.codes.to_dict(), "statuses": self.statuses.to_dict(),
            "conflicts": [conflict.to_dict() for conflict in self.conflicts], "notes": list(self.notes),
        }

    def text(self) -> str:
        """The report as the command line prints it, in the interface language."""
        if self.refused is not None:
            return translate("team.merge", "{file}: refused — {reason}").format(file=self.file, reason=self.refused)
        made = (translate("team.merge", ", copy made {when} UTC").format(when=f"{self.made_at:%Y-%m-%d %H:%M}")
                if self.made_at else "")
        lines = [f"{self.file} — {self.coder}{made}",
                 translate("team.merge", "  codings: {counts}").format(counts=self.codings.text())]
        for label, counts in ((translate("team.merge", "codes"), self.codes),
                              (translate("team.merge", "memos"), self.memos),
                              (translate("team.merge", "document statuses"), self.statuses)):
            if counts.added or counts.changed or counts.deleted:
                lines.append(f"  {label}: {counts.text()}")
        lines.append(translate("team.merge", "  conflicts: {count}").format(
            count=len(self.conflicts) or translate("team.merge", "none")))
        lines += [f"    {conflict.text()}" for conflict in self.conflicts]
        lines += [translate("team.merge", "  note: {note}").format(note=shown(note)) for note in self.notes]
        return "\n".join(lines)


# -- what a merge did -------------------------------------------------------------------------------------
@dataclass
class CodeStep:
    uuid: str
    before: dict[str, Any] | None  # None: the merge added the code
    after: dict[str, Any]


@dataclass
class MergeRecord:
    """Every row one merge touched, before and after (project uuids), in the order it touched them."""

    label: str
    coder_uuid: str
    identity: str
    codes: list[CodeStep] = field(default_factory=list)
    codings: list[Pair] = field(default_factory=list)
    memos: list[Pair] = field(default_factory=list)
    statuses: list[Pair] = field(default_factory=list)
    meta: list[tuple[str, str | None, str | None]] = field(default_factory=list)

    def changes(self) -> Changes:
        return Changes(codes=bool(self.codes), codings=bool(self.codings), memos=bool(self.memos),
                       assignments=bool(self.statuses))

    def summary(self) -> dict[str, Any]:
        """The uuids the merge touched, for its audit event."""
        def kinds(pairs: list[Pair]) -> dict[str, list[str]]:
            return {
                "added": [after.uuid for before, after in pairs if before is None],
                "changed": [after.uuid for before, after in pairs if before is not None and after is not None],
                "deleted": [before.uuid for before, after in pairs if after is None],
            }
        return {"codings": kinds(self.codings), "memos": kinds(self.memos), "statuses": kinds(self.statuses),
                "codes": {"added": [s.uuid for s in self.codes if s.before is None],
                          "changed": [s.uuid for s in self.codes if s.before is not None]}}


@dataclass
class MergeResult:
    reports: list[CopyReport] = field(default_factory=list)
    records: list[MergeRecord] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        changes = NOTHING
        for merge_record in self.records:
            changes = changes | merge_record.changes()
        return changes

    @property
    def refused(self) -> list[CopyReport]:
        return [report for report in self.reports if not report.merged]

    def to_dict(self) -> dict[str, Any]:
        return {"copies": [report.to_dict() for report in self.reports],
                "merged": sum(report.merged for report in self.reports), "refused": len(self.refused)}

    def text(self) -> str:
        return "\n".join(report.text() for report in self.reports)


# -- merging -------------------------------------------------------------------------------------------
def merge_copies(
    project: Project, paths: Sequence[str | Path], *, theirs: bool = False, coder: str | None = None,
    progress: Progress | None = None, cancelled: Cancel | None = None,
) -> MergeResult:
    """Merge each file (coder copy or .qdpx) in its own transaction; a refused one is reported, not raised, and
    the others are still merged (so every merge that happened has its record, for undo)."""
    if project.read_only:
        raise ProjectFileError(translate(
            "errors", "{location}: opened read-only; a merge writes into it").format(location=project.location))
    if not paths:
        raise MergeRefused(translate("errors", "name at least one coder copy (.concord) or .qdpx to merge"))
    result = MergeResult()
    with project.session() as session:
        coders = [(uuid, name) for uuid, name in session.execute(select(Coder.uuid, Coder.name))]
    for index, path in enumerate(paths):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(index, len(paths), Path(path).name)
        try:
            source = read_source(path, project.path, coders, coder)
            with project.session() as session:
                report, merge_record = merge_source(session, source, theirs=theirs, actor=project.actor)
        except MergeRefused as exc:
            result.reports.append(CopyReport(file=Path(path).name, refused=str(exc)))
            continue
        except ConcordError as exc:  # the database refused the step (locked, disk full …): rolled back
            name = Path(path).name
            result.reports.append(CopyReport(file=name, refused=translate(
                "team.merge", "{file}: {problem}; nothing merged").format(file=name, problem=exc)))
            continue
        result.reports.append(report)
        result.records.append(merge_record)
    if progress is not None:
        progress(len(paths), len(paths), "")
    return result


def merge_source(session: Session, source: MergeSource, *, theirs: bool, actor: str) -> tuple[CopyReport, MergeRecord]:
    """Merge one read copy in the caller's transaction; ``MergeRefused`` before anything is written."""
    planner = _Planner(session, source, theirs)
    report, merge_record = planner.plan()
    for uuid, step_conflict in _apply_codes(session, merge_record, actor=actor, first_run=True):
        report.conflicts.append(step_conflict)
        report.codes.changed -= 1
        planner.unsettled.add(uuid)
    planner.plan_meta()
    _apply_rows(session, merge_record, forward=True, check=False)
    _apply_meta(session, merge_record.meta, forward=True)
    record(session, actor, "merge", "project", planner.project_uuid, None, {
        "file": source.label, "kind": source.kind, "copy": source.identity, "coder": source.coder_name,
        "coder_uuid": source.coder_uuid, "counts": {k: v for k, v in report.to_dict().items()
                                                    if k in ("codings", "memos", "codes", "statuses")},
        "conflicts": [conflict.english() for conflict in report.conflicts], **merge_record.summary(),
    })
    return report, merge_record


def undo_merge(session: Session, records: Sequence[MergeRecord], *, actor: str) -> Changes:
    """Take merges back, newest first; ``ConflictError`` (nothing written) when their rows changed since."""
    changes = NOTHING
    for merge_record in reversed(records):
        _apply_rows(session, merge_record, forward=False, check=True)
        _apply_codes(session, merge_record, actor=actor, forward=False)
        _apply_meta(session, merge_record.meta, forward=False)
        record(session, actor, "undo_merge", "project", project_uuid(session), None,
               {"file": merge_record.label, "copy": merge_record.identity, **merge_record.summary()})
        changes = changes | merge_record.changes()
    return changes


def redo_merge(session: Session, records: Sequence[MergeRecord], *, actor: str) -> Changes:
    """Do undone merges again, from their records; ``ConflictError`` when the rows changed meanwhile."""
    changes = NOTHING
    for merge_record in records:
        _apply_codes(session, merge_record, actor=actor, forward=True)
        _apply_rows(session, merge_record, forward=True, check=True)
        _apply_meta(session, merge_record.meta, forward=True)
        record(session, actor, "redo_merge", "project", project_uuid(session), None,
               {"file": merge_record.label, "copy": merge_record.identity, **merge_record.summary()})
        changes = changes | merge_record.changes()
    return changes


# -- planning ------------------------------------------------------------------------------------------
def _differs(one: dict[str, Any], other: dict[str, Any], fields: Iterable[str]) -> bool:
    return any(one.get(name) != other.get(name) for name in fields)


def _parents_first(codes: dict[str, dict[str, Any]]) -> list[str]:
    def depth(uuid: str) -> int:
        steps, parent = 0, codes[uuid]["parent"]
        while parent is not None and parent in codes and steps <= len(codes):
            steps, parent = steps + 1, codes[parent]["parent"]
        return steps
    return sorted(codes, key=lambda uuid: (depth(uuid), codes[uuid]["position"] or 0, uuid))


class _Planner:
    """Works out one copy's merge without writing: the report, and the record of rows to change."""

    def __init__(self, session: Session, source: MergeSource, theirs: bool) -> None:
        self.session, self.source, self.theirs = session, source, theirs
        self.project_uuid = project_uuid(session)
        self.meta = dict(session.execute(select(ProjectMeta.key, ProjectMeta.value)).all())
        self.report = CopyReport(file=source.label, coder=source.coder_name, kind=source.kind,
                                 identity=source.identity, made_at=source.made_at, notes=list(source.notes))
        self.record = MergeRecord(source.label, source.coder_uuid, source.identity)
        self.coder_id = session.scalar(select(Coder.id).where(Coder.uuid == source.coder_uuid))
        state = self.meta.get(STATE_PREFIX + source.identity)
        # The base: what the copy held when last merged, else when it was made (a .qdpx has none).
        self.base: dict[str, Any] | None = json.loads(state) if state else source.base
        self.doc_map: dict[str, str] = {}
        self.code_map: dict[str, str | None] = {}
        self.unsettled: set[str] = set()  # codes in conflict whose project version stays: still in conflict next time
        self.fingerprints: dict[str, dict[str, str]] = {"codings": {}, "memos": {}}  # the copy's rows, once each

    def plan(self) -> tuple[CopyReport, MergeRecord]:
        self._check_identity()
        self._map_documents()
        self._plan_codes()
        self._plan_codings()
        self._plan_memos()
        self._plan_statuses()
        self._check_newer_copy()
        return self.report, self.record

    def _refuse(self, problem: str) -> None:
        raise MergeRefused(translate(
            "errors", "{label}: {problem}; nothing merged").format(label=self.source.label, problem=problem))

    # -- identity and documents
    def _check_identity(self) -> None:
        source = self.source
        if source.kind == "copy" and source.project_uuid != self.project_uuid:
            ours = (translate("team.merge", "this project is {project}…").format(project=self.project_uuid[:8])
                    if self.project_uuid else translate("team.merge", "no copies were made of this one"))
            theirs = (source.project_uuid or "?")[:8]
            self._refuse(translate("team.merge", "a copy of another project (project {theirs}…; {ours})").format(
                theirs=theirs, ours=ours))
        if self.coder_id is None:
            self._refuse(translate("team.merge", "its coder {coder} is not in the project").format(
                coder=source.coder_name))

    def _map_documents(self) -> None:
        project_docs = {uuid: (name, sha) for uuid, name, sha in self.session.execute(
            select(Document.uuid, Document.name, Document.sha256))}
        by_hash = {sha: uuid for uuid, (_name, sha) in project_docs.items()}
        for uuid, (name, sha) in self.source.documents.items():
            if uuid in project_docs:
                if project_docs[uuid][1] != sha:
                    self._refuse(translate("team.merge", "document '{name}' differs from the project's (its text hash "
                                           "is {theirs}…, the project's {ours}…)").format(
                        name=name, theirs=sha[:12], ours=project_docs[uuid][1][:12]))
                self.doc_map[uuid] = uuid
            elif sha in by_hash:
                self.doc_map[uuid] = by_hash[sha]
        if self.source.kind == "qdpx" and not self.doc_map:
            self._refuse(translate(
                "team.merge", "none of its documents is in this project (a REFI-QDA file of another project?)"))
        used = {row.document for row in self.source.codings.values()}
        used |= {row.document for row in self.source.statuses.values()}
        used |= {row.target_uuid for row in self.source.memos.values()
                 if row.target_kind == "document" and row.target_uuid is not None}
        missing = sorted(self.source.documents[uuid][0] for uuid in used - self.doc_map.keys())
        if missing:
            more = len(missing) - 1
            self._refuse(translate("team.merge", "document '{name}' is not in the project (removed since the copy "
                                   "was made?)").format(name=missing[0])
                         + (translate("team.merge", " nor are {count} more").format(count=more) if more else ""))

    # -- codes
    def _needed_codes(self) -> set[str]:
        codes = self.source.codes
        needed: set[str] = set()
        for coded in {row.code for row in self.source.codings.values()}:
            code: str | None = coded
            while code is not None and code not in needed:
                needed.add(code)
                code = codes[code]["parent"] if code in codes else None
        return needed

    def _plan_codes(self) -> None:
        copy_codes, project_codes = self.source.codes, code_states(self.session)
        base_codes = self.base.get("codes") if self.base is not None else None
        fields = QDPX_COMPARED if self.source.kind == "qdpx" else COMPARED
        names = {(state["parent"], state["name"].casefold()): uuid for uuid, state in project_codes.items()}
        needed = self._needed_codes()
        for uuid in _parents_first(copy_codes):
            code = copy_codes[uuid]
            parent = self.code_map.get(code["parent"]) if code["parent"] else None
            if code["parent"] and parent is None and uuid in project_codes:
                parent = project_codes[uuid]["parent"]  # its parent in the copy is gone from the project
            mapped = {**code, "parent": parent}
            if uuid in project_codes:
                self.code_map[uuid] = uuid
                self._plan_known_code(uuid, code, mapped, project_codes[uuid], base_codes, fields)
                continue
            twin = names.get((parent, code["name"].casefold()))
            if twin is not None:
                self.code_map[uuid] = twin
                self.report.codes.unchanged += 1
            elif base_codes is not None and uuid in base_codes and uuid not in needed:
                self.code_map[uuid] = None  # deleted in the project, and the coder's codings do not use it
                self.report.codes.unchanged += 1
            else:
                if base_codes is not None and uuid in base_codes:
                    self.report.conflicts.append(Conflict("code", code["name"], Said(
                        "deleted in the project, but the copy's codings use it: put back",
                        translate("team.merge", "deleted in the project, but the copy's codings use it: put back"))))
                self.code_map[uuid] = uuid
                names[(parent, code["name"].casefold())] = uuid
                self.record.codes.append(CodeStep(uuid, None, mapped))
                self.report.codes.added += 1
        for uuid in (base_codes or {}):
            if uuid not in copy_codes and uuid in project_codes:
                self.report.conflicts.append(Conflict("code", project_codes[uuid]["name"], Said(
                    "deleted in the copy; kept in the project",
                    translate("team.merge", "deleted in the copy; kept in the project"))))

    def _plan_known_code(self, uuid: str, code: dict[str, Any], mapped: dict[str, Any], current: dict[str, Any],
                         base_codes: dict[str, Any] | None, fields: tuple[str, ...]) -> None:
        base = base_codes.get(uuid) if base_codes is not None else None
        if not _differs(mapped, current, fields) or (base is not None and not _differs(code, base, fields)):
            self.report.codes.unchanged += 1  # the same, or changed in the project only: the project's stays
            return
        after = {**current, **{name: mapped[name] for name in fields}}
        if base is not None and not _differs(current, base, fields):
            self.record.codes.append(CodeStep(uuid, current, after))
            self.report.codes.changed += 1
            return
        what = self._code_difference(mapped, current, fields)
        if self.theirs:
            self.record.codes.append(CodeStep(uuid, current, after))
            self.report.codes.changed += 1
            resolution = Said("took the copy's version (--theirs)",
                              translate("team.merge", "took the copy's version (--theirs)"))
        else:
            self.report.codes.unchanged += 1
            self.unsettled.add(uuid)
            resolution = Said("kept the project's version (--theirs takes the copy's)",
                              translate("team.merge", "kept the project's version (--theirs takes the copy's)"))
        self.report.conflicts.append(Conflict("code", current["name"], Said(
            f"{what} differently in both places; {resolution}",
            translate("team.merge", "{what} differently in both places; {resolution}").format(
                what=shown(what), resolution=shown(resolution)))))

    def _code_difference(self, mapped: dict[str, Any], current: dict[str, Any], fields: tuple[str, ...]) -> Said:
        words: list[Said] = []
        if mapped["name"] != current["name"]:
            words.append(Said(f"renamed (copy: '{mapped['name']}')", translate(
                "team.merge", "renamed (copy: '{name}')").format(name=mapped["name"])))
        if mapped["parent"] != current["parent"]:
            words.append(Said("moved", translate("team.merge", "moved")))
        if any(mapped.get(name) != current.get(name) for name in fields if name not in ("name", "parent")):
            words.append(Said("redefined", translate("team.merge", "redefined")))
        return Said(", ".join(words), translate("counted", ", ").join(word.shown for word in words))

    # -- codings, memos, statuses
    def _plan_rows(self, kind: str, copy_rows: dict[str, ContentRow], project_rows: dict[str, ContentRow],
                   mapped: Callable[[ContentRow], ContentRow], counts: Counts) -> list[Pair]:
        """The three-way comparison of the module notes, for rows of one kind (codings or memos)."""
        pairs: list[Pair] = []
        base = self._base_part(kind)
        fingerprints = self.fingerprints[kind]
        known_contents = {row.content for row in project_rows.values()} if base is None else set()
        for uuid, row in copy_rows.items():
            theirs = mapped(row)
            fingerprints[uuid] = fingerprint(row.content)
            changed_in_copy = base is None or base.get(uuid) != fingerprints[uuid]
            current = project_rows.get(uuid)
            if current is not None:
                if current.content == theirs.content or not changed_in_copy:
                    counts.unchanged += 1
                else:
                    pairs.append((current, theirs))
                    counts.changed += 1
            elif not changed_in_copy or theirs.content in known_contents:
                counts.unchanged += 1  # deleted in the project since (the project's choice), or there already
            else:
                pairs.append((None, theirs))
                counts.added += 1
        for uuid in base or {}:
            if uuid not in copy_rows and uuid in project_rows:
                pairs.append((project_rows[uuid], None))
                counts.deleted += 1
        return pairs

    def _base_part(self, name: str) -> dict[str, Any] | None:
        return None if self.base is None else self.base.get(name, {})

    def _plan_codings(self) -> None:
        assert self.coder_id is not None
        doc_map, code_map = self.doc_map, self.code_map

        def mapped(row: CodingRow) -> CodingRow:
            document, code = doc_map[row.document], code_map[row.code]
            if code is None:  # never: _plan_codes adds or keeps every code the coder's codings use
                raise RuntimeError(f"code {row.code} of coding {row.uuid} has no place in the project")
            if document == row.document and code == row.code:
                return row  # the usual case: same uuids in the copy and the project
            return row._replace(document=document, code=code)

        pairs = self._plan_rows("codings", self.source.codings, coding_rows(self.session, self.coder_id), mapped,
                                self.report.codings)
        self.record.codings = self._without_taken_uuids(pairs, "codings", "coding")

    @staticmethod
    def _rows_named(kind: str, count: int) -> Said:
        shown_rows = (translate("team.merge", "{count} coding(s)") if kind == "coding"
                      else translate("team.merge", "{count} memo(s)"))
        return Said(f"{count} {kind}(s)", shown_rows.format(count=count))

    def _without_taken_uuids(self, pairs: list[Pair], table: str, kind: str) -> list[Pair]:
        """Rows to add whose uuid another coder's row already has (a hand-edited file): reported, left out."""
        taken = existing_uuids(self.session, table, (after.uuid for before, after in pairs if before is None))
        if not taken:
            return pairs
        self.report.conflicts.append(Conflict(kind, self._rows_named(kind, len(taken)), Said(
            "their uuids belong to other coders' rows in the project; left out",
            translate("team.merge", "their uuids belong to other coders' rows in the project; left out"))))
        self.report.codings.added -= len(taken) if kind == "coding" else 0
        self.report.memos.added -= len(taken) if kind == "memo" else 0
        return [pair for pair in pairs if pair[0] is not None or pair[1].uuid not in taken]

    def _plan_memos(self) -> None:
        assert self.coder_id is not None
        doc_map, code_map = self.doc_map, self.code_map

        def mapped(row: MemoRow) -> MemoRow:
            if row.target_kind == "document" and row.target_uuid is not None:
                return row._replace(target_uuid=doc_map[row.target_uuid])
            if row.target_kind == "code" and row.target_uuid in code_map:
                return row._replace(target_uuid=code_map[row.target_uuid])
            return row

        pairs = self._plan_rows("memos", self.source.memos, memo_rows(self.session, self.coder_id), mapped,
                                self.report.memos)
        self.record.memos = self._without_taken_uuids(pairs, "memos", "memo")

    def _plan_statuses(self) -> None:
        if self.source.kind != "copy":
            return
        assert self.coder_id is not None
        base = self._base_part("statuses") or {}
        current_rows = status_rows(self.session, self.coder_id)
        for document, row in self.source.statuses.items():
            theirs = row._replace(document=self.doc_map[document])
            current = current_rows.get(theirs.document)
            if (current is not None and current.status == row.status) or base.get(document) == row.status:
                self.report.statuses.unchanged += 1
                continue
            if current is None and ids_by_uuid(self.session, Assignment, [row.uuid]):
                theirs = theirs._replace(uuid=new_uuid())
            self.record.statuses.append((current, theirs))
            counts = self.report.statuses
            counts.added, counts.changed = counts.added + (current is None), counts.changed + (current is not None)

    # -- the newest copy of each coder, and the next base
    def _check_newer_copy(self) -> None:
        previous = self.meta.get(CODER_PREFIX + self.source.coder_uuid)
        if previous is None or self.source.made_at is None:
            return
        newest = json.loads(previous)
        made = datetime.fromisoformat(newest["made_at"])
        changes = self.record.codings or self.record.memos or self.record.statuses or self.record.codes
        if newest["copy"] != self.source.identity and made > self.source.made_at and changes:
            totals = self.report.totals()
            self._refuse(translate(
                "team.merge", "{coder} already has codings merged from a newer copy (made {newer} UTC); this one, "
                "made {made} UTC, would change {count} item(s)").format(
                coder=self.source.coder_name, newer=f"{made:%Y-%m-%d %H:%M}",
                made=f"{self.source.made_at:%Y-%m-%d %H:%M}", count=totals.added + totals.changed + totals.deleted))

    def plan_meta(self) -> None:
        """The next base (what the copy holds now) and the coder's newest copy. A code whose conflict kept the
        project's version keeps its old base, so the next merge reports it again (and ``theirs`` can take it)."""
        source = self.source
        old_codes = (self.base or {}).get("codes") or {}
        codes = {uuid: old_codes[uuid] if uuid in self.unsettled else state for uuid, state in source.codes.items()
                 if uuid not in self.unsettled or uuid in old_codes}
        state = json.dumps({
            "codings": self.fingerprints["codings"],
            "memos": self.fingerprints["memos"],
            "codes": codes,
            "statuses": {document: row.status for document, row in source.statuses.items()},
        }, ensure_ascii=False, sort_keys=True)
        self._meta_change(STATE_PREFIX + source.identity, state)
        if source.made_at is not None:
            key = CODER_PREFIX + source.coder_uuid
            previous = self.meta.get(key)
            if previous is None or datetime.fromisoformat(json.loads(previous)["made_at"]) <= source.made_at:
                self._meta_change(key, json.dumps({"copy": source.identity, "made_at": source.made_at.isoformat()}))

    def _meta_change(self, key: str, value: str) -> None:
        if self.meta.get(key) != value:
            self.record.meta.append((key, self.meta.get(key), value))


# -- applying a record ----------------------------------------------------------------------------------
# Positional, in the order ``_write_codings`` gives its values (tuples: the bulk path's cheapest form).
_CODING_INSERT = (
    'INSERT INTO codings (document_id, code_id, start, "end", memo, created_at, updated_at, uuid, coder_id, '
    "derived_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
)
_CODING_UPDATE = (
    'UPDATE codings SET document_id = ?, code_id = ?, start = ?, "end" = ?, memo = ?, created_at = ?, '
    "updated_at = ? WHERE uuid = ? AND coder_id = ?"
)
_MEMO_INSERT = (
    "INSERT INTO memos (uuid, target_kind, target_uuid, author_id, title, text, created_at, updated_at) "
    "VALUES (:uuid, :target_kind, :target_uuid, :coder_id, :title, :text, :created_at, :updated_at)"
)
_MEMO_UPDATE = (
    "UPDATE memos SET target_kind = :target_kind, target_uuid = :target_uuid, title = :title, text = :text, "
    "updated_at = :updated_at WHERE uuid = :uuid AND author_id = :coder_id"
)
_STATUS_INSERT = (
    "INSERT INTO assignments (uuid, document_id, coder_id, status, assigned_at, done_at, updated_at) "
    "VALUES (:uuid, :document_id, :coder_id, :status, :assigned_at, :done_at, :updated_at)"
)
_STATUS_UPDATE = (
    "UPDATE assignments SET status = :status, done_at = :done_at, updated_at = :updated_at "
    "WHERE document_id = :document_id AND coder_id = :coder_id"
)


def _coder_id(session: Session, merge_record: MergeRecord) -> int:
    coder_id = session.scalar(select(Coder.id).where(Coder.uuid == merge_record.coder_uuid))
    if coder_id is None:
        raise ConflictError(translate(
            "errors", "the coder of {label} is no longer in the project").format(label=merge_record.label))
    return coder_id


def _apply_rows(session: Session, merge_record: MergeRecord, *, forward: bool, check: bool) -> None:
    """Codings, memos and statuses to their ``after`` (forward) or ``before`` state; with ``check``, only if
    each is still in the other state (a refusal writes nothing: every check runs before the first write)."""
    coder_id = _coder_id(session, merge_record)
    kinds = ((merge_record.codings, coding_rows, _write_codings), (merge_record.memos, memo_rows, _write_memos),
             (merge_record.statuses, status_rows, _write_statuses))
    steps = [([(b, a) if forward else (a, b) for b, a in pairs], read, write) for pairs, read, write in kinds]
    if check:
        for pairs, read, _write in steps:
            _check_rows(session, pairs, read(session, coder_id), merge_record.label)
    for pairs, _read, write in steps:
        if pairs:
            write(session, pairs, coder_id)


def _row_key(row: MergedRow) -> str:
    return row.document if isinstance(row, StatusRow) else row.uuid


def _same_row(one: MergedRow, other: MergedRow) -> bool:
    if isinstance(one, StatusRow) or isinstance(other, StatusRow):
        return isinstance(one, StatusRow) and isinstance(other, StatusRow) and one.status == other.status
    return one.content == other.content


def _check_rows(session: Session, pairs: list[Pair], current: Mapping[str, MergedRow], label: str) -> None:
    changed = 0
    for expected, target in pairs:
        now = current.get(_row_key(expected if expected is not None else target))
        if expected is None or now is None:
            if (expected is None) != (now is None):
                changed += 1
        elif not _same_row(expected, now):
            changed += 1
    if changed:
        raise ConflictError(translate(
            "errors", "{changed} item(s) merged from {label} were changed since; nothing was changed").format(
            changed=changed, label=label))


def _write_codings(session: Session, pairs: list[Pair], coder_id: int) -> None:
    targets = [target for _expected, target in pairs if target is not None]
    documents = ids_by_uuid(session, Document, (row.document for row in targets))
    codes = ids_by_uuid(session, Code, (row.code for row in targets))

    def values(row: CodingRow) -> tuple[Any, ...]:
        return (documents[row.document], codes[row.code], row.start, row.end, row.memo, row.created_at,
                row.updated_at, row.uuid, coder_id)

    _delete_by_uuid(session, Coding, [expected.uuid for expected, target in pairs if target is None])
    _execute(session, _CODING_UPDATE, [values(t) for e, t in pairs if e is not None and t is not None])
    _execute(session, _CODING_INSERT, [values(t) for e, t in pairs if e is None and t is not None])


def _write_memos(session: Session, pairs: list[Pair], coder_id: int) -> None:
    def values(row: MemoRow) -> dict[str, Any]:
        return {**row._asdict(), "coder_id": coder_id}

    _delete_by_uuid(session, Memo, [expected.uuid for expected, target in pairs if target is None])
    _execute(session, _MEMO_UPDATE, [values(t) for e, t in pairs if e is not None and t is not None])
    _execute(session, _MEMO_INSERT, [values(t) for e, t in pairs if e is None and t is not None])


def _write_statuses(session: Session, pairs: list[Pair], coder_id: int) -> None:
    documents = ids_by_uuid(session, Document, (row.document for pair in pairs for row in pair if row is not None))

    def values(row: StatusRow) -> dict[str, Any]:
        return {**row._asdict(), "document_id": documents[row.document], "coder_id": coder_id}

    _delete_by_uuid(session, Assignment, [expected.uuid for expected, target in pairs if target is None])
    _execute(session, _STATUS_UPDATE, [values(t) for e, t in pairs if e is not None and t is not None])
    _execute(session, _STATUS_INSERT, [values(t) for e, t in pairs if e is None and t is not None])


def _execute(session: Session, statement: str, rows: Sequence[Any]) -> None:
    """Many rows through the DBAPI cursor of the session's connection, in its transaction (see ``driver_rows``)."""
    if rows:
        cursor = session.connection().connection.cursor()
        try:
            cursor.executemany(statement, rows)
        finally:
            cursor.close()


def _delete_by_uuid(session: Session, model: type[Assignment] | type[Coding] | type[Memo], uuids: list[str]) -> None:
    table = model.__tablename__
    for start in range(0, len(uuids), BATCH):
        batch = uuids[start:start + BATCH]
        driver_rows(session, f"DELETE FROM {table} WHERE uuid IN ({','.join('?' * len(batch))})", batch)


def _apply_meta(session: Session, changes: list[tuple[str, str | None, str | None]], *, forward: bool) -> None:
    for key, before, after in changes:
        value = after if forward else before
        existing = session.get(ProjectMeta, key)
        if value is None:
            if existing is not None:
                session.delete(existing)
        elif existing is None:
            session.add(ProjectMeta(key=key, value=value))
        else:
            existing.value = value
    session.flush()


# -- codes, through the codebook's own audited operations
def _apply_codes(session: Session, merge_record: MergeRecord, *, actor: str, forward: bool = True,
                 first_run: bool = False) -> list[tuple[str, Conflict]]:
    """Codes to their ``after`` (forward) or ``before`` state. On a merge's first run a change the codebook
    refuses (a move under its own subcode, a taken name) is left out and returned as a conflict; on undo and
    redo any difference from what the merge left is a ``ConflictError``."""
    conflicts: list[tuple[str, Conflict]] = []
    steps = merge_record.codes if forward else list(reversed(merge_record.codes))
    kept: list[CodeStep] = []
    states = code_states(session)
    for step in steps:
        expected, target = (step.before, step.after) if forward else (step.after, step.before)
        _check_code(states, step, expected, first_run)
        try:
            if target is None:
                _remove_added_code(session, step, actor)
            elif expected is None:
                _add_code(session, step.uuid, target, actor)
            else:
                _set_code_state(session, step.uuid, target, actor)
        except ConcordError as exc:
            name = (target or expected or {}).get("name")
            if not first_run:
                raise ConflictError(translate("errors", "code '{name}': {exc}").format(name=name, exc=exc)) from exc
            if expected is None:  # the coder's codings need it
                raise MergeRefused(translate(
                    "errors", "{label}: code '{name}' cannot be added ({exc}); nothing merged").format(
                    label=merge_record.label, name=name, exc=exc)) from exc
            conflicts.append((step.uuid, Conflict("code", expected["name"], Said(
                f"the copy's version could not be taken ({exc}); kept the project's", translate(
                    "team.merge", "the copy's version could not be taken ({problem}); kept the project's").format(
                    problem=exc)))))
            continue
        kept.append(step)
    if first_run:
        merge_record.codes = kept
    return conflicts


def _check_code(states: dict[str, dict[str, Any]], step: CodeStep, expected: dict[str, Any] | None,
                first_run: bool) -> None:
    if first_run:
        return
    now = states.get(step.uuid)
    if expected is None and now is not None:
        raise ConflictError(translate("errors", "code '{value}' is in the project already").format(value=now['name']))
    if expected is not None and (now is None or _differs(now, expected, COMPARED)):
        raise ConflictError(translate(
            "errors", "code '{value}' was changed or deleted since").format(value=expected['name']))


def _code_id(session: Session, uuid: str | None) -> int | None:
    if uuid is None:
        return None
    code_id = session.scalar(select(Code.id).where(Code.uuid == uuid))
    if code_id is None:
        raise ConflictError(translate("errors", "code {uuid} is no longer in the project").format(uuid=uuid))
    return code_id


def _add_code(session: Session, uuid: str, state: dict[str, Any], actor: str) -> None:
    fields = {name: state[name] for name in CODE_FIELDS}
    add_code(session, state["name"], _code_id(session, state["parent"]), actor=actor, uuid=uuid,
             colour=state["colour"], **fields)
    if state.get("created_at") is not None:  # when the coder made it, as stored in the copy
        session.execute(text("UPDATE codes SET created_at = :at WHERE uuid = :uuid"),
                        {"at": state["created_at"], "uuid": uuid})


def _remove_added_code(session: Session, step: CodeStep, actor: str) -> None:
    code_id = _code_id(session, step.uuid)
    assert code_id is not None
    delete_code(session, code_id, actor=actor)


def _set_code_state(session: Session, uuid: str, state: dict[str, Any], actor: str) -> None:
    """Move and update one code to ``state``; on a refusal the code is left as it was."""
    code = session.scalar(select(Code).where(Code.uuid == uuid))
    if code is None:
        raise ConflictError(translate("errors", "code {uuid} is no longer in the project").format(uuid=uuid))
    old_parent, old_position = code.parent_id, code.position
    new_parent = _code_id(session, state["parent"])
    if new_parent is not None and (new_parent == code.id or new_parent in descendant_ids(session, code.id)):
        raise ConflictError(translate("errors", "it would move under its own subcode"))
    moved = new_parent != old_parent
    if moved:
        move_code(session, code.id, new_parent, actor=actor)
    fields = {name: state[name] for name in ("name", *CODE_FIELDS) if getattr(code, name) != state[name]}
    try:
        if fields:
            update_code(session, code.id, actor=actor, **fields)
    except ConcordError:
        if moved:
            move_code(session, code.id, old_parent, old_position, actor=actor)
        raise


__all__ = [
    "CodeStep",
    "Conflict",
    "CopyReport",
    "Counts",
    "MergeRecord",
    "MergeRefused",
    "MergeResult",
    "merge_copies",
    "merge_source",
    "redo_merge",
    "undo_merge",
]
