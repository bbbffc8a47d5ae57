"""Undo steps for memos: write, edit and delete a memo on the project, a document, a case or a code, or a
journal entry — thin wrappers around the edits in ``coding.edits.notes`` (see app/commands.py).

Every step remembers the memo as it left it and passes that as ``expected=``: an undo or redo of a memo that
another window or process changed since is refused (``ConflictError``) and writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.i18n import QT_TRANSLATE_NOOP
from coding.memos import MemoState
from coding.text import one_line

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
# A memo's kind as a noun inside a sentence ("New case memo"); KIND_LABELS in app/memos.py are the column's labels.
KIND_NOUNS = {
    "project": QT_TRANSLATE_NOOP("memos", "project"),
    "journal": QT_TRANSLATE_NOOP("memos", "journal"),
    "document": QT_TRANSLATE_NOOP("memos", "document"),
    "case": QT_TRANSLATE_NOOP("memos", "case"),
    "code": QT_TRANSLATE_NOOP("memos", "code"),
    "coding": QT_TRANSLATE_NOOP("memos", "coding"),
}


def kind_noun(kind: str) -> str:
    """A memo kind ("case") in the interface language, for a sentence."""
    return translate("memos", KIND_NOUNS.get(kind, kind))


class AddMemoCommand(BenchCommand):
    """A new memo by the current coder; undo deletes it, redo puts the very memo back (same uuid and dates)."""

    edit: edits.AddMemoEdit

    def __init__(self, bench: Workbench, kind: str, target_uuid: str | None, target_name: str, state: MemoState) -> None:
        if kind == "journal":
            label = translate("memos", "New journal entry")
        else:
            target = one_line(target_name, 30) or kind_noun(kind)
            label = translate("memos", "New memo on {target}").format(target=target)
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
        label = translate("memos", "Edit memo '{name}'").format(name=one_line(name, 30))
        super().__init__(bench, label, edits.EditMemoEdit(memo_uuid, before, after))


class DeleteMemoCommand(BenchCommand):
    def __init__(self, bench: Workbench, memo_uuid: str, state: MemoState, name: str) -> None:
        label = translate("memos", "Delete memo '{name}'").format(name=one_line(name, 30))
        super().__init__(bench, label, edits.DeleteMemoEdit(memo_uuid, state))


__all__ = ["KIND_NOUNS", "AddMemoCommand", "DeleteMemoCommand", "EditMemoCommand", "kind_noun"]
