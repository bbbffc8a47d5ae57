"""The recording beside the transcript (issue 18, item 5): a **Recording** dock under the transcript.

* play/pause (Space while the dock has focus, Ctrl+Space anywhere in the window), −5 s / +5 s, speed 0.5–2×, a
  position slider and the time;
* clicking a timed turn's label (its "[00:12:03] Speaker:" part) seeks there; the transcript's context menu has
  **Play from here**; while it plays, the turn being said is highlighted and kept in view;
* the Documents panel's context menu has **Link recording…** and **Unlink recording** (one undoable step each,
  ``coding.media``).

QtMultimedia ships in PySide6-Addons, an optional extra: without it the dock shows the command that adds it
(:data:`INSTALL_COMMAND`) instead of the player, and when it is installed but a system library it needs is missing
(libpulse on a minimal Linux), the dock names the library and its package; this module imports it only when a
recording is to be played.
A missing file or a codec the player cannot read gives one message in the dock, naming the file.
"""

from __future__ import annotations

import importlib
import re
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QUrl
from PySide6.QtGui import QAction, QColor, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.commands import BenchCommand
from coding.changes import Changes
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.media import (
    MEDIA_TYPES,
    LinkRecordingEdit,
    RecordingLink,
    TurnClock,
    UnlinkRecordingEdit,
    inspect_recording,
    recording_link,
)
from coding.readers import DocumentRow

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.transcript_view import TranscriptView
    from app.workbench import Workbench

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
ATTRIBUTE = "media_player_tools"
INSTALL_COMMAND = 'pip install "concord-qda[media]"'
# Libraries QtMultimedia links against that a minimal Linux may lack (PyPI cannot ship them), and their packages.
SYSTEM_PACKAGES = {"libpulse.so.0": "libpulse0"}
SHARED_OBJECT_ERROR = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")
# English (tests find the menu items by them); shown through translate("MediaPlayerTools", ...)
LINK = QT_TRANSLATE_NOOP("MediaPlayerTools", "Link recording…")
UNLINK = QT_TRANSLATE_NOOP("MediaPlayerTools", "Unlink recording")
PLAY_FROM_HERE = QT_TRANSLATE_NOOP("MediaPlayerTools", "Play from here")
STEP_MS = 5000
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
PATTERNS = " ".join(f"*{suffix}" for suffix in MEDIA_TYPES)


def recordings_filter() -> str:
    """The file dialog's filter, in the interface language."""
    return translate("MediaPlayerTools", "Recordings ({patterns});;All files (*)").format(
        patterns=PATTERNS)


def link_label() -> str:
    return translate("MediaPlayerTools", LINK)


@cache
def _import_multimedia() -> tuple[Any | None, ImportError | None]:
    """QtMultimedia, or why it cannot be imported (once per process: a fix needs a restart, the message says so)."""
    try:
        return importlib.import_module("PySide6.QtMultimedia"), None
    except ImportError as error:
        return None, error


def multimedia() -> Any | None:
    """The QtMultimedia module, or None when it cannot be loaded (see :func:`multimedia_problem`)."""
    return _import_multimedia()[0]


def missing_system_library() -> str | None:
    """The system library QtMultimedia could not load (PySide6-Addons is installed but, say, a minimal Linux has
    no PulseAudio client), or None when it loads or is not installed at all."""
    error = _import_multimedia()[1]
    if error is None or isinstance(error, ModuleNotFoundError):
        return None
    found = SHARED_OBJECT_ERROR.match(str(error))
    return found.group(1) if found else str(error)


def multimedia_problem(recording: str) -> str:
    """Why ``recording`` cannot be played here, with the command that fixes it (multimedia() returned None)."""
    library = missing_system_library()
    if library is None:
        return translate(
            "MediaPlayerTools", "Playing {name} needs Qt's multimedia module (PySide6-Addons), which is not "
            "installed. Add it with:\n\n{command}\n\nthen start Concord again."
        ).format(name=recording, command=INSTALL_COMMAND)
    package = SYSTEM_PACKAGES.get(library)
    command = f"sudo apt-get install -y {package}" if package else library
    return translate(
        "MediaPlayerTools", "Playing {name} needs the system library {library}, which Qt's multimedia module "
        "loads and this computer lacks. Install it (Debian/Ubuntu):\n\n{command}\n\nthen start Concord again."
    ).format(name=recording, library=library, command=command)


