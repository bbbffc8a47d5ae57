"""The widgets inside the Documents, Codebook and Coded segments docks (views only; the window acts)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QIdentityProxyModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.code_names import chinese_interface, shown_name, shown_path
from app.itemmodels.codebook_model import CODE_SEARCH_ROLE, CodebookModel
from app.itemmodels.documents_model import DocumentsModel
from app.itemmodels.segments_model import SegmentsModel
from coding.codebook import CodeInfo, CodeNode
from coding.readers import DocumentRow, SegmentRow

if TYPE_CHECKING:
    from coding.team.assignments import CoderProgress

translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls


def _filter_box(placeholder: str) -> QLineEdit:
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    return box


def _proxy(model: QAbstractItemModel, column: int) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setAutoAcceptChildRows(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(column)
    return proxy


FILTER_DELAY_MS = 150  # the Documents filter runs this long after the last keystroke (Enter: at once)
EXPAND_ROWS = 400  # groups are opened until this many rows show; a larger list keeps its later groups closed
SIZE_SAMPLE = 400  # rows measured to size the columns (not every row of a 5,000-document project)


class DocumentsPanel(QWidget):
    document_activated = Signal(int)

    def __init__(self, model: DocumentsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        # The model filters itself (DocumentsModel.set_filter, on a precomputed key per document); the proxy
        # only passes rows through (an identity proxy: no mapping to build), so index mapping stays as it was.
        self.proxy = QIdentityProxyModel(self)
        self.proxy.setSourceModel(model)
        self._current: int | None = None
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter = _filter_box(translate("DocumentsPanel", "Filter documents, cases, attributes…"))
        self.group_by = QComboBox()
        self.group_by.addItem(translate("DocumentsPanel", "By case"), "case")
        self.group_by.addItem(translate("DocumentsPanel", "By document group"), "group")
        self.group_by.addItem(translate("DocumentsPanel", "No grouping"), "none")
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        # On each repaint after the selection changed, the header asks whether every column is wholly selected;
        # Qt skips unselectable rows one by one to answer, so 5,500 case groups cost 80,000 calls into Python per
        # repaint. The header gets a selection model of its own that never selects anything: it shows no column
        # as selected (it never did) and asks nothing.
        self.tree.header().setSelectionModel(QItemSelectionModel(self.proxy, self))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        # Several documents may be selected at once (for document groups); a click still opens one.
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.header().setStretchLastSection(False)
        self.tree.setSortingEnabled(False)
        # Each coder's progress through their assigned documents; shown (with the Status column) once any exist.
        self.progress = QLabel()
        self.progress.setObjectName("assignmentProgress")
        self.progress.setTextFormat(Qt.TextFormat.RichText)
        self.progress.setWordWrap(True)
        self.progress.setContentsMargins(8, 0, 8, 0)
        self.progress.hide()
        self._status_shown = False
        self.tree.setColumnHidden(DocumentsModel.STATUS, True)
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        top.addWidget(self.filter, 1)
        top.addWidget(self.group_by)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.tree, 1)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.apply_filter)
        self.group_by.currentIndexChanged.connect(lambda _i: self.regroup())
        self.tree.activated.connect(self._activated)
        self.tree.clicked.connect(self._activated)

    def _filter(self, _text: str) -> None:
        """A keystroke: (re)start the wait; the filter runs once typing pauses."""
        self._filter_timer.start()

    def apply_filter(self) -> None:
        """Filter now (the timer ran out, or Enter): one pass over the model's search keys."""
        self._filter_timer.stop()
        if self.filter.text().casefold() == self.model.filter_text:
            return
        if self.model.set_filter(self.filter.text()):
            self._expand()
            self.mark_current(self._current)

    def regroup(self) -> None:
        self.model.set_group_mode(str(self.group_by.currentData()))
        self.after_reload()

    def after_reload(self) -> None:
        self._expand()
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._size_columns()  # once per reload, not on every count change
        self.tree.setColumnHidden(DocumentsModel.STATUS, not self._status_shown)

    def _expand(self) -> None:
        """Open the groups from the top until EXPAND_ROWS rows show (all of them in a smaller list): expanding
        5,000 groups of a large project costs the GUI thread far more than the few screens anyone sees."""
        if self.model.group_mode == "none":
            return
        shown, groups = 0, self.model.root.children
        if len(groups) + sum(len(group.children) for group in groups) <= EXPAND_ROWS * 2:
            self.tree.expandAll()
            return
        for group in groups:
            if shown >= EXPAND_ROWS:
                break
            self.tree.setExpanded(self.proxy.mapFromSource(self.model.index_of(group)), True)
            shown += 1 + len(group.children)

    def _size_columns(self) -> None:
        """Column widths from the font and a sample of the rows (resizeColumnToContents reads every row)."""
        metrics = QFontMetrics(self.tree.font())
        bold = self.tree.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        header_metrics = QFontMetrics(self.tree.header().font())
        sample = self.model.rows[:SIZE_SAMPLE]
        groups = [group.payload for group in self.model.root.children[:SIZE_SAMPLE]]
        padding = 2 * self.tree.style().pixelMetric(self.tree.style().PixelMetric.PM_FocusFrameHMargin) + 12
        for column in range(self.model.columnCount()):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            width = header_metrics.horizontalAdvance(texts[0]) + 24  # room for the sort/section margins
            if column == DocumentsModel.NAME:
                indent = self.tree.indentation() * (0 if self.model.group_mode == "none" else 1) + 22  # + the dot
                width = max([width, *(metrics.horizontalAdvance(row.name) + indent for row in sample),
                             *(bold_metrics.horizontalAdvance(getattr(g, "name", "")) + 20 for g in groups)])
                self.tree.header().resizeSection(column, min(max(width + padding, 150), 260))
                continue
            values = [self._cell_text(row, column) for row in sample]
            width = max([width, *(metrics.horizontalAdvance(text) + padding for text in values)])
            if column == DocumentsModel.STATUS:
                width = max(width, metrics.horizontalAdvance("in progress") + padding + 18)  # + the icon
            self.tree.header().resizeSection(column, width)

    def _cell_text(self, row: DocumentRow, column: int) -> str:
        if column == DocumentsModel.MINE:
            return str(row.my_codings) if row.my_codings else "–"
        if column == DocumentsModel.WORDS:
            return f"{row.words:,}"
        if column == DocumentsModel.LANGUAGE:
            return row.language
        if column >= len(DocumentsModel.FIXED_HEADERS):
            return row.attributes.get(self.model.attributes[column - len(DocumentsModel.FIXED_HEADERS)], "")
        return ""

    def show_progress(self, rows: Sequence[CoderProgress], current_coder: str) -> None:
        """Show "Lin 12/55 done · Morgan 9/55 done" above the list (you in bold), and the Status column, once anyone
        has assigned documents. Counts only: blind coding shows no one else's codings."""
        given = [row for row in rows if row.total]
        if bool(given) != self._status_shown:
            self._status_shown = bool(given)
            self.tree.setColumnHidden(DocumentsModel.STATUS, not given)
        if not given:
            self.progress.clear()
            self.progress.hide()
            return
        parts = []
        for row in given:
            name = html.escape(row.coder)
            parts.append(translate("DocumentsPanel", "{coder} {done}/{total} done").format(
                coder=f"<b>{name}</b>" if row.coder == current_coder else name, done=row.done, total=row.total))
        self.progress.setText(" · ".join(parts))
        self.progress.setToolTip("\n".join(
            translate("DocumentsPanel", "{coder}: {done} done, {in_progress} in progress, {assigned} not started "
                      "({total} of {documents} documents assigned)").format(
                coder=row.coder, done=row.done, in_progress=row.in_progress, assigned=row.assigned, total=row.total,
                documents=row.documents)
            for row in given
        ))
        self.progress.show()

    def _activated(self, proxy_index: QModelIndex) -> None:
        row = self.model.document(self.proxy.mapToSource(proxy_index))
        if row is not None:
            self.document_activated.emit(row.id)

    def selected_documents(self) -> list[DocumentRow]:
        """The selected documents, each once (a document in two groups is listed under both)."""
        found: dict[int, DocumentRow] = {}
        for proxy_index in self.tree.selectionModel().selectedRows():
            row = self.model.document(self.proxy.mapToSource(proxy_index))
            if row is not None:
                found.setdefault(row.id, row)
        return list(found.values())

    def mark_current(self, document_id: int | None) -> None:
        self._current = document_id
        if document_id is None:
            self.tree.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index_of_document(document_id))
        if index.isValid():
            # Scroll only when the row is not on screen: Qt's scroll-to lays out every row above it (5,500 case
            # groups at 100x), which the first document, at the top, never needs.
            visible = self.tree.viewport().rect().intersects(self.tree.visualRect(index))
            self.tree.setAutoScroll(not visible)
            try:
                self.tree.setCurrentIndex(index)
            finally:
                self.tree.setAutoScroll(True)


