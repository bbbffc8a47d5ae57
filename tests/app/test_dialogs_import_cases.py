"""The import dialog (worker thread, progress, report) and the cases-and-attributes editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import dialogs
from app.main import MainWindow
from tests.app.conftest import Sample
from tests.app.helpers import rows


def test_import_runs_in_a_worker_and_reports_each_file(qtbot, window: MainWindow, sample: Sample,
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "P03 director.txt").write_text(
        "Interviewer: How is the alliance financed?\n\nR: The budget comes from the district.\n", encoding="utf-8"
    )
    (folder / "P04 ceo.txt").write_text("Interviewer: Who appoints you?\n\nR: The council does.\n", encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"this is not a zip archive")
    dialog = window.show_import_dialog()
    assert dialog is not None
    dialog.add_paths([folder, broken])
    dialog.case.setText("P03")
    with qtbot.waitSignal(dialog.imported, timeout=60000):
        dialog.start_button.click()
    assert dialog.report is not None
    results = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
               for r in range(dialog.table.rowCount())}
    assert results["P03 director.txt"][0] == "Imported"
    assert results["P04 ceo.txt"][0] == "Imported"
    assert results["broken.docx"][0] == "Failed"
    assert not results["broken.docx"][1].startswith(str(broken))  # the reason, in plain words
    assert "2 imported" in dialog.status.text() and "1 failed" in dialog.status.text()
    names = {name for (name,) in rows(sample.path, "SELECT name FROM documents")}
    assert {"P03 director", "P04 ceo"} <= names
    assert rows(sample.path, "SELECT count(*) FROM documents d JOIN cases c ON c.id = d.case_id "
                             "WHERE c.name = 'P03'") == [(2,)]
    assert {row.name for row in window.documents_model.rows} == names  # the panel reloaded


def test_import_can_be_cancelled_and_keeps_what_was_done(qtbot, window: MainWindow, sample: Sample,
                                                         tmp_path: Path) -> None:
    files = []
    for number in range(6):
        path = tmp_path / f"doc{number}.txt"
        path.write_text(f"R: interview number {number} about governance.\n", encoding="utf-8")
        files.append(path)
    dialog = window.show_import_dialog()
    dialog.add_paths(files)
    done = []
    dialog.imported.connect(done.append)
    dialog.start()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=60000)
    report = dialog.report
    imported = len(report.imported)
    assert report.cancelled or imported == 6
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE name LIKE 'doc%'") == [(imported,)]
    assert all(task.status in ("imported", "skipped") for task in report.items)


def test_start_without_files_says_so(window: MainWindow, messages: list[str]) -> None:
    dialog = window.show_import_dialog()
    dialog.start()
    assert messages == ["Choose at least one file or folder to import."]


def test_cases_editor_adds_cases_attributes_values_and_documents(qtbot, window: MainWindow, sample: Sample,
                                                                 monkeypatch, messages: list[str]) -> None:
    editor = window.show_cases_editor()
    assert editor is not None
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "P01")
    editor.add_case()
    editor.add_case()  # the same name again
    assert messages and "already a case" in messages[-1]
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "alliance mode")
    editor.add_attribute()
    model = editor.model
    assert model.rowCount() == 1 and model.columnCount() == 3
    model.setData(model.index(0, 2), "compact", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: rows(sample.path, "SELECT value FROM attribute_values") == [("compact",)])
    assert model.data(model.index(0, 2)) == "compact"
    editor.select_case("P01")
    monkeypatch.setattr(dialogs, "choose_documents", lambda parent, title, label, names, checked: ["P01 bureau"])
    editor.attach_documents()
    assert rows(sample.path, "SELECT d.name FROM documents d JOIN cases c ON c.id = d.case_id") == [("P01 bureau",)]
    assert model.data(model.index(0, 1)) == "P01 bureau"
    # the documents panel groups by case and shows the attribute as a column
    assert "alliance mode" in window.documents_model.attributes
    assert window.transcript.document.case_name == "P01"
    window.undo()
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE case_id IS NOT NULL") == [(0,)]


def test_cases_editor_imports_an_attribute_table(window: MainWindow, sample: Sample, tmp_path: Path,
                                                 monkeypatch) -> None:
    table = tmp_path / "participants.csv"
    table.write_text("case,role,documents\nP01,official,P01 bureau\nP02,doctor,P02 中文\n", encoding="utf-8")
    editor = window.show_cases_editor()
    monkeypatch.setattr(dialogs, "attribute_table_file", lambda parent, folder: str(table))
    editor.import_table()
    assert rows(sample.path, "SELECT c.name, v.value FROM cases c JOIN attribute_values v ON v.case_id = c.id "
                             "ORDER BY c.name") == [("P01", "official"), ("P02", "doctor")]
    assert editor.model.rowCount() == 2
    groups = [window.documents_model.data(window.documents_model.index(r, 0))
              for r in range(window.documents_model.rowCount())]
    assert groups == ["P01", "P02"]
