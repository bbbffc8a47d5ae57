"""The audit viewer (Project → Audit trail…), driven as a user would: menu item, filters, scrolling for more,
Verify chain, CSV export; workers awaited, results compared with what ``coding.audit`` reads from the file."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QMenu

from app import audit_viewer
from app.audit_viewer import AuditTableModel, AuditViewer
from app.main import MainWindow
from coding.audit import AuditFilter, AuditNames, list_events, record
from coding.project import Project
from tests.app.conftest import Sample

TIMEOUT = 30_000


def _events(path: Path, filters: AuditFilter | None = None) -> list:
    with Project.open(path) as project, project.session() as session:
        return list_events(session, filters or AuditFilter())


def _add_events(path: Path, count: int) -> None:
    with Project.open(path) as project, project.session() as session:
        for number in range(count):
            actor = "王芳" if number % 5 == 0 else "Bob"
            record(session, actor, "set_coding_memo", "coding", None, {"memo": ""}, {"memo": f"备注 {number}"})


@pytest.fixture
def main(qtbot, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(None, settings)
    audit_viewer.install(window)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def _viewer(qtbot, path: Path, page_size: int = audit_viewer.PAGE_SIZE) -> AuditViewer:  # type: ignore[no-untyped-def]
    viewer = AuditViewer(path, page_size=page_size)
    qtbot.addWidget(viewer)
    viewer.show()
    _settle(qtbot, viewer)
    return viewer


def _settle(qtbot, viewer: AuditViewer) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not viewer.is_busy(), timeout=TIMEOUT)


def _ids(viewer: AuditViewer) -> list[int]:
    return [row.id for row in viewer.model.rows]


def test_project_menu_item_opens_the_newest_events(qtbot, main: MainWindow, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    tools = audit_viewer.tools_of(main)
    assert tools is not None
    audit_viewer.install(main)  # a second install adds nothing
    assert audit_viewer.tools_of(main) is tools
    project_menu = next(a.menu() for a in main.menuBar().actions() if a.text() == "&Project")
    assert isinstance(project_menu, QMenu) and tools.action in project_menu.actions()
    assert not tools.action.isEnabled()

    assert main.open_project(sample.path, coder="Alice")
    assert tools.action.isEnabled()
    tools.action.trigger()
    viewer = tools.viewer
    assert viewer is not None and viewer.isVisible()
    _settle(qtbot, viewer)
    expected = _events(sample.path)
    assert _ids(viewer) == [event.id for event in expected] and len(expected) > 10
    model = viewer.model
    first = model.index(0, AuditTableModel.CHANGE)
    assert model.data(first) == expected[0].summary
    assert model.data(model.index(0, AuditTableModel.ACTOR)) == expected[0].actor
    assert viewer.count_label.text() == f"{len(expected)} events"

    main.close_project()
    assert tools.viewer is None and not tools.action.isEnabled()


def test_scrolling_down_reads_the_next_pages(qtbot, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    _add_events(sample.path, 45)
    expected = [event.id for event in _events(sample.path)]
    viewer = _viewer(qtbot, sample.path, page_size=20)
    assert _ids(viewer) == expected[:20]
    assert viewer.model.canFetchMore(QModelIndex())
    assert "more load as you scroll" in viewer.count_label.text()
    while viewer.model.canFetchMore(QModelIndex()):
        shown = viewer.model.rowCount()
        viewer.table.scrollToBottom()  # the view itself asks the model for more
        qtbot.waitUntil(lambda shown=shown: viewer.model.rowCount() > shown or viewer.model.exhausted,
                        timeout=TIMEOUT)
        _settle(qtbot, viewer)
    assert _ids(viewer) == expected
    assert viewer.count_label.text() == f"{len(expected)} events"


def test_filters_match_the_library(qtbot, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    _add_events(sample.path, 10)
    viewer = _viewer(qtbot, sample.path)
    assert [viewer.actor_box.itemData(i) for i in range(viewer.actor_box.count())][1:] == sorted(
        {event.actor for event in _events(sample.path)})

    viewer.actor_box.setCurrentIndex(viewer.actor_box.findData("王芳"))
    _settle(qtbot, viewer)
    assert _ids(viewer) == [e.id for e in _events(sample.path, AuditFilter(actor="王芳"))] and len(_ids(viewer)) == 2

    viewer.actor_box.setCurrentIndex(0)
    viewer.entity_box.setCurrentIndex(viewer.entity_box.findData("coder"))
    _settle(qtbot, viewer)
    assert {row.entity for row in viewer.model.rows} == {"coder"} and len(viewer.model.rows) == 2

    viewer.entity_box.setCurrentIndex(0)
    viewer.text_edit.setText("备注 5")
    qtbot.waitUntil(lambda: viewer.model.filters.text == "备注 5", timeout=TIMEOUT)  # after the typing pause
    _settle(qtbot, viewer)
    assert [row.after for row in viewer.model.rows] == [{"memo": "备注 5"}]

    viewer.text_edit.clear()
    tomorrow = QDate.currentDate().addDays(1)
    viewer.since_edit.setDate(tomorrow)
    viewer.since_check.setChecked(True)
    _settle(qtbot, viewer)
    assert viewer.model.rows == [] and viewer.count_label.text() == "No events match."
    viewer.since_check.setChecked(False)
    viewer.until_edit.setDate(QDate.currentDate())
    viewer.until_check.setChecked(True)
    _settle(qtbot, viewer)
    assert _ids(viewer) == [event.id for event in _events(sample.path)]


def test_selected_event_shows_its_values_before_and_after_by_name(qtbot, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    viewer = _viewer(qtbot, sample.path)
    row = next(i for i, event in enumerate(viewer.model.rows) if event.action == "apply_code")
    viewer.table.selectRow(row)
    shown = viewer.details.toPlainText()
    assert "apply code · coding" in shown and "by fixture" in shown
    assert "Organizational changes" in shown and "P01 bureau" in shown and "Bob's view" in shown
    assert f"Event {viewer.model.rows[row].id}" in shown


def test_verify_says_intact_then_where_it_breaks(qtbot, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    viewer = _viewer(qtbot, sample.path)
    total = len(_events(sample.path))
    with qtbot.waitSignal(viewer.verified, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(viewer.verify_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].ok
    assert viewer.verify_label.text().startswith(f"✓ Chain intact: all {total} events are as they were written")

    with sqlite3.connect(sample.path) as raw:
        target = raw.execute("select id from audit_events where action = 'apply_code'").fetchone()[0]
        raw.execute("update audit_events set after = json_set(after, '$.end', 9999) where id = ?", (target,))
    with qtbot.waitSignal(viewer.verified, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(viewer.verify_button, Qt.MouseButton.LeftButton)
    assert not blocker.args[0].ok
    assert f"audit chain broken at event {target} (edited after it was written)" in viewer.verify_label.text()
    assert viewer.verify_button.isEnabled()


def test_csv_export_writes_what_the_filters_show(qtbot, sample: Sample, tmp_path: Path, messages: list[str],  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _add_events(sample.path, 10)
    target = tmp_path / "trail.csv"
    monkeypatch.setattr(audit_viewer, "save_path", lambda *_args, **_kw: str(target))
    viewer = _viewer(qtbot, sample.path)
    viewer.actor_box.setCurrentIndex(viewer.actor_box.findData("王芳"))
    _settle(qtbot, viewer)
    with qtbot.waitSignal(viewer.exported, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(viewer.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is not None and blocker.args[0].items == 2
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["id"]) for row in rows] == _ids(viewer)
    assert {row["actor"] for row in rows} == {"王芳"} and "备注" in rows[0]["after"]
    assert messages == [f"Wrote 2 audit events to {target}"]


def test_a_cancelled_save_dialog_writes_nothing(qtbot, sample: Sample, tmp_path: Path, messages: list[str],  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_viewer, "save_path", lambda *_args, **_kw: None)
    viewer = _viewer(qtbot, sample.path)
    viewer.export_button.click()
    assert not viewer.is_busy() and messages == [] and not list(tmp_path.glob("*.csv"))


def test_a_page_for_old_filters_is_dropped(qtbot, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    """Filters changed while a page was on its way: the late page must not mix into the new list."""
    model = AuditTableModel(page_size=5)
    asked: list[tuple] = []
    model.fetch_requested.connect(lambda *args: asked.append(args))
    model.set_filters(AuditFilter(actor="Alice"))
    model.set_filters(AuditFilter(actor="Bob"))
    assert [args[0] for args in asked] == [1, 2]
    old_rows = _events(sample.path)[:5]
    model.add_page(1, old_rows, AuditNames(None))
    assert model.rowCount() == 0 and model.loading
    model.add_page(2, old_rows[:3], AuditNames(None))
    assert model.rowCount() == 3 and model.exhausted and not model.canFetchMore(QModelIndex())
