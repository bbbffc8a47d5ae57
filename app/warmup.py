"""Work that makes a first use quick but must not slow the start: run in a pool thread once the window is up.

Building a spaCy pipeline (about a second) and importing scipy, matplotlib, python-docx and openpyxl (another
second or two) would double the time to a usable window if done at start, and freeze the window for half a second
if done on the GUI thread at first use (the first chart, the first crosstab). So the window's features hand such
work to :func:`start_after_start` / :func:`preload`: it waits until the main window has been shown and has
painted (``START_DELAY_MS`` after the first show), then runs one piece at a time in a single pool thread of its
own, so the GUI thread keeps the other core. Something the user asks for in those first seconds
(:func:`start_now`) runs at once and the start's warm-ups wait until it has run and the countdown has passed
again. The warm-up thread lets the GUI thread take the GIL every switch interval (``workers.share_the_gil``);
what a warm-up loads is frozen out of the garbage collector's full passes (:mod:`app.heap`). ``after_paint``
starts work once the window has painted what the GUI thread just changed.

``install(window)`` (listed in ``app.main.FEATURES``) arms the wait on ``window``'s first show. Where no window
armed it (a test window without features, a script), work starts at once, as it always did.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QWidget

from app import heap, workers

log = logging.getLogger(__name__)

START_DELAY_MS = 1500  # after the first show: the window has painted and the user starts to look at it
PAINT_WAIT_MS = 300  # after_paint: when nothing paints by then, the work starts anyway
PRELOAD_PRIORITY = -1
NOW_PRIORITY = 100  # start_now: what the user is waiting for


class _Gate:
    """Holds background work until the first main window has been shown for ``START_DELAY_MS``."""

    def __init__(self) -> None:
        self.armed = False  # a window installed the gate: work waits for it
        self.open = False
        self.waiting: list[tuple[workers.FunctionTask, int]] = []
        self.started: list[workers.FunctionTask] = []  # kept alive until they have run
        self.preloads: set[tuple[str, ...]] = set()
        self.asked = 0  # start_now tasks still running while the gate is closed: the start's warm-ups wait
        self._pool: QThreadPool | None = None
        self._timer: QTimer | None = None

    def pool(self) -> QThreadPool:
        """One thread for all warm-ups: two at once would take both cores' worth of the GIL from the GUI."""
        if self._pool is None:
            self._pool = QThreadPool()
            self._pool.setMaxThreadCount(1)
        return self._pool

    def submit(self, task: workers.FunctionTask, priority: int) -> None:
        if self.armed and not self.open:
            self.waiting.append((task, priority))
            return
        self._start(task, priority)

    def release_later(self) -> None:
        """Open the gate ``START_DELAY_MS`` from now (counting again from now if a countdown is running)."""
        if self.open:
            return
        if self._timer is None:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._countdown_over)
        self._timer.start(START_DELAY_MS)

    def _countdown_over(self) -> None:
        if self.asked == 0:
            self.release()

    def asked_done(self, _result: object = None) -> None:
        self.asked -= 1
        self.release_later()  # what the user asked for may go on (a view computing, a chart drawing): let it

    def release(self) -> None:
        if self.open:
            return
        self.open = True
        waiting, self.waiting = self.waiting, []
        for task, priority in waiting:
            self._start(task, priority)

    def drop_queued(self) -> None:
        """The app is quitting: start no more warm-ups (the one running finishes; Qt waits for it)."""
        self.waiting = []
        if self._timer is not None:
            self._timer.stop()
        if self._pool is not None:
            self._pool.clear()

    def _start(self, task: workers.FunctionTask, priority: int) -> None:
        task.function = partial(_then_settle, task.function)
        self.started = [t for t in self.started if not t.done.is_set()]
        self.started.append(task)
        workers.share_the_gil()  # an import holds the GIL in long stretches: let the GUI thread in often
        self.pool().start(task, priority)  # the higher first, among those waiting for the thread


_gate = _Gate()


def _then_settle(function: Callable[[], object]) -> object:
    """Run a warm-up with the collector off (importing numpy's or spaCy's modules made it walk the heap for
    80-95 ms at a time, holding the GIL), then freeze what it loaded (modules, a pipeline: held for good) out of
    the collector's full passes (:mod:`app.heap`)."""
    try:
        with heap.no_collection():
            return function()
    finally:
        heap.settle()


