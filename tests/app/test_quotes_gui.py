"""The passages the GUI shows are the text, character for character: Retrieve segments (the marked passage in
its sentence), the matrix's quotes and the workbench's segments panel — on codings that begin or end on a space
or cross a paragraph break ("soundsgreat" and "theCoordinator" were shown before)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from app.analysis import controller_of, install
from app.analysis.common import PAYLOAD_ROLE
from app.analysis.controller import AnalysisController
from app.analysis.delegates import passage_html
from app.itemmodels.segments_model import SEGMENT_ROLE
from app.main import MainWindow
from coding.analysis.quotes import one_line
from tests.core.quote_world import CODER, QUOTES, TEXT, build_quote_project

TIMEOUT = 30_000


@pytest.fixture
def main(qtbot, tmp_path: Path, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(build_quote_project(tmp_path / "quotes.concord"), settings, coder=CODER)
    qtbot.addWidget(window)
    window.show()
    install(window)
    yield window
    window.close()


def rendered(html: str) -> tuple[str, str]:
    """What a reader sees of passage HTML: the whole text, and the characters drawn with the mark."""
    document = QTextDocument()
    document.setHtml(html)
    text = document.toPlainText()
    cursor = QTextCursor(document)
    marked = []
    for position in range(len(text)):
        cursor.setPosition(position + 1)  # the format of the character before the cursor
        if cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush:
            marked.append(position)
    return text, (text[marked[0]:marked[-1] + 1] if marked else "")


def retrieve_view(qtbot, main: MainWindow):  # type: ignore[no-untyped-def]
    analysis = controller_of(main)
    assert isinstance(analysis, AnalysisController)
    from app.analysis.window import AnalysisWindow

    analysis.analysis_window = analysis.analysis_window or AnalysisWindow(analysis, analysis.window)
    with qtbot.waitSignal(analysis.analysis_window.view("retrieve").loaded, timeout=TIMEOUT):
        view = analysis.show("retrieve")
    assert view is not None and not view.error
    return view


def shown_in_retrieve(view) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    """(context, marked words, segment text, display text) of every row."""
    rows = []
    for row in range(view.model.rowCount()):
        index = view.model.index(row, view.model.PASSAGE)
        context, start, end, colour = index.data(PAYLOAD_ROLE)
        text, marked = rendered(passage_html(context, start, end, colour))
        segment = view.model.segment(row)
        assert text == segment.context, "the passage shown differs from the text"
        rows.append((text, marked, segment.text, index.data()))
    return rows


def test_retrieve_segments_marks_exactly_the_coded_characters(qtbot, main: MainWindow) -> None:
    view = retrieve_view(qtbot, main)
    rows = shown_in_retrieve(view)
    assert [marked for _, marked, _, _ in rows] == list(QUOTES)
    assert all(text == TEXT[TEXT.index(text):TEXT.index(text) + len(text)] for text, _, _, _ in rows)
    assert rows[0][0] == "It sounds great to me."  # not "It soundsgreat to me."
    assert rows[2][3] == one_line(rows[2][0])  # the plain display role keeps spaces, marks the break

    # do: code " Coordinator " (spaces both sides) in the workbench; the view shows it exactly
    main.open_document(view.model.segment(0).document_id)
    start = TEXT.index(" Coordinator ")
    info = next(i for i in main.code_infos.values() if i.name == "Organizational changes")
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        assert main.apply_code(info.uuid, (start, start + len(" Coordinator ")))
    rows = shown_in_retrieve(view)
    added = [row for row in range(view.model.rowCount()) if view.model.segment(row).code_name == info.name]
    assert len(rows) == len(QUOTES) + 1 and len(added) == 1
    segment = view.model.segment(added[0])
    assert rows[added[0]][1] == segment.text == TEXT[segment.start:segment.end]
    assert segment_panel_texts(main)[segment.start] == one_line(segment.text)

    # undo: the passage goes from both views, the others are still exact
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        main.bench.undo_stack.undo()
    assert [marked for _, marked, _, _ in shown_in_retrieve(view)] == list(QUOTES)
    assert segment_panel_texts(main) == {TEXT.index(quote): one_line(quote) for quote in QUOTES}


def segment_panel_texts(main: MainWindow) -> dict[int, str]:
    model = main.segments_model
    return {model.index(r, 0).data(SEGMENT_ROLE).start: model.index(r, model.PASSAGE).data()
            for r in range(model.rowCount())}


def test_segments_panel_shows_each_coded_passage_as_written(qtbot, main: MainWindow) -> None:
    # " great to me." and "I called the " keep their edge spaces; the paragraph break shows as ⏎
    assert segment_panel_texts(main) == {TEXT.index(quote): one_line(quote) for quote in QUOTES}


def test_matrix_quotes_pane_html_keeps_every_character() -> None:
    context = "It sounds great to me. I called the Coordinator at once."
    for quote in (" great to me.", "I called the "):
        start = context.index(quote)
        text, marked = rendered(f"<p>{passage_html(context, start, start + len(quote), '#ff0000', bold=False)}</p>")
        assert (text, marked) == (context, quote)
