"""Backups in the desktop app, and notice of changes made to the project file by someone else.

* A backup when a project opens and every N minutes while it is open (``coding.backup``: skipped when
  nothing changed), always in a pool thread: SQLite's backup API copies in C without holding the GIL, so
  even an 850 MB project never freezes the window.
* **File → Back up now**, **File → Restore from backup…** (a list of the backups with time, reason, size
  and counts; restoring asks first, backs up the current state as "before-restore", then reopens the
  project) and **File → Backup settings…** (the interval and how many to keep, in QSettings).
* Every few seconds the open file is asked (``coding.watch``) whether a commit came from outside this
  process — a merge, another program, another process — and a bar offers to reload. The window's own
  writes are never reported.

Dialogs are this module's names (``confirm_restore``) or go through ``app.dialogs``, so tests answer them.
"""

from __future__ import annotations

import html
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.operations import Operation, PlainWork
from coding.backup import (
    DEFAULT_KEEP_DAYS,
    DEFAULT_KEEP_LAST,
    Backup,
    BackupResult,
    RestoreResult,
    RotationPolicy,
    backup_folder,
    list_backups,
    make_backup,
    restore_backup,
)
from coding.i18n import QT_TRANSLATE_NOOP
from coding.watch import OutsideChange, OutsideChanges

if TYPE_CHECKING:
    from app.main import MainWindow

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # the name lupdate extracts
ATTRIBUTE = "backup_tools"
DEFAULT_INTERVAL_MINUTES = 10
POLL_MS = 3000  # how often the file is asked about outside changes
CLOSE_WAIT_S = 120  # a backup still running when the window closes is let finish
# Labels below are English; reason_label() and the outside-change bar translate them where shown.
OUTSIDE_WORDS = {
    "changed": QT_TRANSLATE_NOOP("backups", "was changed by another program or process"),
    "replaced": QT_TRANSLATE_NOOP("backups", "was replaced by another file"),
    "missing": QT_TRANSLATE_NOOP("backups", "was moved or deleted by another program"),
}
REASON_LABELS = {
    "open": QT_TRANSLATE_NOOP("backups", "on opening"), "auto": QT_TRANSLATE_NOOP("backups", "automatic"),
    "manual": QT_TRANSLATE_NOOP("backups", "by hand"),
    "before-restore": QT_TRANSLATE_NOOP("backups", "before a restore"),
    "before-repair": QT_TRANSLATE_NOOP("backups", "before a repair"),
}


# -- preferences ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupPreferences:
    """What the user chose in Backup settings (kept in QSettings, for every project)."""

    interval_minutes: int = DEFAULT_INTERVAL_MINUTES  # 0: no backups while a project is open
    keep_last: int = DEFAULT_KEEP_LAST
    keep_days: int = DEFAULT_KEEP_DAYS

    @classmethod
    def load(cls, settings: QSettings) -> BackupPreferences:
        def number(key: str, default: int, lowest: int) -> int:
            stored = settings.value(f"backups/{key}", default)  # an int, or a str from an .ini file
            if not isinstance(stored, (int, float, str)):
                return default
            try:
                return max(lowest, int(stored))
            except ValueError:
                return default

        return cls(number("interval_minutes", DEFAULT_INTERVAL_MINUTES, 0), number("keep_last", DEFAULT_KEEP_LAST, 1),
                   number("keep_days", DEFAULT_KEEP_DAYS, 0))

    def save(self, settings: QSettings) -> None:
        settings.setValue("backups/interval_minutes", self.interval_minutes)
        settings.setValue("backups/keep_last", self.keep_last)
        settings.setValue("backups/keep_days", self.keep_days)

    def policy(self) -> RotationPolicy:
        return RotationPolicy(self.keep_last, self.keep_days)


def reason_label(key: str) -> str:
    """Why a backup was made, in the interface language (an unknown reason as stored)."""
    return translate("backups", REASON_LABELS[key]) if key in REASON_LABELS else key


