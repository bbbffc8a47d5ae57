"""The analysis commands choose a coder when none is given and say which; several coders are pooled (a
passage counts once) unless --per-coder; exports say whose codings they hold. On the hand-built project of
tests/core/test_pooling.py and on the demo."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner, Result

from coding.analysis.filters import SegmentFilter
from coding.analysis.retrieval import count_segments
from coding.cli import cli
from coding.project import Project
from tests.core.test_pooling import X, build


def run(*args: object) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: object) -> dict:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return build(tmp_path / "pool.concord")


def test_no_coder_given_means_the_consensus_and_the_command_says_so(project: Path) -> None:
    text = run("frequencies", project, "--rows", "leaves", "--no-words")
    assert "Codings of: consensus — by default (the consensus, which has codings)" in text.stderr
    assert text.stdout.startswith("Codings of: consensus")
    data = as_json("frequencies", project, "--rows", "leaves", "--no-words")
    assert data["coders"] == ["Consensus"] and data["consensus"] is True and data["pooling"] == "single coder"
    assert "the consensus" in data["default_coder"]
    owner = next(r for r in data["rows"] if r["code"].endswith(X))
    assert owner["codings"] == 1  # the consensus coded "alpha beta" once
    chosen = as_json("frequencies", project, "--rows", "leaves", "--no-words", "--coder", "Lin")
    assert chosen["coders"] == ["Lin"] and "default_coder" not in chosen


@pytest.mark.parametrize(
    ("flags", "expected", "pooling"),
    [
        (["--coder", "Lin", "--coder", "Wang"], 5, "pooled"),  # A: alpha…gamma, epsilon, theta, kappa; B: alpha beta
        (["--coder", "Lin", "--coder", "Wang", "--per-coder"], 8, "per coder"),  # 4 + 4
        (["--all-coders"], 5, "pooled"),  # the consensus copy lies inside A's first passage
        (["--per-coder"], 9, "per coder"),  # 4 + 4 + 1
    ],
)
def test_several_coders_pool_unless_per_coder(project: Path, flags: list[str], expected: int, pooling: str) -> None:
    data = as_json("frequencies", project, "--rows", "leaves", "--no-words", *flags)
    owner = next(r for r in data["rows"] if r["code"].endswith(X))
    assert owner["codings"] == expected and data["pooling"] == pooling
    matrix = as_json("matrix", project, "--rows", "leaves", *flags)
    assert sum(c["codings"] for r in matrix["rows"] if r["code"].endswith(X) for c in r["cells"]) == expected


def test_segments_quote_a_pooled_passage_once(project: Path) -> None:
    data = as_json("segments", project, "--code", X, "--coder", "Lin", "--coder", "Wang")
    assert data["total"] == 5 and data["basis"] == "Codings of: Lin, Wang — pooled, a passage counted once"
    first = data["segments"][0]
    assert (first["text"], first["coders"]) == ("alpha beta gamma", ["Lin", "Wang"])
    listing = run("segments", project, "--code", X, "--coder", "Lin", "--coder", "Wang").stdout
    assert listing.count("alpha beta gamma") == 1


def test_exports_say_whose_codings(project: Path, tmp_path: Path) -> None:
    result = as_json("export", "segments", project, "--out", tmp_path / "s.xlsx", "--code", X, "--all-coders")
    assert result["items"] == 5 and result["pooling"] == "pooled"
    notes = openpyxl.load_workbook(tmp_path / "s.xlsx")["Notes"]
    assert notes["B1"].value == "Codings of: Lin, Wang, Consensus — pooled, a passage counted once"
    as_json("export", "frequencies", project, "--out", tmp_path / "f.xlsx", "--no-words", "--coder", "Wang")
    assert openpyxl.load_workbook(tmp_path / "f.xlsx")["Notes"]["B2"].value == "Codings of: Wang"
    as_json("export", "matrix", project, "--out", tmp_path / "m.docx", "--rows", "leaves", "--coder", "Lin",
            "--coder", "Wang")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "m.docx")).paragraphs)
    assert "Codings of: Lin, Wang — pooled, a passage counted once" in text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding.demo import build_demo

    return build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")


def test_the_demo_summary_quotes_no_passage_twice(demo: Path, tmp_path: Path) -> None:
    with Project.open(demo) as opened, opened.session() as session:
        per_coding = count_segments(session, SegmentFilter())
        passages = count_segments(session, SegmentFilter(pooled=True))
    out = tmp_path / "summary.docx"
    result = as_json("export", "summary", demo, "--out", out, "--all-coders")
    paragraphs = docx.Document(str(out)).paragraphs
    quotes = [p.text for p in paragraphs if p.style.name == "Quote"]
    assert result["items"] == len(quotes) == passages < per_coding
    # Under each code heading, no passage is quoted twice.
    heading, seen = "", Counter()
    for paragraph in paragraphs:
        if paragraph.style.name.startswith("Heading"):
            heading = paragraph.text
        elif paragraph.style.name == "Quote":
            seen[(heading, paragraph.text)] += 1
    assert max(seen.values()) == 1
    default = run("export", "summary", demo, "--out", tmp_path / "default.docx")
    assert "Codings of: " in default.stderr and "by default" in default.stderr
