"""The demo project: fictional interviews in seed 003's domain, coded by two demo coders.

Built from ``resources/demo`` through the same public operations a user's project goes through
(import pipeline, attribute table import, apply_code), so the demo exercises the real paths.
"""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from coding.cases import import_attribute_table
from coding.codebook import find_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.documents import find_document
from coding.errors import ConcordError, ValidationError
from coding.importing import import_paths
from coding.progress import Progress
from coding.project import Project, remove_project_files
from coding.i18n import translate

DEMO_ACTOR = "concord-demo"


def demo_resources() -> Path:
    return Path(str(importlib_resources.files("resources") / "demo"))


def default_demo_path() -> Path:
    folder = Path(user_data_dir("Concord", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "demo.concord"


def _nth_occurrence(text: str, quote: str, occurrence: int) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.find(quote, index + 1)
        if index < 0:
            break
    return index


def _apply_demo_codings(project: Project, spec: dict[str, Any]) -> int:
    applied = 0
    with project.session() as session:
        coders = {name: get_or_create_coder(session, name, actor=DEMO_ACTOR) for name in spec["coders"]}
        documents: dict[str, tuple[int, str]] = {}
        codes: dict[str, int] = {}
        for item in spec["codings"]:
            if item["document"] not in documents:
                document = find_document(session, item["document"])
                documents[item["document"]] = (document.id, document.text)
            if item["code"] not in codes:
                codes[item["code"]] = find_code(session, item["code"]).id
            document_id, text = documents[item["document"]]
            start = _nth_occurrence(text, item["quote"], item.get("occurrence", 1))
            if start < 0:
                raise ValidationError(translate(
                    "errors", "demo coding quote not found in {value}: {value2!r}").format(
                    value=item['document'], value2=item['quote'][:60]))
            apply_code(
                session, document_id=document_id, coder_id=coders[item["coder"]].id, code_id=codes[item["code"]],
                start=start, end=start + len(item["quote"]), memo=item.get("memo", ""), actor=DEMO_ACTOR,
            )
            applied += 1
    return applied


def build_demo(path: Path, progress: Progress | None = None) -> Path:
    """Build the demo project at ``path`` (which must not exist); returns the path."""
    source = demo_resources()
    project = Project.create(path, name="Concord demo: medical alliance governance interviews")
    project.actor = DEMO_ACTOR
    try:
        transcripts = sorted((source / "transcripts").iterdir())
        steps = len(transcripts) + 2  # each interview, the participants' attributes, the codings

        def imported(done: int, _total: int, _current: str) -> None:
            if progress is not None:
                progress(done, steps, "importing the interviews")

        report = import_paths(project, transcripts, progress=imported)
        if report.failed:
            raise ConcordError(translate(
                "errors", "demo transcripts failed to import: {summary}").format(summary=report.summary))
        if progress is not None:
            progress(steps - 2, steps, "adding the participants")
        with project.session() as session:
            import_attribute_table(session, source / "participants.csv", actor=DEMO_ACTOR)
        if progress is not None:
            progress(steps - 1, steps, "coding the interviews")
        spec = json.loads((source / "codings.json").read_text(encoding="utf-8"))
        _apply_demo_codings(project, spec)
    except BaseException:
        project.close()
        remove_project_files(Path(project.path or path))
        raise
    project.close()
    return Path(project.path or path)
