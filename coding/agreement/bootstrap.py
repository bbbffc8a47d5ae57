"""Percentile bootstrap confidence intervals for agreement measures, resampling units.

For the measures in :mod:`coding.agreement.measures` the resampling is exact and vectorised: each of those
measures depends on a unit only through its category counts (or, for Cohen's κ, its cell of the coder × coder
table), so units with the same counts are interchangeable. Drawing n units with replacement is then the same as
drawing, for the distinct count patterns, a multinomial(n, pattern frequencies) vector of multiplicities — which
numpy does for all resamples at once, and the measure's own weighted statistic evaluates them in a few matrix
products. Only the units a measure uses are resampled (pairable units for α, complete units for Fleiss …), so a
resample never changes which units are informative, only how often each occurs; the category set is the data's
(AC1's q stays the number of categories observed in the data even if a resample lacks one).

Any other callable taking a coders × units matrix is bootstrapped the plain way: resample columns, call it.

For Krippendorff's α the package also offers the bootstrap Hayes & Krippendorff (2007) published with their KALPHA
macro (:func:`hayes_krippendorff_bootstrap`): it resamples *pairs of values* from the observed coincidences rather
than units, and reports, beside the interval, the probability q that α falls below a required minimum (.667,
.800). Every interval says which method made it (:data:`METHOD_UNITS`, :data:`METHOD_HAYES_KRIPPENDORFF`,
:data:`METHOD_DOCUMENTS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coding.agreement.measures import (
    AgreementInputError,
    Level,
    PreparedMeasure,
    Undefined,
    _as_matrix,
    _patterns_of,
    _squared_differences,
    prepare_measure,
)
from coding.i18n import QT_TRANSLATE_NOOP
from coding.i18n import translate

# (stored with a run in English; the GUI shows them through translate("AgreementNotes", method))
METHOD_UNITS = QT_TRANSLATE_NOOP("AgreementNotes", "percentile bootstrap resampling units")
METHOD_HAYES_KRIPPENDORFF = QT_TRANSLATE_NOOP(
    "AgreementNotes", "Hayes & Krippendorff (2007) bootstrap of α (resampling pairable value pairs)")
METHOD_DOCUMENTS = QT_TRANSLATE_NOOP(
    "AgreementNotes", "percentile bootstrap resampling whole documents (document-cluster bootstrap)")
ALPHA_MINIMA: tuple[float, ...] = (0.667, 0.800)

# Upper bound on the entries of the intermediate arrays built per batch of resamples.
_BATCH_ENTRIES = 4_000_000


def bootstrap_ci(
    data: Any,
    measure: Callable[..., float],
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval ``(low, high)`` for ``measure`` on a coders × units reliability matrix.

    ``measure`` is one of this package's measures (``functools.partial`` with keyword arguments works, e.g.
    ``partial(krippendorff_alpha, level="ordinal")``; two-coder measures use the two rows of ``data``) or any
    callable taking a coders × units matrix and returning a float. Units (columns) are resampled with a
    ``numpy.random.default_rng(seed)`` generator, so the same seed gives the same interval. Resamples on which
    the measure is undefined (NaN) are left out; if all are, both ends are :class:`Undefined`.
    """
    if n_resamples < 1:
        raise AgreementInputError(translate(
            "errors", "n_resamples must be at least 1, got {n_resamples}").format(n_resamples=n_resamples))
    if not 0.0 < confidence < 1.0:
        raise AgreementInputError(translate(
            "errors", "confidence must lie strictly between 0 and 1, got {confidence}").format(confidence=confidence))
    rng = np.random.default_rng(seed)
    prepared = prepare_measure(measure, data)
    if prepared is None:
        estimates = _resample_columns(_as_matrix(data), measure, n_resamples, rng)
        empty_reason = "the measure was undefined on every resample"
    else:
        estimates = _resample_prepared(prepared, n_resamples, rng)
        empty_reason = prepared.reason_if_empty
    return _percentile_interval(estimates, confidence, empty_reason)


