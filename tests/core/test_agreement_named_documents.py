"""Documents named for a comparison are found by exact name, uuid, case-insensitive name or name without its
extension, each once, in name order; the project's document list is read once for all of them (issue 13: a
comparison over a few thousand named documents read it once per name)."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from coding.agreement.sources import resolve_documents
from coding.errors import NotFoundError
from coding.project import Project
from tests.core.test_agreement_runs import build, project  # noqa: F401  (fixtures)
from tests.core.test_agreement_units import Builder, add_document


def test_named_documents_by_name_uuid_case_and_stem(project: Project, build: Builder) -> None:  # noqa: F811
    with project.session() as session:
        add_document(session, "Interview.txt")
        everything = {d.name: d for d in resolve_documents(session, ["doc2", "doc1", "Interview.txt"], [], [])}
        named = resolve_documents(session, ["DOC2", everything["doc1"].uuid, "interview", "doc2"], [], [])
    assert [d.name for d in named] == ["Interview.txt", "doc1", "doc2"]
    assert named == sorted(everything.values(), key=lambda d: d.name)
    assert all(d.length > 0 for d in named)


def test_an_unknown_name_is_refused(project: Project, build: Builder) -> None:  # noqa: F811
    with project.session() as session, pytest.raises(NotFoundError, match="no document 'nope'"):
        resolve_documents(session, ["doc1", "nope"], [], [])


def test_many_names_read_the_document_list_once(project: Project, build: Builder) -> None:  # noqa: F811
    with project.session() as session:
        for number in range(30):
            add_document(session, f"extra {number:02}")
        statements: list[str] = []

        def executed(_connection, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
            statements.append(statement)

        connection = session.connection()
        event.listen(connection, "before_cursor_execute", executed)
        found = resolve_documents(session, [f"extra {n:02}" for n in range(30)], [], [])
        event.remove(connection, "before_cursor_execute", executed)
    assert len(found) == 30
    assert len(statements) <= 2  # the list once, the chosen documents once (was one list read per name)
