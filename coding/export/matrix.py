"""The framework matrix for the paper: a landscape Word table like seed 003's Table 3, or a workbook.

Word: one landscape A4 or Letter page width (``paper``; the locale's by default) holding an APA-style
three-line table — "Table N" and the title above, the header row repeated on each page — with a
"Dimension" column (the row code's parent, merged down over its indicators) when the rows have more than
one parent, the row code, and one column per case or attribute value; widths from the content, so no word
breaks mid-word. Each cell holds the researcher's summary and/or the counts ("12 codings, 5 cases"). A
"Note." under the table states the counting rules and whose codings the figures rest on.

Excel: a "Matrix" sheet with the same cells (wrapped text), and numeric sheets "Codings",
"Documents" and "Cases" for further analysis.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, TypedDict, Unpack

from docx.table import Table

from coding.analysis.matrix import FrameworkMatrix
from coding.errors import ValidationError
from coding.export.common import ExportResult, check_target, replaced_when_done
from coding.export.journal import SECONDARY_PT
from coding.export.tables import Sheet, write_xlsx
from coding.export.word import Cell, Run, WordWriter, set_properties
from coding.names import display_name

CellContent = Literal["summary", "counts", "both"]
CELL_CONTENTS: tuple[str, ...] = ("summary", "counts", "both")
DEFAULT_CELLS = "both"
DEFAULT_SCOPE = "all codings"


class MatrixOptions(TypedDict, total=False):
    """The keyword options of :func:`export_matrix` (a workbook ignores ``title`` and ``paper``)."""

    title: str | None
    cells: str
    scope: str
    paper: str | None


def counts_text(matrix: FrameworkMatrix, row: int, column: int) -> str:
    codings, cases = int(matrix.codings[row, column]), int(matrix.cases[row, column])
    return f"{codings} coding{'s' if codings != 1 else ''}, {cases} case{'s' if cases != 1 else ''}"


def cell_paragraphs(matrix: FrameworkMatrix, row: int, column: int, cells: str) -> list[list[Run]]:
    paragraphs: list[list[Run]] = []
    summary = matrix.summary(row, column).strip()
    if cells in ("summary", "both") and summary:
        paragraphs.extend([[Run(line)] for line in summary.split("\n") if line.strip()])
    if cells in ("counts", "both"):
        paragraphs.append([Run(counts_text(matrix, row, column), italic=bool(paragraphs), size=SECONDARY_PT)])
    return paragraphs or [[Run("")]]


def matrix_note(matrix: FrameworkMatrix, scope: str) -> str:
    rolled = ("Each row counts codings of its code and of every code below it (roll-up). "
              if matrix.rollup else "Each row counts codings of exactly its code. ")
    restricted = "" if scope == "all codings" else f" Codings restricted to {scope}."
    return (f"Columns: {columns_name(matrix)}. "
            f"{rolled}Counts are codings and distinct cases per cell.{restricted}"
            + (f" {matrix.basis.text()}." if matrix.basis else ""))


def columns_name(matrix: FrameworkMatrix) -> str:
    """What the columns are: "cases", or the attribute's display name ("Alliance mode")."""
    return "cases" if matrix.columns_spec == "cases" else display_name(matrix.columns_spec.partition(":")[2])


def _table_number(caption: str) -> tuple[int | None, str]:
    """A caption the user wrote as "Table 3: Governance …" gives the number 3 and the title "Governance …"."""
    found = re.match(r"\s*table\s+(\d+)\s*[:.\-–—]?\s*(.*)$", caption, re.IGNORECASE | re.DOTALL)
    if found and found.group(2).strip():
        return int(found.group(1)), found.group(2).strip()
    return None, caption


def _check_cells(cells: str) -> None:
    if cells not in CELL_CONTENTS:
        raise ValidationError(f"matrix cells '{cells}': use {', '.join(CELL_CONTENTS)}")


