"""Inter-coder agreement measures over a reliability matrix.

Conventions shared by every measure here:

* ``data`` is a *reliability matrix*: one row per coder, one column per unit (a list of lists or a 2-D numpy
  array). ``None`` or NaN marks a value the coder did not give. Values are numbers, or hashable labels (strings)
  for nominal data.
* Every measure returns a ``float``. A value that is undefined for the data (no pairable units, a single category
  observed, …) comes back as :class:`Undefined`: a NaN that carries ``.reason``, so callers can say why. No
  measure makes up a 1.0 and none raises for such data; malformed input (ragged rows, text at interval level …)
  raises :class:`AgreementInputError`.
* Units that cannot contribute are dropped, never counted as agreement: α, percent agreement, Brennan–Prediger and
  the observed part of AC1 use units with values from two or more coders; Fleiss' κ uses units every coder rated;
  Cohen's κ and Scott's π use units both coders rated. :func:`pairable_units` says how many units α rests on.

How it is computed: every measure but Cohen's κ sees a unit only through its category counts (how many coders
chose each category), so the data are first reduced to the distinct count patterns and how many units show each
(for a few integer codes, one comparison pass per code builds a pattern id per unit; nothing units × categories is
materialised). Cohen's κ reduces to the coder × coder table. Each measure is then a statistic over weighted
patterns, evaluated with a few matrix products — no Python loop runs over units. The same statistic serves the
plain value (weights = unit counts) and the bootstrap (:mod:`coding.agreement.bootstrap`, resampled
multiplicities), so the two cannot drift apart.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from coding.errors import ValidationError
from coding.i18n import translate

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
KappaWeights = Literal["linear", "quadratic"] | None

# Integer-valued data spanning at most this many distinct integers (beyond the number of values) is encoded by a
# counting pass instead of a sort.
_COUNTING_RANGE_SLACK = 1 << 16
# Integer data with fewer distinct candidates than this are counted by direct comparison, one pass per value.
_FEW_INTEGERS = 16
# With more categories than this, coincidences are summed with sparse products (see _weighted_coincidences).
_SPARSE_CATEGORIES = 32
# Pattern ids below this bound are tallied with one bincount instead of a sort.
_DENSE_PATTERN_IDS = 1 << 20


class AgreementInputError(ValidationError, ValueError):
    """Reliability data that cannot be read: ragged rows, text at a numeric level, negative ratio values …"""


class Undefined(float):
    """A NaN agreement value that says why it is undefined (``.reason``)."""

    __slots__ = ("reason",)
    reason: str

    def __new__(cls, reason: str) -> Undefined:
        value = super().__new__(cls, math.nan)
        value.reason = reason
        return value

    def __repr__(self) -> str:
        return f"Undefined({self.reason!r})"

    def __str__(self) -> str:
        return f"nan ({self.reason})"

    def __reduce__(self) -> tuple[type[Undefined], tuple[str]]:
        return (Undefined, (self.reason,))


# --------------------------------------------------------------------------------------------------------------
# Reading and encoding reliability data
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Encoded:
    codes: np.ndarray  # int64, same shape as the data; -1 = missing, otherwise an index into ``labels``
    labels: np.ndarray  # one entry per category; sorted when the values are orderable


def _as_matrix(data: Any, *, name: str = "data") -> np.ndarray:
    if isinstance(data, np.ndarray):
        matrix = data
    elif hasattr(data, "__array__"):  # pandas DataFrame and other array-likes: rows are coders
        matrix = np.asarray(data)
    else:
        matrix = _matrix_from_rows(data, name)
    if matrix.ndim != 2:
        raise AgreementInputError(translate(
            "errors", "{name}: expected a coders × units matrix, got {ndim} dimension(s)").format(
            name=name, ndim=matrix.ndim))
    return matrix


def _matrix_from_rows(data: Any, name: str) -> np.ndarray:
    try:
        rows = [row if isinstance(row, np.ndarray) else list(row) for row in data]
    except TypeError as exc:
        message = f"{name}: expected a coders × units matrix (one sequence of values per coder)"
        raise AgreementInputError(message) from exc
    if any(isinstance(row, str) for row in data):
        raise AgreementInputError(translate(
            "errors", "{name}: each coder's row must be a sequence of values, not a string").format(name=name))
    if len({len(row) for row in rows}) > 1:
        raise AgreementInputError(translate(
            "errors", "{name}: every coder's row must have the same number of units").format(name=name))
    try:
        numbers = np.asarray(rows)
    except (ValueError, TypeError):
        numbers = None
    if numbers is not None and numbers.dtype.kind in "biuf" and numbers.ndim == 2:
        return numbers
    # Anything else is kept as Python objects, so labels are never coerced (1 and "1" stay different).
    matrix = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            matrix[i, j] = value
    return matrix


def _as_sequence_pair(a: Sequence[Any], b: Sequence[Any]) -> np.ndarray:
    if len(a) != len(b):
        raise AgreementInputError(translate(
            "errors", "the two coders rated different numbers of units ({value} and {value2})").format(
            value=len(a), value2=len(b)))
    return _as_matrix([a, b], name="ratings")


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float | np.floating) and math.isnan(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | np.integer | np.floating | np.bool_)


def _encode(matrix: np.ndarray, *, numeric: bool) -> _Encoded:
    kind = matrix.dtype.kind
    if kind in "biuf":
        values = matrix.astype(np.float64, copy=False)
        return _encode_numbers(values, np.isnan(values))
    if kind in "US":
        if numeric:
            raise AgreementInputError(translate(
                "errors", "this level of measurement needs numeric values, not text labels"))
        labels, inverse = np.unique(matrix, return_inverse=True)
        return _Encoded(inverse.reshape(matrix.shape).astype(np.int64), labels)
    if kind == "O":
        return _encode_objects(matrix, numeric=numeric)
    raise AgreementInputError(translate("errors", "cannot read values of type {dtype}").format(dtype=matrix.dtype))


def _encode_objects(matrix: np.ndarray, *, numeric: bool) -> _Encoded:
    missing = np.fromiter((_is_missing(v) for v in matrix.flat), dtype=bool, count=matrix.size).reshape(matrix.shape)
    present = matrix[~missing]
    if all(_is_number(v) for v in present):
        values = np.full(matrix.shape, np.nan)
        values[~missing] = present.astype(np.float64)
        return _encode_numbers(values, missing)
    if numeric:
        raise AgreementInputError(translate(
            "errors", "this level of measurement needs numeric values, not text labels"))
    try:
        labels, inverse = np.unique(present, return_inverse=True)
    except TypeError:  # labels of mixed, unorderable types: keep them in order of first appearance
        index: dict[Hashable, int] = {}
        inverse = np.fromiter((index.setdefault(v, len(index)) for v in present), dtype=np.int64, count=present.size)
        labels = np.empty(len(index), dtype=object)
        labels[:] = list(index)
    codes = np.full(matrix.shape, -1, dtype=np.int64)
    codes[~missing] = inverse
    return _Encoded(codes, labels)


def _encode_numbers(values: np.ndarray, missing: np.ndarray) -> _Encoded:
    present = values[~missing]
    codes = np.full(values.shape, -1, dtype=np.int64)
    if present.size == 0:
        return _Encoded(codes, np.empty(0))
    if not np.isfinite(present).all():
        raise AgreementInputError(translate("errors", "reliability data contains an infinite value"))
    low, high = present.min(), present.max()
    if high - low <= present.size + _COUNTING_RANGE_SLACK and np.array_equal(present, np.floor(present)):
        # Integer codes in a modest range: a counting pass instead of a sort keeps this O(n).
        offsets = (present - low).astype(np.int64)
        seen = np.bincount(offsets) > 0
        rank = np.cumsum(seen) - 1
        codes[~missing] = rank[offsets]
        return _Encoded(codes, low + np.flatnonzero(seen).astype(np.float64))
    labels, inverse = np.unique(present, return_inverse=True)
    codes[~missing] = inverse.ravel()
    return _Encoded(codes, labels)


def _unit_counts(codes: np.ndarray, n_categories: int) -> np.ndarray:
    """units × categories matrix: how many coders put each unit in each category."""
    n_units = codes.shape[1]
    width = n_categories + 1  # column 0 collects the missing values, so one bincount covers all coders
    flat = (np.arange(n_units, dtype=np.int64) * width + (codes + 1)).ravel()
    counts = np.bincount(flat, minlength=n_units * width).reshape(n_units, width)
    return counts[:, 1:].astype(np.float64)


# --------------------------------------------------------------------------------------------------------------
# Measures as statistics over weighted units
# --------------------------------------------------------------------------------------------------------------

# A statistic maps (rows, weights) to (values, reasons): ``rows`` has one row per distinct unit, ``weights`` is a
# B × rows matrix of unit multiplicities (B = 1 for the plain value, B = resamples for the bootstrap). ``reasons``
# holds "" where the value is defined and the reason where it is NaN.
Statistic = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class PreparedMeasure:
    """A measure reduced to its informative units: evaluate it, or resample it (see bootstrap)."""

    rows: np.ndarray
    weights: np.ndarray
    statistic: Statistic
    reason_if_empty: str

    def evaluate(self) -> float:
        if len(self.rows) == 0 or not self.weights.any():
            return Undefined(self.reason_if_empty)
        values, reasons = self.statistic(self.rows, self.weights[np.newaxis, :])
        return Undefined(str(reasons[0])) if reasons[0] else float(values[0])


def _reasons_array(size: int) -> np.ndarray:
    return np.full(size, "", dtype=object)


def _mark_undefined(values: np.ndarray, reasons: np.ndarray, where: np.ndarray, reason: str) -> None:
    fresh = where & (reasons == "")
    values[fresh] = np.nan
    reasons[fresh] = reason


def _safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(numerator / denominator)


def _pairwise_agreement(counts: np.ndarray) -> np.ndarray:
    """Per unit: share of ordered pairs of its values that agree (units need two or more values)."""
    per_unit = counts.sum(axis=1)
    return np.asarray((counts * (counts - 1)).sum(axis=1) / (per_unit * (per_unit - 1)))


_NO_PAIRABLE = "no unit has values from two or more coders, so nothing can be compared"


def _percent_statistic(counts: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    total = weights.sum(axis=1)
    values = _safe_divide(weights @ _pairwise_agreement(counts), total)
    reasons = _reasons_array(len(values))
    _mark_undefined(values, reasons, total == 0, _NO_PAIRABLE)
    return values, reasons


def _only_category_reason(marginals: np.ndarray, labels: np.ndarray, what: str) -> str:
    used = np.flatnonzero(marginals > 0)
    named = ""
    if used.size == 1:
        label = labels[used[0]]
        named = f" ({(label.item() if isinstance(label, np.generic) else label)!r})"
    return f"every {what} is the same category{named}; chance agreement is total, so the coefficient is undefined"


def _alpha_statistic(level: Level, labels: np.ndarray) -> Statistic:
    def statistic(counts: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        per_unit = counts.sum(axis=1)
        marginals = weights @ counts  # B × k: pairable values per category
        total = marginals.sum(axis=1)
        # Coincidences without the diagonal correction; every δ² has a zero diagonal so it does not matter.
        scaled = weights / (per_unit - 1)
        coincidences = _weighted_coincidences(counts, scaled)
        delta = _squared_differences(level, labels, marginals)
        observed = (coincidences * delta).sum(axis=(1, 2))
        expected = np.einsum("bc,bck,bk->b", marginals, np.broadcast_to(delta, coincidences.shape), marginals)
        values = 1.0 - (total - 1.0) * _safe_divide(observed, expected)
        reasons = _reasons_array(len(values))
        _mark_undefined(values, reasons, total == 0, _NO_PAIRABLE)
        for b in np.flatnonzero((expected == 0) & (reasons == "")):
            _mark_undefined(values, reasons, np.arange(len(values)) == b,
                            _only_category_reason(marginals[b], labels, "pairable value"))
        return values, reasons

    return statistic


def _weighted_coincidences(counts: np.ndarray, scaled: np.ndarray) -> np.ndarray:
    """B × k × k: Σ_u scaled[b, u] n_uc n_uk. Each unit has at most one value per coder, so with many categories
    the per-unit counts are sparse and a sparse product avoids the units × k² dense work."""
    if scaled.shape[0] > 1:
        return np.asarray(np.einsum("bu,uc,uk->bck", scaled, counts, counts, optimize=True))
    if counts.shape[1] <= _SPARSE_CATEGORIES:
        return np.asarray(((counts * scaled[0][:, np.newaxis]).T @ counts)[np.newaxis])
    import scipy.sparse  # here, not at the top: the desktop app imports this package at start, scipy takes a second

    sparse_counts = scipy.sparse.csr_matrix(counts)
    weighted = scipy.sparse.diags(scaled[0]) @ sparse_counts
    return np.asarray((sparse_counts.T @ weighted).todense())[np.newaxis]


def _squared_differences(level: Level, labels: np.ndarray, marginals: np.ndarray) -> np.ndarray:
    """δ² between categories: k × k, or B × k × k for the ordinal metric (it depends on the marginals)."""
    k = len(labels)
    if level == "nominal":
        return 1.0 - np.eye(k)
    values = labels.astype(np.float64)
    if level == "interval":
        return np.subtract.outer(values, values) ** 2
    if level == "ratio":
        sums = np.add.outer(values, values)
        return np.asarray(np.square(_safe_divide(np.subtract.outer(values, values), np.where(sums == 0, 1.0, sums))))
    # Ordinal (Krippendorff 2011, eq. for ordinal metric): δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with n_g the
    # pairable-value totals of the ranked categories.
    index = np.arange(k)
    low, high = np.minimum.outer(index, index), np.maximum.outer(index, index)
    cumulative = np.cumsum(marginals, axis=1)
    between = cumulative[:, high] - cumulative[:, low] + marginals[:, low]
    return np.asarray((between - (marginals[:, :, np.newaxis] + marginals[:, np.newaxis, :]) / 2.0) ** 2)


def _fleiss_statistic(n_raters: int, labels: np.ndarray) -> Statistic:
    def statistic(counts: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        total = weights.sum(axis=1)
        unit_agreement = ((counts * counts).sum(axis=1) - n_raters) / (n_raters * (n_raters - 1))
        observed = _safe_divide(weights @ unit_agreement, total)
        marginals = weights @ counts
        shares = _safe_divide(marginals, (total * n_raters)[:, np.newaxis])
        chance = (shares * shares).sum(axis=1)
        values = _safe_divide(observed - chance, 1.0 - chance)
        reasons = _reasons_array(len(values))
        _mark_undefined(values, reasons, total == 0,
                        f"no unit was rated by all {n_raters} coders (this measure uses complete units only)")
        for b in np.flatnonzero((chance >= 1.0) & (reasons == "")):
            _mark_undefined(values, reasons, np.arange(len(values)) == b,
                            _only_category_reason(marginals[b], labels, "rating"))
        return values, reasons

    return statistic


def _chance_corrected(observed: np.ndarray, chance: np.ndarray) -> np.ndarray:
    return _safe_divide(observed - chance, 1.0 - chance)


def _brennan_prediger_statistic(n_categories: int) -> Statistic:
    def statistic(counts: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        observed, reasons = _percent_statistic(counts, weights)
        return _chance_corrected(observed, np.full_like(observed, 1.0 / n_categories)), reasons

    return statistic


def _ac1_statistic(n_categories: int) -> Statistic:
    def statistic(counts: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        per_unit = counts.sum(axis=1)
        pairable = per_unit >= 2
        observed, reasons = _percent_statistic(counts[pairable], weights[:, pairable])
        # Gwet (2014, ch. 4): π_k averages each rated unit's share of ratings in k over units rated at least once.
        shares = _safe_divide(weights @ (counts / per_unit[:, np.newaxis]), weights.sum(axis=1)[:, np.newaxis])
        chance = (shares * (1.0 - shares)).sum(axis=1) / (n_categories - 1)
        return _chance_corrected(observed, chance), reasons

    return statistic


def _kappa_weights(n_categories: int, weights: KappaWeights) -> np.ndarray:
    index = np.arange(n_categories)
    distance = np.abs(np.subtract.outer(index, index)).astype(np.float64)
    if weights is None:
        return (distance > 0).astype(np.float64)
    if weights == "linear":
        return distance
    if weights == "quadratic":
        return distance**2
    raise AgreementInputError(translate(
        "errors", "unknown kappa weights {weights!r}; use None, 'linear' or 'quadratic'").format(weights=weights))


def _cohen_statistic(n_categories: int, labels: np.ndarray, weights_kind: KappaWeights) -> Statistic:
    disagreement = _kappa_weights(n_categories, weights_kind)

    def statistic(_cells: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        total = weights.sum(axis=1)
        table = _safe_divide(weights, total[:, np.newaxis]).reshape(-1, n_categories, n_categories)
        expected_table = table.sum(axis=2)[:, :, np.newaxis] * table.sum(axis=1)[:, np.newaxis, :]
        observed = (table * disagreement).sum(axis=(1, 2))
        expected = (expected_table * disagreement).sum(axis=(1, 2))
        values = 1.0 - _safe_divide(observed, expected)
        reasons = _reasons_array(len(values))
        _mark_undefined(values, reasons, total == 0, "no unit was rated by both coders")
        for b in np.flatnonzero((expected == 0) & (reasons == "")):
            marginals = table[b].sum(axis=0) + table[b].sum(axis=1)
            _mark_undefined(values, reasons, np.arange(len(values)) == b,
                            _only_category_reason(marginals, labels, "rating"))
        return values, reasons

    return statistic


# --------------------------------------------------------------------------------------------------------------
# Preparing each measure (reading the data once; the bootstrap reuses these)
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Patterns:
    """Reliability data reduced to distinct per-unit category counts: the measures other than Cohen's κ see a
    unit only through its counts, so units sharing a pattern are interchangeable."""

    counts: np.ndarray  # P × k: coders per category, one row per distinct pattern
    units: np.ndarray  # P: how many units show each pattern
    labels: np.ndarray  # k category labels
    n_coders: int

    @property
    def values_per_unit(self) -> np.ndarray:
        return np.asarray(self.counts.sum(axis=1))

    def prepared(self, keep: np.ndarray, statistic: Statistic, reason_if_empty: str) -> PreparedMeasure:
        return PreparedMeasure(self.counts[keep], self.units[keep], statistic, reason_if_empty)


def _patterns_of(data: Any, *, numeric: bool = False) -> _Patterns:
    matrix = _as_matrix(data)
    few = _few_integer_patterns(matrix)
    if few is not None:
        return few
    encoded = _encode(matrix, numeric=numeric)
    return _collapse(_unit_counts(encoded.codes, len(encoded.labels)), encoded.labels, matrix.shape[0])


def _collapse(counts: np.ndarray, labels: np.ndarray, n_coders: int) -> _Patterns:
    n_units, k = counts.shape
    base = n_coders + 1
    if n_units == 0 or k * math.log2(base) >= 62:  # too many categories for one integer id: keep every unit
        return _Patterns(counts, np.ones(n_units), labels, n_coders)
    ids = counts.astype(np.int64) @ base ** np.arange(k, dtype=np.int64)
    distinct_ids, units = np.unique(ids, return_counts=True)
    return _Patterns(_decode(distinct_ids, base, k), units.astype(np.float64), labels, n_coders)


def _decode(ids: np.ndarray, base: int, k: int) -> np.ndarray:
    """Pattern ids (base-(coders + 1) digits, one per category) back to count rows."""
    return ((ids[:, np.newaxis] // base ** np.arange(k, dtype=np.int64)) % base).astype(np.float64)


def _few_integer_patterns(matrix: np.ndarray) -> _Patterns | None:
    """Patterns by one comparison pass per category when the values are a few integers (binary codes, rating
    scales — the usual case): each unit's counts become the digits of one pattern id, so no units × categories
    table is ever built. None when the data are anything else."""
    if matrix.dtype.kind not in "biuf" or matrix.size == 0:
        return None
    values = matrix.astype(np.float64, copy=False)
    n_present = int(np.count_nonzero(~np.isnan(values)))
    if n_present == 0:
        return None
    low, high = float(np.nanmin(values)), float(np.nanmax(values))
    base = matrix.shape[0] + 1
    if not (math.isfinite(low) and math.isfinite(high)) or high - low >= _FEW_INTEGERS:
        return None
    candidates = np.arange(math.ceil(low), math.floor(high) + 1, dtype=np.float64)
    if len(candidates) * math.log2(base) >= 52:  # ids must stay exact in float64
        return None
    ids = np.zeros(values.shape[1])
    counted = 0.0
    for digit, candidate in enumerate(candidates):
        column = np.sum(values == candidate, axis=0, dtype=np.float64)
        counted += column.sum()
        ids += column * float(base**digit)
    if counted != n_present:  # some values are not integers
        return None
    whole_ids = ids.astype(np.int64)
    if base ** len(candidates) <= _DENSE_PATTERN_IDS:
        tally = np.bincount(whole_ids)
        distinct_ids = np.flatnonzero(tally)
        units = tally[distinct_ids]
    else:
        distinct_ids, units = np.unique(whole_ids, return_counts=True)
    counts = _decode(distinct_ids, base, len(candidates))
    used = counts.any(axis=0)
    return _Patterns(counts[:, used], units.astype(np.float64), candidates[used], matrix.shape[0])


def _prepare_percent(data: Any) -> PreparedMeasure:
    patterns = _patterns_of(data)
    return patterns.prepared(patterns.values_per_unit >= 2, _percent_statistic, _NO_PAIRABLE)


def _check_level(level: str) -> Level:
    if level not in LEVELS:
        raise AgreementInputError(translate(
            "errors", "unknown level of measurement {level!r}; use one of {value}").format(
            level=level, value=', '.join(LEVELS)))
    return level


def _prepare_alpha(data: Any, level: Level = "nominal") -> PreparedMeasure:
    level = _check_level(level)
    patterns = _patterns_of(data, numeric=level != "nominal")
    if level == "ratio" and patterns.labels.size and patterns.labels.min() < 0:
        raise AgreementInputError(translate("errors", "ratio-level alpha needs non-negative values"))
    return patterns.prepared(patterns.values_per_unit >= 2, _alpha_statistic(level, patterns.labels), _NO_PAIRABLE)


def _prepare_fleiss(data: Any) -> PreparedMeasure:
    patterns = _patterns_of(data)
    n_coders = patterns.n_coders
    if n_coders < 2:
        return patterns.prepared(np.zeros(len(patterns.units), dtype=bool), _fleiss_statistic(2, patterns.labels),
                                 "Fleiss' kappa needs at least two coders")
    return patterns.prepared(patterns.values_per_unit == n_coders, _fleiss_statistic(n_coders, patterns.labels),
                             f"no unit was rated by all {n_coders} coders (this measure uses complete units only)")


def _category_count(labels: np.ndarray, n_categories: int | None) -> int:
    if n_categories is None:
        return len(labels)
    if n_categories < len(labels):
        raise AgreementInputError(translate(
            "errors", "n_categories={n_categories} but the data use {value} categories").format(
            n_categories=n_categories, value=len(labels)))
    return int(n_categories)


def _prepare_brennan_prediger(data: Any, n_categories: int) -> PreparedMeasure:
    patterns = _patterns_of(data)
    q = _category_count(patterns.labels, n_categories)
    if q < 2:
        raise AgreementInputError(translate("errors", "Brennan–Prediger needs n_categories of at least 2"))
    return patterns.prepared(patterns.values_per_unit >= 2, _brennan_prediger_statistic(q), _NO_PAIRABLE)


def _prepare_ac1(data: Any, n_categories: int | None = None) -> PreparedMeasure:
    patterns = _patterns_of(data)
    q = _category_count(patterns.labels, n_categories)
    if q < 2:
        reason = "only one category was observed; give n_categories (≥ 2) for AC1's chance agreement"
        return patterns.prepared(np.zeros(len(patterns.units), dtype=bool), _ac1_statistic(2), reason)
    return patterns.prepared(patterns.values_per_unit >= 1, _ac1_statistic(q), _NO_PAIRABLE)


def _pair_codes(a: Sequence[Any], b: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Codes of the units both coders rated, encoded over the categories those units use."""
    pair = _as_sequence_pair(a, b)
    missing = _encode(pair, numeric=False).codes < 0
    complete = pair[:, ~missing.any(axis=0)]
    encoded = _encode(complete, numeric=False)
    return encoded.codes, encoded.labels


