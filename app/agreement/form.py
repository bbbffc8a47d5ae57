"""The "what to compare" form of the agreement window: coders, codes or level, unit, presence rule, segment
tolerance, measures and bootstrap resamples, turned into ``ComparisonParams`` (or a message saying what is
missing)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.agreement.colours import symbol_of, title_of
from app.code_names import shown_name
from coding.agreement.compare import (
    AVAILABLE_MEASURES,
    DEFAULT_MEASURES,
    DEFAULT_TOLERANCE,
    MAX_RESAMPLES,
    ComparisonParams,
)
from coding.agreement.conventions import CONVENTION_TITLES
from coding.agreement.runs import list_snapshots
from coding.agreement.weighted import MEASURE_TITLES
from coding.codebook import CodeNode, codebook_tree
from coding.coders import list_coders
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name

translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
UNIT_CHOICES = (  # (unit, its name in English: shown through translate("AgreementForm", name))
    ("sentence", QT_TRANSLATE_NOOP("AgreementForm", "Sentences")),
    ("turn", QT_TRANSLATE_NOOP("AgreementForm", "Speaker turns")),
    ("character", QT_TRANSLATE_NOOP("AgreementForm", "Characters (NVivo)")),
    ("segment", QT_TRANSLATE_NOOP("AgreementForm", "Coded segments (MAXQDA)")),
    ("document", QT_TRANSLATE_NOOP("AgreementForm", "Documents (code present at all)")),
)
CHOSEN_CODES = "chosen"
# the measure boxes name α without " (nominal)": its own entry in the catalogue
ALPHA_BOX = QT_TRANSLATE_NOOP("AgreementMeasures", "Krippendorff's alpha")


@dataclass(frozen=True)
class CoderChoice:
    """A rater the form offers: a coder (``name``) or a snapshot (``snapshot:CODER@LABEL``)."""

    rater: str
    label: str
    codings: int
    is_consensus: bool = False


def coder_choices(session: Session) -> list[CoderChoice]:
    """People first, then consensus coders, then saved snapshots."""
    coders = list_coders(session)
    people = [CoderChoice(c.name, translate("AgreementForm", "{coder}  ({codings})").format(
        coder=c.name, codings=_codings(c.codings)), c.codings) for c in coders if not c.is_consensus]
    consensus = [CoderChoice(c.name, translate("AgreementForm", "{coder}  (consensus, {codings})").format(
        coder=c.name, codings=_codings(c.codings)), c.codings, True) for c in coders if c.is_consensus]
    snapshots = [CoderChoice(s.rater, translate("AgreementForm", "{coder} — snapshot “{label}” ({codings})").format(
        coder=s.coder, label=s.label, codings=_codings(s.codings)), s.codings) for s in list_snapshots(session)]
    return people + consensus + snapshots


def _codings(count: int) -> str:
    return translate("AgreementForm", "%Ln coding(s)", None, count)


class CompareForm(QWidget):
    """Parameters of a comparison. ``params()`` gives them, or None with ``problem`` saying why."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = ""
        self.coders = QListWidget()
        self.coders.setObjectName("coderList")
        self.scope = QComboBox()
        self.codes = QTreeWidget()
        self.codes.setHeaderHidden(True)
        self.codes.setMinimumHeight(150)
        self.codes.setVisible(False)
        self.unit = QComboBox()
        for kind, title in UNIT_CHOICES:
            self.unit.addItem(translate("AgreementForm", title), kind)
        self.rule = QSpinBox()
        self.rule.setRange(0, 100)
        self.rule.setSuffix(translate("AgreementForm", " % of the unit"))
        self.rule.setSpecialValueText(translate("AgreementForm", "any coded character"))
        self.rule.setToolTip(translate("AgreementForm", "When a sentence or turn counts as coded: any coded "
                                                        "character, or at least this share"))
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 100)
        self.tolerance.setDecimals(0)
        self.tolerance.setValue(DEFAULT_TOLERANCE)
        self.tolerance.setSuffix(translate("AgreementForm", " % overlap"))
        self.tolerance.setToolTip(translate("AgreementForm", "Two segments match when their overlap "
                                                             "(intersection / union) reaches this"))
        self.measures: dict[str, QCheckBox] = {}
        measure_grid = QGridLayout()
        measure_grid.setContentsMargins(0, 0, 0, 0)
        measure_grid.setVerticalSpacing(2)
        for i, measure in enumerate(AVAILABLE_MEASURES):
            box = QCheckBox(translate("AgreementMeasures", MEASURE_TITLES.get(measure, measure).replace(
                " (nominal)", "")))
            box.setToolTip(f"{title_of(measure)} ({symbol_of(measure)})")
            box.setChecked(measure in DEFAULT_MEASURES)
            self.measures[measure] = box
            measure_grid.addWidget(box, i, 0)
        self.resamples = QSpinBox()
        self.resamples.setRange(0, MAX_RESAMPLES)
        self.resamples.setSingleStep(500)
        self.resamples.setSpecialValueText(translate("AgreementForm", "none"))
        self.resamples.setSuffix(translate("AgreementForm", " resamples"))
        self.resamples.setToolTip(translate("AgreementForm",
                                            "Bootstrap resamples of units for 95% confidence intervals (0 = none)"))
        self.label = QLineEdit()
        self.label.setPlaceholderText(translate("AgreementForm", "e.g. training round 2"))
        self.convention = QComboBox()
        self.convention.setObjectName("conventionChoice")
        self.convention.addItem(translate("AgreementForm", "none"), None)
        for name, title in CONVENTION_TITLES.items():
            self.convention.addItem(translate("AgreementConventions", title), name)
        self.convention.setToolTip(translate("AgreementForm", "Also give the figures NVivo, MAXQDA or ATLAS.ti would "
                                                              "report, computed from their documented definitions, "
                                                              "beside Concord's"))
        # issue 17, item 1 (--done-only)
        self.done_only = QCheckBox(translate("AgreementForm", "only documents marked done"))
        self.done_only.setObjectName("doneOnly")
        self.done_only.setToolTip(translate("AgreementForm", "A coder's document counts as coded when marked done "
                                                             "or holding any of their codings; tick to count only "
                                                             "documents marked done. Elsewhere the coder's values "
                                                             "are missing, not 'coded nothing'."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_section(translate("AgreementForm", "Coders")))
        layout.addWidget(self.coders)
        layout.addWidget(_section(translate("AgreementForm", "Codes")))
        layout.addWidget(self.scope)
        layout.addWidget(self.codes)
        layout.addWidget(_section(translate("AgreementForm", "Unit of comparison")))
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("AgreementForm", "Unit:"), self.unit)
        self.rule_label = QLabel(translate("AgreementForm", "Coded when:"))
        form.addRow(self.rule_label, self.rule)
        self.tolerance_label = QLabel(translate("AgreementForm", "Match at:"))
        form.addRow(self.tolerance_label, self.tolerance)
        layout.addLayout(form)
        layout.addWidget(_section(translate("AgreementForm", "Measures")))
        layout.addLayout(measure_grid)
        layout.addWidget(_section(translate("AgreementForm", "Run")))
        run_form = QFormLayout()
        run_form.setContentsMargins(0, 0, 0, 0)
        run_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        run_form.addRow(translate("AgreementForm", "Bootstrap:"), self.resamples)
        run_form.addRow(translate("AgreementForm", "Label:"), self.label)
        run_form.addRow(translate("AgreementForm", "Vendor figures:"), self.convention)
        run_form.addRow(translate("AgreementForm", "Coded:"), self.done_only)
        layout.addLayout(run_form)
        layout.addStretch(1)

        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self._unit_changed()

    # -- filling -----------------------------------------------------------------------------------
    def load(self, session: Session) -> None:
        """Fill coders and codes from the project, keeping what was ticked before."""
        ticked = set(self.checked_coders())
        first_fill = self.coders.count() == 0
        self.coders.clear()
        for choice in coder_choices(session):
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.rater)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            tick = choice.rater in ticked if not first_fill else (
                not choice.is_consensus and not choice.rater.startswith("snapshot:") and choice.codings > 0)
            item.setCheckState(Qt.CheckState.Checked if tick else Qt.CheckState.Unchecked)
            self.coders.addItem(item)
        rows = min(max(self.coders.count(), 2), 6)
        self.coders.setFixedHeight(rows * max(self.coders.sizeHintForRow(0), 20) + 2 * self.coders.frameWidth() + 6)
        self._load_codes(codebook_tree(session))

    def _load_codes(self, roots: list[CodeNode]) -> None:
        chosen = set(self.checked_codes())
        current = self.scope.currentData()
        depth = _depth(roots)
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(translate("AgreementForm", "Every code, all levels"), None)
        for level in range(1, depth + 1):
            self.scope.addItem(translate("AgreementForm", "Level {level} codes only").format(level=level), level)
        self.scope.addItem(translate("AgreementForm", "Codes I choose…"), CHOSEN_CODES)
        index = self.scope.findData(current)
        self.scope.setCurrentIndex(max(index, 0))
        self.scope.blockSignals(False)
        self.codes.clear()

        def add(node: CodeNode, parent: QTreeWidget | QTreeWidgetItem) -> None:
            item = QTreeWidgetItem(parent, [shown_name(node)])  # the English path stays on hover
            item.setData(0, Qt.ItemDataRole.UserRole, node.uuid)
            item.setToolTip(0, node.path.replace("/", " › "))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if node.uuid in chosen else Qt.CheckState.Unchecked)
            for child in node.children:
                add(child, item)

        for root in roots:
            add(root, self.codes)
        self.codes.expandAll()
        self._scope_changed()

    # -- reading -----------------------------------------------------------------------------------
    def checked_coders(self) -> list[str]:
        return [self.coders.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.coders.count())
                if self.coders.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked_coders(self, raters: list[str]) -> None:
        for i in range(self.coders.count()):
            item = self.coders.item(i)
            wanted = item.data(Qt.ItemDataRole.UserRole) in raters
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def checked_codes(self) -> list[str]:
        found: list[str] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            if item.checkState(0) == Qt.CheckState.Checked:
                found.append(item.data(0, Qt.ItemDataRole.UserRole))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.codes.topLevelItemCount()):
            walk(self.codes.topLevelItem(i))
        return found

    def set_checked_codes(self, uuids: list[str]) -> None:
        self.scope.setCurrentIndex(self.scope.findData(CHOSEN_CODES))

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            wanted = item.data(0, Qt.ItemDataRole.UserRole) in uuids
            item.setCheckState(0, Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.codes.topLevelItemCount()):
            walk(self.codes.topLevelItem(i))

    def set_unit(self, unit: str) -> None:
        self.unit.setCurrentIndex(max(self.unit.findData(unit), 0))

    def set_level(self, level: int | None) -> None:
        self.scope.setCurrentIndex(max(self.scope.findData(level), 0))

    def set_measures(self, measures: list[str]) -> None:
        for name, box in self.measures.items():
            box.setChecked(name in measures)

    def params(self) -> ComparisonParams | None:
        """The parameters, or None with ``self.problem`` set to a message for the user."""
        self.problem = ""
        coders = self.checked_coders()
        if len(coders) < 2:
            if coders:
                self.problem = translate("AgreementForm", "Tick at least two coders to compare (ticked: {coders})."
                                         ).format(coders=", ".join(coders))
            else:
                self.problem = translate("AgreementForm", "Tick at least two coders to compare.")
            return None
        if self.scope.count() <= 2:  # "every code" and "codes I choose" only: the codebook is empty
            self.problem = translate("AgreementForm", "The codebook has no codes to compare. Add codes first.")
            return None
        scope = self.scope.currentData()
        codes: tuple[str, ...] | None = None
        level = scope if isinstance(scope, int) else None
        if scope == CHOSEN_CODES:
            codes = tuple(self.checked_codes())
            if not codes:
                self.problem = translate("AgreementForm",
                                         "Tick at least one code to compare, or compare every code or one level.")
                return None
        measures = tuple(name for name, box in self.measures.items() if box.isChecked())
        if not measures:
            self.problem = translate("AgreementForm", "Tick at least one measure.")
            return None
        unit = self.unit.currentData()
        rule = "any" if self.rule.value() == 0 else f"{self.rule.value()}%"
        return ComparisonParams(
            coders=tuple(coders), unit=unit, level=level, codes=codes, measures=measures, rule=rule,
            tolerance=float(self.tolerance.value()), n_resamples=int(self.resamples.value()),
            convention=self.convention.currentData(), done_only=self.done_only.isChecked(),
        )

    def run_label(self) -> str:
        return self.label.text().strip()

    # -- reacting ------------------------------------------------------------------------------------
    def _scope_changed(self) -> None:
        self.codes.setVisible(self.scope.currentData() == CHOSEN_CODES)
        self.changed.emit()

    def _unit_changed(self) -> None:
        unit = self.unit.currentData()
        by_units = unit in ("sentence", "turn")
        self.rule.setEnabled(by_units)
        self.rule_label.setEnabled(by_units)
        self.tolerance.setEnabled(unit == "segment")
        self.tolerance_label.setEnabled(unit == "segment")
        self.changed.emit()


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    return label


def _depth(roots: list[CodeNode]) -> int:
    deepest = 0
    stack = list(roots)
    while stack:
        node = stack.pop()
        deepest = max(deepest, node.level)
        stack.extend(node.children)
    return deepest


__all__ = ["CHOSEN_CODES", "UNIT_CHOICES", "CoderChoice", "CompareForm", "coder_choices"]
