"""`concord agreement` and `concord consensus` as subcommand groups: each subcommand does what its old flag did,
prints the same JSON, and the old flag spelling still works, saying its new form on stderr (not with --json, not
on failure)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.agreement.runs import list_runs, list_snapshots
from coding.cli import cli
from coding.project import Project
from tests.core.test_agreement_units import CHILD_1, CHILD_2, TEXT, Builder, add_document, sentence


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def as_json(*args: object) -> object:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    created = Project.create(path)
    with created.session() as session:
        add_document(session, "doc1")
        add_document(session, "doc2", text=TEXT.replace("This", "That"))
    build = Builder(created)
    for document in ("doc1", "doc2"):
        for i in (0, 2, 4):
            build.code("Lin", document, CHILD_1, *sentence(i))
        for i in (0, 5):
            build.code("Morgan", document, CHILD_1, *sentence(i))
        build.code("Lin", document, CHILD_2, 147, 160)
    created.close()
    return path


def runs_of(path: Path) -> list[tuple[int, str]]:
    with Project.open(path) as opened, opened.session() as session:
        return [(r.id, r.label) for r in list_runs(session)]


COMPARISON = ("--coders", "Lin,Morgan", "--unit", "sentence", "--measures", "percent,kappa", "--no-store")


def test_compare_gives_the_same_json_as_the_old_spelling(project: Path) -> None:
    new = as_json("agreement", "compare", project, *COMPARISON)
    old = as_json("agreement", project, *COMPARISON)
    assert new == old and new["run_id"] is None and new["figures"]
    assert runs_of(project) == []


def test_runs_show_report_delete(project: Path, tmp_path: Path) -> None:
    stored = as_json("agreement", "compare", project, "--coders", "Lin,Morgan", "--label", "round 1")
    assert runs_of(project) == [(stored["run_id"], "round 1")]
    listed = as_json("agreement", "runs", project)
    assert [(r["id"], r["label"]) for r in listed] == [(stored["run_id"], "round 1")]
    assert as_json("agreement", "runs", project) == as_json("agreement", project, "--list")
    shown = as_json("agreement", "show", project, stored["run_id"])
    assert shown["id"] == stored["run_id"] and shown == as_json("agreement", project, "--show", stored["run_id"])
    written = as_json("agreement", "report", project, listed[0]["uuid"], "--out", tmp_path / "report.docx")
    assert written["exported"] == str(tmp_path / "report.docx") and (tmp_path / "report.docx").stat().st_size > 0
    assert run("agreement", "report", project, "1", code=2).exit_code == 2  # --out is required
    assert as_json("agreement", "delete", project, "1")["deleted"] == 1
    assert runs_of(project) == []


def test_disagreements_trend_snapshots_and_decision_log(project: Path, tmp_path: Path) -> None:
    listing = as_json("agreement", "disagreements", project, "--coders", "Lin,Morgan", "--unit", "sentence")
    assert listing == as_json("agreement", project, "--disagreements", "--coders", "Lin,Morgan", "--unit", "sentence")
    assert {(d["document_name"], d["coded_by"][0]) for d in listing["disagreements"]} >= {("doc1", "Lin")}
    for label in ("first", "second"):
        run("agreement", "compare", project, "--coders", "Lin,Morgan", "--label", label)
    trend = as_json("agreement", "trend", project, "percent", "--code", CHILD_1)
    assert [p["label"] for p in trend["points"]] == ["first", "second"]
    assert trend == as_json("agreement", project, "--series", "percent", "--code", CHILD_1)
    taken = as_json("agreement", "snapshot", project, "round 1", "--coder", "Lin")
    assert taken["rater"] == "snapshot:Lin@round 1"
    with Project.open(project) as opened, opened.session() as session:
        assert [s.label for s in list_snapshots(session)] == ["round 1"]
    assert as_json("agreement", "snapshots", project) == as_json("agreement", project, "--snapshots")
    log = tmp_path / "decisions.csv"
    assert as_json("agreement", "decision-log", project, "--out", log)["exported"] == str(log) and log.exists()


@pytest.mark.parametrize(("old", "new"), [
    (("--list",), "`concord agreement PROJECT --list` is now `concord agreement runs PROJECT`"),
    (("--snapshots",), "`concord agreement PROJECT --snapshots` is now `concord agreement snapshots PROJECT`"),
    (COMPARISON, "`concord agreement PROJECT --coders …` is now `concord agreement compare PROJECT --coders …`"),
])
def test_an_old_flag_says_its_new_form_once_on_stderr(project: Path, old: tuple[str, ...], new: str) -> None:
    result = run("agreement", project, *old)
    assert result.stderr.splitlines() == [new]
    assert new not in result.stdout
    quiet = run("agreement", project, *old, "--json")
    assert quiet.stderr == "" and json.loads(quiet.stdout) is not None


def test_a_failing_old_flag_is_one_error_line(project: Path) -> None:
    failed = run("agreement", project, "--show", "42", code=1)
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: no agreement run '42'")


def test_new_subcommands_take_only_their_own_options(project: Path) -> None:
    assert "No such option" in run("agreement", "runs", project, "--show", "1", code=2).output
    # passages are what `disagreements` lists; `compare` does not offer them as a unit
    assert "'passage' is not one of" in run("agreement", "compare", project, "--coders", "Lin,Morgan", "--unit",
                                            "passage", code=2).output


def test_every_agreement_subcommand_has_help() -> None:
    group = cli.get_command(click.Context(cli), "agreement")
    assert isinstance(group, click.Group)
    names = [name for name in group.list_commands(click.Context(group)) if not group.commands[name].hidden]
    assert names == ["compare", "runs", "show", "delete", "report", "disagreements", "trend", "snapshot",
                     "snapshots", "decision-log"]
    for name in names:
        assert "--json" in run("agreement", name, "--help").output


# -- consensus --------------------------------------------------------------------------------------------------


def test_consensus_status_and_accept_agreed(project: Path) -> None:
    status = as_json("consensus", "status", project, "--coders", "Lin,Morgan")
    assert status == as_json("consensus", project, "--coders", "Lin,Morgan", "--status")
    assert status["complete"] is False
    accepted = as_json("consensus", "accept-agreed", project, "--coders", "Lin,Morgan", "--by", "Dr Chen")
    assert accepted["accepted_passages"] > 0
    again = run("consensus", project, "--coders", "Lin,Morgan", "--accept-agreed", "--by", "Dr Chen")
    assert "Accepted 0 agreed passage(s)" in again.stdout
    assert again.stderr.splitlines() == ["`concord consensus PROJECT --accept-agreed` is now "
                                         "`concord consensus accept-agreed PROJECT`"]
