"""The review queue of machine suggestions (Tools › Suggestions…): a dock beside the transcript.

It lists the pending suggestions of one model (document, code, confidence, text), filtered by a minimum-confidence
slider. Selecting one shows its passage selected in the transcript; **Accept** (A) codes it as you, **Reject** (R)
sets it aside, **Next** (N, or ↓) moves on. Accept and reject are undo steps (``AcceptSuggestionsEdit`` /
``RejectSuggestionsEdit`` through ``bench.execute``), so Ctrl+Z puts a suggestion back in the queue. **Suggest…**
runs ``suggest()`` for the chosen model at the slider's threshold on the project's serial writer; its new rows are
not an undo step (they are only proposals until someone accepts them).

The keys act while the queue has the focus, so a code's own single-key shortcut elsewhere keeps its meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.commands import BenchCommand
from app.machine_coder import shown, shown_paths
from app.operations import Operation, location_of
from coding.changes import Changes
from coding.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench
    from coding.autocode.machine import SuggestionRow
    from coding.progress import Cancel, Progress
    from coding.project import Project

COLUMNS = (QT_TRANSLATE_NOOP("SuggestionModel", "Document"), QT_TRANSLATE_NOOP("SuggestionModel", "Code"),
           QT_TRANSLATE_NOOP("SuggestionModel", "Confidence"), QT_TRANSLATE_NOOP("SuggestionModel", "Text"))
DEFAULT_MIN_CONFIDENCE = 0.5
TEXT_PREVIEW = 160
ModelIndex = QModelIndex | QPersistentModelIndex


def count_text(n: int) -> str:
    return QCoreApplication.translate("MachineReview", "%Ln suggestion(s)", None, n)


class AcceptSuggestionsCommand(BenchCommand):
    """Code the suggested passages as the reviewing coder and mark them accepted: one undo step."""

    def __init__(self, bench: Workbench, suggestion_uuids: Sequence[str]) -> None:
        from coding.autocode.review import AcceptSuggestionsEdit

        edit = AcceptSuggestionsEdit(list(suggestion_uuids), bench.coder_id)
        super().__init__(bench, QCoreApplication.translate("MachineReview", "Accept {suggestions}").format(
            suggestions=count_text(len(suggestion_uuids))), edit)


class RejectSuggestionsCommand(BenchCommand):
    """Mark the suggestions rejected: one undo step."""

    def __init__(self, bench: Workbench, suggestion_uuids: Sequence[str]) -> None:
        from coding.autocode.review import RejectSuggestionsEdit

        super().__init__(bench, QCoreApplication.translate("MachineReview", "Reject {suggestions}").format(
            suggestions=count_text(len(suggestion_uuids))),
                         RejectSuggestionsEdit(list(suggestion_uuids)))


class SuggestionModel(QAbstractTableModel):
    """The pending suggestions at or above the minimum confidence, in the order the core lists them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.all_rows: list[SuggestionRow] = []
        self.rows: list[SuggestionRow] = []
        self.min_confidence = DEFAULT_MIN_CONFIDENCE
        self.paths: dict[str, str] = {}  # stored code path -> the path by the names the interface shows

    def set_rows(self, rows: Sequence[SuggestionRow]) -> None:
        self.all_rows = list(rows)
        self._filter()

    def set_min_confidence(self, value: float) -> None:
        self.min_confidence = value
        self._filter()

    def _filter(self) -> None:
        self.beginResetModel()
        self.rows = [row for row in self.all_rows if row.confidence >= self.min_confidence]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SuggestionModel", COLUMNS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.document, shown(row.code_path, self.paths), None, row.text)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: SuggestionRow, column: int) -> str:
        if column == 0:
            return row.document
        if column == 1:
            return self.paths.get(row.code_path, row.code_path).rsplit("/", 1)[-1]
        if column == 2:
            return f"{row.confidence:.2f}"
        text = " ".join(row.text.split())
        return text if len(text) <= TEXT_PREVIEW else text[:TEXT_PREVIEW - 1] + "…"


