"""Import transcripts: choose files or a folder, tick the files to import, watch the progress (or cancel),
read the report.

A folder is listed file by file (name, size, kind) with a check box each; README/licence files, hidden
files, Word lock files and files Concord cannot read start unticked, with the reason
(``coding.importing.file_list``). Only the ticked files are imported.

The import is a background write (``app.operations.Operation`` with ``writes=True``): it runs in the project's
serial writer on its own connection (a project on a database server too: the worker opens it by its URL), after
any other background write to the project, so the window stays
responsive; files already imported when you cancel are kept, and the file in progress is not written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.operations import Location, Operation
from coding.i18n import QT_TRANSLATE_NOOP
from coding.importing import ImportOptions, ImportReport, import_paths
from coding.importing.file_list import FileChoice, folder_files
from coding.importing.options import SUPPORTED_SUFFIXES
from coding.media import link_recordings_beside
from coding.importing.pool import AnalysisPool, import_pool, usable_cpus
from coding.importing.tasks import FAILED, IMPORTED, SKIPPED, ImportStatus
from coding.progress import Cancel, Progress
from coding.project import Project, project_location

translate = QCoreApplication.translate  # the name lupdate extracts
# Labels below are English; they are translated where shown: translate("import_dialog", LABEL).
STATUS_WORDS = {IMPORTED: QT_TRANSLATE_NOOP("import_dialog", "Imported"), SKIPPED: QT_TRANSLATE_NOOP("import_dialog", "Skipped"), FAILED: QT_TRANSLATE_NOOP("import_dialog", "Failed")}
STATUS_COLOURS = {IMPORTED: "#2e7d32", SKIPPED: "#ef6c00", FAILED: "#c62828"}
# Text encodings offered for .txt/.md files (label, Python codec name); None: detect.
ENCODINGS = (
    (QT_TRANSLATE_NOOP("import_dialog", "Detect (UTF-8, or refuse when unclear)"), None),
    ("UTF-8", "utf-8"),
    ("UTF-16", "utf-16"),
    (QT_TRANSLATE_NOOP("import_dialog", "GB18030 / GBK (Simplified Chinese)"), "gb18030"),
    (QT_TRANSLATE_NOOP("import_dialog", "Big5 (Traditional Chinese)"), "big5"),
    (QT_TRANSLATE_NOOP("import_dialog", "Shift-JIS (Japanese)"), "cp932"),
    (QT_TRANSLATE_NOOP("import_dialog", "EUC-KR (Korean)"), "cp949"),
    (QT_TRANSLATE_NOOP("import_dialog", "Windows-1252 (Western European)"), "cp1252"),
    (QT_TRANSLATE_NOOP("import_dialog", "Windows-1250 (Central European)"), "cp1250"),
    (QT_TRANSLATE_NOOP("import_dialog", "Windows-1251 (Cyrillic)"), "cp1251"),
    ("Mac Roman", "mac_roman"),
)


KIND_WORDS = {"docx": "Word", "txt": QT_TRANSLATE_NOOP("import_dialog", "Text"), "md": "Markdown", "srt": QT_TRANSLATE_NOOP("import_dialog", "Subtitles"),
              "vtt": QT_TRANSLATE_NOOP("import_dialog", "Subtitles"), "pdf": "PDF", "odt": "OpenDocument", "rtf": QT_TRANSLATE_NOOP("import_dialog", "Rich Text"),
              "html": QT_TRANSLATE_NOOP("import_dialog", "Web page")}
PATH_ROLE = Qt.ItemDataRole.UserRole
SIZE_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 2  # True on a folder's row (its Kind text is in the interface language)
#: Ticked files of this many bytes start the import's worker processes loading spaCy while the user is still
#: choosing, so the import uses every core from its first file (coding/importing/pool.py).
WARM_POOL_BYTES = 2 * 1024 * 1024
FILE_COLUMNS = (QT_TRANSLATE_NOOP("import_dialog", "File"), QT_TRANSLATE_NOOP("import_dialog", "Size"), QT_TRANSLATE_NOOP("import_dialog", "Kind"), QT_TRANSLATE_NOOP("import_dialog", "Note"))


def status_word(status: ImportStatus) -> str:
    """An import task's status for people ("Imported", "已导入"); an unknown one as stored."""
    return translate("import_dialog", STATUS_WORDS[status]) if status in STATUS_WORDS else status


def _size_text(size: int) -> str:
    if size < 1024:
        return translate("import_dialog", "{count} bytes").format(count=f"{size:,}")
    kilobytes = size / 1024
    return f"{kilobytes:,.1f} KB" if kilobytes < 1024 else f"{kilobytes / 1024:,.1f} MB"


