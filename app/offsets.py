"""Convert between document offsets (Python code points) and Qt text positions (UTF-16 units).

Concord stores offsets as indices into a Python ``str``; ``QTextCursor`` counts UTF-16 code units,
so every character outside the Basic Multilingual Plane (emoji, rare CJK ideographs in the
supplementary planes) takes two Qt positions. The conversion happens only at the edge between a
document and its Qt view; a text without such characters takes a fast path that returns the
offset unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters that take two UTF-16 units


class OffsetMap:
    """Both-way mapping between code-point offsets and UTF-16 positions of one text.

    Only the characters outside the BMP are remembered (the offset and the UTF-16 position of each, ascending),
    and a position is found by bisecting them: plain Python, so the first window need not import numpy.
    """

    __slots__ = ("_astral_at", "_astral_offsets", "length", "qt_length")

    def __init__(self, text: str) -> None:
        self.length = len(text)
        utf16_units = len(text.encode("utf-16-le")) // 2
        self.qt_length = utf16_units
        self._astral_offsets: list[int] = []  # code-point offset of each astral character
        self._astral_at: list[int] | None = None  # its UTF-16 position (offset + k); None: all in the BMP
        if utf16_units != self.length:
            self._astral_offsets = [match.start() for match in ASTRAL.finditer(text)]
            self._astral_at = [offset + k for k, offset in enumerate(self._astral_offsets)]

    @property
    def is_identity(self) -> bool:
        return self._astral_at is None

    def to_qt(self, index: int) -> int:
        """UTF-16 position of code-point offset ``index`` (clamped to the text)."""
        index = min(max(index, 0), self.length)
        if self._astral_at is None:
            return index
        return index + bisect_left(self._astral_offsets, index)  # one more unit per astral character before it

    def from_qt(self, position: int) -> int:
        """Code-point offset of UTF-16 ``position``; a position inside a surrogate pair maps to its character."""
        position = min(max(position, 0), self.qt_length)
        if self._astral_at is None:
            return position
        whole = bisect_right(self._astral_at, position - 2)  # astral characters wholly before ``position``
        inside = whole < len(self._astral_at) and self._astral_at[whole] == position - 1
        return position - whole - (1 if inside else 0)

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
