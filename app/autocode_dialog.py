"""**Tools › Autocode by structure…**: code many passages at once by where they sit — every turn of a speaker,
every interviewer question, every answer (optionally of one case), or the whole documents of a case or of the
cases with an attribute value — as a chosen coder (by default you), one undo step.

The dialog previews as the choices change: a table of the passages (document, case, speaker, first words, new or
already coded) and one of counts per document; a choice that picks nothing or names no known value says why in
place of the table. **Apply** runs :class:`~coding.autocode.apply.AutocodeEdit` through the workbench, so
Ctrl+Z takes the whole run back. The rules are ``coding.autocode.structure``; a preview is a few indexed queries,
so it runs on the GUI thread.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.code_names import shown_name, shown_path
from app.commands import BenchCommand
from app.i18n import number
from app.warmup import preload
from coding.changes import Changes
from coding.codebook import CodeTree
from coding.coders import list_coders
from coding.errors import ConcordError, ValidationError
from coding.i18n import QT_TRANSLATE_NOOP
from models import Coder

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench
    from coding.autocode.apply import AutocodeEdit, Passage
    from coding.autocode.structure import AutocodePreview, RuleChoices, StructureRule

# The autocoding core loads when the dialog first opens (preloaded once the window is up), not at start.
CORE_MODULES = ("coding.autocode.apply", "coding.autocode.structure")

ATTRIBUTE = "autocode_structure"
MENU_TEXT = QT_TRANSLATE_NOOP("AutocodeTools", "Autocode by structure…")
SPEAKER, CASE, WHERE = "speaker", "case", "where"


def rules() -> tuple[tuple[str, str], ...]:
    """(label, rule kind) for the rule box; the questions and answers kinds are the core's."""
    from coding.autocode.structure import ANSWERS, QUESTIONS

    return (
        (QT_TRANSLATE_NOOP("AutocodeDialog", "Every turn of a speaker"), SPEAKER),
        (QT_TRANSLATE_NOOP("AutocodeDialog", "Every interviewer question"), QUESTIONS),
        (QT_TRANSLATE_NOOP("AutocodeDialog", "Every answer"), ANSWERS),
        (QT_TRANSLATE_NOOP("AutocodeDialog", "Whole documents of a case"), CASE),
        (QT_TRANSLATE_NOOP("AutocodeDialog", "Whole documents of cases with an attribute value"), WHERE),
    )

OPERATORS = ("=", "!=", ">", "<", ">=", "<=")
ANY_VALUE = QT_TRANSLATE_NOOP("AutocodeDialog", "Any (no attribute condition)")
CONFIRM_ABOVE = 500  # passages: applying is about 2 ms each on the GUI thread (an undo step), so ask first
ORDERED_TYPES = ("number", "date")


class AutocodeCommand(BenchCommand):
    """Apply an autocoding run as one undo step."""

    def __init__(self, bench: Workbench, edit: AutocodeEdit) -> None:
        super().__init__(bench, edit.label, edit)


