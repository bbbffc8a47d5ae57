"""The window when a project is in use elsewhere, was upgraded, was left locked by a crash, or is damaged."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import dialogs
from app.main import MainWindow
from models.store import SCHEMA_REVISIONS, downgrade, make_engine, sqlite_url
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import rows

HOLDER = textwrap.dedent(
    """
    import sys
    from coding.project import Project
    project = Project.open(sys.argv[1])
    project.announce_coder("Morgan")
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


@pytest.fixture
def held(sample: Sample) -> Iterator[subprocess.Popen[str]]:
    """Another Concord process (another coder's window) holding the sample project."""
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(sample.path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(10)


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def confirm(parent, question, title="Concord", ok_text="OK") -> bool:  # type: ignore[no-untyped-def]
        asked.append(question)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked


def _open(qtbot, path: Path, settings, coder: str = "Alice") -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(path, settings, coder=coder)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_project_in_use_opens_read_only_with_a_banner_and_refuses_edits(
    qtbot, sample: Sample, settings, messages: list[str], questions: list[str], held: subprocess.Popen  # type: ignore[no-untyped-def]
) -> None:
    window = _open(qtbot, sample.path, settings)
    assert questions and "in use by Morgan" in questions[0] and f"process {held.pid}" in questions[0]
    assert window.bench is not None and window.bench.project.read_only
    assert window.read_only_bar.isVisible()
    assert "Read-only" in window.read_only_label.text() and "Morgan" in window.read_only_label.text()
    before = rows(sample.path, "SELECT id, start, end FROM codings ORDER BY id")
    start = EN_TEXT.index("independent legal person")
    window.apply_code(window.effective_slots()[1], (start, start + 24))
    assert messages and "in use by Morgan" in messages[-1] and "nothing was saved" in messages[-1]
    assert rows(sample.path, "SELECT id, start, end FROM codings ORDER BY id") == before
    assert window.bench.undo_stack.count() == 0
    window.close_project()
    assert not window.read_only_bar.isVisible()


def test_declining_read_only_opens_nothing(qtbot, sample: Sample, settings, messages, held,  # type: ignore[no-untyped-def]
                                           monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: False)
    window = _open(qtbot, sample.path, settings)
    assert window.bench is None


def test_a_stale_lock_after_a_crash_is_cleared_and_said(qtbot, sample: Sample, settings, messages,  # type: ignore[no-untyped-def]
                                                        held: subprocess.Popen) -> None:
    os.kill(held.pid, signal.SIGKILL)
    held.wait(10)
    window = _open(qtbot, sample.path, settings)
    assert window.bench is not None and not window.bench.project.read_only
    assert any("no longer running" in m and "Morgan" in m for m in messages)
    assert not window.read_only_bar.isVisible()


def test_an_upgraded_project_says_where_its_backup_is(qtbot, sample: Sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(sqlite_url(sample.path))
    downgrade(engine, SCHEMA_REVISIONS[0])
    engine.dispose()
    window = _open(qtbot, sample.path, settings)
    assert window.bench is not None and window.bench.project.upgraded_from == SCHEMA_REVISIONS[0]
    backup = window.bench.project.backup_path
    assert backup is not None and backup.exists()
    assert any("upgraded" in m and str(backup) in m for m in messages)


def test_a_damaged_file_gets_a_message(qtbot, sample: Sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(sample.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's schema records
    sample.path.write_bytes(bytes(data))
    window = _open(qtbot, sample.path, settings)
    assert window.bench is None
    assert messages and str(sample.path) in messages[0]
    assert "damaged" in messages[0] or "not a Concord project" in messages[0]
