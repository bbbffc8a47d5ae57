"""One QUndoCommand per user action, each a thin wrapper around an edit from ``coding.edits``.

The edit holds the data and the steps (``do``, ``undo``, ``redo``, each returning the ``Changes`` it made) and
is tested without Qt (tests/core/test_edits.py); a command runs its edit in a fresh ``project.session()`` that
commits at once, and announces what the edit returned through ``Workbench.announce``.

Undo and redo never overwrite another's edit (the edits pass ``expected=`` to ``coding/``, which refuses with
``ConflictError``). A refused step writes nothing and leaves the stack (see :meth:`BenchCommand._run`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from app.workbench import Workbench
from coding import edits, versions
from coding.changes import Changes
from coding.codings import CodingRecord, SnapMode
from coding.edits import CodeState, Edit, code_id_of, merge_is_reversible
from coding.errors import ConcordError, StaleEditError
from coding.team import assignments
from coding.text import one_line

# After a refused step the project holds someone else's edit the views may not show yet: reload them.
translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls

REFUSED_RELOAD = Changes(documents=True, codes=True, codings=True, cases=True, attributes=True, groups=True,
                         memos=True, consensus=True, matrix=True)


class BenchCommand(QUndoCommand):
    """Base: runs an edit (``edit``) in a session and announces the changes it returned.

    A subclass without an edit implements ``perform`` (do and redo) and ``revert`` (undo) itself."""

    def __init__(self, bench: Workbench, text: str, edit: Edit | None = None) -> None:
        super().__init__(text)
        self.bench = bench
        self.edit = edit
        self._skip_next_redo = False
        self._done_once = False  # the edit's ``do`` ran: later performs are redos

    def perform(self, session: Session) -> Changes:
        if self.edit is None:
            raise NotImplementedError(f"{type(self).__name__} has no edit and no perform()")
        if self._done_once:
            return self.edit.redo(session, self.actor)
        changes = self.edit.do(session, self.actor)
        self._done_once = True
        return changes

    def revert(self, session: Session) -> Changes:
        if self.edit is None:
            raise NotImplementedError(f"{type(self).__name__} has no edit and no revert()")
        return self.edit.undo(session, self.actor)

    def first_run(self) -> Changes:
        """The user's action itself; raises ConcordError (and changes nothing) when refused.

        Refused as stale (someone changed what the user edited since the view loaded it): the views reload
        before the caller shows why, so the message's "reloaded" is true and the user sees the other's edit."""
        try:
            changes = self._in_session(self._first_perform)
        except StaleEditError:
            self.bench.announce(REFUSED_RELOAD)
            raise
        self._skip_next_redo = True  # QUndoStack.push calls redo(): the work is already done
        return changes

    def redo(self) -> None:
        if self._skip_next_redo:
            self._skip_next_redo = False
            return
        self._run(self.perform, translate("BenchCommand", "Could not redo “{step}”: {error}"))

    def undo(self) -> None:
        self._run(self.revert, translate("BenchCommand", "Could not undo “{step}”: {error}"))

    def _first_perform(self, session: Session) -> Changes:
        self._done_once = False  # a try the server aborted and retries is still the first run
        return self.perform(session)

    def _in_session(self, step: Callable[[Session], Changes]) -> Changes:
        # One short transaction, retried when the server aborts it for a serialisation failure or deadlock
        # (the edit's own memory is put back between tries).
        keep = [self.edit] if self.edit is not None else []
        return versions.write(self.bench.project, lambda session, _actor: step(session), keep=keep)

    def _run(self, step: Callable[[Session], Changes], refusal: str) -> None:
        try:
            changes = self._in_session(step)
        except ConcordError as exc:
            # The project changed underneath this step (another window or process): nothing was written.
            # An obsolete command is dropped by QUndoStack instead of moving its index, so the stack never
            # points past a step that did not happen; the steps before and after it stay usable.
            self.setObsolete(True)
            label = QUndoCommand.text(self)  # a subclass may keep its own ``text`` attribute
            self.bench.report_error(refusal.format(step=label, error=exc))
            self.bench.announce(REFUSED_RELOAD)
            return
        self.bench.announce(changes)

    @property
    def actor(self) -> str:
        return self.bench.project.actor


# -- codings ----------------------------------------------------------------------------------------
class ApplyCodeCommand(BenchCommand):
    edit: edits.ApplyCodeEdit

    def __init__(
        self,
        bench: Workbench,
        *,
        document_id: int,
        code_uuid: str,
        code_name: str,
        start: int,
        end: int,
        snap: SnapMode,
        memo: str = "",
    ) -> None:
        edit = edits.ApplyCodeEdit(document_id=document_id, coder_id=bench.coder_id, code_uuid=code_uuid,
                                   start=start, end=end, snap=snap, memo=memo)
        super().__init__(bench, translate("BenchCommand", "Apply '{code}'").format(code=code_name), edit)

    @property
    def saved(self) -> CodingRecord | None:
        return self.edit.saved

    @property
    def coding_uuid(self) -> str | None:
        return self.edit.coding_uuid


class RemoveCodingsCommand(BenchCommand):
    edit: edits.RemoveCodingsEdit

    def __init__(self, bench: Workbench, coding_uuids: list[str], label: str) -> None:
        super().__init__(bench, label, edits.RemoveCodingsEdit(coding_uuids))

    @property
    def saved(self) -> list[CodingRecord]:
        return self.edit.saved


class ResizeCodingCommand(BenchCommand):
    def __init__(self, bench: Workbench, coding_uuid: str, start: int, end: int, code_name: str) -> None:
        super().__init__(bench, translate("BenchCommand", "Resize '{code}' coding").format(code=code_name),
                         edits.ResizeCodingEdit(coding_uuid, start, end))


class SetCodingMemoCommand(BenchCommand):
    def __init__(self, bench: Workbench, coding_uuid: str, memo: str, code_name: str) -> None:
        super().__init__(bench, translate("BenchCommand", "Memo on '{code}' coding").format(code=code_name),
                         edits.SetCodingMemoEdit(coding_uuid, memo))


class InVivoCommand(BenchCommand):
    """A new code named from the selected words, applied to them: one step to undo."""

    edit: edits.InVivoEdit

    def __init__(
        self, bench: Workbench, *, document_id: int, name: str, parent_uuid: str | None, start: int, end: int,
        snap: SnapMode,
    ) -> None:
        edit = edits.InVivoEdit(document_id=document_id, coder_id=bench.coder_id, name=name,
                                parent_uuid=parent_uuid, start=start, end=end, snap=snap)
        super().__init__(bench, translate("BenchCommand", "Code in vivo '{code}'").format(code=one_line(name)), edit)

    @property
    def code_uuid(self) -> str | None:
        return self.edit.code_uuid

    @property
    def coding_uuid(self) -> str | None:
        return self.edit.coding_uuid


# -- codebook ---------------------------------------------------------------------------------------
class AddCodeCommand(BenchCommand):
    edit: edits.AddCodeEdit

    def __init__(self, bench: Workbench, name: str, parent_uuid: str | None, **fields: Any) -> None:
        super().__init__(bench, translate("BenchCommand", "Add code '{code}'").format(code=one_line(name)),
                         edits.AddCodeEdit(name, parent_uuid, **fields))

    @property
    def code_uuid(self) -> str | None:
        return self.edit.code_uuid


class UpdateCodeCommand(BenchCommand):
    """Rename, recolour, new shortcut, new definition …: any of the code's own fields. ``expected_version`` is
    the code's version as the view loaded it: an edit of a code someone changed since is refused, not applied."""

    def __init__(
        self, bench: Workbench, code_uuid: str, label: str, *, expected_version: int | None = None, **fields: Any
    ) -> None:
        super().__init__(bench, label, edits.UpdateCodeEdit(code_uuid, expected_version=expected_version, **fields))


