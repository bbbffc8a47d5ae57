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
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack

from docx.table import Table

from coding.analysis.matrix import FrameworkMatrix
from coding.errors import ValidationError
from coding.export.common import ExportResult, check_target, replaced_when_done
from coding.export.journal import SECONDARY_PT
from coding.export.tables import Sheet, write_xlsx
from coding.export.word import Cell, Run, WordWriter, set_properties
from coding.i18n import code_label, is_chinese, translate
from coding.names import display_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
    names_zh: Mapping[str, str] | None


def counts_text(matrix: FrameworkMatrix, row: int, column: int) -> str:
    codings, cases = int(matrix.codings[row, column]), int(matrix.cases[row, column])
    return translate("MatrixExport", "{codings}, {cases}").format(
        codings=translate("MatrixExport", "%n coding(s)", None, codings),
        cases=translate("MatrixExport", "%n case(s)", None, cases))


def cell_paragraphs(matrix: FrameworkMatrix, row: int, column: int, cells: str) -> list[list[Run]]:
    paragraphs: list[list[Run]] = []
    summary = matrix.summary(row, column).strip()
    if cells in ("summary", "both") and summary:
        paragraphs.extend([[Run(line)] for line in summary.split("\n") if line.strip()])
    if cells in ("counts", "both"):
        paragraphs.append([Run(counts_text(matrix, row, column), italic=bool(paragraphs), size=SECONDARY_PT)])
    return paragraphs or [[Run("")]]


def matrix_note(matrix: FrameworkMatrix, scope: str) -> str:
    rolled = (translate("MatrixExport", "Each row counts codings of its code and of every code below it (roll-up). ")
              if matrix.rollup else translate("MatrixExport", "Each row counts codings of exactly its code. "))
    restricted = "" if scope == "all codings" else translate(
        "MatrixExport", " Codings restricted to {scope}.").format(scope=scope)
    return (translate("MatrixExport", "Columns: {columns}. ").format(columns=columns_name(matrix))
            + rolled + translate("MatrixExport", "Counts are codings and distinct cases per cell.") + restricted
            + (translate("MatrixExport", " {basis}.").format(basis=matrix.basis.text()) if matrix.basis else ""))


def columns_name(matrix: FrameworkMatrix) -> str:
    """What the columns are: "cases", or the attribute's display name ("Alliance mode")."""
    if matrix.columns_spec == "cases":
        return translate("MatrixExport", "cases")
    return display_name(matrix.columns_spec.partition(":")[2])


def chinese_names(session: Session) -> dict[str, str]:
    """Each code's path ("Decision rights/Owner functions") -> its Chinese name, for a Chinese matrix's rows."""
    from coding.codebook import CodeTree

    tree = CodeTree.load(session)
    paths = tree.paths()
    return {paths[code_id]: info.name_zh for code_id, info in tree.codes.items() if info.name_zh}


