"""Assignments: which coder codes which document, and how far each coder has got.

A coder's status in a document is one of

- ``unassigned``: no assignment (the coder may still code there);
- ``assigned``: assigned to them, none of their codings there yet;
- ``in progress``: assigned, and they have codings there — derived, never stored, so it cannot go stale;
- ``done``: they marked it done (marking done a document nobody assigned creates the assignment as done).

Coders and documents are found as everywhere else (a document by name or uuid, in any case, with or without
its extension). Every verb checks all of its input before writing, so an unknown coder or document changes
nothing; a verb asked for what is already so leaves it alone. Each call that changes something writes one
audit event (entity ``assignment``, the coder's uuid, each changed document's status before and after) and
returns ``Changes(assignments=True)``. Statuses and progress come from one grouped query, never one per document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, union
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import NOTHING, Changes
from coding.coders import find_coder
from coding.documents import DocumentRef, document_refs, resolve_document
from coding.errors import ConflictError, ValidationError
from models import Assignment, Coder, Coding, Document, new_uuid, utcnow
from coding.i18n import translate

UNASSIGNED, ASSIGNED, IN_PROGRESS, DONE = "unassigned", "assigned", "in progress", "done"
STATUSES = (UNASSIGNED, ASSIGNED, IN_PROGRESS, DONE)
ENTITY = "assignment"
ASSIGNMENTS = Changes(assignments=True)
CHUNK = 500  # ids per IN (...) list: far below SQLite's bound-parameter limit
_TABLE = Assignment.__table__


@dataclass(frozen=True)
class AssignmentRecord:
    """One assignment as plain values: what undo needs to put it back exactly."""

    uuid: str
    document_id: int
    coder_id: int
    status: str
    assigned_at: datetime
    done_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class CoderProgress:
    """How far one coder has got: ``total`` counts the documents given to them (assigned, in progress or done);
    ``documents`` is the number of documents in the project."""

    coder: str
    coder_uuid: str
    assigned: int
    in_progress: int
    done: int
    total: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- look-ups ---------------------------------------------------------------------------------------------------
def resolve_documents(session: Session, names: Iterable[str]) -> list[DocumentRef]:
    """Every named document once, in the order given; all are checked before any is used.

    The same rules as ``coding.documents.resolve_document`` (name or uuid, then a unique name in any case, then
    a unique name without extension), looked up through indexes so thousands of names cost one pass, not one
    scan of every document each: exact names and uuids in one indexed query, the rest through dictionaries."""
    wanted = [names] if isinstance(names, str) else list(names)
    for name in wanted:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(translate("errors", "a document name is empty"))
    if not wanted:
        raise ValidationError(translate("errors", "no documents given"))
    exact = _exact_refs(session, {name.strip() for name in wanted})
    loose: _LooseIndex | None = None
    found: dict[int, DocumentRef] = {}
    for name in wanted:
        ref = exact.get(name.strip())
        if ref is None:
            loose = loose or _LooseIndex(document_refs(session))
            ref = loose.resolve(name)
        found.setdefault(ref.id, ref)
    return list(found.values())


def _exact_refs(session: Session, keys: set[str]) -> dict[str, DocumentRef]:
    """Name or uuid -> the document so named, for the keys that are one exactly."""
    found: dict[str, DocumentRef] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        for row in session.execute(
            select(Document.id, Document.uuid, Document.name, Document.case_id).where(
                or_(Document.uuid.in_(chunk), Document.name.in_(chunk))
            )
        ):
            ref = DocumentRef(*row)
            found[ref.uuid] = found[ref.name] = ref
    return found


class _LooseIndex:
    """Names in any case, and without extension, each mapped to its documents (ambiguity is kept, not lost)."""

    def __init__(self, refs: list[DocumentRef]) -> None:
        self.refs = refs
        self.folded: dict[str, list[DocumentRef]] = {}
        self.stems: dict[str, list[DocumentRef]] = {}
        for ref in refs:
            self.folded.setdefault(ref.name.casefold(), []).append(ref)
            self.stems.setdefault(PurePath(ref.name).stem.casefold(), []).append(ref)

    def resolve(self, name: str) -> DocumentRef:
        key = name.strip().casefold()
        for index in (self.folded, self.stems):
            hits = index.get(key, [])
            if len(hits) == 1:
                return hits[0]
            if hits:
                break
        return resolve_document(self.refs, name)  # its one clear error: unknown, or ambiguous with the candidates


def _has_codings() -> ColumnElement[bool]:
    """Whether the assignment's coder has codings in its document (one probe of ix_codings_coder_document)."""
    return (
        select(Coding.id)
        .where(Coding.coder_id == Assignment.coder_id, Coding.document_id == Assignment.document_id)
        .exists()
    )


