"""Team work in the desktop app: File › Team › Make coder copies… and Merge coder copies….

* **Make coder copies…** — tick the coders (or type new names), choose a folder, keep "blind" or not; one
  ``PROJECT-CODER.concord`` per coder is written in a pool thread (``coding.team.copies``) and listed when done.
  A coder copy opens straight into its coder's identity (``MainWindow._choose_coder`` asks the copy).
* **Merge coder copies…** — choose copies (``.concord``) and ``.qdpx`` files coded from them, and whether a code
  changed differently in both places takes the copy's version. The merge runs in a pool thread
  (``coding.team.merge``); the window then shows a report per file (added, changed, deleted, unchanged,
  conflicts, refusals) and the whole merge is **one undo step**, built from the merge's own records
  (``coding.edits.MergeCopiesEdit``): undo takes back exactly the rows it added or changed, redo does them again;
  both refuse, changing nothing, when those rows were changed since.

Dialogs are this module's functions (``choose_copies``, ``choose_merge``), so tests answer them.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.commands import BenchCommand
from app.exchange import ExchangeProgress
from app.operations import Operation
from coding.changes import Changes
from coding.coders import list_coders
from coding.edits.merging import MergeCopiesEdit, merge_label
from coding.team.copies import CopyResult, make_copies
from coding.i18n import QT_TRANSLATE_NOOP
from coding.said import shown
from coding.team.merge import CopyReport, MergeRecord, MergeResult, merge_copies

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench

ATTRIBUTE = "team_tools"
translate = QCoreApplication.translate  # the name lupdate extracts
MERGE_FILTER = QT_TRANSLATE_NOOP(
    "team", "Coder copies and REFI-QDA projects (*.concord *.qdpx);;Coder copies (*.concord);;REFI-QDA (*.qdpx)")
OK_COLOUR, WARN_COLOUR, BAD_COLOUR = "#2e7d32", "#e65100", "#c62828"


# -- choosing what to do (tests replace these two) ------------------------------------------------------------
@dataclass(frozen=True)
class CopyChoice:
    coders: list[str]
    folder: str
    blind: bool


@dataclass(frozen=True)
class MergeChoice:
    files: list[str]
    theirs: bool


def choose_copies(parent: QWidget | None, people: Sequence[str], folder: str) -> CopyChoice | None:
    """Which coders get a copy, where, and blind or not; None when cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("team", "Make coder copies"))
    listing = QListWidget()
    for name in people:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        listing.addItem(item)
    new_names = QLineEdit()
    new_names.setPlaceholderText(translate("team", "More coders, comma-separated (added to the project)"))
    folder_edit = QLineEdit(folder)
    browse = QPushButton(translate("team", "Browse…"))
    browse.clicked.connect(lambda: folder_edit.setText(
        QFileDialog.getExistingDirectory(dialog, translate("team", "Folder for the copies"), folder_edit.text()) or folder_edit.text()))
    blind = QCheckBox(translate("team", "Blind: leave out the other coders' codings and memos"))
    blind.setChecked(True)
    where = QHBoxLayout()
    where.addWidget(folder_edit, 1)
    where.addWidget(browse)
    form = QFormLayout()
    form.addRow(translate("team", "Coders:"), listing)
    form.addRow("", new_names)
    form.addRow(translate("team", "Folder:"), where)
    form.addRow("", blind)
    hint = QLabel(translate("team", "Each coder gets PROJECT-CODER.concord with their assigned documents (all "
                            "documents when none are assigned) and the codebook. Send it to them; merge it back "
                            "when they are done."))
    hint.setWordWrap(True)
    hint.setObjectName("hint")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("team", "Make copies"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(hint)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(520)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    ticked = [listing.item(i).text() for i in range(listing.count())
              if listing.item(i).checkState() == Qt.CheckState.Checked]
    extra = [name.strip() for name in new_names.text().split(",") if name.strip()]
    return CopyChoice(ticked + extra, folder_edit.text().strip(), blind.isChecked())


def choose_merge(parent: QWidget | None, folder: str) -> MergeChoice | None:
    """The coder copies (and .qdpx files) to merge, and the rule for code conflicts; None when cancelled."""
    files, _filter = QFileDialog.getOpenFileNames(parent, translate("team", "Merge coder copies"), folder,
                                                  translate("team", MERGE_FILTER))
    if not files:
        return None
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("team", "Merge coder copies"))
    listing = QListWidget()
    listing.addItems([Path(name).name for name in files])
    theirs = QCheckBox(translate("team", "When a code was renamed, moved or redefined differently in a copy and "
                                 "here, take the copy's version"))
    hint = QLabel(translate("team", "Otherwise the project's version stays. Either way the report lists every "
                            "conflict, and the whole merge is one step you can undo."))
    hint.setWordWrap(True)
    hint.setObjectName("hint")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("team", "Merge"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in (QLabel(translate("team", "Files to merge:")), listing, theirs, hint, buttons):
        layout.addWidget(widget)
    dialog.setMinimumWidth(520)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return MergeChoice(list(files), theirs.isChecked())


# -- the report ---------------------------------------------------------------------------------------------
def _counts_row(label: str, counts: Any) -> str:
    cells = "".join(f"<td align='right' style='padding:0 10px'>{value:,}</td>" for value in
                    (counts.added, counts.changed, counts.deleted, counts.unchanged))
    return f"<tr><td>{html.escape(label)}</td>{cells}</tr>"


def _copy_html(report: CopyReport) -> str:
    name = html.escape(report.file)
    if report.refused is not None:
        refused = translate("team", "{name}: refused").format(name=name)
        return (f"<h4 style='color:{BAD_COLOUR}'>{refused}</h4>"
                f"<p>{html.escape(report.refused)}</p>")
    made = (translate("team", ", copy made {when} UTC").format(when=f"{report.made_at:%Y-%m-%d %H:%M}")
            if report.made_at else "")
    columns = (translate("team", "added"), translate("team", "changed"), translate("team", "deleted"),
               translate("team", "unchanged"))
    head = "<tr><th align='left'></th>" + "".join(f"<th>{html.escape(column)}</th>" for column in columns) + "</tr>"
    rows = [_counts_row(translate("team", "Codings"), report.codings),
            _counts_row(translate("team", "Codes"), report.codes)]
    if report.memos != type(report.memos)():
        rows.append(_counts_row(translate("team", "Memos"), report.memos))
    if report.statuses != type(report.statuses)():
        rows.append(_counts_row(translate("team", "Document statuses"), report.statuses))
    parts = [f"<h4>{name} — {html.escape(report.coder)}{made}</h4>",
             f"<table cellspacing='0' cellpadding='2'>{head}{''.join(rows)}</table>"]
    if report.conflicts:
        items = "".join(f"<li>{html.escape(conflict.text())}</li>" for conflict in report.conflicts)
        count = len(report.conflicts)  # lupdate reads a plain name as the count, not an expression
        conflicts = translate("team", "%n conflict(s):", None, count)
        parts.append(f"<p style='color:{WARN_COLOUR}'>{conflicts}</p><ul>{items}</ul>")
    else:
        no_conflicts = translate("team", "No conflicts.")
        parts.append(f"<p style='color:{OK_COLOUR}'>{no_conflicts}</p>")
    parts += [f"<p><i>{html.escape(shown(note))}</i></p>" for note in report.notes]
    return "".join(parts)


def report_html(result: MergeResult) -> str:
    merged, refused = len(result.reports) - len(result.refused), len(result.refused)
    files = len(result.reports)
    headline = translate("team", "Merged {merged} of %n file(s)", None, files).format(merged=merged)
    if refused:
        headline += translate("team", "; {refused} refused").format(refused=refused)
    undo = ("<p>" + translate("team", "The merge is one step: Edit › Undo takes it back.") + "</p>"
            if result.records else "")
    return f"<h3>{headline}</h3>{undo}" + "".join(_copy_html(report) for report in result.reports)


class MergeReportDialog(QDialog):
    def __init__(self, result: MergeResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.merge_result = result  # not `result`: QDialog.result() is the dialog's own
        self.setWindowTitle(translate("team", "Merge report"))
        self.browser = QTextBrowser()
        self.browser.setHtml(report_html(result))
        buttons = QDialogButtonBox()
        copy_button = buttons.addButton(translate("team", "Copy report"), QDialogButtonBox.ButtonRole.ActionRole)
        copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.browser.toPlainText()))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)


