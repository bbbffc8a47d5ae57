"""The agreement GUI driven as a user would: compare coders in a worker, read and keep runs, review and settle
disagreements with undo — every result checked against the engine and in the SQLite file itself."""

from __future__ import annotations

import csv
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from app import dialogs
from app.agreement import MENU, files, install
from app.agreement.colours import band_colour
from app.agreement.compare_window import AgreementWindow
from app.agreement.results_model import FIGURE_ROLE
from app.agreement.review import CODER_COLOURS, ReviewWindow
from app.main import MainWindow
from coding.changes import Changes
from tests.app.helpers import rows

# Two interviews; the Chinese one has characters outside the BMP (two UTF-16 units each) before the codings,
# so every offset the review converts between Python and Qt is exercised.
EN = (
    "Interviewer: How did the reform change your office?\n\n"
    "R: Before the reform every hospital came to my office for everything. Since the group was set up as an "
    "independent legal person, my job has changed. We sit on the council and we set the targets.\n\n"
    "Interviewer: Who appoints the president?\n\n"
    "R: The council appoints the group president. The bureau checks the results at the end of the year. "
    "The government still regulates prices and inspects quality.\n"
)
ZH = (
    "访谈者：请介绍一下医联体😀𠀀。\n\n"
    "受访者：我们医联体成立于2017年，政府作为出资人，负责任命院长。财务统一管理，人事权下放到集团。\n\n"
    "访谈者：您怎么看政府监管？\n\n"
    "受访者：政府的监管主要是考核指标，年底检查。\n"
)
ORG = "Organizational changes"
OWNER = "Owner functions"
REGULATION = "Government regulations"


@dataclass(frozen=True)
class Pair:
    path: Path
    ann: int
    ben: int


def _span(text: str, words: str, extra: int = 0) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words) + extra


def _build(path: Path) -> Pair:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    project = Project.create(path)
    with project.session() as session:
        en = add_document_text(session, name="P01 bureau", text=EN, source_name="p01.txt", format="txt")
        zh = add_document_text(session, name="P02 中文", text=ZH, source_name="p02.txt", format="txt")
        ann = get_or_create_coder(session, "Ann", actor="fixture")
        ben = get_or_create_coder(session, "Ben", actor="fixture")
        org, owner, regulation = (find_code(session, name).id for name in (ORG, OWNER, REGULATION))

        def code(document: int, coder: int, code_id: int, span: tuple[int, int]) -> None:
            apply_code(session, document_id=document, coder_id=coder, code_id=code_id, start=span[0], end=span[1],
                       actor="fixture")

        change = _span(EN, "Since the group was set up as an independent legal person, my job has changed.")
        code(en.id, ann.id, org, change)
        code(en.id, ben.id, org, (change[0], change[1] + 38))  # Ben runs on into the next sentence
        code(en.id, ann.id, owner, _span(EN, "The council appoints the group president."))
        code(en.id, ben.id, regulation, _span(EN, "The government still regulates prices and inspects quality."))
        code(en.id, ann.id, regulation, _span(EN, "The government still regulates prices and inspects quality."))
        code(zh.id, ann.id, owner, _span(ZH, "政府作为出资人，负责任命院长。"))
        code(zh.id, ben.id, owner, _span(ZH, "负责任命院长。"))
        code(zh.id, ben.id, regulation, _span(ZH, "政府的监管主要是考核指标"))
        pair = Pair(path, ann.id, ben.id)
    project.close()
    return pair


