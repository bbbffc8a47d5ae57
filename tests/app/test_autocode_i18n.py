"""Issue 16 for the autocoding windows (dictionaries, structure, machine coder, suggestions, language-model endpoint):
every text they show goes through the translation catalogue.

A pseudo-translation catalogue is made the way the shipped one is — ``pyside6-lupdate`` over the sources
(``app.i18n.update_catalogue``), then ``pyside6-lrelease`` — with every translation the source behind a marker, and
installed with a real ``QTranslator``. A text that reaches the screen without the marker was not wrapped. It does not
depend on which Chinese translations the shipped catalogue holds today.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableView,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from app import autocode_dialog, dictionary_editor, endpoint_settings, i18n, machine_coder
from app.i18n import number

ROOT = Path(__file__).resolve().parents[2]
MARK = "⸢"  # every pseudo-translation starts with it


@pytest.fixture(scope="module")
def pseudo_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    ts = i18n.update_catalogue(ROOT, target=folder / "concord_pseudo.ts")
    tree = ElementTree.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        text = MARK + (message.findtext("source") or "")
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            ElementTree.SubElement(translation, "numerusform").text = text
        else:
            translation.text = text
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    qm = folder / "concord_pseudo.qm"
    subprocess.run(["pyside6-lrelease", str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


@pytest.fixture
def pseudo(pseudo_catalogue: Path) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    translator = QTranslator()
    assert translator.load(str(pseudo_catalogue))
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)


@pytest.fixture
def pseudo_window(pseudo: None, window: Any) -> Any:
    """The main window built while the pseudo catalogue is installed (windows translate when built)."""
    return window


def shown_texts(widget: QWidget, *, skip: Iterable[QWidget] = ()) -> list[str]:
    """The title, labels, buttons, check boxes, placeholders, headers and tooltips of ``widget`` and its children
    (standard dialog buttons, translated by Qt's own catalogue, and the ``skip`` widgets left out)."""
    skipped = set(skip)
    texts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if child in skipped:
            continue
        texts.append(child.toolTip())
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton) and not _standard_button(child):
            texts.append(child.text())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QComboBox):
            texts.extend(child.itemText(row) for row in range(child.count()))
        elif isinstance(child, (QTableWidget, QTableView, QTreeWidget)):
            texts.extend(_headers(child))
    return [text for text in texts if text]


def _standard_button(button: QAbstractButton) -> bool:
    box = button.parent()
    return isinstance(box, QDialogButtonBox) and box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton


def _headers(view: QTableWidget | QTableView | QTreeWidget) -> list[str]:
    if isinstance(view, QTreeWidget):
        header = view.headerItem()
        return [header.text(column) for column in range(header.columnCount())]
    model = view.model()
    return [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in range(model.columnCount())]


def untranslated(texts: Iterable[str]) -> list[str]:
    """Texts with words that did not come through the catalogue (symbols and figures need none)."""
    return [text for text in texts if MARK not in text and any(c.isalpha() for c in text)]


def test_the_dictionary_editor_reads_every_text_from_the_catalogue(pseudo_window: Any) -> None:
    dictionary_editor.install(pseudo_window)
    tools = dictionary_editor.tools_of(pseudo_window)
    assert tools is not None and tools.action.text() == MARK + dictionary_editor.MENU_TEXT
    editor = tools.open_editor()
    assert editor is not None
    assert editor.new_dictionary("Access")
    assert untranslated(shown_texts(editor, skip=[editor.coder_box, editor.dictionary_list])) == []
    assert [editor.scope_box.itemData(row) for row in range(editor.scope_box.count())] == ["word", "sentence", "turn"]


def test_the_training_dialog_reads_every_text_from_the_catalogue(pseudo_window: Any) -> None:
    machine_coder.install(pseudo_window)
    tools = machine_coder.tools_of(pseudo_window)
    assert tools is not None
    assert tools.train_action.text().startswith(MARK) and tools.suggestions_action.text().startswith(MARK)
    dialog = tools.show_training()
    assert dialog is not None
    dialog.table.show()  # hidden until a model is trained; its headers are translated from the start
    assert untranslated(shown_texts(dialog)) == []
    assert dialog.unit.currentData() == "sentence"
    assert machine_coder.skipped_text({}).startswith(MARK)
    summary = machine_coder.summary_html("Machine (Lin)", "Lin", "turn", 5, 12, "ab12", None, 1.5)
    # learned from, the unit, the time taken, the hash, the fairness note; the model's name is data: untouched
    assert summary.count(MARK) == 5 and "<b>Machine (Lin)</b>" in summary


