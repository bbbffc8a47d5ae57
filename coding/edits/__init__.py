"""Undoable edits, Qt-free: one plain object per user edit with ``do``, ``undo`` and ``redo``, each returning the
:class:`~coding.changes.Changes` it made (see :mod:`coding.edits.base` for the rules they keep).

The GUI wraps each in a ``QUndoCommand`` (app/commands.py); tests drive them on a real project without Qt.
"""

from coding.edits.base import CompoundEdit, Edit, code_id_of, optional_code_id
from coding.edits.cases import (
    AddAttributeEdit,
    AddCaseEdit,
    AttachDocumentsEdit,
    DeleteCaseOrAttributeEdit,
    DeleteDocumentsEdit,
    GroupMembersEdit,
    NewGroupEdit,
    RenameEdit,
    SetAttributeValueEdit,
)
from coding.edits.codebook import (
    AddCodeEdit,
    CodeState,
    DeleteCodeEdit,
    MergeCodesEdit,
    MoveCodeEdit,
    SetQuickSlotEdit,
    UpdateCodeEdit,
    merge_is_reversible,
)
from coding.edits.codings import (
    ApplyCodeEdit,
    CodeHitsEdit,
    InVivoEdit,
    RecodeCodingEdit,
    RemoveCodingEdit,
    RemoveCodingsEdit,
    ResizeCodingEdit,
    SetCodingMemoEdit,
)
from coding.edits.consensus import AcceptAgreedEdit
from coding.edits.merging import MergeCopiesEdit, merge_label
from coding.edits.metadata import MetadataToAttributesEdit
from coding.edits.notes import AddMemoEdit, DeleteMemoEdit, EditMemoEdit, SetCellSummaryEdit
from coding.edits.team import AssignmentsEdit, DecideEdit, ReopenDecisionEdit

__all__ = [
    "AcceptAgreedEdit",
    "AddAttributeEdit",
    "AddCaseEdit",
    "AddCodeEdit",
    "AddMemoEdit",
    "ApplyCodeEdit",
    "AssignmentsEdit",
    "AttachDocumentsEdit",
    "CodeHitsEdit",
    "CodeState",
    "CompoundEdit",
    "DecideEdit",
    "DeleteCaseOrAttributeEdit",
    "DeleteCodeEdit",
    "DeleteDocumentsEdit",
    "DeleteMemoEdit",
    "Edit",
    "EditMemoEdit",
    "GroupMembersEdit",
    "InVivoEdit",
    "MergeCodesEdit",
    "MergeCopiesEdit",
    "MetadataToAttributesEdit",
    "MoveCodeEdit",
    "NewGroupEdit",
    "RecodeCodingEdit",
    "RemoveCodingEdit",
    "RemoveCodingsEdit",
    "RenameEdit",
    "ReopenDecisionEdit",
    "ResizeCodingEdit",
    "SetAttributeValueEdit",
    "SetCellSummaryEdit",
    "SetCodingMemoEdit",
    "SetQuickSlotEdit",
    "UpdateCodeEdit",
    "code_id_of",
    "merge_is_reversible",
    "merge_label",
    "optional_code_id",
]
