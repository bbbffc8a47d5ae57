"""Analysis commands: segments, search, words, frequencies, cooccurrence, matrix, cell-summary, crosstab,
chart, and the ``export`` group (summary, matrix, codebook, segments, crosstab, words, frequencies,
cooccurrence). Each is a thin shell over ``coding.analysis`` / ``coding.export``; see docs/analysis.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from coding.cli.common import CONTEXT_SETTINGS, emit, json_option, open_project, paper_option, project_argument
from coding.errors import ConcordError, ValidationError
from coding.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_KEY = "concord.default_coder"  # click context meta: why the command chose the coder


# -- shared options -------------------------------------------------------------------------------


def filter_options(func: F) -> F:
    """Which codings count: coders or the consensus, cases, documents, groups, attribute values."""
    options = [
        click.option("--coder", "coders", multiple=True, help="Only this coder's codings (repeatable)."),
        click.option("--consensus", is_flag=True, default=None, help="Only the consensus coder's codings."),
        click.option("--all-coders", is_flag=True,
                     help="Every coder's codings, pooled: a passage several coders coded counts once."),
        click.option("--per-coder", is_flag=True,
                     help="Count each coder's codings apart (a passage two coders coded counts twice); "
                          "with no --coder, every coder."),
        click.option("--where", "where", multiple=True, metavar="ATTRIBUTE=VALUE",
                     help='Only cases with this attribute value, e.g. "role=Doctor" (or role!=Doctor); '
                          "repeat for several (same attribute: either value; different attributes: both)."),
        click.option("--case", "cases", multiple=True, help="Only this case's documents (repeatable)."),
        click.option("--group", "groups", multiple=True, help="Only documents of this document group (repeatable)."),
        click.option("--document", "documents", multiple=True, help="Only this document (repeatable)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def out_option(suffixes: str, required: bool = False) -> Callable[[F], F]:
    return click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=required,
                        help=f"Write to this file ({suffixes}).")


def rollup_option(func: F) -> F:
    return click.option("--rollup/--no-rollup", default=True, show_default=True,
                        help="A code counts the codings of the codes below it too.")(func)


def _filter(session: Any, options: dict[str, Any], codes: Sequence[str] = (), descendants: bool = False) -> Any:
    """The filter the options ask for. Where codings count (the command has ``--coder``), several coders
    are pooled unless ``--per-coder``, and no coder chosen means the default coder, said on stderr."""
    from coding.analysis.filters import resolve_filter
    from coding.analysis.pooling import default_filter, describe_basis
    from coding.project import default_actor

    per_coder = bool(options.get("per_coder"))
    flt = resolve_filter(
        session, codes=codes, descendants=descendants, coders=options.get("coders", ()),
        consensus=options.get("consensus"), documents=options.get("documents", ()), cases=options.get("cases", ()),
        groups=options.get("groups", ()), where=options.get("where", ()), pooled=not per_coder,
        all_coders=bool(options.get("all_coders")) or per_coder,
    )
    if "coders" not in options:
        return flt
    choice = default_filter(session, flt, signed_in=default_actor())
    if choice.chosen:
        context = click.get_current_context()
        context.meta[DEFAULT_KEY] = choice.reason
        if not context.params.get("as_json"):  # JSON output says it in its "default_coder" field instead
            click.echo(f"{describe_basis(session, choice.flt).text()} — by default ({choice.reason}); choose with "
                       "--coder NAME, --consensus, --all-coders or --per-coder", err=True)
    return choice.flt


def _default_note() -> dict[str, object]:
    """``{"default_coder": why}`` when the command chose the coder itself, else nothing."""
    reason = click.get_current_context().meta.get(DEFAULT_KEY)
    return {"default_coder": reason} if reason else {}


def _basis(session: Any, flt: Any) -> dict[str, object]:
    """The JSON fields saying whose codings a result rests on (``coders``, ``pooling``, ``basis`` …)."""
    from coding.analysis.pooling import describe_basis

    return {**describe_basis(session, flt).to_dict(), **_default_note()}


def _progress(as_json: bool) -> Progress | None:
    if as_json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, label: str) -> None:
        click.echo(f"\r{label}: {done}/{total}   ", err=True, nl=False)
        if done >= total:
            click.echo("", err=True)

    return show


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 48) -> str:
    """A plain fixed-width table for the terminal."""
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [min(max_width, max(len(row[i]) for row in cells)) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(value[:max_width].ljust(widths[i]) for i, value in enumerate(row)).rstrip())
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
        flt = _filter(session, options, codes, descendants)
        total = count_segments(session, flt)
        found = retrieve_segments(session, flt, limit=limit, offset=offset)
        basis = _basis(session, flt)
    data = {"total": total, "offset": offset, **basis, "segments": [s.to_dict() for s in found]}

    def text() -> str:
        lines = [str(basis["basis"]),
                 f"{total} segment(s)" + (f"; showing {offset + 1}–{offset + len(found)}" if found else "")]
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
@click.option("--where", "where", multiple=True, metavar="ATTRIBUTE=VALUE", help="Only documents of such cases.")
@click.option("--document", "documents", multiple=True, help="Only this document (repeatable).")
@click.option("--code-hits", "code_path", help="Apply this code to every hit (needs --coder).")
@click.option("--coder", help="The coder who applies --code-hits.")
@json_option
def search(project: Path, query: str, mode: str, context: int, unit: str, case_sensitive: bool, limit: int | None,
           where: tuple[str, ...], documents: tuple[str, ...], code_path: str | None, coder: str | None,
           as_json: bool) -> None:
    """Search the transcripts (word, phrase, regular expression or lemma); keyword-in-context results."""
    from coding.analysis.search import code_hits, search_text

    if code_path and not coder:
        raise click.UsageError("--code-hits needs --coder NAME")
    with open_project(project, writes=False) as opened, opened.session() as session:
        scope = _filter(session, {"where": where, "documents": documents})
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
        lines = [f"{len(hits)} hit(s) for {query!r} ({mode})"]
        width = max(10, context if unit == "chars" else 8 * context)
        lines += [f"{h.document[:24]:<24} {h.line(min(width, 50))}" for h in hits]
        if code_path:
            lines.append(f"Coded {len(created)} hit(s) as {code_path} ({len(hits) - len(created)} already coded)")
        return "\n".join(lines)

    emit(as_json, data, text)


# -- frequencies ----------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--by", type=click.Choice(["all", "document", "case", "group"]), default="all", show_default=True,
              help="Columns: one total, or counts per document, case or group.")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True, help="How many of the most frequent words to list.")
@click.option("--include-stop-words", is_flag=True, help="Keep spaCy's stop words.")
@click.option("--where", "where", multiple=True, metavar="ATTRIBUTE=VALUE", help="Only documents of such cases.")
@out_option(".csv or .xlsx")
@json_option
def words(project: Path, by: str, top: int, include_stop_words: bool, where: tuple[str, ...], out: Path | None,
          as_json: bool) -> None:
    """Most frequent words (spaCy stop words removed), overall or per document, case or group."""
    from coding.analysis.words import word_frequencies
    from coding.export.tables import export_table, word_frequency_sheets

    with open_project(project, writes=False) as opened, opened.session() as session:
        scope = _filter(session, {"where": where}) if where else None
        table = word_frequencies(session, by=by, top=top, scope=scope, include_stop_words=include_stop_words,
                                 progress=_progress(as_json))
    if out is not None:
        result = export_table(out, "word frequencies", word_frequency_sheets(table))
        emit(as_json, result.to_dict(), f"Wrote {result.items} words to {out}")
        return
    headers, rows = table.table()
    emit(as_json, {"by": by, "columns": table.columns, "words": table.to_rows()}, lambda: _table(headers, rows, 24))


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--by", default="all", show_default=True, metavar="all|document|case|attribute:NAME",
              help="Columns: one total, per document, per case, or per value of a case attribute.")
@click.option("--rows", default="all", show_default=True, metavar="all|level1|level2|…|leaves",
              help="Which codes are rows.")
@rollup_option
@click.option("--words/--no-words", "with_words", default=True, show_default=True,
              help="Compute the share of words coded (tokenizes every document).")
@filter_options
@out_option(".csv or .xlsx")
@json_option
def frequencies(project: Path, by: str, rows: str, rollup: bool, with_words: bool, out: Path | None, as_json: bool,
                **options: Any) -> None:
    """Code frequencies: codings, documents, cases and share of words coded per code × column."""
    from coding.analysis.codetree import CodeTree, parse_rows_spec
    from coding.analysis.frequencies import code_frequencies
    from coding.export.tables import code_frequency_sheets, export_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        tree = CodeTree.load(session)
        table = code_frequencies(session, by=by, codes=parse_rows_spec(tree, rows), rollup=rollup,
                                 flt=_filter(session, options), words=with_words, tree=tree,
                                 progress=_progress(as_json))
    if out is not None:
        result = export_table(out, "code frequencies", code_frequency_sheets(table))
        _done(as_json, result, "rows", _result_basis(table))
        return
    records = table.records()
    shown = [[_indented(r["code"], int(r["level"])), r["column"], r["codings"], r["documents"], r["cases"],
              *([f"{100 * float(r['share']):.1f}%"] if with_words else [])] for r in records]
    basis = {**(table.basis.to_dict() if table.basis else {}), **_default_note()}
    emit(as_json, {"by": by, "rollup": rollup, **basis, "rows": records},
         lambda: f"{basis.get('basis', '')}\n" + _table(["code", "column", "codings", "documents", "cases",
                                                         *(["words coded"] if with_words else [])], shown))


def _indented(path: str, level: int) -> str:
    """A code's name indented by its level (the terminal has no room for whole paths)."""
    return "  " * (level - 1) + path.split("/")[-1]


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--unit", type=click.Choice(["overlap", "sentence", "turn"]), default="overlap", show_default=True,
              help="Codes co-occur when their codings overlap, or share a sentence or speaker turn.")
