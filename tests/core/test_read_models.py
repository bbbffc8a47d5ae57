"""One typed read model per entity in coding/: the codebook package's modules, cases, attributes and groups."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import coding.codebook
from coding.cases import (
    AttributeInfo,
    CaseRow,
    add_case,
    attach_document,
    attribute_infos,
    case_rows,
    ensure_attribute,
    list_attributes,
    list_cases,
    set_attribute_value,
)
from coding.groups import GroupRow, add_group, add_to_group, group_rows, list_groups
from coding.project import Project
from models import Document

DOCUMENTS = ("P01-official.docx", "P02-director.docx", "P03-patient.txt")


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("codebook_tree", "tree"), ("find_code", "tree"), ("code_paths", "tree"), ("CodeNode", "tree"),
        ("CodeInfo", "tree"), ("CodeTree", "tree"), ("parse_rows_spec", "tree"),
        ("add_code", "operations"), ("move_code", "operations"), ("merge_codes", "operations"),
        ("delete_code", "operations"), ("import_codebook", "exchange"), ("export_codebook_file", "exchange"),
        ("load_builtin_codebook", "exchange"),
    ],
)
def test_the_codebook_package_keeps_each_job_in_its_module(name: str, module: str) -> None:
    assert getattr(coding.codebook, name).__module__ == f"coding.codebook.{module}"


def test_every_public_codebook_name_is_exported() -> None:
    for name in coding.codebook.__all__:
        assert hasattr(coding.codebook, name), name
    assert {"PATH_SEPARATOR", "delete_refusal", "CodePlace", "EDITABLE_FIELDS"} <= set(coding.codebook.__all__)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.create(tmp_path / "p.concord", with_codebook=False) as created, created.session() as session:
        for name in DOCUMENTS:
            text = f"Interview {name}."
            session.add(Document(
                name=name, source_name=name, format=Path(name).suffix[1:], language="en", text=text,
                char_count=len(text), sha256=hashlib.sha256(name.encode()).hexdigest(),
            ))
        session.flush()
        add_case(session, "P02", actor="t", description="director")
        add_case(session, "P01", actor="t")
        attach_document(session, "P01", "P01-official.docx", actor="t")
        attach_document(session, "P01", "P03-patient.txt", actor="t")
        ensure_attribute(session, "mode", actor="t")
        ensure_attribute(session, "age", "number", actor="t")
        set_attribute_value(session, "P01", "age", "52", actor="t")
        set_attribute_value(session, "P01", "mode", "tight", actor="t")
        set_attribute_value(session, "P02", "mode", "loose", actor="t")
        add_group(session, "wave 2", actor="t")
        add_group(session, "Pilot", actor="t")
        add_to_group(session, "Pilot", ["P03-patient.txt", "P01-official.docx"], actor="t")
        add_to_group(session, "wave 2", ["P02-director.docx"], actor="t")
    return Project.open(tmp_path / "p.concord")


def test_case_and_attribute_rows_are_typed_and_the_listings_follow_them(project: Project) -> None:
    with project, project.session() as session:
        attributes, cases = attribute_infos(session), case_rows(session)
        assert [(a.name, a.value_type, a.values) for a in attributes] == [("mode", "text", 2), ("age", "number", 1)]
        assert all(isinstance(a, AttributeInfo) and a.uuid for a in attributes)
        mode, age = (a.id for a in attributes)
        assert [(c.name, c.description, c.documents, c.values) for c in cases] == [
            ("P01", "", ("P01-official.docx", "P03-patient.txt"), {mode: "tight", age: "52"}),
            ("P02", "director", (), {mode: "loose"}),
        ]
        assert all(isinstance(c, CaseRow) for c in cases)
        # The CLI's dict listings are views of the same rows, attributes in position order.
        assert list_cases(session)[0] == {
            "name": "P01", "uuid": cases[0].uuid, "description": "",
            "documents": ["P01-official.docx", "P03-patient.txt"], "attributes": {"mode": "tight", "age": "52"},
        }
        assert list(list_cases(session)[0]["attributes"]) == ["mode", "age"]
        assert list_attributes(session) == [
            {"name": a.name, "uuid": a.uuid, "value_type": a.value_type, "values": a.values} for a in attributes
        ]


def test_group_rows_carry_member_ids_and_names_in_one_order(project: Project) -> None:
    with project, project.session() as session:
        rows = group_rows(session)
        ids = dict(session.query(Document.name, Document.id).all())
        assert [(r.name, r.documents) for r in rows] == [
            ("Pilot", ("P01-official.docx", "P03-patient.txt")), ("wave 2", ("P02-director.docx",)),
        ]
        assert all(isinstance(r, GroupRow) for r in rows)
        assert [r.document_ids for r in rows] == [tuple(ids[name] for name in r.documents) for r in rows]
        assert list_groups(session) == [
            {"name": r.name, "uuid": r.uuid, "description": r.description, "documents": list(r.documents)} for r in rows
        ]
