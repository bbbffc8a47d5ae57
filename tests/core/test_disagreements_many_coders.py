"""Disagreements and adjudication with three coders: listing, each coder's version, take C, all (union), none,
take by name, undo and the decision log — expected values worked out by hand from the spans below."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.agreement.consensus import decide, decision_log, take, undo_decision
from coding.agreement.disagreements import list_disagreements, side_by_side
from coding.errors import ValidationError
from coding.project import Project
from models import Coder, Coding, ConsensusDecision
from tests.core.test_agreement_units import CHILD_1, CHILD_2, Builder, add_document, sentence

ACTOR = "test"
REVIEWER = "Dr Adjudicator"
CODERS = ["A", "B", "C"]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "three.concord")
    with created.session() as session:
        add_document(session, "doc1")
    yield created
    created.close()


@pytest.fixture
def codings(project: Project) -> dict[str, str]:
    """CHILD_1: sentence 0 coded alike by all three (agreed); 21–62 coded by all with different bounds; sentence 4
    by A and C; sentence 6 by B only. CHILD_2: sentence 7 by A and B alike, not by C."""
    build = Builder(project)
    return {
        "a0": build.code("A", "doc1", CHILD_1, *sentence(0)),
        "b0": build.code("B", "doc1", CHILD_1, *sentence(0)),
        "c0": build.code("C", "doc1", CHILD_1, *sentence(0)),
        "a1": build.code("A", "doc1", CHILD_1, 21, 62),
        "b1": build.code("B", "doc1", CHILD_1, 42, 62),
        "c1": build.code("C", "doc1", CHILD_1, 21, 41),
        "a4": build.code("A", "doc1", CHILD_1, *sentence(4)),
        "c4": build.code("C", "doc1", CHILD_1, *sentence(4)),
        "b6": build.code("B", "doc1", CHILD_1, *sentence(6)),
        "a7": build.code("A", "doc1", CHILD_2, *sentence(7)),
        "b7": build.code("B", "doc1", CHILD_2, *sentence(7)),
    }


def listed(project: Project, coders: list[str] = CODERS, **options):  # type: ignore[no-untyped-def]
    with project.session() as session:
        return list_disagreements(session, coders, **options)


def consensus_codings(project: Project) -> list[tuple[int, int, list]]:
    with project.session() as session:
        rows = session.execute(
            select(Coding.start, Coding.end, Coding.derived_from).join(Coder, Coder.id == Coding.coder_id)
            .where(Coder.is_consensus.is_(True)).order_by(Coding.start)
        ).all()
    return [(s, e, sorted(d or [])) for s, e, d in rows]


def decisions(project: Project) -> list[tuple[str, int, int, str]]:
    with project.session() as session:
        rows = session.execute(select(ConsensusDecision.decision, ConsensusDecision.start, ConsensusDecision.end,
                                      ConsensusDecision.decided_by).order_by(ConsensusDecision.id)).all()
    return [tuple(r) for r in rows]


def test_three_coders_list_every_passage_any_of_them_differs_on(project: Project, codings: dict[str, str]) -> None:
    items = listed(project)
    assert [(i.code_path.rsplit("/", 1)[-1], i.start, i.end, i.coded_by, i.not_coded_by) for i in items] == [
        ("Organizational changes", 21, 62, ("A", "B", "C"), ()),
        ("Organizational changes", 84, 104, ("A", "C"), ("B",)),
        ("Organizational changes", 126, 146, ("B",), ("A", "C")),
        ("Owner functions", 147, 167, ("A", "B"), ("C",)),  # A and B agree; C's silence is a disagreement
    ]
    assert all(i.coders == ("A", "B", "C") for i in items)
    assert items[0].versions() == {"A": [(21, 62)], "B": [(42, 62)], "C": [(21, 41)]}
    assert items[3].versions() == {"A": [(147, 167)], "B": [(147, 167)], "C": []}
    data = items[1].to_dict()
    assert data["versions"] == {"A": [[84, 104]], "B": [], "C": [[84, 104]]}
    # the agreed passage is there only on request
    agreed = [i for i in listed(project, include_agreements=True) if i.agreed]
    assert [(i.start, i.end, i.coded_by) for i in agreed] == [(0, 20, ("A", "B", "C"))]


def test_two_coder_listing_is_unchanged_by_a_third_coder(project: Project, codings: dict[str, str]) -> None:
    pair = listed(project, ["A", "B"])
    assert [(i.start, i.end, i.coded_by) for i in pair] == [(21, 62, ("A", "B")), (84, 104, ("A",)),
                                                            (126, 146, ("B",))]
    assert pair[0].versions() == {"A": [(21, 62)], "B": [(42, 62)]}


def test_side_by_side_has_a_column_per_coder(project: Project, codings: dict[str, str]) -> None:
    item = listed(project)[0]
    with project.session() as session:
        take(session, item, "C", decided_by=REVIEWER, actor=ACTOR)
        view = side_by_side(session, item, context=0)
    assert [(c.coder, c.is_consensus) for c in view.columns] == [("A", False), ("B", False), ("C", False),
                                                               ("Consensus", True)]
    assert [(c.start, c.end) for c in view.columns[2].codings] == [(21, 41)]
    assert [(c.start, c.end) for c in view.columns[3].codings] == [(21, 41)]


def test_take_the_third_coders_version_and_undo(project: Project, codings: dict[str, str]) -> None:
    item = listed(project)[0]
    with project.session() as session:
        outcome = decide(session, item, "take_c", decided_by=REVIEWER, rationale="C stops at the clause",
                         actor=ACTOR)
    assert consensus_codings(project) == [(21, 41, [codings["c1"]])]
    assert decisions(project) == [("take_c", 21, 62, REVIEWER)]
    with project.session() as session:
        (entry,) = decision_log(session)
    assert (entry.decision, entry.taken_from, entry.decided_by, entry.rationale) == (
        "take_c", ("C",), REVIEWER, "C stops at the clause")
    assert listed(project)[0].resolved
    with project.session() as session:
        undo_decision(session, outcome.decision_uuid, actor=ACTOR)
    assert consensus_codings(project) == [] and decisions(project) == []
    assert not listed(project)[0].resolved


@pytest.mark.parametrize("said", ["all", "union", "both"])
def test_all_is_the_union_of_every_coders_version(project: Project, codings: dict[str, str], said: str) -> None:
    item = listed(project)[0]
    with project.session() as session:
        decide(session, item, said, decided_by=REVIEWER, actor=ACTOR)
    assert consensus_codings(project) == [(21, 62, sorted([codings["a1"], codings["b1"], codings["c1"]]))]
    assert decisions(project) == [("both", 21, 62, REVIEWER)]


def test_none_and_take_by_name(project: Project, codings: dict[str, str]) -> None:
    items = listed(project)
    with project.session() as session:
        decide(session, items[2], "none", decided_by=REVIEWER, actor=ACTOR)
        decide(session, items[3], "take:C", decided_by=REVIEWER, actor=ACTOR)  # C left it uncoded
        decide(session, items[1], "take:A", decided_by=REVIEWER, actor=ACTOR)
    assert decisions(project) == [("neither", 126, 146, REVIEWER), ("take_c", 147, 167, REVIEWER),
                                  ("take_a", 84, 104, REVIEWER)]
    assert consensus_codings(project) == [(84, 104, [codings["a4"]])]
    assert [i.resolved for i in listed(project)] == [False, True, True, True]


@pytest.mark.parametrize("decision", ["take_d", "take:D", "take:", "most"])
def test_bad_decisions_for_three_coders_write_nothing(project: Project, codings: dict[str, str],
                                                      decision: str) -> None:
    item = listed(project)[0]
    with project.session() as session, pytest.raises(ValidationError):
        decide(session, item, decision, decided_by=REVIEWER, actor=ACTOR)
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(ConsensusDecision)) == 0
    assert consensus_codings(project) == []
