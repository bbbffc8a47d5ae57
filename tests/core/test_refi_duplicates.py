"""One text, one document: duplicates by normalised text on every way in, and twins made by older versions.

Two files with the same text but other line ends (LF, CRLF) or another encoding used to become two
documents (the import compared file bytes); a REFI-QDA round trip then kept one and dropped the
other's codings. Now the .txt/.docx import refuses the second, a REFI import merges it (codings
kept), and migration 0005 gives older projects text hashes while keeping their twins exportable.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.errors import DuplicateError
from coding.importing import add_document_text, import_file, import_paths
from coding.importing.store import text_sha256
from coding.project import Project
from coding.refi import export_qdpx, import_qdpx
from models import Code, Coder, Coding, Document
from models.store import downgrade, make_engine, sqlite_url

TEXT = "Interviewer: Who decides on equipment?\n\nDirector: The bureau decides, we only propose.\n\nInterviewer: Staff?"


def test_the_same_text_with_other_line_ends_or_encoding_is_refused_naming_the_document(
    import_project: Project, import_make_docx, tmp_path: Path
) -> None:
    lf = tmp_path / "p01.txt"
    lf.write_bytes(TEXT.encode())
    crlf = tmp_path / "p01 (windows).txt"
    crlf.write_bytes(TEXT.replace("\n", "\r\n").encode())
    utf16 = tmp_path / "p01 (utf16).txt"
    utf16.write_bytes(TEXT.encode("utf-16"))
    report = import_paths(import_project, [lf, crlf, utf16])
    assert [item.status for item in report.items] == ["imported", "skipped", "skipped"]
    assert [item.message for item in report.items[1:]] == [
        f"{crlf}: already imported as p01",
        f"{utf16}: already imported as p01",
    ]
    paragraphs = [("p", paragraph) for paragraph in TEXT.split("\n\n")]
    docx = import_make_docx(tmp_path / "p01.docx", paragraphs)
    with pytest.raises(DuplicateError, match=r"p01\.docx: already imported as p01"):
        import_file(import_project, docx)
    with import_project.session() as session:
        document = session.scalar(select(Document))
        assert session.scalar(select(func.count(Document.id))) == 1
        assert document.sha256 == text_sha256(TEXT) == hashlib.sha256(TEXT.encode()).hexdigest()


# -- a project made by an older version, holding twins --------------------------------------------------
def _legacy_project(path: Path) -> dict[str, list[tuple[int, int]]]:
    """A project at schema 0004 as older versions left it: documents hashed by their files' bytes, two of
    them twins (the CRLF file imported first, then the LF one), each coded. Returns the spans coded."""
    project = Project.create(path, with_codebook=True)
    crlf_bytes, lf_bytes = TEXT.replace("\n", "\r\n").encode(), TEXT.encode()
    other = "Interviewer: What about budgets?\nDoctor: Separate, as before."
    spans = {"crlf": [(0, 11), (40, 50)], "lf": [(52, 62)], "other": [(13, 20)]}
    with project.session() as session:
        first = add_document_text(session, name="p01 crlf", text=TEXT, source_name="p01 crlf.txt", format="txt")
        first.sha256 = hashlib.sha256(crlf_bytes).hexdigest()
        twin = Document(
            name="p01",
            source_name="p01.txt",
            format="txt",
            sha256=hashlib.sha256(lf_bytes).hexdigest(),  # the text hash already: it keeps it
            text=TEXT,
            char_count=len(TEXT),
            language="en",
        )
        session.add(twin)
        session.flush()
        third = add_document_text(session, name="p02", text=other, source_name="p02.docx", format="docx")
        third.sha256 = hashlib.sha256(b"PK\x03\x04 the bytes of a docx").hexdigest()
        coder = Coder(name="Lin")
        session.add(coder)
        session.flush()
        code_id = session.scalar(select(Code.id).where(Code.name == "Owner functions"))
        for document, key in ((first, "crlf"), (twin, "lf"), (third, "other")):
            for start, end in spans[key]:
                session.add(Coding(document_id=document.id, coder_id=coder.id, code_id=code_id, start=start, end=end))
    project.close()
    engine = make_engine(sqlite_url(path))
    try:
        downgrade(engine, "0004")
    finally:
        engine.dispose()
    return spans


def _quotes(project: Project) -> list[str]:
    with project.session() as session:
        rows = session.execute(
            select(Document.text, Coding.start, Coding.end).join(Document, Document.id == Coding.document_id)
        ).all()
    return sorted(text[start:end] for text, start, end in rows)


def test_older_projects_get_text_hashes_and_their_twins_round_trip_without_losing_codings(
    import_pipelines: dict[str, object], tmp_path: Path
) -> None:
    spans = _legacy_project(tmp_path / "old.concord")
    expected_quotes = sorted(TEXT[s:e] for key in ("crlf", "lf") for s, e in spans[key]) + sorted(
        "Interviewer: What about budgets?\nDoctor: Separate, as before."[s:e] for s, e in spans["other"]
    )
    project = Project.open(tmp_path / "old.concord")  # upgrades through 0005
    try:
        assert project.upgraded_from == "0004"
        with project.session() as session:
            hashes = dict(session.execute(select(Document.name, Document.sha256)).all())
            texts = dict(session.execute(select(Document.name, Document.text)).all())
        assert hashes["p01"] == text_sha256(texts["p01"])  # the twin that already held the text hash
        assert hashes["p02"] == text_sha256(texts["p02"])  # a file hash became the text hash
        assert hashes["p01 crlf"] == hashlib.sha256(TEXT.replace("\n", "\r\n").encode()).hexdigest()  # kept
        lf = tmp_path / "again.txt"
        lf.write_bytes(TEXT.replace("\n", "\r\n").encode())
        with pytest.raises(DuplicateError, match="already imported as p01"):
            import_file(project, lf)
        assert sorted(_quotes(project)) == sorted(expected_quotes)
        with project.session() as session:
            exported = export_qdpx(session, tmp_path / "old.qdpx")
        assert exported.counts["sources"] == 3 and exported.counts["codings"] == 4
    finally:
        project.close()
    report = import_qdpx(tmp_path / "old.qdpx", tmp_path / "back.concord")
    assert report.counts["sources"] == 2 and report.counts["merged sources"] == 1
    assert report.counts["codings"] == 4 and report.skipped_total == 0, report.skipped
    back = Project.open(tmp_path / "back.concord")
    try:
        assert _quotes(back) == sorted(expected_quotes)
        with back.session() as session:
            assert session.scalar(select(func.count(Coding.id))) == 4
            assert session.scalar(select(func.count(Document.id))) == 2
    finally:
        back.close()


@pytest.mark.parametrize(
    "text",
    [TEXT, "e\x00\u0301 café\r\n\r\n\r\n\r\nend  ", "\ufeffA\x0cB\u2028C\u0f73\x00\u0f73 ", "中文 😀\t\n\n\n"],
)
def test_the_migration_hashes_texts_as_the_application_does(text: str) -> None:
    """Migration 0005 carries a frozen copy of the normalisation: it must agree with today's."""
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "models" / "migrations" / "versions" / "0005_text_hash.py"
    spec = importlib.util.spec_from_file_location("migration_0005", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert module._text_hash(text) == text_sha256(text)
