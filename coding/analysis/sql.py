"""The analyses' direct line to the database, on SQLite and on PostgreSQL alike.

The analyses read hundreds of thousands of rows; going through the DB-API cursor skips SQLAlchemy's per-row
processing, which would otherwise dominate their cost. Their SQL is written once, in SQLite's spelling, and
:class:`AnalysisConnection` runs it on the session's own connection (so it sees the session's flushed, uncommitted
changes). On SQLite the text goes to ``sqlite3`` unchanged; on PostgreSQL (psycopg 3) :func:`postgres_sql` rewrites
the few SQLite-isms the analyses use:

- ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
- ``SELECT value FROM json_each(?)`` — a list of ids bound as one JSON array — becomes
  ``json_array_elements_text``, cast back to integers;
- ``group_concat(x)`` (one comma-joined string per column, parsed by numpy) becomes ``string_agg(x::text, ',')``;
  several aggregates of one query see the rows in the same order on both engines, so the columns still agree
  row by row;
- the planner hint ``+c.code_id`` (hide the column from SQLite's index choice) is dropped;
- ``ORDER BY … name`` compares as SQLite does, by code point (``COLLATE "C"``), whatever the server's locale.

A query with a shape that differs more (JSON arrays of arrays) names both spellings through :attr:`postgres`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Protocol, cast

from sqlalchemy.orm import Session


class Rows(Protocol):
    """What a DB-API cursor of either driver offers the analyses."""

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


STREAM_BATCH = 100  # transcripts per round trip when streaming from a server
_GROUP_CONCAT = re.compile(r"group_concat\(([^()]*)\)")
_JSON_IDS = re.compile(r"SELECT value FROM json_each\(\?\)")
_HIDDEN_COLUMN = re.compile(r"\+(\w+\.code_id)")
_BY_NAME = re.compile(r"(ORDER BY (?:\w+\.)?name)\b")


@lru_cache(maxsize=256)
def postgres_sql(sql: str) -> str:
    """The SQLite-spelled analysis query ``sql`` in PostgreSQL's spelling (see the module notes)."""
    sql = _JSON_IDS.sub("SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(? AS json))", sql)
    sql = _GROUP_CONCAT.sub(r"string_agg(CAST(\1 AS text), ',')", sql)
    sql = _HIDDEN_COLUMN.sub(r"\1", sql)
    sql = _BY_NAME.sub(r'\1 COLLATE "C"', sql)
    return sql.replace("%", "%%").replace("?", "%s")


class AnalysisConnection:
    """The session's own DB-API connection, taking SQL in SQLite's spelling on either engine."""

    def __init__(self, driver_connection: Any) -> None:
        self.driver = driver_connection
        self.postgres = not isinstance(driver_connection, sqlite3.Connection)

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> Rows:
        if self.postgres:
            return cast(Rows, self.driver.execute(postgres_sql(sql), list(parameters)))
        return cast(Rows, self.driver.execute(sql, parameters))

    def stream(self, sql: str, parameters: Sequence[object] = (), batch: int = STREAM_BATCH) -> Iterator[Any]:
        """The rows of ``sql`` a batch at a time, for queries that read whole transcripts: sqlite3 steps through
        its rows anyway; psycopg would fetch them all at once, so on PostgreSQL a server-side cursor (inside the
        session's transaction) hands them over ``batch`` rows at a time."""
        if not self.postgres:
            yield from self.driver.execute(sql, parameters)
            return
        with self.driver.cursor(name="concord_analysis_stream") as cursor:
            cursor.itersize = batch
            cursor.execute(postgres_sql(sql), list(parameters))
            yield from cursor


def raw_connection(session: Session) -> AnalysisConnection:
    """The session's connection for the analyses' own SQL (flushed first, so it sees the session's changes)."""
    session.flush()
    return AnalysisConnection(session.connection().connection.driver_connection)


__all__ = ["AnalysisConnection", "Rows", "postgres_sql", "raw_connection"]
