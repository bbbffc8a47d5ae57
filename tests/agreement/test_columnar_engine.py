"""The columnar engine (every document at once) gives exactly the figures of the per-document reference loops:
alpha, kappa, percent agreement, n and every per-document value and note, on the demo and on a generated project
with missing coders."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding.agreement.compare import ComparisonParams, run_comparison
from coding.agreement.figure_table import FigureTable
from coding.errors import ValidationError
from coding.project import Project

SIX = ("percent", "alpha", "kappa", "fleiss", "bp", "ac1")


def both_engines(path: Path, params: ComparisonParams) -> tuple[object, object]:
    with Project.open(path) as project, project.session() as session:
        return (run_comparison(session, params), run_comparison(session, params, engine="reference"))


@pytest.mark.parametrize("unit", ["sentence", "turn", "character", "document"])
@pytest.mark.parametrize("rule", ["any", "50%"])
def test_generated_project_with_missing_coders(generated_project: Path, unit: str, rule: str) -> None:
    for coders in (("A", "B"), ("A", "B", "C")):
        params = ComparisonParams(coders=coders, unit=unit, rule=rule, measures=SIX, pairs_per_document=True)
        columnar, reference = both_engines(generated_project, params)
        assert list(columnar.figures) == list(reference.figures)  # type: ignore[attr-defined]
        assert len(columnar.figures) > 0  # type: ignore[attr-defined]
        per_document = [f for f in columnar.figures if f.document_uuid is not None]  # type: ignore[attr-defined]
        if unit != "document":
            assert per_document
        if unit != "document" and len(coders) == 3:  # the gaps reach the figures: C is missing in one document
            assert any("did not code this document" in f.note for f in per_document)
            assert any(f.note.startswith("pairable values") for f in per_document)


@pytest.mark.parametrize("unit", ["sentence", "character"])
def test_demo_default_run_and_bootstrap(demo_project: Path, unit: str) -> None:
    params = ComparisonParams(coders=("Lin", "Morgan"), unit=unit, n_resamples=200, seed=3,
                              measures=(*SIX, "ualpha"), boundary=2)
    columnar, reference = both_engines(demo_project, params)
    assert list(columnar.figures) == list(reference.figures)  # type: ignore[attr-defined]
    default = ComparisonParams(coders=("Lin", "Morgan"), unit=unit)
    columnar, reference = both_engines(demo_project, default)
    assert isinstance(columnar.figures, FigureTable)  # type: ignore[attr-defined]
    assert list(columnar.figures) == list(reference.figures)  # type: ignore[attr-defined]
    alpha = columnar.select(measure="alpha", document_uuid=None, code_uuid=None)  # type: ignore[attr-defined]
    assert alpha and alpha == reference.select(measure="alpha", document_uuid=None,  # type: ignore[attr-defined]
                                               code_uuid=None)


def test_done_only_and_chosen_documents(generated_project: Path) -> None:
    with Project.open(generated_project) as project, project.session() as session:
        from coding.agreement.sources import resolve_documents

        names = [d.name for d in resolve_documents(session, None, [], ["A"], coded=[{1, 2, 3, 4}, {1, 2, 3, 4}])]
    params = ComparisonParams(coders=("A", "C"), documents=tuple(names[:3]), measures=SIX)
    columnar, reference = both_engines(generated_project, params)
    assert list(columnar.figures) == list(reference.figures)  # type: ignore[attr-defined]


def test_an_unknown_engine_is_refused(generated_project: Path) -> None:
    with Project.open(generated_project) as project, project.session() as session, \
            pytest.raises(ValidationError, match="engine"):
        run_comparison(session, ComparisonParams(coders=("A", "B")), engine="fast")


def test_offsets_too_large_to_pack_are_read_in_full(project_copy: Path) -> None:
    """A unit ending past 2**21 characters does not fit the one-integer read: the units are read again in two
    integers each, and the figures still equal the reference loops'."""
    import sqlite3

    with sqlite3.connect(project_copy) as raw:
        raw.execute('UPDATE sentences SET "end" = 2097160 WHERE id = (SELECT max(id) FROM sentences)')
    params = ComparisonParams(coders=("A", "B", "C"), unit="sentence", measures=SIX, pairs_per_document=True)
    columnar, reference = both_engines(project_copy, params)
    assert list(columnar.figures) == list(reference.figures)  # type: ignore[attr-defined]
    with Project.open(project_copy) as project, project.session() as session:
        from coding.agreement.columns import load_unit_columns
        from coding.agreement.sources import resolve_documents

        documents = resolve_documents(session, None, [], ["A"], coded=[{d for d in range(1, 100)}] * 2)
        units = load_unit_columns(session, "sentence", documents)
    assert int(units.end.max()) == 2097160
