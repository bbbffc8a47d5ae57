"""Units of comparison: from coders' coded spans to per-unit presence patterns, with interval arithmetic.

Every agreement figure here is about one code at a time (NVivo's approach, AGREEMENT.md pitfall 4): for each
unit, each coder either has the code there (1) or not (0). With ``m`` coders a unit's values form a *pattern*, an
integer whose bit ``i`` is coder ``i``'s value; there are only ``2**m`` patterns. A reliability matrix of binary
values is therefore fully described by how many units carry each pattern — a weight vector of length ``2**m``.
Everything below produces those weight vectors without ever building a coders × units matrix:

* **character** units — the weight of a pattern is the number of characters on which exactly those coders have
  the code. The coders' coverages are cut at every span boundary into elementary stretches, each stretch has one
  pattern, and its length is its weight (interval arithmetic; O(spans log spans), whatever the text length).
* **sentence** and **turn** units — each unit's covered length per coder comes from prefix sums over the coder's
  merged coverage (two binary searches per unit); a presence rule turns it into 0/1.
* **document** units — one unit per document: did the coder use the code there at all (MAXQDA's "code exists in
  the document")?
* **segment** units (MAXQDA's segment comparison) — every coded segment of every coder is a unit. The owner's
  value is 1; another coder's value is 1 when they have the same code on a segment that overlaps it by at least
  the tolerance, where *overlap = |intersection| / |union|* of the two segments (Jaccard), in percent.

Offsets are half-open ``[start, end)`` code-point indices into the document text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from coding.errors import ValidationError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.i18n import translate

UnitKind = Literal["character", "sentence", "turn", "document", "segment"]
UNIT_KINDS: tuple[UnitKind, ...] = ("character", "sentence", "turn", "document", "segment")

# A set of spans as two int64 arrays (starts, ends), sorted by start.
Intervals = tuple[np.ndarray, np.ndarray]

_EMPTY = np.zeros(0, dtype=np.int64)
_RULE = re.compile(r"^\s*(?:(any)|(\d+(?:\.\d+)?)\s*%?)\s*$", re.IGNORECASE)


def empty_intervals() -> Intervals:
    return _EMPTY, _EMPTY


def as_intervals(spans: Sequence[tuple[int, int]]) -> Intervals:
    """(starts, ends) arrays of some spans, sorted by start (then end)."""
    if len(spans) == 0:
        return empty_intervals()
    array = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    order = np.lexsort((array[:, 1], array[:, 0]))
    return array[order, 0], array[order, 1]


def concat_intervals(parts: Sequence[Intervals]) -> Intervals:
    """All spans of several interval sets, sorted by start (then end)."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return empty_intervals()
    starts = np.concatenate([p[0] for p in parts])
    ends = np.concatenate([p[1] for p in parts])
    order = np.lexsort((ends, starts))
    return starts[order], ends[order]


def _merge(intervals: Intervals, *, join_abutting: bool) -> Intervals:
    starts, ends = intervals
    if len(starts) < 2:
        return starts, ends
    order = np.lexsort((ends, starts))
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    # A span opens a new group when it starts after everything before it has ended (or, for segments, when it
    # only touches the previous ones).
    opens_group = starts[1:] > reach[:-1] if join_abutting else starts[1:] >= reach[:-1]
    opens = np.concatenate(([True], opens_group))
    group_starts = starts[opens]
    closes = np.concatenate((np.flatnonzero(opens)[1:] - 1, [len(starts) - 1]))
    return group_starts, reach[closes]


def union(intervals: Intervals) -> Intervals:
    """The characters covered by any of the spans, as disjoint sorted spans (abutting spans joined)."""
    return _merge(intervals, join_abutting=True)


def merge_overlapping(intervals: Intervals) -> Intervals:
    """Spans that overlap merged into one; spans that only touch stay separate (they are separate segments)."""
    return _merge(intervals, join_abutting=False)


