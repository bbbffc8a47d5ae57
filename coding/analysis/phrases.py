"""Phrase finder: the most frequent multi-word phrases (n-grams) of the transcripts, English and Chinese.

Words are those of :mod:`coding.analysis.words` (spaCy's tokenizer; jieba words for Chinese; speaker labels
and the metadata header left out), lower-cased. A phrase is a run of 2 to 5 consecutive words that crosses no
punctuation and no line break, so it never spans two sentences or two speakers. A phrase may hold stop words
inside (``quality of care``) but never starts or ends with one (spaCy's English or Chinese stop list), nor
with a token that has no letter (a number). English words are joined by a space, Chinese words by nothing.

A phrase is kept when it occurs at least ``min_count`` times in at least ``min_documents`` documents. With
``nested=False`` (the default) a phrase is dropped when a longer phrase containing it occurs as often — it
never occurs outside the longer one ("primary health" inside "primary health care").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray
from coding.analysis.filters import SegmentFilter, allowed_documents, raw_connection
from coding.analysis.words import speaker_labels, stop_words
from coding.errors import CancelledError, ValidationError
from coding.progress import Progress
from coding.i18n import translate

SHORTEST, LONGEST = 2, 5
LANGUAGE_CODES = {"en": 0, "zh": 1}


@dataclass(frozen=True)
class Phrase:
    text: str
    words: int  # n
    count: int
    documents: int
    language: str

    def to_dict(self) -> dict[str, object]:
        return {"phrase": self.text, "words": self.words, "count": self.count, "documents": self.documents,
                "language": self.language}


@dataclass(frozen=True)
class Phrases:
    phrases: list[Phrase]
    shortest: int
    longest: int
    min_count: int
    min_documents: int
    documents: int  # documents read

    def table(self) -> tuple[list[str], list[list[object]]]:
        return (["phrase", "words", "count", "documents", "language"],
                [[p.text, p.words, p.count, p.documents, p.language] for p in self.phrases])

    def to_dict(self) -> dict[str, object]:
        return {"n": [self.shortest, self.longest], "min_count": self.min_count,
                "min_documents": self.min_documents, "documents": self.documents,
                "phrases": [p.to_dict() for p in self.phrases]}


def parse_lengths(text: str) -> tuple[int, int]:
    """``"2-4"`` or ``"3"`` -> (shortest, longest), each from 2 to 5."""
    low, _, high = text.strip().partition("-")
    try:
        shortest, longest = int(low), int(high or low)
    except ValueError:
        raise ValidationError(translate(
            "errors", "phrase length '{text}': use N or N-M with words from {SHORTEST} to {LONGEST}, e.g. 2-4").format(
            text=text, SHORTEST=SHORTEST, LONGEST=LONGEST)) from None
    if not SHORTEST <= shortest <= longest <= LONGEST:
        raise ValidationError(translate(
            "errors", "phrase length '{text}': use N or N-M with words from {SHORTEST} to {LONGEST}, e.g. 2-4").format(
            text=text, SHORTEST=SHORTEST, LONGEST=LONGEST))
    return shortest, longest


class _Vocabulary:
    """Words as small integers shared by every document, with what the phrase rules need to know of each."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.words: list[str] = []
        self.edge: list[bool] = []  # may start or end a phrase: a letter in it, and no stop word

    def ids(self, words: list[str], stops: frozenset[str]) -> IntArray:
        found = np.empty(len(words), dtype=np.int64)
        for i, word in enumerate(words):
            ident = self.index.get(word)
            if ident is None:
                ident = self.index[word] = len(self.words)
                self.words.append(word)
                self.edge.append(word not in stops and any(ch.isalpha() for ch in word))
            found[i] = ident
        return found


def _document_grams(text: str, language: str, labels: tuple[list[int], list[int]], lengths: tuple[int, int],
                    vocabulary: _Vocabulary) -> IntArray:
    """The distinct phrases of one document with their counts: rows of ``longest`` word ids (-1 padded), then
    the count. Vectorised over the document's tokens; a phrase crosses no punctuation, space or speaker label."""
    from coding.nlp import LANGUAGES, get_pipeline

    shortest, longest = lengths
    nlp = get_pipeline(language if language in LANGUAGES else "en")
    doc = nlp.tokenizer(text)
    if not len(doc):
        return np.zeros((0, longest + 1), dtype=np.int64)
    attributes = doc.to_array(["IS_PUNCT", "IS_SPACE", "IDX", "LOWER"]).astype(np.int64)
    breaks = (attributes[:, 0] | attributes[:, 1]).astype(bool) | _in_labels(attributes[:, 2], labels)
    strings = nlp.vocab.strings
    hashes, token_hash = np.unique(attributes[:, 3].astype(np.uint64), return_inverse=True)
    local = vocabulary.ids([strings[int(h)] for h in hashes], stop_words(language))
    ids = local[token_hash]
    edge = np.array(vocabulary.edge, dtype=bool)[ids] & ~breaks
    broken = np.concatenate([[0], np.cumsum(breaks)])  # breaks before token i: broken[i]
    parts = []
    for n in range(shortest, min(longest, ids.size) + 1):
        m = ids.size - n + 1
        keep = edge[:m] & edge[n - 1:] & (broken[n:n + m] - broken[:m] == 0)
        if not keep.any():
            continue
        rows = np.full((int(keep.sum()), longest), -1, dtype=np.int64)
        for k in range(n):
            rows[:, k] = ids[k:k + m][keep]
        parts.append(rows)
    if not parts:
        return np.zeros((0, longest + 1), dtype=np.int64)
    grams, counts = np.unique(np.concatenate(parts), axis=0, return_counts=True)
    return np.column_stack([grams, counts])


