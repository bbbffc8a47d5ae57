"""Agreement measures: published worked examples, cross-checks against reference packages, undefined cases."""

from __future__ import annotations

import functools
import math
import pickle
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import aggregate_raters
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss

from coding.agreement import (
    LEVELS,
    AgreementInputError,
    Undefined,
    bootstrap_ci,
    brennan_prediger,
    cohen_kappa,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
    pairable_units,
    percent_agreement,
    scott_pi,
)
from coding.agreement.measures import prepare_measure

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 coders × 12 units, missing data.
_ = None
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]

# Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa"): 10 subjects, 14 raters, counts per category 1–5.
FLEISS_TABLE = np.array([
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
])


def matrix_from_count_table(table: np.ndarray) -> np.ndarray:
    """Raters × subjects matrix whose per-subject category counts are ``table`` (rater identity is arbitrary)."""
    columns = [np.repeat(np.arange(1, table.shape[1] + 1), row) for row in table]
    return np.array(columns).T


def two_by_two(a_yes_b_yes: int, a_yes_b_no: int, a_no_b_yes: int, a_no_b_no: int) -> tuple[list[str], list[str]]:
    cells = [("yes", "yes", a_yes_b_yes), ("yes", "no", a_yes_b_no), ("no", "yes", a_no_b_yes), ("no", "no", a_no_b_no)]
    a = [x for x, _, n in cells for _ in range(n)]
    b = [y for _, y, n in cells for _ in range(n)]
    return a, b


# --------------------------------------------------------------------------------------------------------------
# Published worked examples
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_example_with_missing_values(level: str, published: float) -> None:
    assert krippendorff_alpha(KRIPPENDORFF_2011, level) == pytest.approx(published, abs=5e-4)


def test_gwet_handbook_example_ac1_with_missing_ratings() -> None:
    """Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed.: 4 raters, 12 subjects, 5 categories, missing
    ratings (the same data as Krippendorff's example; irrCAC's ``cac.raw4raters``). The irrCAC documentation
    prints pa = 0.8181818 and AC1 = 0.77544 for it (``gwet.ac1.raw(cac.raw4raters)``)."""
    assert percent_agreement(KRIPPENDORFF_2011) == pytest.approx(0.8181818, abs=5e-8)
    assert gwet_ac1(KRIPPENDORFF_2011) == pytest.approx(0.77544, abs=5e-6)


def test_krippendorff_2011_binary_two_coder_example() -> None:
    coder_a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    coder_b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    # o_00 = 10, o_01 = o_10 = 4, o_11 = 2: α = 1 − 19·4/(14·6) = 0.095
    assert krippendorff_alpha([coder_a, coder_b]) == pytest.approx(1 - 19 * 4 / (14 * 6), abs=1e-12)
    assert krippendorff_alpha([coder_a, coder_b]) == pytest.approx(0.095, abs=5e-4)


def test_fleiss_1971_wikipedia_example() -> None:
    data = matrix_from_count_table(FLEISS_TABLE)
    assert data.shape == (14, 10)
    assert fleiss_kappa(data) == pytest.approx(0.210, abs=5e-4)


def test_cohen_kappa_textbook_two_by_two() -> None:
    a, b = two_by_two(20, 5, 10, 15)  # p_o = 0.7, p_e = 0.5·0.6 + 0.5·0.4 = 0.5
    assert cohen_kappa(a, b) == pytest.approx(0.4, abs=1e-12)
    # Scott's π pools the marginals: p_yes = 55/100, p_e = 0.55² + 0.45² = 0.505
    assert scott_pi(a, b) == pytest.approx((0.7 - 0.505) / (1 - 0.505), abs=1e-12)
    assert percent_agreement([a, b]) == pytest.approx(0.7, abs=1e-12)