def covered_before(coverage: Intervals, positions: np.ndarray) -> np.ndarray:
    """For each position x, how many characters of ``coverage`` (disjoint, sorted) lie before x."""
    starts, ends = coverage
    positions = np.asarray(positions, dtype=np.int64)
    if len(starts) == 0:
        return np.zeros(positions.shape, dtype=np.int64)
    cumulative = np.concatenate(([0], np.cumsum(ends - starts)))
    index = np.searchsorted(starts, positions, side="right") - 1
    inside = index >= 0
    safe = np.maximum(index, 0)
    partial = np.minimum(positions, ends[safe]) - starts[safe]
    return np.where(inside, cumulative[safe] + partial, 0)


def covered_lengths(coverage: Intervals, units: Intervals) -> np.ndarray:
    """Characters of each unit covered by ``coverage`` (disjoint, sorted spans)."""
    return np.asarray(covered_before(coverage, units[1]) - covered_before(coverage, units[0]))


def covers(coverage: Intervals, positions: np.ndarray) -> np.ndarray:
    """Whether the character at each position lies inside ``coverage`` (disjoint, sorted spans)."""
    starts, ends = coverage
    positions = np.asarray(positions, dtype=np.int64)
    if len(starts) == 0:
        return np.zeros(positions.shape, dtype=bool)
    index = np.searchsorted(starts, positions, side="right") - 1
    return (index >= 0) & (ends[np.maximum(index, 0)] > positions)


PRESENCE_AT_LEAST = QT_TRANSLATE_NOOP("AgreementNotes",
                                      "a unit counts as coded when at least {percent}% of its characters are coded")


