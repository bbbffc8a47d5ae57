"""`concord memo` and `concord journal` through click's CliRunner, checked through the library."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.memos import journal, list_memos
from coding.project import Project

TEXT = "问：医联体的资金怎么分配？\n答：由县里统一管理。"


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.codebook import add_code
    from coding.coders import get_or_create_coder
    from models import Case, Document

    path = tmp_path_factory.mktemp("memos") / "study.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        parent = add_code(session, "Decision rights", actor="fixture")
        add_code(session, "Owner functions", parent.id, actor="fixture")
        get_or_create_coder(session, "Lin", actor="fixture")
        session.add_all([Case(name="Dr Wang"), Document(
            name="访谈01", source_name="a.txt", format="txt", language="zh", text=TEXT, char_count=len(TEXT),
            sha256=hashlib.sha256(TEXT.encode()).hexdigest())])
    return path


@pytest.fixture()
def project(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    shutil.copy(template, target)
    return target


def memos(path: Path, kinds: list[str] | None = None):
    with Project.open(path) as opened, opened.session() as session:
        return list_memos(session, kinds)


def test_add_list_search_edit_delete(project: Path) -> None:
    added = json.loads(run("memo", "add", project, "document", "访谈01", "--title", "资金", "--text",
                           "县里统一管理资金。", "--author", "Lin", "--json").output)
    assert (added["target"], added["author"]) == ("访谈01", "Lin")
    run("memo", "add", project, "code", "Decision rights/Owner functions", "--text", "Who OWNS the hospital?")
    run("memo", "add", project, "case", "Dr Wang", "--text", "Open interviewee.")
    run("memo", "add", project, "project", "--title", "Aims", "--text", "Four alliance modes.")
    assert [(r.kind, r.target_name) for r in memos(project)] == [
        ("project", "Project"), ("document", "访谈01"), ("case", "Dr Wang"),
        ("code", "Decision rights/Owner functions")]
    listed = run("memo", "list", project, "--kind", "code").output
    assert "Decision rights/Owner functions: Who OWNS the hospital?" in listed
    found = json.loads(run("memo", "search", project, "统一", "--json").output)
    assert [r["uuid"] for r in found] == [added["uuid"]]
    assert "Who OWNS" in run("memo", "search", project, "owns").output
    run("memo", "edit", project, added["uuid"][:8], "--text", "由县里管理。")
    assert memos(project, ["document"])[0].text == "由县里管理。"
    run("memo", "delete", project, added["uuid"][:8])
    assert memos(project, ["document"]) == []


@pytest.mark.parametrize("args, message", [
    (("memo", "add", "{p}", "document", "P99", "--text", "x"), "P99"),
    (("memo", "add", "{p}", "case", "Nobody", "--text", "x"), "no case 'Nobody'"),
    (("memo", "add", "{p}", "document", "访谈01", "--text", " "), "needs a title or some text"),
    (("memo", "add", "{p}", "project", "--text", "x", "--author", "Ghost"), "no coder 'Ghost'"),
    (("memo", "edit", "{p}", "deadbeef", "--text", "x"), "no memo 'deadbeef'"),
    (("memo", "search", "{p}", " "), "nothing to search for"),
])
def test_bad_input_is_one_error_line_and_writes_nothing(project: Path, args, message) -> None:
    result = CliRunner().invoke(cli, [a.format(p=project) for a in args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert memos(project) == []


def test_a_target_for_the_project_memo_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(cli, ["memo", "add", str(project), "project", "访谈01", "--text", "x"])
    assert result.exit_code == 2 and "takes no TARGET" in result.output


def test_journal_add_and_read_newest_first(project: Path) -> None:
    assert run("journal", project).output.strip() == "The journal is empty."
    run("journal", project, "--add", "Started coding.", "--author", "Lin")
    run("journal", project, "--add", "Merged two codes.", "--title", "Codebook")
    entries = json.loads(run("journal", project, "--json").output)
    assert [e["text"] for e in entries] == ["Merged two codes.", "Started coding."]
    assert entries[1]["author"] == "Lin"
    with Project.open(project) as opened, opened.session() as session:
        assert [e.text for e in journal(session)] == ["Merged two codes.", "Started coding."]
    assert "Codebook" in run("journal", project).output
