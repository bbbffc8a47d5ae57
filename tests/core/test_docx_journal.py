"""Word output a journal takes (issue 11 item 11): paper, one font family, three-line tables, widths from
content, display names, short quote sources — for every DOCX export.

Real project files (the analysis world: English and Chinese transcripts, two coders and a consensus), real
.docx files read back with python-docx and lxml; real font metrics (Liberation Serif, metric-compatible with
Times New Roman) where the machine has them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from coding.agreement.compare import ComparisonParams, run_comparison
from coding.agreement.runs import store_run
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, resolve_filter
from coding.analysis.matrix import framework_matrix, set_cell_summary
from coding.errors import ValidationError
from coding.export.agreement_report import export_agreement_report
from coding.export.codebook import export_codebook_docx
from coding.export.journal import (
    CELL_MARGIN_CM,
    PAPER_TWIPS,
    check_paper,
    default_paper,
    locale_territory,
    text_width_cm,
    unbreakable_words,
)
from coding.export.matrix import export_matrix_docx
from coding.export.summary import export_summary_docx
from coding.fonts import DOCX_EAST_ASIA_FONT, DOCX_LATIN_FONT
from coding.names import display_name
from coding.paragraphs import ParagraphIndex, paragraph_number
from tests.core.test_analysis_world import TEXTS, World, world_copy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXPORTS = ("summary", "matrix", "codebook", "agreement")


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def export(world: World, kind: str, target: Path, paper: str | None = "a4") -> Path:
    """Write one of the four Word exports of the world project."""
    with world.session() as session:
        if kind == "summary":
            export_summary_docx(session, target, paper=paper)
        elif kind == "matrix":
            owner = CodeTree.load(session).codes[world.codes["OF"]].uuid
            set_cell_summary(session, owner, "attribute:alliance_mode=Luohu", "The district government appoints "
                             "the president; institutionalisation of shared governance", actor="tester")
            set_cell_summary(session, owner, "attribute:alliance_mode=Tianchang", "政府主导，医院执行。", actor="tester")
            matrix = framework_matrix(session, rows="level3", columns="attribute:alliance_mode")
            export_matrix_docx(matrix, target, paper=paper)
        elif kind == "codebook":
            export_codebook_docx(session, target, paper=paper)
        else:
            result = run_comparison(session, ComparisonParams(coders=("Lin", "Wang"), n_resamples=20))
            run_id = store_run(session, result, actor="tester")
            export_agreement_report(session, run_id, target, paper=paper)
    return target


# -- paper -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("territory", "paper"), [
    ("US", "letter"), ("en_US", "letter"), ("en_CA.UTF-8", "letter"), ("es-MX", "letter"), ("fil_PH", "letter"),
    ("en_GB.UTF-8", "a4"), ("zh_CN", "a4"), ("de_DE@euro", "a4"), ("C", "a4"), ("", "a4"), ("POSIX", "a4"),
])
def test_default_paper_follows_the_country(territory: str, paper: str) -> None:
    assert default_paper(territory) == paper


def test_the_process_locale_decides_when_nothing_is_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert locale_territory() == "US" and default_paper() == "letter" and check_paper(None) == "letter"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")  # LC_ALL overrides every category
    assert default_paper() == "a4"
    with pytest.raises(ValidationError, match="a5"):
        check_paper("a5")


@pytest.mark.parametrize("kind", EXPORTS)
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_export_is_on_the_chosen_paper(world: World, tmp_path: Path, kind: str, paper: str) -> None:
    document = docx.Document(str(export(world, kind, tmp_path / f"{kind}.docx", paper)))
    size = document.sections[0]._sectPr.find(f"{W}pgSz")
    width, height = int(size.get(f"{W}w")), int(size.get(f"{W}h"))
    if kind == "matrix":  # landscape
        width, height = height, width
    assert (width, height) == PAPER_TWIPS[paper] == {"a4": (11906, 16838), "letter": (12240, 15840)}[paper]


def test_a_bad_paper_writes_nothing(world: World, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="paper"):
        export(world, "summary", tmp_path / "s.docx", paper="tabloid")
    assert not list(tmp_path.glob("*.docx"))


# -- fonts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", EXPORTS)
def test_every_run_names_one_family_with_its_east_asian_font(world: World, tmp_path: Path, kind: str) -> None:
    document = docx.Document(str(export(world, kind, tmp_path / f"{kind}.docx")))
    runs = list(document.element.body.iter(f"{W}r"))
    assert runs
    chinese = 0
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None, run.xpath("string(.)")
        assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == DOCX_LATIN_FONT
        assert fonts.get(f"{W}eastAsia") == DOCX_EAST_ASIA_FONT
        chinese += any("\u4e00" <= ch <= "\u9fff" for ch in run.xpath("string(.)"))
    assert chinese  # the world's Chinese names, definitions or quotes are among them
    # Styles use the family too, never the template's theme fonts (Calibri, Cambria) or colours.
    styles = document.styles.element
    assert not styles.xpath("//w:rFonts[@w:asciiTheme or @w:eastAsiaTheme]")
    assert not styles.xpath("//w:style[@w:styleId='Heading1' or @w:styleId='Title']//w:color[@w:themeColor]")


def test_sizes_are_consistent_across_exports(world: World, tmp_path: Path) -> None:
    sizes = {}
    for kind in ("summary", "codebook"):
        document = docx.Document(str(export(world, kind, tmp_path / f"{kind}.docx")))
        sizes[kind] = {name: document.styles[name].font.size.pt for name in ("Normal", "Title", "Heading 1")}
    assert sizes["summary"] == sizes["codebook"]
    assert sizes["summary"]["Title"] > sizes["summary"]["Heading 1"] > sizes["summary"]["Normal"]


# -- tables ----------------------------------------------------------------------------------------


def _liberation_serif() -> object | None:
    from matplotlib import font_manager, ft2font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family="Liberation Serif"),
                                     fallback_to_default=False)
    except ValueError:
        return None
    return ft2font.FT2Font(path)


def _real_width_cm(font: object, word: str, size_pt: float) -> float:
    font.set_size(size_pt, 72)  # type: ignore[attr-defined]
    font.set_text(word)  # type: ignore[attr-defined]
    return font.get_width() / 64 / 72 * 2.54  # type: ignore[attr-defined]  # 26.6 fixed-point pixels at 72 dpi


@pytest.mark.parametrize("kind", ["matrix", "codebook", "agreement"])
def test_tables_are_three_line_with_widths_no_word_breaks(world: World, tmp_path: Path, kind: str) -> None:
    document = docx.Document(str(export(world, kind, tmp_path / f"{kind}.docx")))
    body = document.element.body
    assert not body.xpath(".//w:shd") and not body.xpath(".//w:tblStyle")  # no shading, no grid style
    font = _liberation_serif()
    paragraphs = [p.text for p in document.paragraphs]
    for number, table in enumerate(document.tables, start=1):
        label = paragraphs.index(f"Table {number}")  # APA: "Table N" in bold, the title in italic below it
        assert document.paragraphs[label].runs[0].bold and document.paragraphs[label + 1].runs[0].italic
        properties = table._tbl.tblPr
        borders = {edge.tag.removeprefix(W): edge.get(f"{W}val") for edge in properties.find(f"{W}tblBorders")}
        assert borders == {"top": "single", "bottom": "single", "left": "nil", "right": "nil", "insideH": "nil",
                           "insideV": "nil"}
        for cell in table.rows[0].cells:  # the rule under the header
            assert cell._tc.tcPr.find(f"{W}tcBorders/{W}bottom").get(f"{W}val") == "single"
        for row in table.rows[1:]:
            for cell in row.cells:
                assert cell._tc.tcPr.find(f"{W}tcBorders") is None  # nothing else ruled
        assert properties.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(col.get(f"{W}w")) / 1440 * 2.54 for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
        for row in table.rows[1:]:
            for cell, width in zip(row.cells, grid, strict=True):
                indent = cell.paragraphs[0].paragraph_format.left_indent
                room = width - 2 * CELL_MARGIN_CM - (indent.cm if indent else 0.0)
                for run in cell.paragraphs[0].runs:
                    size = run.font.size.pt
                    for word in unbreakable_words(run.text):
                        assert text_width_cm(word, size, bool(run.bold)) <= room + 1e-6, (kind, word, width)
                        if font is not None and word.isascii():  # the estimate is never below the real width
                            assert _real_width_cm(font, word, size) <= room + 1e-6, (kind, word, width)


def test_a_table_note_follows_the_matrix(world: World, tmp_path: Path) -> None:
    document = docx.Document(str(export(world, "matrix", tmp_path / "m.docx")))
    note = next(p for p in document.paragraphs if p.text.startswith("Note. "))
    assert note.runs[0].italic and note.runs[0].text == "Note. "
    assert "Codings of:" in note.text  # whose codings the counts rest on


# -- names and sources -----------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "shown"), [
    ("alliance_mode", "Alliance mode"), ("role", "Role"), ("years_in_post", "Years in post"),
    ("Alliance mode", "Alliance mode"), ("HbA1c", "HbA1c"), ("访谈方式", "访谈方式"), ("Date of birth", "Date of birth"),
])
def test_display_names(key: str, shown: str) -> None:
    assert display_name(key) == shown


def test_exports_show_attributes_by_display_name(world: World, tmp_path: Path) -> None:
    document = docx.Document(str(export(world, "matrix", tmp_path / "m.docx")))
    text = document.element.body.xpath("string(.)")
    assert "Alliance mode" in text and "alliance_mode" not in text
    with world.session() as session:
        flt = resolve_filter(session, where=["alliance_mode=Luohu"])
        export_summary_docx(session, tmp_path / "s.docx", flt=flt)
    summary = docx.Document(str(tmp_path / "s.docx")).element.body.xpath("string(.)")
    assert "Alliance mode=Luohu" in summary and "alliance_mode" not in summary


def test_paragraph_numbers_count_non_blank_lines() -> None:
    text = "Q: First?\n\nA: Second line.\nThird\n\n\n第四段。"
    assert [paragraph_number(text, text.index(s)) for s in ("Q:", "A:", "Third", "第四")] == [1, 2, 3, 4]
    assert paragraph_number(text, text.index("\n\n\n") + 1) == 4  # a blank line belongs to the next paragraph
    assert paragraph_number(text, len(text)) == 4 and len(ParagraphIndex(text)) == 4
    assert paragraph_number("", 0) == 0


def test_quote_sources_are_short_with_offsets_on_request(world: World, tmp_path: Path) -> None:
    consensus = SegmentFilter(consensus=True)
    with world.session() as session:
        export_summary_docx(session, tmp_path / "short.docx", flt=consensus)
        export_summary_docx(session, tmp_path / "offsets.docx", flt=consensus, offsets=True)
    quote = "The district government appoints the president."
    start = TEXTS["D2"].index(quote)
    paragraph = TEXTS["D2"][:start].count("\n") + 1  # D2 has no blank lines
    for name, expected in (("short", f"P2 · D2 · ¶{paragraph}"),
                           ("offsets", f"P2 · D2 · ¶{paragraph} · characters {start}–{start + len(quote)}")):
        paragraphs = docx.Document(str(tmp_path / f"{name}.docx")).paragraphs
        index = next(i for i, p in enumerate(paragraphs) if p.text == quote)
        assert paragraphs[index + 1].text == expected and paragraphs[index + 1].style.name == "Caption"


def test_summary_carries_the_memos(world: World, tmp_path: Path) -> None:
    from coding.memos import add_journal_entry, add_memo
    from models import Document

    with world.session() as session:
        d2 = session.query(Document).filter_by(name="D2").one()
        add_memo(session, "document", target_uuid=d2.uuid, title="Interview setting", text="Noisy office.",
                 actor="tester")
        add_memo(session, "project", title="Aim", text="Governance of four alliance modes.", actor="tester")
        add_journal_entry(session, "Coded D2 today.", author_id=None, actor="tester")
        export_summary_docx(session, tmp_path / "s.docx")
        export_summary_docx(session, tmp_path / "none.docx", memos=False)
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "s.docx")).paragraphs]
    memos = paragraphs[paragraphs.index("Memos"):]
    order = [memos.index(text) for text in ("Governance of four alliance modes.", "Coded D2 today.", "Noisy office.")]
    assert order == sorted(order) and "D2 — Interview setting" in memos
    assert "Memos" not in [p.text for p in docx.Document(str(tmp_path / "none.docx")).paragraphs]
