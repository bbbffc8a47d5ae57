"""Locks that keep acknowledged codings: POSIX locks kept when a project is re-opened, one engine per file per
process, the project lock between processes (read-only for the second), stale locks after a crash."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.errors import ProjectInUseError, ReadOnlyProjectError
from coding.importing import add_document_text
from coding.project import Project
from models import Code, Coding
from models.project_lock import lock_path_for, read_holder
from models.store import open_store_count

TEXT = "Interviewer: How do referrals work? Doctor: We send patients up to the county hospital. " * 20


@pytest.fixture
def coded_project(tmp_path: Path) -> Path:
    path = tmp_path / "study.concord"
    with Project.create(path) as project, project.session() as session:
        add_document_text(session, name="interview_01", text=TEXT, source_name="interview_01.txt", format="txt")
        get_or_create_coder(session, "Lin", actor="test")
    return path


def _ids(path: Path) -> dict[str, int]:
    with Project.open(path) as project, project.session() as session:
        from models import Coder, Document

        return {
            "document": session.scalar(select(Document.id)),
            "coder": session.scalar(select(Coder.id).where(Coder.name == "Lin")),
            "code": session.scalar(select(Code.id).where(Code.parent_id.is_not(None)).order_by(Code.id)),
        }


# A child that stands for the desktop app: it re-opens its own project the way every background worker does,
# waits while another program uses the file, then codes and acknowledges each committed coding on stdout.
CODING_CHILD = textwrap.dedent(
    """
    import sys
    from coding.project import Project
    from coding.codings import apply_code
    path, document, coder, code, count = sys.argv[1], *map(int, sys.argv[2:6])
    project = Project.open(path)
    Project.open(path).close()  # a worker thread's own open and close, in the same process
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        with project.session() as session:
            coding = apply_code(session, document_id=document, coder_id=coder, code_id=code,
                                start=i, end=i + 10, actor="Lin")
            uuid = coding.uuid
        print(uuid, flush=True)
    print("done", flush=True)
    sys.stdin.readline()
    """
)

# Another program (a database browser, a sync tool, a script) that writes to the file and closes it.
OTHER_WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1])
    connection.execute("insert into project_meta (key, value) values ('touched_by', 'another program')")
    connection.commit()
    connection.close()
    """
)


