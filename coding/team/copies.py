"""Coder copies: one ``.concord`` file per coder, to code on their own computer and merge back later.

``make_copies(project, ["Lin", "Morgan"], out_dir)`` writes ``study-Lin.concord`` and ``study-Morgan.concord``
beside each other. Each copy is the project as it stands (same uuids for documents, codes, cases and coders)
cut down to what the coder needs:

* the coder's assigned documents — all documents when nobody assigned them any — with their cases and
  attributes, and the whole codebook;
* blind (the default): none of the other coders' codings, memos, statuses, coding snapshots, consensus
  decisions, agreement runs or matrix summaries; not blind: the other coders' codings stay, read-only;
* a fresh audit trail that starts with a "make_copy" event naming the project's audit head, since the
  project's trail tells every coder's codings;
* in ``project_meta``: which project (``project_uuid``, added to the project on first need) and which coder it
  came from, when it was made, and its *base* — a fingerprint of each of the coder's codings and memos, the
  codebook and the coder's statuses as they were in the copy when it was made. The merge compares the copy
  with this base: a coding missing from the copy but in its base was deleted by the coder; one missing from
  both was never in the copy (another document, coded later in the project) and is left alone.

Codings of anyone but the copy's coder cannot be added, changed or removed in a copy: SQLite triggers refuse
it (``READ_ONLY_MARK`` in the message; ``coding.project.database_error`` turns it into a one-line
``ReadOnlyProjectError``). The GUI refuses edits to others' codings anyway; the triggers also stop the CLI,
and stop a coder who switched identity in their copy from making codings the merge would not take back.

How the file is made: SQLite's online backup API copies the live project through the project's own
connection (never ``open()`` on a live project file: closing any descriptor of it drops this process's
SQLite locks), the copy is cut down under a hidden temporary name, VACUUMed so nothing deleted lingers in
free pages, switched to a rollback journal, fsynced and renamed into place. A failure leaves no file, and
copies already written by the same call are removed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, event, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from coding.audit import record
from coding.coders import find_coder, get_or_create_coder
from coding.errors import ConcordError, ProjectFileError, ValidationError
from coding.progress import Progress
from coding.project import Project
from models import Coder, ProjectMeta, new_uuid
from models.store import PROJECT_SUFFIX
from coding.i18n import translate

PROJECT_UUID_KEY = "project_uuid"
COPY_PREFIX = "copy."
BASE_KEY = "copy.base"
# Fields whose difference makes a code "redefined" (colour and shortcut are personal, position is order only).
CODE_FIELDS = ("name_zh", "definition", "definition_zh", "include_rule", "exclude_rule", "example", "is_codable")
READ_ONLY_MARK = "read-only in this coder copy"
_UNSAFE_IN_FILE_NAMES = re.compile(r'[\x00-\x1f/\\:*?"<>|]')


class CopyError(ConcordError):
    """A coder copy that cannot be made; nothing was written."""


@dataclass(frozen=True)
class CopyFacts:
    """What a coder copy knows about where it came from (``project_meta`` keys ``copy.*``)."""

    copy_uuid: str
    project_uuid: str
    coder_uuid: str
    coder_name: str
    made_at: datetime
    blind: bool
    source: str  # the project's file name, for messages

    def to_dict(self) -> dict[str, Any]:
        return {"copy_uuid": self.copy_uuid, "project_uuid": self.project_uuid, "coder_uuid": self.coder_uuid,
                "coder": self.coder_name, "made_at": self.made_at.isoformat(), "blind": self.blind,
                "project_file": self.source}


@dataclass(frozen=True)
class CopyResult:
    path: Path
    coder: str
    documents: int
    codings: int  # the coder's own codings in the copy
    other_codings: int  # other coders' codings kept (read-only) when not blind
    facts: CopyFacts

    def to_dict(self) -> dict[str, Any]:
        return {"file": str(self.path), "coder": self.coder, "documents": self.documents, "codings": self.codings,
                "other_codings": self.other_codings, **self.facts.to_dict()}


# -- facts kept in project_meta -------------------------------------------------------------------------------
def _meta(session: Session) -> dict[str, str]:
    return dict(session.execute(select(ProjectMeta.key, ProjectMeta.value)).all())


def project_uuid(session: Session, *, create: bool = False, actor: str = "") -> str | None:
    """The project's own uuid (shared by its coder copies); with ``create``, added when the project has none."""
    value = session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == PROJECT_UUID_KEY))
    if value or not create:
        return value
    value = new_uuid()
    session.add(ProjectMeta(key=PROJECT_UUID_KEY, value=value))
    session.flush()
    record(session, actor, "set_project_uuid", "project", value, None, {"project_uuid": value})
    return value


