"""Rename and delete documents, cases and attributes in the app (do, assert, undo, assert, redo), with the
confirmation answered on the real dialog; and the import dialog's file list with check boxes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox, QPushButton
from sqlalchemy import Table

from app.main import MainWindow
from coding import cases
from models import Base
from tests.app.conftest import Sample
from tests.app.helpers import rows
from tests.core.conftest import write_docx


def every_row(path: Path) -> dict[str, list[tuple]]:
    """Every table but the audit trail, read as another program would; without the row versions (migration
    0009), which count every write, undo included, and so never go back."""
    def columns(table: Table) -> str:
        return ", ".join(f'"{c.name}"' for c in table.columns if c.name != "version")

    return {table.name: sorted(rows(path, f"SELECT {columns(table)} FROM {table.name}"), key=repr)
            for table in Base.metadata.sorted_tables if table.name != "audit_events"}


def answer_next_dialog(reply: Callable[[object], None], seen: list[str]) -> None:
    """When the next modal dialog opens, note its text and answer it with ``reply``."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(dialog.text() if isinstance(dialog, QMessageBox) else dialog.labelText())
        reply(dialog)

    QTimer.singleShot(0, poll)


def click(label: str) -> Callable[[object], None]:
    def press(box: object) -> None:
        assert isinstance(box, QMessageBox)
        next(b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == label).click()

    return press


def type_text(text: str) -> Callable[[object], None]:
    def enter(dialog: object) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()

    return enter


def select_documents(window: MainWindow, *document_ids: int) -> None:
    from app import housekeeping

    housekeeping.install(window)
    housekeeping.install(window)  # a second install adds nothing
    panel = window.documents_panel
    selection = panel.tree.selectionModel()
    selection.clearSelection()
    for document_id in document_ids:
        index = panel.proxy.mapFromSource(window.documents_model.index_of_document(document_id))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def trigger(menu: QMenu, label: str) -> None:
    next(a for a in menu.actions() if a.text() == label).trigger()


def document_names(path: Path) -> set[str]:
    return {name for (name,) in rows(path, "SELECT name FROM documents")}


def test_delete_document_asks_with_counts_then_undo_and_redo(window: MainWindow, sample: Sample) -> None:
    before = every_row(sample.path)
    select_documents(window, sample.en_id)
    menu = window.documents_menu()
    assert [a.text() for a in menu.actions()].count("Delete document…") == 1
    seen: list[str] = []
    answer_next_dialog(click("Delete"), seen)
    trigger(menu, "Delete document…")
    assert seen and "1 document with 1 coding by 1 coder (Bob) and 1 memo" in seen[0]
    assert document_names(sample.path) == {"P02 中文"}
    assert rows(sample.path, "SELECT count(*) FROM codings") == [(0,)]
    assert {row.name for row in window.documents_model.rows} == {"P02 中文"}
    stack = window.bench.undo_stack
    assert stack.undoText() == "Delete document 'P01 bureau'"

    stack.undo()
    assert every_row(sample.path) == before
    assert {row.name for row in window.documents_model.rows} == {"P01 bureau", "P02 中文"}
    stack.redo()
    assert document_names(sample.path) == {"P02 中文"}


def test_delete_declined_changes_nothing(window: MainWindow, sample: Sample) -> None:
    before = every_row(sample.path)
    select_documents(window, sample.en_id, sample.zh_id)
    seen: list[str] = []
    answer_next_dialog(click("Cancel"), seen)
    trigger(window.documents_menu(), "Delete 2 documents…")
    assert "2 documents with 1 coding" in seen[0]
    assert every_row(sample.path) == before and window.bench.undo_stack.count() == 0


def test_rename_document_from_the_menu_undo_redo_and_clash(window: MainWindow, sample: Sample,
                                                           messages: list[str]) -> None:
    select_documents(window, sample.zh_id)
    seen: list[str] = []
    answer_next_dialog(type_text("P02 Chinese"), seen)
    trigger(window.documents_menu(), "Rename document…")
    assert document_names(sample.path) == {"P01 bureau", "P02 Chinese"}
    window.bench.undo_stack.undo()
    assert document_names(sample.path) == {"P01 bureau", "P02 中文"}
    window.bench.undo_stack.redo()
    assert document_names(sample.path) == {"P01 bureau", "P02 Chinese"}

    select_documents(window, sample.zh_id)
    answer_next_dialog(type_text("p01 BUREAU"), seen)
    trigger(window.documents_menu(), "Rename document…")
    assert messages == ["there is already a document named 'P01 bureau'"]
    assert document_names(sample.path) == {"P01 bureau", "P02 Chinese"}


