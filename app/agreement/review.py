"""Disagreement review: every passage where two or more coders (up to five) differ, the passage side by side
with each coder's codings in that coder's colour, and adjudication into the consensus coder — take one coder's
version, both / all (the union), neither / none or edited bounds — each decision one undoable step on the window's
QUndoStack, logged with the adjudicator, with progress (settled / all) and an export of the decision log.
"Accept agreed passages" copies every passage the coders agree on into the consensus (one undo step); the
consensus state beside the progress reads "complete" only once those and every disagreement are in.

Coders A and B are chosen in two combo boxes; "More coders" adds C, D, E. Panes sit side by side while there are
at most four (three coders and the consensus) and wrap into two rows beyond, so each stays wide enough to read.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QPalette,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app import dialogs
from app.agreement import files
from app.agreement.accept import AcceptAgreedCommand
from app.agreement.colours import TEXT_ON_BAND
from app.agreement.commands import DecideCommand, ReopenDecisionCommand, decision_title
from app.code_labels import CodeLabels
from app.i18n import number
from app.offsets import OffsetMap
from app.workbench import Workbench
from coding.agreement.completion import ConsensusState, state_of
from coding.agreement.consensus import DEFAULT_CONSENSUS, consensus_progress, export_decision_log
from coding.agreement.disagreements import (
    CodingRef,
    Disagreement,
    SideBySide,
    list_disagreements,
    overlap_of_coverages,
    side_by_side,
)
from coding.agreement.units import as_intervals, union
from coding.changes import Changes
from coding.coders import list_coders
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name
from models import ConsensusDecision, Document

translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
REVIEW_UNITS = (  # (unit, its name in English: shown through translate("AgreementReview", name))
    ("passage", QT_TRANSLATE_NOOP("AgreementReview", "Passages (overlapping codings)")),
    ("sentence", QT_TRANSLATE_NOOP("AgreementReview", "Sentences")),
    ("turn", QT_TRANSLATE_NOOP("AgreementReview", "Speaker turns")),
    ("character", QT_TRANSLATE_NOOP("AgreementReview", "Character runs")),
)
COMPARED_COLOURS = ("#86bdf2", "#f6bd78", "#c6a4ef", "#f29b9b", "#86d3cf")  # coders A … E (dark text on each)
CONSENSUS_COLOUR = "#93d6a2"
CODER_COLOURS = (COMPARED_COLOURS[0], COMPARED_COLOURS[1], CONSENSUS_COLOUR)  # the two-coder review's panes
MAX_CODERS = len(COMPARED_COLOURS)
PANES_PER_ROW = 4  # beyond this the panes wrap into two rows
CONTEXT_CHARS = 400
MAX_WIDENING = 1500  # characters a window may grow to reach a line break


@dataclass(frozen=True)
class DecisionInfo:
    decision: str
    decided_by: str
    rationale: str
    decided_at: datetime


def _coverage(codings: Sequence[CodingRef]) -> Any:
    return union(as_intervals([(c.start, c.end) for c in codings]))


def coded_by_text(item: Disagreement) -> str:
    """"Lin only", "Morgan only", or "both, 45% overlap" for two coders whose bounds differ; with more coders
    "all 3, 40–85% overlap" (the lowest and highest pairwise overlap) or "Lin, Priya; not Morgan"."""
    if len(item.coded_by) == len(item.coders):
        coverages = [_coverage(item.codings_of(c)) for c in item.coders]
        overlaps = [overlap_of_coverages(coverages[i], coverages[j]) * 100
                    for i in range(len(coverages)) for j in range(i + 1, len(coverages))]
        if len(coverages) == 2:
            return translate("AgreementReview", "both, {overlap}% overlap").format(overlap=f"{overlaps[0]:.0f}")
        low, high = f"{min(overlaps):.0f}", f"{max(overlaps):.0f}"
        return translate("AgreementReview", "all {count}, {overlap}% overlap").format(
            count=len(coverages), overlap=low if low == high else f"{low}–{high}")
    if len(item.coded_by) == 1:
        return translate("AgreementReview", "{coder} only").format(coder=item.coded_by[0])
    if item.coded_by and len(item.coders) > 2:
        return translate("AgreementReview", "{coders}; not {others}").format(
            coders=", ".join(item.coded_by), others=", ".join(item.not_coded_by))
    return ", ".join(item.coded_by) or translate("AgreementReview", "nobody")


def coder_letter(index: int) -> str:
    return chr(ord("A") + index)


class DisagreementsModel(QAbstractTableModel):
    COLUMNS = ("", QT_TRANSLATE_NOOP("AgreementReview", "Code"), QT_TRANSLATE_NOOP("AgreementReview", "Document"),
               QT_TRANSLATE_NOOP("AgreementReview", "Where"), QT_TRANSLATE_NOOP("AgreementReview", "Coded by"),
               QT_TRANSLATE_NOOP("AgreementReview", "Decision"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Disagreement] = []
        self.decisions: dict[str, DecisionInfo] = {}
        self.labels = CodeLabels()  # the codebook's names (Chinese in a Chinese interface), set by the window

    def set_items(self, items: list[Disagreement], decisions: dict[str, DecisionInfo]) -> None:
        self.beginResetModel()
        self.items, self.decisions = list(items), dict(decisions)
        self.endResetModel()

    def row_of(self, key: str) -> int:
        return next((i for i, item in enumerate(self.items) if item.key == key), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("AgreementReview", self.COLUMNS[section]) if self.COLUMNS[section] else ""
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        info = self.decisions.get(item.decision_uuid or "")
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "✓" if item.resolved else "•"
            if column == 1:
                return self.labels.name(item.code_path, item.code_uuid)
            if column == 2:
                return item.document_name
            if column == 3:
                return f"{number(item.start)}–{number(item.end)}"
            if column == 4:
                return coded_by_text(item)
            if column == 5:
                return decision_title(info.decision, item.coders) if info else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, info)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 0 and item.resolved:
                return QBrush(QColor("#3c9a5f"))
            if column == 0:
                return QBrush(QColor("#d08a1c"))
        if role == Qt.ItemDataRole.FontRole and item.resolved and column != 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignCenter if column == 0 else
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    @staticmethod
    def _tooltip(item: Disagreement, info: DecisionInfo | None) -> str:
        path = item.code_path.replace("/", " › ")
        decided = "\n" + translate("AgreementReview", "Settled: {decision} by {coder}").format(
            decision=decision_title(info.decision, item.coders), coder=info.decided_by) if info else ""
        why = f" — {info.rationale}" if info and info.rationale else ""
        where = translate("AgreementReview", "characters {start}–{end}").format(start=item.start, end=item.end)
        return f"{item.document_name}\n{path}\n{where}{decided}{why}"


class CoderPane(QFrame):
    """One coder's view of the passage: the text with that coder's codings of the code in their colour."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coderPane")
        self.colour = colour
        self.coder = ""
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)  # narrow panes (four or more) share the width equally
        self.edit = QTextEdit()
        self.edit.setReadOnly(True)
        self.edit.setObjectName("coderText")
        self.edit.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.offsets = OffsetMap("")
        self.window_start = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.summary)

    def show_passage(self, view: SideBySide, item: Disagreement, coder: str, codings: Sequence[CodingRef],
                     role: str, labels: CodeLabels | None = None) -> None:
        """Paint ``codings`` (this coder's, every code) over the passage window; the item's code is filled."""
        self.coder = coder
        own = [c for c in codings if c.code_id == item.code_id]
        others = [c for c in codings if c.code_id != item.code_id]
        state = translate("AgreementReview", "coded") if own else translate("AgreementReview", "not coded")
        chip = (f"<span style='background:{self.colour}; color:{TEXT_ON_BAND}; border-radius:3px;'>"
                f"&nbsp;{html.escape(coder)}&nbsp;</span>")
        named = "" if role == coder else f"&nbsp; <span style='font-weight:600'>{role}</span>"
        self.title.setText(f"{chip}{named} &nbsp;·&nbsp; {state}")
        self.window_start = view.window_start
        self.offsets = OffsetMap(view.text)
        self.edit.setPlainText(view.text)
        self._paint(item, own, others)
        spans = ", ".join(f"{number(c.start)}–{number(c.end)}" for c in own) or "—"
        names = labels or CodeLabels()
        also = sorted({names.name(c.code_path) for c in others})
        text = translate("AgreementReview", "This code: {spans}").format(spans=spans)
        if also:
            text += "\n" + translate("AgreementReview", "Also coded here (dotted): {codes}").format(
                codes=", ".join(also))
        self.summary.setText(text)

    def clear(self, message: str = "") -> None:
        self.coder = ""
        self.title.setText(message)
        self.edit.clear()
        self.summary.clear()
        self.offsets = OffsetMap("")

    def _paint(self, item: Disagreement, own: Sequence[CodingRef], others: Sequence[CodingRef]) -> None:
        palette = self.edit.palette()
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        passage = QTextCharFormat()
        passage.setBackground(QColor.fromRgbF(*(b * 0.9 + t * 0.1 for b, t in (
            (base.redF(), text.redF()), (base.greenF(), text.greenF()), (base.blueF(), text.blueF())))))
        coded = QTextCharFormat()
        coded.setBackground(QColor(self.colour))
        coded.setForeground(QColor(TEXT_ON_BAND))
        other = QTextCharFormat()
        other.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        other.setUnderlineColor(QColor(self.colour).darker(140))
        cursor = QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        try:
            self._merge(cursor, item.start, item.end, passage)
            for coding in others:
                self._merge(cursor, coding.start, coding.end, other)
            for coding in own:
                self._merge(cursor, coding.start, coding.end, coded)
        finally:
            cursor.endEditBlock()

    def _merge(self, cursor: QTextCursor, start: int, end: int, fmt: QTextCharFormat) -> None:
        first = self.offsets.to_qt(start - self.window_start)
        last = self.offsets.to_qt(end - self.window_start)
        if last <= first:
            return
        cursor.setPosition(first)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)

    def scroll_to(self, offset: int) -> None:
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(self.offsets.to_qt(offset - self.window_start))
        bar = self.edit.verticalScrollBar()
        line = self.edit.cursorRect(cursor)
        bar.setValue(max(0, bar.value() + line.top() - 3 * line.height()))  # three lines of context above

    def show_at_top(self, qt_position: int) -> None:
        """Scroll so the line holding ``qt_position`` (a position in this pane's text) is the first shown."""
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(min(qt_position, self.edit.document().characterCount() - 1))
        bar = self.edit.verticalScrollBar()
        bar.setValue(bar.value() + self.edit.cursorRect(cursor).top())

    def selection(self) -> tuple[int, int] | None:
        """The selected text as document offsets, or None."""
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            return None
        first, last = self.offsets.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())
        return first + self.window_start, last + self.window_start


