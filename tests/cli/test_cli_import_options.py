"""`concord import` options for odd files: --encoding, the size and count limits, symbolic links."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from coding.cli import cli
from coding.importing import ImportOptions
from coding.importing.options import LIMIT_OPTIONS, MEGABYTE, SUPPORTED_SUFFIXES
from coding.project import Project
from models import Document
from tests.core.import_samples import ENGLISH_WINDOWS, TRADITIONAL_CHINESE


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    Project.create(path, with_codebook=False).close()
    return path


def documents(path: Path) -> dict[str, tuple[str, str]]:
    with Project.open(path) as opened, opened.session() as session:
        return {d.name: (d.encoding, d.text) for d in session.scalars(select(Document))}


def test_encoding_option_reads_what_detection_refuses(project: Path, tmp_path: Path) -> None:
    windows = tmp_path / "windows.txt"
    windows.write_bytes(ENGLISH_WINDOWS.encode("cp1252"))
    refused = run("import", project, windows, "--json", ok=False)
    assert refused.exit_code == 1
    [item] = json.loads(refused.stdout)["items"]
    assert "cannot tell the text encoding" in item["message"] and "cp1252 “naïve”" in item["message"]
    assert documents(project) == {}
    data = json.loads(run("import", project, windows, "--encoding", "Windows-1252", "--json").stdout)
    assert data["items"][0]["encoding"] == "cp1252"
    assert documents(project) == {"windows": ("cp1252", ENGLISH_WINDOWS.strip())}


def test_a_big5_file_is_detected_and_the_report_names_the_encoding(project: Path, tmp_path: Path) -> None:
    big5 = tmp_path / "台中.txt"
    big5.write_bytes((TRADITIONAL_CHINESE * 3).encode("big5"))
    result = run("import", project, big5)
    assert re.search(r"imported as 台中 \(zh, \d+ turns, \d+ sentences, \d+ words, text in big5\)", result.output)
    assert documents(project)["台中"] == ("big5", (TRADITIONAL_CHINESE * 3).strip())


def test_an_unknown_encoding_is_one_error_line_and_nothing_imported(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "p.txt"
    text.write_text("Q: hello", encoding="utf-8")
    result = run("import", project, text, "--encoding", "klingon", ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: unknown text encoding 'klingon' (examples: utf-8, gb18030, big5, shift_jis, cp1252)"
    )
    assert documents(project) == {}


def test_limit_options_raise_or_lower_each_limit(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "turns.txt"
    text.write_text("".join(f"S{n}: yes\n" for n in range(30)), encoding="utf-8")
    refused = run("import", project, text, "--max-turns", "29", ok=False)
    assert "30 speaker turns, over the limit of 29 (raise ImportOptions.max_turns or concord import --max-turns)" in (
        refused.stdout
    )
    run("import", project, text, "--max-turns", "30", "--max-chars", "1000", "--max-xml-mb", "0.5")
    assert list(documents(project)) == ["turns"]


def test_every_limit_has_an_option_whose_help_states_the_default() -> None:
    help_text = " ".join(run("import", "--help").output.split())
    defaults = {field.name: field.default for field in fields(ImportOptions)}
    for name, option in LIMIT_OPTIONS.items():
        value = defaults[name] // MEGABYTE if option.endswith("-mb") else defaults[name]
        shown = "[default: 50.0; x>0]" if name == "max_bytes" else f"(default {value:,})"  # --max-mb: click's own
        assert re.search(rf"{option} \S+ (RANGE )?[^-]*{re.escape(shown)}", help_text), (option, shown)


def test_links_named_and_found(project: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("Q: hello\nA: hi", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "linked.txt").symlink_to(real)
    (tmp_path / "direct.txt").symlink_to(real)
    data = json.loads(run("import", project, folder, tmp_path / "direct.txt", "--json", ok=False).stdout)
    assert [(item["status"], item["message"].split(": ", 1)[1]) for item in data["items"]] == [
        ("skipped", "skipped: symbolic link (links inside folders are not followed)"),
        ("failed", f"no {', '.join(SUPPORTED_SUFFIXES)} files in this folder"),
        ("imported", data["items"][2]["message"].split(": ", 1)[1]),
    ]
    assert data["items"][2]["note"] == f"symbolic link to {real.resolve()}"
