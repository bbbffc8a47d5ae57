"""The agreement window's charts drawn with matplotlib (no Qt): a heatmap of one measure (codes × coder pairs, or
codes × documents) and a line of one measure across stored runs.

They run in the chart process (``coding.chart_process``), drawing into the blank figure it gives them: the window
computes a small :class:`HeatmapSpec` from its run (labels already as the interface shows them) and sends that,
never the run. Cells are coloured with the results table's band colours, so the two always tell the same story;
texts are drawn with ``font_families()``, whose CJK fallback draws Chinese as glyphs, not boxes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from coding.agreement.bands import BAND_OF_MEASURE, KRIPPENDORFF_RELIABLE, KRIPPENDORFF_TENTATIVE, band
from coding.agreement.runs import SeriesPoint
from coding.agreement.weighted import MEASURE_TITLES
from coding.fonts import font_families
from coding.i18n import translate
from coding.numbers import fixed

if TYPE_CHECKING:  # matplotlib loads in the chart process only: the window's process names these functions
    from matplotlib.figure import Figure

MAX_NAMED_COLUMNS = 80  # a wider heatmap (one column per document) names no columns
UNDEFINED = "#ececec"


@dataclass(frozen=True)
class HeatmapSpec:
    """What a heatmap shows, as the window computed it from its run: rows (codes and pools) by their shown labels,
    pools in bold; column labels; the values (NaN = undefined or missing); the title; the band colours of the
    measure's convention (band → colour, empty when it has none) and its legend ((English text, band) pairs)."""

    measure: str
    row_labels: tuple[str, ...]
    bold: tuple[bool, ...]
    column_labels: tuple[str, ...]
    values: NDArray[np.float64]
    title: str
    decimals: int = 2
    band_colours: Mapping[str, str] | None = None
    legend: tuple[tuple[str, str], ...] = ()
    legend_title: str = ""


