"""The audit chain on a real PostgreSQL server, where writers do not exclude each other: many connections writing
events at once still build one linear chain (the advisory lock in coding/audit.py), and an event written outside
Concord, unlinked, does not stop Concord's next event from linking. The SQLite side: tests/core/test_audit_chain.py."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from coding.audit import GENESIS_HASH, record, verify_chain
from coding.project import Project
from models import AuditEvent

WRITERS = 6
EVENTS_EACH = 15


@pytest.fixture
def project(pg_database: str) -> Iterator[Project]:
    created = Project.create(pg_database)
    created.actor = "Lin"
    yield created
    created.close()


def _write_events(url: str, writer: int, start: threading.Barrier, failures: list[BaseException]) -> None:
    try:
        with Project.open(url) as project:
            start.wait(30)
            for index in range(EVENTS_EACH):
                with project.session() as session:
                    record(session, f"coder{writer}", "note", "project", None, None, {"n": index})
                    if index % 3 == 0:  # two events in one transaction: they chain one after the other
                        record(session, f"coder{writer}", "note", "project", None, None, {"n": -index})
    except BaseException as exc:  # reported by the test, not lost in a thread
        failures.append(exc)


def test_writers_at_once_on_separate_connections_build_one_linear_chain(project: Project, pg_database: str) -> None:
    with project.session() as session:
        before = session.scalar(select(func.count(AuditEvent.id))) or 0
    start, failures = threading.Barrier(WRITERS), []  # type: ignore[var-annotated]
    threads = [threading.Thread(target=_write_events, args=(pg_database, writer, start, failures))
               for writer in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    written = WRITERS * (EVENTS_EACH + len(range(0, EVENTS_EACH, 3)))
    with project.session() as session:
        result = verify_chain(session)
        chain = select(AuditEvent.id, AuditEvent.prev_hash, AuditEvent.hash).order_by(AuditEvent.id)
        links = session.execute(chain).all()
    assert result.ok, result.message
    assert result.checked == before + written
    assert len({prev for _id, prev, _hash in links}) == len(links)  # no two events link to the same one: no fork
    assert links[0].prev_hash == GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(links, links[1:], strict=False))


def test_an_unlinked_event_from_outside_is_linked_to_by_content_and_reported(project: Project,
                                                                              pg_database: str) -> None:
    parts = make_url(pg_database)
    with psycopg.connect(host=parts.host, port=parts.port, dbname=parts.database, user=parts.username,
                         password=parts.password, autocommit=True) as raw:
        row = raw.execute("INSERT INTO audit_events (at, actor, action, entity) VALUES (now(), 'psql', 'note', "
                          "'project') RETURNING id").fetchone()
    assert row is not None
    with project.session() as session:
        linked = record(session, "Lin", "note", "project", None)
    with project.session() as session:
        result = verify_chain(session)
        outsider_prev = session.scalar(select(AuditEvent.prev_hash).where(AuditEvent.id == row[0]))
    assert outsider_prev is None and linked.prev_hash not in (None, GENESIS_HASH)
    assert (result.problem, result.broken_at) == ("inserted", row[0])
