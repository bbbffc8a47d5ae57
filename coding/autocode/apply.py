"""The one step every autocoder ends in: apply a list of proposed passages as one coder, skipping what that coder
already coded identically, as one undoable edit. Structure rules, dictionaries, text search and machine
suggestions all build a list of :class:`Passage` and hand it here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import ValidationError
from models import Coding
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.codings import CodingRecord


@dataclass(frozen=True)
class Passage:
    """``text[start:end]`` of a document, to be coded with ``code_id``; ``reason`` says which rule proposed it."""

    document_id: int
    start: int
    end: int
    code_id: int
    reason: str = ""


def already_coded(session: Session, passages: Sequence[Passage], coder_id: int) -> set[tuple[int, int, int, int]]:
    """(document, code, start, end) of the passages this coder has already coded exactly so."""
    if not passages:
        return set()
    documents = {p.document_id for p in passages}
    codes = {p.code_id for p in passages}
    rows = session.execute(
        select(Coding.document_id, Coding.code_id, Coding.start, Coding.end).where(
            Coding.coder_id == coder_id, Coding.document_id.in_(documents), Coding.code_id.in_(codes)))
    wanted = {(p.document_id, p.code_id, p.start, p.end) for p in passages}
    return {(d, c, s, e) for d, c, s, e in rows if (d, c, s, e) in wanted}


def apply_passages(session: Session, passages: Sequence[Passage], *, coder_id: int, actor: str) -> list[str]:
    """Code every passage as the coder; returns the new codings' uuids. A passage the coder already coded with
    the same code at the same offsets (or listed twice) is skipped, so running a rule twice does not double its
    codings. All are written in a few statements (``coding.codings.apply_codes``), or none if one is refused."""
    return [made.uuid for made in _apply(session, passages, coder_id, actor)]


def _apply(session: Session, passages: Sequence[Passage], coder_id: int, actor: str) -> list[CodingRecord]:
    from coding.codings import NewCoding, apply_codes

    seen = already_coded(session, passages, coder_id)
    fresh: list[NewCoding] = []
    for passage in passages:
        key = (passage.document_id, passage.code_id, passage.start, passage.end)
        if key not in seen:
            seen.add(key)
            fresh.append(NewCoding(passage.document_id, passage.code_id, passage.start, passage.end))
    return apply_codes(session, fresh, coder_id=coder_id, actor=actor)


class AutocodeEdit(Edit):
    """Apply proposed passages as one coder, one undo step. Undo removes exactly the codings it made (whatever
    became of them since); redo puts the very same codings back (uuids, timestamps). Each step is a few
    statements however many passages there are."""

    def __init__(self, passages: Sequence[Passage], coder_id: int, label: str = "Autocode") -> None:
        self.passages, self.coder_id, self.label = list(passages), coder_id, label
        self.made: list[CodingRecord] = []

    @property
    def created(self) -> list[str]:
        return [made.uuid for made in self.made]

    def do(self, session: Session, actor: str) -> Changes:
        self.made = _apply(session, self.passages, self.coder_id, actor)
        if not self.made:
            raise ValidationError(translate(
                "errors", "every passage is already coded so by this coder: nothing to do"))
        return Changes(codings=True)  # a bulk edit: views recount

    def undo(self, session: Session, actor: str) -> Changes:
        from coding.codings import remove_codings

        remove_codings(session, self.created, actor=actor)
        return Changes(codings=True)

    def redo(self, session: Session, actor: str) -> Changes:
        from coding.codings import restore_codings

        restore_codings(session, self.made, actor=actor)
        return Changes(codings=True)

    @property
    def skipped(self) -> int:
        """Passages left alone because the coder had already coded them so."""
        return len(self.passages) - len(self.made)


__all__ = ["AutocodeEdit", "Passage", "already_coded", "apply_passages"]
