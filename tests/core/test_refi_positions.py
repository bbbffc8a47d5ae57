"""REFI-QDA position units, text normalisation and the small lenient parsers (no database)."""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.importing.normalise import normalise_text
from coding.refi.codebook_qdc import clean_label, pack_description, unique_label, unpack_description
from coding.refi.common import (
    Flavour,
    format_datetime,
    parse_colour,
    parse_datetime,
    parse_guid,
    sqlite_stamp_to_xsd,
    xml_safe,
)
from coding.refi.positions import (
    PlainText,
    Units,
    choose_units,
    decode_plain_text,
    export_positions,
    export_text,
    producer_units,
)

# Chinese, an emoji (two UTF-16 units), CRLF line ends, a lone CR.
RAW = "Q: 你好 😀 world\r\nA: 医联体 is 🏥 fine\r\nend\rlast"


def utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def lf_offset(raw: str, index: int) -> int:
    """Offset in the text with CRLF counted once (ATLAS.ti)."""
    return index - raw[:index].count("\r\n")


@pytest.fixture(scope="module")
def plain() -> PlainText:
    return PlainText.from_raw(RAW)


def test_normalises_line_ends_and_keeps_every_other_character(plain: PlainText) -> None:
    assert plain.text == "Q: 你好 😀 world\nA: 医联体 is 🏥 fine\nend\nlast"
    assert plain.crlf_count == 2
    assert plain.lone_cr_count == 1
    assert plain.has_astral


@pytest.mark.parametrize("word", ["你好", "😀", "world", "医联体", "🏥", "fine", "end", "last"])
@pytest.mark.parametrize(
    "units, to_units",
    [
        (Units.CODEPOINTS, lambda raw, i: i),
        (Units.UTF16, utf16_offset),
        (Units.CODEPOINTS_LF, lf_offset),
        (Units.UTF16_LF, lambda raw, i: utf16_offset(raw.replace("\r\n", "\n"), lf_offset(raw, i))),
    ],
)
def test_every_unit_maps_onto_the_same_characters(plain: PlainText, units: Units, to_units, word: str) -> None:
    raw_start = RAW.index(word)
    starts = np.array([to_units(RAW, raw_start)])
    ends = np.array([to_units(RAW, raw_start + len(word))])
    s, s_inexact, s_out = plain.to_chars(units, starts, is_end=False)
    e, e_inexact, e_out = plain.to_chars(units, ends, is_end=True)
    assert plain.text[s[0] : e[0]] == word
    assert not (s_inexact[0] or e_inexact[0] or s_out[0] or e_out[0])


def test_position_inside_a_character_widens_to_the_whole_character(plain: PlainText) -> None:
    emoji = plain.text.index("😀")
    units = plain.starts(Units.UTF16)
    inside = units[emoji] + 1  # between the two halves of the surrogate pair
    s, s_inexact, _ = plain.to_chars(Units.UTF16, np.array([inside]), is_end=False)
    e, e_inexact, _ = plain.to_chars(Units.UTF16, np.array([inside]), is_end=True)
    assert (s[0], e[0]) == (emoji, emoji + 1)
    assert s_inexact[0] and e_inexact[0]


def test_positions_beyond_the_text_are_flagged(plain: PlainText) -> None:
    _, _, out = plain.to_chars(Units.CODEPOINTS, np.array([-1, 0, len(RAW), len(RAW) + 1]), is_end=True)
    assert out.tolist() == [True, False, False, True]


def test_export_flavours_write_what_they_promise() -> None:
    text = "a😀\nb中"
    offsets = np.arange(len(text) + 1)
    assert export_positions(text, Flavour.STANDARD, offsets).tolist() == offsets.tolist()
    crlf = text.replace("\n", "\r\n")
    expected = [
        utf16_offset(crlf, crlf.index(ch)) if ch != "\n" else utf16_offset(crlf, crlf.index("\r")) for ch in text
    ]
    assert export_positions(text, Flavour.CRLF_UTF16, offsets).tolist() == expected + [utf16_offset(crlf, len(crlf))]
    assert export_text(text, Flavour.STANDARD) == text.encode("utf-8")
    assert export_text(text, Flavour.CRLF_UTF16) == b"\xef\xbb\xbf" + crlf.encode("utf-8")


@pytest.mark.parametrize(
    "data, text, encoding",
    [
        ("abc 中".encode(), "abc 中", "utf-8"),
        (b"\xef\xbb\xbf" + "abc 中".encode(), "abc 中", "utf-8-sig"),
        ("abc 中".encode("utf-16"), "abc 中", "utf-16"),
        ("café".encode("cp1252"), "café", "cp1252"),
    ],
)
def test_decodes_the_encodings_real_files_use(data: bytes, text: str, encoding: str) -> None:
    assert decode_plain_text(data)[:2] == (text, encoding)