@click.option("--rows", default="all", show_default=True, metavar="all|level1|level2|…|leaves",
              help="Which codes are compared (rows and columns).")
@rollup_option
@filter_options
@out_option(".csv or .xlsx")
@json_option
def cooccurrence(project: Path, unit: str, rows: str, rollup: bool, out: Path | None, as_json: bool,
                 **options: Any) -> None:
    """Code co-occurrence table (codes × codes)."""
    from coding.analysis.codetree import CodeTree, parse_rows_spec
    from coding.analysis.cooccurrence import cooccurrence as compute
    from coding.export.tables import cooccurrence_sheets, export_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        tree = CodeTree.load(session)
        table = compute(session, unit=unit, codes=parse_rows_spec(tree, rows), rollup=rollup,
                        flt=_filter(session, options), tree=tree)
    if out is not None:
        result = export_table(out, "co-occurrence", cooccurrence_sheets(table))
        _done(as_json, result, "codes", _result_basis(table))
        return
    body = [[name, *[int(v) for v in table.counts[i]]] for i, name in enumerate(table.names)]
    emit(as_json, {**table.to_dict(), **_default_note()}, lambda: _basis_line(table) + _table(["code", *[n[:14] for n in table.names]], body, 40))


# -- matrix and crosstab --------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--rows", default="level3", show_default=True, metavar="level1|level2|level3|…|all|leaves",
              help="Which codes are rows.")
