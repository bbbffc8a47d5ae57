"""Compare-and-set for undo and redo: a step puts back a remembered value only while the project still holds
the value that step left there; otherwise another window or process changed it since, and the step is refused
with a :class:`~coding.errors.ConflictError` naming what is there now (nothing is written)."""

from __future__ import annotations

QUOTE_LIMIT = 40


def quoted(text: str | None, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message shows it: ``'first words…'`` on one line, or ``empty``."""
    flat = " ".join((text or "").split())
    if not flat:
        return "empty"
    return "'" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "'"


__all__ = ["QUOTE_LIMIT", "quoted"]
