"""Document groups: named sets of documents (a site, a wave, a pilot), independent of cases.

A document may be in any number of groups. Groups are found by name (ignoring case) or uuid, and
documents by name, uuid, or a unique name typed in any case or without its extension. Every
operation checks all of its input before writing, so a bad name changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import NOTHING, Changes
from coding.documents import DocumentRef, document_refs, resolve_document
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.names import clean_name, known_names
from models import Document, DocumentGroup, DocumentGroupMember
from coding.i18n import translate

ENTITY = "document_group"
GROUPS = Changes(groups=True)


@dataclass(frozen=True)
class SavedGroup:
    """What a removed group was, so undo can put it back with the same uuid and members."""

    name: str
    uuid: str
    description: str
    document_ids: tuple[int, ...]


# -- lookups --------------------------------------------------------------------------------------


def find_group(session: Session, name: str) -> DocumentGroup:
    """The group of that name (exact, then ignoring case) or uuid."""
    wanted = name.strip() if isinstance(name, str) else ""
    groups = list(session.scalars(select(DocumentGroup)))
    for group in groups:
        if wanted in (group.name, group.uuid):
            return group
    folded = [g for g in groups if g.name.casefold() == wanted.casefold()]
    if wanted and len(folded) == 1:
        return folded[0]
    raise NotFoundError(translate(
        "errors", "no document group '{name}' (groups: {value})").format(
        name=name, value=known_names(sorted(g.name for g in groups))))


def _check_free(session: Session, name: str, keep_id: int | None = None) -> None:
    """Refuse a name another group already has, ignoring case."""
    for group_id, existing in session.execute(select(DocumentGroup.id, DocumentGroup.name)):
        if group_id != keep_id and existing.casefold() == name.casefold():
            raise DuplicateError(translate(
                "errors", "there is already a document group named '{existing}'").format(existing=existing))


def _member_ids(session: Session, group_id: int) -> set[int]:
    return set(session.scalars(select(DocumentGroupMember.document_id).where(DocumentGroupMember.group_id == group_id)))


def _resolve_documents(session: Session, names: Iterable[str]) -> list[DocumentRef]:
    """Every named document, each once, in the order given; all are checked before any is used."""
    if isinstance(names, str):
        names = [names]
    refs = document_refs(session)
    found: dict[int, DocumentRef] = {}
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(translate("errors", "a document name is empty"))
        ref = resolve_document(refs, name)
        found.setdefault(ref.id, ref)
    if not found:
        raise ValidationError(translate("errors", "no documents given"))
    return list(found.values())


@dataclass(frozen=True)
class GroupRow:
    """One group as the CLI and the Documents panel read it."""

    id: int
    uuid: str
    name: str
    description: str
    documents: tuple[str, ...]  # member names, sorted
    document_ids: tuple[int, ...]  # in the same order


def group_rows(session: Session) -> list[GroupRow]:
    """Every group by name (ignoring case), with its members."""
    members: dict[int, list[tuple[int, str]]] = {}
    for group_id, document_id, doc_name in session.execute(
        select(DocumentGroupMember.group_id, Document.id, Document.name)
        .join(Document, Document.id == DocumentGroupMember.document_id)
        .order_by(Document.name)
    ):
        members.setdefault(group_id, []).append((document_id, doc_name))
    rows = session.execute(select(DocumentGroup.id, DocumentGroup.uuid, DocumentGroup.name, DocumentGroup.description))
    return [
        GroupRow(
            group_id, uuid, name, description,
            tuple(doc_name for _, doc_name in members.get(group_id, ())),
            tuple(document_id for document_id, _ in members.get(group_id, ())),
        )
        for group_id, uuid, name, description in sorted(rows, key=lambda r: r.name.casefold())
    ]


def group_names_by_document(session: Session) -> dict[int, list[str]]:
    """Document id -> the names of its groups (one statement; the Documents list needs no members' names)."""
    names: dict[int, list[str]] = {}
    for document_id, name in session.execute(
        select(DocumentGroupMember.document_id, DocumentGroup.name)
        .join(DocumentGroup, DocumentGroup.id == DocumentGroupMember.group_id)
    ):
        names.setdefault(document_id, []).append(name)
    return names


def list_groups(session: Session) -> list[dict[str, Any]]:
    """Every group by name: {name, uuid, description, documents: [names]}."""
    return [
        {"name": row.name, "uuid": row.uuid, "description": row.description, "documents": list(row.documents)}
        for row in group_rows(session)
    ]


# -- groups ---------------------------------------------------------------------------------------


def add_group(session: Session, name: str, *, actor: str, description: str = "") -> DocumentGroup:
    cleaned = clean_name(name, translate("names", "group name"))
    if not isinstance(description, str):
        raise ValidationError(translate("errors", "group description must be text"))
    _check_free(session, cleaned)
    group = DocumentGroup(name=cleaned, description=description)
    session.add(group)
    session.flush()
    record(session, actor, "add", ENTITY, group.uuid, None, {"name": cleaned, "description": description})
    return group


def rename_group(session: Session, name: str, new_name: str, *, actor: str) -> Changes:
    group = find_group(session, name)
    cleaned = clean_name(new_name, translate("names", "group name"))
    if cleaned == group.name:
        return NOTHING
    _check_free(session, cleaned, keep_id=group.id)
    before = group.name
    group.name = cleaned
    session.flush()
    record(session, actor, "rename", ENTITY, group.uuid, {"name": before}, {"name": cleaned})
    return GROUPS


def remove_group(session: Session, name: str, *, actor: str) -> SavedGroup:
    """Delete a group and its memberships (the documents stay); returns what ``restore_group`` needs."""
    group = find_group(session, name)
    saved = SavedGroup(group.name, group.uuid, group.description, tuple(sorted(_member_ids(session, group.id))))
    # Explicit, not left to ON DELETE CASCADE: a connection without the foreign-keys pragma keeps no orphans.
    session.execute(delete(DocumentGroupMember).where(DocumentGroupMember.group_id == group.id))
    session.delete(group)
    session.flush()
    record(
        session, actor, "remove", ENTITY, saved.uuid,
        {"name": saved.name, "description": saved.description, "document_ids": list(saved.document_ids)}, None,
    )
    return saved


def restore_group(session: Session, saved: SavedGroup, *, actor: str) -> DocumentGroup:
    """Put a removed group back with its uuid, description and the members that still exist."""
    cleaned = clean_name(saved.name, translate("names", "group name"))
    _check_free(session, cleaned)
    if session.scalar(select(DocumentGroup.id).where(DocumentGroup.uuid == saved.uuid)) is not None:
        raise DuplicateError(translate(
            "errors", "document group '{cleaned}' is already in the project").format(cleaned=cleaned))
    existing = set(session.scalars(select(Document.id).where(Document.id.in_(saved.document_ids))))
    kept = [doc_id for doc_id in saved.document_ids if doc_id in existing]
    group = DocumentGroup(uuid=saved.uuid, name=cleaned, description=saved.description)
    session.add(group)
    session.flush()
    if kept:
        session.execute(insert(DocumentGroupMember), [{"group_id": group.id, "document_id": d} for d in kept])
    record(
        session, actor, "restore", ENTITY, group.uuid, None,
        {"name": cleaned, "description": saved.description, "document_ids": kept},
    )
    return group


# -- members --------------------------------------------------------------------------------------


def add_to_group(session: Session, group_name: str, document_names_or_uuids: Iterable[str], *, actor: str) -> Changes:
    """Put documents into a group; ones already in it are left as they are."""
    group = find_group(session, group_name)
    refs = _resolve_documents(session, document_names_or_uuids)
    members = _member_ids(session, group.id)
    new = [ref for ref in refs if ref.id not in members]
    if not new:
        return NOTHING
    session.execute(insert(DocumentGroupMember), [{"group_id": group.id, "document_id": ref.id} for ref in new])
    record(session, actor, "add-documents", ENTITY, group.uuid, None, {"documents": [ref.uuid for ref in new]})
    return GROUPS


def remove_from_group(
    session: Session, group_name: str, document_names_or_uuids: Iterable[str], *, actor: str
) -> Changes:
    """Take documents out of a group; naming one that is not in it is refused (nothing changes)."""
    group = find_group(session, group_name)
    refs = _resolve_documents(session, document_names_or_uuids)
    members = _member_ids(session, group.id)
    outside = [ref.name for ref in refs if ref.id not in members]
    if outside:
        raise ValidationError(translate(
            "errors", "not in document group '{name}': {value}").format(name=group.name, value=', '.join(outside)))
    session.execute(
        delete(DocumentGroupMember).where(
            DocumentGroupMember.group_id == group.id,
            DocumentGroupMember.document_id.in_([ref.id for ref in refs]),
        )
    )
    record(session, actor, "remove-documents", ENTITY, group.uuid, {"documents": [ref.uuid for ref in refs]}, None)
    return GROUPS


def group_members(session: Session, group_name: str) -> list[str]:
    """Uuids of the documents in a group, by document name."""
    group = find_group(session, group_name)
    return list(
        session.scalars(
            select(Document.uuid)
            .join(DocumentGroupMember, DocumentGroupMember.document_id == Document.id)
            .where(DocumentGroupMember.group_id == group.id)
            .order_by(Document.name)
        )
    )


__all__ = [
    "GroupRow",
    "SavedGroup",
    "add_group",
    "add_to_group",
    "find_group",
    "group_rows",
    "group_members",
    "group_names_by_document",
    "list_groups",
    "remove_from_group",
    "remove_group",
    "rename_group",
    "restore_group",
]
