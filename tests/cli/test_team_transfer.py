"""``concord team push PROJECT URL`` and ``concord team pull URL OUT`` against a real PostgreSQL server: the same
figures on the file, the server and the snapshot; every refusal one ``Error:`` line (exit 1) that never shows the
password, and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from coding.cli import cli
from tests.pg import RunningServer, free_port

TXT = (
    "Interviewer: Who decides on hiring?\n"
    "Director: The lead hospital decides. The clinics only propose names.\n"
    "Interviewer: And the budgets?\n"
    "Director: Budgets are still separate, and the bureau checks them every quarter.\n"
)
CODE = "Decision rights/Organizational changes"


def run(*args: object, ok: bool = True) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(*args: object) -> str:
    """The one line a refused command prints (exit 1, no traceback)."""
    result = run(*args, ok=False)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.fixture()
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    transcript = tmp_path / "director.txt"
    transcript.write_text(TXT, encoding="utf-8")
    run("new", path)
    run("import", path, transcript)
    for coder in ("Lin", "Morgan"):
        run("coders", "add", path, coder)
    run("code", path, "--document", "director", "--coder", "Lin", "--code", CODE, "--start", "36", "--end", "70")
    run("code", path, "--document", "director", "--coder", "Morgan", "--code", CODE, "--start", "36", "--end", "100")
    return path


def info(location: object) -> dict[str, Any]:
    return {key: value for key, value in json.loads(run("info", location, "--json").output).items()
            if key != "project"}


def test_push_then_pull_with_json(study: Path, pg_database: str, pg_server: RunningServer, tmp_path: Path) -> None:
    pushed = run("team", "push", study, pg_database, "--json")
    data = json.loads(pushed.output)
    assert pg_server.password not in pushed.output + pushed.stderr
    assert data["created_database"] is True and data["source"] == str(study)
    assert data["target"].startswith("postgresql+psycopg://lead_admin:***@127.0.0.1:")
    assert data["codings"] == 2 and data["rows"]["codings"] == 2 and data["total_rows"] == sum(data["rows"].values())
    assert info(pg_database) == info(study)
    assert json.loads(run("audit", "verify", pg_database, "--json").output)["ok"]

    pulled = run("team", "pull", pg_database, tmp_path / "snapshot", "--json")  # .concord added
    snapshot = tmp_path / "snapshot.concord"
    assert json.loads(pulled.output)["target"] == str(snapshot) and pg_server.password not in pulled.output
    assert info(snapshot) == info(study)
    assert json.loads(run("audit", "verify", snapshot, "--json").output)["ok"]


def test_push_and_pull_say_what_they_moved(study: Path, pg_database: str, tmp_path: Path) -> None:
    text = run("team", "push", study, pg_database).output
    assert text.startswith(f"Pushed {study} to postgresql+psycopg://lead_admin:***@")
    assert "1 documents" in text and "2 codings" in text and "Created the database" in text
    text = run("team", "pull", pg_database, tmp_path / "back.concord").output
    assert text.startswith("Pulled postgresql+psycopg://lead_admin:***@") and f"to {tmp_path / 'back.concord'}" in text


def test_refusals_are_one_line_and_change_nothing(study: Path, pg_database: str, pg_server: RunningServer,
                                                  tmp_path: Path) -> None:
    assert "push uploads a project file" in refused("team", "push", pg_database, pg_database)
    assert "not a database URL" in refused("team", "push", study, tmp_path / "other.concord")
    assert "not a database URL" in refused("team", "pull", study, tmp_path / "other.concord")
    down = f"postgresql+psycopg://lead:secret@127.0.0.1:{free_port()}/study"
    line = refused("team", "push", study, down)
    assert "cannot reach the database server" in line and "secret" not in line
    assert "no such project file" in refused("team", "push", tmp_path / "missing.concord", pg_database)
    wrong = pg_database.replace(pg_server.password, "not-the-password")
    line = refused("team", "push", study, wrong)
    assert "refused the password" in line and "not-the-password" not in line
    run("team", "push", study, pg_database)
    assert "already holds a Concord project" in refused("team", "push", study, pg_database)
    assert "already exists" in refused("team", "pull", pg_database, study)
    assert info(study) == info(pg_database)
    assert not (tmp_path / "other.concord").exists()
