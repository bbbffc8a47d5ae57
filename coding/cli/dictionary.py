"""``concord dictionary``: WordStat-style dictionaries (coding.autocode.dictionaries) — list, import, export,
new (from the codebook), hits (counts per category and KWIC).

    concord dictionary list PROJECT | import PROJECT FILE [--name N] | export PROJECT NAME FILE
    concord dictionary hits PROJECT NAME [--by document|case|attribute:NAME|all] [--kwic]
    concord dictionary new PROJECT NAME [--from-codebook]

The project may also come first (``concord dictionary PROJECT list``), as in issue 15. Autocoding a dictionary's
hits is ``concord autocode PROJECT --dictionary NAME``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.common import (
    CONTEXT_SETTINGS, ProjectFirstGroup, display_width, emit, json_option, open_project, padded, project_argument,
)
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.autocode.dictionaries import DictionarySummary, HitCounts, KwicLine

_FILE_IN = click.Path(exists=True, dir_okay=False, path_type=Path)
_FILE_OUT = click.Path(dir_okay=False, path_type=Path)


@click.group(cls=ProjectFirstGroup, context_settings=CONTEXT_SETTINGS)
def dictionary() -> None:
    """Dictionaries of categories and patterns (words, @lemmas, wildcards*, "phrases", a NEAR/5 b, NOT …):
    list, import and export the plain-text form (docs/autocode.md), make one from the codebook, count hits.

    Every subcommand takes --json; PROJECT may come before the subcommand too (`dictionary PROJECT list`).
    Autocode hits with `concord autocode PROJECT --dictionary NAME --scope word|sentence|turn --coder NAME`.
    """


def _summary_line(summary: DictionarySummary) -> str:
    language = summary.language or translate("CLI", "any language")
    unlinked = translate("CLI", "; not linked to codes: {codes}").format(codes=", ".join(summary.unlinked)) \
        if summary.unlinked else ""
    return translate("CLI", "{name} ({language}): {categories} categories, {entries} entries{unlinked}").format(
        name=summary.name, language=language, categories=summary.categories, entries=summary.entries,
        unlinked=unlinked)


@dictionary.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """The project's dictionaries: categories, entries, and the categories not linked to a code."""
    from coding.autocode.dictionaries import list_dictionaries

    with open_project(project, writes=False) as opened, opened.session() as session:
        summaries = list_dictionaries(session)
    emit(as_json, [s.to_dict() for s in summaries],
         lambda: "\n".join(_summary_line(s) for s in summaries) or translate("CLI", "No dictionaries."))


@dictionary.command("import", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("file", type=_FILE_IN)
@click.option("--name", default=None, help="The dictionary's name (default: the file's name without extension).")
@click.option("--language", type=click.Choice(["en", "zh"]), default=None,
              help="Match only documents in this language (default: every document).")
@json_option
def import_command(project: Path, file: Path, name: str | None, language: str | None, as_json: bool) -> None:
    """Read a dictionary from its plain-text FILE (UTF-8); a bad line is refused naming it, nothing stored."""
    from coding.autocode.dictionaries import import_dictionary_edit, list_dictionaries, read_dictionary_file

    text = read_dictionary_file(file)
    edit = import_dictionary_edit(text, name or file.stem, language=language or "")
    with open_project(project) as opened, opened.session() as session:
        edit.do(session, opened.actor)
        summary = next(s for s in list_dictionaries(session) if s.uuid == edit.uuid)
    emit(as_json, summary.to_dict(), translate("CLI", "Imported {dictionary}").format(dictionary=_summary_line(summary)))


@dictionary.command("export", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.argument("file", type=_FILE_OUT)
@json_option
def export_command(project: Path, name: str, file: Path, as_json: bool) -> None:
    """Write dictionary NAME to FILE in the plain-text form `dictionary import` reads back."""
    from coding.autocode.dictionaries import export_text
    from coding.errors import ValidationError

    with open_project(project, writes=False) as opened, opened.session() as session:
        text = export_text(session, name)
    try:
        file.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ValidationError(translate(
            "errors", "{file}: cannot write it ({strerror})").format(file=file, strerror=exc.strerror)) from None
    emit(as_json, {"exported": str(file), "dictionary": name}, translate("CLI", "Wrote {path}").format(path=file))


@dictionary.command("new", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.option("--from-codebook", is_flag=True,
              help="One category per code, in the codebook's tree, each linked to its code (entries left empty).")
@click.option("--language", type=click.Choice(["en", "zh"]), default=None,
              help="Match only documents in this language (default: every document).")
@json_option
def new_command(project: Path, name: str, from_codebook: bool, language: str | None, as_json: bool) -> None:
    """Make an empty dictionary NAME, or one shaped like the codebook (--from-codebook)."""
    from coding.autocode.dictionaries import create_dictionary_edit, list_dictionaries

    edit = create_dictionary_edit(name, language=language or "", from_codebook=from_codebook)
    with open_project(project) as opened, opened.session() as session:
        edit.do(session, opened.actor)
        summary = next(s for s in list_dictionaries(session) if s.uuid == edit.uuid)
    emit(as_json, summary.to_dict(), translate("CLI", "Made {dictionary}").format(dictionary=_summary_line(summary)))


@dictionary.command("hits", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.option("--by", "by", default="document", show_default=True,
              help="Count per document, case, attribute:NAME (its values) or all.")
@click.option("--kwic", is_flag=True, help="List every hit in context (left, match, right, document, category).")
@click.option("--width", default=40, show_default=True, type=click.IntRange(5, 500),
              help="Characters of context each side, with --kwic.")
@json_option
def hits_command(project: Path, name: str, by: str, kwic: bool, width: int, as_json: bool) -> None:
    """Hits of dictionary NAME per category and per document, case or attribute value (exclusions applied)."""
    from coding.autocode.dictionaries import find_hits, hit_counts, kwic_lines

    with open_project(project, writes=False) as opened, opened.session() as session:
        hits = find_hits(session, name) if kwic else None
        counts = hit_counts(session, name, by, hits=hits)
        lines = kwic_lines(session, hits, width) if hits is not None else []
    data: dict[str, Any] = counts.to_dict()
    if kwic:
        data["kwic"] = [line.to_dict() for line in lines]
    emit(as_json, data, lambda: _counts_text(counts) + ("\n\n" + _kwic_text(lines) if kwic else ""))


def _counts_text(counts: HitCounts) -> str:
    if not counts.categories:
        return translate("CLI", "The dictionary has no categories.")
    header = [translate("CLI", "Category"), translate("CLI", "Total"), *counts.groups]
    rows = [[c, str(counts.total(c)), *(str(counts.count(c, g)) for g in counts.groups)] for c in counts.categories]
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(padded(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in [header, *rows])


def _kwic_text(lines: list[KwicLine]) -> str:
    if not lines:
        return translate("CLI", "No hits.")
    left = max(len(line.left) for line in lines)
    return "\n".join(f"{line.left.rjust(left)} [{line.match}] {line.right}   — {line.document}, {line.category}"
                     for line in lines)


__all__ = ["dictionary"]
