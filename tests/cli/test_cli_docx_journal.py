"""`--paper a4|letter` on every Word export command, the locale's paper when it is not given, and `--offsets`
on the summary (issue 11 item 11). Real project files; the Word files are read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.export.journal import PAPER_TWIPS
from tests.cli.test_cli_agreement import project, run  # noqa: F401  (the fixture)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def page(path: Path) -> tuple[int, int]:
    size = docx.Document(str(path)).sections[0]._sectPr.find(f"{W}pgSz")
    width, height = int(size.get(f"{W}w")), int(size.get(f"{W}h"))
    return (min(width, height), max(width, height))  # the matrix is landscape


def in_locale(locale_name: str, *args: object) -> None:
    result = CliRunner(env={"LC_ALL": locale_name, "LC_PAPER": "", "LANG": ""}).invoke(
        cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


COMMANDS = {
    "summary": ("export", "summary"),
    "matrix": ("export", "matrix"),
    "codebook": ("export", "codebook"),
}


@pytest.mark.parametrize("kind", [*COMMANDS, "agreement"])
def test_every_word_export_takes_paper_and_defaults_to_the_locale(project: Path, tmp_path: Path,  # noqa: F811
                                                                  kind: str) -> None:
    if kind == "agreement":
        run("agreement", project, "--coders", "Lin,Morgan")

    def command(out: Path) -> list[object]:
        if kind == "agreement":
            return ["agreement", project, "--export", "1", "--out", out]
        return [*COMMANDS[kind], project, "--out", out]

    run(*command(tmp_path / "letter.docx"), "--paper", "letter")
    run(*command(tmp_path / "a4.docx"), "--paper", "A4")
    in_locale("en_US.UTF-8", *command(tmp_path / "us.docx"))
    in_locale("zh_CN.UTF-8", *command(tmp_path / "cn.docx"))
    assert page(tmp_path / "letter.docx") == page(tmp_path / "us.docx") == PAPER_TWIPS["letter"]
    assert page(tmp_path / "a4.docx") == page(tmp_path / "cn.docx") == PAPER_TWIPS["a4"]
    refused = run(*command(tmp_path / "x.docx"), "--paper", "a5", ok=False)
    assert refused.exit_code == 2 and "a5" in refused.output and not (tmp_path / "x.docx").exists()


def test_summary_offsets_on_request(project: Path, tmp_path: Path) -> None:  # noqa: F811
    run("export", "summary", project, "--out", tmp_path / "short.docx", "--coder", "Lin")
    run("export", "summary", project, "--out", tmp_path / "long.docx", "--coder", "Lin", "--offsets")

    def sources(name: str) -> list[str]:
        return [p.text for p in docx.Document(str(tmp_path / name)).paragraphs if p.style.name == "Caption"]

    short, long = sources("short.docx"), sources("long.docx")
    assert short and len(short) == len(long)
    assert all(s.startswith("doc") and " · ¶" in s and "characters" not in s for s in short)
    assert all(lo.startswith(s + " · characters ") for s, lo in zip(short, long, strict=True))
