"""Every undoable edit of coding/edits without Qt, on a real project file: do, look, undo, look, redo, look;
then the refusals (another window changed what the step would put back) and the change records' counts.

"Look" reads the whole project by uuid and name (ids may change when undo puts a row back), so an undo must
bring back exactly what was there and a redo exactly what the edit made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from coding import cases, codebook, codings, edits, groups, memos, quick_slots
from coding.agreement.consensus import DEFAULT_CONSENSUS, decide
from coding.agreement.disagreements import Disagreement, list_disagreements
from coding.analysis.matrix import set_cell_summary
from coding.analysis.search import Hit
from coding.changes import Changes, CodingCount, TouchedCoding
from coding.edits import Edit
from coding.errors import ConcordError, ConflictError, ValidationError
from coding.memos import MemoState
from coding.project import Project
from coding.team import assignments
from models import (
    Assignment,
    Attribute,
    AttributeValue,
    Case,
    Code,
    Coder,
    Coding,
    ConsensusDecision,
    Document,
    DocumentGroup,
    DocumentGroupMember,
    MatrixCellSummary,
    Memo,
)
from tests.core.refusals import snapshot
from tests.core.test_agreement_units import CHILD_1, CHILD_2, Builder, add_document, sentence

ME, THEM = "A", "B"
OTHER_CODE = "Accountability/Government regulations"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents coded by A and B (one passage where their bounds differ), a case with an attribute, a
    group, a memo and a matrix summary on a code outside the merged subtree."""
    path = tmp_path_factory.mktemp("template") / "edits.concord"
    with Project.create(path) as created:
        with created.session() as session:
            add_document(session, "doc1")
            add_document(session, "doc2")
        build = Builder(created)
        for coder, start, end in ((ME, *sentence(0)), (THEM, *sentence(0)), (ME, 21, 62), (THEM, 42, 62),
                                  (ME, *sentence(4))):
            build.code(coder, "doc1", CHILD_1, start, end)
        build.code(ME, "doc1", CHILD_2, *sentence(7))
        build.code(THEM, "doc2", CHILD_1, *sentence(1))
        with created.session() as session:
            cases.add_case(session, "P01", actor="fixture")
            cases.attach_document(session, "P01", "doc1", actor="fixture")
            cases.set_attribute_value(session, "P01", "role", "official", actor="fixture")
            groups.add_group(session, "G1", actor="fixture")
            groups.add_to_group(session, "G1", ["doc1"], actor="fixture")
            accountability = codebook.find_code(session, "Accountability").uuid
            memos.add_memo(session, "code", target_uuid=accountability, title="On it", text="A note.", actor="fixture")
            case_uuid = cases.find_case(session, "P01").uuid
            set_cell_summary(session, accountability, f"case:{case_uuid}", "my summary", actor="fixture")
    return path


@dataclass(frozen=True)
class World:
    me: int  # coder A's id
    doc1: int
    uuids: dict[str, str]  # "doc1", "doc2", "case", "memo", "group", code paths and coding names -> uuid

    def code(self, path: str) -> str:
        return self.uuids[path]


@pytest.fixture
def world(project: Project) -> World:
    project.actor = ME
    with project.session() as session:
        uuids = {path: codebook.find_code(session, path).uuid
                 for path in (CHILD_1, CHILD_2, OTHER_CODE, "Decision rights", "Residual claims", "Accountability",
                              "Social functions/Institutional environments")}
        uuids.update({name: uuid for name, uuid in session.execute(select(Document.name, Document.uuid))})
        uuids["case"] = cases.find_case(session, "P01").uuid
        uuids["memo"] = session.scalars(select(Memo.uuid)).one()
        uuids["group"] = groups.find_group(session, "G1").uuid
        mine = session.scalars(select(Coding.uuid).join(Coder).where(Coder.name == ME).order_by(Coding.id)).all()
        uuids.update({f"mine{number}": uuid for number, uuid in enumerate(mine)})
        theirs = session.scalars(select(Coding.uuid).join(Coder).where(Coder.name == THEM).order_by(Coding.id)).all()
        uuids.update({f"theirs{number}": uuid for number, uuid in enumerate(theirs)})
        me = session.scalars(select(Coder.id).where(Coder.name == ME)).one()
        doc1 = session.scalars(select(Document.id).where(Document.name == "doc1")).one()
    return World(me, doc1, uuids)


