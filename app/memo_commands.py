"""Undo steps for memos: write, edit and delete a memo on the project, a document, a case or a code, or a
journal entry — each running ``coding.memos`` in a fresh session (see app/commands.py for the pattern).

Every step remembers the memo as it left it and passes that as ``expected=``: an undo or redo of a memo that
another window or process changed since is refused (``ConflictError``) and writes nothing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import memos
from coding.changes import Changes
from coding.memos import MemoState, SavedMemo
from coding.text import one_line

MEMOS = memos.MEMOS_CHANGED


class AddMemoCommand(BenchCommand):
    """A new memo by the current coder; undo deletes it, redo puts the very memo back (same uuid and dates)."""

    def __init__(self, bench: Workbench, kind: str, target_uuid: str | None, target_name: str, state: MemoState) -> None:
        label = "New journal entry" if kind == "journal" else f"New memo on {one_line(target_name, 30) or kind}"
        super().__init__(bench, label)
        self.kind, self.target_uuid, self.state = kind, target_uuid, state
        self.author_id = bench.coder_id
        self.saved: SavedMemo | None = None
        self.uuid: str | None = None

    def perform(self, session: Session) -> Changes:
        if self.saved is not None:
            memos.restore_memo(session, self.saved, actor=self.actor)
            return MEMOS
        memo = memos.add_memo(session, self.kind, target_uuid=self.target_uuid, title=self.state.title,
                              text=self.state.text, author_id=self.author_id, actor=self.actor)
        self.uuid, self.state = memo.uuid, MemoState(memo.title, memo.text)  # as stored (title cleaned)
        return MEMOS

    def revert(self, session: Session) -> Changes:
        assert self.uuid is not None
        self.saved = memos.delete_memo(session, self.uuid, actor=self.actor, expected=self.state)
        self.state = self.saved.state
        return MEMOS


class EditMemoCommand(BenchCommand):
    """New title and text for a memo; ``before`` is what the editor loaded, so an edit made elsewhere meanwhile
    is refused rather than overwritten. Undo puts ``before`` back."""

    def __init__(self, bench: Workbench, memo_uuid: str, before: MemoState, after: MemoState, name: str) -> None:
        super().__init__(bench, f"Edit memo '{one_line(name, 30)}'")
        self.memo_uuid, self.before, self.after = memo_uuid, before, after

    def perform(self, session: Session) -> Changes:
        memos.edit_memo(session, self.memo_uuid, title=self.after.title, text=self.after.text, actor=self.actor,
                        expected=self.before)
        return MEMOS

    def revert(self, session: Session) -> Changes:
        memos.edit_memo(session, self.memo_uuid, title=self.before.title, text=self.before.text, actor=self.actor,
                        expected=self.after)
        return MEMOS


class DeleteMemoCommand(BenchCommand):
    def __init__(self, bench: Workbench, memo_uuid: str, state: MemoState, name: str) -> None:
        super().__init__(bench, f"Delete memo '{one_line(name, 30)}'")
        self.memo_uuid, self.state = memo_uuid, state
        self.saved: SavedMemo | None = None

    def perform(self, session: Session) -> Changes:
        self.saved = memos.delete_memo(session, self.memo_uuid, actor=self.actor, expected=self.state)
        return MEMOS

    def revert(self, session: Session) -> Changes:
        assert self.saved is not None
        memos.restore_memo(session, self.saved, actor=self.actor)
        return MEMOS


__all__ = ["AddMemoCommand", "DeleteMemoCommand", "EditMemoCommand"]
