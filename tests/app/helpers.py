"""Helpers for the GUI tests: read the project file the way another program would."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    """Read the project file through a separate SQLite connection, as another program would."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def code_id(path: Path, name: str) -> int:
    found = rows(path, "SELECT id FROM codes WHERE name = ?", name)
    assert len(found) == 1, f"{name}: {found}"
    return found[0][0]
