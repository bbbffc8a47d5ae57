"""Content analysis: categories (codes or a dictionary's) by document, case or attribute value — counts, % of words,
% of cases, χ² with adjusted residuals coloured in the table — the correspondence analysis biplot beside it, and a
phrase finder. Everything is computed in workers (the views' ``Runner``); the biplot is drawn off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass, replace
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.analysis.base import AnalysisView, hint
from app.analysis.common import (
    ChartPanel,
    FilterBar,
    Runner,
    TableModel,
    combo,
    labelled,
    option_bar,
    select_data,
    translated_items,
    warning_banner,
)
from app.analysis.frequencies import fit_table, table_view
from app.code_labels import CodeLabels
from coding.i18n import QT_TRANSLATE_NOOP
from coding.analysis.filters import SegmentFilter
from coding.changes import Changes
from coding.errors import ConcordError
from coding.names import display_name

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.analysis.content import CategoryTable
    from coding.analysis.cooccurrence import Cooccurrence
    from coding.analysis.phrases import Phrases
    from coding.progress import Cancel, Progress
    from coding.project import Project

CODES = "codes"
DEFAULT_BY = "attribute:alliance_mode"
# Labels translated (context "ContentView") where shown.
SHOW = ((QT_TRANSLATE_NOOP("ContentView", "Counts"), "counts"), (QT_TRANSLATE_NOOP("ContentView", "% of words"), "words"),
        (QT_TRANSLATE_NOOP("ContentView", "% of cases"), "cases"),
        (QT_TRANSLATE_NOOP("ContentView", "Adjusted residuals"), "residuals"))
ROWS = ((QT_TRANSLATE_NOOP("ContentView", "Indicators (leaves)"), "leaves"),
        (QT_TRANSLATE_NOOP("ContentView", "Level 1"), "level1"), (QT_TRANSLATE_NOOP("ContentView", "Level 2"), "level2"),
        (QT_TRANSLATE_NOOP("ContentView", "Level 3"), "level3"), (QT_TRANSLATE_NOOP("ContentView", "Every code"), "all"))
RESIDUAL_TIP = QT_TRANSLATE_NOOP(
    "ContentView", "Adjusted standardised residual (O − E) / √(E (1 − row share)(1 − column share)): blue above, red "
    "below what independence expects; |r| > 1.96 is significant at the 5% level")


@dataclass(frozen=True)
class ContentParameters:
    source: str  # CODES or a dictionary's name
    by: str
    rows: str
    flt: SegmentFilter


def build_table(parameters: ContentParameters) -> WorkFor[CategoryTable]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> CategoryTable:
        from coding.analysis.content import code_table, dictionary_table

        with project.session() as session:
            if parameters.source == CODES:
                return code_table(session, by=parameters.by, rows=parameters.rows, flt=parameters.flt)
            return dictionary_table(session, parameters.source, by=parameters.by, flt=parameters.flt)

    return work


def build_cooccurrence(items: str, keywords: list[str], unit: str, window: int,
                       parameters: ContentParameters) -> WorkFor[Cooccurrence]:
    """Words (``keywords``, or the most frequent) or the categories of ``parameters`` co-occurring by ``unit``."""
    def work(project: Project, progress: Progress, cancelled: Cancel) -> Cooccurrence:
        from coding.analysis.content import code_occurrences, dictionary_occurrences, within
        from coding.analysis.filters import allowed_documents
        from coding.analysis.keywords import category_cooccurrence, word_cooccurrence

        with project.session() as session:
            documents = allowed_documents(session, parameters.flt)
            if items == "words":
                scope = SegmentFilter(case_ids=parameters.flt.case_ids, group_ids=parameters.flt.group_ids,
                                      where=parameters.flt.where)
                return word_cooccurrence(session, keywords=keywords, unit=unit, window=window, scope=scope,
                                         progress=progress, cancel=cancelled)
            if parameters.source == CODES:
                found = code_occurrences(session, rows=parameters.rows, flt=parameters.flt)
            else:
                found = dictionary_occurrences(session, parameters.source)
            return category_cooccurrence(session, within(found, documents), unit=unit, window=window)

    return work


def build_phrases(lengths: tuple[int, int], min_count: int, min_documents: int, nested: bool,
                  scope: SegmentFilter) -> WorkFor[Phrases]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> Phrases:
        from coding.analysis.phrases import find_phrases

        with project.session() as session:
            return find_phrases(session, lengths=lengths, min_count=min_count, min_documents=min_documents,
                                nested=nested, scope=scope, progress=progress, cancel=cancelled)

    return work


def sentence(text: str) -> str:
    """A warning as a sentence: capitalised (but "χ²" stays lower case, it is a symbol) and full-stopped."""
    first = text[:1]
    opened = first.upper() + text[1:] if first.isascii() else text
    stop = QCoreApplication.translate("ContentView", ".")  # the language's full stop (Chinese: 。)
    return opened if opened.endswith((".", stop)) else opened + stop


def two_lines(label: str, longest: int = 14) -> str:
    """A long column name broken at the space nearest its middle."""
    if len(label) <= longest or " " not in label:
        return label
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1:]


def table_cells(table: CategoryTable, show: str,
                labels: CodeLabels | None = None) -> tuple[list[str], list[list[object]]]:
    """Header and rows: a category per row, a column per document, case or value, and the total; categories that
    are codes named by ``labels`` (the codebook's shown names) when given."""
    values: Any = {"counts": table.counts, "words": table.percent_of_words(), "cases": table.percent_of_cases(),
                   "residuals": table.test.residuals}[show]
    headers = ([QCoreApplication.translate("ContentView", "Category"), *table.columns]
               + ([QCoreApplication.translate("ContentView", "Total")] if show == "counts" else []))
    rows: list[list[object]] = []
    for i, category in enumerate(table.categories):
        cells: list[object] = [int(v) if show == "counts" else float(v) for v in values[i]]
        name = labels.name(category) if labels is not None and table.source == CODES else category.split("/")[-1]
        rows.append([name, *cells] + ([int(table.counts[i].sum())] if show == "counts" else []))
    return headers, rows


class ResidualModel(TableModel):
    """The category table, each cell tinted by its adjusted residual (blue over, red under independence)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.residuals: Any = None  # categories × columns, NaN where left out of the test

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and self.residuals is not None:
            return self.tint(index.row(), index.column() - 1)
        if role == Qt.ItemDataRole.ToolTipRole and self.residuals is not None and index.column() >= 1:
            residual = self.residual(index.row(), index.column() - 1)
            if residual is not None:
                return (QCoreApplication.translate("ContentView", "Adjusted residual {value}").format(value=f"{residual:+.2f}")
                        + (QCoreApplication.translate("ContentView", " — significant (p < .05)")
                           if abs(residual) > 1.96 else ""))
        return super().data(index, role)

    def residual(self, row: int, column: int) -> float | None:
        if self.residuals is None or not (0 <= row < self.residuals.shape[0] and 0 <= column < self.residuals.shape[1]):
            return None
        value = float(self.residuals[row, column])
        return None if value != value else value

    def tint(self, row: int, column: int) -> QColor | None:
        residual = self.residual(row, column)
        if residual is None or abs(residual) < 1.0:
            return None
        colour = QColor("#2f6db3" if residual > 0 else "#c0392b")
        colour.setAlphaF(min(0.12 + 0.12 * (abs(residual) - 1.0), 0.55))
        return colour


class ContentView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Content analysis")
    depends_on = ("codings", "codes", "documents", "cases", "attributes", "groups", "coders", "dictionaries")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.source = QComboBox()
        self.source.setToolTip(QCoreApplication.translate(
            "ContentView", "Categories are codes (their codings) or a dictionary's categories (its hits)"))
        self.rows = combo(translated_items("ContentView", ROWS), "leaves",
                          QCoreApplication.translate("ContentView", "Which codes are the categories"))
        self.by = QComboBox()
        self.by.setMinimumContentsLength(16)
        self.show_as = combo(translated_items("ContentView", SHOW), "counts")
        self.filters = FilterBar()
        self.export_button = QPushButton(QCoreApplication.translate("AnalysisOptions", "Export table…"))
        self.export_button.setToolTip(QCoreApplication.translate(
            "ContentView", "Save the table, its test and the correspondence analysis to Excel or CSV"))
        self.export_button.setEnabled(False)
        self.banner = warning_banner()
        self.model = ResidualModel(self)
        self.model.bold_columns = {0}
        self.table, self.proxy = table_view(self.model, self)
        self.tests = QLabel()
        self.tests.setWordWrap(True)
        self.tests.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = ChartPanel(QCoreApplication.translate("ContentView", "Correspondence analysis (biplot)"))
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.tests)
        left_layout.addWidget(hint(QCoreApplication.translate(
            "ContentView", "Cells are tinted by their adjusted residual: blue where a category occurs more than "
            "independence expects, red where less (|r| > 1.96: p < .05).")))
        left_layout.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.chart)
        self.phrases = PhraseFinder(controller, self)
        self.pages = QTabWidget()
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 6, 0, 0)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.splitter, 1)
        self.pages.addTab(page, QCoreApplication.translate("ContentView", "Categories"))
        self.pages.addTab(self.phrases, QCoreApplication.translate("ContentView", "Phrase finder"))
        self.keywords = KeywordCooccurrence(controller, self.current_parameters, self)
        self.pages.addTab(self.keywords, QCoreApplication.translate("ContentView", "Co-occurrence"))
        self.layout_.addLayout(option_bar(labelled(QCoreApplication.translate("ContentView", "Categories"), self.source),
                                          labelled(QCoreApplication.translate("AnalysisOptions", "Codes"), self.rows),
                                          labelled(QCoreApplication.translate("AnalysisOptions", "by"), self.by),
                                          labelled(QCoreApplication.translate("AnalysisOptions", "Show"), self.show_as)))
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(self.pages, 1)
        for box in (self.source, self.rows, self.by):
            box.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.source.currentIndexChanged.connect(lambda _i: self._source_chosen())
        self.show_as.currentIndexChanged.connect(lambda _i: self._fill_table() if self.result else None)
        self.filters.changed.connect(self.schedule_refresh)
        self.export_button.clicked.connect(self.export)
        self.reload_choices()

    # -- options ---------------------------------------------------------------------------------------
    def reload_choices(self) -> None:
        choices = self.controller.choices()
        dictionary = QCoreApplication.translate("ContentView", "Dictionary: {name}")
        self._refill(self.source, [(QCoreApplication.translate("AnalysisOptions", "Codes"), CODES)]
                     + [(dictionary.format(name=name), name) for name in self._dictionaries()], CODES)
        attribute = QCoreApplication.translate("ContentView", "Attribute: {name}")
        groupings = [(attribute.format(name=display_name(name)), f"attribute:{name}")
                     for name in choices.attribute_names()]
        self._refill(self.by, [*groupings, (QCoreApplication.translate("ContentView", "Case"), "case"),
                               (QCoreApplication.translate("ContentView", "Document"), "document")],
                     DEFAULT_BY if DEFAULT_BY in [g[1] for g in groupings] else (groupings[0][1] if groupings else "case"))
        self.filters.set_choices(choices, self.controller.blind_coder())
        self.phrases.filters.set_choices(choices, None)

    def _source_chosen(self) -> None:
        """Codes or a dictionary: the codebook level and the coders matter only for codes."""
        codes = self.source.currentData() == CODES
        self.rows.setEnabled(codes)
        self.filters.coder.setEnabled(codes)

    def _dictionaries(self) -> list[str]:
        from models import Dictionary

        with self.bench.project.session() as session:
            return list(session.scalars(select(Dictionary.name).order_by(Dictionary.name)))

    @staticmethod
    def _refill(box: QComboBox, items: list[tuple[str, str]], default: str) -> None:
        current = box.currentData() or default
        box.blockSignals(True)
        box.clear()
        for label, data in items:
            box.addItem(label, data)
        if not select_data(box, current):
            select_data(box, default)
        box.blockSignals(False)

    def current_parameters(self) -> ContentParameters:
        return ContentParameters(str(self.source.currentData() or CODES), str(self.by.currentData() or "case"),
                                 str(self.rows.currentData()), self.filters.segment_filter())

    # -- running ---------------------------------------------------------------------------------------
    def work(self) -> Work | None:
        return build_table(self.current_parameters())

    def show_result(self, result: CategoryTable) -> None:
        from coding.analysis.charts import table_biplot

        self._fill_table()
        self.tests.setText(result.chi2_text())
        warnings = list(result.warnings)
        self.banner.setText("⚠  " + "\n⚠  ".join(sentence(w) for w in warnings) if warnings else "")
        self.banner.setVisible(bool(warnings))
        kept = (result.counts.sum(axis=1) > 0).sum(), (result.counts.sum(axis=0) > 0).sum()
        if min(kept) >= 2:
            shown = self._shown_categories(result)
            self.chart.show_chart(table_biplot, shown)  # fitted, built and drawn in the chart process
        else:
            self.chart.set_figure(None, QCoreApplication.translate(
                "ContentView", "A biplot needs two categories and two columns with occurrences."))
        self.status.setText(QCoreApplication.translate(
            "ContentView", "{categories} categories × {columns} columns, {total} occurrences").format(
                categories=len(result.categories), columns=len(result.columns), total=f"{result.total:,}")
            + (f" — {result.basis.text()}" if result.basis else ""))
        self.export_button.setEnabled(bool(result.columns))

    def _shown_categories(self, result: CategoryTable) -> CategoryTable:
        """``result`` with its code categories by their shown paths (the biplot labels them as the table does)."""
        if result.source != CODES:
            return result
        labels = self.controller.choices().labels
        return replace(result, categories=[labels.path(category) for category in result.categories])

    def _fill_table(self) -> None:
        result: CategoryTable = self.result
        show = str(self.show_as.currentData())
        headers, rows = table_cells(result, show, self.controller.choices().labels)
        headers = [two_lines(h) for h in headers]  # long value names over two lines keep the columns narrow
        self.model.residuals = result.test.residuals
        residual_tip = QCoreApplication.translate("ContentView", RESIDUAL_TIP)
        self.model.set_table(headers, rows, decimals=2 if show != "counts" else 1,
                             header_tips=[QCoreApplication.translate("ContentView", "Category"),
                                          *[f"{c}\n\n{residual_tip}" for c in result.columns],
                                          QCoreApplication.translate("ContentView", "Total")])
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        fit_table(self.splitter, self.table, 0.65)
        # As tall as its rows (up to the space there is): the test and the note sit right under it.
        height = header.height() + sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setMaximumHeight(height + 2 * self.table.frameWidth() + self.table.horizontalScrollBar().sizeHint().height())

    def export(self) -> None:
        from coding.analysis.correspondence import table_correspondence
        from coding.export.content import category_sheets

        result: CategoryTable | None = self.result
        if result is None:
            return
        try:
            analysis = table_correspondence(result)
        except ConcordError:
            analysis = None  # too few categories or columns for a CA: the table alone
        self.controller.exports.export_table(QT_TRANSLATE_NOOP("ExportTables", "content analysis"), category_sheets(result, analysis),
                                             "content_analysis", (".xlsx", ".csv"))

    def on_changes(self, changes: Changes) -> None:
        if changes.dictionaries and not self.stopped:
            self.reload_choices()  # a dictionary added, renamed or removed: the source list follows
        super().on_changes(changes)

    def stop(self) -> None:
        self.phrases.stop()
        self.keywords.runner.cancel()
        self.keywords.runner.wait()
        super().stop()


class PhraseFinder(QWidget):
    """Frequent phrases (2–5 words), computed on demand in a worker."""

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        assert controller.location is not None and controller.bench is not None
        self.runner = Runner(controller.location, controller.bench.coder_name, self)
        self.runner.finished.connect(self.show_result)
        self.runner.failed.connect(self._failed)
        self.result: Phrases | None = None
        self.shortest, self.longest = QSpinBox(), QSpinBox()
        for box, value in ((self.shortest, 2), (self.longest, 4)):
            box.setRange(2, 5)
            box.setValue(value)
        self.min_count = QSpinBox()
        self.min_count.setRange(1, 10_000)
        self.min_count.setValue(3)
        self.min_documents = QSpinBox()
        self.min_documents.setRange(1, 10_000)
        self.nested = QCheckBox(QCoreApplication.translate("PhraseFinder", "Keep nested phrases"))
        self.nested.setToolTip(QCoreApplication.translate(
            "PhraseFinder", "Keep a phrase that only occurs inside a longer phrase listed"))
        self.filters = FilterBar(coders=False)
        self.find_button = QPushButton(QCoreApplication.translate("PhraseFinder", "Find phrases"))
        self.export_button = QPushButton(QCoreApplication.translate("PhraseFinder", "Export phrases…"))
        self.export_button.setEnabled(False)
        self.status = QLabel(QCoreApplication.translate(
            "PhraseFinder", "Phrases of 2 to 5 words; none starts or ends with a stop word."))
        self.status.setObjectName("hint")
        self.model = TableModel(self)
        self.model.bold_columns = {0}
        self.table, _proxy = table_view(self.model, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(option_bar(labelled(QCoreApplication.translate("PhraseFinder", "Words from"), self.shortest),
                                    labelled(QCoreApplication.translate("PhraseFinder", "to"), self.longest),
                                    labelled(QCoreApplication.translate("PhraseFinder", "At least"), self.min_count),
                                    labelled(QCoreApplication.translate("PhraseFinder", "times, in"), self.min_documents),
                                    QLabel(QCoreApplication.translate("PhraseFinder", "documents")), self.nested,
                                    self.find_button, self.export_button))
        layout.addWidget(self.filters)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.find_button.clicked.connect(self.find_phrases)
        self.export_button.clicked.connect(self.export)

    def find_phrases(self) -> None:
        lengths = (min(self.shortest.value(), self.longest.value()), max(self.shortest.value(), self.longest.value()))
        self.status.setText(QCoreApplication.translate("PhraseFinder", "Finding phrases…"))
        self.runner.run(build_phrases(lengths, self.min_count.value(), self.min_documents.value(),
                                      self.nested.isChecked(), self.filters.scope()))

    def show_result(self, result: Phrases) -> None:
        self.result = result
        headers, rows = result.table()
        self.model.set_table([QCoreApplication.translate("PhraseFinder", "Phrase"),
                              QCoreApplication.translate("PhraseFinder", "Words"),
                              QCoreApplication.translate("PhraseFinder", "Count"),
                              QCoreApplication.translate("PhraseFinder", "Documents"),
                              QCoreApplication.translate("PhraseFinder", "Language")], rows)
        self.table.resizeColumnsToContents()
        self.status.setText(QCoreApplication.translate(
            "PhraseFinder", "{phrases} phrase(s) of {shortest}–{longest} words in {documents} document(s), at least "
            "{count} times").format(phrases=f"{len(rows):,}", shortest=result.shortest, longest=result.longest,
                                    documents=f"{result.documents:,}", count=result.min_count))
        self.export_button.setEnabled(bool(rows))

    def _failed(self, message: str) -> None:
        self.status.setText(message[:1].upper() + message[1:])

    def export(self) -> None:
        from coding.export.tables import Sheet

        if self.result is not None:
            headers, rows = self.result.table()
            self.controller.exports.export_table(QT_TRANSLATE_NOOP("ExportTables", "phrases"), [Sheet("Phrases", headers, rows)], "phrases",
                                                 (".xlsx", ".csv"))

    def stop(self) -> None:
        self.runner.cancel()
        self.runner.wait()


class KeywordCooccurrence(QWidget):
    """Which words, or which categories of the source above, occur together: in a sentence, within N words or in a
    document; a table and a heatmap, computed on demand in a worker."""

    def __init__(self, controller: AnalysisController, parameters: Callable[[], ContentParameters],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.analysis.frequencies import CooccurrenceTableModel

        self.controller, self.parameters = controller, parameters
        assert controller.location is not None and controller.bench is not None
        self.runner = Runner(controller.location, controller.bench.coder_name, self)
        self.runner.finished.connect(self.show_result)
        self.runner.failed.connect(self._failed)
        self.result: Cooccurrence | None = None
        self.of_codes = False  # the items computed last are codes (named by path): shown by the codebook's names
        self.items = combo(((QCoreApplication.translate("KeywordCooccurrence", "Words"), "words"),
                            (QCoreApplication.translate("KeywordCooccurrence", "Categories (as chosen above)"),
                             "categories")), "words")
        self.keywords = QLineEdit()
        self.keywords.setPlaceholderText(QCoreApplication.translate(
            "KeywordCooccurrence", "keywords, comma-separated (empty: the 20 most frequent words)"))
        self.keywords.setMinimumWidth(320)
        self.unit = combo(((QCoreApplication.translate("AnalysisOptions", "Same sentence"), "sentence"),
                           (QCoreApplication.translate("KeywordCooccurrence", "Within N words"), "window"),
                           (QCoreApplication.translate("KeywordCooccurrence", "Same document"), "document")),
                          "sentence")
        self.distance = QSpinBox()
        self.distance.setRange(1, 1000)
        self.distance.setValue(10)
        self.distance.setEnabled(False)
        self.compute_button = QPushButton(QCoreApplication.translate("KeywordCooccurrence", "Compute"))
        self.export_button = QPushButton(QCoreApplication.translate("KeywordCooccurrence", "Export…"))
        self.export_button.setEnabled(False)
        self.status = QLabel(QCoreApplication.translate(
            "KeywordCooccurrence", "Cells count sentences or documents holding both, or pairs within N words; the "
            "grey diagonal counts each item on its own."))
        self.status.setObjectName("hint")
        self.model = CooccurrenceTableModel(self)
        self.model.bold_columns = {0}
        self.table, _proxy = table_view(self.model, self, sortable=False)
        self.chart = ChartPanel(QCoreApplication.translate("AnalysisOptions", "Heatmap"))
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(option_bar(labelled(QCoreApplication.translate("KeywordCooccurrence", "Items"), self.items),
                                    self.keywords,
                                    labelled(QCoreApplication.translate("KeywordCooccurrence", "Unit"), self.unit),
                                    labelled("N", self.distance), self.compute_button, self.export_button))
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.items.currentIndexChanged.connect(lambda _i: self.keywords.setEnabled(self.items.currentData() == "words"))
        self.unit.currentIndexChanged.connect(lambda _i: self.distance.setEnabled(self.unit.currentData() == "window"))
        self.compute_button.clicked.connect(self.compute)
        self.export_button.clicked.connect(self.export)

    def compute(self) -> None:
        keywords = [k.strip() for k in self.keywords.text().split(",") if k.strip()]
        self.status.setText(QCoreApplication.translate("AnalysisView", "Computing…"))
        parameters = self.parameters()
        self.of_codes = self.items.currentData() != "words" and parameters.source == CODES  # items named by path
        self.runner.run(build_cooccurrence(str(self.items.currentData()), keywords, str(self.unit.currentData()),
                                          self.distance.value(), parameters))

    def _failed(self, message: str) -> None:
        self.status.setText(message[:1].upper() + message[1:])

    def show_result(self, result: Cooccurrence) -> None:
        from coding.analysis.charts import cooccurrence_heatmap

        self.result = result  # the export's, as computed
        if self.of_codes:  # codes as the interface names them, in the table and the heatmap
            labels = self.controller.choices().labels
            result = replace(result, names=[labels.name(path) for path in result.paths])
        headers, rows = result.table()
        self.model.set_table(["", *result.names], [[result.names[i], *row[1:]] for i, row in enumerate(rows)])
        self.table.resizeColumnsToContents()
        self.status.setText(QCoreApplication.translate("KeywordCooccurrence", "{count} items, {unit}")
                            .format(count=len(result.names), unit=result.unit)
                            + (f" — {result.basis.text()}" if result.basis else ""))
        title = QCoreApplication.translate("KeywordCooccurrence", "Co-occurrence ({unit})").format(unit=result.unit)
        self.chart.show_chart(cooccurrence_heatmap, result, title=title)  # built and drawn in the chart process
        self.export_button.setEnabled(bool(rows))

    def export(self) -> None:
        from coding.export.tables import cooccurrence_sheets

        if self.result is not None:
            self.controller.exports.export_table(QT_TRANSLATE_NOOP("ExportTables", "co-occurrence"), cooccurrence_sheets(self.result), "cooccurrence",
                                                 (".xlsx", ".csv"))


__all__ = ["ContentParameters", "ContentView", "KeywordCooccurrence", "PhraseFinder", "ResidualModel", "build_table", "table_cells"]
