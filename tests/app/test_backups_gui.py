"""Backups, restore and outside-change notices in the real main window: workers awaited, another process
writing for real, results read back from the SQLite files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app import backups, dialogs
from app.main import MainWindow
from coding.backup import list_backups, make_backup
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import code_id, rows

TIMEOUT = 60_000


@pytest.fixture
def main(qtbot, sample: Sample, settings, messages, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(backups, "POLL_MS", 100)
    window = MainWindow(None, settings)
    backups.install(window)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def tools(window: MainWindow) -> backups.BackupTools:
    found = backups.tools_of(window)
    assert found is not None
    return found


def open_and_wait(qtbot, window: MainWindow, path: Path):  # type: ignore[no-untyped-def]
    """Open the project and wait for the backup made on opening; returns its BackupResult."""
    with qtbot.waitSignal(tools(window).backup_done, timeout=TIMEOUT) as blocker:
        assert window.open_project(path, coder="Alice")
    return blocker.args[0]


def apply_code_here(window: MainWindow, words: str, code: str = "Owner functions") -> None:
    text = window.transcript.document.text
    start = text.index(words)
    window.transcript.select(start, start + len(words))
    window.codebook_panel.select_code(code_id(window.project_path, code))
    window.apply_selected_code()


def write_outside(path: Path, sql: str) -> None:
    script = f"import sqlite3; c = sqlite3.connect({str(path)!r}); c.execute({sql!r}); c.commit(); c.close()"
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)


def test_items_sit_in_the_file_menu_and_need_a_project(main: MainWindow, sample: Sample, qtbot) -> None:
    backups.install(main)  # a second install adds nothing
    texts = [a.text() for a in main.file_menu.actions()]
    assert texts.count("Restore from backup…") == 1
    assert texts.index("Back up now") < texts.index("Restore from backup…") < texts.index("&Quit")
    t = tools(main)
    assert not t.restore_action.isEnabled() and not t.back_up_action.isEnabled()
    open_and_wait(qtbot, main, sample.path)
    assert t.restore_action.isEnabled() and t.back_up_action.isEnabled()


def test_opening_backs_up_once_until_something_changes(main: MainWindow, sample: Sample, qtbot) -> None:
    first = open_and_wait(qtbot, main, sample.path)
    assert first.backup is not None and first.backup.reason == "open"
    assert rows(first.backup.path, "SELECT count(*) FROM codings") == [(1,)]
    main.close_project()

    again = open_and_wait(qtbot, main, sample.path)
    assert again.skipped  # nothing changed since

    apply_code_here(main, "Since the group")
    with qtbot.waitSignal(tools(main).backup_done, timeout=TIMEOUT) as blocker:
        assert tools(main).back_up("auto")
    auto = blocker.args[0]
    assert auto.backup is not None and auto.backup.reason == "auto"
    assert rows(auto.backup.path, "SELECT count(*) FROM codings") == [(2,)]
    with qtbot.waitSignal(tools(main).backup_done, timeout=TIMEOUT) as blocker:
        tools(main).back_up("auto")
    assert blocker.args[0].skipped
    assert [b.reason for b in list_backups(sample.path)] == ["auto", "open"]


def test_the_interval_timer_backs_up_after_edits(main: MainWindow, sample: Sample, qtbot) -> None:
    open_and_wait(qtbot, main, sample.path)
    t = tools(main)
    assert t.auto_timer.isActive() and t.auto_timer.interval() == 10 * 60_000  # the default: every 10 minutes
    apply_code_here(main, "Since the group")
    t.auto_timer.setInterval(50)
    with qtbot.waitSignal(t.backup_done, timeout=TIMEOUT) as blocker:
        pass
    assert blocker.args[0].backup is not None and blocker.args[0].backup.reason == "auto"


def test_backup_settings_are_kept_and_applied(main: MainWindow, sample: Sample, settings: QSettings, qtbot) -> None:
    open_and_wait(qtbot, main, sample.path)
    t = tools(main)
    dialog = backups.SettingsDialog(t.preferences, main)
    dialog.interval.setValue(3)
    dialog.keep_last.setValue(4)
    dialog.keep_days.setValue(2)
    t.apply_preferences(dialog.preferences())
    assert t.auto_timer.interval() == 3 * 60_000
    assert backups.BackupPreferences.load(settings) == backups.BackupPreferences(3, 4, 2)
    dialog.interval.setValue(0)  # "never"
    assert dialog.interval.text() == "never"
    t.apply_preferences(dialog.preferences())
    assert not t.auto_timer.isActive()


def test_restore_from_the_dialog_brings_the_backup_back_and_reloads(main: MainWindow, sample: Sample, qtbot,
                                                                     monkeypatch, messages: list[str]) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, question, **_kw: asked.append(question) or True)
    open_and_wait(qtbot, main, sample.path)  # the backup of the state as opened: one coding
    apply_code_here(main, "Since the group")
    apply_code_here(main, "We sit on the council")
    assert rows(sample.path, "SELECT count(*) FROM codings") == [(3,)]

    dialog = tools(main).show_restore_dialog()
    assert dialog is not None and dialog.table.rowCount() == 1
    assert [dialog.table.item(0, c).text() for c in (1, 3, 4)] == ["on opening", "2", "1"]
    with qtbot.waitSignal(tools(main).restore_done, timeout=TIMEOUT) as blocker:
        dialog.restore_button.click()
    result = blocker.args[0]

    assert result is not None and "Restore the project to the backup of" in asked[0]
    assert rows(sample.path, "SELECT count(*) FROM codings") == [(1,)]
    assert main.bench is not None and main.bench.coder_name == "Alice"  # reopened, same coder
    assert len(main.transcript.codings) == (0 if main.bench.blind else 1)  # Alice's two are gone from view
    assert main.bench.undo_stack.count() == 0
    assert rows(result.safety.path, "SELECT count(*) FROM codings") == [(3,)]
    assert any("Restored" in m for m in messages)
    assert [b.reason for b in list_backups(sample.path)] == ["before-restore", "open"]  # no "open" of the restore


def test_a_refused_restore_says_why_and_changes_nothing(main: MainWindow, sample: Sample, qtbot, monkeypatch,
                                                         messages: list[str]) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *_args, **_kw: True)
    open_and_wait(qtbot, main, sample.path)
    (backup,) = list_backups(sample.path)
    backup.path.write_text("this backup was overwritten by something else")
    apply_code_here(main, "Since the group")
    with qtbot.waitSignal(tools(main).restore_done, timeout=TIMEOUT) as blocker:
        assert tools(main).restore(backup)
    assert blocker.args[0] is None
    assert any("The project was not restored" in m and "not a readable Concord project" in m for m in messages)
    assert rows(sample.path, "SELECT count(*) FROM codings") == [(2,)]
    assert tools(main).poll_timer.isActive()  # watching again


def test_a_write_by_another_process_is_offered_as_a_reload(main: MainWindow, sample: Sample, qtbot) -> None:
    open_and_wait(qtbot, main, sample.path)
    t = tools(main)
    with qtbot.waitSignal(t.outside_change, timeout=TIMEOUT) as blocker:
        write_outside(sample.path, "UPDATE documents SET name = 'P01 renamed elsewhere' WHERE name = 'P01 bureau'")
    assert blocker.args[0].kind == "changed"
    assert t.bar.isVisible() and "Changed outside this window" in t.bar_label.text()
    assert "P01 renamed elsewhere" not in [row.name for row in main.documents_model.rows]

    t.reload_button.click()

    assert not t.bar.isVisible()
    assert "P01 renamed elsewhere" in [row.name for row in main.documents_model.rows]
    assert main.bench is not None and main.bench.coder_name == "Alice"


def test_the_windows_own_edits_are_not_outside_changes(main: MainWindow, sample: Sample, qtbot) -> None:
    open_and_wait(qtbot, main, sample.path)
    t = tools(main)
    seen: list[object] = []
    t.outside_change.connect(seen.append)
    for words in ("Since the group", "We sit on the council", "The council appoints", "every district hospital"):
        apply_code_here(main, words)
        qtbot.wait(250)  # the 100 ms poll runs between edits
        main.undo()
        qtbot.wait(150)
        main.redo()
    with qtbot.waitSignal(t.backup_done, timeout=TIMEOUT):
        t.back_up("manual")  # reading the file for a backup is not a change either
    qtbot.wait(300)
    assert seen == [] and not t.bar.isVisible()
    assert rows(main.project_path, "SELECT count(*) FROM codings") == [(5,)]
    # … and an outside write after all that is still noticed.
    with qtbot.waitSignal(t.outside_change, timeout=TIMEOUT):
        write_outside(sample.path, "UPDATE codings SET memo = 'from elsewhere'")


def test_dismissed_notice_comes_back_only_for_a_new_change(main: MainWindow, sample: Sample, qtbot) -> None:
    open_and_wait(qtbot, main, sample.path)
    t = tools(main)
    with qtbot.waitSignal(t.outside_change, timeout=TIMEOUT):
        write_outside(sample.path, "UPDATE codings SET memo = 'one'")
    t.dismiss_button.click()
    assert not t.bar.isVisible()
    qtbot.wait(400)
    assert not t.bar.isVisible()
    with qtbot.waitSignal(t.outside_change, timeout=TIMEOUT):
        write_outside(sample.path, "UPDATE codings SET memo = 'two'")
    assert t.bar.isVisible()


def test_the_text_the_backup_holds_is_the_documents_text(main: MainWindow, sample: Sample, qtbot) -> None:
    result = open_and_wait(qtbot, main, sample.path)
    assert rows(result.backup.path, "SELECT text FROM documents WHERE name = 'P01 bureau'") == [(EN_TEXT,)]
    assert make_backup(sample.path, "open").skipped  # the library agrees nothing changed since
