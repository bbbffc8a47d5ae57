"""Look-ups of imported documents (the import pipeline creates them; their text never changes)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.errors import NotFoundError
from coding.names import known_names
from models import Case, Document


@dataclass(frozen=True)
class DocumentSummary:
    id: int
    uuid: str
    name: str
    language: str
    format: str
    words: int
    turns: int
    sentences: int
    case: str | None


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
            raise NotFoundError(f"document '{name}' is ambiguous: {', '.join(sorted(h.name for h in hits))}")
    raise NotFoundError(f"no document '{name}' (documents: {known_names(sorted(r.name for r in refs))})")


def find_document(session: Session, name_or_uuid: str) -> Document:
    document = session.get(Document, resolve_document(document_refs(session), name_or_uuid).id)
    assert document is not None
    return document


def list_documents(session: Session) -> list[DocumentSummary]:
    rows = session.execute(
        select(
            Document.id, Document.uuid, Document.name, Document.language, Document.format, Document.word_count,
            Document.turn_count, Document.sentence_count, Case.name,
        )
        .outerjoin(Case, Case.id == Document.case_id)
        .order_by(Document.name)
    ).all()
    return [DocumentSummary(*row) for row in rows]
