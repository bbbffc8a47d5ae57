"""The framework matrix for the paper: a landscape Word table like seed 003's Table 3, or a workbook.

Word: one landscape section, a ``Caption`` paragraph naming the table, then a table in a built-in
table style (header row repeated on each page): a "Dimension" column (the row code's parent, merged
down over its indicators) when the rows have more than one parent, the row code, and one column per
case or attribute value. Each cell holds the researcher's summary and/or the counts ("12 codings, 5
cases"). A note under the table states the counting rules.

Excel: a "Matrix" sheet with the same cells (wrapped text), and numeric sheets "Codings",
"Documents" and "Cases" for further analysis.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from coding.analysis.matrix import FrameworkMatrix
from coding.errors import ValidationError
from coding.export.common import ExportResult, check_target, replaced_when_done
from coding.export.tables import Sheet, write_xlsx
from coding.export.word import Run, WordWriter, landscape, set_properties

CellContent = Literal["summary", "counts", "both"]
CELL_CONTENTS: tuple[str, ...] = ("summary", "counts", "both")


def counts_text(matrix: FrameworkMatrix, row: int, column: int) -> str:
    codings, cases = int(matrix.codings[row, column]), int(matrix.cases[row, column])
    return f"{codings} coding{'s' if codings != 1 else ''}, {cases} case{'s' if cases != 1 else ''}"


def cell_paragraphs(matrix: FrameworkMatrix, row: int, column: int, cells: str) -> list[list[Run]]:
    paragraphs: list[list[Run]] = []
    summary = matrix.summary(row, column).strip()
    if cells in ("summary", "both") and summary:
        paragraphs.extend([[Run(line)] for line in summary.split("\n") if line.strip()])
    if cells in ("counts", "both"):
        paragraphs.append([Run(counts_text(matrix, row, column), italic=bool(paragraphs), size=8)])
    return paragraphs or [[Run("")]]


def matrix_note(matrix: FrameworkMatrix, scope: str) -> str:
    rolled = ("Each row counts codings of its code and of every code below it (roll-up). "
              if matrix.rollup else "Each row counts codings of exactly its code. ")
    return (f"Columns: {'cases' if matrix.columns_spec == 'cases' else matrix.columns_spec.partition(':')[2]}. "
            f"{rolled}Counts are codings and distinct cases per cell; codings: {scope}.")


def _check_cells(cells: str) -> None:
    if cells not in CELL_CONTENTS:
        raise ValidationError(f"matrix cells '{cells}': use {', '.join(CELL_CONTENTS)}")


def export_matrix_docx(
    matrix: FrameworkMatrix, path: str | Path, *, title: str | None = None, cells: str = "both",
    scope: str = "all codings",
) -> ExportResult:
    target = check_target(path, (".docx",), "a framework matrix")
    _check_cells(cells)
    writer = WordWriter()
    caption = title or "Framework matrix"
    set_properties(writer.document, title=caption, subject="Framework matrix exported by Concord")
    landscape(writer.document.sections[0])
    writer.paragraph(caption, "Caption")
    # A dimension column only helps when the rows come from more than one parent (level-3 indicators
    # under their five dimensions, not level-2 dimensions under the one root).
    with_parent = len({row.parent for row in matrix.rows}) > 1
    headers = (["Dimension"] if with_parent else []) + ["Code"] + [c.label for c in matrix.columns]
    rows: list[list[str | list[list[Run]]]] = []
    previous_parent: str | None = None
    for i, row in enumerate(matrix.rows):
        first: list[str | list[list[Run]]] = []
        if with_parent:
            first.append([[Run(row.parent, bold=True)]] if row.parent != previous_parent else "")
            previous_parent = row.parent
        first.append([[Run(row.name, bold=True)]])
        rows.append(first + [cell_paragraphs(matrix, i, j, cells) for j in range(len(matrix.columns))])
    table = writer.table(headers, rows, font_size=9)
    if with_parent:
        _merge_parent_cells(table, [row.parent for row in matrix.rows])
    writer.paragraph(Run(matrix_note(matrix, scope), italic=True, size=8), "Normal")
    with replaced_when_done(target) as temporary:
        writer.save(temporary)
    return ExportResult(target, "matrix", len(matrix.rows), {"columns": len(matrix.columns)})


def _merge_parent_cells(table: object, parents: list[str]) -> None:
    """Merge the Dimension cells of consecutive rows with the same parent (as in Table 3)."""
    start = 0
    for index in range(1, len(parents) + 1):
        if index == len(parents) or parents[index] != parents[start]:
            if index - start > 1:
                top = table.cell(start + 1, 0)  # type: ignore[attr-defined]
                top.merge(table.cell(index, 0))  # type: ignore[attr-defined]
            start = index


def export_matrix_xlsx(matrix: FrameworkMatrix, path: str | Path, *, cells: str = "both",
                       scope: str = "all codings") -> ExportResult:
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


def export_matrix(matrix: FrameworkMatrix, path: str | Path, **options: object) -> ExportResult:
    """Word or Excel by the file's suffix."""
    if check_target(path, (".docx", ".xlsx"), "a framework matrix").suffix.lower() == ".xlsx":
        return export_matrix_xlsx(matrix, path, **{k: v for k, v in options.items() if k != "title"})  # type: ignore[arg-type]
    return export_matrix_docx(matrix, path, **options)  # type: ignore[arg-type]


__all__ = [
    "CELL_CONTENTS",
    "cell_paragraphs",
    "counts_text",
    "export_matrix",
    "export_matrix_docx",
    "export_matrix_xlsx",
]
