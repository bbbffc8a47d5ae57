"""A Concord project: one ``.concord`` SQLite file, or a PostgreSQL database named by a URL, opened through the
store, with project facts.

Every operation in ``coding/`` takes a SQLAlchemy session (``project.session()``) and plain values. Wherever a
project path is taken, a database URL (``postgresql+psycopg://user@host:5432/study``) is too (docs/postgres.md);
``project.location`` is what to show for either — a URL with its password masked.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import URL, func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from coding.errors import (
    ConcordError,
    DatabaseError,
    ProjectFileError,
    ProjectInUseError,
    ReadOnlyLocationError,
    ReadOnlyProjectError,
)
from coding.live import change_mark, publish_commits
from coding.versions import unnamed_stale_error
from models import Case, Coder, Coding, Document, ProjectMeta
from models.project_lock import LockHolder
from models.store import PROJECT_SUFFIX, ProjectBusyError, Store, StoreError, copy_project
from models.store import ReadOnlyLocationError as StoreReadOnlyLocation
from models.server_store import hide_passwords, is_database_url, masked, server_url, without_password
from coding.i18n import translate

ProjectLocation = str | Path | URL  # a project file's path, or a database URL (as text or parsed)

__version__ = "0.1.0"


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


class Project:
    """An open project file. Use as a context manager or call :meth:`close`."""

    def __init__(self, store: Store, path: Path | None, url: URL | None = None) -> None:
        self.store = store
        self.path = path  # None for a project on a database server (see ``url``)
        self.url = url  # the server database, password included: never show it, show ``location``
        self.actor = default_actor()
        self.upgraded_from: str | None = None
        self.backup_path: Path | None = None
        self.read_only = store.read_only
        self.holder: LockHolder | None = None  # who writes, when this one is read-only
        self.cleared_stale: LockHolder | None = None  # a crashed holder whose lock was cleared on open
        self.role: str | None = None  # on a server: lead, coder or viewer (coding/team/roles.py); None for a file
        self._closed = False
        # On a server: which transactions had finished when it was opened, before anything was read from it, so
        # live refresh can tell whether a change came before it listened (coding/live.py).
        self.change_mark: str | None = None
        if url is not None:  # each commit tells the other open apps what changed (coding/live.py)
            publish_commits(store.engine, lambda: self.actor)
            self.change_mark = change_mark(store.engine)

    # -- where it is ------------------------------------------------------------------------
    @property
    def location(self) -> str:
        """Where the project is, for people: the file's path, or the server URL with its password masked."""
        if self.url is not None:
            return masked(self.url)
        return str(self.path) if self.path is not None else "(no file)"

    @property
    def on_server(self) -> bool:
        return self.url is not None

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: ProjectLocation, name: str | None = None, with_codebook: bool = True) -> Project:
        """Create a new project (a file, or a database on a server) with the built-in Preker-Harding codebook."""
        location = project_location(path)
        if isinstance(location, URL):
            return cls(_create_on_server(location, name), None, location)._fill_new(with_codebook)
        path = new_project_path(location, translate("project", "choose another name or open it"))
        meta = {
            "name": name or path.stem,
            "created_at": datetime.now(UTC).isoformat(),
            "created_by_version": __version__,
        }
        try:
            store = Store.create(path, meta, user=default_actor())
        except (OSError, DBAPIError, StoreError) as exc:
            remove_project_files(path)
            raise ProjectFileError(translate(
                "errors", "{path}: cannot create the project ({value})").format(path=path, value=_reason(exc))) from exc
        except BaseException:
            remove_project_files(path)
            raise
        return cls(store, path)._fill_new(with_codebook)

    def _fill_new(self, with_codebook: bool) -> Project:
        if with_codebook:
            from coding.codebook import load_builtin_codebook

            with self.session() as session:
                load_builtin_codebook(session, actor=self.actor)
        from coding.quick_slots import freeze_slots

        with self.session() as session:
            freeze_slots(session)  # keys 1-9 on the first leaf codes; codes added later take free keys
        return self

    @classmethod
    def open(cls, path: ProjectLocation, *, read_only: bool = False) -> Project:
        """Open a project for writing (taking the project lock) or, with ``read_only``, for reading only.

        ``ProjectInUseError`` names the process that writes to it and ``ReadOnlyLocationError`` says it
        cannot be written where it is; both mean it can be opened with ``read_only=True``. A server database
        is never "in use": PostgreSQL is multi-user.
        """
        location = project_location(path)
        if isinstance(location, URL):
            return cls._open_on_server(location, read_only)
        path = location
        try:
            opened = Store.open(path, read_only=read_only, user=default_actor())
        except ProjectBusyError as exc:
            raise ProjectInUseError(translate("errors", "{exc}; it can be opened read-only").format(exc=exc), exc.holder) from exc
        except StoreReadOnlyLocation as exc:
            raise ReadOnlyLocationError(str(exc)) from exc
        except StoreError as exc:
            raise ProjectFileError(str(exc)) from exc
        except DBAPIError as exc:
            raise database_error(exc, path) or ProjectFileError(f"{path}: cannot be opened ({exc.orig})") from exc
        project = cls(opened.store, path)
        project.read_only = opened.read_only or read_only
        project.upgraded_from = opened.upgraded_from
        project.backup_path = opened.backup_path
        project.holder = opened.holder
        project.cleared_stale = opened.cleared_stale
        return project

    @classmethod
    def _open_on_server(cls, url: URL, read_only: bool) -> Project:
        try:
            opened = Store.open(url, read_only=read_only)
        except StoreError as exc:
            raise ProjectFileError(str(exc)) from exc
        except DBAPIError as exc:
            raise database_error(exc, masked(url)) or ProjectFileError(
                f"{masked(url)}: cannot be opened ({_reason(exc)})"
            ) from exc
        project = cls(opened.store, None, url)
        project.read_only = read_only
        project.upgraded_from = opened.upgraded_from
        from coding.team.roles import after_server_open

        after_server_open(project)  # the login's role (a viewer only reads); policies again after an upgrade
        return project

    @classmethod
    def open_for_reading(cls, path: ProjectLocation) -> Project:
        """Open for writing when nobody else is; read-only when another process writes or the place is read-only."""
        try:
            return cls.open(path)
        except (ProjectInUseError, ReadOnlyLocationError):
            return cls.open(path, read_only=True)

    def announce_coder(self, coder: str) -> None:
        """Name the coder working here in the project lock, so a refused second process can say who."""
        if self.store.lock is not None:
            self.store.lock.set_coder(coder)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def session(self, durable: bool = True) -> Iterator[Session]:
        """A unit of work: commits when the outermost scope ends, rolls back on error.

        ``durable=False`` is for bulk writes that can be redone (imports): see ``Store.session``. A database
        that refuses the step (locked, disk full, read-only, damaged) raises a one-line ``ConcordError``.
        """
        try:
            with self.store.session(durable) as session:
                yield session
                if self.read_only and (session.new or session.dirty or session.deleted):
                    raise ReadOnlyProjectError(self._read_only_message())
        except StaleDataError as exc:  # a versioned row changed under this transaction (coding/versions.py)
            raise unnamed_stale_error() from exc
        except DBAPIError as exc:
            from coding.team.roles import is_refusal, refusal

            if self.url is not None and is_refusal(exc):  # a GRANT or row-level policy said no
                raise refusal(exc, f"{self.location}: ", self.role, self.url.username) from exc
            translated = database_error(
                exc, self.location, read_only=self._read_only_message() if self.read_only else ""
            )
            if translated is None:
                raise  # anything else is a bug and keeps its traceback
            raise translated from exc

    def _read_only_message(self) -> str:
        if self.role == "viewer" and self.url is not None:
            return translate("project", "{location}: '{login}' is a viewer on this server and may only read; nothing "
                             "was saved").format(location=self.location, login=self.url.username)
        why = (translate("project", "in use by {holder}").format(holder=self.holder.describe()) if self.holder
               else translate("project", "opened read-only"))
        return translate("project", "{location}: {why}; nothing was saved — close it there (or open it for writing) "
                         "and try again").format(location=self.location, why=why)

    def save_copy(self, target: str | Path) -> Path:
        if self.url is not None:
            raise ProjectFileError(
                translate(
                    "errors", "{location}: a project on a database server is not copied file by file; take a "
                    "snapshot with `concord team pull URL OUT.concord` instead").format(location=self.location)
            )
        if self.path is None:
            raise ProjectFileError(translate("errors", "this project has no file to copy"))
        target = Path(target)
        try:
            copy_project(self.path, target)
        except StoreError as exc:
            raise ProjectFileError(str(exc)) from exc
        return target

    # -- facts -----------------------------------------------------------------------------
    @property
    def name(self) -> str:
        with self.session() as session:
            value = session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == "name"))
        if value:
            return value
        if self.url is not None:
            return str(self.url.database)
        return self.path.stem if self.path else ""