def _prepare_cohen(a: Sequence[Any], b: Sequence[Any], weights: KappaWeights = None) -> PreparedMeasure:
    codes, labels = _pair_codes(a, b)
    k = max(len(labels), 1)
    cells = np.bincount(codes[0] * k + codes[1], minlength=k * k).astype(np.float64)
    rows = np.arange(k * k, dtype=np.float64)[:, np.newaxis]  # one row per cell of the coder × coder table
    return PreparedMeasure(rows, cells, _cohen_statistic(k, labels, weights), "no unit was rated by both coders")


def _prepare_scott(a: Sequence[Any], b: Sequence[Any]) -> PreparedMeasure:
    codes, labels = _pair_codes(a, b)
    patterns = _collapse(_unit_counts(codes, len(labels)), labels, 2)
    return patterns.prepared(np.ones(len(patterns.units), dtype=bool), _fleiss_statistic(2, labels),
                             "no unit was rated by both coders")


# --------------------------------------------------------------------------------------------------------------
# Public measures
# --------------------------------------------------------------------------------------------------------------


def percent_agreement(data: Any) -> float:
    """Observed agreement: for each unit with two or more values, the share of pairs of coders that agree; then
    the mean over those units (each unit weighs the same). For two coders this is the share of units on which
    they agree. Units with fewer than two values are left out."""
    return _prepare_percent(data).evaluate()


