"""Compare-and-set for undo and redo: a step puts back a remembered value only while the project still holds
the value that step left there; otherwise another window or process changed it since, and the step is refused
with a :class:`~coding.errors.ConflictError` naming what is there now (nothing is written)."""

from __future__ import annotations

from coding.text import LABEL_LIMIT, one_line

QUOTE_LIMIT = LABEL_LIMIT


def quoted(text: str | None, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message shows it: ``'first words…'`` on one line, or ``empty``."""
    flat = one_line(text or "", limit)
    return f"'{flat}'" if flat else "empty"


__all__ = ["QUOTE_LIMIT", "quoted"]
