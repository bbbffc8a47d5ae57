"""The undo step for giving a code a quick-slot key (1–9) or taking its key away (``coding.edits``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.text import one_line


class SetQuickSlotCommand(BenchCommand):
    """Key ``slot`` for one code (None: no key); the code that had the key loses it, no other key moves."""

    def __init__(self, bench: Workbench, code_uuid: str, code_name: str, slot: int | None) -> None:
        label = (QCoreApplication.translate("BenchCommand", "Key {slot} for '{code}'") if slot is not None
                 else QCoreApplication.translate("BenchCommand", "No key for '{code}'")).format(
                     slot=slot, code=one_line(code_name))
        super().__init__(bench, label, edits.SetQuickSlotEdit(code_uuid, slot))


__all__ = ["SetQuickSlotCommand"]
