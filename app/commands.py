"""One QUndoCommand per user action, each running Qt-free ``coding/`` operations.

A command does its work in ``perform`` and takes it back in ``revert``; both run in a fresh
``project.session()`` that commits at once, and both return the ``Changes`` the views need.
Codes are held by uuid, not id: undoing a deletion puts a code back with its uuid but a new id,
and later steps on the stack must still find it.

Undo and redo never overwrite another's edit: a step that puts back a remembered value remembers
what it left there (``left``) and passes it as ``expected=`` to the ``coding/`` operation, which
refuses with ``ConflictError`` when another window or process changed it since. A refused step
writes nothing and leaves the stack (see :meth:`BenchCommand._run`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.workbench import Workbench
from coding import cases, codebook, codings, groups
from coding.changes import Changes
from coding.codebook import CodePlace
from coding.coders import find_coder
from coding.codings import CodingRecord
from coding.errors import ConcordError, NotFoundError
from coding.team import assignments
from coding.text import one_line
from models import Code, Coding, ConsensusDecision, MatrixCellSummary, Memo

CODINGS = Changes(codings=True)
CODES = Changes(codes=True)
# After a refused step the project holds someone else's edit the views may not show yet: reload them.
REFUSED_RELOAD = Changes(documents=True, codes=True, codings=True, cases=True, attributes=True, groups=True,
                         memos=True, consensus=True, matrix=True)


def code_id_of(session: Session, code_uuid: str) -> int:
    code_id = session.scalar(select(Code.id).where(Code.uuid == code_uuid))
    if code_id is None:
        raise NotFoundError("that code is no longer in the codebook")
    return code_id


def _optional_code_id(session: Session, code_uuid: str | None) -> int | None:
    return None if code_uuid is None else code_id_of(session, code_uuid)


class BenchCommand(QUndoCommand):
    """Base: runs ``perform``/``revert`` in a session and announces the changes."""

    def __init__(self, bench: Workbench, text: str) -> None:
        super().__init__(text)
        self.bench = bench
        self._skip_next_redo = False

    # subclasses implement these two
    def perform(self, session: Session) -> Changes:
        raise NotImplementedError

    def revert(self, session: Session) -> Changes:
        raise NotImplementedError

    def first_run(self) -> Changes:
        """The user's action itself; raises ConcordError (and changes nothing) when refused."""
        changes = self._in_session(self.perform)
        self._skip_next_redo = True  # QUndoStack.push calls redo(): the work is already done
        return changes

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._run(self.perform, "redo")

    def undo(self) -> None:
        self._run(self.revert, "undo")

    def _in_session(self, step: Callable[[Session], Changes]) -> Changes:
        with self.bench.project.session() as session:
            return step(session)

    def _run(self, step: Callable[[Session], Changes], verb: str) -> None:
        try:
            changes = self._in_session(step)
        except ConcordError as exc:
            # The project changed underneath this step (another window or process): nothing was written.
            # An obsolete command is dropped by QUndoStack instead of moving its index, so the stack never
            # points past a step that did not happen; the steps before and after it stay usable.
            self.setObsolete(True)
            label = QUndoCommand.text(self)  # a subclass may keep its own ``text`` attribute
            self.bench.report_error(f"Could not {verb} “{label}”: {exc}")
            self.bench.changes_applied.emit(REFUSED_RELOAD)
            return
        self.bench.changes_applied.emit(changes)

    @property
    def actor(self) -> str:
        return self.bench.project.actor


# -- codings ----------------------------------------------------------------------------------------
class ApplyCodeCommand(BenchCommand):
    def __init__(
        self,
        bench: Workbench,
        *,
        document_id: int,
        code_uuid: str,
        code_name: str,
        start: int,
        end: int,
        snap: str | None,
        memo: str = "",
    ) -> None:
        super().__init__(bench, f"Apply '{code_name}'")
        self.document_id, self.code_uuid = document_id, code_uuid
        self.coder_id = bench.coder_id
        self.start, self.end, self.snap, self.memo = start, end, snap, memo
        self.saved: CodingRecord | None = None

    def perform(self, session: Session) -> Changes:
        if self.saved is not None:  # redo: put back the very coding (same uuid and timestamps)
            codings.restore_coding(session, self.saved, actor=self.actor)
            return CODINGS
        coding = codings.apply_code(
            session, document_id=self.document_id, coder_id=self.coder_id, code_id=code_id_of(session, self.code_uuid),
            start=self.start, end=self.end, memo=self.memo, snap=self.snap, actor=self.actor,  # type: ignore[arg-type]
        )
        self.saved = CodingRecord.of(coding)
        return CODINGS

    def revert(self, session: Session) -> Changes:
        assert self.saved is not None
        self.saved = codings.remove_coding(session, self.saved.uuid, actor=self.actor, expected=self.saved)
        return CODINGS

    @property
    def coding_uuid(self) -> str | None:
        return self.saved.uuid if self.saved else None


