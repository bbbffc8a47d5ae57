"""Live refresh over LISTEN/NOTIFY and a dropped connection, on a real PostgreSQL server (coding/live.py).

A commit in one process reaches a listener in another; a notice says which documents and coders a coding
change touched, never its code, offsets or text; a rolled-back write sends nothing; an oversized record becomes a
reload notice; an app's own notices are ignored; the listener reconnects after a server restart; an edit while
the server is down is refused with one line and is not saved, and the next edit after the restart is.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from coding import live
from coding.cli import cli
from coding.codebook import find_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.errors import ConcordError
from coding.importing import add_document_text
from coding.project import Project
from models import Coding
from tests.server.conftest import RunningServer, start_new_server, stop_if_running

TEXT = "Interviewer: Who decides on hiring?\nDirector: The lead hospital decides. The clinics only propose names.\n"
CODE = "Organizational changes"
WAIT_S = 20.0  # generous: a loaded machine is slow, and a test that passes never waits this long


@dataclass(frozen=True)
class Study:
    url: str
    document_id: int
    coder_id: int


def make_study(url: str, name: str = "D01") -> Study:
    with Project.create(url) as project, project.session() as session:
        document = add_document_text(session, name=name, text=TEXT, source_name=f"{name}.txt", format="txt")
        coder = get_or_create_coder(session, "Lin", actor="test")
        return Study(url, document.id, coder.id)


def code_once(project: Project, study: Study, start: int = 0) -> None:
    with project.session() as session:
        apply_code(session, document_id=study.document_id, coder_id=study.coder_id,
                   code_id=find_code(session, CODE).id, start=start, end=start + 11, actor="Lin")


class Heard:
    """A listener whose notices and states land in queues."""

    def __init__(self, url: str, **options: object) -> None:
        self.notices: queue.Queue[live.Notice] = queue.Queue()
        self.states: queue.Queue[str] = queue.Queue()
        self.listener = live.ChangeListener(make_url(url), self.notices.put, self.states.put, **options)  # type: ignore[arg-type]
        self.listener.start()
        assert self.listener.listening.wait(WAIT_S)

    def next_notice(self) -> live.Notice:
        return self.notices.get(timeout=WAIT_S)

    def next_state(self) -> str:
        return self.states.get(timeout=WAIT_S)

    def stop(self) -> None:
        self.listener.stop()


@pytest.fixture()
def study(pg_database: str) -> Study:
    return make_study(pg_database)


@pytest.fixture()
def heard(study: Study) -> Iterator[Heard]:
    listening = Heard(study.url)
    yield listening
    listening.stop()


def run_in_another_process(script: str, *args: str) -> None:
    subprocess.run([sys.executable, "-c", script, *args], check=True, cwd=Path(__file__).parents[2], timeout=120)


ANOTHER_CODER = """
import sys
from coding.codebook import find_code
from coding.codings import apply_code
from coding.project import Project
with Project.open(sys.argv[1]) as project, project.session() as session:
    project.actor = "Lin"
    apply_code(session, document_id=int(sys.argv[2]), coder_id=int(sys.argv[3]),
               code_id=find_code(session, "Organizational changes").id, start=0, end=11, actor="Lin")
