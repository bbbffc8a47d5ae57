"""Shared fixtures: real project files in tmp_path, and a real PostgreSQL server for any suite (tests/pg.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

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


@pytest.fixture(autouse=True)
def english_interface(request: pytest.FixtureRequest) -> Iterator[None]:
    """Qt tests see English as the app shows it: app.main installs English's catalogue at start (its plural forms,
    "1 passage" / "1,234 passages", and the English QLocale that groups digits); tests build windows without
    app.main. Installed once, and again only after a test left another language installed."""
    if {"qapp", "qtbot"} & set(request.fixturenames):
        request.getfixturevalue("qapp")
        from app.i18n import ENGLISH, TRANSLATORS

        if TRANSLATORS.language != ENGLISH or not TRANSLATORS.installed:
            TRANSLATORS.install(ENGLISH)
    yield


__all__ = ["engine_name", "pg_base", "pg_database", "pg_server", "pg_stopped", "project_location", "project_on_engine"]
