"""The window's process keeps what it holds for long out of the cyclic garbage collector's full passes.

CPython's collector now and then walks every container object the process holds (a "full" pass), holding the GIL
from start to end. With the 100× project open (its documents' rows and tree items, the modules, spaCy's lookup
tables, jieba's dictionary) one pass took 115–200 ms, and whichever thread set it off (an import, an agreement
comparison, the GUI thread itself) froze the window for that long: the last freezes over 100 ms the stall detector
found (issue 13). :func:`settle` moves what the process holds into the collector's permanent generation
(``gc.freeze``), which no pass walks; a pass then only walks what was made since, a few milliseconds' worth.

It is called after the process has loaded something that lives as long as the window or the project: the start's
imports, a project's panels, each warm-up (a spaCy pipeline, a preload). Frozen objects are still freed when their
last reference goes; only reference cycles among them wait, so :func:`loosen` hands everything back to the
collector when a project closes, and its next full pass collects the closed project's cycles (if none comes before
the next project is open and frozen, they wait for the next close).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """Freeze what the process holds now, after collecting the young garbage (a cycle frozen is never collected)."""
    gc.collect(1)  # the two young generations only: quick, however large the frozen heap
    gc.freeze()


@contextmanager
def no_collection() -> Iterator[None]:
    """No collector passes while loading what will live long (modules, a tree's thousands of items): they would
    walk those objects again and again, for nothing, holding the GIL. Restores the collector only if it was on
    (another thread may have turned it off for its own load meanwhile: the one that turned it off turns it on)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def loosen() -> None:
    """Let the collector see everything again (a project closed: its cycles are garbage now). Its next full pass
    collects them; collecting here would walk the whole heap at every close (a second per close in the test
    suite's process)."""
    gc.unfreeze()


__all__ = ["loosen", "no_collection", "settle"]