"""


def test_a_commit_in_another_process_reaches_the_listener(study: Study, heard: Heard) -> None:
    run_in_another_process(ANOTHER_CODER, study.url, str(study.document_id), str(study.coder_id))
    notice = heard.next_notice()
    assert notice.changes.codings and not notice.changes.codes
    assert notice.codings == (live.CodingsTouched(study.document_id, study.coder_id, 1),)
    assert notice.sender.coder == "Lin" and notice.sender.id != live.PROCESS_SENDER


def test_a_notice_names_document_coder_and_count_only(study: Study) -> None:
    """Any role may LISTEN (psql too): the raw payload carries no code, offset, memo or text."""
    with psycopg.connect(autocommit=True, **live.connection_options(make_url(study.url))) as raw:
        raw.execute(f"LISTEN {live.CHANNEL}")
        with Project.open(study.url) as project:
            code_once(project, study)
        payload = next(raw.notifies(timeout=WAIT_S, stop_after=1)).payload
    data = json.loads(payload)
    assert set(data) == {"v", "sender", "at", "changed", "codings"}
    assert data["changed"] == ["codings"]
    assert data["codings"] == [[study.document_id, study.coder_id, 1]]
    assert "Director" not in payload and CODE not in payload and "Organizational" not in payload


def test_own_notices_are_ignored_and_others_are_not(study: Study, heard: Heard) -> None:
    with Project.open(study.url) as project:
        code_once(project, study)  # this process: the listener drops it
    run_in_another_process(ANOTHER_CODER, study.url, str(study.document_id), str(study.coder_id))
    first = heard.next_notice()
    assert first.sender.id != live.PROCESS_SENDER
    assert heard.notices.empty()


def test_a_rolled_back_write_sends_nothing_and_each_kind_is_named(study: Study) -> None:
    heard = Heard(study.url, ignore_sender=None)
    try:
        with Project.open(study.url) as project:
            with pytest.raises(RuntimeError), project.session() as session:
                get_or_create_coder(session, "Morgan", actor="test")
                raise RuntimeError("the step fails before its commit")
            from coding.codebook import add_code

            with project.session() as session:
                add_code(session, "Referral rules", actor="lead")
            with project.session() as session:
                add_document_text(session, name="D02", text=TEXT + "More.", source_name="d02.txt", format="txt")
        codebook, documents = heard.next_notice(), heard.next_notice()
    finally:
        heard.stop()
    assert codebook.changes.codes and not codebook.changes.coders  # the rolled-back coder never came
    assert documents.changes.documents


def test_an_oversized_record_becomes_a_reload_notice(study: Study, heard: Heard) -> None:
    sender = live.Sender("elsewhere", "Lin", 1)
    big = live.Notice(sender, live.Changes(codings=True),
                      tuple(live.CodingsTouched(document, 7, 1) for document in range(2_000)))
    payload = live.encode(big)
    assert len(payload.encode()) < live.PAYLOAD_LIMIT
    with psycopg.connect(autocommit=True, **live.connection_options(make_url(study.url))) as raw:
        raw.execute("SELECT pg_notify(%s, %s)", (live.CHANNEL, payload))  # the server takes it
    notice = heard.next_notice()
    assert notice.reload and notice.changes == live.EVERYTHING and notice.codings is None


def test_a_bulk_coding_statement_says_it_cannot_name_documents(study: Study, heard: Heard) -> None:
    run_in_another_process(ANOTHER_CODER, study.url, str(study.document_id), str(study.coder_id))
    heard.next_notice()
    script = """
import sys
from sqlalchemy import update
from coding.project import Project
from models import Coding
with Project.open(sys.argv[1]) as project, project.session() as session:
    session.execute(update(Coding).values(memo="checked"))
