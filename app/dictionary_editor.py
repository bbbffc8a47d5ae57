"""Tools › Dictionaries…: edit WordStat-style dictionaries (coding.autocode.dictionaries), preview their hits in
context, and autocode them.

The window lists the project's dictionaries, the selected one's category tree (with the code each category is
linked to) and the selected category's entries. Every change — new, from the codebook, import, rename, delete,
add/rename/link/move/delete a category, add/edit/delete an entry — is one undo step through
``window.bench.execute`` (Edit › Undo takes it back). **Preview** finds the hits off the GUI thread and shows
counts per category and every hit in context (left, match, right, document, category); **Autocode…** codes the
hits at word, sentence or turn scope as the chosen coder, one undo step (``AutocodeEdit``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import dialogs
from app.commands import BenchCommand
from app.i18n import number
from app.operations import Operation, location_of
from app.warmup import preload
from coding.changes import Changes
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.progress import Cancel, Progress
from models import Coder

if TYPE_CHECKING:
    from app.main import MainWindow
    from app.workbench import Workbench
    from coding.autocode import dictionaries as d
    from coding.autocode.apply import AutocodeEdit, Passage
    from coding.project import Project

# The dictionaries core loads when the editor first opens (preloaded once the window is up), not at start.
CORE_MODULES = ("coding.autocode.dictionaries", "coding.autocode.apply")

ATTRIBUTE = "dictionary_editor"
MENU_TEXT = QT_TRANSLATE_NOOP("DictionaryTools", "Dictionaries…")
SCOPE_LABELS = {"word": QT_TRANSLATE_NOOP("DictionaryEditor", "word"),
                "sentence": QT_TRANSLATE_NOOP("DictionaryEditor", "sentence"),
                "turn": QT_TRANSLATE_NOOP("DictionaryEditor", "turn")}  # d.SCOPES as the user reads them
KWIC_WIDTH = 50  # characters of context each side
CONTEXT_PIXELS = 330  # the widest a context column starts
MAX_KWIC_ROWS = 2000  # hits shown in context: a table of a corpus' 300,000 hits would take the GUI minutes
UUID_ROLE = Qt.ItemDataRole.UserRole


class DictionaryCommand(BenchCommand):
    """One dictionary edit as one undo step."""

    def __init__(self, bench: Workbench, edit: d.DictionaryEdit) -> None:
        super().__init__(bench, edit.label, edit)


class AutocodeDictionaryCommand(BenchCommand):
    def __init__(self, bench: Workbench, edit: AutocodeEdit) -> None:
        super().__init__(bench, edit.label, edit)


@dataclass
class Preview:
    """What Preview found: counts per category, every hit, and the first ``MAX_KWIC_ROWS`` in context."""

    counts: d.HitCounts
    lines: list[d.KwicLine]
    hits: int


def _preview_work(name: str) -> Callable[[Project, Progress, Cancel], Preview]:
    def work(project: Project, progress: Progress, cancelled: Cancel) -> Preview:
        from coding.autocode import dictionaries as d

        with project.session() as session:
            hits = d.find_hits(session, name, progress=progress, cancelled=cancelled)
            return Preview(d.hit_counts(session, name, "all", hits=hits),
                           d.kwic_lines(session, hits[:MAX_KWIC_ROWS], KWIC_WIDTH), len(hits))
    return work


def _passages_work(name: str, scope: str) -> Callable[[Project, Progress, Cancel], list[Passage]]:
    def work(project: Project, _progress: Progress, _cancelled: Cancel) -> list[Passage]:
        from coding.autocode import dictionaries as d

        with project.session() as session:
            return d.autocode_passages(session, name, scope)
    return work


def file_filter() -> str:
    return QCoreApplication.translate("DictionaryEditor", "Dictionary text (*.txt);;All files (*)")


def scope_label(scope: str) -> str:
    """A scope of ``d.SCOPES`` in the interface language (the English is the scope itself)."""
    return QCoreApplication.translate("DictionaryEditor", SCOPE_LABELS.get(scope, scope))


def _buttons(*specs: tuple[str, Callable[[], object]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    row = QHBoxLayout()
    made: list[QPushButton] = []
    for text, slot in specs:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False, run=slot: run())
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made


class DictionaryEditor(QDialog):
    """The dictionaries of one open project: lists, tree, entries, preview and autocode."""

    def __init__(self, bench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bench = bench
        self.state: d.DictionaryState | None = None
        self.preview: Preview | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(QCoreApplication.translate("DictionaryEditor", "Dictionaries"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self._build()
        self.resize(1280, 760)
        bench.changes_applied.connect(self._on_changes)
        self.reload()

    # -- layout ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self._dictionary_pane())
        top.addWidget(self._category_pane())
        top.addWidget(self._entry_pane())
        top.setSizes([260, 520, 420])
        bottom = self._preview_pane()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([380, 380])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _dictionary_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.addWidget(QLabel(QCoreApplication.translate("DictionaryEditor", "<b>Dictionaries</b>")))
        self.dictionary_list = QListWidget()
        self.dictionary_list.currentItemChanged.connect(lambda *_: self._show_dictionary())
        layout.addWidget(self.dictionary_list, 1)
        grid = QGridLayout()
        for at, (text, slot) in enumerate((
                (QCoreApplication.translate("DictionaryEditor", "New…"), self.new_dictionary),
                (QCoreApplication.translate("DictionaryEditor", "From codebook…"), self.from_codebook),
                (QCoreApplication.translate("DictionaryEditor", "Import…"), self.import_dialog),
                (QCoreApplication.translate("DictionaryEditor", "Export…"), self.export_dialog),
                (QCoreApplication.translate("DictionaryEditor", "Rename…"), self.rename_dictionary),
                (QCoreApplication.translate("DictionaryEditor", "Delete"), self.delete_dictionary))):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            grid.addWidget(button, at // 2, at % 2)
        layout.addLayout(grid)
        return pane

    def _category_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.addWidget(QLabel(QCoreApplication.translate(
            "DictionaryEditor", "<b>Categories</b> (a category's hits are coded with its linked code)")))
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([QCoreApplication.translate("DictionaryEditor", "Category"),
                                   QCoreApplication.translate("DictionaryEditor", "Entries"),
                                   QCoreApplication.translate("DictionaryEditor", "Linked code")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._show_entries())
        layout.addWidget(self.tree, 1)
        row, _ = _buttons((QCoreApplication.translate("DictionaryEditor", "Add"), lambda: self.add_category(None)),
                          (QCoreApplication.translate("DictionaryEditor", "Add inside"), self._add_inside),
                          (QCoreApplication.translate("DictionaryEditor", "Rename…"), self.rename_category),
                          (QCoreApplication.translate("DictionaryEditor", "Link code…"), self.link_code),
                          (QCoreApplication.translate("DictionaryEditor", "Move into…"), self.move_into),
                          (QCoreApplication.translate("DictionaryEditor", "Move to top"), self.move_to_top),
                          (QCoreApplication.translate("DictionaryEditor", "Delete"), self.delete_category))
        layout.addLayout(row)
        return pane

    def _entry_pane(self) -> QWidget:
        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.addWidget(QLabel(QCoreApplication.translate(
            "DictionaryEditor", "<b>Entries</b>: word, @lemma, wildcard*, \"phrase\", a NEAR/5 b, NOT …")))
        self.entries = QListWidget()
        self.entries.itemDoubleClicked.connect(lambda _item: self.edit_entry())
        layout.addWidget(self.entries, 1)
        add_row = QHBoxLayout()
        self.entry_edit = QLineEdit()
        self.entry_edit.setPlaceholderText(QCoreApplication.translate(
            "DictionaryEditor", 'e.g. referr*   "primary care"   budget NEAR/5 hospital   NOT "care home"'))
        self.entry_edit.returnPressed.connect(self.add_entry)
        add_row.addWidget(self.entry_edit, 1)
        add_button = QPushButton(QCoreApplication.translate("DictionaryEditor", "Add"))
        add_button.clicked.connect(lambda _checked=False: self.add_entry())
        add_row.addWidget(add_button)
        layout.addLayout(add_row)
        row, _ = _buttons((QCoreApplication.translate("DictionaryEditor", "Edit…"), self.edit_entry),
                          (QCoreApplication.translate("DictionaryEditor", "Delete"), self.delete_entry))
        layout.addLayout(row)
        return pane

    def _preview_pane(self) -> QWidget:
        from coding.autocode import dictionaries as d

        pane = QWidget()
        layout = QVBoxLayout(pane)
        row = QHBoxLayout()
        self.preview_button = QPushButton(QCoreApplication.translate("DictionaryEditor", "Preview"))
        self.preview_button.clicked.connect(lambda _checked=False: self.run_preview())
        row.addWidget(self.preview_button)
        row.addWidget(QLabel(QCoreApplication.translate("DictionaryEditor", "Autocode at")))
        self.scope_box = QComboBox()
        for scope in d.SCOPES:
            self.scope_box.addItem(scope_label(scope), scope)
        self.scope_box.setCurrentIndex(1)
        row.addWidget(self.scope_box)
        row.addWidget(QLabel(QCoreApplication.translate("DictionaryEditor", "as")))
        self.coder_box = QComboBox()
        row.addWidget(self.coder_box)
        self.autocode_button = QPushButton(QCoreApplication.translate("DictionaryEditor", "Autocode…"))
        self.autocode_button.clicked.connect(lambda _checked=False: self.run_autocode())
        row.addWidget(self.autocode_button)
        self.status = QLabel("")
        row.addWidget(self.status, 1)
        layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.counts_table = self._table([QCoreApplication.translate("DictionaryEditor", "Category"),
                                         QCoreApplication.translate("DictionaryEditor", "Hits")])
        self.kwic_table = self._table([QCoreApplication.translate("DictionaryEditor", "Left"),
                                       QCoreApplication.translate("DictionaryEditor", "Match"),
                                       QCoreApplication.translate("DictionaryEditor", "Right"),
                                       QCoreApplication.translate("DictionaryEditor", "Document"),
                                       QCoreApplication.translate("DictionaryEditor", "Category")])
        splitter.addWidget(self.counts_table)
        splitter.addWidget(self.kwic_table)
        splitter.setSizes([260, 1020])
        layout.addWidget(splitter, 1)
        return pane

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -- reading --------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the dictionaries, coders and codes again, keeping what was selected."""
        from coding.autocode import dictionaries as d

        chosen = self.current_dictionary()
        with self.bench.project.session() as session:
            summaries = d.list_dictionaries(session)
            self.code_paths = _code_paths(session)
            coders = [(c.name, c.id) for c in session.scalars(select(Coder).order_by(Coder.name))]
        self.dictionary_list.blockSignals(True)
        self.dictionary_list.clear()
        for summary in summaries:
            item = QListWidgetItem(summary.name)
            item.setData(UUID_ROLE, summary.uuid)
            self.dictionary_list.addItem(item)
            if summary.uuid == chosen:
                self.dictionary_list.setCurrentItem(item)
        if self.dictionary_list.currentItem() is None and self.dictionary_list.count():
            self.dictionary_list.setCurrentRow(0)
        self.dictionary_list.blockSignals(False)
        current_coder = self.coder_box.currentData() or self.bench.coder_id
        self.coder_box.clear()
        for name, coder_id in coders:
            self.coder_box.addItem(name, coder_id)
        self.coder_box.setCurrentIndex(max(self.coder_box.findData(current_coder), 0))
        self._show_dictionary()

    def current_dictionary(self) -> str | None:
        item = self.dictionary_list.currentItem()
        return None if item is None else str(item.data(UUID_ROLE))

    def current_category(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else str(item.data(0, UUID_ROLE))

    def _show_dictionary(self) -> None:
        from coding.autocode import dictionaries as d

        uuid = self.current_dictionary()
        if self.state is None or self.state.uuid != uuid:
            self._clear_preview()
        chosen = self.current_category()
        with self.bench.project.session() as session:
            self.state = None if uuid is None else d.read_state(session, uuid)
        self.tree.blockSignals(True)
        self.tree.clear()
        if self.state is not None:
            self._fill_tree(self.tree.invisibleRootItem(), self.state.categories, chosen)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._show_entries()

    def _fill_tree(self, parent: QTreeWidgetItem, categories: tuple[d.CategoryState, ...], chosen: str | None) -> None:
        for category in categories:
            linked = self.code_paths.get(category.code_uuid or "", "")
            item = QTreeWidgetItem([category.name, str(len(category.entries)), linked.replace("/", " › ")])
            item.setData(0, UUID_ROLE, category.uuid)
            if category.entries and not linked:
                item.setToolTip(2, QCoreApplication.translate(
                    "DictionaryEditor", "Not linked to a code: its hits cannot be autocoded"))
                item.setText(2, QCoreApplication.translate("DictionaryEditor", "— not linked —"))
            parent.addChild(item)
            if category.uuid == chosen:
                self.tree.setCurrentItem(item)
            self._fill_tree(item, category.children, chosen)

    def _show_entries(self) -> None:
        self.entries.clear()
        uuid = self.current_category()
        if self.state is None or uuid is None:
            return
        for entry in self.state.find(uuid).entries:
            self.entries.addItem(entry)

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.dictionaries or changes.codes or changes.coders:
            self.reload()

    # -- running edits ------------------------------------------------------------------------------------
    def execute(self, edit: d.DictionaryEdit) -> bool:
        return self.bench.execute(DictionaryCommand(self.bench, edit), self)

    def _named(self) -> str | None:
        if self.state is None:
            dialogs.show_error(self, QCoreApplication.translate(
                "DictionaryEditor", "Choose a dictionary first (or make one with New…)."))
            return None
        return self.state.uuid

    def _category(self) -> tuple[str, str] | None:
        dictionary = self._named()
        category = self.current_category()
        if dictionary is not None and category is None:
            dialogs.show_error(self, QCoreApplication.translate("DictionaryEditor", "Choose a category first."))
        return None if dictionary is None or category is None else (dictionary, category)

    def _select_dictionary_named(self, name: str) -> None:
        for row in range(self.dictionary_list.count()):
            if self.dictionary_list.item(row).text() == name:
                self.dictionary_list.setCurrentRow(row)

    # -- dictionary actions ----------------------------------------------------------------------------------
    def new_dictionary(self, name: str | None = None, *, from_codebook: bool = False) -> bool:
        from coding.autocode import dictionaries as d

        name = name or dialogs.ask_text(self, QCoreApplication.translate("DictionaryEditor", "New dictionary"),
                                       QCoreApplication.translate("DictionaryEditor", "Name:"))
        if not name:
            return False
        done = self.execute(d.create_dictionary_edit(name, from_codebook=from_codebook))
        self._select_dictionary_named(name.strip())
        return done

    def from_codebook(self, name: str | None = None) -> bool:
        return self.new_dictionary(name or dialogs.ask_text(
            self, QCoreApplication.translate("DictionaryEditor", "Dictionary from the codebook"),
            QCoreApplication.translate("DictionaryEditor", "Name:"),
            QCoreApplication.translate("DictionaryEditor", "Codebook")), from_codebook=True)

    def import_dialog(self) -> bool:
        path = dialogs.open_file(self, QCoreApplication.translate("DictionaryEditor", "Import dictionary"), "",
                                file_filter())
        return False if path is None else self.import_file(Path(path))

    def import_file(self, path: Path, name: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        try:
            edit = d.import_dictionary_edit(d.read_dictionary_file(path), name or path.stem)
        except ConcordError as exc:
            dialogs.show_error(self, f"{path.name}: {exc}")
            return False
        done = self.execute(edit)
        self._select_dictionary_named(name or path.stem)
        return done

    def export_dialog(self) -> bool:
        if self._named() is None or self.state is None:
            return False
        path = dialogs.save_file(self, QCoreApplication.translate("DictionaryEditor", "Export dictionary"),
                                f"{self.state.name}.txt", file_filter())
        return False if path is None else self.export_file(Path(path))

    def export_file(self, path: Path) -> bool:
        from coding.autocode import dictionaries as d

        if self.state is None:
            return False
        try:
            with self.bench.project.session() as session:
                text = d.export_text(session, self.state.uuid)
            path.write_text(text, encoding="utf-8")
        except (ConcordError, OSError) as exc:
            dialogs.show_error(self, f"{path.name}: {exc}")
            return False
        self.status.setText(QCoreApplication.translate("DictionaryEditor", "Wrote {path}").format(path=path))
        return True

    def rename_dictionary(self, name: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        uuid = self._named()
        if uuid is None or self.state is None:
            return False
        name = name or dialogs.ask_text(self, QCoreApplication.translate("DictionaryEditor", "Rename dictionary"),
                                       QCoreApplication.translate("DictionaryEditor", "Name:"), self.state.name)
        return bool(name) and self.execute(d.rename_dictionary_edit(uuid, name or ""))

    def delete_dictionary(self) -> bool:
        from coding.autocode import dictionaries as d

        uuid = self._named()
        return uuid is not None and self.execute(d.delete_dictionary_edit(uuid))

    # -- category actions ------------------------------------------------------------------------------------
    def add_category(self, parent_uuid: str | None, name: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        uuid = self._named()
        if uuid is None:
            return False
        name = name or dialogs.ask_text(self, QCoreApplication.translate("DictionaryEditor", "Add category"),
                                       QCoreApplication.translate("DictionaryEditor", "Name:"))
        if not name:
            return False
        edit = d.add_category_edit(uuid, name, parent_uuid=parent_uuid)
        done = self.execute(edit)
        if done:
            self._select_category(edit.category_uuid)
        return done

    def _add_inside(self) -> bool:
        chosen = self._category()
        return chosen is not None and self.add_category(chosen[1])

    def rename_category(self, name: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        if chosen is None or self.state is None:
            return False
        name = name or dialogs.ask_text(self, QCoreApplication.translate("DictionaryEditor", "Rename category"),
                                       QCoreApplication.translate("DictionaryEditor", "Name:"),
                                       self.state.find(chosen[1]).name)
        return bool(name) and self.execute(d.edit_category_edit(*chosen, name=name))

    def link_code(self, code_uuid: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        if chosen is None:
            return False
        if code_uuid is None:
            choices = sorted(self.code_paths.items(), key=lambda pair: pair[1])
            ids = {index: uuid for index, (uuid, _) in enumerate(choices)}
            picked = dialogs.choose_code(self, QCoreApplication.translate("DictionaryEditor", "Link code"),
                                         QCoreApplication.translate("DictionaryEditor",
                                                                    "Code the category's hits with:"),
                                         [(index, path) for index, (_, path) in enumerate(choices)])
            if picked is None:
                return False
            code_uuid = ids[picked]
        return self.execute(d.edit_category_edit(*chosen, code_uuid=code_uuid))

    def move_into(self, target_uuid: str | None = None) -> bool:
        """Move the chosen category (with its entries and subcategories) inside another; a cycle is refused."""
        from coding.autocode import dictionaries as d

        chosen = self._category()
        if chosen is None or self.state is None:
            return False
        if target_uuid is None:
            targets = [(path, category.uuid) for path, category in self.state.walk() if category.uuid != chosen[1]]
            if not targets:
                return False
            path, accepted = QInputDialog.getItem(self, QCoreApplication.translate("DictionaryEditor", "Move into"),
                                                  QCoreApplication.translate("DictionaryEditor",
                                                                             "Move the category inside:"),
                                                  [p for p, _ in targets], 0, False)
            if not accepted:
                return False
            target_uuid = dict(targets)[path]
        return self.execute(d.edit_category_edit(*chosen, parent_uuid=target_uuid))

    def move_to_top(self) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        return chosen is not None and self.execute(d.edit_category_edit(*chosen, parent_uuid=None))

    def delete_category(self) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        return chosen is not None and self.execute(d.delete_category_edit(*chosen))

    def _select_category(self, uuid: str) -> None:
        for item in self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            if item.data(0, UUID_ROLE) == uuid:
                self.tree.setCurrentItem(item)

    # -- entry actions ---------------------------------------------------------------------------------------
    def add_entry(self, text: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        entry = (text if text is not None else self.entry_edit.text()).strip()
        if chosen is None or not entry:
            return False
        if not self._run_checked(lambda: d.add_entry_edit(*chosen, entry)):
            return False
        self.entry_edit.clear()
        return True

    def edit_entry(self, new: str | None = None) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        item = self.entries.currentItem()
        if chosen is None or item is None:
            return False
        old = item.text()
        if new is None:
            typed, accepted = QInputDialog.getText(self, QCoreApplication.translate("DictionaryEditor", "Edit entry"),
                                                   QCoreApplication.translate("DictionaryEditor", "Pattern:"),
                                                   text=old)
            new = typed if accepted else None
        if not new or new.strip() == old:
            return False
        return self._run_checked(lambda: d.edit_entry_edit(*chosen, old, new or ""))

    def delete_entry(self) -> bool:
        from coding.autocode import dictionaries as d

        chosen = self._category()
        item = self.entries.currentItem()
        return chosen is not None and item is not None and self.execute(d.delete_entry_edit(*chosen, item.text()))

    def _run_checked(self, make: Callable[[], d.DictionaryEdit]) -> bool:
        """Build an edit whose pattern is checked up front (a malformed one: one dialog, nothing changed)."""
        try:
            edit = make()
        except ConcordError as exc:
            dialogs.show_error(self, str(exc))
            return False
        return self.execute(edit)

    # -- preview and autocode --------------------------------------------------------------------------------
    def _clear_preview(self) -> None:
        self.preview = None
        self.counts_table.setRowCount(0)
        self.kwic_table.setRowCount(0)
        self.status.setText("")

    def run_preview(self) -> Operation | None:
        """Find the hits off the GUI thread; the tables fill when they are in."""
        if self._named() is None or self.state is None:
            return None
        self.preview_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("DictionaryEditor", "Finding hits…"))
        self.operation = Operation(self, _preview_work(self.state.uuid), project_path=location_of(self.bench.project),
                                   read_only=True, on_success=self._show_preview)
        self.operation.stopped.connect(lambda: self.preview_button.setEnabled(True))
        return self.operation.start()

    def _show_preview(self, preview: Preview) -> None:
        self.preview = preview
        counts = preview.counts
        self.counts_table.setRowCount(len(counts.categories))
        for row, category in enumerate(counts.categories):
            self.counts_table.setItem(row, 0, QTableWidgetItem(category))
            total = QTableWidgetItem(str(counts.total(category)))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts_table.setItem(row, 1, total)
        self.kwic_table.setRowCount(len(preview.lines))
        for row, line in enumerate(preview.lines):
            for column, value in enumerate((line.left, line.match, line.right, line.document, line.category)):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.kwic_table.setItem(row, column, item)
        self.counts_table.resizeColumnsToContents()
        self.kwic_table.resizeColumnsToContents()
        for column in (0, 2):  # the context columns: keep the document and category in view
            self.kwic_table.setColumnWidth(column, min(self.kwic_table.columnWidth(column), CONTEXT_PIXELS))
        shown = "" if preview.hits == len(preview.lines) else QCoreApplication.translate(
            "DictionaryEditor", "; the first {count} in context").format(count=number(len(preview.lines)))
        self.status.setText(QCoreApplication.translate(
            "DictionaryEditor", "{hits} hit(s) in {categories} categories{shown}").format(
                hits=number(preview.hits), categories=len(counts.categories), shown=shown))

    def run_autocode(self) -> Operation | None:
        """Turn the hits into passages off the GUI thread, then apply them as the chosen coder, one undo step."""
        if self._named() is None or self.state is None:
            return None
        name, scope, coder = self.state.name, str(self.scope_box.currentData()), self.coder_box.currentData()
        coder_name = self.coder_box.currentText()
        scope_name = scope_label(scope)

        def apply(passages: list[Passage]) -> None:
            from coding.autocode.apply import AutocodeEdit

            if not passages:
                dialogs.show_info(self, QCoreApplication.translate(
                    "DictionaryEditor", "Dictionary '{name}' has no hits: nothing to code.").format(name=name))
                return
            question = QCoreApplication.translate(
                "DictionaryEditor", "Code {count} passage(s) — the {scope} of each hit of '{name}', with its "
                "category's code — as {coder}? Passages {coder} already coded so are skipped; Edit › Undo takes "
                "the whole run back.").format(count=number(len(passages)), scope=scope_name, name=name,
                                              coder=coder_name)
            autocode = QCoreApplication.translate("DictionaryEditor", "Autocode")
            if not dialogs.confirm(self, question, autocode, autocode):
                self.status.setText(QCoreApplication.translate("DictionaryEditor",
                                                               "Autocode cancelled: nothing coded."))
                return
            label = QCoreApplication.translate("DictionaryEditor", "Autocode dictionary '{name}' ({scope}) for {coder}")
            edit = AutocodeEdit(passages, int(coder), label.format(name=name, scope=scope_name, coder=coder_name))
            if self.bench.execute(AutocodeDictionaryCommand(self.bench, edit), self):
                self.status.setText(QCoreApplication.translate(
                    "DictionaryEditor", "Coded {count} passage(s) as {coder} ({skipped} already coded, skipped). "
                    "Edit › Undo takes the whole run back.").format(count=len(edit.created), coder=coder_name,
                                                                     skipped=edit.skipped))
        self.autocode_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("DictionaryEditor", "Finding passages…"))
        self.operation = Operation(self, _passages_work(self.state.uuid, scope),
                                   project_path=location_of(self.bench.project), read_only=True, on_success=apply)
        self.operation.stopped.connect(lambda: self.autocode_button.setEnabled(True))
        return self.operation.start()


def _code_paths(session: Session) -> dict[str, str]:
    """Code uuid -> "Level 1/Level 2" path, by the names the interface shows (Chinese ones in Chinese)."""
    from app.code_names import shown_path
    from coding.codebook import CodeTree

    codes = CodeTree.load(session).codes
    return {info.uuid: shown_path(info, codes) for info in codes.values()}


class DictionaryTools(QObject):
    """Tools › Dictionaries… for one main window, and the editor it opened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.editor: DictionaryEditor | None = None
        self.action = window.tools_menu.addAction(QCoreApplication.translate("DictionaryTools", MENU_TEXT),
                                                  self.open_editor)
        self.action.setStatusTip(QCoreApplication.translate(
            "DictionaryTools", "Dictionaries of words, phrases, wildcards and proximity rules: edit, preview hits "
            "in context, autocode"))
        self.action.setEnabled(window.bench is not None)
        window.project_opened.connect(lambda: self.action.setEnabled(True))
        window.project_closed.connect(self._closed)

    def open_editor(self) -> DictionaryEditor | None:
        bench = self.window.bench
        if bench is None:
            return None
        if self.editor is None or self.editor.bench is not bench:
            self._close_editor()
            self.editor = DictionaryEditor(bench, self.window)
        else:
            self.editor.reload()
        self.editor.show()
        self.editor.raise_()
        return self.editor

    def _closed(self) -> None:
        self.action.setEnabled(False)
        self._close_editor()

    def _close_editor(self) -> None:
        if self.editor is not None:
            try:
                self.editor.bench.changes_applied.disconnect(self.editor._on_changes)
            except (RuntimeError, TypeError):  # the workbench is gone already
                pass
            self.editor.close()
            self.editor.deleteLater()
            self.editor = None


def install(window: MainWindow) -> None:
    """Add Tools › Dictionaries… to ``window`` (once)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, DictionaryTools(window))
        preload(CORE_MODULES)


def tools_of(window: QWidget) -> DictionaryTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["AutocodeDictionaryCommand", "DictionaryCommand", "DictionaryEditor", "DictionaryTools", "Preview",
           "install", "tools_of"]
