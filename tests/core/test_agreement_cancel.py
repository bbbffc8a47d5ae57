"""Cancelling a comparison stops it wherever it is (reading units, evaluating, packing, storing) and stores
nothing: at 100x a run takes seconds in each of those phases, and a cancel must not wait for the end (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from coding.agreement.columns import load_span_columns, load_unit_columns
from coding.agreement.compare import ComparisonParams, ComparisonResult, run_comparison
from coding.agreement.runs import store_run
from coding.agreement.sources import resolve_documents, resolve_raters
from coding.errors import CancelledError
from coding.project import Project
from models import AgreementResult, AgreementRun, AuditEvent
from tests.core.test_agreement_runs import build, project  # noqa: F401  (fixtures)
from tests.core.test_agreement_units import Builder

PARAMS = ComparisonParams(coders=("A", "B"), unit="sentence")


class CancelAfter:
    """A cancel flag that turns True at its ``n``-th reading (the user presses Cancel mid-run)."""

    def __init__(self, n: int) -> None:
        self.n, self.asked = n, 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.n


def stop() -> None:
    raise CancelledError("cancelled")


def stored(project: Project) -> tuple[int, int, int]:  # noqa: F811
    with project.session() as session:
        return (session.scalar(select(func.count()).select_from(AgreementRun)) or 0,
                session.scalar(select(func.count()).select_from(AgreementResult)) or 0,
                session.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def compare(project: Project, cancel: Callable[[], bool] | None = None) -> ComparisonResult:  # noqa: F811
    with project.session() as session:
        return run_comparison(session, PARAMS, None, cancel)


def test_every_place_the_comparison_asks_stops_it(project: Project, build: Builder) -> None:  # noqa: F811
    counting = CancelAfter(10**9)
    compare(project, counting)
    asked = counting.asked
    assert asked > 4  # while reading, per code and rater, per measure, while building the table
    for n in range(1, asked + 1):
        with pytest.raises(CancelledError, match="nothing was stored"):
            compare(project, CancelAfter(n))


def test_reading_units_and_spans_stops_when_cancelled(project: Project, build: Builder) -> None:  # noqa: F811
    with project.session() as session:
        raters = resolve_raters(session, PARAMS.coders)
        documents = resolve_documents(session, ("doc1", "doc2"), [], [r.name for r in raters])
        assert len(load_unit_columns(session, "sentence", documents).start) > 0
        with pytest.raises(CancelledError):
            load_unit_columns(session, "sentence", documents, check=stop)
        with pytest.raises(CancelledError):
            load_span_columns(session, raters, documents, None, check=stop)


@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_storing_stops_when_cancelled_and_stores_nothing(project: Project, build: Builder, n: int) -> None:  # noqa: F811
    result = compare(project)
    before = stored(project)
    with pytest.raises(CancelledError, match="nothing was stored"), project.session() as session:
        store_run(session, result, label="cancelled", actor="test", cancel=CancelAfter(n))
    assert stored(project) == before


def test_storing_without_a_cancel_stores_the_run(project: Project, build: Builder) -> None:  # noqa: F811
    result = compare(project)
    runs, figures, events = stored(project)
    with project.session() as session:
        store_run(session, result, label="kept", actor="test", cancel=CancelAfter(10**9))
    after = stored(project)
    assert after[0] == runs + 1 and after[1] > figures and after[2] == events + 1



def test_packed_columns_are_written_as_numpy_writes_them() -> None:
    import io
    import zipfile

    import numpy as np

    from coding.agreement.figure_table import _write_npz

    arrays = {"small": np.arange(5, dtype=np.int8), "empty": np.zeros(0, dtype=np.int32),
              "large": np.linspace(0, 1, 700_000), "text": np.frombuffer("名字".encode(), dtype=np.uint8)}
    packed = _write_npz(arrays, check=lambda: None)
    with zipfile.ZipFile(io.BytesIO(packed)) as archive:
        for name, array in arrays.items():
            expected = io.BytesIO()
            np.save(expected, array, allow_pickle=False)
            assert archive.read(f"{name}.npy") == expected.getvalue()
    asked = CancelAfter(3)
    with pytest.raises(CancelledError):
        _write_npz(arrays, check=lambda: stop() if asked() else None)
