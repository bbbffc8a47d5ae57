"""Cases, documents and attributes, including attribute tables from .csv and .xlsx; refusals change nothing."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from coding.cases import (
    add_case,
    attach_document,
    clean_value,
    detach_document,
    ensure_attribute,
    find_attribute,
    find_case,
    import_attribute_table,
    infer_value_type,
    list_attributes,
    list_cases,
    set_attribute_value,
)
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.project import Project
from models import AuditEvent, Document
from tests.core.refusals import assert_refused, snapshot

DOCUMENTS = ("P01-official.docx", "P02-director.docx", "P03-patient.txt", "P03-followup.txt")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with four documents and no cases, made once per module; tests work on copies."""
    path = tmp_path_factory.mktemp("template") / "p.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        for name in DOCUMENTS:
            session.add(Document(
                name=name, source_name=name, format=Path(name).suffix[1:], language="zh", text="…",
                sha256=hashlib.sha256(name.encode()).hexdigest(),
            ))
    return path


def case_rows(project: Project) -> dict[str, dict[str, Any]]:
    with project.session() as session:
        return {row["name"]: row for row in list_cases(session)}


def attribute_types(project: Project) -> dict[str, str]:
    with project.session() as session:
        return {row["name"]: row["value_type"] for row in list_attributes(session)}


def events(project: Project, entity: str) -> list[tuple]:
    with project.session() as session:
        return [
            (e.action, e.before, e.after)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id))
        ]


# -- cases and documents --------------------------------------------------------------------------


def test_add_and_find_cases(project: Project) -> None:
    with project.session() as session:
        case = add_case(session, "  P01 ", actor="tester", description="Health official, Luohu")
        assert case.name == "P01"
        assert find_case(session, "p01").id == case.id
    assert events(project, "case") == [("add", None, {"name": "P01", "description": "Health official, Luohu"})]


@pytest.mark.parametrize(
    ("name", "error", "match"),
    [("p01", DuplicateError, "already a case named 'P01'"), ("", ValidationError, "empty"),
     ("a\tb", ValidationError, "control character")],
)
def test_add_case_refusals_change_nothing(project: Project, name: str, error: type, match: str) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
    assert_refused(project, lambda s: add_case(s, name, actor="t"), error, match)


def test_find_case_lists_known_cases(project: Project) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
        with pytest.raises(NotFoundError, match=r"no case 'P09' \(cases: P01\)"):
            find_case(session, "P09")


@pytest.mark.parametrize("document", ["P01-official.docx", "p01-OFFICIAL.docx", "P01-official"])
def test_attach_document_by_name_case_or_stem(project: Project, document: str) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
        changes = attach_document(session, "P01", document, actor="tester")
    assert changes.cases and changes.documents
    assert case_rows(project)["P01"]["documents"] == ["P01-official.docx"]
    assert [e[0] for e in events(project, "document")] == ["attach"]


def test_attach_moves_a_document_between_cases_and_detach_removes_it(project: Project) -> None:
    with project.session() as session:
        first, second = add_case(session, "P01", actor="t"), add_case(session, "P02", actor="t")
        attach_document(session, "P01", "P02-director.docx", actor="t")
        assert not attach_document(session, "P01", "P02-director.docx", actor="t").any()  # already there
        attach_document(session, "P02", "P02-director.docx", actor="t")
    rows = case_rows(project)
    assert (rows["P01"]["documents"], rows["P02"]["documents"]) == ([], ["P02-director.docx"])
    with project.session() as session:
        detach_document(session, "P02", "P02-director.docx", actor="t")
    assert case_rows(project)["P02"]["documents"] == []
    assert events(project, "document") == [
        ("attach", {"case_uuid": None}, {"case_uuid": first.uuid}),
        ("attach", {"case_uuid": first.uuid}, {"case_uuid": second.uuid}),
        ("detach", {"case_uuid": second.uuid}, {"case_uuid": None}),
    ]


@pytest.mark.parametrize(
    ("operation", "error", "match"),
    [
        (lambda s: attach_document(s, "P09", "P01-official.docx", actor="t"), NotFoundError, "no case 'P09'"),
        (lambda s: attach_document(s, "P01", "P07.docx", actor="t"), NotFoundError,
         r"no document 'P07.docx' \(documents: P01-official.docx"),
        (lambda s: detach_document(s, "P01", "P02-director.docx", actor="t"), ValidationError,
         "does not belong to case 'P01'"),
        (lambda s: detach_document(s, "P01", "nothing", actor="t"), NotFoundError, "no document 'nothing'"),
    ],
)
def test_document_refusals_change_nothing(project: Project, operation: Callable, error: type, match: str) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
    assert_refused(project, operation, error, match)


