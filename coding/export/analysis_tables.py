"""One writer per analysis table: word frequencies, code frequencies, co-occurrence and crosstab, to .xlsx (every
sheet) or .csv (the first). The CLI's ``words|frequencies|cooccurrence|crosstab --out FILE`` and ``concord export
words|frequencies|cooccurrence|crosstab`` both call these, so the kind's name, its sheets and the format chosen by
the file's suffix live in one place (:func:`coding.export.tables.export_table`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coding.export.tables import (
    code_frequency_sheets,
    cooccurrence_sheets,
    crosstab_sheets,
    export_table,
    word_frequency_sheets,
)

if TYPE_CHECKING:
    from coding.analysis.cooccurrence import Cooccurrence
    from coding.analysis.crosstab import Crosstab
    from coding.analysis.frequencies import CodeFrequencies
    from coding.analysis.words import WordFrequencies
    from coding.export.common import ExportResult


def export_word_frequencies(table: WordFrequencies, path: str | Path) -> ExportResult:
    return export_table(path, "word frequencies", word_frequency_sheets(table))


def export_code_frequencies(table: CodeFrequencies, path: str | Path) -> ExportResult:
    return export_table(path, "code frequencies", code_frequency_sheets(table))


def export_cooccurrence(table: Cooccurrence, path: str | Path) -> ExportResult:
    return export_table(path, "co-occurrence", cooccurrence_sheets(table))


def export_crosstab(table: Crosstab, path: str | Path) -> ExportResult:
    return export_table(path, "crosstab", crosstab_sheets(table))


__all__ = ["export_code_frequencies", "export_cooccurrence", "export_crosstab", "export_word_frequencies"]