@pytest.fixture(scope="module")
def pair_template(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return _build(tmp_path_factory.mktemp("agreement") / "pair.concord")


@pytest.fixture
def pair(pair_template: Pair, tmp_path: Path) -> Pair:
    target = tmp_path / "pair.concord"
    shutil.copy(pair_template.path, target)
    return Pair(target, pair_template.ann, pair_template.ben)


@pytest.fixture
def main(qtbot, pair: Pair, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(pair.path, settings, coder="Ann")
    qtbot.addWidget(window)
    install(window)
    window.show()
    yield window
    window.close()


@pytest.fixture
def confirm_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def yes(parent, question, title="Concord", ok_text="OK"):  # type: ignore[no-untyped-def]
        asked.append(question)
        return True

    monkeypatch.setattr(dialogs, "confirm", yes)
    return asked


def save_to(monkeypatch: pytest.MonkeyPatch, *targets: Path) -> list[Path]:
    """Answer the next save dialogs with ``targets`` in turn."""
    queue = list(targets)
    monkeypatch.setattr(files, "save_path", lambda parent, title, suggested, filters: str(queue.pop(0)))
    return queue


def agreement_window(main: MainWindow) -> AgreementWindow:
    window = main.agreement_tools.show_compare()  # type: ignore[attr-defined]
    assert window is not None
    return window


def compare(qtbot, window: AgreementWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)


def engine_result(path: Path, params):  # type: ignore[no-untyped-def]
    from coding.agreement import run_comparison
    from coding.project import Project

    project = Project.open(path)
    try:
        with project.session() as session:
            return run_comparison(session, params)
    finally:
        project.close()


def count(path: Path, table: str) -> int:
    return rows(path, f"SELECT COUNT(*) FROM {table}")[0][0]


def stored_figures(path: Path) -> int:
    """Figures in the file: rows over all documents plus the per-document figures packed on each run (0008)."""
    return count(path, "agreement_results") + rows(
        path, "SELECT COALESCE(SUM(document_figure_count), 0) FROM agreement_runs")[0][0]


# -- menu ------------------------------------------------------------------------------------------------
def test_install_puts_three_actions_in_the_coders_menu(main: MainWindow, pair: Pair) -> None:
    install(main)  # a second call adds nothing
    menu = main.tool_menu(MENU)
    assert menu is not None and menu.menuAction().isVisible()
    texts = [action.text() for action in menu.actions()]
    assert texts == ["&Compare coders…", "Agreement &runs…", "Review &disagreements…"]
    tools = main.agreement_tools  # type: ignore[attr-defined]
    assert tools.compare_action.shortcut().toString() == "Ctrl+Shift+A"
    assert all(action.isEnabled() for action in tools.actions)
    tools.compare_action.trigger()
    assert tools.agreement_window is not None and tools.agreement_window.isVisible()
    main.close_project()
    assert not any(action.isEnabled() for action in tools.actions)
    assert tools.agreement_window is None and tools.review_window is None
    assert tools.show_compare() is None and tools.show_review() is None
    assert main.open_project(pair.path, coder="Ann")
    assert all(action.isEnabled() for action in tools.actions)
    assert tools.show_compare() is not None and tools.agreement_window.bench is main.bench


# -- comparing ---------------------------------------------------------------------------------------------
def test_comparison_runs_in_a_worker_and_shows_the_engines_figures(qtbot, main: MainWindow, pair: Pair) -> None:
    window = agreement_window(main)
    assert window.form.checked_coders() == ["Ann", "Ben"]
    window.form.label.setText("round 1")
    compare(qtbot, window)
    assert window.run is not None and window.run.run_id is not None

    # stored in the file: one run with its parameters and every figure
    stored = rows(pair.path, "SELECT id, label, parameters FROM agreement_runs")
    assert [(r[0], r[1]) for r in stored] == [(window.run.run_id, "round 1")]
    assert '"Ann"' in stored[0][2] and '"sentence"' in stored[0][2]
    expected = engine_result(pair.path, window.form.params())
    assert stored_figures(pair.path) == len(expected.figures)

    # the table shows the engine's values, all units and coded units, with n
    model = window.model
    by_key = {(f.code_name, f.measure, f.units): f for f in expected.select(document_uuid=None, coder_a=None)}
    checked = 0
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            figure = model.index(row, column).data(FIGURE_ROLE)
            if figure is None:
                continue
            if figure.measure == "prevalence":  # issue 17 item 2: one column per coder, keyed by the coder
                assert figure in expected.select(document_uuid=None, measure="prevalence")
                continue
            engine = by_key[(figure.code_name, figure.measure, figure.units)]
            assert figure.value == pytest.approx(engine.value, nan_ok=True) if engine.value is not None \
                else figure.value is None
            assert figure.n_units == engine.n_units
            checked += 1
    assert checked == len(by_key)
    assert {c.units for c in model.columns if c.kind == "n"} == {"all", "coded"}
    org_row = next(r for r in range(model.rowCount()) if model.rows[r].code_name.endswith(ORG))
    alpha = model.figure(org_row, model.column_of("alpha", "all"))
    assert alpha is not None and alpha.value is not None
    background = model.index(org_row, model.column_of("alpha", "all")).data(Qt.ItemDataRole.BackgroundRole)
    assert background.color() == QColor(band_colour("alpha", alpha.value))
    assert model.n_units(org_row, "all") == by_key[(alpha.code_name, "alpha", "all")].n_units
    assert window.status.text().startswith("Stored as run")


def test_chosen_codes_segments_and_bootstrap_match_the_engine(qtbot, main: MainWindow, pair: Pair) -> None:
    window = agreement_window(main)
    from coding.agreement.runs import load_run
    from coding.project import Project

    project = Project.open(pair.path)
    with project.session() as session:
        from coding.codebook import find_code

        uuids = [find_code(session, name).uuid for name in (ORG, OWNER)]
    project.close()
    window.form.set_checked_codes(uuids)
    window.form.set_unit("segment")
    window.form.tolerance.setValue(50)
    window.form.set_measures(["percent", "bp"])
    window.form.resamples.setValue(40)
    compare(qtbot, window)
    params = window.form.params()
    assert params is not None and params.unit == "segment" and set(params.codes or ()) == set(uuids)
    expected = engine_result(pair.path, params)
    project = Project.open(pair.path)
    with project.session() as session:
        stored = load_run(session, window.run.run_id)  # type: ignore[union-attr]
    project.close()
    assert [(f.code_name, f.measure, f.value, f.ci_low, f.ci_high) for f in stored.figures] == \
        [(f.code_name, f.measure, f.value, f.ci_low, f.ci_high) for f in expected.figures]
    assert [c.units for c in window.model.columns if c.kind == "n"] == ["coded"]  # segments are coded units
    assert window.intervals.isVisibleTo(window)
    assert "[" in window.model.index(0, window.model.column_of("bp", "coded")).data()


def test_cancel_stops_the_worker_and_stores_nothing(qtbot, main: MainWindow, pair: Pair, messages,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from app.agreement import compare_window

    gate = threading.Event()
    real = compare_window.run_comparison

    def held(session, params, progress=None, cancel=None):  # type: ignore[no-untyped-def]
        gate.wait(10)  # the user presses Cancel while the comparison is under way
        return real(session, params, progress, cancel)

    monkeypatch.setattr(compare_window, "run_comparison", held)
    window = agreement_window(main)
    qtbot.mouseClick(window.compare_button, Qt.MouseButton.LeftButton)
    assert window.is_running() and window.cancel_button.isVisible() and not window.compare_button.isEnabled()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    gate.set()
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert window.status.text() == "Cancelled — nothing was stored."
    assert messages == []
    assert count(pair.path, "agreement_runs") == 0 and count(pair.path, "agreement_results") == 0
    assert window.compare_button.isEnabled() and window.run is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda w: w.form.set_checked_coders(["Ann"]), "Tick at least two coders to compare (ticked: Ann)."),
        (lambda w: w.form.set_checked_codes([]), "Tick at least one code to compare"),
        (lambda w: w.form.set_measures([]), "Tick at least one measure."),
    ],
    ids=["one coder", "no codes", "no measure"],
)
def test_bad_input_gets_a_message_and_changes_nothing(qtbot, main: MainWindow, pair: Pair, messages,
                                                      change, message) -> None:  # type: ignore[no-untyped-def]
    audit_before = count(pair.path, "audit_events")
    window = agreement_window(main)
    change(window)
    qtbot.mouseClick(window.compare_button, Qt.MouseButton.LeftButton)
    assert not window.is_running()
    assert len(messages) == 1 and messages[0].startswith(message)
    assert count(pair.path, "agreement_runs") == 0 and count(pair.path, "audit_events") == audit_before