def test_an_ambiguous_document_stem_is_refused(project: Project) -> None:
    with project.session() as session:
        session.add(Document(name="P03-patient.docx", source_name="x", format="docx", language="zh", text="…",
                             sha256=hashlib.sha256(b"dup").hexdigest()))
        add_case(session, "P03", actor="t")
    assert_refused(project, lambda s: attach_document(s, "P03", "p03-patient", actor="t"), NotFoundError,
                   "ambiguous: P03-patient.docx, P03-patient.txt")


# -- attributes -----------------------------------------------------------------------------------


def test_ensure_attribute_adds_once_in_order(project: Project) -> None:
    with project.session() as session:
        mode = ensure_attribute(session, "alliance mode", actor="t")
        age = ensure_attribute(session, "age", "number", actor="t")
        assert ensure_attribute(session, "Alliance Mode", actor="t").id == mode.id
        assert (mode.position, age.position) == (0, 1)
    assert list(attribute_types(project).items()) == [("alliance mode", "text"), ("age", "number")]


@pytest.mark.parametrize(
    ("name", "value_type", "match"),
    [("age", "text", "'age' holds number values, not text"), ("height", "decimal", "unknown attribute type"),
     ("", "text", "attribute name is empty")],
)
def test_ensure_attribute_refusals_change_nothing(project: Project, name: str, value_type: str, match: str) -> None:
    with project.session() as session:
        ensure_attribute(session, "age", "number", actor="t")
    assert_refused(project, lambda s: ensure_attribute(s, name, value_type, actor="t"), ValidationError, match)


@pytest.mark.parametrize(
    ("value_type", "value", "stored"),
    [
        ("number", "42", "42"),
        ("number", " -3.5 ", "-3.5"),
        ("number", 7, "7"),
        ("number", 2.0, "2"),
        ("date", "2018-01-05", "2018-01-05"),
        ("date", datetime(2017, 11, 20), "2017-11-20"),
        ("boolean", "Yes", "true"),
        ("boolean", False, "false"),
        ("text", "  Luohu  ", "Luohu"),
        ("number", "", ""),
    ],
)
def test_set_attribute_value_validates_by_type(project: Project, value_type: str, value: object, stored: str) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
        ensure_attribute(session, "field", value_type, actor="t")
        set_attribute_value(session, "P01", "field", value, actor="tester")
    assert case_rows(project)["P01"]["attributes"] == ({"field": stored} if stored else {})


@pytest.mark.parametrize(
    ("value_type", "value", "match"),
    [
        ("number", "abc", "not a number"),
        ("number", "nan", "not a number"),
        ("number", "1,5", "not a number"),
        ("date", "2018-13-01", "not a date"),
        ("date", "05/01/2018", "not a date in the form yyyy-mm-dd"),
        ("date", "20180105", "not a date"),
        ("boolean", "maybe", "not true or false"),
    ],
)
def test_set_attribute_value_refusals_change_nothing(project: Project, value_type: str, value: str, match: str) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
        ensure_attribute(session, "field", value_type, actor="t")
    assert_refused(project, lambda s: set_attribute_value(s, "P01", "field", value, actor="t"), ValidationError,
                   f"case 'P01', attribute 'field' \\({value_type}\\): '{re.escape(value)}' is {match}")


def test_set_attribute_value_adds_an_unknown_attribute_as_text_and_clears_with_empty(project: Project) -> None:
    with project.session() as session:
        add_case(session, "P01", actor="t")
        set_attribute_value(session, "P01", "role", "doctor", actor="t")
        set_attribute_value(session, "P01", "Role", "hospital director", actor="t")
        assert find_attribute(session, "ROLE").value_type == "text"
    assert case_rows(project)["P01"]["attributes"] == {"role": "hospital director"}
    with project.session() as session:
        set_attribute_value(session, "P01", "role", "", actor="t")
    assert case_rows(project)["P01"]["attributes"] == {}
    assert [(e[1], e[2]) for e in events(project, "case") if e[0] == "set-value"] == [
        ({"attribute": "role", "value": ""}, {"attribute": "role", "value": "doctor"}),
        ({"attribute": "role", "value": "doctor"}, {"attribute": "role", "value": "hospital director"}),
        ({"attribute": "role", "value": "hospital director"}, {"attribute": "role", "value": ""}),
    ]


