"""Code frequencies (table + bar chart) and code co-occurrence (table + heatmap)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.analysis.base import AnalysisView, hint
from app.analysis.common import (
    SORT_ROLE,
    ChartPanel,
    Choices,
    FilterBar,
    TableModel,
    combo,
    labelled,
    option_bar,
    translated_items,
)
from app.itemmodels.codebook_model import swatch
from coding.i18n import QT_TRANSLATE_NOOP
from coding.codebook import parse_rows_spec
from coding.analysis.cooccurrence import Cooccurrence, cooccurrence
from coding.analysis.filters import SegmentFilter
from coding.analysis.frequencies import CodeFrequencies, Column, code_frequencies
from coding.export.tables import code_frequency_sheets, cooccurrence_sheets

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

WORD_SHARE_DEFAULT_LIMIT = 300  # documents
# Labels translated (context "AnalysisOptions") where shown.
MEASURES = ((QT_TRANSLATE_NOOP("AnalysisOptions", "Codings"), "codings"),
            (QT_TRANSLATE_NOOP("AnalysisOptions", "Documents"), "documents"),
            (QT_TRANSLATE_NOOP("AnalysisOptions", "Cases"), "cases"),
            (QT_TRANSLATE_NOOP("AnalysisOptions", "Share of words coded (%)"), "share"))
UNITS = ((QT_TRANSLATE_NOOP("AnalysisOptions", "Overlapping codings"), "overlap"),
         (QT_TRANSLATE_NOOP("AnalysisOptions", "Same sentence"), "sentence"),
         (QT_TRANSLATE_NOOP("AnalysisOptions", "Same speaker turn"), "turn"))
UNIT_TIPS = QT_TRANSLATE_NOOP(
    "AnalysisOptions",
    "overlapping: two codings of one coder that share at least one character\n"
    "same sentence / turn: both codes applied by one coder somewhere in the same sentence or speaker turn"
)


def fill_rows_combo(box: QComboBox, choices: Choices, default: str) -> None:
    """Which codes are rows: all, one level, or the most specific codes."""
    current = box.currentData() or default
    box.blockSignals(True)
    box.clear()
    box.addItem(QCoreApplication.translate("AnalysisOptions", "All codes"), "all")
    for level in range(1, choices.depth() + 1):
        box.addItem(QCoreApplication.translate("AnalysisOptions", "Level {level}").format(level=level), f"level{level}")
    box.addItem(QCoreApplication.translate("AnalysisOptions", "Most specific codes"), "leaves")
    index = box.findData(current)
    if index < 0:
        index = box.findData(default) if box.findData(default) >= 0 else box.count() - 2
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(False)


def fill_columns_combo(box: QComboBox, choices: Choices, *, fixed: list[tuple[str, str]], default: str) -> None:
    """Columns: the fixed choices, then one "By <attribute>" per case attribute."""
    current = box.currentData() or default
    box.blockSignals(True)
    box.clear()
    for label, data in fixed:
        box.addItem(QCoreApplication.translate("AnalysisOptions", label), data)
    for name in choices.attribute_names():
        box.addItem(QCoreApplication.translate("AnalysisOptions", "By {attribute}").format(attribute=name),
                    f"attribute:{name}")
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(False)


def column_label(column: Column) -> str:
    """A column's name on screen: "All documents" in the interface language, else the document, case or value."""
    return QCoreApplication.translate("frequencies", column.label) if column.key == "all" else column.label


def code_icons(choices: Choices, code_ids: list[int]) -> list[QIcon | None]:
    icons: dict[str, QIcon] = {}
    return [icons.setdefault(choices.tree.codes[c].colour, swatch(choices.tree.codes[c].colour))
            if c in choices.tree.codes else None for c in code_ids]


def table_view(model: TableModel, parent: QWidget | None = None,
               sortable: bool = True) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSortingEnabled(sortable)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table, proxy


def fit_table(splitter: QSplitter, table: QTableView, share: float = 0.55) -> None:
    """Give the table (first in the splitter) the width of its columns, at most ``share`` of the space."""
    header = table.horizontalHeader()
    wanted = sum(header.sectionSize(c) for c in range(header.count())) + 2 * table.frameWidth() + 24
    total = sum(splitter.sizes())
    if total > 0:
        left = min(wanted, int(total * share))
        splitter.setSizes([left, total - left])


