"""Shared by the operation tests: whole-database snapshots and "refused and nothing changed"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from coding.project import Project
from models import Base


def snapshot(project: Project) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order."""
    with project.session() as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def assert_refused(project: Project, operation: Callable[[Session], Any], error: type, match: str) -> None:
    """The operation raises ``error`` and, even though the session then commits, nothing changed."""
    before = snapshot(project)
    with project.session() as session, pytest.raises(error, match=match):
        operation(session)
    assert snapshot(project) == before
