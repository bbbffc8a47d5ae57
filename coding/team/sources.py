"""What a merge reads from one coder's work: a coder copy (``.concord``) or a REFI-QDA project (``.qdpx``).

Both become a :class:`MergeSource` of plain values (rows keyed by uuid, timestamps as SQLite stores them),
read in full and closed again before the project is touched.

* A **coder copy** brings its facts and base (``coding.team.copies``), the coder's codings, memos and document
  statuses, the codebook and the documents' text hashes.
* A **.qdpx** written from a coder copy by another program (QualCoder, NVivo …) has no base and no statuses.
  It is imported into a scratch project with ``coding.refi`` (positions, text normalisation and hostile-archive
  checks are theirs) and read from there. Documents are matched by uuid, then by text hash; codes by uuid, then
  by name under the same parent (``coding.team.merge``); whose codings to take is chosen by
  :func:`choose_qdpx_users`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.errors import ConcordError
from coding.project import Project
from coding.team.copies import (
    MEMO_CONTENT_SQL,
    READ_ONLY_MARK,
    code_states,
    copy_facts,
    others_digest,
    read_base,
)
from models import Assignment, Code, Coder, Coding, Document
from coding.i18n import translate
from coding.said import Said

QDPX_SUFFIX = ".qdpx"


class MergeRefused(ConcordError):
    """A copy that cannot be merged into this project; nothing was merged from it."""


# A timestamp as the database driver reads it (text in SQLite): carried from copy to project unchanged.
StoredTime = object


class CodingRow(NamedTuple):
    """A coding as the merge moves it: uuids for what it points at, timestamps as stored."""

    uuid: str
    document: str
    code: str
    start: int
    end: int
    memo: str
    created_at: StoredTime
    updated_at: StoredTime

    @property
    def content(self) -> tuple[str, str, int, int, str]:
        return self.document, self.code, self.start, self.end, self.memo


class MemoRow(NamedTuple):
    uuid: str
    target_kind: str
    target_uuid: str | None
    title: str
    text: str
    created_at: StoredTime
    updated_at: StoredTime

    @property
    def content(self) -> tuple[str, str | None, str, str]:
        return self.target_kind, self.target_uuid, self.title, self.text


class StatusRow(NamedTuple):
    """One coder's status on one document (an ``assignments`` row)."""

    uuid: str
    document: str
    status: str
    assigned_at: StoredTime
    done_at: StoredTime
    updated_at: StoredTime


STATUS_ROWS_SQL = """
    SELECT a.uuid, d.uuid, a.status, a.assigned_at, a.done_at, a.updated_at
    FROM assignments a JOIN documents d ON d.id = a.document_id WHERE a.coder_id = :coder_id
"""


@dataclass
class MergeSource:
    """One coder's work, read from a copy or a .qdpx (see the module notes)."""

    path: Path
    kind: str  # "copy" | "qdpx"
    identity: str  # the copy's uuid, or "qdpx:<sha256 of the file>"
    coder_uuid: str
    coder_name: str
    project_uuid: str | None
    made_at: datetime | None
    base: dict[str, Any] | None
    documents: dict[str, tuple[str, str]]  # uuid -> (name, sha256)
    codes: dict[str, dict[str, Any]]
    codings: dict[str, CodingRow]
    memos: dict[str, MemoRow] = field(default_factory=dict)
    statuses: dict[str, StatusRow] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.path.name


def driver_rows(
    session: Session, sql: str, parameters: dict[str, Any] | Sequence[Any] = ()
) -> list[tuple[Any, ...]]:
    """Rows straight from the DBAPI cursor of the session's connection (in its transaction): a merge reads and
    writes rows by the hundred thousand, where SQLAlchemy's per-row processing would cost most of the time."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def coding_rows(session: Session, coder_id: int) -> dict[str, CodingRow]:
    """A coder's codings; document and code uuids are looked up in Python (a join per row costs twice as much)."""
    documents = dict(driver_rows(session, "SELECT id, uuid FROM documents"))
    codes = dict(driver_rows(session, "SELECT id, uuid FROM codes"))
    rows = driver_rows(session, 'SELECT uuid, document_id, code_id, start, "end", memo, created_at, updated_at '
                                "FROM codings WHERE coder_id = ?", (coder_id,))
    return {row[0]: CodingRow(row[0], documents[row[1]], codes[row[2]], *row[3:]) for row in rows}


