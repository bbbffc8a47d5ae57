"""Write one analysed document with its turns and sentences (bulk inserts: import speed matters)."""

from __future__ import annotations

import hashlib
from itertools import repeat
from typing import Any

from sqlalchemy import Connection, Table, func, insert, or_, select
from sqlalchemy.orm import Session

from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.importing.analyse import Analysis, analyse_text
from coding.importing.normalise import normalise_text
from coding.importing.options import ImportOptions
from coding.importing.sentences import SentenceSpans
from models import Case, Document, DocumentMetadata, Sentence, SpeakerTurn
from coding.i18n import translate

MAX_NAME_CHARS = 240  # Document.name holds 255; room for " (12)"
MAX_SPEAKER_CHARS = 128
MAX_METADATA_KEY_CHARS = 64


def add_document_text(
    session: Session,
    *,
    name: str,
    text: str,
    source_name: str,
    format: str,
    encoding: str = "",
    language: str | None = None,
    sha256: str | None = None,
    options: ImportOptions | None = None,
) -> Document:
    """Store an already-normalised ``text`` as a new document, segmented into turns and sentences.

    ``sha256`` is :func:`text_sha256` of the text (pass it when already computed); ``name`` gets
    " (2)", " (3)" … when taken. Raises DuplicateError when the project already holds the text.
    """
    options = options or ImportOptions()
    sha256 = sha256 or text_sha256(text)
    check_new_document(session, sha256, source_name)
    analysis = analyse_text(
        text,
        language=language or options.language,
        turn_pattern=options.turn_pattern,
        zh_threshold=options.zh_threshold,
    )
    return store_document(
        session,
        name=name,
        text=text,
        source_name=source_name,
        format=format,
        encoding=encoding,
        sha256=sha256,
        analysis=analysis,
    )


def text_sha256(text: str) -> str:
    """What identifies a document's content (``Document.sha256``): SHA-256 of its normalised text in UTF-8.

    Of the text, not of the file: the same transcript saved with other line ends, another encoding
    or as .docx is the same document, whichever way it came in (.txt/.docx import, REFI-QDA import).
    Normalising again makes the hash of text stored before Concord normalised everything (REFI imports
    of older versions) equal the hash a new import of it gets; migration 0005 set it on older projects.
    """
    return normalised_text_sha256(normalise_text(text))


def normalised_text_sha256(normalised: str) -> str:
    """:func:`text_sha256` of a text :func:`normalise_text` has just made (the import's own: no second pass)."""
    return hashlib.sha256(normalised.encode("utf-8", errors="surrogatepass")).hexdigest()


def duplicate_of(session: Session, sha256: str) -> str | None:
    """The name of the document already holding the text with this :func:`text_sha256`, if any."""
    return session.scalar(select(Document.name).where(Document.sha256 == sha256))


def check_new_document(session: Session, sha256: str, source_name: str) -> None:
    existing = duplicate_of(session, sha256)
    if existing is not None:
        raise DuplicateError(translate(
            "errors", "{source_name}: already imported as {existing}").format(
            source_name=source_name, existing=existing))


def unique_document_name(session: Session, wanted: str) -> str:
    base = " ".join(wanted.split())[:MAX_NAME_CHARS] or "Untitled"
    taken = set(
        session.scalars(
            select(Document.name).where(
                or_(Document.name == base, Document.name.startswith(f"{base} (", autoescape=True))
            )
        )
    )
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base} ({number})"
    return name


