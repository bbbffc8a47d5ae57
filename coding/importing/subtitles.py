"""Subtitles (SubRip .srt with the ``srt`` library, WebVTT .vtt with ``webvtt-py``) as timed transcripts.

Each cue's speaker is its WebVTT voice (``<v Alice>``) or a "Speaker:" label at the start of its text (the
import's own turn pattern). Consecutive cues of one speaker become one turn; a cue without a speaker continues
the turn before it once someone has spoken, and before that is a turn of its own. The text is a timed transcript,
one turn per paragraph::

    [00:12:03] Alice: What the cues said, joined.

so it reads, codes and exports like any transcript; each turn keeps its exact start (its first cue's) and end
(its last cue's) in milliseconds (``SourceText.times`` → ``coding.importing.times``).

Each cue block is parsed on its own so that a malformed one is named by its number. Overlapping or reversed
cue times and malformed blocks refuse the whole file (:class:`ImportFileError` naming the file and the cue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coding.errors import ImportFileError
from coding.importing.times import format_ms
from coding.importing.turns import compile_turn_pattern
from coding.i18n import translate

_BLOCKS = re.compile(r"\n[ \t]*\n")
_MARKUP = re.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")  # HTML-like cue tags, and ASS override tags some SRTs carry
_VTT_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True)
class Cue:
    number: int  # 1-based, in file order
    start_ms: int
    end_ms: int
    speaker: str
    text: str


@dataclass(frozen=True)
class TimedTurn:
    speaker: str
    start_ms: int
    end_ms: int
    text: str


def read_subtitles(path: Path, text: str, file_format: str, turn_pattern: str | None = None) -> list[TimedTurn]:
    """The turns of a decoded .srt (``file_format`` "srt") or .vtt ("vtt") file."""
    blocks = [block.strip("\n") for block in _BLOCKS.split(text.replace("\r\n", "\n").replace("\r", "\n"))]
    blocks = [block for block in blocks if block.strip()]
    cues = _vtt_cues(path, text, blocks) if file_format == "vtt" else _srt_cues(path, text, blocks)
    if not cues:
        raise ImportFileError(path, translate("errors", "no subtitle cues in the file"))
    _check_times(path, cues)
    return merge_cues(_with_speakers(cues, turn_pattern))


def _srt_cues(path: Path, text: str, blocks: list[str]) -> list[Cue]:
    """The whole file in one parse when every block is a cue (a third of the time), else block by block, so that
    the one that is not is named (the parser would take it for the text of the cue before it)."""
    import srt  # type: ignore[import-untyped]  # srt ships no type hints

    try:
        parsed = list(srt.parse(text))
    except (srt.SRTParseError, ValueError):
        parsed = []
    if len(parsed) != len(blocks):
        return [_srt_cue(path, number, block) for number, block in enumerate(blocks, start=1)]
    return [_from_srt(number, cue) for number, cue in enumerate(parsed, start=1)]


def _from_srt(number: int, cue: Any) -> Cue:
    start, end = cue.start.total_seconds(), cue.end.total_seconds()
    return Cue(number, round(start * 1000), round(end * 1000), "", _plain(cue.content))


def _srt_cue(path: Path, number: int, block: str) -> Cue:
    import srt

    try:
        parsed = list(srt.parse(block + "\n"))
    except (srt.SRTParseError, ValueError) as exc:
        raise ImportFileError(path, translate(
            "errors", "cue {number}: malformed cue block ({value}): {exc}").format(
            number=number, value=_first_line(block), exc=exc)) from None
    if len(parsed) != 1:
        raise ImportFileError(path, translate(
            "errors", "cue {number}: malformed cue block ({value})").format(number=number, value=_first_line(block)))
    return _from_srt(number, parsed[0])


def _vtt_cues(path: Path, text: str, blocks: list[str]) -> list[Cue]:
    """As :func:`_srt_cues`: the whole file at once when each cue block gave a caption, else block by block."""
    import webvtt

    if not blocks or not blocks[0].startswith("WEBVTT"):
        raise ImportFileError(path, translate("errors", "not a WebVTT file (its first line is not 'WEBVTT')"))
    cue_blocks = [block for block in blocks[1:] if block.split(maxsplit=1)[0] not in _VTT_SKIPPED_BLOCKS]
    try:
        captions = webvtt.from_string(text).captions
    except (webvtt.errors.MalformedFileError, ValueError):
        captions = []
    if len(captions) == len(cue_blocks):
        return [_from_vtt(number, caption) for number, caption in enumerate(captions, start=1)]
    return [_vtt_cue(path, number, block) for number, block in enumerate(cue_blocks, start=1)]


def _from_vtt(number: int, caption: Any) -> Cue:
    start, end = caption.start_time.in_milliseconds(), caption.end_time.in_milliseconds()
    return Cue(number, start, end, (caption.voice or "").strip(), _plain(caption.text))


def _vtt_cue(path: Path, number: int, block: str) -> Cue:
    import webvtt

    try:
        captions = webvtt.from_string("WEBVTT\n\n" + block + "\n").captions
    except (webvtt.errors.MalformedFileError, ValueError) as exc:
        raise ImportFileError(path, translate(
            "errors", "cue {number}: malformed cue block ({value}): {exc}").format(
            number=number, value=_first_line(block), exc=exc)) from None
    if len(captions) != 1:
        raise ImportFileError(path, translate(
            "errors", "cue {number}: malformed cue block ({value})").format(number=number, value=_first_line(block)))
    return _from_vtt(number, captions[0])


def _plain(text: str) -> str:
    """One line of what the cue says: tags dropped, its lines joined."""
    return " ".join(_MARKUP.sub("", text).split())


def _first_line(block: str) -> str:
    line = block.split("\n", 1)[0].strip()
    return repr(line[:40] + ("…" if len(line) > 40 else ""))


def _check_times(path: Path, cues: list[Cue]) -> None:
    previous: Cue | None = None
    for cue in cues:
        if cue.end_ms < cue.start_ms:
            raise ImportFileError(
                path, translate(
                    "errors", "cue {number}: ends ({value}) before it starts ({value2})").format(
                    number=cue.number, value=format_ms(cue.end_ms, fraction=True), value2=format_ms(cue.start_ms, fraction=True))
            )
        if previous is not None and cue.start_ms < previous.end_ms:
            raise ImportFileError(
                path, translate(
                    "errors", "cue {number}: starts at {value}, before cue {number2} ends ({value2}); overlapping or "
                    "unordered cues").format(
                    number=cue.number, value=format_ms(cue.start_ms, fraction=True), number2=previous.number, value2=format_ms(previous.end_ms, fraction=True))
            )
        previous = cue


def _with_speakers(cues: list[Cue], turn_pattern: str | None) -> list[Cue]:
    """Each cue with its speaker: its voice, else a "Speaker:" label its text opens with (label taken off)."""
    label = compile_turn_pattern(turn_pattern)
    group: str | int = "speaker" if "speaker" in label.groupindex else 1
    labelled: list[Cue] = []
    for cue in cues:
        match = None if cue.speaker else label.match(cue.text)
        speaker = (match.group(group) or "").strip() if match else ""
        if speaker and match is not None:
            cue = Cue(cue.number, cue.start_ms, cue.end_ms, speaker, cue.text[match.end():].strip())
        labelled.append(cue)
    return labelled


def merge_cues(cues: list[Cue]) -> list[TimedTurn]:
    """Consecutive cues of one speaker as one turn; a cue without a speaker continues the turn before it, once
    someone has spoken. Cues without text are left out."""
    turns: list[TimedTurn] = []
    for cue in cues:
        if not cue.text:
            continue
        last = turns[-1] if turns else None
        continues = last is not None and bool(last.speaker) and cue.speaker in (last.speaker, "")
        if last is not None and continues:
            turns[-1] = TimedTurn(last.speaker, last.start_ms, cue.end_ms, f"{last.text} {cue.text}")
        else:
            turns.append(TimedTurn(cue.speaker, cue.start_ms, cue.end_ms, cue.text))
    return turns


def timed_transcript(turns: list[TimedTurn]) -> str:
    """The document text: one paragraph per turn, opening with its start time and speaker."""
    return "\n\n".join(
        f"[{format_ms(turn.start_ms)}] " + (f"{turn.speaker}: " if turn.speaker else "") + turn.text for turn in turns
    )


__all__ = ["Cue", "TimedTurn", "merge_cues", "read_subtitles", "timed_transcript"]
