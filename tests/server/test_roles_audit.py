"""The audit trail under row-level security: a coder's events carry their own name (coding/team/roles.py
``OWN_ACTOR``), so a coder with psql cannot write an event as someone else; a viewer writes none; a lead is
unrestricted. Concord's own writes as a coder still go, under the coder's login, and the chain still verifies."""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest

from coding.audit import record, verify_chain
from coding.project import Project, default_actor
from coding.team.roles import RoleRefusedError
from tests.pg import RunningServer
from tests.server.test_roles import CODE, Login, Team, build_team, cli_run, drop_team

INSERT_EVENT = ("INSERT INTO audit_events (at, actor, action, entity, entity_uuid) "
                "VALUES (now(), %s, 'rename', 'code', NULL)")


@pytest.fixture(scope="module")
def team(pg_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    made = build_team(pg_server, tmp_path_factory.mktemp("audit_transcripts"))
    try:
        yield made
    finally:
        drop_team(made)


def in_transaction(team: Team, login: Login) -> psycopg.Connection[tuple[object, ...]]:
    """A psql-like connection as ``login`` whose work the test rolls back (the chain stays as it was)."""
    return psycopg.connect(host="127.0.0.1", port=team.server.port, dbname=team.database, user=login.name,
                           password=login.password, connect_timeout=10)


def events_by(team: Team, actor: str) -> int:
    with team.superuser() as conn:
        row = conn.execute("SELECT count(*) FROM audit_events WHERE actor = %s", (actor,)).fetchone()
    return int(str(row[0])) if row else 0


def chain_ok(team: Team) -> bool:
    with Project.open(team.url(team.lead), read_only=True) as project, project.session() as session:
        return verify_chain(session).ok


@pytest.mark.parametrize("name", ["lead", "morgan", "Someone Else"])
def test_a_coder_cannot_write_an_event_under_another_name(team: Team, name: str) -> None:
    other = {"lead": team.lead.name, "morgan": team.morgan.name}.get(name, name)
    before = events_by(team, other)
    with team.raw(team.lin) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        conn.execute(INSERT_EVENT, (other,))
    assert events_by(team, other) == before


def test_a_coder_may_write_an_event_under_their_own_name_in_any_case(team: Team) -> None:
    with in_transaction(team, team.lin) as conn:
        for spelling in (team.lin.name, team.lin.name.upper()):
            conn.execute(INSERT_EVENT, (spelling,))
        conn.rollback()


def test_a_coder_cannot_link_an_event_of_another_name(team: Team) -> None:
    """An unlinked event someone wrote outside Concord: the coder's UPDATE of its hash reaches no row."""
    with team.superuser() as conn:
        row = conn.execute(INSERT_EVENT + " RETURNING id", ("Someone Else",)).fetchone()
    assert row is not None
    try:
        with team.raw(team.lin) as conn:
            changed = conn.execute("UPDATE audit_events SET prev_hash = 'x', hash = 'y' WHERE id = %s", (row[0],))
            assert changed.rowcount == 0
        with team.superuser() as conn:
            assert conn.execute("SELECT hash FROM audit_events WHERE id = %s", (row[0],)).fetchone() == (None,)
    finally:
        with team.superuser() as conn:
            conn.execute("DELETE FROM audit_events WHERE id = %s", (row[0],))
    assert chain_ok(team)


@pytest.mark.parametrize("as_own_name", [True, False])
def test_a_viewer_writes_no_event(team: Team, as_own_name: bool) -> None:
    actor = team.viewer.name if as_own_name else team.lead.name
    with team.raw(team.viewer) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(INSERT_EVENT, (actor,))


def test_a_lead_may_write_events_under_any_name(team: Team) -> None:
    with in_transaction(team, team.lead) as conn:
        conn.execute(INSERT_EVENT, ("Someone Else",))
        conn.rollback()


def test_a_forged_event_through_concord_is_one_line_and_saves_nothing(team: Team) -> None:
    before = events_by(team, team.morgan.name)
    with Project.open(team.url(team.lin)) as project:
        with pytest.raises(RoleRefusedError) as refused, project.session() as session:
            record(session, team.morgan.name, "rename", "code", None, {"name": "a"}, {"name": "b"})
    message = str(refused.value)
    assert "may not change the audit trail or write in it under another name" in message
    assert "\n" not in message and team.lin.password not in message
    assert events_by(team, team.morgan.name) == before


def test_a_coder_acts_as_their_login_whatever_the_computers_user(team: Team) -> None:
    with Project.open(team.url(team.lin)) as project:
        assert project.role == "coder" and project.actor == team.lin.name
    with Project.open(team.url(team.lead)) as project:
        assert project.role == "lead" and project.actor == default_actor()  # a lead keeps the login they work as


def test_concords_own_writes_as_a_coder_go_and_the_chain_verifies(team: Team) -> None:
    """``concord code`` and ``concord uncode`` (whose audit actor defaults to the computer's login) as a coder: both
    are saved under the coder's name, and ``concord audit verify`` holds for the lead and the viewer."""
    before = events_by(team, team.lin.name)
    coded = cli_run("code", team.url(team.lin), "--document", "director", "--coder", team.lin.name, "--code", CODE,
                    "--start", 20, "--end", 30, "--json")
    assert coded.exit_code == 0, coded.output
    coding_uuid = json.loads(coded.output)["uuid"]
    removed = cli_run("uncode", team.url(team.lin), coding_uuid)
    assert removed.exit_code == 0, removed.output
    assert events_by(team, team.lin.name) == before + 2
    for login in (team.lead, team.viewer):
        verified = cli_run("audit", "verify", team.url(login))
        assert verified.exit_code == 0, verified.output
        assert "audit chain intact" in verified.output

