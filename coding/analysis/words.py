"""Words of documents: word frequencies (with spaCy's stop lists) and the word positions "share coded" needs.

A *word* is a token of the language's spaCy tokenizer from ``coding.nlp.get_pipeline`` (jieba words
for Chinese) that is neither punctuation nor whitespace and lies outside the speaker labels that open
turns — the same rule as the importer's ``Document.word_count``. Word frequencies further drop spaCy's stop words for the document's language
(``spacy.lang.en.stop_words.STOP_WORDS``, ``spacy.lang.zh.stop_words.STOP_WORDS``) and tokens with no
letter in them (numbers, symbols); counts are of lower-cased words.
"""

from __future__ import annotations

import bisect
import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray
from coding.analysis.filters import SegmentFilter, allowed_documents, raw_connection
from coding.errors import CancelledError, ValidationError
from coding.progress import Progress
from coding.i18n import translate

FrequencyUnit = Literal["all", "document", "case", "group"]
UNITS: tuple[str, ...] = ("all", "document", "case", "group")
NO_CASE = "(no case)"
NO_GROUP = "(no group)"
# Word positions come from immutable texts and turns, so a cache keyed by document uuid (and the
# number of speaker labels left out) never goes stale.
_CACHE_DOCUMENTS = 2000
_positions: OrderedDict[tuple[str, int], IntArray] = OrderedDict()
_positions_lock = threading.Lock()


def stop_words(language: str) -> frozenset[str]:
    if language == "zh":
        from spacy.lang.zh.stop_words import STOP_WORDS as CHINESE

        return frozenset(CHINESE)
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH

    return frozenset(ENGLISH)


def _tokens(text: str, language: str) -> list[tuple[int, str]]:
    """(start, lower-case text) of each word of ``text`` (tokenizer only: no other pipeline stage)."""
    from coding.nlp import LANGUAGES, get_pipeline

    nlp = get_pipeline(language if language in LANGUAGES else "en")
    return [(t.idx, t.lower_) for t in nlp.tokenizer(text) if not (t.is_punct or t.is_space)]


def word_starts(
    document_uuid: str, text: str, language: str, labels: tuple[list[int], list[int]] = ([], [])
) -> IntArray:
    """Sorted start offsets of the document's words, speaker labels left out (cached per document).

    With the labels given, the count equals the importer's ``Document.word_count``.
    """
    label_starts, label_ends = labels
    key = (document_uuid, len(label_starts))
    with _positions_lock:
        cached = _positions.get(key)
        if cached is not None:
            _positions.move_to_end(key)
            return cached
    starts = np.fromiter(
        (start for start, _ in _tokens(text, language) if not _inside(start, label_starts, label_ends)),
        dtype=np.int64,
    )
    with _positions_lock:
        _positions[key] = starts
        while len(_positions) > _CACHE_DOCUMENTS:
            _positions.popitem(last=False)
    return starts


def words_inside(starts: IntArray, intervals: IntArray) -> int:
    """How many words start inside the union of half-open ``intervals`` (an n×2 array)."""
    if intervals.size == 0 or starts.size == 0:
        return 0
    order = np.argsort(intervals[:, 0], kind="stable")
    begin, end = intervals[order, 0], intervals[order, 1]
    # Merge overlaps: a new run starts where an interval begins after every earlier one ended.
    reach = np.maximum.accumulate(end)
    new_run = np.ones(len(begin), dtype=bool)
    new_run[1:] = begin[1:] > reach[:-1]
    first = np.flatnonzero(new_run)
    last = np.append(first[1:] - 1, len(begin) - 1)
    run_begin, run_end = begin[first], reach[last]
    inside = np.searchsorted(starts, run_end, "left") - np.searchsorted(starts, run_begin, "left")
    return int(inside.sum())


@dataclass(frozen=True)
class WordFrequencies:
    """The top words overall, with their count in each unit (document, case or group)."""

    by: str
    columns: list[str]
    words: list[str]
    counts: IntArray  # words × columns
    totals: IntArray  # per word, over all units
    unit_words: IntArray  # counted (non-stop) words per unit

    def to_rows(self) -> list[dict[str, object]]:
        return [
            {"word": word, "total": int(self.totals[i]),
             "counts": {column: int(self.counts[i, j]) for j, column in enumerate(self.columns)}}
            for i, word in enumerate(self.words)
        ]

    def table(self) -> tuple[list[str], list[list[object]]]:
        """Header and rows for CSV/XLSX: word, total, then one column per unit."""
        headers = ["word", "total", *self.columns] if self.by != "all" else ["word", "count"]
        rows: list[list[object]] = []
        for i, word in enumerate(self.words):
            per_unit = [int(v) for v in self.counts[i]] if self.by != "all" else []
            rows.append([word, int(self.totals[i]), *per_unit])
        return headers, rows


