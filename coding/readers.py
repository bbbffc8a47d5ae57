"""The rows the views and the CLI list, each loaded in a handful of queries and returned as plain frozen values.

Documents with their case, groups, case attributes and coding counts; a document's codings; the coded
segments of some codes; coding counts per code; coders. The GUI's item models hold these rows and answer
``data()`` from memory (nothing here is called from ``data()``); the CLI prints the same rows.
Cases, attributes and groups come from their own readers in :mod:`coding.cases` and :mod:`coding.groups`;
the codebook from :class:`coding.codebook.CodeTree`; a document's text from :func:`coding.documents.load_document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from coding.cases import attribute_infos, case_rows
from coding.groups import group_rows
from models import Case, Coder, Coding, Document

EXCERPT_CHARS = 240  # how much of a coded passage a list row quotes


# -- documents --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRow:
    """A document as the lists show it (without its text): facts, case, groups, case attributes, coding counts."""

    id: int
    uuid: str
    name: str
    language: str
    format: str
    words: int
    turns: int
    sentences: int
    case_name: str | None
    groups: tuple[str, ...]  # in plain name order
    attributes: dict[str, str] = field(default_factory=dict)  # the case's attribute values by attribute name
    my_codings: int = 0  # the chosen coder's codings (0 when no coder was given)
    all_codings: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The CLI's ``concord documents`` record."""
        return {
            "id": self.id, "uuid": self.uuid, "name": self.name, "language": self.language, "format": self.format,
            "words": self.words, "turns": self.turns, "sentences": self.sentences, "case": self.case_name,
        }


def document_rows(session: Session, coder_id: int | None = None) -> list[DocumentRow]:
    """Every document by name, with its case, groups, case attributes and coding counts (the coder's and all)."""
    docs = session.execute(
        select(
            Document.id, Document.uuid, Document.name, Document.language, Document.format, Document.word_count,
            Document.turn_count, Document.sentence_count, Document.case_id, Case.name.label("case_name"),
        )
        .outerjoin(Case, Case.id == Document.case_id)
        .order_by(Document.name)
    ).all()
    groups = _group_names_by_document(session)
    values = _attribute_values_by_case(session)
    mine, everyone = document_counts(session, coder_id)
    return [
        DocumentRow(
            id=d.id, uuid=d.uuid, name=d.name, language=d.language, format=d.format, words=d.word_count,
            turns=d.turn_count, sentences=d.sentence_count, case_name=d.case_name,
            groups=tuple(sorted(groups.get(d.id, ()))),
            attributes=values.get(d.case_id, {}) if d.case_id is not None else {},
            my_codings=mine.get(d.id, 0), all_codings=everyone.get(d.id, 0),
        )
        for d in docs
    ]


def _group_names_by_document(session: Session) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for group in group_rows(session):
        for document_id in group.document_ids:
            names.setdefault(document_id, []).append(group.name)
    return names


def _attribute_values_by_case(session: Session) -> dict[int, dict[str, str]]:
    attribute_names = {a.id: a.name for a in attribute_infos(session)}
    return {
        case.id: {attribute_names[attribute_id]: value for attribute_id, value in case.values.items()}
        for case in case_rows(session)
    }


def document_counts(session: Session, coder_id: int | None) -> tuple[dict[int, int], dict[int, int]]:
    """Document id -> number of codings: the coder's (empty without a coder), and everyone's."""
    per_document = select(Coding.document_id, func.count()).group_by(Coding.document_id)
    mine: dict[int, int] = {}
    if coder_id is not None:
        mine = {d: n for d, n in session.execute(per_document.where(Coding.coder_id == coder_id))}
    everyone = {d: n for d, n in session.execute(per_document)}
    return mine, everyone


# -- codings and segments ---------------------------------------------------------------------------


