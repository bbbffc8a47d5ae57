"""Assignments and progress (issue 10, item 1): the table and its migration, the verbs, derived statuses,
progress, refusals that change nothing, the audit trail, and undo's compare-and-set."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from coding.audit import verify_chain
from coding.changes import NOTHING, Changes
from coding.codebook import add_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code, remove_coding
from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.project import Project
from coding.team.assignments import (
    ASSIGNED,
    DONE,
    IN_PROGRESS,
    UNASSIGNED,
    CoderProgress,
    assign,
    coded_documents,
    document_status,
    document_statuses,
    list_assignments,
    mark_done,
    progress,
    restore_assignments,
    snapshot,
    unassign,
)
from models import Assignment, AuditEvent, Code, Coder, Document
from models.store import SCHEMA_REVISIONS, downgrade, make_engine, migrate, sqlite_url
from tests.core.refusals import assert_refused

DOCUMENTS = ("P01-official.docx", "P02-director.docx", "P03-patient.txt", "P04-doctor.txt")
TEXT = "The council appoints the group president. The bureau sets the budget."
CHANGED = Changes(assignments=True)


def _add_documents(session, names) -> list[Document]:  # type: ignore[no-untyped-def]
    documents = []
    for name in names:
        document = Document(
            name=name, source_name=name, format=Path(name).suffix[1:] or "txt", language="en", text=TEXT,
            char_count=len(TEXT), sha256=hashlib.sha256(name.encode()).hexdigest(),
        )
        session.add(document)
        documents.append(document)
    session.flush()
    return documents


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four documents, one code, coders Lin and Morgan, no codings; made once, copied per test."""
    path = tmp_path_factory.mktemp("template") / "p.concord"
    with Project.create(path, with_codebook=False) as created, created.session() as session:
        add_code(session, "Governance", actor="fixture")
        get_or_create_coder(session, "Lin", actor="fixture")
        get_or_create_coder(session, "Morgan", actor="fixture")
        _add_documents(session, DOCUMENTS)
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Iterator[Project]:
    """A fresh copy of the template per test."""
    from models.store import copy_project

    copy_project(template, tmp_path / "p.concord")
    with Project.open(tmp_path / "p.concord") as opened:
        yield opened


def ids(project: Project) -> dict[str, int]:
    """Document and coder names -> ids."""
    with project.session() as session:
        found = dict(session.execute(select(Document.name, Document.id)).all())
        found.update(session.execute(select(Coder.name, Coder.id)).all())
        return found


def code_in(project: Project, coder: str, document: str) -> str:
    """One coding of ``coder`` in ``document``; returns its uuid."""
    known = ids(project)
    with project.session() as session:
        coding = apply_code(session, document_id=known[document], coder_id=known[coder],
                            code_id=session.scalar(select(Code.id)), start=0, end=11, actor=coder)
        return coding.uuid


def statuses(project: Project, coder: str) -> dict[str, str]:
    """Document name -> the coder's status, for every document."""
    known = ids(project)
    with project.session() as session:
        found = document_statuses(session, known[coder])
    return {name: found.get(known[name], UNASSIGNED) for name in DOCUMENTS}


def assignment_events(project: Project) -> list[tuple[str, str, dict, dict]]:
    with project.session() as session:
        return [
            (e.action, e.actor, e.before, e.after)
            for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "assignment").order_by(AuditEvent.id))
        ]


# -- the table ---------------------------------------------------------------------------------------------------
def test_migration_adds_the_table_and_its_downgrade_takes_it_away(tmp_path: Path) -> None:
    path = tmp_path / "m.concord"
    Project.create(path, with_codebook=False).close()
    engine = make_engine(sqlite_url(path))
    try:
        downgrade(engine, "0005")
        with sqlite3.connect(path) as raw:
            tables = {r[0] for r in raw.execute("select name from sqlite_master where type='table'")}
            assert "assignments" not in tables
            assert raw.execute("select version_num from alembic_version").fetchall() == [("0005",)]
        migrate(engine)
    finally:
        engine.dispose()
    with sqlite3.connect(path) as raw:
        indexes = {r[0] for r in raw.execute("select name from sqlite_master where tbl_name='assignments'")}
        assert raw.execute("select version_num from alembic_version").fetchall() == [(SCHEMA_REVISIONS[-1],)]
    assert {"ix_assignments_coder_id", "ix_assignments_document_id"} <= indexes