def copy_facts(session: Session) -> CopyFacts | None:
    """Where this project file came from, when it is a coder copy; None for a project."""
    return facts_from_meta(_meta(session))


def facts_from_meta(meta: dict[str, str]) -> CopyFacts | None:
    if "copy.uuid" not in meta:
        return None
    return CopyFacts(
        copy_uuid=meta["copy.uuid"], project_uuid=meta.get("copy.project_uuid", ""),
        coder_uuid=meta.get("copy.coder_uuid", ""), coder_name=meta.get("copy.coder_name", ""),
        made_at=datetime.fromisoformat(meta.get("copy.made_at", "1970-01-01T00:00:00+00:00")),
        blind=meta.get("copy.blind", "true") == "true", source=meta.get("copy.source", ""),
    )


def copy_coder_name(session: Session) -> str | None:
    """The coder a copy belongs to, by their current name (the GUI opens a copy as this coder)."""
    facts = copy_facts(session)
    if facts is None:
        return None
    return session.scalar(select(Coder.name).where(Coder.uuid == facts.coder_uuid)) or facts.coder_name


def read_base(session: Session) -> dict[str, Any]:
    """The copy's base (see the module notes): codings, memos, codes, statuses as they were when made."""
    value = session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == BASE_KEY))
    return json.loads(value) if value else {}


