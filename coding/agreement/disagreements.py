"""Where coders differ: every disagreement by code and document, and a side-by-side view of one passage.

Units for listing (``unit=``):

* ``"passage"`` (default, the unit for adjudication) — per document and code, the coders' codings are grouped
  into passages: maximal stretches of overlapping codings (of any of the compared coders). A passage is a
  disagreement unless every coder coded it and each pair's coverages overlap by at least ``tolerance`` percent
  (overlap = intersection / union, as for segment units). Deciding a passage settles every coding in it.
* ``"sentence"``, ``"turn"``, ``"document"`` — every such unit whose presence pattern is mixed under ``rule``.
* ``"character"`` — maximal stretches of characters on which the same coders, but not all of them, coded.

Codes are taken as applied (no roll-up): a consensus decision has to apply a real code. Items carry the
overlapping codings of every compared coder and, once settled, the uuid of the consensus decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.agreement.compare import DEFAULT_TOLERANCE
from coding.agreement.sources import (
    DocumentRef,
    Rater,
    Span,
    codebook_order,
    load_spans,
    resolve_documents,
    resolve_raters,
    unit_frames,
)
from coding.agreement.units import (
    Intervals,
    UnitKind,
    PresenceRule,
    as_intervals,
    character_runs,
    concat_intervals,
    merge_overlapping,
    union,
    unit_presence,
)
from coding.codebook import code_levels, code_paths, find_code
from coding.errors import ValidationError
from models import Code, Coder, Coding, ConsensusDecision, Document
from coding.i18n import translate

DISAGREEMENT_UNITS: tuple[str, ...] = ("passage", "sentence", "turn", "document", "character")
_FRAME_UNITS: dict[str, UnitKind] = {"sentence": "sentence", "turn": "turn", "document": "document"}


@dataclass(frozen=True)
class CodingRef:
    """A coding as the review shows it; ``uuid`` is None for a snapshot's copy."""

    uuid: str | None
    coder: str
    code_id: int
    code_path: str
    start: int
    end: int


@dataclass(frozen=True)
class Disagreement:
    """One unit on which the compared coders differ (or, with ``include_agreements``, agree)."""

    document_id: int
    document_uuid: str
    document_name: str
    code_id: int
    code_uuid: str
    code_path: str
    level: int
    start: int
    end: int
    unit: str
    coders: tuple[str, ...]
    coded_by: tuple[str, ...]
    not_coded_by: tuple[str, ...]
    codings: tuple[CodingRef, ...]
    agreed: bool = False
    decision_uuid: str | None = None

    @property
    def key(self) -> str:
        return f"{self.document_uuid}:{self.code_uuid}:{self.start}:{self.end}"

    @property
    def resolved(self) -> bool:
        return self.decision_uuid is not None

    def codings_of(self, coder: str) -> tuple[CodingRef, ...]:
        return tuple(c for c in self.codings if c.coder == coder)

    def versions(self) -> dict[str, list[tuple[int, int]]]:
        """Each compared coder's version of the unit, in comparison order: the (start, end) of that coder's
        codings of the code touching it, an empty list for a coder who did not code it."""
        return {coder: [(c.start, c.end) for c in self.codings_of(coder)] for coder in self.coders}

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["key"], data["resolved"] = self.key, self.resolved
        data["versions"] = {coder: [list(span) for span in spans] for coder, spans in self.versions().items()}
        return data


# ------------------------------------------------------------------------------------------------
# Listing
# ------------------------------------------------------------------------------------------------


