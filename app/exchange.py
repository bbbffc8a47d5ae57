"""REFI-QDA exchange in the desktop app: four File-menu items around ``coding.refi``.

* **Import REFI-QDA project (.qdpx)…** — works with no project open: builds a new ``.concord`` file from an
  archive written by NVivo, ATLAS.ti, MAXQDA, QualCoder …, then shows the report and offers to open it;
* **Export project as REFI-QDA (.qdpx)…** — standard flavour, or CRLF text with UTF-16 positions for NVivo;
* **Export codebook (.qdc)…** and **Import codebook (.qdc)…** — the codebook alone; an import merges
  into the open project's codebook (not an undo step: the undo history is cleared, as for every edit
  that cannot be taken back).

Every exchange runs in a pool thread on its own connection (``app.operations``) behind a small progress
dialog with Cancel; ``coding.refi`` writes nothing half-done, so a failure or a cancel leaves no file.
File dialogs are this module's functions (``open_path``, ``save_path``, ``choose_flavour``) and messages go
through ``app.dialogs``, so tests replace them and drive the menu items without a modal dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL

from app import dialogs, workers
from app.operations import Operation, PlainWork, location_of
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.progress import Cancel, Progress
from coding.project import Project, new_project_path

if TYPE_CHECKING:  # coding.refi (lxml, the schemas) is imported when an exchange is asked for, not at start
    from app.main import MainWindow
    from coding.refi import Flavour, RefiReport

translate = QCoreApplication.translate  # the name lupdate extracts
# Labels below are translated where shown: translate("exchange", LABEL).
QDPX_FILTER = QT_TRANSLATE_NOOP("exchange", "REFI-QDA projects (*.qdpx)")
QDC_FILTER = QT_TRANSLATE_NOOP("exchange", "REFI-QDA codebooks (*.qdc)")
CODEBOOK_SOURCES_FILTER = QT_TRANSLATE_NOOP(
    "exchange", "REFI-QDA codebooks (*.qdc);;Codebook of a REFI-QDA project (*.qdpx)")
FLAVOUR_SETTING = "exchange/flavour"
ATTRIBUTE = "exchange_tools"

# What the report's count keys mean in Concord's words.
COUNT_LABELS = {
    "sources": QT_TRANSLATE_NOOP("exchange", "Documents (sources)"),
    "codes": QT_TRANSLATE_NOOP("exchange", "Codes"),
    "codes added": QT_TRANSLATE_NOOP("exchange", "Codes added"),
    "codes updated": QT_TRANSLATE_NOOP("exchange", "Codes updated"),
    "codings": QT_TRANSLATE_NOOP("exchange", "Codings"),
    "users": QT_TRANSLATE_NOOP("exchange", "Coders (users)"),
    "cases": QT_TRANSLATE_NOOP("exchange", "Cases"),
    "variables": QT_TRANSLATE_NOOP("exchange", "Attributes (variables)"),
    "sets": QT_TRANSLATE_NOOP("exchange", "Document groups (sets)"),
    "notes": QT_TRANSLATE_NOOP("exchange", "Memos (notes)"),
}
FLAVOUR_CHOICES = (  # coding.refi.Flavour's values
    ("standard", QT_TRANSLATE_NOOP("exchange", "Standard REFI-QDA"),
     QT_TRANSLATE_NOOP("exchange", "UTF-8 text with LF line ends, positions in characters. For QualCoder, "
                                   "ATLAS.ti and most programs.")),
    ("crlf-utf16", QT_TRANSLATE_NOOP("exchange", "CRLF / UTF-16 (NVivo-style)"),
     QT_TRANSLATE_NOOP("exchange", "UTF-8 text with a BOM and CRLF line ends, positions in UTF-16 units. What "
                                   "NVivo for Windows and MAXQDA read best.")),
)


# File dialogs are module names here so tests can replace them.
open_path = dialogs.open_file
save_path = dialogs.save_file


# coding.refi's four calls, imported on first use (module names too, so tests can replace them).
def import_qdpx(*args: Any, **kwargs: Any) -> RefiReport:
    from coding.refi import import_qdpx as run

    return run(*args, **kwargs)


def export_qdpx(*args: Any, **kwargs: Any) -> RefiReport:
    from coding.refi import export_qdpx as run

    return run(*args, **kwargs)


def import_qdc(*args: Any, **kwargs: Any) -> RefiReport:
    from coding.refi import import_qdc as run

    return run(*args, **kwargs)


def export_qdc(*args: Any, **kwargs: Any) -> RefiReport:
    from coding.refi import export_qdc as run

    return run(*args, **kwargs)


def choose_flavour(parent: QWidget | None, current: Flavour | str = "standard") -> Flavour | None:
    """Which kind of .qdpx to write; None when cancelled."""
    from coding.refi import Flavour

    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("exchange", "Export as REFI-QDA"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(translate("exchange", "Which program will open the file?")))
    group = QButtonGroup(dialog)
    for index, (flavour, title, explanation) in enumerate(FLAVOUR_CHOICES):
        button = QRadioButton(translate("exchange", title))
        button.setChecked(flavour == current)
        group.addButton(button, index)
        note = QLabel(translate("exchange", explanation))
        note.setWordWrap(True)
        note.setContentsMargins(24, 0, 0, 6)
        note.setObjectName("hint")  # muted, as the app style draws hints
        layout.addWidget(button)
        layout.addWidget(note)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("exchange", "Export…"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(460)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return Flavour(FLAVOUR_CHOICES[max(group.checkedId(), 0)][0])


def with_suffix(path: str | Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (appended when the name has another or none: never replaces a file type)."""
    path = Path(path)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


