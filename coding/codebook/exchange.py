"""The codebook as a JSON file: export, import (a merge by uuid, then by name) and the built-in default."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import NOTHING, Changes
from coding.codebook.fields import EDITABLE_FIELDS, EXPORT_FIELDS, _clean_fields, _clean_uuid
from coding.codebook.operations import _changed, _default_colour, _renumber, _sibling_ids, _snapshot
from coding.codebook.tree import PATH_SEPARATOR, CodeNode, _children_map, _get_code, _rows, code_paths, codebook_tree
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.names import clean_name
from models import Code, new_uuid
from coding.i18n import translate

CODEBOOK_FORMAT = "concord-codebook"
CODEBOOK_VERSION = 1
BUILTIN_RESOURCE = ("codebook", "preker_harding.json")


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
        raise ValidationError(translate(
            "errors", "{path}: cannot write the codebook ({value})").format(path=path, value=exc.strerror or exc)) from exc
    return path


def builtin_codebook_data() -> dict[str, Any]:
    """The Preker-Harding codebook shipped with Concord (resources/codebook/preker_harding.json)."""
    resource = resources.files("resources")
    for part in BUILTIN_RESOURCE:  # one step at a time: every Traversable supports a single joinpath
        resource = resource.joinpath(part)
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


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
        raise ValidationError(translate("errors", "a codebook file must hold a JSON object"))
    if data.get("format") != CODEBOOK_FORMAT:
        raise ValidationError(translate(
            "errors", "not a Concord codebook (expected \"format\": \"{CODEBOOK_FORMAT}\")").format(
            CODEBOOK_FORMAT=CODEBOOK_FORMAT))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(translate(
            "errors", "codebook version {version!r} is not a positive whole number").format(version=version))
    if version > CODEBOOK_VERSION:
        raise ValidationError(
            translate(
                "errors", "codebook version {version} was written by a newer Concord (this one reads "
                "{CODEBOOK_VERSION})").format(version=version, CODEBOOK_VERSION=CODEBOOK_VERSION)
        )
    codes = data.get("codes")
    if not isinstance(codes, list):
        raise ValidationError(translate("errors", "the codebook has no \"codes\" list"))
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
        place = (translate("errors", "code {index} under '{parent}'").format(index=index, parent=parent.where)
                 if parent else translate("errors", "top-level code {index}").format(index=index))
        if not isinstance(entry, dict):
            raise ValidationError(translate("errors", "{place} is not a JSON object").format(place=place))
        try:
            name = clean_name(entry.get("name"), translate("names", "code name"))
            where = prefix + name
            values = _clean_fields({k: entry[k] for k in EDITABLE_FIELDS if k in entry})
        except ValidationError as exc:
            raise ValidationError(translate("errors", "{place}: {exc}").format(place=place, exc=exc)) from None
        if name.casefold() in names:
            raise ValidationError(translate(
                "errors", "'{where}' appears twice under the same parent").format(where=where))
        names[name.casefold()] = name
        code_uuid = None
        if entry.get("uuid"):
            try:
                code_uuid = _clean_uuid(entry["uuid"])
            except ValidationError as exc:
                raise ValidationError(translate("errors", "'{where}': {exc}").format(where=where, exc=exc)) from None
            if code_uuid in seen_uuids:
                raise ValidationError(translate(
                    "errors", "'{where}' and '{value}' have the same uuid {code_uuid}").format(
                    where=where, value=seen_uuids[code_uuid], code_uuid=code_uuid))
            seen_uuids[code_uuid] = where
        shortcut = values.get("shortcut", "").casefold()
        if shortcut:
            if shortcut in seen_shortcuts:
                raise ValidationError(
                    translate(
                        "errors", "'{where}' and '{value}' share the shortcut '{value2}'").format(
                        where=where, value=seen_shortcuts[shortcut], value2=values['shortcut'])
                )
            seen_shortcuts[shortcut] = where
        children = entry.get("children", [])
        if not isinstance(children, list):
            raise ValidationError(translate("errors", "'{where}': \"children\" must be a list").format(where=where))
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
            final.append((code.parent_id, code.name, code.shortcut,
                          translate("errors", "the project's '{path}'").format(path=paths[code.id])))
    for node in file_nodes:
        parent_key: object = None
        if node.parent is not None:
            parent_key = node.parent.match_id if node.parent.match_id is not None else ("new", id(node.parent))
        shortcut = node.values.get("shortcut")
        if shortcut is None:
            shortcut = codes[node.match_id].shortcut if node.match_id is not None else ""
        label = translate("errors", "the file's '{path}'").format(path=node.where)
        final.append((parent_key, node.name, shortcut, label))
    names: dict[tuple[object, str], str] = {}
    shortcuts: dict[str, str] = {}
    for parent_key, name, shortcut, label in final:
        key = (parent_key, name.casefold())
        if key in names:
            raise DuplicateError(translate(
                "errors", "importing would put {label} next to {value}, which has the same name").format(
                label=label, value=names[key]))
        names[key] = label
        if shortcut:
            if shortcut.casefold() in shortcuts:
                raise DuplicateError(
                    translate(
                        "errors", "importing would give shortcut '{shortcut}' to both {label} and {value}").format(
                        shortcut=shortcut, label=label, value=shortcuts[shortcut.casefold()])
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
        raise NotFoundError(translate("errors", "{path}: no such file").format(path=path)) from None
    except UnicodeDecodeError:
        raise ValidationError(translate("errors", "{path}: not a UTF-8 text file").format(path=path)) from None
    except OSError as exc:
        raise ValidationError(translate(
            "errors", "{path}: cannot read ({value})").format(path=path, value=exc.strerror or exc)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(translate(
            "errors", "{path}: not valid JSON ({msg} at line {lineno}, column {colno})").format(
            path=path, msg=exc.msg, lineno=exc.lineno, colno=exc.colno)) from None
    try:
        return import_codebook(session, data, actor=actor)
    except (ValidationError, DuplicateError) as exc:
        raise type(exc)(f"{path}: {exc}") from None

