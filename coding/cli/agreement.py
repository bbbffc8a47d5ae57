"""``concord agreement``: compare coders, keep the runs, review disagreements, export reports.

    concord agreement compare PROJECT --coders Lin,Morgan --unit sentence [--level 3] [--measures alpha,kappa]
                              [--bootstrap 1000] [--rule 50%] [--documents P01,P02] [--label "round 2"] [--json]
    concord agreement compare PROJECT --coders A,B,C --unit segment --tolerance 80
    concord agreement runs PROJECT | show PROJECT RUN | delete PROJECT RUN | report PROJECT RUN --out report.docx
    concord agreement disagreements PROJECT --coders Lin,Morgan [--unit passage|sentence|…] [--json]
    concord agreement trend PROJECT alpha [--code PATH] [--level 2] [--coders A,B]
    concord agreement snapshot PROJECT "round 1" --coder Lin     (then compare --coders "Lin,snapshot:round 1")
    concord agreement snapshots PROJECT | decision-log PROJECT --out decisions.csv

The old one-command spelling (``concord agreement PROJECT --list`` …) is the hidden ``old-form`` subcommand.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from coding.agreement.compare import (
    AVAILABLE_MEASURES,
    DEFAULT_MEASURES,
    DEFAULT_TOLERANCE,
    DEFAULT_UNIT,
    DISAGREEMENTS,
    MAX_RESAMPLES,
    ComparisonParams,
    Figure,
)
from coding.agreement.figure_table import overall_figures
from coding.agreement.methods import MethodsText, methods_text
from coding.agreement.units import UNIT_KINDS
from coding.cli.common import (
    coder_option,
    out_option,
    CONTEXT_SETTINGS,
    SubcommandGroup,
    coders_option,
    display_width,
    emit,
    json_option,
    note_new_spelling,
    old_form,
    open_project,
    option_group,
    padded,
    paper_option,
    parse_tolerance,
    project_argument,
    split_names,
)
from coding.errors import ValidationError
from coding.i18n import is_chinese, translate
from coding.project import Project



def _level(text: str | None) -> int | None:
    if text is None or text.strip().lower() == "all":
        return None
    try:
        level = int(text)
    except ValueError:
        raise ValidationError(translate("errors", "--level must be 1, 2, 3 … or all, not '{text}'").format(text=text)) from None
    if level < 1:
        raise ValidationError(translate("errors", "--level must be 1 or more, not {level}").format(level=level))
    return level


# ------------------------------------------------------------------------------------------------
# Text tables
# ------------------------------------------------------------------------------------------------


def _value_text(figure: Figure | None) -> str:
    if figure is None:
        return ""
    if figure.value is None:
        return "undef."
    text = f"{figure.value:.3f}"
    if figure.ci_low is not None and figure.ci_high is not None:
        text += f" [{figure.ci_low:.3f}, {figure.ci_high:.3f}]"
    return text


def _code_label(figure: Figure) -> str:
    if figure.code_uuid is None:
        return figure.code_name
    depth = (figure.level or 1) - 1
    return "  " * depth + figure.code_name.rsplit("/", 1)[-1]


def format_table(figures: Sequence[Figure], measures: Sequence[str]) -> str:
    """Figures over all documents as a table: one line per code × coders × units, one column per measure."""
    summary = [f for f in figures if f.document_uuid is None]
    extra = ("psa", "nsa", "alpha_q667", "alpha_q800", "boundary_only")  # issue 17: items 2, 7, 9
    shown = [m for m in (*measures, *extra) if any(f.measure == m for f in summary)]
    prevalence: dict[tuple[Any, ...], list[str]] = {}
    keys: list[tuple[Any, ...]] = []
    index: dict[tuple[Any, ...], Figure] = {}
    differing: dict[tuple[Any, ...], Figure] = {}
    for f in summary:
        key = (f.code_uuid, f.code_name, f.level, f.coder_a, f.coder_b)
        if f.measure == DISAGREEMENTS:
            differing[key] = f
            continue
        if f.measure == "prevalence":  # one figure per coder: shown beside the all-coder row
            prevalence.setdefault(key[:3], []).append(f"{f.coder_a} {_value_text(f)}")
            continue
        if (*key, f.units) not in keys:
            keys.append((*key, f.units))
        index[(*key, f.units, f.measure)] = f
    header = [translate("CLI", "Code"), translate("CLI", "Coders"), translate("CLI", "Units"), "n", *shown,
              translate("CLI", "Differ"), *([translate("CLI", "Coded share")] if prevalence else [])]
    rows = []
    every_coder = translate("CLI", "all")
    for row_key in keys:
        first = next(index[(*row_key, m)] for m in [*shown, "ualpha"] if (*row_key, m) in index)
        coders = every_coder if first.coder_a is None else f"{first.coder_a}×{first.coder_b}"
        n = next((index[(*row_key, m)].n_units for m in shown if m != "ualpha" and (*row_key, m) in index), first.n_units)
        diff = differing.get(row_key[:5])
        rows.append([_code_label(first), coders, row_key[5], str(n),
                     *[_value_text(index.get((*row_key, m))) for m in shown],
                     f"{diff.value:.0f}" if diff is not None and row_key[5] == "all" else "",
                     *(["; ".join(prevalence.get(row_key[:3], [])) if first.coder_a is None and row_key[5] == "all" else ""]
                       if prevalence else [])])
    widths = [max(display_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(padded(str(cell), widths[i]) for i, cell in enumerate(row)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _run_header(run_id: int, parameters: dict[str, Any], stored: bool = True) -> str:
    coders = ", ".join(parameters.get("rater_names") or parameters.get("coders") or [])
    level = parameters.get("level", "all")
    # The rule is always named: where it does not apply, the header says so (issue 17, item 3).
    extra = translate("CLI", ", rule {rule}").format(rule=parameters.get("rule")) \
        if parameters.get("unit") in ("sentence", "turn") else (
        translate("CLI", ", rule: {rule}").format(rule=parameters.get("rule_description"))
        if parameters.get("rule_description") else "")
    if parameters.get("done_only"):
        extra += translate("CLI", ", done documents only")
    if parameters.get("unit") == "segment":
        extra += translate("CLI", ", tolerance {tolerance}% (intersection/union)").format(
            tolerance=f"{parameters.get('tolerance'):g}")
    resamples = parameters.get("n_resamples", 0)
    ci = translate("CLI", ", {resamples} bootstrap resamples (seed {seed})").format(
        resamples=resamples, seed=parameters.get("seed", 0)) if resamples else ""
    methods = sorted(set((parameters.get("interval_methods") or {}).values()))
    ci += translate("CLI", "; intervals: {methods}").format(methods=" / ".join(methods)) if methods else ""
    template = translate("CLI", "Stored as run {run}: {coders}; unit {unit}{extra}; level {level}; {documents} documents"
                         "{ci}") if stored else translate(
        "CLI", "Run {run}: {coders}; unit {unit}{extra}; level {level}; {documents} documents{ci}")
    return template.format(run=run_id, coders=coders, unit=parameters.get("unit"), extra=extra, level=level,
                           documents=len(parameters.get("documents", [])), ci=ci)


def _methods_text(methods: MethodsText) -> str:
    """"Methods" and the paragraphs, the CLI's language first, then the references."""
    if not is_chinese():
        return "\n" + translate("CLI", "Methods") + "\n" + methods.as_text()
    return "\n".join(["", translate("CLI", "Methods"), methods.chinese, "", methods.english, "",
                      translate("CLI", "References"), *methods.references])


