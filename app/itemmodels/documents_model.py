"""Documents grouped by case or document group, with case attributes and the current coder's status
(codings of theirs, and their assignment: assigned, in progress or done)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from app import heap
from app.itemmodels.tree import Index, TreeItem, TreeModel
from coding.i18n import QT_TRANSLATE_NOOP
from coding.readers import DocumentRow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_MODES = ("case", "group", "none")
# The labels below are English; a model shows them translated (context "DocumentsModel"), read once when it is
# built (a language switch builds the window, and so its models, again): data() runs 10,000s of times.
NO_CASE = QT_TRANSLATE_NOOP("DocumentsModel", "No case")
NO_GROUP = QT_TRANSLATE_NOOP("DocumentsModel", "Not in a group")
# The current coder's status per document (coding.team.assignments); unassigned documents show nothing.
STATUS_TEXT = {"assigned": QT_TRANSLATE_NOOP("DocumentsModel", "assigned"),
               "in progress": QT_TRANSLATE_NOOP("DocumentsModel", "in progress"),
               "done": QT_TRANSLATE_NOOP("DocumentsModel", "done")}
STATUS_TIPS = {
    "assigned": QT_TRANSLATE_NOOP("DocumentsModel", "assigned to you, not started"),
    "in progress": QT_TRANSLATE_NOOP("DocumentsModel", "assigned to you, in progress (you have codings here)"),
    "done": QT_TRANSLATE_NOOP("DocumentsModel", "you marked it done"),
}


def _translated(labels: dict[str, str]) -> dict[str, str]:
    return {key: translate("DocumentsModel", label) for key, label in labels.items()}


_DOCUMENT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_HEADER_FLAGS = Qt.ItemFlag.ItemIsEnabled
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


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


def blank_icon(size: int = 10) -> QIcon:
    """Room for the coded dot while the counts are not known yet (the names do not shift when it comes)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
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


def search_key(row: DocumentRow) -> str:
    """What the Documents filter looks in: name, case, groups and attribute values, lower-cased, one per line."""
    parts = [row.name, row.case_name or "", *row.groups, *row.attributes.values()]
    return "\n".join(parts).casefold()


