"""Automatic backups of a project file: consistent copies in a folder beside it, rotated, listed and restored.

``study.concord`` keeps its backups in ``study.concord-backups/``, one file per backup named with the time
(UTC) and the reason: ``study.2025-01-31T14-05-09.123Z.open.concord``, each with a small JSON sidecar
(``….concord.json``) holding what the list shows (counts, schema) and the project's file fingerprint.

* **Copying.** SQLite's online backup API copies the live database page by page in one read transaction:
  a consistent snapshot, including what still sits in the WAL, while other connections keep writing (WAL
  readers block no writer). It is twice as fast as ``VACUUM INTO`` (850 MB: 2.0 s against 4.5 s) and
  copies a damaged file as it is, which the "before-repair" backup needs; the copy is switched to a
  rollback journal so it is one self-contained file. It is written under a hidden temporary name,
  fsynced and renamed, so a crash never leaves a half backup in the list. The project file itself is
  only ever touched through SQLite connections (closing any other descriptor of it would drop SQLite's
  POSIX locks).
* **Skipping.** "open" and "auto" backups are skipped when nothing changed since the newest backup. A
  change is detected from ``os.stat`` of the database and its WAL (inode, size, mtime in ns, and the
  database's ctime, which no tool can set back): every commit writes the WAL and every checkpoint the
  database. An empty or missing WAL holds nothing, so it counts as absent. The test can only err towards
  an extra backup (a checkpoint with no new data), never towards a missed change.
* **Rotation.** Keep the newest ``keep_last`` backups and the newest backup of each of the last
  ``keep_days`` days (local dates); delete the rest with their sidecars.
* **Restoring** checks the backup first (a readable Concord project of a known schema, ``quick_check``
  ok), prepares a copy (upgraded to the current schema when older), backs up the current state as
  "before-restore", then copies it into the live file with the online backup API, so every other
  connection sees either the old or the restored database, never a mix.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

from coding.errors import ConcordError, ProjectFileError
from models.store import known_revisions
from coding.i18n import translate

FOLDER_SUFFIX = "-backups"
SIDECAR_SUFFIX = ".json"
REASONS = ("open", "auto", "manual", "before-restore", "before-repair")
SKIPPABLE_REASONS = frozenset({"open", "auto"})  # the others are asked for and always written
DEFAULT_KEEP_LAST = 10
DEFAULT_KEEP_DAYS = 14
BUSY_TIMEOUT_S = 5.0
STEP_PAGES = 4096  # pages copied between flushes (16 MB at SQLite's default page size)
_STAMP_FORMAT = "%Y-%m-%dT%H-%M-%S"
_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2})\.(?P<ms>\d{3})Z\.(?P<reason>[a-z-]+)\.concord$"
)


class BackupError(ConcordError):
    """A backup that cannot be written, read or restored; the project is unchanged."""


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups to keep: the newest ``keep_last``, and one per day for the last ``keep_days`` days."""

    keep_last: int = DEFAULT_KEEP_LAST
    keep_days: int = DEFAULT_KEEP_DAYS

    def __post_init__(self) -> None:
        if self.keep_last < 1:
            raise BackupError(translate(
                "errors", "keep at least the newest backup (keep_last {keep_last})").format(keep_last=self.keep_last))
        if self.keep_days < 0:
            raise BackupError(translate(
                "errors", "keep_days cannot be negative ({keep_days})").format(keep_days=self.keep_days))


@dataclass(frozen=True)
class Backup:
    """One backup file and what it holds (counts are None when the file could not be read)."""

    path: Path
    created_at: datetime  # UTC
    reason: str
    size: int
    documents: int | None = None
    codings: int | None = None
    revision: str | None = None
    fingerprint: list[Any] | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.path.name

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.path.name, "path": str(self.path), "created_at": self.created_at.isoformat(),
            "reason": self.reason, "bytes": self.size, "documents": self.documents, "codings": self.codings,
            "schema": self.revision,
        }


@dataclass(frozen=True)
class BackupResult:
    """What ``make_backup`` did: the new backup, or ``skipped`` (nothing changed since ``newest``)."""

    backup: Backup | None
    skipped: bool = False
    newest: Backup | None = None
    removed: tuple[Path, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "backup": self.backup.to_dict() if self.backup else None, "skipped": self.skipped,
            "newest": self.newest.to_dict() if self.newest else None, "removed": [p.name for p in self.removed],
        }


@dataclass(frozen=True)
class RestoreResult:
    restored: Backup
    safety: Backup  # the state just before the restore
    upgraded_from: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"restored": self.restored.to_dict(), "before_restore": self.safety.to_dict(),
                "upgraded_from": self.upgraded_from}


