"""Originals kept: the imported file's bytes come back byte for byte, go with their document when it is deleted
and come back with it on undo, and stay out of the queries that list or open documents."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from coding import documents
from coding.edits.cases import DeleteDocumentsEdit
from coding.errors import ConcordError, NotFoundError
from coding.importing import add_document_text, import_paths
from coding.originals import document_pages, original_data, original_info, page_of, write_original
from coding.project import Project
from coding.readers import document_rows
from models import Document, DocumentOriginal, DocumentPage
from tests.core import pdf_samples

ACTOR = "tester"


@pytest.fixture
def imported(import_project: Project, tmp_path: Path) -> Iterator[tuple[Project, Path]]:
    """A project holding one PDF transcript imported from a file."""
    path = pdf_samples.write(tmp_path / "p01.pdf", pdf_samples.one_column_pdf(pdf_samples.transcript_turns(30)))
    report = import_paths(import_project, [path])
    assert [task.status for task in report.items] == ["imported"], report.summary
    yield import_project, path


def _document(project: Project) -> Document:
    with project.session() as session:
        document = session.scalars(select(Document)).one()
        session.expunge(document)
        return document


def _counts(project: Project) -> tuple[int, int]:
    with project.session() as session:
        return (session.scalar(select(func.count()).select_from(DocumentOriginal)) or 0,
                session.scalar(select(func.count()).select_from(DocumentPage)) or 0)


def test_the_original_comes_back_byte_for_byte(imported: tuple[Project, Path], tmp_path: Path) -> None:
    project, path = imported
    document = _document(project)
    out = tmp_path / "back.pdf"
    with project.session() as session:
        info = write_original(session, document, out)
        assert original_info(session, document.id) == info
    assert out.read_bytes() == path.read_bytes()
    assert (info.filename, info.media_type, info.size) == ("p01.pdf", "application/pdf", path.stat().st_size)
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_writing_over_a_file_needs_overwrite(imported: tuple[Project, Path], tmp_path: Path) -> None:
    project, path = imported
    document = _document(project)
    out = tmp_path / "taken.pdf"
    out.write_bytes(b"mine")
    with project.session() as session, pytest.raises(ConcordError, match="already exists"):
        write_original(session, document, out)
    assert out.read_bytes() == b"mine"
    with project.session() as session:
        write_original(session, document, out, overwrite=True)
    assert out.read_bytes() == path.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".taken")] == []  # no temporary file left


def test_a_document_not_imported_from_a_file_has_no_original(import_project: Project) -> None:
    with import_project.session() as session:
        document = add_document_text(session, name="typed", text="Interviewer: typed in.", source_name="typed",
                                     format="txt")
        assert original_info(session, document.id) is None
        with pytest.raises(NotFoundError, match="document 'typed' has no original file kept"):
            original_data(session, document)


def test_deleting_a_document_deletes_its_original_and_pages_and_undo_restores_them(
        imported: tuple[Project, Path]) -> None:
    project, path = imported
    document = _document(project)
    with project.session() as session:
        pages_before = document_pages(session, document.id)
    assert _counts(project) == (1, len(pages_before)) and len(pages_before) > 1
    edit = DeleteDocumentsEdit([document.uuid])
    with project.session() as session:
        edit.do(session, ACTOR)
    assert _counts(project) == (0, 0)
    with project.session() as session:
        edit.undo(session, ACTOR)
    restored = _document(project)
    with project.session() as session:
        assert original_data(session, restored)[1] == path.read_bytes()
        assert document_pages(session, restored.id) == pages_before
    with project.session() as session:
        edit.redo(session, ACTOR)
    assert _counts(project) == (0, 0)


def test_deleting_through_the_documents_module_cascades_too(imported: tuple[Project, Path]) -> None:
    project, _ = imported
    with project.session() as session:
        deleted = documents.delete_documents(session, ["p01"], actor=ACTOR)
    assert deleted.rows.count("document_originals") == 1 and deleted.rows.count("document_pages") > 1
    assert _counts(project) == (0, 0)


def test_listing_and_opening_documents_never_read_the_originals(imported: tuple[Project, Path]) -> None:
    """The bytes are a deferred column of their own table: the Documents panel's queries leave them alone."""
    project, _ = imported
    statements: list[str] = []
    with project.session() as session:
        engine = session.get_bind()

        def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
            statements.append(statement)

        event.listen(engine, "before_cursor_execute", seen)
        try:
            rows = document_rows(session)
            documents.load_document(session, rows[0].id)
            original_info(session, rows[0].id)
        finally:
            event.remove(engine, "before_cursor_execute", seen)
    assert statements
    reads_bytes = [s for s in statements if "document_originals" in s and "data" in s.split("FROM")[0]]
    assert reads_bytes == []


def test_page_of_finds_the_page_an_offset_falls_on(imported: tuple[Project, Path]) -> None:
    project, _ = imported
    document = _document(project)
    with project.session() as session:
        pages = document_pages(session, document.id)
    assert page_of(pages, 0) == pages[0]
    assert page_of(pages, pages[1].start) == pages[1]
    assert page_of(pages, pages[-1].end) == pages[-1]
    assert page_of([], 5) is None
