"""Live refresh in the window of a project on a real PostgreSQL server (app/live_refresh.py).

Coder B's window shows coder A's new code, new document and new coding without reopening; remote changes never
go on B's undo stack and B's undo never removes A's work; when the server stops a bar says so, an edit tried
meanwhile is refused with one dialog and is neither on the undo stack nor in the view, and after the restart the
bar clears and the next edit works. A project file's window starts no listener.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from app import live_refresh
from app.main import MainWindow
from coding import live
from coding.coders import get_or_create_coder
from coding.importing import add_document_text
from coding.project import Project
from models import Coding
from tests.server.conftest import RunningServer, start_new_server, stop_if_running

TEXT = "Interviewer: Who decides on hiring?\nDirector: The lead hospital decides. The clinics only propose names.\n"
CODE = "Organizational changes"
WAIT_MS = 20_000  # generous for a loaded machine; a passing test never waits this long

ANOTHER_USER_SCRIPT = """
import sys
from coding.codebook import add_code, find_code
from coding.codings import apply_code
from coding.importing import add_document_text
from coding.project import Project
url, what = sys.argv[1], sys.argv[2]
with Project.open(url) as project, project.session() as session:
    project.actor = "Lin"
    if what == "code":
        apply_code(session, document_id=int(sys.argv[3]), coder_id=int(sys.argv[4]),
                   code_id=find_code(session, sys.argv[5]).id, start=12, end=35, actor="Lin")
    elif what == "codebook":
        add_code(session, "Referral rules", actor="Lin")
    elif what == "document":
        add_document_text(session, name="D02 township clinic", text="Doctor: We refer patients upwards.\\n",
                          source_name="d02.txt", format="txt")
"""


@dataclass(frozen=True)
class Study:
    url: str
    document_id: int
    lin_id: int
    morgan_id: int


def make_study(url: str) -> Study:
    with Project.create(url) as project, project.session() as session:
        document = add_document_text(session, name="D01", text=TEXT, source_name="d01.txt", format="txt")
        lin = get_or_create_coder(session, "Lin", actor="test")
        morgan = get_or_create_coder(session, "Morgan", actor="test")
        return Study(url, document.id, lin.id, morgan.id)


def another_user(study: Study, what: str, code: str = CODE) -> None:
    """Coder Lin's edit, made by another process as another app would."""
    subprocess.run([sys.executable, "-c", ANOTHER_USER_SCRIPT, study.url, what, str(study.document_id),
                    str(study.lin_id), code], check=True, cwd=Path(__file__).parents[2], timeout=120)


