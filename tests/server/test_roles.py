"""Roles enforced by PostgreSQL itself (coding/team/roles.py), tried the way a coder with psql would: through a raw
psycopg connection as the coder's or viewer's own login, on a project a lead made with ``concord new URL``.

A coder cannot read another coder's codings while the project is blind, cannot insert, update or delete
another coder's codings, cannot change the codebook; a viewer cannot write; a wrong password is refused. The
library and the CLI turn each refusal into one line naming what was refused and the role.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import URL

from coding.audit import verify_chain
from coding.cli import cli
from coding.codebook import find_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code, remove_coding
from coding.documents import find_document
from coding.errors import ConcordError, ReadOnlyProjectError
from coding.project import Project
from coding.server import add_user
from coding.team.roles import RoleRefusedError, set_team_blind, team_blind
from tests.pg import RunningServer, fresh_database_name

CODE = "Decision rights/Organizational changes"
TXT = (
    "Interviewer: How did the alliance change your hospital?\n"
    "Director: The county hospital took over the township clinics. We share doctors now.\n"
)


@dataclass(frozen=True)
class Login:
    name: str
    password: str


@dataclass(frozen=True)
class Team:
    server: RunningServer
    database: str
    lead: Login
    lin: Login
    morgan: Login
    viewer: Login

    def url(self, login: Login, password: str | None = None) -> str:
        return URL.create("postgresql+psycopg", username=login.name, password=password or login.password,
                          host="127.0.0.1", port=self.server.port, database=self.database
                          ).render_as_string(hide_password=False)

    def raw(self, login: Login) -> psycopg.Connection[tuple[object, ...]]:
        """What a coder with psql has: a plain connection as their own login, autocommit."""
        return psycopg.connect(host="127.0.0.1", port=self.server.port, dbname=self.database, user=login.name,
                               password=login.password, autocommit=True, connect_timeout=10)

    def superuser(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(host="127.0.0.1", port=self.server.port, dbname=self.database,
                               user=self.server.superuser, password=self.server.password, autocommit=True)


def cli_run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _login(server: RunningServer, name: str, role: str) -> Login:
    return Login(name, add_user(server.directory, name, role).password)


def _code_as(team: Team, login: Login, start: int, end: int) -> str:
    """``login`` opens the project (their coder row is made on first open) and codes a span; the coding's uuid."""
    with Project.open(team.url(login)) as project, project.session() as session:
        coder = get_or_create_coder(session, login.name, actor=login.name)
        document = find_document(session, "director")
        return apply_code(session, document_id=document.id, coder_id=coder.id,
                          code_id=find_code(session, CODE).id, start=start, end=end, actor=login.name).uuid


def build_team(server: RunningServer, folder: Path) -> Team:
    """A lead, two coders and a viewer; the lead makes the project with `concord new URL` and imports a
    transcript; each coder codes one span as themselves."""
    tag = fresh_database_name("r")
    logins = {role: _login(server, f"{role}_{tag}", kind) for role, kind in
              (("lead", "lead"), ("lin", "coder"), ("morgan", "coder"), ("viewer", "viewer"))}
    made = Team(server, fresh_database_name("roles"), **logins)
    created = cli_run("new", made.url(made.lead))
    assert created.exit_code == 0, created.output
    assert "roles set up" in created.output
    (folder / "director.txt").write_text(TXT, encoding="utf-8")
    imported = cli_run("import", made.url(made.lead), folder / "director.txt")
    assert imported.exit_code == 0, imported.output
    _code_as(made, made.lin, 0, 11)
    _code_as(made, made.morgan, 56, 64)
    return made


def drop_team(team: Team) -> None:
    team.server.drop(team.database)
    with team.server.connect(autocommit=True) as conn:
        for login in (team.lead, team.lin, team.morgan, team.viewer):
            conn.execute(f'DROP ROLE IF EXISTS "{login.name}"')


