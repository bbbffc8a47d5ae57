"""What a REFI-QDA file said that Concord has no column for, kept verbatim for the next export.

The import writes one ``exchange_attributes`` row per entity that carried something extra — a
selection's own creator and time (NVivo selections are often made by someone other than the
coding's user), a ``User@id``, a code written without a colour, a source's or variable's
description, a note's description or the passage a note is anchored to — and one row for the
project (its creating and modifying user and dates, the case its GUIDs were written in). The export
reads them back in one query. Rows are keyed by (entity kind, uuid); the project's uuid is "".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from models import ExchangeAttribute

PROJECT_KEY = ("project", "")
Extras = dict[tuple[str, str], dict[str, Any]]


def load_extras(session: Session) -> Extras:
    """Every kept row as {(kind, uuid): data}."""
    rows = session.execute(select(ExchangeAttribute.entity_kind, ExchangeAttribute.entity_uuid, ExchangeAttribute.data))
    return {(kind, entity_uuid): dict(data or {}) for kind, entity_uuid, data in rows}


def of_kind(extras: Extras, kind: str) -> dict[str, dict[str, Any]]:
    """The rows of one kind, by uuid."""
    return {entity_uuid: data for (entity_kind, entity_uuid), data in extras.items() if entity_kind == kind}


class ExtrasCollector:
    """Gathers rows during an import and writes them in one statement (later data for a key is merged in)."""

    def __init__(self) -> None:
        self.rows: Extras = {}

    def keep(self, kind: str, entity_uuid: str, data: Mapping[str, Any]) -> None:
        values = {key: value for key, value in data.items() if value is not None}
        if values:
            self.rows.setdefault((kind, entity_uuid), {}).update(values)

    def write(self, session: Session) -> None:
        if self.rows:
            session.execute(
                insert(ExchangeAttribute),
                [{"entity_kind": kind, "entity_uuid": key, "data": data} for (kind, key), data in self.rows.items()],
            )


__all__ = ["PROJECT_KEY", "Extras", "ExtrasCollector", "load_extras", "of_kind"]
