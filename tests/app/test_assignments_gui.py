"""Assignments in the window: the Documents panel's menu, the Status column and progress line, Mark as done
(menu and Ctrl+Shift+D), each one undo step (do, assert, undo, assert, redo), and a refused undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMenu

from app import assignments as feature
from app.commands import ApplyCodeCommand, AssignCommand
from app.itemmodels.documents_model import DocumentsModel
from app.main import MainWindow
from coding.team.assignments import assign as assign_documents
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import rows

EN, ZH = "P01 bureau", "P02 中文"


@pytest.fixture
def tools(window: MainWindow) -> feature.AssignmentTools:
    feature.install(window)
    feature.install(window)  # a second install adds nothing
    installed = feature.tools_of(window)
    assert installed is not None
    return installed


def stored(path: Path) -> list[tuple[str, str, str]]:
    """(coder, document, stored status) as another program reads the file."""
    return rows(path, "SELECT c.name, d.name, a.status FROM assignments a JOIN coders c ON c.id = a.coder_id "
                      "JOIN documents d ON d.id = a.document_id ORDER BY c.name, d.name")


def uuids(path: Path) -> list[str]:
    return [uuid for (uuid,) in rows(path, "SELECT uuid FROM assignments ORDER BY uuid")]


def shown_status(window: MainWindow, document_id: int) -> str:
    model = window.documents_model
    return model.data(model.index_of_document(document_id).siblingAtColumn(DocumentsModel.STATUS))


def status_column_hidden(window: MainWindow) -> bool:
    return window.documents_panel.tree.isColumnHidden(DocumentsModel.STATUS)


def progress_line(window: MainWindow) -> str:
    label = window.documents_panel.progress
    return label.text() if label.isVisibleTo(window) else ""


def select_documents(window: MainWindow, *document_ids: int) -> None:
    panel = window.documents_panel
    selection = panel.tree.selectionModel()
    selection.clearSelection()
    for document_id in document_ids:
        index = panel.proxy.mapFromSource(window.documents_model.index_of_document(document_id))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def entries(menu: QMenu) -> dict[str, object]:
    found: dict[str, object] = {}
    for action in menu.actions():
        if not action.isSeparator():
            sub = action.menu()
            found[action.text()] = {a.text(): a.isEnabled() for a in sub.actions()} if sub else action.isEnabled()
    return found


def trigger(menu: QMenu, *path: str) -> None:
    for label in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == label)
    next(a for a in menu.actions() if a.text() == path[-1]).trigger()


def test_assign_from_the_documents_menu_then_undo_and_redo(
    window: MainWindow, tools: feature.AssignmentTools, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    stack = window.bench.undo_stack
    assert status_column_hidden(window) and progress_line(window) == ""  # nobody has assignments yet
    select_documents(window, sample.en_id, sample.zh_id)
    menu = window.documents_menu()
    assert {k: v for k, v in entries(menu).items() if k in ("Assign to…", "Remove assignment", "Mark as done",
                                                             "Mark as not done")} == {
        "Assign to…": True, "Remove assignment": {}, "Mark as done": True, "Mark as not done": False,
    }
    asked: list[tuple[list[str], int]] = []
    monkeypatch.setattr(feature, "choose_coders", lambda parent, names, count: asked.append((list(names), count))
                        or ["Alice", "Bob"])
    trigger(menu, "Assign to…")
    assert asked == [(["Alice", "Bob"], 2)]
    assert stored(sample.path) == [("Alice", EN, "assigned"), ("Alice", ZH, "assigned"),
                                   ("Bob", EN, "assigned"), ("Bob", ZH, "assigned")]
    assert stack.undoText() == "Assign 2 documents to Alice, Bob"  # English as the app shows it (its catalogue)
    # you are Alice: nothing coded yet; Bob's coding in P01 does not show as your progress
    assert (shown_status(window, sample.en_id), shown_status(window, sample.zh_id)) == ("assigned", "assigned")
    assert not status_column_hidden(window)
    assert progress_line(window) == "<b>Alice</b> 0/2 done · Bob 0/2 done"
    assert "Bob: 0 done, 1 in progress, 1 not started (2 of 2 documents assigned)" in (
        window.documents_panel.progress.toolTip())
    first = uuids(sample.path)

    stack.undo()
    assert stored(sample.path) == []
    assert shown_status(window, sample.en_id) == "" and status_column_hidden(window)
    assert progress_line(window) == ""
    stack.redo()
    assert uuids(sample.path) == first  # the very assignments came back
    assert progress_line(window) == "<b>Alice</b> 0/2 done · Bob 0/2 done"
    actions = [a for (a,) in rows(sample.path, "SELECT action FROM audit_events WHERE entity = 'assignment'")]
    assert actions == ["assign", "assign", "restore", "restore", "restore", "restore"]


def test_mark_done_with_the_shortcut_on_the_open_document(
    qtbot, window: MainWindow, tools: feature.AssignmentTools, sample: Sample  # type: ignore[no-untyped-def]
) -> None:
    stack = window.bench.undo_stack
    window.open_document(sample.zh_id)
    window.transcript.edit.setFocus()
    assert tools.done_action.shortcut().toString() == "Ctrl+Shift+D"
    assert tools.done_action in window.project_menu.actions()
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    # never assigned: marking it done assigns it, as done
    assert stored(sample.path) == [("Alice", ZH, "done")]
    assert shown_status(window, sample.zh_id) == "done"
    assert progress_line(window) == "<b>Alice</b> 1/1 done"
    assert stack.undoText() == "Mark 1 document done"
    assert not tools.mark_done(True)  # already done: no empty undo step
    assert stack.count() == 1

    tools.not_done_action.trigger()
    assert stored(sample.path) == [("Alice", ZH, "assigned")]
    assert shown_status(window, sample.zh_id) == "assigned"
    stack.undo()  # not done
    stack.undo()  # done
    assert stored(sample.path) == [] and progress_line(window) == ""
    stack.redo()
    stack.redo()
    assert stored(sample.path) == [("Alice", ZH, "assigned")]


def test_coding_an_assigned_document_shows_it_in_progress(
    window: MainWindow, tools: feature.AssignmentTools, sample: Sample
) -> None:
    bench = window.bench
    assert bench.execute(AssignCommand(bench, ["Alice"], [rows(sample.path, "SELECT uuid FROM documents "
                                                                                     "WHERE id = ?", sample.en_id)[0][0]]))
    assert shown_status(window, sample.en_id) == "assigned"
    code_uuid = rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Owner functions'")[0][0]
    start = EN_TEXT.index("We sit")
    apply = ApplyCodeCommand(bench, document_id=sample.en_id, code_uuid=code_uuid, code_name="Owner functions",
                             start=start, end=start + 20, snap=None)
    assert bench.execute(apply)
    assert shown_status(window, sample.en_id) == "in progress"
    assert "Alice</b> 0/1 done" in progress_line(window)
    bench.undo_stack.undo()  # the coding
    assert shown_status(window, sample.en_id) == "assigned"


def test_remove_assignment_per_coder_with_undo(
    window: MainWindow, tools: feature.AssignmentTools, sample: Sample
) -> None:
    with window.bench.project.session() as session:
        assign_documents(session, "Bob", [EN, ZH], actor="Lead")
        assign_documents(session, "Alice", [ZH], actor="Lead")
    tools.refresh()
    select_documents(window, sample.en_id)
    assert entries(window.documents_menu())["Remove assignment"] == {"Bob": True}
    select_documents(window, sample.en_id, sample.zh_id)
    assert entries(window.documents_menu())["Remove assignment"] == {"Alice": True, "Bob": True}
    trigger(window.documents_menu(), "Remove assignment", "Bob")
    assert stored(sample.path) == [("Alice", ZH, "assigned")]
    assert progress_line(window) == "<b>Alice</b> 0/1 done"
    window.bench.undo_stack.undo()
    assert stored(sample.path) == [("Alice", ZH, "assigned"), ("Bob", EN, "assigned"), ("Bob", ZH, "assigned")]


def test_an_undo_after_another_windows_edit_is_refused_and_changes_nothing(
    window: MainWindow, tools: feature.AssignmentTools, sample: Sample, messages: list[str]
) -> None:
    window.open_document(sample.en_id)
    assert tools.mark_done(True)
    with window.bench.project.session() as session:  # another window marks it not done meanwhile
        from coding.team.assignments import mark_done

        mark_done(session, "Alice", [EN], actor="Alice", undo=True)
    before = stored(sample.path), rows(sample.path, "SELECT count(*) FROM audit_events")
    window.bench.undo_stack.undo()
    assert len(messages) == 1 and "were changed since" in messages[0] and EN in messages[0]
    assert (stored(sample.path), rows(sample.path, "SELECT count(*) FROM audit_events")) == before
    assert window.bench.undo_stack.count() == 0  # the obsolete step left the stack


def test_closing_the_project_clears_statuses_and_progress(
    window: MainWindow, tools: feature.AssignmentTools, sample: Sample
) -> None:
    window.open_document(sample.en_id)
    tools.mark_done(True)
    assert window.documents_model.statuses
    window.close_project()
    assert window.documents_model.statuses == {} and progress_line(window) == ""
    assert not tools.done_action.isEnabled()
