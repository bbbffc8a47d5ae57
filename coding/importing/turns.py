"""Speaker turns: a short label and a colon (':' or '：') at the start of a line opens a turn, and so does a
label in square or lenticular brackets ("[id1] …", "[Interviewer] …", "【访谈者】…"; a colon after it is
optional). Round brackets are not labels: "(laughs)" at a line start is what transcribers write for sounds.

A timestamp at a line start ("[00:12:03]", "[12:03]", "00:12:03", optionally before a label) opens a turn too,
and one alone on its line opens the turn of the line after it (``coding.importing.times`` reads the times).

A line without a label continues the turn before it, across blank lines. Text before the first label
(or a transcript without any) becomes unlabelled turns, one per block of lines between blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coding.errors import ValidationError
from coding.i18n import translate

_LABEL_CHAR = r"(?:[^\W_]|[.'’()（）\-])"
# Words after the first must look like a name ("Dr Li", "Participant 2", "Hospital Director", CJK) so
# that an ordinary clause before a colon ("The reason is simple: …") is not taken for a speaker.
_NEXT_WORD_START = r"[A-ZÀ-ÖØ-Þ0-9(（\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# Bracketed notes transcribers put at a line start ("[laughs]", "【笑】"), which are not speakers.
_NOTES = "inaudible|unclear|crosstalk|laughs?|laughter|pause|silence|noise|overlap|笑|笑声|停顿|沉默|听不清|插话"
_NOT_A_NOTE = rf"(?!(?i:{_NOTES})[\]】\s])"
DEFAULT_TURN_PATTERN = (
    r"[ \t]*[*_]{0,2}"  # indentation, markdown bold
    r"(?:(?P<square>\[)|(?P<lenticular>【))?"  # an optional opening bracket …
    # … and the label fits in 24 characters before its closing bracket, or else before the colon
    r"(?(square)(?=[^\]\n]{1,24}\])|(?(lenticular)(?=[^】\n]{1,24}】)|(?=[^:：\n]{1,24}[:：])))"
    rf"(?(square){_NOT_A_NOTE})(?(lenticular){_NOT_A_NOTE})"
    rf"(?P<speaker>[^\W\d_]{_LABEL_CHAR}*(?:[ \t]{_NEXT_WORD_START}{_LABEL_CHAR}*){{0,3}})"
    r"(?(square)\][*_]{0,2}[ \t]*[:：]?|(?(lenticular)】[*_]{0,2}[ \t]*[:：]?"
    r"|[*_]{0,2}[ \t]*[:：](?!//)))"  # the colon, but not a URL's "://"
    r"[*_]{0,2}[ \t]*"
)
_SPACE = re.compile(r"\s*")
_CLOCK = r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<ms>\d{1,3}))?"
# Hours optional in brackets ("[12:03]"), required bare ("00:12:03"), so that "10:30 we met" stays text.
TIMESTAMP = re.compile(
    rf"[ \t]*(?P<open>\[)?(?(open)|(?=\d{{1,2}}:\d{{1,2}}:\d{{2}})){_CLOCK}(?(open)\]|(?![\d:]))"
    r"[ \t]*(?:[-–—][ \t]+)?"
)


@dataclass(frozen=True)
class TurnSpan:
    """``text[start:end]`` is the whole turn, ``text[content_start:end]`` what was said."""

    speaker: str
    start: int
    content_start: int
    end: int


def compile_turn_pattern(pattern: str | re.Pattern[str] | None = None) -> re.Pattern[str]:
    """The label expression; it needs a group named ``speaker`` or at least one group."""
    if isinstance(pattern, re.Pattern):
        compiled = pattern
    else:
        try:
            compiled = re.compile(pattern or DEFAULT_TURN_PATTERN)
        except re.error as exc:
            raise ValidationError(translate(
                "errors", "turn pattern {pattern!r} is not a valid regular expression: {exc}").format(
                pattern=pattern, exc=exc)) from exc
    if "speaker" not in compiled.groupindex and compiled.groups == 0:
        raise ValidationError(translate(
            "errors", "turn pattern {pattern!r} needs a group for the speaker, e.g. (?P<speaker>...)").format(
            pattern=compiled.pattern))
    return compiled


def detect_turns(text: str, pattern: str | re.Pattern[str] | None = None, *, start: int = 0) -> list[TurnSpan]:
    """Turns in text order; together they cover every non-blank line of ``text`` from ``start`` on.

    ``start`` (a line start) skips what comes before, e.g. the metadata block of :mod:`.header`.
    """
    label = compile_turn_pattern(pattern)
    group: str | int = "speaker" if "speaker" in label.groupindex else 1
    turns: list[TurnSpan] = []
    current: list[Any] | None = None  # [speaker, start, content_start, end] of the open turn
    line_start = start
    stamped_at: int | None = None  # where a timestamp alone on its line was: the next turn starts there
    for line in text[start:].split("\n"):
        line_end = line_start + len(line.rstrip())
        if line_end > line_start:
            stamp = TIMESTAMP.match(line)
            skip = stamp.end() if stamp else 0
            match = label.match(line[skip:] if skip else line)
            speaker = (match.group(group) or "").strip() if match else ""
            if stamp and skip == len(line):
                _close(turns, current, text)
                current, stamped_at = None, line_start
            elif speaker or stamp or stamped_at is not None:
                _close(turns, current, text)
                content_start = line_start + skip + (match.end() if speaker else 0)  # type: ignore[union-attr]
                current = [speaker, line_start if stamped_at is None else stamped_at, content_start, line_end]
                stamped_at = None
            elif current is not None:
                current[3] = line_end
            else:
                current = ["", line_start, line_start, line_end]
        elif current is not None and not current[0]:
            _close(turns, current, text)  # a blank line ends an unlabelled block
            current = None
        line_start += len(line) + 1
    _close(turns, current, text)
    return turns


def _close(turns: list[TurnSpan], current: list[Any] | None, text: str) -> None:
    if current is None:
        return
    speaker, start, content_start, end = current
    # A label alone on its line: what was said starts on the next non-blank line.
    content_start = min(end, _SPACE.match(text, content_start).end())  # type: ignore[union-attr]
    turns.append(TurnSpan(speaker, start, content_start, end))


__all__ = ["DEFAULT_TURN_PATTERN", "TIMESTAMP", "TurnSpan", "compile_turn_pattern", "detect_turns"]
