"""The run list reuses the summaries it already has (a stored run never changes; at scale each run's parameters
are half a megabyte of JSON) and never a summary of a deleted run whose id a new run was given."""

from __future__ import annotations

from dataclasses import replace

from coding.agreement.runs import delete_run, list_runs
from coding.project import Project
from tests.core.test_agreement_runs import build, project, run_and_store  # noqa: F401  (fixtures)
from tests.core.test_agreement_units import Builder


def test_known_summaries_are_reused_and_new_runs_read(project: Project, build: Builder) -> None:  # noqa: F811
    first, _ = run_and_store(project, "first", coders=("A", "B"))
    with project.session() as session:
        fresh = list_runs(session)
    marked = {first: replace(fresh[0], note="as the caller kept it")}
    second, _ = run_and_store(project, "second", coders=("A", "B"))
    with project.session() as session:
        listed = list_runs(session, marked)
        again = list_runs(session)
    assert [r.id for r in listed] == [first, second] == [r.id for r in again]
    assert listed[0].note == "as the caller kept it"  # not read again
    assert listed[1] == again[1] and listed[1].label == "second"


def test_a_deleted_runs_summary_is_not_reused_for_a_new_run(project: Project, build: Builder) -> None:  # noqa: F811
    first, _ = run_and_store(project, "first", coders=("A", "B"))
    with project.session() as session:
        known = {run.id: run for run in list_runs(session)}
        delete_run(session, first, actor="test")
    second, _ = run_and_store(project, "second", coders=("A", "B"), unit="turn")
    with project.session() as session:
        listed = list_runs(session, known)
    assert [(r.id, r.label, r.unit) for r in listed] == [(second, "second", "turn")]
