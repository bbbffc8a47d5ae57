"""The ``backup`` and ``check`` commands: keeping a project file safe and sound."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from coding.cli.common import (
    ConcordClickError,
    CONTEXT_SETTINGS,
    SubcommandGroup,
    emit,
    expect_words,
    json_option,
    old_form,
    file_project_argument,
    option_group,
)
from coding.i18n import translate
from coding.said import shown

if TYPE_CHECKING:
    from coding.backup import Backup, RotationPolicy
    from coding.check import CheckReport


BACKUP_ACTIONS = ["list", "now", "restore"]
_SERVER_BACKUP = ("a project on a database server is backed up by the server (pg_dump, the lab's backups); "
                  "`concord backup` works on .concord project files")
_SERVER_CHECK = "`concord check` checks a .concord project file; a server database is checked by its server"


def _size(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def _backup_lines(project: Path, backups: list[Backup]) -> str:
    from coding.backup import backup_folder

    if not backups:
        return translate("CLI", "No backups of {project} yet (they go to {folder}).").format(
            project=project, folder=backup_folder(project))
    lines = [translate("CLI", "Backups of {project} in {folder}, newest first:").format(
        project=project, folder=backup_folder(project))]
    for number, backup in enumerate(backups, start=1):
        when = backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        lines.append(
            f"{number:>3}  {when}  {backup.reason:<14} {_size(backup.size):>9}  {_count(backup.documents)} documents, "
            f"{_count(backup.codings)} codings  {backup.name}"
        )
    return "\n".join(lines)


_keep = option_group(
    click.option("--keep-last", type=click.IntRange(min=1), default=None, help="Keep the newest N backups (default 10) …"),
    click.option("--keep-days", type=click.IntRange(min=0), default=None,
                 help="… and the newest of each of the last D days (default 14)."),
)


def _policy(keep_last: int | None, keep_days: int | None) -> RotationPolicy:
    from coding.backup import DEFAULT_KEEP_DAYS, DEFAULT_KEEP_LAST, RotationPolicy

    return RotationPolicy(DEFAULT_KEEP_LAST if keep_last is None else keep_last,
                          DEFAULT_KEEP_DAYS if keep_days is None else keep_days)


def _back_up(project: Path, if_changed: bool, policy: RotationPolicy, as_json: bool) -> None:
    from coding.backup import make_backup

    result = make_backup(project, "auto" if if_changed else "manual", policy=policy)
    if result.skipped:
        assert result.newest is not None
        text = translate("CLI", "Nothing changed since the newest backup ({backup}); no new backup written").format(
            backup=result.newest.name)
    else:
        assert result.backup is not None
        text = translate("CLI", "Backed up {project} to {path} ({size})").format(
            project=project, path=result.backup.path, size=_size(result.backup.size))
        if result.removed:
            text += translate("CLI", "; removed {count} old backup(s)").format(count=len(result.removed))
    emit(as_json, result.to_dict(), text)


def _restore(project: Path, which: str, policy: RotationPolicy, as_json: bool) -> None:
    from coding.backup import restore_backup

    restored = restore_backup(project, which, policy=policy)
    text = translate("CLI", "Restored {project} from {backup}; the state before it is kept as {safety}").format(
        project=project, backup=restored.restored.name, safety=restored.safety.name)
    if restored.upgraded_from:
        text += translate("CLI", " (the backup was upgraded from schema {schema})").format(schema=restored.upgraded_from)
    emit(as_json, restored.to_dict(), text)


def _list(project: Path, as_json: bool) -> None:
    from coding.backup import list_backups

    if not project.is_file():
        raise ConcordClickError(f"{project}: no such project file")
    backups = list_backups(project)
    emit(as_json, [dict(b.to_dict(), number=n) for n, b in enumerate(backups, start=1)],
         lambda: _backup_lines(project, backups))


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def backup() -> None:
    """Backups of the project, kept in PROJECT-backups/ beside it: list, now, restore.

    Every subcommand takes --json. The old spelling `backup PROJECT now` (list when no word follows) works too.
    """


@backup.command("list", context_settings=CONTEXT_SETTINGS)
@file_project_argument(_SERVER_BACKUP)
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """The backups of PROJECT, newest first, numbered for `backup restore`."""
    _list(project, as_json)


@backup.command("now", context_settings=CONTEXT_SETTINGS)
@file_project_argument(_SERVER_BACKUP)
@_keep
@click.option("--if-changed", is_flag=True, help="Skip the backup when nothing changed since the newest.")
@json_option
def now_command(project: Path, keep_last: int | None, keep_days: int | None, if_changed: bool,
                as_json: bool) -> None:
    """Back up PROJECT now, then drop the old backups the keep rules no longer need."""
    _back_up(project, if_changed, _policy(keep_last, keep_days), as_json)


@backup.command("restore", context_settings=CONTEXT_SETTINGS)
@file_project_argument(_SERVER_BACKUP)
@click.argument("which", metavar="BACKUP")
@_keep
@json_option
def restore_command(project: Path, which: str, keep_last: int | None, keep_days: int | None,
                    as_json: bool) -> None:
    """Restore PROJECT from BACKUP: a number from `backup list` (1 = newest) or a backup's file name.

    The current state is backed up first (reason "before-restore"), so a restore can itself be undone.
    """
    _restore(project, which, _policy(keep_last, keep_days), as_json)


@old_form(backup, "The old spelling: concord backup PROJECT [list|now|restore BACKUP].")
@file_project_argument(_SERVER_BACKUP)
@click.argument("action", type=click.Choice(BACKUP_ACTIONS), default="list")
@click.argument("args", nargs=-1)
@_keep
@click.option("--if-changed", is_flag=True, help="With 'now': skip the backup when nothing changed since the newest.")
@json_option
def old_backup(project: Path, action: str, args: tuple[str, ...], keep_last: int | None, keep_days: int | None,
               if_changed: bool, as_json: bool) -> None:
    if if_changed and action != "now":
        raise click.UsageError("--if-changed goes with 'now' only")
    policy = _policy(keep_last, keep_days)
    expect_words(action, args, ["backup"] if action == "restore" else [])
    if action == "now":
        _back_up(project, if_changed, policy, as_json)
    elif action == "restore":
        _restore(project, args[0], policy, as_json)
    else:
        _list(project, as_json)


def _report_lines(report: CheckReport, title: str) -> list[str]:
    from coding.check import CHECKS

    if report.ok:
        return [translate("CLI", "{title}: no problems found ({seconds} s)").format(
            title=title, seconds=f"{report.seconds:.1f}")]
    lines = [translate("CLI", "{title}: {count} problem(s) ({seconds} s)").format(
        title=title, count=report.total, seconds=f"{report.seconds:.1f}")]
    for check in CHECKS:
        count = report.counts.get(check, 0)
        if not count:
            continue
        listed = report.of(check)
        lines.append(f"  {check}: {count}")
        for problem in listed:
            lines.append(f"    {problem.describe()}" + ("  [repairable]" if problem.repairable else ""))
        if count > len(listed):
            lines.append("    " + translate("CLI", "… and {count} more").format(count=count - len(listed)))
    return lines


@click.command()
@file_project_argument(_SERVER_CHECK)
@click.option("--repair", is_flag=True,
              help="Back up, then fix what is safe: derived counts, orphan units, indexes. Codings are never changed.")
@click.option("--words", is_flag=True, help="Also recount every document's words (loads spaCy: slow on big projects).")
@json_option
def check(project: Path, repair: bool, words: bool, as_json: bool) -> None:
    """Check a project file: SQLite integrity, references, offsets, units, stored counts, the audit chain.

    Exits 1 when a problem is found (or, with --repair, remains).
    """
    from coding.check import check_project, repair_project

    if not repair:
        report = check_project(project, words=words)
        lines = _report_lines(report, translate("CLI", "Checked {project}").format(project=project))
        emit(as_json, report.to_dict(), lambda: "\n".join(lines + [f"  ({shown(n)})" for n in report.notes]))
        ok = report.ok
    else:
        repaired = repair_project(project, words=words)
        lines = _report_lines(repaired.before, translate("CLI", "Checked {project}").format(project=project))
        if repaired.backup is not None:
            lines.append(translate("CLI", "Backed up the project first to {path}").format(path=repaired.backup.path))
        lines += [translate("CLI", "Repaired: {action}").format(action=shown(action)) for action in repaired.actions] or [
            translate("CLI", "Nothing that --repair may fix.")]
        lines += _report_lines(repaired.after, "Now") if repaired.actions else []
        emit(as_json, repaired.to_dict(), "\n".join(lines))
        ok = repaired.ok
    if not ok:
        click.get_current_context().exit(1)


__all__ = ["backup", "check"]
