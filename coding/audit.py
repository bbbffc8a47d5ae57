"""Audit trail: every change to codes, codings, cases and attributes writes one event."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models import AuditEvent


def record(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_uuid: str | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(actor=actor, action=action, entity=entity, entity_uuid=entity_uuid, before=before, after=after)
    )
