"""Edits of the codebook: add, rename, update, move, merge and delete codes, each audited.

Every write validates all of its input before touching the session, so a refusal leaves the project unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from coding import versions
from coding.audit import record
from coding.changes import Changes
from coding.codebook.fields import EXPORT_FIELDS, _clean_fields, _clean_uuid
from coding.codebook.tree import _children_map, _get_code, _rows, code_path, descendant_ids
from coding.conflicts import quoted
from coding.errors import ConflictError, DuplicateError, ValidationError
from coding.names import clean_name
from coding.quick_slots import give_next_free_slot, release_slot
from models import Code, Coding, ConsensusDecision, MatrixCellSummary, Memo, new_uuid
from coding.i18n import translate

DEFAULT_COLOUR = "#9e9e9e"
# A few distinct hues for new top-level codes; children start with their parent's colour.
_TOP_LEVEL_PALETTE = ("#1e88e5", "#fb8c00", "#43a047", "#8e24aa", "#00897b", "#e53935", "#6d4c41", "#3949ab")


# -- checks ---------------------------------------------------------------------------------------


def _place(session: Session, parent_id: int | None) -> str:
    """Where a code sits, for a message: "at the top level" or "under 'A/B'"."""
    if parent_id is None:
        return translate("errors", "at the top level")
    return translate("errors", "under '{path}'").format(path=code_path(session, parent_id))


def _check_sibling_name(session: Session, parent_id: int | None, name: str, exclude_id: int | None = None) -> None:
    siblings = select(Code.id, Code.name).where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    )
    for sibling_id, sibling_name in session.execute(siblings):
        if sibling_id != exclude_id and sibling_name.casefold() == name.casefold():
            where = _place(session, parent_id)
            raise DuplicateError(translate(
                "errors", "a code named '{sibling_name}' already exists {where}").format(
                sibling_name=sibling_name, where=where))


def _check_shortcut(session: Session, shortcut: str, exclude_id: int | None = None) -> None:
    if not shortcut:
        return
    for code_id, taken in session.execute(select(Code.id, Code.shortcut).where(Code.shortcut != "")):
        if code_id != exclude_id and taken.casefold() == shortcut.casefold():
            raise DuplicateError(translate(
                "errors", "shortcut '{shortcut}' is already used by '{value}'").format(
                shortcut=shortcut, value=code_path(session, code_id)))


# -- audit helpers and positions ------------------------------------------------------------------


def _snapshot(session: Session, code: Code) -> dict[str, Any]:
    """The values an audit event keeps for one code."""
    parent_uuid = session.scalar(select(Code.uuid).where(Code.id == code.parent_id)) if code.parent_id else None
    values = {key: getattr(code, key) for key in EXPORT_FIELDS}
    values.update(parent_uuid=parent_uuid, position=code.position)
    return values


def _changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _sibling_ids(session: Session, parent_id: int | None, exclude_id: int | None = None) -> list[int]:
    query = select(Code.id).where(Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id)
    ids = session.scalars(query.order_by(Code.position, Code.id)).all()
    return [i for i in ids if i != exclude_id]


def _renumber(session: Session, ordered_ids: Iterable[int]) -> None:
    """Give siblings the positions 0, 1, 2 … in the order given (positions stay contiguous)."""
    for position, code_id in enumerate(ordered_ids):
        code = session.get(Code, code_id)
        assert code is not None
        if code.position != position:
            code.position = position


def _default_colour(session: Session, parent_id: int | None) -> str:
    if parent_id is not None:
        return session.scalar(select(Code.colour).where(Code.id == parent_id)) or DEFAULT_COLOUR
    roots = session.scalar(select(func.count(Code.id)).where(Code.parent_id.is_(None))) or 0
    return _TOP_LEVEL_PALETTE[roots % len(_TOP_LEVEL_PALETTE)]


# -- edits ----------------------------------------------------------------------------------------


def add_code(session: Session, name: str, parent_id: int | None = None, *, actor: str, **fields: Any) -> Code:
    """Add a code under ``parent_id`` (top level if None), last among its siblings.

    ``fields`` may hold any of :data:`EDITABLE_FIELDS`, plus ``uuid`` (to keep an identity from a file)
    and ``position`` (0-based place among the siblings).
    """
    given_uuid = fields.pop("uuid", None)
    code_uuid = _clean_uuid(given_uuid) if given_uuid else new_uuid()
    position = fields.pop("position", None)
    cleaned_name = clean_name(name, translate("names", "code name"))
    values = _clean_fields(fields)
    if parent_id is not None:
        _get_code(session, parent_id)
    _check_sibling_name(session, parent_id, cleaned_name)
    _check_shortcut(session, values.get("shortcut", ""))
    if session.scalar(select(Code.id).where(Code.uuid == code_uuid)) is not None:
        raise DuplicateError(translate(
            "errors", "a code with uuid {code_uuid} already exists").format(code_uuid=code_uuid))
    siblings = _sibling_ids(session, parent_id)
    position = _clean_position(position, len(siblings))
    values.setdefault("colour", _default_colour(session, parent_id))

    code = Code(uuid=code_uuid, name=cleaned_name, parent_id=parent_id, position=len(siblings), **values)
    session.add(code)
    session.flush()
    siblings.insert(position, code.id)
    _renumber(session, siblings)
    session.flush()
    record(session, actor, "add", "code", code.uuid, None, _snapshot(session, code))
    give_next_free_slot(session, code)  # a new code never moves another code's number key
    return code


def _clean_position(position: object, sibling_count: int) -> int:
    """A 0-based place among ``sibling_count`` siblings; None means last."""
    if position is None:
        return sibling_count
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        raise ValidationError(translate(
            "errors", "position {position!r} must be a whole number from 0").format(position=position))
    return min(position, sibling_count)


def rename_code(session: Session, code_id: int, new_name: str, *, actor: str) -> Code:
    return update_code(session, code_id, actor=actor, name=new_name)


def update_code(
    session: Session, code_id: int, *, actor: str, expected: Mapping[str, Any] | None = None,
    expected_version: int | None = None, **fields: Any,
) -> Code:
    """Change a code's name and/or any of :data:`EDITABLE_FIELDS`; nothing changes if one is invalid.

    With ``expected`` (field -> value, as undo/redo left them), only if the code still has those values; with
    ``expected_version`` (the version the editor read), only if nobody changed the code since
    (``StaleEditError``, :mod:`coding.versions`).
    """
    code = _get_code(session, code_id)
    versions.expect_version(session, "code", code.uuid, code.name, code.version, expected_version)
    if expected is not None:
        _refuse_if_fields_changed(code, expected)
    new_name = clean_name(fields.pop("name"), translate("names", "code name")) if "name" in fields else None
    values = _clean_fields(fields)
    if new_name is not None:
        _check_sibling_name(session, code.parent_id, new_name, exclude_id=code.id)
        values["name"] = new_name
    if "shortcut" in values:
        _check_shortcut(session, values["shortcut"], exclude_id=code.id)
    before = _snapshot(session, code)
    for key, value in values.items():
        setattr(code, key, value)
    with versions.guard(session, "code", code.uuid, before["name"]):
        session.flush()
    old, new = _changed(before, _snapshot(session, code))
    if new:
        record(session, actor, "rename" if set(new) == {"name"} else "update", "code", code.uuid, old, new)
    return code


def move_code(
    session: Session, code_id: int, new_parent_id: int | None, position: int | None = None, *, actor: str,
    expected: CodePlace | None = None,
) -> Code:
    """Move a code (with its subtree) under ``new_parent_id`` at ``position`` (last if None).

    With ``expected`` (parent uuid, position), only if the code is still at that place.
    """
    code = _get_code(session, code_id)
    if expected is not None:
        _refuse_if_moved(session, code, expected)
    if new_parent_id is not None:
        _get_code(session, new_parent_id)
        if new_parent_id == code.id or new_parent_id in descendant_ids(session, code.id):
            raise ValidationError(
                translate(
                    "errors", "cannot move '{value}' under itself or one of its own subcodes").format(
                    value=code_path(session, code.id))
            )
    if new_parent_id != code.parent_id:
        _check_sibling_name(session, new_parent_id, code.name, exclude_id=code.id)
    new_siblings = _sibling_ids(session, new_parent_id, exclude_id=code.id)
    place = _clean_position(position, len(new_siblings))
    before = _snapshot(session, code)
    before["path"] = code_path(session, code.id)
    old_parent_id = code.parent_id

    code.parent_id = new_parent_id
    session.flush()
    if old_parent_id != new_parent_id:
        _renumber(session, _sibling_ids(session, old_parent_id, exclude_id=code.id))
    new_siblings.insert(place, code.id)
    _renumber(session, new_siblings)
    session.flush()
    after = _snapshot(session, code)
    after["path"] = code_path(session, code.id)
    old, new = _changed(before, after)
    if new:
        record(session, actor, "move", "code", code.uuid, old, new)
    return code


# -- compare-and-set: what undo and redo expect to find -------------------------------------------

CodePlace = tuple[str | None, int]
"""Where a code sits: its parent's uuid (None at the top level) and its 0-based place among siblings."""


