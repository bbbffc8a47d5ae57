"""The Documents panel's filter (issue 13): a precomputed search key per document (name, case, groups, attribute
values), debounced typing, Enter at once; and opening a project reads the document rows once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.itemmodels.documents_model import GroupHeader
from app.main import MainWindow
from tests.app.conftest import Sample

CASE = "Participant Seven"


@pytest.fixture
def described(sample: Sample, tmp_path: Path) -> Sample:
    """The sample project with P01 in a case with a role, and P02 in a group."""
    from coding.cases import add_case, attach_document, set_attribute_value
    from coding.groups import add_group, add_to_group
    from coding.project import Project

    project = Project.open(sample.path)
    with project.session() as session:
        add_case(session, CASE, actor="test")
        attach_document(session, CASE, "P01 bureau", actor="test")
        set_attribute_value(session, CASE, "role", "Hospital director", actor="test")
        add_group(session, "Pilot wave", actor="test")
        add_to_group(session, "Pilot wave", ["P02 中文"], actor="test")
    project.close()
    return sample


@pytest.fixture
def opened(qtbot, described: Sample, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(described.path, settings, coder="Alice")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def shown_names(window: MainWindow) -> set[str]:
    """The document names the tree shows, read through the view's own model (the proxy)."""
    proxy, names = window.documents_panel.proxy, set()
    for top in range(proxy.rowCount()):
        parent = proxy.index(top, 0)
        for index in [parent, *(proxy.index(r, 0, parent) for r in range(proxy.rowCount(parent)))]:
            row = window.documents_model.document(proxy.mapToSource(index))
            if row is not None:
                names.add(row.name)
    return names


def filter_now(window: MainWindow, text: str) -> None:
    window.documents_panel.filter.setText(text)
    window.documents_panel.apply_filter()


@pytest.mark.parametrize(("text", "expected"), [
    ("bureau", {"P01 bureau"}),  # name
    ("中文", {"P02 中文"}),  # name, Chinese
    ("participant seven", {"P01 bureau"}),  # case, any letter case
    ("pilot", {"P02 中文"}),  # document group
    ("HOSPITAL dir", {"P01 bureau"}),  # attribute value
    ("no such thing", set()),
    ("", {"P01 bureau", "P02 中文"}),
])
def test_the_filter_finds_by_name_case_group_and_attribute_value(opened: MainWindow, text: str,
                                                                 expected: set[str]) -> None:
    filter_now(opened, text)
    assert shown_names(opened) == expected


def test_the_filter_keeps_rows_flat_without_groups_and_counts_whole_groups(opened: MainWindow) -> None:
    panel = opened.documents_panel
    filter_now(opened, "pilot")
    headers = [item.payload for item in opened.documents_model.root.children]
    assert [(h.name, h.count) for h in headers if isinstance(h, GroupHeader)] == [("No case", 1)]
    panel.group_by.setCurrentIndex(panel.group_by.findData("none"))
    assert shown_names(opened) == {"P02 中文"}
    assert all(not isinstance(item.payload, GroupHeader) for item in opened.documents_model.root.children)
    filter_now(opened, "")
    assert shown_names(opened) == {"P01 bureau", "P02 中文"}


def test_typing_is_debounced_into_one_filter_pass(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel, model = opened.documents_panel, opened.documents_model
    before = model.filter_passes
    for count in range(1, len("bureau") + 1):
        panel.filter.setText("bureau"[:count])  # one keystroke each
    assert model.filter_passes == before  # nothing yet: the timer waits for a pause
    assert shown_names(opened) == {"P01 bureau", "P02 中文"}
    qtbot.waitUntil(lambda: model.filter_passes > before)
    qtbot.wait(2 * 150)  # well past the delay: no second pass follows
    assert model.filter_passes == before + 1
    assert shown_names(opened) == {"P01 bureau"}


def test_enter_applies_the_filter_at_once(qtbot, opened: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel, model = opened.documents_panel, opened.documents_model
    before = model.filter_passes
    panel.filter.setFocus()
    qtbot.keyClicks(panel.filter, "pilot")
    qtbot.keyClick(panel.filter, Qt.Key.Key_Return)
    assert model.filter_passes == before + 1  # no waiting
    assert shown_names(opened) == {"P02 中文"}
    qtbot.wait(2 * 150)
    assert model.filter_passes == before + 1  # and the pending timer did not run it again


def test_the_current_document_stays_selected_across_filters(opened: MainWindow, described: Sample) -> None:
    opened.open_document(described.en_id)
    filter_now(opened, "pilot")
    filter_now(opened, "")
    tree = opened.documents_panel.tree
    current = opened.documents_model.document(opened.documents_panel.proxy.mapToSource(tree.currentIndex()))
    assert current is not None and current.id == described.en_id


def test_opening_a_project_reads_the_document_rows_once(qtbot, described: Sample, settings,  # type: ignore[no-untyped-def]
                                                        messages, tmp_path: Path) -> None:
    path = tmp_path / "again.concord"
    shutil.copy(described.path, path)
    main = MainWindow(None, settings)
    qtbot.addWidget(main)
    main.show()
    statements: list[str] = []

    def seen(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        assert main.open_project(path, coder="Alice")
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    listings = [s for s in statements if ("FROM documents" in s or "JOIN documents" in s)
                and "documents.id = ?" not in s]  # not the one document the transcript opens
    # The document list, read once: names, figures and cases in three narrow statements (the figures and the case
    # from the indexes holding them, not from rows stored after each text), each statement once.
    assert len(listings) == len(set(listings)) == 3, listings
    per_document_counts = [s for s in statements if "GROUP BY codings.document_id" in s]
    assert len(per_document_counts) == 1, per_document_counts  # both counts in one pass over the codings
    assert shown_names(main) == {"P01 bureau", "P02 中文"}
    main.close()
