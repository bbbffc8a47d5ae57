"""Import files and folders: read → normalise → check → analyse → store, one transaction per file.

One bad file is reported and the batch goes on; a cancelled run keeps the files already finished and writes
nothing of the others.

A large import runs the analyse stage (spaCy) in worker processes, one per core (``pool.py``), while this
process reads the next files ahead and stores the finished ones in the order given, so every core works and the
database has one writer; a small one runs every stage here (``pool.pool_size`` decides). Both paths store the same rows and
report the same outcome for every file.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Future
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.audit import record_document_import
from coding.errors import ConcordError, DuplicateError, ImportFileError
from coding.importing.analyse import Analysis, analyse_text
from coding.importing.normalise import normalise_text
from coding.importing.pool import (
    AHEAD_PER_WORKER,
    CHUNK_CHARS,
    CHUNK_FILES,
    HANDED_PER_WORKER,
    AnalysisOutcome,
    AnalysisPool,
    analyse_outcome,
    import_pool,
    pool_size,
    wait_for_any,
)
from coding.importing.originals import keep_source
from coding.importing.options import (
    SUPPORTED_SUFFIXES,
    ImportOptions,
    ImportPolicy,
    OnChangedText,
    OnDuplicate,
    raise_hint,
)
from coding.importing.read import SourceText, read_source
from coding.importing.store import attach_to_case, duplicate_of, normalised_text_sha256, store_document
from coding.importing.tasks import ImportReport, ImportStatus, ImportTask
from coding.importing.times import store_turn_times
from coding.importing.turns import compile_turn_pattern, detect_turns
from coding.names import clean_name
from coding.nlp import LANGUAGES
from coding.progress import Cancel, Progress
from coding.project import Project, default_actor
from models import Document
from coding.i18n import translate

log = logging.getLogger(__name__)


def import_paths(
    project: Project,
    paths: Iterable[str | Path],
    *,
    case: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    options: ImportOptions | None = None,
    policy: ImportPolicy | None = None,
    pool: AnalysisPool | None = None,
) -> ImportReport:
    """Import files, and the .docx/.txt/.md files inside folders; every file ends imported, skipped or failed.

    Each file is committed on its own, so call this outside any open ``project.session()`` scope.
    ``policy`` says what becomes of files the project already holds (default: :class:`ImportPolicy`).
    ``pool`` runs the analyse stage in the caller's (warm) worker processes; without one, a large import
    starts its own (``options.workers``, ``pool.pool_size``).
    """
    options = options or ImportOptions()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    options.validate()  # a bad encoding name or limit is the caller's error, not every file's
    compile_turn_pattern(options.turn_pattern)  # a bad pattern is the caller's error, not every file's
    if case is not None:
        clean_name(case, translate("names", "case name"))  # a bad name is the caller's error, not every file's
    report = ImportReport(collect_tasks(paths, recursive=options.recursive), case=case)
    batch = _Batch(project, report, case, options, policy or ImportPolicy(), progress, cancel)
    if pool is not None:
        finished = _import_pooled(batch, pool)
    else:
        workers = pool_size([task.path for task in report.items if task.status == ImportStatus.PENDING], options)
        finished = _import_serially(batch) if workers == 0 else _import_in_own_pool(batch, workers)
    for task in report.items[finished:]:
        if task.status == ImportStatus.PENDING:
            task.mark_skipped(f"{task.path}: not imported (import cancelled)", translate(
                "importing", "{path}: not imported (import cancelled)").format(path=task.path))
    if progress is not None:
        progress(finished, len(report.items), "")
    return report


@dataclass
class _Batch:
    """One ``import_paths`` run: what both paths need."""

    project: Project
    report: ImportReport
    case: str | None
    options: ImportOptions
    policy: ImportPolicy
    progress: Progress | None
    cancel: Cancel | None

    def next_file(self, index: int, task: ImportTask) -> bool:
        """Report progress on the file about to be imported; False (and the report says so) when cancelled."""
        if self.cancel is not None and self.cancel():
            self.report.cancelled = True
            return False
        if self.progress is not None:
            self.progress(index, len(self.report.items), str(task.path))
        return True


def _import_serially(batch: _Batch) -> int:
    """Every stage of every file here, in order; returns how many items were gone through."""
    for index, task in enumerate(batch.report.items):
        if task.status != ImportStatus.PENDING:
            continue
        if not batch.next_file(index, task):
            return index
        run_task(batch.project, task, case=batch.case, options=batch.options, policy=batch.policy)
    return len(batch.report.items)


def _import_in_own_pool(batch: _Batch, workers: int) -> int:
    language = batch.options.language
    pool = import_pool(workers, (language,) if language else LANGUAGES)
    try:
        finished = _import_pooled(batch, pool)
    except BaseException:
        pool.close(wait=False)
        raise
    pool.close(wait=not batch.report.cancelled)  # a cancel does not wait for analyses no one will store
    return finished


@dataclass
class _Ahead:
    """A file read, normalised and checked here: its refusal, or its analysis under way in a worker (``future``),
    made here ahead of its turn (``outcome``) or still to do."""

    work: FileImport
    future: Future[list[AnalysisOutcome]] | None = None  # the chunk this file went to a worker with …
    slot: int = 0  # … and its place in that chunk
    refusal: Exception | None = None
    outcome: AnalysisOutcome | None = None

    @property
    def to_analyse(self) -> bool:
        return self.future is None and self.refusal is None and self.outcome is None

    @property
    def in_worker(self) -> bool:
        return self.future is not None and not self.future.done()


def _import_pooled(batch: _Batch, pool: AnalysisPool) -> int:
    """Store here in order while workers analyse the files further ahead.

    This process reads and checks up to :data:`~coding.importing.pool.AHEAD_PER_WORKER` files per analyser
    ahead and hands the furthest ones to the workers. When it analyses too (``pool.analyse_here``), it takes the
    nearest files no worker has: the one whose turn it is, and others while that one is still in a worker, so
    neither side waits for the other. A worker still loading spaCy holds nothing up, and memory stays flat.
    Returns how many items were gone through.
    """
    items = batch.report.items
    pending = iter([i for i, task in enumerate(items) if task.status == ImportStatus.PENDING])
    ahead: deque[_Ahead] = deque()
    window = (pool.workers + 1) * AHEAD_PER_WORKER
    chunk_files, read_all = CHUNK_FILES, False
    try:
        for index, task in enumerate(items):
            if task.status != ImportStatus.PENDING:
                continue
            if not batch.next_file(index, task):
                return index
            while len(ahead) < window and not read_all:
                following = next(pending, None)
                if following is None:  # the last files: one per chunk, so no worker idles while another finishes
                    chunk_files, read_all = 1, True
                    break
                ahead.append(_prepare(batch, items[following].path))
                _hand_out(ahead, pool, chunk_files)  # as soon as there is something: an idle worker gets it now
            _analyse_while_waiting(ahead, pool, chunk_files)
            _record(task, batch.policy, lambda: _finish(ahead.popleft()))
    finally:
        for left in ahead:  # cancelled or failed: analyses no one will store
            if left.future is not None:
                left.future.cancel()
    return len(items)


def _analyse_while_waiting(ahead: deque[_Ahead], pool: AnalysisPool, chunk_files: int) -> None:
    """Keep the workers supplied until the file whose turn it is is back from its worker: analyse the nearest
    file no one has here (when this process analyses), or wait for any chunk and hand out more as each comes
    back, so no worker idles while this process waits (issue 13)."""
    first = ahead[0]
    while True:
        _hand_out(ahead, pool, chunk_files)
        if not first.in_worker:
            return  # its outcome is ready, or made here when its turn comes (_finish)
        spare = next((item for item in ahead if item.to_analyse), None) if pool.analyse_here and pool.ready else None
        if spare is None:
            wait_for_any(item.future for item in ahead if item.future is not None)
        else:
            spare.outcome = _analyse_here(spare.work)


def _prepare(batch: _Batch, path: Path) -> _Ahead:
    work = FileImport(batch.project, path, batch.options, batch.policy, batch.case)
    try:
        run_stages(work, STAGES[:3])  # read, normalise, check
    except Exception as exc:  # recorded on the file when its turn comes, as the serial path would
        return _Ahead(work, refusal=exc)
    return _Ahead(work)


def _hand_out(ahead: deque[_Ahead], pool: AnalysisPool, chunk_files: int) -> None:
    """Give the workers chunks (up to ``chunk_files`` files) of the furthest files still to analyse
    (:data:`~coding.importing.pool.HANDED_PER_WORKER` chunks each), leaving the nearest to this process; or the
    nearest first, when this process analyses nothing."""
    if pool.analyse_here:
        if not pool.ready:  # workers still loading spaCy: this process goes on alone meanwhile
            return
        candidates = list(ahead)[:0:-1]  # the furthest first; the first is this process's next file
    else:
        candidates = list(ahead)
    busy = len({id(item.future) for item in ahead if item.in_worker})
    chunk: list[_Ahead] = []
    for item in [item for item in candidates if item.to_analyse]:
        if busy >= HANDED_PER_WORKER * pool.workers or pool.broken:
            return
        chunk.append(item)
        if len(chunk) >= chunk_files or sum(len(each.work.text) for each in chunk) >= CHUNK_CHARS:
            busy += _submit(chunk, pool)
            chunk = []
    if chunk and busy < HANDED_PER_WORKER * pool.workers:
        _submit(chunk, pool)


def _submit(chunk: list[_Ahead], pool: AnalysisPool) -> bool:
    future = pool.submit([item.work.text for item in chunk], chunk[0].work.options)
    for slot, item in enumerate(chunk):
        item.future, item.slot = future, slot
    return future is not None


def _finish(ahead: _Ahead) -> Document:
    """The file's analysis (from its worker, or made here), then the store stage (which checks again, in order)."""
    work = ahead.work
    if ahead.refusal is not None:
        raise ahead.refusal
    outcome = _outcome(ahead)
    work.seconds["analyse"] = outcome.seconds
    if outcome.analysis is None:
        # The serial path checks before it analyses: a file the project came to hold meanwhile is a duplicate.
        with _scope(work.target) as session:
            _refuse_known(session, work)
        if outcome.unexpected:
            raise _WorkerBug(outcome.error)
        raise ConcordError(outcome.error)
    work.analysis = outcome.analysis
    run_stages(work, STAGES[4:])  # store
    assert work.document is not None
    return work.document


