"""Audit trail: every change to codes, codings, cases and attributes writes one event.

The events form a hash chain. Each event stores ``prev_hash`` (the ``hash`` of the event before it in
id order; ``GENESIS_HASH`` for the first) and ``hash``, the SHA-256 of a canonical JSON of its own
fields plus ``prev_hash``. Editing, deleting, inserting or reordering events afterwards breaks a link
that :func:`verify_chain` reports. It is tamper-*evident*, not tamper-proof: anyone can recompute a
whole chain, so keep the head hash that ``concord audit verify`` prints (in a lab notebook, an
e-mail) to anchor it; that also catches events cut off at the end.

Linking is done inside the writing transaction *after* the event's INSERT: in SQLite that INSERT holds
the database's single write lock until commit, so no other process can add an event between reading
the predecessor and committing, and two writers never link to the same event (a unique index on
``prev_hash`` refuses such a fork anyway). A PostgreSQL backend, where writers do not exclude each
other, must serialise chain writers the same way: take ``pg_advisory_xact_lock(<audit key>)`` before
the INSERT (held to commit, so ids are also handed out in chain order), then link as here. While one writer
holds that lock every other waits, so the locked section is kept to three round trips: lock and INSERT (which
returns the predecessor's hash) pipelined as one, the link's UPDATE, and the COMMIT with its change notice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar, NamedTuple, Protocol, TypeAlias, TypeVar
from typing import cast as typing_cast

from sqlalchemy import ColumnElement, Integer, Select, String, Text, bindparam, cast, func, literal_column, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import InstrumentedAttribute, Session

from coding.errors import CancelledError, ValidationError
from coding.export.common import ExportResult, check_target, replaced_when_done
from coding.progress import Cancel, Progress
from coding.text import one_line
from models import AuditEvent, Case, Code, Coder, Document
from models.entities import utcnow
from coding.i18n import translate

GENESIS_HASH = "0" * 64
# A value as an event's JSON columns (before, after) give it back.
Json: TypeAlias = "None | bool | int | float | str | list[Json] | dict[str, Json]"
_Key = TypeVar("_Key", int, str)  # an id or a uuid that AuditNames maps to a name
READ_BATCH = 2000
SUMMARY_LIMIT = 60  # characters of a value an audit summary shows

# What each kind of broken link means, in the words ``concord audit verify`` prints.
PROBLEMS = {
    "edited": "edited after it was written",
    "deleted": "an event before it was deleted",
    "inserted": "inserted after the fact, outside the chain",
    "reordered": "moved out of its place in the chain",
}
# The entities Concord writes events about (a project's own events may name more).
KNOWN_ENTITIES = (
    "agreement_run", "assignment", "attribute", "case", "code", "coder", "coding", "consensus_decision", "dictionary",
    "document", "group", "matrix_cell", "memo", "project",
)


# -- writing -------------------------------------------------------------------------------------------
_EVENTS = AuditEvent.__table__
# Built once: SQLAlchemy then reuses their compiled form, and Core skips the ORM's unit of work (an edit's
# budget is 30 ms; the chain must cost well under 1 ms of it). The INSERT hands back the new id and its
# predecessor (read in the INSERT's own snapshot, taken after the chain lock on PostgreSQL), so only the link's
# UPDATE follows. (SQLAlchemy does not correlate a subquery in RETURNING to the inserted row: literal SQL.)
_PREVIOUS = (
    "(SELECT earlier.{column} FROM audit_events AS earlier WHERE earlier.id < audit_events.id "
    "ORDER BY earlier.id DESC LIMIT 1)"
)
_INSERT_EVENT = _EVENTS.insert().returning(
    _EVENTS.c.id,
    literal_column(_PREVIOUS.format(column="id"), Integer).label("previous_id"),
    literal_column(_PREVIOUS.format(column="hash"), String).label("previous_hash"),
)
_LINK_EVENT = (
    _EVENTS.update().where(_EVENTS.c.id == bindparam("event_id"))
    .values(prev_hash=bindparam("new_prev_hash"), hash=bindparam("new_hash"))
)


# PostgreSQL: held to commit, so one transaction at a time links to the chain (ids come in chain order too).
AUDIT_CHAIN_LOCK_KEY = 0x434F4E43_00A0D17
_CHAIN_LOCK = select(func.pg_advisory_xact_lock(AUDIT_CHAIN_LOCK_KEY))
_PG_CHAIN_LOCK = "SELECT pg_advisory_xact_lock(%s)"
_PG_INSERT_EVENT = (
    "INSERT INTO audit_events (at, actor, action, entity, entity_uuid, before, after) "
    "VALUES (%(at)s, %(actor)s, %(action)s, %(entity)s, %(entity_uuid)s, %(before)s, %(after)s) "
    f"RETURNING id, {_PREVIOUS.format(column='id')}, {_PREVIOUS.format(column='hash')}"
)


def _insert_after_chain_lock(
    connection: Connection, fields: Mapping[str, object]
) -> tuple[int, int | None, str | None]:
    """Queue for the chain's lock and INSERT the event in one round trip (a psycopg pipeline): the server runs the
    INSERT the moment the lock is granted, in a snapshot taken after it, so the predecessor it reads is the last
    committed event. Every client wake-up while the lock is held makes all other writers wait, so there are few."""
    import psycopg

    driver = connection.connection.driver_connection
    if not isinstance(driver, psycopg.Connection) or not psycopg.Pipeline.is_supported():  # two round trips then
        connection.execute(_CHAIN_LOCK)
        inserted = connection.execute(_INSERT_EVENT, fields).one()
        return inserted.id, inserted.previous_id, inserted.previous_hash
    # The values exactly as SQLAlchemy would send them (JSON columns through the dialect's own bind processors).
    params = {key: _bind(connection, key, value) for key, value in fields.items()}
    try:
        with driver.pipeline():
            driver.execute(_PG_CHAIN_LOCK, (AUDIT_CHAIN_LOCK_KEY,))
            cursor = driver.execute(_PG_INSERT_EVENT, params)
        row = cursor.fetchone()
    except psycopg.Error as exc:  # as SQLAlchemy raises it, so role refusals, retries and reconnects read it as usual
        dropped = connection.dialect.is_disconnect(typing_cast(Any, exc), connection.connection, None)
        if dropped:
            connection.invalidate(exc)
        raise DBAPIError.instance(_PG_INSERT_EVENT, params, exc, psycopg.Error, connection_invalidated=dropped,
                                  dialect=connection.dialect) from exc
    if row is None:  # pragma: no cover - an INSERT ... RETURNING gives its row
        raise RuntimeError("the audit event's INSERT returned no row")
    return int(row[0]), row[1], row[2]


def _bind(connection: Connection, column: str, value: object) -> object:
    processor = _EVENTS.c[column].type._cached_bind_processor(connection.dialect)
    return value if processor is None else processor(value)


class RecordedEvent(NamedTuple):
    id: int
    prev_hash: str
    hash: str


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
) -> RecordedEvent:
    """Write one event in the caller's transaction, linked to the chain (insert, then link: see the module notes)."""
    fields = {
        "at": utcnow(), "actor": actor or "", "action": action, "entity": entity, "entity_uuid": entity_uuid,
        "before": _as_stored(before), "after": _as_stored(after),
    }
    connection = session.connection()
    if connection.dialect.name == "postgresql":  # writers do not exclude each other there: queue for the chain
        event_id, previous_id, previous_hash = _insert_after_chain_lock(connection, fields)
    else:  # from this INSERT on, the transaction holds SQLite's write lock: nobody else adds an event before commit
        inserted = connection.execute(_INSERT_EVENT, fields).one()
        event_id, previous_id, previous_hash = inserted.id, inserted.previous_id, inserted.previous_hash
    prev_hash = _hash_before(session, previous_id, previous_hash)
    own_hash = event_hash(_fields_of(SimpleNamespace(id=event_id, **fields)), prev_hash)
    connection.execute(_LINK_EVENT, {"event_id": event_id, "new_prev_hash": prev_hash, "new_hash": own_hash})
    return RecordedEvent(event_id, prev_hash, own_hash)