def _in_labels(starts: IntArray, labels: tuple[list[int], list[int]]) -> NDArray[np.bool_]:
    """Which token starts fall inside a speaker label or the metadata header."""
    label_starts, label_ends = (np.asarray(v, dtype=np.int64) for v in labels)
    if label_starts.size == 0:
        return np.zeros(starts.size, dtype=bool)
    found = np.searchsorted(label_starts, starts, "right") - 1
    return (found >= 0) & (starts < label_ends[np.maximum(found, 0)])


def scoped_documents(session: Session, scope: SegmentFilter | None) -> list[tuple[int, str, str, str, str]]:
    """(id, name, uuid, language, text) of the documents ``scope`` allows (all without one), by name."""
    allowed = allowed_documents(session, scope) if scope is not None else None
    sql = "SELECT id, name, uuid, language, text FROM documents"
    params: list[object] = []
    if allowed is not None:
        sql += " WHERE id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(allowed)))
    return list(raw_connection(session).execute(sql + " ORDER BY name", params).fetchall())


def find_phrases(
    session: Session,
    *,
    lengths: tuple[int, int] = (2, 4),
    min_count: int = 3,
    min_documents: int = 1,
    top: int | None = 200,
    nested: bool = False,
    scope: SegmentFilter | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Phrases:
    """The phrases of ``lengths`` words occurring at least ``min_count`` times in ``min_documents`` documents,
    most frequent first (see the module notes)."""
    shortest, longest = lengths
    if not SHORTEST <= shortest <= longest <= LONGEST:
        raise ValidationError(translate(
            "errors", "phrases have from {SHORTEST} to {LONGEST} words, not {shortest}–{longest}").format(
            SHORTEST=SHORTEST, LONGEST=LONGEST, shortest=shortest, longest=longest))
    if min_count < 1 or min_documents < 1:
        raise ValidationError(translate(
            "errors", "the minimum count and the minimum number of documents are at least 1"))
    rows = scoped_documents(session, scope)
    labels = speaker_labels(session, [row[0] for row in rows])
    vocabulary = _Vocabulary()
    found: list[IntArray] = []
    for done, (document_id, name, _uuid, language, text) in enumerate(rows, start=1):
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "phrase finder cancelled"))
        grams = _document_grams(text, language, labels.get(document_id, ([], [])), lengths, vocabulary)
        found.append(np.column_stack([np.full(len(grams), LANGUAGE_CODES.get(language, 0)), grams]))
        if progress is not None:
            progress(done, len(rows), name)
    kept = _totals(found, longest, min_count, min_documents, vocabulary.words)
    if not nested:
        kept = _drop_nested(kept)
    ordered = sorted(kept.items(), key=lambda item: (-item[1][0], -len(item[0][1]), _joined(*item[0])))[:top]
    return Phrases([Phrase(_joined(language, gram), len(gram), n, documents, language)
                    for (language, gram), (n, documents) in ordered], shortest, longest, min_count, min_documents,
                   len(rows))


def _totals(found: list[IntArray], longest: int, min_count: int, min_documents: int,
            words: list[str]) -> dict[tuple[str, tuple[str, ...]], tuple[int, int]]:
    """(language, words) -> (count, documents) of the phrases frequent enough, from each document's counts."""
    if not found or not sum(len(f) for f in found):
        return {}
    table = np.concatenate(found)  # language, word ids …, count: one row per phrase and document
    grams, inverse = np.unique(table[:, :longest + 1], axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    counts = np.bincount(inverse, weights=table[:, -1]).astype(np.int64)
    documents = np.bincount(inverse)
    kept = np.flatnonzero((counts >= min_count) & (documents >= min_documents))
    languages = {code: language for language, code in LANGUAGE_CODES.items()}
    return {(languages[int(grams[i, 0])], tuple(words[w] for w in grams[i, 1:] if w >= 0)):
            (int(counts[i]), int(documents[i])) for i in kept}


def _joined(language: str, gram: tuple[str, ...]) -> str:
    if language == "zh":
        return "".join(gram)
    # English clitics were split off by the tokenizer ("people 's"): written back onto their word.
    return "".join(word if i == 0 or word.startswith("'") or word == "n't" else " " + word
                   for i, word in enumerate(gram))


Found = dict[tuple[str, tuple[str, ...]], tuple[int, int]]  # (language, words) -> (count, documents)


def _drop_nested(kept: Found) -> Found:
    """Leave out a phrase whose every occurrence lies inside one longer kept phrase (same count)."""
    covered: set[tuple[str, tuple[str, ...]]] = set()
    for (language, gram), (n, _) in kept.items():
        for size in range(SHORTEST, len(gram)):
            for i in range(len(gram) - size + 1):
                key = (language, gram[i:i + size])
                if key in kept and kept[key][0] == n:
                    covered.add(key)
    return {key: n for key, n in kept.items() if key not in covered}


__all__ = ["Phrase", "Phrases", "find_phrases", "parse_lengths", "scoped_documents"]
