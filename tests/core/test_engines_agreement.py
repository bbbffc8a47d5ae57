"""The agreement suite on both engines: stored comparisons of tests/core/test_agreement_runs.py (a run stored and
reopened equal, run again from its parameters, listed and deleted, followed over training rounds, intra-coder
agreement from a snapshot) on a project as an SQLite file and as a PostgreSQL database (``project`` is
``project_on_engine`` of tests/pg.py, parametrised through ``engine_name``, on the same two documents as there)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.project import Project
from tests.core.test_agreement_runs import (
    build,
    test_a_measure_followed_over_training_rounds,
    test_a_stored_run_can_be_run_again_from_its_parameters,
    test_intra_coder_agreement_from_a_snapshot,
    test_runs_are_listed_and_deletion_cascades,
    test_stored_run_reopens_equal_to_what_was_computed,
)
from tests.core.test_agreement_units import TEXT, add_document


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two documents of test_agreement_runs's ``project``, made once and copied per test and engine."""
    path = tmp_path_factory.mktemp("agreement") / "runs.concord"
    with Project.create(path) as created, created.session() as session:
        add_document(session, "doc1")
        add_document(session, "doc2", text=TEXT.replace("This", "That"))
    return path


@pytest.fixture
def project(project_on_engine: Project) -> Iterator[Project]:
    yield project_on_engine


__all__ = [
    "build", "project", "template", "test_a_measure_followed_over_training_rounds",
    "test_a_stored_run_can_be_run_again_from_its_parameters", "test_intra_coder_agreement_from_a_snapshot",
    "test_runs_are_listed_and_deletion_cascades", "test_stored_run_reopens_equal_to_what_was_computed",
]
