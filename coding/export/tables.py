"""Spreadsheets and CSV files for the analyses' tables (openpyxl, csv).

CSV files are UTF-8 with a byte-order mark so Excel shows Chinese text correctly; spreadsheets get a
bold, frozen header row, an auto-filter and sensible column widths. Large sheets are streamed with
openpyxl's write-only mode.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from coding.analysis.cooccurrence import Cooccurrence
from coding.analysis.crosstab import Crosstab
from coding.analysis.frequencies import CodeFrequencies
from coding.analysis.words import WordFrequencies
from coding.export.common import ExportResult, check_target, replaced_when_done
from coding.names import display_name

MAX_WIDTH = 60
# Excel refuses control characters in cells; transcripts can contain them.
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def cell_value(value: object) -> object:
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    rows: Sequence[Sequence[object]]
    wrap: bool = False


def _width(values: Iterable[object]) -> float:
    longest = max((len(str(v)) for v in values if v is not None), default=8)
    return min(MAX_WIDTH, max(8, longest + 2))


def format_sheet(sheet: Worksheet, n_columns: int, n_rows: int, wrap: bool = False) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    if n_columns and n_rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(n_columns)}{n_rows + 1}"
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(n_rows + 1, 200)), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(c.value for c in column)
        if wrap:
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """A workbook with one formatted sheet per :class:`Sheet` (written whole, then moved into place)."""
    workbook = Workbook()
    blank = workbook.active  # a new workbook starts with one empty sheet
    if blank is not None:
        workbook.remove(blank)
    for spec in sheets:
        sheet: Worksheet = workbook.create_sheet(safe_sheet_title(spec.title))
        sheet.append([cell_value(h) for h in spec.headers])
        for row in spec.rows:
            sheet.append([cell_value(v) for v in row])
        format_sheet(sheet, len(spec.headers), len(spec.rows), spec.wrap)
    with replaced_when_done(path) as temporary:
        workbook.save(temporary)


def streamed_xlsx(title: str, headers: Sequence[str]) -> tuple[Workbook, WriteOnlyWorksheet]:
    """A write-only workbook and its sheet, header row written (for exports of many rows)."""
    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet(safe_sheet_title(title))
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    return workbook, sheet


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with replaced_when_done(path) as temporary, temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def safe_sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip() or "Sheet"
    return cleaned[:31]


def export_table(path: str | Path, kind: str, sheets: Sequence[Sheet]) -> ExportResult:
    """Write sheets to .xlsx (all of them) or .csv (the first one)."""
    target = check_target(path, (".xlsx", ".csv"), f"the {kind} table")
    if target.suffix.lower() == ".csv":
        write_csv(target, sheets[0].headers, sheets[0].rows)
    else:
        write_xlsx(target, sheets)
    return ExportResult(target, kind, len(sheets[0].rows))


# -- the analyses' tables -------------------------------------------------------------------------


def basis_sheets(result: object) -> list[Sheet]:
    """A "Notes" sheet saying whose codings a table rests on (none when the result does not say)."""
    basis = getattr(result, "basis", None)
    return [Sheet("Notes", ["what", "note"], [["basis", basis.text()]])] if basis is not None else []


def word_frequency_sheets(table: WordFrequencies) -> list[Sheet]:
    headers, rows = table.table()
    return [Sheet("Word frequencies", headers, rows)]


def code_frequency_sheets(table: CodeFrequencies) -> list[Sheet]:
    headers, rows = table.table()
    sheets = [Sheet("Code frequencies", headers, rows)]
    if len(table.columns) > 1:  # a wide codes × columns view of the codings counts too
        wide = [[path, *[int(v) for v in table.codings[i]]] for i, path in enumerate(table.code_paths)]
        sheets.append(Sheet("Codings (wide)", ["code", *[c.label for c in table.columns]], wide))
    return sheets + basis_sheets(table)


def cooccurrence_sheets(table: Cooccurrence) -> list[Sheet]:
    headers, rows = table.table()
    pairs = [[p["code_a"], p["code_b"], p["count"]] for p in table.pairs()]
    return [Sheet(f"Co-occurrence ({table.unit})", headers, rows),
            Sheet("Pairs", ["code A", "code B", "count"], pairs), *basis_sheets(table)]


def crosstab_sheets(table: Crosstab) -> list[Sheet]:
    """Counts with totals, row and column percentages, expected counts, and the tests."""
    values = table.columns
    counts = table.counts
    rows: list[list[object]] = [["Counts (participants)", *values, "Total"]]
    for i, label in enumerate(table.rows):
        rows.append([label, *[int(v) for v in counts[i]], int(counts[i].sum())])
    rows.append(["Total", *[int(v) for v in counts.sum(axis=0)], int(counts.sum())])
    rows.append([])
    for name, percent in (("Row %", table.row_percent()), ("Column %", table.column_percent())):
        rows.append([name, *values])
        for i, label in enumerate(table.rows):
            rows.append([label, *[round(float(v), 2) for v in percent[i]]])
        rows.append([])
    if table.expected is not None:
        rows.append(["Expected counts", *values])
        for i, label in enumerate(table.rows):
            rows.append([label, *[round(float(v), 3) for v in table.expected[i]]])
        rows.append([])
    rows.append(["Test", "Statistic", "df", "p", "Method"])
    if table.chi2 is not None:
        rows.append(["χ²", table.chi2.statistic, table.chi2.df, table.chi2.p_value,
                     table.chi2.method + ("" if table.chi2_valid else " — NOT VALID for this table")])
    if table.fisher is not None:
        rows.append(["Fisher's exact", table.fisher.statistic, None, table.fisher.p_value, table.fisher.method])
    for warning in table.warnings:
        rows.append(["Warning", warning])
    title = f"{table.code.split('/')[-1]} × {display_name(table.attribute)}"
    return [Sheet("Crosstab", [title, f"code: {table.code}", f"attribute: {table.attribute}",
                               f"roll-up: {'yes' if table.rollup else 'no'}"], rows), *basis_sheets(table)]


__all__ = [
    "Sheet",
    "basis_sheets",
    "cell_value",
    "code_frequency_sheets",
    "cooccurrence_sheets",
    "crosstab_sheets",
    "export_table",
    "safe_sheet_title",
    "streamed_xlsx",
    "word_frequency_sheets",
    "write_csv",
    "write_xlsx",
]
