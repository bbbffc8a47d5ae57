"""Concord's main window (the coding workbench) and ``run_gui``, the desktop app's entry point.

The window owns no data and routes no changes. It composes its parts:

- the panels (Documents, Transcript, Codebook, Coded segments) and, in ``app/window_layout.py``, their docks,
  the actions, the menus and the signals from the panels to the verbs;
- one subscriber per panel (``app/panel_refresh.py``): each listens to ``Workbench.changes_applied`` and
  refreshes only what the ``Changes`` concerns;
- the verbs: ``projects`` (open, close, coder, blind mode: ``app/project_controller.py``), ``coding_actions``,
  ``codebook_actions`` and ``document_actions``, each an undoable command on the workbench.

The methods left here are the window's public API, most of them one line handing over to a part.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QShortcut
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMenu, QToolBar, QWidget

from app import dialogs, heap, warmup
from app.codebook_actions import CodebookActions
from app.coding_actions import CodeShortcuts, CodingActions
from app.document_actions import DocumentActions
from app.itemmodels.codebook_model import CodebookModel
from app.itemmodels.documents_model import DocumentsModel
from app.itemmodels.segments_model import SegmentsModel
from app.palette import QuickCodePalette
from app.panel_refresh import (
    CodebookRefresh,
    DocumentsRefresh,
    Lookups,
    QuickSlots,
    SegmentsRefresh,
    StatusBarRefresh,
    Subscriber,
    TranscriptRefresh,
)
from app.open_counts import CountsLoader, counts_later
from app.panels import CodebookPanel, DocumentsPanel, SegmentsPanel
from app.platform import display_problem
from app.project_controller import ProjectController
from app.settings import APPLICATION, ORGANISATION, AppSettings, make_settings
from app.start_page import StartPage
from app.style import apply_style, use_cjk_fallback
from app.transcript_view import TranscriptView
from app.window_layout import DockLayout, build_actions, build_menus, connect_panels
from app.workbench import Workbench
from coding.codebook import CodeInfo, CodeNode
from coding.readers import CodingView, SegmentRow
from coding.i18n import QT_TRANSLATE_NOOP  # lupdate reads the name; typed str -> str, unlike PySide's

if TYPE_CHECKING:  # made when first shown (app/project_controller.py), so not imported at start
    from app.cases_editor import CasesEditor
    from app.import_dialog import ImportDialog


class MainWindow(QMainWindow):
    """The coding workbench: start page, or four docks around one open project."""

    project_opened = Signal()
    project_closing = Signal()  # the workbench is still open: last chance to let go of it
    project_closed = Signal()
    documents_menu_built = Signal(object, object)  # (QMenu, selected DocumentRows): features add their items
    codebook_menu_built = Signal(object, object)  # (QMenu, current CodeNode or None): features add their items
    transcript_menu_built = Signal(object, int)  # (QMenu, code-point offset under the mouse): features add theirs

    # Built by app/window_layout.py (actions and menus) and kept as attributes: tests and features use them.
    new_action: QAction
    open_action: QAction
    demo_action: QAction
    import_action: QAction
    save_copy_action: QAction
    close_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    quick_code_action: QAction
    apply_action: QAction
    in_vivo_action: QAction
    remove_coding_action: QAction
    resize_action: QAction
    memo_action: QAction
    snap_group: QActionGroup
    snap_actions: dict[str, QAction]
    zoom_in_action: QAction
    zoom_out_action: QAction
    zoom_reset_action: QAction
    blind_action: QAction
    reset_layout_action: QAction
    add_code_action: QAction
    add_subcode_action: QAction
    rename_code_action: QAction
    definition_action: QAction
    colour_action: QAction
    shortcut_action: QAction
    merge_action: QAction
    delete_code_action: QAction
    codable_action: QAction
    cases_action: QAction
    switch_coder_action: QAction
    shortcuts_help_action: QAction
    about_action: QAction
    slot_shortcuts: list[QShortcut]
    project_actions: list[QAction]
    file_menu: QMenu
    recent_menu: QMenu
    view_menu: QMenu
    language_menu: QMenu
    codebook_menu: QMenu
    project_menu: QMenu
    tools_menu: QMenu
    analysis_menu: QMenu
    help_menu: QMenu
    tool_menus: dict[str, QMenu]

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
        self.palette_popup: QuickCodePalette | None = None
        self.import_dialog: ImportDialog | None = None
        self.cases_editor: CasesEditor | None = None
        self.setWindowTitle("Concord")  # a proper name: the same in every language
        app = QApplication.instance()
        if isinstance(app, QApplication):
            use_cjk_fallback(app)
        self._build_panels()
        self.dock_layout = DockLayout(self)
        self.documents_dock, self.transcript_dock = self.dock_layout.documents, self.dock_layout.transcript
        self.codebook_dock, self.segments_dock = self.dock_layout.codebook, self.dock_layout.segments
        self.docks: list[QDockWidget] = self.dock_layout.docks
        self._build_subscribers()
        self.projects = ProjectController(self)
        self.read_only_bar: QToolBar = self.projects.read_only_bar
        self.read_only_label: QLabel = self.projects.read_only_label
        self.coding_actions = CodingActions(self)
        self.codebook_actions = CodebookActions(self)
        self.document_actions = DocumentActions(self)
        self.code_shortcuts = CodeShortcuts(self, self.lookups, self.coding_actions)
        # The order panels refresh in on each announcement: look-ups first, the status bar last.
        self.subscribers: list[Subscriber] = [
            self.counts_loader, self.lookups, self.codebook_refresh, self.quick_slot_store, self.code_shortcuts, self.documents_refresh,
            self.transcript_refresh, self.segments_refresh, self.status,
        ]
        build_actions(self)
        build_menus(self)
        connect_panels(self)
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.dock_layout.default_geometry()
        self.dock_layout.show_start_page()
        if project_path:
            self.open_project(project_path, demo=demo, coder=coder)

    def _build_panels(self) -> None:
        self.documents_model = DocumentsModel(self)
        self.codebook_model = CodebookModel(self)
        self.segments_model = SegmentsModel(self)
        self.documents_panel = DocumentsPanel(self.documents_model)
        self.codebook_panel = CodebookPanel(self.codebook_model)
        self.segments_panel = SegmentsPanel(self.segments_model)
        self.transcript = TranscriptView()
        self.transcript.snap_mode = self.settings.snap_mode() if self.settings.snap_mode() != "none" else None
        self.start_page = StartPage()

    def _build_subscribers(self) -> None:
        self.lookups = Lookups()
        self.codebook_refresh = CodebookRefresh(self.codebook_panel, self.lookups)
        self.quick_slot_store = QuickSlots(self.codebook_model, self.lookups)
        self.documents_refresh = DocumentsRefresh(self.documents_panel, lambda: self.document_id)
        self.transcript_refresh = TranscriptRefresh(
            self.transcript, self.lookups, self.documents_panel, self.settings, lambda: self.project_path, self
        )
        self.segments_refresh = SegmentsRefresh(
            self.segments_panel, self.segments_dock, self.transcript_refresh, self.codebook_panel, self.lookups
        )
        self.status = StatusBarRefresh(self, self.transcript, lambda: self.project_path)
        self.coder_label, self.blind_label = self.status.coder_label, self.status.blind_label
        self.counts_loader = CountsLoader(self.codebook_refresh, self.documents_refresh, self)
        self.selection_label = self.status.selection_label

    # == the panels over one project ====================================================================
    def load_panels(self) -> None:
        """Fill every panel from the project just opened, in one read session."""
        assert self.bench is not None
        with self.bench.project.session() as session:
            if counts_later(session):  # a large project: its counts are read beside what follows
                self.counts_loader.start()
            self.lookups.load()
            self.codebook_refresh.load()
            self.quick_slot_store.reload()
            self.code_shortcuts.rebuild(self.lookups.infos)
            self.documents_refresh.load()
            self.segments_refresh.reload()

    def clear_panels(self) -> None:
        self.transcript_refresh.clear()
        self.lookups.clear()
        self.quick_slot_store.clear()
        self.documents_refresh.clear()
        self.codebook_refresh.clear()
        self.segments_refresh.clear()
        self.code_shortcuts.rebuild({})

    @property
    def document_id(self) -> int | None:
        """The document open in the Transcript."""
        return self.transcript_refresh.document_id

    @property
    def code_infos(self) -> dict[int, CodeInfo]:
        return self.lookups.infos

    @property
    def code_nodes(self) -> dict[int, CodeNode]:
        return self.lookups.nodes

    @property
    def coders(self) -> dict[int, str]:
        return self.lookups.coders

    @property
    def quick_slots(self) -> dict[int, str]:
        return self.quick_slot_store.slots

    def effective_slots(self) -> dict[int, str]:
        """Quick slot -> code uuid, as stored in the project (codes still in the codebook only)."""
        return self.quick_slot_store.effective()

    def _info_by_uuid(self, code_uuid: str) -> CodeInfo | None:
        return self.lookups.info_by_uuid(code_uuid)

    def open_document(self, document_id: int) -> None:
        self.transcript_refresh.open_document(document_id)

    # == projects (app/project_controller.py) ===========================================================
    def open_project(self, path: str | Path, *, demo: bool = False, coder: str | None = None) -> bool:
        return self.projects.open_project(path, demo=demo, coder=coder)

    def close_project(self) -> None:
        self.projects.close_project()

    def save_copy(self) -> None:
        self.projects.save_copy()

    def switch_coder(self, name: str | None = None) -> bool:
        return self.projects.switch_coder(name)

    def set_blind(self, blind: bool) -> None:
        self.projects.set_blind(blind)

    def show_import_dialog(self) -> ImportDialog | None:
        return self.projects.show_import_dialog()

    def show_cases_editor(self) -> CasesEditor | None:
        return self.projects.show_cases_editor()

    # == coding (app/coding_actions.py) =================================================================
    def apply_code(self, code_uuid: str, span: tuple[int, int] | None = None) -> bool:
        return self.coding_actions.apply_code(code_uuid, span)

    def apply_selected_code(self) -> None:
        self.coding_actions.apply_selected_code()

    def apply_slot(self, slot: int) -> None:
        self.coding_actions.apply_slot(slot)

    def assign_slot(self, slot: int | None) -> None:
        self.coding_actions.assign_slot(slot)

    def open_quick_code(self) -> None:
        self.coding_actions.open_quick_code()

    def own_codings_at(self, index: int) -> list[CodingView]:
        return self.coding_actions.own_codings_at(index)

    def remove_codings(self, coding_uuids: list[str]) -> bool:
        return self.coding_actions.remove_codings(coding_uuids)

    def remove_selected_segments(self) -> None:
        self.coding_actions.remove_selected_segments()

    def resize_coding(self, coding_uuid: str, start: int, end: int) -> bool:
        return self.coding_actions.resize_coding(coding_uuid, start, end)

    def set_coding_memo(self, coding_uuid: str, memo: str) -> bool:
        return self.coding_actions.set_coding_memo(coding_uuid, memo)

    def jump_to_segment(self, segment: SegmentRow) -> None:
        self.coding_actions.jump_to_segment(segment)

    # == codebook (app/codebook_actions.py) =============================================================
    def add_code(self, top_level: bool = True, name: str | None = None) -> bool:
        return self.codebook_actions.add_code(top_level, name)

    def rename_code(self, code_uuid: str, new_name: str) -> bool:
        return self.codebook_actions.rename_code(code_uuid, new_name)

    def move_code(self, code_uuid: str, parent_uuid: str | None, position: int) -> bool:
        return self.codebook_actions.move_code(code_uuid, parent_uuid, position)

    def merge_codes(self, source_uuid: str, target_uuid: str) -> bool:
        return self.codebook_actions.merge_codes(source_uuid, target_uuid)

    def delete_code(self, code_uuid: str) -> bool:
        return self.codebook_actions.delete_code(code_uuid)

    def codebook_context_menu(self) -> QMenu | None:
        return self.codebook_actions.context_menu()

    # == documents (app/document_actions.py) ============================================================
    def documents_menu(self) -> QMenu | None:
        return self.document_actions.menu()

    def add_to_group(self, group_name: str, document_uuids: list[str]) -> bool:
        return self.document_actions.add_to_group(group_name, document_uuids)

    def remove_from_group(self, group_name: str, document_uuids: list[str]) -> bool:
        return self.document_actions.remove_from_group(group_name, document_uuids)

    def new_group(self, document_uuids: list[str]) -> bool:
        return self.document_actions.new_group(document_uuids)

    # == undo and view ==================================================================================
    def undo(self) -> None:
        if self.bench is not None:
            self.bench.undo_stack.undo()

    def redo(self) -> None:
        if self.bench is not None:
            self.bench.undo_stack.redo()

    def update_undo_actions(self, *_signal_args: object) -> None:
        stack = self.bench.undo_stack if self.bench else None
        if stack is not None and not shiboken6.isValid(stack):
            return
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.undo_action.setText(
            QCoreApplication.translate("MainWindow", "&Undo {step}").format(step=stack.undoText())
            if stack and stack.canUndo() else QCoreApplication.translate("MainWindow", "&Undo")
        )
        self.redo_action.setText(
            QCoreApplication.translate("MainWindow", "&Redo {step}").format(step=stack.redoText())
            if stack and stack.canRedo() else QCoreApplication.translate("MainWindow", "&Redo")
        )

    def set_snap_mode(self, mode: str) -> None:
        self.settings.set_snap_mode(mode)
        self.transcript.snap_mode = None if mode == "none" else mode
        if self.bench is not None:
            self.bench.snap_mode = mode
        self.snap_actions[mode].setChecked(True)
        self.status.update()

    def zoom(self, steps: int | None) -> None:
        if steps is None:
            self.transcript.reset_zoom()
        else:
            self.transcript.zoom(steps)
        self.settings.set_zoom(self.transcript.zoom_steps)

    def add_tool_action(self, menu_name: str, action: QAction) -> QMenu:
        """Let another feature (agreement, analysis …) put an action in a top-level menu, made on first use."""
        menu = self.tool_menus.get(menu_name)
        if menu is None:
            title = TOOL_MENU_TITLES.get(menu_name, menu_name)  # the key stays the English name without "&"
            menu = QMenu(QCoreApplication.translate("MainWindow", title), self)
            self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
            self.tool_menus[menu_name] = menu
        menu.addAction(action)
        menu.menuAction().setVisible(True)
        return menu

    def tool_menu(self, menu_name: str) -> QMenu | None:
        return self.tool_menus.get(menu_name)

    def show_shortcuts(self) -> None:
        dialogs.show_info(self, shortcuts_help(), QCoreApplication.translate("MainWindow", "Keyboard shortcuts"))

    def show_about(self) -> None:
        dialogs.show_info(
            self,
            QCoreApplication.translate(
                "MainWindow",
                "Concord — qualitative coding of interview transcripts with several coders.\n\n"
                "Every edit is saved to the project file at once and can be undone.",
            ),
            QCoreApplication.translate("MainWindow", "About Concord"),
        )

    # == window ========================================================================================
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.bench is not None:
            self.close_project()
        else:
            self.dock_layout.save()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                QTimer.singleShot(0, lambda: apply_style(app))
        super().changeEvent(event)


SHORTCUT_ROWS = (
    (QT_TRANSLATE_NOOP("MainWindow", "Coding — select text, then:"), ""),
    ("1 … 9", QT_TRANSLATE_NOOP("MainWindow", "apply the code in that quick slot (Alt+1 … Alt+9 from anywhere)")),
    ("Ctrl+K", QT_TRANSLATE_NOOP("MainWindow", "quick-code palette: type part of a code's name, Enter")),
    ("Ctrl+Return", QT_TRANSLATE_NOOP("MainWindow", "apply the code selected in the Codebook (or double-click it, or drag the selection onto it)")),
    ("Ctrl+I", QT_TRANSLATE_NOOP("MainWindow", "code in vivo: a new code named from the selection")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("MainWindow", "resize one of your codings to the selection")),
    ("Ctrl+M", QT_TRANSLATE_NOOP("MainWindow", "memo on your coding at the cursor")),
    ("Ctrl+Backspace", QT_TRANSLATE_NOOP("MainWindow", "remove your coding at the cursor (Delete in Coded segments)")),
    ("Ctrl+Z, Ctrl+Shift+Z", QT_TRANSLATE_NOOP("MainWindow", "undo, redo")),
    (QT_TRANSLATE_NOOP("MainWindow", "View"), ""),
    ("Ctrl++, Ctrl+-, Ctrl+0", QT_TRANSLATE_NOOP("MainWindow", "zoom the transcript")),
    ("Ctrl+B", QT_TRANSLATE_NOOP("MainWindow", "blind mode: show only your codings")),
    (QT_TRANSLATE_NOOP("MainWindow", "Project"), ""),
    ("Ctrl+Shift+I", QT_TRANSLATE_NOOP("MainWindow", "import transcripts")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("MainWindow", "cases and attributes")),
    ("Ctrl+Shift+D", QT_TRANSLATE_NOOP("MainWindow", "mark the open document (or the documents selected in Documents) done for you")),
    ("Ctrl+J", QT_TRANSLATE_NOOP("MainWindow", "a new journal entry (View › Memos lists every memo)")),
    ("Ctrl+F, F3, Shift+F3", QT_TRANSLATE_NOOP("MainWindow", "find in the transcript, next, previous")),
    ("Ctrl+N, Ctrl+O, Ctrl+W", QT_TRANSLATE_NOOP("MainWindow", "new, open, close project")),
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "the user guide (Help › User guide)")),
)


def shortcuts_help() -> str:
    """Help › Keyboard shortcuts as a table, in the interface language (key names stay as Qt writes them)."""
    rows = []
    for keys, action in SHORTCUT_ROWS:
        if not action:
            heading = QCoreApplication.translate("MainWindow", keys)
            rows.append(f"<tr><td colspan='2'><b>{heading}</b></td></tr>")
        else:
            text = QCoreApplication.translate("MainWindow", action)
            rows.append(f"<tr><td style='padding-right:14px'><code>{keys}</code></td><td>{text}</td></tr>")
    return "<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


# The titles of top-level menus other features make on first use (MainWindow.add_tool_action), for the catalogue.
# Keyed by the name features ask for (``tool_menu("Coders")``); the title carries the menu's accelerator, one no
# other top-level menu uses (C is the Codebook's).
TOOL_MENU_TITLES = {"Tools": QT_TRANSLATE_NOOP("MainWindow", "Tools"),
                    "Analysis": QT_TRANSLATE_NOOP("MainWindow", "Analysis"),
                    "Coders": QT_TRANSLATE_NOOP("MainWindow", "C&oders")}


# Feature packages that add to the window: each has ``install(window)`` (after the CLI's FEATURE_COMMANDS).
FEATURES = ("app.warmup", "app.agreement", "app.analysis", "app.exchange", "app.backups", "app.audit_viewer",
            "app.assignments", "app.team", "app.find_bar", "app.help", "app.memos", "app.document_info", "app.i18n",
            "app.preferences",  # Edit › Settings…: the interface language and other user-level choices
            "app.autocode_dialog",  # Tools › Autocode by structure…
            "app.dictionary_editor",  # Tools › Dictionaries…
            "app.machine_coder",  # Tools › Train machine coder…, Suggestions…
            "app.endpoint_settings",  # Tools › Language-model endpoint… (optional, off by default)
            "app.survey_import_dialog",  # File › Import survey answers…
            "app.media_player",  # the Recording dock: a linked recording played in sync with the transcript
            "app.housekeeping", "app.live_refresh", "app.roles")  # roles last: it greys out what others add
# What the window itself defers (dialogs made when first shown; the import package behind the transcript's "said
# at" tooltip): loaded in the warm-up thread once the window has painted, so that their first use is quick.
LOAD_AFTER_START = ("app.import_dialog", "app.cases_editor", "coding.importing")
log = logging.getLogger(__name__)


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
    if "app.warmup" in installed:  # its gate holds the preload until the window has painted
        warmup.preload(LOAD_AFTER_START)
    return installed


def run_gui(project_path: str | None = None, *, demo: bool = False, language: str | None = None) -> int:
    """Open the desktop app (on the start page, or on ``project_path``) and run until it closes; ``language``
    ("en", "zh_CN") overrides the saved choice and the system locale for the interface."""
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
    from app.i18n import install_language

    install_language(make_settings(None), language)
    window = MainWindow(None)
    install_features(window)  # before the project opens, so the features see project_opened
    heap.settle()  # the start's modules and widgets: held for good, out of the collector's full passes
    if project_path:
        window.open_project(project_path, demo=demo)
    window.show()
    return app.exec()


__all__ = ["MainWindow", "run_gui"]
