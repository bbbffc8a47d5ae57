"""A CLI command on a server project runs again when PostgreSQL aborts it for a collision, as the GUI's steps do
(coding/cli/common.py ``retry_collisions``), and says so in one line when the collisions outlast the retries.

The collisions are real: the project's database runs its transactions REPEATABLE READ (``ALTER DATABASE … SET
default_transaction_isolation``, as a lab's server may be set up), another client (psql-like) holds a lock on the
case the command renames and commits its own change to it once the command waits for the row, so the command's
UPDATE is aborted with SQLSTATE 40001. No mocks, no sleeps: each step waits for what the server reports."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from coding import cases
from coding.cli import cli
from coding.cli.common import rerun_on_collision
from coding.errors import DatabaseError
from coding.project import Project
from models import Case
from models.store import RETRY_ATTEMPTS, is_transient

WAIT_S = 30.0  # the longest a step waits for the server to reach a state (a hang fails the test, never a pass)

Connection = psycopg.Connection[tuple[Any, ...]]


def connect(url: str, **options: Any) -> Connection:
    parts = make_url(url)
    return psycopg.connect(host=parts.host, port=parts.port, dbname=parts.database, user=parts.username,
                           password=parts.password, connect_timeout=10, **options)


@pytest.fixture
def study(pg_database: str) -> str:
    """A project with case P01 whose database's transactions are REPEATABLE READ."""
    with Project.create(pg_database, with_codebook=False) as project, project.session() as session:
        cases.add_case(session, "P01", actor="lead")
    with connect(pg_database, autocommit=True) as conn:
        conn.execute(f"ALTER DATABASE \"{make_url(pg_database).database}\" "
                     "SET default_transaction_isolation = 'repeatable read'")
    return pg_database


def interloper(url: str) -> Connection:
    """Another client changing rows in READ COMMITTED transactions (it queues for a row and then updates it)."""
    conn = connect(url)
    conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
    return conn


def change_p01(conn: Connection) -> None:
    """Change case P01 the way Concord would (its version moves on), leaving the transaction open: the row stays
    locked until ``conn`` commits."""
    conn.execute("UPDATE cases SET description = description || '+', version = version + 1 WHERE name = 'P01'")


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, "the server never reached the state the test waits for"
        time.sleep(0.005)


def lock_waiters(watch: Connection, database: str) -> int:
    row = watch.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                        (database,)).fetchone()
    return int(row[0]) if row else 0


class CommandThread(threading.Thread):
    def __init__(self, *args: str) -> None:
        super().__init__(daemon=True)
        self.args = list(args)
        self.result: Result | None = None

    def run(self) -> None:
        self.result = CliRunner().invoke(cli, self.args)

    def finished(self) -> Result:
        self.join(WAIT_S)
        assert self.result is not None, "the command did not finish"
        return self.result


def collide(url: str, command: CommandThread, collisions: int) -> None:
    """Abort ``command``'s UPDATE of P01 ``collisions`` times: a holder locks the row; once the command waits for
    it, the next holder queues behind the command (so it, not the command's next try, has the row next) and the
    holder commits — the command's snapshot is older than that commit, so its UPDATE fails with 40001."""
    database = str(make_url(url).database)
    holder, queued = interloper(url), interloper(url)
    try:
        with connect(url, autocommit=True) as watch:
            change_p01(holder)
            command.start()
            for collision in range(1, collisions + 1):
                wait_until(lambda: lock_waiters(watch, database) >= 1 or not command.is_alive())
                assert command.is_alive(), "the command ended before it met the collision"
                queuing = None
                if collision < collisions:
                    queuing = threading.Thread(target=change_p01, args=(queued,), daemon=True)
                    queuing.start()
                    wait_until(lambda: lock_waiters(watch, database) >= 2)
                holder.commit()
                if queuing is not None:
                    queuing.join(WAIT_S)
                    holder, queued = queued, holder
            holder.commit()
    finally:
        holder.close()
        queued.close()


def p01_changes(url: str) -> tuple[str, int]:
    with connect(url) as conn:
        row = conn.execute("SELECT description, version FROM cases WHERE name IN ('P01', 'P02')").fetchone()
        assert row is not None
        return str(row[0]), int(row[1])


def case_names(url: str) -> set[str]:
    with connect(url) as conn:
        return {str(row[0]) for row in conn.execute("SELECT name FROM cases")}


def test_a_command_aborted_by_a_serialisation_failure_runs_again_and_succeeds(study: str) -> None:
    command = CommandThread("case", "rename", study, "P01", "P02")
    collide(study, command, collisions=1)
    result = command.finished()
    assert result.exit_code == 0, result.output
    assert "Renamed case 'P01' to 'P02'" in result.output
    assert case_names(study) == {"P02"}
    assert p01_changes(study) == ("+", 3)  # the other client's change kept, then the rename: nothing lost


def test_collisions_that_outlast_the_retries_are_one_error_line(study: str) -> None:
    command = CommandThread("case", "rename", study, "P01", "P02")
    collide(study, command, collisions=RETRY_ATTEMPTS)
    result = command.finished()
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith("Error: ") and "other writers kept colliding with this command; it was not saved" \
        in lines[0]
    assert make_url(study).password not in lines[0]  # the URL is named, its password masked
    assert case_names(study) == {"P01"}
    assert p01_changes(study) == ("+" * RETRY_ATTEMPTS, 1 + RETRY_ATTEMPTS)


def test_work_that_saved_a_part_is_not_run_twice(study: str) -> None:
    """A collision after one of its transactions committed a write: running it again would do that part twice,
    so it is one error naming what happened, and the saved part stays as it is."""
    runs: list[int] = []

    def add_then_rename() -> None:
        runs.append(1)
        with Project.open(study) as project:
            with project.session() as session:
                cases.add_case(session, "P03", actor="lead")
            with project.session() as session:
                case = session.scalar(select(Case).where(Case.name == "P01"))  # this transaction's snapshot
                assert case is not None
                with interloper(study) as other:  # commits after the snapshot: the rename must be aborted
                    change_p01(other)
                    other.commit()
                cases.rename_case(session, "P01", "P02", actor="lead")

    with pytest.raises(DatabaseError, match="collided with this command after part of it was saved") as refused:
        rerun_on_collision(add_then_rename, make_url(study))
    cause = refused.value.__cause__
    assert isinstance(cause, DBAPIError) and is_transient(cause)
    assert runs == [1]
    assert case_names(study) == {"P01", "P03"}


def test_work_whose_collision_came_before_any_write_is_run_again(study: str) -> None:
    runs: list[int] = []

    def rename_once_collided() -> None:
        runs.append(1)
        with Project.open(study) as project, project.session() as session:
            case = session.scalar(select(Case).where(Case.name == "P01"))
            assert case is not None
            if len(runs) == 1:
                with interloper(study) as other:
                    change_p01(other)
                    other.commit()
            cases.rename_case(session, "P01", "P02", actor="lead")

    rerun_on_collision(rename_once_collided)
    assert runs == [1, 1]
    assert case_names(study) == {"P02"}

