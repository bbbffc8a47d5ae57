"""The analyse stage (spaCy: sentences, words) in a pool of worker processes, so an import uses every core.

spaCy holds the GIL while it segments, so threads would not help; processes do. Workers start with the
``forkserver`` method (``spawn`` where there is none): a forked copy of a process that runs threads (the GUI,
a pool thread) may deadlock, and spaCy is not fork-safe. Each worker builds a pipeline once, on first use
(``coding.nlp.get_pipeline``), and keeps it for every file it is given.

Only text travels: the parent reads, normalises and checks each file, hands workers chunks of files (one
hand-over wakes several threads and processes in turn: a chunk pays for that once), a worker returns each
file's :class:`~coding.importing.analyse.Analysis` (its turns and sentences as integer columns: cheap to
pickle), and the parent stores the documents in the order given, from one connection
(``pipeline.import_paths``). Results are the serial path's, byte for byte: the same pipelines run over the
same text. While the file whose turn it is is still in a worker, the parent waits for *any* chunk to come
back and hands out more each time (:func:`wait_for_any`): waiting on its own file alone, a long transcript
kept one worker busy while the other ran out of queued files and idled (issue 13). At seed scale the import
is bound by CPU, not by hand-overs: the parent's reading and storing plus the workers' analyses, shared by
the cores, leave about 5% idle (the first files' read, the last files' store).

An import that starts its own pool starts one worker per usable core and analyses nothing itself: reading,
checking and storing take about a quarter of the CPU an import needs, so the parent shares a core with a
worker and never has to load spaCy. A caller's pool may let the parent analyse too (``analyse_here``): it then
takes the nearest files no worker has while the one whose turn it is is still in a worker.

A pool costs a second or more of CPU per worker to start (each loads spaCy and its pipelines), so small
imports, and machines with one usable core, stay serial (:func:`pool_size`).

On a machine other work keeps busy, a pool gains little or nothing in wall time: Linux's scheduler (with
``sched_autogroup``, the default on desktops) shares the cores between sessions, not processes, so the
import's processes together get about one session's share, and an import does a little more work in all than
one process doing it alone. The gain is for the cores nobody else is using.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Future, wait
from typing import TYPE_CHECKING, Any
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from coding.errors import ConcordError
from coding.importing.analyse import Analysis, analyse_text
from coding.importing.options import ImportOptions
from coding.nlp import LANGUAGES

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

log = logging.getLogger(__name__)

#: Below this many bytes of files to import, the serial path is quicker than starting workers: each loads spaCy
#: and its pipelines (2 s of CPU, 4-8 s on a busy machine), about what this process needs to import 4-8 MB of
#: transcripts once its own pipelines are loaded. Measured on 2 cores under load 3-6: seed scale (55 interviews,
#: 4.4 MB) imported in 4.9 s serially but 9-13 s with a pool started for it; ten times that (44 MB) in 48 s
#: serially and 29 s pooled. A caller with warm workers (``import_paths(..., pool=...)``) gains at any size.
POOL_MIN_BYTES = 16 * 1024 * 1024
#: Files read ahead of the one being stored, per analysing process: enough to keep every worker busy while
#: this process analyses and stores, few enough that memory stays flat whatever the size of the import.
AHEAD_PER_WORKER = 8
#: Chunks handed to each worker at a time: one it analyses, the next queued behind it, so it never waits for
#: this process to hand out more.
HANDED_PER_WORKER = 2
#: A chunk: files sent to a worker together, up to this many characters (a seed-scale interview has about 75,000)
#: or :data:`CHUNK_FILES` files. Every hand-over wakes three threads and two processes in turn, which on a busy
#: machine takes longer than analysing a small file; a chunk pays for it once.
CHUNK_CHARS = 250_000
CHUNK_FILES = 4


@dataclass(frozen=True)
class AnalysisOutcome:
    """What a worker sends back: the analysis, or the refusal's message (exceptions are not pickled: the
    ConcordError subclasses take other constructor arguments than their message)."""

    analysis: Analysis | None
    error: str = ""
    unexpected: bool = False  # a bug, not a refusal: the message names the exception's class
    seconds: float = 0.0


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def pool_size(paths: Sequence[Path], options: ImportOptions) -> int:
    """Worker processes that analyse ``paths`` while this process reads and stores them; 0: the serial path.

    ``options.workers`` (processes that analyse) decides when set; otherwise one worker per usable core when
    there are two or more and the files hold at least :data:`POOL_MIN_BYTES`. Never more workers than files,
    and never one alone: one worker and a parent waiting for it would be the serial path, slower.
    """
    wanted = options.workers
    if wanted is None:
        cpus = usable_cpus()
        if cpus < 2 or _total_bytes(paths) < POOL_MIN_BYTES:
            return 0
        wanted = cpus
    workers = min(wanted, len(paths))
    return workers if workers >= 2 else 0


def _total_bytes(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # the read stage reports it
    return total


def _context() -> BaseContext:
    import multiprocessing  # here: the GUI and the CLI import this module at start, most never start a pool

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class AnalysisPool:
    """Worker processes that analyse texts; a context manager (leaving it stops the workers at once).

    One pool may serve several imports (``import_paths(..., pool=pool)``): its workers keep their pipelines.
    """

    def __init__(self, workers: int, languages: Sequence[str] = LANGUAGES, *, analyse_here: bool = True) -> None:
        """Start ``workers`` processes, each loading spaCy and the ``languages``' pipelines in the background.

        ``analyse_here`` False leaves every analysis to the workers: for a process whose other threads must not
        wait for the GIL while spaCy loads or segments here (the GUI, where an import runs beside the event loop).
        """
        self.workers = max(1, workers)
        self.analyse_here = analyse_here
        self.broken = False
        from concurrent.futures import ProcessPoolExecutor

        self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
        self._warming = [self._executor.submit(_warm_worker, tuple(languages), 0.2) for _ in range(self.workers)]

    @property
    def ready(self) -> bool:
        """Every worker has its pipelines: files handed out now are analysed at once, not after a load.

        Until then the importing process analyses the files itself, so a cold pool never holds an import up.
        """
        return all(future.done() and future.exception() is None for future in self._warming)

    def warm(self) -> None:
        """Wait until every worker has its pipelines (before a timed or interactive import)."""
        for future in self._warming:
            future.result()

    def submit(self, texts: Sequence[str], options: ImportOptions) -> Future[list[AnalysisOutcome]] | None:
        """The texts' analyses (in order) under way in a worker; None once the pool is broken (a worker died)."""
        if self.broken:
            return None
        try:
            return self._executor.submit(
                analyse_outcomes, tuple(texts), options.language, options.turn_pattern, options.zh_threshold
            )
        except BrokenExecutor:  # a worker died (BrokenProcessPool)
            log.warning("an import worker process ended abruptly; the rest is analysed in this process")
            self.broken = True
            return None

    def close(self, *, wait: bool = True) -> None:
        """Stop the workers; work not yet started is dropped (``wait=False``: do not wait for running work).

        Workers still loading their pipelines are ended at once: an import that finished without them must not
        wait for them.
        """
        warming = not self.ready
        self._executor.shutdown(wait=False, cancel_futures=True)
        if warming or not wait:
            self._terminate_workers()
        elif wait:
            self._executor.shutdown(wait=True)

    def _terminate_workers(self) -> None:
        terminate = getattr(self._executor, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            terminate()
            return
        for process in list((getattr(self._executor, "_processes", None) or {}).values()):
            process.terminate()  # the executor's own record of its processes (before 3.14)

    def __enter__(self) -> AnalysisPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close(wait=kind is None)


def wait_for_any(futures: Iterable[Future[Any]]) -> None:
    """Until one of the ``futures`` not yet done is done (at once when all are): the importing process waits
    for its next file this way, so it hands a worker more as soon as any chunk comes back, rather than leave it
    idle until its own file is back."""
    pending = [future for future in futures if not future.done()]
    if pending:
        wait(pending, return_when=FIRST_COMPLETED)


def import_pool(workers: int, languages: Sequence[str] = LANGUAGES) -> AnalysisPool:
    """The pool an import starts for itself (``pool_size`` workers): they analyse, this process reads and stores."""
    return AnalysisPool(workers, languages, analyse_here=False)


# -- in the worker process -------------------------------------------------------------------------------------
def _warm_worker(languages: tuple[str, ...], linger: float) -> int:
    from coding.nlp import get_pipeline

    for language in languages:
        get_pipeline(language)
    time.sleep(linger)  # hold this worker so the next warm-up job starts the next one
    return os.getpid()


def analyse_outcomes(
    texts: Sequence[str], language: str | None, turn_pattern: str, zh_threshold: float
) -> list[AnalysisOutcome]:
    return [analyse_outcome(text, language, turn_pattern, zh_threshold) for text in texts]


def analyse_outcome(text: str, language: str | None, turn_pattern: str, zh_threshold: float) -> AnalysisOutcome:
    """The analyse stage, its refusal caught as a message (run in a worker, or here when the pool broke)."""
    started = time.perf_counter()
    try:
        analysis = analyse_text(text, language=language, turn_pattern=turn_pattern, zh_threshold=zh_threshold)
    except ConcordError as exc:
        return AnalysisOutcome(None, str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # the parent reports it on the file; the worker's log keeps the traceback
        log.exception("analysing a text failed")
        return AnalysisOutcome(None, f"{exc.__class__.__name__}: {exc}", unexpected=True)
    return AnalysisOutcome(analysis, seconds=time.perf_counter() - started)


__all__ = [
    "AHEAD_PER_WORKER", "CHUNK_CHARS", "CHUNK_FILES", "HANDED_PER_WORKER", "POOL_MIN_BYTES", "AnalysisOutcome",
    "AnalysisPool", "analyse_outcome", "analyse_outcomes", "import_pool", "pool_size", "usable_cpus", "wait_for_any",
]
