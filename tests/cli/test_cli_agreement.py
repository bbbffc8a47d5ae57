"""`concord agreement` through click's CliRunner, asserting through the library."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.agreement.runs import list_runs, load_run
from coding.cli import cli
from coding.project import Project
from tests.core.test_agreement_units import CHILD_1, CHILD_2, TEXT, Builder, add_document, sentence


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


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
        for i in (0, 2, 5):
            build.code("Morgan", document, CHILD_1, *sentence(i))
        build.code("Lin", document, CHILD_2, 147, 160)
        build.code("Morgan", document, CHILD_2, 150, 167)
    created.close()
    return path


def stored_runs(path: Path) -> list:
    with Project.open(path) as project, project.session() as session:
        return list_runs(session)


def test_compare_prints_a_table_and_stores_the_run(project: Path) -> None:
    result = run("agreement", project, "--coders", "Lin,Morgan", "--unit", "sentence", "--level", "3",
                 "--measures", "alpha,kappa,percent", "--bootstrap", "200", "--label", "round 1")
    assert "Stored as run 1" in result.output
    assert "Organizational changes" in result.output and "All level-3 codes (pooled)" in result.output
    assert "alpha" in result.output.splitlines()[1]
    runs = stored_runs(project)
    assert [(r.id, r.label, r.unit, r.level) for r in runs] == [(1, "round 1", "sentence", 3)]


def test_compare_as_json(project: Path) -> None:
    data = json.loads(run("agreement", project, "--coders", "Lin", "--coders", "Morgan", "--unit", "character",
                          "--json").output)
    assert data["parameters"]["unit"] == "character" and data["parameters"]["coders"] == ["Lin", "Morgan"]
    with Project.open(project) as opened, opened.session() as session:
        stored = load_run(session, data["run_uuid"])
    assert stored.id == data["run_id"]
    assert [f.to_dict() for f in stored.figures] == data["figures"]


def test_segment_units_with_tolerance(project: Path) -> None:
    # Lin coded 147–160 and Morgan 150–167: they overlap by 10 / 20 characters (intersection / union) = 50%.
    data = json.loads(run("agreement", project, "--coders", "Lin,Morgan", "--unit", "segment", "--tolerance", "50",
                          "--code", CHILD_2, "--measures", "percent", "--json").output)
    code = [f for f in data["figures"] if f["code_uuid"] and f["measure"] == "percent" and not f["document_uuid"]]
    assert code[0]["value"] == 1.0
    strict = json.loads(run("agreement", project, "--coders", "Lin,Morgan", "--unit", "segment", "--tolerance",
                            "51%", "--code", CHILD_2, "--measures", "percent", "--json", "--no-store").output)
    code = [f for f in strict["figures"] if f["code_uuid"] and f["measure"] == "percent" and not f["document_uuid"]]
    assert code[0]["value"] == 0.0
    assert strict["run_id"] is None and len(stored_runs(project)) == 1


def test_list_show_export_delete(project: Path, tmp_path: Path) -> None:
    run("agreement", project, "--coders", "Lin,Morgan", "--label", "first")
    listing = json.loads(run("agreement", project, "--list", "--json").output)
    assert [r["label"] for r in listing] == ["first"]
    assert "first" in run("agreement", project, "--list").output
    shown = json.loads(run("agreement", project, "--show", "1", "--json").output)
    assert shown["label"] == "first" and shown["figures"]
    assert "All codes (pooled" in run("agreement", project, "--show", listing[0]["uuid"]).output
    run("agreement", project, "--export", "1", "--out", tmp_path / "report.docx")
    run("agreement", project, "--export", "1", "--out", tmp_path / "report.csv")
    assert (tmp_path / "report.docx").stat().st_size > 0 and (tmp_path / "report.csv").read_text(encoding="utf-8-sig")
    run("agreement", project, "--delete", "1")
    assert stored_runs(project) == []
    assert "No stored agreement runs." in run("agreement", project, "--list").output


@pytest.mark.parametrize(("args", "message"), [
    (["--coders", "Lin,Nobody"], "no coder 'Nobody'"),
    (["--coders", "Lin"], "at least two coders"),
    (["--coders", "Lin,Morgan", "--tolerance", "150"], "tolerance"),
    (["--coders", "Lin,Morgan", "--tolerance", "lots"], "tolerance"),
    (["--coders", "Lin,Morgan", "--measures", "alpha,omega"], "unknown measure 'omega'"),
    (["--coders", "Lin,Morgan", "--level", "9"], "level 9"),
    (["--coders", "Lin,Morgan", "--level", "top"], "--level"),
    (["--coders", "Lin,Morgan", "--rule", "most"], "presence rule"),
    (["--coders", "Lin,Morgan", "--documents", "nowhere"], "no document 'nowhere'"),
    (["--show", "42"], "no agreement run '42'"),
    (["--delete", "42"], "no agreement run '42'"),
    (["--disagreements", "--coders", "Lin"], "at least two coders"),
])
def test_failures_exit_1_with_one_line_and_store_nothing(project: Path, args: list[str], message: str) -> None:
    result = run("agreement", project, *args, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert stored_runs(project) == []


def test_usage_errors_exit_2(project: Path) -> None:
    assert run("agreement", project, "--export", "1", ok=False).exit_code == 2
    assert run("agreement", project, "--list", "--show", "1", ok=False).exit_code == 2
    assert run("agreement", project, "--coders", "Lin,Morgan", "--unit", "paragraph", ok=False).exit_code == 2


def test_disagreements(project: Path) -> None:
    data = json.loads(run("agreement", project, "--disagreements", "--coders", "Lin,Morgan", "--json").output)
    passages = [(d["document_name"], d["start"], d["end"]) for d in data["disagreements"]]
    assert passages == [("doc1", 84, 104), ("doc1", 105, 125), ("doc1", 147, 167),
                        ("doc2", 84, 104), ("doc2", 105, 125), ("doc2", 147, 167)]
    assert data["disagreements"][0]["coded_by"] == ["Lin"] and data["disagreements"][0]["text"] == TEXT[84:104]
    assert (data["resolved"], data["total"]) == (0, 6)
    text = run("agreement", project, "--disagreements", "--coders", "Lin,Morgan", "--unit", "sentence").output
    assert "coded by Lin; not by Morgan" in text and "4 disagreement(s)" in text
    assert stored_runs(project) == []


def test_snapshot_and_series(project: Path) -> None:
    taken = json.loads(run("agreement", project, "--snapshot", "round 1", "--coders", "Lin", "--json").output)
    assert taken["rater"] == "snapshot:Lin@round 1" and taken["codings"] == 8
    assert "Lin@round 1" in run("agreement", project, "--snapshots").output
    same = json.loads(run("agreement", project, "--coders", "Lin,snapshot:round 1", "--measures", "percent",
                          "--json").output)
    defined = [f for f in same["figures"] if f["measure"] == "percent" and f["units"] == "all" and f["value"] is not None]
    assert defined and all(f["value"] == 1.0 for f in defined)  # unused codes are undefined (issue 17 item 4)
    run("agreement", project, "--coders", "Lin,Morgan", "--label", "round 2")
    series = json.loads(run("agreement", project, "--series", "percent", "--code", CHILD_1, "--json").output)
    assert [p["label"] for p in series["points"]] == ["", "round 2"]
    assert "Trend" in run("agreement", project, "--series", "percent").output
    failed = run("agreement", project, "--snapshot", "again", "--coders", "Lin,Morgan", ok=False)
    assert failed.exit_code == 1 and "exactly one name" in failed.stderr


def test_the_command_has_help() -> None:
    result = run("agreement", "--help")
    assert "--coders" in result.output and "--disagreements" in result.output
