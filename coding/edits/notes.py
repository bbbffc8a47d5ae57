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
    is refused rather than overwritten (``StaleEditError`` saying who changed it; with ``expected_version``, the
    version it loaded, a change that left the same text is refused too). Undo puts ``before`` back."""

    def __init__(self, memo_uuid: str, before: MemoState, after: MemoState, *,
                 expected_version: int | None = None) -> None:
        self.memo_uuid, self.before, self.after = memo_uuid, before, after
        self.expected_version = expected_version
        self.done = False

    def do(self, session: Session, actor: str) -> Changes:
        if self.done:  # redo: undo left ``before`` there
            memos.edit_memo(session, self.memo_uuid, title=self.after.title, text=self.after.text, actor=actor,
                            expected=self.before)
        else:  # the first run: ``before`` is what the editor showed, so a change since is a stale edit
            memos.edit_memo(session, self.memo_uuid, title=self.after.title, text=self.after.text, actor=actor,
                            seen=self.before, expected_version=self.expected_version)
        self.done = True
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
    """Write (or clear) the researcher's summary of one framework-matrix cell. ``expected_version`` is the
    cell's version as the editor read it (``versions.NO_ROW`` for an empty cell), ``seen`` the text it showed:
    with either, the first run is refused with ``StaleEditError`` if anyone changed the summary since."""

    def __init__(self, code_uuid: str, column_key: str, text: str, *, expected_version: int | None = None,
                 seen: str | None = None) -> None:
        self.code_uuid, self.column_key, self.text = code_uuid, column_key, text
        self.expected_version, self.seen = expected_version, seen
        self.previous = ""
        self.left: str | None = None  # the text the last step wrote: undo/redo refuse if it changed since
        self.done = False

    def do(self, session: Session, actor: str) -> Changes:
        from coding.analysis.matrix import set_cell_summary

        if not self.done:
            self.left = None  # a refused or retried first run is a first run again
        self.previous = set_cell_summary(session, self.code_uuid, self.column_key, self.text, actor=actor,
                                         expected=self.left,
                                         expected_version=None if self.done else self.expected_version,
                                         seen=None if self.done else self.seen)
        self.left = self.text
        self.done = True
        return MATRIX

    def undo(self, session: Session, actor: str) -> Changes:
        from coding.analysis.matrix import set_cell_summary

        set_cell_summary(session, self.code_uuid, self.column_key, self.previous, actor=actor, expected=self.left)
        self.left = self.previous
        return MATRIX


__all__ = ["AddMemoEdit", "DeleteMemoEdit", "EditMemoEdit", "SetCellSummaryEdit"]
