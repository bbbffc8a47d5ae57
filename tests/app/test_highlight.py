"""Coverage intervals (the sweep), blended colours, and painting them into a document."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QTextCursor, QTextDocument

from app.highlight import HighlightPainter, blend_colours, coverage_intervals, intervals_touching
from app.offsets import OffsetMap

CASES = [
    ("nothing", [], []),
    ("one span", [(2, 5, 1)], [(2, 5, (1,))]),
    ("empty span ignored", [(3, 3, 1)], []),
    ("disjoint", [(0, 2, 1), (4, 6, 2)], [(0, 2, (1,)), (4, 6, (2,))]),
    ("overlap", [(0, 5, 1), (3, 8, 2)], [(0, 3, (1,)), (3, 5, (1, 2)), (5, 8, (2,))]),
    ("nested", [(0, 10, 1), (3, 5, 2)], [(0, 3, (1,)), (3, 5, (1, 2)), (5, 10, (1,))]),
    ("same code twice merges", [(0, 5, 1), (3, 8, 1)], [(0, 8, (1,))]),
    ("touching same code merges", [(0, 3, 1), (3, 6, 1)], [(0, 6, (1,))]),
    ("touching different codes", [(0, 3, 1), (3, 6, 2)], [(0, 3, (1,)), (3, 6, (2,))]),
    ("three deep", [(0, 9, 1), (2, 7, 2), (4, 5, 3)],
     [(0, 2, (1,)), (2, 4, (1, 2)), (4, 5, (1, 2, 3)), (5, 7, (1, 2)), (7, 9, (1,))]),
    ("unsorted input", [(5, 9, 2), (0, 6, 1)], [(0, 5, (1,)), (5, 6, (1, 2)), (6, 9, (2,))]),
]


@pytest.mark.parametrize(("label", "spans", "expected"), CASES, ids=[c[0] for c in CASES])
def test_coverage_intervals(label: str, spans: list, expected: list) -> None:
    assert coverage_intervals(spans) == expected


def test_intervals_touching_clips_to_the_region() -> None:
    intervals = coverage_intervals([(0, 10, 1), (20, 30, 2)])
    assert intervals_touching(intervals, 5, 25) == [(5, 10, (1,)), (20, 25, (2,))]


def test_blend_gets_stronger_with_more_codes_and_keeps_the_base_for_none() -> None:
    base = QColor("#ffffff")
    red, blue = QColor("#ff0000"), QColor("#0000ff")
    one = blend_colours([red], base, dark=False)
    two = blend_colours([red, blue], base, dark=False)
    assert blend_colours([], base, dark=False) == base
    assert one.red() == 255 and one.green() < 255  # tinted towards red, still light
    assert two.lightness() < one.lightness()  # the overlap reads darker than either alone


def test_dark_palette_blend_stays_dark() -> None:
    tint = blend_colours([QColor("#ffeb3b")], QColor("#202020"), dark=True)
    assert tint.lightness() < 128


def _background(document: QTextDocument, qt_position: int) -> QColor | None:
    cursor = QTextCursor(document)
    cursor.setPosition(qt_position + 1)  # the format of the character before the cursor
    brush = cursor.charFormat().background()
    return brush.color() if brush.style() != brush.style().NoBrush else None


def test_painter_paints_exactly_the_coded_characters_with_astral_text(qapp) -> None:
    text = "😀 owner functions 𠀀 and more"
    document = QTextDocument()
    document.setPlainText(text)
    offsets = OffsetMap(text)
    painter = HighlightPainter(document)
    painter.set_code_colours({1: "#ff0000"})
    start = text.index("owner")
    intervals = coverage_intervals([(start, start + len("owner"), 1)])
    painter.paint(intervals, offsets)
    coded = {i for i in range(len(text)) if _background(document, offsets.to_qt(i)) is not None}
    assert coded == set(range(start, start + 5))


def test_painting_a_region_clears_what_is_no_longer_coded(qapp) -> None:
    text = "one two three four"
    document = QTextDocument()
    document.setPlainText(text)
    offsets = OffsetMap(text)
    painter = HighlightPainter(document)
    painter.set_code_colours({1: "#00ff00"})
    painter.paint(coverage_intervals([(0, 7, 1)]), offsets)
    painter.paint(coverage_intervals([(0, 3, 1)]), offsets, region=(0, 7))
    coded = {i for i in range(len(text)) if _background(document, i) is not None}
    assert coded == {0, 1, 2}


def test_segments_model_announces_single_inserts_and_removals(qapp) -> None:
    from app.itemmodels.segments_model import SegmentsModel
    from coding.readers import SegmentRow

    def row(uuid: str, start: int) -> SegmentRow:
        return SegmentRow(uuid, 1, "doc", 1, 1, start, start + 5, "text", "")

    model = SegmentsModel()
    model.reload([row("a", 0), row("c", 20)], {}, {})
    events: list[tuple] = []
    model.rowsInserted.connect(lambda parent, first, last: events.append(("insert", first)))
    model.rowsRemoved.connect(lambda parent, first, last: events.append(("remove", first)))
    model.modelReset.connect(lambda: events.append(("reset",)))
    model.update([row("a", 0), row("b", 10), row("c", 20)], {}, {})
    model.update([row("a", 0), row("c", 20)], {}, {})
    model.update([row("c", 20), row("a", 0)], {}, {})
    assert events == [("insert", 1), ("remove", 1), ("reset",)]
    assert [model.segment(r).uuid for r in range(model.rowCount())] == ["c", "a"]


spans_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20), st.integers(1, 4)).map(lambda t: (t[0], t[0] + t[1], t[2])),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(before=spans_strategy, added=spans_strategy, removed_count=st.integers(0, 3))
def test_recomputing_only_the_changed_region_equals_a_full_sweep(before, added, removed_count) -> None:
    from app.highlight import recompute_region

    removed = before[:removed_count]
    after = before[removed_count:] + added
    changed = removed + added
    if not changed:
        return
    region = (min(s for s, _, _ in changed), max(e for _, e, _ in changed))
    assert recompute_region(coverage_intervals(before), after, *region) == coverage_intervals(after)
