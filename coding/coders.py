"""Coders: the people (and the consensus pseudo-coder) whose codings are compared.

Names are matched exactly first, then ignoring case, so "alice" finds "Alice" and a second
"ALICE" is never created by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.names import clean_name
from models import Coder, Coding


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
        listed = ", ".join(known) if known else "none yet"
        raise NotFoundError(f"no coder '{name}' (known coders: {listed})")
    return coder


def get_or_create_coder(session: Session, name: str, *, actor: str, is_consensus: bool = False) -> Coder:
    """The coder of that name, added if new. Asking for a consensus coder under a person's name is refused."""
    cleaned = clean_name(name, "coder name")
    existing = _lookup(session, cleaned)
    if existing is not None:
        if is_consensus and not existing.is_consensus:
            raise ValidationError(
                f"coder '{existing.name}' is a person, not a consensus coder; choose another name for the consensus"
            )
        return existing
    coder = Coder(name=cleaned, is_consensus=is_consensus)
    session.add(coder)
    session.flush()
    record(session, actor, "add", "coder", coder.uuid, None, {"name": coder.name, "is_consensus": is_consensus})
    return coder


def list_coders(session: Session) -> list[CoderSummary]:
    """Every coder by name, with their number of codings."""
    counts = dict(session.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all())
    return [
        CoderSummary(c.id, c.uuid, c.name, c.is_consensus, counts.get(c.id, 0))
        for c in session.scalars(select(Coder).order_by(Coder.name))
    ]


def rename_coder(session: Session, name: str, new_name: str, *, actor: str) -> Coder:
    coder = find_coder(session, name)
    cleaned = clean_name(new_name, "coder name")
    clash = _lookup(session, cleaned)
    if clash is not None and clash.id != coder.id:
        raise DuplicateError(f"there is already a coder named '{clash.name}'")
    if cleaned == coder.name:
        return coder
    before = {"name": coder.name}
    coder.name = cleaned
    session.flush()
    record(session, actor, "rename", "coder", coder.uuid, before, {"name": cleaned})
    return coder


__all__ = ["CoderSummary", "find_coder", "get_or_create_coder", "list_coders", "rename_coder"]
