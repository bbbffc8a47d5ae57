"""Sentences with spaCy, run on what each turn says, so no sentence crosses a turn or holds a label."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from coding.importing.turns import TurnSpan
from coding.nlp import count_words, segmenting_disable

if TYPE_CHECKING:
    from spacy.language import Language

# Paragraph blocks within a turn are segmented apart: a sentence never runs across a blank line.
_BLOCK = re.compile(r"\S[^\n]*(?:\n[ \t]*\S[^\n]*)*")
# Longer blocks (a transcript typed as one paragraph) go to spaCy in pieces cut at line breaks.
MAX_PIECE_CHARS = 100_000
BATCH_SIZE = 256


@dataclass(frozen=True)
class SentenceSpan:
    turn_index: int  # index into the turn list the sentences were made from
    start: int
    end: int


class SentenceSpans(Sequence[SentenceSpan]):
    """A document's sentences as three integer columns, read as :class:`SentenceSpan` items.

    A transcript has thousands of sentences: columns cost a fraction of one object each to build, to send
    back from an import worker (``pool.py``: pickled as three byte strings) and to turn into table rows.
    """

    __slots__ = ("turn_indexes", "starts", "ends")

    def __init__(self, turn_indexes: Sequence[int] = (), starts: Sequence[int] = (), ends: Sequence[int] = ()) -> None:
        if not len(turn_indexes) == len(starts) == len(ends):
            raise ValueError("sentence columns of different lengths")
        self.turn_indexes = array("q", turn_indexes)
        self.starts = array("q", starts)
        self.ends = array("q", ends)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, index: int) -> SentenceSpan: ...
    @overload
    def __getitem__(self, index: slice) -> list[SentenceSpan]: ...
    def __getitem__(self, index: int | slice) -> SentenceSpan | list[SentenceSpan]:
        if isinstance(index, slice):
            return list(map(SentenceSpan, self.turn_indexes[index], self.starts[index], self.ends[index]))
        return SentenceSpan(self.turn_indexes[index], self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[SentenceSpan]:
        return map(SentenceSpan, self.turn_indexes, self.starts, self.ends)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SentenceSpans):
            return (self.turn_indexes, self.starts, self.ends) == (other.turn_indexes, other.starts, other.ends)
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable columns, as a list

    def __repr__(self) -> str:
        return f"SentenceSpans({list(self)!r})"

    def __reduce__(self) -> tuple[type[SentenceSpans], tuple[array[int], array[int], array[int]]]:
        return SentenceSpans, (self.turn_indexes, self.starts, self.ends)


@dataclass(frozen=True)
class Segmentation:
    sentences: SentenceSpans
    word_count: int


def segment_sentences(text: str, turns: Sequence[TurnSpan], nlp: Language) -> Segmentation:
    """Sentences of every turn's content, with offsets into ``text`` and whitespace trimmed off both ends."""
    pieces = list(_pieces(text, turns))
    docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=BATCH_SIZE, disable=segmenting_disable(nlp))
    turn_indexes: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    words = 0
    for (turn_index, offset, piece), doc in zip(pieces, docs, strict=True):
        words += count_words(doc)
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            while start < end and piece[start].isspace():
                start += 1
            while end > start and piece[end - 1].isspace():
                end -= 1
            if start < end:
                turn_indexes.append(turn_index)
                starts.append(offset + start)
                ends.append(offset + end)
    return Segmentation(SentenceSpans(turn_indexes, starts, ends), words)


def _pieces(text: str, turns: Sequence[TurnSpan]) -> Iterator[tuple[int, int, str]]:
    """(turn index, offset in text, piece) for each paragraph block of each turn's content."""
    for index, turn in enumerate(turns):
        for block in _BLOCK.finditer(text, turn.content_start, turn.end):
            for start, end in _cut(text, block.start(), block.end()):
                yield index, start, text[start:end]


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_PIECE_CHARS:
        limit = start + MAX_PIECE_CHARS
        cut = text.rfind("\n", start + 1, limit)
        if cut <= start:
            cut = text.rfind(" ", start + 1, limit)
        if cut <= start:
            cut = limit
        yield start, cut
        start = cut
    yield start, end


__all__ = ["Segmentation", "SentenceSpan", "SentenceSpans", "segment_sentences"]
