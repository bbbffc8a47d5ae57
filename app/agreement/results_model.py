"""The results table of an agreement run: one row per code (and per pool), value columns per measure for
"all units" and for "coded units", each with its n, coloured by the benchmark written for the measure's family
(α: Krippendorff; Cohen's/Fleiss' κ: Landis & Koch; none for AC1, Brennan–Prediger, percent, specific agreement).
Coded units show percent and positive specific agreement only (no chance-corrected value); all units add negative
specific agreement, and one "coded share" column per coder shows each coder's prevalence of the code.

A run is shown through :class:`RunView`, built either from a fresh ``ComparisonResult`` or from a stored run
(``coding.agreement.runs.load_run``) — the figures are the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from app.agreement.colours import TEXT_ON_BAND, band_colour, band_name, convention_of, symbol_of, title_of
from app.agreement.notes import shown_note
from app.code_labels import CodeLabels
from app.i18n import number
from coding.agreement.bands import band
from coding.agreement.compare import (
    ALPHA_BELOW,
    DISAGREEMENTS,
    OWN_CODINGS_SUFFIX,
    POOL_OF_LEVEL,
    POOL_OF_MOST_SPECIFIC,
    POOL_WITH_OWN_CODINGS,
    PREVALENCE,
    ComparisonResult,
    Figure,
)
from coding.agreement.conventions import CONVENTION_SYMBOLS
from coding.agreement.figure_table import FigureTable, as_table
from coding.agreement.runs import StoredRun
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name

translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 1
# In English; shown through units_title / unit_plural (translate("AgreementResults", text))
UNITS_TITLES = {"all": QT_TRANSLATE_NOOP("AgreementResults", "all units"),
                "coded": QT_TRANSLATE_NOOP("AgreementResults", "coded units"),
                "boundary": QT_TRANSLATE_NOOP("AgreementResults", "all units, boundary reading")}
UNIT_PLURALS = {"character": QT_TRANSLATE_NOOP("AgreementResults", "characters"),
                "sentence": QT_TRANSLATE_NOOP("AgreementResults", "sentences"),
                "turn": QT_TRANSLATE_NOOP("AgreementResults", "speaker turns"),
                "document": QT_TRANSLATE_NOOP("AgreementResults", "documents"),
                "segment": QT_TRANSLATE_NOOP("AgreementResults", "coded segments")}
UNITS = QT_TRANSLATE_NOOP("AgreementResults", "units")  # a run's units when its kind is unknown


def units_title(units: str) -> str:
    """"all units", "coded units" … in the interface language."""
    return translate("AgreementResults", UNITS_TITLES.get(units, units))


_LEVEL_POOL = re.compile(re.escape(POOL_OF_LEVEL).replace(re.escape("{level}"), r"(\d+)"))


def code_title(name: str, pooled: bool, labels: CodeLabels | None = None, uuid: str | None = None) -> str:
    """A row's code name (a leaf or a pool, as the run stored it in English) in the interface language: pools by
    their translated names, "(own codings)" rows with the suffix translated; a code by its shown name in
    ``labels`` (the codebook: Chinese where it has one, ``name`` may be the stored path), else as stored."""
    if pooled:
        if name in (POOL_OF_MOST_SPECIFIC, POOL_WITH_OWN_CODINGS):
            return translate("AgreementPools", name)
        level = _LEVEL_POOL.fullmatch(name)
        return translate("AgreementPools", POOL_OF_LEVEL).format(level=level.group(1)) if level else name
    own = name.endswith(OWN_CODINGS_SUFFIX)
    code = name[:-len(OWN_CODINGS_SUFFIX)] if own else name
    if labels is not None:
        code = labels.name(code, uuid)
    return code + translate("AgreementPools", OWN_CODINGS_SUFFIX) if own else code


def unit_plural(unit: str, default: str | None = None) -> str:
    """The plural name of a unit kind ("sentences", "speaker turns" …) in the interface language."""
    return translate("AgreementResults", UNIT_PLURALS.get(unit, unit if default is None else default))
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RunView:
    """A comparison as the agreement window shows it (``run_id`` None: computed, not stored)."""

    run_id: int | None
    label: str
    created_at: datetime | None
    parameters: dict[str, Any]
    # A FigureTable: a run over thousands of documents holds ~a million figures, kept as columns, never as
    # objects; the table and heatmap pick a scope out with array comparisons.
    figures: FigureTable = field(default_factory=FigureTable.empty)
    # What the window reads of the figures, computed once: over a million figures each answer is a pass over
    # the columns (tens to hundreds of ms), so :meth:`prepare` works them out in the worker that built the view.
    _cache: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def prepare(self) -> RunView:
        """Work out, off the GUI thread, everything showing the run needs first: coder scopes, whether it has
        per-document figures and intervals, and the figures over all documents for every coder scope."""
        for coder_a, coder_b in self.coder_scopes():
            self.scope_figures(coder_a, coder_b, None)
        self.has_documents()
        self.has_intervals()
        return self

    def _cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def scope_figures(self, coder_a: str | None, coder_b: str | None,
                      document_uuid: str | None) -> tuple[list[Figure], list[Figure]]:
        """The figures of one coder scope and one document scope (None: over all documents), and every coder's
        prevalence in that document scope (remembered: switching back and forth reads them once)."""
        def compute() -> tuple[list[Figure], list[Figure]]:
            chosen = self.figures.select(coder_a=coder_a, coder_b=coder_b, document_uuid=document_uuid)
            return chosen, self._prevalence(document_uuid)

        result: tuple[list[Figure], list[Figure]] = self._cached(("scope", coder_a, coder_b, document_uuid), compute)
        return result

    def _prevalence(self, document_uuid: str | None) -> list[Figure]:
        shares: list[Figure] = self._cached(("prevalence", document_uuid), lambda: self.figures.select(
            measure=PREVALENCE, document_uuid=document_uuid))
        return shares

    @classmethod
    def from_stored(cls, stored: StoredRun) -> RunView:
        return cls(stored.id, stored.label, stored.created_at, dict(stored.parameters), as_table(stored.figures))

    @classmethod
    def from_result(cls, result: ComparisonResult, run_id: int | None = None, label: str = "",
                    created_at: datetime | None = None) -> RunView:
        return cls(run_id, label, created_at, result.parameters_json(), as_table(result.figures))

    def overall(self) -> list[Figure]:
        """The figures over all documents (what the methods paragraph and the first table rest on)."""
        return self.figures.overall()

    @property
    def raters(self) -> tuple[str, ...]:
        return tuple(self.parameters.get("rater_names") or self.parameters.get("coders") or ())

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(self.parameters.get("measures") or ())

    @property
    def unit(self) -> str:
        return str(self.parameters.get("unit", ""))

    def document_names(self) -> dict[str, str]:
        return dict(zip(self.parameters.get("document_uuids", []), self.parameters.get("documents", []),
                        strict=False))

    def coder_scopes(self) -> list[tuple[str | None, str | None]]:
        """(None, None) for all coders together, then each pair, in the order the run computed them."""
        def compute() -> list[tuple[str | None, str | None]]:
            keep = ~self.figures.mask(measure=PREVALENCE)
            return [(a, b) for a, b in self.figures.distinct("coder_a", "coder_b", keep=keep)]

        scopes: list[tuple[str | None, str | None]] = self._cached("coder_scopes", compute)
        return list(scopes)

    def has_intervals(self) -> bool:
        return bool(self._cached("intervals", lambda: bool((~np.isnan(self.figures.columns["ci_low"])).any())))

    def has_documents(self) -> bool:
        return bool(self._cached("documents", self.figures.has_documents))

    def title(self) -> str:
        name = (translate("AgreementResults", "Run {run}").format(run=self.run_id) if self.run_id is not None
                else translate("AgreementResults", "Comparison (not stored)"))
        return translate("AgreementResults", "{run} — {label}").format(run=name, label=self.label) if self.label \
            else name

    def description(self) -> str:
        """One line of what was compared, for the header above the table."""
        p = self.parameters
        unit = self.unit
        parts = [", ".join(self.raters), unit_plural(unit)]
        if unit in ("sentence", "turn"):
            rule = p.get("rule", "any")
            parts[-1] += (translate("AgreementResults", " (coded if any character is)") if rule == "any"
                          else translate("AgreementResults", " (coded if ≥ {rule} is)").format(rule=rule))
        if unit == "segment":
            parts[-1] += translate("AgreementResults", " (≥ {tolerance}% overlap)").format(
                tolerance=f"{float(p.get('tolerance', 0)):g}")
        elif unit not in ("sentence", "turn") and p.get("rule_applies") is False:  # issue 17 item 3
            parts[-1] += translate("AgreementResults", " (no presence rule)")
        if p.get("done_only"):
            parts.append(translate("AgreementResults", "done documents only"))
        level = p.get("level", "all")
        parts.append(translate("AgreementResults", "all levels") if level == "all"
                     else translate("AgreementResults", "level {level}").format(level=level))
        parts.append(translate("AgreementResults", "{count} codes").format(count=len(p.get("compared_codes") or [])))
        parts.append(translate("AgreementResults", "{count} documents").format(count=len(p.get("documents") or [])))
        resamples = int(p.get("n_resamples", 0) or 0)
        if resamples:
            parts.append(self._interval_text(resamples))
        if int(p.get("boundary", 0) or 0):
            parts.append(translate("AgreementResults", "boundary reading: touches of ≤ {count} characters").format(
                count=int(p["boundary"])))
        if self.created_at is not None:
            parts.append(self.created_at.strftime("%Y-%m-%d %H:%M"))
        return " · ".join(parts)

    def _interval_text(self, resamples: int) -> str:
        p = self.parameters
        if p.get("interval_method") == "documents":
            how = translate("AgreementResults", "resampling documents (document-cluster bootstrap)")
        elif "interval_methods" in p:
            how = translate("AgreementResults", "α: Hayes & Krippendorff (2007); others: resampling units")
        else:
            how = translate("AgreementResults", "resampling units")
        return translate("AgreementResults", "{confidence}% CI from {resamples} bootstrap resamples, {how}").format(
            confidence=f"{float(p.get('confidence', 0.95)) * 100:g}", resamples=resamples, how=how)


@dataclass(frozen=True)
class Column:
    kind: str  # "code", "n", "measure", "disagreements" or "prevalence" (``units`` = the coder's name)
    measure: str = ""
    units: str = ""


@dataclass(frozen=True)
class Row:
    code_uuid: str | None
    code_name: str
    level: int | None

    @property
    def pooled(self) -> bool:
        return self.code_uuid is None

    @property
    def label(self) -> str:
        return self.shown_label(None)

    def shown_label(self, labels: CodeLabels | None) -> str:
        """The row's title, indented by level, with each code by its name in ``labels`` (the stored one if None)."""
        if self.pooled:
            return code_title(self.code_name, True)
        if labels is not None:
            return "    " * max((self.level or 1) - 1, 0) + code_title(self.code_name, False, labels, self.code_uuid)
        return "    " * max((self.level or 1) - 1, 0) + code_title(self.code_name.rsplit("/", 1)[-1], False)