def test_ac1_brennan_prediger_and_percent_agreement_by_hand_on_krippendorff_data() -> None:
    # Gwet's multi-rater formulas worked by hand on example C. 11 units are pairable (unit 12 has one value);
    # pairwise agreement per unit: 1, .5, 1, 1, 1, 0, 1, .5, 1, 1, 1 → p_a = 9/11.
    p_a = 9 / 11
    # π_k: mean over the 12 rated units of each unit's share of ratings in category k.
    pi = np.array([3.0, 3.25, 3.5, 1.25, 1.0]) / 12
    p_e = float((pi * (1 - pi)).sum() / (5 - 1))
    assert percent_agreement(KRIPPENDORFF_2011) == pytest.approx(p_a, abs=1e-12)
    assert gwet_ac1(KRIPPENDORFF_2011) == pytest.approx((p_a - p_e) / (1 - p_e), abs=1e-12)
    assert gwet_ac1(KRIPPENDORFF_2011) == pytest.approx(0.7754, abs=1e-4)
    assert brennan_prediger(KRIPPENDORFF_2011, 5) == pytest.approx((p_a - 0.2) / 0.8, abs=1e-12)
    assert pairable_units(KRIPPENDORFF_2011) == 11


def test_percent_agreement_for_three_coders_is_mean_pairwise_agreement() -> None:
    data = [["a", "a", "x"], ["a", "a", "y"], ["b", "a", "z"]]
    # unit 1: pairs (a,a),(a,b),(a,b) → 1/3; unit 2: all agree → 1; unit 3: all differ → 0
    assert percent_agreement(data) == pytest.approx((1 / 3 + 1 + 0) / 3, abs=1e-12)


# --------------------------------------------------------------------------------------------------------------
# Cross-checks against reference implementations
# --------------------------------------------------------------------------------------------------------------


@st.composite
def reliability_matrices(
    draw: st.DrawFn, *, values: tuple[int, ...] = (0, 1, 2, 3, 4), missing: bool = True
) -> np.ndarray:
    coders = draw(st.integers(2, 5))
    units = draw(st.integers(2, 25))
    cells = st.sampled_from(values + ((-1,) if missing else ()))
    raw = np.array(draw(st.lists(cells, min_size=coders * units, max_size=coders * units)), dtype=float)
    raw[raw == -1] = np.nan
    return raw.reshape(coders, units)


@pytest.mark.parametrize("level", LEVELS)
@FAST
@given(data=st.data())
def test_alpha_matches_krippendorff_package(level: str, data: st.DataObject) -> None:
    values = (1, 2, 3, 5, 8) if level == "ratio" else (0, 1, 2, 3, 4)
    matrix = data.draw(reliability_matrices(values=values))
    ours = krippendorff_alpha(matrix, level)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    except ValueError:  # the package refuses data without pairable units or with a single value
        theirs = math.nan
    if isinstance(ours, Undefined):
        assert math.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize("level", LEVELS)
def test_alpha_with_many_categories_matches_krippendorff_package(level: str) -> None:
    # More categories than the dense path handles: coincidences come from sparse products, values from a sort.
    rng = np.random.default_rng(3)
    truth = rng.integers(1, 60, size=80)
    matrix = np.where(rng.random((4, 80)) < 0.6, truth, rng.integers(1, 60, size=(4, 80))).astype(float)
    matrix[rng.random(matrix.shape) < 0.15] = np.nan
    theirs = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    assert krippendorff_alpha(matrix, level) == pytest.approx(theirs, abs=1e-9)
    assert krippendorff_alpha(matrix * 0.25 + 1000, level) == pytest.approx(
        krippendorff.alpha(reliability_data=matrix * 0.25 + 1000, level_of_measurement=level), abs=1e-9
    )


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
@FAST
@given(matrix=reliability_matrices(missing=True))
def test_cohen_kappa_matches_sklearn(weights: str | None, matrix: np.ndarray) -> None:
    a, b = matrix[0], matrix[1]
    complete = ~(np.isnan(a) | np.isnan(b))
    ours = cohen_kappa(list(a), list(b), weights=weights)
    assume(complete.any())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = cohen_kappa_score(a[complete], b[complete], weights=weights)
    if isinstance(ours, Undefined):
        assert math.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


@FAST
@given(matrix=reliability_matrices(missing=False))
def test_fleiss_kappa_matches_statsmodels(matrix: np.ndarray) -> None:
    table, _ = aggregate_raters(matrix.T.astype(int))
    ours = fleiss_kappa(matrix)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = statsmodels_fleiss(table, method="fleiss")
    if isinstance(ours, Undefined):
        assert math.isnan(theirs)
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