def code_place(session: Session, code: Code) -> CodePlace:
    parent_uuid = session.scalar(select(Code.uuid).where(Code.id == code.parent_id)) if code.parent_id else None
    return parent_uuid, code.position


def _refuse_if_fields_changed(code: Code, expected: Mapping[str, Any]) -> None:
    for key, value in expected.items():
        now = getattr(code, key)
        if now == value:
            continue
        if key == "name":
            raise ConflictError(translate(
                "errors", "code '{value}' was renamed since (now {value2})").format(value=value, value2=quoted(now)))
        shown = quoted(now) if isinstance(now, str) else repr(now)
        raise ConflictError(translate(
            "errors", "code '{name}' was changed since (its {value} is now {shown})").format(
            name=code.name, value=key.replace('_', ' '), shown=shown))


def expect_code_place(session: Session, code_id: int, expected: CodePlace) -> None:
    """Refuse (``ConflictError``) unless the code is still at ``expected`` (parent uuid, position)."""
    _refuse_if_moved(session, _get_code(session, code_id), expected)


def _refuse_if_moved(session: Session, code: Code, expected: CodePlace) -> None:
    parent_uuid, position = code_place(session, code)
    if (parent_uuid, position) != tuple(expected):
        where = _place(session, code.parent_id)
        raise ConflictError(translate(
            "errors", "code '{name}' was moved since (now {where}, place {value})").format(
            name=code.name, where=where, value=position + 1))