def _size(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return translate("backups", "{count} bytes").format(count=size)


def _local(backup: Backup) -> str:
    return backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


# -- dialogs ----------------------------------------------------------------------------------------------
class SettingsDialog(QDialog):
    def __init__(self, preferences: BackupPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("backups", "Backup settings"))
        self.interval = self._spin(0, 24 * 60, preferences.interval_minutes, translate("backups", " min"))
        self.interval.setSpecialValueText(translate("backups", "never"))
        self.keep_last = self._spin(1, 1000, preferences.keep_last, translate("backups", " backups"))
        self.keep_days = self._spin(0, 3650, preferences.keep_days, translate("backups", " days"))
        form = QFormLayout()
        form.addRow(translate("backups", "Back up an open project every"), self.interval)
        form.addRow(translate("backups", "Keep the newest"), self.keep_last)
        form.addRow(translate("backups", "and one a day for the last"), self.keep_days)
        note = QLabel(translate("backups", "A project is also backed up each time it opens. Nothing is copied when "
                                           "nothing changed."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @staticmethod
    def _spin(lowest: int, highest: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lowest, highest)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    def preferences(self) -> BackupPreferences:
        return BackupPreferences(self.interval.value(), self.keep_last.value(), self.keep_days.value())


class RestoreDialog(QDialog):
    """The project's backups, newest first; "Restore…" hands the chosen one to ``restore_requested``."""

    restore_requested = Signal(object)  # Backup
    COLUMNS = (QT_TRANSLATE_NOOP("backups", "When"), QT_TRANSLATE_NOOP("backups", "Reason"),
               QT_TRANSLATE_NOOP("backups", "Size"), QT_TRANSLATE_NOOP("backups", "Documents"),
               QT_TRANSLATE_NOOP("backups", "Codings"))

    def __init__(self, project_path: Path, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("backups", "Restore from backup"))
        self.backups = backups
        intro = QLabel(
            translate("backups", "Backups of <b>{project}</b>, kept in {folder}. Restoring replaces the project's "
                                 "content with the backup's; the current state is backed up first, so this can be "
                                 "undone by restoring that backup.").format(
                project=project_path.name, folder=backup_folder(project_path))
            if backups
            else translate("backups", "There are no backups of <b>{project}</b> yet.").format(project=project_path.name)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(backups), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("backups", column) for column in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, backup in enumerate(backups):
            cells = (_local(backup), reason_label(backup.reason), _size(backup.size),
                     "?" if backup.documents is None else f"{backup.documents:,}",
                     "?" if backup.codings is None else f"{backup.codings:,}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(backup.name)
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._restore())
        self.restore_button = QPushButton(translate("backups", "Restore…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        close = QPushButton(translate("backups", "Close"))
        close.clicked.connect(self.reject)
        row_layout = QHBoxLayout()
        row_layout.addStretch(1)
        row_layout.addWidget(self.restore_button)
        row_layout.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(row_layout)
        self.resize(720, 380)
        if backups:
            self.table.selectRow(0)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _restore(self) -> None:
        backup = self.selected()
        if backup is not None:
            self.restore_requested.emit(backup)


def confirm_restore(parent: QWidget | None, backup: Backup) -> bool:
    counts = ""
    if backup.documents is not None and backup.codings is not None:
        documents_n, codings_n = backup.documents, backup.codings  # lupdate reads a plain name as the count
        documents = translate("backups", "%Ln document(s)", None, documents_n)
        codings = translate("backups", "%Ln coding(s)", None, codings_n)
        counts = translate("backups", " ({documents}, {codings})").format(documents=documents, codings=codings)
    question = translate(
        "backups", "Restore the project to the backup of {when}, made {reason}{counts}?\n\nEverything changed since "
        "then is replaced. The current state is backed up first (\"before a restore\"), so you can go back to it. "
        "The undo history is cleared.")
    return dialogs.confirm(
        parent, question.format(when=_local(backup), reason=reason_label(backup.reason), counts=counts),
        title=translate("backups", "Restore from backup"), ok_text=translate("backups", "Restore"),
    )


# -- the tools of one window ------------------------------------------------------------------------------
class BackupTools(QObject):
    """Automatic backups, restore, settings and the outside-change bar of one main window."""

    backup_done = Signal(object)  # BackupResult, or None when the backup failed
    restore_done = Signal(object)  # RestoreResult, or None
    outside_change = Signal(object)  # OutsideChange

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.preferences = BackupPreferences.load(window.settings.qsettings)
        self.task: Operation | None = None
        self.restore_task: Operation | None = None
        self.watcher: OutsideChanges | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.progress: QProgressDialog | None = None
        self._just_restored = False  # the reopened project equals a backup already: no "open" backup of it
        self.auto_timer = QTimer(self)
        self.auto_timer.timeout.connect(lambda: self.back_up("auto"))
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.back_up_action = self._action(translate("backups", "Back up now"), lambda: self.back_up("manual"),
                                           translate("backups", "Copy the project into its backups folder now"))
        self.restore_action = self._action(
            translate("backups", "Restore from backup…"), self.show_restore_dialog,
            translate("backups", "Put the project back as it was in one of its backups"))
        self.settings_action = self._action(translate("backups", "Backup settings…"), self.show_settings,
                                            translate("backups", "How often to back up and how many backups to keep"))
        self._add_to_menu()
        self._build_bar()
        window.project_opened.connect(self._opened)
        window.project_closing.connect(self._closing)
        window.project_closed.connect(self._update_enabled)
        self._update_enabled()

    def _action(self, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _add_to_menu(self) -> None:
        """Into the File menu above Quit, between separators."""
        menu = self.window.file_menu
        quit_action = getattr(self.window, "quit_action", None)
        actions = [self.back_up_action, self.restore_action, self.settings_action]
        if quit_action in menu.actions():
            menu.insertActions(quit_action, actions)
            menu.insertSeparator(quit_action)
        else:
            menu.addSeparator()
            menu.addActions(actions)

    def _build_bar(self) -> None:
        self.bar = QToolBar(translate("backups", "Changed outside"), self.window)
        self.bar.setObjectName("outsideChangeBar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar_label = QLabel()
        self.bar_label.setObjectName("outsideChangeNotice")
        self.bar_label.setStyleSheet("QLabel { background: #e7f1ff; color: #084298; padding: 6px 10px; }")
        self.reload_button = QPushButton(translate("backups", "Reload"))
        self.reload_button.clicked.connect(self.reload)
        self.dismiss_button = QPushButton(translate("backups", "Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss)
        self.bar.addWidget(self.bar_label)
        self.bar.addWidget(self.reload_button)
        self.bar.addWidget(self.dismiss_button)
        self.bar.toggleViewAction().setVisible(False)
        self.window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.bar)
        self.bar.hide()

    # -- state ---------------------------------------------------------------------------------------------
    def _read_only(self) -> bool:
        bench = self.window.bench
        return bool(bench is not None and getattr(bench.project, "read_only", False))

    def _update_enabled(self) -> None:
        open_ = self.window.bench is not None and self.window.project_path is not None
        idle = not self.is_restoring()
        self.back_up_action.setEnabled(open_ and idle and not self.is_backing_up())
        self.restore_action.setEnabled(open_ and idle and not self._read_only())

    def is_backing_up(self) -> bool:
        return self.task is not None and not self.task.done.is_set()

    def is_restoring(self) -> bool:
        return self.restore_task is not None and not self.restore_task.done.is_set()

    def _opened(self) -> None:
        path = self.window.project_path
        if path is None:
            return
        try:
            self.watcher = OutsideChanges(path)
            self.poll_timer.start()
        except sqlite3.Error:
            log.warning("cannot watch %s for outside changes", path, exc_info=True)
            self.watcher = None
        if not self._read_only():  # a read-only window's project is backed up by the process writing it
            if not self._just_restored:
                self.back_up("open")
            self._start_auto_timer()
        self._update_enabled()

    def _start_auto_timer(self) -> None:
        minutes = self.preferences.interval_minutes
        if minutes > 0 and not self._read_only():
            self.auto_timer.start(minutes * 60_000)
        else:
            self.auto_timer.stop()

    def _closing(self) -> None:
        self.auto_timer.stop()
        self.poll_timer.stop()
        if self.watcher is not None:
            self.watcher.close()  # before the project's engine lets go, so the last connection cleans up the WAL
            self.watcher = None
        self.bar.hide()

    # -- backing up ----------------------------------------------------------------------------------------
    def back_up(self, reason: str) -> bool:
        """Start a backup in a pool thread; False when none can start (no project, one already running)."""
        path = self.window.project_path
        if path is None or self.is_backing_up() or self.is_restoring():
            return False
        policy = self.preferences.policy()
        self.task = operation = self._operation(
            lambda _progress, _cancelled: make_backup(path, reason, policy=policy),
            on_success=lambda result: self._backed_up(reason, result),
            on_failure=lambda message: self._backup_failed(reason, message))
        operation.ended.connect(self.backup_done)
        if reason == "manual":
            self.window.statusBar().showMessage(translate("backups", "Backing up…"))
        self._update_enabled()
        operation.start()
        return True

    def _operation(self, work: PlainWork, **callbacks: Any) -> Operation:
        """A backup or restore: not cancellable, so a closing window lets it finish (and reports nothing)."""
        operation = Operation(self.window, work, stop_wait=CLOSE_WAIT_S, **callbacks)
        operation.stopped.connect(self._update_enabled)
        return operation

    def _backed_up(self, reason: str, result: BackupResult) -> None:
        if result.backup is not None:
            when = result.backup.created_at.astimezone().strftime("%H:%M")
            self.window.statusBar().showMessage(translate("backups", "Backed up at {when} ({reason}, {size})").format(
                when=when, reason=reason_label(reason), size=_size(result.backup.size)), 8000)

    def _backup_failed(self, reason: str, message: str) -> None:
        log.warning("backup (%s) failed: %s", reason, message)
        if reason == "manual":
            self.window.statusBar().clearMessage()
            dialogs.show_error(self.window, translate("backups", "The backup failed: {message}").format(message=message),
                               translate("backups", "Back up"))
        else:  # an automatic backup must not interrupt the work, but must not fail unseen either
            self.window.statusBar().showMessage(
                translate("backups", "Automatic backup failed: {message}").format(message=message), 30_000)

    # -- restoring -----------------------------------------------------------------------------------------
    def show_restore_dialog(self) -> RestoreDialog | None:
        path = self.window.project_path
        if path is None or self.is_restoring():
            return None
        if self.restore_dialog is not None:
            self.restore_dialog.close()
            self.restore_dialog.deleteLater()
        self.restore_dialog = RestoreDialog(path, list_backups(path), self.window)
        self.restore_dialog.restore_requested.connect(self.restore)
        self.restore_dialog.show()
        self.restore_dialog.raise_()
        return self.restore_dialog

    def restore(self, backup: Backup) -> bool:
        """Ask, then restore ``backup`` in a pool thread and reopen the project; False when not started."""
        path = self.window.project_path
        bench = self.window.bench
        if path is None or bench is None or self.is_restoring() or not confirm_restore(self.window, backup):
            return False
        if self.task is not None:
            self.task.done.wait(CLOSE_WAIT_S)  # a backup still copying finishes first
        coder = bench.coder_name
        policy = self.preferences.policy()
        self.poll_timer.stop()  # the restore writes the file itself: not an outside change
        self.auto_timer.stop()
        self.restore_task = operation = self._operation(
            lambda _progress, _cancelled: restore_backup(path, backup, policy=policy), writes=path,
            on_success=lambda result: self._restored(path, coder, result), on_failure=self._restore_failed)
        operation.stopped.connect(self._end_restore)
        operation.ended.connect(self.restore_done)
        self.progress = QProgressDialog(
            translate("backups", "Restoring {project} from the backup of {when}…").format(project=path.name,
                                                                                        when=_local(backup)),
            "", 0, 0, self.window)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle(translate("backups", "Restore from backup"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.show()
        self._update_enabled()
        operation.start()
        return True

    def _end_restore(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self.restore_dialog is not None:
            self.restore_dialog.close()
        self._update_enabled()

    def _restored(self, path: Path, coder: str, result: RestoreResult) -> None:
        if self.window.project_path == path:
            self._just_restored = True
            try:
                self.window.open_project(path, coder=coder)
            finally:
                self._just_restored = False
        safety_reason = reason_label(result.safety.reason) if result.safety.reason in REASON_LABELS else ""
        dialogs.show_info(
            self.window,
            translate("backups", "Restored {project} to the backup of {restored}. The state before the restore is "
                                 "kept as the backup of {safety} (\"{reason}\").").format(
                project=path.name, restored=_local(result.restored), safety=_local(result.safety),
                reason=safety_reason),
            translate("backups", "Restore from backup"),
        )

    def _restore_failed(self, message: str) -> None:
        if self.window.bench is not None:
            self.poll_timer.start()
            self._start_auto_timer()
        dialogs.show_error(self.window,
                           translate("backups", "The project was not restored: {message}").format(message=message),
                           translate("backups", "Restore from backup"))

    # -- settings ------------------------------------------------------------------------------------------
    def show_settings(self) -> bool:
        dialog = SettingsDialog(self.preferences, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.apply_preferences(dialog.preferences())
        return True

    def apply_preferences(self, preferences: BackupPreferences) -> None:
        self.preferences = preferences
        preferences.save(self.window.settings.qsettings)
        if self.window.bench is not None:
            self._start_auto_timer()

    # -- outside changes -----------------------------------------------------------------------------------
    def poll(self) -> OutsideChange | None:
        if self.watcher is None or self.bar.isVisible() or self.is_restoring():
            return None
        try:
            change = self.watcher.poll()
        except sqlite3.Error:
            log.warning("cannot ask %s about outside changes", self.watcher.path, exc_info=True)
            return None
        if change is not None:
            what = (translate("backups", OUTSIDE_WORDS[change.kind]) if change.kind in OUTSIDE_WORDS
                    else translate("backups", "was changed outside this window"))
            self.bar_label.setText(translate(
                "backups", "<b>Changed outside this window</b> — {project} {what}. Reload to see the changes; your own "
                "edits are saved.").format(project=html.escape(self.watcher.path.name), what=what))
            self.bar.show()
            self.outside_change.emit(change)
        return change

    def reload(self) -> None:
        self.bar.hide()
        path, bench = self.window.project_path, self.window.bench
        if path is not None and bench is not None:
            self.window.open_project(path, coder=bench.coder_name)

    def dismiss(self) -> None:
        self.bar.hide()
        if self.watcher is not None:
            self.watcher.reset()


def install(window: MainWindow) -> None:
    """Add backups and outside-change notices to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, BackupTools(window))


def tools_of(window: QWidget) -> BackupTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = [
    "BackupPreferences",
    "BackupTools",
    "RestoreDialog",
    "SettingsDialog",
    "confirm_restore",
    "install",
    "tools_of",
]
