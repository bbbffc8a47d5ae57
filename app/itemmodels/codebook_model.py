"""The codebook tree: names with colour swatches, keys, and coding counts for the current coder and all.

Edits (rename in place, drag to move, drop a transcript selection to code it) are not applied here:
the model emits a request, the window runs an undoable command, and the resulting ``Changes``
reload the model. Requests are queued so a drop never resets the model under the view's feet.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from app.code_names import chinese_interface, english_line, shown_definition, shown_name, shown_path
from app.itemmodels.tree import Index, TreeItem, TreeModel
from coding.codebook import CodeInfo, CodeNode
from coding.i18n import QT_TRANSLATE_NOOP  # lupdate reads the name; typed str -> str, unlike PySide's

CODE_MIME = "application/x-concord-codes"
SELECTION_MIME = "application/x-concord-selection"
CODE_UUID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
CODE_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # what the Codebook's filter box matches: the shown name(s)


def swatch(colour: str, size: int = 12) -> QIcon:
    """A small rounded square in the code's colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(130))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class CodebookModel(TreeModel):
    NAME, KEY, MINE, ALL = range(4)
    HEADERS = (QT_TRANSLATE_NOOP("CodebookModel", "Code"), QT_TRANSLATE_NOOP("CodebookModel", "Key"),
               QT_TRANSLATE_NOOP("CodebookModel", "Mine"), QT_TRANSLATE_NOOP("CodebookModel", "All"))
    HEADER_TIPS = (
        QT_TRANSLATE_NOOP("CodebookModel", "Code name"),
        QT_TRANSLATE_NOOP("CodebookModel", "Shortcut · quick slot (press the digit in the transcript)"),
        QT_TRANSLATE_NOOP("CodebookModel", "Your codings with this code"),
        QT_TRANSLATE_NOOP("CodebookModel", "Everyone's codings with this code"),
    )

    move_requested = Signal(str, object, int)  # code uuid, new parent uuid (None = top), position (-1 = last)
    apply_requested = Signal(str, object)  # code uuid, selection dict from the transcript drag
    rename_requested = Signal(str, str)  # code uuid, new name

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.infos: dict[int, CodeInfo] = {}
        self.mine: dict[int, int] = {}
        self.everyone: dict[int, int] = {}
        self.slots: dict[str, int] = {}  # code uuid -> quick slot
        self._items: dict[int, TreeItem] = {}
        self._icons: dict[str, QIcon] = {}
        self._definitions: dict[int, CodeNode] = {}

    # -- loading ----------------------------------------------------------------------------------------
    def reload(
        self, roots: list[CodeNode], infos: dict[int, CodeInfo], mine: dict[int, int], everyone: dict[int, int]
    ) -> None:
        self.beginResetModel()
        self.root = TreeItem()
        self._items.clear()
        self._definitions.clear()
        self.infos, self.mine, self.everyone = infos, mine, everyone

        def add(parent: TreeItem, node: CodeNode) -> None:
            item = parent.add(node.id)
            self._items[node.id] = item
            self._definitions[node.id] = node
            for child in node.children:
                add(item, child)

        for root in roots:
            add(self.root, root)
        self.endResetModel()

    def update_counts(self, mine: dict[int, int], everyone: dict[int, int]) -> None:
        """New counts without a reset (expansion and selection stay); only changed rows are announced."""
        changed = {
            code_id for code_id in self._items
            if mine.get(code_id, 0) != self.mine.get(code_id, 0)
            or everyone.get(code_id, 0) != self.everyone.get(code_id, 0)
        }
        self.mine, self.everyone = mine, everyone
        self._emit_rows_changed(changed, self.MINE, self.ALL)

    def set_slots(self, slots: dict[str, int]) -> None:
        changed = {info.id for info in self.infos.values() if slots.get(info.uuid) != self.slots.get(info.uuid)}
        self.slots = slots
        self._emit_rows_changed(changed, self.KEY, self.KEY)

    def _emit_rows_changed(self, code_ids: set[int], first: int, last: int) -> None:
        for code_id in code_ids:
            item = self._items.get(code_id)
            if item is not None:
                self.dataChanged.emit(self.index_of(item, first), self.index_of(item, last))

    # -- look-ups ---------------------------------------------------------------------------------------
    def node(self, index: Index) -> CodeNode | None:
        item = self.item(index)
        return self._definitions.get(item.payload) if item is not self.root else None

    def node_by_id(self, code_id: int) -> CodeNode | None:
        return self._definitions.get(code_id)

    def index_of_code(self, code_id: int, column: int = 0) -> QModelIndex:
        item = self._items.get(code_id)
        return self.index_of(item, column) if item else QModelIndex()

    def subtree_total(self, code_id: int, counts: dict[int, int]) -> int:
        item = self._items.get(code_id)
        if item is None:
            return 0
        below: int = sum(counts.get(child.payload, 0) for child in item.walk())
        return counts.get(code_id, 0) + below

    def key_text(self, info: CodeInfo) -> str:
        parts = [info.shortcut] if info.shortcut else []
        slot = self.slots.get(info.uuid)
        if slot is not None:
            parts.append(str(slot))
        return " · ".join(parts)

    # -- Qt model ---------------------------------------------------------------------------------------
    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("CodebookModel", self.HEADERS[section])
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("CodebookModel", self.HEADER_TIPS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code_id = self.item(index).payload
        info = self.infos.get(code_id)
        if info is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:  # editing renames the English name, so the editor starts from it
                return shown_name(info) if role == Qt.ItemDataRole.DisplayRole else info.name
            if column == self.KEY:
                return self.key_text(info) if role == Qt.ItemDataRole.DisplayRole else None
            counts = self.mine if column == self.MINE else self.everyone
            count = counts.get(code_id, 0)
            return str(count) if count else ""
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return self._icon(info.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(info)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.MINE, self.ALL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.NAME and not info.is_codable:
            font = QFont()
            font.setItalic(True)
            return font
        if role == CODE_SEARCH_ROLE:
            return self._search_text(info) if column == self.NAME else None
        if role == CODE_UUID_ROLE:
            return info.uuid
        if role == CODE_ID_ROLE:
            return info.id
        return None

    def _icon(self, colour: str) -> QIcon:
        icon = self._icons.get(colour)
        if icon is None:
            icon = self._icons[colour] = swatch(colour)
        return icon

    @staticmethod
    def _search_text(info: CodeInfo) -> str:
        """The shown name, and in a Chinese interface the English name too: either finds the code."""
        name = shown_name(info)
        return f"{name}\n{info.name}" if chinese_interface() and name != info.name else name

    def _tooltip(self, info: CodeInfo) -> str:
        node = self._definitions.get(info.id)
        definition = shown_definition(node) if node else ""
        mine_total = self.subtree_total(info.id, self.mine)
        everyone_total = self.subtree_total(info.id, self.everyone)
        lines = [f"<b>{html.escape(shown_path(info, self.infos, ' › '))}</b>"]
        english = english_line(info)
        if english:
            lines.append(english)
        if definition:
            lines.append(html.escape(definition[:300] + ("…" if len(definition) > 300 else "")))
        lines.append(QCoreApplication.translate(
            "CodebookModel", "Level {level} · yours (with subcodes): {mine} · all: {everyone}",
        ).format(level=info.level, mine=mine_total, everyone=everyone_total))
        if not info.is_codable:
            lines.append("<i>" + QCoreApplication.translate("CodebookModel", "A category: not applied to text") + "</i>")
        return "<br>".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        flags = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == self.NAME:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.NAME or not index.isValid():
            return False
        info = self.infos.get(self.item(index).payload)
        if info is None or str(value) == info.name:
            return False
        code_uuid, new_name = info.uuid, str(value)
        QTimer.singleShot(0, lambda: self.rename_requested.emit(code_uuid, new_name))
        return False  # the rename shows once the command has run and the model reloads

    # -- drag and drop ----------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CODE_MIME, SELECTION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        uuids: list[str] = []
        for index in indexes:
            info = self.infos.get(self.item(index).payload)
            if info is not None and info.uuid not in uuids:
                uuids.append(info.uuid)
        mime = QMimeData()
        mime.setData(CODE_MIME, json.dumps(uuids).encode("utf-8"))
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if data.hasFormat(SELECTION_MIME):
            info = self.infos.get(self.item(parent).payload) if parent.isValid() else None
            return info is not None and info.is_codable and row == -1
        if data.hasFormat(CODE_MIME):
            moving = self._dragged_ids(data)
            target: TreeItem | None = self.item(parent)
            while target is not None and target is not self.root:
                if target.payload in moving:
                    return False  # under itself or one of its own subcodes
                target = target.parent
            return len(moving) == 1
        return False

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        parent_info = self.infos.get(self.item(parent).payload) if parent.isValid() else None
        if data.hasFormat(SELECTION_MIME):
            selection = json.loads(bytes(data.data(SELECTION_MIME).data()).decode("utf-8"))
            code_uuid = parent_info.uuid if parent_info else ""
            QTimer.singleShot(0, lambda: self.apply_requested.emit(code_uuid, selection))
            return True
        (code_id,) = self._dragged_ids(data)
        item = self._items[code_id]
        new_parent = self.item(parent)
        position = row
        if position >= 0 and item.parent is new_parent and item.row < position:
            position -= 1  # the code leaves its old place above the drop point
        code_uuid = self.infos[code_id].uuid
        parent_uuid = parent_info.uuid if parent_info else None
        QTimer.singleShot(0, lambda: self.move_requested.emit(code_uuid, parent_uuid, position))
        return False  # nothing for the view to remove: the reload after the command shows the move

    def _dragged_ids(self, data: QMimeData) -> set[int]:
        try:
            uuids = set(json.loads(bytes(data.data(CODE_MIME).data()).decode("utf-8")))
        except (ValueError, UnicodeDecodeError):
            return set()
        return {info.id for info in self.infos.values() if info.uuid in uuids}


__all__ = ["CODE_ID_ROLE", "CODE_MIME", "CODE_SEARCH_ROLE", "CODE_UUID_ROLE", "SELECTION_MIME", "CodebookModel", "swatch"]
