"""Undo steps for housekeeping: rename and delete documents, cases and attributes — thin wrappers around the
edits in ``coding.edits.cases``, which hold things by uuid and keep what a deletion took (see there)."""

from __future__ import annotations

from collections.abc import Sequence

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.text import one_line


class RenameCommand(BenchCommand):
    """Rename a document, case or attribute (``entity``)."""

    def __init__(self, bench: Workbench, entity: str, uuid: str, old_name: str, new_name: str) -> None:
        super().__init__(bench, f"Rename {entity} '{one_line(old_name)}' to '{one_line(new_name.strip())}'",
                         edits.RenameEdit(entity, uuid, old_name, new_name))


class DeleteDocumentsCommand(BenchCommand):
    """Delete documents with everything on them; undo puts every row back."""

    def __init__(self, bench: Workbench, document_uuids: Sequence[str], names: Sequence[str]) -> None:
        what = f"document '{one_line(names[0])}'" if len(names) == 1 else f"{len(names)} documents"
        super().__init__(bench, f"Delete {what}", edits.DeleteDocumentsEdit(document_uuids))


class DeleteCaseOrAttributeCommand(BenchCommand):
    """Delete a case (its documents stay, detached) or an attribute (with its values); undo restores all."""

    def __init__(self, bench: Workbench, entity: str, uuid: str, name: str) -> None:
        super().__init__(bench, f"Delete {entity} '{one_line(name)}'", edits.DeleteCaseOrAttributeEdit(entity, uuid))


__all__ = ["DeleteCaseOrAttributeCommand", "DeleteDocumentsCommand", "RenameCommand"]
