"""Analysis charts are built and drawn away from the GUI thread and shown as an image (issue 13: the first chart
froze the window while matplotlib laid it out); since then in the chart process (``coding.chart_process``), whose
drawing no longer takes the window's GIL. A newer chart replaces one still being drawn."""

from __future__ import annotations

import os
from pathlib import Path

from app.analysis.common import ChartImage, ChartPanel
from coding.chart_process import ChartRecipe
from tests.app import chart_builders


def test_a_chart_is_built_off_the_gui_thread_and_shown_as_an_image(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    built_in = tmp_path / "pid"
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(chart_builders.titled_bars, "counts", str(built_in))
        assert panel.pending and panel.canvas is None
    assert int(built_in.read_text(encoding="utf-8")) != os.getpid()  # built in the chart process
    assert isinstance(panel.canvas, ChartImage) and panel.canvas is panel.scroll_area.widget()
    assert (panel.canvas.pixmap.width(), panel.canvas.pixmap.height()) == (5 * 96, 2 * 96)
    assert panel.figure is not None and panel.figure.get_suptitle() == "counts"  # built here on demand
    assert not panel.pending and panel.save_button.isEnabled()
    assert panel.canvas.heightForWidth(240) == 96  # scaled down to the width there is, proportions kept


def test_a_newer_chart_replaces_one_still_being_drawn(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    release = tmp_path / "release"
    shown: list[str] = []
    panel.drawn.connect(lambda: shown.append(panel.recipe.args[0] if panel.recipe else ""))
    panel.show_chart(chart_builders.titled_bars_once_released, "old", str(release))
    panel.show_chart(chart_builders.titled_bars, "new")
    with qtbot.waitSignal(panel.drawn, timeout=60_000):
        release.write_text("go", encoding="utf-8")
    qtbot.wait(300)
    assert shown == ["new"]  # the old chart, drawn first, was dropped
    assert panel.figure is not None and panel.figure.get_suptitle() == "new"


def test_a_panel_draws_one_chart_at_a_time_and_the_latest_wins(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Charts asked for while one is being drawn wait, and only the last of them is drawn next: the one chart
    process would otherwise draw each, delaying every other view's chart."""
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    release, log = tmp_path / "release", tmp_path / "drawn.txt"
    panel.show_chart(chart_builders.logged_bars, "first", str(log), str(release))
    panel.show_chart(chart_builders.logged_bars, "second", str(log))
    panel.show_chart(chart_builders.logged_bars, "third", str(log))
    with qtbot.waitSignal(panel.drawn, timeout=60_000):
        release.write_text("go", encoding="utf-8")
    assert log.read_text(encoding="utf-8").split() == ["first", "third"]
    assert panel.recipe is not None and panel.recipe.args[0] == "third" and not panel.pending


def test_nothing_to_chart_shows_the_message_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(chart_builders.nothing, message="No codes to chart.")
    assert panel.figure is None and panel.canvas is None and not panel.save_button.isEnabled()
    assert panel.scroll_area.widget().text() == "No codes to chart."


def test_a_recipe_can_be_shown_as_it_is(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    recipe = ChartRecipe(chart_builders.titled_bars, ("ready",), {"width": 3.0})
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(recipe)
    assert panel.recipe is recipe and isinstance(panel.canvas, ChartImage)
    assert panel.canvas.pixmap.width() == 3 * 96


def test_agreement_canvas_draws_one_chart_at_a_time_and_the_latest_wins(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The agreement window's ChartCanvas: charts asked for while one is being drawn wait, and only the last of
    them is drawn next (drawing the others would only keep the chart process busy with charts nobody sees)."""
    from app.agreement.charts import ChartCanvas

    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(500, 300)
    canvas.show()
    qtbot.waitExposed(canvas)
    release, log = tmp_path / "release", tmp_path / "drawn.txt"
    canvas.show_chart(chart_builders.logged_bar, "first", 1, str(log), str(release))
    canvas.show_chart(chart_builders.logged_bar, "second", 2, str(log))
    canvas.show_chart(chart_builders.logged_bar, "third", 3, str(log))
    assert canvas.pending
    with qtbot.waitSignal(canvas.drawn, timeout=60_000):
        release.write_text("go", encoding="utf-8")
    # the second was never drawn: the third replaced it while it waited
    assert log.read_text(encoding="utf-8").split() == ["first", "third"]
    assert canvas.cells == 3 and not canvas.pending and canvas.image is not None
    assert canvas.image.pixmap.size().toTuple() == (500, 300)  # drawn at the canvas's size
    figure = canvas.figure
    assert figure is not None and figure.axes[0].patches[0].get_height() == 3
