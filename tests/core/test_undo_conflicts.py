"""Undo never overwrites another's edit (issue 9 item 4), without Qt.

Two ``Project`` objects on one file stand for two windows: "mine" remembers the value its last step left
(``expected=``), "theirs" changes it, and my compare-and-set write is then refused with ``ConflictError``,
their edit intact; while nobody changed it, the same write goes through.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding import cases, codebook, codings
from coding.analysis.matrix import set_cell_summary
from coding.codings import CodingRecord
from coding.errors import ConcordError, ConflictError
from coding.project import Project
from models import Case, Code, Coder, Coding, Document, MatrixCellSummary
from tests.core.refusals import assert_refused, snapshot

TEXT = "Interviewer: Who appoints the president?\nR: The council appoints the group president, every year."
PASSAGE = "The council appoints"
LONG_MEMO = "Their long memo, which goes on and on about the council and who appoints whom in the group."


@dataclass(frozen=True)
class World:
    coding: str  # uuid of the coding both windows look at
    owner: int  # its code
    other: int  # another codable code
    case_uuid: str
    document: str


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "p.concord"
    with Project.create(path) as created, created.session() as session:
        session.add(Document(name="P01", source_name="p01.txt", format="txt", language="en", text=TEXT,
                             char_count=len(TEXT), sha256=hashlib.sha256(TEXT.encode()).hexdigest()))
        session.add(Coder(name="Lin"))
        session.flush()
        cases.add_case(session, "P01", actor="fixture")
        cases.attach_document(session, "P01", "P01", actor="fixture")
        cases.set_attribute_value(session, "P01", "role", "official", actor="fixture")
        start = TEXT.index(PASSAGE)
        codings.apply_code(
            session, document_id=session.scalar(select(Document.id)), coder_id=session.scalar(select(Coder.id)),
            code_id=codebook.find_code(session, "Owner functions").id, start=start, end=start + len(PASSAGE),
            memo="my memo", actor="fixture",
        )
        case_uuid = session.scalar(select(Case.uuid))
        set_cell_summary(session, codebook.find_code(session, "Owner functions").uuid, f"case:{case_uuid}",
                         "my summary", actor="fixture")
    return path


@pytest.fixture
def world(project: Project) -> World:
    with project.session() as session:
        return World(
            coding=session.scalar(select(Coding.uuid)),
            owner=codebook.find_code(session, "Owner functions").id,
            other=codebook.find_code(session, "Organizational changes").id,
            case_uuid=session.scalar(select(Case.uuid)),
            document="P01",
        )


@pytest.fixture
def theirs(project: Project) -> Iterator[Project]:
    """A second window on the same file."""
    assert project.path is not None
    other = Project.open(project.path)
    other.actor = "Morgan"
    yield other
    other.close()


def _coding(session: Session, world: World) -> Coding:
    return codings.find_coding(session, world.coding)


def _record(project: Project, world: World) -> CodingRecord:
    with project.session() as session:
        return CodingRecord.of(_coding(session, world))


def _place(project: Project, name: str) -> codebook.CodePlace:
    with project.session() as session:
        return codebook.code_place(session, codebook.find_code(session, name))


def _owner_uuid(session: Session, world: World) -> str:
    return session.scalar(select(Code.uuid).where(Code.id == world.owner))


def _summary(session: Session) -> str:
    return session.scalar(select(MatrixCellSummary.text)) or ""


# Each row: what the other window does, what my undo/redo then tries (given what it expects and the world),
# the refusal's message, and how to read the value that must stay theirs.
Edit = Callable[[Session, World], Any]


@dataclass(frozen=True)
class Case_:
    name: str
    their_edit: Edit
    my_step: Callable[[Session, World, Any], Any]  # (session, world, expected) -> write
    expected_before: Callable[[Session, World], Any]  # what my last step left there (read before they edit)
    message: str
    read: Callable[[Session, World], Any]


START = TEXT.index(PASSAGE)
CASES = [
    Case_(
        "memo",
        lambda s, w: codings.set_coding_memo(s, w.coding, "xyz", actor="Morgan"),
        lambda s, w, e: codings.set_coding_memo(s, w.coding, "", actor="me", expected=e),
        lambda s, w: _coding(s, w).memo,
        r"the memo was changed since \(now 'xyz'\)",
        lambda s, w: _coding(s, w).memo,
    ),
    Case_(
        "resize",
        lambda s, w: codings.resize_coding(s, w.coding, START, START + 11, actor="Morgan"),
        lambda s, w, e: codings.resize_coding(s, w.coding, START, len(TEXT) - 1, actor="me", expected=e),
        lambda s, w: (_coding(s, w).start, _coding(s, w).end),
        rf"the coding was resized since \(now {START}–{START + 11}: 'The council'\)",
        lambda s, w: (_coding(s, w).start, _coding(s, w).end),
    ),
    Case_(
        "recode",
        lambda s, w: codings.change_coding_code(s, w.coding, w.other, actor="Morgan"),
        lambda s, w, e: codings.change_coding_code(
            s, w.coding, codebook.find_code(s, "Financial management rights").id, actor="me", expected=e),
        lambda s, w: _coding(s, w).code_id,
        r"the coding was recoded since \(now 'Organizational changes'\)",
        lambda s, w: _coding(s, w).code_id,
    ),
    Case_(
        "remove an edited coding",
        lambda s, w: codings.set_coding_memo(s, w.coding, "their note", actor="Morgan"),
        lambda s, w, e: codings.remove_coding(s, w.coding, actor="me", expected=e),
        lambda s, w: CodingRecord.of(_coding(s, w)),
        r"the memo was changed since \(now 'their note'\)",
        lambda s, w: _coding(s, w).memo,
    ),
    Case_(
        "rename code",
        lambda s, w: codebook.update_code(s, w.owner, name="Owner roles", actor="Morgan"),
        lambda s, w, e: codebook.update_code(s, w.owner, name="Owner powers", actor="me", expected=e),
        lambda s, w: {"name": s.get(Code, w.owner).name},  # type: ignore[union-attr]
        r"code 'Owner functions' was renamed since \(now 'Owner roles'\)",
        lambda s, w: s.get(Code, w.owner).name,  # type: ignore[union-attr]
    ),
    Case_(
        "recolour code",
        lambda s, w: codebook.update_code(s, w.owner, colour="#00AA00", actor="Morgan"),
        lambda s, w, e: codebook.update_code(s, w.owner, colour="#123456", actor="me", expected=e),
        lambda s, w: {"colour": s.get(Code, w.owner).colour},  # type: ignore[union-attr]
        r"its colour is now '#00aa00'",
        lambda s, w: s.get(Code, w.owner).colour,  # type: ignore[union-attr]
    ),
    Case_(
        "move code",
        lambda s, w: codebook.move_code(s, w.owner, codebook.find_code(s, "Accountability").id, actor="Morgan"),
        lambda s, w, e: codebook.move_code(s, w.owner, None, 0, actor="me", expected=e),
        lambda s, w: codebook.code_place(s, s.get(Code, w.owner)),  # type: ignore[arg-type]
        r"code 'Owner functions' was moved since \(now under '[^']*Accountability', place 3\)",
        lambda s, w: codebook.code_path(s, w.owner),
    ),
    Case_(
        "attribute value",
        lambda s, w: cases.set_attribute_value(s, "P01", "role", "doctor", actor="Morgan"),
        lambda s, w, e: cases.set_attribute_value(s, "P01", "role", "", actor="me", expected=e),
        lambda s, w: cases.attribute_value(s, "P01", "role"),
        r"the role of case 'P01' was changed since \(now 'doctor'\)",
        lambda s, w: cases.attribute_value(s, "P01", "role"),
    ),
    Case_(
        "document's case",
        lambda s, w: cases.detach_document(s, "P01", w.document, actor="Morgan"),
        lambda s, w, e: cases.expect_document_case(s, w.document, e),
        lambda s, w: cases.document_case(s, w.document),
        r"document 'P01' was moved since \(now in no case\)",
        lambda s, w: cases.document_case(s, w.document),
    ),
    Case_(
        "matrix cell summary",
        lambda s, w: set_cell_summary(s, _owner_uuid(s, w), f"case:{w.case_uuid}", LONG_MEMO, actor="Morgan"),
        lambda s, w, e: set_cell_summary(s, _owner_uuid(s, w), f"case:{w.case_uuid}", "", actor="me", expected=e),
        lambda s, w: _summary(s),
        r"the summary was changed since \(now 'Their long memo, which goes on and on a…'\)",
        lambda s, w: _summary(s),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_step_is_refused_when_another_window_changed_the_value(
    project: Project, theirs: Project, world: World, case: Case_
) -> None:
    with project.session() as session:
        expected = case.expected_before(session, world)
    with theirs.session() as session:
        case.their_edit(session, world)
    with theirs.session() as session:
        their_value = case.read(session, world)
    assert_refused(project, lambda session: case.my_step(session, world, expected), ConflictError, case.message)
    with project.session() as session:
        assert case.read(session, world) == their_value


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_same_step_goes_through_while_nobody_changed_the_value(
    project: Project, world: World, case: Case_
) -> None:
    with project.session() as session:
        expected = case.expected_before(session, world)
    before = snapshot(project)
    with project.session() as session:
        case.my_step(session, world, expected)
    if case.name != "document's case":  # a pure check writes nothing
        assert snapshot(project) != before


def test_no_expectation_means_no_check(project: Project, theirs: Project, world: World) -> None:
    """The user's own first edit (no ``expected``) writes over whatever is there, as before."""
    with theirs.session() as session:
        codings.set_coding_memo(session, world.coding, "theirs", actor="Morgan")
    with project.session() as session:
        codings.set_coding_memo(session, world.coding, "mine", actor="me")
    with theirs.session() as session:
        assert _coding(session, world).memo == "mine"