def _outcome(ahead: _Ahead) -> AnalysisOutcome:
    if ahead.outcome is not None:
        return ahead.outcome
    if ahead.future is not None:
        try:
            return ahead.future.result()[ahead.slot]
        except BrokenExecutor:  # a worker died (killed, out of memory): this process analyses the rest
            log.warning("an import worker process ended abruptly; analysing %s here", ahead.work.path)
    return _analyse_here(ahead.work)


def _analyse_here(work: FileImport) -> AnalysisOutcome:
    options = work.options
    return analyse_outcome(work.text, options.language, options.turn_pattern, options.zh_threshold)


class _WorkerBug(Exception):
    """An unexpected error in a worker (logged there): reported like one in this process."""


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
        task.mark_failed(f"{link}: symbolic link to a file that does not exist", translate(
            "importing", "{link}: symbolic link to a file that does not exist").format(link=link))
        return task
    if target.is_file():  # a regular file, not a folder, device or pipe
        task.note = f"symbolic link to {target}"
        task.shown_note = translate("importing", "symbolic link to {target}").format(target=target)
    elif target.is_dir():
        task.mark_failed(f"{link}: symbolic link to a folder; not followed (name the folder itself: {target})",
                         translate("importing", "{link}: symbolic link to a folder; not followed (name the folder "
                                   "itself: {target})").format(link=link, target=target))
    else:
        task.mark_failed(f"{link}: symbolic link to {target}, which is not a regular file", translate(
            "importing", "{link}: symbolic link to {target}, which is not a regular file").format(
            link=link, target=target))
    return task


