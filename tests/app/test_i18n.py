"""The interface language (issue 16): the shipped catalogues are current, the language is chosen as documented,
and switching it at run time rebuilds the window on the same project, coder and document."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from xml.etree import ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from app import i18n
from app.main import MainWindow, install_features
from app.preferences import ACTION_NAME, PreferencesDialog, edit_menu
from coding import i18n as core_i18n

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", i18n.CATALOGUE_LANGUAGES)
def test_shipped_qm_is_the_compilation_of_the_ts(tmp_path: Path, language: str) -> None:
    compiled = i18n.release_catalogue(language, tmp_path / "fresh.qm")
    assert compiled.read_bytes() == i18n.qm_path(language).read_bytes(), "run `python -m app.i18n release`"


@pytest.mark.parametrize("language", i18n.CATALOGUE_LANGUAGES)
def test_ts_catalogue_holds_exactly_the_strings_of_the_sources(tmp_path: Path, language: str) -> None:
    """lupdate over the sources into a copy of the catalogue changes nothing: no string added to the code without
    its catalogue entry, none left behind after it was removed (English: no plural message)."""
    copy = tmp_path / i18n.ts_path(language).name
    shutil.copyfile(i18n.ts_path(language), copy)
    i18n.update_catalogue(ROOT, language, target=copy)
    assert copy.read_text(encoding="utf-8") == i18n.ts_path(language).read_text(encoding="utf-8"), (
        "run `python -m app.i18n update`, translate, then `python -m app.i18n release`")


@pytest.mark.parametrize("language", i18n.CATALOGUE_LANGUAGES)
def test_every_catalogue_entry_is_translated(language: str) -> None:
    text = i18n.ts_path(language).read_text(encoding="utf-8")
    assert text.count("<message") > 0
    assert 'type="unfinished"' not in text and "<translation></translation>" not in text
    assert "<numerusform></numerusform>" not in text


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


# == plurals (the English catalogue and numerus messages) ====================================================
@pytest.mark.parametrize(("source", "one", "many"), [
    ("%n file(s)", "%n file", "%n files"),
    ("%n match(es) in %n entry(ies)", "%n match in %n entry", "%n matches in %n entries"),
    ("%n document(s) is (are) open; %n was (were) done", "%n document is open; %n was done",
     "%n documents are open; %n were done"),
    ("Metadata (%n field(s)); it", "Metadata (%n field); it", "Metadata (%n fields); it"),
    ("Selected %Ln word(s)", "Selected %Ln word", "Selected %Ln words"),
])
def test_english_plural_forms_are_derived_from_the_source(source: str, one: str, many: str) -> None:
    assert i18n.english_forms(source) == (one, many)


PLURAL_APP = """from PySide6.QtCore import QCoreApplication


def label(n: int) -> str:
    return QCoreApplication.translate("PluralCheck", "%n file(s)", None, n) + QCoreApplication.translate(
        "PluralCheck", "Plain text")
"""
PLURAL_CORE = """from coding.i18n import translate


def label(n: int) -> str:
    return translate("PluralCheck", "%n entry(ies) is (are) open", None, n)
"""


def _tiny_sources(root: Path) -> Path:
    for folder, text in (("app", PLURAL_APP), ("coding", PLURAL_CORE)):
        (root / folder).mkdir(parents=True)
        (root / folder / "labels.py").write_text(text, encoding="utf-8")
    return root


def _translate_plurals(ts: Path, chinese: dict[str, str]) -> None:
    """What a translator does in Linguist: the one Chinese form of each plural message, marked finished."""
    tree = ElementTree.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        assert translation is not None
        if source in chinese:
            assert message.get("numerus") == "yes", source
            forms = list(translation.iter("numerusform"))
            assert len(forms) == 1 and not forms[0].text
            forms[0].text = chinese[source]
            translation.attrib.pop("type")
    tree.write(ts, encoding="utf-8", xml_declaration=True)


@pytest.fixture
def catalogue_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A translator's folder of catalogues, in force through CONCORD_TRANSLATIONS (Qt's and the core's)."""
    folder = tmp_path / "catalogues"
    folder.mkdir()
    monkeypatch.setenv(core_i18n.TRANSLATIONS_ENV, str(folder))
    core_i18n.catalogue.cache_clear()
    try:
        yield folder
    finally:
        monkeypatch.delenv(core_i18n.TRANSLATIONS_ENV, raising=False)
        core_i18n.catalogue.cache_clear()
        i18n.TRANSLATORS.install(i18n.ENGLISH)


