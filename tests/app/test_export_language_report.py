"""The agreement report in the language chosen beside its button (issue 16, item 4): English / 简体中文, the interface
language by default; the window keeps its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from coding.i18n import CHINESE, ENGLISH, catalogue, current_language, set_language, translate, use_language
from tests.app.test_agreement_gui import agreement_window, compare, main, pair, pair_template, save_to  # noqa: F401


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    set_language(ENGLISH)


def _zh(context: str, text: str) -> str:
    """``text``'s Chinese from the shipped catalogue, which must have it."""
    assert (context, text, "") in catalogue(CHINESE), f"the shipped catalogue lacks [{context}] {text!r}"
    with use_language(CHINESE):
        chinese = translate(context, text)
    assert chinese != text
    return chinese


def test_the_agreement_report_in_the_chosen_language(  # type: ignore[no-untyped-def]
        qtbot, main, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    window = agreement_window(main)
    compare(qtbot, window)
    assert window.report_language.language() == ENGLISH
    window.report_language.setCurrentIndex(window.report_language.findData(CHINESE))
    save_to(monkeypatch, tmp_path / "zh.docx")
    assert window.export_run(window.run.run_id) == tmp_path / "zh.docx"
    title = [p.text for p in docx.Document(str(tmp_path / "zh.docx")).paragraphs if p.style.name == "Title"]
    assert title == [_zh("AgreementReportExport", "Inter-coder reliability")]
    assert current_language() == ENGLISH
