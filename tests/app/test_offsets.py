"""Code points <-> UTF-16: the converter at the edge between documents and Qt."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from app.offsets import OffsetMap

TEXTS = [
    "plain ASCII text",
    "中文访谈记录，没有补充平面字符。",
    "emoji 😀 in the middle 👍🏽 twice",
    "rare CJK 𠀀𠀁 (Extension B) next to 中文",
    "😀",
    "",
    "a\nb😀\nc",
]


@pytest.mark.parametrize("text", TEXTS)
def test_round_trip_for_every_offset(text: str) -> None:
    offsets = OffsetMap(text)
    for index in range(len(text) + 1):
        assert offsets.from_qt(offsets.to_qt(index)) == index
    assert offsets.to_qt(len(text)) == offsets.qt_length == len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", TEXTS)
def test_qt_selection_of_converted_span_is_the_python_slice(qapp, text: str) -> None:
    document = QTextDocument()
    document.setPlainText(text)
    offsets = OffsetMap(text)
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            cursor = QTextCursor(document)
            cursor.setPosition(offsets.to_qt(start))
            cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            assert cursor.selectedText().replace("\u2029", "\n") == text[start:end]


def test_bmp_text_takes_the_identity_fast_path() -> None:
    offsets = OffsetMap("中文 and English, no astral characters")
    assert offsets.is_identity
    assert offsets.to_qt(5) == 5 and offsets.from_qt(5) == 5


def test_astral_characters_take_two_qt_units() -> None:
    text = "a😀b𠀀c"
    offsets = OffsetMap(text)
    assert not offsets.is_identity
    assert [offsets.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]


def test_position_inside_a_surrogate_pair_maps_to_its_character() -> None:
    offsets = OffsetMap("a😀b")
    assert offsets.from_qt(2) == 1  # between the two halves of the emoji
    # A selection ending between the halves takes in the whole character.
    assert offsets.span_from_qt(0, 2) == (0, 2)


def test_out_of_range_positions_are_clamped() -> None:
    offsets = OffsetMap("ab😀")
    assert offsets.to_qt(-4) == 0
    assert offsets.to_qt(99) == 4
    assert offsets.from_qt(99) == 3