def _ours(figures: Sequence[Figure]) -> list[Figure]:
    """Concord's own figures; a vendor convention's have a table of their own."""
    from coding.agreement.conventions import CONVENTION_MEASURES

    return [f for f in figures if f.measure not in CONVENTION_MEASURES]


def _convention_table(figures: Sequence[Figure], parameters: dict[str, Any]) -> str:
    from coding.agreement.conventions import format_convention_table

    return format_convention_table(figures, parameters.get("convention"))


def _notes(parameters: dict[str, Any]) -> str:
    notes = parameters.get("notes") or []
    return "\n".join(translate("CLI", "Note: {note}").format(note=n) for n in notes)


# ------------------------------------------------------------------------------------------------
# The commands: one subcommand per kind of question, and the old flag spelling as a hidden alias
# ------------------------------------------------------------------------------------------------


_coders = coders_option("Coders to compare, comma-separated (snapshot:LABEL for a snapshot).")
_tolerance_opt = click.option("--tolerance", default=str(DEFAULT_TOLERANCE), show_default=True,
                              help="Segment units: minimum overlap in percent (intersection / union of the two "
                                   "segments).")
_level_opt = click.option("--level", "level_text", help="Codebook level to compare: 1, 2, 3 or all (default all).")
_codes_opt = click.option("--code", "codes", multiple=True, help="Only this code (path or uuid); repeat for more.")
_rule_opt = click.option("--rule", default="any", show_default=True,
                         help="Sentence/turn units: when a unit counts as coded: any, or a share such as 50%.")
