"""A complete consensus layer: the passages the coders agree on, copied in, and every disagreement settled.

Settling disagreements alone leaves the consensus coder without every passage the coders already agreed on, so
each consensus-only table (matrix, summary, crosstab) would be silently incomplete. :func:`accept_agreed` copies
those passages in (as ``agreed`` decisions, each consensus coding's ``derived_from`` naming the coders' codings
it came from); :func:`consensus_state` says how far a comparison is: "complete" or "N disagreements left".
Accepting twice adds nothing: a passage with a decision is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coding.agreement.compare import DEFAULT_TOLERANCE
from coding.agreement.consensus import (
    CONSENSUS_CHANGED,
    DEFAULT_CONSENSUS,
    accept_agreements,
    undo_decision,
)
from coding.agreement.disagreements import Disagreement, list_disagreements
from coding.changes import Changes
from coding.errors import ValidationError
from coding.i18n import translate

DEFAULT_UNIT = "passage"


@dataclass(frozen=True)
class ConsensusState:
    """How complete the consensus layer of one comparison is."""

    coders: tuple[str, ...]
    disagreements: int
    settled: int
    agreed: int
    accepted: int

    @property
    def disagreements_left(self) -> int:
        return self.disagreements - self.settled

    @property
    def agreed_left(self) -> int:
        return self.agreed - self.accepted

    @property
    def complete(self) -> bool:
        return self.disagreements_left == 0 and self.agreed_left == 0

    def summary(self) -> str:
        """"complete", or what is left: "3 disagreements left, 12 agreed passages not accepted"."""
        if self.complete:
            return translate("AgreementConsensus", "complete")
        disagreements, agreed = self.disagreements_left, self.agreed_left  # plain names: lupdate reads them
        parts = []
        if disagreements:
            parts.append(translate("AgreementConsensus", "%Ln disagreement(s) left", None, disagreements))
        if agreed:
            parts.append(translate("AgreementConsensus", "%Ln agreed passage(s) not accepted", None, agreed))
        return translate("AgreementConsensus", ", ").join(parts)

    def to_dict(self) -> dict[str, object]:
        return {"coders": list(self.coders), "complete": self.complete, "summary": self.summary(),
                "disagreements": self.disagreements, "settled": self.settled,
                "disagreements_left": self.disagreements_left, "agreed": self.agreed, "accepted": self.accepted,
                "agreed_left": self.agreed_left}


@dataclass(frozen=True)
class AcceptOutcome:
    """What accepting the agreed passages wrote: enough to undo it (:func:`undo_accept`)."""

    decision_uuids: tuple[str, ...]
    codings: tuple[str, ...]
    state: ConsensusState
    changes: Changes = CONSENSUS_CHANGED

    @property
    def passages(self) -> int:
        return len(self.decision_uuids)

    def to_dict(self) -> dict[str, object]:
        return {"accepted_passages": self.passages, "consensus_codings": len(self.codings),
                "decisions": list(self.decision_uuids), "state": self.state.to_dict()}


def state_of(coders: Sequence[str], items: Sequence[Disagreement]) -> ConsensusState:
    """The state from items listed with ``include_agreements=True``."""
    disagreements = [item for item in items if not item.agreed]
    agreed = [item for item in items if item.agreed]
    return ConsensusState(tuple(coders), len(disagreements), sum(1 for i in disagreements if i.resolved),
                          len(agreed), sum(1 for i in agreed if i.resolved))


def _items(session: Session, coders: Sequence[str], unit: str, tolerance: float) -> list[Disagreement]:
    if len(set(coders)) < 2:
        raise ValidationError(translate(
            "errors", "a consensus needs two or more different coders to compare (--coders A,B)"))
    return list_disagreements(session, list(coders), unit=unit, tolerance=tolerance, include_agreements=True)


def consensus_state(
    session: Session, coders: Sequence[str], *, unit: str = DEFAULT_UNIT, tolerance: float = DEFAULT_TOLERANCE,
) -> ConsensusState:
    """How complete the consensus of ``coders`` is at ``unit`` (passages by default, as the review lists them)."""
    return state_of(coders, _items(session, coders, unit, tolerance))


def accept_agreed(
    session: Session, coders: Sequence[str], *, decided_by: str, actor: str, consensus: str = DEFAULT_CONSENSUS,
    unit: str = DEFAULT_UNIT, tolerance: float = DEFAULT_TOLERANCE,
) -> AcceptOutcome:
    """Copy every passage ``coders`` agree on, not yet in the consensus, into the consensus coder."""
    if not decided_by.strip():
        raise ValidationError(translate("errors", "accepting agreed passages needs the adjudicator's name"))
    items = _items(session, coders, unit, tolerance)
    outcomes = accept_agreements(session, items, decided_by=decided_by, consensus=consensus, actor=actor)
    state = consensus_state(session, coders, unit=unit, tolerance=tolerance)
    return AcceptOutcome(tuple(o.decision_uuid for o in outcomes),
                         tuple(uuid for o in outcomes for uuid in o.created), state)


def undo_accept(session: Session, decision_uuids: Sequence[str], *, actor: str) -> Changes:
    """Take back an :func:`accept_agreed`: its decisions and the consensus codings they wrote."""
    for decision_uuid in decision_uuids:
        undo_decision(session, decision_uuid, actor=actor)
    return CONSENSUS_CHANGED


__all__ = ["AcceptOutcome", "ConsensusState", "accept_agreed", "consensus_state", "state_of", "undo_accept"]
