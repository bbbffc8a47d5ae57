"""What an exchange did: counts, what was skipped (and why), warnings, schema findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coding.changes import NOTHING, Changes

MAX_MESSAGES = 200  # a damaged file can produce a warning per coding; keep the report readable
# Counts every report of an operation lists, zero or not, so scripts can rely on the keys.
PROJECT_COUNTS = ("sources", "codes", "codings", "cases", "users", "variables", "sets", "notes")
CODEBOOK_COUNTS = ("codes",)


@dataclass
class RefiReport:
    """The result of one export or import. ``skipped`` is never empty-handed: every item Concord
    could not take is counted there under a kind (``"picture sources"``, ``"codings with unknown
    code"`` …), and the first messages naming the items are in ``warnings``."""

    operation: str
    path: Path
    project: Path | None = None
    counts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    warnings_omitted: int = 0
    schema_valid: bool | None = None
    schema_errors: list[str] = field(default_factory=list)
    schema_errors_omitted: int = 0
    position_units: Counter[str] = field(default_factory=Counter)
    origin: str = ""
    flavour: str | None = None
    bytes_written: int = 0
    changes: Changes = NOTHING

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_MESSAGES:
            self.warnings.append(message)
        else:
            self.warnings_omitted += 1

    def skip(self, kind: str, count: int = 1, message: str | None = None) -> None:
        """Count ``count`` items of ``kind`` that were not taken over, with an optional message."""
        if count <= 0:
            return
        self.skipped[kind] += count
        if message:
            self.warn(message)

    def schema_error(self, message: str) -> None:
        self.schema_valid = False
        if len(self.schema_errors) < MAX_MESSAGES:
            self.schema_errors.append(message)
        else:
            self.schema_errors_omitted += 1

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def to_dict(self) -> dict[str, Any]:
        keys = CODEBOOK_COUNTS if "codebook" in self.operation else PROJECT_COUNTS
        counts = {key: 0 for key in keys} | dict(self.counts)
        data: dict[str, Any] = {
            "operation": self.operation,
            "file": str(self.path),
            "project": str(self.project) if self.project else None,
            "counts": dict(sorted(counts.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "skipped_total": self.skipped_total,
            "warnings": list(self.warnings),
            "warnings_omitted": self.warnings_omitted,
            "schema_valid": self.schema_valid,
            "schema_errors": list(self.schema_errors),
            "schema_errors_omitted": self.schema_errors_omitted,
        }
        if self.origin:
            data["origin"] = self.origin
        if self.position_units:
            data["position_units"] = dict(sorted(self.position_units.items()))
        if self.flavour:
            data["flavour"] = self.flavour
        if self.bytes_written:
            data["bytes"] = self.bytes_written
        return data

    def summary(self) -> str:
        """A few lines for people (the CLI without ``--json``)."""
        verb = {"export": "Exported", "export-codebook": "Exported", "import": "Imported"}.get(
            self.operation, "Imported"
        )
        counts = ", ".join(f"{value} {key}" for key, value in sorted(self.counts.items())) or "nothing"
        target = self.path if self.operation.startswith("export") else (self.project or self.path)
        lines = [f"{verb} {counts} — {target}"]
        if self.schema_valid is False:
            lines.append(f"Schema check: {len(self.schema_errors) + self.schema_errors_omitted} problem(s)")
            lines.extend(f"  {message}" for message in self.schema_errors[:5])
        if self.position_units:
            units = ", ".join(f"{units}: {n}" for units, n in sorted(self.position_units.items()))
            lines.append(f"Position units: {units}")
        if self.skipped:
            lines.append("Skipped: " + ", ".join(f"{value} {key}" for key, value in sorted(self.skipped.items())))
        for message in self.warnings[:20]:
            lines.append(f"Warning: {message}")
        more = len(self.warnings) - 20 + self.warnings_omitted
        if more > 0:
            lines.append(f"… and {more} more warning(s) (see --json)")
        return "\n".join(lines)


__all__ = ["MAX_MESSAGES", "RefiReport"]
