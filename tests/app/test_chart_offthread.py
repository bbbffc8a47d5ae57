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
