"""`concord audit` (list, filter, CSV, --verify) and the coder recorded as the actor, through CliRunner."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.audit import AuditFilter, list_events, verify_chain
from coding.cli import cli
from coding.project import Project

INTERVIEW = (
    "Interviewer: How does the alliance decide on new equipment?\n"
    "Dr Li: The group board decides. We send a request and wait.\n"
    "Interviewer: And the budget?\n"
    "Dr Li: The county health bureau sets the budget every spring.\n"
)
INTERVIEW_ZH = "访谈者：医联体的设备由谁决定？\n受访者：由集团理事会决定。我们提交申请，然后等待。\n"


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def _events(path: Path, filters: AuditFilter | None = None) -> list:
    with Project.open(path) as project, project.session() as session:
        return list_events(session, filters or AuditFilter())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    run("new", path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "li.txt").write_text(INTERVIEW, encoding="utf-8")
    (tmp_path / "in" / "wang.txt").write_text(INTERVIEW_ZH, encoding="utf-8")
    run("import", path, tmp_path / "in")
    run("coders", path, "add", "Lin")
    run("coders", path, "add", "王芳")
    return path


def test_code_and_uncode_record_the_coder_not_the_login(project: Path) -> None:
    coded = json.loads(run("code", project, "--document", "wang", "--coder", "王芳", "--code", "Decision rights",
                           "--start", "0", "--end", "5", "--json").output)
    run("uncode", project, coded["uuid"], "--coder", "Lin")
    applied, removed = (_events(project, AuditFilter(action=a))[0] for a in ("apply_code", "remove_coding"))
    assert (applied.actor, applied.entity_uuid) == ("王芳", coded["uuid"])
    assert (removed.actor, removed.entity_uuid) == ("Lin", coded["uuid"])


def test_uncode_refuses_an_unknown_coder_and_keeps_the_coding(project: Path) -> None:
    coded = json.loads(run("code", project, "--document", "li", "--coder", "Lin", "--code", "Decision rights",
                           "--start", "0", "--end", "11", "--json").output)
    result = run("uncode", project, coded["uuid"], "--coder", "Nobody", ok=False)
    assert result.exit_code == 1 and "Nobody" in result.output
    assert _events(project, AuditFilter(action="remove_coding")) == []


def test_search_code_hits_records_the_coder(project: Path) -> None:
    run("search", project, "budget", "--code-hits", "Residual claims", "--coder", "Lin")
    events = _events(project, AuditFilter(action="apply_code"))
    assert events and {event.actor for event in events} == {"Lin"}


def test_imports_are_listed_with_their_file_facts(project: Path) -> None:
    rows = json.loads(run("audit", project, "--action", "import", "--json").output)
    assert sorted(row["after"]["file"] for row in rows) == ["li.txt", "wang.txt"]
    assert all(row["entity"] == "document" and len(row["after"]["sha256"]) == 64 for row in rows)
    assert {row["after"]["language"] for row in rows} == {"en", "zh"}


def test_list_filters_and_limit(project: Path) -> None:
    run("code", project, "--document", "li", "--coder", "Lin", "--code", "Decision rights",
        "--start", "0", "--end", "11")
    everything = _events(project)
    listed = json.loads(run("audit", project, "--json").output)
    assert [row["id"] for row in listed] == [event.id for event in everything]
    newest = json.loads(run("audit", project, "--limit", "2", "--json").output)
    assert [row["id"] for row in newest] == [event.id for event in everything[:2]]
    by_lin = json.loads(run("audit", project, "--actor", "Lin", "--entity", "coding", "--json").output)
    assert [(row["actor"], row["action"]) for row in by_lin] == [("Lin", "apply_code")]
    assert "code=Decision rights" in by_lin[0]["summary"]
    text = run("audit", project, "--actor", "Lin", "--entity", "coding").output
    assert "apply_code" in text and "code=Decision rights" in text and "Lin" in text
    assert run("audit", project, "--since", "2999-01-01").output.strip() == "No audit events match."
    assert len(json.loads(run("audit", project, "--until", "2999-01-01", "--json").output)) == len(everything)
    chinese = json.loads(run("audit", project, "--text", "王芳", "--json").output)
    assert [row["entity"] for row in chinese] == ["coder"]


def test_csv_export_opens_in_excel_with_chinese(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.csv"
    output = json.loads(run("audit", project, "--entity", "coder", "--csv", target, "--json").output)
    assert output["items"] == 2 and output["path"] == str(target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [json.loads(row["after"])["name"] for row in rows] == ["王芳", "Lin"]
    assert [int(row["id"]) for row in rows] == [event.id for event in _events(project, AuditFilter(entity="coder"))]


def test_verify_intact_then_broken(project: Path) -> None:
    result = run("audit", project, "--verify")
    with Project.open(project) as opened, opened.session() as session:
        expected = verify_chain(session)
    assert result.output.strip() == expected.message and expected.ok
    assert json.loads(run("audit", project, "--verify", "--json").output)["checked"] == expected.total

    with sqlite3.connect(project) as raw:
        event_id = raw.execute("select id from audit_events where action = 'import' order by id").fetchone()[0]
        raw.execute("update audit_events set after = json_set(after, '$.words', 1) where id = ?", (event_id,))
    broken = run("audit", project, "--verify", ok=False)
    assert broken.exit_code == 1
    assert broken.output.strip().splitlines()[-1] == (
        f"Error: audit chain broken at event {event_id} (edited after it was written)"
    )
    as_json = run("audit", project, "--verify", "--json", ok=False)
    assert as_json.exit_code == 1
    data = json.loads(as_json.output)
    assert (data["ok"], data["broken_at"], data["problem"]) == (False, event_id, "edited")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "--since: 'yesterday' is not a date"),
        (["--until", "2026-02-30"], "--until: '2026-02-30' is not a date"),
        (["--entity", "codng"], "unknown audit entity 'codng'; choose from"),
        (["--csv", "audit.xlsx"], "audit trail is written as .csv"),
    ],
)
def test_bad_input_is_one_error_line(project: Path, args: list[str], message: str) -> None:
    before = project.read_bytes()
    result = run("audit", project, *args, ok=False)
    assert result.exit_code == 1 and result.output.startswith("Error: ") and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert project.read_bytes() == before


def test_verify_takes_no_filters(project: Path) -> None:
    result = run("audit", project, "--verify", "--actor", "Lin", ok=False)
    assert result.exit_code == 2 and "--verify checks the whole chain" in result.output
