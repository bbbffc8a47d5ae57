"""Sentences with spaCy, run on what each turn says, so no sentence crosses a turn or holds a label."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

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


@dataclass(frozen=True)
class Segmentation:
    sentences: list[SentenceSpan]
    word_count: int


def segment_sentences(text: str, turns: Sequence[TurnSpan], nlp: Language) -> Segmentation:
    """Sentences of every turn's content, with offsets into ``text`` and whitespace trimmed off both ends."""
    pieces = list(_pieces(text, turns))
    docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=BATCH_SIZE, disable=segmenting_disable(nlp))
    sentences: list[SentenceSpan] = []
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
                sentences.append(SentenceSpan(turn_index, offset + start, offset + end))
    return Segmentation(sentences, words)


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


__all__ = ["Segmentation", "SentenceSpan", "segment_sentences"]
