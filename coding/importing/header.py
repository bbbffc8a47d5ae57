"""A transcript's leading metadata block: "key：value" lines before the first speaker turn.

Chinese transcripts often open with 访谈编号：A01 / 访谈对象：… / 访谈方式：…, English ones with
"Interview ID: P07" / "Date: 12 May 2021". Those lines look like speaker labels, so without this
stage each became a speaker turn. The block is read conservatively, line by line from the start of
the text, and ends at the first non-blank line that is not such a field:

- a line that is not "key: value" (a key of at most four words and 24 characters, a value of at most
  80 characters), or whose key reads like a sentence ("The reason is simple: …");
- a line whose value reads like speech: it ends like a sentence (. ! ? 。！？ …) or asks a question;
- a line with a known speaker label (Interviewer, Q, R, P1, 访谈者, 受访者, 问 …) or a bracketed one;
- a line whose key is used as a speaker label later in the text ("Doctor: …" in the body).

Blank lines inside the block are allowed: a Word document separates every paragraph by one. The text
itself is not changed (offsets must not move); the block's lines simply belong to no turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coding.importing.turns import compile_turn_pattern

MAX_KEY_CHARS = 24
MAX_VALUE_CHARS = 80
_FIELD = re.compile(
    r"[ \t]*[*_]{0,2}"
    r"(?P<key>[^\W\d_][\w.'’()（）/\-]*(?:[ \t][\w.'’()（）/\-]+){0,3})"
    r"[*_]{0,2}[ \t]*[:：](?!//)[*_]{0,2}[ \t]*(?P<value>\S.*?)[ \t]*$"
)
# Labels of speakers, not of metadata (compared case-insensitively, ignoring a trailing number or letter).
KNOWN_SPEAKERS = frozenset(
    {
        "interviewer", "interviewee", "respondent", "participant", "moderator", "facilitator", "speaker",
        "q", "a", "i", "r", "p", "ir", "ie", "int", "resp",
        "访谈者", "受访者", "采访者", "被访者", "访谈人", "受访人", "被访人", "主持人", "问", "答", "记者",
    }
)
_NUMBERED = re.compile(r"(?:[\s_\-]*\d+|[\s_\-]+[a-z]|(?<=[^\x00-\x7f])[a-z])$")
# Words that make a "key" a clause ("The reason is simple", "We had three goals").
_CLAUSE_WORDS = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did", "will", "would",
        "can", "could", "should", "shall", "may", "might", "must", "i", "we", "you", "he", "she", "they", "it", "my",
        "our", "your", "their", "this", "that", "there",
    }
)
_SPEECH_END = ("...", ".", "!", "?", "。", "！", "？", "…", "”", '"')
_QUESTION = re.compile(r"[?？]")


@dataclass(frozen=True)
class MetadataField:
    """``key`` and ``value`` of one header line; ``text[start:end]`` is the whole line."""

    key: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Header:
    """The metadata fields, and ``body_start``: where the speaker turns begin (0: no header)."""

    fields: tuple[MetadataField, ...] = ()
    body_start: int = 0


def detect_header(text: str, turn_pattern: str | re.Pattern[str] | None = None) -> Header:
    """The leading metadata block of ``text`` (none when its first non-blank line is not a field)."""
    candidates = _candidate_fields(text)
    if not candidates:
        return Header()
    body_labels = _speaker_labels(text, candidates[-1].end, compile_turn_pattern(turn_pattern))
    fields: list[MetadataField] = []
    for field in candidates:
        if _folded(field.key) in body_labels:
            break  # "Doctor: …" that goes on speaking further down is a speaker, not a field
        fields.append(field)
    if not fields:
        return Header()
    body_start = _next_line_start(text, fields[-1].end)
    if not text[body_start:].strip():
        return Header()  # labelled lines and nothing after them: a short transcript, not a header over one
    return Header(tuple(fields), body_start)


def _candidate_fields(text: str) -> list[MetadataField]:
    """The leading run of lines that read as fields (blank lines between them allowed)."""
    fields: list[MetadataField] = []
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            field = _parse_field(line, line_start)
            if field is None:
                break
            fields.append(field)
        line_start += len(line) + 1
    return fields


def _parse_field(line: str, line_start: int) -> MetadataField | None:
    match = _FIELD.match(line)
    if match is None:
        return None
    key, value = match.group("key").strip(), match.group("value").strip().rstrip("*_").strip()
    if not value or len(key) > MAX_KEY_CHARS or len(value) > MAX_VALUE_CHARS:
        return None
    if _is_speaker_label(key) or _reads_like_a_clause(key) or _reads_like_speech(value):
        return None
    return MetadataField(key, value, line_start, line_start + len(line.rstrip()))


def _is_speaker_label(key: str) -> bool:
    folded = _folded(key)
    return folded in KNOWN_SPEAKERS or _NUMBERED.sub("", folded) in KNOWN_SPEAKERS


def _reads_like_a_clause(key: str) -> bool:
    words = key.split()
    return not key[0].isupper() and not _is_cjk(key[0]) or any(w.lower() in _CLAUSE_WORDS for w in words[1:]) or (
        len(words) > 1 and words[0].lower() in _CLAUSE_WORDS
    )


def _reads_like_speech(value: str) -> bool:
    return value.endswith(_SPEECH_END) or _QUESTION.search(value) is not None or len(value.split()) > 12


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _folded(label: str) -> str:
    return " ".join(label.split()).casefold()


def _speaker_labels(text: str, start: int, label: re.Pattern[str]) -> set[str]:
    """Every speaker label used at a line start after ``start``."""
    group: str | int = "speaker" if "speaker" in label.groupindex else 1
    labels: set[str] = set()
    for line in text[start:].split("\n"):
        match = label.match(line)
        if match and match.group(group):
            labels.add(_folded(match.group(group)))
    return labels


def _next_line_start(text: str, offset: int) -> int:
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline + 1


__all__ = ["KNOWN_SPEAKERS", "Header", "MetadataField", "detect_header"]
