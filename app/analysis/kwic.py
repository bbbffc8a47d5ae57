"""Text search with keyword-in-context rows: left context right-aligned against the keyword, right context after.

"Code all hits…" applies one code to every hit as a single undoable step (``CodeHitsCommand``).
Sorting on the left-context column orders rows by the words just before the keyword, as
concordancers do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from app import dialogs
from app.analysis.base import AnalysisView
from app.analysis.commands import CodeHitsCommand
from app.analysis.common import SORT_ROLE, FilterBar, combo, labelled, option_bar, translated_items
from app.analysis.delegates import ElideLeftDelegate
from app.code_names import shown_name
from coding.i18n import QT_TRANSLATE_NOOP
from coding.analysis.filters import SegmentFilter
from coding.analysis.search import Hit, search_text

if TYPE_CHECKING:
    from app.analysis.common import Work, WorkFor
    from app.analysis.controller import AnalysisController
    from coding.progress import Cancel, Progress
    from coding.project import Project

MAX_HITS = 20_000
MODES = ((QT_TRANSLATE_NOOP("KwicView", "Word"), "word"), (QT_TRANSLATE_NOOP("KwicView", "Phrase"), "phrase"),
         (QT_TRANSLATE_NOOP("KwicView", "Regular expression"), "regex"),
         (QT_TRANSLATE_NOOP("KwicView", "Lemma (all forms)"), "lemma"))
MODE_TIPS = QT_TRANSLATE_NOOP(
    "KwicView",
    "word: the word on its own, not inside a longer word (Chinese: a jieba word)\n"
    "phrase: these words in this order\n"
    "regular expression: a Python pattern\n"
    "lemma: every form of an English word (decide → decided, decides, deciding)"
)


@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: str
    hits: list[Hit]
    truncated: bool


def run_search(query: str, mode: str, context: int, unit: str, case_sensitive: bool,
               scope: SegmentFilter) -> WorkFor[SearchResult]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> SearchResult:
        with project.session() as session:
            hits = search_text(session, query, mode=mode, context=context, unit=unit, case_sensitive=case_sensitive,
                               scope=scope, limit=MAX_HITS, cancel=cancelled)
        return SearchResult(query, mode, hits, len(hits) >= MAX_HITS)

    return work


def _flat(text: str) -> str:
    return " ".join(text.split())


class KwicModel(QAbstractTableModel):
    LEFT, KEYWORD, RIGHT, DOCUMENT, SPEAKER = range(5)
    HEADERS = (QT_TRANSLATE_NOOP("KwicView", "Left context"), QT_TRANSLATE_NOOP("KwicView", "Keyword"),
               QT_TRANSLATE_NOOP("KwicView", "Right context"), QT_TRANSLATE_NOOP("KwicView", "Document"),
               QT_TRANSLATE_NOOP("KwicView", "Speaker"))  # shown through translate("KwicView", …)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.bold = QFont()
        self.bold.setBold(True)

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("KwicView", self.HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == self.LEFT:
            return QCoreApplication.translate("KwicView", "Sorts by the words nearest the keyword")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (_flat(hit.left), hit.match, _flat(hit.right), hit.document, hit.speaker)[column]
        if role == SORT_ROLE:
            if column == self.LEFT:  # nearest word first
                return " ".join(reversed(_flat(hit.left).casefold().split()))
            if column == self.DOCUMENT:
                return f"{hit.document.casefold()}\x00{hit.start:012d}"
            return ((_flat(hit.left), hit.match, _flat(hit.right), hit.document, hit.speaker)[column]).casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.LEFT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == self.KEYWORD:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == self.KEYWORD:
            return self.bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return (QCoreApplication.translate("KwicView", "{document}, characters {start}–{end}")
                    .format(document=hit.document, start=hit.start, end=hit.end)
                    + f"{' — ' + hit.speaker if hit.speaker else ''}\n\n…{hit.left}{hit.match}{hit.right}…\n\n"
                    + QCoreApplication.translate("KwicView", "Double-click to read it in the transcript."))
        return None


class KwicView(AnalysisView):
    title = QT_TRANSLATE_NOOP("AnalysisViews", "Text search")
    depends_on = ("documents", "cases", "attributes", "groups")

    def __init__(self, controller: AnalysisController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText(QCoreApplication.translate(
            "KwicView", "Search the transcripts: a word, a phrase, or a pattern…"))
        self.query.setClearButtonEnabled(True)
        self.query.setMinimumWidth(320)
        self.mode = combo(translated_items("KwicView", MODES), "word", QCoreApplication.translate("KwicView", MODE_TIPS))
        self.context = QSpinBox()
        self.context.setRange(0, 2000)
        self.context.setValue(10)
        self.context.setToolTip(QCoreApplication.translate("KwicView", "How much text to show on each side of the keyword"))
        self.unit = combo(((QCoreApplication.translate("KwicView", "words"), "words"),
                           (QCoreApplication.translate("KwicView", "characters"), "chars")), "words")
        self.case_sensitive = QCheckBox(QCoreApplication.translate("KwicView", "Match case"))
        self.search_button = QPushButton(QCoreApplication.translate("KwicView", "Search"))
        self.search_button.setObjectName("primaryButton")
        self.search_button.setDefault(True)
        self.scope = FilterBar(coders=False)
        self.code_button = QPushButton(QCoreApplication.translate("KwicView", "Code all hits…"))
        self.code_button.setToolTip(QCoreApplication.translate("KwicView", "Apply one code to every hit, as one step you can undo"))
        self.code_button.setEnabled(False)
        self.model = KwicModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setItemDelegateForColumn(KwicModel.LEFT, ElideLeftDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(KwicModel.LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KwicModel.RIGHT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((KwicModel.KEYWORD, 150), (KwicModel.DOCUMENT, 210), (KwicModel.SPEAKER, 90)):
            header.resizeSection(column, width)
        self.layout_.addLayout(option_bar(self.query, labelled(QCoreApplication.translate("KwicView", "Match"), self.mode),
                                          labelled(QCoreApplication.translate("KwicView", "Context"), self.context),
                                          self.unit, self.case_sensitive, self.search_button))
        self.layout_.addWidget(self.scope)
        self.layout_.addLayout(self.status_row(self.code_button))
        self.layout_.addWidget(self.table, 1)
        self.query.returnPressed.connect(self.refresh)
        self.search_button.clicked.connect(self.refresh)
        self.mode.currentIndexChanged.connect(lambda _i: self._rerun())
        self.unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        self.context.valueChanged.connect(lambda _v: self._rerun())
        self.case_sensitive.toggled.connect(lambda _on: self._rerun())
        self.scope.changed.connect(self._rerun)
        self.code_button.clicked.connect(lambda: self.code_all_hits())
        self.table.doubleClicked.connect(self.open_hit)
        self.status.setText(QCoreApplication.translate("KwicView", "Type a word or phrase and press Enter."))
        self.reload_choices()

    def reload_choices(self) -> None:
        self.scope.set_choices(self.controller.choices(), None)

    def _unit_changed(self) -> None:
        """Switching between words and characters keeps about the same amount of context."""
        words = self.unit.currentData() == "words"
        self.context.blockSignals(True)
        self.context.setValue(max(1, round(self.context.value() / 6)) if words else self.context.value() * 6)
        self.context.blockSignals(False)
        self._rerun()

    def _rerun(self) -> None:
        if self.query.text().strip():
            self.schedule_refresh(300)

    def search(self, query: str, mode: str = "word") -> None:
        """Run a search as if typed (used by tests and by other views)."""
        self.query.setText(query)
        self.mode.blockSignals(True)
        self.mode.setCurrentIndex(max(self.mode.findData(mode), 0))
        self.mode.blockSignals(False)
        self.refresh()

    def work(self) -> Work | None:
        query = self.query.text().strip()
        if not query:
            self.model.set_hits([])
            self.result = None
            self.code_button.setEnabled(False)
            self.status.setText(QCoreApplication.translate("KwicView", "Type a word or phrase and press Enter."))
            return None
        return run_search(query, str(self.mode.currentData()), self.context.value(), str(self.unit.currentData()),
                          self.case_sensitive.isChecked(), self.scope.scope())

    def show_result(self, result: SearchResult) -> None:
        self.model.set_hits(result.hits)
        count = len(result.hits)
        documents = len({h.document_id for h in result.hits})
        self.status.setText(self._hits_text(result, count, documents))
        self.code_button.setEnabled(count > 0)
        self.table.resizeColumnToContents(KwicModel.KEYWORD)
        header = self.table.horizontalHeader()
        header.resizeSection(KwicModel.KEYWORD, min(max(header.sectionSize(KwicModel.KEYWORD), 70), 240))

    @staticmethod
    def _hits_text(result: SearchResult, count: int, documents: int) -> str:
        if not count:
            return QCoreApplication.translate("KwicView", "No hits for “{query}”.").format(query=result.query)
        shown = (QCoreApplication.translate("KwicView", "the first {count} hits").format(count=f"{count:,}")
                 if result.truncated else
                 QCoreApplication.translate("KwicView", "%Ln hit(s)", None, count))
        in_documents = QCoreApplication.translate("KwicView", "%Ln document(s)", None, documents)
        text = QCoreApplication.translate("KwicView", "{hits} of “{query}” in {documents}").format(
            hits=shown, query=result.query, documents=in_documents)
        return text[0].upper() + text[1:]

    def open_hit(self, index: QModelIndex) -> None:
        hit = self.model.hit(self.proxy.mapToSource(index).row())
        if hit is not None:
            self.controller.jump_to(hit)

    def code_all_hits(self, code_id: int | None = None) -> bool:
        """Ask for a code (unless given) and apply it to every hit: one undoable step."""
        result: SearchResult | None = self.result
        if result is None or not result.hits:
            return False
        choices = self.controller.choices()
        if code_id is None:
            options = [(c, choices.labels.path_by_id(c, choices.tree.codes[c].path))
                       for c in choices.codes_in_order() if c in choices.codable]
            code_id = dialogs.choose_code(
                self, QCoreApplication.translate("KwicView", "Code all hits"),
                QCoreApplication.translate("KwicView", "Apply a code to all {count} hits of “{query}”, as {coder}:")
                .format(count=f"{len(result.hits):,}", query=result.query, coder=self.bench.coder_name),
                options)
            if code_id is None:
                return False
        info = choices.tree.codes.get(code_id)
        if info is None:
            dialogs.show_error(self, QCoreApplication.translate("KwicView", "That code is no longer in the codebook."))
            return False
        command = CodeHitsCommand(self.bench, result.hits, info.uuid, shown_name(info), result.query)
        if not self.bench.execute(command):
            return False
        skipped = QCoreApplication.translate("KwicView", " ({count} already had it)").format(
            count=f"{command.skipped:,}") if command.skipped else ""
        self.status.setText(QCoreApplication.translate("KwicView", "Coded {count} hits as '{code}'{skipped}. Undo with Ctrl+Z.")
                            .format(count=f"{len(command.created):,}", code=shown_name(info), skipped=skipped))
        return True


__all__ = ["MAX_HITS", "KwicModel", "KwicView", "SearchResult", "run_search"]
