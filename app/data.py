"""The reads behind the views: each returns plain frozen rows, loaded in a handful of queries.

Item models hold these rows and answer ``data()`` from memory; nothing here is called from ``data()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.cases import attribute_infos, case_rows
from coding.codebook import CodeNode, codebook_tree
from coding.errors import NotFoundError
from coding.groups import group_rows
from models import (
    Case,
    Coder,
    Coding,
    Document,
    Sentence,
    SpeakerTurn,
)

EXCERPT_CHARS = 240


@dataclass(frozen=True)
class Turn:
    start: int
    content_start: int
    end: int
    speaker: str


@dataclass(frozen=True)
class DocumentText:
    id: int
    uuid: str
    name: str
    text: str
    language: str
    case_name: str | None
    word_count: int
    turns: tuple[Turn, ...]
    sentences: tuple[tuple[int, int], ...] = ()


class CodingView(NamedTuple):
    """A coding as the transcript draws it (a tuple: a thousand are built on every edit)."""

    uuid: str
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str


@dataclass(frozen=True)
class CodeInfo:
    id: int
    uuid: str
    name: str
    path: str
    colour: str
    shortcut: str
    is_codable: bool
    level: int


@dataclass(frozen=True)
class DocumentRow:
    id: int
    uuid: str
    name: str
    language: str
    words: int
    case_name: str | None
    groups: tuple[str, ...]
    attributes: dict[str, str] = field(default_factory=dict)
    my_codings: int = 0
    all_codings: int = 0


class SegmentRow(NamedTuple):
    uuid: str
    document_id: int
    document_name: str
    code_id: int
    coder_id: int
    start: int
    end: int
    excerpt: str
    memo: str


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
        raise NotFoundError(f"unknown document id {document_id}")
    turns = session.execute(
        select(SpeakerTurn.start, SpeakerTurn.content_start, SpeakerTurn.end, SpeakerTurn.speaker)
        .where(SpeakerTurn.document_id == document_id)
        .order_by(SpeakerTurn.position)
    ).all()
    sentences = session.execute(
        select(Sentence.start, Sentence.end).where(Sentence.document_id == document_id).order_by(Sentence.start)
    ).all()
    return DocumentText(*row, turns=tuple(Turn(*t) for t in turns), sentences=tuple((s, e) for s, e in sentences))


def load_codings(session: Session, document_id: int, coder_ids: list[int] | None) -> list[CodingView]:
    query = select(Coding.uuid, Coding.code_id, Coding.coder_id, Coding.start, Coding.end, Coding.memo).where(
        Coding.document_id == document_id
    )
    if coder_ids is not None:
        query = query.where(Coding.coder_id.in_(coder_ids))
    # A Core query on the session's connection: plain tuples, no ORM row processing (this runs on every edit).
    result = session.connection().execute(query.order_by(Coding.start, Coding.end)).all()
    return [CodingView._make(row) for row in result]


def load_codebook(session: Session) -> tuple[list[CodeNode], dict[int, CodeInfo]]:
    roots = codebook_tree(session)
    infos: dict[int, CodeInfo] = {}

    def walk(node: CodeNode) -> None:
        infos[node.id] = CodeInfo(
            node.id, node.uuid, node.name, node.path, node.colour, node.shortcut, node.is_codable, node.level
        )
        for child in node.children:
            walk(child)

    for root in roots:
        walk(root)
    return roots, infos


def coder_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Coder.id, Coder.name)).all())


def person_coder_count(session: Session) -> int:
    return session.scalar(select(func.count(Coder.id)).where(Coder.is_consensus.is_(False))) or 0


def coding_counts(session: Session, coder_id: int | None = None) -> dict[int, int]:
    """Code id -> number of codings (of one coder, or of everyone)."""
    query = select(Coding.code_id, func.count()).group_by(Coding.code_id)
    if coder_id is not None:
        query = query.where(Coding.coder_id == coder_id)
    return dict(session.execute(query).all())


def document_rows(session: Session, coder_id: int) -> list[DocumentRow]:
    """Every document with its case, groups, case attributes and coding counts (mine and all)."""
    docs = session.execute(
        select(
            Document.id, Document.uuid, Document.name, Document.language, Document.word_count, Document.case_id,
            Case.name,
        )
        .outerjoin(Case, Case.id == Document.case_id)
        .order_by(Document.name)
    ).all()
    groups: dict[int, list[str]] = {}  # document id -> group names, sorted below by plain name order
    for group in group_rows(session):
        for document_id in group.document_ids:
            groups.setdefault(document_id, []).append(group.name)
    attribute_names = {a.id: a.name for a in attribute_infos(session)}
    values = {
        case.id: {attribute_names[attribute_id]: value for attribute_id, value in case.values.items()}
        for case in case_rows(session)
    }
    mine = dict(
        session.execute(
            select(Coding.document_id, func.count()).where(Coding.coder_id == coder_id).group_by(Coding.document_id)
        ).all()
    )
    everyone = dict(session.execute(select(Coding.document_id, func.count()).group_by(Coding.document_id)).all())
    return [
        DocumentRow(
            id=d.id, uuid=d.uuid, name=d.name, language=d.language, words=d.word_count, case_name=d[6],
            groups=tuple(sorted(groups.get(d.id, ()))), attributes=values.get(d.case_id, {}) if d.case_id else {},
            my_codings=mine.get(d.id, 0), all_codings=everyone.get(d.id, 0),
        )
        for d in docs
    ]


def document_counts(session: Session, coder_id: int) -> tuple[dict[int, int], dict[int, int]]:
    """Document id -> number of codings: the coder's, and everyone's."""
    mine = session.execute(
        select(Coding.document_id, func.count()).where(Coding.coder_id == coder_id).group_by(Coding.document_id)
    ).all()
    everyone = session.execute(select(Coding.document_id, func.count()).group_by(Coding.document_id)).all()
    return dict(mine), dict(everyone)  # type: ignore[arg-type]


def _segments(
    session: Session, condition: object, coder_ids: list[int] | None, known_texts: dict[int, str] | None
) -> list[SegmentRow]:
    query = (
        select(
            Coding.uuid, Coding.document_id, Document.name, Coding.code_id, Coding.coder_id, Coding.start, Coding.end,
            Coding.memo,
        )
        .join(Document, Document.id == Coding.document_id)
        .where(condition)  # type: ignore[arg-type]
    )
    if coder_ids is not None:
        query = query.where(Coding.coder_id.in_(coder_ids))
    found = session.execute(query.order_by(Document.name, Coding.start, Coding.end)).all()
    # Excerpts are cut in Python from each text loaded once: SQLite's substr walks a UTF-8 text from its
    # start for every row, which costs seconds for a thousand codings in a long transcript.
    texts = dict(known_texts or {})
    missing = {row.document_id for row in found} - set(texts)
    if missing:
        texts.update(session.execute(select(Document.id, Document.text).where(Document.id.in_(missing))).all())
    return [
        SegmentRow(
            uuid, document_id, name, code_id, coder_id, start, end,
            texts[document_id][start:min(end, start + EXCERPT_CHARS)], memo,
        )
        for uuid, document_id, name, code_id, coder_id, start, end, memo in found
    ]


def segments_of_codes(
    session: Session, code_ids: list[int], coder_ids: list[int] | None, known_texts: dict[int, str] | None = None
) -> list[SegmentRow]:
    return _segments(session, Coding.code_id.in_(code_ids), coder_ids, known_texts)


__all__ = [
    "CodeInfo",
    "CodingView",
    "DocumentRow",
    "DocumentText",
    "SegmentRow",
    "Turn",
    "coder_names",
    "coding_counts",
    "document_counts",
    "document_rows",
    "load_codebook",
    "load_codings",
    "load_document",
    "person_coder_count",
    "segments_of_codes",
]