# A document as word_frequencies reads it: id, name, language, text, case name (None without a case).
_DocumentText = tuple[int, str, str, str, str | None]


def _units(
    session: Session, by: str, documents: Sequence[_DocumentText]
) -> tuple[list[str], dict[int, list[int]]]:
    """Column labels and, per document id, the column indexes it counts towards."""
    if by == "all":
        return ["all documents"], {row[0]: [0] for row in documents}
    if by == "document":
        return [row[1] for row in documents], {row[0]: [i] for i, row in enumerate(documents)}
    connection = raw_connection(session)
    if by == "case":
        labels = sorted({row[4] or NO_CASE for row in documents})
        index = {label: i for i, label in enumerate(labels)}
        return labels, {row[0]: [index[row[4] or NO_CASE]] for row in documents}
    memberships: dict[int, list[str]] = {}
    for document_id, group in connection.execute(
        "SELECT m.document_id, g.name FROM document_group_members m JOIN document_groups g ON g.id = m.group_id"
    ):
        memberships.setdefault(document_id, []).append(group)
    labels = sorted({g for row in documents for g in memberships.get(row[0], [NO_GROUP])})
    index = {label: i for i, label in enumerate(labels)}
    return labels, {row[0]: [index[g] for g in memberships.get(row[0], [NO_GROUP])] for row in documents}


def speaker_labels(session: Session, document_ids: Iterable[int] | None = None) -> dict[int, tuple[list[int], list[int]]]:
    """Per document, the sorted spans of speaker labels ("Interviewer:") and of the metadata header
    (访谈编号：A01 …), which are not words said."""
    sql = (
        "SELECT document_id, start, content_start FROM ("
        "SELECT document_id, start, content_start FROM speaker_turns WHERE content_start > start "
        'UNION ALL SELECT document_id, start, "end" FROM document_metadata) AS labels WHERE 1=1'
    )
    params: list[object] = []
    if document_ids is not None:
        sql += " AND document_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(set(document_ids))))
    spans: dict[int, tuple[list[int], list[int]]] = {}
    for document_id, start, content_start in raw_connection(session).execute(sql + " ORDER BY document_id, start",
                                                                              params):
        starts, ends = spans.setdefault(document_id, ([], []))
        starts.append(start)
        ends.append(content_start)
    return spans


def _inside(position: int, starts: list[int], ends: list[int]) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < ends[index]


def word_frequencies(
    session: Session,
    *,
    by: str = "all",
    top: int | None = 50,
    scope: SegmentFilter | None = None,
    include_stop_words: bool = False,
    min_length: int = 1,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> WordFrequencies:
    """Counts of the most frequent words, overall and per document, case or group."""
    if by not in UNITS:
        raise ValidationError(translate(
            "errors", "word frequencies by '{by}': use {value}").format(by=by, value=', '.join(UNITS)))
    if top is not None and top < 1:
        raise ValidationError(translate("errors", "--top must be at least 1, not {top}").format(top=top))
    allowed = allowed_documents(session, scope) if scope is not None else None
    sql = "SELECT d.id, d.name, d.language, d.text, cs.name FROM documents d LEFT JOIN cases cs ON cs.id = d.case_id"
    params: list[object] = []
    if allowed is not None:
        sql += " WHERE d.id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(sorted(allowed)))
    documents: list[_DocumentText] = raw_connection(session).execute(sql + " ORDER BY d.name", params).fetchall()
    columns, unit_of = _units(session, by, documents)
    labels = speaker_labels(session, [row[0] for row in documents])
    per_unit: list[Counter[str]] = [Counter() for _ in columns]
    for done, (document_id, name, language, text, _case) in enumerate(documents):
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "word frequencies cancelled"))
        stops = stop_words(language)
        label_starts, label_ends = labels.get(document_id, ([], []))
        counted = Counter(
            word for start, word in _tokens(text, language)
            if len(word) >= min_length and any(ch.isalpha() for ch in word)
            and (include_stop_words or word not in stops)
            and not _inside(start, label_starts, label_ends)
        )
        for column in unit_of[document_id]:
            per_unit[column].update(counted)
        if progress is not None:
            progress(done + 1, len(documents), name)
    overall: Counter[str] = Counter()
    for counter in per_unit:
        overall.update(counter)
    chosen = [word for word, _ in sorted(overall.items(), key=lambda item: (-item[1], item[0]))[:top]]
    counts = np.array([[unit[w] for unit in per_unit] for w in chosen], dtype=np.int64).reshape(len(chosen), len(columns))
    return WordFrequencies(
        by=by,
        columns=columns,
        words=chosen,
        counts=counts,
        totals=np.array([overall[w] for w in chosen], dtype=np.int64),
        unit_words=np.array([sum(unit.values()) for unit in per_unit], dtype=np.int64),
    )


__all__ = ["UNITS", "WordFrequencies", "speaker_labels", "stop_words", "word_frequencies", "word_starts", "words_inside"]
