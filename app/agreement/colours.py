"""Colours for agreement values and the legend that says which convention coloured what.

α and u-α are read with Krippendorff's thresholds (.667 / .800), Cohen's and Fleiss' κ with Landis & Koch's bands
(coding/agreement/bands.py); AC1 and Brennan–Prediger have no benchmark of their own and get no colour, nor do
percent and specific agreement (not chance-corrected). The colours are
pale tints with dark text, readable on light and dark themes alike.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from coding.agreement.bands import band, band_family, benchmark_of
from coding.agreement.conventions import CONVENTION_SYMBOLS

TEXT_ON_BAND = "#1f2328"
KRIPPENDORFF_COLOURS: dict[str, str] = {
    "reliable": "#a9dcb6",
    "tentative": "#fbe29a",
    "unreliable": "#f4aeae",
}
LANDIS_KOCH_COLOURS: dict[str, str] = {
    "poor": "#e89393",
    "slight": "#f5b4a6",
    "fair": "#f8cf9c",
    "moderate": "#fbe59f",
    "substantial": "#cfe7a8",
    "almost perfect": "#a9dcb6",
}
KRIPPENDORFF_LEGEND = (("≥ .800 reliable", "reliable"), (".667–.800 tentative", "tentative"),
                       ("< .667 unreliable", "unreliable"))
LANDIS_KOCH_LEGEND = (("< 0 poor", "poor"), ("0–.20 slight", "slight"), (".21–.40 fair", "fair"),
                      (".41–.60 moderate", "moderate"), (".61–.80 substantial", "substantial"),
                      (".81–1 almost perfect", "almost perfect"))
SYMBOLS = {"percent": "%", "alpha": "α", "kappa": "Cohen's κ", "fleiss": "Fleiss' κ", "bp": "B–P κ",
           "ac1": "AC1", "ualpha": "u-α (1995)", "disagreements": "Differ", "psa": "Pos. agr.", "nsa": "Neg. agr.",
           "prevalence": "Coded share", **CONVENTION_SYMBOLS}


def band_colour(measure: str, value: float | None) -> str | None:
    """Background for ``value`` of ``measure`` (None: no convention applies, or no value)."""
    reading = band(measure, value)
    if not reading:
        return None
    kind = band_family(measure)
    return (KRIPPENDORFF_COLOURS if kind == "krippendorff" else LANDIS_KOCH_COLOURS).get(reading)


def convention_of(measure: str) -> str:
    """Which benchmark coloured ``measure`` (or why none did)."""
    return benchmark_of(measure)


def swatch(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("bandSwatch")
    label.setStyleSheet(
        f"QLabel#bandSwatch {{ background: {colour}; color: {TEXT_ON_BAND}; border-radius: 4px; padding: 2px 7px; }}"
    )
    return label


class BandLegend(QWidget):
    """Which convention coloured which measure, with the colours themselves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        rows = (
            ("α, u-α only — Krippendorff (2004):", KRIPPENDORFF_LEGEND, KRIPPENDORFF_COLOURS),
            ("Cohen's κ, Fleiss' κ only — Landis & Koch (1977):", LANDIS_KOCH_LEGEND, LANDIS_KOCH_COLOURS),
        )
        for row, (title, entries, colours) in enumerate(rows):
            heading = QLabel(title)
            heading.setObjectName("hint")
            grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignRight)
            line = QHBoxLayout()
            line.setSpacing(4)
            for text, key in entries:
                line.addWidget(swatch(text, colours[key]))
            line.addStretch(1)
            grid.addLayout(line, row, 1)
        note = QLabel("AC1 and B–P κ are not coloured: no published benchmark was written for their chance models. "
                      "Percent and specific agreement are not corrected for chance and are not coloured. "
                      "“All units” counts every unit of the documents; “coded units” only those at least one coder "
                      "coded with the code, where only positive specific agreement 2a/(2a+b+c) is given (a "
                      "chance-corrected value there is never positive by construction). n = units a value rests on.")
        note.setObjectName("hint")
        note.setWordWrap(True)
        grid.addWidget(note, 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)


__all__ = [
    "KRIPPENDORFF_COLOURS",
    "LANDIS_KOCH_COLOURS",
    "SYMBOLS",
    "TEXT_ON_BAND",
    "BandLegend",
    "band_colour",
    "convention_of",
    "swatch",
]
