"""Document commands: document-info (a document's facts and metadata), metadata-to-attributes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from coding.cli.common import CONTEXT_SETTINGS, emit, json_option, open_project, project_argument, document_option
from coding.cli.originals import original_facts, original_lines
from coding.cli.media import media_facts, media_lines
from coding.i18n import translate


@click.command("document-info", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("document")
@json_option
def document_info(project: Path, document: str, as_json: bool) -> None:
    """Show a document's facts, the metadata of its opening key: value block (访谈编号：…, Date: …) and the
    times of its timed turns (subtitles, [00:12:03] transcripts)."""
    from coding.cases import document_case
    from coding.documents import find_document
    from coding.metadata import document_metadata
    from coding.importing.times import document_turn_times

    with open_project(project, writes=False) as opened, opened.session() as session:
        found = find_document(session, document)
        data = {
            "name": found.name, "uuid": found.uuid, "source": found.source_name, "format": found.format,
            "language": found.language, "words": found.word_count, "turns": found.turn_count,
            "sentences": found.sentence_count, "case": document_case(session, found.name),
            "imported_at": found.imported_at,
            "metadata": [{"key": item.key, "value": item.value} for item in document_metadata(session, found.id)],
            "turn_times": [
                {"turn": position + 1, "speaker": speaker, "start_ms": start, "end_ms": end}
                for position, speaker, start, end in document_turn_times(session, found.id)
            ],
            **original_facts(session, found.id),  # "original" and "pages" (coding/cli/originals.py)
            **media_facts(session, found.id),  # "recording" (coding/cli/media.py)
        }
    emit(as_json, data, lambda: _info_text(data))


def _info_text(data: dict[str, Any]) -> str:
    facts = translate("CLI", "{source}, {language}, {words} words, {turns} turns").format(
        source=data["source"], language=data["language"], words=f"{data['words']:,}", turns=data["turns"])
    lines = [translate("CLI", "{name}  ({facts}, case {case})").format(name=data["name"], facts=facts,
                                                                      case=data["case"] or "-")]
    lines += [f"  {item['key']}: {item['value']}" for item in data["metadata"]] or [
        "  " + translate("CLI", "No metadata.")]
    if data["turn_times"]:
        lines.append("  " + translate("CLI", "Turn times ({count} timed turns):").format(count=len(data["turn_times"])))
        lines += [f"    {_turn_time_line(item)}" for item in data["turn_times"]]
    return "\n".join(lines + original_lines(data) + media_lines(data))


def _turn_time_line(item: dict[str, Any]) -> str:
    from coding.importing.times import format_ms

    end = "" if item["end_ms"] is None else format_ms(item["end_ms"], fraction=True)
    speaker = f"  {item['speaker']}" if item["speaker"] else ""
    return translate("CLI", "turn {turn}: {start} - {end}{speaker}").format(
        turn=item["turn"], start=format_ms(item["start_ms"], fraction=True), end=end, speaker=speaker).rstrip(" -")


@click.command("metadata-to-attributes", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--keys", help="Comma-separated metadata keys to copy (default: every key).")
@document_option
@json_option
def metadata_to_attributes(project: Path, keys: str | None, documents: tuple[str, ...], as_json: bool) -> None:
    """Copy documents' metadata to their cases' attributes.

    A document without a case is put under the case of its own name (created if missing). A value the
    case already holds differently is refused, every conflict listed, and nothing changes.
    """
    from coding.metadata import metadata_to_attributes as copy_metadata

    chosen_keys = [key for key in keys.split(",") if key.strip()] if keys else None
    with open_project(project) as opened, opened.session() as session:
        transfer = copy_metadata(session, actor=opened.actor, keys=chosen_keys, documents=documents or None)
    emit(as_json, transfer.to_dict(), translate("CLI", "Metadata copied: {what}.").format(what=transfer.describe()))


__all__ = ["document_info", "metadata_to_attributes"]
