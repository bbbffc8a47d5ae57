"""Survey answers (.xlsx/.csv, one row per respondent): cases, attributes and answer documents; bad sheets refused.

The fixture follows the questionnaires of seeds 002 (residents of ten cities on the medical alliance) and 004
(medical staff on hierarchical diagnosis and treatment): basic information columns, closed questions and a few
open-ended ones, generated with openpyxl at test time.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from coding.cases import attribute_value, list_attributes
from coding.errors import ConcordError, NotFoundError, ValidationError
from coding.importing.survey import (
    PER_QUESTION,
    SurveyChoice,
    import_survey,
    plan_survey,
    read_survey_table,
)
from coding.project import Project
from models import AttributeValue, AuditEvent, Case, Document, SpeakerTurn

Q_EVAL = "How do you evaluate the establishment of the medical alliance?"
Q_SUGGEST = "Suggestions for improvement"
HEADER = ["Respondent", "City", "Age", "Post", "Date", "Know the alliance?", Q_EVAL, Q_SUGGEST]
ROWS: list[list[Any]] = [
    ["R001", "Xuzhou", 34, "Nurse", datetime.date(2021, 5, 3), "Heard but don't know the content",
     "It has not played a role yet. I worry it cannot be implemented.", "More doctors at the community centre."],
    ["R002", "Nanjing", 61, "Resident", datetime.date(2021, 5, 4), "Heard a lot", "Convenient.", ""],
    ["R003", "Hefei", 45, "Doctor", datetime.date(2021, 5, 4), "Never heard", None, "   "],
    ["R004", "Jinan", 29, "Nurse", datetime.date(2021, 5, 6), "Heard a lot",
     "Referrals are easier, but patients still go to the big hospital.", "Pay community doctors better."],
]
CHOICE = SurveyChoice("Respondent", (Q_EVAL, Q_SUGGEST), ("City", "Age", "Date"))


def write_survey(path: Path, rows: list[list[Any]] | None = None, header: list[Any] | None = HEADER,
                 edit: Callable[[Any], None] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Residents"
    if header is not None:
        sheet.append(header)
    for row in ROWS if rows is None else rows:
        sheet.append(row)
    if edit is not None:
        edit(sheet)
    workbook.save(path)
    return path


def _documents(project: Project) -> dict[str, str]:
    with project.session() as session:
        return {name: text for name, text in session.execute(select(Document.name, Document.text))}


def _counts(project: Project) -> dict[str, int]:
    with project.session() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Document, SpeakerTurn, Case, AttributeValue, AuditEvent)
        }


def test_one_document_per_respondent_each_answer_a_turn_labelled_by_its_question(
    import_project: Project, tmp_path: Path
) -> None:
    report = import_survey(import_project, write_survey(tmp_path / "answers.xlsx"), CHOICE)
    assert [task.status.value for task in report.report.items] == ["imported"] * 3  # R003 answered nothing
    documents = _documents(import_project)
    assert sorted(documents) == ["R001", "R002", "R004"]
    assert documents["R002"] == f"Respondent: R002\n\n{Q_EVAL}: Convenient."
    with import_project.session() as session:
        turns = session.execute(
            select(SpeakerTurn.speaker, SpeakerTurn.content_start, SpeakerTurn.end)
            .join(Document).where(Document.name == "R001").order_by(SpeakerTurn.position)
        ).all()
        text = documents["R001"]
        assert [(speaker, text[start:end]) for speaker, start, end in turns] == [
            (Q_EVAL, ROWS[0][6]), (Q_SUGGEST, ROWS[0][7]),
        ]
        case_of = {d: c for d, c in session.execute(select(Document.name, Case.name).join(Case, Document.case_id == Case.id))}
        assert case_of == {"R001": "R001", "R002": "R002", "R004": "R004"}
        assert session.scalar(select(func.count()).select_from(Case)) == 4  # R003 too, for its attributes
        assert attribute_value(session, "R003", "City") == "Hefei"
        assert attribute_value(session, "R001", "Date") == "2021-05-03"
        types = {item["name"]: item["value_type"] for item in list_attributes(session)}
    assert types == {"City": "text", "Age": "number", "Date": "date"}


def test_one_document_per_question_each_answer_labelled_by_its_respondent(
    import_project: Project, tmp_path: Path
) -> None:
    choice = SurveyChoice("Respondent", (Q_EVAL, Q_SUGGEST), per=PER_QUESTION)
    import_survey(import_project, write_survey(tmp_path / "answers.xlsx"), choice)
    documents = _documents(import_project)
    assert documents[Q_SUGGEST] == (
        f"Question: {Q_SUGGEST}\n\nR001: {ROWS[0][7]}\n\nR004: {ROWS[3][7]}"
    )
    assert sorted(documents) == sorted([Q_EVAL, Q_SUGGEST])


def test_csv_answers_import_like_a_workbook(import_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text("ID;Age;Q5\n007;34;Too far from home.\n008;;\n", encoding="utf-8")
    import_survey(import_project, path, SurveyChoice("ID", ("Q5",), ("Age",)))
    assert _documents(import_project) == {"007": "ID: 007\n\nQ5: Too far from home."}
    with import_project.session() as session:
        assert attribute_value(session, "007", "Age") == "34"


def test_importing_the_same_answers_again_adds_nothing_and_keeps_set_values(
    import_project: Project, tmp_path: Path
) -> None:
    path = write_survey(tmp_path / "answers.xlsx")
    import_survey(import_project, path, CHOICE)
    before = _counts(import_project)
    changed = [list(row) for row in ROWS]
    changed[0][2] = 35  # R001's age as a later sheet says it
    again = import_survey(import_project, write_survey(tmp_path / "again.xlsx", changed), CHOICE)
    assert [task.status.value for task in again.report.items] == ["skipped"] * 3
    assert "R001: skipped, already imported as R001" in again.report.items[0].message
    assert again.kept_values == ["R001 Age: 34 (the sheet says 35)"]
    assert _counts(import_project) == before
    with import_project.session() as session:
        assert attribute_value(session, "R001", "Age") == "34"


def _merge(sheet: Any) -> None:
    sheet.merge_cells("B2:B3")


def _duplicate_header(sheet: Any) -> None:
    sheet["D1"] = "city"


def _blank_header(sheet: Any) -> None:
    sheet["D1"] = None


def _duplicate_id(sheet: Any) -> None:
    sheet["A4"] = "r001"


def _blank_id(sheet: Any) -> None:
    sheet["A3"] = None


BAD_SHEETS: dict[str, tuple[Callable[[Any], None] | None, SurveyChoice, type[ConcordError], str]] = {
    "merged cells": (_merge, CHOICE, ValidationError, "merged cells (B2:B3)"),
    "duplicate header": (_duplicate_header, CHOICE, ValidationError, "the header 'city' appears twice (columns B and D)"),
    "blank header": (_blank_header, CHOICE, ValidationError, "column D holds values but has no name"),
    "duplicate id": (_duplicate_id, CHOICE, ValidationError, "rows 2 and 4 have the same 'Respondent'"),
    "blank id": (_blank_id, CHOICE, ValidationError, "row 3 has no 'Respondent'"),
    "missing column": (None, SurveyChoice("Respondent", ("Q9",)), NotFoundError, "no column 'Q9' (columns: 'Respondent'"),
    "column twice": (None, SurveyChoice("Respondent", (Q_EVAL,), (Q_EVAL,)), ValidationError, "is chosen twice"),
}


@pytest.mark.parametrize("case", sorted(BAD_SHEETS))
def test_a_bad_sheet_is_one_clear_error_and_changes_nothing(import_project: Project, tmp_path: Path, case: str) -> None:
    edit, choice, error, problem = BAD_SHEETS[case]
    path = write_survey(tmp_path / "answers.xlsx", edit=edit)
    before = _counts(import_project)
    with pytest.raises(error) as caught:
        import_survey(import_project, path, choice)
    assert str(caught.value).startswith(str(path)) and problem in str(caught.value)
    assert _counts(import_project) == before


def test_a_sheet_without_a_header_row_is_refused(tmp_path: Path) -> None:
    path = write_survey(tmp_path / "answers.xlsx", header=None)
    with pytest.raises(ValidationError, match="no header row .*column C holds '34'"):
        read_survey_table(path)


def test_a_named_sheet_is_read_and_an_unknown_one_refused(tmp_path: Path) -> None:
    def second_sheet(sheet: Any) -> None:
        other = sheet.parent.create_sheet("Staff")
        other.append(["No.", "Comment"])
        other.append([1, "Workload went up."])

    path = write_survey(tmp_path / "answers.xlsx", edit=second_sheet)
    table = read_survey_table(path, "Staff")
    assert (table.sheet, table.headers, table.sheets) == ("Staff", ["No.", "Comment"], ("Residents", "Staff"))
    assert [document.name for document in plan_survey(table, SurveyChoice("No.", ("Comment",))).documents] == ["1"]
    with pytest.raises(NotFoundError, match="no sheet 'Nurses' \\(sheets: Residents, Staff\\)"):
        read_survey_table(path, "Nurses")


def test_a_cancelled_survey_import_writes_nothing(import_project: Project, tmp_path: Path) -> None:
    from coding.errors import CancelledError

    seen: list[str] = []
    before = _counts(import_project)
    with pytest.raises(CancelledError, match="nothing was imported"):
        import_survey(import_project, write_survey(tmp_path / "answers.xlsx"), CHOICE,
                      progress=lambda done, total, current: seen.append(current), cancel=lambda: len(seen) >= 2)
    assert seen == ["respondent R001", "respondent R002"]
    assert _counts(import_project) == before
