"""The agreement window's methods paragraph (item 12) and its report on A4 or US Letter (item 13)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.agreement.methods_view import MethodsDialog
from coding.agreement.methods import methods_for_run
from coding.export.agreement_report import PAPER_SIZES_CM
from tests.app.test_agreement_gui import (  # noqa: F401  (fixtures)
    agreement_window,
    compare,
    main,
    pair,
    pair_template,
    save_to,
)


def test_methods_dialog_shows_the_stored_runs_paragraph(qtbot, main, tmp_path: Path,  # noqa: F811
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = agreement_window(main)
    assert not window.methods_button.isEnabled()
    compare(qtbot, window)
    assert window.run is not None and window.methods_button.isEnabled()
    qtbot.mouseClick(window.methods_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(MethodsDialog)
    assert dialog is not None and dialog.isVisible()
    from coding.agreement.runs import load_run

    with window.bench.project.session() as session:
        expected = methods_for_run(load_run(session, window.run.run_id))
    assert dialog.methods == expected
    assert dialog.copy().startswith(expected.english) and QApplication.clipboard().text().startswith("Two coders")
    dialog.tabs.setCurrentIndex(1)
    assert dialog.copy().startswith(expected.chinese)
    save_to(monkeypatch, tmp_path / "methods.txt")
    written = dialog.save()
    assert written is not None and expected.chinese in written.read_text(encoding="utf-8")


def test_export_uses_the_chosen_paper(qtbot, main, tmp_path: Path,  # noqa: F811
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = agreement_window(main)
    compare(qtbot, window)
    run_id = window.run.run_id
    window.paper.setCurrentIndex(window.paper.findData("letter"))
    save_to(monkeypatch, tmp_path / "letter.docx", tmp_path / "a4.docx")
    assert window.export_run(run_id) == tmp_path / "letter.docx"
    window.paper.setCurrentIndex(window.paper.findData("a4"))
    assert window.export_run(run_id) == tmp_path / "a4.docx"
    for paper in ("letter", "a4"):
        width = docx.Document(str(tmp_path / f"{paper}.docx")).sections[0].page_width.cm
        assert abs(width - PAPER_SIZES_CM[paper][0]) < 0.01