_documents_opt = click.option("--documents", multiple=True, help="Documents (names or uuids), comma-separated "
                              "(default: those two or more coders coded; a coder is missing where they did not code).")
_comparison_options = option_group(
    _tolerance_opt, _level_opt, _codes_opt,
    click.option("--measures", "measures_text", default=",".join(DEFAULT_MEASURES), show_default=True,
                 help=f"Comma-separated: {', '.join(AVAILABLE_MEASURES)}."),
    click.option("--bootstrap", type=click.IntRange(0, MAX_RESAMPLES), default=0, show_default=True,
                 help="Bootstrap resamples for 95% confidence intervals (0 = none)."),
    click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap."),
    click.option("--boundary", type=click.IntRange(0, None), default=0, show_default=True,
                 help="Sentence/turn units: also read a coder's touch of ≤ N characters of a unit as boundary-only "
                 "(figures under both readings, and the count of boundary-only disagreements; 0 = off)."),
    click.option("--bootstrap-by", "bootstrap_by", type=click.Choice(["units", "documents"]), default="units",
                 show_default=True, help="units: α by Hayes & Krippendorff (2007), other measures by resampling "
                 "units; documents: resample whole documents (document-cluster bootstrap, for pooled figures)."),
    _rule_opt, _documents_opt,
    click.option("--pairs-per-document", is_flag=True, help="With 3+ coders, also give each pair per document."),
    click.option("--done-only", is_flag=True, help="Count a coder's document as coded only when marked done "
                 "(default: done or holding any of their codings); elsewhere their values are missing."),
    click.option("--label", default="", help="Label of the stored run (e.g. 'training round 2')."),
    click.option("--no-store", is_flag=True, help="Compute and print without storing the run."),
    click.option("--convention", type=click.Choice(["nvivo", "maxqda", "atlas"]),
                 help="Also give a vendor's figures from its documented definition (NVivo, MAXQDA or ATLAS.ti)."),
)
_units_variant_opt = click.option("--units", "units_variant", type=click.Choice(["all", "coded"]), default="all",
                                  show_default=True, help="Figures over all units or coded units only.")
