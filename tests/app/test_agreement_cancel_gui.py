"""Cancel in the agreement window (issue 13): pressed while the figures are computed or while the run is being
stored, the run stops, nothing is stored, and the window says so and shows what it showed before. And a run that
completes is shown once: its figures as computed, then the stored run in their place (no second table build)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt

from app import workers
from app.operations import Operation, writer_pool
from app.agreement.compare_window import AgreementWindow, DocumentScopes
from app.main import MainWindow
from tests.app.test_agreement_gui import (  # noqa: F401  (fixtures)
    Pair,
    agreement_window,
    compare,
    count,
    main,
    pair,
    pair_template,
    stored_figures,
)


@contextmanager
def writer_held(path: Path) -> Iterator[None]:
    """Keep the project's serial writer busy until the block ends: a comparison started inside waits in the
    queue, so the test can hook into it before it runs."""
    release = threading.Event()
    workers.start(workers.FunctionTask(lambda: release.wait(30)), writer_pool(path))
    try:
        yield
    finally:
        release.set()


def press_compare(qtbot, window: AgreementWindow) -> Operation:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.compare_button, Qt.MouseButton.LeftButton)
    assert window.is_running() and window.task is not None
    return window.task


def assert_cancelled(window: AgreementWindow, pair: Pair) -> None:  # noqa: F811
    assert window.status.text() == "Cancelled — nothing was stored."
    assert count(pair.path, "agreement_runs") == 0 and stored_figures(pair.path) == 0
    assert window.compare_button.isEnabled() and not window.cancel_button.isVisible()
    assert window.task is None


def test_cancel_while_computing_stops_the_run(qtbot, main: MainWindow, pair: Pair, messages) -> None:  # noqa: F811
    window = agreement_window(main)
    with writer_held(pair.path):
        operation = press_compare(qtbot, window)
        # Cancel as the first step reports (directly, in the worker: a click then, however quick the run is).
        operation.task.signals.progress.connect(lambda *_: operation.cancel(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert_cancelled(window, pair)
    assert window.run is None and messages == []


def test_cancel_while_storing_stores_nothing_and_drops_the_preview(qtbot, main: MainWindow,  # noqa: F811
                                                                    pair: Pair, messages) -> None:  # noqa: F811
    window = agreement_window(main)
    with writer_held(pair.path):
        operation = press_compare(qtbot, window)
        # The figures are computed and the worker moves on to storing them: the user presses Cancel right then.
        # (Connected directly: the flag is set in the worker before it stores, as a click at that moment would.)
        window._preview.ready.connect(lambda _run: operation.cancel(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert_cancelled(window, pair)
    assert window.run is None  # the unstored preview is not left on screen
    assert window.document_scope.count() == 0 and messages == []


def test_cancel_after_a_stored_run_shows_that_run_again(qtbot, main: MainWindow, pair: Pair,  # noqa: F811
                                                        messages) -> None:
    window = agreement_window(main)
    compare(qtbot, window)
    first = window.run
    assert first is not None and first.run_id is not None
    with writer_held(pair.path):
        operation = press_compare(qtbot, window)
        window._preview.ready.connect(lambda _run: operation.cancel(), Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: not window.is_running(), timeout=30_000)
    assert window.status.text() == "Cancelled — nothing was stored."
    assert window.run is first and count(pair.path, "agreement_runs") == 1
    assert window.model.rowCount() > 0 and messages == []


def test_the_documents_box_lists_a_runs_documents_without_an_item_each(qtbot, main: MainWindow,  # noqa: F811
                                                                        pair: Pair) -> None:  # noqa: F811
    window = agreement_window(main)
    compare(qtbot, window)
    assert window.run is not None
    names = window.run.document_names()
    assert isinstance(window.document_scope.model(), DocumentScopes)
    assert [window.document_scope.itemText(i) for i in range(window.document_scope.count())] == [
        "All documents", *names.values()]
    assert [window.document_scope.itemData(i) for i in range(window.document_scope.count())] == [None, *names]
    assert window.document_scope.currentIndex() == 0 and window.document_scope.isEnabled()
    window.show_run(None)
    assert window.document_scope.count() == 0 and not window.document_scope.isEnabled()


def test_the_stored_run_takes_its_previews_place_without_rebuilding_the_table(qtbot, main: MainWindow,  # noqa: F811
                                                                             pair: Pair) -> None:  # noqa: F811
    window = agreement_window(main)
    resets: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    compare(qtbot, window)
    assert len(resets) == 1  # the preview's table; the run read back shows the same figures in it
    assert window.run is not None and window.run.run_id is not None and window.model.run is window.run
    assert window.export_button.isEnabled() and window.run_title.text().startswith(f"Run {window.run.run_id}")
    window.document_scope.setCurrentIndex(1)  # a later choice of scope reads the stored run
    assert len(resets) == 2 and window.model.rowCount() > 0