@pytest.fixture
def coding_child(coded_project: Path) -> Iterator[subprocess.Popen[str]]:
    ids = _ids(coded_project)
    child = subprocess.Popen(
        [sys.executable, "-c", CODING_CHILD, str(coded_project), str(ids["document"]), str(ids["coder"]),
         str(ids["code"]), "25"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(10)


def _code_and_kill(child: subprocess.Popen[str]) -> list[str]:
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write("\n")
    child.stdin.flush()
    acknowledged = []
    for line in child.stdout:
        if line.strip() == "done":
            break
        acknowledged.append(line.strip())
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    return acknowledged


def _stored(path: Path, uuids: list[str]) -> int:
    with Project.open(path) as project, project.session() as session:
        return len(session.scalars(select(Coding.uuid).where(Coding.uuid.in_(uuids))).all())


def test_acknowledged_codings_survive_another_program_closing_the_file(
    coded_project: Path, coding_child: subprocess.Popen[str]
) -> None:
    """Re-opening the project in-process must not drop SQLite's locks: when another program then closes the
    file it must not believe itself the last user and delete the WAL the app is still writing to."""
    subprocess.run([sys.executable, "-c", OTHER_WRITER, str(coded_project)], check=True, timeout=60)
    acknowledged = _code_and_kill(coding_child)
    assert len(acknowledged) == 25
    assert _stored(coded_project, acknowledged) == 25
    with sqlite3.connect(coded_project) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_second_process_reads_while_the_app_writes_and_nothing_is_lost(
    coded_project: Path, coding_child: subprocess.Popen[str]
) -> None:
    from click.testing import CliRunner

    from coding.cli import cli

    info = CliRunner().invoke(cli, ["info", str(coded_project), "--json"])
    assert info.exit_code == 0, info.output
    refused = subprocess.run(
        [sys.executable, "-m", "coding", "uncode", str(coded_project), "no-such-uuid"],
        capture_output=True, text=True, timeout=120,
    )
    assert refused.returncode == 1
    assert "in use by" in refused.stderr and f"process {coding_child.pid}" in refused.stderr
    acknowledged = _code_and_kill(coding_child)
    assert _stored(coded_project, acknowledged) == len(acknowledged) == 25


def test_one_engine_per_project_per_process(coded_project: Path) -> None:
    before = open_store_count()
    first = Project.open(coded_project)
    second = Project.open(coded_project)
    assert second.store is first.store and open_store_count() == before + 1
    second.close()
    with first.session() as session:  # the first user is untouched by the second's close
        assert session.scalar(select(Code.id)) is not None
    first.close()
    assert open_store_count() == before
    assert not lock_path_for(coded_project).exists()


HOLDER = textwrap.dedent(
    """
    import sys
    from coding.project import Project
    project = Project.open(sys.argv[1])
    project.announce_coder("Morgan")
    print("ready", flush=True)
    sys.stdin.readline()
    """
)


@pytest.fixture
def holder(coded_project: Path) -> Iterator[subprocess.Popen[str]]:
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(coded_project)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    yield child
    if child.poll() is None:
        child.kill()
    child.wait(10)


def test_a_project_in_use_is_refused_naming_who_and_since_when(coded_project: Path, holder: subprocess.Popen) -> None:
    with pytest.raises(ProjectInUseError) as refused:
        Project.open(coded_project)
    message = str(refused.value)
    assert "Morgan" in message and f"process {holder.pid}" in message and "since" in message
    assert "read-only" in message
    assert refused.value.holder.pid == holder.pid


def test_read_only_beside_the_writer_reads_and_refuses_writes(coded_project: Path, holder: subprocess.Popen) -> None:
    ids = _ids_read_only(coded_project)
    with Project.open(coded_project, read_only=True) as project:
        assert project.read_only and project.holder is not None and project.holder.coder == "Morgan"
        with project.session() as session:
            assert session.scalar(select(Code.id)) is not None
        with pytest.raises(ReadOnlyProjectError, match="in use by Morgan"):
            with project.session() as session:
                apply_code(session, document_id=ids["document"], coder_id=ids["coder"], code_id=ids["code"],
                           start=0, end=5, actor="x")
    with sqlite3.connect(coded_project) as raw:
        assert raw.execute("select count(*) from codings").fetchone()[0] == 0


def _ids_read_only(path: Path) -> dict[str, int]:
    from models import Coder, Document

    with Project.open(path, read_only=True) as project, project.session() as session:
        return {
            "document": session.scalar(select(Document.id)),
            "coder": session.scalar(select(Coder.id)),
            "code": session.scalar(select(Code.id).where(Code.parent_id.is_not(None))),
        }


def test_a_stale_lock_from_a_killed_process_is_cleared(coded_project: Path, holder: subprocess.Popen) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    assert lock_path_for(coded_project).exists()  # a crash leaves the lock file behind
    with Project.open(coded_project) as project:
        assert project.cleared_stale is not None and project.cleared_stale.pid == holder.pid
        assert not project.read_only
        assert read_holder(coded_project).pid == os.getpid()
    assert not lock_path_for(coded_project).exists()


def test_a_foreign_database_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    other = tmp_path / "notes.concord"
    with sqlite3.connect(other) as raw:
        raw.execute("create table project_meta (key text, value text)")
        raw.execute("create table alembic_version (version_num text)")
        raw.execute("insert into project_meta values ('app', 'something else')")
    before = other.read_bytes()
    from coding.errors import ProjectFileError

    with pytest.raises(ProjectFileError, match="not a Concord project"):
        Project.open(other)
    assert other.read_bytes() == before  # still in rollback-journal mode, not switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.concord"]


def test_a_project_is_marked_with_concords_application_id(coded_project: Path) -> None:
    with sqlite3.connect(coded_project) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == 0x434F4E43


def test_threads_opening_and_closing_at_once_never_refuse_their_own_process(coded_project: Path) -> None:
    """Background tasks open and close the project while others do: the process never locks itself out."""
    import threading

    errors: list[str] = []

    def open_read_close() -> None:
        for _round in range(15):
            try:
                with Project.open(coded_project) as project, project.session() as session:
                    session.scalar(select(Code.id))
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(str(exc))

    threads = [threading.Thread(target=open_read_close) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert not lock_path_for(coded_project).exists()
