"""Reading an agreement value: each family of coefficients with the benchmark written for it, and no other.

Krippendorff (2004, *Content Analysis* §11.3.6) wrote his thresholds for α: rely on variables with α ≥ .800;
α ≥ .667 only for drawing tentative conclusions; below .667, do not rely on the data. Landis & Koch (1977) named
bands for Cohen's/Fleiss' κ: < 0 poor, 0–.20 slight, .21–.40 fair, .41–.60 moderate, .61–.80 substantial, .81–1
almost perfect. Neither was written for Gwet's AC1 or Brennan–Prediger's κ_n, whose chance models differ (AC1 stays
high where κ collapses under skewed prevalence), so those get no verdict at all — reading AC1 .983 as "almost
perfect" beside α .753 "tentative" compares two rulers. Percent and specific agreement are not chance-corrected and
get none either. Both conventions are conventions, not tests; every output names the one it applied
(:func:`benchmark_of`).
"""

from __future__ import annotations

from coding.i18n import QT_TRANSLATE_NOOP

KRIPPENDORFF_RELIABLE = 0.800
KRIPPENDORFF_TENTATIVE = 0.667
KRIPPENDORFF_TEXT = (
    "Krippendorff: α ≥ .800 reliable; .667 ≤ α < .800 tentative conclusions only; α < .667 unreliable."
)
# Band names and benchmark texts are English here; the GUI shows them through translate("AgreementBands", text).
LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.0, QT_TRANSLATE_NOOP("AgreementBands", "poor")),
    (0.20, QT_TRANSLATE_NOOP("AgreementBands", "slight")),
    (0.40, QT_TRANSLATE_NOOP("AgreementBands", "fair")),
    (0.60, QT_TRANSLATE_NOOP("AgreementBands", "moderate")),
    (0.80, QT_TRANSLATE_NOOP("AgreementBands", "substantial")),
    (1.0, QT_TRANSLATE_NOOP("AgreementBands", "almost perfect")),
)
LANDIS_KOCH_TEXT = (
    "Landis & Koch: < 0 poor; 0–.20 slight; .21–.40 fair; .41–.60 moderate; .61–.80 substantial; "
    ".81–1 almost perfect."
)
# Which convention applies to which measure: Krippendorff's for the α family, Landis & Koch's for the κ family
# (Cohen's, Fleiss'); AC1, Brennan–Prediger, percent and specific agreement have none.
BAND_OF_MEASURE = {"alpha": "krippendorff", "ualpha": "krippendorff", "kappa": "landis-koch",
                   "fleiss": "landis-koch"}
BENCHMARK_NAMES = {
    "krippendorff": QT_TRANSLATE_NOOP("AgreementBands", "Krippendorff (2004) thresholds for α: .667 / .800"),
    "landis-koch": QT_TRANSLATE_NOOP("AgreementBands", "Landis & Koch (1977) bands for κ"),
}
NO_BENCHMARK = {
    "ac1": QT_TRANSLATE_NOOP("AgreementBands",
                             "no benchmark: Landis & Koch's bands were written for κ, not for AC1's chance model"),
    "bp": QT_TRANSLATE_NOOP("AgreementBands", "no benchmark: Landis & Koch's bands were written for κ, not for "
                                              "Brennan–Prediger's uniform chance model"),
}
NOT_CHANCE_CORRECTED = QT_TRANSLATE_NOOP("AgreementBands", "no benchmark: not corrected for chance")


def band_family(measure: str) -> str | None:
    """"krippendorff", "landis-koch" or None: the benchmark that reads ``measure`` (u-α under any name is α)."""
    if measure.startswith(("ualpha", "u-alpha")):
        return "krippendorff"
    return BAND_OF_MEASURE.get(measure)


def benchmark_of(measure: str) -> str:
    """The benchmark applied to ``measure``, or why none is, in words for headers, tooltips and reports."""
    family = band_family(measure)
    if family is not None:
        return BENCHMARK_NAMES[family]
    return NO_BENCHMARK.get(measure, NOT_CHANCE_CORRECTED)


def krippendorff_band(value: float | None) -> str:
    if value is None:
        return ""
    if value >= KRIPPENDORFF_RELIABLE:
        return QT_TRANSLATE_NOOP("AgreementBands", "reliable")
    if value >= KRIPPENDORFF_TENTATIVE:
        return QT_TRANSLATE_NOOP("AgreementBands", "tentative")
    return QT_TRANSLATE_NOOP("AgreementBands", "unreliable")


def landis_koch_band(value: float | None) -> str:
    if value is None:
        return ""
    if value < 0:
        return "poor"
    for upper, name in LANDIS_KOCH[1:]:
        if round(value, 2) <= upper:
            return name
    return "almost perfect"


def band(measure: str, value: float | None) -> str:
    """The conventional reading of ``value`` for ``measure`` ("" when none applies)."""
    kind = band_family(measure)
    if kind == "krippendorff":
        return krippendorff_band(value)
    if kind == "landis-koch":
        return landis_koch_band(value)
    return ""


__all__ = [
    "BAND_OF_MEASURE",
    "BENCHMARK_NAMES",
    "KRIPPENDORFF_RELIABLE",
    "KRIPPENDORFF_TENTATIVE",
    "KRIPPENDORFF_TEXT",
    "LANDIS_KOCH",
    "LANDIS_KOCH_TEXT",
    "NO_BENCHMARK",
    "band",
    "band_family",
    "benchmark_of",
    "krippendorff_band",
    "landis_koch_band",
]
