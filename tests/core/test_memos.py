"""Memos on the project, documents, cases and codes, and the journal: writes, refusals, conflicts, search, export."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.memos import (
    MemoState,
    add_journal_entry,
    add_memo,
    delete_memo,
    edit_memo,
    find_memo,
    journal,
    list_memos,
    memos_for_export,
    memos_on,
    restore_memo,
    search_memos,
    targets_with_memos,
)
from coding.project import Project
from models import AuditEvent, Case, Code, Coder, Coding, Document, Memo

TEXT = "Interviewer: How is the budget set?\nR: The county sets it."
ZH = "访谈对象：院长\n问：医联体的资金怎么分配？\n答：由县里统一管理。"


def _document(name: str, text: str, language: str) -> Document:
    return Document(name=name, source_name=f"{name}.txt", format="txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                    language=language, text=text, char_count=len(text))


@pytest.fixture()
def world(tmp_path: Path):
    project = Project.create(tmp_path / "m.concord", with_codebook=False)
    with project.session() as session:
        parent = Code(name="Residual claims")
        session.add_all([_document("P01", TEXT, "en"), _document("P02", ZH, "zh"), parent, Case(name="Dr Wang"),
                         Coder(name="Lin"), Coder(name="Consensus", is_consensus=True)])
        session.flush()
        session.add(Code(name="Financial management rights", parent_id=parent.id))
    with project.session() as session:
        ids = {
            "doc": session.scalar(select(Document.uuid).where(Document.name == "P01")),
            "zh_doc": session.scalar(select(Document.uuid).where(Document.name == "P02")),
            "case": session.scalar(select(Case.uuid)),
            "code": session.scalar(select(Code.uuid).where(Code.name == "Financial management rights")),
            "lin": session.scalar(select(Coder.id).where(Coder.name == "Lin")),
            "consensus": session.scalar(select(Coder.id).where(Coder.is_consensus.is_(True))),
        }
    yield project, ids
    project.close()


def _add(project: Project, kind: str, **kwargs) -> str:
    with project.session() as session:
        return add_memo(session, kind, actor="tester", **kwargs).uuid


def _memo_count(project: Project) -> int:
    with project.session() as session:
        return session.scalar(select(func.count()).select_from(Memo))


@pytest.mark.parametrize("kind, target", [("project", None), ("document", "doc"), ("case", "case"), ("code", "code")])
def test_add_edit_delete_restore_each_kind(world, kind, target):
    project, ids = world
    target_uuid = ids[target] if target else None
    uuid = _add(project, kind, target_uuid=target_uuid, title="  First\nthoughts ", text="Budget is local.",
                author_id=ids["lin"])
    with project.session() as session:
        [row] = memos_on(session, kind, target_uuid)
        assert (row.uuid, row.title, row.text, row.author) == (uuid, "First thoughts", "Budget is local.", "Lin")
        expected_name = {"doc": "P01", "case": "Dr Wang", "code": "Residual claims/Financial management rights"}
        assert row.target_name == expected_name.get(target, "Project")
        edit_memo(session, uuid, text="Budget is set by the county.", actor="tester", expected=row.state)
    with project.session() as session:
        saved = delete_memo(session, uuid, actor="tester",
                            expected=MemoState("First thoughts", "Budget is set by the county."))
    assert _memo_count(project) == 0
    with project.session() as session:
        restore_memo(session, saved, actor="tester")
    with project.session() as session:
        memo = find_memo(session, uuid[:8])
        assert (memo.text, memo.author_id, memo.target_uuid) == ("Budget is set by the county.", ids["lin"], target_uuid)
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.entity_uuid == uuid)
                                  .order_by(AuditEvent.id)).all()
    assert actions == ["add_memo", "edit_memo", "delete_memo", "restore_memo"]


def test_empty_title_is_allowed_but_an_empty_memo_is_not(world):
    project, ids = world
    _add(project, "document", target_uuid=ids["doc"], text="only text")
    with pytest.raises(ValidationError, match="needs a title or some text"):
        _add(project, "document", target_uuid=ids["doc"], title=" ", text="  ")
    with pytest.raises(ValidationError, match="journal entry needs some text"):
        _add(project, "journal", title="Tuesday")
    assert _memo_count(project) == 1


@pytest.mark.parametrize("kind, target, error, message", [
    ("document", "0000-missing", NotFoundError, "no document with uuid 0000-missing"),
    ("case", "0000-missing", NotFoundError, "no case with uuid"),
    ("code", None, ValidationError, "needs the code it is about"),
    ("project", "doc", ValidationError, "takes no target"),
    ("coding", None, ValidationError, "unknown memo kind 'coding'"),
])
def test_a_memo_on_nothing_is_refused_and_writes_nothing(world, kind, target, error, message):
    project, ids = world
    events = _events(project)
    with pytest.raises(error, match=message):
        _add(project, kind, target_uuid=ids.get(target, target), text="x")
    assert _memo_count(project) == 0 and _events(project) == events


def _events(project: Project) -> int:
    with project.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent))


def test_the_consensus_coder_is_no_author(world):
    project, ids = world
    with pytest.raises(ValidationError, match="consensus coder"):
        _add(project, "project", text="x", author_id=ids["consensus"])


def test_edit_and_delete_refuse_a_memo_changed_since(world):
    project, ids = world
    uuid = _add(project, "code", target_uuid=ids["code"], title="Rule", text="v1")
    seen = MemoState("Rule", "v1")
    with project.session() as session:
        edit_memo(session, uuid, text="v2 from another window", actor="other")
    with project.session() as session, pytest.raises(ConflictError, match="changed since"):
        edit_memo(session, uuid, text="v3", actor="tester", expected=seen)
    with project.session() as session, pytest.raises(ConflictError, match="changed since"):
        delete_memo(session, uuid, actor="tester", expected=seen)
    with project.session() as session:
        assert find_memo(session, uuid).text == "v2 from another window"
        saved = delete_memo(session, uuid, actor="tester")
        restore_memo(session, saved, actor="tester")
    with project.session() as session, pytest.raises(ConflictError, match="back in the project"):
        restore_memo(session, saved, actor="tester")


def test_journal_is_newest_first_and_listed_after_the_project_memo(world):
    project, ids = world
    with project.session() as session:
        first = add_journal_entry(session, "Started coding P01.", author_id=ids["lin"], actor="Lin")
        first.created_at -= timedelta(days=2)
        add_journal_entry(session, "Codebook revised: merged two codes.", author_id=ids["lin"], actor="Lin")
        add_memo(session, "case", target_uuid=ids["case"], text="Very open interviewee.", actor="Lin")
        add_memo(session, "project", title="Aims", text="Governance in four alliance modes.", actor="Lin")
    with project.session() as session:
        entries = journal(session)
        assert [e.text for e in entries] == ["Codebook revised: merged two codes.", "Started coding P01."]
        assert [r.kind for r in list_memos(session)] == ["project", "journal", "journal", "case"]
        assert targets_with_memos(session, "case") == {ids["case"]}


def test_search_ignores_case_finds_chinese_and_coding_memos(world):
    project, ids = world
    with project.session() as session:
        add_memo(session, "document", target_uuid=ids["doc"], title="BUDGET", text="County sets it.", actor="t")
        add_memo(session, "document", target_uuid=ids["zh_doc"], title="资金", text="县里统一管理医联体资金。", actor="t")
        code_id = session.scalar(select(Code.id).where(Code.uuid == ids["code"]))
        document_id = session.scalar(select(Document.id).where(Document.uuid == ids["doc"]))
        session.add(Coding(document_id=document_id, coder_id=ids["lin"], code_id=code_id, start=0, end=11,
                           memo="Budget talk starts here"))
    with project.session() as session:
        assert {(r.kind, r.title or r.text) for r in search_memos(session, "budget")} == {
            ("document", "BUDGET"), ("coding", "Budget talk starts here")}
        [chinese] = search_memos(session, "统一管理")
        assert (chinese.target_name, chinese.title) == ("P02", "资金")
        assert search_memos(session, "budget", ["document"])[0].title == "BUDGET"
        assert search_memos(session, "budget", coding_coder_ids=[ids["consensus"]])[0].kind == "document"
        assert search_memos(session, "nowhere to be found") == []
        with pytest.raises(ValidationError, match="nothing to search for"):
            search_memos(session, "  ")


def test_memos_for_export_are_typed_and_ordered(world):
    project, ids = world
    with project.session() as session:
        add_memo(session, "project", title="Aims", text="a", actor="t")
        old = add_journal_entry(session, "older", author_id=ids["lin"], actor="t")
        old.created_at -= timedelta(hours=1)
        add_journal_entry(session, "newer", author_id=ids["lin"], actor="t")
        add_memo(session, "document", target_uuid=ids["zh_doc"], text="zh doc memo", actor="t")
        add_memo(session, "document", target_uuid=ids["doc"], text="en doc memo", actor="t")
        add_memo(session, "code", target_uuid=ids["code"], text="code memo", actor="t")
        add_memo(session, "case", target_uuid=ids["case"], text="case memo", actor="t")
    with project.session() as session:
        doc_ids = {name: id_ for id_, name in session.execute(select(Document.id, Document.name))}
        code_id = session.scalar(select(Code.id).where(Code.uuid == ids["code"]))
        case_id = session.scalar(select(Case.id))
        records = memos_for_export(session, document_ids=[doc_ids["P02"], doc_ids["P01"]], code_ids=[code_id],
                                   case_ids=[case_id])
        assert [(r.section, r.target_name, r.text, r.author) for r in records] == [
            ("project", "", "a", ""), ("journal", "", "newer", "Lin"), ("journal", "", "older", "Lin"),
            ("case", "Dr Wang", "case memo", ""), ("document", "P02", "zh doc memo", ""),
            ("document", "P01", "en doc memo", ""),
            ("code", "Residual claims/Financial management rights", "code memo", ""),
        ]
        only_project = memos_for_export(session, document_ids=[doc_ids["P01"]], code_ids=[], case_ids=[])
        assert [r.section for r in only_project] == ["project", "journal", "journal", "document"]
        with pytest.raises(NotFoundError, match="unknown document id 999"):
            memos_for_export(session, document_ids=[999], code_ids=[], case_ids=[])
