"""Memos in the desktop app: a **Memos** dock listing every memo — on the project, the journal, documents, cases,
codes and codings — with a search box, a kind filter and an editor pane.

* **Memo…** on the Documents panel's menu (the document's memo, and its case's), on the Codebook's menu and in
  Project › Cases and attributes (the selected case) opens that thing's memo in the dock, or a new one;
* **Project › Project memo…**, **Project › Journal** and **Project › New journal entry** (Ctrl+J);
* a document or code with a memo says so in its tooltip (the memo's first words);
* text is written on a clear action — Save (Ctrl+S in the editor), choosing another memo, leaving the editor
  pane, closing the project — never per keystroke; each write is one undo step, and undo puts the previous
  text back (app/memo_commands.py).

In blind mode the dock shows only your own coding memos, as the other views show only your codings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QHelpEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.commands import BenchCommand, SetCodingMemoCommand
from app.memo_commands import AddMemoCommand, DeleteMemoCommand, EditMemoCommand, kind_noun
from app.code_labels import CodeLabels
from coding.changes import Changes
from coding.codebook import PATH_SEPARATOR, CodeNode
from coding.errors import ValidationError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.memos import CODING_KIND, CODING_TARGET_SEPARATOR, MemoRecord, MemoState, list_memos, search_memos
from models import Case

if TYPE_CHECKING:
    from app.cases_editor import CasesEditor
    from app.main import MainWindow
    from app.workbench import Workbench
    from coding.readers import DocumentRow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
ATTRIBUTE = "memo_tools"
JOURNAL_SHORTCUT = "Ctrl+J"
TARGET_WIDTH = 320  # pixels at most for the Target column; the title gets the rest
# English; shown through kind_label (context "memos")
KIND_LABELS = {"project": QT_TRANSLATE_NOOP("memos", "Project"), "journal": QT_TRANSLATE_NOOP("memos", "Journal"),
               "document": QT_TRANSLATE_NOOP("memos", "Document"), "case": QT_TRANSLATE_NOOP("memos", "Case"),
               "code": QT_TRANSLATE_NOOP("memos", "Code"), CODING_KIND: QT_TRANSLATE_NOOP("memos", "Coding")}
# What a change must touch for the list to be stale: memos, or the names and codings memos are shown with.
_RELEVANT = ("memos", "codings", "codes", "documents", "cases", "coders")

_Index = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()  # the table's (invalid) root


def kind_label(kind: str) -> str:
    """A memo kind's label ("Case") in the interface language."""
    return translate("memos", KIND_LABELS.get(kind, kind))


class MemoTableModel(QAbstractTableModel):
    """The memo list: one row per memo, read once per refresh (no SQL in ``data``)."""

    COLUMNS = (QT_TRANSLATE_NOOP("MemoTableModel", "Kind"), QT_TRANSLATE_NOOP("MemoTableModel", "Target"),
               QT_TRANSLATE_NOOP("MemoTableModel", "Title"), QT_TRANSLATE_NOOP("MemoTableModel", "Author"),
               QT_TRANSLATE_NOOP("MemoTableModel", "Updated"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MemoRecord] = []
        self.headers = [translate("MemoTableModel", column) for column in self.COLUMNS]
        self.labels = CodeLabels()  # the codebook's names for targets on codes (Chinese in a Chinese interface)

    def reload(self, rows: list[MemoRecord], labels: CodeLabels | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        if labels is not None:
            self.labels = labels
        self.endResetModel()

    def rowCount(self, parent: _Index = _TOP) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _TOP) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(record, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            text = record.text[:400] + ("…" if len(record.text) > 400 else "")
            shown = target_text(record, self.labels)
            english = f"\n{record.target_name}" if shown != record.shown_target else ""  # the stored name on hover
            return f"{shown}{english}\n\n{text}"
        return None

    def _cell(self, record: MemoRecord, column: int) -> str:
        if column == 0:
            return kind_label(record.kind)
        if column == 1:
            return short_target(record, self.labels)
        if column == 2:
            return record.title or " ".join(record.text.split())[:80]
        if column == 3:
            return record.author
        return record.updated_at.strftime("%Y-%m-%d %H:%M") if record.updated_at else ""

    def record(self, row: int) -> MemoRecord | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, uuid: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.uuid == uuid), -1)