@click.option("--columns", default="cases", show_default=True, metavar="cases|attribute:NAME",
              help="Columns: one per case, or one per value of a case attribute.")
@rollup_option
@filter_options
@json_option
def matrix(project: Path, rows: str, columns: str, rollup: bool, as_json: bool, **options: Any) -> None:
    """Framework matrix: codes × cases or attribute values, with counts and written summaries."""
    from coding.analysis.matrix import framework_matrix

    with open_project(project, writes=False) as opened, opened.session() as session:
        found = framework_matrix(session, rows=rows, columns=columns, rollup=rollup, flt=_filter(session, options))
    body = [[row.name, *[f"{found.codings[i, j]} ({found.cases[i, j]})" + (" *" if found.summary(i, j) else "")
                         for j in range(len(found.columns))]] for i, row in enumerate(found.rows)]
    emit(as_json, {**found.to_dict(), **_default_note()}, lambda: _basis_line(found) + _table(["code", *[c.label for c in found.columns]], body, 32)
         + "\n\ncells: codings (cases); * = a summary is written")


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
            raise ConcordError(f"no case '{rest}'")
        return f"case:{uuid}"
    if kind == "attribute" and "=" in rest:
        from coding.analysis.filters import find_attribute, match_attribute_value

        name, _, value = rest.partition("=")
        _, stored = find_attribute(session, name.strip())
        _, stored_value = match_attribute_value(session, stored, value.strip())
        return f"attribute:{stored}={stored_value}"
    raise ValidationError(f"column '{column}': use case:NAME or attribute:NAME=VALUE")


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
@click.option("--code", "code_path", required=True, help="The code whose presence is counted.")
@click.option("--attribute", required=True, help="The case attribute of the columns, e.g. role.")
@rollup_option
@filter_options
@out_option(".xlsx or .csv")
@json_option
def crosstab(project: Path, code_path: str, attribute: str, rollup: bool, out: Path | None, as_json: bool,
             **options: Any) -> None:
    """Participants with/without a code per attribute value, with χ² and Fisher's exact test."""
    from coding.analysis.crosstab import crosstab as compute
    from coding.codebook import find_code
    from coding.export.tables import crosstab_sheets, export_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        table = compute(session, code_id=find_code(session, code_path).id, attribute=attribute, rollup=rollup,
                        flt=_filter(session, options))
    if out is not None:
        result = export_table(out, "crosstab", crosstab_sheets(table))
        _done(as_json, result, "rows", _result_basis(table))
        return
    data = {**table.to_dict(), **_default_note()}
    emit(as_json, data, lambda: _crosstab_text(data))


