"""Engine, sessions and schema versions of a Concord project: a SQLite file or a PostgreSQL database.

One SQLite file per project (``.concord``) is the embedded default; a team project lives in a PostgreSQL
database named by a URL (``postgresql+psycopg://user@host:5432/study``, see docs/postgres.md). The models
are the same on both; what is SQLite-only (file lock, ``PRAGMA application_id``, WAL, backup before an
upgrade, file copies) lives in the file functions below and has its server meaning in ``models.server_store``.

Two rules keep committed work safe (see docs/reliability.md):
- one engine per project file per process (``Store.open`` shares it and counts its users), and the file is
  never opened through another descriptor while a connection is live: closing *any* descriptor of a SQLite
  file drops every POSIX lock the process holds on it, after which another process may delete the WAL under us;
- one writing process per project (``models.project_lock``); others may open it read-only.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from models.entities import ProjectMeta
from models.project_lock import LockBusy, LockHolder, ProjectLock, read_holder

if TYPE_CHECKING:
    from alembic.config import Config

APP_ID = "concord"
# SQLite's header field for the owning application ("CONC"): identifies a Concord file without any table.
APPLICATION_ID = 0x434F4E43
PROJECT_SUFFIX = ".concord"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
PROBE_TIMEOUT_S = 1.0
T = TypeVar("T")


class StoreError(Exception):
    """A project file that cannot be opened as it is (the coding layer words it for users)."""


class NotAProjectError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


class ProjectBusyError(StoreError):
    """Another process writes to the project (``holder`` says who, when Concord knows)."""

    def __init__(self, message: str, holder: LockHolder | None = None) -> None:
        super().__init__(message)
        self.holder = holder


class ReadOnlyLocationError(StoreError):
    """The project cannot be written where it is (read-only file or folder): it can be opened read-only."""


class UpgradeError(StoreError):
    """A schema upgrade failed; the file was left as it was."""


class ServerUnreachableError(StoreError):
    """The database server named by a URL cannot be reached or refused the login; nothing was changed."""


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed coding survives a power cut, not just an app crash (NORMAL in WAL
    # would only guarantee the latter). Each coding edit is one small transaction, so the
    # extra fsync costs far less than the 30 ms edit budget.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


# alembic is imported only where it is used: opening an up-to-date project needs just the revision list.
def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


# The schema revisions in order, oldest first; a test checks this against alembic's script directory.
# Kept as data so opening an up-to-date project never imports alembic.
SCHEMA_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011")


def head_revision() -> str:
    return SCHEMA_REVISIONS[-1]


def known_revisions() -> frozenset[str]:
    return frozenset(SCHEMA_REVISIONS)


def alembic_revisions() -> list[str]:
    """The revisions alembic finds in models/migrations, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` in one transaction: a crash or error at any step leaves the old schema."""
    _run_alembic(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (for tests and tools; the app never downgrades)."""
    _run_alembic(engine, "downgrade", revision)


def _run_alembic(engine: Engine, action: str, revision: str) -> None:
    from alembic import command

    cfg = alembic_config()
    migration_engine = _migration_engine(engine)
    try:
        with migration_engine.begin() as connection:
            cfg.attributes["connection"] = connection
            getattr(command, action)(cfg, revision)
            if migration_engine.dialect.name == "sqlite":
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise UpgradeError(f"the schema change would break {len(broken)} references (first: {broken[0]})")
    finally:
        if migration_engine is not engine:
            migration_engine.dispose()


def _migration_engine(engine: Engine) -> Engine:
    """An engine whose transactions really contain DDL.

    pysqlite opens a transaction only before INSERT/UPDATE/DELETE, so a migration's first CREATE TABLE would
    commit on its own and a crash after it would strand the file between revisions. This engine leaves
    pysqlite in autocommit mode and issues BEGIN IMMEDIATE itself (the SQLAlchemy-documented recipe); foreign
    keys are off for the whole transaction because batch mode rebuilds tables (checked before commit).
    """
    if engine.dialect.name != "sqlite":
        return engine  # PostgreSQL has transactional DDL as it is
    migration_engine = create_engine(engine.url, poolclass=NullPool)

    @event.listens_for(migration_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(migration_engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return migration_engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the file (read directly: alembic's own reader costs an import)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


@dataclass(frozen=True)
class FileIdentity:
    """What a look through SQLite (never through ``open()``) tells about a file."""

    revision: str | None
    application_id: int


def probe_file(path: Path) -> FileIdentity:
    """Refuse anything that is not a Concord project, changing nothing in it.

    Runs before this process has an engine on the file, through a plain SQLite connection that sets no
    pragma (so a foreign database is not switched to WAL) and reads the header through SQLite itself.
    """
    if not path.exists():
        raise StoreError(f"{path}: no such project file")
    if path.is_dir():
        raise NotAProjectError(f"{path}: is a folder, not a Concord project file")
    if not os.access(path, os.R_OK):
        raise StoreError(f"{path}: cannot be read (permission denied)")
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    try:
        connection = sqlite3.connect(_file_uri(path, read_only=not writable), uri=True, timeout=PROBE_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot be opened ({exc})") from exc
    try:
        return _identify(connection, path)
    finally:
        connection.close()


def _identify(connection: sqlite3.Connection, path: Path) -> FileIdentity:
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    if application_id not in (0, APPLICATION_ID) or not {"project_meta", "alembic_version"} <= tables:
        raise NotAProjectError(f"{path}: an SQLite database, but not a Concord project")
    try:
        app = connection.execute("SELECT value FROM project_meta WHERE key='app'").fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise _unreadable(path, exc) from exc
    if application_id == 0 and (app is None or app[0] != APP_ID):
        raise NotAProjectError(f"{path}: an SQLite database, but not a Concord project")
    return FileIdentity(revision[0] if revision else None, application_id)


def _unreadable(path: Path, exc: sqlite3.Error) -> StoreError:
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return StoreError(f"{path}: locked by another program (SQLite says: {exc}); close it there and try again")
    if "not a database" in message:
        return NotAProjectError(f"{path}: not a Concord project (not an SQLite database)")
    if "unable to open" in message or "readonly" in message:
        return StoreError(f"{path}: cannot be opened ({exc})")
    return NotAProjectError(f"{path}: a damaged project file (SQLite says: {exc})")


def _file_uri(path: Path, *, read_only: bool) -> str:
    uri = "file:" + quote(str(path.resolve()))
    if not read_only:
        return uri
    # In a folder nobody can write, no process can be writing: read the file as it stands.
    immutable = not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists()
    return uri + "?mode=ro" + ("&immutable=1" if immutable else "")


def _set_readonly_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_readonly_engine(path: Path) -> Engine:
    """An engine that reads a project another process writes to (SQLite refuses any write)."""
    uri = _file_uri(path, read_only=True)
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False), poolclass=NullPool
    )
    event.listen(engine, "connect", _set_readonly_pragmas)
    return engine


@dataclass
class OpenedStore:
    store: Store
    upgraded_from: str | None = None
    backup_path: Path | None = None
    read_only: bool = False
    holder: LockHolder | None = None  # who writes, when this one was opened read-only
    cleared_stale: LockHolder | None = None  # a crashed holder whose lock was cleared


class Store:
    """An engine plus a session scope whose outermost level commits (nested scopes join it)."""

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        self.engine = engine
        self.read_only = read_only
        self.lock: ProjectLock | None = None
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._local = threading.local()
        self._key: tuple[int, int] | None = None
        count_writing_commits(engine)

    @contextmanager
    def session(self, durable: bool = True) -> Iterator[Session]:
        """A unit of work. ``durable=False`` (bulk imports, which can be redone from their files) relaxes
        SQLite to synchronous=NORMAL for this transaction: still safe against an app crash in WAL mode."""
        current: Session | None = getattr(self._local, "session", None)
        if current is not None:
            yield current
            return
        session = self._sessions()
        self._local.session = session
        relaxed = not durable and not self.read_only and self.engine.dialect.name == "sqlite"
        try:
            if relaxed:
                session.execute(text("PRAGMA synchronous=NORMAL"))
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            if relaxed:
                session.execute(text("PRAGMA synchronous=FULL"))
            self._local.session = None
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()

    def close(self) -> None:
        """Give back this user's share: the last user disposes the engine and releases the project lock."""
        # All under the guard: another thread opening the file meanwhile must find either this store or a
        # released lock, never a registry without the store but with its lock still held.
        with _REGISTRY_GUARD:
            key = self._key
            shared = _REGISTRY.get(key) if key else None
            if key and shared is not None and shared.store is self:
                shared.users -= 1
                if shared.users > 0:
                    return
                del _REGISTRY[key]
            self._key = None
            self.dispose()
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    @classmethod
    def create(cls, path: Path | URL, meta: dict[str, str], *, user: str = "") -> Store:
        """A new project file at ``path`` (which must not exist), held by this process; or, given a server
        URL, a new project in that database (created when the role may, refused when it holds tables)."""
        if isinstance(path, URL):
            from models.server_store import create_server_store

            return create_server_store(cls, path, meta)
        lock = ProjectLock.acquire(path, user or "unknown")
        try:
            engine = make_engine(sqlite_url(path))
            migrate(engine)
            store = cls(engine)
            with store.session() as session:
                session.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
                for key, value in {"app": APP_ID, **meta}.items():
                    session.add(ProjectMeta(key=key, value=value))
        except BaseException:
            lock.release()
            raise
        store.lock = lock
        _register(store, path)
        return store

    @classmethod
    def open(
        cls, path: Path | URL, upgrade: bool = True, *, read_only: bool = False, user: str = ""
    ) -> OpenedStore:
        """Open ``path`` for this process, sharing the engine with any other user of it in this process.

        Writing needs the project lock: ``ProjectBusyError`` names the process that holds it, and
        ``ReadOnlyLocationError`` says the file cannot be written where it is; either way the caller may
        retry with ``read_only=True``. A server URL gets an engine of its own on every open (PostgreSQL is
        multi-user: no lock, no sharing).
        """
        if isinstance(path, URL):
            from models.server_store import open_server_store

            return open_server_store(cls, path, upgrade=upgrade, read_only=read_only)
        with _REGISTRY_GUARD:
            key = _file_key(path)
            shared = _REGISTRY.get(key) if key is not None else None
            if shared is not None:
                return _share(shared, path, read_only)
            opened = _open_new(cls, path, upgrade, read_only, user)
            _register(opened.store, path)
            return opened


def _open_new(cls: type[Store], path: Path, upgrade: bool, read_only: bool, user: str) -> OpenedStore:
    identity = probe_file(path)
    lock = None if read_only else _take_lock(path, user)
    engine = make_readonly_engine(path) if read_only else make_engine(sqlite_url(path))
    try:
        opened = OpenedStore(cls(engine, read_only=read_only), read_only=read_only)
        opened.holder = read_holder(path) if read_only else None
        opened.cleared_stale = lock.cleared_stale if lock else None
        revision = _checked_revision(identity, path)
        if revision != head_revision():
            if read_only or not upgrade:
                raise UpgradeError(
                    f"{path}: made by an older Concord (schema {revision}); open it once for writing to upgrade it"
                )
            opened.backup_path, opened.upgraded_from = _upgrade(engine, path, revision), revision
        if not read_only and identity.application_id != APPLICATION_ID:
            with engine.begin() as connection:  # projects made before the id was set
                connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    except BaseException:
        engine.dispose()
        if lock is not None:
            lock.release()
        raise
    opened.store.lock = lock
    return opened


def _take_lock(path: Path, user: str) -> ProjectLock:
    try:
        return ProjectLock.acquire(path, user or "unknown")
    except LockBusy as busy:
        raise ProjectBusyError(f"{path}: in use by {busy}", busy.holder) from busy
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ReadOnlyLocationError(
            f"{path}: cannot be written where it is ({reason} for {exc.filename or path.parent}); open it read-only"
        ) from exc


def _checked_revision(identity: FileIdentity, path: Path) -> str:
    revision = identity.revision
    if revision is None:
        raise NotAProjectError(f"{path}: a Concord project without a schema version (damaged?)")
    if revision not in known_revisions():
        raise NewerSchemaError(
            f"{path}: made by a newer version of Concord (schema {revision}); "
            f"this version reads schemas up to {head_revision()} — update Concord to open it"
        )
    return revision


def _upgrade(engine: Engine, path: Path, revision: str) -> Path:
    """Back up, then upgrade in one transaction; on failure the file is as it was and the backup is removed."""
    backup = _backup_before_upgrade(path, revision)
    try:
        migrate(engine)
    except (DBAPIError, UpgradeError) as exc:
        backup.unlink(missing_ok=True)
        reason = getattr(exc, "orig", None) or exc
        raise UpgradeError(f"{path}: could not upgrade from schema {revision} ({reason}); the file is unchanged") from exc
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    return backup


# -- retrying a transaction the server aborted ----------------------------------------------------------------
# PostgreSQL's SQLSTATEs for a transaction aborted only because of another one: serialization_failure (40001,
# REPEATABLE READ / SERIALIZABLE) and deadlock_detected (40P01). Running the whole transaction again is the cure.
# SQLite needs none of this: pysqlite begins a transaction at its first write statement, which takes the write
# lock there, and a writer waiting for it is handled by ``busy_timeout`` (BUSY_TIMEOUT_MS) on every connection.
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01"})
RETRY_ATTEMPTS = 5
RETRY_FIRST_DELAY_S = 0.02


def is_transient(exc: BaseException) -> bool:
    """Whether ``exc`` is a database error that running the same transaction again may cure."""
    original = getattr(exc, "orig", None)
    return isinstance(exc, DBAPIError) and getattr(original, "sqlstate", None) in TRANSIENT_SQLSTATES


def retry_transient(
    attempt: Callable[[], T], *, attempts: int = RETRY_ATTEMPTS, first_delay: float = RETRY_FIRST_DELAY_S,
) -> T:
    """``attempt()`` (which must open and commit its own transaction), repeated up to ``attempts`` times while it
    fails with a serialisation failure or deadlock, waiting an exponentially growing, jittered delay between
    tries (so two colliding writers do not collide again in step); any other error, or the last, is raised."""
    for number in range(1, attempts + 1):
        try:
            return attempt()
        except DBAPIError as exc:
            if number == attempts or not is_transient(exc):
                raise
            time.sleep(first_delay * 2 ** (number - 1) * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable: the loop returns or raises")


# -- what this thread has committed --------------------------------------------------------------------------------
# Work made of several transactions (a CLI command) may be run again after a collision only while none of its
# transactions has committed a write; otherwise the re-run would do the saved part twice. A statement counts as a
# write unless it plainly only reads (conservative: DDL, COPY, CALL … count).
_READ_ONLY_STATEMENT = re.compile(r"^\s*(?:SELECT|SHOW|SET|EXPLAIN|VALUES|SAVEPOINT|RELEASE|ROLLBACK)\b", re.I)
_WROTE = "concord_wrote"  # key in a DBAPI connection's ``info``: its open transaction wrote something
_this_thread = threading.local()


def committed_writes() -> int:
    """How many transactions that wrote something this thread has committed on a server project so far."""
    return int(getattr(_this_thread, "writes", 0))


def count_writing_commits(engine: Engine) -> None:
    """Count ``engine``'s writing commits in :func:`committed_writes` (server engines only: SQLite never aborts a
    transaction for a collision, so nothing re-runs work there)."""
    if engine.dialect.name == "sqlite" or event.contains(engine, "commit", _count_commit):
        return
    event.listen(engine, "begin", _forget_writes)
    event.listen(engine, "rollback", _forget_writes)
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _count_commit)


def _forget_writes(connection: Connection) -> None:
    connection.info.pop(_WROTE, None)


def _note_write(connection: Connection, _cursor: object, statement: str, _parameters: object, _context: object,
                _executemany: bool) -> None:
    if not _READ_ONLY_STATEMENT.match(statement):
        connection.info[_WROTE] = True


def _count_commit(connection: Connection) -> None:
    if connection.info.pop(_WROTE, False):
        _this_thread.writes = committed_writes() + 1


# -- one engine per project file per process ---------------------------------------------------------------
@dataclass
class _Shared:
    store: Store
    opened: OpenedStore
    users: int = 1


_REGISTRY: dict[tuple[int, int], _Shared] = {}
_REGISTRY_GUARD = threading.RLock()


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def _register(store: Store, path: Path) -> None:
    key = _file_key(path)
    if key is None:
        return
    with _REGISTRY_GUARD:
        store._key = key
        _REGISTRY[key] = _Shared(store, OpenedStore(store, read_only=store.read_only))


def _share(shared: _Shared, path: Path, read_only: bool) -> OpenedStore:
    """Another user in this process: the same engine. A process that holds a project read-only keeps it so
    (a writer elsewhere holds the lock); its writes are refused with the holder's name."""
    shared.users += 1
    if shared.store.read_only:
        return OpenedStore(shared.store, read_only=True, holder=read_holder(path))
    return OpenedStore(shared.store, read_only=read_only)


def open_store_count() -> int:
    """How many project files this process has open (for tests and diagnostics)."""
    with _REGISTRY_GUARD:
        return len(_REGISTRY)


def _backup_before_upgrade(path: Path, revision: str | None) -> Path:
    """Copy the project beside itself with SQLite's online backup (WAL contents included).

    Written under a hidden name and renamed when complete, so a crash mid-copy never leaves a backup that
    looks whole but is not; a partial copy left by a killed process is replaced by the next attempt.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{path.suffix}")
    partial = path.with_name(f".{path.stem}.backup-{revision}.partial{path.suffix}")
    for leftover in (partial, Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    source = sqlite3.connect(path)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    os.replace(partial, backup)
    return backup


def copy_project(source_path: Path, target_path: Path) -> None:
    """A consistent copy of a live project file ("Save a copy"); nothing is left behind on failure."""
    if target_path.exists():
        raise StoreError(f"{target_path}: already exists")
    if not target_path.parent.is_dir():
        raise StoreError(f"{target_path}: folder {target_path.parent} does not exist")
    try:
        source = sqlite3.connect(source_path)
        try:
            target = sqlite3.connect(target_path)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:
        target_path.unlink(missing_ok=True)
        raise StoreError(f"{target_path}: cannot write the copy ({exc})") from exc


__all__ = [
    "APPLICATION_ID",
    "PROJECT_SUFFIX",
    "NewerSchemaError",
    "NotAProjectError",
    "OpenedStore",
    "ProjectBusyError",
    "ReadOnlyLocationError",
    "ServerUnreachableError",
    "Store",
    "StoreError",
    "UpgradeError",
    "committed_writes",
    "copy_project",
    "current_revision",
    "downgrade",
    "head_revision",
    "make_engine",
    "make_readonly_engine",
    "migrate",
    "open_store_count",
    "probe_file",
    "retry_transient",
]
