"""The codebook: a tree of codes, its built-in Preker-Harding default, edits, merges and JSON exchange.

A code's level is its depth (1 = top). Names are not identities (the built-in codebook has two
"Social functions"), so codes are addressed by id, uuid or a path of names ("A/B/C", or any
unambiguous suffix of it). Every write validates all of its input before touching the session, so
a refusal leaves the project unchanged, and records an audit event with the values before and after.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import NOTHING, Changes
from coding.conflicts import quoted
from coding.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.names import MAX_NAME, clean_name
from coding.numbers import plural
from coding.quick_slots import give_next_free_slot, release_slot
from models import Code, Coding, ConsensusDecision, MatrixCellSummary, Memo, new_uuid

CODEBOOK_FORMAT = "concord-codebook"
CODEBOOK_VERSION = 1
BUILTIN_RESOURCE = ("codebook", "preker_harding.json")
MAX_SHORTCUT = 32
PATH_SEPARATOR = "/"
DEFAULT_COLOUR = "#9e9e9e"

TEXT_FIELDS = ("name_zh", "definition", "definition_zh", "include_rule", "exclude_rule", "example")
# Everything a user may edit besides the name and the place in the tree.
EDITABLE_FIELDS = (*TEXT_FIELDS, "colour", "shortcut", "is_codable")
# What one code looks like in an exported file, in this order.
EXPORT_FIELDS = ("uuid", "name", *EDITABLE_FIELDS)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# A few distinct hues for new top-level codes; children start with their parent's colour.
_TOP_LEVEL_PALETTE = ("#1e88e5", "#fb8c00", "#43a047", "#8e24aa", "#00897b", "#e53935", "#6d4c41", "#3949ab")


@dataclass(frozen=True)
class CodeNode:
    """One code of :func:`codebook_tree`, with its children in position order."""

    id: int
    uuid: str
    parent_id: int | None
    position: int
    level: int
    path: str
    name: str
    name_zh: str
    definition: str
    definition_zh: str
    include_rule: str
    exclude_rule: str
    example: str
    colour: str
    shortcut: str
    is_codable: bool
    children: tuple[CodeNode, ...] = ()


# -- reading the tree -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    id: int
    parent_id: int | None
    position: int
    name: str
    uuid: str


def _rows(session: Session) -> dict[int, _Row]:
    """The tree's skeleton in one query; every walk below works on this in Python."""
    result = session.execute(select(Code.id, Code.parent_id, Code.position, Code.name, Code.uuid))
    return {r.id: _Row(r.id, r.parent_id, r.position, r.name, r.uuid) for r in result}


def _children_map(rows: Mapping[int, _Row]) -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for row in sorted(rows.values(), key=lambda r: (r.position, r.id)):
        children.setdefault(row.parent_id, []).append(row.id)
    return children


def _ancestry(rows: Mapping[int, _Row], code_id: int) -> list[int]:
    """Ids from the root down to ``code_id``."""
    chain: list[int] = []
    current: int | None = code_id
    while current is not None:
        if current in chain:  # a cycle can only come from a corrupted file; do not loop forever
            raise ValidationError(f"the codebook has a cycle at code id {current}")
        chain.append(current)
        current = rows[current].parent_id
    return chain[::-1]


def code_levels(session: Session) -> dict[int, int]:
    """Code id -> depth (1 = top level)."""
    rows = _rows(session)
    levels: dict[int, int] = {}
    for code_id in rows:
        levels[code_id] = len(_ancestry(rows, code_id))
    return levels


def _path_names(rows: Mapping[int, _Row], code_id: int) -> list[str]:
    return [rows[i].name for i in _ancestry(rows, code_id)]


def code_paths(session: Session) -> dict[int, str]:
    """Code id -> "Level1/Level2/Level3" path of names."""
    rows = _rows(session)
    return {code_id: PATH_SEPARATOR.join(_path_names(rows, code_id)) for code_id in rows}


def code_path(session: Session, code_id: int) -> str:
    rows = _rows(session)
    if code_id not in rows:
        raise NotFoundError(f"no code with id {code_id}")
    return PATH_SEPARATOR.join(_path_names(rows, code_id))


def descendant_ids(session: Session, code_id: int) -> set[int]:
    """Ids of every code below ``code_id`` (not itself)."""
    return _descendants(_children_map(_rows(session)), code_id)


