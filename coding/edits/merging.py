"""The edit of merging coder copies: one undo step for a whole ``coding.team.merge.merge_copies``.

The merge itself runs on the project's writer thread (``merge_copies``, one transaction per file, so a refused
file leaves the others merged) and hands back one :class:`~coding.team.merge.MergeRecord` per merged file: every
row it touched, before and after. This edit is built from those records once the merge is written, so its ``do``
writes nothing and returns what the merge changed; ``undo`` takes exactly those rows back (``undo_merge``) and
``redo`` writes them again (``redo_merge``), each refusing with ``ConflictError`` (nothing written) when the rows
are no longer as the step before left them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from coding.changes import Changes
from coding.edits.base import Edit
from coding.i18n import translate
from coding.team.merge import MergeRecord, redo_merge, undo_merge

# Every step of a merge also says "coders": the coder look-ups and lists reload (the copy's coder's work moved).
MERGE_CHANGES = Changes(coders=True)


def merge_changes(records: Sequence[MergeRecord]) -> Changes:
    """What merging (or taking back) these records changed."""
    return Changes.join([MERGE_CHANGES, *(merge_record.changes() for merge_record in records)])


def merge_label(records: Sequence[MergeRecord]) -> str:
    """The undo step's name: "Merge ann.concord", or "Merge 3 coder copies"."""
    if len(records) == 1:
        return translate("edits", "Merge {file}").format(file=records[0].label)
    return translate("edits", "Merge {count} coder copies").format(count=len(records))


class MergeCopiesEdit(Edit):
    """A merge already written by ``merge_copies``, held as its records (see the module notes)."""

    def __init__(self, records: Sequence[MergeRecord]) -> None:
        self.records = list(records)

    @property
    def label(self) -> str:
        return merge_label(self.records)

    def do(self, session: Session, actor: str) -> Changes:
        """The merge is in the project already (``merge_copies`` wrote it): only say what it changed."""
        return merge_changes(self.records)

    def undo(self, session: Session, actor: str) -> Changes:
        return undo_merge(session, self.records, actor=actor) | MERGE_CHANGES

    def redo(self, session: Session, actor: str) -> Changes:
        return redo_merge(session, self.records, actor=actor) | MERGE_CHANGES


__all__ = ["MERGE_CHANGES", "MergeCopiesEdit", "merge_changes", "merge_label"]