class RemoveCodingsCommand(BenchCommand):
    def __init__(self, bench: Workbench, coding_uuids: list[str], label: str) -> None:
        super().__init__(bench, label)
        self.coding_uuids = list(coding_uuids)
        self.saved: list[CodingRecord] = []

    def perform(self, session: Session) -> Changes:
        put_back = {record.uuid: record for record in self.saved}  # redo: each as undo put it back
        self.saved = [
            codings.remove_coding(session, uuid, actor=self.actor, expected=put_back.get(uuid))
            for uuid in self.coding_uuids
        ]
        return CODINGS

    def revert(self, session: Session) -> Changes:
        for record in self.saved:
            codings.restore_coding(session, record, actor=self.actor)
        return CODINGS


class ResizeCodingCommand(BenchCommand):
    def __init__(self, bench: Workbench, coding_uuid: str, start: int, end: int, code_name: str) -> None:
        super().__init__(bench, f"Resize '{code_name}' coding")
        self.coding_uuid, self.start, self.end = coding_uuid, start, end
        self.before: tuple[int, int] | None = None
        self.left: tuple[int, int] | None = None  # the bounds the last step wrote

    def perform(self, session: Session) -> Changes:
        if self.before is None:
            coding = codings.find_coding(session, self.coding_uuid)
            self.before = (coding.start, coding.end)
        coding = codings.resize_coding(
            session, self.coding_uuid, self.start, self.end, actor=self.actor, expected=self.left
        )
        self.left = (coding.start, coding.end)
        return CODINGS

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        coding = codings.resize_coding(session, self.coding_uuid, *self.before, actor=self.actor, expected=self.left)
        self.left = (coding.start, coding.end)
        return CODINGS


class SetCodingMemoCommand(BenchCommand):
    def __init__(self, bench: Workbench, coding_uuid: str, memo: str, code_name: str) -> None:
        super().__init__(bench, f"Memo on '{code_name}' coding")
        self.coding_uuid, self.memo = coding_uuid, memo
        self.before: str | None = None
        self.left: str | None = None  # the memo the last step wrote

    def perform(self, session: Session) -> Changes:
        if self.before is None:
            self.before = codings.find_coding(session, self.coding_uuid).memo
        coding = codings.set_coding_memo(session, self.coding_uuid, self.memo, actor=self.actor, expected=self.left)
        self.left = coding.memo
        return CODINGS

    def revert(self, session: Session) -> Changes:
        coding = codings.set_coding_memo(
            session, self.coding_uuid, self.before or "", actor=self.actor, expected=self.left
        )
        self.left = coding.memo
        return CODINGS


class InVivoCommand(BenchCommand):
    """A new code named from the selected words, applied to them: one step to undo."""

    def __init__(
        self, bench: Workbench, *, document_id: int, name: str, parent_uuid: str | None, start: int, end: int,
        snap: str | None,
    ) -> None:
        super().__init__(bench, f"Code in vivo '{one_line(name)}'")
        self.document_id, self.name, self.parent_uuid = document_id, name, parent_uuid
        self.coder_id = bench.coder_id
        self.start, self.end, self.snap = start, end, snap
        self.code_uuid: str | None = None
        self.coding_uuid: str | None = None
        self.made: CodingRecord | None = None

    def perform(self, session: Session) -> Changes:
        extra = {"uuid": self.code_uuid} if self.code_uuid else {}
        code = codebook.add_code(
            session, self.name, _optional_code_id(session, self.parent_uuid), actor=self.actor, **extra
        )
        coding = codings.apply_code(
            session, document_id=self.document_id, coder_id=self.coder_id, code_id=code.id, start=self.start,
            end=self.end, snap=self.snap, actor=self.actor, uuid=self.coding_uuid,  # type: ignore[arg-type]
        )
        self.code_uuid, self.coding_uuid = code.uuid, coding.uuid
        self.made = CodingRecord.of(coding)
        return Changes(codes=True, codings=True)

    def revert(self, session: Session) -> Changes:
        assert self.code_uuid is not None and self.coding_uuid is not None
        codings.remove_coding(session, self.coding_uuid, actor=self.actor, expected=self.made)
        codebook.delete_code(session, code_id_of(session, self.code_uuid), actor=self.actor)
        return Changes(codes=True, codings=True)


