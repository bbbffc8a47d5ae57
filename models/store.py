"""Engine, sessions and schema versions of a Concord project file.

One SQLite file per project (``.concord``). The engine comes from a URL, so a server database can
back a team project later without model changes; the SQLite specifics live only in the
``connect`` hook and in the file checks below.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from models.entities import ProjectMeta

if TYPE_CHECKING:
    from alembic.config import Config

APP_ID = "concord"
PROJECT_SUFFIX = ".concord"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A project file that cannot be opened as it is (the coding layer words it for users)."""


class NotAProjectError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass


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
SCHEMA_REVISIONS = ("0001", "0002", "0003")


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
    """Upgrade the schema; foreign keys are off while tables are rebuilt (SQLite batch mode)."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
        connection.commit()
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the file (read directly: alembic's own reader costs an import)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not a SQLite file before SQLAlchemy touches it."""
    if not path.exists():
        raise StoreError(f"{path}: no such project file")
    if path.is_dir():
        raise NotAProjectError(f"{path}: is a folder, not a Concord project file")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotAProjectError(f"{path}: not a Concord project (not an SQLite database)")


@dataclass
class OpenedStore:
    store: Store
    upgraded_from: str | None = None
    backup_path: Path | None = None


class Store:
    """An engine plus a session scope whose outermost level commits (nested scopes join it)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._local = threading.local()

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
        relaxed = not durable and self.engine.dialect.name == "sqlite"
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

    @classmethod
    def create(cls, path: Path, meta: dict[str, str]) -> Store:
        engine = make_engine(sqlite_url(path))
        migrate(engine)
        store = cls(engine)
        with store.session() as session:
            for key, value in {"app": APP_ID, **meta}.items():
                session.add(ProjectMeta(key=key, value=value))
        return store

    @classmethod
    def open(cls, path: Path, upgrade: bool = True) -> OpenedStore:
        check_sqlite_file(path)
        engine = make_engine(sqlite_url(path))
        try:
            _check_is_concord(engine, path)
            revision = current_revision(engine)
            if revision is None:
                raise NotAProjectError(f"{path}: a Concord project without a schema version (damaged?)")
            if revision not in known_revisions():
                raise NewerSchemaError(
                    f"{path}: made by a newer version of Concord (schema {revision}); "
                    f"this version reads schemas up to {head_revision()} — update Concord to open it"
                )
            opened = OpenedStore(cls(engine))
            if revision != head_revision() and upgrade:
                opened.backup_path = _backup_before_upgrade(engine, path, revision)
                migrate(engine)
                opened.upgraded_from = revision
            return opened
        except BaseException:
            engine.dispose()
            raise


def _check_is_concord(engine: Engine, path: Path) -> None:
    try:
        tables = set(inspect(engine).get_table_names())
    except Exception as exc:  # a damaged or encrypted file
        raise NotAProjectError(f"{path}: not a readable Concord project ({exc.__class__.__name__})") from exc
    if "project_meta" not in tables or "alembic_version" not in tables:
        raise NotAProjectError(f"{path}: an SQLite database, but not a Concord project")
    with Session(engine) as session:
        app = session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == "app"))
    if app != APP_ID:
        raise NotAProjectError(f"{path}: an SQLite database, but not a Concord project")


def _backup_before_upgrade(engine: Engine, path: Path, revision: str | None) -> Path:
    """Copy the project beside itself with SQLite's online backup, so WAL contents are included."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    target = sqlite3.connect(backup)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
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
    "PROJECT_SUFFIX",
    "NewerSchemaError",
    "NotAProjectError",
    "OpenedStore",
    "Store",
    "StoreError",
    "copy_project",
    "current_revision",
    "head_revision",
    "make_engine",
    "migrate",
]
