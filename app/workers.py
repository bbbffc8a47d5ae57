"""The operation runner's insides (``app/operations.py``): a QRunnable per job, with progress, cancel and one
result signal. Use ``operations.Operation`` / ``operations.run``, not these, for background work.

A worker opens the project file itself: SQLite connections (and SQLAlchemy sessions) never cross
threads. Signals are emitted from the pool thread and delivered, queued, in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from coding.errors import ConcordError
from coding.progress import Cancel as Cancelled
from coding.progress import Progress
from coding.project import Project

log = logging.getLogger(__name__)

Work = Callable[[Project, Progress, Cancelled], Any]


class TaskSignals(QObject):
    progress = Signal(int, int, str)  # done, total, what is being worked on
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user


class ProjectTask(QRunnable):
    """Runs ``work(project, progress, cancelled)`` in a pool thread on its own ``Project``."""

    def __init__(self, project_path: str | Path, work: Work, actor: str = "", *, read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only  # work that only reads need not take the project lock
        self.setAutoDelete(False)  # Python keeps the task (and its signals) until it is done
        self.project_path = Path(project_path)
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
            self._finish_failed(f"unexpected error ({exc.__class__.__name__}: {exc})")
        else:
            self.done.set()
            self.signals.finished.emit(result)
        finally:
            project.close()

    def _finish_failed(self, message: str) -> None:
        self.done.set()
        self.signals.failed.emit(message)


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
            self.signals.failed.emit(str(exc))
        except Exception as exc:
            log.exception("background task failed")
            self.done.set()
            self.signals.failed.emit(f"unexpected error ({exc.__class__.__name__}: {exc})")
        else:
            self.done.set()
            self.signals.finished.emit(result)


def start(task: ProjectTask | FunctionTask, pool: QThreadPool | None = None) -> ProjectTask | FunctionTask:
    """Run the task in ``pool`` (a project's serial writer), or else in the global pool beside other work."""
    (pool or QThreadPool.globalInstance()).start(task)
    return task


__all__ = ["FunctionTask", "ProjectTask", "TaskSignals", "start"]
