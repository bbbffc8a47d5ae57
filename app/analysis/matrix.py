"""The framework matrix (seed 003's Table 3 made from coded transcripts): codes × cases or attribute values.

Each cell shows how much was coded there, shaded by that count, and the summary the researcher
writes. Selecting a cell shows its summary editor and its quotes in the side pane; double-clicking
opens the quotes. Saving a summary is one undoable step (``SetCellSummaryCommand``), and leaving a
cell with unsaved text saves it, so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    Qt,
    QUrl,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.analysis.base import AnalysisView
from app.analysis.commands import SetCellSummaryCommand
from app.analysis.common import PAYLOAD_ROLE, FilterBar, heat, labelled, option_bar
from app.analysis.delegates import passage_html
from app.analysis.frequencies import fill_columns_combo
from app import i18n
from app.code_labels import CodeLabels
from coding.i18n import QT_TRANSLATE_NOOP
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter
from coding.analysis.matrix import FrameworkMatrix, MatrixRow, cell_segments, cell_summaries, framework_matrix
from coding.analysis.retrieval import Segment

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

COUNT_ROLE = PAYLOAD_ROLE + 2  # (codings, cases, share of the largest cell)
QUOTES_SHOWN = 200
LEAD_COLUMNS = 2  # Dimension, Code
DEFAULT_ATTRIBUTE = "alliance_mode"


@dataclass(frozen=True)
class MatrixParameters:
    level: int
    columns: str  # "cases" or "attribute:NAME"
    rollup: bool
    flt: SegmentFilter

    @property
    def rows(self) -> str:
        return f"level{self.level}"


def build_matrix(parameters: MatrixParameters) -> WorkFor[FrameworkMatrix]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> FrameworkMatrix:
        with project.session() as session:
            return framework_matrix(session, rows=parameters.rows, columns=parameters.columns,
                                    rollup=parameters.rollup, flt=parameters.flt)

    return work


def default_columns(attribute_names: list[str]) -> str:
    """Alliance mode when the project has it (as in Table 3), else one column per case."""
    return f"attribute:{DEFAULT_ATTRIBUTE}" if DEFAULT_ATTRIBUTE in attribute_names else "cases"


# == model ===============================================================================================
class MatrixModel(QAbstractTableModel):
    """Dimension and code columns, then one column per case or attribute value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix: FrameworkMatrix | None = None
        self.summaries: dict[tuple[str, str], str] = {}
        self.top = 1
        self.labels = CodeLabels()  # the codebook's names for the rows' codes (Chinese in a Chinese interface)

    def set_matrix(self, matrix: FrameworkMatrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.summaries = dict(matrix.summaries) if matrix else {}
        self.top = int(matrix.codings.max(initial=0)) if matrix is not None and matrix.codings.size else 0
        self.endResetModel()

    def set_summaries(self, summaries: dict[tuple[str, str], str]) -> list[tuple[int, int]]:
        """Take the stored summaries; returns the (row, column) cells whose text changed."""
        if self.matrix is None:
            return []
        changed = []
        for i, row in enumerate(self.matrix.rows):
            for j, column in enumerate(self.matrix.columns):
                key = (row.code_uuid, column.key)
                if summaries.get(key, "") != self.summaries.get(key, ""):
                    changed.append((i, j))
        self.summaries = {k: v for k, v in summaries.items()}
        for i, j in changed:
            index = self.index(i, j + LEAD_COLUMNS)
            self.dataChanged.emit(index, index)
        return changed

    def row_name(self, row: MatrixRow) -> str:
        """The row's code as the interface names it."""
        return self.labels.name_by_id(row.code_id, row.name)

    def row_parent(self, row: MatrixRow) -> str:
        """The row's parent code (its dimension) as the interface names it."""
        info = self.labels.codes.get(row.code_id)
        return self.labels.name_by_id(info.parent_id if info else None, row.parent)

    def summary(self, row: int, column: int) -> str:
        assert self.matrix is not None
        return self.summaries.get((self.matrix.rows[row].code_uuid, self.matrix.columns[column].key), "")

    def cell_of(self, index: QModelIndex) -> tuple[int, int] | None:
        if self.matrix is None or not index.isValid() or index.column() < LEAD_COLUMNS:
            return None
        return index.row(), index.column() - LEAD_COLUMNS

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return len(self.matrix.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return LEAD_COLUMNS + len(self.matrix.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < LEAD_COLUMNS:
                return (QCoreApplication.translate("MatrixView", "Dimension"),
                        QCoreApplication.translate("MatrixView", "Indicator"))[section]
            return self.matrix.columns[section - LEAD_COLUMNS].label
        if role == Qt.ItemDataRole.ToolTipRole and section >= LEAD_COLUMNS:
            documents = len(self.matrix.column_documents[section - LEAD_COLUMNS])
            return QCoreApplication.translate("MatrixView", "{column}: {count} document(s)").format(
                column=self.matrix.columns[section - LEAD_COLUMNS].label, count=documents)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.matrix is None or not index.isValid():
            return None
        row = self.matrix.rows[index.row()]
        if index.column() < LEAD_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.row_parent(row) if index.column() == 0 else self.row_name(row)
            if role == Qt.ItemDataRole.ToolTipRole:  # the English path: the shown names' originals
                return row.path.replace("/", " › ")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            return None
        i, j = index.row(), index.column() - LEAD_COLUMNS
        codings, cases = int(self.matrix.codings[i, j]), int(self.matrix.cases[i, j])
        summary = self.summary(i, j)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return summary
        if role == COUNT_ROLE:
            return codings, cases, (codings / self.top) if self.top else 0.0
        if role == Qt.ItemDataRole.ToolTipRole:
            column = self.matrix.columns[j].label
            text = QCoreApplication.translate("MatrixView", "{row} × {column}: {codings} coding(s) in {cases} case(s)")\
                .format(row=self.row_name(row), column=column, codings=codings, cases=cases)
            return text + (f"\n\n{summary}" if summary else "\n\n" + QCoreApplication.translate(
                "MatrixView", "Select the cell to write its summary; double-click to read its quotes."))
        return None


# == painting a cell ======================================================================================
def bold_count(text: str, count: int) -> tuple[str, str, str]:
    """``text`` (a translated "%Ln …") split around its count: (before, the count, after), for drawing the count
    in bold; the whole text comes after when the count is not found in it."""
    before, found, after = text.partition(i18n.number(count))
    return (before, found, after) if found else ("", "", text)


def draw_wrapped(painter: QPainter, rect: QRect, text: str, font: QFont) -> None:
    """Word-wrapped text in ``rect``; the last line that fits ends with an ellipsis when text is left over."""
    metrics = QFontMetrics(font)
    layout = QTextLayout(" ".join(text.split()), font)
    layout.beginLayout()
    lines = []
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        if y + metrics.lineSpacing() * 2 > rect.height():  # the last line that fits: elide the rest into it
            lines.append((y, layout.text()[line.textStart():]))
            break
        lines.append((y, layout.text()[line.textStart():line.textStart() + line.textLength()]))
        y += metrics.lineSpacing()
    layout.endLayout()
    painter.setFont(font)
    for offset, content in lines:
        shown = metrics.elidedText(content.strip(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QPointF(rect.left(), rect.top() + offset + metrics.ascent()), shown)


class MatrixDelegate(QStyledItemDelegate):
    """A cell: shaded by its count, "12 codings · 3 cases" on top, the summary below."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        counts = index.data(COUNT_ROLE)
        if counts is None:
            self._paint_lead(painter, option, index)
            return
        codings, cases, share = counts
        palette = option.palette
        painter.save()
        rect = option.rect
        painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
        if codings:
            painter.fillRect(rect, heat(palette.color(QPalette.ColorRole.Highlight), share))
        if option.state & QStyle.StateFlag.State_Selected:
            pen = painter.pen()
            pen.setColor(palette.color(QPalette.ColorRole.Highlight))
            pen.setWidth(2)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        inner = rect.adjusted(8, 6, -8, -6)
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() - 1.0, 7.0))
        bold = QFont(small)
        bold.setBold(True)
        muted = QColor(palette.color(QPalette.ColorRole.Text))
        muted.setAlphaF(0.6)
        # "12 codings · 3 cases", the count of codings in bold wherever the language puts it
        before, figure, after = bold_count(QCoreApplication.translate("MatrixView", "%Ln coding(s)", None, codings),
                                           codings)
        after += " · " + QCoreApplication.translate("MatrixView", "%Ln case(s)", None, cases)
        baseline = inner.top() + QFontMetrics(bold).ascent()
        x = inner.left()
        for text, font in ((before, small), (figure, bold), (after, small)):
            painter.setFont(font)
            bolded = font is bold
            painter.setPen(palette.color(QPalette.ColorRole.Text) if bolded and codings else muted)
            painter.drawText(QPointF(x, baseline), text)
            x += QFontMetrics(font).horizontalAdvance(text)
        summary = index.data(Qt.ItemDataRole.DisplayRole) or ""
        if summary:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            top = inner.top() + QFontMetrics(small).lineSpacing() + 4
            draw_wrapped(painter, QRect(inner.left(), top, inner.width(), inner.bottom() - top), summary, option.font)
        painter.restore()

    def _paint_lead(self, painter: QPainter, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> None:
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        option.font.setBold(True)
        option.state &= ~QStyle.StateFlag.State_Selected
        option.state &= ~QStyle.StateFlag.State_HasFocus
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        if index.column() == 0:
            colour = QColor(option.palette.color(QPalette.ColorRole.Text))
            colour.setAlphaF(0.65)
            option.palette.setColor(QPalette.ColorRole.Text, colour)
        option.rect = option.rect.adjusted(4, 4, -4, -4)
        super().paint(painter, option, index)


# == the view ==============================================================================================
class MatrixView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Framework matrix")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.level = QComboBox()
        self.level.setToolTip(QCoreApplication.translate(
            "MatrixView", "The codebook level whose codes are the rows (Table 3 uses the level-3 indicators)"))
        self.columns = QComboBox()
        self.rollup = QCheckBox(QCoreApplication.translate("AnalysisOptions", "Roll up"))
        self.rollup.setChecked(True)
        self.rollup.setToolTip(QCoreApplication.translate(
            "MatrixView", "A row counts the codings of its code and of every code below it"))
        self.filters = FilterBar()
        self.export_button = QPushButton(QCoreApplication.translate("MatrixView", "Export matrix…"))
        self.export_button.setToolTip(QCoreApplication.translate(
            "MatrixView", "Write the matrix with its summaries to Word (a table like Table 3) or Excel"))
        self.export_button.setEnabled(False)
        self.model = MatrixModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(MatrixDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() * 5 + 20)
        self.table.horizontalHeader().setMinimumSectionSize(60)
        self.table.horizontalHeader().setHighlightSections(False)
        self.side = self._build_side_pane()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.layout_.addLayout(option_bar(labelled(QCoreApplication.translate("AnalysisOptions", "Rows"), self.level),
                                          labelled(QCoreApplication.translate("AnalysisOptions", "Columns"), self.columns),
                                          self.rollup))
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(splitter, 1)
        self.cell: tuple[int, int] | None = None
        self.quotes: list[Segment] = []
        self.loaded_summary = ""
        self.parameters: MatrixParameters | None = None
        self.shown_status: tuple[str, str] | None = None  # the status last shown and its part before the count
        self.level.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.columns.currentIndexChanged.connect(lambda _i: self.schedule_refresh())
        self.rollup.toggled.connect(lambda _on: self.schedule_refresh())
        self.filters.changed.connect(self.schedule_refresh)
        self.export_button.clicked.connect(self.export)
        self.table.selectionModel().currentChanged.connect(lambda current, _previous: self._cell_chosen(current))
        self.table.doubleClicked.connect(self.open_quotes)
        self.reload_choices()

    def _build_side_pane(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(10, 0, 0, 0)
        layout.setSpacing(6)
        self.cell_title = QLabel(QCoreApplication.translate("MatrixView", "Select a cell"))
        self.cell_title.setObjectName("transcriptTitle")
        self.cell_title.setWordWrap(True)
        self.cell_counts = QLabel(QCoreApplication.translate("MatrixView", "Its summary and quotes appear here."))
        self.cell_counts.setObjectName("hint")
        self.cell_counts.setWordWrap(True)
        summary_label = QLabel(QCoreApplication.translate("MatrixView", "Summary"))
        summary_label.setObjectName("sectionLabel")
        self.summary_editor = QPlainTextEdit()
        self.summary_editor.setPlaceholderText(QCoreApplication.translate(
            "MatrixView", "Write what this cell shows: the pattern in these quotes, in your words (as in a framework "
            "matrix)."))
        self.summary_editor.setTabChangesFocus(True)
        self.summary_editor.setMaximumHeight(170)
        self.summary_editor.setEnabled(False)
        self.save_button = QPushButton(QCoreApplication.translate("MatrixView", "Save summary"))
        self.save_button.setObjectName("primaryButton")
        # The app's primary-button style has no disabled look; nothing to save should read as greyed out.
        self.save_button.setStyleSheet("QPushButton:disabled { background: palette(button); color: palette(mid); "
                                       "border-color: palette(mid); }")
        self.save_button.setToolTip(QCoreApplication.translate("MatrixView", "Save the summary (Ctrl+Return); undo with Ctrl+Z"))
        self.revert_button = QPushButton(QCoreApplication.translate("MatrixView", "Revert"))
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        quotes_label = QLabel(QCoreApplication.translate("MatrixView", "Quotes"))
        quotes_label.setObjectName("sectionLabel")
        self.quotes_view = QTextBrowser()
        self.quotes_view.setOpenLinks(False)
        self.quotes_view.setPlaceholderText(QCoreApplication.translate("MatrixView", "The coded passages behind the selected cell."))
        layout.addWidget(self.cell_title)
        layout.addWidget(self.cell_counts)
        layout.addSpacing(4)
        layout.addWidget(summary_label)
        layout.addWidget(self.summary_editor)
        layout.addLayout(buttons)
        layout.addWidget(quotes_label)
        layout.addWidget(self.quotes_view, 1)
        self.summary_editor.installEventFilter(self)
        for button in (self.save_button, self.revert_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # clicking them must not count as leaving the editor
        self.summary_editor.textChanged.connect(self._summary_edited)
        self.save_button.clicked.connect(self.save_summary)
        self.revert_button.clicked.connect(self.revert_summary)
        self.quotes_view.anchorClicked.connect(self._quote_link)
        save = QShortcut(QKeySequence("Ctrl+Return"), self.summary_editor)
        save.setContext(Qt.ShortcutContext.WidgetShortcut)
        save.activated.connect(self.save_summary)
        return side

    # -- options -----------------------------------------------------------------------------------
    def reload_choices(self) -> None:
        choices = self.controller.choices()
        depth = max(choices.depth(), 1)
        current = self.level.currentData() or min(3, depth)
        self.level.blockSignals(True)
        self.level.clear()
        for level in range(1, depth + 1):
            self.level.addItem(QCoreApplication.translate("MatrixView", "Level {level} codes").format(level=level), level)
        self.level.setCurrentIndex(max(self.level.findData(min(current, depth)), 0))
        self.level.blockSignals(False)
        fill_columns_combo(self.columns, choices, fixed=[(QT_TRANSLATE_NOOP("AnalysisOptions", "By case"), "cases")],
                           default=default_columns(choices.attribute_names()))
        self.filters.set_choices(choices, self.controller.blind_coder())

    def current_parameters(self) -> MatrixParameters:
        return MatrixParameters(int(self.level.currentData() or 1), str(self.columns.currentData() or "cases"),
                                self.rollup.isChecked(), self.filters.segment_filter())

    def work(self) -> Work | None:
        self.parameters = self.current_parameters()
        return build_matrix(self.parameters)

    # -- results -----------------------------------------------------------------------------------
    def show_result(self, result: FrameworkMatrix) -> None:
        self._save_pending()
        previous = self._cell_key()
        self.model.labels = self.controller.choices().labels
        self.model.set_matrix(result)
        self.table.clearSpans()
        parents = [row.parent for row in result.rows]
        start = 0
        for i in range(1, len(parents) + 1):
            if i == len(parents) or parents[i] != parents[start]:
                if i - start > 1:
                    self.table.setSpan(start, 0, i - start, 1)
                start = i
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 130 if any(parents) else 40)
        header.resizeSection(1, 170)
        for column in range(LEAD_COLUMNS, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        column_word = (QCoreApplication.translate("MatrixView", "cases") if result.columns_spec == "cases"
                       else QCoreApplication.translate("MatrixView", "values of {attribute}")
                       .format(attribute=result.columns_spec.partition(':')[2]))
        total = int(result.codings.sum())
        head = (QCoreApplication.translate("MatrixView", "{rows} codes × {columns} {column_word}")
                .format(rows=len(result.rows), columns=len(result.columns), column_word=column_word)
                + (QCoreApplication.translate("MatrixView", " (each row counts the codes below it)")
                   if result.rollup else ""))
        tail = "" if total else QCoreApplication.translate("MatrixView", " — nothing coded yet under these codes")
        self._show_status(head, tail)
        self.export_button.setEnabled(bool(result.rows and result.columns))
        self._restore_cell(previous)

    def _cell_key(self) -> tuple[str, str] | None:
        matrix = self.model.matrix
        if matrix is None or self.cell is None:
            return None
        i, j = self.cell
        return matrix.rows[i].code_uuid, matrix.columns[j].key

    def _restore_cell(self, key: tuple[str, str] | None) -> None:
        matrix = self.model.matrix
        found = None
        if matrix is not None and key is not None:
            rows = [i for i, r in enumerate(matrix.rows) if r.code_uuid == key[0]]
            columns = [j for j, c in enumerate(matrix.columns) if c.key == key[1]]
            if rows and columns:
                found = (rows[0], columns[0])
        if found is None:
            self.cell = None
            self._show_cell(None)
        else:
            self.select_cell(*found)

    def summaries_changed(self) -> None:
        if self.model.matrix is None:
            return
        with self.bench.project.session() as session:
            stored = cell_summaries(session)
        changed = self.model.set_summaries(stored)
        if self.cell is not None and self.cell in changed and not self.dirty:
            self._load_summary(*self.cell)
        if self.shown_status is not None and self.status.text() == self.shown_status[0]:
            self._show_status(self.shown_status[1], "")  # the count of summarised cells follows

    def _show_status(self, head: str, tail: str) -> None:
        """"12 codes × 3 cases; 4 of 36 cells summarised": the matrix, and how many cells have a summary."""
        matrix = self.model.matrix
        assert matrix is not None
        written = sum(1 for text in self.model.summaries.values() if text.strip())
        text = head + QCoreApplication.translate("MatrixView", "; {written} of {cells} cells summarised").format(
            written=written, cells=len(matrix.rows) * len(matrix.columns)) + tail
        self.status.setText(text)
        self.shown_status = (text, head)

    # -- the selected cell -------------------------------------------------------------------------
    def select_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column + LEAD_COLUMNS)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _cell_chosen(self, index: QModelIndex) -> None:
        cell = self.model.cell_of(index)
        if cell == self.cell:
            return
        self._save_pending()
        self.cell = cell
        self._show_cell(cell)

    def _show_cell(self, cell: tuple[int, int] | None) -> None:
        matrix = self.model.matrix
        if matrix is None or cell is None:
            self.cell_title.setText(QCoreApplication.translate("MatrixView", "Select a cell"))
            self.cell_counts.setText(QCoreApplication.translate("MatrixView", "Its summary and quotes appear here."))
            self.summary_editor.blockSignals(True)
            self.summary_editor.clear()
            self.summary_editor.blockSignals(False)
            self.summary_editor.setEnabled(False)
            self.loaded_summary = ""
            self.quotes = []
            self.quotes_view.clear()
            self._summary_edited()
            return
        i, j = cell
        row, column = matrix.rows[i], matrix.columns[j]
        self.cell_title.setText(f"{self.model.row_name(row)} × {column.label}")
        codings, cases = int(matrix.codings[i, j]), int(matrix.cases[i, j])
        in_cases = QCoreApplication.translate("MatrixView", "{codings} in {cases}").format(
            codings=QCoreApplication.translate("MatrixView", "%Ln coding(s)", None, codings),
            cases=QCoreApplication.translate("MatrixView", "%Ln case(s)", None, cases))
        self.cell_counts.setText(f"{in_cases} · {self.model.labels.path(row.path, row.code_uuid, ' › ')}")
        self.summary_editor.setEnabled(True)
        self._load_summary(i, j)
        self._load_quotes(i, j)

    def _load_summary(self, row: int, column: int) -> None:
        self.loaded_summary = self.model.summary(row, column)
        self.summary_editor.blockSignals(True)
        self.summary_editor.setPlainText(self.loaded_summary)
        self.summary_editor.blockSignals(False)
        self._summary_edited()

    def _load_quotes(self, row: int, column: int) -> None:
        matrix = self.model.matrix
        assert matrix is not None
        base = self.parameters.flt if self.parameters else None
        with self.bench.project.session() as session:
            self.quotes = cell_segments(session, matrix, row, column, base=base, limit=QUOTES_SHOWN,
                                        tree=CodeTree.load(session))
        total = int(matrix.codings[row, column])
        choices = self.controller.choices()
        colours = {code_id: info.colour for code_id, info in choices.tree.codes.items()}
        parts = []
        if not self.quotes:
            parts.append("<p style='color:gray'>{}</p>".format(
                QCoreApplication.translate("MatrixView", "No coded passages in this cell.")))
        open_link = QCoreApplication.translate("MatrixView", "open in transcript")
        for number, segment in enumerate(self.quotes):
            offset = segment.start - segment.context_start
            html = passage_html(segment.context, offset, offset + segment.end - segment.start,
                                colours.get(segment.code_id, "#9e9e9e"), bold=False, alpha=0.16)
            caption = " · ".join(escape(p) for p in (segment.speaker, segment.document, segment.case or "",
                                                    choices.labels.name_by_id(segment.code_id, segment.code_name),
                                                    segment.coder) if p)
            parts.append(
                f"<p style='margin-bottom:2px'>{html}</p>"
                f"<p style='margin-top:0px; margin-bottom:12px; color:gray; font-size:small'>{caption} — "
                f"<a href='quote:{number}'>{open_link}</a></p>")
        if total > len(self.quotes):
            parts.append("<p style='color:gray'>{}</p>".format(QCoreApplication.translate(
                "MatrixView", "Showing the first {shown} of {total}. Retrieve segments shows them all.")
                .format(shown=len(self.quotes), total=total)))
        self.quotes_view.setHtml("".join(parts))

    def _quote_link(self, url: QUrl) -> None:
        kind, _, number = url.toString().partition(":")
        if kind == "quote" and number.isdigit() and int(number) < len(self.quotes):
            self.controller.jump_to(self.quotes[int(number)])

    def open_quotes(self, index: QModelIndex) -> None:
        """Double-click: show the cell's quotes (the side pane opens if it was squeezed shut)."""
        if self.model.cell_of(index) is None:
            return
        self._cell_chosen(index)
        sizes = self.splitter.sizes()
        if len(sizes) == 2 and sizes[1] < 200:
            total = sum(sizes)
            self.splitter.setSizes([total - 380, 380])
        self.quotes_view.setFocus()

    # -- editing the summary -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self.cell is not None and self.summary_editor.toPlainText().strip() != self.loaded_summary.strip()

    def _summary_edited(self) -> None:
        self.save_button.setEnabled(self.dirty)
        self.revert_button.setEnabled(self.dirty)

    def save_summary(self) -> bool:
        """Store the editor's text as the selected cell's summary: one undoable step."""
        matrix = self.model.matrix
        if matrix is None or self.cell is None or not self.dirty:
            return False
        i, j = self.cell
        row, column = matrix.rows[i], matrix.columns[j]
        text = self.summary_editor.toPlainText().strip()
        command = SetCellSummaryCommand(self.bench, row.code_uuid, column.key, text, f"'{self.model.row_name(row)} × {column.label}'",
                                        seen=self.loaded_summary)
        if not self.bench.execute(command):
            return False
        self.loaded_summary = text
        self._summary_edited()
        return True

    def revert_summary(self) -> None:
        if self.cell is not None:
            self._load_summary(*self.cell)

    def _save_pending(self) -> None:
        if self.dirty and not self.stopped:
            self.save_summary()

    # -- export ------------------------------------------------------------------------------------
    def export(self) -> None:
        self._save_pending()
        self.controller.exports.export_matrix(self.current_parameters(), cells="both")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Text typed into a summary is kept when the editor loses focus (another window, closing …).
        if watched is self.summary_editor and event.type() == QEvent.Type.FocusOut:
            self._save_pending()
        return super().eventFilter(watched, event)


__all__ = ["COUNT_ROLE", "MatrixModel", "MatrixParameters", "MatrixView", "build_matrix", "default_columns"]
