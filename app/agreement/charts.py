"""Matplotlib charts of the agreement window: a heatmap (codes × coder pairs, or codes × documents) and a line
of one measure across stored runs. Both are built and drawn off the GUI thread (``ChartCanvas``) and save as PNG
or SVG.

Cells are coloured with the same band colours as the results table, so the two always tell the same story.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure as MplFigure
from matplotlib.patches import Patch
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from app.agreement.colours import (
    KRIPPENDORFF_COLOURS,
    KRIPPENDORFF_LEGEND,
    LANDIS_KOCH_COLOURS,
    LANDIS_KOCH_LEGEND,
    band_colour,
    title_of,
)
from app.agreement.results_model import Row, RunView, code_title, units_title
from app.code_labels import CodeLabels
from app.analysis.common import ChartImage, rendered
from app.operations import Operation
from coding.agreement.bands import BAND_OF_MEASURE, KRIPPENDORFF_RELIABLE, KRIPPENDORFF_TENTATIVE
from coding.agreement.compare import DISAGREEMENTS, OWN_CODINGS_SUFFIX
from coding.agreement.figure_table import NO_LEVEL
from coding.agreement.runs import SeriesPoint
from coding.errors import ValidationError
from coding.fonts import font_families
from coding.numbers import fixed

IMAGE_SUFFIXES = (".png", ".svg")
DPI = 96  # the canvas's pixels per figure inch, as the analysis window's charts
MAX_NAMED_COLUMNS = 80  # a wider heatmap (one column per document) names no columns
RESIZE_REDRAW_MS = 250  # a resize draws the chart again once the user has stopped dragging
UNDEFINED = "#ececec"
# Chart texts are translated where the chart is built (a worker thread: QCoreApplication.translate is thread-safe)
# and drawn with font_families(), whose CJK fallback draws Chinese as glyphs, not boxes.
translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls


class ChartCanvas(QWidget):
    """A matplotlib chart in the window, with a white background like the exported image.

    ``show_chart(build)`` builds a new figure the size of the canvas with ``build`` and draws it to an image in a
    worker thread, then shows the image: at 100× a heatmap takes 0.4 s to build and draw, which the window must
    not freeze for. A chart on a hidden tab is drawn when the tab is shown; a resize draws it again at the new
    size (the old image, scaled, stands in meanwhile). ``figure`` is the chart last shown (what ``save`` writes);
    ``cells`` what its ``build`` returned; ``drawn`` is emitted when a chart (or a message) shows."""

    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = _blank_figure(7, 4.5)
        self.cells = 0
        self.pending = False  # a chart is being built and drawn in a worker
        self._build: Callable[[MplFigure], int] | None = None  # redrawn at a new size after a resize
        self._make: Callable[[float, float], tuple[MplFigure, int]] | None = None  # what a hidden canvas waits for
        self._draw_when_shown = False
        self._drawing = False  # a worker is drawing a chart
        self._generation = 0
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_REDRAW_MS)
        self._resized.timeout.connect(self._redraw)
        self.message = QLabel("")
        self.message.setObjectName("hint")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.image: ChartImage | None = None
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def show_chart(self, build: Callable[[MplFigure], int]) -> None:
        """Build and draw a chart with ``build`` (it draws into a blank figure and returns its count of cells)."""
        self._build = build

        def make(width: float, height: float) -> tuple[MplFigure, int]:
            figure = _blank_figure(width, height)
            return figure, build(figure)

        self._start(make)

    def draw_idle(self) -> None:
        """Draw ``figure`` as the caller built it, at the canvas's size, off the GUI thread."""
        figure, cells = self.figure, self.cells

        def make(width: float, height: float) -> tuple[MplFigure, int]:
            figure.set_size_inches(width, height)
            return figure, cells

        self._build = None
        self._start(make)

    def _start(self, make: Callable[[float, float], tuple[MplFigure, int]]) -> None:
        self._generation += 1
        self.pending = True
        self._make = make
        if not self.isVisible():
            self._draw_when_shown = True
            return
        self._draw_when_shown = False
        if not self._drawing:  # else the chart being drawn is left to finish, then the latest one asked is drawn
            self._draw_latest()

    def _draw_latest(self) -> None:
        """Draw the chart last asked for, in one worker at a time: two drawing at once would only take the GIL
        from the GUI thread for a chart nobody will see."""
        make, generation = self._make, self._generation
        if make is None:
            return
        self._drawing = True
        width, height = max(self.width(), 320) / DPI, max(self.height(), 220) / DPI

        def work(_progress: object, _cancelled: object) -> tuple[MplFigure, int, QImage | None]:
            figure, cells = make(width, height)
            return figure, cells, rendered(figure)[1]

        Operation(None, work, stop_on_close=False,
                  on_success=lambda result: self._rendered(generation, result),
                  on_failure=lambda error: self._failed(generation, error)).start()

    def _drawn_one(self, generation: int) -> bool:
        """A worker's chart is back: whether it is still the one wanted (else the latest is drawn now)."""
        if not shiboken6.isValid(self):
            return False
        self._drawing = False
        if generation == self._generation:
            return True
        if self.pending and not self._draw_when_shown:
            self._draw_latest()
        return False

    def _rendered(self, generation: int, result: tuple[MplFigure, int, QImage | None]) -> None:
        if not self._drawn_one(generation):
            return
        figure, cells, image = result
        self.figure, self.cells, self.pending = figure, cells, False
        if image is not None:
            shown = ChartImage(QPixmap.fromImage(image))
            self.stack.addWidget(shown)
            self.stack.setCurrentWidget(shown)
            if self.image is not None:
                self.stack.removeWidget(self.image)
                self.image.deleteLater()
            self.image = shown
        self.drawn.emit()

    def _failed(self, generation: int, error: str) -> None:
        if self._drawn_one(generation):
            self.clear(error)

    def clear(self, message: str = "") -> None:
        """Show ``message`` instead of a chart (nothing to save)."""
        self._generation += 1  # a chart still being drawn is not wanted any more
        self._build, self._make, self.pending, self._draw_when_shown, self.cells = None, None, False, False, 0
        self.figure = _blank_figure(7, 4.5)
        if message:
            self.figure.text(0.5, 0.5, message, ha="center", va="center", color="#6b6f76", wrap=True,
                             fontfamily=font_families())
        self.message.setText(message)
        self.stack.setCurrentWidget(self.message)
        self.drawn.emit()

    def _redraw(self) -> None:
        if self._build is not None and not self.pending:
            self.show_chart(self._build)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.image is not None:
            self._resized.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._draw_when_shown and self._make is not None:
            self._start(self._make)

    def save(self, path: str | Path) -> Path:
        """Write the chart as .png (150 dpi) or .svg; a ValidationError names a wrong suffix or unwritable file."""
        target = Path(path)
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValidationError(translate("AgreementCharts", "{file}: save the chart as .png or .svg").format(
                file=target.name))
        figure = self.figure
        if self.pending and self._build is not None:  # the chart asked for is not on screen yet: save it all the same
            figure = _blank_figure(max(self.width(), 320) / DPI, max(self.height(), 220) / DPI)
            self._build(figure)
        try:
            figure.savefig(target, dpi=150, facecolor="white")
        except OSError as exc:
            raise ValidationError(translate("AgreementCharts", "{file}: cannot write the chart ({reason})").format(
                file=target, reason=exc.strerror or exc)) from exc
        return target


