"""`concord consensus` through click's CliRunner, asserting through the library: --status says "complete" or
what is left, --accept-agreed copies the agreed passages into the consensus once."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from coding.agreement.completion import consensus_state
from coding.agreement.consensus import take
from coding.agreement.disagreements import list_disagreements
from coding.cli import cli
from coding.project import Project
from models import Coder, Coding, ConsensusDecision
from tests.core.test_agreement_units import CHILD_1, CHILD_2, Builder, add_document, sentence


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Lin and Morgan agree on sentences 0 and 2 (CHILD_1) and 7 (CHILD_2); Lin alone coded sentence 4."""
    path = tmp_path / "study.concord"
    created = Project.create(path)
    with created.session() as session:
        add_document(session, "doc1")
    build = Builder(created)
    for coder in ("Lin", "Morgan"):
        for i in (0, 2):
            build.code(coder, "doc1", CHILD_1, *sentence(i))
        build.code(coder, "doc1", CHILD_2, *sentence(7))
    build.code("Lin", "doc1", CHILD_1, *sentence(4))
    created.close()
    return path


def consensus_codings(path: Path) -> list[tuple[int, int, int]]:
    with Project.open(path) as project, project.session() as session:
        return [tuple(r) for r in session.execute(
            select(Coding.start, Coding.end, Coding.code_id).join(Coder, Coder.id == Coding.coder_id)
            .where(Coder.is_consensus.is_(True)).order_by(Coding.start)).all()]


def test_status_then_accept_agreed_then_settle_gives_a_complete_consensus(project: Path) -> None:
    status = run("consensus", project, "--coders", "Lin,Morgan", "--status")
    assert "1 disagreement left, 3 agreed passages not accepted" in status.output

    accepted = json.loads(run("consensus", project, "--coders", "Lin,Morgan", "--accept-agreed", "--by",
                              "Dr Chen", "--json").output)
    assert accepted["accepted_passages"] == 3 and accepted["consensus_codings"] == 3
    assert accepted["state"]["summary"] == "1 disagreement left" and not accepted["state"]["complete"]
    assert [(s, e) for s, e, _ in consensus_codings(project)] == [sentence(0), sentence(2), sentence(7)]
    with Project.open(project) as opened, opened.session() as session:
        logged = session.execute(select(ConsensusDecision.decision, ConsensusDecision.decided_by)).all()
        assert logged == [("agreed", "Dr Chen")] * 3
        take(session, list_disagreements(session, ["Lin", "Morgan"])[0], "Lin", decided_by="Dr Chen", actor="t")

    again = run("consensus", project, "--coders", "Lin,Morgan", "--accept-agreed", "--by", "Dr Chen")
    assert "Accepted 0 agreed passage(s)" in again.output and "complete" in again.output
    assert len(consensus_codings(project)) == 4  # accepting twice added nothing
    data = json.loads(run("consensus", project, "--coders", "Lin", "--coders", "Morgan", "--json").output)
    assert data["complete"] and data["summary"] == "complete"
    with Project.open(project) as opened, opened.session() as session:
        assert consensus_state(session, ["Lin", "Morgan"]).complete


@pytest.mark.parametrize(("args", "message"), [
    (["--coders", "Lin"], "two or more different coders"),
    (["--coders", "Lin,Nobody"], "Nobody"),
    (["--coders", "Lin,Morgan", "--by", " "], "adjudicator"),
    (["--coders", "Lin,Morgan", "--tolerance", "120"], "tolerance"),
])
def test_bad_input_is_one_error_line_and_changes_nothing(project: Path, args: list[str], message: str) -> None:
    result = run("consensus", project, *args, "--accept-agreed", ok=False)
    assert result.exit_code == 1 and message in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert consensus_codings(project) == []


def test_status_and_accept_together_is_a_usage_error(project: Path) -> None:
    result = run("consensus", project, "--coders", "Lin,Morgan", "--status", "--accept-agreed", ok=False)
    assert result.exit_code == 2
