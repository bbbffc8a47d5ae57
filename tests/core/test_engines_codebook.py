"""The codebook suite on both engines: representative tests of tests/core/test_codebook.py (the built-in
codebook, finding, adding, renaming, moving, merging, deleting, importing codes) run on the module's own template
project as an SQLite file and as a PostgreSQL database — ``project`` here is ``project_on_engine`` of tests/pg.py,
parametrised through ``engine_name``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coding.project import Project
from tests.core.test_codebook import (
    template,
    test_add_code_appends_under_its_parent_with_parent_colour_and_audit,
    test_builtin_codebook_has_the_three_levels_of_table_2,
    test_delete_a_leaf_code,
    test_import_merges_by_uuid_then_by_path,
    test_merge_moves_children_and_merges_namesakes,
    test_moving_a_subtree_moves_its_children_along,
    test_rename_code_and_its_audit,
    test_update_code_sets_known_fields_and_audits_only_changes,
)


@pytest.fixture
def project(project_on_engine: Project) -> Iterator[Project]:
    yield project_on_engine


__all__ = [
    "project", "template", "test_add_code_appends_under_its_parent_with_parent_colour_and_audit",
    "test_builtin_codebook_has_the_three_levels_of_table_2",
    "test_delete_a_leaf_code",
    "test_import_merges_by_uuid_then_by_path", "test_merge_moves_children_and_merges_namesakes",
    "test_moving_a_subtree_moves_its_children_along", "test_rename_code_and_its_audit",
    "test_update_code_sets_known_fields_and_audits_only_changes",
]
