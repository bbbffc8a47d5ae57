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
from coding.agreement.methods import methods_for_run
from coding.agreement.runs import StoredRun, load_run
from coding.agreement.weighted import MEASURE_TITLES
from coding.errors import ValidationError
from coding.export.common import Cancel, Progress, check_cancel, check_target, replaced_when_done, report
from coding.export.word import set_properties
from coding.numbers import fixed

CSV_COLUMNS = ("run_id", "run_uuid", "code", "code_uuid", "level", "document", "document_uuid", "coder_a", "coder_b",
               "measure", "units", "value", "n_units", "ci_low", "ci_high", "reading", "note")
UNITS_TEXT = {
    "all": "all units",
    "coded": "coded units only",
}
UNITS_SHORT = {"all": "all", "coded": "coded", "boundary": "boundary"}
_BOUNDARY_ONLY = "boundary_only"  # a count of units (item 7), shown with the disagreements
_COUNTS = (DISAGREEMENTS, _BOUNDARY_ONLY)
UNIT_NAMES = {
    "character": "characters",
    "sentence": "sentences",
    "turn": "speaker turns",
    "document": "documents",
    "segment": "coded segments",
}


def export_agreement_report(
    session: Session, run: int | str, path: str | Path, *, progress: Progress | None = None,
    cancel: Cancel | None = None, paper: str = "a4",
) -> Path:
    """Write the report of stored run ``run`` (id or uuid) as .docx (on A4 or US Letter ``paper``) or .csv;
    returns the path."""
    target = check_target(path, (".docx", ".csv"), "an agreement report")
    paper = _paper(paper)
    stored = load_run(session, run)
    check_cancel(cancel, "agreement report")
    report(progress, 0, 1, "Agreement report")
    with replaced_when_done(target) as temporary:
        if target.suffix.lower() == ".csv":
            _write_csv(stored, temporary)
        else:
            _write_docx(stored, temporary, cancel, paper)
    report(progress, 1, 1, "Agreement report")
    return target


# ------------------------------------------------------------------------------------------------
# CSV: every figure
# ------------------------------------------------------------------------------------------------


def csv_rows(stored: StoredRun) -> list[list[Any]]:
    names = stored.document_names()
    rows = []
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

PAPER_SIZES_CM = {"a4": (21.0, 29.7), "letter": (21.59, 27.94)}
PAPERS = tuple(PAPER_SIZES_CM)
_MARGIN_CM = 2.54
_CELL_MARGIN_CM = 0.1  # left and right padding of a table cell (Word's default is 0.19)
_TABLE_PT = 8.5  # table text; intervals a point smaller
_CJK_FONT = "SimSun"  # Word's usual Chinese serif; other programs substitute their own CJK font
_SYMBOLS = {"percent": "%", "alpha": "α", "kappa": "κ", "fleiss": "Fleiss' κ", "bp": "κn", "ac1": "AC1",
            "ualpha": "u-α (1995)", "psa": "PSA", "nsa": "NSA", "prevalence": "Prev.", **CONVENTION_SYMBOLS}


def _paper(paper: str) -> str:
    key = (paper or "a4").strip().lower()
    if key not in PAPER_SIZES_CM:
        raise ValidationError(f"paper must be one of {', '.join(PAPERS)}, not '{paper}'")
    return key


def _apa(value: float | None) -> str:
    """APA style: three decimals, no leading zero for values bounded by 1; an em dash when undefined."""
    if value is None:
        return "—"
    text = fixed(value, 3)
    return text.replace("0.", ".", 1) if abs(value) < 1 else text


def _symbol(measure: str) -> str:
    share = re.fullmatch(r"alpha_q(\d+)", measure)  # the bootstrap's probability that α lies below a threshold
    if share:
        return f"q(α < .{share.group(1)})"
    return _SYMBOLS.get(measure, MEASURE_TITLES.get(measure, measure))


@dataclass
class _Cell:
    """A table cell: lines of text (the first in table size, the rest a point smaller), indent in levels."""

    lines: list[str]
    indent: int = 0
    italic: bool = False
    bold: bool = False


@dataclass
class _Table:
    title: str
    header: list[str]
    rows: list[list[_Cell]]
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
_WRAP = " \u200b"
_KEEP = "\u00a0"


def _interval_text(figure: Figure, breakable: bool) -> str:
    return f"[{_apa(figure.ci_low)},{_WRAP if breakable else _KEEP}{_apa(figure.ci_high)}]"


