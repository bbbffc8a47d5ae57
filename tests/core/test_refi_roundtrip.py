"""Round trip: export a project to .qdpx, import it, and get the same project back (property test)."""

from __future__ import annotations

import itertools
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.importing import add_document_text
from coding.importing.normalise import normalise_text
from coding.project import Project
from coding.refi import Flavour, export_qdpx, import_qdpx
from models import (
    Attribute,
    AttributeValue,
    Case,
    Code,
    Coder,
    Coding,
    Document,
    DocumentGroup,
    DocumentGroupMember,
    Memo,
    ProjectMeta,
)

# Text as interviews hold it: Latin and Chinese letters, emoji (two UTF-16 units), punctuation,
# spaces and line breaks (never CR: Concord stores LF only).
TEXT_CHARS = st.sampled_from(list("abcdefgh xyz ABC,.;?!'\"&<>\n\n医联体决策权我们🏥😀🧑‍⚕️é"))
WORD_CHARS = st.sampled_from(list("abcdeXYZ医联体é😀&<>'\""))
START = datetime(2024, 1, 1, 9, 30)


def one_line(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """A name: no line breaks, no leading/trailing or doubled spaces."""
    words = st.text(WORD_CHARS, min_size=1, max_size=6)
    return st.lists(words, min_size=1, max_size=3).map(" ".join).filter(lambda s: min_size <= len(s) <= max_size)


def prose(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(TEXT_CHARS, max_size=max_size)


@st.composite
def small_projects(draw: st.DrawFn) -> dict[str, Any]:
    # Stored texts are normalised (as every import makes them), and no two are the same text.
    texts = draw(
        st.lists(prose(60).map(normalise_text).filter(lambda t: t.strip()), min_size=1, max_size=3, unique=True)
    )
    names = draw(st.lists(one_line(), min_size=len(texts), max_size=len(texts), unique=True))
    coders = draw(st.lists(one_line(), min_size=1, max_size=3, unique_by=str.casefold))
    codes: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 5))):
        parent = draw(st.one_of(st.none(), st.integers(0, index - 1))) if index else None
        siblings = {c["name"].casefold() for c in codes if c["parent"] == parent}
        name = draw(one_line().filter(lambda s, taken=siblings: s.casefold() not in taken))
        codes.append(
            {
                "parent": parent,
                "name": name,
                "is_codable": draw(st.booleans()),
                "colour": "#" + draw(st.text("0123456789abcdef", min_size=6, max_size=6)),
                "definition": draw(prose()),
                "include_rule": draw(prose(15)),
                "exclude_rule": draw(st.sampled_from(["", "Not about money."])),
                "example": draw(prose(15)),
                "name_zh": draw(st.sampled_from(["", "决策权", "所有者职能"])),
                "definition_zh": draw(st.sampled_from(["", "谁做决定。\n第二行"])),
            }
        )

    def span(document: int) -> st.SearchStrategy[tuple[int, int]]:
        size = len(texts[document])
        return st.tuples(st.integers(0, size - 1), st.integers(1, size)).filter(lambda p: p[0] < p[1])

    codings = []
    for document in draw(st.lists(st.integers(0, len(texts) - 1), max_size=8)):
        start, end = draw(span(document))
        codings.append(
            {
                "document": document,
                "start": start,
                "end": end,
                "coder": draw(st.integers(0, len(coders) - 1)),
                "code": draw(st.integers(0, len(codes) - 1)),
                "memo": draw(st.sampled_from(["", "why & <how>", "两行\n备注"])),
                "edited": draw(st.booleans()),
            }
        )
    attributes = draw(
        st.lists(
            st.tuples(one_line(), st.sampled_from(["text", "number", "date", "boolean"])),
            max_size=3,
            unique_by=lambda a: a[0].casefold(),
        )
    )
    values = {
        "text": st.sampled_from(["", "urban", "县域 group"]),
        "number": st.sampled_from(["", "3", "-2.50", "1e5"]),
        "date": st.sampled_from(["", "2024-05-01"]),
        "boolean": st.sampled_from(["", "true", "false"]),
    }
    cases = []
    for name in draw(st.lists(one_line(), max_size=2, unique_by=str.casefold)):
        cases.append(
            {
                "name": name,
                "description": draw(st.sampled_from(["", "Director"])),
                "values": [draw(values[kind]) for _name, kind in attributes],
            }
        )
    membership = [draw(st.one_of(st.none(), st.integers(0, len(cases) - 1))) if cases else None for _ in texts]
    groups = [
        {"name": name, "members": draw(st.sets(st.integers(0, len(texts) - 1)))}
        for name in draw(st.lists(one_line(), max_size=2, unique=True))
    ]
    targets = ["project", "document", "code"] + (["case"] if cases else []) + (["coding"] if codings else [])
    memos = [
        {
            "kind": draw(st.sampled_from(targets)),
            "index": draw(st.integers(0, 7)),
            "title": draw(st.sampled_from(["", "Note", "备忘"])),
            "text": draw(prose(30)),
            "author": draw(st.one_of(st.none(), st.integers(0, len(coders) - 1))),
        }
        for _ in range(draw(st.integers(0, 4)))
    ]
    consensus = draw(st.one_of(st.none(), st.integers(0, len(coders) - 1)))
    return {
        "texts": texts,
        "names": names,
        "coders": coders,
        "consensus": consensus,
        "codes": codes,
        "codings": codings,
        "attributes": attributes,
        "cases": cases,
        "membership": membership,
        "groups": groups,
        "memos": memos,
    }


