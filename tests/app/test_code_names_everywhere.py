"""Issue 16, item 3 beyond the codebook panel: with the interface in Chinese the compare window, the review window,
the analysis views and the memo list name each code by the codebook's Chinese name (English on hover, English
where a code has none); with the interface in English they read exactly as before. Also the Coders menu's
accelerator and the import report's duplicate line in Chinese.

Real windows on a real project (two coders' codings of the seeded bilingual codebook, tests/app/test_agreement_gui)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app import i18n
from app.agreement import MENU, install
from app.agreement.charts import row_labels
from app.analysis import controller_of
from app.analysis import install as install_analysis
from app.analysis.controller import AnalysisController
from app.import_dialog import ImportDialog
from app.main import MainWindow
from app.memos import install as install_memos
from app.memos import tools_of
from tests.app.test_agreement_gui import ORG, OWNER, Pair, _build, agreement_window, compare, review_window

TIMEOUT = 30_000
OWNER_ZH, ORG_ZH, DECISION_RIGHTS_ZH, FRAMEWORK_ZH = "所有者职能", "组织变革", "决策权", "Preker-Harding模型宏观框架"
NAMES = {i18n.ENGLISH: (OWNER, ORG), i18n.CHINESE: (OWNER_ZH, ORG_ZH)}
PARENT = {i18n.ENGLISH: "Macro framework of the Preker-Harding model › Decision rights",
          i18n.CHINESE: f"{FRAMEWORK_ZH} › {DECISION_RIGHTS_ZH}"}


@pytest.fixture(scope="module")
def names_template(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """The agreement tests' two coders, with both documents in one case (the matrix's columns)."""
    from coding.cases import add_case, attach_document
    from coding.project import Project

    pair = _build(tmp_path_factory.mktemp("names") / "pair.concord")
    project = Project.open(pair.path)
    with project.session() as session:
        add_case(session, "Director", actor="fixture")
        for document in ("P01 bureau", "P02 中文"):
            attach_document(session, "Director", document, actor="fixture")
    project.close()
    return pair


@pytest.fixture(params=[i18n.ENGLISH, i18n.CHINESE])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    i18n.TRANSLATORS.install(request.param)
    try:
        yield request.param
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)


@pytest.fixture
def main(qtbot, names_template: Pair, tmp_path: Path, settings, messages,  # type: ignore[no-untyped-def]
         language: str) -> Iterator[MainWindow]:
    target = tmp_path / "pair.concord"
    shutil.copy(names_template.path, target)
    window = MainWindow(target, settings, coder="Ann")
    qtbot.addWidget(window)
    window.set_blind(False)
    install(window)
    window.show()
    yield window
    window.close()


def test_the_compare_window_names_the_codes_of_its_rows_and_runs(qtbot, main: MainWindow,  # type: ignore[no-untyped-def]
                                                                 language: str) -> None:
    window = agreement_window(main)
    compare(qtbot, window)
    model = window.model
    rows = {model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole): model.index(r, 0).data().strip()
            for r in range(model.rowCount())}
    owner_path = f"{PARENT[i18n.ENGLISH]} › {OWNER}"  # the tooltip keeps the run's English path
    assert rows[owner_path] == NAMES[language][0]
    assert rows[f"{PARENT[i18n.ENGLISH]} › {ORG}"] == NAMES[language][1]
    codes = [window.runs_panel.code.itemText(i).strip() for i in range(window.runs_panel.code.count())]
    assert NAMES[language][0] in codes and NAMES[language][1] in codes
    heatmap = row_labels(model.rows, model.labels)  # what draw_heatmap writes beside its rows
    assert NAMES[language][0] in heatmap and NAMES[language][1] in heatmap
    top = window.form.codes.topLevelItem(0)  # the form's codes to choose from
    assert top.text(0) == PARENT[language].split(" › ")[0]
    assert top.toolTip(0) == PARENT[i18n.ENGLISH].split(" › ")[0]


def test_the_review_window_names_the_code_in_its_list_heading_and_status(main: MainWindow, language: str) -> None:
    review = review_window(main)
    listed = {review.model.index(r, 1).data() for r in range(review.model.rowCount())}
    assert set(NAMES[language]) <= listed
    filters = {review.code_filter.itemText(i) for i in range(review.code_filter.count())}
    assert set(NAMES[language]) <= filters
    row = next(i for i, item in enumerate(review.model.items)
               if item.code_path.endswith(OWNER) and item.document_name == "P02 中文")
    review.table.selectRow(row)
    assert review.heading.text() == NAMES[language][0]
    assert review.subheading.text().startswith(PARENT[language] + " · P02 中文 · ")
    assert review.decide("both")
    assert NAMES[language][0] in review.status.text()


@pytest.fixture
def analysis(main: MainWindow) -> AnalysisController:
    install_analysis(main)
    controller = controller_of(main)
    assert controller is not None
    return controller


def open_view(qtbot, analysis: AnalysisController, kind: str):  # type: ignore[no-untyped-def]
    from app.analysis.window import AnalysisWindow

    if analysis.analysis_window is None:
        analysis.analysis_window = AnalysisWindow(analysis, analysis.window)
    with qtbot.waitSignal(analysis.analysis_window.view(kind).loaded, timeout=TIMEOUT):
        view = analysis.show(kind)
    assert view is not None and not view.error, view.error if view else "no view"
    return view


def first_column(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(model.index(r, 0).data()).strip() for r in range(model.rowCount())]


def test_the_analysis_views_name_the_codes(qtbot, analysis: AnalysisController, language: str) -> None:  # type: ignore[no-untyped-def]
    owner, org = NAMES[language]
    frequencies = open_view(qtbot, analysis, "frequencies")
    assert {owner, org} <= set(first_column(frequencies.model))
    cooccurrence = open_view(qtbot, analysis, "cooccurrence")
    assert any(label.endswith(f"  {owner}") for label in first_column(cooccurrence.model))

    matrix = open_view(qtbot, analysis, "matrix")
    rows = [matrix.model.index(r, 1).data() for r in range(matrix.model.rowCount())]
    assert owner in rows and org in rows
    row = rows.index(owner)
    assert matrix.model.index(row, 0).data() == PARENT[language].split(" › ")[-1]  # the dimension
    assert matrix.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole).endswith(f" › {OWNER}")  # English on hover
    matrix.select_cell(row, 0)
    assert matrix.cell_title.text().startswith(f"{owner} × ")
    assert matrix.cell_counts.text().endswith(f"{PARENT[language]} › {owner}")

    retrieval = open_view(qtbot, analysis, "retrieve")
    code_column = retrieval.model.CODE
    shown = {retrieval.model.index(r, code_column).data() for r in range(retrieval.model.rowCount())}
    assert {owner, org} <= shown

    content = open_view(qtbot, analysis, "content")  # categories = codes
    assert {owner, org} <= set(first_column(content.model))
    together = content.keywords  # which categories occur together
    together.items.setCurrentIndex(together.items.findData("categories"))
    with qtbot.waitSignal(together.runner.finished, timeout=TIMEOUT):
        together.compute()
    assert {owner, org} <= set(first_column(together.model))
    assert together.result is not None and f"{PARENT[i18n.ENGLISH]} › {OWNER}".replace(" › ", "/") in \
        together.result.paths  # the export's result keeps the stored paths


def test_the_memo_list_names_a_code_target(main: MainWindow, language: str) -> None:
    install_memos(main)
    tools = tools_of(main)
    assert tools is not None
    info = next(i for i in main.code_infos.values() if i.name == OWNER)
    tools.open_memo_on("code", info.uuid, info.path)
    tools.panel.text.setPlainText("Who owns the hospital")
    assert tools.panel.commit()
    tools.panel.refresh()
    model = tools.panel.model
    row = next(r for r, record in enumerate(model.rows) if record.kind == "code")
    expected = {i18n.ENGLISH: f"Decision rights/{OWNER}", i18n.CHINESE: f"{DECISION_RIGHTS_ZH}/{OWNER_ZH}"}
    assert model.index(row, 1).data() == expected[language]
    tip = model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(PARENT[language].replace(" › ", "/"))
    assert info.path in tip  # the English path stays one hover away
    tools.panel.select(model.rows[row].uuid)
    assert PARENT[language].replace(" › ", "/") in tools.panel.heading.text()


def test_the_coders_menu_has_an_accelerator_of_its_own(main: MainWindow, language: str) -> None:
    menu = main.tool_menu(MENU)
    assert menu is not None
    titles = [action.text() for action in main.menuBar().actions() if action.isVisible()]
    if language == i18n.ENGLISH:
        assert menu.title() == "C&oders"
    keys = [QKeySequence.mnemonic(title).toString() for title in titles]
    assert all(keys) and len(set(keys)) == len(keys), titles


def test_the_duplicate_line_of_the_import_report_drops_the_path(qtbot, main: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                language: str) -> None:
    source = tmp_path / "again.txt"
    source.write_text("Interviewer: Who sets the targets?\n\nR: The council sets them every year.\n",
                      encoding="utf-8")
    details = []
    for _ in range(2):
        dialog = ImportDialog(main.bench.project.path, "Ann", str(tmp_path))
        qtbot.addWidget(dialog)
        dialog.add_paths([source])
        dialog.start_button.click()
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=60_000)  # noqa: B023 - waited for at once
        details.append(dialog.table.item(0, 2).text())
    assert str(tmp_path) not in details[1]
    expected = {i18n.ENGLISH: "already imported as again", i18n.CHINESE: "已作为 again 导入"}
    assert details[1] == expected[language]


def test_the_run_notes_name_the_codes_they_list(qtbot, main: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    """The notes under a run (codes no coder used, parents' own codings) list code paths stored in English; the
    window names them as the codebook does, and the stored run keeps them in English."""
    window = agreement_window(main)
    compare(qtbot, window)
    notes = window.run_notes.text()
    stored = " ".join(window.run.parameters.get("notes") or []) if window.run is not None else ""
    assert "Macro framework of the Preker-Harding model" in stored  # the run lists codes by their English paths
    if language == i18n.CHINESE:
        assert FRAMEWORK_ZH in notes and "Macro framework of the Preker-Harding model" not in notes
    else:
        assert "Macro framework of the Preker-Harding model" in notes and FRAMEWORK_ZH not in notes
