"""Write one analysed document with its turns and sentences (bulk inserts: import speed matters)."""

from __future__ import annotations

import hashlib

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from coding import audit
from coding.errors import DuplicateError, ValidationError
from coding.importing.analyse import Analysis, analyse_text
from coding.importing.options import ImportOptions
from models import Case, Document, Sentence, SpeakerTurn

MAX_NAME_CHARS = 240  # Document.name holds 255; room for " (12)"
MAX_SPEAKER_CHARS = 128


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

    ``sha256`` defaults to the hash of the text (callers with a source file pass the file's hash);
    ``name`` gets " (2)", " (3)" … when taken. Raises DuplicateError when the hash is already stored.
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
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def duplicate_of(session: Session, sha256: str) -> str | None:
    """The name of the document already holding content with this hash, if any."""
    return session.scalar(select(Document.name).where(Document.sha256 == sha256))


def check_new_document(session: Session, sha256: str, source_name: str) -> None:
    existing = duplicate_of(session, sha256)
    if existing is not None:
        raise DuplicateError(f"{source_name}: already imported as {existing}")


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
    """Insert the document, then its turns (ids come back in order) and sentences, in the caller's transaction."""
    if not text.strip():
        raise ValidationError(f"{source_name}: no text to import")
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
    turn_rows = [
        {
            "document_id": document.id,
            "position": position,
            "speaker": turn.speaker[:MAX_SPEAKER_CHARS],
            "start": turn.start,
            "content_start": turn.content_start,
            "end": turn.end,
        }
        for position, turn in enumerate(analysis.turns)
    ]
    turn_ids: list[int] = []
    if turn_rows:
        returning = insert(SpeakerTurn).returning(SpeakerTurn.id, sort_by_parameter_order=True)
        turn_ids = list(session.scalars(returning, turn_rows))
    sentence_rows = [
        {
            "document_id": document.id,
            "turn_id": turn_ids[sentence.turn_index],
            "position": position,
            "start": sentence.start,
            "end": sentence.end,
        }
        for position, sentence in enumerate(analysis.sentences)
    ]
    if sentence_rows:
        session.execute(insert(Sentence), sentence_rows)
    return document


def attach_to_case(session: Session, document: Document, case_name: str, *, actor: str) -> Case:
    """Put the document under the named case, creating the case when it does not exist yet."""
    case_name = case_name.strip()
    if not case_name:
        raise ValidationError("a case needs a name")
    case = session.scalar(select(Case).where(Case.name == case_name))
    if case is None:
        case = Case(name=case_name)
        session.add(case)
        session.flush()
        audit.record(session, actor, "create", "case", case.uuid, after={"name": case.name})
    document.case_id = case.id
    audit.record(
        session, actor, "attach_document", "case", case.uuid, after={"document": document.name, "case": case.name}
    )
    return case


__all__ = [
    "add_document_text",
    "store_document",
    "attach_to_case",
    "unique_document_name",
    "duplicate_of",
    "check_new_document",
    "text_sha256",
]
