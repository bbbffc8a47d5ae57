"""Document groups from the Documents panel: the context menu, its undoable commands, the grouped view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.commands import GroupMembersCommand, NewGroupCommand
from app.itemmodels.documents_model import GroupHeader
from app.main import MainWindow
from tests.app.conftest import Sample
from tests.app.helpers import rows


def memberships(path: Path) -> list[tuple[str, str]]:
    return rows(path, "SELECT g.name, d.name FROM document_group_members m JOIN document_groups g ON g.id = m.group_id "
                      "JOIN documents d ON d.id = m.document_id ORDER BY g.name, d.name")


def select_documents(window: MainWindow, *document_ids: int) -> None:
    panel = window.documents_panel
    selection = panel.tree.selectionModel()
    selection.clearSelection()
    for document_id in document_ids:
        index = panel.proxy.mapFromSource(window.documents_model.index_of_document(document_id))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def menu_entries(menu: QMenu) -> dict[str, object]:
    """Top-level labels -> submenu labels (with enabled state) or the action's enabled state."""
    entries: dict[str, object] = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        entries[action.text()] = (
            {a.text(): a.isEnabled() for a in sub.actions()} if sub is not None else action.isEnabled()
        )
    return entries


def trigger(menu: QMenu, *path: str) -> None:
    for label in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == label)
    next(a for a in menu.actions() if a.text() == path[-1]).trigger()


def test_new_group_add_remove_from_the_menu_with_undo(window: MainWindow, sample: Sample,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    stack = window.bench.undo_stack
    select_documents(window, sample.en_id, sample.zh_id)
    assert {row.id for row in window.documents_panel.selected_documents()} == {sample.en_id, sample.zh_id}
    menu = window.documents_menu()
    assert menu_entries(menu) == {"Add to group": {}, "Remove from group": {}, "New group…": True,
                                  "Open original": False}  # one document at a time
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "Pilot sites")
    trigger(menu, "New group…")
    assert memberships(sample.path) == [("Pilot sites", "P01 bureau"), ("Pilot sites", "P02 中文")]
    assert stack.undoText() == "New group 'Pilot sites'"
    assert {row.name: row.groups for row in window.documents_model.rows} == {
        "P01 bureau": ("Pilot sites",), "P02 中文": ("Pilot sites",)
    }

    # take one out, through the menu
    select_documents(window, sample.zh_id)
    menu = window.documents_menu()
    assert menu_entries(menu)["Remove from group"] == {"Pilot sites": True}
    assert menu_entries(menu)["Add to group"] == {"Pilot sites": False}  # already in it
    trigger(menu, "Remove from group", "Pilot sites")
    assert memberships(sample.path) == [("Pilot sites", "P01 bureau")]

    # and back in
    select_documents(window, sample.zh_id)
    trigger(window.documents_menu(), "Add to group", "Pilot sites")
    assert memberships(sample.path) == [("Pilot sites", "P01 bureau"), ("Pilot sites", "P02 中文")]
    group_uuid = rows(sample.path, "SELECT uuid FROM document_groups")

    stack.undo()  # add
    assert memberships(sample.path) == [("Pilot sites", "P01 bureau")]
    stack.undo()  # remove
    stack.undo()  # new group
    assert rows(sample.path, "SELECT count(*) FROM document_groups") == [(0,)]
    assert all(row.groups == () for row in window.documents_model.rows)
    stack.redo()
    stack.redo()
    stack.redo()
    assert memberships(sample.path) == [("Pilot sites", "P01 bureau"), ("Pilot sites", "P02 中文")]
    assert rows(sample.path, "SELECT uuid FROM document_groups") == group_uuid  # the very group came back
    actions = [a for (a,) in rows(sample.path, "SELECT action FROM audit_events WHERE entity = 'document_group'")]
    assert actions[:3] == ["add", "add-documents", "remove-documents"] and "restore" in actions


def test_grouping_by_document_group_shows_the_new_group(window: MainWindow, sample: Sample) -> None:
    window.documents_panel.group_by.setCurrentIndex(window.documents_panel.group_by.findData("group"))
    window.bench.execute(NewGroupCommand(window.bench, "Wave 1", [window.documents_model.rows[0].uuid]))
    model = window.documents_model
    headers = [model.item(model.index(r, 0)).payload for r in range(model.rowCount())]
    assert [h.name for h in headers if isinstance(h, GroupHeader)] == ["Wave 1", "Not in a group"]


def test_refused_group_edits_show_why_and_change_nothing(window: MainWindow, sample: Sample, messages: list[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    bench = window.bench
    en_uuid = rows(sample.path, "SELECT uuid FROM documents WHERE id = ?", sample.en_id)[0][0]
    assert bench.execute(NewGroupCommand(bench, "Pilot", [en_uuid]))
    before = rows(sample.path, "SELECT count(*) FROM audit_events")
    assert not bench.execute(NewGroupCommand(bench, "PILOT", [en_uuid]))
    assert not bench.execute(NewGroupCommand(bench, "  ", [en_uuid]))
    assert not bench.execute(GroupMembersCommand(bench, "Nope", [en_uuid], add=True))
    zh_uuid = rows(sample.path, "SELECT uuid FROM documents WHERE id = ?", sample.zh_id)[0][0]
    assert not bench.execute(GroupMembersCommand(bench, "Pilot", [zh_uuid], add=False))
    assert len(messages) == 4 and "already a document group named 'Pilot'" in messages[0]
    assert rows(sample.path, "SELECT count(*) FROM audit_events") == before
    assert bench.undo_stack.count() == 1
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: None)  # cancelled: nothing happens
    select_documents(window, sample.zh_id)
    trigger(window.documents_menu(), "New group…")
    assert bench.undo_stack.count() == 1
    select_documents(window)
    assert window.documents_menu() is None  # nothing selected, no menu