@FAST
@given(matrix=reliability_matrices(missing=False))
def test_scott_pi_is_fleiss_kappa_for_two_coders(matrix: np.ndarray) -> None:
    pair = matrix[:2]
    pi, kappa = scott_pi(list(pair[0]), list(pair[1])), fleiss_kappa(pair)
    assert (math.isnan(pi) and math.isnan(kappa)) or pi == pytest.approx(kappa, abs=1e-12)


@FAST
@given(matrix=reliability_matrices(missing=True))
def test_fleiss_uses_only_complete_units(matrix: np.ndarray) -> None:
    complete = ~np.isnan(matrix).any(axis=0)
    assume(complete.any())
    whole, restricted = fleiss_kappa(matrix), fleiss_kappa(matrix[:, complete])
    assert (math.isnan(whole) and math.isnan(restricted)) or whole == pytest.approx(restricted, abs=1e-12)


# --------------------------------------------------------------------------------------------------------------
# Invariances and input forms
# --------------------------------------------------------------------------------------------------------------


@FAST
@given(matrix=reliability_matrices(), seed=st.integers(0, 2**16))
def test_alpha_ignores_coder_order_unit_order_and_nominal_labels(matrix: np.ndarray, seed: int) -> None:
    rng = np.random.default_rng(seed)
    shuffled = matrix[rng.permutation(matrix.shape[0])][:, rng.permutation(matrix.shape[1])]
    relabelled = np.where(np.isnan(shuffled), np.nan, 100 - 7 * shuffled)
    labels = [[None if np.isnan(v) else f"code {v:g}" for v in row] for row in shuffled]
    expected = krippendorff_alpha(matrix)
    for variant in (krippendorff_alpha(shuffled), krippendorff_alpha(relabelled), krippendorff_alpha(labels)):
        assert (math.isnan(expected) and math.isnan(variant)) or variant == pytest.approx(expected, abs=1e-12)


def test_string_labels_and_none_work_for_every_nominal_measure() -> None:
    a = ["owner", "owner", None, "market", "owner", "market"]
    b = ["owner", "market", "market", "market", None, "market"]
    numeric_a = [1, 1, None, 2, 1, 2]
    numeric_b = [1, 2, 2, 2, None, 2]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa(numeric_a, numeric_b))
    assert krippendorff_alpha([a, b]) == pytest.approx(krippendorff_alpha([numeric_a, numeric_b]))
    assert gwet_ac1([a, b]) == pytest.approx(gwet_ac1([numeric_a, numeric_b]))
    assert percent_agreement(np.array([a, b], dtype=object)) == pytest.approx(0.75)


def test_unorderable_mixed_labels_are_still_nominal_categories() -> None:
    data = [[1, "a", (2, 3), "1"], [1, "a", (2, 3), 1]]
    assert percent_agreement(data) == pytest.approx(0.75)  # 1 and "1" are different labels
    assert math.isfinite(krippendorff_alpha(data))


def test_large_or_fractional_numbers_take_the_general_path() -> None:
    base = np.array([[1.0, 2.0, 3.0, np.nan, 2.0], [1.0, 2.0, 2.0, 3.0, 2.0]])
    for transformed in (base * 0.5, base * 1000 + 10**9):
        assert krippendorff_alpha(transformed) == pytest.approx(krippendorff_alpha(base), abs=1e-12)
        assert krippendorff_alpha(transformed, "interval") == pytest.approx(krippendorff_alpha(base, "interval"))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: krippendorff_alpha([[1, 2, 3], [1, 2]]), "same number of units"),
        (lambda: krippendorff_alpha([1, 2, 3]), "coders × units"),
        (lambda: krippendorff_alpha(["abc", "abd"]), "not a string"),
        (lambda: krippendorff_alpha(np.zeros((2, 3, 1))), "coders × units"),
        (lambda: krippendorff_alpha([["a", "b"], ["a", "a"]], "interval"), "numeric"),
        (lambda: krippendorff_alpha([[1, 2], [1, 1]], "cardinal"), "level of measurement"),
        (lambda: krippendorff_alpha([[-1, 2], [1, 1]], "ratio"), "non-negative"),
        (lambda: krippendorff_alpha([[np.inf, 2], [1, 1]], "interval"), "infinite"),
        (lambda: cohen_kappa([1, 2, 3], [1, 2]), "different numbers"),
        (lambda: cohen_kappa([1, 2], [1, 2], weights="cubic"), "weights"),
        (lambda: brennan_prediger([[1, 2, 3], [1, 2, 3]], 2), "n_categories"),
        (lambda: brennan_prediger([[1, 1], [1, 1]], 1), "at least 2"),
        (lambda: gwet_ac1([[1, 2, 3], [1, 2, 3]], n_categories=2), "n_categories"),
    ],
)
def test_malformed_input_raises_a_clear_error(call, message: str) -> None:  # noqa: ANN001
    with pytest.raises(AgreementInputError, match=message):
        call()