class CodebookPanel(QWidget):
    """Codebook tree with a filter box, an Apply button and the definition of the selected code."""

    code_selected = Signal(object)  # CodeNode | None
    apply_clicked = Signal()

    def __init__(self, model: CodebookModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._shown: CodeNode | None = None
        self.proxy = _proxy(model, CodebookModel.NAME)
        self.proxy.setFilterRole(CODE_SEARCH_ROLE)  # in a Chinese interface: the Chinese and the English names
        self.filter = _filter_box(translate("CodebookPanel", "Filter codes…"))
        self.apply_button = QPushButton(translate("CodebookPanel", "Apply"))
        self.apply_button.setToolTip(
            translate("CodebookPanel", "Apply the selected code to the selected passage (or double-click the code)"))
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CodebookModel.NAME, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: ResizeToContents would measure every row on each count change.
        for column, width in ((CodebookModel.KEY, 46), (CodebookModel.MINE, 48), (CodebookModel.ALL, 40)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.definition = QTextBrowser()
        self.definition.setObjectName("definitionPane")
        self.definition.setOpenExternalLinks(False)
        self.definition.setPlaceholderText(
            translate("CodebookPanel", "Select a code to read its definition, rules and example."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.definition)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        top.addWidget(self.filter, 1)
        top.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.filter.textChanged.connect(self._filter)
        self.apply_button.clicked.connect(self.apply_clicked)
        self.tree.selectionModel().currentChanged.connect(lambda current, _prev: self._current_changed(current))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def current_node(self) -> CodeNode | None:
        return self.model.node(self.proxy.mapToSource(self.tree.currentIndex()))

    def select_code(self, code_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of_code(code_id))
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _current_changed(self, proxy_index: QModelIndex) -> None:
        node = self.model.node(self.proxy.mapToSource(proxy_index))
        self.show_definition(node)
        self.code_selected.emit(node)

    def show_definition(self, node: CodeNode | None) -> None:
        if node is None:
            self._shown = None
            self.definition.clear()
            return
        if node == self._shown:
            return  # the same code, unchanged: no re-render (counts live in the tree, not here)
        self._shown = node
        info: CodeInfo | None = self.model.infos.get(node.id)
        parts = [self._heading_html(node), self._place_html(node)]
        for title, text, example in self._sections(node):
            if text.strip():
                body = html.escape(text).replace("\n", "<br>")
                if example:
                    body = f"<i>{body}</i>"
                parts.append(f"<p><b>{title}</b><br>{body}</p>")
        if info is not None and not any(t.strip() for t in (node.definition, node.include_rule, node.example)):
            parts.append("<p><i>" + translate("CodebookPanel", "No definition yet: Codebook › Edit definition…")
                         + "</i></p>")
        self.definition.setHtml("".join(parts))

    @staticmethod
    def _heading_html(node: CodeNode) -> str:
        """The code's shown name, and its name in the other language beside it (Chinese in an English interface,
        English in a Chinese one)."""
        name = shown_name(node)
        other = node.name_zh if name == node.name else node.name
        beside = f" <span style='font-weight:normal'>· {html.escape(other)}</span>" if other else ""
        return (f"<h3 style='margin-bottom:2px'><span style='color:{node.colour}'>■</span> {html.escape(name)}"
                f"{beside}</h3>")

    def _place_html(self, node: CodeNode) -> str:
        """Where the code sits, its level, key and whether it is a category."""
        place = [html.escape(shown_path(node, self.model.infos, " › ")),
                 translate("CodebookPanel", "level {level}").format(level=node.level)]
        if node.shortcut:
            place.append(translate("CodebookPanel", "shortcut {key}").format(key=html.escape(node.shortcut)))
        if not node.is_codable:
            place.append(translate("CodebookPanel", "category (not applied to text)"))
        return f"<p style='margin-top:0'><small>{' · '.join(place)}</small></p>"

    @staticmethod
    def _sections(node: CodeNode) -> list[tuple[str, str, bool]]:
        """(title, text, is the example) of each part of the definition, the interface language's first."""
        if chinese_interface():
            definitions = [("定义", node.definition_zh),
                           (translate("CodebookPanel", "Definition (English)"), node.definition)]
        else:
            definitions = [(translate("CodebookPanel", "Definition"), node.definition), ("定义", node.definition_zh)]
        return [
            *((title, text, False) for title, text in definitions),
            (translate("CodebookPanel", "Use when"), node.include_rule, False),
            (translate("CodebookPanel", "Do not use when"), node.exclude_rule, False),
            (translate("CodebookPanel", "Example"), node.example, True),
        ]


class SegmentsPanel(QWidget):
    """Coded passages of the open document or of the selected code; a click jumps to the passage."""

    scope_changed = Signal(str)
    segment_clicked = Signal(object)  # SegmentRow

    def __init__(self, model: SegmentsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.scope = QComboBox()
        self.scope.addItem(translate("SegmentsPanel", "This document"), "document")
        self.scope.addItem(translate("SegmentsPanel", "Selected code, all documents"), "code")
        self.scope.addItem(translate("SegmentsPanel", "Selected code and subcodes"), "subtree")
        self.count = QLabel()
        self.count.setObjectName("hint")
        # A fixed width: a count that grows by a digit must not relayout (and repaint) the whole window.
        self.count.setFixedWidth(300)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SegmentsModel.PASSAGE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        top = QHBoxLayout()
        top.setContentsMargins(6, 6, 6, 0)
        top.addWidget(QLabel(translate("SegmentsPanel", "Show:")))
        top.addWidget(self.scope)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.scope.currentIndexChanged.connect(lambda _i: self.scope_changed.emit(self.current_scope()))
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)

    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def after_reload(self, label: str) -> None:
        self.count.setText(label)
        for column, width in ((SegmentsModel.CODE, 170), (SegmentsModel.CODER, 90), (SegmentsModel.DOCUMENT, 170),
                              (SegmentsModel.MEMO, 160)):
            if self.table.columnWidth(column) < 40 or not self.table.property("sized"):
                self.table.setColumnWidth(column, width)
        self.table.setProperty("sized", True)
        self.table.setColumnHidden(SegmentsModel.DOCUMENT, self.current_scope() == "document")

    def selected_segments(self) -> list[SegmentRow]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        found = (self.model.segment(row) for row in rows)
        return [segment for segment in found if segment is not None]

    def _clicked(self, index: QModelIndex) -> None:
        row = self.model.segment(index.row())
        if row is not None:
            self.segment_clicked.emit(row)


__all__ = ["CodebookPanel", "DocumentsPanel", "SegmentsPanel"]
