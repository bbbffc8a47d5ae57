"""A database that refuses a step (locked by another program, disk full, read-only) gives one clear line and
saves nothing; a lock held by another program is not called "not a Concord project"."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import event, select, text

import models.store
from coding.cli import cli
from coding.coders import get_or_create_coder
from coding.errors import DatabaseError, ProjectFileError, ReadOnlyProjectError
from coding.project import Project
from models import Coder


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    Project.create(target).close()
    return target


def _coders(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as project, project.session() as session:
        return list(session.scalars(select(Coder.name)))


LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
    else:
        connection.execute("BEGIN IMMEDIATE")
    connection.execute("insert into project_meta (key, value) values ('other', 'program')")
    print("locked", flush=True)
    sys.stdin.readline()
    """
)


@pytest.fixture
def other_program(path: Path, request: pytest.FixtureRequest) -> Iterator[None]:
    child = subprocess.Popen([sys.executable, "-c", LOCKER, str(path), request.param],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    yield
    child.kill()
    child.wait(10)


@pytest.mark.parametrize("other_program", ["write"], indirect=True)
def test_a_write_blocked_by_another_program_is_one_line_and_saves_nothing(
    path: Path, other_program: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models.store, "BUSY_TIMEOUT_MS", 300)
    with Project.open(path) as project:
        with pytest.raises(DatabaseError, match=r"study\.concord: locked by another program; this step was not saved"):
            with project.session() as session:
                get_or_create_coder(session, "Lin", actor="Lin")
    result = CliRunner().invoke(cli, ["coders", str(path), "add", "Lin"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: ") and "locked by another program" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("other_program", ["exclusive"], indirect=True)
def test_a_file_locked_by_another_program_is_not_called_foreign(path: Path, other_program: None) -> None:
    with pytest.raises(ProjectFileError) as refused:
        Project.open(path)
    assert "locked by another program" in str(refused.value)
    assert "not a Concord project" not in str(refused.value) and "not a readable" not in str(refused.value)


def test_a_full_disk_is_one_line_and_saves_nothing(path: Path) -> None:
    with Project.open(path) as project:
        with project.session() as session:
            pages = session.execute(text("PRAGMA page_count")).scalar()

        @event.listens_for(project.store.engine, "connect")
        def _no_room(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        project.store.engine.dispose()  # new connections, each with no room to grow
        with pytest.raises(DatabaseError, match=r"the disk is full; this step was not saved"):
            with project.session() as session:
                for number in range(2000):
                    get_or_create_coder(session, f"Coder {number} " + "x" * 200, actor="test")
    assert _coders(path) == []


def test_a_raw_write_to_a_read_only_project_is_refused_clearly(path: Path) -> None:
    with Project.open(path, read_only=True) as project:
        with pytest.raises(ReadOnlyProjectError, match="read-only"):
            with project.session() as session:
                session.execute(text("insert into project_meta (key, value) values ('k', 'v')"))
