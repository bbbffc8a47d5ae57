"""Look-ups of imported documents (the import pipeline creates them; their text never changes)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.errors import NotFoundError
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


def find_document(session: Session, name_or_uuid: str) -> Document:
    document = session.scalar(
        select(Document).where((Document.name == name_or_uuid) | (Document.uuid == name_or_uuid))
    )
    if document is None:
        names = session.scalars(select(Document.name).order_by(Document.name).limit(8)).all()
        hint = f" (documents: {', '.join(names)}{' …' if len(names) == 8 else ''})" if names else " (no documents yet)"
        raise NotFoundError(f"unknown document '{name_or_uuid}'{hint}")
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
