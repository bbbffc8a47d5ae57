"""Delete rows with everything that hangs on them, and put them back exactly (the undo of a deletion).

What hangs on a row is read from the schema, not listed by hand, so a table added later is covered as
soon as its foreign key says what a deletion does to it:

- ``ON DELETE CASCADE``: the referring rows go too (recursively: a sentence hangs on a speaker turn);
- ``ON DELETE SET NULL``: the referring row stays and its old value is remembered;
- anything else: the deletion is refused, naming the table.

Rows that name a deleted row by uuid without a foreign key (every table with a ``target_uuid`` column,
such as memos) go with it, and a caller may add rows it knows are keyed by the row (matrix summaries
keyed ``case:<uuid>``). Restoring inserts every row with its own values, ids included; a row whose id
was taken since gets a new id and the rows that point at it follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Integer, Result, Table, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coding.errors import ConflictError, ValidationError
from models import Base
from coding.i18n import QT_TRANSLATE_NOOP, translate

CHUNK = 500  # well under SQLite's limit on bound variables per statement
TARGET_UUID = "target_uuid"


@dataclass(frozen=True)
class Nulled:
    """A row that keeps living with one column set to NULL by the deletion, and the value it had."""

    table: str
    key: tuple[Any, ...]
    column: str
    value: Any


@dataclass
class RowSnapshot:
    """Every row a deletion removes (by table, parents first) and every value it sets to NULL."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    nulled: list[Nulled] = field(default_factory=list)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))

    def counts(self) -> dict[str, int]:
        """Rows per table, for the audit trail and for "what would go" messages."""
        counts = {name: len(rows) for name, rows in self.rows.items() if rows}
        for nulled in self.nulled:
            key = f"{nulled.table}.{nulled.column} cleared"
            counts[key] = counts.get(key, 0) + 1
        return counts


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)  # parents before children


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _primary_key(table: Table) -> list[str]:
    return [column.name for column in table.primary_key.columns]


def _key_of(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[name] for name in _primary_key(table))


def _chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start:start + CHUNK]


def _key_condition(table: Table, keys: Sequence[tuple[Any, ...]]) -> ColumnElement[bool]:
    columns = [table.c[name] for name in _primary_key(table)]
    if len(columns) == 1:
        return columns[0].in_([key[0] for key in keys])
    return tuple_(*columns).in_(keys)


def snapshot_rows(session: Session, table: Table, condition: ColumnElement[bool],
                  extra: Iterable[tuple[Table, ColumnElement[bool]]] = ()) -> RowSnapshot:
    """What deleting the rows of ``table`` matching ``condition`` removes or changes (nothing is written)."""
    session.flush()
    snapshot = RowSnapshot()
    seen: dict[str, set[tuple[Any, ...]]] = {}
    _collect(session, snapshot, seen, table, condition)
    for other, other_condition in extra:
        _collect(session, snapshot, seen, other, other_condition)
    order = [t.name for t in _tables()]
    snapshot.rows = {name: snapshot.rows[name] for name in order if snapshot.rows.get(name)}
    return snapshot


def _collect(session: Session, snapshot: RowSnapshot, seen: dict[str, set[tuple[Any, ...]]], table: Table,
             condition: ColumnElement[bool]) -> None:
    known = seen.setdefault(table.name, set())
    rows = [dict(row) for row in session.execute(select(table).where(condition)).mappings()]
    new = [row for row in rows if _key_of(table, row) not in known]
    if not new:
        return
    known.update(_key_of(table, row) for row in new)
    snapshot.rows.setdefault(table.name, []).extend(new)
    for child in _tables():
        for foreign_key in child.foreign_keys:
            if foreign_key.column.table is table:
                values = sorted({row[foreign_key.column.name] for row in new} - {None})
                for chunk in _chunks(values):
                    _follow(session, snapshot, seen, child, foreign_key.parent, foreign_key.ondelete, chunk)
    if "uuid" in table.c:
        uuids = [row["uuid"] for row in new]
        for named in _tables():
            if TARGET_UUID in named.c:
                for chunk in _chunks(uuids):
                    _collect(session, snapshot, seen, named, named.c[TARGET_UUID].in_(chunk))


def _follow(session: Session, snapshot: RowSnapshot, seen: dict[str, set[tuple[Any, ...]]], child: Table,
            column: Any, ondelete: str | None, values: Sequence[Any]) -> None:
    condition = column.in_(values)
    rule = (ondelete or "").upper()
    if rule == "CASCADE":
        _collect(session, snapshot, seen, child, condition)
    elif rule == "SET NULL":
        for row in session.execute(select(child).where(condition)).mappings():
            snapshot.nulled.append(Nulled(child.name, _key_of(child, dict(row)), column.name, row[column.name]))
    else:
        held = session.execute(select(column).where(condition).limit(1)).first()
        if held is not None:
            raise ValidationError(translate(
                "errors", "cannot delete: rows of '{name}' still refer to it").format(name=child.name))


def delete_rows(session: Session, snapshot: RowSnapshot) -> None:
    """Carry out the deletion ``snapshot`` describes (children first)."""
    for nulled in snapshot.nulled:
        table = _table(nulled.table)
        session.execute(update(table).where(_key_condition(table, [nulled.key])).values({nulled.column: None}))
    for name in reversed(list(snapshot.rows)):
        table = _table(name)
        keys = [_key_of(table, row) for row in snapshot.rows[name]]
        for chunk in _chunks(keys):
            session.execute(table.delete().where(_key_condition(table, chunk)))
    session.expire_all()  # ORM objects loaded before the deletion must not be written back


