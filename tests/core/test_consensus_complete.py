"""A complete consensus layer: agreed passages copied in with provenance, then the decisions, and a state that
says "complete" or how many disagreements are left. Accepting twice adds nothing; undo takes it all back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.agreement.completion import accept_agreed, consensus_state, undo_accept
from coding.agreement.consensus import take
from coding.agreement.disagreements import list_disagreements
from coding.errors import NotFoundError, ValidationError
from coding.project import Project
from models import Coder, Coding, ConsensusDecision
from tests.core.test_agreement_units import CHILD_1, CHILD_2, Builder, add_document, sentence

ACTOR = "test"
REVIEWER = "Dr Adjudicator"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "complete.concord")
    with created.session() as session:
        add_document(session, "doc1")
        add_document(session, "doc2")
    yield created
    created.close()


@pytest.fixture
def codings(project: Project) -> dict[str, str]:
    """Agreed: doc1 sentence 0 (CHILD_1), doc1 sentence 7 (CHILD_2), doc2 sentence 3 (CHILD_1).
    Disagreements: doc1 sentence 4 (A only), doc2 sentence 6 (B only)."""
    build = Builder(project)
    return {
        "a1": build.code("A", "doc1", CHILD_1, *sentence(0)),
        "b1": build.code("B", "doc1", CHILD_1, *sentence(0)),
        "a5": build.code("A", "doc1", CHILD_2, *sentence(7)),
        "b5": build.code("B", "doc1", CHILD_2, *sentence(7)),
        "a6": build.code("A", "doc2", CHILD_1, *sentence(3)),
        "b6": build.code("B", "doc2", CHILD_1, *sentence(3)),
        "a3": build.code("A", "doc1", CHILD_1, *sentence(4)),
        "b4": build.code("B", "doc2", CHILD_1, *sentence(6)),
    }


def consensus_rows(project: Project) -> list[tuple[int, int, list[str]]]:
    with project.session() as session:
        rows = session.execute(
            select(Coding.start, Coding.end, Coding.derived_from).join(Coder, Coder.id == Coding.coder_id)
            .where(Coder.is_consensus.is_(True)).order_by(Coding.document_id, Coding.start)
        ).all()
    return [(s, e, sorted(d or [])) for s, e, d in rows]


def settle_all(project: Project) -> None:
    with project.session() as session:
        for item in list_disagreements(session, ["A", "B"]):
            take(session, item, "A", decided_by=REVIEWER, actor=ACTOR)


def test_settling_disagreements_alone_leaves_the_consensus_incomplete(project: Project, codings: dict) -> None:
    settle_all(project)
    with project.session() as session:
        state = consensus_state(session, ["A", "B"])
    assert (state.disagreements, state.settled, state.agreed, state.accepted) == (2, 2, 3, 0)
    assert not state.complete and state.summary() == "3 agreed passages not accepted"
    assert len(consensus_rows(project)) == 1  # only A's sentence 4: every agreed passage is missing


def test_accept_copies_agreed_passages_with_provenance_then_decisions_complete_it(
    project: Project, codings: dict
) -> None:
    with project.session() as session:
        before = consensus_state(session, ["A", "B"])
        outcome = accept_agreed(session, ["A", "B"], decided_by=REVIEWER, actor=ACTOR)
    assert before.summary() == "2 disagreements left, 3 agreed passages not accepted"
    assert outcome.passages == 3 and len(outcome.codings) == 3
    assert outcome.state.summary() == "2 disagreements left" and not outcome.state.complete
    assert consensus_rows(project) == [
        (*sentence(0), sorted([codings["a1"], codings["b1"]])),
        (*sentence(7), sorted([codings["a5"], codings["b5"]])),
        (*sentence(3), sorted([codings["a6"], codings["b6"]])),
    ]
    with project.session() as session:
        logged = session.execute(select(ConsensusDecision.decision, ConsensusDecision.decided_by)).all()
    assert logged == [("agreed", REVIEWER)] * 3

    settle_all(project)
    with project.session() as session:
        state = consensus_state(session, ["A", "B"])
    assert state.complete and state.summary() == "complete" and state.disagreements_left == 0
    assert len(consensus_rows(project)) == 4  # three agreed + A's sentence 4; B's sentence 6 not taken


def test_accepting_twice_adds_nothing(project: Project, codings: dict) -> None:
    with project.session() as session:
        accept_agreed(session, ["A", "B"], decided_by=REVIEWER, actor=ACTOR)
        again = accept_agreed(session, ["A", "B"], decided_by=REVIEWER, actor=ACTOR)
    assert again.passages == 0 and again.codings == ()
    assert len(consensus_rows(project)) == 3


def test_undo_takes_the_accepted_passages_back(project: Project, codings: dict) -> None:
    with project.session() as session:
        outcome = accept_agreed(session, ["A", "B"], decided_by=REVIEWER, actor=ACTOR)
    with project.session() as session:
        undo_accept(session, outcome.decision_uuids, actor=ACTOR)
        assert consensus_state(session, ["A", "B"]).accepted == 0
    assert consensus_rows(project) == []
    with project.session() as session, pytest.raises(NotFoundError):
        undo_accept(session, outcome.decision_uuids, actor=ACTOR)


@pytest.mark.parametrize(("coders", "decided_by", "message"), [
    (["A"], REVIEWER, "two or more different coders"),
    (["A", "A"], REVIEWER, "two or more different coders"),
    (["A", "B"], "  ", "adjudicator"),
])
def test_bad_requests_change_nothing(project: Project, codings: dict, coders, decided_by, message) -> None:
    with project.session() as session, pytest.raises(ValidationError, match=message):
        accept_agreed(session, coders, decided_by=decided_by, actor=ACTOR)
    assert consensus_rows(project) == []
