"""Text shortened for one-line labels: undo steps, audit summaries, conflict messages."""

from __future__ import annotations

LABEL_LIMIT = 40  # characters of a name or value quoted in an undo step's label or a message


def one_line(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` on one line (each run of white space made one space), cut to ``limit`` characters ending in "…"."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = ["LABEL_LIMIT", "one_line"]
