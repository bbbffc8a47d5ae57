"""Column widths fitted once to a table's first rows (issue 13): wide enough for every sampled cell and header
line, the model asked only for the sampled cells' text, and the widths left for the user to drag."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

from app.itemmodels.column_widths import fit_columns


class Counting(QAbstractTableModel):
    """1,000 rows; column 1 grows wider further down. Counts what it is asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[int, int]] = []

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 1000

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.asked.append((index.row(), role))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return ["name", "x" * (1 + index.row() // 10), "0.5"][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return ["Code", "Long", "Percent agreement\nall units"][section]


def test_columns_fit_the_sampled_rows_and_each_header_line(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = Counting()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    model.asked.clear()
    fit_columns(table, sample_rows=40, stretch=0)
    header = table.horizontalHeader()
    bold = table.font()
    bold.setBold(True)
    widest_sampled = QFontMetrics(bold).horizontalAdvance("x" * 4)  # row 39: four x's
    assert header.sectionSize(1) >= widest_sampled
    assert header.sectionSize(1) < QFontMetrics(bold).horizontalAdvance("x" * 100), "row 999 was not measured"
    titles = QFontMetrics(header.font())
    assert header.sectionSize(2) >= titles.horizontalAdvance("Percent agreement")
    assert header.sectionSize(2) < titles.horizontalAdvance("Percent agreement\nall units")  # lines, not one
    assert {row for row, _role in model.asked} == set(range(40))
    assert {role for _row, role in model.asked} == {Qt.ItemDataRole.DisplayRole}
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Interactive


def test_fitting_an_empty_table_keeps_the_header_widths(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = QTableView()
    qtbot.addWidget(table)
    model = Counting()
    model.rowCount = lambda parent=QModelIndex(): 0  # type: ignore[method-assign]  # noqa: B008
    table.setModel(model)
    fit_columns(table, sample_rows=40)
    assert table.horizontalHeader().sectionSize(1) >= QFontMetrics(table.horizontalHeader().font()).horizontalAdvance("Long")
