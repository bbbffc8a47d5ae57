"""The methods paragraph (issue 17 item 12) and the journal-ready reliability report (item 13).

Real project files with real codings; the report is a real .docx read back with python-docx.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.agreement.compare import DISAGREEMENTS, ComparisonParams, run_comparison
from coding.agreement.methods import REFERENCES, methods_for_run, methods_text
from coding.agreement.runs import load_run, store_run
from coding.errors import ValidationError
from coding.export.agreement_report import PAPER_SIZES_CM, export_agreement_report
from coding.export.journal import SECONDARY_PT, TABLE_PT, text_width_cm
from coding.project import Project
from tests.core.test_agreement_units import CHILD_1, CHILD_2, TEXT, Builder, add_document, sentence

ACTOR = "test"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "report.concord")
    with created.session() as session:
        add_document(session, "doc1")
        add_document(session, "doc2", text=TEXT.replace("This", "That"))
    builder = Builder(created)
    for document in ("doc1", "doc2"):
        for i in (0, 2, 4):
            builder.code("Lin", document, CHILD_1, *sentence(i))
        for i in (0, 2, 5):
            builder.code("Morgan", document, CHILD_1, *sentence(i))
        builder.code("Lin", document, CHILD_2, *sentence(7))
        builder.code("Morgan", document, CHILD_2, *sentence(7))
    yield created
    created.close()


def run_and_store(project: Project, **params) -> tuple[int, object]:
    with project.session() as session:
        result = run_comparison(session, ComparisonParams(coders=("Lin", "Morgan"), **params))
        run_id = store_run(session, result, actor=ACTOR)
    return run_id, result


def pooled_n(result) -> int:
    return next(f.n_units for f in result.figures if f.code_uuid is None and f.level is None and f.units == "all"
                and f.document_uuid is None and f.coder_a is None and f.measure == "percent")


# ------------------------------------------------------------------------------------------------
# Item 12: the methods paragraph
# ------------------------------------------------------------------------------------------------


def test_methods_paragraph_names_what_the_figures_rest_on(project: Project) -> None:
    _run_id, result = run_and_store(project, unit="sentence", rule="50%",
                                   measures=("percent", "alpha", "kappa"), n_resamples=100, seed=7)
    methods = methods_for_run(result)
    english, chinese = methods.english, methods.chinese
    code_n = {f.n_units for f in result.figures if f.code_uuid is not None and f.units == "all"
              and f.document_uuid is None and f.coder_a is None and f.measure == "percent"}
    # coders, documents, unit, rule
    assert "Lin and Morgan" in english and "2 documents" in english
    assert "sentences" in english and "at least 50%" in english
    assert "Lin" in chinese and "Morgan" in chinese and "2份文档" in chinese and "句子" in chinese and "50%" in chinese
    # n, measures, intervals, thresholds, references — from the run, not from constants
    assert f"n = {min(code_n)}" in english and f"n = {pooled_n(result)}" in english
    assert f"n = {pooled_n(result)}" in chinese
    assert "Krippendorff's nominal α" in english and "Cohen's κ" in english
    assert "100 resamples (seed 7)" in english and "重抽样100次" in chinese
    assert ".667" in english and ".800" in english and "Landis and Koch's (1977)" in english
    assert REFERENCES["cohen1960"] in methods.references and REFERENCES["landis1977"] in methods.references
    alpha = next(f for f in result.figures if f.measure == "alpha" and f.code_uuid is None and f.level is None
                 and f.units == "all" and f.document_uuid is None and f.coder_a is None)
    assert f"α = {alpha.value:.3f}".replace("0.", ".") in english


def test_a_reopened_run_gives_the_same_paragraph(project: Project) -> None:
    run_id, result = run_and_store(project, unit="segment", tolerance=80, measures=("percent", "bp"))
    with project.session() as session:
        stored = load_run(session, run_id)
    assert methods_for_run(stored) == methods_for_run(result)
    assert "at least 80%" in methods_for_run(stored).english
    assert "No confidence intervals" in methods_for_run(stored).english


def test_methods_read_old_runs_and_unknown_fields_defensively() -> None:
    # A run stored before the coverage, interval and convention fields existed, with a measure added later.
    old = {"coders": ["A", "B"], "unit": "character", "measures": ["percent", "newmeasure"],
           "documents": ["d1", "d2", "d3"]}
    methods = methods_text(old, [])
    assert "Two coders (A and B)" in methods.english and "3 documents" in methods.english
    assert "characters" in methods.english and "newmeasure" in methods.english
    assert "No confidence intervals" in methods.english and "未计算置信区间" in methods.chinese
    assert "missing" not in methods.english  # nothing is claimed about coverage the run does not record
    # A newer run: who coded what, the done-only choice, a vendor convention, document-cluster intervals.
    newer = {**old, "coverage": {"A": ["d1", "d2", "d3"], "B": ["d1"]}, "done_only": True, "convention": "nvivo",
             "n_resamples": 500, "interval_methods": {"percent": "percentile bootstrap resampling whole documents"}}
    methods = methods_text(newer, [])
    assert "marked as done" in methods.english and "A 3, B 1 of 3" in methods.english
    assert "missing" in methods.english and "缺失" in methods.chinese
    assert "NVivo" in methods.english and "NVivo" in methods.chinese
    assert "resampling whole documents" in methods.english and "500 resamples" in methods.english


# ------------------------------------------------------------------------------------------------
# Item 13: the reliability report
# ------------------------------------------------------------------------------------------------


def _docx(path: Path):
    import docx

    return docx.Document(str(path))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_report_on_a4_or_letter_opens_with_both_methods_paragraphs(project: Project, tmp_path: Path,
                                                                  paper: str) -> None:
    run_id, result = run_and_store(project, measures=("percent", "alpha", "kappa"), n_resamples=50)
    with project.session() as session:
        written = export_agreement_report(session, run_id, tmp_path / f"{paper}.docx", paper=paper)
    document = _docx(written)
    width_cm, height_cm = PAPER_SIZES_CM[paper]
    section = document.sections[0]
    assert abs(section.page_width.cm - width_cm) < 0.01 and abs(section.page_height.cm - height_cm) < 0.01
    paragraphs = [p.text for p in document.paragraphs]
    methods = methods_for_run(result)
    assert methods.english in paragraphs and methods.chinese in paragraphs
    assert all(reference in paragraphs for reference in methods.references)


def test_unknown_paper_is_refused_and_writes_nothing(project: Project, tmp_path: Path) -> None:
    run_id, _ = run_and_store(project)
    with project.session() as session, pytest.raises(ValidationError, match="paper"):
        export_agreement_report(session, run_id, tmp_path / "r.docx", paper="a5")
    assert not list(tmp_path.glob("r*.docx"))


def test_one_compact_table_per_level_with_indented_leaf_names(project: Project, tmp_path: Path) -> None:
    run_id, result = run_and_store(project, measures=("percent", "alpha", "kappa"), n_resamples=50)
    with project.session() as session:
        written = export_agreement_report(session, run_id, tmp_path / "r.docx")
    document = _docx(written)
    levels = sorted({f.level for f in result.figures if f.level is not None})
    level_tables = [t for t in document.tables if t.rows[0].cells[1].text == "Units"]
    assert len(level_tables) == len(levels) + 1  # one per level and the all-codes pool
    level3 = level_tables[levels.index(3)]
    header = [c.text for c in level3.rows[0].cells]
    assert header[:3] == ["Code", "Units", "n"] and {"%", "α", "κ"} <= set(header[3:])
    names = [row.cells[0] for row in level3.rows[1:]]
    texts = [c.text for c in names]
    leaf = CHILD_1.rsplit("/", 1)[-1]
    assert leaf in texts and not any("/" in t for t in texts)  # leaf names, never paths
    leaf_cell = names[texts.index(leaf)]
    parent_cell = names[texts.index(CHILD_1.split("/")[0])]
    assert leaf_cell.paragraphs[0].paragraph_format.left_indent > (parent_cell.paragraphs[0].paragraph_format
                                                                   .left_indent or 0)
    # The leaf's row carries its value, interval and n exactly as computed.
    figure = next(f for f in result.figures if f.code_name.endswith(leaf) and f.measure == "alpha"
                  and f.units == "all" and f.document_uuid is None and f.coder_a is None)
    row = level3.rows[1 + texts.index(leaf)]
    cell = row.cells[header.index("α")].text
    assert cell.startswith(f"{figure.value:.3f}".replace("0.", ".", 1)) and f"{figure.ci_low:.3f}"[1:] in cell
    assert row.cells[2].text == str(figure.n_units)


def test_tables_are_three_line_with_proportionate_widths_no_word_split(project: Project, tmp_path: Path) -> None:
    run_id, _ = run_and_store(project, measures=("percent", "alpha", "kappa", "ac1", "bp"), n_resamples=50)
    with project.session() as session:
        written = export_agreement_report(session, run_id, tmp_path / "r.docx", paper="letter")
    document = _docx(written)
    usable = PAPER_SIZES_CM["letter"][0] - 2 * 2.54
    for table in document.tables:
        borders = table._tbl.tblPr.find(f"{W}tblBorders")
        assert borders.find(f"{W}top").get(f"{W}val") == "single"
        assert borders.find(f"{W}bottom").get(f"{W}val") == "single"
        assert borders.find(f"{W}insideV").get(f"{W}val") == "nil"
        assert borders.find(f"{W}insideH").get(f"{W}val") == "nil"
        header_rule = table.rows[0].cells[0]._tc.tcPr.find(f"{W}tcBorders").find(f"{W}bottom")
        assert header_rule.get(f"{W}val") == "single"
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        widths = [cell.width.cm for cell in table.rows[0].cells]
        assert abs(sum(widths) - usable) < 0.05  # the page width, shared out
        for column, width in enumerate(widths):
            for row in table.rows[1:]:
                for index, line in enumerate(row.cells[column].text.split("\n")):
                    size = TABLE_PT if index == 0 else SECONDARY_PT  # intervals and n a point smaller
                    for word in line.replace("\u200b", " ").split(" "):
                        # every unbreakable word fits its column (cell margins 2 × 0.1 cm)
                        assert text_width_cm(word, size) + 0.2 <= width + 1e-6, (word, width)


def test_report_counts_disagreements_per_code(project: Project, tmp_path: Path) -> None:
    run_id, result = run_and_store(project)
    with project.session() as session:
        written = export_agreement_report(session, run_id, tmp_path / "r.docx")
    document = _docx(written)
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Units with disagreement")
    counts = {row.cells[0].text: (row.cells[1].text, row.cells[2].text) for row in table.rows[1:]}
    for figure in result.figures:
        if figure.measure == DISAGREEMENTS and figure.code_uuid is not None and figure.document_uuid is None \
                and figure.coder_a is None:
            assert counts[figure.code_name.rsplit("/", 1)[-1]] == (f"{figure.value:.0f}", str(figure.n_units))


def test_three_coders_get_a_pairs_table_and_say_so(project: Project, tmp_path: Path) -> None:
    builder = Builder(project)
    for document in ("doc1", "doc2"):
        builder.code("Chen", document, CHILD_1, *sentence(0))
    with project.session() as session:
        result = run_comparison(session, ComparisonParams(coders=("Lin", "Morgan", "Chen"),
                                                          measures=("percent", "alpha", "fleiss")))
        run_id = store_run(session, result, actor=ACTOR)
        written = export_agreement_report(session, run_id, tmp_path / "three.docx")
    english = methods_for_run(result).english
    assert english.startswith("Three coders (Lin, Morgan, and Chen)") and "Fleiss' κ" in english
    document = _docx(written)
    pairs = next(t for t in document.tables if t.rows[0].cells[0].text == "Coders")
    assert {row.cells[0].text for row in pairs.rows[1:]} == {"Lin × Morgan", "Lin × Chen", "Morgan × Chen"}


def test_boundary_reading_is_described_and_counted(project: Project, tmp_path: Path) -> None:
    run_id, result = run_and_store(project, measures=("percent", "alpha"), boundary=5)
    methods = methods_for_run(result)
    assert "at most 5 characters" in methods.english and "5个字符" in methods.chinese
    with project.session() as session:
        written = export_agreement_report(session, run_id, tmp_path / "b.docx")
    table = next(t for t in _docx(written).tables if t.rows[0].cells[1].text == "Units with disagreement")
    assert [c.text for c in table.rows[0].cells] == ["Code", "Units with disagreement", "Of which boundary-only",
                                                      "Units compared"]


def test_atlas_convention_cites_the_unitizing_family() -> None:
    methods = methods_text({"coders": ["A", "B"], "unit": "segment", "convention": "atlas", "documents": ["d"]})
    assert "ATLAS.ti" in methods.english and REFERENCES["krippendorff2016"] in methods.references
