"""The shape of every undoable edit: ``do`` once, then ``undo`` and ``redo`` as often as the user asks.

An edit is plain data plus the three steps; each step runs in a session the caller owns (and commits), and
returns the :class:`~coding.changes.Changes` it made. An edit holds things by uuid, not by id: undoing a
deletion puts a row back with its uuid but perhaps a new id, and later edits must still find it.

Undo and redo never overwrite another's edit: a step that puts back a remembered value remembers what it
left there and passes it as ``expected=`` to the ``coding/`` operation, which refuses with
``ConflictError`` (writing nothing, once the caller rolls back) when another window or process changed it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.errors import NotFoundError
from models import Code
from coding.i18n import translate


class Edit(ABC):
    """One user edit. Subclasses implement ``do`` and ``undo``; ``redo`` is ``do`` again unless overridden."""

    @abstractmethod
    def do(self, session: Session, actor: str) -> Changes:
        """The user's edit itself; raises a ``ConcordError`` (and writes nothing) when refused."""

    @abstractmethod
    def undo(self, session: Session, actor: str) -> Changes:
        """Take the edit back; refuses with ``ConflictError`` if what it left was changed since."""

    def redo(self, session: Session, actor: str) -> Changes:
        return self.do(session, actor)


class CompoundEdit(Edit):
    """Child edits done and redone in order and undone in reverse (as Orange's compound commands)."""

    def __init__(self, children: Sequence[Edit] = ()) -> None:
        self.children = list(children)

    def do(self, session: Session, actor: str) -> Changes:
        return Changes.join([child.do(session, actor) for child in self.children])

    def undo(self, session: Session, actor: str) -> Changes:
        return Changes.join([child.undo(session, actor) for child in reversed(self.children)])

    def redo(self, session: Session, actor: str) -> Changes:
        return Changes.join([child.redo(session, actor) for child in self.children])


def code_id_of(session: Session, code_uuid: str) -> int:
    code_id = session.scalar(select(Code.id).where(Code.uuid == code_uuid))
    if code_id is None:
        raise NotFoundError(translate("errors", "that code is no longer in the codebook"))
    return code_id


def optional_code_id(session: Session, code_uuid: str | None) -> int | None:
    return None if code_uuid is None else code_id_of(session, code_uuid)


__all__ = ["CompoundEdit", "Edit", "code_id_of", "optional_code_id"]
