"""Column widths fitted once to a table's first rows, with the font's metrics.

Qt's ResizeToContents mode measures every cell of its sample again at each layout (each reset, each resize),
asking the model for each cell's text, font, alignment, decoration and check state: for the agreement results
at 100× (25 columns, 40 sampled rows) that was some 7,000 calls into Python per layout and a 110-185 ms freeze
when the figures were shown. Here each sampled cell is asked for its text once, and the widths stay put
(the user can still drag them).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

CELL_PADDING = 10  # the cell's margins, both sides
HEADER_PADDING = 12  # the section's margins, both sides


def fit_columns(table: QTableView, sample_rows: int, stretch: int | None = None) -> None:
    """Size each column of ``table`` to its header and the display text of the first ``sample_rows`` rows
    (measured in bold: pooled rows are); column ``stretch`` takes the width left over."""
    model, header = table.model(), table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    bold = table.font()
    bold.setBold(True)
    cells, titles = QFontMetrics(bold), QFontMetrics(header.font())
    rows = min(sample_rows, model.rowCount())
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        width = max(titles.horizontalAdvance(line) for line in title.split("\n")) + HEADER_PADDING
        for row in range(rows):
            text = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
            if text:
                width = max(width, cells.horizontalAdvance(str(text)) + CELL_PADDING)
        header.resizeSection(column, width)
    if stretch is not None and 0 <= stretch < model.columnCount():
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


__all__ = ["fit_columns"]
