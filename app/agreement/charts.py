"""The agreement window's charts: a heatmap (codes × coder pairs, or codes × documents) and a line of one measure
across stored runs, drawn in the chart process (``coding.chart_process``) and shown as images (``ChartCanvas``);
they save as PNG or SVG.

The drawing itself is ``coding.agreement.chart_drawing`` (matplotlib, no Qt); this module computes what a heatmap
shows from the window's run (:func:`heatmap_spec`, in a worker thread: the run stays in this process) and keeps
matplotlib out of the window's process. Cells are coloured with the same band colours as the results table, so
the two always tell the same story.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QWidget

from app.agreement.colours import (
    KRIPPENDORFF_COLOURS,
    KRIPPENDORFF_LEGEND,
    LANDIS_KOCH_COLOURS,
    LANDIS_KOCH_LEGEND,
    title_of,
)
from app.agreement.results_model import Row, RunView, code_title, units_title
from app.analysis.common import ChartImage, drawn_image
from app.code_labels import CodeLabels
from app.operations import Operation
from coding import chart_process
from coding.agreement.bands import BAND_OF_MEASURE
from coding.agreement.chart_drawing import HeatmapSpec, draw_heatmap, draw_message, draw_series
from coding.agreement.compare import DISAGREEMENTS, OWN_CODINGS_SUFFIX
from coding.agreement.figure_table import NO_LEVEL
from coding.chart_process import ChartRecipe
from coding.errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

IMAGE_SUFFIXES = (".png", ".svg")
DPI = 96  # the canvas's pixels per figure inch, as the analysis window's charts
SAVE_DPI = 150
RESIZE_REDRAW_MS = 250  # a resize draws the chart again once the user has stopped dragging
EMPTY_SIZE = (7.0, 4.5)  # inches: a message saved as a chart
# Texts of the window's side (column labels, titles) are translated here, in a worker thread
# (QCoreApplication.translate is thread-safe); the chart's own texts in the chart process (coding.i18n).
translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
Builder = Callable[..., int]  # draws into the blank figure it is given first, returns its count of cells
Arguments = tuple[Any, ...]


class ChartCanvas(QWidget):
    """A chart in the window, with a white background like the exported image.

    ``show_chart(builder, *args)`` (or ``compute=`` a function giving the arguments, run in the worker) has the
    chart process draw ``builder(figure, *args)`` into a blank figure the size of the canvas, then shows the image:
    at 100× a heatmap takes 0.4 s to draw, which the window must not freeze for (nor lose its GIL to). A chart on
    a hidden tab is drawn when the tab is shown; a resize draws it again at the new size (the old image, scaled,
    stands in meanwhile). ``recipe`` is the chart last shown (what ``save`` writes; ``figure`` builds it here);
    ``cells`` what its builder returned; ``drawn`` is emitted when a chart (or a message) shows."""

    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recipe: ChartRecipe | None = None
        self.cells = 0
        self.pending = False  # a chart is being drawn in the chart process
        self._builder: Builder | None = None  # the chart asked for (redrawn at a new size after a resize)
        self._args: Arguments | None = None  # its arguments, once known
        self._compute: Callable[[], Arguments] | None = None  # what gives them, in the worker
        self._draw_when_shown = False
        self._drawing = False  # a worker is waiting for a chart
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
        chart_process.start()  # a chart will be asked for soon: the chart process starts loading matplotlib now

    @property
    def figure(self) -> Figure | None:
        """The chart last shown, built in this process (scripts and tests); None before the first."""
        return chart_process.build_here(self.recipe) if self.recipe is not None else None

    def show_chart(self, builder: Builder, *args: Any, compute: Callable[[], Arguments] | None = None) -> None:
        """Draw ``builder(figure, *args)`` (a module-level function: it is sent to the chart process), or with the
        arguments ``compute()`` returns in the worker thread."""
        self._builder, self._args, self._compute = builder, (None if compute is not None else args), compute
        self._start()

    def _size(self) -> tuple[float, float]:
        return max(self.width(), 320) / DPI, max(self.height(), 220) / DPI

    def _start(self) -> None:
        self._generation += 1
        self.pending = True
        if not self.isVisible():
            self._draw_when_shown = True
            return
        self._draw_when_shown = False
        if not self._drawing:  # else the chart being drawn is left to finish, then the latest one asked is drawn
            self._draw_latest()

    def _draw_latest(self) -> None:
        """Draw the chart last asked for, one at a time: a chart drawn meanwhile would only be one nobody sees."""
        builder, args, compute, generation = self._builder, self._args, self._compute, self._generation
        if builder is None:
            return
        self._drawing = True
        size = self._size()

        def work(_progress: object, _cancelled: object) -> tuple[ChartRecipe, Any, QImage | None]:
            known = args if args is not None else (compute() if compute is not None else ())
            recipe = ChartRecipe(builder, known, size=size)
            image, cells = drawn_image(recipe, DPI)
            return recipe, cells, image

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

    def _rendered(self, generation: int, result: tuple[ChartRecipe, Any, QImage | None]) -> None:
        if not self._drawn_one(generation):
            return
        recipe, cells, image = result
        self.recipe, self.cells, self.pending = recipe, int(cells or 0), False
        self._args = recipe.args  # a redraw at another size needs no new computing
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
        """Show ``message`` instead of a chart (saved, it is a chart of that message)."""
        self._generation += 1  # a chart still being drawn is not wanted any more
        self._builder, self._args, self._compute = None, None, None
        self.pending, self._draw_when_shown, self.cells = False, False, 0
        self.recipe = ChartRecipe(draw_message, (message,), size=EMPTY_SIZE)
        self.message.setText(message)
        self.stack.setCurrentWidget(self.message)
        self.drawn.emit()

    def _redraw(self) -> None:
        if self._builder is not None and not self.pending:
            self._start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.image is not None:
            self._resized.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._draw_when_shown and self._builder is not None:
            self._start()

    def _asked(self) -> ChartRecipe:
        """The chart to save: the one asked for when it is not on screen yet, else the one shown."""
        if self.pending and self._builder is not None:
            args = self._args if self._args is not None else (self._compute() if self._compute is not None else ())
            return ChartRecipe(self._builder, args, size=self._size())
        return self.recipe or ChartRecipe(draw_message, ("",), size=EMPTY_SIZE)

    def save(self, path: str | Path) -> Path:
        """Write the chart as .png (150 dpi) or .svg, in the chart process (this waits for it); a ValidationError
        names a wrong suffix or an unwritable file."""
        target = Path(path)
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValidationError(translate("AgreementCharts", "{file}: save the chart as .png or .svg").format(
                file=target.name))
        return chart_process.save(self._asked(), target, dpi=SAVE_DPI)


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
    """For each row of ``keys`` (integer columns), its position in ``wanted``, or -1.

    Each row is packed into one integer (the columns as digits of mixed radix) and looked up by binary search in the
    sorted packed ``wanted``: plain integer sorts and searches. ``np.unique(axis=0)`` sorted the rows as structured
    values, holding the GIL throughout: a 140 ms freeze of the window for a heatmap per document at 100×."""
    if len(keys) == 0 or not wanted:
        return np.full(len(keys), -1, dtype=np.int64)
    rows = keys.astype(np.int64).reshape(len(keys), -1)
    targets = np.array(wanted, dtype=np.int64).reshape(len(wanted), -1)
    low = np.minimum(rows.min(axis=0), targets.min(axis=0))
    spans = [int(span) for span in np.maximum(rows.max(axis=0), targets.max(axis=0)) - low + 1]
    if math.prod(spans) >= 2 ** 62:  # cannot happen with string ids and levels; kept exact all the same
        return _index_of_by_rows(rows, targets)
    packed, packed_targets = np.zeros(len(rows), dtype=np.int64), np.zeros(len(targets), dtype=np.int64)
    for column, span in enumerate(spans):
        packed = packed * span + (rows[:, column] - low[column])
        packed_targets = packed_targets * span + (targets[:, column] - low[column])
    order = np.argsort(packed_targets, kind="stable")
    ordered = packed_targets[order]
    at = np.minimum(np.searchsorted(ordered, packed), len(ordered) - 1)
    return np.where(ordered[at] == packed, order[at], -1)


def _index_of_by_rows(rows: np.ndarray, targets: np.ndarray) -> np.ndarray:
    position: dict[tuple[int, ...], int] = {}
    for i, target in enumerate(targets.tolist()):
        position.setdefault(tuple(target), i)
    return np.array([position.get(tuple(row), -1) for row in rows.tolist()], dtype=np.int64)


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


def heatmap_spec(run: RunView, measure: str, units: str, columns: str = "pairs",
                 code_labels: CodeLabels | None = None) -> HeatmapSpec:
    """What the heatmap of ``measure`` over ``units`` shows, in the interface language: computed here from the run
    (hundreds of thousands of figures at 100×: call it in a worker thread), drawn in the chart process from this
    small summary."""
    rows, labels, values = heatmap_data(run, measure, units, columns)
    units_text = units_title("all" if units == "all" else "coded")
    kind = BAND_OF_MEASURE.get(measure)
    band_colours: dict[str, str] | None = None
    legend: Sequence[tuple[str, str]] = ()  # (English text, band)
    legend_title = ""
    if kind == "krippendorff":
        band_colours, legend, legend_title = KRIPPENDORFF_COLOURS, KRIPPENDORFF_LEGEND, "Krippendorff (2004)"
    elif kind == "landis-koch":
        band_colours, legend, legend_title = LANDIS_KOCH_COLOURS, LANDIS_KOCH_LEGEND, "Landis & Koch (1977)"
    return HeatmapSpec(measure, tuple(row_labels(rows, code_labels)), tuple(row.pooled for row in rows),
                       tuple(labels), values, f"{title_of(measure)} — {units_text}",
                       0 if measure == DISAGREEMENTS else 2, band_colours, tuple(legend), legend_title)


__all__ = ["IMAGE_SUFFIXES", "ChartCanvas", "HeatmapSpec", "draw_heatmap", "draw_series", "heatmap_data", "heatmap_spec",
           "row_labels"]
