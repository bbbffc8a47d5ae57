"""Document metadata (the "key: value" block that opens a transcript) and copying it to case attributes.

The block is found at import (``coding.importing.header``) and stored per document. Copying it to
attributes puts each key as an attribute of the document's case, so "访谈方式：面对面" becomes the
case's 访谈方式 and can be used in the matrix, crosstabs and queries like any other attribute.

A document without a case gets one named after the document (or is put under an existing case of
that name): metadata describes the interview, and a transcript is usually one participant. A value
already held differently (by the case, or by another document of the same case) is a conflict: the
whole copy is refused, listing every conflict, and nothing is written. Equal values are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding import cases
from coding.audit import record
from coding.changes import Changes
from coding.documents import DocumentRef, document_refs, resolve_document
from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.names import known_names
from models import Attribute, AttributeValue, Case, Document, DocumentMetadata
from coding.i18n import translate


@dataclass(frozen=True)
class MetadataItem:
    key: str
    value: str


def document_metadata(session: Session, document_id: int) -> list[MetadataItem]:
    """One document's metadata in text order."""
    rows = session.execute(
        select(DocumentMetadata.key, DocumentMetadata.value)
        .where(DocumentMetadata.document_id == document_id)
        .order_by(DocumentMetadata.position)
    )
    return [MetadataItem(key, value) for key, value in rows]


def metadata_by_document(session: Session) -> dict[int, list[MetadataItem]]:
    """Every document's metadata, by document id (documents without any are absent)."""
    found: dict[int, list[MetadataItem]] = {}
    rows = session.execute(
        select(DocumentMetadata.document_id, DocumentMetadata.key, DocumentMetadata.value)
        .order_by(DocumentMetadata.document_id, DocumentMetadata.position)
    )
    for document_id, key, value in rows:
        found.setdefault(document_id, []).append(MetadataItem(key, value))
    return found


# -- copying to case attributes ---------------------------------------------------------------------
@dataclass(frozen=True)
class MetadataTransfer:
    """What :func:`metadata_to_attributes` wrote, so :func:`undo_metadata_to_attributes` can take it back."""

    values: tuple[tuple[str, str, str], ...] = ()  # (case, attribute, value) set where there was none
    created_cases: tuple[str, ...] = ()
    attached: tuple[tuple[str, str], ...] = ()  # (document, case) put under a case by this copy
    created_attributes: tuple[str, ...] = ()
    unchanged: int = 0  # values the case already held

    @property
    def changes(self) -> Changes:
        wrote = bool(self.values or self.attached)
        return Changes(cases=wrote, attributes=wrote, documents=bool(self.attached), matrix=wrote)

    def describe(self) -> str:
        """What the copy wrote, in the interface language."""
        text = translate("metadata", "set {count} attribute value(s)").format(count=len(self.values))
        if self.created_cases:
            text += translate("metadata", ", created {count} case(s) ({names})").format(
                count=len(self.created_cases), names=", ".join(self.created_cases))
        if self.created_attributes:
            text += translate("metadata", ", added attribute(s) {names}").format(
                names=", ".join(self.created_attributes))
        if self.unchanged:
            text += translate("metadata", "; {count} value(s) were already there").format(count=self.unchanged)
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "values": [{"case": c, "attribute": a, "value": v} for c, a, v in self.values],
            "created_cases": list(self.created_cases),
            "attached": [{"document": d, "case": c} for d, c in self.attached],
            "created_attributes": list(self.created_attributes),
            "unchanged": self.unchanged,
        }


