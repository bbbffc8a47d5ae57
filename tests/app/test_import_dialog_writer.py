"""The import dialog's import is a background write: it waits for the project's writer, then lands and reports."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from app.import_dialog import ImportDialog
from app.operations import Operation
from coding.importing import ImportReport
from coding.progress import Cancel, Progress
from coding.project import Project
from tests.app.conftest import Sample
from tests.app.helpers import rows

TIMEOUT = 60_000


def _report(dialog: ImportDialog) -> ImportReport | None:
    return dialog.report


def test_the_import_waits_for_a_write_already_running_then_lands(qtbot: Any, sample: Sample, tmp_path: Path) -> None:
    transcript = tmp_path / "P09.txt"
    transcript.write_text("Interviewer: How did the alliance start?\n\nDr Wu: With a referral system.\n",
                          encoding="utf-8")
    release = threading.Event()
    order: list[str] = []

    def earlier_write(project: Project, _progress: Progress, _cancelled: Cancel) -> None:
        release.wait(30)
        order.append("earlier write")

    earlier = Operation(None, earlier_write, project_path=sample.path, writes=True).start()
    dialog = ImportDialog(sample.path, "Alice", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.add_paths([transcript])
    changes: list[object] = []
    dialog.imported.connect(changes.append)
    dialog.start()
    assert dialog.is_running() and not dialog.start_button.isEnabled()
    qtbot.wait(300)
    assert dialog.report is None  # queued behind the earlier write
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE name = 'P09'") == [(0,)]
    release.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=TIMEOUT)
    assert not earlier.is_running() and order == ["earlier write"]
    report = _report(dialog)  # read again: the assert above narrowed it to None
    assert report is not None and [task.status for task in report.items] == ["imported"]
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE name = 'P09'") == [(1,)]
    assert len(changes) == 1 and not dialog.is_running() and dialog.close_button.isEnabled()


def test_a_failed_import_says_so_and_frees_the_dialog(qtbot: Any, tmp_path: Path, messages: list[str]) -> None:
    dialog = ImportDialog(tmp_path / "missing.concord", "Alice", str(tmp_path))
    qtbot.addWidget(dialog)
    transcript = tmp_path / "P01.txt"
    transcript.write_text("R: hello.\n", encoding="utf-8")
    dialog.add_paths([transcript])
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(messages), timeout=TIMEOUT)
    assert messages[-1].startswith("The import stopped: ")
    assert dialog.status.text() == "The import stopped." and dialog.start_button.isEnabled()


def test_a_large_selection_warms_worker_processes_that_the_import_then_uses(
    qtbot: Any, sample: Sample, tmp_path: Path, monkeypatch: Any
) -> None:
    from app import import_dialog
    from benchmarks.generate_corpus import write_corpus
    from coding.importing import pipeline
    from coding.importing.pool import analyse_outcome, usable_cpus

    if usable_cpus() < 2:
        pytest.skip("one core: the dialog rightly starts no worker processes")
    monkeypatch.setattr(import_dialog, "WARM_POOL_BYTES", 1)  # any selection counts as large
    analysed_here: list[str] = []

    def here(text: str, *args: Any) -> Any:
        analysed_here.append(text)
        return analyse_outcome(text, *args)

    monkeypatch.setattr(pipeline, "analyse_outcome", here)
    paths = write_corpus(tmp_path / "in", scale=1, seed=21, documents=8, words=600)
    dialog = ImportDialog(sample.path, "Alice", str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.add_paths(list(paths))
    pool = dialog.pool
    assert pool is not None  # warming while the user looks at the list
    qtbot.waitUntil(lambda: pool.ready, timeout=TIMEOUT)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=TIMEOUT)
    report = _report(dialog)
    assert report is not None and len(report.imported) == 8
    assert analysed_here == []  # the worker analysed every file: spaCy never ran beside the event loop
    assert dialog.pool is None  # its workers stopped with the import
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE name LIKE 'interview_%'") == [(8,)]
