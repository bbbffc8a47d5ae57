"""The GUI benchmark's stall detector (benchmarks/gui_probe.py) sees a blocked GUI thread and nothing else."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QThreadPool, QTimer

from app import warmup
from benchmarks.gui_probe import StallDetector, blocking_ms, spin

# A block far longer than any scheduling noise, so the tests hold on a loaded machine.
BLOCK_MS = 600


@pytest.fixture(autouse=True)
def quiet_threads(qapp) -> None:  # type: ignore[no-untyped-def]
    """Background work of earlier tests (the warm-up's imports, a worker) takes the GIL: a real stall, not ours."""
    warmup.wait_for_idle()
    QThreadPool.globalInstance().waitForDone()


def test_an_idle_event_loop_has_no_stall(qapp) -> None:  # type: ignore[no-untyped-def]
    detector = StallDetector().start()
    spin(300)
    stalls = detector.stop()
    # A loaded CI machine may deschedule the process for a while: bounds far from any noise, not timings.
    assert stalls.worst_ms < BLOCK_MS
    assert stalls.seconds >= 0.3 * 0.8  # a coarse Qt timer may end the spin early


def test_a_blocked_gui_thread_is_one_stall_as_long_as_the_block(qapp) -> None:  # type: ignore[no-untyped-def]
    detector = StallDetector().start()
    QTimer.singleShot(50, lambda: time.sleep(BLOCK_MS / 1000))  # work on the GUI thread, as a slow slot would do
    spin(BLOCK_MS + 200)
    stalls = detector.stop()
    assert stalls.count >= 1
    assert stalls.worst_ms >= BLOCK_MS - 10  # a loaded machine may add, never take away


def test_blocking_ms_counts_work_an_action_queues(qapp) -> None:  # type: ignore[no-untyped-def]
    def queue_slow_work() -> None:
        QTimer.singleShot(20, lambda: time.sleep(BLOCK_MS / 1000))  # a debounced handler runs after the action returned

    assert blocking_ms(queue_slow_work, linger_ms=BLOCK_MS + 200) >= BLOCK_MS - 10
    assert blocking_ms(lambda: None, linger_ms=50) < BLOCK_MS
