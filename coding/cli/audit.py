"""``concord audit``: list, filter and export the audit trail, and verify its hash chain."""

from __future__ import annotations

from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coding.cli.common import CONTEXT_SETTINGS, emit, json_option, open_project, project_argument

if TYPE_CHECKING:
    from coding.audit import AuditRow


def _line(row: AuditRow) -> str:
    who, what, about = row.actor[:16], row.action[:18], row.entity[:12]
    return f"{row.id:>7}  {row.local_time}  {who:<16}  {what:<18}  {about:<12}  {row.summary}"


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--verify", is_flag=True, help="Check the hash chain of every event; exit 1 if it is broken.")
@click.option("--actor", help="Only events by this person (the name given with --coder, or a login name).")
@click.option("--entity", help="Only events about this kind of thing: coding, code, case, document, attribute …")
@click.option("--action", help="Only this action: apply_code, remove_coding, rename, import …")
@click.option("--text", "text_filter", help="Only events mentioning this text (in any field, names and values).")
@click.option("--since", metavar="DATE", help="From this date on (YYYY-MM-DD, local time; or YYYY-MM-DDTHH:MM).")
@click.option("--until", metavar="DATE", help="Up to and including this date.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the newest N matching events.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the matching events to this .csv file (UTF-8 with BOM: Excel shows Chinese).")
@json_option
def audit(project: Path, verify: bool, actor: str | None, entity: str | None, action: str | None,
          text_filter: str | None, since: str | None, until: str | None, limit: int | None, csv_path: Path | None,
          as_json: bool) -> None:
    """The audit trail: who changed what and when, newest first; --verify checks that nothing was altered."""
    from coding.audit import AuditFilter, check_entity, export_events_csv, iter_events, parse_when, verify_chain

    filtering = any(v is not None for v in (actor, entity, action, text_filter, since, until, limit, csv_path))
    if verify and filtering:
        raise click.UsageError("--verify checks the whole chain; give it no filters, --limit or --csv")
    with open_project(project, writes=False) as opened, opened.session() as session:
        if verify:
            result = verify_chain(session)
            emit(as_json, result.to_dict(), result.message)
            if not result.ok:
                if as_json:
                    raise SystemExit(1)
                raise click.ClickException(result.message)
            return
        filters = AuditFilter(
            actor=actor, entity=check_entity(session, entity) if entity else None, action=action, text=text_filter,
            since=parse_when(since, option="--since") if since else None,
            until=parse_when(until, end=True, option="--until") if until else None,
        )
        if csv_path is not None:
            exported = export_events_csv(session, csv_path, filters, limit=limit)
            emit(as_json, exported.to_dict(), f"Wrote {exported.items:,} audit events to {exported.path}")
            return
        rows = islice(iter_events(session, filters), limit)
        if as_json:
            emit(True, [row.to_dict() for row in rows], "")
            return
        shown = 0
        for row in rows:
            click.echo(_line(row))
            shown += 1
        if not shown:
            click.echo("No audit events match.")