_report_out = out_option(".docx or .csv", required=True, help_text="Report file: .docx or .csv.")
_decisions_out = out_option(".csv or .xlsx", required=True, help_text="The decision log: .csv or .xlsx.")
_run_argument = click.argument("run", metavar="RUN")


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def agreement() -> None:
    """Inter-coder agreement: compare coders per code and level and keep the run; list, show, report and delete
    runs; list disagreements; follow a measure over runs; snapshots for intra-coder agreement.

    Every subcommand takes --json. The old one-command spelling still works and says its new form on stderr:
    `agreement PROJECT --coders A,B …` is `agreement compare PROJECT --coders A,B …`; --list is `runs`,
    --show/--delete/--export RUN are `show`/`delete`/`report`, --disagreements is `disagreements`, --series is
    `trend`, --snapshot/--snapshots are `snapshot`/`snapshots`, --export-decisions is `decision-log`.
    """


@agreement.command("compare", context_settings=CONTEXT_SETTINGS)
@project_argument
@_coders
@click.option("--unit", type=click.Choice(UNIT_KINDS), default=DEFAULT_UNIT, show_default=True,
              help="Unit of comparison.")
@_comparison_options
@json_option
def compare(project: Path, coders: tuple[str, ...], unit: str, as_json: bool, **options: Any) -> None:
    """Compare coders per code and codebook level at a unit; store the run (unless --no-store) and print its
    figures and methods paragraph."""
    with open_project(project) as opened:
        _compare(opened, coders, unit, as_json, **options)


