"""`concord refi` through click's CliRunner, asserting through the library."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from coding.cli import cli
from coding.cli.refi import refi
from coding.importing import add_document_text
from coding.project import Project
from models import Code, Coder, Coding, Document

TEXT = "Q: Who decides?\nA: The bureau 😀 decides. 医联体没有决策权。"


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-refi") / "study.concord"
    created = Project.create(path)
    with created.session() as session:
        document = add_document_text(session, name="Interview", text=TEXT, source_name="i.txt", format="txt")
        coder = Coder(name="Ann")
        session.add(coder)
        session.flush()
        code = session.scalar(select(Code).where(Code.name == "Owner functions"))
        start = TEXT.index("The bureau")
        session.add(Coding(document_id=document.id, coder_id=coder.id, code_id=code.id, start=start, end=start + 12))
    created.close()
    return path


def test_refi_is_a_click_group_with_every_command_documented() -> None:
    assert isinstance(refi, click.Group)
    assert set(refi.commands) == {"export", "import", "export-codebook", "import-codebook"}
    for name, command in refi.commands.items():
        assert command.help and run("refi", name, "--help").output.startswith("Usage:")
        assert "--json" in run("refi", name, "--help").output


def test_export_then_import(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    exported = json.loads(run("refi", "export", project, "--out", out, "--json").output)
    assert (
        exported["counts"]["sources"] == 1 and exported["counts"]["codings"] == 1 and exported["counts"]["users"] == 1
    )
    assert exported["schema_valid"] is True and exported["skipped_total"] == 0
    assert zipfile.is_zipfile(out)
    imported = json.loads(run("refi", "import", out, "--out", tmp_path / "copy.concord", "--json").output)
    assert {k: imported["counts"][k] for k in ("sources", "codes", "codings", "cases", "users")} == {
        "sources": 1,
        "codes": exported["counts"]["codes"],
        "codings": 1,
        "cases": 0,
        "users": 1,
    }
    assert imported["skipped"] == {}
    copy = Project.open(tmp_path / "copy.concord")
    try:
        with copy.session() as session:
            start, end = session.execute(select(Coding.start, Coding.end)).one()
            assert session.scalar(select(Document.text))[start:end] == "The bureau 😀"
    finally:
        copy.close()


def test_crlf_utf16_flavour(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "nvivo.qdpx"
    text = run("refi", "export", project, "--out", out, "--flavour", "crlf-utf16").output
    assert text.startswith("Exported")
    with zipfile.ZipFile(out) as archive:
        name = next(n for n in archive.namelist() if n.startswith("sources/"))
        assert archive.read(name).startswith(b"\xef\xbb\xbf")
    summary = run("refi", "import", out, "--out", tmp_path / "back.concord").output
    assert "utf16" in summary


def test_unknown_flavour_is_a_usage_error(project: Path, tmp_path: Path) -> None:
    result = run("refi", "export", project, "--out", tmp_path / "x.qdpx", "--flavour", "utf8", ok=False)
    assert result.exit_code == 2


def test_existing_files_need_force(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "study.qdpx"
    out.write_text("old")
    result = run("refi", "export", project, "--out", out, ok=False)
    assert result.exit_code == 1 and "Error:" in result.stderr and "already exists" in result.stderr
    run("refi", "export", project, "--out", out, "--force")
    assert zipfile.is_zipfile(out)


def test_hostile_archive_is_one_error_line_and_no_project(tmp_path: Path) -> None:
    bad = tmp_path / "evil.qdpx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("project.qde", b"<Project/>")
        archive.writestr("../../escape.txt", b"x")
    result = run("refi", "import", bad, "--out", tmp_path / "new.concord", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "refused as unsafe" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.qdpx"]


def test_skip_broken(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.qdpx"
    ns = "urn:QDA-XML:project:1.0"
    guid = "00000000-0000-4000-8000-00000000000{}".format
    xml = (
        f'<Project xmlns="{ns}" name="b"><Sources><TextSource guid="{guid(1)}" name="d" plainTextPath="internal://d.txt">'
        f'<PlainTextSelection guid="{guid(2)}" startPosition="0" endPosition="4">'
        f'<Coding guid="{guid(3)}"><CodeRef targetGUID="{guid(9)}"/>'
        f"</Coding></PlainTextSelection></TextSource></Sources></Project>"
    )
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr("sources/d.txt", "Some words here")
    refused = run("refi", "import", broken, "--out", tmp_path / "b.concord", ok=False)
    assert refused.exit_code == 1 and "--skip-broken" in refused.stderr
    data = json.loads(run("refi", "import", broken, "--out", tmp_path / "b.concord", "--skip-broken", "--json").output)
    assert data["skipped"] == {"codings with unknown code": 1} and data["skipped_total"] == 1
    assert data["counts"]["sources"] == 1


def test_codebook_export_and_import(project: Path, tmp_path: Path) -> None:
    qdc = tmp_path / "codes.qdc"
    exported = json.loads(run("refi", "export-codebook", project, "--out", qdc, "--json").output)
    assert exported["schema_valid"] is True and exported["counts"]["codes"] > 0
    target = tmp_path / "empty.concord"
    Project.create(target, with_codebook=False).close()
    merged = json.loads(run("refi", "import-codebook", target, qdc, "--json").output)
    assert merged["counts"]["codes added"] == exported["counts"]["codes"]
    opened = Project.open(target)
    try:
        with opened.session() as session:
            assert session.scalar(select(func.count(Code.id))) == exported["counts"]["codes"]
    finally:
        opened.close()
    again = json.loads(run("refi", "import-codebook", target, qdc, "--json").output)
    assert again["counts"]["codes added"] == 0 and again["counts"]["codes updated"] == 0


def test_missing_project_is_an_error(tmp_path: Path) -> None:
    result = run("refi", "export", tmp_path / "nope.concord", "--out", tmp_path / "x.qdpx", ok=False)
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