def list_disagreements(
    session: Session,
    coders: Sequence[str],
    *,
    unit: str = "passage",
    tolerance: float = DEFAULT_TOLERANCE,
    rule: str = "any",
    codes: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    include_agreements: bool = False,
) -> list[Disagreement]:
    """Every unit where the coders differ, by document (name order), code (codebook order) and position."""
    if unit not in DISAGREEMENT_UNITS:
        raise ValidationError(translate(
            "errors", "unknown unit '{unit}' for disagreements (choose from {value})").format(
            unit=unit, value=', '.join(DISAGREEMENT_UNITS)))
    if not 0 <= tolerance <= 100:
        raise ValidationError(translate(
            "errors", "tolerance must be a percentage from 0 to 100, not {tolerance!r}").format(tolerance=tolerance))
    presence_rule = PresenceRule.parse(rule)
    raters = resolve_raters(session, coders)
    spans = load_spans(session, raters)
    docs = resolve_documents(session, documents, spans, [r.name for r in raters])
    wanted_codes = {find_code(session, c).id for c in codes} if codes else None
    paths, levels = code_paths(session), code_levels(session)
    code_uuids = dict(session.execute(select(Code.id, Code.uuid)).all())
    order = {code_id: i for i, code_id in enumerate(codebook_order(session))}
    frame_unit = _FRAME_UNITS.get(unit)
    frames = unit_frames(session, frame_unit, docs) if frame_unit is not None else {}
    decisions = _decisions(session, [d.id for d in docs])
    items: list[Disagreement] = []
    for document in docs:
        used = {c for s in spans for c, found in s.by_document.get(document.id, {}).items() if found}
        if wanted_codes is not None:
            used &= wanted_codes
        for code_id in sorted(used, key=lambda c: order.get(c, c)):
            per_rater = [s.spans(document.id, [code_id]) for s in spans]
            context = _Context(document, code_id, code_uuids[code_id], paths[code_id], levels[code_id], raters,
                               unit, decisions)
            if unit == "passage":
                found = _passages(context, per_rater, tolerance)
            elif unit == "character":
                found = _character_runs(context, per_rater)
            else:
                found = _unit_items(context, per_rater, frames[document.id], presence_rule)
            items.extend(item for item in found if include_agreements or not item.agreed)
    return items


@dataclass(frozen=True)
class _Context:
    document: DocumentRef
    code_id: int
    code_uuid: str
    code_path: str
    level: int
    raters: Sequence[Rater]
    unit: str
    decisions: dict[tuple[int, int, int, int], str]

    def item(
        self, start: int, end: int, present: Sequence[bool], codings: list[CodingRef], agreed: bool
    ) -> Disagreement:
        names = tuple(r.name for r in self.raters)
        return Disagreement(
            document_id=self.document.id, document_uuid=self.document.uuid, document_name=self.document.name,
            code_id=self.code_id, code_uuid=self.code_uuid, code_path=self.code_path, level=self.level,
            start=int(start), end=int(end), unit=self.unit, coders=names,
            coded_by=tuple(n for n, p in zip(names, present, strict=True) if p),
            not_coded_by=tuple(n for n, p in zip(names, present, strict=True) if not p),
            codings=tuple(sorted(codings, key=lambda c: (c.start, c.end, names.index(c.coder)))), agreed=agreed,
            decision_uuid=self.decisions.get((self.document.id, self.code_id, int(start), int(end))),
        )

    def refs(self, per_rater: Sequence[list[Span]], start: int, end: int) -> list[CodingRef]:
        return [
            CodingRef(span.uuid, rater.name, span.code_id, self.code_path, span.start, span.end)
            for rater, spans in zip(self.raters, per_rater, strict=True)
            for span in spans
            if span.start < end and span.end > start
        ]


def _intervals(spans: list[Span]) -> Intervals:
    return as_intervals([(s.start, s.end) for s in spans])


def _covered(intervals: Intervals) -> int:
    return int((intervals[1] - intervals[0]).sum())


def overlap_of_coverages(a: Intervals, b: Intervals) -> float:
    """|A ∩ B| / |A ∪ B| of two coverages (disjoint, sorted spans); 0 when both are empty."""
    total = _covered(union(concat_intervals([a, b])))
    if total == 0:
        return 0.0
    return (_covered(a) + _covered(b) - total) / total


def _passages(context: _Context, per_rater: Sequence[list[Span]], tolerance: float) -> list[Disagreement]:
    everything = merge_overlapping(concat_intervals([_intervals(s) for s in per_rater]))
    items = []
    for start, end in zip(*everything, strict=True):
        inside = [[s for s in spans if s.start >= start and s.end <= end] for spans in per_rater]
        coverages = [union(_intervals(s)) for s in inside]
        present = [len(c[0]) > 0 for c in coverages]
        agreed = all(present) and all(
            overlap_of_coverages(coverages[i], coverages[j]) * 100.0 >= tolerance
            for i in range(len(coverages)) for j in range(i + 1, len(coverages))
        )
        items.append(context.item(start, end, present, context.refs(inside, start, end), agreed))
    return items


