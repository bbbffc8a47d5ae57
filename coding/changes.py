"""What an operation changed, so views refresh only what concerns them (after Anki's OpChanges).

Besides the kinds of things that changed, a record may say how the coding counts moved
(``coding_counts``), so a view can update its counts without recounting: ``None`` means "unknown,
recount" (bulk edits), ``()`` means "codings changed but no count did" (a resize, a memo).
Records travel as JSON (``to_json``/``from_json``) between processes, e.g. over PostgreSQL
LISTEN/NOTIFY, whose payloads are limited to 8,000 bytes: a long ``coding_counts`` may be sent
as ``None`` instead (see :meth:`Changes.without_counts`).

A record may also name the very codings that appeared, went or changed (``touched_codings``: document and
uuid of each), so the open transcript and its segments re-read just those codings instead of all of the
document's. ``None`` means "no detail: reload"; it travels and joins like ``coding_counts``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any, Generic, TypeVar

from coding.errors import ValidationError
from coding.i18n import translate

T = TypeVar("T")


@dataclass(frozen=True)
class CodingCount:
    """One coding of ``code_id`` by ``coder_id`` in ``document_id`` appeared (``delta`` +1) or went (-1)."""

    document_id: int
    code_id: int
    coder_id: int
    delta: int


@dataclass(frozen=True)
class TouchedCoding:
    """The coding ``uuid`` in ``document_id`` appeared, went or changed (read it again to know which)."""

    document_id: int
    uuid: str


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
    dictionaries: bool = False
    machine: bool = False
    coding_counts: tuple[CodingCount, ...] | None = None
    # A hint for views, not part of what a record says changed: left out of ``==`` and ``hash``.
    touched_codings: tuple[TouchedCoding, ...] | None = field(default=None, compare=False)

    def __or__(self, other: Changes) -> Changes:
        return Changes.join((self, other))

    @staticmethod
    def join(records: Iterable[Changes]) -> Changes:
        """All the records as one (``a | b | …`` in a single pass: a compound edit may join thousands)."""
        flags: dict[str, Any] = dict.fromkeys(FLAGS, False)
        counts: list[CodingCount] | None = []
        touched: list[TouchedCoding] | None = []
        for changes in records:
            for name in FLAGS:
                flags[name] = flags[name] or getattr(changes, name)
            if changes.codings and counts is not None:
                if changes.coding_counts is None:
                    counts = None  # one side does not know its counts: nobody does
                else:
                    counts.extend(changes.coding_counts)
            if changes.codings and touched is not None:
                if changes.touched_codings is None:
                    touched = None  # one side does not say which codings it touched: reload
                else:
                    touched.extend(changes.touched_codings)
        known = tuple(counts) if counts is not None and flags["codings"] else None
        detail = tuple(touched) if touched is not None and flags["codings"] else None
        return Changes(**flags, coding_counts=known, touched_codings=detail)

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
        """The same record saying "recount" and "reload" instead of listing the counts and codings."""
        return replace(self, coding_counts=None, touched_codings=None)

    def touched_in(self, document_id: int) -> frozenset[str] | None:
        """The uuids of the codings this record touched in ``document_id`` (None: it does not say)."""
        if not self.codings:
            return frozenset()
        if self.touched_codings is None:
            return None
        return frozenset(t.uuid for t in self.touched_codings if t.document_id == document_id)

    # -- exchange between processes ---------------------------------------------------------------
    def to_json(self) -> str:
        """Compact JSON: the names of the kinds that changed, the counts as [document, code, coder, delta] and
        the touched codings as [document, uuid]."""
        data: dict[str, Any] = {"changed": [name for name in FLAGS if getattr(self, name)]}
        if self.coding_counts is not None:
            data["coding_counts"] = [[c.document_id, c.code_id, c.coder_id, c.delta] for c in self.coding_counts]
        if self.touched_codings is not None:
            data["touched_codings"] = [[t.document_id, t.uuid] for t in self.touched_codings]
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Changes:
        """The record ``to_json`` wrote; refuses anything else with ``ValidationError``."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ValidationError(translate("errors", "not a change record: {exc}").format(exc=exc)) from None
        if not isinstance(data, dict) or not isinstance(data.get("changed"), list):
            raise ValidationError(translate("errors", "not a change record: no list of what changed"))
        unknown = [name for name in data["changed"] if name not in FLAGS]
        if unknown:
            raise ValidationError(translate(
                "errors", "not a change record: unknown kind(s) {value}").format(value=', '.join(map(str, unknown))))
        return replace(
            cls.of(*data["changed"]), coding_counts=_counts_from_json(data.get("coding_counts")),
            touched_codings=_touched_from_json(data.get("touched_codings")),
        )


def _counts_from_json(raw: object) -> tuple[CodingCount, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(_is_count_row(row) for row in raw):
        raise ValidationError(translate(
            "errors", "not a change record: coding counts must be [document, code, coder, delta] lists"))
    return tuple(CodingCount(*row) for row in raw)


def _touched_from_json(raw: object) -> tuple[TouchedCoding, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(_is_touched_row(row) for row in raw):
        raise ValidationError(translate(
            "errors", "not a change record: touched codings must be [document, uuid] lists"))
    return tuple(TouchedCoding(*row) for row in raw)


def _is_touched_row(row: object) -> bool:
    return (isinstance(row, list) and len(row) == 2 and isinstance(row[0], int) and not isinstance(row[0], bool)
            and isinstance(row[1], str))


def _is_count_row(row: object) -> bool:
    return (isinstance(row, list) and len(row) == 4
            and all(isinstance(value, int) and not isinstance(value, bool) for value in row))


FLAGS: tuple[str, ...] = tuple(
    f.name for f in fields(Changes) if f.name not in ("coding_counts", "touched_codings")
)


@dataclass(frozen=True)
class Applied(Generic[T]):
    """An operation's result (a row, a uuid …) together with what it changed."""

    value: T
    changes: Changes


NOTHING = Changes()

__all__ = ["FLAGS", "NOTHING", "Applied", "Changes", "CodingCount", "TouchedCoding"]