def build(path: Path, spec: dict[str, Any]) -> Project:
    project = Project.create(path, name="Round trip 往返", with_codebook=False)
    with project.session() as session:
        documents = [
            add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt")
            for name, text in zip(spec["names"], spec["texts"])
        ]
        coders = [
            Coder(name=name, is_consensus=index == spec["consensus"]) for index, name in enumerate(spec["coders"])
        ]
        session.add_all(coders)
        codes: list[Code] = []
        for position, code in enumerate(spec["codes"]):
            fields = {k: v for k, v in code.items() if k != "parent"}
            codes.append(
                Code(
                    parent_id=codes[code["parent"]].id if code["parent"] is not None else None,
                    position=position,
                    **fields,
                )
            )
            session.add(codes[-1])
            session.flush()
        clock = itertools.count()
        codings = []
        for coding in spec["codings"]:
            created = START + timedelta(minutes=next(clock), microseconds=123)
            codings.append(
                Coding(
                    document_id=documents[coding["document"]].id,
                    coder_id=coders[coding["coder"]].id,
                    code_id=codes[coding["code"]].id,
                    start=coding["start"],
                    end=coding["end"],
                    memo=coding["memo"],
                    created_at=created,
                    updated_at=created + timedelta(seconds=5) if coding["edited"] else created,
                )
            )
        session.add_all(codings)
        attributes = [
            Attribute(name=name, value_type=kind, position=i) for i, (name, kind) in enumerate(spec["attributes"])
        ]
        cases = [Case(name=case["name"], description=case["description"]) for case in spec["cases"]]
        session.add_all(attributes + cases)
        session.flush()
        for case, spec_case in zip(cases, spec["cases"]):
            for attribute, value in zip(attributes, spec_case["values"]):
                if value:
                    session.add(AttributeValue(case_id=case.id, attribute_id=attribute.id, value=value))
        for document, member in zip(documents, spec["membership"]):
            document.case_id = cases[member].id if member is not None else None
        for group_spec in spec["groups"]:
            group = DocumentGroup(name=group_spec["name"])
            session.add(group)
            session.flush()
            session.add_all(
                DocumentGroupMember(group_id=group.id, document_id=documents[i].id) for i in group_spec["members"]
            )
        pools = {"document": documents, "code": codes, "case": cases, "coding": codings}
        session.flush()
        for memo in spec["memos"]:
            pool = pools.get(memo["kind"])
            target = pool[memo["index"] % len(pool)].uuid if pool else None
            author = coders[memo["author"]].id if memo["author"] is not None else None
            session.add(
                Memo(
                    target_kind=memo["kind"],
                    target_uuid=target,
                    title=memo["title"],
                    text=memo["text"],
                    author_id=author,
                    created_at=START,
                    updated_at=START + timedelta(hours=1),
                )
            )
    return project


