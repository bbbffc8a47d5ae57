"""What the analysis views share: background runs, the filter bar, a table model, charts and save dialogs.

Every analysis is computed in a pool thread on its own ``Project`` (``app.operations.Operation``), so a
large project never freezes the window; only the newest run of a view is shown (older runs are
cancelled and their late results dropped).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL, func, select
from sqlalchemy.orm import Session

import shiboken6

from app import dialogs
from app.code_labels import CodeLabels
from app.code_names import shown_name
from app.itemmodels.codebook_model import swatch
from app.operations import Operation
from coding import chart_process
from coding.chart_process import ChartRecipe
from coding.i18n import QT_TRANSLATE_NOOP
from coding.codebook import CodeTree
from coding.analysis.filters import AttributeCondition, SegmentFilter
from coding.analysis.basis import PER_CODER, POOLED, SINGLE, basis_text, coders_with_codings, settled_by
from coding.numbers import fixed
from coding.progress import Cancel, Progress
from coding.project import Project
from models import Attribute, AttributeValue, Case, Code, Coder, Document, DocumentGroup

if TYPE_CHECKING:  # matplotlib loads in the chart process (and here only for ChartPanel.figure)
    from matplotlib.figure import Figure

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 11
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 12
WARNING_STYLE = (
    "QLabel { background: #fff4e0; color: #5c3a00; border: 1px solid #f0a830; border-radius: 5px; "
    "padding: 8px 10px; font-weight: 600; }"
)
ERROR_STYLE = "QLabel { color: #b3261e; }"
SAVE_DPI = 200  # a saved analysis chart, as coding.analysis.charts.save_figure writes it


# == background runs ===================================================================================
Work = Callable[[Project, Progress, Cancel], Any]
R = TypeVar("R")
WorkFor = Callable[[Project, Progress, Cancel], R]  # a Work whose result is known: ``WorkFor[Crosstab]``


class Runner(QObject):
    """One view's background computations: a new run cancels the previous one, whose result is ignored."""

    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)

    def __init__(self, project_path: Path | URL, actor: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_path = project_path
        self.actor = actor
        self.generation = 0
        self.current: Operation | None = None
        self.tasks: list[Operation] = []

    @property
    def busy(self) -> bool:
        return self.current is not None

    def run(self, work: Work) -> Operation:
        self.cancel()
        self.generation += 1
        generation = self.generation
        # No parent window: the view waits for its runs itself (``wait``) before the project goes away.
        operation = Operation(None, work, project_path=self.project_path, actor=self.actor, stop_on_close=False,
                              on_success=lambda result: self._finished(generation, operation, result),
                              on_failure=lambda message: self._failed(generation, operation, message))
        operation.progressed.connect(
            lambda done, total, label: self.progress.emit(done, total, label) if generation == self.generation else None
        )
        self.current = operation
        self.tasks.append(operation)
        return operation.start()

    def cancel(self) -> None:
        if self.current is not None:
            self.current.cancel()
            self.current = None

    def wait(self, seconds: float = 30.0) -> None:
        """Block until every started run has ended (before the project file goes away)."""
        for task in self.tasks:
            task.done.wait(seconds)
        self.tasks = [t for t in self.tasks if not t.done.is_set()]

    def _forget(self, task: Operation) -> bool:
        if task in self.tasks:
            self.tasks.remove(task)
        if task is self.current:
            self.current = None
            return True
        return False

    def _finished(self, generation: int, task: Operation, result: object) -> None:
        if self._forget(task) and generation == self.generation:
            self.finished.emit(result)

    def _failed(self, generation: int, task: Operation, message: str) -> None:
        if self._forget(task) and generation == self.generation:
            self.failed.emit(message)


# == what the filters offer ============================================================================
@dataclass(frozen=True)
class Choices:
    """The codes, coders, cases, attribute values and groups a filter can choose from."""

    tree: CodeTree
    codable: frozenset[int]
    coders: list[tuple[int, str, bool]]  # id, name, is consensus
    cases: list[tuple[int, str]]
    attributes: list[tuple[str, list[str]]]  # name, its values in use
    groups: list[tuple[int, str]]
    documents: int = 0
    coded: frozenset[int] = frozenset()  # coders who have codings
    settled_by: tuple[str, ...] = ()  # who settled the consensus
    signed_in: int | None = None  # the coder using the app

    def default_coder(self) -> int | None:
        """The coder the analyses start on: the consensus when it has codings, else the signed-in coder
        (else whoever coded, when nobody is signed in)."""
        consensus = [ident for ident, _, is_consensus in self.coders if is_consensus and ident in self.coded]
        if consensus:
            return consensus[0]
        if self.signed_in is not None:
            return self.signed_in
        return next((ident for ident, _, _ in self.coders if ident in self.coded), None)

    def codes_in_order(self) -> list[int]:
        return self.tree.preorder()

    @cached_property
    def labels(self) -> CodeLabels:
        """The codes as the interface names them (Chinese names in a Chinese interface), for results that store
        English paths."""
        return CodeLabels(self.tree.codes)

    def depth(self) -> int:
        return max((info.level for info in self.tree.codes.values()), default=0)

    def attribute_names(self) -> list[str]:
        return [name for name, _ in self.attributes]


def load_choices(session: Session, signed_in: int | None = None) -> Choices:
    tree = CodeTree.load(session)
    codable = frozenset(session.scalars(select(Code.id).where(Code.is_codable.is_(True))))
    coders = [(c.id, c.name, bool(c.is_consensus)) for c in session.execute(
        select(Coder.id, Coder.name, Coder.is_consensus).order_by(Coder.is_consensus, Coder.name))]
    cases = [(c.id, c.name) for c in session.execute(select(Case.id, Case.name).order_by(Case.name))]
    values: dict[int, set[str]] = {}
    for attribute_id, value in session.execute(select(AttributeValue.attribute_id, AttributeValue.value)):
        if value != "":
            values.setdefault(attribute_id, set()).add(value)
    attributes = [
        (a.name, sorted(values.get(a.id, set()), key=natural_key))
        for a in session.execute(select(Attribute.id, Attribute.name).order_by(Attribute.position, Attribute.name))
    ]
    groups = [(g.id, g.name) for g in session.execute(select(DocumentGroup.id, DocumentGroup.name)
                                                        .order_by(DocumentGroup.name))]
    documents = session.scalar(select(func.count(Document.id))) or 0
    coded = frozenset(c[0] for c in coders_with_codings(session))
    return Choices(tree, codable, coders, cases, attributes, groups, int(documents), coded, settled_by(session),
                   signed_in)


def natural_key(value: str) -> tuple[int, float, str]:
    """Numbers in numeric order, then text alphabetically ("2" before "10")."""
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value.casefold())