@dataclass
class _Plan:
    case_of: dict[str, str] = field(default_factory=dict)  # document name -> case name (existing or new)
    new_cases: list[str] = field(default_factory=list)
    # (case, key) folded -> (value, document, key as the transcript spells it)
    wanted: dict[tuple[str, str], tuple[str, str, str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)


def metadata_to_attributes(
    session: Session, *, actor: str, keys: Iterable[str] | None = None, documents: Iterable[str] | None = None
) -> MetadataTransfer:
    """Copy documents' metadata (all, or the ``keys`` given) to their cases' attributes; refuse any conflict."""
    refs = _chosen_documents(session, documents)
    metadata = metadata_by_document(session)
    chosen_keys = _chosen_keys(metadata, refs, keys)
    plan = _plan(session, refs, metadata, chosen_keys)
    if plan.conflicts:
        raise ConflictError(
            f"metadata not copied (nothing changed): {len(plan.conflicts)} conflict(s): " + "; ".join(plan.conflicts)
        )
    return _write(session, plan, actor)


def _chosen_documents(session: Session, names: Iterable[str] | None) -> list[DocumentRef]:
    refs = document_refs(session)
    if names is None:
        return sorted(refs, key=lambda ref: ref.name)
    chosen = {ref.id: ref for ref in (resolve_document(refs, name) for name in names)}
    return sorted(chosen.values(), key=lambda ref: ref.name)


def _chosen_keys(
    metadata: dict[int, list[MetadataItem]], refs: list[DocumentRef], keys: Iterable[str] | None
) -> set[str] | None:
    present = sorted({item.key for ref in refs for item in metadata.get(ref.id, [])}, key=str.casefold)
    if not present:
        raise NotFoundError(translate(
            "errors", "no metadata to copy: none of these documents opens with a key: value block"))
    if keys is None:
        return None
    given = [key.strip() for key in keys if key.strip()]
    if not given:
        raise ValidationError(translate("errors", "no metadata keys given (name one or more, e.g. --keys Date,访谈方式)"))
    folded_present = {key.casefold() for key in present}
    unknown = [key for key in given if key.casefold() not in folded_present]
    if unknown:
        raise NotFoundError(translate(
            "errors", "no document has the metadata key(s) {value} (keys: {value2})").format(
            value=', '.join(unknown), value2=known_names(present)))
    return {key.casefold() for key in given}


def _plan(
    session: Session, refs: list[DocumentRef], metadata: dict[int, list[MetadataItem]], keys: set[str] | None
) -> _Plan:
    plan = _Plan()
    case_names = {case.id: case.name for case in session.scalars(select(Case))}
    held = _held_values(session)
    types = {a.name.casefold(): a.value_type for a in session.scalars(select(Attribute))}
    for ref in refs:
        items = [item for item in metadata.get(ref.id, []) if keys is None or item.key.casefold() in keys]
        if not items:
            continue
        case_name = case_names[ref.case_id] if ref.case_id else _case_for(plan, case_names, ref.name)
        plan.case_of[ref.name] = case_name
        for item in items:
            _plan_value(plan, held, types, case_name, ref.name, item)
    return plan


def _case_for(plan: _Plan, case_names: dict[int, str], document_name: str) -> str:
    """The case a caseless document goes under: an existing one of its name, else a new one."""
    existing = [name for name in case_names.values() if name.casefold() == document_name.casefold()]
    if existing:
        return existing[0]
    if document_name not in plan.new_cases:
        plan.new_cases.append(document_name)
    return document_name


def _plan_value(
    plan: _Plan, held: dict[tuple[str, str], str], types: dict[str, str], case: str, document: str, item: MetadataItem
) -> None:
    slot = (case.casefold(), item.key.casefold())
    try:
        value = cases.clean_value(item.value, types.get(item.key.casefold(), "text"))
    except ValidationError as exc:
        plan.conflicts.append(f"case {case}, {item.key}: {document} says '{item.value}' ({exc})")
        return
    if slot in plan.wanted and plan.wanted[slot][0] != value:
        other_value, other_document, _ = plan.wanted[slot]
        plan.conflicts.append(f"case {case}, {item.key}: {other_document} says '{other_value}', {document} '{value}'")
    elif held.get(slot, value) != value:
        plan.conflicts.append(f"case {case}, {item.key}: the case has '{held[slot]}', {document} says '{value}'")
    else:
        plan.wanted.setdefault(slot, (value, document, item.key))


def _held_values(session: Session) -> dict[tuple[str, str], str]:
    rows = session.execute(
        select(Case.name, Attribute.name, AttributeValue.value)
        .join(AttributeValue, AttributeValue.case_id == Case.id)
        .join(Attribute, Attribute.id == AttributeValue.attribute_id)
    )
    return {(case.casefold(), attribute.casefold()): value for case, attribute, value in rows}


def _write(session: Session, plan: _Plan, actor: str) -> MetadataTransfer:
    held = _held_values(session)
    attributes_before = {name.casefold() for name in session.scalars(select(Attribute.name))}
    for name in plan.new_cases:
        cases.add_case(session, name, actor=actor)
    attached: list[tuple[str, str]] = []
    refs = {ref.name: ref for ref in document_refs(session)}
    for document, case in plan.case_of.items():
        if refs[document].case_id is None:
            cases.attach_document(session, case, document, actor=actor)
            attached.append((document, case))
    values: list[tuple[str, str, str]] = []
    for slot, (value, document, attribute) in plan.wanted.items():
        if slot in held:
            continue
        case = plan.case_of[document]
        cases.set_attribute_value(session, case, attribute, value, actor=actor)
        values.append((case, attribute, value))
    created_attributes = sorted({a for _, a, _ in values if a.casefold() not in attributes_before}, key=str.casefold)
    transfer = MetadataTransfer(tuple(values), tuple(plan.new_cases), tuple(attached), tuple(created_attributes),
                                unchanged=len(plan.wanted) - len(values))
    record(session, actor, "metadata-to-attributes", "project", None, None, transfer.to_dict())
    return transfer


def undo_metadata_to_attributes(session: Session, transfer: MetadataTransfer, *, actor: str) -> Changes:
    """Take a copy back: clear the values it set (refused if changed since), detach, delete what it created."""
    for case, attribute, value in transfer.values:
        cases.set_attribute_value(session, case, attribute, "", actor=actor, expected=value)
    for attribute in transfer.created_attributes:
        if session.scalar(select(AttributeValue.case_id).join(Attribute).where(Attribute.name == attribute).limit(1)):
            continue  # someone gave it values since: keep it
        cases.delete_attribute(session, attribute, actor=actor)
    for document, case in transfer.attached:
        cases.expect_document_case(session, document, case)
        cases.detach_document(session, case, document, actor=actor)
    for case in transfer.created_cases:
        if not _holds_anything(session, cases.find_case(session, case)):  # else someone has used it since: keep it
            cases.delete_case(session, case, actor=actor)
    record(session, actor, "undo-metadata-to-attributes", "project", None, transfer.to_dict(), None)
    return transfer.changes


def _holds_anything(session: Session, case: Case) -> bool:
    documents = select(Document.id).where(Document.case_id == case.id).limit(1)
    values = select(AttributeValue.case_id).where(AttributeValue.case_id == case.id).limit(1)
    return session.scalar(documents) is not None or session.scalar(values) is not None


__all__ = [
    "MetadataItem",
    "MetadataTransfer",
    "document_metadata",
    "metadata_by_document",
    "metadata_to_attributes",
    "undo_metadata_to_attributes",
]
