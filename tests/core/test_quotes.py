"""Quotes are the text, character for character: retrieval, the passage split a display marks, the KWIC line,
and the Word and Excel exports, on a project whose codings begin or end on a space or cross a line break."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from coding.analysis.filters import SegmentFilter
from coding.analysis.quotes import LINE_BREAK_MARK, indented, one_line, passage_parts
from coding.analysis.retrieval import retrieve_segments
from coding.analysis.search import Hit
from coding.export.segments import export_segments
from coding.export.summary import export_summary_docx
from coding.project import Project
from tests.core.quote_world import QUOTES, TEXT, build_quote_project


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = Project.open(build_quote_project(tmp_path / "quotes.concord"))
    yield opened
    opened.close()


def test_retrieved_segments_quote_the_document_text_exactly(project: Project) -> None:
    with project.session() as session:
        found = retrieve_segments(session, SegmentFilter())
    assert [s.text for s in found] == list(QUOTES)
    for segment in found:
        assert segment.text == TEXT[segment.start:segment.end]
        offset = segment.start - segment.context_start
        assert segment.context[offset:offset + len(segment.text)] == segment.text


@pytest.mark.parametrize(
    ("context", "start", "end", "parts"),
    [
        ("It sounds great to me.", 9, 15, ("It sounds", " great", " to me.")),  # was shown "It soundsgreat"
        ("I called the Coordinator", 0, 13, ("", "I called the ", "Coordinator")),  # was "theCoordinator"
        ("at once.\n\nLater  we", 3, 16, ("at ", "once.\n\nLater ", " we")),
        ("没有问题的", 2, 4, ("没有", "问题", "的")),
    ],
)
def test_passage_parts_keep_every_character(context: str, start: int, end: int, parts: tuple[str, str, str]) -> None:
    split = passage_parts(context, start, end)
    assert (split.before, split.coded, split.after) == parts
    assert split.before + split.coded + split.after == context
    assert not (split.cut_before or split.cut_coded or split.cut_after)


def test_passage_parts_cut_long_parts_visibly_and_refuse_bounds_outside() -> None:
    context = "a" * 10 + "b" * 10 + "c" * 10
    split = passage_parts(context, 10, 20, before_chars=4, coded_chars=6, after_chars=3)
    assert (split.before, split.coded, split.after) == ("aaaa", "bbbbbb", "ccc")
    assert split.cut_before and split.cut_coded and split.cut_after
    with pytest.raises(ValueError, match="outside"):
        passage_parts("short", 2, 9)


def test_one_line_marks_breaks_and_keeps_every_space() -> None:
    assert one_line(" great\n\nLater  we\tmet ") == f" great{LINE_BREAK_MARK * 2}Later  we\tmet "
    assert indented("at once.\n\nLater ") == "  at once.\n  \n  Later "


def test_kwic_line_adds_and_drops_no_character() -> None:
    chinese = Hit(1, "Z1", "zh", None, 2, 4, "问题", "我们没有", "的时候", "")
    assert "没有[问题]的时候" in chinese.line(10)  # no invented spaces around the match
    english = Hit(1, "D1", "en", None, 10, 15, "great", "It sounds ", " to me.\nNext", "")
    assert english.line(20).endswith(f"It sounds [great] to me.{LINE_BREAK_MARK}Next")


def test_summary_docx_quotes_every_passage_exactly(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "summary.docx"
    with project.session() as session:
        export_summary_docx(session, target)
    quotes = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Quote"]
    assert quotes == list(QUOTES)  # leading and trailing spaces, the paragraph break, two spaces and the tab


def test_segments_xlsx_text_column_is_the_exact_quote(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "segments.xlsx"
    with project.session() as session:
        export_segments(session, target)
    rows = list(openpyxl.load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    column = rows[0].index("text")
    assert [row[column] for row in rows[1:]] == list(QUOTES)