def test_one_row_per_document_and_coder_and_only_known_statuses(project: Project) -> None:
    known = ids(project)
    pair = {"document_id": known[DOCUMENTS[0]], "coder_id": known["Lin"]}
    with project.session() as session:
        session.add(Assignment(**pair))
    for row in (pair, {**pair, "document_id": known[DOCUMENTS[1]], "status": "started"}):
        with pytest.raises(IntegrityError), project.session() as session:
            session.add(Assignment(**row))
            session.flush()
    with project.session() as session:
        assert [(a["document"], a["status"]) for a in list_assignments(session)] == [(DOCUMENTS[0], ASSIGNED)]


def test_deleting_a_document_or_coder_takes_its_assignments_with_it(project: Project) -> None:
    with project.session() as session:
        assign(session, "Lin", DOCUMENTS[:2], actor="Lin")
        assign(session, "Morgan", DOCUMENTS[:1], actor="Morgan")
    with project.session() as session:
        session.delete(session.scalar(select(Document).where(Document.name == DOCUMENTS[0])))
    with project.session() as session:
        assert sorted((a["coder"], a["document"]) for a in list_assignments(session)) == [("Lin", DOCUMENTS[1])]
        session.delete(session.scalar(select(Coder).where(Coder.name == "Lin")))
    with project.session() as session:
        assert list_assignments(session) == []


# -- verbs and statuses ------------------------------------------------------------------------------------------
def test_assign_then_code_then_done_walks_through_every_status(project: Project) -> None:
    with project.session() as session:
        # by name, any case, without extension; a repeat is harmless
        assert assign(session, "lin", ["P01-official.docx", "p02-DIRECTOR", "P01-official"], actor="Lin") == CHANGED
    assert statuses(project, "Lin") == {DOCUMENTS[0]: ASSIGNED, DOCUMENTS[1]: ASSIGNED, DOCUMENTS[2]: UNASSIGNED,
                                        DOCUMENTS[3]: UNASSIGNED}
    coding = code_in(project, "Lin", DOCUMENTS[0])
    code_in(project, "Morgan", DOCUMENTS[1])  # someone else's codings do not start Lin's work
    code_in(project, "Lin", DOCUMENTS[2])  # codings in an unassigned document do not assign it
    assert statuses(project, "Lin")[DOCUMENTS[0]] == IN_PROGRESS
    assert statuses(project, "Lin")[DOCUMENTS[1]] == ASSIGNED
    assert statuses(project, "Lin")[DOCUMENTS[2]] == UNASSIGNED
    with project.session() as session:
        assert mark_done(session, "Lin", [DOCUMENTS[0]], actor="Lin") == CHANGED
        assert mark_done(session, "Lin", [DOCUMENTS[0]], actor="Lin") == NOTHING  # already done
        remove_coding(session, coding, actor="Lin")  # done stays done, codings or not
    known = ids(project)
    with project.session() as session:
        assert document_status(session, known["Lin"], known[DOCUMENTS[0]]) == DONE
        assert mark_done(session, "Lin", [DOCUMENTS[0]], actor="Lin", undo=True) == CHANGED
        assert document_status(session, known["Lin"], known[DOCUMENTS[0]]) == ASSIGNED
        assert document_status(session, known["Morgan"], known[DOCUMENTS[0]]) == UNASSIGNED


def test_marking_done_a_document_nobody_assigned_creates_it_as_done(project: Project) -> None:
    with project.session() as session:
        assert mark_done(session, "Morgan", [DOCUMENTS[3]], actor="Morgan") == CHANGED
        assert mark_done(session, "Morgan", [DOCUMENTS[2]], actor="Morgan", undo=True) == NOTHING  # never done
        (row,) = list_assignments(session)
        assert (row["coder"], row["document"], row["status"]) == ("Morgan", DOCUMENTS[3], DONE)
        assert row["done_at"] is not None and row["done_at"].endswith("+00:00")
        assert assign(session, "Morgan", [DOCUMENTS[3]], actor="Morgan") == NOTHING  # assigning keeps it done
        mark_done(session, "Morgan", [DOCUMENTS[3]], actor="Morgan", undo=True)
        (row,) = list_assignments(session)
        assert (row["status"], row["done_at"]) == (ASSIGNED, None)


