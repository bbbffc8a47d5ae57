"""`concord agreement --disagreements --coders A,B,C`: three coders' disagreements, each coder's version, --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coding.agreement.disagreements import list_disagreements
from coding.project import Project
from tests.cli.test_cli_agreement import run
from tests.core.test_agreement_units import CHILD_1, Builder, add_document, sentence


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "three.concord"
    created = Project.create(path)
    with created.session() as session:
        add_document(session, "doc1")
    build = Builder(created)
    for coder in ("Lin", "Morgan", "Priya"):
        build.code(coder, "doc1", CHILD_1, *sentence(0))  # agreed by all three
    build.code("Lin", "doc1", CHILD_1, 21, 62)
    build.code("Morgan", "doc1", CHILD_1, 42, 62)
    build.code("Priya", "doc1", CHILD_1, 21, 41)
    build.code("Lin", "doc1", CHILD_1, *sentence(4))
    build.code("Priya", "doc1", CHILD_1, *sentence(4))
    created.close()
    return path


def test_three_coders_as_json(project: Path) -> None:
    data = json.loads(run("agreement", project, "--disagreements", "--coders", "Lin,Morgan,Priya", "--json").output)
    with Project.open(project) as opened, opened.session() as session:
        expected = list_disagreements(session, ["Lin", "Morgan", "Priya"])
    assert [d["key"] for d in data["disagreements"]] == [i.key for i in expected]
    first, second = data["disagreements"]
    assert first["coders"] == ["Lin", "Morgan", "Priya"] and (first["start"], first["end"]) == (21, 62)
    assert first["versions"] == {"Lin": [[21, 62]], "Morgan": [[42, 62]], "Priya": [[21, 41]]}
    assert second["versions"] == {"Lin": [[84, 104]], "Morgan": [], "Priya": [[84, 104]]}
    assert second["not_coded_by"] == ["Morgan"]
    assert (data["total"], data["resolved"]) == (2, 0)


def test_three_coders_as_text_show_each_version(project: Path) -> None:
    output = run("agreement", project, "--disagreements", "--coders", "Lin,Morgan,Priya").output
    assert "Lin 21–62 · Morgan 42–62 · Priya 21–41" in output
    assert "coded by Lin, Priya; not by Morgan" in output and "Lin 84–104 · Morgan — · Priya 84–104" in output
    two = run("agreement", project, "--disagreements", "--coders", "Lin,Morgan").output
    assert "·" not in two  # two coders read as before


def test_a_coder_named_twice_is_refused(project: Path) -> None:
    result = run("agreement", project, "--disagreements", "--coders", "Lin,Morgan,Lin", ok=False)
    assert result.exit_code != 0 and "listed twice" in result.output + result.stderr