@pytest.fixture(scope="module")
def team(pg_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    made = build_team(pg_server, tmp_path_factory.mktemp("transcripts"))
    try:
        yield made
    finally:
        drop_team(made)


@pytest.fixture()
def not_blind(team: Team) -> Iterator[None]:
    """The project with blind mode off for one test (the lead turns it back on afterwards)."""
    with Project.open(team.url(team.lead)) as project, project.session() as session:
        set_team_blind(session, False, actor=team.lead.name)
    try:
        yield
    finally:
        with Project.open(team.url(team.lead)) as project, project.session() as session:
            set_team_blind(session, True, actor=team.lead.name)


def _coder_id(conn: psycopg.Connection[tuple[object, ...]], name: str) -> int:
    row = conn.execute("SELECT id FROM coders WHERE name = %s", (name,)).fetchone()
    assert row is not None
    return int(str(row[0]))


def _codings_of(team: Team, name: str) -> list[tuple[object, ...]]:
    with team.superuser() as conn:
        return conn.execute("SELECT c.uuid, c.start, c.\"end\" FROM codings c JOIN coders k ON k.id = c.coder_id "
                            "WHERE k.name = %s ORDER BY c.id", (name,)).fetchall()


# -- reading ---------------------------------------------------------------------------------------------
def test_a_blind_coder_reads_only_their_own_codings(team: Team) -> None:
    with team.raw(team.morgan) as conn:
        coders = {str(row[0]) for row in conn.execute(
            "SELECT k.name FROM codings c JOIN coders k ON k.id = c.coder_id").fetchall()}
        assert coders == {team.morgan.name}
        lin = _coder_id(conn, team.lin.name)  # the coder list itself is not secret
        assert conn.execute("SELECT count(*) FROM codings WHERE coder_id = %s", (lin,)).fetchone() == (0,)
        # Nor through the audit trail: its before/after values are for leads and viewers.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT after FROM audit_events")
    assert len(_codings_of(team, team.lin.name)) == 1  # it is there: the server hid it


def test_with_blind_mode_off_a_coder_reads_everyone(team: Team, not_blind: None) -> None:
    with team.raw(team.morgan) as conn:
        names = {str(row[0]) for row in conn.execute(
            "SELECT k.name FROM codings c JOIN coders k ON k.id = c.coder_id").fetchall()}
    assert {team.lin.name, team.morgan.name} <= names


def test_lead_and_viewer_read_every_coding_while_blind(team: Team) -> None:
    for login in (team.lead, team.viewer):
        with team.raw(login) as conn:
            names = {str(row[0]) for row in conn.execute(
                "SELECT k.name FROM codings c JOIN coders k ON k.id = c.coder_id").fetchall()}
        assert {team.lin.name, team.morgan.name} <= names, login.name


# -- writing ---------------------------------------------------------------------------------------------
def test_a_coder_cannot_insert_a_coding_as_another_coder(team: Team) -> None:
    with team.raw(team.morgan) as conn:
        lin = _coder_id(conn, team.lin.name)
        document, code = conn.execute("SELECT d.id, c.id FROM documents d, codes c LIMIT 1").fetchone() or (0, 0)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO codings (uuid, document_id, coder_id, code_id, start, \"end\", memo, "
                         "created_at, updated_at) VALUES (gen_random_uuid()::text, %s, %s, %s, 0, 5, '', now(), "
                         "now())", (document, lin, code))
    assert len(_codings_of(team, team.lin.name)) == 1


@pytest.mark.parametrize("statement", [
    "UPDATE codings SET start = 1 WHERE coder_id = %s",
    "UPDATE codings SET coder_id = (SELECT id FROM coders WHERE name = current_user) WHERE coder_id = %s",
    "UPDATE codings SET memo = 'mine now' WHERE coder_id = %s",
    "DELETE FROM codings WHERE coder_id = %s",
])
def test_a_coder_cannot_change_another_coders_codings_blind_or_not(team: Team, statement: str) -> None:
    before = _codings_of(team, team.lin.name)
    with team.raw(team.morgan) as conn:  # blind: the rows are not there for them
        conn.execute(statement, (_coder_id(conn, team.lin.name),))
    assert _codings_of(team, team.lin.name) == before
    with Project.open(team.url(team.lead)) as project, project.session() as session:
        set_team_blind(session, False, actor=team.lead.name)
    try:
        with team.raw(team.morgan) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement, (_coder_id(conn, team.lin.name),))  # seen, and refused outright
    finally:
        with Project.open(team.url(team.lead)) as project, project.session() as session:
            set_team_blind(session, True, actor=team.lead.name)
    assert _codings_of(team, team.lin.name) == before


