"""Unitizing alphas: Krippendorff's published examples where they exist, properties where they do not."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding.agreement import (
    AgreementInputError,
    Cu_alpha,
    Undefined,
    binary_u_alpha,
    cu_alpha,
    krippendorff_alpha,
    krippendorff_u_alpha,
    nominal_u_alpha,
    u_alpha_per_code,
)
from coding.agreement.unitizing import _disagreements_by_code

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Krippendorff, Content Analysis, 2nd ed. (2004), p. 254: continuum 150–450, two coders, codes c and k
# (begin, length) as printed: i: c 225/70, 370/30; k 180/60, 300/50 — j: c 220/80, 355/20, 400/20; k 180/60, 300/50.
TEXTBOOK_2004 = [
    [(225, 295, "c"), (370, 400, "c"), (180, 240, "k"), (300, 350, "k")],
    [(220, 300, "c"), (355, 375, "c"), (400, 420, "c"), (180, 240, "k"), (300, 350, "k")],
]
TEXTBOOK_CONTINUUM = (150, 450)


def krippendorff_1995(stretch: float) -> dict[str, list[list[tuple[float, float, str]]]]:
    """Krippendorff (1995, p. 57): four pairs of coders on 24 positions, one code each (A–D), as
    (begin, length) per unit; ``stretch`` scales the continuum towards the continuous case."""
    units = {
        "A": [[(2, 8), (14, 6)], [(4, 4), (15, 2)]],
        "B": [[(0, 18)], [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)]],
        "C": [[(2, 6), (10, 2), (14, 4), (20, 2)], [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]],
        "D": [[(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)], [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)]],
    }
    return {
        code: [[(b * stretch, (b + n) * stretch, code) for b, n in coder] for coder in pair]
        for code, pair in units.items()
    }


# Krippendorff, Content Analysis, 4th ed. (2019), Figure 12.11 (p. 340) as transcribed in the R package quallmer's
# tests (1-based inclusive positions there; half-open here): three coders, continuum of 60 characters.
BOOK_2019 = [
    [(0, 7, "1"), (7, 13, "2"), (30, 32, "5"), (32, 37, "6"), (37, 44, "6"), (44, 60, "7")],
    [(0, 7, "1"), (7, 13, "3"), (13, 21, "5"), (32, 44, "6")],
    [(0, 7, "1"), (7, 13, "4"), (13, 21, "5"), (32, 37, "6"), (37, 41, "6"), (41, 44, "6")],
]


# --------------------------------------------------------------------------------------------------------------
# uα of 1995/2004
# --------------------------------------------------------------------------------------------------------------


def test_textbook_2004_example_disagreements_and_alphas() -> None:
    by_code = _disagreements_by_code(TEXTBOOK_2004, TEXTBOOK_CONTINUUM)
    assert by_code["c"].observed == pytest.approx(0.0144, abs=5e-5)
    assert by_code["c"].expected == pytest.approx(0.0532, abs=5e-5)
    assert by_code["k"].observed == 0.0
    assert by_code["k"].expected == pytest.approx(0.0490, abs=5e-5)
    per_code = u_alpha_per_code(TEXTBOOK_2004, TEXTBOOK_CONTINUUM)
    assert per_code["c"] == pytest.approx(0.7286, abs=5e-5)
    assert per_code["k"] == pytest.approx(1.0)
    # Published .8591 comes from the rounded disagreements: 1 − .0144/(.0532 + .0490).
    assert krippendorff_u_alpha(TEXTBOOK_2004, TEXTBOOK_CONTINUUM) == pytest.approx(0.8591, abs=5e-4)


def test_krippendorff_1995_example() -> None:
    observed = {"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}
    for code, pair in krippendorff_1995(1).items():
        assert _disagreements_by_code(pair, (0, 24))[code].observed == pytest.approx(observed[code], abs=1e-5)
    # The 1995 paper's expected disagreements carry a small error that the 2004 formula corrects, so the published
    # alphas (continuous limit) are matched only to about ±0.02.
    published = {"A": 0.553, "B": -0.926, "C": 0.679, "D": 0.066}
    stretch = 50_000
    for code, pair in krippendorff_1995(stretch).items():
        assert u_alpha_per_code(pair, (0, 24 * stretch))[code] == pytest.approx(published[code], abs=0.02)


def test_prefactor_keeps_chance_placements_near_zero_for_any_number_of_coders() -> None:
    # With D_e's prefactor 2/L, codings placed independently at random give alpha near 0 for 2 and for 4 coders;
    # 2/(mL) would push the 4-coder mean to about 1 − 4·(1 − mean₂) ≈ −3.
    rng = np.random.default_rng(5)

    def random_coder(length: int = 300) -> list[tuple[int, int, str]]:
        spans, position = [], 0
        while True:
            position += int(rng.integers(1, 40))
            width = int(rng.integers(1, 30))
            if position + width > length:
                return spans
            spans.append((position, position + width, "x"))
            position += width

    means = {m: np.mean([krippendorff_u_alpha([random_coder() for _ in range(m)], (0, 300)) for _ in range(60)])
             for m in (2, 4)}
    assert abs(means[2]) < 0.2 and abs(means[4]) < 0.2
    assert abs(means[2] - means[4]) < 0.1


# --------------------------------------------------------------------------------------------------------------
# The 2016/2019 family
# --------------------------------------------------------------------------------------------------------------


def test_book_2019_example() -> None:
    assert nominal_u_alpha(BOOK_2019, (0, 60)) == pytest.approx(0.510, abs=5e-4)
    assert binary_u_alpha(BOOK_2019, (0, 60)) == pytest.approx(0.413, abs=1e-3)
    assert cu_alpha(BOOK_2019, (0, 60)) == pytest.approx(0.724, abs=5e-4)


def character_segments(matrix: np.ndarray) -> list[list[tuple[int, int, int]]]:
    return [[(u, u + 1, int(v)) for u, v in enumerate(row)] for row in matrix]


@FAST
@given(
    matrix=st.integers(2, 4).flatmap(
        lambda m: st.integers(2, 15).flatmap(
            lambda n: st.lists(st.integers(0, 3), min_size=m * n, max_size=m * n).map(
                lambda cells: np.array(cells).reshape(m, n)
            )
        )
    )
)
def test_family_reduces_to_alpha_when_every_character_is_its_own_segment(matrix: np.ndarray) -> None:
    segments, continuum = character_segments(matrix), (0, matrix.shape[1])
    expected = krippendorff_alpha(matrix)
    for value in (nominal_u_alpha(segments, continuum), cu_alpha(segments, continuum)):
        assert (math.isnan(expected) and math.isnan(value)) or value == pytest.approx(expected, abs=1e-9)


def test_codes_and_domains_select_and_merge_values() -> None:
    coders = [
        [(0, 10, "owner"), (20, 30, "market"), (40, 50, "finance")],
        [(0, 10, "owner"), (20, 30, "investment"), (40, 50, "finance")],
    ]
    domain = {"owner": "decision", "market": "competition", "investment": "competition", "finance": "residual"}
    assert cu_alpha(coders, (0, 60)) < 1.0
    assert Cu_alpha(coders, (0, 60), domain) == pytest.approx(1.0)
    assert cu_alpha(coders, (0, 60), codes=["owner", "finance"]) == pytest.approx(1.0)
    # As a binary question (coded or not) the two coders agree everywhere.
    assert binary_u_alpha(coders, (0, 60)) == pytest.approx(1.0)
    assert binary_u_alpha(coders, (0, 60), codes=["market"]) < 1.0


def test_family_rejects_overlapping_codes_within_a_coder_but_merges_the_same_code() -> None:
    clash = [[(0, 10, "a"), (5, 15, "b")], [(0, 10, "a")]]
    with pytest.raises(AgreementInputError, match=r"coder 1: spans \[0, 10\) and \[5, 15\)"):
        cu_alpha(clash, (0, 20))
    assert math.isfinite(binary_u_alpha(clash, (0, 20)))  # coded or not: overlaps simply merge
    merged = [[(0, 6, "a"), (4, 10, "a")], [(0, 10, "a")]]
    assert nominal_u_alpha(merged, (0, 20)) == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------------------------
# Properties shared by every unitizing coefficient
# --------------------------------------------------------------------------------------------------------------

ALL = [krippendorff_u_alpha, nominal_u_alpha, binary_u_alpha]
PAIR = [
    [(10, 25, "a"), (40, 55, "b"), (70, 90, "a")],
    [(12, 25, "a"), (38, 55, "b"), (75, 88, "a")],
]


@pytest.mark.parametrize("coefficient", [*ALL, cu_alpha])
def test_perfect_agreement_is_one(coefficient) -> None:  # noqa: ANN001
    assert coefficient([PAIR[0], PAIR[0], PAIR[0]], (0, 100)) == pytest.approx(1.0)
    assert u_alpha_per_code([PAIR[0], PAIR[0]], (0, 100)) == {"a": pytest.approx(1.0), "b": pytest.approx(1.0)}


def test_same_positions_with_different_codes_lower_cu_alpha() -> None:
    agreeing = [[(10, 20, "a"), (30, 40, "b"), (50, 60, "a")]] * 2
    one_code_differs = [agreeing[0], [(10, 20, "a"), (30, 40, "a"), (50, 60, "a")]]
    assert cu_alpha(agreeing, (0, 70)) == pytest.approx(1.0)
    assert cu_alpha(one_code_differs, (0, 70)) < 1.0
    assert nominal_u_alpha(one_code_differs, (0, 70)) < 1.0
    assert binary_u_alpha(one_code_differs, (0, 70)) == pytest.approx(1.0)


@pytest.mark.parametrize("coefficient", ALL)
def test_moving_one_boundary_away_lowers_alpha_monotonically(coefficient) -> None:  # noqa: ANN001
    values = [coefficient([[(40, 60, "a")], [(40 + shift, 60, "a")]], (0, 100)) for shift in range(0, 19)]
    assert values[0] == pytest.approx(1.0)
    assert all(later < earlier for earlier, later in zip(values, values[1:], strict=False))


@st.composite
def codings(draw: st.DrawFn) -> list[list[tuple[int, int, str]]]:
    """2–4 coders; each a few disjoint spans on (0, 100) with codes a/b."""
    coders = []
    for _ in range(draw(st.integers(2, 4))):
        cuts = sorted(draw(st.sets(st.integers(0, 100), min_size=0, max_size=8)))
        pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
        coders.append([(s, e, draw(st.sampled_from("ab"))) for s, e in pairs if e > s])
    return coders


def _same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, abs=1e-9)


@FAST
@given(coders=codings(), shift=st.integers(-50, 50), seed=st.integers(0, 1000))
def test_symmetric_in_coders_and_invariant_to_translation(coders, shift: int, seed: int) -> None:  # noqa: ANN001
    order = np.random.default_rng(seed).permutation(len(coders))
    permuted = [coders[i] for i in order]
    moved = [[(s + shift, e + shift, c) for s, e, c in spans] for spans in coders]
    for coefficient in (*ALL, cu_alpha):
        value = coefficient(coders, (0, 100))
        assert _same(value, coefficient(permuted, (0, 100)))
        assert _same(value, coefficient(moved, (shift, 100 + shift)))


# --------------------------------------------------------------------------------------------------------------
# Undefined and malformed input
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("coefficient", [*ALL, cu_alpha])
def test_fewer_than_two_coders_or_no_spans_is_undefined(coefficient) -> None:  # noqa: ANN001
    single = coefficient([PAIR[0]], (0, 100))
    assert isinstance(single, Undefined) and "two coders" in single.reason
    nothing = coefficient([[], []], (0, 100))
    assert isinstance(nothing, Undefined) and math.isnan(nothing)


def test_cu_alpha_without_jointly_coded_stretches_is_undefined() -> None:
    apart = [[(0, 10, "a")], [(20, 30, "b")]]
    value = cu_alpha(apart, (0, 40))
    assert isinstance(value, Undefined) and "two or more coders" in value.reason
    one_code = cu_alpha([[(0, 10, "a")], [(5, 15, "a")]], (0, 40))
    assert isinstance(one_code, Undefined) and "only one code" in one_code.reason


def test_a_coder_who_marked_nothing_still_counts() -> None:
    assert krippendorff_u_alpha([[(10, 20, "a")], []], (0, 100)) < 0.5
    assert u_alpha_per_code([[], [], [(0, 5, "z")]], (0, 10))["z"] < 1.0


@pytest.mark.parametrize(
    ("segments", "continuum", "message"),
    [
        ([[(5, 5, "a")], []], (0, 10), "empty or reversed"),
        ([[(8, 5, "a")], []], (0, 10), "empty or reversed"),
        ([[(5, 12, "a")], []], (0, 10), "outside the continuum"),
        ([[(5, "x", "a")], []], (0, 10), "not a"),
        ([[(5, 8)], []], (0, 10), "not a"),
        ([[], []], (10, 10), "empty"),
        ([[], []], "0-10", "pair of numbers"),
    ],
)
def test_malformed_spans_raise(segments, continuum, message: str) -> None:  # noqa: ANN001
    for coefficient in (krippendorff_u_alpha, cu_alpha):
        with pytest.raises(AgreementInputError, match=message):
            coefficient(segments, continuum)