def test_unassign_takes_the_documents_away_and_keeps_the_codings(project: Project) -> None:
    with project.session() as session:
        assign(session, "Lin", DOCUMENTS, actor="Lead")
        mark_done(session, "Lin", [DOCUMENTS[1]], actor="Lin")
    code_in(project, "Lin", DOCUMENTS[0])
    with project.session() as session:
        assert unassign(session, "Lin", DOCUMENTS[:2], actor="Lead") == CHANGED
        assert unassign(session, "Lin", DOCUMENTS[:2], actor="Lead") == NOTHING
    assert statuses(project, "Lin") == {DOCUMENTS[0]: UNASSIGNED, DOCUMENTS[1]: UNASSIGNED,
                                        DOCUMENTS[2]: ASSIGNED, DOCUMENTS[3]: ASSIGNED}
    known = ids(project)
    with project.session() as session:
        assert coded_documents(session, known["Lin"]) == {known[DOCUMENTS[0]]}


@pytest.mark.parametrize(
    ("operation", "error", "match"),
    [
        (lambda s: assign(s, "Nobody", [DOCUMENTS[0]], actor="x"), NotFoundError, "no coder 'Nobody'"),
        (lambda s: assign(s, "Lin", [DOCUMENTS[0], "P09"], actor="x"), NotFoundError, "no document 'P09'"),
        (lambda s: assign(s, "Lin", [], actor="x"), ValidationError, "no documents given"),
        (lambda s: assign(s, "Lin", [DOCUMENTS[0], " "], actor="x"), ValidationError, "document name is empty"),
        (lambda s: unassign(s, "Lin", [DOCUMENTS[1], "nope"], actor="x"), NotFoundError, "no document 'nope'"),
        (lambda s: mark_done(s, "Lin", [DOCUMENTS[2], "nope"], actor="x"), NotFoundError, "no document 'nope'"),
        (lambda s: mark_done(s, "Nobody", [DOCUMENTS[1]], actor="x", undo=True), NotFoundError, "no coder"),
    ],
)
def test_an_unknown_coder_or_document_is_refused_and_changes_nothing(
    project: Project, operation, error: type, match: str  # type: ignore[no-untyped-def]
) -> None:
    with project.session() as session:
        assign(session, "Lin", [DOCUMENTS[1]], actor="Lin")
        mark_done(session, "Lin", [DOCUMENTS[1]], actor="Lin")
    assert_refused(project, operation, error, match)


def test_documents_are_found_by_the_same_rules_as_everywhere_else(tmp_path: Path) -> None:
    """Bulk look-up (indexes, for thousands of names) agrees with ``resolve_document`` name for name."""
    from coding.documents import document_refs, resolve_document
    from coding.team.assignments import resolve_documents

    names = ["Interview.docx", "interview.txt", "P01-Official.docx", "p02.txt", "P02.docx", "Notes"]
    asked = ["interview.docx", "INTERVIEW.TXT", "interview", "p01-official", "P01-OFFICIAL.DOCX", "p02", "p02.TXT",
             "notes", "missing", " Notes "]
    with Project.create(tmp_path / "r.concord", with_codebook=False) as project, project.session() as session:
        _add_documents(session, names)
        uuid = session.scalar(select(Document.uuid).where(Document.name == "Notes"))
        refs = document_refs(session)
        for name in [*asked, uuid]:
            try:
                expected: object = resolve_document(refs, name)
            except NotFoundError as exc:
                expected = str(exc)
            try:
                found: object = resolve_documents(session, [name])[0]
            except NotFoundError as exc:
                found = str(exc)
            assert found == expected, name
        assert "ambiguous" in str(pytest.raises(NotFoundError, resolve_documents, session, ["interview"]).value)


# -- progress and coded documents --------------------------------------------------------------------------------
def test_progress_counts_each_coders_statuses(project: Project) -> None:
    with project.session() as session:
        assign(session, "Lin", DOCUMENTS, actor="Lead")
        assign(session, "Morgan", DOCUMENTS[:2], actor="Lead")
        mark_done(session, "Lin", DOCUMENTS[:2], actor="Lin")
        get_or_create_coder(session, "Consensus", actor="Lead", is_consensus=True)
    code_in(project, "Lin", DOCUMENTS[2])
    code_in(project, "Lin", DOCUMENTS[0])  # done stays done
    code_in(project, "Morgan", DOCUMENTS[3])  # not Morgan's document: no progress
    with project.session() as session:
        rows = progress(session)
    assert [row.coder for row in rows] == ["Lin", "Morgan"]  # people only, by name
    lin, morgan = rows
    assert (lin.assigned, lin.in_progress, lin.done, lin.total, lin.documents) == (1, 1, 2, 4, 4)
    assert (morgan.assigned, morgan.in_progress, morgan.done, morgan.total) == (2, 0, 0, 2)
    assert isinstance(lin, CoderProgress) and lin.to_dict()["in_progress"] == 1