def start_after_start(task: workers.FunctionTask, priority: int = 0) -> workers.FunctionTask:
    """Run ``task`` in the warm-up thread once the window is up (at once if it is, or if no window waits);
    among tasks waiting for the thread, the higher ``priority`` runs first."""
    _gate.submit(task, priority)
    return task


def preload(module_names: Iterable[str], then: Callable[[], object] | None = None) -> workers.FunctionTask | None:
    """Import ``module_names`` in the warm-up thread, then call ``then`` there, so that the first use of the
    feature needing them finds them loaded (once per process: None when these were already asked for). Modules
    may define Qt classes but must make no Qt objects at import (no pixmaps off the GUI thread). Runs after the
    spaCy pipelines (``PRELOAD_PRIORITY``): selecting text comes before the first chart."""
    names = tuple(module_names)
    if names in _gate.preloads:
        return None
    _gate.preloads.add(names)
    task = workers.FunctionTask(partial(import_modules, names, then))
    return start_after_start(task, PRELOAD_PRIORITY)


def start_now(task: workers.FunctionTask) -> workers.FunctionTask:
    """Run ``task`` in the warm-up thread ahead of everything waiting there. While the start gate is closed the
    start's own warm-ups (spaCy's pipelines, preloads) keep waiting, until ``START_DELAY_MS`` after the task has
    run: what the user asked for (and the work it leads to, such as a first chart) does not share the GIL with
    them."""
    if _gate.armed and not _gate.open:
        _gate.asked += 1
        queued = Qt.ConnectionType.QueuedConnection  # counted on the GUI thread, where the countdown's timer lives
        task.signals.finished.connect(_gate.asked_done, queued)
        task.signals.failed.connect(_gate.asked_done, queued)
    _gate._start(task, NOW_PRIORITY)
    return task


def import_modules(module_names: tuple[str, ...], then: Callable[[], object] | None = None) -> None:
    for name in module_names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 (a missing optional part, an import race): the feature's first use says
            log.info("could not preload %s", name, exc_info=True)
    if then is not None:
        then()


def is_waiting() -> bool:
    """True while work is held back for the window's start."""
    return _gate.armed and not _gate.open


def wait_for_idle(msecs: int = -1) -> bool:
    """Wait for the warm-up thread to finish what it started (tests and benchmarks); True when it did."""
    return _gate.pool().waitForDone(msecs)


class _FirstShow(QObject):
    """Opens the gate ``START_DELAY_MS`` after the window's first show."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            _gate.release_later()
        return False


class _AfterPaint(QObject):
    """Calls ``callback`` once ``window`` has painted what is queued for it (an UpdateRequest handled), or after
    ``PAINT_WAIT_MS`` when nothing is painted (a hidden window)."""

    def __init__(self, window: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(window)
        self.callback: Callable[[], object] | None = callback
        window.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.UpdateRequest:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)  # queued behind the paint this request starts
        return False

    def _call(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            self.deleteLater()
            callback()


def after_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` on the GUI thread once ``widget``'s window has painted: background work started in the
    middle of what the GUI thread is doing (opening a project, showing a document) takes the GIL from it each
    time Qt calls into Python to lay out and paint (opening the 100× project took 0.3-0.6 s longer)."""
    _AfterPaint(widget.window(), callback)


def install(window: QWidget) -> None:
    """Hold warm-ups until ``window`` has been shown (once per process: later windows start warm)."""
    if _gate.armed or _gate.open:
        return
    _gate.armed = True
    application = QCoreApplication.instance()
    if application is not None:  # closing in the first seconds: what has not started is not worth waiting for
        application.aboutToQuit.connect(_gate.drop_queued)
    watcher = _FirstShow(window)
    window.installEventFilter(watcher)
    if window.isVisible():
        window.removeEventFilter(watcher)
        _gate.release_later()


__all__ = ["NOW_PRIORITY", "PAINT_WAIT_MS", "PRELOAD_PRIORITY", "START_DELAY_MS", "after_paint", "import_modules",
           "install", "is_waiting", "preload", "start_after_start", "start_now", "wait_for_idle"]
