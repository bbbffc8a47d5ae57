"""The export dialogs' language choice (issue 16, item 4): English / 简体中文, the interface language by default,
and the export's work run in the chosen language in its own thread while the windows keep theirs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QFormLayout, QWidget
from pytestqt.qtbot import QtBot

from app.analysis import exports
from app.export_language import ExportLanguageChoice, add_language_row, in_language
from coding.i18n import CHINESE, ENGLISH, LANGUAGES, catalogue, current_language, set_language, translate, use_language
from tests.app.test_analysis_gui import (  # noqa: F401  (fixtures)
    TIMEOUT,
    analysis,
    every_coder_per_coder,
    main,
    save_as,
    study,
    study_template,
)


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    set_language(ENGLISH)


@pytest.mark.parametrize("interface", [ENGLISH, CHINESE])
def test_the_choice_starts_at_the_interface_language(qtbot: QtBot, interface: str) -> None:
    set_language(interface)
    choice = ExportLanguageChoice()
    qtbot.addWidget(choice)
    assert choice.language() == interface
    assert [choice.itemText(i) for i in range(choice.count())] == list(LANGUAGES.values())


def test_the_row_sits_in_the_dialog_form(qtbot: QtBot) -> None:
    form_owner = QWidget()
    qtbot.addWidget(form_owner)
    form = QFormLayout(form_owner)
    choice = add_language_row(form)
    assert form.rowCount() == 1 and form.itemAt(0, QFormLayout.ItemRole.FieldRole).widget() is choice


def test_the_work_runs_in_the_chosen_language_on_its_thread_only(qtbot: QtBot) -> None:
    choice = ExportLanguageChoice()
    qtbot.addWidget(choice)
    choice.setCurrentIndex(choice.findData(CHINESE))
    seen: list[str] = []
    work = in_language(choice.language(), lambda: seen.append(current_language()) or len(seen))
    worker = threading.Thread(target=work)  # exports run in a pool thread
    worker.start()
    worker.join()
    assert seen == [CHINESE] and current_language() == ENGLISH


# -- in the real dialogs ---------------------------------------------------------------------------------


def _zh(context: str, text: str) -> str:
    """``text``'s Chinese from the shipped catalogue, which must have it."""
    assert (context, text, "") in catalogue(CHINESE), f"the shipped catalogue lacks [{context}] {text!r}"
    with use_language(CHINESE):
        chinese = translate(context, text)
    assert chinese != text
    return chinese


def test_a_matrix_exported_in_chinese_from_an_english_interface(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, study, analysis) -> None:  # noqa: F811
    chosen: list[ExportLanguageChoice] = []

    def in_chinese(dialog) -> bool:  # type: ignore[no-untyped-def]
        every_coder_per_coder(dialog)
        assert dialog.language is not None and dialog.language.language() == ENGLISH  # the interface's
        dialog.language.setCurrentIndex(dialog.language.findData(CHINESE))
        chosen.append(dialog.language)
        return True

    monkeypatch.setattr(exports, "ask_options", in_chinese)
    save_as(monkeypatch, tmp_path / "matrix.docx")
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions["matrix"].trigger()
    assert chosen and current_language() == ENGLISH  # the windows keep their language
    document = docx.Document(str(tmp_path / "matrix.docx"))
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header[:2] == [_zh("MatrixExport", "Dimension"), _zh("MatrixExport", "Code")]
    caption = _zh("MatrixExport", "Framework matrix: level-{level} codes by {columns}").split("{")[0]
    assert any(p.text.startswith(caption) for p in document.paragraphs)