def test_restoring_a_coding_that_is_back_already_is_refused(project: Project, theirs: Project, world: World) -> None:
    with project.session() as session:
        saved = codings.remove_coding(session, world.coding, actor="me")
    with theirs.session() as session:
        codings.restore_coding(session, saved, actor="Morgan")  # their undo put it back first
    assert_refused(project, lambda session: codings.restore_coding(session, saved, actor="me"), ConflictError,
                   "the coding is back in the project already")


def test_restoring_a_coding_whose_code_is_gone_is_a_clear_refusal(project: Project, theirs: Project,
                                                                 world: World) -> None:
    with project.session() as session:
        saved = codings.remove_coding(session, world.coding, actor="me")
    with theirs.session() as session:
        codebook.delete_code(session, world.owner, actor="Morgan")
    with pytest.raises(ConcordError, match="the coding's code is no longer in the project"):
        with project.session() as session:
            codings.restore_coding(session, saved, actor="me")


def test_a_code_moved_by_a_sibling_change_is_also_refused(project: Project, theirs: Project) -> None:
    """The place is parent and position: another window reordering the siblings is an edit too."""
    place = _place(project, "Owner functions")
    with theirs.session() as session:
        code = codebook.find_code(session, "Owner functions")
        codebook.move_code(session, code.id, code.parent_id, 0, actor="Morgan")
    with project.session() as session, pytest.raises(ConflictError, match=r"now under .*, place 1\)"):
        codebook.expect_code_place(session, codebook.find_code(session, "Owner functions").id, place)


def test_an_expected_record_catches_each_kind_of_change(project: Project, theirs: Project, world: World) -> None:
    remembered = _record(project, world)
    with theirs.session() as session:
        codings.resize_coding(session, world.coding, START, START + 11, actor="Morgan")
    with pytest.raises(ConflictError, match="resized since"), project.session() as session:
        codings.remove_coding(session, world.coding, actor="me", expected=remembered)
    with theirs.session() as session:
        codings.change_coding_code(session, world.coding, world.other, actor="Morgan")
    with pytest.raises(ConflictError, match="recoded since"), project.session() as session:
        codings.remove_coding(session, world.coding, actor="me", expected=remembered)
    with theirs.session() as session:
        assert codings.find_coding(session, world.coding).code_id == world.other
