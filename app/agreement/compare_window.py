"""The agreement window: choose what to compare, run the comparison in a worker (progress, cancel), read the
results table and heatmap, and keep, reopen, delete and export stored runs.

The worker opens its own ``Project`` (SQLite connections never cross threads), runs
``coding.agreement.run_comparison`` and stores the run with ``store_run`` in one session; the window then reopens
the stored run in another worker (``reopen_work``: a run over thousands of documents holds about a million
figures), so what the table shows is exactly what the file holds and the window never waits for the file.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import dialogs, workers
from app.operations import Operation, location_of
from app.agreement import files
from app.agreement.charts import ChartCanvas, heatmap_spec
from coding.agreement.chart_drawing import draw_heatmap
from app.agreement.colours import BandLegend, title_of
from app.agreement.form import CompareForm
from app.agreement.methods_view import MethodsDialog
from app.agreement.notes import shown_note
from app.agreement.results_model import ResultsModel, RunView
from app.agreement.runs_panel import RunsPanel
from app.code_labels import CodeLabels
from app.i18n import number
from app.itemmodels.column_widths import fit_columns
from app.export_language import ExportLanguageChoice
from app.paper import PaperChoice, settings_of
from app.workbench import Workbench
from coding.agreement.compare import DISAGREEMENTS, ComparisonParams, ComparisonResult, run_comparison
from coding.agreement.runs import delete_run, load_run, store_run
from coding.changes import Changes
from coding.errors import CancelledError, ConcordError
from coding.export.agreement_report import export_agreement_report
from coding.i18n import use_language
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name
from coding.progress import Cancel, Progress
from coding.project import Project

AGREEMENT = Changes(agreement=True)
PREVIEW_WAIT_S = 2.0  # the longest the worker waits for the window to show the computed figures
PREVIEW_SETTLE_MS = 150  # and how long it leaves the window after that, to finish painting them
FIT_ROWS = 40  # rows the results table's column widths are fitted to (see _fit_columns)
UNITS_SHOWN = ((QT_TRANSLATE_NOOP("AgreementWindow", "All units and coded units"), ("all", "coded")),
               (QT_TRANSLATE_NOOP("AgreementWindow", "All units only"), ("all",)),
               (QT_TRANSLATE_NOOP("AgreementWindow", "Coded units only"), ("coded",)))
translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls


def comparison_work(params: ComparisonParams, label: str, actor: str,
                    preview: Callable[[RunView], None] | None = None) -> workers.Work:
    """The worker's job: compare, then store the run in the same transaction; returns the run id. ``preview``
    receives the figures as soon as they are computed (not yet stored), so the window can show them while the
    run is written and read back."""

    def work(project: Project, progress: Progress, cancelled: Cancel) -> int:
        with project.session() as session:
            result: ComparisonResult = run_comparison(session, params, progress, cancelled)
            if cancelled():
                raise CancelledError("agreement comparison cancelled; nothing was stored")
            if preview is not None:  # shaped here, so the GUI thread only fills its widgets
                preview(RunView.from_result(result, label=label).prepare())
            return store_run(session, result, label=label, actor=actor, cancel=cancelled)

    return work


class DocumentScopes(QAbstractListModel):
    """The Documents box's choices: "All documents", then each document of the run (thousands at scale). A list
    model over two lists: filling it makes no item per document and the box never measures every name."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._uuids: list[str | None] = []

    def set_documents(self, names: dict[str, str] | None) -> None:
        """``names`` (uuid -> name) of a run, or None for no run (the box is then empty)."""
        self.beginResetModel()
        if names is None:
            self._names, self._uuids = [], []
        else:
            everything = translate("AgreementWindow", "All documents")
            self._names, self._uuids = [everything, *names.values()], [None, *names]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._names):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._names[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return self._uuids[index.row()]
        return None


class _Preview(QObject):
    """Carries computed figures from the worker thread to the window (a queued signal), then holds the worker
    until the window has shown them (at most ``PREVIEW_WAIT_S``): storing a large run keeps the worker busy in
    Python, and the GUI thread would otherwise fill the table while fighting it for the GIL and the CPU."""

    ready = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown = threading.Event()

    def send(self, run: RunView) -> None:
        self.shown.clear()
        try:
            self.ready.emit(run)
        except RuntimeError:  # the window closed meanwhile: nobody to show it to
            return
        self.shown.wait(PREVIEW_WAIT_S)

    def showing(self) -> None:
        """Called on the GUI thread once the preview is on screen (or will not be shown)."""
        self.shown.set()


def return_freed_memory() -> None:
    """Give the system back the heap a finished comparison freed. glibc keeps freed blocks of a worker thread's
    numpy arrays and rows in that thread's arena (about 400 MB after a run over 5,500 documents), so the
    window's memory would stay at its peak; ``malloc_trim`` releases them. A no-op off glibc."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl, …): nothing to trim
        pass


def reopen_work(run_id: int) -> workers.Work:
    """The worker's job when a stored run is reopened: read it (its per-document figures come back as one packed
    block) and shape it for the window; returns a RunView."""

    def work(project: Project, progress: Progress, cancelled: Cancel) -> RunView:
        with project.session() as session:
            return RunView.from_stored(load_run(session, run_id)).prepare()

    return work


class AgreementWindow(QDialog):
    """Compare coders, read the results, keep the runs. One per open project."""

    review_requested = Signal(object)  # RunView: open the disagreement review for its coders

    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.task: Operation | None = None
        self.reopening: Operation | None = None  # a stored run being read in a worker
        self._preview = _Preview(self)  # computed figures, shown while the run is stored and read back
        self._preview.ready.connect(self._show_preview)
        self.run: RunView | None = None
        self._shown_before: RunView | None = None
        self._heatmap_stale = True
        self._stale = Changes()
        self.setObjectName("agreementWindow")
        self.setWindowTitle(translate("AgreementWindow", "Inter-coder agreement — {project}").format(
            project=self._project_name()))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1380, 860)
        self._build()
        self.reload_project()
        self.show_run(None)
        bench.changes_applied.connect(self._on_changes)

    # == building =======================================================================================
    def _build(self) -> None:
        self.form = CompareForm()
        self.compare_button = QPushButton(translate("AgreementWindow", "Compare"))
        self.compare_button.setObjectName("primaryButton")
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.start_comparison)
        self.cancel_button = QPushButton(translate("AgreementWindow", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        run_row = QHBoxLayout()
        run_row.addWidget(self.compare_button, 1)
        run_row.addWidget(self.cancel_button)

        inner = QWidget()
        left = QVBoxLayout(inner)
        left.setContentsMargins(12, 12, 12, 12)
        left.addWidget(self.form, 1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 12)
        panel_layout.addWidget(scroll, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(12, 0, 12, 0)
        footer.addLayout(run_row)
        footer.addWidget(self.progress)
        footer.addWidget(self.status)
        panel_layout.addLayout(footer)
        panel.setMinimumWidth(300)
        panel.setMaximumWidth(400)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_results(), translate("AgreementWindow", "Results"))
        self.tabs.addTab(self._build_heatmap(), translate("AgreementWindow", "Heatmap"))
        self.runs_panel = RunsPanel(self.bench)
        self.runs_panel.open_requested.connect(self.open_run)
        self.runs_panel.delete_requested.connect(self.delete_run)
        self.runs_panel.export_requested.connect(self.export_run)
        self.tabs.addTab(self.runs_panel, translate("AgreementWindow", "Stored runs"))
        self.tabs.currentChanged.connect(self._tab_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(panel)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 1060])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._set_running(False)

    def _build_results(self) -> QWidget:
        self.run_title = QLabel()
        self.run_title.setObjectName("transcriptTitle")
        self.run_description = QLabel()
        self.run_description.setObjectName("transcriptSubtitle")
        self.run_description.setWordWrap(True)
        self.run_notes = QLabel()
        self.run_notes.setObjectName("hint")
        self.run_notes.setWordWrap(True)
        self.coder_scope = QComboBox()
        self.coder_scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.document_scope = QComboBox()
        self.document_scopes = DocumentScopes(self.document_scope)
        self.document_scope.setModel(self.document_scopes)
        # sized by a typical name, not by measuring thousands of them at every run shown
        self.document_scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.document_scope.setMinimumContentsLength(24)
        self.document_scope.setMinimumWidth(200)
        self.units_shown = QComboBox()
        self.units_shown.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, units in UNITS_SHOWN:
            self.units_shown.addItem(translate("AgreementWindow", text), units)
        self.intervals = QCheckBox(translate("AgreementWindow", "Confidence intervals"))
        self.intervals.setChecked(True)
        self.coder_scope.currentIndexChanged.connect(self._scope_changed)
        self.document_scope.currentIndexChanged.connect(self._scope_changed)
        self.units_shown.currentIndexChanged.connect(
            lambda: self.model.set_units_shown(self.units_shown.currentData() or ("all", "coded")))
        self.intervals.toggled.connect(lambda on: self.model.set_show_intervals(on))
        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("AgreementWindow", "Coders:")))
        controls.addWidget(self.coder_scope)
        controls.addSpacing(12)
        controls.addWidget(QLabel(translate("AgreementWindow", "Documents:")))
        controls.addWidget(self.document_scope)
        controls.addSpacing(12)
        controls.addWidget(QLabel(translate("AgreementWindow", "Show:")))
        controls.addWidget(self.units_shown)
        controls.addSpacing(12)
        controls.addWidget(self.intervals)
        controls.addStretch(1)

        self.model: ResultsModel = ResultsModel(self)  # annotated: the lambdas above use it first
        self.table = QTableView()
        self.table.setObjectName("resultsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setMinimumHeight(44)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.model.modelReset.connect(self._fit_columns)

        self.review_button = QPushButton(translate("AgreementWindow", "Review disagreements…"))
        self.review_button.clicked.connect(lambda: self.review_requested.emit(self.run))
        self.export_button = QPushButton(translate("AgreementWindow", "Export report…"))
        self.export_button.clicked.connect(lambda: self.export_run(self.run.run_id if self.run else None))
        self.methods_button = QPushButton(translate("AgreementWindow", "Methods paragraph…"))
        self.methods_button.setToolTip(translate("AgreementWindow", "The run's methods paragraph in English and "
                                                                    "Chinese, to copy into a paper"))
        self.methods_button.clicked.connect(self.show_methods)
        self.paper = PaperChoice(settings_of(self.parentWidget()))  # the locale's until the user chooses
        self.report_language = ExportLanguageChoice()  # the interface language until the user chooses
        buttons = QHBoxLayout()
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.methods_button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(translate("AgreementWindow", "Paper:")))
        buttons.addWidget(self.paper)
        buttons.addWidget(self.report_language)
        buttons.addWidget(self.export_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.run_title)
        layout.addWidget(self.run_description)
        layout.addWidget(self.run_notes)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(BandLegend())
        layout.addLayout(buttons)
        return page

    def _build_heatmap(self) -> QWidget:
        self.heat_measure = QComboBox()
        self.heat_units = QComboBox()
        self.heat_units.addItem(translate("AgreementWindow", "all units"), "all")
        self.heat_units.addItem(translate("AgreementWindow", "coded units"), "coded")
        self.heat_columns = QComboBox()
        self.heat_columns.addItem(translate("AgreementWindow", "Codes × coder pairs"), "pairs")
        self.heat_columns.addItem(translate("AgreementWindow", "Codes × documents"), "documents")
        for combo in (self.heat_measure, self.heat_units, self.heat_columns):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._heatmap_changed)
        self.save_heatmap_button = QPushButton(translate("AgreementWindow", "Save image…"))
        self.save_heatmap_button.clicked.connect(self.save_heatmap)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("AgreementWindow", "Measure:")))
        controls.addWidget(self.heat_measure)
        controls.addWidget(QLabel(translate("AgreementWindow", "over")))
        controls.addWidget(self.heat_units)
        controls.addSpacing(12)
        controls.addWidget(self.heat_columns)
        controls.addStretch(1)
        controls.addWidget(self.save_heatmap_button)
        self.heatmap = ChartCanvas()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(controls)
        layout.addWidget(self.heatmap, 1)
        return page

    # == project data ===================================================================================
    def _project_name(self) -> str:
        path = self.bench.project.path
        return path.stem if path else "project"

    def reload_project(self) -> None:
        """Coders, codes and stored runs as the project has them now."""
        with self.bench.project.session() as session:
            self.form.load(session)
            self.model.set_code_labels(CodeLabels.load(session))
        self.runs_panel.reload()

    def _on_changes(self, changes: Changes) -> None:
        if changes.coders or changes.codes or changes.codings or changes.consensus or changes.agreement:
            if self.isVisible():
                self._refresh(changes)
            else:
                self._stale |= changes  # catch up when the window shows again

    def _refresh(self, changes: Changes) -> None:
        if changes.coders or changes.codes or changes.codings or changes.consensus:
            with self.bench.project.session() as session:
                self.form.load(session)
                self.model.set_code_labels(CodeLabels.load(session))
        if changes.agreement:
            self.runs_panel.reload()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale.any():
            stale, self._stale = self._stale, Changes()
            self._refresh(stale)
        super().showEvent(event)

    # == running ========================================================================================
    def is_running(self) -> bool:
        """A comparison is running, or a run is being reopened."""
        return self.task is not None or self.reopening is not None

    def start_comparison(self) -> bool:
        """Check the form and start the worker; bad input gets a message and starts nothing."""
        if self.task is not None:
            return False
        params = self.form.params()
        if params is None:
            dialogs.show_error(self, self.form.problem)
            return False
        try:
            params = params.checked()
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return False
        actor = self.bench.coder_name
        path = location_of(self.bench.project)  # a file, or a server database: the worker reopens either
        # This window stops its own worker when it closes (closeEvent, detach), and still reports a run that
        # was stored before the cancel was seen: hence no stop-on-close.
        operation = Operation(self, comparison_work(params, self.form.run_label(), actor, self._preview.send),
                              project_path=path,
                              actor=actor, on_success=self._finished, on_failure=self._failed,
                              on_cancel=self._cancelled, stop_on_close=False, writes=True)
        operation.progressed.connect(self._progress)
        operation.stopped.connect(self._stopped)
        self.task = operation
        self._shown_before = self.run  # back on screen if this run is cancelled after its preview showed
        self._set_running(True)
        self.status.setText(translate("AgreementWindow", "Comparing {coders}…").format(coders=", ".join(params.coders)))
        operation.start_after_paint(self)  # the window shows the run under way before the worker takes the GIL
        return True

    def cancel(self) -> None:
        if self.task is None:
            return
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(translate("AgreementWindow", "Cancelling…"))

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.task is None or not self.task.cancelled:
            self.status.setText(translate("AgreementWindow", "{step} ({done} of {total})").format(
                step=label, done=done, total=total))  # the step is in the interface language already

    def _stopped(self) -> None:
        self.task = None
        self._set_running(False)

    def _finished(self, run_id: int) -> None:  # comparison_work's result: the stored run's id
        self.status.setText(translate("AgreementWindow", "Stored as run {run}.").format(run=run_id))
        self.bench.notify(AGREEMENT)
        self.open_run(run_id, announce=False)

    def _cancelled(self, _message: str) -> None:
        self._drop_preview()
        self.status.setText(translate("AgreementWindow", "Cancelled — nothing was stored."))

    def _failed(self, message: str) -> None:
        self._drop_preview()
        self.status.setText(translate("AgreementWindow", "The comparison did not run."))
        dialogs.show_error(self, message)

    def _drop_preview(self) -> None:
        """Figures shown before they were stored go when the run is not stored: the window shows what it
        showed before Compare was pressed."""
        if self.run is not None and self.run.run_id is None:
            self.show_run(self._shown_before)

    def _set_running(self, running: bool) -> None:
        self.compare_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.cancel_button.setVisible(running)
        self.form.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)

    def wait_for_worker(self, seconds: float = 60) -> None:
        """Cancel a running comparison and wait until the worker has let go of the file."""
        for operation in (self.task, self.reopening):
            if operation is not None:
                operation.stop(seconds)

    # == showing a run ==================================================================================
    def open_run(self, run_id: int, announce: bool = True) -> bool:
        """Reopen a stored run. It is read in a worker (a run over thousands of documents holds about a million
        figures) and shown when read; returns whether the reading started."""
        path = location_of(self.bench.project)
        if self.reopening is not None:
            self.reopening.cancel()
        operation = Operation(self, reopen_work(run_id), project_path=path, read_only=True,
                              on_success=self._reopened, on_failure=lambda message: dialogs.show_error(self, message),
                              stop_on_close=False)
        operation.stopped.connect(lambda: self._reopen_stopped(operation))
        self.reopening = operation
        if announce:
            self.status.setText(self._opening(run_id))
        operation.start()
        return True

    def _show_preview(self, run: object) -> None:
        """The computed figures, at once: the stored run replaces them when it has been read back."""
        if isinstance(run, RunView) and self.task is not None:
            self.show_run(run)
            self.status.setText(translate("AgreementWindow", "Storing the run…"))
        # The worker waits until the table has been laid out and painted (queued behind this, then a few more
        # turns of the event loop while the header fits its columns), not competing with it for the GIL.
        QTimer.singleShot(0, lambda: QTimer.singleShot(PREVIEW_SETTLE_MS, self._preview.showing))

    def _reopen_stopped(self, operation: Operation) -> None:
        if self.reopening is operation:
            self.reopening = None

    def _reopened(self, run: object) -> None:
        assert isinstance(run, RunView)
        return_freed_memory()  # the comparison and the reading are over: their peak need not stay
        if self.status.text() == self._opening(run.run_id):
            self.status.clear()
        if self._is_preview_of(run):
            self._adopt(run)
        else:
            self.show_run(run)
        self._show_convention_of(run.parameters.get("convention"))
        if run.run_id is not None:
            self.runs_panel.select_run(run.run_id)
        self.tabs.setCurrentIndex(0)

    @staticmethod
    def _opening(run_id: int | None) -> str:
        return translate("AgreementWindow", "Opening run {run}…").format(run=run_id)

    def _is_preview_of(self, run: RunView) -> bool:
        """Whether the window shows the computed figures of ``run``, just stored and read back (the same
        figures: the table, scopes and heatmap choices need not be built again, a pause of 0.1–0.2 s at 100×)."""
        shown = self.run
        return (shown is not None and shown.run_id is None and run.run_id is not None
                and shown.parameters == run.parameters and len(shown.figures) == len(run.figures))

    def _adopt(self, run: RunView) -> None:
        """Show ``run`` in place of its preview: the stored run's figures back every later choice of scope."""
        self.run = run
        self.model.run = run
        self.run_title.setText(run.title())
        self.run_description.setText(run.description())
        self.export_button.setEnabled(True)

    def _show_convention_of(self, convention: str | None) -> None:
        """A reopened run's vendor convention goes back into the form, so comparing again repeats it."""
        index = self.form.convention.findData(convention) if convention else 0
        if index >= 0:
            self.form.convention.setCurrentIndex(index)

    def show_run(self, run: RunView | None) -> None:
        self.run = run
        self.model.set_run(run)
        has_run = run is not None
        self.review_button.setEnabled(has_run)
        self.export_button.setEnabled(run is not None and run.run_id is not None)
        self.methods_button.setEnabled(has_run)
        self.save_heatmap_button.setEnabled(has_run)
        if run is None:
            self.run_title.setText(translate("AgreementWindow", "No comparison yet"))
            self.run_description.setText(translate("AgreementWindow", "Tick the coders and what to compare on the "
                                                                      "left, then press Compare. Every comparison "
                                                                      "is stored in the project; earlier ones are "
                                                                      "under Stored runs."))
            self.run_notes.clear()
        else:
            self.run_title.setText(run.title())
            self.run_description.setText(run.description())
            notes = [shown[:1].upper() + shown[1:]
                     for shown in (shown_note(note, self.model.labels) for note in run.parameters.get("notes") or []
                                   if note)]
            self.run_notes.setText("  ".join(notes))
        self.run_notes.setVisible(bool(self.run_notes.text()))
        self._fill_scopes(run)
        self.intervals.setVisible(bool(run and run.has_intervals()))
        self._fill_heatmap_measures(run)

    def _fill_scopes(self, run: RunView | None) -> None:
        for combo in (self.coder_scope, self.document_scope):
            combo.blockSignals(True)
        self.coder_scope.clear()
        if run is not None:
            raters = run.raters
            for coder_a, coder_b in run.coder_scopes():
                if coder_a is None:
                    text = " × ".join(raters) if len(raters) == 2 else translate(
                        "AgreementWindow", "All {count} coders").format(count=len(raters))
                else:
                    text = f"{coder_a} × {coder_b}"
                self.coder_scope.addItem(text, (coder_a, coder_b))
        self.document_scopes.set_documents(
            None if run is None else run.document_names() if run.has_documents() else {})
        self.document_scope.setCurrentIndex(0 if run is not None else -1)
        for combo in (self.coder_scope, self.document_scope):
            combo.blockSignals(False)
            combo.setEnabled(combo.count() > 1)

    def _scope_changed(self) -> None:
        scope = self.coder_scope.currentData() or (None, None)
        document = self.document_scope.currentData()
        if document is not None and self.run is not None and not self.run.figures.mask(
                document_uuid=document, coder_a=scope[0], coder_b=scope[1]).any():
            self.status.setText(translate("AgreementWindow", "This run has no per-document figures for a coder pair."))
        self.model.set_scope(tuple(scope), document)

    def _fit_columns(self) -> None:
        # Sized once from the first rows, not all of them: a run over 5,500 documents at all levels has hundreds
        # of rows, and Qt's own fitting asked the model for every sampled cell again at each layout.
        fit_columns(self.table, FIT_ROWS, stretch=0)

    # == heatmap ========================================================================================
    def _fill_heatmap_measures(self, run: RunView | None) -> None:
        current = self.heat_measure.currentData()
        self.heat_measure.blockSignals(True)
        self.heat_measure.clear()
        if run is not None:
            for measure in [*run.measures, DISAGREEMENTS]:
                self.heat_measure.addItem(title_of(measure), measure)
            index = self.heat_measure.findData(current)
            if index < 0:
                index = max(self.heat_measure.findData("alpha"), 0)
            self.heat_measure.setCurrentIndex(index)
        self.heat_measure.blockSignals(False)
        self._heatmap_changed()

    def _heatmap_changed(self) -> None:
        self._heatmap_stale = True
        if self.tabs.currentIndex() == 1:
            self.draw_heatmap()

    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._heatmap_stale:
            self.draw_heatmap()

    def draw_heatmap(self) -> None:
        """Draw the heatmap of the shown run, off the GUI thread (``heatmap.cells``: how many cells have a value,
        once ``heatmap.drawn`` is emitted)."""
        self._heatmap_stale = False
        if self.run is None:
            self.heatmap.clear(translate("AgreementWindow", "Run a comparison to see the heatmap."))
            return
        measure = self.heat_measure.currentData() or "alpha"
        fixed = None  # some figures exist over one kind of units only
        if measure == "ualpha":
            fixed = "all"
        elif self.run.unit == "segment":
            fixed = "coded"
        elif measure == DISAGREEMENTS:
            fixed = "all"
        self.heat_units.setEnabled(fixed is None)
        units = fixed or self.heat_units.currentData()
        run, columns, labels = self.run, self.heat_columns.currentData(), self.model.labels
        # the spec is read from the run in the worker; the chart process gets only the spec
        self.heatmap.show_chart(draw_heatmap, compute=lambda: (heatmap_spec(run, measure, units, columns, labels),))

    def save_heatmap(self) -> Path | None:
        if self.run is None:
            return None
        if self._heatmap_stale:
            self.draw_heatmap()
        measure = self.heat_measure.currentData() or "alpha"
        suggested = str(Path.home() / f"agreement_{self._project_name()}_{measure}.png")
        target = files.save_path(self, translate("AgreementWindow", "Save heatmap"), suggested,
                                 files.filters(files.IMAGE_FILTER))
        if not target:
            return None
        return self._attempt(lambda: self.heatmap.save(target),
                             translate("AgreementWindow", "Saved the heatmap to {file}."))

    # == stored runs ====================================================================================
    def delete_run(self, run_id: int) -> bool:
        if not dialogs.confirm(self, self._deletion_question(run_id),
                               ok_text=translate("AgreementWindow", "Delete")):
            return False
        try:
            with self.bench.project.session() as session:
                changes = delete_run(session, run_id, actor=self.bench.coder_name)
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return False
        if self.run is not None and self.run.run_id == run_id:
            self.show_run(None)
        self.bench.notify(changes)
        return True

    def _deletion_question(self, run_id: int) -> str:
        summary = next((r for r in self.runs_panel.runs if r.id == run_id), None)
        name = translate("AgreementWindow", "run {run}").format(run=run_id)
        if summary and summary.label:
            name = translate("AgreementWindow", "run {run} “{label}”").format(run=run_id, label=summary.label)
        if summary is None:
            return translate("AgreementWindow", "Delete {run}? This cannot be undone.").format(run=name)
        return translate("AgreementWindow", "Delete {run} and its {count} figures? This cannot be undone.").format(
            run=name, count=number(summary.figures))

    def export_run(self, run_id: int | None, paper: str | None = None) -> Path | None:
        """Save the run's report (.docx on the paper chosen beside the button, or .csv)."""
        if run_id is None:
            return None
        paper = paper or self.paper.paper()
        suggested = str(Path.home() / f"agreement_run_{run_id}.docx")
        title = translate("AgreementWindow", "Export the report of run {run} ({paper})").format(
            run=run_id, paper=self.paper.currentText())
        target = files.save_path(self, title, suggested, files.filters(files.REPORT_FILTER))
        if not target:
            return None

        language = self.report_language.language()

        def write() -> Path:
            with use_language(language), self.bench.project.session() as session:
                return export_agreement_report(session, run_id, target, paper=paper)

        done = translate("AgreementWindow", "Saved the report of run {run} to {file}.")
        return self._attempt(write, done.format(run=run_id, file="{file}"))  # the file is known once written

    def show_methods(self) -> MethodsDialog | None:
        """The shown run's methods paragraph (English and Chinese) in a dialog to copy or save."""
        if self.run is None:
            return None
        dialog = MethodsDialog(self.run.parameters, self.run.overall(), self.run.title(), self)
        dialog.show()
        self._methods_dialog = dialog  # kept so it is not collected while open
        return dialog

    def _attempt(self, action: Callable[[], Any], done: str) -> Path | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = Path(action())
        except ConcordError as exc:
            QGuiApplication.restoreOverrideCursor()
            dialogs.show_error(self, str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        self.status.setText(done.format(file=written))
        return written

    # == window =========================================================================================
    def closeEvent(self, event: QCloseEvent) -> None:
        self.wait_for_worker()
        super().closeEvent(event)

    def detach(self) -> None:
        """Stop listening to the workbench (the project is closing)."""
        self.wait_for_worker()
        try:
            self.bench.changes_applied.disconnect(self._on_changes)
        except (RuntimeError, TypeError):
            pass


__all__ = ["AgreementWindow", "comparison_work", "reopen_work", "return_freed_memory"]