def _character_runs(context: _Context, per_rater: Sequence[list[Span]]) -> list[Disagreement]:
    coverages = [union(_intervals(s)) for s in per_rater]
    starts, ends, patterns = character_runs(coverages, context.document.length)
    everyone = 2 ** len(per_rater) - 1
    items = []
    for start, end, pattern in zip(starts, ends, patterns, strict=True):
        if pattern == 0:
            continue
        present = [bool((pattern >> i) & 1) for i in range(len(per_rater))]
        items.append(context.item(start, end, present, context.refs(per_rater, start, end), pattern == everyone))
    return items


def _unit_items(
    context: _Context, per_rater: Sequence[list[Span]], units: Intervals, rule: PresenceRule
) -> list[Disagreement]:
    presence = unit_presence([union(_intervals(s)) for s in per_rater], units, rule)
    some = presence.any(axis=0)
    items = []
    for index in np.flatnonzero(some):
        start, end = int(units[0][index]), int(units[1][index])
        column = presence[:, index]
        items.append(context.item(start, end, list(column), context.refs(per_rater, start, end), bool(column.all())))
    return items


def _decisions(session: Session, document_ids: Sequence[int]) -> dict[tuple[int, int, int, int], str]:
    rows = session.execute(
        select(ConsensusDecision.document_id, ConsensusDecision.code_id, ConsensusDecision.start,
               ConsensusDecision.end, ConsensusDecision.uuid)
        .where(ConsensusDecision.document_id.in_(list(document_ids)))
        .order_by(ConsensusDecision.decided_at)
    ).all()
    return {(d, c, s, e): u for d, c, s, e, u in rows}


# ------------------------------------------------------------------------------------------------
# Side by side
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoderColumn:
    coder: str
    is_consensus: bool
    codings: tuple[CodingRef, ...]


@dataclass(frozen=True)
class SideBySide:
    """A passage with some context, and each coder's codings (all codes) that touch it, one column per coder;
    consensus coders come last. Offsets are into the document; ``text`` is ``[window_start, window_end)``."""

    document_name: str
    start: int
    end: int
    window_start: int
    window_end: int
    text: str
    columns: tuple[CoderColumn, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def side_by_side(session: Session, item: Disagreement, *, context: int = 200) -> SideBySide:
    """The data for reviewing ``item``: the passage with ``context`` characters around it (widened to
    include every coding that touches the passage), and every coding of each compared coder and of the
    consensus coders in that window."""
    text = session.scalar(select(Document.text).where(Document.id == item.document_id)) or ""
    start, end = item.start, item.end
    coder_rows = session.execute(select(Coder.id, Coder.name, Coder.is_consensus)).all()
    names = {cid: name for cid, name, _ in coder_rows}
    consensus = sorted((name for _, name, flag in coder_rows if flag), key=str.casefold)
    shown = [name for name in item.coders if name in names.values()] + [c for c in consensus if c not in item.coders]
    by_name = {name: cid for cid, name in names.items()}
    rows = session.execute(
        select(Coding.uuid, Coding.coder_id, Coding.code_id, Coding.start, Coding.end)
        .where(Coding.document_id == item.document_id, Coding.coder_id.in_([by_name[n] for n in shown]),
               Coding.start < end, Coding.end > start)
        .order_by(Coding.start, Coding.end)
    ).all()
    paths = code_paths(session)
    refs = [CodingRef(u, names[cid], code, paths.get(code, ""), s, e) for u, cid, code, s, e in rows]
    snapshot_refs = [c for c in item.codings if c.uuid is None]  # a snapshot's codings are not in the table
    window_start = max(0, min([start - context, *(c.start for c in refs + snapshot_refs)]))
    window_end = min(len(text), max([end + context, *(c.end for c in refs + snapshot_refs)]))
    columns = []
    for name in item.coders:
        own = [c for c in refs if c.coder == name] or [c for c in snapshot_refs if c.coder == name]
        columns.append(CoderColumn(name, False, tuple(own)))
    for name in consensus:
        if name not in item.coders:
            columns.append(CoderColumn(name, True, tuple(c for c in refs if c.coder == name)))
    return SideBySide(item.document_name, start, end, window_start, window_end, text[window_start:window_end],
                      tuple(columns))


__all__ = [
    "DISAGREEMENT_UNITS",
    "CoderColumn",
    "CodingRef",
    "Disagreement",
    "SideBySide",
    "list_disagreements",
    "overlap_of_coverages",
    "side_by_side",
]