def export_matrix_docx(
    matrix: FrameworkMatrix, path: str | Path, *, title: str | None = None, cells: str = DEFAULT_CELLS,
    scope: str = DEFAULT_SCOPE, paper: str | None = None,
) -> ExportResult:
    target = check_target(path, (".docx",), "a framework matrix")
    _check_cells(cells)
    writer = WordWriter(paper=paper, landscape=True)
    caption = title or f"Framework matrix: codes by {columns_name(matrix)}"
    set_properties(writer.document, title=caption, subject="Framework matrix exported by Concord")
    number, caption = _table_number(caption)
    if number is not None:
        writer.tables_written = number - 1
    # A dimension column only helps when the rows come from more than one parent (level-3 indicators
    # under their five dimensions, not level-2 dimensions under the one root).
    with_parent = len({row.parent for row in matrix.rows}) > 1
    headers = (["Dimension"] if with_parent else []) + ["Code"] + [c.label for c in matrix.columns]
    rows: list[list[Cell]] = []
    previous_parent: str | None = None
    for i, row in enumerate(matrix.rows):
        first: list[Cell] = []
        if with_parent:
            first.append(Cell([row.parent] if row.parent != previous_parent else []))
            previous_parent = row.parent
        first.append(Cell([row.name]))
        rows.append(first + [Cell([paragraph[0] for paragraph in cell_paragraphs(matrix, i, j, cells)])
                             for j in range(len(matrix.columns))])
    table = writer.table(caption, headers, rows, note=matrix_note(matrix, scope))
    if with_parent:
        _merge_parent_cells(table, [row.parent for row in matrix.rows])
    with replaced_when_done(target) as temporary:
        writer.save(temporary)
    return ExportResult(target, "matrix", len(matrix.rows), {"columns": len(matrix.columns)})


def _merge_parent_cells(table: Table, parents: list[str]) -> None:
    """Merge the Dimension cells of consecutive rows with the same parent (as in Table 3)."""
    start = 0
    for index in range(1, len(parents) + 1):
        if index == len(parents) or parents[index] != parents[start]:
            if index - start > 1:
                top = table.cell(start + 1, 0)
                top.merge(table.cell(index, 0))
            start = index


def export_matrix_xlsx(matrix: FrameworkMatrix, path: str | Path, *, cells: str = DEFAULT_CELLS,
                       scope: str = DEFAULT_SCOPE) -> ExportResult:
    target = check_target(path, (".xlsx",), "a framework matrix workbook")
    _check_cells(cells)
    labels = [c.label for c in matrix.columns]
    lead = ["dimension", "code"]

    def lead_cells(row_index: int) -> list[object]:
        return [matrix.rows[row_index].parent, matrix.rows[row_index].name]

    text_rows = [
        [*lead_cells(i), *["\n".join(" ".join(run.text for run in p) for p in cell_paragraphs(matrix, i, j, cells))
                           for j in range(len(labels))]]
        for i in range(len(matrix.rows))
    ]
    sheets = [Sheet("Matrix", [*lead, *labels], text_rows, wrap=True)]
    for name, values in (("Codings", matrix.codings), ("Documents", matrix.documents), ("Cases", matrix.cases)):
        sheets.append(Sheet(name, [*lead, *labels],
                            [[*lead_cells(i), *[int(v) for v in values[i]]] for i in range(len(matrix.rows))]))
    keys = [["column", c.label, c.key] for c in matrix.columns] + [["code", r.path, r.code_uuid] for r in matrix.rows]
    sheets.append(Sheet("Notes", ["what", "label", "key"], [["note", matrix_note(matrix, scope), ""], *keys]))
    write_xlsx(target, sheets)
    return ExportResult(target, "matrix", len(matrix.rows), {"columns": len(matrix.columns)})


def export_matrix(matrix: FrameworkMatrix, path: str | Path, **options: Unpack[MatrixOptions]) -> ExportResult:
    """Word or Excel by the file's suffix."""
    if check_target(path, (".docx", ".xlsx"), "a framework matrix").suffix.lower() == ".xlsx":
        cells, scope = options.get("cells", DEFAULT_CELLS), options.get("scope", DEFAULT_SCOPE)
        return export_matrix_xlsx(matrix, path, cells=cells, scope=scope)
    return export_matrix_docx(matrix, path, **options)


__all__ = [
    "CELL_CONTENTS",
    "MatrixOptions",
    "cell_paragraphs",
    "counts_text",
    "export_matrix",
    "export_matrix_docx",
    "export_matrix_xlsx",
]
