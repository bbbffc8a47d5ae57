"""``concord check``: is a project file sound? And ``--repair`` for what can be repaired without judgement.

The checks, each reporting the table, the row (id and uuid where the table has one) and what is wrong:

* ``integrity`` — SQLite's ``PRAGMA integrity_check`` (every page, every index entry);
* ``references`` — ``PRAGMA foreign_key_check``: rows whose parent row is missing (orphans; possible in a
  file written with foreign keys off, by another tool or an old bug);
* ``offsets`` — codings, speaker turns, sentences and consensus decisions inside their document's text
  (``0 <= start < end <= len(text)``; a turn's label ends inside the turn);
* ``units`` — each sentence inside its speaker turn, in the same document;
* ``totals`` — each document's stored counts (characters, turns, sentences) equal to its text and unit
  tables; its word count plausible (``0 <= words <= characters``), or with ``words=True`` equal to a
  recount by the importer's rule (spaCy's tokenizer: slow on large projects);
* ``audit`` — the audit trail's hash chain (``coding.audit.verify_chain``).

Checking reads through a read-only SQLite connection and changes nothing. Repairing first writes a
"before-repair" backup (``coding.backup``), then, in one transaction of the open project, only does what
cannot lose a researcher's work: recompute the derived totals, delete orphan sentences and turns (units the
importer derives from the text) that nothing refers to, re-attach a sentence whose turn is gone to the turn
that contains it, and ``REINDEX`` when SQLite found damage. Codings, memos, codes and cases are never
changed: a coding out of range or an orphan coding is reported for a person to decide. The repair is one
audit event; the report says what was done and what remains.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from coding.backup import Backup, BackupError, RotationPolicy, make_backup
from coding.errors import ConcordError, ProjectFileError
from models.store import known_revisions
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.said import Said, said, shown

CHECKS = ("integrity", "references", "offsets", "units", "totals", "audit")
LISTED_PER_CHECK = 50  # rows listed per kind of problem; the count covers them all
BUSY_TIMEOUT_S = 5.0
UNIT_TABLES = ("speaker_turns", "sentences")
# Tables with a text ``uuid`` column (to name a row by something that survives an export).
_UUID_TABLES = frozenset({
    "cases", "documents", "codes", "coders", "codings", "attributes", "document_groups", "memos",
    "agreement_runs", "consensus_decisions", "coding_snapshots",
})
# Where a span lives: table, extra condition on the row's own columns, what the condition means.
_SPAN_TABLES = (
    ("codings", "", ""),
    ("speaker_turns", 't.content_start < t.start OR t.content_start > t."end"',
     QT_TRANSLATE_NOOP("check", "its label ends outside the turn")),
    ("sentences", "", ""),
    ("consensus_decisions", "", ""),
)


class CheckError(ConcordError):
    """A project that cannot be checked at all (missing, not a Concord project, unknown schema)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong: which check found it, where, and whether ``--repair`` fixes it."""

    check: str
    table: str | None
    row_id: int | None
    uuid: str | None
    message: str
    repairable: bool = False

    def where(self) -> str:
        if self.table is None:
            return ""
        row = f" row {self.row_id}" if self.row_id is not None else ""
        uuid = f" ({self.uuid})" if self.uuid else ""
        return f"{self.table}{row}{uuid}"

    def describe(self) -> str:
        """Where and what, the problem in the interface language (``message`` keeps the English for JSON)."""
        where = self.where()
        return f"{where}: {shown(self.message)}" if where else shown(self.message)

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "table": self.table, "id": self.row_id, "uuid": self.uuid,
                "problem": self.message, "repairable": self.repairable}


@dataclass
class CheckReport:
    """Problems found (at most ``LISTED_PER_CHECK`` listed per kind; ``counts`` has every one)."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # checks skipped or facts worth saying (audit head)
    repairable: int = 0  # how many of the problems ``repair_project`` fixes
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not any(self.counts.values())

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def of(self, check: str) -> list[Problem]:
        return [p for p in self.problems if p.check == check]

    def to_dict(self) -> dict[str, Any]:
        return {"project": str(self.path), "ok": self.ok, "problems": self.total, "repairable": self.repairable,
                "counts": self.counts, "listed": [p.to_dict() for p in self.problems], "notes": self.notes,
                "seconds": round(self.seconds, 3)}