def _blank_figure(width: float, height: float) -> MplFigure:
    figure = MplFigure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("white")
    return figure


# ------------------------------------------------------------------------------------------------
# Heatmap
# ------------------------------------------------------------------------------------------------


def heatmap_data(run: RunView, measure: str, units: str, columns: str = "pairs") -> tuple[
        list[Row], list[str], np.ndarray]:
    """Rows (codes and pools), column labels and values (NaN = undefined or missing) of a heatmap.

    ``columns`` "pairs": all coders together (with two coders, the pair) and each pair of three or more coders;
    "documents": each document, all coders together. Read from the run's figure columns with array operations:
    at 100× a heatmap per document rests on hundreds of thousands of figures.
    """
    table = run.figures
    rows = list(dict.fromkeys(Row(f.code_uuid, f.code_name, f.level) for f in run.overall()))
    string_id = {text: i for i, text in enumerate(table.strings)}
    keep = table.mask(measure=measure, units=units)
    if columns == "documents":
        names = run.document_names()
        keep &= table.mask(coder_a=None, coder_b=None) & (table.columns["document_uuid"] >= 0)
        column_keys: list[tuple[int, ...]] = [(string_id.get(uuid, -2),) for uuid in names]
        column_of = table.columns["document_uuid"][:, None]
        labels = list(names.values())
    else:
        keep &= table.mask(document_uuid=None)
        scopes = run.coder_scopes()
        column_keys = [(string_id.get(a, -2) if a is not None else -1, string_id.get(b, -2) if b is not None else -1)
                       for a, b in scopes]
        column_of = np.stack([table.columns["coder_a"], table.columns["coder_b"]], axis=1)
        raters = run.raters
        everyone = translate("AgreementCharts", "All coders")
        labels = [f"{a} × {b}" if a is not None else (" × ".join(raters) if len(raters) == 2 else everyone)
                  for a, b in scopes]
    row_keys = [(string_id.get(r.code_uuid, -2) if r.code_uuid is not None else -1, string_id.get(r.code_name, -2),
                 NO_LEVEL if r.level is None else r.level) for r in rows]
    row_of = np.stack([table.columns["code_uuid"], table.columns["code_name"], table.columns["level"]], axis=1)
    positions = np.flatnonzero(keep)
    row_index = _index_of(row_of[positions], row_keys)
    column_index = _index_of(column_of[positions], column_keys)
    found = (row_index >= 0) & (column_index >= 0)
    values = np.full((len(rows), len(column_keys)), np.nan)
    values[row_index[found], column_index[found]] = table.columns["value"][positions[found]]
    return rows, labels, values


