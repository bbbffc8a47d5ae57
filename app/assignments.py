"""Assignments in the desktop app: who codes which document, each coder's status, and everyone's progress.

* The Documents panel's context menu gains **Assign to…** (tick coders), **Remove assignment** (per coder),
  **Mark as done** and **Mark as not done** (for you, the current coder) — each one undoable step;
* **Project › Mark as done** (Ctrl+Shift+D) and **Mark as not done** act on the documents selected in the
  Documents panel while it has the focus, otherwise on the open document;
* the panel shows your status per document (the Status column: assigned, in progress, done) and one line of
  every coder's progress ("Lin 12/55 done · Morgan 9/55 done"). Counts only: blind coding stays blind.

Statuses and progress are read with one grouped query each (``coding.team.assignments``) after a change that
can move them: an assignment, a document or coder change, or a coding edit that started or emptied one of
your documents — not on every coding edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.commands import AssignCommand, MarkDoneCommand, UnassignCommand
from coding.changes import Changes
from coding.coders import list_coders
from coding.readers import DocumentRow
from coding.team.assignments import DONE, document_statuses, progress
from models import Assignment, Coder

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench

ATTRIBUTE = "assignment_tools"
DONE_SHORTCUT = "Ctrl+Shift+D"
SMALL_SELECTION = 500
translate = QCoreApplication.translate  # the name lupdate extracts


def choose_coders(parent: QWidget | None, names: Sequence[str], document_count: int) -> list[str] | None:
    """Tick the coders who should code the documents; None when cancelled. (Tests replace this.)"""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("assignments", "Assign documents"))
    listing = QListWidget()
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        listing.addItem(item)
    listing.setMinimumSize(300, 180)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("assignments", "Assign"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(translate("assignments", "Who should code the %n selected document(s)?", None,
                                      document_count)))
    layout.addWidget(listing)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return [listing.item(i).text() for i in range(listing.count())
            if listing.item(i).checkState() == Qt.CheckState.Checked]


class AssignmentTools(QObject):
    """The actions, the menu items and the refresh of statuses and progress for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bench: Workbench | None = None
        self._coded: frozenset[int] = frozenset()  # your documents holding codings, at the last refresh
        self.done_action = self._action(translate("assignments", "Mark as &done"), partial(self.mark_done, True),
                                        DONE_SHORTCUT,
                                        translate("assignments", "Mark the selected or open document done (for you)"))
        self.not_done_action = self._action(
            translate("assignments", "Mark as &not done"), partial(self.mark_done, False), None,
            translate("assignments", "Take back 'done' for the selected or open document (for you)"))
        menu = window.project_menu
        menu.addSeparator()
        menu.addActions([self.done_action, self.not_done_action])
        window.documents_menu_built.connect(self.extend_documents_menu)
        window.project_opened.connect(self._opened)
        window.project_closed.connect(self._closed)
        self._set_enabled(window.bench is not None)
        if window.bench is not None:
            self._opened()

    def _action(self, text: str, slot: Callable[[], object], shortcut: str | None, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)  # the shortcut works with the menu bar hidden
        return action

    def _set_enabled(self, enabled: bool) -> None:
        for action in (self.done_action, self.not_done_action):
            action.setEnabled(enabled)

    # -- project life ------------------------------------------------------------------------------------------
    def _opened(self) -> None:
        self.bench = self.window.bench
        assert self.bench is not None
        self.bench.changes_applied.connect(self._on_changes)
        self._set_enabled(True)
        self.refresh()

    def _closed(self) -> None:
        self.bench = None  # its connections went with it
        self._coded = frozenset()
        self.window.documents_model.update_statuses({})
        self.window.documents_panel.show_progress([], "")
        self._set_enabled(False)

    def _on_changes(self, changes: Changes) -> None:
        # Runs after the window's own handler, so the document rows already hold the new coding counts.
        if changes.assignments or changes.documents or changes.coders or (changes.codings and self._coded_moved()):
            self.refresh()

    def _coded_now(self) -> frozenset[int]:
        return frozenset(row.id for row in self.window.documents_model.rows if row.my_codings)

    def _coded_moved(self) -> bool:
        """Whether a coding edit started or emptied one of your documents (only that moves "in progress")."""
        return self._coded_now() != self._coded

    def refresh(self) -> None:
        """Your status per document and everyone's progress: two grouped queries, whatever the project's size."""
        if self.bench is None:
            return
        with self.bench.project.session() as session:
            statuses = document_statuses(session, self.bench.coder_id)
            rows = progress(session)
        self.window.documents_model.update_statuses(statuses)
        self.window.documents_panel.show_progress(rows, self.bench.coder_name)
        self._coded = self._coded_now()

    # -- the Documents panel's menu ------------------------------------------------------------------------------
    def extend_documents_menu(self, menu: QMenu, rows: list[DocumentRow]) -> None:
        if self.bench is None or not rows:
            return
        uuids = [row.uuid for row in rows]
        menu.addSeparator()
        menu.addAction(translate("assignments", "Assign to…"), partial(self.assign, uuids))
        remove = menu.addMenu(translate("assignments", "Remove assignment"))
        holders = self._holders(rows)
        for name, held in holders.items():
            remove.addAction(name, partial(self.unassign, [name], held))
        remove.setEnabled(bool(holders))
        model = self.window.documents_model
        not_done = [row.uuid for row in rows if model.status_of(row.id) != DONE]
        done = [row.uuid for row in rows if model.status_of(row.id) == DONE]
        menu.addAction(translate("assignments", "Mark as done"), partial(self.mark_done, True, not_done)).setEnabled(bool(not_done))
        menu.addAction(translate("assignments", "Mark as not done"), partial(self.mark_done, False, done)).setEnabled(bool(done))

    def _holders(self, rows: list[DocumentRow]) -> dict[str, list[str]]:
        """Coder name -> the uuids of the given documents assigned to them (read in one query)."""
        assert self.bench is not None
        uuid_of = {row.id: row.uuid for row in rows}
        held: dict[str, list[str]] = {}
        query = select(Coder.name, Assignment.document_id).join(Coder, Coder.id == Assignment.coder_id)
        if len(uuid_of) <= SMALL_SELECTION:  # else read them all: one scan beats thousands of bound ids
            query = query.where(Assignment.document_id.in_(list(uuid_of)))
        with self.bench.project.session() as session:
            pairs = session.execute(query).all()
        for name, document_id in sorted(pairs, key=lambda pair: pair[0].casefold()):
            if document_id in uuid_of:
                held.setdefault(name, []).append(uuid_of[document_id])
        return held

    # -- edits (each one undo step) --------------------------------------------------------------------------
    def assign(self, document_uuids: list[str]) -> bool:
        if self.bench is None or not document_uuids:
            return False
        with self.bench.project.session() as session:
            people = [coder.name for coder in list_coders(session) if not coder.is_consensus]
        chosen = choose_coders(self.window, people, len(document_uuids))
        if not chosen:
            return False
        return self.bench.execute(AssignCommand(self.bench, chosen, document_uuids))

    def unassign(self, coder_names: list[str], document_uuids: list[str]) -> bool:
        if self.bench is None or not document_uuids:
            return False
        return self.bench.execute(UnassignCommand(self.bench, coder_names, document_uuids))

    def mark_done(self, done: bool, document_uuids: list[str] | None = None) -> bool:
        """Mark documents done (or not done) for you: the given ones, else the selected or open document."""
        if self.bench is None:
            return False
        if document_uuids is None:
            document_uuids = self._targets(done)
        if not document_uuids:
            message = (translate("assignments", "Nothing to change: already done for you") if done
                       else translate("assignments", "Nothing to change: already not done for you"))
            self.window.statusBar().showMessage(message, 4000)
            return False
        return self.bench.execute(MarkDoneCommand(self.bench, document_uuids, done=done))

    def _targets(self, done: bool) -> list[str]:
        """The documents selected in the panel while it has the focus, else the open one — those it would change."""
        panel, model = self.window.documents_panel, self.window.documents_model
        if panel.tree.hasFocus() and panel.selected_documents():
            rows = panel.selected_documents()
        else:
            rows = [row for row in model.rows if row.id == self.window.document_id]
        return [row.uuid for row in rows if (model.status_of(row.id) == DONE) != done]


def install(window: MainWindow) -> None:
    """Add assignments to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, AssignmentTools(window))


def tools_of(window: QWidget) -> AssignmentTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["AssignmentTools", "choose_coders", "install", "tools_of"]
