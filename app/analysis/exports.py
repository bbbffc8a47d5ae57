"""Exports for the paper, from the menu or a view: options, the platform's save dialog, then a worker with a
progress dialog that can be cancelled. The worker opens its own Project; the file appears only when
complete (``coding.export`` writes a temporary file and moves it into place).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.analysis import common
from app.analysis.common import FilterBar, WorkFor, combo, fill_code_combo, select_data, translated_items
from app.analysis.crosstab import DEFAULT_ATTRIBUTE, CrosstabParameters, default_code
from app.analysis.frequencies import fill_columns_combo
from app.analysis.matrix import MatrixParameters, default_columns
from app.operations import Operation
from app.export_language import ExportLanguageChoice, add_language_row, in_language
from app.paper import PAPER_NAMES, PaperChoice, paper_preference, settings_of
from coding.i18n import QT_TRANSLATE_NOOP
from coding.analysis.crosstab import crosstab
from coding.analysis.filters import SegmentFilter
from coding.analysis.matrix import framework_matrix
from coding.errors import CancelledError, ConcordError, ValidationError
from coding.export.codebook import export_codebook
from coding.export.common import ExportResult, filter_text
from coding.export.matrix import MatrixOptions, chinese_names, export_matrix, level_title
from coding.export.segments import export_segments
from coding.export.summary import export_summary_docx
from coding.export.tables import Sheet, crosstab_sheets, export_table
from coding.progress import Cancel, Progress
from coding.project import Project

if TYPE_CHECKING:
    from app.analysis.controller import AnalysisController

CELLS = ((QT_TRANSLATE_NOOP("Exports", "Summaries and counts"), "both"),
         (QT_TRANSLATE_NOOP("Exports", "Summaries only"), "summary"),
         (QT_TRANSLATE_NOOP("Exports", "Counts only"), "counts"))
NOUNS = {"summary": "quote", "matrix": "row", "codebook": "code", "segments": "segment"}  # what an export counts


def items_written(kind: str, n: int) -> str:
    """"12 quotes" for an export of ``kind``, in the interface language."""
    noun = NOUNS.get(kind, "row")
    if noun == "quote":
        return QCoreApplication.translate("Exports", "%Ln quote(s)", None, n)
    if noun == "code":
        return QCoreApplication.translate("Exports", "%Ln code(s)", None, n)
    if noun == "segment":
        return QCoreApplication.translate("Exports", "%Ln segment(s)", None, n)
    return QCoreApplication.translate("Exports", "%Ln row(s)", None, n)


def ask_options(dialog: QDialog) -> bool:
    """Show an export's options; True when the user goes on (tests replace this to accept the defaults)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