def _index_of(keys: np.ndarray, wanted: Sequence[tuple[int, ...]]) -> np.ndarray:
    """For each row of ``keys`` (integer columns), its position in ``wanted``, or -1."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    distinct, inverse = np.unique(keys.astype(np.int64), axis=0, return_inverse=True)
    position = {key: i for i, key in enumerate(wanted)}
    of_distinct = np.array([position.get(tuple(int(v) for v in key), -1) for key in distinct], dtype=np.int64)
    return of_distinct[inverse.reshape(-1)]


def _shade(values: np.ndarray) -> np.ndarray:
    """0–1 shades of values that have no band (percent agreement, counts), stretched over their own range."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.zeros_like(values)
    low, high = float(finite.min()), float(finite.max())
    if high - low < 1e-12:
        return np.where(np.isfinite(values), 0.5, 0.0)
    return (values - low) / (high - low)


def _cell_colours(measure: str, values: np.ndarray) -> np.ndarray:
    """RGBA per cell: the results table's band colour of each value (computed once per distinct value, so the
    heatmap and the table always agree), or a blue shade for measures without bands; grey where undefined."""
    rgba = np.zeros((*values.shape, 4))
    rgba[...] = to_rgba(UNDEFINED)
    defined = ~np.isnan(values)
    if not defined.any():
        return rgba
    if measure in BAND_OF_MEASURE:
        distinct, inverse = np.unique(values[defined], return_inverse=True)
        colours = np.array([to_rgba(band_colour(measure, float(v)) or UNDEFINED) for v in distinct.tolist()])
        rgba[defined] = colours[inverse.reshape(-1)]
    else:
        rgba[defined] = colormaps["Blues"](0.08 + 0.5 * _shade(values)[defined])
    return rgba


def _box_aspect(figure: MplFigure, n_rows: int, n_columns: int) -> float:
    """Height/width of the cell grid: fill the figure, but keep cells between 0.4 and 2.5 times as wide as high."""
    width, height = (float(inches) for inches in figure.get_size_inches())
    natural = (0.7 * width / n_columns) / (0.8 * height / n_rows)
    ratio = min(max(natural, 0.4), 2.5)
    return n_rows / (n_columns * ratio)


def _path_names(row: Row, labels: CodeLabels | None) -> list[str]:
    """The names along a row's code path, as ``labels`` shows them (as the run stored them when None)."""
    if labels is None or row.pooled:
        return row.code_name.split("/")
    own = row.code_name.endswith(OWN_CODINGS_SUFFIX)
    path = row.code_name[:-len(OWN_CODINGS_SUFFIX)] if own else row.code_name
    names = labels.path(path, row.code_uuid, "\0").split("\0")  # NUL: never part of a name
    return [*names[:-1], names[-1] + OWN_CODINGS_SUFFIX] if own else names


def row_labels(rows: Sequence[Row], code_labels: CodeLabels | None = None) -> list[str]:
    """Each code by its leaf name, lengthened by its parents where two codes share a leaf ("Social functions"
    under two parents reads "Owner functions/Social functions"); pools by their full name. Codes are named as
    ``code_labels`` names them (the codebook's Chinese names in a Chinese interface)."""
    paths = [_path_names(r, code_labels) for r in rows]
    depth = [1] * len(rows)
    while True:
        labels = [r.code_name if r.pooled else "/".join(p[-d:]) for r, p, d in zip(rows, paths, depth, strict=True)]
        seen: dict[str, list[int]] = {}
        for i, (row, label) in enumerate(zip(rows, labels, strict=True)):
            if not row.pooled:
                seen.setdefault(label, []).append(i)
        clashes = [i for same in seen.values() if len(same) > 1 for i in same if depth[i] < len(paths[i])]
        if not clashes:
            return [code_title(label, row.pooled) for label, row in zip(labels, rows, strict=True)]
        for i in clashes:
            depth[i] += 1