class IndentDelegate(QStyledItemDelegate):
    """Indents a combo box's list entries by their codebook level (the closed box shows the plain name)."""

    STEP = 16

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        level = index.data(LEVEL_ROLE) or 1
        shifted = QStyleOptionViewItem(option)
        shifted.rect = option.rect.adjusted(self.STEP * (int(level) - 1), 0, 0, 0)
        super().paint(painter, shifted, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + self.STEP * (int(index.data(LEVEL_ROLE) or 1) - 1), hint.height())


def fill_code_combo(combo: QComboBox, choices: Choices, *, any_label: str | None = None,
                    codable_only: bool = False, current: int | None = None) -> None:
    """Codes in codebook order, indented by level, with their colours; data = code id (None for 'any')."""
    combo.blockSignals(True)
    combo.clear()
    if not isinstance(combo.itemDelegate(), IndentDelegate):
        combo.setItemDelegate(IndentDelegate(combo))
    if any_label is not None:
        combo.addItem(any_label, None)
    icons: dict[str, QIcon] = {}
    for code_id in choices.codes_in_order():
        info = choices.tree.codes[code_id]
        if codable_only and code_id not in choices.codable:
            continue
        icon = icons.setdefault(info.colour, swatch(info.colour))
        combo.addItem(icon, shown_name(info), code_id)  # the English path stays on hover
        combo.setItemData(combo.count() - 1, info.path.replace("/", " › "), Qt.ItemDataRole.ToolTipRole)
        combo.setItemData(combo.count() - 1, info.level, LEVEL_ROLE)
    index = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def combo(items: Sequence[tuple[str, object]], current: object = None, tip: str = "") -> QComboBox:
    box = QComboBox()
    for label, data in items:
        box.addItem(label, data)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    if tip:
        box.setToolTip(tip)
    return box


