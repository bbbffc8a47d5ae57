"""Code co-occurrence: how often two codes meet, as a codes × codes table (and heatmap data).

Units:

- ``overlap``: a pair of codings co-occurs when their spans overlap (share at least one character).
  Cell (X, Y) = number of overlapping pairs of an X coding and a Y coding; diagonal = number of X
  codings.
- ``sentence`` / ``turn``: a code is present in a sentence (speaker turn) when one of its codings
  overlaps it. Cell (X, Y) = number of units where both are present; diagonal = units with X.

Per coder (the default of ``SegmentFilter``) both count within one coder at a time: coder A's X never
pairs with coder B's Y, and a passage both coded counts once per coder. Pooled (``pooled=True``, what
the app and the CLI ask for with several coders) they count merged passages (:mod:`coding.analysis.pooling`): X and Y co-occur where
an X passage and a Y passage overlap, whoever coded them, and each passage counts once.

Roll-up (default on) works as in code frequencies: a row counts its code and all codes below it. When
the rows include a code and its ancestor, the two co-occur wherever the descendant was coded.

The counting is vectorised: codings are sorted by (document, coder, start), and for each coding
``searchsorted`` finds how many later codings of the same document and coder start before it ends
— exactly the ones that overlap it. One pass, no Python loop over codings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, unique_inverse, unique_sorted
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, raw_connection
from coding.analysis.frequencies import credited_rows, membership_matrix
from coding.analysis.pooling import Basis, counting_codings, describe_basis
from coding.errors import ValidationError
from coding.i18n import translate

Unit = Literal["overlap", "sentence", "turn"]
UNITS: tuple[str, ...] = ("overlap", "sentence", "turn")
_UNIT_TABLE = {"sentence": "sentences", "turn": "speaker_turns"}
# Pairs are materialised in chunks so one huge coding overlapping everything cannot exhaust memory.
_PAIR_CHUNK = 5_000_000


@dataclass(frozen=True)
class Cooccurrence:
    unit: str
    rollup: bool
    code_ids: list[int]
    names: list[str]
    paths: list[str]
    counts: IntArray  # symmetric codes × codes
    basis: Basis | None = None  # whose codings, pooled or per coder

    def pairs(self) -> list[dict[str, object]]:
        """Off-diagonal pairs with a count, most frequent first."""
        found: list[tuple[int, str, str]] = []  # (count, code a, code b)
        n = len(self.code_ids)
        for i in range(n):
            for j in range(i + 1, n):
                if self.counts[i, j]:
                    found.append((int(self.counts[i, j]), self.paths[i], self.paths[j]))
        found.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
        return [{"code_a": code_a, "code_b": code_b, "count": count} for count, code_a, code_b in found]

    def table(self) -> tuple[list[str], list[list[object]]]:
        headers = ["code", *self.names]
        return headers, [[self.paths[i], *[int(v) for v in self.counts[i]]] for i in range(len(self.code_ids))]

    def to_dict(self) -> dict[str, object]:
        return {"unit": self.unit, "rollup": self.rollup, "codes": self.paths,
                "counts": self.counts.tolist(), "pairs": self.pairs(),
                **(self.basis.to_dict() if self.basis else {})}


def _combine(*keys: IntArray) -> IntArray:
    """One int64 per tuple of non-negative keys, ordered like the tuples (lexicographically)."""
    combined = np.zeros(keys[0].size, dtype=np.int64)
    span_total = 1
    for key in keys:
        span = int(key.max()) + 1 if key.size else 1
        if span_total * span >= 2**62:  # re-number what we have so far before it could overflow
            combined = unique_inverse(combined)[1]
            span_total = int(combined.max()) + 1 if combined.size else 1
        combined = combined * span + key
        span_total *= span
    return combined


def _dense_rank(*keys: IntArray) -> IntArray:
    """0, 1, 2 … per distinct tuple of keys, increasing with the tuples' order."""
    if keys[0].size == 0:
        return np.zeros(0, dtype=np.int64)
    return unique_inverse(_combine(*keys))[1]


def _following_pairs(counts_after: IntArray) -> tuple[IntArray, IntArray]:
    """For item i with ``counts_after[i] = k``: pairs (i, i+1) … (i, i+k)."""
    total = int(counts_after.sum())
    first = np.repeat(np.arange(counts_after.size), counts_after)
    offset = np.arange(total) - np.repeat(np.cumsum(counts_after) - counts_after, counts_after)
    return first, first + 1 + offset


def _ordered_pair_counts(k: int, codes: IntArray, counts_after: IntArray) -> IntArray:
    """K×K: ordered pairs (i, j), i ≠ j, of overlapping codings by their codes (symmetric)."""
    matrix = np.zeros((k, k), dtype=np.int64)
    cumulative = np.cumsum(counts_after)
    begin = 0
    while begin < counts_after.size:
        base = int(cumulative[begin - 1]) if begin else 0
        end = max(int(np.searchsorted(cumulative, base + _PAIR_CHUNK, "right")), begin + 1)
        first, second = _following_pairs(counts_after[begin:end])
        flat = np.bincount(codes[first + begin] * k + codes[second + begin], minlength=k * k).reshape(k, k)
        matrix += flat + flat.T
        begin = end
    return matrix


