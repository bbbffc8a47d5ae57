"""Correspondence analysis (CA) of a table of counts — categories × attribute values — and its biplot.

Simple CA as Greenacre (*Correspondence Analysis in Practice*, 2nd ed., 2007, ch. 4 and the computational
appendix) computes it: with P = N / n, row masses r and column masses c, the matrix of standardised residuals
S = D_r^{-½} (P − r cᵀ) D_c^{-½} is decomposed by singular values, S = U Σ Vᵀ. The principal inertias are
σ_k², their sum the total inertia (= χ² / n), and the principal coordinates are F = D_r^{-½} U Σ (rows) and
G = D_c^{-½} V Σ (columns). The map plots both in principal coordinates (the *symmetric map*): distances
between rows, and between columns, approximate χ² distances; a row and a column are only compared by their
directions from the origin. Rows or columns with no count are left out (they have no profile). Signs of a
dimension are arbitrary (as in every CA program); here each dimension is turned so that its largest row
coordinate is positive, so a map does not flip between runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from coding.errors import ValidationError
from coding.i18n import translate

if TYPE_CHECKING:  # matplotlib loads with the first chart
    from matplotlib.figure import Figure

    from coding.analysis.content import CategoryTable

FloatArray = NDArray[np.float64]
# Singular values below this (relative to the largest) are rounding noise, not dimensions.
_NOISE = 1e-12


@dataclass(frozen=True)
class Correspondence:
    """A fitted CA: the rows and columns kept, inertias per dimension and principal coordinates."""

    rows: list[str]
    columns: list[str]
    inertias: FloatArray  # principal inertias per dimension, largest first
    row_coordinates: FloatArray  # rows × dimensions (principal)
    column_coordinates: FloatArray  # columns × dimensions (principal)
    row_masses: FloatArray
    column_masses: FloatArray
    n: int
    left_out: list[str] = field(default_factory=list)  # rows and columns with no count
    title: str = ""

    @property
    def total_inertia(self) -> float:
        return float(self.inertias.sum())

    @property
    def chi2(self) -> float:
        return self.total_inertia * self.n

    def percent(self) -> FloatArray:
        """% of the total inertia each dimension explains."""
        total = self.total_inertia
        return 100.0 * self.inertias / total if total > 0 else np.zeros_like(self.inertias)

    @property
    def dimensions(self) -> int:
        return int(self.inertias.size)

    def to_dict(self) -> dict[str, object]:
        def points(labels: list[str], coordinates: FloatArray, masses: FloatArray) -> list[dict[str, object]]:
            return [{"label": label, "mass": round(float(masses[i]), 6),
                     "coordinates": [round(float(v), 6) for v in coordinates[i]]} for i, label in enumerate(labels)]

        return {
            "title": self.title, "n": self.n, "total_inertia": round(self.total_inertia, 6),
            "chi2": round(self.chi2, 4),
            "inertias": [round(float(v), 6) for v in self.inertias],
            "percent_of_inertia": [round(float(v), 2) for v in self.percent()],
            "rows": points(self.rows, self.row_coordinates, self.row_masses),
            "columns": points(self.columns, self.column_coordinates, self.column_masses),
            "left_out": self.left_out,
        }


def correspondence(counts: object, rows: Sequence[str], columns: Sequence[str], *,
                   title: str = "") -> Correspondence:
    """Fit simple CA to a table of non-negative counts (see the module notes)."""
    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or table.shape != (len(rows), len(columns)) or (table < 0).any() \
            or not np.isfinite(table).all():
        raise ValidationError(translate(
            "errors", "correspondence analysis needs a table of non-negative counts, one row per category and one "
            "column per value"))
    keep_rows, keep_columns = table.sum(axis=1) > 0, table.sum(axis=0) > 0
    left_out = [r for r, k in zip(rows, keep_rows) if not k] + [c for c, k in zip(columns, keep_columns) if not k]
    kept = table[np.ix_(keep_rows, keep_columns)]
    if min(kept.shape) < 2:
        raise ValidationError(translate(
            "errors", "correspondence analysis needs at least two categories and two values with counts (this table "
            "has {value} and {value2})").format(value=kept.shape[0], value2=kept.shape[1]))
    n = kept.sum()
    share = kept / n
    row_mass, column_mass = share.sum(axis=1), share.sum(axis=0)
    residual = (share - np.outer(row_mass, column_mass)) / np.sqrt(np.outer(row_mass, column_mass))
    left, singular, right_t = np.linalg.svd(residual, full_matrices=False)
    dims = int((singular > _NOISE * max(singular[0], 1.0)).sum())
    left, singular, right = left[:, :dims], singular[:dims], right_t[:dims].T
    # Orient each dimension so its largest row coordinate (in absolute value) is positive.
    flip = np.sign(left[np.abs(left).argmax(axis=0), np.arange(dims)])
    flip[flip == 0] = 1.0
    left, right = left * flip, right * flip
    return Correspondence(
        rows=[r for r, k in zip(rows, keep_rows) if k], columns=[c for c, k in zip(columns, keep_columns) if k],
        inertias=singular ** 2, row_coordinates=left * singular / np.sqrt(row_mass)[:, None],
        column_coordinates=right * singular / np.sqrt(column_mass)[:, None], row_masses=row_mass,
        column_masses=column_mass, n=int(round(n)), left_out=left_out, title=title,
    )


def table_correspondence(table: CategoryTable) -> Correspondence:
    """CA of a content analysis table (categories × its columns)."""
    from coding.names import display_name

    short = [category.split("/")[-1] for category in table.categories]
    by = display_name(table.by.partition(":")[2] or table.by)
    source = table.source or "categories"  # "codes", a dictionary's name, or none
    named = {"codes": translate("correspondence", "Codes"), "categories": translate("correspondence", "Categories")}
    shown = named.get(source) or source[:1].upper() + source[1:]
    return correspondence(table.counts, short, table.columns, title=f"{shown} × {by}")


# The plotting area of the biplot's figure, in inches (figure less title, axis labels and note), and the
# size of its labels in points: enough to place labels apart before matplotlib draws anything.
_AREA = (6.4, 4.9)
_LABEL_POINTS = 8.3


def biplot(result: Correspondence, *, x: int = 0, y: int = 1, title: str | None = None) -> Figure:
    """The symmetric map of dimensions ``x`` and ``y``: categories as blue dots (sized by mass), values as red
    triangles, each axis labelled with its principal inertia and % of inertia; one unit is as long on both
    axes, as χ² distances need."""
    from coding.analysis.charts import blank_figure, _style

    one = result.dimensions < 2  # a single dimension: the points lie on a line
    figure = blank_figure(7.5, 6.2)
    axes = figure.add_subplot()
    rows, columns = result.row_coordinates, result.column_coordinates
    row_y = np.zeros(len(result.rows)) if one else rows[:, y]
    column_y = np.zeros(len(result.columns)) if one else columns[:, y]
    xs, ys = np.concatenate([rows[:, x], columns[:, x]]), np.concatenate([row_y, column_y])
    (x_low, x_high), (y_low, y_high), per_point = _limits(xs, ys)
    axes.set_xlim(x_low, x_high)
    axes.set_ylim(y_low, y_high)
    axes.set_aspect("equal", adjustable="box")
    axes.axhline(0, color="#bbbbbb", linewidth=0.8)
    axes.axvline(0, color="#bbbbbb", linewidth=0.8)
    axes.scatter(rows[:, x], row_y, s=28 + 400 * result.row_masses, color="#1f5fa8",
                 label=translate("correspondence", "Categories"), zorder=3)
    axes.scatter(columns[:, x], column_y, marker="^", s=70, color="#c0392b",
                 label=translate("correspondence", "Values"), zorder=3)
    points = [((px - x_low) / per_point, (py - y_low) / per_point) for px, py in zip(xs, ys)]
    area = ((x_high - x_low) / per_point, (y_high - y_low) / per_point)
    labels = [*result.rows, *result.columns]
    families = _families()
    for k, offset in enumerate(_place_labels(labels, points, area)):
        is_value = k >= len(result.rows)
        axes.annotate(labels[k], (xs[k], ys[k]), xytext=offset, textcoords="offset points", fontsize=_LABEL_POINTS,
                      color="#c0392b" if is_value else "#1f5fa8", fontweight="bold" if is_value else "normal",
                      ha="left", va="bottom", fontfamily=families, zorder=4)
    percent = result.percent()
    dimension = translate("correspondence", "Dimension {number}: λ = {inertia} ({percent}%)")
    axes.set_xlabel(dimension.format(number=x + 1, inertia=f"{result.inertias[x]:.4f}", percent=f"{percent[x]:.1f}"))
    if not one:
        axes.set_ylabel(dimension.format(number=y + 1, inertia=f"{result.inertias[y]:.4f}",
                                         percent=f"{percent[y]:.1f}"))
    named = (translate("correspondence", "Correspondence analysis: {title}").format(title=result.title).rstrip(": ")
             if result.title else translate("correspondence", "Correspondence analysis"))
    axes.set_title(title or named)
    axes.legend(fontsize="small", loc="best")
    _style(axes)
    figure.supxlabel(translate("correspondence", "Symmetric map; total inertia {inertia} (χ² = {chi2}, n = {n})")
                     .format(inertia=f"{result.total_inertia:.4f}", chi2=f"{result.chi2:.2f}", n=result.n),
                     fontsize="small", color="#555555", fontfamily=families)
    return figure


def _limits(xs: FloatArray, ys: FloatArray) -> tuple[tuple[float, float], tuple[float, float], float]:
    """Axis limits around the points with room for labels, equally scaled to fill the plotting area, and the
    data units per point (1/72 inch) of that scale."""
    low_x, high_x, low_y, high_y = xs.min(), xs.max(), ys.min(), ys.max()
    span_x, span_y = max(high_x - low_x, 1e-9), max(high_y - low_y, 1e-9)
    scale = max(span_x * 1.3 / _AREA[0], span_y * 1.3 / _AREA[1])  # data units per inch
    middle_x, middle_y = (low_x + high_x) / 2 + 0.05 * span_x, (low_y + high_y) / 2
    half_x, half_y = scale * _AREA[0] / 2, scale * _AREA[1] / 2
    return (middle_x - half_x, middle_x + half_x), (middle_y - half_y, middle_y + half_y), scale / 72


def _label_width(text: str) -> float:
    """A label's width in points (wide for CJK characters)."""
    import unicodedata

    return sum(_LABEL_POINTS * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.58) for ch in text)


