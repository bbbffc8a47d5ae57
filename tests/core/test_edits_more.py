"""The last three edits moved out of the GUI's undo commands, driven without Qt on real project files: merging
coder copies (``MergeCopiesEdit``), accepting agreed passages (``AcceptAgreedEdit``) and copying document metadata
to case attributes (``MetadataToAttributesEdit``). Do, look, undo, look, redo, look, as tests/core/test_edits.py
does (its ``look`` reads the whole project by uuid and name); then the refusals the old commands had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coding import cases, edits
from coding.agreement.compare import DEFAULT_TOLERANCE
from coding.agreement.completion import DEFAULT_UNIT
from coding.agreement.consensus import CONSENSUS_CHANGED, DEFAULT_CONSENSUS, undo_decision
from coding.changes import Changes
from coding.codings import apply_code, resize_coding
from coding.edits import Edit
from coding.edits.merging import MERGE_CHANGES
from coding.errors import ConcordError, ConflictError, NotFoundError
from coding.importing import import_file
from coding.project import Project
from coding.team.assignments import mark_done
from coding.team.copies import make_copies
from coding.team.merge import merge_copies
from models import ConsensusDecision, Memo
from models.store import copy_project
from tests.core.refusals import snapshot
from tests.core.team_helpers import build_team_project, code_id, coder_id, document, opened, span
from tests.core.test_agreement_units import CHILD_1, CHILD_2, Builder, add_document, sentence
from tests.core.test_document_metadata import EN_HEADER, ZH_HEADER
from tests.core.test_edits import look, run


@pytest.fixture(scope="module")
def team_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_team_project(tmp_path_factory.mktemp("team") / "study.concord")


@dataclass
class Scenario:
    """A project, the edit to drive on it, and the project as it was before the user's action."""

    project: Project
    edit: Edit
    before: dict[str, Any]
    extra: dict[str, Any]


Opened = list[Project]


# -- merging coder copies ---------------------------------------------------------------------------
def _lin_works(copy: Path) -> str:
    """In Lin's copy: a new coding, a changed memo, P02 marked done. Returns the new coding's uuid."""
    with opened(copy) as project, project.session() as session:
        start, end = span("P01 bureau", "Before the reform")
        added = apply_code(session, document_id=document(session, "P01 bureau").id,
                           coder_id=coder_id(session, "Lin"), code_id=code_id(session, "Owner functions"),
                           start=start, end=end, memo="", actor="Lin").uuid
        note = session.scalars(select(Memo).where(Memo.title == "Lin's note")).one()
        note.text = "second reading"
        mark_done(session, "Lin", ["P02 hospital"], actor="Lin")
    return added


def merge_case(tmp_path: Path, projects: Opened, team_template: Path) -> Scenario:
    copy_project(team_template, tmp_path / "study.concord")
    project = Project.open(tmp_path / "study.concord")
    project.actor = "lead"
    projects.append(project)
    (tmp_path / "copies").mkdir()
    [lin] = make_copies(project, ["Lin"], tmp_path / "copies")
    added = _lin_works(lin.path)
    before = look(project)
    result = merge_copies(project, [lin.path])  # as the window's writer thread does
    assert [report.refused for report in result.reports] == [None]
    return Scenario(project, edits.MergeCopiesEdit(result.records), before, {"added": added, "result": result})


# -- accepting agreed passages ----------------------------------------------------------------------
def accept_case(tmp_path: Path, projects: Opened) -> Scenario:
    project = Project.create(tmp_path / "accept.concord")
    project.actor = "A"
    projects.append(project)
    with project.session() as session:
        add_document(session, "doc1")
        add_document(session, "doc2")
    build = Builder(project)
    for coder, doc, code, number in (("A", "doc1", CHILD_1, 0), ("B", "doc1", CHILD_1, 0),
                                     ("A", "doc1", CHILD_2, 7), ("B", "doc1", CHILD_2, 7),
                                     ("A", "doc1", CHILD_1, 4), ("B", "doc2", CHILD_1, 6)):
        build.code(coder, doc, code, *sentence(number))
    edit = edits.AcceptAgreedEdit(["A", "B"], decided_by="Dr Adjudicator", unit=DEFAULT_UNIT,
                                  tolerance=DEFAULT_TOLERANCE, consensus=DEFAULT_CONSENSUS)
    return Scenario(project, edit, look(project), {})


