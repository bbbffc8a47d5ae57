"""The agreement window at scale (issue 13): the computed figures show at once, the stored run is read back in a
worker and replaces them with the same figures, and a document's figures are picked out of the run's table."""

from __future__ import annotations

from app.agreement.compare_window import return_freed_memory
from app.agreement.results_model import FIGURE_ROLE, RunView
from app.main import MainWindow
from coding.agreement.runs import load_run
from coding.project import Project
from tests.app.test_agreement_gui import (  # noqa: F401  (fixtures)
    Pair,
    agreement_window,
    compare,
    main,
    pair,
    pair_template,
)


def test_computed_figures_show_first_then_the_stored_run_with_the_same_figures(qtbot, main: MainWindow,  # noqa: F811
                                                                               pair: Pair) -> None:  # noqa: F811
    window = agreement_window(main)
    previews: list[RunView] = []
    window._preview.ready.connect(previews.append)
    compare(qtbot, window)
    assert len(previews) == 1 and previews[0].run_id is None  # shown before it was stored
    assert window.run is not None and window.run.run_id is not None
    assert list(previews[0].figures) == list(window.run.figures)
    with Project.open(pair.path, read_only=True) as project, project.session() as session:
        assert list(load_run(session, window.run.run_id).figures) == list(window.run.figures)


def test_a_stored_run_reopens_in_a_worker_and_a_document_is_picked_out(qtbot, main: MainWindow,  # noqa: F811
                                                                       pair: Pair) -> None:  # noqa: F811
    window = agreement_window(main)
    compare(qtbot, window)
    run_id = window.run.run_id  # type: ignore[union-attr]
    window.show_run(None)
    assert window.open_run(run_id)  # type: ignore[arg-type]
    assert window.is_running()  # reading in the worker; the window is free meanwhile
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert window.run is not None and window.run.run_id == run_id
    names = window.run.document_names()
    assert window.document_scope.count() == len(names) + 1
    last = window.document_scope.count() - 1
    window.document_scope.setCurrentIndex(last)
    uuid = window.document_scope.currentData()
    assert uuid == list(names)[-1]
    shown = [window.model.index(r, c).data(FIGURE_ROLE) for r in range(window.model.rowCount())
             for c in range(window.model.columnCount())]
    shown = [f for f in shown if f is not None]
    assert shown and all(f.document_uuid == uuid for f in shown)
    expected = window.run.figures.select(document_uuid=uuid)
    assert all(f in expected for f in shown)
    assert {f.measure for f in shown} >= {"alpha", "percent", "disagreements"}
    return_freed_memory()  # harmless whenever it runs


def test_a_missing_run_reports_and_shows_nothing(qtbot, main: MainWindow, pair: Pair, messages) -> None:  # noqa: F811
    window = agreement_window(main)
    window.open_run(987654)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert window.run is None
    assert any("987654" in m for m in messages)