@pytest.fixture
def theirs(project: Project) -> Iterator[Project]:
    """A second window on the same file, coder B's."""
    assert project.path is not None
    other = Project.open(project.path)
    other.actor = THEM
    yield other
    other.close()


# -- looking at the whole project by uuid and name ---------------------------------------------------
def look(project: Project) -> dict[str, Any]:
    with project.session() as session:
        return {
            "codes": _codes(session), "codings": _codings(session), "slots": quick_slots.slots_in_force(session),
            "documents": _documents(session), "values": _values(session), "groups": _groups(session),
            "cases": _rows(session, select(Case.uuid, Case.name, Case.description)),
            "attributes": _rows(session, select(Attribute.uuid, Attribute.name, Attribute.value_type,
                                                Attribute.position)),
            "memos": _rows(session, select(Memo.uuid, Memo.target_kind, Memo.target_uuid, Memo.title, Memo.text)),
            "matrix": _rows(session, select(MatrixCellSummary.code_uuid, MatrixCellSummary.column_key,
                                            MatrixCellSummary.text)),
            "assignments": _rows(session, select(Assignment.uuid, Assignment.coder_id, Document.uuid,
                                                 Assignment.status).join(Document)),
            "decisions": _rows(session, select(ConsensusDecision.decision, ConsensusDecision.start,
                                               ConsensusDecision.end)),
        }


def _rows(session: Session, query: Select[Any]) -> list[tuple[Any, ...]]:
    return sorted((tuple(row) for row in session.execute(query)), key=repr)


def _codes(session: Session) -> list[tuple[Any, ...]]:
    parent = aliased(Code)
    query = select(Code.uuid, Code.name, parent.uuid, Code.position, Code.colour, Code.shortcut).outerjoin(
        parent, parent.id == Code.parent_id)
    return _rows(session, query)


def _codings(session: Session) -> list[tuple[Any, ...]]:
    """A person's codings by uuid; the consensus coder's by place only (a redone decision writes new ones)."""
    query = select(Coding.uuid, Coder.name, Coder.is_consensus, Code.uuid, Document.uuid, Coding.start, Coding.end,
                   Coding.memo).join(Coder, Coder.id == Coding.coder_id).join(Code).join(Document)
    return sorted((((None if consensus else uuid), coder, *rest)
                   for uuid, coder, consensus, *rest in session.execute(query)), key=repr)


def _documents(session: Session) -> list[tuple[Any, ...]]:
    return _rows(session, select(Document.uuid, Document.name, Case.uuid, Case.name).outerjoin(Case))


def _values(session: Session) -> list[tuple[Any, ...]]:
    query = select(Case.name, Attribute.uuid, Attribute.name, AttributeValue.value).join(
        AttributeValue, AttributeValue.case_id == Case.id).join(Attribute)
    return _rows(session, query)


def _groups(session: Session) -> list[tuple[Any, ...]]:
    query = select(DocumentGroup.uuid, DocumentGroup.name, Document.uuid).outerjoin(
        DocumentGroupMember, DocumentGroupMember.group_id == DocumentGroup.id).outerjoin(Document)
    return _rows(session, query)


def run(project: Project, step: Callable[[Session, str], Changes]) -> Changes:
    with project.session() as session:
        return step(session, project.actor)


# -- every edit: do, undo, redo, undo ----------------------------------------------------------------
def _disagreement(project: Project) -> Disagreement:
    with project.session() as session:
        return next(item for item in list_disagreements(session, [ME, THEM]) if (item.start, item.end) == (21, 62))


def _reopen(project: Project, world: World) -> Edit:
    item = _disagreement(project)
    with project.session() as session:
        decide(session, item, "take_b", decided_by=ME, rationale="B saw it whole", actor=ME)
    return edits.ReopenDecisionEdit(_disagreement(project), DEFAULT_CONSENSUS)


def _hits(world: World) -> list[Hit]:
    return [Hit(world.doc1, "doc1", "en", "P01", start, end, "", "", "", "R")
            for start, end in (sentence(5), sentence(6))]


def _assign(names: list[str]) -> Callable[[Project, World], Edit]:
    return lambda p, w: edits.AssignmentsEdit(names, [w.uuids["doc1"], w.uuids["doc2"]], assignments.assign)


