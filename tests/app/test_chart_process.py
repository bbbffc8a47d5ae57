"""Charts are built, drawn and saved in one child process (issue 13): matplotlib's drawing held the GIL in long C
calls and froze the window from a worker thread. The child speaks the caller's language, sends a builder's refusal
back as itself, is replaced when it dies, and the window's process never loads matplotlib to show a chart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from coding import chart_process
from coding.analysis.charts import code_frequency_chart, word_chart
from coding.chart_process import ChartRecipe
from coding.errors import ConcordError, ValidationError
from coding.i18n import CHINESE, ENGLISH, set_language
from tests.app import chart_builders
from tests.app.chart_builders import chinese_words, code_counts

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"


def test_a_chart_drawn_in_the_child_is_an_image_of_the_figures_size() -> None:
    recipe = ChartRecipe(code_frequency_chart, (code_counts(),), {"measure": "codings"})
    drawn = chart_process.draw(recipe)
    assert drawn is not None
    figure = chart_process.build_here(recipe)  # the same figure, built in this process
    assert figure is not None
    width, height = figure.get_size_inches()
    assert (drawn.width, drawn.height) == (round(width * 96), round(height * 96))
    assert len(drawn.pixels) == 4 * drawn.width * drawn.height
    assert set(drawn.pixels[0::4]) != {255}, "bars and labels, not a blank image"
    assert drawn.cells is None
    assert chart_process.child_pid() != os.getpid()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="process priorities are POSIX")
def test_the_child_runs_behind_the_window_at_a_lower_cpu_priority() -> None:
    pid = chart_process.child_pid()
    assert os.getpriority(os.PRIO_PROCESS, pid) == min(19, os.getpriority(os.PRIO_PROCESS, 0)
                                                      + chart_process.CHILD_NICENESS)


def test_a_drawing_builder_gets_a_blank_figure_of_the_size_asked_and_its_return_value_is_kept() -> None:
    drawn = chart_process.draw(ChartRecipe(chart_builders.word_axis_label, (chinese_words(),), size=(3.0, 2.0)))
    assert drawn is not None and (drawn.width, drawn.height) == (288, 192)
    assert drawn.cells == "Occurrences"


def test_a_builder_without_a_figure_gives_none() -> None:
    assert chart_process.draw(ChartRecipe(chart_builders.nothing)) is None


def test_the_child_draws_in_the_callers_language() -> None:
    recipe = ChartRecipe(chart_builders.word_axis_label, (chinese_words(),), size=(3.0, 2.0))
    set_language(CHINESE)
    try:
        here = word_chart(chinese_words()).axes[0].get_xlabel()
        drawn = chart_process.draw(recipe)
    finally:
        set_language(ENGLISH)
    assert here != "Occurrences"  # the shipped Chinese catalogue translates it
    assert drawn is not None and drawn.cells == here
    again = chart_process.draw(recipe)  # the next request, in English again
    assert again is not None and again.cells == "Occurrences"


def test_save_writes_png_and_svg_in_the_child(tmp_path: Path) -> None:
    recipe = ChartRecipe(word_chart, (chinese_words(),))
    assert chart_process.save(recipe, tmp_path / "words.png") == tmp_path / "words.png"
    assert (tmp_path / "words.png").read_bytes()[:8] == PNG
    chart_process.save(recipe, tmp_path / "words.svg")
    assert "<svg" in (tmp_path / "words.svg").read_text(encoding="utf-8")[:1000]


def test_save_refuses_a_wrong_suffix_a_missing_folder_or_an_unwritable_file_and_writes_nothing(
        tmp_path: Path) -> None:
    recipe = ChartRecipe(word_chart, (chinese_words(),))
    with pytest.raises(ValidationError, match=r"words\.jpg: charts are written as \.png or \.svg"):
        chart_process.save(recipe, tmp_path / "words.jpg")
    with pytest.raises(ValidationError, match="folder .*missing does not exist"):
        chart_process.save(recipe, tmp_path / "missing" / "words.png")
    taken = tmp_path / "taken.png"
    taken.mkdir()  # a folder where the file should go: the child cannot write it
    with pytest.raises(ValidationError, match=r"taken\.png: cannot write the chart"):
        chart_process.save(recipe, taken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.png"] and not any(taken.iterdir())


def test_a_builders_refusal_comes_back_as_itself_and_a_bug_as_one_line() -> None:
    with pytest.raises(ValidationError, match="^no such measure$"):
        chart_process.draw(ChartRecipe(chart_builders.refusing, ("no such measure",), size=(2.0, 2.0)))
    with pytest.raises(ConcordError) as bug:
        chart_process.draw(ChartRecipe(chart_builders.buggy))
    assert "IndexError" in str(bug.value) and "\n" not in str(bug.value)
    assert chart_process.draw(ChartRecipe(word_chart, (chinese_words(),))) is not None  # the child goes on


def test_a_killed_child_fails_its_chart_and_is_replaced_for_the_next(tmp_path: Path) -> None:
    pid = chart_process.child_pid()
    marker = tmp_path / "started"
    outcome: list[BaseException | object] = []

    def wait_for_the_slow_chart() -> None:
        try:
            outcome.append(chart_process.draw(ChartRecipe(chart_builders.slow, (str(marker),), size=(2.0, 2.0))))
        except BaseException as exc:  # noqa: BLE001 (what the caller got is the point of the test)
            outcome.append(exc)

    waiting = threading.Thread(target=wait_for_the_slow_chart)
    waiting.start()
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the slow chart never started"
    os.kill(pid, signal.SIGKILL)
    waiting.join(60)
    assert len(outcome) == 1 and isinstance(outcome[0], ConcordError)
    assert "chart process ended unexpectedly" in str(outcome[0])
    assert chart_process.draw(ChartRecipe(word_chart, (chinese_words(),))) is not None
    assert chart_process.child_pid() not in (pid, os.getpid())


# Shows a code-frequency chart in a ChartPanel offscreen, then reports what this process loaded and how it ended.
PANEL_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
from app.analysis.common import ChartImage, ChartPanel
from coding.analysis.charts import code_frequency_chart
from tests.app.chart_builders import code_counts
import app.agreement.compare_window, app.agreement.runs_panel, app.analysis.window  # every view with a chart
qt = QApplication([])
panel = ChartPanel("Code frequencies")
shown = []
panel.drawn.connect(lambda: shown.append(isinstance(panel.canvas, ChartImage)))
panel.show_chart(code_frequency_chart, code_counts(), measure="codings")
import time
deadline = time.monotonic() + 120
while not shown and time.monotonic() < deadline:
    qt.processEvents()
    time.sleep(0.01)
print("REPORT " + json.dumps({"shown": shown, "matplotlib": "matplotlib" in sys.modules,
                              "size": [panel.canvas.pixmap.width(), panel.canvas.pixmap.height()]}))
"""