# -- codebook ---------------------------------------------------------------------------------------
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

    def recreate(self, session: Session, actor: str) -> None:
        codebook.add_code(
            session, self.name, _optional_code_id(session, self.parent_uuid), actor=actor, uuid=self.uuid,
            position=self.position, **self.fields,
        )

    def put_back(self, session: Session, actor: str) -> None:
        """Recreate the code if it is gone, otherwise move it back to its old parent and place."""
        existing = session.scalar(select(Code.id).where(Code.uuid == self.uuid))
        if existing is None:
            self.recreate(session, actor)
        else:
            codebook.move_code(
                session, existing, _optional_code_id(session, self.parent_uuid), self.position, actor=actor
            )


class AddCodeCommand(BenchCommand):
    def __init__(self, bench: Workbench, name: str, parent_uuid: str | None, **fields: Any) -> None:
        super().__init__(bench, f"Add code '{one_line(name)}'")
        self.name, self.parent_uuid, self.fields = name, parent_uuid, fields
        self.code_uuid: str | None = None

    def perform(self, session: Session) -> Changes:
        extra = {"uuid": self.code_uuid} if self.code_uuid else {}
        code = codebook.add_code(
            session, self.name, _optional_code_id(session, self.parent_uuid), actor=self.actor, **self.fields, **extra
        )
        self.code_uuid = code.uuid
        return CODES

    def revert(self, session: Session) -> Changes:
        assert self.code_uuid is not None
        return codebook.delete_code(session, code_id_of(session, self.code_uuid), actor=self.actor) | CODES


class UpdateCodeCommand(BenchCommand):
    """Rename, recolour, new shortcut, new definition …: any of the code's own fields."""

    def __init__(self, bench: Workbench, code_uuid: str, label: str, **fields: Any) -> None:
        super().__init__(bench, label)
        self.code_uuid, self.fields = code_uuid, fields
        self.before: dict[str, Any] | None = None
        self.left: dict[str, Any] | None = None  # the values the last step wrote

    def perform(self, session: Session) -> Changes:
        code_id = code_id_of(session, self.code_uuid)
        if self.before is None:
            code = session.get(Code, code_id)
            assert code is not None
            self.before = {key: getattr(code, key) for key in self.fields}
        self._update(session, code_id, self.fields)
        return CODES

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        self._update(session, code_id_of(session, self.code_uuid), self.before)
        return CODES

    def _update(self, session: Session, code_id: int, values: dict[str, Any]) -> None:
        code = codebook.update_code(session, code_id, actor=self.actor, expected=self.left, **values)
        self.left = {key: getattr(code, key) for key in values}


class MoveCodeCommand(BenchCommand):
    def __init__(
        self, bench: Workbench, code_uuid: str, code_name: str, parent_uuid: str | None, position: int | None,
        parent_name: str,
    ) -> None:
        super().__init__(bench, f"Move '{code_name}' under '{parent_name}'")
        self.code_uuid, self.parent_uuid, self.position = code_uuid, parent_uuid, position
        self.before: CodeState | None = None
        self.left: CodePlace | None = None  # where the last step put the code

    def perform(self, session: Session) -> Changes:
        code_id = code_id_of(session, self.code_uuid)
        if self.before is None:
            code = session.get(Code, code_id)
            assert code is not None
            self.before = CodeState.of(session, code)
        moved = codebook.move_code(
            session, code_id, _optional_code_id(session, self.parent_uuid), self.position, actor=self.actor,
            expected=self.left,
        )
        self.left = codebook.code_place(session, moved)
        return CODES

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        code_id = code_id_of(session, self.code_uuid)  # moved, not deleted: never bring back a deleted code
        moved = codebook.move_code(
            session, code_id, _optional_code_id(session, self.before.parent_uuid), self.before.position,
            actor=self.actor, expected=self.left,
        )
        self.left = codebook.code_place(session, moved)
        return CODES


