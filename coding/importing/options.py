"""What the caller decides about an import (the core never prompts)."""

from __future__ import annotations

from dataclasses import dataclass

from coding.importing.turns import DEFAULT_TURN_PATTERN

MEGABYTE = 1024 * 1024
SUPPORTED_SUFFIXES = {".docx": "docx", ".txt": "txt", ".md": "md"}


@dataclass
class ImportOptions:
    """Choices for one import run.

    ``turn_pattern`` is a regular expression matched at the start of each line; its group named
    ``speaker`` (or else its first group) is the speaker label. ``language`` forces "en" or "zh"
    instead of detecting it from the share of CJK characters (``zh_threshold``).
    """

    max_bytes: int = 50 * MEGABYTE
    recursive: bool = False
    turn_pattern: str = DEFAULT_TURN_PATTERN
    zh_threshold: float = 0.3
    language: str | None = None


__all__ = ["MEGABYTE", "SUPPORTED_SUFFIXES", "ImportOptions"]
