"""Moving a project between a ``.concord`` file and a PostgreSQL server: ``push`` uploads, ``pull`` takes a snapshot.

``push(PROJECT.concord, URL)`` copies every table and row of a project file into a server database: the same ids
and uuids, the schema at the same revision (a file from an older Concord is upgraded first, in a temporary copy:
the user's file is only read, in one read transaction through the process's shared engine for it, so the app may
go on coding in it meanwhile). The database is created when the role may; one that already holds tables is
refused. Schema and rows go in one PostgreSQL transaction (DDL is transactional there), so a failure leaves
nothing behind, and a database made for the push is dropped again. The sequences are set past the highest ids,
and one ``push`` audit event is appended to the copied chain, so ``concord audit verify URL`` still holds. On a
server with Concord's group roles the new project then gets its grants and policies (``coding.team.roles``), as
``concord new URL`` does.

``pull(URL, OUT.concord)`` reads the server in one REPEATABLE READ, read-only transaction (one consistent
snapshot, whatever the coders write meanwhile) into a new file, written under a hidden name and linked into
place when complete, so a failure leaves no file and an existing file is never replaced. The snapshot is the
server's rows as they are, nothing added: it opens as a normal project offline.

Both run through SQLAlchemy Core, engine-neutral: tables are taken from the target's schema (in foreign-key
order), values read through the models' column types (timestamps normalised to UTC, SQLite keeping them without
a zone), rows streamed in batches of at most ``BATCH_ROWS`` rows or about ``BATCH_BYTES`` of text, so a 900 MB
project never sits in memory. A column that refers to its own table (a code's parent) is written empty first
and filled in once every row is there, so rows need no particular order.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import (
    URL,
    Column,
    Connection,
    DateTime,
    Engine,
    MetaData,
    Table,
    bindparam,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from coding.audit import record
from coding.errors import ConcordError
from coding.progress import Progress
from coding.project import default_actor, new_project_path, remove_project_files
from models.entities import Base
from models.server_store import (
    _drop_database,
    _ensure_database,
    _refuse_tables,
    make_server_engine,
    masked,
    server_revision,
    server_url,
    unreachable,
)
from models.store import (
    APPLICATION_ID,
    Store,
    StoreError,
    alembic_config,
    copy_project,
    head_revision,
    known_revisions,
    make_engine,
    migrate,
    probe_file,
    sqlite_url,
)
from coding.i18n import translate

BATCH_ROWS = 2000
BATCH_BYTES = 8 << 20  # text and bytes per batch: a batch of long transcripts stays small
SCHEMA_TABLE = "alembic_version"  # written by the migration itself, not copied
COPY_MARK = "copy.uuid"  # project_meta key of a coder copy (coding.team.copies)


class TransferError(ConcordError):
    """A project that cannot be pushed or pulled; nothing was changed."""


@dataclass(frozen=True)
class TransferResult:
    """What a push or pull copied, for people and for ``--json``."""

    source: str  # file path, or the URL with its password masked
    target: str
    revision: str
    rows: dict[str, int]  # per table, in the order copied
    upgraded_from: str | None = None  # push: the file's older schema, upgraded in a temporary copy
    created_database: bool = False  # push: the database was made for it
    audit_head: str | None = None  # push: hash of the ``push`` event that ends the chain on the server
    roles: bool = False  # push: the server's roles and policies were set up on the new project
    facts: dict[str, int] = field(default_factory=dict)  # documents, codes, coders, codings

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "schema": self.revision,
                "upgraded_from": self.upgraded_from, "created_database": self.created_database, "roles": self.roles,
                "tables": len(self.rows), "total_rows": self.total_rows, "rows": self.rows, **self.facts,
                "audit_head": self.audit_head}


# -- push ------------------------------------------------------------------------------------------------------
def push(path: str | Path, url: str | URL, *, actor: str = "", progress: Progress | None = None) -> TransferResult:
    """Upload the project file ``path`` into the server database ``url`` (see the module notes)."""
    path = Path(path)
    url = _checked_url(url)
    with _readable_file(path) as (source_engine, revision, upgraded_from):
        created = _guarded(url, lambda: _ensure_database(url))
        target_engine = make_server_engine(url, poolclass=NullPool)
        try:
            with source_engine.connect() as source, target_engine.connect() as target:
                result = _push_in_one_transaction(source, target, path, url, revision, actor, progress)
        except BaseException as exc:
            target_engine.dispose()
            if created:
                _drop_database(url)
            _reraise(exc, url, translate("team.transfer", "nothing was pushed"))
        target_engine.dispose()
    return replace(result, upgraded_from=upgraded_from, created_database=created, roles=_set_up_roles(url))


def _set_up_roles(url: URL) -> bool:
    """On a Concord server (its group roles exist) the pushed project gets its grants and policies at once, as
    ``concord new URL`` gives a new one (coding/team/roles.py); True if done."""
    from coding.project import Project
    from coding.team.roles import apply_to_new_project

    with Project.open(url) as project:
        return apply_to_new_project(project)


def _push_in_one_transaction(
    source: Connection, target: Connection, path: Path, url: URL, revision: str, actor: str,
    progress: Progress | None,
) -> TransferResult:
    with source.begin(), target.begin():
        _begin_snapshot(source)
        _refuse_tables(target, url)
        _refuse_coder_copy(source, path)
        _migrate_on(target, revision)
        tables = _tables_in_order(target)
        _check_same_schema(source, target, tables, str(path))
        rows = copy_rows(source, target, tables, progress)
        _advance_sequences(target, tables)
        head = _record_push(target, path, revision, rows, actor or url.username or default_actor())
        facts = _facts(target)
    return TransferResult(str(path), masked(url), revision, rows, audit_head=head, facts=facts)


def _refuse_coder_copy(source: Connection, path: Path) -> None:
    """A coder copy's guards are SQLite triggers a server would not have: push the lead's project instead."""
    if source.execute(text("SELECT 1 FROM project_meta WHERE key = :key"), {"key": COPY_MARK}).first():
        raise TransferError(translate(
            "errors", "{path}: is a coder copy; merge it into the lead's project and push that one").format(path=path))


def _migrate_on(connection: Connection, revision: str) -> None:
    """The schema at ``revision``, inside the caller's transaction (so a failed push takes it back too)."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _record_push(target: Connection, path: Path, revision: str, rows: dict[str, int], actor: str) -> str:
    """One event closing the copied chain: where the server's project came from."""
    project_uuid = target.execute(text("SELECT value FROM project_meta WHERE key = 'project_uuid'")).scalar()
    with Session(bind=target) as session:
        event_ = record(session, actor, "push", "project", project_uuid, None,
                        {"file": path.name, "schema": revision, "tables": len(rows), "rows": sum(rows.values())})
        session.flush()
    return event_.hash


