"""Crosstab of code presence by participants (cases) × a case attribute, with χ² and Fisher's exact test.

Each case with at least one document (in scope) and a value for the attribute is one participant.
The code is *present* for a participant when any of their documents holds at least one coding of
the code (or, with roll-up, of a code below it) by the chosen coders. The table has two rows
(present, absent) and one column per attribute value.

Statistics (scipy):

- χ² test of independence: ``scipy.stats.chi2_contingency`` with its default ``correction=True``,
  which applies Yates' continuity correction only when the table has one degree of freedom (2×2);
  the result says whether it was applied.
- Validity: χ² is reported as not valid when more than 20% of the expected counts are below 5 or
  any expected count is below 1 (Cochran's rule); a warning says so.
- Fisher's exact test: for every 2×2 table, ``scipy.stats.fisher_exact`` (two-sided; with the
  odds ratio). For larger tables it is computed when χ² is not valid; scipy has no exact r×c
  algorithm, so its p-value is a Monte Carlo estimate from 99,999 random tables with fixed margins
  (``scipy.stats.MonteCarloMethod``, fixed seed — reproducible), reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, document_cases, load_codings, unique_sorted
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, allowed_documents, find_attribute, raw_connection
from coding.analysis.frequencies import _natural
from coding.analysis.pooling import Basis, describe_basis
from coding.errors import ValidationError
from coding.i18n import QT_TRANSLATE_NOOP, translate

MONTE_CARLO_RESAMPLES = 99_999
MONTE_CARLO_SEED = 20240501
ROW_LABELS = (QT_TRANSLATE_NOOP("crosstab", "Code present"),  # English; shown through translate("crosstab", …)
              QT_TRANSLATE_NOOP("crosstab", "Code absent"))


@dataclass(frozen=True)
class TestResult:
    test: str  # "chi2" | "fisher"
    statistic: float | None  # χ²; for Fisher 2×2 the odds ratio; None for Monte Carlo r×c
    p_value: float
    df: int | None = None
    method: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"test": self.test, "statistic": self.statistic, "p_value": self.p_value, "df": self.df,
                "method": self.method}


@dataclass(frozen=True)
class Crosstab:
    code_id: int
    code: str
    attribute: str
    rollup: bool
    columns: list[str]  # attribute values
    rows: tuple[str, str]
    counts: IntArray  # 2 × values: participants with / without the code
    excluded_cases: int  # cases with documents but no value for the attribute
    expected: NDArray[np.float64] | None  # expected counts under independence
    chi2: TestResult | None
    yates_correction: bool
    chi2_valid: bool
    fisher: TestResult | None
    warnings: list[str] = field(default_factory=list)
    basis: Basis | None = None  # whose codings (presence does not depend on pooling)

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def row_percent(self) -> NDArray[np.float64]:
        totals = self.counts.sum(axis=1, keepdims=True)
        return np.where(totals > 0, 100.0 * self.counts / np.maximum(totals, 1), 0.0)

    def column_percent(self) -> NDArray[np.float64]:
        totals = self.counts.sum(axis=0, keepdims=True)
        return np.where(totals > 0, 100.0 * self.counts / np.maximum(totals, 1), 0.0)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code, "attribute": self.attribute, "rollup": self.rollup, "columns": self.columns,
            "rows": list(self.rows), "counts": self.counts.tolist(), "n": self.n,
            "row_percent": np.round(self.row_percent(), 2).tolist(),
            "column_percent": np.round(self.column_percent(), 2).tolist(),
            "excluded_cases": self.excluded_cases,
            "expected": None if self.expected is None else np.round(self.expected, 4).tolist(),
            "chi2": None if self.chi2 is None else self.chi2.to_dict(),
            "yates_correction": self.yates_correction, "chi2_valid": self.chi2_valid,
            "fisher": None if self.fisher is None else self.fisher.to_dict(),
            "warnings": self.warnings,
            **(self.basis.to_dict() if self.basis else {}),
        }


@dataclass(frozen=True)
class Tests:
    expected: NDArray[np.float64] | None  # expected counts under independence
    chi2: TestResult | None
    yates: bool
    valid: bool
    fisher: TestResult | None
    warnings: list[str]


def chi2_validity(expected: NDArray[np.float64], *, advice: bool = True) -> tuple[bool, str]:
    """Cochran's rule: no expected count below 1 and at most 20% below 5. Returns (valid, why not), the why
    ending with the advice to read Fisher's exact test unless ``advice`` is False (a table Fisher's test
    is not computed for)."""
    below5 = int((expected < 5).sum())
    below1 = int((expected < 1).sum())
    if below1 or below5 > 0.2 * expected.size:
        return False, (
            translate("crosstab", "χ² is not valid for this table: {below5} of {size} expected counts are below 5")
            .format(below5=below5, size=expected.size)
            + (translate("crosstab", " and {below1} below 1").format(below1=below1) if below1 else "")
            + translate("crosstab", " (the rule: at most 20% below 5, none below 1)")
            + (translate("crosstab", "; read Fisher's exact test instead") if advice else "")
        )
    return True, ""


def _scalar(value: object) -> float:
    """scipy returns some Monte Carlo results as one-element arrays; a plain float either way."""
    return float(np.asarray(value, dtype=float).reshape(-1)[0])


def contingency_tests(table: IntArray) -> Tests:
    """χ² (with validity) and Fisher's exact test for a table of counts; see the module notes."""
    from scipy import stats  # half a second to import: only when a test is computed, not when a window opens

    table = require_table(table)
    table = table[:, table.sum(axis=0) > 0]
    warnings: list[str] = []
    if table.shape[1] < 2:
        return Tests(None, None, False, False, None, [translate("crosstab", "fewer than two attribute values have participants: no test")])
    if (table.sum(axis=1) == 0).any():
        return Tests(None, None, False, False, None,
                     [translate("crosstab", "every participant is in the same row (the code is present for all or "
                                "for none): no test")])
    result = stats.chi2_contingency(table)
    dof = int(result.dof)
    chi2 = TestResult("chi2", float(result.statistic), float(result.pvalue), dof,
                      translate("crosstab", "Pearson χ² with Yates' continuity correction") if dof == 1
                      else translate("crosstab", "Pearson χ²"))
    valid, why = chi2_validity(result.expected_freq)
    if not valid:
        warnings.append(why)
    fisher: TestResult | None = None
    if table.shape == (2, 2):
        exact = stats.fisher_exact(table)
        fisher = TestResult("fisher", float(exact.statistic), float(exact.pvalue), None,
                            translate("crosstab", "Fisher's exact test, two-sided (statistic: odds ratio)"))
    elif not valid:
        method = stats.MonteCarloMethod(n_resamples=MONTE_CARLO_RESAMPLES,
                                        rng=np.random.default_rng(MONTE_CARLO_SEED))
        exact = stats.fisher_exact(table, method=method)
        fisher = TestResult("fisher", None, _scalar(exact.pvalue), None,
                            translate("crosstab", "Fisher's exact test for {rows}×{columns} tables: Monte Carlo "
                                      "estimate from {resamples} random tables with the same margins (seed {seed})")
                            .format(rows=table.shape[0], columns=table.shape[1],
                                    resamples=f"{MONTE_CARLO_RESAMPLES:,}", seed=MONTE_CARLO_SEED))
    return Tests(result.expected_freq, chi2, dof == 1, valid, fisher, warnings)


