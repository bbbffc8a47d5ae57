"""Coded segments: the passages of the current document, or of the selected code across documents."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QIcon

from app.code_names import shown_name, shown_path
from app.itemmodels.codebook_model import swatch
from app.itemmodels.tree import Index
from coding.analysis.quotes import ELLIPSIS, one_line
from coding.codebook import CodeInfo
from coding.i18n import QT_TRANSLATE_NOOP
from coding.readers import SegmentRow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class SegmentsModel(QAbstractTableModel):
    CODE, CODER, DOCUMENT, PASSAGE, MEMO = range(5)
    HEADERS = (QT_TRANSLATE_NOOP("SegmentsModel", "Code"), QT_TRANSLATE_NOOP("SegmentsModel", "Coder"),
               QT_TRANSLATE_NOOP("SegmentsModel", "Document"), QT_TRANSLATE_NOOP("SegmentsModel", "Passage"),
               QT_TRANSLATE_NOOP("SegmentsModel", "Memo"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [translate("SegmentsModel", header) for header in self.HEADERS]
        self.rows: list[SegmentRow] = []
        self.codes: dict[int, CodeInfo] = {}
        self.coders: dict[int, str] = {}
        self._icons: dict[str, QIcon] = {}

    def reload(self, rows: list[SegmentRow], codes: dict[int, CodeInfo], coders: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows, self.codes, self.coders = rows, codes, coders
        self.endResetModel()

    def update(self, rows: list[SegmentRow], codes: dict[int, CodeInfo], coders: dict[int, str]) -> None:
        """Show new rows, announcing one inserted or removed row (the usual edit) without a reset."""
        old = [row.uuid for row in self.rows]
        new = [row.uuid for row in rows]
        self.codes, self.coders = codes, coders
        if len(new) == len(old) + 1:
            place = _first_difference(old, new)
            if old[:place] + old[place:] == new[:place] + new[place + 1:]:
                self.beginInsertRows(QModelIndex(), place, place)
                self.rows = rows
                self.endInsertRows()
                return
        elif len(new) == len(old) - 1:
            place = _first_difference(new, old)
            if new == old[:place] + old[place + 1:]:
                self.beginRemoveRows(QModelIndex(), place, place)
                self.rows = rows
                self.endRemoveRows()
                return
        elif new == old:
            changed = [number for number, (a, b) in enumerate(zip(self.rows, rows)) if a != b]
            self.rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), self.columnCount() - 1))
            return
        self.reload(rows, codes, coders)

    def segment(self, row: int) -> SegmentRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, coding_uuid: str) -> int:
        for number, row in enumerate(self.rows):
            if row.uuid == coding_uuid:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.segment(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        code = self.codes.get(row.code_id)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CODE:
                return shown_name(code) if code else "?"
            if column == self.CODER:
                return self.coders.get(row.coder_id, "?")
            if column == self.DOCUMENT:
                return row.document_name
            if column == self.PASSAGE:
                excerpt = one_line(row.excerpt)  # every character as coded: never strip or join at the edges
                return excerpt + (ELLIPSIS if row.end - row.start > len(row.excerpt) else "")
            if column == self.MEMO:
                return " ".join(row.memo.split())
        if role == Qt.ItemDataRole.DecorationRole and column == self.CODE and code is not None:
            icon = self._icons.get(code.colour)
            if icon is None:
                icon = self._icons[code.colour] = swatch(code.colour)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole:
            where = translate("SegmentsModel", "{document}, characters {start}–{end}").format(
                document=row.document_name, start=row.start, end=row.end)
            path = shown_path(code, self.codes, " › ") if code else "?"
            memo = "\n" + translate("SegmentsModel", "Memo: {memo}").format(memo=row.memo) if row.memo else ""
            return f"{path}\n{self.coders.get(row.coder_id, '?')} · {where}{memo}\n\n{row.excerpt}"
        if role == SEGMENT_ROLE:
            return row
        return None


def _first_difference(shorter: list[str], longer: list[str]) -> int:
    for place, (a, b) in enumerate(zip(shorter, longer)):
        if a != b:
            return place
    return len(shorter)


__all__ = ["SEGMENT_ROLE", "SegmentsModel"]
