"""`concord import PROJECT answers.xlsx --survey …` and the turn times `concord document-info` lists."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from coding.cases import attribute_value
from coding.cli import cli
from coding.project import Project
from models import Case, Document
from tests.core.test_import_survey import Q_EVAL, Q_SUGGEST, write_survey


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.concord"
    Project.create(path, with_codebook=False).close()
    return path


def test_survey_import_per_respondent_with_attributes(project_file: Path, tmp_path: Path) -> None:
    answers = write_survey(tmp_path / "answers.xlsx")
    result = run("import", project_file, answers, "--survey", "--case-column", "Respondent",
                 "--text-columns", f"{Q_EVAL},{Q_SUGGEST}", "--attribute-columns", "City,Age",
                 "--sheet", "Residents", "--json")
    data = json.loads(result.output)
    assert (data["imported"], data["skipped"], data["cases_added"], data["values_set"]) == (3, 0, 4, 8)
    assert [item["note"] for item in data["items"]] == ["respondent R001", "respondent R002", "respondent R004"]
    project = Project.open(project_file)
    try:
        with project.session() as session:
            assert attribute_value(session, "R004", "Age") == "29"
            assert sorted(session.scalars(select(Document.name))) == ["R001", "R002", "R004"]
    finally:
        project.close()


def test_survey_import_per_question(project_file: Path, tmp_path: Path) -> None:
    answers = write_survey(tmp_path / "answers.xlsx")
    result = run("import", project_file, answers, "--survey", "--case-column", "respondent",
                 "--text-columns", Q_SUGGEST, "--per", "question")
    assert f"imported as {Q_SUGGEST}" in result.output


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("--case-column", "Respondent", "--text-columns", "Q9"), "no column 'Q9'"),
        (("--text-columns", Q_EVAL), "--survey needs --case-column"),
        (("--case-column", "Respondent", "--text-columns", Q_EVAL, "--sheet", "Staff"), "no sheet 'Staff'"),
    ],
)
def test_bad_survey_options_are_one_error_line_and_change_nothing(
    project_file: Path, tmp_path: Path, args: tuple[str, ...], problem: str
) -> None:
    answers = write_survey(tmp_path / "answers.xlsx")
    result = run("import", project_file, answers, "--survey", *args, ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and problem in result.output
    assert "Traceback" not in result.output
    project = Project.open(project_file)
    try:
        with project.session() as session:
            assert session.scalar(select(func.count()).select_from(Case)) == 0
    finally:
        project.close()


def test_document_info_lists_turn_times(project_file: Path, tmp_path: Path) -> None:
    subtitles = tmp_path / "visit.srt"
    subtitles.write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Why here?\n\n"
        "2\n00:00:05,500 --> 00:00:09,250\nPatient: It is close.\n", encoding="utf-8"
    )
    run("import", project_file, subtitles)
    shown = run("document-info", project_file, "visit").output
    assert "turn 1: 00:00:01.000 - 00:00:04.000  Interviewer" in shown
    assert "turn 2: 00:00:05.500 - 00:00:09.250  Patient" in shown
    data = json.loads(run("document-info", project_file, "visit", "--json").output)
    assert data["turn_times"][1] == {"turn": 2, "speaker": "Patient", "start_ms": 5500, "end_ms": 9250}
