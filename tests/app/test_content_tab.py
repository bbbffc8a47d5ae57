"""The Content analysis tab of the Analysis window on the analysis GUI's small real project: the category table
against coding.analysis.content, residual tints, the χ² line, the biplot, the phrase finder and the export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.analysis.content import CODES, ContentView
from app.analysis.controller import AnalysisController
from coding.analysis.content import code_table
from coding.analysis.filters import SegmentFilter
from coding.analysis.phrases import find_phrases
from tests.app.test_analysis_gui import (  # noqa: F401  (fixtures)
    TIMEOUT,
    Study,
    analysis,
    in_session,
    main,
    open_view,
    save_as,
    study,
    study_template,
)


def test_content_tab_shows_the_table_its_test_and_the_biplot(qtbot, study: Study,  # noqa: F811
                                                             analysis: AnalysisController) -> None:  # noqa: F811
    view = open_view(qtbot, analysis, "content")
    assert isinstance(view, ContentView)
    assert view.source.currentData() == CODES and view.by.currentData() == "attribute:alliance_mode"
    expected = in_session(study.path, lambda s: code_table(s, by="attribute:alliance_mode", rows="leaves",
                                                           flt=SegmentFilter()))
    model = view.model
    assert model.headers == ["Category", "Compact", "Loose", "Total"]
    shown = {model.value(r, 0): [model.value(r, 1), model.value(r, 2)] for r in range(model.rowCount())}
    for i, category in enumerate(expected.categories):
        assert shown[category.split("/")[-1]] == expected.counts[i].tolist()
    assert shown["Organizational changes"] == [3, 0] and shown["Financial management rights"] == [0, 2]
    assert view.tests.text() == expected.chi2_text()
    # Cells that depart from independence are tinted: blue above, red below.
    row = next(r for r in range(model.rowCount()) if model.value(r, 0) == "Organizational changes")
    over = model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole)
    under = model.data(model.index(row, 2), Qt.ItemDataRole.BackgroundRole)
    assert over is not None and under is not None and over.blue() > over.red() and under.red() > under.blue()
    view.show_as.setCurrentIndex(view.show_as.findData("residuals"))
    index = [c.split("/")[-1] for c in expected.categories].index("Organizational changes")
    assert model.value(row, 1) == pytest.approx(float(expected.test.residuals[index, 0]))
    assert view.chart.figure is not None  # the biplot, drawn in a worker
    assert {t.get_text() for t in view.chart.figure.axes[0].texts} >= {"Compact", "Loose", "Organizational changes"}


def test_content_tab_follows_the_grouping_and_exports(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                      study: Study,  # noqa: F811
                                                      analysis: AnalysisController) -> None:  # noqa: F811
    view = open_view(qtbot, analysis, "content")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.by.setCurrentIndex(view.by.findData("case"))
    assert view.model.headers == ["Category", "P1", "P2", "P3", "P4", "Total"]
    assert not view.error
    save_as(monkeypatch, tmp_path / "content.xlsx")
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        view.export_button.click()
    book = load_workbook(tmp_path / "content.xlsx")
    assert book.sheetnames[:3] == ["Categories (long)", "Counts", "Test"]
    assert [c for c in next(book["Counts"].values)] == ["category", "P1", "P2", "P3", "P4", "total"]


def test_phrase_finder_lists_what_the_core_finds(qtbot, study: Study,  # noqa: F811
                                                 analysis: AnalysisController) -> None:  # noqa: F811
    view = open_view(qtbot, analysis, "content")
    finder = view.phrases
    view.pages.setCurrentWidget(finder)
    finder.min_count.setValue(1)
    with qtbot.waitSignal(finder.runner.finished, timeout=TIMEOUT):
        finder.find_button.click()
    expected = in_session(study.path, lambda s: find_phrases(s, lengths=(2, 4), min_count=1))
    listed = [finder.model.value(r, 0) for r in range(finder.model.rowCount())]
    assert listed == [p.text for p in expected.phrases]
    assert "council decides the budget" in listed  # a stop word inside, none at either end
    assert finder.export_button.isEnabled()


def test_a_dictionary_becomes_a_source_when_it_is_added(qtbot, study: Study,  # noqa: F811
                                                        analysis: AnalysisController) -> None:  # noqa: F811
    dictionaries = pytest.importorskip("coding.autocode.dictionaries")
    from coding.analysis.content import dictionary_table
    from coding.changes import Changes

    view = open_view(qtbot, analysis, "content")
    assert view.source.findData("Money") < 0
    text = "MONEY:\n    budget\n    accounts\nGOVERNANCE:\n    council\n"
    in_session(study.path, lambda s: dictionaries.import_dictionary_edit(text, "Money").do(s, "test"))
    analysis.bench.announce(Changes(dictionaries=True))
    assert view.source.findData("Money") >= 0
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.source.setCurrentIndex(view.source.findData("Money"))
    assert not view.error and not view.rows.isEnabled() and not view.filters.coder.isEnabled()
    expected = in_session(study.path, lambda s: dictionary_table(s, "Money", by="attribute:alliance_mode"))
    assert [view.model.value(r, 0) for r in range(view.model.rowCount())] == ["MONEY", "GOVERNANCE"]
    assert [[view.model.value(r, c) for c in (1, 2)] for r in range(2)] == expected.counts.tolist()
    assert expected.counts.tolist() == [[1, 2], [3, 0]]  # budget in P1; accounts in P3, budget in P4; council ×3


def test_cooccurrence_of_words_and_of_categories(qtbot, study: Study,  # noqa: F811
                                                 analysis: AnalysisController) -> None:  # noqa: F811
    from coding.analysis.content import code_occurrences
    from coding.analysis.keywords import category_cooccurrence, word_cooccurrence

    view = open_view(qtbot, analysis, "content")
    pane = view.keywords
    view.pages.setCurrentWidget(pane)
    pane.keywords.setText("council, budget, group")
    with qtbot.waitSignal(pane.runner.finished, timeout=TIMEOUT):
        pane.compute_button.click()
    expected = in_session(study.path, lambda s: word_cooccurrence(s, keywords=["council", "budget", "group"]))
    shown = [[pane.model.value(r, c) for c in range(1, 4)] for r in range(3)]
    assert shown == expected.counts.tolist() and shown[0][1] == 1  # "The council decides the budget …"
    pane.items.setCurrentIndex(pane.items.findData("categories"))
    pane.unit.setCurrentIndex(pane.unit.findData("document"))
    assert not pane.keywords.isEnabled() and not pane.distance.isEnabled()
    with qtbot.waitSignal(pane.runner.finished, timeout=TIMEOUT):
        pane.compute_button.click()
    categories = in_session(study.path, lambda s: category_cooccurrence(
        s, code_occurrences(s, rows="leaves", flt=SegmentFilter()), unit="document"))
    assert pane.result is not None and pane.result.counts.tolist() == categories.counts.tolist()
    assert pane.model.rowCount() == len(categories.names)
