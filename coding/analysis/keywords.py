"""Keyword co-occurrence: which words, or which content categories, occur near each other.

Code co-occurrence (codes × codes, by overlapping codings, sentence or turn) is :mod:`coding.analysis.cooccurrence`;
this module adds the word and category level, with three units:

- ``document`` / ``sentence``: cell (a, b) = number of documents (sentences, as the importer split them) holding
  both a and b; the diagonal = those holding a;
- ``window``: cell (a, b) = number of pairs of an a and a b at most ``window`` words apart (in one document);
  the diagonal = occurrences of a.

Words are lower-cased tokens as in :mod:`coding.analysis.words` (speaker labels left out); the keywords are
the ones given, or the most frequent words without stop words. Categories come as
:class:`coding.analysis.content.Occurrences` (codes or dictionary hits), placed at the word their occurrence
starts on. The result is a :class:`coding.analysis.cooccurrence.Cooccurrence`, so its heatmap, tables and
exports are the code co-occurrence's own (``code_ids`` then number the keywords).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, unique_inverse
from coding.analysis.content import Occurrences
from coding.analysis.cooccurrence import Cooccurrence
from coding.analysis.filters import SegmentFilter, raw_connection
from coding.analysis.phrases import scoped_documents
from coding.analysis.words import _inside, speaker_labels, word_frequencies, word_starts
from coding.errors import CancelledError, ValidationError
from coding.progress import Progress
from coding.i18n import translate

UNITS: tuple[str, ...] = ("sentence", "window", "document")
MAX_KEYWORDS = 200


def _check(unit: str, window: int) -> None:
    if unit not in UNITS:
        raise ValidationError(translate(
            "errors", "co-occurrence unit '{unit}': use {value}").format(unit=unit, value=', '.join(UNITS)))
    if unit == "window" and window < 1:
        raise ValidationError(translate("errors", "the window is at least 1 word, not {window}").format(window=window))


def word_cooccurrence(
    session: Session,
    *,
    keywords: Sequence[str] | None = None,
    top: int = 20,
    unit: str = "sentence",
    window: int = 10,
    scope: SegmentFilter | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Cooccurrence:
    """Co-occurrence of ``keywords`` (default: the ``top`` most frequent words without stop words)."""
    from coding.nlp import LANGUAGES, get_pipeline

    _check(unit, window)
    if keywords:
        chosen = list(dict.fromkeys(k.strip().lower() for k in keywords if k.strip()))
    else:
        chosen = word_frequencies(session, top=top, scope=scope, cancel=cancel).words
    if not chosen and not keywords:
        raise ValidationError(translate("errors", "the documents have no words to count yet"))
    if not chosen or len(chosen) > MAX_KEYWORDS:
        raise ValidationError(translate(
            "errors", "give from 1 to {MAX_KEYWORDS} keywords (found {value})").format(
            MAX_KEYWORDS=MAX_KEYWORDS, value=len(chosen)))
    index = {word: i for i, word in enumerate(chosen)}
    rows = scoped_documents(session, scope)
    labels = speaker_labels(session, [row[0] for row in rows])
    documents, items, positions, starts = [], [], [], []
    for done, (document_id, name, _uuid, language, text) in enumerate(rows, start=1):
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "co-occurrence cancelled"))
        label_starts, label_ends = labels.get(document_id, ([], []))
        nlp = get_pipeline(language if language in LANGUAGES else "en")
        position = -1
        for token in nlp.tokenizer(text):
            if token.is_punct or token.is_space or _inside(token.idx, label_starts, label_ends):
                continue
            position += 1
            item = index.get(token.lower_)
            if item is not None:
                documents.append(document_id)
                items.append(item)
                positions.append(position)
                starts.append(token.idx)
        if progress is not None:
            progress(done, len(rows), name)
    counts = _count(session, unit, window, len(chosen), *(np.array(v, dtype=np.int64) for v in
                                                           (documents, items, positions, starts)))
    return _result(f"words, {unit}" + (f" ±{window}" if unit == "window" else ""), chosen, counts)


def category_cooccurrence(session: Session, occurrences: Occurrences, *, unit: str = "sentence",
                          window: int = 10) -> Cooccurrence:
    """Co-occurrence of content categories (codes or dictionary categories), each placed where it starts."""
    _check(unit, window)
    if occurrences.size and (occurrences.start < 0).any():
        raise ValidationError(translate(
            "errors", "these occurrences carry no positions: co-occurrence needs where each one starts"))
    positions = np.zeros(occurrences.size, dtype=np.int64)
    if unit == "window" and occurrences.size:
        positions = _word_positions(session, occurrences.document_id, occurrences.start)
    counts = _count(session, unit, window, len(occurrences.categories), occurrences.document_id,
                    occurrences.category, positions, occurrences.start)
    names = [c.split("/")[-1] for c in occurrences.categories]
    result = _result(f"{occurrences.source or 'categories'}, {unit}" + (f" ±{window}" if unit == "window" else ""),
                     names, counts, paths=list(occurrences.categories))
    return Cooccurrence(result.unit, False, result.code_ids, result.names, result.paths, result.counts,
                        occurrences.basis)


def _word_positions(session: Session, document: IntArray, start: IntArray) -> IntArray:
    """The index of the word each offset falls on, within its document."""
    wanted = sorted(set(document.tolist()))
    labels = speaker_labels(session, wanted)
    out = np.zeros(document.size, dtype=np.int64)
    for document_id, uuid, language, text in raw_connection(session).stream(
            "SELECT id, uuid, language, text FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),)):
        starts = word_starts(uuid, text, language, labels.get(document_id, ([], [])))
        here = document == document_id
        out[here] = np.maximum(np.searchsorted(starts, start[here], "right") - 1, 0)
    return out


def _count(session: Session, unit: str, window: int, n_items: int, document: IntArray, item: IntArray,
           position: IntArray, start: IntArray) -> IntArray:
    if document.size == 0:
        return np.zeros((n_items, n_items), dtype=np.int64)
    if unit == "window":
        return _window_counts(n_items, window, document, item, position)
    group = document if unit == "document" else _sentence_of(session, document, start)
    _, unit_index = unique_inverse(group - group.min())
    presence = sparse.csr_matrix((np.ones(item.size, dtype=np.int64), (unit_index, item)),
                                 shape=(int(unit_index.max()) + 1, n_items))
    presence.data[:] = 1  # sum_duplicates ran on construction: one per unit and item
    return sparse.csr_matrix(presence.T @ presence).toarray().astype(np.int64)


def _sentence_of(session: Session, document: IntArray, start: IntArray) -> IntArray:
    """A number per (document, sentence) for each offset (offsets outside any sentence get their own)."""
    wanted = ",".join(str(int(d)) for d in sorted(set(document.tolist())))
    rows = raw_connection(session).execute(
        f"SELECT document_id, start FROM sentences WHERE document_id IN ({wanted}) ORDER BY document_id, start"
    ).fetchall()
    table = np.array(rows, dtype=np.int64).reshape(-1, 2)
    scale = int(max(start.max(), table[:, 1].max(initial=0))) + 2
    keys = table[:, 0] * scale + table[:, 1]
    found = np.searchsorted(keys, document * scale + start, "right") - 1
    inside = (found >= 0) & (table[np.maximum(found, 0), 0] == document) if keys.size else found < -1
    return np.where(inside, found, keys.size + np.arange(document.size))


def _window_counts(n_items: int, window: int, document: IntArray, item: IntArray, position: IntArray) -> IntArray:
    """Pairs of occurrences of different items at most ``window`` words apart in one document."""
    counts = np.zeros((n_items, n_items), dtype=np.int64)
    order = np.lexsort((position, document))
    document, item, position = document[order], item[order], position[order]
    scale = int(position.max()) + window + 2
    key = document * scale + position
    # For each occurrence, the later ones of its document within the window: [i + 1, reach).
    reach = np.searchsorted(key, key + window, "right")
    spans = reach - np.arange(key.size) - 1
    first = np.repeat(np.arange(key.size), spans)
    second = first + 1 + (np.arange(first.size) - np.repeat(np.cumsum(spans) - spans, spans))
    a, b = item[first], item[second]
    different = a != b
    np.add.at(counts, (a[different], b[different]), 1)
    counts = counts + counts.T
    np.fill_diagonal(counts, np.bincount(item, minlength=n_items))
    return counts


def _result(unit: str, names: list[str], counts: IntArray, paths: list[str] | None = None) -> Cooccurrence:
    return Cooccurrence(unit=unit, rollup=False, code_ids=list(range(len(names))), names=names,
                        paths=paths or names, counts=counts)


__all__ = ["MAX_KEYWORDS", "UNITS", "category_cooccurrence", "word_cooccurrence"]
