"""A Concord project in a PostgreSQL database: the server meaning of what ``models.store`` does to a file.

- No project lock: PostgreSQL is multi-user, so every open gets an engine of its own and writes go side by side.
- Identity: a Concord database holds ``project_meta`` (``app = concord``) and ``alembic_version`` (the file
  header's ``PRAGMA application_id`` has no server counterpart).
- No pragmas: durability and locking are the server's.
- Upgrades: PostgreSQL DDL is transactional, so a schema upgrade runs in one transaction and either completes or
  leaves the database as it was; no backup copy is written beside it (there is no file to copy).
- Read-only opens set ``default_transaction_read_only``: the server itself refuses any write.

Passwords never leave this module in a message: every text names the database by ``masked(url)``. A URL without a
password lets libpq take it from ``PGPASSWORD`` or ``~/.pgpass``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from models.entities import ProjectMeta
from models.store import (
    APP_ID,
    NewerSchemaError,
    NotAProjectError,
    OpenedStore,
    ServerUnreachableError,
    StoreError,
    UpgradeError,
    downgrade,
    head_revision,
    known_revisions,
    migrate,
)

if TYPE_CHECKING:
    from models.store import Store

DRIVER = "postgresql+psycopg"
# Spellings of the one supported driver: plain ``postgresql://`` (libpq's own form) means psycopg 3 here.
POSTGRES_SPELLINGS = frozenset({"postgresql", "postgres", "postgresql+psycopg"})
CONNECT_TIMEOUT_S = 10
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_database_url(location: object) -> bool:
    """Whether a project location names a database server (a URL) rather than a project file."""
    return isinstance(location, URL) or (isinstance(location, str) and _SCHEME.match(location) is not None)


def masked(url: URL) -> str:
    """The URL as shown to people and written to logs: the password replaced by ``***``."""
    return url.render_as_string(hide_password=True)


def without_password(url: URL) -> URL:
    """The URL with no password at all (``URL.set(password=None)`` would keep it): libpq then reads
    ``PGPASSWORD`` or ``~/.pgpass``."""
    return URL.create(url.drivername, url.username, None, url.host, url.port, url.database, url.query)


_PASSWORD_IN_URL = re.compile(r"(\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]*:)[^\s'\"()]*@")


def hide_passwords(message: str) -> str:
    """``message`` with the password of any URL in it replaced by ``***`` (for text Concord did not write,
    such as click's usage errors, which echo the arguments)."""
    return _PASSWORD_IN_URL.sub(r"\1***@", message)


def server_url(location: str | URL) -> URL:
    """A checked psycopg 3 URL: ``postgresql://`` and ``postgres://`` normalised, other drivers refused."""
    url = location if isinstance(location, URL) else _parse(location)
    if url.drivername not in POSTGRES_SPELLINGS:
        raise StoreError(
            f"{masked(url)}: unknown database driver '{url.drivername}'; Concord works with "
            f"{DRIVER}://user@host:port/database (or a .concord project file)"
        )
    url = url.set(drivername=DRIVER)
    if not url.database:
        raise StoreError(f"{masked(url)}: the URL names no database (add /DATABASE at its end)")
    return url


def _parse(location: str) -> URL:
    try:
        return make_url(location)
    except (ArgumentError, ValueError):
        scheme = location.split("://", 1)[0]
        # Not echoed whole: a malformed URL may still carry a password.
        raise StoreError(
            f"a malformed database URL (starting {scheme}://); expected {DRIVER}://user@host:port/database"
        ) from None


def make_server_engine(url: URL, *, read_only: bool = False, **options: Any) -> Engine:
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "concord"}
    if read_only:
        connect_args["options"] = "-c default_transaction_read_only=on"
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True, **options)


def unreachable(url: URL, exc: DBAPIError) -> StoreError:
    """One line for a connection the server (or the network) refused; the password never appears."""
    reason = _last_line(exc, url)
    lowered = reason.lower()
    where = masked(url)
    if "password authentication failed" in lowered:
        return ServerUnreachableError(f"{where}: the server refused the password for user '{url.username}'")
    if "no password supplied" in lowered:
        return ServerUnreachableError(
            f"{where}: the server asks for a password; put it in the URL, in PGPASSWORD or in ~/.pgpass"
        )
    if "does not exist" in lowered and "database" in lowered:
        return ServerUnreachableError(
            f"{where}: no database '{url.database}' on the server; create a project there with `concord new URL`"
        )
    if "role" in lowered and "does not exist" in lowered:
        return ServerUnreachableError(f"{where}: the server has no user '{url.username}'")
    return ServerUnreachableError(
        f"{where}: cannot reach the database server at {url.host or 'localhost'}:{url.port or 5432} ({reason}); "
        "is it running?"
    )


def _last_line(exc: DBAPIError, url: URL) -> str:
    lines = [line.strip() for line in str(exc.orig).strip().splitlines() if line.strip()]
    # libpq: 'connection failed: connection to server at "h", port p failed: <why>', then a hint line.
    reason = lines[0].rsplit(" failed: ", 1)[-1] if lines else type(exc.orig).__name__
    if url.password:
        reason = reason.replace(str(url.password), "***")
    return reason.removeprefix("FATAL:").strip()