Maker = Callable[[Project, World], Edit]
EDITS: dict[str, Maker] = {
    "apply code": lambda p, w: edits.ApplyCodeEdit(document_id=w.doc1, coder_id=w.me, code_uuid=w.code(CHILD_2),
                                                   start=sentence(5)[0] + 2, end=sentence(5)[1] - 2, snap="word"),
    "remove codings": lambda p, w: edits.RemoveCodingsEdit([w.uuids["mine0"], w.uuids["mine2"]]),
    "resize": lambda p, w: edits.ResizeCodingEdit(w.uuids["mine2"], sentence(4)[0], sentence(5)[1]),
    "coding memo": lambda p, w: edits.SetCodingMemoEdit(w.uuids["mine2"], "why I coded it"),
    "recode": lambda p, w: edits.RecodeCodingEdit(w.uuids["mine2"], w.code(OTHER_CODE)),
    "in vivo": lambda p, w: edits.InVivoEdit(document_id=w.doc1, coder_id=w.me, name="sentence 05",
                                             parent_uuid=w.code("Decision rights"), start=sentence(5)[0],
                                             end=sentence(5)[1], snap=None),
    "code all hits": lambda p, w: edits.CodeHitsEdit(_hits(w), w.code(CHILD_2), w.me),
    "add code": lambda p, w: edits.AddCodeEdit("Trust", w.code("Accountability"), colour="#123456"),
    "update code": lambda p, w: edits.UpdateCodeEdit(w.code(CHILD_2), name="Owner roles", shortcut="Ctrl+Alt+O"),
    "move code": lambda p, w: edits.MoveCodeEdit(w.code(CHILD_2), w.code("Residual claims"), 0),
    "delete code": lambda p, w: edits.DeleteCodeEdit(w.code("Social functions/Institutional environments")),
    "merge codes": lambda p, w: edits.MergeCodesEdit(w.code(CHILD_2), w.code(CHILD_1)),
    "merge a subtree": lambda p, w: edits.MergeCodesEdit(w.code("Decision rights"), w.code("Residual claims")),
    "quick slot": lambda p, w: edits.SetQuickSlotEdit(w.code("Residual claims"), 1),
    "add case": lambda p, w: edits.AddCaseEdit("P02", "the second participant"),
    "add attribute": lambda p, w: edits.AddAttributeEdit("gender"),
    "attribute value": lambda p, w: edits.SetAttributeValueEdit("P01", "role", "doctor"),
    "attach documents": lambda p, w: edits.AttachDocumentsEdit("P01", ["doc2"], ["doc1"]),
    "group members in": lambda p, w: edits.GroupMembersEdit("G1", [w.uuids["doc2"]], add=True),
    "group members out": lambda p, w: edits.GroupMembersEdit("G1", [w.uuids["doc1"]], add=False),
    "new group": lambda p, w: edits.NewGroupEdit("G2", [w.uuids["doc2"]], "the second"),
    "rename document": lambda p, w: edits.RenameEdit("document", w.uuids["doc2"], "doc2", "doc two"),
    "rename case": lambda p, w: edits.RenameEdit("case", w.uuids["case"], "P01", "P-one"),
    "delete documents": lambda p, w: edits.DeleteDocumentsEdit([w.uuids["doc2"]]),
    "delete case": lambda p, w: edits.DeleteCaseOrAttributeEdit("case", w.uuids["case"]),
    "add memo": lambda p, w: edits.AddMemoEdit("document", w.uuids["doc1"], MemoState(" Title ", "text"), w.me),
    "edit memo": lambda p, w: edits.EditMemoEdit(w.uuids["memo"], MemoState("On it", "A note."),
                                                 MemoState("On it", "A longer note.")),
    "delete memo": lambda p, w: edits.DeleteMemoEdit(w.uuids["memo"], MemoState("On it", "A note.")),
    "matrix summary": lambda p, w: edits.SetCellSummaryEdit(w.code("Accountability"), f"case:{w.uuids['case']}",
                                                            "a better summary"),
    "assign": _assign([ME, THEM]),
    "mark done": lambda p, w: edits.AssignmentsEdit([ME], [w.uuids["doc1"]], assignments.mark_done),
    "decide": lambda p, w: edits.DecideEdit(_disagreement(p), "take_a", spans=None, rationale="A is right",
                                            consensus=DEFAULT_CONSENSUS, decided_by=ME),
    "decide with edited bounds": lambda p, w: edits.DecideEdit(
        _disagreement(p), "edit", spans=[(30, 62)], rationale="", consensus=DEFAULT_CONSENSUS, decided_by=ME),
    "reopen a decision": _reopen,
}