# -- places and names ---------------------------------------------------------------------------------------
def backup_folder(project_path: str | Path) -> Path:
    project_path = Path(project_path)
    return project_path.with_name(project_path.name + FOLDER_SUFFIX)


def _backup_name(stem: str, when: datetime, reason: str) -> str:
    when = when.astimezone(UTC)
    return f"{stem}.{when.strftime(_STAMP_FORMAT)}.{when.microsecond // 1000:03d}Z.{reason}.concord"


def _parse_name(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    when = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
    return when + timedelta(milliseconds=int(match["ms"])), match["reason"]


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _uri(path: Path, mode: str, immutable: bool = False) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}" + ("&immutable=1" if immutable else "")


# -- change detection ---------------------------------------------------------------------------------------
def project_fingerprint(project_path: str | Path) -> list[Any]:
    """``os.stat`` facts of the database and its WAL that change with every commit (see the module notes)."""
    project_path = Path(project_path)
    parts: list[Any] = []
    for path, is_wal in ((project_path, False), (Path(f"{project_path}-wal"), True)):
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            parts.append(None)
            continue
        if is_wal and stat.st_size == 0:
            parts.append(None)
            continue
        # SQLite running as root fchown()s the WAL each time a connection opens it, which moves its ctime.
        parts.append([stat.st_ino, stat.st_size, stat.st_mtime_ns] + ([] if is_wal else [stat.st_ctime_ns]))
    return parts


def changed_since(project_path: str | Path, backup: Backup | None) -> bool:
    """Whether the project may differ from ``backup`` (True when the backup has no fingerprint)."""
    if backup is None or backup.fingerprint is None:
        return True
    return project_fingerprint(project_path) != backup.fingerprint


# -- listing ------------------------------------------------------------------------------------------------
def list_backups(project_path: str | Path) -> list[Backup]:
    """The project's backups, newest first (files that do not follow the naming scheme are left out)."""
    folder = backup_folder(project_path)
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    for path in folder.iterdir():
        backup = _describe(path)
        if backup is not None:
            found.append(backup)
    return sorted(found, key=lambda b: (b.created_at, b.name), reverse=True)


def _describe(path: Path) -> Backup | None:
    parsed = _parse_name(path)
    if parsed is None or not path.is_file():
        return None
    created_at, reason = parsed
    try:
        size = path.stat().st_size
    except OSError:  # removed by another process's rotation meanwhile
        return None
    meta = _read_sidecar(path)
    if meta is None:  # copied in by hand: read the counts from the file itself
        with suppress(BackupError):
            facts = inspect_backup(path, thorough=False)
            meta = {"documents": facts.documents, "codings": facts.codings, "schema": facts.revision}
    meta = meta or {}
    return Backup(path, created_at, reason, size, meta.get("documents"), meta.get("codings"), meta.get("schema"),
                  meta.get("fingerprint"))