def open_window(qtbot, study: Study, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(study.url, settings, coder="Morgan")
    qtbot.addWidget(window)
    live_refresh.install(window)
    window.show()
    qtbot.waitExposed(window)
    refresh = live_refresh.live_refresh_of(window)
    assert refresh is not None and refresh.listener is not None
    assert refresh.listener.listening.wait(WAIT_MS / 1000)
    return window


def code_uuid(window: MainWindow, name: str) -> str:
    return next(node.uuid for node in window.lookups.in_tree_order() if node.name == name)


def codings_in_database(study: Study) -> list[tuple[int, int]]:
    with Project.open(study.url) as project, project.session() as session:
        return sorted((row[0], row[1]) for row in session.execute(select(Coding.coder_id, Coding.start)))


@pytest.fixture()
def study(pg_database: str) -> Study:
    return make_study(pg_database)


@pytest.fixture()
def window(qtbot, study: Study, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = open_window(qtbot, study, settings)
    yield main
    main.close()


def test_another_coders_new_code_and_document_show_without_reopening(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     study: Study) -> None:
    heard: list[object] = []
    assert window.bench is not None
    window.bench.changes_applied.connect(lambda _changes, initiator: heard.append(initiator))
    another_user(study, "codebook")
    qtbot.waitUntil(lambda: "Referral rules" in [n.name for n in window.lookups.in_tree_order()], timeout=WAIT_MS)
    another_user(study, "document")
    qtbot.waitUntil(lambda: "D02 township clinic" in [r.name for r in window.documents_model.rows], timeout=WAIT_MS)
    assert heard and all(initiator is live_refresh.ANOTHER_USER for initiator in heard)
    assert window.bench.undo_stack.count() == 0  # another user's changes are never this user's undo steps


def test_undo_takes_back_only_this_coders_step(qtbot, window: MainWindow, study: Study) -> None:  # type: ignore[no-untyped-def]
    bench = window.bench
    assert bench is not None
    bench.set_blind(False)  # Morgan sees everyone's codings
    window.open_document(study.document_id)
    notices: list[live.Notice] = []
    refresh = live_refresh.live_refresh_of(window)
    assert refresh is not None
    refresh.noticed.connect(lambda _generation, notice: notices.append(notice))

    assert window.apply_code(code_uuid(window, CODE), (0, 11))  # Morgan's own edit: its notice is not heard here
    another_user(study, "code")
    qtbot.waitUntil(lambda: study.lin_id in [c.coder_id for c in window.transcript.codings], timeout=WAIT_MS)
    assert [notice.sender.coder for notice in notices] == ["Lin"]
    assert bench.undo_stack.count() == 1

    bench.undo_stack.undo()

    assert [c.coder_id for c in window.transcript.codings] == [study.lin_id]
    assert codings_in_database(study) == [(study.lin_id, 12)]


def test_undoing_a_new_code_another_coder_used_is_refused(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                          study: Study, messages: list[str]) -> None:
    from app.commands import AddCodeCommand

    bench = window.bench
    assert bench is not None
    assert bench.execute(AddCodeCommand(bench, "Waiting lists", None))
    another_user(study, "code", "Waiting lists")  # Lin codes with Morgan's new code at once
    qtbot.waitUntil(lambda: len(codings_in_database(study)) == 1, timeout=WAIT_MS)

    bench.undo_stack.undo()

    assert len(messages) == 1 and messages[0].startswith("Could not undo")
    assert codings_in_database(study) == [(study.lin_id, 12)]
    assert "Waiting lists" in [node.name for node in window.lookups.in_tree_order()]


def test_a_project_file_starts_no_listener(qtbot, tmp_path: Path, settings, messages) -> None:  # type: ignore[no-untyped-def]
    Project.create(tmp_path / "file.concord").close()
    window = MainWindow(tmp_path / "file.concord", settings, coder="Morgan")
    qtbot.addWidget(window)
    live_refresh.install(window)
    refresh = live_refresh.live_refresh_of(window)
    assert window.bench is not None and refresh is not None and refresh.listener is None
    window.close()


# -- a dropped connection ------------------------------------------------------------------------------------
@pytest.fixture()
def own_server(pg_base: Path) -> Iterator[RunningServer]:
    server = start_new_server(pg_base, "gui-restart")
    yield server
    stop_if_running(server.directory)


def test_a_dropped_connection_shows_a_bar_and_refuses_edits_until_it_is_back(  # type: ignore[no-untyped-def]
        qtbot, own_server: RunningServer, settings, messages) -> None:
    from coding.server import start_server, stop_server

    study = make_study(own_server.url("dropped"))
    window = open_window(qtbot, study, settings)
    refresh = live_refresh.live_refresh_of(window)
    bench = window.bench
    assert refresh is not None and bench is not None
    window.open_document(study.document_id)
    organisational = code_uuid(window, CODE)
    try:
        assert window.apply_code(organisational, (13, 35))  # saved before the drop
        stop_server(own_server.directory)
        qtbot.waitUntil(lambda: refresh.connection_notice == live_refresh.LOST_TEXT, timeout=WAIT_MS)

        assert not window.apply_code(organisational, (0, 11))
        assert len(messages) == 1 and "not saved" in messages[0]
        assert bench.undo_stack.count() == 1 and [c.start for c in window.transcript.codings] == [13]
        bench.undo_stack.undo()  # refused: the step stays done and in view, and is no longer offered
        assert len(messages) == 2 and messages[1].startswith("Could not undo")
        assert bench.undo_stack.count() == 0 and [c.start for c in window.transcript.codings] == [13]

        start_server(own_server.directory, "127.0.0.1", own_server.port)
        qtbot.waitUntil(lambda: refresh.connection_notice == live_refresh.RECONNECTED_TEXT, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: refresh.connection_notice == "", timeout=WAIT_MS)
        assert window.apply_code(organisational, (0, 11))
        assert bench.undo_stack.count() == 1 and len(window.transcript.codings) == 2
        assert codings_in_database(study) == [(study.morgan_id, 0), (study.morgan_id, 13)]
    finally:
        window.close()
