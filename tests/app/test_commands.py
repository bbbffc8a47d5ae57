"""Each undo command on its own: do, check the file, undo, check, redo, check (after Orange's command tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
from coding.changes import Changes
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
    bench.changes_applied.connect(emitted.append)
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
    assert emitted == [Changes(codings=True)] * 3


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
