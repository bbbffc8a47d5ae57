"""The Recording dock (app/media_player.py) with the real QMediaPlayer, offscreen, playing a WAV the test writes:
link and unlink from the Documents panel (undoable), play and watch the position move and the current turn
follow, seek by clicking a turn's timestamp and by "Play from here", one message naming a missing or unplayable
file, and the install command in place of the player when QtMultimedia is not installed or a system library it
loads is missing.

The tests marked ``player`` need QtMultimedia to load. On a machine without its system library (libpulse0 on a
minimal Debian) they are skipped with the library named, unless CONCORD_REQUIRE_MEDIA=1 (set by .ci/run, which
installs the library), where they fail: CI always plays real audio."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from app.main import MainWindow
from app.media_player import (
    INSTALL_COMMAND,
    LINK,
    PLAY_FROM_HERE,
    UNLINK,
    MediaPlayerTools,
    install,
    missing_system_library,
    tools_of,
)
from coding.importing import import_paths
from coding.media import recording_links
from coding.readers import DocumentRow
from tests.core.media_samples import write_interview, write_tone


def _tools(window: MainWindow) -> MediaPlayerTools:
    install(window)  # as install_features does at start-up (a second call adds nothing)
    tools = tools_of(window)
    assert tools is not None
    return tools


def _import_interview(window: MainWindow, tmp_path: Path) -> tuple[DocumentRow, Path]:
    transcript, wav = write_interview(tmp_path / "in", "interview-07", seconds=6.0)
    bench = window.bench
    assert bench is not None
    report = import_paths(bench.project, [transcript])
    assert report.imported, report.summary
    bench.announce(report.changes, None)
    row = next(row for row in window.documents_model.rows if row.name == "interview-07")
    return row, wav


def _linked(window: MainWindow) -> dict[str, str]:
    bench = window.bench
    assert bench is not None
    with bench.project.session() as session:
        return {link.document: link.recording.path for link in recording_links(session)}


def _open_linked(window: MainWindow, tmp_path: Path) -> tuple[MediaPlayerTools, DocumentRow, Path]:
    row, wav = _import_interview(window, tmp_path)
    tools = _tools(window)
    assert tools.link_recording(row, wav)
    window.open_document(row.id)
    assert tools.dock.isVisible() and tools.ready()
    return tools, row, wav


def _menu_action(menu: QMenu, text: str):  # type: ignore[no-untyped-def]
    return next(action for action in menu.actions() if action.text().startswith(text))


@pytest.fixture(autouse=True)
def _player_loads(request: pytest.FixtureRequest) -> None:
    """Skip (or, when CI requires it, fail) a ``player`` test on a machine where QtMultimedia cannot load."""
    library = missing_system_library() if request.node.get_closest_marker("player") else None
    if library is None:
        return
    reason = f"QtMultimedia cannot load here: the system library {library} is missing"
    if os.environ.get("CONCORD_REQUIRE_MEDIA") == "1":
        pytest.fail(f"CONCORD_REQUIRE_MEDIA=1 but {reason}")
    pytest.skip(reason)


player = pytest.mark.player


@player
def test_link_and_unlink_from_the_documents_menu_are_undo_steps(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    row, wav = _import_interview(window, tmp_path)
    tools = _tools(window)
    menu = QMenu()
    window.documents_menu_built.emit(menu, [row])
    assert _menu_action(menu, LINK).isEnabled() and not _menu_action(menu, UNLINK).isEnabled()
    assert tools.link_recording(row, wav)
    assert _linked(window) == {"interview-07": str(wav.absolute())}
    bench = window.bench
    assert bench is not None
    assert bench.undo_stack.undoText() == "Link recording interview-07.wav"
    bench.undo_stack.undo()
    assert _linked(window) == {}
    bench.undo_stack.redo()
    menu = QMenu()
    window.documents_menu_built.emit(menu, [row])
    assert _menu_action(menu, UNLINK).isEnabled()
    _menu_action(menu, UNLINK).trigger()
    assert _linked(window) == {}
    bench.undo_stack.undo()
    assert _linked(window) == {"interview-07": str(wav.absolute())}
    window.open_document(row.id)
    assert tools.dock.isVisible() and tools.ready()
    bench.undo_stack.undo()  # the link goes, and the open document's player with it
    assert _linked(window) == {} and not tools.ready() and not tools.dock.isVisible()


def test_linking_a_file_that_is_not_a_recording_shows_one_message_naming_it(
    window: MainWindow, tmp_path: Path, messages: list[str]
) -> None:
    row, wav = _import_interview(window, tmp_path)
    notes = wav.with_suffix(".docx")
    notes.write_bytes(b"PK")
    assert not _tools(window).link_recording(row, notes)
    assert len(messages) == 1 and str(notes) in messages[0] and "not a recording" in messages[0]
    assert _linked(window) == {}


@player
def test_playing_moves_the_position_and_highlights_the_turn_being_said(
    window: MainWindow, tmp_path: Path, qtbot  # type: ignore[no-untyped-def]
) -> None:
    tools, _, _ = _open_linked(window, tmp_path)
    assert tools.current_turn == 0  # at 00:00:00 the first turn is said
    document = window.transcript.document
    assert document is not None
    assert tools.highlight.span == (document.turns[0].start, document.turns[0].end)
    tools.toggle()
    qtbot.waitUntil(tools.is_playing, timeout=5000)
    # With no audio device (a headless machine) Qt plays on without sound: the position still moves.
    qtbot.waitUntil(lambda: tools.position() >= 1600, timeout=8000)
    tools.toggle()
    qtbot.waitUntil(lambda: not tools.is_playing(), timeout=3000)
    position, clock = tools.position(), tools.clock
    assert clock is not None
    said = clock.turn_at(position)  # 1 (or 2 on a machine that stalled past 00:00:03)
    assert said in (1, 2) and tools.current_turn == said
    assert tools.highlight.span == (document.turns[said].start, document.turns[said].end)
    assert tools.panel.time_label.text().endswith(" / 00:00:06") and tools.panel.slider.value() >= 1600
    tools.seek(0)
    assert tools.current_turn == 0
    tools.step(5000)
    assert tools.position() == 5000 and tools.current_turn == 2
    tools.step(-5000)
    assert tools.position() == 0 and tools.current_turn == 0


@player
def test_clicking_a_turns_timestamp_seeks_there(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    tools, _, _ = _open_linked(window, tmp_path)
    document = window.transcript.document
    assert document is not None
    third = document.turns[2]
    rect = window.transcript.rect_of(third.start + 2)  # inside "[00:00:03]"
    qtbot.mouseClick(window.transcript.edit.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tools.position() == 3000 and tools.current_turn == 2
    player = tools.player
    assert player is not None
    qtbot.waitUntil(lambda: tools.pending_seek is None and player.position() == 3000, timeout=5000)
    words = window.transcript.rect_of(document.turns[1].content_start + 8)  # a click in the words does not seek
    qtbot.mouseClick(window.transcript.edit.viewport(), Qt.MouseButton.LeftButton, pos=words.center())
    assert tools.position() == 3000


@player
def test_play_from_here_in_the_transcript_menu(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    tools, _, _ = _open_linked(window, tmp_path)
    document = window.transcript.document
    assert document is not None
    menu = QMenu()
    window.transcript_menu_built.emit(menu, document.turns[1].content_start + 5)
    action = _menu_action(menu, PLAY_FROM_HERE)
    assert action.isEnabled()
    action.trigger()
    assert tools.position() == 1500 and tools.current_turn == 1  # where the turn starts, before it plays on
    qtbot.waitUntil(tools.is_playing, timeout=5000)
    assert tools.position() >= 1500
    tools.toggle()


@player
def test_speed_changes_the_playback_rate(window: MainWindow, tmp_path: Path) -> None:
    tools, _, _ = _open_linked(window, tmp_path)
    tools.panel.speed.setCurrentIndex(tools.panel.speed.findData(2.0))
    assert tools.player is not None and tools.player.playbackRate() == 2.0


@player
def test_space_in_the_dock_and_ctrl_space_anywhere_play_and_pause(
    window: MainWindow, tmp_path: Path, qtbot  # type: ignore[no-untyped-def]
) -> None:
    tools, _, _ = _open_linked(window, tmp_path)
    assert tools.play_action.shortcut().toString() == "Ctrl+Space"
    tools.play_action.trigger()
    qtbot.waitUntil(tools.is_playing, timeout=5000)
    tools.panel.slider.setFocus()
    qtbot.keyClick(tools.panel.slider, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not tools.is_playing(), timeout=3000)


@player
def test_a_missing_recording_is_one_message_naming_it(window: MainWindow, tmp_path: Path) -> None:
    row, wav = _import_interview(window, tmp_path)
    tools = _tools(window)
    assert tools.link_recording(row, wav)
    wav.rename(wav.with_name("moved.wav"))
    window.open_document(row.id)
    assert not tools.ready()
    assert str(wav) in tools.panel.message.text() and "not there any more" in tools.panel.message.text()


@player
def test_an_unplayable_recording_is_one_message_naming_it(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    row, wav = _import_interview(window, tmp_path)
    wav.write_bytes(b"RIFF\x00\x00\x00\x00garbage that no decoder reads" * 10)
    tools = _tools(window)
    assert tools.link_recording(row, wav)
    window.open_document(row.id)
    qtbot.waitUntil(lambda: "cannot be played" in tools.panel.message.text(), timeout=8000)
    assert str(wav.absolute()) in tools.panel.message.text()
    assert not tools.ready()


BLOCKED = textwrap.dedent("""
    import json, sys
    from importlib.abc import MetaPathFinder

    class NoMultimedia(MetaPathFinder):  # as if PySide6-Addons were not installed, or libpulse were missing
        def find_spec(self, name, path=None, target=None):
            if name.startswith("PySide6.QtMultimedia"):
                if sys.argv[4] == "library":  # the words of the dynamic loader's error, as Python passes them on
                    raise ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, NoMultimedia())
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from app.main import MainWindow, install_features
    from app.media_player import tools_of

    app = QApplication([])
    window = MainWindow(sys.argv[1], QSettings(sys.argv[2], QSettings.Format.IniFormat), coder="Alice")
    installed = install_features(window)
    window.show()
    window.open_document(int(sys.argv[3]))
    tools = tools_of(window)
    print(json.dumps({"installed": "app.media_player" in installed, "message": tools.panel.message.text(),
                      "controls": tools.panel.controls.isVisible(), "dock": tools.dock.isVisible(),
                      "multimedia": "PySide6.QtMultimedia" in sys.modules}))