@agreement.command("runs", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def runs(project: Path, as_json: bool) -> None:
    """List the stored agreement runs, oldest first."""
    with open_project(project) as opened:
        _list(opened, as_json)


@agreement.command("show", context_settings=CONTEXT_SETTINGS)
@project_argument
@_run_argument
@json_option
def show(project: Path, run: str, as_json: bool) -> None:
    """Show a stored run (RUN: its id or uuid): figures and methods paragraph."""
    with open_project(project) as opened:
        _show(opened, run, as_json)


@agreement.command("delete", context_settings=CONTEXT_SETTINGS)
@project_argument
@_run_argument
@json_option
def delete(project: Path, run: str, as_json: bool) -> None:
    """Delete a stored run (RUN: its id or uuid) and its figures."""
    with open_project(project) as opened:
        _delete(opened, run, as_json)


@agreement.command("report", context_settings=CONTEXT_SETTINGS)
@project_argument
@_run_argument
@_report_out
@paper_option
@json_option
def report(project: Path, run: str, out: Path, paper: str | None, as_json: bool) -> None:
    """Write a stored run's reliability report (.docx, with the methods paragraph; or .csv)."""
    with open_project(project) as opened:
        _export(opened, run, out, as_json, paper)


@agreement.command("disagreements", context_settings=CONTEXT_SETTINGS)
@project_argument
@_coders
@click.option("--unit", type=click.Choice([*UNIT_KINDS, "passage"]), default="passage", show_default=True,
              help="The unit disagreements are listed at (segment lists passages).")
@_tolerance_opt
@_rule_opt
@_codes_opt
@_documents_opt
@json_option
def disagreements(project: Path, coders: tuple[str, ...], unit: str, tolerance: str, rule: str,
                  codes: tuple[str, ...], documents: tuple[str, ...], as_json: bool) -> None:
    """List where the coders differ: each passage with who coded it and who did not, and what is settled."""
    with open_project(project) as opened:
        _disagreements(opened, split_names(coders), unit, parse_tolerance(tolerance), rule, codes,
                       split_names(documents), as_json)


@agreement.command("trend", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("measure")
@click.option("--code", "codes", multiple=True, help="Follow this code (path or uuid) alone.")
@_level_opt
@_units_variant_opt
@coders_option("Only runs between these coders, comma-separated.")
@click.option("--unit", type=click.Choice(UNIT_KINDS), help="Only runs at this unit.")
@json_option
def trend(project: Path, measure: str, codes: tuple[str, ...], level_text: str | None, units_variant: str,
          coders: tuple[str, ...], unit: str | None, as_json: bool) -> None:
    """One MEASURE across the stored runs, oldest first, with its trend per run (is agreement rising?)."""
    with open_project(project) as opened:
        _series(opened, measure, codes, _level(level_text), units_variant, split_names(coders), unit, as_json)


@agreement.command("snapshot", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("label")
@coder_option("The coder whose codings are frozen.", required=True)
@json_option
def snapshot(project: Path, label: str, coder: str, as_json: bool) -> None:
    """Freeze a coder's codings under LABEL, to compare them later with themselves (intra-coder agreement:
    compare --coders "NAME,snapshot:LABEL")."""
    with open_project(project) as opened:
        _snapshot(opened, (coder.strip(),), label, as_json)


@agreement.command("snapshots", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def snapshots(project: Path, as_json: bool) -> None:
    """List the coding snapshots."""
    with open_project(project) as opened:
        _snapshots(opened, as_json)


@agreement.command("decision-log", context_settings=CONTEXT_SETTINGS)
@project_argument
@_decisions_out
@json_option
def decision_log(project: Path, out: Path, as_json: bool) -> None:
    """Write the consensus decision log: every settled disagreement, who decided and when (.csv or .xlsx)."""
    with open_project(project) as opened:
        _export_decisions(opened, out, as_json)


# The old flags, each the subcommand it is now (None: compare).
_OLD_FLAGS: dict[str, tuple[str, str]] = {
    "list_runs": ("PROJECT --list", "runs PROJECT"),
    "show": ("PROJECT --show RUN", "show PROJECT RUN"),
    "delete": ("PROJECT --delete RUN", "delete PROJECT RUN"),
    "export": ("PROJECT --export RUN --out FILE", "report PROJECT RUN --out FILE"),
    "disagreements": ("PROJECT --disagreements", "disagreements PROJECT"),
    "series": ("PROJECT --series MEASURE", "trend PROJECT MEASURE"),
    "snapshot": ("PROJECT --snapshot LABEL --coders NAME", "snapshot PROJECT LABEL --coder NAME"),
    "snapshots": ("PROJECT --snapshots", "snapshots PROJECT"),
    "export_decisions": ("PROJECT --export-decisions FILE", "decision-log PROJECT --out FILE"),
}


@old_form(agreement, "The old spelling: concord agreement PROJECT [--list | --show RUN | … ] [OPTIONS].")
@project_argument
@_coders
@click.option("--unit", type=click.Choice([*UNIT_KINDS, "passage"]),
              help=f"Unit of comparison (default {DEFAULT_UNIT}; for --disagreements: passage).")
@_comparison_options
@click.option("--list", "list_runs", is_flag=True, help="List stored runs.")
@click.option("--show", metavar="RUN", help="Show a stored run (id or uuid).")
@click.option("--delete", metavar="RUN", help="Delete a stored run and its figures.")
@click.option("--export", metavar="RUN", help="Export a stored run's report (with --out).")
@out_option(".docx or .csv", help_text="Report file: .docx or .csv.")
@paper_option
@click.option("--disagreements", is_flag=True, help="List where the coders differ.")
@click.option("--series", metavar="MEASURE", help="One measure across stored runs, oldest first.")
@_units_variant_opt
@click.option("--snapshot", metavar="LABEL", help="Freeze the codings of --coders NAME under LABEL (intra-coder).")
@click.option("--snapshots", is_flag=True, help="List coding snapshots.")
@click.option("--export-decisions", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the consensus decision log (.csv or .xlsx).")
@json_option
def old_agreement(project: Path, coders: tuple[str, ...], unit: str | None, as_json: bool, **options: Any) -> None:
    modes = {name: options.pop(name) for name in _OLD_FLAGS}
    out, paper, units_variant = options.pop("out"), options.pop("paper"), options.pop("units_variant")
    chosen = [name for name, value in modes.items() if value]
    if len(chosen) > 1:
        raise click.UsageError("choose one of --list, --show, --delete, --export, --disagreements, --series, "
                               "--snapshot, --snapshots, --export-decisions")
    mode = chosen[0] if chosen else None
    if mode == "export" and out is None:
        raise click.UsageError("--export RUN needs --out FILE (.docx or .csv)")
    names = split_names(coders)
    with open_project(project) as opened:
        if mode is None:
            _compare(opened, coders, unit or DEFAULT_UNIT, as_json, **options)
        elif mode in ("list_runs", "snapshots"):
            (_list if mode == "list_runs" else _snapshots)(opened, as_json)
        elif mode in ("show", "delete"):
            (_show if mode == "show" else _delete)(opened, str(modes[mode]), as_json)
        elif mode == "export":
            _export(opened, str(modes[mode]), out, as_json, paper)
        elif mode == "disagreements":
            _disagreements(opened, names, "passage" if unit in (None, "segment") else unit,
                           parse_tolerance(options["tolerance"]), options["rule"], options["codes"],
                           split_names(options["documents"]), as_json)
        elif mode == "series":
            _series(opened, str(modes[mode]), options["codes"], _level(options["level_text"]), units_variant,
                    names, unit, as_json)
        elif mode == "snapshot":
            _snapshot(opened, names, str(modes[mode]), as_json)
        else:
            _export_decisions(opened, modes[mode], as_json)
    old, new = _OLD_FLAGS[mode] if mode else ("PROJECT --coders …", "compare PROJECT --coders …")
    note_new_spelling(f"agreement {old}", f"agreement {new}")


def _compare(opened: Project, coders: tuple[str, ...], unit: str, as_json: bool, *, tolerance: str,
             level_text: str | None, codes: tuple[str, ...], measures_text: str, bootstrap: int, seed: int,
             boundary: int, bootstrap_by: str, rule: str, documents: tuple[str, ...], pairs_per_document: bool,
             done_only: bool, label: str, no_store: bool, convention: str | None) -> None:
    if unit == "passage":
        raise ValidationError(translate(
            "errors", "unit 'passage' is for --disagreements; compare with segment units instead"))
    params = ComparisonParams(
        coders=split_names(coders), unit=unit, level=_level(level_text), codes=codes or None,
        documents=split_names(documents) or None, measures=split_names([measures_text]), rule=rule,
        tolerance=parse_tolerance(tolerance), n_resamples=bootstrap, seed=seed,
        pairs_per_document=pairs_per_document, done_only=done_only, convention=convention,
        interval_method=bootstrap_by, boundary=boundary,
    )
    _run(opened, params, label, not no_store, as_json)


def _run(opened: Project, params: ComparisonParams, label: str, store: bool, as_json: bool) -> None:
    import sys

    from coding.agreement.compare import run_comparison
    from coding.agreement.runs import find_run, store_run

    def progress(done: int, total: int, text: str) -> None:
        if not as_json and sys.stderr.isatty():
            click.echo(f"\r[{done}/{total}] {text[:60]:<60}", err=True, nl=False)

    with opened.session() as session:
        result = run_comparison(session, params, progress=progress)
        run_id = store_run(session, result, label=label, actor=opened.actor) if store else 0
        run_uuid = find_run(session, run_id).uuid if store else None
    if not as_json and sys.stderr.isatty():
        click.echo("", err=True)
    parameters = result.parameters_json()
    overall = overall_figures(result.figures)  # the tables read these only: never touch a per-document figure
    methods = methods_text(parameters, overall)
    if as_json:
        head = {"run_id": run_id if store else None, "run_uuid": run_uuid, "parameters": parameters}
        _stream_json(head, result.figures, {"methods": methods.to_dict()})
        return
    click.echo("\n".join(filter(None, [
        _run_header(run_id, parameters, stored=store),
        format_table(_ours(overall), params.measures), _convention_table(overall, parameters),
        _notes(parameters), _methods_text(methods)])))


def _stream_json(head: dict[str, Any], figures: Sequence[Figure], tail: dict[str, Any]) -> None:
    """A run's JSON written a few thousand figures at a time: a million figures never become one list of dicts."""
    from coding.agreement.figure_table import write_json

    stream = click.get_text_stream("stdout")
    write_json(stream, head, figures, tail)
    stream.write("\n")
    stream.flush()


def _list(opened: Project, as_json: bool) -> None:
    from dataclasses import asdict

    from coding.agreement.runs import list_runs

    with opened.session() as session:
        runs = list_runs(session)
    rows = [asdict(r) for r in runs]

    def text() -> str:
        if not runs:
            return translate("CLI", "No stored agreement runs.")
        return "\n".join(
            f"{r.id:>4}  {r.created_at:%Y-%m-%d %H:%M}  {r.unit:<9}  {', '.join(r.coders):<24}  level {r.level}  "
            f"{r.documents} docs  {r.figures} figures  {r.label}".rstrip()
            for r in runs)

    emit(as_json, rows, text)


def _show(opened: Project, reference: str, as_json: bool) -> None:
    from coding.agreement.runs import load_run

    with opened.session() as session:
        stored = load_run(session, reference)
    measures = stored.parameters.get("measures", [])
    overall = overall_figures(stored.figures)
    methods = methods_text(stored.parameters, overall)
    if as_json:
        _stream_json(stored.header(), stored.figures, {"methods": methods.to_dict()})
        return
    click.echo("\n".join(filter(None, [
        translate("CLI", "Run {run} ({time})").format(run=stored.id, time=f"{stored.created_at:%Y-%m-%d %H:%M}")
        + (" — " + stored.label if stored.label else ""),
        _run_header(stored.id, stored.parameters, stored=False),
        format_table(_ours(overall), measures), _convention_table(overall, stored.parameters),
        _notes(stored.parameters), _methods_text(methods)])))


def _delete(opened: Project, reference: str, as_json: bool) -> None:
    from coding.agreement.runs import delete_run, find_run

    with opened.session() as session:
        run = find_run(session, reference)
        data = {"deleted": run.id, "uuid": run.uuid}
        delete_run(session, run.id, actor=opened.actor)
    emit(as_json, data, translate("CLI", "Deleted run {run}").format(run=data["deleted"]))


def _export(opened: Project, reference: str, out: Path, as_json: bool, paper: str | None = None) -> None:
    from coding.export.agreement_report import export_agreement_report

    with opened.session() as session:
        written = export_agreement_report(session, reference, out, paper=paper)
    emit(as_json, {"exported": str(written)}, translate("CLI", "Wrote {path}").format(path=written))


def _disagreements(opened: Project, names: tuple[str, ...], unit: str | None, tolerance: float, rule: str,
                   codes: tuple[str, ...], documents: tuple[str, ...], as_json: bool) -> None:
    from sqlalchemy import select

    from coding.agreement.consensus import consensus_progress
    from coding.agreement.disagreements import list_disagreements
    from models import Document

    listing_unit = "passage" if unit in (None, "segment") else unit
    with opened.session() as session:
        items = list_disagreements(session, names, unit=listing_unit, tolerance=tolerance, rule=rule,
                                   codes=codes or None, documents=documents or None)
        texts = dict(session.execute(select(Document.id, Document.text).where(
            Document.id.in_({i.document_id for i in items}))).all())
    progress = consensus_progress(items)
    rows = []
    for item in items:
        row = item.to_dict()
        row["text"] = texts.get(item.document_id, "")[item.start:item.end]
        rows.append(row)

    def text() -> str:
        if not items:
            return f"No disagreements between {', '.join(names)}."
        lines = []
        for item, row in zip(items, rows, strict=True):
            excerpt = " ".join(row["text"].split())
            excerpt = excerpt if len(excerpt) <= 70 else excerpt[:69] + "…"
            settled = "  [settled]" if item.resolved else ""
            who = (f"coded by {', '.join(item.coded_by)}; not by {', '.join(item.not_coded_by)}"
                   if item.not_coded_by else f"coded by {', '.join(item.coded_by)} with different boundaries")
            lines.append(f"{item.document_name}  {item.code_path}  {item.start}–{item.end}  {who}{settled}\n"
                         f"    “{excerpt}”")
            if len(item.coders) > 2:  # with three or more coders, each coder's version of the passage
                lines.append("    " + " · ".join(
                    f"{coder} {', '.join(f'{s}–{e}' for s, e in spans) or '—'}"
                    for coder, spans in item.versions().items()))
        lines.append(f"{len(items)} disagreement(s); {progress.resolved} settled.")
        return "\n".join(lines)

    emit(as_json, {"disagreements": rows, "resolved": progress.resolved, "total": progress.total}, text)


def _series(opened: Project, measure: str, codes: tuple[str, ...], level: int | None, units: str,
            names: tuple[str, ...], unit: str | None, as_json: bool) -> None:
    from dataclasses import asdict

    from coding.agreement.runs import measure_series, series_trend
    from coding.codebook import find_code

    if measure not in (*AVAILABLE_MEASURES, DISAGREEMENTS, "psa", "nsa", "alpha_q667", "alpha_q800"):
        raise ValidationError(translate(
            "errors", "unknown measure '{measure}' (choose from {value})").format(
            measure=measure, value=', '.join(AVAILABLE_MEASURES)))
    if len(codes) > 1:
        raise ValidationError(translate("errors", "follow one code at a time (one --code)"))
    with opened.session() as session:
        code_uuid = find_code(session, codes[0]).uuid if codes else None
        points = measure_series(session, measure, code_uuid=code_uuid, level=level, units=units,
                                coders=names or None, unit=unit)
    slope = series_trend(points)
    data = {"measure": measure, "points": [asdict(p) for p in points], "trend_per_run": slope}

    def text() -> str:
        if not points:
            return f"No stored run has {measure} for that scope."
        lines = [f"{p.run_id:>4}  {p.created_at:%Y-%m-%d %H:%M}  {p.unit:<9}  "
                 f"{'undef.' if p.value is None else f'{p.value:.3f}'}  n={p.n_units}  {p.label}".rstrip()
                 for p in points]
        if slope is not None:
            lines.append(f"Trend: {slope:+.3f} per run ({'rising' if slope > 0 else 'not rising'})")
        return "\n".join(lines)

    emit(as_json, data, text)


def _snapshot(opened: Project, names: tuple[str, ...], label: str, as_json: bool) -> None:
    from dataclasses import asdict

    from coding.agreement.runs import take_snapshot

    if len(names) != 1:
        raise ValidationError(translate(
            "errors", "--snapshot LABEL freezes one coder's codings: give exactly one name with --coders"))
    with opened.session() as session:
        taken = take_snapshot(session, names[0], label, actor=opened.actor)
    data = {**asdict(taken), "rater": taken.rater}
    emit(as_json, data, f"Snapshot '{taken.label}' of {taken.coder}: {taken.codings} codings "
                        f"(compare with --coders \"{taken.coder},{taken.rater}\")")


def _snapshots(opened: Project, as_json: bool) -> None:
    from dataclasses import asdict

    from coding.agreement.runs import list_snapshots

    with opened.session() as session:
        found = list_snapshots(session)
    emit(as_json, [{**asdict(s), "rater": s.rater} for s in found], lambda: "\n".join(
        f"{s.created_at:%Y-%m-%d %H:%M}  {s.coder}@{s.label}  {s.codings} codings  ({s.uuid})" for s in found)
        or "No snapshots.")


def _export_decisions(opened: Project, path: Path, as_json: bool) -> None:
    from coding.agreement.consensus import export_decision_log

    with opened.session() as session:
        written = export_decision_log(session, path)
    emit(as_json, {"exported": str(written)}, translate("CLI", "Wrote {path}").format(path=written))


__all__ = ["agreement", "format_table"]
