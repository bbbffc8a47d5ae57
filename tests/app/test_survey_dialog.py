"""File › Import survey answers…: preview, column choice, the import in the writer, the report; a bad sheet
explained and not importable. And a timed transcript's times in the transcript view's tooltips."""

from __future__ import annotations

from pathlib import Path

from app.main import MainWindow, install_features
from app.survey_import_dialog import ATTRIBUTE_COLUMN, TEXT_COLUMN, SurveyImportDialog, show_survey_import
from tests.app.conftest import Sample
from tests.app.helpers import rows
from tests.core.test_import_survey import Q_EVAL, Q_SUGGEST, write_survey


def _dialog(window: MainWindow) -> SurveyImportDialog:
    dialog = show_survey_import(window)
    assert dialog is not None
    return dialog


def test_the_feature_adds_a_file_menu_action(window: MainWindow) -> None:
    install_features(window, ("app.survey_import_dialog",))
    labels = [action.text() for action in window.file_menu.actions()]
    assert "Import &survey answers…" in labels
    assert labels.index("Import &survey answers…") == labels.index(window.import_action.text()) + 1


def test_preview_guesses_columns_and_counts_what_the_import_makes(
    qtbot, window: MainWindow, sample: Sample, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    dialog = _dialog(window)
    dialog.load(write_survey(tmp_path / "answers.xlsx"))
    assert dialog.preview.rowCount() == 4 and dialog.preview.columnCount() == 8
    assert dialog.case_column.currentText() == "Respondent"
    choice = dialog.choice()
    assert choice.text_columns == (Q_EVAL, Q_SUGGEST)  # long answers: ticked as open answers
    assert "City" in choice.attribute_columns and "Age" in choice.attribute_columns
    assert "4 respondents (cases)" in dialog.outcome.text() and "3 documents with 5 answers" in dialog.outcome.text()
    dialog.tick(Q_SUGGEST, TEXT_COLUMN, False)
    dialog.tick("Post", ATTRIBUTE_COLUMN, False)
    assert "3 documents with 3 answers" in dialog.outcome.text()
    dialog.per_question.setChecked(True)
    assert "1 document with 3 answers" in dialog.outcome.text()
    dialog.per_respondent.setChecked(True)

    with qtbot.waitSignal(dialog.imported, timeout=60000):
        dialog.import_button.click()
    assert dialog.report is not None
    assert "3 documents imported, 0 skipped" in dialog.outcome.text()
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE source_name = 'answers.xlsx'") == [(3,)]
    assert rows(sample.path, "SELECT count(*) FROM attributes WHERE name = 'Post'") == [(0,)]
    assert rows(sample.path, "SELECT v.value FROM attribute_values v JOIN cases c ON c.id = v.case_id "
                             "JOIN attributes a ON a.id = v.attribute_id WHERE c.name = 'R004' AND a.name = 'Age'"
                ) == [("29",)]
    assert {"R001", "R002", "R004"} <= {row.name for row in window.documents_model.rows}  # the panel reloaded
    assert not dialog.import_button.isEnabled()  # one import per dialog


def test_a_bad_sheet_is_explained_and_cannot_be_imported(
    window: MainWindow, sample: Sample, tmp_path: Path
) -> None:
    def duplicate_ids(sheet) -> None:  # type: ignore[no-untyped-def]
        sheet["A3"] = "R001"

    dialog = _dialog(window)
    dialog.load(write_survey(tmp_path / "answers.xlsx", edit=duplicate_ids))
    assert "rows 2 and 3 have the same 'Respondent'" in dialog.outcome.text()
    assert not dialog.import_button.isEnabled()
    merged = write_survey(tmp_path / "merged.xlsx", edit=lambda sheet: sheet.merge_cells("B2:C2"))
    dialog.load(merged)
    assert "merged cells (B2:C2)" in dialog.outcome.text() and dialog.preview.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert rows(sample.path, "SELECT count(*) FROM cases WHERE name LIKE 'R00%'") == [(0,)]


def test_the_transcript_view_shows_a_timed_turns_time_and_a_codings_span(
    qtbot, window: MainWindow, sample: Sample, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    from coding.importing import import_paths
    from coding.project import Project

    subtitles = tmp_path / "visit.srt"
    subtitles.write_text(
        "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Why this hospital?\n\n"
        "2\n00:01:05,500 --> 00:01:09,250\nPatient: It is close to home.\n", encoding="utf-8"
    )
    project = Project.open(sample.path)
    try:
        report = import_paths(project, [subtitles])
    finally:
        project.close()
    document_id = report.imported[0].document_id
    assert document_id is not None
    view = window.transcript
    window.open_document(document_id)
    qtbot.waitUntil(lambda: view.document is not None and view.document.id == document_id, timeout=10000)
    text = view.document.text
    assert view._said_at(text.index("close"), text.index("home")) == ", said 00:01:05 – 00:01:09"
    assert view._said_at(text.index("Why"), len(text)) == ", said 00:00:01 – 00:01:09"


def test_the_transcript_import_points_a_survey_sheet_to_its_own_import(window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    dialog = window.show_import_dialog()
    assert dialog is not None
    dialog.add_paths([write_survey(tmp_path / "answers.xlsx")])
    item = dialog.files.topLevelItem(0)
    assert item is not None and item.checkState(0) == Qt.CheckState.Unchecked
    assert "File › Import survey answers…" in item.text(3)