@pytest.mark.parametrize("name", list(EDITS))
def test_do_undo_redo_undo(name: str, project: Project, world: World) -> None:
    edit = EDITS[name](project, world)
    before = look(project)
    changes = run(project, edit.do)
    after = look(project)
    assert after != before and changes.any()
    assert run(project, edit.undo).any()
    assert look(project) == before
    assert run(project, edit.redo).any()
    assert look(project) == after
    run(project, edit.undo)
    assert look(project) == before


def test_a_compound_edit_does_its_children_in_order_and_undoes_them_in_reverse(project: Project, world: World) -> None:
    add = edits.AddCodeEdit("Trust", None)
    before = look(project)
    compound = edits.CompoundEdit([add, edits.AddCodeEdit("Trust again", None)])
    assert run(project, compound.do) == Changes(codes=True)
    names = [row[1] for row in look(project)["codes"] if row[2] is None]
    assert {"Trust", "Trust again"} <= set(names)
    run(project, compound.undo)
    assert look(project) == before


def test_a_refused_child_writes_nothing_of_the_whole_step(project: Project, world: World) -> None:
    remove = edits.RemoveCodingsEdit([world.uuids["mine0"], "no-such-coding"])
    before = snapshot(project)
    with pytest.raises(ConcordError, match="unknown coding"):
        run(project, remove.do)
    assert snapshot(project) == before


def test_adding_an_attribute_that_exists_leaves_it_and_its_undo_does_nothing(project: Project) -> None:
    before = snapshot(project)
    edit = edits.AddAttributeEdit("Role")
    run(project, edit.do)
    run(project, edit.undo)
    run(project, edit.redo)
    assert not edit.created and snapshot(project) == before  # not even an audit event


def test_coding_all_hits_twice_finds_nothing_to_do(project: Project, world: World) -> None:
    first = edits.CodeHitsEdit(_hits(world), world.code(CHILD_2), world.me)
    run(project, first.do)
    assert (len(first.created), first.skipped) == (2, 0)
    with pytest.raises(ValidationError, match="nothing to do"):
        run(project, edits.CodeHitsEdit(_hits(world), world.code(CHILD_2), world.me).do)


# -- refusals: undo and redo never overwrite another window's edit -----------------------------------
@dataclass(frozen=True)
class Refusal:
    make: Maker
    their_edit: Callable[[Session, World], Any]
    message: str
    verb: str = "undo"  # the step that is refused: "undo", or "redo" (after an undo)


def _their_memo(coding: str, memo: str = "theirs") -> Callable[[Session, World], Any]:
    return lambda s, w: codings.set_coding_memo(s, w.uuids[coding], memo, actor=THEM)


def _their_code_edit(path: str, **fields: Any) -> Callable[[Session, World], Any]:
    return lambda s, w: codebook.update_code(s, codebook.find_code(s, path).id, actor=THEM, **fields)


