"""The paper of Word exports in the app (issue 11 item 11): the locale's until chosen, chosen in an export
dialog, remembered in QSettings for every Word export (summary, matrix, codebook, agreement report), and a
summary's source lines with character offsets only when ticked.

Real window, real worker, real .docx files read back with python-docx; the settings are the test's INI file.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from app.analysis import exports
from app.analysis.controller import AnalysisController
from app.main import MainWindow
from app.paper import PAPER_KEY, PaperChoice, locale_paper, paper_preference
from coding.export.journal import PAPER_TWIPS
from tests.app.test_analysis_gui import (  # noqa: F401  (fixtures)
    TIMEOUT,
    analysis,
    main,
    save_as,
    study,
    study_template,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def page(path: Path) -> tuple[int, int]:
    size = docx.Document(str(path)).sections[0]._sectPr.find(f"{W}pgSz")
    return int(size.get(f"{W}w")), int(size.get(f"{W}h"))


def test_the_preference_starts_at_the_locale_and_remembers_the_choice(qtbot, main: MainWindow) -> None:  # noqa: F811
    settings = main.settings.qsettings
    assert paper_preference(settings) == locale_paper()
    first = PaperChoice(settings)
    qtbot.addWidget(first)
    assert first.paper() == locale_paper()
    other = "letter" if locale_paper() == "a4" else "a4"
    first.setCurrentIndex(first.findData(other))
    assert settings.value(PAPER_KEY) == other
    second = PaperChoice(settings)
    qtbot.addWidget(second)
    assert second.paper() == other == paper_preference(settings)


def test_the_paper_chosen_in_the_summary_dialog_goes_to_every_word_export(
        qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, main: MainWindow,  # noqa: F811
        analysis: AnalysisController) -> None:  # noqa: F811
    def letter_with_offsets(dialog) -> bool:  # type: ignore[no-untyped-def]
        assert dialog.paper is not None  # the paper sits in the summary's options
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        dialog.offsets.setChecked(True)
        return True

    monkeypatch.setattr(exports, "ask_options", letter_with_offsets)
    save_as(monkeypatch, tmp_path / "summary.docx")
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions["summary"].trigger()
    assert page(tmp_path / "summary.docx") == PAPER_TWIPS["letter"]
    captions = [p.text for p in docx.Document(str(tmp_path / "summary.docx")).paragraphs
                if p.style.name == "Caption"]
    assert captions and all(" · ¶" in c and " · characters " in c for c in captions)

    save_as(monkeypatch, tmp_path / "codebook.docx")  # no options dialog: the remembered paper
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions["codebook"].trigger()
    assert page(tmp_path / "codebook.docx") == PAPER_TWIPS["letter"]

    def a4(dialog) -> bool:  # type: ignore[no-untyped-def]
        assert dialog.paper.paper() == "letter"  # the matrix dialog starts at the remembered choice
        dialog.paper.setCurrentIndex(dialog.paper.findData("a4"))
        return True

    monkeypatch.setattr(exports, "ask_options", a4)
    save_as(monkeypatch, tmp_path / "matrix.docx")
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions["matrix"].trigger()
    width, height = page(tmp_path / "matrix.docx")
    assert (height, width) == PAPER_TWIPS["a4"]  # landscape A4

    monkeypatch.setattr(exports, "ask_options", lambda dialog: True)  # offsets unticked: short lines
    save_as(monkeypatch, tmp_path / "short.docx")
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions["summary"].trigger()
    assert page(tmp_path / "short.docx") == PAPER_TWIPS["a4"]
    captions = [p.text for p in docx.Document(str(tmp_path / "short.docx")).paragraphs if p.style.name == "Caption"]
    assert captions and not any("characters" in c for c in captions)
