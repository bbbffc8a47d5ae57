"""Colours for agreement values and the legend that says which convention coloured what.

α and u-α are read with Krippendorff's thresholds (.667 / .800), Cohen's and Fleiss' κ with Landis & Koch's bands
(coding/agreement/bands.py); AC1 and Brennan–Prediger have no benchmark of their own and get no colour, nor do
percent and specific agreement (not chance-corrected). The colours are
pale tints with dark text, readable on light and dark themes alike.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from coding.agreement.bands import band, band_family, benchmark_of
from coding.agreement.conventions import CONVENTION_SYMBOLS
from coding.agreement.weighted import MEASURE_TITLES
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name

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
translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
# (legend text, band): the texts in English, shown through translate("AgreementBands", text)
KRIPPENDORFF_LEGEND = ((QT_TRANSLATE_NOOP("AgreementBands", "≥ .800 reliable"), "reliable"),
                       (QT_TRANSLATE_NOOP("AgreementBands", ".667–.800 tentative"), "tentative"),
                       (QT_TRANSLATE_NOOP("AgreementBands", "< .667 unreliable"), "unreliable"))
LANDIS_KOCH_LEGEND = ((QT_TRANSLATE_NOOP("AgreementBands", "< 0 poor"), "poor"),
                      (QT_TRANSLATE_NOOP("AgreementBands", "0–.20 slight"), "slight"),
                      (QT_TRANSLATE_NOOP("AgreementBands", ".21–.40 fair"), "fair"),
                      (QT_TRANSLATE_NOOP("AgreementBands", ".41–.60 moderate"), "moderate"),
                      (QT_TRANSLATE_NOOP("AgreementBands", ".61–.80 substantial"), "substantial"),
                      (QT_TRANSLATE_NOOP("AgreementBands", ".81–1 almost perfect"), "almost perfect"))
# Column symbols, in English; ``symbol_of`` gives them in the interface language (κ, α, AC1 stay as they are).
SYMBOLS = {"percent": "%", "alpha": "α", "kappa": QT_TRANSLATE_NOOP("AgreementMeasures", "Cohen's κ"),
           "fleiss": QT_TRANSLATE_NOOP("AgreementMeasures", "Fleiss' κ"), "bp": "B–P κ",
           "ac1": "AC1", "ualpha": "u-α (1995)", "disagreements": QT_TRANSLATE_NOOP("AgreementMeasures", "Differ"),
           "psa": QT_TRANSLATE_NOOP("AgreementMeasures", "Pos. agr."),
           "nsa": QT_TRANSLATE_NOOP("AgreementMeasures", "Neg. agr."),
           "prevalence": QT_TRANSLATE_NOOP("AgreementMeasures", "Coded share"), **CONVENTION_SYMBOLS}


def symbol_of(measure: str) -> str:
    """The short column header of ``measure`` in the interface language."""
    return translate("AgreementMeasures", SYMBOLS.get(measure, measure))


def title_of(measure: str) -> str:
    """The full name of ``measure`` (coding.agreement.weighted.MEASURE_TITLES) in the interface language."""
    return translate("AgreementMeasures", MEASURE_TITLES.get(measure, measure))


def band_name(reading: str) -> str:
    """A benchmark's band ("reliable", "substantial" …) in the interface language."""
    return translate("AgreementBands", reading)


def band_colour(measure: str, value: float | None) -> str | None:
    """Background for ``value`` of ``measure`` (None: no convention applies, or no value)."""
    reading = band(measure, value)
    if not reading:
        return None
    kind = band_family(measure)
    return (KRIPPENDORFF_COLOURS if kind == "krippendorff" else LANDIS_KOCH_COLOURS).get(reading)


def convention_of(measure: str) -> str:
    """Which benchmark coloured ``measure`` (or why none did), in the interface language."""
    return translate("AgreementBands", benchmark_of(measure))


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
            (translate("AgreementBands", "α, u-α only — Krippendorff (2004):"), KRIPPENDORFF_LEGEND,
             KRIPPENDORFF_COLOURS),
            (translate("AgreementBands", "Cohen's κ, Fleiss' κ only — Landis & Koch (1977):"), LANDIS_KOCH_LEGEND,
             LANDIS_KOCH_COLOURS),
        )
        for row, (title, entries, colours) in enumerate(rows):
            heading = QLabel(title)
            heading.setObjectName("hint")
            grid.addWidget(heading, row, 0, Qt.AlignmentFlag.AlignRight)
            line = QHBoxLayout()
            line.setSpacing(4)
            for text, key in entries:
                line.addWidget(swatch(translate("AgreementBands", text), colours[key]))
            line.addStretch(1)
            grid.addLayout(line, row, 1)
        note = QLabel(translate(
            "AgreementBands",
            "AC1 and B–P κ are not coloured: no published benchmark was written for their chance models. "
            "Percent and specific agreement are not corrected for chance and are not coloured. "
            "“All units” counts every unit of the documents; “coded units” only those at least one coder "
            "coded with the code, where only positive specific agreement 2a/(2a+b+c) is given (a "
            "chance-corrected value there is never positive by construction). n = units a value rests on."))
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
    "band_name",
    "convention_of",
    "swatch",
    "symbol_of",
    "title_of",
]
