"""Charts of the analyses as matplotlib Figures (no pyplot, no GUI backend: safe in any thread).

Figures are built with ``matplotlib.figure.Figure`` directly, so nothing here selects a backend or
touches Qt; :func:`save_figure` renders with the Agg (PNG) or SVG canvas matplotlib picks from the
file suffix. The desktop app has them built and drawn in its chart process (``coding.chart_process``), naming these
functions: importing this module does not load matplotlib, building a chart does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from coding.analysis.cooccurrence import Cooccurrence
from coding.analysis.crosstab import Crosstab
from coding.analysis.frequencies import CodeFrequencies
from coding.analysis.matrix import FrameworkMatrix
from coding.chart_process import FORMATS, checked_target
from coding.errors import ValidationError
from coding.fonts import font_families
from coding.i18n import translate

if TYPE_CHECKING:  # matplotlib loads with the first chart built
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from coding.analysis.content import CategoryTable
    from coding.analysis.words import WordFrequencies

CHART_WORDS = 30
MEASURES = ("codings", "documents", "cases", "share")


def blank_figure(width: float, height: float) -> Figure:
    """A white figure of ``width`` × ``height`` inches with constrained layout (the agreement charts draw into one too)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("white")
    return figure


def _style(axes: Axes) -> None:
    """Every text of the figure so far (ticks, title, axis and colour-bar labels, legend) in the families with
    CJK glyphs: Chinese titles and code names draw as characters, not boxes."""
    from matplotlib.text import Text

    families = font_families()
    for text in axes.figure.findobj(Text):
        text.set_fontfamily(families)


def _say_basis(figure: Figure, result: CodeFrequencies | Cooccurrence | Crosstab | FrameworkMatrix) -> Figure:
    """Whose codings the chart shows, in small type under it ("Codings of: Lin, Wang — pooled, …")."""
    basis = result.basis
    if basis is not None:
        figure.supxlabel(basis.text(), fontsize="small", color="#555555", fontfamily=font_families())
    return figure


def code_frequency_chart(frequencies: CodeFrequencies, *, measure: str = "codings", title: str | None = None) -> Figure:
    """Horizontal bars per code; one bar per column when the table has several (up to 12)."""
    if measure not in MEASURES:
        raise ValidationError(translate(
            "errors", "chart measure '{measure}': use {value}").format(measure=measure, value=', '.join(MEASURES)))
    if measure == "share":
        share = frequencies.share()
        if share is None:
            raise ValidationError(translate("errors", "word shares were not computed for this table"))
        values = 100.0 * share
    else:
        values = getattr(frequencies, measure).astype(float)
    columns = frequencies.columns
    if len(columns) > 12:  # a bar per document would be unreadable: show the totals
        values = values.sum(axis=1, keepdims=True) if measure != "share" else values.mean(axis=1, keepdims=True)
        columns = columns[:0]
    labels = [path.split("/")[-1] for path in frequencies.code_paths]
    n_rows, n_series = values.shape
    figure = blank_figure(8, max(2.5, 0.32 * n_rows * (1 + 0.2 * (n_series - 1)) + 1.4))
    axes = figure.add_subplot()
    height = 0.8 / n_series
    positions = np.arange(n_rows)
    for j in range(n_series):
        label = columns[j].label if columns else None
        axes.barh(positions + (j - (n_series - 1) / 2) * height, values[:, j], height=height, label=label)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlabel({"codings": translate("charts", "Codings"), "documents": translate("charts", "Documents"),
                     "cases": translate("charts", "Cases"),
                     "share": translate("charts", "Share of words coded (%)")}[measure])
    axes.set_title(title or (translate("charts", "Code frequencies (rolled up)") if frequencies.rollup
                             else translate("charts", "Code frequencies")))
    if columns and n_series > 1:
        axes.legend(fontsize="small", loc="best")
    axes.grid(axis="x", alpha=0.3)
    _style(axes)
    return _say_basis(figure, frequencies)