@dataclass
class RepairReport:
    before: CheckReport
    after: CheckReport
    backup: Backup | None
    actions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.after.ok

    def to_dict(self) -> dict[str, Any]:
        return {"project": str(self.before.path), "ok": self.ok, "backup": self.backup.to_dict() if self.backup else None,
                "repaired": self.actions, "before": self.before.to_dict(), "remaining": self.after.to_dict()}


class _Collector:
    """Adds problems to a report, listing only the first few of each check."""

    def __init__(self, report: CheckReport) -> None:
        self.report = report

    def add(self, problem: Problem) -> None:
        count = self.report.counts.get(problem.check, 0)
        self.report.counts[problem.check] = count + 1
        self.report.repairable += problem.repairable
        if count < LISTED_PER_CHECK:
            self.report.problems.append(problem)


# -- opening -------------------------------------------------------------------------------------------------
def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.resolve()))}?mode={mode}"


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    if not path.is_file():
        raise CheckError(translate("errors", "{path}: no such project file").format(path=path))
    try:
        connection = sqlite3.connect(_uri(path, "ro"), uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise CheckError(translate("errors", "{path}: cannot be opened ({exc})").format(path=path, exc=exc)) from exc
    connection.isolation_level = None  # explicit transactions: every check reads one snapshot
    try:
        yield connection
    finally:
        connection.close()


def _schema(connection: sqlite3.Connection, path: Path) -> tuple[str, set[str]]:
    """The schema revision and the tables; refuses what is not a Concord project of a known schema."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise CheckError(translate(
            "errors", "{path}: not a readable SQLite database ({exc})").format(path=path, exc=exc)) from exc
    if not {"project_meta", "alembic_version", "documents"} <= tables:
        raise CheckError(translate(
            "errors", "{path}: an SQLite database, but not a Concord project").format(path=path))
    try:
        app = connection.execute("SELECT value FROM project_meta WHERE key = 'app'").fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        app, revision = ("concord",), None  # the meta tables themselves are damaged: the checks will say how
    if app is None or app[0] != "concord":
        raise CheckError(translate(
            "errors", "{path}: an SQLite database, but not a Concord project").format(path=path))
    if revision is not None and revision[0] not in known_revisions():
        raise CheckError(translate(
            "errors", "{path}: made by a newer version of Concord (schema {value}); update Concord to check it").format(
            path=path, value=revision[0]))
    return (revision[0] if revision else "?"), tables


# -- checking ------------------------------------------------------------------------------------------------
LENGTHS = "temp.concord_check_lengths"


@contextmanager
def _text_lengths(connection: sqlite3.Connection) -> Iterator[None]:
    """Each text's length in characters, computed once: ``length()`` reads a whole text, so never per row."""
    connection.execute(f"DROP TABLE IF EXISTS {LENGTHS}")
    connection.execute(f"CREATE TABLE {LENGTHS} (id INTEGER PRIMARY KEY, n INTEGER)")
    try:
        connection.execute(f"INSERT INTO {LENGTHS} SELECT id, length(text) FROM documents")
        yield
    finally:
        connection.execute(f"DROP TABLE IF EXISTS {LENGTHS}")


def check_project(path: str | Path, *, words: bool = False, audit: bool = True) -> CheckReport:
    """Run every check on a project file (live or not), changing nothing."""
    path = Path(path)
    started = time.perf_counter()
    report = CheckReport(path, counts={name: 0 for name in CHECKS})
    collect = _Collector(report)
    with _read_only(path) as connection:
        _revision, tables = _schema(connection, path)
        connection.execute("BEGIN")
        runs: list[tuple[str, Callable[[], None]]] = [
            ("integrity", lambda: _check_integrity(connection, collect)),
            ("references", lambda: _check_references(connection, collect)),
            ("offsets", lambda: _check_offsets(connection, tables, collect)),
            ("units", lambda: _check_units(connection, collect)),
            ("totals", lambda: _check_totals(connection, collect, words)),
        ]
        _run_checks(connection, runs[:2], collect)
        try:
            with _text_lengths(connection):
                _run_checks(connection, runs[2:], collect)
        except sqlite3.DatabaseError as exc:
            collect.add(Problem("offsets", "documents", None, None, said(
                "check", QT_TRANSLATE_NOOP("check", "texts could not be read (SQLite says: {problem})"), problem=exc)))
    if audit:
        _check_audit(path, collect)
    report.seconds = time.perf_counter() - started
    return report


def _run_checks(connection: sqlite3.Connection, runs: list[tuple[str, Callable[[], None]]],
                collect: _Collector) -> None:
    for name, run in runs:
        try:
            run()
        except sqlite3.DatabaseError as exc:  # a damaged file: say which check could not run, go on
            collect.add(Problem(name, None, None, None, said(
                "check", QT_TRANSLATE_NOOP("check", "could not be checked (SQLite says: {problem})"), problem=exc)))


def _check_integrity(connection: sqlite3.Connection, collect: _Collector) -> None:
    for (message,) in connection.execute(f"PRAGMA integrity_check({LISTED_PER_CHECK * 2})"):
        if message != "ok":
            # Index entries are derived from the rows: REINDEX rebuilds them. Other damage needs a backup.
            collect.add(Problem("integrity", None, None, None, message, repairable="index" in message))


def _uuid_of(connection: sqlite3.Connection, table: str, row_id: int) -> str | None:
    if table not in _UUID_TABLES:
        return None
    row = connection.execute(f'SELECT uuid FROM "{table}" WHERE rowid = ?', (row_id,)).fetchone()
    return row[0] if row else None


def _check_references(connection: sqlite3.Connection, collect: _Collector) -> None:
    orphans = list(connection.execute("PRAGMA foreign_key_check"))
    if not orphans:
        return
    columns = _foreign_key_columns(connection, {row[0] for row in orphans})
    orphan_turns = {row[1] for row in orphans if row[0] == "speaker_turns"}
    for table, row_id, parent, fk_id in orphans:
        column = columns.get((table, fk_id), "?")
        value_row = connection.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (row_id,)).fetchone()
        value = value_row[0] if value_row else None
        message = said("check", QT_TRANSLATE_NOOP("check", "its {column} refers to {parent} row {value}, which does not exist"),
                       column=column, parent=parent, value=value)
        repairable = _orphan_repairable(connection, table, row_id, column, orphan_turns)
        collect.add(Problem("references", table, row_id, _uuid_of(connection, table, row_id), message, repairable))