REFUSALS: dict[str, Refusal] = {
    "apply code": Refusal(EDITS["apply code"], lambda s, w: codings.set_coding_memo(
        s, s.scalars(select(Coding.uuid).order_by(Coding.id.desc())).first(), "theirs", actor=THEM),
        r"the memo was changed since \(now 'theirs'\)"),
    "remove codings (redo)": Refusal(EDITS["remove codings"], _their_memo("mine2"),
                                     r"the memo was changed since \(now 'theirs'\)", "redo"),
    "resize": Refusal(EDITS["resize"], lambda s, w: codings.resize_coding(s, w.uuids["mine2"], 84, 100, actor=THEM),
                      r"the coding was resized since \(now 84–100: 'This is sentence"),
    "coding memo": Refusal(EDITS["coding memo"], _their_memo("mine2"), r"the memo was changed since \(now 'theirs'\)"),
    "coding memo (redo)": Refusal(EDITS["coding memo"], _their_memo("mine2"),
                                  r"the memo was changed since \(now 'theirs'\)", "redo"),
    "recode": Refusal(EDITS["recode"], lambda s, w: codings.change_coding_code(
        s, w.uuids["mine2"], codebook.find_code(s, "Residual claims").id, actor=THEM),
        r"the coding was recoded since \(now 'Residual claims'\)"),
    "in vivo": Refusal(EDITS["in vivo"], lambda s, w: codings.resize_coding(
        s, s.scalars(select(Coding.uuid).order_by(Coding.id.desc())).first(), 105, 115, actor=THEM),
        "the coding was resized since"),
    "update code": Refusal(EDITS["update code"], _their_code_edit("Decision rights/Owner roles", name="Owner powers"),
                           r"code 'Owner roles' was renamed since \(now 'Owner powers'\)"),
    "move code": Refusal(EDITS["move code"], lambda s, w: codebook.move_code(
        s, codebook.find_code(s, "Residual claims/Owner functions").id, None, actor=THEM),
        "code 'Owner functions' was moved since"),
    "merge codes": Refusal(EDITS["merge codes"], lambda s, w: codings.change_coding_code(
        s, w.uuids["mine3"], codebook.find_code(s, OTHER_CODE).id, actor=THEM),
        r"the coding was recoded since \(now 'Government regulations'\)"),
    "quick slot": Refusal(EDITS["quick slot"], lambda s, w: quick_slots.set_slot(
        s, w.code(CHILD_1), 2, actor=THEM), "the quick-slot keys were changed elsewhere"),
    "attribute value": Refusal(EDITS["attribute value"], lambda s, w: cases.set_attribute_value(
        s, "P01", "role", "nurse", actor=THEM), r"the role of case 'P01' was changed since \(now 'nurse'\)"),
    "attach documents": Refusal(EDITS["attach documents"], lambda s, w: cases.detach_document(
        s, "P01", "doc2", actor=THEM), r"document 'doc2' was moved since \(now in no case\)"),
    "attach documents (redo)": Refusal(EDITS["attach documents"], lambda s, w: cases.detach_document(
        s, "P01", "doc1", actor=THEM), r"document 'doc1' was moved since \(now in no case\)", "redo"),
    "add case": Refusal(EDITS["add case"], lambda s, w: cases.attach_document(s, "P02", "doc2", actor=THEM),
                        "case 'P02' has 1 document since it was added: delete it instead"),
    "add attribute": Refusal(EDITS["add attribute"], lambda s, w: cases.set_attribute_value(
        s, "P01", "gender", "f", actor=THEM), "attribute 'gender' has 1 value since it was added: delete it instead"),
    "rename case": Refusal(EDITS["rename case"], lambda s, w: cases.rename_case(s, "P-one", "P-uno", actor=THEM),
                           r"the case 'P-one' was renamed since \(now 'P-uno'\)"),
    "add memo": Refusal(EDITS["add memo"], lambda s, w: memos.edit_memo(
        s, s.scalars(select(Memo.uuid).where(Memo.target_kind == "document")).one(), title="Title", text="theirs",
        actor=THEM), "the memo was changed since"),
    "edit memo": Refusal(EDITS["edit memo"], lambda s, w: memos.edit_memo(
        s, w.uuids["memo"], title="On it", text="theirs", actor=THEM), "the memo was changed since"),
    "matrix summary": Refusal(EDITS["matrix summary"], lambda s, w: set_cell_summary(
        s, w.code("Accountability"), f"case:{w.uuids['case']}", "their summary", actor=THEM),
        r"the summary was changed since \(now 'their summary'\)"),
    "assign": Refusal(EDITS["assign"], lambda s, w: assignments.mark_done(s, THEM, ["doc2"], actor=THEM),
                      r"were changed since \(by another window or program\)"),
}


@pytest.mark.parametrize("name", list(REFUSALS))
def test_a_step_over_another_windows_edit_is_refused_and_writes_nothing(
    name: str, project: Project, theirs: Project, world: World
) -> None:
    case = REFUSALS[name]
    edit = case.make(project, world)
    run(project, edit.do)
    if case.verb == "redo":
        run(project, edit.undo)
    with theirs.session() as session:
        case.their_edit(session, world)
    before = snapshot(project)
    with pytest.raises(ConflictError, match=case.message):
        run(project, edit.redo if case.verb == "redo" else edit.undo)
    assert snapshot(project) == before  # their edit stands, and not even an audit event was written


def test_while_nobody_else_wrote_the_same_steps_go_through(project: Project, theirs: Project, world: World) -> None:
    """The refusals above are not refusing everything: the guarded steps pass when only I wrote."""
    for name in REFUSALS:
        edit = REFUSALS[name].make(project, world)
        run(project, edit.do)
        run(project, edit.undo)
        run(project, edit.redo)
        run(project, edit.undo)


