"""The record each file carries through the import, and the report of a whole run."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from coding.changes import Changes
from coding.i18n import translate
from coding.said import shown
from models import Document


class ImportStatus(StrEnum):
    """What became of a file; the values are what JSON reports say (``"imported"`` …)."""

    PENDING = "pending"
    IMPORTED = "imported"
    SKIPPED = "skipped"
    FAILED = "failed"


# The members under their former module-level names (app/import_dialog.py, app/exchange.py use them).
PENDING, IMPORTED = ImportStatus.PENDING, ImportStatus.IMPORTED
SKIPPED, FAILED = ImportStatus.SKIPPED, ImportStatus.FAILED


@dataclass
class ImportTask:
    """One file: where it is, what became of it (``status``) and why (``message``); ``note`` is said
    along with an import (e.g. that the path was a symbolic link). ``message`` and ``note`` are English (the JSON
    report); ``message_shown`` and ``shown_note`` are the same in the interface language ("": as the English)."""

    path: Path
    status: ImportStatus = ImportStatus.PENDING
    message: str = ""
    note: str = ""
    document_name: str | None = None
    document_id: int | None = None
    format: str = ""
    encoding: str = ""
    language: str = ""
    turns: int = 0
    sentences: int = 0
    words: int = 0
    message_shown: str = ""
    shown_note: str = ""

    def mark_imported(self, document: Document) -> None:
        self.status = ImportStatus.IMPORTED
        # Which encoding the text was read in, so a wrong one (the user chose it) is noticed.
        encoding = f", text in {document.encoding}" if document.encoding else ""
        self.message = (
            f"{self.path}: imported as {document.name} ({document.language}, {document.turn_count} turns, "
            f"{document.sentence_count} sentences, {document.word_count} words{encoding})"
            + (f"; {self.note}" if self.note else "")
        )
        self.message_shown = self._imported_text(document)
        self.document_name, self.document_id = document.name, document.id
        self.format, self.encoding, self.language = document.format, document.encoding, document.language
        self.turns, self.sentences, self.words = document.turn_count, document.sentence_count, document.word_count

    def _imported_text(self, document: Document) -> str:
        """The import's line in the interface language (the English one is ``message``)."""
        template = (translate("importing", "{path}: imported as {name} ({language}, {turns} turns, {sentences} "
                              "sentences, {words} words, text in {encoding})") if document.encoding
                    else translate("importing", "{path}: imported as {name} ({language}, {turns} turns, "
                                   "{sentences} sentences, {words} words)"))
        text = template.format(path=self.path, name=document.name, language=document.language,
                               turns=document.turn_count, sentences=document.sentence_count,
                               words=document.word_count, encoding=document.encoding)
        note = self.shown_note or shown(self.note)
        return text + translate("importing", "; {note}").format(note=note) if note else text

    @property
    def shown_message(self) -> str:
        """What became of the file, as the dialog and the command line show it."""
        return self.message_shown or self.message

    def add_to_message(self, english: str, in_language: str) -> None:
        """Say more after the outcome (e.g. which recording it got), in English and in the interface language."""
        self.message_shown = self.shown_message + in_language
        self.message += english

    def mark_skipped(self, message: str, in_language: str = "") -> None:
        self.status, self.message, self.message_shown = ImportStatus.SKIPPED, message, in_language

    def mark_failed(self, message: str, in_language: str = "") -> None:
        self.status, self.message, self.message_shown = ImportStatus.FAILED, message, in_language

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "status": self.status.value,
            "message": self.message,
            "note": self.note,
            "document": self.document_name,
            "format": self.format,
            "encoding": self.encoding,
            "language": self.language,
            "turns": self.turns,
            "sentences": self.sentences,
            "words": self.words,
        }


@dataclass
class ImportReport:
    items: list[ImportTask] = field(default_factory=list)
    cancelled: bool = False
    case: str | None = None

    def _with(self, status: ImportStatus) -> list[ImportTask]:
        return [task for task in self.items if task.status == status]

    @property
    def imported(self) -> list[ImportTask]:
        return self._with(ImportStatus.IMPORTED)

    @property
    def skipped(self) -> list[ImportTask]:
        return self._with(ImportStatus.SKIPPED)

    @property
    def failed(self) -> list[ImportTask]:
        return self._with(ImportStatus.FAILED)

    @property
    def changes(self) -> Changes:
        imported = bool(self.imported)
        return Changes(documents=imported, cases=imported and self.case is not None)

    @property
    def summary(self) -> str:
        """One line per file, then the totals (for the CLI and for messages)."""
        totals = translate("importing", "Imported {imported}, skipped {skipped}, failed {failed}").format(
            imported=len(self.imported), skipped=len(self.skipped), failed=len(self.failed))
        if self.cancelled:
            totals += translate("importing", " (cancelled)")
        return "\n".join([*(task.shown_message for task in self.items), totals + translate("importing", ".")])

    def to_dict(self) -> dict[str, Any]:
        return {
            "imported": len(self.imported),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "cancelled": self.cancelled,
            "case": self.case,
            "items": [task.to_dict() for task in self.items],
        }


__all__ = ["FAILED", "IMPORTED", "PENDING", "SKIPPED", "ImportReport", "ImportStatus", "ImportTask"]