def crosstab(
    session: Session,
    *,
    code_id: int,
    attribute: str,
    rollup: bool = True,
    flt: SegmentFilter | None = None,
    tree: CodeTree | None = None,
) -> Crosstab:
    """Participants with / without the code per value of ``attribute``, with the tests."""
    tree = tree or CodeTree.load(session)
    info = tree.check(code_id)
    attribute_id, attribute_name = find_attribute(session, attribute)
    codes = tree.subtree(code_id) if rollup else [code_id]
    scope = (flt or SegmentFilter()).with_codes(codes)
    allowed = allowed_documents(session, scope)
    case_of = {d: c for d, c in document_cases(session).items() if c is not None and (allowed is None or d in allowed)}
    participants = set(case_of.values())
    values = dict(raw_connection(session).execute(
        "SELECT case_id, value FROM attribute_values WHERE attribute_id = ?", (attribute_id,)).fetchall())
    with_value = {c for c in participants if values.get(c, "") != ""}
    labels = sorted({values[c] for c in with_value}, key=_natural)
    column = {label: j for j, label in enumerate(labels)}
    coded_documents = unique_sorted(load_codings(session, scope, ("document_id",))["document_id"])
    coded_cases = {case_of[d] for d in coded_documents.tolist() if d in case_of}
    counts = np.zeros((2, len(labels)), dtype=np.int64)
    for case in with_value:
        counts[0 if case in coded_cases else 1, column[values[case]]] += 1
    tests = contingency_tests(counts) if labels else Tests(None, None, False, False, None,
                                                           [translate("crosstab", "no participant has a value for '{attribute}'")
                                                            .format(attribute=attribute_name)])
    excluded = len(participants) - len(with_value)
    warnings = list(tests.warnings)
    if excluded:
        warnings.append(translate("crosstab", "{count} participant(s) with no value for '{attribute}' are left out")
                        .format(count=excluded, attribute=attribute_name))
    return Crosstab(
        code_id=code_id, code=info.path, attribute=attribute_name, rollup=rollup, columns=labels, rows=ROW_LABELS,
        counts=counts, excluded_cases=excluded, expected=tests.expected, chi2=tests.chi2,
        yates_correction=tests.yates, chi2_valid=tests.valid, fisher=tests.fisher, warnings=warnings,
        basis=describe_basis(session, scope),
    )


def require_table(counts: object) -> IntArray:
    """A 2-D table of non-negative whole counts, or a ValidationError."""
    table = np.asarray(counts)
    if table.ndim != 2 or table.size == 0 or (table < 0).any() or not np.all(np.equal(np.mod(table, 1), 0)):
        raise ValidationError(translate(
            "errors", "a contingency table needs non-negative whole counts in rows and columns"))
    return table.astype(np.int64)


__all__ = [
    "MONTE_CARLO_RESAMPLES",
    "MONTE_CARLO_SEED",
    "Crosstab",
    "TestResult",
    "chi2_validity",
    "contingency_tests",
    "crosstab",
    "require_table",
]
