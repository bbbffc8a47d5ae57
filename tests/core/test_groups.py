"""Document groups: add, rename, remove/restore, members; refusals change nothing; analysis filters see them."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coding.analysis.filters import allowed_documents, resolve_filter
from coding.analysis.retrieval import retrieve_segments
from coding.changes import NOTHING, Changes
from coding.codebook import add_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.errors import ConcordError, DuplicateError, NotFoundError, ValidationError
from coding.groups import (
    SavedGroup,
    add_group,
    add_to_group,
    find_group,
    group_members,
    list_groups,
    remove_from_group,
    remove_group,
    rename_group,
    restore_group,
)
from coding.project import Project
from models import AuditEvent, Document, DocumentGroupMember
from tests.core.refusals import assert_refused

DOCUMENTS = ("P01-official.docx", "P02-director.docx", "P03-patient.txt")
TEXT = "The council appoints the group president. The bureau sets the budget."


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three documents, one code, one coder and a coding in each document; made once, copied per test."""
    path = tmp_path_factory.mktemp("template") / "p.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        code = add_code(session, "Governance", actor="fixture")
        coder = get_or_create_coder(session, "Lin", actor="fixture")
        for name in DOCUMENTS:
            document = Document(
                name=name, source_name=name, format=Path(name).suffix[1:], language="en", text=TEXT, char_count=len(TEXT),
                sha256=hashlib.sha256(name.encode()).hexdigest(),
            )
            session.add(document)
            session.flush()
            apply_code(session, document_id=document.id, coder_id=coder.id, code_id=code.id, start=0, end=12,
                       actor="fixture")
    return path


def groups_by_name(project: Project) -> dict[str, dict[str, Any]]:
    with project.session() as session:
        return {row["name"]: row for row in list_groups(session)}


def audit(project: Project) -> list[tuple[str, str, dict | None, dict | None]]:
    with project.session() as session:
        return [
            (e.action, e.entity, e.before, e.after)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "document_group")
                                     .order_by(AuditEvent.id))
        ]


def test_add_list_and_find(project: Project) -> None:
    with project.session() as session:
        group = add_group(session, "  Pilot sites ", actor="Ana", description="first wave")
        add_group(session, "alpha", actor="Ana")
        uuid = group.uuid
    rows = groups_by_name(project)
    assert list(rows) == ["alpha", "Pilot sites"]  # sorted ignoring case
    assert rows["Pilot sites"] == {"name": "Pilot sites", "uuid": uuid, "description": "first wave", "documents": []}
    with project.session() as session:
        assert find_group(session, "pilot SITES").uuid == uuid
        assert find_group(session, uuid).name == "Pilot sites"
    assert audit(project)[0] == ("add", "document_group", None, {"name": "Pilot sites", "description": "first wave"})


@pytest.mark.parametrize(
    ("name", "error", "match"),
    [("PILOT", DuplicateError, "already a document group named 'Pilot'"), ("  ", ValidationError, "empty"),
     ("a\nb", ValidationError, "line break"), (3, ValidationError, "must be text")],
)
def test_add_refusals_change_nothing(project: Project, name: object, error: type, match: str) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
    assert_refused(project, lambda s: add_group(s, name, actor="Ana"), error, match)  # type: ignore[arg-type]


