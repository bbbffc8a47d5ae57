"""Train the machine coder in a child process, so the process that asked (the desktop app) keeps its GIL.

spaCy and thinc hold the GIL for most of a training run: in a thread beside the GUI they froze the window for
100-700 ms at a time (benchmarks/gui_machine.py, demo corpus, 2 cores). :func:`train_in_process` has
:func:`coding.autocode.machine.train`'s signature and result; the child runs ``train`` on the plain
:class:`~coding.autocode.machine.TrainingData` (no session, nothing but text and labels crosses), reports progress
through a queue, and stops at the next step when cancelled (or is ended if it does not). It starts with
``forkserver`` (``spawn`` where there is none) like the import pool: a forked copy of a process running threads
may deadlock. Starting it and loading spaCy there costs a second or two.
"""

from __future__ import annotations

import queue as queues
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coding import errors
from coding.errors import CancelledError, ConcordError
from coding.i18n import current_language, set_language
from coding.i18n import translate

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerContext, SpawnContext
    from multiprocessing.synchronize import Event

    from coding.autocode.machine import TrainedModel, TrainingData

POLL_S = 0.1  # how often the waiting thread looks at the cancel flag and the child's health
STOP_WAIT_S = 10.0  # a cancelled child stops at its next step; after this long it is ended


def _context() -> ForkServerContext | SpawnContext:
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _child(data: TrainingData, folds: int, messages: Any, cancel: Event, language: str) -> None:
    """The child's whole life: train, send the result (or the refusal) back; its progress texts in ``language``
    (a spawned child starts in English)."""
    from coding.autocode.machine import train

    set_language(language)

    def progress(done: int, total: int, what: str) -> None:
        messages.put(("progress", done, total, what))

    try:
        messages.put(("done", train(data, folds=folds, progress=progress, cancelled=cancel.is_set)))
    except ConcordError as exc:
        messages.put(("refused", type(exc).__name__, str(exc)))
    except Exception as exc:  # a bug: its kind and text, for the parent's one-line message and log
        messages.put(("failed", type(exc).__name__, str(exc)))


def _refusal(kind: str, message: str) -> ConcordError:
    """The child's ConcordError again, as its own class when that class takes just a message."""
    found = getattr(errors, kind, None)
    if isinstance(found, type) and issubclass(found, ConcordError):
        try:
            return found(message)
        except TypeError:
            pass
    return ConcordError(message)


def train_in_process(data: TrainingData, *, folds: int = 5,
                     progress: Callable[[int, int, str], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> TrainedModel:
    """``machine.train(data, ...)`` run in a child process; raises what it raises (``CancelledError`` when
    cancelled)."""
    context = _context()
    messages = context.Queue()
    cancel = context.Event()
    child = context.Process(target=_child, args=(data, folds, messages, cancel, current_language()), daemon=True,
                            name="concord-machine-training")
    child.start()
    try:
        return _wait(child, messages, cancel, progress, cancelled)
    finally:
        child.join(STOP_WAIT_S if cancel.is_set() else 1.0)
        if child.is_alive():
            child.terminate()
            child.join()


def _wait(child: Any, messages: Any, cancel: Event, progress: Callable[[int, int, str], None] | None,
          cancelled: Callable[[], bool] | None) -> TrainedModel:
    while True:
        if cancelled is not None and cancelled() and not cancel.is_set():
            cancel.set()
        try:
            message = messages.get(timeout=POLL_S)
        except queues.Empty:
            if not child.is_alive():
                if cancel.is_set():
                    raise CancelledError(translate("errors", "training cancelled: nothing was stored")) from None
                raise ConcordError(translate(
                    "errors", "the training process ended unexpectedly (exit code {exitcode})").format(
                    exitcode=child.exitcode)) from None
            continue
        kind = message[0]
        if kind == "progress":
            if progress is not None:
                progress(*message[1:])
        elif kind == "done":
            trained: TrainedModel = message[1]
            return trained
        elif kind == "refused":
            raise _refusal(message[1], message[2])
        else:
            raise ConcordError(translate(
                "errors", "training failed ({value}: {value2})").format(value=message[1], value2=message[2]))


__all__ = ["train_in_process"]