def _read_sidecar(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def find_backup(project_path: str | Path, which: str | int) -> Backup:
    """A backup by its number in ``list_backups`` (1 = newest), its file name, or a path to a backup file."""
    backups = list_backups(project_path)
    text = str(which).strip()
    if text.isdigit():
        index = int(text)
        if not 1 <= index <= len(backups):
            raise BackupError(translate(
                "errors", "no backup number {index}: {project_path} has {value} backup(s)").format(
                index=index, project_path=project_path, value=len(backups)))
        return backups[index - 1]
    for backup in backups:
        if backup.name == text or backup.name == text + ".concord":
            return backup
    candidate = Path(text).expanduser()
    if candidate.is_file():
        parsed = _parse_name(candidate)
        created_at, reason = parsed if parsed else (_mtime(candidate), "file")
        return Backup(candidate, created_at, reason, candidate.stat().st_size)
    raise BackupError(translate(
        "errors", "no backup named '{text}' in {value} (see `concord backup PROJECT list`)").format(
        text=text, value=backup_folder(project_path)))


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


# -- reading a backup ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupFacts:
    revision: str
    documents: int
    codings: int


def inspect_backup(path: str | Path, *, thorough: bool = True) -> BackupFacts:
    """What a backup holds; refuses anything that is not a readable Concord project of a known schema.

    ``thorough`` adds SQLite's ``quick_check`` (every page read: about 0.3 s per 100 MB).
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(translate("errors", "{path}: no such backup file").format(path=path))
    try:
        connection = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise BackupError(translate("errors", "{path}: cannot be opened ({exc})").format(path=path, exc=exc)) from exc
    try:
        revision = _concord_revision(connection, path)
        if revision not in known_revisions():
            raise BackupError(
                translate(
                    "errors", "{path}: a project of schema {revision}, which this version of Concord does not know "
                    "(it knows {value}); update Concord to restore it").format(
                    path=path, revision=revision, value=', '.join(sorted(known_revisions())))
            )
        if thorough:
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise BackupError(translate(
                    "errors", "{path}: the backup is damaged (SQLite says: {value})").format(
                    path=path, value='; '.join(problems)))
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        codings = connection.execute("SELECT count(*) FROM codings").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise BackupError(translate(
            "errors", "{path}: not a readable Concord project ({exc})").format(path=path, exc=exc)) from exc
    finally:
        connection.close()
    return BackupFacts(revision, documents, codings)


def _concord_revision(connection: sqlite3.Connection, path: Path) -> str:
    """The schema revision of a Concord project, read through SQLite (never through ``open()``)."""
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"project_meta", "alembic_version", "documents", "codings"} <= tables:
        raise BackupError(translate(
            "errors", "{path}: an SQLite database, but not a Concord project").format(path=path))
    app = connection.execute("SELECT value FROM project_meta WHERE key = 'app'").fetchone()
    if app is None or app[0] != "concord":
        raise BackupError(translate(
            "errors", "{path}: an SQLite database, but not a Concord project").format(path=path))
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None:
        raise BackupError(translate(
            "errors", "{path}: a Concord project without a schema version (damaged?)").format(path=path))
    return str(revision[0])


# -- writing a backup ---------------------------------------------------------------------------------------
def make_backup(
    project_path: str | Path,
    reason: str = "manual",
    *,
    policy: RotationPolicy | None = None,
    only_if_changed: bool | None = None,
    now: datetime | None = None,
    protect: Iterable[Path] = (),
) -> BackupResult:
    """Back up the project (live or not) into its backups folder, then rotate.

    ``only_if_changed`` (default: for "open" and "auto") skips the copy when the project's fingerprint
    equals the newest backup's. ``now`` fixes the time in the name (tests of rotation use it).
    """
    if reason not in REASONS:
        raise BackupError(translate(
            "errors", "unknown backup reason '{reason}' (one of {value})").format(
            reason=reason, value=', '.join(REASONS)))
    project_path = Path(project_path)
    if not project_path.is_file():
        raise BackupError(translate(
            "errors", "{project_path}: no such project file").format(project_path=project_path))
    policy = policy or RotationPolicy()
    skippable = reason in SKIPPABLE_REASONS if only_if_changed is None else only_if_changed
    fingerprint = project_fingerprint(project_path)  # taken before copying: a later write means a later backup
    newest = next(iter(list_backups(project_path)), None)
    if skippable and newest is not None and newest.fingerprint == fingerprint:
        return BackupResult(None, skipped=True, newest=newest)
    folder = _ensure_folder(project_path)
    when = now or datetime.now(UTC)
    target = _free_name(folder, project_path.stem, when, reason)
    _copy_out(project_path, target)
    backup = _record(target, reason, fingerprint, project_path)
    removed = rotate(project_path, policy, now=when, protect=[backup.path, *protect])
    return BackupResult(backup, newest=newest, removed=tuple(removed))


def _ensure_folder(project_path: Path) -> Path:
    folder = backup_folder(project_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise BackupError(translate(
            "errors", "{folder}: cannot create the backups folder ({value})").format(
            folder=folder, value=exc.strerror or exc)) from exc
    return folder


def _free_name(folder: Path, stem: str, when: datetime, reason: str) -> Path:
    """A name no backup has yet (two backups in the same millisecond get consecutive milliseconds)."""
    while True:
        target = folder / _backup_name(stem, when, reason)
        if not target.exists():
            return target
        when += timedelta(milliseconds=1)


def _copy_out(project_path: Path, target: Path) -> None:
    """Copy the live project into ``target`` (hidden temporary name, fsync, rename): all or nothing.

    The copy reads one snapshot (a read transaction held across the backup's steps, so a commit by another
    connection neither shows up half-way nor restarts the copy) in steps of ``STEP_PAGES`` pages, flushing
    the copy after each: on ext4 an edit's fsync would otherwise wait for the whole copy's dirty pages
    (measured on 850 MB: an edit during a backup took 340 ms in one step, under 60 ms in steps).
    """
    partial = target.with_name(f".{target.name}.partial")
    try:
        source = sqlite3.connect(_uri(project_path, "rw"), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot every step reads
            copy = sqlite3.connect(partial)
            try:
                with _Flusher(partial) as flush:
                    source.backup(copy, pages=STEP_PAGES, progress=flush)
                copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, not a WAL database
            finally:
                copy.close()
            source.execute("COMMIT")
        finally:
            source.close()
        _fsync(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except (sqlite3.Error, OSError) as exc:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise BackupError(translate(
            "errors", "{project_path}: cannot write the backup {name} ({value})").format(
            project_path=project_path, name=target.name, value=_reason(exc))) from exc


class _Flusher:
    """The backup's progress callback: push the pages written so far to disk (the copy is our own new file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.descriptor: int | None = None

    def __enter__(self) -> Self:
        return self

    def __call__(self, _status: int, _remaining: int, _total: int) -> None:
        if self.descriptor is None and self.path.exists():
            self.descriptor = os.open(self.path, os.O_RDONLY)
        if self.descriptor is not None:
            os.fsync(self.descriptor)

    def __exit__(self, *_exc: object) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _fsync(path: Path) -> None:
    """Flush a file this module wrote (never the live project file: see the module notes)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with suppress(OSError):
        _fsync(folder)


def _record(target: Path, reason: str, fingerprint: list[Any], project_path: Path) -> Backup:
    """Write the sidecar of a new backup; the counts come from the backup itself."""
    parsed = _parse_name(target)
    assert parsed is not None  # names come from _backup_name
    try:
        facts: BackupFacts | None = inspect_backup(target, thorough=False)
    except BackupError:
        facts = None  # a copy of a damaged project (before a repair) is still worth keeping
    backup = Backup(target, parsed[0], reason, target.stat().st_size, facts.documents if facts else None,
                    facts.codings if facts else None, facts.revision if facts else None, fingerprint)
    meta = {
        "reason": reason, "created_at": backup.created_at.isoformat(), "source": str(project_path.resolve()),
        "documents": backup.documents, "codings": backup.codings, "schema": backup.revision,
        "bytes": backup.size, "fingerprint": fingerprint,
    }
    sidecar = _sidecar(target)
    partial = sidecar.with_name(f".{sidecar.name}.partial")
    try:
        partial.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        os.replace(partial, sidecar)
    except OSError:  # the backup stands without it; only the skip test and the counts need it
        with suppress(OSError):
            partial.unlink(missing_ok=True)
    return backup


# -- rotation -----------------------------------------------------------------------------------------------
def backups_to_keep(
    backups: list[Backup], policy: RotationPolicy, now: datetime | None = None
) -> set[Path]:
    """The newest ``keep_last`` backups and the newest of each local day among the last ``keep_days`` days."""
    ordered = sorted(backups, key=lambda b: b.created_at, reverse=True)
    keep = {b.path for b in ordered[: policy.keep_last]}
    today = (now or datetime.now(UTC)).astimezone().date()
    days_seen: set[object] = set()
    for backup in ordered:
        day = backup.created_at.astimezone().date()
        if (today - day).days < policy.keep_days and day not in days_seen:
            days_seen.add(day)
            keep.add(backup.path)
    return keep


def rotate(
    project_path: str | Path, policy: RotationPolicy, *, now: datetime | None = None, protect: Iterable[Path] = ()
) -> list[Path]:
    """Delete the backups the policy does not keep (never one in ``protect``); returns those deleted."""
    backups = list_backups(project_path)
    keep = backups_to_keep(backups, policy, now) | {Path(p) for p in protect}
    removed: list[Path] = []
    for backup in backups:
        if backup.path in keep:
            continue
        try:
            backup.path.unlink()
        except FileNotFoundError:
            continue  # another process rotated it first
        except OSError:
            continue  # not ours to delete (permissions): it stays, and so does its sidecar
        with suppress(OSError):
            _sidecar(backup.path).unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


# -- restoring ----------------------------------------------------------------------------------------------
def restore_backup(
    project_path: str | Path, backup: Backup | str | Path, *, policy: RotationPolicy | None = None
) -> RestoreResult:
    """Put a backup's content into the project file; the state before is kept as a "before-restore" backup.

    Refuses (changing nothing) a backup that is not a readable Concord project of a schema this version
    knows, the project file itself, and a project another process is writing to.
    """
    project_path = Path(project_path)
    chosen = backup if isinstance(backup, Backup) else find_backup(project_path, str(backup))
    if project_path.exists() and chosen.path.exists() and os.path.samefile(chosen.path, project_path):
        raise BackupError(translate(
            "errors", "{path}: is the project file itself, not a backup of it").format(path=chosen.path))
    inspect_backup(chosen.path)  # refuses a bad backup before anything is written
    policy = policy or RotationPolicy()
    folder = _ensure_folder(project_path)
    with tempfile.TemporaryDirectory(prefix=".restoring-", dir=folder) as scratch:
        staged = Path(scratch) / "staged.concord"
        _copy_file(chosen.path, staged)
        upgraded_from = _upgrade_staged(staged)
        if not project_path.exists():  # the project file is gone: the backup becomes it
            _copy_into(staged, project_path)
            safety = None
        else:
            with _held(project_path):
                safety = _safety_backup(project_path, policy, chosen.path)
                _copy_into(staged, project_path)
    rotate(project_path, policy, protect=[chosen.path] + ([safety.path] if safety else []))
    if safety is None:
        safety = chosen
    return RestoreResult(_describe(chosen.path) or chosen, safety, upgraded_from)


def _safety_backup(project_path: Path, policy: RotationPolicy, chosen: Path) -> Backup:
    try:
        result = make_backup(project_path, "before-restore", policy=policy, protect=[chosen])
    except BackupError as exc:
        raise BackupError(
            translate(
                "errors", "cannot back up the current state before restoring, so nothing was changed ({exc}). If the "
                "project file is damaged beyond copying, move it away and restore again: the backup becomes a new "
                "file").format(exc=exc)
        ) from exc
    assert result.backup is not None  # "before-restore" backups are never skipped
    return result.backup


def _copy_file(source: Path, target: Path) -> None:
    """Copy a backup (not a live project) into a fresh rollback-journal file with SQLite's backup API."""
    try:
        reader = sqlite3.connect(_uri(source, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            writer = sqlite3.connect(target)
            try:
                reader.backup(writer)
                writer.execute("PRAGMA journal_mode=DELETE")
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.Error as exc:
        raise BackupError(translate("errors", "{source}: cannot be copied ({exc})").format(source=source, exc=exc)) from exc


def _upgrade_staged(staged: Path) -> str | None:
    """Bring an older backup's copy to the current schema, so the live file never goes back a schema.

    Returns the schema it was upgraded from (None when it was current)."""
    from coding.project import Project

    try:
        project = Project.open(staged)
    except ProjectFileError as exc:
        raise BackupError(translate(
            "errors", "the backup cannot be brought to this version's schema ({exc})").format(exc=exc)) from exc
    upgraded_from = project.upgraded_from
    project.close()
    return upgraded_from


@contextmanager
def _held(project_path: Path) -> Iterator[None]:
    """Hold the project as a writer while its content is replaced: another process writing to it refuses us.

    A project too damaged to open is restored all the same (that is what backups are for).
    """
    from coding import errors
    from coding.project import Project

    in_use = getattr(errors, "ProjectInUseError", ())  # the project lock, where this version has it
    try:
        project = Project.open(project_path)
    except in_use as exc:
        raise BackupError(translate(
            "errors", "{project_path}: in use by another program; close it there, then restore ({exc})").format(
            project_path=project_path, exc=exc)) from exc
    except ProjectFileError:
        yield
        return
    try:
        yield
    finally:
        project.close()


def _copy_into(staged: Path, project_path: Path) -> None:
    """Write ``staged`` over the project's content through SQLite, in one transaction of the live file."""
    try:
        reader = sqlite3.connect(_uri(staged, "ro"), uri=True)
        try:
            writer = sqlite3.connect(str(project_path), timeout=BUSY_TIMEOUT_S)
            try:
                _match_page_size(reader, writer, staged)
                reader.backup(writer)
                writer.execute("PRAGMA journal_mode=WAL")  # a project runs in WAL mode (a new file starts without)
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.Error as exc:
        raise BackupError(
            translate(
                "errors", "{project_path}: cannot restore into it ({exc}); nothing was changed. If the file is "
                "damaged, move it away and restore again").format(project_path=project_path, exc=exc)
        ) from exc


def _match_page_size(reader: sqlite3.Connection, writer: sqlite3.Connection, staged: Path) -> None:
    """SQLite copies into a WAL database only between equal page sizes: give the staged copy the project's."""
    wanted = writer.execute("PRAGMA page_size").fetchone()[0]
    if reader.execute("PRAGMA page_size").fetchone()[0] == wanted:
        return
    resize = sqlite3.connect(str(staged))
    try:
        resize.execute(f"PRAGMA page_size={int(wanted)}")
        resize.execute("VACUUM")
    finally:
        resize.close()


__all__ = [
    "REASONS",
    "Backup",
    "BackupError",
    "BackupFacts",
    "BackupResult",
    "RestoreResult",
    "RotationPolicy",
    "backup_folder",
    "backups_to_keep",
    "changed_since",
    "find_backup",
    "inspect_backup",
    "list_backups",
    "make_backup",
    "project_fingerprint",
    "restore_backup",
    "rotate",
]