# == code frequencies ======================================================================================
def count_codes(by: str, rows: str, rollup: bool, words: bool, flt: SegmentFilter) -> WorkFor[CodeFrequencies]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> CodeFrequencies:
        from coding.codebook import CodeTree

        with project.session() as session:
            tree = CodeTree.load(session)
            return code_frequencies(session, by=by, codes=parse_rows_spec(tree, rows), rollup=rollup, flt=flt,
                                    words=words, tree=tree, progress=progress, cancel=cancelled)

    return work


def measure_values(result: CodeFrequencies, measure: str) -> np.ndarray:
    if measure == "share":
        share = result.share()
        return np.zeros_like(result.codings, dtype=float) if share is None else 100.0 * share
    values: np.ndarray = getattr(result, measure)  # "codings", "segments", … : one of the result's arrays
    return values


class CodeFrequencyView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Code frequencies")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.by = QComboBox()
        self.rows = QComboBox()
        self.rollup = QCheckBox(QCoreApplication.translate("AnalysisOptions", "Roll up"))
        self.rollup.setChecked(True)
        self.rollup.setToolTip(QCoreApplication.translate("AnalysisOptions",
                                                          "A code counts the codings of the codes below it too"))
        self.words = QCheckBox(QCoreApplication.translate("CodeFrequencyView", "Share of words"))
        # Measuring shares reads every transcript's words: on by default only where that is quick.
        self.words.setChecked(controller.choices().documents <= WORD_SHARE_DEFAULT_LIMIT)
        self.words.setToolTip(QCoreApplication.translate(
            "CodeFrequencyView", "Also measure the share of each column's words that the code covers "
            "(reads every transcript's words: slower on large projects)"))
        self.measure = combo(translated_items("AnalysisOptions", MEASURES), "codings")
        self.filters = FilterBar()
        self.export_button = QPushButton(QCoreApplication.translate("AnalysisOptions", "Export table…"))
        self.export_button.setEnabled(False)
        self.model = TableModel(self)
        self.table, self.proxy = table_view(self.model, self)
        self.chart = ChartPanel(QCoreApplication.translate("AnalysisOptions", "Bar chart"))
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.splitter = splitter
        self.layout_.addLayout(option_bar(labelled(QCoreApplication.translate("AnalysisOptions", "Rows"), self.rows),
                                          labelled(QCoreApplication.translate("AnalysisOptions", "Columns"), self.by),
                                          self.rollup, self.words,
                                          labelled(QCoreApplication.translate("AnalysisOptions", "Show"), self.measure)))
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(splitter, 1)
        for box in (self.by, self.rows):
            box.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.rollup.toggled.connect(lambda _on: self.schedule_refresh())
        self.words.toggled.connect(self._words_toggled)
        self.measure.currentIndexChanged.connect(lambda _i: self.show_result(self.result) if self.result else None)
        self.filters.changed.connect(self.schedule_refresh)
        self.export_button.clicked.connect(self.export)
        self.reload_choices()
        self._words_toggled(self.words.isChecked(), refresh=False)

    def reload_choices(self) -> None:
        choices = self.controller.choices()
        fill_rows_combo(self.rows, choices, "all")
        fill_columns_combo(self.by, choices, default="all",
                           fixed=[(QT_TRANSLATE_NOOP("AnalysisOptions", "All documents"), "all"),
                                  (QT_TRANSLATE_NOOP("AnalysisOptions", "By document"), "document"),
                                  (QT_TRANSLATE_NOOP("AnalysisOptions", "By case"), "case")])
        self.filters.set_choices(choices, self.controller.blind_coder())

    def _words_toggled(self, on: bool, refresh: bool = True) -> None:
        share = self.measure.findData("share")
        model = self.measure.model()
        assert isinstance(model, QStandardItemModel)  # a combo box's own model
        item = model.item(share)
        assert item is not None
        item.setEnabled(on)
        if not on and self.measure.currentData() == "share":
            self.measure.setCurrentIndex(0)
        if refresh:
            self.schedule_refresh()

    def work(self) -> Work | None:
        return count_codes(str(self.by.currentData()), str(self.rows.currentData()), self.rollup.isChecked(),
                           self.words.isChecked(), self.filters.segment_filter())

    def show_result(self, result: CodeFrequencies) -> None:
        from coding.analysis.charts import code_frequency_chart

        measure = str(self.measure.currentData())
        if measure == "share" and result.coded_words is None:
            measure = "codings"
        values = measure_values(result, measure)
        choices = self.controller.choices()
        names = ["    " * (level - 1) + choices.labels.name_by_id(code_id, path.split("/")[-1])
                 for code_id, path, level in zip(result.code_ids, result.code_paths, result.code_levels, strict=True)]
        rows = [[name, *[float(v) if measure == "share" else int(v) for v in values[i]]]
                for i, name in enumerate(names)]
        headers = [QCoreApplication.translate("AnalysisOptions", "Code"), *[column_label(c) for c in result.columns]]
        self.model.set_table(headers, rows, tooltips=[p.replace("/", " › ") for p in result.code_paths],
                             icons=code_icons(choices, result.code_ids), decimals=1)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 300)
        for column in range(1, len(headers)):
            header.resizeSection(column, 110)
        fit_table(self.splitter, self.table, 0.6)
        if result.code_ids:  # built and drawn in the chart process, its codes named as the table names them
            shown = replace(result, code_paths=[choices.labels.path_by_id(code_id, path) for code_id, path
                                                in zip(result.code_ids, result.code_paths, strict=True)])
            self.chart.show_chart(code_frequency_chart, shown, measure=measure)
        else:
            self.chart.set_figure(None, QCoreApplication.translate("AnalysisOptions", "No codes to chart."))
        label = QCoreApplication.translate("AnalysisOptions", next(label for label, data in MEASURES if data == measure))
        self.status.setText(
            QCoreApplication.translate("CodeFrequencyView", "{measure} for {codes} codes × {columns} column(s)")
            .format(measure=label, codes=len(result.code_ids), columns=len(result.columns))
            + (QCoreApplication.translate("CodeFrequencyView", "; each code counts the codes below it")
               if result.rollup else ""))
        self.export_button.setEnabled(bool(result.code_ids))

    def export(self) -> None:
        if self.result is not None:
            self.controller.exports.export_table(QT_TRANSLATE_NOOP("ExportTables", "code frequencies"), code_frequency_sheets(self.result),
                                                 "code_frequencies", (".xlsx", ".csv"))