def _derived(status: str, started: bool) -> str:
    if status == DONE:
        return DONE
    return IN_PROGRESS if started else ASSIGNED


def _records(session: Session, coder_id: int, document_ids: Iterable[int]) -> dict[int, AssignmentRecord]:
    """Document id -> the coder's assignment there, for these documents, read fresh (Core: no identity map)."""
    columns = [_TABLE.c[name] for name in AssignmentRecord.__dataclass_fields__]
    ordered = sorted(set(document_ids))
    found: dict[int, AssignmentRecord] = {}
    for start in range(0, len(ordered), CHUNK):
        rows = session.execute(
            select(*columns).where(_TABLE.c.coder_id == coder_id, _TABLE.c.document_id.in_(ordered[start : start + CHUNK]))
        )
        found.update((row.document_id, AssignmentRecord(*row)) for row in rows)
    return found


def snapshot(session: Session, coder_id: int, document_ids: Iterable[int]) -> dict[int, AssignmentRecord | None]:
    """The coder's assignments in these documents (None where there is none), for undo."""
    wanted = list(document_ids)
    records = _records(session, coder_id, wanted)
    return {document_id: records.get(document_id) for document_id in wanted}


def document_statuses(session: Session, coder_id: int) -> dict[int, str]:
    """Document id -> the coder's status there, for every document assigned to them or done (others: unassigned)."""
    rows = session.execute(
        select(Assignment.document_id, Assignment.status, _has_codings()).where(Assignment.coder_id == coder_id)
    )
    return {document_id: _derived(status, started) for document_id, status, started in rows}


def document_status(session: Session, coder_id: int, document_id: int) -> str:
    """``unassigned``, ``assigned``, ``in progress`` or ``done``."""
    row = session.execute(
        select(Assignment.status, _has_codings()).where(
            Assignment.coder_id == coder_id, Assignment.document_id == document_id
        )
    ).first()
    return UNASSIGNED if row is None else _derived(*row)


def progress(session: Session) -> list[CoderProgress]:
    """Per coder (every person, and anyone with assignments), by name: assigned, in progress, done, total."""
    started = _has_codings().label("started")
    counts: dict[int, dict[str, int]] = {}
    for coder_id, status, has_codings, count in session.execute(
        select(Assignment.coder_id, Assignment.status, started, func.count())
        .group_by(Assignment.coder_id, Assignment.status, started)
    ):
        per_status = counts.setdefault(coder_id, {})
        key = _derived(status, has_codings)
        per_status[key] = per_status.get(key, 0) + count
    documents = session.scalar(select(func.count(Document.id))) or 0
    coders = session.execute(
        select(Coder.id, Coder.name, Coder.uuid).where(Coder.is_consensus.is_(False) | Coder.id.in_(list(counts)))
    ).all()
    result = []
    for coder_id, name, uuid in sorted(coders, key=lambda row: row.name.casefold()):
        per_status = counts.get(coder_id, {})
        assigned, in_progress, done = (per_status.get(key, 0) for key in (ASSIGNED, IN_PROGRESS, DONE))
        result.append(CoderProgress(name, uuid, assigned, in_progress, done, assigned + in_progress + done, documents))
    return result


def list_assignments(session: Session) -> list[dict[str, Any]]:
    """Every assignment by coder and document name: uuid, coder, document (names and uuids), status, times."""
    rows = session.execute(
        select(
            Assignment.uuid, Coder.name, Coder.uuid, Document.name, Document.uuid, Assignment.status, _has_codings(),
            Assignment.assigned_at, Assignment.done_at,
        )
        .join(Coder, Coder.id == Assignment.coder_id)
        .join(Document, Document.id == Assignment.document_id)
    ).all()
    listed = [
        {
            "uuid": uuid, "coder": coder, "coder_uuid": coder_uuid, "document": document,
            "document_uuid": document_uuid, "status": _derived(status, started),
            "assigned_at": _utc(assigned_at), "done_at": _utc(done_at),
        }
        for uuid, coder, coder_uuid, document, document_uuid, status, started, assigned_at, done_at in rows
    ]
    return sorted(listed, key=lambda row: (row["coder"].casefold(), row["document"].casefold()))


