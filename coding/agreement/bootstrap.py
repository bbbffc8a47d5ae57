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
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from coding.agreement.measures import AgreementInputError, PreparedMeasure, Undefined, _as_matrix, prepare_measure

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
        raise AgreementInputError(f"n_resamples must be at least 1, got {n_resamples}")
    if not 0.0 < confidence < 1.0:
        raise AgreementInputError(f"confidence must lie strictly between 0 and 1, got {confidence}")
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