@pytest.mark.parametrize(
    "origin, units",
    [
        ("NVivo 14 (Windows)", Units.UTF16),
        ("ATLAS.ti 23", Units.CODEPOINTS_LF),
        ("MAXQDA 2022", Units.CODEPOINTS),
        ("QualCoder 3.5", Units.CODEPOINTS),
        ("Concord 0.1.0", Units.CODEPOINTS),
        ("Concord 0.1.0; flavour=crlf-utf16", Units.UTF16),
        ("", Units.CODEPOINTS),
    ],
)
def test_producer_units(origin: str, units: Units) -> None:
    assert producer_units(origin) is units


# -- deciding the units on the data ----------------------------------------------------------------
WORDS_RAW = "\r\n".join(
    f"Line {n}: the alliance shares staff 😀 and budgets with clinic number {n}." for n in range(30)
)


def _selections(raw: str, words: list[str], to_units) -> tuple[np.ndarray, np.ndarray]:
    starts, ends = [], []
    for word in words:
        index = raw.index(word)
        starts.append(to_units(raw, index))
        ends.append(to_units(raw, index + len(word)))
    return np.array(starts), np.array(ends)


WORDS = [f"clinic number {n}." for n in range(5, 30, 3)] + [f"Line {n}:" for n in range(3, 30, 4)]


def test_word_bounds_reveal_nvivo_units_when_the_origin_is_silent() -> None:
    plain = PlainText.from_raw(WORDS_RAW)
    starts, ends = _selections(WORDS_RAW, WORDS, utf16_offset)
    decision = choose_units(plain, starts, ends, [None] * len(WORDS), Units.CODEPOINTS)
    assert decision.units is Units.UTF16
    assert decision.overrode_producer


def test_the_producer_is_believed_when_the_data_agree() -> None:
    plain = PlainText.from_raw(WORDS_RAW)
    starts, ends = _selections(WORDS_RAW, WORDS, lf_offset)
    decision = choose_units(plain, starts, ends, [None] * len(WORDS), Units.CODEPOINTS_LF)
    assert decision.units is Units.CODEPOINTS_LF
    assert decision.confident and not decision.overrode_producer


def test_names_that_repeat_the_text_settle_the_question() -> None:
    raw = "😀😀 ab\r\ncd ef gh"
    plain = PlainText.from_raw(raw)
    starts, ends = _selections(raw, ["cd ef"], utf16_offset)
    decision = choose_units(plain, starts, ends, ["cd ef"], Units.UTF16)
    assert decision.units is Units.UTF16 and decision.confident


def test_texts_where_all_units_agree_need_no_evidence() -> None:
    plain = PlainText.from_raw("plain ascii\nwith LF only")
    decision = choose_units(plain, np.array([0]), np.array([5]), [None], Units.UTF16)
    assert decision.confident and decision.units is Units.UTF16


def test_unsure_decisions_are_marked() -> None:
    raw = "ab\r\ncd"
    plain = PlainText.from_raw(raw)
    # One selection that reads plausibly either way: not enough to be sure.
    decision = choose_units(plain, np.array([0]), np.array([2]), [None], Units.CODEPOINTS)
    assert decision.units is Units.CODEPOINTS
    assert decision.confident is False or decision.reason


# -- small parsers ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("{6F1C3A0E-0000-4000-8000-00000000000A}", "6f1c3a0e-0000-4000-8000-00000000000a"),
        (" 6f1c3a0e-0000-4000-8000-00000000000a ", "6f1c3a0e-0000-4000-8000-00000000000a"),
        ("not-a-guid", None),
        (None, None),
    ],
)
def test_parse_guid(raw: str | None, expected: str | None) -> None:
    assert parse_guid(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("#FF0000", "#ff0000"),
        ("#f00", "#ff0000"),
        ("#11223344", "#112233"),
        ("rgb(255, 128, 0)", "#ff8000"),
        ("rgba(0,0,255,0.5)", "#0000ff"),
        ("rgb(100%, 0%, 0%)", "#ff0000"),
        ("red", None),
        ("", None),
    ],
)
def test_parse_colour(raw: str, expected: str | None) -> None:
    assert parse_colour(raw) == expected


def test_dates_are_read_leniently_and_written_in_utc() -> None:
    assert parse_datetime("2024-03-01T10:00:00+02:00").isoformat() == "2024-03-01T08:00:00"
    assert parse_datetime("2024-03-01T10:00:00Z").isoformat() == "2024-03-01T10:00:00"
    assert parse_datetime("yesterday") is None
    assert format_datetime(parse_datetime("2024-03-01T10:00:00.5Z")) == "2024-03-01T10:00:00.500000Z"
    assert sqlite_stamp_to_xsd("2024-03-01 10:00:00.000001") == "2024-03-01T10:00:00.000001Z"


def test_xml_safe_replaces_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x0bb\x0cc\td") == ("a\ufffdb\ufffdc\td", 2)