# == co-occurrence ========================================================================================
def count_cooccurrence(unit: str, rows: str, rollup: bool, flt: SegmentFilter) -> WorkFor[Cooccurrence]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> Cooccurrence:
        from coding.codebook import CodeTree

        with project.session() as session:
            tree = CodeTree.load(session)
            return cooccurrence(session, unit=unit, codes=parse_rows_spec(tree, rows), rollup=rollup, flt=flt,
                                tree=tree)

    return work


class CooccurrenceTableModel(TableModel):
    """The diagonal (a code with itself: its own count) is shown, but greyed, as it is not a pair."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == index.row() + 1:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#9e9e9e"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("CooccurrenceView", "A code with itself: the number of its codings counted")
        return super().data(index, role)


class CooccurrenceView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Co-occurrence")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.unit = combo(translated_items("AnalysisOptions", UNITS), "turn",
                          QCoreApplication.translate("AnalysisOptions", UNIT_TIPS))
        self.rows = QComboBox()
        self.rollup = QCheckBox(QCoreApplication.translate("AnalysisOptions", "Roll up"))
        self.rollup.setChecked(True)
        self.rollup.setToolTip(QCoreApplication.translate("AnalysisOptions",
                                                          "A code counts the codings of the codes below it too"))
        self.filters = FilterBar()
        self.export_button = QPushButton(QCoreApplication.translate("AnalysisOptions", "Export table…"))
        self.export_button.setEnabled(False)
        self.model = CooccurrenceTableModel(self)
        self.table, self.proxy = table_view(self.model, self, sortable=False)
        self.chart = ChartPanel(QCoreApplication.translate("AnalysisOptions", "Heatmap"))
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(hint(QCoreApplication.translate(
            "CooccurrenceView", "Each cell counts the times both codes were applied by the same coder within one unit (overlapping, "
            "or in the same sentence or speaker turn). The grey diagonal counts each code on its own.")))
        left_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self.layout_.addLayout(option_bar(labelled(QCoreApplication.translate("AnalysisOptions", "Codes"), self.rows),
                                          labelled(QCoreApplication.translate("CooccurrenceView", "Together in"),
                                                   self.unit), self.rollup))
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(splitter, 1)
        for box in (self.unit, self.rows):
            box.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.rollup.toggled.connect(lambda _on: self.schedule_refresh())
        self.filters.changed.connect(self.schedule_refresh)
        self.export_button.clicked.connect(self.export)
        self.reload_choices()

    def reload_choices(self) -> None:
        choices = self.controller.choices()
        fill_rows_combo(self.rows, choices, f"level{min(3, max(choices.depth(), 1))}")
        self.filters.set_choices(choices, self.controller.blind_coder())

    def work(self) -> Work | None:
        return count_cooccurrence(str(self.unit.currentData()), str(self.rows.currentData()),
                                  self.rollup.isChecked(), self.filters.segment_filter())

    def show_result(self, result: Cooccurrence) -> None:
        from coding.analysis.charts import cooccurrence_heatmap

        # Numbered columns keep a wide matrix readable; each header's tooltip names its code.
        labels = self.controller.choices().labels
        names = [labels.name_by_id(code_id, name) for code_id, name in zip(result.code_ids, result.names, strict=True)]
        rows = [[f"{i + 1}  {name}", *[int(v) for v in result.counts[i]]] for i, name in enumerate(names)]
        code = QCoreApplication.translate("AnalysisOptions", "Code")
        self.model.set_table([code, *[str(i + 1) for i in range(len(result.names))]], rows,
                             tooltips=[p.replace("/", " › ") for p in result.paths],
                             icons=code_icons(self.controller.choices(), result.code_ids),
                             header_tips=[code, *[f"{i + 1}: {p.replace('/', ' › ')}" for i, p in
                                                    enumerate(result.paths)]])
        header = self.table.horizontalHeader()
        self.table.resizeColumnToContents(0)
        header.resizeSection(0, min(max(header.sectionSize(0), 160), 300))
        for column in range(1, len(rows) + 1):
            header.resizeSection(column, 52)
        fit_table(self.splitter, self.table)
        # No taller than its rows, so the note sits right under the table.
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setMaximumHeight(height + 2 * self.table.frameWidth()
                                    + self.table.horizontalScrollBar().sizeHint().height())
        if result.code_ids:
            shown = replace(result, names=names)  # the heatmap names the codes as the table does
            self.chart.show_chart(cooccurrence_heatmap, shown)  # built and drawn in the chart process
        else:
            self.chart.set_figure(None, QCoreApplication.translate("AnalysisOptions", "No codes to chart."))
        pairs = result.pairs()
        unit = QCoreApplication.translate("AnalysisOptions", {data: label for label, data in UNITS}[result.unit]).lower()
        top = QCoreApplication.translate("CooccurrenceView", "; most frequent: {code_a} + {code_b} ({count})").format(
            code_a=labels.name(str(pairs[0]['code_a'])), code_b=labels.name(str(pairs[0]['code_b'])),
            count=pairs[0]['count']) if pairs else ""
        self.status.setText(QCoreApplication.translate("CooccurrenceView", "{count} pairs of codes found together ({unit}){top}")
                            .format(count=len(pairs), unit=unit, top=top))
        self.export_button.setEnabled(bool(rows))

    def export(self) -> None:
        if self.result is not None:
            self.controller.exports.export_table(QT_TRANSLATE_NOOP("ExportTables", "co-occurrence"), cooccurrence_sheets(self.result), "cooccurrence",
                                                 (".xlsx", ".csv"))


__all__ = ["CodeFrequencyView", "CooccurrenceView", "fill_columns_combo", "fill_rows_combo", "measure_values"]