def short_target(record: MemoRecord, labels: CodeLabels | None = None) -> str:
    """The distinguishing end of a code's path first (the top level is shared by the whole codebook): its last
    two levels for a code, its name then the document for a coding. The full path is in the tooltip. Codes are
    named as ``labels`` names them (the codebook's Chinese names in a Chinese interface)."""
    if record.kind not in ("code", CODING_KIND):
        return record.shown_target
    path, _, document = record.target_name.partition(CODING_TARGET_SEPARATOR)
    uuid = record.target_uuid if record.kind == "code" else None
    shown = (labels or CodeLabels()).path(path, uuid, "\0")  # NUL: never part of a name
    levels = shown.split("\0")
    if not document:
        return PATH_SEPARATOR.join(levels[-2:])
    return f"{levels[-1]}{CODING_TARGET_SEPARATOR}{document}"


def target_text(record: MemoRecord, labels: CodeLabels) -> str:
    """A memo's whole target as the interface shows it: a code's path by the codebook's shown names."""
    if record.kind not in ("code", CODING_KIND):
        return record.shown_target
    path, separator, document = record.target_name.partition(CODING_TARGET_SEPARATOR)
    uuid = record.target_uuid if record.kind == "code" else None
    return f"{labels.path(path, uuid)}{separator}{document}"


@dataclass(frozen=True)
class Draft:
    """A memo being written that is not in the project yet: saved as a new memo."""

    kind: str
    target_uuid: str | None
    target_name: str


