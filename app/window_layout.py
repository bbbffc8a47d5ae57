"""The panels' wiring: the four docks and their layout, the start page in their place while no project is
open, the actions with their shortcuts, the menus, and the signals from the panels to the window's verbs.

Each function builds onto a ``MainWindow`` whose panels and verb objects (``projects``,
``coding_actions``, ``codebook_actions``, ``document_actions``) already exist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

if TYPE_CHECKING:
    from app.main import MainWindow

ShortcutSpec = str | QKeySequence.StandardKey | Sequence[str] | None
translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls


class DockLayout:
    """Documents | Transcript over Coded segments | Codebook, and the start page instead while no project is open."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        window.setDockNestingEnabled(True)
        self.documents = self._dock(translate("MainWindow", "Documents"), "documentsDock", window.documents_panel)
        self.transcript = self._dock(translate("MainWindow", "Transcript"), "transcriptDock", window.transcript)
        self.codebook = self._dock(translate("MainWindow", "Codebook"), "codebookDock", window.codebook_panel)
        self.segments = self._dock(translate("MainWindow", "Coded segments"), "segmentsDock", window.segments_panel)
        self.docks = [self.documents, self.transcript, self.codebook, self.segments]
        self._state_restored = False
        self.default_layout()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        return dock

    def default_layout(self) -> None:
        window = self.window
        for dock in self.docks:
            dock.setFloating(False)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.documents)
        window.splitDockWidget(self.documents, self.transcript, Qt.Orientation.Horizontal)
        window.splitDockWidget(self.transcript, self.codebook, Qt.Orientation.Horizontal)
        window.splitDockWidget(self.transcript, self.segments, Qt.Orientation.Vertical)
        self.default_sizes()

    def default_sizes(self) -> None:
        self.window.resizeDocks(
            [self.documents, self.transcript, self.codebook], [350, 760, 350], Qt.Orientation.Horizontal
        )
        self.window.resizeDocks([self.transcript, self.segments], [640, 230], Qt.Orientation.Vertical)

    def default_geometry(self) -> None:
        """Most of the screen, centred: four panels need room."""
        window = self.window
        screen: QScreen | None = window.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        width = min(1600, int(available.width() * 0.94))
        height = min(1000, int(available.height() * 0.94))
        window.resize(width, height)
        window.move(available.x() + (available.width() - width) // 2,
                    available.y() + (available.height() - height) // 2)

    def reset(self) -> None:
        for dock in self.docks:
            self.window.removeDockWidget(dock)
        self.default_layout()
        for dock in self.docks:
            dock.show()

    def show_start_page(self) -> None:
        window = self.window
        for dock in self.docks:
            dock.hide()
        window.start_page.set_recent(window.settings.recent_projects())
        if window.centralWidget() is not window.start_page:
            window.setCentralWidget(window.start_page)
        window.start_page.show()
        for action in window.project_actions:
            action.setEnabled(False)
        window.status.show_no_project()

    def show_workbench(self) -> None:
        window = self.window
        if window.centralWidget() is window.start_page:
            window.takeCentralWidget()  # the docks share the whole window
            window.start_page.hide()
            window.start_page.setParent(window)
        for dock in self.docks:
            dock.show()
        if not self._state_restored:
            self._state_restored = True
            state = window.settings.window_state()
            if state is not None:
                window.restoreState(state)
            else:  # sizes given while the docks were hidden do not stick: give them again once shown
                QTimer.singleShot(0, self.default_sizes)
        for action in window.project_actions:
            action.setEnabled(True)

    def save(self) -> None:
        """Geometry always; the docks' arrangement only from the workbench (the start page hides them)."""
        window, settings = self.window, self.window.settings
        state: QByteArray = window.saveState()
        if window.bench is not None:
            settings.save_window(window.saveGeometry(), state)
        else:
            previous = settings.window_state()
            settings.save_window(window.saveGeometry(), previous if previous is not None else state)
        settings.sync()


def notice_bar(window: QMainWindow, title: str, name: str) -> tuple[QToolBar, QLabel]:
    """A hidden bar across the top of the window holding one wide label (object names ``{name}Bar`` and
    ``{name}Notice``, for the style sheet and tests): the read-only and the server-connection notices."""
    bar = QToolBar(title, window)
    bar.setObjectName(f"{name}Bar")
    bar.setMovable(False)
    bar.setFloatable(False)
    label = QLabel()
    label.setObjectName(f"{name}Notice")
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(label)
    bar.toggleViewAction().setVisible(False)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.hide()
    return bar, label


def _action(
    window: MainWindow, text: str, slot: Callable[..., object], shortcut: ShortcutSpec = None, tip: str = "",
    checkable: bool = False,
) -> QAction:
    """An action of the window; a checkable one passes its new state to ``slot``."""
    action = QAction(text, window)
    if isinstance(shortcut, (str, QKeySequence.StandardKey)):
        action.setShortcut(QKeySequence(shortcut))
    elif shortcut is not None:
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(lambda checked=False: slot(checked) if checkable else slot())
    window.addAction(action)  # shortcuts work even with the menu bar hidden
    return action


def build_actions(window: MainWindow) -> None:
    """Every action of the menus, with its shortcut; the project's actions are off while none is open."""
    _file_actions(window)
    _edit_actions(window)
    _view_actions(window)
    _codebook_actions(window)
    projects = window.projects
    window.cases_action = _action(window, translate("MainWindow", "&Cases and attributes…"),
                                  projects.show_cases_editor, "Ctrl+Shift+C")
    window.switch_coder_action = _action(window, translate("MainWindow", "S&witch coder…"), projects.switch_coder)
    window.shortcuts_help_action = _action(window, translate("MainWindow", "&Keyboard shortcuts"),
                                           window.show_shortcuts)
    window.about_action = _action(window, translate("MainWindow", "&About Concord"), window.show_about)
    _slot_and_delete_keys(window)
    window.project_actions = [
        window.import_action, window.save_copy_action, window.close_action, window.undo_action, window.redo_action,
        window.quick_code_action, window.apply_action, window.in_vivo_action, window.remove_coding_action,
        window.resize_action, window.memo_action, window.blind_action, window.add_code_action,
        window.add_subcode_action, window.rename_code_action, window.definition_action, window.colour_action,
        window.shortcut_action, window.merge_action, window.delete_code_action, window.codable_action,
        window.cases_action, window.switch_coder_action, window.zoom_in_action, window.zoom_out_action,
        window.zoom_reset_action,
    ]


def _file_actions(window: MainWindow) -> None:
    projects, a = window.projects, partial(_action, window)
    window.new_action = a(translate("MainWindow", "&New project…"), projects.new_project, QKeySequence.StandardKey.New)
    window.open_action = a(translate("MainWindow", "&Open project…"),
                           projects.open_project_dialog, QKeySequence.StandardKey.Open)
    window.demo_action = a(translate("MainWindow", "Open the &demo project"), projects.open_demo)
    window.import_action = a(translate("MainWindow", "&Import transcripts…"),
                             projects.show_import_dialog, "Ctrl+Shift+I",
                             translate("MainWindow", "Import .txt, .docx or .md transcripts"))
    window.save_copy_action = a(translate("MainWindow", "Save a &copy…"), projects.save_copy, "Ctrl+Shift+S")
    window.close_action = a(translate("MainWindow", "&Close project"),
                            projects.close_project, QKeySequence.StandardKey.Close)
    window.quit_action = a(translate("MainWindow", "&Quit"), window.close, QKeySequence.StandardKey.Quit)


def _edit_actions(window: MainWindow) -> None:
    coding, a = window.coding_actions, partial(_action, window)
    window.undo_action = a(translate("MainWindow", "&Undo"), window.undo, QKeySequence.StandardKey.Undo)
    window.redo_action = a(translate("MainWindow", "&Redo"), window.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
    window.quick_code_action = a(translate("MainWindow", "&Quick code…"), coding.open_quick_code, "Ctrl+K",
                                 translate("MainWindow", "Find a code by typing and apply it to the selection"))
    window.apply_action = a(translate("MainWindow", "&Apply selected code"), coding.apply_selected_code, "Ctrl+Return")
    window.in_vivo_action = a(translate("MainWindow", "Code in &vivo…"), coding.code_in_vivo, "Ctrl+I",
                              translate("MainWindow", "Make a new code named from the selected words and apply it"))
    window.remove_coding_action = a(translate("MainWindow", "&Remove coding"),
                                    coding.remove_coding_here, "Ctrl+Backspace")
    window.resize_action = a(translate("MainWindow", "Re&size coding to selection"),
                             coding.resize_coding_to_selection, "Ctrl+R")
    window.memo_action = a(translate("MainWindow", "&Memo on coding…"), coding.memo_here, "Ctrl+M")
    window.snap_group = QActionGroup(window)
    window.snap_actions = {}
    for mode, label in (("none", translate("MainWindow", "Exactly as selected")),
                        ("word", translate("MainWindow", "Snap to whole words")),
                        ("sentence", translate("MainWindow", "Snap to whole sentences"))):
        action = QAction(label, window, checkable=True)
        action.triggered.connect(partial(window.set_snap_mode, mode))
        window.snap_group.addAction(action)
        window.snap_actions[mode] = action
    window.snap_actions[window.settings.snap_mode()].setChecked(True)


def _view_actions(window: MainWindow) -> None:
    a = partial(_action, window)
    window.zoom_in_action = a(translate("MainWindow", "Zoom &in"), lambda: window.zoom(1), ["Ctrl++", "Ctrl+="])
    window.zoom_out_action = a(translate("MainWindow", "Zoom &out"), lambda: window.zoom(-1), ["Ctrl+-"])
    window.zoom_reset_action = a(translate("MainWindow", "&Actual size"), lambda: window.zoom(None), "Ctrl+0")
    window.blind_action = a(translate("MainWindow", "Show only &my codings (blind)"), window.set_blind, "Ctrl+B",
                            translate("MainWindow", "Hide the other coders' codings while you code"), checkable=True)
    window.reset_layout_action = a(translate("MainWindow", "Reset &layout"), window.dock_layout.reset)


def _codebook_actions(window: MainWindow) -> None:
    codebook, a = window.codebook_actions, partial(_action, window)
    window.add_code_action = a(translate("MainWindow", "&Add code…"),
                               lambda: codebook.add_code(top_level=True), "Ctrl+Shift+N")
    window.add_subcode_action = a(translate("MainWindow", "Add &subcode…"),
                                  lambda: codebook.add_code(top_level=False), "Ctrl+Alt+N")
    window.rename_code_action = a(translate("MainWindow", "Re&name…"), codebook.rename_current_code)
    window.definition_action = a(translate("MainWindow", "Edit &definition…"), codebook.edit_definition)
    window.colour_action = a(translate("MainWindow", "&Colour…"), codebook.recolour_code)
    window.shortcut_action = a(translate("MainWindow", "Short&cut…"), codebook.set_code_shortcut)
    window.merge_action = a(translate("MainWindow", "&Merge into…"), codebook.merge_current_code)
    window.delete_code_action = a(translate("MainWindow", "&Delete code"), codebook.delete_current_code)
    window.codable_action = a(translate("MainWindow", "Category only (not applied to text)"),
                              codebook.toggle_codable, checkable=True)


def _slot_and_delete_keys(window: MainWindow) -> None:
    """Quick slots: plain digits while the transcript has focus, Alt+digit anywhere in the window; Delete in the
    Codebook deletes the code, in Coded segments the selected codings."""
    coding = window.coding_actions
    window.slot_shortcuts = []
    for slot in range(1, 10):
        digit = QShortcut(QKeySequence(str(slot)), window.transcript.edit)
        digit.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        digit.activated.connect(partial(coding.apply_slot, slot))
        alt = QShortcut(QKeySequence(f"Alt+{slot}"), window)
        alt.activated.connect(partial(coding.apply_slot, slot))
        window.slot_shortcuts += [digit, alt]
    delete_code = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), window.codebook_panel.tree)
    delete_code.setContext(Qt.ShortcutContext.WidgetShortcut)
    delete_code.activated.connect(window.codebook_actions.delete_current_code)
    delete_segments = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), window.segments_panel.table)
    delete_segments.setContext(Qt.ShortcutContext.WidgetShortcut)
    delete_segments.activated.connect(coding.remove_selected_segments)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = window.file_menu = bar.addMenu(translate("MainWindow", "&File"))
    file_menu.addActions([window.new_action, window.open_action, window.demo_action])
    window.recent_menu = file_menu.addMenu(translate("MainWindow", "Open &recent"))
    window.recent_menu.aboutToShow.connect(window.projects.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.import_action, window.save_copy_action, window.close_action])
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.quick_code_action, window.apply_action, window.in_vivo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.remove_coding_action, window.resize_action, window.memo_action])
    edit_menu.addSeparator()
    snap_menu = edit_menu.addMenu(translate("MainWindow", "Selection &snapping"))
    snap_menu.addActions(list(window.snap_actions.values()))

    view_menu = window.view_menu = bar.addMenu(translate("MainWindow", "&View"))
    for dock in window.docks:
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addAction(window.reset_layout_action)
    view_menu.addSeparator()
    view_menu.addActions([window.zoom_in_action, window.zoom_out_action, window.zoom_reset_action])
    view_menu.addSeparator()
    view_menu.addAction(window.blind_action)

    window.codebook_menu = bar.addMenu(translate("MainWindow", "&Codebook"))
    window.codebook_actions.fill_code_menu(window.codebook_menu)

    project_menu = window.project_menu = bar.addMenu(translate("MainWindow", "&Project"))
    project_menu.addActions([window.cases_action, window.switch_coder_action])

    window.tools_menu = bar.addMenu(translate("MainWindow", "&Tools"))
    window.analysis_menu = bar.addMenu(translate("MainWindow", "&Analysis"))
    window.tool_menus = {"Tools": window.tools_menu, "Analysis": window.analysis_menu}
    for menu in (window.tools_menu, window.analysis_menu):
        menu.menuAction().setVisible(False)  # shown once a feature adds an action
    window.help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    window.help_menu.addActions([window.shortcuts_help_action, window.about_action])


