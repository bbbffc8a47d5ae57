"""``concord refi``: exchange projects and codebooks with other QDA programs (REFI-QDA)."""

from __future__ import annotations

from pathlib import Path

import click

from coding.cli.common import CONTEXT_SETTINGS, ConcordGroup, emit, json_option, open_project, project_argument, out_option, force_option
from coding.refi import Flavour, export_qdc, export_qdpx, import_qdc, import_qdpx

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.group("refi", cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def refi() -> None:
    """Exchange with NVivo, ATLAS.ti, MAXQDA, QualCoder …: REFI-QDA projects (.qdpx) and codebooks (.qdc).

    Exports are checked against the official schemas; imports report what they could not take.
    """


@refi.command("export", context_settings=CONTEXT_SETTINGS)
@project_argument
@out_option(".qdpx", required=True, help_text="The .qdpx file to write.")
@click.option(
    "--flavour",
    type=click.Choice([flavour.value for flavour in Flavour]),
    default=Flavour.STANDARD.value,
    show_default=True,
    help="standard: UTF-8, LF, positions in characters. crlf-utf16: CRLF text with a BOM and positions "
    "in UTF-16 units, what NVivo for Windows and MAXQDA read best.",
)
@force_option
@click.option(
    "--validate",
    is_flag=True,
    help="Re-read the written XML against the schema even when it is large (it always is up to 64 MB).",
)
@json_option
def export_command(project: Path, out: Path, flavour: str, force: bool, validate: bool, as_json: bool) -> None:
    """Export PROJECT as a REFI-QDA project archive (.qdpx)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        report = export_qdpx(
            session, out, flavour=Flavour(flavour), overwrite=force, validate=True if validate else None
        )
    emit(as_json, report.to_dict(), report.summary)


@refi.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("file", type=_FILE)
@out_option(".concord", required=True, help_text="The new project file (.concord) to create.")
@click.option(
    "--skip-broken",
    is_flag=True,
    help="Import what can be imported from a file that contradicts itself (unknown codes, missing texts, "
    "selections beyond the text) and list what was left out, instead of refusing it.",
)
@json_option
def import_command(file: Path, out: Path, skip_broken: bool, as_json: bool) -> None:
    """Import a REFI-QDA project archive (.qdpx) into a new project."""
    report = import_qdpx(file, out, skip_broken=skip_broken)
    emit(as_json, report.to_dict(), report.summary)


@refi.command("export-codebook", context_settings=CONTEXT_SETTINGS)
@project_argument
@out_option(".qdc", required=True, help_text="The .qdc file to write.")
@force_option
@json_option
def export_codebook_command(project: Path, out: Path, force: bool, as_json: bool) -> None:
    """Export PROJECT's codebook as a REFI-QDA codebook (.qdc)."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        report = export_qdc(session, out, overwrite=force)
    emit(as_json, report.to_dict(), report.summary)


@refi.command("import-codebook", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("file", type=_FILE)
@json_option
def import_codebook_command(project: Path, file: Path, as_json: bool) -> None:
    """Merge a REFI-QDA codebook (.qdc, or the codebook of a .qdpx) into PROJECT's codebook.

    Codes are matched by GUID, then by name under the same parent; the rest are added.
    """
    with open_project(project) as opened, opened.session() as session:
        report = import_qdc(session, file, actor=opened.actor)
    emit(as_json, report.to_dict(), report.summary)


__all__ = ["refi"]
