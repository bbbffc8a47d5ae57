"""What the analysis commands and their ``concord export`` twins share: the coder choice (and saying it), the
option sets, one computation per analysis table, and one writer per table (coding/export/analysis_tables.py)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.common import emit, filter_options, option_group, rollup_option, where_option
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.progress import Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coding.analysis.cooccurrence import Cooccurrence
    from coding.analysis.crosstab import Crosstab
    from coding.analysis.filters import SegmentFilter
    from coding.analysis.frequencies import CodeFrequencies
    from coding.analysis.words import WordFrequencies
    from coding.export.common import ExportResult

DEFAULT_KEY = "concord.default_coder"  # click context meta: why the command chose the coder


def chosen_filter(session: Session, given: dict[str, Any], codes: Sequence[str] = (),
                  descendants: bool = False) -> SegmentFilter:
    """The filter the options ask for. Where codings count (the command has ``--coder``), several coders
    are pooled unless ``--per-coder``, and no coder chosen means the default coder, said on stderr."""
    from coding.analysis.filters import resolve_filter
    from coding.analysis.pooling import default_filter, describe_basis
    from coding.project import default_actor

    per_coder = bool(given.get("per_coder"))
    flt = resolve_filter(
        session, codes=codes, descendants=descendants, coders=given.get("coders", ()),
        consensus=given.get("consensus"), documents=given.get("documents", ()), cases=given.get("cases", ()),
        groups=given.get("groups", ()), where=given.get("where", ()), pooled=not per_coder,
        all_coders=bool(given.get("all_coders")) or per_coder,
    )
    if "coders" not in given:
        return flt
    choice = default_filter(session, flt, signed_in=default_actor())
    if choice.chosen:
        context = click.get_current_context()
        context.meta[DEFAULT_KEY] = choice.reason
        if not context.params.get("as_json"):  # JSON output says it in its "default_coder" field instead
            click.echo(translate("CLI", "{basis} — by default ({reason}); choose with --coder NAME, --consensus, "
                                        "--all-coders or --per-coder").format(
                basis=describe_basis(session, choice.flt).text(), reason=translate("basis", choice.reason)), err=True)
    return choice.flt


def default_note() -> dict[str, object]:
    """``{"default_coder": why}`` when the command chose the coder itself, else nothing."""
    reason = click.get_current_context().meta.get(DEFAULT_KEY)
    return {"default_coder": reason} if reason else {}


def basis_fields(session: Session, flt: SegmentFilter) -> dict[str, object]:
    """The JSON fields saying whose codings a result rests on (``coders``, ``pooling``, ``basis`` …)."""
    from coding.analysis.pooling import describe_basis

    return {**describe_basis(session, flt).to_dict(), **default_note()}


def terminal_progress(as_json: bool) -> Progress | None:
    if as_json or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, label: str) -> None:
        click.echo(f"\r{label}: {done}/{total}   ", err=True, nl=False)
        if done >= total:
            click.echo("", err=True)

    return show


# -- the analyses' tables: one computation and one writer each, shared with `concord export` ----------


# What an export's count counts, for the catalogue (``written`` translates the one it is given).
_WRITTEN_ITEMS = (QT_TRANSLATE_NOOP("CLI", "quotes"), QT_TRANSLATE_NOOP("CLI", "rows"), QT_TRANSLATE_NOOP("CLI", "codes"),
                  QT_TRANSLATE_NOOP("CLI", "segments"), QT_TRANSLATE_NOOP("CLI", "words"))


def written(as_json: bool, result: ExportResult, what: str, basis: dict[str, object] | None = None) -> None:
    """Say what an export wrote (and whose codings it rests on)."""
    emit(as_json, {**result.to_dict(), **(basis or {})},
         translate("CLI", "Wrote {count} {what} to {path}").format(count=result.items, what=translate("CLI", what),
                                                                   path=result.path)
         + (f" ({basis['basis']})" if basis else ""))


def result_basis(result: Any) -> dict[str, object] | None:
    return {**result.basis.to_dict(), **default_note()} if getattr(result, "basis", None) else None


word_options = option_group(
    click.option("--by", type=click.Choice(["all", "document", "case", "group"]), default="all", show_default=True,
                 help="Columns: one total, or counts per document, case or group."),
    click.option("--top", type=click.IntRange(min=1), default=50, show_default=True,
                 help="How many of the most frequent words to list."),
    click.option("--include-stop-words", is_flag=True, help="Keep spaCy's stop words."),
    where_option(),
)


def word_table(session: Session, as_json: bool, by: str, top: int, include_stop_words: bool,
               where: tuple[str, ...]) -> WordFrequencies:
    from coding.analysis.words import word_frequencies

    scope = chosen_filter(session, {"where": where}) if where else None
    return word_frequencies(session, by=by, top=top, scope=scope, include_stop_words=include_stop_words,
                            progress=terminal_progress(as_json))


def write_word_table(as_json: bool, table: WordFrequencies, out: Path) -> None:
    from coding.export.analysis_tables import export_word_frequencies

    written(as_json, export_word_frequencies(table, out), "words")


frequency_scope = option_group(
    click.option("--by", default="all", show_default=True, metavar="all|document|case|attribute:NAME",
                 help="Columns: one total, per document, per case, or per value of a case attribute."),
    click.option("--rows", default="all", show_default=True, metavar="all|level1|level2|…|leaves",
                 help="Which codes are rows."),
    rollup_option,
)
frequency_options = option_group(
    frequency_scope,
    click.option("--words/--no-words", "with_words", default=True, show_default=True,
                 help="Compute the share of words coded (tokenizes every document)."),
    filter_options,
)


def frequency_table(session: Session, as_json: bool, by: str, rows: str, rollup: bool, with_words: bool,
                    **filters: Any) -> CodeFrequencies:
    from coding.codebook import CodeTree, parse_rows_spec
    from coding.analysis.frequencies import code_frequencies

    tree = CodeTree.load(session)
    return code_frequencies(session, by=by, codes=parse_rows_spec(tree, rows), rollup=rollup,
                            flt=chosen_filter(session, filters), words=with_words, tree=tree, progress=terminal_progress(as_json))


def write_frequency_table(as_json: bool, table: CodeFrequencies, out: Path) -> None:
    from coding.export.analysis_tables import export_code_frequencies

    written(as_json, export_code_frequencies(table, out), "rows", result_basis(table))


cooccurrence_options = option_group(
    click.option("--unit", type=click.Choice(["overlap", "sentence", "turn"]), default="overlap", show_default=True,
                 help="Codes co-occur when their codings overlap, or share a sentence or speaker turn."),
    click.option("--rows", default="all", show_default=True, metavar="all|level1|level2|…|leaves",
                 help="Which codes are compared (rows and columns)."),
    rollup_option,
    filter_options,
)


def cooccurrence_table(session: Session, unit: str, rows: str, rollup: bool, **filters: Any) -> Cooccurrence:
    from coding.codebook import CodeTree, parse_rows_spec
    from coding.analysis.cooccurrence import cooccurrence as compute

    tree = CodeTree.load(session)
    return compute(session, unit=unit, codes=parse_rows_spec(tree, rows), rollup=rollup,
                   flt=chosen_filter(session, filters), tree=tree)


def write_cooccurrence_table(as_json: bool, table: Cooccurrence, out: Path) -> None:
    from coding.export.analysis_tables import export_cooccurrence

    written(as_json, export_cooccurrence(table, out), "codes", result_basis(table))


crosstab_options = option_group(
    click.option("--code", "code_path", required=True, help="The code whose presence is counted."),
    click.option("--attribute", required=True, help="The case attribute of the columns, e.g. role."),
    rollup_option,
    filter_options,
)


def crosstab_table(session: Session, code_path: str, attribute: str, rollup: bool, **filters: Any) -> Crosstab:
    from coding.analysis.crosstab import crosstab as compute
    from coding.codebook import find_code

    return compute(session, code_id=find_code(session, code_path).id, attribute=attribute, rollup=rollup,
                   flt=chosen_filter(session, filters))


def write_crosstab_table(as_json: bool, table: Crosstab, out: Path) -> None:
    from coding.export.analysis_tables import export_crosstab

    written(as_json, export_crosstab(table, out), "rows", result_basis(table))


matrix_options = option_group(
    click.option("--rows", default="level3", show_default=True, metavar="level1|level2|level3|…|all|leaves",
                 help="Which codes are rows."),
    click.option("--columns", default="cases", show_default=True, metavar="cases|attribute:NAME",
                 help="Columns: one per case, or one per value of a case attribute."),
    rollup_option,
    filter_options,
)