def connect_panels(window: MainWindow) -> None:
    """From what the user does in a panel to the verb that does it."""
    coding, codebook, projects = window.coding_actions, window.codebook_actions, window.projects
    documents_tree, codebook_tree = window.documents_panel.tree, window.codebook_panel.tree
    window.documents_panel.document_activated.connect(window.open_document)
    documents_tree.customContextMenuRequested.connect(window.document_actions.show_menu)
    window.codebook_panel.apply_clicked.connect(coding.apply_selected_code)
    codebook_tree.doubleClicked.connect(lambda _index: coding.apply_selected_code())
    codebook_tree.customContextMenuRequested.connect(codebook.show_context_menu)
    window.codebook_panel.code_selected.connect(codebook.code_selected)
    window.codebook_model.move_requested.connect(codebook.move_code)
    window.codebook_model.apply_requested.connect(coding.apply_dropped)
    window.codebook_model.rename_requested.connect(codebook.rename_code)
    window.segments_panel.segment_clicked.connect(coding.jump_to_segment)
    window.segments_panel.table.customContextMenuRequested.connect(coding.segments_menu)
    window.transcript.context_menu_requested.connect(coding.transcript_menu)
    window.start_page.new_requested.connect(projects.new_project)
    window.start_page.open_requested.connect(projects.open_project_dialog)
    window.start_page.demo_requested.connect(projects.open_demo)
    window.start_page.recent_requested.connect(projects.open_project)
    window.start_page.forget_requested.connect(projects.forget_recent)


__all__ = ["DockLayout", "build_actions", "build_menus", "connect_panels"]