def _folder_tasks(folder: Path, recursive: bool) -> list[ImportTask]:
    unreadable: list[ImportTask] = []
    tasks: list[ImportTask] = []
    for path in sorted(_folder_entries(folder, recursive, unreadable)):
        importable = path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("~$")  # ~$: Word lock
        if path.is_symlink() and (importable or (recursive and path.is_dir())):
            task = ImportTask(path)
            task.mark_skipped(f"{path}: skipped: symbolic link (links inside folders are not followed)", translate(
                "importing", "{path}: skipped: symbolic link (links inside folders are not followed)").format(
                path=path))
            tasks.append(task)
        elif importable and not path.is_symlink() and path.is_file():
            tasks.append(ImportTask(path))
    if not any(task.status == ImportStatus.PENDING for task in tasks) and not unreadable:
        task = ImportTask(folder)
        kinds = ", ".join(SUPPORTED_SUFFIXES)
        task.mark_failed(f"{folder}: no {kinds} files in this folder", translate(
            "importing", "{folder}: no {kinds} files in this folder").format(folder=folder, kinds=kinds))
        tasks.append(task)
    return unreadable + tasks


def _folder_entries(folder: Path, recursive: bool, unreadable: list[ImportTask]) -> Iterator[Path]:
    """Everything in ``folder`` but hidden entries, and in its sub-folders if ``recursive``; links not followed."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        task = ImportTask(folder)
        why = exc.strerror or exc
        task.mark_failed(f"{folder}: cannot read the folder ({why})", translate(
            "importing", "{folder}: cannot read the folder ({why})").format(folder=folder, why=why))
        unreadable.append(task)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if recursive and entry.is_dir(follow_symlinks=False):
            yield from _folder_entries(Path(entry.path), recursive, unreadable)
        else:
            yield Path(entry.path)


def run_task(
    project: Project,
    task: ImportTask,
    *,
    case: str | None,
    options: ImportOptions,
    policy: ImportPolicy | None = None,
) -> None:
    """Import one file into its own transaction and record the outcome on the task; never raises ConcordError."""
    chosen = policy or ImportPolicy()
    _record(task, chosen, lambda: import_file(project, task.path, options, case=case, policy=chosen))


def _record(task: ImportTask, policy: ImportPolicy, importing: Callable[[], Document]) -> None:
    """Run ``importing`` and mark the task imported, skipped or failed by what it returned or raised."""
    try:
        task.mark_imported(importing())
    except DuplicateError as exc:
        message = _starting_with_path(task.path, str(exc))
        if policy.duplicate == OnDuplicate.SKIP:
            task.mark_skipped(message)
        else:
            task.mark_failed(message)
    except ConcordError as exc:
        task.mark_failed(_starting_with_path(task.path, str(exc)))
    except _WorkerBug as exc:  # logged in the worker
        task.mark_failed(f"{task.path}: unexpected error ({exc})")
    except Exception as exc:  # a bug must not cost the user the rest of the batch; the log keeps the traceback
        log.exception("importing %s failed", task.path)
        task.mark_failed(f"{task.path}: unexpected error ({exc.__class__.__name__}: {exc})")


def import_file(
    target: Project | Session,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    case: str | None = None,
    policy: ImportPolicy | None = None,
) -> Document:
    """Import one file and return its document; raises ImportFileError, or DuplicateError for known content.

    With a Project, the file is written in a transaction of its own; with a Session, in the caller's.
    Reading and segmenting happen outside the write transaction so it stays short.
    """
    options = options or ImportOptions()
    options.validate()
    work = FileImport(target, Path(path), options, policy or ImportPolicy(), case)
    run_stages(work)
    assert work.document is not None  # the store stage sets it or raises
    return work.document


# -- the stages: each reads what the ones before it left on the FileImport and adds its own part --------------
@dataclass
class FileImport:
    """One file on its way through :data:`STAGES`; ``seconds`` holds each stage's wall time."""

    target: Project | Session
    path: Path
    options: ImportOptions
    policy: ImportPolicy
    case: str | None = None
    source: SourceText | None = None
    text: str = ""
    digest: str = ""
    analysis: Analysis | None = None
    document: Document | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def read_stage(work: FileImport) -> None:
    """The file's text, within the byte, XML and character limits (read.py)."""
    work.source = read_source(work.path, work.options)