def test_the_window_process_shows_a_chart_without_loading_matplotlib_and_exits_cleanly() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run([sys.executable, "-c", PANEL_SCRIPT], cwd=ROOT, env=environment,
                               capture_output=True, text=True, timeout=180)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "Traceback" not in completed.stderr, completed.stderr[-3000:]
    line = next(line for line in completed.stdout.splitlines() if line.startswith("REPORT "))
    report = json.loads(line.removeprefix("REPORT "))
    assert report["shown"] == [True]
    assert report["matplotlib"] is False, "the window's process loaded matplotlib to show a chart"
    assert report["size"] == [8 * 96, 2.5 * 96]  # code_frequency_chart's figure: 8 × 2.5 inches


def test_the_chart_panel_saves_through_the_child_and_shows_its_refusal(qtbot, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                                       tmp_path: Path) -> None:
    from app import dialogs
    from app.analysis.common import ChartPanel

    panel = ChartPanel("Word frequencies")
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.drawn, timeout=30_000):
        panel.show_chart(word_chart, chinese_words())
    answers = [tmp_path / "words.svg", tmp_path / "taken.png"]
    monkeypatch.setattr(dialogs, "save_file", lambda *args, **kwargs: str(answers.pop(0)))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, *args, **kwargs: errors.append(message))
    remembered: list[Path] = []
    panel.saved = remembered.append
    with qtbot.waitSignal(panel.written, timeout=30_000):
        assert panel.save() == tmp_path / "words.svg"
    assert "<svg" in (tmp_path / "words.svg").read_text(encoding="utf-8")[:1000]
    assert remembered == [tmp_path / "words.svg"]
    (tmp_path / "taken.png").mkdir()  # a folder where the file should go
    panel.save()
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    assert len(errors) == 1 and "taken.png: cannot write the chart" in errors[0]
    assert remembered == [tmp_path / "words.svg"] and not any((tmp_path / "taken.png").iterdir())