class DeleteCodeCommand(BenchCommand):
    def __init__(self, bench: Workbench, code_uuid: str, code_name: str) -> None:
        super().__init__(bench, f"Delete code '{code_name}'")
        self.code_uuid = code_uuid
        self.before: CodeState | None = None

    def perform(self, session: Session) -> Changes:
        code_id = code_id_of(session, self.code_uuid)
        code = session.get(Code, code_id)
        assert code is not None
        self.before = CodeState.of(session, code)
        return codebook.delete_code(session, code_id, actor=self.actor) | CODES

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        self.before.recreate(session, self.actor)
        return CODES


class MergeCodesCommand(BenchCommand):
    """Merge a code into another. Undo rebuilds the source subtree and hands its codings back."""

    def __init__(self, bench: Workbench, source_uuid: str, target_uuid: str, source_name: str, target_name: str):
        super().__init__(bench, f"Merge '{source_name}' into '{target_name}'")
        self.source_uuid, self.target_uuid = source_uuid, target_uuid
        self.subtree: list[CodeState] = []
        self.coding_codes: dict[str, str] = {}  # coding uuid -> code uuid before the merge
        self.merged_codings: dict[str, str] = {}  # coding uuid -> code uuid the merge moved it to
        self.merged_places: dict[str, CodePlace] = {}  # subcodes the merge kept -> where it put them

    def perform(self, session: Session) -> Changes:
        source_id = code_id_of(session, self.source_uuid)
        self.subtree = _subtree_states(session, source_id)
        uuids = [state.uuid for state in self.subtree]
        self.coding_codes = _codes_of_codings(session, Code.uuid.in_(uuids))
        changes = codebook.merge_codes(session, source_id, code_id_of(session, self.target_uuid), actor=self.actor)
        self.merged_codings = _codes_of_codings(session, Coding.uuid.in_(list(self.coding_codes)))
        kept = session.scalars(select(Code).where(Code.uuid.in_(uuids))).all()
        self.merged_places = {code.uuid: codebook.code_place(session, code) for code in kept}
        return changes

    def revert(self, session: Session) -> Changes:
        # Check everything first: putting codes back shifts their new siblings' places.
        for uuid, place in self.merged_places.items():
            codebook.expect_code_place(session, code_id_of(session, uuid), place)
        for state in self.subtree:  # parents before children, siblings in order
            state.put_back(session, self.actor)
        for coding_uuid, code_uuid in self.coding_codes.items():
            codings.change_coding_code(
                session, coding_uuid, code_id_of(session, code_uuid), actor=self.actor,
                expected=code_id_of(session, self.merged_codings[coding_uuid]), with_codebook=True,
            )
        return Changes(codes=True, codings=True)


def _codes_of_codings(session: Session, condition: Any) -> dict[str, str]:
    """coding uuid -> its code's uuid, for the codings matching ``condition``."""
    rows = session.execute(select(Coding.uuid, Code.uuid).join(Code, Code.id == Coding.code_id).where(condition))
    return {coding_uuid: code_uuid for coding_uuid, code_uuid in rows}


def _subtree_states(session: Session, root_id: int) -> list[CodeState]:
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


# -- cases and attributes ---------------------------------------------------------------------------
class SetAttributeValueCommand(BenchCommand):
    def __init__(self, bench: Workbench, case_name: str, attribute_name: str, value: str) -> None:
        super().__init__(bench, f"Set {attribute_name} of {case_name} to '{one_line(value, 24)}'")
        self.case_name, self.attribute_name, self.value = case_name, attribute_name, value
        self.before: str | None = None
        self.left: str | None = None  # the value the last step stored

    def perform(self, session: Session) -> Changes:
        if self.before is None:
            self.before = cases.attribute_value(session, self.case_name, self.attribute_name)
        return self._set(session, self.value)

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        return self._set(session, self.before)

    def _set(self, session: Session, value: str) -> Changes:
        changes = cases.set_attribute_value(
            session, self.case_name, self.attribute_name, value, actor=self.actor, expected=self.left
        )
        self.left = cases.attribute_value(session, self.case_name, self.attribute_name)
        return changes