def coded_documents(session: Session, coder_id: int) -> set[int]:
    """Documents the coder has looked at: marked done, or holding any of their codings.

    Agreement uses this to tell "coded nothing here" (in the set, no codings of a code) from "never looked at
    this document" (not in the set)."""
    done = select(Assignment.document_id).where(Assignment.coder_id == coder_id, Assignment.status == DONE)
    coded = select(Coding.document_id).where(Coding.coder_id == coder_id)
    return set(session.scalars(union(done, coded)))


def _utc(moment: datetime | None) -> str | None:
    """ISO time in UTC (SQLite hands back the stored UTC wall time without its zone)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


# -- verbs ------------------------------------------------------------------------------------------------------
def assign(session: Session, coder_name: str, document_names: Iterable[str], *, actor: str) -> Changes:
    """Assign documents to a coder; documents already assigned to them (or done) stay as they are."""
    coder = find_coder(session, coder_name)
    refs = resolve_documents(session, document_names)
    existing = _records(session, coder.id, _ids(refs))
    new = [ref for ref in refs if ref.id not in existing]
    if not new:
        return NOTHING
    now = utcnow()
    for chunk in _chunks(new):
        session.execute(_TABLE.insert(), [
            {"uuid": new_uuid(), "document_id": ref.id, "coder_id": coder.id, "status": ASSIGNED,
             "assigned_at": now, "done_at": None, "updated_at": now}
            for ref in chunk
        ])
    _audit(session, actor, "assign", coder, new, existing, _records(session, coder.id, _ids(new)))
    return ASSIGNMENTS


def unassign(session: Session, coder_name: str, document_names: Iterable[str], *, actor: str) -> Changes:
    """Take documents away from a coder (their codings stay); documents not assigned to them are left alone."""
    coder = find_coder(session, coder_name)
    refs = resolve_documents(session, document_names)
    existing = _records(session, coder.id, _ids(refs))
    held = [ref for ref in refs if ref.id in existing]
    if not held:
        return NOTHING
    for chunk in _chunks(held):
        session.execute(
            _TABLE.delete().where(_TABLE.c.coder_id == coder.id, _TABLE.c.document_id.in_([ref.id for ref in chunk]))
        )
    _audit(session, actor, "unassign", coder, held, existing, {})
    return ASSIGNMENTS


def mark_done(
    session: Session, coder_name: str, document_names: Iterable[str], *, actor: str, undo: bool = False
) -> Changes:
    """Mark documents done for a coder (creating the assignment where there is none); ``undo`` takes "done"
    back to "assigned". Documents already so are left alone."""
    coder = find_coder(session, coder_name)
    refs = resolve_documents(session, document_names)
    existing = _records(session, coder.id, _ids(refs))
    now = utcnow()
    if undo:
        changed = [ref for ref in refs if ref.id in existing and existing[ref.id].status == DONE]
        values: dict[str, Any] = {"status": ASSIGNED, "done_at": None, "updated_at": now}
    else:
        changed = [ref for ref in refs if ref.id not in existing or existing[ref.id].status != DONE]
        values = {"status": DONE, "done_at": now, "updated_at": now}
        missing = [ref for ref in changed if ref.id not in existing]
        for chunk in _chunks(missing):
            session.execute(_TABLE.insert(), [
                {"uuid": new_uuid(), "document_id": ref.id, "coder_id": coder.id, "assigned_at": now, **values}
                for ref in chunk
            ])
    if not changed:
        return NOTHING
    for chunk in _chunks([ref for ref in changed if ref.id in existing]):
        session.execute(
            _TABLE.update()
            .where(_TABLE.c.coder_id == coder.id, _TABLE.c.document_id.in_([ref.id for ref in chunk]))
            .values(**values)
        )
    after = _records(session, coder.id, _ids(changed))
    _audit(session, actor, "not-done" if undo else "done", coder, changed, existing, after)
    return ASSIGNMENTS


def restore_assignments(
    session: Session,
    coder_id: int,
    wanted: Mapping[int, AssignmentRecord | None],
    *,
    actor: str,
    expected: Mapping[int, AssignmentRecord | None],
) -> Changes:
    """Put the coder's assignments in these documents back as ``wanted`` (None: no assignment) — undo and redo.

    Compare-and-set: refused with ``ConflictError``, writing nothing, unless each is still as ``expected``
    (what the last step left there), so an undo never overwrites another window's or process's edit."""
    coder = session.get(Coder, coder_id)
    existing = _records(session, coder_id, wanted) if coder is not None else {}
    moved = [document_id for document_id in wanted if existing.get(document_id) != expected.get(document_id)]
    if coder is None or moved:
        names = _document_names(session, moved) if coder is not None else []
        what = (translate("team.assignments", "the assignments of {documents}").format(documents=", ".join(names)) if names
                else translate("team.assignments", "the coder's assignments"))
        raise ConflictError(translate(
            "errors", "{what} were changed since (by another window or program)").format(what=what))
    for document_id, record_wanted in wanted.items():
        _put(session, coder_id, document_id, existing.get(document_id), record_wanted)
    refs = _refs_by_id(session, list(wanted))
    _audit(session, actor, "restore", coder, refs, existing, _records(session, coder_id, wanted))
    return ASSIGNMENTS


# -- writing helpers --------------------------------------------------------------------------------------------
def _put(
    session: Session, coder_id: int, document_id: int, now: AssignmentRecord | None, wanted: AssignmentRecord | None
) -> None:
    if now == wanted:
        return
    where = (_TABLE.c.coder_id == coder_id, _TABLE.c.document_id == document_id)
    if wanted is None:
        session.execute(_TABLE.delete().where(*where))
    elif now is None:
        session.execute(_TABLE.insert(), asdict(wanted))
    else:
        session.execute(_TABLE.update().where(*where).values(**asdict(wanted)))


def _audit(
    session: Session,
    actor: str,
    action: str,
    coder: Coder,
    refs: Sequence[DocumentRef],
    before: Mapping[int, AssignmentRecord],
    after: Mapping[int, AssignmentRecord],
) -> None:
    """One event per call: each changed document's stored status before and after (``unassigned``: no row)."""
    def statuses(records: Mapping[int, AssignmentRecord]) -> dict[str, str]:
        return {ref.uuid: records[ref.id].status if ref.id in records else UNASSIGNED for ref in refs}

    record(
        session, actor, action, ENTITY, coder.uuid,
        {"coder_id": coder.id, "documents": statuses(before)}, {"coder_id": coder.id, "documents": statuses(after)},
    )


