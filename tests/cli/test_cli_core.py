"""The core `concord` commands through click's CliRunner, asserting through the library."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli

INTERVIEW = (
    "Interviewer: How does the alliance decide on new equipment?\n"
    "Dr Li: The group board decides. We send a request and wait. Sometimes it takes months.\n"
    "Interviewer: And the budget?\n"
    "Dr Li: The county health bureau sets the budget every spring.\n"
)
INTERVIEW_ZH = "访谈者：医联体的设备由谁决定？\n受访者：由集团理事会决定。我们提交申请，然后等待。\n"


def run(*args: str, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    path = folder / "study.concord"
    run("new", path)
    (folder / "in").mkdir()
    (folder / "in" / "li.txt").write_text(INTERVIEW, encoding="utf-8")
    (folder / "in" / "wang.txt").write_text(INTERVIEW_ZH, encoding="utf-8")
    run("import", path, folder / "in", "--case", "P01")
    run("coders", path, "add", "Lin")
    return path


# Help on every command and option, and --json on every command: tests/cli/test_cli_reference.py.


def test_info_does_not_import_the_heavy_feature_modules() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from coding.cli import cli; cli.get_command(None, 'info'); "
        "print(sorted(m for m in ('numpy', 'spacy', 'matplotlib', 'alembic', 'coding.analysis') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_info_counts(project: Path) -> None:
    data = json.loads(run("info", project, "--json").output)
    assert data["documents"] == 2
    assert data["languages"] == {"en": 1, "zh": 1}
    assert data["turns"] == 6
    assert data["sentences"] >= 8
    assert data["codes"] == 14
    assert data["codes_per_level"] == {"1": 1, "2": 5, "3": 8}
    assert data["cases"] == 1
    assert "Documents  2" in run("info", project).output


def test_code_applies_and_reports(project: Path) -> None:
    start = INTERVIEW.index("The group board")
    result = run("code", project, "--document", "li", "--coder", "Lin", "--code",
                 "Decision rights/Owner functions", "--start", start, "--end", start + 11, "--snap", "word", "--json")
    data = json.loads(result.output)
    assert data["text"] == "The group board"
    assert data["code"].endswith("Decision rights/Owner functions")
    with sqlite3.connect(project) as raw:
        assert raw.execute("select start, end from codings where uuid = ?", (data["uuid"],)).fetchone() == (
            start, start + 15)
    run("uncode", project, data["uuid"])
    with sqlite3.connect(project) as raw:
        assert raw.execute("select count(*) from codings").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "0", "--end", "99999"], "outside document 'li'"),
        (["--start", "5", "--end", "2"], "outside document 'li'"),
        (["--code", "No such code"], "No such code"),
        (["--code", "Social functions"], "ambiguous"),
        (["--coder", "Nobody"], "Nobody"),
        (["--document", "missing"], "no document 'missing'"),
    ],
)
def test_code_failures_exit_1_with_one_line_and_change_nothing(project: Path, args: list[str], message: str) -> None:
    base = {"--document": "li", "--coder": "Lin", "--code": "Decision rights/Owner functions", "--start": "0",
            "--end": "10"}
    for key, value in zip(args[::2], args[1::2]):
        base[key] = value
    flat = [item for pair in base.items() for item in pair]
    result = run("code", project, *flat, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with sqlite3.connect(project) as raw:
        assert raw.execute("select count(*) from codings").fetchone()[0] == 0


def test_usage_error_exits_2(project: Path) -> None:
    result = run("code", project, "--start", "x", ok=False)
    assert result.exit_code == 2


def test_not_a_project_exits_1(tmp_path: Path) -> None:
    fake = tmp_path / "x.concord"
    fake.write_bytes(b"\x00\x01garbage")
    result = run("info", fake, ok=False)
    assert result.exit_code == 1
    assert "x.concord: not a Concord project" in result.stderr


def test_import_duplicate_is_skipped_and_a_bad_file_fails_with_exit_1(project: Path, tmp_path: Path) -> None:
    again = tmp_path / "li.txt"
    again.write_text(INTERVIEW, encoding="utf-8")
    data = json.loads(run("import", project, again, "--json").output)
    assert [item["status"] for item in data["items"]] == ["skipped"]
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip at all")
    result = run("import", project, bad, ok=False)
    assert result.exit_code == 1
    assert "broken.docx" in result.output + result.stderr
    assert json.loads(run("info", project, "--json").output)["documents"] == 2


def test_cases_list_add_attach_set(project: Path) -> None:
    run("cases", project, "add", "P02")
    run("cases", project, "attach", "P02", "wang")
    run("cases", project, "set", "P02", "role", "Doctor in the alliance")
    rows = json.loads(run("cases", project, "--json", "list").output)
    by_name = {row["name"]: row for row in rows}
    assert by_name["P02"]["documents"] == ["wang"]
    assert by_name["P02"]["attributes"]["role"] == "Doctor in the alliance"
    assert by_name["P01"]["documents"] == ["li"]


def test_cases_attributes_from_csv(project: Path, tmp_path: Path) -> None:
    table = tmp_path / "attrs.csv"
    table.write_text("case,alliance_mode,gender\nP01,Luohu compact group,female\n", encoding="utf-8")
    run("cases", project, "--attributes-from", table)
    rows = {row["name"]: row for row in json.loads(run("cases", project, "--json").output)}
    assert rows["P01"]["attributes"]["alliance_mode"] == "Luohu compact group"


def test_codebook_list_export_import(project: Path, tmp_path: Path) -> None:
    listing = run("codebook", project).output
    assert "Macro framework of the Preker-Harding model" in listing and "  Decision rights" in listing
    out = tmp_path / "codebook.json"
    run("codebook", project, "export", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "concord-codebook"
    fresh = tmp_path / "fresh.concord"
    run("new", fresh, "--empty-codebook")
    run("codebook", fresh, "import", out)
    assert json.loads(run("info", fresh, "--json").output)["codes_per_level"] == {"1": 1, "2": 5, "3": 8}
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run("codebook", fresh, "import", broken, ok=False)
    assert result.exit_code == 1 and "broken.json" in result.stderr


def test_a_damaged_project_file_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "damaged.concord"
    run("new", path)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(len(data) - 6 * page, len(data)):
        data[offset] = 0xFF
    path.write_bytes(bytes(data))
    result = run("info", path, ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1


def test_demo_path_without_the_suffix(tmp_path: Path) -> None:
    data = json.loads(run("demo", "--path", tmp_path / "mydemo", "--no-gui", "--json").output)
    assert data["project"].endswith("mydemo.concord") and data["documents"] == 8
    again = json.loads(run("demo", "--path", tmp_path / "mydemo", "--no-gui", "--json").output)
    assert again["project"] == data["project"]


def test_import_refuses_a_case_name_with_a_control_character(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "tab.txt"
    text.write_text("R: A new interview about budgets.\n", encoding="utf-8")
    result = run("import", project, text, "--case", "Bad\tName", ok=False)
    assert result.exit_code == 1 and "control character" in result.stderr
    assert "Bad\tName" not in [row["name"] for row in json.loads(run("cases", project, "--json").output)]


def test_attribute_import_is_not_announced_when_the_action_fails(project: Path, tmp_path: Path) -> None:
    table = tmp_path / "age.csv"
    table.write_text("case,age\nP01,34\n", encoding="utf-8")
    result = run("cases", project, "add", "p01", "--attributes-from", table, ok=False)
    assert result.exit_code == 1 and "Imported attributes" not in result.output
    rows = {row["name"]: row for row in json.loads(run("cases", project, "--json").output)}
    assert "age" not in rows["P01"]["attributes"]