def test_the_suggestions_dock_reads_every_text_and_sits_in_the_view_menu(pseudo_window: Any) -> None:
    machine_coder.install(pseudo_window)
    tools = machine_coder.tools_of(pseudo_window)
    assert tools is not None
    review = tools.show_suggestions()
    assert review is not None
    assert review.dock.windowTitle().startswith(MARK)
    assert untranslated(shown_texts(review.queue)) == []
    assert review.queue.status.text().startswith(MARK)  # "No machine coder yet…"
    # Found as the window's View menu, not by its English title: with the title translated it is still there.
    assert pseudo_window.view_menu.title() != "&View"
    assert review.dock.toggleViewAction() in pseudo_window.view_menu.actions()


def test_the_structure_dialog_reads_every_text_from_the_catalogue(pseudo_window: Any) -> None:
    autocode_dialog.install(pseudo_window)
    tools = autocode_dialog.tools_of(pseudo_window)
    assert tools is not None and tools.action.text() == MARK + autocode_dialog.MENU_TEXT
    dialog = tools.open_dialog()
    assert dialog is not None
    dialog.rule_box.setCurrentIndex(dialog.rule_box.findData(autocode_dialog.CASE))  # "choose the case" says why
    assert dialog.summary.text() and MARK in dialog.summary.text()
    assert untranslated(shown_texts(dialog, skip=[dialog.code_box, dialog.coder_box, dialog.case_box,
                                                  dialog.attribute_box, dialog.value_box])) == []
    assert dialog.case_box.itemText(0).startswith(MARK) and dialog.attribute_box.itemText(0).startswith(MARK)


def test_the_endpoint_settings_read_every_text_and_keep_the_unit_as_data(pseudo_window: Any) -> None:
    endpoint_settings.install(pseudo_window)
    tools = endpoint_settings.tools_of(pseudo_window)
    assert tools is not None
    assert all(action.text().startswith(MARK) for action in (tools.settings_action, tools.suggest_action,
                                                             tools.code_action))
    chosen = endpoint_settings.EndpointPreferences(unit="turn")
    dialog = endpoint_settings.EndpointSettingsDialog(chosen, pseudo_window)
    examples = [dialog.url, dialog.model]  # their placeholders are an example URL and model name
    assert untranslated([*shown_texts(dialog, skip=examples), dialog.timeout.suffix()]) == []
    assert dialog.unit.currentText() == MARK + "turn" and dialog.chosen().unit == "turn"
    dialog.enabled.setChecked(True)
    dialog.model.setText("llama3.1")
    dialog.url.setText("https://models.example.org/v1")
    notice = dialog.notice.text()
    # the warning paragraph is marked by its place, not by its English first word
    assert notice.count("<p style='color:#b00020'>") == 1 and "models.example.org" in notice
    dialog.close()


def test_counts_group_their_digits_in_every_locale() -> None:
    previous = QLocale()
    try:
        for name in ("C", "en_US", "zh_CN"):
            QLocale.setDefault(QLocale(name))
            assert number(12345) == "12,345"  # counts in sentences: tests/app/test_counts_i18n.py
    finally:
        QLocale.setDefault(previous)


@pytest.fixture
def chinese(window: Any) -> Iterator[Any]:
    """The Chinese interface installed (as View › Language does) for a window built before; English again after."""
    i18n.TRANSLATORS.install(i18n.CHINESE)
    try:
        yield window
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)


def test_the_code_choices_show_the_chinese_code_names_in_a_chinese_interface(chinese: Any) -> None:
    autocode_dialog.install(chinese)
    dictionary_editor.install(chinese)
    structure_tools, dictionary_tools = autocode_dialog.tools_of(chinese), dictionary_editor.tools_of(chinese)
    assert structure_tools is not None and dictionary_tools is not None
    structure = structure_tools.open_dialog()
    assert structure is not None
    names = [structure.code_box.itemText(row).strip() for row in range(structure.code_box.count())]
    assert "组织变革" in names and "Organizational changes" not in names
    row = names.index("组织变革")
    assert structure.code_box.itemData(row, Qt.ItemDataRole.ToolTipRole).endswith("/决策权/组织变革")
    editor = dictionary_tools.open_editor()
    assert editor is not None
    assert any(path.endswith("决策权/组织变革") for path in editor.code_paths.values())


def test_the_machine_coder_names_codes_by_their_chinese_names_in_a_chinese_interface(chinese: Any) -> None:
    with chinese.bench.project.session() as session:
        paths = machine_coder.shown_paths(session)
    english = next(path for path in paths if path.endswith("/Decision rights/Organizational changes"))
    assert paths[english].endswith("/决策权/组织变革")
    assert "决策权 › 组织变革 (3)" in machine_coder.skipped_text({english: 3}, paths)
    assert machine_coder.shown("Gone/Deleted code", paths) == "Gone › Deleted code"  # a deleted code: as stored
