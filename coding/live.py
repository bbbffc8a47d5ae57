"""Live refresh on a PostgreSQL project: every commit tells the other open apps what changed (LISTEN/NOTIFY).

Sending. :func:`publish_commits` hooks a server project's engine: while a transaction runs it notes which tables
its statements write (any path: the ORM, Core, ``exec_driver_sql``), and just before the COMMIT it sends one notice
with ``pg_notify`` on :data:`CHANNEL` in the same transaction, so a notice goes out only when the commit succeeds.
LISTEN/NOTIFY is scoped to one database, and a project is one database: the channel is the project's own.

What a notice may say. Any role can LISTEN (a coder with psql too), so a notice says no more than row-level
security lets everyone see: the kinds of things that changed (``Changes`` flags) and, for codings, only which
document, which coder and how many — never codes, offsets, memos or text. Receivers re-read through their own
connection, where the server hides what their role may not see. A notice over :data:`PAYLOAD_LIMIT` bytes (the
server refuses 8,000) becomes a short "reload" notice: receivers re-read everything.

Each notice names its sender (coder, process id and a per-process token, :data:`PROCESS_SENDER`), so an app
ignores its own notices: its own edits were announced already.

Receiving. :class:`ChangeListener` is a thread with its own psycopg connection that LISTENs, hands each notice
to a callback, and reconnects with backoff when the connection drops, reporting ``connected`` / ``lost`` /
``reconnected`` to a second callback (after a reconnect it hands on a reload notice: notices sent meanwhile were
missed). :func:`next_change` waits for one notice (for benchmarks and scripts).

The gap before listening. An app reads the project first and starts listening after; a commit in between is
announced to no one who listens for it. So a project takes a high-water mark when it is opened
(:func:`change_mark`: which transactions had finished), and the listener, once LISTEN is in force, compares it with
the server's mark then (:func:`changed_since`): if any transaction finished in between, it hands on a reload
notice, as after a reconnect. The mark is the server's (transactions of other databases count too), so a busy
server may cost one needless re-read at opening, never a missed change.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import uuid
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coding.changes import FLAGS, Changes
from models import Coding

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

CHANNEL = "concord_changes"
PAYLOAD_LIMIT = 7_900  # bytes; PostgreSQL refuses a payload of 8,000 bytes or more
NOTICE_VERSION = 1
PROCESS_SENDER = f"{os.getpid()}:{uuid.uuid4().hex[:12]}"  # unique across machines, names none of them
# Which kinds of change a write to each table is; a table not named here means "reload everything".
TABLE_FLAGS: dict[str, tuple[str, ...]] = {
    "documents": ("documents",), "speaker_turns": ("documents",), "sentences": ("documents",),
    "document_metadata": ("documents",), "codes": ("codes",), "codings": ("codings",), "coders": ("coders",),
    "cases": ("cases",), "attributes": ("attributes",), "attribute_values": ("attributes",),
    "document_groups": ("groups",), "document_group_members": ("groups",), "memos": ("memos",),
    "agreement_runs": ("agreement",), "agreement_results": ("agreement",), "coding_snapshots": ("agreement",),
    "consensus_decisions": ("consensus",), "matrix_cell_summaries": ("matrix",), "assignments": ("assignments",),
    # Project settings: the quick slots (codebook) and project-wide choices such as blind mode (codings).
    "project_meta": ("codes", "codings"),
    "dictionaries": ("dictionaries",), "dictionary_categories": ("dictionaries",),
    "dictionary_entries": ("dictionaries",), "machine_models": ("machine",), "machine_suggestions": ("machine",),
    "document_originals": ("documents",), "document_pages": ("documents",), "turn_times": ("documents",),
    "media_links": ("documents",),
    "exchange_attributes": ("documents",),
}
UNNOTICED_TABLES = frozenset({"audit_events", "alembic_version"})  # the trail itself changes nothing shown
_DML = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:ONLY\s+)?(?:"?\w+"?\.)?"?(\w+)"?', re.I)
_PENDING = "concord_live_pending"  # key in a DBAPI connection's ``info``: what its open transaction wrote
_publishing: weakref.WeakSet[Engine] = weakref.WeakSet()  # engines whose commits send notices
_session_hooks = threading.Lock()
_session_hooks_installed = False

# Listener states, as reported to ``on_state``.
CONNECTED, LOST, RECONNECTED = "connected", "lost", "reconnected"


# -- what a notice says -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sender:
    """Who committed: the coder the app names, the process, and this process's token."""

    id: str
    coder: str
    pid: int


@dataclass(frozen=True)
class CodingsTouched:
    """``count`` codings of coder ``coder_id`` in document ``document_id`` appeared, went or changed."""

    document_id: int
    coder_id: int
    count: int


