"""Edits of the codebook: add, update (rename, recolour …), move, delete and merge codes, and quick-slot keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from coding import codebook, codings, quick_slots
from coding.changes import Changes
from coding.codebook import CodePlace
from coding.edits.base import Edit, code_id_of, optional_code_id
from models import Code, Coding, ConsensusDecision, MatrixCellSummary, Memo

CODES = Changes(codes=True)


@dataclass(frozen=True)
class CodeState:
    """Everything needed to put a deleted code back where it was."""

    uuid: str
    name: str
    parent_uuid: str | None
    position: int
    fields: dict[str, Any]

    @classmethod
    def of(cls, session: Session, code: Code) -> CodeState:
        parent_uuid = session.scalar(select(Code.uuid).where(Code.id == code.parent_id)) if code.parent_id else None
        fields = {key: getattr(code, key) for key in codebook.EDITABLE_FIELDS}
        return cls(code.uuid, code.name, parent_uuid, code.position, fields)

    @classmethod
    def of_uuid(cls, session: Session, code_uuid: str) -> CodeState:
        code = session.get(Code, code_id_of(session, code_uuid))
        assert code is not None
        return cls.of(session, code)

    def recreate(self, session: Session, actor: str) -> None:
        codebook.add_code(
            session, self.name, optional_code_id(session, self.parent_uuid), actor=actor, uuid=self.uuid,
            position=self.position, **self.fields,
        )

    def put_back(self, session: Session, actor: str) -> None:
        """Recreate the code if it is gone, otherwise move it back to its old parent and place."""
        existing = session.scalar(select(Code.id).where(Code.uuid == self.uuid))
        if existing is None:
            self.recreate(session, actor)
        else:
            codebook.move_code(
                session, existing, optional_code_id(session, self.parent_uuid), self.position, actor=actor
            )


class AddCodeEdit(Edit):
    """A new code; undo deletes it, redo adds it again with the same uuid."""

    def __init__(self, name: str, parent_uuid: str | None, **fields: Any) -> None:
        self.name, self.parent_uuid, self.fields = name, parent_uuid, fields
        self.code_uuid: str | None = None

    def do(self, session: Session, actor: str) -> Changes:
        extra = {"uuid": self.code_uuid} if self.code_uuid else {}
        parent_id = optional_code_id(session, self.parent_uuid)
        code = codebook.add_code(session, self.name, parent_id, actor=actor, **self.fields, **extra)
        self.code_uuid = code.uuid
        return CODES

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.code_uuid is not None
        return codebook.delete_code(session, code_id_of(session, self.code_uuid), actor=actor) | CODES


class UpdateCodeEdit(Edit):
    """Rename, recolour, new shortcut, new definition …: any of the code's own fields.

    ``expected_version`` is the code's version as the editor read it (``CodeInfo.version``): the first run is
    refused with ``StaleEditError`` if anyone changed the code since. Undo and redo compare values instead."""

    def __init__(self, code_uuid: str, *, expected_version: int | None = None, **fields: Any) -> None:
        self.code_uuid, self.fields, self.expected_version = code_uuid, fields, expected_version
        self.before: dict[str, Any] | None = None
        self.left: dict[str, Any] | None = None  # the values the last step wrote

    def do(self, session: Session, actor: str) -> Changes:
        code_id = code_id_of(session, self.code_uuid)
        if self.before is not None:  # redo
            return self._update(session, actor, code_id, self.fields)
        code = session.get(Code, code_id)
        assert code is not None
        before = {key: getattr(code, key) for key in self.fields}
        self.left = None  # a refused or retried first run is a first run again
        changes = self._update(session, actor, code_id, self.fields, self.expected_version)
        self.before = before
        return changes

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._update(session, actor, code_id_of(session, self.code_uuid), self.before)

    def _update(self, session: Session, actor: str, code_id: int, values: dict[str, Any],
                expected_version: int | None = None) -> Changes:
        code = codebook.update_code(session, code_id, actor=actor, expected=self.left,
                                    expected_version=expected_version, **values)
        self.left = {key: getattr(code, key) for key in values}
        return CODES


class MoveCodeEdit(Edit):
    """Move a code (with its subcodes) under another parent, at a place among its new siblings."""

    def __init__(self, code_uuid: str, parent_uuid: str | None, position: int | None) -> None:
        self.code_uuid, self.parent_uuid, self.position = code_uuid, parent_uuid, position
        self.before: CodeState | None = None
        self.left: CodePlace | None = None  # where the last step put the code

    def do(self, session: Session, actor: str) -> Changes:
        if self.before is None:
            self.before = CodeState.of_uuid(session, self.code_uuid)
        return self._move(session, actor, self.parent_uuid, self.position)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._move(session, actor, self.before.parent_uuid, self.before.position)

    def _move(self, session: Session, actor: str, parent_uuid: str | None, position: int | None) -> Changes:
        code_id = code_id_of(session, self.code_uuid)  # moved, not deleted: never bring back a deleted code
        moved = codebook.move_code(
            session, code_id, optional_code_id(session, parent_uuid), position, actor=actor, expected=self.left
        )
        self.left = codebook.code_place(session, moved)
        return CODES


class DeleteCodeEdit(Edit):
    """Delete a code (one with no codings nor subcodes); undo recreates it with its uuid, fields and place."""

    def __init__(self, code_uuid: str) -> None:
        self.code_uuid = code_uuid
        self.before: CodeState | None = None
        self.slots: dict[int, str] = {}  # the quick-slot keys before the deletion

    def do(self, session: Session, actor: str) -> Changes:
        self.before = CodeState.of_uuid(session, self.code_uuid)
        self.slots = quick_slots.slots_in_force(session)
        return codebook.delete_code(session, code_id_of(session, self.code_uuid), actor=actor) | CODES

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        self.before.recreate(session, actor)
        quick_slots.give_back_slots(session, self.slots, [self.code_uuid], actor=actor)
        return CODES


class MergeCodesEdit(Edit):
    """Merge a code into another. Undo rebuilds the source subtree and hands its codings back."""

    def __init__(self, source_uuid: str, target_uuid: str) -> None:
        self.source_uuid, self.target_uuid = source_uuid, target_uuid
        self.subtree: list[CodeState] = []
        self.coding_codes: dict[str, str] = {}  # coding uuid -> code uuid before the merge
        self.merged_codings: dict[str, str] = {}  # coding uuid -> code uuid the merge moved it to
        self.merged_places: dict[str, CodePlace] = {}  # subcodes the merge kept -> where it put them
        self.slots: dict[int, str] = {}  # the quick-slot keys before the merge

    def do(self, session: Session, actor: str) -> Changes:
        source_id = code_id_of(session, self.source_uuid)
        self.subtree = subtree_states(session, source_id)
        self.slots = quick_slots.slots_in_force(session)
        uuids = [state.uuid for state in self.subtree]
        self.coding_codes = codes_of_codings(session, Code.uuid.in_(uuids))
        changes = codebook.merge_codes(session, source_id, code_id_of(session, self.target_uuid), actor=actor)
        self.merged_codings = codes_of_codings(session, Coding.uuid.in_(list(self.coding_codes)))
        kept = session.scalars(select(Code).where(Code.uuid.in_(uuids))).all()
        self.merged_places = {code.uuid: codebook.code_place(session, code) for code in kept}
        return changes

    def undo(self, session: Session, actor: str) -> Changes:
        # Check everything first: putting codes back shifts their new siblings' places.
        for uuid, place in self.merged_places.items():
            codebook.expect_code_place(session, code_id_of(session, uuid), place)
        for state in self.subtree:  # parents before children, siblings in order
            state.put_back(session, actor)
        for coding_uuid, code_uuid in self.coding_codes.items():
            codings.change_coding_code(
                session, coding_uuid, code_id_of(session, code_uuid), actor=actor,
                expected=code_id_of(session, self.merged_codings[coding_uuid]), with_codebook=True,
            )
        quick_slots.give_back_slots(session, self.slots, [state.uuid for state in self.subtree], actor=actor)
        return Changes(codes=True, codings=True)  # a bulk edit: views recount


def codes_of_codings(session: Session, condition: ColumnElement[bool]) -> dict[str, str]:
    """coding uuid -> its code's uuid, for the codings matching ``condition``."""
    rows = session.execute(select(Coding.uuid, Code.uuid).join(Code, Code.id == Coding.code_id).where(condition))
    return {coding_uuid: code_uuid for coding_uuid, code_uuid in rows}