class ReviewWindow(QDialog):
    """Review and settle where two or more coders differ."""

    def __init__(self, bench: Workbench, parent: QWidget | None = None, coders: Sequence[str] | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.items: list[Disagreement] = []
        self.current: Disagreement | None = None
        self.view: SideBySide | None = None
        self.problem = ""
        self._select_after: str | None = None
        self._document_length = 0
        self._stale = False
        self.extra_order: list[str] = []  # coders C, D, E in the order they were added
        self._syncing = False
        self.setObjectName("reviewWindow")
        path = bench.project.path
        self.setWindowTitle(translate("AgreementReview", "Review disagreements — {project}").format(
            project=path.stem if path else translate("AgreementReview", "project")))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1500, 900)
        self._build()
        self._load_coders(coders)
        bench.changes_applied.connect(self._on_changes)
        stack = bench.undo_stack
        stack.indexChanged.connect(self._update_undo)
        stack.cleanChanged.connect(self._update_undo)
        self.reload()
        self._update_undo()

    # == building =======================================================================================
    def _build(self) -> None:
        self.coder_a = QComboBox()
        self.coder_b = QComboBox()
        self.more_coders = QPushButton(translate("AgreementReview", "More coders"))
        self.more_coders.setToolTip(translate("AgreementReview", "Compare up to {count} coders at once: add coders "
                                                                 "C, D, E").format(count=MAX_CODERS))
        self.more_menu = QMenu(self.more_coders)
        self.more_coders.setMenu(self.more_menu)
        self.extra_actions: dict[str, QAction] = {}
        self.unit = QComboBox()
        for kind, title in REVIEW_UNITS:
            self.unit.addItem(translate("AgreementReview", title), kind)
        self.tolerance = QSpinBox()
        self.tolerance.setRange(0, 100)
        self.tolerance.setValue(90)
        self.tolerance.setPrefix(translate("AgreementReview", "agree at ≥ "))
        self.tolerance.setSuffix(translate("AgreementReview", " % overlap"))
        self.tolerance.setToolTip(translate("AgreementReview", "A passage every compared coder coded counts as "
                                                               "agreed when each pair's coverages overlap "
                                                               "(intersection / union) at least this much"))
        self.consensus = QLineEdit(DEFAULT_CONSENSUS)
        self.consensus.setMaximumWidth(160)
        self.consensus.setToolTip(translate("AgreementReview", "The consensus coder decisions are written to"))
        self.code_filter = QComboBox()
        self.code_filter.setMinimumWidth(200)
        self.document_filter = QComboBox()
        self.document_filter.setMinimumWidth(160)
        self.show_settled = QCheckBox(translate("AgreementReview", "Show settled"))
        self.show_settled.setChecked(True)
        for combo in (self.coder_a, self.coder_b, self.unit):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.tolerance.editingFinished.connect(self.reload)
        self.consensus.editingFinished.connect(self._show_current)
        for combo in (self.code_filter, self.document_filter):
            combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.show_settled.toggled.connect(lambda _on: self._apply_filters())

        top = QHBoxLayout()
        top.addWidget(QLabel(translate("AgreementReview", "Coder A:")))
        top.addWidget(self.coder_a)
        top.addWidget(QLabel(translate("AgreementReview", "Coder B:")))
        top.addWidget(self.coder_b)
        top.addWidget(self.more_coders)
        top.addSpacing(12)
        top.addWidget(QLabel(translate("AgreementReview", "Unit:")))
        top.addWidget(self.unit)
        top.addWidget(self.tolerance)
        top.addSpacing(12)
        top.addWidget(QLabel(translate("AgreementReview", "Consensus coder:")))
        top.addWidget(self.consensus)
        top.addStretch(1)

        self.model = DisagreementsModel(self)
        self.table = QTableView()
        self.table.setObjectName("disagreementList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 150)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._row_changed(current))
        self.list_label = QLabel()
        self.list_label.setObjectName("sectionLabel")
        self.list_label.setWordWrap(True)
        filters = QHBoxLayout()
        filters.addWidget(self.code_filter, 1)
        filters.addWidget(self.document_filter, 1)
        filters.addWidget(self.show_settled)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_label)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)

        self.heading = QLabel()
        self.heading.setObjectName("transcriptTitle")
        self.heading.setWordWrap(True)
        self.subheading = QLabel()
        self.subheading.setObjectName("transcriptSubtitle")
        self.subheading.setWordWrap(True)
        self.panes: list[CoderPane] = []
        panes = QGridLayout()
        panes.setSpacing(10)
        self.pane_grid = panes
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.subheading)
        right_layout.addLayout(panes, 1)
        right_layout.addWidget(self._build_decisions())
        self._set_coder_count(2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 860])

        self.progress = QProgressBar()
        self.progress.setFormat(translate("AgreementReview", "{settled} of {total} disagreements settled").format(
            settled="%v", total="%m"))
        self.progress.setMinimumWidth(320)
        self.undo_button = QPushButton(translate("AgreementReview", "Undo"))
        self.redo_button = QPushButton(translate("AgreementReview", "Redo"))
        self.undo_button.clicked.connect(self.bench.undo_stack.undo)
        self.redo_button.clicked.connect(self.bench.undo_stack.redo)
        self.undo_action = self.bench.undo_stack.createUndoAction(self, translate("AgreementReview", "Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.bench.undo_stack.createRedoAction(self, translate("AgreementReview", "Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.export_button = QPushButton(translate("AgreementReview", "Export decision log…"))
        self.export_button.clicked.connect(self.export_log)
        self.accept_button = QPushButton(translate("AgreementReview", "Accept agreed passages"))
        self.accept_button.setObjectName("acceptAgreed")
        self.accept_button.setToolTip(translate("AgreementReview", "Copy every passage the coders agree on into the "
                                                                   "consensus coder, so the consensus is complete "
                                                                   "once the disagreements are settled (one undo "
                                                                   "step)"))
        self.accept_button.clicked.connect(self.accept_agreed)
        self.state_label = QLabel()
        self.state_label.setObjectName("consensusState")
        self.state: ConsensusState | None = None
        self.status = QLabel()
        self.status.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.state_label)
        bottom.addWidget(self.accept_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addSpacing(12)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def _build_decisions(self) -> QWidget:
        self.take_buttons: list[QPushButton] = []
        self.take_a_button = self._take_button(0)
        self.take_b_button = self._take_button(1)
        self.both_button = QPushButton(translate("AgreementReview", "B&oth"))
        self.neither_button = QPushButton(translate("AgreementReview", "&Neither"))
        self.both_button.clicked.connect(lambda: self.decide("both"))
        self.neither_button.clicked.connect(lambda: self.decide("neither"))
        self.both_button.setToolTip(translate("AgreementReview", "Everything either coder coded in the passage"))
        self.neither_button.setToolTip(translate("AgreementReview",
                                                 "The passage is not coded with this code in the consensus"))
        self.edit_start = QSpinBox()
        self.edit_end = QSpinBox()
        for spin in (self.edit_start, self.edit_end):
            spin.setGroupSeparatorShown(True)
            spin.setMinimumWidth(90)
        self.selection_button = QPushButton(translate("AgreementReview", "Use selection"))
        self.selection_button.setToolTip(translate("AgreementReview", "Take the bounds from text selected in any pane"))
        self.selection_button.clicked.connect(self.use_selection)
        self.edit_button = QPushButton(translate("AgreementReview", "Settle with these &bounds"))
        self.edit_button.clicked.connect(self.settle_edited)
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText(translate("AgreementReview", "Rationale (optional): why this decision — "
                                                                       "kept in the decision log"))
        self.settled_label = QLabel()
        self.settled_label.setWordWrap(True)
        self.reopen_button = QPushButton(translate("AgreementReview", "&Reopen"))
        self.reopen_button.setToolTip(translate("AgreementReview", "Take the decision back (undoable)"))
        self.reopen_button.clicked.connect(self.reopen)

        frame = QFrame()
        frame.setObjectName("decisionBar")
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setHorizontalSpacing(8)
        decide_row = QHBoxLayout()
        self.decide_row = decide_row
        for button in (self.take_a_button, self.take_b_button, self.both_button, self.neither_button):
            decide_row.addWidget(button)
        decide_row.addStretch(1)
        grid.addWidget(QLabel(translate("AgreementReview", "Settle:")), 0, 0)
        grid.addLayout(decide_row, 0, 1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(QLabel(translate("AgreementReview", "from")))
        edit_row.addWidget(self.edit_start)
        edit_row.addWidget(QLabel(translate("AgreementReview", "to")))
        edit_row.addWidget(self.edit_end)
        edit_row.addWidget(self.selection_button)
        edit_row.addWidget(self.edit_button)
        edit_row.addStretch(1)
        grid.addWidget(QLabel(translate("AgreementReview", "Or edit:")), 1, 0)
        grid.addLayout(edit_row, 1, 1)
        grid.addWidget(QLabel(translate("AgreementReview", "Why:")), 2, 0)
        grid.addWidget(self.rationale, 2, 1)
        settled_row = QHBoxLayout()
        settled_row.addWidget(self.settled_label, 1)
        settled_row.addWidget(self.reopen_button)
        grid.addLayout(settled_row, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        return frame

    def _take_button(self, index: int) -> QPushButton:
        button = QPushButton(translate("AgreementReview", "Take &{letter}").format(letter=coder_letter(index)))
        button.clicked.connect(lambda: self.decide(f"take_{coder_letter(index).lower()}"))
        self.take_buttons.append(button)
        return button

    def _set_coder_count(self, count: int) -> None:
        """One pane per compared coder and one for the consensus; one "Take" button per compared coder."""
        count = max(2, min(count, MAX_CODERS))
        while len(self.take_buttons) < count:
            self.decide_row.insertWidget(len(self.take_buttons), self._take_button(len(self.take_buttons)))
        for index, button in enumerate(self.take_buttons):
            button.setVisible(index < count)
        many = count > 2
        self.both_button.setText(translate("AgreementReview", "A&ll (union)") if many
                                 else translate("AgreementReview", "B&oth"))
        self.neither_button.setText(translate("AgreementReview", "N&one") if many
                                    else translate("AgreementReview", "&Neither"))
        self.both_button.setToolTip(translate("AgreementReview", "Everything any coder coded in the passage") if many
                                    else translate("AgreementReview", "Everything either coder coded in the passage"))
        if len(self.panes) == count + 1:
            return
        for pane in self.panes:
            self.pane_grid.removeWidget(pane)
            pane.deleteLater()
        colours = [*COMPARED_COLOURS[:count], CONSENSUS_COLOUR]
        self.panes = [CoderPane(colour) for colour in colours]
        per_row = len(self.panes) if len(self.panes) <= PANES_PER_ROW else -(-len(self.panes) // 2)
        for column in range(max(per_row, self.pane_grid.columnCount())):
            self.pane_grid.setColumnStretch(column, 1 if column < per_row else 0)
        rows = -(-len(self.panes) // per_row)
        for row in range(2):
            self.pane_grid.setRowStretch(row, 1 if row < rows else 0)
        for index, pane in enumerate(self.panes):
            self.pane_grid.addWidget(pane, index // per_row, index % per_row)
            pane.edit.verticalScrollBar().valueChanged.connect(lambda _value, p=pane: self._sync_scroll(p))

    # == loading ========================================================================================
    def _load_coders(self, wanted: Sequence[str] | None) -> None:
        with self.bench.project.session() as session:
            people = [c.name for c in list_coders(session) if not c.is_consensus]
        chosen = [c for c in (wanted or []) if c in people]
        chosen += [p for p in people if p not in chosen]
        for combo, default in ((self.coder_a, chosen[0] if chosen else None),
                               (self.coder_b, chosen[1] if len(chosen) > 1 else None)):
            combo.blockSignals(True)
            combo.clear()
            for name in people:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(combo.findData(default), 0) if default else -1)
            combo.blockSignals(False)
        self._fill_more_menu(people, list(wanted or [])[2:])

    def _fill_more_menu(self, people: Sequence[str], extras: Sequence[str]) -> None:
        self.more_menu.clear()
        self.extra_actions = {}
        self.extra_order = [name for name in dict.fromkeys(extras) if name in people][:MAX_CODERS - 2]
        for name in people:
            action = self.more_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(name in self.extra_order)
            action.toggled.connect(lambda on, who=name: self._toggle_extra(who, on))
            self.extra_actions[name] = action
        self._update_more_button()

    def _toggle_extra(self, name: str, on: bool) -> None:
        if on and name not in self.extra_order:
            self.extra_order.append(name)
        elif not on and name in self.extra_order:
            self.extra_order.remove(name)
        self._update_more_button()
        self.reload()

    def _update_more_button(self) -> None:
        pair = {self.coder_a.currentData(), self.coder_b.currentData()}
        extras = [n for n in self.extra_order if n not in pair]
        full = len(extras) + 2 >= MAX_CODERS
        for name, action in self.extra_actions.items():
            action.setEnabled(name not in pair and (action.isChecked() or not full))
        self.more_coders.setText(translate("AgreementReview", "More coders: {coders}").format(coders=", ".join(extras))
                                 if extras else translate("AgreementReview", "More coders"))
        self.more_coders.setEnabled(len(self.extra_actions) > 2)  # nobody to add in a two-coder project

    def set_coders(self, coder_a: str, coder_b: str, *more: str) -> None:
        """Compare ``coder_a``, ``coder_b`` and any ``more`` (coders C, D, E) and list their disagreements."""
        for combo, name in ((self.coder_a, coder_a), (self.coder_b, coder_b)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(name))
            combo.blockSignals(False)
        self.extra_order = [n for n in dict.fromkeys(more) if n in self.extra_actions][:MAX_CODERS - 2]
        for name, action in self.extra_actions.items():
            action.blockSignals(True)
            action.setChecked(name in self.extra_order)
            action.blockSignals(False)
        self._update_more_button()
        self.reload()

    def coders(self) -> tuple[str, ...] | None:
        """The compared coders, A and B first; None until two are chosen."""
        a, b = self.coder_a.currentData(), self.coder_b.currentData()
        if not (a and b):
            return None
        return (a, b, *(n for n in self.extra_order if n not in (a, b)))

    def consensus_name(self) -> str:
        return self.consensus.text().strip() or DEFAULT_CONSENSUS

    def reload(self) -> None:
        """List the disagreements again (after any change), keeping the selected one when it is still there."""
        keep = self._select_after or (self.current.key if self.current else None)
        self._select_after = None
        self.tolerance.setEnabled(self.unit.currentData() == "passage")
        self.problem = ""
        pair = self.coders()
        items: list[Disagreement] = []
        decisions: dict[str, DecisionInfo] = {}
        self.state = None
        self._update_more_button()
        if pair is None:
            self.problem = translate("AgreementReview", "The project needs two coders with codings before there is "
                                                        "anything to review.")
        elif pair[0] == pair[1]:
            self.problem = translate("AgreementReview", "Choose two different coders to compare.")
        else:
            self._set_coder_count(len(pair))
            try:
                with self.bench.project.session() as session:
                    listed = list_disagreements(session, list(pair), unit=self.unit.currentData(),
                                                tolerance=float(self.tolerance.value()), include_agreements=True)
                    items = [item for item in listed if not item.agreed]
                    self.state = state_of(pair, listed)
                    decisions = self._decisions(session, items)
                    self.model.labels = CodeLabels.load(session)
            except ConcordError as exc:
                self.problem = str(exc)[:1].upper() + str(exc)[1:]
        self.items = items
        self.decisions = decisions
        self._fill_filters()
        self._apply_filters(keep)
        settled = consensus_progress(items)
        self.progress.setRange(0, max(settled.total, 1))
        self.progress.setValue(settled.resolved)
        self.progress.setFormat(translate("AgreementReview", "{settled} of {total} disagreements settled").format(
            settled=settled.resolved, total=settled.total))
        self._show_state()

    def _show_state(self) -> None:
        """"Consensus: complete" in green, or what is left; the accept action only while agreed passages wait."""
        state = self.state
        self.accept_button.setEnabled(state is not None and state.agreed_left > 0)
        if state is None:
            self.state_label.setText("")
            return
        colour = "#3c9a5f" if state.complete else "#d08a1c"
        self.state_label.setText(translate("AgreementReview", "Consensus: {state}").format(
            state=f"<b style='color:{colour}'>{html.escape(state.summary())}</b>"))
        self.state_label.setToolTip(translate(
            "AgreementReview", "{settled} of {disagreements} disagreements settled; {accepted} of {agreed} agreed "
            "passages accepted into the consensus").format(settled=state.settled, disagreements=state.disagreements,
                                                           accepted=state.accepted, agreed=state.agreed))

    @staticmethod
    def _decisions(session: Any, items: Sequence[Disagreement]) -> dict[str, DecisionInfo]:
        uuids = [item.decision_uuid for item in items if item.decision_uuid]
        if not uuids:
            return {}
        rows = session.execute(
            select(ConsensusDecision.uuid, ConsensusDecision.decision, ConsensusDecision.decided_by,
                   ConsensusDecision.rationale, ConsensusDecision.decided_at)
            .where(ConsensusDecision.uuid.in_(uuids))
        ).all()
        return {uuid: DecisionInfo(decision, by, why, at) for uuid, decision, by, why, at in rows}

    def _fill_filters(self) -> None:
        for combo, label, values in (
            (self.code_filter, translate("AgreementReview", "All codes"),
             {i.code_uuid: i.code_path for i in self.items}),
            (self.document_filter, translate("AgreementReview", "All documents"),
             {i.document_uuid: i.document_name for i in self.items}),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, None)
            for value, text in values.items():
                shown = self.model.labels.name(text, value) if combo is self.code_filter else text.rsplit("/", 1)[-1]
                combo.addItem(shown, value)
                combo.setItemData(combo.count() - 1, text.replace("/", " › "), Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _apply_filters(self, keep: str | None = None) -> None:
        keep = keep or (self.current.key if self.current else None)
        code, document = self.code_filter.currentData(), self.document_filter.currentData()
        shown = [i for i in self.items
                 if (code is None or i.code_uuid == code) and (document is None or i.document_uuid == document)
                 and (self.show_settled.isChecked() or not i.resolved)]
        self.model.set_items(shown, self.decisions)
        if self.problem:
            self.list_label.setText(self.problem)
        else:
            self.list_label.setText(translate("AgreementReview", "{shown} of {total} disagreements shown").format(
                shown=len(shown), total=len(self.items)))
        row = self.model.row_of(keep) if keep else -1
        if row < 0:
            row = next((i for i, item in enumerate(self.model.items) if not item.resolved), 0 if shown else -1)
        if row >= 0:
            self.table.selectRow(row)  # shows the passage through currentRowChanged …
            self.table.scrollTo(self.model.index(row, 0))
            if self.current is not self.model.items[row]:
                self._row_changed(self.model.index(row, 0))  # … unless the current row did not move
        else:
            self._row_changed(QModelIndex())

    def _on_changes(self, changes: Changes) -> None:
        if changes.coders:
            self._load_coders(self.coders())
        if changes.codings or changes.consensus or changes.coders or changes.codes or changes.documents:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # listing again costs a moment: do it when the window shows

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()
        super().showEvent(event)

    # == one passage ====================================================================================
    def _row_changed(self, index: QModelIndex) -> None:
        item = self.model.items[index.row()] if index.isValid() and index.row() < len(self.model.items) else None
        same = item is not None and self.current is not None and item.key == self.current.key
        self.current = item
        self._show_current(keep_scroll=same)

    def _show_current(self, keep_scroll: bool = False) -> None:
        item = self.current
        if item is None:
            self.view = None
            self.heading.setText(translate("AgreementReview", "Nothing to review") if not self.problem else "")
            self.subheading.setText(self.problem or translate("AgreementReview",
                                                              "The two coders agree on every passage listed."))
            for pane in self.panes:
                pane.clear()
            self._update_decision_bar()
            return
        self._set_coder_count(len(item.coders))
        scrolls = [pane.edit.verticalScrollBar().value() for pane in self.panes]
        with self.bench.project.session() as session:
            view = side_by_side(session, item, context=CONTEXT_CHARS)
            text = session.scalar(select(Document.text).where(Document.id == item.document_id)) or ""
        self._document_length = len(text)
        self.view = whole_paragraphs(view, text)
        self.heading.setText(self.model.labels.name(item.code_path, item.code_uuid))
        path = self.model.labels.parent_path(item.code_path, item.code_uuid, " › ")
        where = translate("AgreementReview", "characters {start}–{end}").format(
            start=number(item.start), end=number(item.end))
        self.subheading.setText(f"{path + ' · ' if path else ''}{item.document_name} · {where} · {coded_by_text(item)}")
        columns = {column.coder: column for column in self.view.columns}
        consensus = self.consensus_name()
        roles = [*((coder, translate("AgreementReview", "Coder {letter}").format(letter=coder_letter(i)))
                   for i, coder in enumerate(item.coders)),
                 (consensus, translate("AgreementReview", "Consensus"))]
        for pane, (coder, role) in zip(self.panes, roles, strict=True):
            column = columns.get(coder)
            pane.show_passage(self.view, item, coder, column.codings if column else (), role, self.model.labels)
        if keep_scroll:
            for pane, value in zip(self.panes, scrolls, strict=True):
                pane.edit.verticalScrollBar().setValue(value)
        else:
            QTimer.singleShot(0, lambda start=item.start: self._scroll_to(start))
        self._update_decision_bar()

    def _scroll_to(self, offset: int) -> None:
        if self.panes and self.panes[0].coder:
            self.panes[0].scroll_to(offset)  # the others follow through _sync_scroll

    def _sync_scroll(self, source: CoderPane) -> None:
        """Keep the same character at the top of every pane: narrow panes wrap lines differently, so equal
        scroll values would show different text."""
        if self._syncing or not source.coder:
            return
        self._syncing = True
        try:
            top = source.edit.cursorForPosition(QPoint(2, 2)).position()
            for pane in self.panes:
                if pane is not source and pane.coder:
                    pane.show_at_top(top)
        finally:
            self._syncing = False

    def _update_decision_bar(self) -> None:
        item = self.current
        open_item = item is not None and not item.resolved
        for button in (*self.take_buttons, self.both_button, self.neither_button,
                       self.edit_button, self.selection_button, self.edit_start, self.edit_end, self.rationale):
            button.setEnabled(open_item)
        if item is not None:
            for index, (button, coder) in enumerate(zip(self.take_buttons, item.coders, strict=False)):
                button.setText(translate("AgreementReview", "Take &{letter} — {coder}").format(
                    letter=coder_letter(index), coder=coder))
                button.setToolTip(translate("AgreementReview", "{coder}'s codings of this code in the passage become "
                                                               "the consensus").format(coder=coder))
            for spin in (self.edit_start, self.edit_end):
                spin.setRange(0, max(self._document_length, item.end))
            starts = [c.start for c in item.codings] or [item.start]
            ends = [c.end for c in item.codings] or [item.end]
            self.edit_start.setValue(max(min(starts), item.start))
            self.edit_end.setValue(min(max(ends), item.end))
        info = self.decisions.get(item.decision_uuid or "") if item is not None else None
        self.reopen_button.setVisible(item is not None and item.resolved)
        if item is not None and item.resolved:
            self.settled_label.setText(self._settled_text(item, info))
        else:
            self.settled_label.setText("")

    @staticmethod
    def _settled_text(item: Disagreement, info: DecisionInfo | None) -> str:
        title = decision_title(info.decision, item.coders) if info else translate("AgreementReview", "settled")
        by = translate("AgreementReview", " by {coder}").format(coder=info.decided_by) \
            if info and info.decided_by else ""
        when = translate("AgreementReview", " on {date}").format(date=f"{info.decided_at:%Y-%m-%d %H:%M}") \
            if info else ""
        why = f" — “{info.rationale}”" if info and info.rationale else ""
        heading = translate("AgreementReview", "Settled:")
        return f"<b>{html.escape(heading)}</b> {html.escape(title)}{html.escape(by)}{when}{html.escape(why)}"

    # == deciding =======================================================================================
    def decide(self, decision: str, spans: Sequence[tuple[int, int]] | None = None) -> bool:
        """Settle the selected passage; one undo step. The list moves on to the next unsettled passage."""
        item = self.current
        if item is None or item.resolved:
            return False
        command = DecideCommand(self.bench, item, decision, spans=spans, rationale=self.rationale.text().strip(),
                                consensus=self.consensus_name(),
                                code=self.model.labels.name(item.code_path, item.code_uuid))
        self._select_after = self._next_open_key(item)
        done = self.bench.execute(command)
        if done:
            self.rationale.clear()
            self.status.setText(f"{command.text()}.")
        else:
            self._select_after = None
        return done

    def settle_edited(self) -> bool:
        start, end = self.edit_start.value(), self.edit_end.value()
        if end <= start:
            dialogs.show_error(self, translate("AgreementReview", "The edited bounds must run forwards: {start} to "
                                                                  "{end} is empty.").format(start=number(start),
                                                                                            end=number(end)))
            return False
        return self.decide("edit", [(start, end)])

    def use_selection(self) -> bool:
        for pane in self.panes:
            chosen = pane.selection()
            if chosen is not None:
                self.edit_start.setValue(chosen[0])
                self.edit_end.setValue(chosen[1])
                return True
        self.status.setText(translate("AgreementReview", "Select some text in one of the panes first."))
        return False

    def accept_agreed(self) -> bool:
        """Copy every agreed passage not yet in the consensus into it: one undo step."""
        pair = self.coders()
        if pair is None or self.state is None or self.state.agreed_left == 0:
            return False
        command = AcceptAgreedCommand(self.bench, pair, unit=self.unit.currentData(),
                                      tolerance=float(self.tolerance.value()), consensus=self.consensus_name())
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a large study takes a few seconds
        try:
            done = self.bench.execute(command)
        finally:
            QApplication.restoreOverrideCursor()
        if done:
            self.status.setText(f"{command.text()}.")
        return done

    def reopen(self) -> bool:
        item = self.current
        if item is None or not item.resolved:
            return False
        self._select_after = item.key
        return self.bench.execute(ReopenDecisionCommand(self.bench, item, self.consensus_name()))

    def _next_open_key(self, item: Disagreement) -> str | None:
        rows = self.model.items
        start = self.model.row_of(item.key)
        for candidate in [*rows[start + 1:], *rows[:max(start, 0)]]:
            if not candidate.resolved:
                return candidate.key
        return item.key

    # == log and undo ===================================================================================
    def export_log(self) -> Path | None:
        suggested = str(Path.home() / "decision_log.csv")
        target = files.save_path(self, translate("AgreementReview", "Export the decision log"), suggested,
                                 files.filters(files.LOG_FILTER))
        if not target:
            return None
        try:
            with self.bench.project.session() as session:
                written = export_decision_log(session, target)
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return None
        self.status.setText(translate("AgreementReview", "Saved the decision log to {file}.").format(file=written))
        return written

    def _update_undo(self, *_args: object) -> None:
        stack = self.bench.undo_stack
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(translate("AgreementReview", "Undo {step}").format(step=stack.undoText())
                                    if stack.canUndo() else "")
        self.redo_button.setToolTip(translate("AgreementReview", "Redo {step}").format(step=stack.redoText())
                                    if stack.canRedo() else "")

    def detach(self) -> None:
        """Stop listening to the workbench (the project is closing)."""
        for signal, slot in ((self.bench.changes_applied, self._on_changes),
                             (self.bench.undo_stack.indexChanged, self._update_undo),
                             (self.bench.undo_stack.cleanChanged, self._update_undo)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass


def whole_paragraphs(view: SideBySide, text: str) -> SideBySide:
    """The same view with its window widened to whole lines (or, in very long lines, whole words), so the
    context never starts or ends mid-word."""
    start = text.rfind("\n", 0, view.window_start) + 1
    if view.window_start - start > MAX_WIDENING:
        start = text.rfind(" ", 0, view.window_start) + 1
    end = text.find("\n", view.window_end)
    end = len(text) if end < 0 else end
    if end - view.window_end > MAX_WIDENING:
        space = text.find(" ", view.window_end)
        end = len(text) if space < 0 else space
    return replace(view, window_start=start, window_end=end, text=text[start:end])


__all__ = [
    "CODER_COLOURS",
    "COMPARED_COLOURS",
    "CONSENSUS_COLOUR",
    "MAX_CODERS",
    "CoderPane",
    "DisagreementsModel",
    "ReviewWindow",
    "coded_by_text",
    "coder_letter",
]
