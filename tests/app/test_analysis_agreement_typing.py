"""What changed when app/analysis and app/agreement were typed for `mypy --strict` (issue 12): the item models take
a QPersistentModelIndex as well as a QModelIndex, the chart panel no longer hides QWidget.scroll(), and the run
chart narrows its optional values without changing what it draws."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.agreement.charts import ChartCanvas, draw_series
from app.analysis.common import SORT_ROLE, ChartImage, ChartPanel, TableModel, natural_key
from coding.agreement.runs import SeriesPoint
from coding.chart_process import blank_figure
from tests.app import chart_builders


def _model() -> TableModel:
    model = TableModel()
    model.set_table(["Code", "Count", "Flag"], [["Trust", 12, True], ["Care", 3.5, None]])
    return model


def test_table_model_counts_rows_for_the_root_of_either_index_kind() -> None:
    model = _model()
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert (model.rowCount(QModelIndex()), model.rowCount(QPersistentModelIndex())) == (2, 2)
    cell = model.index(0, 0)
    assert model.rowCount(cell) == 0 and model.columnCount(QPersistentModelIndex(cell)) == 0  # a table: no children


def test_table_model_data_is_the_same_through_a_persistent_index() -> None:
    model = _model()
    for row in range(2):
        for column in range(3):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.TextAlignmentRole):
                assert model.data(QPersistentModelIndex(index), role) == model.data(index, role)


def test_table_model_sorts_numbers_as_floats_but_not_booleans() -> None:
    model = _model()
    assert model.data(model.index(0, 1), SORT_ROLE) == 12.0
    assert model.data(model.index(1, 1), SORT_ROLE) == 3.5
    assert model.data(model.index(0, 2), SORT_ROLE) == "true"  # a bool is text, not the number 1
    assert model.data(model.index(1, 2), SORT_ROLE) == ""
    assert model.data(model.index(0, 2), Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DisplayRole) == "12"


def test_natural_key_orders_numbers_before_text() -> None:
    assert sorted(["10", "b", "2", "A"], key=natural_key) == ["2", "10", "A", "b"]


def _figure_and_canvas(panel: ChartPanel) -> tuple[object, object]:
    return panel.figure, panel.canvas


def test_chart_panel_keeps_qwidget_scroll_and_shows_the_figure_in_its_scroll_area(qtbot: QtBot) -> None:
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    panel.scroll(0, 0)  # QWidget.scroll, no longer hidden by the scroll area
    assert isinstance(panel.scroll_area.widget(), QLabel) and not panel.save_button.isEnabled()
    with qtbot.waitSignal(panel.drawn, timeout=30_000):  # drawn in the chart process
        panel.show_chart(chart_builders.titled_bars, "bars", width=3.0, height=2.0)
    assert panel.figure is not None and tuple(panel.figure.get_size_inches()) == (3.0, 2.0)
    assert panel.canvas is not None and panel.canvas is panel.scroll_area.widget()
    assert isinstance(panel.canvas, ChartImage) and panel.canvas.pixmap.height() == 2 * 96
    assert panel.save_button.isEnabled()
    panel.set_figure(None, "Nothing to chart.")
    shown = panel.scroll_area.widget()
    assert isinstance(shown, QLabel) and shown.text() == "Nothing to chart."
    assert not panel.save_button.isEnabled()
    assert _figure_and_canvas(panel) == (None, None)


def _point(run_id: int, value: float | None, low: float | None = None, high: float | None = None) -> SeriesPoint:
    return SeriesPoint(run_id=run_id, run_uuid=f"run-{run_id}", created_at=datetime(2026, 1, run_id, 9, 30),
                       label="", unit="paragraph", value=value, n_units=10, ci_low=low, ci_high=high)


def test_draw_series_plots_defined_values_with_their_intervals(qtbot: QtBot) -> None:
    figure = blank_figure(7, 4.5)
    points = [_point(1, 0.5, -0.2, 0.7), _point(2, None), _point(3, 0.9)]
    assert draw_series(figure, points, "krippendorff_alpha", "Alpha", None) == 2
    axes = figure.axes[0]
    points_drawn = np.asarray(axes.lines[0].get_xydata())
    assert points_drawn.tolist() == [[0, 0.5], [2, 0.9]]  # run 2 has no value: no point
    assert axes.get_ylim()[0] == -0.2 - 0.05  # the lowest interval end sets the floor
    assert sorted(text.get_text() for text in axes.texts if text.get_text()[:1] in "0123456789") == ["0.50", "0.90"]
    canvas = ChartCanvas()  # the same chart in the agreement window's canvas, drawn in the chart process
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    with qtbot.waitSignal(canvas.drawn, timeout=30_000):
        canvas.show_chart(draw_series, points, "krippendorff_alpha", "Alpha", None)
    assert canvas.cells == 2 and canvas.image is not None


def test_draw_series_without_values_says_so() -> None:
    figure = blank_figure(7, 4.5)
    assert draw_series(figure, [_point(1, None)], "krippendorff_alpha", "Alpha", None) == 0
    assert [text.get_text() for text in figure.texts] == ["No stored run has this figure yet"]