def _foreign_key_columns(connection: sqlite3.Connection, tables: Iterable[str]) -> dict[tuple[str, int], str]:
    found: dict[tuple[str, int], str] = {}
    for table in tables:
        for fk_id, _seq, _parent, from_column, *_rest in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
            found[(table, fk_id)] = from_column
    return found


def _orphan_repairable(
    connection: sqlite3.Connection, table: str, row_id: int, column: str, orphan_turns: set[int]
) -> bool:
    """Only units the importer derives from the text, and only when no other row needs them."""
    if table == "sentences" and column == "document_id":
        return True
    if table == "sentences" and column == "turn_id":
        return _containing_turn(connection, row_id) is not None
    if table == "speaker_turns":
        # Its sentences go first (they are orphans of the same missing document); any other keeps it.
        kept = connection.execute(
            "SELECT count(*) FROM sentences s WHERE s.turn_id = ? "
            "AND EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)", (row_id,),
        ).fetchone()[0]
        return kept == 0 and row_id in orphan_turns
    return False


def _containing_turn(connection: sqlite3.Connection, sentence_id: int) -> int | None:
    row = connection.execute(
        'SELECT t.id FROM sentences s JOIN speaker_turns t ON t.document_id = s.document_id '
        'AND t.start <= s.start AND s."end" <= t."end" WHERE s.id = ? ORDER BY t.start DESC LIMIT 1',
        (sentence_id,),
    ).fetchone()
    return row[0] if row else None


