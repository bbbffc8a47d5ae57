"""Counts moved in place (DocumentsModel.update_counts) leave the Documents tree exactly as a fresh load would show
it: rows, the coded dots and the group headers' "coded" counts, in every grouping and while filtered."""

from __future__ import annotations

from typing import Any

import pytest

from app.itemmodels.documents_model import DocumentsModel, GroupHeader
from coding.readers import DocumentRow


def _rows(mine: dict[int, int]) -> list[DocumentRow]:
    cases = ["P01", "P01", "P02", None, "P03"]
    groups: list[tuple[str, ...]] = [("Pilot",), ("Pilot", "Wave 2"), ("Wave 2",), (), ("Pilot",)]
    return [
        DocumentRow(i, f"uuid-{i}", f"interview_{i:02}", "en", "txt", 100, 10, 20, cases[i - 1], groups[i - 1],
                    my_codings=mine.get(i, 0), all_codings=2 * mine.get(i, 0))
        for i in range(1, 6)
    ]


def _shown(model: DocumentsModel) -> list[Any]:
    """Everything the tree holds, in order: headers with their counts, documents with theirs."""
    out: list[Any] = []
    for item in model.root.walk():
        payload = item.payload
        if isinstance(payload, GroupHeader):
            out.append(("header", payload.name, payload.count, payload.coded))
        elif isinstance(payload, DocumentRow):
            out.append(("document", payload.id, payload.my_codings, payload.all_codings))
    return out


@pytest.mark.parametrize("mode", ["case", "group", "none"])
@pytest.mark.parametrize("needle", ["", "interview_0"])
def test_counts_moved_in_place_equal_a_fresh_load(qapp: Any, mode: str, needle: str) -> None:
    before = {1: 3, 3: 1}
    after = {1: 0, 2: 4, 3: 1, 5: 2}  # one dot goes off, two come on, one count stays
    moved = DocumentsModel()
    moved.set_group_mode(mode)
    moved.reload(_rows(before), [])
    moved.set_filter(needle)
    changed: list[int] = []
    moved.dataChanged.connect(lambda first, _last: changed.append(first.row()))
    moved.update_counts(after, {k: 2 * v for k, v in after.items()})

    fresh = DocumentsModel()
    fresh.set_group_mode(mode)
    fresh.reload(_rows(after), [])
    fresh.set_filter(needle)
    assert _shown(moved) == _shown(fresh)
    assert moved.rows == fresh.rows
    assert changed  # the view was told


def test_unchanged_counts_repaint_nothing(qapp: Any) -> None:
    model = DocumentsModel()
    model.reload(_rows({1: 3}), [])
    signals: list[object] = []
    model.dataChanged.connect(lambda *args: signals.append(args))
    model.update_counts({1: 3}, {1: 6})
    assert signals == []
