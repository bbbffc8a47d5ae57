"""The codebook's one read model: every code as a frozen :class:`CodeInfo`, and the :class:`CodeTree` around them.

:meth:`CodeTree.load` reads the whole codebook in one query; levels, paths, walks and roll-ups are then
dictionary look-ups. Analyses roll counts up the tree (a code's row at a higher level holds the codings of
the code and of every code below it); the GUI and the exports take :meth:`CodeTree.nodes`, the same codes
as :class:`CodeNode` s with their children, for views drawn as a tree. ``find_code`` resolves a path of names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.errors import NotFoundError, ValidationError
from models import Code
from coding.i18n import translate

PATH_SEPARATOR = "/"


@dataclass(frozen=True)
class CodeInfo:
    """One code with every field a reader needs: where it sits (parent, position, level, path) and what it says."""

    id: int
    uuid: str
    parent_id: int | None
    position: int
    level: int  # 1 = top level
    path: str  # "Level1/Level2/Level3", names joined by PATH_SEPARATOR
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
    version: int = 0  # the row's version as read: an edit passes it back (``expected_version``, coding.versions)


@dataclass(frozen=True)
class CodeNode(CodeInfo):
    """A code of :meth:`CodeTree.nodes` with its children in codebook order: the tree-shaped view of the same codes."""

    children: tuple[CodeNode, ...] = ()


_COLUMNS = (
    Code.id, Code.uuid, Code.parent_id, Code.position, Code.name, Code.name_zh, Code.definition, Code.definition_zh,
    Code.include_rule, Code.exclude_rule, Code.example, Code.colour, Code.shortcut, Code.is_codable, Code.version,
)


@dataclass(frozen=True)
class CodeTree:
    """Every code by id, with children by parent id in codebook order (position, then id); roots under ``None``."""

    codes: dict[int, CodeInfo]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> CodeTree:
        """The whole codebook in one query (through the session, so a pending edit is flushed and seen)."""
        rows = session.execute(select(*_COLUMNS)).all()
        by_id = {row[0]: row for row in rows}
        children: dict[int | None, list[int]] = {}
        for code_id, _uuid, parent_id, *_rest in sorted(rows, key=lambda r: (r[3], r[0])):  # position, then id
            children.setdefault(parent_id, []).append(code_id)
        codes: dict[int, CodeInfo] = {}
        stack: list[tuple[int, int, str]] = [(root, 1, "") for root in reversed(children.get(None, []))]
        while stack:
            code_id, level, parent_path = stack.pop()
            (_id, uuid, parent_id, position, name, name_zh, definition, definition_zh, include_rule, exclude_rule,
             example, colour, shortcut, is_codable, version) = by_id[code_id]
            path = f"{parent_path}{PATH_SEPARATOR}{name}" if parent_path else name
            codes[code_id] = CodeInfo(
                code_id, uuid, parent_id, position, level, path, name, name_zh, definition, definition_zh,
                include_rule, exclude_rule, example, colour, shortcut, bool(is_codable), version,
            )
            stack.extend((child, level + 1, path) for child in reversed(children.get(code_id, [])))
        if len(codes) < len(by_id):  # codes no root reaches sit on a cycle: only a corrupted file has one
            stray = min(set(by_id) - set(codes))
            raise ValidationError(translate(
                "errors", "the codebook has a cycle at code id {stray}").format(stray=stray))
        return cls(codes, children)

    # -- walking ----------------------------------------------------------------------------------
    @property
    def roots(self) -> list[int]:
        return list(self.children.get(None, []))

    def preorder(self, roots: Iterable[int] | None = None) -> list[int]:
        """Ids in codebook order: each code followed by its descendants."""
        order: list[int] = []
        stack = list(reversed(list(roots) if roots is not None else self.children.get(None, [])))
        while stack:
            code_id = stack.pop()
            order.append(code_id)
            stack.extend(reversed(self.children.get(code_id, [])))
        return order

    def infos(self) -> list[CodeInfo]:
        """Every code in codebook order."""
        return [self.codes[code_id] for code_id in self.preorder()]

    def descendants(self, code_id: int) -> list[int]:
        """Codes below ``code_id`` (not itself), in codebook order."""
        return self.preorder(self.children.get(code_id, []))

    def subtree(self, code_id: int) -> list[int]:
        """``code_id`` and everything below it."""
        return [code_id, *self.descendants(code_id)]

    def ancestry(self, code_id: int) -> list[int]:
        """Ids from the root down to ``code_id``."""
        chain = [code_id]
        parent = self.codes[code_id].parent_id
        while parent is not None:
            chain.append(parent)
            parent = self.codes[parent].parent_id
        return chain[::-1]

    def at_level(self, level: int) -> list[int]:
        if level < 1:
            raise ValidationError(translate("errors", "code levels start at 1, not {level}").format(level=level))
        found = [code_id for code_id in self.preorder() if self.codes[code_id].level == level]
        if not found:
            deepest = max((c.level for c in self.codes.values()), default=0)
            raise NotFoundError(translate(
                "errors", "the codebook has no level {level} (its deepest level is {deepest})").format(
                level=level, deepest=deepest))
        return found

    def ancestor_at_level(self, code_id: int, level: int) -> int | None:
        """The code's ancestor (or itself) at ``level``; None when the code sits above that level."""
        info = self.codes[code_id]
        if info.level < level:
            return None
        current = info
        while current.level > level:
            assert current.parent_id is not None
            current = self.codes[current.parent_id]
        return current.id

    def roll_up(self, rows: Iterable[int]) -> dict[int, int]:
        """Map each code counted under a row to that row: the row code and all its descendants.

        A code under two chosen rows (a row and its own ancestor both chosen) is credited to the
        nearest one only in this map; use :meth:`rollup_members` when every row needs its full set.
        """
        mapping: dict[int, int] = {}
        for row in rows:
            for member in self.subtree(row):
                mapping.setdefault(member, row)
        return mapping

    def rollup_members(self, rows: Iterable[int]) -> dict[int, list[int]]:
        """Row code -> the codes whose codings the row counts (itself and its descendants)."""
        return {row: self.subtree(row) for row in rows}

    # -- look-ups ---------------------------------------------------------------------------------
    def label(self, code_id: int) -> str:
        return self.codes[code_id].name

    def path(self, code_id: int) -> str:
        return self.codes[code_id].path

    def levels(self) -> dict[int, int]:
        return {code_id: info.level for code_id, info in self.codes.items()}

    def paths(self) -> dict[int, str]:
        return {code_id: info.path for code_id, info in self.codes.items()}

    def by_uuid(self) -> Mapping[str, int]:
        return {info.uuid: code_id for code_id, info in self.codes.items()}

    def check(self, code_id: int) -> CodeInfo:
        info = self.codes.get(code_id)
        if info is None:
            raise NotFoundError(translate("errors", "no code with id {code_id}").format(code_id=code_id))
        return info

    # -- the tree-shaped view ---------------------------------------------------------------------
    def nodes(self) -> list[CodeNode]:
        """The roots as :class:`CodeNode` s, each holding its children (in codebook order) all the way down."""
        built: dict[int, CodeNode] = {}
        for code_id in reversed(self.preorder()):  # children before their parent
            kids = tuple(built[child] for child in self.children.get(code_id, []))
            built[code_id] = CodeNode(**vars(self.codes[code_id]), children=kids)
        return [built[root] for root in self.children.get(None, [])]