def cohen_kappa(a: Sequence[Any], b: Sequence[Any], weights: KappaWeights = None) -> float:
    """Cohen's κ for two coders: (p_o − p_e)/(1 − p_e) with p_e from each coder's own marginals.

    Only units both coders rated count. ``weights="linear"`` or ``"quadratic"`` gives Cohen's (1968) weighted κ
    with disagreement |i − j| or (i − j)² over the ranks of the sorted categories (ordered codes only).
    """
    return _prepare_cohen(a, b, weights).evaluate()


def scott_pi(a: Sequence[Any], b: Sequence[Any]) -> float:
    """Scott's π for two coders: like Cohen's κ but chance agreement from the pooled marginals (Σ p_k²).
    Only units both coders rated count."""
    return _prepare_scott(a, b).evaluate()


def fleiss_kappa(data: Any) -> float:
    """Fleiss' (1971) κ for any number of coders: P̄ = mean over units of Σ_j n_ij(n_ij − 1)/(n(n − 1)),
    P̄_e = Σ_j p_j² with pooled category shares p_j.

    Fleiss' formula needs the same number of ratings on every unit, so only units rated by *every* coder (every
    row of ``data``) are used; units with a missing value are dropped.
    """
    return _prepare_fleiss(data).evaluate()


def krippendorff_alpha(data: Any, level: Level = "nominal") -> float:
    """Krippendorff's α = 1 − D_o/D_e from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
    Alpha-Reliability").

    Any number of coders; missing values allowed; units with fewer than two values are not pairable and are
    dropped. ``level`` picks the difference function δ²: nominal, ordinal (ranks weighted by the marginal
    frequencies of the pairable values, per Krippendorff), interval ((c − k)²) or ratio (((c − k)/(c + k))²).
    """
    return _prepare_alpha(data, level).evaluate()


