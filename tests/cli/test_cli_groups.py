"""`concord groups` through click's CliRunner, checked through the library and the --group filter."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.groups import list_groups
from coding.project import Project

DOCUMENTS = ("li.txt", "wang.txt", "zhao.txt")
TEXT = "The group board decides. We send a request and wait."


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents, each with one coding of 'Governance'; no spaCy needed."""
    from coding.codebook import add_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from models import Document

    path = tmp_path_factory.mktemp("groups") / "study.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        code = add_code(session, "Governance", actor="fixture")
        coder = get_or_create_coder(session, "Lin", actor="fixture")
        for name in DOCUMENTS:
            document = Document(name=name, source_name=name, format="txt", language="en", text=TEXT,
                                char_count=len(TEXT), sha256=hashlib.sha256(name.encode()).hexdigest())
            session.add(document)
            session.flush()
            apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code.id, start=0, end=9,
                       actor="fixture")
    return path


@pytest.fixture()
def project(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    shutil.copy(template, target)
    return target


def groups_of(path: Path) -> dict[str, dict]:
    with Project.open(path) as opened, opened.session() as session:
        return {row["name"]: row for row in list_groups(session)}


def test_add_attach_list_rename_detach_remove(project: Path) -> None:
    added = json.loads(run("groups", project, "add", "Pilot", "--description", "wave 1", "--json").output)
    assert added["group"] == "Pilot" and len(added["uuid"]) == 36
    assert "Added 2 document(s) to Pilot" in run("groups", project, "attach", "pilot", "li", "wang.txt").output
    assert run("groups", project).output.strip() == "Pilot: li.txt, wang.txt  (wave 1)"
    listed = json.loads(run("groups", project, "list", "--json").output)
    assert listed == [{"name": "Pilot", "uuid": added["uuid"], "description": "wave 1",
                       "documents": ["li.txt", "wang.txt"]}]
    run("groups", project, "rename", "Pilot", "Pilot sites")
    run("groups", project, "detach", "Pilot sites", "li.txt")
    assert groups_of(project)["Pilot sites"]["documents"] == ["wang.txt"]
    removed = run("groups", project, "remove", "PILOT SITES").output
    assert "Removed document group Pilot sites" in removed
    assert groups_of(project) == {}
    assert run("groups", project).output.strip() == "No document groups."


def test_group_filter_of_segments(project: Path) -> None:
    run("groups", project, "add", "Pilot")
    run("groups", project, "attach", "Pilot", "li.txt", "zhao.txt")
    found = json.loads(run("segments", project, "--code", "Governance", "--group", "pilot", "--json").output)
    assert found["total"] == 2
    assert sorted(s["document"] for s in found["segments"]) == ["li.txt", "zhao.txt"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("attach", "Nope", "li.txt"), "no document group 'Nope'"),
        (("attach", "Pilot", "li.txt", "missing.txt"), "no document 'missing.txt'"),
        (("detach", "Pilot", "wang.txt"), "not in document group 'Pilot': wang.txt"),
        (("add", "pilot"), "already a document group named 'Pilot'"),
        (("add", " "), "group name is empty"),
        (("rename", "Pilot", ""), "group name is empty"),
        (("remove", "Nope"), "no document group 'Nope'"),
    ],
)
def test_refusals_exit_1_and_change_nothing(project: Path, args: tuple[str, ...], message: str) -> None:
    run("groups", project, "add", "Pilot")
    run("groups", project, "attach", "Pilot", "li.txt")
    before = groups_of(project)
    result = run("groups", project, *args, code=1)
    assert result.output.strip() == f"Error: {message}" or message in result.output
    assert result.output.count("\n") == 1  # one error line
    assert groups_of(project) == before


@pytest.mark.parametrize(
    "args",
    [("add",), ("add", "A", "B"), ("rename", "A"), ("attach", "A"), ("detach",), ("list", "x"), ("explode",),
     ("attach", "A", "li.txt", "--description", "x")],
)
def test_usage_errors_exit_2(project: Path, args: tuple[str, ...]) -> None:
    run("groups", project, *args, code=2)
    assert groups_of(project) == {}
