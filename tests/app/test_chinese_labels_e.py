"""Issue 16 in the quick-code palette, the coded-segments list and the Documents panel: with the interface in
Chinese a code is listed by its Chinese path and name (English where it has no Chinese name), and a document's
tooltip counts its codings without English plural endings; in English everything reads as before.

The Chinese tooltip needs the catalogue holding this issue's strings (resources/translations, or a preview
through CONCORD_TRANSLATIONS)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.itemmodels.documents_model import DocumentsModel
from app.itemmodels.segments_model import SegmentsModel
from app.palette import QuickCodePalette
from coding.codebook import CodeInfo
from coding.readers import DocumentRow, SegmentRow


def _code(code_id: int, parent_id: int | None, path: str, name_zh: str) -> CodeInfo:
    return CodeInfo(
        id=code_id, uuid=f"uuid-{code_id}", parent_id=parent_id, position=code_id, level=path.count("/") + 1,
        path=path, name=path.split("/")[-1], name_zh=name_zh, definition="", definition_zh="", include_rule="",
        exclude_rule="", example="", colour="#123456", shortcut="", is_codable=parent_id is not None,
    )


CODES = [
    _code(1, None, "Decision rights", "决策权"),
    _code(2, 1, "Decision rights/Owner functions", "所有者职能"),
    _code(3, 1, "Decision rights/Organizational changes", ""),  # no Chinese name: English
]


@pytest.fixture
def chinese(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    i18n.TRANSLATORS.install(i18n.CHINESE)
    try:
        yield
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)


def _palette_labels(qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    palette = QuickCodePalette(CODES, {code.id: code.name_zh for code in CODES if code.name_zh}, None)
    qtbot.addWidget(palette)
    return [palette.results.item(row).text() for row in range(palette.results.count())]


def test_the_palette_lists_chinese_paths_in_a_chinese_interface(qtbot, chinese: None) -> None:  # type: ignore[no-untyped-def]
    assert sorted(_palette_labels(qtbot)) == ["决策权  ›  Organizational changes", "决策权  ›  所有者职能"]


def test_the_palette_lists_english_paths_in_english(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    assert sorted(_palette_labels(qtbot)) == ["Decision rights  ›  Organizational changes",
                                              "Decision rights  ›  Owner functions"]


def _segments() -> SegmentsModel:
    model = SegmentsModel()
    row = SegmentRow(uuid="c-1", document_id=1, document_name="P01", code_id=2, coder_id=7, start=0, end=5,
                     excerpt="Hello", memo="")
    model.reload([row], {code.id: code for code in CODES}, {7: "Lin"})
    return model


def test_the_segments_list_names_the_code_in_chinese(chinese: None) -> None:
    model = _segments()
    assert model.data(model.index(0, SegmentsModel.CODE)) == "所有者职能"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole).startswith("决策权 › 所有者职能\n")


def test_the_segments_list_names_the_code_in_english(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _segments()
    assert model.data(model.index(0, SegmentsModel.CODE)) == "Owner functions"
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Decision rights › Owner functions\nLin · P01, characters 0–5")


def _document_tip(codings: int) -> str:
    model = DocumentsModel()
    row = DocumentRow(1, "d-1", "P01", "zh", "txt", 1234, 3, 5, None, (), {}, codings, codings)
    model.reload([row], [])
    return str(model.data(model.index_of_document(1), Qt.ItemDataRole.ToolTipRole))


def test_a_document_tooltip_counts_codings_without_english_plural_endings(chinese: None) -> None:
    assert "(s)" not in _document_tip(3) and "codings" not in _document_tip(3)


def test_a_document_tooltip_in_english_reads_as_before(qapp) -> None:  # type: ignore[no-untyped-def]
    assert _document_tip(1).splitlines()[1:] == ["no case · 1,234 words · zh", "coded by you: 1 coding"]
    assert _document_tip(3).splitlines()[2] == "coded by you: 3 codings"
