"""The warm-up gate: what the user asks for right after start runs first, and the start's own warm-ups (spaCy's
pipelines, preloads) keep waiting until it has run and the countdown has passed again."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from app import warmup, workers


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch, qapp) -> warmup._Gate:  # type: ignore[no-untyped-def]
    """A gate of its own (the process's one is already open after earlier tests), with a short countdown."""
    fresh = warmup._Gate()
    monkeypatch.setattr(warmup, "_gate", fresh)
    monkeypatch.setattr(warmup, "START_DELAY_MS", 300)
    yield fresh
    fresh.release()
    fresh.pool().waitForDone()


def _task(ran: list[str], name: str, hold: threading.Event | None = None) -> workers.FunctionTask:
    def work() -> None:
        if hold is not None:
            hold.wait(10)
        ran.append(name)

    return workers.FunctionTask(work)


def test_start_warmups_wait_for_what_the_user_asked(gate: warmup._Gate, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    warmup.install(window)
    ran: list[str] = []
    warmup.start_after_start(_task(ran, "pipeline"))
    window.show()  # the countdown starts
    asked = threading.Event()
    warmup.start_now(_task(ran, "asked", hold=asked))
    qtbot.wait(warmup.START_DELAY_MS * 2)  # the first countdown ends while the user's task still runs
    assert warmup.is_waiting() and ran == []
    asked.set()
    qtbot.waitUntil(lambda: ran == ["asked"], timeout=5000)
    assert warmup.is_waiting()  # a new countdown from the end of the user's task
    qtbot.waitUntil(lambda: not warmup.is_waiting(), timeout=5000)
    qtbot.waitUntil(lambda: ran == ["asked", "pipeline"], timeout=5000)


def test_warmups_let_the_gui_thread_in_every_millisecond(gate: warmup._Gate, qtbot) -> None:  # type: ignore[no-untyped-def]
    sys.setswitchinterval(0.005)  # Python's default, as before any background job
    ran: list[str] = []
    warmup.start_now(_task(ran, "asked"))  # no window armed the gate: runs at once
    qtbot.waitUntil(lambda: ran == ["asked"], timeout=5000)
    assert sys.getswitchinterval() == pytest.approx(workers.SWITCH_INTERVAL_S)


class _Painted(QWidget):
    """Records when it paints and when the work waiting for its paint is called."""

    def __init__(self, events: list[str]) -> None:
        super().__init__()
        self.events = events

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        self.events.append("painted")
        super().paintEvent(event)


def test_work_after_paint_starts_once_the_window_has_painted(qtbot) -> None:  # type: ignore[no-untyped-def]
    events: list[str] = []
    widget = _Painted(events)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: "painted" in events, timeout=5000)
    events.clear()
    warmup.after_paint(widget, lambda: events.append("work"))
    widget.update()
    assert events == [], "not started in the middle of what the GUI thread is doing"
    qtbot.waitUntil(lambda: "work" in events, timeout=5000)
    assert events.index("painted") < events.index("work")
    qtbot.wait(warmup.PAINT_WAIT_MS + 100)
    assert events.count("work") == 1, "started once, not again when the fallback time passes"


def test_work_after_paint_starts_anyway_when_nothing_paints(qtbot) -> None:  # type: ignore[no-untyped-def]
    hidden = QWidget()
    qtbot.addWidget(hidden)
    called: list[bool] = []
    warmup.after_paint(hidden, lambda: called.append(True))
    qtbot.wait(warmup.PAINT_WAIT_MS // 3)
    assert called == []
    qtbot.waitUntil(lambda: called == [True], timeout=warmup.PAINT_WAIT_MS * 5)


def test_quitting_drops_the_warmups_not_yet_started(gate: warmup._Gate, qtbot) -> None:  # type: ignore[no-untyped-def]
    hold = threading.Event()
    ran: list[str] = []
    gate.release()
    warmup.start_after_start(_task(ran, "running", hold))
    warmup.start_after_start(_task(ran, "queued"))
    gate.drop_queued()  # what aboutToQuit calls
    hold.set()
    gate.pool().waitForDone()
    assert ran == ["running"]


CLOSE_DURING_WARMUP = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app import warmup
from app.main import MainWindow, run_gui

app = QApplication([])

def close_once_warming() -> None:  # a warm-up is running (the gate has opened): close the window now
    if warmup.is_waiting() or warmup.wait_for_idle(0):
        QTimer.singleShot(20, close_once_warming)
        return
    print("closed while warming", flush=True)
    next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow)).close()

QTimer.singleShot(500, close_once_warming)
sys.exit(run_gui(sys.argv[1], demo=True))
"""


def test_closing_while_warming_up_exits_without_a_traceback(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The start's warm-ups (spaCy's pipelines, preloads) may still run when the user closes the window: the app
    exits with nothing on stderr but Qt's own notes, and no queued warm-up is started after the close."""
    done = subprocess.run(
        [sys.executable, "-c", CLOSE_DURING_WARMUP, str(sample.path)], capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "closed while warming" in done.stdout
    assert "Traceback" not in done.stderr and "deleted" not in done.stderr, done.stderr[-3000:]