class MemoPanel(QWidget):
    """Search, filter, list and edit memos; writes go through the workbench as undo steps."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench: Workbench | None = None
        self.current: MemoRecord | None = None
        self.draft: Draft | None = None
        self._loaded = MemoState("", "")
        self._editable = False
        self._restoring = False
        self.model = MemoTableModel(self)
        self._build()

    # -- building -----------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit(placeholderText=translate("MemoPanel", "Search memos (any words, 中文 too)"),
                                clearButtonEnabled=True)
        self.kind = QComboBox()
        self.kind.addItem(translate("MemoPanel", "All kinds"), None)
        for kind in KIND_LABELS:
            self.kind.addItem(kind_label(kind), kind)
        self.new_button = QToolButton()  # PySide6's stubs give QToolButton no property keywords (text=, toolTip=)
        self.new_button.setText(translate("MemoPanel", "New ▾"))
        self.new_button.setToolTip(translate("MemoPanel", "Write a project memo or a journal entry"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_menu = QMenu(self.new_button)
        self.new_button.setMenu(self.new_menu)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.editor = self._build_editor()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.editor)
        splitter.setSizes([260, 180])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(lambda _text: self.refresh())
        self.kind.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.show_nothing()

    def _build_editor(self) -> QWidget:
        pane = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("memoHeading")
        self.heading.setWordWrap(True)
        self.title = QLineEdit(placeholderText=translate("MemoPanel", "Title (optional)"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            translate("MemoPanel", "Write the memo here. It is saved with Save (Ctrl+S) or when you leave it."))
        self.save_button = QPushButton(translate("MemoPanel", "Save"))
        self.save_button.setToolTip(translate("MemoPanel", "Write the memo to the project (Ctrl+S); one undo step"))
        self.revert_button = QPushButton(translate("MemoPanel", "Revert"))
        self.revert_button.setToolTip(translate("MemoPanel", "Drop the changes not saved yet"))
        self.delete_button = QPushButton(translate("MemoPanel", "Delete"))
        self.delete_button.setToolTip(translate("MemoPanel", "Delete this memo (Ctrl+Z brings it back)"))
        self.save_button.clicked.connect(self.commit)
        self.revert_button.clicked.connect(self.revert_editor)
        self.delete_button.clicked.connect(self.delete_current)
        save = QShortcut(QKeySequence.StandardKey.Save, pane)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.commit)
        for field in (self.title, self.text):
            field.textChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.delete_button, self.revert_button, self.save_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        return pane

    # -- the list -----------------------------------------------------------------------------------------------
    def set_bench(self, bench: Workbench | None) -> None:
        self.bench = bench
        self.current, self.draft = None, None
        self.model.reload([])
        self.show_nothing()

    def refresh(self) -> None:
        """Read the list again (search and filter applied), keep the memo being edited selected."""
        if self.bench is None:
            return
        kind = self.kind.currentData()
        kinds = None if kind is None else [kind]
        query = self.search.text().strip()
        with self.bench.project.session() as session:
            coders = self.bench.visible_coder_ids()
            if query:
                records = search_memos(session, query, kinds, coding_coder_ids=coders)
            else:
                records = list_memos(session, kinds, coding_coder_ids=coders)
            labels = CodeLabels.load(session)
        self._restoring = True
        try:
            self.model.reload(records, labels)
            for column in (0, 1, 3, 4):
                self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(1, min(self.table.columnWidth(1), TARGET_WIDTH))
            if self.current is not None:
                row = self.model.row_of(self.current.uuid)
                if row >= 0:
                    self._show_row(row)
                    self._reload_current(self.model.rows[row])
                elif not query and kind in (None, self.current.kind) and not self.is_dirty():
                    self.show_nothing()  # gone from the project (deleted, undone): nothing left to edit
        finally:
            self._restoring = False

    def _reload_current(self, record: MemoRecord) -> None:
        """The memo being edited, as the project now holds it — unless the editor has changes not saved."""
        if self.is_dirty():
            self.current = record
            return
        self.load(record)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring:
            return
        record = self.model.record(current.row())
        if record is None or (self.current is not None and record.uuid == self.current.uuid):
            return
        if not self.commit():  # choosing another memo is leaving this one: write it, or stay when refused
            self._restoring = True
            try:
                if self.current is not None and self.model.row_of(self.current.uuid) >= 0:
                    self._show_row(self.model.row_of(self.current.uuid))
            finally:
                self._restoring = False
            return
        row = self.model.row_of(record.uuid)  # the commit may have re-read the list
        if row >= 0:
            self.load(self.model.rows[row])

    def _show_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def select(self, uuid: str) -> bool:
        row = self.model.row_of(uuid)
        if row < 0:
            return False
        self._show_row(row)
        if self.current is None or self.current.uuid != uuid:
            self.load(self.model.rows[row])
        return True

    # -- the editor ---------------------------------------------------------------------------------------------
    def show_nothing(self) -> None:
        self.current, self.draft = None, None
        hint = translate("MemoPanel", "Choose a memo in the list, or write one with New ▾, Memo… on a document, "
                                      "code or case, or {shortcut} for a journal entry.")
        self._fill(hint.format(shortcut=JOURNAL_SHORTCUT), MemoState("", ""), editable=False)

    def load(self, record: MemoRecord) -> None:
        self.current, self.draft = record, None
        when = record.created_at.strftime("%Y-%m-%d %H:%M") if record.created_at else ""
        by = translate("MemoPanel", " · by {author}").format(author=record.author) if record.author else ""
        if record.kind == "journal":
            heading = translate("MemoPanel", "<b>Journal</b> · {when}{by}").format(when=when, by=by)
        else:
            heading = f"<b>{kind_label(record.kind)}</b> · {target_text(record, self.model.labels)}{by}"
        editable = self._may_edit(record)
        if not editable:
            heading += translate("MemoPanel", " · <i>read only: another coder's coding memo</i>")
        self._fill(heading, record.state, editable=editable, titled=record.kind != CODING_KIND, shown=True)

    def _may_edit(self, record: MemoRecord) -> bool:
        """Memos on the project, documents, cases and codes are everyone's; a coding memo is its coder's."""
        return record.kind != CODING_KIND or (self.bench is not None and record.author == self.bench.coder_name)

    def start_draft(self, kind: str, target_uuid: str | None, target_name: str) -> None:
        """An empty editor for a new memo (saved as one when there is something in it)."""
        self.commit()
        self.table.clearSelection()
        self.current, self.draft = None, Draft(kind, target_uuid, target_name)
        if kind == "journal":
            heading = translate("MemoPanel", "<b>New journal entry</b>")
        else:
            heading = translate("MemoPanel", "<b>New {kind} memo</b> · {target}").format(
                kind=kind_noun(kind), target=target_name)
        self._fill(heading, MemoState("", ""), editable=True)
        self.text.setFocus()

    def _fill(self, heading: str, state: MemoState, *, editable: bool, titled: bool = True, shown: bool = False) -> None:
        self._loaded = state
        self.heading.setText(heading)
        for field in (self.title, self.text):
            field.blockSignals(True)
        self.title.setText(state.title)
        self.text.setPlainText(state.text)
        for field in (self.title, self.text):
            field.blockSignals(False)
        self._editable = editable
        self.title.setEnabled(editable and titled)
        self.text.setEnabled(editable or shown)  # a memo one may not edit can still be read and copied
        self.text.setReadOnly(not editable)
        self._update_buttons()

    def editor_state(self) -> MemoState:
        return MemoState(self.title.text(), self.text.toPlainText())

    def is_dirty(self) -> bool:
        return (self.current is not None or self.draft is not None) and self.editor_state() != self._loaded

    def _update_buttons(self) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.delete_button.setEnabled(self.current is not None and self._editable)

    def revert_editor(self) -> None:
        if self.current is not None:
            self.load(self.current)
        elif self.draft is not None:
            self._fill(self.heading.text(), MemoState("", ""), editable=True)

    # -- writes (each one undo step) -------------------------------------------------------------------------------
    def commit(self) -> bool:
        """Write the editor's changes, if any, as one undo step; False when the project refused them."""
        if self.bench is None or not self.is_dirty():
            return True
        after = self.editor_state()
        if self.draft is not None and not after.title.strip() and not after.text.strip():
            return True  # nothing written in a new memo: nothing to keep
        command = self._command_for(after)
        previous, self._loaded = self._loaded, after  # the refresh the command triggers sees a clean editor
        if not self.bench.execute(command):
            self._loaded = previous
            self._update_buttons()
            return False
        if isinstance(command, AddMemoCommand) and command.uuid is not None:
            self.draft = None
            self.refresh()
            if not self.select(command.uuid):  # filtered out of the list: keep editing it all the same
                self.current = MemoRecord(command.uuid, command.kind, command.target_uuid, "", "", after.title,
                                          after.text, None, None)
        self._update_buttons()
        self.committed.emit()
        return True

    def _command_for(self, after: MemoState) -> BenchCommand:
        assert self.bench is not None
        if self.draft is not None:
            return AddMemoCommand(self.bench, self.draft.kind, self.draft.target_uuid, self.draft.target_name, after)
        assert self.current is not None
        if self.current.kind == CODING_KIND:
            code_name = self.current.target_name.partition(CODING_TARGET_SEPARATOR)[0].rsplit(PATH_SEPARATOR, 1)[-1]
            return SetCodingMemoCommand(self.bench, self.current.uuid, after.text, code_name)
        name = self.current.title or self.current.target_name
        return EditMemoCommand(self.bench, self.current.uuid, self._loaded, after, name)

    def delete_current(self) -> bool:
        if self.bench is None or self.current is None or not self._may_edit(self.current):
            return False
        record = self.current
        if record.kind == CODING_KIND:
            code_name = record.target_name.partition(CODING_TARGET_SEPARATOR)[0].rsplit(PATH_SEPARATOR, 1)[-1]
            command: BenchCommand = SetCodingMemoCommand(self.bench, record.uuid, "", code_name)
        else:
            command = DeleteMemoCommand(self.bench, record.uuid, record.state, record.title or record.shown_target)
        self.current = None
        if not self.bench.execute(command):
            self.current = record
            return False
        self.show_nothing()
        return True

    def holds_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and (widget is self.editor or self.editor.isAncestorOf(widget))