class MoveCodeCommand(BenchCommand):
    def __init__(
        self, bench: Workbench, code_uuid: str, code_name: str, parent_uuid: str | None, position: int | None,
        parent_name: str,
    ) -> None:
        super().__init__(bench, translate("BenchCommand", "Move '{code}' under '{parent}'").format(
                         code=code_name, parent=parent_name),
                         edits.MoveCodeEdit(code_uuid, parent_uuid, position))


class DeleteCodeCommand(BenchCommand):
    def __init__(self, bench: Workbench, code_uuid: str, code_name: str) -> None:
        super().__init__(bench, translate("BenchCommand", "Delete code '{code}'").format(code=code_name),
                         edits.DeleteCodeEdit(code_uuid))


class MergeCodesCommand(BenchCommand):
    """Merge a code into another. Undo rebuilds the source subtree and hands its codings back."""

    def __init__(
        self, bench: Workbench, source_uuid: str, target_uuid: str, source_name: str, target_name: str
    ) -> None:
        super().__init__(bench, translate("BenchCommand", "Merge '{source}' into '{target}'").format(
                         source=source_name, target=target_name),
                         edits.MergeCodesEdit(source_uuid, target_uuid))


# -- cases and attributes ---------------------------------------------------------------------------
class SetAttributeValueCommand(BenchCommand):
    """``seen`` is the value the view showed: a value someone changed since is refused, not overwritten."""

    def __init__(
        self, bench: Workbench, case_name: str, attribute_name: str, value: str, *, seen: str | None = None
    ) -> None:
        super().__init__(bench, translate("BenchCommand", "Set {attribute} of {case} to '{value}'").format(
                         attribute=attribute_name, case=case_name, value=one_line(value, 24)),
                         edits.SetAttributeValueEdit(case_name, attribute_name, value, seen=seen))