def test_set_attribute_value_for_an_unknown_case_is_refused(project: Project) -> None:
    assert_refused(project, lambda s: set_attribute_value(s, "P01", "role", "x", actor="t"), NotFoundError,
                   "no case 'P01'")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1", "2.5", ""], "number"),
        (["2018-01-05", "", "2017-11-30"], "date"),
        (["1", "two"], "text"),
        (["2018-02-30"], "text"),
        (["", ""], "text"),
    ],
)
def test_infer_value_type(values: list[str], expected: str) -> None:
    assert infer_value_type(values) == expected


def test_clean_value_refuses_an_unknown_type() -> None:
    with pytest.raises(ValidationError, match="unknown attribute type"):
        clean_value("x", "colour")


# -- attribute tables -----------------------------------------------------------------------------

CSV_ROWS = [
    ["participant", "mode", "role", "age", "interviewed", "documents"],
    ["P01", "Luohu", "official", "52", "2017-11-20", "P01-official.docx"],
    ["P02", "Tianchang", "director", "47", "2018-01-05", "P02-director"],
    ["P03", "Luohu", "patient", "63.5", "2018-03-02", "P03-patient.txt; P03-followup.txt"],
]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("ignored").append(["not", "read"])
    workbook.save(path)
    return path


EXPECTED_CASES = {
    "P01": (["P01-official.docx"], {"mode": "Luohu", "role": "official", "age": "52", "interviewed": "2017-11-20"}),
    "P02": (["P02-director.docx"], {"mode": "Tianchang", "role": "director", "age": "47", "interviewed": "2018-01-05"}),
    "P03": (["P03-followup.txt", "P03-patient.txt"],
            {"mode": "Luohu", "role": "patient", "age": "63.5", "interviewed": "2018-03-02"}),
}
EXPECTED_TYPES = {"mode": "text", "role": "text", "age": "number", "interviewed": "date"}


def assert_imported(project: Project) -> None:
    rows = case_rows(project)
    assert {name: (row["documents"], row["attributes"]) for name, row in rows.items()} == EXPECTED_CASES
    assert attribute_types(project) == EXPECTED_TYPES
    assert list(rows["P01"]["attributes"]) == list(EXPECTED_TYPES)  # column order kept


