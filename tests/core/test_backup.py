"""Backups of real project files: consistent copies of a live project, skipping, rotation, listing, restoring,
and refusals that change nothing. Every fact is read back from the SQLite files themselves."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from coding import backup as backup_module
from coding import errors
from coding.backup import (
    BackupError,
    RotationPolicy,
    backup_folder,
    find_backup,
    inspect_backup,
    list_backups,
    make_backup,
    restore_backup,
)
from coding.project import Project
from models.store import copy_project, head_revision, make_engine, migrate, sqlite_url

EN = (
    "Interviewer: How did the reform change your office?\n\n"
    "R: Since the group was set up as an independent legal person, my job has changed. We sit on the council.\n\n"
    "Interviewer: Who appoints the president?\n\n"
    "R: The council appoints the group president. The bureau only sets targets.\n"
)
CODINGS = "SELECT uuid, document_id, coder_id, code_id, start, \"end\", memo FROM codings ORDER BY uuid"


def _build(path: Path) -> None:
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text

    with Project.create(path) as project, project.session() as session:
        document = add_document_text(session, name="P01", text=EN, source_name="p01.txt", format="txt")
        ann = get_or_create_coder(session, "Ann", actor="fixture")
        code = find_code(session, "Owner functions").id
        for words in ("Since the group was set up", "The council appoints"):
            start = EN.index(words)
            apply_code(session, document_id=document.id, coder_id=ann.id, code_id=code, start=start,
                       end=start + len(words), actor="fixture")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backup") / "template.concord"
    _build(path)
    return path


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    copy_project(template, target)
    return target


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def add_coding(project: Project, words: str, memo: str = "") -> str:
    from coding.codebook import find_code
    from coding.codings import apply_code

    with project.session() as session:
        document_id = session.execute(text("SELECT id FROM documents")).scalar_one()
        coder_id = session.execute(text("SELECT id FROM coders WHERE name = 'Ann'")).scalar_one()
        start = EN.index(words)
        coding = apply_code(session, document_id=document_id, coder_id=coder_id,
                            code_id=find_code(session, "Financial management rights").id, start=start,
                            end=start + len(words), actor="test", memo=memo)
        return coding.uuid


def write_outside(path: Path, sql: str) -> None:
    """Another process writes to the project file, as another program would."""
    script = f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute({sql!r}); c.commit(); c.close()"
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


@pytest.fixture
def opened(study: Path) -> Iterator[Project]:
    project = Project.open(study)
    yield project
    project.close()


# -- making backups ---------------------------------------------------------------------------------------
def test_a_backup_of_a_live_project_holds_what_is_still_in_its_wal(opened: Project, study: Path) -> None:
    new = add_coding(opened, "my job has changed", memo="written while open")
    assert Path(f"{study}-wal").stat().st_size > 0  # the coding sits in the WAL, not yet in the main file

    result = make_backup(study, "manual")

    backup = result.backup
    assert backup is not None and not result.skipped
    assert backup.path.parent == study.with_name("study.concord-backups")
    assert backup.path.name.startswith("study.") and backup.path.name.endswith(".manual.concord")
    assert rows(backup.path, CODINGS) == rows(study, CODINGS)
    assert (new, "written while open") in [(r[0], r[6]) for r in rows(backup.path, CODINGS)]
    assert rows(backup.path, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    assert rows(backup.path, "PRAGMA integrity_check") == [("ok",)]
    assert (backup.documents, backup.codings, backup.revision) == (1, 3, head_revision())
    sidecar = json.loads(backup.path.with_name(backup.path.name + ".json").read_text())
    assert sidecar["reason"] == "manual" and sidecar["codings"] == 3
    assert not [p for p in backup.path.parent.iterdir() if p.name.startswith(".")]  # no temporary left
    # The project goes on working, and another process still sees what it writes next.
    later = add_coding(opened, "We sit on the council")
    assert later in [r[0] for r in rows(study, CODINGS)]


def test_open_and_auto_backups_are_skipped_until_something_changes(opened: Project, study: Path) -> None:
    first = make_backup(study, "open")
    assert first.backup is not None
    again = make_backup(study, "open")
    assert again.skipped and again.backup is None and again.newest == first.backup
    with opened.session() as session:  # reading changes nothing
        session.execute(text("SELECT count(*) FROM codings")).scalar()
    assert make_backup(study, "auto").skipped

    add_coding(opened, "my job has changed")
    after_edit = make_backup(study, "auto")
    assert after_edit.backup is not None and after_edit.backup.codings == 3
    assert make_backup(study, "auto").skipped

    write_outside(study, "UPDATE codings SET memo = 'from another program'")
    after_outside = make_backup(study, "auto")
    assert after_outside.backup is not None
    assert {r[6] for r in rows(after_outside.backup.path, CODINGS)} == {"from another program"}

    manual = make_backup(study, "manual")  # asked for: written even though nothing changed
    assert manual.backup is not None
    assert [b.reason for b in list_backups(study)] == ["manual", "auto", "auto", "open"]


def test_closing_and_reopening_without_edits_needs_no_new_backup(study: Path) -> None:
    with Project.open(study):
        assert make_backup(study, "open").backup is not None
    with Project.open(study) as project, project.session() as session:
        session.execute(text("SELECT * FROM codings")).all()
    assert make_backup(study, "open").skipped


@pytest.mark.parametrize("step_pages", [backup_module.STEP_PAGES, 2])
def test_backups_stay_consistent_while_another_process_writes(study: Path, step_pages: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(backup_module, "STEP_PAGES", step_pages)  # 2: the copy runs in many steps
    script = textwrap.dedent(f"""
        import sqlite3, sys
        connection = sqlite3.connect({str(study)!r}, timeout=30)
        document, coder, code = connection.execute(
            "SELECT (SELECT id FROM documents), (SELECT id FROM coders), (SELECT id FROM codes LIMIT 1)").fetchone()
        print("ready", flush=True)
        for n in range(400):
            connection.execute(
                "INSERT INTO codings (uuid, document_id, coder_id, code_id, start, \\"end\\", memo, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, 0, 5, '', '2025-01-01', '2025-01-01')",
                (f"writer-{{n:04d}}", document, coder, code))
            connection.commit()
        connection.close()
    """)
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    counts = []
    try:
        while writer.poll() is None:
            backup = make_backup(study, "manual", policy=RotationPolicy(keep_last=1000)).backup
            assert backup is not None
            assert rows(backup.path, "PRAGMA integrity_check") == [("ok",)]
            written = [r[0] for r in rows(backup.path, "SELECT uuid FROM codings WHERE uuid LIKE 'writer-%' "
                                                       "ORDER BY uuid")]
            assert written == [f"writer-{n:04d}" for n in range(len(written))]  # a prefix of the commits: no gaps
            counts.append(len(written))
    finally:
        writer.wait(60)
    assert writer.returncode == 0
    assert counts == sorted(counts) and len(counts) >= 1


def test_a_missing_project_or_an_unknown_reason_is_refused(tmp_path: Path, study: Path) -> None:
    with pytest.raises(BackupError, match=r"nothing\.concord: no such project file"):
        make_backup(tmp_path / "nothing.concord")
    with pytest.raises(BackupError, match="unknown backup reason 'whenever'"):
        make_backup(study, "whenever")
    assert not backup_folder(study).exists()


def test_a_folder_in_the_way_of_the_backups_folder_is_reported(study: Path) -> None:
    backup_folder(study).write_text("a file where the folder should be")
    with pytest.raises(BackupError, match="cannot create the backups folder"):
        make_backup(study, "manual")


# -- rotation --------------------------------------------------------------------------------------------
def _local_noon(day: int) -> datetime:
    """Noon, local time, ``day`` days after 1 March 2025 (noon keeps every backup inside its local date)."""
    return datetime(2025, 3, 1, 12, 0).astimezone() + timedelta(days=day)


def test_rotation_keeps_the_newest_and_the_last_backup_of_each_recent_day(study: Path) -> None:
    policy = RotationPolicy(keep_last=3, keep_days=5)
    made: list[datetime] = []
    for day in range(10):  # four backups a day for ten days, each rotated as it is made
        for hour in range(4):
            when = _local_noon(day) + timedelta(hours=hour)
            made.append(when)
            make_backup(study, "manual", policy=policy, now=when)
    kept = sorted(b.created_at for b in list_backups(study))
    today = 9
    expected = sorted(
        {made[-1], made[-2], made[-3]}  # the newest three
        | {_local_noon(day) + timedelta(hours=3) for day in range(today - 4, today + 1)}  # the last of days 5…9
    )
    assert kept == expected
    names = {p.name for p in backup_folder(study).iterdir()}
    assert len(names) == 2 * len(expected)  # each kept backup with its sidecar, nothing else


def test_keep_last_must_keep_at_least_one() -> None:
    with pytest.raises(BackupError, match="keep at least the newest backup"):
        RotationPolicy(keep_last=0)


# -- listing and finding ---------------------------------------------------------------------------------
def test_list_numbers_newest_first_and_find_by_number_or_name(study: Path) -> None:
    older = make_backup(study, "open", now=_local_noon(0)).backup
    newer = make_backup(study, "manual", now=_local_noon(1)).backup
    assert older is not None and newer is not None
    assert [b.path for b in list_backups(study)] == [newer.path, older.path]
    assert find_backup(study, "1").path == newer.path
    assert find_backup(study, 2).path == older.path
    assert find_backup(study, older.path.name).path == older.path
    with pytest.raises(BackupError, match="no backup number 3"):
        find_backup(study, "3")
    with pytest.raises(BackupError, match="no backup named 'yesterday'"):
        find_backup(study, "yesterday")


def test_a_backup_copied_in_without_its_sidecar_is_still_listed_with_counts(study: Path) -> None:
    backup = make_backup(study, "manual").backup
    assert backup is not None
    backup.path.with_name(backup.path.name + ".json").unlink()
    (listed,) = list_backups(study)
    assert (listed.documents, listed.codings, listed.reason) == (1, 2, "manual")


# -- restoring -------------------------------------------------------------------------------------------
def test_restore_puts_the_backup_back_and_keeps_the_state_before(opened: Project, study: Path) -> None:
    backup = make_backup(study, "manual").backup
    assert backup is not None
    at_backup = rows(study, CODINGS)
    added = add_coding(opened, "my job has changed", memo="after the backup")
    write_outside(study, "DELETE FROM codings WHERE start = 0 OR rowid = 1")
    changed = rows(study, CODINGS)
    assert changed != at_backup

    result = restore_backup(study, backup)

    assert rows(study, CODINGS) == at_backup
    assert rows(study, "PRAGMA journal_mode") == [("wal",)]
    with opened.session() as session:  # the project open in this process sees the restored content too
        assert session.execute(text("SELECT count(*) FROM codings WHERE uuid = :u"), {"u": added}).scalar() == 0
    assert result.restored.path == backup.path and result.safety.reason == "before-restore"
    assert rows(result.safety.path, CODINGS) == changed
    # Restoring the "before-restore" backup undoes the restore.
    restore_backup(study, result.safety.path.name)
    assert rows(study, CODINGS) == changed


def test_restore_refuses_the_project_file_itself(study: Path) -> None:
    with pytest.raises(BackupError, match="is the project file itself"):
        restore_backup(study, str(study))
    assert not backup_folder(study).exists()


def _garbage(path: Path) -> None:
    path.write_text("not a database at all, just words")


def _foreign(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE things (id INTEGER)")
    connection.close()


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()


def _damaged(path: Path) -> None:
    """Scribble over the pages of the codings table (a disk error, a bad copy)."""
    with sqlite3.connect(path) as connection:
        root, page_size = connection.execute(
            "SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = 'codings'"
        ).fetchone()
    connection.close()
    data = bytearray(path.read_bytes())  # a closed backup copy, never a live project
    data[(root - 1) * page_size + 8 : root * page_size] = b"\x77" * (page_size - 8)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("spoil", "message"), [
    (_garbage, "not a readable Concord project"),
    (_foreign, "an SQLite database, but not a Concord project"),
    (_newer_schema, "schema 9999, which this version of Concord does not know"),
    (_damaged, "the backup is damaged|not a readable Concord project"),
])
def test_restore_refuses_a_bad_backup_and_changes_nothing(study: Path, spoil, message: str) -> None:  # type: ignore[no-untyped-def]
    backup = make_backup(study, "manual").backup
    assert backup is not None
    spoil(backup.path)
    before = rows(study, CODINGS)
    with pytest.raises(BackupError, match=message):
        restore_backup(study, "1")
    assert rows(study, CODINGS) == before
    assert [b.reason for b in list_backups(study)] == ["manual"]  # no "before-restore" either


def test_restoring_an_older_schema_backup_upgrades_it_first(study: Path) -> None:
    old = backup_folder(study) / "study.2024-01-01T09-00-00.000Z.manual.concord"
    old.parent.mkdir()
    engine = make_engine(sqlite_url(old))
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO project_meta (key, value) VALUES ('app', 'concord'), ('name', 'Old')"))
    engine.dispose()
    assert inspect_backup(old).revision == "0001"

    result = restore_backup(study, old.name)

    assert result.upgraded_from == "0001"
    assert rows(study, "SELECT version_num FROM alembic_version") == [(head_revision(),)]
    assert rows(study, "SELECT value FROM project_meta WHERE key = 'name'") == [("Old",)]
    assert rows(study, "SELECT count(*) FROM codings") == [(0,)]
    assert rows(old, "SELECT version_num FROM alembic_version") == [("0001",)]  # the backup itself stays as it was


def test_restore_recreates_a_project_file_that_is_gone(study: Path) -> None:
    backup = make_backup(study, "manual").backup
    assert backup is not None
    expected = rows(study, CODINGS)
    study.unlink()
    restore_backup(study, "1")
    assert rows(study, CODINGS) == expected
    with Project.open(study) as project, project.session() as session:
        assert session.execute(text("SELECT count(*) FROM codings")).scalar() == len(expected)


HAS_LOCK = hasattr(errors, "ProjectInUseError")


@contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """Another process opens the project for writing and keeps it open until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from coding.project import Project
            project = Project.open({str(path)!r})
            print("holding", flush=True)
            sys.stdin.readline()
            project.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=os.getcwd(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(60)


@pytest.mark.skipif(not HAS_LOCK, reason="this version has no project lock")
def test_restore_is_refused_while_another_process_writes_to_the_project(study: Path) -> None:
    backup = make_backup(study, "manual").backup
    assert backup is not None
    with held_by_another_process(study):
        before = rows(study, CODINGS)
        with pytest.raises(BackupError, match="in use by another program"):
            restore_backup(study, "1")
        assert rows(study, CODINGS) == before
    assert [b.reason for b in list_backups(study)] == ["manual"]