def _row_labels(matrix: FrameworkMatrix, names_zh: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """(dimension, code) of each row; in a Chinese export the Chinese names with the English in brackets."""
    chinese = is_chinese() and bool(names_zh)
    labels = []
    for row in matrix.rows:
        parent_path = row.path.rpartition("/")[0]
        if chinese and names_zh:
            labels.append((code_label(row.parent, names_zh.get(parent_path)), code_label(row.name, names_zh.get(row.path))))
        else:
            labels.append((row.parent, row.name))
    return labels


def level_title(matrix: FrameworkMatrix, level: int | str) -> str:
    """"Framework matrix: level-3 codes by Alliance mode", in the export's language (the app's caption)."""
    return translate("MatrixExport", "Framework matrix: level-{level} codes by {columns}").format(
        level=level, columns=columns_name(matrix))


def _table_number(caption: str) -> tuple[int | None, str]:
    """A caption the user wrote as "Table 3: Governance …" gives the number 3 and the title "Governance …"."""
    found = re.match(r"\s*table\s+(\d+)\s*[:.\-–—]?\s*(.*)$", caption, re.IGNORECASE | re.DOTALL)
    if found and found.group(2).strip():
        return int(found.group(1)), found.group(2).strip()
    return None, caption


def _check_cells(cells: str) -> None:
    if cells not in CELL_CONTENTS:
        raise ValidationError(translate(
            "errors", "matrix cells '{cells}': use {value}").format(cells=cells, value=', '.join(CELL_CONTENTS)))


def export_matrix_docx(
    matrix: FrameworkMatrix, path: str | Path, *, title: str | None = None, cells: str = DEFAULT_CELLS,
    scope: str = DEFAULT_SCOPE, paper: str | None = None, names_zh: Mapping[str, str] | None = None,
) -> ExportResult:
    """``names_zh`` (:func:`chinese_names`): code path -> Chinese name, used when exporting in Chinese."""
    target = check_target(path, (".docx",), "a framework matrix")
    _check_cells(cells)
    writer = WordWriter(paper=paper, landscape=True)
    caption = title or translate("MatrixExport", "Framework matrix: codes by {columns}").format(
        columns=columns_name(matrix))
    set_properties(writer.document, title=caption, subject=translate("MatrixExport", "Framework matrix exported by Concord"))
    number, caption = _table_number(caption)
    if number is not None:
        writer.tables_written = number - 1
    # A dimension column only helps when the rows come from more than one parent (level-3 indicators
    # under their five dimensions, not level-2 dimensions under the one root).
    with_parent = len({row.parent for row in matrix.rows}) > 1
    headers = ([translate("MatrixExport", "Dimension")] if with_parent else []) + [translate("MatrixExport", "Code")] \
        + [c.label for c in matrix.columns]
    rows: list[list[Cell]] = []
    previous_parent: str | None = None
    labels = _row_labels(matrix, names_zh)
    for i, row in enumerate(matrix.rows):
        first: list[Cell] = []
        if with_parent:
            first.append(Cell([labels[i][0]] if row.parent != previous_parent else []))
            previous_parent = row.parent
        first.append(Cell([labels[i][1]]))
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
                       scope: str = DEFAULT_SCOPE, names_zh: Mapping[str, str] | None = None) -> ExportResult:
    target = check_target(path, (".xlsx",), "a framework matrix workbook")
    _check_cells(cells)
    labels = [c.label for c in matrix.columns]
    lead = ["dimension", "code"]  # column keys for further analysis: English always
    row_labels = _row_labels(matrix, names_zh)

    def lead_cells(row_index: int) -> list[object]:
        return list(row_labels[row_index])

    text_rows = [
        [*lead_cells(i), *["\n".join(" ".join(run.text for run in p) for p in cell_paragraphs(matrix, i, j, cells))
                           for j in range(len(labels))]]
        for i in range(len(matrix.rows))
    ]
    sheets = [Sheet(translate("MatrixExport", "Matrix"), [*lead, *labels], text_rows, wrap=True)]
    for name, values in ((translate("MatrixExport", "Codings"), matrix.codings),
                         (translate("MatrixExport", "Documents"), matrix.documents),
                         (translate("MatrixExport", "Cases"), matrix.cases)):
        sheets.append(Sheet(name, [*lead, *labels],
                            [[*lead_cells(i), *[int(v) for v in values[i]]] for i in range(len(matrix.rows))]))
    keys = [["column", c.label, c.key] for c in matrix.columns] + [["code", r.path, r.code_uuid] for r in matrix.rows]
    sheets.append(Sheet(translate("MatrixExport", "Notes"), ["what", "label", "key"], [["note", matrix_note(matrix, scope), ""], *keys]))
    write_xlsx(target, sheets)
    return ExportResult(target, "matrix", len(matrix.rows), {"columns": len(matrix.columns)})


def export_matrix(matrix: FrameworkMatrix, path: str | Path, **options: Unpack[MatrixOptions]) -> ExportResult:
    """Word or Excel by the file's suffix."""
    if check_target(path, (".docx", ".xlsx"), "a framework matrix").suffix.lower() == ".xlsx":
        cells, scope = options.get("cells", DEFAULT_CELLS), options.get("scope", DEFAULT_SCOPE)
        return export_matrix_xlsx(matrix, path, cells=cells, scope=scope, names_zh=options.get("names_zh"))
    return export_matrix_docx(matrix, path, **options)


__all__ = [
    "CELL_CONTENTS",
    "MatrixOptions",
    "cell_paragraphs",
    "chinese_names",
    "counts_text",
    "export_matrix",
    "export_matrix_docx",
    "export_matrix_xlsx",
    "level_title",
]
