"""Fixtures for the agreement-at-scale tests: small generated projects, real SQLite files in a temporary folder."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from benchmarks.generate_corpus import build_synthetic_project
from coding.demo import build_demo

CODERS = ("A", "B", "C")


@pytest.fixture(scope="session")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1× synthetic project cut down to 10 documents (the generator's codebook, three coders who mostly agree),
    with gaps: C did not code the first document, B and C not the second, A left one code out of the third."""
    path = tmp_path_factory.mktemp("generated") / "generated.concord"
    build_synthetic_project(path, 1, 7, coders=CODERS, documents=10, words_per_document=700)
    with sqlite3.connect(path) as raw:
        documents = [row[0] for row in raw.execute("SELECT id FROM documents ORDER BY id")]
        coders = dict(raw.execute("SELECT name, id FROM coders"))
        for coder, document in (("C", documents[0]), ("B", documents[1]), ("C", documents[1])):
            raw.execute("DELETE FROM codings WHERE coder_id = ? AND document_id = ?", (coders[coder], document))
        raw.execute("DELETE FROM codings WHERE coder_id = ? AND document_id = ? AND code_id = "
                    "(SELECT min(code_id) FROM codings)", (coders["A"], documents[2]))
    return path


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")


@pytest.fixture
def project_copy(tmp_path: Path, generated_project: Path) -> Path:
    """A copy of the generated project a test may write to."""
    return Path(shutil.copy(generated_project, tmp_path / "copy.concord"))
