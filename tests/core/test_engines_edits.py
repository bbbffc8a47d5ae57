"""The coding suite on both engines: undoable edits of tests/core/test_edits.py — one of each kind (codings, code all
hits, codebook merge, case attributes, documents, memos, consensus decisions) — do, undo and redo on the
module's template project as an SQLite file and as a PostgreSQL database (``project`` is ``project_on_engine`` of
tests/pg.py, parametrised through ``engine_name``), with the count deltas the panels rely on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coding.project import Project
from tests.core import test_edits
from tests.core.test_edits import (
    World,
    template,
    test_a_compound_edit_does_its_children_in_order_and_undoes_them_in_reverse,
    test_a_refused_child_writes_nothing_of_the_whole_step,
    test_apply_remove_and_restore_say_which_count_moved,
    test_coding_all_hits_twice_finds_nothing_to_do,
    world,
)

CHOSEN_EDITS = ["apply code", "remove codings", "recode", "code all hits", "merge codes", "attribute value",
                "delete documents", "edit memo", "decide"]


@pytest.fixture
def project(project_on_engine: Project) -> Iterator[Project]:
    yield project_on_engine


@pytest.mark.parametrize("name", CHOSEN_EDITS)
def test_do_undo_redo_undo(name: str, project: Project, world: World) -> None:
    test_edits.test_do_undo_redo_undo(name, project, world)


__all__ = [
    "project", "template", "test_a_compound_edit_does_its_children_in_order_and_undoes_them_in_reverse",
    "test_a_refused_child_writes_nothing_of_the_whole_step", "test_apply_remove_and_restore_say_which_count_moved",
    "test_coding_all_hits_twice_finds_nothing_to_do", "test_do_undo_redo_undo", "world",
]
