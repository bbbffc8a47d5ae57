"""When each speaker turn is said: timestamps at turn starts ("[00:12:03]", "00:12:03", "[12:03]") and the
exact cue times a subtitle file gives, stored as :class:`models.TurnTime` rows (milliseconds).

A timestamp at the start of a line opens a turn (``turns.detect_turns``); it stays in the text, in the turn's
label part (before ``content_start``). A turn's end is the start of the next timed turn; the last has none —
unless the source knows better (a subtitle cue's own end time, ``SourceText.times``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coding.importing.turns import TIMESTAMP, TurnSpan
from models import SpeakerTurn, TurnTime



def timestamp_ms(match: re.Match[str]) -> int:
    hours, minutes, seconds = int(match["h"] or 0), int(match["m"]), int(match["s"])
    fraction = (match["ms"] or "").ljust(3, "0")
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(fraction or 0)


def format_ms(ms: int, *, fraction: bool = False) -> str:
    """``hh:mm:ss`` (``hh:mm:ss.mmm`` with ``fraction``), as transcripts and the app show a time."""
    seconds, milliseconds = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    shown = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return f"{shown}.{milliseconds:03d}" if fraction else shown


def turn_times(
    text: str, turns: Sequence[TurnSpan], known: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int, int | None]]:
    """``(turn index, start ms, end ms)`` for every turn that opens with a timestamp.

    ``known`` (start, end) per timed turn, in order, replaces what the text says when there is one per timed
    turn (a subtitle file's exact cue times; the text shows them rounded to the second).
    """
    starts: list[tuple[int, int]] = []
    for index, turn in enumerate(turns):
        match = TIMESTAMP.match(text, turn.start, turn.content_start)
        if match is not None:
            starts.append((index, timestamp_ms(match)))
    if not starts:
        return []
    if known and len(known) == len(starts):
        return [(index, start, end) for (index, _), (start, end) in zip(starts, known, strict=True)]
    ends: list[int | None] = [start for _, start in starts[1:]]
    return [(index, start, end) for (index, start), end in zip(starts, [*ends, None], strict=True)]


def store_turn_times(
    session: Session, document_id: int, text: str, turns: Sequence[TurnSpan], known: Sequence[tuple[int, int]] = ()
) -> int:
    """Write the turns' times (in the caller's transaction); returns how many turns are timed."""
    timed = turn_times(text, turns, known)
    if not timed:
        return 0
    ids = list(
        session.scalars(
            select(SpeakerTurn.id).where(SpeakerTurn.document_id == document_id).order_by(SpeakerTurn.position)
        )
    )
    # One executemany: ORM objects cost most of a subtitle file's store stage (a turn per few seconds of talk).
    rows = [{"turn_id": ids[index], "start_ms": start, "end_ms": end} for index, start, end in timed]
    session.execute(insert(TurnTime.__table__), rows)
    return len(timed)


def document_turn_times(session: Session, document_id: int) -> list[tuple[int, str, int, int | None]]:
    """``(turn position, speaker, start ms, end ms)`` of a document's timed turns, in order."""
    rows = session.execute(
        select(SpeakerTurn.position, SpeakerTurn.speaker, TurnTime.start_ms, TurnTime.end_ms)
        .join(TurnTime, TurnTime.turn_id == SpeakerTurn.id)
        .where(SpeakerTurn.document_id == document_id)
        .order_by(SpeakerTurn.position)
    )
    return [(position, speaker, start, end) for position, speaker, start, end in rows]


def span_times(
    session: Session, document_id: int, start: int, end: int
) -> tuple[int, int | None] | None:
    """The time span of the text ``[start, end)``: from the start of the first timed turn it touches to the end of
    the last (None when the document has no times there)."""
    rows = session.execute(
        select(TurnTime.start_ms, TurnTime.end_ms)
        .join(SpeakerTurn, TurnTime.turn_id == SpeakerTurn.id)
        .where(SpeakerTurn.document_id == document_id, SpeakerTurn.start < end, SpeakerTurn.end > start)
        .order_by(SpeakerTurn.position)
    ).all()
    if not rows:
        return None
    return rows[0][0], rows[-1][1]


class TimedSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def start_ms(self) -> int | None: ...
    @property
    def end_ms(self) -> int | None: ...


def turns_span_ms(turns: Sequence[TimedSpan], start: int, end: int) -> tuple[int, int | None] | None:
    """:func:`span_times` over turns already loaded (``coding.documents.Turn``): for the app's views."""
    timed = [turn for turn in turns if turn.start_ms is not None and turn.start < max(end, start + 1) and turn.end > start]
    if not timed or timed[0].start_ms is None:
        return None
    return timed[0].start_ms, timed[-1].end_ms


@dataclass(frozen=True)
class TurnClock:
    start: int
    end: int
    start_ms: int | None
    end_ms: int | None


def timed_turns_by_document(session: Session) -> dict[int, list[TurnClock]]:
    """Every timed turn of the project, per document id, in text order (one query, for exports)."""
    if session.scalar(select(TurnTime.turn_id).limit(1)) is None:  # no timed document: no scan of every turn
        return {}
    rows = session.execute(
        select(SpeakerTurn.document_id, SpeakerTurn.start, SpeakerTurn.end, TurnTime.start_ms, TurnTime.end_ms)
        .join(TurnTime, TurnTime.turn_id == SpeakerTurn.id)
        .order_by(SpeakerTurn.document_id, SpeakerTurn.position)
    )
    turns: dict[int, list[TurnClock]] = {}
    for document_id, start, end, start_ms, end_ms in rows:
        turns.setdefault(document_id, []).append(TurnClock(start, end, start_ms, end_ms))
    return turns


def span_text(span: tuple[int, int | None]) -> str:
    """"00:12:03 – 00:12:40", or "from 00:12:03" when the end is not known."""
    start, end = span
    return f"from {format_ms(start)}" if end is None else f"{format_ms(start)} – {format_ms(end)}"


__all__ = [
    "TIMESTAMP", "TimedSpan", "TurnClock", "document_turn_times", "format_ms", "span_text", "span_times", "store_turn_times", "timed_turns_by_document", "timestamp_ms", "turn_times", "turns_span_ms",
]