# -- charts ---------------------------------------------------------------------------------------


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("kind", type=click.Choice(["frequencies", "cooccurrence", "crosstab", "matrix"]))
@out_option(".png or .svg", required=True)
@click.option("--by", default="all", show_default=True, help="frequencies: columns (all|case|attribute:NAME …).")
@click.option("--rows", help="frequencies/cooccurrence/matrix: rows (default all; matrix level3).")
@click.option("--columns", default="cases", show_default=True, help="matrix: cases or attribute:NAME.")
@click.option("--unit", type=click.Choice(["overlap", "sentence", "turn"]), default="overlap", show_default=True,
              help="cooccurrence: unit.")
@click.option("--measure", type=click.Choice(["codings", "documents", "cases", "share"]), default="codings",
              show_default=True, help="frequencies: what the bars show.")
@click.option("--code", "code_path", help="crosstab: the code.")
@click.option("--attribute", help="crosstab: the attribute.")
@click.option("--title", help="Chart title.")
@rollup_option
@filter_options
@json_option
def chart(project: Path, kind: str, out: Path, by: str, rows: str | None, columns: str, unit: str, measure: str,
          code_path: str | None, attribute: str | None, title: str | None, rollup: bool, as_json: bool,
          **options: Any) -> None:
    """Draw a chart (PNG or SVG): code frequencies, co-occurrence heatmap, crosstab or matrix heatmap."""
    from coding.analysis import charts
    from coding.analysis.codetree import CodeTree, parse_rows_spec

    with open_project(project, writes=False) as opened, opened.session() as session:
        tree = CodeTree.load(session)
        flt = _filter(session, options)
        if kind == "frequencies":
            from coding.analysis.frequencies import code_frequencies

            table = code_frequencies(session, by=by, codes=parse_rows_spec(tree, rows or "all"), rollup=rollup,
                                     flt=flt, words=measure == "share", tree=tree)
            figure = charts.code_frequency_chart(table, measure=measure, title=title)
        elif kind == "cooccurrence":
            from coding.analysis.cooccurrence import cooccurrence as compute

            found = compute(session, unit=unit, codes=parse_rows_spec(tree, rows or "all"), rollup=rollup, flt=flt,
                            tree=tree)
            figure = charts.cooccurrence_heatmap(found, title=title)
        elif kind == "crosstab":
            if not code_path or not attribute:
                raise click.UsageError("a crosstab chart needs --code PATH and --attribute NAME")
            from coding.analysis.crosstab import crosstab as compute_crosstab
            from coding.codebook import find_code

            figure = charts.crosstab_heatmap(compute_crosstab(
                session, code_id=find_code(session, code_path).id, attribute=attribute, rollup=rollup, flt=flt,
                tree=tree), title=title)
        else:
            from coding.analysis.matrix import framework_matrix

            figure = charts.matrix_heatmap(framework_matrix(
                session, rows=rows or "level3", columns=columns, rollup=rollup, flt=flt, tree=tree), title=title)
        basis = _basis(session, flt)
    written = charts.save_figure(figure, out)
    emit(as_json, {"chart": kind, "path": str(written), **basis}, f"Wrote {written} ({basis['basis']})")


