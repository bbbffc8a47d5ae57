"""`concord documents --json`, `concord document-info` and `concord metadata-to-attributes` through CliRunner,
asserting through the library."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding import cases
from coding.cli import cli
from coding.project import Project

HEADED = (
    "访谈编号：A01\n访谈对象：某县人民医院院长\n访谈方式：面对面\n\n"
    "访谈者：您好，请介绍一下医共体。\n\n受访者：好的。我们是牵头医院。\n"
)
HEADED_EN = "Interview ID: P07\nDate: 2021-05-12\n\n[Interviewer] Thank you for joining.\n[id1] Glad to help.\n"


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    run("new", path, "--empty-codebook")
    (tmp_path / "A01.txt").write_text(HEADED, encoding="utf-8")
    (tmp_path / "P07.txt").write_text(HEADED_EN, encoding="utf-8")
    run("import", path, tmp_path / "A01.txt", tmp_path / "P07.txt")
    return path


def test_documents_json_lists_metadata_and_turns_leave_it_out(project: Path) -> None:
    listed = {row["name"]: row for row in json.loads(run("documents", project, "--json").output)}
    assert listed["A01"]["metadata"] == [
        {"key": "访谈编号", "value": "A01"}, {"key": "访谈对象", "value": "某县人民医院院长"},
        {"key": "访谈方式", "value": "面对面"},
    ]
    assert listed["A01"]["turns"] == 2
    assert listed["P07"]["metadata"] == [
        {"key": "Interview ID", "value": "P07"}, {"key": "Date", "value": "2021-05-12"},
    ]
    assert listed["P07"]["turns"] == 2  # the bracketed labels [Interviewer] and [id1]


def test_document_info(project: Path) -> None:
    data = json.loads(run("document-info", project, "P07", "--json").output)
    assert (data["name"], data["turns"], data["case"]) == ("P07", 2, None)
    assert data["metadata"][1] == {"key": "Date", "value": "2021-05-12"}
    text = run("document-info", project, "A01").output
    assert "访谈方式: 面对面" in text and "2 turns" in text
    missing = run("document-info", project, "Nobody", ok=False)
    assert missing.exit_code == 1 and missing.output.startswith("Error: ") and "Nobody" in missing.output


def test_metadata_to_attributes_and_a_refused_conflict(project: Path) -> None:
    result = json.loads(run("metadata-to-attributes", project, "--keys", "访谈方式,Date", "--json").output)
    assert result["created_cases"] == ["A01", "P07"]
    with Project.open(project) as opened, opened.session() as session:
        assert cases.attribute_value(session, "A01", "访谈方式") == "面对面"
        assert cases.attribute_value(session, "P07", "Date") == "2021-05-12"
        cases.set_attribute_value(session, "A01", "访谈编号", "B02", actor="Lin")
    refused = run("metadata-to-attributes", project, ok=False)
    assert refused.exit_code == 1
    assert "case A01, 访谈编号: the case has 'B02', A01 says 'A01'" in refused.output
    assert "Traceback" not in refused.output
    with Project.open(project) as opened, opened.session() as session:
        assert cases.attribute_value(session, "P07", "Interview ID") == ""  # nothing written by the refused run
    unknown = run("metadata-to-attributes", project, "--keys", "Gender", ok=False)
    assert unknown.exit_code == 1 and "Gender" in unknown.output and "访谈方式" in unknown.output