def _descendants(children: Mapping[int | None, list[int]], code_id: int) -> set[int]:
    found: set[int] = set()
    stack = list(children.get(code_id, []))
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children.get(current, []))
    return found


def codebook_tree(session: Session) -> list[CodeNode]:
    """The whole codebook as frozen nodes, siblings ordered by position."""
    codes = {code.id: code for code in session.scalars(select(Code))}
    rows = {c.id: _Row(c.id, c.parent_id, c.position, c.name, c.uuid) for c in codes.values()}
    children = _children_map(rows)

    def build(code_id: int, level: int, parent_path: str) -> CodeNode:
        code = codes[code_id]
        path = f"{parent_path}{PATH_SEPARATOR}{code.name}" if parent_path else code.name
        return CodeNode(
            id=code.id,
            uuid=code.uuid,
            parent_id=code.parent_id,
            position=code.position,
            level=level,
            path=path,
            name=code.name,
            name_zh=code.name_zh,
            definition=code.definition,
            definition_zh=code.definition_zh,
            include_rule=code.include_rule,
            exclude_rule=code.exclude_rule,
            example=code.example,
            colour=code.colour,
            shortcut=code.shortcut,
            is_codable=code.is_codable,
            children=tuple(build(child, level + 1, path) for child in children.get(code_id, [])),
        )

    return [build(root, 1, "") for root in children.get(None, [])]


def _normalise_path(text: str) -> str:
    return PATH_SEPARATOR.join(part.strip() for part in text.split(PATH_SEPARATOR)).casefold()


def find_code(session: Session, path: str) -> Code:
    """The code at a path of names, an unambiguous suffix of one, a bare unique name, or a uuid.

    Matching ignores case and spaces around "/". A leading "/" asks for a full path from the top.
    """
    query = path.strip()
    if not query:
        raise NotFoundError("no code given (expected a code path such as 'Decision rights/Owner functions')")
    by_uuid = session.scalar(select(Code).where(Code.uuid == query))
    if by_uuid is not None:
        return by_uuid
    rows = _rows(session)
    anchored = query.startswith(PATH_SEPARATOR)
    wanted = _normalise_path(query.lstrip(PATH_SEPARATOR))
    matches: list[int] = []
    for code_id in rows:
        names = _path_names(rows, code_id)
        suffixes = [names] if anchored else [names[i:] for i in range(len(names))]
        if any(_normalise_path(PATH_SEPARATOR.join(s)) == wanted for s in suffixes):
            matches.append(code_id)
    if len(matches) == 1:
        found = session.get(Code, matches[0])
        assert found is not None
        return found
    if matches:
        candidates = sorted(PATH_SEPARATOR.join(_path_names(rows, i)) for i in matches)
        listed = "; ".join(f"'{c}'" for c in candidates)
        raise NotFoundError(f"code '{query}' is ambiguous: it matches {listed}; give more of the path")
    raise NotFoundError(_unknown_code_message(query, rows))