def _check_offsets(connection: sqlite3.Connection, tables: set[str], collect: _Collector) -> None:
    for table, extra, extra_meaning in _SPAN_TABLES:
        if table not in tables:
            continue
        uuid = "t.uuid" if table in _UUID_TABLES else "NULL"
        flagged = f"({extra})" if extra else "0"
        query = (
            f'SELECT t.id, {uuid}, t.start, t."end", l.n, {flagged} FROM "{table}" t '
            f"JOIN {LENGTHS} l ON l.id = t.document_id "
            f'WHERE t.start < 0 OR t."end" > l.n OR t.start >= t."end" OR {flagged}'
        )
        for row_id, row_uuid, start, end, length, extra_hit in connection.execute(query):
            collect.add(Problem("offsets", table, row_id, row_uuid, _span_problem(start, end, length, extra_hit,
                                                                                  extra_meaning)))


def _span_problem(start: int, end: int, length: int, extra_hit: int, extra_meaning: str) -> str:
    if start < 0:
        return said("check", QT_TRANSLATE_NOOP("check", "starts before the text ([{start}, {end}) in a text of {length} characters)"),
                    start=start, end=end, length=length)
    if end > length:
        return said("check", QT_TRANSLATE_NOOP("check", "ends after the text ([{start}, {end}) in a text of {length} characters)"),
                    start=start, end=end, length=length)
    if start >= end:
        return said("check", QT_TRANSLATE_NOOP("check", "is empty or reversed ([{start}, {end}))"), start=start, end=end)
    if extra_hit:
        return Said(f"{extra_meaning} ([{start}, {end}))", f"{translate('check', extra_meaning)} ([{start}, {end}))")
    return said("check", QT_TRANSLATE_NOOP("check", "[{start}, {end}) is out of range"), start=start, end=end)


def _check_units(connection: sqlite3.Connection, collect: _Collector) -> None:
    query = (
        'SELECT s.id, s.start, s."end", t.id, t.start, t."end", s.document_id, t.document_id '
        "FROM sentences s JOIN speaker_turns t ON t.id = s.turn_id "
        'WHERE s.document_id != t.document_id OR s.start < t.start OR s."end" > t."end"'
    )
    for sentence_id, start, end, turn_id, turn_start, turn_end, document_id, turn_document in connection.execute(query):
        if document_id != turn_document:
            message = said("check", QT_TRANSLATE_NOOP("check", "belongs to document {document} but its speaker turn {turn} to document "
                                              "{turn_document}"), document=document_id, turn=turn_id,
                           turn_document=turn_document)
        else:
            message = said("check", QT_TRANSLATE_NOOP("check", "[{start}, {end}) lies outside its speaker turn {turn} [{turn_start}, "
                                              "{turn_end})"), start=start, end=end, turn=turn_id,
                           turn_start=turn_start, turn_end=turn_end)
        collect.add(Problem("units", "sentences", sentence_id, None, message))


@dataclass(frozen=True)
class _Totals:
    document_id: int
    uuid: str
    stored: dict[str, int]
    actual: dict[str, int]


def _document_totals(connection: sqlite3.Connection) -> Iterator[_Totals]:
    query = (
        "SELECT d.id, d.uuid, d.char_count, d.turn_count, d.sentence_count, d.word_count, l.n, "
        "(SELECT count(*) FROM speaker_turns t WHERE t.document_id = d.id), "
        f"(SELECT count(*) FROM sentences s WHERE s.document_id = d.id) FROM documents d JOIN {LENGTHS} l ON l.id = d.id"
    )
    for doc_id, uuid, chars, turns, sentences, words, length, turn_rows, sentence_rows in connection.execute(query):
        yield _Totals(doc_id, uuid, {"characters": chars, "turns": turns, "sentences": sentences, "words": words},
                      {"characters": length, "turns": turn_rows, "sentences": sentence_rows})