def _overlap_counts(
    membership: IntArray, code: IntArray, group: IntArray, start: IntArray, end: IntArray
) -> IntArray:
    """Rows × rows overlap counts from codings of K codes (``code`` = 0…K-1) and a rows × K membership."""
    k = membership.shape[1]
    per_code = np.bincount(code, minlength=k)
    pairs = np.zeros((k, k), dtype=np.int64)
    if code.size > 1:
        scale = int(max(end.max(), start.max())) + 1
        key = group * scale + start
        order = np.argsort(key, kind="stable")
        key, code, group, end = key[order], code[order], group[order], end[order]
        # Later codings of the same group starting before this one ends overlap it (none starts earlier).
        reach = np.searchsorted(key, group * scale + end, "left")
        pairs = _ordered_pair_counts(k, code, np.maximum(reach - np.arange(key.size) - 1, 0))
    # Rows are sums of codes: pairs of distinct codings, plus one coding counted under two rows.
    counts = membership @ pairs @ membership.T + membership @ np.diag(per_code) @ membership.T
    np.fill_diagonal(counts, membership @ per_code)
    return counts


def _unit_bounds(session: Session, unit: str, documents: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Document ids, starts and ends of every sentence/turn of the given documents, sorted."""
    table = _UNIT_TABLE[unit]
    wanted = ",".join(str(int(d)) for d in unique_sorted(documents)) or "NULL"
    row = raw_connection(session).execute(
        f'SELECT group_concat(document_id), group_concat(start), group_concat("end") '
        f"FROM {table} WHERE document_id IN ({wanted})"
    ).fetchone()
    document, start, end = (np.fromstring(v, dtype=np.int64, sep=",") if v else np.zeros(0, dtype=np.int64) for v in row)
    if document.size > 1 and not _is_sorted(document, start):
        order = np.lexsort((start, document))
        document, start, end = document[order], start[order], end[order]
    return document, start, end


def _is_sorted(document: IntArray, start: IntArray) -> bool:
    """Rows usually come back in (document, start) order already; sorting is then skipped."""
    step = np.diff(document)
    return bool(np.all(step >= 0) and np.all((step > 0) | (np.diff(start) >= 0)))


def _unit_counts(
    session: Session, unit: str, membership: IntArray, code: IntArray, document: IntArray,
    coder: IntArray, start: IntArray, end: IntArray,
) -> IntArray:
    n_rows, k = membership.shape
    counts = np.zeros((n_rows, n_rows), dtype=np.int64)
    unit_doc, unit_start, unit_end = _unit_bounds(session, unit, document)
    if code.size == 0 or unit_doc.size == 0:
        return counts
    scale = int(max(unit_end.max(), end.max())) + 1
    unit_key = unit_doc * scale + unit_start
    # First unit: the last one starting at or before the coding's start, unless it ends before it.
    first = np.searchsorted(unit_key, document * scale + start, "right") - 1
    clipped = np.maximum(first, 0)
    inside = (first >= 0) & (unit_doc[clipped] == document) & (unit_end[clipped] > start)
    first = np.where(inside, first, first + 1)
    last = np.searchsorted(unit_key, document * scale + end, "left") - 1
    spans = np.maximum(last - first + 1, 0)
    item = np.repeat(np.arange(code.size), spans)
    unit_index = first[item] + (np.arange(item.size) - np.repeat(np.cumsum(spans) - spans, spans))
    # Presence of each code in each (unit, coder); a row is present where any of its codes is.
    group = _dense_rank(unit_index, coder[item])
    present = unique_sorted(group * k + code[item])
    if present.size == 0:
        return counts
    n_groups = int(present[-1] // k) + 1
    codes_present = sparse.csr_matrix(
        (np.ones(present.size, dtype=np.int64), (present // k, present % k)), shape=(n_groups, k)
    )
    rows_present = (codes_present @ sparse.csr_matrix(membership.T)).tocsr()
    rows_present.data[:] = 1
    return np.asarray((rows_present.T @ rows_present).todense(), dtype=np.int64)


def cooccurrence(
    session: Session,
    *,
    unit: str = "overlap",
    codes: Sequence[int] | None = None,
    rollup: bool = True,
    flt: SegmentFilter | None = None,
    tree: CodeTree | None = None,
) -> Cooccurrence:
    """Co-occurrence counts between ``codes`` (default: every code, in codebook order)."""
    if unit not in UNITS:
        raise ValidationError(translate(
            "errors", "co-occurrence unit '{unit}': use {value}").format(unit=unit, value=', '.join(UNITS)))
    tree = tree or CodeTree.load(session)
    row_codes = list(codes) if codes is not None else tree.preorder()
    for code_id in row_codes:
        tree.check(code_id)
    arrays = counting_codings(session, flt or SegmentFilter(), ("document_id", "coder_id", "code_id", "start", "end"))
    present, code = unique_inverse(arrays["code_id"])
    membership = membership_matrix(credited_rows(tree, row_codes, rollup), len(row_codes), present)
    counted = np.asarray(membership.any(axis=0))[code] if present.size else np.zeros(0, dtype=bool)
    code = code[counted]
    document, coder = arrays["document_id"][counted], arrays["coder_id"][counted]
    start, end = arrays["start"][counted], arrays["end"][counted]
    if unit == "overlap":
        counts = _overlap_counts(membership, code, _dense_rank(document, coder), start, end)
    else:
        counts = _unit_counts(session, unit, membership, code, document, coder, start, end)
    return Cooccurrence(
        unit=unit, rollup=rollup, code_ids=row_codes, names=[tree.label(c) for c in row_codes],
        paths=[tree.path(c) for c in row_codes], counts=counts, basis=describe_basis(session, flt or SegmentFilter()),
    )


__all__ = ["UNITS", "Cooccurrence", "cooccurrence"]
