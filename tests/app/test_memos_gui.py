"""Memos in the window: the Memos dock, Memo… on documents, codes and cases, the journal (Ctrl+J) — each write one
undo step (do, assert, undo, assert, redo), text written on Save or on leaving the memo, never per keystroke."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMenu

from app import memos as feature
from app.main import MainWindow
from tests.app.conftest import Sample
from tests.app.helpers import rows

EN = "P01 bureau"


@pytest.fixture
def tools(window: MainWindow) -> feature.MemoTools:
    feature.install(window)
    feature.install(window)  # a second install adds nothing
    installed = feature.tools_of(window)
    assert installed is not None
    return installed


def stored(path: Path) -> list[tuple]:
    """(kind, target, author, title, text) as another program reads the file."""
    return rows(path, "SELECT m.target_kind, COALESCE(d.name, k.name, c.name, ''), COALESCE(a.name, ''), m.title, "
                      "m.text FROM memos m LEFT JOIN documents d ON d.uuid = m.target_uuid "
                      "LEFT JOIN codes k ON k.uuid = m.target_uuid LEFT JOIN cases c ON c.uuid = m.target_uuid "
                      "LEFT JOIN coders a ON a.id = m.author_id ORDER BY m.id")


def menu_action(menu: QMenu, text: str):  # type: ignore[no-untyped-def]
    found = [a for a in menu.actions() if a.text() == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def select_document(window: MainWindow, name: str) -> None:
    panel = window.documents_panel
    model, proxy = window.documents_model, panel.proxy
    row = next(r for r in model.rows if r.name == name)
    index = proxy.mapFromSource(model.index_of_document(row.id))
    panel.tree.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)


def test_document_memo_from_the_documents_menu(window: MainWindow, tools: feature.MemoTools, sample: Sample,
                                               qtbot) -> None:  # type: ignore[no-untyped-def]
    select_document(window, EN)
    menu = window.documents_menu()
    assert menu is not None
    menu_action(menu, "Memo…").trigger()
    panel = tools.panel
    assert tools.dock.isVisible() and panel.draft is not None and panel.draft.target_name == EN
    panel.title.setText("Setting")
    qtbot.keyClicks(panel.text, "Bureau office")
    assert stored(sample.path) == []  # typing writes nothing
    assert panel.commit()
    assert stored(sample.path) == [("document", EN, "Alice", "Setting", "Bureau office")]
    assert window.bench.blind  # two coders: blind by default, so Bob's coding memo is not listed
    assert [(r.kind, r.target_name) for r in panel.model.rows] == [("document", EN)]
    assert panel.current is not None and panel.current.kind == "document"

    # Edit: Save writes it, undo puts the previous text back (in the file and in the editor), redo again.
    panel.text.setPlainText("Bureau office, door open.")
    assert stored(sample.path)[0][4] == "Bureau office"
    panel.save_button.click()
    assert stored(sample.path)[0][4] == "Bureau office, door open."
    window.undo()
    assert stored(sample.path)[0][4] == "Bureau office"
    assert panel.text.toPlainText() == "Bureau office"
    window.redo()
    assert panel.text.toPlainText() == "Bureau office, door open."

    # Undo the edit and the creation: the memo is gone; redo brings back the very memo.
    uuid = panel.current.uuid
    window.undo()
    window.undo()
    assert stored(sample.path) == [] and panel.model.rows == []
    assert panel.current is None and not panel.text.isEnabled()  # nothing left to edit
    window.redo()
    assert rows(sample.path, "SELECT uuid, text FROM memos") == [(uuid, "Bureau office")]

    # Opening it again from the menu shows the memo, not a new draft.
    menu = window.documents_menu()
    menu_action(menu, "Memo…").trigger()
    assert panel.current is not None and panel.current.uuid == uuid and panel.text.toPlainText() == "Bureau office"


def test_choosing_another_memo_writes_the_one_being_edited(window: MainWindow, tools: feature.MemoTools,
                                                            sample: Sample) -> None:
    window.set_blind(False)  # Bob's coding memo is listed too
    tools.project_memo()
    panel = tools.panel
    panel.text.setPlainText("Aims of the study")
    panel.commit()
    project_uuid = panel.current.uuid
    panel.text.setPlainText("Aims of the study, revised")
    coding_row = next(i for i, r in enumerate(panel.model.rows) if r.kind == "coding")
    panel.table.setCurrentIndex(panel.model.index(coding_row, 0))
    assert rows(sample.path, "SELECT text FROM memos WHERE uuid = ?", project_uuid) == [("Aims of the study, revised",)]
    assert panel.current.kind == "coding" and panel.text.toPlainText() == "Bob's view"
    # Bob's coding memo: Alice reads it but cannot change or delete it.
    assert not panel.title.isEnabled() and panel.text.isReadOnly() and not panel.delete_button.isEnabled()
    window.undo()
    assert rows(sample.path, "SELECT text FROM memos WHERE uuid = ?", project_uuid) == [("Aims of the study",)]


def test_journal_entry_with_ctrl_j(window: MainWindow, tools: feature.MemoTools, sample: Sample, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    panel = tools.panel
    assert panel.draft is not None and panel.draft.kind == "journal"
    panel.text.setPlainText("Coded P01 today; 'bureau' needs a rule.")
    panel.save_button.click()
    assert stored(sample.path) == [("journal", "", "Alice", "", "Coded P01 today; 'bureau' needs a rule.")]
    tools.show_journal()
    assert [r.kind for r in panel.model.rows] == ["journal"]
    window.undo()
    assert stored(sample.path) == [] and panel.model.rows == []
    window.redo()
    assert [r.text for r in panel.model.rows] == ["Coded P01 today; 'bureau' needs a rule."]
    # An empty new entry is not saved, and an empty memo is refused with one message, nothing written.
    tools.new_journal_entry()
    assert panel.commit() and len(stored(sample.path)) == 1
    panel.select(panel.model.rows[0].uuid)
    panel.text.setPlainText("   ")
    messages = []
    window.bench.report_error = messages.append  # type: ignore[method-assign]
    assert not panel.commit()
    assert messages and "journal entry needs some text" in messages[0]
    assert stored(sample.path)[0][4] == "Coded P01 today; 'bureau' needs a rule."


def test_code_and_case_memos_and_search(window: MainWindow, tools: feature.MemoTools, sample: Sample) -> None:
    from coding.cases import add_case

    info = next(i for i in window.code_infos.values() if i.name == "Owner functions")
    window.codebook_panel.select_code(info.id)
    menu = window.codebook_context_menu()
    menu_action(menu, "Memo…").trigger()
    panel = tools.panel
    assert panel.draft is not None and panel.draft.kind == "code"
    panel.text.setPlainText("Who owns the hospital: 出资人")
    panel.commit()
    with window.bench.project.session() as session:
        add_case(session, "Director", actor="test")
    editor = window.show_cases_editor()
    tools.hook_cases_editor()
    editor.reload()
    editor.select_case("Director")
    editor.request_memo()
    assert panel.draft is not None and panel.draft.kind == "case"
    panel.text.setPlainText("Long-serving director")
    panel.commit()
    assert [(k, t) for k, t, *_ in stored(sample.path)] == [("code", "Owner functions"), ("case", "Director")]
    panel.search.setText("出资")
    assert [r.kind for r in panel.model.rows] == ["code"]
    panel.search.setText("LONG-SERVING")
    assert [r.kind for r in panel.model.rows] == ["case"]
    panel.search.clear()
    panel.kind.setCurrentIndex(panel.kind.findData("coding"))
    assert window.bench.blind and panel.model.rows == []  # blind: only your own coding memos; Alice has none
    window.set_blind(False)
    assert [r.text for r in panel.model.rows] == ["Bob's view"]
    window.bench.set_coder(sample.bob_id, "Bob")  # a coding memo is its coder's to change
    panel.select(panel.model.rows[0].uuid)
    assert not panel.text.isReadOnly()
    panel.delete_button.click()
    assert rows(sample.path, "SELECT memo FROM codings") == [("",)]
    window.undo()
    assert rows(sample.path, "SELECT memo FROM codings") == [("Bob's view",)]


def test_delete_and_undo(window: MainWindow, tools: feature.MemoTools, sample: Sample) -> None:
    tools.new_project_memo()
    panel = tools.panel
    panel.title.setText("Plan")
    panel.text.setPlainText("Two coders, blind.")
    panel.commit()
    uuid = panel.current.uuid
    panel.delete_button.click()
    assert stored(sample.path) == [] and panel.current is None
    window.undo()
    assert rows(sample.path, "SELECT uuid, title FROM memos") == [(uuid, "Plan")]
    window.redo()
    assert stored(sample.path) == []


def test_a_document_with_a_memo_says_so_in_its_tooltip(window: MainWindow, tools: feature.MemoTools,
                                                       sample: Sample) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    row = next(r for r in window.documents_model.rows if r.name == EN)
    assert tools.hints.hint_for(row.uuid) == ""
    tools.open_memo_on("document", row.uuid, row.name)
    tools.panel.title.setText("Setting")
    tools.panel.commit()
    assert tools.hints.hint_for(row.uuid).startswith("✎ Memo: Setting")
    tree = window.documents_panel.tree
    index = window.documents_panel.proxy.mapFromSource(window.documents_model.index_of_document(row.id))
    tree.scrollTo(index)
    point = tree.visualRect(index).center()
    viewport = tree.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    assert "✎ Memo: Setting" in QToolTip.text()
    window.undo()  # the memo goes, and so does the hint
    assert tools.hints.hint_for(row.uuid) == ""


def test_leaving_the_editor_writes_the_memo(window: MainWindow, tools: feature.MemoTools, sample: Sample,
                                            qtbot) -> None:  # type: ignore[no-untyped-def]
    tools.new_journal_entry()
    panel = tools.panel
    panel.text.setFocus()
    qtbot.waitUntil(panel.text.hasFocus)
    qtbot.keyClicks(panel.text, "Left the editor")
    panel.title.setFocus()  # still inside the editor pane: nothing written yet
    qtbot.waitUntil(panel.title.hasFocus)
    assert stored(sample.path) == []
    window.transcript.edit.setFocus()
    qtbot.waitUntil(lambda: stored(sample.path) != [], timeout=3000)
    assert stored(sample.path) == [("journal", "", "Alice", "", "Left the editor")]
    assert len([r for r in panel.model.rows if r.kind == "journal"]) == 1


def test_undo_refuses_a_memo_changed_elsewhere(window: MainWindow, tools: feature.MemoTools, sample: Sample,
                                               messages: list[str]) -> None:
    from coding.memos import edit_memo

    tools.project_memo()
    panel = tools.panel
    panel.text.setPlainText("v1")
    panel.commit()
    panel.text.setPlainText("v2")
    panel.commit()
    with window.bench.project.session() as session:  # another window writes v3 meanwhile
        edit_memo(session, panel.current.uuid, text="v3 from elsewhere", actor="Bob")
    window.undo()
    assert any("changed since" in message for message in messages)
    assert rows(sample.path, "SELECT text FROM memos") == [("v3 from elsewhere",)]
    assert panel.text.toPlainText() == "v3 from elsewhere"  # the view shows what the project holds
