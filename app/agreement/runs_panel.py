"""Stored agreement runs: the list (open, delete, export) and one measure followed across runs as a line chart."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.agreement.charts import ChartCanvas
from coding.agreement.chart_drawing import draw_series
from app.agreement.colours import title_of
from app.agreement.results_model import unit_plural
from app.code_labels import CodeLabels
from app.i18n import number
from app.workbench import Workbench
from coding.agreement.compare import AVAILABLE_MEASURES
from coding.agreement.runs import RunSummary, find_run, list_runs, measure_series, series_trend
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name

translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
RUN_COLUMNS = (QT_TRANSLATE_NOOP("AgreementRuns", "Run"), QT_TRANSLATE_NOOP("AgreementRuns", "Computed"),
               QT_TRANSLATE_NOOP("AgreementRuns", "Label"), QT_TRANSLATE_NOOP("AgreementRuns", "Coders"),
               QT_TRANSLATE_NOOP("AgreementRuns", "Unit"), QT_TRANSLATE_NOOP("AgreementRuns", "Levels"),
               QT_TRANSLATE_NOOP("AgreementRuns", "Documents"), QT_TRANSLATE_NOOP("AgreementRuns", "Figures"))


class RunsPanel(QWidget):
    """Every stored run, oldest first; double-click (or Open) shows a run in the results tab."""

    open_requested = Signal(int)
    delete_requested = Signal(int)
    export_requested = Signal(int)

    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.runs: list[RunSummary] = []
        self._series_stale = False  # the chart waits for the panel to show
        self._parameters: tuple[str | None, dict[str, Any]] = (None, {})  # the latest run's, by its uuid
        self.table = QTableWidget(0, len(RUN_COLUMNS))
        self.table.setObjectName("runsTable")
        self.table.setHorizontalHeaderLabels([translate("AgreementRuns", title) for title in RUN_COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._emit(self.open_requested))
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.open_button = QPushButton(translate("AgreementRuns", "Open"))
        self.delete_button = QPushButton(translate("AgreementRuns", "Delete…"))
        self.export_button = QPushButton(translate("AgreementRuns", "Export report…"))
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self.export_button.clicked.connect(lambda: self._emit(self.export_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        self.measure = QComboBox()
        for name in AVAILABLE_MEASURES:
            self.measure.addItem(title_of(name), name)
        self.measure.setCurrentIndex(self.measure.findData("alpha"))
        self.code = QComboBox()
        self.code.setMinimumWidth(240)
        self.units = QComboBox()
        self.units.addItem(translate("AgreementRuns", "all units"), "all")
        self.units.addItem(translate("AgreementRuns", "coded units"), "coded")
        self.unit = QComboBox()
        self.chart = ChartCanvas(self)
        for combo in (self.measure, self.units, self.unit):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo in (self.measure, self.code, self.units, self.unit):
            combo.currentIndexChanged.connect(self.draw_series)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(translate("AgreementRuns", "Follow")))
        controls.addWidget(self.measure)
        controls.addWidget(QLabel(translate("AgreementRuns", "for")))
        controls.addWidget(self.code, 1)
        controls.addWidget(QLabel(translate("AgreementRuns", "over")))
        controls.addWidget(self.units)
        controls.addWidget(QLabel(translate("AgreementRuns", "of runs at")))
        controls.addWidget(self.unit)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addLayout(buttons)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 6, 0, 0)
        title = QLabel(translate("AgreementRuns", "Agreement over time"))
        title.setObjectName("sectionLabel")
        bottom_layout.addWidget(title)
        bottom_layout.addLayout(controls)
        bottom_layout.addWidget(self.chart, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([260, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)
        self._selection_changed()

    # -- list ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_run()
        with self.bench.project.session() as session:
            self.runs = list_runs(session, {run.id: run for run in self.runs})
            latest = self._latest_parameters(session)
            labels = CodeLabels.load(session)
        self.table.setRowCount(len(self.runs))
        for row, run in enumerate(self.runs):
            level = (translate("AgreementRuns", "all") if run.level in ("all", None)
                     else translate("AgreementRuns", "level {level}").format(level=run.level))
            values = (str(run.id), run.created_at.strftime("%Y-%m-%d %H:%M"), run.label, ", ".join(run.coders),
                      unit_plural(run.unit), level, str(run.documents), number(run.figures))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, run.id)
                if column in (0, 6, 7):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if selected is not None:
            self.select_run(selected)
        elif self.runs:
            self.select_run(self.runs[-1].id)
        self._fill_series_choices(latest, labels)
        self._selection_changed()
        if self.isVisible():
            self.draw_series()
        else:  # a run stored while the list is on a hidden tab: the chart is built when the tab shows
            self._series_stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._series_stale:
            self.draw_series()

    def _latest_parameters(self, session: Session) -> dict[str, Any]:
        # the parameters only: loading the whole run would unpack its per-document figures on the GUI thread;
        # read once per run (a run never changes, and its parameters are large at scale)
        if not self.runs:
            return {}
        latest = self.runs[-1]
        if self._parameters[0] != latest.uuid:
            self._parameters = (latest.uuid, dict(find_run(session, latest.id).parameters or {}))
        return self._parameters[1]

    def selected_run(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)  # every row's first cell holds its run's id
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def select_run(self, run_id: int) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == run_id:
                self.table.selectRow(row)
                return True
        return False

    def run_ids(self) -> list[int]:
        return [run.id for run in self.runs]

    def _emit(self, signal: SignalInstance) -> None:
        run_id = self.selected_run()
        if run_id is not None:
            signal.emit(run_id)

    def _selection_changed(self) -> None:
        chosen = self.selected_run() is not None
        for button in (self.open_button, self.delete_button, self.export_button):
            button.setEnabled(chosen)

    # -- over time -------------------------------------------------------------------------------------
    def _fill_series_choices(self, latest: dict[str, Any], labels: CodeLabels) -> None:
        code, unit = self.code.currentData(), self.unit.currentData()
        for combo in (self.code, self.unit):
            combo.blockSignals(True)
            combo.clear()
        self.code.addItem(translate("AgreementRuns", "All codes (pooled)"), ("pool", None))
        levels = sorted({int(c["level"]) for c in latest.get("compared_codes", []) if c.get("level") is not None})
        for level in levels:
            self.code.addItem(translate("AgreementRuns", "All level-{level} codes (pooled)").format(level=level),
                              ("pool", level))
        for compared in latest.get("compared_codes", []):
            depth = "    " * (int(compared.get("level") or 1) - 1)
            self.code.addItem(depth + labels.name(compared["path"], compared["uuid"]), ("code", compared["uuid"]))
        for kind in dict.fromkeys(run.unit for run in reversed(self.runs)):
            self.unit.addItem(unit_plural(kind), kind)
        self.code.setCurrentIndex(max(self.code.findData(code), 0))
        self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))
        for combo in (self.code, self.unit):
            combo.blockSignals(False)

    def draw_series(self) -> None:
        """Draw the chosen measure across the stored runs, off the GUI thread (``chart.cells``: how many runs gave
        a value, once ``chart.drawn`` is emitted)."""
        self._series_stale = False
        measure = self.measure.currentData()
        choice = self.code.currentData()
        unit = self.unit.currentData()
        if not self.runs or choice is None or unit is None:
            self.chart.clear(translate("AgreementRuns", "Store two or more runs to follow agreement over time."))
            return
        kind, value = choice
        code_uuid = value if kind == "code" else None
        level = value if kind == "pool" else None
        with self.bench.project.session() as session:
            points = measure_series(session, measure, code_uuid=code_uuid, level=level,
                                    units=self.units.currentData(), unit=unit)
        title = f"{self.code.currentText().strip()} — {self.units.currentText()}"
        trend = series_trend(points)
        self.chart.show_chart(draw_series, points, measure, title, trend)  # drawn in the chart process


__all__ = ["RUN_COLUMNS", "RunsPanel"]
