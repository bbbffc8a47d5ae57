"""add-user on a real server: the login works with its one-time password, a wrong one is refused, bad names
and existing users change nothing."""

from __future__ import annotations

import json
import stat

import psycopg
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.errors import DuplicateError, ValidationError
from coding.server import GROUP_ROLES, add_user
from coding.server.cluster import PASSWORD_FILE
from tests.server.conftest import RunningServer


def _login_roles(server: RunningServer) -> list[str]:
    with server.connect() as conn:
        return [row[0] for row in conn.execute("SELECT rolname FROM pg_roles WHERE rolcanlogin ORDER BY 1")]


def test_group_roles_exist_and_cannot_log_in(pg_server: RunningServer) -> None:
    with pg_server.connect() as conn:
        rows = dict(conn.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'concord\\_%'"))
    assert rows == {name: False for name in GROUP_ROLES.values()}


def test_superuser_password_file_is_private_and_works(pg_server: RunningServer) -> None:
    password_file = pg_server.directory / PASSWORD_FILE
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert password_file.read_text(encoding="utf-8").strip() == pg_server.password
    with pg_server.connect() as conn:
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone() == (True,)


@pytest.mark.parametrize(("name", "role"), [("Lin", "coder"), ("lead_Ada", "lead"), ("李明", "viewer")])
def test_added_user_logs_in_with_its_password_and_is_in_its_group(
        pg_server: RunningServer, name: str, role: str) -> None:
    user = add_user(pg_server.directory, name, role)
    assert (user.user, user.role) == (name, role) and len(user.password) >= 20
    with pg_server.connect(name, user.password) as conn:
        me, member = conn.execute("SELECT current_user, pg_has_role(current_user, %s, 'MEMBER')",
                                  (GROUP_ROLES[role],)).fetchone()
    assert (me, member) == (name, True)
    with pg_server.connect() as conn:  # the server keeps a SCRAM verifier, never the password
        (stored,) = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,)).fetchone()
    assert stored.startswith("SCRAM-SHA-256$") and user.password not in stored


def test_wrong_password_is_refused(pg_server: RunningServer) -> None:
    user = add_user(pg_server.directory, "Morgan", "coder")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        pg_server.connect("Morgan", user.password + "x")


def test_existing_user_is_refused_and_keeps_its_password(pg_server: RunningServer) -> None:
    first = add_user(pg_server.directory, "Sam", "viewer")
    with pytest.raises(DuplicateError, match="'Sam' already exists"):
        add_user(pg_server.directory, "Sam", "lead")
    with pg_server.connect("Sam", first.password) as conn:
        assert conn.execute("SELECT pg_has_role('Sam', 'concord_lead', 'MEMBER')").fetchone() == (False,)


@pytest.mark.parametrize("name", ["", "1lin", "lin-two", "lin two", "a'b", 'a"b', "pg_lin", "public",
                                  "concord_lead", "x" * 64])
def test_bad_names_are_refused_before_anything_changes(pg_server: RunningServer, name: str) -> None:
    before = _login_roles(pg_server)
    with pytest.raises(ValidationError):
        add_user(pg_server.directory, name, "coder")
    assert _login_roles(pg_server) == before


def test_unknown_role_is_refused(pg_server: RunningServer) -> None:
    before = _login_roles(pg_server)
    with pytest.raises(ValidationError, match="unknown role 'admin'"):
        add_user(pg_server.directory, "Kim", "admin")
    assert _login_roles(pg_server) == before


def test_cli_add_user_json_prints_a_password_that_works(pg_server: RunningServer) -> None:
    result = CliRunner().invoke(cli, ["server", "add-user", str(pg_server.directory), "Ana", "--role", "lead",
                                      "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"user", "password", "role"} and (data["user"], data["role"]) == ("Ana", "lead")
    with pg_server.connect("Ana", data["password"]) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("Ana",)


def test_cli_add_user_errors_are_one_line(pg_server: RunningServer) -> None:
    runner = CliRunner()
    duplicate = runner.invoke(cli, ["server", "add-user", str(pg_server.directory), pg_server.superuser,
                                    "--role", "coder"])
    unknown_role = runner.invoke(cli, ["server", "add-user", str(pg_server.directory), "Kim", "--role", "boss"])
    assert duplicate.exit_code == 1 and duplicate.output.strip().splitlines() == [
        f"Error: a user or role named '{pg_server.superuser}' already exists on the server in {pg_server.directory}"]
    assert unknown_role.exit_code == 2 and "'boss' is not one of 'lead', 'coder', 'viewer'" in unknown_role.output