def test_a_level_the_codebook_lacks_is_refused_by_the_engine(qtbot, main: MainWindow, pair: Pair, messages) -> None:
    window = agreement_window(main)
    window.form.scope.addItem("Level 9 codes only", 9)  # as if the codebook had changed underneath the form
    window.form.set_level(9)
    qtbot.mouseClick(window.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert len(messages) == 1 and "no codes at level 9" in messages[0]
    assert count(pair.path, "agreement_runs") == 0


# -- heatmap and stored runs -----------------------------------------------------------------------------
def test_heatmap_draws_every_value_and_saves_png_and_svg(qtbot, main: MainWindow, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = agreement_window(main)
    compare(qtbot, window)
    window.tabs.setCurrentIndex(1)
    assert window.heat_measure.currentData() == "alpha"
    expected = sum(1 for f in window.run.figures  # type: ignore[union-attr]
                   if f.measure == "alpha" and f.units == "all" and f.document_uuid is None and f.value is not None)
    with qtbot.waitSignal(window.heatmap.drawn, timeout=30_000):  # built and drawn off the GUI thread
        window.draw_heatmap()
    assert window.heatmap.cells == expected > 0
    assert window.heatmap.image is not None and window.heatmap.image.pixmap.width() > 0
    window.heat_columns.setCurrentIndex(window.heat_columns.findData("documents"))
    per_document = sum(1 for f in window.run.figures  # type: ignore[union-attr]
                       if f.measure == "alpha" and f.units == "all" and f.document_uuid is not None
                       and f.coder_a is None and f.value is not None)
    with qtbot.waitSignal(window.heatmap.drawn, timeout=30_000):
        window.draw_heatmap()
    assert window.heatmap.cells == per_document
    save_to(monkeypatch, tmp_path / "heat.png", tmp_path / "heat.svg")
    assert window.save_heatmap() == tmp_path / "heat.png"
    assert (tmp_path / "heat.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert window.save_heatmap() == tmp_path / "heat.svg"
    assert "<svg" in (tmp_path / "heat.svg").read_text(encoding="utf-8")[:400]


@pytest.mark.parametrize("columns", ["pairs", "documents"])
def test_heatmap_cells_hold_each_figure_and_its_band_colour(qtbot, main: MainWindow, columns: str) -> None:
    """The heatmap is read from the run's figure columns with array operations: each cell holds the value of the
    one figure of its code and column (checked figure by figure here), coloured as the results table colours it."""
    from matplotlib.colors import to_rgba

    from app.agreement.charts import Row, heatmap_data, heatmap_spec
    from coding.agreement.chart_drawing import _cell_colours

    window = agreement_window(main)
    compare(qtbot, window)
    run = window.run
    assert run is not None
    rows, labels, values = heatmap_data(run, "alpha", "all", columns)
    if columns == "documents":
        keys = [(None, None, uuid) for uuid in run.document_names()]
    else:
        keys = [(a, b, None) for a, b in run.coder_scopes()]
    expected = {(Row(f.code_uuid, f.code_name, f.level), f.coder_a, f.coder_b, f.document_uuid): f.value
                for f in run.figures if f.measure == "alpha" and f.units == "all"}
    checked = 0
    for i, row in enumerate(rows):
        for j, key in enumerate(keys):
            value = expected.get((row, *key))
            if value is None:
                assert values[i, j] != values[i, j]  # NaN: no figure, or an undefined one
            else:
                assert values[i, j] == value
                checked += 1
    assert checked > 0 and len(labels) == len(keys)
    spec = heatmap_spec(run, "alpha", "all", columns)  # what the chart process is sent
    assert np.array_equal(spec.values, values, equal_nan=True) and len(spec.row_labels) == len(rows)
    colours = _cell_colours("alpha", spec.values, spec.band_colours)
    for (i, j), value in [(index, v) for index, v in np.ndenumerate(values) if v == v][:50]:
        assert tuple(colours[i, j]) == to_rgba(band_colour("alpha", float(value)) or "#ececec")


def test_stored_runs_open_follow_export_and_delete(qtbot, main: MainWindow, pair: Pair, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, confirm_yes) -> None:
    window = agreement_window(main)
    window.form.label.setText("pilot")
    compare(qtbot, window)
    first = window.run.run_id  # type: ignore[union-attr]
    window.form.label.setText("round 2")
    window.form.resamples.setValue(30)
    compare(qtbot, window)
    second = window.run.run_id  # type: ignore[union-attr]
    main.agreement_tools.runs_action.trigger()  # type: ignore[attr-defined]
    panel = window.runs_panel
    assert window.tabs.currentWidget() is panel
    assert panel.run_ids() == [first, second]
    assert [panel.table.item(r, 2).text() for r in range(2)] == ["pilot", "round 2"]
    with qtbot.waitSignal(panel.chart.drawn, timeout=30_000):
        panel.draw_series()
    assert panel.chart.cells == 2  # alpha of all codes pooled, in both runs

    panel.select_run(first)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)  # read in a worker
    assert window.run.run_id == first and window.tabs.currentIndex() == 0  # type: ignore[union-attr]
    assert not window.intervals.isVisibleTo(window)

    save_to(monkeypatch, tmp_path / "report.docx", tmp_path / "report.csv")
    assert window.export_run(first) == tmp_path / "report.docx"
    assert (tmp_path / "report.docx").stat().st_size > 5000
    assert window.export_run(first) == tmp_path / "report.csv"
    with (tmp_path / "report.csv").open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.reader(handle))
    assert len(exported) - 1 == len(window.run.figures)  # type: ignore[union-attr]

    panel.select_run(first)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(confirm_yes) == 1 and "run" in confirm_yes[0]
    assert [r[0] for r in rows(pair.path, "SELECT id FROM agreement_runs")] == [second]
    assert stored_figures(pair.path) == len(
        [1 for f in engine_result(pair.path, window.form.params()).figures])
    assert panel.run_ids() == [second] and window.run is None


# -- review and adjudication --------------------------------------------------------------------------------
CONSENSUS_ROWS = (
    "SELECT c.document_id, c.code_id, c.start, c.end FROM codings c JOIN coders k ON k.id = c.coder_id "
    "WHERE k.name = 'Consensus' ORDER BY c.document_id, c.start"
)
DECISIONS = "SELECT decision, start, end, rationale, decided_by FROM consensus_decisions ORDER BY id"


def review_window(main: MainWindow) -> ReviewWindow:
    review = main.agreement_tools.show_review(["Ann", "Ben"])  # type: ignore[attr-defined]
    assert review is not None
    return review


def select_item(review: ReviewWindow, code: str, document: str) -> None:
    row = next(i for i, item in enumerate(review.model.items)
               if item.code_path.endswith(code) and item.document_name == document)
    review.table.selectRow(row)
    assert review.current is review.model.items[row]


def test_review_lists_the_engines_disagreements(main: MainWindow, pair: Pair) -> None:
    from coding.agreement import list_disagreements
    from coding.project import Project

    review = review_window(main)
    project = Project.open(pair.path)
    with project.session() as session:
        expected = list_disagreements(session, ["Ann", "Ben"])
    project.close()
    assert [item.key for item in review.model.items] == [item.key for item in expected]
    assert len(expected) == 4  # Org. changes bounds, Owner (Ann only), Owner (ZH bounds), Regulation (ZH, Ben only)
    assert review.progress.format() == "0 of 4 disagreements settled"
    select_item(review, ORG, "P01 bureau")
    assert review.model.index(review.table.currentIndex().row(), 4).data().startswith("both, ")
    assert "Ann" in review.take_a_button.text() and "Ben" in review.take_b_button.text()


def test_side_by_side_panes_colour_each_coders_codings(main: MainWindow) -> None:
    review = review_window(main)
    select_item(review, OWNER, "P02 中文")
    item = review.current
    assert item is not None
    ann, ben, consensus = review.panes
    assert (ann.coder, ben.coder, consensus.coder) == ("Ann", "Ben", "Consensus")

    def background(pane, offset: int) -> QColor:  # type: ignore[no-untyped-def]
        cursor = QTextCursor(pane.edit.document())
        cursor.setPosition(pane.offsets.to_qt(offset - pane.window_start) + 1)  # the format of the next character
        return cursor.charFormat().background().color()

    ann_start = ZH.index("政府作为出资人")
    ben_start = ZH.index("负责任命院长")
    assert background(ann, ann_start) == QColor(CODER_COLOURS[0])
    assert background(ben, ann_start) != QColor(CODER_COLOURS[1])  # Ben starts later …
    assert background(ben, ben_start) == QColor(CODER_COLOURS[1])  # … here, after the astral characters
    assert ann.edit.toPlainText() == ZH[ann.window_start:review.view.window_end]  # type: ignore[union-attr]

    # "Use selection" turns a selection in a pane (Qt positions) back into document offsets
    cursor = ann.edit.textCursor()
    cursor.setPosition(ann.offsets.to_qt(ben_start - ann.window_start))
    cursor.setPosition(ann.offsets.to_qt(ben_start + 6 - ann.window_start), QTextCursor.MoveMode.KeepAnchor)
    ann.edit.setTextCursor(cursor)
    assert review.use_selection()
    assert (review.edit_start.value(), review.edit_end.value()) == (ben_start, ben_start + 6)


def test_take_a_take_b_and_neither_undo_and_redo(qtbot, main: MainWindow, pair: Pair) -> None:
    review = review_window(main)
    stack = main.bench.undo_stack  # type: ignore[union-attr]
    announced: list[Changes] = []
    main.bench.changes_applied.connect(lambda changes, _initiator: announced.append(changes))  # type: ignore[union-attr]
    en, zh = (rows(pair.path, "SELECT id FROM documents WHERE name = ?", name)[0][0]
              for name in ("P01 bureau", "P02 中文"))
    org = rows(pair.path, "SELECT id FROM codes WHERE name = ?", ORG)[0][0]
    owner = rows(pair.path, "SELECT id FROM codes WHERE name = ?", OWNER)[0][0]
    change = _span(EN, "Since the group was set up as an independent legal person, my job has changed.")

    # take A: Ann's bounds become the consensus
    select_item(review, ORG, "P01 bureau")
    passage = review.current
    assert passage is not None and (passage.start, passage.end) == (change[0], change[1] + 38)
    review.rationale.setText("Ann stops at the sentence end")
    qtbot.mouseClick(review.take_a_button, Qt.MouseButton.LeftButton)
    take_a = [(en, org, *change)]
    assert rows(pair.path, CONSENSUS_ROWS) == take_a
    assert rows(pair.path, DECISIONS) == [("take_a", passage.start, passage.end, "Ann stops at the sentence end",
                                           "Ann")]
    assert announced[-1] == Changes(codings=True, consensus=True)
    assert review.progress.format() == "1 of 4 disagreements settled"
    assert review.current is not None and not review.current.resolved  # moved on to the next open passage
    assert review.rationale.text() == ""

    # undo and redo through the window's stack
    qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert rows(pair.path, CONSENSUS_ROWS) == [] and rows(pair.path, DECISIONS) == []
    assert review.progress.format() == "0 of 4 disagreements settled"
    qtbot.mouseClick(review.redo_button, Qt.MouseButton.LeftButton)
    assert rows(pair.path, CONSENSUS_ROWS) == take_a
    assert [r[0] for r in rows(pair.path, DECISIONS)] == ["take_a"]

    # take B on the Chinese passage: Ben's shorter coding
    select_item(review, OWNER, "P02 中文")
    review.decide("take_b")
    ben_span = _span(ZH, "负责任命院长。")
    assert rows(pair.path, CONSENSUS_ROWS) == [*take_a, (zh, owner, *ben_span)]

    # neither: logged, nothing written
    select_item(review, OWNER, "P01 bureau")
    qtbot.mouseClick(review.neither_button, Qt.MouseButton.LeftButton)
    assert [r[0] for r in rows(pair.path, DECISIONS)] == ["take_a", "take_b", "neither"]
    assert len(rows(pair.path, CONSENSUS_ROWS)) == 2
    assert review.progress.format() == "3 of 4 disagreements settled"
    settled = [i for i in review.model.items if i.resolved]
    assert len(settled) == 3
    assert review.model.index(review.model.row_of(settled[0].key), 5).data().startswith("Take ")

    # a settled passage cannot be settled twice; the buttons say so by being off
    select_item(review, OWNER, "P01 bureau")
    assert not review.take_a_button.isEnabled() and review.reopen_button.isVisibleTo(review)
    assert not review.decide("take_a")

    for expected_left in (2, 1, 0):
        stack.undo()
        assert len(rows(pair.path, DECISIONS)) == expected_left
    assert rows(pair.path, CONSENSUS_ROWS) == []
    for expected_done in (1, 2, 3):
        stack.redo()
        assert len(rows(pair.path, DECISIONS)) == expected_done
    assert rows(pair.path, CONSENSUS_ROWS) == [*take_a, (zh, owner, *ben_span)]


def test_edited_bounds_reopen_and_the_decision_log(qtbot, main: MainWindow, pair: Pair, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    review = review_window(main)
    select_item(review, ORG, "P01 bureau")
    start = EN.index("Since the group")
    review.edit_start.setValue(start)
    review.edit_end.setValue(start + 40)
    review.rationale.setText("only the first clause")
    qtbot.mouseClick(review.edit_button, Qt.MouseButton.LeftButton)
    assert [r[2:] for r in rows(pair.path, CONSENSUS_ROWS)] == [(start, start + 40)]
    assert rows(pair.path, DECISIONS)[0][0] == "edit"

    # reopen the decision (an undo step of its own), then undo the reopening
    select_item(review, ORG, "P01 bureau")
    assert review.current is not None and review.current.resolved
    assert "only the first clause" in review.settled_label.text()
    qtbot.mouseClick(review.reopen_button, Qt.MouseButton.LeftButton)
    assert rows(pair.path, DECISIONS) == [] and rows(pair.path, CONSENSUS_ROWS) == []
    assert review.current is not None and not review.current.resolved
    main.bench.undo_stack.undo()  # type: ignore[union-attr]
    assert rows(pair.path, DECISIONS) == [("edit", review.current.start, review.current.end,  # type: ignore[union-attr]
                                           "only the first clause", "Ann")]
    assert [r[2:] for r in rows(pair.path, CONSENSUS_ROWS)] == [(start, start + 40)]

    save_to(monkeypatch, tmp_path / "log.csv", tmp_path / "log.xlsx")
    qtbot.mouseClick(review.export_button, Qt.MouseButton.LeftButton)
    with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as handle:
        log = list(csv.DictReader(handle))
    assert [(entry["decision"], entry["rationale"]) for entry in log] == [("edit", "only the first clause")]
    assert review.export_log() == tmp_path / "log.xlsx"
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "log.xlsx").active
    assert sheet.max_row == 2 and sheet["A1"].value == "decided_at"


def test_review_refuses_bad_choices_without_changing_anything(qtbot, main: MainWindow, pair: Pair,
                                                              messages) -> None:
    review = review_window(main)
    review.set_coders("Ann", "Ann")
    assert review.model.items == [] and review.current is None
    assert review.list_label.text() == "Choose two different coders to compare."
    assert not review.take_a_button.isEnabled() and not review.decide("take_a")

    review.set_coders("Ann", "Ben")
    select_item(review, ORG, "P01 bureau")
    review.edit_start.setValue(100)
    review.edit_end.setValue(100)
    qtbot.mouseClick(review.edit_button, Qt.MouseButton.LeftButton)
    assert messages and "must run forwards" in messages[-1]

    review.consensus.setText("Ben")  # a person cannot be the consensus coder
    qtbot.mouseClick(review.take_a_button, Qt.MouseButton.LeftButton)
    assert "is a person, not a consensus coder" in messages[-1]
    assert rows(pair.path, DECISIONS) == [] and rows(pair.path, CONSENSUS_ROWS) == []
    assert not main.bench.undo_stack.canUndo()  # type: ignore[union-attr]


def test_review_opens_from_a_run_on_its_coders(qtbot, main: MainWindow) -> None:
    window = agreement_window(main)
    compare(qtbot, window)
    qtbot.mouseClick(window.review_button, Qt.MouseButton.LeftButton)
    review = main.agreement_tools.review_window  # type: ignore[attr-defined]
    assert review is not None and review.isVisible() and review.coders() == ("Ann", "Ben")
    QApplication.processEvents()


def test_a_stored_run_with_a_vendor_convention_reopens_with_its_figures_and_choice(
    qtbot, main: MainWindow, pair: Pair  # type: ignore[no-untyped-def]
) -> None:
    from coding.agreement import ComparisonParams
    from coding.agreement.runs import store_run
    from coding.project import Project

    params = ComparisonParams(coders=("Ann", "Ben"), unit="sentence", convention="maxqda")
    project = Project.open(pair.path)
    try:
        with project.session() as session:
            run_id = store_run(session, run_comparison_for(session, params), actor="test")
    finally:
        project.close()
    window = agreement_window(main)
    assert window.form.convention.currentData() is None
    assert window.open_run(run_id)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)  # read in a worker
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in range(window.model.columnCount())]
    assert any(str(h).startswith("MAXQDA") for h in headers)
    assert window.form.convention.currentData() == "maxqda"


def run_comparison_for(session, params):  # type: ignore[no-untyped-def]
    from coding.agreement import run_comparison

    return run_comparison(session, params)


def test_heatmap_cells_are_found_by_their_packed_keys() -> None:
    """The heatmap's look-up (rows of integer ids → position among the wanted keys, -1 when not wanted) agrees with
    a dictionary look-up, for one, two and three columns with missing (-1) and unknown (-2) ids."""
    from app.agreement.charts import _index_of

    generator = np.random.default_rng(7)
    for columns in (1, 2, 3):
        keys = generator.integers(-1, 40, size=(5_000, columns))
        wanted = [tuple(int(v) for v in row) for row in generator.integers(-2, 40, size=(60, columns))]
        first: dict[tuple[int, ...], int] = {}
        for i, key in enumerate(wanted):
            first.setdefault(key, i)
        expected = [first.get(tuple(int(v) for v in row), -1) for row in keys]
        assert _index_of(keys, wanted).tolist() == expected
        assert (np.array(expected) >= 0).any() and (np.array(expected) == -1).any()
    assert _index_of(np.zeros((0, 2), dtype=np.int64), [(1, 2)]).tolist() == []
