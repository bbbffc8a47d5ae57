"""Codings as numpy columns, read in one pass: the raw material of the counting analyses.

Reading a million rows through the DB-API costs about a microsecond per value in tuple creation.
Asking SQLite for one comma-joined string per column (``group_concat``) and parsing it with numpy
moves that work into C: a million codings load in about half a second. All columns come from the
same scan, so their order agrees row by row.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from coding.analysis.filters import SegmentFilter, filter_sql
from coding.analysis.sql import AnalysisConnection, raw_connection

CODING_COLUMNS = ("id", "document_id", "coder_id", "code_id", "start", "end")
# Above this share of the table, reading codings by the code index costs more than scanning it.
SCAN_SHARE = 0.1

IntArray = NDArray[np.int64]  # one integer column of codings (ids, offsets) or an index into one


def _parse(text: str | None) -> IntArray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def load_codings(
    session: Session, flt: SegmentFilter | None = None, columns: tuple[str, ...] = CODING_COLUMNS
) -> dict[str, IntArray]:
    """The chosen integer columns of the codings ``flt`` selects, as int64 arrays of equal length."""
    unknown = set(columns) - set(CODING_COLUMNS)
    if unknown:
        raise ValueError(f"unknown coding columns {sorted(unknown)}")
    flt = flt or SegmentFilter()
    connection = raw_connection(session)
    where, params = filter_sql(session, flt, scan=_mostly_selected(connection, flt))
    selected = ", ".join(f'group_concat(c."{column}")' for column in columns)
    row = connection.execute(f"SELECT {selected} FROM codings c WHERE {where}", params).fetchone()
    return {column: _parse(value) for column, value in zip(columns, row)}


def _mostly_selected(connection: AnalysisConnection, flt: SegmentFilter) -> bool:
    """Whether the filter's codes cover more than a tenth of all codings (then a table scan is faster)."""
    if flt.code_ids is None:
        return False
    codes = ",".join(str(int(c)) for c in flt.code_ids) or "NULL"
    chosen = int(connection.execute(f"SELECT count(*) FROM codings WHERE code_id IN ({codes})").fetchone()[0])
    total = int(connection.execute("SELECT max(id) FROM codings").fetchone()[0] or 0)
    return chosen > SCAN_SHARE * total


def document_cases(session: Session) -> dict[int, int | None]:
    """Document id -> case id (None when the document belongs to no case)."""
    return dict(raw_connection(session).execute("SELECT id, case_id FROM documents").fetchall())


def lookup(mapping: Mapping[int, int | None], keys: IntArray, missing: int = -1) -> IntArray:
    """Vectorised ``mapping[key]`` for integer keys (``missing`` where a key is absent or maps to None)."""
    if keys.size == 0:
        return np.zeros(0, dtype=np.int64)
    size = int(max(keys.max(), max(mapping, default=0))) + 1
    table = np.full(size, missing, dtype=np.int64)
    for key, value in mapping.items():
        if value is not None:
            table[key] = value
    return table[keys]


def unique_sorted(values: IntArray) -> IntArray:
    """Sorted distinct values (by sorting: numpy's hash-based ``unique`` is far slower on millions)."""
    if values.size == 0:
        return values.copy()
    ordered = np.sort(values)
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def unique_inverse(values: IntArray) -> tuple[IntArray, IntArray]:
    """(sorted distinct values, index of each value among them) for non-negative integers."""
    if values.size == 0:
        return values.copy(), np.zeros(0, dtype=np.int64)
    top = int(values.max())
    if top < 4 * values.size + 1024:  # ids and small codes: a direct table is linear time
        present = np.flatnonzero(np.bincount(values, minlength=top + 1))
        table = np.zeros(top + 1, dtype=np.int64)
        table[present] = np.arange(present.size)
        return present, table[values]
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.empty(ordered.size, dtype=bool)
    new[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(values.size, dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


__all__ = ["CODING_COLUMNS", "IntArray", "document_cases", "load_codings", "lookup", "unique_inverse", "unique_sorted"]