def memo_rows(session: Session, coder_id: int) -> dict[str, MemoRow]:
    return {row[0]: MemoRow(*row) for row in driver_rows(session, MEMO_CONTENT_SQL, {"coder_id": coder_id})}


def status_rows(session: Session, coder_id: int) -> dict[str, StatusRow]:
    return {row[1]: StatusRow(*row) for row in driver_rows(session, STATUS_ROWS_SQL, {"coder_id": coder_id})}


def existing_uuids(session: Session, table: str, uuids: Iterable[str]) -> set[str]:
    """Which of ``uuids`` the table already holds (looked up 500 at a time through its unique index)."""
    wanted, found = list(uuids), set[str]()
    for start in range(0, len(wanted), 500):
        batch = wanted[start:start + 500]
        marks = ",".join("?" * len(batch))
        found.update(row[0] for row in driver_rows(session, f"SELECT uuid FROM {table} WHERE uuid IN ({marks})", batch))
    return found


def document_hashes(session: Session) -> dict[str, tuple[str, str]]:
    return {uuid: (name, sha) for uuid, name, sha in session.execute(select(Document.uuid, Document.name,
                                                                             Document.sha256))}


# -- a coder copy ------------------------------------------------------------------------------------------
def read_source(path: str | Path, project_path: Path | None, project_coders: list[tuple[str, str]],
                coder: str | None = None) -> MergeSource:
    """Read a coder copy or a .qdpx; refuses (``MergeRefused``) what cannot be one."""
    path = Path(path)
    if not path.is_file():
        raise MergeRefused(translate("errors", "{path}: no such file; nothing merged").format(path=path))
    if project_path is not None and project_path.exists() and os.path.samefile(path, project_path):
        raise MergeRefused(translate(
            "errors", "{path}: is the project itself, not a coder copy; nothing merged").format(path=path))
    if path.suffix.lower() == QDPX_SUFFIX:
        return read_qdpx(path, project_coders, coder)
    if coder is not None:
        raise MergeRefused(translate(
            "errors", "{path}: a coder copy belongs to its coder; --coder is for .qdpx files only").format(path=path))
    return read_copy(path)


def read_copy(path: Path) -> MergeSource:
    try:
        copy = Project.open_for_reading(path)
    except ConcordError as exc:
        raise MergeRefused(str(exc)) from exc
    try:
        with copy.session() as session:
            return _copy_source(session, path)
    finally:
        copy.close()


def _copy_source(session: Session, path: Path) -> MergeSource:
    facts = copy_facts(session)
    if facts is None:
        raise MergeRefused(translate(
            "errors", "{path}: not a coder copy (make copies with `concord copies` or File › Team); nothing merged").format(
            path=path))
    coder_id = session.scalar(select(Coder.id).where(Coder.uuid == facts.coder_uuid))
    if coder_id is None:
        raise MergeRefused(translate(
            "errors", "{path}: a damaged coder copy (its coder {coder_name} is missing); nothing merged").format(
            path=path, coder_name=facts.coder_name))
    base = read_base(session)
    source = MergeSource(
        path=path, kind="copy", identity=facts.copy_uuid, coder_uuid=facts.coder_uuid, coder_name=facts.coder_name,
        project_uuid=facts.project_uuid, made_at=facts.made_at, base=base, documents=document_hashes(session),
        codes=code_states(session), codings=coding_rows(session, coder_id), memos=memo_rows(session, coder_id),
        statuses=status_rows(session, coder_id),
    )
    if base.get("others") and others_digest(session, coder_id) != base["others"]:
        source.notes.append(Said(
            f"other coders' codings were changed in the copy ({READ_ONLY_MARK}); those changes were not merged",
            translate("team.merge", "other coders' codings were changed in the copy ({mark}); those changes were "
                      "not merged").format(mark=READ_ONLY_MARK)))
    return source