def parse_rows_spec(tree: CodeTree, spec: str) -> list[int]:
    """Rows of a matrix or table: ``level3`` (all codes at level 3), ``all``, or ``leaves``."""
    text = spec.strip().lower().replace(" ", "")
    if text == "all":
        return tree.preorder()
    if text == "leaves":
        return [code_id for code_id in tree.preorder() if not tree.children.get(code_id)]
    if text.startswith("level") and text[5:].isdigit():
        return tree.at_level(int(text[5:]))
    raise ValidationError(translate(
        "errors", "rows '{spec}': expected 'level1', 'level2', 'level3' …, 'all' or 'leaves'").format(spec=spec))


# -- readers over the one tree ----------------------------------------------------------------------


def codebook_tree(session: Session) -> list[CodeNode]:
    """The whole codebook as frozen nodes, siblings ordered by position."""
    return CodeTree.load(session).nodes()


def code_levels(session: Session) -> dict[int, int]:
    """Code id -> depth (1 = top level)."""
    return CodeTree.load(session).levels()


def code_paths(session: Session) -> dict[int, str]:
    """Code id -> "Level1/Level2/Level3" path of names."""
    return CodeTree.load(session).paths()


def code_path(session: Session, code_id: int) -> str:
    return CodeTree.load(session).check(code_id).path


