"""The edit of "Accept agreed passages": copy every passage the compared coders agree on, not yet in the
consensus, into the consensus coder (``coding.agreement.completion.accept_agreed``) as one step.

Undo takes back the decisions it made and the consensus codings they wrote (``undo_accept``); redo accepts again,
so it finds the passages agreed at that moment (new decision rows and codings, as a redone decision does).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.edits.base import Edit
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.agreement.completion import AcceptOutcome

# coding.agreement (and numpy with it) is imported when the step runs, not with the edits.


class AcceptAgreedEdit(Edit):
    """Accept the agreed passages of ``coders`` at ``unit`` into ``consensus``, logged with the adjudicator
    ``decided_by``."""

    def __init__(
        self, coders: Sequence[str], *, decided_by: str, unit: str, tolerance: float, consensus: str,
    ) -> None:
        self.coders = tuple(coders)
        self.decided_by, self.unit, self.tolerance, self.consensus = decided_by, unit, tolerance, consensus
        self.outcome: AcceptOutcome | None = None

    @property
    def label(self) -> str:
        """The step's name: before it ran, what it will do; after, how many passages it accepted."""
        who = ", ".join(self.coders)
        if self.outcome is None:
            return translate("edits", "Accept agreed passages of {coders}").format(coders=who)
        count = self.outcome.passages
        return translate("edits", "Accept %Ln agreed passage(s) of {coders}", None, count).format(coders=who)

    def do(self, session: Session, actor: str) -> Changes:
        from coding.agreement.completion import accept_agreed

        self.outcome = accept_agreed(session, self.coders, decided_by=self.decided_by, actor=actor,
                                     consensus=self.consensus, unit=self.unit, tolerance=self.tolerance)
        return self.outcome.changes

    def undo(self, session: Session, actor: str) -> Changes:
        from coding.agreement.completion import undo_accept

        assert self.outcome is not None
        return undo_accept(session, self.outcome.decision_uuids, actor=actor)


__all__ = ["AcceptAgreedEdit"]