class ReviewQueue(QWidget):
    """Model choice, threshold, the list, and the Accept / Reject / Next buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("machineReviewQueue")
        self.model_choice = QComboBox()
        self.model_choice.setObjectName("suggestionModel")
        self.model_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(5, 100)  # a threshold of 0 would suggest every code for every passage
        self.slider.setSingleStep(5)
        self.slider.setPageStep(10)
        self.slider.setValue(round(DEFAULT_MIN_CONFIDENCE * 100))
        self.slider.setToolTip(QCoreApplication.translate(
            "ReviewQueue", "Show (and suggest) only what the model is at least this confident of"))
        self.threshold_label = QLabel()
        self.suggest_button = QPushButton(QCoreApplication.translate("ReviewQueue", "Suggest…"))
        self.suggest_button.setToolTip(QCoreApplication.translate(
            "ReviewQueue", "Let the chosen model suggest codes for passages no person coded so"))
        self.table = QTableView()
        self.table.setObjectName("suggestionTable")
        self.items = SuggestionModel(self)
        self.table.setModel(self.items)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        for column, width in ((0, 130), (1, 170)):  # names elide; the tooltip and the transcript show them whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.accept_button = QPushButton(QCoreApplication.translate("ReviewQueue", "Accept (A)"))
        self.reject_button = QPushButton(QCoreApplication.translate("ReviewQueue", "Reject (R)"))
        self.next_button = QPushButton(QCoreApplication.translate("ReviewQueue", "Next (N)"))
        self.status = QLabel()
        self.status.setObjectName("suggestionStatus")
        self.status.setWordWrap(True)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("ReviewQueue", "Model")))
        top.addWidget(self.model_choice, 1)
        top.addWidget(self.suggest_button)
        threshold = QHBoxLayout()
        threshold.addWidget(QLabel(QCoreApplication.translate("ReviewQueue", "Min. confidence")))
        threshold.addWidget(self.slider, 1)
        threshold.addWidget(self.threshold_label)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(threshold)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    @property
    def min_confidence(self) -> float:
        return self.slider.value() / 100

    def current_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.items.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.items.index(row, 0))


class MachineReview(QObject):
    """The Suggestions dock of one window: reads the queue, runs the decisions as undo steps."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bench: Workbench | None = None
        self.operation: Operation | None = None
        self.shown = ""  # the suggestion whose passage the transcript was last asked to show
        self.queue = ReviewQueue()
        self.dock = QDockWidget(QCoreApplication.translate("MachineReview", "Suggestions"), window)
        self.dock.setObjectName("suggestionsDock")
        self.dock.setWidget(self.queue)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.codebook_dock, self.dock)
        self._add_to_view_menu()
        self._connect()
        self._shortcuts()
        self._show_threshold()

    def _connect(self) -> None:
        queue = self.queue
        queue.slider.valueChanged.connect(lambda _value: self._threshold_changed())
        queue.model_choice.currentIndexChanged.connect(lambda _index: self.refresh())
        queue.suggest_button.clicked.connect(self.run_suggest)
        queue.accept_button.clicked.connect(self.accept_current)
        queue.reject_button.clicked.connect(self.reject_current)
        queue.next_button.clicked.connect(self.next)
        queue.table.selectionModel().selectionChanged.connect(lambda *_: self._current_changed())
        self.window.project_opened.connect(self._opened)

    def _add_to_view_menu(self) -> None:
        toggle = self.dock.toggleViewAction()
        toggle.setText(QCoreApplication.translate("MachineReview", "S&uggestions"))
        # the menu itself, not one found by its English title (which reads otherwise in another language)
        self.window.view_menu.insertAction(self.window.reset_layout_action, toggle)

    def _shortcuts(self) -> None:
        for key, slot in (("A", self.accept_current), ("R", self.reject_current), ("N", self.next)):
            shortcut = QShortcut(QKeySequence(key), self.queue)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- showing ---------------------------------------------------------------------------------------
    def show(self) -> None:
        self.attach()
        self.dock.show()
        self.dock.raise_()
        self.refresh()
        self.queue.table.setFocus()

    def attach(self) -> None:
        bench = self.window.bench
        if bench is self.bench:
            return
        self.detach()
        self.bench = bench
        if bench is not None:
            bench.changes_applied.connect(self._on_changes)

    def detach(self) -> None:
        """Let go of the closing project (the dock stays, empty)."""
        if self.operation is not None:
            self.operation.stop()
            self.operation = None
        if self.bench is not None:
            self.bench.changes_applied.disconnect(self._on_changes)
        self.bench = None
        self.shown = ""
        self.queue.items.set_rows([])
        self.queue.model_choice.clear()

    def _opened(self) -> None:
        if self.dock.isVisible():
            self.show()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if self.dock.isHidden():
            return  # show() reads the queue afresh
        if changes.machine or changes.codings or changes.codes or changes.documents or changes.coders:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the models and the chosen model's pending suggestions, keeping the place in the list."""
        if self.bench is None:
            return
        from coding.autocode.machine import list_models, list_suggestions, shown_in_blind_mode

        row = self.queue.current_row()
        bench = self.bench
        with bench.project.session() as session:
            models = [model.name for model in list_models(session)
                      if not bench.blind or shown_in_blind_mode(model, bench.coder_name)]
            self._fill_models(models)
            chosen = self.queue.model_choice.currentData()
            rows = list_suggestions(session, status="pending", model=chosen) if chosen else []
            self.queue.items.paths = shown_paths(session)
        self.queue.items.set_rows(rows)
        self.queue.select_row(min(max(row, 0), self.queue.items.rowCount() - 1))
        self._show_counts()

    def _fill_models(self, names: list[str]) -> None:
        choice = self.queue.model_choice
        current = choice.currentData()
        if [choice.itemData(i) for i in range(choice.count())] == names:
            return
        choice.blockSignals(True)
        choice.clear()
        for name in names:
            choice.addItem(name, name)
        index = choice.findData(current)
        choice.setCurrentIndex(index if index >= 0 else 0)
        choice.blockSignals(False)

    def _threshold_changed(self) -> None:
        self._show_threshold()
        self.queue.items.set_min_confidence(self.queue.min_confidence)
        self.queue.select_row(0)
        self._show_counts()

    def _show_threshold(self) -> None:
        self.queue.threshold_label.setText(f"≥ {self.queue.min_confidence:.2f}")

    def _show_counts(self) -> None:
        items = self.queue.items
        if self.queue.model_choice.count() == 0:
            text = QCoreApplication.translate("MachineReview",
                                              "No machine coder yet: train one with Tools › Train machine coder….")
        else:
            hidden = len(items.all_rows) - len(items.rows)
            below = QCoreApplication.translate("MachineReview", " ({count} below the threshold)").format(
                count=hidden) if hidden else ""
            text = QCoreApplication.translate("MachineReview", "{suggestions} pending{below}.").format(
                suggestions=count_text(len(items.rows)), below=below)
        self.queue.status.setText(text)
        has_rows = items.rowCount() > 0
        for button in (self.queue.accept_button, self.queue.reject_button, self.queue.next_button):
            button.setEnabled(has_rows)
        self.queue.suggest_button.setEnabled(self.queue.model_choice.count() > 0 and self.operation is None)

    def current(self) -> SuggestionRow | None:
        row = self.queue.current_row()
        return self.queue.items.rows[row] if row >= 0 else None

    def _current_changed(self) -> None:
        suggestion = self.current()
        if suggestion is None or suggestion.uuid == self.shown:
            return  # a refresh that kept the place does not move the transcript away from the user's work
        self.shown = suggestion.uuid
        if suggestion.document_id != self.window.document_id:
            self.window.open_document(suggestion.document_id)
        self.window.transcript.select(suggestion.start, suggestion.end)  # the queue keeps the focus (A, R, N)

    # -- deciding --------------------------------------------------------------------------------------
    def accept_current(self) -> bool:
        suggestion = self.current()
        if suggestion is None or self.bench is None:
            return False
        return self.bench.execute(AcceptSuggestionsCommand(self.bench, [suggestion.uuid]))

    def reject_current(self) -> bool:
        suggestion = self.current()
        if suggestion is None or self.bench is None:
            return False
        return self.bench.execute(RejectSuggestionsCommand(self.bench, [suggestion.uuid]))

    def next(self) -> None:
        row = self.queue.current_row()
        if row + 1 < self.queue.items.rowCount():
            self.queue.select_row(row + 1)
        else:
            self.queue.status.setText(QCoreApplication.translate("MachineReview", "End of the queue."))

    # -- suggesting ------------------------------------------------------------------------------------
    def run_suggest(self) -> Operation | None:
        bench = self.bench
        model = self.queue.model_choice.currentData()
        if bench is None or not model or self.operation is not None:
            return None
        threshold = self.queue.min_confidence
        self.operation = Operation(
            self.queue, suggest_work(str(model), threshold), project_path=location_of(bench.project),
            actor=bench.coder_name, writes=True, title=QCoreApplication.translate("MachineReview", "Suggest codes"),
            on_success=lambda rows: self._suggested(len(rows)), on_failure=self._suggest_failed,
            on_cancel=lambda _message: self._suggest_failed("cancelled"))
        self.queue.suggest_button.setEnabled(False)
        self.queue.status.setText(QCoreApplication.translate(
            "MachineReview", "{model} is reading the uncoded passages…").format(model=model))
        return self.operation.start()

    def _suggested(self, count: int) -> None:
        self.operation = None
        if self.bench is not None:
            self.bench.notify(Changes(machine=True))
        self._show_counts()
        new = QCoreApplication.translate("MachineReview", "%Ln new suggestion(s)", None, count)
        self.queue.status.setText(QCoreApplication.translate("MachineReview", "{new}; {status}").format(
            new=new, status=self.queue.status.text()))

    def _suggest_failed(self, message: str) -> None:
        from app import dialogs

        self.operation = None
        self._show_counts()
        if message != "cancelled":
            dialogs.show_error(self.queue, QCoreApplication.translate(
                "MachineReview", "Suggesting failed: {message}").format(message=message),
                QCoreApplication.translate("MachineReview", "Suggestions"))


def suggest_work(model: str, min_confidence: float) -> Any:
    """The worker's part of Suggest…: the core stores the pending rows in the worker's own session."""

    def work(project: Project, _progress: Progress, _cancelled: Cancel) -> list[SuggestionRow]:
        from app.machine_coder import load_spacy_safely
        from coding.autocode.machine import suggest

        load_spacy_safely()
        with project.session() as session:
            return suggest(session, model=model, min_confidence=min_confidence, actor=project.actor)

    return work


__all__ = ["AcceptSuggestionsCommand", "MachineReview", "RejectSuggestionsCommand", "ReviewQueue",
           "SuggestionModel", "suggest_work"]
