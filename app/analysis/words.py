"""Word frequencies: the most frequent words overall and per document, case or group, with or without stop words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
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
from app.analysis.common import SORT_ROLE, ChartPanel, FilterBar, TableModel, combo, labelled, option_bar
from app.analysis.frequencies import fit_table
from coding.analysis.filters import SegmentFilter
from coding.analysis.words import WordFrequencies, word_frequencies
from coding.export.tables import word_frequency_sheets
from coding.fonts import font_families

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

UNITS = (("All documents", "all"), ("By document", "document"), ("By case", "case"), ("By document group", "group"))


def count_words(by: str, top: int, include_stop_words: bool, scope: SegmentFilter) -> WorkFor[WordFrequencies]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> WordFrequencies:
        with project.session() as session:
            return word_frequencies(session, by=by, top=top, scope=scope, include_stop_words=include_stop_words,
                                    progress=progress, cancel=cancelled)

    return work


CHART_WORDS = 30


def word_chart(table: WordFrequencies, limit: int = CHART_WORDS) -> Figure:
    """Horizontal bars of the most frequent words (a matplotlib Figure; Chinese words need a CJK font)."""
    from matplotlib.figure import Figure

    words = table.words[:limit]
    counts = [int(v) for v in table.totals[:limit]]
    families = font_families()  # registers an installed CJK font with matplotlib the first time
    figure = Figure(figsize=(6.5, max(2.5, 0.28 * len(words) + 1.2)), layout="constrained")
    figure.set_facecolor("white")
    axes = figure.add_subplot()
    positions = list(range(len(words)))
    axes.barh(positions, counts, color="#4a7fb5")
    axes.set_yticks(positions, words)
    for label in axes.get_yticklabels():
        label.set_fontfamily(families)
    axes.invert_yaxis()
    axes.set_xlabel("Occurrences")
    axes.set_title(f"The {len(words)} most frequent words")
    axes.grid(axis="x", alpha=0.3)
    return figure


def frequency_rows(table: WordFrequencies) -> tuple[list[str], list[list[object]]]:
    """Rank, word, total and (when split) one column per document, case or group."""
    per_unit = table.by != "all"
    headers = ["#", "Word", "Total" if per_unit else "Count", *(table.columns if per_unit else [])]
    rows: list[list[object]] = []
    for i, word in enumerate(table.words):
        rows.append([i + 1, word, int(table.totals[i]), *([int(v) for v in table.counts[i]] if per_unit else [])])
    return headers, rows


class WordFrequencyView(AnalysisView):
    title = "Word frequency"
    depends_on = ("documents", "cases", "attributes", "groups")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.by = combo(UNITS, "all")
        self.top = QSpinBox()
        self.top.setRange(10, 10_000)
        self.top.setSingleStep(50)
        self.top.setValue(100)
        self.top.setToolTip("How many of the most frequent words to list")
        self.skip_stop_words = QCheckBox("Leave out stop words")
        self.skip_stop_words.setChecked(True)
        self.skip_stop_words.setToolTip("spaCy's English and Chinese stop lists (the, and, 的, 了 …)")
        self.scope = FilterBar(coders=False)
        self.export_button = QPushButton("Export table…")
        self.export_button.setToolTip("Save the table as CSV or Excel")
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
        self.chart = ChartPanel("Bar chart")
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.layout_.addLayout(option_bar(labelled("Count", self.by), labelled("Top", self.top),
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
            self.chart.show_chart(lambda: word_chart(result))  # built and drawn off the GUI thread
        else:
            self.chart.set_figure(None, "No words to chart.")
        counted = int(result.unit_words.sum())
        stop = "without stop words" if self.skip_stop_words.isChecked() else "stop words included"
        self.status.setText(f"The {len(rows):,} most frequent words of {counted:,} counted ({stop})")
        self.export_button.setEnabled(bool(rows))

    def export(self) -> None:
        if self.result is not None:
            self.controller.exports.export_table("word frequencies", word_frequency_sheets(self.result),
                                                 "word_frequencies", (".xlsx", ".csv"))


__all__ = ["WordFrequencyView", "count_words", "frequency_rows"]
