"""Edits of the team's work: assignments of documents to coders, and consensus decisions (adjudication)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.coders import find_coder
from coding.edits.base import Edit
from coding.errors import NotFoundError
from coding.team import assignments
from models import Coder, Coding, ConsensusDecision
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.agreement.disagreements import Disagreement

# coding.agreement (and numpy with it) is imported when a decision is made, not with the edits.
ASSIGNMENTS = Changes(assignments=True)
# coder id -> document id -> that coder's assignment there (None: none)
AssignmentState = dict[int, dict[int, assignments.AssignmentRecord | None]]


class AssignmentsEdit(Edit):
    """Run one ``coding.team.assignments`` verb (``step``) for each of several coders over the same documents.

    Undo and redo put each coder's assignments in those documents back exactly (same uuids and times) through
    ``restore_assignments``, which refuses — writing nothing — when another window or process changed them since.
    """

    def __init__(self, coder_names: Sequence[str], document_uuids: Sequence[str], step: Callable[..., Changes]) -> None:
        self.coder_names, self.document_uuids, self.step = list(coder_names), list(document_uuids), step
        self.before: AssignmentState | None = None
        self.after: AssignmentState = {}

    def do(self, session: Session, actor: str) -> Changes:
        document_ids = [ref.id for ref in assignments.resolve_documents(session, self.document_uuids)]
        coders = [find_coder(session, name) for name in self.coder_names]  # every name checked before a write
        before = {coder.id: assignments.snapshot(session, coder.id, document_ids) for coder in coders}
        for coder in coders:
            self.step(session, coder.name, self.document_uuids, actor=actor)
        self.after = {coder.id: assignments.snapshot(session, coder.id, document_ids) for coder in coders}
        self.before = before
        return ASSIGNMENTS

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._restore(session, actor, self.before, expected=self.after)

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._restore(session, actor, self.after, expected=self.before)

    def _restore(self, session: Session, actor: str, wanted: AssignmentState, *, expected: AssignmentState) -> Changes:
        for coder_id, records in wanted.items():
            if records != expected[coder_id]:  # a coder this step did not change writes nothing, not even audit
                assignments.restore_assignments(session, coder_id, records, actor=actor, expected=expected[coder_id])
        return ASSIGNMENTS


# -- adjudication -----------------------------------------------------------------------------------
class DecideEdit(Edit):
    """Settle one disagreement into the consensus coder, logged with the adjudicator ``decided_by``. The decision
    is kept by its disagreement item (document, code, passage bounds), not by ids of the consensus codings: redo
    writes new consensus codings and a new decision row."""

    def __init__(
        self, item: Disagreement, decision: str, *, spans: Sequence[tuple[int, int]] | None, rationale: str,
        consensus: str, decided_by: str,
    ) -> None:
        self.item = replace(item, decision_uuid=None)
        self.decision = decision
        self.spans = [(start, end) for start, end in spans] if spans else None
        self.rationale, self.consensus, self.decided_by = rationale, consensus, decided_by
        self.decision_uuid: str | None = None
        self.created: tuple[str, ...] = ()

    def do(self, session: Session, actor: str) -> Changes:
        from coding.agreement.consensus import decide

        outcome = decide(
            session, self.item, self.decision, spans=self.spans, decided_by=self.decided_by,
            rationale=self.rationale, consensus=self.consensus, actor=actor,
        )
        self.decision_uuid, self.created = outcome.decision_uuid, outcome.created
        return outcome.changes

    def undo(self, session: Session, actor: str) -> Changes:
        from coding.agreement.consensus import undo_decision

        assert self.decision_uuid is not None
        return undo_decision(session, self.decision_uuid, actor=actor)


@dataclass(frozen=True)
class Decided:
    """A decision as reopening found it: enough to settle the passage the same way again."""

    decision: str
    decided_by: str
    rationale: str
    spans: tuple[tuple[int, int], ...]


class ReopenDecisionEdit(Edit):
    """Take back a decision made earlier (not only the last one); undo settles the passage the same way again."""

    def __init__(self, item: Disagreement, consensus: str) -> None:
        if item.decision_uuid is None:
            raise NotFoundError(translate("errors", "this passage has not been settled"))
        self.item, self.consensus = item, consensus
        self.decision_uuid: str | None = item.decision_uuid
        self.before: Decided | None = None

    def do(self, session: Session, actor: str) -> Changes:
        from coding.agreement.consensus import undo_decision

        row = session.scalar(select(ConsensusDecision).where(ConsensusDecision.uuid == self.decision_uuid))
        if row is None:
            raise NotFoundError(translate("errors", "that decision is no longer in the project"))
        written = session.execute(
            select(Coding.start, Coding.end, Coder.name).join(Coder, Coder.id == Coding.coder_id)
            .where(Coding.uuid.in_(list(row.result_codings or []))).order_by(Coding.start)
        ).all()
        if written:  # put it back into the consensus coder it was written to
            self.consensus = written[0][2]
        self.before = Decided(row.decision, row.decided_by, row.rationale, tuple((s, e) for s, e, _ in written))
        return undo_decision(session, row.uuid, actor=actor)

    def undo(self, session: Session, actor: str) -> Changes:
        from coding.agreement.consensus import CONSENSUS_CHANGED, decide

        assert self.before is not None
        decision = self.before.decision
        spans: list[tuple[int, int]] | None = None
        if decision not in ("both", "neither") and not decision.startswith("take_"):
            # An edited (or bulk-agreed) decision comes back as the spans it wrote.
            decision, spans = ("edit", list(self.before.spans)) if self.before.spans else ("neither", None)
        outcome = decide(
            session, replace(self.item, decision_uuid=None), decision, spans=spans,
            decided_by=self.before.decided_by, rationale=self.before.rationale, consensus=self.consensus,
            actor=actor,
        )
        self.decision_uuid = outcome.decision_uuid
        return CONSENSUS_CHANGED


__all__ = ["ASSIGNMENTS", "AssignmentState", "AssignmentsEdit", "Decided", "DecideEdit", "ReopenDecisionEdit"]