# -- exports --------------------------------------------------------------------------------------


@click.group("export", context_settings=CONTEXT_SETTINGS)
def export() -> None:
    """Export for the paper: summary, matrix, codebook, segments, crosstab, words, frequencies, cooccurrence."""


def _done(as_json: bool, result: Any, what: str, basis: dict[str, object] | None = None) -> None:
    emit(as_json, {**result.to_dict(), **(basis or {})},
         f"Wrote {result.items} {what} to {result.path}" + (f" ({basis['basis']})" if basis else ""))


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
        flt = _filter(session, options, codes, descendants=True)
        result = export_summary_docx(session, out, flt=flt, title=title, include_empty=not skip_empty,
                                     paper=paper, offsets=offsets, progress=_progress(as_json))
        basis = _basis(session, flt)
    _done(as_json, result, "quotes", basis)


@export.command("matrix")
@project_argument
@out_option(".docx or .xlsx", required=True)
@click.option("--rows", default="level3", show_default=True, help="Which codes are rows.")
@click.option("--columns", default="cases", show_default=True, metavar="cases|attribute:NAME",
              help="Columns: one per case, or one per value of a case attribute.")
@click.option("--cells", type=click.Choice(["summary", "counts", "both"]), default="both", show_default=True,
              help="What each cell shows.")
@click.option("--title", help='Table caption, e.g. "Table 3: Governance structure by alliance mode".')
@rollup_option
@paper_option
@filter_options
@json_option
def export_matrix_command(project: Path, out: Path, rows: str, columns: str, cells: str, title: str | None,
                          rollup: bool, paper: str | None, as_json: bool, **options: Any) -> None:
    """Framework matrix as a landscape Word table (like seed 003's Table 3) or a workbook."""
    from coding.analysis.matrix import framework_matrix
    from coding.export.common import filter_text
    from coding.export.matrix import export_matrix

    with open_project(project, writes=False) as opened, opened.session() as session:
        flt = _filter(session, options)
        found = framework_matrix(session, rows=rows, columns=columns, rollup=rollup, flt=flt)
        scope = filter_text(session, flt)  # attributes by display name
    result = export_matrix(found, out, title=title, cells=cells, scope=scope, paper=paper)
    _done(as_json, result, "rows", found.basis.to_dict() if found.basis else None)


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
    _done(as_json, result, "codes")


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
        flt = _filter(session, options, codes, descendants)
        result = export_segments(session, out, flt=flt, progress=_progress(as_json))
        basis = _basis(session, flt)
    _done(as_json, result, "segments", basis)


@export.command("crosstab")
@project_argument
@out_option(".xlsx or .csv", required=True)
@click.option("--code", "code_path", required=True, help="The code whose presence is counted.")
@click.option("--attribute", required=True, help="The case attribute of the columns, e.g. role.")
@rollup_option
@filter_options
@json_option
def export_crosstab(project: Path, out: Path, code_path: str, attribute: str, rollup: bool, as_json: bool,
                    **options: Any) -> None:
    """Crosstab with percentages, expected counts, χ² and Fisher's exact test (XLSX or CSV)."""
    from coding.analysis.crosstab import crosstab as compute
    from coding.codebook import find_code
    from coding.export.tables import crosstab_sheets, export_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        table = compute(session, code_id=find_code(session, code_path).id, attribute=attribute, rollup=rollup,
                        flt=_filter(session, options))
    _done(as_json, export_table(out, "crosstab", crosstab_sheets(table)), "rows", _result_basis(table))