def store_document(
    session: Session,
    *,
    name: str,
    text: str,
    source_name: str,
    format: str,
    encoding: str,
    sha256: str,
    analysis: Analysis,
) -> Document:
    """Insert the document, its metadata, turns and sentences (bulk, turn ids computed) in the caller's transaction."""
    if not text.strip():
        raise ValidationError(translate("errors", "{source_name}: no text to import").format(source_name=source_name))
    check_new_document(session, sha256, source_name)
    document = Document(
        name=unique_document_name(session, name),
        source_name=source_name,
        format=format,
        encoding=encoding,
        sha256=sha256,
        language=analysis.language,
        text=text,
        char_count=len(text),
        word_count=analysis.word_count,
        turn_count=len(analysis.turns),
        sentence_count=len(analysis.sentences),
    )
    session.add(document)
    session.flush()
    # The document insert holds SQLite's write lock, so no one else can take the ids computed here.
    first_turn_id = (session.scalar(select(func.coalesce(func.max(SpeakerTurn.id), 0))) or 0) + 1
    document_id = document.id  # read once: an ORM attribute costs a descriptor call per row
    turn_rows = [
        (first_turn_id + i, document_id, i, turn.speaker[:MAX_SPEAKER_CHARS], turn.start, turn.content_start, turn.end)
        for i, turn in enumerate(analysis.turns)
    ]
    sentence_rows = _sentence_rows(document_id, first_turn_id, analysis)
    _insert_rows(session, SpeakerTurn.__table__, _TURN_COLUMNS, turn_rows)
    _insert_rows(session, Sentence.__table__, _SENTENCE_COLUMNS, sentence_rows)
    metadata_rows = [
        (document_id, i, field.key[:MAX_METADATA_KEY_CHARS], field.value, field.start, field.end)
        for i, field in enumerate(analysis.metadata)
    ]
    _insert_rows(session, DocumentMetadata.__table__, _METADATA_COLUMNS, metadata_rows)
    return document


def _sentence_rows(document_id: int, first_turn_id: int, analysis: Analysis) -> list[tuple[int, ...]]:
    sentences = analysis.sentences
    if isinstance(sentences, SentenceSpans):  # straight from the columns, no object per sentence
        count = len(sentences)
        turn_ids = [first_turn_id + index for index in sentences.turn_indexes]
        return list(zip(repeat(document_id, count), turn_ids, range(count), sentences.starts, sentences.ends))
    return [
        (document_id, first_turn_id + sentence.turn_index, i, sentence.start, sentence.end)
        for i, sentence in enumerate(sentences)
    ]


_TURN_COLUMNS = ("id", "document_id", "position", "speaker", "start", "content_start", "end")
_SENTENCE_COLUMNS = ("document_id", "turn_id", "position", "start", "end")
_METADATA_COLUMNS = ("document_id", "position", "key", "value", "start", "end")


def _insert_rows(session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """One executemany straight to the driver: ORM or Core per-row work would double the import time."""
    if not rows:
        return
    connection = session.connection()
    sql = _positional_insert(connection, table, columns)
    if sql is not None:
        connection.exec_driver_sql(sql, rows)
    else:
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


_INSERTS: dict[tuple[str, str, str, tuple[str, ...]], str | None] = {}


def _positional_insert(connection: Connection, table: Table, columns: tuple[str, ...]) -> str | None:
    """The driver's INSERT for these columns when its parameters are positional (compiled once per dialect)."""
    dialect = connection.dialect
    key = (dialect.name, dialect.paramstyle, table.name, columns)
    if key not in _INSERTS:
        statement = insert(table).compile(dialect=dialect, column_keys=list(columns))
        _INSERTS[key] = str(statement) if statement.positional else None
    return _INSERTS[key]


def attach_to_case(session: Session, document: Document, case_name: str, *, actor: str) -> Case:
    """Put the new document under the named case (matched ignoring letter case), creating it if missing."""
    from coding.cases import add_case, attach_document, find_case

    try:
        case = find_case(session, case_name)
    except NotFoundError:
        case = add_case(session, case_name, actor=actor)
    attach_document(session, case.name, document.uuid, actor=actor)
    return case


__all__ = [
    "add_document_text",
    "attach_to_case",
    "check_new_document",
    "duplicate_of",
    "store_document",
    "text_sha256",
    "unique_document_name",
]
