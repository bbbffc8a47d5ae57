"""Rename and delete documents, cases and attributes; undo (restore) puts back every row exactly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding import cases, codebook, documents, groups
from coding.errors import ConflictError, DuplicateError, NotFoundError, ValidationError
from coding.project import Project
from coding.team import assignments
from models import (
    MachineModel,
    MachineSuggestion,
    MediaLink,
    SpeakerTurn,
    TurnTime,
    AttributeValue,
    AuditEvent,
    Base,
    Case,
    Code,
    Coder,
    Coding,
    ConsensusDecision,
    Document,
    DocumentGroupMember,
    DocumentPage,
    MatrixCellSummary,
    Memo,
)
from tests.core.refusals import assert_refused, snapshot

ACTOR = "tester"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project (8 interviews, two coders, cases with attributes) plus one of everything that hangs
    on a document or case: memos on a document, a coding and a case, a group, an assignment, a consensus
    decision and a matrix summary."""
    from coding.demo import build_demo

    path = build_demo(tmp_path_factory.mktemp("housekeeping") / "demo.concord")
    project = Project.open(path)
    try:
        with project.session() as session:
            document = session.scalars(select(Document).order_by(Document.name)).first()
            assert document is not None and document.case_id is not None
            case = session.get(Case, document.case_id)
            coding = session.scalars(select(Coding).where(Coding.document_id == document.id)).first()
            assert case is not None and coding is not None
            session.add_all([
                Memo(target_kind="document", target_uuid=document.uuid, title="About P01", text="Long pauses."),
                Memo(target_kind="coding", target_uuid=coding.uuid, title="", text="Ironic?"),
                Memo(target_kind="case", target_uuid=case.uuid, title="Recruited", text="Via the hospital."),
                MatrixCellSummary(code_uuid=session.scalar(select(Code.uuid).limit(1)),
                                  column_key=f"case:{case.uuid}", text="Sees the alliance as a merger."),
                ConsensusDecision(document_id=document.id, code_id=coding.code_id, start=coding.start,
                                  end=coding.end, decision="take_a", decided_by="Lead",
                                  source_codings=[coding.uuid], result_codings=[]),
                DocumentPage(document_id=document.id, position=0, label="1", start=0, end=10),  # a PDF's page
                MediaLink(document_id=document.id, path="/recordings/p01.wav", media_type="audio/wav"),
            ])
            turn_id = session.scalar(select(SpeakerTurn.id).where(SpeakerTurn.document_id == document.id).limit(1))
            model = MachineModel(name="Machine (Lin)", engine="spacy-textcat", trained_from="Lin")
            session.add_all([TurnTime(turn_id=turn_id, start_ms=0, end_ms=4_000), model])
            session.flush()
            session.add(MachineSuggestion(model_id=model.id, document_id=document.id, code_id=coding.code_id,
                                          start=coding.start, end=coding.end, confidence=0.8))
            metadata = Base.metadata.tables.get("document_metadata")  # a header line (coding.importing.header)
            if metadata is not None and session.scalar(
                select(func.count()).select_from(metadata).where(metadata.c.document_id == document.id)
            ) == 0:
                session.execute(metadata.insert().values(document_id=document.id, position=0, key="访谈编号",
                                                         value="A01", start=0, end=0))
            groups.add_group(session, "Officials", actor=ACTOR)
            groups.add_to_group(session, "Officials", [document.name], actor=ACTOR)
            assignments.assign(session, "Lin", [document.name], actor=ACTOR)
    finally:
        project.close()
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Iterator[Project]:
    from models.store import copy_project

    copy_project(template, tmp_path / "p.concord")
    opened = Project.open(tmp_path / "p.concord")
    yield opened
    opened.close()