def _place_labels(labels: list[str], points: list[tuple[float, float]],
                  area: tuple[float, float]) -> list[tuple[float, float]]:
    """An offset (points) for each label beside its point, greedily avoiding labels placed before it, the
    other points, and the edges of the plot."""
    height = _LABEL_POINTS * 1.35
    boxes: list[tuple[float, float, float, float]] = [(px - 5, py - 5, px + 5, py + 5) for px, py in points]
    offsets: list[tuple[float, float]] = []
    for k, label in enumerate(labels):
        width = _label_width(label)
        px, py = points[k]
        candidates = [(6.0, 2.0), (6.0, -height - 2), (-width - 6, 2.0), (-width - 6, -height - 2),
                      (-width / 2, 7.0), (-width / 2, -height - 7), (6.0, height), (6.0, -2 * height),
                      (-width - 6, height), (-width - 6, -2 * height)]

        def cost(offset: tuple[float, float]) -> float:
            box = (px + offset[0], py + offset[1], px + offset[0] + width, py + offset[1] + height)
            outside = max(0.0, -box[0]) + max(0.0, box[2] - area[0]) + max(0.0, -box[1]) + max(0.0, box[3] - area[1])
            overlap = sum(max(0.0, min(box[2], b[2]) - max(box[0], b[0])) * max(0.0, min(box[3], b[3]) - max(box[1], b[1]))
                          for i, b in enumerate(boxes) if i != k)
            return 50 * outside + overlap

        best = min(candidates, key=cost)  # the first of the least costly: beside and above, when it is free
        offsets.append(best)
        boxes.append((px + best[0], py + best[1], px + best[0] + width, py + best[1] + height))
    return offsets


def _families() -> list[str]:
    from coding.fonts import font_families

    return list(font_families())


def save_biplot(result: Correspondence, path: str | Path) -> Path:
    """Write the biplot as PNG or SVG (by the suffix)."""
    from coding.analysis.charts import save_figure

    return save_figure(biplot(result), path)


__all__ = ["Correspondence", "biplot", "correspondence", "save_biplot", "table_correspondence"]
