"""Each undo command on its own: do, check the file, undo, check, redo, check (after Orange's command tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.commands import (
    AddCodeCommand,
    ApplyCodeCommand,
    AttachDocumentsCommand,
    DeleteCodeCommand,
    InVivoCommand,
    MergeCodesCommand,
    MoveCodeCommand,
    RemoveCodingsCommand,
    ResizeCodingCommand,
    SetAttributeValueCommand,
    SetCodingMemoCommand,
    UpdateCodeCommand,
)
from app.workbench import Workbench
from coding.changes import Changes, CodingCount
from coding.project import Project
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import code_id, rows


@pytest.fixture
def bench(qapp, sample: Sample, messages: list[str]) -> Iterator[Workbench]:  # type: ignore[no-untyped-def]
    project = Project.open(sample.path)
    workbench = Workbench(project, sample.alice_id, "Alice")
    yield workbench
    workbench.close()


def _uuid(path, name: str) -> str:  # type: ignore[no-untyped-def]
    return rows(path, "SELECT uuid FROM codes WHERE name = ?", name)[0][0]


def _codings(path, coder_id: int) -> list[tuple]:  # type: ignore[no-untyped-def]
    return rows(path, "SELECT code_id, start, end, memo FROM codings WHERE coder_id = ? ORDER BY start", coder_id)


def test_apply_undo_redo_keeps_the_same_coding(bench: Workbench, sample: Sample) -> None:
    emitted: list[Changes] = []
    bench.changes_applied.connect(lambda changes, _initiator: emitted.append(changes))
    start = EN_TEXT.index("every district")
    command = ApplyCodeCommand(
        bench, document_id=sample.en_id, code_uuid=_uuid(sample.path, "Owner functions"), code_name="Owner functions",
        start=start + 2, end=start + 12, snap="word",
    )
    assert bench.execute(command)
    assert command.text() == "Apply 'Owner functions'"
    owner = code_id(sample.path, "Owner functions")
    snapped = (start, start + len("every district"))
    assert _codings(sample.path, sample.alice_id) == [(owner, *snapped, "")]
    first_uuid = rows(sample.path, "SELECT uuid FROM codings WHERE coder_id = ?", sample.alice_id)[0][0]
    bench.undo_stack.undo()
    assert _codings(sample.path, sample.alice_id) == []
    bench.undo_stack.redo()
    assert rows(sample.path, "SELECT uuid, start, end FROM codings WHERE coder_id = ?", sample.alice_id) == [
        (first_uuid, *snapped)
    ]
    # Each step says which count moved, so the views update counts without recounting (issue 13).
    appeared = CodingCount(sample.en_id, owner, sample.alice_id, +1)
    went = CodingCount(sample.en_id, owner, sample.alice_id, -1)
    assert emitted == [Changes(codings=True, coding_counts=(count,)) for count in (appeared, went, appeared)]


def test_refused_apply_changes_nothing_and_is_not_an_undo_step(
    bench: Workbench, sample: Sample, messages: list[str]
) -> None:
    blank = EN_TEXT.index("\n\n")
    command = ApplyCodeCommand(
        bench, document_id=sample.en_id, code_uuid=_uuid(sample.path, "Owner functions"), code_name="Owner functions",
        start=blank, end=blank + 2, snap=None,
    )
    assert not bench.execute(command)
    assert messages and "nothing to code" in messages[0]
    assert bench.undo_stack.count() == 0
    assert _codings(sample.path, sample.alice_id) == []


def test_remove_resize_memo_round_trip(bench: Workbench, sample: Sample) -> None:
    bob_coding = rows(sample.path, "SELECT uuid, code_id, start, end, memo FROM codings WHERE coder_id = ?",
                      sample.bob_id)[0]
    uuid, _code, start, end, _memo = bob_coding
    bench.execute(ResizeCodingCommand(bench, uuid, start, end + 10, "Organizational changes"))
    assert rows(sample.path, "SELECT end FROM codings WHERE uuid = ?", uuid) == [(end + 10,)]
    bench.execute(SetCodingMemoCommand(bench, uuid, "new memo", "Organizational changes"))
    assert rows(sample.path, "SELECT memo FROM codings WHERE uuid = ?", uuid) == [("new memo",)]
    bench.execute(RemoveCodingsCommand(bench, [uuid], "Remove coding"))
    assert rows(sample.path, "SELECT count(*) FROM codings WHERE uuid = ?", uuid) == [(0,)]
    for _ in range(3):
        bench.undo_stack.undo()
    assert rows(sample.path, "SELECT uuid, code_id, start, end, memo FROM codings WHERE uuid = ?", uuid) == [
        bob_coding
    ]


def test_each_step_announces_what_its_edit_returned_and_a_refusal_reloads(
    bench: Workbench, sample: Sample, other_window: Project, messages: list[str]
) -> None:
    """The command adds nothing of its own: resize says no count moved; a refused undo asks every view to reload."""
    from app.commands import REFUSED_RELOAD
    from coding.codings import set_coding_memo

    heard: list[tuple[Changes, object]] = []
    bench.changes_applied.connect(lambda changes, initiator: heard.append((changes, initiator)))
    uuid, start, end = _bob_coding(sample)
    assert bench.execute(ResizeCodingCommand(bench, uuid, start, end + 10, "Organizational changes"))
    assert bench.execute(SetCodingMemoCommand(bench, uuid, "mine", "Organizational changes"))
    bench.undo_stack.undo()
    bench.undo_stack.redo()
    with other_window.session() as session:
        set_coding_memo(session, uuid, "theirs", actor="Bob")
    bench.undo_stack.undo()
    reshaped = Changes(codings=True, coding_counts=())
    assert heard == [(reshaped, None)] * 4 + [(REFUSED_RELOAD, None)]
    assert REFUSED_RELOAD.coding_counts is None and len(messages) == 1


def test_in_vivo_adds_code_and_coding_and_undo_removes_both(bench: Workbench, sample: Sample) -> None:
    start = EN_TEXT.index("one set of books")
    parent = _uuid(sample.path, "Residual claims")
    command = InVivoCommand(
        bench, document_id=sample.en_id, name="one set of books", parent_uuid=parent, start=start,
        end=start + len("one set of books"), snap="word",
    )
    assert bench.execute(command)
    new_id = code_id(sample.path, "one set of books")
    assert rows(sample.path, "SELECT parent_id FROM codes WHERE id = ?", new_id) == [
        (code_id(sample.path, "Residual claims"),)
    ]
    assert _codings(sample.path, sample.alice_id) == [(new_id, start, start + 16, "")]
    bench.undo_stack.undo()
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE name = 'one set of books'") == [(0,)]
    assert _codings(sample.path, sample.alice_id) == []
    bench.undo_stack.redo()
    assert rows(sample.path, "SELECT uuid FROM codes WHERE name = 'one set of books'") == [(command.code_uuid,)]


def test_codebook_edits_undo(bench: Workbench, sample: Sample) -> None:
    before = rows(sample.path, "SELECT uuid, parent_id, position, name, colour, shortcut FROM codes ORDER BY id")
    bench.execute(AddCodeCommand(bench, "Trust", None))
    trust = _uuid(sample.path, "Trust")
    bench.execute(UpdateCodeCommand(bench, trust, "Rename", name="Trust in managers"))
    bench.execute(UpdateCodeCommand(bench, trust, "Colour", colour="#123456", shortcut="Ctrl+Alt+T"))
    bench.execute(MoveCodeCommand(bench, trust, "Trust", _uuid(sample.path, "Accountability"), 0, "Accountability"))
    assert rows(sample.path, "SELECT name, colour, shortcut, position FROM codes WHERE uuid = ?", trust) == [
        ("Trust in managers", "#123456", "Ctrl+Alt+T", 0)
    ]
    bench.execute(DeleteCodeCommand(bench, trust, "Trust in managers"))
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE uuid = ?", trust) == [(0,)]
    bench.undo_stack.undo()  # delete
    assert rows(sample.path, "SELECT name, position FROM codes WHERE uuid = ?", trust) == [("Trust in managers", 0)]
    for _ in range(4):
        bench.undo_stack.undo()
    after = rows(sample.path, "SELECT uuid, parent_id, position, name, colour, shortcut FROM codes ORDER BY id")
    assert after == before


def test_merge_undo_rebuilds_the_source_subtree_and_its_codings(bench: Workbench, sample: Sample) -> None:
    snapshot = ("SELECT c.uuid, p.uuid, c.position, c.name, c.colour FROM codes c "
                "LEFT JOIN codes p ON p.id = c.parent_id")
    coding_codes = "SELECT g.uuid, c.uuid FROM codings g JOIN codes c ON c.id = g.code_id ORDER BY g.uuid"
    start = EN_TEXT.index("I head")
    bench.execute(ApplyCodeCommand(
        bench, document_id=sample.en_id, code_uuid=_uuid(sample.path, "Owner functions"), code_name="Owner functions",
        start=start, end=start + 20, snap="word",
    ))
    codes_before, codings_before = sorted(rows(sample.path, snapshot)), rows(sample.path, coding_codes)
    source, target = _uuid(sample.path, "Decision rights"), _uuid(sample.path, "Residual claims")
    assert bench.execute(MergeCodesCommand(bench, source, target, "Decision rights", "Residual claims"))
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE uuid = ?", source) == [(0,)]
    assert {p for _, p in rows(sample.path, "SELECT name, parent_id FROM codes WHERE name IN "
                                            "('Owner functions', 'Organizational changes')")} == {
        code_id(sample.path, "Residual claims")
    }
    bench.undo_stack.undo()
    assert sorted(rows(sample.path, snapshot)) == codes_before
    assert rows(sample.path, coding_codes) == codings_before


def test_case_commands_undo(bench: Workbench, sample: Sample) -> None:
    from coding import cases

    with bench.project.session() as session:
        cases.add_case(session, "P01", actor="test")
        cases.ensure_attribute(session, "role", actor="test")
    bench.execute(SetAttributeValueCommand(bench, "P01", "role", "official"))
    bench.execute(AttachDocumentsCommand(bench, "P01", ["P01 bureau"], []))
    assert rows(sample.path, "SELECT value FROM attribute_values") == [("official",)]
    assert rows(sample.path, "SELECT c.name FROM documents d JOIN cases c ON c.id = d.case_id") == [("P01",)]
    bench.undo_stack.undo()
    bench.undo_stack.undo()
    assert rows(sample.path, "SELECT value FROM attribute_values") == []
    assert rows(sample.path, "SELECT count(*) FROM documents WHERE case_id IS NOT NULL") == [(0,)]


# -- undo never overwrites another's edit (issue 9 item 4) ------------------------------------------
@pytest.fixture
def other_window(sample: Sample) -> Iterator[Project]:
    """A second window on the same project file."""
    other = Project.open(sample.path)
    other.actor = "Bob"
    yield other
    other.close()


def _bob_coding(sample: Sample) -> tuple[str, int, int]:
    uuid, start, end = rows(sample.path, "SELECT uuid, start, end FROM codings WHERE coder_id = ?", sample.bob_id)[0]
    return uuid, start, end


def _memo(sample: Sample, uuid: str) -> str:
    return rows(sample.path, "SELECT memo FROM codings WHERE uuid = ?", uuid)[0][0]


def test_undo_of_a_memo_changed_elsewhere_is_refused_and_leaves_the_stack(
    bench: Workbench, sample: Sample, other_window: Project, messages: list[str]
) -> None:
    from coding.codings import set_coding_memo

    uuid, _start, end = _bob_coding(sample)
    assert bench.execute(ResizeCodingCommand(bench, uuid, _start, end + 10, "Organizational changes"))
    assert bench.execute(SetCodingMemoCommand(bench, uuid, "my memo", "Organizational changes"))
    with other_window.session() as session:
        set_coding_memo(session, uuid, "xyz: the other window's memo, longer than a message shows", actor="Bob")

    bench.undo_stack.undo()
    assert messages == [
        "Could not undo “Memo on 'Organizational changes' coding”: the memo was changed since "
        "(now 'xyz: the other window's memo, longer th…')"
    ]
    assert _memo(sample, uuid) == "xyz: the other window's memo, longer than a message shows"
    # The refused step is gone; the stack points at the step before it, which still undoes.
    assert (bench.undo_stack.count(), bench.undo_stack.index()) == (1, 1)
    assert not bench.undo_stack.canRedo()
    assert bench.undo_stack.undoText() == "Resize 'Organizational changes' coding"
    bench.undo_stack.undo()
    assert _bob_coding(sample)[2] == end
    assert _memo(sample, uuid) == "xyz: the other window's memo, longer than a message shows"
    assert len(messages) == 1


def test_redo_over_a_value_changed_elsewhere_is_refused(
    bench: Workbench, sample: Sample, other_window: Project, messages: list[str]
) -> None:
    from coding.codings import set_coding_memo

    uuid = _bob_coding(sample)[0]
    bench.execute(SetCodingMemoCommand(bench, uuid, "my memo", "Organizational changes"))
    bench.undo_stack.undo()
    assert _memo(sample, uuid) == "Bob's view"
    with other_window.session() as session:
        set_coding_memo(session, uuid, "Bob again", actor="Bob")
    bench.undo_stack.redo()
    assert messages == [
        "Could not redo “Memo on 'Organizational changes' coding”: the memo was changed since (now 'Bob again')"
    ]
    assert _memo(sample, uuid) == "Bob again"
    assert (bench.undo_stack.count(), bench.undo_stack.index()) == (0, 0)


def test_a_refused_step_between_two_others_keeps_their_order(
    bench: Workbench, sample: Sample, other_window: Project, messages: list[str]
) -> None:
    """Undo A, B, C back to B; B is refused: A stays undoable, C redoes on top of the state B left."""
    from coding.codings import set_coding_memo

    uuid, start, end = _bob_coding(sample)
    bench.execute(ResizeCodingCommand(bench, uuid, start, end + 10, "A"))
    bench.execute(SetCodingMemoCommand(bench, uuid, "B", "B"))
    bench.execute(ResizeCodingCommand(bench, uuid, start, end + 20, "C"))
    bench.undo_stack.undo()  # C
    with other_window.session() as session:
        set_coding_memo(session, uuid, "theirs", actor="Bob")
    bench.undo_stack.undo()  # B: refused
    assert len(messages) == 1 and (bench.undo_stack.undoText(), bench.undo_stack.redoText()) == (
        "Resize 'A' coding", "Resize 'C' coding")
    bench.undo_stack.redo()  # C again
    assert _bob_coding(sample)[2] == end + 20 and _memo(sample, uuid) == "theirs"
    bench.undo_stack.undo()
    bench.undo_stack.undo()
    assert _bob_coding(sample)[2] == end and _memo(sample, uuid) == "theirs"
    assert len(messages) == 1


def _setup_case(bench: Workbench) -> str:
    from coding import cases

    with bench.project.session() as session:
        case = cases.add_case(session, "P01", actor="test")
        cases.ensure_attribute(session, "role", actor="test")
        return case.uuid


# -- my step (a command maker) ...
def _resize(bench: Workbench, sample: Sample) -> ResizeCodingCommand:
    uuid, start, end = _bob_coding(sample)
    return ResizeCodingCommand(bench, uuid, start, end + 10, "Organizational changes")


def _rename(bench: Workbench, sample: Sample) -> UpdateCodeCommand:
    return UpdateCodeCommand(bench, _uuid(sample.path, "Owner functions"), "Rename", name="Owner roles")


def _move(bench: Workbench, sample: Sample) -> MoveCodeCommand:
    return MoveCodeCommand(bench, _uuid(sample.path, "Organizational changes"), "Organizational changes",
                           _uuid(sample.path, "Residual claims"), 0, "Residual claims")


def _set_role(bench: Workbench, sample: Sample) -> SetAttributeValueCommand:
    _setup_case(bench)
    return SetAttributeValueCommand(bench, "P01", "role", "official")


def _attach(bench: Workbench, sample: Sample) -> AttachDocumentsCommand:
    _setup_case(bench)
    return AttachDocumentsCommand(bench, "P01", ["P01 bureau"], [])


def _cell(bench: Workbench, sample: Sample):  # type: ignore[no-untyped-def]
    from app.analysis.commands import SetCellSummaryCommand

    case_uuid = _setup_case(bench)
    return SetCellSummaryCommand(bench, _uuid(sample.path, "Owner functions"), f"case:{case_uuid}", "my summary",
                                 "Owner functions × P01")


def _merge(bench: Workbench, sample: Sample) -> MergeCodesCommand:
    return MergeCodesCommand(bench, _uuid(sample.path, "Decision rights"), _uuid(sample.path, "Residual claims"),
                             "Decision rights", "Residual claims")


def _apply(bench: Workbench, sample: Sample) -> ApplyCodeCommand:
    start = EN_TEXT.index("every district")
    return ApplyCodeCommand(bench, document_id=sample.en_id, code_uuid=_uuid(sample.path, "Owner functions"),
                            code_name="Owner functions", start=start, end=start + 14, snap=None)


# -- ... and the other window's edit, through the same coding/ operations
def _their_resize(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import codings

    uuid, start, _end = _bob_coding(sample)
    codings.resize_coding(session, uuid, start, start + 5, actor="Bob")


def _their_recode(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import codebook, codings

    target = codebook.find_code(session, "Government regulations")
    codings.change_coding_code(session, _bob_coding(sample)[0], target.id, actor="Bob")


def _their_rename(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import codebook

    codebook.update_code(session, codebook.find_code(session, "Owner roles").id, name="Owner powers", actor="Bob")


def _their_move(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import codebook

    code = codebook.find_code(session, "Organizational changes")
    codebook.move_code(session, code.id, codebook.find_code(session, "Accountability").id, actor="Bob")


def _their_role(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import cases

    cases.set_attribute_value(session, "P01", "role", "doctor", actor="Bob")


def _their_detach(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import cases

    cases.detach_document(session, "P01", "P01 bureau", actor="Bob")


def _their_cell_summary(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding.analysis.matrix import set_cell_summary
    from models import Case

    case_uuid = session.scalar(select(Case.uuid))
    set_cell_summary(session, _uuid(sample.path, "Owner functions"), f"case:{case_uuid}", "their summary",
                     actor="Bob")


def _their_memo_on_alices_coding(session, sample: Sample) -> None:  # type: ignore[no-untyped-def]
    from coding import codings

    uuid = rows(sample.path, "SELECT uuid FROM codings WHERE coder_id = ?", sample.alice_id)[0][0]
    codings.set_coding_memo(session, uuid, "Bob's note on it", actor="Bob")


def _bob_code(sample: Sample) -> list[tuple]:
    return rows(sample.path, "SELECT code_id FROM codings WHERE coder_id = ?", sample.bob_id)


# kind: (my step, the other window's edit, the value that must stay theirs, what the refusal says)
REFUSALS = {
    "resize": (_resize, _their_resize, lambda sample: _bob_coding(sample)[1:], "the coding was resized since"),
    "rename": (_rename, _their_rename,
               lambda sample: rows(sample.path, "SELECT count(*) FROM codes WHERE name = 'Owner powers'"),
               "code 'Owner roles' was renamed since (now 'Owner powers')"),
    "move": (_move, _their_move,
             lambda sample: rows(sample.path, "SELECT parent_id FROM codes WHERE name = 'Organizational changes'"),
             "code 'Organizational changes' was moved since"),
    "attribute": (_set_role, _their_role, lambda sample: rows(sample.path, "SELECT value FROM attribute_values"),
                  "the role of case 'P01' was changed since (now 'doctor')"),
    "attach": (_attach, _their_detach,
               lambda sample: rows(sample.path, "SELECT count(*) FROM documents WHERE case_id IS NOT NULL"),
               "document 'P01 bureau' was moved since (now in no case)"),
    "matrix cell": (_cell, _their_cell_summary,
                    lambda sample: rows(sample.path, "SELECT text FROM matrix_cell_summaries"),
                    "the summary was changed since (now 'their summary')"),
    "merge": (_merge, _their_recode, _bob_code, "the coding was recoded since (now 'Government regulations')"),
    "apply": (_apply, _their_memo_on_alices_coding,
              lambda sample: rows(sample.path, "SELECT memo FROM codings WHERE coder_id = ?", sample.alice_id),
              "the memo was changed since (now 'Bob's note on it')"),
}


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_undo_never_overwrites_another_windows_edit(
    kind: str, bench: Workbench, sample: Sample, other_window: Project, messages: list[str]
) -> None:
    make, their_edit, read, message = REFUSALS[kind]
    assert bench.execute(make(bench, sample))
    label = bench.undo_stack.undoText()
    with other_window.session() as session:
        their_edit(session, sample)
    theirs = read(sample)
    everything = rows(sample.path, "SELECT count(*) FROM audit_events")

    bench.undo_stack.undo()
    assert messages and messages[-1].startswith(f"Could not undo “{label}”: {message}")
    assert read(sample) == theirs
    assert rows(sample.path, "SELECT count(*) FROM audit_events") == everything  # nothing written
    assert (bench.undo_stack.count(), bench.undo_stack.canUndo(), bench.undo_stack.canRedo()) == (0, False, False)


def test_another_process_writing_the_file_is_caught_too(
    bench: Workbench, sample: Sample, messages: list[str]
) -> None:
    """Another program (here a real child process writing with sqlite3) changes the memo; undo refuses."""
    import subprocess
    import sys

    uuid = _bob_coding(sample)[0]
    bench.execute(SetCodingMemoCommand(bench, uuid, "my memo", "Organizational changes"))
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], timeout=10)\n"
        "with c: c.execute(\"UPDATE codings SET memo = 'from another process' WHERE uuid = ?\", (sys.argv[2],))\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(sample.path), uuid], check=True, timeout=60)
    bench.undo_stack.undo()
    assert messages[-1].endswith("the memo was changed since (now 'from another process')")
    assert _memo(sample, uuid) == "from another process"
