"""Undo steps of adjudication: one QUndoCommand per decision, calling coding/agreement/consensus.

A decision is kept by its disagreement item (document, code and passage bounds), not by database ids of the
consensus codings: redo writes new consensus codings and a new decision row, and later steps find the passage
again by its bounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.commands import BenchCommand
from app.workbench import Workbench
from coding.agreement.consensus import CONSENSUS_CHANGED, DEFAULT_CONSENSUS, decide, undo_decision
from coding.agreement.disagreements import Disagreement
from coding.changes import Changes
from coding.errors import NotFoundError
from models import Coder, Coding, ConsensusDecision

DECISION_TITLES = {"both": "Both", "neither": "Neither", "edit": "Edited bounds", "agreed": "Agreed"}
MANY_CODER_TITLES = {"both": "All (union)", "neither": "None"}  # the same decisions, said for 3+ coders


def decision_title(decision: str, coders: Sequence[str]) -> str:
    """"Take Lin" for take_a when Lin is the first compared coder; "Both", "Neither", "Edited bounds" … (with
    three or more coders "All (union)" and "None")."""
    if decision.startswith("take_"):
        letter = decision[len("take_"):]
        index = ord(letter) - ord("a") if len(letter) == 1 else -1
        who = coders[index] if 0 <= index < len(coders) else letter.upper()
        return f"Take {who}"
    if len(coders) > 2 and decision in MANY_CODER_TITLES:
        return MANY_CODER_TITLES[decision]
    return DECISION_TITLES.get(decision, decision)


def _where(item: Disagreement) -> str:
    return f"'{item.code_path.rsplit('/', 1)[-1]}' in {item.document_name} {item.start}–{item.end}"


class DecideCommand(BenchCommand):
    """Settle one disagreement into the consensus coder (take one coder's version, both / all, neither / none or
    edited bounds), logged with the adjudicator (the workbench's coder)."""

    def __init__(
        self, bench: Workbench, item: Disagreement, decision: str, *, spans: Sequence[tuple[int, int]] | None = None,
        rationale: str = "", consensus: str = DEFAULT_CONSENSUS,
    ) -> None:
        super().__init__(bench, f"{decision_title(decision, item.coders)}: {_where(item)}")
        self.item = replace(item, decision_uuid=None)
        self.decision = decision
        self.spans = [tuple(span) for span in spans] if spans else None
        self.rationale = rationale
        self.consensus = consensus
        self.decided_by = bench.coder_name
        self.decision_uuid: str | None = None
        self.created: tuple[str, ...] = ()

    def perform(self, session: Session) -> Changes:
        outcome = decide(
            session, self.item, self.decision, spans=self.spans, decided_by=self.decided_by,  # type: ignore[arg-type]
            rationale=self.rationale, consensus=self.consensus, actor=self.actor,
        )
        self.decision_uuid, self.created = outcome.decision_uuid, outcome.created
        return outcome.changes

    def revert(self, session: Session) -> Changes:
        assert self.decision_uuid is not None
        return undo_decision(session, self.decision_uuid, actor=self.actor)


@dataclass(frozen=True)
class _Decided:
    decision: str
    decided_by: str
    rationale: str
    spans: tuple[tuple[int, int], ...]


class ReopenDecisionCommand(BenchCommand):
    """Take back a decision made earlier (not only the last one); undo settles the passage the same way again."""

    def __init__(self, bench: Workbench, item: Disagreement, consensus: str = DEFAULT_CONSENSUS) -> None:
        super().__init__(bench, f"Reopen {_where(item)}")
        if item.decision_uuid is None:
            raise NotFoundError("this passage has not been settled")
        self.item = item
        self.consensus = consensus
        self.decision_uuid: str | None = item.decision_uuid
        self.before: _Decided | None = None

    def perform(self, session: Session) -> Changes:
        row = session.scalar(select(ConsensusDecision).where(ConsensusDecision.uuid == self.decision_uuid))
        if row is None:
            raise NotFoundError("that decision is no longer in the project")
        written = session.execute(
            select(Coding.start, Coding.end, Coder.name).join(Coder, Coder.id == Coding.coder_id)
            .where(Coding.uuid.in_(list(row.result_codings or []))).order_by(Coding.start)
        ).all()
        if written:  # put it back into the consensus coder it was written to
            self.consensus = written[0][2]
        self.before = _Decided(row.decision, row.decided_by, row.rationale, tuple((s, e) for s, e, _ in written))
        return undo_decision(session, row.uuid, actor=self.actor)

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        decision = self.before.decision
        spans: list[tuple[int, int]] | None = None
        if decision not in ("both", "neither") and not decision.startswith("take_"):
            # An edited (or bulk-agreed) decision comes back as the spans it wrote.
            decision, spans = ("edit", list(self.before.spans)) if self.before.spans else ("neither", None)
        outcome = decide(
            session, replace(self.item, decision_uuid=None), decision, spans=spans,
            decided_by=self.before.decided_by, rationale=self.before.rationale, consensus=self.consensus,
            actor=self.actor,
        )
        self.decision_uuid = outcome.decision_uuid
        return CONSENSUS_CHANGED


__all__ = ["DecideCommand", "ReopenDecisionCommand", "decision_title"]