def subtree_states(session: Session, root_id: int) -> list[CodeState]:
    """The code and its descendants, parents first, siblings by position."""
    states: list[CodeState] = []
    queue = [root_id]
    while queue:
        code = session.get(Code, queue.pop(0))
        assert code is not None
        states.append(CodeState.of(session, code))
        children = session.scalars(select(Code.id).where(Code.parent_id == code.id).order_by(Code.position)).all()
        queue.extend(children)
    return states


def merge_is_reversible(session: Session, source_id: int) -> bool:
    """Whether undo can restore everything a merge moves (memos, consensus decisions and matrix
    summaries of the merged codes have no restoring operation in coding/, so such merges are final)."""
    ids = [source_id, *codebook.descendant_ids(session, source_id)]
    uuids = session.scalars(select(Code.uuid).where(Code.id.in_(ids))).all()
    decisions = session.scalar(select(func.count(ConsensusDecision.id)).where(ConsensusDecision.code_id.in_(ids)))
    memos = session.scalar(select(func.count(Memo.id)).where(Memo.target_kind == "code", Memo.target_uuid.in_(uuids)))
    cells = session.scalar(select(func.count(MatrixCellSummary.id)).where(MatrixCellSummary.code_uuid.in_(uuids)))
    return not (decisions or memos or cells)


class SetQuickSlotEdit(Edit):
    """Key ``slot`` (1–9) for one code (None: no key); the code that had the key loses it, no other key moves."""

    def __init__(self, code_uuid: str, slot: int | None) -> None:
        self.code_uuid, self.slot = code_uuid, slot
        self.before: dict[int, str] | None = None
        self.after: dict[int, str] = {}

    def do(self, session: Session, actor: str) -> Changes:
        first = self.before is None
        if first:
            self.before = quick_slots.slots_in_force(session)
        self.after = quick_slots.set_slot(
            session, self.code_uuid, self.slot, actor=actor, expected=None if first else self.before
        )
        return CODES

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        quick_slots.restore_slots(session, self.before, actor=actor, expected=self.after)
        return CODES


__all__ = [
    "CODES",
    "AddCodeEdit",
    "CodeState",
    "DeleteCodeEdit",
    "MergeCodesEdit",
    "MoveCodeEdit",
    "SetQuickSlotEdit",
    "UpdateCodeEdit",
    "codes_of_codings",
    "merge_is_reversible",
    "subtree_states",
]
