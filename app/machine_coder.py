"""The machine coder in the window (issue 15 item 4), around ``coding.autocode.machine`` and ``review``.

* **Tools › Train machine coder…** — pick whose codings it learns from (a person or the consensus coder), the unit
  (sentence or speaker turn) and the folds; training runs in a pool thread (``app.operations``) with progress and
  Cancel. Its result is stored as one undo step (``StoreModelCommand`` around ``StoreModelEdit``: the model, its
  coder row "Machine (Lin)" and that coder's out-of-fold codings), and the dialog shows the cross-validated
  precision, recall and F1 per code before anything is suggested, with the number of training units, the data hash,
  the time taken and the codes left out for too few examples. Replacing an existing model asks first.
* **Tools › Suggestions…** — the review queue (``app.machine_review``).
* **Provenance** — a coding made by accepting a suggestion says where it came from in the transcript's tooltip
  (``review.provenance(...).describe()``).

The machine coder is a coder row like any other, so the agreement window lists it with the people.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.commands import BenchCommand
from app.operations import Operation, location_of
from coding.changes import Changes
from coding.edits.base import Edit
from coding.i18n import QT_TRANSLATE_NOOP
from coding.progress import Cancel, Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.machine_review import MachineReview
    from app.main import MainWindow
    from app.workbench import Workbench
    from coding.autocode.machine import StoreModelEdit, TrainedModel, TrainingReport
    from coding.project import Project

ATTRIBUTE = "machine_coder_tools"
MENU = "Tools"
UNITS = (("sentence", QT_TRANSLATE_NOOP("TrainDialog", "Sentence")),
         ("turn", QT_TRANSLATE_NOOP("TrainDialog", "Speaker turn")))
RESULT_COLUMNS = (QT_TRANSLATE_NOOP("TrainDialog", "Code"), QT_TRANSLATE_NOOP("TrainDialog", "Precision"),
                  QT_TRANSLATE_NOOP("TrainDialog", "Recall"), QT_TRANSLATE_NOOP("TrainDialog", "F1"),
                  QT_TRANSLATE_NOOP("TrainDialog", "Examples"), QT_TRANSLATE_NOOP("TrainDialog", "Support"))
UNIT_NOUNS = {"sentence": QT_TRANSLATE_NOOP("machine_coder", "sentence"),
              "turn": QT_TRANSLATE_NOOP("machine_coder", "turn")}  # English adds the plural "s" in the template
DEFAULT_FOLDS = 5


def machine_name(coder: str) -> str:
    """The machine coder's name for a coder (``coding.autocode.machine`` is imported only when training)."""
    from coding.autocode.machine import machine_name as core_name

    return core_name(coder)


def unit_noun(unit: str) -> str:
    """A training unit ("sentence", "turn") in the interface language."""
    return QCoreApplication.translate("machine_coder", UNIT_NOUNS.get(unit, unit))


def shown_paths(session: Session) -> dict[str, str]:
    """Each code's stored path ("A/B") -> the path by the names the interface shows (Chinese names in Chinese)."""
    from app.code_names import shown_path
    from coding.codebook import CodeTree

    codes = CodeTree.load(session).codes
    return {info.path: shown_path(info, codes) for info in codes.values()}


def shown(path: str, paths: dict[str, str]) -> str:
    """A stored code path as the user reads it: shown names, " › " between levels (a deleted code: as stored)."""
    return paths.get(path, path).replace("/", " › ")


def figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


class StoredOnWriter(Edit):
    """A ``StoreModelEdit`` whose ``do`` already ran on the project's serial writer (its hundreds of codings would
    freeze the window if written on the GUI thread): ``do`` only says what it changed, undo and redo are the
    edit's own — the pattern of ``MergeCopiesEdit``."""

    def __init__(self, edit: StoreModelEdit, changes: Changes) -> None:
        self.edit, self.changes = edit, changes

    def do(self, session: Session, actor: str) -> Changes:
        return self.changes

    def undo(self, session: Session, actor: str) -> Changes:
        return self.edit.undo(session, actor)

    def redo(self, session: Session, actor: str) -> Changes:
        return self.edit.redo(session, actor)


