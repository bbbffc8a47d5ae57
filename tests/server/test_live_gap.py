"""Live refresh's gap between reading and listening (coding/live.py ``change_mark`` / ``changed_since``): a change
committed after a project was opened and read but before its listener's LISTEN was in force reached no one. Now
the listener compares the project's high-water mark from opening with the server's once it listens, and hands
on one reload notice if anything finished in between; the window then shows the change without reopening."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from coding import live
from coding.codebook import add_code
from coding.project import Project

NEW_CODE = "Referral rules"
WAIT_S = 20.0  # generous for a loaded machine; a passing test never waits this long


def commit_elsewhere(url: str, name: str = NEW_CODE) -> None:
    """Another user's change, committed through a connection of its own."""
    with Project.open(url) as other, other.session() as session:
        add_code(session, name, actor="Lin")


@pytest.fixture
def study(pg_database: str) -> str:
    Project.create(pg_database).close()
    return pg_database


# -- marks --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("before", "after", "changed"), [
    ("100:105:", "100:105:", False),  # nothing was given an id: only reads happened
    ("100:105:", "100:106:", True),  # transaction 105 started and finished
    ("100:105:", "100:107:105,106", False),  # two started, both still running: nothing to see yet
    ("100:105:", "100:107:106", True),  # of two started, 105 finished
    ("101:105:101,103", "103:105:103", True),  # 101, running at opening, finished since
    ("101:105:101,103", "101:105:101,103", False),
    ("101:105:101", "bad", True),  # a mark that cannot be read: re-read rather than miss a change
])
def test_changed_since_reads_two_snapshot_marks(before: str, after: str, changed: bool) -> None:
    assert live.changed_since(before, after) is changed


def test_a_real_commit_moves_the_mark_also_past_a_transaction_running_at_it(study: str) -> None:
    engine = create_engine(make_url(study))
    parts = make_url(study)
    try:
        opened = live.change_mark(engine)
        assert opened is not None
        with psycopg.connect(host=parts.host, port=parts.port, dbname=parts.database, user=parts.username,
                             password=parts.password) as running:
            running.execute("INSERT INTO project_meta (key, value) VALUES ('gap.test', 'x')")  # an id, no commit
            during = live.change_mark(engine)
            assert during is not None
            running.commit()
        after = live.change_mark(engine)
        assert after is not None and live.changed_since(opened, after) and live.changed_since(during, after)
    finally:
        engine.dispose()


def test_a_project_file_has_no_mark(tmp_path: Path) -> None:
    with Project.create(tmp_path / "file.concord") as project:
        assert project.change_mark is None


# -- the listener -------------------------------------------------------------------------------------------
def test_a_change_between_opening_and_listening_is_handed_on_as_a_reload(study: str) -> None:
    notices: queue.Queue[live.Notice] = queue.Queue()
    states: queue.Queue[str] = queue.Queue()
    with Project.open(study) as project:  # the app opens and reads the project …
        assert project.change_mark is not None
        commit_elsewhere(study)  # … another user commits before it listens …
        listener = live.ChangeListener(study, notices.put, states.put, since=project.change_mark)
        listener.start()  # … and only then does it listen
        try:
            assert states.get(timeout=WAIT_S) == live.CONNECTED
            notice = notices.get(timeout=WAIT_S)
        finally:
            listener.stop()
    assert notice.reload and notice.changes == live.EVERYTHING


def test_changes_after_listening_still_arrive_one_by_one(study: str) -> None:
    """The reload is for the gap only: a listener whose project was opened just before hears each later change
    as itself."""
    notices: queue.Queue[live.Notice] = queue.Queue()
    with Project.open(study) as project:
        listener = live.ChangeListener(study, notices.put, since=project.change_mark, ignore_sender=None)
        listener.start()
        try:
            assert listener.listening.wait(WAIT_S)
            commit_elsewhere(study, "Waiting lists")
            heard = [notices.get(timeout=WAIT_S)]
            while not [n for n in heard if not n.reload]:  # a reload for the gap may come first (a busy server)
                heard.append(notices.get(timeout=WAIT_S))
        finally:
            listener.stop()
    assert [n.changes.codes for n in heard if not n.reload] == [True]


# -- the window ---------------------------------------------------------------------------------------------
@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, study: str, settings) -> Iterator:  # type: ignore[no-untyped-def]
    from app.main import MainWindow

    main = MainWindow(study, settings, coder="Morgan")  # opened and read; no listener yet
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def test_the_window_shows_a_change_committed_before_its_listener_started(qtbot, window, study: str) -> None:  # type: ignore[no-untyped-def]
    from app import live_refresh

    def code_names() -> list[str]:
        return [node.name for node in window.lookups.in_tree_order()]

    assert NEW_CODE not in code_names()
    commit_elsewhere(study)  # in the gap: after the window read the codebook, before anyone listens
    live_refresh.install(window)
    refresh = live_refresh.live_refresh_of(window)
    assert refresh is not None and refresh.listener is not None

    qtbot.waitUntil(lambda: NEW_CODE in code_names(), timeout=int(WAIT_S * 1000))
    assert window.bench is not None and window.bench.undo_stack.count() == 0
