"""Coders: get-or-create, lookup, listing with counts, renaming; refusals change nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.codebook import find_code
from coding.coders import CoderSummary, find_coder, get_or_create_coder, list_coders, rename_coder
from coding.errors import DuplicateError, NotFoundError, ValidationError
from coding.project import Project
from models import AuditEvent, Coding, Document
from tests.core.refusals import assert_refused, snapshot


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project made by Project.create per module; each test gets a fresh copy (creating is slow)."""
    path = tmp_path_factory.mktemp("template") / "p.concord"
    Project.create(path).close()
    return path


def coder_events(project: Project) -> list[tuple]:
    with project.session() as session:
        return [
            (e.action, e.before, e.after)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "coder").order_by(AuditEvent.id))
        ]


def test_get_or_create_adds_once_and_matches_names_ignoring_case(project: Project) -> None:
    with project.session() as session:
        lin = get_or_create_coder(session, "  Lin  ", actor="tester")
        again = get_or_create_coder(session, "lin", actor="tester")
        assert lin.id == again.id and lin.name == "Lin" and not lin.is_consensus
        consensus = get_or_create_coder(session, "Consensus", actor="tester", is_consensus=True)
        assert consensus.is_consensus
        assert get_or_create_coder(session, "consensus", actor="tester", is_consensus=True).id == consensus.id
    assert coder_events(project) == [
        ("add", None, {"name": "Lin", "is_consensus": False}),
        ("add", None, {"name": "Consensus", "is_consensus": True}),
    ]


@pytest.mark.parametrize(
    ("name", "is_consensus", "error", "match"),
    [
        ("", False, ValidationError, "coder name is empty"),
        ("   ", False, ValidationError, "coder name is empty"),
        ("x" * 256, False, ValidationError, "longer than 255"),
        ("Li\nWang", False, ValidationError, "line break"),
        ("wang", True, ValidationError, "'Wang' is a person, not a consensus coder"),
    ],
)
def test_get_or_create_refusals_change_nothing(
    project: Project, name: str, is_consensus: bool, error: type, match: str
) -> None:
    with project.session() as session:
        get_or_create_coder(session, "Wang", actor="tester")
    assert_refused(
        project, lambda s: get_or_create_coder(s, name, actor="t", is_consensus=is_consensus), error, match
    )


@pytest.mark.parametrize(("query", "expected"), [("Lin", "Lin"), ("LIN", "Lin"), (" Wang ", "Wang")])
def test_find_coder(project: Project, query: str, expected: str) -> None:
    with project.session() as session:
        for name in ("Lin", "Wang"):
            get_or_create_coder(session, name, actor="t")
        assert find_coder(session, query).name == expected


def test_find_coder_lists_the_known_coders(project: Project) -> None:
    with project.session() as session:
        with pytest.raises(NotFoundError, match=r"no coder 'Zhao' \(known coders: none yet\)"):
            find_coder(session, "Zhao")
        for name in ("Wang", "Lin"):
            get_or_create_coder(session, name, actor="t")
        with pytest.raises(NotFoundError, match=r"no coder 'Zhao' \(known coders: Lin, Wang\)"):
            find_coder(session, "Zhao")


def test_list_coders_counts_codings(project: Project) -> None:
    with project.session() as session:
        lin = get_or_create_coder(session, "Lin", actor="t")
        get_or_create_coder(session, "Agreed", actor="t", is_consensus=True)
        document = Document(
            name="d", source_name="d.txt", format="txt", language="en", text="…",
            sha256=hashlib.sha256(b"d").hexdigest(),
        )
        session.add(document)
        session.flush()
        code_id = find_code(session, "Owner functions").id
        session.add_all(
            Coding(document_id=document.id, coder_id=lin.id, code_id=code_id, start=0, end=1) for _ in range(3)
        )
    with project.session() as session:
        rows = list_coders(session)
    assert [(r.name, r.is_consensus, r.codings) for r in rows] == [("Agreed", True, 0), ("Lin", False, 3)]
    assert all(isinstance(r, CoderSummary) and r.uuid for r in rows)


def test_rename_coder(project: Project) -> None:
    with project.session() as session:
        get_or_create_coder(session, "Lin", actor="t")
        coder = rename_coder(session, "lin", "Lin Hua", actor="tester")
        assert coder.name == "Lin Hua"
        assert find_coder(session, "lin hua").id == coder.id
        assert rename_coder(session, "Lin Hua", "LIN HUA", actor="tester").name == "LIN HUA"
    assert coder_events(project)[1:] == [
        ("rename", {"name": "Lin"}, {"name": "Lin Hua"}),
        ("rename", {"name": "Lin Hua"}, {"name": "LIN HUA"}),
    ]


def test_renaming_to_the_same_name_writes_nothing(project: Project) -> None:
    with project.session() as session:
        get_or_create_coder(session, "Lin", actor="t")
    before = snapshot(project)
    with project.session() as session:
        rename_coder(session, "Lin", " Lin ", actor="t")
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("old", "new", "error", "match"),
    [
        ("Lin", "wang", DuplicateError, "already a coder named 'Wang'"),
        ("Lin", "", ValidationError, "empty"),
        ("Zhao", "Zhao Min", NotFoundError, "no coder 'Zhao'"),
    ],
)
def test_rename_refusals_change_nothing(project: Project, old: str, new: str, error: type, match: str) -> None:
    with project.session() as session:
        for name in ("Lin", "Wang"):
            get_or_create_coder(session, name, actor="t")
    assert_refused(project, lambda s: rename_coder(s, old, new, actor="t"), error, match)