def test_members_add_and_remove(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
        # by name, uuid, any case and without extension; repeats and existing members are harmless
        uuid = session.scalar(select(Document.uuid).where(Document.name == DOCUMENTS[1]))
        assert add_to_group(session, "pilot", ["P01-official.docx", uuid, "p01-OFFICIAL"], actor="Ana") == Changes(
            groups=True
        )
        assert add_to_group(session, "Pilot", ["P02-director.docx"], actor="Ana") == NOTHING
    assert groups_by_name(project)["Pilot"]["documents"] == ["P01-official.docx", "P02-director.docx"]
    with project.session() as session:
        assert remove_from_group(session, "Pilot", ["p02-director"], actor="Ana") == Changes(groups=True)
        assert group_members(session, "Pilot") == [
            session.scalar(select(Document.uuid).where(Document.name == DOCUMENTS[0]))
        ]
    actions = [event[0] for event in audit(project)]
    assert actions == ["add", "add-documents", "remove-documents"]
    assert len(audit(project)[1][3]["documents"]) == 2


def test_member_refusals_change_nothing(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
        add_to_group(session, "Pilot", [DOCUMENTS[0]], actor="Ana")
    assert_refused(project, lambda s: add_to_group(s, "Nope", [DOCUMENTS[1]], actor="Ana"),
                   NotFoundError, "no document group 'Nope' \\(groups: Pilot\\)")
    # one unknown document among good ones: none is added
    assert_refused(project, lambda s: add_to_group(s, "Pilot", [DOCUMENTS[1], "P09"], actor="Ana"),
                   NotFoundError, "no document 'P09'")
    assert_refused(project, lambda s: add_to_group(s, "Pilot", [], actor="Ana"), ValidationError, "no documents")
    assert_refused(project, lambda s: add_to_group(s, "Pilot", [" "], actor="Ana"), ValidationError, "empty")
    assert_refused(project, lambda s: remove_from_group(s, "Pilot", [DOCUMENTS[0], DOCUMENTS[2]], actor="Ana"),
                   ValidationError, "not in document group 'Pilot': P03-patient.txt")
    assert_refused(project, lambda s: add_to_group(s, "", [DOCUMENTS[0]], actor="Ana"), NotFoundError, "no document")


def test_rename(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
        add_group(session, "Control", actor="Ana")
        add_to_group(session, "Pilot", [DOCUMENTS[0]], actor="Ana")
        assert rename_group(session, "pilot", "PILOT", actor="Ana") == Changes(groups=True)  # its own name, new case
        assert rename_group(session, "PILOT", " PILOT ", actor="Ana") == NOTHING
    assert groups_by_name(project)["PILOT"]["documents"] == [DOCUMENTS[0]]
    assert audit(project)[-1][2:] == ({"name": "Pilot"}, {"name": "PILOT"})
    assert_refused(project, lambda s: rename_group(s, "PILOT", "control", actor="Ana"), DuplicateError, "Control")
    assert_refused(project, lambda s: rename_group(s, "PILOT", "", actor="Ana"), ValidationError, "empty")
    assert_refused(project, lambda s: rename_group(s, "Nope", "X", actor="Ana"), NotFoundError, "Nope")


def test_remove_and_restore_round_trip(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana", description="wave 1")
        add_to_group(session, "Pilot", DOCUMENTS[:2], actor="Ana")
    before = groups_by_name(project)
    with project.session() as session:
        saved = remove_group(session, "pilot", actor="Ana")
    assert isinstance(saved, SavedGroup) and saved.name == "Pilot" and len(saved.document_ids) == 2
    assert groups_by_name(project) == {}
    with project.session() as session:
        assert session.scalars(select(DocumentGroupMember)).all() == []
        assert session.scalar(select(Document.id).where(Document.name == DOCUMENTS[0])) is not None  # documents stay
        restore_group(session, saved, actor="Ana")
    assert groups_by_name(project) == before  # same uuid, description and members
    assert [event[0] for event in audit(project)][-2:] == ["remove", "restore"]
    assert_refused(project, lambda s: restore_group(s, saved, actor="Ana"), DuplicateError, "Pilot")
    assert_refused(project, lambda s: remove_group(s, "Nope", actor="Ana"), NotFoundError, "Nope")


def test_restore_skips_documents_deleted_meanwhile(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
        add_to_group(session, "Pilot", DOCUMENTS[:2], actor="Ana")
        saved = remove_group(session, "Pilot", actor="Ana")
        gone = session.scalar(select(Document).where(Document.name == DOCUMENTS[1]))
        session.delete(gone)
        session.flush()
        restore_group(session, saved, actor="Ana")
    assert groups_by_name(project)["Pilot"]["documents"] == [DOCUMENTS[0]]


def test_restore_refuses_a_name_taken_meanwhile(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
        saved = remove_group(session, "Pilot", actor="Ana")
        add_group(session, "PILOT", actor="Bo")
    assert_refused(project, lambda s: restore_group(s, saved, actor="Ana"), DuplicateError, "PILOT")


def test_errors_are_concord_errors() -> None:
    for error in (DuplicateError, NotFoundError, ValidationError):
        assert issubclass(error, ConcordError)


def test_group_filter_in_analysis(project: Project) -> None:
    with project.session() as session:
        add_group(session, "Pilot", actor="Ana")
        add_to_group(session, "Pilot", [DOCUMENTS[0], DOCUMENTS[2]], actor="Ana")
        rename_group(session, "Pilot", "Pilot sites", actor="Ana")
    with project.session() as session:
        flt = resolve_filter(session, groups=["pilot sites"])
        ids = dict(session.execute(select(Document.name, Document.id)).all())
        assert allowed_documents(session, flt) == {ids[DOCUMENTS[0]], ids[DOCUMENTS[2]]}
        segments = retrieve_segments(session, flt)
        assert sorted(s.document for s in segments) == [DOCUMENTS[0], DOCUMENTS[2]]
        everything = retrieve_segments(session, resolve_filter(session))
        assert len(everything) == 3
        with pytest.raises(NotFoundError, match="Pilot"):
            resolve_filter(session, groups=["Pilot"])  # the old name is gone
    with project.session() as session:
        remove_from_group(session, "Pilot sites", [DOCUMENTS[0]], actor="Ana")
    with project.session() as session:
        segments = retrieve_segments(session, resolve_filter(session, groups=["Pilot sites"]))
        assert [s.document for s in segments] == [DOCUMENTS[2]]