class AttachDocumentsCommand(BenchCommand):
    """Attach documents to a case and detach others from it; undo gives each document its old case back."""

    def __init__(self, bench: Workbench, case_name: str, attach: list[str], detach: list[str]) -> None:
        parts = []
        if attach:
            parts.append(f"attach {len(attach)} document(s)")
        if detach:
            parts.append(f"detach {len(detach)}")
        super().__init__(bench, f"{' and '.join(parts).capitalize()} — case {case_name}")
        self.case_name, self.attach, self.detach = case_name, list(attach), list(detach)
        self.previous: dict[str, str | None] | None = None  # document -> its case before the first run
        self.left: dict[str, str | None] = {}  # document -> the case the last step left it in

    def perform(self, session: Session) -> Changes:
        if self.previous is None:
            self.previous = {name: cases.document_case(session, name) for name in [*self.attach, *self.detach]}
        else:  # redo: only if nobody moved these documents since the undo
            self._expect_left(session)
        changes = Changes()
        for name in self.attach:
            changes |= cases.attach_document(session, self.case_name, name, actor=self.actor)
        for name in self.detach:
            changes |= cases.detach_document(session, self.case_name, name, actor=self.actor)
        self._remember(session)
        return changes | Changes(cases=True, documents=True)

    def revert(self, session: Session) -> Changes:
        assert self.previous is not None
        self._expect_left(session)
        for name, old_case in self.previous.items():
            current = self.left[name]
            if old_case is not None:
                cases.attach_document(session, old_case, name, actor=self.actor)
            elif current is not None:
                cases.detach_document(session, current, name, actor=self.actor)
        self._remember(session)
        return Changes(cases=True, documents=True)

    def _expect_left(self, session: Session) -> None:
        for name, case_name in self.left.items():
            cases.expect_document_case(session, name, case_name)

    def _remember(self, session: Session) -> None:
        assert self.previous is not None
        self.left = {name: cases.document_case(session, name) for name in self.previous}


# -- document groups --------------------------------------------------------------------------------
GROUPS = Changes(groups=True)


class GroupMembersCommand(BenchCommand):
    """Put documents into a group (or take them out); undo reverses only the documents that changed.

    The group is held by uuid after the first run, so a rename elsewhere does not lose it.
    """

    def __init__(self, bench: Workbench, group_name: str, document_uuids: list[str], *, add: bool) -> None:
        count = len(document_uuids)
        where = f"to group '{group_name}'" if add else f"from group '{group_name}'"
        super().__init__(bench, f"{'Add' if add else 'Remove'} {count} document(s) {where}")
        self.group, self.document_uuids, self.add = group_name, list(document_uuids), add
        self.changed: list[str] = []

    def perform(self, session: Session) -> Changes:
        self.group = groups.find_group(session, self.group).uuid
        members = set(groups.group_members(session, self.group))
        self.changed = [uuid for uuid in self.document_uuids if (uuid in members) != self.add]
        step = groups.add_to_group if self.add else groups.remove_from_group
        return step(session, self.group, self.document_uuids, actor=self.actor) | GROUPS

    def revert(self, session: Session) -> Changes:
        if self.changed:
            step = groups.remove_from_group if self.add else groups.add_to_group
            step(session, self.group, self.changed, actor=self.actor)
        return GROUPS


class NewGroupCommand(BenchCommand):
    """A new document group holding the given documents; undo removes it, redo restores it (same uuid)."""

    def __init__(self, bench: Workbench, name: str, document_uuids: list[str], description: str = "") -> None:
        super().__init__(bench, f"New group '{one_line(name)}'")
        self.name, self.document_uuids, self.description = name, list(document_uuids), description
        self.group_uuid: str | None = None
        self.saved: groups.SavedGroup | None = None

    def perform(self, session: Session) -> Changes:
        if self.saved is not None:  # redo: the very group, with its uuid and members
            groups.restore_group(session, self.saved, actor=self.actor)
            return GROUPS
        group = groups.add_group(session, self.name, actor=self.actor, description=self.description)
        if self.document_uuids:
            groups.add_to_group(session, group.uuid, self.document_uuids, actor=self.actor)
        self.group_uuid = group.uuid
        return GROUPS

    def revert(self, session: Session) -> Changes:
        assert self.group_uuid is not None
        self.saved = groups.remove_group(session, self.group_uuid, actor=self.actor)
        return GROUPS


