"""``concord coders``: the project's coders — list, add. The old spelling ``concord coders PROJECT [list|add NAME]``
still works (the hidden ``old-form`` subcommand)."""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.orm import Session

from coding.cli.common import (
    CONTEXT_SETTINGS,
    SubcommandGroup,
    emit,
    expect_words,
    json_option,
    old_form,
    open_project,
    project_argument,
)
from coding.i18n import translate

Outcome = tuple[object, str]  # what --json prints, and the text otherwise


def _listed(session: Session) -> Outcome:
    from coding.coders import list_coders

    rows = [{"name": c.name, "uuid": c.uuid, "consensus": c.is_consensus} for c in list_coders(session)]
    return rows, "\n".join(str(r["name"]) for r in rows) or translate("CLI", "No coders.")


def _added(session: Session, actor: str, name: str) -> Outcome:
    from coding.coders import get_or_create_coder

    coder = get_or_create_coder(session, name, actor=actor)
    return {"coder": coder.name, "uuid": coder.uuid}, translate("CLI", "Coder {name}").format(name=coder.name)


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def coders() -> None:
    """Coders of the project: list, add.

    Every subcommand takes --json. The old spelling `coders PROJECT add NAME` (list when no word follows) works
    too.
    """


@coders.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """Every coder by name (the consensus coder too)."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _listed(session)
    emit(as_json, data, text)


@coders.command("add", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@json_option
def add_command(project: Path, name: str, as_json: bool) -> None:
    """Add coder NAME (nothing changes if they are there already)."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _added(session, opened.actor, name)
    emit(as_json, data, text)


@old_form(coders, "The old spelling: concord coders PROJECT [list|add NAME].")
@project_argument
@click.argument("action", type=click.Choice(["list", "add"]), default="list")
@click.argument("args", nargs=-1)
@json_option
def old_coders(project: Path, action: str, args: tuple[str, ...], as_json: bool) -> None:
    expect_words(action, args, ["name"] if action == "add" else [])
    with open_project(project) as opened, opened.session() as session:
        data, text = _added(session, opened.actor, args[0]) if action == "add" else _listed(session)
    emit(as_json, data, text)


__all__ = ["coders"]
