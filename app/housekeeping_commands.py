"""Undo steps for housekeeping: rename and delete documents, cases and attributes — thin wrappers around the
edits in ``coding.edits.cases``, which hold things by uuid and keep what a deletion took (see there)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.i18n import QT_TRANSLATE_NOOP
from coding.text import one_line

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
# What a rename or deletion acts on, as the undo step and the dialogs name it.
ENTITY_NOUNS = {
    "document": QT_TRANSLATE_NOOP("housekeeping", "document"),
    "case": QT_TRANSLATE_NOOP("housekeeping", "case"),
    "attribute": QT_TRANSLATE_NOOP("housekeeping", "attribute"),
}


def entity_noun(entity: str) -> str:
    """``entity`` ("document", "case", "attribute") in the interface language."""
    return translate("housekeeping", ENTITY_NOUNS.get(entity, entity))


class RenameCommand(BenchCommand):
    """Rename a document, case or attribute (``entity``)."""

    def __init__(self, bench: Workbench, entity: str, uuid: str, old_name: str, new_name: str) -> None:
        label = translate("housekeeping", "Rename {what} '{old}' to '{new}'").format(
            what=entity_noun(entity), old=one_line(old_name), new=one_line(new_name.strip()))
        super().__init__(bench, label, edits.RenameEdit(entity, uuid, old_name, new_name))


class DeleteDocumentsCommand(BenchCommand):
    """Delete documents with everything on them; undo puts every row back."""

    def __init__(self, bench: Workbench, document_uuids: Sequence[str], names: Sequence[str]) -> None:
        if len(names) == 1:
            label = translate("housekeeping", "Delete document '{name}'").format(name=one_line(names[0]))
        else:
            count = len(names)  # lupdate reads the count only as a plain name
            label = translate("housekeeping", "Delete %n documents", None, count)
        super().__init__(bench, label, edits.DeleteDocumentsEdit(document_uuids))


class DeleteCaseOrAttributeCommand(BenchCommand):
    """Delete a case (its documents stay, detached) or an attribute (with its values); undo restores all."""

    def __init__(self, bench: Workbench, entity: str, uuid: str, name: str) -> None:
        label = translate("housekeeping", "Delete {what} '{name}'").format(what=entity_noun(entity),
                                                                            name=one_line(name))
        super().__init__(bench, label, edits.DeleteCaseOrAttributeEdit(entity, uuid))


__all__ = ["ENTITY_NOUNS", "DeleteCaseOrAttributeCommand", "DeleteDocumentsCommand", "RenameCommand", "entity_noun"]
