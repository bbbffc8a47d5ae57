"""`concord machine` through click's CliRunner on a real project, asserting through the library: train (JSON
figures, refusals), list, suggest, suggestions, accept and reject; and the machine coder's name in `concord
agreement compare --coders`."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from coding.autocode.machine import list_suggestions
from coding.cli import cli
from coding.project import Project
from models import Coder, Coding, MachineModel
from tests.core.machine_world import build_machine_project


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture(scope="module")
def trained_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with "Machine (Lin)" trained through the CLI once (tests work on copies)."""
    path = build_machine_project(tmp_path_factory.mktemp("cli_machine") / "template.concord")
    run("machine", "train", path, "--from", "Lin", "--folds", "3")
    return path


@pytest.fixture
def project(trained_project: Path, tmp_path: Path) -> Path:
    from models.store import copy_project

    copy_project(trained_project, tmp_path / "p.concord")
    return tmp_path / "p.concord"


def test_train_prints_the_machine_coder_and_its_figures_per_code(tmp_path: Path) -> None:
    path = build_machine_project(tmp_path / "fresh.concord", documents=6, uncoded=0)
    data = json.loads(run("machine", "train", path, "--from", "lin", "--folds", "3", "--json").output)
    assert data["machine_coder"] == "Machine (Lin)" and data["trained_from"] == "Lin" and data["unit"] == "sentence"
    assert data["folds"] == 3 and len(data["data_hash"]) == 64 and data["seconds"] > 0
    assert [row["code_path"] for row in data["per_code"]] == ["Access", "Finance"]
    for row in data["per_code"]:
        assert {"precision", "recall", "f1", "n_examples", "support"} <= set(row) and row["n_examples"] >= 5
    assert data["skipped"] == {"Rare": 3}
    with Project.open(path) as opened, opened.session() as session:
        model = session.scalar(select(MachineModel))
        assert model is not None and model.data_hash == data["data_hash"] and model.trained_from == "Lin"
        machine_codings = session.scalar(select(Coding.id).join(Coder).where(Coder.name == "Machine (Lin)").limit(1))
        assert machine_codings is not None
    text = run("machine", "train", path, "--from", "Lin", "--unit", "turn", "--replace").output
    assert "Machine (Lin): trained on Lin's codings at turn units" in text and "Left out" in text


@pytest.mark.parametrize(("args", "message"), [
    (("--from", "Nobody"), "no coder 'Nobody'"),
    (("--from", "Lin"), "exists already"),
    (("--from", "Lin", "--replace", "--folds", "1"), "folds must be a whole number from 2 to 10"),
])
def test_train_refuses_with_one_line(project: Path, args: tuple[str, ...], message: str) -> None:
    result = run("machine", "train", project, *args, ok=False)
    assert result.exit_code == 1 and message in result.stderr and "Traceback" not in result.output
    with Project.open(project) as opened, opened.session() as session:
        assert list(session.scalars(select(MachineModel.name))) == ["Machine (Lin)"]


def test_list_names_the_machine_coder(project: Project) -> None:
    [model] = json.loads(run("machine", "list", project, "--json").output)
    assert model["name"] == model["coder"] == "Machine (Lin)" and model["engine"] == "spacy-textcat"
    assert [row["code_path"] for row in model["per_code"]] == ["Access", "Finance"]
    assert "Machine (Lin)  [spacy-textcat] from Lin at sentence units" in run("machine", "list", project).output


def test_the_machine_coder_works_in_agreement_compare(project: Path) -> None:
    result = run("agreement", "compare", project, "--coders", "Machine (Lin),Morgan", "--unit", "sentence",
                 "--no-store", "--json")
    data = json.loads(result.output)
    assert data["parameters"]["coders"] == ["Machine (Lin)", "Morgan"]
    assert any(f["measure"] == "alpha" and f["value"] is not None for f in data["figures"])


def test_suggest_then_accept_and_reject(project: Path) -> None:
    rows = json.loads(run("machine", "suggest", project, "--min-confidence", "0.6", "--json").output)
    assert rows and all(r["confidence"] >= 0.6 and r["status"] == "pending" for r in rows)
    assert {r["document"] for r in rows} <= {"New 01", "New 02"}
    listed = json.loads(run("machine", "suggestions", project, "--json").output)
    assert [r["uuid"] for r in listed] == [r["uuid"] for r in rows]
    accepted = json.loads(run("machine", "accept", project, str(rows[0]["id"]), rows[1]["uuid"][:8],
                              "--coder", "Morgan", "--json").output)
    assert accepted["accepted"] == [rows[0]["uuid"], rows[1]["uuid"]] and len(accepted["codings"]) == 2
    run("machine", "reject", project, rows[2]["uuid"], "--coder", "Lin")
    with Project.open(project) as opened, opened.session() as session:
        assert [r.uuid for r in list_suggestions(session, status="accepted")] == [rows[0]["uuid"], rows[1]["uuid"]]
        [rejected] = list_suggestions(session, status="rejected")
        assert rejected.uuid == rows[2]["uuid"] and rejected.decided_by == "Lin"
        morgan = set(session.scalars(select(Coding.uuid).join(Coder).where(Coder.name == "Morgan")))
    assert set(accepted["codings"]) <= morgan
    again = run("machine", "accept", project, rows[0]["uuid"], "--coder", "Morgan", ok=False)
    assert again.exit_code == 1 and "is accepted by Morgan, not pending" in again.stderr
    unknown = run("machine", "reject", project, "zzzzzzzzzz", "--coder", "Morgan", ok=False)
    assert unknown.exit_code == 1 and "'zzzzzzzzzz' is no suggestion" in unknown.stderr
