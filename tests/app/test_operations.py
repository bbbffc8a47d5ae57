"""The operation runner (app/operations.py): real work in the pool, real widgets, offscreen."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QPushButton, QVBoxLayout, QWidget

from app import operations
from app.operations import Operation
from coding.readers import document_rows
from coding.errors import CancelledError, ValidationError
from tests.app.conftest import Sample

TIMEOUT = 20_000


def _window(qtbot, *, owned_by_qtbot: bool = True) -> tuple[QWidget, QLabel]:  # type: ignore[no-untyped-def]
    window = QWidget()
    label = QLabel("idle", window)
    QVBoxLayout(window).addWidget(label)
    if owned_by_qtbot:  # qtbot closes its widgets after the test: not one the test deleted
        qtbot.addWidget(window)
    window.show()
    return window, label


def _visible_progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def _spin(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _until_cancelled(seen: threading.Event, started: threading.Event):  # type: ignore[no-untyped-def]
    def work(_progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        for _ in range(2000):
            if cancelled():
                seen.set()
                return "stopped early"
            threading.Event().wait(0.005)
        return "ran to the end"

    return work


def test_success_runs_on_the_project_and_reports_once(qtbot, sample: Sample, messages: list[str]) -> None:
    window, label = _window(qtbot)
    results: list[object] = []

    def work(project, progress, cancelled):  # type: ignore[no-untyped-def]
        progress(1, 1, "counting")
        with project.session() as session:
            return len(document_rows(session))

    operation = Operation(window, work, project_path=sample.path, actor="Alice", title="Count",
                          on_success=lambda n: (results.append(n), label.setText(f"{n} documents")))
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT) as ended:
        operation.start()
    assert results == [2] and ended.args == [2] and label.text() == "2 documents"
    assert operation.succeeded and not operation.is_running() and messages == []


def test_a_concord_error_is_one_line_in_one_dialog(qtbot, sample: Sample, messages: list[str]) -> None:
    window, _label = _window(qtbot)
    succeeded: list[object] = []

    def work(project, progress, cancelled):  # type: ignore[no-untyped-def]
        raise ValidationError("interview.docx: the file is empty")

    operation = Operation(window, work, project_path=sample.path, title="Import", on_success=succeeded.append)
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT) as ended:
        operation.start()
    assert messages == ["Import failed: interview.docx: the file is empty"]
    assert ended.args == [None] and succeeded == [] and not operation.succeeded


def test_an_unreadable_project_fails_without_running_the_work(qtbot, tmp_path: Path, messages: list[str]) -> None:
    window, _label = _window(qtbot)
    ran: list[bool] = []
    missing = tmp_path / "nowhere.concord"
    operation = Operation(window, lambda project, progress, cancelled: ran.append(True), project_path=missing)
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT):
        operation.start()
    assert ran == [] and len(messages) == 1 and "\n" not in messages[0]


def test_cancel_stops_the_work_and_calls_no_success(qtbot, messages: list[str]) -> None:
    window, _label = _window(qtbot)
    started, seen = threading.Event(), threading.Event()
    calls: list[str] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        _until_cancelled(seen, started)(progress, cancelled)
        raise CancelledError("export cancelled; no file was written")

    operation = Operation(window, work, title="Export", on_success=lambda _r: calls.append("success"),
                          on_cancel=lambda message: calls.append(message))
    operation.start()
    assert started.wait(10)
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT):
        operation.dialog.findChild(QPushButton).click()  # the user's Cancel
    assert seen.is_set() and operation.cancelled
    assert calls == ["export cancelled; no file was written"] and messages == []


def test_closing_the_parent_window_stops_the_work_and_reports_nothing(qtbot, messages: list[str]) -> None:
    window, label = _window(qtbot)
    started, seen = threading.Event(), threading.Event()
    operation = Operation(label, _until_cancelled(seen, started), title="Export",
                          on_success=lambda result: label.setText(result))
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT):
        operation.start()
        assert started.wait(10)
        window.close()  # returns once the worker has stopped
        assert seen.is_set() and operation.done.is_set()
    assert messages == [] and label.text() == "idle" and not operation.is_running()


def test_a_parent_deleted_mid_run_gets_no_callback(qtbot, messages: list[str]) -> None:
    window, label = _window(qtbot, owned_by_qtbot=False)
    release = threading.Event()
    called: list[object] = []

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        release.wait(10)
        raise ValidationError("too late")

    operation = Operation(label, work, stop_on_close=False, on_success=called.append,
                          on_failure=lambda message: (called.append(message), label.setText(message)))
    operation.start()
    shiboken6.delete(window)  # takes the label with it
    release.set()
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT) as ended:
        pass
    assert ended.args == [None] and called == [] and messages == []


def test_an_operation_nobody_holds_still_ends(qtbot, messages: list[str]) -> None:
    window, label = _window(qtbot)
    Operation(window, lambda progress, cancelled: "done", on_success=label.setText).start()
    gc.collect()
    qtbot.waitUntil(lambda: label.text() == "done", timeout=TIMEOUT)
    assert not operations._running


def test_quick_work_shows_no_progress_dialog_now_or_later(qtbot, messages: list[str]) -> None:
    window, _label = _window(qtbot)
    seen_while_reading: list[list[QProgressDialog]] = []

    def read_the_result(_result: object) -> None:  # a message box is a nested event loop the user sits in
        _spin(operations.SHOW_AFTER_MS * 2)  # past the dialog's own show-after timer
        seen_while_reading.append(_visible_progress_dialogs())

    operation = Operation(window, lambda progress, cancelled: progress(0, 3, "starting"), title="Quick",
                          on_success=read_the_result)
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT):
        operation.start()
    assert seen_while_reading == [[]] and _visible_progress_dialogs() == []


def test_slow_work_shows_its_progress_dialog_until_it_ends(qtbot, messages: list[str]) -> None:
    window, _label = _window(qtbot)
    release = threading.Event()

    def work(progress, cancelled):  # type: ignore[no-untyped-def]
        progress(1, 4, "reading")
        release.wait(10)
        return "written"

    operation = Operation(window, work, title="Slow export")
    operation.start()
    dialog = operation.dialog
    qtbot.waitUntil(lambda: dialog.isVisible(), timeout=TIMEOUT)
    assert dialog.labelText() == "Slow export: reading…" and dialog.maximum() == 4
    with qtbot.waitSignal(operation.ended, timeout=TIMEOUT):
        release.set()
    _spin(operations.SHOW_AFTER_MS * 2)
    assert _visible_progress_dialogs() == [] and operation.result == "written"


def test_work_started_after_paint_waits_for_the_windows_repaint(qtbot, messages: list[str]) -> None:
    window, label = _window(qtbot)
    ran = threading.Event()
    operation = Operation(window, lambda _progress, _cancelled: ran.set() or "done",
                          on_success=lambda result: label.setText(result))
    label.setText("comparing…")  # the change the window is to show before the worker takes the GIL
    operation.start_after_paint(window)
    assert not ran.is_set() and operation.is_running()
    qtbot.waitUntil(lambda: label.text() == "done", timeout=TIMEOUT)
    assert ran.is_set() and messages == []


def test_stopping_work_not_yet_started_runs_it_to_its_cancel_at_once(qtbot, messages: list[str]) -> None:
    window, _label = _window(qtbot)
    seen: list[bool] = []
    operation = Operation(window, lambda _progress, cancelled: seen.append(cancelled()), stop_on_close=False)
    operation.start_after_paint(window)
    operation.stop(seconds=10)  # the window closes before its repaint: no waiting the full stop time
    assert operation.done.is_set() and seen == [True]
    qtbot.wait(operations.warmup.PAINT_WAIT_MS + 100)
    assert seen == [True], "not run a second time once the paint (or the fallback) comes"
