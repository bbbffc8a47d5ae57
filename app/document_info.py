"""Document metadata in the desktop app: the opening "key: value" block of each transcript.

* a document's tooltip in the Documents panel lists its metadata (访谈编号, Date …) under the usual lines;
* the panel's context menu gains **Document properties…** (a read-only list of the document's facts and
  metadata) and **Copy metadata to case attributes** for the selected documents, one undoable step;
* **Project › Copy document metadata to case attributes** does the same for every document.

A document without a case is put under a case of its own name (created if missing); a value the case
already holds differently refuses the whole copy, naming every conflict (``coding.metadata``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.commands import BenchCommand
from app.itemmodels.documents_model import DOCUMENT_ID_ROLE
from coding.changes import Changes
from coding.edits import MetadataToAttributesEdit
from coding.i18n import QT_TRANSLATE_NOOP
from coding.metadata import MetadataItem, metadata_by_document
from coding.readers import DocumentRow

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
ATTRIBUTE = "document_info_tools"
# English here (tests find the menu items by them); translated where shown, in the same context
PROPERTIES = QT_TRANSLATE_NOOP("DocumentInfo", "Document properties…")
COPY_SELECTED = QT_TRANSLATE_NOOP("DocumentInfo", "Copy metadata to case attributes")
COPY_ALL = QT_TRANSLATE_NOOP("DocumentInfo", "Copy document metadata to case attributes")


class MetadataToAttributesCommand(BenchCommand):
    """Copy documents' metadata (``None``: every document's) to their cases' attributes."""

    def __init__(self, bench: Workbench, document_names: Sequence[str] | None) -> None:
        edit = MetadataToAttributesEdit(document_names)
        super().__init__(bench, edit.label, edit)


def document_facts(row: DocumentRow) -> list[tuple[str, str]]:
    return [(translate("DocumentInfo", "Name"), row.name), (translate("DocumentInfo", "Case"), row.case_name or "–"),
            (translate("DocumentInfo", "Language"), row.language),
            (translate("DocumentInfo", "Words"), QLocale().toString(row.words)),
            (translate("DocumentInfo", "Groups"), ", ".join(row.groups) or "–")]


class PropertiesDialog(QDialog):
    """Read-only: the document's facts, then its metadata in text order."""

    def __init__(self, row: DocumentRow, metadata: Sequence[MetadataItem], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DocumentInfo", "Document properties — {name}").format(name=row.name))
        entries = document_facts(row) + [(item.key, item.value) for item in metadata]
        self.table = QTableWidget(len(entries), 2)
        self.table.setHorizontalHeaderLabels([translate("DocumentInfo", "Property"),
                                              translate("DocumentInfo", "Value")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for number, (key, value) in enumerate(entries):
            self.table.setItem(number, 0, QTableWidgetItem(key))
            self.table.setItem(number, 1, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        fields = len(metadata)  # lupdate reads the count only as a plain name
        if metadata:
            note = translate(
                "DocumentInfo", "Metadata from the transcript's opening block (%n field(s)); it is not part of any "
                "speaker turn.", None, fields)
        else:
            note = translate("DocumentInfo", "This transcript opens without a key: value metadata block.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(note))
        layout.addWidget(buttons)
        self.resize(480, min(640, 150 + 30 * len(entries)))  # every row visible up to a screenful

    def entries(self) -> list[tuple[str, str]]:
        return [(self._cell(row, 0), self._cell(row, 1)) for row in range(self.table.rowCount())]

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


class DocumentInfoTools(QObject):
    """The menu items, the properties dialog and the metadata tooltips for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bench: Workbench | None = None
        self.metadata: dict[int, list[MetadataItem]] = {}
        self.dialog: PropertiesDialog | None = None
        self.copy_all_action = window.project_menu.addAction(translate("DocumentInfo", COPY_ALL),
                                                             self.copy_all)
        window.documents_menu_built.connect(self.extend_documents_menu)
        window.project_opened.connect(self._opened)
        window.project_closed.connect(self._closed)
        window.documents_panel.tree.viewport().installEventFilter(self)
        self.copy_all_action.setEnabled(False)
        if window.bench is not None:
            self._opened()

    # -- project life ------------------------------------------------------------------------------------------
    def _opened(self) -> None:
        self.bench = self.window.bench
        assert self.bench is not None
        self.bench.changes_applied.connect(self._on_changes)
        self.reload()

    def _closed(self) -> None:
        self.bench, self.metadata = None, {}
        self.copy_all_action.setEnabled(False)

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents:
            self.reload()

    def reload(self) -> None:
        if self.bench is None:
            return
        with self.bench.project.session() as session:
            self.metadata = metadata_by_document(session)
        self.copy_all_action.setEnabled(bool(self.metadata))

    # -- tooltip ------------------------------------------------------------------------------------------------
    def tooltip(self, document_id: int, base: str) -> str:
        """The panel's tooltip with the document's metadata under it."""
        items = self.metadata.get(document_id)
        if not items:
            return base
        return base + "\n" + "\n".join(f"{item.key}: {item.value}" for item in items)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt calls it by this name
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        tree = self.window.documents_panel.tree
        index = tree.indexAt(event.pos())
        document_id = index.data(DOCUMENT_ID_ROLE) if index.isValid() else None
        if not isinstance(document_id, int) or document_id not in self.metadata:
            return False  # the panel's own tooltip
        base = index.data(Qt.ItemDataRole.ToolTipRole) or ""
        QToolTip.showText(event.globalPos(), self.tooltip(document_id, base), tree)
        return True

    # -- menu ---------------------------------------------------------------------------------------------------
    def extend_documents_menu(self, menu: QMenu, rows: Sequence[DocumentRow]) -> None:
        if self.bench is None or not rows:
            return
        menu.addSeparator()
        properties = menu.addAction(translate("DocumentInfo", PROPERTIES),
                                     partial(self.show_properties, rows[0]))
        properties.setEnabled(len(rows) == 1)
        copy = menu.addAction(translate("DocumentInfo", COPY_SELECTED),
                               partial(self.copy_metadata, [row.name for row in rows]))
        copy.setEnabled(any(row.id in self.metadata for row in rows))

    def show_properties(self, row: DocumentRow) -> PropertiesDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = PropertiesDialog(row, self.metadata.get(row.id, []), self.window)
        self.dialog.show()
        return self.dialog

    def copy_metadata(self, document_names: Sequence[str] | None) -> bool:
        """Copy the documents' metadata (None: every document's) to case attributes, one undoable step."""
        if self.bench is None:
            return False
        if document_names is not None:
            names = set(document_names)
            with_metadata = {row.name for row in self.window.documents_model.rows if row.id in self.metadata}
            document_names = sorted(names & with_metadata)
        return self.bench.execute(MetadataToAttributesCommand(self.bench, document_names))

    def copy_all(self) -> bool:
        return self.copy_metadata(None)


def install(window: MainWindow) -> None:
    """Add document metadata to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, DocumentInfoTools(window))


def tools_of(window: QWidget) -> DocumentInfoTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["DocumentInfoTools", "MetadataToAttributesCommand", "PropertiesDialog", "install", "tools_of"]
