"""Concord's main window (the coding workbench) and ``run_gui``, the desktop app's entry point.

The window owns no data: it reads rows through ``app.data`` into item models, and every edit is an
undoable command (``app.commands``) that runs ``coding/`` operations and announces a ``Changes``;
``_on_changes`` then reloads only the views the ``Changes`` concerns.
"""

from __future__ import annotations

import importlib
import logging
import sys
from functools import partial
from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from app import dialogs, workers
from app.cases_editor import CasesEditor
from app.codebook_actions import CodebookActions
from app.coding_actions import CodingActions
from app.commands import GroupMembersCommand, NewGroupCommand
from app.data import (
    EXCERPT_CHARS,
    CodeInfo,
    CodingView,
    SegmentRow,
    coder_names,
    coding_counts,
    document_counts,
    document_rows,
    load_codebook,
    load_codings,
    load_document,
    person_coder_count,
    segments_of_codes,
)
from app.import_dialog import ImportDialog
from app.itemmodels.codebook_model import CodebookModel
from app.itemmodels.documents_model import DocumentsModel
from app.itemmodels.segments_model import SegmentsModel
from app.palette import QuickCodePalette
from app.panels import CodebookPanel, DocumentsPanel, SegmentsPanel
from app.platform import display_problem
from app.settings import APPLICATION, ORGANISATION, AppSettings, make_settings
from app.start_page import StartPage
from app.style import apply_style, use_cjk_fallback
from app.transcript_view import TranscriptView
from app.workbench import Workbench
from coding import nlp
from coding.cases import attribute_infos
from coding.changes import Changes
from coding.codebook import CodeNode, descendant_ids
from coding.coders import consensus_names, get_or_create_coder, list_coders
from coding.errors import ConcordError, NotFoundError, ProjectInUseError, ReadOnlyLocationError
from coding.groups import list_groups
from coding.numbers import plural
from coding.project import Project, default_actor
from coding.team.copies import copy_coder_name
from models import Document