def translated_items(context: str, items: Sequence[tuple[str, object]]) -> list[tuple[str, object]]:
    """(label, data) pairs whose labels were marked with ``QT_TRANSLATE_NOOP(context, …)``, translated now."""
    return [(QCoreApplication.translate(context, label), data) for label, data in items]


def select_data(box: QComboBox, data: object) -> bool:
    index = box.findData(data)
    if index >= 0:
        box.setCurrentIndex(index)
    return index >= 0


def labelled(text: str, widget: QWidget) -> QWidget:
    """A caption and its control side by side, for the option bars."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(5)
    caption = QLabel(text)
    caption.setBuddy(widget)
    layout.addWidget(caption)
    layout.addWidget(widget)
    return holder


KEY_SEPARATOR = "\x1f"  # between an attribute's name and value in a combo box's data


def condition_key(attribute: str, value: str) -> str:
    return f"{attribute}{KEY_SEPARATOR}{value}"


# == the filter bar =====================================================================================
class CoderButton(QToolButton):
    """Whose codings count: one coder, the consensus, several coders pooled, or every coder pooled or per
    coder; locked to one's own in blind mode. It starts on :meth:`Choices.default_coder` — never on a
    silent pool of everyone."""

    changed = Signal()
    ALL_POOLED = QT_TRANSLATE_NOOP("CoderButton", "All coders, pooled")  # shown through translate("CoderButton", …)
    ALL_PER_CODER = QT_TRANSLATE_NOOP("CoderButton", "All coders, per coder")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.coders: list[tuple[int, str, bool]] = []
        self.chosen: set[int] = set()  # empty: every coder
        self.per_coder = False  # count each coder's codings apart (else pooled: a passage once)
        self.defaulted = False  # the default coder was chosen once; after that the choice is the user's
        self.blind: tuple[int, str] | None = None
        self.pooled_action: QAction | None = None
        self.per_coder_action: QAction | None = None
        self.coder_actions: dict[int, QAction] = {}
        self._refresh_text()

    def set_coders(self, coders: list[tuple[int, str, bool]], blind: tuple[int, str] | None,
                   default: int | None = None) -> None:
        known = {c[0] for c in coders}
        self.coders, self.blind = coders, blind
        self.chosen &= known
        if not self.defaulted and default in known:
            self.chosen, self.per_coder, self.defaulted = {default}, False, True
        self._rebuild()

    def choose(self, coder_ids: Sequence[int], *, per_coder: bool = False) -> None:
        """Choose these coders (none: all coders), pooled unless ``per_coder``."""
        self.chosen = set(coder_ids) & {c[0] for c in self.coders}
        self.per_coder, self.defaulted = per_coder, True
        self._sync_checks()
        self.changed.emit()

    def choose_consensus(self) -> None:
        self.choose([c[0] for c in self.coders if c[2]])

    def coder_ids(self) -> tuple[int, ...] | None:
        if self.blind is not None:
            return (self.blind[0],)
        return tuple(sorted(self.chosen)) if self.chosen else None

    def pooled(self) -> bool:
        return not self.per_coder

    def _rebuild(self) -> None:
        """Make the menu anew (only when the coders change: never from inside one of its own actions)."""
        self.menu_.clear()
        self.pooled_action = self.per_coder_action = None
        self.coder_actions = {}
        if self.blind is not None:
            note = self.menu_.addAction(QCoreApplication.translate("CoderButton", "Blind mode: only {coder}'s codings")
                                        .format(coder=self.blind[1]))
            note.setEnabled(False)
            self._refresh_text()
            return
        if any(c[2] for c in self.coders):
            consensus = self.menu_.addAction(QCoreApplication.translate("CoderButton", "Consensus only"))
            consensus.triggered.connect(self.choose_consensus)
            self.menu_.addSeparator()
        for coder_id, name, is_consensus in self.coders:
            action = self.menu_.addAction(name + (QCoreApplication.translate("CoderButton", " (consensus)") if is_consensus else ""))
            action.setCheckable(True)
            action.triggered.connect(lambda on, ident=coder_id: self._toggle(ident, on))
            self.coder_actions[coder_id] = action
        self.menu_.addSeparator()
        self.pooled_action = self.menu_.addAction(QCoreApplication.translate("CoderButton", self.ALL_POOLED))
        self.pooled_action.setToolTip(QCoreApplication.translate(
            "CoderButton", "Every coder's codings; a passage several coders coded counts once"))
        self.pooled_action.setCheckable(True)
        self.pooled_action.triggered.connect(lambda: self.choose([]))
        self.per_coder_action = self.menu_.addAction(QCoreApplication.translate("CoderButton", self.ALL_PER_CODER))
        self.per_coder_action.setToolTip(QCoreApplication.translate(
            "CoderButton", "Every coder's codings, each coder's counted apart (a passage two coders coded counts "
            "twice)"))
        self.per_coder_action.setCheckable(True)
        self.per_coder_action.triggered.connect(lambda: self.choose([], per_coder=True))
        self.menu_.setToolTipsVisible(True)
        self._sync_checks()

    def _sync_checks(self) -> None:
        if self.pooled_action is not None and self.per_coder_action is not None:
            self.pooled_action.setChecked(not self.chosen and not self.per_coder)
            self.per_coder_action.setChecked(not self.chosen and self.per_coder)
        for coder_id, action in self.coder_actions.items():
            action.setChecked(coder_id in self.chosen)
        self._refresh_text()

    def _toggle(self, coder_id: int, on: bool) -> None:
        chosen = set(self.chosen)
        chosen.add(coder_id) if on else chosen.discard(coder_id)
        self.choose(sorted(chosen))

    def _refresh_text(self) -> None:
        if self.blind is not None:
            text = QCoreApplication.translate("CoderButton", "{coder} only (blind)").format(coder=self.blind[1])
            self.setToolTip(QCoreApplication.translate(
                "CoderButton", "Blind mode shows only your codings. Turn it off with View › Show only my codings."))
        elif not self.chosen:
            text = QCoreApplication.translate("CoderButton", self.ALL_PER_CODER if self.per_coder else self.ALL_POOLED)
            self.setToolTip(QCoreApplication.translate("CoderButton", "Whose codings count"))
        else:
            names = [name for ident, name, _ in self.coders if ident in self.chosen]
            text = ", ".join(names) if len(names) <= 2 else QCoreApplication.translate(
                "CoderButton", "{count} coders").format(count=len(names))
            tip = (QCoreApplication.translate("CoderButton", "Codings of {coders}, pooled") if len(names) > 1
                   else QCoreApplication.translate("CoderButton", "Codings of {coders}"))
            self.setToolTip(tip.format(coders=", ".join(names)))
        self.setText(text + "  ")

    def basis(self, coded: frozenset[int], settled: Sequence[str]) -> str:
        """"Codings of: …" for the current choice (the same words as the exports and the CLI)."""
        ids = self.coder_ids()
        chosen = [c for c in self.coders if (ids is None and c[0] in coded) or (ids is not None and c[0] in ids)]
        consensus = bool(chosen) and all(c[2] for c in chosen)
        pooling = SINGLE if len(chosen) <= 1 else (PER_CODER if self.per_coder else POOLED)
        return basis_text([c[1] for c in chosen], consensus=consensus, settled_by=settled if consensus else (),
                          pooling=pooling)


class FilterBar(QWidget):
    """Code (± the codes below), coders or consensus, case, attribute value and document group."""

    changed = Signal()

    def __init__(self, *, codes: bool = False, coders: bool = True, documents: bool = True,
                 any_code: str | None = QT_TRANSLATE_NOOP("FilterBar", "Any code"),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: Choices | None = None
        # the default is translated here; a caller's own label comes translated already (no entry: unchanged)
        self.any_code = QCoreApplication.translate("FilterBar", any_code) if any_code is not None else None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        outer.addLayout(layout)
        # What every figure below rests on ("Codings of: Lin, Wang — pooled, a passage counted once").
        self.basis_label = QLabel()
        self.basis_label.setObjectName("basis")
        self.basis_label.setWordWrap(True)
        self.basis_label.setVisible(coders)
        outer.addWidget(self.basis_label)
        self.code = QComboBox()
        self.code.setMinimumContentsLength(22)
        self.code.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.descendants = QCheckBox(QCoreApplication.translate("FilterBar", "with codes below"))
        self.descendants.setChecked(True)
        self.descendants.setToolTip(QCoreApplication.translate("FilterBar", "Also count the codes below the chosen code"))
        self.coder = CoderButton()
        self.case = QComboBox()
        self.case.setMinimumContentsLength(10)
        self.case.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.attribute = QComboBox()
        self.attribute.setMinimumContentsLength(18)
        self.attribute.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group = QComboBox()
        self.group.setMinimumContentsLength(10)
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if codes:
            layout.addWidget(labelled(QCoreApplication.translate("FilterBar", "Code"), self.code))
            layout.addWidget(self.descendants)
        if coders:
            layout.addWidget(labelled(QCoreApplication.translate("FilterBar", "Coders"), self.coder))
        if documents:
            layout.addWidget(labelled(QCoreApplication.translate("FilterBar", "Case"), self.case))
            layout.addWidget(labelled(QCoreApplication.translate("FilterBar", "Attribute"), self.attribute))
            layout.addWidget(labelled(QCoreApplication.translate("FilterBar", "Group"), self.group))
        layout.addStretch(1)
        self.show_codes, self.show_coders, self.show_documents = codes, coders, documents
        for box in (self.code, self.case, self.attribute, self.group):
            box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.descendants.toggled.connect(lambda _on: self.changed.emit())
        self.coder.changed.connect(self._show_basis)
        self.coder.changed.connect(self.changed.emit)

    def set_choices(self, choices: Choices, blind: tuple[int, str] | None) -> None:
        """Offer these codes, coders …, keeping what was chosen where it still exists."""
        self.choices = choices
        self.blockSignals(True)
        fill_code_combo(self.code, choices, any_label=self.any_code, current=self.code.currentData())
        self.coder.set_coders(choices.coders, blind, choices.default_coder())
        self._show_basis()
        self._fill(self.case, QCoreApplication.translate("FilterBar", "Any case"), choices.cases)
        conditions = [(f"{name} = {value}", condition_key(name, value))
                      for name, values in choices.attributes for value in values]
        self._fill(self.attribute, QCoreApplication.translate("FilterBar", "Any attribute value"), [(data, label) for label, data in conditions])
        self._fill(self.group, QCoreApplication.translate("FilterBar", "Any group") if choices.groups
                   else QCoreApplication.translate("FilterBar", "No groups"), choices.groups)
        self.group.setEnabled(bool(choices.groups))
        self.blockSignals(False)

    @staticmethod
    def _fill(box: QComboBox, any_label: str, items: Sequence[tuple[object, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(any_label, None)
        for data, label in items:
            box.addItem(label, data)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    # -- reading and setting -----------------------------------------------------------------------
    def code_ids(self) -> tuple[int, ...] | None:
        code_id = self.code.currentData() if self.show_codes else None
        if code_id is None or self.choices is None:
            return None
        return tuple(self.choices.tree.subtree(code_id)) if self.descendants.isChecked() else (code_id,)

    def segment_filter(self) -> SegmentFilter:
        key = self.attribute.currentData() if self.show_documents else None
        case_id = self.case.currentData() if self.show_documents else None
        group_id = self.group.currentData() if self.show_documents else None
        return SegmentFilter(
            code_ids=self.code_ids(),
            coder_ids=self.coder.coder_ids() if self.show_coders else None,
            pooled=self.coder.pooled() and len(self.coder.coder_ids() or (0, 0)) > 1,  # one coder: as coded
            case_ids=(case_id,) if case_id is not None else None,
            group_ids=(group_id,) if group_id is not None else None,
            where=(AttributeCondition(*key.split(KEY_SEPARATOR, 1)),) if key is not None else (),
        )

    def scope(self) -> SegmentFilter:
        """Only the document conditions (case, attribute, group): the scope of a text search."""
        flt = self.segment_filter()
        return SegmentFilter(case_ids=flt.case_ids, group_ids=flt.group_ids, where=flt.where)

    def set_code(self, code_id: int | None, descendants: bool = True) -> None:
        self.descendants.setChecked(descendants)
        select_data(self.code, code_id)

    def set_case(self, case_id: int | None) -> None:
        select_data(self.case, case_id)

    def set_condition(self, attribute: str | None, value: str | None = None) -> None:
        select_data(self.attribute, condition_key(attribute, value or "") if attribute is not None else None)

    def set_group(self, group_id: int | None) -> None:
        select_data(self.group, group_id)

    def copy_from(self, other: FilterBar) -> None:
        self.set_code(other.code.currentData(), other.descendants.isChecked())
        self.coder.choose(sorted(other.coder.chosen), per_coder=other.coder.per_coder)
        self.set_case(other.case.currentData())
        select_data(self.attribute, other.attribute.currentData())
        self.set_group(other.group.currentData())

    def basis(self) -> str:
        """"Codings of: …": whose codings the figures rest on and how they are counted."""
        if self.choices is None:
            return ""
        return self.coder.basis(self.choices.coded, self.choices.settled_by)

    def _show_basis(self) -> None:
        self.basis_label.setText(self.basis())

    def describe(self) -> str:
        parts = []
        if self.show_codes and self.code.currentData() is not None:
            below = QCoreApplication.translate("FilterBar", " and below") if self.descendants.isChecked() else ""
            parts.append(self.code.currentText().strip() + below)
        if self.show_coders:
            parts.append(self.coder.text().strip())
        for box in (self.case, self.attribute, self.group):
            if self.show_documents and box.currentData() is not None:
                parts.append(box.currentText())
        return "; ".join(parts)


# == a plain table model =================================================================================
def format_number(value: object, decimals: int = 1) -> str:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        return fixed(value, decimals, grouping=True)
    return str(value)


class TableModel(QAbstractTableModel):
    """Rows of plain values; numbers are right-aligned and sort as numbers (through a proxy)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[list[object]] = []
        self.tooltips: list[str] = []
        self.icons: list[QIcon | None] = []
        self.header_tips: list[str] = []
        self.decimals = 1
        self.bold_columns: set[int] = set()
        self.right_columns: set[int] = set()  # text columns that hold figures ("12  (40%)")

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[object]], *,
                  tooltips: Sequence[str] | None = None, icons: Sequence[QIcon | None] | None = None,
                  header_tips: Sequence[str] | None = None, decimals: int = 1) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.rows = [list(row) for row in rows]
        self.tooltips = list(tooltips or [])
        self.icons = list(icons or [])
        self.header_tips = list(header_tips or [])
        self.decimals = decimals
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def value(self, row: int, column: int) -> object:
        return self.rows[row][column]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.header_tips[section] if section < len(self.header_tips) else self.headers[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
        numeric = number is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value, self.decimals) if numeric else ("" if value is None else str(value))
        if role == SORT_ROLE:
            if number is not None:
                return float(number)
            return "" if value is None else str(value).strip().casefold()
        if role == Qt.ItemDataRole.TextAlignmentRole and (numeric or index.column() in self.right_columns):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and index.row() < len(self.tooltips):
            return self.tooltips[index.row()] or None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and index.row() < len(self.icons):
            return self.icons[index.row()]
        if role == Qt.ItemDataRole.FontRole and index.column() in self.bold_columns:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


