"""``concord content PROJECT table|phrases|cooccurrence|biplot``: content analysis from the command line, a thin
shell over :mod:`coding.analysis.content`, :mod:`~coding.analysis.phrases`, :mod:`~coding.analysis.keywords` and
:mod:`~coding.analysis.correspondence`. The subcommand may also come first (``concord content table PROJECT``),
as in the other command groups. See docs/autocode.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from coding.cli.common import (
    CONTEXT_SETTINGS,
    ProjectFirstGroup,
    coders_option,
    emit,
    json_option,
    open_project,
    project_argument,
    split_names,
    where_option,
)
from coding.errors import ValidationError
from coding.i18n import QT_TRANSLATE_NOOP, translate

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from sqlalchemy import URL
    from sqlalchemy.orm import Session

    from coding.analysis.content import CategoryTable, Occurrences


@click.group(cls=ProjectFirstGroup, context_settings=CONTEXT_SETTINGS)
def content() -> None:
    """Content analysis: category tables with χ², phrases, keyword co-occurrence, correspondence analysis.

    Categories are codes (--codes: the codings of --coders; by default the consensus, else you, else the coder with
    most codings) or a dictionary's categories (--dictionary NAME: its hits). See docs/autocode.md. The project
    may come before the subcommand too: `concord content study.concord table …`.
    """


def source_options(func: F) -> F:
    for option in reversed([
        click.option("--codes", "use_codes", is_flag=True, help="Categories are codes (their codings)."),
        coders_option("Whose codings count, comma-separated (A,B: pooled); default: the consensus, else you "
                      "(if you coded), else the coder with most codings."),
        click.option("--rows", default="leaves", show_default=True, metavar="leaves|level1|level2|…|all",
                     help="With --codes: which codes are categories."),
        click.option("--rollup/--no-rollup", default=True, show_default=True,
                     help="With --codes: a code counts the codings of the codes below it too."),
        click.option("--dictionary", help="Categories are this dictionary's categories (its hits)."),
        where_option(),
    ]):
        func = option(func)
    return func


def _by_option(required: bool = False) -> Callable[[F], F]:
    return click.option("--by", required=required, default=None if required else "case",
                        show_default=not required, metavar="document|case|attribute:NAME",
                        help="Columns: per document, per case, or per value of a case attribute.")


def _source(session: Session, use_codes: bool, dictionary: str | None, coders: Sequence[str], rows: str,
            rollup: bool, where: Sequence[str]) -> tuple[Occurrences, set[int] | None]:
    """The occurrences the options ask for, and the documents in scope (None: all)."""
    from coding.analysis.content import code_occurrences, dictionary_occurrences
    from coding.analysis.filters import allowed_documents
    from coding.cli.analysis_tables import chosen_filter

    if use_codes == bool(dictionary):
        raise click.UsageError("give either --codes or --dictionary NAME")
    if dictionary:
        if coders:
            raise click.UsageError("--coders goes with --codes")
        scope = chosen_filter(session, {"where": where}) if where else None
        documents = allowed_documents(session, scope) if scope is not None else None
        found = dictionary_occurrences(session, dictionary,
                                       document_ids=None if documents is None else sorted(documents))
        return found, documents
    flt = chosen_filter(session, {"coders": split_names(coders), "where": where})
    return code_occurrences(session, rows=rows, rollup=rollup, flt=flt), allowed_documents(session, flt)


_WRITTEN = (QT_TRANSLATE_NOOP("CLI", "rows"), QT_TRANSLATE_NOOP("CLI", "phrases"),
            QT_TRANSLATE_NOOP("CLI", "items"))  # what _write counts, for the catalogue


def _write(table_or_rows: Any, path: Path | None, as_json: bool, writer: Any, what: str) -> bool:
    if path is None:
        return False
    result = writer(table_or_rows, path)
    emit(as_json, result.to_dict(), translate("CLI", "Wrote {count} {what} to {path}").format(
        count=result.items, what=translate("CLI", what), path=result.path))
    return True


def _plain(headers: Sequence[str], rows: Sequence[Sequence[object]], width: int = 28) -> str:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [min(width, max(len(row[i]) for row in cells)) for i in range(len(headers))]
    lines = ["  ".join(v[:width].ljust(widths[i]) for i, v in enumerate(row)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _table_text(table: CategoryTable) -> str:
    words = table.percent_of_words()
    residuals = table.test.residuals
    body = []
    for i, category in enumerate(table.categories):
        cells = []
        for j in range(len(table.columns)):
            mark = "*" if table.significant()[i, j] else ""
            residual = "" if residuals[i, j] != residuals[i, j] else f" r={residuals[i, j]:+.2f}{mark}"
            cells.append(f"{table.counts[i, j]} ({words[i, j]:.2f}%){residual}")
        body.append([category.split("/")[-1], *cells])
    lines = [table.basis.text()] if table.basis else []
    lines += [f"{table.source} by {table.by}: count (% of words) and adjusted residual",
              _plain(["category", *table.columns], body, 34), table.chi2_text(),
              "* |adjusted residual| > 1.96 (p < .05)"]
    lines += [f"Warning: {w}" for w in table.warnings]
    return "\n".join(lines)


@content.command("table", context_settings=CONTEXT_SETTINGS)
@project_argument
@source_options
@_by_option()
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Write the table to this .xlsx.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the long table (one row per category × column) to this .csv.")
@json_option
def table_command(project: Path | URL, by: str, xlsx: Path | None, csv_path: Path | None, as_json: bool,
                  **source: Any) -> None:
    """Category frequencies by document, case or attribute value: counts, % of words, % of cases, χ² and
    adjusted residuals."""
    from coding.analysis.content import category_table
    from coding.cli.analysis_tables import default_note
    from coding.export.content import export_category_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        occurrences, documents = _source(session, **source)
        table = category_table(session, occurrences, by=by, documents=documents)
    for path in (xlsx, csv_path):
        if path is not None and path.suffix.lower() != (".xlsx" if path is xlsx else ".csv"):
            raise ValidationError(translate(
                "errors", "{path}: --xlsx takes a .xlsx file and --csv a .csv file").format(path=path))
    wrote = [_write(table, path, as_json, export_category_table, "rows") for path in (xlsx, csv_path)]
    if not any(wrote):
        emit(as_json, {**table.to_dict(), **default_note()}, lambda: _table_text(table))


@content.command("phrases", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--n", "lengths", default="2-4", show_default=True, metavar="N|N-M",
              help="Phrase length in words (from 2 to 5).")
@click.option("--min-count", type=click.IntRange(min=1), default=3, show_default=True,
              help="Keep phrases occurring at least this often.")
@click.option("--min-documents", type=click.IntRange(min=1), default=1, show_default=True,
              help="Keep phrases found in at least this many documents.")
@click.option("--top", type=click.IntRange(min=1), default=200, show_default=True, help="List at most this many.")
@click.option("--nested", is_flag=True,
              help="Keep a phrase even when it only occurs inside a longer one listed.")
@where_option()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (.xlsx or .csv).")
@json_option
def phrases_command(project: Path | URL, lengths: str, min_count: int, min_documents: int, top: int, nested: bool,
                    where: tuple[str, ...], out: Path | None, as_json: bool) -> None:
    """Frequent phrases (2–5 words; jieba words in Chinese), none starting or ending with a stop word."""
    from coding.analysis.phrases import find_phrases, parse_lengths
    from coding.cli.analysis_tables import chosen_filter, terminal_progress
    from coding.export.content import export_phrases

    with open_project(project, writes=False) as opened, opened.session() as session:
        scope = chosen_filter(session, {"where": where}) if where else None
        found = find_phrases(session, lengths=parse_lengths(lengths), min_count=min_count,
                             min_documents=min_documents, top=top, nested=nested, scope=scope,
                             progress=terminal_progress(as_json))
    if not _write(found, out, as_json, export_phrases, "phrases"):
        headers, rows = found.table()
        emit(as_json, found.to_dict(), lambda: translate("CLI", "{count} phrase(s) in {documents} document(s)").format(
            count=len(rows), documents=found.documents) + "\n"
             + _plain(headers, rows, 40))


@content.command("cooccurrence", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--words", "use_words", is_flag=True, help="Items are words (--keyword, or the most frequent).")
@click.option("--keyword", "keywords", multiple=True, help="With --words: a keyword (repeatable).")
@click.option("--top", type=click.IntRange(min=1, max=200), default=20, show_default=True,
              help="With --words and no --keyword: this many of the most frequent words.")
@source_options
@click.option("--unit", type=click.Choice(["sentence", "window", "document"]), default="sentence",
              show_default=True, help="Items co-occur in one sentence, within --window words, or in one document.")
@click.option("--window", type=click.IntRange(min=1), default=10, show_default=True,
              help="With --unit window: at most this many words apart.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file (.xlsx or .csv).")
@json_option
def cooccurrence_command(project: Path | URL, use_words: bool, keywords: tuple[str, ...], top: int, unit: str,
                         window: int, out: Path | None, as_json: bool, **source: Any) -> None:
    """Keyword co-occurrence of words or categories (codes or a dictionary's) by sentence, window or document."""
    from coding.analysis.keywords import category_cooccurrence, word_cooccurrence
    from coding.cli.analysis_tables import chosen_filter
    from coding.export.analysis_tables import export_cooccurrence

    with open_project(project, writes=False) as opened, opened.session() as session:
        if use_words:
            if source["use_codes"] or source["dictionary"]:
                raise click.UsageError("give one of --words, --codes or --dictionary NAME")
            scope = chosen_filter(session, {"where": source["where"]}) if source["where"] else None
            found = word_cooccurrence(session, keywords=keywords, top=top, unit=unit, window=window, scope=scope)
        else:
            from coding.analysis.content import within

            found = category_cooccurrence(session, within(*_source(session, **source)), unit=unit, window=window)
    if not _write(found, out, as_json, export_cooccurrence, "items"):
        body = [[name, *[int(v) for v in found.counts[i]]] for i, name in enumerate(found.names)]
        emit(as_json, found.to_dict(), lambda: translate("CLI", "Co-occurrence ({unit})").format(unit=found.unit) + "\n"
             + _plain(["", *[n[:12] for n in found.names]], body, 30))


@content.command("biplot", context_settings=CONTEXT_SETTINGS)
@project_argument
@source_options
@_by_option(required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Write the biplot to this file (.png or .svg).")
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the table with the correspondence analysis to this .xlsx.")
@json_option
def biplot_command(project: Path | URL, by: str, out: Path, xlsx: Path | None, as_json: bool, **source: Any) -> None:
    """A biplot: the correspondence analysis of the categories × the columns of --by, written as PNG or SVG.

    For example --by attribute:alliance_mode maps the categories against the alliance modes.
    """
    from coding.analysis.charts import FORMATS
    from coding.analysis.content import category_table
    from coding.analysis.correspondence import save_biplot, table_correspondence
    from coding.cli.analysis_tables import default_note
    from coding.export.content import export_category_table

    if out.suffix.lower() not in FORMATS:
        raise ValidationError(translate("errors", "{out}: the biplot is written as .png or .svg").format(out=out))
    with open_project(project, writes=False) as opened, opened.session() as session:
        occurrences, documents = _source(session, **source)
        table = category_table(session, occurrences, by=by, documents=documents)
    analysis = table_correspondence(table)
    save_biplot(analysis, out)
    if xlsx is not None:
        export_category_table(table, xlsx, analysis=analysis)
    data = {"path": str(out), **analysis.to_dict(), **({"xlsx": str(xlsx)} if xlsx else {}),
            **(table.basis.to_dict() if table.basis else {}), **default_note()}
    percent = analysis.percent()
    emit(as_json, data, lambda: f"Wrote the biplot to {out}\n" + "\n".join(
        f"dimension {k + 1}: principal inertia {analysis.inertias[k]:.5f} ({percent[k]:.1f}%)"
        for k in range(analysis.dimensions)) + f"\ntotal inertia {analysis.total_inertia:.5f}, χ² = {analysis.chi2:.2f}")


__all__ = ["content"]
