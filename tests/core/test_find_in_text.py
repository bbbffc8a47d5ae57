"""find_in_text: the Qt-free search behind the transcript's find bar (code-point spans of one text)."""

from __future__ import annotations

from coding.analysis.search import find_in_text


def test_a_word_is_found_on_its_own_and_case_is_ignored() -> None:
    text = "The group met. Groups differ; the GROUP decided."
    assert [text[s:e] for s, e in find_in_text(text, "group", "en")] == ["group", "GROUP"]


def test_several_words_are_a_phrase_across_any_whitespace() -> None:
    text = "one legal\nentity, not a legal person"
    assert find_in_text(text, "legal entity", "en") == [(4, 16)]


def test_chinese_words_follow_jieba_and_offsets_are_code_points_after_an_emoji() -> None:
    text = "😀政府的监管主要是考核指标，年底检查。"
    assert find_in_text(text, "检查", "zh") == [(text.index("检查"), text.index("检查") + 2)]
    assert text.index("检查") == 16  # the emoji counts as one code point, not two UTF-16 units


def test_an_empty_query_finds_nothing() -> None:
    assert find_in_text("anything", "   ", "en") == []
