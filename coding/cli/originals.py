"""The original files documents were imported from: ``concord export-original`` writes one back out, and
``concord document-info`` shows what is kept (through :func:`original_facts` and :func:`original_lines`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy.orm import Session

from coding.cli.common import CONTEXT_SETTINGS, emit, force_option, json_option, open_project, project_argument
from coding.i18n import translate


@click.command("export-original", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("document")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@force_option
@json_option
def export_original(project: Path, document: str, out: Path, force: bool, as_json: bool) -> None:
    """Write the file DOCUMENT was imported from (its .docx, .pdf … byte for byte) to OUT."""
    from coding.documents import find_document
    from coding.originals import write_original

    with open_project(project, writes=False) as opened, opened.session() as session:
        found = find_document(session, document)
        info = write_original(session, found, out, overwrite=force)
    data = {"document": found.name, "out": str(out), **info.to_dict()}
    emit(as_json, data, translate("CLI", "Wrote {out}: the original {file} of {document} ({size} bytes, {type}).").format(
        out=out, file=info.filename, document=found.name, size=f"{info.size:,}", type=info.media_type))


def original_facts(session: Session, document_id: int) -> dict[str, Any]:
    """The original's facts (not its bytes) and a PDF's pages, for ``document-info``."""
    from coding.originals import document_pages, original_info

    info = original_info(session, document_id)
    return {
        "original": info.to_dict() if info is not None else None,
        "pages": [{"label": page.label, "start": page.start, "end": page.end}
                  for page in document_pages(session, document_id)],
    }


def original_lines(data: dict[str, Any]) -> list[str]:
    original = data["original"]
    if original is None:
        lines = ["  " + translate("CLI", "Original file: not kept (imported before Concord kept originals, or not "
                                        "from a file).")]
    else:
        lines = ["  " + translate("CLI", "Original file: {file} ({type}, {size} bytes, SHA-256 {sha}…); concord "
                                  "export-original writes it out.").format(
            file=original["filename"], type=original["media_type"], size=f"{original['size']:,}",
            sha=original["sha256"][:12])]
    pages = data["pages"]
    if pages:
        labels = f"{pages[0]['label']}–{pages[-1]['label']}" if len(pages) > 1 else pages[0]["label"]
        lines.append("  " + translate("CLI", "Pages: {count} (printed {labels}).").format(count=len(pages), labels=labels))
    return lines


__all__ = ["export_original", "original_facts", "original_lines"]
