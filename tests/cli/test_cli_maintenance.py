"""`concord backup` and `concord check` through click's CliRunner, checked through the library and the files."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from coding.backup import backup_folder, list_backups
from coding.check import check_project
from coding.cli import cli
from coding.project import Project
from models.store import copy_project

TEXT = "The group board decides. We send a request and wait for the answer."


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents with one coding each (no spaCy: no units, so the stored counts are zero and right)."""
    from coding.codebook import add_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from models import Document

    path = tmp_path_factory.mktemp("maintenance") / "study.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        code = add_code(session, "Governance", actor="fixture")
        coder = get_or_create_coder(session, "Lin", actor="fixture")
        for name in ("li.txt", "wang.txt"):
            document = Document(name=name, source_name=name, format="txt", language="en", text=TEXT,
                                char_count=len(TEXT), word_count=13, sha256=hashlib.sha256(name.encode()).hexdigest())
            session.add(document)
            session.flush()
            apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code.id, start=4, end=9,
                       actor="fixture")
    return path


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    copy_project(template, target)
    return target


def sql(path: Path, statement: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        found = connection.execute(statement).fetchall()
        connection.commit()
        return found
    finally:
        connection.close()


# -- backup ----------------------------------------------------------------------------------------------
def test_backup_now_list_and_restore_by_number_and_by_name(study: Path) -> None:
    out = run("backup", study, "now").output
    (first,) = list_backups(study)
    assert f"Backed up {study} to {first.path}" in out
    sql(study, "DELETE FROM codings WHERE id = 1")

    listing = run("backup", study).output  # list is the default
    assert "  1  " in listing and "manual" in listing and "2 documents, 2 codings" in listing
    assert first.name in listing

    restored = run("backup", study, "restore", "1").output
    assert f"Restored {study} from {first.name}" in restored and "before-restore" in restored
    assert sql(study, "SELECT count(*) FROM codings") == [(2,)]

    safety = next(b for b in list_backups(study) if b.reason == "before-restore")
    run("backup", study, "restore", safety.name)
    assert sql(study, "SELECT count(*) FROM codings") == [(1,)]


def test_backup_json(study: Path) -> None:
    made = json.loads(run("backup", study, "now", "--json").output)
    assert made["skipped"] is False and made["backup"]["reason"] == "manual" and made["backup"]["codings"] == 2
    listed = json.loads(run("backup", study, "list", "--json").output)
    assert [(b["number"], b["file"], b["documents"]) for b in listed] == [(1, made["backup"]["file"], 2)]
    restored = json.loads(run("backup", study, "restore", "1", "--json").output)
    assert restored["restored"]["file"] == made["backup"]["file"]
    assert restored["before_restore"]["reason"] == "before-restore"


def test_backup_now_if_changed_skips_an_unchanged_project(study: Path) -> None:
    run("backup", study, "now", "--if-changed")
    skipped = run("backup", study, "now", "--if-changed").output
    assert "Nothing changed since the newest backup" in skipped
    assert json.loads(run("backup", study, "now", "--if-changed", "--json").output)["skipped"] is True
    sql(study, "UPDATE codings SET memo = 'edited elsewhere'")
    assert "Backed up" in run("backup", study, "now", "--if-changed").output
    assert len(list_backups(study)) == 2


def test_backup_keep_options_rotate(study: Path) -> None:
    for _ in range(4):
        run("backup", study, "now", "--keep-last", "2", "--keep-days", "0")
    assert len(list_backups(study)) == 2


def test_backup_list_of_a_project_without_backups(study: Path) -> None:
    assert "No backups of" in run("backup", study).output
    assert json.loads(run("backup", study, "--json").output) == []
    assert not backup_folder(study).exists()


@pytest.mark.parametrize(("args", "code", "message"), [
    (("restore", "7"), 1, "Error: no backup number 7"),
    (("restore", "yesterday"), 1, "Error: no backup named 'yesterday'"),
    (("restore",), 2, "'restore' takes BACKUP"),
    (("now", "extra"), 2, "'now' takes"),
    (("list", "--if-changed"), 2, "--if-changed goes with 'now' only"),
    (("now", "--keep-last", "0"), 2, "--keep-last"),
])
def test_backup_refusals(study: Path, args: tuple[str, ...], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, ["backup", str(study), *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_backup_of_a_missing_project(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["backup", str(tmp_path / "none.concord"), "now"])
    assert result.exit_code == 1 and "none.concord: no such project file" in result.output


# -- check -----------------------------------------------------------------------------------------------
def test_check_of_a_sound_project_exits_0(study: Path) -> None:
    assert "no problems found" in run("check", study).output
    data = json.loads(run("check", study, "--json").output)
    assert data["ok"] is True and data["problems"] == 0 and set(data["counts"]) >= {"integrity", "offsets"}


def test_check_finds_and_repair_fixes_wrong_totals(study: Path) -> None:
    document_id, uuid = sql(study, "SELECT id, uuid FROM documents ORDER BY id LIMIT 1")[0]
    sql(study, f"UPDATE documents SET turn_count = 7 WHERE id = {document_id}")

    out = run("check", study, code=1).output
    assert f"documents row {document_id} ({uuid}): stored counts differ: turns 7" in out
    assert "[repairable]" in out

    repaired = run("check", study, "--repair").output
    assert "Backed up the project first to" in repaired and "Repaired: recomputed the stored counts" in repaired
    assert check_project(study).ok
    assert [b.reason for b in list_backups(study)] == ["before-repair"]


def test_check_reports_what_repair_may_not_touch(study: Path) -> None:
    sql(study, f'UPDATE codings SET "end" = {len(TEXT) + 5} WHERE id = 1')
    data = json.loads(run("check", study, "--repair", "--json", code=1).output)
    assert data["ok"] is False and data["repaired"] == [] and data["backup"] is None
    (problem,) = data["remaining"]["listed"]
    assert (problem["check"], problem["table"], problem["id"], problem["repairable"]) == ("offsets", "codings", 1, False)
    text = run("check", study, "--repair", code=1).output
    assert "Nothing that --repair may fix." in text
    assert sql(study, 'SELECT "end" FROM codings WHERE id = 1') == [(len(TEXT) + 5,)]


def test_check_of_something_that_is_not_a_project(tmp_path: Path) -> None:
    path = tmp_path / "notes.concord"
    path.write_text("hello")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {path}: not a readable SQLite database (file is not a database)"]


@pytest.mark.parametrize("command", ["backup", "check"])
def test_commands_have_help(command: str) -> None:
    out = run(command, "--help").output
    assert "--json" in out and len(out.splitlines()) > 5
