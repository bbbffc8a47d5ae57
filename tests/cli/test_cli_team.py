"""`concord assign` and `concord done` through click's CliRunner, checked through the library."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.project import Project
from coding.team.assignments import list_assignments, progress

DOCUMENTS = ("li.txt", "wang.txt", "zhao.txt")
TEXT = "The group board decides. We send a request and wait."


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents, coders Lin and Morgan, one coding of Lin's in li.txt; no spaCy needed."""
    from coding.codebook import add_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from models import Document

    path = tmp_path_factory.mktemp("team") / "study.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        code = add_code(session, "Governance", actor="fixture")
        lin = get_or_create_coder(session, "Lin", actor="fixture")
        get_or_create_coder(session, "Morgan", actor="fixture")
        for name in DOCUMENTS:
            document = Document(name=name, source_name=name, format="txt", language="en", text=TEXT,
                                char_count=len(TEXT), sha256=hashlib.sha256(name.encode()).hexdigest())
            session.add(document)
            session.flush()
            if name == "li.txt":
                apply_code(session, document_id=document.id, coder_id=lin.id, code_id=code.id, start=0, end=9,
                           actor="fixture")
    return path


@pytest.fixture()
def project(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    shutil.copy(template, target)
    return target


def statuses(path: Path) -> dict[tuple[str, str], str]:
    with Project.open(path) as opened, opened.session() as session:
        return {(row["coder"], row["document"]): row["status"] for row in list_assignments(session)}


def audit_rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT action, actor FROM audit_events WHERE entity = 'assignment' ORDER BY id").fetchall()


def test_assign_done_list_undo_and_remove(project: Path) -> None:
    out = run("assign", project, "--coder", "lin", "li", "WANG.TXT").output
    assert out.strip() == "Assigned 2 document(s) to Lin"
    assert statuses(project) == {("Lin", "li.txt"): "in progress", ("Lin", "wang.txt"): "assigned"}

    again = json.loads(run("assign", project, "--coder", "Lin", "li.txt", "zhao", "--json").output)
    assert again["coder"] == "Lin" and again["action"] == "assign" and again["changed"] == 1
    assert [(d["document"], d["before"], d["after"]) for d in again["documents"]] == [
        ("li.txt", "in progress", "in progress"), ("zhao.txt", "unassigned", "assigned")
    ]

    done = run("done", project, "--coder", "Lin", "wang", "li").output
    assert done.strip() == "Marked 2 document(s) done for Lin"
    run("done", project, "--coder", "Morgan", "zhao.txt")  # never assigned to Morgan: assigned as done
    assert statuses(project) == {("Lin", "li.txt"): "done", ("Lin", "wang.txt"): "done",
                                 ("Lin", "zhao.txt"): "assigned", ("Morgan", "zhao.txt"): "done"}

    listed = json.loads(run("assign", project, "--list", "--json").output)
    assert [(p["coder"], p["done"], p["total"], p["documents"]) for p in listed["progress"]] == [
        ("Lin", 2, 3, 3), ("Morgan", 1, 1, 3)
    ]
    assert len(listed["assignments"]) == 4 and {a["status"] for a in listed["assignments"]} == {"done", "assigned"}
    text = run("assign", project, "--list").output
    assert "Lin: 2/3 done, 0 in progress, 1 not started (3 documents in the project)" in text
    assert "  zhao.txt: assigned" in text

    undone = run("done", project, "--coder", "Lin", "wang", "zhao", "--undo").output
    assert undone.strip() == "Marked 1 document(s) not done for Lin (1 not done)"
    removed = run("assign", project, "--coder", "Lin", "--remove", "zhao", "li").output
    assert removed.strip() == "Took 2 document(s) away from Lin"
    assert statuses(project) == {("Lin", "wang.txt"): "assigned", ("Morgan", "zhao.txt"): "done"}
    # --coder is who made each change
    assert audit_rows(project) == [("assign", "Lin"), ("assign", "Lin"), ("done", "Lin"), ("done", "Morgan"),
                                   ("not-done", "Lin"), ("unassign", "Lin")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("assign", "--coder", "Nobody", "li"), "Error: no coder 'Nobody' (known coders: Lin, Morgan)"),
        (("assign", "--coder", "Lin", "li", "P09"), "Error: no document 'P09' (documents: li.txt, wang.txt, zhao.txt)"),
        (("assign", "--coder", "Lin", "--remove", "li", "P09"), "Error: no document 'P09'"),
        (("done", "--coder", "Lin", "wang", "nope"), "Error: no document 'nope'"),
        (("done", "--coder", "Ghost", "wang", "--undo"), "Error: no coder 'Ghost'"),
    ],
)
def test_an_unknown_coder_or_document_is_one_error_line_and_changes_nothing(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    run("assign", project, "--coder", "Lin", "li")
    run("done", project, "--coder", "Lin", "li")
    before = (statuses(project), audit_rows(project))
    result = CliRunner().invoke(cli, [args[0], str(project), *args[1:]])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and result.stderr.startswith(message)
    assert (statuses(project), audit_rows(project)) == before


@pytest.mark.parametrize(
    "args",
    [
        ("assign", "li"),  # no --coder
        ("assign", "--coder", "Lin"),  # no documents
        ("done", "li"),
        ("done", "--coder", "Lin"),
        ("assign", "--list", "--coder", "Lin"),
        ("assign", "--list", "li"),
    ],
)
def test_missing_or_contradictory_options_are_usage_errors(project: Path, args: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [args[0], str(project), *args[1:]])
    assert result.exit_code == 2 and "Error:" in result.stderr
    assert statuses(project) == {}


def test_list_of_a_project_without_assignments(project: Path) -> None:
    assert run("assign", project, "--list").output.strip() == "Lin: nothing assigned\nMorgan: nothing assigned"
    with Project.open(project) as opened, opened.session() as session:
        assert [row.total for row in progress(session)] == [0, 0]