def test_description_sections_round_trip() -> None:
    fields = {
        "definition": "Who decides.\n\nSecond paragraph.",
        "include_rule": "Talk about power.",
        "exclude_rule": "",
        "example": '"We cannot decide."',
        "name_zh": "决策权",
        "definition_zh": "谁做决定。",
    }
    packed = pack_description(fields)
    assert "[Include when]\nTalk about power." in packed and "[Exclude when]" not in packed
    unpacked = unpack_description(packed)
    assert {key: unpacked.get(key, "") for key in fields} == fields
    assert unpack_description("[Example]\nonly an example") == {"example": "only an example", "definition": ""}


def test_labels_become_one_line_and_unique() -> None:
    taken: set[str] = set()
    assert clean_label(" Alice\n\tSmith\t", "x") == "Alice Smith"
    assert clean_label("", "fallback") == "fallback"
    assert unique_label("Alice", taken) == "Alice"
    assert unique_label("alice", taken) == "alice (2)"


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("ab \n中😀🧑‍⚕️\r")), max_size=40))
def test_crlf_utf16_export_positions_agree_with_the_reader(text: str) -> None:
    """The export's two-search shortcut equals mapping every character of the CRLF file text."""
    text = normalise_text(text)  # what Concord stores
    offsets = np.arange(len(text) + 1)
    reference = PlainText.from_raw(text.replace("\n", "\r\n")).from_chars(Units.UTF16, offsets)
    assert export_positions(text, Flavour.CRLF_UTF16, offsets).tolist() == reference.tolist()


# -- the import normalisation, with positions ------------------------------------------------------------
# Everything normalise_text changes: line breaks of every kind, BOMs, NUL and other controls, trailing
# spaces (ASCII, tab, ideographic), blank lines, accents to compose (NFD é, Hangul jamo, a Tibetan
# vowel that decomposes to non-starters), beside letters, Chinese and emoji that must stay put.
MESSY = list("ab 中😀\t\r\n\n\n\x00\x07\x0b\x0c\x1c\x7f\x85\u2028\u2029\ufeff\u3000\u00a0é") + [
    "e\u0301",
    "\u1100\u1161\u11a8",
    "\u0f73",
    "\u0301",
    "\u0f71",
    "\r\n",
]


# What the normalisation removes outright (controls that are not line breaks, BOMs).
_REMOVED_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ufeff]")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(MESSY), max_size=30).map("".join))
def test_reader_normalises_exactly_like_a_txt_import_and_keeps_letters_in_place(raw: str) -> None:
    plain = PlainText.from_raw(raw)
    assert plain.text == normalise_text(raw)
    bounds = np.arange(len(raw) + 1)
    starts, _, out = plain.to_chars(Units.CODEPOINTS, bounds, is_end=False)
    ends, _, _ = plain.to_chars(Units.CODEPOINTS, bounds, is_end=True)
    assert not out.any()
    assert (np.diff(starts) >= 0).all() and (np.diff(ends) >= 0).all() and (starts <= ends).all()
    assert starts[0] == 0 and ends[-1] == len(plain.text)
    for index, char in enumerate(raw):
        following = _REMOVED_RE.sub("", raw[index + 1 :])[:1]  # the next character that stays
        accent_follows = bool(following) and unicodedata.combining(unicodedata.normalize("NFD", following)[0])
        if char in "ab中😀" and not accent_follows:
            assert plain.text[starts[index] : ends[index + 1]] == char, (raw, index)


def test_positions_next_to_removed_characters_fall_where_those_were() -> None:
    raw = "\ufeffAsk:\x00 why?   \r\n\r\n\r\n\r\nNUL\x00here\r\n"
    plain = PlainText.from_raw(raw)
    assert plain.text == "Ask: why?\n\nNULhere"

    def select(word: str) -> str:
        start, end = raw.index(word), raw.index(word) + len(word)
        s, s_inexact, _ = plain.to_chars(Units.CODEPOINTS, np.array([start]), is_end=False)
        e, e_inexact, _ = plain.to_chars(Units.CODEPOINTS, np.array([end]), is_end=True)
        assert not (s_inexact[0] or e_inexact[0])
        return plain.text[s[0] : e[0]]

    assert select("why?   ") == "why?"  # the trailing spaces are gone, the selection ends at the word
    assert select("NUL\x00here") == "NULhere"
    assert select("Ask:\x00 why") == "Ask: why"


def test_a_position_inside_a_composed_accent_widens_to_the_letter() -> None:
    raw = "cafe\u0301 ok"
    plain = PlainText.from_raw(raw)
    assert plain.text == "café ok"
    s, s_inexact, _ = plain.to_chars(Units.CODEPOINTS, np.array([4]), is_end=False)  # between e and its accent
    e, e_inexact, _ = plain.to_chars(Units.CODEPOINTS, np.array([4]), is_end=True)
    assert (s[0], e[0]) == (3, 4) and s_inexact[0] and e_inexact[0]
    ok = raw.index("ok")
    assert plain.to_chars(Units.CODEPOINTS, np.array([ok]), is_end=False)[0][0] == plain.text.index("ok")
