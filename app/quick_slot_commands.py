"""The undo step for giving a code a quick-slot key (1–9) or taking its key away (``coding.edits``)."""

from __future__ import annotations

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.text import one_line


class SetQuickSlotCommand(BenchCommand):
    """Key ``slot`` for one code (None: no key); the code that had the key loses it, no other key moves."""

    def __init__(self, bench: Workbench, code_uuid: str, code_name: str, slot: int | None) -> None:
        label = f"Key {slot} for '{one_line(code_name)}'" if slot is not None else f"No key for '{one_line(code_name)}'"
        super().__init__(bench, label, edits.SetQuickSlotEdit(code_uuid, slot))


__all__ = ["SetQuickSlotCommand"]
