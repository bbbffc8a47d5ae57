"""Undo steps for housekeeping: rename and delete documents, cases and attributes.

Things are held by uuid, so a step still finds its document after another step renamed it. A deletion
keeps the snapshot ``coding/`` took of everything that went, and undo puts exactly that back (same
uuids, ids where free); redo deletes again and keeps the new snapshot. Undoing a rename only if the
name is still the one the step left (else ``ConflictError``: another window renamed it since).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import cases, documents
from coding.changes import Changes
from coding.errors import ConflictError, NotFoundError
from coding.text import one_line
from models import Attribute, Case, Document

Renamer = Callable[..., Changes]

# entity -> (table, rename operation, the words users read)
_RENAMERS: dict[str, tuple[Any, Renamer]] = {
    "document": (Document, documents.rename_document),
    "case": (Case, cases.rename_case),
    "attribute": (Attribute, cases.rename_attribute),
}


def current_name(session: Session, model: Any, uuid: str, what: str) -> str:
    name = session.scalar(select(model.name).where(model.uuid == uuid))
    if name is None:
        raise NotFoundError(f"that {what} is no longer in the project")
    return name


class RenameCommand(BenchCommand):
    """Rename a document, case or attribute (``entity``)."""

    def __init__(self, bench: Workbench, entity: str, uuid: str, old_name: str, new_name: str) -> None:
        super().__init__(bench, f"Rename {entity} '{one_line(old_name)}' to '{one_line(new_name.strip())}'")
        self.entity, self.uuid = entity, uuid
        self.old_name, self.new_name = old_name, new_name
        self.left: str | None = None  # the name the last step gave it

    def perform(self, session: Session) -> Changes:
        return self._rename(session, self.new_name)

    def revert(self, session: Session) -> Changes:
        return self._rename(session, self.old_name)

    def _rename(self, session: Session, name: str) -> Changes:
        model, rename = _RENAMERS[self.entity]
        now = current_name(session, model, self.uuid, self.entity)
        if self.left is not None and now != self.left:
            raise ConflictError(f"the {self.entity} '{self.left}' was renamed since (now '{now}')")
        changes = rename(session, now if self.entity != "document" else self.uuid, name, actor=self.actor)
        self.left = current_name(session, model, self.uuid, self.entity)
        return changes | Changes(**{f"{self.entity}s": True})


class DeleteDocumentsCommand(BenchCommand):
    """Delete documents with everything on them; undo puts every row back."""

    def __init__(self, bench: Workbench, document_uuids: Sequence[str], names: Sequence[str]) -> None:
        what = f"document '{one_line(names[0])}'" if len(names) == 1 else f"{len(names)} documents"
        super().__init__(bench, f"Delete {what}")
        self.document_uuids = list(document_uuids)
        self.deleted: documents.DeletedDocuments | None = None

    def perform(self, session: Session) -> Changes:
        self.deleted = documents.delete_documents(session, self.document_uuids, actor=self.actor)
        return self.deleted.changes

    def revert(self, session: Session) -> Changes:
        assert self.deleted is not None
        return documents.restore_documents(session, self.deleted, actor=self.actor)


class DeleteCaseOrAttributeCommand(BenchCommand):
    """Delete a case (its documents stay, detached) or an attribute (with its values); undo restores all."""

    def __init__(self, bench: Workbench, entity: str, uuid: str, name: str) -> None:
        super().__init__(bench, f"Delete {entity} '{one_line(name)}'")
        self.entity, self.uuid = entity, uuid
        self.deleted: cases.DeletedRows | None = None

    def perform(self, session: Session) -> Changes:
        model = Case if self.entity == "case" else Attribute
        name = current_name(session, model, self.uuid, self.entity)
        delete = cases.delete_case if self.entity == "case" else cases.delete_attribute
        self.deleted = delete(session, name, actor=self.actor)
        return self.deleted.changes

    def revert(self, session: Session) -> Changes:
        assert self.deleted is not None
        restore = cases.restore_case if self.entity == "case" else cases.restore_attribute
        return restore(session, self.deleted, actor=self.actor)


__all__ = ["DeleteCaseOrAttributeCommand", "DeleteDocumentsCommand", "RenameCommand"]
