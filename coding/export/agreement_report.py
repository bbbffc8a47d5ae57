"""An agreement report for a stored run: Word (.docx) that reads as a paper's reliability section, or every
figure as .csv.

The Word report opens with the run's methods paragraph in English and Chinese (:mod:`coding.agreement.methods`:
coders, documents, unit, rule, n, measures, interval method, thresholds), then one compact APA-style three-line
table per codebook level — leaf names indented under their parents, the measures as columns with n and the
confidence interval, the level's pool last — a table per coder pair when more than two coders were compared, the
disagreement counts by code and by document, the reasons for undefined values, the parameters and the references.
Column widths follow their content and never fall below the longest word, so no word breaks mid-word; the paper
is A4 or US Letter (``paper``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from coding.agreement.bands import band
from coding.agreement.compare import DISAGREEMENTS, Figure
from coding.agreement.conventions import CONVENTION_SYMBOLS
from coding.agreement.methods import measure_title_zh, methods_for_run
from coding.agreement.runs import StoredRun, load_run
from coding.agreement.weighted import MEASURE_TITLES
from coding.export.common import Cancel, Progress, check_cancel, check_target, replaced_when_done, report
from coding.export.journal import NOTE_PT, PAPER_SIZES_CM, PAPERS, SECONDARY_PT, check_paper
from coding.export.word import Cell, Run, WordWriter, column_floor_and_want, set_properties
from coding.i18n import QT_TRANSLATE_NOOP, code_label, is_chinese, translate
from coding.numbers import fixed

CSV_COLUMNS = ("run_id", "run_uuid", "code", "code_uuid", "level", "document", "document_uuid", "coder_a", "coder_b",
               "measure", "units", "value", "n_units", "ci_low", "ci_high", "reading", "note")
UNITS_TEXT = {
    "all": "all units",
    "coded": "coded units only",
}
UNITS_SHORT = {"all": QT_TRANSLATE_NOOP("AgreementReportExport", "all"), "coded": QT_TRANSLATE_NOOP("AgreementReportExport", "coded"),
               "boundary": QT_TRANSLATE_NOOP("AgreementReportExport", "boundary")}
_BOUNDARY_ONLY = "boundary_only"  # a count of units (item 7), shown with the disagreements
_COUNTS = (DISAGREEMENTS, _BOUNDARY_ONLY)
UNIT_NAMES = {
    "character": QT_TRANSLATE_NOOP("AgreementReportExport", "characters"),
    "sentence": QT_TRANSLATE_NOOP("AgreementReportExport", "sentences"),
    "turn": QT_TRANSLATE_NOOP("AgreementReportExport", "speaker turns"),
    "document": QT_TRANSLATE_NOOP("AgreementReportExport", "documents"),
    "segment": QT_TRANSLATE_NOOP("AgreementReportExport", "coded segments"),
}


def _unit_name(unit: str, unknown: str = "units") -> str:
    """What a run's units are called in the report's language ("sentences", "句子")."""
    known = UNIT_NAMES.get(unit)
    if known is None:
        return translate("AgreementReportExport", "units") if unknown == "units" else unknown
    return translate("AgreementReportExport", known)


def _units_short(units: str) -> str:
    known = UNITS_SHORT.get(units)
    return translate("AgreementReportExport", known) if known else units


def export_agreement_report(
    session: Session, run: int | str, path: str | Path, *, progress: Progress | None = None,
    cancel: Cancel | None = None, paper: str | None = None,
) -> Path:
    """Write the report of stored run ``run`` (id or uuid) as .docx (on A4 or US Letter ``paper``; None: the
    locale's) or .csv; returns the path. The Word report is in the current language (:mod:`coding.i18n`); the CSV's
    columns and values stay as the run stored them, for further analysis."""
    target = check_target(path, (".docx", ".csv"), "an agreement report")
    paper = check_paper(paper)
    stored = load_run(session, run)
    names_zh = _chinese_names(session) if is_chinese() else {}
    check_cancel(cancel, "agreement report")
    report(progress, 0, 1, "Agreement report")
    with replaced_when_done(target) as temporary:
        if target.suffix.lower() == ".csv":
            _write_csv(stored, temporary)
        else:
            _write_docx(stored, temporary, cancel, paper, names_zh)
    report(progress, 1, 1, "Agreement report")
    return target


def _chinese_names(session: Session) -> dict[str, str]:
    """Code uuid -> Chinese name (the codes a Chinese report names in Chinese)."""
    from sqlalchemy import select

    from models import Code

    return {uuid: name for uuid, name in session.execute(select(Code.uuid, Code.name_zh)) if name}


# ------------------------------------------------------------------------------------------------
# CSV: every figure
# ------------------------------------------------------------------------------------------------


def csv_rows(stored: StoredRun) -> list[list[object]]:
    names = stored.document_names()
    rows: list[list[object]] = []
    for f in stored.figures:
        rows.append([
            stored.id, stored.uuid, f.code_name, f.code_uuid or "", "" if f.level is None else f.level,
            names.get(f.document_uuid, "") if f.document_uuid else "(all documents)", f.document_uuid or "",
            f.coder_a or "(all coders)", f.coder_b or "", f.measure, f.units, "" if f.value is None else f.value,
            f.n_units, "" if f.ci_low is None else f.ci_low, "" if f.ci_high is None else f.ci_high,
            band(f.measure, f.value), f.note,
        ])
    return rows


def _summary_figures(stored: StoredRun) -> list[Figure]:
    """Figures over all documents and all coders (or one coder's own, such as prevalence): the level tables."""
    return [f for f in stored.figures if f.document_uuid is None and f.coder_b is None]


def _write_csv(stored: StoredRun, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(stored))


# ------------------------------------------------------------------------------------------------
# Word: a reliability section a journal takes
# ------------------------------------------------------------------------------------------------

_SYMBOLS = {"percent": "%", "alpha": "α", "kappa": "κ", "fleiss": "Fleiss' κ", "bp": "κn", "ac1": "AC1",
            "ualpha": "u-α (1995)", "psa": "PSA", "nsa": "NSA", "prevalence": "Prev.", **CONVENTION_SYMBOLS}


def _apa(value: float | None) -> str:
    """APA style: three decimals, no leading zero for values bounded by 1; an em dash when undefined. A Chinese
    report keeps the leading zero, as Chinese journals print it ("0.823")."""
    if value is None:
        return "—"
    text = fixed(value, 3)
    return text.replace("0.", ".", 1) if abs(value) < 1 and not is_chinese() else text


def _symbol(measure: str) -> str:
    share = re.fullmatch(r"alpha_q(\d+)", measure)  # the bootstrap's probability that α lies below a threshold
    if share:
        return f"q(α < {'0' if is_chinese() else ''}.{share.group(1)})"
    if measure == "prevalence":
        return translate("AgreementReportExport", "Prev.")
    return _SYMBOLS.get(measure, MEASURE_TITLES.get(measure, measure))


def _title(measure: str) -> str:
    """A measure's full name in the report's language."""
    chinese = measure_title_zh(measure) if is_chinese() else None
    return chinese or MEASURE_TITLES.get(measure, measure)


def _Cell(lines: list[str], indent: int = 0, italic: bool = False, bold: bool = False) -> Cell:
    """A table cell whose first line is in the table size and the rest (intervals, n) a point smaller."""
    return Cell([lines[0], *[Run(line, size=SECONDARY_PT) for line in lines[1:]]], indent, italic, bold)


@dataclass
class _Table:
    title: str
    header: list[str]
    rows: list[list[Cell]]
    note: str = ""
    numeric_from: int = 1  # columns from here on are centred


def _is_share(measure: str) -> bool:
    """alpha_q667 and the like: the bootstrap's probability that α lies below a threshold, shown in α's cell."""
    return re.fullmatch(r"alpha_q\d+", measure) is not None


def _coder_of(figure: Figure) -> str | None:
    """The coder of one coder's own figure (prevalence), None for agreement between coders."""
    return figure.coder_a if figure.coder_b is None and figure.coder_a is not None else None


def _columns(figures: Sequence[Figure], measures: Sequence[str]) -> list[str]:
    """The measures with at least one defined figure (a measure undefined throughout is explained at the end)."""
    found = list(dict.fromkeys(f.measure for f in figures if f.measure not in _COUNTS and not _is_share(f.measure)
                               and f.value is not None))
    order = {m: i for i, m in enumerate(measures)}
    return sorted(found, key=lambda m: order.get(m, len(order)))


def _column_title(measure: str, figures: Sequence[Figure]) -> str:
    coders = list(dict.fromkeys(c for f in figures if f.measure == measure and (c := _coder_of(f))))
    return f"{_symbol(measure)} {' / '.join(coders)}" if coders else _symbol(measure)


_Row = dict[tuple[str, str | None], Figure]  # (measure, coder) -> figure of one table row


# Where a cell may wrap: after a space, through a zero-width space, since Unicode line breaking (UAX #14, LB13)
# allows no break before ".", which starts every APA number. Where it fits, a no-break space keeps things together.
_WRAP = " \u200b"  # journal.WRAP after a space
_KEEP = "\u00a0"


def _interval_text(figure: Figure, breakable: bool) -> str:
    return f"[{_apa(figure.ci_low)},{_WRAP if breakable else _KEEP}{_apa(figure.ci_high)}]"


def _measure_cell(measure: str, row: _Row, row_n: int | None, breakable: bool) -> Cell:
    own = [f for (m, coder), f in row.items() if m == measure and coder is not None]
    if own:  # one value per coder, in one cell
        return _Cell([f" /{_WRAP}".join(_apa(f.value) for f in own)])
    figure = row.get((measure, None))
    if figure is None:
        return _Cell([""])
    lines = [_apa(figure.value)]
    if figure.value is not None and figure.ci_low is not None and figure.ci_high is not None:
        lines.append(_interval_text(figure, breakable))
    shares = [f for (m, _), f in sorted(row.items()) if _is_share(m) and f.value is not None]
    if measure == "alpha" and shares:
        lines.append("q\u00a0" + ("," + (_WRAP if breakable else _KEEP)).join(_apa(f.value) for f in shares))
    if row_n is None or figure.n_units != row_n:
        lines.append(f"n\u00a0=\u00a0{figure.n_units}")
    return _Cell(lines)


def _row_n(row: _Row) -> int | None:
    """The n the row's agreement figures share (shown once in the n column), None when they differ."""
    counts = {f.n_units for (m, coder), f in row.items()
              if coder is None and not m.startswith("ualpha") and not _is_share(m)}
    return counts.pop() if len(counts) == 1 else None


def _value_cells(columns: Sequence[str], row: _Row, breakable: bool) -> list[Cell]:
    n = _row_n(row)
    return [_Cell(["" if n is None else str(n)]), *[_measure_cell(m, row, n, breakable) for m in columns]]


class _Tree:
    """Codes in codebook order, with their paths, to indent leaf names under their parents."""

    def __init__(self, parameters: dict[str, Any], names_zh: dict[str, str] | None = None) -> None:
        compared = [c for c in parameters.get("compared_codes") or [] if isinstance(c, dict)]
        self.order = {c.get("uuid"): i for i, c in enumerate(compared)}
        self.path = {c.get("uuid"): str(c.get("path") or "") for c in compared}
        # A Chinese report names codes in Chinese: uuid -> Chinese name, found for a group row by its path.
        self.names_zh = names_zh or {}
        self.uuid_of_path = {path: uuid for uuid, path in self.path.items()}

    def parts(self, figure: Figure) -> list[str]:
        path = self.path.get(figure.code_uuid) or figure.code_name
        return [part for part in path.split("/") if part] or [figure.code_name]

    def label(self, parts: Sequence[str]) -> str:
        """The last of ``parts`` as the report shows it (Chinese name first in a Chinese report)."""
        uuid = self.uuid_of_path.get("/".join(parts))
        return code_label(parts[-1], self.names_zh.get(uuid or ""))

    def sort_key(self, figure: Figure) -> tuple[int, str]:
        return self.order.get(figure.code_uuid, len(self.order)), figure.code_name


def _pool_label(name: str) -> str:
    """A pool's or domain's name without the path above its last code (leaf names, never paths)."""
    if "/" not in name:
        return name
    leaf = name.rsplit("/", 1)[-1]
    return translate("AgreementReportExport", "Domain: {code}").format(code=leaf) if name.startswith("Domain ") else leaf


def _units_order(units: str) -> tuple[int, str]:
    return (0 if units == "all" else 1 if units == "coded" else 2), units


def _code_rows(figures: Sequence[Figure], columns: Sequence[str], tree: _Tree, group_rows: bool,
               breakable: bool = False) -> list[list[Cell]]:
    """Per code (leaf name indented under its parents' names) one row per kind of units, then the pools."""
    rows_of: dict[tuple[str | None, str], dict[str, _Row]] = {}
    for f in figures:
        if f.measure not in _COUNTS:
            by_units = rows_of.setdefault((f.code_uuid, f.code_name), {})
            by_units.setdefault(f.units, {})[(f.measure, _coder_of(f))] = f
    for by_units in rows_of.values():  # u-α rests on the continuum, not on units: beside the unit figures
        continuum = by_units.get("all", {})
        if len(by_units) > 1 and continuum and all(m.startswith("ualpha") for m, _ in continuum):
            other = next(u for u in sorted(by_units, key=_units_order) if u != "all")
            by_units[other].update(by_units.pop("all"))
    first_of = {key: next(iter(next(iter(units.values())).values())) for key, units in rows_of.items()}
    rows: list[list[Cell]] = []
    shown_groups: set[tuple[str, ...]] = set()
    blank = len(columns) + 2
    ordered = sorted((f for f in first_of.values() if f.code_uuid is not None), key=tree.sort_key)
    pools = [f for f in first_of.values() if f.code_uuid is None]
    for first in [*ordered, *pools]:
        parts = tree.parts(first) if first.code_uuid is not None else [_pool_label(first.code_name)]
        if group_rows and first.code_uuid is not None:
            for depth in range(len(parts) - 1):
                prefix = tuple(parts[: depth + 1])
                if prefix not in shown_groups:
                    shown_groups.add(prefix)
                    rows.append([_Cell([tree.label(prefix)], indent=depth, italic=True)]
                                + [_Cell([""]) for _ in range(blank)])
        indent = len(parts) - 1 if group_rows else 0
        shown_groups.add(tuple(parts))  # a code with its own row heads its children: no group row for it
        by_units = rows_of[(first.code_uuid, first.code_name)]
        for i, units in enumerate(sorted(by_units, key=_units_order)):
            shown = (tree.label(parts) if first.code_uuid is not None else parts[-1]) if i == 0 else ""
            name = _Cell([shown], indent=indent, italic=first.code_uuid is None)
            rows.append([name, _Cell([_units_short(units)]), *_value_cells(columns, by_units[units], breakable)])
    return rows


def _level_tables(stored: StoredRun, measures: Sequence[str], tree: _Tree, usable_cm: float,
                  ) -> list[tuple[int | None, _Table]]:
    summary = _summary_figures(stored)
    unit = _unit_name(stored.parameters.get("unit", ""))
    tables = []
    levels = sorted({f.level for f in summary if f.level is not None})
    for level in [*levels, None]:
        figures = [f for f in summary if f.level == level and f.measure not in CONVENTION_SYMBOLS]
        if not figures:
            continue
        columns = _columns(figures, measures)
        title = (translate("AgreementReportExport", "Agreement per code, level {level} ({unit})").format(
            level=level, unit=unit) if level is not None else translate(
            "AgreementReportExport", "Agreement over all codes, pooled over the most specific codes ({unit})").format(
            unit=unit))
        header = [*_code_header(), *[_column_title(m, figures) for m in columns]]
        grouped = level is not None and level > 1
        table = _Table(title, header, _code_rows(figures, columns, tree, grouped), _table_note(stored, columns),
                       numeric_from=2)
        if not _fits(table, usable_cm):  # too many columns: let intervals wrap at their space
            table.rows = _code_rows(figures, columns, tree, grouped, breakable=True)
        tables.append((level, table))
    return tables


def _code_header() -> list[str]:
    return [translate("AgreementReportExport", "Code"), translate("AgreementReportExport", "Units"), "n"]


def _convention_table(stored: StoredRun, tree: _Tree, usable_cm: float) -> _Table | None:
    """A vendor's figures (NVivo, MAXQDA, ATLAS.ti conventions) per code over all documents, in a table of their own
    so the compact level tables keep their width."""
    figures = [f for f in _summary_figures(stored) if f.measure in CONVENTION_SYMBOLS]
    if not figures:
        return None
    columns = _columns(figures, list(CONVENTION_SYMBOLS))
    convention = str(stored.parameters.get("convention") or "vendor")
    names = {"nvivo": "NVivo", "maxqda": "MAXQDA", "atlas": "ATLAS.ti"}
    title = translate("AgreementReportExport", "Figures by {vendor}'s convention, per code over all documents").format(
        vendor=names.get(convention, convention))
    header = [*_code_header(), *[_column_title(m, figures) for m in columns]]
    table = _Table(title, header, _code_rows(figures, columns, tree, True), "", numeric_from=2)
    if not _fits(table, usable_cm):
        table.rows = _code_rows(figures, columns, tree, True, breakable=True)
    notes = stored.parameters.get("notes") or []
    table.note = next((str(n) for n in notes if names.get(convention, "?") in str(n)), "")
    return table


def _table_note(stored: StoredRun, columns: Sequence[str]) -> str:
    unit = _unit_name(stored.parameters.get("unit", ""))
    measures = list(columns)
    shares = translate("AgreementReportExport", " q = share of bootstrap estimates of α below {low} and {high}.").format(
        low=_apa(0.667), high=_apa(0.8)) if any(_is_share(f.measure) for f in stored.figures) else ""
    symbols = translate("AgreementReportExport", "; ").join(
        f"{_symbol(m)} = {_title(m)}" for m in measures if _symbol(m) != m)
    ci = ""
    if int(stored.parameters.get("n_resamples", 0) or 0) > 0:
        ci = translate("AgreementReportExport", " Brackets: {level}% bootstrap confidence interval.").format(
            level=f"{float(stored.parameters.get('confidence', 0.95)) * 100:g}")
    boundary = int(stored.parameters.get("boundary", 0) or 0)
    reading = translate("AgreementReportExport", " boundary = all units, a coder's touch of ≤ {characters} characters "
                        "of a unit read as agreement.").format(characters=boundary) if boundary > 0 else ""
    return translate("AgreementReportExport", "Units: all = every unit of the compared documents; coded = the units at "
                     "least one coder coded with the code.{reading} n = {unit} a row rests on (unit-by-code pairs in "
                     "pooled rows); a cell names its own n where it differs.{ci}{shares} {symbols}. — = undefined "
                     "(reasons at the end). Italic names group the codes below them or pool them.").format(
        reading=reading, unit=unit, ci=ci, shares=shares, symbols=symbols)


def _pairs_table(stored: StoredRun, measures: Sequence[str], usable_cm: float) -> _Table | None:
    pairs = [f for f in stored.figures if f.document_uuid is None and f.coder_a is not None and f.coder_b is not None
             and f.code_uuid is None and f.measure != DISAGREEMENTS]
    if not pairs:
        return None
    top = None if any(f.level is None for f in pairs) else min(f.level for f in pairs if f.level is not None)
    pooled = [f for f in pairs if f.level == top]
    columns = _columns(pooled, measures)
    keys = sorted(dict.fromkeys((f.coder_a, f.coder_b, f.units) for f in pooled),
                  key=lambda k: (k[0], k[1], _units_order(k[2])))

    def rows(breakable: bool) -> list[list[Cell]]:
        out = []
        for coder_a, coder_b, units in keys:
            pair = (coder_a, coder_b, units)
            row: _Row = {(f.measure, None): f for f in pooled if (f.coder_a, f.coder_b, f.units) == pair}
            out.append([_Cell([f"{coder_a} × {coder_b}"]), _Cell([_units_short(units)]),
                        *_value_cells(columns, row, breakable)])
        return out

    table = _Table(translate("AgreementReportExport", "Agreement per pair of coders, all codes pooled"),
                   [translate("AgreementReportExport", "Coders"), translate("AgreementReportExport", "Units"), "n",
                    *[_symbol(m) for m in columns]], rows(False), "", numeric_from=2)
    if not _fits(table, usable_cm):
        table.rows = rows(True)
    return table


def _count(figure: Figure | None) -> str:
    return "" if figure is None or figure.value is None else f"{figure.value:.0f}"


def _disagreement_tables(stored: StoredRun, tree: _Tree) -> list[_Table]:
    counts = [f for f in stored.figures if f.measure == DISAGREEMENTS and f.coder_a is None]
    if not counts:
        return []
    unit_key = stored.parameters.get("unit", "")
    unit = _unit_name(unit_key)
    boundary = {(f.code_uuid, f.code_name): f for f in stored.figures if f.measure == _BOUNDARY_ONLY
                and f.coder_a is None and f.document_uuid is None and f.value is not None}
    with_disagreement = translate("AgreementReportExport", "Units with disagreement")
    compared = translate("AgreementReportExport", "Units compared")
    header = [translate("AgreementReportExport", "Code"), with_disagreement,
              *([translate("AgreementReportExport", "Of which boundary-only")] if boundary else []), compared]
    by_code = sorted((f for f in counts if f.document_uuid is None and f.code_uuid is not None), key=tree.sort_key)
    rows = [[_Cell([tree.label(tree.parts(f))], indent=len(tree.parts(f)) - 1), _Cell([f"{f.value:.0f}"]),
             *([_Cell([_count(boundary.get((f.code_uuid, f.code_name)))])] if boundary else []),
             _Cell([str(f.n_units)])] for f in by_code]
    note = translate("AgreementReportExport", "Units ({unit}) on which some but not all coders applied the code (or a "
                     "code below it).").format(unit=unit)
    if boundary:
        limit = int(stored.parameters.get("boundary", 0) or 0)
        note += translate("AgreementReportExport", " Boundary-only: the only difference is a coder's touch of ≤ "
                          "{characters} characters of the unit.").format(characters=limit)
    tables = [_Table(translate("AgreementReportExport", "Disagreements per code ({unit})").format(unit=unit), header,
                     rows, note)]
    pool_level = None if any(f.level is None and f.code_uuid is None for f in counts) else min(
        (f.level for f in counts if f.code_uuid is None and f.level is not None), default=None)
    names = stored.document_names()
    by_document = [f for f in counts if f.document_uuid is not None and f.code_uuid is None and f.level == pool_level]
    if by_document:
        rows = [[_Cell([names.get(f.document_uuid or "", f.document_uuid or "")]), _Cell([f"{f.value:.0f}"]),
                 _Cell([str(f.n_units)])] for f in by_document]
        tables.append(_Table(
            translate("AgreementReportExport", "Disagreements per document, all codes pooled ({unit})").format(unit=unit),
            [translate("AgreementReportExport", "Document"), with_disagreement, compared], rows,
            translate("AgreementReportExport", "Units compared are coded segments of every code.")
            if unit_key == "segment" else translate("AgreementReportExport", "Units compared are unit-by-code pairs.")))
    return tables


# -- measuring tables ------------------------------------------------------------------------------


def _fits(table: _Table, usable_cm: float) -> bool:
    """Whether every column can be as wide as its longest unbreakable word."""
    floors, _ = column_floor_and_want([[Cell([h]) for h in table.header], *table.rows])
    return sum(floors) <= usable_cm


def _add_table(writer: WordWriter, table: _Table) -> None:
    writer.table(table.title, table.header, table.rows, note=table.note, numeric_from=table.numeric_from)


# -- the document ----------------------------------------------------------------------------------


def _methods_section(writer: WordWriter, stored: StoredRun) -> tuple[str, ...]:
    """Both methods paragraphs, the report's language first; returns the references they cite."""
    methods = methods_for_run(stored)
    sections = [("Method", methods.english), ("方法", methods.chinese)]
    if is_chinese():  # a Chinese journal prints the Chinese paragraph; the English one follows for an abstract
        sections = [("方法", methods.chinese), ("Method", methods.english)]
    for heading, text in sections:
        writer.heading(heading, 1)
        writer.paragraph(text)
    return methods.references


def _write_docx(stored: StoredRun, path: Path, cancel: Cancel | None, paper: str = "a4",
                names_zh: dict[str, str] | None = None) -> None:
    writer = WordWriter(paper=paper)
    usable = writer.usable_cm
    writer.paragraph(translate("AgreementReportExport", "Inter-coder reliability"), "Title")
    _subtitle(writer, stored)
    references = _methods_section(writer, stored)
    measures = [m for m in stored.parameters.get("measures", []) if m]
    tree = _Tree(stored.parameters, names_zh)
    read_as_first = translate("AgreementReportExport", "Read as Table 1.")
    for level, table in _level_tables(stored, measures, tree, usable):
        check_cancel(cancel, "agreement report")
        writer.heading(translate("AgreementReportExport", "Level {level}").format(level=level) if level is not None
                       else translate("AgreementReportExport", "All codes"), 1)
        table.note = table.note if writer.tables_written == 0 else read_as_first
        _add_table(writer, table)
    pairs = _pairs_table(stored, measures, usable)
    if pairs is not None:
        writer.heading(translate("AgreementReportExport", "Coder pairs"), 1)
        pairs.note = read_as_first
        _add_table(writer, pairs)
    convention = _convention_table(stored, tree, usable)
    if convention is not None:
        writer.heading(translate("AgreementReportExport", "Vendor convention"), 1)
        _add_table(writer, convention)
    disagreements = _disagreement_tables(stored, tree)
    if disagreements:
        writer.heading(translate("AgreementReportExport", "Disagreements"), 1)
    for table in disagreements:
        _add_table(writer, table)
    _undefined_section(writer, stored)
    _parameters_section(writer, stored)
    _references(writer, references)
    set_properties(writer.document, title=translate("AgreementReportExport", "Inter-coder reliability, run {run}").format(
        run=stored.id), subject=translate("AgreementReportExport", "Concord agreement report"))
    writer.save(path)


def _subtitle(writer: WordWriter, stored: StoredRun) -> None:
    p = stored.parameters
    coders = ", ".join(p.get("rater_names") or p.get("coders") or [])
    label = f" — {stored.label}" if stored.label else ""
    run = translate("AgreementReportExport", "Run {run}").format(run=stored.id)
    writer.paragraph(Run(f"{run}{label} · {stored.created_at:%Y-%m-%d %H:%M} · {coders} · "
                         f"{_unit_name(p.get('unit', ''), p.get('unit', ''))}", italic=True))


_PARAMETER_NAMES = {
    "run": QT_TRANSLATE_NOOP("AgreementReportExport", "Run"),
    "computed": QT_TRANSLATE_NOOP("AgreementReportExport", "Computed"),
    "coders": QT_TRANSLATE_NOOP("AgreementReportExport", "Coders"),
    "unit": QT_TRANSLATE_NOOP("AgreementReportExport", "Unit"),
    "rule": QT_TRANSLATE_NOOP("AgreementReportExport", "Presence rule"),
    "tolerance": QT_TRANSLATE_NOOP("AgreementReportExport", "Segment tolerance"),
    "levels": QT_TRANSLATE_NOOP("AgreementReportExport", "Codebook levels"),
    "documents": QT_TRANSLATE_NOOP("AgreementReportExport", "Documents"),
    "measures": QT_TRANSLATE_NOOP("AgreementReportExport", "Measures"),
    "missing": QT_TRANSLATE_NOOP("AgreementReportExport", "Missing data"),
    "unused": QT_TRANSLATE_NOOP("AgreementReportExport", "Unused codes (undefined)"),
    "convention": QT_TRANSLATE_NOOP("AgreementReportExport", "Convention"),
    "done_only": QT_TRANSLATE_NOOP("AgreementReportExport", "Done only"),
    "boundary": QT_TRANSLATE_NOOP("AgreementReportExport", "Boundary"),
    "bootstrap": QT_TRANSLATE_NOOP("AgreementReportExport", "Bootstrap"),
    "pooling": QT_TRANSLATE_NOOP("AgreementReportExport", "Pooling"),
    "note": QT_TRANSLATE_NOOP("AgreementReportExport", "Note"),
    "run_note": QT_TRANSLATE_NOOP("AgreementReportExport", "Run note"),
}


def _parameter_lines(stored: StoredRun) -> list[tuple[str, str]]:
    p = stored.parameters
    unit = p.get("unit", "")
    lines = [
        (_PARAMETER_NAMES["run"], f"{stored.id} ({stored.uuid}){' — ' + stored.label if stored.label else ''}"),
        (_PARAMETER_NAMES["computed"], stored.created_at.strftime("%Y-%m-%d %H:%M")),
        (_PARAMETER_NAMES["coders"], ", ".join(p.get("rater_names") or p.get("coders") or [])),
        (_PARAMETER_NAMES["unit"], f"{unit} ({_unit_name(unit, unit)})"),
    ]
    if unit != "segment":
        rule = p.get("rule", "any")
        text = translate("AgreementReportExport", "any coded character") if rule == "any" else translate(
            "AgreementReportExport", "at least {rule} of the unit").format(rule=rule)
        lines.append((_PARAMETER_NAMES["rule"], text if p.get("rule_applies", True) else p.get("rule_description", text)))
    if unit == "segment":
        lines.append((_PARAMETER_NAMES["tolerance"], translate("AgreementReportExport", "{tolerance}% overlap ({overlap})")
                      .format(tolerance=f"{p.get('tolerance', 0):g}", overlap=p.get("overlap", ""))))
    level = p.get("level", "all")
    lines.append((_PARAMETER_NAMES["levels"], translate("AgreementReportExport", "all levels") if level == "all"
                  else translate("AgreementReportExport", "level {level}").format(level=level)))
    documents = p.get("documents") or []
    lines.append((_PARAMETER_NAMES["documents"], f"{len(documents)}: {', '.join(documents)}"))
    lines.append((_PARAMETER_NAMES["measures"], ", ".join(_title(m) for m in p.get("measures", []))))
    if p.get("missing"):
        lines.append((_PARAMETER_NAMES["missing"], str(p["missing"])))
    if p.get("unused_codes"):
        lines.append((_PARAMETER_NAMES["unused"], ", ".join(str(c).rsplit("/", 1)[-1] for c in p["unused_codes"])))
    for key in ("convention", "done_only", "boundary"):
        if p.get(key) not in (None, "", False):
            lines.append((_PARAMETER_NAMES[key], str(p[key])))
    for measure, method in (p.get("interval_methods") or {}).items():
        lines.append((translate("AgreementReportExport", "Interval of {measure}").format(measure=_title(measure)),
                      str(method)))
    resamples = int(p.get("n_resamples", 0) or 0)
    lines.append((_PARAMETER_NAMES["bootstrap"], translate("AgreementReportExport", "{resamples} resamples, seed {seed}")
                  .format(resamples=resamples, seed=p.get("seed", 0)) if resamples
                  else translate("AgreementReportExport", "none")))
    lines.append((_PARAMETER_NAMES["pooling"], p.get("pooling", "")))
    for note in p.get("notes", []):
        lines.append((_PARAMETER_NAMES["note"], note))
    if stored.note:
        lines.append((_PARAMETER_NAMES["run_note"], stored.note))
    return [(translate("AgreementReportExport", name), value) for name, value in lines]


def _parameters_section(writer: WordWriter, stored: StoredRun) -> None:
    writer.heading(translate("AgreementReportExport", "Parameters"), 1)
    for name, value in _parameter_lines(stored):
        writer.paragraph([Run(f"{name}: ", bold=True, size=NOTE_PT), Run(value, size=NOTE_PT)], "Compact")


def _references(writer: WordWriter, references: Sequence[str]) -> None:
    if not references:
        return
    writer.heading(translate("AgreementReportExport", "References"), 1)
    for reference in references:
        writer.paragraph(reference, "Bibliography")


def _undefined_section(writer: WordWriter, stored: StoredRun) -> None:
    reasons = sorted({f.note for f in _summary_figures(stored) if f.value is None and f.note})
    if not reasons:
        return
    writer.heading(translate("AgreementReportExport", "Undefined values"), 1)
    for reason in reasons:
        writer.paragraph(reason, "List Bullet")


__all__ = ["CSV_COLUMNS", "PAPERS", "PAPER_SIZES_CM", "csv_rows", "export_agreement_report"]