# -- a REFI-QDA project ------------------------------------------------------------------------------------
def _file_digest(path: Path) -> str:
    """A .qdpx is a zip archive, not a database: reading it directly is safe."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_qdpx(path: Path, project_coders: list[tuple[str, str]], coder: str | None) -> MergeSource:
    from coding.refi import import_qdpx

    identity = "qdpx:" + _file_digest(path)
    with tempfile.TemporaryDirectory(prefix="concord-merge-") as folder:
        scratch = Path(folder) / "incoming.concord"
        try:
            report = import_qdpx(path, scratch, skip_broken=True)
        except ConcordError as exc:
            raise MergeRefused(translate(
                "errors", "{path}: cannot be read as a REFI-QDA project ({exc})").format(path=path, exc=exc)) from exc
        imported = Project.open(scratch)
        try:
            with imported.session() as session:
                source = _qdpx_source(session, path, identity, project_coders, coder)
        finally:
            imported.close()
    if report.skipped_total:
        left_out = report.skipped_total
        source.notes.append(Said(
            f"{left_out} item(s) of the .qdpx that Concord cannot hold were left out",
            translate("team.merge", "{count} item(s) of the .qdpx that Concord cannot hold were left out").format(
                count=left_out)))
    return source


def _qdpx_source(session: Session, path: Path, identity: str, project_coders: list[tuple[str, str]],
                 coder: str | None) -> MergeSource:
    users = session.execute(select(Coder.id, Coder.uuid, Coder.name)).all()
    counts = dict(session.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all())
    coding_users = [(ident, uuid, name) for ident, uuid, name in users if counts.get(ident)]
    target_uuid, target_name, taken = choose_qdpx_users(path, coding_users, project_coders, coder)
    codings: dict[str, CodingRow] = {}
    for ident in taken:
        codings.update(coding_rows(session, ident))
    source = MergeSource(
        path=path, kind="qdpx", identity=identity, coder_uuid=target_uuid, coder_name=target_name,
        project_uuid=None, made_at=None, base=None, documents=document_hashes(session),
        codes=code_states(session), codings=codings,
    )
    ignored = sum(counts.get(ident, 0) for ident, _uuid, _name in coding_users if ident not in taken)
    if ignored:
        source.notes.append(Said(f"{ignored} coding(s) by other coders in the .qdpx were not merged", translate(
            "team.merge", "{count} coding(s) by other coders in the .qdpx were not merged").format(count=ignored)))
    return source


def choose_qdpx_users(
    path: Path, coding_users: list[tuple[int, str, str]], project_coders: list[tuple[str, str]], coder: str | None,
) -> tuple[str, str, set[int]]:
    """Whose codings in a .qdpx to take, and for which project coder: (coder uuid, name, the .qdpx users taken).

    With ``coder`` (a project coder's name): that coder's codings (same uuid or name) plus those of users who are
    no coder of the project (QualCoder writes its own user name). Without it: the one project coder the .qdpx's
    coding users match by uuid or name; refused when none or several match.
    """
    by_uuid = {uuid: name for uuid, name in project_coders}
    by_name = {name.casefold(): uuid for uuid, name in project_coders}

    def project_coder(user_uuid: str, user_name: str) -> str | None:
        return user_uuid if user_uuid in by_uuid else by_name.get(user_name.casefold())

    if not coding_users:
        raise MergeRefused(translate("errors", "{path}: holds no codings; nothing merged").format(path=path))
    if coder is not None:
        target = by_name.get(coder.strip().casefold())
        if target is None:
            known = ", ".join(sorted(by_uuid.values())) or translate("names", "none yet")
            raise MergeRefused(translate(
                "errors", "{path}: no coder '{coder}' in the project (known coders: {known}); nothing merged").format(
                path=path, coder=coder, known=known))
        taken = {ident for ident, uuid, name in coding_users if project_coder(uuid, name) in (target, None)}
        return target, by_uuid[target], taken
    matched = {project_coder(uuid, name) for _ident, uuid, name in coding_users} - {None}
    if len(matched) != 1:
        names = ", ".join(sorted(name for _ident, _uuid, name in coding_users))
        raise MergeRefused(translate(
            "errors", "{path}: cannot tell whose codings these are (users: {names}); name the project's coder with "
            "--coder; nothing merged").format(path=path, names=names))
    target = matched.pop()
    assert target is not None
    taken = {ident for ident, uuid, name in coding_users if project_coder(uuid, name) == target}
    return target, by_uuid[target], taken


def ids_by_uuid(
    session: Session, model: type[Assignment] | type[Code] | type[Document], uuids: Iterable[str]
) -> dict[str, int]:
    wanted = list(set(uuids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        batch = wanted[start:start + 500]
        found.update({uuid: ident for uuid, ident in session.execute(
            select(model.uuid, model.id).where(model.uuid.in_(batch)))})
    return found


__all__ = [
    "CodingRow",
    "MemoRow",
    "MergeRefused",
    "MergeSource",
    "StatusRow",
    "choose_qdpx_users",
    "coding_rows",
    "document_hashes",
    "driver_rows",
    "existing_uuids",
    "ids_by_uuid",
    "memo_rows",
    "read_copy",
    "read_qdpx",
    "read_source",
    "status_rows",
]
