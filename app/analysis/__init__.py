"""The analysis GUI: an Analysis menu on the main window opening retrieval, text search (KWIC), word and code
frequencies, co-occurrence, the framework matrix and crosstabs in an Analysis window, and the exports
for the paper (coded summary, framework matrix, codebook, segments, crosstab).

``install(window)`` is all the main window needs to call; the views read through ``coding.analysis``
in worker threads and change data only through undoable commands on the window's Workbench.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app import warmup
from app.analysis.controller import AnalysisController
from coding import chart_process

if TYPE_CHECKING:
    from app.main import MainWindow

ATTRIBUTE = "analysis_gui"
# The views and exports load scipy, openpyxl and python-docx (1–2 s): imported in the warm-up thread once the main
# window is up, so neither the start nor the first analysis waits for them on the GUI thread. Charts are drawn in
# the chart process, started then too: it loads matplotlib and the fonts there, never in this process.
PRELOAD = ("app.analysis.window", "app.analysis.exports", "scipy.stats")  # scipy.stats: the crosstab's tests


def install(window: MainWindow) -> None:
    """Add the Analysis menu (views and exports) to a ``MainWindow``; safe to call once per window."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, AnalysisController(window))
        warmup.preload(PRELOAD, then=chart_process.warm)  # the first chart finds the chart process ready


def controller_of(window: object) -> AnalysisController | None:
    """The analysis controller ``install`` gave this window (None before)."""
    return getattr(window, ATTRIBUTE, None)


__all__ = ["AnalysisController", "controller_of", "install"]