def with_project_suffix(path: str | Path) -> Path:
    """``path`` ending in ``.concord``: the suffix is added when missing (``study`` -> ``study.concord``)."""
    path = Path(path)
    return path if path.suffix == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)


def new_project_path(path: str | Path, advice: str | None = None) -> Path:
    """Where a new project file goes (``.concord`` added when missing); refused when the file is taken (a new
    project never replaces one) or its folder does not exist. The one rule for the CLI, the GUI and imports.
    ``advice`` (in the interface language) follows "already exists"; by default "choose another name"."""
    path = with_project_suffix(path)
    if path.exists():
        raise ProjectFileError(translate(
            "errors", "{path}: already exists; {advice}").format(
            path=path, advice=advice or translate("project", "choose another name")))
    if not path.parent.is_dir():
        raise ProjectFileError(translate(
            "errors", "{path}: folder {parent} does not exist").format(path=path, parent=path.parent))
    return path


def remove_project_files(path: Path) -> None:
    """Delete a project file with its WAL and shared-memory companions, ignoring what is not there."""
    for suffix in ("", "-wal", "-shm"):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def parse_server_url(location: str | URL) -> URL:
    """A checked database URL (psycopg 3); a malformed one or another driver is a one-line ``ProjectFileError``."""
    try:
        return server_url(location)
    except StoreError as exc:
        raise ProjectFileError(str(exc)) from None


