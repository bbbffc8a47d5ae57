"""Content analysis tables to .xlsx (every sheet) or .csv (the first, long-format sheet): the category table
with its χ² and residuals, the correspondence analysis beside it, and the phrase list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coding.export.tables import Sheet, basis_sheets, export_table

if TYPE_CHECKING:
    from coding.analysis.content import CategoryTable
    from coding.analysis.correspondence import Correspondence
    from coding.analysis.phrases import Phrases
    from coding.export.common import ExportResult

LONG_HEADERS = ["category", "column", "count", "% of words", "cases with", "cases", "% of cases", "expected",
                "adjusted residual"]
LONG_KEYS = ["category", "column", "count", "percent_of_words", "cases_with", "cases", "percent_of_cases",
             "expected", "adjusted_residual"]


def category_sheets(table: CategoryTable, analysis: Correspondence | None = None) -> list[Sheet]:
    """Long format first (one row per category × column), then the wide counts, the test, and the CA."""
    long_rows = [[record[key] for key in LONG_KEYS] for record in table.records()]
    wide = [[category, *[int(v) for v in table.counts[i]], int(table.counts[i].sum())]
            for i, category in enumerate(table.categories)]
    wide.append(["Words", *[int(v) for v in table.words], int(table.words.sum())])
    wide.append(["Cases", *[int(v) for v in table.cases], int(table.cases.sum())])
    chi2 = table.test.chi2
    notes: list[list[object]] = [["source", table.source], ["by", table.by], ["test", table.chi2_text()]]
    if chi2 is not None:
        notes += [["χ²", chi2.statistic], ["df", chi2.df], ["p", chi2.p_value], ["valid (Cochran)", table.test.valid],
                  ["method", chi2.method]]
    notes += [["warning", warning] for warning in table.warnings]
    notes.append(["adjusted residual", "(O − E) / √(E (1 − row share)(1 − column share)); |r| > 1.96: p < .05"])
    sheets = [Sheet("Categories (long)", LONG_HEADERS, long_rows),
              Sheet("Counts", ["category", *table.columns, "total"], wide),
              Sheet("Test", ["what", "value"], notes)]
    if analysis is not None:
        sheets += correspondence_sheets(analysis)
    return sheets + basis_sheets(table)


def correspondence_sheets(analysis: Correspondence) -> list[Sheet]:
    dims = [f"dim {k + 1}" for k in range(analysis.dimensions)]
    inertia = [[f"dim {k + 1}", float(analysis.inertias[k]), float(analysis.percent()[k])]
               for k in range(analysis.dimensions)]
    inertia.append(["total", analysis.total_inertia, 100.0])
    points = [["category", label, float(analysis.row_masses[i]), *[float(v) for v in analysis.row_coordinates[i]]]
              for i, label in enumerate(analysis.rows)]
    points += [["value", label, float(analysis.column_masses[j]), *[float(v) for v in analysis.column_coordinates[j]]]
               for j, label in enumerate(analysis.columns)]
    return [Sheet("CA inertia", ["dimension", "principal inertia", "% of inertia"], inertia),
            Sheet("CA coordinates", ["kind", "label", "mass", *dims], points)]


def export_category_table(table: CategoryTable, path: str | Path, *, analysis: Correspondence | None = None) -> ExportResult:
    return export_table(path, "content analysis", category_sheets(table, analysis))


def export_phrases(phrases: Phrases, path: str | Path) -> ExportResult:
    headers, rows = phrases.table()
    return export_table(path, "phrases", [Sheet("Phrases", headers, rows)])


__all__ = ["category_sheets", "correspondence_sheets", "export_category_table", "export_phrases"]