# -- progress -------------------------------------------------------------------------------------------
class ExchangeProgress(QDialog):
    """What is being exchanged, a bar, and Cancel (Esc cancels too; the dialog stays until the worker stops)."""

    cancel_requested = Signal()

    def __init__(self, title: str, text: str, cancellable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.status = QLabel(text)
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.cancel_button = QPushButton(translate("exchange", "Cancel"))
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self.request_cancel)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addLayout(row)
        self.setMinimumWidth(440)
        self._finished = False

    def set_progress(self, done: int, total: int, _what: str = "") -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, max(total, 1)))

    def request_cancel(self) -> None:
        if self.cancel_button.isVisible() and self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.status.setText(translate("exchange", "Cancelling…"))
            self.cancel_requested.emit()

    def finish(self) -> None:
        self._finished = True
        self.close()
        self.deleteLater()

    def reject(self) -> None:
        if not self._finished:
            self.request_cancel()  # Esc cancels; the worker's end closes the dialog
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._finished:
            event.ignore()
            self.request_cancel()
            return
        super().closeEvent(event)


# -- the report ----------------------------------------------------------------------------------------------
def _size(bytes_written: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if bytes_written >= scale:
            return f"{bytes_written / scale:.1f} {unit}"
    return translate("exchange", "{count} bytes").format(count=bytes_written)


def _units_label(value: str) -> str:
    from coding.refi.positions import Units

    try:
        return Units(value).label
    except ValueError:
        return value


def _headline(report: RefiReport) -> str:
    name = html.escape(report.path.name)
    if report.operation == "import":
        target = html.escape(report.project.name if report.project else "")
        return translate("exchange", "Imported <b>{name}</b> as the new project <b>{target}</b>").format(
            name=name, target=target)
    if report.operation == "import-codebook":
        return translate("exchange", "Merged the codebook of <b>{name}</b> into this project's codebook").format(
            name=name)
    flavour = (translate("exchange", ", {flavour} flavour").format(flavour=report.flavour)
               if report.flavour and report.operation == "export" else "")
    exported = (translate("exchange", "Exported the codebook to <b>{name}</b> ({size}{flavour})")
                if report.operation == "export-codebook"
                else translate("exchange", "Exported the project to <b>{name}</b> ({size}{flavour})"))
    return exported.format(name=name, size=_size(report.bytes_written), flavour=flavour)


def _table(rows: list[tuple[str, str]], colour: str | None = None) -> str:
    style = f" style='color:{colour}'" if colour else ""
    cells = "".join(
        f"<tr><td style='padding-right:18px'>{html.escape(label)}</td><td align='right'{style}>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _messages(messages: list[str], omitted: int) -> str:
    items = "".join(f"<li>{html.escape(message)}</li>" for message in messages)
    more = ("<li><i>" + translate("exchange", "… and {count} more").format(count=omitted) + "</i></li>"
            if omitted else "")
    return f"<ul style='margin-left:-20px'>{items}{more}</ul>"


def report_html(report: RefiReport) -> str:
    """The report as a page to read: counts, what was skipped by kind, position units, schema check, warnings."""
    from app.import_dialog import STATUS_COLOURS  # the import dialog and its core: loaded with a report, not at start
    from coding.importing.tasks import IMPORTED, SKIPPED

    data = report.to_dict()
    parts = [f"<h3>{_headline(report)}</h3>"]
    where = report.project if report.operation == "import" else report.path
    details = [translate("exchange", "File: {path}").format(path=html.escape(str(where)))] if where is not None else []
    if report.origin and report.operation.startswith("import"):
        details.append(translate("exchange", "Written by: {program}").format(program=html.escape(report.origin)))
    parts.append(f"<p>{'<br>'.join(details)}</p>")
    order = {key: index for index, key in enumerate(COUNT_LABELS)}  # documents first, memos last
    counts = [
        (translate("exchange", COUNT_LABELS[key]) if key in COUNT_LABELS else key.capitalize(), f"{value:,}")
        for key, value in sorted(data["counts"].items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    ]
    parts.append("<h4>" + translate("exchange", "What came across") + "</h4>" + _table(counts))
    skipped_total = report.skipped_total
    if skipped_total:
        from coding.refi.report import skipped_label

        rows = [(skipped_label(kind), f"{count:,}") for kind, count in sorted(report.skipped.items())]
        skipped = translate("exchange", "Skipped: {count} item(s) Concord cannot hold").format(
            count=f"{skipped_total:,}")
        parts.append(f"<h4>{skipped}</h4>" + _table(rows, STATUS_COLOURS[SKIPPED]))
    else:
        nothing = translate("exchange", "Nothing was skipped")
        parts.append(f"<h4 style='color:{STATUS_COLOURS[IMPORTED]}'>{nothing}</h4>")
    if report.position_units:
        documents = translate("exchange", "{count} document(s)")
        rows = [(_units_label(units), documents.format(count=f"{count:,}"))
                for units, count in sorted(report.position_units.items())]
        parts.append("<h4>" + translate("exchange", "Positions read as") + "</h4>" + _table(rows))
    parts.append("<h4>" + translate("exchange", "Schema check") + "</h4>" + _schema_html(report))
    warnings = len(report.warnings) + report.warnings_omitted
    if warnings:
        heading = translate("exchange", "Warnings ({count})").format(count=f"{warnings:,}")
        parts.append(f"<h4 style='color:{STATUS_COLOURS[SKIPPED]}'>{heading}</h4>"
                     + _messages(report.warnings, report.warnings_omitted))
    return "".join(parts)


def _schema_html(report: RefiReport) -> str:
    from app.import_dialog import STATUS_COLOURS
    from coding.importing.tasks import FAILED, IMPORTED

    if report.schema_valid is False:
        count = len(report.schema_errors) + report.schema_errors_omitted
        problems = (translate("exchange", "{count} problem(s) against the REFI-QDA schema; kept anyway: Concord "
                              "reads what it can")
                    if report.operation.startswith("import")
                    else translate("exchange", "{count} problem(s) against the REFI-QDA schema"))
        return (f"<p style='color:{STATUS_COLOURS[FAILED]}'>{problems.format(count=f'{count:,}')}</p>"
                + _messages(report.schema_errors, report.schema_errors_omitted))
    if report.schema_valid:
        valid = translate("exchange", "Valid against the official REFI-QDA schema.")
        return f"<p style='color:{STATUS_COLOURS[IMPORTED]}'>{valid}</p>"
    return "<p>" + translate("exchange", "Not checked (see the warnings).") + "</p>"


class ExchangeReportDialog(QDialog):
    """The report of one exchange; after an import it offers to open the new project."""

    open_requested = Signal(object)  # Path of the imported project

    def __init__(self, report: RefiReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        titles = {"import": translate("exchange", "REFI-QDA import"),
                  "export": translate("exchange", "REFI-QDA export"),
                  "import-codebook": translate("exchange", "Codebook import"),
                  "export-codebook": translate("exchange", "Codebook export")}
        self.setWindowTitle(titles.get(report.operation, translate("exchange", "REFI-QDA exchange")))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(report_html(report))
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(translate("exchange", "Copy report"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.browser.toPlainText()))
        self.open_button: QPushButton | None = None
        if report.operation == "import" and report.project is not None:
            self.open_button = buttons.addButton(translate("exchange", "Open the new project"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
            self.open_button.setObjectName("primaryButton")
            self.open_button.setDefault(True)
            self.open_button.clicked.connect(self._open)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def _open(self) -> None:
        self.accept()
        self.open_requested.emit(self.report.project)


# -- the menu items ------------------------------------------------------------------------------------------
class ExchangeTools(QObject):
    """The four exchange actions of one main window, and the one exchange that may be running."""

    job_done = Signal(object)  # the RefiReport, or None when the exchange failed or was cancelled

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: Operation | None = None
        self.progress_dialog: ExchangeProgress | None = None
        self.report_dialog: ExchangeReportDialog | None = None
        self.import_project_action = self._action(
            translate("exchange", "Import REFI-QDA project (.qdpx)…"), self.import_project,
            translate("exchange", "Make a new Concord project from a project exported by NVivo, ATLAS.ti, MAXQDA, "
                                  "QualCoder …"))
        self.export_project_action = self._action(
            translate("exchange", "Export project as REFI-QDA (.qdpx)…"), self.export_project,
            translate("exchange", "Write the whole project (documents, codebook, codings, cases, memos) for another "
                                  "QDA program"))
        self.export_codebook_action = self._action(
            translate("exchange", "Export codebook (.qdc)…"), self.export_codebook,
            translate("exchange", "Write the codebook alone as a REFI-QDA codebook"))
        self.import_codebook_action = self._action(
            translate("exchange", "Import codebook (.qdc)…"), self.import_codebook,
            translate("exchange", "Merge a REFI-QDA codebook into this project's codebook (matched by GUID, then by "
                                  "name)"))
        self.project_actions = [self.export_project_action, self.export_codebook_action, self.import_codebook_action]
        self.actions = [self.import_project_action, *self.project_actions]
        self._add_to_menu()
        window.project_opened.connect(self._update_enabled)
        window.project_closing.connect(self._stop)
        window.project_closed.connect(self._update_enabled)
        self._update_enabled()

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _add_to_menu(self) -> None:
        """Into the File menu above Quit, with a separator each side."""
        menu = self.window.file_menu
        quit_action = getattr(self.window, "quit_action", None)
        before = quit_action if quit_action in menu.actions() else None
        if before is None:
            menu.addSeparator()
            menu.addActions(self.actions)
        else:
            menu.insertActions(before, self.actions)
            menu.insertSeparator(before)

    def _update_enabled(self) -> None:
        idle = not self.is_running()
        self.import_project_action.setEnabled(idle)
        for action in self.project_actions:
            action.setEnabled(idle and self.window.bench is not None)

    def _folder(self) -> str:
        if self.window.project_path is not None:
            return str(self.window.project_path.parent)
        return self.window.settings.last_folder()

    # -- running one exchange --------------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _run(
        self, work: workers.Work | PlainWork, title: str, text: str, *, cancellable: bool,
        on_report: Callable[[RefiReport], None], project_path: Path | URL | None = None, actor: str = "",
    ) -> None:
        """One exchange through the operation runner; closing the window stops it without messages."""
        operation = Operation(
            self.window, work, project_path=project_path, actor=actor, writes=project_path is not None,
            on_success=lambda report: self._finished(report, on_report),
            on_failure=lambda message: dialogs.show_error(
                self.window, translate("exchange", "{title} failed: {message}").format(title=title, message=message),
                title),
            on_cancel=lambda message: dialogs.show_info(self.window, message[:1].upper() + message[1:] + ".", title),
        )
        self.task = operation
        self.progress_dialog = ExchangeProgress(title, text, cancellable, self.window)
        self.progress_dialog.cancel_requested.connect(self.cancel)
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

    def _finished(self, report: RefiReport, on_report: Callable[[RefiReport], None]) -> None:
        on_report(report)
        self.show_report(report)

    def _stop(self) -> None:
        """Cancel a running exchange and wait for its worker (the project is going away)."""
        if self.task is not None:
            self.task.stop()

    def show_report(self, report: RefiReport) -> ExchangeReportDialog:
        if self.report_dialog is not None:
            self.report_dialog.close()
            self.report_dialog.deleteLater()
        self.report_dialog = dialog = ExchangeReportDialog(report, self.window)
        dialog.open_requested.connect(self._open_imported)
        dialog.show()
        dialog.raise_()
        return dialog

    def _open_imported(self, path: Path) -> None:
        self.window.settings.set_last_folder(path.parent)
        self.window.open_project(path)

    # -- the four items --------------------------------------------------------------------------------------
    def import_project(self) -> None:
        """Choose a .qdpx and where its new project goes; import it in a worker; report; offer to open it."""
        if self.is_running():
            return
        source = open_path(self.window, translate("exchange", "Import a REFI-QDA project"), self._folder(),
                           translate("exchange", QDPX_FILTER))
        if not source:
            return
        suggested = str(Path(source).with_suffix(".concord"))
        # The import never replaces a file, so the dialog must not ask whether to.
        target = save_path(self.window, translate("exchange", "Save the imported project as"), suggested,
                           QCoreApplication.translate("dialogs", dialogs.PROJECT_FILTER), confirm_overwrite=False)
        if not target:
            return
        try:
            out = new_project_path(target)
        except ConcordError as exc:
            dialogs.show_error(self.window, str(exc))
            return
        self.window.settings.set_last_folder(Path(source).parent)
        bench = self.window.bench
        actor = bench.coder_name if bench is not None else None

        def work(progress: Progress, cancelled: Cancel) -> RefiReport:
            return import_qdpx(source, out, actor=actor, progress=lambda done, total: progress(done, total, ""),
                               cancel=cancelled)

        self._run(work, translate("exchange", "REFI-QDA import"),
                  translate("exchange", "Importing {source} as {target}…").format(source=Path(source).name,
                                                                                  target=out.name),
                  cancellable=True, on_report=lambda _report: None)

    def export_project(self) -> None:
        """Ask the flavour and the file; export the open project in a worker; report."""
        if self.is_running() or self.window.bench is None:
            return
        flavour = choose_flavour(self.window, self._remembered_flavour())
        if flavour is None:
            return
        self.window.settings.qsettings.setValue(FLAVOUR_SETTING, flavour.value)
        out = self._output_path(translate("exchange", "Export project as REFI-QDA"), ".qdpx",
                                translate("exchange", QDPX_FILTER))
        if out is None:
            return

        def work(project: Project, progress: Progress, cancelled: Cancel) -> RefiReport:
            with project.session() as session:
                return export_qdpx(session, out, flavour=flavour, overwrite=True,
                                   progress=lambda done, total: progress(done, total, ""), cancel=cancelled)

        self._start_on_project(work, translate("exchange", "REFI-QDA export"),
                               translate("exchange", "Exporting the project to {file}…").format(file=out.name),
                               cancellable=True)

    def export_codebook(self) -> None:
        if self.is_running() or self.window.bench is None:
            return
        out = self._output_path(translate("exchange", "Export codebook"), ".qdc", translate("exchange", QDC_FILTER))
        if out is None:
            return

        def work(project: Project, _progress: Progress, _cancelled: Cancel) -> RefiReport:
            with project.session() as session:
                return export_qdc(session, out, overwrite=True)

        self._start_on_project(work, translate("exchange", "Codebook export"),
                               translate("exchange", "Writing {file}…").format(file=out.name), cancellable=False)

    def import_codebook(self) -> None:
        """Merge a .qdc (or a .qdpx's codebook) into the open codebook, after saying what that does."""
        bench = self.window.bench
        if self.is_running() or bench is None:
            return
        source = open_path(self.window, translate("exchange", "Import a codebook"), self._folder(),
                           translate("exchange", CODEBOOK_SOURCES_FILTER))
        if not source:
            return
        if not dialogs.confirm(
            self.window,
            translate("exchange", "Merge the codes of {file} into this project's codebook?\n\nCodes are matched by "
                                  "GUID, then by name under the same parent: matched codes take the file's names, "
                                  "descriptions, colours and places, the others are added. Codings stay as they are. "
                                  "This cannot be undone, and your undo history is cleared.").format(
                file=Path(source).name),
            translate("exchange", "Import codebook"), ok_text=translate("exchange", "Merge codebook"),
        ):
            return

        def work(project: Project, _progress: Progress, _cancelled: Cancel) -> RefiReport:
            with project.session() as session:
                return import_qdc(session, source, actor=project.actor)

        self._start_on_project(work, translate("exchange", "Codebook import"),
                               translate("exchange", "Merging {file}…").format(file=Path(source).name),
                               cancellable=False, on_report=self._codebook_merged)

    def _codebook_merged(self, report: RefiReport) -> None:
        bench = self.window.bench
        if bench is None or not report.changes.any():
            return
        bench.undo_stack.clear()  # the merge is no undo step, and earlier steps may no longer apply to the codes
        bench.notify(report.changes)

    # -- helpers -----------------------------------------------------------------------------------------------
    def _start_on_project(
        self, work: workers.Work, title: str, text: str, *, cancellable: bool,
        on_report: Callable[[RefiReport], None] = lambda _report: None,
    ) -> None:
        bench = self.window.bench
        assert bench is not None  # a file or a server database: the worker reopens either
        self._run(work, title, text, cancellable=cancellable, on_report=on_report,
                  project_path=location_of(bench.project), actor=bench.coder_name)

    def _output_path(self, title: str, suffix: str, filters: str) -> Path | None:
        """Where to write: the save dialog confirmed replacing its own choice; a suffix we add is asked about."""
        bench, project_path = self.window.bench, self.window.project_path
        assert bench is not None
        suggested = (project_path.with_suffix(suffix) if project_path is not None  # on a server: the database's name
                     else Path(self._folder()) / f"{bench.project.name}{suffix}")
        chosen = save_path(self.window, title, str(suggested), filters)
        if not chosen:
            return None
        out = with_suffix(chosen, suffix)
        if out == self.window.project_path:
            dialogs.show_error(self.window,
                               translate("exchange", "{file}: is the open project; choose another name").format(file=out))
            return None
        if out != Path(chosen) and out.exists() and not dialogs.confirm(
            self.window, translate("exchange", "{file} already exists. Replace it?").format(file=out.name), title,
            ok_text=translate("exchange", "Replace")
        ):
            return None
        return out

    def _remembered_flavour(self) -> Flavour:
        from coding.refi import Flavour

        value = self.window.settings.qsettings.value(FLAVOUR_SETTING, Flavour.STANDARD.value)
        try:
            return Flavour(str(value))
        except ValueError:
            return Flavour.STANDARD


def install(window: MainWindow) -> None:
    """Add the REFI-QDA exchange items to ``window``'s File menu (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, ExchangeTools(window))


def tools_of(window: QWidget) -> ExchangeTools | None:
    """The exchange tools ``install`` gave this window (None before)."""
    return getattr(window, ATTRIBUTE, None)


__all__ = [
    "ExchangeProgress",
    "ExchangeReportDialog",
    "ExchangeTools",
    "choose_flavour",
    "install",
    "open_path",
    "report_html",
    "save_path",
    "tools_of",
    "with_suffix",
]
