"""Issue 16, item 3: with the interface in Chinese the main window names codes in Chinese (the Codebook, its
definition pane, the code pickers, the transcript's labels and the Coded segments count), keeps the English name
one hover away, falls back to English for a code without a Chinese name, and still renames the English name.

The real window on a real project, switched with ``app.i18n.switch_language`` as View › Language does. Texts of
the catalogue are compared through ``QCoreApplication.translate``, so the tests hold before and after the
Chinese catalogue carries them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from app import dialogs, i18n
from app.itemmodels.codebook_model import CodebookModel
from app.main import MainWindow, install_features
from coding.codebook import CodeInfo
from coding.project import Project

DISPLAY, TOOLTIP, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole


def code_named(window: MainWindow, name: str) -> CodeInfo:
    return next(info for info in window.code_infos.values() if info.name == name)


def cell(window: MainWindow, name: str, role: Qt.ItemDataRole) -> object:
    index = window.codebook_model.index_of_code(code_named(window, name).id, CodebookModel.NAME)
    return window.codebook_model.data(index, role)


def chinese_path(window: MainWindow, info: CodeInfo) -> list[str]:
    """The Chinese names from the top-level code down to ``info`` (each code of the shipped codebook has one)."""
    names: list[str] = []
    current: CodeInfo | None = info
    while current is not None:
        assert current.name_zh
        names.insert(0, current.name_zh)
        current = window.code_infos.get(current.parent_id) if current.parent_id is not None else None
    return names


def english_line(name: str) -> str:
    return QCoreApplication.translate("CodeNames", "English: {name}").format(name=name)


@pytest.fixture
def english(qtbot, sample, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(sample.path, settings, coder="Alice")
    install_features(window)
    qtbot.addWidget(window)
    window.show()
    try:
        yield window
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)  # whatever a test switched to, the next one starts in English


def to_chinese(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    chinese = i18n.switch_language(window, i18n.CHINESE)
    qtbot.addWidget(chinese)
    assert i18n.TRANSLATORS.language == "zh_CN"
    return chinese


def test_english_interface_shows_english_names_as_before(english: MainWindow) -> None:
    assert cell(english, "Organizational changes", DISPLAY) == "Organizational changes"
    tooltip = str(cell(english, "Organizational changes", TOOLTIP))
    assert "English:" not in tooltip and "组织变革" not in tooltip
    assert tooltip.startswith("<b>Macro framework")
    assert "Whether, how flexibly" in tooltip  # the English definition


def test_chinese_interface_shows_chinese_names_with_the_english_on_hover(qtbot, english: MainWindow) -> None:  # type: ignore[no-untyped-def]
    chinese = to_chinese(qtbot, english)
    info = code_named(chinese, "Organizational changes")
    assert info.name_zh == "组织变革"
    assert cell(chinese, "Organizational changes", DISPLAY) == "组织变革"
    tooltip = str(cell(chinese, "Organizational changes", TOOLTIP))
    assert english_line("Organizational changes") in tooltip
    assert info.definition_zh[:20] in tooltip and "Whether, how flexibly" not in tooltip  # the Chinese definition
    assert tooltip.startswith(f"<b>{' › '.join(chinese_path(chinese, info))}</b>")
    assert tooltip.count("›") == 2 and "组织变革</b>" in tooltip
    # The column header goes through the catalogue too.
    header = chinese.codebook_model.headerData(CodebookModel.NAME, Qt.Orientation.Horizontal)
    assert header == QCoreApplication.translate("CodebookModel", "Code")


def test_a_code_without_a_chinese_name_shows_its_english_name(qtbot, english: MainWindow) -> None:  # type: ignore[no-untyped-def]
    chinese = to_chinese(qtbot, english)
    assert chinese.add_code(top_level=True, name="Trust in doctors")
    info = code_named(chinese, "Trust in doctors")
    assert info.name_zh == ""
    assert cell(chinese, "Trust in doctors", DISPLAY) == "Trust in doctors"
    assert "English:" not in str(cell(chinese, "Trust in doctors", TOOLTIP))
    assert english_line("Trust in doctors") not in str(cell(chinese, "Trust in doctors", TOOLTIP))


def test_definition_pane_leads_with_the_chinese_name_and_definition(qtbot, english: MainWindow) -> None:  # type: ignore[no-untyped-def]
    english.codebook_panel.select_code(code_named(english, "Organizational changes").id)
    before = english.codebook_panel.definition.toPlainText()
    assert before.index("Organizational changes") < before.index("组织变革")  # English first, Chinese beside it
    chinese = to_chinese(qtbot, english)
    chinese.codebook_panel.select_code(code_named(chinese, "Organizational changes").id)
    shown = chinese.codebook_panel.definition.toPlainText()
    assert shown.index("组织变革") < shown.index("Organizational changes")
    definition_zh = code_named(chinese, "Organizational changes").definition_zh
    assert shown.index(definition_zh[:20]) < shown.index("Whether, how flexibly")


def test_renaming_in_a_chinese_interface_renames_the_english_name(qtbot, english: MainWindow, sample) -> None:  # type: ignore[no-untyped-def]
    chinese = to_chinese(qtbot, english)
    assert cell(chinese, "Organizational changes", EDIT) == "Organizational changes"  # the editor starts from it
    info = code_named(chinese, "Organizational changes")
    assert chinese.rename_code(info.uuid, "Structural change")
    renamed = chinese.code_infos[info.id]
    assert (renamed.name, renamed.name_zh) == ("Structural change", "组织变革")
    assert cell(chinese, "Structural change", DISPLAY) == "组织变革"
    assert english_line("Structural change") in str(cell(chinese, "Structural change", TOOLTIP))
    chinese.close()
    project = Project.open(sample.path)
    try:
        with project.session() as session:
            from coding.codebook import CodeTree

            stored = CodeTree.load(session).codes[info.id]
        assert (stored.name, stored.name_zh) == ("Structural change", "组织变革")
    finally:
        project.close()


def test_the_codebook_filter_finds_a_code_by_either_name(qtbot, english: MainWindow) -> None:  # type: ignore[no-untyped-def]
    chinese = to_chinese(qtbot, english)
    panel = chinese.codebook_panel

    def shown_names() -> set[str]:
        found: set[str] = set()
        stack = [panel.proxy.index(row, 0) for row in range(panel.proxy.rowCount())]
        while stack:
            index = stack.pop()
            found.add(str(index.data()))
            stack += [panel.proxy.index(row, 0, index) for row in range(panel.proxy.rowCount(index))]
        return found

    panel.filter.setText("组织变革")
    assert "组织变革" in shown_names()
    panel.filter.setText("Organizational")
    assert "组织变革" in shown_names()  # the English name still finds it
    panel.filter.setText("Investment decision")
    assert "组织变革" not in shown_names()


def test_pickers_and_labels_name_codes_in_chinese(qtbot, english: MainWindow, sample, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    chinese = to_chinese(qtbot, english)
    info = code_named(chinese, "Organizational changes")
    chinese.open_document(sample.en_id)
    # the transcript's stripe labels and menus: Bob's coding in P01 is of this code
    assert chinese.transcript.code_name(info.id) == "组织变革"
    # Codebook › Merge into…: the codes offered by their Chinese paths
    offered: list[Sequence[tuple[int, str]]] = []

    def choose_code(parent, title, label, choices, current=None):  # type: ignore[no-untyped-def]
        offered.append(choices)
        return None

    monkeypatch.setattr(dialogs, "choose_code", choose_code)
    chinese.codebook_panel.select_code(code_named(chinese, "Owner functions").id)
    chinese.codebook_actions.merge_current_code()
    paths = dict(offered[0])
    assert paths[info.id] == "/".join(chinese_path(chinese, info))
    # Coded segments, scope "selected code": the count names the code in Chinese
    chinese.segments_panel.scope.setCurrentIndex(1)
    chinese.codebook_panel.select_code(info.id)
    assert "组织变革" in chinese.segments_panel.count.text()


def test_switching_back_to_english_shows_english_names(qtbot, english: MainWindow) -> None:  # type: ignore[no-untyped-def]
    chinese = to_chinese(qtbot, english)
    again = i18n.switch_language(chinese, i18n.ENGLISH)
    qtbot.addWidget(again)
    assert cell(again, "Organizational changes", DISPLAY) == "Organizational changes"
    assert "English:" not in str(cell(again, "Organizational changes", TOOLTIP))