@export.command("words")
@project_argument
@out_option(".xlsx or .csv", required=True)
@click.option("--by", type=click.Choice(["all", "document", "case", "group"]), default="all", show_default=True,
              help="Columns: one total, or counts per document, case or group.")
@click.option("--top", type=click.IntRange(min=1), default=50, show_default=True, help="How many of the most frequent words to list.")
@click.option("--include-stop-words", is_flag=True, help="Keep spaCy's stop words.")
@json_option
def export_words(project: Path, out: Path, by: str, top: int, include_stop_words: bool, as_json: bool) -> None:
    """Word frequencies (XLSX or CSV)."""
    from coding.analysis.words import word_frequencies
    from coding.export.tables import export_table, word_frequency_sheets

    with open_project(project, writes=False) as opened, opened.session() as session:
        table = word_frequencies(session, by=by, top=top, include_stop_words=include_stop_words,
                                 progress=_progress(as_json))
    _done(as_json, export_table(out, "word frequencies", word_frequency_sheets(table)), "words")


@export.command("frequencies")
@project_argument
@out_option(".xlsx or .csv", required=True)
@click.option("--by", default="all", show_default=True, metavar="all|document|case|attribute:NAME",
              help="Columns: one total, per document, per case, or per value of a case attribute.")
@click.option("--rows", default="all", show_default=True, help="Which codes are rows.")
@rollup_option
@click.option("--words/--no-words", "with_words", default=True, show_default=True,
              help="Compute the share of words coded (tokenizes every document).")
@filter_options
@json_option
def export_frequencies(project: Path, out: Path, by: str, rows: str, rollup: bool, with_words: bool, as_json: bool,
                       **options: Any) -> None:
    """Code frequencies (XLSX or CSV)."""
    from coding.analysis.codetree import CodeTree, parse_rows_spec
    from coding.analysis.frequencies import code_frequencies
    from coding.export.tables import code_frequency_sheets, export_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        tree = CodeTree.load(session)
        table = code_frequencies(session, by=by, codes=parse_rows_spec(tree, rows), rollup=rollup,
                                 flt=_filter(session, options), words=with_words, tree=tree,
                                 progress=_progress(as_json))
    _done(as_json, export_table(out, "code frequencies", code_frequency_sheets(table)), "rows", _result_basis(table))


@export.command("cooccurrence")
@project_argument
@out_option(".xlsx or .csv", required=True)
@click.option("--unit", type=click.Choice(["overlap", "sentence", "turn"]), default="overlap", show_default=True,
              help="Codes co-occur when their codings overlap, or share a sentence or speaker turn.")
@click.option("--rows", default="all", show_default=True, help="Which codes are compared (rows and columns).")
@rollup_option
@filter_options
@json_option
def export_cooccurrence(project: Path, out: Path, unit: str, rows: str, rollup: bool, as_json: bool,
                        **options: Any) -> None:
    """Code co-occurrence table and pair list (XLSX or CSV)."""
    from coding.analysis.codetree import CodeTree, parse_rows_spec
    from coding.analysis.cooccurrence import cooccurrence as compute
    from coding.export.tables import cooccurrence_sheets, export_table

    with open_project(project, writes=False) as opened, opened.session() as session:
        tree = CodeTree.load(session)
        table = compute(session, unit=unit, codes=parse_rows_spec(tree, rows), rollup=rollup,
                        flt=_filter(session, options), tree=tree)
    _done(as_json, export_table(out, "co-occurrence", cooccurrence_sheets(table)), "codes", _result_basis(table))


def _result_basis(result: Any) -> dict[str, object] | None:
    return {**result.basis.to_dict(), **_default_note()} if getattr(result, "basis", None) else None


analysis_commands: list[click.Command] = [
    segments, search, words, frequencies, cooccurrence, matrix, cell_summary, crosstab, chart, export,
]

__all__ = ["analysis_commands"]
