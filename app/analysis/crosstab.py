"""Crosstab: participants with and without a code, per value of a case attribute, with χ² and Fisher's test.

When χ² is not valid for the table (small expected counts), a warning says so above everything
else, and Fisher's exact test is the one to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.analysis.base import AnalysisView, hint
from app.analysis.common import (
    ChartPanel,
    Choices,
    FilterBar,
    TableModel,
    combo,
    fill_code_combo,
    labelled,
    option_bar,
    select_data,
    translated_items,
    warning_banner,
)
from app.analysis.frequencies import table_view
from coding.i18n import QT_TRANSLATE_NOOP
from coding.analysis.crosstab import Crosstab, crosstab
from coding.analysis.filters import SegmentFilter
from coding.errors import ValidationError

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

SHOW = ((QT_TRANSLATE_NOOP("CrosstabView", "Counts"), "counts"),
        (QT_TRANSLATE_NOOP("CrosstabView", "Counts and column %"), "both"),
        (QT_TRANSLATE_NOOP("CrosstabView", "Row %"), "row"), (QT_TRANSLATE_NOOP("CrosstabView", "Column %"), "column"))
DEFAULT_ATTRIBUTE = "alliance_mode"


@dataclass(frozen=True)
class CrosstabParameters:
    code_id: int
    attribute: str
    rollup: bool
    flt: SegmentFilter


def build_crosstab(parameters: CrosstabParameters) -> WorkFor[Crosstab]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> Crosstab:
        with project.session() as session:
            return crosstab(session, code_id=parameters.code_id, attribute=parameters.attribute,
                            rollup=parameters.rollup, flt=parameters.flt)

    return work


def default_code(choices: Choices) -> int | None:
    """Where a crosstab starts: the first level-3 indicator (or the first code of the deepest level above)."""
    level = min(3, choices.depth())
    found = [c for c in choices.codes_in_order() if choices.tree.codes[c].level == level]
    return found[0] if found else None


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def crosstab_cells(table: Crosstab, show: str) -> tuple[list[str], list[list[object]]]:
    """Header and rows: present / absent / total × attribute values / total."""
    counts = table.counts
    row_percent, column_percent = table.row_percent(), table.column_percent()
    headers = [table.attribute, *table.columns, QCoreApplication.translate("CrosstabView", "Total")]
    rows: list[list[object]] = []
    for i, label in enumerate(table.rows):
        cells: list[object] = []
        for j in range(len(table.columns)):
            n = int(counts[i, j])
            if show == "counts":
                cells.append(n)
            elif show == "both":
                cells.append(f"{n}  ({column_percent[i, j]:.0f}%)")
            elif show == "row":
                cells.append(float(row_percent[i, j]))
            else:
                cells.append(float(column_percent[i, j]))
        total = int(counts[i].sum())
        share = 100.0 * total / counts.sum() if counts.sum() else 0.0
        rows.append([QCoreApplication.translate("crosstab", label), *cells, total if show in ("counts", "both", "row") else float(share)])
    column_totals = [int(v) for v in counts.sum(axis=0)]
    rows.append([QCoreApplication.translate("CrosstabView", "Participants"), *column_totals, int(counts.sum())])
    return headers, rows


def tests_html(table: Crosstab) -> str:
    n = table.n  # a plain name: lupdate misses a plural call whose count is an expression
    participants = QCoreApplication.translate("CrosstabView", "<b>%Ln</b> participant(s)", None, n)
    lines = [QCoreApplication.translate("CrosstabView", "{participants} with a value for <i>{attribute}</i>")
             .format(participants=participants, attribute=escape(table.attribute))
             + (QCoreApplication.translate("CrosstabView", "; {count} without one left out")
                .format(count=table.excluded_cases) if table.excluded_cases else "")]
    if table.chi2 is not None:
        validity = "" if table.chi2_valid else " <span style='color:#b3261e'><b>{}</b></span>".format(
            QCoreApplication.translate("CrosstabView", "(not valid for this table)"))
        lines.append(f"<b>χ²</b> = {table.chi2.statistic:.3f}, df = {table.chi2.df}, {p_text(table.chi2.p_value)}"
                     f"{validity}<br><span style='color:gray'>{escape(table.chi2.method)}</span>")
    if table.fisher is not None:
        odds = QCoreApplication.translate("CrosstabView", "odds ratio = {value}, ").format(
            value=f"{table.fisher.statistic:.3f}") if table.fisher.statistic is not None else ""
        fisher = QCoreApplication.translate("CrosstabView", "Fisher's exact test")
        lines.append(f"<b>{fisher}</b>: {odds}{p_text(table.fisher.p_value)}"
                     f"<br><span style='color:gray'>{escape(table.fisher.method)}</span>")
    elif table.chi2 is not None:
        lines.append("<span style='color:gray'>{}</span>".format(QCoreApplication.translate(
            "CrosstabView", "Fisher's exact test is computed for 2×2 tables, and for larger ones when χ² is not "
            "valid.")))
    return "<br><br>".join(lines)


class CrosstabView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Crosstab")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.code = QComboBox()
        self.code.setMinimumContentsLength(24)
        self.code.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.attribute = QComboBox()
        self.attribute.setMinimumContentsLength(14)
        self.attribute.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rollup = QCheckBox(QCoreApplication.translate("AnalysisOptions", "Roll up"))
        self.rollup.setChecked(True)
        self.rollup.setToolTip(QCoreApplication.translate(
            "CrosstabView", "A participant has the code when it, or a code below it, was applied"))
        self.show_as = combo(translated_items("CrosstabView", SHOW), "both")
        self.filters = FilterBar()
        self.export_button = QPushButton(QCoreApplication.translate("CrosstabView", "Export crosstab…"))
        self.export_button.setToolTip(QCoreApplication.translate(
            "CrosstabView", "Save counts, percentages, expected counts and the tests to Excel"))
        self.export_button.setEnabled(False)
        self.banner = warning_banner()
        self.model = TableModel(self)
        self.model.bold_columns = {0}
        self.table, self.proxy = table_view(self.model, self, sortable=False)
        self.tests = QLabel()
        self.tests.setWordWrap(True)
        self.tests.setTextFormat(Qt.TextFormat.RichText)
        self.tests.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.tests.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = ChartPanel(QCoreApplication.translate("CrosstabView", "Heatmap (column %)"))
        self.chart.save_folder = controller.last_folder
        self.chart.saved = controller.remember_folder
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(10)
        left_layout.addWidget(self.table)
        left_layout.addWidget(self.tests, 0)
        left_layout.addWidget(hint(QCoreApplication.translate(
            "CrosstabView", "Each participant (case) counts once: the code is present when any of their documents "
            "holds it. Percentages are of participants.")))
        left_layout.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.layout_.addLayout(option_bar(labelled(QCoreApplication.translate("AnalysisOptions", "Code"), self.code),
                                          labelled(QCoreApplication.translate("AnalysisOptions", "by"), self.attribute),
                                          self.rollup,
                                          labelled(QCoreApplication.translate("AnalysisOptions", "Show"), self.show_as)))
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(splitter, 1)
        for box in (self.code, self.attribute):
            box.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.rollup.toggled.connect(lambda _on: self.schedule_refresh())
        self.show_as.currentIndexChanged.connect(lambda _i: self._fill_table() if self.result else None)
        self.filters.changed.connect(self.schedule_refresh)
        self.export_button.clicked.connect(self.export)
        self.reload_choices()

    def reload_choices(self) -> None:
        choices = self.controller.choices()
        fill_code_combo(self.code, choices, current=self.code.currentData() or default_code(choices))
        names = choices.attribute_names()
        chosen = self.attribute.currentData() or (DEFAULT_ATTRIBUTE if DEFAULT_ATTRIBUTE in names else None)
        self.attribute.blockSignals(True)
        self.attribute.clear()
        for name in names:
            self.attribute.addItem(name, name)
        if chosen is None or not select_data(self.attribute, chosen):
            self.attribute.setCurrentIndex(0 if names else -1)
        self.attribute.blockSignals(False)
        self.filters.set_choices(choices, self.controller.blind_coder())

    def current_parameters(self) -> CrosstabParameters:
        code_id, attribute = self.code.currentData(), self.attribute.currentData()
        if attribute is None:
            raise ValidationError(QCoreApplication.translate(
                "CrosstabView", "the project has no case attributes yet: add them in Project › Cases and "
                "attributes…, then cross a code with one"))
        if code_id is None:
            raise ValidationError(QCoreApplication.translate("CrosstabView", "the codebook is empty: there is no code to cross"))
        return CrosstabParameters(int(code_id), str(attribute), self.rollup.isChecked(), self.filters.segment_filter())

    def work(self) -> Work | None:
        return build_crosstab(self.current_parameters())

    def show_result(self, result: Crosstab) -> None:
        from coding.analysis.charts import crosstab_heatmap

        self._fill_table()
        self.tests.setText(tests_html(result))
        warnings = list(result.warnings)
        stop = QCoreApplication.translate("CrosstabView", ".")  # the language's full stop (Chinese: 。)
        self.banner.setText("⚠  " + "\n⚠  ".join(w[:1].upper() + w[1:] + ("" if w.endswith((".", stop)) else stop)
                                                   for w in warnings) if warnings else "")
        self.banner.setVisible(bool(warnings))
        if result.columns:
            code = self.controller.choices().labels.name_by_id(result.code_id, result.code.split('/')[-1])
            title = f"{code} × {result.attribute}"  # the code as the interface names it
            self.chart.show_chart(crosstab_heatmap, result, title=title)  # built and drawn in the chart process
        else:
            self.chart.set_figure(None, QCoreApplication.translate("CrosstabView", "No attribute values to chart."))
        n_values = len(result.columns)  # a plain name: lupdate misses a plural call whose count is an expression
        values = QCoreApplication.translate("CrosstabView", "%Ln value(s)", None, n_values)
        self.status.setText(QCoreApplication.translate("CrosstabView", "{code} × {attribute}: {n} participants, {values}")
                            .format(code=self.controller.choices().labels.name_by_id(result.code_id,
                                                                                     result.code.split('/')[-1]),
                                    attribute=result.attribute, n=result.n,
                                    values=values))
        self.export_button.setEnabled(bool(result.columns))

    def _fill_table(self) -> None:
        result: Crosstab = self.result
        headers, rows = crosstab_cells(result, str(self.show_as.currentData()))
        self.model.right_columns = set(range(1, len(headers)))
        self.model.set_table(headers, rows, decimals=1)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(len(headers)):
            header.resizeSection(column, min(max(header.sectionSize(column) + 16, 90), 240))
        # As tall as its three rows: the tests and notes sit right under it.
        height = header.height() + sum(self.table.rowHeight(r) for r in range(len(rows)))
        scroll = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(height + 2 * self.table.frameWidth() + scroll)

    def export(self) -> None:
        self.controller.exports.export_crosstab(self.current_parameters())


__all__ = ["CrosstabParameters", "CrosstabView", "build_crosstab", "crosstab_cells", "tests_html"]
