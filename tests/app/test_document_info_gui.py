"""Document metadata in the window: the Documents panel's tooltip, Document properties…, and copying metadata to
case attributes as one undoable step (do, assert, undo, assert, redo), refused with the conflicts listed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from app import document_info as feature
from app.main import MainWindow
from tests.app.conftest import Sample
from tests.app.helpers import rows

HEADED = (
    "访谈编号：A01\n"
    "访谈对象：某县人民医院院长\n"
    "访谈方式：面对面\n"
    "\n"
    "访谈者：院长您好，请介绍一下医共体的情况。\n"
    "\n"
    "受访者：好的。我们医院是医共体的牵头医院。\n"
)
NAME = "A01 院长"


@pytest.fixture
def window(qtbot, sample: Sample, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    from coding.importing import add_document_text
    from coding.project import Project

    with Project.open(sample.path) as project, project.session() as session:
        add_document_text(session, name=NAME, text=HEADED, source_name="a01.txt", format="txt")
    main = MainWindow(sample.path, settings, coder="Alice")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def tools(window: MainWindow) -> feature.DocumentInfoTools:
    feature.install(window)
    feature.install(window)  # a second install adds nothing
    installed = feature.tools_of(window)
    assert installed is not None
    return installed


def document_id(window: MainWindow, name: str) -> int:
    return next(row.id for row in window.documents_model.rows if row.name == name)


def select(window: MainWindow, *names: str) -> None:
    panel = window.documents_panel
    selection = panel.tree.selectionModel()
    selection.clearSelection()
    for name in names:
        index = panel.proxy.mapFromSource(window.documents_model.index_of_document(document_id(window, name)))
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def action(menu: QMenu, text: str):  # type: ignore[no-untyped-def]
    return next(a for a in menu.actions() if a.text() == text)


def case_values(path) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return rows(path, "SELECT c.name, a.name, v.value FROM attribute_values v JOIN cases c ON c.id = v.case_id "
                      "JOIN attributes a ON a.id = v.attribute_id ORDER BY c.name, a.name")


def test_the_tooltip_lists_the_metadata(window: MainWindow, tools: feature.DocumentInfoTools, qtbot) -> None:
    tree = window.documents_panel.tree
    index = window.documents_panel.proxy.mapFromSource(
        window.documents_model.index_of_document(document_id(window, NAME)))
    tree.scrollTo(index)
    point = tree.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, tree.viewport().mapToGlobal(point))
    QApplication.sendEvent(tree.viewport(), event)
    shown = QToolTip.text()
    assert shown.startswith(NAME) and shown.endswith("访谈编号: A01\n访谈对象: 某县人民医院院长\n访谈方式: 面对面")
    # a document without metadata keeps the panel's own tooltip
    plain = document_id(window, "P01 bureau")
    assert tools.tooltip(plain, "base") == "base"


def test_document_properties_shows_facts_and_metadata(window: MainWindow, tools: feature.DocumentInfoTools) -> None:
    select(window, NAME)
    menu = window.documents_menu()
    assert action(menu, feature.PROPERTIES).isEnabled() and action(menu, feature.COPY_SELECTED).isEnabled()
    action(menu, feature.PROPERTIES).trigger()
    dialog = tools.dialog
    assert dialog is not None and dialog.isVisible() and NAME in dialog.windowTitle()
    entries = dialog.entries()
    assert ("Case", "–") in entries and ("Language", "zh") in entries
    assert entries[-3:] == [("访谈编号", "A01"), ("访谈对象", "某县人民医院院长"), ("访谈方式", "面对面")]
    select(window, "P01 bureau", NAME)  # two documents: no properties, copying still offered
    menu = window.documents_menu()
    assert not action(menu, feature.PROPERTIES).isEnabled() and action(menu, feature.COPY_SELECTED).isEnabled()
    select(window, "P01 bureau")  # no metadata: nothing to copy
    assert not action(window.documents_menu(), feature.COPY_SELECTED).isEnabled()


def test_copy_metadata_to_attributes_then_undo_and_redo(
    window: MainWindow, tools: feature.DocumentInfoTools, sample: Sample
) -> None:
    stack = window.bench.undo_stack
    select(window, NAME)
    action(window.documents_menu(), feature.COPY_SELECTED).trigger()
    expected = [(NAME, "访谈对象", "某县人民医院院长"), (NAME, "访谈方式", "面对面"), (NAME, "访谈编号", "A01")]
    assert case_values(sample.path) == expected
    assert stack.undoText() == "Copy metadata of 1 document(s) to case attributes"
    row = next(r for r in window.documents_model.rows if r.name == NAME)
    assert row.case_name == NAME and row.attributes["访谈方式"] == "面对面"  # the panel shows it at once

    stack.undo()
    assert case_values(sample.path) == [] and rows(sample.path, "SELECT name FROM cases") == []
    assert next(r for r in window.documents_model.rows if r.name == NAME).case_name is None

    stack.redo()
    assert case_values(sample.path) == expected
    assert rows(sample.path, "SELECT count(*) FROM audit_events WHERE action LIKE '%metadata-to-attributes'") == [(3,)]


def test_a_conflict_is_refused_with_the_values_named(
    window: MainWindow, tools: feature.DocumentInfoTools, sample: Sample, messages: list[str]
) -> None:
    from app.commands import AttachDocumentsCommand, SetAttributeValueCommand
    from coding import cases

    with window.bench.project.session() as session:
        cases.add_case(session, "Director", actor="Alice")
    window.bench.execute(AttachDocumentsCommand(window.bench, "Director", [NAME], []))
    window.bench.execute(SetAttributeValueCommand(window.bench, "Director", "访谈方式", "电话"))
    before, depth = case_values(sample.path), window.bench.undo_stack.count()
    assert tools.copy_all() is False
    assert messages
    assert f"case Director, 访谈方式: the case has '电话', {NAME} says '面对面'" in messages[-1]
    assert case_values(sample.path) == before and window.bench.undo_stack.count() == depth
