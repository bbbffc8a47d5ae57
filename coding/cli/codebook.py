"""``concord codebook``: list the codebook, export it to JSON, import (merge) a JSON codebook. The old spelling
``concord codebook PROJECT [list|export FILE|import FILE]`` still works (the hidden ``old-form`` subcommand).
Word and other formats: ``concord export codebook``; REFI-QDA: ``concord refi export-codebook``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from sqlalchemy.orm import Session

from coding.cli.common import (
    CONTEXT_SETTINGS,
    SubcommandGroup,
    emit,
    json_option,
    old_form,
    open_project,
    project_argument,
)
from coding.i18n import is_chinese, translate

if TYPE_CHECKING:
    from coding.codebook.tree import CodeNode

Outcome = tuple[object, str]  # what --json prints, and the text otherwise
_FILE = click.Path(dir_okay=False, path_type=Path)


def _tree_lines(nodes: list[CodeNode], depth: int = 0) -> list[str]:
    lines: list[str] = []
    for node in nodes:
        names = (node.name_zh, node.name) if is_chinese() and node.name_zh else (node.name, node.name_zh)
        other = f"  ({names[1]})" if names[1] else ""  # in Chinese the Chinese name first
        lines.append(f"{'  ' * depth}{names[0]}{other}")
        lines.extend(_tree_lines(list(node.children), depth + 1))
    return lines


def _listed(session: Session) -> Outcome:
    from coding.codebook import codebook_tree, export_codebook

    lines = "\n".join(_tree_lines(codebook_tree(session)))
    return export_codebook(session), lines or translate("CLI", "The codebook is empty.")


def _exported(session: Session, file: Path) -> Outcome:
    from coding.codebook import export_codebook_file

    export_codebook_file(session, file)
    return {"exported": str(file)}, translate("CLI", "Wrote {path}").format(path=file)


def _imported(session: Session, actor: str, file: Path) -> Outcome:
    from coding.codebook import import_codebook_file

    changes = import_codebook_file(session, file, actor=actor)
    return {"imported": str(file), "changed": changes.codes}, translate("CLI", "Imported {path}").format(path=file)


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def codebook() -> None:
    """The codebook: list it, export it to JSON, import (merge) a JSON codebook.

    Every subcommand takes --json. The old spelling `codebook PROJECT export FILE` (list when no word follows)
    works too.
    """


@codebook.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """The code tree (with Chinese names); --json gives the codebook JSON."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _listed(session)
    emit(as_json, data, text)


@codebook.command("export", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("file", type=_FILE)
@json_option
def export_command(project: Path, file: Path, as_json: bool) -> None:
    """Write the codebook to FILE (.json) for `codebook import` in another project."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _exported(session, file)
    emit(as_json, data, text)


@codebook.command("import", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("file", type=_FILE)
@json_option
def import_command(project: Path, file: Path, as_json: bool) -> None:
    """Merge a codebook FILE (.json) into the project's: codes matched by uuid, then by path; the rest added."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _imported(session, opened.actor, file)
    emit(as_json, data, text)


@old_form(codebook, "The old spelling: concord codebook PROJECT [list|export FILE|import FILE].")
@project_argument
@click.argument("action", type=click.Choice(["list", "export", "import"]), default="list")
@click.argument("file", required=False, type=_FILE)
@json_option
def old_codebook(project: Path, action: str, file: Path | None, as_json: bool) -> None:
    if action != "list" and file is None:
        raise click.UsageError(f"'{action}' takes FILE")
    with open_project(project) as opened, opened.session() as session:
        if file is not None and action == "export":
            data, text = _exported(session, file)
        elif file is not None and action == "import":
            data, text = _imported(session, opened.actor, file)
        else:
            data, text = _listed(session)
    emit(as_json, data, text)


__all__ = ["codebook"]
