"""Import files and folders: read → normalise → analyse → store, one transaction per file.

One bad file is reported and the batch goes on; a cancelled run keeps the files already finished.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from sqlalchemy.orm import Session

from coding.errors import ConcordError, DuplicateError, ImportFileError
from coding.importing.analyse import analyse_text
from coding.importing.normalise import normalise_text
from coding.importing.options import SUPPORTED_SUFFIXES, ImportOptions
from coding.importing.read import read_source
from coding.importing.store import attach_to_case, duplicate_of, store_document
from coding.importing.tasks import PENDING, ImportReport, ImportTask
from coding.importing.turns import compile_turn_pattern
from coding.names import clean_name
from coding.project import Project, default_actor
from models import Document

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]  # (files done, files in all, file being imported)
Cancel = Callable[[], bool]


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    case: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    options: ImportOptions | None = None,
) -> ImportReport:
    """Import files, and the .docx/.txt/.md files inside folders; every file ends imported, skipped or failed.

    Each file is committed on its own, so call this outside any open ``project.session()`` scope.
    """
    options = options or ImportOptions()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    compile_turn_pattern(options.turn_pattern)  # a bad pattern is the caller's error, not every file's
    if case is not None:
        clean_name(case, "case name")  # a bad name is the caller's error, not every file's
    report = ImportReport(collect_tasks(paths, recursive=options.recursive), case=case)
    total, finished = len(report.items), 0
    for task in report.items:
        if task.status == PENDING:
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(finished, total, str(task.path))
            run_task(project, task, case=case, options=options)
        finished += 1
    for task in report.items[finished:]:
        if task.status == PENDING:
            task.mark_skipped(f"{task.path}: not imported (import cancelled)")
    if progress is not None:
        progress(finished, total, "")
    return report


def collect_tasks(paths: Iterable[str | Path], *, recursive: bool = False) -> list[ImportTask]:
    """A task per file given and per importable file inside each folder given (sorted)."""
    tasks: list[ImportTask] = []
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            tasks.append(ImportTask(path))  # missing or unsupported files fail with their reason
            continue
        found = sorted(_importable_files(path, recursive))
        if not found:
            task = ImportTask(path)
            kinds = ", ".join(SUPPORTED_SUFFIXES)
            task.mark_failed(f"{path}: no {kinds} files in this folder")
            tasks.append(task)
        tasks.extend(ImportTask(file) for file in found)
    return tasks


def _importable_files(folder: Path, recursive: bool) -> Iterator[Path]:
    candidates = folder.rglob("*") if recursive else folder.iterdir()
    for path in candidates:
        hidden = any(part.startswith(".") for part in path.relative_to(folder).parts)
        word_lock_file = path.name.startswith("~$")
        if path.suffix.lower() in SUPPORTED_SUFFIXES and path.is_file() and not hidden and not word_lock_file:
            yield path


def run_task(project: Project, task: ImportTask, *, case: str | None, options: ImportOptions) -> None:
    """Import one file into its own transaction and record the outcome on the task; never raises ConcordError."""
    try:
        task.mark_imported(import_file(project, task.path, options, case=case))
    except DuplicateError as exc:
        task.mark_skipped(_starting_with_path(task.path, str(exc)))
    except ConcordError as exc:
        task.mark_failed(_starting_with_path(task.path, str(exc)))
    except Exception as exc:  # a bug must not cost the user the rest of the batch; the log keeps the traceback
        log.exception("importing %s failed", task.path)
        task.mark_failed(f"{task.path}: unexpected error ({exc.__class__.__name__}: {exc})")


def import_file(
    target: Project | Session,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    case: str | None = None,
) -> Document:
    """Import one file and return its document; raises ImportFileError, or DuplicateError for known content.

    With a Project, the file is written in a transaction of its own; with a Session, in the caller's.
    Reading and segmenting happen outside the write transaction so it stays short.
    """
    path = Path(path)
    options = options or ImportOptions()
    source = read_source(path, options.max_bytes)
    with _scope(target) as session:
        _refuse_duplicate(session, path, source.sha256)
    text = normalise_text(source.text)
    if not text:
        raise ImportFileError(path, "no text to import (the file holds only blank lines)")
    analysis = analyse_text(
        text, language=options.language, turn_pattern=options.turn_pattern, zh_threshold=options.zh_threshold
    )
    with _scope(target) as session:
        _refuse_duplicate(session, path, source.sha256)  # a file imported meanwhile
        document = store_document(
            session,
            name=path.stem,
            text=text,
            source_name=path.name,
            format=source.format,
            encoding=source.encoding,
            sha256=source.sha256,
            analysis=analysis,
        )
        if case is not None:
            actor = target.actor if isinstance(target, Project) else default_actor()
            attach_to_case(session, document, case, actor=actor)
    return document


def _scope(target: Project | Session) -> AbstractContextManager[Session]:
    # An import can be redone from its file, so it need not pay for an fsync per document.
    return target.session(durable=False) if isinstance(target, Project) else nullcontext(target)


def _refuse_duplicate(session: Session, path: Path, sha256: str) -> None:
    existing = duplicate_of(session, sha256)
    if existing is not None:
        raise DuplicateError(f"{path}: already imported as {existing}")


def _starting_with_path(path: Path, message: str) -> str:
    return message if message.startswith(str(path)) else f"{path}: {message}"


__all__ = ["Cancel", "Progress", "collect_tasks", "import_file", "import_paths", "run_task"]
