"""Undo step for "Accept agreed passages": copy every passage the compared coders agree on into the consensus
coder (``coding.edits.AcceptAgreedEdit``), as one step on the window's QUndoStack."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.commands import BenchCommand
from app.workbench import Workbench
from coding.agreement.consensus import DEFAULT_CONSENSUS
from coding.changes import Changes
from coding.edits import AcceptAgreedEdit


class AcceptAgreedCommand(BenchCommand):
    """Accept the agreed passages of ``coders`` into the consensus, logged with the adjudicator (the workbench's
    coder); undo removes the decisions and the consensus codings they wrote, redo accepts again."""

    edit: AcceptAgreedEdit

    def __init__(
        self, bench: Workbench, coders: Sequence[str], *, unit: str, tolerance: float,
        consensus: str = DEFAULT_CONSENSUS,
    ) -> None:
        edit = AcceptAgreedEdit(coders, decided_by=bench.coder_name, unit=unit, tolerance=tolerance,
                                consensus=consensus)
        super().__init__(bench, edit.label, edit)

    def perform(self, session: Session) -> Changes:
        changes = super().perform(session)
        self.setText(self.edit.label)  # now it says how many passages were accepted
        return changes


__all__ = ["AcceptAgreedCommand"]