@dataclass(frozen=True)
class Notice:
    """One commit as another app hears of it. ``codings`` is None when the sender cannot say which documents;
    ``reload`` means "re-read everything" (the record was too big, or notices were missed)."""

    sender: Sender
    changes: Changes
    codings: tuple[CodingsTouched, ...] | None = None
    reload: bool = False
    sent_at: float = 0.0  # the sender's clock (time.time()) just before its commit

    @property
    def document_ids(self) -> frozenset[int] | None:
        """The documents whose codings changed (None: it does not say)."""
        if self.codings is None:
            return None
        return frozenset(touched.document_id for touched in self.codings)


EVERYTHING = Changes.of(*FLAGS)


def reload_notice(sender: Sender, sent_at: float = 0.0) -> Notice:
    return Notice(sender, EVERYTHING, None, reload=True, sent_at=sent_at)


def encode(notice: Notice, limit: int = PAYLOAD_LIMIT) -> str:
    """The notice as compact JSON; over ``limit`` bytes, the short reload notice instead."""
    data: dict[str, Any] = {
        "v": NOTICE_VERSION,
        "sender": {"id": notice.sender.id, "coder": notice.sender.coder, "pid": notice.sender.pid},
        "at": round(notice.sent_at, 6),
    }
    if notice.reload:
        data["reload"] = True
    else:
        data["changed"] = [name for name in FLAGS if getattr(notice.changes, name)]
        if notice.codings is not None:
            data["codings"] = [[t.document_id, t.coder_id, t.count] for t in notice.codings]
    text = json.dumps(data, separators=(",", ":"))
    if len(text.encode()) > limit and not notice.reload:
        return encode(reload_notice(notice.sender, notice.sent_at), limit)
    return text


def decode(payload: str) -> Notice | None:
    """The notice in ``payload``; None for anything that is not one (logged, never raised: a listener
    outlives a bad notice)."""
    try:
        data = json.loads(payload)
        sender = Sender(str(data["sender"]["id"]), str(data["sender"]["coder"]), int(data["sender"]["pid"]))
        sent_at = float(data.get("at", 0.0))
        if data.get("reload"):
            return reload_notice(sender, sent_at)
        if not isinstance(data["changed"], list) or not set(data["changed"]) <= set(FLAGS):
            return reload_notice(sender, sent_at)  # a newer Concord's kinds of change: re-read everything
        changes = Changes.of(*data["changed"])
        codings = data.get("codings")
        touched = None if codings is None else tuple(CodingsTouched(int(d), int(c), int(n)) for d, c, n in codings)
        return Notice(sender, changes, touched, sent_at=sent_at)
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("ignored a notice that is not a Concord change notice (%s)", exc)
        return None


# -- sending ----------------------------------------------------------------------------------------------
@dataclass
class _Pending:
    """What one transaction wrote so far."""

    tables: set[str]
    codings: Counter[tuple[int, int]]
    codings_unknown: bool = False  # codings written outside the ORM's unit of work: documents unknown
    flushing: bool = False

    @classmethod
    def empty(cls) -> _Pending:
        return cls(set(), Counter())

    def notice(self, sender: Sender) -> Notice | None:
        tables = self.tables - UNNOTICED_TABLES
        if not tables:
            return None
        if any(table not in TABLE_FLAGS for table in tables):
            return reload_notice(sender, time.time())
        changes = Changes.of(*sorted({flag for table in tables for flag in TABLE_FLAGS[table]}))
        return Notice(sender, changes, self._codings_detail(tables), sent_at=time.time())

    def _codings_detail(self, tables: set[str]) -> tuple[CodingsTouched, ...] | None:
        """Which documents' codings changed, when every codings change here came through the ORM."""
        others = any("codings" in TABLE_FLAGS[table] for table in tables - {"codings"})
        if "codings" not in tables or self.codings_unknown or others:
            return None
        return tuple(CodingsTouched(document, coder, count) for (document, coder), count in sorted(self.codings.items()))


def publish_commits(engine: Engine, coder: Callable[[], str]) -> None:
    """Send a notice with every commit on ``engine`` (a PostgreSQL engine) that wrote something.
    ``coder`` names the coder at commit time (the app may switch coders while open)."""
    if engine.dialect.name != "postgresql" or engine in _publishing:
        return
    _install_session_hooks()
    _publishing.add(engine)
    event.listen(engine, "begin", _start_transaction)
    event.listen(engine, "before_cursor_execute", _note_statement)
    event.listen(engine, "commit", lambda connection: _send(connection, coder))
    event.listen(engine, "rollback", _start_transaction)


def _pending(connection: Connection) -> _Pending:
    pending = connection.info.get(_PENDING)
    if not isinstance(pending, _Pending):
        pending = connection.info[_PENDING] = _Pending.empty()
    return pending


def _start_transaction(connection: Connection) -> None:
    connection.info[_PENDING] = _Pending.empty()