"""
    run_in_another_process(script, study.url)
    notice = heard.next_notice()
    assert notice.changes.codings and notice.codings is None and notice.document_ids is None


def test_notices_round_trip_and_odd_payloads_are_dropped_or_reloaded() -> None:
    sender = live.Sender("42:abc", "Lin", 42)
    notice = live.Notice(sender, live.Changes(codes=True, codings=True), (live.CodingsTouched(3, 4, 2),), sent_at=1.5)
    assert live.decode(live.encode(notice)) == notice
    assert live.decode("not json") is None and live.decode('{"v": 1}') is None
    newer = json.dumps({"v": 2, "sender": {"id": "x", "coder": "Lin", "pid": 1}, "changed": ["codes", "widgets"]})
    decoded = live.decode(newer)
    assert decoded is not None and decoded.reload  # kinds this Concord does not know: re-read everything


def test_next_change_waits_for_another_process(study: Study) -> None:
    import threading

    ready = threading.Event()
    found: list[live.Notice | None] = []
    waiter = threading.Thread(target=lambda: found.append(
        live.next_change(make_url(study.url), WAIT_S, ready=ready, ignore_sender=live.PROCESS_SENDER)))
    waiter.start()
    assert ready.wait(WAIT_S)
    run_in_another_process(ANOTHER_CODER, study.url, str(study.document_id), str(study.coder_id))
    waiter.join(WAIT_S)
    assert found and found[0] is not None and found[0].changes.codings


def test_a_sqlite_project_sends_nothing(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.concord") as project:
        assert project.store.engine not in live._publishing
        with project.session() as session:
            get_or_create_coder(session, "Lin", actor="test")


# -- a dropped connection ------------------------------------------------------------------------------------
@pytest.fixture()
def own_server(pg_base: Path) -> Iterator[RunningServer]:
    server = start_new_server(pg_base, "restart")
    yield server
    stop_if_running(server.directory)


def restart(server: RunningServer) -> None:
    from coding.server import start_server

    start_server(server.directory, "127.0.0.1", server.port)


def test_listener_reports_the_drop_and_reconnects(own_server: RunningServer) -> None:
    from coding.server import stop_server

    study = make_study(own_server.url("restarting"))
    heard = Heard(study.url)
    try:
        assert heard.next_state() == live.CONNECTED
        stop_server(own_server.directory)
        assert heard.next_state() == live.LOST
        restart(own_server)
        assert heard.next_state() == live.RECONNECTED
        assert heard.next_notice().reload  # what was sent meanwhile is lost: re-read everything
        run_in_another_process(ANOTHER_CODER, study.url, str(study.document_id), str(study.coder_id))
        assert heard.next_notice().changes.codings
    finally:
        heard.stop()


def test_an_edit_while_the_server_is_down_is_refused_and_not_saved(own_server: RunningServer) -> None:
    from coding.server import stop_server

    study = make_study(own_server.url("down"))
    with Project.open(study.url) as project:
        code_once(project, study)
        stop_server(own_server.directory)
        with pytest.raises(ConcordError, match="not saved"):
            code_once(project, study, start=12)
        result = CliRunner().invoke(cli, ["code", study.url, "--document", "D01", "--coder", "Lin", "--code",
                                          CODE, "--start", "12", "--end", "20"])
        assert result.exit_code == 1
        assert result.output.count("Error:") == 1 and "Traceback" not in result.output
        assert own_server.password not in result.output
        restart(own_server)
        code_once(project, study, start=24)  # the pool lets go of the dead connection: the next edit works
        with project.session() as session:
            starts = sorted(session.scalars(select(Coding.start)))
            assert starts == [0, 24]
            assert session.scalar(select(func.count(Coding.id))) == 2


# -- roles and blind mode --------------------------------------------------------------------------------------
def test_a_blind_coder_hears_where_another_coded_but_cannot_read_it(pg_server: RunningServer,
                                                                     tmp_path: Path) -> None:
    """Coder Lin's commit (as Lin's own login) notifies; coder Morgan, listening with psql as their own login
    while the project is blind, learns the document, Lin's coder id and a count — and still cannot read it."""
    from tests.server.test_roles import build_team, drop_team

    team = build_team(pg_server, tmp_path)
    try:
        with team.raw(team.morgan) as morgan:
            morgan.execute(f"LISTEN {live.CHANNEL}")
            with Project.open(team.url(team.lin)) as project, project.session() as session:
                project.actor = team.lin.name
                lin = get_or_create_coder(session, team.lin.name, actor=team.lin.name)
                document_id = session.scalar(select(Coding.document_id).where(Coding.coder_id == lin.id))
                assert document_id is not None
                apply_code(session, document_id=document_id, coder_id=lin.id,
                           code_id=find_code(session, CODE).id, start=12, end=19, actor=team.lin.name)
            payload = next(n.payload for n in morgan.notifies(timeout=WAIT_S) if '"codings"' in n.payload)
            notice = live.decode(payload)
            assert notice is not None and notice.codings == (live.CodingsTouched(document_id, lin.id, 1),)
            assert set(json.loads(payload)) == {"v", "sender", "at", "changed", "codings"}
            assert morgan.execute("SELECT count(*) FROM codings WHERE coder_id = %s", (lin.id,)).fetchone() == (0,)
    finally:
        drop_team(team)