def brennan_prediger(data: Any, n_categories: int) -> float:
    """Brennan & Prediger's (1981) κ_n (Bennett's S): (p_o − 1/q)/(1 − 1/q) with q = ``n_categories``.

    p_o is :func:`percent_agreement` (the multi-coder form, Gwet 2014). MAXQDA uses this chance model with q =
    the number of codes in its table, so the value depends on q.
    """
    return _prepare_brennan_prediger(data, n_categories).evaluate()


def gwet_ac1(data: Any, n_categories: int | None = None) -> float:
    """Gwet's AC1 for any number of coders with missing values (Gwet, *Handbook of Inter-Rater Reliability*,
    4th ed., ch. 4): p_a as in :func:`percent_agreement` over units with two or more ratings,
    p_e = Σ_k π_k(1 − π_k)/(q − 1) with π_k the mean over units rated at least once of r_ik/r_i.

    q defaults to the number of categories observed; pass ``n_categories`` when the category set is larger
    (e.g. 2 for a present/absent code that nobody marked present).
    """
    return _prepare_ac1(data, n_categories).evaluate()


def pairable_units(data: Any) -> int:
    """How many units carry values from two or more coders: the n that α, percent agreement, Brennan–Prediger
    and AC1's observed agreement rest on."""
    patterns = _patterns_of(data)
    return int(patterns.units[patterns.values_per_unit >= 2].sum())


