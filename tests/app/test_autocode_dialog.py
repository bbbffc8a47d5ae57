"""Tools › Autocode by structure… in the real window (pytest-qt, offscreen): the preview follows the choices,
Apply codes as the chosen coder in one undo step, and undo then redo leave exactly the same codings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import autocode_dialog as feature
from app.main import MainWindow
from models.store import copy_project
from tests.app.helpers import rows
from tests.core import autocode_world as world

CODINGS = ("SELECT coders.name, codings.uuid, codings.document_id, codings.start, codings.end, codings.created_at "
           "FROM codings JOIN coders ON coders.id = codings.coder_id ORDER BY codings.uuid")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return world.build_world(tmp_path_factory.mktemp("gui-autocode"))


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
def dialog(window: MainWindow) -> feature.AutocodeDialog:
    feature.install(window)
    feature.install(window)  # a second install adds nothing
    tools = feature.tools_of(window)
    assert tools is not None
    assert [a.text() for a in window.tools_menu.actions()].count(feature.MENU_TEXT) == 1
    opened = tools.open_dialog()
    assert opened is not None
    return opened


def choose(box, data: object) -> None:  # type: ignore[no-untyped-def]
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)


def path_of(window: MainWindow) -> Path:
    assert window.bench is not None and window.bench.project.path is not None
    return window.bench.project.path


def test_the_preview_follows_the_choices_and_writes_nothing(window: MainWindow,
                                                            dialog: feature.AutocodeDialog) -> None:
    choose(dialog.rule_box, "questions")
    assert window.bench is not None and window.bench.blind
    assert [dialog.coder_box.itemText(i) for i in range(dialog.coder_box.count())] == ["Lin"]  # blind: oneself
    window.bench.set_blind(False)
    assert [dialog.coder_box.itemText(i) for i in range(dialog.coder_box.count())] == ["Lin", "Morgan"]
    assert dialog.coder_box.currentText() == "Lin"  # the current coder by default
    assert dialog.rows_model.rowCount() == 6 and dialog.documents_model.rowCount() == 3
    assert dialog.rows_model.rows[0] == ("A07", "P07", "Interviewer", "new", world.QUESTIONS["A07"][0])
    choose(dialog.case_box, "P03")
    assert [r[4] for r in dialog.rows_model.rows] == world.QUESTIONS["B03"]
    choose(dialog.rule_box, "where")
    choose(dialog.attribute_box, "years")
    assert [dialog.operator_box.itemText(i) for i in range(dialog.operator_box.count())] == list(feature.OPERATORS)
    dialog.operator_box.setCurrentIndex(dialog.operator_box.findText(">"))
    dialog.value_box.setCurrentText("5")
    assert [r[0] for r in dialog.rows_model.rows] == ["A07"]
    dialog.value_box.setCurrentText("many")
    assert dialog.rows_model.rowCount() == 0 and "not a number" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()
    choose(dialog.rule_box, "answers")  # the attribute condition filters turns too
    dialog.case_box.setCurrentIndex(0)  # all cases
    choose(dialog.attribute_box, "role")
    dialog.operator_box.setCurrentIndex(dialog.operator_box.findText("="))
    dialog.value_box.setCurrentText("Director")
    assert [r[4] for r in dialog.rows_model.rows] == world.ANSWERS["B03"]
    dialog.attribute_box.setCurrentIndex(0)
    assert dialog.attribute_box.currentText() == feature.ANY_VALUE
    assert not dialog.value_box.isEnabled() and dialog.rows_model.rowCount() == 6
    assert rows(path_of(window), CODINGS) == []


def test_apply_then_undo_then_redo_leaves_the_exact_codings(window: MainWindow,
                                                            dialog: feature.AutocodeDialog) -> None:
    assert window.bench is not None
    window.bench.set_blind(False)  # coding as someone else is offered only when not coding blind
    choose(dialog.rule_box, "speaker")
    choose(dialog.speaker_box, "Dr Li")
    choose(dialog.coder_box, next(i for i, name in _people(window) if name == "Morgan"))
    assert dialog.apply() is True
    made = rows(path_of(window), CODINGS)
    assert [(name, document) for name, _, document, *_ in made] == [("Morgan", 3), ("Morgan", 3)]
    texts = [world.LABELLED_Q[start:end] for *_, start, end, _ in made]
    assert sorted(texts) == sorted(world.ANSWERS["C11"])
    assert [r[3] for r in dialog.rows_model.rows] == ["already coded", "already coded"]
    assert not dialog.apply_button.isEnabled()
    assert window.bench is not None
    stack = window.bench.undo_stack
    assert stack.count() == 1 and "Dr Li" in stack.undoText()
    stack.undo()
    assert rows(path_of(window), CODINGS) == []
    assert [r[3] for r in dialog.rows_model.rows] == ["new", "new"] and dialog.apply_button.isEnabled()
    stack.redo()
    assert rows(path_of(window), CODINGS) == made
    assert [r[3] for r in dialog.rows_model.rows] == ["already coded", "already coded"]


def test_a_refused_apply_shows_one_message_and_changes_nothing(window: MainWindow, dialog: feature.AutocodeDialog,
                                                               messages: list[str]) -> None:
    choose(dialog.rule_box, "answers")
    assert dialog.apply() is True
    before = rows(path_of(window), CODINGS)
    assert dialog.apply() is False  # everything is coded so already: Apply is off and does nothing
    assert rows(path_of(window), CODINGS) == before and messages == []


def _people(window: MainWindow) -> list[tuple[int, str]]:
    assert window.bench is not None
    return [(row[0], row[1]) for row in rows(path_of(window), "SELECT id, name FROM coders WHERE is_consensus = 0")]


def test_a_large_run_asks_first_and_declining_writes_nothing(window: MainWindow, dialog: feature.AutocodeDialog,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from app import dialogs

    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(feature, "CONFIRM_ABOVE", 5)
    monkeypatch.setattr(dialogs, "confirm", lambda parent, question, title="Concord", ok_text="OK": (
        asked.append(question) or answer[0]))
    choose(dialog.rule_box, "answers")
    assert dialog.apply() is False and rows(path_of(window), CODINGS) == []
    assert asked and "Code 6 passages" in asked[0]
    answer[0] = True
    assert dialog.apply() is True and len(rows(path_of(window), CODINGS)) == 6
