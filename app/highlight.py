"""Coding highlights in the transcript: coverage intervals computed in Python, painted in one pass.

Overlapping codings are not painted on top of each other. A sweep over start/end events cuts the
text into intervals, each covered by one distinct set of codes; every set gets one blended colour,
and each interval is painted with one ``QTextCursor.mergeCharFormat`` call inside one edit block.
No ``QSyntaxHighlighter`` subclass and no ``ExtraSelection`` lists (see the PySide6 6.12 trap in
docs/gui.md): char formats live in the document itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextDocument

from app.offsets import OffsetMap

CodeSet = tuple[int, ...]
Interval = tuple[int, int, CodeSet]


def coverage_intervals(spans: Iterable[tuple[int, int, int]]) -> list[Interval]:
    """Cut ``(start, end, code_id)`` spans into maximal intervals with one set of codes each.

    Intervals come sorted, never overlap, never carry an empty set, and two neighbours never carry
    the same set (they are merged). The same code applied twice over a stretch counts once.
    """
    events: list[tuple[int, int, int]] = []
    for start, end, code_id in spans:
        if end > start:
            events.append((start, 1, code_id))
            events.append((end, -1, code_id))
    events.sort()
    active: Counter[int] = Counter()
    intervals: list[Interval] = []
    previous = 0
    index = 0
    while index < len(events):
        position = events[index][0]
        if active and position > previous:
            _append_merged(intervals, previous, position, tuple(sorted(active)))
        while index < len(events) and events[index][0] == position:
            _, delta, code_id = events[index]
            active[code_id] += delta
            if active[code_id] == 0:
                del active[code_id]
            index += 1
        previous = position
    return intervals


def _append_merged(intervals: list[Interval], start: int, end: int, codes: CodeSet) -> None:
    if intervals and intervals[-1][1] == start and intervals[-1][2] == codes:
        intervals[-1] = (intervals[-1][0], end, codes)
    else:
        intervals.append((start, end, codes))


def recompute_region(
    intervals: Sequence[Interval], spans: Iterable[tuple[int, int, int]], start: int, end: int
) -> list[Interval]:
    """``coverage_intervals`` of all ``spans``, given the old intervals and the only region that changed.

    Outside ``[start, end)`` the old intervals stay; inside, the spans touching the region are swept
    again, clipped to it. Costs the region, not the document (one coding applied → a few intervals).
    """
    inside = coverage_intervals(
        (max(s, start), min(e, end), code) for s, e, code in spans if s < end and e > start
    )
    result: list[Interval] = []
    for s, e, codes in intervals:
        if s < start:
            _append_merged(result, s, min(e, start), codes)
    for s, e, codes in inside:
        _append_merged(result, s, e, codes)
    for s, e, codes in intervals:
        if e > end:
            _append_merged(result, max(s, end), e, codes)
    return result


def intervals_touching(intervals: Sequence[Interval], start: int, end: int) -> list[Interval]:
    """The intervals overlapping ``[start, end)``, clipped to it."""
    return [(max(s, start), min(e, end), codes) for s, e, codes in intervals if s < end and e > start]


def blend_colours(colours: Sequence[QColor], base: QColor, dark: bool) -> QColor:
    """One background for a set of codes: their mean colour laid over the base at a readable strength.

    More codes give a stronger tint, so overlaps stand out; dark palettes take a little more
    colour because tints on a dark base read weaker.
    """
    if not colours:
        return QColor(base)
    red = sum(c.redF() for c in colours) / len(colours)
    green = sum(c.greenF() for c in colours) / len(colours)
    blue = sum(c.blueF() for c in colours) / len(colours)
    strength = (0.42 if dark else 0.32) + 0.12 * (len(colours) - 1)
    strength = min(strength, 0.7)
    return QColor.fromRgbF(
        base.redF() * (1 - strength) + red * strength,
        base.greenF() * (1 - strength) + green * strength,
        base.blueF() * (1 - strength) + blue * strength,
    )


class HighlightPainter:
    """Paints coverage intervals into a ``QTextDocument`` as background char formats."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.base = QColor("#ffffff")
        self.dark = False
        self._formats: dict[CodeSet, QTextCharFormat] = {}
        self._colours: dict[int, QColor] = {}

    def set_palette(self, base: QColor, dark: bool) -> None:
        self.base, self.dark = QColor(base), dark
        self._formats.clear()

    def set_code_colours(self, colours: dict[int, str]) -> None:
        self._colours = {code_id: QColor(value) for code_id, value in colours.items()}
        self._formats.clear()

    def colour_of(self, codes: CodeSet) -> QColor:
        colours = [self._colours.get(code_id, QColor("#9e9e9e")) for code_id in codes]
        return blend_colours(colours, self.base, self.dark)

    def _format(self, codes: CodeSet) -> QTextCharFormat:
        fmt = self._formats.get(codes)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(self.colour_of(codes))
            self._formats[codes] = fmt
        return fmt

    def paint(self, intervals: Sequence[Interval], offsets: OffsetMap, region: tuple[int, int] | None = None) -> int:
        """Clear the backgrounds of ``region`` (default: all) and paint the intervals inside it.

        Returns the number of intervals painted. Offsets are code points; they are converted to
        Qt positions here, at the edge.
        """
        start, end = region if region is not None else (0, offsets.length)
        if end <= start:
            return 0
        cursor = QTextCursor(self.document)
        cursor.beginEditBlock()
        try:
            clear = QTextCharFormat()
            clear.setBackground(QBrush())
            _select(cursor, offsets.to_qt(start), offsets.to_qt(end))
            cursor.mergeCharFormat(clear)
            painted = intervals_touching(intervals, start, end) if region is not None else intervals
            for first, last, codes in painted:
                _select(cursor, offsets.to_qt(first), offsets.to_qt(last))
                cursor.mergeCharFormat(self._format(codes))
        finally:
            cursor.endEditBlock()
        return len(painted)


def _select(cursor: QTextCursor, start: int, end: int) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)


__all__ = [
    "CodeSet",
    "HighlightPainter",
    "Interval",
    "blend_colours",
    "coverage_intervals",
    "intervals_touching",
    "recompute_region",
]
