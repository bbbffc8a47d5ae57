"""Transcript import: read .docx/.txt/.md, normalise, find speaker turns and sentences, store.

Stages, one module each: ``read`` → ``normalise`` → ``language`` / ``header`` (the opening key: value
metadata block) / ``turns`` / ``sentences`` (joined in ``analyse``) → ``store``; ``pipeline`` runs them per
file (its ``STAGES``, each timed on the file's ``FileImport``), records each file's :class:`ImportStatus` on
its :class:`ImportTask` and reports; an :class:`ImportPolicy` says what becomes of text the project holds.
A large import runs the analyse stage in worker processes as well (``pool``: :class:`AnalysisPool`), storing
in order from this process; the rows are the serial path's, byte for byte.
"""

from coding.importing.analyse import Analysis, analyse_text
from coding.importing.language import detect_language
from coding.importing.normalise import normalise_text
from coding.importing.options import ImportOptions, ImportPolicy, OnChangedText, OnDuplicate
from coding.importing.pipeline import import_file, import_paths
from coding.importing.pool import AnalysisPool
from coding.importing.store import add_document_text, unique_document_name
from coding.importing.tasks import ImportReport, ImportStatus, ImportTask
from coding.importing.turns import DEFAULT_TURN_PATTERN, TurnSpan, detect_turns

__all__ = [
    "DEFAULT_TURN_PATTERN",
    "Analysis",
    "AnalysisPool",
    "ImportOptions",
    "ImportPolicy",
    "ImportReport",
    "ImportStatus",
    "ImportTask",
    "OnChangedText",
    "OnDuplicate",
    "TurnSpan",
    "add_document_text",
    "analyse_text",
    "detect_language",
    "detect_turns",
    "import_file",
    "import_paths",
    "normalise_text",
    "unique_document_name",
]
