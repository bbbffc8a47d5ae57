"""Moving a project: ``push`` a file to a real PostgreSQL server and ``pull`` a snapshot back.

The round trip file -> server -> file keeps every row of every table (compared table by table, as SQLite stores
them), the audit chain verifies on the server and in the snapshot, and info and agreement give the same figures on
all three. Bad input is one ``TransferError`` and changes nothing: no database left behind, no file written, the
user's file untouched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from coding.audit import verify_chain
from coding.cli import cli
from coding.codebook import add_code, find_code, move_code
from coding.coders import find_coder
from coding.codings import apply_code
from coding.demo import build_demo
from coding.documents import find_document
from coding.project import Project, project_info
from coding.team.transfer import TransferError, pull, push
from models import Coding
from models.store import SCHEMA_REVISIONS, downgrade, head_revision, make_engine, sqlite_url
from tests.pg import RunningServer, fresh_database_name, free_port

DOC = "P01_luohu_health_bureau"


def run(*args: object) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project with a row in nearly every table, and a code whose parent came later (a higher id)."""
    path = build_demo(tmp_path_factory.mktemp("demo") / "demo.concord")
    run("groups", "add", path, "Luohu sites")
    run("groups", "attach", path, "Luohu sites", DOC, "P02_luohu_community_doctor")
    run("memo", "add", path, "project", "--text", "Why these eight interviews")
    run("memo", "add", path, "code", "Decision rights", "--text", "Who decides, and who only proposes")
    run("assign", "add", path, DOC, "--coder", "Lin")
    run("done", "mark", path, DOC, "--coder", "Lin")
    run("agreement", "compare", path, "--coders", "Lin,Morgan", "--json")
    run("agreement", "snapshot", path, "round1", "--coder", "Lin")
    run("cell-summary", path, "Budgets stay apart", "--code", "Decision rights", "--column", "case:P01")
    with Project.open(path) as project, project.session() as session:
        later = add_code(session, "Cross-cutting themes", actor="lead")
        move_code(session, find_code(session, "Decision rights/Owner functions").id, later.id, actor="lead")
    return path


@pytest.fixture()
def source(demo_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo file for one test (some tests check the file is left as it was)."""
    copy = tmp_path / "study.concord"
    shutil.copyfile(demo_file, copy)
    return copy


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as SQLite stores it (its own text of times and JSON), in a fixed order."""
    connection = sqlite3.connect(path)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                for table in tables}
    finally:
        connection.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def databases(server: RunningServer) -> set[str]:
    with server.connect() as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def server_tables(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).scalars())
    finally:
        engine.dispose()


def figures(location: str | Path) -> dict[str, Any]:
    info = json.loads(run("info", location, "--json").output)
    compared = json.loads(run("agreement", "compare", location, "--coders", "Lin,Morgan", "--no-store",
                              "--json").output)
    return {"info": {key: value for key, value in info.items() if key != "project"},
            "agreement": sorted(((f["measure"], f["code_name"], f["document_uuid"], f["value"], f["n_units"])
                                 for f in compared["figures"]), key=repr)}


@pytest.fixture()
def empty_database(pg_server: RunningServer) -> Iterator[str]:
    """An existing, empty database (made by the server's administrator, not by the push)."""
    name = fresh_database_name("empty")
    with pg_server.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.url(name)
    pg_server.drop(name)


# -- the round trip ---------------------------------------------------------------------------------------------
def test_round_trip_keeps_every_row_of_every_table(source: Path, pg_database: str, tmp_path: Path) -> None:
    before = sqlite_rows(source)
    expected_figures = figures(source)
    pushed = push(source, pg_database, actor="lead")
    assert pushed.created_database and pushed.revision == head_revision()
    assert pushed.rows["codings"] == len(before["codings"]) and pushed.rows["audit_events"] == len(before["audit_events"])

    verified = json.loads(run("audit", "verify", pg_database, "--json").output)
    assert verified["ok"] and verified["total"] == len(before["audit_events"]) + (2 if pushed.roles else 1)
    assert figures(pg_database) == expected_figures

    back = tmp_path / "back.concord"
    pulled = pull(pg_database, back)
    after = sqlite_rows(back)
    assert set(after) == set(before)
    assert pulled.rows == {table: len(rows) for table, rows in after.items() if table != "alembic_version"}
    # What the server added: one event saying where the project came from and, on a server with Concord's roles,
    # the event and the project setting of setting them up (as for `concord new URL`).
    added = sorted((row for row in after["audit_events"] if row not in before["audit_events"]), key=lambda row: row[0])
    assert [row[3] for row in added] == (["push", "setup_roles"] if pushed.roles else ["push"])
    assert added[0][0] == max(row[0] for row in before["audit_events"]) + 1
    after["audit_events"] = [row for row in after["audit_events"] if row not in added]
    after["project_meta"] = [row for row in after["project_meta"] if row[0] != "team.roles"]
    for table in before:
        assert after[table] == before[table], table
    assert figures(back) == expected_figures
    with Project.open(back) as project, project.session() as session:
        assert verify_chain(session).ok
        assert not project.on_server and project.upgraded_from is None


