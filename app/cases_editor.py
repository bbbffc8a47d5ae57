"""Cases and attributes: a table of participants, one column per attribute, editable in place.

Value edits, document attachments, renaming and deleting cases and attributes are undoable commands. Adding a case or an attribute and
importing a table are immediate (``coding/`` has no operation to take them back yet).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import dialogs, housekeeping
from app.commands import AttachDocumentsCommand, SetAttributeValueCommand
from app.itemmodels.cases_model import CasesModel
from app.workbench import Workbench
from coding import cases, edits
from coding.cases import AttributeInfo, CaseRow, attribute_infos, case_rows
from coding.changes import Changes
from coding.errors import ConcordError
from models import Document

translate = QCoreApplication.translate  # under this name lupdate extracts the calls


class CasesEditor(QDialog):
    memo_requested = Signal(str)  # case name: the Memos feature (app/memos.py) opens its memo

    def __init__(self, bench: Workbench, last_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CasesEditor", "Cases and attributes"))
        self.bench = bench
        self.folder = last_folder
        self.model = CasesModel(self)
        self.model.value_edited.connect(self.set_value)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)

        buttons = QHBoxLayout()
        for label, slot in (
            (translate("CasesEditor", "Add case…"), self.add_case),
            (translate("CasesEditor", "Add attribute…"), self.add_attribute),
            (translate("CasesEditor", "Attach documents…"), self.attach_documents),
            (translate("CasesEditor", "Import table…"), self.import_table),
            (translate("CasesEditor", "Memo…"), self.request_memo),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton(translate("CasesEditor", "Close"))
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        housekeeping = QHBoxLayout()
        for label, housekeeping_slot in (
            (translate("CasesEditor", "Rename case…"), self.rename_case),
            (translate("CasesEditor", "Delete case…"), self.delete_case),
            (translate("CasesEditor", "Rename attribute…"), self.rename_attribute),
            (translate("CasesEditor", "Delete attribute…"), self.delete_attribute),
        ):
            button = QPushButton(label)
            button.clicked.connect(housekeeping_slot)
            housekeeping.addWidget(button)
        housekeeping.addStretch(1)
        hint = QLabel(translate("CasesEditor",
            "Double-click a cell to edit a value. A table (.csv/.xlsx) with a case column, one column "
            "per attribute and an optional “documents” column fills everything at once. Rename/Delete "
            "attribute act on the column of the selected cell."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(housekeeping)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.resize(820, 460)
        bench.changes_applied.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        with self.bench.project.session() as session:
            rows, attributes = case_rows(session), attribute_infos(session)
        self.model.reload(rows, attributes)
        self.table.resizeColumnsToContents()

    def _on_changes(self, changes: Changes) -> None:
        if changes.cases or changes.attributes or changes.documents:
            self.reload()

    def selected_case(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.case(rows[0].row()) if rows else None
        return row.name if row else None

    def select_case(self, name: str) -> None:
        row = self.model.row_of(name)
        if row >= 0:
            self.table.selectRow(row)

    def request_memo(self) -> None:
        name = self.selected_case()
        if name is None:
            dialogs.show_error(self, translate("CasesEditor",
                                               "Select a case first, then choose Memo… to write about it."))
            return
        self.memo_requested.emit(name)

    # -- edits ------------------------------------------------------------------------------------------
    def set_value(self, case_name: str, attribute_name: str, value: str) -> bool:
        seen = self._shown_value(case_name, attribute_name)  # someone's change since it loaded: refused
        return self.bench.execute(SetAttributeValueCommand(self.bench, case_name, attribute_name, value, seen=seen))

    def _shown_value(self, case_name: str, attribute_name: str) -> str | None:
        row = self.model.case(self.model.row_of(case_name))
        attribute = next((a for a in self.model.attributes if a.name == attribute_name), None)
        return row.values.get(attribute.id, "") if row is not None and attribute is not None else None

    def _immediate(self, action: Callable[[Session], Changes]) -> bool:
        try:
            with self.bench.project.session() as session:
                changes = action(session)
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.bench.notify(changes)
        return True

    def add_case(self) -> None:
        name = dialogs.ask_text(self, translate("CasesEditor", "Add case"),
                                translate("CasesEditor", "Name of the participant or case:"))
        if name is None:
            return
        if self._immediate(
            lambda s: edits.AddCaseEdit(name).do(s, self.bench.project.actor)
        ):
            self.select_case(name.strip())

    def add_attribute(self) -> None:
        name = dialogs.ask_text(self, translate("CasesEditor", "Add attribute"),
                                translate("CasesEditor", "Attribute name (e.g. alliance mode, role, gender):"))
        if name is None:
            return

        self._immediate(lambda s: edits.AddAttributeEdit(name).do(s, self.bench.project.actor))

    def attach_documents(self) -> None:
        case_name = self.selected_case()
        if case_name is None:
            dialogs.show_error(self, translate("CasesEditor",
                                               "Select a case first, then choose the documents that belong to it."))
            return
        with self.bench.project.session() as session:
            names = list(session.scalars(select(Document.name).order_by(Document.name)))
        row = self.model.case(self.model.row_of(case_name))
        current = list(row.documents) if row else []
        chosen = dialogs.choose_documents(
            self, translate("CasesEditor", "Attach documents"),
            translate("CasesEditor", "Documents of case {case}:").format(case=case_name),
            names, current
        )
        if chosen is None:
            return
        attach = [n for n in chosen if n not in current]
        detach = [n for n in current if n not in chosen]
        if attach or detach:
            self.bench.execute(AttachDocumentsCommand(self.bench, case_name, attach, detach))

    # -- rename and delete (undo steps; app/housekeeping.py asks first) -----------------------------------
    def _selected_case_row(self) -> CaseRow | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.case(rows[0].row()) if rows else None
        if row is None:
            dialogs.show_error(self, translate("CasesEditor", "Select a case first."))
        return row

    def selected_attribute(self) -> AttributeInfo | None:
        """The attribute of the current cell's column, else the one the user picks."""
        found = self.model.attribute_of_column(self.table.currentIndex().column())
        if found is not None or not self.model.attributes:
            if found is None:
                dialogs.show_error(self, translate("CasesEditor", "There are no attributes yet."))
            return found
        names = [a.name for a in self.model.attributes]
        name, ok = QInputDialog.getItem(self, translate("CasesEditor", "Choose attribute"),
                                        translate("CasesEditor", "Attribute:"), names, 0,
                                        False)
        return self.model.attributes[names.index(name)] if ok else None

    def _attribute_uuid(self, attribute: AttributeInfo) -> str:
        with self.bench.project.session() as session:
            return cases.find_attribute(session, attribute.name).uuid

    def rename_case(self) -> bool:
        row = self._selected_case_row()
        if row is None or not housekeeping.rename(self.bench, self, "case", row.uuid, row.name):
            return False
        renamed = next((r for r in self.model.rows if r.uuid == row.uuid), None)
        if renamed is not None:
            self.select_case(renamed.name)
        return True

    def delete_case(self) -> bool:
        row = self._selected_case_row()
        return row is not None and housekeeping.delete_case_or_attribute(self.bench, self, "case", row.name)

    def rename_attribute(self) -> bool:
        attribute = self.selected_attribute()
        return attribute is not None and housekeeping.rename(
            self.bench, self, "attribute", self._attribute_uuid(attribute), attribute.name
        )

    def delete_attribute(self) -> bool:
        attribute = self.selected_attribute()
        return attribute is not None and housekeeping.delete_case_or_attribute(
            self.bench, self, "attribute", attribute.name
        )

    def import_table(self) -> None:
        path = dialogs.attribute_table_file(self, self.folder)
        if path is None:
            return
        self._immediate(lambda s: cases.import_attribute_table(s, path, actor=self.bench.project.actor))


__all__ = ["CasesEditor"]