def without_audit(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    return {table: values for table, values in rows.items() if table != AuditEvent.__tablename__}


def first_document(project: Project) -> tuple[str, str]:
    with project.session() as session:
        row = session.execute(select(Document.name, Document.uuid).order_by(Document.name)).first()
        assert row is not None
        return row[0], row[1]


def audit_actions(project: Project, entity: str) -> list[str]:
    with project.session() as session:
        return list(session.scalars(select(AuditEvent.action).where(AuditEvent.entity == entity)
                                    .order_by(AuditEvent.id)))


# -- documents ------------------------------------------------------------------------------------


def test_delete_documents_then_restore_gives_back_every_row(project: Project) -> None:
    name, uuid = first_document(project)
    before = snapshot(project)
    with project.session() as session:
        impact = documents.document_deletion_impact(session, [name])
    assert impact.coders == ("Lin", "Morgan") and impact.memos >= 2 and impact.decisions == 1
    with project.session() as session:
        deleted = documents.delete_documents(session, [name, "P02_luohu_community_doctor"], actor=ACTOR)
    after_delete = snapshot(project)
    with project.session() as session:
        assert session.scalar(select(Document.id).where(Document.uuid == uuid)) is None
        assert session.scalar(select(func.count()).select_from(Memo).where(Memo.target_uuid == uuid)) == 0
        assert session.scalar(select(func.count()).select_from(ConsensusDecision)) == 0
    assert len(after_delete["documents"]) == len(before["documents"]) - 2
    assert len(after_delete["sentences"]) < len(before["sentences"])
    assert len(after_delete["codings"]) == len(before["codings"]) - deleted.impact.codings
    assert after_delete["document_group_members"] == [] and after_delete["assignments"] == []

    with project.session() as session:
        documents.restore_documents(session, deleted, actor=ACTOR)
    assert without_audit(snapshot(project)) == without_audit(before)
    assert audit_actions(project, "document")[-4:] == ["delete", "delete", "restore", "restore"]


def test_every_table_that_hangs_on_a_document_is_covered(project: Project) -> None:
    """The fixture holds a row in every table with a foreign key to documents (a new table must be added
    to the fixture), and deleting the document takes each of them; restoring brings each back."""
    name, _ = first_document(project)
    referring = {table.name for table in Base.metadata.sorted_tables
                 if any(fk.column.table.name == "documents" for fk in table.foreign_keys)}
    assert {"speaker_turns", "sentences", "codings", "document_group_members", "consensus_decisions",
            "assignments"} <= referring
    with project.session() as session:
        deleted = documents.delete_documents(session, [name], actor=ACTOR)
    missing = {table for table in referring if deleted.rows.count(table) == 0}
    assert not missing, f"add rows of {missing} to the fixture"
    assert deleted.rows.count("memos") == 2


def test_deletion_impact_counts_codings_coders_memos_and_decisions(project: Project) -> None:
    name, _ = first_document(project)
    with project.session() as session:
        document_id = session.scalar(select(Document.id).where(Document.name == name))
        codings = session.scalar(select(func.count()).select_from(Coding).where(Coding.document_id == document_id))
        coding_memos = session.scalar(select(func.count()).select_from(Coding).where(
            Coding.document_id == document_id, Coding.memo != ""))
        impact = documents.document_deletion_impact(session, [name])
    assert impact.codings == codings > 0
    assert impact.memos == 2 + coding_memos  # the memos on the document and on a coding, and coding memo texts
    text = impact.describe()
    assert f"{codings} codings by 2 coders (Lin, Morgan)" in text and f"{impact.memos} memos" in text
    assert "1 consensus decision" in text and impact.holds_work


def test_restore_with_its_id_taken_gives_new_ids_and_keeps_rows_together(project: Project) -> None:
    with project.session() as session:
        last = session.scalars(select(Document).order_by(Document.id.desc())).first()
        assert last is not None
        name, count = last.name, session.scalar(
            select(func.count()).select_from(Coding).where(Coding.document_id == last.id))
        deleted = documents.delete_documents(session, [name], actor=ACTOR)
        from coding.importing import add_document_text  # a newer document takes the freed id

        add_document_text(session, name="Newcomer.txt", text="Q: Hello?\nA: A new interview.",
                          source_name="Newcomer.txt", format="txt")
    with project.session() as session:
        documents.restore_documents(session, deleted, actor=ACTOR)
        back = session.scalars(select(Document).where(Document.name == name)).one()
        assert back.uuid == deleted.uuids[0]
        assert session.scalar(select(func.count()).select_from(Coding).where(Coding.document_id == back.id)) == count


def test_restore_refused_when_the_name_was_taken_since(project: Project) -> None:
    name, _ = first_document(project)
    with project.session() as session:
        deleted = documents.delete_documents(session, [name], actor=ACTOR)
        other = session.scalars(select(Document.name).order_by(Document.name)).first()
        documents.rename_document(session, other, name, actor=ACTOR)
    assert_refused(project, lambda s: documents.restore_documents(s, deleted, actor=ACTOR), ConflictError,
                   "with the same name or text")


def test_rename_document(project: Project) -> None:
    name, uuid = first_document(project)
    with project.session() as session:
        changes = documents.rename_document(session, name, "P01 official (final).docx", actor=ACTOR)
    assert changes.documents
    with project.session() as session:
        assert session.scalar(select(Document.name).where(Document.uuid == uuid)) == "P01 official (final).docx"
    assert audit_actions(project, "document")[-1] == "rename"


@pytest.mark.parametrize(("new_name", "error", "match"), [
    ("", ValidationError, "document name is empty"),
    ("   ", ValidationError, "document name is empty"),
    ("a\nb", ValidationError, "line break"),
    ("SECOND", DuplicateError, "there is already a document named"),
])
def test_rename_document_refused(project: Project, new_name: str, error: type, match: str) -> None:
    with project.session() as session:
        first, second = session.scalars(select(Document.name).order_by(Document.name).limit(2)).all()
    new_name = second.upper() if new_name == "SECOND" else new_name
    assert_refused(project, lambda s: documents.rename_document(s, first, new_name, actor=ACTOR), error, match)


def test_delete_unknown_document_changes_nothing(project: Project) -> None:
    name, _ = first_document(project)
    assert_refused(project, lambda s: documents.delete_documents(s, [name, "No such.docx"], actor=ACTOR),
                   NotFoundError, "no document 'No such.docx'")


# -- cases and attributes -------------------------------------------------------------------------


def a_case(project: Project) -> tuple[str, str]:
    with project.session() as session:
        row = session.execute(
            select(Case.name, Case.uuid).join(Document, Document.case_id == Case.id).order_by(Document.name)
        ).first()
        assert row is not None
        return row[0], row[1]


def test_delete_case_detaches_documents_and_restore_gives_back_every_row(project: Project) -> None:
    name, uuid = a_case(project)
    before = snapshot(project)
    with project.session() as session:
        deleted = cases.delete_case(session, name, actor=ACTOR)
    assert deleted.documents == 1 and deleted.values > 0
    with project.session() as session:
        assert session.scalar(select(func.count()).select_from(Document).where(Document.case_id.is_(None))) == 1
        assert session.scalar(select(func.count()).select_from(Memo).where(Memo.target_uuid == uuid)) == 0
        assert session.scalar(select(func.count()).select_from(MatrixCellSummary)) == 0
        assert session.scalar(select(func.count()).select_from(Document)) == len(before["documents"])
        cases.restore_case(session, deleted, actor=ACTOR)
    assert without_audit(snapshot(project)) == without_audit(before)
    assert audit_actions(project, "case")[-2:] == ["delete", "restore"]


def test_rename_case_and_clash(project: Project) -> None:
    name, uuid = a_case(project)
    with project.session() as session:
        cases.rename_case(session, name, "Director Wang", actor=ACTOR)
        assert session.scalar(select(Case.name).where(Case.uuid == uuid)) == "Director Wang"
        other = session.scalars(select(Case.name).where(Case.uuid != uuid).order_by(Case.name)).first()
    assert_refused(project, lambda s: cases.rename_case(s, "Director Wang", other.lower(), actor=ACTOR),
                   DuplicateError, "there is already a case named")
    assert_refused(project, lambda s: cases.rename_case(s, "Director Wang", " ", actor=ACTOR),
                   ValidationError, "case name is empty")


def an_attribute(project: Project) -> str:
    with project.session() as session:
        return cases.list_attributes(session)[0]["name"]


def test_delete_attribute_then_restore_gives_back_every_row(project: Project) -> None:
    attribute = an_attribute(project)
    with project.session() as session:
        value = session.scalar(select(AttributeValue.value).limit(1))
        code_uuid = session.scalar(select(Code.uuid).limit(1))
        session.add(MatrixCellSummary(code_uuid=code_uuid, column_key=f"attribute:{attribute}={value}", text="x"))
    before = snapshot(project)
    with project.session() as session:
        preview = cases.attribute_deletion(session, attribute)
        deleted = cases.delete_attribute(session, attribute, actor=ACTOR)
    assert preview.values == deleted.values == 8
    assert deleted.rows.count("matrix_cell_summaries") == 1
    with project.session() as session:
        with pytest.raises(NotFoundError):
            cases.find_attribute(session, attribute)
        cases.restore_attribute(session, deleted, actor=ACTOR)
    assert without_audit(snapshot(project)) == without_audit(before)


def test_rename_attribute_moves_matrix_summaries(project: Project) -> None:
    attribute = an_attribute(project)
    with project.session() as session:
        code_uuid = session.scalar(select(Code.uuid).limit(1))
        session.add(MatrixCellSummary(code_uuid=code_uuid, column_key=f"attribute:{attribute}=Luohu", text="x"))
    with project.session() as session:
        cases.rename_attribute(session, attribute, "Alliance mode", actor=ACTOR)
        assert session.scalar(select(MatrixCellSummary.column_key).where(MatrixCellSummary.text == "x")) == (
            "attribute:Alliance mode=Luohu")
        assert cases.find_attribute(session, "Alliance mode").name == "Alliance mode"
    other = next(a["name"] for a in _attributes(project) if a["name"] != "Alliance mode")
    assert_refused(project, lambda s: cases.rename_attribute(s, "Alliance mode", other.upper(), actor=ACTOR),
                   DuplicateError, "there is already an attribute named")


def _attributes(project: Project) -> list[dict]:
    with project.session() as session:
        return cases.list_attributes(session)


def test_coders_are_untouched_by_deleting_their_documents(project: Project) -> None:
    with project.session() as session:
        names = list(session.scalars(select(Document.name)))
        coders = session.scalar(select(func.count()).select_from(Coder))
        deleted = documents.delete_documents(session, names, actor=ACTOR)
        assert session.scalar(select(func.count()).select_from(Document)) == 0
        assert session.scalar(select(func.count()).select_from(Coder)) == coders
    assert deleted.impact.codings == 307


def test_restore_after_its_group_was_removed_keeps_the_rest(project: Project) -> None:
    name, uuid = first_document(project)
    with project.session() as session:
        deleted = documents.delete_documents(session, [name], actor=ACTOR)
        groups.remove_group(session, "Officials", actor=ACTOR)
    with project.session() as session:
        documents.restore_documents(session, deleted, actor=ACTOR)
        document_id = session.scalar(select(Document.id).where(Document.uuid == uuid))
        assert session.scalar(select(func.count()).select_from(Coding).where(
            Coding.document_id == document_id)) == deleted.impact.codings
        assert session.scalar(select(func.count()).select_from(DocumentGroupMember)) == 0


def test_restore_refused_when_a_code_its_codings_use_was_deleted_since(project: Project) -> None:
    with project.session() as session:
        names = list(session.scalars(select(Document.name)))
        deleted = documents.delete_documents(session, names, actor=ACTOR)
        code = session.scalars(select(Code).where(~Code.id.in_(select(Code.parent_id).where(
            Code.parent_id.is_not(None))))).first()
        assert code is not None and code.uuid in {
            session.get(Code, row["code_id"]).uuid for row in deleted.rows.rows["codings"]}
        codebook.delete_code(session, code.id, actor=ACTOR)
    assert_refused(project, lambda s: documents.restore_documents(s, deleted, actor=ACTOR), ConflictError,
                   "a code it refers to was deleted since")
