"""Speaker turns and language detection: tables of labelled lines, whole transcripts, and a tiling property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.errors import ValidationError
from coding.importing.language import cjk_share, detect_language
from coding.importing.turns import TurnSpan, detect_turns


@pytest.mark.parametrize(
    ("line", "speaker", "content"),
    [
        ("Interviewer: How long have you worked here?", "Interviewer", "How long have you worked here?"),
        ("Q: Why?", "Q", "Why?"),
        ("A: Because.", "A", "Because."),
        ("R1: We joined in 2017.", "R1", "We joined in 2017."),
        ("Dr Li: About ten years.", "Dr Li", "About ten years."),
        ("Dr. Li:   spaces after the colon", "Dr. Li", "spaces after the colon"),
        ("P03: yes", "P03", "yes"),
        ("Participant 2: no", "Participant 2", "no"),
        ("Hospital Director Wang: fine", "Hospital Director Wang", "fine"),
        ("Interviewer (Li): fine", "Interviewer (Li)", "fine"),
        ("interviewer: lower case label", "interviewer", "lower case label"),
        ("Interviewer : space before colon", "Interviewer", "space before colon"),
        ("  Q: indented", "Q", "indented"),
        ("**P03:** markdown bold", "P03", "markdown bold"),
        ("**Interviewer**: bold label", "Interviewer", "bold label"),
        ("访谈者：您好。", "访谈者", "您好。"),
        ("受访者：我们医院是医联体的一部分。", "受访者", "我们医院是医联体的一部分。"),
        ("受访者A: 是的", "受访者A", "是的"),
        ("李医生：好的", "李医生", "好的"),
        ("Interviewer：fullwidth colon", "Interviewer", "fullwidth colon"),
        ("问：为什么？", "问", "为什么？"),
    ],
)
def test_labelled_line(line: str, speaker: str, content: str) -> None:
    [turn] = detect_turns(line)
    assert turn.speaker == speaker
    assert (turn.start, turn.end) == (0, len(line))
    assert line[turn.content_start : turn.end] == content


@pytest.mark.parametrize(
    "line",
    [
        "The reason is simple: money.",
        "We had three goals: access, cost and quality.",
        "12:30 we met the director",
        "http://example.org/alliance is the site",
        "Someone with an extremely long label: x",
        ": starts with a colon",
        "No colon in this line at all",
        "2019: the year the alliance began",
    ],
)
def test_unlabelled_line(line: str) -> None:
    [turn] = detect_turns(line)
    assert turn == TurnSpan("", 0, 0, len(line))


def _turns(text: str) -> list[tuple[str, str, str]]:
    """(speaker, whole turn, content) for each turn, to compare against a readable table."""
    return [(t.speaker, text[t.start : t.end], text[t.content_start : t.end]) for t in detect_turns(text)]


def test_transcript_with_continuations_blank_lines_and_a_preamble() -> None:
    text = (
        "Interview 3, 12 May 2021\n"
        "Hospital B\n"
        "\n"
        "Recorded by phone.\n"
        "\n"
        "Interviewer: How long have you\n"
        "worked here?\n"
        "Dr Li：About ten years.\n"
        "\n"
        "Before that I was in a county hospital.\n"
        "Interviewer:\n"
        "\n"
        "And now?"
    )
    assert _turns(text) == [
        ("", "Interview 3, 12 May 2021\nHospital B", "Interview 3, 12 May 2021\nHospital B"),
        ("", "Recorded by phone.", "Recorded by phone."),
        ("Interviewer", "Interviewer: How long have you\nworked here?", "How long have you\nworked here?"),
        (
            "Dr Li",
            "Dr Li：About ten years.\n\nBefore that I was in a county hospital.",
            "About ten years.\n\nBefore that I was in a county hospital.",
        ),
        ("Interviewer", "Interviewer:\n\nAnd now?", "And now?"),  # label alone: content on a later line
    ]


def test_transcript_without_labels_gives_one_turn_per_paragraph() -> None:
    text = "First paragraph,\nstill first.\n\nSecond paragraph.\n\n\n\nThird."
    assert [(s, whole) for s, whole, _ in _turns(text)] == [
        ("", "First paragraph,\nstill first."),
        ("", "Second paragraph."),
        ("", "Third."),
    ]


def test_a_label_with_nothing_said_has_empty_content() -> None:
    text = "Q:\nA: yes"
    turns = detect_turns(text)
    assert [(t.speaker, t.content_start == t.end) for t in turns] == [("Q", True), ("A", False)]


def test_empty_and_blank_text_have_no_turns() -> None:
    assert detect_turns("") == []
    assert detect_turns("\n  \n\t\n") == []


def test_custom_turn_pattern() -> None:
    text = "[Interviewer] How are you?\n[Dr Li] Fine.\nInterviewer: not a label under this pattern"
    turns = detect_turns(text, r"\[(?P<speaker>[^\]]+)\]\s*")
    assert [(t.speaker, text[t.content_start : t.end]) for t in turns] == [
        ("Interviewer", "How are you?"),
        ("Dr Li", "Fine.\nInterviewer: not a label under this pattern"),
    ]
    # A pattern whose only group is unnamed works too.
    assert [t.speaker for t in detect_turns("<Q> hi", r"<(\w+)>\s*")] == ["Q"]


@pytest.mark.parametrize("pattern", ["(unclosed", "no group here: "])
def test_bad_turn_pattern_is_refused(pattern: str) -> None:
    with pytest.raises(ValidationError, match="turn pattern"):
        detect_turns("Q: x", pattern)


_LINES = st.sampled_from(
    [
        "",
        "   ",
        "Interviewer: How are you?",
        "Dr Li：Fine.",
        "Q:",
        "A: yes  ",
        "plain words",
        "  indented words",
        "The reason is simple: money",
        "受访者：好的。",
        "\t",
        "[id1] We joined in 2017.",
        "【访谈者】您好",
        "[laughs]",
        "访谈编号：A01",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12))
def test_turns_tile_the_non_blank_text_in_order(lines: list[str]) -> None:
    text = "\n".join(lines)
    turns = detect_turns(text)
    covered = set()
    previous_end = -1
    for turn in turns:
        assert previous_end < turn.start <= turn.content_start <= turn.end
        assert turn.start == 0 or text[turn.start - 1] == "\n"  # turns start at line starts
        assert not text[turn.end - 1].isspace()  # no trailing newline or spaces
        assert turn.content_start == turn.end or not text[turn.content_start].isspace()
        covered.update(range(turn.start, turn.end))
        previous_end = turn.end
    assert {i for i, ch in enumerate(text) if not ch.isspace()} <= covered


# -- language --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Interviewer: How long have you worked here?", "en"),
        ("访谈者：您好，请介绍一下医联体。", "zh"),
        ("Interviewer: 我们医院是医联体的一部分", "zh"),  # 12 of 23 letters are Han
        ("We visited the 医联体 in Shenzhen and talked to doctors there", "en"),
        ("12345 — ... !!", "en"),
        ("", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_language_threshold_is_a_parameter() -> None:
    text = "We visited the 医联体 in Shenzhen"  # 3 Han of 25 letters
    assert cjk_share(text) == pytest.approx(3 / 25)
    assert detect_language(text, threshold=0.1) == "zh"
    assert detect_language(text, threshold=0.3) == "en"
