"""The codebook as the analyses need it: one query, then levels, paths and roll-ups in memory.

Analyses count codings per code and then *roll them up*: a code's row at a higher level holds the
codings of the code itself and of every code below it. Keeping the tree in plain dicts makes that a
dictionary walk instead of one query per code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.errors import NotFoundError, ValidationError
from models import Code

PATH_SEPARATOR = "/"


@dataclass(frozen=True)
class CodeInfo:
    id: int
    uuid: str
    parent_id: int | None
    position: int
    name: str
    name_zh: str
    colour: str
    level: int
    path: str


@dataclass
class CodeTree:
    """Every code by id, with children in codebook order (position, then id)."""

    codes: dict[int, CodeInfo]
    children: dict[int | None, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> CodeTree:
        rows = session.execute(
            select(Code.id, Code.uuid, Code.parent_id, Code.position, Code.name, Code.name_zh, Code.colour)
        ).all()
        by_id = {row.id: row for row in rows}
        children: dict[int | None, list[int]] = {}
        for row in sorted(rows, key=lambda r: (r.position, r.id)):
            children.setdefault(row.parent_id, []).append(row.id)
        codes: dict[int, CodeInfo] = {}
        stack: list[tuple[int, int, str]] = [(root, 1, "") for root in reversed(children.get(None, []))]
        while stack:
            code_id, level, parent_path = stack.pop()
            if code_id in codes:  # only a corrupted file has a cycle; never loop on it
                raise ValidationError(f"the codebook has a cycle at code id {code_id}")
            row = by_id[code_id]
            path = f"{parent_path}{PATH_SEPARATOR}{row.name}" if parent_path else row.name
            codes[code_id] = CodeInfo(
                row.id, row.uuid, row.parent_id, row.position, row.name, row.name_zh, row.colour, level, path
            )
            stack.extend((child, level + 1, path) for child in reversed(children.get(code_id, [])))
        return cls(codes, children)

    # -- walking ----------------------------------------------------------------------------------
    def preorder(self, roots: Iterable[int] | None = None) -> list[int]:
        """Ids in codebook order: each code followed by its descendants."""
        order: list[int] = []
        stack = list(reversed(list(roots) if roots is not None else self.children.get(None, [])))
        while stack:
            code_id = stack.pop()
            order.append(code_id)
            stack.extend(reversed(self.children.get(code_id, [])))
        return order

    def descendants(self, code_id: int) -> list[int]:
        """Codes below ``code_id`` (not itself), in codebook order."""
        return self.preorder(self.children.get(code_id, []))

    def subtree(self, code_id: int) -> list[int]:
        """``code_id`` and everything below it."""
        return [code_id, *self.descendants(code_id)]

    def at_level(self, level: int) -> list[int]:
        if level < 1:
            raise ValidationError(f"code levels start at 1, not {level}")
        found = [code_id for code_id in self.preorder() if self.codes[code_id].level == level]
        if not found:
            deepest = max((c.level for c in self.codes.values()), default=0)
            raise NotFoundError(f"the codebook has no level {level} (its deepest level is {deepest})")
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

    def label(self, code_id: int) -> str:
        return self.codes[code_id].name

    def path(self, code_id: int) -> str:
        return self.codes[code_id].path

    def by_uuid(self) -> Mapping[str, int]:
        return {info.uuid: code_id for code_id, info in self.codes.items()}

    def check(self, code_id: int) -> CodeInfo:
        info = self.codes.get(code_id)
        if info is None:
            raise NotFoundError(f"no code with id {code_id}")
        return info


def parse_rows_spec(tree: CodeTree, spec: str) -> list[int]:
    """Rows of a matrix or table: ``level3`` (all codes at level 3), ``all``, or ``leaves``."""
    text = spec.strip().lower().replace(" ", "")
    if text == "all":
        return tree.preorder()
    if text == "leaves":
        return [code_id for code_id in tree.preorder() if not tree.children.get(code_id)]
    if text.startswith("level") and text[5:].isdigit():
        return tree.at_level(int(text[5:]))
    raise ValidationError(f"rows '{spec}': expected 'level1', 'level2', 'level3' …, 'all' or 'leaves'")


__all__ = ["PATH_SEPARATOR", "CodeInfo", "CodeTree", "parse_rows_spec"]