@pytest.mark.parametrize("statement", [
    "UPDATE codes SET name = 'Renamed by a coder'",
    "INSERT INTO codes (uuid, name, position, name_zh, definition, definition_zh, include_rule, exclude_rule, "
    "example, colour, shortcut, is_codable, created_at) VALUES ('x', 'New', 0, '', '', '', '', '', '', '#000000', "
    "'', true, now())",
    "DELETE FROM codes",
    "UPDATE documents SET name = 'renamed'",
    "UPDATE project_meta SET value = 'false' WHERE key = 'team.blind'",
    "INSERT INTO project_meta (key, value) VALUES ('team.blind', 'false')",
    "UPDATE audit_events SET actor = 'someone else'",
    "DELETE FROM audit_events",
])
def test_a_coder_cannot_change_the_codebook_documents_settings_or_audit(team: Team, statement: str) -> None:
    with team.raw(team.morgan) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)
    with team.superuser() as conn:
        assert conn.execute("SELECT count(*) FROM codes WHERE name = 'Renamed by a coder'").fetchone() == (0,)


@pytest.mark.parametrize("statement", [
    "UPDATE codings SET start = 1",
    "DELETE FROM codings",
    "UPDATE codes SET name = 'Renamed by a viewer'",
    "INSERT INTO coders (uuid, name, is_consensus, created_at) VALUES ('v', current_user, false, now())",
    "INSERT INTO memos (uuid, target_kind, title, text, created_at, updated_at) VALUES ('m', 'project', '', 'x', "
    "now(), now())",
])
def test_a_viewer_cannot_write(team: Team, statement: str) -> None:
    with team.raw(team.viewer) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)
    assert len(_codings_of(team, team.lin.name)) == 1


def test_a_wrong_password_is_refused(team: Team) -> None:
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host="127.0.0.1", port=team.server.port, dbname=team.database, user=team.lin.name,
                        password="not-" + team.lin.password, connect_timeout=10)
    with pytest.raises(ConcordError, match="refused the password"):
        Project.open(team.url(team.lin, password="not-" + team.lin.password))


def test_a_coder_cannot_add_a_coder_row_under_another_name(team: Team) -> None:
    with team.raw(team.morgan) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("INSERT INTO coders (uuid, name, is_consensus, created_at) VALUES "
                     "(gen_random_uuid()::text, 'Someone', false, now())")


# -- through Concord: the coder's own work goes, the rest is one clear line ---------------------------------
def test_a_coder_codes_and_removes_their_own_coding_and_the_audit_chain_holds(team: Team) -> None:
    coding_uuid = _code_as(team, team.lin, 12, 20)
    with Project.open(team.url(team.lin)) as project, project.session() as session:
        assert project.role == "coder"
        remove_coding(session, coding_uuid, actor=team.lin.name)
    with Project.open(team.url(team.lead)) as project, project.session() as session:
        assert verify_chain(session).ok
    assert len(_codings_of(team, team.lin.name)) == 1


def test_a_refused_step_is_one_line_naming_the_action_and_role(team: Team) -> None:
    with Project.open(team.url(team.morgan)) as project:
        with pytest.raises(RoleRefusedError) as refused, project.session() as session:
            from coding.codebook import rename_code

            rename_code(session, find_code(session, CODE).id, "Renamed", actor=team.morgan.name)
        message = str(refused.value)
        assert f"'{team.morgan.name}' (coder) may not change the codebook" in message
        assert "\n" not in message and team.morgan.password not in message
        with pytest.raises(RoleRefusedError, match="only a lead turns blind mode"), project.session() as session:
            set_team_blind(session, False, actor=team.morgan.name)
        with project.session() as session:
            assert team_blind(session)