def _check_totals(connection: sqlite3.Connection, collect: _Collector, words: bool) -> None:
    recount = _word_counter(connection) if words else None
    for totals in _document_totals(connection):
        wrong = [f"{name} {totals.stored[name]} (the {'text' if name == 'characters' else 'units'} "
                 f"have {actual})" for name, actual in totals.actual.items() if totals.stored[name] != actual]
        stored_words = totals.stored["words"]
        if stored_words is None or not 0 <= stored_words <= totals.actual["characters"]:
            wrong.append(f"words {stored_words} (impossible for {totals.actual['characters']} characters)")
        elif recount is not None:
            counted = recount(totals.document_id)
            if counted != stored_words:
                wrong.append(f"words {stored_words} (a recount finds {counted})")
        if wrong:
            collect.add(Problem("totals", "documents", totals.document_id, totals.uuid,
                                said("check", QT_TRANSLATE_NOOP("check", "stored counts differ: {counts}"), counts="; ".join(wrong)),
                                repairable=True))


def _word_counter(connection: sqlite3.Connection) -> Callable[[int], int]:
    """Words of a stored document by the importer's rule: tokens outside the speaker labels."""
    from coding.analysis.words import word_starts

    # The metadata header (schema 0007 on) holds no words said either; an older file being checked has none.
    has_header = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_metadata'").fetchone()
    header_spans = 'UNION ALL SELECT start, "end" FROM document_metadata WHERE document_id = ? ' if has_header else ""

    def count(document_id: int) -> int:
        uuid, text, language = connection.execute(
            "SELECT uuid, text, language FROM documents WHERE id = ?", (document_id,)).fetchone()
        labels = connection.execute(
            "SELECT start, content_start FROM speaker_turns WHERE document_id = ? AND content_start > start "
            + header_spans + "ORDER BY start", (document_id,) * (2 if header_spans else 1)).fetchall()
        starts = ([row[0] for row in labels], [row[1] for row in labels])
        return len(word_starts(uuid, text, language, starts))

    return count


def _check_audit(path: Path, collect: _Collector) -> None:
    from coding import audit

    verify = getattr(audit, "verify_chain", None)
    if verify is None:
        collect.report.notes.append(said(
            "check", QT_TRANSLATE_NOOP("check", "audit chain: not checked (this version of Concord has no audit chain)")))
        return
    with _read_only(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(audit_events)")}
    if "hash" not in columns:
        collect.report.notes.append(said("check", QT_TRANSLATE_NOOP("check", "audit chain: not checked (the project's schema predates the "
                                                             "audit chain; opening it in Concord upgrades it)")))
        return
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DatabaseError
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import NullPool

    uri = _uri(path, "ro")
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True), poolclass=NullPool)
    try:
        with Session(engine) as session:
            result = verify(session)
    except DatabaseError as exc:  # a damaged audit table: report it, keep the other checks' findings
        collect.add(Problem("audit", "audit_events", None, None, said(
            "check", QT_TRANSLATE_NOOP("check", "could not be checked (SQLite says: {problem})"), problem=exc.orig)))
        return
    finally:
        engine.dispose()
    message = getattr(result, "message", str(result))
    if result.ok:
        collect.report.notes.append(message)
    else:
        collect.add(Problem("audit", "audit_events", getattr(result, "broken_at", None), None, message))


# -- repairing -----------------------------------------------------------------------------------------------
def repair_project(
    path: str | Path, *, words: bool = False, actor: str | None = None, policy: RotationPolicy | None = None
) -> RepairReport:
    """Check, back up ("before-repair"), repair what is safe in one transaction, and check again."""
    from coding import audit
    from coding.project import Project

    path = Path(path)
    before = check_project(path, words=words)
    if not before.repairable:
        return RepairReport(before, before, None, [])
    try:
        project = Project.open(path)  # as a writer: refused while another process writes to it
    except ProjectFileError as exc:
        raise CheckError(translate("errors", "{path}: cannot be repaired ({exc})").format(path=path, exc=exc)) from exc
    try:
        try:
            backup = make_backup(path, "before-repair", policy=policy).backup
        except BackupError as exc:
            raise CheckError(translate(
                "errors", "{path}: not repaired, since a backup could not be made first ({exc})").format(
                path=path, exc=exc)) from exc
        with project.session() as session:
            connection = session.connection().connection.driver_connection
            if not isinstance(connection, sqlite3.Connection):  # Project.open opens project files only
                raise CheckError(translate(
                    "errors", "{path}: only a project file (SQLite) can be repaired").format(path=path))
            actions = _repair(connection, before, words)
            if actions:
                audit.record(session, actor or project.actor, "repair", "project", None, None, {"repaired": actions})
    finally:
        project.close()
    after = check_project(path, words=words)
    return RepairReport(before, after, backup, actions)