# -- change records: the coding counts that moved ----------------------------------------------------
def _count(world: World, code: str, delta: int, session: Session) -> CodingCount:
    return CodingCount(world.doc1, codebook.find_code(session, code).id, world.me, delta)


def test_apply_remove_and_restore_say_which_count_moved(project: Project, world: World) -> None:
    apply = EDITS["apply code"](project, world)
    with project.session() as session:
        up, down = _count(world, CHILD_2, +1, session), _count(world, CHILD_2, -1, session)
    assert run(project, apply.do) == Changes(codings=True, coding_counts=(up,))
    assert run(project, apply.undo) == Changes(codings=True, coding_counts=(down,))
    assert run(project, apply.redo) == Changes(codings=True, coding_counts=(up,))

    remove = edits.RemoveCodingsEdit([world.uuids["mine0"], world.uuids["mine3"]])
    with project.session() as session:
        went = (_count(world, CHILD_1, -1, session), _count(world, CHILD_2, -1, session))
    assert run(project, remove.do) == Changes(codings=True, coding_counts=went)
    came = tuple(CodingCount(c.document_id, c.code_id, c.coder_id, +1) for c in reversed(went))
    assert run(project, remove.undo) == Changes(codings=True, coding_counts=came)


def test_recode_moves_one_count_and_resize_or_memo_none(project: Project, world: World) -> None:
    recode = edits.RecodeCodingEdit(world.uuids["mine2"], world.code(OTHER_CODE))
    with project.session() as session:
        old_down, new_up = _count(world, CHILD_1, -1, session), _count(world, OTHER_CODE, +1, session)
        new_down, old_up = _count(world, OTHER_CODE, -1, session), _count(world, CHILD_1, +1, session)
    assert run(project, recode.do).coding_counts == (old_down, new_up)
    assert run(project, recode.undo).coding_counts == (new_down, old_up)
    resized = run(project, edits.ResizeCodingEdit(world.uuids["mine2"], 84, 100).do)
    memo = run(project, edits.SetCodingMemoEdit(world.uuids["mine2"], "why").do)
    assert resized == memo == Changes(codings=True, coding_counts=())


def test_bulk_edits_say_recount(project: Project, world: World) -> None:
    hits = edits.CodeHitsEdit(_hits(world), world.code(CHILD_2), world.me)
    assert run(project, hits.do) == Changes(codings=True)
    assert run(project, EDITS["merge codes"](project, world).do).coding_counts is None


# -- change records themselves ----------------------------------------------------------------------
UP = CodingCount(1, 2, 3, +1)
DOWN = CodingCount(1, 4, 3, -1)


@pytest.mark.parametrize(("left", "right", "joined"), [
    (Changes(codings=True, coding_counts=(UP,)), Changes(codings=True, coding_counts=(DOWN,)),
     Changes(codings=True, coding_counts=(UP, DOWN))),
    (Changes(codings=True, coding_counts=(UP,)), Changes(codings=True), Changes(codings=True)),
    (Changes(codings=True), Changes(codings=True, coding_counts=()), Changes(codings=True)),
    (Changes(codings=True, coding_counts=(UP,)), Changes(codes=True), Changes(codes=True, codings=True,
                                                                              coding_counts=(UP,))),
    (Changes(codings=True, coding_counts=()), Changes(), Changes(codings=True, coding_counts=())),
    (Changes(memos=True), Changes(cases=True), Changes(memos=True, cases=True)),
])
def test_joining_records_keeps_counts_only_when_both_sides_know_them(
    left: Changes, right: Changes, joined: Changes
) -> None:
    assert left | right == joined
    assert Changes.join([left, right]) == joined


@pytest.mark.parametrize("changes", [
    Changes(), Changes(codes=True, memos=True), Changes(codings=True), Changes(codings=True, coding_counts=()),
    Changes(codings=True, consensus=True, coding_counts=(UP, DOWN)),
])
def test_records_round_trip_through_json(changes: Changes) -> None:
    text = changes.to_json()
    assert Changes.from_json(text) == changes
    assert len(text) < 200