@dataclass(frozen=True)
class PresenceRule:
    """When a unit counts as coded with a code by a coder: any overlap, or at least ``min_percent`` % of it."""

    min_percent: float = 0.0

    @classmethod
    def parse(cls, text: str | float | int | PresenceRule) -> PresenceRule:
        """``"any"``, ``"50%"``, ``"50"`` or a number of percent."""
        if isinstance(text, PresenceRule):
            return text
        if isinstance(text, int | float):
            return cls._checked(float(text))
        match = _RULE.match(str(text))
        if match is None:
            raise ValidationError(translate(
                "errors", "unknown presence rule {text!r} (use 'any' or a percentage such as '50%')").format(
                text=text))
        return cls(0.0) if match.group(1) else cls._checked(float(match.group(2)))

    @classmethod
    def _checked(cls, percent: float) -> PresenceRule:
        if not 0.0 <= percent <= 100.0:
            raise ValidationError(translate(
                "errors", "presence rule {percent:g}% is outside 0–100%").format(percent=percent))
        return cls(percent)

    @property
    def label(self) -> str:
        return "any" if self.min_percent == 0 else f"{self.min_percent:g}%"

    @property
    def description(self) -> str:
        if self.min_percent == 0:
            return QT_TRANSLATE_NOOP("AgreementNotes", "a unit counts as coded when any of its characters is coded")
        return PRESENCE_AT_LEAST.format(percent=f"{self.min_percent:g}")

    def present(self, covered: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Presence of the code in each unit, from covered characters and unit lengths."""
        if self.min_percent == 0:
            return covered > 0
        # Integer-safe comparison of covered/length >= p/100; a unit needs at least one coded character.
        return (covered > 0) & (covered * 100.0 >= self.min_percent * lengths)


# ------------------------------------------------------------------------------------------------
# Patterns: a unit's coder values as one integer
# ------------------------------------------------------------------------------------------------


def pattern_matrix(n_coders: int) -> np.ndarray:
    """coders × 2**coders matrix: column p holds the 0/1 values of pattern p (bit i = coder i)."""
    patterns = np.arange(2**n_coders)
    return ((patterns[np.newaxis, :] >> np.arange(n_coders)[:, np.newaxis]) & 1).astype(np.int64)


def patterns_of(presence: np.ndarray) -> np.ndarray:
    """Pattern index of each unit from a coders × units boolean matrix."""
    presence = np.asarray(presence, dtype=np.int64)
    bits = np.left_shift(1, np.arange(presence.shape[0], dtype=np.int64))
    return np.asarray(bits @ presence)


def pattern_weights(presence: np.ndarray) -> np.ndarray:
    """How many units carry each pattern (length 2**coders), from a coders × units boolean matrix."""
    n_coders = presence.shape[0]
    return np.bincount(patterns_of(presence), minlength=2**n_coders).astype(np.float64)


def sub_pattern_weights(weights: np.ndarray, coders: Sequence[int]) -> np.ndarray:
    """Weights over the patterns of some of the coders (marginalising the others), along the last axis.

    ``coders`` gives the chosen coders in their new order: bit j of a new pattern is coder ``coders[j]``.
    """
    n_patterns = weights.shape[-1]
    source = np.arange(n_patterns)
    target = np.zeros_like(source)
    for new_bit, coder in enumerate(coders):
        target |= ((source >> coder) & 1) << new_bit
    projection = np.zeros((n_patterns, 2 ** len(coders)))
    projection[source, target] = 1.0
    return weights @ projection


def disagreeing_weight(weights: np.ndarray) -> np.ndarray:
    """Units on which the coders differ (neither all 0 nor all 1), along the last axis."""
    return np.asarray(weights[..., 1:-1].sum(axis=-1))


# ------------------------------------------------------------------------------------------------
# From coverages to pattern weights, one unit kind at a time
# ------------------------------------------------------------------------------------------------


def character_runs(coverages: Sequence[Intervals], length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, ends, patterns): ``[0, length)`` cut into maximal stretches on which the same coders have the
    code (each coder's coverage: disjoint, sorted spans)."""
    if length <= 0:
        return _EMPTY, _EMPTY, _EMPTY
    cuts = [np.array([0, length], dtype=np.int64)]
    cuts.extend(np.clip(part, 0, length) for coverage in coverages for part in coverage)
    boundaries = np.unique(np.concatenate(cuts))
    starts = boundaries[:-1]
    pattern = np.zeros(len(starts), dtype=np.int64)
    for coder, coverage in enumerate(coverages):
        pattern |= covers(coverage, starts).astype(np.int64) << coder
    keep = np.concatenate(([True], pattern[1:] != pattern[:-1]))  # join neighbours with the same pattern
    run_starts = starts[keep]
    return run_starts, np.append(run_starts[1:], boundaries[-1]), pattern[keep]


def character_weights(coverages: Sequence[Intervals], length: int) -> np.ndarray:
    """Characters per pattern in ``[0, length)``: each coder's coverage (disjoint, sorted spans) for one code.

    The 2×2 table of NVivo's character comparison for coders i and j is :func:`sub_pattern_weights` of this.
    """
    starts, ends, patterns = character_runs(coverages, length)
    return np.bincount(patterns, weights=(ends - starts).astype(np.float64), minlength=2 ** len(coverages))


def unit_presence(coverages: Sequence[Intervals], units: Intervals, rule: PresenceRule) -> np.ndarray:
    """coders × units boolean matrix: does each coder have the code in each unit under ``rule``."""
    lengths = units[1] - units[0]
    presence = np.zeros((len(coverages), len(lengths)), dtype=bool)
    for coder, coverage in enumerate(coverages):
        presence[coder] = rule.present(covered_lengths(coverage, units), lengths)
    return presence


def unit_weights(coverages: Sequence[Intervals], units: Intervals, rule: PresenceRule) -> np.ndarray:
    """Units per pattern for predefined units (sentences, turns, one whole document)."""
    return pattern_weights(unit_presence(coverages, units, rule))


def overlap_ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """|a ∩ b| / |a ∪ b| of two spans (0 when they do not overlap): the overlap the segment tolerance tests."""
    intersection = min(a[1], b[1]) - max(a[0], b[0])
    if intersection <= 0:
        return 0.0
    return intersection / (max(a[1], b[1]) - min(a[0], b[0]))


def segment_matches(segments: Intervals, others: Intervals, tolerance: float) -> np.ndarray:
    """For each segment, whether ``others`` holds a segment overlapping it by at least ``tolerance`` percent.

    Overlap is intersection over union. Tolerance 0 means any overlap (at least one shared character).
    ``others`` must not overlap among themselves (see :func:`merge_overlapping`), so they are sorted by start and
    by end, and the candidates for each segment form one contiguous run.
    """
    starts, ends = segments
    other_starts, other_ends = others
    if len(starts) == 0 or len(other_starts) == 0:
        return np.zeros(len(starts), dtype=bool)
    first = np.searchsorted(other_ends, starts, side="right")  # first other ending after the segment starts
    last = np.searchsorted(other_starts, ends, side="left")  # others starting before the segment ends
    counts = np.maximum(last - first, 0)
    owner = np.repeat(np.arange(len(starts)), counts)
    if owner.size == 0:
        return np.zeros(len(starts), dtype=bool)
    offsets = np.arange(owner.size) - np.repeat(np.cumsum(counts) - counts, counts)
    candidate = first[owner] + offsets
    intersection = np.minimum(ends[owner], other_ends[candidate]) - np.maximum(starts[owner], other_starts[candidate])
    spread = np.maximum(ends[owner], other_ends[candidate]) - np.minimum(starts[owner], other_starts[candidate])
    ok = (intersection > 0) & (intersection * 100.0 >= tolerance * spread)
    return np.bincount(owner[ok], minlength=len(starts)) > 0


def segment_presence(segment_sets: Sequence[Intervals], tolerance: float) -> np.ndarray:
    """coders × segments boolean matrix over every coder's segments (coder 0's first, then coder 1's …).

    A segment's owner has value 1; any other coder has 1 when they hold a matching segment.
    """
    n_coders = len(segment_sets)
    blocks = []
    for owner, segments in enumerate(segment_sets):
        block = np.zeros((n_coders, len(segments[0])), dtype=bool)
        for coder, others in enumerate(segment_sets):
            block[coder] = True if coder == owner else segment_matches(segments, others, tolerance)
        blocks.append(block)
    if not blocks:
        return np.zeros((0, 0), dtype=bool)
    return np.concatenate(blocks, axis=1)


def segment_weights(segment_sets: Sequence[Intervals], tolerance: float) -> np.ndarray:
    """Segments per pattern, every coder's segments counted once (so a matched pair counts twice, as in MAXQDA)."""
    return pattern_weights(segment_presence(segment_sets, tolerance))


def segment_weights_by_owner(segment_sets: Sequence[Intervals], tolerance: float) -> np.ndarray:
    """coders × patterns: the segments of each coder per pattern. A comparison of some of the coders uses only
    their own segments (another coder's segment is not a unit of theirs)."""
    presence = segment_presence(segment_sets, tolerance)
    owners = np.repeat(np.arange(len(segment_sets)), [len(s[0]) for s in segment_sets])
    n_patterns = 2 ** len(segment_sets)
    flat = owners * n_patterns + patterns_of(presence)
    counts = np.bincount(flat, minlength=len(segment_sets) * n_patterns)
    return counts.reshape(len(segment_sets), n_patterns).astype(np.float64)


__all__ = [
    "UNIT_KINDS",
    "Intervals",
    "PresenceRule",
    "UnitKind",
    "as_intervals",
    "character_runs",
    "character_weights",
    "concat_intervals",
    "covered_before",
    "covered_lengths",
    "covers",
    "disagreeing_weight",
    "empty_intervals",
    "merge_overlapping",
    "overlap_ratio",
    "pattern_matrix",
    "pattern_weights",
    "patterns_of",
    "segment_matches",
    "segment_presence",
    "segment_weights",
    "segment_weights_by_owner",
    "sub_pattern_weights",
    "union",
    "unit_presence",
    "unit_weights",
]
