"""Opening a large project: what the first paint must not do, counted (calls, statements), never timed.

- the Codebook counts per code in one pass over the codings, not one per column;
- a large project opens with its counts blank and reads them in a pool thread; an edit made meanwhile is not
  lost (the counts are read again) and the numbers land where a recount would;
- the Documents tree lays out its rows once per reload, and a selection change does not make the header ask
  about every unselectable group row;
- the coder picker does not count anyone's codings.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import Engine, event

from app import open_counts
from app.itemmodels.documents_model import DocumentsModel
from app.main import MainWindow
from app.panels import DocumentsPanel
from coding.readers import DocumentRow
from tests.app.conftest import EN_TEXT, Sample
from tests.app.helpers import code_id, rows

GROUPS = 1500  # single-document case groups, as in the synthetic 100x project (5,500 of them)


def open_recording(main: MainWindow, path: Path, coder: str) -> list[str]:
    """The statements opening ``path`` runs on the GUI thread."""
    statements: list[str] = []

    def seen(_conn, _cursor, statement, _params, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            statements.append(" ".join(statement.split()))

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        assert main.open_project(path, coder=coder)
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    return statements


def true_counts(sample: Sample, coder_id: int | None = None) -> dict[int, int]:
    where, params = ("WHERE coder_id = ?", (coder_id,)) if coder_id is not None else ("", ())
    return dict(rows(sample.path, f"SELECT code_id, count(*) FROM codings {where} GROUP BY code_id", *params))


def test_opening_counts_codes_in_one_pass_and_does_not_count_coders(  # type: ignore[no-untyped-def]
        qtbot, sample: Sample, settings, messages) -> None:
    main = MainWindow(None, settings)
    qtbot.addWidget(main)
    main.show()
    statements = open_recording(main, sample.path, "Alice")
    per_code = [s for s in statements if "GROUP BY codings.code_id" in s]
    assert len(per_code) == 1, per_code  # "Mine" and "All" from one pass over the codings
    assert not [s for s in statements if "GROUP BY codings.coder_id" in s]  # the coder picker counts nothing
    assert main.codebook_model.everyone == true_counts(sample)
    assert main.codebook_model.mine == true_counts(sample, sample.alice_id)
    assert not main.counts_loader.pending  # a small project counts as it opens
    main.close()


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat any project as large: its counts are read in the background."""
    monkeypatch.setattr(open_counts, "DEFER_ABOVE", 0)


def test_a_large_project_shows_first_and_fills_in_its_counts(  # type: ignore[no-untyped-def]
        qtbot, sample: Sample, settings, messages, large) -> None:
    main = MainWindow(None, settings)
    qtbot.addWidget(main)
    main.show()
    statements = open_recording(main, sample.path, "Alice")
    assert not [s for s in statements if "FROM codings GROUP BY" in s]  # no count on the way to the window
    model = main.documents_model
    en = model.index_of_document(sample.en_id)
    assert main.counts_loader.pending
    assert model.data(en.siblingAtColumn(DocumentsModel.MINE)) == ""  # blank, not "–" (not known yet)
    assert main.codebook_model.everyone == {}
    qtbot.waitUntil(lambda: not main.counts_loader.pending, timeout=20_000)
    assert main.codebook_model.everyone == true_counts(sample)
    assert main.codebook_model.mine == true_counts(sample, sample.alice_id) == {}
    en_row = next(row for row in model.rows if row.id == sample.en_id)
    assert (en_row.my_codings, en_row.all_codings) == (0, 1)  # Bob's coding of the fixture
    assert model.data(model.index_of_document(sample.en_id).siblingAtColumn(DocumentsModel.MINE)) == "–"
    assert main.counts_loader.reads == 1
    main.close()


def test_an_edit_while_the_counts_are_read_is_counted(  # type: ignore[no-untyped-def]
        qtbot, sample: Sample, settings, messages, large) -> None:
    main = MainWindow(None, settings)
    qtbot.addWidget(main)
    main.show()
    assert main.open_project(sample.path, coder="Alice")
    assert main.counts_loader.pending
    main.open_document(sample.en_id)
    start = EN_TEXT.index("The hospitals stopped")
    main.transcript.select(start, start + len("The hospitals stopped"))
    owner = code_id(sample.path, "Owner functions")
    main.apply_code(next(info.uuid for info in main.code_infos.values() if info.id == owner))
    qtbot.waitUntil(lambda: not main.counts_loader.pending, timeout=20_000)
    assert main.counts_loader.reads == 2  # the first reading may have missed the edit: read again
    assert main.codebook_model.mine == true_counts(sample, sample.alice_id) == {owner: 1}
    assert main.codebook_model.everyone == true_counts(sample)
    en_row = next(row for row in main.documents_model.rows if row.id == sample.en_id)
    assert (en_row.my_codings, en_row.all_codings) == (1, 2)
    main.undo()  # after the counts are in, the edits move them as before
    assert main.codebook_model.mine == {}
    main.close()