def test_self_reference_to_a_later_row_survives(source: Path, pg_database: str, tmp_path: Path) -> None:
    """A code moved under a code made after it: its parent has the higher id, so rows cannot go in id order."""
    push(source, pg_database)
    with Project.open(pg_database) as project, project.session() as session:
        moved = find_code(session, "Cross-cutting themes/Owner functions")
        assert moved.parent_id is not None and moved.parent_id > moved.id


def test_new_rows_on_the_server_get_new_ids(source: Path, pg_database: str) -> None:
    """The sequences start past the copied ids: a coding made after the push is a new row, chained on."""
    push(source, pg_database)
    with sqlite3.connect(source) as connection:
        top_coding = connection.execute("SELECT max(id) FROM codings").fetchone()[0]
    with Project.open(pg_database) as project, project.session() as session:
        coding = apply_code(session, document_id=find_document(session, DOC).id,
                            coder_id=find_coder(session, "Morgan").id,
                            code_id=find_code(session, "Decision rights/Organizational changes").id,
                            start=0, end=40, actor="Morgan")
        session.flush()
        assert coding.id == top_coding + 1
    with Project.open(pg_database) as project, project.session() as session:
        assert verify_chain(session).ok


def test_an_older_file_is_upgraded_in_a_copy_never_in_place(pg_server: RunningServer, pg_database: str,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "old.concord"
    Project.create(path, with_codebook=True).close()
    engine = make_engine(sqlite_url(path))
    downgrade(engine, SCHEMA_REVISIONS[-2])
    engine.dispose()
    digest = file_digest(path)
    result = push(path, pg_database)
    assert result.upgraded_from == SCHEMA_REVISIONS[-2] and result.revision == head_revision()
    assert file_digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.concord"]  # no backup, no lock left beside it
    with Project.open(pg_database) as project:
        assert project.upgraded_from is None
        with project.session() as session:
            assert project_info(session)["codes"] == 14


def test_pull_is_one_consistent_snapshot(source: Path, pg_database: str, tmp_path: Path) -> None:
    """A coding committed while the pull runs (after its transaction began) is in neither the codings nor the
    audit trail of the snapshot; the server has it."""
    push(source, pg_database)
    committed = threading.Event()

    def code_meanwhile(done: int, _total: int, _what: str) -> None:
        if done == 0:  # the snapshot's transaction has read the schema version: it has begun
            thread = threading.Thread(target=lambda: (coding_on(pg_database), committed.set()))
            thread.start()
            thread.join(60)

    back = tmp_path / "back.concord"
    pull(pg_database, back, progress=code_meanwhile)
    assert committed.is_set()
    assert sqlite_rows(back)["codings"] == sqlite_rows(source)["codings"]
    with Project.open(pg_database) as project, project.session() as session:
        assert len(session.scalars(select(Coding.id)).all()) == len(sqlite_rows(source)["codings"]) + 1
    with Project.open(back) as project, project.session() as session:
        assert verify_chain(session).ok


def test_push_reads_one_consistent_state_of_a_file_being_coded(source: Path, pg_database: str) -> None:
    """Another process codes in the file while the push runs (after its read transaction began): the server gets
    the file as it was when the push started, codings and audit trail alike; the file keeps the new coding."""
    codings_before = len(sqlite_rows(source)["codings"])
    coded: list[subprocess.CompletedProcess[str]] = []

    def code_meanwhile(done: int, _total: int, _what: str) -> None:
        if done == 0:
            coded.append(subprocess.run(
                [sys.executable, "-m", "coding", "code", str(source), "--document", DOC, "--coder", "Morgan",
                 "--code", "Decision rights/Organizational changes", "--start", "0", "--end", "30"],
                capture_output=True, text=True, timeout=300))

    push(source, pg_database, progress=code_meanwhile)
    assert coded and coded[0].returncode == 0, coded[0].stderr if coded else "the coder never ran"
    assert len(sqlite_rows(source)["codings"]) == codings_before + 1
    with Project.open(pg_database) as project, project.session() as session:
        assert len(session.scalars(select(Coding.id)).all()) == codings_before
        assert verify_chain(session).ok


def coding_on(location: str) -> None:
    with Project.open(location) as project, project.session() as session:
        apply_code(session, document_id=find_document(session, DOC).id, coder_id=find_coder(session, "Lin").id,
                   code_id=find_code(session, "Decision rights/Organizational changes").id, start=5, end=30,
                   actor="Lin")


# -- bad input: one error, nothing changed -----------------------------------------------------------------------
def test_a_server_that_does_not_answer(source: Path, tmp_path: Path) -> None:
    digest = file_digest(source)
    url = f"postgresql+psycopg://lead:secret@127.0.0.1:{free_port()}/study"
    with pytest.raises(TransferError, match=r"cannot reach the database server at 127\.0\.0\.1") as refused:
        push(source, url)
    assert "secret" not in str(refused.value)
    with pytest.raises(TransferError, match="cannot reach"):
        pull(url, tmp_path / "back.concord")
    assert file_digest(source) == digest and not (tmp_path / "back.concord").exists() and not list(tmp_path.glob(".*"))


def test_a_wrong_password(source: Path, pg_server: RunningServer, tmp_path: Path) -> None:
    before = databases(pg_server)
    name = fresh_database_name("nopass")
    url = make_url(pg_server.url(name)).set(password="wrong-password")
    with pytest.raises(TransferError, match="refused the password for user 'lead_admin'") as refused:
        push(source, url)
    assert "wrong-password" not in str(refused.value)
    assert databases(pg_server) == before
    with pytest.raises(TransferError, match="refused the password"):
        pull(url, tmp_path / "back.concord")
    assert not (tmp_path / "back.concord").exists() and not list(tmp_path.glob(".*"))


@pytest.mark.parametrize("kind", ["text", "sqlite", "newer", "coder copy"])
def test_a_file_that_cannot_be_pushed(kind: str, source: Path, pg_server: RunningServer, pg_database: str,
                                      tmp_path: Path) -> None:
    path = tmp_path / "bad.concord"
    expected = {"text": "not a Concord project", "sqlite": "not a Concord project",
                "newer": "made by a newer version of Concord", "coder copy": "is a coder copy"}[kind]
    if kind == "text":
        path.write_text("Interviewer: hello\n", encoding="utf-8")
    elif kind == "sqlite":
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE patients (name TEXT)")
    else:
        shutil.copyfile(source, path)
        with sqlite3.connect(path) as connection:
            if kind == "newer":
                connection.execute("UPDATE alembic_version SET version_num = '9999'")
            else:
                connection.execute("INSERT INTO project_meta (key, value) VALUES ('copy.uuid', 'c0ffee')")
        connection.close()
    before_databases, digest = databases(pg_server), file_digest(path)
    with pytest.raises(TransferError, match=expected):
        push(path, pg_database)
    assert databases(pg_server) == before_databases and file_digest(path) == digest


def test_a_database_that_holds_a_project_or_other_tables(source: Path, pg_database: str, empty_database: str,
                                                          pg_server: RunningServer) -> None:
    push(source, pg_database)
    with pytest.raises(TransferError, match="already holds a Concord project"):
        push(source, pg_database)
    with Project.open(pg_database) as project, project.session() as session:
        assert session.scalar(text("SELECT count(*) FROM audit_events WHERE action = 'push'")) == 1

    engine = create_engine(empty_database)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE patients (name text)"))
        connection.execute(text("INSERT INTO patients VALUES ('Wang')"))
    with pytest.raises(TransferError, match=r"already holds 1 table\(s\) \(first: public\.patients\)"):
        push(source, empty_database)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM patients")).scalars().all() == ["Wang"]
    engine.dispose()
    assert server_tables(empty_database) == ["patients"]


def test_a_push_that_fails_halfway_leaves_nothing(source: Path, pg_server: RunningServer, pg_database: str,
                                                  empty_database: str) -> None:
    """A case name PostgreSQL refuses (longer than the column's 255 characters; SQLite does not check) fails
    the copy after the schema and many rows went in: all of it is rolled back, a database made for it dropped."""
    with sqlite3.connect(source) as connection:
        connection.execute("UPDATE cases SET name = ? WHERE name = 'P08'", ("P08 " + "x" * 300,))
    connection.close()
    before = databases(pg_server)
    with pytest.raises(TransferError, match="the database refused the copy .*; nothing was pushed"):
        push(source, pg_database)
    assert databases(pg_server) == before  # the database made for the push is gone
    with pytest.raises(TransferError, match="nothing was pushed"):
        push(source, empty_database)
    assert server_tables(empty_database) == []  # the administrator's database stays, empty


def test_pull_refuses_an_existing_file_and_a_database_that_is_no_project(
        source: Path, pg_database: str, empty_database: str, tmp_path: Path) -> None:
    push(source, pg_database)
    existing = tmp_path / "mine.concord"
    existing.write_text("my notes", encoding="utf-8")
    with pytest.raises(TransferError, match="already exists; a snapshot never replaces a file"):
        pull(pg_database, existing)
    assert existing.read_text(encoding="utf-8") == "my notes"
    with pytest.raises(TransferError, match="an empty database, not a Concord project"):
        pull(empty_database, tmp_path / "empty.concord")
    # No partial file left (the source's -wal/-shm are SQLite's, made by reading a WAL-mode file).
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "mine.concord", "study.concord"]
