"""`concord autocode` through CliRunner on a real project, asserting through the library: preview writes nothing,
apply codes exactly the rule's passages as the chosen coder in one transaction, and bad input is one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from coding.cli import cli
from coding.project import Project
from models import AuditEvent, Code, Coder, Coding, Document
from models.store import copy_project
from tests.core import autocode_world as world

CODE = "Owner functions"


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, ["autocode", *[str(a) for a in args]], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build_world(tmp_path_factory.mktemp("cli-autocode"))


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    copy_project(template, tmp_path / "p.concord")
    return tmp_path / "p.concord"


def codings(path: Path) -> list[tuple[str, str, str, str]]:
    """(coder, code, document, coded text) of every coding."""
    opened = Project.open_for_reading(path)
    try:
        with opened.session() as session:
            rows = session.execute(
                select(Coder.name, Code.name, Document.name, Document.text, Coding.start, Coding.end)
                .join(Coder, Coding.coder_id == Coder.id).join(Code, Coding.code_id == Code.id)
                .join(Document, Coding.document_id == Document.id).order_by(Coding.id)).all()
    finally:
        opened.close()
    return [(coder, code, document, text[start:end]) for coder, code, document, text, start, end in rows]


def audit_events(path: Path) -> int:
    opened = Project.open_for_reading(path)
    try:
        with opened.session() as session:
            return session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    finally:
        opened.close()


def test_preview_lists_the_passages_and_writes_nothing(project: Path) -> None:
    before = audit_events(project)
    result = run(project, "--role", "questions", "--code", CODE, "--coder", "Lin", "--preview", "--json")
    data = json.loads(result.output)
    assert (data["passages"], data["new"], data["already"], data["coded"]) == (6, 6, 0, [])
    assert [(r["document"], r["speaker"], r["first_words"]) for r in data["rows"]][:2] == [
        ("A07", "Interviewer", world.QUESTIONS["A07"][0]), ("A07", "interviewer", world.QUESTIONS["A07"][1])]
    assert [(d["document"], d["passages"]) for d in data["documents"]] == [("A07", 2), ("B03", 2), ("C11", 2)]
    assert codings(project) == [] and audit_events(project) == before
    text = run(project, "--speaker", "q", "--code", CODE, "--coder", "Lin", "--preview").output
    assert "+ C11" in text and "Who decides on investment?" in text and "nothing written" in text


def test_apply_codes_each_turn_content_as_the_coder_and_a_second_run_skips_them(project: Path) -> None:
    result = run(project, "--speaker", "Dr Li", "--code", CODE, "--coder", "Morgan")
    assert "Coded 2 passage(s)" in result.output
    assert codings(project) == [("Morgan", CODE, "C11", text) for text in world.ANSWERS["C11"]]
    again = run(project, "--role", "answers", "--code", CODE, "--coder", "Morgan", "--json")
    data = json.loads(again.output)
    assert (data["passages"], data["already"], len(data["coded"])) == (6, 2, 4)
    assert sorted(text for *_, text in codings(project)) == sorted(t for ts in world.ANSWERS.values() for t in ts)


def test_a_case_or_an_attribute_value_codes_documents_whole(project: Path) -> None:
    run(project, "--case", "P07", "--code", CODE, "--coder", "Lin")
    run(project, "--where", "years<10", "--code", CODE, "--coder", "Lin")
    assert codings(project) == [("Lin", CODE, "A07", world.HEADED_EN[world.HEADED_EN.index("Interviewer:"):].rstrip()),
                                ("Lin", CODE, "B03", world.CHINESE.rstrip())]


@pytest.mark.parametrize(("args", "message"), [
    (("--speaker", "Nurse", "--code", CODE, "--coder", "Lin"), "no speaker 'Nurse'"),
    (("--case", "P99", "--code", CODE, "--coder", "Lin"), "no case 'P99'"),
    (("--where", "rank=1", "--code", CODE, "--coder", "Lin"), "no attribute 'rank'"),
    (("--where", "role>2", "--code", CODE, "--coder", "Lin"), "use = or !="),
    (("--speaker", "Q", "--code", "No such code", "--coder", "Lin"), "No such code"),
    (("--speaker", "Q", "--code", CODE, "--coder", "Nobody"), "no coder 'Nobody'"),
    (("--speaker", "Q", "--code", CODE, "--coder", "Consensus"), "consensus coder"),
    (("--speaker", "Doctor", "--case", "P11", "--code", CODE, "--coder", "Lin"), "nothing to code"),
])
def test_bad_input_is_one_error_line_and_changes_nothing(project: Path, args: tuple[str, ...], message: str) -> None:
    before = audit_events(project)
    result = run(project, *args, code=1)
    assert result.output.startswith("Error: ") and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert codings(project) == [] and audit_events(project) == before


def test_a_run_the_coder_has_already_made_is_refused_as_nothing_to_do(project: Path) -> None:
    run(project, "--speaker", "Q", "--code", CODE, "--coder", "Lin")
    before = (codings(project), audit_events(project))
    result = run(project, "--speaker", "Q", "--code", CODE, "--coder", "Lin", code=1)
    assert "already coded" in result.output
    assert (codings(project), audit_events(project)) == before


@pytest.mark.parametrize(("args", "message"), [
    (("--code", CODE, "--coder", "Lin"), "choose what to code"),
    (("--speaker", "Q", "--coder", "Lin"), "--code PATH"),
    (("--speaker", "Q", "--role", "answers", "--code", CODE, "--coder", "Lin"), "not both"),
    (("--speaker", "Q", "--scope", "word", "--code", CODE, "--coder", "Lin"), "--scope goes with --dictionary"),
    (("--dictionary", "D", "--code", CODE, "--coder", "Lin"), "leave out"),
])
def test_options_that_do_not_go_together_are_usage_errors(project: Path, args: tuple[str, ...], message: str) -> None:
    result = run(project, *args, code=2)
    assert message in result.output
    assert codings(project) == []


def test_a_category_code_is_refused(project: Path) -> None:
    opened = Project.open(project)
    try:
        with opened.session() as session:
            from coding.codebook import find_code
            from coding.codebook.operations import update_code

            update_code(session, find_code(session, "Decision rights").id, actor="test", is_codable=False)
    finally:
        opened.close()
    result = run(project, "--role", "questions", "--code", "Decision rights", "--coder", "Lin", code=1)
    assert "is a category" in result.output and codings(project) == []


# -- --dictionary: the hits of a dictionary (coding.autocode.dictionaries), each with its category's code ---------


def add_dictionary(path: Path, text: str, name: str = "Governance") -> None:
    from coding.autocode.dictionaries import import_dictionary_edit

    opened = Project.open(path)
    try:
        with opened.session() as session:
            import_dictionary_edit(text, name).do(session, "test")
    finally:
        opened.close()


def test_a_dictionary_codes_its_hits_with_the_codes_its_categories_link(project: Path) -> None:
    add_dictionary(project, "INVESTING = Owner functions\n    investment\nSTAFF = Personnel management rights\n"
                            "    staff\n    recruit\n")
    shown = json.loads(run(project, "--dictionary", "Governance", "--coder", "Lin", "--preview", "--json").output)
    assert [(r["document"], r["code"].split("/")[-1], r["first_words"]) for r in shown["rows"]] == [
        ("C11", "Owner functions", "Who decides on investment?"), ("C11", "Personnel management rights", "And on staff?"),
        ("C11", "Personnel management rights", "We recruit ourselves now.")]
    assert "INVESTING" in shown["rows"][0]["reason"] and codings(project) == []
    run(project, "--dictionary", "Governance", "--scope", "word", "--coder", "Lin")
    assert codings(project) == [("Lin", "Owner functions", "C11", "investment"),
                                ("Lin", "Personnel management rights", "C11", "staff"),
                                ("Lin", "Personnel management rights", "C11", "recruit")]


def test_a_dictionary_limited_to_cases_without_hits_there_changes_nothing(project: Path) -> None:
    add_dictionary(project, "INVESTING = Owner functions\n    investment\n")
    result = run(project, "--dictionary", "Governance", "--case", "P07", "--coder", "Lin", code=1)
    assert "nothing to code" in result.output and codings(project) == []
    assert "no dictionary" in run(project, "--dictionary", "Nope", "--coder", "Lin", code=1).output
