"""Starting background work lets the GUI thread take the GIL from a busy worker within a fraction of a millisecond
(issue 13: each of the thousands of Python calls that paint a table waited up to Python's 5 ms switch interval)."""

from __future__ import annotations

import sys

import pytest

from app import workers


def test_starting_a_worker_shortens_the_switch_interval(qtbot) -> None:  # type: ignore[no-untyped-def]
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default
    try:
        task = workers.FunctionTask(lambda: 42)
        with qtbot.waitSignal(task.signals.finished, timeout=10_000) as finished:
            workers.start(task)
        assert finished.args == [42]
        assert sys.getswitchinterval() <= workers.SWITCH_INTERVAL_S < 0.005
        shorter = workers.SWITCH_INTERVAL_S / 2
        sys.setswitchinterval(shorter)
        workers.start(workers.FunctionTask(lambda: None))
        assert sys.getswitchinterval() == pytest.approx(shorter)  # a shorter one chosen elsewhere is kept
    finally:
        sys.setswitchinterval(before)
