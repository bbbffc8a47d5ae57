"""`concord import` of PDF, ODT, RTF, HTML and Markdown files, `concord document-info` showing the original and
a PDF's pages, and `concord export-original` writing the original back out, through CliRunner and asserting
through the library."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from coding.cli import cli
from coding.originals import original_info
from coding.project import Project
from models import Document, DocumentOriginal, DocumentPage
from tests.core import pdf_samples


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    run("new", path, "--empty-codebook")
    return path


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    pdf_samples.write(folder / "p01.pdf", pdf_samples.one_column_pdf(pdf_samples.transcript_turns(30),
                                                                     page_labels="roman"))
    (folder / "p02.html").write_text("<p>Interviewer: When?</p><p>P02: In 2019.</p>", encoding="utf-8")
    (folder / "p03.rtf").write_bytes(rb"{\rtf1\ansi Interviewer: Why?\par P03: Because.\par}")
    (folder / "p04.md").write_text("Interviewer: Who?\nP04: **Me**.", encoding="utf-8")
    pdf_samples.write(folder / "p05_scan.pdf", pdf_samples.scanned_pdf())
    return folder


def _names_and_formats(project: Path) -> list[tuple[str, str]]:
    with Project.open_for_reading(project) as opened, opened.session() as session:
        return [(d.name, d.format) for d in session.scalars(select(Document).order_by(Document.name))]


def test_a_folder_of_mixed_formats_imports_and_reports_the_scan(project: Path, sources: Path) -> None:
    result = run("import", project, sources, "--json", ok=False)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(Path(item["path"]).name, item["status"], item["format"]) for item in report["items"]] == [
        ("p01.pdf", "imported", "pdf"), ("p02.html", "imported", "html"), ("p03.rtf", "imported", "rtf"),
        ("p04.md", "imported", "md"), ("p05_scan.pdf", "failed", ""),
    ]
    assert "no text layer (scanned?)" in report["items"][4]["message"]
    assert "Error: 1 of 5 files failed to import" in result.stderr
    assert _names_and_formats(project) == [("p01", "pdf"), ("p02", "html"), ("p03", "rtf"), ("p04", "md")]


def test_max_pages_refuses_a_long_pdf(project: Path, sources: Path) -> None:
    result = run("import", project, sources / "p01.pdf", "--max-pages", "2", ok=False)
    assert result.exit_code == 1
    assert "pages, over the limit of 2 (raise ImportOptions.max_pages or concord import --max-pages)" in result.output
    assert _names_and_formats(project) == []


def test_document_info_shows_the_original_and_the_pages(project: Path, sources: Path) -> None:
    run("import", project, sources / "p01.pdf", sources / "p02.html")
    data = json.loads(run("document-info", project, "p01", "--json").output)
    size = (sources / "p01.pdf").stat().st_size
    assert data["original"] | {"sha256": None} == {
        "filename": "p01.pdf", "media_type": "application/pdf", "size": size, "sha256": None,
    }
    assert [page["label"] for page in data["pages"][:3]] == ["i", "ii", "1"]
    assert data["pages"][0]["start"] == 0
    text = run("document-info", project, "p01").output
    assert f"Original file: p01.pdf (application/pdf, {size:,} bytes" in text
    assert f"Pages: {len(data['pages'])} (printed i–{data['pages'][-1]['label']})." in text
    html = json.loads(run("document-info", project, "p02", "--json").output)
    assert html["original"]["media_type"] == "text/html" and html["pages"] == []


def test_export_original_writes_the_bytes_and_refuses_to_overwrite(project: Path, sources: Path,
                                                                     tmp_path: Path) -> None:
    run("import", project, sources / "p03.rtf")
    out = tmp_path / "back.rtf"
    result = run("export-original", project, "p03", out)
    assert out.read_bytes() == (sources / "p03.rtf").read_bytes()
    assert result.output.startswith(f"Wrote {out}: the original p03.rtf of p03")
    again = run("export-original", project, "p03", out, ok=False)
    assert again.exit_code == 1 and again.stderr.strip() == f"Error: {out}: already exists (use --force to overwrite it)"
    out.write_bytes(b"changed")
    data = json.loads(run("export-original", project, "p03", out, "--force", "--json").output)
    assert out.read_bytes() == (sources / "p03.rtf").read_bytes()
    with Project.open_for_reading(project) as opened, opened.session() as session:
        document = session.scalars(select(Document)).one()
        info = original_info(session, document.id)
    assert info is not None and data == {"document": "p03", "out": str(out), **info.to_dict()}


def test_export_original_of_an_unknown_document_fails_cleanly(project: Path, tmp_path: Path) -> None:
    result = run("export-original", project, "nobody", tmp_path / "x.pdf", ok=False)
    assert result.exit_code == 1 and result.stderr.startswith("Error: no document 'nobody'")
    assert not (tmp_path / "x.pdf").exists()


def test_originals_and_pages_on_postgresql(pg_server, sources: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The bytes go to a bytea column on a server: the same commands, a URL for the project."""
    from tests.pg import fresh_database_name

    database = fresh_database_name("formats")
    url = pg_server.url(database)
    try:
        run("new", url, "--empty-codebook")
        run("import", url, sources / "p01.pdf", sources / "p03.rtf")
        out = tmp_path / "back.pdf"
        run("export-original", url, "p01", out)
        assert out.read_bytes() == (sources / "p01.pdf").read_bytes()
        data = json.loads(run("document-info", url, "p01", "--json").output)
        assert [page["label"] for page in data["pages"][:3]] == ["i", "ii", "1"]
        run("document", "delete", url, "p01", "--yes")
        assert json.loads(run("document-info", url, "p03", "--json").output)["original"]["filename"] == "p03.rtf"
        with Project.open(url) as opened, opened.session() as session:
            left = session.scalars(select(DocumentOriginal.filename)).all()
            pages = session.scalars(select(DocumentPage.id)).all()
        assert (left, pages) == (["p03.rtf"], [])  # p01's original and pages went with it
    finally:
        pg_server.drop(database)
