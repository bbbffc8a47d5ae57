"""The server tests use the session's PostgreSQL from ``tests/pg.py`` (plugged in by tests/conftest.py, so every
suite can use it); the helpers stay importable from here."""

from __future__ import annotations

from tests.pg import (
    RunningServer,
    free_port,
    server_base,
    start_new_server,
    stop_if_running,
    unavailable,
)

__all__ = ["RunningServer", "free_port", "server_base", "start_new_server", "stop_if_running", "unavailable"]
