"""Paragraph numbers of a document's text, for citing a quote as a reader finds it ("¶12").

A paragraph is a line of the document's text that holds something other than white space; blank lines
between paragraphs (imports separate paragraphs by an empty line) do not count. A position's paragraph is
the one its line belongs to; a position on a blank line belongs to the next paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE = re.compile(r"[^\n]*\n?")


class ParagraphIndex:
    """The paragraphs of one text, for many look-ups (binary search over paragraph starts)."""

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for line in _LINE.finditer(text):
            if line.group().strip():
                starts.append(line.start())
                ends.append(line.end())
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    def number(self, offset: int) -> int:
        """The 1-based number of the paragraph holding ``offset`` (0 when the text has no paragraph)."""
        if not self._starts:
            return 0
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return 1
        if offset >= self._ends[index] and index + 1 < len(self._starts):  # on a blank line: the next one
            return index + 2
        return index + 1


def paragraph_number(text: str, offset: int) -> int:
    """The 1-based paragraph of ``text`` that character ``offset`` falls in (see the module notes)."""
    return ParagraphIndex(text).number(offset)


__all__ = ["ParagraphIndex", "paragraph_number"]
