"""One runner for background work, after Anki's ``aqt.operations`` (CollectionOp/QueryOp).

An ``Operation`` runs a Qt-free work function in a pool thread (``app.workers``) and brings its end back to the
GUI thread, in this order:

1. its own progress dialog (when it has a title) is closed;
2. ``stopped`` is emitted: the caller tidies up (its own dialogs, enabled actions);
3. one callback: ``on_success(result)``, ``on_cancel(message)`` when the user cancelled and the work stopped, or
   ``on_failure(message)`` (default: one error dialog) — skipped when the parent window was closed or deleted;
4. ``ended`` is emitted with the result, or None after a failure or a cancel.

The work takes ``(project, progress, cancelled)`` when the operation is given a project path or a server
database's URL (:func:`location_of` gives either for an open project; the worker opens its own ``Project``:
connections never cross threads; a URL keeps its password in memory only, never shown), else
``(progress, cancelled)``. The operation keeps itself alive until it has ended, and stops when its parent window
closes: it cancels the work and waits for it (a cancelled worker ends within moments; the wait only bounds a stuck
one).

Writes that are not undo steps take one route: the serial writer
------------------------------------------------------------------
An import, a REFI-QDA import or codebook merge into the open project, a merge of coder copies, a stored
agreement run, a backup restore: each runs as ``Operation(..., writes=True)`` (with ``project_path``; plain work
names the file it writes, ``writes=path``). Such operations wait in their project's writer queue
(:func:`writer_pool`, one thread per project file or server database) and run one at a time, in the order they
were started: two background writes never interleave or wait on each other's SQLite write lock. Work there commits
in short transactions (an import commits each file), so an undo step on the GUI thread waits on the lock for one
transaction at most, never for the whole operation. Reads (exports, analyses, the audit viewer) run beside
the writer in the global pool. When a write has ended, its ``on_success`` announces what changed with
``bench.notify(changes)``.

Undo steps are the other route: ``Workbench.execute(command)`` on the GUI thread (``app/commands.py``). A few
one-row edits outside the undo stack (adding a case or an attribute in the cases table, deleting a stored run)
still write on the GUI thread, in one short transaction each: moving them onto the writer is the next step.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy import URL

from app import dialogs, warmup, workers
from coding.progress import Cancel, Progress
from coding.project import project_location
from models.server_store import without_password

if TYPE_CHECKING:
    from coding.project import Project

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
SHOW_AFTER_MS = 400  # quick work never flashes a progress dialog
STOP_WAIT_S = 60.0  # the longest a closing window waits for a cancelled worker

PlainWork = Callable[[Progress, Cancel], Any]
Callback = Callable[[Any], None]

_running: set[Operation] = set()  # Python holds each operation (and so its task and signals) until it has ended
_writers: dict[Path | str, QThreadPool] = {}  # one serial writer per project file or server database
Location = str | Path | URL  # a project file, or a server database (a URL)


def location_of(project: Project) -> Path | URL:
    """Where a worker reopens an open project: its file, or its server database (the URL, password included)."""
    if project.url is not None:
        return project.url
    assert project.path is not None
    return project.path


def _writer_key(project_path: Location) -> Path | str:
    location = project_location(project_path)
    if isinstance(location, URL):  # the same database, whoever signs in: one queue (the key shows no password)
        return without_password(location).render_as_string(hide_password=True)
    return location.resolve()


def writer_pool(project_path: Location) -> QThreadPool:
    """The project's serial writer: one thread, running the project's background writes one at a time, in order."""
    key = _writer_key(project_path)
    pool = _writers.get(key)
    if pool is None:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _writers[key] = pool
    return pool


class Operation(QObject):
    """Background work with progress, cancel, success/failure callbacks and stop-on-close."""

    progressed = Signal(int, int, str)  # done, total, what is being worked on
    stopped = Signal()  # the work is over; emitted before the callback
    ended = Signal(object)  # the result, or None after a failure or a cancel; emitted last

    def __init__(
        self, parent: QWidget | None, work: workers.Work | PlainWork, *,
        project_path: Location | None = None, actor: str = "", read_only: bool = False,
        writes: bool | Location = False, title: str = "", label: str = "", cancellable: bool = True,
        on_success: Callback | None = None, on_failure: Callable[[str], None] | None = None,
        on_cancel: Callable[[str], None] | None = None, stop_on_close: bool = True,
        stop_wait: float = STOP_WAIT_S,
    ) -> None:
        super().__init__()  # no Qt parent: a parent widget deleted mid-run must not take the runner with it
        self.parent_widget = parent
        self.title = title
        self.label = label or f"{title}…"  # the caller's own words, translated by the caller
        self.writer = self._writer(writes, project_path, read_only)
        self.on_success = on_success
        self.on_failure = on_failure or self._show_failure
        self.on_cancel = on_cancel
        self.result: Any = None
        self.message = ""
        self.succeeded = False
        self._cancel = threading.Event()
        self._started = False
        self._window_closed = False
        self.stop_wait = stop_wait
        self.task = self._make_task(work, project_path, actor, read_only)
        self.done = self.task.done  # set in the worker thread once the work has returned or raised
        self.task.signals.progress.connect(self._progress)
        self.task.signals.finished.connect(self._finished)
        self.task.signals.failed.connect(self._failed)
        self.dialog = self._make_dialog(parent, cancellable) if title else None
        self._window = parent.window() if stop_on_close and parent is not None else None
        if self._window is not None:
            self._window.installEventFilter(self)

    @staticmethod
    def _writer(writes: bool | Location, project_path: Location | None, read_only: bool) -> QThreadPool | None:
        if writes is False:
            return None
        if read_only:
            raise ValueError("an operation that writes cannot open its project read-only")
        target = project_path if writes is True else writes
        if target is None:
            raise ValueError("writes=True needs the project_path the work writes to")
        return writer_pool(target)

    def _make_task(self, work: Any, project_path: Location | None, actor: str,
                   read_only: bool) -> workers.ProjectTask | workers.FunctionTask:
        if project_path is not None:
            return workers.ProjectTask(project_path, work, actor, read_only=read_only)
        task = workers.FunctionTask(lambda: work(task.signals.progress.emit, self._cancel.is_set))
        return task

    def _make_dialog(self, parent: QWidget | None, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(self.label, translate("Operation", "Cancel") if cancellable else "", 0, 0, parent)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(self.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        return dialog

    # -- running ---------------------------------------------------------------------------------------------
    def start(self) -> Operation:
        _running.add(self)
        if not self._started:
            self._started = True
            workers.start(self.task, self.writer)
        return self

    def start_after_paint(self, widget: QWidget) -> Operation:
        """Start once ``widget``'s window has painted what the GUI thread just changed (a button pressed, a
        progress bar shown): a worker starting at once (opening the project, compiling its queries) took the GIL
        each time the window's repaint called into Python. Cancelling or stopping before then still runs the work,
        which then sees the cancel at once."""
        _running.add(self)
        warmup.after_paint(widget, self.start)
        return self

    def is_running(self) -> bool:
        """True from construction until the work has returned or raised."""
        return not self.done.is_set()

    def cancel(self) -> None:
        self._cancel.set()
        if isinstance(self.task, workers.ProjectTask):
            self.task.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(translate("Operation", "Cancelling…"))

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def stop(self, seconds: float | None = None) -> None:
        """Cancel and wait for the worker (the project or the window is going away)."""
        if self.done.is_set():
            return
        self.cancel()
        self.start()  # not started yet (start_after_paint): it starts, sees the cancel and ends
        self.done.wait(self.stop_wait if seconds is None else seconds)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close and not self.done.is_set():
            self._window_closed = True  # nothing is reported into a window the user closed
            self.stop()
        return False

    # -- the worker's reports, in the GUI thread ---------------------------------------------------------------
    def _progress(self, done: int, total: int, label: str) -> None:
        self.progressed.emit(done, total, label)
        if self.dialog is None:
            return
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))  # a modal dialog processes events here: the work may end
        if label and not self.cancelled and self.dialog is not None:
            self.dialog.setLabelText(f"{self.title}: {label}…")

    def _finished(self, result: Any) -> None:
        self.result, self.succeeded = result, True
        self._end(lambda: self.on_success(result) if self.on_success is not None else None, result)

    def _failed(self, message: str) -> None:
        self.message = message
        if self.cancelled and self.on_cancel is not None:
            on_cancel = self.on_cancel
            self._end(lambda: on_cancel(message), None)
        else:
            self._end(lambda: self.on_failure(message), None)

    def _end(self, callback: Callable[[], None], outcome: Any) -> None:
        self._close_dialog()
        if self._window is not None and shiboken6.isValid(self._window):
            self._window.removeEventFilter(self)
        try:
            self.stopped.emit()
            if self._may_report():
                callback()
            self.ended.emit(outcome)
        finally:
            _running.discard(self)

    def _may_report(self) -> bool:
        parent = self.parent_widget
        return not self._window_closed and (parent is None or shiboken6.isValid(parent))

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None or not shiboken6.isValid(dialog):
            return
        dialog.canceled.disconnect(self.cancel)
        # reset() stops the show-after-minimumDuration timer; hide() alone leaves it running, and it would pop
        # this finished dialog up over whatever the callback shows.
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def _show_failure(self, message: str) -> None:
        if self.title:
            failed = translate("Operation", "{title} failed: {message}").format(title=self.title, message=message)
            dialogs.show_error(self.parent_widget, failed, self.title)
        else:
            dialogs.show_error(self.parent_widget, message)


def run(parent: QWidget | None, work: workers.Work | PlainWork, **options: Any) -> Operation:
    """Build and start an ``Operation`` (the options are ``Operation``'s keywords)."""
    return Operation(parent, work, **options).start()


__all__ = ["Location", "Operation", "PlainWork", "SHOW_AFTER_MS", "STOP_WAIT_S", "location_of", "run", "writer_pool"]