def merge_is_reversible(session: Session, source_id: int) -> bool:
    """Whether undo can restore everything a merge moves (memos, consensus decisions and matrix
    summaries of the merged codes have no restoring operation in coding/, so such merges are final)."""
    ids = [source_id, *codebook.descendant_ids(session, source_id)]
    uuids = session.scalars(select(Code.uuid).where(Code.id.in_(ids))).all()
    decisions = session.scalar(select(func.count(ConsensusDecision.id)).where(ConsensusDecision.code_id.in_(ids)))
    memos = session.scalar(select(func.count(Memo.id)).where(Memo.target_kind == "code", Memo.target_uuid.in_(uuids)))
    cells = session.scalar(select(func.count(MatrixCellSummary.id)).where(MatrixCellSummary.code_uuid.in_(uuids)))
    return not (decisions or memos or cells)


# -- assignments ------------------------------------------------------------------------------------
ASSIGNMENTS = Changes(assignments=True)
# coder id -> document id -> that coder's assignment there (None: none)
AssignmentState = dict[int, dict[int, assignments.AssignmentRecord | None]]


class AssignmentsCommand(BenchCommand):
    """Run one ``coding.team.assignments`` verb for each of several coders over the same documents.

    Undo and redo put each coder's assignments in those documents back exactly (same uuids and times) through
    ``restore_assignments``, which refuses — writing nothing — when another window or process changed them since.
    """

    def __init__(
        self, bench: Workbench, label: str, coder_names: Sequence[str], document_uuids: Sequence[str],
        step: Callable[..., Changes],
    ) -> None:
        super().__init__(bench, label)
        self.coder_names, self.document_uuids, self.step = list(coder_names), list(document_uuids), step
        self.before: AssignmentState | None = None
        self.after: AssignmentState = {}

    def perform(self, session: Session) -> Changes:
        if self.before is not None:  # redo
            return self._restore(session, self.after, expected=self.before)
        document_ids = [ref.id for ref in assignments.resolve_documents(session, self.document_uuids)]
        coders = [find_coder(session, name) for name in self.coder_names]  # every name checked before a write
        before = {coder.id: assignments.snapshot(session, coder.id, document_ids) for coder in coders}
        for coder in coders:
            self.step(session, coder.name, self.document_uuids, actor=self.actor)
        self.after = {coder.id: assignments.snapshot(session, coder.id, document_ids) for coder in coders}
        self.before = before
        return ASSIGNMENTS

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        return self._restore(session, self.before, expected=self.after)

    def _restore(self, session: Session, wanted: AssignmentState, *, expected: AssignmentState) -> Changes:
        for coder_id, records in wanted.items():
            if records != expected[coder_id]:  # a coder this step did not change writes nothing, not even audit
                assignments.restore_assignments(
                    session, coder_id, records, actor=self.actor, expected=expected[coder_id]
                )
        return ASSIGNMENTS


class AssignCommand(AssignmentsCommand):
    def __init__(self, bench: Workbench, coder_names: Sequence[str], document_uuids: Sequence[str]) -> None:
        label = f"Assign {len(document_uuids)} document(s) to {', '.join(coder_names)}"
        super().__init__(bench, label, coder_names, document_uuids, assignments.assign)


class UnassignCommand(AssignmentsCommand):
    def __init__(self, bench: Workbench, coder_names: Sequence[str], document_uuids: Sequence[str]) -> None:
        label = f"Remove assignment of {len(document_uuids)} document(s) from {', '.join(coder_names)}"
        super().__init__(bench, label, coder_names, document_uuids, assignments.unassign)


class MarkDoneCommand(AssignmentsCommand):
    """The current coder marks documents done (or, with ``done=False``, not done)."""

    def __init__(self, bench: Workbench, document_uuids: Sequence[str], *, done: bool = True) -> None:
        label = f"Mark {len(document_uuids)} document(s) {'done' if done else 'not done'}"
        step = partial(assignments.mark_done, undo=not done)
        super().__init__(bench, label, [bench.coder_name], document_uuids, step)


__all__ = [
    "AddCodeCommand",
    "ApplyCodeCommand",
    "AssignCommand",
    "AssignmentsCommand",
    "AttachDocumentsCommand",
    "BenchCommand",
    "CodeState",
    "DeleteCodeCommand",
    "GroupMembersCommand",
    "InVivoCommand",
    "MarkDoneCommand",
    "MergeCodesCommand",
    "MoveCodeCommand",
    "NewGroupCommand",
    "RemoveCodingsCommand",
    "ResizeCodingCommand",
    "SetAttributeValueCommand",
    "SetCodingMemoCommand",
    "UnassignCommand",
    "UpdateCodeCommand",
    "code_id_of",
    "merge_is_reversible",
]