def _heatmap(values: NDArray[np.float64], row_labels: list[str], column_labels: list[str], title: str,
             colour_label: str, annotations: list[list[str]] | None = None) -> Figure:
    from matplotlib import colormaps

    n_rows, n_cols = values.shape
    figure = blank_figure(max(5.0, 0.7 * n_cols + 3.5), max(3.0, 0.45 * n_rows + 2.0))
    axes = figure.add_subplot()
    colours = colormaps["Blues"].with_extremes(bad="#eeeeee")
    image = axes.imshow(np.ma.masked_invalid(values), cmap=colours, aspect="auto")
    axes.set_xticks(np.arange(n_cols), column_labels, rotation=45, ha="right")
    axes.set_yticks(np.arange(n_rows), row_labels)
    axes.set_title(title)
    figure.colorbar(image, ax=axes, label=colour_label, shrink=0.8)
    if n_rows * n_cols <= 400:
        top = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
        for i in range(n_rows):
            for j in range(n_cols):
                text = annotations[i][j] if annotations else f"{values[i, j]:g}"
                axes.text(j, i, text, ha="center", va="center", fontsize="small",
                          color="white" if top and np.nan_to_num(values[i, j]) > 0.6 * top else "black")
    _style(axes)
    return figure


def cooccurrence_heatmap(cooccurrence: Cooccurrence, *, title: str | None = None) -> Figure:
    """Pairs shaded by count; the diagonal (each code's own total) is labelled but not shaded, so it
    does not wash out the scale of the pairs."""
    counts = cooccurrence.counts
    shaded = counts.astype(float)
    np.fill_diagonal(shaded, np.nan)
    labels = [[f"{v}" for v in row] for row in counts.tolist()]
    return _say_basis(_heatmap(shaded, cooccurrence.names, cooccurrence.names,
                               title or translate("charts", "Code co-occurrence ({unit})").format(
                                   unit=cooccurrence.unit), translate("charts", "Count"), labels), cooccurrence)


def crosstab_heatmap(table: Crosstab, *, title: str | None = None) -> Figure:
    """Participants per cell, shaded by column percentage, labelled "n (col %)"."""
    percent = table.column_percent()
    labels = [[f"{table.counts[i, j]} ({percent[i, j]:.0f}%)" for j in range(len(table.columns))]
              for i in range(2)]
    rows = [translate("crosstab", label) for label in table.rows]
    return _say_basis(_heatmap(percent, rows, table.columns,
                               title or f"{table.code.split('/')[-1]} × {table.attribute}",
                               translate("charts", "Column %"), labels), table)


def matrix_heatmap(matrix: FrameworkMatrix, *, title: str | None = None) -> Figure:
    return _say_basis(_heatmap(matrix.codings.astype(float), [r.name for r in matrix.rows],
                               [c.label for c in matrix.columns],
                               title or translate("charts", "Framework matrix (codings per cell)"),
                               translate("charts", "Codings")), matrix)


def word_chart(table: WordFrequencies, limit: int = CHART_WORDS) -> Figure:
    """Horizontal bars of the most frequent words (Chinese words need a CJK font)."""
    words = table.words[:limit]
    counts = [int(v) for v in table.totals[:limit]]
    families = font_families()  # registers an installed CJK font with matplotlib the first time
    figure = blank_figure(6.5, max(2.5, 0.28 * len(words) + 1.2))
    axes = figure.add_subplot()
    positions = list(range(len(words)))
    axes.barh(positions, counts, color="#4a7fb5")
    axes.set_yticks(positions, words)
    for label in axes.get_yticklabels():
        label.set_fontfamily(families)
    axes.invert_yaxis()
    axes.set_xlabel(translate("WordFrequencyView", "Occurrences"), fontfamily=families)
    axes.set_title(translate("WordFrequencyView", "The {count} most frequent words").format(count=len(words)),
                   fontfamily=families)
    axes.grid(axis="x", alpha=0.3)
    return figure


def table_biplot(table: CategoryTable) -> Figure:
    """The correspondence analysis biplot of a content analysis table (fitted where the chart is built)."""
    from coding.analysis.correspondence import biplot, table_correspondence

    return biplot(table_correspondence(table))


def save_figure(figure: Figure, path: str | Path, dpi: int = 200) -> Path:
    """Write a figure as PNG (200 dpi unless told) or SVG, chosen by the file suffix."""
    target = checked_target(path)
    figure.savefig(target, dpi=dpi, format=target.suffix.lower()[1:], facecolor="white")
    return target


__all__ = [
    "FORMATS",
    "MEASURES",
    "blank_figure",
    "code_frequency_chart",
    "cooccurrence_heatmap",
    "crosstab_heatmap",
    "matrix_heatmap",
    "save_figure",
    "table_biplot",
    "word_chart",
]
