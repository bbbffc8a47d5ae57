"""Reading an agreement value: Krippendorff's thresholds for alpha, Landis & Koch's bands for kappa-type values.

Krippendorff (2004, *Content Analysis* §11.3.6): rely on variables with α ≥ .800; α ≥ .667 only for drawing
tentative conclusions; below .667, do not rely on the data. Landis & Koch (1977) named bands for κ: < 0 poor,
0–.20 slight, .21–.40 fair, .41–.60 moderate, .61–.80 substantial, .81–1 almost perfect. Both are conventions,
not tests; the report says which one it applied to which measure.
"""

from __future__ import annotations

KRIPPENDORFF_RELIABLE = 0.800
KRIPPENDORFF_TENTATIVE = 0.667
KRIPPENDORFF_TEXT = (
    "Krippendorff: α ≥ .800 reliable; .667 ≤ α < .800 tentative conclusions only; α < .667 unreliable."
)
LANDIS_KOCH: tuple[tuple[float, str], ...] = (
    (0.0, "poor"),
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.0, "almost perfect"),
)
LANDIS_KOCH_TEXT = (
    "Landis & Koch: < 0 poor; 0–.20 slight; .21–.40 fair; .41–.60 moderate; .61–.80 substantial; "
    ".81–1 almost perfect."
)
# Which convention applies to which measure (percent agreement has none: it is not chance-corrected).
BAND_OF_MEASURE = {"alpha": "krippendorff", "ualpha": "krippendorff", "kappa": "landis-koch",
                   "fleiss": "landis-koch", "bp": "landis-koch", "ac1": "landis-koch"}


def krippendorff_band(value: float | None) -> str:
    if value is None:
        return ""
    if value >= KRIPPENDORFF_RELIABLE:
        return "reliable"
    if value >= KRIPPENDORFF_TENTATIVE:
        return "tentative"
    return "unreliable"


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
    kind = BAND_OF_MEASURE.get(measure)
    if kind == "krippendorff":
        return krippendorff_band(value)
    if kind == "landis-koch":
        return landis_koch_band(value)
    return ""


__all__ = [
    "BAND_OF_MEASURE",
    "KRIPPENDORFF_RELIABLE",
    "KRIPPENDORFF_TENTATIVE",
    "KRIPPENDORFF_TEXT",
    "LANDIS_KOCH",
    "LANDIS_KOCH_TEXT",
    "band",
    "krippendorff_band",
    "landis_koch_band",
]
