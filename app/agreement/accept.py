"""Undo step for "Accept agreed passages": copy every passage the compared coders agree on into the consensus
coder (coding/agreement/completion.py), as one step on the window's QUndoStack."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.commands import BenchCommand
from app.workbench import Workbench
from coding.agreement.completion import AcceptOutcome, accept_agreed, undo_accept
from coding.agreement.consensus import DEFAULT_CONSENSUS
from coding.changes import Changes


class AcceptAgreedCommand(BenchCommand):
    """Accept the agreed passages of ``coders`` into the consensus, logged with the adjudicator (the workbench's
    coder); undo removes the decisions and the consensus codings they wrote, redo accepts again."""

    def __init__(
        self, bench: Workbench, coders: Sequence[str], *, unit: str, tolerance: float,
        consensus: str = DEFAULT_CONSENSUS,
    ) -> None:
        super().__init__(bench, f"Accept agreed passages of {', '.join(coders)}")
        self.coders = tuple(coders)
        self.unit, self.tolerance, self.consensus = unit, tolerance, consensus
        self.decided_by = bench.coder_name
        self.outcome: AcceptOutcome | None = None

    def perform(self, session: Session) -> Changes:
        self.outcome = accept_agreed(session, self.coders, decided_by=self.decided_by, actor=self.actor,
                                     consensus=self.consensus, unit=self.unit, tolerance=self.tolerance)
        self.setText(f"Accept {self.outcome.passages} agreed passage{'' if self.outcome.passages == 1 else 's'} "
                     f"of {', '.join(self.coders)}")
        return self.outcome.changes

    def revert(self, session: Session) -> Changes:
        assert self.outcome is not None
        return undo_accept(session, self.outcome.decision_uuids, actor=self.actor)


__all__ = ["AcceptAgreedCommand"]
