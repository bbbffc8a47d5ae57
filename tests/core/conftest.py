"""Fixtures for the import pipeline tests (all named import_*): real project files and real .docx files."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.project import Project
from models import AuditEvent, Case, Document, Sentence, SpeakerTurn

DocxBlock = tuple  # ("heading", text, level) | ("p", text) | ("table", [[cell, ...], ...])


@pytest.fixture(scope="session")
def import_pipelines() -> dict[str, object]:
    """Both spaCy pipelines, loaded once for the whole test session."""
    from coding.nlp import get_pipeline

    return {lang: get_pipeline(lang) for lang in ("en", "zh")}


@pytest.fixture
def import_project(tmp_path: Path, import_pipelines: dict[str, object]) -> Iterator[Project]:
    # Importing touches no codes, so the project goes without the built-in codebook.
    project = Project.create(tmp_path / "p.concord", with_codebook=False)
    yield project
    project.close()


@pytest.fixture
def import_counts(import_project: Project) -> Callable[[], dict[str, int]]:
    """Row counts of every table an import writes to."""

    def counts() -> dict[str, int]:
        with import_project.session() as session:
            return {
                model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (Document, SpeakerTurn, Sentence, Case, AuditEvent)
            }

    return counts


def write_docx(path: Path, blocks: Sequence[DocxBlock]) -> Path:
    import docx

    document = docx.Document()
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            document.add_heading(block[1], level=block[2])
        elif kind == "p":
            document.add_paragraph(block[1])
        elif kind == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            raise ValueError(kind)
    document.save(str(path))
    return path


@pytest.fixture
def import_make_docx() -> Callable[[Path, Sequence[DocxBlock]], Path]:
    """``make(path, blocks)`` writes a real .docx with python-docx."""
    return write_docx


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Iterator[Project]:
    """A fresh copy of the module's ``template`` project (creating one per test would be slow)."""
    from models.store import copy_project

    copy_project(template, tmp_path / "p.concord")
    opened = Project.open(tmp_path / "p.concord")
    yield opened
    opened.close()
