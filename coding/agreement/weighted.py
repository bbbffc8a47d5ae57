"""The agreement measures evaluated on pattern weights instead of a coders × units matrix.

Binary present/absent data from ``m`` coders have at most ``2**m`` distinct unit columns (see
:mod:`coding.agreement.units`). Every measure in :mod:`coding.agreement.measures` is a statistic over weighted
distinct units (that is how its bootstrap works), so evaluating it on the ``2**m`` patterns with their unit
counts as weights gives exactly the value the measure returns on the full matrix — for millions of characters
at the cost of a 32-column matrix. The statistic is vectorised over rows of weights, so one call evaluates a
measure for every code × document × scope at once, and for every bootstrap resample of one scope.

This module is the only place that relies on :func:`coding.agreement.measures.prepare_measure`; the tests check
that its values equal the public measures on the expanded matrices.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coding.agreement.measures import (
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    percent_agreement,
    prepare_measure,
)
from coding.agreement.units import pattern_matrix
from coding.i18n import QT_TRANSLATE_NOOP

MEASURE_NAMES: tuple[str, ...] = ("percent", "alpha", "kappa", "fleiss", "bp", "ac1")
# In English; shown through translate("AgreementMeasures", title) in the interface language.
MEASURE_TITLES = {
    "percent": QT_TRANSLATE_NOOP("AgreementMeasures", "Percent agreement"),
    "alpha": QT_TRANSLATE_NOOP("AgreementMeasures", "Krippendorff's alpha (nominal)"),
    "kappa": QT_TRANSLATE_NOOP("AgreementMeasures", "Cohen's kappa"),
    "fleiss": QT_TRANSLATE_NOOP("AgreementMeasures", "Fleiss' kappa"),
    "bp": QT_TRANSLATE_NOOP("AgreementMeasures", "Brennan–Prediger kappa"),
    "ac1": QT_TRANSLATE_NOOP("AgreementMeasures", "Gwet's AC1"),
    "ualpha": QT_TRANSLATE_NOOP("AgreementMeasures", "Krippendorff's u-α (1995, unitizing)"),
    "disagreements": QT_TRANSLATE_NOOP("AgreementMeasures", "Units with disagreement"),
    "psa": QT_TRANSLATE_NOOP("AgreementMeasures", "Positive specific agreement 2a/(2a+b+c)"),
    "nsa": QT_TRANSLATE_NOOP("AgreementMeasures", "Negative specific agreement 2d/(2d+b+c)"),
    "prevalence": QT_TRANSLATE_NOOP("AgreementMeasures", "Share of units the coder coded"),
}
# Figures that describe the coded units without a chance correction (issue 17, item 2).
SPECIFIC_MEASURES: tuple[str, ...] = ("psa", "nsa", "prevalence")
NO_UNITS = QT_TRANSLATE_NOOP("AgreementNotes", "no units to compare")


@dataclass(frozen=True)
class PatternMeasure:
    """One measure for binary data from ``n_coders`` coders, evaluated on pattern weights."""

    name: str
    n_coders: int
    rows: np.ndarray
    statistic: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
    projection: np.ndarray  # patterns × rows: which row of the statistic each pattern's units fall into

    def evaluate(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(values, reasons) for each row of ``weights`` (… × 2**n_coders); reason "" where defined."""
        weights = np.asarray(weights, dtype=np.float64)
        flat = weights.reshape(-1, weights.shape[-1])
        values, reasons = self.statistic(self.rows, flat @ self.projection)
        values = np.asarray(values, dtype=np.float64).copy()
        reasons = np.asarray(reasons, dtype=object).copy()
        empty = flat.sum(axis=1) == 0
        values[empty] = np.nan
        reasons[empty] = NO_UNITS
        return values.reshape(weights.shape[:-1]), reasons.reshape(weights.shape[:-1])


def _measure_function(name: str, n_categories: int) -> Callable[..., float]:
    functions: dict[str, Callable[..., float]] = {
        "percent": percent_agreement,
        "alpha": krippendorff_alpha,
        "kappa": cohen_kappa,
        "fleiss": fleiss_kappa,
        "bp": functools.partial(brennan_prediger, n_categories=n_categories),
        "ac1": functools.partial(gwet_ac1, n_categories=n_categories),
    }
    if name not in functions:
        raise KeyError(name)
    return functions[name]