def _refs_by_id(session: Session, document_ids: Sequence[int]) -> list[DocumentRef]:
    ordered = sorted(set(document_ids))
    refs: list[DocumentRef] = []
    for start in range(0, len(ordered), CHUNK):
        rows = session.execute(
            select(Document.id, Document.uuid, Document.name, Document.case_id)
            .where(Document.id.in_(ordered[start : start + CHUNK]))
        )
        refs += [DocumentRef(*row) for row in rows]
    return refs


def _document_names(session: Session, document_ids: Sequence[int]) -> list[str]:
    return sorted(ref.name for ref in _refs_by_id(session, document_ids))


def _ids(refs: Sequence[DocumentRef]) -> list[int]:
    return [ref.id for ref in refs]


def _chunks(refs: Sequence[DocumentRef]) -> Iterator[Sequence[DocumentRef]]:
    for start in range(0, len(refs), CHUNK):
        yield refs[start : start + CHUNK]


__all__ = [
    "ASSIGNED",
    "DONE",
    "IN_PROGRESS",
    "STATUSES",
    "UNASSIGNED",
    "AssignmentRecord",
    "CoderProgress",
    "assign",
    "coded_documents",
    "document_status",
    "document_statuses",
    "list_assignments",
    "mark_done",
    "progress",
    "resolve_documents",
    "restore_assignments",
    "snapshot",
    "unassign",
]