def _shade(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """0–1 shades of values that have no band (percent agreement, counts), stretched over their own range."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.zeros_like(values)
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-12:
        return np.where(np.isfinite(values), 0.5, 0.0)
    return (values - low) / (high - low)


def _cell_colours(measure: str, values: NDArray[np.float64],
                  band_colours: Mapping[str, str] | None) -> NDArray[np.float64]:
    """RGBA per cell: the band colour of each value (computed once per distinct value, with the results table's
    colours), or a blue shade for measures without bands; grey where undefined."""
    from matplotlib import colormaps
    from matplotlib.colors import to_rgba

    rgba = np.zeros((*values.shape, 4))
    rgba[...] = to_rgba(UNDEFINED)
    defined = ~np.isnan(values)
    if not defined.any():
        return rgba
    if measure in BAND_OF_MEASURE and band_colours is not None:
        distinct, inverse = np.unique(values[defined], return_inverse=True)
        colours = np.array([to_rgba(band_colours.get(band(measure, float(v)), UNDEFINED))
                            for v in distinct.tolist()])
        rgba[defined] = colours[inverse.reshape(-1)]
    else:
        rgba[defined] = colormaps["Blues"](0.08 + 0.5 * _shade(values)[defined])
    return rgba


def _box_aspect(figure: Figure, n_rows: int, n_columns: int) -> float:
    """Height/width of the cell grid: fill the figure, but keep cells between 0.4 and 2.5 times as wide as high."""
    width, height = (float(inches) for inches in figure.get_size_inches())
    natural = (0.7 * width / n_columns) / (0.8 * height / n_rows)
    ratio = min(max(natural, 0.4), 2.5)
    return n_rows / (n_columns * ratio)


def draw_heatmap(figure: Figure, spec: HeatmapSpec) -> int:
    """Draw the heatmap ``spec`` describes; returns the number of cells with a value."""
    figure.clear()
    families = font_families()
    rows, labels, values = spec.row_labels, spec.column_labels, spec.values
    if not rows or not labels:
        figure.text(0.5, 0.5, translate("AgreementCharts", "Nothing to show"), ha="center", va="center",
                    fontfamily=families)
        return 0
    axes = figure.add_subplot()
    axes.imshow(_cell_colours(spec.measure, values, spec.band_colours), aspect="auto", interpolation="nearest")
    axes.set_box_aspect(_box_aspect(figure, len(rows), len(labels)))
    named = len(labels) <= MAX_NAMED_COLUMNS
    if named:
        axes.set_xticks(range(len(labels)), labels, rotation=30 if len(labels) > 3 else 0,
                        ha="right" if len(labels) > 3 else "center", fontsize=8, fontfamily=families)
    else:  # thousands of documents: a label (and a tick object) each would be unreadable and take seconds
        axes.set_xticks([])
        axes.set_xlabel(translate("AgreementCharts", "{count} documents, in the order of the run (the table names "
                                  "them)").format(count=f"{len(labels):,}"), fontsize=8, fontfamily=families)
    axes.set_yticks(range(len(rows)), rows, fontsize=8, fontfamily=families)
    for tick, bold in zip(axes.get_yticklabels(), spec.bold, strict=True):
        if bold:
            tick.set_fontweight("bold")
    if len(rows) * len(labels) <= 400:  # values written in the cells while they are big enough to read
        for (i, j), value in np.ndenumerate(values):
            text = "–" if np.isnan(value) else fixed(value, spec.decimals)
            axes.text(j, i, text, ha="center", va="center", fontsize=7.5, color="#1f2328")
    if named:
        axes.set_xticks(np.arange(-0.5, len(labels), 1), minor=True)
        axes.set_yticks(np.arange(-0.5, len(rows), 1), minor=True)
        axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="both", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    axes.set_title(spec.title, fontsize=10, loc="left", fontfamily=families)
    _band_legend(figure, spec)
    return int(np.isfinite(values).sum())


def _band_legend(figure: Figure, spec: HeatmapSpec) -> None:
    from matplotlib.patches import Patch

    if not spec.legend or spec.band_colours is None:
        return
    colours = spec.band_colours
    handles = [Patch(facecolor=colours[key], edgecolor="none", label=translate("AgreementBands", text))
               for text, key in spec.legend]
    handles.append(Patch(facecolor=UNDEFINED, edgecolor="none", label=translate("AgreementCharts", "undefined")))
    families = font_families()
    figure.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 7), frameon=False,
                  prop={"family": families, "size": 7.5}, title=spec.legend_title,
                  title_fontproperties={"family": families, "size": 8})


def draw_message(figure: Figure, message: str) -> int:
    """``message`` in the middle of the figure, instead of a chart (a cleared chart, saved)."""
    if message:
        figure.text(0.5, 0.5, message, ha="center", va="center", color="#6b6f76", wrap=True,
                    fontfamily=font_families())
    return 0


def draw_series(figure: Figure, points: Sequence[SeriesPoint], measure: str, title: str,
                trend: float | None) -> int:
    """A line of ``measure`` across runs (oldest first) with bootstrap intervals where the runs have them."""
    figure.clear()
    families = font_families()
    defined = [(i, p, float(p.value)) for i, p in enumerate(points) if p.value is not None]
    if not defined:
        figure.text(0.5, 0.5, translate("AgreementCharts", "No stored run has this figure yet"), ha="center",
                    va="center", color="#6b6f76", fontfamily=families)
        return 0
    axes = figure.add_subplot()
    xs = [i for i, _, _ in defined]
    ys = [value for _, _, value in defined]
    axes.plot(xs, ys, marker="o", color="#2f6fb5", linewidth=1.8, markersize=6, zorder=3)
    # (x, value, interval's low end, its high end) of the runs with a bootstrap interval
    with_ci = [(i, value, float(p.ci_low), float(p.ci_high)) for i, p, value in defined
               if p.ci_low is not None and p.ci_high is not None]
    if with_ci:
        low = [value - ci_low for _, value, ci_low, _ in with_ci]
        high = [ci_high - value for _, value, _, ci_high in with_ci]
        axes.errorbar([i for i, _, _, _ in with_ci], [value for _, value, _, _ in with_ci],
                      yerr=[low, high], fmt="none", ecolor="#2f6fb5", alpha=0.5, capsize=3, zorder=2)
    for x, point, value in defined:  # the value above its interval, clear of the error bar
        top = max(value, float(point.ci_high) if point.ci_high is not None else -1.0)
        axes.annotate(f"{value:.2f}", (x, top), textcoords="offset points", xytext=(0, 5),
                      ha="center", fontsize=8)
    if BAND_OF_MEASURE.get(measure) == "krippendorff":
        for threshold, colour, text in (
                (KRIPPENDORFF_RELIABLE, "#3c9a5f", translate("AgreementCharts", ".800 reliable")),
                (KRIPPENDORFF_TENTATIVE, "#c99a06", translate("AgreementCharts", ".667 tentative"))):
            axes.axhline(threshold, color=colour, linestyle="--", linewidth=1)
            axes.text(1.0, threshold, f" {text}", transform=axes.get_yaxis_transform(), va="center",
                      fontsize=7.5, color=colour, fontfamily=families)
    labels = [p.label or translate("AgreementCharts", "Run {run}").format(run=p.run_id) for p in points]
    when = translate("AgreementCharts", "%d %b %H:%M")  # a strftime format: each language orders its own date
    dates = [p.created_at.strftime(when) for p in points]
    axes.set_xticks(range(len(points)), [f"{label}\n{date}" for label, date in zip(labels, dates, strict=True)],
                    fontsize=7.5, fontfamily=families)
    axes.set_xlim(-0.5, len(points) - 0.5)
    lowest = min([*ys, *[ci_low for _, _, ci_low, _ in with_ci]])
    axes.set_ylim(min(0.0, lowest) - 0.05, 1.08)
    axes.grid(axis="y", color="#e4e6ea")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    subtitle = ""
    if trend is not None:
        direction = (translate("AgreementCharts", "rising") if trend > 0.005
                     else translate("AgreementCharts", "falling") if trend < -0.005
                     else translate("AgreementCharts", "flat"))
        subtitle = translate("AgreementCharts", " — {direction} ({trend} per run)").format(
            direction=direction, trend=f"{trend:+.3f}")
    axes.set_title(f"{title}{subtitle}", fontsize=10, loc="left", fontfamily=families)
    measure_title = translate("AgreementMeasures", MEASURE_TITLES.get(measure, measure))  # as colours.title_of
    axes.set_ylabel(measure_title, fontsize=8.5, fontfamily=families)
    return len(defined)


__all__ = ["MAX_NAMED_COLUMNS", "UNDEFINED", "HeatmapSpec", "draw_heatmap", "draw_message", "draw_series"]
