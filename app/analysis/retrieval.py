"""Retrieve coded segments: filters on top, the passages below in their sentences; double-click to read one
in the transcript.

The worker finds the ids of every matching coding (document order) and the details of the first
page; the table fetches further pages as it is scrolled, so a million codings cost nothing up front.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPushButton, QTableView, QWidget

from app.analysis.base import AnalysisView
from app.analysis.common import PAYLOAD_ROLE, FilterBar
from app.analysis.delegates import PassageDelegate
from app.code_labels import CodeLabels
from app.itemmodels.codebook_model import swatch
from coding.i18n import QT_TRANSLATE_NOOP
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, filter_sql, raw_connection
from coding.analysis.quotes import one_line
from coding.analysis.retrieval import Segment, pooled_page, segment_ids, segments_for_ids

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

PAGE = 300


@dataclass(frozen=True)
class Retrieved:
    ids: list[int]
    first: list[Segment]
    documents: int
    spans: dict[int, tuple[int, int, tuple[int, ...]]] | None = None  # pooled passages' spans and coders


def retrieve(flt: SegmentFilter) -> WorkFor[Retrieved]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> Retrieved:
        with project.session() as session:
            pooled = pooled_page(session, flt)
            ids = pooled.ids if pooled is not None else segment_ids(session, flt)
            spans = pooled.spans if pooled is not None else None
            tree = CodeTree.load(session)
            first = segments_for_ids(session, ids[:PAGE], tree=tree, spans=spans)
            where, params = filter_sql(session, flt)
            documents = raw_connection(session).execute(
                f"SELECT count(DISTINCT c.document_id) FROM codings c WHERE {where}", params).fetchone()[0]
        return Retrieved(ids, first, int(documents), spans)

    return work


class SegmentTableModel(QAbstractTableModel):
    """Coded segments, loaded page by page from a list of coding ids."""

    CODE, PASSAGE, SPEAKER, DOCUMENT, CASE, CODER, MEMO = range(7)
    HEADERS = (QT_TRANSLATE_NOOP("SegmentTable", "Code"), QT_TRANSLATE_NOOP("SegmentTable", "Passage in its sentence"),
               QT_TRANSLATE_NOOP("SegmentTable", "Speaker"), QT_TRANSLATE_NOOP("SegmentTable", "Document"),
               QT_TRANSLATE_NOOP("SegmentTable", "Case"), QT_TRANSLATE_NOOP("SegmentTable", "Coder"),
               QT_TRANSLATE_NOOP("SegmentTable", "Memo"))  # shown through translate("SegmentTable", …)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ids: list[int] = []
        self.consumed = 0
        self.segments: list[Segment] = []
        self.colours: dict[int, str] = {}
        self.labels = CodeLabels()  # the codebook's names (Chinese in a Chinese interface), set with the rows
        self.loader: Callable[[list[int]], list[Segment]] | None = None
        self._icons: dict[str, QIcon] = {}

    def reset(self, ids: list[int], first: list[Segment], colours: dict[int, str],
              loader: Callable[[list[int]], list[Segment]] | None) -> None:
        self.beginResetModel()
        self.ids, self.segments, self.colours, self.loader = ids, list(first), colours, loader
        self.consumed = min(len(ids), PAGE)
        self.endResetModel()

    def segment(self, row: int) -> Segment | None:
        return self.segments[row] if 0 <= row < len(self.segments) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.segments)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.loader is not None and self.consumed < len(self.ids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore() or self.loader is None:
            return
        batch = self.ids[self.consumed:self.consumed + PAGE]
        self.consumed += len(batch)
        found = self.loader(batch)  # codings deleted since the search are simply missing
        if found:
            self.beginInsertRows(QModelIndex(), len(self.segments), len(self.segments) + len(found) - 1)
            self.segments.extend(found)
            self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SegmentTable", self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        segment = self.segment(index.row()) if index.isValid() else None
        if segment is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(segment, column)
        if role == PAYLOAD_ROLE and column == self.PASSAGE:
            offset = segment.start - segment.context_start
            return (segment.context, offset, offset + (segment.end - segment.start),
                    self.colours.get(segment.code_id, "#9e9e9e"))
        if role == Qt.ItemDataRole.DecorationRole and column == self.CODE:
            colour = self.colours.get(segment.code_id, "#9e9e9e")
            return self._icons.setdefault(colour, swatch(colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(segment)
        return None

    def _text(self, segment: Segment, column: int) -> str:
        if column == self.CODE:
            return self.labels.name_by_id(segment.code_id, segment.code_name)
        if column == self.PASSAGE:
            return one_line(segment.context)  # the passage as written (copy, accessibility), breaks marked
        if column == self.SPEAKER:
            return segment.speaker
        if column == self.DOCUMENT:
            return segment.document
        if column == self.CASE:
            return segment.case or ""
        if column == self.CODER:
            return segment.coder + (QCoreApplication.translate("SegmentTable", " (consensus)") if segment.consensus else "")
        return " ".join(segment.memo.split())

    @staticmethod
    def _tooltip(segment: Segment) -> str:
        where = QCoreApplication.translate("SegmentTable", "{document}, characters {start}–{end}").format(
            document=segment.document, start=segment.start, end=segment.end)
        if segment.turn is not None:
            where += QCoreApplication.translate("SegmentTable", ", turn {turn}").format(turn=segment.turn + 1)
        memo = QCoreApplication.translate("SegmentTable", "\n\nMemo: {memo}").format(memo=segment.memo) if segment.memo else ""
        speaker = segment.speaker or QCoreApplication.translate("SegmentTable", "Unknown speaker")
        coded_by = QCoreApplication.translate("SegmentTable", "Coded by {coder}").format(coder=segment.coder)
        return (f"{segment.code.replace('/', ' › ')}\n{speaker} — {where}\n"
                f"{coded_by}\n\n{segment.text[:1200]}{memo}\n\n"
                + QCoreApplication.translate("SegmentTable", "Double-click to read it in the transcript."))


def segment_table(model: QAbstractTableModel, parent: QWidget | None = None) -> QTableView:
    """A table of passages: wrapped passage column, fixed row height, double-click to open."""
    table = QTableView(parent)
    table.setModel(model)
    table.setItemDelegateForColumn(SegmentTableModel.PASSAGE, PassageDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() * 3 + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(SegmentTableModel.PASSAGE, QHeaderView.ResizeMode.Stretch)
    for column, width in ((SegmentTableModel.CODE, 190), (SegmentTableModel.SPEAKER, 90),
                          (SegmentTableModel.DOCUMENT, 190), (SegmentTableModel.CASE, 60),
                          (SegmentTableModel.CODER, 80), (SegmentTableModel.MEMO, 140)):
        header.resizeSection(column, width)
    header.setHighlightSections(False)
    return table


class RetrievalView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Retrieve segments")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.filters = FilterBar(codes=True)
        self.model = SegmentTableModel(self)
        self.table = segment_table(self.model, self)
        self.export_button = QPushButton(QCoreApplication.translate("RetrievalView", "Export segments…"))
        self.export_button.setToolTip(QCoreApplication.translate(
            "RetrievalView", "Write every segment these filters find to Excel or CSV"))
        self.layout_.addWidget(self.filters)
        self.layout_.addLayout(self.status_row(self.export_button))
        self.layout_.addWidget(self.table, 1)
        self.filters.changed.connect(lambda: self.schedule_refresh(150))
        self.table.doubleClicked.connect(self.open_passage)
        self.export_button.clicked.connect(lambda: controller.exports.export_segments(self.filters.segment_filter()))
        self.reload_choices()

    def reload_choices(self) -> None:
        self.filters.set_choices(self.controller.choices(), self.controller.blind_coder())

    def work(self) -> Work | None:
        return retrieve(self.filters.segment_filter())

    def show_result(self, result: Retrieved) -> None:
        tree_colours = {code_id: info.colour for code_id, info in self.controller.choices().tree.codes.items()}
        self.model.labels = self.controller.choices().labels
        self.model.reset(result.ids, result.first, tree_colours, self._load)
        count = len(result.ids)
        segments = QCoreApplication.translate("RetrievalView", "%Ln coded segment(s)", None, count)
        n_documents = result.documents  # a plain name: lupdate misses a plural call whose count is an expression
        documents = QCoreApplication.translate("RetrievalView", "%Ln document(s)", None, n_documents)
        self.status.setText(
            QCoreApplication.translate("RetrievalView", "{segments} in {documents}").format(
                segments=segments, documents=documents)
            + (QCoreApplication.translate("RetrievalView", " — double-click one to read it in the transcript")
               if count else ""))
        self.export_button.setEnabled(count > 0)

    def _load(self, ids: list[int]) -> list[Segment]:
        with self.bench.project.session() as session:
            spans = self.result.spans if isinstance(self.result, Retrieved) else None
            return segments_for_ids(session, ids, tree=self.controller.choices().tree, spans=spans)

    def open_passage(self, index: QModelIndex) -> None:
        segment = self.model.segment(index.row())
        if segment is not None:
            self.controller.jump_to(segment)


__all__ = ["RetrievalView", "Retrieved", "SegmentTableModel", "retrieve", "segment_table"]