class StoreModelCommand(BenchCommand):
    """Keep a trained model, its machine coder and that coder's out-of-fold codings: one undo step."""

    def __init__(self, bench: Workbench, stored: StoredOnWriter) -> None:
        super().__init__(bench, QCoreApplication.translate("TrainDialog", "Train {name}").format(name=stored.edit.name),
                         stored)
        self.stored = stored

    @property
    def report(self) -> TrainingReport | None:
        return self.stored.edit.report


def store_work(edit: StoreModelEdit) -> Callable[[Project, Progress, Cancel], Changes]:
    """The writer's part: the model row, its coder and its codings, in the writer's own session."""

    def work(project: Project, _progress: Progress, _cancelled: Cancel) -> Changes:
        with project.session() as session:
            return edit.do(session, project.actor)

    return work


def load_spacy_safely() -> None:
    """Import spaCy the way the window's warm-up does, under ``coding.nlp``'s lock: two threads importing spaCy
    at once (this worker and the warm-up building a pipeline) see a half-imported module and fail."""
    from coding.nlp import get_pipeline

    get_pipeline("en")  # at once when the warm-up has built it; otherwise waits for it or builds it


def train_work(coder: str, unit: str, folds: int) -> Callable[[Project, Progress, Cancel], TrainedModel]:
    """The worker's part: read the training units in the worker's own session, then train in a child process
    (spaCy would hold this process's GIL and freeze the window); this thread only waits and relays progress."""

    def work(project: Project, progress: Progress, cancelled: Cancel) -> TrainedModel:
        from coding.autocode.machine import training_data
        from coding.autocode.machine_process import train_in_process

        progress(0, 0, QCoreApplication.translate("machine_coder", "reading the training units"))
        with project.session() as session:
            data = training_data(session, from_coder=coder, unit=unit)
        progress(0, 0, QCoreApplication.translate("machine_coder", "starting the training process"))
        return train_in_process(data, folds=folds, progress=progress, cancelled=cancelled)

    return work


