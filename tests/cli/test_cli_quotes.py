"""`concord segments`, `concord search` and `concord export summary` quote the text character for character."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner

from coding.analysis.filters import SegmentFilter
from coding.analysis.quotes import indented
from coding.analysis.retrieval import retrieve_segments
from coding.cli import cli
from coding.project import Project
from tests.core.quote_world import CODE, QUOTES, build_quote_project


def run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_segments_listing_prints_each_quote_exactly(tmp_path: Path) -> None:
    path = build_quote_project(tmp_path / "quotes.concord")
    project = Project.open(path)
    try:
        with project.session() as session:
            stored = [s.text for s in retrieve_segments(session, SegmentFilter())]
    finally:
        project.close()
    assert stored == list(QUOTES)
    listing = run("segments", path, "--code", CODE)
    for quote in stored:  # edge spaces, the paragraph break, two spaces and the tab, indented line by line
        assert f")\n{indented(quote)}\n" in listing + "\n"
    assert "soundsgreat" not in listing and "theCoordinator" not in listing
    data = json.loads(run("segments", path, "--code", CODE, "--json"))
    assert [s["text"] for s in data["segments"]] == stored


def test_search_line_shows_the_spaces_around_the_keyword_as_written(tmp_path: Path) -> None:
    path = build_quote_project(tmp_path / "quotes.concord")
    assert "It sounds [great] to me." in run("search", path, "great")
    assert "the plan?⏎Ms Ho" in run("search", path, "sounds")


def test_export_summary_quotes_exactly(tmp_path: Path) -> None:
    path = build_quote_project(tmp_path / "quotes.concord")
    run("export", "summary", path, "--out", tmp_path / "summary.docx")
    quotes = [p.text for p in docx.Document(str(tmp_path / "summary.docx")).paragraphs if p.style.name == "Quote"]
    assert quotes == list(QUOTES)