class LinkRecordingCommand(BenchCommand):
    def __init__(self, bench: Workbench, edit: LinkRecordingEdit) -> None:
        super().__init__(bench, edit.label, edit)


class UnlinkRecordingCommand(BenchCommand):
    def __init__(self, bench: Workbench, edit: UnlinkRecordingEdit) -> None:
        super().__init__(bench, edit.label, edit)


class TurnHighlight(QWidget):
    """A band over the turn being said, painted above the transcript's text (its own char formats are the
    codings' and ExtraSelections are the find bar's, so the band is a see-through layer of its own)."""

    def __init__(self, transcript: TranscriptView) -> None:
        super().__init__(transcript.edit.viewport())
        self.transcript = transcript
        self.span: tuple[int, int] | None = None  # code points
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        transcript.edit.viewport().installEventFilter(self)
        transcript.edit.updateRequest.connect(lambda *_: self.update())
        self.resize(transcript.edit.viewport().size())
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt calls it by this name
        if event.type() == QEvent.Type.Resize:
            self.resize(self.transcript.edit.viewport().size())
        return False

    def set_span(self, span: tuple[int, int] | None) -> None:
        if span != self.span:
            self.span = span
            self.update()

    def band(self) -> QRect | None:
        """Where the turn is in the viewport (None when no turn is highlighted)."""
        if self.span is None or self.transcript.document is None:
            return None
        edit, offsets = self.transcript.edit, self.transcript.offsets
        first, last = QTextCursor(edit.document()), QTextCursor(edit.document())
        first.setPosition(offsets.to_qt(self.span[0]))
        last.setPosition(offsets.to_qt(max(self.span[0], self.span[1] - 1)))
        top, bottom = edit.cursorRect(first).top(), edit.cursorRect(last).bottom()
        return QRect(0, top, edit.viewport().width(), bottom - top + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        band = self.band()
        if band is None:
            return
        colour = QColor(self.palette().highlight().color())
        painter = QPainter(self)
        colour.setAlpha(45)
        painter.fillRect(band, colour)
        colour.setAlpha(220)
        painter.fillRect(QRect(band.left(), band.top(), 4, band.height()), colour)
        painter.end()


class PlayerPanel(QWidget):
    """The dock's contents: the controls, or a message in their place."""

    def __init__(self) -> None:
        super().__init__()
        style = self.style()
        self.file_label = QLabel()
        self.file_label.setObjectName("recordingFile")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.play_button = QToolButton()
        self.play_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(translate("PlayerPanel", "Play / pause (Space here, Ctrl+Space anywhere)"))
        self.back_button = QToolButton()
        self.back_button.setText(translate("PlayerPanel", "−5 s"))
        self.back_button.setToolTip(translate("PlayerPanel", "Back 5 seconds"))
        self.forward_button = QToolButton()
        self.forward_button.setText(translate("PlayerPanel", "+5 s"))
        self.forward_button.setToolTip(translate("PlayerPanel", "Forward 5 seconds"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.time_label = QLabel("00:00:00 / 00:00:00")
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip(translate("PlayerPanel", "Playback speed"))
        self.controls = QWidget()
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.play_button, self.forward_button):
            row.addWidget(widget)
        row.addWidget(self.slider, 1)
        row.addWidget(self.time_label)
        row.addWidget(self.speed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.addWidget(self.file_label)
        layout.addWidget(self.controls)
        layout.addWidget(self.message)
        self.show_message(translate(
            "PlayerPanel", "No recording is linked to this document. Right-click it in Documents › {link}"
        ).format(link=link_label()))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_controls(self, shown: bool) -> None:
        self.controls.setVisible(shown)
        self.file_label.setVisible(shown)

    def set_playing(self, playing: bool) -> None:
        pixmap = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(pixmap))

    def show_time(self, position: int, duration: int) -> None:
        from coding.importing.times import format_ms  # the import package: loaded with playback, not at start

        self.time_label.setText(f"{format_ms(position)} / {format_ms(duration)}")
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(position)
            self.slider.blockSignals(False)


class MediaPlayerTools(QObject):
    """The dock, the player and the menu items for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bench: Workbench | None = None
        self.link: RecordingLink | None = None
        self.clock: TurnClock | None = None
        self.current_turn: int | None = None
        self.player: Any | None = None  # QMediaPlayer, made when a recording is first played
        self.loaded = False  # a recording is set on the player
        self.pending_seek: int | None = None  # asked for while the file still loads (a player ignores it then)
        self.audio: Any | None = None
        self.panel = PlayerPanel()
        self.dock = QDockWidget(translate("MediaPlayerTools", "Recording"), window)
        self.dock.setObjectName("recordingDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.splitDockWidget(window.transcript_dock, self.dock, Qt.Orientation.Vertical)
        self.dock.hide()
        self.highlight = TurnHighlight(window.transcript)
        self._wire_controls()
        self._wire_window()
        if window.bench is not None:  # installed after the project opened
            self._opened()
            self.load_document()

    def _wire_controls(self) -> None:
        panel = self.panel
        panel.play_button.clicked.connect(self.toggle)
        panel.back_button.clicked.connect(partial(self.step, -STEP_MS))
        panel.forward_button.clicked.connect(partial(self.step, STEP_MS))
        panel.slider.valueChanged.connect(self.seek)
        panel.speed.currentIndexChanged.connect(lambda _: self.set_speed(float(panel.speed.currentData())))
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.dock)
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.activated.connect(self.toggle)
        self.play_action = QAction(translate("MediaPlayerTools", "Play / pause recording"), self.window)
        self.play_action.setShortcut(QKeySequence("Ctrl+Space"))
        self.play_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.play_action.triggered.connect(self.toggle)
        self.window.addAction(self.play_action)
        self.window.view_menu.addAction(self.dock.toggleViewAction())

    def _wire_window(self) -> None:
        window = self.window
        window.project_opened.connect(self._opened)
        window.project_closed.connect(self._closed)
        window.documents_menu_built.connect(self.extend_documents_menu)
        window.transcript_menu_built.connect(self.extend_transcript_menu)
        window.transcript_refresh.document_shown.connect(lambda _changed: self.load_document())
        window.transcript.edit.viewport().installEventFilter(self)

    # -- project and document ------------------------------------------------------------------------------
    def _opened(self) -> None:
        self.bench = self.window.bench
        assert self.bench is not None
        self.bench.changes_applied.connect(self._on_changes)

    def _closed(self) -> None:
        self.bench = None
        self.unload()
        self.dock.hide()

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents:
            self.load_document()

    def load_document(self) -> None:
        """Show the open document's recording (or why there is none); keeps playing if it is the same file."""
        document = self.window.transcript.document
        if self.bench is None or document is None:
            self.unload()
            self.dock.hide()
            return
        with self.bench.project.session() as session:
            link = recording_link(session, document.id)
        self.clock = TurnClock(document.turns, link.recording.offset_ms) if link else None
        same = (link is not None and self.link is not None and self.loaded
                and link.recording.path == self.link.recording.path)
        self.link = link
        if link is None:  # the dock makes room again (View › Recording shows it, with how to link one)
            self.unload()
            self.dock.hide()
            self.panel.show_message(translate(
                "MediaPlayerTools", "No recording is linked to {document}. Right-click it in Documents › {link}"
            ).format(document=document.name, link=link_label()))
            return
        self.dock.show()
        if not same or self.player is None:
            self.open_recording(link)
        self.update_turn(self.position())

    def unload(self) -> None:
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())
        self.link, self.current_turn, self.loaded, self.pending_seek = None, None, False, None
        self.highlight.set_span(None)
        self.panel.show_controls(False)
        self.panel.set_playing(False)

    def open_recording(self, link: RecordingLink) -> None:
        path = Path(link.recording.path)
        self.panel.file_label.setText(f"<b>{path.name}</b> <span style='color:gray'>{path.parent}</span>")
        module = multimedia()
        if module is None:
            self.panel.show_controls(False)
            self.panel.show_message(multimedia_problem(path.name))
            return
        if not path.is_file():
            self.fail(translate(
                "MediaPlayerTools", "{path}: the recording is not there any more (moved or deleted?). Link it "
                "again: right-click the document in Documents › {link}"
            ).format(path=path, link=link_label()))
            return
        player = self._player(module)
        player.stop()
        self.pending_seek = None
        self.panel.show_message("")
        self.panel.show_controls(True)
        self.panel.slider.setRange(0, link.recording.duration_ms or 0)
        player.setSource(QUrl.fromLocalFile(str(path)))
        self.loaded = True

    def _player(self, module: Any) -> Any:
        if self.player is None:
            self.player = module.QMediaPlayer(self)
            # No audio device (a headless machine) is fine: Qt plays on and the position moves.
            self.audio = module.QAudioOutput(self)
            self.player.setAudioOutput(self.audio)
            self.player.positionChanged.connect(self._on_position)
            self.player.durationChanged.connect(self._on_duration)
            self.player.playbackStateChanged.connect(self._on_state)
            self.player.errorOccurred.connect(self._on_error)
            self.player.mediaStatusChanged.connect(self._on_status)
            self.player.setPlaybackRate(float(self.panel.speed.currentData()))
        return self.player

    def fail(self, message: str) -> None:
        if self.player is not None:
            self.player.stop()
        self.loaded = False
        self.panel.show_controls(False)
        self.panel.show_message(message)

    # -- playing ---------------------------------------------------------------------------------------------------
    def ready(self) -> bool:
        return self.player is not None and self.link is not None and self.loaded

    def is_playing(self) -> bool:
        module = multimedia()
        return bool(self.player is not None and module is not None
                    and self.player.playbackState() == module.QMediaPlayer.PlaybackState.PlayingState)

    def position(self) -> int:
        if self.pending_seek is not None:
            return self.pending_seek
        return int(self.player.position()) if self.player is not None else 0

    def _loading(self) -> bool:
        module = multimedia()
        if self.player is None or module is None:
            return False
        status = module.QMediaPlayer.MediaStatus
        return bool(self.player.mediaStatus() in (status.NoMedia, status.LoadingMedia))

    def toggle(self) -> None:
        if not self.ready():
            return
        assert self.player is not None
        if self.is_playing():
            self.player.pause()
        else:
            self.player.play()

    def play(self) -> None:
        if self.ready():
            assert self.player is not None
            self.player.play()

    def step(self, delta_ms: int) -> None:
        self.seek(max(0, self.position() + delta_ms))

    def seek(self, position_ms: int) -> None:
        if self.ready():
            assert self.player is not None
            if self._loading():
                self.pending_seek = position_ms
            else:
                self.player.setPosition(position_ms)
            self.update_turn(position_ms)
            self.follow()  # a seek with the slider or ±5 s shows where it went

    def set_speed(self, speed: float) -> None:
        if self.player is not None:
            self.player.setPlaybackRate(speed)

    def seek_turn(self, turn_index: int, *, play: bool = False) -> bool:
        """Go to where the open document's turn ``turn_index`` is said (False when it has no time)."""
        document = self.window.transcript.document
        if self.clock is None or document is None or not self.ready():
            return False
        position = self.clock.position_of(document.turns[turn_index])
        if position is None:
            return False
        self.seek(position)
        if play:
            self.play()
        return True

    def _on_position(self, position: int) -> None:
        duration = self.player.duration() if self.player is not None else 0
        self.panel.show_time(position, duration)
        self.update_turn(position)

    def _on_status(self, _status: object) -> None:
        if self.pending_seek is not None and self.player is not None and not self._loading():
            position, self.pending_seek = self.pending_seek, None
            self.player.setPosition(position)

    def _on_duration(self, duration: int) -> None:
        if duration > 0:
            self.panel.slider.setRange(0, duration)

    def _on_state(self, _state: object) -> None:
        self.panel.set_playing(self.is_playing())
        if self.is_playing():
            self.follow()

    def _on_error(self, _error: object, text: str) -> None:
        path = self.link.recording.path if self.link is not None else translate("MediaPlayerTools", "the recording")
        reason = text or translate("MediaPlayerTools", "unknown error")
        self.fail(translate(
            "MediaPlayerTools", "{path}: cannot be played ({reason}). A format or codec this computer's media "
            "libraries do not read? Convert it to .wav, .mp3 or .mp4 and link it again."
        ).format(path=path, reason=reason))

    # -- the turn being said -----------------------------------------------------------------------------------
    def update_turn(self, position: int) -> None:
        document = self.window.transcript.document
        index = self.clock.turn_at(position) if self.clock is not None and document is not None else None
        if index == self.current_turn:
            return
        self.current_turn = index
        if index is None or document is None:
            self.highlight.set_span(None)
            return
        turn = document.turns[index]
        self.highlight.set_span((turn.start, turn.end))
        if self.is_playing():
            self.follow()

    def follow(self) -> None:
        """Scroll so that the highlighted turn is in view (its start a little below the top) if it is not."""
        band, span = self.highlight.band(), self.highlight.span
        edit = self.window.transcript.edit
        if band is None or span is None or (band.top() >= 0 and band.bottom() <= edit.viewport().height()):
            return
        block = edit.document().findBlock(self.window.transcript.offsets.to_qt(span[0]))
        # QPlainTextEdit scrolls by layout lines: a block's first line number is its scroll value.
        edit.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 2))

    # -- clicks and menus ------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt calls it by this name
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton and self.ready()
                and not self.window.transcript.edit.textCursor().hasSelection()):
            index = self.window.transcript.index_at(event.position().toPoint())
            label = self.label_turn_at(index)
            if label is not None:
                self.seek_turn(label)
        return False

    def label_turn_at(self, index: int) -> int | None:
        """The timed turn whose label ("[00:12:03] Speaker:") holds the offset ``index``, if any."""
        document = self.window.transcript.document
        for number, turn in enumerate(document.turns if document is not None else ()):
            if turn.start <= index < max(turn.content_start, turn.start + 1) and turn.start_ms is not None:
                return number
        return None

    def turn_at_offset(self, index: int) -> int | None:
        document = self.window.transcript.document
        for number, turn in enumerate(document.turns if document is not None else ()):
            if turn.start <= index < turn.end:
                return number
        return None

    def extend_transcript_menu(self, menu: QMenu, index: int) -> None:
        if self.link is None:
            return
        turn = self.turn_at_offset(index)
        timed = turn is not None and self.window.transcript.document is not None \
            and self.window.transcript.document.turns[turn].start_ms is not None
        play = translate("MediaPlayerTools", PLAY_FROM_HERE)
        untimed = translate("MediaPlayerTools", "{play} (this turn has no time)").format(play=play)
        action = menu.addAction(play if timed else untimed)
        action.setEnabled(timed and self.ready())
        if turn is not None:
            action.triggered.connect(partial(self.seek_turn, turn, play=True))

    def extend_documents_menu(self, menu: QMenu, rows: list[DocumentRow]) -> None:
        if self.bench is None or len(rows) != 1:
            return
        with self.bench.project.session() as session:
            linked = recording_link(session, rows[0].id) is not None
        menu.addSeparator()
        menu.addAction(link_label(), partial(self.choose_and_link, rows[0]))
        unlink = translate("MediaPlayerTools", UNLINK)
        menu.addAction(unlink, partial(self.unlink_recording, rows[0])).setEnabled(linked)

    def choose_and_link(self, row: DocumentRow) -> None:
        title = translate("MediaPlayerTools", "Link a recording to {document}").format(document=row.name)
        path = dialogs.open_file(self.window, title, "", recordings_filter())
        if path:
            self.link_recording(row, Path(path))

    def link_recording(self, row: DocumentRow, path: Path, offset_ms: int = 0) -> bool:
        """Link ``path`` to the document, one undoable step; a file that cannot be linked shows why."""
        if self.bench is None:
            return False
        try:
            recording = inspect_recording(path, offset_ms)
        except ConcordError as error:
            dialogs.show_error(self.window, str(error))
            return False
        return self.bench.execute(LinkRecordingCommand(self.bench, LinkRecordingEdit(row.uuid, recording)))

    def unlink_recording(self, row: DocumentRow) -> bool:
        if self.bench is None:
            return False
        return self.bench.execute(UnlinkRecordingCommand(self.bench, UnlinkRecordingEdit(row.uuid)))


def install(window: MainWindow) -> None:
    """Add the Recording dock to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, MediaPlayerTools(window))


def tools_of(window: QWidget) -> MediaPlayerTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["INSTALL_COMMAND", "MediaPlayerTools", "TurnHighlight", "install", "multimedia", "tools_of"]