def _repair(connection: sqlite3.Connection, report: CheckReport, words: bool) -> list[str]:
    actions: list[str] = []
    actions += _repair_orphan_units(connection)
    with _text_lengths(connection):
        actions += _repair_totals(connection, words)
    if report.counts.get("integrity"):
        connection.execute("REINDEX")
        actions.append(said("check", QT_TRANSLATE_NOOP("check", "rebuilt every index (REINDEX)")))
    return actions


def _repair_orphan_units(connection: sqlite3.Connection) -> list[str]:
    actions: list[str] = []
    gone = connection.execute(
        "DELETE FROM sentences WHERE document_id NOT IN (SELECT id FROM documents)").rowcount
    if gone:
        actions.append(said("check", QT_TRANSLATE_NOOP("check", "deleted {count} sentence(s) of documents that no longer exist"),
                            count=gone))
    relinked = 0
    lost_turn = 'SELECT id FROM sentences WHERE turn_id IS NOT NULL AND turn_id NOT IN (SELECT id FROM speaker_turns)'
    for (sentence_id,) in connection.execute(lost_turn).fetchall():
        turn_id = _containing_turn(connection, sentence_id)
        if turn_id is not None:
            connection.execute("UPDATE sentences SET turn_id = ? WHERE id = ?", (turn_id, sentence_id))
            relinked += 1
    if relinked:
        actions.append(said("check", QT_TRANSLATE_NOOP("check", "re-attached {count} sentence(s) whose speaker turn was gone to the turn "
                                               "containing them"), count=relinked))
    turns = connection.execute(
        "DELETE FROM speaker_turns WHERE document_id NOT IN (SELECT id FROM documents) "
        "AND id NOT IN (SELECT turn_id FROM sentences WHERE turn_id IS NOT NULL)").rowcount
    if turns:
        actions.append(said("check", QT_TRANSLATE_NOOP("check", "deleted {count} speaker turn(s) of documents that no longer exist"),
                            count=turns))
    return actions


def _repair_totals(connection: sqlite3.Connection, words: bool) -> list[str]:
    recount = _word_counter(connection) if words else None
    fixed: list[str] = []
    for totals in list(_document_totals(connection)):
        changes = {name: actual for name, actual in totals.actual.items() if totals.stored[name] != actual}
        stored_words = totals.stored["words"]
        implausible = stored_words is None or not 0 <= stored_words <= totals.actual["characters"]
        if implausible or recount is not None:
            counted = (recount or _word_counter(connection))(totals.document_id)
            if counted != stored_words:
                changes["words"] = counted
        if not changes:
            continue
        columns = {"characters": "char_count", "turns": "turn_count", "sentences": "sentence_count",
                   "words": "word_count"}
        assignments = ", ".join(f"{columns[name]} = ?" for name in changes)
        connection.execute(f"UPDATE documents SET {assignments} WHERE id = ?", (*changes.values(), totals.document_id))
        fixed.append(f"{totals.uuid} ({', '.join(f'{k} {totals.stored[k]} → {v}' for k, v in changes.items())})")
    if not fixed:
        return []
    more = f"; … and {len(fixed) - LISTED_PER_CHECK} more" if len(fixed) > LISTED_PER_CHECK else ""
    return [said("check", QT_TRANSLATE_NOOP("check", "recomputed the stored counts of {count} document(s): {documents}"),
                 count=len(fixed), documents="; ".join(fixed[:LISTED_PER_CHECK]) + more)]


__all__ = ["CHECKS", "CheckError", "CheckReport", "Problem", "RepairReport", "check_project", "repair_project"]