def value_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class ResultsModel(QAbstractTableModel):
    """Figures of one coder scope (all coders or a pair) and one document scope (all or one document)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.run: RunView | None = None
        self.coder_scope: tuple[str | None, str | None] = (None, None)
        self.document_uuid: str | None = None
        self.units_shown: tuple[str, ...] = ("all", "coded")
        self.show_intervals = True
        self.rows: list[Row] = []
        self.columns: list[Column] = []
        self._figures: dict[tuple[Row, str, str], Figure] = {}
        self._n_units: dict[tuple[Row, str], int] = {}  # looked up for every painted n cell
        self._cells: list[list[Figure | None]] = []  # the figure of each cell, by row and column
        self.labels = CodeLabels()  # the codebook's names for the runs' English ones (set_code_labels)

    # -- configuration -------------------------------------------------------------------------------
    def set_run(self, run: RunView | None) -> None:
        self.run = run
        self.coder_scope, self.document_uuid = (None, None), None
        self._rebuild()

    def set_scope(self, coder_scope: tuple[str | None, str | None], document_uuid: str | None) -> None:
        self.coder_scope, self.document_uuid = coder_scope, document_uuid
        self._rebuild()

    def set_units_shown(self, units: Sequence[str]) -> None:
        self.units_shown = tuple(units)
        self._rebuild()

    def set_code_labels(self, labels: CodeLabels) -> None:
        """Name the rows' codes as the codebook does now (its Chinese names in a Chinese interface)."""
        self.labels = labels
        if self.rows and self.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def set_show_intervals(self, show: bool) -> None:
        self.show_intervals = show
        if self.rows and self.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def _rebuild(self) -> None:
        self.beginResetModel()
        self.rows, self.columns, self._figures, self._n_units = [], [], {}, {}
        if self.run is not None:
            coder_a, coder_b = self.coder_scope
            chosen, prevalence = self.run.scope_figures(coder_a, coder_b, self.document_uuid)
            for f in chosen:
                row = Row(f.code_uuid, f.code_name, f.level)
                self._figures[(row, f.measure, f.units)] = f
            self.rows = list(dict.fromkeys(Row(f.code_uuid, f.code_name, f.level) for f in chosen))
            in_scope = set(self.run.raters) if coder_a is None else {coder_a, coder_b}
            shares = [f for f in prevalence if f.coder_a in in_scope]
            for f in shares:  # each coder's prevalence, keyed by the coder's name
                self._figures[(Row(f.code_uuid, f.code_name, f.level), PREVALENCE, f.coder_a or "")] = f
            self.columns = self._columns(chosen) + [
                Column("prevalence", PREVALENCE, name) for name in dict.fromkeys(f.coder_a or "" for f in shares)]
            for (row, measure, units), f in self._figures.items():  # the binary measures share n
                if measure not in ("ualpha", DISAGREEMENTS):
                    self._n_units.setdefault((row, units), f.n_units)
        self._cells = [[self._lookup(row, spec) for spec in self.columns] for row in self.rows]
        self.endResetModel()

    def _lookup(self, row: Row, spec: Column) -> Figure | None:
        if spec.kind not in ("measure", "disagreements", "prevalence"):
            return None
        return self._figures.get((row, spec.measure, spec.units))

    def _columns(self, figures: Sequence[Figure]) -> list[Column]:
        present = {(f.measure, f.units) for f in figures}
        measures = [m for m in (*(self.run.measures if self.run else ()), "psa", "nsa", *CONVENTION_SYMBOLS)
                    if m != DISAGREEMENTS]
        columns = [Column("code")]
        # the boundary reading (item 7) sits beside the figures over all units whenever those are shown
        boundary = ("boundary",) if "all" in self.units_shown and "boundary" not in self.units_shown else ()
        for units in (*self.units_shown, *boundary):
            shown = [m for m in measures if (m, units) in present]
            if not shown:
                continue
            if any(m != "ualpha" for m in shown):
                columns.append(Column("n", units=units))
            columns.extend(Column("measure", m, units) for m in shown)
        differing = [u for u in ("all", "coded") if (DISAGREEMENTS, u) in present]
        if differing:
            columns.append(Column("disagreements", DISAGREEMENTS, differing[0]))
        return columns

    # -- reading ---------------------------------------------------------------------------------------
    def figure(self, row: int, column: int) -> Figure | None:
        """The figure a cell shows (None for the code and n columns, or an empty cell)."""
        if not (0 <= row < len(self.rows) and 0 <= column < len(self.columns)):
            return None
        return self._cells[row][column]  # worked out once per scope: Qt asks for every cell many times

    def n_units(self, row: int, units: str) -> int | None:
        """n of the row's figures over ``units`` (the binary measures share it; u-alpha counts characters)."""
        return self._n_units.get((self.rows[row], units))

    def column_of(self, measure: str, units: str) -> int:
        for i, spec in enumerate(self.columns):
            if spec.measure == measure and spec.units == units:
                return i
        return -1

    def row_of(self, code_name: str) -> int:
        for i, row in enumerate(self.rows):
            if row.code_name == code_name:
                return i
        return -1

    # -- Qt ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        spec = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_text(spec)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tooltip(spec)
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.kind != "code":
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _header_text(spec: Column) -> str:
        if spec.kind == "code":
            return translate("AgreementResults", "Code")
        if spec.kind == "n":
            return f"n\n{units_title(spec.units)}"
        if spec.kind == "disagreements":
            return translate("AgreementResults", "Units\ndiffering")
        if spec.kind == "prevalence":
            return translate("AgreementResults", "Coded share\n{coder}").format(coder=spec.units)
        return f"{symbol_of(spec.measure)}\n{units_title(spec.units)}"

    def _unit_name(self) -> str:
        return unit_plural(self.run.unit, UNITS) if self.run else translate("AgreementResults", UNITS)

    def _header_tooltip(self, spec: Column) -> str | None:
        unit = self._unit_name()
        if spec.kind == "n":
            return translate("AgreementResults", "How many {unit} the values of this group rest on ({units})").format(
                unit=unit, units=units_title(spec.units))
        if spec.kind == "disagreements":
            return translate("AgreementResults", "{Unit} on which some but not all coders used the code").format(
                Unit=unit.capitalize())
        if spec.kind == "prevalence":
            return translate("AgreementResults", "Share of all {unit} that {coder} coded with the code (prevalence): "
                             "a rare code keeps κ low even when coders agree; read it beside positive and negative "
                             "agreement").format(unit=unit, coder=spec.units)
        if spec.kind == "measure":
            return translate("AgreementResults", "{measure} over {units} ({benchmark})").format(
                measure=title_of(spec.measure), units=units_title(spec.units), benchmark=convention_of(spec.measure))
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, spec = self.rows[index.row()], self.columns[index.column()]
        figure = self.figure(index.row(), index.column())
        if role == FIGURE_ROLE:
            return figure
        if spec.kind == "code":
            return self._code_data(row, role)
        if spec.kind == "n":
            if role == Qt.ItemDataRole.DisplayRole:
                n = self.n_units(index.row(), spec.units)
                return "" if n is None else number(n)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.FontRole and row.pooled:
                return _bold()
            return None
        return self._value_data(figure, spec, row, role)

    def _code_data(self, row: Row, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.shown_label(self.labels)
        if role == Qt.ItemDataRole.ToolTipRole:  # the path as stored (in English): the Chinese name's original
            return row.code_name.replace("/", " › ")
        if role == Qt.ItemDataRole.FontRole and row.pooled:
            return _bold()
        return None

    def _value_data(self, figure: Figure | None, spec: Column, row: Row, role: int) -> Any:
        if figure is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if spec.kind == "disagreements":
                return "" if figure.value is None else number(round(figure.value))
            text = value_text(figure.value)
            if self.show_intervals and figure.ci_low is not None and figure.ci_high is not None:
                text += f"  [{figure.ci_low:.2f}, {figure.ci_high:.2f}]"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = band_colour(figure.measure, figure.value)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if band_colour(figure.measure, figure.value):
                return QBrush(QColor(TEXT_ON_BAND))
            return None
        if role == Qt.ItemDataRole.FontRole and row.pooled:
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(figure)
        return None

    def _tooltip(self, figure: Figure) -> str:
        unit = self._unit_name()
        lines = [f"{title_of(figure.measure)} — {units_title(figure.units)}"]
        if figure.measure == DISAGREEMENTS:
            lines.append(translate("AgreementResults", "{differing} of {count} {unit} differ").format(
                differing=number(round(figure.value or 0)), count=number(figure.n_units), unit=unit))
            return "\n".join(lines)
        reading = band(figure.measure, figure.value)
        value = value_text(figure.value)
        lines.append(f"{value} — {band_name(reading)} ({convention_of(figure.measure)})" if reading
                     else f"{value} ({convention_of(figure.measure)})")
        counted = unit_plural("character") if figure.measure == "ualpha" else unit
        lines.append(f"n = {number(figure.n_units)} {counted}")
        if figure.ci_low is not None and figure.ci_high is not None:
            confidence = float(self.run.parameters.get("confidence", 0.95)) * 100 if self.run else 95
            lines.append(translate("AgreementResults", "{confidence}% bootstrap interval {low} – {high}").format(
                confidence=f"{confidence:g}", low=f"{figure.ci_low:.3f}", high=f"{figure.ci_high:.3f}"))
        if figure.note:
            lines.append(shown_note(figure.note, self.labels))
        row = Row(figure.code_uuid, figure.code_name, figure.level)
        for minimum, name in ALPHA_BELOW.items() if figure.measure == "alpha" else ():
            q = self._figures.get((row, name, figure.units))
            if q is not None and q.value is not None:
                lines.append(f"P(α < {f'{minimum:.3f}'.lstrip('0')}) = {q.value:.3f}")
        return "\n".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


__all__ = ["FIGURE_ROLE", "UNIT_PLURALS", "Column", "ResultsModel", "Row", "RunView", "code_title", "unit_plural", "units_title",
           "value_text"]
