"""`concord dictionary` through click's CliRunner, checked through the library: import, list, export (a round
trip), new --from-codebook, hits by attribute with KWIC, both spellings, and refusals that store nothing."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.autocode.dictionaries import export_text, find_hits, list_dictionaries
from coding.cli import cli
from coding.project import Project
from models.store import copy_project
from tests.core.dictionary_world import DICTIONARY, build_dictionary_world


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dictionary_world(tmp_path_factory.mktemp("cli-dictionary"))


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "p.concord"
    copy_project(template, copy)
    return copy


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "access.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    return path


def test_import_list_export_round_trip(project: Path, source: Path, tmp_path: Path) -> None:
    imported = json.loads(run("dictionary", "import", project, source, "--name", "Access", "--json").output)
    assert (imported["name"], imported["categories"], imported["entries"]) == ("Access", 4, 9)
    assert imported["unlinked"] == ["ACCESS/MOBILITY"]
    listed = run("dictionary", project, "list").output  # the project may come first too
    assert "Access (any language): 4 categories, 9 entries; not linked to codes: ACCESS/MOBILITY" in listed
    out = tmp_path / "out.txt"
    run("dictionary", "export", project, "Access", out)
    with Project.open(project) as opened, opened.session() as session:
        assert out.read_text(encoding="utf-8") == export_text(session, "Access")
    run("dictionary", project, "import", out, "--name", "Again")
    again = tmp_path / "again.txt"
    run("dictionary", "export", project, "again", again)
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_hits_by_attribute_with_kwic(project: Path, source: Path) -> None:
    run("dictionary", "import", project, source, "--name", "Access")
    data = json.loads(run("dictionary", "hits", project, "Access", "--by", "attribute:mode", "--kwic",
                          "--json").output)
    assert data["groups"] == ["County community", "Urban group"]
    rows = {row["category"]: row for row in data["rows"]}
    with Project.open(project) as opened, opened.session() as session:
        hits = find_hits(session, "Access")
    assert sum(row["total"] for row in rows.values()) == len(hits) == len(data["kwic"])
    assert rows["EMPTY"]["total"] == 0
    waiting = next(line for line in data["kwic"] if line["match"] == "waiting list")
    assert (waiting["document"], waiting["category"]) == ("E1", "ACCESS")
    text = run("dictionary", "hits", project, "Access", "--by", "case").output
    assert text.splitlines()[0].split() == ["Category", "Total", "P1", "P2", "P3"]


def test_new_from_codebook(project: Path) -> None:
    made = json.loads(run("dictionary", "new", project, "Codes", "--from-codebook", "--json").output)
    assert made["categories"] == 14 and made["entries"] == 0 and made["unlinked"] == []
    run("dictionary", "new", project, "codes", code=1)  # names are unique, ignoring case


@pytest.mark.parametrize(("text", "problem"), [
    ('A\n    "primary care\n', "line 2: unbalanced quote"),
    ("A\n    care\nA\n", "line 3: category 'A' is already at line 1"),
    ("A = Nowhere/To be found\n    care\n", "line 1: no code"),
])
def test_a_bad_file_is_one_error_and_stores_nothing(project: Path, tmp_path: Path, text: str, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(text, encoding="utf-8")
    result = run("dictionary", "import", project, bad, code=1)
    assert result.output.startswith("Error: ") and problem in result.output
    assert len(result.output.strip().splitlines()) == 1
    with Project.open(project) as opened, opened.session() as session:
        assert list_dictionaries(session) == []


def test_unknown_names_are_refused(project: Path, source: Path) -> None:
    assert "no dictionary named 'Nope'" in run("dictionary", "hits", project, "Nope", code=1).output
    run("dictionary", "import", project, source, "--name", "Access")
    assert "no attribute named 'colour'" in run("dictionary", "hits", project, "Access", "--by",
                                                "attribute:colour", code=1).output


def test_a_file_not_in_utf8_is_refused_by_name(project: Path, tmp_path: Path) -> None:
    legacy = tmp_path / "gbk.txt"
    legacy.write_bytes("资金\n    预算\n".encode("gbk"))
    result = run("dictionary", "import", project, legacy, code=1)
    assert result.output.strip() == f"Error: {legacy}: not UTF-8 text (save the dictionary as UTF-8)"