# -- the undo step --------------------------------------------------------------------------------------------
class MergeCommand(BenchCommand):
    """A merge already done in a worker (``MergeCopiesEdit``: undo and redo replay its records)."""

    def __init__(self, bench: Workbench, records: Sequence[MergeRecord], label: str | None = None) -> None:
        super().__init__(bench, label or merge_label(records), MergeCopiesEdit(records))


# -- the menu items -----------------------------------------------------------------------------------------
class TeamTools(QObject):
    """The Team submenu of one main window, and the one team job that may be running."""

    job_done = Signal(object)  # the list of CopyResult, the MergeResult, or None when the job failed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: Operation | None = None
        self.progress_dialog: ExchangeProgress | None = None
        self.report_dialog: MergeReportDialog | None = None
        self.copies_action = self._action(
            translate("team", "Make coder copies…"), self.make_copies,
            translate("team", "Write one copy of the project per coder, to code on their own computer"))
        self.merge_action = self._action(
            translate("team", "Merge coder copies…"), self.merge,
            translate("team", "Bring coders' copies (or .qdpx files coded from them) back into this project"))
        self.actions = [self.copies_action, self.merge_action]
        self.menu = self._add_menu()
        window.project_opened.connect(self._update_enabled)
        window.project_closed.connect(self._update_enabled)
        window.project_closing.connect(self._stop)
        self._update_enabled()

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _add_menu(self) -> QMenu:
        """File › Team, above Quit with a separator, like the other File-menu features."""
        menu = self.window.file_menu
        submenu = QMenu(translate("team", "&Team"), menu)
        submenu.addActions(self.actions)
        quit_action = getattr(self.window, "quit_action", None)
        if quit_action in menu.actions():
            menu.insertMenu(quit_action, submenu)
            menu.insertSeparator(quit_action)
        else:
            menu.addMenu(submenu)
        return submenu

    def _update_enabled(self) -> None:
        usable = self.window.bench is not None and not self.is_running() and not self.window.bench.project.read_only
        for action in self.actions:
            action.setEnabled(usable)

    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _folder(self) -> str:
        path = self.window.project_path
        return str(path.parent) if path is not None else self.window.settings.last_folder()

    # -- making copies ------------------------------------------------------------------------------------
    def make_copies(self) -> None:
        bench = self.window.bench
        if bench is None or self.is_running():
            return
        with bench.project.session() as session:
            people = [c.name for c in list_coders(session) if not c.is_consensus]
        choice = choose_copies(self.window, people, self._folder())
        if choice is None:
            return
        if not choice.coders:
            dialogs.show_error(self.window, translate("team", "Tick or name at least one coder to make a copy for."))
            return

        def work(project: Any, progress: Any, _cancelled: Any) -> list[CopyResult]:
            return make_copies(project, choice.coders, choice.folder, blind=choice.blind, progress=progress)

        self._run(work, translate("team", "Making coder copies"),
                  translate("team", "Writing copies for {coders}…").format(coders=", ".join(choice.coders)),
                  self._copies_done)

    def _copies_done(self, results: list[CopyResult]) -> None:
        if self.window.bench is not None:
            self.window.bench.notify(Changes(coders=True))
        line = translate("team", "• {file} for {coder}: {documents} document(s), {codings} of their codings")
        lines = "\n".join(line.format(file=r.path.name, coder=r.coder, documents=r.documents, codings=r.codings)
                          for r in results)
        folder = results[0].path.parent if results else ""
        message = translate("team", "Wrote {count} coder copies in {folder}:\n{lines}\n\nEach opens as its coder. "
                            "Merge them back with File › Team › Merge coder copies….")
        dialogs.show_info(self.window, message.format(count=len(results), folder=folder, lines=lines),
                          translate("team", "Coder copies"))

    # -- merging --------------------------------------------------------------------------------------------
    def merge(self) -> None:
        if self.window.bench is None or self.is_running():
            return
        choice = choose_merge(self.window, self._folder())
        if choice is None:
            return

        def work(project: Any, progress: Any, cancelled: Any) -> MergeResult:
            return merge_copies(project, choice.files, theirs=choice.theirs, progress=progress, cancelled=cancelled)

        files = len(choice.files)
        self._run(work, translate("team", "Merging coder copies"), translate("team", "Merging %n file(s)…", None, files),
                  self._merged)

    def _merged(self, result: MergeResult) -> None:
        bench = self.window.bench
        if bench is not None and result.records:
            bench.execute(MergeCommand(bench, result.records))  # its first run writes nothing: says what changed
        self.report_dialog = MergeReportDialog(result, self.window)
        self.report_dialog.show()

    # -- running one job ----------------------------------------------------------------------------------
    def _run(self, work: Any, title: str, text: str, on_result: Callable[[Any], None]) -> None:
        bench = self.window.bench
        assert bench is not None and self.window.project_path is not None
        operation = Operation(self.window, work, project_path=self.window.project_path, actor=bench.coder_name,
                              writes=True, on_success=on_result,
                              on_failure=lambda message: self._failed(title, message))
        self.task = operation
        self.progress_dialog = ExchangeProgress(title, text, True, self.window)
        self.progress_dialog.cancel_requested.connect(operation.cancel)
        operation.progressed.connect(self.progress_dialog.set_progress)
        operation.stopped.connect(self._end)
        operation.ended.connect(self.job_done)
        self._update_enabled()
        self.progress_dialog.show()
        operation.start()

    def _end(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
        self.progress_dialog = None
        self.task = None
        self._update_enabled()

    def _failed(self, title: str, message: str) -> None:
        dialogs.show_error(self.window, translate("team", "{title} failed: {message}").format(title=title, message=message),
                           title)

    def _stop(self) -> None:
        if self.task is not None:
            self.task.stop()


def install(window: MainWindow) -> None:
    """Add File › Team to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, TeamTools(window))


def tools_of(window: QWidget) -> TeamTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["MergeCommand", "MergeReportDialog", "TeamTools", "choose_copies", "choose_merge", "install",
           "report_html", "tools_of"]
