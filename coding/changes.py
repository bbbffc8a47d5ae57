"""What an operation changed, so views refresh only what concerns them (after Anki's OpChanges).

Besides the kinds of things that changed, a record may say how the coding counts moved
(``coding_counts``), so a view can update its counts without recounting: ``None`` means "unknown,
recount" (bulk edits), ``()`` means "codings changed but no count did" (a resize, a memo).
Records travel as JSON (``to_json``/``from_json``) between processes, e.g. over PostgreSQL
LISTEN/NOTIFY, whose payloads are limited to 8,000 bytes: a long ``coding_counts`` may be sent
as ``None`` instead (see :meth:`Changes.without_counts`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any, Generic, TypeVar

from coding.errors import ValidationError

T = TypeVar("T")


@dataclass(frozen=True)
class CodingCount:
    """One coding of ``code_id`` by ``coder_id`` in ``document_id`` appeared (``delta`` +1) or went (-1)."""

    document_id: int
    code_id: int
    coder_id: int
    delta: int


@dataclass(frozen=True)
class Changes:
    documents: bool = False
    codes: bool = False
    codings: bool = False
    coders: bool = False
    cases: bool = False
    attributes: bool = False
    groups: bool = False
    memos: bool = False
    agreement: bool = False
    consensus: bool = False
    matrix: bool = False
    assignments: bool = False
    coding_counts: tuple[CodingCount, ...] | None = None

    def __or__(self, other: Changes) -> Changes:
        return Changes.join((self, other))

    @staticmethod
    def join(records: Iterable[Changes]) -> Changes:
        """All the records as one (``a | b | …`` in a single pass: a compound edit may join thousands)."""
        flags: dict[str, Any] = dict.fromkeys(FLAGS, False)
        counts: list[CodingCount] | None = []
        for changes in records:
            for name in FLAGS:
                flags[name] = flags[name] or getattr(changes, name)
            if changes.codings and counts is not None:
                if changes.coding_counts is None:
                    counts = None  # one side does not know its counts: nobody does
                else:
                    counts.extend(changes.coding_counts)
        known = tuple(counts) if counts is not None and flags["codings"] else None
        return Changes(**flags, coding_counts=known)

    @classmethod
    def of(cls, *kinds: str) -> Changes:
        """The record naming these kinds (``Changes.of("cases", "documents")``)."""
        unknown = [kind for kind in kinds if kind not in FLAGS]
        if unknown:
            raise ValueError(f"unknown kind(s) of change: {', '.join(unknown)}")
        flags: dict[str, Any] = {kind: True for kind in kinds}
        return cls(**flags)

    def any(self) -> bool:
        return any(getattr(self, name) for name in FLAGS)

    def without_counts(self) -> Changes:
        """The same record saying "recount" instead of listing the counts."""
        return replace(self, coding_counts=None)

    # -- exchange between processes ---------------------------------------------------------------
    def to_json(self) -> str:
        """Compact JSON: the names of the kinds that changed, and the counts as [document, code, coder, delta]."""
        data: dict[str, Any] = {"changed": [name for name in FLAGS if getattr(self, name)]}
        if self.coding_counts is not None:
            data["coding_counts"] = [[c.document_id, c.code_id, c.coder_id, c.delta] for c in self.coding_counts]
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Changes:
        """The record ``to_json`` wrote; refuses anything else with ``ValidationError``."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError(f"not a change record: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("changed"), list):
            raise ValidationError("not a change record: no list of what changed")
        unknown = [name for name in data["changed"] if name not in FLAGS]
        if unknown:
            raise ValidationError(f"not a change record: unknown kind(s) {', '.join(map(str, unknown))}")
        return replace(cls.of(*data["changed"]), coding_counts=_counts_from_json(data.get("coding_counts")))


def _counts_from_json(raw: object) -> tuple[CodingCount, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(_is_count_row(row) for row in raw):
        raise ValidationError("not a change record: coding counts must be [document, code, coder, delta] lists")
    return tuple(CodingCount(*row) for row in raw)


def _is_count_row(row: object) -> bool:
    return (isinstance(row, list) and len(row) == 4
            and all(isinstance(value, int) and not isinstance(value, bool) for value in row))


FLAGS: tuple[str, ...] = tuple(f.name for f in fields(Changes) if f.name != "coding_counts")


@dataclass(frozen=True)
class Applied(Generic[T]):
    """An operation's result (a row, a uuid …) together with what it changed."""

    value: T
    changes: Changes


NOTHING = Changes()

__all__ = ["FLAGS", "NOTHING", "Applied", "Changes", "CodingCount"]
