"""Columnar inputs for a comparison at scale: every coded span and every unit of the compared documents as a few
int64 arrays, and the pattern weights of every code × document from them in whole-array numpy calls.

:mod:`coding.agreement.units` works one document and one code at a time; at 5,500 documents × 15 codes that is
80,000 rounds of small numpy calls plus a million ``Span`` objects. Here every document is laid on one line —
document ``d``'s offset ``x`` becomes ``d * stride + x`` with ``stride`` longer than any document, span or unit —
so that the union of a coder's spans, the units a span touches and the characters it covers are computed for all
documents at once, with the same integer arithmetic as the per-document functions (the figures are identical; a
test compares them). Nothing here touches Qt; the only SQL is two column reads, each one pass over its table.
"""

from __future__ import annotations

import time

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import text
from sqlalchemy.orm import Session

from coding.agreement.sources import CodeRef, DocumentRef, Rater, RaterSpans
from coding.agreement.units import PresenceRule, covered_before, union

Int64Array = NDArray[np.int64]
_LOW_BITS = (1 << 32) - 1
_LOW_21 = (1 << 21) - 1
# Below this share of the project's documents the compared ones are read by id; above it one table scan is faster.
_SCAN_SHARE = 0.25
GIL_PAUSE_S = 0.0005
_CHUNK_ROWS = 32_768  # converting one chunk holds the GIL for tens of ms, not seconds (the GUI runs meanwhile)


@dataclass(frozen=True)
class SpanColumns:
    """Every coded span of the raters in the compared documents: rater index, document position (index into the
    compared documents), code id, start, end."""

    rater: Int64Array
    document: Int64Array
    code: Int64Array
    start: Int64Array
    end: Int64Array


@dataclass(frozen=True)
class UnitColumns:
    """The units of the compared documents (sentences, turns or whole documents), ordered by document position
    then start; ``counts`` = units per document."""

    document: Int64Array
    start: Int64Array
    end: Int64Array
    counts: Int64Array


def _positions(documents: Sequence[DocumentRef], ids: Int64Array) -> Int64Array:
    """Position of each document id among ``documents`` (-1 for a document not compared)."""
    known = np.array([d.id for d in documents], dtype=np.int64)
    size = int(max(known.max(initial=0), ids.max(initial=0))) + 1
    lookup = np.full(size, -1, dtype=np.int64)
    lookup[known] = np.arange(len(known), dtype=np.int64)
    return lookup[ids] if len(ids) else np.zeros(0, dtype=np.int64)


def _unpack(packed: Int64Array) -> tuple[Int64Array, Int64Array]:
    return packed >> 32, packed & _LOW_BITS


Check = Callable[[], None]  # raises CancelledError when the user cancelled


def _no_check() -> None:
    return None


def _read_columns(session: Session, sql: str, params: dict[str, object], n_columns: int,
                  check: Check = _no_check) -> list[Int64Array]:
    """Integer columns of a query as arrays, read in chunks so that no more than one chunk of rows exists as
    Python objects at a time. On SQLite the rows come straight from the driver's cursor (on the session's
    connection, so inside its transaction): plain tuples, which numpy reads without per-row lookups. ``check``
    runs before each chunk: reading 4 million sentences takes seconds, and a cancel must not wait for the end."""
    connection = session.connection()
    chunks = [np.zeros((0, n_columns), dtype=np.int64)]
    if connection.dialect.name == "sqlite":
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            chunks.extend(_chunks(lambda: cursor.fetchmany(_CHUNK_ROWS), n_columns, check))
        finally:
            cursor.close()
    else:
        result = connection.execute(text(sql), params)
        chunks.extend(_chunks(lambda: [tuple(row) for row in result.fetchmany(_CHUNK_ROWS)], n_columns, check))
    array = np.concatenate(chunks)
    return [array[:, k].copy() for k in range(n_columns)]


def _chunks(fetch: Callable[[], Sequence[Any]], n_columns: int, check: Check) -> Iterator[Int64Array]:
    """Each chunk of rows ``fetch`` gives, as an array, until it gives none; ``check`` runs before each fetch."""
    while True:
        check()
        rows = fetch()
        if not rows:
            return
        yield np.array(rows, dtype=np.int64).reshape(-1, n_columns)
        # The driver builds a chunk's rows in C, taking the GIL back after every row before a waiting GUI thread
        # wakes up: without a pause the window starved for the whole read (260 ms stalls at 100×).
        time.sleep(GIL_PAUSE_S)


