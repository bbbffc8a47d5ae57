"""The analysis GUI: an Analysis menu on the main window opening retrieval, text search (KWIC), word and code
frequencies, co-occurrence, the framework matrix and crosstabs in an Analysis window, and the exports
for the paper (coded summary, framework matrix, codebook, segments, crosstab).

``install(window)`` is all the main window needs to call; the views read through ``coding.analysis``
in worker threads and change data only through undoable commands on the window's Workbench.
"""

from __future__ import annotations

from typing import Any

from app.analysis.controller import AnalysisController

ATTRIBUTE = "analysis_gui"


def install(window: Any) -> None:
    """Add the Analysis menu (views and exports) to a ``MainWindow``; safe to call once per window."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, AnalysisController(window))


def controller_of(window: Any) -> AnalysisController | None:
    """The analysis controller ``install`` gave this window (None before)."""
    return getattr(window, ATTRIBUTE, None)


__all__ = ["AnalysisController", "controller_of", "install"]