class EventSpec(NamedTuple):
    """One event of a bulk write (``record_many``): what ``record`` takes after the action and entity."""

    entity_uuid: str | None
    before: Mapping[str, object] | None
    after: Mapping[str, object] | None


_INSERT_EVENTS = _EVENTS.insert().returning(_EVENTS.c.id, sort_by_parameter_order=True)


def record_many(session: Session, actor: str, action: str, entity: str, events: Sequence[EventSpec]) -> None:
    """Write many events of one action in the caller's transaction, linked to the chain exactly as ``record``
    links each (the same hashes), in a few statements instead of two per event: autocoding thousands of
    passages must not spend minutes on its trail. The chain's tail is read after the first INSERT (SQLite: the
    transaction then holds the write lock) or after the chain lock (PostgreSQL), so nobody links in between."""
    if len(events) < 2:
        for event in events:
            record(session, actor, action, entity, *event)
        return
    connection = session.connection()
    at = utcnow()
    rows = [{"at": at, "actor": actor or "", "action": action, "entity": entity, "entity_uuid": event.entity_uuid,
             "before": _as_stored(event.before), "after": _as_stored(event.after)} for event in events]
    if connection.dialect.name == "postgresql":
        connection.execute(_CHAIN_LOCK)
        ids = [row.id for row in connection.execute(_INSERT_EVENTS, rows)]
        links = _links(session, connection, ids, rows)
        connection.execute(_LINK_EVENT, links)
        return
    # SQLite: the first event as ``record`` writes it; from then on this transaction holds the write lock, so the
    # next rowids are the first's + 1, + 2, …: the rest go in with their ids and links, each index touched once.
    first = record(session, actor, action, entity, *events[0])
    rest = rows[1:]
    ids = list(range(first.id + 1, first.id + 1 + len(rest)))
    links = _links_after(first.hash, ids, rest)
    connection.execute(_EVENTS.insert(), [{**row, "id": event_id, "prev_hash": link["new_prev_hash"],
                                           "hash": link["new_hash"]}
                                          for event_id, row, link in zip(ids, rest, links, strict=True)])


