"""What every ``concord`` command shares: error handling, ``--json`` output, opening a project."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.exc import DBAPIError

from coding.errors import ConcordError
from coding.project import Project, database_error

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 110}
F = TypeVar("F", bound=Callable[..., Any])


class ConcordGroup(click.Group):
    """Turns a ConcordError anywhere below into one ``Error: …`` line and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConcordError as exc:
            raise click.ClickException(str(exc)) from exc
        except DBAPIError as exc:
            translated = database_error(exc, None)
            if translated is None:
                raise  # anything else is a bug and keeps its traceback
            raise click.ClickException(str(translated)) from exc


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def paper_option(func: F) -> F:
    """``--paper a4|letter`` for Word output; unset, the locale's (Letter in the US, Canada, Mexico …)."""
    return click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default=None,
                        help="Paper size of the Word file (default: from the locale, Letter for US/CA/MX/PH…, "
                             "else A4).")(func)


def project_argument(func: F) -> F:
    return click.argument("project", type=click.Path(dir_okay=False, path_type=Path))(func)


@contextmanager
def open_project(path: Path, *, writes: bool = True) -> Iterator[Project]:
    """Open for a command. A command that only reads (``writes=False``) still works, read-only, while
    another process writes to the project or its folder cannot be written; a writing command is refused
    up front, naming who holds the project."""
    project = Project.open(path) if writes else Project.open_for_reading(path)
    try:
        if project.upgraded_from:
            click.echo(
                f"Upgraded {path} from schema {project.upgraded_from}; backup at {project.backup_path}", err=True
            )
        if project.cleared_stale:
            click.echo(f"Cleared a stale lock on {path} left by {project.cleared_stale.describe()}", err=True)
        yield project
    finally:
        project.close()


def _default(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit(as_json: bool, data: Any, text: str | Callable[[], str]) -> None:
    """Print ``data`` as JSON, or the human-readable ``text``."""
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))
    else:
        click.echo(text() if callable(text) else text)


def fail(message: str) -> None:
    raise click.ClickException(message)