def descendant_ids(session: Session, code_id: int) -> set[int]:
    """Ids of every code below ``code_id`` (not itself)."""
    return set(CodeTree.load(session).descendants(code_id))


# -- the writers' skeleton --------------------------------------------------------------------------
# The codebook edits (operations, exchange) re-read ids, parents, positions and names between their own
# writes; this light query serves them. Readers use :class:`CodeTree`.


@dataclass(frozen=True)
class _Row:
    id: int
    parent_id: int | None
    position: int
    name: str
    uuid: str


def _rows(session: Session) -> dict[int, _Row]:
    result = session.execute(select(Code.id, Code.parent_id, Code.position, Code.name, Code.uuid))
    return {r.id: _Row(r.id, r.parent_id, r.position, r.name, r.uuid) for r in result}


def _children_map(rows: Mapping[int, _Row]) -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = {}
    for row in sorted(rows.values(), key=lambda r: (r.position, r.id)):
        children.setdefault(row.parent_id, []).append(row.id)
    return children


def _get_code(session: Session, code_id: int) -> Code:
    code = session.get(Code, code_id)
    if code is None:
        raise NotFoundError(translate("errors", "no code with id {code_id}").format(code_id=code_id))
    return code


# -- finding a code by path -------------------------------------------------------------------------


def _normalise_path(text: str) -> str:
    return PATH_SEPARATOR.join(part.strip() for part in text.split(PATH_SEPARATOR)).casefold()


def _path_names(tree: CodeTree, code_id: int) -> list[str]:
    return [tree.codes[i].name for i in tree.ancestry(code_id)]


def find_code(session: Session, path: str) -> Code:
    """The code at a path of names, an unambiguous suffix of one, a bare unique name, or a uuid.

    Matching ignores case and spaces around "/". A leading "/" asks for a full path from the top.
    """
    query = path.strip()
    if not query:
        raise NotFoundError(translate(
            "errors", "no code given (expected a code path such as 'Decision rights/Owner functions')"))
    by_uuid = session.scalar(select(Code).where(Code.uuid == query))
    if by_uuid is not None:
        return by_uuid
    tree = CodeTree.load(session)
    anchored = query.startswith(PATH_SEPARATOR)
    wanted = _normalise_path(query.lstrip(PATH_SEPARATOR))
    matches: list[int] = []
    for code_id in tree.codes:
        names = _path_names(tree, code_id)
        suffixes = [names] if anchored else [names[i:] for i in range(len(names))]
        if any(_normalise_path(PATH_SEPARATOR.join(s)) == wanted for s in suffixes):
            matches.append(code_id)
    if len(matches) == 1:
        return _get_code(session, matches[0])
    if matches:
        candidates = sorted(tree.path(i) for i in matches)
        listed = "; ".join(f"'{c}'" for c in candidates)
        raise NotFoundError(translate(
            "errors", "code '{query}' is ambiguous: it matches {listed}; give more of the path").format(
            query=query, listed=listed))
    raise NotFoundError(_unknown_code_message(query, tree))


def _unknown_code_message(query: str, tree: CodeTree) -> str:
    if not tree.codes:
        return f"no code '{query}': the codebook is empty"
    paths = [info.path for info in tree.codes.values()]
    last = query.rstrip(PATH_SEPARATOR).split(PATH_SEPARATOR)[-1].strip()
    names = sorted({info.name for info in tree.codes.values()})
    close = get_close_matches(last, names, n=3, cutoff=0.6) or get_close_matches(query, paths, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"no code '{query}' in the codebook{hint}"


__all__ = [
    "PATH_SEPARATOR",
    "CodeInfo",
    "CodeNode",
    "CodeTree",
    "code_levels",
    "code_path",
    "code_paths",
    "codebook_tree",
    "descendant_ids",
    "find_code",
    "parse_rows_spec",
]
