"""The real main window, driven as a user would: every edit checked in the SQLite file itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from app import dialogs
from app.commands import UpdateCodeCommand
from app.itemmodels.codebook_model import CodebookModel
from app.main import MainWindow
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import code_id, rows

MY_CODINGS = "SELECT code_id, start, end, memo FROM codings WHERE coder_id = ? ORDER BY start, code_id"


def select_words(window: MainWindow, words: str) -> tuple[int, int]:
    text = window.transcript.document.text
    start = text.index(words)
    window.transcript.select(start, start + len(words))
    return start, start + len(words)


def my_codings(sample: Sample) -> list[tuple]:
    return rows(sample.path, MY_CODINGS, sample.alice_id)


def test_opens_on_the_project_with_every_panel(window: MainWindow, sample: Sample) -> None:
    docks = {dock.windowTitle() for dock in window.findChildren(QDockWidget) if dock.isVisible()}
    assert docks == {"Documents", "Transcript", "Codebook", "Coded segments"}
    assert window.transcript.document is not None
    assert window.transcript.document.name == "P01 bureau"
    assert "Alice" in window.coder_label.text()
    assert {row.name for row in window.documents_model.rows} == {"P01 bureau", "P02 中文"}
    assert window.settings.coder_for(sample.path) == "Alice"


def test_blind_mode_is_on_by_default_with_two_coders_and_toggles(window: MainWindow, sample: Sample) -> None:
    assert window.bench is not None and window.bench.blind
    assert window.transcript.codings == []  # Bob's coding is hidden
    window.blind_action.trigger()
    assert not window.bench.blind
    assert [c.coder_id for c in window.transcript.codings] == [sample.bob_id]
    assert window.segments_model.rowCount() == 1
    window.blind_action.trigger()
    assert window.transcript.codings == []
    assert window.settings.blind_for(sample.path) is True


def test_apply_by_quick_slot_key_then_undo_and_redo_by_keys(qtbot, window: MainWindow, sample: Sample) -> None:
    start, end = select_words(window, "independent legal person")
    slot_code = window.effective_slots()[2]
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_2)
    expected = [(code_id(sample.path, window._info_by_uuid(slot_code).name), start, end, "")]
    assert my_codings(sample) == expected
    assert window.undo_action.text() == f"&Undo Apply '{window._info_by_uuid(slot_code).name}'"
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert my_codings(sample) == []
    qtbot.keyClick(
        window.transcript.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert my_codings(sample) == expected
    assert len(window.transcript.codings) == 1


def test_apply_by_a_codes_own_shortcut(qtbot, window: MainWindow, sample: Sample) -> None:
    owner = window._info_by_uuid(rows(sample.path, "SELECT uuid FROM codes WHERE name='Owner functions'")[0][0])
    window.codebook_panel.select_code(owner.id)
    window.bench.execute(UpdateCodeCommand(window.bench, owner.uuid, "Shortcut", shortcut="Ctrl+Alt+O"))
    start, end = select_words(window, "I head the district health bureau")
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert my_codings(sample) == [(owner.id, start, end, "")]


def test_apply_by_the_quick_code_palette(qtbot, window: MainWindow, sample: Sample) -> None:
    start, end = select_words(window, "one legal entity")
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    palette = window.palette_popup
    assert palette is not None and palette.isVisible()
    qtbot.keyClicks(palette.query, "financ")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert my_codings(sample) == [(code_id(sample.path, "Financial management rights"), start, end, "")]


def test_selection_snaps_to_whole_words_when_applied(window: MainWindow, sample: Sample) -> None:
    text = window.transcript.document.text
    start = text.index("separate units")
    window.transcript.select(start + 3, start + 11)  # "arate un"
    window.codebook_panel.select_code(code_id(sample.path, "Owner functions"))
    window.apply_selected_code()
    assert my_codings(sample) == [(code_id(sample.path, "Owner functions"), start, start + len("separate units"), "")]


def test_sentence_snapping(window: MainWindow, sample: Sample) -> None:
    window.snap_actions["sentence"].trigger()
    text = window.transcript.document.text
    sentence = "They became one legal entity with one set of books."
    start = text.index(sentence)
    window.transcript.select(start + 12, start + 20)
    window.codebook_panel.select_code(code_id(sample.path, "Owner functions"))
    window.apply_selected_code()
    (coding,) = my_codings(sample)
    assert coding[1] <= start and coding[2] >= start + len(sentence)


def test_remove_resize_and_memo_through_the_window(window: MainWindow, sample: Sample, monkeypatch) -> None:
    owner = code_id(sample.path, "Owner functions")
    start, end = select_words(window, "We sit on the council and we set the targets")
    window.codebook_panel.select_code(owner)
    window.apply_selected_code()
    new_start, new_end = select_words(window, "We sit on the council")
    window.resize_action.trigger()
    assert my_codings(sample) == [(owner, new_start, new_end, "")]
    monkeypatch.setattr(dialogs, "edit_memo", lambda parent, title, text: "clear example of owner role")
    window.memo_action.trigger()
    assert my_codings(sample) == [(owner, new_start, new_end, "clear example of owner role")]
    window.remove_coding_action.trigger()
    assert my_codings(sample) == []
    window.undo()
    assert my_codings(sample) == [(owner, new_start, new_end, "clear example of owner role")]
    window.undo()
    window.undo()
    assert my_codings(sample) == [(owner, start, end, "")]


def test_others_codings_cannot_be_removed_from_the_segments_table(window: MainWindow, sample: Sample,
                                                                   messages: list[str]) -> None:
    window.set_blind(False)
    window.segments_panel.table.selectRow(0)
    window.remove_selected_segments()
    assert messages == ["You can only remove your own codings."]
    assert rows(sample.path, "SELECT count(*) FROM codings WHERE coder_id = ?", sample.bob_id) == [(1,)]


def test_bad_input_gets_a_message_and_changes_nothing(window: MainWindow, sample: Sample, messages: list[str],
                                                      monkeypatch) -> None:
    before_codes = rows(sample.path, "SELECT id, name, parent_id FROM codes ORDER BY id")
    window.transcript.edit.textCursor().clearSelection()
    window.transcript.select(0, 0)
    window.apply_slot(1)  # no selection
    blank = EN_TEXT.index("\n\n")
    window.apply_code(window.effective_slots()[1], (blank, blank + 2))  # a coding over nothing
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "   ")
    window.add_code_action.trigger()  # empty code name
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "decision RIGHTS")
    window.codebook_panel.select_code(code_id(sample.path, "Macro framework of the Preker-Harding model"))
    window.add_subcode_action.trigger()  # duplicate name among siblings
    assert len(messages) == 4
    assert "Select a passage" in messages[0]
    assert "nothing to code" in messages[1]
    assert "empty" in messages[2]
    assert "already exists" in messages[3]
    assert my_codings(sample) == []
    assert rows(sample.path, "SELECT id, name, parent_id FROM codes ORDER BY id") == before_codes
    assert window.bench.undo_stack.count() == 0


def test_in_vivo_coding(window: MainWindow, sample: Sample, monkeypatch) -> None:
    start, end = select_words(window, "separate accounts")
    parent = code_id(sample.path, "Residual claims")
    window.codebook_panel.select_code(parent)
    seen: dict = {}

    def answer(parent_widget, name, parents, current):  # type: ignore[no-untyped-def]
        seen.update(name=name, current=current)
        return name, current

    monkeypatch.setattr(dialogs, "ask_in_vivo", answer)
    window.in_vivo_action.trigger()
    assert seen == {"name": "separate accounts", "current": parent}
    new_id = code_id(sample.path, "separate accounts")
    assert rows(sample.path, "SELECT parent_id FROM codes WHERE id = ?", new_id) == [(parent,)]
    assert my_codings(sample) == [(new_id, start, end, "")]
    assert window.codebook_model.index_of_code(new_id).isValid()
    window.undo()
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE name = 'separate accounts'") == [(0,)]


def test_drag_a_selection_onto_a_code(qtbot, window: MainWindow, sample: Sample) -> None:
    start, end = select_words(window, "group president")
    mime = window.transcript.edit.createMimeDataFromSelection()
    owner = code_id(sample.path, "Owner functions")
    target = window.codebook_model.index_of_code(owner)
    model = window.codebook_model
    assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, target)
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, 0, target)
    qtbot.waitUntil(lambda: my_codings(sample) == [(owner, start, end, "")])


def test_codebook_editing_in_the_tree(qtbot, window: MainWindow, sample: Sample, monkeypatch) -> None:
    model = window.codebook_model
    monkeypatch.setattr(dialogs, "ask_text", lambda *args, **kwargs: "Trust")
    window.add_code_action.trigger()
    trust = code_id(sample.path, "Trust")
    # rename in place
    model.setData(model.index_of_code(trust), "Trust in managers", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: rows(sample.path, "SELECT name FROM codes WHERE id = ?", trust) == [("Trust in managers",)])
    # move by drag and drop under "Accountability", first place
    accountability = code_id(sample.path, "Accountability")
    mime = model.mimeData([model.index_of_code(trust)])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index_of_code(trust))
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index_of_code(accountability))
    qtbot.waitUntil(lambda: rows(sample.path, "SELECT parent_id, position FROM codes WHERE id = ?", trust)
                    == [(accountability, 0)])
    # colour and shortcut through their dialogs
    window.codebook_panel.select_code(trust)
    monkeypatch.setattr(dialogs, "choose_colour", lambda parent, current: "#aa3300")
    window.colour_action.trigger()
    monkeypatch.setattr(dialogs, "ask_shortcut", lambda parent, name, current: "Ctrl+Alt+T")
    window.shortcut_action.trigger()
    assert rows(sample.path, "SELECT colour, shortcut FROM codes WHERE id = ?", trust) == [("#aa3300", "Ctrl+Alt+T")]
    # delete asks first
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    window.codebook_panel.select_code(trust)
    window.delete_code_action.trigger()
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE name LIKE 'Trust%'") == [(0,)]
    for _ in range(5):
        window.undo()
    assert rows(sample.path, "SELECT name, parent_id FROM codes WHERE name LIKE 'Trust%'") == [("Trust", None)]
    window.undo()
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE name LIKE 'Trust%'") == [(0,)]


def test_delete_refuses_a_code_with_codings(window: MainWindow, sample: Sample, messages: list[str],
                                            monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    window.codebook_panel.select_code(code_id(sample.path, "Organizational changes"))
    window.delete_code_action.trigger()
    assert messages and "coding" in messages[0]
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE name = 'Organizational changes'") == [(1,)]


def test_merge_from_the_menu_and_undo(window: MainWindow, sample: Sample, monkeypatch) -> None:
    source, target = code_id(sample.path, "Organizational changes"), code_id(sample.path, "Owner functions")
    window.codebook_panel.select_code(source)
    monkeypatch.setattr(dialogs, "choose_code", lambda parent, title, label, choices, current=None: target)
    window.merge_action.trigger()
    assert rows(sample.path, "SELECT code_id FROM codings WHERE coder_id = ?", sample.bob_id) == [(target,)]
    assert rows(sample.path, "SELECT count(*) FROM codes WHERE id = ?", source) == [(0,)]
    window.undo()
    restored = code_id(sample.path, "Organizational changes")
    assert rows(sample.path, "SELECT code_id FROM codings WHERE coder_id = ?", sample.bob_id) == [(restored,)]


def test_counts_in_codebook_and_documents_follow_edits(window: MainWindow, sample: Sample) -> None:
    owner = code_id(sample.path, "Owner functions")
    select_words(window, "I head the district health bureau")
    window.codebook_panel.select_code(owner)
    window.apply_selected_code()
    model = window.codebook_model
    assert model.data(model.index_of_code(owner, CodebookModel.MINE)) == "1"
    documents = window.documents_model
    assert documents.data(documents.index_of_document(sample.en_id).siblingAtColumn(documents.MINE)) == "1"
    assert documents.data(documents.index_of_document(sample.zh_id).siblingAtColumn(documents.MINE)) == "–"


def test_segments_follow_the_selected_code_and_jump(window: MainWindow, sample: Sample) -> None:
    window.set_blind(False)
    window.codebook_panel.select_code(code_id(sample.path, "Organizational changes"))
    window.segments_panel.scope.setCurrentIndex(1)
    assert window.segments_model.rowCount() == 1
    window.open_document(sample.zh_id)
    segment = window.segments_model.segment(0)
    window.jump_to_segment(segment)
    assert window.document_id == sample.en_id
    assert window.transcript.selection() == (segment.start, segment.end)


def test_chinese_document_with_astral_characters(window: MainWindow, sample: Sample) -> None:
    window.open_document(sample.zh_id)
    text = window.transcript.document.text
    start = text.index("考核指标😀")
    window.transcript.select(start, start + 5)
    assert window.transcript.selected_text() == "考核指标😀"
    window.codebook_panel.select_code(code_id(sample.path, "Government regulations"))
    window.snap_actions["none"].trigger()
    window.apply_selected_code()
    assert my_codings(sample) == [(code_id(sample.path, "Government regulations"), start, start + 5, "")]
    assert [(c.start, c.end) for c in window.transcript.codings] == [(start, start + 5)]


def test_switching_coder_asks_and_remembers(window: MainWindow, sample: Sample, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: False)
    assert not window.switch_coder("Bob")
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    assert window.switch_coder("Bob")
    assert window.bench.coder_id == sample.bob_id
    assert window.settings.coder_for(sample.path) == "Bob"
    assert [c.coder_id for c in window.transcript.codings] == [sample.bob_id]  # blind: now Bob's own
    assert "Bob" in window.coder_label.text()


def test_zoom_changes_the_transcript_font(window: MainWindow) -> None:
    size = window.transcript.edit.font().pointSizeF()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    assert window.transcript.edit.font().pointSizeF() > size
    window.zoom_reset_action.trigger()
    assert window.transcript.edit.font().pointSizeF() == size
    window.zoom_out_action.trigger()
    assert window.settings.zoom() == -1


def test_tool_menus_take_actions_from_other_features(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    action = QAction("Compare coders…", window)
    menu = window.add_tool_action("Tools", action)
    assert action in menu.actions() and menu.menuAction().isVisible()
    custom = window.add_tool_action("Agreement", QAction("Run", window))
    assert window.tool_menu("Agreement") is custom


def shown_selection_words(window: MainWindow, start: int, end: int) -> int:
    window.transcript.select(start, end)
    match = re.fullmatch(rf"Selected (\d+) words? \({start}–{end}\)", window.selection_label.text())
    assert match is not None, window.selection_label.text()
    return int(match.group(1))


def test_selected_words_are_counted_as_the_import_counts_them(window: MainWindow, sample: Sample) -> None:
    """Chinese words are jieba's words, not characters: selecting every turn's words shows the document's count."""
    window.open_document(sample.zh_id)
    document = window.transcript.document
    stored = rows(sample.path, "SELECT word_count FROM documents WHERE id = ?", sample.zh_id)[0][0]
    shown = sum(shown_selection_words(window, turn.content_start, turn.end) for turn in document.turns)
    assert shown == stored and f"{stored:,} words" in window.transcript.subtitle.text()
    start = document.text.index("政府监管")
    assert shown_selection_words(window, start, start + 4) == 2  # 政府 监管, not four characters
    window.open_document(sample.en_id)
    start = window.transcript.document.text.index("one legal entity")
    assert shown_selection_words(window, start, start + len("one legal entity")) == 3


