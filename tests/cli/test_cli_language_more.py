"""``concord --lang zh_CN`` for the team, server-transfer, media and originals commands: their messages, usage
errors and refusals come out in Chinese from the shipped catalogue, and stay English without the flag (issue 16,
item 4). The Chinese expected is the catalogue's translation of the English source, filled as the command fills it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.i18n import CHINESE, ENGLISH, catalogue, set_language, translate, use_language
from coding.project import Project

TEXT = "Interviewer: Who decides?\nDr Li: The group board decides.\n"


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def zh(text: str, context: str = "CLI") -> str:
    """The shipped Chinese of ``text``; fails when the catalogue lacks it or leaves it English."""
    assert (context, text, "") in catalogue(CHINESE), f"the shipped catalogue lacks [{context}] {text!r}"
    with use_language(CHINESE):
        chinese = translate(context, text)
    assert chinese != text
    return chinese


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``--lang`` sets the process's language; later tests expect English."""
    yield
    set_language(ENGLISH)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One imported transcript (its original kept) and coders Lin and Morgan; no spaCy needed."""
    from coding.coders import get_or_create_coder
    from models import Document

    path = tmp_path_factory.mktemp("lang-more") / "study.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        for coder in ("Lin", "Morgan"):
            get_or_create_coder(session, coder, actor="fixture")
        session.add(Document(name="li.txt", source_name="li.txt", format="txt", language="en", text=TEXT,
                             char_count=len(TEXT), sha256=hashlib.sha256(TEXT.encode()).hexdigest()))
    return path


@pytest.fixture()
def project(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    shutil.copy(template, target)
    return target


def test_assignments_and_their_statuses_in_chinese(project: Path) -> None:
    added = run("--lang", "zh_CN", "assign", "add", project, "li", "--coder", "Lin").output
    assert zh("Assigned {count} document(s) to {coder}").format(count=1, coder="Lin") in added
    listing = run("--lang", "zh_CN", "assign", "list", project).output
    assert f"  li.txt: {zh('assigned')}" in listing and "li.txt: assigned" not in listing
    assert "li.txt: assigned" in run("assign", "list", project).output  # English without --lang


def test_a_usage_error_is_chinese(project: Path) -> None:
    chinese = run("--lang", "zh_CN", "assign", "add", project, "li", "--coder", " ", code=2).output
    assert chinese.endswith(zh("--coder NAME is required") + "\n")
    refused = run("--lang", "zh_CN", "merge", project, code=2).output
    assert zh("name at least one coder copy (.concord) or .qdpx to merge") in refused
    assert run("merge", project, code=2).output.endswith("name at least one coder copy (.concord) or .qdpx to merge\n")


def test_coder_copies_are_reported_in_chinese(project: Path, tmp_path: Path) -> None:
    output = run("--lang", "zh_CN", "copies", project, "--coders", "Lin", "--out", tmp_path / "copies").output
    copy = tmp_path / "copies" / "study-Lin.concord"
    line = zh("Wrote {file} for {coder}: {documents} document(s), {codings} of {coder}'s codings{others}")
    assert line.format(file=copy, coder="Lin", documents=1, codings=0, others=zh(" (blind)")) in output
    assert "Wrote " not in output and copy.is_file()


def test_a_team_command_on_a_project_file_is_refused_in_chinese(project: Path, tmp_path: Path) -> None:
    blind = run("--lang", "zh_CN", "team", "blind", project, code=1).stderr
    assert zh("roles and the team's blind mode are for a project on a PostgreSQL server; in a project file blind "
              "mode is each coder's own choice (View › Show only my codings)", "errors") in blind
    pushed = run("--lang", "zh_CN", "team", "push", project, tmp_path / "other.concord", code=1).stderr
    assert zh("{value}: not a database URL; expected postgresql+psycopg://user@host:port/database").format(
        value=tmp_path / "other.concord") in pushed
    assert "not a database URL" in run("team", "push", project, tmp_path / "other.concord", code=1).stderr


def test_media_and_originals_speak_chinese(project: Path, tmp_path: Path) -> None:
    assert run("--lang", "zh_CN", "media", "list", project).output == zh("No linked recordings.") + "\n"
    info = run("--lang", "zh_CN", "document-info", project, "li").output
    assert zh("Recording: none linked.") in info and zh(
        "Original file: not kept (imported before Concord kept originals, or not from a file).") in info
    assert "Recording: none linked." in run("document-info", project, "li").output


def test_push_to_a_server_is_summed_up_in_chinese(project: Path, pg_database: str) -> None:
    text = run("--lang", "zh_CN", "team", "push", project, pg_database).output
    head = zh("Pushed {source} to {target} (schema {revision}): {tables} tables, {rows} rows — {documents} "
              "documents, {codes} codes, {coders} coders, {codings} codings")
    assert text.startswith(head.split("{source}")[0] + str(project))
    assert zh("Created the database") in text and "Pushed" not in text