def project_location(text: str | Path | URL) -> Path | URL:
    """A project argument as typed: a database URL (parsed and checked) or a file path."""
    if isinstance(text, Path):
        return text
    if is_database_url(text):
        return parse_server_url(text)
    return Path(str(text))


def location_text(location: Path | URL) -> str:
    """A location as text that opens it again (a URL keeps its password): for handing on, never for showing."""
    return location.render_as_string(hide_password=False) if isinstance(location, URL) else str(location)


def _create_on_server(url: URL, name: str | None) -> Store:
    meta = {
        "name": name or str(url.database),
        "created_at": datetime.now(UTC).isoformat(),
        "created_by_version": __version__,
    }
    try:
        return Store.create(url, meta, user=default_actor())
    except StoreError as exc:
        raise ProjectFileError(str(exc)) from exc
    except DBAPIError as exc:
        raise ProjectFileError(translate(
            "errors", "{value}: cannot create the project ({value2})").format(value=masked(url), value2=_reason(exc))) from exc


def database_error(exc: DBAPIError, path: Path | str | None, read_only: str = "") -> ConcordError | None:
    """The one-line error for a database that refused a step, or None for anything that is a bug."""
    message = str(exc.orig).lower()
    where = f"{path}: " if path else ""
    if isinstance(exc, OperationalError) and _connection_lost(message):
        return DatabaseError(where + translate(
            "project", "the connection to the database server was lost; this step was not saved"))
    if "read-only in this coder copy" in message:  # the copy's own guard (coding/team/copies.py)
        return ReadOnlyProjectError(where + translate("project", "{problem}; nothing was saved").format(
            problem=exc.orig))
    if getattr(exc.orig, "sqlstate", None) == "42501":  # a role's GRANTs or row-level policies refused it
        from coding.team.roles import refusal

        return refusal(exc, where, None, None)
    if "readonly" in message or "read-only" in message:
        return ReadOnlyProjectError(read_only) if read_only else DatabaseError(
            where + translate("project", "the file cannot be written (read-only file, folder or disk); this step was "
                              "not saved"))
    if "locked" in message or "busy" in message:
        return DatabaseError(where + translate(
            "project", "locked by another program; this step was not saved — try again in a moment"))
    if "disk is full" in message or "database or disk is full" in message:
        return DatabaseError(where + translate(
            "project", "the disk is full; this step was not saved — free some space and try again"))
    if "malformed" in message or "not a database" in message:
        return DatabaseError(where + translate(
            "project", "the project file is damaged ({problem}); run `concord check` or restore a backup").format(
            problem=exc.orig))
    if "disk i/o error" in message or "unable to open database file" in message:
        return DatabaseError(where + translate(
            "project", "the disk refused the step ({problem}); this step was not saved").format(problem=exc.orig))
    return None


def _connection_lost(message: str) -> bool:
    return any(sign in message for sign in (
        "server closed the connection", "connection refused", "terminating connection", "connection is closed",
        "consuming input failed", "the connection is lost",
    ))


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    return str(getattr(original, "strerror", None) or original)


def project_info(session: Session) -> dict[str, object]:
    """Counts for ``concord info``; the unit counts come from per-document totals, not table scans."""
    doc_totals = session.execute(
        select(
            func.count(Document.id),
            func.coalesce(func.sum(Document.turn_count), 0),
            func.coalesce(func.sum(Document.sentence_count), 0),
            func.coalesce(func.sum(Document.word_count), 0),
            func.coalesce(func.sum(Document.char_count), 0),
        )
    ).one()
    languages = dict(session.execute(select(Document.language, func.count()).group_by(Document.language)).all())
    from coding.codebook import code_levels

    levels = code_levels(session)
    per_level: dict[int, int] = {}
    for level in levels.values():
        per_level[level] = per_level.get(level, 0) + 1
    coders = session.execute(select(Coder.name, Coder.id).order_by(Coder.name)).all()
    per_coder = dict(session.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all())
    meta = dict(session.execute(select(ProjectMeta.key, ProjectMeta.value)).all())
    return {
        "name": meta.get("name", ""),
        "created_at": meta.get("created_at", ""),
        "documents": doc_totals[0],
        "languages": languages,
        "turns": doc_totals[1],
        "sentences": doc_totals[2],
        "words": doc_totals[3],
        "characters": doc_totals[4],
        "codes": len(levels),
        "codes_per_level": {str(k): v for k, v in sorted(per_level.items())},
        "coders": len(coders),
        "codings": sum(per_coder.values()),
        "codings_per_coder": {name: per_coder.get(cid, 0) for name, cid in coders},
        "cases": session.scalar(select(func.count(Case.id))),
    }


__all__ = [
    "Project",
    "ProjectLocation",
    "database_error",
    "default_actor",
    "hide_passwords",
    "location_text",
    "parse_server_url",
    "project_location",
    "new_project_path",
    "project_info",
    "remove_project_files",
    "with_project_suffix",
    "without_password",
]
