"""Convert between document offsets (Python code points) and Qt text positions (UTF-16 units).

Concord stores offsets as indices into a Python ``str``; ``QTextCursor`` counts UTF-16 code units,
so every character outside the Basic Multilingual Plane (emoji, rare CJK ideographs in the
supplementary planes) takes two Qt positions. The conversion happens only at the edge between a
document and its Qt view; a text without such characters takes a fast path that returns the
offset unchanged.
"""

from __future__ import annotations

import numpy as np


class OffsetMap:
    """Both-way mapping between code-point offsets and UTF-16 positions of one text."""

    __slots__ = ("_qt_of_index", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        utf16_units = len(text.encode("utf-16-le")) // 2
        self.qt_length = utf16_units
        if utf16_units == self.length:
            self._qt_of_index: np.ndarray | None = None  # all characters in the BMP
            return
        code_points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
        extra_units = (code_points > 0xFFFF).astype(np.int64)
        # _qt_of_index[i] = UTF-16 position of code point i (one more entry for the end).
        self._qt_of_index = np.arange(self.length + 1, dtype=np.int64)
        self._qt_of_index[1:] += np.cumsum(extra_units)

    @property
    def is_identity(self) -> bool:
        return self._qt_of_index is None

    def to_qt(self, index: int) -> int:
        """UTF-16 position of code-point offset ``index`` (clamped to the text)."""
        index = min(max(index, 0), self.length)
        if self._qt_of_index is None:
            return index
        return int(self._qt_of_index[index])

    def from_qt(self, position: int) -> int:
        """Code-point offset of UTF-16 ``position``; a position inside a surrogate pair maps to its character."""
        position = min(max(position, 0), self.qt_length)
        if self._qt_of_index is None:
            return position
        return int(np.searchsorted(self._qt_of_index, position, side="right") - 1)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_from_qt(self, start: int, end: int) -> tuple[int, int]:
        """Code-point span of a Qt selection; an end inside a surrogate pair takes in the whole character."""
        first = self.from_qt(start)
        last = self.from_qt(end)
        if self.to_qt(last) < end:
            last += 1
        return first, min(last, self.length)


__all__ = ["OffsetMap"]
