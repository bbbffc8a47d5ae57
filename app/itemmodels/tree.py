"""A small tree for QAbstractItemModel subclasses: items hold a payload and know their row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex


class TreeItem:
    __slots__ = ("children", "parent", "payload", "row")

    def __init__(self, payload: Any = None, parent: TreeItem | None = None) -> None:
        self.payload = payload
        self.parent = parent
        self.children: list[TreeItem] = []
        self.row = 0

    def add(self, payload: Any) -> TreeItem:
        child = TreeItem(payload, self)
        child.row = len(self.children)
        self.children.append(child)
        return child

    def walk(self) -> Iterator[TreeItem]:
        """Every item below this one, depth first."""
        for child in self.children:
            yield child
            yield from child.walk()


class TreeModel(QAbstractItemModel):
    """Index/parent/rowCount over a ``TreeItem`` tree rebuilt by subclasses inside a model reset."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = TreeItem()

    def item(self, index: Index) -> TreeItem:
        if index.isValid():
            item = index.internalPointer()
            if isinstance(item, TreeItem):
                return item
        return self.root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        parent_item = self.item(parent)
        if 0 <= row < len(parent_item.children) and 0 <= column < self.columnCount(parent):
            return self.createIndex(row, column, parent_item.children[row])
        return QModelIndex()

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, index: Index, /) -> QModelIndex: ...

    # no "/" here: mypy 2.4 wrongly finds a defaulted positional-only implementation unfit for the first overload
    def parent(self, index: Index | None = None) -> QObject | QModelIndex | None:
        """``parent()`` is QObject's (the owner); ``parent(index)`` the item model's (the index's parent)."""
        if index is None:
            return super().parent()
        if not index.isValid():
            return QModelIndex()
        parent_item = self.item(index).parent
        if parent_item is None or parent_item is self.root:
            return QModelIndex()
        return self.createIndex(parent_item.row, 0, parent_item)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.item(parent).children)

    def index_of(self, item: TreeItem, column: int = 0) -> QModelIndex:
        if item is self.root or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)
