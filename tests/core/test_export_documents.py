"""Word exports (coded summary, framework matrix, codebook): opened with python-docx and checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from sqlalchemy import select

from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, resolve_filter
from coding.analysis.matrix import framework_matrix, set_cell_summary
from coding.analysis.retrieval import count_segments
from coding.codebook import export_codebook
from coding.errors import CancelledError, ValidationError
from coding.export.codebook import export_codebook_docx, export_codebook_json
from coding.export.matrix import export_matrix, export_matrix_docx, export_matrix_xlsx
from coding.export.summary import export_summary_docx
from models import Code
from tests.core.test_analysis_world import CODINGS, World, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def _styled(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def _english(headings: list[str]) -> list[str]:
    """Headings carry the Chinese name in brackets: "Decision rights (决策权)"."""
    return [h.split(" (")[0] for h in headings]


# -- coded summary --------------------------------------------------------------------------------


def test_summary_has_the_codebook_as_headings_and_every_quote(world: World, tmp_path: Path) -> None:
    target = tmp_path / "summary.docx"
    with world.session() as session:
        result = export_summary_docx(session, target, title="Coded summary")
        names = {row.id: row.name for row in session.execute(select(Code.id, Code.name))}
    document = docx.Document(str(target))
    assert result.items == len(CODINGS) == 16
    assert _styled(document, "Title") == ["Coded summary"]
    assert _styled(document, "Heading 1") == ["Macro framework of the Preker-Harding model (Preker-Harding模型宏观框架)"]
    assert _english(_styled(document, "Heading 2")) == ["Decision rights", "Market competition", "Residual claims",
                                              "Accountability", "Social functions"]
    assert len(_styled(document, "Heading 3")) == 8 and len(names) == 14
    quotes = _styled(document, "Quote")
    assert sorted(quotes) == sorted(quote for *_, quote in CODINGS)
    assert any(p.startswith("Definition: ") for p in _styled(document, "Normal"))
    assert any(p.startswith("定义：") for p in _styled(document, "Normal"))


def test_each_quote_is_followed_by_its_source(world: World, tmp_path: Path) -> None:
    target = tmp_path / "summary.docx"
    with world.session() as session:
        export_summary_docx(session, target)
    paragraphs = docx.Document(str(target)).paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "Salaries are decided by the group.")
    source = paragraphs[index + 1]
    assert source.style.name == "Caption"
    # Short: case · document · paragraph (D3's second line) · the coder, since the summary rests on several.
    assert source.text == "P3 · D3 · ¶2 · Wang"
    # A quote sits under its own code's heading.
    heading = next(p for p in reversed(paragraphs[:index]) if p.style.name.startswith("Heading"))
    assert heading.text == "Financial management rights (财务管理权)"


def test_summary_filters_by_coder_consensus_attribute_and_code(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        consensus = export_summary_docx(session, tmp_path / "c.docx", flt=SegmentFilter(consensus=True))
        doctors = resolve_filter(session, where=["role=Doctor"], coders=["Lin"])
        doctor_result = export_summary_docx(session, tmp_path / "d.docx", flt=doctors)
        expected = count_segments(session, doctors)
        owner = resolve_filter(session, codes=["Owner functions"], descendants=True)
        export_summary_docx(session, tmp_path / "o.docx", flt=owner, include_empty=False)
    assert consensus.items == 2
    assert sorted(_styled(docx.Document(str(tmp_path / "c.docx")), "Quote")) == [
        "The board decides on large investments.", "The district government appoints the president."]
    assert doctor_result.items == expected == 5
    owner_document = docx.Document(str(tmp_path / "o.docx"))
    headings = [p.text for p in owner_document.paragraphs if p.style.name.startswith("Heading")]
    assert _english(headings) == ["Macro framework of the Preker-Harding model", "Decision rights", "Owner functions"]
    assert len(_styled(owner_document, "Quote")) == 5


def test_summary_reports_progress_cancels_and_leaves_no_file(world: World, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "summary.docx"
    with world.session() as session:
        export_summary_docx(session, target, progress=lambda d, t, label: seen.append((d, t, label)))
        assert seen and seen[-1][:2] == (16, 16)
        target.unlink()
        with pytest.raises(CancelledError):
            export_summary_docx(session, target, cancel=lambda: True)
    assert list((tmp_path / "out").iterdir()) == []


def test_summary_refuses_other_formats(world: World, tmp_path: Path) -> None:
    with world.session() as session, pytest.raises(ValidationError, match="docx"):
        export_summary_docx(session, tmp_path / "summary.pdf")


# -- framework matrix -----------------------------------------------------------------------------


def test_matrix_docx_is_a_landscape_styled_table_like_table_3(world: World, tmp_path: Path) -> None:
    target = tmp_path / "matrix.docx"
    with world.session() as session:
        uuid = CodeTree.load(session).codes[world.codes["OF"]].uuid
        set_cell_summary(session, uuid, "attribute:alliance_mode=Luohu", "The board exercises the power", actor="me")
        matrix = framework_matrix(session, rows="level3", columns="attribute:alliance_mode")
    export_matrix_docx(matrix, target, title="Table 3: Governance structure by alliance mode")
    document = docx.Document(str(target))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    # APA: "Table 3" (the number the caption gave) above the table, its title in italic on the next line.
    label = next(i for i, p in enumerate(document.paragraphs) if p.text == "Table 3")
    assert document.paragraphs[label].runs[0].bold
    title = document.paragraphs[label + 1]
    assert title.text == "Governance structure by alliance mode" and title.runs[0].italic
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == ["Dimension", "Code", "Luohu", "Tianchang"]
    assert len(table.rows) == 1 + 8
    owner = table.rows[2].cells
    assert owner[1].text == "Owner functions"
    assert owner[2].text == "The board exercises the power\n4 codings, 2 cases"
    assert owner[3].text == "0 codings, 0 cases"
    # "Decision rights" spans its two indicators, as in the paper's table.
    assert table.rows[1].cells[0].text == "Decision rights" and table.rows[2].cells[0]._tc is table.rows[1].cells[0]._tc


def test_matrix_cells_option(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        matrix = framework_matrix(session, rows="level2", columns="cases")
    export_matrix(matrix, tmp_path / "counts.docx", cells="counts")
    export_matrix(matrix, tmp_path / "summary.docx", cells="summary")
    counts = docx.Document(str(tmp_path / "counts.docx")).tables[0]
    summary = docx.Document(str(tmp_path / "summary.docx")).tables[0]
    assert [c.text for c in counts.rows[0].cells] == ["Code", "P1", "P2", "P3", "P4"]  # level 2: no dimension column
    assert counts.rows[1].cells[2].text == "4 codings, 1 case"
    assert summary.rows[1].cells[2].text == ""
    with pytest.raises(ValidationError):
        export_matrix(matrix, tmp_path / "x.docx", cells="everything")
    with pytest.raises(ValidationError):
        export_matrix(matrix, tmp_path / "x.pdf")


def test_matrix_xlsx_has_text_and_numbers(world: World, tmp_path: Path) -> None:
    import openpyxl

    with world.session() as session:
        matrix = framework_matrix(session, rows="level3", columns="attribute:alliance_mode")
    export_matrix_xlsx(matrix, tmp_path / "matrix.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "matrix.xlsx")
    assert workbook.sheetnames == ["Matrix", "Codings", "Documents", "Cases", "Notes"]
    codings = [[c.value for c in row] for row in workbook["Codings"].iter_rows()]
    assert codings[0] == ["dimension", "code", "Luohu", "Tianchang"]
    assert [row[2:] for row in codings[1:]] == matrix.codings.tolist()
    assert workbook["Matrix"]["C3"].value == "4 codings, 2 cases"


# -- codebook -------------------------------------------------------------------------------------


def test_codebook_docx_and_json(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        docx_result = export_codebook_docx(session, tmp_path / "codebook.docx")
        json_result = export_codebook_json(session, tmp_path / "codebook.json")
        expected = export_codebook(session)
    document = docx.Document(str(tmp_path / "codebook.docx"))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert docx_result.items == json_result.items == len(headings) == 14
    assert headings[0].style.name == "Heading 1" and headings[0].text.startswith("Macro framework")
    assert [h.style.name for h in headings[1:4]] == ["Heading 2", "Heading 3", "Heading 3"]
    assert sum(p.text.startswith("Definition: ") for p in document.paragraphs) == 14
    assert any(p.text == "level 3; 5 coding(s)" for p in document.paragraphs)  # Owner functions
    assert json.loads((tmp_path / "codebook.json").read_text(encoding="utf-8")) == expected
