"""An agreement report for a stored run: Word (.docx) for the paper's appendix, or every figure as .csv.

The Word report gives the parameters (coders, unit, presence rule or segment tolerance, levels, documents,
measures, bootstrap), how to read "all units" against "coded units", the thresholds applied (Krippendorff's
.667/.800 for alpha, Landis & Koch's bands for kappa-type values), one table per codebook level (value, n and
confidence interval of each measure for each code and the level's pool), a table per coder pair when more than
two coders were compared, and the disagreement counts by code and by document.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from coding.agreement.bands import KRIPPENDORFF_TEXT, LANDIS_KOCH_TEXT, band
from coding.agreement.compare import DISAGREEMENTS, Figure
from coding.agreement.runs import StoredRun, load_run
from coding.agreement.weighted import MEASURE_TITLES
from coding.export.common import Cancel, Progress, check_cancel, check_target, replaced_when_done, report

CSV_COLUMNS = ("run_id", "run_uuid", "code", "code_uuid", "level", "document", "document_uuid", "coder_a", "coder_b",
               "measure", "units", "value", "n_units", "ci_low", "ci_high", "reading", "note")
UNITS_TEXT = {
    "all": "all units",
    "coded": "coded units only",
}
UNIT_NAMES = {
    "character": "characters",
    "sentence": "sentences",
    "turn": "speaker turns",
    "document": "documents",
    "segment": "coded segments",
}


def export_agreement_report(
    session: Session, run: int | str, path: str | Path, *, progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Path:
    """Write the report of stored run ``run`` (id or uuid) as .docx or .csv; returns the path."""
    target = check_target(path, (".docx", ".csv"), "an agreement report")
    stored = load_run(session, run)
    check_cancel(cancel, "agreement report")
    report(progress, 0, 1, "Agreement report")
    with replaced_when_done(target) as temporary:
        if target.suffix.lower() == ".csv":
            _write_csv(stored, temporary)
        else:
            _write_docx(stored, temporary, cancel)
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


def _write_csv(stored: StoredRun, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(stored))


# ------------------------------------------------------------------------------------------------
# Word
# ------------------------------------------------------------------------------------------------


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _cell_text(figure: Figure | None) -> str:
    if figure is None:
        return ""
    if figure.value is None:
        return "undefined"
    text = _number(figure.value)
    if figure.ci_low is not None and figure.ci_high is not None:
        text += f"\n[{_number(figure.ci_low)}, {_number(figure.ci_high)}]"
    reading = band(figure.measure, figure.value)
    return f"{text}\n{reading}" if reading else text


def _summary_figures(stored: StoredRun) -> list[Figure]:
    """Figures over all documents and all coders: what the level tables show."""
    return [f for f in stored.figures if f.document_uuid is None and f.coder_a is None]


def _parameter_lines(stored: StoredRun) -> list[tuple[str, str]]:
    p = stored.parameters
    unit = p.get("unit", "")
    lines = [
        ("Run", f"{stored.id} ({stored.uuid}){' — ' + stored.label if stored.label else ''}"),
        ("Computed", stored.created_at.strftime("%Y-%m-%d %H:%M")),
        ("Coders", ", ".join(p.get("rater_names") or p.get("coders") or [])),
        ("Unit", f"{unit} ({UNIT_NAMES.get(unit, unit)})"),
    ]
    if unit in ("sentence", "turn"):
        rule = p.get("rule", "any")
        lines.append(("Presence rule", "any coded character" if rule == "any" else f"at least {rule} of the unit"))
    if unit == "segment":
        lines.append(("Segment tolerance", f"{p.get('tolerance', 0):g}% overlap ({p.get('overlap', '')})"))
    level = p.get("level", "all")
    lines.append(("Codebook levels", "all levels" if level == "all" else f"level {level}"))
    codes = p.get("compared_codes") or []
    lines.append(("Codes", f"{len(codes)} (a code counts where it or any code below it was applied)"))
    documents = p.get("documents") or []
    chosen = "chosen" if p.get("documents_chosen") else "every document each coder coded"
    lines.append(("Documents", f"{len(documents)} ({chosen}): {', '.join(documents)}"))
    lines.append(("Measures", ", ".join(MEASURE_TITLES.get(m, m) for m in p.get("measures", []))))
    resamples = int(p.get("n_resamples", 0))
    lines.append(("Confidence intervals",
                  f"percentile bootstrap, {resamples} resamples of units, seed {p.get('seed', 0)}, "
                  f"{float(p.get('confidence', 0.95)) * 100:g}% (over all documents)" if resamples else "none"))
    lines.append(("Pooling", p.get("pooling", "")))
    for note in p.get("notes", []):
        lines.append(("Note", note))
    if stored.note:
        lines.append(("Run note", stored.note))
    return lines


def _write_docx(stored: StoredRun, path: Path, cancel: Cancel | None) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading("Inter-coder agreement report", level=0)
    _parameters_table(document, stored)
    _reading_section(document, stored)
    measures = [m for m in stored.parameters.get("measures", []) if m]
    summary = _summary_figures(stored)
    levels = sorted({f.level for f in summary if f.level is not None})
    for level in levels:
        check_cancel(cancel, "agreement report")
        document.add_heading(f"Level {level}", level=1)
        rows = [f for f in summary if f.level == level]
        _level_table(document, rows, measures)
    overall = [f for f in summary if f.level is None]
    if overall:
        document.add_heading("All codes (pooled over the most specific codes)", level=1)
        _level_table(document, overall, measures)
    _pairs_section(document, stored, measures)
    _disagreement_section(document, stored)
    _undefined_section(document, stored)
    document.save(str(path))


def _parameters_table(document: Any, stored: StoredRun) -> None:
    document.add_heading("Parameters", level=1)
    lines = _parameter_lines(stored)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for name, value in lines:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, value
        for run in cells[0].paragraphs[0].runs:
            run.bold = True


def _reading_section(document: Any, stored: StoredRun) -> None:
    document.add_heading("How to read the tables", level=1)
    unit = UNIT_NAMES.get(stored.parameters.get("unit", ""), "units")
    document.add_paragraph(
        f"Each code is compared as a present/absent variable on {unit}. “All units” counts every unit of the "
        f"compared documents; units that no coder coded agree trivially, which inflates agreement for sparsely "
        f"coded transcripts. “Coded units only” keeps the units at least one coder coded with the code: percent "
        f"agreement there is the share of coded units that every coder coded, and chance-corrected values are "
        f"much lower because no unit is left for “neither coded”. n is the number of units a value rests on; "
        f"brackets give the bootstrap confidence interval."
    )
    document.add_paragraph("Thresholds applied:")
    document.add_paragraph(KRIPPENDORFF_TEXT + " (Applied to Krippendorff's alpha and u-alpha.)",
                           style="List Bullet")
    document.add_paragraph(LANDIS_KOCH_TEXT + " (Applied to Cohen's and Fleiss' kappa, Brennan–Prediger and AC1.)",
                           style="List Bullet")
    document.add_paragraph("Both are conventions, not significance tests; percent agreement has no band because it "
                           "is not corrected for chance.")


def _level_table(document: Any, figures: Sequence[Figure], measures: Sequence[str]) -> None:
    shown = [m for m in measures if any(f.measure == m for f in figures)]
    keys: list[tuple[str, str | None, str]] = []
    for f in figures:
        key = (f.code_name, f.code_uuid, f.units)
        if f.measure != DISAGREEMENTS and key not in keys:
            keys.append(key)
    table = document.add_table(rows=1, cols=3 + len(shown))
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text, header[1].text, header[2].text = "Code", "Units", "n"
    for i, measure in enumerate(shown):
        header[3 + i].text = MEASURE_TITLES.get(measure, measure)
    index = {(f.code_name, f.code_uuid, f.units, f.measure): f for f in figures}
    for name, code_uuid, units in keys:
        cells = table.add_row().cells
        cells[0].text = name
        cells[1].text = UNITS_TEXT.get(units, units)
        found = [index.get((name, code_uuid, units, m)) for m in shown]
        n_values = {f.n_units for f in found if f is not None and f.measure != "ualpha"}
        cells[2].text = ", ".join(str(n) for n in sorted(n_values))
        for i, figure in enumerate(found):
            cells[3 + i].text = _cell_text(figure)
    for cell in table.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _pairs_section(document: Any, stored: StoredRun, measures: Sequence[str]) -> None:
    pairs = [f for f in stored.figures if f.document_uuid is None and f.coder_a is not None and f.code_uuid is None]
    if not pairs:
        return
    top_level = None if any(f.level is None for f in pairs) else min(f.level for f in pairs if f.level is not None)
    pooled = [f for f in pairs if f.level == top_level]
    document.add_heading("Coder pairs (all codes pooled)", level=1)
    shown = [m for m in measures if any(f.measure == m for f in pooled)]
    table = document.add_table(rows=1, cols=3 + len(shown))
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text, header[1].text, header[2].text = "Coders", "Units", "n"
    for i, measure in enumerate(shown):
        header[3 + i].text = MEASURE_TITLES.get(measure, measure)
    keys = list(dict.fromkeys((f.coder_a, f.coder_b, f.units) for f in pooled if f.measure != DISAGREEMENTS))
    index = {(f.coder_a, f.coder_b, f.units, f.measure): f for f in pooled}
    for coder_a, coder_b, units in keys:
        cells = table.add_row().cells
        cells[0].text = f"{coder_a} × {coder_b}"
        cells[1].text = UNITS_TEXT.get(units, units)
        found = [index.get((coder_a, coder_b, units, m)) for m in shown]
        cells[2].text = ", ".join(str(n) for n in sorted({f.n_units for f in found if f and f.measure != "ualpha"}))
        for i, figure in enumerate(found):
            cells[3 + i].text = _cell_text(figure)


def _disagreement_section(document: Any, stored: StoredRun) -> None:
    counts = [f for f in stored.figures if f.measure == DISAGREEMENTS and f.coder_a is None]
    if not counts:
        return
    unit = UNIT_NAMES.get(stored.parameters.get("unit", ""), "units")
    document.add_heading("Disagreements", level=1)
    document.add_paragraph(f"Units ({unit}) on which the coders differ: some but not all coders coded the code there.")
    by_code = [f for f in counts if f.document_uuid is None and f.code_uuid is not None]
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text, header[1].text, header[2].text = "Code", "Units with disagreement", "Units compared"
    for f in by_code:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = f.code_name, f"{f.value:.0f}", str(f.n_units)
    names = stored.document_names()
    pool_level = None if any(f.level is None and f.code_uuid is None for f in counts) else min(
        (f.level for f in counts if f.code_uuid is None and f.level is not None), default=None)
    by_document = [f for f in counts if f.document_uuid is not None and f.code_uuid is None and f.level == pool_level]
    if by_document:
        document.add_paragraph("By document (all codes pooled):")
        table = document.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        header = table.rows[0].cells
        header[0].text, header[1].text, header[2].text = "Document", "Units with disagreement", "Units compared"
        for f in by_document:
            cells = table.add_row().cells
            cells[0].text = names.get(f.document_uuid or "", f.document_uuid or "")
            cells[1].text, cells[2].text = f"{f.value:.0f}", str(f.n_units)


def _undefined_section(document: Any, stored: StoredRun) -> None:
    reasons = sorted({f.note for f in _summary_figures(stored) if f.value is None and f.note})
    if not reasons:
        return
    document.add_heading("Undefined values", level=1)
    for reason in reasons:
        document.add_paragraph(reason, style="List Bullet")


__all__ = ["CSV_COLUMNS", "csv_rows", "export_agreement_report"]
