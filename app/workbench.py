"""The open project as the GUI sees it: who is coding, the undo stack, and one signal for every change.

Every edit is a ``QUndoCommand`` (app/commands.py) that runs ``coding/`` operations in a fresh
``project.session()`` (committed at once: nothing to save, nothing lost on a crash) and then announces
``changes_applied(changes, initiator)`` through :meth:`Workbench.announce`. Each panel subscribes to that one
signal itself and reloads only what the ``Changes`` names; ``initiator`` is the object that made the change
(or None), so a panel can tell its own edit from someone else's.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from app import dialogs
from coding.changes import Changes
from coding.errors import ConcordError, DatabaseError
from coding.project import Project

if TYPE_CHECKING:
    from app.commands import BenchCommand

log = logging.getLogger(__name__)


class AnotherUser:
    """The ``initiator`` of changes another user or process committed (app/live_refresh.py): never an undo step."""

    def __repr__(self) -> str:
        return "ANOTHER_USER"


ANOTHER_USER = AnotherUser()


class Workbench(QObject):
    """State shared by every panel of one open project."""

    changes_applied = Signal(object, object)  # (Changes, initiator object or None): emitted by announce() only
    coder_changed = Signal()

    def __init__(self, project: Project, coder_id: int, coder_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.coder_id = coder_id
        self.coder_name = coder_name
        self.project.actor = coder_name
        self.undo_stack = QUndoStack(self)
        self.blind = False
        self.snap_mode: str = "word"
        self.dialog_parent: QWidget | None = None

    # -- running edits ------------------------------------------------------------------------------
    def execute(self, command: BenchCommand, initiator: object | None = None) -> bool:
        """Run a user's edit once, then keep it on the undo stack; a refused edit shows why and changes nothing."""
        try:
            changes = command.first_run()
        except ConcordError as exc:
            self.report_error(str(exc))
            return False
        self.undo_stack.push(command)
        self.announce(changes, initiator)
        return True

    def execute_without_undo(self, command: BenchCommand, initiator: object | None = None) -> bool:
        """Run an edit that cannot be taken back; earlier undo steps may no longer apply, so they go too."""
        try:
            changes = command.first_run()
        except ConcordError as exc:
            self.report_error(str(exc))
            return False
        self.undo_stack.clear()
        self.announce(changes, initiator)
        return True

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        """Tell every subscriber what changed, all reading in one session (``project.session()`` nests):
        one read transaction per announcement, however many panels refresh.

        On a server that cannot be reached just now, nobody is told: the views stay as they are (nothing was
        saved meanwhile) and catch up when live refresh has reconnected (app/live_refresh.py)."""
        try:
            with self.project.session() as session:
                if self.project.on_server:
                    session.connection()  # the pool pings it first: a lost server raises here, not in a panel
                self.changes_applied.emit(changes, initiator)
        except DatabaseError as exc:
            if not self.project.on_server:
                raise
            log.info("not refreshed, the server cannot be reached: %s", exc)

    def notify(self, changes: Changes, initiator: object | None = None) -> None:
        """Announce a change made outside the undo stack (import, case table, coder switch), if there is one."""
        if changes.any():
            self.announce(changes, initiator)

    def report_error(self, message: str) -> None:
        dialogs.show_error(self.dialog_parent, message)

    # -- coder --------------------------------------------------------------------------------------
    def set_coder(self, coder_id: int, coder_name: str) -> None:
        if coder_id == self.coder_id:
            return
        self.coder_id, self.coder_name = coder_id, coder_name
        self.project.actor = coder_name
        # Undo steps belong to the coder who made them; a new coder starts with an empty history.
        self.undo_stack.clear()
        self.coder_changed.emit()
        self.announce(Changes(codings=True, coders=True))

    def visible_coder_ids(self) -> list[int] | None:
        """Whose codings the views show: only one's own in blind mode, everyone's otherwise."""
        return [self.coder_id] if self.blind else None

    def set_blind(self, blind: bool) -> None:
        if blind != self.blind:
            self.blind = blind
            self.announce(Changes(codings=True))

    @property
    def snap(self) -> str | None:
        return None if self.snap_mode == "none" else self.snap_mode

    def close(self) -> None:
        self.undo_stack.clear()
        self.project.close()


__all__ = ["ANOTHER_USER", "AnotherUser", "Workbench"]
