"""Import files and folders: read → normalise → analyse → store, one transaction per file.

One bad file is reported and the batch goes on; a cancelled run keeps the files already finished.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from sqlalchemy.orm import Session

from coding.audit import record_document_import
from coding.errors import ConcordError, DuplicateError, ImportFileError
from coding.importing.analyse import analyse_text
from coding.importing.normalise import normalise_text
from coding.importing.options import SUPPORTED_SUFFIXES, ImportOptions, raise_hint
from coding.importing.read import read_source
from coding.importing.store import attach_to_case, duplicate_of, store_document, text_sha256
from coding.importing.tasks import PENDING, ImportReport, ImportTask
from coding.importing.turns import compile_turn_pattern, detect_turns
from coding.names import clean_name
from coding.progress import Cancel, Progress
from coding.project import Project, default_actor
from models import Document

log = logging.getLogger(__name__)



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
    options.validate()  # a bad encoding name or limit is the caller's error, not every file's
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
    """A task per file given and per importable file inside each folder given (sorted).

    Symbolic links inside folders are not followed (each is reported as skipped): a link may point
    anywhere, and a folder may come from someone else. A link named directly is the caller's choice: it
    is imported when it points to a regular file (the report names the target) and refused otherwise.
    """
    tasks: list[ImportTask] = []
    for given in paths:
        path = Path(given)
        if path.is_symlink():
            tasks.append(_linked_file_task(path))
        elif path.is_dir():
            tasks.extend(_folder_tasks(path, recursive))
        else:
            tasks.append(ImportTask(path))  # missing or unsupported files fail with their reason
    return tasks


def _linked_file_task(link: Path) -> ImportTask:
    task = ImportTask(link)
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or a loop
        task.mark_failed(f"{link}: symbolic link to a file that does not exist")
        return task
    if target.is_file():  # a regular file, not a folder, device or pipe
        task.note = f"symbolic link to {target}"
    elif target.is_dir():
        task.mark_failed(f"{link}: symbolic link to a folder; not followed (name the folder itself: {target})")
    else:
        task.mark_failed(f"{link}: symbolic link to {target}, which is not a regular file")
    return task


def _folder_tasks(folder: Path, recursive: bool) -> list[ImportTask]:
    unreadable: list[ImportTask] = []
    tasks: list[ImportTask] = []
    for path in sorted(_folder_entries(folder, recursive, unreadable)):
        importable = path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("~$")  # ~$: Word lock
        if path.is_symlink() and (importable or (recursive and path.is_dir())):
            task = ImportTask(path)
            task.mark_skipped(f"{path}: skipped: symbolic link (links inside folders are not followed)")
            tasks.append(task)
        elif importable and not path.is_symlink() and path.is_file():
            tasks.append(ImportTask(path))
    if not any(task.status == PENDING for task in tasks) and not unreadable:
        task = ImportTask(folder)
        task.mark_failed(f"{folder}: no {', '.join(SUPPORTED_SUFFIXES)} files in this folder")
        tasks.append(task)
    return unreadable + tasks


def _folder_entries(folder: Path, recursive: bool, unreadable: list[ImportTask]) -> Iterator[Path]:
    """Everything in ``folder`` but hidden entries, and in its sub-folders if ``recursive``; links not followed."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        task = ImportTask(folder)
        task.mark_failed(f"{folder}: cannot read the folder ({exc.strerror or exc})")
        unreadable.append(task)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if recursive and entry.is_dir(follow_symlinks=False):
            yield from _folder_entries(Path(entry.path), recursive, unreadable)
        else:
            yield Path(entry.path)


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
    options.validate()
    source = read_source(path, options)
    text = normalise_text(source.text)
    if not text:
        raise ImportFileError(path, "no text to import (the file holds only blank lines)")
    refuse_too_many_turns(path, text, options)  # before spaCy, the slow stage
    digest = text_sha256(text)  # of the text, not the bytes: other line ends or encoding make no new document
    with _scope(target) as session:
        _refuse_duplicate(session, path, digest)
    analysis = analyse_text(
        text, language=options.language, turn_pattern=options.turn_pattern, zh_threshold=options.zh_threshold
    )
    with _scope(target) as session:
        _refuse_duplicate(session, path, digest)  # a file imported meanwhile
        document = store_document(
            session,
            name=path.stem,
            text=text,
            source_name=path.name,
            format=source.format,
            encoding=source.encoding,
            sha256=digest,
            analysis=analysis,
        )
        actor = target.actor if isinstance(target, Project) else default_actor()
        record_document_import(session, document, actor=actor)
        if case is not None:
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


def refuse_too_many_turns(path: Path, text: str, options: ImportOptions) -> None:
    """Millions of one-line "turns" (a generated or damaged file) would take minutes and gigabytes to store."""
    turns = len(detect_turns(text, options.turn_pattern))
    if turns > options.max_turns:
        raise ImportFileError(
            path, f"{turns:,} speaker turns, over the limit of {options.max_turns:,} ({raise_hint('max_turns')})"
        )


__all__ = ["Cancel", "Progress", "collect_tasks", "import_file", "import_paths", "run_task"]
