"""docs/cli.md, the reference of every ``concord`` command, generated from click's own objects.

Run ``python -m coding.cli.reference`` after changing a command, an option or a help text; ``--check`` only says
whether docs/cli.md is current (exit 1 if not). The code is the one source of truth: usage lines, option names,
types, defaults and help come from the same click objects that ``concord … --help`` prints.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
REGENERATE = "python -m coding.cli.reference"

# Section title -> the top-level commands it documents, in reading order. Every command is in exactly one.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Project", ("new", "demo", "info", "gui", "coders")),
    ("Import, documents and cases", ("import", "documents", "document-info", "export-original", "media", "document",
                                     "metadata-to-attributes", "cases", "case", "attribute", "groups")),
    ("Coding and memos", ("codebook", "code", "uncode", "autocode", "dictionary", "machine", "memo", "journal")),
    ("Agreement and consensus", ("agreement", "consensus")),
    ("Analysis and export", ("segments", "search", "words", "frequencies", "cooccurrence", "matrix",
                             "cell-summary", "crosstab", "content", "chart", "export")),
    ("Exchange with other programs", ("refi",)),
    ("Team", ("assign", "done", "copies", "merge", "team")),
    ("Server", ("server",)),
    ("Maintenance", ("backup", "check", "audit")),
)


@dataclass(frozen=True)
class Entry:
    """One command of the tree with the click context that names it (``ctx.command_path``)."""

    ctx: click.Context
    command: click.Command


def walk(command: click.Command, ctx: click.Context, *, hidden: bool = False) -> Iterator[Entry]:
    """The command and every subcommand below it (hidden ones too if asked), depth first, in ``list_commands``
    order. Loads lazily registered commands; a name that does not load is an error, not a gap in the docs."""
    yield Entry(ctx, command)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None:
                raise click.ClickException(f"{ctx.command_path} {name} does not load")
            if hidden or not sub.hidden:
                yield from walk(sub, click.Context(sub, info_name=name, parent=ctx), hidden=hidden)


def root_context() -> tuple[click.Command, click.Context]:
    from coding.cli import cli

    return cli, click.Context(cli, info_name="concord")


def missing_help(root: click.Command, ctx: click.Context) -> list[str]:
    """Every command (hidden ones too) without help text and every visible option without a help string."""
    missing: list[str] = []
    for entry in walk(root, ctx, hidden=True):
        path = entry.ctx.command_path
        if not (entry.command.help or entry.command.short_help):
            missing.append(f"{path} has no help")
        for param in entry.command.params:
            if isinstance(param, click.Option) and not param.hidden and not param.help:
                missing.append(f"{path} {'/'.join(param.opts)} has no help")
    return missing


def one_line_help(command: click.Command) -> str:
    """The first paragraph of the help (before click's ``\\f`` cut), on one line."""
    text = inspect.cleandoc((command.help or command.short_help or "").split("\f")[0])
    return " ".join(text.split("\n\n")[0].replace("\b", "").split())


def _options(entry: Entry) -> list[str]:
    """One line per option as ``--help`` shows it (names, metavar, help, default), ``--help`` itself left out."""
    lines: list[str] = []
    for param in entry.command.get_params(entry.ctx):
        record = param.get_help_record(entry.ctx)
        if record is None or "--help" in param.opts:
            continue
        names, text = record
        lines.append(f"- `{names}`" + (f": {' '.join(text.split())}" if text else ""))
    return [*lines, ""] if lines else []


def _section(entry: Entry, depth: int) -> list[str]:
    ctx, command = entry.ctx, entry.command
    usage = " ".join([ctx.command_path, *command.collect_usage_pieces(ctx)])
    lines = [f"{'#' * (2 + depth)} `{ctx.command_path}`", "", one_line_help(command), "", f"    {usage}", "",
             *_options(entry)]
    if isinstance(command, click.Group):
        shown = [name for name in command.list_commands(ctx)
                 if not getattr(command.get_command(ctx, name), "hidden", True)]
        lines += [f"Subcommands: {', '.join(f'`{name}`' for name in shown)}.", ""]
    return lines


def _anchor(command_path: str) -> str:
    """GitHub's anchor of a ``### `concord …` `` heading."""
    return "#" + command_path.replace(" ", "-")


def _contents() -> list[str]:
    return [f"- {title}: " + ", ".join(f"[`{name}`]({_anchor('concord ' + name)})" for name in names)
            for title, names in SECTIONS]


def unsectioned(root: click.Command, ctx: click.Context,
                sections: tuple[tuple[str, tuple[str, ...]], ...] = SECTIONS) -> list[str]:
    """Top-level commands that no section lists, and section entries that are not commands."""
    assert isinstance(root, click.Group)
    listed = [name for _, names in sections for name in names]
    commands = root.list_commands(ctx)
    problems = [f"`concord {name}` is in no section of SECTIONS" for name in commands if name not in listed]
    problems += [f"SECTIONS lists `{name}`, which is no command" for name in listed if name not in commands]
    problems += [f"SECTIONS lists `{name}` twice" for name in sorted(set(listed)) if listed.count(name) > 1]
    return problems


def render() -> str:
    """docs/cli.md as the commands define it now."""
    root, ctx = root_context()
    assert isinstance(root, click.Group)
    problems = unsectioned(root, ctx)
    if problems:
        raise click.ClickException(f"coding/cli/reference.py: {'; '.join(problems)}")
    lines = [
        "# Command reference",
        "",
        f"<!-- Generated by `{REGENERATE}` from the commands themselves; do not edit by hand. -->",
        "",
        "Every command takes `--json` for machine-readable output and `-h`/`--help` for its full help. Exit status:",
        "0 success, 2 usage error, 1 failure with one `Error: …` line on stderr.",
        "",
        one_line_help(root),
        "",
        f"    {' '.join(['concord', *root.collect_usage_pieces(ctx)])}",
        "",
        *_options(Entry(ctx, root)),
        "Commands by section:",
        "",
        *_contents(),
        "",
    ]
    for title, names in SECTIONS:
        lines += [f"## {title}", ""]
        for name in names:
            command = root.get_command(ctx, name)
            assert command is not None  # unsectioned() has checked
            for entry in walk(command, click.Context(command, info_name=name, parent=ctx)):
                lines += _section(entry, entry.ctx.command_path.count(" "))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write docs/cli.md from the concord commands.")
    parser.add_argument("--check", action="store_true", help="Only check that docs/cli.md is current.")
    args = parser.parse_args(argv)
    try:
        text = render()
    except click.ClickException as exc:  # a command in no section: say which, no traceback
        print(f"Error: {exc.format_message()}", file=sys.stderr)
        return 1
    current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
    if args.check:
        if current != text:
            print(f"{DOCS_PATH} is out of date: run `{REGENERATE}`", file=sys.stderr)
            return 1
        return 0
    if current != text:
        DOCS_PATH.write_text(text, encoding="utf-8")
        print(f"Wrote {DOCS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