def _case_with_values(window: MainWindow) -> None:
    with window.bench.project.session() as session:
        cases.add_case(session, "P01", actor="Alice")
        cases.set_attribute_value(session, "P01", "role", "official", actor="Alice")
        cases.add_case(session, "P02", actor="Alice")
        cases.set_attribute_value(session, "P02", "role", "doctor", actor="Alice")
        cases.attach_document(session, "P01", "P01 bureau", actor="Alice")


def test_cases_editor_renames_and_deletes_a_case(window: MainWindow, sample: Sample) -> None:
    _case_with_values(window)
    editor = window.show_cases_editor()
    editor.reload()
    before = every_row(sample.path)
    editor.select_case("P01")
    seen: list[str] = []
    answer_next_dialog(type_text("Bureau official"), seen)
    assert editor.rename_case()
    assert rows(sample.path, "SELECT name FROM cases ORDER BY name") == [("Bureau official",), ("P02",)]

    editor.select_case("Bureau official")
    answer_next_dialog(click("Delete"), seen)
    assert editor.delete_case()
    assert "case 'Bureau official': 1 attribute value, 1 document detached" in seen[-1]
    assert rows(sample.path, "SELECT name FROM cases") == [("P02",)]
    assert rows(sample.path, "SELECT case_id FROM documents WHERE name = 'P01 bureau'") == [(None,)]
    assert editor.model.rowCount() == 1

    stack = window.bench.undo_stack
    stack.undo()
    assert rows(sample.path, "SELECT name FROM cases ORDER BY name") == [("Bureau official",), ("P02",)]
    stack.undo()
    assert every_row(sample.path) == before
    assert editor.model.rowCount() == 2
    stack.redo()
    stack.redo()
    assert rows(sample.path, "SELECT name FROM cases") == [("P02",)]


def test_cases_editor_renames_and_deletes_an_attribute(window: MainWindow, sample: Sample) -> None:
    _case_with_values(window)
    editor = window.show_cases_editor()
    editor.reload()
    before = every_row(sample.path)
    column = next(c for c in range(editor.model.columnCount())
                  if (a := editor.model.attribute_of_column(c)) is not None and a.name == "role")
    editor.table.setCurrentIndex(editor.model.index(0, column))
    seen: list[str] = []
    answer_next_dialog(type_text("Role"), seen)
    assert editor.rename_attribute()
    assert rows(sample.path, "SELECT name FROM attributes") == [("Role",)]

    editor.table.setCurrentIndex(editor.model.index(0, column))
    answer_next_dialog(click("Delete"), seen)
    assert editor.delete_attribute()
    assert "attribute 'Role': 2 attribute values" in seen[-1]
    assert rows(sample.path, "SELECT count(*) FROM attribute_values") == [(0,)]

    window.bench.undo_stack.undo()
    window.bench.undo_stack.undo()
    assert every_row(sample.path) == before
    window.bench.undo_stack.redo()
    assert rows(sample.path, "SELECT name FROM attributes") == [("Role",)]


def test_import_dialog_lists_the_folder_with_check_boxes(qtbot, window: MainWindow, sample: Sample,
                                                         tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "README.md").write_text("# About these interviews\n", encoding="utf-8")
    (folder / "P03 director.txt").write_text("Interviewer: Budget?\n\nR: From the district.\n", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_docx(folder / "P04 ceo.docx", [("p", "Interviewer: Who appoints you?"), ("p", "R: The council does.")])
    dialog = window.show_import_dialog()
    dialog.add_paths([folder])
    listed = {item.text(0): (item.checkState(0), item.text(2), item.text(3)) for item in dialog.file_items()}
    assert listed["README.md"][0] == Qt.CheckState.Unchecked and "README" in listed["README.md"][2]
    assert listed["photo.png"][:2] == (Qt.CheckState.Unchecked, "—")
    assert listed["P03 director.txt"][:2] == (Qt.CheckState.Checked, "Text (.txt)")
    assert listed["P04 ceo.docx"][:2] == (Qt.CheckState.Checked, "Word (.docx)")
    assert sorted(Path(p).name for p in dialog.chosen_paths()) == ["P03 director.txt", "P04 ceo.docx"]

    next(item for item in dialog.file_items() if item.text(0) == "P04 ceo.docx").setCheckState(
        0, Qt.CheckState.Unchecked)
    with qtbot.waitSignal(dialog.imported, timeout=60000):
        dialog.start_button.click()
    assert document_names(sample.path) == {"P01 bureau", "P02 中文", "P03 director"}