def normalise_stage(work: FileImport) -> None:
    assert work.source is not None
    work.text = normalise_text(work.source.text)
    if not work.text:
        raise ImportFileError(work.path, translate("errors", "no text to import (the file holds only blank lines)"))
    # Of the text, not the bytes: other line ends or encoding make no new document.
    work.digest = normalised_text_sha256(work.text)


def check_stage(work: FileImport) -> None:
    """Refusals that are cheap next to spaCy, the slow stage: too many turns, text the project already holds."""
    refuse_too_many_turns(work.path, work.text, work.options)
    with _reading(work.target) as session:
        _refuse_known(session, work)


def analyse_stage(work: FileImport) -> None:
    """Language, metadata header, speaker turns and sentences (analyse.py); no database."""
    options = work.options
    work.analysis = analyse_text(
        work.text, language=options.language, turn_pattern=options.turn_pattern, zh_threshold=options.zh_threshold
    )


def store_stage(work: FileImport) -> None:
    """The document, its turns and sentences, its audit entry and its case: one transaction."""
    assert work.source is not None and work.analysis is not None
    with _scope(work.target) as session:
        _refuse_known(session, work)  # a file imported meanwhile
        document = store_document(
            session,
            name=work.path.stem,
            text=work.text,
            source_name=work.path.name,
            format=work.source.format,
            encoding=work.source.encoding,
            sha256=work.digest,
            analysis=work.analysis,
        )
        store_turn_times(session, document.id, work.text, work.analysis.turns, work.source.times)
        keep_source(session, document.id, work.source)  # the original file and a PDF's pages
        actor = work.target.actor if isinstance(work.target, Project) else default_actor()
        record_document_import(session, document, actor=actor)
        if work.case is not None:
            attach_to_case(session, document, work.case, actor=actor)
    work.document = document


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[FileImport], None]


