"""Find in the transcript: Ctrl+F, next/previous, highlight all, a hit count, Chinese words, emoji before a hit,
Escape, and "Code this hit" as one undoable command."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import find_bar
from app.main import MainWindow
from tests.app.conftest import EN_TEXT, ZH_TEXT, Sample
from tests.app.helpers import code_id, rows


def _open(window: MainWindow, qtbot, document_id: int) -> find_bar.FindBar:  # type: ignore[no-untyped-def]
    find_bar.install(window)
    window.open_document(document_id)
    window.transcript.edit.setFocus()
    qtbot.keyClick(window.transcript.edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = find_bar.bar_of(window)
    assert bar is not None and bar.isVisible()
    return bar


def _starts(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _codings(sample: Sample, document_id: int) -> list[tuple[int, int, int]]:
    return rows(sample.path, "SELECT code_id, start, \"end\" FROM codings WHERE document_id = ? ORDER BY id",
                document_id)


def test_ctrl_f_finds_steps_counts_and_escape_closes(qtbot, window: MainWindow, sample: Sample) -> None:
    bar = _open(window, qtbot, sample.en_id)
    window.transcript.select(0, 0)
    qtbot.keyClicks(bar.query, "group")
    # "group" as a word: not inside "groups"; case ignored.
    expected = [(s, s + 5) for s in _starts(EN_TEXT, "group")]
    assert bar.hits == expected and len(expected) == 4
    assert bar.count.text() == "1 of 4"
    assert window.transcript.selection() == expected[0]
    assert len(window.transcript.edit.extraSelections()) == 4  # every hit highlighted
    qtbot.keyClick(bar.query, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 4" and window.transcript.selection() == expected[1]
    qtbot.keyClick(bar.query, Qt.Key.Key_F3)
    assert bar.count.text() == "3 of 4" and window.transcript.selection() == expected[2]
    qtbot.keyClick(bar.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.query, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 4"
    qtbot.keyClick(bar.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # wraps round
    assert bar.count.text() == "4 of 4" and window.transcript.selection() == expected[3]
    bar.query.setText("zebra")
    assert bar.count.text() == "No hits" and window.transcript.edit.extraSelections() == []
    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.transcript.edit.extraSelections() == []


def test_code_this_hit_after_an_emoji_in_chinese_is_one_undo_step(qtbot, window: MainWindow, sample: Sample) -> None:
    bar = _open(window, qtbot, sample.zh_id)
    bar.query.insert("检查")  # typed through an input method: QTest cannot key-click Chinese
    start = ZH_TEXT.index("检查")
    assert ZH_TEXT.index("😀") < start  # an emoji (two UTF-16 units) comes before the hit
    assert bar.hits == [(start, start + 2)] and bar.count.text() == "1 of 1"
    cursor = window.transcript.edit.textCursor()
    assert cursor.selectedText() == "检查"  # Qt positions are the UTF-16 ones, not the code points
    assert cursor.selectionStart() == start + 1
    owner = code_id(sample.path, "Owner functions")
    window.codebook_panel.select_code(owner)
    before = _codings(sample, sample.zh_id)
    qtbot.mouseClick(bar.code_button, Qt.MouseButton.LeftButton)
    assert _codings(sample, sample.zh_id) == [*before, (owner, start, start + 2)]
    assert window.bench is not None
    window.bench.undo_stack.undo()
    assert _codings(sample, sample.zh_id) == before
    window.bench.undo_stack.redo()
    assert _codings(sample, sample.zh_id) == [*before, (owner, start, start + 2)]


def test_chinese_word_search_uses_jieba_words(qtbot, window: MainWindow, sample: Sample) -> None:
    bar = _open(window, qtbot, sample.zh_id)
    bar.query.setText("医联体")
    assert [ZH_TEXT[s:e] for s, e in bar.hits] == ["医联体", "医联体"]
    bar.query.setText("监管")
    assert [s for s, _e in bar.hits] == _starts(ZH_TEXT, "监管")
    assert bar.count.text() == "1 of 2"
    window.open_document(sample.en_id)  # another document: the bar finds in that one
    assert bar.hits == [] and bar.count.text() == "No hits"
    bar.query.setText("council")
    assert [EN_TEXT[s:e] for s, e in bar.hits] == ["council", "council"]


def test_code_this_hit_without_a_chosen_code_opens_the_palette_on_the_hit(
    qtbot, window: MainWindow, sample: Sample
) -> None:
    bar = _open(window, qtbot, sample.en_id)
    window.codebook_panel.tree.clearSelection()
    window.codebook_panel.tree.setCurrentIndex(window.codebook_panel.tree.rootIndex())
    bar.query.setText("council")
    before = _codings(sample, sample.en_id)
    assert bar.code_current_hit() is False
    assert window.palette_popup is not None and window.palette_popup.isVisible()
    assert window.transcript.selection() == bar.current_hit()
    assert _codings(sample, sample.en_id) == before  # nothing coded until a code is chosen
    owner_uuid = rows(sample.path, "SELECT uuid FROM codes WHERE name = 'Owner functions'")[0][0]
    window.palette_popup.code_chosen.emit(owner_uuid)
    start, end = bar.current_hit()
    assert _codings(sample, sample.en_id) == [*before, (code_id(sample.path, "Owner functions"), start, end)]
    assert window.bench is not None
    window.bench.undo_stack.undo()
    assert _codings(sample, sample.en_id) == before