def _links(session: Session, connection: Connection, ids: Sequence[int],
           rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """The links of new events ``ids`` (in chain order), after the event before the first of them."""
    previous = connection.execute(
        select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.id < ids[0]).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    prev_hash = _hash_before(session, previous.id if previous else None, previous.hash if previous else None)
    return _links_after(prev_hash, ids, rows)


def _links_after(prev_hash: str, ids: Sequence[int], rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    links: list[dict[str, object]] = []
    for event_id, fields in zip(ids, rows, strict=True):
        own_hash = event_hash(_fields_of(SimpleNamespace(id=event_id, **fields)), prev_hash)
        links.append({"event_id": event_id, "new_prev_hash": prev_hash, "new_hash": own_hash})
        prev_hash = own_hash
    return links


def record_document_import(session: Session, document: Document, *, actor: str) -> RecordedEvent:
    """One event per imported file: where it came from, how it was read, and what it holds."""
    return record(session, actor, "import", "document", document.uuid, None, {
        "name": document.name, "file": document.source_name, "format": document.format,
        "encoding": document.encoding, "sha256": document.sha256, "language": document.language,
        "characters": document.char_count, "words": document.word_count, "turns": document.turn_count,
        "sentences": document.sentence_count,
    })


_PLAIN = (str, int, float, bool, type(None))


def _as_stored(values: Mapping[str, object] | None) -> Json:
    """The value as the JSON column gives it back (tuples become lists, keys strings), so hashes match. A flat
    mapping of strings, numbers and None (most events: a coding's fields) comes back as it is, without the
    round trip through JSON that a bulk write of thousands of events would pay for each."""
    if values is None:
        return None
    if all(type(key) is str and type(value) in _PLAIN for key, value in values.items()):
        return dict(values)  # type: ignore[arg-type]  # checked just above: JSON scalars under string keys
    stored: Json = json.loads(json.dumps(values))
    return stored


def _hash_before(session: Session, previous_id: int | None, previous_hash: str | None) -> str:
    """The hash a new event links to, given its predecessor's id and stored hash (None: none, or unlinked)."""
    if previous_id is None:
        return GENESIS_HASH
    if previous_hash is not None:
        return previous_hash
    # An unlinked predecessor (written outside Concord): link to its content; verify_chain reports it.
    previous = session.connection().execute(
        select(*_CHAIN_COLUMNS).where(AuditEvent.id == previous_id)
    ).one()
    return event_hash(_fields_of(previous), previous.prev_hash or "")


# -- the hash -----------------------------------------------------------------------------------------
def canonical_time(at: datetime | None) -> str | None:
    """UTC wall time with microseconds: SQLite stores timestamps without their zone."""
    if at is None:
        return None
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def event_hash(fields: Mapping[str, object], prev_hash: str) -> str:
    """SHA-256 over the event's fields and the previous hash (frozen copy in migration 0004: keep in step)."""
    payload = {**fields, "prev_hash": prev_hash}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _EventFields(Protocol):
    """What an event's hash covers: a stored row, a chain row, or an event about to be linked."""

    @property
    def id(self) -> int: ...
    @property
    def at(self) -> datetime | None: ...
    @property
    def actor(self) -> str | None: ...
    @property
    def action(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def entity_uuid(self) -> str | None: ...
    @property
    def before(self) -> object: ...
    @property
    def after(self) -> object: ...


def _fields_of(row: _EventFields) -> dict[str, object]:
    return {
        "id": row.id, "at": canonical_time(row.at), "actor": row.actor or "", "action": row.action,
        "entity": row.entity, "entity_uuid": row.entity_uuid, "before": row.before, "after": row.after,
    }


_CHAIN_COLUMNS = (
    AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.entity,
    AuditEvent.entity_uuid, AuditEvent.before, AuditEvent.after, AuditEvent.prev_hash, AuditEvent.hash,
)


# -- verifying ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditVerification:
    """The result of walking the chain: intact, or where it first breaks and how."""

    checked: int  # events read, up to and including the first broken one
    total: int
    broken_at: int | None = None  # id of the event where the chain breaks
    problem: str | None = None  # a key of PROBLEMS
    head_hash: str | None = None  # hash of the last event of an intact chain

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    @property
    def message(self) -> str:
        if self.ok:
            head = f"; head {self.head_hash}" if self.head_hash else ""
            return f"audit chain intact: {self.checked:,} events checked{head}"
        return f"audit chain broken at event {self.broken_at} ({PROBLEMS[self.problem or 'edited']})"

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok, "checked": self.checked, "total": self.total, "broken_at": self.broken_at,
            "problem": self.problem, "explanation": PROBLEMS.get(self.problem or ""), "head_hash": self.head_hash,
            "message": self.message,
        }


def verify_chain(
    session: Session, progress: Progress | None = None, cancel: Cancel | None = None
) -> AuditVerification:
    """Walk every event in id order; report the first broken link and how many events were checked."""
    total = session.scalar(select(func.count(AuditEvent.id))) or 0
    expected_prev, checked = GENESIS_HASH, 0
    for row in _chain_rows(session):
        checked += 1
        if row.hash is None:  # never linked: written outside Concord
            return AuditVerification(checked, total, broken_at=row.id, problem="inserted")
        broken = _broken_link(session, row, expected_prev)
        if broken is not None:
            return AuditVerification(checked, total, broken_at=broken[1], problem=broken[0])
        expected_prev = row.hash
        if checked % READ_BATCH == 0:
            _report(progress, cancel, checked, total)
    head = expected_prev if checked else None
    return AuditVerification(checked, total, head_hash=head)


def _report(progress: Progress | None, cancel: Cancel | None, done: int, total: int) -> None:
    if cancel is not None and cancel():
        raise CancelledError(translate("errors", "checking the audit trail was cancelled"))
    if progress is not None:
        progress(done, total, "audit events")


@dataclass(frozen=True)
class _ChainRow:
    id: int
    at: datetime | None
    actor: str
    action: str
    entity: str
    entity_uuid: str | None
    before: Json
    after: Json
    prev_hash: str | None
    hash: str | None
    readable: bool  # before/after are valid JSON


def _chain_rows(session: Session) -> Iterator[_ChainRow]:
    """Every event in id order, before/after read as stored text (a hand edit may not even be JSON)."""
    statement = select(
        AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action, AuditEvent.entity, AuditEvent.entity_uuid,
        cast(AuditEvent.before, Text), cast(AuditEvent.after, Text), AuditEvent.prev_hash, AuditEvent.hash,
    )
    result = session.execute(statement.order_by(AuditEvent.id).execution_options(yield_per=READ_BATCH))
    for event_id, at, actor, action, entity, entity_uuid, before_text, after_text, prev_hash, own_hash in result:
        before: Json
        after: Json
        try:
            before, after, readable = _json(before_text), _json(after_text), True
        except ValueError:
            before, after, readable = None, None, False
        yield _ChainRow(event_id, at, actor, action, entity, entity_uuid, before, after, prev_hash, own_hash, readable)


def _json(text: str | None) -> Json:
    value: Json = None if text is None else json.loads(text)
    return value


def _broken_link(session: Session, row: _ChainRow, expected_prev: str) -> tuple[str, int] | None:
    """(problem, event id) when ``row`` does not continue the chain; links first, then content."""
    if row.hash is None or row.prev_hash is None:
        return "inserted", row.id
    if row.prev_hash != expected_prev:
        return _classify_link(session, row)
    if not row.readable or event_hash(_fields_of(row), row.prev_hash) != row.hash:
        return "edited", row.id
    return None


def _classify_link(session: Session, row: _ChainRow) -> tuple[str, int]:
    """Why ``row`` names another predecessor: it is gone, it comes later, or events were slipped in between."""
    if row.prev_hash == GENESIS_HASH:
        linked_id: int | None = 0
    else:
        linked_id = session.scalar(select(AuditEvent.id).where(AuditEvent.hash == row.prev_hash))
    if linked_id is None:
        return "deleted", row.id
    if linked_id > row.id:
        return "reordered", row.id
    first_inserted = session.scalar(select(func.min(AuditEvent.id)).where(AuditEvent.id > linked_id))
    return "inserted", first_inserted or row.id


# -- reading ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AuditFilter:
    """Which events to list; empty fields do not filter. Times are aware datetimes (any zone)."""

    actor: str | None = None
    entity: str | None = None
    action: str | None = None
    text: str | None = None
    since: datetime | None = None
    until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class AuditRow:
    """One event as lists show it; ``summary`` says what changed with names in place of ids."""

    id: int
    at: datetime  # aware, UTC
    actor: str
    action: str
    entity: str
    entity_uuid: str | None
    before: Json
    after: Json
    hash: str | None
    summary: str = ""

    @property
    def local_time(self) -> str:
        return self.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "time": self.at.astimezone().isoformat(timespec="seconds"), "actor": self.actor,
            "action": self.action, "entity": self.entity, "entity_uuid": self.entity_uuid,
            "summary": self.summary, "before": self.before, "after": self.after, "hash": self.hash,
        }


def list_events(
    session: Session, filters: AuditFilter = AuditFilter(), *, before_id: int | None = None, limit: int | None = None,
    names: AuditNames | None = None,
) -> list[AuditRow]:
    """Events newest first; page with ``before_id`` (the last id of the previous page) so each page is one seek."""
    statement = _filtered(select(*_CHAIN_COLUMNS), filters).order_by(AuditEvent.id.desc())
    if before_id is not None:
        statement = statement.where(AuditEvent.id < before_id)
    if limit is not None:
        statement = statement.limit(limit)
    names = names or AuditNames(session)
    return [_row(event, names) for event in session.execute(statement)]


def iter_events(session: Session, filters: AuditFilter = AuditFilter(), batch: int = READ_BATCH) -> Iterator[AuditRow]:
    """Every matching event, newest first, read page by page (for exports of any size)."""
    before_id: int | None = None
    while True:
        page = list_events(session, filters, before_id=before_id, limit=batch)
        yield from page
        if len(page) < batch:
            return
        before_id = page[-1].id


def count_events(session: Session, filters: AuditFilter = AuditFilter()) -> int:
    return session.scalar(_filtered(select(func.count(AuditEvent.id)), filters)) or 0


@dataclass(frozen=True)
class AuditFacets:
    """The values present in the project, for filter menus."""

    actors: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


def audit_facets(session: Session) -> AuditFacets:
    def values(column: InstrumentedAttribute[str]) -> list[str]:
        return sorted(v for v in session.scalars(select(column).distinct()) if v)

    return AuditFacets(values(AuditEvent.actor), values(AuditEvent.entity), values(AuditEvent.action))


def check_entity(session: Session, entity: str) -> str:
    """``entity`` if Concord knows it; a clear error naming the choices otherwise (a typo lists nothing)."""
    known = set(KNOWN_ENTITIES) | set(audit_facets(session).entities)
    if entity not in known:
        raise ValidationError(translate(
            "errors", "unknown audit entity {entity!r}; choose from {value}").format(
            entity=entity, value=', '.join(sorted(known))))
    return entity


def _filtered(statement: Select[Any], filters: AuditFilter) -> Select[Any]:
    for column, wanted in (
        (AuditEvent.actor, filters.actor), (AuditEvent.entity, filters.entity), (AuditEvent.action, filters.action)
    ):
        if wanted:
            statement = statement.where(column == wanted)
    if filters.since is not None:
        statement = statement.where(AuditEvent.at >= _stored_time(filters.since))
    if filters.until is not None:
        statement = statement.where(AuditEvent.at < _stored_time(filters.until))
    if filters.text:
        statement = statement.where(_text_matches(filters.text))
    return statement


def _stored_time(moment: datetime) -> datetime:
    """Times are stored as UTC wall time; compare in the same terms."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _text_matches(text: str) -> ColumnElement[bool]:
    # before/after are stored as JSON with non-ASCII escaped (\u4e2d…): look for that spelling too.
    escaped = json.dumps(text)[1:-1]
    plain_columns = (AuditEvent.actor, AuditEvent.action, AuditEvent.entity, AuditEvent.entity_uuid)
    conditions = [column.contains(text, autoescape=True) for column in plain_columns]
    for column in (AuditEvent.before, AuditEvent.after):
        conditions += [cast(column, Text).contains(spelling, autoescape=True) for spelling in {text, escaped}]
    return or_(*conditions)


class _StoredEvent(_EventFields, Protocol):
    """An event as read back from the table, with its time and hash."""

    @property
    def at(self) -> datetime: ...
    @property
    def before(self) -> Json: ...
    @property
    def after(self) -> Json: ...
    @property
    def hash(self) -> str | None: ...


def _row(event: _StoredEvent, names: AuditNames) -> AuditRow:
    at = event.at if event.at.tzinfo else event.at.replace(tzinfo=UTC)
    return AuditRow(
        event.id, at, event.actor or "", event.action, event.entity, event.entity_uuid, event.before, event.after,
        event.hash, summarise_change(event.before, event.after, names),
    )


def parse_when(text: str, *, end: bool = False, option: str = "date") -> datetime:
    """A date (YYYY-MM-DD, local) or ISO date-time; ``end`` makes a date mean the end of that day."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        pass
    else:
        moment = datetime.combine(day + timedelta(days=1) if end else day, time()).astimezone()
        return moment
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(translate(
            "errors", "{option}: {text!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)").format(
            option=option, text=text)) from None
    return moment if moment.tzinfo else moment.astimezone()


# -- readable changes ------------------------------------------------------------------------------------
class AuditNames:
    """Names for the ids and uuids events store, read once per listing (these tables are small)."""

    ID_KEYS: ClassVar[dict[str, type[Document] | type[Coder] | type[Code] | type[Case]]] = {"document_id": Document, "coder_id": Coder, "code_id": Code, "case_id": Case}
    LABELS: ClassVar[dict[str, str]] = {"document_id": "document", "coder_id": "coder", "code_id": "code", "case_id": "case", "case_uuid": "case"}

    def __init__(self, session: Session | None) -> None:
        self._session = session
        self._by_id: dict[str, dict[int, str]] = {}
        self._cases: dict[str, str] | None = None

    def preload(self) -> AuditNames:
        """Read every name now, so the object can travel to another thread and be used without a session."""
        for key, model in self.ID_KEYS.items():
            self._by_id[key] = self._read(model.id, model.name)
        self._cases = self._read(Case.uuid, Case.name)
        self._session = None
        return self

    def _read(self, key_column: InstrumentedAttribute[_Key], name_column: InstrumentedAttribute[str]) -> dict[_Key, str]:
        if self._session is None:
            return {}
        return {key: name for key, name in self._session.execute(select(key_column, name_column))}

    def name(self, key: str, value: object) -> str | None:
        if key in self.ID_KEYS and isinstance(value, int):
            if key not in self._by_id:
                model = self.ID_KEYS[key]
                self._by_id[key] = self._read(model.id, model.name)
            return self._by_id[key].get(value)
        if key == "case_uuid" and isinstance(value, str):
            if self._cases is None:
                self._cases = self._read(Case.uuid, Case.name)
            return self._cases.get(value)
        return None

    def label(self, key: str) -> str:
        """``code`` for ``code_id``: the name shown is the code's, not its id."""
        return self.LABELS.get(key, key)

    def show(self, key: str, value: object) -> str:
        """``value`` for people: the name for an id, strings unquoted, long values cut."""
        named = self.name(key, value)
        if named is not None:
            return named
        if value is None:
            return "—"
        if isinstance(value, str):
            return one_line(value, SUMMARY_LIMIT) if value else "(empty)"
        return one_line(json.dumps(value, ensure_ascii=False), SUMMARY_LIMIT)


CONTEXT_KEYS = ("name", "attribute")  # unchanged, they still say what a change is about


def summarise_change(before: object, after: object, names: AuditNames) -> str:
    """``end 11 → 20`` (``role: value A → B``) for a change; ``key=value, …`` for what was added or removed."""
    if isinstance(before, dict) and isinstance(after, dict):
        keys = list(dict.fromkeys([*before, *after]))
        changed = [k for k in keys if before.get(k) != after.get(k)]
        text = "; ".join(
            f"{names.label(k)} {names.show(k, before.get(k))} → {names.show(k, after.get(k))}" for k in changed
        )
        context = [names.show(k, before[k]) for k in CONTEXT_KEYS if k in before and k not in changed and k in after]
        return f"{', '.join(context)}: {text}" if context and text else text
    values = after if isinstance(after, dict) else before
    if not isinstance(values, dict):
        return ""
    listed = ", ".join(f"{names.label(k)}={names.show(k, v)}" for k, v in values.items())
    return listed if after is not None else f"was: {listed}"


def change_table(before: object, after: object, names: AuditNames) -> list[tuple[str, str, str, bool]]:
    """(field, before, after, changed) for every field of an event, names shown in place of ids."""
    before_map = before if isinstance(before, dict) else {}
    after_map = after if isinstance(after, dict) else {}
    keys = list(dict.fromkeys([*before_map, *after_map]))
    return [
        (
            names.label(key),
            names.show(key, before_map[key]) if key in before_map else "",
            names.show(key, after_map[key]) if key in after_map else "",
            before_map.get(key) != after_map.get(key),
        )
        for key in keys
    ]


# -- CSV export -------------------------------------------------------------------------------------------
CSV_HEADERS = ("id", "time", "actor", "action", "entity", "entity_uuid", "change", "before", "after", "hash")


def export_events_csv(
    session: Session, path: str | Path, filters: AuditFilter = AuditFilter(), *, limit: int | None = None,
    progress: Progress | None = None, cancel: Cancel | None = None,
) -> ExportResult:
    """Write the matching events (the newest ``limit`` of them) as CSV in UTF-8 with a BOM, newest first.

    The BOM is what makes Excel read the file as UTF-8, so Chinese names and quotes show as written.
    """
    import csv

    target = check_target(path, (".csv",), "the audit trail")
    total = count_events(session, filters) if limit is None else min(count_events(session, filters), limit)
    written = 0
    try:
        with replaced_when_done(target) as temporary, temporary.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_HEADERS)
            for row in islice(iter_events(session, filters), limit):
                writer.writerow(_csv_row(row))
                written += 1
                if written % READ_BATCH == 0:
                    _report(progress, cancel, written, total)
    except OSError as exc:
        raise ValidationError(translate(
            "errors", "{target}: cannot write the audit trail ({value})").format(
            target=target, value=exc.strerror or exc)) from exc
    return ExportResult(target, "audit trail", written)


def _csv_row(row: AuditRow) -> list[object]:
    data = row.to_dict()

    def as_json(value: Json) -> str:
        return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    return [
        row.id, data["time"], row.actor, row.action, row.entity, row.entity_uuid or "", row.summary,
        as_json(row.before), as_json(row.after), row.hash or "",
    ]


__all__ = [
    "GENESIS_HASH",
    "PROBLEMS",
    "AuditFacets",
    "AuditFilter",
    "AuditNames",
    "AuditRow",
    "AuditVerification",
    "RecordedEvent",
    "audit_facets",
    "change_table",
    "check_entity",
    "count_events",
    "event_hash",
    "export_events_csv",
    "iter_events",
    "list_events",
    "parse_when",
    "record",
    "record_document_import",
    "summarise_change",
    "verify_chain",
]
