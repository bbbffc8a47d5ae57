"""The analysis views' edits, each one undoable step: code every search hit, write a matrix cell summary."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.commands import BenchCommand, code_id_of
from app.workbench import Workbench
from coding import codings
from coding.analysis.matrix import set_cell_summary
from coding.analysis.search import Hit, code_hits
from coding.changes import Changes
from coding.codings import CodingRecord
from coding.errors import ValidationError
from coding.text import one_line

CODINGS = Changes(codings=True)
MATRIX = Changes(matrix=True)


class CodeHitsCommand(BenchCommand):
    """Apply one code to every hit of a text search. Undo removes exactly the codings it made."""

    def __init__(self, bench: Workbench, hits: Sequence[Hit], code_uuid: str, code_name: str, query: str) -> None:
        super().__init__(bench, f"Code {len(hits)} hits of '{one_line(query, 32)}' as '{code_name}'")
        self.hits = list(hits)
        self.code_uuid = code_uuid
        self.coder_id = bench.coder_id
        self.created: list[str] = []
        self.removed: list[CodingRecord] = []

    def perform(self, session: Session) -> Changes:
        if self.removed:  # redo: the very same codings (uuids, timestamps) come back
            for record in self.removed:
                codings.restore_coding(session, record, actor=self.actor)
            self.removed = []
            return CODINGS
        self.created = code_hits(session, self.hits, code_id=code_id_of(session, self.code_uuid),
                                 coder_id=self.coder_id, actor=self.actor)
        if not self.created:
            raise ValidationError("every hit is already coded with that code by you: nothing to do")
        return CODINGS

    def revert(self, session: Session) -> Changes:
        self.removed = [codings.remove_coding(session, uuid, actor=self.actor) for uuid in self.created]
        return CODINGS

    @property
    def skipped(self) -> int:
        """Hits left alone because this coder had already coded them with the code."""
        return len(self.hits) - len(self.created)


class SetCellSummaryCommand(BenchCommand):
    """Write (or clear) the researcher's summary of one framework-matrix cell."""

    def __init__(self, bench: Workbench, code_uuid: str, column_key: str, text: str, label: str) -> None:
        verb = "Clear" if not text.strip() else "Summary of"
        super().__init__(bench, f"{verb} {label}")
        self.code_uuid, self.column_key, self.text = code_uuid, column_key, text
        self.previous = ""
        self.left: str | None = None  # the text the last step wrote: undo/redo refuse if it changed since

    def perform(self, session: Session) -> Changes:
        self.previous = set_cell_summary(session, self.code_uuid, self.column_key, self.text, actor=self.actor,
                                         expected=self.left)
        self.left = self.text
        return MATRIX

    def revert(self, session: Session) -> Changes:
        set_cell_summary(session, self.code_uuid, self.column_key, self.previous, actor=self.actor,
                         expected=self.left)
        self.left = self.previous
        return MATRIX


__all__ = ["CodeHitsCommand", "SetCellSummaryCommand"]