# -- fingerprints shared with the merge ------------------------------------------------------------------------
def fingerprint(values: tuple[Any, ...]) -> str:
    """A short, stable digest of a row's content: the ``repr`` of a tuple of strings, numbers and None is
    unambiguous (quotes and separators inside strings are escaped) and three times cheaper than JSON."""
    return hashlib.blake2b(repr(tuple(values)).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


CODING_CONTENT_SQL = """
    SELECT c.uuid, d.uuid, k.uuid, c.start, c."end", c.memo, c.created_at, c.updated_at
    FROM codings c JOIN documents d ON d.id = c.document_id JOIN codes k ON k.id = c.code_id
    WHERE c.coder_id = :coder_id
"""
MEMO_CONTENT_SQL = """
    SELECT uuid, target_kind, target_uuid, title, text, created_at, updated_at FROM memos WHERE author_id = :coder_id
"""
STATUS_SQL = """
    SELECT d.uuid, a.status, a.assigned_at, a.done_at, a.updated_at
    FROM assignments a JOIN documents d ON d.id = a.document_id WHERE a.coder_id = :coder_id
"""


def code_states(connection: Connection | Session) -> dict[str, dict[str, Any]]:
    """Every code as the merge compares it (name, parent uuid, definitional fields) with its place, colour and
    creation time (as stored), which a merge keeps but does not compare."""
    columns = ", ".join(f"k.{field}" for field in CODE_FIELDS)
    rows = connection.execute(text(
        f"SELECT k.uuid, k.name, p.uuid AS parent, k.position, k.colour, k.created_at, {columns} "
        "FROM codes k LEFT JOIN codes p ON p.id = k.parent_id"
    )).mappings()
    return {row["uuid"]: {key: (bool(row[key]) if key == "is_codable" else row[key]) for key in
                          ("name", "parent", "position", "colour", "created_at", *CODE_FIELDS)} for row in rows}


def base_of(connection: Connection | Session, coder_id: int) -> dict[str, Any]:
    """The base a copy keeps of itself (see the module notes), read from the cut-down copy."""
    codings = {row[0]: fingerprint(tuple(row[1:6])) for row in connection.execute(text(CODING_CONTENT_SQL),
                                                                                 {"coder_id": coder_id})}
    memos = {row[0]: fingerprint(tuple(row[1:5])) for row in connection.execute(text(MEMO_CONTENT_SQL),
                                                                               {"coder_id": coder_id})}
    statuses = {row[0]: row[1] for row in connection.execute(text(STATUS_SQL), {"coder_id": coder_id})}
    return {"codings": codings, "memos": memos, "codes": code_states(connection), "statuses": statuses,
            "others": others_digest(connection, coder_id)}


def others_digest(connection: Connection | Session, coder_id: int) -> str:
    """One digest of everyone else's codings in a copy (kept read-only when not blind)."""
    digest = hashlib.blake2b(digest_size=16)
    rows = connection.execute(text(
        'SELECT uuid, coder_id, document_id, code_id, start, "end", memo FROM codings WHERE coder_id != :coder_id '
        "ORDER BY uuid"), {"coder_id": coder_id})
    for row in rows:
        digest.update(json.dumps(list(row), ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# -- making copies -------------------------------------------------------------------------------------------
def copy_file_name(project_stem: str, coder_name: str) -> str:
    """``study-Lin.concord``: the coder's name made safe for any file system."""
    safe = _UNSAFE_IN_FILE_NAMES.sub("_", coder_name).strip().strip(".") or "coder"
    return f"{project_stem}-{safe}{PROJECT_SUFFIX}"


def _split_names(names: Iterable[str]) -> list[str]:
    cleaned = [name.strip() for name in names if name.strip()]
    if not cleaned:
        raise ValidationError(translate("errors", "name at least one coder to make a copy for"))
    seen: set[str] = set()
    for name in cleaned:
        if name.casefold() in seen:
            raise ValidationError(translate("errors", "coder '{name}' is named twice").format(name=name))
        seen.add(name.casefold())
    return cleaned


def _targets(project: Project, names: list[str], out_dir: Path) -> dict[str, Path]:
    if out_dir.exists() and not out_dir.is_dir():
        raise CopyError(translate("errors", "{out_dir}: is a file, not a folder").format(out_dir=out_dir))
    if not out_dir.exists():
        if not out_dir.parent.is_dir():
            raise CopyError(translate(
                "errors", "{out_dir}: no such folder (nor its parent {parent})").format(
                out_dir=out_dir, parent=out_dir.parent))
        try:
            out_dir.mkdir()  # the copies' own folder, made on first use like any save dialog would
        except OSError as exc:
            raise CopyError(translate(
                "errors", "{out_dir}: cannot be created ({value})").format(out_dir=out_dir, value=exc.strerror or exc)) from exc
    if not os.access(out_dir, os.W_OK):
        raise CopyError(translate(
            "errors", "{out_dir}: cannot be written (permission denied)").format(out_dir=out_dir))
    stem = project.path.stem if project.path else "project"
    targets = {name: out_dir / copy_file_name(stem, name) for name in names}
    if len({path.name.casefold() for path in targets.values()}) != len(targets):
        raise CopyError(translate(
            "errors", "two coders' names give the same copy file name; rename one of the coders"))
    for path in targets.values():
        if path.exists():
            raise CopyError(translate(
                "errors", "{path}: already exists; move it away or choose another folder").format(path=path))
        if project.path is not None and path.resolve() == project.path.resolve():
            raise CopyError(translate("errors", "{path}: is the project itself").format(path=path))
    return targets


def _prepare_project(project: Project, names: list[str]) -> tuple[str, dict[str, tuple[int, str, str]], str]:
    """Check every coder, then add the project uuid and new coders in one transaction.

    Returns the project uuid, name -> (coder id, uuid, name as stored) and the project's audit head hash.
    """
    with project.session() as session:
        if copy_facts(session) is not None:
            raise CopyError(translate(
                "errors", "{location}: is a coder copy; make copies from the lead's project").format(
                location=project.location))
        for name in names:
            try:
                existing = find_coder(session, name)
            except ConcordError:
                continue
            if existing.is_consensus:
                raise ValidationError(translate(
                    "errors", "'{name}' is a consensus coder; copies are for the people who code").format(
                    name=existing.name))
        uuid = project_uuid(session, create=True, actor=project.actor)
        assert uuid is not None
        coders = {}
        for name in names:
            coder = get_or_create_coder(session, name, actor=project.actor)
            coders[name] = (coder.id, coder.uuid, coder.name)
        head = session.scalar(text("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")) or ""
    return uuid, coders, head


def make_copies(
    project: Project, coder_names: Iterable[str], out_dir: str | Path, *, blind: bool = True,
    progress: Progress | None = None,
) -> list[CopyResult]:
    """Write one coder copy per coder into ``out_dir`` (see the module notes); all or nothing for the files and
    their audit events. Coders new to the project and the project's uuid are added first (a copy must hold
    them) and stay added."""
    if project.read_only:
        raise ProjectFileError(translate(
            "errors", "{location}: opened read-only; copies add the coders and the project's uuid to it").format(
            location=project.location))
    names = _split_names(coder_names)
    out_dir = Path(out_dir)
    targets = _targets(project, names, out_dir)
    uuid, coders, head = _prepare_project(project, names)
    written: list[Path] = []
    results = []
    try:
        for index, name in enumerate(names):
            if progress is not None:
                progress(index, len(names), name)
            coder_id, coder_uuid, coder_name = coders[name]
            facts = CopyFacts(new_uuid(), uuid, coder_uuid, coder_name, datetime.now(UTC), blind,
                              project.path.name if project.path else "")
            result = _write_copy(project, targets[name], coder_id, facts, head)
            written.append(result.path)
            results.append(result)
        with project.session() as session:
            for result in results:
                record(session, project.actor, "make_copy", "project", uuid, None,
                       {"file": result.path.name, **result.facts.to_dict(), "documents": result.documents,
                        "codings": result.codings})
    except BaseException:
        for path in written:
            with suppress(OSError):
                path.unlink()
        raise
    if progress is not None:
        progress(len(names), len(names), "")
    return results


def _write_copy(project: Project, target: Path, coder_id: int, facts: CopyFacts, head: str) -> CopyResult:
    partial = target.with_name(f".{target.name}.partial")
    try:
        _backup_into(project, partial)
        with _copy_engine(partial) as engine:
            with engine.begin() as connection:
                counts = _cut_down(connection, coder_id, facts.blind)
                _write_facts(connection, coder_id, facts, head, counts)
            with engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM")
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent)
    except (sqlite3.Error, OSError) as exc:
        _remove(partial)
        raise CopyError(translate(
            "errors", "{target}: cannot write the copy ({value})").format(
            target=target, value=getattr(exc, 'strerror', None) or exc)) from exc
    except BaseException:
        _remove(partial)
        raise
    return CopyResult(target, facts.coder_name, counts["documents"], counts["codings"], counts["other_codings"],
                      facts)


def _backup_into(project: Project, partial: Path) -> None:
    """Copy the live project page by page through its own engine: one consistent snapshot, WAL included."""
    copy = sqlite3.connect(partial)
    try:
        with project.store.engine.connect() as connection:
            source = connection.connection.driver_connection
            if not isinstance(source, sqlite3.Connection):
                raise ProjectFileError(translate(
                    "errors", "{location}: a coder's copy is made of a project file (SQLite) only").format(
                    location=project.location))
            source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file while it is cut down
    finally:
        copy.close()


@contextmanager
def _copy_engine(path: Path) -> Iterator[Any]:
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")  # deleting a document takes its units and codings

    try:
        yield engine
    finally:
        engine.dispose()


def _cut_down(connection: Connection, coder_id: int, blind: bool) -> dict[str, int]:
    """Delete what the coder's copy must not hold (see the module notes); returns what it keeps."""
    run = connection.exec_driver_sql
    assigned = run("SELECT count(*) FROM assignments WHERE coder_id = ?", (coder_id,)).scalar() or 0
    if assigned:
        run("DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM assignments WHERE coder_id = ?)",
            (coder_id,))
        run("DELETE FROM cases WHERE id NOT IN (SELECT case_id FROM documents WHERE case_id IS NOT NULL)")
    if blind:
        for statement in (
            "DELETE FROM codings WHERE coder_id != ?",
            "DELETE FROM memos WHERE author_id IS NOT NULL AND author_id != ?",
            "DELETE FROM assignments WHERE coder_id != ?",
            "DELETE FROM coding_snapshots WHERE coder_id != ?",
        ):
            run(statement, (coder_id,))
        for table in ("consensus_decisions", "agreement_runs", "matrix_cell_summaries"):
            run(f"DELETE FROM {table}")
    # Memos about things no longer in the copy go with them.
    run("DELETE FROM memos WHERE target_kind = 'coding' AND target_uuid NOT IN (SELECT uuid FROM codings)")
    run("DELETE FROM memos WHERE target_kind = 'document' AND target_uuid NOT IN (SELECT uuid FROM documents)")
    run("DELETE FROM memos WHERE target_kind = 'case' AND target_uuid NOT IN (SELECT uuid FROM cases)")
    run("DELETE FROM audit_events")
    return {
        "documents": run("SELECT count(*) FROM documents").scalar() or 0,
        "codings": run("SELECT count(*) FROM codings WHERE coder_id = ?", (coder_id,)).scalar() or 0,
        "other_codings": run("SELECT count(*) FROM codings WHERE coder_id != ?", (coder_id,)).scalar() or 0,
    }


def _write_facts(connection: Connection, coder_id: int, facts: CopyFacts, head: str, counts: dict[str, int]) -> None:
    meta = {
        "copy.uuid": facts.copy_uuid, "copy.project_uuid": facts.project_uuid, "copy.coder_uuid": facts.coder_uuid,
        "copy.coder_name": facts.coder_name, "copy.made_at": facts.made_at.isoformat(),
        "copy.blind": "true" if facts.blind else "false", "copy.source": facts.source,
        BASE_KEY: json.dumps(base_of(connection, coder_id), ensure_ascii=False),
    }
    for key, value in meta.items():
        connection.execute(text("INSERT OR REPLACE INTO project_meta (key, value) VALUES (:key, :value)"),
                           {"key": key, "value": value})
    _guard_others_codings(connection, coder_id, facts.coder_name)
    with Session(bind=connection) as session:
        record(session, facts.coder_name, "make_copy", "project", facts.project_uuid, None,
               {**facts.to_dict(), "project_audit_head": head, **counts})
        session.flush()


def _guard_others_codings(connection: Connection, coder_id: int, coder_name: str) -> None:
    """Triggers that refuse any change to a coding that is not the copy coder's (see the module notes)."""
    message = f"another coder's coding is {READ_ONLY_MARK}: only {coder_name}'s codings can change here"
    message = message.replace("'", "''")  # quoted for SQL
    guards = {
        "insert": f"BEFORE INSERT ON codings WHEN NEW.coder_id != {int(coder_id)}",
        "update": f"BEFORE UPDATE ON codings WHEN OLD.coder_id != {int(coder_id)} OR NEW.coder_id != {int(coder_id)}",
        "delete": f"BEFORE DELETE ON codings WHEN OLD.coder_id != {int(coder_id)}",
    }
    for name, when in guards.items():
        connection.exec_driver_sql(
            f"CREATE TRIGGER concord_copy_guard_{name} {when} BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )


def _fsync(path: Path) -> None:
    """Flush a file or folder this module wrote itself (never the live project: see the module notes)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(OSError):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


__all__ = [
    "CODE_FIELDS",
    "READ_ONLY_MARK",
    "CopyError",
    "CopyFacts",
    "CopyResult",
    "base_of",
    "code_states",
    "copy_coder_name",
    "copy_facts",
    "copy_file_name",
    "facts_from_meta",
    "fingerprint",
    "make_copies",
    "project_uuid",
    "read_base",
]
