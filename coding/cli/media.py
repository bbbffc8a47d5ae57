"""``concord media``: the recordings transcripts were made from (coding.media) — link, unlink, list.

    concord media PROJECT link DOCUMENT FILE [--offset-ms N] | unlink DOCUMENT | list [--json]

``concord document-info`` shows a document's recording (through :func:`media_facts` and :func:`media_lines`);
``concord import --link-media`` links the same-named recording beside each transcript it imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from coding.cli.common import CONTEXT_SETTINGS, ProjectFirstGroup, emit, json_option, open_project, project_argument
from coding.i18n import translate


@click.group(cls=ProjectFirstGroup, context_settings=CONTEXT_SETTINGS)
def media() -> None:
    """Recordings (audio or video) linked to transcripts: the app plays them beside the transcript, in sync with
    its timed turns. The project keeps the recording's path, not its bytes.

    PROJECT may come before the subcommand too (`media PROJECT list`).
    """


def _describe(data: dict[str, Any]) -> str:
    from coding.importing.times import format_ms

    duration = f", {format_ms(data['duration_ms'])}" if data["duration_ms"] else ""
    offset = translate("CLI", ", offset {offset} ms").format(offset=f"{data['offset_ms']:+,}") if data["offset_ms"] else ""
    missing = translate("CLI", " — FILE MISSING") if not data["exists"] else ""
    return f"{data['path']} ({data['media_type']}{duration}{offset}){missing}"


@media.command("link", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("document")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--offset-ms", type=int, default=0, show_default=True,
              help="Where the transcript's 00:00:00 is in the recording, in milliseconds.")
@json_option
def link_command(project: Path, document: str, file: Path, offset_ms: int, as_json: bool) -> None:
    """Link the recording FILE (.wav, .mp3, .m4a, .mp4, .webm …) to DOCUMENT, replacing any link it had."""
    from coding.documents import find_document
    from coding.media import LinkRecordingEdit, inspect_recording, recording_link

    recording = inspect_recording(file, offset_ms)
    with open_project(project) as opened, opened.session() as session:
        found = find_document(session, document)
        LinkRecordingEdit(found.uuid, recording).do(session, opened.actor)
        link = recording_link(session, found.id)
    assert link is not None
    data = link.to_dict()
    emit(as_json, data, translate("CLI", "Linked {document} to {recording}.").format(
        document=found.name, recording=_describe(data)))


@media.command("unlink", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("document")
@json_option
def unlink_command(project: Path, document: str, as_json: bool) -> None:
    """Take DOCUMENT's recording link away (the file itself is left alone)."""
    from coding.documents import find_document
    from coding.media import UnlinkRecordingEdit

    with open_project(project) as opened, opened.session() as session:
        found = find_document(session, document)
        edit = UnlinkRecordingEdit(found.uuid)
        edit.do(session, opened.actor)
    assert edit.before is not None
    emit(as_json, {"document": found.name, "unlinked": edit.before.path},
         translate("CLI", "Unlinked {recording} from {document}.").format(recording=edit.before.path,
                                                                          document=found.name))


@media.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """Every linked recording, by document (a recording moved or deleted since is marked missing)."""
    from coding.media import recording_links

    with open_project(project, writes=False) as opened, opened.session() as session:
        links = [link.to_dict() for link in recording_links(session)]
    emit(as_json, links,
         lambda: "\n".join(f"{item['document']}: {_describe(item)}" for item in links)
         or translate("CLI", "No linked recordings."))


def media_facts(session: Session, document_id: int) -> dict[str, Any]:
    """The document's recording for ``document-info`` (None when none is linked)."""
    from coding.media import recording_link

    link = recording_link(session, document_id)
    return {"recording": link.to_dict() if link is not None else None}


def media_lines(data: dict[str, Any]) -> list[str]:
    recording = data.get("recording")
    if not recording:
        return ["  " + translate("CLI", "Recording: none linked.")]
    return ["  " + translate("CLI", "Recording: {recording}.").format(recording=_describe(recording))]


__all__ = ["media", "media_facts", "media_lines"]
