"""The ``backup`` and ``check`` commands: keeping a project file safe and sound."""

from __future__ import annotations

from pathlib import Path

import click

from coding.cli.common import emit, json_option, project_argument
from coding.cli.core import ACTION_SETTINGS, _expect

BACKUP_ACTIONS = ["list", "now", "restore"]


def _size(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def _count(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def _backup_lines(project: Path, backups: list) -> str:  # type: ignore[type-arg]
    from coding.backup import backup_folder

    if not backups:
        return f"No backups of {project} yet (they go to {backup_folder(project)})."
    lines = [f"Backups of {project} in {backup_folder(project)}, newest first:"]
    for number, backup in enumerate(backups, start=1):
        when = backup.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        lines.append(
            f"{number:>3}  {when}  {backup.reason:<14} {_size(backup.size):>9}  {_count(backup.documents)} documents, "
            f"{_count(backup.codings)} codings  {backup.name}"
        )
    return "\n".join(lines)


@click.command(context_settings=ACTION_SETTINGS)
@project_argument
@click.argument("action", type=click.Choice(BACKUP_ACTIONS), default="list")
@click.argument("args", nargs=-1)
@click.option("--keep-last", type=click.IntRange(min=1), default=None,
              help="Keep the newest N backups (default 10) …")
@click.option("--keep-days", type=click.IntRange(min=0), default=None,
              help="… and the newest of each of the last D days (default 14).")
@click.option("--if-changed", is_flag=True, help="With 'now': skip the backup when nothing changed since the newest.")
@json_option
def backup(project: Path, action: str, args: tuple[str, ...], keep_last: int | None, keep_days: int | None,
           if_changed: bool, as_json: bool) -> None:
    """Backups of the project, kept in PROJECT-backups/ beside it: list | now | restore BACKUP.

    BACKUP is a number from 'list' (1 = newest) or a backup's file name. Restoring first backs up the
    current state (reason "before-restore"), so a restore can itself be undone by restoring that.
    """
    from coding.backup import (
        DEFAULT_KEEP_DAYS,
        DEFAULT_KEEP_LAST,
        RotationPolicy,
        list_backups,
        make_backup,
        restore_backup,
    )

    if if_changed and action != "now":
        raise click.UsageError("--if-changed goes with 'now' only")
    policy = RotationPolicy(DEFAULT_KEEP_LAST if keep_last is None else keep_last,
                            DEFAULT_KEEP_DAYS if keep_days is None else keep_days)
    if action == "now":
        _expect(action, args, [])
        result = make_backup(project, "auto" if if_changed else "manual", policy=policy)
        if result.skipped:
            assert result.newest is not None
            text = f"Nothing changed since the newest backup ({result.newest.name}); no new backup written"
        else:
            assert result.backup is not None
            text = f"Backed up {project} to {result.backup.path} ({_size(result.backup.size)})"
            if result.removed:
                text += f"; removed {len(result.removed)} old backup(s)"
        emit(as_json, result.to_dict(), text)
    elif action == "restore":
        _expect(action, args, ["backup"])
        restored = restore_backup(project, args[0], policy=policy)
        text = (f"Restored {project} from {restored.restored.name}; the state before it is kept as "
                f"{restored.safety.name}")
        if restored.upgraded_from:
            text += f" (the backup was upgraded from schema {restored.upgraded_from})"
        emit(as_json, restored.to_dict(), text)
    else:
        _expect(action, args, [])
        if not project.is_file():
            raise click.ClickException(f"{project}: no such project file")
        backups = list_backups(project)
        emit(as_json, [dict(b.to_dict(), number=n) for n, b in enumerate(backups, start=1)],
             lambda: _backup_lines(project, backups))


def _report_lines(report, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    from coding.check import CHECKS

    if report.ok:
        return [f"{title}: no problems found ({report.seconds:.1f} s)"]
    lines = [f"{title}: {report.total} problem(s) ({report.seconds:.1f} s)"]
    for check in CHECKS:
        count = report.counts.get(check, 0)
        if not count:
            continue
        listed = report.of(check)
        lines.append(f"  {check}: {count}")
        for problem in listed:
            lines.append(f"    {problem.describe()}" + ("  [repairable]" if problem.repairable else ""))
        if count > len(listed):
            lines.append(f"    … and {count - len(listed)} more")
    return lines


@click.command()
@project_argument
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
        lines = _report_lines(report, f"Checked {project}")
        emit(as_json, report.to_dict(), lambda: "\n".join(lines + [f"  ({n})" for n in report.notes]))
        ok = report.ok
    else:
        repaired = repair_project(project, words=words)
        lines = _report_lines(repaired.before, f"Checked {project}")
        if repaired.backup is not None:
            lines.append(f"Backed up the project first to {repaired.backup.path}")
        lines += [f"Repaired: {action}" for action in repaired.actions] or ["Nothing that --repair may fix."]
        lines += _report_lines(repaired.after, "Now") if repaired.actions else []
        emit(as_json, repaired.to_dict(), "\n".join(lines))
        ok = repaired.ok
    if not ok:
        click.get_current_context().exit(1)


__all__ = ["backup", "check"]