def test_start_page_then_open_recent(qtbot, sample: Sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.centralWidget() is window.start_page
    assert not window.transcript_dock.isVisible()
    window.settings.add_recent(sample.path)
    window.settings.set_coder_for(sample.path, "Alice")
    window.start_page.set_recent(window.settings.recent_projects())
    assert window.start_page.recent.count() == 1
    window.start_page.recent_requested.emit(str(sample.path))
    assert window.bench is not None and window.transcript_dock.isVisible()
    window.close_project()
    assert window.centralWidget() is window.start_page
    window.close()
    assert window.settings.window_state() is not None


def test_coder_is_asked_once_and_cancel_opens_nothing(qtbot, sample: Sample, settings, messages,
                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]
    asked: list[list[str]] = []
    monkeypatch.setattr(dialogs, "choose_coder", lambda parent, names, suggested: asked.append(list(names)))
    window = MainWindow(sample.path, settings)
    qtbot.addWidget(window)
    assert window.bench is None and asked == [["Alice", "Bob"]]
    monkeypatch.setattr(dialogs, "choose_coder", lambda parent, names, suggested: "Carol")
    assert window.open_project(sample.path)
    assert window.bench.coder_name == "Carol"
    assert rows(sample.path, "SELECT name FROM coders ORDER BY name") == [("Alice",), ("Bob",), ("Carol",)]
    window.close_project()
    monkeypatch.setattr(dialogs, "choose_coder", lambda *args: pytest.fail("asked again"))
    assert window.open_project(sample.path) and window.bench.coder_name == "Carol"
    window.close()


def test_opening_a_file_that_is_not_a_project(qtbot, tmp_path: Path, settings, messages) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "notes.concord"
    bogus.write_text("hello")
    window = MainWindow(bogus, settings)
    qtbot.addWidget(window)
    assert window.bench is None
    assert messages and "not a Concord project" in messages[0]


def test_a_mouse_selection_snaps_to_whole_words_on_release(qtbot, window: MainWindow) -> None:
    text = window.transcript.document.text
    start = text.index("independent legal person")
    window.transcript.select(start + 2, start + 14)  # "dependent le"
    window.transcript.edit.released.emit()
    assert window.transcript.selected_text() == "independent legal"


def test_chinese_selection_snaps_to_segmented_words(window: MainWindow, sample: Sample) -> None:
    window.open_document(sample.zh_id)
    text = window.transcript.document.text
    start = text.index("政府作为出资人")
    window.transcript.select(start + 1, start + 3)  # inside "政府" … "作为"
    snapped = window.transcript.snapped(*window.transcript.selection())
    assert snapped[0] == start and snapped[1] >= start + 3
    assert text[snapped[0]:snapped[1]] in ("政府作为", "政府作为出资人")


def test_save_a_copy_writes_a_consistent_project(window: MainWindow, sample: Sample, tmp_path: Path,
                                                 monkeypatch, messages: list[str]) -> None:
    select_words(window, "independent legal person")
    window.apply_slot(1)
    target = tmp_path / "copy"
    monkeypatch.setattr(dialogs, "save_copy_file", lambda parent, folder: str(target))
    window.save_copy_action.trigger()
    copied = tmp_path / "copy.concord"
    assert rows(copied, "SELECT count(*) FROM codings") == rows(sample.path, "SELECT count(*) FROM codings")
    assert messages and "copy.concord" in messages[-1]
    assert window.project_path == sample.path  # still working in the original


def test_new_project_from_the_start_page(qtbot, tmp_path: Path, settings, messages,
                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(dialogs, "new_project_file", lambda parent, folder: str(tmp_path / "study"))
    monkeypatch.setattr(dialogs, "choose_coder", lambda parent, names, suggested: "Dana")
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.start_page.new_button.click()
    created = tmp_path / "study.concord"
    assert window.bench is not None and window.project_path == created
    assert rows(created, "SELECT name FROM coders") == [("Dana",)]
    assert rows(created, "SELECT count(*) FROM codes")[0][0] > 0  # the built-in codebook
    assert "Import transcripts" in window.transcript.placeholder.text()
    window.close()