# -- pull ------------------------------------------------------------------------------------------------------
def pull(url: str | URL, out: str | Path, *, progress: Progress | None = None) -> TransferResult:
    """A snapshot of the server database ``url`` as the new project file ``out`` (see the module notes)."""
    url = _checked_url(url)
    try:
        out = new_project_path(out, translate("team.transfer", "a snapshot never replaces a file; choose another name"))
    except ConcordError as exc:
        raise TransferError(str(exc)) from exc
    partial = out.with_name(f".{out.stem}.pull-partial{out.suffix}")
    remove_project_files(partial)
    source_engine = make_server_engine(url, read_only=True, poolclass=NullPool)
    try:
        result = _pull_into(source_engine, url, partial, out, progress)
        _publish(partial, out)
    except BaseException as exc:
        remove_project_files(partial)
        _reraise(exc, url, translate("team.transfer", "no file was written"))
    finally:
        source_engine.dispose()
    return result


def _pull_into(source_engine: Engine, url: URL, partial: Path, out: Path, progress: Progress | None) -> TransferResult:
    with source_engine.connect() as source:
        source = source.execution_options(isolation_level="REPEATABLE READ")
        with source.begin():
            revision = server_revision(source, url)
            _refuse_partial_reader(source, url)
            target_engine = make_engine(sqlite_url(partial))
            try:
                migrate(target_engine, revision)
                with target_engine.begin() as target:
                    tables = _tables_in_order(target)
                    _check_same_schema(source, target, tables, masked(url))
                    rows = copy_rows(source, target, tables, progress)
                    target.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
                    facts = _facts(target)
            finally:
                target_engine.dispose()  # the last connection closing folds the WAL back into the file
    return TransferResult(masked(url), str(out), revision, rows, facts=facts)


def _refuse_partial_reader(source: Connection, url: URL) -> None:
    """A coder's login sees only part of a project (row-level security: blind codings, the audit trail's
    values), and a snapshot must be the whole of it."""
    from coding.team.roles import login_role

    if login_role(source) == "coder":
        raise TransferError(translate(
            "errors", "{value}: '{username}' is a coder on this server and cannot read the whole project (blind "
            "codings, the audit trail); a lead or a viewer takes snapshots").format(
            value=masked(url), username=url.username))