# == the work, run in a pool thread ========================================================================
def summary_work(target: Path, flt: SegmentFilter, include_empty: bool, paper: str | None = None,
                 offsets: bool = False) -> WorkFor[ExportResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        with project.session() as session:
            return export_summary_docx(session, target, flt=flt, include_empty=include_empty, paper=paper,
                                       offsets=offsets, progress=progress, cancel=cancelled)

    return work


def segments_work(target: Path, flt: SegmentFilter) -> WorkFor[ExportResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        with project.session() as session:
            return export_segments(session, target, flt=flt, progress=progress, cancel=cancelled)

    return work


def matrix_work(target: Path, parameters: MatrixParameters, cells: str,
                paper: str | None = None) -> WorkFor[ExportResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        progress(0, 2, QCoreApplication.translate("Exports", "computing the matrix"))
        with project.session() as session:
            matrix = framework_matrix(session, rows=parameters.rows, columns=parameters.columns,
                                      rollup=parameters.rollup, flt=parameters.flt)
            scope = filter_text(session, parameters.flt)  # attributes by display name
            names_zh = chinese_names(session)  # a Chinese export names the codes in Chinese
        if cancelled():
            raise CancelledError("the matrix export was cancelled; no file was written")
        progress(1, 2, QCoreApplication.translate("Exports", "writing"))
        options: MatrixOptions = {"cells": cells, "scope": scope, "names_zh": names_zh}
        if target.suffix.lower() == ".docx":
            options["title"] = level_title(matrix, parameters.level)
            options["paper"] = paper
        result = export_matrix(matrix, target, **options)
        progress(2, 2, QCoreApplication.translate("Exports", "done"))
        return result

    return work


def codebook_work(target: Path, paper: str | None = None) -> WorkFor[ExportResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        with project.session() as session:
            return export_codebook(session, target, paper=paper)

    return work


def crosstab_work(target: Path, parameters: CrosstabParameters) -> WorkFor[ExportResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        with project.session() as session:
            table = crosstab(session, code_id=parameters.code_id, attribute=parameters.attribute,
                             rollup=parameters.rollup, flt=parameters.flt)
        return export_table(target, "crosstab", crosstab_sheets(table))

    return work


def table_work(target: Path, kind: str, sheets: Sequence[Sheet]) -> WorkFor[ExportResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        return export_table(target, kind, sheets)

    return work


# == a running export ======================================================================================
ExportJob = Operation  # one export in a worker, shown by a progress dialog whose Cancel stops it (no file is written)


# == the exports ==========================================================================================
class Exports(QObject):
    """Every export the Analysis menu and the views offer."""

    finished = Signal(object)  # ExportResult (after the user was told)

    def __init__(self, controller: AnalysisController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.jobs: list[ExportJob] = []

    # -- plumbing ----------------------------------------------------------------------------------
    def _parent(self) -> QWidget:
        return self.controller.dialog_parent()

    def paper(self) -> str:
        """The Word exports' paper: the user's last choice (any export dialog), else the locale's."""
        return paper_preference(settings_of(self._parent()))

    def paper_name(self) -> str:
        return PAPER_NAMES[self.paper()]

    def _stem(self, what: str) -> str:
        path = self.controller.project_path
        return common.file_stem(f"{path.stem if path else 'concord'} {what}")

    def ask_target(self, title: str, what: str, suffixes: Sequence[str]) -> Path | None:
        target = common.ask_save_path(self._parent(), title, self.controller.last_folder(), self._stem(what), suffixes)
        if target is not None:
            self.controller.remember_folder(target)
        return target

    def run(self, title: str, work: common.Work) -> ExportJob | None:
        bench, path = self.controller.bench, self.controller.location
        if bench is None or path is None:
            return None
        job = Operation(self._parent(), work, project_path=path, actor=bench.coder_name, title=title,
                        on_success=lambda result: self._succeeded(title, result),
                        on_failure=lambda message: self._failed(title, message),
                        on_cancel=lambda _message: self._cancelled(title), stop_on_close=False)
        job.ended.connect(lambda _result, job=job: self._ended(job))
        self.jobs.append(job)
        return job.start()

    def _succeeded(self, title: str, result: ExportResult) -> None:
        items = items_written(result.kind, result.items)
        self.controller.show_message(QCoreApplication.translate("Exports", "Exported {items} to {path}")
                                     .format(items=items, path=result.path))
        dialogs.show_info(self._parent(), QCoreApplication.translate("Exports", "{title}: {items} written to\n{path}")
                          .format(title=title, items=items, path=result.path), title)
        self.finished.emit(result)

    def _cancelled(self, title: str) -> None:
        self.controller.show_message(QCoreApplication.translate("Exports", "{title} cancelled; no file was written")
                                     .format(title=title))

    def _failed(self, title: str, message: str) -> None:
        dialogs.show_error(self._parent(), QCoreApplication.translate("Exports", "{title} failed: {message}")
                           .format(title=title, message=message), title)

    def _ended(self, job: ExportJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)

    def wait(self, seconds: float = 60.0) -> None:
        for job in list(self.jobs):
            job.cancel()
            job.done.wait(seconds)

    # -- each export -------------------------------------------------------------------------------
    def export_summary(self, flt: SegmentFilter | None = None, include_empty: bool = True,
                       offsets: bool = False) -> ExportJob | None:
        """The coded summary (Word): codes as headings, their quotes with sources."""
        language = None  # without the dialog: the interface language
        if flt is None:
            dialog = OptionsDialog(self.controller, QCoreApplication.translate("Exports", "Export coded summary"),
                                   QCoreApplication.translate(
                                       "Exports", "Every coded segment under its code, with its source: case, "
                                       "document, paragraph."), codes=True, paper=True)
            empty = QCheckBox(QCoreApplication.translate("Exports", "Include codes that have no segments"))
            empty.setChecked(include_empty)
            dialog.form.addRow("", empty)
            dialog.offsets = QCheckBox(QCoreApplication.translate("Exports", "Add character offsets to each source line"))
            dialog.form.addRow("", dialog.offsets)
            if not ask_options(dialog):
                return None
            flt, include_empty = dialog.filters.segment_filter(), empty.isChecked()
            offsets = dialog.offsets.isChecked()
            language = dialog.language.language() if dialog.language else None
        target = self.ask_target(QCoreApplication.translate("Exports", "Export coded summary ({paper})")
                                 .format(paper=self.paper_name()), "coded summary", (".docx",))
        if target is None:
            return None
        return self.run(QCoreApplication.translate("Exports", "Export coded summary"), in_language(language, summary_work(target, flt, include_empty, self.paper(), offsets)))

    def export_segments(self, flt: SegmentFilter | None = None) -> ExportJob | None:
        """Coded segments as a spreadsheet or CSV, with context, speaker and case attributes."""
        if flt is None:
            dialog = OptionsDialog(self.controller, QCoreApplication.translate("Exports", "Export coded segments"),
                                   QCoreApplication.translate("Exports", "One row per coded segment, with its "
                                                              "sentence, speaker and case attributes."),
                                   codes=True)
            if not ask_options(dialog):
                return None
            flt = dialog.filters.segment_filter()
        title = QCoreApplication.translate("Exports", "Export coded segments")
        target = self.ask_target(title, "segments", (".xlsx", ".csv"))
        if target is None:
            return None
        return self.run(title, segments_work(target, flt))

    def export_matrix(self, parameters: MatrixParameters | None = None, cells: str | None = None) -> ExportJob | None:
        """The framework matrix as a Word table (like Table 3) or an Excel workbook."""
        language = None  # without the dialog: the interface language
        if parameters is None or cells is None:
            dialog = MatrixOptionsDialog(self.controller)
            if not ask_options(dialog):
                return None
            parameters, cells = dialog.parameters(), dialog.cells()
            language = dialog.language.language() if dialog.language else None
        target = self.ask_target(QCoreApplication.translate("Exports", "Export framework matrix (Word on {paper})")
                                 .format(paper=self.paper_name()), "framework matrix", (".docx", ".xlsx"))
        if target is None:
            return None
        return self.run(QCoreApplication.translate("Exports", "Export framework matrix"), in_language(language, matrix_work(target, parameters, cells, self.paper())))

    def export_codebook(self) -> ExportJob | None:
        target = self.ask_target(QCoreApplication.translate("Exports", "Export codebook (Word on {paper})")
                                 .format(paper=self.paper_name()), "codebook", (".docx", ".json"))
        if target is None:
            return None
        return self.run(QCoreApplication.translate("Exports", "Export codebook"), codebook_work(target, self.paper()))

    def export_crosstab(self, parameters: CrosstabParameters | None = None) -> ExportJob | None:
        if parameters is None:
            dialog = CrosstabOptionsDialog(self.controller)
            if not ask_options(dialog):
                return None
            try:
                parameters = dialog.parameters()
            except ConcordError as exc:
                dialogs.show_error(self._parent(), str(exc))
                return None
        title = QCoreApplication.translate("Exports", "Export crosstab")
        target = self.ask_target(title, "crosstab", (".xlsx",))
        if target is None:
            return None
        return self.run(title, crosstab_work(target, parameters))

    def export_table(self, kind: str, sheets: Sequence[Sheet], what: str,
                     suffixes: Sequence[str] = (".xlsx", ".csv")) -> ExportJob | None:
        """A table a view already shows (word or code frequencies, co-occurrence)."""
        # kind: the table's English name (marked for "ExportTables"), which the export file also records
        title = QCoreApplication.translate("Exports", "Export {table}").format(
            table=QCoreApplication.translate("ExportTables", kind))
        target = self.ask_target(title, what, suffixes)
        if target is None:
            return None
        return self.run(title, table_work(target, kind, list(sheets)))


# == option dialogs ==========================================================================================
class OptionsDialog(QDialog):
    """An export's options: a short explanation, a form, and the filters (code, coders, case …)."""

    offsets: QCheckBox  # the coded summary's "character offsets" box (export_summary adds it to the form)

    def __init__(self, controller: AnalysisController, title: str, intro: str, *, codes: bool = False,
                 paper: bool = False) -> None:
        super().__init__(controller.dialog_parent())
        self.setWindowTitle(title)
        self.controller = controller
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.paper: PaperChoice | None = None
        if paper:  # Word output: A4 or US Letter, remembered for every Word export
            self.paper = PaperChoice(settings_of(controller.dialog_parent()))
            self.form.addRow(QCoreApplication.translate("Exports", "Paper:"), self.paper)
        self.language: ExportLanguageChoice | None = add_language_row(self.form) if paper else None  # Word exports
        self.filters = FilterBar(codes=codes, any_code=QCoreApplication.translate("Exports", "All codes"))
        self.filters.set_choices(controller.choices(), controller.blind_coder())
        source = controller.existing_view("retrieve")
        if codes and source is not None:
            self.filters.copy_from(source.filters)  # start from what the retrieval view shows
        layout.addWidget(QLabel(QCoreApplication.translate("Exports", "Which codings:")))
        layout.addWidget(self.filters)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Exports", "Choose file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class MatrixOptionsDialog(OptionsDialog):
    def __init__(self, controller: AnalysisController) -> None:
        super().__init__(controller, QCoreApplication.translate("Exports", "Export framework matrix"),
                         QCoreApplication.translate(
                             "Exports", "Codes of one level as rows, cases or the values of an attribute as columns; "
                             "each cell holds your summary and/or its counts."), paper=True)
        choices = controller.choices()
        depth = max(choices.depth(), 1)
        self.level = QComboBox()
        for level in range(1, depth + 1):
            self.level.addItem(QCoreApplication.translate("Exports", "Level {level} codes").format(level=level), level)
        select_data(self.level, min(3, depth))
        self.columns = QComboBox()
        fill_columns_combo(self.columns, choices, fixed=[(QT_TRANSLATE_NOOP("AnalysisOptions", "By case"), "cases")],
                           default=default_columns(choices.attribute_names()))
        self.rollup = QCheckBox(QCoreApplication.translate("Exports", "Rows count the codes below them"))
        self.rollup.setChecked(True)
        self.cell_content = combo(translated_items("Exports", CELLS), "both")
        view = controller.existing_view("matrix")
        if view is not None:  # start from what the matrix view shows
            current = view.current_parameters()
            select_data(self.level, current.level)
            select_data(self.columns, current.columns)
            self.rollup.setChecked(current.rollup)
            self.filters.copy_from(view.filters)
        self.form.addRow(QCoreApplication.translate("Exports", "Rows:"), self.level)
        self.form.addRow(QCoreApplication.translate("Exports", "Columns:"), self.columns)
        self.form.addRow("", self.rollup)
        self.form.addRow(QCoreApplication.translate("Exports", "Cells:"), self.cell_content)

    def parameters(self) -> MatrixParameters:
        return MatrixParameters(int(self.level.currentData()), str(self.columns.currentData()),
                                self.rollup.isChecked(), self.filters.segment_filter())

    def cells(self) -> str:
        return str(self.cell_content.currentData())


class CrosstabOptionsDialog(OptionsDialog):
    def __init__(self, controller: AnalysisController) -> None:
        super().__init__(controller, QCoreApplication.translate("Exports", "Export crosstab"),
                         QCoreApplication.translate(
                             "Exports", "Participants with and without a code for each value of a case attribute, "
                             "with percentages, expected counts, χ² and Fisher's exact test."))
        choices = controller.choices()
        self.code = QComboBox()
        fill_code_combo(self.code, choices, current=default_code(choices))
        self.attribute = QComboBox()
        for name in choices.attribute_names():
            self.attribute.addItem(name, name)
        select_data(self.attribute, DEFAULT_ATTRIBUTE)
        self.rollup = QCheckBox(QCoreApplication.translate("Exports", "A code counts the codes below it"))
        self.rollup.setChecked(True)
        view = controller.existing_view("crosstab")
        if view is not None:
            select_data(self.code, view.code.currentData())
            select_data(self.attribute, view.attribute.currentData())
            self.rollup.setChecked(view.rollup.isChecked())
            self.filters.copy_from(view.filters)
        self.form.addRow(QCoreApplication.translate("Exports", "Code:"), self.code)
        self.form.addRow(QCoreApplication.translate("Exports", "Attribute:"), self.attribute)
        self.form.addRow("", self.rollup)

    def parameters(self) -> CrosstabParameters:
        if self.attribute.currentData() is None:
            raise ValidationError(QCoreApplication.translate("Exports", "the project has no case attributes to cross a code with"))
        return CrosstabParameters(int(self.code.currentData()), str(self.attribute.currentData()),
                                  self.rollup.isChecked(), self.filters.segment_filter())


__all__ = ["CrosstabOptionsDialog", "ExportJob", "Exports", "MatrixOptionsDialog", "OptionsDialog", "ask_options"]
