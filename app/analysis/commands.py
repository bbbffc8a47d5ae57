"""The analysis views' edits, each one undoable step (``coding.edits``): code every search hit, write a matrix
cell summary."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from app.commands import BenchCommand
from app.workbench import Workbench
from coding import edits
from coding.analysis.search import Hit
from coding.text import one_line


class CodeHitsCommand(BenchCommand):
    """Apply one code to every hit of a text search. Undo removes exactly the codings it made."""

    edit: edits.CodeHitsEdit

    def __init__(self, bench: Workbench, hits: Sequence[Hit], code_uuid: str, code_name: str, query: str) -> None:
        text = QCoreApplication.translate("AnalysisCommands", "Code {count} hits of '{query}' as '{code}'").format(
            count=len(hits), query=one_line(query, 32), code=code_name)
        super().__init__(bench, text,
                         edits.CodeHitsEdit(hits, code_uuid, bench.coder_id))

    @property
    def created(self) -> list[str]:
        return self.edit.created

    @property
    def skipped(self) -> int:
        """Hits left alone because this coder had already coded them with the code."""
        return self.edit.skipped


class SetCellSummaryCommand(BenchCommand):
    """Write (or clear) the researcher's summary of one framework-matrix cell."""

    def __init__(self, bench: Workbench, code_uuid: str, column_key: str, text: str, label: str, *,
                 seen: str | None = None) -> None:
        # seen: the text the view showed (stale: refused)
        name = (QCoreApplication.translate("AnalysisCommands", "Clear {cell}") if not text.strip()
                else QCoreApplication.translate("AnalysisCommands", "Summary of {cell}")).format(cell=label)
        super().__init__(bench, name, edits.SetCellSummaryEdit(code_uuid, column_key, text, seen=seen))


__all__ = ["CodeHitsCommand", "SetCellSummaryCommand"]
