"""Exports in a chosen language (issue 16, item 4): the coded summary, framework matrix, codebook and agreement
report written in Chinese from the shipped catalogue, the methods paragraph as a Chinese journal prints it, and the
language kept per thread so an export in one language leaves the interface in its own.

Expectations come from the catalogue itself (``translate`` under ``use_language``), and each asserts that the
shipped catalogue has the entry and that it differs from the English, so a missing translation fails here."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import openpyxl
import pytest
from sqlalchemy import select

from coding.agreement.methods import methods_for_run
from coding.analysis.matrix import framework_matrix
from coding.export.agreement_report import export_agreement_report
from coding.export.codebook import export_codebook_docx
from coding.export.journal import unbreakable_words
from coding.export.matrix import chinese_names, export_matrix_docx, export_matrix_xlsx
from coding.export.summary import export_summary_docx, project_name
from coding.i18n import CHINESE, ENGLISH, catalogue, code_label, current_language, translate, use_language
from coding.numbers import fixed
from coding.project import Project
from models import Code
from tests.core.test_agreement_report import project as report_project  # noqa: F401  (the fixture)
from tests.core.test_agreement_report import run_and_store
from tests.core.test_analysis_world import World, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def zh(context: str, text: str) -> str:
    """``text``'s Chinese from the shipped catalogue, which must have it (and it must not be the English)."""
    assert (context, text, "") in catalogue(CHINESE), f"the shipped catalogue lacks [{context}] {text!r}"
    with use_language(CHINESE):
        chinese = translate(context, text)
    assert chinese != text
    return chinese


