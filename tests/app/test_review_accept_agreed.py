"""The review's "Accept agreed passages": one undo step that copies every passage the coders agree on into the
consensus coder, and a state that reads "complete" only once those and every disagreement are in. Driven as a
user would; the results read from the SQLite file itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.agreement import install
from app.agreement.review import ReviewWindow
from app.main import MainWindow
from tests.app.helpers import rows

TEXT = (
    "Interviewer: How did the reform change your office?\n\n"
    "R: Before the reform every hospital came to my office for everything. Since the group was set up as an "
    "independent legal person, my job has changed. We sit on the council and we set the targets.\n\n"
    "Interviewer: Who appoints the president?\n\n"
    "R: The council appoints the group president. The bureau checks the results at the end of the year.\n"
)
ORG = "Organizational changes"
OWNER = "Owner functions"
CHANGE = "Since the group was set up as an independent legal person, my job has changed."
COUNCIL = "The council appoints the group president."
TARGETS = "We sit on the council and we set the targets."
CONSENSUS_ROWS = (
    "SELECT c.start, c.end, c.derived_from FROM codings c JOIN coders k ON k.id = c.coder_id "
    "WHERE k.is_consensus ORDER BY c.start"
)
DECISIONS = "SELECT decision, decided_by FROM consensus_decisions ORDER BY id"


def span(sentence: str) -> tuple[int, int]:
    return TEXT.index(sentence), TEXT.index(sentence) + len(sentence)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Ann and Ben agree on CHANGE (Org.) and COUNCIL (Owner); only Ann coded TARGETS (Org.)."""
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    path = tmp_path / "agreed.concord"
    project = Project.create(path)
    with project.session() as session:
        document = add_document_text(session, name="P01 bureau", text=TEXT, source_name="p01.txt", format="txt")
        org, owner = find_code(session, ORG).id, find_code(session, OWNER).id
        spans = {"Ann": [(org, span(CHANGE)), (owner, span(COUNCIL)), (org, span(TARGETS))],
                 "Ben": [(org, span(CHANGE)), (owner, span(COUNCIL))]}
        for name, codings in spans.items():
            coder = get_or_create_coder(session, name, actor="fixture")
            for code_id, (start, end) in codings:
                apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code_id, start=start,
                           end=end, actor="fixture")
    project.close()
    return path


@pytest.fixture
def review(qtbot, project: Path, settings, messages) -> Iterator[ReviewWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(project, settings, coder="Ann")
    qtbot.addWidget(window)
    install(window)
    window.show()
    shown = window.agreement_tools.show_review(["Ann", "Ben"])  # type: ignore[attr-defined]
    assert shown is not None
    yield shown
    window.close()


def test_accept_agreed_is_one_undo_step_and_the_state_says_what_is_left(qtbot, review: ReviewWindow,
                                                                        project: Path, messages) -> None:
    stack = review.bench.undo_stack
    assert "1 disagreement left, 2 agreed passages not accepted" in review.state_label.text()
    assert review.accept_button.isEnabled()

    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    assert [(s, e) for s, e, _ in rows(project, CONSENSUS_ROWS)] == [span(CHANGE), span(COUNCIL)]
    assert all(len(derived) > 2 for _, _, derived in rows(project, CONSENSUS_ROWS))  # provenance: both uuids
    assert rows(project, DECISIONS) == [("agreed", "Ann"), ("agreed", "Ann")]
    assert stack.count() == 1 and stack.undoText() == "Accept 2 agreed passages of Ann, Ben"
    assert "1 disagreement left" in review.state_label.text() and "not accepted" not in review.state_label.text()
    assert not review.accept_button.isEnabled()  # accepting again would add nothing

    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert rows(project, CONSENSUS_ROWS) == [] and rows(project, DECISIONS) == []
    assert "2 agreed passages not accepted" in review.state_label.text() and review.accept_button.isEnabled()

    qtbot.mouseClick(review.redo_button, Qt.MouseButton.LeftButton)
    assert [(s, e) for s, e, _ in rows(project, CONSENSUS_ROWS)] == [span(CHANGE), span(COUNCIL)]

    assert review.current is not None and review.current.code_path.endswith(ORG)  # the one disagreement
    qtbot.mouseClick(review.take_a_button, Qt.MouseButton.LeftButton)
    assert "complete" in review.state_label.text()
    assert [(s, e) for s, e, _ in rows(project, CONSENSUS_ROWS)] == [span(CHANGE), span(TARGETS), span(COUNCIL)]
    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert "1 disagreement left" in review.state_label.text()
    assert messages == []
