"""Documents grouped by case or document group, with case attributes and the current coder's status
(codings of theirs, and their assignment: assigned, in progress or done)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from app.itemmodels.tree import Index, TreeItem, TreeModel
from coding.numbers import plural
from coding.readers import DocumentRow

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_MODES = ("case", "group", "none")
NO_CASE = "No case"
NO_GROUP = "Not in a group"
# The current coder's status per document (coding.team.assignments); unassigned documents show nothing.
STATUS_TEXT = {"assigned": "assigned", "in progress": "in progress", "done": "done"}
STATUS_TIPS = {
    "assigned": "assigned to you, not started",
    "in progress": "assigned to you, in progress (you have codings here)",
    "done": "you marked it done",
}


@dataclass(frozen=True)
class GroupHeader:
    name: str
    count: int
    coded: int


def status_dot(coded: bool, size: int = 10) -> QIcon:
    """Filled green dot: coded by you; hollow grey ring: not yet."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if coded:
        painter.setPen(QColor("#2e7d32"))
        painter.setBrush(QColor("#43a047"))
    else:
        painter.setPen(QColor("#9e9e9e"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def status_icon(status: str, size: int = 12) -> QIcon:
    """Assigned: blue ring; in progress: half-filled amber dot; done: green dot with a white tick."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = pixmap.rect().adjusted(1, 1, -1, -1)
    if status == "assigned":
        painter.setPen(QPen(QColor("#1e88e5"), 1.6))
        painter.drawEllipse(box)
    elif status == "in progress":
        painter.setPen(QPen(QColor("#f57c00"), 1.4))
        painter.drawEllipse(box)
        painter.setBrush(QColor("#fb8c00"))
        painter.drawPie(box, 90 * 16, 180 * 16)  # the left half
    elif status == "done":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2e7d32"))
        painter.drawEllipse(box)
        painter.setPen(QPen(QColor("white"), 1.6))
        painter.drawPolyline([QPointF(size * 0.28, size * 0.52), QPointF(size * 0.45, size * 0.7),
                              QPointF(size * 0.74, size * 0.32)])
    painter.end()
    return QIcon(pixmap)


class DocumentsModel(TreeModel):
    NAME, MINE, STATUS, WORDS, LANGUAGE = range(5)
    FIXED_HEADERS = ("Document", "Mine", "Status", "Words", "Lang")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentRow] = []
        self.attributes: list[str] = []
        self.group_mode = "case"
        self._by_id: dict[int, TreeItem] = {}
        self._icons = {True: status_dot(True), False: status_dot(False)}
        self.statuses: dict[int, str] = {}  # document id -> the current coder's status (absent: unassigned)
        self._status_icons = {status: status_icon(status) for status in STATUS_TEXT}

    def reload(self, rows: list[DocumentRow], attributes: list[str]) -> None:
        self.beginResetModel()
        self.rows, self.attributes = rows, attributes
        self._build()
        self.endResetModel()

    def set_group_mode(self, mode: str) -> None:
        if mode not in GROUP_MODES:
            raise ValueError(f"unknown grouping {mode!r}")
        self.beginResetModel()
        self.group_mode = mode
        self._build()
        self.endResetModel()

    def _build(self) -> None:
        self.root = TreeItem()
        self._by_id.clear()
        if self.group_mode == "none":
            for row in self.rows:
                self._by_id.setdefault(row.id, self.root.add(row))
            return
        groups: dict[str, list[DocumentRow]] = {}
        for row in self.rows:
            keys = [row.case_name or NO_CASE] if self.group_mode == "case" else list(row.groups) or [NO_GROUP]
            for key in keys:
                groups.setdefault(key, []).append(row)
        fallback = NO_CASE if self.group_mode == "case" else NO_GROUP
        for name in sorted(groups, key=lambda n: (n == fallback, n.casefold())):
            members = groups[name]
            header = self.root.add(GroupHeader(name, len(members), sum(1 for m in members if m.my_codings)))
            for row in members:
                self._by_id.setdefault(row.id, header.add(row))

    def update_counts(self, mine: dict[int, int], everyone: dict[int, int]) -> None:
        """New coding counts without a reset: expansion, selection and scroll position stay."""
        changed = {
            r.id for r in self.rows if (r.my_codings, r.all_codings) != (mine.get(r.id, 0), everyone.get(r.id, 0))
        }
        if not changed:
            return
        self.rows = [replace(r, my_codings=mine.get(r.id, 0), all_codings=everyone.get(r.id, 0)) for r in self.rows]
        by_id = {row.id: row for row in self.rows}
        for item in self.root.walk():
            payload = item.payload
            if isinstance(payload, DocumentRow) and payload.id in changed:
                item.payload = by_id[payload.id]
                # The name column shows the coded/uncoded dot: repaint it only when that flips.
                first = self.NAME if bool(payload.my_codings) != bool(item.payload.my_codings) else self.MINE
                self.dataChanged.emit(self.index_of(item, first), self.index_of(item, self.MINE))
        for header in self.root.children:
            if isinstance(header.payload, GroupHeader):
                coded = sum(1 for child in header.children if child.payload.my_codings)
                if coded != header.payload.coded:
                    header.payload = replace(header.payload, coded=coded)
                    self.dataChanged.emit(self.index_of(header, self.MINE), self.index_of(header, self.MINE))

    def update_statuses(self, statuses: dict[int, str]) -> None:
        """The current coder's status per document, without a reset (one signal per group that changed)."""
        changed = {
            document_id for document_id in set(statuses) | set(self.statuses)
            if statuses.get(document_id) != self.statuses.get(document_id)
        }
        self.statuses = dict(statuses)
        if not changed:
            return
        parents = [self.root, *(item for item in self.root.children if isinstance(item.payload, GroupHeader))]
        for parent in parents:
            rows = [child.row for child in parent.children
                    if isinstance(child.payload, DocumentRow) and child.payload.id in changed]
            if rows:
                first, last = parent.children[min(rows)], parent.children[max(rows)]
                self.dataChanged.emit(self.index_of(first, self.STATUS), self.index_of(last, self.STATUS))

    def status_of(self, document_id: int) -> str:
        return self.statuses.get(document_id, "unassigned")

    # -- look-ups -------------------------------------------------------------------------------------
    def document(self, index: Index) -> DocumentRow | None:
        payload = self.item(index).payload if index.isValid() else None
        return payload if isinstance(payload, DocumentRow) else None

    def index_of_document(self, document_id: int) -> QModelIndex:
        item = self._by_id.get(document_id)
        return self.index_of(item) if item else QModelIndex()

    # -- Qt model -------------------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.FIXED_HEADERS) + len(self.attributes)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.FIXED_HEADERS):
            return self.FIXED_HEADERS[section]
        return self.attributes[section - len(self.FIXED_HEADERS)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self.item(index).payload, GroupHeader):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        payload = self.item(index).payload
        if isinstance(payload, GroupHeader):
            return self._group_data(payload, index.column(), role)
        row: DocumentRow = payload
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return row.name
            if column == self.MINE:
                return str(row.my_codings) if row.my_codings else "–"
            if column == self.STATUS:
                return STATUS_TEXT.get(self.status_of(row.id), "")
            if column == self.WORDS:
                return f"{row.words:,}"
            if column == self.LANGUAGE:
                return row.language
            return row.attributes.get(self.attributes[column - len(self.FIXED_HEADERS)], "")
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return self._icons[row.my_codings > 0]
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return self._status_icons.get(self.status_of(row.id))
        if role == Qt.ItemDataRole.ToolTipRole:
            status = f"coded by you: {plural(row.my_codings, 'coding')}" if row.my_codings else "not yet coded by you"
            case = f"case {row.case_name}" if row.case_name else "no case"
            if row.id in self.statuses:
                status += f"; {STATUS_TIPS[self.statuses[row.id]]}"
            return f"{row.name}\n{case} · {row.words:,} words · {row.language}\n{status}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.MINE, self.WORDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.MINE and not row.my_codings:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == DOCUMENT_ID_ROLE:
            return row.id
        return None

    def _group_data(self, header: GroupHeader, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return header.name
            if column == self.MINE:
                return f"{header.coded}/{header.count}"
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{header.name}: {header.count} document(s), {header.coded} coded by you"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["DOCUMENT_ID_ROLE", "GROUP_MODES", "STATUS_TEXT", "DocumentsModel", "GroupHeader", "status_icon"]
