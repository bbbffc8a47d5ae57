"""Housekeeping in the desktop app: rename and delete documents, cases and attributes.

* The Documents panel's context menu gains **Rename document…** (one selected) and **Delete N document(s)…**;
  a deletion that takes codings, memos or consensus decisions with it first says how many and asks.
* The Cases and attributes window (app/cases_editor.py) has Rename/Delete buttons for the selected case and
  for an attribute; they call :func:`rename_case` … below.

Every one is an undo step (app/housekeeping_commands.py): undo puts back exactly what went.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu, QWidget

from app import dialogs
from app.housekeeping_commands import (
    DeleteCaseOrAttributeCommand,
    DeleteDocumentsCommand,
    RenameCommand,
    entity_noun,
)
from app.workbench import Workbench
from coding import cases, documents
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.readers import DocumentRow

if TYPE_CHECKING:
    from app.main import MainWindow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
ATTRIBUTE = "housekeeping_tools"
UNDO_HINT = QT_TRANSLATE_NOOP("housekeeping", "You can take it back with Edit › Undo (Ctrl+Z).")


def _ask_new_name(parent: QWidget | None, what: str, old: str) -> str | None:
    noun = entity_noun(what)
    name = dialogs.ask_text(parent, translate("housekeeping", "Rename {what}").format(what=noun),
                            translate("housekeeping", "New name of {what} '{old}':").format(what=noun, old=old), old)
    return None if name is None or name.strip() == old else name


def _undo_hint() -> str:
    return translate("housekeeping", UNDO_HINT)


def rename(bench: Workbench, parent: QWidget | None, entity: str, uuid: str, old: str) -> bool:
    new = _ask_new_name(parent, entity, old)
    return new is not None and bench.execute(RenameCommand(bench, entity, uuid, old, new))


def delete_documents(bench: Workbench, parent: QWidget | None, uuids: list[str], names: list[str]) -> bool:
    """Delete after asking, when the documents hold codings, memos or consensus decisions."""
    try:
        with bench.project.session() as session:
            impact = documents.document_deletion_impact(session, uuids)
    except ConcordError as exc:
        bench.report_error(str(exc))
        return False
    question = translate("housekeeping", "Delete {what}?").format(what=impact.describe())
    if impact.holds_work and not dialogs.confirm(
        parent, f"{question}\n\n{_undo_hint()}", translate("housekeeping", "Delete documents"),
        translate("housekeeping", "Delete")
    ):
        return False
    return bench.execute(DeleteDocumentsCommand(bench, uuids, names))


def delete_case_or_attribute(bench: Workbench, parent: QWidget | None, entity: str, name: str) -> bool:
    """Delete a case or an attribute after asking, naming the values (and documents) it takes with it."""
    preview = cases.case_deletion if entity == "case" else cases.attribute_deletion
    try:
        with bench.project.session() as session:
            deleted = preview(session, name)
    except ConcordError as exc:
        bench.report_error(str(exc))
        return False
    question = translate("housekeeping", "Delete {what}?").format(what=deleted.describe())
    if entity == "case" and deleted.documents:
        question += "\n\n" + translate("housekeeping", "Its documents stay in the project, without a case.")
    title = translate("housekeeping", "Delete {what}").format(what=entity_noun(entity))
    if not dialogs.confirm(parent, f"{question}\n\n{_undo_hint()}", title, translate("housekeeping", "Delete")):
        return False
    return bench.execute(DeleteCaseOrAttributeCommand(bench, entity, deleted.uuid, deleted.name))


class HousekeepingTools(QObject):
    """The Documents panel's Rename/Delete items for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.documents_menu_built.connect(self.extend_documents_menu)

    def extend_documents_menu(self, menu: QMenu, rows: list[DocumentRow]) -> None:
        bench = self.window.bench
        if bench is None or not rows:
            return
        menu.addSeparator()
        if len(rows) == 1:
            menu.addAction(translate("housekeeping", "Rename document…"),
                           partial(rename, bench, self.window, "document", rows[0].uuid, rows[0].name))
        if len(rows) == 1:
            label = translate("housekeeping", "Delete document…")
        else:
            count = len(rows)  # lupdate reads the count only as a plain name
            label = translate("housekeeping", "Delete %n documents…", None, count)
        menu.addAction(label, partial(delete_documents, bench, self.window, [r.uuid for r in rows],
                                      [r.name for r in rows]))


def install(window: MainWindow) -> None:
    """Add the housekeeping items to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, HousekeepingTools(window))


__all__ = ["HousekeepingTools", "delete_case_or_attribute", "delete_documents", "install", "rename"]
