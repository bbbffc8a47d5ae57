"""The analysis and export commands through click's CliRunner, asserting through the library and files."""

from __future__ import annotations

import json
from pathlib import Path

import click
import docx
import openpyxl
import pytest
from click.testing import CliRunner

from coding.analysis.filters import resolve_filter
from coding.analysis.matrix import cell_summaries
from coding.analysis.retrieval import count_segments
from coding.cli import cli
from coding.cli.analysis import analysis_commands
from coding.project import Project
from tests.core.test_analysis_world import CODINGS, open_world, template_path


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def as_json(*args: object) -> object:
    return json.loads(run(*args, "--json").output)


@pytest.fixture
def project(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    open_world(template_path(tmp_path_factory), tmp_path).project.close()
    return tmp_path / "world.concord"


def test_commands_are_registered_with_help() -> None:
    names = {command.name for command in analysis_commands}
    assert names == {"segments", "search", "words", "frequencies", "cooccurrence", "matrix", "cell-summary",
                     "crosstab", "chart", "export"}
    for name in names:
        assert "Usage:" in run(name, "--help").output
        assert name in run("--help").output
    export = next(command for command in analysis_commands if command.name == "export")
    assert isinstance(export, click.Group)
    assert set(export.commands) == {"summary", "matrix", "codebook", "segments", "crosstab", "words", "frequencies",
                                    "cooccurrence"}


def test_segments(project: Path) -> None:
    data = as_json("segments", project, "--code", "Owner functions", "--coder", "Lin", "--where", "role=Doctor")
    assert data["total"] == 1
    (segment,) = data["segments"]
    assert (segment["text"], segment["speaker"], segment["case"]) == ("large investments. We decided", "Dr Wang", "P1")
    rolled = as_json("segments", project, "--code", "Decision rights", "--descendants", "--per-coder")
    with Project.open(project) as opened, opened.session() as session:
        expected = count_segments(session, resolve_filter(session, codes=["Decision rights"], descendants=True))
    assert rolled["total"] == expected == 6
    text = run("segments", project, "--code", "Owner functions", "--consensus").output
    assert "1 segment(s)" in text and "The district government appoints the president." in text


def test_segments_errors(project: Path) -> None:
    assert "Error: no code 'Owner funktions'" in run("segments", project, "--code", "Owner funktions", code=1).output
    assert "Error:" in run("segments", project, "--code", "Owner functions", "--where", "role", code=1).output
    assert run("segments", project, code=2).exit_code == 2  # --code is required
    assert "Error:" in run("segments", tmp := project.with_name("missing.concord"), "--code", "x", code=1).output
    assert not tmp.exists()


def test_search_and_code_hits(project: Path) -> None:
    data = as_json("search", project, "decide", "--mode", "lemma", "--context", "2", "--unit", "words")
    assert [h["match"] for h in data["hits"]] == ["decides", "decided", "decides", "decided", "decides"]
    assert data["hits"][0]["left"] == "The board "
    coded = as_json("search", project, "the budget", "--mode", "phrase", "--code-hits", "Government regulations",
                    "--coder", "Wang")
    assert len(coded["coded"]) == 2
    again = as_json("search", project, "the budget", "--mode", "phrase", "--code-hits", "Government regulations",
                    "--coder", "Wang")
    assert again["coded"] == []
    assert "2 hit(s)" in run("search", project, "the budget", "--mode", "phrase").output
    assert run("search", project, "x", "--code-hits", "Government regulations", code=2).exit_code == 2
    assert "not a valid regular expression" in run("search", project, "(", "--mode", "regex", code=1).output


def test_words_frequencies_and_cooccurrence(project: Path, tmp_path: Path) -> None:
    words = as_json("words", project, "--top", "3")
    assert words["words"][0] == {"word": "decides", "total": 3, "counts": {"all documents": 3}}
    frequencies = as_json("frequencies", project, "--by", "attribute:role", "--rows", "level2", "--per-coder")
    decision = [r for r in frequencies["rows"] if r["code"].endswith("/Decision rights")]
    assert [(r["column"], r["codings"]) for r in decision] == [("Doctor", 1), ("Official", 4), ("(no value)", 1)]
    assert "Decision rights" in run("frequencies", project, "--rows", "level2", "--no-words").output
    pairs = as_json("cooccurrence", project, "--rows", "level3", "--coder", "Lin")
    assert {(p["code_a"].split("/")[-1], p["code_b"].split("/")[-1], p["count"]) for p in pairs["pairs"]} == {
        ("Owner functions", "Investment decision-making rights", 1),
        ("Financial management rights", "Government regulations", 1),
    }
    run("words", project, "--by", "case", "--out", tmp_path / "words.xlsx")
    assert openpyxl.load_workbook(tmp_path / "words.xlsx").sheetnames == ["Word frequencies"]


def test_matrix_and_cell_summary(project: Path) -> None:
    data = as_json("matrix", project, "--rows", "level3", "--columns", "attribute:alliance_mode", "--per-coder")
    owner = next(r for r in data["rows"] if r["code"].endswith("Owner functions"))
    assert [c["codings"] for c in owner["cells"]] == [4, 0]
    run("cell-summary", project, "--code", "Owner functions", "--column", "attribute:alliance_mode=luohu",
        "The board exercises the decision-making power")
    shown = as_json("cell-summary", project, "--code", "Owner functions", "--column", "attribute:alliance_mode=Luohu")
    assert shown["text"] == "The board exercises the decision-making power"
    as_json("cell-summary", project, "--code", "Owner functions", "--column", "case:P1", "Board decides")
    with Project.open(project) as opened, opened.session() as session:
        assert sorted(cell_summaries(session).values()) == ["Board decides",
                                                            "The board exercises the decision-making power"]
    assert "*" in run("matrix", project, "--columns", "attribute:alliance_mode").output
    assert "Error:" in run("cell-summary", project, "--code", "Owner functions", "--column", "case:P9", "x",
                           code=1).output


def test_crosstab(project: Path, tmp_path: Path) -> None:
    data = as_json("crosstab", project, "--code", "Personnel management rights", "--attribute", "role",
                   "--all-coders")
    assert data["counts"] == [[2, 0], [0, 2]] and data["fisher"]["p_value"] == pytest.approx(1 / 3)
    assert data["yates_correction"] is True and data["chi2_valid"] is False and data["warnings"]
    text = run("crosstab", project, "--code", "Personnel management rights", "--attribute", "role",
               "--all-coders").output
    assert "χ² =" in text and "Fisher's exact test: p = 0.3333" in text and "Warning:" in text
    run("crosstab", project, "--code", "Personnel management rights", "--attribute", "role", "--out",
        tmp_path / "crosstab.xlsx")
    assert (tmp_path / "crosstab.xlsx").exists()
    assert "no case attribute 'rank'" in run("crosstab", project, "--code", "Owner functions", "--attribute", "rank",
                                             code=1).output


@pytest.mark.parametrize(
    "arguments",
    [
        ["frequencies", "--by", "attribute:role"],
        ["frequencies", "--measure", "share"],
        ["cooccurrence", "--rows", "level3", "--unit", "sentence"],
        ["crosstab", "--code", "Owner functions", "--attribute", "role"],
        ["matrix", "--columns", "attribute:alliance_mode"],
    ],
)
def test_charts(project: Path, tmp_path: Path, arguments: list[str]) -> None:
    for suffix in (".png", ".svg"):
        out = tmp_path / f"chart{suffix}"
        data = as_json("chart", project, arguments[0], "--out", out, *arguments[1:])
        assert data["path"] == str(out) and out.stat().st_size > 1000


def test_chart_errors(project: Path, tmp_path: Path) -> None:
    assert run("chart", project, "crosstab", "--out", tmp_path / "c.png", code=2).exit_code == 2
    assert "png or .svg" in run("chart", project, "matrix", "--out", tmp_path / "c.gif", code=1).output


def test_exports(project: Path, tmp_path: Path) -> None:
    summary = as_json("export", "summary", project, "--out", tmp_path / "summary.docx", "--coder", "Lin",
                      "--where", "alliance_mode=Luohu")
    quotes = [p.text for p in docx.Document(str(tmp_path / "summary.docx")).paragraphs if p.style.name == "Quote"]
    expected = sorted(q for d, coder, _, q in CODINGS if coder == "Lin" and d in ("D1", "D2"))
    assert summary["items"] == len(quotes) and sorted(quotes) == expected
    matrix = as_json("export", "matrix", project, "--out", tmp_path / "matrix.docx", "--rows", "level3",
                     "--columns", "attribute:alliance_mode", "--title", "Table 3")
    assert matrix["items"] == 8
    table = docx.Document(str(tmp_path / "matrix.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Dimension", "Code", "Luohu", "Tianchang"]
    run("export", "matrix", project, "--out", tmp_path / "matrix.xlsx", "--columns", "cases")
    assert "Codings" in openpyxl.load_workbook(tmp_path / "matrix.xlsx").sheetnames
    assert as_json("export", "codebook", project, "--out", tmp_path / "codebook.docx")["items"] == 14
    assert as_json("export", "codebook", project, "--out", tmp_path / "codebook.json")["items"] == 14
    segments = as_json("export", "segments", project, "--out", tmp_path / "segments.csv", "--code", "Owner functions",
                       "--per-coder")
    assert segments["items"] == 5
    for kind, extra in (("crosstab", ["--code", "Owner functions", "--attribute", "role"]), ("words", []),
                        ("frequencies", ["--no-words"]), ("cooccurrence", ["--unit", "turn"])):
        out = tmp_path / f"{kind}.xlsx"
        assert as_json("export", kind, project, "--out", out, *extra)["path"] == str(out)
        assert openpyxl.load_workbook(out).sheetnames
    assert "docx or .xlsx" in run("export", "matrix", project, "--out", tmp_path / "m.pdf", code=1).output
