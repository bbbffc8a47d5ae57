"""Whose codings a figure rests on, and how several coders' codings are counted together.

Pooled counting (``SegmentFilter.pooled``; what the app and the CLI use when several coders are
chosen, unless asked for per-coder counts): per document and code, codings that
overlap or touch (``b.start <= a.end``) — by any of the chosen coders — merge into one *passage*
spanning their union, and the passage lists the coders who coded it. Counts (frequencies, matrix
cells, co-occurrence) count passages, and the summary and segment exports quote a passage once
("coded by Lin, Wang"). A passage is thus counted once however many coders coded it.

Per-coder counting (``pooled=False``, the core's default) keeps every coding as it is: a passage coded by two
coders counts twice — what "All coders, per coder" means.

With one coder in the selection nothing is pooled: each coding counts, as that coder made it.

:mod:`coding.analysis.basis` says what a figure rests on, in one line every view and export shows
("Codings of: consensus (Lin, Wang settled)", "Codings of: Lin, Wang — pooled, a passage counted
once"), and picks the coder an analysis uses when the user chose none (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, load_codings, unique_sorted
from coding.analysis.basis import (
    PER_CODER,
    POOLED,
    SINGLE,
    Basis,
    DefaultChoice,
    basis_text,
    coders_with_codings,
    default_coder,
    default_filter,
    describe_basis,
    settled_by,
)
from coding.analysis.filters import SegmentFilter

# -- merging ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passages:
    """Merged passages; ``member[i]`` is the passage of input coding ``i``."""

    document_id: IntArray
    code_id: IntArray
    start: IntArray
    end: IntArray
    first: IntArray  # index (into the input) of each passage's earliest coding
    member: IntArray

    @property
    def size(self) -> int:
        return int(self.start.size)


def merge_passages(document: IntArray, code: IntArray, start: IntArray, end: IntArray) -> Passages:
    """Merge codings of the same document and code that overlap or touch into passages (see module notes).

    Vectorised: sort by (document, code, start); a coding opens a new passage when it is the first of
    its (document, code) group or starts after every earlier coding of the group has ended.
    """
    n = start.size
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return Passages(empty, empty, empty, empty, empty, empty)
    order = np.lexsort((end, start, code, document))
    doc_s, code_s, start_s, end_s = document[order], code[order], start[order], end[order]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = (doc_s[1:] != doc_s[:-1]) | (code_s[1:] != code_s[:-1])
    group = np.cumsum(new_group) - 1
    # Running maximum of ends within a group: offset each group above all earlier ones, then accumulate.
    scale = int(end_s.max()) + 1
    reach = np.maximum.accumulate(group * scale + end_s) - group * scale
    opens = new_group.copy()
    opens[1:] |= start_s[1:] > reach[:-1]
    passage_sorted = np.cumsum(opens) - 1
    heads = np.flatnonzero(opens)
    member = np.empty(n, dtype=np.int64)
    member[order] = passage_sorted
    return Passages(
        document_id=doc_s[heads], code_id=code_s[heads], start=start_s[heads],
        end=np.maximum.reduceat(end_s, heads), first=order[heads], member=member,
    )


def passage_coders(passages: Passages, coder: IntArray, wanted: IntArray | None = None) -> dict[int, list[int]]:
    """Passage index -> ids of the coders whose codings it merges (for ``wanted`` passages, or all)."""
    keep = np.ones(coder.size, dtype=bool) if wanted is None else np.isin(passages.member, wanted)
    span = int(coder.max(initial=0)) + 1
    pairs = unique_sorted(passages.member[keep] * span + coder[keep])
    found: dict[int, list[int]] = {}
    for passage, coder_id in zip((pairs // span).tolist(), (pairs % span).tolist()):
        found.setdefault(passage, []).append(coder_id)
    return found


def may_pool(flt: SegmentFilter) -> bool:
    """Whether ``flt`` can pool at all (asked to, and not limited to one coder) — before reading codings."""
    return flt.pooled and (flt.coder_ids is None or len(set(flt.coder_ids)) > 1)


def pools(flt: SegmentFilter, coder: IntArray) -> bool:
    """Whether these codings are pooled: pooling asked for, and more than one coder among them."""
    return flt.pooled and coder.size > 1 and bool((coder != coder[0]).any())


def counting_codings(
    session: Session, flt: SegmentFilter, columns: tuple[str, ...]
) -> dict[str, IntArray]:
    """What the counting analyses count: codings per coder, or pooled passages (``coder_id`` 0, ``id``
    the passage's first coding), as :func:`coding.analysis.arrays.load_codings` returns them."""
    if not may_pool(flt):
        return load_codings(session, flt, columns)
    needed = tuple(dict.fromkeys((*columns, "id", "document_id", "coder_id", "code_id", "start", "end")))
    arrays = load_codings(session, flt, needed)
    if not pools(flt, arrays["coder_id"]):
        return {column: arrays[column] for column in columns}
    merged = merge_passages(arrays["document_id"], arrays["code_id"], arrays["start"], arrays["end"])
    pooled = {
        "id": arrays["id"][merged.first], "document_id": merged.document_id, "code_id": merged.code_id,
        "start": merged.start, "end": merged.end, "coder_id": np.zeros(merged.size, dtype=np.int64),
    }
    return {column: pooled[column] for column in columns}


__all__ = [
    "PER_CODER",
    "POOLED",
    "SINGLE",
    "Basis",
    "DefaultChoice",
    "Passages",
    "basis_text",
    "coders_with_codings",
    "counting_codings",
    "default_coder",
    "default_filter",
    "describe_basis",
    "may_pool",
    "merge_passages",
    "passage_coders",
    "pools",
    "settled_by",
]