def test_closing_while_the_counts_are_read_drops_them(  # type: ignore[no-untyped-def]
        qtbot, sample: Sample, settings, messages, large, tmp_path: Path) -> None:
    other = tmp_path / "other.concord"
    shutil.copy(sample.path, other)
    main = MainWindow(None, settings)
    qtbot.addWidget(main)
    main.show()
    assert main.open_project(sample.path, coder="Alice")
    main.close_project()
    assert not main.counts_loader.pending
    assert main.open_project(other, coder="Alice")
    qtbot.waitUntil(lambda: not main.counts_loader.pending, timeout=20_000)
    qtbot.wait(200)  # the first project's reading, if it comes back now, changes nothing
    assert main.codebook_model.everyone == true_counts(sample)
    main.close()


# -- the Documents tree over many case groups -----------------------------------------------------------------
def many_rows(count: int) -> list[DocumentRow]:
    return [DocumentRow(i, f"u{i}", f"interview_{i:04}", "en", "txt", 12_000, 200, 700, f"case_{i:04}", (),
                        {"mode": "A"}, i % 3, i % 5) for i in range(count)]


@pytest.fixture
def counted(qtbot, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A shown Documents panel whose model counts its calls from the view by method name."""
    calls: dict[str, int] = {}
    for name in ("flags", "hasChildren"):
        original = getattr(DocumentsModel, name)

        def counting(self, *args, _original=original, _name=name):  # type: ignore[no-untyped-def]
            calls[_name] = calls.get(_name, 0) + 1
            return _original(self, *args)

        monkeypatch.setattr(DocumentsModel, name, counting)
    model = DocumentsModel()
    panel = DocumentsPanel(model)
    holder = QMainWindow()
    holder.setCentralWidget(panel)
    holder.resize(500, 800)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    yield panel, calls
    holder.close()  # (held here until the test ends: the panel lives in it)


def test_reloading_lays_out_the_groups_once(counted) -> None:  # type: ignore[no-untyped-def]
    panel, calls = counted
    calls.clear()
    panel.model.reload(many_rows(GROUPS), ["mode"])  # more columns than the empty model had
    panel.after_reload()
    panel.tree.indexAt(QPoint(2, 2))  # makes the view lay out what it still owes
    assert GROUPS <= calls.get("hasChildren", 0) < 2 * GROUPS  # once per group, not twice


def test_a_selection_change_does_not_ask_about_every_group(qtbot, counted) -> None:  # type: ignore[no-untyped-def]
    panel, calls = counted
    rows_ = many_rows(GROUPS)
    panel.model.reload(rows_, ["mode"])
    panel.after_reload()
    qtbot.wait(50)
    calls.clear()
    panel.mark_current(rows_[3].id)
    panel.tree.header().viewport().repaint()  # the header repaints after a selection change
    qtbot.wait(50)
    assert calls.get("flags", 0) < GROUPS  # Qt would check every unselectable group row, for every column


def test_marking_a_document_scrolls_only_when_it_is_off_screen(qtbot, counted) -> None:  # type: ignore[no-untyped-def]
    """The current document is always in view: one on screen is marked without scrolling (no layout of the
    rows above it), one further down is scrolled to."""
    panel, _calls = counted
    rows_ = many_rows(GROUPS)
    panel.model.reload(rows_, ["mode"])
    panel.after_reload()
    qtbot.wait(50)
    bar = panel.tree.verticalScrollBar()
    panel.mark_current(rows_[1].id)
    assert bar.value() == 0
    far = rows_[GROUPS - 1]
    panel.mark_current(far.id)
    current = panel.tree.currentIndex()
    assert panel.model.document(panel.proxy.mapToSource(current)).id == far.id
    assert bar.value() > 0
    assert panel.tree.viewport().rect().intersects(panel.tree.visualRect(current))
    assert panel.tree.hasAutoScroll()  # put back for the user's own selections