# --------------------------------------------------------------------------------------------------------------
# Undefined values carry a reason
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reason_part"),
    [
        (krippendorff_alpha([[1, 1, 1], [1, 1, 1]]), "same category (1.0)"),
        (krippendorff_alpha([["x", None], [None, "x"]]), "two or more coders"),
        (krippendorff_alpha([[1, 2, 3]]), "two or more coders"),
        (percent_agreement([[1, None], [None, 2]]), "two or more coders"),
        (cohen_kappa(["a", "a"], ["a", "a"]), "same category ('a')"),
        (cohen_kappa([1, None], [None, 2]), "both coders"),
        (scott_pi([1, None], [None, 2]), "both coders"),
        (fleiss_kappa([[1, None, 2], [None, 2, 2], [1, 2, None]]), "complete units"),
        (fleiss_kappa([[1, 1], [1, 1]]), "same category"),
        (fleiss_kappa([[1, 2]]), "at least two coders"),
        (gwet_ac1([[1, 1], [1, 1]]), "n_categories"),
        (gwet_ac1([[1, None], [None, 2]]), "two or more coders"),
        (brennan_prediger([[1, None], [None, 2]], 3), "two or more coders"),
    ],
)
def test_undefined_cases_are_nan_with_a_reason(value: float, reason_part: str) -> None:
    assert isinstance(value, Undefined) and isinstance(value, float)
    assert math.isnan(value)
    assert reason_part in value.reason


def test_undefined_survives_pickling_and_prints_its_reason() -> None:
    value = Undefined("no pairable units")
    copy = pickle.loads(pickle.dumps(value))
    assert isinstance(copy, Undefined) and copy.reason == "no pairable units" and math.isnan(copy)
    assert "no pairable units" in repr(value) and "no pairable units" in str(value)


def test_ac1_with_declared_categories_is_defined_when_one_category_is_used() -> None:
    # A present/absent code nobody marked present: q = 2 makes AC1's chance term 0, so AC1 = p_a = 1.
    assert gwet_ac1([[0, 0, 0], [0, 0, 0]], n_categories=2) == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------------------------
# Bootstrap
# --------------------------------------------------------------------------------------------------------------


def units_from_patterns(rows: np.ndarray, multiplicities: np.ndarray, labels: np.ndarray, n_coders: int) -> np.ndarray:
    """A coders × units matrix holding each count pattern (a row of per-category counts) as often as asked."""
    columns = []
    for counts, times in zip(rows, multiplicities, strict=True):
        column = np.full(n_coders, np.nan)
        values = np.repeat(labels, counts.astype(int))
        column[: len(values)] = values
        columns += [column] * int(times)
    return np.array(columns).T


@pytest.mark.parametrize(
    "measure",
    [
        percent_agreement,
        fleiss_kappa,
        krippendorff_alpha,
        functools.partial(krippendorff_alpha, level="ordinal"),
        functools.partial(krippendorff_alpha, level="interval"),
        functools.partial(brennan_prediger, n_categories=6),
        functools.partial(gwet_ac1, n_categories=6),  # q fixed, as the bootstrap keeps the data's q
    ],
)
@FAST
@given(data=st.data())
def test_bootstrap_statistic_equals_the_measure_on_resampled_units(
    measure, data: st.DataObject  # noqa: ANN001
) -> None:
    # The bootstrap evaluates a measure's weighted statistic on resampled multiplicities of the distinct unit
    # patterns; that must be the measure itself on the matrix those multiplicities describe.
    matrix = data.draw(reliability_matrices(missing=True))
    prepared = prepare_measure(measure, matrix)
    assume(len(prepared.rows) > 0)
    multiplicities = np.array(data.draw(st.lists(st.integers(0, 3), min_size=len(prepared.rows),
                                                 max_size=len(prepared.rows))))
    assume(multiplicities.sum() > 0)
    labels = np.unique(matrix[~np.isnan(matrix)])
    resampled = units_from_patterns(prepared.rows, multiplicities, labels, matrix.shape[0])
    values, _ = prepared.statistic(prepared.rows, multiplicities[np.newaxis, :].astype(float))
    direct = measure(resampled)
    assert (math.isnan(values[0]) and math.isnan(direct)) or values[0] == pytest.approx(direct, abs=1e-9)


