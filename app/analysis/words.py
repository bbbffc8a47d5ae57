"""Word frequencies: the most frequent words overall and per document, case or group, with or without stop words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QWidget,
)

from app.analysis.base import AnalysisView
from app.analysis.common import (
    SORT_ROLE,
    ChartPanel,
    FilterBar,
    TableModel,
    combo,
    labelled,
    option_bar,
    translated_items,
)
from app.analysis.frequencies import fit_table
from coding.i18n import QT_TRANSLATE_NOOP
from coding.analysis.filters import SegmentFilter
from coding.analysis.charts import CHART_WORDS, word_chart  # drawn in the chart process
from coding.analysis.words import WordFrequencies, word_frequencies
from coding.export.tables import word_frequency_sheets

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

UNITS = ((QT_TRANSLATE_NOOP("AnalysisOptions", "All documents"), "all"),
         (QT_TRANSLATE_NOOP("AnalysisOptions", "By document"), "document"),
         (QT_TRANSLATE_NOOP("AnalysisOptions", "By case"), "case"),
         (QT_TRANSLATE_NOOP("AnalysisOptions", "By document group"), "group"))


def count_words(by: str, top: int, include_stop_words: bool, scope: SegmentFilter) -> WorkFor[WordFrequencies]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> WordFrequencies:
        with project.session() as session:
            return word_frequencies(session, by=by, top=top, scope=scope, include_stop_words=include_stop_words,
                                    progress=progress, cancel=cancelled)

    return work


def frequency_rows(table: WordFrequencies) -> tuple[list[str], list[list[object]]]:
    """Rank, word, total and (when split) one column per document, case or group."""
    per_unit = table.by != "all"
    total = (QCoreApplication.translate("WordFrequencyView", "Total") if per_unit
             else QCoreApplication.translate("WordFrequencyView", "Count"))
    headers = ["#", QCoreApplication.translate("WordFrequencyView", "Word"), total,
               *(table.columns if per_unit else [])]
    rows: list[list[object]] = []
    for i, word in enumerate(table.words):
        rows.append([i + 1, word, int(table.totals[i]), *([int(v) for v in table.counts[i]] if per_unit else [])])
    return headers, rows


class WordFrequencyView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Word frequency")
    depends_on = ("documents", "cases", "attributes", "groups")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.by = combo(translated_items("AnalysisOptions", UNITS), "all")
        self.top = QSpinBox()
        self.top.setRange(10, 10_000)
        self.top.setSingleStep(50)
        self.top.setValue(100)
        self.top.setToolTip(QCoreApplication.translate("WordFrequencyView", "How many of the most frequent words to list"))
        self.skip_stop_words = QCheckBox(QCoreApplication.translate("WordFrequencyView", "Leave out stop words"))
        self.skip_stop_words.setChecked(True)
        self.skip_stop_words.setToolTip(QCoreApplication.translate(
            "WordFrequencyView", "spaCy's English and Chinese stop lists (the, and, 的, 了 …)"))
        self.scope = FilterBar(coders=False)
        self.export_button = QPushButton(QCoreApplication.translate("AnalysisOptions", "Export table…"))
        self.export_button.setToolTip(QCoreApplication.translate("WordFrequencyView", "Save the table as CSV or Excel"))
        self.export_button.setEnabled(False)
        self.model = TableModel(self)
        self.model.bold_columns = {1}
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.chart = ChartPanel(QCoreApplication.translate("AnalysisOptions", "Bar chart"))
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.layout_.addLayout(option_bar(labelled(QCoreApplication.translate("WordFrequencyView", "Count"), self.by),
                                          labelled(QCoreApplication.translate("WordFrequencyView", "Top"), self.top),
                                          self.skip_stop_words))
        self.layout_.addWidget(self.scope)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(self.splitter, 1)
        self.by.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.top.valueChanged.connect(lambda _v: self.schedule_refresh(500))
        self.skip_stop_words.toggled.connect(lambda _on: self.schedule_refresh())
        self.scope.changed.connect(self.schedule_refresh)
        self.export_button.clicked.connect(self.export)
        self.reload_choices()

    def reload_choices(self) -> None:
        self.scope.set_choices(self.controller.choices(), None)

    def work(self) -> Work | None:
        return count_words(str(self.by.currentData()), self.top.value(), not self.skip_stop_words.isChecked(),
                           self.scope.scope())

    def show_result(self, result: WordFrequencies) -> None:
        headers, rows = frequency_rows(result)
        self.model.set_table(headers, rows)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 48)
        header.resizeSection(1, 180)
        for column in range(2, len(headers)):
            header.resizeSection(column, 90 if len(headers) < 8 else 120)
        fit_table(self.splitter, self.table, 0.6)
        if result.words:
            self.chart.show_chart(word_chart, result)  # built and drawn in the chart process
        else:
            self.chart.set_figure(None, QCoreApplication.translate("WordFrequencyView", "No words to chart."))
        counted = int(result.unit_words.sum())
        stop = (QCoreApplication.translate("WordFrequencyView", "without stop words")
                if self.skip_stop_words.isChecked()
                else QCoreApplication.translate("WordFrequencyView", "stop words included"))
        self.status.setText(QCoreApplication.translate(
            "WordFrequencyView", "The {shown} most frequent words of {counted} counted ({stop})")
            .format(shown=f"{len(rows):,}", counted=f"{counted:,}", stop=stop))
        self.export_button.setEnabled(bool(rows))

    def export(self) -> None:
        if self.result is not None:
            self.controller.exports.export_table(QT_TRANSLATE_NOOP("ExportTables", "word frequencies"), word_frequency_sheets(self.result),
                                                 "word_frequencies", (".xlsx", ".csv"))


__all__ = ["CHART_WORDS", "WordFrequencyView", "count_words", "frequency_rows", "word_chart"]
