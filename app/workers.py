"""The operation runner's insides (``app/operations.py``): a QRunnable per job, with progress, cancel and one
result signal. Use ``operations.Operation`` / ``operations.run``, not these, for background work.

A worker opens the project (a file, or a server database by its URL) itself: connections (and SQLAlchemy sessions)
never cross threads. Signals are emitted from the pool thread and delivered, queued, in the GUI thread.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal
from sqlalchemy import URL

from coding.errors import ConcordError
from coding.progress import Cancel as Cancelled
from coding.progress import Progress
from coding.project import Project, project_location

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
log = logging.getLogger(__name__)
SWITCH_INTERVAL_S = 0.0002  # see share_the_gil

Work = Callable[[Project, Progress, Cancelled], Any]


def _unexpected(exc: Exception) -> str:
    """What a bug in the work says on screen (the traceback goes to the log); translate is thread-safe."""
    return translate("workers", "unexpected error ({kind}: {error})").format(
        kind=exc.__class__.__name__, error=exc)


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, what is being worked on
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user


class ProjectTask(QRunnable):
    """Runs ``work(project, progress, cancelled)`` in a pool thread on its own ``Project``."""

    def __init__(self, project_path: str | Path | URL, work: Work, actor: str = "", *, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only  # work that only reads need not take the project lock
        self.setAutoDelete(False)  # Python keeps the task (and its signals) until it is done
        self.project_path = project_location(project_path)  # a file, or a server database (URL, password kept)
        self.work = work
        self.actor = actor
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            project = Project.open(self.project_path, read_only=self.read_only)
        except ConcordError as exc:
            self._finish_failed(str(exc))
            return
        if self.actor:
            project.actor = self.actor
        try:
            result = self.work(project, self.signals.progress.emit, self.cancelled)
        except ConcordError as exc:
            self._finish_failed(str(exc))
        except Exception as exc:  # a bug: keep the traceback in the log, tell the user in one line
            log.exception("background task failed")
            self._finish_failed(_unexpected(exc))
        else:
            self.done.set()
            _tell(self.signals.finished, result)
        finally:
            project.close()

    def _finish_failed(self, message: str) -> None:
        self.done.set()
        _tell(self.signals.failed, message)


class FunctionTask(QRunnable):
    """Runs a plain function in a pool thread (for work that opens or creates its own project file)."""

    def __init__(self, function: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.function = function
        self.signals = TaskSignals()
        self.done = threading.Event()

    def run(self) -> None:
        try:
            result = self.function()
        except ConcordError as exc:
            self.done.set()
            _tell(self.signals.failed, str(exc))
        except Exception as exc:
            log.exception("background task failed")
            self.done.set()
            _tell(self.signals.failed, _unexpected(exc))
        else:
            self.done.set()
            _tell(self.signals.finished, result)


def _tell(signal: Any, value: object) -> None:
    """Emit a task's outcome. A task still running when the app quits (a warm-up loading spaCy as the window
    closes) ends after Qt has deleted its signals' object: there is no one left to tell, so say nothing rather
    than print a traceback on the way out."""
    try:
        signal.emit(value)
    except RuntimeError:  # "Signal source has been deleted"
        log.debug("task finished after its receiver was gone", exc_info=True)


def start(task: ProjectTask | FunctionTask, pool: QThreadPool | None = None) -> ProjectTask | FunctionTask:
    """Run the task in ``pool`` (a project's serial writer), or else in the global pool beside other work."""
    share_the_gil()
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def share_the_gil() -> None:
    """Let the GUI thread take the GIL from a busy worker within ``SWITCH_INTERVAL_S`` rather than Python's 5 ms.
    Painting a table or a tree calls back into Python for every cell (thousands of calls), and each call waits
    for the GIL: with a worker computing beside it, 5 ms waits added up to window freezes of 250–350 ms at
    100× (measured with benchmarks/gui_probe.py); at 1 ms the same freeze took 110–145 ms, at 0.2 ms the agreement
    window's worst freezes beside its comparison fell from 126–175 ms to under 90 ms. A switch is asked for only
    while another thread wants the GIL, so a worker alone runs as fast as before."""
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


__all__ = ["SWITCH_INTERVAL_S", "FunctionTask", "ProjectTask", "TaskSignals", "share_the_gil", "start"]