def test_plural_messages_through_qt_and_the_core(qtbot, tmp_path: Path, catalogue_folder: Path) -> None:  # type: ignore[no-untyped-def]
    """`update` marks %n messages numerus (lupdate's Python parser does not), writes the English forms by rule,
    keeps a finished Chinese translation through the next update; Qt and coding.i18n then agree on 1 and 3."""
    root = _tiny_sources(tmp_path / "sources")
    english = i18n.update_catalogue(root, i18n.ENGLISH, catalogue_folder / "concord_en.ts")
    chinese = i18n.update_catalogue(root, i18n.CHINESE, catalogue_folder / "concord_zh_CN.ts")
    assert "Plain text" not in english.read_text(encoding="utf-8")  # English holds the plurals only
    _translate_plurals(chinese, {"%n file(s)": "%n 个文件", "%n entry(ies) is (are) open": "%n 个条目已打开"})
    i18n.update_catalogue(root, i18n.CHINESE, chinese)  # lupdate alone would turn them back into plain, unfinished
    kept = chinese.read_text(encoding="utf-8")
    assert kept.count('<message numerus="yes">') == 2 and kept.count('type="unfinished"') == 1  # "Plain text"
    for language, ts in ((i18n.ENGLISH, english), (i18n.CHINESE, chinese)):
        i18n.release_catalogue(language, catalogue_folder / ts.with_suffix(".qm").name, ts)

    expected = {i18n.ENGLISH: ("1 file", "3 files", "1 entry is open", "3 entries are open"),
                i18n.CHINESE: ("1 个文件", "3 个文件", "1 个条目已打开", "3 个条目已打开")}
    for language, forms in expected.items():
        loaded = i18n.TRANSLATORS.install(language)
        assert str(catalogue_folder / f"concord_{language}") in loaded
        assert core_i18n.current_language() == language
        for translate in (QCoreApplication.translate, core_i18n.translate):
            assert (translate("PluralCheck", "%n file(s)", None, 1), translate("PluralCheck", "%n file(s)", None, 3),
                    translate("PluralCheck", "%n entry(ies) is (are) open", None, 1),
                    translate("PluralCheck", "%n entry(ies) is (are) open", None, 3)) == forms, translate


def test_shipped_english_plurals_read_the_same_in_qt_and_the_core(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every plural message of the shipped English catalogue: "1 <singular>" and "3 <plural>" in both."""
    i18n.TRANSLATORS.install(i18n.ENGLISH)
    context_messages = ElementTree.parse(i18n.ts_path(i18n.ENGLISH)).getroot().iter("context")
    checked = 0
    for context in context_messages:
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, comment = message.findtext("source") or "", message.findtext("comment")
            one, many = (form.text or "" for form in message.iter("numerusform"))
            for n, form in ((1, one), (3, many)):
                shown = form.replace("%n", str(n)).replace("%Ln", str(n))
                assert QCoreApplication.translate(name, source, comment, n) == shown
                if "%Ln" not in source:  # %Ln (the locale's digit grouping) is Qt's alone: used in app/ only
                    assert core_i18n.translate(name, source, comment, n) == shown
            checked += 1
    assert checked > 0


def test_translators_folder_comes_before_the_shipped_catalogue(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                catalogue_folder: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """CONCORD_TRANSLATIONS=DIR: concord_<language>.qm from DIR first; a language DIR lacks comes from the shipped
    folder."""
    ts = tmp_path / "concord_zh_CN.ts"
    ts.write_text(i18n.ts_path().read_text(encoding="utf-8").replace("语言(&amp;L)", "界面语言(&amp;L)"),
                  encoding="utf-8")
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(catalogue_folder / "concord_zh_CN.qm")], check=True,
                   capture_output=True)
    i18n.TRANSLATORS.install(i18n.CHINESE)
    assert QCoreApplication.translate("i18n", "&Language") == "界面语言(&L)"
    assert str(catalogue_folder / "concord_zh_CN") in i18n.TRANSLATORS.install(i18n.CHINESE)
    assert str(i18n.translations_dir() / "concord_en") in i18n.TRANSLATORS.install(i18n.ENGLISH)
    monkeypatch.delenv(core_i18n.TRANSLATIONS_ENV)
    i18n.TRANSLATORS.install(i18n.CHINESE)
    assert QCoreApplication.translate("i18n", "&Language") == "语言(&L)"


# == Edit › Settings… ========================================================================================
def test_settings_dialog_switches_language_and_keeps_the_project(qtbot, sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(sample.path, settings, coder="Alice")
    install_features(window)
    window.show()
    window.open_document(sample.en_id)
    action = window.findChild(QAction, ACTION_NAME)
    assert action is not None and action.text() == "&Settings…"
    assert action in edit_menu(window).actions()  # type: ignore[union-attr]
    try:
        dialog = PreferencesDialog(window)
        assert dialog.chosen_language() == i18n.ENGLISH
        assert [dialog.language_box.itemText(i) for i in range(dialog.language_box.count())] == ["English", "简体中文"]
        dialog.language_box.setCurrentIndex(dialog.language_box.findData(i18n.CHINESE))
        dialog.snap_box.setCurrentIndex(dialog.snap_box.findData("sentence"))
        chinese = dialog.apply()
        qtbot.addWidget(chinese)
        assert chinese is not window and not window.isVisible()
        assert i18n.TRANSLATORS.language == i18n.CHINESE and core_i18n.current_language() == i18n.CHINESE
        assert chinese.language_menu.title() == "语言(&L)"
        assert chinese.bench is not None and chinese.bench.coder_name == "Alice"
        assert chinese.document_id == sample.en_id
        assert settings.value(i18n.SETTING) == i18n.CHINESE and chinese.settings.snap_mode() == "sentence"
        assert chinese.snap_actions["sentence"].isChecked()

        unchanged = PreferencesDialog(chinese)  # OK without a change keeps the window
        assert unchanged.chosen_language() == i18n.CHINESE and unchanged.chosen_snap_mode() == "sentence"
        assert unchanged.apply() is chinese

        back = PreferencesDialog(chinese)
        back.language_box.setCurrentIndex(back.language_box.findData(i18n.ENGLISH))
        english = back.apply()
        qtbot.addWidget(english)
        assert english.language_menu.title() == "&Language" and english.document_id == sample.en_id
        assert english.findChild(QAction, ACTION_NAME).text() == "&Settings…"
        english.close()
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)
