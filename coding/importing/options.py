"""What the caller decides about an import (the core never prompts), and the limits that keep one file's
import bounded in memory and time.

The limits pass any real interview transcript by a wide margin (a 90-minute interview is about 15,000
words, 100,000 characters, a few hundred turns and well under 1 MB of Word XML); files over them are
refused with a message naming the limit, and a caller can raise each one.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from enum import StrEnum

from coding.errors import ValidationError
from coding.importing.turns import DEFAULT_TURN_PATTERN
from coding.i18n import translate

MEGABYTE = 1024 * 1024
SUPPORTED_SUFFIXES = {".docx": "docx", ".txt": "txt", ".md": "md", ".srt": "srt", ".vtt": "vtt",
                      ".pdf": "pdf", ".odt": "odt", ".rtf": "rtf", ".html": "html", ".htm": "html"}


@dataclass
class ImportOptions:
    """Choices for one import run.

    ``turn_pattern`` is a regular expression matched at the start of each line; its group named
    ``speaker`` (or else its first group) is the speaker label. A "key: value" block that opens the
    text (访谈编号：A01, Date: …) is stored as document metadata, not as turns (``importing.header``).
    ``language`` forces "en" or "zh" instead of detecting it from the share of CJK characters
    (``zh_threshold``). ``encoding`` forces the text encoding of .txt/.md files (any Python codec
    name, e.g. "big5", "cp1252") instead of detecting it.
    """

    max_bytes: int = 50 * MEGABYTE  # a file on disk
    recursive: bool = False
    turn_pattern: str = DEFAULT_TURN_PATTERN
    zh_threshold: float = 0.3
    language: str | None = None
    encoding: str | None = None
    # A .docx is a ZIP package: what its XML unpacks to is checked before and while it is read.
    max_xml_bytes: int = 64 * MEGABYTE  # each XML part, unpacked
    max_unpacked_bytes: int = 512 * MEGABYTE  # the whole package, unpacked (images included)
    max_xml_elements: int = 2_000_000  # in the document part (Word writes a few per word, ~1 per 20-40 bytes)
    max_paragraphs: int = 200_000
    # What any transcript becomes: bounded before spaCy segments it.
    max_chars: int = 5_000_000
    max_turns: int = 50_000
    max_pages: int = 2_000  # a PDF (a 90-minute interview is 20-40 pages)
    # Processes that run the analyse stage (spaCy): None lets the import decide by its size and the cores
    # (coding.importing.pool.pool_size); 1 keeps every stage in this process; 2 or more start that many worker
    # processes while this one reads and stores.
    workers: int | None = None

    def validate(self) -> None:
        """Refuse options no file could be imported with (the caller's error, not every file's)."""
        if self.encoding is not None:
            self.encoding = canonical_encoding(self.encoding)
        for name in LIMIT_NAMES:
            if getattr(self, name) <= 0:
                raise ValidationError(translate(
                    "errors", "import limit {name} must be positive, not {value}").format(
                    name=name, value=getattr(self, name)))
        if self.workers is not None and self.workers < 1:
            raise ValidationError(translate(
                "errors", "import workers must be 1 or more, not {workers}").format(workers=self.workers))


class OnDuplicate(StrEnum):
    """A file whose (normalised) text the project already holds, under any name."""

    SKIP = "skip"  # reported as skipped; the batch counts it as no failure (the default, as before)
    REFUSE = "refuse"  # reported as failed, for a caller that must hear of every file not imported


class OnChangedText(StrEnum):
    """A file whose name (e.g. ``P01.txt``) was imported before, now with other text."""

    ADD = "add"  # stored as a new document, named "P01 (2)"; the first is kept (the default, as before)
    REFUSE = "refuse"  # reported as failed; nothing is stored


@dataclass(frozen=True)
class ImportPolicy:
    """What the caller decides about files the project may already hold; the defaults are Concord's behaviour.

    :func:`coding.importing.import_file` raises DuplicateError for a duplicate whatever the policy; the
    policy says whether a batch reports it as skipped or failed.
    """

    duplicate: OnDuplicate = OnDuplicate.SKIP
    changed_text: OnChangedText = OnChangedText.ADD


#: Each limit and the `concord import` option that sets it.
LIMIT_OPTIONS = {
    "max_bytes": "--max-mb",
    "max_xml_bytes": "--max-xml-mb",
    "max_unpacked_bytes": "--max-unpacked-mb",
    "max_xml_elements": "--max-xml-elements",
    "max_paragraphs": "--max-paragraphs",
    "max_chars": "--max-chars",
    "max_turns": "--max-turns",
    "max_pages": "--max-pages",
}
LIMIT_NAMES = tuple(LIMIT_OPTIONS)


def raise_hint(limit_name: str) -> str:
    """How to raise a limit, for the message that refuses a file over it."""
    return translate("importing", "raise ImportOptions.{limit_name} or concord import {option}").format(
        limit_name=limit_name, option=LIMIT_OPTIONS[limit_name])


def canonical_encoding(name: str) -> str:
    """Python's name for a text encoding ("Big5" → "big5", "shift-jis" → "shift_jis"); unknown names refused."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        examples = "utf-8, gb18030, big5, shift_jis, cp1252"
        raise ValidationError(translate(
            "errors", "unknown text encoding {name!r} (examples: {examples})").format(name=name, examples=examples)) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValidationError(translate("errors", "{name!r} is not a text encoding").format(name=name))
    return info.name


__all__ = [
    "LIMIT_NAMES", "LIMIT_OPTIONS", "MEGABYTE", "SUPPORTED_SUFFIXES", "ImportOptions", "ImportPolicy",
    "OnChangedText", "OnDuplicate", "canonical_encoding", "raise_hint",
]
