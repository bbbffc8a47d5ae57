"""Imported documents: look-ups, an open document's text, rename, and delete with its undo (the import
pipeline creates them; their text never changes). The documents' list rows are :mod:`coding.readers`'."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import Changes
from coding.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.names import clean_name, known_names
from coding.removal import TARGET_UUID, RowSnapshot, delete_rows, restore_rows, snapshot_rows
from models import Case, Coder, Coding, ConsensusDecision, Document, Sentence, SpeakerTurn, TurnTime
from coding.i18n import translate


@dataclass(frozen=True)
class DocumentRef:
    """A document without its text (a transcript can be large)."""

    id: int
    uuid: str
    name: str
    case_id: int | None


def document_refs(session: Session) -> list[DocumentRef]:
    rows = session.execute(select(Document.id, Document.uuid, Document.name, Document.case_id))
    return [DocumentRef(*row) for row in rows]


def resolve_document(refs: list[DocumentRef], name: str) -> DocumentRef:
    """By exact name or uuid, then a unique case-insensitive name, then a unique name without extension."""
    wanted = name.strip()
    for ref in refs:
        if wanted in (ref.name, ref.uuid):
            return ref
    for key in (lambda r: r.name.casefold(), lambda r: Path(r.name).stem.casefold()):
        hits = [ref for ref in refs if key(ref) == wanted.casefold()]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise NotFoundError(translate(
                "errors", "document '{name}' is ambiguous: {value}").format(
                name=name, value=', '.join(sorted(h.name for h in hits))))
    raise NotFoundError(translate(
        "errors", "no document '{name}' (documents: {value})").format(
        name=name, value=known_names(sorted(r.name for r in refs))))


def find_document(session: Session, name_or_uuid: str) -> Document:
    document = session.get(Document, resolve_document(document_refs(session), name_or_uuid).id)
    assert document is not None
    return document


# -- an open document ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """A speaker turn: where it starts, where its words start (after the speaker label) and ends."""

    start: int
    content_start: int
    end: int
    speaker: str
    start_ms: int | None = None  # when it is said in the recording (models.TurnTime), if the document is timed
    end_ms: int | None = None


@dataclass(frozen=True)
class DocumentText:
    """A document as a reader shows it: its text with speaker turns and sentences (the lists use
    :class:`coding.readers.DocumentRow`)."""

    id: int
    uuid: str
    name: str
    text: str
    language: str
    case_name: str | None
    word_count: int
    turns: tuple[Turn, ...]
    sentences: tuple[tuple[int, int], ...] = ()


def load_document(session: Session, document_id: int) -> DocumentText:
    row = session.execute(
        select(
            Document.id, Document.uuid, Document.name, Document.text, Document.language, Case.name,
            Document.word_count,
        )
        .outerjoin(Case, Case.id == Document.case_id)
        .where(Document.id == document_id)
    ).one_or_none()
    if row is None:
        raise NotFoundError(translate("errors", "unknown document id {document_id}").format(document_id=document_id))
    turns = session.execute(
        select(
            SpeakerTurn.start, SpeakerTurn.content_start, SpeakerTurn.end, SpeakerTurn.speaker, TurnTime.start_ms,
            TurnTime.end_ms,
        )
        .outerjoin(TurnTime, TurnTime.turn_id == SpeakerTurn.id)
        .where(SpeakerTurn.document_id == document_id)
        .order_by(SpeakerTurn.position)
    ).all()
    sentences = session.execute(
        select(Sentence.start, Sentence.end).where(Sentence.document_id == document_id).order_by(Sentence.start)
    ).all()
    return DocumentText(
        *row, turns=tuple(Turn(*turn) for turn in turns), sentences=tuple((s, e) for s, e in sentences)
    )


# -- rename and delete ----------------------------------------------------------------------------

DOCUMENT = "document"


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting some documents takes with it, for the question asked before (and the CLI's refusal)."""

    documents: tuple[str, ...]
    codings: int
    coders: tuple[str, ...]
    memos: int
    decisions: int

    @property
    def holds_work(self) -> bool:
        return bool(self.codings or self.memos or self.decisions)

    def describe(self) -> str:
        """E.g. "2 documents with 14 codings by 2 coders (Lin, Morgan), 3 memos and 1 consensus decision"
        (in the interface language)."""
        documents, codings, coders = len(self.documents), self.codings, len(self.coders)
        memos, decisions = self.memos, self.decisions
        what = translate("removal", "%Ln document(s)", None, documents)
        parts = []
        if codings:
            parts.append(translate("removal", "{codings} by {coders} ({names})").format(
                codings=translate("removal", "%Ln coding(s)", None, codings),
                coders=translate("removal", "%Ln coder(s)", None, coders), names=", ".join(self.coders)))
        if memos:
            parts.append(translate("removal", "%Ln memo(s)", None, memos))
        if decisions:
            parts.append(translate("removal", "%Ln consensus decision(s)", None, decisions))
        if not parts:
            return translate("removal", "{documents} (no codings, memos or consensus decisions)").format(
                documents=what)
        return translate("removal", "{documents} with {parts}").format(documents=what, parts=_listed(parts))

    def to_dict(self) -> dict[str, object]:
        return {"documents": list(self.documents), "codings": self.codings, "coders": list(self.coders),
                "memos": self.memos, "consensus_decisions": self.decisions}


