"""Row versions on a real PostgreSQL server: migration 0009 up and down, and the write path's retry of a real
serialisation failure (two REPEATABLE READ transactions writing one row; no mocks). The stale-edit refusals run on
both engines in tests/core/test_versions.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coding import cases, codebook, versions
from coding.codebook import find_code
from coding.changes import Changes
from coding.edits import CompoundEdit, Edit, UpdateCodeEdit
from coding.errors import DatabaseError, StaleEditError
from coding.project import Project
from models import Code
from models.server_store import make_server_engine
from models.store import Store, current_revision, downgrade, head_revision, is_transient, migrate, retry_transient

VERSIONED = ("codes", "cases", "attributes", "memos", "matrix_cell_summaries")
CODE_PATH = "Decision rights"


@pytest.fixture
def project(pg_database: str) -> Iterator[Project]:
    created = Project.create(pg_database)
    created.actor = "Lin"
    with created.session() as session:
        cases.add_case(session, "P01", actor="Lin")
    yield created
    created.close()


def repeatable_read(url: str) -> Project:
    """A second editor on the same database whose transactions are REPEATABLE READ (a snapshot per transaction),
    so a row another transaction changed after the snapshot cannot be updated: the server aborts with 40001."""
    store = Store(make_server_engine(make_url(url), isolation_level="REPEATABLE READ"))
    opened = Project(store, None, make_url(url))
    opened.actor = "Morgan"
    return opened


def other_writer_sets(url: str, definition: str) -> None:
    """Another client (psql-like, autocommit) changes the code the way Concord would: the version moves on."""
    import psycopg

    parts = make_url(url)
    with psycopg.connect(host=parts.host, port=parts.port, dbname=parts.database, user=parts.username,
                         password=parts.password, autocommit=True) as conn:
        conn.execute("UPDATE codes SET definition = %s, version = version + 1 WHERE name = %s",
                     (definition, CODE_PATH))


def test_a_serialisation_failure_is_retried_and_the_edit_applied(project: Project, pg_database: str) -> None:
    morgan = repeatable_read(pg_database)
    attempts: list[int] = []

    def read_then_write(session: Session, actor: str) -> None:
        code = session.scalar(select(Code).where(Code.name == CODE_PATH))  # the snapshot is taken here
        assert code is not None
        attempts.append(code.version)
        if len(attempts) == 1:  # a concurrent commit after our snapshot: our UPDATE must be aborted (40001)
            other_writer_sets(pg_database, "the other writer's")
        codebook.update_code(session, code.id, actor=actor, expected_version=code.version, definition="Morgan's")

    try:
        versions.write(morgan, read_then_write)
    finally:
        morgan.close()

    assert len(attempts) == 2 and attempts[1] == attempts[0] + 1  # retried once, reading the other's commit
    with project.session() as session:
        code = session.scalar(select(Code).where(Code.name == CODE_PATH))
        assert code is not None and (code.definition, code.version) == ("Morgan's", attempts[0] + 2)


def test_the_failure_itself_is_a_real_serialisation_failure(project: Project, pg_database: str) -> None:
    """Without the retry the same collision reaches the caller as SQLSTATE 40001, which ``is_transient`` names."""
    morgan = repeatable_read(pg_database)
    try:
        with pytest.raises(DBAPIError) as failure, morgan.session() as session:
            code = session.scalar(select(Code).where(Code.name == CODE_PATH))
            assert code is not None
            other_writer_sets(pg_database, "the other writer's")
            code.definition = "Morgan's"
            session.flush()
    finally:
        morgan.close()
    assert getattr(failure.value.orig, "sqlstate", None) == "40001" and is_transient(failure.value)


def test_collisions_that_outlast_the_retries_are_one_clear_error(project: Project, pg_database: str) -> None:
    morgan = repeatable_read(pg_database)

    def always_collides(session: Session, actor: str) -> None:
        code = session.scalar(select(Code).where(Code.name == CODE_PATH))
        assert code is not None
        other_writer_sets(pg_database, f"other {code.version}")
        codebook.update_code(session, code.id, actor=actor, definition="Morgan's")

    try:
        with pytest.raises(DatabaseError, match="other writers kept colliding with this step; it was not saved"):
            versions.write(morgan, always_collides)
    finally:
        morgan.close()
    with project.session() as session:
        assert session.scalar(select(Code.definition).where(Code.name == CODE_PATH)) != "Morgan's"


def test_a_retried_edit_starts_again_from_its_first_run(project: Project, pg_database: str) -> None:
    """A compound edit aborted after its first child ran: the retry must not take that child for done (its memory
    of the aborted try is put back), so both children apply, each once."""
    calls: list[int] = []

    class Interloper(Edit):  # between the two children, another writer commits a change to the second code
        def do(self, session: Session, actor: str) -> Changes:
            calls.append(1)
            if len(calls) == 1:
                other_writer_sets(pg_database, "the other writer's")
            return Changes()

        def undo(self, session: Session, actor: str) -> Changes:
            return Changes()

    with project.session() as session:
        first = find_code(session, "Owner functions").uuid
        second = find_code(session, CODE_PATH).uuid
    morgan = repeatable_read(pg_database)
    edit = CompoundEdit([UpdateCodeEdit(first, definition="one"), Interloper(),
                         UpdateCodeEdit(second, definition="two")])
    try:
        versions.write(morgan, edit.do)
        versions.write(morgan, edit.undo)  # and undo still finds what the committed try left
    finally:
        morgan.close()
    assert len(calls) == 2
    with project.session() as session:
        definitions = dict(session.execute(select(Code.uuid, Code.definition)
                                           .where(Code.uuid.in_([first, second]))).all())
    assert definitions[second] == "the other writer's"
    assert definitions[first] not in ("one", "")


def test_retry_transient_gives_up_at_once_on_anything_else() -> None:
    calls: list[int] = []

    def refused() -> None:
        calls.append(1)
        raise ValueError("not a database collision")

    with pytest.raises(ValueError):
        retry_transient(refused)
    assert calls == [1]


def test_a_stale_edit_is_refused_under_repeatable_read_too(project: Project, pg_database: str) -> None:
    """An editor whose transactions are snapshots still compares the version its view read with the stored one."""
    morgan = repeatable_read(pg_database)
    with morgan.session() as session:
        seen = versions.version_of(session, "code", find_code(session, CODE_PATH).uuid)
    with project.session() as session:
        codebook.update_code(session, find_code(session, CODE_PATH).id, actor="Lin", name="Lin's")
    with project.session() as session:
        uuid = find_code(session, "Lin's").uuid
    try:
        with pytest.raises(StaleEditError, match="was changed by Lin at"):
            versions.write(morgan, UpdateCodeEdit(uuid, expected_version=seen, definition="Morgan's").do)
    finally:
        morgan.close()


# -- migration 0009 up and down --------------------------------------------------------------------------------
def test_migration_0009_up_and_down_on_postgres(pg_database: str) -> None:
    with Project.create(pg_database) as created, created.session() as session:
        cases.add_case(session, "P01", actor="Lin")
    engine = create_engine(make_url(pg_database))
    try:
        downgrade(engine, "0008")
        with engine.connect() as conn:
            for table in VERSIONED:
                assert "version" not in {c["name"] for c in inspect(conn).get_columns(table)}
        with Project.open(pg_database) as reopened:  # the open path upgrades, in one transaction
            assert reopened.upgraded_from == "0008"
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            for table in VERSIONED:
                column = next(c for c in inspect(conn).get_columns(table) if c["name"] == "version")
                assert column["nullable"] is False
            assert set(conn.execute(text("SELECT DISTINCT version FROM codes")).scalars()) == {1}
            assert conn.execute(text("SELECT version FROM cases WHERE name = 'P01'")).scalar() == 1
        downgrade(engine, "0008")
        migrate(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