class MemoHints(QObject):
    """Tooltips that say a document or code has a memo (and how it starts), over the panels' own tooltips.

    The memo list behind them is read once after a memo changes, when a tooltip is next asked for."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._hints: dict[str, str] | None = None
        for panel in (window.documents_panel, window.codebook_panel):
            panel.tree.viewport().installEventFilter(self)

    def forget(self) -> None:
        self._hints = None

    def hint_for(self, target_uuid: str) -> str:
        if self._hints is None:
            self._hints = self._read()
        return self._hints.get(target_uuid, "")

    def _read(self) -> dict[str, str]:
        bench = self.window.bench
        if bench is None:
            return {}
        with bench.project.session() as session:
            records = list_memos(session, ["document", "code"])
        grouped: dict[str, list[MemoRecord]] = {}
        for record in records:
            grouped.setdefault(record.target_uuid or "", []).append(record)
        return {uuid: self._describe(memos) for uuid, memos in grouped.items()}

    @staticmethod
    def _describe(memos: list[MemoRecord]) -> str:
        first = memos[0]
        opening = first.title or " ".join(first.text.split())
        opening = opening if len(opening) <= 80 else opening[:79] + "…"
        more = ""
        if len(memos) > 1:
            more = translate("MemoHints", " (+{count} more)").format(count=len(memos) - 1)
        return translate(
            "MemoHints", "✎ Memo: {opening}{more} — Memo… on the right-click menu opens it"
        ).format(opening=opening, more=more)

    def _target_at(self, viewport: QObject, position: QPoint) -> tuple[QModelIndex, str | None] | None:
        """The index under ``position`` on a panel's viewport and the uuid of its document or code (None when
        ``viewport`` is neither panel's)."""
        documents, codebook = self.window.documents_panel, self.window.codebook_panel
        row: DocumentRow | CodeNode | None
        if viewport is documents.tree.viewport():
            index = documents.tree.indexAt(position)
            if not index.isValid():
                return index, None
            row = documents.model.document(documents.proxy.mapToSource(index))
        elif viewport is codebook.tree.viewport():
            index = codebook.tree.indexAt(position)
            if not index.isValid():
                return index, None
            row = codebook.model.node(codebook.proxy.mapToSource(index))
        else:
            return None
        return index, row.uuid if row is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt calls it by this name
        if event.type() != QEvent.Type.ToolTip or self.window.bench is None:
            return False
        assert isinstance(event, QHelpEvent)
        target = self._target_at(watched, event.pos())
        if target is None:
            return False
        index, uuid = target
        hint = self.hint_for(uuid) if uuid else ""
        if not hint:
            return False
        base = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        widget = watched if isinstance(watched, QWidget) else None  # a viewport, which is a widget
        QToolTip.showText(event.globalPos(), f"{base}\n\n{hint}" if base else hint, widget)
        return True