# -- metadata to case attributes --------------------------------------------------------------------
def metadata_case(tmp_path: Path, projects: Opened) -> Scenario:
    project = Project.create(tmp_path / "headed.concord", with_codebook=False)
    project.actor = "Lin"
    projects.append(project)
    for name, text in {"A01": ZH_HEADER, "P07": EN_HEADER}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        import_file(project, tmp_path / f"{name}.txt")
    with project.session() as session:  # A01 already has a case; P07 has none, and gets one of its name
        cases.add_case(session, "Director A", actor="Lin")
        cases.attach_document(session, "Director A", "A01", actor="Lin")
    return Scenario(project, edits.MetadataToAttributesEdit(None), look(project), {})


@pytest.fixture
def projects() -> Iterator[Opened]:
    opened_here: Opened = []
    yield opened_here
    for project in opened_here:
        project.close()


@pytest.fixture
def make(request: pytest.FixtureRequest, tmp_path: Path, projects: Opened) -> Callable[[str], Scenario]:
    def build(name: str) -> Scenario:
        if name == "merge":
            return merge_case(tmp_path, projects, request.getfixturevalue("team_template"))
        if name == "metadata":
            request.getfixturevalue("import_pipelines")  # spaCy loaded once for the session
            return metadata_case(tmp_path, projects)
        return accept_case(tmp_path, projects)
    return build


def by_name(state: dict[str, Any]) -> dict[str, Any]:
    """The project with cases and attributes by name only: redoing a metadata copy copies again (as the GUI's
    command always did), so a case or attribute the copy creates comes back under a new uuid."""
    return {**state, "cases": sorted(row[1:] for row in state["cases"]),
            "attributes": sorted(row[1:] for row in state["attributes"]),
            "values": sorted((row[0], *row[2:]) for row in state["values"]),
            "documents": sorted((*row[:2], row[3]) for row in state["documents"])}


NAMES = ["merge", "accept agreed", "metadata"]


@pytest.mark.parametrize("name", NAMES)
def test_do_undo_redo_undo(name: str, make: Callable[[str], Scenario]) -> None:
    case = make(name)
    project, edit = case.project, case.edit
    same: Callable[[dict[str, Any]], Any] = by_name if name == "metadata" else (lambda state: state)
    changes = run(project, edit.do)
    after = look(project)
    assert after != case.before and changes.any()
    assert run(project, edit.undo).any()
    assert look(project) == case.before
    assert run(project, edit.redo).any()
    assert same(look(project)) == same(after)
    run(project, edit.undo)
    assert look(project) == case.before


# -- each edit's own record and name ----------------------------------------------------------------
def test_the_merge_edit_says_what_the_merge_changed_without_writing_it_again(make: Callable[[str], Scenario]) -> None:
    case = make("merge")
    written = snapshot(case.project)
    changes = run(case.project, case.edit.do)
    assert snapshot(case.project) == written  # merge_copies wrote it: not even an audit event now
    assert changes == case.extra["result"].changes | MERGE_CHANGES
    assert changes == Changes(codings=True, memos=True, assignments=True, coders=True)
    assert run(case.project, case.edit.undo) == changes == run(case.project, case.edit.redo)
    assert isinstance(case.edit, edits.MergeCopiesEdit) and case.edit.label.startswith("Merge study-Lin")