def _publish(partial: Path, out: Path) -> None:
    """Flush the finished snapshot and give it its name; a link never replaces a file that appeared meanwhile."""
    _fsync(partial)
    try:
        os.link(partial, out)
    except FileExistsError:
        raise TransferError(translate(
            "errors", "{out}: already exists; a snapshot never replaces a file — choose another name").format(out=out)) from None
    remove_project_files(partial)
    _fsync(out.parent)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)  # our own new file or its folder, never a live project
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# -- the source file ---------------------------------------------------------------------------------------------
@contextmanager
def _readable_file(path: Path) -> Iterator[tuple[Engine, str, str | None]]:
    """An engine reading the project file at the head schema: the file's own (shared with this process's other
    users of it: a second engine on a live file would drop its SQLite locks when closed), or an upgraded
    temporary copy of an older file."""
    try:
        revision = probe_file(path).revision
    except StoreError as exc:
        raise TransferError(str(exc)) from exc
    if revision is None:
        raise TransferError(translate(
            "errors", "{path}: a Concord project without a schema version (damaged?)").format(path=path))
    if revision not in known_revisions():
        raise TransferError(translate(
            "errors", "{path}: made by a newer version of Concord (schema {revision}); this version reads schemas up "
            "to {value} — update Concord to push it").format(path=path, revision=revision, value=head_revision()))
    if revision == head_revision():
        try:
            opened = Store.open(path, upgrade=False, read_only=True)
        except StoreError as exc:
            raise TransferError(str(exc)) from exc
        try:
            yield opened.store.engine, revision, None
        finally:
            opened.store.close()
        return
    with tempfile.TemporaryDirectory(prefix="concord-push-") as folder:
        copy = Path(folder) / path.name
        try:
            copy_project(path, copy)
            engine = make_engine(sqlite_url(copy))
            migrate(engine)
        except (StoreError, DBAPIError) as exc:
            raise TransferError(translate(
                "errors", "{path}: cannot upgrade a copy from schema {revision} ({exc}); nothing was pushed").format(
                path=path, revision=revision, exc=exc)) from exc
        try:
            yield engine, head_revision(), revision
        finally:
            engine.dispose()


def _begin_snapshot(source: Connection) -> None:
    """One read transaction over every table, even while the app writes to the file: pysqlite would otherwise
    run each SELECT on its own, and a push would mix states of a project someone is coding in."""
    if source.dialect.name == "sqlite":
        source.exec_driver_sql("BEGIN")


# -- copying rows, engine-neutral ---------------------------------------------------------------------------------
def _tables_in_order(connection: Connection) -> list[Table]:
    """The target's tables as its schema has them, parents before children (foreign keys)."""
    reflected = MetaData()
    reflected.reflect(bind=connection)
    return [table for table in reflected.sorted_tables if table.name != SCHEMA_TABLE]


def _check_same_schema(source: Connection, target: Connection, tables: Sequence[Table], where: str) -> None:
    """Same tables with the same columns on both sides (same revision); anything else is not Concord's."""
    inspector = inspect(source)
    found = {name for name in inspector.get_table_names() if name != SCHEMA_TABLE}
    expected = {table.name for table in tables}
    if found - expected:
        extra = ", ".join(sorted(found - expected))
        raise TransferError(translate(
            "errors", "{where}: holds tables that are not part of a Concord project ({extra}); nothing was copied").format(
            where=where, extra=extra))
    if expected - found:
        raise TransferError(translate(
            "errors", "{where}: lacks the project table '{value}' (damaged?)").format(
            where=where, value=min(expected - found)))
    for table in tables:
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        if columns != set(table.columns.keys()):
            raise TransferError(translate(
                "errors", "{where}: table '{name}' has other columns than this schema (damaged?)").format(
                where=where, name=table.name))


def copy_rows(
    source: Connection, target: Connection, tables: Sequence[Table], progress: Progress | None = None
) -> dict[str, int]:
    """Every row of ``tables`` (the target's, in foreign-key order) from ``source`` into ``target``."""
    counts: dict[str, int] = {}
    for index, table in enumerate(tables):
        if progress is not None:
            progress(index, len(tables), table.name)  # the table's own name
        counts[table.name] = _copy_table(source, target, table)
    if progress is not None:
        progress(len(tables), len(tables), translate("progress", "done"))
    return counts


