"""The ``groups`` command: document groups (sets of documents across cases)."""

from __future__ import annotations

from pathlib import Path

import click

from coding.cli.common import emit, json_option, open_project, project_argument
from coding.cli.core import ACTION_SETTINGS, _expect

ACTIONS = ["list", "add", "remove", "rename", "attach", "detach"]


def _group_lines(rows: list[dict]) -> str:
    if not rows:
        return "No document groups."
    lines = []
    for row in rows:
        described = f"  ({row['description']})" if row["description"] else ""
        lines.append(f"{row['name']}: {', '.join(row['documents']) or '(no documents)'}{described}")
    return "\n".join(lines)


@click.command(context_settings=ACTION_SETTINGS)
@project_argument
@click.argument("action", type=click.Choice(ACTIONS), default="list")
@click.argument("args", nargs=-1)
@click.option("--description", default="", help="Description of a group being added.")
@json_option
def groups(project: Path, action: str, args: tuple[str, ...], description: str, as_json: bool) -> None:
    """Document groups: list | add NAME | remove NAME | rename NAME NEW | attach GROUP DOCUMENT... |
    detach GROUP DOCUMENT..."""
    from coding.groups import (
        add_group,
        add_to_group,
        find_group,
        list_groups,
        remove_from_group,
        remove_group,
        rename_group,
    )

    if description and action != "add":
        raise click.UsageError("--description goes with 'add' only")
    with open_project(project) as opened, opened.session() as session:
        actor = opened.actor
        if action == "add":
            _expect(action, args, ["name"])
            group = add_group(session, args[0], actor=actor, description=description)
            data: object = {"group": group.name, "uuid": group.uuid}
            text = f"Added document group {group.name}"
        elif action == "remove":
            _expect(action, args, ["name"])
            saved = remove_group(session, args[0], actor=actor)
            data = {"group": saved.name, "uuid": saved.uuid, "documents": len(saved.document_ids)}
            count = len(saved.document_ids)
            text = f"Removed document group {saved.name} (its {count} document(s) stay in the project)"
        elif action == "rename":
            _expect(action, args, ["name", "new"])
            old_name = find_group(session, args[0]).name
            rename_group(session, args[0], args[1], actor=actor)
            data = {"group": old_name, "renamed": args[1].strip()}
            text = f"Renamed document group {old_name} to {args[1].strip()}"
        elif action in ("attach", "detach"):
            _expect(action, args, ["group", "document"], variadic=True)
            group_name = find_group(session, args[0]).name
            change = add_to_group if action == "attach" else remove_from_group
            change(session, group_name, list(args[1:]), actor=actor)
            data = {"group": group_name, "action": action, "documents": list(args[1:])}
            verb = "Added" if action == "attach" else "Removed"
            text = f"{verb} {len(args) - 1} document(s) {'to' if action == 'attach' else 'from'} {group_name}"
        else:
            _expect(action, args, [])
            rows = list_groups(session)
            data, text = rows, _group_lines(rows)
    emit(as_json, data, text)


__all__ = ["groups"]
