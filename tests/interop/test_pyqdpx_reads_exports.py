"""Concord's .qdpx exports read by an independent implementation: pyqdpx (PyPI), in both flavours.

What pyqdpx sees — users, the code tree with descriptions and codable flags, sources with their texts, and every
coded selection's text, code and user — must be what Concord holds. Every export is also validated with
xmlschema against the REFI-QDA project schema (the official copy in ../shared/refi when present, else the
identical one Concord ships).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from sqlalchemy import select

from coding.project import Project
from coding.refi import Flavour, export_qdpx
from coding.refi.codebook_qdc import CODE_TEXT_FIELDS, unpack_description
from models import Code, Coder, Coding, Document
from tests.interop.conftest import read_with_pyqdpx

ROOT = Path(__file__).resolve().parents[2]
SHARED_SCHEMA = ROOT.parent / "shared" / "refi" / "Project-mrt2019.xsd"
SCHEMA = SHARED_SCHEMA if SHARED_SCHEMA.exists() else ROOT / "resources" / "refi" / "Project-mrt2019.xsd"
FLAVOURS = [Flavour.STANDARD, Flavour.CRLF_UTF16]


@pytest.fixture(scope="module", params=FLAVOURS, ids=lambda flavour: flavour.value)
def archive(request: pytest.FixtureRequest, realistic_project: Project,
            tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / f"demo-{request.param.value}.qdpx"
    with realistic_project.session() as session:
        report = export_qdpx(session, out, flavour=request.param)
    assert report.schema_valid is True, report.schema_errors
    return out


@pytest.fixture(scope="module")
def exported(archive: Path, pyqdpx_python: str) -> tuple[Path, dict[str, Any]]:
    return archive, read_with_pyqdpx(pyqdpx_python, archive)


def _as_read(text: str) -> str:
    """A text as pyqdpx hands it over, line ends aside (the crlf-utf16 flavour writes CRLF)."""
    return text.replace("\r\n", "\n")


def test_every_export_is_schema_valid(archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        xmlschema.XMLSchema(str(SCHEMA)).validate(opened.read("project.qde").decode("utf-8"))


def test_pyqdpx_opens_the_export_and_skips_nothing(exported: tuple[Path, dict[str, Any]]) -> None:
    _, seen = exported
    assert seen["opened"] is True
    assert seen["printed"] == ""  # pyqdpx prints a warning for each user, code, source or selection it skips


def test_users(exported: tuple[Path, dict[str, Any]], realistic_project: Project) -> None:
    _, seen = exported
    with realistic_project.session() as session:
        coders = {coder.uuid: coder.name for coder in session.scalars(select(Coder))}
    assert {user["guid"]: user["name"] for user in seen["users"]} == coders


def test_code_tree_names_descriptions_and_codable_flags(
    exported: tuple[Path, dict[str, Any]], realistic_project: Project
) -> None:
    _, seen = exported
    with realistic_project.session() as session:
        codes = list(session.scalars(select(Code)))
        by_id = {code.id: code for code in codes}
        expected = {
            code.uuid: {
                "name": code.name,
                "is_codable": code.is_codable,
                "parent": by_id[code.parent_id].uuid if code.parent_id else None,
                "fields": {key: getattr(code, key) or "" for key in CODE_TEXT_FIELDS},
            }
            for code in codes
        }
    read = {
        code["guid"]: {
            "name": code["name"],
            "is_codable": code["is_codable"],
            "parent": code["parent"],
            "fields": {key: unpack_description(_as_read(code["description"] or "")).get(key, "")
                       for key in CODE_TEXT_FIELDS},
        }
        for code in seen["codes"]
    }
    assert read == expected
    assert [code["name"] for code in read.values() if not code["is_codable"]] == ["Emerging themes"]


def test_sources_names_and_texts(exported: tuple[Path, dict[str, Any]], realistic_project: Project) -> None:
    _, seen = exported
    with realistic_project.session() as session:
        documents = {d.uuid: (d.name, d.text) for d in session.scalars(select(Document))}
    read = {source["guid"]: (source["name"], _as_read(source["text"])) for source in seen["sources"]}
    assert read == documents
    assert any("𠮷" in text for _, text in read.values())  # the character outside the BMP came across


def test_every_selection_covers_the_same_text_code_and_user(
    exported: tuple[Path, dict[str, Any]], realistic_project: Project
) -> None:
    """crlf-utf16: pyqdpx reads every selection as Concord holds it. standard: the same, except the selections
    that start or end after a character outside the BMP (𠮷): the standard counts code points (REFI-QDA 1.5 §10.2),
    pyqdpx counts UTF-16 units as NVivo does, so it reads those few one unit off — the known difference, pinned
    here so that any other disagreement fails."""
    archive, seen = exported
    standard = archive.name.endswith(f"-{Flavour.STANDARD.value}.qdpx")
    with realistic_project.session() as session:
        rows = session.execute(
            select(Document.uuid, Document.text, Coding.start, Coding.end, Code.uuid, Coder.uuid, Coding.memo)
            .join(Coding, Coding.document_id == Document.id)
            .join(Code, Code.id == Coding.code_id)
            .join(Coder, Coder.id == Coding.coder_id)
        ).all()
    after_astral = {(document, start, end) for document, text, start, end, *_ in rows
                    if any(ord(ch) > 0xFFFF for ch in text[:end])}
    expected = sorted(
        (document, text[start:end], code, coder, memo or None)
        for document, text, start, end, code, coder, memo in rows
        if not (standard and (document, start, end) in after_astral)
    )
    read = sorted(
        (source["guid"], _as_read(selection["text"]), selection["code"], selection["user"],
         _as_read(selection["description"]) if selection["description"] else None)
        for source in seen["sources"]
        for selection in source["selections"]
        if not (standard and (source["guid"], selection["start"], selection["end"]) in after_astral)
    )
    missing, extra = sorted(set(expected) - set(read)), sorted(set(read) - set(expected))
    assert not missing and not extra, (
        f"pyqdpx reads {len(missing)} of {len(expected)} selections differently: Concord holds {missing[:3]}, "
        f"pyqdpx reads {extra[:3]}"
    )
    assert sum(len(source["selections"]) for source in seen["sources"]) == len(rows)
    if standard:
        assert after_astral, "the fixture must hold selections after a character outside the BMP"
