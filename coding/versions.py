"""Row versions: an edit based on a row that someone changed since it was read is refused, never applied over theirs.

Codes, cases, attributes, memos and matrix-cell summaries carry ``version`` (migration 0009), mapped as SQLAlchemy's
``version_id_col``: every ORM UPDATE or DELETE of such a row carries ``WHERE version = <the version read>`` and bumps
it. Two guards follow from it:

- an editor that shows a row (the GUI's models, a script) passes the version it read as ``expected_version=`` to the
  ``coding/`` operation, which compares it with the stored one before writing (:func:`expect_version`);
- a row changed by another transaction between this transaction's read and its write matches nothing at flush;
  SQLAlchemy raises ``StaleDataError``, which :func:`guard` turns into the same refusal.

Either way the edit raises :class:`~coding.errors.StaleEditError` naming who changed the row and when (from its
last audit event), e.g. ``Code "Trust" was changed by Lin at 10:42 — reloaded; your edit was not applied``; the
caller's transaction rolls back, so nothing is written. :func:`write` is the write path for callers outside the
GUI (the CLI's short read-then-write transactions, benchmarks): one short transaction, retried on serialisation
failures and deadlocks (``models.store.retry_transient``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from coding.errors import DatabaseError, NotFoundError, StaleEditError
from models import Attribute, AuditEvent, Case, Code, MatrixCellSummary, Memo
from models.store import is_transient, retry_transient
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.project import Project

T = TypeVar("T")
NO_ROW = 0  # ``expected_version`` for "the editor saw no row here" (an empty matrix cell)
# The audit entity each versioned row's events are recorded under (the names below), and the word a message uses.
_WORD = {"code": "Code", "case": "Case", "attribute": "Attribute", "memo": "Memo", "matrix_cell": "The summary"}
# Events on a case that do not touch its row (a value of one of its attributes has a row of its own).
_NOT_ROW_ACTIONS = ("set-value",)
_LOOK_BACK = 50  # audit events of one uuid read to find a matrix cell's last change (they share the code's uuid)


@dataclass(frozen=True)
class LastChange:
    """Who changed a row last and when, as its newest audit event says."""

    actor: str
    at: datetime

    @classmethod
    def of(cls, actor: str | None, at: datetime) -> LastChange:
        return cls(actor or "someone", at if at.tzinfo else at.replace(tzinfo=UTC))  # SQLite: naive UTC


def last_change(
    connection: Connection | Session, entity: str, uuid: str, column_key: str | None = None
) -> LastChange | None:
    """The newest audit event on the row (for a matrix cell: on that code's cell ``column_key``), or None."""
    query = (select(AuditEvent.actor, AuditEvent.at, AuditEvent.after, AuditEvent.before)
             .where(AuditEvent.entity == entity, AuditEvent.entity_uuid == uuid,
                    AuditEvent.action.not_in(_NOT_ROW_ACTIONS))
             .order_by(AuditEvent.id.desc()).limit(_LOOK_BACK if column_key is not None else 1))
    for actor, at, after, before in connection.execute(query):
        if column_key is None or column_key in (_column_key(after), _column_key(before)):
            return LastChange.of(actor, at)
    return None


def last_value_change(connection: Connection | Session, case_uuid: str, attribute: str) -> LastChange | None:
    """The newest audit event that set the case's value of ``attribute`` (an attribute value has no row version:
    an editor passes the value it read instead, and this says who changed it)."""
    query = (select(AuditEvent.actor, AuditEvent.at, AuditEvent.after)
             .where(AuditEvent.entity == "case", AuditEvent.entity_uuid == case_uuid,
                    AuditEvent.action.in_(_NOT_ROW_ACTIONS))
             .order_by(AuditEvent.id.desc()).limit(_LOOK_BACK))
    for actor, at, after in connection.execute(query):
        if isinstance(after, dict) and after.get("attribute") == attribute:
            return LastChange.of(actor, at)
    return None


def stale_value_error(session: Session, case_uuid: str, case_name: str, attribute: str) -> StaleEditError:
    change = last_value_change(session, case_uuid, attribute)
    return _refusal(f'The {attribute} of case "{case_name}"', change, "case", case_uuid)


def _refusal(what: str, change: LastChange | None, entity: str, uuid: str) -> StaleEditError:
    who = f" by {change.actor} {when(change.at)}" if change else " by someone else"
    return StaleEditError(f"{what} was changed{who} — reloaded; your edit was not applied", entity=entity,
                          uuid=uuid, actor=change.actor if change else None, at=change.at if change else None)


def _column_key(values: Any) -> object:
    return values.get("column_key") if isinstance(values, dict) else None


def when(moment: datetime, now: datetime | None = None) -> str:
    """"at 10:42" today, "on 2026-12-05 at 10:42" before, in this computer's time zone."""
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    clock = local.strftime("%H:%M")
    return f"at {clock}" if local.date() == today else f"on {local.date().isoformat()} at {clock}"


def label(entity: str, name: str) -> str:
    """How a message names the row: ``Code "Trust"``, ``The summary of "Trust × P01"``."""
    return f'{_WORD[entity]} of "{name}"' if entity == "matrix_cell" else f'{_WORD[entity]} "{name}"'


def stale_error(connection: Connection | Session, entity: str, uuid: str, name: str,
                column_key: str | None = None) -> StaleEditError:
    return _refusal(label(entity, name), last_change(connection, entity, uuid, column_key), entity, uuid)


def expect_version(session: Session, entity: str, uuid: str, name: str, stored: int | None,
                   expected: int | None, column_key: str | None = None) -> None:
    """Refuse (``StaleEditError``) unless the row's stored version (None: no row) is the one the editor read;
    ``expected=None`` checks nothing (undo and redo compare values instead), ``NO_ROW`` expects no row."""
    if expected is None or (stored or NO_ROW) == expected:
        return
    raise stale_error(session, entity, uuid, name, column_key)


@contextmanager
def guard(session: Session, entity: str, uuid: str, name: str, column_key: str | None = None) -> Iterator[None]:
    """Around a flush of a versioned row: another transaction's change that landed after this one read the row
    (the UPDATE matched no row of the version read) becomes ``StaleEditError``. The session is unusable after
    ``StaleDataError``, so who and when are read through a connection of their own."""
    try:
        yield
    except StaleDataError as exc:
        with session.get_bind().engine.connect() as connection:
            raise stale_error(connection, entity, uuid, name, column_key) from exc


# -- the versions an editor reads ------------------------------------------------------------------------------
_MODELS: dict[str, Any] = {"code": Code, "case": Case, "attribute": Attribute, "memo": Memo}


def version_of(session: Session, entity: str, uuid: str) -> int:
    """The stored version of a code, case, attribute or memo (by uuid)."""
    model = _MODELS[entity]
    version = session.scalar(select(model.version).where(model.uuid == uuid))
    if version is None:
        raise NotFoundError(translate(
            "errors", "no {entity} with uuid {uuid} in the project").format(entity=entity, uuid=uuid))
    return int(version)


def cell_version(session: Session, code_uuid: str, column_key: str) -> int:
    """The stored version of a matrix cell's summary; ``NO_ROW`` when the cell has none."""
    version = session.scalar(select(MatrixCellSummary.version).where(
        MatrixCellSummary.code_uuid == code_uuid, MatrixCellSummary.column_key == column_key))
    return NO_ROW if version is None else int(version)


def cell_name(session: Session, code_uuid: str, column_key: str) -> str:
    """A matrix cell as a message names it: "<code> × <case or attribute=value>"."""
    code = session.scalar(select(Code.name).where(Code.uuid == code_uuid)) or "?"
    kind, _, rest = column_key.partition(":")
    column = (session.scalar(select(Case.name).where(Case.uuid == rest)) if kind == "case" else None) or rest
    return f"{code} × {column}"


def code_version(project: Project, code_uuid: str) -> int:
    """A code's version as one short read (what an editor outside the GUI passes back as ``expected_version``)."""
    with project.session() as session:
        return version_of(session, "code", code_uuid)


def _state_of(owner: object) -> dict[str, Any]:
    """A copy of an edit's attributes to put back after a failed try (deep: a compound edit's children too)."""
    try:
        return copy.deepcopy(vars(owner))
    except (TypeError, AttributeError, RecursionError, copy.Error):  # not copyable: keep which objects it held
        return dict(vars(owner))


def unnamed_stale_error() -> StaleEditError:
    """The refusal for a versioned row that changed under a transaction where no :func:`guard` names it."""
    return StaleEditError("what you edited was changed by someone else meanwhile — reloaded; your edit was not "
                          "applied", entity="", uuid=None)


# -- the write path --------------------------------------------------------------------------------------------
def write(project: Project, step: Callable[[Session, str], T], *, keep: Sequence[object] = ()) -> T:
    """Run ``step(session, project.actor)`` — an edit's ``do``, ``undo`` or ``redo`` fits — in one short
    transaction of ``project``, from the start again if the server aborts it for a serialisation failure or
    deadlock (a few times, with backoff); a stale row anywhere in it is refused with ``StaleEditError`` and
    nothing is written. A collision that outlasts the retries is one ``DatabaseError``.

    An edit remembers what its steps did; a transaction that did not commit must leave no such memory, or the
    next try would start from a step that never happened. So on a server (where retries happen) the state of
    ``keep`` (default: the edit whose bound method ``step`` is) is put back as it was after a failed try."""
    owners = list(keep) or [owner for owner in (getattr(step, "__self__", None),) if hasattr(owner, "__dict__")]

    def once() -> T:
        saved = [(owner, _state_of(owner)) for owner in owners] if project.url is not None else []
        try:
            with project.session() as session:  # a stale row no guard names is refused there too
                return step(session, project.actor)
        except BaseException:
            for owner, state in saved:
                vars(owner).clear()
                vars(owner).update(state)
            raise

    return retried(once, f"{project.location}: ", translate("errors", "this step"))


def retried(work: Callable[[], T], where: str, what: str) -> T:
    """``work()`` again while the server aborts it for a collision (``models.store.retry_transient``); a collision
    that outlasts the retries is one ``DatabaseError`` saying nothing of ``what`` was saved."""
    try:
        return retry_transient(work)
    except DBAPIError as exc:
        if not is_transient(exc):
            raise
        raise DatabaseError(translate(
            "errors", "{where}other writers kept colliding with {what}; it was not saved — try again").format(
            where=where, what=what)) from exc


__all__ = [
    "NO_ROW",
    "LastChange",
    "cell_name",
    "cell_version",
    "code_version",
    "expect_version",
    "guard",
    "label",
    "last_change",
    "last_value_change",
    "retried",
    "stale_error",
    "stale_value_error",
    "unnamed_stale_error",
    "version_of",
    "when",
    "write",
]