def _copy_table(source: Connection, target: Connection, reflected: Table) -> int:
    table = _typed(reflected)
    own_refs = sorted({key.parent.name for key in reflected.foreign_keys if key.column.table.name == reflected.name})
    keys = [column.name for column in reflected.primary_key.columns]
    times = [column.name for column in table.columns if isinstance(column.type, DateTime)]
    later: list[dict[str, Any]] = []  # self-references, filled in once every row is there
    statement = select(table).order_by(*(table.c[name] for name in keys))
    result = source.execution_options(yield_per=BATCH_ROWS).execute(statement)
    count = 0
    for batch in _batches(result.mappings()):
        for row in batch:
            for name in times:
                row[name] = _in_utc(row[name])
            if own_refs and any(row[name] is not None for name in own_refs):
                later.append({**{f"key_{name}": row[name] for name in keys},
                              **{f"ref_{name}": row[name] for name in own_refs}})
                row.update(dict.fromkeys(own_refs))
        target.execute(insert(table), batch)
        count += len(batch)
    if later:
        target.execute(_fill_in(table, keys, own_refs), later)
    return count


def _typed(reflected: Table) -> Table:
    """The table with the models' column types where the models know the column (JSON, booleans, timestamps
    read the same on both engines), the reflected type elsewhere."""
    model = Base.metadata.tables.get(reflected.name)
    columns = [
        Column(column.name, model.c[column.name].type if model is not None and column.name in model.c else column.type)
        for column in reflected.columns
    ]
    return Table(reflected.name, MetaData(), *columns)


def _fill_in(table: Table, keys: list[str], refs: list[str]) -> Any:
    condition = [table.c[name] == bindparam(f"key_{name}") for name in keys]
    return table.update().where(*condition).values({name: bindparam(f"ref_{name}") for name in refs})


def _batches(rows: Any) -> Iterator[list[dict[str, Any]]]:
    """Rows as dicts, in lists of at most ``BATCH_ROWS`` rows and about ``BATCH_BYTES`` of text."""
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        values = dict(row)
        batch.append(values)
        size += sum(len(value) for value in values.values() if isinstance(value, (str, bytes)))
        if len(batch) >= BATCH_ROWS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _in_utc(value: datetime | None) -> datetime | None:
    """SQLite keeps Concord's UTC times without a zone; PostgreSQL gives them in the session's zone."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _advance_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """PostgreSQL: each id sequence past the highest id copied, so the next row gets a new id."""
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            continue
        sequence = connection.execute(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                      {"table": quote(table.name), "column": keys[0].name}).scalar()
        if sequence is None:
            continue
        top = connection.execute(text(f"SELECT max({quote(keys[0].name)}) FROM {quote(table.name)}")).scalar()
        connection.execute(text("SELECT setval(:sequence, :next, false)"),
                           {"sequence": sequence, "next": int(top or 0) + 1})


def _facts(connection: Connection) -> dict[str, int]:
    """A few counts to show beside the rows (what a researcher recognises)."""
    return {name: int(connection.execute(text(f"SELECT count(*) FROM {name}")).scalar() or 0)
            for name in ("documents", "codes", "coders", "codings")}


# -- errors ----------------------------------------------------------------------------------------------------
def _checked_url(url: str | URL) -> URL:
    try:
        return server_url(url)
    except StoreError as exc:
        raise TransferError(str(exc)) from exc


def _guarded(url: URL, step: Any) -> Any:
    try:
        return step()
    except StoreError as exc:
        raise TransferError(str(exc)) from exc
    except OperationalError as exc:
        raise TransferError(str(unreachable(url, exc))) from exc


def _reraise(exc: BaseException, url: URL, nothing: str) -> NoReturn:
    """Raise one line for the user (the password masked) in place of ``exc``, or ``exc`` itself when it is a bug
    or already a user's error. Called inside ``except``."""
    if isinstance(exc, StoreError):
        raise TransferError(str(exc)) from exc
    if isinstance(exc, OperationalError) and _at_connect(exc):
        raise TransferError(str(unreachable(url, exc))) from exc
    if isinstance(exc, DBAPIError):
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else type(exc.orig).__name__
        if url.password:
            reason = reason.replace(str(url.password), "***")
        raise TransferError(translate(
            "errors", "{value}: the database refused the copy ({reason}); {nothing}").format(
            value=masked(url), reason=reason, nothing=nothing)) from exc
    raise exc


def _at_connect(exc: OperationalError) -> bool:
    message = str(exc.orig).lower()
    return "connection" in message and ("failed" in message or "refused" in message)


__all__ = ["BATCH_BYTES", "BATCH_ROWS", "TransferError", "TransferResult", "copy_rows", "pull", "push"]
