"""The two callbacks every long operation takes (import, export, agreement, audit, team merge).

``progress(done, total, what)`` reports how far it got and on what; ``cancelled()`` is asked between steps and
stops the work (with ``CancelledError``) when it answers True.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what is being done)
Cancel = Callable[[], bool]

__all__ = ["Cancel", "Progress"]