# --------------------------------------------------------------------------------------------------------------
# Specific agreement and prevalence (present/absent data)
# --------------------------------------------------------------------------------------------------------------


def _binary_rows(data: Any, present: Hashable) -> tuple[np.ndarray, np.ndarray]:
    """(presence, rated): coders × units booleans; ``present`` marks the value that means "coded"."""
    matrix = _as_matrix(data)
    rated = ~np.vectorize(_is_missing, otypes=[bool])(matrix) if matrix.size else np.zeros(matrix.shape, bool)
    presence = np.zeros(matrix.shape, dtype=bool)
    presence[rated] = matrix[rated] == present
    return presence, rated


def _specific_agreement(data: Any, present: Hashable, positive: bool) -> float:
    presence, rated = _binary_rows(data, present)
    if not positive:
        presence = rated & ~presence
    values = []
    for i in range(presence.shape[0]):
        for j in range(i + 1, presence.shape[0]):
            both_rated = rated[i] & rated[j]
            a = float((presence[i] & presence[j] & both_rated).sum())
            one = float(((presence[i] ^ presence[j]) & both_rated).sum())
            if 2 * a + one > 0:
                values.append(2 * a / (2 * a + one))
    if not values:
        what = "coded" if positive else "left uncoded"
        return Undefined(f"no pair of coders has a unit that either of them {what}")
    return float(np.mean(values))