class RowsModel(QAbstractTableModel):
    """Rows of plain values under headers; read-only."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[tuple[object, ...]] = []

    def set_rows(self, rows: Sequence[tuple[object, ...]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)
    return view


class AutocodeDialog(QDialog):
    """Choose a rule, a code and a coder; read the preview; apply as one undo step."""

    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        from coding.autocode.structure import RuleChoices

        super().__init__(parent)
        self.bench = bench
        self.setWindowTitle(QCoreApplication.translate("AutocodeDialog", "Autocode by structure"))
        self.passages: list[Passage] = []
        self.shown: AutocodePreview | None = None
        self._loading = False
        self.choices = RuleChoices((), (), ())
        self._blind = bench.blind
        self._build()
        self.reload_choices()
        bench.changes_applied.connect(self._on_changes)

    # -- layout -------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.rule_box, self.speaker_box, self.case_box = QComboBox(), QComboBox(), QComboBox()
        for text, key in rules():
            self.rule_box.addItem(QCoreApplication.translate("AutocodeDialog", text), key)
        self.attribute_box, self.operator_box, self.value_box = QComboBox(), QComboBox(), QComboBox()
        self.value_box.setEditable(True)
        self.value_box.setMinimumContentsLength(12)
        self.code_box, self.coder_box = QComboBox(), QComboBox()
        self.code_box.setMinimumContentsLength(40)
        condition = QHBoxLayout()
        for box in (self.attribute_box, self.operator_box, self.value_box):
            condition.addWidget(box)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("AutocodeDialog", "Rule"), self.rule_box)
        form.addRow(QCoreApplication.translate("AutocodeDialog", "Speaker"), self.speaker_box)
        form.addRow(QCoreApplication.translate("AutocodeDialog", "Case"), self.case_box)
        form.addRow(QCoreApplication.translate("AutocodeDialog", "Attribute"), condition)
        form.addRow(QCoreApplication.translate("AutocodeDialog", "Code"), self.code_box)
        form.addRow(QCoreApplication.translate("AutocodeDialog", "Coder"), self.coder_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # texts are escaped: "years<5" stays text
        self.documents_model = RowsModel([QCoreApplication.translate("AutocodeDialog", "Document"), QCoreApplication.translate("AutocodeDialog", "Passages"),
                                          QCoreApplication.translate("AutocodeDialog", "Already coded")], self)
        self.rows_model = RowsModel([QCoreApplication.translate("AutocodeDialog", "Document"), QCoreApplication.translate("AutocodeDialog", "Case"),
                                     QCoreApplication.translate("AutocodeDialog", "Speaker"), QCoreApplication.translate("AutocodeDialog", "Status"),
                                     QCoreApplication.translate("AutocodeDialog", "First words")], self)
        self.documents_view, self.rows_view = _table(self.documents_model), _table(self.rows_model)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.documents_view)
        splitter.addWidget(self.rows_view)
        splitter.setSizes([380, 720])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = QPushButton(QCoreApplication.translate("AutocodeDialog", "Apply"))
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        for box in (self.rule_box, self.speaker_box, self.case_box, self.attribute_box, self.operator_box,
                    self.code_box, self.coder_box):
            box.currentIndexChanged.connect(self._choice_changed)
        self.value_box.currentTextChanged.connect(self._choice_changed)
        self.attribute_box.currentIndexChanged.connect(self._attribute_changed)
        self.resize(1120, 640)

    # -- choices ------------------------------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Fill the boxes from the project, keeping what was chosen where it still exists."""
        from coding.autocode.structure import rule_choices

        with self.bench.project.session() as session:
            choices = rule_choices(session)
            tree = CodeTree.load(session)
            coders = [c for c in list_coders(session) if not c.is_consensus]
        self._loading = True
        try:
            self._fill_choices(choices, tree, [(c.id, c.name) for c in coders])
        finally:
            self._loading = False
        self._attribute_changed()
        self.refresh_preview()

    def _fill_choices(self, choices: RuleChoices, tree: CodeTree, coders: list[tuple[int, str]]) -> None:
        self.choices = choices
        speaker = QCoreApplication.translate("AutocodeDialog", "{speaker}  ({turns} turns, {documents} documents)")
        _refill(self.speaker_box, [(speaker.format(speaker=label.label, turns=label.turns, documents=label.documents),
                                    label.label) for label in choices.labels])
        _refill(self.case_box, [(QCoreApplication.translate("AutocodeDialog", "All cases"), None),
                                *[(name, name) for name in choices.cases]])
        _refill(self.attribute_box, [(QCoreApplication.translate("AutocodeDialog", ANY_VALUE), None),
                                     *[(a.name, a.name) for a in choices.attributes]])
        codes = [(("    " * (tree.codes[i].level - 1)) + shown_name(tree.codes[i]), i) for i in tree.preorder()
                 if tree.codes[i].is_codable]
        _refill(self.code_box, codes)
        for row in range(self.code_box.count()):
            self.code_box.setItemData(row, shown_path(tree.codes[self.code_box.itemData(row)], tree.codes),
                                      Qt.ItemDataRole.ToolTipRole)
        current = self.coder_box.currentData()
        # Coding blind, only as oneself: another coder's "already coded" counts would show their codings.
        self._blind = self.bench.blind
        people = coders if not self._blind else [c for c in coders if c[0] == self.bench.coder_id]
        _refill(self.coder_box, [(name, ident) for ident, name in people])
        wanted = current if current is not None else self.bench.coder_id
        self.coder_box.setCurrentIndex(max(0, self.coder_box.findData(wanted)))

    def _attribute_changed(self) -> None:
        chosen = next((a for a in self.choices.attributes if a.name == self.attribute_box.currentData()), None)
        ordered = chosen is not None and chosen.value_type in ORDERED_TYPES
        was_loading, self._loading = self._loading, True
        try:
            operator = self.operator_box.currentText() or "="
            _refill(self.operator_box, [(op, op) for op in (OPERATORS if ordered else OPERATORS[:2])])
            self.operator_box.setCurrentIndex(max(0, self.operator_box.findText(operator)))
            value = self.value_box.currentText()
            self.value_box.clear()
            self.value_box.addItems(list(chosen.values) if chosen else [])
            if value and chosen and value in chosen.values:
                self.value_box.setCurrentText(value)
        finally:
            self._loading = was_loading
        if not self._loading:
            self.refresh_preview()

    def _choice_changed(self) -> None:
        if not self._loading:
            self.refresh_preview()

    def rule(self) -> StructureRule:
        """The rule the boxes describe."""
        from coding.autocode.structure import ANSWERS, QUESTIONS, StructureRule

        kind = self.rule_box.currentData()
        case = self.case_box.currentData()
        cases = (case,) if case and kind != WHERE else ()
        attribute = self.attribute_box.currentData()
        where = (f"{attribute}{self.operator_box.currentText()}{self.value_box.currentText()}",) \
            if attribute and kind != CASE else ()
        if kind == SPEAKER:
            return StructureRule(speaker=self.speaker_box.currentData() or "", cases=cases, where=where)
        if kind in (QUESTIONS, ANSWERS):
            return StructureRule(role=kind, cases=cases, where=where)
        return StructureRule(cases=cases, where=where)

    def _enable_boxes(self) -> None:
        kind = self.rule_box.currentData()
        self.speaker_box.setEnabled(kind == SPEAKER)
        self.case_box.setEnabled(kind != WHERE)
        self.attribute_box.setEnabled(kind != CASE)  # the turn rules take it as a filter too
        for box in (self.operator_box, self.value_box):
            box.setEnabled(kind != CASE and self.attribute_box.currentData() is not None)

    # -- preview and apply ------------------------------------------------------------------------------------
    def refresh_preview(self) -> bool:
        """Preview the current choices; a choice that cannot be applied says why instead. True if it can."""
        from coding.autocode.structure import preview, propose

        self._enable_boxes()
        self.passages, self.shown = [], None
        try:
            self._check_choices()
            with self.bench.project.session() as session:
                coder = session.get(Coder, self.coder_box.currentData())
                assert coder is not None
                self.passages = propose(session, self.rule(), self.code_box.currentData())
                self.shown = preview(session, self.passages, coder)
        except ConcordError as exc:
            self._show_problem(str(exc))
            return False
        self._show(self.shown)
        return self.shown.new > 0

    def _check_choices(self) -> None:
        kind = self.rule_box.currentData()
        if kind == CASE and not self.case_box.currentData():
            raise ValidationError(QCoreApplication.translate("AutocodeDialog", "Choose the case whose documents to code."))
        if kind == SPEAKER and not self.speaker_box.currentData():
            raise ValidationError(QCoreApplication.translate("AutocodeDialog", "The transcripts have no speaker labels."))
        if kind == WHERE and not (self.attribute_box.currentData() and self.value_box.currentText().strip()):
            raise ValidationError(QCoreApplication.translate("AutocodeDialog", "Choose an attribute and a value."))
        if self.code_box.currentData() is None or self.coder_box.currentData() is None:
            raise ValidationError(QCoreApplication.translate("AutocodeDialog", "Choose a code and a coder."))

    def _show_problem(self, message: str) -> None:
        self.summary.setText(f"<span style='color:#b00020'>{html.escape(message)}</span>")
        self.documents_model.set_rows([])
        self.rows_model.set_rows([])
        self.apply_button.setEnabled(False)

    def _show(self, shown: AutocodePreview) -> None:
        self.summary.setText(html.escape(QCoreApplication.translate("AutocodeDialog", "{rule}: {summary}.").format(
            rule=self.rule().describe().capitalize(), summary=shown.summary())))
        self.documents_model.set_rows([(d.document, d.passages, d.already) for d in shown.documents])
        already, new = (QCoreApplication.translate("AutocodeDialog", "already coded"),
                        QCoreApplication.translate("AutocodeDialog", "new"))
        self.rows_model.set_rows([(r.document, r.case, r.speaker, already if r.already else new,
                                   r.first_words) for r in shown.rows])
        self.rows_view.resizeColumnsToContents()
        self.documents_view.resizeColumnsToContents()
        self.apply_button.setEnabled(shown.new > 0)

    def apply(self) -> bool:
        """Code the previewed passages as the chosen coder, one undo step."""
        from coding.autocode.apply import AutocodeEdit

        if not self.refresh_preview() or self.shown is None:
            return False
        code = self.code_box.currentText().strip()
        if self.shown.new > CONFIRM_ABOVE and not dialogs.confirm(
                self, QCoreApplication.translate(
                    "AutocodeDialog", "Code {count} passages with '{code}' as {coder}? A run this size takes a "
                    "while, and Edit › Undo takes all of it back.").format(
                        count=number(self.shown.new), code=code, coder=self.shown.coder),
                ok_text=QCoreApplication.translate("AutocodeDialog", "Code them")):
            return False
        label = QCoreApplication.translate("AutocodeDialog", "Autocode {rule} as '{code}' for {coder}").format(
            rule=self.rule().describe(), code=code, coder=self.shown.coder)
        edit = AutocodeEdit(self.passages, self.coder_box.currentData(), label)
        # An undo step runs on the GUI thread (app/operations.py); thousands of passages take seconds.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = self.bench.execute(AutocodeCommand(self.bench, edit), self)
        finally:
            QApplication.restoreOverrideCursor()
        if not done:
            return False
        coder = self.shown.coder
        self.refresh_preview()
        self.summary.setText(html.escape(QCoreApplication.translate(
            "AutocodeDialog", "Coded {count} passage(s) with '{code}' as {coder} ({skipped} already coded, skipped). "
            "Edit › Undo (Ctrl+Z) takes the whole run back.").format(
                count=len(edit.created), code=code, coder=coder, skipped=edit.skipped)))
        return True

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is self or not self.isVisible():
            return  # a hidden dialog reloads when it is opened again
        if (changes.documents or changes.codes or changes.coders or changes.cases or changes.attributes
                or self.bench.blind != self._blind):
            self.reload_choices()
        elif changes.codings:
            self.refresh_preview()


