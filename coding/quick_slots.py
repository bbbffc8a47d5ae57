"""Quick-slot keys (1–9): which code each number key applies, stored in the project.

A slot belongs to a code until the user changes it. Adding a code gives it the lowest free slot (or none
when all nine are taken) and never moves another code's key; deleting or merging a code frees its slot.
The map lives in ``project_meta`` under :data:`META_KEY` as JSON ``{"1": code_uuid, …}``: it is one small
value read whole, so it needs no table of its own (and no schema change).

A project made before slots were stored has no such key. The first window that opens it freezes the
slots it showed until then (``freeze_slots`` with that window's remembered choices), so nothing moves.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.errors import ConflictError, NotFoundError, ValidationError
from models import Code, ProjectMeta
from coding.i18n import translate

META_KEY = "quick_slots"
SLOTS = range(1, 10)


def stored_slots(session: Session) -> dict[int, str] | None:
    """Slot -> code uuid as stored, or None when this project has never stored its slots."""
    row = session.get(ProjectMeta, META_KEY)
    if row is None:
        return None
    try:
        raw = json.loads(row.value)
    except ValueError:
        return {}  # a damaged value: start with empty slots rather than refuse to open the project
    if not isinstance(raw, dict):
        return {}
    return {int(slot): str(uuid) for slot, uuid in raw.items() if str(slot).isdigit() and int(slot) in SLOTS}


def _write(session: Session, slots: Mapping[int, str]) -> None:
    value = json.dumps({str(slot): slots[slot] for slot in sorted(slots)})
    row = session.get(ProjectMeta, META_KEY)
    if row is None:
        session.add(ProjectMeta(key=META_KEY, value=value))
    else:
        row.value = value
    session.flush()


def _codable_leaves_in_tree_order(session: Session) -> list[str]:
    codes = list(session.scalars(select(Code)))
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[str] = []

    def walk(code: Code) -> None:
        kids = sorted(children.get(code.id, []), key=lambda c: c.position)
        if code.is_codable and not kids:
            ordered.append(code.uuid)
        for child in kids:
            walk(child)

    for root in sorted(children.get(None, []), key=lambda c: c.position):
        walk(root)
    return ordered


def _known_uuids(session: Session) -> set[str]:
    return set(session.scalars(select(Code.uuid)))


def default_slots(session: Session, preferred: Mapping[int, str] | None = None) -> dict[int, str]:
    """The slots as windows computed them before they were stored: the preferred ones (still in the
    codebook), the rest filled in order with the codable leaf codes not already in a slot."""
    known = _known_uuids(session)
    slots = {slot: uuid for slot, uuid in (preferred or {}).items() if slot in SLOTS and uuid in known}
    spare = iter(uuid for uuid in _codable_leaves_in_tree_order(session) if uuid not in slots.values())
    for slot in SLOTS:
        if slot not in slots:
            code_uuid = next(spare, None)
            if code_uuid is None:
                break
            slots[slot] = code_uuid
    return slots


def slots_in_force(session: Session) -> dict[int, str]:
    """Slot -> code uuid that the number keys apply now (only codes still in the codebook)."""
    stored = stored_slots(session)
    if stored is None:
        return default_slots(session)
    known = _known_uuids(session)
    return {slot: uuid for slot, uuid in stored.items() if uuid in known}


def freeze_slots(session: Session, preferred: Mapping[int, str] | None = None) -> dict[int, str]:
    """Store today's slots if this project has none stored yet; return the slots in force."""
    if stored_slots(session) is None:
        _write(session, default_slots(session, preferred))
    return slots_in_force(session)


def give_next_free_slot(session: Session, code: Code) -> int | None:
    """A newly added codable code takes the lowest free slot; returns it (None: no slot free or not codable).

    In a project whose slots were never stored (one being built, or made by an older Concord and not yet
    opened in a window) nothing is stored: the slots are frozen when the project is created or first opened."""
    if not code.is_codable or stored_slots(session) is None:
        return None
    slots = slots_in_force(session)
    if code.uuid in slots.values():
        return next(slot for slot, uuid in slots.items() if uuid == code.uuid)
    free = next((slot for slot in SLOTS if slot not in slots), None)
    if free is not None:
        slots[free] = code.uuid
        _write(session, slots)
    return free


def release_slot(session: Session, code_uuid: str) -> None:
    """A deleted or merged code gives its slot back."""
    stored = stored_slots(session)
    if stored is not None and code_uuid in stored.values():
        _write(session, {slot: uuid for slot, uuid in stored.items() if uuid != code_uuid})


def slot_of(session: Session, code_uuid: str) -> int | None:
    return next((slot for slot, uuid in slots_in_force(session).items() if uuid == code_uuid), None)


def set_slot(
    session: Session, code_uuid: str, slot: int | None, *, actor: str,
    expected: Mapping[int, str] | None = None,
) -> dict[int, str]:
    """Give ``code_uuid`` the key ``slot`` (None: no key). The code that held that key loses it; no other
    key moves. With ``expected`` (the slots an undo step left), refuse if someone changed them since.
    Returns the slots in force afterwards."""
    if slot is not None and slot not in SLOTS:
        raise ValidationError(translate("errors", "quick slot {slot} does not exist: choose 1 to 9").format(slot=slot))
    if code_uuid not in _known_uuids(session):
        raise NotFoundError(translate("errors", "that code is no longer in the codebook"))
    before = slots_in_force(session)
    if expected is not None and dict(expected) != before:
        raise ConflictError(translate("errors", "the quick-slot keys were changed elsewhere since this step"))
    after = {s: u for s, u in before.items() if u != code_uuid and s != slot}
    if slot is not None:
        after[slot] = code_uuid
    _write(session, after)
    if after != before:
        record(session, actor, "set_slot", "code", code_uuid,
               {"slots": {str(s): u for s, u in sorted(before.items())}},
               {"slots": {str(s): u for s, u in sorted(after.items())}})
    return after


def restore_slots(session: Session, slots: Mapping[int, str], *, actor: str, expected: Mapping[int, str]) -> None:
    """Put back a whole slot map (undo of :func:`set_slot`), refusing if it changed since."""
    before = slots_in_force(session)
    if dict(expected) != before:
        raise ConflictError(translate("errors", "the quick-slot keys were changed elsewhere since this step"))
    known = _known_uuids(session)
    _write(session, {s: u for s, u in slots.items() if u in known})
    record(session, actor, "set_slot", "project", None,
           {"slots": {str(s): u for s, u in sorted(before.items())}},
           {"slots": {str(s): u for s, u in sorted(slots.items())}})


def give_back_slots(session: Session, earlier: Mapping[int, str], code_uuids: Collection[str], *, actor: str) -> None:
    """Undo of a deletion or merge: the codes ``code_uuids`` get back the keys they held in ``earlier`` and lose
    any key they were given since (a code put back is added anew, and a new code takes a free key); a key
    another code holds now stays with it."""
    if stored_slots(session) is None:
        return
    now = slots_in_force(session)
    wanted = {slot: uuid for slot, uuid in now.items() if uuid not in code_uuids}
    for slot, uuid in earlier.items():
        if uuid in code_uuids and slot not in wanted:
            wanted[slot] = uuid
    if wanted != now:
        _write(session, wanted)
        record(session, actor, "set_slot", "project", None,
               {"slots": {str(s): u for s, u in sorted(now.items())}},
               {"slots": {str(s): u for s, u in sorted(wanted.items())}})