def _file_choice(path: Path) -> FileChoice:
    """A file the user named: ticked when Concord can import it."""
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower(), "")
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    reason = ("" if kind or not path.exists()
              else translate("import_dialog", "not a {suffixes} file").format(suffixes=", ".join(SUPPORTED_SUFFIXES)))
    if reason and path.suffix.lower() in (".xlsx", ".csv"):  # app/survey_import_dialog.py
        reason = translate("import_dialog", "a table: survey answers are imported with File › Import survey answers…")
    return FileChoice(path, path.name, size, kind, not reason, reason)


def _plain_reason(task_path: Path, message: str) -> str:
    """The report message without the repeated file path in front (followed by ": ", or by "：" in Chinese)."""
    return message.removeprefix(f"{task_path}: ").removeprefix(f"{task_path}：")


class ImportDialog(QDialog):
    imported = Signal(object)  # Changes

    def __init__(self, project_path: Location, actor: str, start_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("import_dialog", "Import transcripts"))
        self.project_path = project_location(project_path)  # a file, or a server database (its URL)
        self.actor = actor
        self.folder = start_folder
        self.task: Operation | None = None
        self.pool: AnalysisPool | None = None  # worker processes for a large import, warming up meanwhile
        self.report: ImportReport | None = None
        self.resize(760, 480)
        self._build()

    # -- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.files = QTreeWidget()
        self.files.setHeaderLabels([translate("import_dialog", column) for column in FILE_COLUMNS])
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.files.header().setStretchLastSection(False)
        self.files.itemChanged.connect(self._item_changed)
        add_files = QPushButton(translate("import_dialog", "Add files…"))
        add_folder = QPushButton(translate("import_dialog", "Add folder…"))
        remove = QPushButton(translate("import_dialog", "Remove"))
        add_files.clicked.connect(self._choose_files)
        add_folder.clicked.connect(self._choose_folder)
        remove.clicked.connect(self._remove_selected)
        buttons = QVBoxLayout()
        for button in (add_files, add_folder, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        chooser = QHBoxLayout()
        chooser.addWidget(self.files, 1)
        chooser.addLayout(buttons)

        self.case = QLineEdit()
        self.case.setPlaceholderText(translate("import_dialog", "optional: attach every imported document to this case"))
        self.language = QComboBox()
        self.language.addItem(translate("import_dialog", "Detect"), None)
        self.language.addItem(translate("import_dialog", "English"), "en")
        self.language.addItem(translate("import_dialog", "Chinese"), "zh")
        self.encoding = QComboBox()
        for label, codec in ENCODINGS:
            self.encoding.addItem(translate("import_dialog", label), codec)
        self.encoding.setToolTip(translate(
            "import_dialog",
            "The text encoding of .txt and .md files. Detect reads UTF-8 and files with a byte-order mark, and\n"
            "guesses others only when the guess is clear; a file it cannot tell is refused, naming the candidates.",
        ))
        self.recursive = QCheckBox(translate("import_dialog", "Include subfolders"))
        self.recursive.toggled.connect(self._relist_folders)
        options = QFormLayout()
        options.addRow(translate("import_dialog", "Case:"), self.case)
        options.addRow(translate("import_dialog", "Language:"), self.language)
        options.addRow(translate("import_dialog", "Text encoding:"), self.encoding)
        options.addRow("", self.recursive)
        self.link_media = QCheckBox(translate(
            "import_dialog", "Link the recording beside each transcript (same name, .wav/.mp3/.m4a/.mp4/.webm)"))
        options.addRow("", self.link_media)

        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel(translate("import_dialog",
                                       "Add transcripts (.docx, .txt, .pdf, .odt, .rtf, .html, .md …), or a folder of "
                                       "them."))
        self.status.setWordWrap(True)

        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([translate("import_dialog", "File"), translate("import_dialog", "Result"),
                                              translate("import_dialog", "Details")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        choose_page = QWidget()
        page_layout = QVBoxLayout(choose_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(chooser)
        page_layout.addLayout(options)
        self.pages = QStackedWidget()
        self.pages.addWidget(choose_page)
        self.pages.addWidget(self.table)

        self.start_button = QPushButton(translate("import_dialog", "Import"))
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(translate("import_dialog", "Cancel import"))
        self.close_button = QPushButton(translate("import_dialog", "Close"))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.cancel_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.progress)
        layout.addLayout(row)

    # -- choosing ---------------------------------------------------------------------------------------
    def add_paths(self, paths: list[str | Path]) -> None:
        """List files and folders (a folder file by file), each file ticked when it looks like a transcript."""
        present = {top.data(0, PATH_ROLE) for top in self._top_items()}
        self.files.blockSignals(True)  # one count at the end, not one per file
        try:
            for given in map(Path, paths):
                if str(given) in present:
                    continue
                present.add(str(given))
                if given.is_dir() and not given.is_symlink():
                    self.files.addTopLevelItem(self._folder_item(given))
                else:
                    self.files.addTopLevelItem(self._file_item(_file_choice(given), str(given)))
        finally:
            self.files.blockSignals(False)
        self.files.expandAll()
        for column in range(1, len(FILE_COLUMNS)):
            self.files.resizeColumnToContents(column)
        self.start_button.setEnabled(self.files.topLevelItemCount() > 0)
        self._show_ticked()

    def _show_ticked(self) -> None:
        files = self.file_items()
        if files:
            self.status.setText(translate("import_dialog", "{ticked} of {count} files ticked: Import imports those.")
                                .format(ticked=len(self.chosen_paths()), count=len(files)))
        self._warm_pool_if_large()

    def _file_item(self, choice: FileChoice, label: str) -> QTreeWidgetItem:
        kind = f"{translate('import_dialog', KIND_WORDS[choice.kind])} (.{choice.kind})" if choice.kind else "—"
        item = QTreeWidgetItem([label, _size_text(choice.size), kind, choice.why])
        item.setData(0, PATH_ROLE, str(choice.path))
        item.setData(0, SIZE_ROLE, choice.size)
        item.setToolTip(0, str(choice.path))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if choice.chosen else Qt.CheckState.Unchecked)
        if not choice.chosen:
            item.setForeground(3, QColor(STATUS_COLOURS[SKIPPED]))
        return item

    def _folder_item(self, folder: Path) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{folder.name or folder}/", "", translate("import_dialog", "folder"), ""])
        item.setData(0, PATH_ROLE, str(folder))
        item.setData(0, FOLDER_ROLE, True)
        item.setToolTip(0, str(folder))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
        self._fill_folder(item, folder)
        return item

    def _fill_folder(self, item: QTreeWidgetItem, folder: Path) -> None:
        item.takeChildren()
        choices = folder_files(folder, recursive=self.recursive.isChecked())
        for choice in choices:
            item.addChild(self._file_item(choice, choice.name))
        item.setText(3, translate("import_dialog", "{ticked} of {count} files ticked").format(
            ticked=sum(c.chosen for c in choices), count=len(choices)))
        if not choices:
            item.setCheckState(0, Qt.CheckState.Unchecked)

    def _relist_folders(self) -> None:
        self.files.blockSignals(True)
        try:
            for item in self._top_items():
                if item.data(0, FOLDER_ROLE):
                    self._fill_folder(item, Path(item.data(0, PATH_ROLE)))
        finally:
            self.files.blockSignals(False)
        self.files.expandAll()
        self._show_ticked()

    def file_items(self) -> list[QTreeWidgetItem]:
        """Every listed file (not the folders), in the order shown."""
        items: list[QTreeWidgetItem] = []
        for top in self._top_items():
            if top.data(0, FOLDER_ROLE):
                items.extend(child for i in range(top.childCount()) if (child := top.child(i)) is not None)
            else:
                items.append(top)
        return items

    def _top_items(self) -> list[QTreeWidgetItem]:
        count = self.files.topLevelItemCount()
        return [top for i in range(count) if (top := self.files.topLevelItem(i)) is not None]

    def _item_changed(self, _item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._show_ticked()

    def chosen_paths(self) -> list[str]:
        """The ticked files: what Import will import."""
        return [item.data(0, PATH_ROLE) for item in self.file_items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def _choose_files(self) -> None:
        files = dialogs.import_files(self, self.folder)
        if files:
            self.folder = str(Path(files[0]).parent)
            self.add_paths(list(files))

    def _choose_folder(self) -> None:
        folder = dialogs.import_folder(self, self.folder)
        if folder:
            self.folder = folder
            self.add_paths([folder])

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            parent = item.parent()
            if parent is None:
                self.files.takeTopLevelItem(self.files.indexOfTopLevelItem(item))
            else:
                parent.removeChild(item)

    # -- running ----------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.files.topLevelItemCount() == 0:
            dialogs.show_error(self, translate("import_dialog", "Choose at least one file or folder to import."))
            return
        paths = self.chosen_paths()
        if not paths:
            dialogs.show_error(self, translate("import_dialog", "Tick at least one file to import."))
            return
        case = self.case.text().strip() or None
        options = ImportOptions(
            language=self.language.currentData(), recursive=self.recursive.isChecked(),
            encoding=self.encoding.currentData(),
        )

        pool = self.pool  # warm by now when the files are many (_warm_pool_if_large)
        link_media = self.link_media.isChecked()

        def work(project: Project, progress: Progress, cancelled: Cancel) -> ImportReport:
            report = import_paths(project, paths, case=case, progress=progress, cancel=cancelled, options=options,
                                  pool=pool)
            if link_media:  # coding/media.py: each imported item's message says which recording it got
                with project.session() as session:
                    link_recordings_beside(session, report, actor=project.actor)
            return report


        # The dialog stays open while it imports (closing it cancels instead), so no stop-on-close: the main
        # window cancels and waits for the import when the project closes.
        self.task = Operation(
            self, work, project_path=self.project_path, actor=self.actor, writes=True, stop_on_close=False,
            on_success=self._on_finished, on_failure=self._on_failed, on_cancel=self._on_failed,
        )
        self.task.progressed.connect(self._on_progress)
        self.task.stopped.connect(self._on_stopped)
        self._set_running(True)
        self.status.setText(translate("import_dialog", "Starting…"))
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(translate("import_dialog", "Cancelling after the current file…"))
            self.cancel_button.setEnabled(False)

    def is_running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self.pages.setEnabled(not running)

    def _on_progress(self, done: int, total: int, current: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if current:
            self.status.setText(translate("import_dialog", "Importing {file} ({number} of {count})…").format(
                file=Path(current).name, number=done + 1, count=total))

    def _on_stopped(self) -> None:
        self._set_running(False)
        self.task = None
        self._close_pool()  # one import per dialog: its workers' memory goes back at once

    def _on_failed(self, message: str) -> None:
        self.status.setText(translate("import_dialog", "The import stopped."))
        dialogs.show_error(self, translate("import_dialog", "The import stopped: {message}").format(message=message))

    def _on_finished(self, report: ImportReport) -> None:
        self.report = report
        self.start_button.setEnabled(False)
        self._show_report(report)
        changes = report.changes
        if changes.any():
            self.imported.emit(changes)  # the report's own record: documents (and the case) when any was imported

    def _show_report(self, report: ImportReport) -> None:
        self.table.setRowCount(len(report.items))
        for row, task in enumerate(report.items):
            name = QTableWidgetItem(task.path.name)
            name.setToolTip(str(task.path))
            result = QTableWidgetItem(status_word(task.status))
            result.setForeground(QColor(STATUS_COLOURS.get(task.status, "#757575")))
            if task.status == IMPORTED:
                details = translate("import_dialog", "as “{name}” · {language} · {words} words · {turns} turns").format(
                    name=task.document_name, language=task.language, words=f"{task.words:,}", turns=task.turns)
                details += f" · {task.encoding}" if task.encoding else ""
            else:
                details = _plain_reason(task.path, task.shown_message)
            detail_item = QTableWidgetItem(details)
            detail_item.setToolTip(task.shown_message)
            for column, item in enumerate((name, result, detail_item)):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.pages.setCurrentWidget(self.table)
        summary = translate("import_dialog", "{imported} imported, {skipped} skipped, {failed} failed").format(
            imported=len(report.imported), skipped=len(report.skipped), failed=len(report.failed))
        if report.cancelled:
            summary += translate("import_dialog", " — cancelled")
        self.status.setText(summary + translate("import_dialog", "."))
        self.progress.setValue(self.progress.maximum())

    def reject(self) -> None:
        if self.is_running():
            self.cancel()  # Esc while importing cancels the import; the dialog stays for the report
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            event.ignore()  # the worker holds a connection; cancel first
            self.cancel()
            return
        self._close_pool()
        super().closeEvent(event)

    # -- worker processes ---------------------------------------------------------------------------------
    def _warm_pool_if_large(self) -> None:
        """Start the worker processes once the ticked files are large enough to be worth them (not for a few)."""
        if self.pool is not None or usable_cpus() < 2:
            return
        ticked = sum(int(item.data(0, SIZE_ROLE) or 0) for item in self.file_items()
                     if item.checkState(0) == Qt.CheckState.Checked)
        if ticked >= WARM_POOL_BYTES:
            # a worker per core, spaCy only there: segmenting here would hold the GIL away from the event loop
            self.pool = import_pool(usable_cpus())

    def _close_pool(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.close(wait=False)


__all__ = ["ImportDialog"]
