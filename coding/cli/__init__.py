"""The ``concord`` command line: a thin shell over the ``coding`` library.

Every command takes ``--json``. Exit codes: 0 success, 2 usage error (click), 1 failure with one
``Error: …`` line on stderr. Feature areas register their own command modules (agreement, refi, …).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from coding.cli.common import CONTEXT_SETTINGS, ConcordGroup, emit, json_option, open_project
from coding.errors import ConcordError

# Feature command modules: (module, attribute). Each is a click command or group.
FEATURE_COMMANDS = [
    ("coding.cli.core", "core_commands"),
    ("coding.cli.agreement", "agreement"),
    ("coding.cli.analysis", "analysis_commands"),
    ("coding.cli.refi", "refi"),
]


@click.group(cls=ConcordGroup, context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@click.version_option(package_name="concord-qda", prog_name="concord")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Concord: code interview transcripts with several coders, compare them, export for the paper.

    Run without a command to open the desktop app.
    """
    if ctx.invoked_subcommand is None:
        from coding.cli.core import launch_gui

        ctx.exit(launch_gui(None))


def _register() -> None:
    for module_name, attribute in FEATURE_COMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # that feature is not built in this version
                continue
            raise
        commands = getattr(module, attribute)
        for command in commands if isinstance(commands, list) else [commands]:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="concord")


__all__ = ["cli", "main", "emit", "json_option", "open_project", "ConcordError", "Path"]
