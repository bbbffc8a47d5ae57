"""The start page's first-run tips: shown at first, closed with ×, still closed after a restart (QSettings in
tmp_path), and back with Help › Show tips."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from app import help as help_feature
from app.main import MainWindow
from app.start_page import TIPS


def open_window(qtbot, ini: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(None, QSettings(str(ini), QSettings.Format.IniFormat))
    help_feature.install(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_tips_show_on_first_run_and_stay_closed_after_a_restart(qtbot, tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    first = open_window(qtbot, ini)
    tips = first.start_page.tips
    assert tips.isVisible() and len(tips.labels) == len(TIPS)
    assert any("F1" in label.text() for label in tips.labels)
    qtbot.mouseClick(tips.close_button, Qt.MouseButton.LeftButton)
    assert not tips.isVisible()
    first.close()

    second = open_window(qtbot, ini)
    assert not second.start_page.tips.isVisible()
    second.close()


def test_help_show_tips_brings_them_back_for_good(qtbot, tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    window = open_window(qtbot, ini)
    qtbot.mouseClick(window.start_page.tips.close_button, Qt.MouseButton.LeftButton)
    tools = help_feature.tools_of(window)
    assert tools.tips_action in window.help_menu.actions()
    tools.tips_action.trigger()
    assert window.start_page.tips.isVisible()
    window.close()

    again = open_window(qtbot, ini)
    assert again.start_page.tips.isVisible()
    again.close()