def positive_specific_agreement(data: Any, present: Hashable = 1) -> float:
    """Positive specific agreement (Dice; Fleiss 1975, Cicchetti & Feinstein 1990) for present/absent data:
    2a/(2a + b + c), a = units both coders coded, b + c = units one of them coded. It ignores the units neither
    coded, so it is the meaningful figure on "coded units only". With three or more coders: the mean of the
    pairwise values (pairs with no unit coded by either left out), each pair over the units both rated."""
    return _specific_agreement(data, present, positive=True)


def negative_specific_agreement(data: Any, present: Hashable = 1) -> float:
    """Negative specific agreement 2d/(2d + b + c), d = units neither coder coded; the pairwise mean for three or
    more coders. Beside :func:`positive_specific_agreement` it shows the kappa paradox: κ can be low while both
    specific agreements are high when one category is rare."""
    return _specific_agreement(data, present, positive=False)


def prevalence(data: Any, present: Hashable = 1) -> list[float]:
    """Each coder's share of the units they rated that they coded (``present``), in row order."""
    presence, rated = _binary_rows(data, present)
    out: list[float] = []
    for row, mask in zip(presence, rated, strict=True):
        n = int(mask.sum())
        out.append(float(row[mask].sum()) / n if n else Undefined("this coder rated no unit"))
    return out