#: The per-file import, in order; a stage refuses a file by raising a ConcordError.
STAGES: tuple[Stage, ...] = (
    Stage("read", read_stage),
    Stage("normalise", normalise_stage),
    Stage("check", check_stage),
    Stage("analyse", analyse_stage),
    Stage("store", store_stage),
)


def run_stages(work: FileImport, stages: Iterable[Stage] = STAGES) -> None:
    for stage in stages:
        started = time.perf_counter()
        try:
            stage.run(work)
        finally:
            work.seconds[stage.name] = time.perf_counter() - started


def _reading(target: Project | Session) -> AbstractContextManager[Session]:
    return target.session() if isinstance(target, Project) else nullcontext(target)


def _scope(target: Project | Session) -> AbstractContextManager[Session]:
    # An import can be redone from its file, so it need not pay for an fsync per document.
    return target.session(durable=False) if isinstance(target, Project) else nullcontext(target)


def _refuse_known(session: Session, work: FileImport) -> None:
    _refuse_duplicate(session, work.path, work.digest)
    if work.policy.changed_text == OnChangedText.REFUSE:
        _refuse_changed_text(session, work.path)


def _refuse_duplicate(session: Session, path: Path, sha256: str) -> None:
    existing = duplicate_of(session, sha256)
    if existing is not None:
        raise DuplicateError(translate(
            "errors", "{path}: already imported as {existing}").format(path=path, existing=existing))


def _refuse_changed_text(session: Session, path: Path) -> None:
    """Called after :func:`_refuse_duplicate`: a document from a file of this name holds other text."""
    existing = session.scalar(select(Document.name).where(Document.source_name == path.name).limit(1))
    if existing is not None:
        raise ImportFileError(path, translate(
            "errors", "imported before as {existing}, with other text (the import policy refuses it)").format(
            existing=existing))


def _starting_with_path(path: Path, message: str) -> str:
    return message if message.startswith(str(path)) else f"{path}: {message}"


def refuse_too_many_turns(path: Path, text: str, options: ImportOptions) -> None:
    """Millions of one-line "turns" (a generated or damaged file) would take minutes and gigabytes to store."""
    if text.count("\n") < options.max_turns:  # a turn takes a line: no need to find them to know
        return
    turns = len(detect_turns(text, options.turn_pattern))
    if turns > options.max_turns:
        raise ImportFileError(
            path, translate(
                "errors", "{turns:,} speaker turns, over the limit of {max_turns:,} ({value})").format(
                turns=turns, max_turns=options.max_turns, value=raise_hint('max_turns'))
        )


__all__ = [
    "STAGES", "Cancel", "FileImport", "Progress", "Stage", "collect_tasks", "import_file", "import_paths",
    "run_stages", "run_task",
]
