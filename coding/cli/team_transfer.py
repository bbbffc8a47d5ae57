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

from coding.cli.common import (
    CONTEXT_SETTINGS,
    PROJECT_LOCATION,
    ConcordClickError,
    emit,
    file_project_argument,
    json_option,
)
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.progress import Progress
    from coding.team.transfer import TransferResult


def _server_url(value: Path | URL) -> URL:
    if not isinstance(value, URL):
        raise ConcordClickError(translate(
            "CLI", "{value}: not a database URL; expected postgresql+psycopg://user@host:port/database").format(
            value=value))
    return value


def _summary(headline: str, result: TransferResult) -> str:
    """``headline`` is the translated first line's template (pushed or pulled), filled here with the counts."""
    facts = result.facts
    lines = [headline.format(
        source=result.source, target=result.target, revision=result.revision, tables=len(result.rows),
        rows=f"{result.total_rows:,}", documents=f"{facts.get('documents', 0):,}", codes=f"{facts.get('codes', 0):,}",
        coders=f"{facts.get('coders', 0):,}", codings=f"{facts.get('codings', 0):,}")]
    if result.upgraded_from:
        lines.append(translate("CLI", "The file's schema {revision} was upgraded in a temporary copy; the file is "
                                      "unchanged").format(revision=result.upgraded_from))
    if result.created_database:
        lines.append(translate("CLI", "Created the database"))
    if result.roles:
        lines.append(translate("CLI", "Set up the server's roles and policies on it"))
    if result.audit_head:
        lines.append(translate("CLI", "Audit chain head on the server: {head}").format(head=result.audit_head))
    return "\n".join(lines)


def _progress() -> Progress | None:
    """Which table is being copied, on a terminal's stderr (a large project takes minutes)."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, what: str) -> None:
        copying = "" if done == total else translate("CLI", " — copying {table}").format(table=what)
        click.echo("\r" + translate("CLI", "{done}/{total} tables").format(done=done, total=total) + copying
                   + "\x1b[K", err=True, nl=done == total)

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
    emit(as_json, data, _summary(translate(
        "CLI", "Pushed {source} to {target} (schema {revision}): {tables} tables, {rows} rows — {documents} documents, "
        "{codes} codes, {coders} coders, {codings} codings"), result))


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
    emit(as_json, result.to_dict(), _summary(translate(
        "CLI", "Pulled {source} to {target} (schema {revision}): {tables} tables, {rows} rows — {documents} documents, "
        "{codes} codes, {coders} coders, {codings} codings"), result))


__all__ = ["pull", "push"]