class MemoTools(QObject):
    """The Memos dock, its actions and the menu items of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bench: Workbench | None = None
        self._stale = True
        self._hooked_editor: CasesEditor | None = None  # the Cases editor whose Memo… button opens memos here
        self.panel = MemoPanel()
        self.dock = QDockWidget(translate("MemoTools", "Memos"), window)
        self.dock.setObjectName("memosDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.segments_dock, self.dock)
        self.dock.hide()
        self.dock.visibilityChanged.connect(lambda visible: self.refresh() if visible and self._stale else None)
        self._build_actions()
        self.hints = MemoHints(window)
        window.documents_menu_built.connect(self.extend_documents_menu)
        window.codebook_menu_built.connect(self.extend_codebook_menu)
        window.cases_action.triggered.connect(lambda _checked=False: self.hook_cases_editor())
        window.project_opened.connect(self._opened)
        window.project_closing.connect(self._closing)
        window.project_closed.connect(self._closed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self._set_enabled(False)
        if window.bench is not None:
            self._opened()

    def _build_actions(self) -> None:
        window = self.window
        self.project_memo_action = self._action(
            translate("MemoTools", "Project &memo…"), self.project_memo, None,
            translate("MemoTools", "The memo on the whole project: aims, decisions, notes"))
        self.journal_action = self._action(
            translate("MemoTools", "&Journal"), self.show_journal, None,
            translate("MemoTools", "The project journal: dated entries, newest first"))
        self.journal_entry_action = self._action(
            translate("MemoTools", "New &journal entry"), self.new_journal_entry, JOURNAL_SHORTCUT,
            translate("MemoTools", "Write a dated entry in the project journal"))
        window.project_menu.addSeparator()
        window.project_menu.addActions([self.project_memo_action, self.journal_action, self.journal_entry_action])
        self.panel.new_menu.addAction(translate("MemoTools", "Project memo"), self.new_project_memo)
        journal_entry = translate("MemoTools", "Journal entry ({shortcut})").format(shortcut=JOURNAL_SHORTCUT)
        self.panel.new_menu.addAction(journal_entry,
                                      self.new_journal_entry)
        self.toggle_action = self.dock.toggleViewAction()
        self.toggle_action.setText(translate("MemoTools", "&Memos"))
        # the View menu itself, not found by its title: that is translated
        window.view_menu.insertAction(window.reset_layout_action, self.toggle_action)

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
        for action in (self.project_memo_action, self.journal_action, self.journal_entry_action, self.toggle_action):
            action.setEnabled(enabled)

    # -- project life ------------------------------------------------------------------------------------------
    def _opened(self) -> None:
        self.bench = self.window.bench
        assert self.bench is not None
        self.panel.set_bench(self.bench)
        self.bench.changes_applied.connect(self._on_changes)
        self._set_enabled(True)
        self._stale = True
        if self.dock.isVisible():
            self.refresh()

    def _closing(self) -> None:
        self.panel.commit()  # leaving the project is leaving the editor

    def _closed(self) -> None:
        self.hints.forget()
        self.bench = None
        self.panel.set_bench(None)
        self.dock.hide()
        self._set_enabled(False)

    def _on_changes(self, changes: Changes) -> None:
        if changes.memos or changes.documents or changes.codes:
            self.hints.forget()
        if any(getattr(changes, name) for name in _RELEVANT):
            self._stale = True
            if self.dock.isVisible():
                self.refresh()

    def refresh(self) -> None:
        if self.bench is None:
            return
        self._stale = False
        self.panel.refresh()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving the editor pane for another part of the window writes what was typed."""
        leaving = self.panel.holds_focus(old) and new is not None and not self.panel.holds_focus(new)
        if leaving and new is not None and new.window() is self.window:
            self.panel.commit()

    # -- opening memos -----------------------------------------------------------------------------------------
    def show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()
        if self._stale:
            self.refresh()

    def open_memo_on(self, kind: str, target_uuid: str | None, target_name: str) -> None:
        """Show the first memo on that target in the editor, or a new one to write."""
        if self.bench is None:
            return
        self.panel.commit()
        self.show_dock()
        if self.panel.search.text() or self.panel.kind.currentData() not in (None, kind):
            self.panel.search.blockSignals(True)
            self.panel.search.clear()
            self.panel.search.blockSignals(False)
            self.panel.kind.setCurrentIndex(0)  # refreshes
        existing = next((r for r in self.panel.model.rows if r.kind == kind and r.target_uuid == target_uuid), None)
        if existing is not None:
            self.panel.select(existing.uuid)
            self.panel.text.setFocus()
        else:
            self.panel.start_draft(kind, target_uuid, target_name)

    def project_memo(self) -> None:
        self.open_memo_on("project", None, kind_label("project"))

    def new_project_memo(self) -> None:
        self.show_dock()
        self.panel.start_draft("project", None, kind_label("project"))

    def show_journal(self) -> None:
        if self.bench is None:
            return
        self.panel.commit()
        self.show_dock()
        self.panel.kind.setCurrentIndex(self.panel.kind.findData("journal"))

    def new_journal_entry(self) -> None:
        if self.bench is None:
            return
        self.show_dock()
        self.panel.start_draft("journal", None, kind_label("journal"))

    # -- menus of the other panels ---------------------------------------------------------------------------------
    def extend_documents_menu(self, menu: QMenu, rows: list[DocumentRow]) -> None:
        if self.bench is None or len(rows) != 1:
            return
        row = rows[0]
        menu.addSeparator()
        menu.addAction(translate("MemoTools", "Memo…"), lambda: self.open_memo_on("document", row.uuid, row.name))
        if row.case_name:
            menu.addAction(translate("MemoTools", "Memo on case '{case}'…").format(case=row.case_name),
                           lambda: self.open_case_memo(row.case_name or ""))

    def extend_codebook_menu(self, menu: QMenu, node: CodeNode | None) -> None:
        if self.bench is None or node is None:
            return
        menu.addSeparator()
        menu.addAction(translate("MemoTools", "Memo…"), lambda: self.open_memo_on("code", node.uuid, node.path))

    def open_case_memo(self, case_name: str) -> None:
        if self.bench is None:
            return
        with self.bench.project.session() as session:
            case_uuid = session.scalar(select(Case.uuid).where(Case.name == case_name))
        if case_uuid is None:
            message = translate("MemoTools", "no case '{case}' in the project any more").format(case=case_name)
            self.bench.report_error(str(ValidationError(message)))
            return
        self.open_memo_on("case", case_uuid, case_name)

    def hook_cases_editor(self) -> None:
        """Connect the Cases editor's Memo… button (the editor is made when first shown)."""
        editor = self.window.cases_editor
        if editor is not None and editor is not self._hooked_editor:
            editor.memo_requested.connect(self.open_case_memo)
            self._hooked_editor = editor


def install(window: MainWindow) -> None:
    """Add memos to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, MemoTools(window))


def tools_of(window: QWidget) -> MemoTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["MemoHints", "MemoPanel", "MemoTableModel", "MemoTools", "install", "tools_of"]