class MainWindow(CodingActions, CodebookActions, QMainWindow):
    """The coding workbench: start page, or four docks around one open project."""

    project_opened = Signal()
    project_closing = Signal()  # the workbench is still open: last chance to let go of it
    project_closed = Signal()
    documents_menu_built = Signal(object, object)  # (QMenu, selected DocumentRows): features add their items

    def __init__(
        self,
        project_path: str | Path | None = None,
        settings: QSettings | str | None = None,
        *,
        demo: bool = False,
        coder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = AppSettings(make_settings(settings))
        self.bench: Workbench | None = None
        self.project_path: Path | None = None
        self.document_id: int | None = None
        self.code_infos: dict[int, CodeInfo] = {}
        self.code_nodes: dict[int, CodeNode] = {}
        self.coders: dict[int, str] = {}
        self._code_shortcuts: list[QShortcut] = []
        self._tool_menus: dict[str, QMenu] = {}
        self._warming: dict[str, workers.FunctionTask] = {}  # spaCy pipelines being built for the open documents
        self._known_code_ids: set[int] = set()
        self._segment_rows: dict[CodingView, SegmentRow] = {}
        self._segment_rows_of: int | None = None
        self.quick_slots: dict[int, str] = {}
        self._state_restored = False
        self.palette_popup: QuickCodePalette | None = None
        self.import_dialog: ImportDialog | None = None
        self.cases_editor: CasesEditor | None = None
        self._demo_task: workers.FunctionTask | None = None
        self.setWindowTitle("Concord")
        use_cjk_fallback(QApplication.instance())  # type: ignore[arg-type]
        self._build_views()
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._build_read_only_bar()
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self._default_geometry()
        self._show_start_page()
        if project_path:
            self.open_project(project_path, demo=demo, coder=coder)

    # == building ======================================================================================
    def _build_views(self) -> None:
        self.documents_model = DocumentsModel(self)
        self.codebook_model = CodebookModel(self)
        self.segments_model = SegmentsModel(self)
        self.documents_panel = DocumentsPanel(self.documents_model)
        self.codebook_panel = CodebookPanel(self.codebook_model)
        self.segments_panel = SegmentsPanel(self.segments_model)
        self.transcript = TranscriptView()
        self.transcript.snap_mode = self.settings.snap_mode() if self.settings.snap_mode() != "none" else None
        self.start_page = StartPage()

        self.documents_panel.document_activated.connect(self.open_document)
        self.documents_panel.tree.customContextMenuRequested.connect(self._documents_menu)
        self.codebook_panel.apply_clicked.connect(self.apply_selected_code)
        self.codebook_panel.tree.doubleClicked.connect(lambda _index: self.apply_selected_code())
        self.codebook_panel.tree.customContextMenuRequested.connect(self._codebook_menu)
        self.codebook_panel.code_selected.connect(self._code_selected)
        self.codebook_model.move_requested.connect(self.move_code)
        self.codebook_model.apply_requested.connect(self._apply_dropped)
        self.codebook_model.rename_requested.connect(self.rename_code)
        self.segments_panel.segment_clicked.connect(self.jump_to_segment)
        self.segments_panel.scope_changed.connect(lambda _scope: self._reload_segments())
        self.segments_panel.table.customContextMenuRequested.connect(self._segments_menu)
        self.transcript.selection_changed.connect(self._selection_changed)
        self.transcript.context_menu_requested.connect(self._transcript_menu)
        self.start_page.new_requested.connect(self.new_project)
        self.start_page.open_requested.connect(self.open_project_dialog)
        self.start_page.demo_requested.connect(self.open_demo)
        self.start_page.recent_requested.connect(self.open_project)
        self.start_page.forget_requested.connect(self._forget_recent)

    def _default_geometry(self) -> None:
        """Most of the screen, centred: four panels need room."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        width = min(1600, int(available.width() * 0.94))
        height = min(1000, int(available.height() * 0.94))
        self.resize(width, height)
        self.move(available.x() + (available.width() - width) // 2, available.y() + (available.height() - height) // 2)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def _build_docks(self) -> None:
        self.setDockNestingEnabled(True)
        self.documents_dock = self._dock("Documents", "documentsDock", self.documents_panel)
        self.transcript_dock = self._dock("Transcript", "transcriptDock", self.transcript)
        self.codebook_dock = self._dock("Codebook", "codebookDock", self.codebook_panel)
        self.segments_dock = self._dock("Coded segments", "segmentsDock", self.segments_panel)
        self.docks = [self.documents_dock, self.transcript_dock, self.codebook_dock, self.segments_dock]
        self._segments_stale = False
        self.segments_dock.visibilityChanged.connect(
            lambda visible: self._reload_segments() if visible and self._segments_stale else None
        )
        self._default_dock_layout()

    def _default_dock_layout(self) -> None:
        area = Qt.DockWidgetArea.LeftDockWidgetArea
        for dock in self.docks:
            dock.setFloating(False)
        self.addDockWidget(area, self.documents_dock)
        self.splitDockWidget(self.documents_dock, self.transcript_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.transcript_dock, self.codebook_dock, Qt.Orientation.Horizontal)
        self.splitDockWidget(self.transcript_dock, self.segments_dock, Qt.Orientation.Vertical)
        self._default_dock_sizes()

    def _default_dock_sizes(self) -> None:
        self.resizeDocks(
            [self.documents_dock, self.transcript_dock, self.codebook_dock], [350, 760, 350], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.transcript_dock, self.segments_dock], [640, 230], Qt.Orientation.Vertical)

    def _action(
        self, text: str, slot, shortcut: str | QKeySequence.StandardKey | list | None = None,  # type: ignore[no-untyped-def]
        tip: str = "", checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(lambda checked=False: slot(checked) if checkable else slot())
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.new_action = a("&New project…", self.new_project, QKeySequence.StandardKey.New)
        self.open_action = a("&Open project…", self.open_project_dialog, QKeySequence.StandardKey.Open)
        self.demo_action = a("Open the &demo project", self.open_demo)
        self.import_action = a("&Import transcripts…", self.show_import_dialog, "Ctrl+Shift+I",
                               "Import .txt, .docx or .md transcripts")
        self.save_copy_action = a("Save a &copy…", self.save_copy, "Ctrl+Shift+S")
        self.close_action = a("&Close project", self.close_project, QKeySequence.StandardKey.Close)
        self.quit_action = a("&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.undo_action = a("&Undo", self.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = a("&Redo", self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.quick_code_action = a("&Quick code…", self.open_quick_code, "Ctrl+K",
                                   "Find a code by typing and apply it to the selection")
        self.apply_action = a("&Apply selected code", self.apply_selected_code, "Ctrl+Return")
        self.in_vivo_action = a("Code in &vivo…", self.code_in_vivo, "Ctrl+I",
                                "Make a new code named from the selected words and apply it")
        self.remove_coding_action = a("&Remove coding", self.remove_coding_here, "Ctrl+Backspace")
        self.resize_action = a("Re&size coding to selection", self.resize_coding_to_selection, "Ctrl+R")
        self.memo_action = a("&Memo on coding…", self.memo_here, "Ctrl+M")
        self.snap_group = QActionGroup(self)
        self.snap_actions: dict[str, QAction] = {}
        for mode, label in (("none", "Exactly as selected"), ("word", "Snap to whole words"),
                            ("sentence", "Snap to whole sentences")):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(partial(self.set_snap_mode, mode))
            self.snap_group.addAction(action)
            self.snap_actions[mode] = action
        self.snap_actions[self.settings.snap_mode()].setChecked(True)

        self.zoom_in_action = a("Zoom &in", lambda: self.zoom(1), ["Ctrl++", "Ctrl+="])
        self.zoom_out_action = a("Zoom &out", lambda: self.zoom(-1), ["Ctrl+-"])
        self.zoom_reset_action = a("&Actual size", lambda: self.zoom(None), "Ctrl+0")
        self.blind_action = a("Show only &my codings (blind)", self.set_blind, "Ctrl+B",
                              "Hide the other coders' codings while you code", checkable=True)
        self.reset_layout_action = a("Reset &layout", self._reset_layout)

        self.add_code_action = a("&Add code…", lambda: self.add_code(top_level=True), "Ctrl+Shift+N")
        self.add_subcode_action = a("Add &subcode…", lambda: self.add_code(top_level=False), "Ctrl+Alt+N")
        self.rename_code_action = a("Re&name…", self.rename_current_code)
        self.definition_action = a("Edit &definition…", self.edit_definition)
        self.colour_action = a("&Colour…", self.recolour_code)
        self.shortcut_action = a("Short&cut…", self.set_code_shortcut)
        self.merge_action = a("&Merge into…", self.merge_current_code)
        self.delete_code_action = a("&Delete code", self.delete_current_code)
        self.codable_action = a("Category only (not applied to text)", self.toggle_codable, checkable=True)

        self.cases_action = a("&Cases and attributes…", self.show_cases_editor, "Ctrl+Shift+C")
        self.switch_coder_action = a("S&witch coder…", self.switch_coder)
        self.shortcuts_help_action = a("&Keyboard shortcuts", self.show_shortcuts)
        self.about_action = a("&About Concord", self.show_about)

        # Quick slots: plain digits while the transcript has focus, Alt+digit anywhere in the window.
        self.slot_shortcuts: list[QShortcut] = []
        for slot in range(1, 10):
            digit = QShortcut(QKeySequence(str(slot)), self.transcript.edit)
            digit.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            digit.activated.connect(partial(self.apply_slot, slot))
            alt = QShortcut(QKeySequence(f"Alt+{slot}"), self)
            alt.activated.connect(partial(self.apply_slot, slot))
            self.slot_shortcuts += [digit, alt]
        delete_code = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.codebook_panel.tree)
        delete_code.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_code.activated.connect(self.delete_current_code)
        delete_segments = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.segments_panel.table)
        delete_segments.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_segments.activated.connect(self.remove_selected_segments)
        self.project_actions = [
            self.import_action, self.save_copy_action, self.close_action, self.undo_action, self.redo_action,
            self.quick_code_action, self.apply_action, self.in_vivo_action, self.remove_coding_action,
            self.resize_action, self.memo_action, self.blind_action, self.add_code_action, self.add_subcode_action,
            self.rename_code_action, self.definition_action, self.colour_action, self.shortcut_action,
            self.merge_action, self.delete_code_action, self.codable_action, self.cases_action,
            self.switch_coder_action, self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action,
        ]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_action, self.open_action, self.demo_action])
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.save_copy_action, self.close_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.quick_code_action, self.apply_action, self.in_vivo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.remove_coding_action, self.resize_action, self.memo_action])
        edit_menu.addSeparator()
        snap_menu = edit_menu.addMenu("Selection &snapping")
        snap_menu.addActions(list(self.snap_actions.values()))

        view_menu = bar.addMenu("&View")
        for dock in self.docks:
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.reset_layout_action)
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        view_menu.addAction(self.blind_action)

        self.codebook_menu = bar.addMenu("&Codebook")
        self._fill_code_menu(self.codebook_menu)

        project_menu = self.project_menu = bar.addMenu("&Project")
        project_menu.addActions([self.cases_action, self.switch_coder_action])

        self.tools_menu = bar.addMenu("&Tools")
        self.analysis_menu = bar.addMenu("&Analysis")
        self._tool_menus = {"Tools": self.tools_menu, "Analysis": self.analysis_menu}
        for menu in (self.tools_menu, self.analysis_menu):
            menu.menuAction().setVisible(False)  # shown once a feature adds an action
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addActions([self.shortcuts_help_action, self.about_action])

    def _fill_code_menu(self, menu: QMenu) -> None:
        menu.addActions([self.add_code_action, self.add_subcode_action])
        menu.addSeparator()
        menu.addActions([self.rename_code_action, self.definition_action, self.colour_action, self.shortcut_action])
        slot_menu = menu.addMenu("Quick &slot")
        for slot in range(1, 10):
            slot_menu.addAction(f"Slot {slot}  (key {slot} / Alt+{slot})", partial(self.assign_slot, slot))
        slot_menu.addSeparator()
        slot_menu.addAction("No slot", partial(self.assign_slot, None))
        menu.addAction(self.codable_action)
        menu.addSeparator()
        menu.addActions([self.merge_action, self.delete_code_action])

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.coder_label = QLabel()
        self.blind_label = QLabel("Blind: only your codings")
        self.blind_label.setObjectName("blindBadge")
        self.selection_label = QLabel()
        status.addPermanentWidget(self.selection_label)
        status.addPermanentWidget(self.blind_label)
        status.addPermanentWidget(self.coder_label)

    def _build_read_only_bar(self) -> None:
        """A bar across the top while the project is open read-only, saying who holds it."""
        self.read_only_bar = QToolBar("Read-only", self)
        self.read_only_bar.setObjectName("readOnlyBar")
        self.read_only_bar.setMovable(False)
        self.read_only_bar.setFloatable(False)
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyNotice")
        self.read_only_label.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px 10px; }")
        self.read_only_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.read_only_bar.addWidget(self.read_only_label)
        self.read_only_bar.toggleViewAction().setVisible(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.read_only_bar)
        self.read_only_bar.hide()

    def add_tool_action(self, menu_name: str, action: QAction) -> QMenu:
        """Let another feature (agreement, analysis …) put an action in a top-level menu, made on first use."""
        menu = self._tool_menus.get(menu_name)
        if menu is None:
            menu = QMenu(menu_name, self)
            self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
            self._tool_menus[menu_name] = menu
        menu.addAction(action)
        menu.menuAction().setVisible(True)
        return menu

    def tool_menu(self, menu_name: str) -> QMenu | None:
        return self._tool_menus.get(menu_name)

    # == start page and projects =========================================================================
    def _show_start_page(self) -> None:
        for dock in self.docks:
            dock.hide()
        self.start_page.set_recent(self.settings.recent_projects())
        if self.centralWidget() is not self.start_page:
            self.setCentralWidget(self.start_page)
        self.start_page.show()
        for action in self.project_actions:
            action.setEnabled(False)
        self.coder_label.setText("No project open")
        self.blind_label.hide()
        self.selection_label.clear()
        self.setWindowTitle("Concord")

    def _show_workbench(self) -> None:
        if self.centralWidget() is self.start_page:
            self.takeCentralWidget()  # the docks share the whole window
            self.start_page.hide()
            self.start_page.setParent(self)
        for dock in self.docks:
            dock.show()
        if not self._state_restored:
            self._state_restored = True
            state = self.settings.window_state()
            if state is not None:
                self.restoreState(state)
            else:  # sizes given while the docks were hidden do not stick: give them again once shown
                QTimer.singleShot(0, self._default_dock_sizes)
        for action in self.project_actions:
            action.setEnabled(True)

    def open_project(self, path: str | Path, *, demo: bool = False, coder: str | None = None) -> bool:
        """Open a project file, ask (once) who is coding, and show the workbench."""
        path = Path(path).expanduser()
        if self.bench is not None:
            self.close_project()
        project = self._open_project_file(path)
        if project is None:
            return False
        chosen = self._choose_coder(project, path, demo=demo, explicit=coder)
        if chosen is None:
            project.close()
            return False
        coder_id, coder_name = chosen
        self.project_path = path
        self.bench = Workbench(project, coder_id, coder_name)
        self.bench.dialog_parent = self
        self.bench.snap_mode = self.settings.snap_mode()
        self.bench.changes_applied.connect(self._on_changes)
        self.bench.coder_changed.connect(self._coder_changed)
        self.bench.undo_stack.indexChanged.connect(self._update_undo_actions)
        self.bench.undo_stack.cleanChanged.connect(self._update_undo_actions)
        project.announce_coder(coder_name)
        self.settings.add_recent(path)
        self.settings.set_coder_for(path, coder_name)
        with project.session() as session:
            coders_now = person_coder_count(session)
        remembered = self.settings.blind_for(path)
        self.bench.blind = remembered if remembered is not None else coders_now >= 2
        self.blind_action.setChecked(self.bench.blind)
        self._load_quick_slots(self.settings.quick_slots_for(path))  # keys live in the project now
        self._show_workbench()
        self._load_everything()
        self._open_first_document()
        self.transcript.zoom(self.settings.zoom() - self.transcript.zoom_steps)
        self._update_undo_actions()
        self._coder_changed()
        self.transcript.edit.setFocus()
        self._show_read_only_bar(project)
        self.project_opened.emit()
        self._tell_what_happened_on_open(project)
        return True

    def _open_project_file(self, path: Path) -> Project | None:
        """Open for writing; when another process writes to it (or it cannot be written there), offer read-only."""
        try:
            return Project.open(path)
        except (ProjectInUseError, ReadOnlyLocationError) as exc:
            question = f"{exc}.\n\nOpen it read-only? You can read, search and export, but not change it."
            if not dialogs.confirm(self, question, title="Project in use", ok_text="Open read-only"):
                return None
            try:
                return Project.open(path, read_only=True)
            except ConcordError as again:
                dialogs.show_error(self, str(again))
                return None
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return None

    def _show_read_only_bar(self, project: Project) -> None:
        if not project.read_only:
            self.read_only_bar.hide()
            return
        who = f"in use by {project.holder.describe()}" if project.holder else "the file cannot be written here"
        self.read_only_label.setText(f"<b>Read-only</b> — {who}. Changes cannot be saved; close it there to edit.")
        self.read_only_bar.show()

    def _tell_what_happened_on_open(self, project: Project) -> None:
        notes = []
        if project.upgraded_from:
            notes.append(
                f"This project was made by an older Concord (schema {project.upgraded_from}) and has been upgraded. "
                f"A copy of it as it was is saved at:\n{project.backup_path}"
            )
        if project.cleared_stale:
            notes.append(
                f"The project was still marked as in use by {project.cleared_stale.describe()}, but that program is "
                "no longer running (it probably crashed). The stale lock was cleared; every saved edit is kept."
            )
        if notes:
            dialogs.show_info(self, "\n\n".join(notes))

    def _choose_coder(
        self, project: Project, path: Path, *, demo: bool, explicit: str | None
    ) -> tuple[int, str] | None:
        with project.session() as session:
            people = [c.name for c in list_coders(session) if not c.is_consensus]
            consensus = consensus_names(session)
            owner = copy_coder_name(session)  # a coder copy opens as its coder
        name = explicit or owner or self.settings.coder_for(path)
        if name is not None and not explicit and name.casefold() in {n.casefold() for n in consensus}:
            dialogs.show_error(self, dialogs.consensus_refusal(name))  # remembered from before it was refused
            name = None
        if name is None and demo and people:
            name = people[0]
        if name is None:
            name = dialogs.choose_person(self, people, default_actor(), consensus)
            if name is None:
                return None
        try:
            with project.session() as session:
                if project.read_only:  # nobody can be added: read as one of the coders already there
                    return _existing_coder(session, name)
                coder = get_or_create_coder(session, name, actor=name)
                return coder.id, coder.name
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return None

    def close_project(self) -> None:
        if self.bench is None:
            return
        self.project_closing.emit()
        if self.import_dialog is not None and self.import_dialog.is_running():
            task = self.import_dialog.task
            self.import_dialog.cancel()
            if task is not None:
                task.done.wait(60)  # the worker stops after its current file
        self._save_layout()
        for window in (self.import_dialog, self.cases_editor, self.palette_popup):
            if window is not None:
                window.close()
                window.deleteLater()
        self.import_dialog = self.cases_editor = self.palette_popup = None
        self.bench.changes_applied.disconnect(self._on_changes)
        self.bench.undo_stack.indexChanged.disconnect(self._update_undo_actions)
        self.bench.undo_stack.cleanChanged.disconnect(self._update_undo_actions)
        self.bench.close()
        self.bench.deleteLater()
        self.bench = None
        self.read_only_bar.hide()
        self.project_path = None
        self.document_id = None
        self.code_infos, self.code_nodes, self._known_code_ids = {}, {}, set()
        self.transcript.clear()
        self.documents_model.reload([], [])
        self.codebook_model.reload([], {}, {}, {})
        self.segments_model.reload([], {}, {})
        self._rebuild_code_shortcuts({})
        self._show_start_page()
        self.project_closed.emit()

    def new_project(self) -> None:
        target = dialogs.new_project_file(self, self.settings.last_folder())
        if not target:
            return
        try:
            created = Project.create(target)
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return
        path = created.path
        created.close()
        if path is not None:
            self.settings.set_last_folder(path.parent)
            self.open_project(path)

    def open_project_dialog(self) -> None:
        target = dialogs.open_project_file(self, self.settings.last_folder())
        if target:
            self.settings.set_last_folder(Path(target).parent)
            self.open_project(target)

    def open_demo(self) -> None:
        """Open the demo project, building it in the user data folder the first time."""
        try:
            from coding.demo import build_demo, default_demo_path
        except ImportError:
            dialogs.show_error(self, "The demo project is not part of this installation.")
            return
        path = default_demo_path()
        if path.exists():
            self.open_project(path, demo=True)
            return
        progress = QProgressDialog("Building the demo project (importing and coding 8 interviews)…", "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowTitle("Concord demo")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()
        task = workers.FunctionTask(lambda: build_demo(path))
        self._demo_task = task

        def finished(built: object) -> None:
            progress.close()
            self._demo_task = None
            self.open_project(Path(str(built)), demo=True)

        def failed(message: str) -> None:
            progress.close()
            self._demo_task = None
            dialogs.show_error(self, f"The demo project could not be built: {message}")

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        workers.start(task)

    def save_copy(self) -> None:
        if self.bench is None:
            return
        target = dialogs.save_copy_file(self, self.settings.last_folder())
        if not target:
            return
        if not target.endswith(".concord"):
            target += ".concord"
        try:
            copied = self.bench.project.save_copy(target)
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return
        dialogs.show_info(self, f"Saved a copy of the project as {copied}. You keep working in the original.")

    def _forget_recent(self, path: str) -> None:
        self.settings.remove_recent(path)
        self.start_page.set_recent(self.settings.recent_projects())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name, partial(self.open_project, path))
            action.setToolTip(path)
            action.setEnabled(Path(path).exists())
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    # == loading views =================================================================================
    def _load_everything(self) -> None:
        assert self.bench is not None
        with self.bench.project.session():
            self._reload_coders()
            self._reload_codebook(full=True)
            self._reload_documents(full=True)
            self._reload_segments()

    def _open_first_document(self) -> None:
        assert self.bench is not None and self.project_path is not None
        remembered = self.settings.last_document_for(self.project_path)
        rows = self.documents_model.rows
        chosen = next((r for r in rows if r.uuid == remembered), rows[0] if rows else None)
        if chosen is not None:
            self.open_document(chosen.id)
        else:
            self.transcript.clear()
            self.transcript.placeholder.setText(
                "This project has no documents yet. Import transcripts with File › Import transcripts… (Ctrl+Shift+I)."
            )

    def _on_changes(self, changes: Changes) -> None:
        """Reload what the change concerns, in one read session."""
        if self.bench is None:
            return
        with self.bench.project.session():
            known = self.coders
            if changes.coders or changes.codings:  # new codings may bring a new coder (the consensus coder)
                self._reload_coders()
            coders_changed = changes.coders or self.coders != known
            if changes.codes:
                self._reload_codebook(full=True)
            elif changes.codings:
                self._reload_codebook(full=False)
            structure = changes.documents or changes.cases or changes.attributes or changes.groups
            if structure:
                self._reload_documents(full=True)
            elif changes.codings:
                self._reload_documents(full=False)
            if self.document_id is not None and not self._document_exists(self.document_id):
                self.document_id = None
                self.transcript.clear()
            elif self.document_id is not None and (changes.cases or self.transcript.document is None):
                self.open_document(self.document_id)
            elif changes.codings or changes.codes or coders_changed:
                self._reload_transcript_codings(with_codes=changes.codes or coders_changed)
            if changes.codings or changes.codes or changes.documents or coders_changed:
                self._reload_segments()
        if not self.documents_model.rows or self.document_id is None and changes.documents:
            self._open_first_document()
        self._update_status()

    def _document_exists(self, document_id: int) -> bool:
        assert self.bench is not None
        with self.bench.project.session() as session:
            return session.get(Document, document_id) is not None

    def _reload_coders(self) -> None:
        assert self.bench is not None
        with self.bench.project.session() as session:
            self.coders = coder_names(session)

    def _reload_codebook(self, full: bool) -> None:
        assert self.bench is not None
        with self.bench.project.session() as session:
            mine = coding_counts(session, self.bench.coder_id)
            everyone = coding_counts(session)
            if not full:
                self.codebook_model.update_counts(mine, everyone)
                return
            roots, infos = load_codebook(session)
        tree = self.codebook_panel.tree
        proxy = self.codebook_panel.proxy
        first_load = not self.code_infos
        expanded = {
            code_id for code_id in self.code_infos
            if tree.isExpanded(proxy.mapFromSource(self.codebook_model.index_of_code(code_id)))
        }
        current = self.codebook_panel.current_node()
        self.code_infos = infos
        self.code_nodes = {}
        stack = list(roots)
        while stack:
            node = stack.pop()
            self.code_nodes[node.id] = node
            stack.extend(node.children)
        self.codebook_model.reload(roots, infos, mine, everyone)
        self._reload_quick_slots()
        if first_load:
            tree.expandAll()
            if roots and current is None:
                current = roots[0]  # show a definition from the start: the codebook explains itself
        else:
            for code_id in infos:
                index = proxy.mapFromSource(self.codebook_model.index_of_code(code_id))
                # New codes open; codes that were open stay open.
                tree.setExpanded(index, code_id in expanded or code_id not in self._known_code_ids)
        self._known_code_ids = set(infos)
        if current is not None and current.id in infos:
            self.codebook_panel.select_code(current.id)
        else:
            self.codebook_panel.show_definition(None)
        self._rebuild_code_shortcuts(infos)
        self.codebook_panel.tree.setColumnHidden(CodebookModel.ALL, self.bench.blind)

    def _reload_documents(self, full: bool) -> None:
        assert self.bench is not None
        with self.bench.project.session() as session:
            if not full:
                self.documents_model.update_counts(*document_counts(session, self.bench.coder_id))
                return
            rows = document_rows(session, self.bench.coder_id)
            attributes = [a.name for a in attribute_infos(session)]
        self.documents_model.reload(rows, attributes)
        self.documents_panel.after_reload()
        self.documents_panel.mark_current(self.document_id)

    def _reload_transcript_codings(self, with_codes: bool) -> None:
        if self.bench is None or self.document_id is None:
            return
        with self.bench.project.session() as session:
            codings = load_codings(session, self.document_id, self.bench.visible_coder_ids())
        self.transcript.update_codings(
            codings, self.code_infos if with_codes else None, self.coders if with_codes else None
        )

    def _reload_segments(self) -> None:
        if self.bench is None:
            return
        if not self.segments_dock.isVisible():
            self._segments_stale = True  # reloaded when the panel is shown again
            return
        self._segments_stale = False
        scope = self.segments_panel.current_scope()
        shown = self.transcript.document
        if scope == "document":
            rows = self._segments_of_open_document() if shown is not None and shown.id == self.document_id else []
            label = f"{plural(len(rows), 'coded passage')} in this document"
        else:
            node = self.codebook_panel.current_node()
            if node is None:
                rows, label = [], "Select a code in the Codebook"
            else:
                with self.bench.project.session() as session:
                    ids = [node.id]
                    if scope == "subtree":
                        ids += sorted(descendant_ids(session, node.id))
                    known = {shown.id: shown.text} if shown is not None else {}
                    rows = segments_of_codes(session, ids, self.bench.visible_coder_ids(), known)
                label = f"{plural(len(rows), 'passage')} coded '{node.name}'"
        self.segments_model.update(rows, self.code_infos, self.coders)
        self.segments_panel.after_reload(label)

    def _segments_of_open_document(self) -> list[SegmentRow]:
        """The open document's passages, from the codings and text the transcript already holds.

        Rows are kept per coding between edits, so an edit builds only the rows it changed.
        """
        document = self.transcript.document
        assert document is not None
        if self._segment_rows_of != document.id:
            self._segment_rows.clear()
            self._segment_rows_of = document.id
        text, cache = document.text, self._segment_rows
        rows = []
        for coding in self.transcript.codings:
            row = cache.get(coding)
            if row is None:
                row = cache[coding] = SegmentRow(
                    coding.uuid, document.id, document.name, coding.code_id, coding.coder_id, coding.start,
                    coding.end, text[coding.start:min(coding.end, coding.start + EXCERPT_CHARS)], coding.memo,
                )
            rows.append(row)
        if len(cache) > 2 * len(rows) + 100:  # forget rows of codings that are gone
            keep = set(self.transcript.codings)
            self._segment_rows = {c: r for c, r in cache.items() if c in keep}
        return rows

    # == documents and selection ========================================================================
    def open_document(self, document_id: int) -> None:
        if self.bench is None:
            return
        with self.bench.project.session() as session:
            document = load_document(session, document_id)
            codings = load_codings(session, document_id, self.bench.visible_coder_ids())
        self.transcript.show_document(document, codings, self.code_infos, self.coders)
        self._warm_pipeline(document.language)
        changed = self.document_id != document_id
        self.document_id = document_id
        self.documents_panel.mark_current(document_id)
        if self.project_path is not None:
            self.settings.set_last_document_for(self.project_path, document.uuid)
        if changed and self.segments_panel.current_scope() == "document":
            self._reload_segments()
        self._update_status()

    def _warm_pipeline(self, language: str) -> None:
        """Build the document's spaCy pipeline in a pool thread, so the first selection does not wait for it."""
        if language not in nlp.LANGUAGES or nlp.is_built(language) or language in self._warming:
            return
        task = workers.FunctionTask(partial(nlp.get_pipeline, language))
        self._warming[language] = task  # kept alive until it has run
        workers.start(task)

    def _selection_changed(self) -> None:
        span = self.transcript.selection()
        if span is None:
            self.selection_label.clear()
            return
        document = self.transcript.document
        language = document.language if document is not None else "en"
        # Count as the import counts a document's words (jieba words for Chinese); the tokenizer is enough.
        words = nlp.count_words(nlp.get_pipeline(language).make_doc(self.transcript.selected_text()))
        self.selection_label.setText(f"Selected {plural(words, 'word')} ({span[0]}–{span[1]})")

    def jump_to_segment(self, segment) -> None:  # type: ignore[no-untyped-def]
        if segment.document_id != self.document_id:
            self.open_document(segment.document_id)
        self.transcript.select(segment.start, segment.end)
        self.transcript.edit.setFocus()

    def _code_selected(self, node: CodeNode | None) -> None:
        if node is not None:
            self.codable_action.setChecked(not node.is_codable)
        if self.segments_panel.current_scope() != "document":
            self._reload_segments()

    # == undo, view, coder ==============================================================================
    def undo(self) -> None:
        if self.bench is not None:
            self.bench.undo_stack.undo()

    def redo(self) -> None:
        if self.bench is not None:
            self.bench.undo_stack.redo()

    def _update_undo_actions(self, *_signal_args: object) -> None:
        stack = self.bench.undo_stack if self.bench else None
        if stack is not None and not shiboken6.isValid(stack):
            return
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.undo_action.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
        self.redo_action.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")

    def set_snap_mode(self, mode: str) -> None:
        self.settings.set_snap_mode(mode)
        self.transcript.snap_mode = None if mode == "none" else mode
        if self.bench is not None:
            self.bench.snap_mode = mode
        self.snap_actions[mode].setChecked(True)
        self._update_status()

    def zoom(self, steps: int | None) -> None:
        if steps is None:
            self.transcript.reset_zoom()
        else:
            self.transcript.zoom(steps)
        self.settings.set_zoom(self.transcript.zoom_steps)

    def set_blind(self, blind: bool) -> None:
        if self.bench is None:
            return
        self.blind_action.setChecked(blind)
        if self.project_path is not None:
            self.settings.set_blind_for(self.project_path, blind)
        self.codebook_panel.tree.setColumnHidden(CodebookModel.ALL, blind)
        self.bench.set_blind(blind)
        self._update_status()

    def switch_coder(self, name: str | None = None) -> bool:
        """Code as someone else (asks first: it also clears the undo history)."""
        if self.bench is None or self.project_path is None:
            return False
        if not dialogs.confirm(
            self, f"You are coding as {self.bench.coder_name}. Switch to another coder? Your undo history is "
            "cleared; your codings stay saved.", ok_text="Switch coder",
        ):
            return False
        if name is None:
            with self.bench.project.session() as session:
                people = [c.name for c in list_coders(session) if not c.is_consensus]
                consensus = consensus_names(session)
            name = dialogs.choose_person(self, people, self.bench.coder_name, consensus)
            if name is None:
                return False
        try:
            with self.bench.project.session() as session:
                coder = get_or_create_coder(session, name, actor=name)
                coder_id, coder_name = coder.id, coder.name
                coders_now = person_coder_count(session)
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.settings.set_coder_for(self.project_path, coder_name)
        if self.settings.blind_for(self.project_path) is None and coders_now >= 2 and not self.bench.blind:
            self.set_blind(True)
        self.bench.set_coder(coder_id, coder_name)
        return True

    def _coder_changed(self) -> None:
        if self.bench is None:
            return
        with self.bench.project.session():
            self._reload_coders()
            self._reload_codebook(full=False)
            self._reload_documents(full=False)
        self._update_status()

    def _update_status(self) -> None:
        if self.bench is None:
            return
        project_name = self.project_path.stem if self.project_path else "Concord"
        self.setWindowTitle(f"{project_name} — {self.bench.coder_name} — Concord")
        self.coder_label.setText(f"Coder: <b>{self.bench.coder_name}</b>")
        self.blind_label.setVisible(self.bench.blind)
        snap = {"none": "exact", "word": "words", "sentence": "sentences"}[self.bench.snap_mode]
        self.coder_label.setToolTip(f"Selections snap to {snap}. Switch coder: Project › Switch coder…")

    def _reset_layout(self) -> None:
        for dock in self.docks:
            self.removeDockWidget(dock)
        self._default_dock_layout()
        for dock in self.docks:
            dock.show()

    # == dialogs =======================================================================================
    def show_import_dialog(self) -> ImportDialog | None:
        if self.bench is None or self.project_path is None:
            return None
        if self.import_dialog is None:
            self.import_dialog = ImportDialog(
                self.project_path, self.bench.coder_name, self.settings.last_folder(), self
            )
            self.import_dialog.imported.connect(self._imported)
        self.import_dialog.show()
        self.import_dialog.raise_()
        return self.import_dialog

    def _imported(self, changes: Changes) -> None:
        if self.bench is not None:
            self.bench.notify(changes)
        if self.import_dialog is not None:
            self.settings.set_last_folder(self.import_dialog.folder)

    def show_cases_editor(self) -> CasesEditor | None:
        if self.bench is None:
            return None
        if self.cases_editor is None:
            self.cases_editor = CasesEditor(self.bench, self.settings.last_folder(), self)
        self.cases_editor.show()
        self.cases_editor.raise_()
        return self.cases_editor

    # == document groups (the Documents panel's context menu) ===========================================
    def _documents_menu(self, point: QPoint) -> None:
        menu = self.documents_menu()
        if menu is not None:
            menu.exec(self.documents_panel.tree.viewport().mapToGlobal(point))

    def documents_menu(self) -> QMenu | None:
        """Add the selected documents to a group, take them out of one, or start a new group with them."""
        rows = self.documents_panel.selected_documents()
        if self.bench is None or not rows:
            return None
        with self.bench.project.session() as session:
            names = [group["name"] for group in list_groups(session)]
        menu = QMenu(self)
        add = menu.addMenu("Add to group")
        for name in names:
            action = add.addAction(name, partial(self.add_to_group, name, [row.uuid for row in rows]))
            action.setEnabled(any(name not in row.groups for row in rows))
        add.setEnabled(bool(names))
        remove = menu.addMenu("Remove from group")
        held = sorted({name for row in rows for name in row.groups}, key=str.casefold)
        for name in held:
            remove.addAction(name, partial(self.remove_from_group, name, [r.uuid for r in rows if name in r.groups]))
        remove.setEnabled(bool(held))
        menu.addSeparator()
        menu.addAction("New group…", partial(self.new_group, [row.uuid for row in rows]))
        self.documents_menu_built.emit(menu, rows)
        return menu

    def add_to_group(self, group_name: str, document_uuids: list[str]) -> bool:
        assert self.bench is not None
        return self.bench.execute(GroupMembersCommand(self.bench, group_name, document_uuids, add=True))

    def remove_from_group(self, group_name: str, document_uuids: list[str]) -> bool:
        assert self.bench is not None
        return self.bench.execute(GroupMembersCommand(self.bench, group_name, document_uuids, add=False))

    def new_group(self, document_uuids: list[str]) -> bool:
        if self.bench is None:
            return False
        label = f"Name of a new group for {len(document_uuids)} document(s):"
        name = dialogs.ask_text(self, "New document group", label)
        if name is None:
            return False
        return self.bench.execute(NewGroupCommand(self.bench, name, document_uuids))

    def show_shortcuts(self) -> None:
        dialogs.show_info(self, SHORTCUTS_HELP, "Keyboard shortcuts")

    def show_about(self) -> None:
        dialogs.show_info(
            self,
            "Concord — qualitative coding of interview transcripts with several coders.\n\n"
            "Every edit is saved to the project file at once and can be undone.",
            "About Concord",
        )

    # == window ========================================================================================
    def _save_layout(self) -> None:
        state: QByteArray = self.saveState()
        if self.bench is not None:
            self.settings.save_window(self.saveGeometry(), state)
        else:
            previous = self.settings.window_state()
            self.settings.save_window(self.saveGeometry(), previous if previous is not None else state)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.bench is not None:
            self.close_project()
        else:
            self._save_layout()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ApplicationPaletteChange:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                QTimer.singleShot(0, lambda: apply_style(app))
        super().changeEvent(event)


SHORTCUT_ROWS = (
    ("Coding — select text, then:", ""),
    ("1 … 9", "apply the code in that quick slot (Alt+1 … Alt+9 from anywhere)"),
    ("Ctrl+K", "quick-code palette: type part of a code's name, Enter"),
    ("Ctrl+Return", "apply the code selected in the Codebook (or double-click it, or drag the selection onto it)"),
    ("Ctrl+I", "code in vivo: a new code named from the selection"),
    ("Ctrl+R", "resize one of your codings to the selection"),
    ("Ctrl+M", "memo on your coding at the cursor"),
    ("Ctrl+Backspace", "remove your coding at the cursor (Delete in Coded segments)"),
    ("Ctrl+Z, Ctrl+Shift+Z", "undo, redo"),
    ("View", ""),
    ("Ctrl++, Ctrl+-, Ctrl+0", "zoom the transcript"),
    ("Ctrl+B", "blind mode: show only your codings"),
    ("Project", ""),
    ("Ctrl+Shift+I", "import transcripts"),
    ("Ctrl+Shift+C", "cases and attributes"),
    ("Ctrl+Shift+D", "mark the open document (or the documents selected in Documents) done for you"),
    ("Ctrl+J", "a new journal entry (View › Memos lists every memo)"),
    ("Ctrl+F, F3, Shift+F3", "find in the transcript, next, previous"),
    ("Ctrl+N, Ctrl+O, Ctrl+W", "new, open, close project"),
    ("F1", "the user guide (Help › User guide)"),
)
SHORTCUTS_HELP = "<table cellspacing='0' cellpadding='3'>" + "".join(
    f"<tr><td colspan='2'><b>{keys}</b></td></tr>" if not action
    else f"<tr><td style='padding-right:14px'><code>{keys}</code></td><td>{action}</td></tr>"
    for keys, action in SHORTCUT_ROWS
) + "</table>"


# Feature packages that add to the window: each has ``install(window)`` (after the CLI's FEATURE_COMMANDS).
FEATURES = ("app.agreement", "app.analysis", "app.exchange", "app.backups", "app.audit_viewer", "app.assignments",
            "app.team", "app.find_bar", "app.help", "app.memos", "app.document_info",
            "app.housekeeping")
log = logging.getLogger(__name__)


def _existing_coder(session, name: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    people = [c for c in list_coders(session) if not c.is_consensus]
    for coder in people:
        if coder.name.casefold() == name.casefold():
            return coder.id, coder.name
    if people:
        return people[0].id, people[0].name
    raise NotFoundError("this read-only project has no coders yet, and none can be added while it is read-only")


def install_features(window: MainWindow, features: tuple[str, ...] = FEATURES) -> list[str]:
    """Let each feature package present in this installation add its menus and actions; returns those installed."""
    installed: list[str] = []
    for module_name in features:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # not part of this installation
                continue
            raise
        try:
            module.install(window)
        except Exception:  # a broken feature must not keep the workbench from opening
            log.exception("could not add %s to the window", module_name)
            continue
        installed.append(module_name)
    return installed


def run_gui(project_path: str | None = None, *, demo: bool = False) -> int:
    """Open the desktop app (on the start page, or on ``project_path``) and run until it closes."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "concord"])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Concord")
    use_cjk_fallback(app)
    apply_style(app)
    window = MainWindow(None)
    install_features(window)  # before the project opens, so the features see project_opened
    if project_path:
        window.open_project(project_path, demo=demo)
    window.show()
    return app.exec()


__all__ = ["MainWindow", "run_gui"]