def _ids_fit(session: Session) -> bool:
    """Whether coder, code and document ids fit one 64-bit integer (11, 20 and 32 bits)."""
    largest = session.execute(text(
        "SELECT (SELECT max(id) FROM coders), (SELECT max(id) FROM codes), (SELECT max(id) FROM documents)")).one()
    return (largest[0] or 0) < 1 << 11 and (largest[1] or 0) < 1 << 20 and (largest[2] or 0) < 1 << 32


def _documents_filter(session: Session, documents: Sequence[DocumentRef], column: str) -> tuple[str, dict[str, object]]:
    """A WHERE clause on ``column`` for the compared documents, or none when a full scan is cheaper."""
    total = session.execute(text("SELECT count(*) FROM documents")).scalar_one()
    if len(documents) >= _SCAN_SHARE * max(int(total), 1):
        return "", {}
    names = {f"d{i}": d.id for i, d in enumerate(documents)}
    return f" AND {column} IN ({', '.join(':' + n for n in names)})", dict(names)


def load_span_columns(
    session: Session, raters: Sequence[Rater], documents: Sequence[DocumentRef], spans: Sequence[RaterSpans] | None,
    *, check: Check = _no_check,
) -> SpanColumns:
    """The raters' spans in the compared documents. Live coders are read in one query; snapshot raters (and any
    rater when ``spans`` are already loaded) come from their ``RaterSpans``."""
    parts: list[tuple[Int64Array, ...]] = []
    live = {r.coder_id: i for i, r in enumerate(raters) if not r.is_snapshot and spans is None}
    if live:
        where, params = _documents_filter(session, documents, "document_id")
        coders = {f"c{i}": coder_id for i, coder_id in enumerate(live)}
        sql = ("SELECT (CAST(coder_id AS BIGINT) << 52) | (CAST(code_id AS BIGINT) << 32) | document_id, "
               "(CAST(start AS BIGINT) << 32) | \"end\" FROM codings "
               f"WHERE coder_id IN ({', '.join(':' + n for n in coders)}){where}")
        fits = _ids_fit(session)
        if not fits:  # three columns when an id is too large to share one integer
            sql = sql.replace(" << 52) | (CAST(code_id AS BIGINT) << 32) | document_id", " << 32) | code_id, document_id")
        packed = _read_columns(session, sql, {**coders, **params}, 2 if fits else 3, check)
        if fits:
            who, offsets = packed
            coder_ids, code_ids, document_ids = who >> 52, (who >> 32) & ((1 << 20) - 1), who & _LOW_BITS
        else:
            who, document_ids, offsets = packed
            coder_ids, code_ids = _unpack(who)
        starts, ends = _unpack(offsets)
        lookup = np.zeros(int(coder_ids.max(initial=0)) + 1, dtype=np.int64)
        for coder_id, index in live.items():
            if coder_id < len(lookup):
                lookup[coder_id] = index
        parts.append((lookup[coder_ids], document_ids, code_ids, starts, ends))
    for index, rater in enumerate(raters):
        if spans is None and not rater.is_snapshot:
            continue
        source = spans[index] if spans is not None else None
        if source is None:
            continue
        rows = [(d, c, s.start, s.end) for d, codes in source.by_document.items() for c, found in codes.items()
                for s in found]
        array = np.array(rows, dtype=np.int64).reshape(-1, 4)
        parts.append((np.full(len(array), index, dtype=np.int64), array[:, 0], array[:, 1], array[:, 2],
                      array[:, 3]))
    columns = [np.concatenate([p[k] for p in parts]) if parts else np.zeros(0, dtype=np.int64) for k in range(5)]
    position = _positions(documents, columns[1])
    keep = position >= 0
    return SpanColumns(columns[0][keep], position[keep], columns[2][keep], columns[3][keep], columns[4][keep])