def _resample_prepared(prepared: PreparedMeasure, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    rows, weights = _distinct_rows(prepared.rows, prepared.weights)
    n_units = int(round(weights.sum()))
    if n_units == 0:
        return np.full(n_resamples, np.nan)
    frequencies = weights / weights.sum()
    width = rows.shape[0] * max(rows.shape[1], 1) * max(rows.shape[1], 1)
    batch = max(1, min(n_resamples, _BATCH_ENTRIES // max(width, 1)))
    estimates = []
    for start in range(0, n_resamples, batch):
        size = min(batch, n_resamples - start)
        multiplicities = rng.multinomial(n_units, frequencies, size=size).astype(np.float64)
        values, _ = prepared.statistic(rows, multiplicities)
        estimates.append(values)
    return np.concatenate(estimates)


def _distinct_rows(rows: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge identical rows (adding their weights): fewer patterns, same resampling distribution."""
    if len(rows) < 2 or rows.size > _BATCH_ENTRIES:  # sorting very many long rows costs more than it saves
        return rows, weights
    distinct, inverse = np.unique(rows, axis=0, return_inverse=True)
    return distinct, np.bincount(inverse.ravel(), weights=weights, minlength=len(distinct))


def _resample_columns(
    matrix: np.ndarray, measure: Callable[[np.ndarray], float], n_resamples: int, rng: np.random.Generator
) -> np.ndarray:
    n_units = matrix.shape[1]
    if n_units == 0:
        return np.full(n_resamples, np.nan)
    return np.array([float(measure(matrix[:, rng.integers(0, n_units, size=n_units)])) for _ in range(n_resamples)])


def _percentile_interval(estimates: np.ndarray, confidence: float, empty_reason: str) -> tuple[float, float]:
    finite = estimates[np.isfinite(estimates)]
    if finite.size == 0:
        undefined = Undefined(f"no bootstrap resample gave a value: {empty_reason}")
        return undefined, undefined
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(finite, [tail, 1.0 - tail])
    return float(low), float(high)


# --------------------------------------------------------------------------------------------------------------
# Hayes & Krippendorff (2007)
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlphaBootstrap:
    """A Hayes & Krippendorff bootstrap: the interval and q = P(α < minimum) for each required minimum."""

    low: float
    high: float
    below: dict[float, float]
    n_resamples: int
    n_pairs: int  # M: value pairs drawn per resample
    method: str = METHOD_HAYES_KRIPPENDORFF


def coincidences(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """k × k coincidence matrix o_ck of units given as category-count rows with multiplicities (pairable only)."""
    counts = np.asarray(counts, dtype=np.float64)
    per_unit = counts.sum(axis=1)
    pairable = per_unit >= 2
    scale = np.where(pairable, np.asarray(weights, dtype=np.float64) / np.where(pairable, per_unit - 1, 1), 0.0)
    return np.asarray((counts * scale[:, np.newaxis]).T @ counts - np.diag(scale @ counts))


def alpha_pair_estimates(
    coincidence: np.ndarray, delta: np.ndarray, n_coders: int, n_resamples: int, rng: np.random.Generator,
    kalpha_cap: bool = False,
) -> tuple[np.ndarray, int] | None:
    """(α* per resample, M) by Hayes & Krippendorff's (2007) algorithm; None when α is undefined.

    Pairs of values (c, k), c ≤ k, are drawn with probability o_cc/n.. or 2·o_ck/n..; a resample draws
    M = (m − 1)·n../2 pairs (m = coders, n.. = pairable values: for complete data, the number of pairs of values
    in the data). Hayes's KALPHA macro (version 3.0) caps M at 25·q (q = non-empty cells of the coincidence
    matrix) to save computing time; ``kalpha_cap=True`` reproduces that, but the cap keeps intervals from
    narrowing as the data grow (100 pairs for any present/absent code), so it is off by default and gives α* = 1 − mean δ²(drawn pairs)/D_e, with D_e the expected disagreement of the data, bounded
    below by −1. A resample whose pairs all fall in one diagonal cell has no variation; as in KALPHA it counts as
    α* = 0 rather than 1.
    """
    total = float(coincidence.sum())
    if total <= 1:
        return None
    k = coincidence.shape[0]
    marginals = coincidence.sum(axis=1)
    expected = (np.outer(marginals, marginals) - np.diag(marginals)) / (total - 1)
    expected_disagreement = float((expected * delta).sum()) / total
    if expected_disagreement <= 0:
        return None
    upper = np.triu_indices(k)
    diagonal = upper[0] == upper[1]
    probabilities = np.clip(np.where(diagonal, 1.0, 2.0) * coincidence[upper] / total, 0.0, None)
    probabilities /= probabilities.sum()
    cells = int(np.count_nonzero(coincidence > 1e-12))  # q counts every non-empty cell, as KALPHA 3.0 does
    n_pairs = max(1, int((n_coders - 1) * total / 2))
    if kalpha_cap:
        n_pairs = max(1, min(25 * cells, n_pairs))
    draws = rng.multinomial(n_pairs, probabilities, size=n_resamples).astype(np.float64)
    estimates = np.maximum(1.0 - (draws @ delta[upper]) / (n_pairs * expected_disagreement), -1.0)
    estimates[(draws[:, diagonal] == n_pairs).any(axis=1)] = 0.0
    return estimates, n_pairs


def below_minima(estimates: np.ndarray, minima: Sequence[float] = ALPHA_MINIMA) -> dict[float, float]:
    """q = share of the (finite) bootstrap estimates below each required minimum."""
    finite = estimates[np.isfinite(estimates)]
    return {float(m): float((finite < m).mean()) if finite.size else float("nan") for m in minima}


def alpha_pair_bootstrap(
    coincidence: np.ndarray, delta: np.ndarray, n_coders: int, n_resamples: int, rng: np.random.Generator,
    confidence: float = 0.95, minima: Sequence[float] = ALPHA_MINIMA, kalpha_cap: bool = False,
) -> AlphaBootstrap | None:
    """Interval and q = P(α < minimum) from :func:`alpha_pair_estimates`; None when α is undefined."""
    drawn = alpha_pair_estimates(coincidence, delta, n_coders, n_resamples, rng, kalpha_cap)
    if drawn is None:
        return None
    estimates, n_pairs = drawn
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(estimates, [tail, 1.0 - tail])
    return AlphaBootstrap(float(low), float(high), below_minima(estimates, minima), n_resamples, n_pairs)


def hayes_krippendorff_bootstrap(
    data: Any, level: Level = "nominal", n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95,
    minima: Sequence[float] = ALPHA_MINIMA, kalpha_cap: bool = False,
) -> AlphaBootstrap:
    """Hayes & Krippendorff's (2007) bootstrap of Krippendorff's α for a coders × units reliability matrix
    (None/NaN = missing): interval and P(α < minimum) for each of ``minima``. Raises AgreementInputError when α
    is undefined (no pairable values, or one category only). ``kalpha_cap``: draw at most 25·q pairs, as the
    KALPHA macro does (see :func:`alpha_pair_estimates`)."""
    if n_resamples < 1:
        raise AgreementInputError(translate(
            "errors", "n_resamples must be at least 1, got {n_resamples}").format(n_resamples=n_resamples))
    patterns = _patterns_of(data)
    matrix = _as_matrix(data)
    coincidence = coincidences(patterns.counts, patterns.units)
    delta = _squared_differences(level, patterns.labels, coincidence.sum(axis=1)[np.newaxis])
    delta = delta[0] if delta.ndim == 3 else delta
    result = alpha_pair_bootstrap(coincidence, delta, matrix.shape[0], n_resamples, np.random.default_rng(seed),
                                  confidence, minima, kalpha_cap)
    if result is None:
        raise AgreementInputError(translate(
            "errors", "α is undefined for these data (no pairable values, or a single category)"))
    return result
