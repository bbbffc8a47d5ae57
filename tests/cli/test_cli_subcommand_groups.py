"""The commands that took a mode word are subcommand groups now (`concord cases add PROJECT NAME`), and the old
word order (`concord cases PROJECT add NAME`) still works with the same output; `concord chart KIND` likewise.
A table's `--out FILE` and its `concord export` twin write the same file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cases import list_cases
from coding.cli import cli
from coding.coders import list_coders
from coding.groups import list_groups
from coding.project import Project
from tests.core.test_agreement_units import add_document
from tests.core.test_analysis_world import open_world, template_path


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def as_json(*args: object) -> object:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    with Project.create(path) as created, created.session() as session:
        for name in ("doc1", "doc2"):
            add_document(session, name)
    return path


def test_cases_subcommands_and_the_old_word_order(project: Path, tmp_path: Path) -> None:
    assert as_json("cases", "add", project, "P01", "--description", "first")["case"] == "P01"
    run("cases", project, "add", "P02")
    assert run("cases", "attach", project, "P01", "doc1", "doc2").stdout.strip() == "Attached 2 document(s) to P01"
    run("cases", "set", project, "P01", "role", "Doctor")
    table = tmp_path / "attributes.csv"
    table.write_text("case,gender\nP02,female\n", encoding="utf-8")
    imported = run("cases", "import-attributes", project, table).stdout
    assert imported.startswith(f"Imported attributes from {table}\n")
    with Project.open(project) as opened, opened.session() as session:
        rows = {row["name"]: row for row in list_cases(session)}
    assert rows["P01"]["documents"] == ["doc1", "doc2"] and rows["P01"]["attributes"] == {"role": "Doctor"}
    assert rows["P02"]["attributes"]["gender"] == "female"
    assert as_json("cases", "list", project) == as_json("cases", project) == as_json("cases", project, "list")
    assert run("cases", "list", project).stdout == run("cases", project).stdout
    assert run("cases", "add", project, code=2).exit_code == 2  # NAME missing


def test_the_old_attributes_flag_says_its_new_form(project: Path, tmp_path: Path) -> None:
    table = tmp_path / "attributes.csv"
    table.write_text("case,gender\nP03,male\n", encoding="utf-8")
    result = run("cases", project, "--attributes-from", table)
    assert result.stderr.splitlines() == ["`concord cases PROJECT --attributes-from FILE` is now "
                                          "`concord cases import-attributes PROJECT FILE`"]
    assert "P03" in result.stdout


def test_coders_and_codebook_subcommands(project: Path, tmp_path: Path) -> None:
    assert as_json("coders", "add", project, "Lin") == {"coder": "Lin", "uuid": as_json("coders", "list", project)[0]["uuid"]}
    run("coders", project, "add", "Morgan")
    with Project.open(project) as opened, opened.session() as session:
        assert [c.name for c in list_coders(session)] == ["Lin", "Morgan"]
    assert run("coders", "list", project).stdout == run("coders", project).stdout == "Lin\nMorgan\n"
    out = tmp_path / "codebook.json"
    assert as_json("codebook", "export", project, out) == {"exported": str(out)}
    fresh = tmp_path / "fresh.concord"
    run("new", fresh, "--empty-codebook")
    assert as_json("codebook", "import", fresh, out)["imported"] == str(out)
    assert as_json("codebook", "list", fresh) == as_json("codebook", project) == json.loads(out.read_text("utf-8"))
    assert "Decision rights" in run("codebook", "list", project).stdout


def test_groups_subcommands(project: Path) -> None:
    run("groups", "add", project, "Pilot", "--description", "wave 1")
    assert run("groups", "attach", project, "Pilot", "doc1").stdout.strip() == "Added 1 document(s) to Pilot"
    run("groups", "rename", project, "Pilot", "Wave 1")
    assert run("groups", "list", project).stdout.strip() == "Wave 1: doc1  (wave 1)"
    run("groups", "detach", project, "Wave 1", "doc1")
    run("groups", project, "add", "Second")
    assert as_json("groups", "remove", project, "Wave 1")["documents"] == 0
    with Project.open(project) as opened, opened.session() as session:
        assert [row["name"] for row in list_groups(session)] == ["Second"]
    assert run("groups", "list", project, "--description", "x", code=2).exit_code == 2


def test_backup_subcommands(project: Path) -> None:
    made = as_json("backup", "now", project)
    assert made["skipped"] is False
    assert as_json("backup", "now", project, "--if-changed")["skipped"] is True
    listed = as_json("backup", "list", project)
    assert listed == as_json("backup", project) and listed[0]["file"] == made["backup"]["file"]
    restored = as_json("backup", "restore", project, "1")
    assert restored["restored"]["file"] == made["backup"]["file"]
    assert "'restore' takes BACKUP" in run("backup", project, "restore", code=2).output


def test_groups_list_their_subcommands_in_reading_order() -> None:
    expected = {"cases": ["list", "add", "attach", "set", "import-attributes"], "coders": ["list", "add"],
                "codebook": ["list", "export", "import"], "backup": ["list", "now", "restore"],
                "groups": ["list", "add", "remove", "rename", "attach", "detach"],
                "consensus": ["status", "accept-agreed"], "chart": ["frequencies", "cooccurrence", "crosstab", "matrix"]}
    for name, subcommands in expected.items():
        group = cli.get_command(click.Context(cli), name)
        assert isinstance(group, click.Group)
        shown = [sub for sub in group.list_commands(click.Context(group)) if not group.commands[sub].hidden]
        assert shown == subcommands, name
        assert all(word in run(name, "--help").stdout for word in subcommands)


# -- charts and the one export path -----------------------------------------------------------------------------


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    open_world(template_path(tmp_path_factory), tmp_path).project.close()
    return tmp_path / "world.concord"


@pytest.mark.parametrize("kind, options", [
    ("frequencies", ("--by", "case", "--measure", "cases")),
    ("crosstab", ("--code", "Owner functions", "--attribute", "role")),
])
def test_chart_subcommands_match_the_old_spelling(world: Path, tmp_path: Path, kind: str,
                                                  options: tuple[str, ...]) -> None:
    new = as_json("chart", kind, world, "--out", tmp_path / "new.png", "--all-coders", *options)
    old = run("chart", world, kind, "--out", tmp_path / "old.png", "--all-coders", *options)
    assert old.stderr.splitlines() == [f"`concord chart PROJECT {kind}` is now `concord chart {kind} PROJECT`"]
    assert new["chart"] == kind and (tmp_path / "new.png").stat().st_size > 1000
    assert (tmp_path / "old.png").stat().st_size > 1000


@pytest.mark.parametrize("command, options", [
    ("frequencies", ("--by", "case", "--no-words")),
    ("cooccurrence", ("--unit", "sentence")),
    ("crosstab", ("--code", "Owner functions", "--attribute", "role")),
])
def test_a_tables_out_and_its_export_twin_write_the_same_file(world: Path, tmp_path: Path, command: str,
                                                              options: tuple[str, ...]) -> None:
    direct = as_json(command, world, "--out", tmp_path / "direct.csv", "--all-coders", *options)
    exported = as_json("export", command, world, "--out", tmp_path / "exported.csv", "--all-coders", *options)
    assert {**direct, "path": ""} == {**exported, "path": ""}
    assert (tmp_path / "direct.csv").read_bytes() == (tmp_path / "exported.csv").read_bytes()
    assert direct["items"] > 0