def test_coded_documents_tells_looked_at_from_never_opened(project: Project) -> None:
    with project.session() as session:
        assign(session, "Lin", DOCUMENTS, actor="Lead")
        mark_done(session, "Lin", [DOCUMENTS[0]], actor="Lin")  # done, coded nothing
    code_in(project, "Lin", DOCUMENTS[3])  # coded, not done
    known = ids(project)
    with project.session() as session:
        assert coded_documents(session, known["Lin"]) == {known[DOCUMENTS[0]], known[DOCUMENTS[3]]}
        assert coded_documents(session, known["Morgan"]) == set()


def test_statuses_and_progress_take_the_same_few_queries_however_many_documents(tmp_path: Path) -> None:
    """The Documents panel reads these on every change: one grouped query each, never one per document."""

    def queries(document_count: int) -> int:
        path = tmp_path / f"q{document_count}.concord"
        with Project.create(path, with_codebook=False) as project:
            with project.session() as session:
                add_code(session, "G", actor="x")
                names = [f"d{i:05}" for i in range(document_count)]
                _add_documents(session, names)
                for coder in ("Lin", "Morgan"):
                    get_or_create_coder(session, coder, actor="x")
                    assign(session, coder, names, actor="x")
                mark_done(session, "Lin", names[: document_count // 2], actor="x")
            lin = ids(project)["Lin"]
            statements: list[str] = []

            def listener(*args: object) -> None:  # (conn, cursor, statement, ...)
                statements.append(str(args[2]))

            event.listen(project.store.engine, "before_cursor_execute", listener)
            try:
                with project.session() as session:
                    found = document_statuses(session, lin)
                    rows = progress(session)
            finally:
                event.remove(project.store.engine, "before_cursor_execute", listener)
            assert len(found) == document_count and rows[0].done == document_count // 2
            return len(statements)

    assert queries(4) == queries(400) <= 4


# -- audit and undo ----------------------------------------------------------------------------------------------
def test_every_change_is_one_audited_event_naming_each_document(project: Project) -> None:
    with project.session() as session:
        assign(session, "Lin", DOCUMENTS[:2], actor="Lead")
        assign(session, "Lin", DOCUMENTS[:2], actor="Lead")  # nothing changed, nothing written
        mark_done(session, "Lin", DOCUMENTS[1:3], actor="Lin")
        unassign(session, "Lin", [DOCUMENTS[0]], actor="Lead")
        uuids = dict(session.execute(select(Document.name, Document.uuid)).all())
        lin = session.scalar(select(Coder.id).where(Coder.name == "Lin"))
    events = assignment_events(project)
    assert [(action, actor) for action, actor, _before, _after in events] == [
        ("assign", "Lead"), ("done", "Lin"), ("unassign", "Lead")
    ]
    _action, _actor, before, after = events[1]
    assert before == {"coder_id": lin, "documents": {uuids[DOCUMENTS[1]]: "assigned", uuids[DOCUMENTS[2]]: "unassigned"}}
    assert after == {"coder_id": lin, "documents": {uuids[DOCUMENTS[1]]: "done", uuids[DOCUMENTS[2]]: "done"}}
    with project.session() as session:
        assert verify_chain(session).ok


def test_restore_puts_back_exactly_what_was_there_and_refuses_after_another_edit(project: Project) -> None:
    known = ids(project)
    documents = [known[name] for name in DOCUMENTS[:3]]
    with project.session() as session:
        assign(session, "Lin", [DOCUMENTS[0]], actor="Lin")
        mark_done(session, "Lin", [DOCUMENTS[1]], actor="Lin")
        before = snapshot(session, known["Lin"], documents)
        mark_done(session, "Lin", DOCUMENTS[:3], actor="Lin")
        after = snapshot(session, known["Lin"], documents)
    assert before[documents[2]] is None and after[documents[2]] is not None
    with project.session() as session:  # undo
        assert restore_assignments(session, known["Lin"], before, actor="Lin", expected=after) == CHANGED
        assert snapshot(session, known["Lin"], documents) == before  # uuids and times included
    with project.session() as session:  # another window assigns the third document meanwhile
        assign(session, "Lin", [DOCUMENTS[2]], actor="Morgan")
    assert_refused(
        project, lambda s: restore_assignments(s, known["Lin"], after, actor="Lin", expected=before),
        ConflictError, f"assignments of {DOCUMENTS[2]} were changed since",
    )
