"""The serial writer (app/operations.py, ``writes=True``): background writes to one project run one at a time,
in the order started, while reads run beside them and the GUI thread keeps ticking; and the demo build."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from app import demo_build
from app.operations import Operation, writer_pool
from benchmarks.generate_corpus import write_corpus
from coding.importing import ImportOptions, ImportReport, import_paths
from coding.progress import Cancel, Progress
from coding.project import Project
from tests.app.conftest import Sample
from tests.app.helpers import rows

TIMEOUT = 120_000
TICK_MS = 20


class TickWatch:
    """A timer on the GUI thread that records how late its ticks come (a stall detector)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst_late_ms = 0
        self.ticks = 0
        self.tick_times: list[float] = []  # time.monotonic() of each tick, to compare with the work's spans

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst_late_ms = max(self.worst_late_ms, now - self.last - TICK_MS)
        self.last = now
        self.ticks += 1
        self.tick_times.append(time.monotonic())


def _importing(folder: Path, spans: list[tuple[str, float, float]]) -> Any:
    """Work that imports ``folder`` serially (spaCy in the writer thread, the hardest case for the GUI thread)."""

    def work(project: Project, progress: Progress, cancelled: Cancel) -> ImportReport:
        started = time.monotonic()
        report = import_paths(project, [folder], progress=progress, cancel=cancelled,
                              options=ImportOptions(workers=1))
        spans.append((folder.name, started, time.monotonic()))
        return report

    return work


def test_two_background_writes_queued_together_land_in_order_with_the_gui_thread_free(
    qtbot: Any, sample: Sample, tmp_path: Path
) -> None:
    write_corpus(tmp_path / "first", scale=1, seed=11, documents=4, words=1200)
    write_corpus(tmp_path / "second", scale=1, seed=12, documents=4, words=1200)
    spans: list[tuple[str, float, float]] = []
    reports: list[ImportReport] = []
    watch = TickWatch()
    watch.start()
    operations = [
        Operation(None, _importing(tmp_path / name, spans), project_path=sample.path, actor="Alice", writes=True,
                  on_success=reports.append).start()
        for name in ("first", "second")
    ]
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=TIMEOUT)
    watch.stop()
    assert all(not operation.is_running() for operation in operations)
    assert [len(report.imported) for report in reports] == [4, 4]
    assert [name for name, _, _ in spans] == ["first", "second"]
    assert spans[0][2] <= spans[1][1]  # the second began after the first had ended: no interleaving
    stored = rows(sample.path, "SELECT source_name FROM documents WHERE source_name LIKE 'interview_%' ORDER BY id")
    assert len(stored) == 8
    # The GUI thread kept running its event loop while the writes ran. How late a tick may come is a benchmark
    # figure (benchmarks/bench_gui.py's stall detector), not a timed assertion that a loaded CI machine breaks.
    writing = [t for t in watch.tick_times if spans[0][1] <= t <= spans[1][2]]
    assert len(writing) >= 2, (watch.ticks, watch.worst_late_ms)


def test_reads_run_beside_a_write_and_writes_to_one_project_share_one_writer(qtbot: Any, sample: Sample) -> None:
    release = threading.Event()
    order: list[str] = []

    def slow_write(project: Project, _progress: Progress, _cancelled: Cancel) -> str:
        release.wait(30)
        order.append("write")
        return "written"

    def read(project: Project, _progress: Progress, _cancelled: Cancel) -> int:
        order.append("read")
        release.set()  # the write was waiting for this read: had the read queued behind it, it would wait 30 s
        return 1

    write = Operation(None, slow_write, project_path=sample.path, writes=True).start()
    reading = Operation(None, read, project_path=sample.path, read_only=True).start()
    qtbot.waitUntil(lambda: not write.is_running() and not reading.is_running(), timeout=TIMEOUT)
    assert order == ["read", "write"]
    assert writer_pool(sample.path) is writer_pool(Path(str(sample.path)).parent / Path(sample.path).name)
    assert writer_pool(sample.path).maxThreadCount() == 1


def test_a_write_must_name_its_project(sample: Sample) -> None:
    with pytest.raises(ValueError, match="project_path"):
        Operation(None, lambda _progress, _cancelled: None, writes=True)
    with pytest.raises(ValueError, match="read-only"):
        Operation(None, lambda *_args: None, project_path=sample.path, read_only=True, writes=True)


def test_the_demo_is_built_by_the_runner_then_opened(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    import coding.demo

    target = tmp_path / "demo.concord"
    monkeypatch.setattr(coding.demo, "default_demo_path", lambda: target)
    opened: list[Path] = []
    operation = demo_build.open_demo(None, opened.append)  # type: ignore[arg-type]
    assert operation is not None
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT)
    assert opened == [target]
    assert rows(target, "SELECT count(*) FROM documents") == [(8,)]
    assert demo_build.open_demo(None, opened.append) is None  # type: ignore[arg-type]  # built: opened at once
    assert opened == [target, target]