def merge_codes(session: Session, source_id: int, target_id: int, *, actor: str) -> Changes:
    """Merge ``source`` into ``target``: its codings, subcodes and notes move over, then it is deleted.

    A subcode whose name the target already uses is merged into that namesake in turn.
    """
    source = _get_code(session, source_id)
    target = _get_code(session, target_id)
    if source.id == target.id:
        raise ValidationError(translate(
            "errors", "cannot merge '{value}' into itself").format(value=code_path(session, source.id)))
    if target.id in descendant_ids(session, source.id):
        raise ValidationError(
            translate(
                "errors", "cannot merge '{value}' into its own subcode '{value2}'").format(
                value=code_path(session, source.id), value2=code_path(session, target.id))
        )
    _check_merge_targets_codable(session, source.id, target.id)
    _merge_into(session, source, target, actor)
    return Changes(codes=True, codings=True, consensus=True, matrix=True, memos=True)


def _merge_pairs(session: Session, source_id: int, target_id: int) -> list[tuple[int, int]]:
    """(source, target) for the merge itself and for every subcode that will merge into a namesake."""
    rows = _rows(session)
    children = _children_map(rows)
    pairs = [(source_id, target_id)]
    for source_child in children.get(source_id, []):
        for target_child in children.get(target_id, []):
            if target_child != source_id and rows[source_child].name.casefold() == rows[target_child].name.casefold():
                pairs.extend(_merge_pairs(session, source_child, target_child))
    return pairs


def _check_merge_targets_codable(session: Session, source_id: int, target_id: int) -> None:
    """Codings may not land on a code marked not codable (a category heading)."""
    for source, target in _merge_pairs(session, source_id, target_id):
        if session.scalar(select(Code.is_codable).where(Code.id == target)):
            continue
        count = session.scalar(select(func.count(Coding.id)).where(Coding.code_id == source)) or 0
        if count:
            raise ValidationError(
                translate(
                    "errors", "cannot merge '{value}' into '{value2}': {count} coding(s) would move to a code marked "
                    "not codable; make it codable first").format(
                    value=code_path(session, source), value2=code_path(session, target), count=count)
            )


