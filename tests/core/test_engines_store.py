"""The store on both engines (``project_location``: an SQLite file, or a fresh PostgreSQL database): creating a
project, its facts, one unit of work per outermost session, reopening, and a read-only open that refuses writes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from coding.errors import ConcordError
from coding.project import Project, project_info


def test_create_reopen_and_read_the_same_facts(project_location: str) -> None:
    with Project.create(project_location, name="Alliance study") as created:
        assert created.on_server == ("://" in project_location)
        with created.session() as session:
            info = project_info(session)
    assert info["codes_per_level"] == {"1": 1, "2": 5, "3": 8} and info["documents"] == 0
    with Project.open(project_location) as reopened, reopened.session() as session:
        assert reopened.name == "Alliance study" and project_info(session)["codes_per_level"] == info["codes_per_level"]


def test_nested_sessions_commit_once_at_the_outermost_level(project_location: str) -> None:
    with Project.create(project_location, with_codebook=False) as project:
        with pytest.raises(RuntimeError), project.session() as outer:
            outer.execute(text("INSERT INTO project_meta (key, value) VALUES ('k1', 'v')"))
            with project.session() as inner:
                assert inner is outer
                inner.execute(text("INSERT INTO project_meta (key, value) VALUES ('k2', 'v')"))
            raise RuntimeError("abort the whole unit of work")
        with project.session() as session:
            session.execute(text("INSERT INTO project_meta (key, value) VALUES ('k3', 'v')"))
        with project.session() as session:
            keys = set(session.scalars(text("SELECT key FROM project_meta")))
    assert {"k1", "k2"}.isdisjoint(keys) and "k3" in keys


def test_a_read_only_open_refuses_writes_and_changes_nothing(project_location: str) -> None:
    Project.create(project_location, with_codebook=False).close()
    with Project.open(project_location, read_only=True) as project:
        with pytest.raises(ConcordError), project.session() as session:
            session.execute(text("INSERT INTO project_meta (key, value) VALUES ('x', 'y')"))
    with Project.open(project_location) as project, project.session() as session:
        assert session.scalar(text("SELECT count(*) FROM project_meta WHERE key = 'x'")) == 0
