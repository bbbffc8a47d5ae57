"""The one step every autocoder ends in: apply a list of proposed passages as one coder, skipping what that coder
already coded identically, as one undoable edit. Structure rules, dictionaries, text search and machine
suggestions all build a list of :class:`Passage` and hand it here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.edits.base import CompoundEdit
from coding.errors import ValidationError
from models import Coding


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
    the same code at the same offsets is skipped, so running a rule twice does not double its codings."""
    from coding.codings import apply_code

    seen = already_coded(session, passages, coder_id)
    created: list[str] = []
    for passage in passages:
        key = (passage.document_id, passage.code_id, passage.start, passage.end)
        if key in seen:
            continue
        coding = apply_code(session, document_id=passage.document_id, coder_id=coder_id, code_id=passage.code_id,
                            start=passage.start, end=passage.end, actor=actor)
        seen.add(key)
        created.append(coding.uuid)
    return created


class AutocodeEdit(CompoundEdit):
    """Apply proposed passages as one coder, one undo step. Undo removes exactly the codings it made; redo puts
    the very same codings back (uuids, timestamps)."""

    def __init__(self, passages: Sequence[Passage], coder_id: int, label: str = "Autocode") -> None:
        super().__init__()
        self.passages, self.coder_id, self.label = list(passages), coder_id, label
        self.created: list[str] = []

    def do(self, session: Session, actor: str) -> Changes:
        from coding.edits.codings import MadeCoding

        self.created = apply_passages(session, self.passages, coder_id=self.coder_id, actor=actor)
        if not self.created:
            raise ValidationError("every passage is already coded so by this coder: nothing to do")
        self.children = [MadeCoding(uuid) for uuid in self.created]
        return Changes(codings=True)  # a bulk edit: views recount

    @property
    def skipped(self) -> int:
        """Passages left alone because the coder had already coded them so."""
        return len(self.passages) - len(self.created)


__all__ = ["AutocodeEdit", "Passage", "already_coded", "apply_passages"]
