"""The disagreement review with three to five coders, driven as a user would: a pane and a "Take" button per coder,
each named and coloured; take C, all (union), none and edited bounds, each one undo step logged with the
adjudicator; the results checked in the SQLite file itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor

from app.agreement import install
from app.agreement.review import COMPARED_COLOURS, CONSENSUS_COLOUR, CoderPane, ReviewWindow
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
CONSENSUS_ROWS = (
    "SELECT c.start, c.end FROM codings c JOIN coders k ON k.id = c.coder_id WHERE k.name = 'Consensus' "
    "ORDER BY c.start"
)
DECISIONS = "SELECT decision, start, end, decided_by FROM consensus_decisions ORDER BY id"


@dataclass(frozen=True)
class Spans:
    path: Path
    change: tuple[int, int]
    council: tuple[int, int]


def _build(path: Path) -> Spans:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    project = Project.create(path)
    change = (TEXT.index(CHANGE), TEXT.index(CHANGE) + len(CHANGE))
    council = (TEXT.index(COUNCIL), TEXT.index(COUNCIL) + len(COUNCIL))
    with project.session() as session:
        document = add_document_text(session, name="P01 bureau", text=TEXT, source_name="p01.txt", format="txt")
        org, owner = find_code(session, ORG).id, find_code(session, OWNER).id
        spans = {  # Org.: the same sentence, three different ends; Owner: Ann and Cai, not Ben
            "Ann": [(org, change), (owner, council)],
            "Ben": [(org, (change[0], change[1] + 30))],
            "Cai": [(org, (change[0], change[0] + 40)), (owner, council)],
            "Dee": [(org, change)],
            "Eve": [(owner, council)],
        }
        for name, codings in spans.items():
            coder = get_or_create_coder(session, name, actor="fixture")
            for code_id, (start, end) in codings:
                apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code_id, start=start,
                           end=end, actor="fixture")
    project.close()
    return Spans(path, change, council)


@pytest.fixture
def spans(tmp_path: Path) -> Spans:
    return _build(tmp_path / "three.concord")


@pytest.fixture
def main(qtbot, spans: Spans, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(spans.path, settings, coder="Ann")
    qtbot.addWidget(window)
    install(window)
    window.show()
    yield window
    window.close()


def review_on(main: MainWindow, coders: list[str]) -> ReviewWindow:
    review = main.agreement_tools.show_review(coders)  # type: ignore[attr-defined]
    assert review is not None
    return review


def select(review: ReviewWindow, code: str) -> None:
    row = next(i for i, item in enumerate(review.model.items) if item.code_path.endswith(code))
    review.table.selectRow(row)
    assert review.current is review.model.items[row]


def background(pane: CoderPane, offset: int) -> QColor:
    cursor = QTextCursor(pane.edit.document())
    cursor.setPosition(pane.offsets.to_qt(offset - pane.window_start) + 1)
    return cursor.charFormat().background().color()


def test_three_coders_each_get_a_named_coloured_pane(main: MainWindow, spans: Spans) -> None:
    from coding.agreement import list_disagreements
    from coding.project import Project

    review = review_on(main, ["Ann", "Ben", "Cai"])
    assert review.coders() == ("Ann", "Ben", "Cai")
    with Project.open(spans.path) as project, project.session() as session:
        expected = list_disagreements(session, ["Ann", "Ben", "Cai"])
    assert [item.key for item in review.model.items] == [item.key for item in expected]
    assert len(expected) == 2 and review.progress.format() == "0 of 2 disagreements settled"

    select(review, ORG)
    # Ann 78 characters, Ben 108, Cai 40, all from the same start: Ben×Cai 40/108 = 37%, Ann×Ben 78/108 = 72%
    assert review.model.index(review.table.currentIndex().row(), 4).data() == "all 3, 37–72% overlap"
    assert [pane.coder for pane in review.panes] == ["Ann", "Ben", "Cai", "Consensus"]
    assert [pane.colour for pane in review.panes] == [*COMPARED_COLOURS[:3], CONSENSUS_COLOUR]
    assert all(name in pane.title.text() for pane, name in zip(review.panes[:3], ["Ann", "Ben", "Cai"], strict=True))
    assert "Coder C" in review.panes[2].title.text()
    after_cai = spans.change[0] + 45  # Ann and Ben coded here, Cai stopped at +40
    assert background(review.panes[0], after_cai) == QColor(COMPARED_COLOURS[0])
    assert background(review.panes[1], after_cai) == QColor(COMPARED_COLOURS[1])
    assert background(review.panes[2], after_cai) != QColor(COMPARED_COLOURS[2])
    assert background(review.panes[2], spans.change[0]) == QColor(COMPARED_COLOURS[2])
    visible = [b for b in review.take_buttons if b.isVisibleTo(review)]
    assert [b.text() for b in visible] == ["Take &A — Ann", "Take &B — Ben", "Take &C — Cai"]
    assert review.both_button.text() == "A&ll (union)" and review.neither_button.text() == "N&one"

    select(review, OWNER)
    assert review.model.index(review.table.currentIndex().row(), 4).data() == "Ann, Cai; not Ben"


def test_take_c_all_and_none_are_undoable_and_logged(qtbot, main: MainWindow, spans: Spans) -> None:
    review = review_on(main, ["Ann", "Ben", "Cai"])
    stack = main.bench.undo_stack  # type: ignore[union-attr]
    select(review, ORG)
    passage = review.current
    assert passage is not None
    qtbot.mouseClick(review.take_buttons[2], Qt.MouseButton.LeftButton)
    cai = (spans.change[0], spans.change[0] + 40)
    assert rows(spans.path, CONSENSUS_ROWS) == [cai]
    assert rows(spans.path, DECISIONS) == [("take_c", passage.start, passage.end, "Ann")]
    assert stack.undoText().startswith("Take Cai: ")
    assert review.progress.format() == "1 of 2 disagreements settled"
    row = review.model.row_of(passage.key)
    assert review.model.index(row, 5).data() == "Take Cai"

    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert rows(spans.path, CONSENSUS_ROWS) == [] and rows(spans.path, DECISIONS) == []
    assert review.progress.format() == "0 of 2 disagreements settled"

    select(review, ORG)
    qtbot.mouseClick(review.both_button, Qt.MouseButton.LeftButton)  # all (union): Ben's longer end wins
    assert rows(spans.path, CONSENSUS_ROWS) == [(spans.change[0], spans.change[1] + 30)]
    assert rows(spans.path, DECISIONS) == [("both", passage.start, passage.end, "Ann")]
    assert stack.undoText().startswith("All (union): ")

    select(review, OWNER)
    qtbot.mouseClick(review.neither_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in rows(spans.path, DECISIONS)] == ["both", "neither"]
    assert rows(spans.path, CONSENSUS_ROWS) == [(spans.change[0], spans.change[1] + 30)]  # none writes nothing
    assert review.progress.format() == "2 of 2 disagreements settled"

    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert rows(spans.path, CONSENSUS_ROWS) == [] and rows(spans.path, DECISIONS) == []
    qtbot.mouseClick(review.redo_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in rows(spans.path, DECISIONS)] == ["both"]


def test_edited_bounds_with_three_coders(qtbot, main: MainWindow, spans: Spans) -> None:
    review = review_on(main, ["Ann", "Ben", "Cai"])
    select(review, ORG)
    start = spans.change[0]
    review.edit_start.setValue(start)
    review.edit_end.setValue(start + 20)
    qtbot.mouseClick(review.edit_button, Qt.MouseButton.LeftButton)
    assert rows(spans.path, CONSENSUS_ROWS) == [(start, start + 20)]
    assert [r[0] for r in rows(spans.path, DECISIONS)] == ["edit"]
    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert rows(spans.path, CONSENSUS_ROWS) == [] and rows(spans.path, DECISIONS) == []


def test_more_coders_menu_adds_panes_up_to_five_and_back_to_two(main: MainWindow, spans: Spans) -> None:
    review = review_on(main, ["Ann", "Ben"])
    assert len(review.panes) == 3 and review.both_button.text() == "B&oth"
    assert not review.extra_actions["Ann"].isEnabled()  # A and B are not offered again
    for name in ("Cai", "Dee", "Eve"):
        review.extra_actions[name].setChecked(True)
    assert review.coders() == ("Ann", "Ben", "Cai", "Dee", "Eve")
    assert "Cai, Dee, Eve" in review.more_coders.text()
    select(review, ORG)
    assert [pane.coder for pane in review.panes] == ["Ann", "Ben", "Cai", "Dee", "Eve", "Consensus"]
    # six panes wrap into two rows of three, so each stays readable
    positions = [review.pane_grid.getItemPosition(review.pane_grid.indexOf(pane))[:2] for pane in review.panes]
    assert positions == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    assert [b.isVisibleTo(review) for b in review.take_buttons] == [True] * 5
    assert review.take_buttons[4].text() == "Take &E — Eve"
    assert review.current is not None and review.current.not_coded_by == ("Eve",)
    review.decide("take_e")  # Eve did not code it: taking her version leaves the passage uncoded, logged
    assert rows(spans.path, DECISIONS)[0][0] == "take_e" and rows(spans.path, CONSENSUS_ROWS) == []
    main.bench.undo_stack.undo()  # type: ignore[union-attr]
    assert rows(spans.path, DECISIONS) == []

    for name in ("Cai", "Dee", "Eve"):
        review.extra_actions[name].setChecked(False)
    assert review.coders() == ("Ann", "Ben") and review.more_coders.text() == "More coders"
    assert [pane.coder for pane in review.panes] == ["Ann", "Ben", "Consensus"]
    assert [pane.colour for pane in review.panes] == [COMPARED_COLOURS[0], COMPARED_COLOURS[1], CONSENSUS_COLOUR]
    assert [b.isVisibleTo(review) for b in review.take_buttons] == [True, True, False, False, False]
    assert review.both_button.text() == "B&oth" and review.neither_button.text() == "&Neither"


def test_reopening_a_third_coders_decision_and_undoing_the_reopen(qtbot, main: MainWindow, spans: Spans) -> None:
    review = review_on(main, ["Ann", "Ben", "Cai"])
    select(review, ORG)
    passage = review.current
    assert passage is not None
    review.rationale.setText("Cai keeps to the clause")
    review.decide("take_c")
    cai = [(spans.change[0], spans.change[0] + 40)]
    assert rows(spans.path, CONSENSUS_ROWS) == cai
    select(review, ORG)
    assert "Take Cai" in review.settled_label.text() and "by Ann" in review.settled_label.text()
    qtbot.mouseClick(review.reopen_button, Qt.MouseButton.LeftButton)
    assert rows(spans.path, CONSENSUS_ROWS) == [] and rows(spans.path, DECISIONS) == []
    assert review.current is not None and not review.current.resolved and review.take_buttons[2].isEnabled()
    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)  # undoing the reopen settles it again
    assert rows(spans.path, CONSENSUS_ROWS) == cai
    assert rows(spans.path, DECISIONS) == [("take_c", passage.start, passage.end, "Ann")]
