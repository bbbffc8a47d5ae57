"""audit hash chain: each event carries the hash of the one before it

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 09:00:00

Adds ``prev_hash`` and ``hash`` to ``audit_events`` and links the events already in the project
in id order, so an upgraded project verifies. Unique indexes on both columns make a fork (two
events naming the same predecessor) impossible at the database level.

The hashing below is a frozen copy of the scheme in ``coding/audit.py`` (a migration must not
change when the application code does); ``tests/core/test_audit_chain.py`` upgrades an old
project and verifies it with the application's ``verify_chain``, so the two cannot drift apart.
Everything runs on ``op.get_bind()`` inside alembic's transaction: no commit of its own.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64
BATCH_SIZE = 5000

audit_events = sa.table(
    "audit_events",
    sa.column("id", sa.Integer),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_uuid", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
)


def _canonical_time(at: datetime | None) -> str | None:
    if at is None:
        return None
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def _event_hash(row: Any, prev_hash: str) -> str:
    payload = {
        "id": row.id,
        "at": _canonical_time(row.at),
        "actor": row.actor or "",
        "action": row.action,
        "entity": row.entity,
        "entity_uuid": row.entity_uuid,
        "before": row.before,
        "after": row.after,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _chain_existing_events(bind: sa.Connection) -> None:
    """Link the events in id order, a batch at a time (keyset pages: bounded memory, no cursor open across writes)."""
    update = (
        audit_events.update()
        .where(audit_events.c.id == sa.bindparam("event_id"))
        .values(prev_hash=sa.bindparam("new_prev_hash"), hash=sa.bindparam("new_hash"))
    )
    prev_hash, last_id = GENESIS_HASH, None
    while True:
        page = sa.select(audit_events).order_by(audit_events.c.id).limit(BATCH_SIZE)
        if last_id is not None:
            page = page.where(audit_events.c.id > last_id)
        rows = bind.execute(page).all()
        if not rows:
            return
        links = []
        for row in rows:
            event_hash = _event_hash(row, prev_hash)
            links.append({"event_id": row.id, "new_prev_hash": prev_hash, "new_hash": event_hash})
            prev_hash = event_hash
        bind.execute(update, links)
        last_id = rows[-1].id


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_existing_events(op.get_bind())
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_prev_hash", ["prev_hash"], unique=True)
        batch_op.create_index("ix_audit_events_hash", ["hash"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_hash")
        batch_op.drop_index("ix_audit_events_prev_hash")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
