"""The views' reads in app/data.py take cases, attributes and groups from coding/'s one reader of each."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from app.data import document_rows
from coding.cases import add_case, attach_document, ensure_attribute, set_attribute_value
from coding.coders import get_or_create_coder
from coding.groups import add_group, add_to_group
from coding.project import Project
from models import Document

ROOT = Path(__file__).resolve().parents[2]


def test_document_rows_show_case_attributes_and_groups(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.concord", with_codebook=False) as project, project.session() as session:
        for name in ("a.txt", "b.txt"):
            session.add(Document(name=name, source_name=name, format="txt", language="en", text="Hi.", char_count=3,
                                 sha256=hashlib.sha256(name.encode()).hexdigest()))
        session.flush()
        coder = get_or_create_coder(session, "Lin", actor="t")
        add_case(session, "P01", actor="t")
        attach_document(session, "P01", "a.txt", actor="t")
        ensure_attribute(session, "访谈方式", actor="t")
        set_attribute_value(session, "P01", "访谈方式", "面对面", actor="t")
        for group in ("wave", "Pilot", "b-sites"):
            add_group(session, group, actor="t")
            add_to_group(session, group, ["a.txt"], actor="t")
        rows = {row.name: row for row in document_rows(session, coder.id)}
    assert rows["a.txt"].case_name == "P01" and rows["a.txt"].attributes == {"访谈方式": "面对面"}
    assert rows["a.txt"].groups == ("Pilot", "b-sites", "wave")  # plain name order, as the panel always showed
    assert rows["b.txt"].attributes == {} and rows["b.txt"].groups == ()


def test_app_data_has_no_second_reader_of_cases_attributes_or_groups() -> None:
    source = (ROOT / "app" / "data.py").read_text(encoding="utf-8")
    assert not re.search(r"\b(Attribute|AttributeValue|DocumentGroup|DocumentGroupMember)\b", source)
    assert not re.search(r"^(def|class) (case_rows|attribute_infos|CaseRow|AttributeInfo)\b", source, re.MULTILINE)
