"""``concord groups``: document groups (sets of documents across cases) — list, add, remove, rename, attach, detach.

The old spelling ``concord groups PROJECT [list|add NAME|…]`` still works (the hidden ``old-form`` subcommand).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from coding.cli.common import (
    CONTEXT_SETTINGS,
    SubcommandGroup,
    description_option,
    emit,
    expect_words,
    json_option,
    old_form,
    open_project,
    project_argument,
)
from coding.i18n import translate

Outcome = tuple[object, str]  # what --json prints, and the text otherwise
# Each action's positional words (the last repeats when the action takes documents).
ACTIONS: dict[str, list[str]] = {"list": [], "add": ["name"], "remove": ["name"], "rename": ["name", "new"],
                                 "attach": ["group", "document"], "detach": ["group", "document"]}
_documents_argument = click.argument("documents", metavar="DOCUMENT...", nargs=-1, required=True)


def _group_lines(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return translate("CLI", "No document groups.")
    lines = []
    for row in rows:
        described = f"  ({row['description']})" if row["description"] else ""
        documents = ", ".join(row["documents"]) or translate("CLI", "(no documents)")
        lines.append(f"{row['name']}: {documents}{described}")
    return "\n".join(lines)


def _listed(session: Session) -> Outcome:
    from coding.groups import list_groups

    rows = list_groups(session)
    return rows, _group_lines(rows)


def _added(session: Session, actor: str, name: str, description: str) -> Outcome:
    from coding.groups import add_group

    group = add_group(session, name, actor=actor, description=description)
    return {"group": group.name, "uuid": group.uuid}, translate("CLI", "Added document group {group}").format(group=group.name)


def _removed(session: Session, actor: str, name: str) -> Outcome:
    from coding.groups import remove_group

    saved = remove_group(session, name, actor=actor)
    count = len(saved.document_ids)
    return ({"group": saved.name, "uuid": saved.uuid, "documents": count},
            translate("CLI", "Removed document group {group} (its {count} document(s) stay in the project)").format(
                group=saved.name, count=count))


def _renamed(session: Session, actor: str, name: str, new_name: str) -> Outcome:
    from coding.groups import find_group, rename_group

    old_name = find_group(session, name).name
    rename_group(session, name, new_name, actor=actor)
    return ({"group": old_name, "renamed": new_name.strip()},
            translate("CLI", "Renamed document group {old} to {new}").format(old=old_name, new=new_name.strip()))


def _membership(session: Session, actor: str, action: str, group: str, documents: tuple[str, ...]) -> Outcome:
    from coding.groups import add_to_group, find_group, remove_from_group

    group_name = find_group(session, group).name
    change = add_to_group if action == "attach" else remove_from_group
    change(session, group_name, list(documents), actor=actor)
    text = translate("CLI", "Added {count} document(s) to {group}") if action == "attach" \
        else translate("CLI", "Removed {count} document(s) from {group}")
    return ({"group": group_name, "action": action, "documents": list(documents)},
            text.format(count=len(documents), group=group_name))


def _run(project: Path, as_json: bool, step: Any, *args: Any) -> None:
    """Open the project, run ``step(session, actor, *args)`` in one transaction, print its outcome."""
    with open_project(project) as opened, opened.session() as session:
        data, text = step(session, opened.actor, *args)
    emit(as_json, data, text)


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def groups() -> None:
    """Document groups (sets of documents across cases): list, add, remove, rename, attach, detach.

    Every subcommand takes --json. The old spelling `groups PROJECT add NAME` (list when no word follows) works
    too.
    """


@groups.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """Every document group with its documents."""
    _run(project, as_json, lambda session, _actor: _listed(session))


@groups.command("add", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@description_option("group")
@json_option
def add_command(project: Path, name: str, description: str, as_json: bool) -> None:
    """Add a document group NAME."""
    _run(project, as_json, _added, name, description)


@groups.command("remove", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@json_option
def remove_command(project: Path, name: str, as_json: bool) -> None:
    """Remove the document group NAME (its documents stay in the project)."""
    _run(project, as_json, _removed, name)


@groups.command("rename", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.argument("new_name", metavar="NEW")
@json_option
def rename_command(project: Path, name: str, new_name: str, as_json: bool) -> None:
    """Give the document group NAME the name NEW."""
    _run(project, as_json, _renamed, name, new_name)


@groups.command("attach", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("group")
@_documents_argument
@json_option
def attach_command(project: Path, group: str, documents: tuple[str, ...], as_json: bool) -> None:
    """Add documents to GROUP."""
    _run(project, as_json, _membership, "attach", group, documents)


@groups.command("detach", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("group")
@_documents_argument
@json_option
def detach_command(project: Path, group: str, documents: tuple[str, ...], as_json: bool) -> None:
    """Take documents out of GROUP (they stay in the project)."""
    _run(project, as_json, _membership, "detach", group, documents)


@old_form(groups, "The old spelling: concord groups PROJECT [list|add NAME|remove NAME|rename NAME NEW|"
                  "attach GROUP DOCUMENT...|detach GROUP DOCUMENT...].")
@project_argument
@click.argument("action", type=click.Choice(list(ACTIONS)), default="list")
@click.argument("args", nargs=-1)
@description_option("group")
@json_option
def old_groups(project: Path, action: str, args: tuple[str, ...], description: str, as_json: bool) -> None:
    if description and action != "add":
        raise click.UsageError("--description goes with 'add' only")
    expect_words(action, args, ACTIONS[action], variadic=action in ("attach", "detach"))
    if action == "add":
        _run(project, as_json, _added, args[0], description)
    elif action == "remove":
        _run(project, as_json, _removed, args[0])
    elif action == "rename":
        _run(project, as_json, _renamed, args[0], args[1])
    elif action in ("attach", "detach"):
        _run(project, as_json, _membership, action, args[0], args[1:])
    else:
        _run(project, as_json, lambda session, _actor: _listed(session))


__all__ = ["groups"]
