"""The undo step for giving a code a quick-slot key (1–9) or taking its key away."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.commands import CODES, BenchCommand
from app.workbench import Workbench
from coding import quick_slots
from coding.changes import Changes
from coding.text import one_line


class SetQuickSlotCommand(BenchCommand):
    """Key ``slot`` for one code (None: no key); the code that had the key loses it, no other key moves."""

    def __init__(self, bench: Workbench, code_uuid: str, code_name: str, slot: int | None) -> None:
        label = f"Key {slot} for '{one_line(code_name)}'" if slot is not None else f"No key for '{one_line(code_name)}'"
        super().__init__(bench, label)
        self.code_uuid, self.slot = code_uuid, slot
        self.before: dict[int, str] | None = None
        self.after: dict[int, str] = {}

    def perform(self, session: Session) -> Changes:
        first = self.before is None
        if first:
            self.before = quick_slots.slots_in_force(session)
        self.after = quick_slots.set_slot(
            session, self.code_uuid, self.slot, actor=self.actor, expected=None if first else self.before
        )
        return CODES

    def revert(self, session: Session) -> Changes:
        assert self.before is not None
        quick_slots.restore_slots(session, self.before, actor=self.actor, expected=self.after)
        return CODES
