"""Edits of codings: apply a code, remove codings, resize, write a coding's memo, recode, code in vivo, and
code every search hit. Each change record lists the coding counts that moved (see coding/changes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding import codebook, codings
from coding.changes import Changes, TouchedCoding
from coding.codings import CODINGS_RESHAPED, CodingRecord, SnapMode
from coding.codings import counted as _bare_counted
from coding.codings import recounted as _bare_recounted
from coding.edits.base import CompoundEdit, Edit, code_id_of, optional_code_id
from coding.errors import NotFoundError, ValidationError
from models import Code, Coding
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.analysis.search import Hit


def _touching(changes: Changes, coding: CodingRecord | Coding) -> Changes:
    """``changes`` naming the one coding it touched, so the open transcript re-reads just that coding."""
    return replace(changes, touched_codings=(TouchedCoding(coding.document_id, coding.uuid),))


def counted(coding: CodingRecord | Coding, delta: int) -> Changes:
    """One coding appeared or went: its count delta and its uuid."""
    return _touching(_bare_counted(coding, delta), coding)


def recounted(coding: CodingRecord | Coding, old_code_id: int) -> Changes:
    return _touching(_bare_recounted(coding, old_code_id), coding)


class ApplyCodeEdit(Edit):
    """Code a passage; undo removes the coding, redo puts back the very coding (same uuid and timestamps)."""

    def __init__(
        self, *, document_id: int, coder_id: int, code_uuid: str, start: int, end: int, snap: SnapMode,
        memo: str = "",
    ) -> None:
        self.document_id, self.coder_id, self.code_uuid = document_id, coder_id, code_uuid
        self.start, self.end, self.snap, self.memo = start, end, snap, memo
        self.saved: CodingRecord | None = None

    def do(self, session: Session, actor: str) -> Changes:
        coding = codings.apply_code(
            session, document_id=self.document_id, coder_id=self.coder_id, code_id=code_id_of(session, self.code_uuid),
            start=self.start, end=self.end, memo=self.memo, snap=self.snap, actor=actor,
        )
        self.saved = CodingRecord.of(coding)
        return counted(self.saved, +1)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None
        self.saved = codings.remove_coding(session, self.saved.uuid, actor=actor, expected=self.saved)
        return counted(self.saved, -1)

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None
        return counted(codings.restore_coding(session, self.saved, actor=actor), +1)

    @property
    def coding_uuid(self) -> str | None:
        return self.saved.uuid if self.saved else None


class RemoveCodingEdit(Edit):
    """Remove one coding; undo puts it back exactly, redo removes it again only if it is as undo left it."""

    def __init__(self, coding_uuid: str, *, guarded: bool = True) -> None:
        self.coding_uuid = coding_uuid
        self.saved: CodingRecord | None = None
        self.guarded = guarded  # False: a later removal takes it whatever became of it (see CodeHitsEdit)

    def do(self, session: Session, actor: str) -> Changes:
        self.saved = codings.remove_coding(session, self.coding_uuid, actor=actor)
        return counted(self.saved, -1)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None
        return counted(codings.restore_coding(session, self.saved, actor=actor), +1)

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None
        expected = self.saved if self.guarded else None
        self.saved = codings.remove_coding(session, self.coding_uuid, actor=actor, expected=expected)
        return counted(self.saved, -1)


class RemoveCodingsEdit(CompoundEdit):
    """Remove several codings as one step."""

    def __init__(self, coding_uuids: Sequence[str]) -> None:
        self.coding_uuids = list(coding_uuids)
        super().__init__([RemoveCodingEdit(uuid) for uuid in self.coding_uuids])

    @property
    def saved(self) -> list[CodingRecord]:
        return [child.saved for child in self.children if isinstance(child, RemoveCodingEdit) and child.saved]


class ResizeCodingEdit(Edit):
    def __init__(self, coding_uuid: str, start: int, end: int) -> None:
        self.coding_uuid, self.start, self.end = coding_uuid, start, end
        self.before: tuple[int, int] | None = None
        self.left: tuple[int, int] | None = None  # the bounds the last step wrote

    def do(self, session: Session, actor: str) -> Changes:
        if self.before is None:
            coding = codings.find_coding(session, self.coding_uuid)
            self.before = (coding.start, coding.end)
        return self._resize(session, actor, (self.start, self.end))

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._resize(session, actor, self.before)

    def _resize(self, session: Session, actor: str, bounds: tuple[int, int]) -> Changes:
        coding = codings.resize_coding(session, self.coding_uuid, *bounds, actor=actor, expected=self.left)
        self.left = (coding.start, coding.end)
        return _touching(CODINGS_RESHAPED, coding)


class SetCodingMemoEdit(Edit):
    def __init__(self, coding_uuid: str, memo: str) -> None:
        self.coding_uuid, self.memo = coding_uuid, memo
        self.before: str | None = None
        self.left: str | None = None  # the memo the last step wrote

    def do(self, session: Session, actor: str) -> Changes:
        if self.before is None:
            self.before = codings.find_coding(session, self.coding_uuid).memo
        return self._write(session, actor, self.memo)

    def undo(self, session: Session, actor: str) -> Changes:
        return self._write(session, actor, self.before or "")

    def _write(self, session: Session, actor: str, memo: str) -> Changes:
        coding = codings.set_coding_memo(session, self.coding_uuid, memo, actor=actor, expected=self.left)
        self.left = coding.memo
        return _touching(CODINGS_RESHAPED, coding)


class RecodeCodingEdit(Edit):
    """Move a coding to another code; undo (and redo) only if the coding is still on the code the last step left."""

    def __init__(self, coding_uuid: str, code_uuid: str) -> None:
        self.coding_uuid, self.code_uuid = coding_uuid, code_uuid
        self.before: str | None = None  # the uuid of its code before the first step
        self.left: str | None = None  # the uuid of the code the last step left it on

    def do(self, session: Session, actor: str) -> Changes:
        if self.before is None:
            self.before = _code_uuid_of_coding(session, self.coding_uuid)
        return self._recode(session, actor, self.code_uuid)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._recode(session, actor, self.before)

    def _recode(self, session: Session, actor: str, code_uuid: str) -> Changes:
        old_code_id = codings.find_coding(session, self.coding_uuid).code_id
        expected = None if self.left is None else code_id_of(session, self.left)
        coding = codings.change_coding_code(
            session, self.coding_uuid, code_id_of(session, code_uuid), actor=actor, expected=expected
        )
        self.left = code_uuid
        return recounted(coding, old_code_id)


def _code_uuid_of_coding(session: Session, coding_uuid: str) -> str:
    coding_code = select(Code.uuid).join(Coding, Coding.code_id == Code.id).where(Coding.uuid == coding_uuid)
    code_uuid = session.scalar(coding_code)
    if code_uuid is None:
        raise NotFoundError(translate("errors", "unknown coding {coding_uuid}").format(coding_uuid=coding_uuid))
    return code_uuid


class InVivoEdit(Edit):
    """A new code named from the selected words, applied to them: one step to undo. Redo makes both again
    with the same uuids."""

    def __init__(
        self, *, document_id: int, coder_id: int, name: str, parent_uuid: str | None, start: int, end: int,
        snap: SnapMode,
    ) -> None:
        self.document_id, self.coder_id, self.name, self.parent_uuid = document_id, coder_id, name, parent_uuid
        self.start, self.end, self.snap = start, end, snap
        self.code_uuid: str | None = None
        self.coding_uuid: str | None = None
        self.made: CodingRecord | None = None

    def do(self, session: Session, actor: str) -> Changes:
        extra = {"uuid": self.code_uuid} if self.code_uuid else {}
        code = codebook.add_code(session, self.name, optional_code_id(session, self.parent_uuid), actor=actor, **extra)
        coding = codings.apply_code(
            session, document_id=self.document_id, coder_id=self.coder_id, code_id=code.id, start=self.start,
            end=self.end, snap=self.snap, actor=actor, uuid=self.coding_uuid,
        )
        self.code_uuid, self.coding_uuid = code.uuid, coding.uuid
        self.made = CodingRecord.of(coding)
        return Changes(codes=True) | counted(self.made, +1)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.code_uuid is not None and self.coding_uuid is not None and self.made is not None
        codings.remove_coding(session, self.coding_uuid, actor=actor, expected=self.made)
        codebook.delete_code(session, code_id_of(session, self.code_uuid), actor=actor)
        return Changes(codes=True) | counted(self.made, -1)


class CodeHitsEdit(CompoundEdit):
    """Apply one code to every hit of a text search. Undo removes exactly the codings it made; redo puts the
    very same codings back (uuids, timestamps)."""

    def __init__(self, hits: Sequence[Hit], code_uuid: str, coder_id: int) -> None:
        super().__init__()
        self.hits, self.code_uuid, self.coder_id = list(hits), code_uuid, coder_id
        self.created: list[str] = []

    def do(self, session: Session, actor: str) -> Changes:
        from coding.analysis.search import code_hits

        self.created = code_hits(session, self.hits, code_id=code_id_of(session, self.code_uuid),
                                 coder_id=self.coder_id, actor=actor)
        if not self.created:
            raise ValidationError(translate(
                "errors", "every hit is already coded with that code by you: nothing to do"))
        # Each new coding is a child whose undo removes it and redo restores it. Unguarded, as this step has
        # always been: undo removes the codings it made even if they were resized or given a memo since.
        self.children = [MadeCoding(uuid) for uuid in self.created]
        return Changes(codings=True)  # a bulk edit: views recount

    @property
    def skipped(self) -> int:
        """Hits left alone because this coder had already coded them with the code."""
        return len(self.hits) - len(self.created)


class MadeCoding(Edit):
    """A coding made by a bulk edit, seen from its undo: undo removes it, redo puts the very coding back."""

    def __init__(self, coding_uuid: str) -> None:
        self.remove = RemoveCodingEdit(coding_uuid, guarded=False)

    def do(self, session: Session, actor: str) -> Changes:
        return self.remove.undo(session, actor)

    def undo(self, session: Session, actor: str) -> Changes:
        if self.remove.saved is None:
            return self.remove.do(session, actor)
        return self.remove.redo(session, actor)


__all__ = [
    "ApplyCodeEdit",
    "CodeHitsEdit",
    "InVivoEdit",
    "MadeCoding",
    "RecodeCodingEdit",
    "RemoveCodingEdit",
    "RemoveCodingsEdit",
    "ResizeCodingEdit",
    "SetCodingMemoEdit",
]
