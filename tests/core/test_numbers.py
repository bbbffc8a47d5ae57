"""Counts read as English ("1 passage") and figures never show a signed zero ("-0.00")."""
from __future__ import annotations

import pytest

from coding.export.agreement_report import _apa
from coding.numbers import fixed, plural


@pytest.mark.parametrize("count, expected", [(0, "0 passages"), (1, "1 passage"), (2, "2 passages"),
                                             (1500, "1,500 passages")])
def test_plural_agrees_with_the_count(count: int, expected: str) -> None:
    assert plural(count, "passage") == expected


def test_plural_takes_an_irregular_form() -> None:
    assert plural(1, "analysis", "analyses") == "1 analysis"
    assert plural(3, "analysis", "analyses") == "3 analyses"


@pytest.mark.parametrize("value, decimals, expected", [(-0.0, 2, "0.00"), (-0.0004, 3, "0.000"), (-0.004, 2, "0.00"),
                                                       (-0.006, 2, "-0.01"), (0.125, 1, "0.1"), (-1.5, 1, "-1.5")])
def test_fixed_never_prints_a_signed_zero(value: float, decimals: int, expected: str) -> None:
    assert fixed(value, decimals) == expected


def test_fixed_groups_thousands_when_asked() -> None:
    assert fixed(-12345.678, 1, grouping=True) == "-12,345.7"


def test_apa_figure_of_a_tiny_negative_agreement_is_unsigned() -> None:
    # a kappa of -0.0002 used to be written "-.000" in the Word agreement report
    assert _apa(-0.0002) == ".000"
    assert _apa(-0.25) == "-.250"
