"""``concord team push`` and ``concord team pull``: moving a project between a file and a PostgreSQL server.

    concord team push PROJECT.concord URL [--json]
    concord team pull URL OUT.concord [--json]

Thin shells over ``coding.team.transfer``; registered in the ``team`` group (coding/cli/team_server.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from sqlalchemy import URL

from coding.cli.common import CONTEXT_SETTINGS, PROJECT_LOCATION, emit, file_project_argument, json_option

if TYPE_CHECKING:
    from coding.progress import Progress
    from coding.team.transfer import TransferResult


def _server_url(value: Path | URL) -> URL:
    if not isinstance(value, URL):
        raise click.ClickException(
            f"{value}: not a database URL; expected postgresql+psycopg://user@host:port/database"
        )
    return value


def _summary(verb: str, result: TransferResult) -> str:
    facts = result.facts
    lines = [
        f"{verb} {result.source} to {result.target} (schema {result.revision}): {len(result.rows)} tables, "
        f"{result.total_rows:,} rows — {facts.get('documents', 0):,} documents, {facts.get('codes', 0):,} codes, "
        f"{facts.get('coders', 0):,} coders, {facts.get('codings', 0):,} codings"
    ]
    if result.upgraded_from:
        lines.append(f"The file's schema {result.upgraded_from} was upgraded in a temporary copy; the file is unchanged")
    if result.created_database:
        lines.append("Created the database")
    if result.roles:
        lines.append("Set up the server's roles and policies on it")
    if result.audit_head:
        lines.append(f"Audit chain head on the server: {result.audit_head}")
    return "\n".join(lines)


def _progress() -> Progress | None:
    """Which table is being copied, on a terminal's stderr (a large project takes minutes)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, what: str) -> None:
        click.echo(f"\r{done}/{total} tables{'' if done == total else f' — copying {what}'}\x1b[K",
                   err=True, nl=done == total)

    return show


@click.command(context_settings=CONTEXT_SETTINGS)
@file_project_argument("push uploads a project file; a server database is copied with the server's own tools")
@click.argument("url", type=PROJECT_LOCATION)
@json_option
def push(project: Path, url: Path | URL, as_json: bool) -> None:
    """Upload the project file PROJECT to the PostgreSQL database URL (created when your role may; a database
    that holds any tables is refused). Every row keeps its ids and uuids; an older file is upgraded in a
    temporary copy, never in place. Nothing is left on the server when it fails."""
    from coding.team.transfer import push as push_project

    result = push_project(project, _server_url(url), progress=_progress())
    data: dict[str, Any] = result.to_dict()
    emit(as_json, data, _summary("Pushed", result))


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("url", type=PROJECT_LOCATION)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def pull(url: Path | URL, out: Path, as_json: bool) -> None:
    """Take a snapshot of the project in the PostgreSQL database URL into the new file OUT (.concord added when
    missing; an existing file is never replaced), read in one consistent transaction. It opens as a normal
    project, offline."""
    from coding.team.transfer import pull as pull_project

    result = pull_project(_server_url(url), out, progress=_progress())
    emit(as_json, result.to_dict(), _summary("Pulled", result))


__all__ = ["pull", "push"]
