"""``concord team``: a team project on a PostgreSQL server (roles and blind mode; moving projects).

The library is ``coding.team.roles``; these are thin shells.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy import URL

from coding.cli.common import CONTEXT_SETTINGS, ConcordGroup, emit, json_option, open_project, project_argument
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP, translate

SERVER_ONLY = QT_TRANSLATE_NOOP("errors", "roles and the team's blind mode are for a project on a PostgreSQL server; "
                                "in a project file blind mode is each coder's own choice (View › Show only my codings)")


def _server_only(project: Path | URL) -> None:
    if not isinstance(project, URL):
        raise ConcordError(translate(
            "errors", "{project}: {SERVER_ONLY}").format(project=project, SERVER_ONLY=translate("errors", SERVER_ONLY)))


def _on_off(on: bool) -> str:
    return translate("CLI", "on") if on else translate("CLI", "off")


@click.group(cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def team() -> None:
    """A team project on a PostgreSQL server: roles enforced by the database, blind mode, moving projects.

    \b
    concord team setup URL             group roles, GRANTs and row-level security on the project (as a lead)
    concord team blind URL on|off      the project's blind mode for every coder (a lead only)
    concord team push FILE.concord URL upload a project file to a server; team pull URL OUT.concord: a snapshot
    """


@team.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def setup(project: Path | URL, as_json: bool) -> None:
    """Give the project on a PostgreSQL server Concord's roles, enforced by the server itself.

    Creates the group roles concord_lead, concord_coder and concord_viewer when missing (one set per server),
    hands the project's tables to concord_lead and sets the GRANTs and row-level security policies: a lead does
    everything; a coder reads the project and writes only their own codings and document statuses, and while
    the project is blind sees no other coder's codings; a viewer only reads. Idempotent: run it again after an
    upgrade of Concord (opening the project as a lead does that by itself). Run it as the project's owner, a
    lead or the server's superuser.
    """
    from coding.team.roles import setup_roles

    _server_only(project)
    with open_project(project) as opened:
        report = setup_roles(opened)
    made = translate("CLI", "; created roles {roles}").format(
        roles=", ".join(report.created_roles)) if report.created_roles else ""
    emit(as_json, report.to_dict(), translate(
        "CLI", "Roles set up on {database}: {tables} tables, {policies} row-level policies{made}; blind mode is "
        "{state}").format(database=report.database, tables=report.tables, policies=report.policies, made=made,
                          state=_on_off(report.blind)))


@team.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("state", type=click.Choice(["on", "off"]), required=False)
@json_option
def blind(project: Path | URL, state: str | None, as_json: bool) -> None:
    """Show or set the project's blind mode (a lead only): while on, a coder cannot read other coders' codings.

    Without on/off, says whether it is on. The server itself enforces it (row-level security), so it holds
    for a coder who connects with psql too.
    """
    from coding.team.roles import set_team_blind, team_blind

    _server_only(project)
    with open_project(project, writes=state is not None) as opened:
        actor = str(opened.url.username) if opened.url is not None and opened.url.username else opened.actor
        with opened.session() as session:
            if state is not None:
                set_team_blind(session, state == "on", actor=actor)
            now = team_blind(session)
    message = (translate("CLI", "Blind mode is now {state} for {project}") if state is not None
               else translate("CLI", "Blind mode is {state} for {project}"))
    emit(as_json, {"project": opened.location, "blind": now},
         message.format(state=_on_off(now), project=opened.location))


from coding.cli.team_transfer import pull, push  # noqa: E402  (moving a project: coding/cli/team_transfer.py)

team.add_command(push)
team.add_command(pull)
