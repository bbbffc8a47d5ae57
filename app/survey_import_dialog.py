"""File › Import survey answers…: a preview of an .xlsx/.csv sheet (one row per respondent) where the user picks
the respondent id column, the attribute columns and the open-answer columns, sees how many cases and documents
that makes, and imports (``coding.importing.survey``).

The sheet is read and checked here (small: a survey of hundreds of rows reads in well under a second); a bad
sheet (merged cells, no header row, duplicate headers or ids) is shown in red and nothing can be imported. The
import itself is a background write like a transcript import (``Operation(writes=True)``), then a report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.operations import Location, Operation, location_of
from app.warmup import preload
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.progress import Cancel, Progress

if TYPE_CHECKING:
    from coding.importing.survey import SurveyChoice, SurveyReport, SurveyTable
    from coding.project import Project

    from app.main import MainWindow

PREVIEW_ROWS = 8
PREVIEW_COLUMN_WIDTH = 260
OPEN_ANSWER_CHARS = 25  # a column whose typical answer is longer than this is ticked as an open answer …
OPEN_ANSWER_SHARE_DISTINCT = 0.6  # … when most answers differ (a closed question repeats its few choices)
ATTRIBUTE_COLUMN, TEXT_COLUMN = 1, 2
translate = QCoreApplication.translate  # the name lupdate extracts
ROLE_COLUMNS = (QT_TRANSLATE_NOOP("survey_import_dialog", "Column"), QT_TRANSLATE_NOOP("survey_import_dialog", "Attribute"),
                QT_TRANSLATE_NOOP("survey_import_dialog", "Open answers"), QT_TRANSLATE_NOOP("survey_import_dialog", "Example"))
ATTRIBUTE = "survey_import"


def guess_text_column(values: list[str]) -> bool:
    """Long, free answers rather than a category (few distinct values, however long), a number or a date."""
    from statistics import median

    present = [value for value in values if value]
    if not present or median(len(value) for value in present) <= OPEN_ANSWER_CHARS:
        return False
    return len(set(present)) > OPEN_ANSWER_SHARE_DISTINCT * len(present)


class SurveyImportDialog(QDialog):
    imported = Signal(object)  # Changes

    def __init__(self, project_path: Location, actor: str, start_folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("survey_import_dialog", "Import survey answers"))
        self.project_path = project_path
        self.actor = actor
        self.folder = start_folder
        self.table: SurveyTable | None = None
        self.task: Operation | None = None
        self.report: SurveyReport | None = None
        self.resize(960, 760)
        self._build()

    # -- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(translate("survey_import_dialog", "an .xlsx or .csv file, one row per respondent"))
        choose = QPushButton(translate("survey_import_dialog", "Choose file…"))
        choose.clicked.connect(self._choose_file)
        self.sheet = QComboBox()
        self.sheet.currentTextChanged.connect(self._sheet_chosen)
        top = QHBoxLayout()
        top.addWidget(self.path, 1)
        top.addWidget(choose)
        top.addWidget(QLabel(translate("survey_import_dialog", "Sheet:")))
        top.addWidget(self.sheet)

        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setMaximumHeight(230)
        self.case_column = QComboBox()
        self.case_column.currentIndexChanged.connect(self._update_plan)
        self.roles = QTableWidget(0, len(ROLE_COLUMNS))
        self.roles.setHorizontalHeaderLabels([translate("survey_import_dialog", column) for column in ROLE_COLUMNS])
        self.roles.verticalHeader().hide()
        self.roles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roles.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.roles.itemChanged.connect(lambda _item: self._update_plan())
        self.per_respondent = QRadioButton(
            translate("survey_import_dialog", "One document per respondent (each answer labelled with its question)"))
        self.per_question = QRadioButton(translate("survey_import_dialog", "One document per question (each answer labelled with its respondent)"))
        self.per_respondent.setChecked(True)
        self.per_group = QButtonGroup(self)
        for button in (self.per_respondent, self.per_question):
            self.per_group.addButton(button)
            button.toggled.connect(lambda _on: self._update_plan())
        form = QFormLayout()
        form.addRow(translate("survey_import_dialog", "Respondent id:"), self.case_column)
        form.addRow(translate("survey_import_dialog", "Documents:"), self.per_respondent)
        form.addRow("", self.per_question)

        self.outcome = QLabel(translate("survey_import_dialog", "Choose a survey file."))
        self.outcome.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()  # until the import runs
        self.import_button = QPushButton(translate("survey_import_dialog", "Import"))
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start)
        self.close_button = QPushButton(translate("survey_import_dialog", "Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.outcome, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(translate("survey_import_dialog", "First rows:")))
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(QLabel(translate("survey_import_dialog", "Tick the columns that become case attributes and the open-ended answers:")))
        layout.addWidget(self.roles, 1)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    # -- reading ------------------------------------------------------------------------------------------
    def _choose_file(self) -> None:
        chosen = dialogs.open_file(self, translate("survey_import_dialog", "Survey answers"), self.folder, translate("survey_import_dialog", "Survey sheets (*.xlsx *.csv)"))
        if chosen:
            self.load(Path(chosen))

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read the sheet and show it; a sheet Concord refuses is explained below and cannot be imported."""
        from coding.importing.survey import read_survey_table

        self.folder = str(path.parent)
        self.path.setText(str(path))
        try:
            self.table = read_survey_table(path, sheet)
        except ConcordError as exc:
            self.table = None
            self._show_table()
            self._show_problem(str(exc))
            return
        self._show_table()
        self._update_plan()

    def _sheet_chosen(self, name: str) -> None:
        if self.table is not None and name and name != self.table.sheet:
            self.load(self.table.path, name)

    def _show_table(self) -> None:
        table = self.table
        self.sheet.blockSignals(True)
        self.sheet.clear()
        if table is not None and table.sheets:
            self.sheet.addItems(list(table.sheets))
            self.sheet.setCurrentText(table.sheet)
        self.sheet.setEnabled(bool(table and table.sheets))
        self.sheet.blockSignals(False)
        headers = table.headers if table else []
        rows = [row for _, row in table.rows[:PREVIEW_ROWS]] if table else []
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()
        for column in range(len(headers)):  # long answers: a glimpse, not the whole width
            self.preview.setColumnWidth(column, min(self.preview.columnWidth(column), PREVIEW_COLUMN_WIDTH))
        self._fill_roles(headers)

    def _fill_roles(self, headers: list[str]) -> None:
        table = self.table
        self.case_column.blockSignals(True)
        self.roles.blockSignals(True)
        self.case_column.clear()
        self.case_column.addItems([h for h in headers if h])
        named = [(index, header) for index, header in enumerate(headers) if header]
        self.roles.setRowCount(len(named))
        for row, (index, header) in enumerate(named):
            values = [cells[index] for _, cells in table.rows] if table else []
            is_text = guess_text_column(values)
            example = next((value for value in values if value), "")
            self.roles.setItem(row, 0, QTableWidgetItem(header))
            for column, ticked in ((ATTRIBUTE_COLUMN, not is_text and row > 0), (TEXT_COLUMN, is_text)):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                self.roles.setItem(row, column, item)
            self.roles.setItem(row, 3, QTableWidgetItem(example[:120]))
        self.roles.resizeColumnsToContents()
        self.roles.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.case_column.blockSignals(False)
        self.roles.blockSignals(False)

    # -- the choice and what it makes -----------------------------------------------------------------------
    def _ticked(self, column: int) -> tuple[str, ...]:
        case = self.case_column.currentText()
        ticked: list[str] = []
        for row in range(self.roles.rowCount()):
            name, box = self.roles.item(row, 0), self.roles.item(row, column)
            if name is not None and box is not None and box.checkState() == Qt.CheckState.Checked and name.text() != case:
                ticked.append(name.text())
        return tuple(ticked)

    def tick(self, header: str, column: int, ticked: bool = True) -> None:
        """Tick (or untick) a column's Attribute or Open answers box, as a click would."""
        for row in range(self.roles.rowCount()):
            name, box = self.roles.item(row, 0), self.roles.item(row, column)
            if name is not None and box is not None and name.text() == header:
                box.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def choice(self) -> SurveyChoice:
        from coding.importing.survey import PER_QUESTION, PER_RESPONDENT, SurveyChoice

        per = PER_QUESTION if self.per_question.isChecked() else PER_RESPONDENT
        return SurveyChoice(self.case_column.currentText(), self._ticked(TEXT_COLUMN), self._ticked(ATTRIBUTE_COLUMN), per)

    def _update_plan(self) -> None:
        from coding.importing.survey import plan_survey

        if self.table is None:
            return
        try:
            plan = plan_survey(self.table, self.choice())
        except ConcordError as exc:
            self._show_problem(str(exc))
            return
        answers = sum(len(document.turns) for document in plan.documents)
        self.outcome.setStyleSheet("")
        respondents, attributes, documents = len(plan.respondents), len(plan.attributes), len(plan.documents)
        self.outcome.setText(translate(
            "survey_import_dialog", "{respondents} (cases) · {attributes} · {documents} with {answers} (empty answers left out)",
        ).format(
            respondents=translate("survey_import_dialog", "%Ln respondent(s)", None, respondents),
            attributes=translate("survey_import_dialog", "%Ln attribute(s)", None, attributes),
            documents=translate("survey_import_dialog", "%Ln document(s)", None, documents),
            answers=translate("survey_import_dialog", "%Ln answer(s)", None, answers),
        ))
        self.import_button.setEnabled(bool(plan.documents) and self.task is None and self.report is None)

    def _show_problem(self, message: str) -> None:
        self.outcome.setStyleSheet("color: #c62828")
        self.outcome.setText(message)
        self.import_button.setEnabled(False)

    # -- importing ------------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.table is None:
            return
        path, sheet, choice = self.table.path, self.table.sheet or None, self.choice()

        def work(project: Project, progress: Progress, cancelled: Cancel) -> SurveyReport:
            from coding.importing.survey import import_survey

            return import_survey(project, path, choice, sheet=sheet, progress=progress, cancel=cancelled)

        self.task = Operation(
            self, work, project_path=self.project_path, actor=self.actor, writes=True, stop_on_close=False,
            on_success=self._on_finished, on_failure=self._on_failed, on_cancel=self._on_failed,
        )
        self.task.progressed.connect(self._on_progress)
        self.task.stopped.connect(self._on_stopped)
        self.import_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.progress.show()
        self.outcome.setText(translate("survey_import_dialog", "Importing…"))
        self.task.start()

    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _on_progress(self, done: int, total: int, _current: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _on_stopped(self) -> None:
        self.task = None
        self.close_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self._show_problem(translate("survey_import_dialog", "Nothing was imported: {message}").format(message=message))
        dialogs.show_error(self, translate("survey_import_dialog", "The survey import stopped: {message}").format(message=message))

    def _on_finished(self, report: SurveyReport) -> None:
        self.report = report
        self.progress.setValue(self.progress.maximum())
        self._show_report(report)
        self.imported.emit(report.changes)

    def _show_report(self, report: SurveyReport) -> None:
        from app.import_dialog import STATUS_COLOURS, status_word

        items = report.report.items
        self.roles.blockSignals(True)
        self.roles.clear()
        self.roles.setColumnCount(3)
        self.roles.setHorizontalHeaderLabels([translate("survey_import_dialog", "Document"), translate("survey_import_dialog", "Result"), translate("survey_import_dialog", "Details")])
        self.roles.setRowCount(len(items))
        for row, task in enumerate(items):
            result = QTableWidgetItem(status_word(task.status))
            result.setForeground(QColor(STATUS_COLOURS.get(task.status, "#757575")))
            self.roles.setItem(row, 0, QTableWidgetItem(task.document_name or task.shown_note or task.note))
            self.roles.setItem(row, 1, result)
            self.roles.setItem(row, 2, QTableWidgetItem(task.shown_message))
        self.roles.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.roles.blockSignals(False)
        kept = (translate("survey_import_dialog", "; kept {count} values already set").format(count=len(report.kept_values))
                if report.kept_values else "")
        self.outcome.setStyleSheet("")
        self.outcome.setText(translate(
            "survey_import_dialog", "{imported} documents imported, {skipped} skipped (already in the project); {cases} cases added, "
            "{values} attribute values set{kept}.",
        ).format(imported=len(report.report.imported), skipped=len(report.report.skipped), cases=report.cases_added,
                 values=report.values_set, kept=kept))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            event.ignore()  # the import is one transaction: it ends soon, or not at all
            return
        super().closeEvent(event)


def show_survey_import(window: MainWindow) -> SurveyImportDialog | None:
    bench = window.bench
    if bench is None:
        return None
    dialog = SurveyImportDialog(location_of(bench.project), bench.coder_name, parent=window)
    dialog.imported.connect(lambda changes: window.bench.notify(changes) if window.bench is not None else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def install(window: MainWindow) -> None:
    """File › Import survey answers… (beside Import transcripts…), enabled when a project is open."""
    if getattr(window, ATTRIBUTE, None) is not None:
        return
    action = QAction(translate("survey_import_dialog", "Import &survey answers…"), window)
    action.setStatusTip(translate("survey_import_dialog", "Import an .xlsx/.csv sheet of survey answers: respondents as cases, open answers as documents"))
    action.triggered.connect(lambda: show_survey_import(window))
    window.file_menu.insertAction(window.save_copy_action, action)
    window.project_actions.append(action)  # enabled with an open project, like Import transcripts…
    action.setEnabled(window.bench is not None)
    setattr(window, ATTRIBUTE, action)
    preload(("coding.importing.survey",))  # read and import surveys: loaded once the window is up, not at start


__all__ = ["SurveyImportDialog", "guess_text_column", "install", "show_survey_import"]
