"""What every ``concord`` command shares: error handling, ``--json`` output, opening a project, the options and
arguments several commands take (defined once here), and the routing that keeps old command lines working."""

from __future__ import annotations

import functools
import json
import os
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy import URL
from sqlalchemy.exc import DBAPIError

from coding.errors import ConcordError, DatabaseError, ValidationError
from coding.i18n import translate
from coding.project import Project, database_error, hide_passwords, project_location
from coding.versions import retried
from models.store import committed_writes, is_transient

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 110}
# The old one-command spellings took their options anywhere among the positional words.
OLD_FORM_SETTINGS: dict[str, Any] = {**CONTEXT_SETTINGS, "allow_interspersed_args": True}
OLD_FORM = "old-form"  # name of the hidden subcommand that takes a group's old one-command spelling
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class ConcordClickError(click.ClickException):
    """A user's error as one line on stderr and exit status 1, its "Error:" in the CLI's language (click's own
    prefix is English whatever ``--lang`` says)."""

    def show(self, file: Any = None) -> None:
        click.echo(translate("CLI", "Error: {message}").format(message=self.format_message()), file=file, err=True)


class ConcordGroup(click.Group):
    """Turns a ConcordError anywhere below into one ``Error: …`` line and exit status 1, and runs each command
    added to it as one unit of work that a server's collision retries (:func:`retry_collisions`)."""

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        retry_collisions(cmd)
        super().add_command(cmd, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # click echoes the arguments: a database URL's password among them
            exc.message = hide_passwords(exc.message)
            raise
        except ConcordError as exc:
            raise ConcordClickError(str(exc)) from exc
        except DBAPIError as exc:
            translated = database_error(exc, None)
            if translated is None:
                raise  # anything else is a bug and keeps its traceback
            raise ConcordClickError(str(translated)) from exc


class ProjectFirstGroup(ConcordGroup):
    """A group that takes ``NAME PROJECT subcommand …`` as ``NAME subcommand PROJECT …``: both spellings work
    (``concord dictionary study.concord list`` reads as naturally as ``concord dictionary list study.concord``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order they were written, as the help lists them

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if len(args) >= 2 and args[0] not in self.commands and args[1] in self.commands:
            args = [args[1], args[0], *args[2:]]
        return super().parse_args(ctx, args)


# -- collisions on a server -----------------------------------------------------------------------------
_RETRIES = "concord_retries_collisions"  # marks a callback already wrapped


def retry_collisions(command: click.Command) -> None:
    """Make ``command`` (each command of a group) run again from the start when PostgreSQL aborts one of its
    transactions for a serialisation failure or deadlock, as the GUI's steps do. Commands write through
    ``project.session()`` in their own way, so the command as a whole is the unit retried."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            retry_collisions(subcommand)
        return
    callback = command.callback
    if callback is None or getattr(callback, _RETRIES, False):
        return

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        return rerun_on_collision(lambda: callback(*args, **kwargs), kwargs.get("project"))

    setattr(run, _RETRIES, True)
    command.callback = run


def rerun_on_collision(work: Callable[[], T], project: object = None) -> T:
    """``work()``, from the start again while the server aborts a transaction of it for a collision
    (``models.store.retry_transient``: a few times, with backoff) — but only while none of its transactions has
    committed a write, so nothing is done twice. A collision after part of the work was saved, or one that
    outlasts the retries, is one ``DatabaseError`` (``project``, a path or URL, names where)."""
    where = f"{project}: " if project is not None else ""  # a URL's str() masks its password

    def attempt() -> T:
        saved_before = committed_writes()
        try:
            return work()
        except DBAPIError as exc:
            if is_transient(exc) and committed_writes() != saved_before:
                raise DatabaseError(translate(
                    "errors", "{where}another writer collided with this command after part of it was saved; the rest "
                    "was not saved — check the project and finish it again").format(where=where)) from exc
            raise

    return retried(attempt, where, translate("errors", "this command"))


# -- old spellings ------------------------------------------------------------------------------------


class SubcommandGroup(ConcordGroup):
    """A group of subcommands (``concord agreement compare PROJECT …``) whose old one-command spelling
    (``concord agreement PROJECT --list``, ``concord cases PROJECT add NAME``) still works: arguments that do
    not start with a subcommand's name go to the hidden ``old-form`` subcommand, which takes them as before."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order they are defined: the order a reader meets them in

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [OLD_FORM, *args]
        return super().parse_args(ctx, args)


class _OldFormContext(click.Context):
    """Names the old spelling in usage and error lines as it was typed: ``concord cases``, not ``… old-form``."""

    @property
    def command_path(self) -> str:
        return self.parent.command_path if self.parent is not None else super().command_path


class OldFormCommand(click.Command):
    context_class = _OldFormContext


def old_form(group: click.Group, help_text: str) -> Callable[[Callable[..., Any]], click.Command]:
    """Register the hidden subcommand that takes ``group``'s old spelling."""
    return group.command(OLD_FORM, cls=OldFormCommand, hidden=True, context_settings=OLD_FORM_SETTINGS,
                         help=help_text)


def note_new_spelling(old: str, new: str) -> None:
    """Say once on stderr, after an old spelling succeeded, how it is spelt now. Not with ``--json`` (its output
    stays exactly as before) and not on failure (a failure is one ``Error:`` line)."""
    if not click.get_current_context().params.get("as_json"):
        click.echo(translate("CLI", "`concord {old}` is now `concord {new}`").format(old=old, new=new), err=True)


def expect_words(action: str, args: Sequence[str], names: list[str], variadic: bool = False) -> None:
    """Check the positional words after an old-spelling action; a wrong count is a usage error (exit 2)."""
    if len(args) < len(names) or (not variadic and len(args) > len(names)):
        raise click.UsageError(f"'{action}' takes {' '.join(n.upper() for n in names)}{' ...' if variadic else ''}")


# -- options and arguments several commands share -------------------------------------------------------


def option_group(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several option decorators as one, applied as if stacked in the order listed (so that a command and its
    twin, or a new subcommand and its old spelling, declare a set of options once)."""
    def apply(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func
    return apply


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")(func)


def paper_option(func: F) -> F:
    """``--paper a4|letter`` for Word output; unset, the locale's (Letter in the US, Canada, Mexico …)."""
    return click.option("--paper", type=click.Choice(["a4", "letter"], case_sensitive=False), default=None,
                        help="Paper size of the Word file (default: from the locale, Letter for US/CA/MX/PH…, "
                             "else A4).")(func)


class ProjectLocationType(click.ParamType["Path | URL"]):
    """A project file's path, or a database URL (``postgresql+psycopg://user@host:5432/study``), parsed to a
    SQLAlchemy ``URL`` whose ``str()`` masks the password, so no message can show it. Paths keep click's checks."""

    name = "project"
    _file = click.Path(dir_okay=False, path_type=Path)

    def __init__(self, files_only: str = "") -> None:
        self.files_only = files_only  # why a command cannot take a URL (empty: it can)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | URL:
        if isinstance(value, (Path, URL)):
            return value
        try:
            location = project_location(str(value))
        except ConcordError as exc:
            raise ConcordClickError(str(exc)) from None  # one "Error:" line and exit 1, like any bad project
        if isinstance(location, URL) and self.files_only:
            raise ConcordClickError(f"{location}: {self.files_only}")
        if isinstance(location, URL):
            return location
        return Path(os.fsdecode(self._file.convert(value, param, ctx)))


PROJECT_LOCATION = ProjectLocationType()


def project_argument(func: F) -> F:
    return click.argument("project", type=PROJECT_LOCATION)(func)


def file_project_argument(why: str) -> Callable[[F], F]:
    """The project argument of a command that works on a project file only; a URL gets ``why`` in one line."""
    return click.argument("project", type=ProjectLocationType(files_only=why))


def out_option(suffixes: str, required: bool = False, help_text: str | None = None) -> Callable[[F], F]:
    """``--out FILE``; the file's suffix chooses the format (coding.export decides, not the CLI)."""
    return click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=required,
                        help=help_text or f"Write to this file ({suffixes}).")


def force_option(func: F) -> F:
    return click.option("--force", is_flag=True, help="Overwrite the file if it exists.")(func)


def coder_option(help_text: str, required: bool = False) -> Callable[[F], F]:
    """``--coder NAME``: the one coder a command acts as or for (what for, the help says)."""
    return click.option("--coder", required=required, help=help_text)


def rollup_option(func: F) -> F:
    return click.option("--rollup/--no-rollup", default=True, show_default=True,
                        help="A code counts the codings of the codes below it too.")(func)


def description_option(what: str) -> Callable[[F], F]:
    return click.option("--description", default="", help=f"Description of the {what} being added.")


def filter_options(func: F) -> F:
    """Which codings count: coders or the consensus, cases, documents, groups, attribute values."""
    options = [
        click.option("--coder", "coders", multiple=True, help="Only this coder's codings (repeatable)."),
        click.option("--consensus", is_flag=True, default=None, help="Only the consensus coder's codings."),
        click.option("--all-coders", is_flag=True,
                     help="Every coder's codings, pooled: a passage several coders coded counts once."),
        click.option("--per-coder", is_flag=True,
                     help="Count each coder's codings apart (a passage two coders coded counts twice); "
                          "with no --coder, every coder."),
        where_option("Only cases with this attribute value, e.g. \"role=Doctor\" (or role!=Doctor); repeat for "
                     "several (same attribute: either value; different attributes: both)."),
        click.option("--case", "cases", multiple=True, help="Only this case's documents (repeatable)."),
        click.option("--group", "groups", multiple=True, help="Only documents of this document group (repeatable)."),
        document_option,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def where_option(help_text: str = "Only documents of such cases.") -> Callable[[F], F]:
    return click.option("--where", "where", multiple=True, metavar="ATTRIBUTE=VALUE", help=help_text)


def document_option(func: F) -> F:
    return click.option("--document", "documents", multiple=True, help="Only this document (repeatable).")(func)


def coders_option(help_text: str = "Coders to compare, comma-separated (A,B …).",
                  required: bool = False) -> Callable[[F], F]:
    """``--coders A,B`` (or repeated): the coders a comparison is between."""
    return click.option("--coders", multiple=True, required=required, help=help_text)


def split_names(values: Sequence[str]) -> tuple[str, ...]:
    """Comma-separated and/or repeated option values, trimmed."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def parse_tolerance(text: str) -> float:
    """A percentage from 0 to 100 (``80`` or ``80%``)."""
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise ValidationError(translate(
            "errors", "tolerance must be a percentage from 0 to 100, not '{text}'").format(text=text)) from None
    if not 0 <= value <= 100:
        raise ValidationError(translate(
            "errors", "tolerance must be a percentage from 0 to 100, not {value:g}").format(value=value))
    return value


# -- running a command ----------------------------------------------------------------------------------


@contextmanager
def open_project(path: Path | URL, *, writes: bool = True) -> Iterator[Project]:
    """Open for a command. A command that only reads (``writes=False``) still works, read-only, while
    another process writes to the project or its folder cannot be written; a writing command is refused
    up front, naming who holds the project. ``path`` may be a database URL (see ``project_argument``)."""
    project = Project.open(path) if writes else Project.open_for_reading(path)
    try:
        if project.upgraded_from:
            backup = translate("CLI", "backup at {path}").format(path=project.backup_path) if project.backup_path \
                else translate("CLI", "in one transaction, no backup")
            click.echo(translate("CLI", "Upgraded {project} from schema {schema}; {backup}").format(
                project=project.location, schema=project.upgraded_from, backup=backup), err=True)
        if project.cleared_stale:
            click.echo(translate("CLI", "Cleared a stale lock on {project} left by {holder}").format(
                project=path, holder=project.cleared_stale.describe()), err=True)
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


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def padded(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns (``str.ljust`` counts a Chinese character as one)."""
    return text + " " * max(width - display_width(text), 0)


def text_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Rows under a header in columns two spaces apart, aligned by terminal width, trailing spaces trimmed."""
    cells = [[str(cell) for cell in row] for row in [header, *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]
    return "\n".join("  ".join(padded(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in cells)


def fail(message: str) -> None:
    raise ConcordClickError(message)