class AttachDocumentsCommand(BenchCommand):
    """Attach documents to a case and detach others from it; undo gives each document its old case back."""

    def __init__(self, bench: Workbench, case_name: str, attach: list[str], detach: list[str]) -> None:
        super().__init__(bench, attach_label(case_name, len(attach), len(detach)),
                         edits.AttachDocumentsEdit(case_name, attach, detach))


def attach_label(case_name: str, attached: int, detached: int) -> str:
    """The undo text of attaching ``attached`` documents to a case and detaching ``detached`` from it."""
    if attached and detached:
        return translate("BenchCommand", "Attach %n document(s) and detach {detached} — case {case}", None,
                         attached).format(detached=detached, case=case_name)
    if attached:
        return translate("BenchCommand", "Attach %n document(s) — case {case}", None, attached).format(case=case_name)
    return translate("BenchCommand", "Detach %n — case {case}", None, detached).format(case=case_name)


# -- document groups --------------------------------------------------------------------------------
class GroupMembersCommand(BenchCommand):
    """Put documents into a group (or take them out); undo reverses only the documents that changed."""

    def __init__(self, bench: Workbench, group_name: str, document_uuids: list[str], *, add: bool) -> None:
        count = len(document_uuids)
        label = (translate("BenchCommand", "Add %n document(s) to group '{group}'", None, count) if add
                 else translate("BenchCommand", "Remove %n document(s) from group '{group}'", None, count))
        super().__init__(bench, label.format(group=group_name),
                         edits.GroupMembersEdit(group_name, document_uuids, add=add))


class NewGroupCommand(BenchCommand):
    """A new document group holding the given documents; undo removes it, redo restores it (same uuid)."""

    edit: edits.NewGroupEdit

    def __init__(self, bench: Workbench, name: str, document_uuids: list[str], description: str = "") -> None:
        super().__init__(bench, translate("BenchCommand", "New group '{group}'").format(group=one_line(name)),
                         edits.NewGroupEdit(name, document_uuids, description))

    @property
    def group_uuid(self) -> str | None:
        return self.edit.group_uuid


# -- assignments ------------------------------------------------------------------------------------
class AssignmentsCommand(BenchCommand):
    """Run one ``coding.team.assignments`` verb for each of several coders over the same documents (see
    :class:`coding.edits.AssignmentsEdit`)."""

    def __init__(
        self, bench: Workbench, label: str, coder_names: Sequence[str], document_uuids: Sequence[str],
        step: Callable[..., Changes],
    ) -> None:
        super().__init__(bench, label, edits.AssignmentsEdit(coder_names, document_uuids, step))


class AssignCommand(AssignmentsCommand):
    def __init__(self, bench: Workbench, coder_names: Sequence[str], document_uuids: Sequence[str]) -> None:
        count = len(document_uuids)  # a plain name: lupdate skips a translate() whose count is an expression
        label = translate("BenchCommand", "Assign %n document(s) to {coders}", None, count).format(
            coders=", ".join(coder_names))
        super().__init__(bench, label, coder_names, document_uuids, assignments.assign)


class UnassignCommand(AssignmentsCommand):
    def __init__(self, bench: Workbench, coder_names: Sequence[str], document_uuids: Sequence[str]) -> None:
        count = len(document_uuids)
        label = translate("BenchCommand", "Remove assignment of %n document(s) from {coders}", None,
                          count).format(coders=", ".join(coder_names))
        super().__init__(bench, label, coder_names, document_uuids, assignments.unassign)


class MarkDoneCommand(AssignmentsCommand):
    """The current coder marks documents done (or, with ``done=False``, not done)."""

    def __init__(self, bench: Workbench, document_uuids: Sequence[str], *, done: bool = True) -> None:
        count = len(document_uuids)
        label = (translate("BenchCommand", "Mark %n document(s) done", None, count) if done
                 else translate("BenchCommand", "Mark %n document(s) not done", None, count))
        step = partial(assignments.mark_done, undo=not done)
        super().__init__(bench, label, [bench.coder_name], document_uuids, step)


__all__ = [
    "REFUSED_RELOAD",
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
