"""Shared by the team tests (copies, merge, CLI, GUI): a small real team project and ways to look into it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.project import Project
from models import Base, Code, Coder, Coding, Document, Memo

TEXTS = {
    "P01 bureau": (
        "Interviewer: Could you describe your role?\n\n"
        "R: I head the district health bureau. Before the reform, every hospital came to my office. "
        "Since the group was set up, my job has changed. We sit on the council and we set the targets.\n"
    ),
    "P02 hospital": (
        "Interviewer: What moved to the group?\n\n"
        "R: The hospitals stopped being separate units. They became one legal entity with one set of books. "
        "The council appoints the president. Money follows the patients now.\n"
    ),
    "P03 clinic": (
        "Interviewer: How do referrals work?\n\n"
        "R: We send patients up when we cannot treat them. The specialists come down twice a week. "
        "Our doctors train at the central hospital every spring.\n"
    ),
}
SECRET = "MORGAN-SECRET-NOTE"


def span(document: str, phrase: str) -> tuple[int, int]:
    start = TEXTS[document].index(phrase)
    return start, start + len(phrase)


def build_team_project(path: Path) -> Path:
    """Three documents with cases, coders Lin and Morgan with codings and memos; Lin has P01 and P02 assigned."""
    from coding.cases import add_case, attach_document, set_attribute_value
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.team.assignments import assign

    project = Project.create(path)
    try:
        with project.session() as session:
            docs = {name: add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt")
                    for name, text in TEXTS.items()}
            lin = get_or_create_coder(session, "Lin", actor="lead")
            morgan = get_or_create_coder(session, "Morgan", actor="lead")
            for number, name in enumerate(TEXTS, start=1):
                add_case(session, f"Case {number}", actor="lead")
                attach_document(session, f"Case {number}", name, actor="lead")
                set_attribute_value(session, f"Case {number}", "role", f"Role {number}", actor="lead")
            for coder, document, phrase, code, memo in (
                (lin, "P01 bureau", "I head the district health bureau.", "Owner functions", ""),
                (lin, "P01 bureau", "we set the targets", "Government regulations", "Lin's memo"),
                (lin, "P02 hospital", "one set of books", "Financial management rights", ""),
                (morgan, "P01 bureau", "I head the district health bureau.", "Owner functions", ""),
                (morgan, "P03 clinic", "twice a week", "Personnel management rights", SECRET),
            ):
                start, end = span(document, phrase)
                apply_code(session, document_id=docs[document].id, coder_id=coder.id,
                           code_id=code_id(session, code), start=start, end=end, memo=memo, actor="lead")
            session.add(Memo(target_kind="document", target_uuid=docs["P01 bureau"].uuid, author_id=morgan.id,
                             title="Morgan's note", text=SECRET))
            session.add(Memo(target_kind="document", target_uuid=docs["P01 bureau"].uuid, author_id=lin.id,
                             title="Lin's note", text="first reading"))
            assign(session, "Lin", ["P01 bureau", "P02 hospital"], actor="lead")
    finally:
        project.close()
    return path


def code_id(session: Session, path: str) -> int:
    from coding.codebook import find_code

    return find_code(session, path).id


def coder_id(session: Session, name: str) -> int:
    ident = session.scalar(select(Coder.id).where(Coder.name == name))
    assert ident is not None, name
    return ident


def document(session: Session, name: str) -> Document:
    found = session.scalar(select(Document).where(Document.name == name))
    assert found is not None, name
    return found


@contextmanager
def opened(path: Path) -> Iterator[Project]:
    project = Project.open(path)
    try:
        yield project
    finally:
        project.close()


def codings_by(project: Project, coder: str) -> set[tuple[Any, ...]]:
    """A coder's codings as comparable values: (uuid, document, code path, start, end, memo)."""
    from coding.codebook import code_paths

    with project.session() as session:
        paths = code_paths(session)
        rows = session.execute(
            select(Coding.uuid, Document.name, Coding.code_id, Coding.start, Coding.end, Coding.memo)
            .join(Document, Document.id == Coding.document_id).join(Coder, Coder.id == Coding.coder_id)
            .where(Coder.name == coder)
        ).all()
    return {(uuid, doc, paths[code], start, end, memo) for uuid, doc, code, start, end, memo in rows}


def code_tree(project: Project) -> set[str]:
    from coding.codebook import code_paths

    with project.session() as session:
        return set(code_paths(session).values())


def content(project: Project, skip: tuple[str, ...] = ("audit_events", "project_meta")) -> dict[str, list[tuple]]:
    """Every row of every table but ``skip``, in a stable order; rows with a uuid without their integer id (a row
    put back gets a new one, as ``coding.codings.restore_coding`` does), and without row versions (migration 0009:
    they count every write, undo included, so they never go back)."""
    def columns(table: Any) -> list[Any]:
        return [c for c in table.columns
                if not ("uuid" in table.columns and c.name == "id") and c.name != "version"]

    with project.session() as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(select(*columns(table)))), key=repr)
            for table in Base.metadata.sorted_tables if table.name not in skip
        }


def code_uuid(project: Project, path: str) -> str:
    from coding.codebook import find_code

    with project.session() as session:
        return find_code(session, path).uuid


def codes_named(session: Session, name: str) -> list[Code]:
    return list(session.scalars(select(Code).where(Code.name == name)))