def snapshot(session: Session) -> dict[str, Any]:
    """Everything a round trip must keep, keyed by uuid (sibling order instead of raw positions)."""
    codes = session.scalars(select(Code)).all()
    uuid_of = {c.id: c.uuid for c in codes}
    order = {
        c.id: rank
        for parent in {c.parent_id for c in codes}
        for rank, c in enumerate(sorted((x for x in codes if x.parent_id == parent), key=lambda x: (x.position, x.id)))
    }
    coders = {c.id: c.uuid for c in session.scalars(select(Coder))}
    documents = session.scalars(select(Document)).all()
    doc_uuid = {d.id: d.uuid for d in documents}
    cases = session.scalars(select(Case)).all()
    case_uuid = {c.id: c.uuid for c in cases}
    attributes = session.scalars(select(Attribute)).all()
    attribute_uuid = {a.id: a.uuid for a in attributes}
    groups = session.scalars(select(DocumentGroup)).all()
    members = session.execute(select(DocumentGroupMember.group_id, DocumentGroupMember.document_id)).all()
    return {
        "name": session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == "name")),
        "documents": {d.uuid: (d.name, d.text, case_uuid.get(d.case_id), d.imported_at) for d in documents},
        "codes": {
            c.uuid: (
                c.name,
                uuid_of.get(c.parent_id),
                order[c.id],
                c.definition,
                c.include_rule,
                c.exclude_rule,
                c.example,
                c.name_zh,
                c.definition_zh,
                c.colour,
                c.is_codable,
            )
            for c in codes
        },
        "coders": {c.uuid: (c.name, c.is_consensus) for c in session.scalars(select(Coder))},
        "codings": {
            c.uuid: (
                doc_uuid[c.document_id],
                coders[c.coder_id],
                uuid_of[c.code_id],
                c.start,
                c.end,
                c.memo,
                c.created_at,
                c.updated_at,
            )
            for c in session.scalars(select(Coding))
        },
        "cases": {c.uuid: (c.name, c.description) for c in cases},
        "attributes": {a.uuid: (a.name, a.value_type, a.position) for a in attributes},
        "values": {
            (case_uuid[v.case_id], attribute_uuid[v.attribute_id]): v.value
            for v in session.scalars(select(AttributeValue))
        },
        "groups": {
            g.uuid: (g.name, g.description, frozenset(doc_uuid[d] for gid, d in members if gid == g.id)) for g in groups
        },
        "memos": {
            m.uuid: (m.target_kind, m.target_uuid, coders.get(m.author_id), m.title, m.text, m.created_at, m.updated_at)
            for m in session.scalars(select(Memo))
        },
    }


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(spec=small_projects(), flavour=st.sampled_from(list(Flavour)))
def test_export_then_import_gives_the_same_project(spec: dict[str, Any], flavour: Flavour) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = build(Path(folder) / "source.concord", spec)
        try:
            with source.session() as session:
                before = snapshot(session)
                export_report = export_qdpx(session, Path(folder) / "study.qdpx", flavour=flavour)
        finally:
            source.close()
        assert export_report.schema_valid is True
        report = import_qdpx(Path(folder) / "study.qdpx", Path(folder) / "copy.concord")
        assert report.skipped_total == 0, report.skipped
        assert report.schema_valid is True, report.schema_errors
        copy = Project.open(Path(folder) / "copy.concord")
        try:
            with copy.session() as session:
                after = snapshot(session)
        finally:
            copy.close()
        for key in before:
            assert after[key] == before[key], key
