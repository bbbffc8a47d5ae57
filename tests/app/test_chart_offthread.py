"""Analysis charts are built and drawn in a worker thread and shown as an image (issue 13: the first chart froze
the window while matplotlib laid it out); a newer chart replaces one still being drawn."""

from __future__ import annotations

import threading

from matplotlib.figure import Figure

from app.analysis.common import ChartImage, ChartPanel


def bar_chart(title: str, built_in: list[threading.Thread]) -> Figure:
    built_in.append(threading.current_thread())
    figure = Figure(figsize=(5, 2))
    figure.add_subplot().bar(["a", "b"], [1, 2])
    figure.suptitle(title)
    return figure


def test_a_chart_is_built_off_the_gui_thread_and_shown_as_an_image(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    built_in: list[threading.Thread] = []
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(lambda: bar_chart("counts", built_in))
        assert panel.pending and panel.canvas is None
    assert built_in and built_in[0] is not threading.main_thread()
    assert isinstance(panel.canvas, ChartImage) and panel.canvas is panel.scroll_area.widget()
    assert (panel.canvas.pixmap.width(), panel.canvas.pixmap.height()) == (5 * 96, 2 * 96)
    assert panel.figure is not None and panel.figure.get_suptitle() == "counts"
    assert not panel.pending and panel.save_button.isEnabled()
    assert panel.canvas.heightForWidth(240) == 96  # scaled down to the width there is, proportions kept


def test_a_newer_chart_replaces_one_still_being_drawn(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    built_in: list[threading.Thread] = []
    release = threading.Event()

    def slow() -> Figure:
        release.wait(10)
        return bar_chart("old", built_in)

    panel.show_chart(slow)
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(lambda: bar_chart("new", built_in))
    release.set()
    qtbot.wait(300)
    assert panel.figure is not None and panel.figure.get_suptitle() == "new"


def test_nothing_to_chart_shows_the_message_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = ChartPanel("Code frequencies")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(lambda: None, "No codes to chart.")
    assert panel.figure is None and panel.canvas is None and not panel.save_button.isEnabled()


def test_agreement_canvas_draws_one_chart_at_a_time_and_the_latest_wins(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The agreement window's ChartCanvas: charts asked for while one is being drawn wait, and only the last of
    them is drawn next (two workers drawing at once would take the GIL from the GUI thread for nothing)."""
    from app.agreement.charts import ChartCanvas

    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(500, 300)
    canvas.show()
    qtbot.waitExposed(canvas)
    release = threading.Event()
    built: list[str] = []

    def build(name: str, cells: int):  # type: ignore[no-untyped-def]
        def draw(figure: Figure) -> int:
            if name == "first":
                release.wait(30)
            built.append(name)
            figure.add_subplot().bar(["a"], [cells])
            return cells
        return draw

    canvas.show_chart(build("first", 1))
    canvas.show_chart(build("second", 2))
    canvas.show_chart(build("third", 3))
    assert canvas.pending
    with qtbot.waitSignal(canvas.drawn, timeout=30_000):
        release.set()
    assert built == ["first", "third"]  # the second was never drawn: the third replaced it while it waited
    assert canvas.cells == 3 and not canvas.pending and canvas.image is not None
    assert canvas.figure.axes and canvas.figure.axes[0].patches[0].get_height() == 3
