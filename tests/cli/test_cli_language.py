"""``concord --lang zh_CN``: messages, table headings and exports in Chinese from the shipped catalogue; English
without the flag whatever the system locale says; JSON keys English always (issue 16, item 4)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.i18n import CHINESE, ENGLISH, catalogue, current_language, set_language, translate, use_language

CHINESE_LOCALE = {"LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8", "LANGUAGE": "zh_CN"}


def run(*args: object, env: dict[str, str] | None = None) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def zh(text: str, context: str = "CLI") -> str:
    assert (context, text, "") in catalogue(CHINESE), f"the shipped catalogue lacks [{context}] {text!r}"
    with use_language(CHINESE):
        chinese = translate(context, text)
    assert chinese != text
    return chinese


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``--lang`` sets the process's language, as the CLI does once per process; later tests expect English."""
    yield
    set_language(ENGLISH)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lang")
    path = folder / "study.concord"
    run("new", path)
    (folder / "li.txt").write_text("Interviewer: Who decides?\nDr Li: The group board decides.\n", encoding="utf-8")
    run("import", path, folder / "li.txt", "--case", "P01")
    set_language(ENGLISH)
    return path


def test_lang_zh_cn_prints_chinese(project: Path) -> None:
    output = run("--lang", "zh_CN", "info", project).output
    for label in ("Project", "Documents", "Codes", "Coders", "Cases"):
        assert zh(label) in output
    assert "Documents" not in output and current_language() == CHINESE


def test_without_lang_the_cli_speaks_english_even_in_a_chinese_locale(project: Path) -> None:
    run("--lang", "zh_CN", "info", project)  # a language chosen earlier in the process does not linger
    output = run("info", project, env=CHINESE_LOCALE).output
    assert "Documents  " in output and zh("Documents") not in output
    assert current_language() == ENGLISH


def test_json_keys_stay_english(project: Path) -> None:
    english = json.loads(run("info", project, "--json").output)
    chinese = json.loads(run("--lang", "zh_CN", "info", project, "--json").output)
    assert english == chinese


def test_an_export_from_the_chinese_cli_is_chinese(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "codebook.docx"
    output = run("--lang", "zh_CN", "export", "codebook", project, "--out", target).output
    assert zh("Wrote {count} {what} to {path}").split("{")[0] in output and zh("codes") in output
    table = docx.Document(str(target)).tables[0]
    assert table.rows[0].cells[0].text == zh("Code", "CodebookExport")


def test_an_unknown_language_is_a_usage_error(project: Path) -> None:
    result = CliRunner().invoke(cli, ["--lang", "fr", "info", str(project)])
    assert result.exit_code == 2 and "--lang" in result.output


def test_the_default_coder_notice_reads_chinese_whole(tmp_path: Path) -> None:
    """Two coders, no consensus: the export says whose codings it took and why, all in Chinese with --lang; the
    reason stays English in --json's "default_coder"."""
    from coding.demo import build_demo

    demo = build_demo(tmp_path / "demo.concord")
    chinese = CliRunner().invoke(cli, ["--lang", "zh_CN", "export", "matrix", str(demo), "--out",
                                       str(tmp_path / "m.docx")], catch_exceptions=False)
    assert chinese.exit_code == 0, chinese.output
    assert zh("the coder with the most codings (no consensus yet)", "basis") in chinese.output
    assert "by default" not in chinese.output and "the coder with" not in chinese.output
    set_language(ENGLISH)
    english = run("export", "matrix", demo, "--out", tmp_path / "e.docx").output
    assert "— by default (the coder with the most codings (no consensus yet)); choose with --coder NAME" in english
