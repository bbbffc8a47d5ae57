"""The Analysis menu of the main window and everything behind it, for whichever project is open."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget
from sqlalchemy import URL

from app.analysis.base import AnalysisView
from app.analysis.common import Choices, load_choices
from app.operations import location_of
from app.workbench import Workbench
from coding import chart_process
from coding.i18n import QT_TRANSLATE_NOOP
from coding.changes import Changes

if TYPE_CHECKING:  # the window's views and the exports load scipy, python-docx and openpyxl: on first use only
    from app.analysis.exports import Exports
    from app.analysis.window import AnalysisWindow
    from app.main import MainWindow

# Texts in English, translated (context "AnalysisMenu") when the actions are made.
VIEW_ACTIONS = (
    ("retrieve", QT_TRANSLATE_NOOP("AnalysisMenu", "&Retrieve segments…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "Find coded segments by code, coder, case, attribute or group")),
    ("kwic", QT_TRANSLATE_NOOP("AnalysisMenu", "&Text search (KWIC)…"), "Ctrl+Shift+F",
     QT_TRANSLATE_NOOP("AnalysisMenu", "Search the transcripts; see each hit in its context; code hits")),
    ("words", QT_TRANSLATE_NOOP("AnalysisMenu", "&Word frequency…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "The most frequent words, overall or by document, case or group")),
    ("frequencies", QT_TRANSLATE_NOOP("AnalysisMenu", "&Code frequencies…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "How often each code was applied, with a bar chart")),
    ("cooccurrence", QT_TRANSLATE_NOOP("AnalysisMenu", "C&o-occurrence…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "Which codes occur together, with a heatmap")),
    ("matrix", QT_TRANSLATE_NOOP("AnalysisMenu", "&Framework matrix…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "Codes × cases or attribute values, with your summary of each cell")),
    ("crosstab", QT_TRANSLATE_NOOP("AnalysisMenu", "Cross&tab…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "A code by a case attribute, with χ² and Fisher's exact test")),
    ("content", QT_TRANSLATE_NOOP("AnalysisMenu", "Co&ntent analysis…"), None,
     QT_TRANSLATE_NOOP("AnalysisMenu", "Categories by case or attribute value, with χ², phrases and a biplot")),
)
EXPORT_ACTIONS = (
    ("summary", QT_TRANSLATE_NOOP("AnalysisMenu", "Coded &summary (DOCX)…"), "export_summary"),
    ("matrix", QT_TRANSLATE_NOOP("AnalysisMenu", "Framework &matrix (DOCX/XLSX)…"), "export_matrix"),
    ("codebook", QT_TRANSLATE_NOOP("AnalysisMenu", "&Codebook (DOCX/JSON)…"), "export_codebook"),
    ("segments", QT_TRANSLATE_NOOP("AnalysisMenu", "Se&gments (XLSX/CSV)…"), "export_segments"),
    ("crosstab", QT_TRANSLATE_NOOP("AnalysisMenu", "Cross&tab (XLSX)…"), "export_crosstab"),
)
# What the Analysis window needs before it opens (numpy, scipy.sparse, openpyxl); the exports' python-docx and
# scipy.stats load later, in the warm-up, not while the user waits for the first view.
VIEW_MODULES = ("app.analysis.window",)
# Changes after which the filters' lists (codes, coders, cases, attribute values, groups) are read again.
CHOICE_CHANGES = ("codes", "coders", "cases", "attributes", "groups")


class AnalysisController(QObject):
    """Adds the Analysis menu to a MainWindow; owns the Analysis window of the open project and the exports."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.analysis_window: AnalysisWindow | None = None
        self._choices: Choices | None = None
        self._bench: Workbench | None = None
        self._blind: bool | None = None
        self._exports: Exports | None = None
        self.actions: dict[str, QAction] = {}
        self.export_actions: dict[str, QAction] = {}
        self.menu: QMenu | None = None
        self.export_menu: QMenu | None = None
        self._wanted: str | None = None  # the view asked for while the window's modules load
        self._loading: object | None = None  # the warm-up task loading them
        self._build_actions()
        window.project_opened.connect(self._project_opened)
        window.project_closed.connect(self._project_closed)
        if window.bench is not None:
            self._project_opened()
        else:
            self._enable(False)

    def _build_actions(self) -> None:
        for kind, text, shortcut, tip in VIEW_ACTIONS:
            action = QAction(QCoreApplication.translate("AnalysisMenu", text), self.window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            tip = QCoreApplication.translate("AnalysisMenu", tip)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.triggered.connect(partial(self._show_from_menu, kind))
            self.actions[kind] = action
            self.menu = self.window.add_tool_action("Analysis", action)
        assert self.menu is not None
        self.menu.addSeparator()
        self.export_menu = self.menu.addMenu(QCoreApplication.translate("AnalysisMenu", "&Export"))
        for kind, text, method in EXPORT_ACTIONS:
            action = QAction(QCoreApplication.translate("AnalysisMenu", text), self.window)
            action.triggered.connect(partial(self._export_from_menu, method))
            self.export_menu.addAction(action)
            self.export_actions[kind] = action

    def _show_from_menu(self, kind: str, _checked: bool = False) -> None:
        """Open the view; the first time, once the window's modules are loaded in the warm-up thread: they load
        scipy, matplotlib and openpyxl (1–2 s), which the GUI thread would freeze for, or wait for while the
        warm-up thread holds their import locks."""
        if self.analysis_window is not None or self.bench is None:
            self.show(kind)
            return
        self._wanted = kind
        if self._loading is not None:
            return  # asked again while loading: the last view asked for opens
        from app import warmup, workers

        self.window.statusBar().showMessage(QCoreApplication.translate("AnalysisMenu", "Opening the analysis window…"))
        # The chart process starts loading matplotlib now, beside the imports, not once the window shows: then it
        # took the CPU from the GUI thread building the analysis window (a 105-150 ms freeze on two cores).
        chart_process.start()
        task = workers.FunctionTask(partial(warmup.import_modules, VIEW_MODULES))
        task.signals.finished.connect(self._loaded)
        task.signals.failed.connect(self._loaded)
        self._loading = warmup.start_now(task)

    def _loaded(self, _result: object = None) -> None:
        self._loading = None
        kind, self._wanted = self._wanted, None
        if kind is not None and shiboken6.isValid(self.window):
            self.window.statusBar().clearMessage()
            self.show(kind)

    def _export_from_menu(self, method: str, _checked: bool = False) -> None:
        getattr(self.exports, method)()

    def _enable(self, enabled: bool) -> None:
        for action in [*self.actions.values(), *self.export_actions.values()]:
            action.setEnabled(enabled)
        if self.export_menu is not None:
            self.export_menu.setEnabled(enabled)

    @property
    def exports(self) -> Exports:
        """Every export the Analysis menu and the views offer (made, and its modules imported, on first use)."""
        if self._exports is None:
            from app.analysis.exports import Exports

            self._exports = Exports(self)
        return self._exports

    # -- the project -------------------------------------------------------------------------------
    @property
    def bench(self) -> Workbench | None:
        return self.window.bench

    @property
    def project_path(self) -> Path | None:
        return self.window.project_path

    @property
    def location(self) -> Path | URL | None:
        """Where the analysis workers reopen the project: its file, or its server database."""
        return location_of(self.bench.project) if self.bench is not None else None

    def _project_opened(self) -> None:
        self._drop_window()
        self._choices = None
        self._bench = self.window.bench
        if self._bench is not None:
            self._bench.changes_applied.connect(self._on_changes)
            self._blind = self._bench.blind
        self._enable(self._bench is not None)

    def _project_closed(self) -> None:
        if self._exports is not None:
            self._exports.wait()
        self._drop_window()
        if self._bench is not None and shiboken6.isValid(self._bench):
            self._bench.changes_applied.disconnect(self._on_changes)
        self._bench = None
        self._choices = None
        self._enable(False)

    def _drop_window(self) -> None:
        if self.analysis_window is None:
            return
        window, self.analysis_window = self.analysis_window, None
        window.stop()
        window.close()
        window.deleteLater()

    def _on_changes(self, changes: Changes) -> None:
        bench = self.bench
        blind_changed = bench is not None and bench.blind != self._blind
        if bench is not None:
            self._blind = bench.blind
        if blind_changed:
            changes = changes | Changes(coders=True)  # the filters' coder choices follow blind mode
        if any(getattr(changes, name) for name in CHOICE_CHANGES):
            self._choices = None
        if self.analysis_window is not None:
            self.analysis_window.on_changes(changes)

    # -- what the views share ----------------------------------------------------------------------
    def choices(self) -> Choices:
        """Codes, coders, cases, attribute values and groups of the open project (read once, kept current)."""
        if self._choices is None:
            assert self.bench is not None
            with self.bench.project.session() as session:
                self._choices = load_choices(session, self.bench.coder_id)
        return self._choices

    def blind_coder(self) -> tuple[int, str] | None:
        """In blind mode the analyses, like the transcript, count only the coder's own codings."""
        bench = self.bench
        return (bench.coder_id, bench.coder_name) if bench is not None and bench.blind else None

    def last_folder(self) -> str:
        return self.window.settings.last_folder()

    def remember_folder(self, path: Path) -> None:
        self.window.settings.set_last_folder(Path(path).parent)

    def dialog_parent(self) -> QWidget:
        window = self.analysis_window
        return window if window is not None and window.isVisible() else self.window

    def show_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)
        if self.analysis_window is not None:
            self.analysis_window.show_message(text)

    def jump_to(self, passage: Any) -> None:
        """Show a passage (anything with document_id, start, end) selected in the main window's transcript."""
        self.window.jump_to_segment(passage)
        self.window.raise_()
        self.window.activateWindow()

    # -- views -------------------------------------------------------------------------------------
    def show(self, kind: str) -> AnalysisView | None:
        """Open the Analysis window on this view (``retrieve``, ``kwic``, ``words``, ``frequencies``,
        ``cooccurrence``, ``matrix``, ``crosstab``)."""
        if self.bench is None:
            return None
        if self.analysis_window is None:
            from app.analysis.window import AnalysisWindow

            self.analysis_window = AnalysisWindow(self, self.window)
        return self.analysis_window.show_view(kind)

    def existing_view(self, kind: str) -> Any:
        """The view of this kind if it has been opened, else None."""
        return self.analysis_window.views.get(kind) if self.analysis_window is not None else None


__all__ = ["EXPORT_ACTIONS", "VIEW_ACTIONS", "AnalysisController"]
