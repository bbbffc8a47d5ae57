"""The analysis world (tests/core/test_analysis_world.py) on either engine, for tests that run on both.

On SQLite a test gets a copy of the world file, as everywhere else. On PostgreSQL the world is built once per
session, through the same public operations, into a template database; each test gets a fresh clone of it
(``CREATE DATABASE … TEMPLATE``: a file copy on the server, far cheaper than building again), dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.project import Project
from models import Document
from tests.core.test_analysis_world import ACTOR, CODES, World, _build, open_world, template_path
from tests.pg import RunningServer, fresh_database_name

_SERVER_TEMPLATE: dict[int, str] = {}  # server port -> the world's template database


def server_world_template(server: RunningServer) -> str:
    """The name of the world's template database on ``server``, built on first use."""
    if server.port not in _SERVER_TEMPLATE:
        name = fresh_database_name("world")
        _build(server.url(name))  # type: ignore[arg-type]  # Project.create takes a URL as well as a path
        _SERVER_TEMPLATE[server.port] = name
    return _SERVER_TEMPLATE[server.port]


def open_world_at(location: str, path: Path) -> World:
    """The world at ``location`` (a file or a URL), opened, with its ids looked up (as ``open_world`` does)."""
    from coding.codebook import find_code
    from coding.coders import find_coder

    project = Project.open(location)
    project.actor = ACTOR
    with project.session() as session:
        documents = dict(session.execute(select(Document.name, Document.id)).all())
        codes = {key: find_code(session, p).id for key, p in CODES.items()}
        codes["DR"] = find_code(session, "Decision rights").id
        codes["MC"] = find_code(session, "Market competition").id
        coders = {name: find_coder(session, name).id for name in ("Lin", "Wang", "Consensus")}
    return World(project, path, documents, codes, coders)


def world_on(engine_name: str, request: pytest.FixtureRequest, factory: pytest.TempPathFactory,
             folder: Path) -> Iterator[World]:
    """Body of a ``world`` fixture on ``engine_name``: a copy of the world that the test may change."""
    if engine_name == "sqlite":
        opened = open_world(template_path(factory), folder)
        yield opened
        opened.project.close()
        return
    server: RunningServer = request.getfixturevalue("pg_server")
    database = fresh_database_name()
    url = server.clone(server_world_template(server), database)
    opened = open_world_at(url, folder / "server-world")
    try:
        yield opened
    finally:
        opened.project.close()
        server.drop(database)


@pytest.fixture
def world(engine_name: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
          tmp_path: Path) -> Iterator[World]:
    """The analysis world on SQLite and on PostgreSQL (parametrised through ``engine_name``)."""
    yield from world_on(engine_name, request, tmp_path_factory, tmp_path)