@pytest.mark.parametrize(
    ("delimiter", "encoding"), [(",", "utf-8"), (";", "utf-8"), ("\t", "utf-8"), (",", "utf-8-sig"), (";", "utf-8-sig")]
)
def test_import_csv_table(project: Project, tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = write_csv(tmp_path / "participants.csv", CSV_ROWS, delimiter, encoding)
    with project.session() as session:
        changes = import_attribute_table(session, path, actor="tester")
    assert changes.cases and changes.attributes and changes.documents
    assert_imported(project)


def test_import_xlsx_table(project: Project, tmp_path: Path) -> None:
    rows: list[list[Any]] = [CSV_ROWS[0]]
    for row in CSV_ROWS[1:]:
        age = float(row[3]) if "." in row[3] else int(row[3])
        rows.append([row[0], row[1], row[2], age, datetime.fromisoformat(row[4]), row[5]])
    path = write_xlsx(tmp_path / "participants.xlsx", rows)
    with project.session() as session:
        import_attribute_table(session, path, actor="tester")
    assert_imported(project)


def test_import_handles_quoted_cells_chinese_text_and_blank_rows(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    text = 'case,mode,note\n"P01","Luohu, Shenzhen",罗湖医疗集团\n\n,,\nP02,Tianchang,\n'
    path.write_text(text, encoding="utf-8")
    with project.session() as session:
        import_attribute_table(session, path, actor="t")
    rows = case_rows(project)
    assert rows["P01"]["attributes"] == {"mode": "Luohu, Shenzhen", "note": "罗湖医疗集团"}
    assert rows["P02"]["attributes"] == {"mode": "Tianchang"}


def test_reimporting_the_same_table_changes_nothing(project: Project, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "participants.csv", CSV_ROWS)
    with project.session() as session:
        import_attribute_table(session, path, actor="t")
    before = snapshot(project)
    with project.session() as session:
        import_attribute_table(session, path, actor="t")
    assert snapshot(project) == before


def test_import_updates_existing_cases_and_an_empty_cell_clears(project: Project, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", [["case", "mode", "age"], ["P01", "Luohu", "52"]])
    second = write_csv(tmp_path / "b.csv", [["case", "Mode", "age"], ["p01", "Beijing", ""]])
    with project.session() as session:
        import_attribute_table(session, first, actor="t")
        import_attribute_table(session, second, actor="t", create_cases=False)
    assert case_rows(project) == {
        "P01": {"name": "P01", "uuid": case_rows(project)["P01"]["uuid"], "description": "",
                "documents": [], "attributes": {"mode": "Beijing"}},
    }


def test_import_writes_audit_events(project: Project, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["case", "mode", "document"], ["P01", "Luohu", "P01-official.docx"]])
    with project.session() as session:
        import_attribute_table(session, path, actor="tester")
        actions = [(e.action, e.entity, e.actor) for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == [
        ("add", "attribute", "tester"), ("add", "case", "tester"), ("set-value", "case", "tester"),
        ("attach", "document", "tester"),
    ]


def test_a_table_of_case_names_only_adds_cases(project: Project, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "names.csv", [["participant"], ["P01"], ["P02"]])
    with project.session() as session:
        import_attribute_table(session, path, actor="t")
    assert sorted(case_rows(project)) == ["P01", "P02"]


def _bad_tables(tmp: Path) -> list[tuple[Path, type, str]]:
    """(file, error, message pattern) for every kind of bad attribute table."""

    def csv_file(name: str, text: str | bytes) -> Path:
        path = tmp / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    folder = tmp / "folder.csv"
    folder.mkdir()
    broken_xlsx = tmp / "broken.xlsx"
    broken_xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    return [
        (tmp / "missing.csv", NotFoundError, r"missing\.csv: no such file"),
        (csv_file("table.txt", "case,mode\nP01,Luohu\n"), ValidationError,
         r"table\.txt: unsupported file type '\.txt'"),
        (csv_file("empty.csv", ""), ValidationError, r"empty\.csv: the table is empty"),
        (csv_file("blank.csv", "\n,,\n"), ValidationError, r"blank\.csv: the table is empty"),
        (csv_file("header_only.csv", "case,mode\n"), ValidationError, r"header_only\.csv: .*header row but no rows"),
        (csv_file("no_header.csv", "case,,\nP01,Luohu,x\n"), ValidationError,
         r"no_header\.csv: row 1, column 2: no column name in the header row"),
        (csv_file("ragged.csv", "case;mode\nP01;Luohu;extra\n"), ValidationError,
         r"ragged\.csv: row 1, column 3: no column name"),
        (csv_file("dup_rows.csv", "case,mode\nP01,Luohu\nP02,Beijing\np01,Tianchang\n"), ValidationError,
         r"dup_rows\.csv: rows 2 and 4 are both for case 'p01'"),
        (csv_file("dup_columns.csv", "case,mode,Mode\nP01,a,b\n"), ValidationError,
         r"dup_columns\.csv: row 1: column name 'Mode' appears twice \(columns 2 and 3\)"),
        (csv_file("unknown_doc.csv", "case,mode,documents\nP01,Luohu,P01-official.docx;P99.docx\n"), NotFoundError,
         r"unknown_doc\.csv: row 2: no document 'P99\.docx'"),
        (csv_file("doc_twice.csv", "case,document\nP01,P03-patient.txt\nP02,P03-patient\n"), ValidationError,
         r"doc_twice\.csv: document 'P03-patient\.txt' is listed in rows 2 and 3"),
        (csv_file("no_case.csv", "case,mode\nP01,Luohu\n,Beijing\n"), ValidationError,
         r"no_case\.csv: row 3: the first column \(the case name\) is empty"),
        (csv_file("bad_number.csv", "case,age\nP01,old\n"), ValidationError,
         r"bad_number\.csv: row 2, column 'age': 'old' is not a number \(the attribute holds number values\)"),
        (csv_file("latin1.csv", "case,city\nP01,M\xfcnchen\n".encode("latin-1")), ValidationError,
         r"latin1\.csv: not UTF-8"),
        (broken_xlsx, ValidationError, r"broken\.xlsx: not a readable \.xlsx workbook"),
        (folder, ValidationError, r"folder\.csv: is a folder"),
    ]


def test_bad_attribute_tables_name_the_file_and_change_nothing(project: Project, tmp_path: Path) -> None:
    with project.session() as session:
        ensure_attribute(session, "age", "number", actor="t")
        add_case(session, "P02", actor="t")
    for path, error, match in _bad_tables(tmp_path):
        assert_refused(project, lambda s, p=path: import_attribute_table(s, p, actor="t"), error, match)


def test_unknown_case_is_refused_when_adding_cases_is_off(project: Project, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["case", "mode"], ["P01", "Luohu"]])
    assert_refused(project, lambda s: import_attribute_table(s, path, actor="t", create_cases=False), NotFoundError,
                   r"t\.csv: row 2: no case 'P01' \(adding cases is turned off\)")


def test_an_empty_first_sheet_is_an_empty_table(project: Project, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    assert_refused(project, lambda s: import_attribute_table(s, path, actor="t"), ValidationError,
                   r"empty\.xlsx: the table is empty")