def load_unit_columns(session: Session, unit: str, documents: Sequence[DocumentRef], *,
                      check: Check = _no_check) -> UnitColumns:
    """Sentences, turns (what was said: the speaker label left out unless the turn is nothing else) or whole
    documents of the compared documents, as :func:`coding.agreement.sources.unit_frames` defines them."""
    if unit == "document":
        lengths = np.array([d.length for d in documents], dtype=np.int64)
        positions = np.arange(len(documents), dtype=np.int64)
        return UnitColumns(positions, np.zeros(len(documents), dtype=np.int64), lengths,
                           np.ones(len(documents), dtype=np.int64))
    if unit == "sentence":
        table, start = "sentences", "start"
    elif unit == "turn":
        table, start = "speaker_turns", "CASE WHEN content_start < \"end\" THEN content_start ELSE start END"
    else:
        raise ValueError(f"no unit table for {unit!r}")
    where, params = _documents_filter(session, documents, "document_id")
    condition = f"WHERE \"end\" > start{where}"
    # One integer per unit (fewer Python objects to read) when document id, start and end fit 21 bits each; a
    # unit that does not fit reads as -1 and the units are read again, two integers each.
    (packed,) = _read_columns(session, f"SELECT CASE WHEN document_id < {1 << 21} AND \"end\" < {1 << 21} "
                                       f"THEN (CAST(document_id AS BIGINT) << 42) | (CAST({start} AS BIGINT) << 21) "
                                       f"| \"end\" ELSE -1 END FROM {table} {condition}", params, 1, check)
    if len(packed) == 0 or int(packed.min()) >= 0:
        document_ids, starts, ends = packed >> 42, (packed >> 21) & _LOW_21, packed & _LOW_21
    else:
        document_ids, offsets = _read_columns(session, f"SELECT document_id, (CAST({start} AS BIGINT) << 32) | "
                                                       f"\"end\" FROM {table} {condition}", params, 2, check)
        starts, ends = _unpack(offsets)
    check()
    position = _positions(documents, document_ids)
    keep = position >= 0
    position, starts, ends = position[keep], starts[keep], ends[keep]
    check()
    counts = np.bincount(position, minlength=len(documents)).astype(np.int64)
    in_order = bool(np.all((np.diff(position) > 0) | ((np.diff(position) == 0) & (np.diff(starts) >= 0))))
    if in_order:  # the table is usually stored document by document, sentence by sentence
        return UnitColumns(position, starts, ends, counts)
    order = np.lexsort((starts, position))
    return UnitColumns(position[order], starts[order], ends[order], counts)


# ------------------------------------------------------------------------------------------------
# Pattern weights for every code × document at once
# ------------------------------------------------------------------------------------------------


def _ranges(first: Int64Array, last: Int64Array) -> Int64Array:
    """Every integer in each half-open range [first, last), concatenated."""
    counts = np.maximum(last - first, 0)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.asarray(np.repeat(first, counts) + offsets, dtype=np.int64)


@dataclass(frozen=True)
class _Line:
    """The compared documents laid end to end: ``stride`` is longer than any document, span or unit."""

    stride: int
    lengths: Int64Array

    @classmethod
    def build(cls, documents: Sequence[DocumentRef], spans: SpanColumns, units: UnitColumns | None) -> _Line:
        lengths = np.array([d.length for d in documents], dtype=np.int64)
        longest = max(int(lengths.max(initial=0)), int(spans.end.max(initial=0)), int(spans.start.max(initial=0)),
                      int(units.end.max(initial=0)) if units is not None else 0)
        return cls(longest + 2, lengths)

    def place(self, document: Int64Array, offsets: Int64Array) -> Int64Array:
        return document * self.stride + offsets


def _members_mask(spans: SpanColumns, members: frozenset[int]) -> NDArray[np.bool_]:
    """Which spans are codings of one of ``members`` (a code and the codes below it)."""
    table = np.zeros(int(max(spans.code.max(initial=0), max(members, default=0))) + 1, dtype=bool)
    table[list(members)] = True
    mask: NDArray[np.bool_] = table[spans.code]
    return mask


def _rater_spans(spans: SpanColumns, in_code: NDArray[np.bool_], present: NDArray[np.bool_], rater: int
                 ) -> NDArray[np.bool_]:
    """Which spans count for one rater and one compared code (the rater must have coded the document)."""
    mask: NDArray[np.bool_] = in_code & (spans.rater == rater)
    return np.asarray(mask & present[rater, spans.document], dtype=bool)


def _unit_hits(
    line: _Line, spans: SpanColumns, mask: NDArray[np.bool_], unit_starts: Int64Array, unit_ends: Int64Array,
    ends_sorted: bool, rule: PresenceRule, check: Check = _no_check,
) -> Int64Array:
    """Indexes of the units one rater has the code in under ``rule``, from the rater's spans (``mask``);
    ``check`` runs between its two halves (cancel: over 4 million units each takes a few hundred ms)."""
    coverage = union((line.place(spans.document[mask], spans.start[mask]),
                      line.place(spans.document[mask], spans.end[mask])))
    if len(coverage[0]) == 0:
        return np.zeros(0, dtype=np.int64)
    if ends_sorted:  # only units a coverage stretch reaches can be covered
        first = np.searchsorted(unit_ends, coverage[0], side="right").astype(np.int64)
        last = np.searchsorted(unit_starts, coverage[1], side="left").astype(np.int64)
        reached = np.zeros(len(unit_starts), dtype=bool)
        reached[_ranges(first, last)] = True
        candidates = np.flatnonzero(reached)
    else:
        candidates = np.arange(len(unit_starts), dtype=np.int64)
    check()
    covered = covered_before(coverage, unit_ends[candidates]) - covered_before(coverage, unit_starts[candidates])
    present = rule.present(covered, unit_ends[candidates] - unit_starts[candidates])
    hits: Int64Array = candidates[present]
    return hits


