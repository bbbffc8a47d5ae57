"""What an operation changed, so views refresh only what concerns them (after Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, fields


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

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()
