"""Housekeeping commands: ``concord document|case|attribute rename|delete``.

Deleting what holds work (codings, memos, consensus decisions, attribute values) needs ``--yes``;
without it the command prints what would go, writes nothing and exits 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from coding.cli.common import CONTEXT_SETTINGS, ConcordGroup, emit, json_option, open_project, project_argument
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP, translate

yes_option = click.option("--yes", is_flag=True, help="Delete even what holds codings, memos or values.")


_THINGS = (QT_TRANSLATE_NOOP("CLI", "document"), QT_TRANSLATE_NOOP("CLI", "case"),
           QT_TRANSLATE_NOOP("CLI", "attribute"))  # what _renamed names, for the catalogue


def _refuse_unconfirmed(as_json: bool, preview: dict[str, Any], description: str) -> None:
    emit(as_json, {**preview, "deleted": False}, translate("CLI", "Would delete {what}").format(what=description))
    raise ConcordError(translate("CLI", "nothing deleted: {what} would go; add --yes to delete").format(what=description))


def _renamed(as_json: bool, what: str, old: str, new: str, changed: bool) -> None:
    thing = translate("CLI", what)
    text = translate("CLI", "Renamed {what} '{old}' to '{new}'").format(what=thing, old=old, new=new) if changed \
        else translate("CLI", "{what} '{old}' already has that name").format(what=thing.capitalize(), old=old)
    emit(as_json, {what: new, "previous": old, "changed": changed}, text)


# -- documents ------------------------------------------------------------------------------------


@click.group(cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def document() -> None:
    """Rename or delete documents."""


@document.command("rename", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.argument("new_name")
@json_option
def rename_document(project: Path, name: str, new_name: str, as_json: bool) -> None:
    """Give document NAME (or uuid) the name NEW_NAME."""
    from coding.documents import find_document
    from coding.documents import rename_document as rename

    with open_project(project) as opened, opened.session() as session:
        old = find_document(session, name).name
        changed = rename(session, name, new_name, actor=opened.actor).any()
    _renamed(as_json, "document", old, new_name.strip(), changed)


@document.command("delete", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("names", nargs=-1, required=True)
@yes_option
@json_option
def delete_document(project: Path, names: tuple[str, ...], yes: bool, as_json: bool) -> None:
    """Delete documents with their codings, memos and consensus decisions (--yes when they hold any)."""
    from coding.documents import delete_documents, document_deletion_impact

    with open_project(project) as opened, opened.session() as session:
        impact = document_deletion_impact(session, names)
        if impact.holds_work and not yes:
            _refuse_unconfirmed(as_json, impact.to_dict(), impact.describe())
        delete_documents(session, names, actor=opened.actor)
    emit(as_json, {**impact.to_dict(), "deleted": True},
         translate("CLI", "Deleted {what}").format(what=impact.describe()))


# -- cases ----------------------------------------------------------------------------------------


@click.group(cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def case() -> None:
    """Rename or delete cases (participants)."""


@case.command("rename", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.argument("new_name")
@json_option
def rename_case(project: Path, name: str, new_name: str, as_json: bool) -> None:
    """Give case NAME the name NEW_NAME."""
    from coding.cases import find_case
    from coding.cases import rename_case as rename

    with open_project(project) as opened, opened.session() as session:
        old = find_case(session, name).name
        changed = rename(session, name, new_name, actor=opened.actor).any()
    _renamed(as_json, "case", old, new_name.strip(), changed)


@case.command("delete", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@yes_option
@json_option
def delete_case(project: Path, name: str, yes: bool, as_json: bool) -> None:
    """Delete a case: its documents stay (without a case); its attribute values go (--yes when it has any)."""
    from coding.cases import case_deletion
    from coding.cases import delete_case as delete

    with open_project(project) as opened, opened.session() as session:
        preview = case_deletion(session, name)
        if (preview.values or preview.documents or preview.rows.count("memos")) and not yes:
            _refuse_unconfirmed(as_json, preview.to_dict(), preview.describe())
        delete(session, name, actor=opened.actor)
    emit(as_json, {**preview.to_dict(), "deleted": True},
         translate("CLI", "Deleted {what}").format(what=preview.describe()))


# -- attributes -----------------------------------------------------------------------------------


@click.group(cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def attribute() -> None:
    """Rename or delete case attributes."""


@attribute.command("rename", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@click.argument("new_name")
@json_option
def rename_attribute(project: Path, name: str, new_name: str, as_json: bool) -> None:
    """Give attribute NAME the name NEW_NAME (matrix summaries under it follow)."""
    from coding.cases import find_attribute
    from coding.cases import rename_attribute as rename

    with open_project(project) as opened, opened.session() as session:
        old = find_attribute(session, name).name
        changed = rename(session, name, new_name, actor=opened.actor).any()
    _renamed(as_json, "attribute", old, new_name.strip(), changed)


@attribute.command("delete", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("name")
@yes_option
@json_option
def delete_attribute(project: Path, name: str, yes: bool, as_json: bool) -> None:
    """Delete an attribute with every case's value of it (--yes when any case has a value)."""
    from coding.cases import attribute_deletion
    from coding.cases import delete_attribute as delete

    with open_project(project) as opened, opened.session() as session:
        preview = attribute_deletion(session, name)
        if preview.values and not yes:
            _refuse_unconfirmed(as_json, preview.to_dict(), preview.describe())
        delete(session, name, actor=opened.actor)
    emit(as_json, {**preview.to_dict(), "deleted": True},
         translate("CLI", "Deleted {what}").format(what=preview.describe()))


__all__ = ["attribute", "case", "document"]
