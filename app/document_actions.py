"""The Documents panel's context menu: add the selected documents to a group, take them out of one, or start
a new group with them; open a document's original file; feature packages add their own items through
``window.documents_menu_built``.

An object the window holds (``window.document_actions``); every edit is one undoable command.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.commands import GroupMembersCommand, NewGroupCommand
from coding.errors import ConcordError, NotFoundError
from coding.groups import list_groups
from coding.project import Project
from coding.i18n import QT_TRANSLATE_NOOP  # lupdate reads the name; typed str -> str, unlike PySide's
from models import Document

OPEN_ORIGINAL = QT_TRANSLATE_NOOP("DocumentActions", "Open original")  # shown through translate()
translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls

if TYPE_CHECKING:
    from app.main import MainWindow


class DocumentActions:
    """Document groups from the Documents panel."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel = window.documents_panel

    def show_menu(self, point: QPoint) -> None:
        menu = self.menu()
        if menu is not None:
            menu.exec(self.panel.tree.viewport().mapToGlobal(point))

    def menu(self) -> QMenu | None:
        """Add the selected documents to a group, take them out of one, or start a new group with them."""
        rows = self.panel.selected_documents()
        bench = self.window.bench
        if bench is None or not rows:
            return None
        with bench.project.session() as session:
            names = [group["name"] for group in list_groups(session)]
        menu = QMenu(self.window)
        add = menu.addMenu(translate("DocumentActions", "Add to group"))
        for name in names:
            action = add.addAction(name, partial(self.add_to_group, name, [row.uuid for row in rows]))
            action.setEnabled(any(name not in row.groups for row in rows))
        add.setEnabled(bool(names))
        remove = menu.addMenu(translate("DocumentActions", "Remove from group"))
        held = sorted({name for row in rows for name in row.groups}, key=str.casefold)
        for name in held:
            remove.addAction(name, partial(self.remove_from_group, name, [r.uuid for r in rows if name in r.groups]))
        remove.setEnabled(bool(held))
        menu.addSeparator()
        menu.addAction(translate("DocumentActions", "New group…"), partial(self.new_group, [row.uuid for row in rows]))
        menu.addSeparator()
        open_original = translate("DocumentActions", OPEN_ORIGINAL)
        menu.addAction(open_original, partial(self.open_original, rows[0].id)).setEnabled(len(rows) == 1)
        self.window.documents_menu_built.emit(menu, rows)
        return menu

    def open_original(self, document_id: int) -> bool:
        """Open the file the document was imported from in the program the system opens its kind with."""
        bench = self.window.bench
        if bench is None:
            return False
        try:
            url = original_url(bench.project, document_id)
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc), translate("DocumentActions", OPEN_ORIGINAL))
            return False
        return QDesktopServices.openUrl(url)

    def add_to_group(self, group_name: str, document_uuids: list[str]) -> bool:
        bench = self.window.bench
        assert bench is not None
        return bench.execute(GroupMembersCommand(bench, group_name, document_uuids, add=True))

    def remove_from_group(self, group_name: str, document_uuids: list[str]) -> bool:
        bench = self.window.bench
        assert bench is not None
        return bench.execute(GroupMembersCommand(bench, group_name, document_uuids, add=False))

    def new_group(self, document_uuids: list[str]) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        count = len(document_uuids)  # a plain name: lupdate skips a translate() whose count is an expression
        label = translate("DocumentActions", "Name of a new group for %n document(s):", None, count)
        name = dialogs.ask_text(self.window, translate("DocumentActions", "New document group"), label)
        if name is None:
            return False
        return bench.execute(NewGroupCommand(bench, name, document_uuids))


def original_url(project: Project, document_id: int) -> QUrl:
    """A temporary copy of the document's original file (coding.originals), as a URL to open."""
    from coding.originals import original_in_temp_folder  # reads the import package's sources: not at start

    with project.session() as session:
        document = session.get(Document, document_id)
        if document is None:
            raise NotFoundError(translate("DocumentActions", "the document was deleted meanwhile"))
        return QUrl.fromLocalFile(str(original_in_temp_folder(session, document)))


__all__ = ["DocumentActions", "original_url"]
