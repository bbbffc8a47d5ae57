"""The audit trail in the desktop app: Project → **Audit trail…** opens a window listing who changed what, when.

* a lazy table (``AuditTableModel``: Qt's ``canFetchMore``/``fetchMore``) that reads one page of events at a time
  in a worker thread, newest first, so a project with a million events opens as fast as one with ten;
* filters by person, kind of thing, action, text and date range (the same ``AuditFilter`` as ``concord audit``);
* the selected event's values before and after, side by side, with names in place of ids;
* **Verify chain** walks the hash chain in a worker and says plainly whether it is intact or where it breaks;
* **Export CSV…** writes the filtered events (UTF-8 with a BOM, so Excel shows Chinese).

Nothing here writes to the project. Reads run through ``app.workers`` on their own connection; the file dialog
is this module's ``save_path`` and messages go through ``app.dialogs``, so tests drive it without modal dialogs.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app import dialogs, workers
from app.operations import Operation
from coding.audit import (
    AuditFacets,
    AuditFilter,
    AuditNames,
    AuditRow,
    AuditVerification,
    audit_facets,
    change_table,
    export_events_csv,
    list_events,
    verify_chain,
)
from coding.export.common import ExportResult
from coding.i18n import QT_TRANSLATE_NOOP
from coding.progress import Cancel, Progress
from coding.project import Project

if TYPE_CHECKING:
    from app.main import MainWindow

ATTRIBUTE = "audit_tools"
PAGE_SIZE = 500
translate = QCoreApplication.translate  # the name lupdate extracts
CSV_FILTER = QT_TRANSLATE_NOOP("audit_viewer", "CSV, UTF-8 for Excel (*.csv)")
# The audit trail stores actions and kinds of thing as keys ("apply_code", "machine_model"); people read them as
# words in the interface language (English as before: an action with spaces for underscores, a kind as stored).
# A key not listed here is shown as in English.
ACTION_LABELS = {
    "accept": QT_TRANSLATE_NOOP("audit_action", "accept"),
    "add": QT_TRANSLATE_NOOP("audit_action", "add"),
    "add-documents": QT_TRANSLATE_NOOP("audit_action", "add-documents"),
    "add_memo": QT_TRANSLATE_NOOP("audit_action", "add memo"),
    "apply_code": QT_TRANSLATE_NOOP("audit_action", "apply code"),
    "change_coding_code": QT_TRANSLATE_NOOP("audit_action", "change coding code"),
    "decide": QT_TRANSLATE_NOOP("audit_action", "decide"),
    "delete": QT_TRANSLATE_NOOP("audit_action", "delete"),
    "delete_memo": QT_TRANSLATE_NOOP("audit_action", "delete memo"),
    "edit_memo": QT_TRANSLATE_NOOP("audit_action", "edit memo"),
    "import": QT_TRANSLATE_NOOP("audit_action", "import"),
    "import-add": QT_TRANSLATE_NOOP("audit_action", "import-add"),
    "import-reorder": QT_TRANSLATE_NOOP("audit_action", "import-reorder"),
    "import-update": QT_TRANSLATE_NOOP("audit_action", "import-update"),
    "make_copy": QT_TRANSLATE_NOOP("audit_action", "make copy"),
    "merge": QT_TRANSLATE_NOOP("audit_action", "merge"),
    "metadata-to-attributes": QT_TRANSLATE_NOOP("audit_action", "metadata-to-attributes"),
    "move": QT_TRANSLATE_NOOP("audit_action", "move"),
    "push": QT_TRANSLATE_NOOP("audit_action", "push"),
    "redo_merge": QT_TRANSLATE_NOOP("audit_action", "redo merge"),
    "refi-import": QT_TRANSLATE_NOOP("audit_action", "refi-import"),
    "reject": QT_TRANSLATE_NOOP("audit_action", "reject"),
    "remove": QT_TRANSLATE_NOOP("audit_action", "remove"),
    "remove-documents": QT_TRANSLATE_NOOP("audit_action", "remove-documents"),
    "remove_coding": QT_TRANSLATE_NOOP("audit_action", "remove coding"),
    "rename": QT_TRANSLATE_NOOP("audit_action", "rename"),
    "resize_coding": QT_TRANSLATE_NOOP("audit_action", "resize coding"),
    "restore": QT_TRANSLATE_NOOP("audit_action", "restore"),
    "restore_coding": QT_TRANSLATE_NOOP("audit_action", "restore coding"),
    "restore_memo": QT_TRANSLATE_NOOP("audit_action", "restore memo"),
    "set-value": QT_TRANSLATE_NOOP("audit_action", "set-value"),
    "set_blind": QT_TRANSLATE_NOOP("audit_action", "set blind"),
    "set_cell_summary": QT_TRANSLATE_NOOP("audit_action", "set cell summary"),
    "set_coding_memo": QT_TRANSLATE_NOOP("audit_action", "set coding memo"),
    "set_project_uuid": QT_TRANSLATE_NOOP("audit_action", "set project uuid"),
    "set_slot": QT_TRANSLATE_NOOP("audit_action", "set slot"),
    "setup_roles": QT_TRANSLATE_NOOP("audit_action", "setup roles"),
    "snapshot": QT_TRANSLATE_NOOP("audit_action", "snapshot"),
    "store": QT_TRANSLATE_NOOP("audit_action", "store"),
    "suggest": QT_TRANSLATE_NOOP("audit_action", "suggest"),
    "train": QT_TRANSLATE_NOOP("audit_action", "train"),
    "undo-metadata-to-attributes": QT_TRANSLATE_NOOP("audit_action", "undo-metadata-to-attributes"),
    "undo_decision": QT_TRANSLATE_NOOP("audit_action", "undo decision"),
    "undo_merge": QT_TRANSLATE_NOOP("audit_action", "undo merge"),
    "unsuggest": QT_TRANSLATE_NOOP("audit_action", "unsuggest"),
    "untrain": QT_TRANSLATE_NOOP("audit_action", "untrain"),
}
ENTITY_LABELS = {
    "agreement_run": QT_TRANSLATE_NOOP("audit_entity", "agreement_run"),
    "attribute": QT_TRANSLATE_NOOP("audit_entity", "attribute"),
    "case": QT_TRANSLATE_NOOP("audit_entity", "case"),
    "code": QT_TRANSLATE_NOOP("audit_entity", "code"),
    "coder": QT_TRANSLATE_NOOP("audit_entity", "coder"),
    "coding": QT_TRANSLATE_NOOP("audit_entity", "coding"),
    "coding_snapshot": QT_TRANSLATE_NOOP("audit_entity", "coding_snapshot"),
    "consensus_decision": QT_TRANSLATE_NOOP("audit_entity", "consensus_decision"),
    "dictionary": QT_TRANSLATE_NOOP("audit_entity", "dictionary"),
    "document": QT_TRANSLATE_NOOP("audit_entity", "document"),
    "document_group": QT_TRANSLATE_NOOP("audit_entity", "document_group"),
    "machine_model": QT_TRANSLATE_NOOP("audit_entity", "machine_model"),
    "machine_suggestion": QT_TRANSLATE_NOOP("audit_entity", "machine_suggestion"),
    "matrix_cell": QT_TRANSLATE_NOOP("audit_entity", "matrix_cell"),
    "memo": QT_TRANSLATE_NOOP("audit_entity", "memo"),
    "project": QT_TRANSLATE_NOOP("audit_entity", "project"),
}
ALL = ""  # the combo boxes' "no filter" entry carries this value
INTACT_COLOUR, BROKEN_COLOUR = "#1b7a3a", "#b3261e"
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root: a flat table has no other parent

# The file dialog is a module name here so tests can replace it.
save_path = dialogs.save_file


def action_label(action: str) -> str:
    """An audit action for people: "apply code" (English), "应用代码" (Chinese)."""
    label = ACTION_LABELS.get(action)
    return translate("audit_action", label) if label is not None else action.replace("_", " ")


def entity_label(entity: str) -> str:
    """A kind of thing in the audit trail for people; an unknown one as stored."""
    label = ENTITY_LABELS.get(entity)
    return translate("audit_entity", label) if label is not None else entity


# -- the table ------------------------------------------------------------------------------------------------
class AuditTableModel(QAbstractTableModel):
    """Events newest first, fetched a page at a time: the view asks for more as the user scrolls down.

    The model does no I/O: it emits ``fetch_requested`` and the viewer answers with ``add_page``. A change of
    filters starts a new generation, so a page still on its way for the old filters is dropped.
    """

    ID, TIME, ACTOR, ACTION, ENTITY, CHANGE = range(6)
    HEADERS = ("#", QT_TRANSLATE_NOOP("audit_viewer", "Time"), QT_TRANSLATE_NOOP("audit_viewer", "Who"),
               QT_TRANSLATE_NOOP("audit_viewer", "Action"), QT_TRANSLATE_NOOP("audit_viewer", "About"),
               QT_TRANSLATE_NOOP("audit_viewer", "Change"))
    fetch_requested = Signal(int, object, object, int)  # generation, AuditFilter, before id (or None), limit

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.rows: list[AuditRow] = []
        self.names = AuditNames(None)
        self.filters = AuditFilter()
        self.generation = 0
        self.loading = False
        self.exhausted = True  # nothing to fetch until filters are set

    def set_filters(self, filters: AuditFilter) -> None:
        """Start over with these filters and ask for the first page."""
        self.beginResetModel()
        self.rows, self.filters = [], filters
        self.generation += 1
        self.loading, self.exhausted = False, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def add_page(self, generation: int, rows: list[AuditRow], names: AuditNames) -> None:
        if generation != self.generation:
            return  # an answer for filters no longer shown
        self.loading = False
        self.exhausted = len(rows) < self.page_size
        self.names = names
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def page_failed(self, generation: int) -> None:
        if generation == self.generation:
            self.loading, self.exhausted = False, True

    def event_at(self, row: int) -> AuditRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    # Qt's lazy-loading protocol
    def canFetchMore(self, parent: Index = ROOT) -> bool:
        return not parent.isValid() and not self.loading and not self.exhausted

    def fetchMore(self, parent: Index = ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        self.loading = True
        before_id = self.rows[-1].id if self.rows else None
        self.fetch_requested.emit(self.generation, self.filters, before_id, self.page_size)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("audit_viewer", self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.event_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(event, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.CHANGE:
            return event.summary
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, event: AuditRow, column: int) -> str:
        return (
            str(event.id), event.local_time, event.actor, action_label(event.action), entity_label(event.entity),
            event.summary,
        )[column]


# -- reading in the background --------------------------------------------------------------------------------
def _read_page(filters: AuditFilter, before_id: int | None, limit: int) -> workers.Work:
    def work(project: Project, _progress: Progress, _cancelled: Cancel) -> tuple[list[AuditRow], AuditNames]:
        with project.session() as session:
            names = AuditNames(session).preload()
            return list_events(session, filters, before_id=before_id, limit=limit, names=names), names

    return work


def _read_facets(project: Project, _progress: Progress, _cancelled: Cancel) -> AuditFacets:
    with project.session() as session:
        return audit_facets(session)


def _verify(project: Project, progress: Progress, cancelled: Cancel) -> AuditVerification:
    with project.session() as session:
        return verify_chain(session, progress=progress, cancel=cancelled)


def _export(path: str, filters: AuditFilter) -> workers.Work:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> ExportResult:
        with project.session() as session:
            return export_events_csv(session, path, filters, progress=progress, cancel=cancelled)

    return work


# -- the window ------------------------------------------------------------------------------------------------
class AuditViewer(QDialog):
    """Browse, filter, verify and export one project's audit trail (read-only)."""

    verified = Signal(object)  # AuditVerification, or None when the check failed or was cancelled
    exported = Signal(object)  # ExportResult, or None

    def __init__(self, project_path: str | Path, parent: QWidget | None = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.project_path = Path(project_path)
        self.setWindowTitle(translate("audit_viewer", "Audit trail — {project}").format(project=self.project_path.stem))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.tasks: set[Operation] = set()
        self.verify_task: Operation | None = None
        self.model = AuditTableModel(self, page_size)
        self.model.fetch_requested.connect(self._fetch)
        self.model.rowsInserted.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self._filter_timer = QTimer(self, singleShot=True, interval=300)
        self._filter_timer.timeout.connect(self.apply_filters)
        self._build()
        self.resize(1100, 680)
        self.refresh()

    # layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_row())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._table())
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setPlaceholderText(translate("audit_viewer", "Select an event to see its values before and after."))
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._verify_row())
        layout.addLayout(self._button_row())

    def _filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.actor_box = self._combo(translate("audit_viewer", "Anyone"))
        self.entity_box = self._combo(translate("audit_viewer", "Anything"))
        self.action_box = self._combo(translate("audit_viewer", "Any action"))
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(translate("audit_viewer", "Text in names or values…"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.since_check, self.since_edit = self._date(translate("audit_viewer", "From"))
        self.until_check, self.until_edit = self._date(translate("audit_viewer", "To"))
        for label, widget in ((translate("audit_viewer", "Who"), self.actor_box),
                              (translate("audit_viewer", "About"), self.entity_box),
                              (translate("audit_viewer", "Action"), self.action_box)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.text_edit, 1)
        for check, edit in ((self.since_check, self.since_edit), (self.until_check, self.until_edit)):
            row.addWidget(check)
            row.addWidget(edit)
        return row

    def _combo(self, everything: str) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, ALL)
        box.setMinimumContentsLength(10)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.currentIndexChanged.connect(lambda _index: self.apply_filters())
        return box

    def _date(self, label: str) -> tuple[QCheckBox, QDateEdit]:
        check = QCheckBox(label)
        edit = QDateEdit(QDate.currentDate())
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        check.toggled.connect(lambda _on: self.apply_filters())
        edit.dateChanged.connect(lambda _date: self.apply_filters() if check.isChecked() else None)
        return check, edit

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        for column, width in ((0, 60), (1, 150), (2, 110), (3, 140), (4, 90)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(AuditTableModel.CHANGE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current.row()))
        return self.table

    def _verify_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.verify_button = QPushButton(translate("audit_viewer", "Verify chain"))
        self.verify_button.setToolTip(translate("audit_viewer", "Check that no event was edited, deleted, inserted or "
                                                                "reordered since it was written (each event carries a "
                                                                "hash of the one before it)"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_progress = QProgressBar()
        self.verify_progress.setMaximumWidth(180)
        self.verify_progress.setVisible(False)
        self.verify_label = QLabel(translate("audit_viewer", "Not checked yet."))
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_label.setWordWrap(True)
        row.addWidget(self.verify_button)
        row.addWidget(self.verify_progress)
        row.addWidget(self.verify_label, 1)
        return row

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.refresh_button = QPushButton(translate("audit_viewer", "Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(translate("audit_viewer", "Export CSV…"))
        self.export_button.setToolTip(translate("audit_viewer", "Write the events shown by the filters to a CSV file "
                                                                "Excel opens"))
        self.export_button.clicked.connect(self.export_csv)
        close = QPushButton(translate("audit_viewer", "Close"))
        close.clicked.connect(self.close)
        row.addWidget(self.count_label, 1)
        row.addWidget(self.refresh_button)
        row.addWidget(self.export_button)
        row.addWidget(close)
        return row

    # filters
    def current_filters(self) -> AuditFilter:
        since = self._day_start(self.since_edit.date()) if self.since_check.isChecked() else None
        until = self._day_start(self.until_edit.date().addDays(1)) if self.until_check.isChecked() else None
        return AuditFilter(
            actor=self.actor_box.currentData() or None, entity=self.entity_box.currentData() or None,
            action=self.action_box.currentData() or None, text=self.text_edit.text().strip() or None,
            since=since, until=until,
        )

    @staticmethod
    def _day_start(day: QDate) -> datetime:
        return datetime.combine(date(day.year(), day.month(), day.day()), time()).astimezone()  # local midnight

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        self.details.clear()
        self.model.set_filters(self.current_filters())
        self._update_count()

    def refresh(self) -> None:
        """Read the filter choices and the newest events again (other windows or processes may have written)."""
        self._run(_read_facets, self._fill_facets)
        self.apply_filters()

    def _fill_facets(self, facets: AuditFacets) -> None:
        for box, values in ((self.actor_box, facets.actors), (self.entity_box, facets.entities),
                            (self.action_box, facets.actions)):
            current = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for value in values:
                label = (action_label(value) if box is self.action_box
                         else entity_label(value) if box is self.entity_box else value)
                box.addItem(label, value)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    # pages
    def _fetch(self, generation: int, filters: AuditFilter, before_id: int | None, limit: int) -> None:
        self._run(_read_page(filters, before_id, limit),
                  lambda page: self.model.add_page(generation, *page),
                  on_failed=lambda message: self._page_failed(generation, message))

    def _page_failed(self, generation: int, message: str) -> None:
        self.model.page_failed(generation)
        dialogs.show_error(self, translate("audit_viewer", "Cannot read the audit trail: {message}").format(
            message=message))

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        if self.model.loading and not shown:
            text = translate("audit_viewer", "Reading…")
        elif self.model.exhausted:
            text = (translate("audit_viewer", "%Ln event(s)", None, shown) if shown
                    else translate("audit_viewer", "No events match."))
        else:
            text = translate("audit_viewer", "Newest {count} events shown; more load as you scroll").format(
                count=f"{shown:,}")
        self.count_label.setText(text)

    # details
    def _show(self, row: int) -> None:
        event = self.model.event_at(row)
        self.details.setHtml(event_html(event, self.model.names) if event is not None else "")

    # verify
    def verify(self) -> None:
        if self.verify_task is not None:
            return
        self.verify_button.setEnabled(False)
        self.verify_progress.setRange(0, 0)
        self.verify_progress.setVisible(True)
        self.verify_label.setText(translate("audit_viewer", "Checking every event…"))
        self.verify_label.setStyleSheet("")
        self.verify_task = self._run(_verify, self._verified, on_failed=self._verify_failed,
                                     on_progress=self._verify_progress)

    def _verify_progress(self, done: int, total: int, _what: str) -> None:
        self.verify_progress.setRange(0, max(total, 1))
        self.verify_progress.setValue(done)

    def _verified(self, result: AuditVerification) -> None:
        self._verify_done()
        if result.ok:
            text = translate("audit_viewer", "✓ Chain intact: all {count} events are as they were written. Head hash "
                                             "{hash} (note it down to detect later changes).").format(
                count=f"{result.checked:,}", hash=result.head_hash or "—")
            colour = INTACT_COLOUR
        else:
            text = translate("audit_viewer", "✗ The {problem}. Events from there on cannot be trusted as "
                                             "recorded.").format(problem=result.message)
            colour = BROKEN_COLOUR
        self.verify_label.setText(text)
        self.verify_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verified.emit(result)

    def _verify_failed(self, message: str) -> None:
        self._verify_done()
        self.verify_label.setText(translate("audit_viewer", "Not checked: {message}").format(message=message))
        self.verified.emit(None)

    def _verify_done(self) -> None:
        self.verify_task = None
        self.verify_button.setEnabled(True)
        self.verify_progress.setVisible(False)

    # export
    def export_csv(self) -> None:
        name = translate("audit_viewer", "{project} audit trail.csv").format(project=self.project_path.stem)
        suggested = str(self.project_path.with_name(name))
        chosen = save_path(self, translate("audit_viewer", "Export the audit trail"), suggested,
                           translate("audit_viewer", CSV_FILTER))
        if not chosen:
            return
        self.export_button.setEnabled(False)
        self._run(_export(chosen, self.current_filters()), self._exported, on_failed=self._export_failed)

    def _exported(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        dialogs.show_info(self, translate("audit_viewer", "Wrote {count} audit events to {path}").format(
            count=f"{result.items:,}", path=result.path), translate("audit_viewer", "Audit trail exported"))
        self.exported.emit(result)

    def _export_failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        dialogs.show_error(self, message, translate("audit_viewer", "Audit trail not exported"))
        self.exported.emit(None)

    # workers
    def _run(
        self, work: workers.Work, on_finished: Callable[[Any], None], *,
        on_failed: Callable[[str], None] | None = None, on_progress: Progress | None = None,
    ) -> Operation:
        # read_only: the viewer never writes. closeEvent cancels without waiting, so no stop-on-close.
        operation = Operation(self, work, project_path=self.project_path, read_only=True, on_success=on_finished,
                              on_failure=on_failed or self._report_failure, stop_on_close=False)
        self.tasks.add(operation)
        operation.stopped.connect(partial(self.tasks.discard, operation))
        operation.ended.connect(self._task_ended)
        if on_progress is not None:
            operation.progressed.connect(on_progress)
        return operation.start()

    def _task_ended(self, _outcome: object) -> None:
        self._update_count()

    def _report_failure(self, message: str) -> None:
        dialogs.show_error(self, message)

    def is_busy(self) -> bool:
        return bool(self.tasks)

    def closeEvent(self, event: Any) -> None:
        for task in self.tasks:
            task.cancel()
        super().closeEvent(event)


def event_html(event: AuditRow, names: AuditNames) -> str:
    """One event for people: what, who, when, and each field before and after (changes in bold)."""
    head = (f"<h3 style='margin-bottom:2px'>{html.escape(action_label(event.action))} · "
            f"{html.escape(entity_label(event.entity))}</h3>")
    facts = [translate("audit_viewer", "Event {id}, {time}, by <b>{actor}</b>").format(
        id=event.id, time=html.escape(event.local_time), actor=html.escape(event.actor or "—"))]
    if event.entity_uuid:
        facts.append(f"{html.escape(entity_label(event.entity))} {html.escape(event.entity_uuid)}")
    if event.hash:
        hashed = translate("audit_viewer", "hash {hash}").format(hash=html.escape(event.hash))
        facts.append(f"<span style='color:#777'>{hashed}</span>")
    rows = change_table(event.before, event.after, names)
    if not rows:
        nothing = translate("audit_viewer", "No values recorded.")
        return head + f"<p>{'<br>'.join(facts)}</p><p><i>{nothing}</i></p>"
    cells = "".join(
        f"<tr><td style='color:#555'>{html.escape(key)}</td>"
        f"<td>{_cell(before, changed)}</td><td>{_cell(after, changed)}</td></tr>"
        for key, before, after, changed in rows
    )
    headings = "".join(f"<th align='left'>{translate('audit_viewer', heading)}</th>" for heading in
                       (QT_TRANSLATE_NOOP("audit_viewer", "Field"), QT_TRANSLATE_NOOP("audit_viewer", "Before"),
                        QT_TRANSLATE_NOOP("audit_viewer", "After")))
    table = ("<table cellspacing='0' cellpadding='4' border='0' width='100%'>"
             f"<tr>{headings}</tr>"
             f"{cells}</table>")
    return head + f"<p>{'<br>'.join(facts)}</p>" + table


def _cell(value: str, changed: bool) -> str:
    text = html.escape(value)
    return f"<b>{text}</b>" if changed and value else text


# -- the menu item ------------------------------------------------------------------------------------------------
class AuditTools(QObject):
    """Project → Audit trail… for one main window, and the viewer it opened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.viewer: AuditViewer | None = None
        self.action = QAction(translate("audit_viewer", "Audit trail…"), window)
        self.action.setStatusTip(translate("audit_viewer", "Who changed what and when; verify that the record was not "
                                                           "altered; export as CSV"))
        self.action.triggered.connect(lambda _checked=False: self.open_viewer())
        _project_menu(window).addAction(self.action)
        window.project_opened.connect(self._update_enabled)
        window.project_closing.connect(self._close_viewer)
        window.project_closed.connect(self._update_enabled)
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.action.setEnabled(self.window.bench is not None and self.window.project_path is not None)

    def open_viewer(self) -> AuditViewer | None:
        if self.window.project_path is None:
            return None
        if self.viewer is None or self.viewer.project_path != self.window.project_path:
            self._close_viewer()
            self.viewer = AuditViewer(self.window.project_path, self.window)
        else:
            self.viewer.refresh()
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        return self.viewer

    def _close_viewer(self) -> None:
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
            self.viewer = None


def _project_menu(window: MainWindow) -> QMenu:
    """The main window's Project menu (Help if there is none)."""
    menu = getattr(window, "project_menu", None)
    if isinstance(menu, QMenu):
        return menu
    for action in window.menuBar().actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu) and action.text().replace("&", "") == "Project":
            return submenu
    return window.help_menu


def install(window: MainWindow) -> None:
    """Add Project → Audit trail… to a ``MainWindow``; safe to call once per window."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, AuditTools(window))


def tools_of(window: Any) -> AuditTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["AuditTableModel", "AuditTools", "AuditViewer", "event_html", "install", "tools_of"]