def draw_heatmap(figure: MplFigure, run: RunView, measure: str, units: str, columns: str = "pairs",
                 code_labels: CodeLabels | None = None) -> int:
    """Draw the heatmap of ``measure`` over ``units``; returns the number of cells with a value."""
    rows, labels, values = heatmap_data(run, measure, units, columns)
    figure.clear()
    families = font_families()
    if not rows or not labels:
        figure.text(0.5, 0.5, translate("AgreementCharts", "Nothing to show"), ha="center", va="center",
                    fontfamily=families)
        return 0
    axes = figure.add_subplot()
    axes.imshow(_cell_colours(measure, values), aspect="auto", interpolation="nearest")
    axes.set_box_aspect(_box_aspect(figure, len(rows), len(labels)))
    named = len(labels) <= MAX_NAMED_COLUMNS
    if named:
        axes.set_xticks(range(len(labels)), labels, rotation=30 if len(labels) > 3 else 0,
                        ha="right" if len(labels) > 3 else "center", fontsize=8, fontfamily=families)
    else:  # thousands of documents: a label (and a tick object) each would be unreadable and take seconds
        axes.set_xticks([])
        axes.set_xlabel(translate("AgreementCharts", "{count} documents, in the order of the run (the table names "
                                  "them)").format(count=f"{len(labels):,}"), fontsize=8, fontfamily=families)
    axes.set_yticks(range(len(rows)), row_labels(rows, code_labels), fontsize=8, fontfamily=families)
    for tick, row in zip(axes.get_yticklabels(), rows, strict=True):
        if row.pooled:
            tick.set_fontweight("bold")
    if len(rows) * len(labels) <= 400:  # values written in the cells while they are big enough to read
        for (i, j), value in np.ndenumerate(values):
            text = "–" if np.isnan(value) else fixed(value, 0 if measure == DISAGREEMENTS else 2)
            axes.text(j, i, text, ha="center", va="center", fontsize=7.5, color="#1f2328")
    if named:
        axes.set_xticks(np.arange(-0.5, len(labels), 1), minor=True)
        axes.set_yticks(np.arange(-0.5, len(rows), 1), minor=True)
        axes.grid(which="minor", color="white", linewidth=1.5)
    axes.tick_params(which="both", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    units_text = units_title("all" if units == "all" else "coded")
    axes.set_title(f"{title_of(measure)} — {units_text}", fontsize=10, loc="left", fontfamily=families)
    _band_legend(figure, measure)
    return int(np.isfinite(values).sum())


def _band_legend(figure: MplFigure, measure: str) -> None:
    kind = BAND_OF_MEASURE.get(measure)
    entries: Sequence[tuple[str, str]]  # (legend text, band)
    if kind == "krippendorff":
        entries, colours, title = KRIPPENDORFF_LEGEND, KRIPPENDORFF_COLOURS, "Krippendorff (2004)"
    elif kind == "landis-koch":
        entries, colours, title = LANDIS_KOCH_LEGEND, LANDIS_KOCH_COLOURS, "Landis & Koch (1977)"
    else:
        return
    handles = [Patch(facecolor=colours[key], edgecolor="none", label=translate("AgreementBands", text))
               for text, key in entries]
    handles.append(Patch(facecolor=UNDEFINED, edgecolor="none", label=translate("AgreementCharts", "undefined")))
    families = font_families()
    figure.legend(handles=handles, loc="outside lower center", ncol=min(len(handles), 7), frameon=False,
                  prop={"family": families, "size": 7.5}, title=title,
                  title_fontproperties={"family": families, "size": 8})


# ------------------------------------------------------------------------------------------------
# A measure over runs
# ------------------------------------------------------------------------------------------------


def draw_series(figure: MplFigure, points: Sequence[SeriesPoint], measure: str, title: str,
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
    axes.set_ylabel(title_of(measure), fontsize=8.5, fontfamily=families)
    return len(defined)


__all__ = ["IMAGE_SUFFIXES", "ChartCanvas", "draw_heatmap", "draw_series", "font_families", "heatmap_data"]
