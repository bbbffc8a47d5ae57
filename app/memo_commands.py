"""Undo steps for memos: write, edit and delete a memo on the project, a document, a case or a code, or a
journal entry — thin wrappers around the edits in ``coding.edits.notes`` (see app/commands.py).

Every step remembers the memo as it left it and passes that as ``expected=``: an undo or redo of a memo that
another window or process changed since is refused (``ConflictError``) and writes nothing.
"""

from __future__ import annotations

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.memos import MemoState
from coding.text import one_line


class AddMemoCommand(BenchCommand):
    """A new memo by the current coder; undo deletes it, redo puts the very memo back (same uuid and dates)."""

    edit: edits.AddMemoEdit

    def __init__(self, bench: Workbench, kind: str, target_uuid: str | None, target_name: str, state: MemoState) -> None:
        label = "New journal entry" if kind == "journal" else f"New memo on {one_line(target_name, 30) or kind}"
        super().__init__(bench, label, edits.AddMemoEdit(kind, target_uuid, state, bench.coder_id))

    @property
    def uuid(self) -> str | None:
        return self.edit.uuid

    @property
    def kind(self) -> str:
        return self.edit.kind

    @property
    def target_uuid(self) -> str | None:
        return self.edit.target_uuid

    @property
    def state(self) -> MemoState:
        return self.edit.state


class EditMemoCommand(BenchCommand):
    """New title and text for a memo; ``before`` is what the editor loaded, so an edit made elsewhere meanwhile
    is refused rather than overwritten. Undo puts ``before`` back."""

    def __init__(self, bench: Workbench, memo_uuid: str, before: MemoState, after: MemoState, name: str) -> None:
        super().__init__(bench, f"Edit memo '{one_line(name, 30)}'", edits.EditMemoEdit(memo_uuid, before, after))


class DeleteMemoCommand(BenchCommand):
    def __init__(self, bench: Workbench, memo_uuid: str, state: MemoState, name: str) -> None:
        super().__init__(bench, f"Delete memo '{one_line(name, 30)}'", edits.DeleteMemoEdit(memo_uuid, state))


__all__ = ["AddMemoCommand", "DeleteMemoCommand", "EditMemoCommand"]
