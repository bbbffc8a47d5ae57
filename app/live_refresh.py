"""Live refresh and a dropped connection, for a project on a PostgreSQL server (coding/live.py).

While a server project is open, a :class:`~coding.live.ChangeListener` thread hears every commit another app or
process makes on it. Each notice is queued to the GUI thread, joined with any that arrive within
:data:`COALESCE_MS` (ten coders coding at once make one refresh, not ten), and announced through
``Workbench.announce`` with the initiator :data:`ANOTHER_USER`: the panels refresh through the same path as the
window's own edits, re-reading through this window's connection (so blind mode and the role's rights hold).
Remote changes never go on the undo stack; a local undo takes back only this user's step (its edit holds uuids).
The window reads the project before its listener is in force; a change committed in between is not lost: the
listener compares the project's high-water mark from opening with the server's and, if anything finished meanwhile,
hands on one "re-read everything" (``since=``, coding/live.py).

When the listener's connection drops (server restart, Wi-Fi), a bar says "Connection to the server lost —
reconnecting…" until it is back, then "Reconnected" for a moment, and everything is re-read (notices sent
meanwhile were missed). An edit tried meanwhile is refused with one dialog by ``Workbench.execute`` (the
project's engine pings each pooled connection before use) and never reaches the undo stack.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QToolBar

from app.window_layout import notice_bar
from app.workbench import ANOTHER_USER
from coding import live
from coding.changes import Changes
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.main import MainWindow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
log = logging.getLogger(__name__)
ATTRIBUTE = "live_refresh"
COALESCE_MS = 150  # notices arriving this close together make one refresh
RECONNECTED_SHOWN_MS = 4000
# English (tests compare them in English); shown through translate("LiveRefresh", ...)
LOST_TEXT = QT_TRANSLATE_NOOP("LiveRefresh", "Connection to the server lost — reconnecting…")
RECONNECTED_TEXT = QT_TRANSLATE_NOOP("LiveRefresh", "Reconnected")
LOST_STYLE = "QLabel { background: #f8d7da; color: #842029; padding: 6px 10px; }"
RECONNECTED_STYLE = "QLabel { background: #d1e7dd; color: #0f5132; padding: 6px 10px; }"


class LiveRefresh(QObject):
    """One window's listener, its queue of remote changes and its connection bar."""

    noticed = Signal(int, object)  # (listener generation, Notice): emitted in the listener's thread
    state_changed = Signal(int, str)  # (listener generation, state)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.listener: live.ChangeListener | None = None
        self.generation = 0  # a listener of a project since closed may still speak: its words are dropped
        self.pending: list[live.Notice] = []
        self.flush_timer = QTimer(self)
        self.flush_timer.setSingleShot(True)
        self.flush_timer.setInterval(COALESCE_MS)
        self.flush_timer.timeout.connect(self.flush)
        self.hide_timer = QTimer(self)
        self.hide_timer.setSingleShot(True)
        self.hide_timer.setInterval(RECONNECTED_SHOWN_MS)
        self.hide_timer.timeout.connect(self._hide_bar)
        self.bar, self.label = self._build_bar()
        # Queued: the listener thread emits, the GUI thread applies.
        self.noticed.connect(self._on_notice, Qt.ConnectionType.QueuedConnection)
        self.state_changed.connect(self._on_state, Qt.ConnectionType.QueuedConnection)
        window.project_opened.connect(self.start)
        window.project_closing.connect(self.stop)

    def _build_bar(self) -> tuple[QToolBar, QLabel]:
        return notice_bar(self.window, translate("LiveRefresh", "Server connection"), "connection")

    # -- the listener ----------------------------------------------------------------------------------------
    def start(self) -> None:
        self.stop()
        bench = self.window.bench
        if bench is None or bench.project.url is None:
            return  # a project file: one writing process, nothing to hear
        self.generation += 1
        generation = self.generation
        self.listener = live.ChangeListener(
            bench.project.url,
            lambda notice: self.noticed.emit(generation, notice),
            lambda state: self.state_changed.emit(generation, state),
            since=bench.project.change_mark,  # a change between opening and listening: one re-read
        )
        self.listener.start()

    def stop(self) -> None:
        """Let the listener go (its thread ends within a moment on its own: closing never waits on the network)."""
        self.generation += 1
        if self.listener is not None:
            self.listener.stop(wait=0)
            self.listener = None
        self.pending.clear()
        self.flush_timer.stop()
        self._hide_bar()

    # -- notices ---------------------------------------------------------------------------------------------
    def _on_notice(self, generation: int, notice: live.Notice) -> None:
        if generation != self.generation:
            return
        self.pending.append(notice)
        if not self.flush_timer.isActive():
            self.flush_timer.start()

    def flush(self) -> None:
        """Announce what the queued notices changed, as one record from another user."""
        notices, self.pending = self.pending, []
        bench = self.window.bench
        if not notices or bench is None:
            return
        changes = remote_changes(notices)
        try:
            bench.announce(changes, ANOTHER_USER)
        except ConcordError as exc:  # the server went away between the notice and the reading
            log.info("live refresh: could not re-read after a remote change (%s)", exc)

    # -- the connection bar ----------------------------------------------------------------------------------
    def _on_state(self, generation: int, state: str) -> None:
        if generation != self.generation:
            return
        if state == live.LOST:
            self.hide_timer.stop()
            self._show_bar(LOST_TEXT, LOST_STYLE)
        elif state == live.RECONNECTED:
            self._show_bar(RECONNECTED_TEXT, RECONNECTED_STYLE)
            self.hide_timer.start()

    def _show_bar(self, text: str, style: str) -> None:
        self.label.setText(translate("LiveRefresh", text))
        self.label.setStyleSheet(style)
        self.bar.show()

    def _hide_bar(self) -> None:
        self.bar.hide()
        self.label.clear()

    @property
    def connection_notice(self) -> str:
        """What the bar says now ("" when hidden)."""
        return self.label.text() if self.bar.isVisibleTo(self.window) else ""


def remote_changes(notices: list[live.Notice]) -> Changes:
    """One record for the notices. It names no counts and no codings (a notice never carries codes, and only the
    reading connection knows what its role may see): views recount and re-read what the flags name."""
    return Changes.join(notice.changes for notice in notices)


def install(window: MainWindow) -> None:
    """Add live refresh to ``window`` (once; a second call changes nothing); starts at once if a server
    project is already open."""
    if getattr(window, ATTRIBUTE, None) is not None:
        return
    refresh = LiveRefresh(window)
    setattr(window, ATTRIBUTE, refresh)
    if window.bench is not None:
        refresh.start()


def live_refresh_of(window: MainWindow) -> LiveRefresh | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["ANOTHER_USER", "LiveRefresh", "install", "live_refresh_of", "remote_changes"]