def _measure_cell(measure: str, row: _Row, row_n: int | None, breakable: bool) -> _Cell:
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


def _value_cells(columns: Sequence[str], row: _Row, breakable: bool) -> list[_Cell]:
    n = _row_n(row)
    return [_Cell(["" if n is None else str(n)]), *[_measure_cell(m, row, n, breakable) for m in columns]]


class _Tree:
    """Codes in codebook order, with their paths, to indent leaf names under their parents."""

    def __init__(self, parameters: dict[str, Any]) -> None:
        compared = [c for c in parameters.get("compared_codes") or [] if isinstance(c, dict)]
        self.order = {c.get("uuid"): i for i, c in enumerate(compared)}
        self.path = {c.get("uuid"): str(c.get("path") or "") for c in compared}

    def parts(self, figure: Figure) -> list[str]:
        path = self.path.get(figure.code_uuid) or figure.code_name
        return [part for part in path.split("/") if part] or [figure.code_name]

    def sort_key(self, figure: Figure) -> tuple[int, str]:
        return self.order.get(figure.code_uuid, len(self.order)), figure.code_name


def _pool_label(name: str) -> str:
    """A pool's or domain's name without the path above its last code (leaf names, never paths)."""
    if "/" not in name:
        return name
    leaf = name.rsplit("/", 1)[-1]
    return f"Domain: {leaf}" if name.startswith("Domain ") else leaf


def _units_order(units: str) -> tuple[int, str]:
    return (0 if units == "all" else 1 if units == "coded" else 2), units


def _code_rows(figures: Sequence[Figure], columns: Sequence[str], tree: _Tree, group_rows: bool,
               breakable: bool = False) -> list[list[_Cell]]:
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
    rows: list[list[_Cell]] = []
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
                    rows.append([_Cell([prefix[-1]], indent=depth, italic=True)] + [_Cell([""]) for _ in range(blank)])
        indent = len(parts) - 1 if group_rows else 0
        shown_groups.add(tuple(parts))  # a code with its own row heads its children: no group row for it
        by_units = rows_of[(first.code_uuid, first.code_name)]
        for i, units in enumerate(sorted(by_units, key=_units_order)):
            name = _Cell([parts[-1] if i == 0 else ""], indent=indent, italic=first.code_uuid is None)
            rows.append([name, _Cell([UNITS_SHORT.get(units, units)]), *_value_cells(columns, by_units[units],
                                                                                       breakable)])
    return rows


def _level_tables(stored: StoredRun, measures: Sequence[str], tree: _Tree, usable_cm: float,
                  ) -> list[tuple[int | None, _Table]]:
    summary = _summary_figures(stored)
    unit = UNIT_NAMES.get(stored.parameters.get("unit", ""), "units")
    tables = []
    levels = sorted({f.level for f in summary if f.level is not None})
    for level in [*levels, None]:
        figures = [f for f in summary if f.level == level and f.measure not in CONVENTION_SYMBOLS]
        if not figures:
            continue
        columns = _columns(figures, measures)
        title = (f"Agreement per code, level {level} ({unit})" if level is not None
                 else f"Agreement over all codes, pooled over the most specific codes ({unit})")
        header = ["Code", "Units", "n", *[_column_title(m, figures) for m in columns]]
        grouped = level is not None and level > 1
        table = _Table(title, header, _code_rows(figures, columns, tree, grouped), _table_note(stored, columns),
                       numeric_from=2)
        if not _fits(table, usable_cm):  # too many columns: let intervals wrap at their space
            table.rows = _code_rows(figures, columns, tree, grouped, breakable=True)
        tables.append((level, table))
    return tables


def _convention_table(stored: StoredRun, tree: _Tree, usable_cm: float) -> _Table | None:
    """A vendor's figures (NVivo, MAXQDA, ATLAS.ti conventions) per code over all documents, in a table of their own
    so the compact level tables keep their width."""
    figures = [f for f in _summary_figures(stored) if f.measure in CONVENTION_SYMBOLS]
    if not figures:
        return None
    columns = _columns(figures, list(CONVENTION_SYMBOLS))
    convention = str(stored.parameters.get("convention") or "vendor")
    names = {"nvivo": "NVivo", "maxqda": "MAXQDA", "atlas": "ATLAS.ti"}
    title = f"Figures by {names.get(convention, convention)}'s convention, per code over all documents"
    header = ["Code", "Units", "n", *[_column_title(m, figures) for m in columns]]
    table = _Table(title, header, _code_rows(figures, columns, tree, True), "", numeric_from=2)
    if not _fits(table, usable_cm):
        table.rows = _code_rows(figures, columns, tree, True, breakable=True)
    notes = stored.parameters.get("notes") or []
    table.note = next((str(n) for n in notes if names.get(convention, "?") in str(n)), "")
    return table


