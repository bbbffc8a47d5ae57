"""Nobody works as the consensus coder: its codings change only through a logged decision by a named adjudicator."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding import codings as ops
from coding.agreement.consensus import DEFAULT_CONSENSUS, consensus_coder, take, take_neither, undo_decision
from coding.agreement.disagreements import list_disagreements
from coding.codebook import find_code
from coding.coders import (
    RESERVED_CONSENSUS_NAME,
    ConsensusCoderError,
    consensus_names,
    get_or_create_coder,
    rename_coder,
)
from coding.project import Project
from models import AuditEvent, Coder, Coding, ConsensusDecision
from tests.core.test_agreement_units import CHILD_1, CHILD_2, Builder, add_document, sentence

ACTOR = "test"
REVIEWER = "Dr Adjudicator"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "guard.concord")
    with created.session() as session:
        add_document(session, "doc1")
    build = Builder(created)
    build.code("A", "doc1", CHILD_1, *sentence(0))
    build.code("B", "doc1", CHILD_1, *sentence(1))
    yield created
    created.close()


def settle_first(project: Project) -> str:
    """Settle the first disagreement by taking A: one consensus coding, written the proper way."""
    with project.session() as session:
        item = list_disagreements(session, ["A", "B"])[0]
        outcome = take(session, item, "A", decided_by=REVIEWER, actor=ACTOR)
    return outcome.created[0]


def snapshot(project: Project) -> tuple[list[tuple], int, int]:
    with project.session() as session:
        rows = session.execute(select(Coding.uuid, Coding.coder_id, Coding.code_id, Coding.start, Coding.end,
                                      Coding.memo).order_by(Coding.id)).all()
        audits = session.scalar(select(func.count(AuditEvent.id))) or 0
        decisions = session.scalar(select(func.count(ConsensusDecision.id))) or 0
    return [tuple(r) for r in rows], audits, decisions


def _consensus_id(session: Session) -> int:
    return session.scalar(select(Coder.id).where(Coder.is_consensus.is_(True)))


WRITES: dict[str, Callable[[Session, str], Any]] = {
    "apply": lambda s, uuid: ops.apply_code(s, document_id=1, coder_id=_consensus_id(s),
                                            code_id=find_code(s, CHILD_1).id, start=42, end=62, actor=ACTOR),
    "remove": lambda s, uuid: ops.remove_coding(s, uuid, actor=ACTOR),
    "resize": lambda s, uuid: ops.resize_coding(s, uuid, 0, 10, actor=ACTOR),
    "memo": lambda s, uuid: ops.set_coding_memo(s, uuid, "changed behind the log", actor=ACTOR),
    "recode": lambda s, uuid: ops.change_coding_code(s, uuid, find_code(s, CHILD_2).id, actor=ACTOR),
    # a copy of it under a new uuid, as if put back after a removal
    "restore": lambda s, uuid: ops.restore_coding(
        s, replace(ops.CodingRecord.of(ops.find_coding(s, uuid)), uuid="f" * 32), actor=ACTOR),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_consensus_coding_cannot_be_written_outside_a_decision(project: Project, write: str) -> None:
    created = settle_first(project)
    before = snapshot(project)
    refusal = f"'{DEFAULT_CONSENSUS}' is the consensus coder.*named adjudicator"
    with pytest.raises(ConsensusCoderError, match=refusal), project.session() as session:
        WRITES[write](session, created)
    assert snapshot(project) == before


@pytest.mark.parametrize("adjudicator", ["", "   ", DEFAULT_CONSENSUS, "consensus"])
def test_the_adjudicator_must_be_a_person(project: Project, adjudicator: str) -> None:
    created = settle_first(project)
    before = snapshot(project)
    with pytest.raises(ConsensusCoderError, match="adjudicator"), project.session() as session:
        ops.set_coding_memo(session, created, "memo", actor=ACTOR, adjudicator=adjudicator)
    with pytest.raises(ConsensusCoderError, match="adjudicator"), project.session() as session:
        take_neither(session, list_disagreements(session, ["A", "B"])[1], decided_by=adjudicator, actor=ACTOR)
    assert snapshot(project) == before


def test_decisions_and_their_undo_still_write_the_consensus(project: Project) -> None:
    created = settle_first(project)
    with project.session() as session:
        coding = ops.find_coding(session, created)
        assert (coding.start, coding.end) == sentence(0)
        row = session.scalar(select(ConsensusDecision))
        assert (row.decided_by, row.result_codings) == (REVIEWER, [created])
        undo_decision(session, row.uuid, actor=REVIEWER)
    coders_codings, _, decisions = snapshot(project)
    assert created not in {r[0] for r in coders_codings} and decisions == 0


def test_people_still_write_their_own_codings(project: Project) -> None:
    with project.session() as session:
        lin = get_or_create_coder(session, "Lin", actor=ACTOR)
        coding = ops.apply_code(session, document_id=1, coder_id=lin.id, code_id=find_code(session, CHILD_1).id,
                                start=0, end=10, actor="Lin")
        ops.set_coding_memo(session, coding.uuid, "mine", actor="Lin")
        ops.remove_coding(session, coding.uuid, actor="Lin")


@pytest.mark.parametrize("typed", [DEFAULT_CONSENSUS, "consensus", "  CONSENSUS "])
def test_nobody_gets_the_consensus_coder_as_a_working_identity(project: Project, typed: str) -> None:
    settle_first(project)
    before = snapshot(project)
    with pytest.raises(ConsensusCoderError, match="is the consensus coder, not a person"), project.session() as s:
        get_or_create_coder(s, typed, actor=typed)
    assert snapshot(project) == before
    with project.session() as session:  # the review itself still gets it
        assert consensus_coder(session, actor=ACTOR).is_consensus


def test_the_default_consensus_name_is_kept_free_for_the_consensus(project: Project) -> None:
    with project.session() as session:
        assert consensus_names(session) == [RESERVED_CONSENSUS_NAME] == [DEFAULT_CONSENSUS]
    for attempt in (lambda s: get_or_create_coder(s, "consensus", actor="x"),
                    lambda s: rename_coder(s, "A", "Consensus", actor="x")):
        with pytest.raises(ConsensusCoderError), project.session() as session:
            attempt(session)
    with project.session() as session:
        assert not session.scalar(select(Coder.id).where(func.lower(Coder.name) == "consensus"))
        custom = get_or_create_coder(session, "Agreed", actor=ACTOR, is_consensus=True)
        assert consensus_names(session) == [custom.name, RESERVED_CONSENSUS_NAME]


def test_consensus_codings_follow_their_code_when_a_merge_is_undone(project: Project) -> None:
    """Undoing a code merge puts every coding back on its code, consensus ones too: a codebook step, not a recoding."""
    created = settle_first(project)
    with project.session() as session:
        other = find_code(session, CHILD_2).id
        ops.change_coding_code(session, created, other, actor=ACTOR, with_codebook=True)
        assert ops.find_coding(session, created).code_id == other
