"""``concord export``: the files for the paper — coded summary, framework matrix, codebook, segments, and the
analysis tables (crosstab, words, frequencies, cooccurrence). Each subcommand writes through one function in
``coding.export``; the analysis commands' ``--out FILE`` writes its table through the same one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from coding.cli.analysis_tables import (
    basis_fields,
    chosen_filter,
    cooccurrence_options,
    cooccurrence_table,
    crosstab_options,
    crosstab_table,
    frequency_options,
    frequency_table,
    matrix_options,
    terminal_progress,
    word_options,
    word_table,
    write_cooccurrence_table,
    write_crosstab_table,
    write_frequency_table,
    write_word_table,
    written,
)
from coding.cli.common import (
    CONTEXT_SETTINGS,
    filter_options,
    json_option,
    open_project,
    out_option,
    paper_option,
    project_argument,
)


@click.group("export", context_settings=CONTEXT_SETTINGS)
def export() -> None:
    """Export for the paper: summary, matrix, codebook, segments, crosstab, words, frequencies, cooccurrence."""


@export.command("summary")
@project_argument
@out_option(".docx", required=True)
@click.option("--code", "codes", multiple=True, help="Only these codes (with the codes below them).")
@click.option("--title", help="Document title.")
@click.option("--skip-empty", is_flag=True, help="Leave out codes without segments.")
@click.option("--offsets", is_flag=True, help="Add character offsets to each quote's source line.")
@paper_option
@filter_options
@json_option
def export_summary(project: Path, out: Path, codes: tuple[str, ...], title: str | None, skip_empty: bool,
                   offsets: bool, paper: str | None, as_json: bool, **options: Any) -> None:
    """Coded summary (DOCX): codebook headings, definitions, and quotes with their sources."""
    from coding.export.summary import export_summary_docx

    with open_project(project, writes=False) as opened, opened.session() as session:
        flt = chosen_filter(session, options, codes, descendants=True)
        result = export_summary_docx(session, out, flt=flt, title=title, include_empty=not skip_empty,
                                     paper=paper, offsets=offsets, progress=terminal_progress(as_json))
        basis = basis_fields(session, flt)
    written(as_json, result, "quotes", basis)


@export.command("matrix")
@project_argument
@out_option(".docx or .xlsx", required=True)
@matrix_options
@click.option("--cells", type=click.Choice(["summary", "counts", "both"]), default="both", show_default=True,
              help="What each cell shows.")
@click.option("--title", help='Table caption, e.g. "Table 3: Governance structure by alliance mode".')
@paper_option
@json_option
def export_matrix_command(project: Path, out: Path, rows: str, columns: str, cells: str, title: str | None,
                          rollup: bool, paper: str | None, as_json: bool, **options: Any) -> None:
    """Framework matrix as a landscape Word table (like seed 003's Table 3) or a workbook."""
    from coding.analysis.matrix import framework_matrix
    from coding.export.common import filter_text
    from coding.export.matrix import chinese_names, export_matrix

    with open_project(project, writes=False) as opened, opened.session() as session:
        flt = chosen_filter(session, options)
        found = framework_matrix(session, rows=rows, columns=columns, rollup=rollup, flt=flt)
        scope = filter_text(session, flt)  # attributes by display name
        names_zh = chinese_names(session)
    result = export_matrix(found, out, title=title, cells=cells, scope=scope, paper=paper, names_zh=names_zh)
    written(as_json, result, "rows", found.basis.to_dict() if found.basis else None)


@export.command("codebook")
@project_argument
@out_option(".docx or .json", required=True)
@click.option("--title", help="Document title (DOCX).")
@paper_option
@json_option
def export_codebook_command(project: Path, out: Path, title: str | None, paper: str | None, as_json: bool) -> None:
    """The codebook as Word (headings by level, definitions, rules, examples) or JSON."""
    from coding.export.codebook import export_codebook

    with open_project(project, writes=False) as opened, opened.session() as session:
        result = export_codebook(session, out, title=title, paper=paper)
    written(as_json, result, "codes")


@export.command("segments")
@project_argument
@out_option(".xlsx or .csv", required=True)
@click.option("--code", "codes", multiple=True, help="Only these codes.")
@click.option("--descendants", is_flag=True, help="Include the codes below --code.")
@filter_options
@json_option
def export_segments_command(project: Path, out: Path, codes: tuple[str, ...], descendants: bool, as_json: bool,
                            **options: Any) -> None:
    """Coded segments, one row each, with context, speaker, case attributes (XLSX or CSV)."""
    from coding.export.segments import export_segments

    with open_project(project, writes=False) as opened, opened.session() as session:
        flt = chosen_filter(session, options, codes, descendants)
        result = export_segments(session, out, flt=flt, progress=terminal_progress(as_json))
        basis = basis_fields(session, flt)
    written(as_json, result, "segments", basis)


@export.command("crosstab")
@project_argument
@out_option(".xlsx or .csv", required=True)
@crosstab_options
@json_option
def export_crosstab(project: Path, out: Path, as_json: bool, **chosen: Any) -> None:
    """Crosstab with percentages, expected counts, χ² and Fisher's exact test (XLSX or CSV)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = crosstab_table(session, **chosen)
    write_crosstab_table(as_json, table, out)


@export.command("words")
@project_argument
@out_option(".xlsx or .csv", required=True)
@word_options
@json_option
def export_words(project: Path, out: Path, as_json: bool, **chosen: Any) -> None:
    """Word frequencies (XLSX or CSV)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = word_table(session, as_json, **chosen)
    write_word_table(as_json, table, out)


@export.command("frequencies")
@project_argument
@out_option(".xlsx or .csv", required=True)
@frequency_options
@json_option
def export_frequencies(project: Path, out: Path, as_json: bool, **chosen: Any) -> None:
    """Code frequencies (XLSX or CSV)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = frequency_table(session, as_json, **chosen)
    write_frequency_table(as_json, table, out)


@export.command("cooccurrence")
@project_argument
@out_option(".xlsx or .csv", required=True)
@cooccurrence_options
@json_option
def export_cooccurrence(project: Path, out: Path, as_json: bool, **chosen: Any) -> None:
    """Code co-occurrence table and pair list (XLSX or CSV)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = cooccurrence_table(session, **chosen)
    write_cooccurrence_table(as_json, table, out)


__all__ = ["export"]
