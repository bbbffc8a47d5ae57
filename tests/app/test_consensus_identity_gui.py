"""The window never lets anyone work as the consensus coder: not offered, not accepted when typed or remembered."""

from __future__ import annotations

import pytest

from app import dialogs
from app.main import MainWindow
from coding.agreement.consensus import consensus_coder
from coding.project import Project
from tests.app.conftest import Sample
from tests.app.helpers import code_id, rows

CODERS = "SELECT name, is_consensus FROM coders ORDER BY name"
REFUSAL = "'Consensus' is the consensus coder, not a person"


@pytest.fixture
def with_consensus(sample: Sample) -> Sample:
    """The sample after a first review decision made the consensus coder."""
    project = Project.open(sample.path)
    try:
        with project.session() as session:
            consensus_coder(session, actor="Dr Chen")
    finally:
        project.close()
    return sample


@pytest.fixture
def consensus_window(qtbot, with_consensus: Sample, settings, messages):  # type: ignore[no-untyped-def]
    main = MainWindow(with_consensus.path, settings, coder="Alice")
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_switching_to_the_consensus_is_refused_and_keeps_the_undo_history(
    consensus_window: MainWindow, with_consensus: Sample, messages: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, sample = consensus_window, with_consensus
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    text = window.transcript.document.text
    start = text.index("independent legal person")
    window.transcript.select(start, start + len("independent legal person"))
    window.codebook_panel.select_code(code_id(sample.path, "Government regulations"))
    window.apply_selected_code()  # do
    mine = "SELECT start, end FROM codings WHERE coder_id = ?"
    assert rows(sample.path, mine, sample.alice_id) == [(start, start + 24)]
    for typed in ("Consensus", "consensus"):
        assert not window.switch_coder(typed)
        assert REFUSAL in messages[-1]
    assert window.bench.coder_name == "Alice" and window.settings.coder_for(sample.path) == "Alice"
    assert rows(sample.path, CODERS) == [("Alice", 0), ("Bob", 0), ("Consensus", 1)]
    window.undo_action.trigger()  # undo: Alice's history survived the refused switch
    assert rows(sample.path, mine, sample.alice_id) == []
    window.redo_action.trigger()
    assert rows(sample.path, mine, sample.alice_id) == [(start, start + 24)]


def test_the_chooser_does_not_offer_the_consensus_and_asks_again_when_it_is_typed(
    consensus_window: MainWindow, with_consensus: Sample, messages: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    offered: list[list[str]] = []
    answers = iter(["  CONSENSUS", "Bob"])

    def choose(parent, names, suggested):  # type: ignore[no-untyped-def]
        offered.append(list(names))
        return next(answers).strip()

    monkeypatch.setattr(dialogs, "choose_coder", choose)
    assert consensus_window.switch_coder()
    assert offered == [["Alice", "Bob"], ["Alice", "Bob"]]
    assert len(messages) == 1 and REFUSAL in messages[0] and "Review disagreements" in messages[0]
    assert consensus_window.bench.coder_id == with_consensus.bob_id


def test_a_remembered_consensus_identity_is_asked_again_on_opening(
    qtbot, with_consensus: Sample, settings, messages: list[str], monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.settings.set_coder_for(with_consensus.path, "Consensus")  # from before the consensus was guarded
    monkeypatch.setattr(dialogs, "choose_coder", lambda parent, names, suggested: "Alice")
    assert window.open_project(with_consensus.path)
    assert REFUSAL in messages[0] and window.bench.coder_name == "Alice"
    assert window.settings.coder_for(with_consensus.path) == "Alice"
    window.close()


def test_opening_explicitly_as_the_consensus_is_refused(qtbot, with_consensus: Sample, settings,  # type: ignore[no-untyped-def]
                                                       messages: list[str]) -> None:
    window = MainWindow(with_consensus.path, settings, coder="Consensus")
    qtbot.addWidget(window)
    assert window.bench is None
    assert REFUSAL in messages[-1]
    assert rows(with_consensus.path, CODERS) == [("Alice", 0), ("Bob", 0), ("Consensus", 1)]
    window.close()


def test_a_new_project_keeps_the_consensus_name_free(qtbot, sample: Sample, settings,  # type: ignore[no-untyped-def]
                                                    messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Consensus", "Carol"])
    monkeypatch.setattr(dialogs, "choose_coder", lambda parent, names, suggested: next(answers))
    window = MainWindow(sample.path, settings)
    qtbot.addWidget(window)
    assert window.bench is not None and window.bench.coder_name == "Carol"
    assert REFUSAL in messages[0]
    assert rows(sample.path, CODERS) == [("Alice", 0), ("Bob", 0), ("Carol", 0)]
    window.close()
