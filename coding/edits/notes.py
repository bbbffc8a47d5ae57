"""Edits of notes: memos on the project, a document, a case or a code, journal entries, and the summaries of
framework-matrix cells. Every step remembers the text as it left it and passes it as ``expected=``: an undo or
redo of a note that another window or process changed since is refused (``ConflictError``) and writes nothing."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coding import memos
from coding.changes import Changes
from coding.edits.base import Edit
from coding.memos import MemoState, SavedMemo

MEMOS = memos.MEMOS_CHANGED
MATRIX = Changes(matrix=True)


class AddMemoEdit(Edit):
    """A new memo by ``author_id``; undo deletes it, redo puts the very memo back (same uuid and dates)."""

    def __init__(self, kind: str, target_uuid: str | None, state: MemoState, author_id: int | None) -> None:
        self.kind, self.target_uuid, self.state, self.author_id = kind, target_uuid, state, author_id
        self.saved: SavedMemo | None = None
        self.uuid: str | None = None

    def do(self, session: Session, actor: str) -> Changes:
        memo = memos.add_memo(session, self.kind, target_uuid=self.target_uuid, title=self.state.title,
                              text=self.state.text, author_id=self.author_id, actor=actor)
        self.uuid, self.state = memo.uuid, MemoState(memo.title, memo.text)  # as stored (title cleaned)
        return MEMOS

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.uuid is not None
        self.saved = memos.delete_memo(session, self.uuid, actor=actor, expected=self.state)
        self.state = self.saved.state
        return MEMOS

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None
        memos.restore_memo(session, self.saved, actor=actor)
        return MEMOS


class EditMemoEdit(Edit):
    """New title and text for a memo; ``before`` is what the editor loaded, so an edit made elsewhere meanwhile
    is refused rather than overwritten. Undo puts ``before`` back."""

    def __init__(self, memo_uuid: str, before: MemoState, after: MemoState) -> None:
        self.memo_uuid, self.before, self.after = memo_uuid, before, after

    def do(self, session: Session, actor: str) -> Changes:
        memos.edit_memo(session, self.memo_uuid, title=self.after.title, text=self.after.text, actor=actor,
                        expected=self.before)
        return MEMOS

    def undo(self, session: Session, actor: str) -> Changes:
        memos.edit_memo(session, self.memo_uuid, title=self.before.title, text=self.before.text, actor=actor,
                        expected=self.after)
        return MEMOS


class DeleteMemoEdit(Edit):
    """Delete a memo if it still reads ``state``; undo puts the very memo back."""

    def __init__(self, memo_uuid: str, state: MemoState) -> None:
        self.memo_uuid, self.state = memo_uuid, state
        self.saved: SavedMemo | None = None

    def do(self, session: Session, actor: str) -> Changes:
        self.saved = memos.delete_memo(session, self.memo_uuid, actor=actor, expected=self.state)
        return MEMOS

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None
        memos.restore_memo(session, self.saved, actor=actor)
        return MEMOS


class SetCellSummaryEdit(Edit):
    """Write (or clear) the researcher's summary of one framework-matrix cell."""

    def __init__(self, code_uuid: str, column_key: str, text: str) -> None:
        self.code_uuid, self.column_key, self.text = code_uuid, column_key, text
        self.previous = ""
        self.left: str | None = None  # the text the last step wrote: undo/redo refuse if it changed since

    def do(self, session: Session, actor: str) -> Changes:
        from coding.analysis.matrix import set_cell_summary

        self.previous = set_cell_summary(session, self.code_uuid, self.column_key, self.text, actor=actor,
                                         expected=self.left)
        self.left = self.text
        return MATRIX

    def undo(self, session: Session, actor: str) -> Changes:
        from coding.analysis.matrix import set_cell_summary

        set_cell_summary(session, self.code_uuid, self.column_key, self.previous, actor=actor, expected=self.left)
        self.left = self.previous
        return MATRIX


__all__ = ["AddMemoEdit", "DeleteMemoEdit", "EditMemoEdit", "SetCellSummaryEdit"]