def test_accepting_says_consensus_and_names_how_many_passages(make: Callable[[str], Scenario]) -> None:
    case = make("accept agreed")
    edit = case.edit
    assert isinstance(edit, edits.AcceptAgreedEdit)
    assert edit.label == "Accept agreed passages of A, B"
    assert run(case.project, edit.do) == CONSENSUS_CHANGED
    assert edit.label == "Accept 2 agreed passages of A, B"
    assert run(case.project, edit.undo) == CONSENSUS_CHANGED


def test_metadata_copy_says_cases_attributes_and_documents(make: Callable[[str], Scenario]) -> None:
    case = make("metadata")
    edit = case.edit
    assert isinstance(edit, edits.MetadataToAttributesEdit)
    assert edit.label == "Copy metadata of every document to case attributes"
    assert edits.MetadataToAttributesEdit(["A01"]).label == "Copy metadata of 1 document(s) to case attributes"
    changes = run(case.project, edit.do)
    assert changes == Changes(cases=True, attributes=True, documents=True, matrix=True)  # P07 joined case P07
    assert edit.transfer is not None and edit.transfer.created_cases == ("P07",)
    assert run(case.project, edit.undo) == changes


# -- refusals: nothing written ----------------------------------------------------------------------
def _their_resize(case: Scenario, session: Any) -> None:
    resize_coding(session, case.extra["added"], *span("P01 bureau", "Before the reform, every hospital"),
                  actor="lead")


def _their_value(case: Scenario, session: Any) -> None:
    cases.set_attribute_value(session, "P07", "Date", "2020-01-01", actor="Ben")


def _their_reopen(case: Scenario, session: Any) -> None:
    undo_decision(session, session.scalars(select(ConsensusDecision.uuid)).first(), actor="Ben")


@dataclass(frozen=True)
class Refusal:
    name: str
    their_edit: Callable[[Scenario, Any], None]
    error: type[ConcordError]
    message: str


REFUSALS = {
    "merge: a merged coding resized since": Refusal("merge", _their_resize, ConflictError, "changed since"),
    "metadata: a copied value changed since": Refusal(
        "metadata", _their_value, ConflictError, r"the Date of case 'P07' was changed since \(now '2020-01-01'\)"),
    "accept agreed: a decision taken back since": Refusal(
        "accept agreed", _their_reopen, NotFoundError, "no consensus decision"),
}


@pytest.mark.parametrize("label", list(REFUSALS))
def test_undo_over_another_windows_edit_is_refused_and_writes_nothing(label: str, make: Callable[[str], Scenario]) -> None:
    refusal = REFUSALS[label]
    case = make(refusal.name)
    run(case.project, case.edit.do)
    with case.project.session() as session:
        refusal.their_edit(case, session)
    before = snapshot(case.project)
    with pytest.raises(refusal.error, match=refusal.message):
        run(case.project, case.edit.undo)
    assert snapshot(case.project) == before


def test_a_merge_redone_over_another_windows_edit_is_refused(make: Callable[[str], Scenario]) -> None:
    case = make("merge")
    run(case.project, case.edit.do)
    run(case.project, case.edit.undo)
    with case.project.session() as session:  # Lin's note, as it was before the merge, edited in the project
        session.scalars(select(Memo).where(Memo.title == "Lin's note")).one().text = "the lead's reading"
    before = snapshot(case.project)
    with pytest.raises(ConflictError, match="changed since"):
        run(case.project, case.edit.redo)
    assert snapshot(case.project) == before


def test_a_conflicting_metadata_copy_is_refused_naming_the_conflict(make: Callable[[str], Scenario]) -> None:
    case = make("metadata")
    with case.project.session() as session:
        cases.set_attribute_value(session, "Director A", "访谈方式", "电话", actor="Ben")
    before = snapshot(case.project)
    with pytest.raises(ConflictError, match="case Director A, 访谈方式: the case has '电话', A01 says '面对面'"):
        run(case.project, case.edit.do)
    assert snapshot(case.project) == before
