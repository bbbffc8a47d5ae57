"""The analysis views start on the consensus (or the signed-in coder), say whose codings they show, and
pool several coders so a passage counts once — on the hand-built project of tests/core/test_pooling.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from app.analysis import controller_of, install
from app.analysis.controller import AnalysisController
from app.main import MainWindow
from coding.project import Project
from models import Code, Coder, Coding
from tests.core.test_pooling import X, build

TIMEOUT = 30_000


def _window(qtbot, path: Path, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(path, settings, coder="Lin")
    qtbot.addWidget(window)
    window.set_blind(False)  # the analyses of everyone's codings, not blind coding
    window.show()
    install(window)
    return window


@pytest.fixture
def analysis(qtbot, tmp_path: Path, settings, messages) -> Iterator[AnalysisController]:  # type: ignore[no-untyped-def]
    window = _window(qtbot, build(tmp_path / "pool.concord"), settings)
    controller = controller_of(window)
    assert controller is not None
    yield controller
    window.close()


def open_view(qtbot, analysis: AnalysisController, kind: str):  # type: ignore[no-untyped-def]
    from app.analysis.window import AnalysisWindow

    if analysis.analysis_window is None:
        analysis.analysis_window = AnalysisWindow(analysis, analysis.window)
    with qtbot.waitSignal(analysis.analysis_window.view(kind).loaded, timeout=TIMEOUT):
        view = analysis.show(kind)
    assert view is not None and not view.error, view.error if view else "no view"
    return view


def choose(qtbot, view, action) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry of the Coders menu, as a click does, and wait for the view to compute again."""
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        action.trigger()
    assert not view.error, view.error


def x_codings(view) -> int:  # type: ignore[no-untyped-def]
    """Codings (or pooled passages) of code X in the code frequencies view's result, over all columns."""
    project = Project.open_for_reading(view.controller.project_path)
    try:
        with project.session() as session:
            code_id = session.scalar(select(Code.id).where(Code.name == X.split("/")[-1]))
    finally:
        project.close()
    return int(view.result.codings[view.result.code_ids.index(code_id)].sum())


def test_views_start_on_the_consensus_and_say_whose_codings(qtbot, analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "frequencies")
    button, label = view.filters.coder, view.filters.basis_label
    assert button.text().strip() == "Consensus"
    assert label.text().startswith("Codings of: consensus") and label.isVisibleTo(view)
    assert x_codings(view) == 1  # the consensus coded "alpha beta" once
    texts = [a.text() for a in button.menu_.actions()]
    assert "All coders, pooled" in texts and "All coders, per coder" in texts and "All coders" not in texts

    choose(qtbot, view, button.pooled_action)
    assert button.text().strip() == "All coders, pooled"
    assert label.text() == "Codings of: Lin, Wang, Consensus — pooled, a passage counted once"
    assert x_codings(view) == 5  # A: alpha…gamma, epsilon, theta, kappa; B: alpha beta

    choose(qtbot, view, button.per_coder_action)
    assert label.text().endswith("per coder, a passage counted once for each coder who coded it")
    assert x_codings(view) == 9  # Lin 4 + Wang 4 + Consensus 1

    choose(qtbot, view, button.coder_actions[_coder_id(view, "Lin")])
    choose(qtbot, view, button.coder_actions[_coder_id(view, "Wang")])
    assert label.text() == "Codings of: Lin, Wang — pooled, a passage counted once"
    assert x_codings(view) == 5


def test_retrieval_quotes_a_pooled_passage_once(qtbot, analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "retrieve")
    button = view.filters.coder
    choose(qtbot, view, button.coder_actions[_coder_id(view, "Consensus")])  # untick the default
    choose(qtbot, view, button.coder_actions[_coder_id(view, "Lin")])
    choose(qtbot, view, button.coder_actions[_coder_id(view, "Wang")])
    code_id = next(c for c, info in view.filters.choices.tree.codes.items() if info.name == X.split("/")[-1])
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.filters.set_code(code_id, descendants=False)
        view.refresh()
    shown = [view.model.segment(r) for r in range(view.model.rowCount())]
    assert [s.text for s in shown] == ["alpha beta gamma", "epsilon", "theta", "kappa", "alpha beta"]
    assert shown[0].coder == "Lin, Wang" and shown[0].coded_by == "coded by Lin, Wang"
    assert view.filters.basis_label.text() == "Codings of: Lin, Wang — pooled, a passage counted once"


def test_without_consensus_codings_the_signed_in_coder(qtbot, tmp_path: Path, settings, messages) -> None:  # type: ignore[no-untyped-def]
    path = build(tmp_path / "pool.concord")
    with Project.open(path) as project, project.session() as session:
        consensus = session.scalar(select(Coder.id).where(Coder.is_consensus.is_(True)))
        session.execute(delete(Coding).where(Coding.coder_id == consensus))
    window = _window(qtbot, path, settings)
    try:
        controller = controller_of(window)
        assert controller is not None
        view = open_view(qtbot, controller, "frequencies")
        assert view.filters.coder.text().strip() == "Lin"
        assert view.filters.basis_label.text() == "Codings of: Lin"
        assert x_codings(view) == 4  # Lin: alpha beta, epsilon, theta in A; alpha beta in B
    finally:
        window.close()


def _coder_id(view, name: str) -> int:  # type: ignore[no-untyped-def]
    return next(ident for ident, coder, _ in view.filters.coder.coders if coder == name)