def test_bootstrap_is_seeded_and_brackets_the_estimate() -> None:
    rng = np.random.default_rng(7)
    truth = rng.integers(0, 3, size=200)
    noisy = np.where(rng.random((3, 200)) < 0.8, truth, rng.integers(0, 3, size=(3, 200))).astype(float)
    noisy[rng.random(noisy.shape) < 0.1] = np.nan
    estimate = krippendorff_alpha(noisy)
    first = bootstrap_ci(noisy, krippendorff_alpha, n_resamples=500, seed=3)
    assert first == bootstrap_ci(noisy, krippendorff_alpha, n_resamples=500, seed=3)
    assert first != bootstrap_ci(noisy, krippendorff_alpha, n_resamples=500, seed=4)
    assert first[0] < estimate < first[1]
    narrow = bootstrap_ci(noisy, krippendorff_alpha, n_resamples=500, seed=3, confidence=0.5)
    assert first[0] < narrow[0] < narrow[1] < first[1]


def test_vectorised_bootstrap_agrees_with_resampling_columns() -> None:
    rng = np.random.default_rng(11)
    truth = rng.integers(1, 5, size=60)
    data = np.where(rng.random((3, 60)) < 0.7, truth, rng.integers(1, 5, size=(3, 60))).astype(float)
    for measure in (krippendorff_alpha, functools.partial(krippendorff_alpha, level="ordinal"), gwet_ac1):
        fast = bootstrap_ci(data, measure, n_resamples=2000, seed=1)
        plain = bootstrap_ci(data, lambda m, f=measure: f(m), n_resamples=2000, seed=1)
        assert fast == pytest.approx(plain, abs=0.03)


def test_bootstrap_of_two_coder_measures_uses_both_rows() -> None:
    a, b = two_by_two(20, 5, 10, 15)
    low, high = bootstrap_ci([a, b], cohen_kappa, n_resamples=400)
    assert low < 0.4 < high
    low_w, high_w = bootstrap_ci([a, b], functools.partial(cohen_kappa, weights="linear"), n_resamples=400)
    assert low_w < high_w
    with pytest.raises(AgreementInputError, match="two rows"):
        bootstrap_ci(KRIPPENDORFF_2011, cohen_kappa)


def test_bootstrap_is_nan_safe() -> None:
    # Most resamples of this matrix contain only the value 0, where alpha is undefined; they are skipped.
    mostly_zero = np.zeros((2, 40))
    mostly_zero[:, 0] = 1
    low, high = bootstrap_ci(mostly_zero, krippendorff_alpha, n_resamples=300)
    assert math.isfinite(low) and math.isfinite(high)
    never = bootstrap_ci([[1, None], [None, 2]], krippendorff_alpha, n_resamples=50)
    assert all(isinstance(end, Undefined) and "two or more coders" in end.reason for end in never)
    generic = bootstrap_ci([[1, 1], [1, 1]], lambda m: krippendorff_alpha(m), n_resamples=20)
    assert all(isinstance(end, Undefined) for end in generic)


@pytest.mark.parametrize(
    ("keywords", "message"), [({"n_resamples": 0}, "n_resamples"), ({"confidence": 1.0}, "confidence")]
)
def test_bootstrap_rejects_bad_settings(keywords: dict, message: str) -> None:
    with pytest.raises(AgreementInputError, match=message):
        bootstrap_ci(KRIPPENDORFF_2011, krippendorff_alpha, **keywords)
