"""Module-level chart builders for tests/app/test_chart_process.py: the chart process imports a builder by its
module and name, so these live in a small module of their own (no Qt, quick to import in the child)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from coding.analysis.charts import word_chart
from coding.analysis.frequencies import CodeFrequencies, Column
from coding.analysis.words import WordFrequencies
from coding.errors import ValidationError

if TYPE_CHECKING:  # the window's process imports this module too, and must not load matplotlib
    from matplotlib.figure import Figure


def chinese_words() -> WordFrequencies:
    return WordFrequencies(by="all", columns=[], words=["医院", "决策"], counts=np.zeros((2, 0), dtype=np.int64),
                           totals=np.array([5, 3]), unit_words=np.array([8]))


def code_counts() -> CodeFrequencies:
    """Two codes over two columns, as code_frequencies returns them."""
    counts = np.array([[3, 1], [0, 2]])
    return CodeFrequencies(by="attribute:alliance_mode", rollup=False, code_ids=[1, 2],
                           code_paths=["Decision rights/Organizational changes", "Residual claims/Financial rights"],
                           code_levels=[2, 2], columns=[Column("a", "Compact"), Column("b", "Loose")],
                           codings=counts, documents=counts, cases=counts, coded_words=None, total_words=None)


def word_axis_label(figure: Figure, words: WordFrequencies) -> str:
    """A drawing builder returning the x-axis label the word chart gets where it is built (its language)."""
    figure.add_subplot().bar(["a"], [1])
    label: str = word_chart(words).axes[0].get_xlabel()
    return label


def refusing(figure: Figure, message: str) -> int:
    raise ValidationError(message)


def buggy() -> Figure:
    return code_counts().codings[5, 5]  # type: ignore[no-any-return]  # an IndexError: a bug in a builder


def slow(figure: Figure, marker: str) -> int:
    """Says it has started (a file), then takes a minute: a chart the child is killed in the middle of."""
    Path(marker).write_text("started", encoding="utf-8")
    time.sleep(60)
    return 0


def nothing() -> None:
    return None


def titled_bars(title: str, where: str = "", width: float = 5.0, height: float = 2.0) -> Figure:
    """Two bars under ``title``; writes the id of the process that built it to ``where`` (when given)."""
    from matplotlib.figure import Figure

    if where:
        Path(where).write_text(str(os.getpid()), encoding="utf-8")
    figure = Figure(figsize=(width, height))
    figure.add_subplot().bar(["a", "b"], [1, 2])
    figure.suptitle(title)
    return figure


def titled_bars_once_released(title: str, release: str) -> Figure:
    """``titled_bars`` once the file ``release`` exists (at most 30 s): a chart that takes as long as the test wants."""
    _wait_for(release)
    return titled_bars(title)


def logged_bar(figure: Figure, name: str, cells: int, log: str, release: str = "") -> int:
    """A drawing builder drawing one bar of height ``cells``, after ``release`` exists (when given); appends
    ``name`` to the file ``log`` as it draws."""
    if release:
        _wait_for(release)
    with Path(log).open("a", encoding="utf-8") as out:
        out.write(name + "\n")
    figure.add_subplot().bar(["a"], [cells])
    return cells


def _wait_for(path: str) -> None:
    deadline = time.monotonic() + 30
    while not Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def logged_bars(name: str, log: str, release: str = "") -> Figure:
    """``titled_bars(name)`` after ``release`` exists (when given); appends ``name`` to the file ``log``."""
    if release:
        _wait_for(release)
    with Path(log).open("a", encoding="utf-8") as out:
        out.write(name + "\n")
    return titled_bars(name)
