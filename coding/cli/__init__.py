"""The ``concord`` command line: a thin shell over the ``coding`` library.

Every command takes ``--json``. Exit codes: 0 success, 2 usage error (click), 1 failure with one
``Error: …`` line on stderr. Commands are imported only when used, so ``concord info`` does not pay
for numpy, matplotlib or spaCy.
"""

from __future__ import annotations

import importlib

import click

from coding.cli.common import CONTEXT_SETTINGS, ConcordGroup
from coding.i18n import ENGLISH, LANGUAGES, set_language

# command name -> module defining it (the attribute has the command's function name).
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "new": ("coding.cli.core", "new"),
    "info": ("coding.cli.core", "info"),
    "import": ("coding.cli.core", "import_"),
    "documents": ("coding.cli.core", "documents"),
    "document-info": ("coding.cli.documents", "document_info"),
    "export-original": ("coding.cli.originals", "export_original"),
    "metadata-to-attributes": ("coding.cli.documents", "metadata_to_attributes"),
    "cases": ("coding.cli.cases", "cases"),
    "document": ("coding.cli.housekeeping", "document"),
    "case": ("coding.cli.housekeeping", "case"),
    "attribute": ("coding.cli.housekeeping", "attribute"),
    "groups": ("coding.cli.groups", "groups"),
    "coders": ("coding.cli.coders", "coders"),
    "codebook": ("coding.cli.codebook", "codebook"),
    "code": ("coding.cli.core", "code"),
    "uncode": ("coding.cli.core", "uncode"),
    "demo": ("coding.cli.core", "demo"),
    "gui": ("coding.cli.core", "gui"),
    "agreement": ("coding.cli.agreement", "agreement"),
    "consensus": ("coding.cli.consensus", "consensus"),
    "segments": ("coding.cli.analysis", "segments"),
    "search": ("coding.cli.analysis", "search"),
    "words": ("coding.cli.analysis", "words"),
    "frequencies": ("coding.cli.analysis", "frequencies"),
    "cooccurrence": ("coding.cli.analysis", "cooccurrence"),
    "matrix": ("coding.cli.analysis", "matrix"),
    "cell-summary": ("coding.cli.analysis", "cell_summary"),
    "crosstab": ("coding.cli.analysis", "crosstab"),
    "content": ("coding.cli.content", "content"),
    "chart": ("coding.cli.charts", "chart"),
    "export": ("coding.cli.exports", "export"),
    "refi": ("coding.cli.refi", "refi"),
    "backup": ("coding.cli.maintenance", "backup"),
    "check": ("coding.cli.maintenance", "check"),
    "audit": ("coding.cli.audit", "audit"),
    "assign": ("coding.cli.team", "assign"),
    "done": ("coding.cli.team", "done"),
    "copies": ("coding.cli.team", "copies"),
    "merge": ("coding.cli.team", "merge"),
    "server": ("coding.cli.server", "server"),
    "team": ("coding.cli.team_server", "team"),
    "memo": ("coding.cli.memos", "memo"),
    "journal": ("coding.cli.memos", "journal"),
    "dictionary": ("coding.cli.dictionary", "dictionary"),
    "autocode": ("coding.cli.autocode", "autocode"),
    "machine": ("coding.cli.machine", "machine"),
    "media": ("coding.cli.media", "media"),
}


class LazyConcordGroup(ConcordGroup):
    """Imports a command's module when the command is asked for (listing help imports them all)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMAND_MODULES))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is not None or name not in COMMAND_MODULES:
            return command
        module_name, attribute = COMMAND_MODULES[name]
        loaded: click.Command = getattr(importlib.import_module(module_name), attribute)
        self.add_command(loaded, name)
        return loaded


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Messages, headings and exports in ``--lang``; English without it, whatever the system locale says (a
    script's output must not change with the machine it runs on). JSON keys stay English either way."""
    set_language(value or ENGLISH)
    return value


@click.group(cls=LazyConcordGroup, context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@click.version_option(package_name="concord-qda", prog_name="concord")
@click.option("--lang", "language", type=click.Choice(sorted(LANGUAGES)), default=None, is_eager=True,
              expose_value=True, callback=_set_language,
              help="Language of messages, table headings and exports (default: English).")
@click.pass_context
def cli(ctx: click.Context, language: str | None) -> None:
    """Concord: code interview transcripts with several coders, compare them, export for the paper.

    Run without a command to open the desktop app.
    """
    if ctx.invoked_subcommand is None:
        from coding.cli.core import launch_gui

        ctx.exit(launch_gui(None, language=language))


def main() -> None:
    cli(prog_name="concord")


__all__ = ["COMMAND_MODULES", "cli", "main"]