""")


@pytest.mark.parametrize("missing", ["addons", "library"])
def test_without_qtmultimedia_the_dock_shows_the_install_command(
    window: MainWindow, tmp_path: Path, sample, missing: str  # type: ignore[no-untyped-def]
) -> None:
    row, wav = _import_interview(window, tmp_path)
    assert _tools(window).link_recording(row, wav)
    window.close_project()
    path = sample.path
    script = tmp_path / "blocked.py"
    script.write_text(BLOCKED, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(path), str(tmp_path / "s.ini"), str(row.id), missing],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["installed"] and shown["dock"] and not shown["controls"] and not shown["multimedia"]
    assert "interview-07.wav" in shown["message"]
    if missing == "addons":
        assert INSTALL_COMMAND in shown["message"]
    else:  # PySide6-Addons is there: the fix is the system package, named with the library
        assert "libpulse.so.0" in shown["message"] and "sudo apt-get install -y libpulse0" in shown["message"]
        assert INSTALL_COMMAND not in shown["message"]


def test_a_document_without_a_recording_hides_nothing_it_should_not(window: MainWindow, sample) -> None:  # type: ignore[no-untyped-def]
    tools = _tools(window)
    window.open_document(sample.en_id)
    assert not tools.ready() and tools.link is None and not tools.dock.isVisible()
    menu = QMenu()
    window.transcript_menu_built.emit(menu, 3)
    assert not any(action.text().startswith(PLAY_FROM_HERE) for action in menu.actions())


PLAYING_AT_EXIT = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from app.main import MainWindow, install_features
    from app.media_player import tools_of

    app = QApplication([])
    window = MainWindow(sys.argv[1], QSettings(sys.argv[2], QSettings.Format.IniFormat), coder="Alice")
    install_features(window)
    window.show()
    tools = tools_of(window)
    row = next(row for row in window.documents_model.rows if row.name == "interview-07")
    assert tools.link_recording(row, Path(sys.argv[3]))
    window.open_document(row.id)
    tools.toggle()
    deadline = time.monotonic() + 20  # a loaded machine may take seconds to start the sound

    def close_once_playing():
        if tools.position() > 0 or time.monotonic() > deadline:
            print("position", tools.position(), flush=True)
            QTimer.singleShot(100, window.close)  # closed while it plays
            QTimer.singleShot(200, app.quit)
        else:
            QTimer.singleShot(50, close_once_playing)

    QTimer.singleShot(50, close_once_playing)
    sys.exit(app.exec())
""")