@functools.lru_cache(maxsize=128)
def pattern_measure(name: str, n_coders: int, n_categories: int = 2) -> PatternMeasure:
    """The measure ``name`` (one of :data:`MEASURE_NAMES`) for ``n_coders`` binary coders.

    ``n_categories`` is q for Brennan–Prediger and AC1 (2 for present/absent; MAXQDA's segment comparison uses
    the number of codes for Brennan–Prediger).
    """
    patterns = pattern_matrix(n_coders)
    prepared = prepare_measure(_measure_function(name, n_categories), patterns)
    if prepared is None:  # pragma: no cover - every name maps to a measure of the measures module
        raise RuntimeError(f"measure {name!r} has no weighted form")
    if name == "kappa":
        if n_coders != 2:
            raise ValueError("Cohen's kappa compares exactly two coders")
        # Cohen's statistic weighs the cells of the coder × coder table, cell = value_a * 2 + value_b.
        keys = patterns[0] * 2 + patterns[1]
        row_keys = prepared.rows[:, 0].astype(np.int64)
    else:
        # The other statistics weigh units by their category counts (how many coders said 0, how many 1);
        # the measure may have merged units with equal counts, so map each pattern to its counts' row.
        ones = patterns.sum(axis=0)
        keys = (n_coders - ones) * (n_coders + 1) + ones
        row_keys = (prepared.rows[:, 0] * (n_coders + 1) + prepared.rows[:, 1]).astype(np.int64)
        if prepared.rows.shape[1] != 2:
            raise RuntimeError(f"measure {name!r}: expected two categories (absent, present)")
    projection = (keys[:, np.newaxis] == row_keys[np.newaxis, :]).astype(np.float64)
    if not np.all(projection.sum(axis=1) == 1):
        raise RuntimeError(f"measure {name!r}: some unit patterns have no row in the measure's statistic")
    return PatternMeasure(name, n_coders, prepared.rows, prepared.statistic, projection)


def _pair_projections(n_coders: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per pair of coders: (both coded, exactly one coded) indicators over the 2**n_coders patterns."""
    patterns = pattern_matrix(n_coders).astype(bool)
    out = []
    for i in range(n_coders):
        for j in range(i + 1, n_coders):
            out.append(((patterns[i] & patterns[j]).astype(np.float64), (patterns[i] ^ patterns[j]).astype(np.float64)))
    return out


def specific_agreement(weights: np.ndarray, positive: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(values, reasons) of positive (2a/(2a+b+c)) or negative (2d/(2d+b+c)) specific agreement along the last
    axis of pattern weights; with three or more coders the mean of the defined pairwise values."""
    weights = np.asarray(weights, dtype=np.float64)
    n_coders = round(np.log2(weights.shape[-1]))
    if not positive:  # negative agreement is positive agreement on "not coded": flip every bit of the pattern
        weights = weights[..., ::-1]
    sums = np.zeros(weights.shape[:-1])
    defined = np.zeros(weights.shape[:-1])
    for both, one in _pair_projections(n_coders):
        agree = 2.0 * (weights @ both)
        denominator = agree + weights @ one
        with np.errstate(divide="ignore", invalid="ignore"):
            value = agree / denominator
        ok = denominator > 0
        sums += np.where(ok, value, 0.0)
        defined += ok
    with np.errstate(divide="ignore", invalid="ignore"):
        values = sums / defined
    reasons = np.full(values.shape, "", dtype=object)
    what = "coded" if positive else "left uncoded"
    reasons[defined == 0] = f"no pair of coders has a unit that either of them {what}"
    return values, reasons


def coder_prevalence(weights: np.ndarray) -> np.ndarray:
    """Each coder's share of the units coded, along a new last axis of length n_coders (NaN with no units)."""
    weights = np.asarray(weights, dtype=np.float64)
    n_coders = round(np.log2(weights.shape[-1]))
    total = weights.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray((weights @ pattern_matrix(n_coders).T.astype(np.float64)) / total)


def resample_weights(weights: np.ndarray, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap multiplicities of the patterns (n_resamples × patterns): n units drawn with replacement."""
    total = int(round(float(weights.sum())))
    if total == 0:
        return np.zeros((n_resamples, len(weights)))
    return rng.multinomial(total, weights / weights.sum(), size=n_resamples).astype(np.float64)


def percentile_interval(estimates: np.ndarray, confidence: float) -> tuple[float, float] | None:
    """Percentile interval of the finite bootstrap estimates; None when no resample gave a value."""
    finite = estimates[np.isfinite(estimates)]
    if finite.size == 0:
        return None
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(finite, [tail, 1.0 - tail])
    return float(low), float(high)


__all__ = [
    "MEASURE_NAMES",
    "MEASURE_TITLES",
    "NO_UNITS",
    "SPECIFIC_MEASURES",
    "PatternMeasure",
    "coder_prevalence",
    "pattern_measure",
    "percentile_interval",
    "resample_weights",
    "specific_agreement",
]
