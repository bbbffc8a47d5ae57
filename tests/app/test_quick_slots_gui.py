"""Number keys belong to codes: adding a code moves no key; giving a code a key is one undo step."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from app.commands import AddCodeCommand
from app.itemmodels.codebook_model import CodebookModel
from app.main import MainWindow
from tests.app.conftest import Sample
from tests.app.helpers import code_id, rows

SOCIAL = "Social functions"


def _uuid_of(sample: Sample, name: str, parent: str) -> str:
    return rows(
        sample.path,
        "SELECT c.uuid FROM codes c JOIN codes p ON c.parent_id = p.id WHERE c.name = ? AND p.name = ?",
        name, parent,
    )[0][0]


def _stored(sample: Sample) -> str:
    return rows(sample.path, "SELECT value FROM project_meta WHERE key = 'quick_slots'")[0][0]


def _key_column(window: MainWindow, name: str, parent: str, sample: Sample) -> str:
    the_id = rows(
        sample.path,
        "SELECT c.id FROM codes c JOIN codes p ON c.parent_id = p.id WHERE c.name = ? AND p.name = ?", name, parent,
    )[0][0]
    index = window.codebook_model.index_of_code(the_id, CodebookModel.KEY)
    return window.codebook_model.data(index, Qt.ItemDataRole.DisplayRole)


def test_adding_a_code_moves_no_key_and_undo_frees_its_key(window: MainWindow, sample: Sample) -> None:
    social = _uuid_of(sample, SOCIAL, "Accountability")
    before = window.effective_slots()
    assert before[6] == social and _key_column(window, SOCIAL, "Accountability", sample) == "6"
    accountability = rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Accountability'")[0][0]
    assert window.bench is not None
    window.bench.execute(AddCodeCommand(window.bench, "Contracts", accountability, position=0))
    after = window.effective_slots()
    contracts = rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Contracts'")[0][0]
    assert after == {**before, 9: contracts}  # Social functions keeps 6; the new code takes the free 9
    assert _key_column(window, SOCIAL, "Accountability", sample) == "6"
    assert _key_column(window, "Contracts", "Accountability", sample) == "9"
    window.bench.undo_stack.undo()
    assert window.effective_slots() == before
    window.bench.undo_stack.redo()
    assert window.effective_slots()[9] == rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Contracts'")[0][0]
    assert window.effective_slots()[6] == social


def test_giving_a_code_a_key_is_undoable_and_stored_in_the_project(
    qtbot, window: MainWindow, sample: Sample
) -> None:
    before = window.effective_slots()
    social = _uuid_of(sample, SOCIAL, "Accountability")
    window.codebook_panel.select_code(code_id(sample.path, "Government regulations"))
    window.assign_slot(6)  # take Social functions' key
    regulations = rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Government regulations'")[0][0]
    after = window.effective_slots()
    assert after[6] == regulations and social not in after.values()
    assert {s: u for s, u in after.items() if s != 6} == {s: u for s, u in before.items() if s not in (6, 7)}
    assert f'"6": "{regulations}"' in _stored(sample)
    assert _key_column(window, "Government regulations", "Accountability", sample) == "6"
    assert _key_column(window, SOCIAL, "Accountability", sample) == ""
    assert window.undo_action.text() == "&Undo Key 6 for 'Government regulations'"
    window.bench.undo_stack.undo()
    assert window.effective_slots() == before
    assert _key_column(window, SOCIAL, "Accountability", sample) == "6"
    assert f'"6": "{social}"' in _stored(sample)
    window.bench.undo_stack.redo()
    assert window.effective_slots() == after
    # The number key applies the code now holding it.
    text = window.transcript.document.text
    start = text.index("independent legal person")
    window.transcript.select(start, start + 24)
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_6)
    applied = rows(sample.path, "SELECT c.uuid FROM codings g JOIN codes c ON g.code_id = c.id WHERE coder_id = ?",
                   sample.alice_id)
    assert applied == [(regulations,)]


def test_the_palette_shows_the_stored_keys(window: MainWindow, sample: Sample) -> None:
    text = window.transcript.document.text
    start = text.index("independent legal person")
    window.transcript.select(start, start + 24)
    window.open_quick_code()
    window.palette_popup.set_query("social")
    labels = [window.palette_popup.results.item(i).text() for i in range(window.palette_popup.results.count())]
    assert any(label.endswith("Social functions    [key 6]") for label in labels), labels
    window.palette_popup.close()


def test_an_older_project_keeps_the_keys_this_machine_showed(qtbot, sample: Sample, settings, messages) -> None:
    with sqlite3.connect(sample.path) as connection:  # as a project saved before keys were stored
        connection.execute("DELETE FROM project_meta WHERE key = 'quick_slots'")
    connection.close()
    regulations = rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Government regulations'")[0][0]
    from app.settings import _project_key

    settings.setValue(f"{_project_key(sample.path)}/slot1", regulations)  # this coder's own choice of key 1
    main = MainWindow(sample.path, settings, coder="Alice")
    qtbot.addWidget(main)
    try:
        slots = main.effective_slots()
        assert slots[1] == regulations and regulations not in [u for s, u in slots.items() if s != 1]
        assert f'"1": "{regulations}"' in _stored(sample)  # frozen in the project on first open
    finally:
        main.close()
