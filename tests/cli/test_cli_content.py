"""`concord content PROJECT table|phrases|cooccurrence|biplot` through click's CliRunner, asserting through the
library and the files written."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from coding.analysis.content import code_table
from coding.analysis.correspondence import table_correspondence
from coding.analysis.filters import SegmentFilter
from coding.cli import cli
from coding.project import Project
from tests.cli.test_cli_analysis import as_json, project, run  # noqa: F401  (the world project fixture)


def lin_table(path: Path, by: str, rows: str = "leaves"):  # type: ignore[no-untyped-def]
    with Project.open(path) as opened, opened.session() as session:
        from coding.coders import find_coder

        lin = find_coder(session, "Lin").id
        return code_table(session, by=by, rows=rows, flt=SegmentFilter(coder_ids=(lin,)))


def test_content_help_lists_its_subcommands() -> None:
    output = run("content", "--help").output
    for name in ("table", "phrases", "cooccurrence", "biplot"):
        assert name in output
    assert "content" in run("--help").output


def test_table_by_attribute_matches_the_library(project: Path) -> None:  # noqa: F811
    data = as_json("content", project, "table", "--codes", "--coders", "Lin", "--by", "attribute:alliance_mode")
    expected = lin_table(project, "attribute:alliance_mode")
    assert data["columns"] == ["Luohu", "Tianchang"] == expected.columns
    assert data["counts"] == expected.counts.tolist()
    assert data["chi2"]["statistic"] == pytest.approx(expected.test.chi2.statistic)
    assert data["coders"] == ["Lin"] and data["left_out_documents"] == 1
    assert data["rows"][0]["adjusted_residual"] == expected.records()[0]["adjusted_residual"]
    # The subcommand may come first, as in the other command groups.
    assert as_json("content", "table", project, "--codes", "--coders", "Lin", "--by",
                   "attribute:alliance_mode")["counts"] == data["counts"]
    text = run("content", project, "table", "--codes", "--coders", "Lin", "--by", "case").output
    assert "χ²" in text and "P1" in text and "Codings of: Lin" in text


def test_table_writes_xlsx_and_csv(project: Path, tmp_path: Path) -> None:  # noqa: F811
    xlsx, csv = tmp_path / "table.xlsx", tmp_path / "table.csv"
    data = as_json("content", project, "table", "--codes", "--coders", "Lin", "--by", "case", "--rows", "level2",
                   "--xlsx", xlsx)
    assert data["path"] == str(xlsx)
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Categories (long)", "Counts", "Test", "Notes"]
    run("content", project, "table", "--codes", "--coders", "Lin", "--by", "case", "--csv", csv)
    assert csv.read_text(encoding="utf-8-sig").splitlines()[0].startswith("category,column,count")
    result = run("content", project, "table", "--codes", "--by", "case", "--xlsx", tmp_path / "t.csv", code=1)
    assert "Error:" in result.output and not (tmp_path / "t.csv").exists()


def test_biplot_writes_png_and_svg_with_the_analysis(project: Path, tmp_path: Path) -> None:  # noqa: F811
    data = as_json("content", project, "biplot", "--codes", "--coders", "Lin", "--by", "case", "--rows", "level2",
                   "--out", tmp_path / "map.svg", "--xlsx", tmp_path / "map.xlsx")
    expected = table_correspondence(lin_table(project, "case", "level2"))
    assert data["inertias"] == [round(float(v), 6) for v in expected.inertias]
    assert (tmp_path / "map.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "CA coordinates" in openpyxl.load_workbook(tmp_path / "map.xlsx").sheetnames
    run("content", project, "biplot", "--codes", "--coders", "Lin", "--by", "case", "--rows", "level2",
        "--out", tmp_path / "map.png")
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"


def test_phrases_and_cooccurrence(project: Path, tmp_path: Path) -> None:  # noqa: F811
    phrases = as_json("content", project, "phrases", "--min-count", "1", "--n", "2-3")
    texts = [p["phrase"] for p in phrases["phrases"]]
    assert "large investments" in texts and all(2 <= p["words"] <= 3 for p in phrases["phrases"])
    run("content", project, "phrases", "--min-count", "1", "--out", tmp_path / "phrases.xlsx")
    assert openpyxl.load_workbook(tmp_path / "phrases.xlsx").sheetnames == ["Phrases"]
    words = as_json("content", project, "cooccurrence", "--words", "--keyword", "county", "--keyword", "budget")
    assert words["counts"] == [[1, 1], [1, 2]]
    codes = as_json("content", project, "cooccurrence", "--codes", "--coders", "Lin", "--unit", "document")
    assert codes["coders"] == ["Lin"] and len(codes["counts"]) == len(codes["codes"])


@pytest.mark.parametrize("args", [
    ("table", "--by", "case"),  # no source
    ("table", "--codes", "--dictionary", "D", "--by", "case"),  # two sources
    ("phrases", "--n", "1-3"),
    ("table", "--codes", "--by", "group"),
    ("table", "--codes", "--by", "attribute:colour"),
    ("table", "--dictionary", "No such dictionary", "--by", "case"),
    ("biplot", "--codes", "--by", "case", "--out", "map.jpg"),
])
def test_bad_input_gets_one_error_line(project: Path, args: tuple[str, ...]) -> None:  # noqa: F811
    result = CliRunner().invoke(cli, ["content", str(project), *args])
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output and "Error" in result.output
