"""The dictionary suite on both engines: tests of tests/core/test_dictionaries.py — import, export, undo and
redo; category and entry edits; refused undo; hits and autocode passages — on the dictionary world as an SQLite
file and as a PostgreSQL database (``project`` is ``project_on_engine`` of tests/pg.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.project import Project
from tests.core.dictionary_world import build_dictionary_world
from tests.core.test_dictionaries import (
    imported,
    test_autocode_passages_at_each_scope,
    test_edits_of_categories_and_entries_undo_in_turn,
    test_find_hits_has_offsets_into_the_text,
    test_import_export_round_trip_undo_and_redo,
    test_undo_refuses_when_the_dictionary_changed_since,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dictionary_world(tmp_path_factory.mktemp("engines-dictionary"))


@pytest.fixture
def project(project_on_engine: Project) -> Iterator[Project]:
    yield project_on_engine


__all__ = [
    "imported", "project", "template", "test_autocode_passages_at_each_scope",
    "test_edits_of_categories_and_entries_undo_in_turn", "test_find_hits_has_offsets_into_the_text",
    "test_import_export_round_trip_undo_and_redo", "test_undo_refuses_when_the_dictionary_changed_since",
]