@player
def test_the_interpreter_exits_cleanly_while_a_recording_plays(window: MainWindow, tmp_path: Path, sample) -> None:  # type: ignore[no-untyped-def]
    _, wav = _import_interview(window, tmp_path)
    window.close_project()
    done = subprocess.run(
        [sys.executable, "-c", PLAYING_AT_EXIT, str(sample.path), str(tmp_path / "s.ini"), str(wav)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "Fatal Python error" not in done.stderr, done.stderr[-2000:]
    assert done.returncode == 0, done.stderr[-2000:]
    assert "position" in done.stdout, (done.stdout, done.stderr[-3000:])
    assert int(done.stdout.split("position")[-1].split()[0]) > 0  # it did play


@player
def test_the_turn_being_said_is_kept_in_view(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "long"
    folder.mkdir()
    lines = [f"[00:{n // 60:02d}:{n % 60:02d}] {'Interviewer' if n % 2 else 'Doctor'}: "
             f"{'A long answer about the county hospital and its township clinics. ' * 3}" for n in range(80)]
    transcript = folder / "long-interview.txt"
    transcript.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    wav = write_tone(folder / "long-interview.wav", seconds=85.0)
    bench = window.bench
    assert bench is not None
    report = import_paths(bench.project, [transcript])
    assert report.imported, report.summary
    bench.announce(report.changes, None)
    row = next(row for row in window.documents_model.rows if row.name == "long-interview")
    tools = _tools(window)
    assert tools.link_recording(row, wav)
    window.open_document(row.id)
    edit = window.transcript.edit
    edit.verticalScrollBar().setValue(0)
    assert tools.seek_turn(70, play=True)
    qtbot.waitUntil(tools.is_playing, timeout=5000)

    def in_view() -> bool:
        band = tools.highlight.band()
        return band is not None and band.top() >= 0 and band.bottom() <= edit.viewport().height()

    qtbot.waitUntil(in_view, timeout=5000)
    assert tools.current_turn == 70 and edit.verticalScrollBar().value() > 0
    tools.toggle()


def test_the_import_dialog_links_the_recordings_beside_when_asked(qtbot, sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.import_dialog import ImportDialog
    from tests.app.helpers import rows

    linked, wav = write_interview(tmp_path / "in", "interview-07")
    unlinked, _ = write_interview(tmp_path / "other", "interview-08")
    unlinked.write_text("[00:00:00] Nurse: The referrals went down.\n", encoding="utf-8")  # not a duplicate
    for transcript, tick in ((linked, True), (unlinked, False)):
        dialog = ImportDialog(sample.path, "Alice", str(tmp_path))
        qtbot.addWidget(dialog)
        dialog.add_paths([transcript])
        dialog.link_media.setChecked(tick)
        dialog.start()
        qtbot.waitUntil(lambda dialog=dialog: dialog.report is not None, timeout=60_000)
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE name LIKE 'interview-0%'") == [(2,)]
    assert rows(sample.path, "SELECT d.name, m.path FROM media_links m JOIN documents d ON d.id = m.document_id") == [
        ("interview-07", str(wav.absolute()))]
    assert rows(sample.path, "SELECT actor FROM audit_events WHERE action = 'link-recording'") == [("Alice",)]