def _merge_into(session: Session, source: Code, target: Code, actor: str) -> None:
    before = _snapshot(session, source)
    before["path"] = code_path(session, source.id)
    moving = session.execute(update(Coding).where(Coding.code_id == source.id).values(code_id=target.id))
    moved = moving.rowcount if isinstance(moving, CursorResult) else None
    session.execute(
        update(ConsensusDecision).where(ConsensusDecision.code_id == source.id).values(code_id=target.id)
    )
    session.execute(
        update(Memo)
        .where(Memo.target_kind == "code", Memo.target_uuid == source.uuid)
        .values(target_uuid=target.uuid)
    )
    _merge_matrix_cells(session, source.uuid, target.uuid)

    parent_id = source.parent_id
    source.parent_id = None  # out of the tree while its subcodes move: it must not count as their namesake
    session.flush()
    target_children = {
        child.name.casefold(): child
        for child in session.scalars(select(Code).where(Code.parent_id == target.id))
    }
    for child_id in _sibling_ids(session, source.id):
        child = _get_code(session, child_id)
        namesake = target_children.get(child.name.casefold())
        if namesake is not None:
            _merge_into(session, child, namesake, actor)
        else:
            move_code(session, child.id, target.id, actor=actor)

    session.delete(source)
    session.flush()
    release_slot(session, before["uuid"])
    _renumber(session, _sibling_ids(session, parent_id))
    session.flush()
    after = {"merged_into": target.uuid, "path": code_path(session, target.id), "codings_moved": moved}
    record(session, actor, "merge", "code", before["uuid"], before, after)


def _merge_matrix_cells(session: Session, source_uuid: str, target_uuid: str) -> None:
    """Move the source's matrix summaries; where the target has the same cell, append the text."""
    target_cells = {
        cell.column_key: cell
        for cell in session.scalars(select(MatrixCellSummary).where(MatrixCellSummary.code_uuid == target_uuid))
    }
    for cell in session.scalars(select(MatrixCellSummary).where(MatrixCellSummary.code_uuid == source_uuid)).all():
        existing = target_cells.get(cell.column_key)
        if existing is None:
            cell.code_uuid = target_uuid
        else:
            existing.text = "\n\n".join(t for t in (existing.text, cell.text) if t.strip())
            session.delete(cell)
    session.flush()


def delete_refusal(session: Session, code_id: int) -> str | None:
    """Why the code cannot be deleted (codings, subcodes or consensus decisions), or None when it can.

    Asked before any confirmation, so the user is not asked to confirm a deletion that is then refused."""
    code = _get_code(session, code_id)
    path = code_path(session, code.id)
    codings = session.scalar(select(func.count(Coding.id)).where(Coding.code_id == code.id)) or 0
    if codings:
        return translate("errors", "cannot delete '{path}': it has %Ln coding(s); merge it into another code or remove "
                         "them first", None, codings).format(path=path)
    children = session.scalar(select(func.count(Code.id)).where(Code.parent_id == code.id)) or 0
    if children:
        return translate("errors", "cannot delete '{path}': it has %Ln subcode(s); move or delete them first", None,
                         children).format(path=path)
    decisions = session.scalar(
        select(func.count(ConsensusDecision.id)).where(ConsensusDecision.code_id == code.id)
    ) or 0
    if decisions:
        return translate("errors", "cannot delete '{path}': %Ln consensus decision(s) refers (refer) to it", None,
                         decisions).format(path=path)
    return None


def delete_code(session: Session, code_id: int, *, actor: str) -> Changes:
    """Delete a code that has no codings, no subcodes and no consensus decisions."""
    refusal = delete_refusal(session, code_id)
    if refusal is not None:
        raise ValidationError(refusal)
    code = _get_code(session, code_id)
    path = code_path(session, code.id)
    before = _snapshot(session, code)
    before["path"] = path
    memos = session.scalars(select(Memo).where(Memo.target_kind == "code", Memo.target_uuid == code.uuid)).all()
    before["memos"] = [{"uuid": m.uuid, "title": m.title, "text": m.text} for m in memos]
    for memo in memos:
        session.delete(memo)
    parent_id = code.parent_id
    session.delete(code)
    session.flush()
    release_slot(session, before["uuid"])
    _renumber(session, _sibling_ids(session, parent_id))
    session.flush()
    record(session, actor, "delete", "code", before["uuid"], before, None)
    return Changes(codes=True, memos=bool(memos))
