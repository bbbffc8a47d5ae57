"""Cases (participants) as rows, their attributes as editable columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)

from app.itemmodels.tree import Index
from coding.cases import AttributeInfo, CaseRow
from coding.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
CASE_ROLE = Qt.ItemDataRole.UserRole + 1


class CasesModel(QAbstractTableModel):
    NAME, DOCUMENTS = range(2)
    FIXED_HEADERS = (QT_TRANSLATE_NOOP("CasesModel", "Case"), QT_TRANSLATE_NOOP("CasesModel", "Documents"))

    value_edited = Signal(str, str, str)  # case name, attribute name, new value

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseRow] = []
        self.attributes: list[AttributeInfo] = []

    def reload(self, rows: list[CaseRow], attributes: list[AttributeInfo]) -> None:
        self.beginResetModel()
        self.rows, self.attributes = rows, attributes
        self.endResetModel()

    def case(self, row: int) -> CaseRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def attribute_of_column(self, column: int) -> AttributeInfo | None:
        offset = column - len(self.FIXED_HEADERS)
        return self.attributes[offset] if 0 <= offset < len(self.attributes) else None

    def row_of(self, case_name: str) -> int:
        for number, row in enumerate(self.rows):
            if row.name == case_name:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.FIXED_HEADERS) + len(self.attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        attribute = self.attribute_of_column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return attribute.name if attribute else translate("CasesModel", self.FIXED_HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole and attribute:
            return translate("CasesModel", "{name} ({type}); double-click a cell to edit").format(
                name=attribute.name, type=attribute.value_type)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.attribute_of_column(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.case(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return row.name
            if column == self.DOCUMENTS:
                return "; ".join(row.documents)
            attribute = self.attribute_of_column(column)
            return row.values.get(attribute.id, "") if attribute else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DOCUMENTS:
            return "\n".join(row.documents) or translate("CasesModel", "No documents attached")
        if role == CASE_ROLE:
            return row
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.case(index.row()) if index.isValid() else None
        attribute = self.attribute_of_column(index.column())
        if role != Qt.ItemDataRole.EditRole or row is None or attribute is None:
            return False
        text = "" if value is None else str(value)
        if text == row.values.get(attribute.id, ""):
            return False
        case_name, attribute_name = row.name, attribute.name
        QTimer.singleShot(0, lambda: self.value_edited.emit(case_name, attribute_name, text))
        return False  # the value shows after the command has run and the table reloads


__all__ = ["CASE_ROLE", "CasesModel"]
