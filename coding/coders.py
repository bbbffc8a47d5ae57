"""Coders: the people (and the consensus pseudo-coder) whose codings are compared.

Names are matched exactly first, then ignoring case, so "alice" finds "Alice" and a second
"ALICE" is never created by accident.

The consensus coder is nobody's working identity: :func:`get_or_create_coder` refuses to hand it out to a
person (and keeps its default name, "Consensus", free for it), and its codings are written only by
:mod:`coding.agreement.consensus` on behalf of a named adjudicator (:func:`check_adjudicator`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.names import clean_name
from models import Coder, Coding
from coding.i18n import QT_TRANSLATE_NOOP, translate

# The consensus coder's default name (``coding.agreement.consensus.DEFAULT_CONSENSUS``): never a person's.
RESERVED_CONSENSUS_NAME = "Consensus"
# Said inside other messages: show it through ``translate("errors", REVIEW_HINT)``.
REVIEW_HINT = QT_TRANSLATE_NOOP(
    "errors", "consensus codings are written only by settling disagreements in the review (or `concord consensus`)")


class ConsensusCoderError(ValidationError):
    """Someone tried to work as the consensus coder, or to write its codings outside the review."""


@dataclass(frozen=True)
class CoderSummary:
    """A coder as plain values, with how many codings they have."""

    id: int
    uuid: str
    name: str
    is_consensus: bool
    codings: int


def _lookup(session: Session, name: str) -> Coder | None:
    exact = session.scalar(select(Coder).where(Coder.name == name))
    if exact is not None:
        return exact
    folded = name.casefold()
    for coder in session.scalars(select(Coder)):
        if coder.name.casefold() == folded:
            return coder
    return None


def find_coder(session: Session, name: str) -> Coder:
    coder = _lookup(session, name.strip())
    if coder is None:
        known = session.scalars(select(Coder.name).order_by(Coder.name)).all()
        listed = ", ".join(known) if known else translate("names", "none yet")
        raise NotFoundError(translate(
            "errors", "no coder '{name}' (known coders: {listed})").format(name=name, listed=listed))
    return coder


def _refuse_as_person(name: str) -> NoReturn:
    raise ConsensusCoderError(
        translate(
            "errors", "'{name}' is the consensus coder, not a person: you cannot code as it — choose your own coder "
            "name; {REVIEW_HINT}").format(name=name, REVIEW_HINT=translate("errors", REVIEW_HINT))
    )


def get_or_create_coder(session: Session, name: str, *, actor: str, is_consensus: bool = False) -> Coder:
    """The coder of that name, added if new. Asking for a consensus coder under a person's name is refused, and so
    is asking for a consensus coder as a person (``is_consensus=False``): nobody works as the consensus."""
    cleaned = clean_name(name, translate("names", "coder name"))
    existing = _lookup(session, cleaned)
    if existing is not None:
        if is_consensus and not existing.is_consensus:
            raise ValidationError(
                translate(
                    "errors", "coder '{name}' is a person, not a consensus coder; choose another name for the "
                    "consensus").format(name=existing.name)
            )
        if existing.is_consensus and not is_consensus:
            _refuse_as_person(existing.name)
        return existing
    if not is_consensus and cleaned.casefold() == RESERVED_CONSENSUS_NAME.casefold():
        _refuse_as_person(RESERVED_CONSENSUS_NAME)
    coder = Coder(name=cleaned, is_consensus=is_consensus)
    session.add(coder)
    session.flush()
    record(session, actor, "add", "coder", coder.uuid, None, {"name": coder.name, "is_consensus": is_consensus})
    return coder


def is_consensus_coder(session: Session, coder_id: int) -> bool:
    return bool(session.scalar(select(Coder.is_consensus).where(Coder.id == coder_id)))


def consensus_names(session: Session) -> list[str]:
    """Names nobody may code under: every consensus coder's, and the default consensus name."""
    names = list(session.scalars(select(Coder.name).where(Coder.is_consensus.is_(True)).order_by(Coder.name)))
    if not any(n.casefold() == RESERVED_CONSENSUS_NAME.casefold() for n in names):
        names.append(RESERVED_CONSENSUS_NAME)
    return names


def check_adjudicator(session: Session, name: str | None) -> str:
    """The adjudicator's name, cleaned: a person who settles disagreements, never blank or a consensus coder."""
    if name is None or not name.strip():
        raise ConsensusCoderError(translate(
            "errors", "a named adjudicator is needed: {REVIEW_HINT}, each decision under a person's name").format(
            REVIEW_HINT=translate("errors", REVIEW_HINT)))
    cleaned = name.strip()
    known = _lookup(session, cleaned)
    if (known is not None and known.is_consensus) or cleaned.casefold() == RESERVED_CONSENSUS_NAME.casefold():
        raise ConsensusCoderError(translate(
            "errors", "'{cleaned}' is a consensus coder and cannot be the adjudicator; give a person's name").format(
            cleaned=cleaned))
    return cleaned


def list_coders(session: Session) -> list[CoderSummary]:
    """Every coder by name, with their number of codings."""
    counts = dict(session.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all())
    return [
        CoderSummary(c.id, c.uuid, c.name, c.is_consensus, counts.get(c.id, 0))
        for c in session.scalars(select(Coder).order_by(Coder.name))
    ]


def rename_coder(session: Session, name: str, new_name: str, *, actor: str) -> Coder:
    coder = find_coder(session, name)
    cleaned = clean_name(new_name, translate("names", "coder name"))
    clash = _lookup(session, cleaned)
    if clash is not None and clash.id != coder.id:
        raise DuplicateError(translate("errors", "there is already a coder named '{name}'").format(name=clash.name))
    if not coder.is_consensus and cleaned.casefold() == RESERVED_CONSENSUS_NAME.casefold():
        _refuse_as_person(RESERVED_CONSENSUS_NAME)
    if cleaned == coder.name:
        return coder
    before = {"name": coder.name}
    coder.name = cleaned
    session.flush()
    record(session, actor, "rename", "coder", coder.uuid, before, {"name": cleaned})
    return coder


__all__ = [
    "RESERVED_CONSENSUS_NAME",
    "CoderSummary",
    "ConsensusCoderError",
    "check_adjudicator",
    "consensus_names",
    "find_coder",
    "get_or_create_coder",
    "is_consensus_coder",
    "list_coders",
    "rename_coder",
]
