"""The one apply step of every autocoder (coding.autocode.apply): thousands of passages written in a few statements,
each coding with its own audit event linked into the hash chain exactly as a single edit links it; undo and redo
in bulk; one refused passage writes nothing. On an SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.audit import verify_chain
from coding.autocode.apply import AutocodeEdit, Passage, apply_passages
from coding.autocode.structure import ANSWERS, StructureRule, propose
from coding.codebook import find_code
from coding.codings import apply_code
from coding.coders import find_coder
from coding.errors import ValidationError
from coding.project import Project
from models import AuditEvent, Coding
from tests.core import autocode_world as world

CODE = "Owner functions"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build_world(tmp_path_factory.mktemp("apply"))


@pytest.fixture
def project(project_on_engine: Project) -> Iterator[Project]:
    yield project_on_engine


def _answers(project: Project) -> tuple[list[Passage], int]:
    with project.session() as session:
        return (propose(session, StructureRule(role=ANSWERS), find_code(session, CODE).id),
                find_coder(session, "Morgan").id)


def _events(project: Project, action: str) -> list[tuple[str | None, dict[str, object] | None]]:
    with project.session() as session:
        return [(uuid, after) for uuid, after in session.execute(
            select(AuditEvent.entity_uuid, AuditEvent.after).where(AuditEvent.action == action)
            .order_by(AuditEvent.id))]


def _chain_intact(project: Project) -> bool:
    with project.session() as session:
        return verify_chain(session).ok


def test_bulk_apply_writes_each_coding_with_its_own_linked_audit_event(project: Project) -> None:
    passages, morgan = _answers(project)
    assert len(passages) > 3
    with project.session() as session:  # one edit the ordinary way first: the bulk events link after it
        first = passages[0]
        apply_code(session, document_id=first.document_id, coder_id=morgan, code_id=first.code_id,
                   start=first.start, end=first.end, actor="Morgan")
    with project.session() as session:
        created = apply_passages(session, [*passages, passages[1]], coder_id=morgan, actor="Morgan")
    assert len(created) == len(passages) - 1  # the one coded already and the one listed twice are skipped
    with project.session() as session:
        rows = session.execute(select(Coding.uuid, Coding.document_id, Coding.code_id, Coding.start, Coding.end)
                               .where(Coding.uuid.in_(created))).all()
    assert {(d, c, s, e) for _, d, c, s, e in rows} == {(p.document_id, p.code_id, p.start, p.end)
                                                        for p in passages[1:]}
    events = _events(project, "apply_code")
    assert [uuid for uuid, _ in events[1:]] == created
    by_uuid = {row.uuid: row for row in rows}
    for uuid, after in events[1:]:
        row = by_uuid[uuid]
        assert after == {"document_id": row.document_id, "coder_id": morgan, "code_id": row.code_id,
                         "start": row.start, "end": row.end, "memo": ""}
    assert _chain_intact(project)


def test_bulk_undo_and_redo_put_back_the_very_codings_and_keep_the_chain(project: Project) -> None:
    passages, morgan = _answers(project)
    edit = AutocodeEdit(passages, morgan)
    with project.session() as session:
        edit.do(session, "Morgan")
    with project.session() as session:
        made = sorted(session.execute(select(Coding.uuid, Coding.start, Coding.end, Coding.created_at)).all())
    with project.session() as session:
        edit.undo(session, "Morgan")
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 0
    assert [uuid for uuid, _ in _events(project, "remove_coding")] == edit.created
    with project.session() as session:
        edit.redo(session, "Morgan")
    with project.session() as session:
        again = sorted(session.execute(select(Coding.uuid, Coding.start, Coding.end, Coding.created_at)).all())
    assert again == made
    assert len(_events(project, "restore_coding")) == len(made)
    assert _chain_intact(project)


def test_one_refused_passage_writes_nothing(project: Project) -> None:
    passages, morgan = _answers(project)
    blank = Passage(passages[0].document_id, passages[0].start, passages[0].start, passages[0].code_id)
    with project.session() as session:
        events_before = session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(ValidationError), project.session() as session:
        apply_passages(session, [*passages, blank], coder_id=morgan, actor="Morgan")
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events_before
