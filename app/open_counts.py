"""A large project's coding counts, read in a pool thread after its window has shown.

Counting every coding per code and per document takes two passes over the codings: half a second and more on a
project with a million of them, longer than the whole rest of opening it. Such a project opens with its Codebook
and Documents counts blank (the documents' names, figures and groups show at once), and the counts fill in
moments later. An edit made meanwhile cannot move counts that are not there yet: the loader reads them again.
A smaller project counts on the GUI thread as it opens, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import operations, warmup
from app.panel_refresh import Counts, Subscriber
from coding.changes import Changes
from coding.readers import code_counts, document_counts
from models import Coding

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.panel_refresh import CodebookRefresh, DocumentsRefresh
    from app.workbench import Workbench
    from coding.progress import Cancel, Progress
    from coding.project import Project

DEFER_ABOVE = 100_000  # codings (by the highest coding id): above this, the counts are read after the window shows


@dataclass(frozen=True)
class OpenCounts:
    """The counts the Codebook and Documents panels show, for one coder."""

    coder_id: int
    code_mine: Counts
    code_everyone: Counts
    document_mine: Counts
    document_everyone: Counts


def read_counts(session: Session, coder_id: int) -> OpenCounts:
    code_mine, code_everyone = code_counts(session, coder_id)
    document_mine, document_everyone = document_counts(session, coder_id)
    return OpenCounts(coder_id, code_mine, code_everyone, document_mine, document_everyone)


def counts_later(session: Session) -> bool:
    """True when the project holds so many codings that counting them would hold up its window."""
    highest = session.scalar(select(func.max(Coding.id))) or 0  # an index's last entry: no pass over the codings
    return highest > DEFER_ABOVE


class CountsLoader(Subscriber):
    """Reads the counts in the background and hands them to the Codebook and Documents subscribers; subscribed
    first, so that while the counts are on their way those two leave their (blank) counts alone."""

    def __init__(self, codebook: CodebookRefresh, documents: DocumentsRefresh, parent: QWidget) -> None:
        self.codebook, self.documents, self.parent = codebook, documents, parent
        self.operation: operations.Operation | None = None
        self.reads = 0  # how many times the counts were read in the background (tests count these)
        self._stale = False
        self._waiting: Workbench | None = None  # a reading asked for, to start once the window has painted

    @property
    def pending(self) -> bool:
        return self.operation is not None or self._waiting is not None

    def start(self) -> None:
        """Blank the counts now and read them in a pool thread once the window has painted (``warmup.after_paint``):
        reading them beside the opening took the GIL from the GUI thread's layout and paint."""
        bench = self._open_bench()
        self._set_pending(True)
        self._stale = False
        self._waiting = bench
        warmup.after_paint(self.parent, lambda: self._read(bench))

    def _read(self, bench: Workbench) -> None:
        if self._waiting is not bench or bench is not self.bench:
            return  # closed (or another project opened) before its turn came
        self._waiting = None
        coder_id = bench.coder_id

        def work(project: Project, _progress: Progress, _cancelled: Cancel) -> OpenCounts:
            with project.session() as session:
                return read_counts(session, coder_id)

        self.reads += 1
        self.operation = operations.Operation(
            self.parent, work, project_path=operations.location_of(bench.project), read_only=True,
            on_success=lambda counts: self.arrived(bench, counts), on_failure=lambda _message: self._give_up(bench),
        ).start()

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        if self.pending and (changes.codings or changes.coders):
            self._stale = True  # read before this edit, or not: read again once this reading is back

    def unsubscribe(self) -> None:
        self._waiting = None
        operation, self.operation = self.operation, None
        if operation is not None:
            operation.cancel()  # its result is dropped: the project it counted is closing
        self._set_pending(False)
        super().unsubscribe()

    def arrived(self, bench: Workbench, counts: OpenCounts) -> None:
        if bench is not self.bench or not shiboken6.isValid(bench):
            return  # the project was closed (or another opened) meanwhile
        self.operation = None
        if self._stale or counts.coder_id != bench.coder_id:
            self.start()
            return
        self._set_pending(False)
        self.codebook.show_counts(counts.code_mine, counts.code_everyone)
        self.documents.show_counts(counts.document_mine, counts.document_everyone)

    def _give_up(self, bench: Workbench) -> None:
        """The background read failed: count on the GUI thread instead (slow, but right)."""
        if bench is not self.bench:
            return
        self.operation = None
        self._set_pending(False)
        with bench.project.session() as session:
            counts = read_counts(session, bench.coder_id)
        self.codebook.show_counts(counts.code_mine, counts.code_everyone)
        self.documents.show_counts(counts.document_mine, counts.document_everyone)

    def _set_pending(self, pending: bool) -> None:
        self.codebook.counts_pending = self.documents.counts_pending = pending


__all__ = ["DEFER_ABOVE", "CountsLoader", "OpenCounts", "counts_later", "read_counts"]