# --------------------------------------------------------------------------------------------------------------
# Hook for the bootstrap
# --------------------------------------------------------------------------------------------------------------

_MATRIX_PREPARERS: dict[Callable[..., float], Callable[..., PreparedMeasure]] = {
    percent_agreement: _prepare_percent,
    fleiss_kappa: _prepare_fleiss,
    krippendorff_alpha: _prepare_alpha,
    brennan_prediger: _prepare_brennan_prediger,
    gwet_ac1: _prepare_ac1,
}
_PAIR_PREPARERS: dict[Callable[..., float], Callable[..., PreparedMeasure]] = {
    cohen_kappa: _prepare_cohen,
    scott_pi: _prepare_scott,
}


def prepare_measure(measure: Callable[..., float], data: Any) -> PreparedMeasure | None:
    """The weighted-unit form of one of this module's measures (or a ``functools.partial`` of one, keyword
    arguments only), applied to ``data``; None for any other callable. Two-coder measures take the first two
    rows of ``data``."""
    keywords: dict[str, Any] = {}
    if isinstance(measure, functools.partial) and not measure.args:
        keywords = dict(measure.keywords)
        measure = measure.func
    if measure in _MATRIX_PREPARERS:
        return _MATRIX_PREPARERS[measure](data, **keywords)
    if measure in _PAIR_PREPARERS:
        matrix = _as_matrix(data)
        if matrix.shape[0] != 2:
            raise AgreementInputError(translate(
                "errors", "a two-coder measure needs exactly two rows, got {value}").format(value=matrix.shape[0]))
        return _PAIR_PREPARERS[measure](list(matrix[0]), list(matrix[1]), **keywords)
    return None