@pytest.mark.parametrize(("text", "message"), [
    ("not json", "not a change record"),
    ('{"changed": ["codings", "everything"]}', "unknown kind"),
    ('{"changed": "codings"}', "no list of what changed"),
    ('{"changed": ["codings"], "coding_counts": [[1, 2, 3]]}', "document, code, coder, delta"),
    ('{"changed": ["codings"], "coding_counts": [[1, 2, 3, true]]}', "document, code, coder, delta"),
])
def test_a_damaged_record_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Changes.from_json(text)


def test_without_counts_means_recount() -> None:
    assert Changes(codings=True, coding_counts=(UP,)).without_counts() == Changes(codings=True)


# -- change records: the codings an edit touched (so the open transcript re-reads only those) ------------
def _touched(world: World, *names: str) -> tuple[TouchedCoding, ...]:
    return tuple(TouchedCoding(world.doc1, world.uuids[name]) for name in names)


def test_coding_edits_name_the_codings_they_touched(project: Project, world: World) -> None:
    apply = EDITS["apply code"](project, world)
    done = run(project, apply.do)
    assert isinstance(apply, edits.ApplyCodeEdit) and apply.coding_uuid is not None
    made = (TouchedCoding(world.doc1, apply.coding_uuid),)
    assert done.touched_codings == made
    assert run(project, apply.undo).touched_codings == made
    assert run(project, apply.redo).touched_codings == made

    remove = edits.RemoveCodingsEdit([world.uuids["mine0"], world.uuids["mine3"]])
    assert run(project, remove.do).touched_codings == _touched(world, "mine0", "mine3")
    assert set(run(project, remove.undo).touched_codings or ()) == set(_touched(world, "mine0", "mine3"))

    recode = edits.RecodeCodingEdit(world.uuids["mine2"], world.code(OTHER_CODE))
    assert run(project, recode.do).touched_codings == _touched(world, "mine2")
    assert run(project, edits.ResizeCodingEdit(world.uuids["mine2"], 84, 100).do).touched_codings == _touched(
        world, "mine2")
    assert run(project, edits.SetCodingMemoEdit(world.uuids["mine2"], "why").do).touched_codings == _touched(
        world, "mine2")


def test_bulk_edits_do_not_say_which_codings(project: Project, world: World) -> None:
    hits = edits.CodeHitsEdit(_hits(world), world.code(CHILD_2), world.me)
    assert run(project, hits.do).touched_codings is None
    assert run(project, EDITS["merge codes"](project, world).do).touched_codings is None


A = TouchedCoding(1, "a")
B = TouchedCoding(2, "b")


@pytest.mark.parametrize(("left", "right", "touched"), [
    (Changes(codings=True, touched_codings=(A,)), Changes(codings=True, touched_codings=(B,)), (A, B)),
    (Changes(codings=True, touched_codings=(A,)), Changes(codings=True), None),
    (Changes(codings=True), Changes(codings=True, touched_codings=(B,)), None),
    (Changes(codings=True, touched_codings=(A,)), Changes(codes=True), (A,)),
    (Changes(memos=True), Changes(cases=True), None),
])
def test_joining_records_keeps_touched_codings_only_when_every_side_names_them(
    left: Changes, right: Changes, touched: tuple[TouchedCoding, ...] | None
) -> None:
    assert (left | right).touched_codings == touched
    assert Changes.join([left, right]).touched_codings == touched


def test_touched_in_a_document() -> None:
    record = Changes(codings=True, touched_codings=(A, B, TouchedCoding(1, "c")))
    assert record.touched_in(1) == {"a", "c"}
    assert record.touched_in(3) == frozenset()
    assert Changes(codings=True).touched_in(1) is None  # no detail: reload
    assert Changes(memos=True).touched_in(1) == frozenset()  # no coding changed


def test_touched_codings_round_trip_through_json_and_drop_with_the_counts() -> None:
    record = Changes(codings=True, coding_counts=(UP,), touched_codings=(A, B))
    back = Changes.from_json(record.to_json())
    assert back == record and back.touched_codings == (A, B)
    assert Changes.from_json(Changes(codings=True).to_json()).touched_codings is None
    assert record.without_counts().touched_codings is None


@pytest.mark.parametrize("text", [
    '{"changed": ["codings"], "touched_codings": [[1]]}',
    '{"changed": ["codings"], "touched_codings": [["1", "a"]]}',
    '{"changed": ["codings"], "touched_codings": [[true, "a"]]}',
    '{"changed": ["codings"], "touched_codings": {"1": "a"}}',
])
def test_a_damaged_touched_list_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="document, uuid"):
        Changes.from_json(text)
