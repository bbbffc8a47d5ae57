"""The Analysis window: one tab per view, beside the coding workbench (which stays free for reading
the passages a view points to)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QWidget

from app.analysis.base import AnalysisView
from app.analysis.content import ContentView
from app.analysis.crosstab import CrosstabView
from app.analysis.frequencies import CodeFrequencyView, CooccurrenceView
from app.analysis.kwic import KwicView
from app.analysis.matrix import MatrixView
from app.analysis.retrieval import RetrievalView
from app.analysis.words import WordFrequencyView
from coding.changes import Changes

if TYPE_CHECKING:
    from app.analysis.controller import AnalysisController

VIEWS: dict[str, type[AnalysisView]] = {
    "retrieve": RetrievalView,
    "kwic": KwicView,
    "words": WordFrequencyView,
    "frequencies": CodeFrequencyView,
    "cooccurrence": CooccurrenceView,
    "matrix": MatrixView,
    "crosstab": CrosstabView,
    "content": ContentView,
}


class AnalysisWindow(QMainWindow):
    """Tabs of analysis views for the open project; each view is made the first time it is asked for."""

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.views: dict[str, AnalysisView] = {}
        self.setObjectName("analysisWindow")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        self.setCentralWidget(self.tabs)
        self.coder_label = QLabel()
        self.statusBar().addPermanentWidget(self.coder_label)
        self._build_menus()
        self.update_title()
        self.resize(1440, 880)

    def _build_menus(self) -> None:
        bench = self.controller.bench
        assert bench is not None
        edit = self.menuBar().addMenu(QCoreApplication.translate("AnalysisWindow", "&Edit"))
        undo = bench.undo_stack.createUndoAction(self, QCoreApplication.translate("AnalysisWindow", "&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = bench.undo_stack.createRedoAction(self, QCoreApplication.translate("AnalysisWindow", "&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        views = self.menuBar().addMenu(QCoreApplication.translate("AnalysisWindow", "&Analysis"))
        for kind in VIEWS:
            action = self.controller.actions[kind]
            views.addAction(action)
            self.addAction(action)  # its shortcut works here too
        export = self.menuBar().addMenu(QCoreApplication.translate("AnalysisWindow", "E&xport"))
        for action in self.controller.export_actions.values():
            export.addAction(action)

    def update_title(self) -> None:
        bench, path = self.controller.bench, self.controller.project_path
        name = path.stem if path else "Concord"
        self.setWindowTitle(QCoreApplication.translate("AnalysisWindow", "Analysis — {name} — Concord").format(name=name))
        if bench is not None:
            blind = QCoreApplication.translate("AnalysisWindow", " · blind: only your codings") if bench.blind else ""
            self.coder_label.setText(QCoreApplication.translate("AnalysisWindow", "Coder: <b>{coder}</b>{blind}")
                                     .format(coder=bench.coder_name, blind=blind))

    def view(self, kind: str) -> AnalysisView:
        """The view of this kind, made (and given a tab) the first time."""
        view = self.views.get(kind)
        if view is None:
            view = VIEWS[kind](self.controller)
            self.views[kind] = view
        if self.tabs.indexOf(view) < 0:
            self.tabs.addTab(view, QCoreApplication.translate("AnalysisViews", view.title))
        return view

    def show_view(self, kind: str) -> AnalysisView:
        view = self.view(kind)
        self.tabs.setCurrentWidget(view)
        self.show()
        self.raise_()
        self.activateWindow()
        return view

    def _close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, MatrixView):
            widget._save_pending()
        self.tabs.removeTab(index)  # the view is kept, with its options, for when it is opened again
        if self.tabs.count() == 0:
            self.close()

    def on_changes(self, changes: Changes) -> None:
        for view in self.views.values():
            view.on_changes(changes)
        self.update_title()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def stop(self) -> None:
        for view in self.views.values():
            view.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        matrix = self.views.get("matrix")
        if isinstance(matrix, MatrixView):
            matrix._save_pending()
        super().closeEvent(event)


__all__ = ["VIEWS", "AnalysisWindow"]
