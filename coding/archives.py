"""Limits for ZIP packages Concord opens (.docx, .qdpx): no path escapes, no zip bombs.

Checked from the central directory before any member is unpacked.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from coding.errors import ImportFileError
from coding.i18n import translate

DRIVE_RE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class ArchiveLimits:
    """Ceilings for what one archive may unpack to. The defaults hold a 5,000-interview project."""

    max_members: int = 200_000
    max_total_bytes: int = 8 << 30
    max_member_bytes: int = 4 << 30
    #: Uncompressed/compressed ratio allowed for a member larger than ``ratio_floor_bytes``.
    #: Text and XML compress 3–20×; a deflate bomb reaches ~1000×.
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1 << 20
    max_xml_bytes: int = 4 << 30


DEFAULT_LIMITS = ArchiveLimits()


def human_size(n_bytes: int) -> str:
    """1023 bytes, 1.5 KB, 246.0 MB, 1.2 GB."""
    if n_bytes < 1 << 10:
        return translate("importing", "{count} bytes").format(count=n_bytes)
    if n_bytes < 1 << 20:
        return f"{n_bytes / (1 << 10):.1f} KB"
    if n_bytes < 1 << 30:
        return f"{n_bytes / (1 << 20):.1f} MB"
    return f"{n_bytes / (1 << 30):.1f} GB"


def member_problem(name: str) -> str | None:
    """Why a member name is unsafe, or ``None`` if it stays inside the archive."""
    if "\x00" in name:
        return translate("errors", "contains a NUL character")
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or DRIVE_RE.match(normalised):
        return translate("errors", "is an absolute path")
    if any(part == ".." for part in normalised.split("/")):
        return translate("errors", "climbs out of the archive ('..')")
    return None


def check_members(path: Path, infos: list[zipfile.ZipInfo], limits: ArchiveLimits = DEFAULT_LIMITS
                  ) -> dict[str, zipfile.ZipInfo]:
    """The members by lower-case name, after refusing unsafe names, encryption, links and bombs."""
    if len(infos) > limits.max_members:
        raise ImportFileError(path, translate(
            "errors", "holds {value} files, more than the {max_members} allowed").format(
            value=len(infos), max_members=limits.max_members))
    total = 0
    index: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        problem = member_problem(info.filename)
        if problem:
            raise ImportFileError(path, translate(
                "errors", "archive member {filename!r} {problem}; refused as unsafe").format(
                filename=info.filename, problem=problem))
        if info.flag_bits & 0x1:
            raise ImportFileError(path, translate(
                "errors", "archive member {filename!r} is encrypted").format(filename=info.filename))
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFileError(path, translate(
                "errors", "archive member {filename!r} is a symbolic link; refused").format(filename=info.filename))
        if info.file_size > limits.max_member_bytes:
            raise ImportFileError(
                path, translate(
                    "errors", "archive member {filename!r} unpacks to {file_size} bytes, over the limit").format(
                    filename=info.filename, file_size=info.file_size)
            )
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise ImportFileError(
                    path,
                    translate(
                        "errors", "archive member {filename!r} expands {ratio:.0f}-fold (limit {max_ratio:.0f}); "
                        "refused as a likely zip bomb").format(
                        filename=info.filename, ratio=ratio, max_ratio=limits.max_ratio),
                )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ImportFileError(
                path, translate(
                    "errors", "archive unpacks to more than {max_total_bytes} bytes; refused as a likely zip bomb").format(
                    max_total_bytes=limits.max_total_bytes)
            )
        if not info.is_dir():
            index.setdefault(info.filename.replace("\\", "/").lower(), info)
    return index