# == charts ==============================================================================================
def drawn_image(recipe: ChartRecipe, dpi: int = 96) -> tuple[QImage | None, Any]:
    """The chart drawn by the chart process, as an image (None when its builder made no figure), and what its
    builder returned. Blocks until drawn: call it in a worker thread (any thread: no Qt widget)."""
    drawn = chart_process.draw(recipe, dpi)
    if drawn is None:
        return None, None
    image = QImage(drawn.pixels, drawn.width, drawn.height, 4 * drawn.width, QImage.Format.Format_RGBA8888)
    return image.copy(), drawn.cells  # the copy owns its pixels


class ChartImage(QWidget):
    """A drawn chart: its image at its own size, or scaled down (smoothly, keeping its proportions) to the width
    there is, as the canvas it replaces fitted its width; taller than the panel, it scrolls."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = pixmap
        self.setAutoFillBackground(False)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _scale(self, width: int) -> float:
        return min(1.0, width / max(self.pixmap.width(), 1))

    def sizeHint(self) -> QSize:
        return self.pixmap.size()

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.pixmap.width(), 240), 0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(round(self.pixmap.height() * self._scale(width)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        scale = self._scale(self.width())
        painter.drawPixmap(QRect(0, 0, int(self.pixmap.width() * scale), int(self.pixmap.height() * scale)),
                           self.pixmap)
        painter.end()


class ChartPanel(QWidget):
    """A chart (scrolls when tall), with Save as PNG/SVG: built and drawn in the chart process from a recipe
    (``show_chart``), shown as an image; or a message instead (``set_figure(None, message)``)."""

    drawn = Signal()  # a chart given to show_chart (or its message) is on screen
    written = Signal(object)  # the Path a chart was saved to, once the file is there

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.recipe: ChartRecipe | None = None  # the chart on screen
        self._figure: tuple[ChartRecipe, Figure | None] | None = None  # built here, for scripts and tests
        self.canvas: QWidget | None = None
        self.pending = False  # a chart is being built and drawn in the chart process
        self._generation = 0
        self._asked: tuple[ChartRecipe, str | None, int] | None = None  # waiting for the chart being drawn
        self._drawing = False  # a worker waits for the chart process to draw a chart
        self.save_button = QToolButton()
        self.save_button.setText(QCoreApplication.translate("ChartPanel", "Save chart…"))
        self.save_button.setToolTip(QCoreApplication.translate("ChartPanel", "Save the chart as a PNG image or an SVG drawing"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.placeholder = QLabel(QCoreApplication.translate("ChartPanel", "No chart yet."))
        self.placeholder.setObjectName("hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = QScrollArea()  # not `scroll`: that is QWidget.scroll()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.placeholder)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(title)
        caption.setObjectName("sectionLabel")
        top.addWidget(caption)
        top.addStretch(1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        self.save_folder: Callable[[], str] = lambda: ""
        self.saved: Callable[[Path], None] = lambda _path: None
        chart_process.start()  # a chart will be asked for soon: the chart process starts loading matplotlib now

    @property
    def figure(self) -> Figure | None:
        """The chart on screen as a matplotlib Figure built in this process (scripts and tests look into it; the
        window itself never builds one); None when no chart is shown."""
        if self.recipe is None:
            return None
        if self._figure is None or self._figure[0] is not self.recipe:
            self._figure = (self.recipe, chart_process.build_here(self.recipe))
        return self._figure[1]

    def show_chart(self, builder: Callable[..., Figure | None] | ChartRecipe, *args: Any, message: str | None = None,
                   **kwargs: Any) -> None:
        """Show ``builder(*args, **kwargs)`` (a module-level function returning a Figure or None: it is sent to the
        chart process, with its arguments), or a ready ``ChartRecipe``. Building and drawing a chart takes from 0.1 s
        to over a second (matplotlib's text layout, holding its process's GIL): the chart process does it while a
        worker thread here waits, so the window never freezes. ``drawn`` is emitted when it shows (``message``
        instead when the builder makes no figure or fails); a newer chart replaces an older one still being
        drawn."""
        recipe = builder if isinstance(builder, ChartRecipe) else ChartRecipe(builder, args, kwargs)
        self._generation += 1
        self.pending = True
        self._asked = (recipe, message, self._generation)
        if not self._drawing:  # else the chart being drawn finishes first, then the latest one asked is drawn
            self._draw_asked()

    def _draw_asked(self) -> None:
        """Draw the chart last asked for, one at a time: the chart process draws every chart it is sent, and one
        replaced before it was drawn would only delay the charts after it (of this view and the others)."""
        if self._asked is None:
            return
        (recipe, message, generation), self._asked = self._asked, None
        self._drawing = True
        Operation(None, lambda _progress, _cancelled: drawn_image(recipe)[0], stop_on_close=False,
                  on_success=lambda image: self._rendered(generation, recipe, image, message),
                  on_failure=lambda error: self._rendered(generation, None, None, error)).start()

    def _rendered(self, generation: int, recipe: ChartRecipe | None, image: QImage | None,
                  message: str | None) -> None:
        if not shiboken6.isValid(self):
            return
        self._drawing = False
        if generation != self._generation:  # replaced meanwhile: draw the latest asked (if one still is)
            self._draw_asked()
            return
        self.pending = False
        if recipe is None or image is None:
            self.set_figure(None, message or QCoreApplication.translate("ChartPanel", "No chart yet."))
        else:
            self.recipe = recipe
            shown = ChartImage(QPixmap.fromImage(image))
            self.scroll_area.setWidget(shown)
            self.canvas = shown
            self.save_button.setEnabled(True)
        self.drawn.emit()

    def set_figure(self, figure: None, message: str | None = None) -> None:
        """Show ``message`` instead of a chart (there is none: ``figure`` is None, as the name is kept for callers)."""
        self._generation += 1  # shown now: a chart still being drawn is not wanted any more
        self.pending, self._asked = False, None
        self.recipe = figure
        self.placeholder = QLabel(message or QCoreApplication.translate("ChartPanel", "No chart yet."))
        self.placeholder.setObjectName("hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.scroll_area.setWidget(self.placeholder)
        self.canvas = None
        self.save_button.setEnabled(False)

    def save(self) -> Path | None:
        """Ask where, then have the chart process write the chart there, off the GUI thread; ``written`` is emitted
        when the file is there, an error is shown in a dialog. Returns the file asked for (None: cancelled)."""
        recipe = self.recipe
        if recipe is None:
            return None
        target = ask_save_path(self, QCoreApplication.translate("ChartPanel", "Save {chart}").format(chart=self.title.lower()), self.save_folder(),
                               file_stem(self.title), (".png", ".svg"))
        if target is None:
            return None
        Operation(self, lambda _progress, _cancelled: chart_process.save(recipe, target, dpi=SAVE_DPI),
                  on_success=lambda written: self._written(written),
                  on_failure=lambda message: dialogs.show_error(self, message)).start()
        return target

    def _written(self, target: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self.saved(target)
        self.written.emit(target)


# == save dialogs ========================================================================================
FILE_TYPES = {  # shown through translate("FileTypes", …)
    ".docx": QT_TRANSLATE_NOOP("FileTypes", "Word document (*.docx)"),
    ".xlsx": QT_TRANSLATE_NOOP("FileTypes", "Excel workbook (*.xlsx)"),
    ".csv": QT_TRANSLATE_NOOP("FileTypes", "CSV, UTF-8 (*.csv)"),
    ".json": QT_TRANSLATE_NOOP("FileTypes", "Codebook JSON (*.json)"),
    ".png": QT_TRANSLATE_NOOP("FileTypes", "PNG image (*.png)"),
    ".svg": QT_TRANSLATE_NOOP("FileTypes", "SVG drawing (*.svg)"),
}


def file_stem(title: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "_".join(cleaned.split()).lower() or "export"


def ask_save_path(parent: QWidget | None, title: str, folder: str, stem: str,
                  suffixes: Sequence[str]) -> Path | None:
    """The platform's own save dialog offering ``suffixes``; a name typed without one gets the chosen type's."""
    filters = [QCoreApplication.translate("FileTypes", FILE_TYPES[s]) for s in suffixes]
    start = str(Path(folder or Path.home()) / f"{stem}{suffixes[0]}")
    path = dialogs.save_file(parent, title, start, ";;".join(filters))
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() not in suffixes:  # a suffix the filters do not offer: add the first one
        target = target.with_name(target.name + suffixes[0])
    return target


# == small widgets ========================================================================================
def status_label() -> QLabel:
    label = QLabel()
    label.setObjectName("hint")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def warning_banner() -> QLabel:
    banner = QLabel()
    banner.setWordWrap(True)
    banner.setStyleSheet(WARNING_STYLE)
    banner.hide()
    return banner


def option_bar(*widgets: QWidget, stretch: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch(1)
    return layout


def heat(colour: QColor, share: float) -> QColor:
    """``colour`` faded towards transparent: a light tint for small shares, stronger for large ones."""
    tinted = QColor(colour)
    tinted.setAlphaF(0.06 + 0.32 * max(0.0, min(share, 1.0)))
    return tinted


def debounce(parent: QObject, milliseconds: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer


__all__ = [
    "PAYLOAD_ROLE",
    "SORT_ROLE",
    "ChartPanel",
    "Choices",
    "CoderButton",
    "FilterBar",
    "Runner",
    "TableModel",
    "ask_save_path",
    "combo",
    "debounce",
    "file_stem",
    "fill_code_combo",
    "format_number",
    "heat",
    "labelled",
    "load_choices",
    "natural_key",
    "option_bar",
    "select_data",
    "status_label",
    "translated_items",
    "warning_banner",
]
