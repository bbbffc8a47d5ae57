"""``concord team setup`` and ``concord team blind`` (coding/cli/team_server.py) on a real PostgreSQL server, and
their one-line refusals on a project file. What a coder or viewer may do is tried in tests/server/test_roles.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from coding.audit import verify_chain
from coding.cli import cli
from coding.project import Project
from coding.team.roles import BLIND_KEY, COVERED, team_blind
from models import AuditEvent, ProjectMeta


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_new_on_a_concord_server_sets_up_roles_and_blind_mode_switches(pg_database: str) -> None:
    created = run("new", pg_database, "--json")
    assert created.exit_code == 0, created.output
    assert json.loads(created.output)["roles"] is True

    shown = run("team", "blind", pg_database, "--json")
    assert shown.exit_code == 0 and json.loads(shown.output)["blind"] is True  # unset means blind

    switched = run("team", "blind", pg_database, "off")
    assert switched.exit_code == 0 and switched.output.startswith("Blind mode is now off"), switched.output
    assert json.loads(run("team", "blind", pg_database, "--json").output)["blind"] is False
    assert run("team", "blind", pg_database, "on").exit_code == 0

    with Project.open(pg_database) as project, project.session() as session:
        assert team_blind(session)
        assert session.get(ProjectMeta, BLIND_KEY) is not None
        events = list(session.scalars(select(AuditEvent.action).where(AuditEvent.action.in_(
            ["set_blind", "setup_roles"])).order_by(AuditEvent.id)))
        assert events == ["setup_roles", "set_blind", "set_blind"]
        assert verify_chain(session).ok


def test_setup_reports_what_it_did_and_is_idempotent(pg_database: str) -> None:
    with Project.create(pg_database):
        pass  # made by the library: no roles yet
    first = run("team", "setup", pg_database, "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["tables"] >= len(COVERED) and report["policies"] >= 3 * len(COVERED)
    assert report["created_roles"] == [] and report["blind"] is True
    again = run("team", "setup", pg_database)
    assert again.exit_code == 0 and again.output.startswith("Roles set up on "), again.output
    assert "***" in again.output and "row-level policies" in again.output


@pytest.mark.parametrize("args", [["team", "setup", "{file}"], ["team", "blind", "{file}", "on"],
                                  ["team", "blind", "{file}"]])
def test_team_commands_refuse_a_project_file_in_one_line(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "study.concord"
    Project.create(path).close()
    result = run(*[a.format(file=path) for a in args])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "PostgreSQL server" in result.output and "View › Show only my codings" in result.output


def test_team_blind_takes_only_on_or_off(pg_database: str) -> None:
    result = run("team", "blind", pg_database, "maybe")
    assert result.exit_code == 2 and "'on'" in result.output
