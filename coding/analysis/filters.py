"""Which codings an analysis looks at: codes, coders (or the consensus), documents, cases, groups, attributes.

A :class:`SegmentFilter` holds ids only; :func:`resolve_filter` turns what a user typed (code paths,
coder names, ``role=Doctor``) into one, with a clear error for anything unknown. The filter becomes
one SQL ``WHERE`` fragment over ``codings`` (alias ``c``): document-level conditions (case,
attribute, group) are resolved first to the set of documents they allow, which is small even at
5,500 transcripts, so the big ``codings`` query never joins the attribute tables.

Rules of ``--where``: ``name=value`` keeps cases whose attribute has that value, ``name!=value``
keeps the others (including cases with no value and documents with no case). Values match ignoring
case. Conditions on *different* attributes must all hold; repeated conditions on the *same*
attribute: the ``=`` values are alternatives (``role=Doctor --where role=Nurse`` keeps doctors and
nurses) and each ``!=`` value is taken away (``mode!=A --where mode!=B`` keeps neither A nor B).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.analysis.sql import raw_connection
from coding.codebook import CodeTree
from coding.errors import NotFoundError, ValidationError
from coding.i18n import translate
from models import Attribute, AttributeValue, Case, Coder, Document, DocumentGroup, DocumentGroupMember


@dataclass(frozen=True)
class AttributeCondition:
    attribute: str
    value: str
    negate: bool = False

    def __str__(self) -> str:
        return f"{self.attribute}{'!=' if self.negate else '='}{self.value}"


def parse_where(text: str) -> AttributeCondition:
    """``"role=Doctor"`` or ``"role!=Doctor"`` -> a condition (spaces around the names are ignored)."""
    negate = "!=" in text
    name, sep, value = text.partition("!=" if negate else "=")
    if not sep or not name.strip() or not value.strip():
        raise ValidationError(translate(
            "errors", "--where '{text}': expected ATTRIBUTE=VALUE or ATTRIBUTE!=VALUE, e.g. role=Doctor").format(
            text=text))
    return AttributeCondition(name.strip(), value.strip(), negate)


@dataclass(frozen=True)
class SegmentFilter:
    """Codings to include. ``None`` means "no restriction" for each id list.

    ``consensus``: True keeps only consensus coders' codings, False only people's, None both.
    ``pooled``: count a passage several coders coded once (merged; see :mod:`coding.analysis.pooling`)
    rather than once per coding as stored — the app and the CLI pool unless asked for per-coder counts;
    ``all_coders``: the user chose every coder on purpose, so no default coder replaces the choice.
    """

    code_ids: tuple[int, ...] | None = None
    coder_ids: tuple[int, ...] | None = None
    consensus: bool | None = None
    document_ids: tuple[int, ...] | None = None
    case_ids: tuple[int, ...] | None = None
    group_ids: tuple[int, ...] | None = None
    where: tuple[AttributeCondition, ...] = field(default_factory=tuple)
    pooled: bool = False
    all_coders: bool = False

    def with_codes(self, code_ids: Iterable[int]) -> SegmentFilter:
        return replace(self, code_ids=tuple(code_ids))

    @property
    def restricts_documents(self) -> bool:
        return any(v is not None for v in (self.document_ids, self.case_ids, self.group_ids)) or bool(self.where)


# -- resolving names ----------------------------------------------------------------------------


def _attribute_values(session: Session, name: str) -> tuple[int, list[str]]:
    attribute = session.execute(select(Attribute.id, Attribute.name).where(Attribute.name == name)).first()
    if attribute is None:
        folded = name.casefold()
        attributes = session.execute(select(Attribute.id, Attribute.name).order_by(Attribute.position)).all()
        attribute = next((a for a in attributes if a.name.casefold() == folded), None)
        if attribute is None:
            known = ", ".join(a.name for a in attributes) or translate("names", "none yet")
            raise NotFoundError(translate(
                "errors", "no case attribute '{name}' (attributes: {known})").format(name=name, known=known))
    values = session.scalars(
        select(AttributeValue.value).where(AttributeValue.attribute_id == attribute.id).distinct()
    ).all()
    return attribute.id, sorted(values)


def find_attribute(session: Session, name: str) -> tuple[int, str]:
    """(id, stored name) of a case attribute, matched exactly or ignoring case."""
    attribute_id, _ = _attribute_values(session, name)
    stored = session.scalar(select(Attribute.name).where(Attribute.id == attribute_id))
    assert stored is not None
    return attribute_id, stored


def match_attribute_value(session: Session, name: str, value: str) -> tuple[int, str]:
    """(attribute id, the stored value) for a value typed in any case; unknown values are refused."""
    attribute_id, values = _attribute_values(session, name)
    if value in values:
        return attribute_id, value
    folded = value.casefold()
    for stored in values:
        if stored.casefold() == folded:
            return attribute_id, stored
    listed = (", ".join(values[:12]) + (" …" if len(values) > 12 else "") if values
              else translate("names", "no values yet"))
    raise NotFoundError(translate(
        "errors", "no case has {name}={value} (values of {name}: {listed})").format(
        name=name, value=value, listed=listed))


def _ids_by_name(
    session: Session, model: type[Case] | type[DocumentGroup], names: Sequence[str], what: str
) -> tuple[int, ...]:
    rows = dict(session.execute(select(model.name, model.id)).all())
    folded = {name.casefold(): ident for name, ident in rows.items()}
    ids = []
    for name in names:
        ident = rows.get(name, folded.get(name.strip().casefold()))
        if ident is None:
            known = (", ".join(sorted(rows)[:10]) + (" …" if len(rows) > 10 else "") if rows
                     else translate("names", "none yet"))
            raise NotFoundError(translate(
                "errors", "no {what} '{name}' ({what}s: {known})").format(what=what, name=name, known=known))
        ids.append(ident)
    return tuple(ids)


def resolve_filter(
    session: Session,
    *,
    codes: Sequence[str] = (),
    descendants: bool = False,
    coders: Sequence[str] = (),
    consensus: bool | None = None,
    documents: Sequence[str] = (),
    cases: Sequence[str] = (),
    groups: Sequence[str] = (),
    where: Sequence[str] = (),
    tree: CodeTree | None = None,
    pooled: bool = False,
    all_coders: bool = False,
) -> SegmentFilter:
    """A filter from names as the user typed them; unknown names raise NotFoundError naming them."""
    from coding.codebook import find_code
    from coding.coders import find_coder
    from coding.documents import find_document

    code_ids: tuple[int, ...] | None = None
    if codes:
        tree = tree or CodeTree.load(session)
        found: list[int] = []
        for path in codes:
            code_id = find_code(session, path).id
            for member in tree.subtree(code_id) if descendants else [code_id]:
                if member not in found:
                    found.append(member)
        code_ids = tuple(found)
    conditions = tuple(parse_where(text) for text in where)
    for condition in conditions:
        match_attribute_value(session, condition.attribute, condition.value)  # refuse typos early
    return SegmentFilter(
        code_ids=code_ids,
        coder_ids=tuple(find_coder(session, name).id for name in coders) if coders else None,
        consensus=consensus,
        document_ids=tuple(find_document(session, name).id for name in documents) if documents else None,
        case_ids=_ids_by_name(session, Case, cases, translate("names", "case")) if cases else None,
        group_ids=(_ids_by_name(session, DocumentGroup, groups, translate("names", "document group"))
                   if groups else None),
        where=conditions,
        pooled=pooled,
        all_coders=all_coders,
    )


# -- to SQL -------------------------------------------------------------------------------------


def allowed_documents(session: Session, flt: SegmentFilter) -> set[int] | None:
    """Ids of documents the filter allows, or None when it does not restrict documents."""
    if not flt.restricts_documents:
        return None
    rows = session.execute(select(Document.id, Document.case_id)).all()
    allowed = {doc_id for doc_id, _ in rows}
    case_of = dict(rows)
    if flt.document_ids is not None:
        allowed &= set(flt.document_ids)
    if flt.case_ids is not None:
        chosen_cases = set(flt.case_ids)
        allowed = {d for d in allowed if case_of[d] in chosen_cases}
    if flt.group_ids is not None:
        members = set(
            session.scalars(
                select(DocumentGroupMember.document_id).where(DocumentGroupMember.group_id.in_(flt.group_ids))
            )
        )
        allowed &= members
    for cases in _cases_per_attribute(session, flt.where):
        allowed = {d for d in allowed if case_of[d] in cases}
    return allowed


def _cases_per_attribute(session: Session, conditions: Sequence[AttributeCondition]) -> list[set[int | None]]:
    """For each attribute named, the cases its conditions keep (values compared ignoring case)."""
    grouped: dict[int, list[tuple[str, bool]]] = {}
    for condition in conditions:
        attribute_id, value = match_attribute_value(session, condition.attribute, condition.value)
        grouped.setdefault(attribute_id, []).append((value, condition.negate))
    kept: list[set[int | None]] = []
    if not grouped:
        return kept
    all_cases: set[int | None] = {None, *session.scalars(select(Case.id))}
    for attribute_id, wanted in grouped.items():
        values = dict(
            session.execute(
                select(AttributeValue.case_id, AttributeValue.value).where(AttributeValue.attribute_id == attribute_id)
            ).all()
        )
        # "=" conditions on one attribute are alternatives; every "!=" then takes its value away.
        folded = {case: v.casefold() for case, v in values.items()}
        included = {value.casefold() for value, negate in wanted if not negate}
        excluded = {value.casefold() for value, negate in wanted if negate}
        cases: set[int | None] = {case for case, v in folded.items() if v in included} if included else set(all_cases)
        cases -= {case for case, v in folded.items() if v in excluded}
        kept.append(cases)
    return kept


def _int_list(ids: Iterable[int]) -> str:
    return ",".join(str(int(i)) for i in ids) or "NULL"


def filter_sql(
    session: Session, flt: SegmentFilter, alias: str = "c", *, scan: bool = False
) -> tuple[str, list[object]]:
    """``(where_sql, params)`` over ``codings AS alias``; ``where_sql`` is "1=1" when nothing is filtered.

    Ids are validated integers written into the SQL so SQLite's planner sees the code list and uses
    the code index; the (possibly long) document list travels as one JSON parameter. ``scan=True``
    hides the code column from the planner (``+code_id``): when the codes cover much of the table,
    one sequential scan beats hundreds of thousands of index look-ups.
    """
    parts: list[str] = []
    params: list[object] = []
    if flt.code_ids is not None:
        parts.append(f"{'+' if scan else ''}{alias}.code_id IN ({_int_list(flt.code_ids)})")
    coder_ids = _coder_ids(session, flt)
    if coder_ids is not None:
        parts.append(f"{alias}.coder_id IN ({_int_list(coder_ids)})")
    documents = allowed_documents(session, flt)
    if documents is not None:
        parts.append(f"{alias}.document_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(documents)))
    return (" AND ".join(parts) or "1=1"), params


def coder_ids_of(session: Session, flt: SegmentFilter) -> set[int] | None:
    """Ids of the coders whose codings ``flt`` keeps (None: every coder)."""
    return _coder_ids(session, flt)


def _coder_ids(session: Session, flt: SegmentFilter) -> set[int] | None:
    ids = set(flt.coder_ids) if flt.coder_ids is not None else None
    if flt.consensus is not None:
        kind = set(session.scalars(select(Coder.id).where(Coder.is_consensus == flt.consensus)))
        ids = kind if ids is None else ids & kind
    return ids


def describe_filter(session: Session, flt: SegmentFilter, tree: CodeTree | None = None) -> str:
    """A short human description ("code …; coders Lin, Wang; role=Doctor") for export headers."""
    parts: list[str] = []
    if flt.code_ids is not None:
        tree = tree or CodeTree.load(session)
        names: Sequence[str] = [tree.path(i) for i in flt.code_ids if i in tree.codes]
        parts.append(translate("filters", "codes {codes}").format(codes="; ".join(names[:5]))
                     + (" …" if len(names) > 5 else ""))
    if flt.coder_ids is not None:
        names = session.scalars(select(Coder.name).where(Coder.id.in_(flt.coder_ids)).order_by(Coder.name)).all()
        parts.append(translate("filters", "coders {coders}").format(coders=", ".join(names)))
    if flt.consensus is True:
        parts.append(translate("filters", "consensus coding only"))
    elif flt.consensus is False:
        parts.append(translate("filters", "individual coders only"))
    if flt.case_ids is not None:
        names = session.scalars(select(Case.name).where(Case.id.in_(flt.case_ids)).order_by(Case.name)).all()
        parts.append(translate("filters", "cases {cases}").format(cases=", ".join(names)))
    if flt.document_ids is not None:
        parts.append(translate("filters", "{count} chosen document(s)").format(count=len(flt.document_ids)))
    if flt.group_ids is not None:
        names = session.scalars(select(DocumentGroup.name).where(DocumentGroup.id.in_(flt.group_ids))).all()
        parts.append(translate("filters", "groups {groups}").format(groups=", ".join(names)))
    parts.extend(str(condition) for condition in flt.where)
    return "; ".join(parts) or translate("filters", "all codings")


__all__ = [
    "AttributeCondition",
    "SegmentFilter",
    "allowed_documents",
    "coder_ids_of",
    "describe_filter",
    "filter_sql",
    "find_attribute",
    "match_attribute_value",
    "parse_where",
    "raw_connection",
    "resolve_filter",
]
