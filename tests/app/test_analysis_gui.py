"""The analysis GUI (app.analysis) on a small real project: each view against the coding.analysis functions,
the undoable edits checked in the SQLite file, and exports through the worker read back with python-docx
and openpyxl."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from app import dialogs
from app.analysis import controller_of, exports, install
from app.analysis.common import PAYLOAD_ROLE
from app.analysis.controller import AnalysisController
from app.analysis.matrix import COUNT_ROLE
from app.main import MainWindow
from coding.analysis.cooccurrence import cooccurrence
from coding.analysis.crosstab import crosstab
from coding.analysis.filters import AttributeCondition, SegmentFilter
from coding.analysis.frequencies import code_frequencies
from coding.analysis.matrix import cell_segments, framework_matrix
from coding.analysis.retrieval import retrieve_segments
from coding.analysis.search import search_text
from coding.analysis.words import word_frequencies
from coding.codebook import CodeTree
from coding.errors import CancelledError
from coding.project import Project
from tests.app.helpers import rows

TEXTS = {
    "P1 bureau": (
        "Interviewer: How is the group governed?\n\n"
        "R: The council decides the budget and appoints the president. The hospitals became one legal entity "
        "with one set of books.\n\n"
        "Interviewer: Who owns the assets?\n\n"
        "R: The district government owns them, and the council decided to keep the surplus inside the group.\n"
    ),
    "P2 centre": (
        "Interviewer: What changed?\n\n"
        "R: Our centre joined the group. The group decides staffing now, and the council sets targets every year.\n"
    ),
    "P3 union": (
        "Interviewer: How does the union work?\n\n"
        "R: Each hospital keeps its own accounts. We sign agreements, and every member decides for itself.\n"
    ),
    "P4 county": (
        "Interviewer: What about money?\n\n"
        "R: The county pays a global budget. Savings are shared between the hospitals.\n"
    ),
}
CASES = {"P1": ("P1 bureau", "Compact"), "P2": ("P2 centre", "Compact"), "P3": ("P3 union", "Loose"),
         "P4": ("P4 county", "Loose")}
CODINGS = (  # coder, document, code, quote, memo
    ("Alice", "P1 bureau", "Organizational changes",
     "The hospitals became one legal entity with one set of books.", ""),
    ("Alice", "P1 bureau", "Owner functions", "The council decides the budget and appoints the president.", ""),
    ("Alice", "P2 centre", "Organizational changes", "Our centre joined the group.", "joined"),
    ("Alice", "P3 union", "Financial management rights", "Each hospital keeps its own accounts.", ""),
    ("Bob", "P1 bureau", "Organizational changes", "The council decides the budget and appoints the president.", ""),
    ("Bob", "P4 county", "Financial management rights", "The county pays a global budget.", ""),
    ("Consensus", "P3 union", "Owner functions", "We sign agreements", "agreed in the team meeting"),
)
TIMEOUT = 30_000


@dataclass(frozen=True)
class Study:
    path: Path
    documents: dict[str, int]
    codes: dict[str, int]
    coders: dict[str, int]
    group: int


def _build(path: Path) -> Study:
    from coding.cases import add_case, attach_document, set_attribute_value
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from models import DocumentGroup, DocumentGroupMember

    project = Project.create(path)
    with project.session() as session:
        documents = {
            name: add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt").id
            for name, text in TEXTS.items()
        }
        coders = {name: get_or_create_coder(session, name, actor="fixture", is_consensus=name == "Consensus").id
                  for name in ("Alice", "Bob", "Consensus")}
        for case, (document, mode) in CASES.items():
            add_case(session, case, actor="fixture")
            attach_document(session, case, document, actor="fixture")
            set_attribute_value(session, case, "alliance_mode", mode, actor="fixture")
        codes = {name: find_code(session, name).id for name in
                 ("Decision rights", "Organizational changes", "Owner functions", "Financial management rights")}
        urban = DocumentGroup(name="Urban")  # coding/ has no group operations yet: rows as a later one would write
        session.add(urban)
        session.flush()
        session.add_all([DocumentGroupMember(group_id=urban.id, document_id=documents[name])
                         for name in ("P1 bureau", "P2 centre")])
        group = urban.id
        for coder, document, code, quote, memo in CODINGS:
            start = TEXTS[document].index(quote)
            apply_code(session, document_id=documents[document], coder_id=coders[coder], code_id=codes[code],
                       start=start, end=start + len(quote), memo=memo, actor="fixture",
                       adjudicator="Alice" if coder == "Consensus" else None)  # consensus as seeded
    project.close()
    return Study(path, documents, codes, coders, group)


@pytest.fixture(scope="session")
def study_template(tmp_path_factory: pytest.TempPathFactory) -> Study:
    return _build(tmp_path_factory.mktemp("analysis") / "study.concord")


@pytest.fixture
def study(study_template: Study, tmp_path: Path) -> Study:
    target = tmp_path / "study.concord"
    shutil.copy(study_template.path, target)
    return Study(target, study_template.documents, study_template.codes, study_template.coders,
                 study_template.group)


@pytest.fixture
def main(qtbot, study: Study, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(study.path, settings, coder="Alice")
    qtbot.addWidget(window)
    window.set_blind(False)  # two coders: blind by default; these tests read everyone's codings
    window.show()
    install(window)
    yield window
    window.close()


@pytest.fixture
def analysis(main: MainWindow) -> AnalysisController:
    controller = controller_of(main)
    assert controller is not None
    return controller


def open_view(qtbot, analysis: AnalysisController, kind: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(_loaded_signal(analysis, kind), timeout=TIMEOUT):
        view = analysis.show(kind)
    assert view is not None and not view.error, view.error if view else "no view"
    filters = getattr(view, "filters", None)
    if filters is not None and filters.show_coders and filters.coder.blind is None:
        # These tests compare with the core's per-coder counting of every coder (the views start on one
        # coder; tests/app/test_pooling_gui.py covers that default).
        with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
            filters.coder.choose([], per_coder=True)
    return view


def every_coder_per_coder(dialog) -> bool:  # type: ignore[no-untyped-def]
    """The export options as offered, but counting every coder per coder (what these tests compare with)."""
    dialog.filters.coder.choose([], per_coder=True)
    return True


def _loaded_signal(analysis: AnalysisController, kind: str):  # type: ignore[no-untyped-def]
    """The view's ``loaded`` signal (the view is made first, without showing it)."""
    if analysis.analysis_window is None:
        from app.analysis.window import AnalysisWindow

        analysis.analysis_window = AnalysisWindow(analysis, analysis.window)
    return analysis.analysis_window.view(kind).loaded


