"""``concord cases``: participants (cases) — list, add, attach documents, set attribute values, import an
attribute table. Renaming and deleting a case is ``concord case`` (coding/cli/housekeeping.py).

The old spelling ``concord cases PROJECT [list|add NAME|attach CASE DOC…|set CASE ATTRIBUTE VALUE]
[--attributes-from FILE]`` still works (the hidden ``old-form`` subcommand); the table and the action then commit
together, as before.
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
    note_new_spelling,
    old_form,
    open_project,
    project_argument,
)
from coding.i18n import translate

Outcome = tuple[object, str]  # what --json prints, and the text otherwise
_TABLE = click.Path(dir_okay=False, path_type=Path)


def _case_lines(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return translate("CLI", "No cases.")
    lines = []
    for row in rows:
        attributes = "; ".join(f"{k}={v}" for k, v in row["attributes"].items())
        documents = ", ".join(row["documents"]) or translate("CLI", "(no documents)")
        lines.append(f"{row['name']}: {documents}  {attributes}")
    return "\n".join(lines)


def _listed(session: Session) -> Outcome:
    from coding.cases import list_cases

    rows = list_cases(session)
    return rows, _case_lines(rows)


def _added(session: Session, actor: str, name: str, description: str) -> Outcome:
    from coding.cases import add_case

    case = add_case(session, name, actor=actor, description=description)
    return {"case": case.name, "uuid": case.uuid}, translate("CLI", "Added case {case}").format(case=case.name)


def _attached(session: Session, actor: str, case: str, documents: tuple[str, ...]) -> Outcome:
    from coding.cases import attach_document

    for document in documents:
        attach_document(session, case, document, actor=actor)
    return {"case": case, "documents": list(documents)}, translate(
        "CLI", "Attached {count} document(s) to {case}").format(count=len(documents), case=case)


def _value_set(session: Session, actor: str, case: str, attribute: str, value: str) -> Outcome:
    from coding.cases import set_attribute_value

    set_attribute_value(session, case, attribute, value, actor=actor)
    return {"case": case, "attribute": attribute, "value": value}, f"{case}: {attribute} = {value}"


def _import_table(session: Session, actor: str, table: Path) -> None:
    from coding.cases import import_attribute_table

    import_attribute_table(session, table, actor=actor)


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def cases() -> None:
    """Participants (cases): list, add, attach documents, set attribute values, import an attribute table.

    Every subcommand takes --json. The old spelling `cases PROJECT add NAME` (list when no word follows) works
    too.
    """


@cases.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """Every case with its documents and attribute values."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _listed(session)
    emit(as_json, data, text)


@cases.command("add", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@description_option("case")
@json_option
def add_command(project: Path, name: str, description: str, as_json: bool) -> None:
    """Add a case NAME."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _added(session, opened.actor, name, description)
    emit(as_json, data, text)


@cases.command("attach", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("case")
@click.argument("documents", metavar="DOCUMENT...", nargs=-1, required=True)
@json_option
def attach_command(project: Path, case: str, documents: tuple[str, ...], as_json: bool) -> None:
    """Make documents belong to CASE (moving them from another case if need be)."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _attached(session, opened.actor, case, documents)
    emit(as_json, data, text)


@cases.command("set", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("case")
@click.argument("attribute")
@click.argument("value")
@json_option
def set_command(project: Path, case: str, attribute: str, value: str, as_json: bool) -> None:
    """Set CASE's value of ATTRIBUTE ("" clears it; a new attribute is added as text)."""
    with open_project(project) as opened, opened.session() as session:
        data, text = _value_set(session, opened.actor, case, attribute, value)
    emit(as_json, data, text)


@cases.command("import-attributes", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("table", type=_TABLE)
@json_option
def import_attributes_command(project: Path, table: Path, as_json: bool) -> None:
    """Import an attribute TABLE (.csv or .xlsx): first column the case (created if missing), header row the
    attribute names; then list the cases."""
    with open_project(project) as opened, opened.session() as session:
        _import_table(session, opened.actor, table)
        data, text = _listed(session)
    emit(as_json, data, translate("CLI", "Imported attributes from {table}").format(table=table) + f"\n{text}")


@old_form(cases, "The old spelling: concord cases PROJECT [list|add NAME|attach CASE DOCUMENT...|set CASE "
                 "ATTRIBUTE VALUE].")
@project_argument
@click.argument("action", type=click.Choice(["list", "add", "attach", "set"]), default="list")
@click.argument("args", nargs=-1)
@click.option("--attributes-from", "attributes_from", type=_TABLE,
              help="Import an attribute table (.csv or .xlsx): first column case, header row attribute names.")
@description_option("case")
@json_option
def old_cases(project: Path, action: str, args: tuple[str, ...], attributes_from: Path | None, description: str,
              as_json: bool) -> None:
    words = {"list": [], "add": ["name"], "attach": ["case", "document"], "set": ["case", "attribute", "value"]}
    expect_words(action, args, words[action], variadic=action == "attach")
    with open_project(project) as opened, opened.session() as session:
        if attributes_from is not None:
            _import_table(session, opened.actor, attributes_from)
        if action == "add":
            data, text = _added(session, opened.actor, args[0], description)
        elif action == "attach":
            data, text = _attached(session, opened.actor, args[0], args[1:])
        elif action == "set":
            data, text = _value_set(session, opened.actor, args[0], args[1], args[2])
        else:
            data, text = _listed(session)
    if attributes_from is not None:  # only now: the table and the action commit together
        text = translate("CLI", "Imported attributes from {table}").format(table=attributes_from) + f"\n{text}"
    emit(as_json, data, text)
    if attributes_from is not None and action == "list":  # the flag has a subcommand of its own now
        note_new_spelling("cases PROJECT --attributes-from FILE", "cases import-attributes PROJECT FILE")


__all__ = ["cases"]
