"""Disagreements and consensus: listing, side by side, take A/B/both/neither/edit, progress, undo, decision log."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.agreement.consensus import (
    DEFAULT_CONSENSUS,
    accept_agreements,
    consensus_progress,
    decide,
    decision_log,
    edit,
    export_decision_log,
    take,
    take_both,
    take_neither,
    undo_decision,
)
from coding.agreement.disagreements import list_disagreements, side_by_side
from coding.errors import DuplicateError, ValidationError
from coding.project import Project
from models import AuditEvent, Coder, Coding, ConsensusDecision
from tests.core.test_agreement_units import CHILD_1, CHILD_2, TEXT, Builder, add_document, sentence

ACTOR = "test"
REVIEWER = "Dr Adjudicator"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "consensus.concord")
    with created.session() as session:
        add_document(session, "doc1")
    yield created
    created.close()


@pytest.fixture
def codings(project: Project) -> dict[str, str]:
    """Four passages of CHILD_1 (agreed, boundaries differ, A only, B only) and one agreed passage of CHILD_2."""
    build = Builder(project)
    return {
        "a1": build.code("A", "doc1", CHILD_1, *sentence(0)),
        "b1": build.code("B", "doc1", CHILD_1, *sentence(0)),
        "a2": build.code("A", "doc1", CHILD_1, 21, 62),
        "b2": build.code("B", "doc1", CHILD_1, 42, 62),
        "a3": build.code("A", "doc1", CHILD_1, *sentence(4)),
        "b4": build.code("B", "doc1", CHILD_1, *sentence(6)),
        "a5": build.code("A", "doc1", CHILD_2, *sentence(7)),
        "b5": build.code("B", "doc1", CHILD_2, *sentence(7)),
    }


def listed(project: Project, **options):
    with project.session() as session:
        return list_disagreements(session, ["A", "B"], **options)


def consensus_codings(project: Project) -> list[tuple[int, int, list]]:
    with project.session() as session:
        rows = session.execute(
            select(Coding.start, Coding.end, Coding.derived_from).join(Coder, Coder.id == Coding.coder_id)
            .where(Coder.is_consensus.is_(True)).order_by(Coding.start)
        ).all()
    return [(s, e, sorted(d or [])) for s, e, d in rows]


def test_passages_where_coders_differ(project: Project, codings: dict[str, str]) -> None:
    items = listed(project)
    assert [(i.start, i.end) for i in items] == [(21, 62), (84, 104), (126, 146)]
    assert [(i.coded_by, i.not_coded_by) for i in items] == [(("A", "B"), ()), (("A",), ("B",)), (("B",), ("A",))]
    assert {c.uuid for c in items[0].codings} == {codings["a2"], codings["b2"]}
    assert all(i.code_path.endswith(CHILD_1) and i.document_name == "doc1" and not i.resolved for i in items)
    everything = listed(project, include_agreements=True)
    assert [(i.start, i.end, i.agreed) for i in everything] == [
        (0, 20, True), (21, 62, False), (84, 104, False), (126, 146, False), (147, 167, True)]
    assert [(i.start, i.end) for i in listed(project, tolerance=40)] == [(84, 104), (126, 146)]
    assert listed(project, codes=[CHILD_2]) == []


def test_sentence_units_where_coders_differ(project: Project, codings: dict[str, str]) -> None:
    items = listed(project, unit="sentence")
    assert [(i.start, i.end, i.coded_by) for i in items] == [(21, 41, ("A",)), (84, 104, ("A",)), (126, 146, ("B",))]
    characters = listed(project, unit="character")
    assert [(i.start, i.end) for i in characters] == [(21, 42), (84, 104), (126, 146)]


@pytest.mark.parametrize(("decision", "expected"), [
    ("take_a", [(21, 62, ["a2"])]),
    ("take_b", [(42, 62, ["b2"])]),
    ("both", [(21, 62, ["a2", "b2"])]),
    ("neither", []),
    ("edit", [(30, 50, ["a2", "b2"])]),
])
def test_each_decision_writes_consensus_codings_with_their_sources(
    project: Project, codings: dict[str, str], decision: str, expected: list
) -> None:
    item = listed(project)[0]
    with project.session() as session:
        outcome = decide(session, item, decision, spans=[(30, 50)], decided_by=REVIEWER, rationale="why not",
                         actor=ACTOR)
    resolved = [(s, e, sorted(codings[k] for k in keys)) for s, e, keys in expected]
    assert consensus_codings(project) == resolved
    assert outcome.decision == decision and len(outcome.created) == len(expected)
    with project.session() as session:
        coder = session.scalar(select(Coder).where(Coder.name == DEFAULT_CONSENSUS))
        assert coder is not None and coder.is_consensus
        row = session.scalar(select(ConsensusDecision).where(ConsensusDecision.uuid == outcome.decision_uuid))
        assert (row.decision, row.decided_by, row.rationale) == (decision, REVIEWER, "why not")
        assert (row.start, row.end) == (21, 62) and row.result_codings == list(outcome.created)
        assert {s["uuid"] for s in row.source_codings} == {codings["a2"], codings["b2"]}
    again = listed(project)
    assert again[0].resolved and again[0].decision_uuid == outcome.decision_uuid
    assert consensus_progress(again) == consensus_progress(again).__class__(1, 3)


def test_take_by_coder_name_and_progress(project: Project, codings: dict[str, str]) -> None:
    items = listed(project)
    with project.session() as session:
        take(session, items[1], "A", decided_by=REVIEWER, actor=ACTOR)
        take_both(session, items[2], decided_by=REVIEWER, actor=ACTOR)
        with pytest.raises(ValidationError):
            take(session, items[0], "Nobody", decided_by=REVIEWER, actor=ACTOR)
    progress = consensus_progress(listed(project))
    assert (progress.resolved, progress.total, progress.remaining) == (2, 3, 1)
    with project.session() as session:
        take_neither(session, items[0], decided_by=REVIEWER, actor=ACTOR)
    assert consensus_progress(listed(project)).share == 1.0
    assert consensus_codings(project) == [(84, 104, [codings["a3"]]), (126, 146, [codings["b4"]])]


def test_undo_removes_the_codings_and_the_decision(project: Project, codings: dict[str, str]) -> None:
    item = listed(project)[0]
    with project.session() as session:
        outcome = take_both(session, item, decided_by=REVIEWER, actor=ACTOR)
    assert consensus_codings(project)
    with project.session() as session:
        changes = undo_decision(session, outcome.decision_uuid, actor=ACTOR)
        assert changes.codings and changes.consensus
        assert session.scalar(select(func.count()).select_from(ConsensusDecision)) == 0
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity_uuid == outcome.decision_uuid))
        assert set(actions) == {"decide", "undo_decision"}
    assert consensus_codings(project) == []
    assert consensus_progress(listed(project)).resolved == 0
    with project.session() as session:  # after undo, the passage can be settled again
        decide(session, item, "take_b", decided_by=REVIEWER, actor=ACTOR)
    assert consensus_codings(project) == [(42, 62, [codings["b2"]])]


def test_a_passage_is_settled_once(project: Project, codings: dict[str, str]) -> None:
    item = listed(project)[0]
    with project.session() as session:
        decide(session, item, "take_a", decided_by=REVIEWER, actor=ACTOR)
    with pytest.raises(DuplicateError, match="undo that decision first"), project.session() as session:
        decide(session, item, "take_b", decided_by=REVIEWER, actor=ACTOR)
    assert consensus_codings(project) == [(21, 62, [codings["a2"]])]


@pytest.mark.parametrize(("decision", "options"), [
    ("take_c", {}),
    ("maybe", {}),
    ("edit", {"spans": []}),
    ("edit", {"spans": [(200, 400)]}),
])
def test_bad_decisions_write_nothing(project: Project, codings: dict[str, str], decision: str, options: dict) -> None:
    item = listed(project)[0]
    with pytest.raises(ValidationError), project.session() as session:
        decide(session, item, decision, decided_by=REVIEWER, actor=ACTOR, **options)
    assert consensus_codings(project) == []
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(ConsensusDecision)) == 0


def test_consensus_cannot_take_a_persons_name(project: Project, codings: dict[str, str]) -> None:
    with pytest.raises(ValidationError), project.session() as session:
        take_both(session, listed(project)[0], decided_by=REVIEWER, consensus="A", actor=ACTOR)


def test_agreements_are_copied_into_the_consensus(project: Project, codings: dict[str, str]) -> None:
    with project.session() as session:
        outcomes = accept_agreements(session, list_disagreements(session, ["A", "B"], include_agreements=True),
                                     decided_by=REVIEWER, actor=ACTOR)
        assert [o.decision for o in outcomes] == ["agreed", "agreed"]
        assert accept_agreements(session, list_disagreements(session, ["A", "B"], include_agreements=True),
                                 decided_by=REVIEWER, actor=ACTOR) == []
    assert consensus_codings(project) == [(0, 20, sorted([codings["a1"], codings["b1"]])),
                                          (147, 167, sorted([codings["a5"], codings["b5"]]))]
    assert consensus_progress(listed(project, include_agreements=True)).total == 3


def test_decision_log_exports(project: Project, codings: dict[str, str], tmp_path: Path) -> None:
    import openpyxl

    items = listed(project)
    with project.session() as session:
        take(session, items[0], "B", decided_by=REVIEWER, rationale="B follows the definition", actor=ACTOR)
        edit(session, items[1], [(84, 95)], decided_by="Lin", actor=ACTOR)
        entries = decision_log(session)
        written_csv = export_decision_log(session, tmp_path / "log.csv")
        written_xlsx = export_decision_log(session, tmp_path / "log.xlsx")
        with pytest.raises(ValidationError):
            export_decision_log(session, tmp_path / "log.txt")
    assert [(e.decision, e.decided_by, e.taken_from) for e in entries] == [
        ("take_b", REVIEWER, ("B",)), ("edit", "Lin", ("A",))]
    assert entries[0].passage == "This is sentence 01. This is sentence 02."
    with written_csv.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["rationale"] for r in rows] == ["B follows the definition", ""]
    assert rows[0]["code"].endswith(CHILD_1)
    sheet = openpyxl.load_workbook(written_xlsx).active
    assert sheet.max_row == 3 and sheet.cell(2, 8).value == "take_b"


def test_side_by_side_columns(project: Project, codings: dict[str, str]) -> None:
    item = listed(project)[0]
    with project.session() as session:
        take_both(session, item, decided_by=REVIEWER, actor=ACTOR)
        view = side_by_side(session, item, context=10)
    assert [(c.coder, c.is_consensus) for c in view.columns] == [("A", False), ("B", False), (DEFAULT_CONSENSUS, True)]
    assert (view.window_start, view.window_end) == (11, 72)
    assert view.text == TEXT[11:72]
    assert {c.uuid for c in view.columns[0].codings} == {codings["a2"]}
    assert [(c.start, c.end) for c in view.columns[2].codings] == [(21, 62)]
