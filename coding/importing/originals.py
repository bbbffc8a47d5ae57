"""Keep what the import read beside the document's text: the file's bytes (``DocumentOriginal``) and a PDF's
pages (``DocumentPage``), in the store stage's transaction. Reading them back is ``coding.originals``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from coding.importing.read import SourceText
from coding.importing.sources import PageSpan, media_type
from models import DocumentOriginal, DocumentPage


def keep_source(session: Session, document_id: int, source: SourceText) -> None:
    """Store the imported file's bytes as the document's original, and a PDF's pages (the import's store stage)."""
    if source.original:
        keep_original(session, document_id, filename=source.path.name, file_format=source.format,
                      data=source.original)
    keep_pages(session, document_id, source.pages)


def keep_original(session: Session, document_id: int, *, filename: str, file_format: str, data: bytes) -> None:
    """Store the bytes a document was imported from (in the import's transaction)."""
    session.execute(insert(DocumentOriginal).values(
        document_id=document_id, filename=filename, media_type=media_type(file_format),
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data,
    ))


def keep_pages(session: Session, document_id: int, pages: Sequence[PageSpan]) -> None:
    if pages:
        session.execute(insert(DocumentPage), [
            {"document_id": document_id, "position": position, "label": page.label, "start": page.start,
             "end": page.end}
            for position, page in enumerate(pages)
        ])


__all__ = ["keep_original", "keep_pages", "keep_source"]
