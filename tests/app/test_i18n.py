"""The interface language (issue 16): the shipped catalogues are current, the language is chosen as documented,
and switching it at run time rebuilds the window on the same project, coder and document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from app import i18n
from app.main import MainWindow, install_features

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_qm_is_the_compilation_of_the_ts(tmp_path: Path) -> None:
    compiled = i18n.release_catalogue(i18n.CHINESE, tmp_path / "fresh.qm")
    assert compiled.read_bytes() == i18n.qm_path().read_bytes(), "run `python -m app.i18n release`"


def test_ts_catalogue_holds_exactly_the_strings_of_the_sources(tmp_path: Path) -> None:
    """lupdate over the sources into a copy of the catalogue changes nothing: no string added to the code without
    its catalogue entry, none left behind after it was removed."""
    copy = tmp_path / i18n.ts_path().name
    shutil.copyfile(i18n.ts_path(), copy)
    i18n.update_catalogue(ROOT, target=copy)
    assert copy.read_text(encoding="utf-8") == i18n.ts_path().read_text(encoding="utf-8"), (
        "run `python -m app.i18n update`, translate, then `python -m app.i18n release`")


def test_every_catalogue_entry_is_translated() -> None:
    text = i18n.ts_path().read_text(encoding="utf-8")
    assert text.count("<message") > 0
    assert 'type="unfinished"' not in text and "<translation></translation>" not in text


@pytest.mark.parametrize(("requested", "saved", "expected"), [
    ("zh_CN", "en", "zh_CN"),  # the command line first
    (None, "zh_CN", "zh_CN"),  # then the user's choice
    ("zh-Hans-CN", None, "zh_CN"),
    ("fr", "en", "en"),  # a language Concord does not have falls through
])
def test_interface_language_order(tmp_path: Path, requested: str | None, saved: str | None, expected: str) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    if saved:
        settings.setValue(i18n.SETTING, saved)
    assert i18n.interface_language(settings, requested) == expected


def test_system_locale_decides_when_nothing_was_chosen(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    expected = i18n.normalised(QLocale.system().name()) or i18n.ENGLISH
    assert i18n.interface_language(settings) == expected


def test_switching_language_keeps_the_project_coder_and_document(qtbot, sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert app is not None
    window = MainWindow(sample.path, settings, coder="Alice")
    install_features(window)
    window.show()
    window.open_document(sample.zh_id)
    assert window.language_menu.title() == "&Language"
    try:
        chinese = i18n.switch_language(window, i18n.CHINESE)
        qtbot.addWidget(chinese)
        assert chinese is not window and not window.isVisible()
        assert i18n.TRANSLATORS.language == "zh_CN"
        assert QCoreApplication.translate("i18n", "&Language") == "语言(&L)"
        assert chinese.language_menu.title() == "语言(&L)"
        assert [a.isChecked() for a in chinese.language_menu.actions()] == [False, True]
        assert chinese.bench is not None and chinese.bench.coder_name == "Alice"
        assert chinese.document_id == sample.zh_id
        assert settings.value(i18n.SETTING) == "zh_CN"
        # Qt's own catalogue is in too: its standard buttons read Chinese.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"

        english = i18n.switch_language(chinese, i18n.ENGLISH)
        qtbot.addWidget(english)
        assert english.language_menu.title() == "&Language"
        assert english.bench is not None and english.document_id == sample.zh_id
        assert settings.value(i18n.SETTING) == "en"
        english.close()
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)