def restore_rows(session: Session, snapshot: RowSnapshot) -> None:
    """Put back what :func:`delete_rows` removed; refused (``ConflictError``, nothing written) on a clash."""
    session.flush()
    new_ids: dict[str, dict[Any, Any]] = {}
    rows_by_table = _without_vanished_parents(session, snapshot)
    # On a clash the caller's transaction is rolled back whole (``project.session`` does), so nothing stays.
    try:
        for name, rows in rows_by_table.items():
            _insert_rows(session, _table(name), rows, new_ids)
        for nulled in snapshot.nulled:
            _put_back_value(session, nulled, new_ids)
    except IntegrityError as exc:
        detail = str(exc.orig).replace(  # SQLite's words; PostgreSQL's stay as the server says them
            "UNIQUE constraint failed: ", translate("removal", "another row now has the same "))
        raise ConflictError(translate("errors", "cannot put it back: {detail}").format(detail=detail)) from None
    session.expire_all()


# How a refusal names a row that went since (else "a row of <table>").
_WHAT = {"codes": QT_TRANSLATE_NOOP("removal", "a code"), "coders": QT_TRANSLATE_NOOP("removal", "a coder"),
         "documents": QT_TRANSLATE_NOOP("removal", "a document"),
         "cases": QT_TRANSLATE_NOOP("removal", "a case"),
         "attributes": QT_TRANSLATE_NOOP("removal", "an attribute"),
         "speaker_turns": QT_TRANSLATE_NOOP("removal", "a speaker turn")}


def _without_vanished_parents(session: Session, snapshot: RowSnapshot) -> dict[str, list[dict[str, Any]]]:
    """The rows to insert, as if they had lived through what was deleted since: a row whose parent went
    goes too (CASCADE) or loses the reference (SET NULL); any other reference to a row that went refuses
    the whole restore (``ConflictError``) before anything is written. The snapshot itself is not changed."""
    kept: dict[str, list[dict[str, Any]]] = {}
    for name, rows in snapshot.rows.items():
        table = _table(name)
        rows = [dict(row) for row in rows]
        for foreign_key in table.foreign_keys:
            column, parent = foreign_key.parent.name, foreign_key.column.table
            own = {row[foreign_key.column.name] for row in kept.get(parent.name, [])}
            wanted = sorted({row[column] for row in rows} - own - {None})
            present: set[Any] = set()
            for chunk in _chunks(wanted):
                present.update(session.scalars(select(foreign_key.column).where(foreign_key.column.in_(chunk))))
            gone = set(wanted) - present
            if not gone:
                continue
            rule = (foreign_key.ondelete or "").upper()
            if rule == "CASCADE":
                rows = [row for row in rows if row[column] not in gone]
            elif rule == "SET NULL":
                for row in rows:
                    row[column] = None if row[column] in gone else row[column]
            else:
                what = (translate("removal", _WHAT[parent.name]) if parent.name in _WHAT
                        else translate("removal", "a row of '{table}'").format(table=parent.name))
                raise ConflictError(translate(
                    "errors", "cannot put it back: {what} it refers to was deleted since").format(what=what))
        kept[name] = rows
    return kept


def _single_integer_key(table: Table) -> str | None:
    columns = list(table.primary_key.columns)
    return columns[0].name if len(columns) == 1 and isinstance(columns[0].type, Integer) else None


def _remapped(table: Table, row: dict[str, Any], new_ids: dict[str, dict[Any, Any]]) -> dict[str, Any]:
    row = dict(row)
    for foreign_key in table.foreign_keys:
        moved = new_ids.get(foreign_key.column.table.name, {})
        if row.get(foreign_key.parent.name) in moved:
            row[foreign_key.parent.name] = moved[row[foreign_key.parent.name]]
    return row


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]],
                 new_ids: dict[str, dict[Any, Any]]) -> None:
    rows = [_remapped(table, row, new_ids) for row in rows]
    key = _single_integer_key(table)
    taken: set[Any] = set()
    if key is not None:
        ids = [row[key] for row in rows]
        for chunk in _chunks(ids):
            taken.update(session.scalars(select(table.c[key]).where(table.c[key].in_(chunk))))
    free = [row for row in rows if key is None or row[key] not in taken]
    for chunk in _chunks(free):
        session.execute(insert(table), list(chunk))
    for row in rows:
        if key is not None and row[key] in taken:  # its id went to a newer row: a new id, and followers follow
            values = {k: v for k, v in row.items() if k != key}
            new_id = _inserted_key(session.execute(insert(table).values(values)))
            new_ids.setdefault(table.name, {})[row[key]] = new_id


def _inserted_key(result: Result[Any]) -> object:
    """The primary key of the one row an INSERT made (Session.execute types its result as a plain Result)."""
    key = result.inserted_primary_key if isinstance(result, CursorResult) else None
    if key is None:
        raise RuntimeError("the INSERT reported no primary key")
    return key[0]


def _put_back_value(session: Session, nulled: Nulled, new_ids: dict[str, dict[Any, Any]]) -> None:
    table = _table(nulled.table)
    column = table.c[nulled.column]
    value = nulled.value
    for foreign_key in column.foreign_keys:
        value = new_ids.get(foreign_key.column.table.name, {}).get(value, value)
    # Only where it is still empty: a row given another value since keeps it.
    session.execute(
        update(table).where(_key_condition(table, [nulled.key]), column.is_(None)).values({nulled.column: value})
    )


__all__ = ["Nulled", "RowSnapshot", "delete_rows", "restore_rows", "snapshot_rows"]