def _refill(box: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """Replace a combo box's items, keeping the chosen one when it is still there."""
    current = box.currentData()
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    index = box.findData(current) if current is not None else -1
    box.setCurrentIndex(index if index >= 0 else (0 if box.count() else -1))


class AutocodeTools(QObject):
    """The menu item and the one dialog of a window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: AutocodeDialog | None = None
        self.action = window.tools_menu.addAction(QCoreApplication.translate("AutocodeTools", MENU_TEXT), self.open_dialog)
        self.action.setEnabled(window.bench is not None)
        window.project_opened.connect(lambda: self.action.setEnabled(True))
        window.project_closed.connect(self._closed)

    def open_dialog(self) -> AutocodeDialog | None:
        bench = self.window.bench
        if bench is None:
            return None
        if self.dialog is None or self.dialog.bench is not bench:
            self._close_dialog()
            self.dialog = AutocodeDialog(bench, self.window)
        elif not self.dialog.isVisible():
            self.dialog.reload_choices()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _closed(self) -> None:
        self.action.setEnabled(False)
        self._close_dialog()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            try:
                self.dialog.bench.changes_applied.disconnect(self.dialog._on_changes)
            except (RuntimeError, TypeError):  # the workbench is gone already
                pass
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


def install(window: MainWindow) -> None:
    """Add Tools › Autocode by structure… to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, AutocodeTools(window))
        preload(CORE_MODULES)


def tools_of(window: QWidget) -> AutocodeTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["AutocodeCommand", "AutocodeDialog", "AutocodeTools", "RowsModel", "install", "tools_of"]
