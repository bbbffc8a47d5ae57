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

:func:`describe_basis` says what a figure rests on, in one line every view and export shows
("Codings of: consensus (Lin, Wang settled)", "Codings of: Lin, Wang — pooled, a passage counted
once"). :func:`default_filter` picks the coder an analysis uses when the user chose none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, load_codings, unique_sorted
from coding.analysis.filters import SegmentFilter, coder_ids_of
from models import Coder, Coding, ConsensusDecision

POOLED = "pooled"
PER_CODER = "per coder"
SINGLE = "single coder"
POOLED_NOTE = "pooled, a passage counted once"
PER_CODER_NOTE = "per coder, a passage counted once for each coder who coded it"


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


# -- what a figure rests on ---------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """The coders behind a figure and how their codings were counted."""

    coders: tuple[str, ...]
    consensus: bool  # only the consensus coder('s codings)
    settled_by: tuple[str, ...]  # who settled the consensus decisions
    pooling: str  # POOLED, PER_CODER or SINGLE

    def text(self) -> str:
        return basis_text(self.coders, consensus=self.consensus, settled_by=self.settled_by, pooling=self.pooling)

    def to_dict(self) -> dict[str, object]:
        return {"coders": list(self.coders), "consensus": self.consensus, "settled_by": list(self.settled_by),
                "pooling": self.pooling, "basis": self.text()}


def basis_text(coders: Sequence[str], *, consensus: bool = False, settled_by: Sequence[str] = (),
               pooling: str = POOLED) -> str:
    """"Codings of: consensus (Lin, Wang settled)" / "Codings of: Lin" / "Codings of: Lin, Wang — pooled, …"."""
    if consensus:
        return "Codings of: consensus" + (f" ({', '.join(settled_by)} settled)" if settled_by else "")
    if not coders:
        return "Codings of: no coder (nothing coded yet)"
    names = ", ".join(coders)
    if len(coders) == 1 or pooling == SINGLE:
        return f"Codings of: {names}"
    return f"Codings of: {names} — {PER_CODER_NOTE if pooling == PER_CODER else POOLED_NOTE}"


def settled_by(session: Session) -> tuple[str, ...]:
    """The people who settled consensus decisions, by name."""
    names = session.scalars(select(ConsensusDecision.decided_by).distinct()).all()
    return tuple(sorted(n for n in names if n))


def coders_with_codings(session: Session) -> list[tuple[int, str, bool]]:
    """(id, name, is consensus) of every coder who has codings, people first, then by name."""
    coded = select(Coding.coder_id).distinct().scalar_subquery()
    rows = session.execute(
        select(Coder.id, Coder.name, Coder.is_consensus).where(Coder.id.in_(coded))
        .order_by(Coder.is_consensus, Coder.name)
    ).all()
    return [(r.id, r.name, bool(r.is_consensus)) for r in rows]


def describe_basis(session: Session, flt: SegmentFilter) -> Basis:
    """The coders ``flt`` takes codings of (those who coded anything) and how they are counted."""
    chosen = coder_ids_of(session, flt)
    coders = [c for c in coders_with_codings(session) if chosen is None or c[0] in chosen]
    consensus = bool(coders) and all(c[2] for c in coders)
    pooling = SINGLE if len(coders) <= 1 else (POOLED if flt.pooled else PER_CODER)
    return Basis(tuple(c[1] for c in coders), consensus, settled_by(session) if consensus else (), pooling)


# -- the default choice -------------------------------------------------------------------------


@dataclass(frozen=True)
class DefaultChoice:
    """The filter an analysis runs on when the user chose no coder, and why."""

    flt: SegmentFilter
    chosen: bool  # False: the user's filter was used as given
    reason: str


def default_coder(session: Session, signed_in: str | None = None) -> tuple[int, str, str] | None:
    """(coder id, name, why) of the default: the consensus when it has codings, else the signed-in
    coder when they coded, else the coder with the most codings. None when nobody coded anything."""
    coders = coders_with_codings(session)
    if not coders:
        return None
    consensus = [c for c in coders if c[2]]
    if consensus:
        return consensus[0][0], consensus[0][1], "the consensus, which has codings"
    mine = [c for c in coders if signed_in and c[1].casefold() == signed_in.casefold()]
    if mine:
        return mine[0][0], mine[0][1], "the signed-in coder"
    counts = dict(session.execute(select(Coding.coder_id, func.count()).group_by(Coding.coder_id)).all())
    most = min(coders, key=lambda c: (-counts.get(c[0], 0), c[1]))
    return most[0], most[1], "the coder with the most codings (no consensus yet)"


def default_filter(session: Session, flt: SegmentFilter, signed_in: str | None = None) -> DefaultChoice:
    """``flt`` as given when it names coders or the consensus or all coders on purpose, or when at most
    one coder has codings; otherwise ``flt`` narrowed to :func:`default_coder` — never a silent pool."""
    if flt.coder_ids is not None or flt.consensus is not None or flt.all_coders:
        return DefaultChoice(flt, False, "")
    coders = coders_with_codings(session)
    if len(coders) <= 1:
        return DefaultChoice(flt, False, "")
    found = default_coder(session, signed_in)
    assert found is not None
    return DefaultChoice(replace(flt, coder_ids=(found[0],)), True, found[2])


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