def _table_note(stored: StoredRun, columns: Sequence[str]) -> str:
    unit = UNIT_NAMES.get(stored.parameters.get("unit", ""), "units")
    measures = list(columns)
    shares = " q = share of bootstrap estimates of α below .667 and .800." if any(
        _is_share(f.measure) for f in stored.figures) else ""
    symbols = "; ".join(f"{_symbol(m)} = {MEASURE_TITLES.get(m, m)}" for m in measures if _symbol(m) != m)
    ci = ""
    if int(stored.parameters.get("n_resamples", 0) or 0) > 0:
        ci = f" Brackets: {float(stored.parameters.get('confidence', 0.95)) * 100:g}% bootstrap confidence interval."
    boundary = int(stored.parameters.get("boundary", 0) or 0)
    reading = (f" boundary = all units, a coder's touch of ≤ {boundary} characters of a unit read as agreement."
               if boundary > 0 else "")
    return (f"Units: all = every unit of the compared documents; coded = the units at least one coder coded with "
            f"the code.{reading} n = {unit} a row rests on (unit-by-code pairs in pooled rows); a cell names its own n where it "
            f"differs.{ci}{shares} {symbols}. — = undefined (reasons at the end). Italic names group the codes below them "
            f"or pool them.")


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

    def rows(breakable: bool) -> list[list[_Cell]]:
        out = []
        for coder_a, coder_b, units in keys:
            row = {(f.measure, None): f for f in pooled if (f.coder_a, f.coder_b, f.units) == (coder_a, coder_b, units)}
            out.append([_Cell([f"{coder_a} × {coder_b}"]), _Cell([UNITS_SHORT.get(units, units)]),
                        *_value_cells(columns, row, breakable)])
        return out

    table = _Table("Agreement per pair of coders, all codes pooled",
                   ["Coders", "Units", "n", *[_symbol(m) for m in columns]], rows(False), "", numeric_from=2)
    if not _fits(table, usable_cm):
        table.rows = rows(True)
    return table


def _count(figure: Figure | None) -> str:
    return "" if figure is None or figure.value is None else f"{figure.value:.0f}"


def _disagreement_tables(stored: StoredRun, tree: _Tree) -> list[_Table]:
    counts = [f for f in stored.figures if f.measure == DISAGREEMENTS and f.coder_a is None]
    if not counts:
        return []
    unit = UNIT_NAMES.get(stored.parameters.get("unit", ""), "units")
    boundary = {(f.code_uuid, f.code_name): f for f in stored.figures if f.measure == _BOUNDARY_ONLY
                and f.coder_a is None and f.document_uuid is None and f.value is not None}
    header = ["Code", "Units with disagreement", *(["Of which boundary-only"] if boundary else []), "Units compared"]
    by_code = sorted((f for f in counts if f.document_uuid is None and f.code_uuid is not None), key=tree.sort_key)
    rows = [[_Cell([tree.parts(f)[-1]], indent=len(tree.parts(f)) - 1), _Cell([f"{f.value:.0f}"]),
             *([_Cell([_count(boundary.get((f.code_uuid, f.code_name)))])] if boundary else []),
             _Cell([str(f.n_units)])] for f in by_code]
    note = f"Units ({unit}) on which some but not all coders applied the code (or a code below it)."
    if boundary:
        limit = int(stored.parameters.get("boundary", 0) or 0)
        note += f" Boundary-only: the only difference is a coder's touch of ≤ {limit} characters of the unit."
    tables = [_Table(f"Disagreements per code ({unit})", header, rows, note)]
    pool_level = None if any(f.level is None and f.code_uuid is None for f in counts) else min(
        (f.level for f in counts if f.code_uuid is None and f.level is not None), default=None)
    names = stored.document_names()
    by_document = [f for f in counts if f.document_uuid is not None and f.code_uuid is None and f.level == pool_level]
    if by_document:
        rows = [[_Cell([names.get(f.document_uuid or "", f.document_uuid or "")]), _Cell([f"{f.value:.0f}"]),
                 _Cell([str(f.n_units)])] for f in by_document]
        tables.append(_Table(f"Disagreements per document, all codes pooled ({unit})",
                             ["Document", "Units with disagreement", "Units compared"], rows,
                             "Units compared are coded segments of every code." if unit == "coded segments"
                             else "Units compared are unit-by-code pairs."))
    return tables


