"""``concord chart``: draw an analysis as a PNG or SVG — code frequencies, co-occurrence, crosstab, matrix. Each
subcommand takes the options of the analysis it draws. The old spelling ``concord chart PROJECT KIND --out FILE``
still works (the hidden ``old-form`` subcommand) and says its new form on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.analysis_tables import (
    basis_fields,
    chosen_filter,
    cooccurrence_options,
    crosstab_options,
    frequency_scope,
    matrix_options,
)
from coding.cli.common import (
    CONTEXT_SETTINGS,
    SubcommandGroup,
    emit,
    filter_options,
    json_option,
    note_new_spelling,
    old_form,
    open_project,
    option_group,
    out_option,
    project_argument,
    rollup_option,
)
from coding.i18n import translate

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sqlalchemy.orm import Session

    from coding.analysis.filters import SegmentFilter
    from coding.codebook import CodeTree

KINDS = ("frequencies", "cooccurrence", "crosstab", "matrix")
_measure_option = click.option("--measure", type=click.Choice(["codings", "documents", "cases", "share"]),
                               default="codings", show_default=True, help="What the bars show.")
_picture = option_group(out_option(".png or .svg", required=True), click.option("--title", help="Chart title."))


def _figure(session: Session, tree: CodeTree, flt: SegmentFilter, kind: str, title: str | None,
            chosen: dict[str, Any]) -> Figure:
    """The chart of ``kind`` from the options chosen for it (``rows`` None: the analysis's own default)."""
    from coding.analysis import charts
    from coding.codebook import find_code, parse_rows_spec

    rollup = chosen["rollup"]
    if kind == "frequencies":
        from coding.analysis.frequencies import code_frequencies

        table = code_frequencies(session, by=chosen["by"], codes=parse_rows_spec(tree, chosen["rows"] or "all"),
                                 rollup=rollup, flt=flt, words=chosen["measure"] == "share", tree=tree)
        return charts.code_frequency_chart(table, measure=chosen["measure"], title=title)
    if kind == "cooccurrence":
        from coding.analysis.cooccurrence import cooccurrence

        found = cooccurrence(session, unit=chosen["unit"], codes=parse_rows_spec(tree, chosen["rows"] or "all"),
                             rollup=rollup, flt=flt, tree=tree)
        return charts.cooccurrence_heatmap(found, title=title)
    if kind == "crosstab":
        from coding.analysis.crosstab import crosstab

        code_id = find_code(session, chosen["code_path"]).id
        return charts.crosstab_heatmap(crosstab(session, code_id=code_id, attribute=chosen["attribute"],
                                                rollup=rollup, flt=flt, tree=tree), title=title)
    from coding.analysis.matrix import framework_matrix

    return charts.matrix_heatmap(framework_matrix(session, rows=chosen["rows"] or "level3",
                                                  columns=chosen["columns"], rollup=rollup, flt=flt, tree=tree),
                                 title=title)


def _draw(project: Path, kind: str, out: Path, title: str | None, as_json: bool, chosen: dict[str, Any],
          filters: dict[str, Any]) -> None:
    from coding.analysis.charts import save_figure
    from coding.codebook import CodeTree

    with open_project(project, writes=False) as opened, opened.session() as session:
        tree = CodeTree.load(session)
        flt = chosen_filter(session, filters)
        figure = _figure(session, tree, flt, kind, title, chosen)
        basis = basis_fields(session, flt)
    written = save_figure(figure, out)
    emit(as_json, {"chart": kind, "path": str(written), **basis},
         translate("CLI", "Wrote {path}").format(path=written) + f" ({basis['basis']})")


def _split_filters(options_given: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The analysis's own options apart from the filter options (which codings count)."""
    filter_names = {"coders", "consensus", "all_coders", "per_coder", "where", "cases", "groups", "documents"}
    chosen = {k: v for k, v in options_given.items() if k not in filter_names}
    return chosen, {k: v for k, v in options_given.items() if k in filter_names}


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def chart() -> None:
    """Draw a chart (PNG or SVG): code frequencies, co-occurrence heatmap, crosstab or matrix heatmap.

    Every subcommand takes --json. The old spelling `chart PROJECT KIND --out FILE` still works and says its new
    form on stderr.
    """


@chart.command("frequencies", context_settings=CONTEXT_SETTINGS)
@project_argument
@_picture
@frequency_scope
@_measure_option
@filter_options
@json_option
def frequencies_chart(project: Path, out: Path, title: str | None, as_json: bool, **given: Any) -> None:
    """Code frequencies as bars, per code × column."""
    _draw(project, "frequencies", out, title, as_json, *_split_filters(given))


@chart.command("cooccurrence", context_settings=CONTEXT_SETTINGS)
@project_argument
@_picture
@cooccurrence_options
@json_option
def cooccurrence_chart(project: Path, out: Path, title: str | None, as_json: bool, **given: Any) -> None:
    """Code co-occurrence as a heatmap (codes × codes)."""
    _draw(project, "cooccurrence", out, title, as_json, *_split_filters(given))


@chart.command("crosstab", context_settings=CONTEXT_SETTINGS)
@project_argument
@_picture
@crosstab_options
@json_option
def crosstab_chart(project: Path, out: Path, title: str | None, as_json: bool, **given: Any) -> None:
    """A code's presence per attribute value as a heatmap."""
    _draw(project, "crosstab", out, title, as_json, *_split_filters(given))


@chart.command("matrix", context_settings=CONTEXT_SETTINGS)
@project_argument
@_picture
@matrix_options
@json_option
def matrix_chart(project: Path, out: Path, title: str | None, as_json: bool, **given: Any) -> None:
    """The framework matrix (codes × cases or attribute values) as a heatmap of codings."""
    _draw(project, "matrix", out, title, as_json, *_split_filters(given))


@old_form(chart, "The old spelling: concord chart PROJECT KIND --out FILE [OPTIONS].")
@project_argument
@click.argument("kind", type=click.Choice(KINDS))
@_picture
@click.option("--by", default="all", show_default=True, help="frequencies: columns (all|case|attribute:NAME …).")
@click.option("--rows", help="frequencies/cooccurrence/matrix: rows (default all; matrix level3).")
@click.option("--columns", default="cases", show_default=True, help="matrix: cases or attribute:NAME.")
@click.option("--unit", type=click.Choice(["overlap", "sentence", "turn"]), default="overlap", show_default=True,
              help="cooccurrence: unit.")
@_measure_option
@click.option("--code", "code_path", help="crosstab: the code.")
@click.option("--attribute", help="crosstab: the attribute.")
@rollup_option
@filter_options
@json_option
def old_chart(project: Path, kind: str, out: Path, title: str | None, as_json: bool, **given: Any) -> None:
    if kind == "crosstab" and not (given["code_path"] and given["attribute"]):
        raise click.UsageError("a crosstab chart needs --code PATH and --attribute NAME")
    _draw(project, kind, out, title, as_json, *_split_filters(given))
    note_new_spelling(f"chart PROJECT {kind}", f"chart {kind} PROJECT")


__all__ = ["chart"]
