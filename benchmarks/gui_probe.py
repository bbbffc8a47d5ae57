"""Measuring a live window: a GUI-thread stall detector, the time an action blocks the GUI thread, and
background jobs run through the app's own operation runner. Used by ``bench_gui.py --scale``.

Qt is imported here, not in ``common.py``: the other benchmarks run without it.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

TICK_MS = 5  # the detector's timer: a tick this much late is nothing, one > STALL_MS late is a frozen window
STALL_MS = 100
EXPLAIN_MS = 60  # a stall explainer writes the threads' stacks while the GUI thread is this late


@dataclass
class Stalls:
    """What the stall detector saw: ticks, the gaps between them beyond the timer's interval, the stalls."""

    seconds: float = 0.0
    gaps_ms: list[float] = field(default_factory=list)

    @property
    def worst_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)

    @property
    def count(self) -> int:
        return sum(1 for gap in self.gaps_ms if gap > STALL_MS)

    def describe(self) -> str:
        return f"{self.count} stalls > {STALL_MS} ms, worst {self.worst_ms:.0f} ms over {self.seconds:.1f} s"


class StallDetector(QObject):
    """A precise QTimer on the GUI thread every ``TICK_MS``: a tick that comes late measures how long the GUI
    thread could not run its event loop (a frozen window), whatever held it (our code, a C call, the GIL).

    With ``explain`` (a text file) a sampler thread also writes down, every 20 ms while the GUI thread is more
    than ``EXPLAIN_MS`` late, what every thread is running (the GUI thread's Python stack, and the worker's:
    a worker holding the GIL freezes the window too) — where a stall comes from."""

    def __init__(self, explain: str | Path | None = None) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = _Clock()
        self.stalls = Stalls()
        self.explain = Path(explain) if explain else None

    def start(self) -> StallDetector:
        self.stalls = Stalls()
        self.clock.started = self.clock.last = time.perf_counter()
        self.timer.start()
        if self.explain is not None:
            self.clock.sampling.set()
            # The sampler holds the clock, never this QObject: a thread ending with the last reference to a QObject
            # would destroy it there, and its destructor waits for the GIL holding Qt's connection lock (a deadlock
            # with the GUI thread making a widget).
            threading.Thread(target=_sample, args=(self.clock, threading.get_ident(), self.explain),
                             daemon=True).start()
        return self

    def stop(self) -> Stalls:
        self._tick()  # the gap up to now counts too (an action that blocked until the end)
        self.timer.stop()
        self.clock.sampling.clear()
        self.stalls.seconds = time.perf_counter() - self.clock.started
        return self.stalls

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self.clock.last) * 1000 - TICK_MS
        if late > 1:
            self.stalls.gaps_ms.append(late)
        self.clock.last = now


class _Clock:
    """When the detector started and last ticked, and whether its sampler should go on (shared with the sampler)."""

    def __init__(self) -> None:
        self.started = 0.0
        self.last = 0.0
        self.sampling = threading.Event()


def _sample(clock: _Clock, gui: int, target: Path) -> None:
    with target.open("a", encoding="utf-8") as out:
        while clock.sampling.is_set():
            time.sleep(0.02)
            late = (time.perf_counter() - clock.last) * 1000
            if late > EXPLAIN_MS:
                out.write(_stacks(gui, late, time.perf_counter() - clock.started))


def _stacks(gui: int, late_ms: float, at_s: float) -> str:
    """Every other thread's innermost Python frames, the GUI thread's marked."""
    lines = [f"--- GUI thread {late_ms:.0f} ms late at {at_s:.2f} s"]
    for ident, frame in sys._current_frames().items():
        if ident == threading.get_ident():
            continue
        lines.append("GUI thread:" if ident == gui else f"thread {ident}:")
        lines.extend(line.rstrip() for line in traceback.format_stack(frame)[-6:])
    return "\n".join(lines) + "\n"


def spin(milliseconds: int) -> None:
    """Run the GUI event loop for a while (timers, queued signals, debounced work, painting)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def blocking_ms(action: Callable[[], Any], linger_ms: int = 250) -> float:
    """How long ``action`` keeps the window from answering: its own run plus painting, or a later freeze from
    work it queued (a debounced filter, a deferred refresh) if that is longer, within ``linger_ms``."""
    app = QApplication.instance()
    assert app is not None
    detector = StallDetector().start()
    started = time.perf_counter()
    action()
    app.processEvents()  # the update requests: painted before this returns
    synchronous = (time.perf_counter() - started) * 1000
    spin(linger_ms)
    later = detector.stop()
    return max(synchronous, later.worst_ms)


@dataclass
class JobResult:
    name: str
    seconds: float
    finished: bool
    cancelled: bool  # stopped after the time allowed: the stalls are those while it ran
    stalls: Stalls
    message: str = ""


def run_job(name: str, start: Callable[[], Any], allowed_s: float, explain: str | None = None) -> JobResult:
    """Start a background job (``start`` returns an ``app.operations.Operation``), keep the event loop running
    under the stall detector until it ends, or cancel it after ``allowed_s``; ``explain``: see StallDetector."""
    detector = StallDetector(explain).start()
    started = time.perf_counter()
    operation = start()
    loop = QEventLoop()
    operation.ended.connect(lambda _result: loop.quit())
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(operation.cancel)
    deadline.start(int(allowed_s * 1000))
    loop.exec()  # ``ended`` is queued to the GUI thread: it cannot have been delivered before this runs
    deadline.stop()
    seconds = time.perf_counter() - started
    stalls = detector.stop()
    summary = str(getattr(operation.result, "summary", "")).splitlines()  # an import's report ends "Imported 4, …"
    said = operation.message or (summary[-1] if summary else "")
    return JobResult(name, seconds, operation.succeeded, bool(operation.cancelled), stalls, said)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


__all__ = ["STALL_MS", "TICK_MS", "JobResult", "StallDetector", "Stalls", "blocking_ms", "median_ms", "run_job",
           "spin"]
