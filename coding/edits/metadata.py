"""The edit of "Copy document metadata to case attributes" (``coding.metadata.metadata_to_attributes``).

``do`` copies the chosen documents' metadata (``None``: every document's) to their cases' attributes, putting a
caseless document under a case of its own name; a value a case already holds differently refuses the whole copy
with ``ConflictError``, naming every conflict, and writes nothing. ``undo`` takes back exactly what the copy wrote
(``undo_metadata_to_attributes``: a value changed since is ``ConflictError``, ``expected=`` the value it set);
``redo`` copies again.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.edits.base import Edit
from coding.i18n import translate
from coding.metadata import MetadataTransfer, metadata_to_attributes, undo_metadata_to_attributes


class MetadataToAttributesEdit(Edit):
    """Copy the metadata of ``document_names`` (``None``: every document; ``keys``: only those keys)."""

    def __init__(self, document_names: Sequence[str] | None, keys: Sequence[str] | None = None) -> None:
        self.document_names = None if document_names is None else list(document_names)
        self.keys = None if keys is None else list(keys)
        self.transfer: MetadataTransfer | None = None

    @property
    def label(self) -> str:
        if self.document_names is None:
            return translate("edits", "Copy metadata of every document to case attributes")
        chosen = len(self.document_names)
        return translate("edits", "Copy metadata of {count} document(s) to case attributes").format(count=chosen)

    def do(self, session: Session, actor: str) -> Changes:
        self.transfer = metadata_to_attributes(session, actor=actor, keys=self.keys, documents=self.document_names)
        return self.transfer.changes

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.transfer is not None
        return undo_metadata_to_attributes(session, self.transfer, actor=actor)


__all__ = ["MetadataToAttributesEdit"]
