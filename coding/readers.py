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

from sqlalchemy import ColumnElement, Select, case, func, literal, select
from sqlalchemy.orm import Session

from coding.cases import attribute_values_by_case
from coding.groups import group_names_by_document
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


def document_rows(session: Session, coder_id: int | None = None, *, counts: bool = True) -> list[DocumentRow]:
    """Every document by name, with its case, groups, case attributes and coding counts (the coder's and all;
    zero when ``counts`` is False: a caller that reads them later spares the pass over every coding).

    The documents' columns stored after their text (figures, case) are read from the indexes that hold them:
    SQLite keeps a row's columns in order, so reading them from the table walks every text's overflow pages
    (a 100x project: 190 ms against 30 ms). Each table is read once; the counts are one pass over the codings."""
    connection = session.connection()  # Core rows: no ORM row processing for 5,500-row reads
    docs = connection.execute(
        select(Document.id, Document.uuid, Document.name, Document.language, Document.format).order_by(Document.name)
    ).all()
    figures = {
        document_id: (words, turns, sentences) for document_id, words, turns, sentences in connection.execute(
            select(Document.id, Document.word_count, Document.turn_count, Document.sentence_count)
        )
    }
    case_of = {document_id: case_id for document_id, case_id in connection.execute(select(Document.id, Document.case_id))}
    case_names = {case_id: name for case_id, name in connection.execute(select(Case.id, Case.name))}
    mine, everyone = document_counts(session, coder_id) if counts else ({}, {})
    groups = group_names_by_document(session)
    values = attribute_values_by_case(session)
    rows = []
    for d in docs:  # (on a server each statement sees its own moment: a document added meanwhile gets zeros)
        words, turns, sentences = figures.get(d.id, (0, 0, 0))
        case_id = case_of.get(d.id)
        rows.append(DocumentRow(
            id=d.id, uuid=d.uuid, name=d.name, language=d.language, format=d.format, words=words, turns=turns,
            sentences=sentences, case_name=case_names.get(case_id) if case_id is not None else None,
            groups=tuple(sorted(groups.get(d.id, ()))),
            attributes=values.get(case_id, {}) if case_id is not None else {},
            my_codings=mine.get(d.id, 0), all_codings=everyone.get(d.id, 0),
        ))
    return rows


def _counts_per_document(coder_id: int | None) -> Select[int, int, int]:
    """Per document: the coder's codings and everyone's, in one pass over the codings."""
    mine = func.sum(case((Coding.coder_id == coder_id, 1), else_=0)) if coder_id is not None else literal(0)
    return select(
        Coding.document_id.label("document_id"), mine.label("mine"), func.count().label("everyone"),
    ).group_by(Coding.document_id)


def document_counts(session: Session, coder_id: int | None) -> tuple[dict[int, int], dict[int, int]]:
    """Document id -> number of codings: the coder's (empty without a coder), and everyone's."""
    mine: dict[int, int] = {}
    everyone: dict[int, int] = {}
    for document_id, own, every in session.execute(_counts_per_document(coder_id)):
        everyone[document_id] = every
        if coder_id is not None and own:
            mine[document_id] = own
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


def load_codings_by_uuid(
    session: Session, document_id: int, uuids: frozenset[str] | set[str] | list[str], coder_ids: list[int] | None
) -> list[CodingView]:
    """Those of the codings ``uuids`` that are in ``document_id`` (of some coders; None: everyone's), in text
    order: what an edit touched, read again without reading the document's other codings."""
    wanted = sorted(set(uuids))
    if not wanted:
        return []
    query = select(Coding.uuid, Coding.code_id, Coding.coder_id, Coding.start, Coding.end, Coding.memo).where(
        Coding.uuid.in_(wanted), Coding.document_id == document_id
    )
    if coder_ids is not None:
        query = query.where(Coding.coder_id.in_(coder_ids))
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


def segments_of_codings(
    session: Session, uuids: frozenset[str] | set[str] | list[str], code_ids: list[int], coder_ids: list[int] | None,
    known_texts: dict[int, str] | None = None,
) -> list[SegmentRow]:
    """Those of the codings ``uuids`` that are of some codes (and coders), as ``segments_of_codes`` lists them:
    what an edit touched, read again without reading the codes' other codings."""
    if not uuids:
        return []
    return _segments(session, Coding.uuid.in_(sorted(uuids)) & Coding.code_id.in_(code_ids), coder_ids, known_texts)


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


def code_counts(session: Session, coder_id: int | None) -> tuple[dict[int, int], dict[int, int]]:
    """Code id -> number of codings: the coder's (empty without a coder), and everyone's, in one pass over the
    codings (``coding_counts`` twice reads them twice)."""
    mine: dict[int, int] = {}
    everyone: dict[int, int] = {}
    for code_id, owner, n in session.execute(
        select(Coding.code_id, Coding.coder_id, func.count()).group_by(Coding.code_id, Coding.coder_id)
    ):
        everyone[code_id] = everyone.get(code_id, 0) + n
        if owner == coder_id:
            mine[code_id] = n
    return mine, everyone


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
    "code_counts",
    "coder_names",
    "coding_counts",
    "document_counts",
    "document_rows",
    "load_codings",
    "load_codings_by_uuid",
    "person_coder_count",
    "segments_of_codes",
    "segments_of_codings",
]
