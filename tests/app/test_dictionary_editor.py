"""Tools › Dictionaries… in the real window (pytest-qt, offscreen): import a dictionary, edit categories and
entries as undo steps, refuse a malformed pattern with one message, preview hits in context off the GUI thread,
and autocode them as a coder in one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import dictionary_editor as feature
from app.main import MainWindow
from models.store import copy_project
from tests.app.helpers import rows
from tests.core.dictionary_world import DICTIONARY, build_dictionary_world

ENTRIES = "SELECT pattern, is_exclusion FROM dictionary_entries ORDER BY id"
CODINGS = "SELECT coders.name, codings.start, codings.end FROM codings JOIN coders ON coders.id = codings.coder_id"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dictionary_world(tmp_path_factory.mktemp("gui-dictionary"))


@pytest.fixture
def window(qtbot, template: Path, tmp_path: Path, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    copy_project(template, tmp_path / "p.concord")
    main = MainWindow(tmp_path / "p.concord", settings, coder="Lin")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def editor(window: MainWindow, tmp_path: Path) -> feature.DictionaryEditor:
    feature.install(window)
    feature.install(window)  # a second install adds nothing
    assert [a.text() for a in window.tools_menu.actions()].count(feature.MENU_TEXT) == 1
    tools = feature.tools_of(window)
    assert tools is not None
    opened = tools.open_editor()
    assert opened is not None
    source = tmp_path / "access.txt"
    source.write_text(DICTIONARY, encoding="utf-8")
    assert opened.import_file(source)
    return opened


def path_of(window: MainWindow) -> Path:
    assert window.bench is not None and window.bench.project.path is not None
    return window.bench.project.path


def tree_names(editor: feature.DictionaryEditor) -> list[str]:
    root = editor.tree.invisibleRootItem()
    names: list[str] = []

    def walk(item) -> None:  # type: ignore[no-untyped-def]
        for at in range(item.childCount()):
            names.append(item.child(at).text(0))
            walk(item.child(at))
    walk(root)
    return names


def choose_category(editor: feature.DictionaryEditor, name: str) -> None:
    found = [item for item in editor.tree.findItems(name, feature.Qt.MatchFlag.MatchRecursive)]
    assert len(found) == 1, name
    editor.tree.setCurrentItem(found[0])


def test_import_shows_the_tree_and_entries(editor: feature.DictionaryEditor, window: MainWindow) -> None:
    assert editor.dictionary_list.currentItem().text() == "access"
    assert tree_names(editor) == ["ACCESS", "MOBILITY", "MONEY", "EMPTY"]
    choose_category(editor, "ACCESS")
    assert [editor.entries.item(i).text() for i in range(editor.entries.count())] == [
        "waiting list", "referr*", '"primary care"', "care", 'NOT "care home"']
    mobility = editor.tree.findItems("MOBILITY", feature.Qt.MatchFlag.MatchRecursive)[0]
    assert mobility.text(2) == "— not linked —"
    assert window.bench is not None
    window.bench.undo_stack.undo()
    assert editor.dictionary_list.count() == 0 and rows(path_of(window), ENTRIES) == []


def test_entries_are_undo_steps_and_a_bad_pattern_changes_nothing(
        editor: feature.DictionaryEditor, window: MainWindow, messages: list[str]) -> None:
    choose_category(editor, "MOBILITY")
    before = rows(path_of(window), ENTRIES)
    editor.entry_edit.setText('"unbalanced')
    assert not editor.add_entry()
    assert messages and "unbalanced quote" in messages[-1]
    assert rows(path_of(window), ENTRIES) == before
    editor.entry_edit.setText("@run")
    assert editor.add_entry()
    assert ("@run", 0) in rows(path_of(window), ENTRIES)
    assert editor.entry_edit.text() == ""
    assert window.bench is not None
    window.bench.undo_stack.undo()
    assert rows(path_of(window), ENTRIES) == before
    window.bench.undo_stack.redo()
    assert ("@run", 0) in rows(path_of(window), ENTRIES)


def test_categories_are_added_renamed_and_moved(editor: feature.DictionaryEditor, window: MainWindow) -> None:
    choose_category(editor, "MONEY")
    assert editor.add_category(editor.current_category(), "BUDGETS")
    assert editor.current_category() is not None and editor.tree.currentItem().text(0) == "BUDGETS"
    assert editor.rename_category("BUDGET LINES")
    assert editor.move_to_top()
    assert tree_names(editor) == ["ACCESS", "MOBILITY", "MONEY", "EMPTY", "BUDGET LINES"]
    assert window.bench is not None
    for _ in range(3):
        window.bench.undo_stack.undo()
    assert tree_names(editor) == ["ACCESS", "MOBILITY", "MONEY", "EMPTY"]


def test_a_category_moves_inside_another_but_never_inside_itself(
        editor: feature.DictionaryEditor, window: MainWindow, messages: list[str]) -> None:
    assert editor.state is not None
    uuids = {path: category.uuid for path, category in editor.state.walk()}
    choose_category(editor, "MOBILITY")
    assert editor.move_into(uuids["MONEY"])
    assert editor.state is not None and [p for p, _ in editor.state.walk()] == [
        "ACCESS", "MONEY", "MONEY/MOBILITY", "EMPTY"]
    choose_category(editor, "MONEY")
    assert not editor.move_into(uuids["ACCESS/MOBILITY"])
    assert "cycle" in messages[-1]
    assert [p for p, _ in editor.state.walk()] == ["ACCESS", "MONEY", "MONEY/MOBILITY", "EMPTY"]


def test_preview_shows_counts_and_hits_in_context(editor: feature.DictionaryEditor, qtbot) -> None:  # type: ignore[no-untyped-def]
    operation = editor.run_preview()
    assert operation is not None
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=30_000)
    counts = {editor.counts_table.item(r, 0).text(): editor.counts_table.item(r, 1).text()
              for r in range(editor.counts_table.rowCount())}
    assert counts["MONEY"] == "5" and counts["EMPTY"] == "0"
    matches = [editor.kwic_table.item(r, 1).text() for r in range(editor.kwic_table.rowCount())]
    assert "waiting list" in matches and "医联体" in matches
    row = matches.index("waiting list")
    assert editor.kwic_table.item(row, 3).text() == "E1"
    assert editor.kwic_table.item(row, 0).text().endswith("quickly. The ")
    assert editor.status.text() == f"{len(matches)} hit(s) in 4 categories"


def test_preview_shows_at_most_the_first_hits_in_context(editor: feature.DictionaryEditor, qtbot,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feature, "MAX_KWIC_ROWS", 3)
    editor.run_preview()
    qtbot.waitUntil(lambda: editor.preview is not None, timeout=30_000)
    assert editor.kwic_table.rowCount() == 3
    assert editor.preview is not None and editor.preview.hits > 3
    assert editor.status.text() == f"{editor.preview.hits} hit(s) in 4 categories; the first 3 in context"


def test_autocode_refuses_unlinked_then_codes_as_the_coder_in_one_step(  # type: ignore[no-untyped-def]
        editor: feature.DictionaryEditor, window: MainWindow, qtbot, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    editor.run_autocode()
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert "ACCESS/MOBILITY" in messages[-1]
    assert rows(path_of(window), CODINGS) == []
    choose_category(editor, "MOBILITY")
    code_uuid = next(uuid for uuid, path in editor.code_paths.items() if path.endswith("/Organizational changes"))
    assert editor.link_code(code_uuid)
    editor.scope_box.setCurrentIndex(editor.scope_box.findData("sentence"))
    editor.coder_box.setCurrentIndex(editor.coder_box.findText("Lin"))
    asked: list[str] = []
    monkeypatch.setattr(feature.dialogs, "confirm", lambda _parent, question, *_args: asked.append(question) or False)
    editor.run_autocode()
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    assert "passage(s) — the sentence of each hit of 'access'" in asked[0] and "as Lin?" in asked[0]
    assert rows(path_of(window), CODINGS) == []  # declined: nothing coded
    monkeypatch.setattr(feature.dialogs, "confirm", lambda *_args: True)
    editor.run_autocode()
    qtbot.waitUntil(lambda: bool(rows(path_of(window), CODINGS)), timeout=30_000)
    coded = rows(path_of(window), CODINGS)
    assert {name for name, _, _ in coded} == {"Lin"}
    sentences = set(rows(path_of(window), "SELECT start, end FROM sentences"))
    assert {(start, end) for _, start, end in coded} <= sentences
    assert window.bench is not None
    window.bench.undo_stack.undo()
    assert rows(path_of(window), CODINGS) == []


def test_a_bad_file_is_one_message_and_adds_nothing(editor: feature.DictionaryEditor, window: MainWindow,
                                                    tmp_path: Path, messages: list[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("A\n    care\n    NEAR/2 x\n", encoding="utf-8")
    before = rows(path_of(window), "SELECT name FROM dictionaries")
    assert not editor.import_file(bad)
    assert messages[-1] == "bad.txt: line 3: NEAR/2 needs a pattern on each side: 'NEAR/2 x'"
    assert rows(path_of(window), "SELECT name FROM dictionaries") == before
