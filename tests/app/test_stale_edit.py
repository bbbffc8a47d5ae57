"""A stale edit in the window: another editor (Lin, through another Project on the same file) renamed a code (or set
a case's value) after the window loaded it; Alice's edit is refused with one message naming Lin, the views reload
and show Lin's edit, and nothing goes on the undo stack. An edit of what the view now shows goes through."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.main import MainWindow
from coding import cases, versions
from coding.edits import SetAttributeValueEdit, UpdateCodeEdit
from coding.project import Project
from tests.app.conftest import Sample
from tests.app.helpers import code_id, rows


def lin_renames(sample: Sample, code_uuid: str, name: str) -> None:
    other = Project.open(sample.path)  # a second editor of the same project, not the window's
    other.actor = "Lin"
    try:
        versions.write(other, UpdateCodeEdit(code_uuid, name=name).do)
    finally:
        other.close()


def test_a_stale_code_rename_is_refused_reloaded_and_not_pushed(qtbot, window: MainWindow, sample: Sample,  # type: ignore[no-untyped-def]
                                                                 messages: list[str]) -> None:
    assert window.bench is not None
    stack = window.bench.undo_stack
    model = window.codebook_model
    code = code_id(sample.path, "Owner functions")
    info = window.lookups.infos[code]
    lin_renames(sample, info.uuid, "Owner functions (Lin)")
    assert window.lookups.infos[code].name == "Owner functions"  # the window has not heard of it yet

    model.setData(model.index_of_code(code), "Ownership", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: bool(messages))  # the tree hands the rename on through a queued signal

    assert len(messages) == 1, messages
    assert messages[0].startswith('Code "Owner functions (Lin)" was changed by Lin at '), messages
    assert messages[0].endswith("— reloaded; your edit was not applied")
    assert rows(sample.path, "SELECT name FROM codes WHERE id = ?", code) == [("Owner functions (Lin)",)]
    assert stack.count() == 0 and not stack.canUndo()
    reloaded = window.lookups.infos[code]
    assert reloaded.name == "Owner functions (Lin)" and reloaded.version == info.version + 1
    assert model.data(model.index_of_code(code), Qt.ItemDataRole.DisplayRole).startswith("Owner functions (Lin)")

    # What the view shows now is current: the same rename goes through, and undoes to Lin's name.
    model.setData(model.index_of_code(code), "Ownership", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: rows(sample.path, "SELECT name FROM codes WHERE id = ?", code) == [("Ownership",)])
    assert len(messages) == 1 and stack.count() == 1
    window.undo()
    assert rows(sample.path, "SELECT name FROM codes WHERE id = ?", code) == [("Owner functions (Lin)",)]
    window.redo()
    assert rows(sample.path, "SELECT name FROM codes WHERE id = ?", code) == [("Ownership",)]


def test_a_stale_attribute_value_in_the_cases_editor_is_refused(window: MainWindow, sample: Sample,
                                                                messages: list[str]) -> None:
    assert window.bench is not None
    with window.bench.project.session() as session:
        cases.add_case(session, "P01", actor="Alice")
        cases.set_attribute_value(session, "P01", "role", "official", actor="Alice")
    editor = window.show_cases_editor()
    assert editor is not None
    editor.reload()
    other = Project.open(sample.path)
    other.actor = "Lin"
    try:
        versions.write(other, SetAttributeValueEdit("P01", "role", "director").do)
    finally:
        other.close()

    assert not editor.set_value("P01", "role", "doctor")  # the table still shows "official"

    assert len(messages) == 1 and messages[0].startswith('The role of case "P01" was changed by Lin at '), messages
    assert rows(sample.path, "SELECT value FROM attribute_values") == [("director",)]
    assert window.bench.undo_stack.count() == 0
    row = editor.model.case(editor.model.row_of("P01"))
    assert row is not None and "director" in row.values.values()  # reloaded
    assert editor.set_value("P01", "role", "doctor") and window.bench.undo_stack.count() == 1