# -- measuring and drawing tables ------------------------------------------------------------------


# Advance widths of Times New Roman (the report's font; Liberation Serif has the same metrics), in em.
_NARROW = {**dict.fromkeys(".,:;'|!", 0.25), **dict.fromkeys("[]()-/ilIjtf", 0.3), " ": 0.25, "\u00a0": 0.25,
           "\u200b": 0.0, "r": 0.34, "s": 0.39}
_WIDE = {**dict.fromkeys("mwMW%", 0.95), "—": 1.0, "=": 0.57, "×": 0.57, "<": 0.57, ">": 0.57, "≥": 0.55}
_FONT = "Times New Roman"
_SAFETY = 1.08  # renderers differ a little in kerning and hinting


def _text_width_cm(text: str, size_pt: float) -> float:
    """Printed width of ``text`` at ``size_pt`` in the report's font (CJK characters a full em)."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += _NARROW[ch]
        elif ch in _WIDE:
            ems += _WIDE[ch]
        elif ord(ch) > 0x2E80:
            ems += 1.0
        else:
            ems += 0.72 if ch.isupper() else 0.5
    return ems * _SAFETY * size_pt * 0.03528


def _fits(table: _Table, usable_cm: float) -> bool:
    """Whether every column can be as wide as its longest unbreakable word."""
    return sum(_column_floor_and_want(table)[0]) <= usable_cm


def _column_widths(table: _Table, usable_cm: float) -> list[float]:
    """Widths in proportion to each column's longest line, never narrower than its longest word."""
    word, longest = _column_floor_and_want(table)
    n = len(table.header)
    if sum(longest) <= usable_cm:
        spare = usable_cm - sum(longest)
        return [longest[0] + spare, *longest[1:]] if n else []
    floor = sum(word)
    if floor >= usable_cm:  # even single words do not fit: shrink in proportion (rare: very many measures)
        return [w * usable_cm / floor for w in word]
    # Numbers first: a value column that keeps its interval on one line reads better than a wide name column.
    wanted = [lng if i >= table.numeric_from else w for i, (w, lng) in enumerate(zip(word, longest, strict=True))]
    if sum(wanted) <= usable_cm:
        spare = usable_cm - sum(wanted)
        slack = sum(longest[i] - word[i] for i in range(table.numeric_from)) or 1.0
        return [wanted[i] + (longest[i] - word[i]) * spare / slack if i < table.numeric_from else wanted[i]
                for i in range(n)]
    share = (usable_cm - floor) / (sum(longest) - floor)
    return [w + (lng - w) * share for w, lng in zip(word, longest, strict=True)]


def _column_floor_and_want(table: _Table) -> tuple[list[float], list[float]]:
    """Per column: the width of its longest unbreakable word and of its longest line, in cm."""
    padding = 2 * _CELL_MARGIN_CM + 0.05
    n = len(table.header)
    longest = [0.0] * n
    word = [0.0] * n
    for row_index, row in enumerate([[_Cell([h], bold=True) for h in table.header], *table.rows]):
        for i, cell in enumerate(row):
            for line_index, line in enumerate(cell.lines):
                size = _TABLE_PT if line_index == 0 else _TABLE_PT - 1
                extra = 0.35 * cell.indent
                longest[i] = max(longest[i], _text_width_cm(line, size) + extra + padding)
                words = line.replace(_WRAP, " ").split(" ") or [""]  # no-break spaces keep words together
                if row_index == 0:  # headers may wrap between words
                    word[i] = max(word[i], max(_text_width_cm(w, size) for w in words) + padding)
                else:
                    word[i] = max(word[i], max(_text_width_cm(w, size) for w in words) + extra + padding)
    return word, longest


