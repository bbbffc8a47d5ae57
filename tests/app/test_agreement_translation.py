"""The agreement windows in another language (issue 16): with a catalogue installed, the texts of the compare and
review windows — their own and the names that come from coding/agreement (measures, pools, bands) — come from it.

The catalogue is a small .ts written here and compiled with pyside6-lrelease, holding a few of the windows'
strings, so the test reads no shipped translation and fails whenever a string stops going through translate()."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from app.agreement import install
from app.agreement.compare_window import AgreementWindow
from app.agreement.form import CompareForm
from app.agreement.notes import shown_note
from app.main import MainWindow
from coding.agreement.compare import ComparisonParams
from tests.app.test_agreement_gui import Pair, compare, engine_result, pair, pair_template  # noqa: F401  (fixtures)

CATALOGUE = {  # (context, English) -> the test's "translation"
    ("AgreementTools", "&Compare coders…"): "比较编码员(&C)…",
    ("AgreementWindow", "Compare"): "比较",
    ("AgreementWindow", "Results"): "结果",
    ("AgreementMeasures", "Krippendorff's alpha (nominal)"): "Krippendorff α 系数（名义）",
    ("AgreementPools", "All level-{level} codes (pooled)"): "第 {level} 层级全部代码（合并）",
    ("AgreementBands", "Landis & Koch (1977) bands for κ"): "Landis & Koch（1977）的 κ 分级",
    ("AgreementReview", "Show settled"): "显示已裁定",
    ("AgreementNotes", "Intervals of {measure}: {method} ({resamples} resamples, seed {seed})."):
        "{measure} 的区间：{method}（{resamples} 次重抽样，种子 {seed}）。",
    ("AgreementNotes", "percentile bootstrap resampling units"): "对分析单位重抽样的百分位自助法",
    ("AgreementNotes", "Hayes & Krippendorff (2007) bootstrap of α (resampling pairable value pairs)"):
        "Hayes & Krippendorff（2007）的 α 自助法（对可配对的值对重抽样）",
    ("AgreementNotes", "a unit counts as coded when any of its characters is coded"): "任一字符已编码即算已编码",
    ("AgreementNotes", "{sentence}."): "{sentence}。",
}


def write_ts(path: Path) -> Path:
    contexts: dict[str, list[str]] = {}
    for (context, source), translation in CATALOGUE.items():
        contexts.setdefault(context, []).append(
            f"<message><source>{escape(source)}</source><translation>{escape(translation)}</translation></message>")
    body = "".join(f"<context><name>{name}</name>{''.join(messages)}</context>" for name, messages in contexts.items())
    path.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
                    f"{body}</TS>", encoding="utf-8")
    return path


@pytest.fixture
def translator(qapp, tmp_path: Path) -> Iterator[QTranslator]:  # type: ignore[no-untyped-def]
    if shutil.which("pyside6-lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    qm = tmp_path / "agreement_test.qm"
    subprocess.run(["pyside6-lrelease", str(write_ts(tmp_path / "agreement_test.ts")), "-qm", str(qm)], check=True,
                   capture_output=True)
    loaded = QTranslator()
    assert loaded.load(str(qm))
    qapp.installTranslator(loaded)
    yield loaded
    qapp.removeTranslator(loaded)


@pytest.fixture
def main(qtbot, pair: Pair, settings, messages, translator: QTranslator) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]  # noqa: F811
    window = MainWindow(pair.path, settings, coder="Ann")
    qtbot.addWidget(window)
    install(window)
    window.show()
    yield window
    window.close()


def test_the_compare_window_reads_its_texts_from_the_installed_catalogue(qtbot, main: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tools = main.agreement_tools  # type: ignore[attr-defined]
    assert tools.compare_action.text() == "比较编码员(&C)…"
    window = tools.show_compare()
    assert isinstance(window, AgreementWindow)
    assert window.compare_button.text() == "比较"
    assert window.tabs.tabText(0) == "结果"
    assert window.tabs.tabText(1) == "Heatmap"  # not in this catalogue: English, as written

    compare(qtbot, window)
    assert window.run is not None
    # names stored by coding/agreement in English are shown from the catalogue
    measures = [window.heat_measure.itemText(i) for i in range(window.heat_measure.count())]
    assert "Krippendorff α 系数（名义）" in measures and "Krippendorff's alpha (nominal)" not in measures
    labels = [window.model.data(window.model.index(row, 0)) for row in range(window.model.rowCount())]
    assert "第 1 层级全部代码（合并）" in labels
    assert not any(str(label).startswith("All level-") for label in labels)
    kappa = window.model.column_of("kappa", "all")
    assert kappa >= 0
    tooltip = window.model.headerData(kappa, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "Landis & Koch（1977）的 κ 分级" in tooltip


def test_the_review_window_reads_its_texts_from_the_installed_catalogue(main: MainWindow) -> None:
    review = main.agreement_tools.show_review()  # type: ignore[attr-defined]
    assert review is not None
    assert review.show_settled.text() == "显示已裁定"


def test_a_window_built_after_the_catalogue_goes_is_english_again(qapp, translator: QTranslator) -> None:  # type: ignore[no-untyped-def]
    assert CompareForm().rule_label.text() == "Coded when:"  # not in the catalogue
    qapp.removeTranslator(translator)  # what switching back to English does
    assert QCoreApplication.translate("AgreementWindow", "Compare") == "Compare"
    form = CompareForm()
    assert form.measures["alpha"].text() == "Krippendorff's alpha"
    assert [form.unit.itemText(i) for i in range(form.unit.count())][:2] == ["Sentences", "Speaker turns"]


def test_stored_notes_are_shown_from_the_catalogue_whole_or_through_their_templates(translator: QTranslator) -> None:
    stored = "Intervals of percent: percentile bootstrap resampling units (200 resamples, seed 0)."
    assert shown_note(stored) == "percent 的区间：对分析单位重抽样的百分位自助法（200 次重抽样，种子 0）。"
    bracketed = ("Intervals of alpha: Hayes & Krippendorff (2007) bootstrap of α (resampling pairable value pairs) "
                 "(200 resamples, seed 7).")  # the method's own brackets do not end it early
    assert shown_note(bracketed) == ("alpha 的区间：Hayes & Krippendorff（2007）的 α 自助法（对可配对的值对重抽样）"
                                     "（200 次重抽样，种子 7）。")
    assert shown_note("a unit counts as coded when any of its characters is coded.") == "任一字符已编码即算已编码。"
    assert shown_note("percentile bootstrap resampling units") == "对分析单位重抽样的百分位自助法"
    assert shown_note("Ann did not code 2 of the 5 documents") == "Ann did not code 2 of the 5 documents"


def test_without_a_catalogue_every_note_of_a_run_is_shown_as_stored(pair: Pair) -> None:  # noqa: F811
    result = engine_result(pair.path, ComparisonParams(coders=("Ann", "Ben"), n_resamples=20, rule="any"))
    segments = engine_result(pair.path, ComparisonParams(coders=("Ann", "Ben"), unit="segment", rule="50%"))
    notes = [*result.notes, *segments.notes, *(f.note for f in result.figures if f.note)]
    assert any(note.startswith("Intervals of") for note in notes)
    assert any(note.startswith("The presence rule 50%") for note in notes)
    assert [shown_note(note) for note in notes] == notes
