"""Reading the codebook tree: levels, paths, descendants, the frozen :class:`CodeNode` tree and ``find_code``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.errors import NotFoundError, ValidationError
from models import Code

PATH_SEPARATOR = "/"


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

