"""`concord document|case|attribute rename|delete` and `concord import --exclude`."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from coding.cli import cli
from coding.project import Project
from models import Attribute, AttributeValue, AuditEvent, Case, Coding, Document
from tests.core.conftest import write_docx
from tests.core.refusals import snapshot


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("cli-housekeeping") / "demo.concord")


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    from models.store import copy_project

    copy_project(template, tmp_path / "p.concord")
    return tmp_path / "p.concord"


def count(path: Path, query) -> int:  # type: ignore[no-untyped-def]
    with Project.open(path) as opened, opened.session() as session:
        return session.scalar(query)


def in_project(path: Path) -> dict:
    with Project.open(path) as opened:
        return snapshot(opened)


DOCUMENT = "P01_luohu_health_bureau"


def test_document_delete_needs_yes_when_it_holds_codings(project: Path) -> None:
    before = in_project(project)
    result = run("document", "delete", project, DOCUMENT, "--json", ok=False)
    assert result.exit_code == 1
    preview = json.loads(result.stdout)
    assert preview["deleted"] is False and preview["coders"] == ["Lin", "Morgan"] and preview["codings"] > 0
    assert "add --yes to delete" in result.stderr
    assert in_project(project) == before

    result = run("document", "delete", project, DOCUMENT, "--yes")
    assert result.stdout.startswith(f"Deleted 1 document with {preview['codings']} codings by 2 coders")
    assert count(project, select(func.count()).select_from(Document).where(Document.name == DOCUMENT)) == 0
    assert count(project, select(func.count()).select_from(Coding)) == len(before["codings"]) - preview["codings"]
    assert count(project, select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "delete", AuditEvent.entity == "document")) == 1


def test_document_rename_and_clash(project: Path) -> None:
    result = run("document", "rename", project, DOCUMENT, "P01 bureau", "--json")
    assert json.loads(result.stdout) == {"document": "P01 bureau", "previous": DOCUMENT, "changed": True}
    before = in_project(project)
    clash = run("document", "rename", project, "P01 bureau", "p02_luohu_community_doctor", ok=False)
    assert clash.exit_code == 1
    assert clash.stderr.strip() == "Error: there is already a document named 'P02_luohu_community_doctor'"
    empty = run("document", "rename", project, "P01 bureau", "  ", ok=False)
    assert empty.stderr.strip() == "Error: document name is empty"
    assert in_project(project) == before


def test_case_rename_and_delete(project: Path) -> None:
    run("case", "rename", project, "P01", "Bureau official")
    refused = run("case", "delete", project, "Bureau official", ok=False)
    assert refused.exit_code == 1 and "attribute values, 1 document detached" in refused.stdout
    assert count(project, select(func.count()).select_from(Case).where(Case.name == "Bureau official")) == 1
    result = run("case", "delete", project, "Bureau official", "--yes", "--json")
    assert json.loads(result.stdout)["documents_detached"] == 1
    assert count(project, select(Document.case_id).where(Document.name == DOCUMENT)) is None
    assert count(project, select(func.count()).select_from(Case).where(Case.name == "Bureau official")) == 0


def test_attribute_rename_and_delete(project: Path) -> None:
    run("attribute", "rename", project, "alliance_mode", "Alliance mode")
    refused = run("attribute", "delete", project, "Alliance mode", ok=False)
    assert refused.exit_code == 1 and "8 attribute values" in refused.stdout
    run("attribute", "delete", project, "alliance mode", "--yes")
    assert count(project, select(func.count()).select_from(Attribute).where(Attribute.name == "Alliance mode")) == 0
    missing = run("attribute", "delete", project, "alliance mode", ok=False)
    assert missing.stderr.startswith("Error: no attribute 'alliance mode'")
    assert count(project, select(func.count()).select_from(AttributeValue)) > 0  # the other attributes' values


def test_import_folder_leaves_out_readme_and_excluded_files(tmp_path: Path) -> None:
    path = tmp_path / "study.concord"
    Project.create(path, with_codebook=False).close()
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "README.md").write_text("# How these interviews were collected\n", encoding="utf-8")
    (folder / "P01.txt").write_text("Interviewer: Your role?\n\nR: I head the bureau.\n", encoding="utf-8")
    (folder / "notes-P01.txt").write_text("R: my own notes\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_docx(folder / "P02.docx", [("p", "Interviewer: Who appoints you?"), ("p", "R: The council does.")])
    result = run("import", path, folder, "--exclude", "notes*")
    assert "Left out" in result.stdout
    left_out = {line.split(": ", 1)[0].removeprefix("Left out ") for line in result.stdout.splitlines()
                if line.startswith("Left out")}
    assert left_out == {str(folder / n) for n in ("README.md", "notes-P01.txt", "photo.png")}
    with Project.open(path) as opened, opened.session() as session:
        assert set(session.scalars(select(Document.name))) == {"P01", "P02"}


def test_import_with_everything_excluded_says_so(tmp_path: Path) -> None:
    path = tmp_path / "study.concord"
    Project.create(path, with_codebook=False).close()
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "draft.txt").write_text("R: draft\n", encoding="utf-8")
    result = run("import", path, folder, "--exclude", "*.txt", "--json", ok=False)
    assert result.exit_code == 1 and "nothing to import" in result.stderr
