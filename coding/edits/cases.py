"""Edits of cases, attributes, documents and document groups: attribute values, attaching documents to cases,
group membership, new groups, and the housekeeping edits (rename, delete) of documents, cases and attributes.

Things are held by uuid where they can be renamed, so an edit still finds its document after another edit
renamed it. A deletion keeps the snapshot ``coding/`` took of everything that went, and undo puts exactly that
back (same uuids, ids where free)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding import cases, documents, groups
from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import ConflictError, NotFoundError
from models import Attribute, Case, Document
from coding.i18n import QT_TRANSLATE_NOOP, translate

GROUPS = groups.GROUPS
CASES_AND_DOCUMENTS = Changes(cases=True, documents=True)
CASES = Changes(cases=True)
ATTRIBUTES = Changes(attributes=True)


_USES = {  # rows a case or attribute can hold -> how a count of them reads (translated where shown)
    "attribute_values": QT_TRANSLATE_NOOP("removal", "%Ln value(s)"),
    "documents.case_id cleared": QT_TRANSLATE_NOOP("removal", "%Ln document(s)"),
    "memos": QT_TRANSLATE_NOOP("removal", "%Ln memo(s)"),
    "matrix_cell_summaries": QT_TRANSLATE_NOOP("removal", "%Ln matrix summary(ies)"),
}


def _use(key: str, count: int) -> str:
    """"3 values", "1 memo"; a table no text names yet reads as the audit trail names it ("2 some_table")."""
    return translate("removal", _USES[key], None, count) if key in _USES else f"{count:,} {key}"


def _refuse_if_used(deletion: cases.DeletedRows) -> None:
    """A case or attribute that an undo would delete must still be as new: nothing attached, valued or noted."""
    used = [_use(key, count) for key, count in deletion.rows.counts().items()
            if key != f"{deletion.entity}s"]  # its own row
    if used:
        raise ConflictError(translate(
            "errors", "{entity} '{name}' has {value} since it was added: delete it instead").format(
            entity=deletion.entity, name=deletion.name, value=translate("counted", ", ").join(used)))


class AddCaseEdit(Edit):
    """A new case (participant); undo deletes it only while nothing refers to it, redo puts it back (same uuid)."""

    def __init__(self, name: str, description: str = "") -> None:
        self.name, self.description = name, description
        self.uuid: str | None = None
        self.deleted: cases.DeletedRows | None = None

    def do(self, session: Session, actor: str) -> Changes:
        self.uuid = cases.add_case(session, self.name, actor=actor, description=self.description).uuid
        return CASES

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.uuid is not None
        name = current_name(session, Case, self.uuid, "case")
        _refuse_if_used(cases.case_deletion(session, name))
        self.deleted = cases.delete_case(session, name, actor=actor)
        return CASES

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.deleted is not None
        cases.restore_case(session, self.deleted, actor=actor)
        return CASES


class AddAttributeEdit(Edit):
    """A new (text) attribute of the cases; one that exists already is left as it is, and its undo does nothing.
    Undo deletes a new one only while no case has a value of it; redo puts it back (same uuid)."""

    def __init__(self, name: str, value_type: str = "text") -> None:
        self.name, self.value_type = name, value_type
        self.uuid: str | None = None
        self.created = False
        self.deleted: cases.DeletedRows | None = None

    def do(self, session: Session, actor: str) -> Changes:
        existing = set(session.scalars(select(Attribute.uuid)))
        self.uuid = cases.ensure_attribute(session, self.name, self.value_type, actor=actor).uuid
        self.created = self.uuid not in existing
        return ATTRIBUTES

    def undo(self, session: Session, actor: str) -> Changes:
        if not self.created:
            return ATTRIBUTES
        assert self.uuid is not None
        name = current_name(session, Attribute, self.uuid, "attribute")
        _refuse_if_used(cases.attribute_deletion(session, name))
        self.deleted = cases.delete_attribute(session, name, actor=actor)
        return ATTRIBUTES

    def redo(self, session: Session, actor: str) -> Changes:
        if not self.created:
            return ATTRIBUTES
        assert self.deleted is not None
        cases.restore_attribute(session, self.deleted, actor=actor)
        return ATTRIBUTES


class SetAttributeValueEdit(Edit):
    """One case's value of one attribute. ``seen`` is the value the editor showed: the first run is refused with
    ``StaleEditError`` if anyone changed it since (undo and redo compare what the last step left)."""

    def __init__(self, case_name: str, attribute_name: str, value: str, *, seen: str | None = None) -> None:
        self.case_name, self.attribute_name, self.value = case_name, attribute_name, value
        self.seen = seen
        self.before: str | None = None
        self.left: str | None = None  # the value the last step stored

    def do(self, session: Session, actor: str) -> Changes:
        if self.before is not None:  # redo
            return self._set(session, actor, self.value)
        before = cases.attribute_value(session, self.case_name, self.attribute_name)
        self.left = None  # a refused or retried first run is a first run again
        changes = self._set(session, actor, self.value, self.seen)
        self.before = before
        return changes

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        return self._set(session, actor, self.before)

    def _set(self, session: Session, actor: str, value: str, seen: str | None = None) -> Changes:
        changes = cases.set_attribute_value(
            session, self.case_name, self.attribute_name, value, actor=actor, expected=self.left, seen=seen
        )
        self.left = cases.attribute_value(session, self.case_name, self.attribute_name)
        return changes


class AttachDocumentsEdit(Edit):
    """Attach documents to a case and detach others from it; undo gives each document its old case back."""

    def __init__(self, case_name: str, attach: Sequence[str], detach: Sequence[str]) -> None:
        self.case_name, self.attach, self.detach = case_name, list(attach), list(detach)
        self.previous: dict[str, str | None] | None = None  # document -> its case before the first run
        self.left: dict[str, str | None] = {}  # document -> the case the last step left it in

    def do(self, session: Session, actor: str) -> Changes:
        if self.previous is None:
            self.previous = {name: cases.document_case(session, name) for name in [*self.attach, *self.detach]}
        else:  # redo: only if nobody moved these documents since the undo
            self._expect_left(session)
        changes = Changes()
        for name in self.attach:
            changes |= cases.attach_document(session, self.case_name, name, actor=actor)
        for name in self.detach:
            changes |= cases.detach_document(session, self.case_name, name, actor=actor)
        self._remember(session)
        return changes | CASES_AND_DOCUMENTS

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.previous is not None
        self._expect_left(session)
        for name, old_case in self.previous.items():
            current = self.left[name]
            if old_case is not None:
                cases.attach_document(session, old_case, name, actor=actor)
            elif current is not None:
                cases.detach_document(session, current, name, actor=actor)
        self._remember(session)
        return CASES_AND_DOCUMENTS

    def _expect_left(self, session: Session) -> None:
        for name, case_name in self.left.items():
            cases.expect_document_case(session, name, case_name)

    def _remember(self, session: Session) -> None:
        assert self.previous is not None
        self.left = {name: cases.document_case(session, name) for name in self.previous}


# -- document groups --------------------------------------------------------------------------------
class GroupMembersEdit(Edit):
    """Put documents into a group (or take them out); undo reverses only the documents that changed.

    The group is held by uuid after the first run, so a rename elsewhere does not lose it.
    """

    def __init__(self, group_name: str, document_uuids: Sequence[str], *, add: bool) -> None:
        self.group, self.document_uuids, self.add = group_name, list(document_uuids), add
        self.changed: list[str] = []

    def do(self, session: Session, actor: str) -> Changes:
        self.group = groups.find_group(session, self.group).uuid
        members = set(groups.group_members(session, self.group))
        self.changed = [uuid for uuid in self.document_uuids if (uuid in members) != self.add]
        step = groups.add_to_group if self.add else groups.remove_from_group
        return step(session, self.group, self.document_uuids, actor=actor) | GROUPS

    def undo(self, session: Session, actor: str) -> Changes:
        if self.changed:
            step = groups.remove_from_group if self.add else groups.add_to_group
            step(session, self.group, self.changed, actor=actor)
        return GROUPS


class NewGroupEdit(Edit):
    """A new document group holding the given documents; undo removes it, redo restores it (same uuid)."""

    def __init__(self, name: str, document_uuids: Sequence[str], description: str = "") -> None:
        self.name, self.document_uuids, self.description = name, list(document_uuids), description
        self.group_uuid: str | None = None
        self.saved: groups.SavedGroup | None = None

    def do(self, session: Session, actor: str) -> Changes:
        group = groups.add_group(session, self.name, actor=actor, description=self.description)
        if self.document_uuids:
            groups.add_to_group(session, group.uuid, self.document_uuids, actor=actor)
        self.group_uuid = group.uuid
        return GROUPS

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.group_uuid is not None
        self.saved = groups.remove_group(session, self.group_uuid, actor=actor)
        return GROUPS

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.saved is not None  # the very group, with its uuid and members
        groups.restore_group(session, self.saved, actor=actor)
        return GROUPS


# -- housekeeping: rename and delete documents, cases and attributes ---------------------------------
Renamer = Callable[..., Changes]
# entity -> (table, rename operation)
_RENAMERS: dict[str, tuple[Any, Renamer]] = {
    "document": (Document, documents.rename_document),
    "case": (Case, cases.rename_case),
    "attribute": (Attribute, cases.rename_attribute),
}


def current_name(session: Session, model: Any, uuid: str, what: str) -> str:
    name: str | None = session.scalar(select(model.name).where(model.uuid == uuid))
    if name is None:
        raise NotFoundError(translate("errors", "that {what} is no longer in the project").format(what=what))
    return name


class RenameEdit(Edit):
    """Rename a document, case or attribute (``entity``); undo or redo only if the name is still the one the
    last step gave it (else ``ConflictError``: another window renamed it since).

    ``expected_version`` (cases and attributes) is the row's version as the editor read it: the first run is
    refused with ``StaleEditError`` if anyone changed the row since."""

    def __init__(self, entity: str, uuid: str, old_name: str, new_name: str, *,
                 expected_version: int | None = None) -> None:
        self.entity, self.uuid = entity, uuid
        self.old_name, self.new_name = old_name, new_name
        self.expected_version = expected_version
        self.left: str | None = None  # the name the last step gave it
        self.done = False

    def do(self, session: Session, actor: str) -> Changes:
        if not self.done:
            self.left = None  # a refused or retried first run is a first run again
        version = None if self.done else self.expected_version
        changes = self._rename(session, actor, self.new_name, version)
        self.done = True
        return changes

    def undo(self, session: Session, actor: str) -> Changes:
        return self._rename(session, actor, self.old_name)

    def _rename(self, session: Session, actor: str, name: str, expected_version: int | None = None) -> Changes:
        model, rename = _RENAMERS[self.entity]
        now = current_name(session, model, self.uuid, self.entity)
        if self.left is not None and now != self.left:
            raise ConflictError(translate(
                "errors", "the {entity} '{left}' was renamed since (now '{now}')").format(
                entity=self.entity, left=self.left, now=now))
        versioned = {} if expected_version is None else {"expected_version": expected_version}
        changes = rename(session, now if self.entity != "document" else self.uuid, name, actor=actor, **versioned)
        self.left = current_name(session, model, self.uuid, self.entity)
        return changes | Changes.of(f"{self.entity}s")


class DeleteDocumentsEdit(Edit):
    """Delete documents with everything on them; undo puts every row back."""

    def __init__(self, document_uuids: Sequence[str]) -> None:
        self.document_uuids = list(document_uuids)
        self.deleted: documents.DeletedDocuments | None = None

    def do(self, session: Session, actor: str) -> Changes:
        self.deleted = documents.delete_documents(session, self.document_uuids, actor=actor)
        return self.deleted.changes

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.deleted is not None
        return documents.restore_documents(session, self.deleted, actor=actor)


class DeleteCaseOrAttributeEdit(Edit):
    """Delete a case (its documents stay, detached) or an attribute (with its values); undo restores all."""

    def __init__(self, entity: str, uuid: str) -> None:
        self.entity, self.uuid = entity, uuid
        self.deleted: cases.DeletedRows | None = None

    def do(self, session: Session, actor: str) -> Changes:
        model = Case if self.entity == "case" else Attribute
        name = current_name(session, model, self.uuid, self.entity)
        delete = cases.delete_case if self.entity == "case" else cases.delete_attribute
        self.deleted = delete(session, name, actor=actor)
        return self.deleted.changes

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.deleted is not None
        restore = cases.restore_case if self.entity == "case" else cases.restore_attribute
        return restore(session, self.deleted, actor=actor)


__all__ = [
    "AddAttributeEdit",
    "AddCaseEdit",
    "AttachDocumentsEdit",
    "DeleteCaseOrAttributeEdit",
    "DeleteDocumentsEdit",
    "GroupMembersEdit",
    "NewGroupEdit",
    "RenameEdit",
    "SetAttributeValueEdit",
    "current_name",
]