def _note_statement(connection: Connection, _cursor: object, statement: str, _parameters: object,
                    _context: object, _executemany: bool) -> None:
    match = _DML.match(statement)
    if match is None:
        return
    table = match.group(1).lower()
    pending = _pending(connection)
    pending.tables.add(table)
    if table == "codings" and not pending.flushing:
        pending.codings_unknown = True  # a bulk statement: which documents it touched is not known here


def _send(connection: Connection, coder: Callable[[], str]) -> None:
    pending = connection.info.pop(_PENDING, None)
    if pending is None:
        return
    notice = pending.notice(Sender(PROCESS_SENDER, coder(), os.getpid()))
    if notice is None:
        return
    driver = connection.connection.driver_connection
    if driver is None:  # pragma: no cover - the connection is open while it commits
        return
    # Straight to the driver: the commit is under way, so no new SQLAlchemy execution may start here.
    driver.execute("SELECT pg_notify(%s, %s)", (CHANNEL, encode(notice)))


def _install_session_hooks() -> None:
    """Codings written by the ORM's unit of work name their document and coder: note those (for every session
    on a publishing engine; other sessions return at once)."""
    global _session_hooks_installed
    with _session_hooks:
        if _session_hooks_installed:
            return
        event.listen(Session, "before_flush", _flush_starts)
        event.listen(Session, "after_flush", _flush_ends)
        _session_hooks_installed = True


def _publishing_connection(session: Session) -> Connection | None:
    if session.bind not in _publishing:
        return None
    return session.connection()


def _flush_starts(session: Session, _context: object, _instances: object) -> None:
    connection = _publishing_connection(session)
    if connection is not None:
        _pending(connection).flushing = True


def _flush_ends(session: Session, _context: object) -> None:
    connection = _publishing_connection(session)
    if connection is None:
        return
    pending = _pending(connection)
    pending.flushing = False
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Coding) and instance.document_id is not None and instance.coder_id is not None:
            pending.codings[(instance.document_id, instance.coder_id)] += 1


# -- the gap between reading and listening ------------------------------------------------------------------
MARK_QUERY = "SELECT pg_current_snapshot()::text"  # "xmin:xmax:xip,…": PostgreSQL 13 and later


def change_mark(engine: Engine) -> str | None:
    """The server's high-water mark now (see the module notes); None if the server cannot give one."""
    if engine.dialect.name != "postgresql":
        return None
    try:
        with engine.connect() as connection:
            mark = connection.exec_driver_sql(MARK_QUERY).scalar()
    except DBAPIError as exc:
        log.info("live refresh: no high-water mark (%s); a change before listening may be missed", exc)
        return None
    return str(mark) if mark is not None else None


def _parse_mark(mark: str) -> tuple[int, frozenset[int]]:
    """A snapshot's xmax (the first transaction id not yet given out) and its transactions still running."""
    _xmin, xmax, running = mark.split(":")
    return int(xmax), frozenset(int(xid) for xid in running.split(",") if xid)


def changed_since(before: str, after: str) -> bool:
    """Whether any transaction finished between snapshot marks ``before`` and ``after`` (committed or aborted:
    a mark cannot tell, so an abort costs one needless re-read). Read-only transactions have no id and never count.
    A mark that cannot be read says "changed"."""
    try:
        xmax_before, running_before = _parse_mark(before)
        xmax_after, running_after = _parse_mark(after)
    except ValueError:
        return True
    if running_before - running_after:  # running then, finished now
        return True
    started_since = xmax_after - xmax_before
    still_running = sum(1 for xid in running_after if xid >= xmax_before)
    return started_since > still_running


# -- receiving --------------------------------------------------------------------------------------------
def connection_options(location: URL | str) -> dict[str, Any]:
    """psycopg connect arguments for a project URL, with TCP keepalives so a silent network drop is noticed."""
    url = make_url(location) if isinstance(location, str) else location
    options: dict[str, Any] = {
        "host": url.host, "port": url.port, "dbname": url.database, "user": url.username,
        "password": url.password, "connect_timeout": 5, "application_name": "concord-live",
        "keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
    }
    options.update({key: value for key, value in url.query.items() if isinstance(value, str)})
    return {key: value for key, value in options.items() if value is not None}


