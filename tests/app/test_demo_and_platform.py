"""The real demo project in the window, the no-display messages, and following the system palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from app import dialogs, main, platform
from app.main import MainWindow
from app.platform import display_problem
from tests.app.helpers import rows


@pytest.fixture(scope="module")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    demo = pytest.importorskip("coding.demo")
    return demo.build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")


def test_demo_opens_as_its_first_coder_and_codes(qtbot, demo_project: Path, tmp_path: Path, settings, messages,
                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    project = tmp_path / "demo.concord"
    shutil.copy(demo_project, project)
    monkeypatch.setattr(dialogs, "choose_coder", lambda *args: pytest.fail("the demo must not ask who is coding"))
    window = MainWindow(project, settings, demo=True)
    qtbot.addWidget(window)
    window.show()
    coders = [name for (name,) in rows(project, "SELECT name FROM coders WHERE is_consensus = 0 ORDER BY name")]
    assert window.bench is not None and window.bench.coder_name == coders[0]
    assert window.bench.blind  # two coders: blind by default
    assert len(window.documents_model.rows) == len(rows(project, "SELECT id FROM documents"))
    coder_id = window.bench.coder_id
    shown = {c.coder_id for c in window.transcript.codings}
    assert shown == {coder_id}
    assert window.segments_model.rowCount() == len(window.transcript.codings)
    chinese = next(row for row in window.documents_model.rows if row.language == "zh")
    window.open_document(chinese.id)
    text = window.transcript.document.text
    start = next(i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff" and i > 40)
    window.transcript.select(start, start + 6)
    before = rows(project, "SELECT count(*) FROM codings WHERE coder_id = ?", coder_id)[0][0]
    window.apply_slot(1)
    assert rows(project, "SELECT count(*) FROM codings WHERE coder_id = ?", coder_id)[0][0] == before + 1
    window.close()


@pytest.mark.parametrize(
    ("environ", "missing", "expected"),
    [
        ({}, [], "no display: set DISPLAY or run with QT_QPA_PLATFORM=offscreen"),
        ({"QT_QPA_PLATFORM": "offscreen"}, [], None),
        ({"DISPLAY": ":0"}, [], None),
        ({"DISPLAY": ":0"}, ["xcb-cursor"], "apt-get install -y libxcb-cursor0"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, ["xcb-cursor"], None),
        ({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0"}, ["xcb-cursor"], "libxcb-cursor"),
    ],
)
def test_display_problems_are_explained(environ, missing, expected, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(platform.sys, "platform", "linux")
    monkeypatch.setattr(platform.ctypes.util, "find_library", lambda name: None if name in missing else f"lib{name}.so")
    problem = display_problem(environ)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in problem


def test_run_gui_says_why_and_exits_1_without_a_display(monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(main, "display_problem", lambda: "Concord cannot open its window: no display: set DISPLAY")
    assert main.run_gui(None) == 1
    assert "no display" in capsys.readouterr().err


def test_highlights_follow_a_dark_palette(window: MainWindow) -> None:
    view = window.transcript
    light_base = view.painter.base
    palette = QPalette(view.palette())
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#dfe1e5"))
    view.setPalette(palette)
    assert view.painter.dark and view.painter.base != light_base
    tint = view.painter.colour_of((next(iter(window.code_infos)),))
    assert tint.lightness() < 128


def test_feature_packages_are_installed_when_present(window: MainWindow, monkeypatch) -> None:
    import sys
    import types

    from PySide6.QtGui import QAction

    feature = types.ModuleType("fake_feature")
    feature.install = lambda win: win.add_tool_action("Analysis", QAction("Frequencies", win))  # type: ignore[attr-defined]
    broken = types.ModuleType("broken_feature")
    broken.install = lambda win: 1 / 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_feature", feature)
    monkeypatch.setitem(sys.modules, "broken_feature", broken)
    installed = main.install_features(window, ("fake_feature", "broken_feature", "no_such_feature_module"))
    assert installed == ["fake_feature"]
    assert [a.text() for a in window.tool_menu("Analysis").actions()] == ["Frequencies"]


def test_pyside_reads_only_concords_own_sources_at_import() -> None:
    """PySide's import hook reads the source of every module imported after it (for ``__feature__``); Concord limits
    it to its own packages, so the warm-up's imports of numpy, scipy and matplotlib skip that work."""
    import json
    import sys

    import app  # noqa: F401  (limits the hook)
    import app.main
    from app.platform import skip_pyside_source_scans

    scan = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert getattr(scan, "concord_limited", False) and skip_pyside_source_scans()  # limited once, found again
    assert scan(app.main) is True  # Concord's own modules are still read: app.main uses PySide6
    assert scan(json) is False  # anything else is left alone without reading its source
