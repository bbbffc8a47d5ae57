"""The quick-code palette's fuzzy matching."""

from __future__ import annotations

from app.palette import fuzzy_score, rank_codes
from coding.codebook import CodeInfo


def _code(code_id: int, path: str, codable: bool = True) -> CodeInfo:
    return CodeInfo(
        id=code_id, uuid=f"uuid-{code_id}", parent_id=None, position=code_id, level=path.count("/") + 1, path=path,
        name=path.split("/")[-1], name_zh="", definition="", definition_zh="", include_rule="", exclude_rule="",
        example="", colour="#123456", shortcut="", is_codable=codable,
    )


CODES = [
    _code(1, "Macro/Decision rights", codable=False),
    _code(2, "Macro/Decision rights/Owner functions"),
    _code(3, "Macro/Decision rights/Organizational changes"),
    _code(4, "Macro/Market competition/Personnel management rights"),
    _code(5, "Macro/Accountability/Social functions"),
    _code(6, "Macro/Social functions/Institutional environments"),
]


def test_letters_must_appear_in_order() -> None:
    assert fuzzy_score("own", "Owner functions") is not None
    assert fuzzy_score("nwo", "Owner functions") is None
    assert fuzzy_score("", "anything") == 0.0


def test_word_starts_and_runs_score_higher() -> None:
    assert fuzzy_score("of", "Owner functions") > fuzzy_score("of", "proof")  # type: ignore[operator]


def test_rank_prefers_the_codes_own_name_and_skips_categories() -> None:
    ranked = [m.code.id for m in rank_codes("owner", CODES)]
    assert ranked[0] == 2
    assert 1 not in [m.code.id for m in rank_codes("decision", CODES)]


def test_abbreviation_finds_the_code() -> None:
    assert rank_codes("pmr", CODES)[0].code.id == 4


def test_parent_names_count_for_same_named_codes() -> None:
    ranked = [m.code.id for m in rank_codes("social", CODES)]
    assert set(ranked[:2]) == {5, 6}
    assert rank_codes("account social", CODES)[0].code.id == 5


def test_chinese_names_match() -> None:
    ranked = rank_codes("出资", CODES, zh_names={2: "出资人职能"})
    assert [m.code.id for m in ranked] == [2]


def test_a_matching_leaf_name_beats_the_shared_top_level_path() -> None:
    # "mps" fits "Market exposure" itself, but fits "Social functions" only through "Macro … Preker … Social"
    codes = [_code(5, "Macro framework of the Preker-Harding model/Accountability/Social functions"),
             _code(7, "Macro framework of the Preker-Harding model/Market exposure")]
    ranked = rank_codes("mps", codes)
    assert [m.code.id for m in ranked] == [7, 5] and ranked[0].by_name and not ranked[1].by_name


def test_the_palette_keeps_the_end_of_a_long_path_in_view(qtbot) -> None:
    from PySide6.QtCore import Qt

    from app.palette import QuickCodePalette

    long = _code(9, "Macro framework of the Preker-Harding model/Decision rights/Owner functions/Residual claims")
    palette = QuickCodePalette([long], None, None)
    qtbot.addWidget(palette)
    palette.set_query("resid")
    assert palette.results.textElideMode() == Qt.TextElideMode.ElideLeft
    assert palette.results.item(0).toolTip().endswith("Owner functions › Residual claims")