class ChangeListener(threading.Thread):
    """LISTENs on a project's channel in its own thread and connection; reconnects with backoff.

    ``on_notice(notice)`` and ``on_state(state)`` run in this thread: hand them on to wherever they are used
    (the app queues them to its GUI thread). Notices from ``ignore_sender`` (this process, by default) are
    dropped: their edits were announced where they were made. ``since`` is the project's :func:`change_mark` from
    before the receiver read it: a change committed after that and before LISTEN is handed on as a reload notice.
    """

    POLL_S = 0.25  # how often the thread looks up from waiting (to stop, to check the connection)
    HEARTBEAT_S = 5.0  # a query this often finds a connection the network dropped without a word
    BACKOFF_S = (0.25, 0.5, 1.0, 2.0, 4.0)

    def __init__(self, url: URL | str, on_notice: Callable[[Notice], None],
                 on_state: Callable[[str], None] | None = None, *,
                 ignore_sender: str | None = PROCESS_SENDER, since: str | None = None) -> None:
        super().__init__(name="concord-live", daemon=True)
        self.options = connection_options(url)
        self.since = since
        self.on_notice = on_notice
        self.on_state = on_state or (lambda _state: None)
        self.ignore_sender = ignore_sender
        self.listening = threading.Event()  # set while LISTEN is in force (tests and benchmarks wait on it)
        self._stop_requested = threading.Event()
        self._connection: psycopg.Connection[Any] | None = None
        self.state = ""

    def stop(self, wait: float = 5.0) -> None:
        self._stop_requested.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(wait)

    def run(self) -> None:
        import psycopg  # here, not at the top: a project file's app never loads the driver

        attempt = 0
        while not self._stop_requested.is_set():
            try:
                self._listen()
                attempt = 0
            except psycopg.Error as exc:
                self.listening.clear()
                if self.state in (CONNECTED, RECONNECTED):
                    log.info("live refresh: connection lost (%s)", exc)
                    self._report(LOST)
                delay = self.BACKOFF_S[min(attempt, len(self.BACKOFF_S) - 1)]
                attempt += 1
                self._stop_requested.wait(delay)
            finally:
                self._close()

    def _listen(self) -> None:
        import psycopg

        self._connection = psycopg.connect(autocommit=True, **self.options)
        self._connection.execute(f"LISTEN {CHANNEL}")
        self.listening.set()
        first = not self.state
        self._report(CONNECTED if first else RECONNECTED)
        if not first or self._missed_before_listening():  # whatever was sent meanwhile is lost: re-read everything
            self._call(self.on_notice, reload_notice(Sender("", "", 0), time.time()))
        last_heartbeat = time.monotonic()
        while not self._stop_requested.is_set():
            for raw in self._connection.notifies(timeout=self.POLL_S):
                self._deliver(raw.payload)
            if time.monotonic() - last_heartbeat > self.HEARTBEAT_S:
                self._connection.execute("SELECT 1")
                last_heartbeat = time.monotonic()

    def _missed_before_listening(self) -> bool:
        """On the first connection: did anything commit between ``since`` and now (LISTEN is in force)?"""
        if self.since is None or self._connection is None:
            return False
        row = self._connection.execute(MARK_QUERY).fetchone()
        return row is None or changed_since(self.since, str(row[0]))

    def _deliver(self, payload: str) -> None:
        notice = decode(payload)
        if notice is None or (self.ignore_sender is not None and notice.sender.id == self.ignore_sender):
            return
        self._call(self.on_notice, notice)

    def _report(self, state: str) -> None:
        if state == LOST and self.state == LOST:
            return
        self.state = state
        self._call(self.on_state, state)

    def _call(self, callback: Callable[[Any], None], value: object) -> None:
        """Hand on, unless stopped (the receiver may be gone); a failing receiver never ends the listener."""
        if self._stop_requested.is_set():
            return
        try:
            callback(value)
        except Exception:
            log.exception("live refresh: a receiver failed on %r", value)

    def _close(self) -> None:
        import psycopg

        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except psycopg.Error:
                pass


def next_change(url: URL | str, timeout: float, *, ready: threading.Event | None = None,
                ignore_sender: str | None = None) -> Notice | None:
    """Wait up to ``timeout`` seconds for the next change committed on the project at ``url``; None if none came.

    ``ready`` is set once LISTEN is in force (commit after that). Notices from ``ignore_sender`` do not count
    (pass :data:`PROCESS_SENDER` to wait for another process). For benchmarks: the delay from a commit to its
    notice is ``time.time() - notice.sent_at`` (the same machine's clock)."""
    import psycopg

    with psycopg.connect(autocommit=True, **connection_options(url)) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        if ready is not None:
            ready.set()
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            for raw in connection.notifies(timeout=left, stop_after=1):
                notice = decode(raw.payload)
                if notice is not None and (ignore_sender is None or notice.sender.id != ignore_sender):
                    return notice
    return None


__all__ = [
    "CHANNEL",
    "CONNECTED",
    "EVERYTHING",
    "LOST",
    "MARK_QUERY",
    "PAYLOAD_LIMIT",
    "PROCESS_SENDER",
    "RECONNECTED",
    "ChangeListener",
    "CodingsTouched",
    "Notice",
    "Sender",
    "change_mark",
    "changed_since",
    "connection_options",
    "decode",
    "encode",
    "next_change",
    "publish_commits",
    "reload_notice",
]
