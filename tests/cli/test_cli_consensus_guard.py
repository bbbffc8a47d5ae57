"""`concord code/uncode/coders` refuse the consensus coder: its codings come only from settled decisions."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from coding.agreement.consensus import take
from coding.agreement.disagreements import list_disagreements
from coding.cli import cli
from coding.project import Project
from models import Coder, Coding

TEXT = "The group board decides on equipment. The county bureau sets the budget every spring.\n"
CODE = "Decision rights/Organizational changes"


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def refused(result: click.testing.Result, message: str) -> None:
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def codings(path: Path) -> list[tuple[str, str, int, int, str]]:
    project = Project.open_for_reading(path)
    try:
        with project.session() as session:
            rows = session.execute(select(Coding.uuid, Coder.name, Coding.start, Coding.end, Coding.memo)
                                   .join(Coder, Coder.id == Coding.coder_id).order_by(Coding.id)).all()
    finally:
        project.close()
    return [tuple(r) for r in rows]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    run("new", path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "li.txt").write_text(TEXT, encoding="utf-8")
    run("import", path, tmp_path / "in", "--case", "P01")
    for name in ("Lin", "Wang"):
        run("coders", path, "add", name)
    run("code", path, "--document", "li", "--coder", "Lin", "--code", CODE, "--start", 0, "--end", 37)
    run("code", path, "--document", "li", "--coder", "Wang", "--code", CODE, "--start", 38, "--end", 85)
    return path


def settle(path: Path) -> str:
    """Take Lin's coding into the consensus, as the review does; returns the consensus coding's uuid."""
    project = Project.open(path)
    try:
        with project.session() as session:
            item = list_disagreements(session, ["Lin", "Wang"])[0]
            return take(session, item, "Lin", decided_by="Dr Chen", actor="Dr Chen").created[0]
    finally:
        project.close()


def test_coders_add_refuses_the_consensus_name_before_and_after_it_exists(project: Path) -> None:
    refused(run("coders", project, "add", "consensus", ok=False), "'Consensus' is the consensus coder, not a person")
    settle(project)
    refused(run("coders", project, "add", "Consensus", ok=False), "'Consensus' is the consensus coder, not a person")
    listed = json.loads(run("coders", project, "--json").output)
    assert [(c["name"], c["consensus"]) for c in listed] == [("Consensus", True), ("Lin", False), ("Wang", False)]


def test_code_as_the_consensus_coder_is_refused_and_writes_nothing(project: Path) -> None:
    settle(project)
    before = codings(project)
    result = run("code", project, "--document", "li", "--coder", "Consensus", "--code", CODE, "--start", 38,
                 "--end", 85, ok=False)
    refused(result, "'Consensus' is the consensus coder")
    assert "review" in result.stderr and "adjudicator" in result.stderr
    assert codings(project) == before


def test_uncode_of_a_consensus_coding_is_refused(project: Path) -> None:
    made = settle(project)
    before = codings(project)
    assert (made, "Consensus") in {(r[0], r[1]) for r in before}
    refused(run("uncode", project, made, "--coder", "Lin", ok=False), "'Consensus' is the consensus coder")
    assert codings(project) == before
    lin = next(r[0] for r in before if r[1] == "Lin")  # a person's own coding still goes
    run("uncode", project, lin, "--coder", "Lin")
    assert [r[1] for r in codings(project)] == ["Wang", "Consensus"]