class DocumentsModel(TreeModel):
    NAME, MINE, STATUS, WORDS, LANGUAGE = range(5)
    FIXED_HEADERS = (QT_TRANSLATE_NOOP("DocumentsModel", "Document"), QT_TRANSLATE_NOOP("DocumentsModel", "Mine"),
                     QT_TRANSLATE_NOOP("DocumentsModel", "Status"), QT_TRANSLATE_NOOP("DocumentsModel", "Words"),
                     QT_TRANSLATE_NOOP("DocumentsModel", "Lang"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [translate("DocumentsModel", header) for header in self.FIXED_HEADERS]
        self.no_case = translate("DocumentsModel", NO_CASE)
        self.no_group = translate("DocumentsModel", NO_GROUP)
        self.status_text = _translated(STATUS_TEXT)
        self.status_tips = _translated(STATUS_TIPS)
        self.rows: list[DocumentRow] = []
        self.attributes: list[str] = []
        self._columns = len(self.FIXED_HEADERS)  # + one per attribute
        self.group_mode = "case"
        self._by_id: dict[int, TreeItem] = {}
        self._icons = {True: status_dot(True), False: status_dot(False)}
        self.statuses: dict[int, str] = {}  # document id -> the current coder's status (absent: unassigned)
        self._status_icons = {status: status_icon(status) for status in STATUS_TEXT}
        # The filter: a lower-cased key per document (name, case, groups, attribute values), matched in Python
        # once per pass instead of running every column through data(); the tree then holds only the matches.
        self.search_keys: dict[int, str] = {}
        self.filter_text = ""
        self._shown: set[int] | None = None  # the documents the filter lets through (None: all)
        self.filter_passes = 0  # how many times the filter ran (tests count these, not milliseconds)
        # False while a large project's counts are still being read (app/open_counts.py): the counts show blank,
        # neither "–" nor a dot saying "not coded".
        self.counts_known = True
        self._no_icon = blank_icon()

    # -- fast paths: a view lays out every expanded row through these, 10,000s of calls on a large project ---
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        item = parent.internalPointer() if parent.isValid() else self.root
        children = item.children
        if 0 <= row < len(children) and 0 <= column < self._columns:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self.root.children)
        return parent.column() == 0 and bool(parent.internalPointer().children)

    def reload(self, rows: list[DocumentRow], attributes: list[str], *, counts_known: bool = True) -> None:
        if rows and len(self.FIXED_HEADERS) + len(attributes) != self._columns:
            self._reset_columns(attributes)
        self.beginResetModel()
        self.rows, self.attributes, self.counts_known = rows, attributes, counts_known
        self._columns = len(self.FIXED_HEADERS) + len(attributes)
        self.search_keys = {row.id: search_key(row) for row in rows}
        self._shown = self._matching(self.filter_text)
        self._build()
        self.endResetModel()

    def _reset_columns(self, attributes: list[str]) -> None:
        """New columns over an empty tree. A reset that brings rows and changes the column count makes a visible
        QTreeView lay out every row twice (the header's new sections ask for the scroll bars at once); this way
        the rows are laid out once, when the view next needs them."""
        self.beginResetModel()
        self.root = TreeItem()
        self._by_id.clear()
        self.attributes, self._columns = attributes, len(self.FIXED_HEADERS) + len(attributes)
        self.endResetModel()

    def set_filter(self, text: str) -> bool:
        """Show only the documents whose search key holds ``text`` (case-insensitive; empty shows all).
        True when the list changed (a reset), False when the same documents show as before."""
        self.filter_passes += 1
        self.filter_text = text.casefold()
        shown = self._matching(self.filter_text)
        if shown == self._shown:
            return False  # the same documents as before ("i", "in", "int" …): nothing to rebuild or lay out
        self.beginResetModel()
        self._shown = shown
        self._build()
        self.endResetModel()
        return True

    def _matching(self, needle: str) -> set[int] | None:
        if not needle:
            return None
        shown = {document_id for document_id, key in self.search_keys.items() if needle in key}
        return None if len(shown) == len(self.search_keys) else shown

    def matches(self, row: DocumentRow) -> bool:
        return self._shown is None or row.id in self._shown

    def shown_count(self) -> int:
        """Documents listed under the current filter (a document in two groups counts once)."""
        return len(self._by_id)

    def set_group_mode(self, mode: str) -> None:
        if mode not in GROUP_MODES:
            raise ValueError(f"unknown grouping {mode!r}")
        self.beginResetModel()
        self.group_mode = mode
        self._build()
        self.endResetModel()

    def _build(self) -> None:
        """The tree of what shows; the collector stays off meanwhile (thousands of small items would trigger it
        again and again for nothing: they all live until the next build)."""
        with heap.no_collection():
            self._build_tree()

    def _build_tree(self) -> None:
        self.root = TreeItem()
        self._by_id.clear()
        shown = self._shown
        if self.group_mode == "none":
            for row in self.rows:
                if shown is None or row.id in shown:
                    self._by_id.setdefault(row.id, self.root.add(row))
            return
        groups: dict[str, list[DocumentRow]] = {}
        for row in self.rows:
            for name in self._group_names(row):
                groups.setdefault(name, []).append(row)
        fallback = self.no_case if self.group_mode == "case" else self.no_group
        for name in sorted(groups, key=lambda n: (n == fallback, n.casefold())):
            members = groups[name]
            listed = members if shown is None else [row for row in members if row.id in shown]
            if not listed:
                continue
            # The header counts the whole group, filtered or not.
            header = self.root.add(GroupHeader(name, len(members), sum(1 for m in members if m.my_codings)))
            for row in listed:
                self._by_id.setdefault(row.id, header.add(row))

    def update_counts(self, mine: dict[int, int], everyone: dict[int, int]) -> None:
        """New coding counts without a reset: expansion, selection and scroll position stay. Only the rows whose
        counts moved are replaced and repainted (an edit touches one document of thousands)."""
        updated: dict[int, DocumentRow] = {}
        flipped: list[DocumentRow] = []  # rows whose coded dot flips
        for position, row in enumerate(self.rows):
            counts = (mine.get(row.id, 0), everyone.get(row.id, 0))
            if (row.my_codings, row.all_codings) == counts:
                continue
            new = replace(row, my_codings=counts[0], all_codings=counts[1])
            self.rows[position] = updated[row.id] = new
            if bool(row.my_codings) != bool(new.my_codings):
                flipped.append(new)
        if not updated:
            return
        for item in self._items_of(updated):
            old = item.payload
            assert isinstance(old, DocumentRow)
            item.payload = updated[old.id]
            # The name column shows the coded/uncoded dot: repaint it only when that flips.
            first = self.NAME if bool(old.my_codings) != bool(updated[old.id].my_codings) else self.MINE
            self.dataChanged.emit(self.index_of(item, first), self.index_of(item, self.MINE))
        self._recount_headers(flipped)

    def set_counts(self, mine: dict[int, int], everyone: dict[int, int]) -> None:
        """Every document's counts at once, read after the list showed (``counts_known`` was False), without a
        reset: what is open, selected and scrolled to stays.

        One signal, over the top level (the groups' "coded/count"; the view repaints what it shows from it). A
        signal per group's documents would cost a tree view a search of all its rows each, 5,500 times over at
        100x (0.4 s on the GUI thread, measured); no view or proxy here keeps a copy of the documents' rows."""
        self.rows = [DocumentRow(row.id, row.uuid, row.name, row.language, row.format, row.words, row.turns,
                                 row.sentences, row.case_name, row.groups, row.attributes, mine.get(row.id, 0),
                                 everyone.get(row.id, 0)) for row in self.rows]  # (replace() is twice as slow)
        fresh = {row.id: row for row in self.rows}
        coded: dict[str, int] = {}  # a header counts its whole group's coded documents, filtered or not
        for row in self.rows:
            if row.my_codings:
                for name in self._group_names(row):
                    coded[name] = coded.get(name, 0) + 1
        self.counts_known = True
        for item in self.root.children:
            if isinstance(item.payload, GroupHeader):
                header = item.payload
                item.payload = GroupHeader(header.name, header.count, coded.get(header.name, 0))
                for child in item.children:
                    child.payload = fresh[child.payload.id]
            else:
                item.payload = fresh[item.payload.id]
        if self.root.children:
            self.dataChanged.emit(self.index(0, self.NAME), self.index(len(self.root.children) - 1, self.MINE))

    def _items_of(self, documents: Mapping[int, DocumentRow]) -> list[TreeItem]:
        """The shown items of these documents: one each, except in "group" mode where a document may sit in
        several groups."""
        if self.group_mode != "group":
            return [self._by_id[i] for i in documents if i in self._by_id]
        return [item for item in self.root.walk()
                if isinstance(item.payload, DocumentRow) and item.payload.id in documents]

    def _recount_headers(self, flipped: list[DocumentRow]) -> None:
        """A header counts its whole group's coded documents (filtered or not): move it by the flips."""
        if not flipped or self.group_mode == "none":
            return
        headers = {h.payload.name: h for h in self.root.children if isinstance(h.payload, GroupHeader)}
        for row in flipped:
            for name in self._group_names(row):
                header = headers.get(name)
                if header is None:
                    continue  # the whole group is filtered out
                assert isinstance(header.payload, GroupHeader)
                step = 1 if row.my_codings else -1
                header.payload = replace(header.payload, coded=header.payload.coded + step)
                self.dataChanged.emit(self.index_of(header, self.MINE), self.index_of(header, self.MINE))

    def _group_names(self, row: DocumentRow) -> list[str]:
        return [row.case_name or self.no_case] if self.group_mode == "case" else list(row.groups) or [self.no_group]

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
        return self._columns

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.FIXED_HEADERS):
            return self.headers[section]
        return self.attributes[section - len(self.FIXED_HEADERS)]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _HEADER_FLAGS if isinstance(index.internalPointer().payload, GroupHeader) else _DOCUMENT_FLAGS

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
                if not self.counts_known:
                    return ""
                return str(row.my_codings) if row.my_codings else "–"
            if column == self.STATUS:
                return self.status_text.get(self.status_of(row.id), "")
            if column == self.WORDS:
                return f"{row.words:,}"
            if column == self.LANGUAGE:
                return row.language
            return row.attributes.get(self.attributes[column - len(self.FIXED_HEADERS)], "")
        if role == Qt.ItemDataRole.DecorationRole and column == self.NAME:
            return self._icons[row.my_codings > 0] if self.counts_known else self._no_icon
        if role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return self._status_icons.get(self.status_of(row.id))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._document_tip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.MINE, self.WORDS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.MINE and not row.my_codings:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == DOCUMENT_ID_ROLE:
            return row.id
        return None

    def _document_tip(self, row: DocumentRow) -> str:
        if not self.counts_known:
            status = translate("DocumentsModel", "codings being counted")
        elif mine := row.my_codings:  # a plain name: lupdate skips a plural call whose count is an expression
            status = translate("DocumentsModel", "coded by you: %Ln coding(s)", None, mine)
        else:
            status = translate("DocumentsModel", "not yet coded by you")
        if row.id in self.statuses:
            status += "; " + self.status_tips[self.statuses[row.id]]
        if row.case_name:
            case = translate("DocumentsModel", "case {case}").format(case=row.case_name)
        else:
            case = translate("DocumentsModel", "no case")
        # en and zh_CN both group thousands with commas: f"{:,}" is their QLocale().toString, without a locale
        words = translate("DocumentsModel", "{words} words").format(words=f"{row.words:,}")
        return f"{row.name}\n{case} · {words} · {row.language}\n{status}"

    def _group_data(self, header: GroupHeader, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NAME:
                return header.name
            if column == self.MINE:
                return f"{header.coded}/{header.count}" if self.counts_known else str(header.count)
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            count = header.count  # lupdate reads the count only as a plain name
            tip = translate("DocumentsModel", "{name}: %n document(s), {coded} coded by you", None, count)
            return tip.format(
                name=header.name, coded=header.coded)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.MINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


__all__ = ["DOCUMENT_ID_ROLE", "GROUP_MODES", "STATUS_TEXT", "DocumentsModel", "GroupHeader", "search_key", "status_icon"]
