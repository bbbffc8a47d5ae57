"""The original file of an imported document (its .docx, .pdf … as it was), kept in the project beside the
normalised text, and a PDF's pages.

The import stores them (``coding.importing.originals``). The bytes live in ``DocumentOriginal.data``, a deferred column: listing documents or reading a document's facts
never loads them (:func:`original_info` reads the other columns only); they are read when asked for
(:func:`original_data`, :func:`write_original`). The rows hang on the document with ``ON DELETE CASCADE``, so
deleting a document deletes its original and pages, and undoing the deletion (``coding.removal``) puts them back.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.errors import ConcordError, NotFoundError
from coding.importing.sources import PageSpan
from models import Document, DocumentOriginal, DocumentPage
from coding.i18n import translate


@dataclass(frozen=True)
class OriginalInfo:
    """What is known of a document's original without reading its bytes."""

    filename: str
    media_type: str
    sha256: str
    size: int

    def to_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "media_type": self.media_type, "sha256": self.sha256, "size": self.size}


def original_info(session: Session, document_id: int) -> OriginalInfo | None:
    """The original's name, media type, SHA-256 and size (its bytes are not read), or None if none is kept."""
    row = session.execute(
        select(DocumentOriginal.filename, DocumentOriginal.media_type, DocumentOriginal.sha256, DocumentOriginal.size)
        .where(DocumentOriginal.document_id == document_id)
    ).first()
    return OriginalInfo(*row) if row is not None else None


def original_data(session: Session, document: Document) -> tuple[OriginalInfo, bytes]:
    """The original's facts and bytes; NotFoundError when the project keeps none for the document."""
    row = session.execute(
        select(DocumentOriginal.filename, DocumentOriginal.media_type, DocumentOriginal.sha256,
               DocumentOriginal.size, DocumentOriginal.data)
        .where(DocumentOriginal.document_id == document.id)
    ).first()
    if row is None:
        raise NotFoundError(translate(
            "errors", "document {name!r} has no original file kept (it was imported before Concord kept originals, "
            "or came from a REFI-QDA project or from text)").format(name=document.name))
    return OriginalInfo(row.filename, row.media_type, row.sha256, row.size), bytes(row.data)


def document_pages(session: Session, document_id: int) -> list[PageSpan]:
    """A PDF document's pages (label as printed, start and end in its text), in order; empty for other kinds."""
    rows = session.execute(
        select(DocumentPage.label, DocumentPage.start, DocumentPage.end)
        .where(DocumentPage.document_id == document_id).order_by(DocumentPage.position)
    )
    return [PageSpan(label, start, end) for label, start, end in rows]


def write_original(session: Session, document: Document, out: Path, *, overwrite: bool = False) -> OriginalInfo:
    """Write the document's original to ``out`` (whole or not at all); an existing file only with ``overwrite``."""
    info, data = original_data(session, document)
    if out.is_dir():
        raise ConcordError(translate(
            "errors", "{out}: is a folder; name the file to write (e.g. {value})").format(
            out=out, value=out / info.filename))
    if out.exists() and not overwrite:
        raise ConcordError(translate("errors", "{out}: already exists (use --force to overwrite it)").format(out=out))
    write_bytes_atomically(out, data)
    return info


def original_in_temp_folder(session: Session, document: Document) -> Path:
    """The original written to a new private folder (mode 700) under the system's temporary folder, under its own
    file name (so the program that opens it shows that name and knows the kind by its extension); a copy for
    viewing, left for the system to clear, since the viewer may still read it after Concord has moved on."""
    info, data = original_data(session, document)
    try:
        folder = Path(tempfile.mkdtemp(prefix="concord-original-"))
    except OSError as exc:
        raise ConcordError(translate(
            "errors", "cannot write to the temporary folder ({value})").format(value=exc.strerror or exc)) from None
    out = folder / (Path(info.filename).name or "original")
    write_bytes_atomically(out, data)
    return out


def write_bytes_atomically(out: Path, data: bytes) -> None:
    """A temporary file beside ``out``, then renamed over it: a reader never sees half a file."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    except OSError as exc:
        raise ConcordError(translate(
            "errors", "{out}: cannot write there ({value})").format(out=out, value=exc.strerror or exc)) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ConcordError(translate(
            "errors", "{out}: cannot write the file ({value})").format(out=out, value=exc.strerror or exc)) from None


def page_of(pages: Sequence[PageSpan], offset: int) -> PageSpan | None:
    """The page an offset of the text falls on (the last page whose text starts at or before it)."""
    found = None
    for page in pages:
        if page.start <= offset:
            found = page
        else:
            break
    return found


__all__ = [
    "OriginalInfo", "document_pages", "original_data", "original_in_temp_folder", "original_info", "page_of",
    "write_bytes_atomically", "write_original",
]