def frame_weights(
    spans: SpanColumns, variables: Sequence[CodeRef], documents: Sequence[DocumentRef], units: UnitColumns,
    rule: PresenceRule, present: NDArray[np.bool_], on_variable: Callable[[CodeRef], None] | None = None,
    *, check: Check = _no_check,
) -> NDArray[np.float64]:
    """variables × documents × 1 × 2**raters: units per pattern for sentence, turn and document units, equal to
    :func:`coding.agreement.units.unit_weights` document by document. ``on_variable`` is called before each
    code (progress, cancel), ``check`` before each rater's part of it (cancel)."""
    n_raters = present.shape[0]
    n_patterns = 2**n_raters
    line = _Line.build(documents, spans, units)
    unit_starts, unit_ends = line.place(units.document, units.start), line.place(units.document, units.end)
    check()
    ends_sorted = bool(np.all(np.diff(unit_ends) >= 0))
    weights = np.zeros((len(variables), len(documents), 1, n_patterns))
    pattern = np.zeros(len(unit_starts), dtype=np.int64)
    for c, code in enumerate(variables):
        if on_variable is not None:
            on_variable(code)
        in_code = _members_mask(spans, code.members)
        pattern[:] = 0
        for r in range(n_raters):
            check()
            hits = _unit_hits(line, spans, _rater_spans(spans, in_code, present, r), unit_starts, unit_ends,
                              ends_sorted, rule, check)
            pattern[hits] |= 1 << r
        coded = np.flatnonzero(pattern)
        flat = units.document[coded] * n_patterns + pattern[coded]
        counts = np.bincount(flat, minlength=len(documents) * n_patterns).reshape(len(documents), n_patterns)
        counts[:, 0] = units.counts - counts[:, 1:].sum(axis=1)
        weights[c, :, 0] = counts
    return weights


def character_weights_all(
    spans: SpanColumns, variables: Sequence[CodeRef], documents: Sequence[DocumentRef], present: NDArray[np.bool_],
    on_variable: Callable[[CodeRef], None] | None = None, *, check: Check = _no_check,
) -> NDArray[np.float64]:
    """variables × documents × 1 × 2**raters: characters per pattern, equal to
    :func:`coding.agreement.units.character_weights` document by document (coverage clipped to the text)."""
    n_raters = present.shape[0]
    n_patterns = 2**n_raters
    line = _Line.build(documents, spans, None)
    limit = line.lengths[spans.document]
    starts, ends = np.clip(spans.start, 0, limit), np.clip(spans.end, 0, limit)
    weights = np.zeros((len(variables), len(documents), 1, n_patterns))
    for c, code in enumerate(variables):
        if on_variable is not None:
            on_variable(code)
        in_code = _members_mask(spans, code.members)
        events: list[Int64Array] = []
        changes: list[Int64Array] = []
        for r in range(n_raters):
            check()
            mask = _rater_spans(spans, in_code, present, r) & (ends > starts)
            cover_starts, cover_ends = union((line.place(spans.document[mask], starts[mask]),
                                              line.place(spans.document[mask], ends[mask])))
            events += [cover_starts, cover_ends]
            changes += [np.full(len(cover_starts), 1 << r, dtype=np.int64),
                        np.full(len(cover_ends), -(1 << r), dtype=np.int64)]
        positions, inverse = np.unique(np.concatenate(events), return_inverse=True)
        state = np.cumsum(np.bincount(inverse, weights=np.concatenate(changes), minlength=len(positions)))
        state = np.rint(state).astype(np.int64)
        stretch = np.diff(positions)
        coded = state[:-1] > 0
        flat = (positions[:-1][coded] // line.stride) * n_patterns + state[:-1][coded]
        counts = np.bincount(flat, weights=stretch[coded].astype(np.float64), minlength=len(documents) * n_patterns)
        counts = counts.reshape(len(documents), n_patterns)
        counts[:, 0] = np.maximum(line.lengths, 0) - counts[:, 1:].sum(axis=1)
        weights[c, :, 0] = counts
    return weights


__all__ = ["SpanColumns", "UnitColumns", "character_weights_all", "frame_weights", "load_span_columns",
           "load_unit_columns"]