def _border(element: Any, edges: dict[str, int]) -> None:
    """Set the single-line borders of a table or cell property element (size in eighths of a point; 0 = none)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = "w:tblBorders" if element.tag.endswith("tblPr") else "w:tcBorders"
    borders = element.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        element.append(borders)
    for edge, size in edges.items():
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single" if size else "nil")
        if size:
            line.set(qn("w:sz"), str(size))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")
        borders.append(line)


def _three_line(table: Any) -> None:
    """APA: a rule above the header, one below it and one below the last row; no vertical lines."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    _border(properties, {"top": 8, "left": 0, "bottom": 8, "right": 0, "insideH": 0, "insideV": 0})
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(round(_CELL_MARGIN_CM / 2.54 * 1440)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for cell in table.rows[0].cells:
        _border(cell._tc.get_or_add_tcPr(), {"bottom": 4})
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    _schema_order(properties)
    for row in table.rows:  # a code's value and its interval stay on one page
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")


def _schema_order(properties: Any) -> None:
    """Put table properties in the order the OOXML schema requires (Word and LibreOffice ignore them otherwise)."""
    children = list(properties)
    rank = {name: i for i, name in enumerate(_TBLPR_ORDER)}
    children.sort(key=lambda child: rank.get(child.tag.rsplit("}", 1)[-1], len(rank)))
    for child in children:
        properties.remove(child)
        properties.append(child)


def _fill_cell(cell: Any, content: _Cell, centred: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(1)
    if content.indent:
        paragraph.paragraph_format.left_indent = Cm(0.35 * content.indent)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(content.lines):
        if not line:
            continue
        run = paragraph.add_run(line)
        run.font.size = Pt(_TABLE_PT if index == 0 else _TABLE_PT - 1)
        run.italic = content.italic or None
        run.bold = content.bold or None
        if index + 1 < len(content.lines) and content.lines[index + 1]:
            run.add_break()


def _add_table(document: Any, table: _Table, number: int, usable_cm: float) -> None:
    from docx.shared import Cm, Pt

    label = document.add_paragraph()
    label.paragraph_format.space_before = Pt(10)
    label.paragraph_format.space_after = Pt(0)
    label.paragraph_format.keep_with_next = True
    label.add_run(f"Table {number}").bold = True
    title = document.add_paragraph()
    title.paragraph_format.space_after = Pt(3)
    title.paragraph_format.keep_with_next = True
    title.add_run(table.title).italic = True
    widths = _column_widths(table, usable_cm)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.autofit = False
    for i, text in enumerate(table.header):
        _fill_cell(grid.rows[0].cells[i], _Cell([text]), centred=i >= table.numeric_from)
    for r, row in enumerate(table.rows, start=1):
        for i, content in enumerate(row):
            _fill_cell(grid.rows[r].cells[i], content, centred=i >= table.numeric_from)
    for row in grid.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(widths[i])
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    _three_line(grid)
    if table.note:
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(3)
        note.add_run("Note. ").italic = True
        note.add_run(table.note).font.size = Pt(8.5)


# -- the document ----------------------------------------------------------------------------------


def _setup(document: Any, paper: str) -> float:
    """Paper size, margins and fonts; returns the usable width in cm."""
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    width, height = PAPER_SIZES_CM[paper]
    for section in document.sections:
        section.page_width, section.page_height = Cm(width), Cm(height)
        section.left_margin = section.right_margin = Cm(_MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(_MARGIN_CM)
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), _CJK_FONT)
    return width - 2 * _MARGIN_CM


def _write_docx(stored: StoredRun, path: Path, cancel: Cancel | None, paper: str = "a4") -> None:
    import docx

    document = docx.Document()
    usable = _setup(document, paper)
    document.add_heading("Inter-coder reliability", level=1)
    _subtitle(document, stored)
    methods = methods_for_run(stored)
    document.add_heading("Method", level=2)
    document.add_paragraph(methods.english)
    document.add_heading("方法", level=2)
    document.add_paragraph(methods.chinese)
    measures = [m for m in stored.parameters.get("measures", []) if m]
    tree = _Tree(stored.parameters)
    number = 0
    for level, table in _level_tables(stored, measures, tree, usable):
        check_cancel(cancel, "agreement report")
        document.add_heading(f"Level {level}" if level is not None else "All codes", level=2)
        number += 1
        table.note = table.note if number == 1 else "Read as Table 1."
        _add_table(document, table, number, usable)
    pairs = _pairs_table(stored, measures, usable)
    if pairs is not None:
        document.add_heading("Coder pairs", level=2)
        number += 1
        pairs.note = "Read as Table 1."
        _add_table(document, pairs, number, usable)
    convention = _convention_table(stored, tree, usable)
    if convention is not None:
        document.add_heading("Vendor convention", level=2)
        number += 1
        _add_table(document, convention, number, usable)
    disagreements = _disagreement_tables(stored, tree)
    if disagreements:
        document.add_heading("Disagreements", level=2)
    for table in disagreements:
        number += 1
        _add_table(document, table, number, usable)
    _undefined_section(document, stored)
    _parameters_section(document, stored)
    _references(document, methods.references)
    set_properties(document, title=f"Inter-coder reliability, run {stored.id}", subject="Concord agreement report")
    document.save(str(path))


def _subtitle(document: Any, stored: StoredRun) -> None:
    p = stored.parameters
    coders = ", ".join(p.get("rater_names") or p.get("coders") or [])
    label = f" — {stored.label}" if stored.label else ""
    line = document.add_paragraph()
    line.add_run(f"Run {stored.id}{label} · {stored.created_at:%Y-%m-%d %H:%M} · {coders} · "
                 f"{UNIT_NAMES.get(p.get('unit', ''), p.get('unit', ''))}").italic = True


def _parameter_lines(stored: StoredRun) -> list[tuple[str, str]]:
    p = stored.parameters
    unit = p.get("unit", "")
    lines = [
        ("Run", f"{stored.id} ({stored.uuid}){' — ' + stored.label if stored.label else ''}"),
        ("Computed", stored.created_at.strftime("%Y-%m-%d %H:%M")),
        ("Coders", ", ".join(p.get("rater_names") or p.get("coders") or [])),
        ("Unit", f"{unit} ({UNIT_NAMES.get(unit, unit)})"),
    ]
    if unit != "segment":
        rule = p.get("rule", "any")
        text = "any coded character" if rule == "any" else f"at least {rule} of the unit"
        lines.append(("Presence rule", text if p.get("rule_applies", True) else p.get("rule_description", text)))
    if unit == "segment":
        lines.append(("Segment tolerance", f"{p.get('tolerance', 0):g}% overlap ({p.get('overlap', '')})"))
    level = p.get("level", "all")
    lines.append(("Codebook levels", "all levels" if level == "all" else f"level {level}"))
    documents = p.get("documents") or []
    lines.append(("Documents", f"{len(documents)}: {', '.join(documents)}"))
    lines.append(("Measures", ", ".join(MEASURE_TITLES.get(m, m) for m in p.get("measures", []))))
    if p.get("missing"):
        lines.append(("Missing data", str(p["missing"])))
    if p.get("unused_codes"):
        lines.append(("Unused codes (undefined)", ", ".join(str(c).rsplit("/", 1)[-1] for c in p["unused_codes"])))
    for key in ("convention", "done_only", "boundary"):
        if p.get(key) not in (None, "", False):
            lines.append((key.replace("_", " ").capitalize(), str(p[key])))
    for measure, method in (p.get("interval_methods") or {}).items():
        lines.append((f"Interval of {MEASURE_TITLES.get(measure, measure)}", str(method)))
    resamples = int(p.get("n_resamples", 0) or 0)
    lines.append(("Bootstrap", f"{resamples} resamples, seed {p.get('seed', 0)}" if resamples else "none"))
    lines.append(("Pooling", p.get("pooling", "")))
    for note in p.get("notes", []):
        lines.append(("Note", note))
    if stored.note:
        lines.append(("Run note", stored.note))
    return lines


def _parameters_section(document: Any, stored: StoredRun) -> None:
    from docx.shared import Pt

    document.add_heading("Parameters", level=2)
    for name, value in _parameter_lines(stored):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(1)
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(value).font.size = Pt(9)


def _references(document: Any, references: Sequence[str]) -> None:
    from docx.shared import Cm

    if not references:
        return
    document.add_heading("References", level=2)
    for reference in references:
        paragraph = document.add_paragraph(reference)
        paragraph.paragraph_format.left_indent = Cm(1.27)
        paragraph.paragraph_format.first_line_indent = Cm(-1.27)  # APA hanging indent


def _undefined_section(document: Any, stored: StoredRun) -> None:
    reasons = sorted({f.note for f in _summary_figures(stored) if f.value is None and f.note})
    if not reasons:
        return
    document.add_heading("Undefined values", level=2)
    for reason in reasons:
        document.add_paragraph(reason, style="List Bullet")


__all__ = ["CSV_COLUMNS", "PAPERS", "csv_rows", "export_agreement_report"]