class CodingView(NamedTuple):
    """A coding as the transcript draws it (a tuple: a thousand are built on every edit)."""

    uuid: str
    code_id: int
    coder_id: int
    start: int
    end: int
    memo: str


def load_codings(session: Session, document_id: int, coder_ids: list[int] | None) -> list[CodingView]:
    """A document's codings in text order, of some coders (None: everyone's)."""
    query = select(Coding.uuid, Coding.code_id, Coding.coder_id, Coding.start, Coding.end, Coding.memo).where(
        Coding.document_id == document_id
    )
    if coder_ids is not None:
        query = query.where(Coding.coder_id.in_(coder_ids))
    # A Core query on the session's connection: plain tuples, no ORM row processing (this runs on every edit).
    result = session.connection().execute(query.order_by(Coding.start, Coding.end)).all()
    return [CodingView._make(row) for row in result]


class SegmentRow(NamedTuple):
    """A coded passage as a list shows it: where it is and the first :data:`EXCERPT_CHARS` of its text."""

    uuid: str
    document_id: int
    document_name: str
    code_id: int
    coder_id: int
    start: int
    end: int
    excerpt: str
    memo: str


def segments_of_codes(
    session: Session, code_ids: list[int], coder_ids: list[int] | None, known_texts: dict[int, str] | None = None
) -> list[SegmentRow]:
    """The codings of some codes (by some coders; None: everyone's), by document name and position.

    ``known_texts`` (document id -> text) spares reading texts the caller already holds.
    """
    return _segments(session, Coding.code_id.in_(code_ids), coder_ids, known_texts)


def _segments(
    session: Session, condition: ColumnElement[bool], coder_ids: list[int] | None,
    known_texts: dict[int, str] | None,
) -> list[SegmentRow]:
    query = (
        select(
            Coding.uuid, Coding.document_id, Document.name, Coding.code_id, Coding.coder_id, Coding.start, Coding.end,
            Coding.memo,
        )
        .join(Document, Document.id == Coding.document_id)
        .where(condition)
    )
    if coder_ids is not None:
        query = query.where(Coding.coder_id.in_(coder_ids))
    found = session.execute(query.order_by(Document.name, Coding.start, Coding.end)).all()
    # Excerpts are cut in Python from each text loaded once: SQLite's substr walks a UTF-8 text from its
    # start for every row, which costs seconds for a thousand codings in a long transcript.
    texts = dict(known_texts or {})
    missing = {row.document_id for row in found} - set(texts)
    if missing:
        read = session.execute(select(Document.id, Document.text).where(Document.id.in_(missing)))
        texts.update({document_id: text for document_id, text in read})
    return [
        SegmentRow(
            uuid, document_id, name, code_id, coder_id, start, end,
            texts[document_id][start:min(end, start + EXCERPT_CHARS)], memo,
        )
        for uuid, document_id, name, code_id, coder_id, start, end, memo in found
    ]


def coding_counts(session: Session, coder_id: int | None = None) -> dict[int, int]:
    """Code id -> number of codings (of one coder, or of everyone)."""
    query = select(Coding.code_id, func.count()).group_by(Coding.code_id)
    if coder_id is not None:
        query = query.where(Coding.coder_id == coder_id)
    return {code_id: n for code_id, n in session.execute(query)}


# -- coders -----------------------------------------------------------------------------------------


def coder_names(session: Session) -> dict[int, str]:
    return {coder_id: name for coder_id, name in session.execute(select(Coder.id, Coder.name))}


def person_coder_count(session: Session) -> int:
    """Coders who are people (not the consensus coder)."""
    return session.scalar(select(func.count(Coder.id)).where(Coder.is_consensus.is_(False))) or 0


__all__ = [
    "EXCERPT_CHARS",
    "CodingView",
    "DocumentRow",
    "SegmentRow",
    "coder_names",
    "coding_counts",
    "document_counts",
    "document_rows",
    "load_codings",
    "person_coder_count",
    "segments_of_codes",
]