def _styled(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def _header(table: docx.table.Table) -> list[str]:
    return [cell.text for cell in table.rows[0].cells]


# -- the language machinery ------------------------------------------------------------------------------


def test_use_language_holds_for_its_thread_and_block_only() -> None:
    seen: list[str] = []
    with use_language(CHINESE):
        worker = threading.Thread(target=lambda: seen.append(current_language()))
        worker.start()
        worker.join()
        inside = current_language()
    assert inside == CHINESE and seen == [ENGLISH] and current_language() == ENGLISH


def test_code_label_puts_the_chinese_name_first_only_in_chinese() -> None:
    assert code_label("Owner functions", "所有者职能") == "Owner functions"
    with use_language(CHINESE):
        assert code_label("Owner functions", "所有者职能") == "所有者职能（Owner functions）"
        assert code_label("Owner functions", None) == "Owner functions"  # no Chinese name: the English


def test_a_short_chinese_word_is_not_split_across_lines() -> None:
    assert unbreakable_words("已编码") == ["已编码"]
    assert unbreakable_words("每个代码在每个句子上") == list("每个代码在每个句子上")  # a sentence breaks anywhere


# -- coded summary -------------------------------------------------------------------------------------


def test_a_chinese_summary_has_chinese_headings_and_code_names(world: World, tmp_path: Path) -> None:
    english_target, chinese_target = tmp_path / "en.docx", tmp_path / "zh.docx"
    with world.session() as session:
        export_summary_docx(session, english_target)
        with use_language(CHINESE):
            export_summary_docx(session, chinese_target)
        name = project_name(session)
        root = session.scalars(select(Code).where(Code.parent_id.is_(None))).one()
        root_names = (root.name, root.name_zh)
    english, chinese = docx.Document(str(english_target)), docx.Document(str(chinese_target))
    assert _styled(chinese, "Title") == [zh("SummaryExport", "{project}: coded segments").format(project=name)]
    assert _styled(english, "Title") == [f"{name}: coded segments"]
    assert root_names[1] and _styled(chinese, "Heading 1") == [f"{root_names[1]}（{root_names[0]}）"]
    normal = _styled(chinese, "Normal")
    chinese_definition = next(i for i, p in enumerate(normal) if p.startswith("定义："))
    english_definition = next(i for i, p in enumerate(normal) if p.startswith(zh("SummaryExport", "English definition: ")))
    assert chinese_definition < english_definition  # the export's language first
    assert not any(p.startswith("Definition: ") for p in normal)
    # the quotes are the same, whatever the language of the headings
    assert _styled(chinese, "Quote") == _styled(english, "Quote")


# -- codebook --------------------------------------------------------------------------------------------


def test_a_chinese_codebook_names_its_fields_in_chinese(world: World, tmp_path: Path) -> None:
    target = tmp_path / "codebook.docx"
    with world.session() as session:
        session.scalars(select(Code).where(Code.parent_id.is_(None))).one().include_rule = "Any view of the alliance"
        session.flush()
        with use_language(CHINESE):
            export_codebook_docx(session, target)
    document = docx.Document(str(target))
    assert _header(document.tables[0]) == [zh("CodebookExport", "Code"), zh("CodebookExport", "Definition"),
                                           zh("CodebookExport", "Codings")]
    paragraphs = [p.text for p in document.paragraphs]
    assert zh("WordExport", "Table {number}").format(number=1) in paragraphs
    include = zh("CodebookExport", "{field}: ").format(field=zh("CodebookExport", "Include"))
    assert include + "Any view of the alliance" in paragraphs
    assert any(p.startswith(zh("WordExport", "Note. ")) for p in paragraphs)
    first_row = document.tables[0].rows[1].cells[0].text.split("\n")
    assert first_row[0] != "Macro framework of the Preker-Harding model"  # the Chinese name above the English


# -- framework matrix --------------------------------------------------------------------------------------


def test_a_chinese_matrix_labels_rows_with_chinese_names(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        matrix = framework_matrix(session, rows="level3", columns="cases")
        names = chinese_names(session)
    row = matrix.rows[0]
    with use_language(CHINESE):
        export_matrix_docx(matrix, tmp_path / "zh.docx", names_zh=names)
        export_matrix_xlsx(matrix, tmp_path / "zh.xlsx", names_zh=names)
    table = docx.Document(str(tmp_path / "zh.docx")).tables[0]
    assert _header(table)[:2] == [zh("MatrixExport", "Dimension"), zh("MatrixExport", "Code")]
    assert table.rows[1].cells[1].text == f"{names[row.path]}（{row.name}）"
    zh("MatrixExport", "%n coding(s)")
    with use_language(CHINESE):
        codings = translate("MatrixExport", "%n coding(s)", None, int(matrix.codings[0, 0]))
    assert table.rows[1].cells[2].text.startswith(codings)
    workbook = openpyxl.load_workbook(tmp_path / "zh.xlsx")
    assert workbook.sheetnames[0] == zh("MatrixExport", "Matrix")
    sheet = workbook[workbook.sheetnames[0]]
    assert [c.value for c in sheet[1]][:2] == ["dimension", "code"]  # column keys stay English for analysis
    assert sheet.cell(2, 2).value == f"{names[row.path]}（{row.name}）"


# -- agreement report and its methods paragraph ------------------------------------------------------------


def _pooled_alpha(result: object) -> float:
    return next(f.value for f in result.figures if f.measure == "alpha" and f.code_uuid is None  # type: ignore[attr-defined]
                and f.level is None and f.units == "all" and f.document_uuid is None and f.coder_a is None)


def test_the_chinese_methods_paragraph_says_the_same_with_chinese_journal_numbers(
        report_project: Project) -> None:  # noqa: F811
    _run_id, result = run_and_store(report_project, unit="sentence", rule="50%",
                                   measures=("percent", "alpha", "kappa"), n_resamples=100, seed=7)
    methods = methods_for_run(result)
    alpha = _pooled_alpha(result)
    assert f"α = {fixed(alpha, 3)}" in methods.chinese  # leading zero, as Chinese journals print it
    assert f"α = {fixed(alpha, 3).replace('0.', '.', 1)}" in methods.english  # APA in English
    assert "≥ 0.800" in methods.chinese and "≥ .800" in methods.english
    for same in ("2份文档", "50%", "重抽样100次", "随机种子7", "Lin", "Morgan", "句子"):
        assert same in methods.chinese
    assert "编码本" in methods.chinese and "编码手册" not in methods.chinese  # the glossary's word


def test_a_chinese_agreement_report(report_project: Project, tmp_path: Path) -> None:  # noqa: F811
    run_id, result = run_and_store(report_project, unit="sentence", measures=("percent", "alpha"))
    with report_project.session() as session:
        english_path = export_agreement_report(session, run_id, tmp_path / "en.docx")
        with use_language(CHINESE):
            chinese_path = export_agreement_report(session, run_id, tmp_path / "zh.docx")
    english, chinese = docx.Document(str(english_path)), docx.Document(str(chinese_path))
    methods = methods_for_run(result)
    assert _styled(chinese, "Title") == [zh("AgreementReportExport", "Inter-coder reliability")]
    assert _styled(english, "Title") == ["Inter-coder reliability"]
    paragraphs = [p.text for p in chinese.paragraphs]
    assert _styled(chinese, "Heading 1")[:2] == ["方法", "Method"]  # the Chinese paragraph first
    assert paragraphs[paragraphs.index("方法") + 1] == methods.chinese
    assert zh("AgreementReportExport", "Parameters") in _styled(chinese, "Heading 1")
    header = _header(chinese.tables[0])
    assert header[:2] == [zh("AgreementReportExport", "Code"), zh("AgreementReportExport", "Units")]
    alpha = fixed(_pooled_alpha(result), 3)
    cells = [c.text for t in chinese.tables for r in t.rows for c in r.cells]
    english_cells = [c.text for t in english.tables for r in t.rows for c in r.cells]
    assert any(c.startswith(alpha) for c in cells) and not any(c.startswith(alpha) for c in english_cells)
    assert any(c.startswith(alpha.replace("0.", ".", 1)) for c in english_cells)