class TrainDialog(QDialog):
    """Choose what to learn from, train in the background, then read the cross-validated evaluation."""

    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.operation: Operation | None = None
        self.report: TrainingReport | None = None
        self.setWindowTitle(QCoreApplication.translate("TrainDialog", "Train machine coder"))
        self.setObjectName("trainMachineDialog")
        self.resize(720, 560)
        self._build()
        self.fill_coders()
        self.coder.currentIndexChanged.connect(lambda _index: self.show_stored())
        self.show_stored()

    # -- layout ------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.coder = QComboBox()
        self.coder.setObjectName("machineFromCoder")
        self.unit = QComboBox()
        for value, label in UNITS:
            self.unit.addItem(QCoreApplication.translate("TrainDialog", label), value)
        self.folds = QSpinBox()
        self.folds.setRange(2, 10)
        self.folds.setValue(DEFAULT_FOLDS)
        self.folds.setToolTip(QCoreApplication.translate(
            "TrainDialog", "k-fold cross-validation: each unit is predicted by a model that never saw it"))
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("TrainDialog", "Learn from the codings of"), self.coder)
        form.addRow(QCoreApplication.translate("TrainDialog", "Unit"), self.unit)
        form.addRow(QCoreApplication.translate("TrainDialog", "Folds"), self.folds)
        self.train_button = QPushButton(QCoreApplication.translate("TrainDialog", "Train"))
        self.train_button.setDefault(True)
        self.train_button.clicked.connect(self.start_training)
        self.cancel_button = QPushButton(QCoreApplication.translate("TrainDialog", "Cancel training"))
        self.cancel_button.clicked.connect(self.cancel_training)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel(QCoreApplication.translate(
            "TrainDialog", "Training reads the chosen coder's codings; nothing is suggested until you ask."))
        self.status.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("machineSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = self._results_table()
        self.skipped = QLabel()
        self.skipped.setObjectName("machineSkipped")
        self.skipped.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.train_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.skipped)
        layout.addWidget(buttons)

    @staticmethod
    def _results_table() -> QTableWidget:
        table = QTableWidget(0, len(RESULT_COLUMNS))
        table.setObjectName("machineResults")
        table.setHorizontalHeaderLabels([QCoreApplication.translate("TrainDialog", name) for name in RESULT_COLUMNS])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(RESULT_COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.hide()
        return table

    def fill_coders(self) -> None:
        """People and consensus coders with codings; machine coders are not offered as teachers."""
        from coding.autocode.machine import list_models
        from coding.coders import list_coders

        with self.bench.project.session() as session:
            machines = {model.coder for model in list_models(session) if model.coder}
            coders = [c for c in list_coders(session) if c.name not in machines and c.codings > 0]
        self.coder.clear()
        for coder in coders:
            label = QCoreApplication.translate("TrainDialog", "{coder} (consensus)").format(coder=coder.name) \
                if coder.is_consensus else coder.name
            self.coder.addItem(QCoreApplication.translate("TrainDialog", "{coder} — {count} codings").format(
                coder=label, count=coder.codings), coder.name)
        current = self.coder.findData(self.bench.coder_name)
        if current >= 0:
            self.coder.setCurrentIndex(current)

    # -- training ----------------------------------------------------------------------------------------
    def chosen(self) -> tuple[str, str, int]:
        return str(self.coder.currentData() or ""), str(self.unit.currentData()), self.folds.value()

    def start_training(self) -> Operation | None:
        coder, unit, folds = self.chosen()
        if not coder:
            dialogs.show_error(self, QCoreApplication.translate("TrainDialog", "No coder has codings to learn from yet."),
                               self.windowTitle())
            return None
        replace = self._existing_model(machine_name(coder))
        if replace and not dialogs.confirm(
                self, QCoreApplication.translate(
                    "TrainDialog", "“{name}” exists already. Replace it, its codings and its pending suggestions "
                    "with a newly trained model? (Edit › Undo puts the old one back.)").format(
                        name=machine_name(coder)),
                self.windowTitle(), QCoreApplication.translate("TrainDialog", "Replace")):
            return None
        self.operation = Operation(
            self, train_work(coder, unit, folds), project_path=location_of(self.bench.project),
            actor=self.bench.coder_name, on_success=lambda trained: self._trained(trained, replace),
            on_failure=self._failed, on_cancel=lambda _message: self._finished(
                QCoreApplication.translate("TrainDialog", "Training cancelled: nothing kept.")))
        self.operation.progressed.connect(self._progressed)
        self._busy(True, QCoreApplication.translate(
            "TrainDialog", "Training on {coder}’s codings ({unit}s, {folds} folds)…").format(
                coder=coder, unit=unit_noun(unit), folds=folds))
        return self.operation.start()

    def _existing_model(self, name: str) -> bool:
        from coding.autocode.machine import list_models

        with self.bench.project.session() as session:
            return any(model.name == name for model in list_models(session))

    def cancel_training(self) -> None:
        if self.operation is not None:
            self.operation.cancel()
            self.status.setText(QCoreApplication.translate("TrainDialog", "Cancelling…"))

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total > 0:
            self.progress.setValue(min(done, total))
        if label:
            self.status.setText(QCoreApplication.translate("TrainDialog", "Training: {step}…").format(step=label))

    def _trained(self, trained: TrainedModel, replace: bool) -> None:
        from coding.autocode.machine import StoreModelEdit

        edit = StoreModelEdit(trained, replace=replace)
        self.status.setText(QCoreApplication.translate("TrainDialog", "Keeping {name} and its codings…").format(
            name=edit.name))
        self.operation = Operation(
            self, store_work(edit), project_path=location_of(self.bench.project), actor=self.bench.coder_name,
            writes=True, on_success=lambda changes: self._stored(StoredOnWriter(edit, changes)),
            on_failure=self._failed)
        self.operation.start()

    def _stored(self, stored: StoredOnWriter) -> None:
        command = StoreModelCommand(self.bench, stored)
        if not self.bench.execute(command):
            self._finished(QCoreApplication.translate(
                "TrainDialog", "The trained model was kept, but Edit › Undo cannot take it back."))
            return
        self._finished(QCoreApplication.translate(
            "TrainDialog", "Trained and kept; Edit › Undo takes it back. Tools › Suggestions… asks it for suggestions."))
        if command.report is not None:
            self.show_report(command.report)

    def _failed(self, message: str) -> None:
        self._finished(QCoreApplication.translate("TrainDialog", "Training failed: {message}").format(message=message))
        dialogs.show_error(self, message, self.windowTitle())

    def _finished(self, message: str) -> None:
        self.operation = None
        self._busy(False, message)

    def _busy(self, busy: bool, message: str) -> None:
        self.train_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        for widget in (self.coder, self.unit, self.folds):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.status.setText(message)

    # -- results -----------------------------------------------------------------------------------------
    def show_report(self, report: TrainingReport) -> None:
        """The evaluation of the model just trained."""
        self.report = report
        self._show_evaluation(summary_html(report.machine_coder, report.trained_from, report.unit, report.folds,
                                           report.n_units, report.data_hash, report.created_at, report.seconds),
                              [evaluation.to_dict() for evaluation in report.per_code], report.skipped)

    def show_stored(self) -> None:
        """The evaluation kept with the chosen coder's machine coder, if one was trained before; else nothing."""
        from coding.autocode.machine import list_models

        coder = str(self.coder.currentData() or "")
        with self.bench.project.session() as session:
            stored = next((m for m in list_models(session) if coder and m.name == machine_name(coder)), None)
        if stored is None:
            self.summary.clear()
            self.skipped.clear()
            self.table.hide()
            return
        self._show_evaluation(summary_html(stored.name, stored.trained_from, stored.unit, stored.folds,
                                           stored.n_units, stored.data_hash, stored.created_at, None),
                              stored.per_code, stored.skipped)

    def _show_evaluation(self, summary: str, per_code: Sequence[dict[str, Any]], skipped: dict[str, int]) -> None:
        with self.bench.project.session() as session:
            paths = shown_paths(session)
        self.summary.setText(summary)
        self.table.setRowCount(0)
        for row in per_code:
            self._add_result_row([shown(str(row["code_path"]), paths), figure(row["precision"]),
                                  figure(row["recall"]), figure(row["f1"]), str(row["n_examples"]),
                                  str(row["support"])])
        self.table.show()
        self.skipped.setText(skipped_text(skipped, paths))

    def _add_result_row(self, cells: Sequence[str]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)

    def result_rows(self) -> list[list[str]]:
        """The results table as text, row by row (what the user reads)."""
        return [[item.text() if (item := self.table.item(row, column)) is not None else ""
                 for column in range(self.table.columnCount())] for row in range(self.table.rowCount())]

    def closeEvent(self, event: Any) -> None:
        if self.operation is not None:
            self.operation.stop()
        super().closeEvent(event)

    def reject(self) -> None:
        if self.operation is not None:
            self.operation.stop()
        super().reject()


def summary_html(name: str, trained_from: str, unit: str, folds: int, n_units: int, data_hash: str,
                 created_at: datetime | None, seconds: float | None) -> str:
    """What a paper reports about the model, above its table."""
    created = QCoreApplication.translate("machine_coder", " Trained {when}.").format(
        when=f"{created_at:%Y-%m-%d %H:%M}") if created_at is not None else ""
    took = QCoreApplication.translate("machine_coder", ", {seconds} s").format(seconds=f"{seconds:.1f}") \
        if seconds is not None else ""
    learned = QCoreApplication.translate(
        "machine_coder", "<b>{name}</b> learned from <b>{coder}</b>’s codings: {units} {unit}s, {folds}-fold "
        "cross-validated, threshold 0.50{took}.{created}").format(
            name=html.escape(name), coder=html.escape(trained_from), units=n_units, unit=unit_noun(unit),
            folds=folds, took=took, created=created)
    hashed = QCoreApplication.translate("machine_coder", "Training data hash (SHA-256): <code>{hash}</code>").format(
        hash=data_hash)
    fair = QCoreApplication.translate(
        "machine_coder", "Precision, recall and F1 are from units the model had not seen; its codings are those "
        "out-of-fold predictions, so the agreement window compares it fairly with the people.")
    return f"{learned}<br>{hashed}<br>{fair}"


def skipped_text(skipped: dict[str, int], paths: dict[str, str] | None = None) -> str:
    """The codes left out for too few examples (``paths``: stored path -> shown path, see ``shown_paths``)."""
    if not skipped:
        return QCoreApplication.translate("machine_coder", "No code was left out.")
    separator = QCoreApplication.translate("machine_coder", ", ")
    names = separator.join(f"{shown(path, paths or {})} ({count})" for path, count in sorted(skipped.items()))
    return QCoreApplication.translate("machine_coder", "Left out, fewer than 5 examples: {names}.").format(names=names)


class MachineCoderTools(QObject):
    """The window's machine-coder actions, the training dialog, the review queue and the provenance tooltips."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: TrainDialog | None = None
        self.review: MachineReview | None = None
        self.train_action = self._action(
            QCoreApplication.translate("MachineCoderTools", "Train &machine coder…"), self.show_training,
            QCoreApplication.translate("MachineCoderTools",
                                       "Learn a coder's codings and measure how well a machine repeats them"))
        self.suggestions_action = self._action(
            QCoreApplication.translate("MachineCoderTools", "&Suggestions…"), self.show_suggestions,
            QCoreApplication.translate("MachineCoderTools", "Review the machine coder's suggestions: accept, reject, next"))
        window.transcript.coding_notes = self.provenance_notes
        window.project_opened.connect(lambda: self._set_enabled(True))
        window.project_closing.connect(self._close_windows)
        window.project_closed.connect(lambda: self._set_enabled(False))
        self._set_enabled(window.bench is not None)

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.add_tool_action(MENU, action)
        return action

    def _set_enabled(self, enabled: bool) -> None:
        self.train_action.setEnabled(enabled)
        self.suggestions_action.setEnabled(enabled)

    def show_training(self) -> TrainDialog | None:
        bench = self.window.bench
        if bench is None:
            return None
        if self.dialog is None or self.dialog.bench is not bench:
            self.dialog = TrainDialog(bench, self.window)
        else:
            self.dialog.fill_coders()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def show_suggestions(self) -> MachineReview | None:
        if self.window.bench is None:
            return None
        if self.review is None:
            from app.machine_review import MachineReview

            self.review = MachineReview(self.window)
        self.review.show()
        return self.review

    def provenance_notes(self, coding_uuids: list[str]) -> dict[str, str]:
        """Where accepted suggestions came from, for the transcript's tooltip (one small indexed query)."""
        bench = self.window.bench
        if bench is None or not coding_uuids:
            return {}
        from coding.autocode.review import provenance

        with bench.project.session() as session:
            return {uuid: found.describe() for uuid, found in provenance(session, coding_uuids).items()}

    def _close_windows(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        if self.review is not None:
            self.review.detach()


def install(window: MainWindow) -> None:
    """Add the machine coder's actions to ``window``'s Tools menu (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, MachineCoderTools(window))


def tools_of(window: QWidget) -> MachineCoderTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["MachineCoderTools", "StoreModelCommand", "TrainDialog", "install", "machine_name", "tools_of"]