# -- identity ----------------------------------------------------------------------------------------------
def server_revision(connection: Connection, url: URL) -> str:
    """The schema revision of a Concord database; anything else is refused without a change."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        raise NotAProjectError(
            f"{masked(url)}: an empty database, not a Concord project; create one there with `concord new URL`"
        )
    if not {"project_meta", "alembic_version"} <= tables:
        raise NotAProjectError(f"{masked(url)}: a PostgreSQL database, but not a Concord project")
    app = connection.execute(text("SELECT value FROM project_meta WHERE key = 'app'")).scalar()
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if app != APP_ID:
        raise NotAProjectError(f"{masked(url)}: a PostgreSQL database, but not a Concord project")
    if revision is None:
        raise NotAProjectError(f"{masked(url)}: a Concord project without a schema version (damaged?)")
    if revision not in known_revisions():
        raise NewerSchemaError(
            f"{masked(url)}: made by a newer version of Concord (schema {revision}); "
            f"this version reads schemas up to {head_revision()} — update Concord to open it"
        )
    return str(revision)


def user_tables(connection: Connection) -> list[str]:
    """Tables in any schema a user made (not the server's catalogues)."""
    rows = connection.execute(text(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
    ))
    return [str(row[0]) for row in rows]


# -- open --------------------------------------------------------------------------------------------------
def open_server_store(cls: type[Store], url: URL, *, upgrade: bool, read_only: bool) -> OpenedStore:
    url = server_url(url)
    engine = make_server_engine(url, read_only=read_only)
    try:
        with engine.connect() as connection:
            revision = server_revision(connection, url)
        opened = OpenedStore(cls(engine, read_only=read_only), read_only=read_only)
        if revision != head_revision():
            if read_only or not upgrade:
                raise UpgradeError(
                    f"{masked(url)}: made by an older Concord (schema {revision}); open it once for writing to "
                    "upgrade it"
                )
            _upgrade(engine, url, revision)
            opened.upgraded_from = revision  # no backup_path: the upgrade is one transaction, nothing to copy
    except OperationalError as exc:
        engine.dispose()
        raise unreachable(url, exc) from exc
    except BaseException:
        engine.dispose()
        raise
    return opened


def _upgrade(engine: Engine, url: URL, revision: str) -> None:
    try:
        migrate(engine)  # one transaction: PostgreSQL rolls the DDL back with the rest on any error
    except (DBAPIError, UpgradeError) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise UpgradeError(
            f"{masked(url)}: could not upgrade from schema {revision} ({reason}); the database is unchanged"
        ) from exc


# -- create ------------------------------------------------------------------------------------------------
def create_server_store(cls: type[Store], url: URL, meta: dict[str, str]) -> Store:
    """A new project in the database ``url`` names: created when missing and the role may, else refused."""
    url = server_url(url)
    created = _ensure_database(url)
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            _refuse_tables(connection, url)
        migrate(engine)
        store = cls(engine)
        with store.session() as session:
            session.add_all(ProjectMeta(key=key, value=value) for key, value in {"app": APP_ID, **meta}.items())
    except BaseException as exc:
        _undo_create(engine, url, created, tables_ours=not isinstance(exc, StoreError))
        if isinstance(exc, OperationalError):
            raise unreachable(url, exc) from exc
        raise
    return store


def _refuse_tables(connection: Connection, url: URL) -> None:
    tables = user_tables(connection)
    if not tables:
        return
    if {"public.project_meta", "public.alembic_version"} <= set(tables):
        raise StoreError(f"{masked(url)}: already holds a Concord project; open it instead of creating one")
    raise StoreError(
        f"{masked(url)}: the database already holds {len(tables)} table(s) (first: {tables[0]}); "
        "a new project needs an empty database"
    )


def _ensure_database(url: URL) -> bool:
    """Create the database through the server's ``postgres`` database when it is missing; True if made here."""
    probe = make_server_engine(url, poolclass=NullPool)
    try:
        with probe.connect():
            return False
    except OperationalError as exc:
        if "does not exist" not in str(exc.orig) or "database" not in str(exc.orig):
            raise unreachable(url, exc) from exc
    finally:
        probe.dispose()
    admin = make_server_engine(url.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            allowed = connection.execute(
                text("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")
            ).scalar()
            if not allowed:
                raise StoreError(
                    f"{masked(url)}: no database '{url.database}' on the server, and user '{url.username}' may "
                    "not create one; ask the server's administrator to create it (owned by this user)"
                )
            quoted = admin.dialect.identifier_preparer.quote(str(url.database))
            connection.execute(text(f"CREATE DATABASE {quoted}"))
    except OperationalError as exc:
        raise unreachable(url, exc) from exc
    finally:
        admin.dispose()
    return True


def _undo_create(engine: Engine, url: URL, created: bool, *, tables_ours: bool) -> None:
    """Leave the server as it was: drop a database made here, or the schema a failed create left behind."""
    try:
        if not created and tables_ours:
            downgrade(engine, "base")
    except DBAPIError:
        pass  # the migration itself rolled back: nothing was left
    finally:
        engine.dispose()
    if created:
        _drop_database(url)


def _drop_database(url: URL) -> None:
    admin = make_server_engine(url.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            quoted = admin.dialect.identifier_preparer.quote(str(url.database))
            connection.execute(text(f"DROP DATABASE IF EXISTS {quoted}"))
    except DBAPIError:
        pass  # reported by the caller's own error; a leftover empty database is harmless
    finally:
        admin.dispose()


__all__ = [
    "DRIVER",
    "create_server_store",
    "hide_passwords",
    "is_database_url",
    "make_server_engine",
    "masked",
    "open_server_store",
    "server_url",
    "unreachable",
    "without_password",
]