def recompute(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.refresh()
    assert not view.error, view.error


def in_session(path: Path, read):  # type: ignore[no-untyped-def]
    project = Project.open(path)
    try:
        with project.session() as session:
            return read(session)
    finally:
        project.close()


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The platform save dialog answers ``path``; returns the filters it was offered."""
    offered: list[str] = []

    def fake(parent, title, start, filters, *args, **kwargs):  # type: ignore[no-untyped-def]
        offered.append(filters)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return offered


# == the menu ==============================================================================================
def test_install_adds_the_analysis_menu_with_views_and_exports(main: MainWindow, analysis: AnalysisController) -> None:
    menu = main.tool_menu("Analysis")
    assert menu is not None and menu.menuAction().isVisible()
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert texts[:7] == ["Retrieve segments…", "Text search (KWIC)…", "Word frequency…", "Code frequencies…",
                         "Co-occurrence…", "Framework matrix…", "Crosstab…"]
    assert analysis.actions["kwic"].shortcut().toString() == "Ctrl+Shift+F"
    assert analysis.export_menu is not None
    assert [a.text().replace("&", "") for a in analysis.export_menu.actions()] == [
        "Coded summary (DOCX)…", "Framework matrix (DOCX/XLSX)…", "Codebook (DOCX/JSON)…", "Segments (XLSX/CSV)…",
        "Crosstab (XLSX)…"]
    install(main)  # a second call changes nothing
    assert controller_of(main) is analysis
    assert all(a.isEnabled() for a in analysis.actions.values())
    main.close_project()
    assert not any(a.isEnabled() for a in [*analysis.actions.values(), *analysis.export_actions.values()])
    assert analysis.analysis_window is None


# == retrieval ==============================================================================================
def test_retrieval_lists_what_retrieve_segments_finds_for_each_filter(qtbot, study: Study, main: MainWindow,
                                                                       analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "retrieve")

    def expected(flt: SegmentFilter) -> list[str]:
        return in_session(study.path, lambda s: [seg.uuid for seg in retrieve_segments(s, flt)])

    shown = [view.model.segment(r).uuid for r in range(view.model.rowCount())]
    assert shown == expected(SegmentFilter()) and len(shown) == len(CODINGS)
    assert "7 coded segments in 4 documents" in view.status.text()

    view.filters.set_code(study.codes["Decision rights"], descendants=True)
    recompute(qtbot, view)
    below = tuple(in_session(study.path, lambda s: CodeTree.load(s).subtree(study.codes["Decision rights"])))
    assert [view.model.segment(r).uuid for r in range(view.model.rowCount())] == expected(SegmentFilter(code_ids=below))
    assert view.model.rowCount() == 5  # Owner functions (consensus) in P3 too

    view.filters.set_group(study.group)
    recompute(qtbot, view)
    flt = SegmentFilter(code_ids=below, group_ids=(study.group,))
    assert view.filters.segment_filter() == flt
    assert [view.model.segment(r).uuid for r in range(view.model.rowCount())] == expected(flt)
    assert {view.model.segment(r).document for r in range(view.model.rowCount())} == {"P1 bureau", "P2 centre"}

    view.filters.set_code(None)
    view.filters.set_group(None)
    view.filters.coder.coder_actions[study.coders["Bob"]].trigger()  # Bob, ticked in the Coders menu
    assert view.filters.coder.text().strip() == "Bob"
    view.filters.set_condition("alliance_mode", "Loose")
    recompute(qtbot, view)
    flt = SegmentFilter(coder_ids=(study.coders["Bob"],), where=(AttributeCondition("alliance_mode", "Loose"),))
    assert view.filters.segment_filter() == flt
    assert [view.model.segment(r).uuid for r in range(view.model.rowCount())] == expected(flt)
    segment = view.model.segment(0)
    assert (segment.document, segment.coder, segment.case) == ("P4 county", "Bob", "P4")
    passage = view.model.index(0, view.model.PASSAGE)
    context, start, end, _colour = passage.data(PAYLOAD_ROLE)
    assert context[start:end] == "The county pays a global budget." == context  # a whole sentence was coded
    view.table.doubleClicked.emit(view.table.model().index(0, 1))
    assert main.document_id == study.documents["P4 county"]
    assert main.transcript.selection() == (segment.start, segment.end)

    view.filters.set_condition(None)
    consensus = next(a for a in view.filters.coder.menu_.actions() if a.text() == "Consensus only")
    consensus.trigger()
    recompute(qtbot, view)
    assert view.filters.segment_filter().coder_ids == (study.coders["Consensus"],)
    assert [view.model.segment(r).coder for r in range(view.model.rowCount())] == ["Consensus"]
    assert view.model.index(0, view.model.CODER).data() == "Consensus (consensus)"


def test_blind_mode_keeps_the_analyses_to_ones_own_codings(qtbot, study: Study, main: MainWindow,
                                                          analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "retrieve")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        main.set_blind(True)
    assert view.filters.segment_filter().coder_ids == (study.coders["Alice"],)
    assert {view.model.segment(r).coder for r in range(view.model.rowCount())} == {"Alice"}
    assert "blind" in view.filters.coder.text()
    view.filters.coder.choose([study.coders["Bob"]])  # refused while blind
    assert view.filters.segment_filter().coder_ids == (study.coders["Alice"],)


def test_views_follow_a_coding_made_in_the_workbench(qtbot, study: Study, main: MainWindow,
                                                    analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "retrieve")
    before = view.model.rowCount()
    main.open_document(study.documents["P2 centre"])
    quote = "The group decides staffing now"
    start = TEXTS["P2 centre"].index(quote)
    info = next(i for i in main.code_infos.values() if i.name == "Owner functions")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        assert main.apply_code(info.uuid, (start, start + len(quote)))
    assert view.model.rowCount() == before + 1


# == KWIC ====================================================================================================
def test_kwic_rows_match_search_text_and_align_around_the_keyword(qtbot, study: Study,
                                                                 analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "kwic")
    assert view.result is None and not view.code_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.search("decide", "lemma")
    hits = in_session(study.path, lambda s: search_text(s, "decide", mode="lemma", context=10, unit="words"))
    assert [(h.document_id, h.start, h.end) for h in view.model.hits] == [(h.document_id, h.start, h.end)
                                                                         for h in hits]
    assert {h.match for h in hits} == {"decides", "decided"} and len(hits) == 4
    model = view.model
    assert model.index(0, model.KEYWORD).data() == "decides"
    assert model.index(0, model.LEFT).data().endswith("The council")
    assert model.index(0, model.RIGHT).data().startswith("the budget")
    assert model.index(0, model.LEFT).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert "4 hits" in view.status.text() and view.code_button.isEnabled()
    view.table.sortByColumn(model.RIGHT, Qt.SortOrder.AscendingOrder)
    rights = [view.proxy.index(r, model.RIGHT).data() for r in range(view.proxy.rowCount())]
    assert rights == sorted(rights, key=str.casefold)

    view.mode.setCurrentIndex(view.mode.findData("regex"))
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.query.setText("(")
        view.refresh()
    assert "not a valid regular expression" in view.error


def test_code_all_hits_is_one_undoable_step_checked_in_sqlite(qtbot, monkeypatch: pytest.MonkeyPatch, study: Study,
                                                             main: MainWindow, analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "kwic")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.search("council", "word")
    spans = sorted((h.document_id, h.start, h.end) for h in view.model.hits)
    assert len(spans) == 3
    offered: list[list[tuple[int, str]]] = []

    def choose(parent, title, label, choices, current=None):  # type: ignore[no-untyped-def]
        offered.append(list(choices))
        return study.codes["Owner functions"]

    monkeypatch.setattr(dialogs, "choose_code", choose)
    sql = "SELECT document_id, start, end, uuid FROM codings WHERE code_id = ? AND coder_id = ? ORDER BY 1, 2"
    args = (study.codes["Owner functions"], study.coders["Alice"])
    before = rows(study.path, sql, *args)
    depth_before = main.bench.undo_stack.count()
    assert view.code_all_hits()
    assert any(path.endswith("Owner functions") for _, path in offered[0])
    after = rows(study.path, sql, *args)
    new = sorted(set(after) - set(before))
    assert [(d, s, e) for d, s, e, _ in new] == spans
    assert main.bench.undo_stack.count() == depth_before + 1
    assert main.bench.undo_stack.undoText().startswith("Code 3 hits of 'council'")

    main.bench.undo_stack.undo()
    assert rows(study.path, sql, *args) == before
    main.bench.undo_stack.redo()
    assert sorted(rows(study.path, sql, *args)) == sorted(after)  # the same codings, uuids included
    audit = rows(study.path, "SELECT count(*) FROM audit_events WHERE action = 'remove_coding'")[0][0]
    assert audit >= 3

    # Coding the same hits again changes nothing and adds no undo step.
    messages_before = main.bench.undo_stack.count()
    assert not view.code_all_hits()
    assert main.bench.undo_stack.count() == messages_before
    assert sorted(rows(study.path, sql, *args)) == sorted(after)


# == frequencies ==============================================================================================
def test_word_frequency_matches_the_core_and_toggles_stop_words(qtbot, study: Study,
                                                               analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "words")
    expected = in_session(study.path, lambda s: word_frequencies(s, by="all", top=100))
    model = view.model
    assert [model.value(r, 1) for r in range(model.rowCount())] == expected.words
    assert [model.value(r, 2) for r in range(model.rowCount())] == [int(v) for v in expected.totals]
    assert "the" not in expected.words
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.skip_stop_words.setChecked(False)
    assert "the" in [model.value(r, 1) for r in range(model.rowCount())]
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.by.setCurrentIndex(view.by.findData("case"))
    assert model.headers == ["#", "Word", "Total", "P1", "P2", "P3", "P4"]
    by_case = in_session(study.path, lambda s: word_frequencies(s, by="case", top=100, include_stop_words=True))
    assert [model.value(0, c) for c in range(3, 7)] == [int(v) for v in by_case.counts[0]]
    assert view.chart.figure is not None


def test_code_frequencies_table_chart_and_chart_file(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     study: Study, analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "frequencies")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.by.setCurrentIndex(view.by.findData("attribute:alliance_mode"))
    expected = in_session(study.path, lambda s: code_frequencies(s, by="attribute:alliance_mode", words=True))
    model = view.model
    assert model.headers == ["Code", "Compact", "Loose"]
    assert [[model.value(r, c) for c in (1, 2)] for r in range(model.rowCount())] == expected.codings.tolist()
    view.measure.setCurrentIndex(view.measure.findData("share"))
    share = 100.0 * expected.share()
    assert np.allclose([[model.value(r, c) for c in (1, 2)] for r in range(model.rowCount())], share)
    assert view.chart.canvas is not None
    target = tmp_path / "frequencies chart"
    offered = save_as(monkeypatch, target)
    with qtbot.waitSignal(view.chart.written, timeout=TIMEOUT) as written:  # written by the chart process
        saved = view.chart.save()
    assert saved == written.args[0] == target.with_name("frequencies chart.png")
    assert saved.read_bytes()[:4] == b"\x89PNG"
    assert "SVG" in offered[0]


def test_cooccurrence_table_and_heatmap_match_the_core(qtbot, study: Study, analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "cooccurrence")
    assert view.unit.currentData() == "turn" and view.rows.currentData() == "level3"
    tree = in_session(study.path, CodeTree.load)
    expected = in_session(study.path, lambda s: cooccurrence(s, unit="turn", codes=tree.at_level(3)))
    model = view.model
    values = [[model.value(r, c) for c in range(1, model.columnCount())] for r in range(model.rowCount())]
    assert values == expected.counts.tolist()
    organisational, owner = (expected.code_ids.index(study.codes[n]) for n in
                             ("Organizational changes", "Owner functions"))
    assert values[organisational][owner] == 1  # Alice coded both in one turn of P1
    assert view.chart.figure is not None
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.unit.setCurrentIndex(view.unit.findData("overlap"))
    overlap = in_session(study.path, lambda s: cooccurrence(s, unit="overlap", codes=tree.at_level(3)))
    assert [[model.value(r, c) for c in range(1, model.columnCount())] for r in range(model.rowCount())] == \
        overlap.counts.tolist()


# == framework matrix =====================================================================================
def test_matrix_counts_quotes_and_an_undoable_summary(qtbot, study: Study, main: MainWindow,
                                                      analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "matrix")
    assert view.columns.currentData() == "attribute:alliance_mode" and view.level.currentData() == 3
    expected = in_session(study.path, lambda s: framework_matrix(s, rows="level3", columns="attribute:alliance_mode"))
    matrix = view.model.matrix
    assert [c.label for c in matrix.columns] == ["Compact", "Loose"]
    assert [r.name for r in matrix.rows] == [r.name for r in expected.rows]
    assert np.array_equal(matrix.codings, expected.codings)
    row = next(i for i, r in enumerate(matrix.rows) if r.name == "Organizational changes")
    assert view.model.index(row, 2).data(COUNT_ROLE)[:2] == (3, 2)  # 3 codings in 2 cases (P1, P2)

    view.select_cell(row, 0)
    assert view.cell_title.text() == "Organizational changes × Compact"
    quotes = in_session(study.path, lambda s: cell_segments(s, expected, row, 0))
    assert [q.uuid for q in view.quotes] == [q.uuid for q in quotes] and len(quotes) == 3
    assert "one legal entity" in view.quotes_view.toPlainText()

    sql = "SELECT code_uuid, column_key, text FROM matrix_cell_summaries"
    key = (matrix.rows[row].code_uuid, matrix.columns[0].key)
    view.summary_editor.setPlainText("One legal person; council appoints the president.")
    assert view.save_button.isEnabled()
    assert view.save_summary()
    assert rows(study.path, sql) == [(*key, "One legal person; council appoints the president.")]
    assert "One legal person" in view.model.index(row, 2).data()
    assert main.bench.undo_stack.undoText() == "Summary of 'Organizational changes × Compact'"

    main.bench.undo_stack.undo()
    assert rows(study.path, sql) == []
    assert view.summary_editor.toPlainText() == "" and view.model.index(row, 2).data() == ""
    main.bench.undo_stack.redo()
    assert rows(study.path, sql) == [(*key, "One legal person; council appoints the president.")]
    assert view.summary_editor.toPlainText() == "One legal person; council appoints the president."

    # Text typed into a cell is saved when another cell is chosen (and is its own undo step).
    view.summary_editor.setPlainText("Contract, no merger.")
    view.select_cell(row, 1)
    assert (matrix.rows[row].code_uuid, matrix.columns[1].key, "Contract, no merger.") not in rows(study.path, sql)
    assert (*key, "Contract, no merger.") in rows(study.path, sql)
    assert view.cell_title.text() == "Organizational changes × Loose" and view.summary_editor.toPlainText() == ""

    # … and when the editor loses focus (another window, closing the project …).
    view.summary_editor.setPlainText("No merger in loose modes.")
    QApplication.sendEvent(view.summary_editor, QFocusEvent(QEvent.Type.FocusOut))
    assert (matrix.rows[row].code_uuid, matrix.columns[1].key, "No merger in loose modes.") in rows(study.path, sql)


def test_matrix_double_click_opens_the_quotes_and_a_quote_opens_the_transcript(qtbot, study: Study, main: MainWindow,
                                                                              analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "matrix")
    matrix = view.model.matrix
    row = next(i for i, r in enumerate(matrix.rows) if r.name == "Financial management rights")
    view.splitter.setSizes([900, 0])
    view.table.doubleClicked.emit(view.model.index(row, 3))
    assert view.cell_title.text() == "Financial management rights × Loose"
    assert view.splitter.sizes()[1] >= 200
    assert len(view.quotes) == 2
    view.quotes_view.anchorClicked.emit(QUrl("quote:1"))
    assert main.document_id == view.quotes[1].document_id
    assert main.transcript.selection() == (view.quotes[1].start, view.quotes[1].end)


# == crosstab ==============================================================================================
def test_crosstab_shows_counts_tests_and_the_validity_warning(qtbot, study: Study,
                                                              analysis: AnalysisController) -> None:
    view = open_view(qtbot, analysis, "crosstab")
    # The first level-3 indicator, crossed with alliance mode, as the view starts.
    assert view.attribute.currentData() == "alliance_mode"
    assert view.code.currentData() == study.codes["Organizational changes"]
    expected = in_session(study.path, lambda s: crosstab(s, code_id=study.codes["Organizational changes"],
                                                         attribute="alliance_mode"))
    assert expected.counts.tolist() == [[2, 0], [0, 2]]
    view.show_as.setCurrentIndex(view.show_as.findData("counts"))
    model = view.model
    assert model.headers == ["alliance_mode", "Compact", "Loose", "Total"]
    assert [[model.value(r, c) for c in (1, 2, 3)] for r in range(3)] == [[2, 0, 2], [0, 2, 2], [2, 2, 4]]
    view.show_as.setCurrentIndex(view.show_as.findData("column"))
    assert model.value(0, 1) == pytest.approx(100.0) and model.value(1, 1) == pytest.approx(0.0)
    assert not expected.chi2_valid
    assert view.banner.isVisibleTo(view) and "not valid" in view.banner.text()
    tests = view.tests.text()
    assert f"df = {expected.chi2.df}" in tests and "Fisher" in tests
    assert f"{expected.fisher.p_value:.3f}" in tests
    assert view.chart.figure is not None


# == exports ================================================================================================
def test_matrix_export_through_the_worker_opens_in_word_and_excel(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path, study: Study, main: MainWindow,
                                                                  analysis: AnalysisController,
                                                                  messages: list[str]) -> None:
    import docx
    import openpyxl

    from coding.analysis.matrix import set_cell_summary

    def summarise(session):  # type: ignore[no-untyped-def]
        matrix = framework_matrix(session, columns="attribute:alliance_mode")
        row = next(r for r in matrix.rows if r.name == "Owner functions")
        set_cell_summary(session, row.code_uuid, matrix.columns[0].key, "Council appoints.", actor="test")

    in_session(study.path, summarise)
    monkeypatch.setattr(exports, "ask_options", every_coder_per_coder)
    target = tmp_path / "matrix"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT) as done:
        analysis.export_actions["matrix"].trigger()
    assert done.args[0].path == tmp_path / "matrix.docx"
    document = docx.Document(str(tmp_path / "matrix.docx"))
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Dimension", "Code", "Compact", "Loose"]
    text = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "Council appoints." in text and "Organizational changes" in text
    assert any("matrix.docx" in m for m in messages)

    target = tmp_path / "matrix.xlsx"
    save_as(monkeypatch, target)
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions["matrix"].trigger()
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[:2] == ["Matrix", "Codings"]
    codings = [[c.value for c in row] for row in workbook["Codings"].iter_rows(min_row=2)]
    expected = in_session(study.path, lambda s: framework_matrix(s, columns="attribute:alliance_mode"))
    assert [row[2:] for row in codings] == expected.codings.tolist()


def test_segment_summary_codebook_and_crosstab_exports(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                       study: Study, analysis: AnalysisController) -> None:
    import json

    import docx
    import openpyxl

    monkeypatch.setattr(exports, "ask_options", every_coder_per_coder)
    for kind, name in (("segments", "segments.xlsx"), ("summary", "summary.docx"), ("codebook", "codebook.json"),
                       ("crosstab", "crosstab.xlsx")):
        save_as(monkeypatch, tmp_path / name)
        with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
            analysis.export_actions[kind].trigger()
    sheet = openpyxl.load_workbook(tmp_path / "segments.xlsx").active
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[0][:3] == ("code", "code name", "document") and len(lines) == 1 + len(CODINGS)
    summary = "\n".join(p.text for p in docx.Document(str(tmp_path / "summary.docx")).paragraphs)
    assert "The county pays a global budget." in summary
    codebook = json.loads((tmp_path / "codebook.json").read_text(encoding="utf-8"))
    assert "Organizational changes" in json.dumps(codebook, ensure_ascii=False)
    crosstab_rows = list(openpyxl.load_workbook(tmp_path / "crosstab.xlsx").active.iter_rows(values_only=True))
    assert any(row[0] == "Fisher's exact" for row in crosstab_rows)


def test_a_cancelled_export_writes_nothing(qtbot, tmp_path: Path, analysis: AnalysisController,
                                           messages: list[str]) -> None:
    started, release = threading.Event(), threading.Event()
    target = tmp_path / "never.xlsx"

    def work(project, progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        if cancelled():
            raise CancelledError("export cancelled; no file was written")
        target.write_text("should not exist")

    job = analysis.exports.run("Export test", work)
    assert job is not None and started.wait(10)
    job.dialog.findChild(QPushButton).click()  # the Cancel button
    release.set()
    qtbot.waitUntil(lambda: job.task.done.is_set() and job not in analysis.exports.jobs, timeout=TIMEOUT)
    assert not target.exists() and job.cancelled
    assert messages == []  # cancelling is not an error
    assert "cancelled" in analysis.window.statusBar().currentMessage()


def test_table_export_from_a_view_as_csv(qtbot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         analysis: AnalysisController) -> None:
    import csv

    view = open_view(qtbot, analysis, "words")
    save_as(monkeypatch, tmp_path / "words.csv")
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        view.export_button.click()
    with (tmp_path / "words.csv").open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table[0] == ["word", "count"] and table[1][0] == view.model.value(0, 1)


def test_views_survive_closing_and_reopening_the_project(qtbot, study: Study, main: MainWindow,
                                                        analysis: AnalysisController) -> None:
    open_view(qtbot, analysis, "matrix")
    main.close_project()
    assert analysis.analysis_window is None
    assert main.open_project(study.path, coder="Alice")
    view = open_view(qtbot, analysis, "retrieve")
    assert view.bench is main.bench and view.model.rowCount() > 0


@pytest.mark.parametrize("kind, name", [("matrix", "matrix.docx"), ("summary", "summary.docx"),
                                        ("segments", "segments.xlsx")])
def test_no_progress_dialog_comes_back_over_the_written_to_message(qtbot, monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path, analysis: AnalysisController,
                                                                   kind: str, name: str) -> None:
    """A quick export closed its progress dialog before the dialog's own show-after-400-ms timer fired; the
    timer then showed the dead dialog on top of the "written to" message the user was reading."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QProgressDialog

    seen_while_reading: list[list[str]] = []

    def read_the_message(parent, message, title="Concord"):  # type: ignore[no-untyped-def]
        loop = QEventLoop()  # a message box is a nested event loop; the user reads it for a second
        QTimer.singleShot(1000, loop.quit)
        loop.exec()
        seen_while_reading.append([w.labelText() for w in QApplication.topLevelWidgets()
                                   if isinstance(w, QProgressDialog) and w.isVisible()])

    monkeypatch.setattr(dialogs, "show_info", read_the_message)
    monkeypatch.setattr(exports, "ask_options", lambda dialog: True)
    save_as(monkeypatch, tmp_path / name)
    with qtbot.waitSignal(analysis.exports.finished, timeout=TIMEOUT):
        analysis.export_actions[kind].trigger()
    assert seen_while_reading == [[]]


def test_a_view_asked_from_the_menu_opens_once_its_modules_are_loaded_off_the_gui_thread(  # type: ignore[no-untyped-def]
        qtbot, main: MainWindow, analysis: AnalysisController) -> None:
    """The first Analysis menu choice loads the window's modules (scipy, matplotlib, openpyxl) in the warm-up thread
    and opens the view when they are in: the GUI thread neither imports them nor waits on their import locks."""
    window = main
    assert analysis.analysis_window is None
    analysis.actions["words"].trigger()
    assert analysis.existing_view("words") is None  # not yet: loading
    assert window.statusBar().currentMessage() == "Opening the analysis window…"
    analysis.actions["kwic"].trigger()  # asked again meanwhile: the last choice opens
    qtbot.waitUntil(lambda: analysis.existing_view("kwic") is not None, timeout=30_000)
    assert analysis.existing_view("words") is None
    assert analysis.analysis_window is not None and analysis.analysis_window.isVisible()
    analysis.actions["words"].trigger()  # the window is there: at once
    assert analysis.existing_view("words") is not None
