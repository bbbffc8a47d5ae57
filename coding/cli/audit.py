"""``concord audit``: list, filter and export the audit trail, and verify its hash chain.

    concord audit list PROJECT [--actor NAME] [--entity KIND] [--action ACTION] [--text TEXT] [--since DATE]
                               [--until DATE] [--limit N] [--json]
    concord audit export PROJECT trail.csv [the same filters]
    concord audit verify PROJECT

The old one-command spelling (``concord audit PROJECT [filters] [--csv FILE | --verify]``) is the hidden
``old-form`` subcommand; its output is exactly as before.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coding.cli.common import (
    ConcordClickError,
    CONTEXT_SETTINGS,
    SubcommandGroup,
    emit,
    json_option,
    old_form,
    open_project,
    option_group,
    project_argument,
)
from coding.i18n import translate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coding.audit import AuditFilter, AuditRow

_CSV = click.Path(dir_okay=False, path_type=Path)
_filter_options = option_group(
    click.option("--actor", help="Only events by this person (the name given with --coder, or a login name)."),
    click.option("--entity", help="Only events about this kind of thing: coding, code, case, document, attribute …"),
    click.option("--action", help="Only this action: apply_code, remove_coding, rename, import …"),
    click.option("--text", "text_filter", help="Only events mentioning this text (in any field, names and values)."),
    click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD, local time; or YYYY-MM-DDTHH:MM)."),
    click.option("--until", metavar="DATE", help="Up to and including this date."),
    click.option("--limit", type=click.IntRange(min=1), help="Only the newest N matching events."),
)


def _line(row: AuditRow) -> str:
    who, what, about = row.actor[:16], row.action[:18], row.entity[:12]
    return f"{row.id:>7}  {row.local_time}  {who:<16}  {what:<18}  {about:<12}  {row.summary}"


def _filters(session: Session, actor: str | None, entity: str | None, action: str | None, text_filter: str | None,
             since: str | None, until: str | None) -> AuditFilter:
    from coding.audit import AuditFilter, check_entity, parse_when

    return AuditFilter(
        actor=actor, entity=check_entity(session, entity) if entity else None, action=action, text=text_filter,
        since=parse_when(since, option="--since") if since else None,
        until=parse_when(until, end=True, option="--until") if until else None,
    )


def _verify(project: Path, as_json: bool) -> None:
    from coding.audit import verify_chain

    with open_project(project, writes=False) as opened, opened.session() as session:
        result = verify_chain(session)
        emit(as_json, result.to_dict(), result.message)
        if not result.ok:
            if as_json:
                raise SystemExit(1)
            raise ConcordClickError(result.message)


def _export(session: Session, csv_path: Path, filters: AuditFilter, limit: int | None, as_json: bool) -> None:
    from coding.audit import export_events_csv

    exported = export_events_csv(session, csv_path, filters, limit=limit)
    emit(as_json, exported.to_dict(), translate("CLI", "Wrote {count} audit events to {path}").format(
        count=f"{exported.items:,}", path=exported.path))


def _list(session: Session, filters: AuditFilter, limit: int | None, as_json: bool) -> None:
    from coding.audit import iter_events

    rows = islice(iter_events(session, filters), limit)
    if as_json:
        emit(True, [row.to_dict() for row in rows], "")
        return
    shown = 0
    for row in rows:
        click.echo(_line(row))
        shown += 1
    if not shown:
        click.echo(translate("CLI", "No audit events match."))


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def audit() -> None:
    """The audit trail: who changed what and when (list, export to CSV), and a check that nothing was altered.

    Every subcommand takes --json. The old spelling `audit PROJECT [filters] [--csv FILE | --verify]` works too.
    """


@audit.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@_filter_options
@json_option
def list_command(project: Path, actor: str | None, entity: str | None, action: str | None, text_filter: str | None,
                 since: str | None, until: str | None, limit: int | None, as_json: bool) -> None:
    """The events that match the filters, newest first (every event without filters)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        _list(session, _filters(session, actor, entity, action, text_filter, since, until), limit, as_json)


@audit.command("export", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("file", type=_CSV)
@_filter_options
@json_option
def export_command(project: Path, file: Path, actor: str | None, entity: str | None, action: str | None,
                   text_filter: str | None, since: str | None, until: str | None, limit: int | None,
                   as_json: bool) -> None:
    """Write the events that match the filters to FILE, a .csv file (UTF-8 with BOM: Excel shows Chinese)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        _export(session, file, _filters(session, actor, entity, action, text_filter, since, until), limit, as_json)


@audit.command("verify", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def verify_command(project: Path, as_json: bool) -> None:
    """Check the hash chain of every event; exit 1 if it is broken (the first broken link is named)."""
    _verify(project, as_json)


@old_form(audit, "The old spelling: concord audit PROJECT [filters] [--csv FILE | --verify].")
@project_argument
@click.option("--verify", is_flag=True, help="Check the hash chain of every event; exit 1 if it is broken.")
@_filter_options
@click.option("--csv", "csv_path", type=_CSV,
              help="Write the matching events to this .csv file (UTF-8 with BOM: Excel shows Chinese).")
@json_option
def old_audit(project: Path, verify: bool, actor: str | None, entity: str | None, action: str | None,
              text_filter: str | None, since: str | None, until: str | None, limit: int | None,
              csv_path: Path | None, as_json: bool) -> None:
    filtering = any(v is not None for v in (actor, entity, action, text_filter, since, until, limit, csv_path))
    if verify and filtering:
        raise click.UsageError("--verify checks the whole chain; give it no filters, --limit or --csv")
    if verify:
        _verify(project, as_json)
        return
    with open_project(project, writes=False) as opened, opened.session() as session:
        filters = _filters(session, actor, entity, action, text_filter, since, until)
        if csv_path is not None:
            _export(session, csv_path, filters, limit, as_json)
        else:
            _list(session, filters, limit, as_json)


__all__ = ["audit"]