def _listed(items: Sequence[str]) -> str:
    """"a", "a and b", "a, b and c" (Chinese: "a、b和c")."""
    if len(items) < 2:
        return "".join(items)
    return translate("counted", "{items} and {last}").format(
        items=translate("counted", ", ").join(items[:-1]), last=items[-1])


@dataclass(frozen=True)
class DeletedDocuments:
    """Deleted documents and every row that went with them: what :func:`restore_documents` puts back."""

    names: tuple[str, ...]
    uuids: tuple[str, ...]
    rows: RowSnapshot
    impact: DeletionImpact
    changes: Changes


def _unique_refs(session: Session, names: Iterable[str]) -> list[DocumentRef]:
    refs = document_refs(session)
    chosen = {ref.id: ref for ref in (resolve_document(refs, name) for name in names)}
    if not chosen:
        raise ValidationError(translate("errors", "no documents given to delete"))
    return list(chosen.values())


def _document_rows(session: Session, refs: list[DocumentRef]) -> RowSnapshot:
    return snapshot_rows(session, Document.__table__, Document.id.in_([ref.id for ref in refs]))


def _impact(session: Session, refs: list[DocumentRef], rows: RowSnapshot) -> DeletionImpact:
    codings = rows.rows.get(Coding.__tablename__, [])
    coder_ids = {row["coder_id"] for row in codings}
    coders = session.scalars(select(Coder.name).where(Coder.id.in_(coder_ids)).order_by(Coder.name)).all()
    memo_rows = sum(count for table, count in rows.counts().items() if TARGET_UUID in _columns(table))
    coding_memos = sum(1 for row in codings if row.get("memo"))
    return DeletionImpact(
        documents=tuple(sorted(ref.name for ref in refs)), codings=len(codings), coders=tuple(coders),
        memos=memo_rows + coding_memos, decisions=rows.count(ConsensusDecision.__tablename__),
    )


def _columns(table_name: str) -> set[str]:
    table = Document.metadata.tables.get(table_name)
    return set(table.c.keys()) if table is not None else set()


def document_deletion_impact(session: Session, names: Iterable[str]) -> DeletionImpact:
    """What :func:`delete_documents` would take with it (nothing is written)."""
    refs = _unique_refs(session, names)
    return _impact(session, refs, _document_rows(session, refs))


def delete_documents(session: Session, names: Iterable[str], *, actor: str) -> DeletedDocuments:
    """Delete documents with their turns, sentences, codings, memos, decisions, memberships and assignments."""
    refs = _unique_refs(session, names)
    rows = _document_rows(session, refs)
    impact = _impact(session, refs, rows)
    delete_rows(session, rows)
    by_id = {row["id"]: row for row in rows.rows[Document.__tablename__]}
    counts = rows.counts()
    for ref in refs:
        row = by_id[ref.id]
        record(session, actor, "delete", DOCUMENT, ref.uuid, {
            "name": row["name"], "file": row["source_name"], "sha256": row["sha256"], "case_id": row["case_id"],
            "rows": counts if len(refs) == 1 else None,
        }, None)
    changes = Changes(documents=True, codings=bool(impact.codings), cases=any(ref.case_id for ref in refs),
                      groups=bool(rows.count("document_group_members")), memos=bool(impact.memos),
                      consensus=bool(impact.decisions), assignments=bool(rows.count("assignments")), matrix=True)
    return DeletedDocuments(tuple(ref.name for ref in refs), tuple(ref.uuid for ref in refs), rows, impact, changes)


def restore_documents(session: Session, deleted: DeletedDocuments, *, actor: str) -> Changes:
    """Put deleted documents back exactly (same uuids, ids where free, every row that went with them)."""
    wanted = deleted.rows.rows[Document.__tablename__]
    for row in wanted:
        clash = session.execute(
            select(Document.name).where(
                (Document.uuid == row["uuid"]) | (func.lower(Document.name) == row["name"].lower())
                | (Document.sha256 == row["sha256"])
            )
        ).first()
        if clash is not None:
            raise ConflictError(
                translate(
                    "errors", "cannot put document '{value}' back: the project now holds '{value2}' with the same "
                    "name or text (delete or rename it first)").format(value=row['name'], value2=clash[0])
            )
    restore_rows(session, deleted.rows)
    for row in wanted:
        record(session, actor, "restore", DOCUMENT, row["uuid"], None, {"name": row["name"], "sha256": row["sha256"]})
    return deleted.changes


def rename_document(session: Session, name_or_uuid: str, new_name: str, *, actor: str) -> Changes:
    """Give a document another name, unique in the project (ignoring case)."""
    ref = resolve_document(document_refs(session), name_or_uuid)
    cleaned = clean_name(new_name, translate("names", "document name"))
    if cleaned == ref.name:
        return Changes()
    for other in document_refs(session):
        if other.id != ref.id and other.name.casefold() == cleaned.casefold():
            raise DuplicateError(translate(
                "errors", "there is already a document named '{name}'").format(name=other.name))
    session.execute(update(Document).where(Document.id == ref.id).values(name=cleaned))
    record(session, actor, "rename", DOCUMENT, ref.uuid, {"name": ref.name}, {"name": cleaned})
    return Changes(documents=True)