def _unknown_code_message(query: str, rows: Mapping[int, _Row]) -> str:
    if not rows:
        return f"no code '{query}': the codebook is empty"
    paths = [PATH_SEPARATOR.join(_path_names(rows, i)) for i in rows]
    last = query.rstrip(PATH_SEPARATOR).split(PATH_SEPARATOR)[-1].strip()
    names = sorted({row.name for row in rows.values()})
    close = get_close_matches(last, names, n=3, cutoff=0.6) or get_close_matches(query, paths, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"no code '{query}' in the codebook{hint}"


def _get_code(session: Session, code_id: int) -> Code:
    code = session.get(Code, code_id)
    if code is None:
        raise NotFoundError(f"no code with id {code_id}")
    return code


# -- validation -----------------------------------------------------------------------------------


def _clean_colour(colour: object) -> str:
    if not isinstance(colour, str) or not _COLOUR.match(colour.strip()):
        raise ValidationError(f"colour {colour!r} is not of the form '#rrggbb'")
    return colour.strip().lower()


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Validate editable fields and return them normalised; unknown names are refused."""
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(f"unknown code field(s): {', '.join(unknown)} (known: {', '.join(EDITABLE_FIELDS)})")
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if key in TEXT_FIELDS:
            if not isinstance(value, str):
                raise ValidationError(f"code field '{key}' must be text, not {type(value).__name__}")
            cleaned[key] = value.strip() if key == "name_zh" else value
            if key == "name_zh" and len(cleaned[key]) > MAX_NAME:
                raise ValidationError(f"Chinese name is longer than {MAX_NAME} characters")
        elif key == "colour":
            cleaned[key] = _clean_colour(value)
        elif key == "shortcut":
            if not isinstance(value, str):
                raise ValidationError(f"shortcut must be text, not {type(value).__name__}")
            cleaned[key] = value.strip()
            if len(cleaned[key]) > MAX_SHORTCUT:
                raise ValidationError(f"shortcut '{cleaned[key]}' is longer than {MAX_SHORTCUT} characters")
        elif key == "is_codable":
            if not isinstance(value, bool):
                raise ValidationError(f"is_codable must be true or false, not {value!r}")
            cleaned[key] = value
    return cleaned


def _clean_uuid(value: object) -> str:
    try:
        return str(uuid_module.UUID(str(value)))
    except ValueError:
        raise ValidationError(f"{value!r} is not a valid uuid") from None


def _check_sibling_name(session: Session, parent_id: int | None, name: str, exclude_id: int | None = None) -> None:
    siblings = select(Code.id, Code.name).where(
        Code.parent_id.is_(None) if parent_id is None else Code.parent_id == parent_id
    )
    for sibling_id, sibling_name in session.execute(siblings):
        if sibling_id != exclude_id and sibling_name.casefold() == name.casefold():
            where = "at the top level" if parent_id is None else f"under '{code_path(session, parent_id)}'"
            raise DuplicateError(f"a code named '{sibling_name}' already exists {where}")


def _check_shortcut(session: Session, shortcut: str, exclude_id: int | None = None) -> None:
    if not shortcut:
        return
    for code_id, taken in session.execute(select(Code.id, Code.shortcut).where(Code.shortcut != "")):
        if code_id != exclude_id and taken.casefold() == shortcut.casefold():
            raise DuplicateError(f"shortcut '{shortcut}' is already used by '{code_path(session, code_id)}'")


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
    cleaned_name = clean_name(name, "code name")
    values = _clean_fields(fields)
    if parent_id is not None:
        _get_code(session, parent_id)
    _check_sibling_name(session, parent_id, cleaned_name)
    _check_shortcut(session, values.get("shortcut", ""))
    if session.scalar(select(Code.id).where(Code.uuid == code_uuid)) is not None:
        raise DuplicateError(f"a code with uuid {code_uuid} already exists")
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
        raise ValidationError(f"position {position!r} must be a whole number from 0")
    return min(position, sibling_count)


def rename_code(session: Session, code_id: int, new_name: str, *, actor: str) -> Code:
    return update_code(session, code_id, actor=actor, name=new_name)


def update_code(
    session: Session, code_id: int, *, actor: str, expected: Mapping[str, Any] | None = None, **fields: Any
) -> Code:
    """Change a code's name and/or any of :data:`EDITABLE_FIELDS`; nothing changes if one is invalid.

    With ``expected`` (field -> value, as undo/redo left them), only if the code still has those values.
    """
    code = _get_code(session, code_id)
    if expected is not None:
        _refuse_if_fields_changed(code, expected)
    new_name = clean_name(fields.pop("name"), "code name") if "name" in fields else None
    values = _clean_fields(fields)
    if new_name is not None:
        _check_sibling_name(session, code.parent_id, new_name, exclude_id=code.id)
        values["name"] = new_name
    if "shortcut" in values:
        _check_shortcut(session, values["shortcut"], exclude_id=code.id)
    before = _snapshot(session, code)
    for key, value in values.items():
        setattr(code, key, value)
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
                f"cannot move '{code_path(session, code.id)}' under itself or one of its own subcodes"
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
            raise ConflictError(f"code '{value}' was renamed since (now {quoted(now)})")
        shown = quoted(now) if isinstance(now, str) else repr(now)
        raise ConflictError(f"code '{code.name}' was changed since (its {key.replace('_', ' ')} is now {shown})")


def expect_code_place(session: Session, code_id: int, expected: CodePlace) -> None:
    """Refuse (``ConflictError``) unless the code is still at ``expected`` (parent uuid, position)."""
    _refuse_if_moved(session, _get_code(session, code_id), expected)


def _refuse_if_moved(session: Session, code: Code, expected: CodePlace) -> None:
    parent_uuid, position = code_place(session, code)
    if (parent_uuid, position) != tuple(expected):
        where = f"under '{code_path(session, code.parent_id)}'" if code.parent_id else "at the top level"
        raise ConflictError(f"code '{code.name}' was moved since (now {where}, place {position + 1})")


def merge_codes(session: Session, source_id: int, target_id: int, *, actor: str) -> Changes:
    """Merge ``source`` into ``target``: its codings, subcodes and notes move over, then it is deleted.

    A subcode whose name the target already uses is merged into that namesake in turn.
    """
    source = _get_code(session, source_id)
    target = _get_code(session, target_id)
    if source.id == target.id:
        raise ValidationError(f"cannot merge '{code_path(session, source.id)}' into itself")
    if target.id in descendant_ids(session, source.id):
        raise ValidationError(
            f"cannot merge '{code_path(session, source.id)}' into its own subcode '{code_path(session, target.id)}'"
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
                f"cannot merge '{code_path(session, source)}' into '{code_path(session, target)}': "
                f"{count} coding(s) would move to a code marked not codable; make it codable first"
            )


def _merge_into(session: Session, source: Code, target: Code, actor: str) -> None:
    before = _snapshot(session, source)
    before["path"] = code_path(session, source.id)
    moved = session.execute(update(Coding).where(Coding.code_id == source.id).values(code_id=target.id)).rowcount
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
        return f"cannot delete '{path}': it has {plural(codings, 'coding')}; merge it into another code or remove them first"
    children = session.scalar(select(func.count(Code.id)).where(Code.parent_id == code.id)) or 0
    if children:
        return f"cannot delete '{path}': it has {plural(children, 'subcode')}; move or delete them first"
    decisions = session.scalar(
        select(func.count(ConsensusDecision.id)).where(ConsensusDecision.code_id == code.id)
    ) or 0
    if decisions:
        return f"cannot delete '{path}': {plural(decisions, 'consensus decision')} {'refers' if decisions == 1 else 'refer'} to it"
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


# -- export and import ----------------------------------------------------------------------------


def export_codebook(session: Session) -> dict[str, Any]:
    """The codebook as the JSON-ready dict :func:`import_codebook` reads."""

    def as_dict(node: CodeNode) -> dict[str, Any]:
        entry = {key: getattr(node, key) for key in EXPORT_FIELDS}
        entry["children"] = [as_dict(child) for child in node.children]
        return entry

    return {
        "format": CODEBOOK_FORMAT,
        "version": CODEBOOK_VERSION,
        "codes": [as_dict(node) for node in codebook_tree(session)],
    }


def export_codebook_file(session: Session, path: str | Path) -> Path:
    path = Path(path)
    text = json.dumps(export_codebook(session), ensure_ascii=False, indent=2) + "\n"
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"{path}: cannot write the codebook ({exc.strerror or exc})") from exc
    return path


def builtin_codebook_data() -> dict[str, Any]:
    """The Preker-Harding codebook shipped with Concord (resources/codebook/preker_harding.json)."""
    resource = resources.files("resources")
    for part in BUILTIN_RESOURCE:  # one step at a time: every Traversable supports a single joinpath
        resource = resource.joinpath(part)
    return json.loads(resource.read_text(encoding="utf-8"))


def load_builtin_codebook(session: Session, *, actor: str) -> Changes:
    """Merge the built-in codebook into the project (a new project starts with it)."""
    return import_codebook(session, builtin_codebook_data(), actor=actor)


@dataclass
class _FileCode:
    """One validated code of an import file, with where it sits in the file."""

    where: str  # the file path of names, for messages
    name: str
    values: dict[str, Any]
    uuid: str | None
    parent: _FileCode | None
    children: list[_FileCode]
    match_id: int | None = None


def _parse_codebook(data: object) -> list[_FileCode]:
    """Validate a whole codebook dict; every problem names the code it was found in."""
    if not isinstance(data, dict):
        raise ValidationError("a codebook file must hold a JSON object")
    if data.get("format") != CODEBOOK_FORMAT:
        raise ValidationError(f"not a Concord codebook (expected \"format\": \"{CODEBOOK_FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(f"codebook version {version!r} is not a positive whole number")
    if version > CODEBOOK_VERSION:
        raise ValidationError(
            f"codebook version {version} was written by a newer Concord (this one reads {CODEBOOK_VERSION})"
        )
    codes = data.get("codes")
    if not isinstance(codes, list):
        raise ValidationError("the codebook has no \"codes\" list")
    seen_uuids: dict[str, str] = {}
    seen_shortcuts: dict[str, str] = {}
    return _parse_level(codes, None, seen_uuids, seen_shortcuts)


def _parse_level(
    entries: list[Any], parent: _FileCode | None, seen_uuids: dict[str, str], seen_shortcuts: dict[str, str]
) -> list[_FileCode]:
    parsed: list[_FileCode] = []
    names: dict[str, str] = {}
    prefix = f"{parent.where}{PATH_SEPARATOR}" if parent else ""
    for index, entry in enumerate(entries, start=1):
        place = f"code {index} under '{parent.where}'" if parent else f"top-level code {index}"
        if not isinstance(entry, dict):
            raise ValidationError(f"{place} is not a JSON object")
        try:
            name = clean_name(entry.get("name"), "code name")
            where = prefix + name
            values = _clean_fields({k: entry[k] for k in EDITABLE_FIELDS if k in entry})
        except ValidationError as exc:
            raise ValidationError(f"{place}: {exc}") from None
        if name.casefold() in names:
            raise ValidationError(f"'{where}' appears twice under the same parent")
        names[name.casefold()] = name
        code_uuid = None
        if entry.get("uuid"):
            try:
                code_uuid = _clean_uuid(entry["uuid"])
            except ValidationError as exc:
                raise ValidationError(f"'{where}': {exc}") from None
            if code_uuid in seen_uuids:
                raise ValidationError(f"'{where}' and '{seen_uuids[code_uuid]}' have the same uuid {code_uuid}")
            seen_uuids[code_uuid] = where
        shortcut = values.get("shortcut", "").casefold()
        if shortcut:
            if shortcut in seen_shortcuts:
                raise ValidationError(
                    f"'{where}' and '{seen_shortcuts[shortcut]}' share the shortcut '{values['shortcut']}'"
                )
            seen_shortcuts[shortcut] = where
        children = entry.get("children", [])
        if not isinstance(children, list):
            raise ValidationError(f"'{where}': \"children\" must be a list")
        node = _FileCode(where, name, values, code_uuid, parent, [])
        node.children = _parse_level(children, node, seen_uuids, seen_shortcuts)
        parsed.append(node)
    return parsed


def _walk(nodes: list[_FileCode]) -> Iterable[_FileCode]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _match_existing(session: Session, roots: list[_FileCode]) -> None:
    """Match file codes to project codes: by uuid first, then by name under the matched parent."""
    rows = _rows(session)
    by_uuid = {row.uuid: row.id for row in rows.values()}
    claimed: set[int] = set()
    for node in _walk(roots):
        if node.uuid and node.uuid in by_uuid:
            node.match_id = by_uuid[node.uuid]
            claimed.add(node.match_id)
    children = _children_map(rows)
    for node in _walk(roots):
        if node.match_id is not None:
            continue
        if node.parent is not None and node.parent.match_id is None:
            continue  # a new parent has no existing children to match
        parent_id = node.parent.match_id if node.parent else None
        for candidate in children.get(parent_id, []):
            if candidate not in claimed and rows[candidate].name.casefold() == node.name.casefold():
                node.match_id = candidate
                claimed.add(candidate)
                break


def _check_merged_tree(session: Session, roots: list[_FileCode]) -> None:
    """Refuse an import whose result would have clashing sibling names or shortcuts."""
    codes = {c.id: c for c in session.scalars(select(Code))}
    paths = code_paths(session)
    file_nodes = list(_walk(roots))
    placed = {node.match_id for node in file_nodes if node.match_id is not None}
    # Final (parent key, name, shortcut, label) of every code after the import.
    final: list[tuple[object, str, str, str]] = []
    for code in codes.values():
        if code.id not in placed:
            final.append((code.parent_id, code.name, code.shortcut, f"the project's '{paths[code.id]}'"))
    for node in file_nodes:
        parent_key: object = None
        if node.parent is not None:
            parent_key = node.parent.match_id if node.parent.match_id is not None else ("new", id(node.parent))
        shortcut = node.values.get("shortcut")
        if shortcut is None:
            shortcut = codes[node.match_id].shortcut if node.match_id is not None else ""
        final.append((parent_key, node.name, shortcut, f"the file's '{node.where}'"))
    names: dict[tuple[object, str], str] = {}
    shortcuts: dict[str, str] = {}
    for parent_key, name, shortcut, label in final:
        key = (parent_key, name.casefold())
        if key in names:
            raise DuplicateError(f"importing would put {label} next to {names[key]}, which has the same name")
        names[key] = label
        if shortcut:
            if shortcut.casefold() in shortcuts:
                raise DuplicateError(
                    f"importing would give shortcut '{shortcut}' to both {label} and {shortcuts[shortcut.casefold()]}"
                )
            shortcuts[shortcut.casefold()] = label


def import_codebook(session: Session, data: dict[str, Any], *, actor: str) -> Changes:
    """Merge a codebook dict into the project.

    Codes are matched by uuid, then by name under their (matched) parent. Matched codes take the
    file's name, fields and place; new codes are added with their hierarchy and the file's uuids.
    Under each parent, the file's codes come first in file order, then the project's other codes.
    Everything is checked first: a malformed file or a clash raises and changes nothing.
    """
    roots = _parse_codebook(data)
    _match_existing(session, roots)
    _check_merged_tree(session, roots)
    original_order = _children_map(_rows(session))
    changed = False
    parents_touched: set[int | None] = set()
    for node in _walk(roots):
        parent_id = node.parent.match_id if node.parent else None
        parents_touched.add(parent_id)
        if node.match_id is None:
            code = Code(
                uuid=node.uuid or new_uuid(),
                name=node.name,
                parent_id=parent_id,
                position=0,
                **{"colour": _default_colour(session, parent_id), **node.values},
            )
            session.add(code)
            session.flush()
            node.match_id = code.id
            record(session, actor, "import-add", "code", code.uuid, None, _snapshot(session, code))
            changed = True
        else:
            changed |= _apply_import_update(session, node, parent_id, actor)
    for parent_id in parents_touched:
        changed |= _order_after_import(session, parent_id, roots, original_order, actor)
    session.flush()
    return Changes(codes=True) if changed else NOTHING


def _apply_import_update(session: Session, node: _FileCode, parent_id: int | None, actor: str) -> bool:
    assert node.match_id is not None
    code = _get_code(session, node.match_id)
    before = _snapshot(session, code)
    code.name = node.name
    code.parent_id = parent_id
    for key, value in node.values.items():
        setattr(code, key, value)
    session.flush()
    old, new = _changed(before, _snapshot(session, code))
    new.pop("position", None)
    old.pop("position", None)
    if new:
        record(session, actor, "import-update", "code", code.uuid, old, new)
    return bool(new)


def _order_after_import(
    session: Session,
    parent_id: int | None,
    roots: list[_FileCode],
    original_order: Mapping[int | None, list[int]],
    actor: str,
) -> bool:
    """File codes first in file order, then the project's other codes; returns whether anything moved.

    An audit event is written when codes that were already under this parent change their order
    (codes arriving or leaving have their own events).
    """
    file_order = [
        node.match_id
        for node in _walk(roots)
        if node.match_id is not None and (node.parent.match_id if node.parent else None) == parent_id
    ]
    in_file = set(file_order)
    wanted = file_order + [i for i in _sibling_ids(session, parent_id) if i not in in_file]
    positions_before = [_get_code(session, i).position for i in wanted]
    _renumber(session, wanted)
    before = list(original_order.get(parent_id, []))
    stayed = set(before) & set(wanted)
    old_relative = [i for i in before if i in stayed]
    new_relative = [i for i in wanted if i in stayed]
    if old_relative != new_relative:
        rows = _rows(session)
        record(
            session, actor, "import-reorder", "code", rows[parent_id].uuid if parent_id is not None else None,
            {"order": [rows[i].uuid for i in old_relative]}, {"order": [rows[i].uuid for i in new_relative]},
        )
    return positions_before != list(range(len(wanted)))


def import_codebook_file(session: Session, path: str | Path, *, actor: str) -> Changes:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path}: not a UTF-8 text file") from None
    except OSError as exc:
        raise ValidationError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    try:
        return import_codebook(session, data, actor=actor)
    except (ValidationError, DuplicateError) as exc:
        raise type(exc)(f"{path}: {exc}") from None


__all__ = [
    "CODEBOOK_FORMAT",
    "CODEBOOK_VERSION",
    "EDITABLE_FIELDS",
    "CodeNode",
    "CodePlace",
    "add_code",
    "builtin_codebook_data",
    "code_levels",
    "code_path",
    "code_paths",
    "code_place",
    "codebook_tree",
    "delete_code",
    "descendant_ids",
    "expect_code_place",
    "export_codebook",
    "export_codebook_file",
    "find_code",
    "import_codebook",
    "import_codebook_file",
    "load_builtin_codebook",
    "merge_codes",
    "move_code",
    "rename_code",
    "update_code",
]