def test_a_viewer_opens_the_project_read_only(team: Team) -> None:
    with Project.open(team.url(team.viewer)) as project:
        assert project.role == "viewer" and project.read_only
        with pytest.raises((ReadOnlyProjectError, RoleRefusedError), match="viewer"), project.session() as session:
            get_or_create_coder(session, team.viewer.name, actor=team.viewer.name)


def test_setup_runs_again_unchanged(team: Team) -> None:
    first = cli_run("team", "setup", team.url(team.lead), "--json")
    again = cli_run("team", "setup", team.url(team.lead), "--json")
    assert first.exit_code == 0 and again.exit_code == 0, first.output + again.output
    assert first.output == again.output
    test_a_blind_coder_reads_only_their_own_codings(team)


def test_a_coder_cannot_run_setup(team: Team) -> None:
    result = cli_run("team", "setup", team.url(team.morgan))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "only a lead" in result.output, result.output


def test_a_coder_attempting_team_blind_gets_one_clear_line(team: Team) -> None:
    result = cli_run("team", "blind", team.url(team.morgan), "off")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert "only a lead" in result.output and "coder" in result.output
    assert team.morgan.password not in result.output
    shown = cli_run("team", "blind", team.url(team.morgan), "--json")
    assert shown.exit_code == 0 and '"blind": true' in shown.output


def test_roles_survive_an_upgrade_a_lead_runs(team: Team) -> None:
    """A project made by an older Concord (schema 0008 here) and upgraded when a lead opens it: the migration
    runs as the lead (the tables belong to concord_lead), the policies are given again, and coders stay
    blind and can still code."""
    from sqlalchemy import create_engine

    from models.store import downgrade, head_revision

    other = Team(team.server, fresh_database_name("upgrade"), team.lead, team.lin, team.morgan, team.viewer)
    assert cli_run("new", other.url(other.lead)).exit_code == 0
    (folder := Path(team.server.directory).parent / f"{other.database}_in").mkdir()
    (folder / "director.txt").write_text(TXT, encoding="utf-8")
    try:
        assert cli_run("import", other.url(other.lead), folder / "director.txt").exit_code == 0
        _code_as(other, other.lin, 0, 11)
        engine = create_engine(team.server.url(other.database))
        downgrade(engine, "0008")
        engine.dispose()
        with Project.open(other.url(other.lead)) as project:
            assert project.upgraded_from == "0008" and project.role == "lead"
        with other.superuser() as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
            owners = {str(row[0]) for row in conn.execute(
                "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").fetchall()}
        assert owners == {"concord_lead"}
        _code_as(other, other.morgan, 56, 64)
        with other.raw(other.morgan) as conn:
            names = {str(row[0]) for row in conn.execute(
                "SELECT k.name FROM codings c JOIN coders k ON k.id = c.coder_id").fetchall()}
        assert names == {other.morgan.name}
    finally:
        team.server.drop(other.database)


def test_a_coder_marks_their_own_document_done_but_not_anothers(team: Team) -> None:
    from coding.team.assignments import mark_done

    with Project.open(team.url(team.morgan)) as project:
        with project.session() as session:
            mark_done(session, team.morgan.name, ["director"], actor=team.morgan.name)
        with pytest.raises(RoleRefusedError, match=r"\(coder\) may not change another coder's document status"), \
                project.session() as session:
            mark_done(session, team.lin.name, ["director"], actor=team.morgan.name)
    with team.superuser() as conn:
        done = conn.execute("SELECT k.name FROM assignments a JOIN coders k ON k.id = a.coder_id "
                            "WHERE a.status = 'done'").fetchall()
    assert [str(row[0]) for row in done] == [team.morgan.name]
