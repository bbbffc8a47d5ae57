"""Analysis commands: segments, search, words, frequencies, cooccurrence, matrix, cell-summary, crosstab; charts
are in coding/cli/charts.py. Each is a thin shell over ``coding.analysis``; a table's ``--out FILE`` writes through
the same function as its ``concord export`` twin (coding/cli/exports.py, coding/export/analysis_tables.py).
See docs/analysis.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.charts import chart
from coding.cli.exports import export
from coding.cli.common import (
    coder_option,
    CONTEXT_SETTINGS,
    display_width,
    document_option,
    emit,
    filter_options,
    json_option,
    open_project,
    out_option,
    padded,
    project_argument,
    where_option,
)
from coding.errors import ConcordError, ValidationError
from coding.i18n import translate

if TYPE_CHECKING:

    pass

from coding.cli.analysis_tables import (
    basis_fields,
    chosen_filter,
    cooccurrence_options,
    cooccurrence_table,
    crosstab_options,
    crosstab_table,
    default_note,
    frequency_options,
    frequency_table,
    matrix_options,
    word_options,
    word_table,
    write_cooccurrence_table,
    write_crosstab_table,
    write_frequency_table,
    write_word_table,
)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 48) -> str:
    """A plain fixed-width table for the terminal."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [min(max_width, max(display_width(row[i][:max_width]) for row in cells)) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):  # aligned by terminal columns: a Chinese character takes two
        lines.append("  ".join(padded(value[:max_width], widths[i]) for i, value in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- retrieval ------------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--code", "codes", multiple=True, required=True, help='Code path, e.g. "Decision rights/Owner functions".')
@click.option("--descendants", is_flag=True, help="Include the codes below the code(s).")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many segments.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first segments.")
@json_option
def segments(project: Path, codes: tuple[str, ...], descendants: bool, limit: int | None, offset: int,
             as_json: bool, **options: Any) -> None:
    """Coded segments of a code with their sentence context, speaker, document and case."""
    from coding.analysis.quotes import indented
    from coding.analysis.retrieval import count_segments, retrieve_segments

    with open_project(project, writes=False) as opened, opened.session() as session:
        flt = chosen_filter(session, options, codes, descendants)
        total = count_segments(session, flt)
        found = retrieve_segments(session, flt, limit=limit, offset=offset)
        basis = basis_fields(session, flt)
    data = {"total": total, "offset": offset, **basis, "segments": [s.to_dict() for s in found]}

    def text() -> str:
        shown = translate("CLI", "; showing {first}–{last}").format(first=offset + 1, last=offset + len(found))
        lines = [str(basis["basis"]),
                 translate("CLI", "{count} segment(s)").format(count=total) + (shown if found else "")]
        for s in found:
            where = " · ".join(x for x in (s.document, s.case or "", s.speaker, s.coder) if x)
            lines.append(f"\n[{where}] {s.code} ({s.start}–{s.end})\n{indented(s.text)}")  # the quote, exactly
        return "\n".join(lines)

    emit(as_json, data, text)


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("query")
@click.option("--mode", type=click.Choice(["word", "phrase", "regex", "lemma"]), default="word", show_default=True,
              help="Whole word, words in this order, a regular expression, or every form of an English word.")
@click.option("--context", type=click.IntRange(min=0), default=40, show_default=True, help="Context on each side.")
@click.option("--unit", type=click.Choice(["chars", "words"]), default="chars", show_default=True,
              help="Count the context in characters or words.")
@click.option("--case-sensitive", is_flag=True, help="Match upper and lower case exactly (default: ignore case).")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after this many hits.")
@where_option()
@document_option
@click.option("--code-hits", "code_path", help="Apply this code to every hit (needs --coder).")
@coder_option("The coder who applies --code-hits.")
@json_option
def search(project: Path, query: str, mode: str, context: int, unit: str, case_sensitive: bool, limit: int | None,
           where: tuple[str, ...], documents: tuple[str, ...], code_path: str | None, coder: str | None,
           as_json: bool) -> None:
    """Search the transcripts (word, phrase, regular expression or lemma); keyword-in-context results."""
    from coding.analysis.search import code_hits, search_text

    if code_path and not coder:
        raise click.UsageError("--code-hits needs --coder NAME")
    with open_project(project, writes=False) as opened, opened.session() as session:
        scope = chosen_filter(session, {"where": where, "documents": documents})
        hits = search_text(session, query, mode=mode, context=context, unit=unit, case_sensitive=case_sensitive,
                           scope=scope, limit=limit)
        created: list[str] = []
        if code_path:
            from coding.codebook import find_code
            from coding.coders import find_coder

            found_coder = find_coder(session, coder or "")
            created = code_hits(session, hits, code_id=find_code(session, code_path).id,
                                coder_id=found_coder.id, actor=found_coder.name)
    data = {"query": query, "mode": mode, "hits": [h.to_dict() for h in hits], "coded": created}

    def text() -> str:
        lines = [translate("CLI", "{count} hit(s) for {query} ({mode})").format(count=len(hits), query=repr(query),
                                                                                  mode=mode)]
        width = max(10, context if unit == "chars" else 8 * context)
        lines += [f"{h.document[:24]:<24} {h.line(min(width, 50))}" for h in hits]
        if code_path:
            lines.append(translate("CLI", "Coded {count} hit(s) as {code} ({already} already coded)").format(
                count=len(created), code=code_path, already=len(hits) - len(created)))
        return "\n".join(lines)

    emit(as_json, data, text)


# -- frequencies ----------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@word_options
@out_option(".csv or .xlsx")
@json_option
def words(project: Path, out: Path | None, as_json: bool, **chosen: Any) -> None:
    """Most frequent words (spaCy stop words removed), overall or per document, case or group."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = word_table(session, as_json, **chosen)
    if out is not None:
        write_word_table(as_json, table, out)
        return
    headers, rows = table.table()
    emit(as_json, {"by": chosen["by"], "columns": table.columns, "words": table.to_rows()},
         lambda: _table(headers, rows, 24))


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@frequency_options
@out_option(".csv or .xlsx")
@json_option
def frequencies(project: Path, out: Path | None, as_json: bool, **chosen: Any) -> None:
    """Code frequencies: codings, documents, cases and share of words coded per code × column."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = frequency_table(session, as_json, **chosen)
    if out is not None:
        write_frequency_table(as_json, table, out)
        return
    with_words = chosen["with_words"]
    records = table.records()
    shown = [[_indented(str(r["code"]), int(str(r["level"]))), r["column"], r["codings"], r["documents"], r["cases"],
              *([f"{100 * float(str(r['share'])):.1f}%"] if with_words else [])] for r in records]
    basis = {**(table.basis.to_dict() if table.basis else {}), **default_note()}
    emit(as_json, {"by": chosen["by"], "rollup": chosen["rollup"], **basis, "rows": records},
         lambda: f"{basis.get('basis', '')}\n" + _table([translate("CLI", "code"), translate("CLI", "column"),
                                                         translate("CLI", "codings"), translate("CLI", "documents"),
                                                         translate("CLI", "cases"),
                                                         *([translate("CLI", "words coded")] if with_words else [])],
                                                        shown))


def _indented(path: str, level: int) -> str:
    """A code's name indented by its level (the terminal has no room for whole paths)."""
    return "  " * (level - 1) + path.split("/")[-1]


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@cooccurrence_options
@out_option(".csv or .xlsx")
@json_option
def cooccurrence(project: Path, out: Path | None, as_json: bool, **chosen: Any) -> None:
    """Code co-occurrence table (codes × codes)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = cooccurrence_table(session, **chosen)
    if out is not None:
        write_cooccurrence_table(as_json, table, out)
        return
    body = [[name, *[int(v) for v in table.counts[i]]] for i, name in enumerate(table.names)]
    emit(as_json, {**table.to_dict(), **default_note()},
         lambda: _basis_line(table) + _table([translate("CLI", "code"), *[n[:14] for n in table.names]], body, 40))


# -- matrix and crosstab --------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@matrix_options
@json_option
def matrix(project: Path, rows: str, columns: str, rollup: bool, as_json: bool, **filters: Any) -> None:
    """Framework matrix: codes × cases or attribute values, with counts and written summaries."""
    from coding.analysis.matrix import framework_matrix

    with open_project(project, writes=False) as opened, opened.session() as session:
        found = framework_matrix(session, rows=rows, columns=columns, rollup=rollup, flt=chosen_filter(session, filters))
    body = [[row.name, *[f"{found.codings[i, j]} ({found.cases[i, j]})" + (" *" if found.summary(i, j) else "")
                         for j in range(len(found.columns))]] for i, row in enumerate(found.rows)]
    emit(as_json, {**found.to_dict(), **default_note()},
         lambda: _basis_line(found) + _table([translate("CLI", "code"), *[c.label for c in found.columns]], body, 32)
         + "\n\n" + translate("CLI", "cells: codings (cases); * = a summary is written"))


@click.command("cell-summary", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--code", "code_path", required=True, help="The row's code path.")
@click.option("--column", required=True, metavar="case:NAME|attribute:NAME=VALUE",
              help='The column, e.g. "attribute:alliance_mode=Luohu" or "case:P01".')
@click.argument("text", required=False)
@json_option
def cell_summary(project: Path, code_path: str, column: str, text: str | None, as_json: bool) -> None:
    """Show, or write (TEXT; "" clears), the summary in one framework-matrix cell."""
    from coding.analysis.matrix import cell_summaries, set_cell_summary
    from coding.codebook import find_code

    with open_project(project) as opened, opened.session() as session:
        code = find_code(session, code_path)
        key = _column_key(session, column)
        if text is None:
            current = cell_summaries(session).get((code.uuid, key), "")
            emit(as_json, {"code_uuid": code.uuid, "column_key": key, "text": current}, current or "(empty)")
            return
        previous = set_cell_summary(session, code.uuid, key, text, actor=opened.actor)
    emit(as_json, {"code_uuid": code.uuid, "column_key": key, "text": text, "previous": previous},
         f"Summary {'cleared' if not text else 'saved'} for {code_path} × {column}")


def _column_key(session: Any, column: str) -> str:
    """Accept "case:NAME" (or a uuid) as well as the stored "case:<uuid>" / "attribute:NAME=VALUE"."""
    from sqlalchemy import select

    from models import Case

    kind, _, rest = column.partition(":")
    if kind == "case":
        uuid = session.scalar(select(Case.uuid).where((Case.name == rest) | (Case.uuid == rest)))
        if uuid is None:
            raise ConcordError(translate("errors", "no case '{rest}'").format(rest=rest))
        return f"case:{uuid}"
    if kind == "attribute" and "=" in rest:
        from coding.analysis.filters import find_attribute, match_attribute_value

        name, _, value = rest.partition("=")
        _, stored = find_attribute(session, name.strip())
        _, stored_value = match_attribute_value(session, stored, value.strip())
        return f"attribute:{stored}={stored_value}"
    raise ValidationError(translate(
        "errors", "column '{column}': use case:NAME or attribute:NAME=VALUE").format(column=column))


def _basis_line(result: Any) -> str:
    return f"{result.basis.text()}\n" if getattr(result, "basis", None) else ""


def _crosstab_text(data: dict[str, Any]) -> str:
    columns = data["columns"]
    body = [[label, *[f"{n} ({p:.0f}%)" for n, p in zip(counts, percents)]]
            for label, counts, percents in zip(data["rows"], data["counts"], data["column_percent"])]
    lines = [f"{data['code']} × {data['attribute']} (participants; column %)", _table(["", *columns], body, 24)]
    if data.get("basis"):
        lines.insert(0, str(data["basis"]))
    if data["chi2"]:
        chi2 = data["chi2"]
        lines.append(f"χ² = {chi2['statistic']:.3f}, df = {chi2['df']}, p = {chi2['p_value']:.4f} ({chi2['method']})"
                     + ("" if data["chi2_valid"] else " — not valid here"))
    if data["fisher"]:
        fisher = data["fisher"]
        lines.append(f"Fisher's exact test: p = {fisher['p_value']:.4f} ({fisher['method']})")
    lines += [f"Warning: {w}" for w in data["warnings"]]
    return "\n".join(lines)


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@crosstab_options
@out_option(".xlsx or .csv")
@json_option
def crosstab(project: Path, out: Path | None, as_json: bool, **chosen: Any) -> None:
    """Participants with/without a code per attribute value, with χ² and Fisher's exact test."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        table = crosstab_table(session, **chosen)
    if out is not None:
        write_crosstab_table(as_json, table, out)
        return
    data = {**table.to_dict(), **default_note()}
    emit(as_json, data, lambda: _crosstab_text(data))


analysis_commands: list[click.Command] = [
    segments, search, words, frequencies, cooccurrence, matrix, cell_summary, crosstab, chart, export,
]

__all__ = ["analysis_commands"]
