"""Shared fixtures: real project files in tmp_path, and a real PostgreSQL server for any suite (tests/pg.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.pg import (  # noqa: E402  (the Qt platform is chosen before anything imports Qt)
    engine_name,
    pg_base,
    pg_database,
    pg_server,
    pg_stopped,
    project_location,
    project_on_engine,
)

__all__ = ["engine_name", "pg_base", "pg_database", "pg_server", "pg_stopped", "project_location", "project_on_engine"]
