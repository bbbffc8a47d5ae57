"""What every export shares: checking the target path, writing it whole or not at all, progress."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from coding.errors import CancelledError, ValidationError
from coding.i18n import translate
from coding.names import display_name
from coding.progress import Cancel, Progress

if TYPE_CHECKING:  # coding.audit imports this module; the analysis package imports coding.audit
    from sqlalchemy.orm import Session

    from coding.codebook import CodeTree
    from coding.analysis.filters import SegmentFilter



def check_target(path: str | Path, suffixes: tuple[str, ...], what: str) -> Path:
    """The output path, refused unless its suffix is one of ``suffixes`` and its folder exists."""
    target = Path(path)
    if target.suffix.lower() not in suffixes:
        raise ValidationError(translate("ExportCommon", "{target}: {what} is written as {suffixes}").format(
            target=target, what=what, suffixes=translate("ExportCommon", " or ").join(suffixes)))
    if not target.parent.exists():
        raise ValidationError(translate("ExportCommon", "{target}: folder {folder} does not exist").format(
            target=target, folder=target.parent))
    if target.is_dir():
        raise ValidationError(translate("ExportCommon", "{target}: is a folder").format(target=target))
    return target


@contextmanager
def replaced_when_done(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it over ``target`` only if the block succeeds.

    A cancelled or failed export therefore never leaves a half-written file (or destroys an older
    complete one).
    """
    temporary = target.with_name(f".{target.name}.partial")
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def check_cancel(cancel: Cancel | None, what: str) -> None:
    if cancel is not None and cancel():
        raise CancelledError(translate("ExportCommon", "{what} cancelled; no file was written").format(what=what))


def report(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None:
        progress(done, total, label)


def filter_text(session: Session, flt: SegmentFilter, tree: CodeTree | None = None) -> str:
    """:func:`describe_filter` with attributes by their display names ("Alliance mode=Compact group").

    Whose codings count is left out: every export states it once, in its "Codings of: …" line.
    """
    from coding.analysis.filters import AttributeCondition, describe_filter

    shown = replace(flt, coder_ids=None, consensus=None,
                    where=tuple(AttributeCondition(display_name(c.attribute), c.value, c.negate) for c in flt.where))
    return describe_filter(session, shown, tree)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the file, its kind and how many items (quotes, rows, codes) it holds."""

    path: Path
    kind: str
    items: int
    details: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"path": str(self.path), "kind": self.kind, "items": self.items, **self.details}


__all__ = ["Cancel", "ExportResult", "Progress", "check_cancel", "check_target", "filter_text", "replaced_when_done", "report"]
