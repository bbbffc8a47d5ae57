"""What an exchange did: counts, what was skipped (and why), warnings, schema findings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coding.changes import NOTHING, Changes
from coding.i18n import QT_TRANSLATE_NOOP, is_chinese, translate

MAX_MESSAGES = 200  # a damaged file can produce a warning per coding; keep the report readable
# Counts every report of an operation lists, zero or not, so scripts can rely on the keys.
PROJECT_COUNTS = ("sources", "codes", "codings", "cases", "users", "variables", "sets", "notes")
CODEBOOK_COUNTS = ("codes",)
# Every kind of item an exchange counts as skipped (the keys of ``RefiReport.skipped``, English in the JSON report),
# for the catalogue: shown through :func:`skipped_label`.
SKIPPED_KINDS = (
    QT_TRANSLATE_NOOP("refi", "code sets"),
    QT_TRANSLATE_NOOP("refi", "codings outside their text"),
    QT_TRANSLATE_NOOP("refi", "case members that are not text"),
    QT_TRANSLATE_NOOP("refi", "code set members"),
    QT_TRANSLATE_NOOP("refi", "codings beyond the text"),
    QT_TRANSLATE_NOOP("refi", "codings on empty selections"),
    QT_TRANSLATE_NOOP("refi", "codings on sources without text"),
    QT_TRANSLATE_NOOP("refi", "empty selections without codings"),
    QT_TRANSLATE_NOOP("refi", "empty selections"),
    QT_TRANSLATE_NOOP("refi", "extra case memberships"),
    QT_TRANSLATE_NOOP("refi", "extra note references"),
    QT_TRANSLATE_NOOP("refi", "links"),
    QT_TRANSLATE_NOOP("refi", "note set members"),
    QT_TRANSLATE_NOOP("refi", "notes without text"),
    QT_TRANSLATE_NOOP("refi", "repeated variable values"),
    QT_TRANSLATE_NOOP("refi", "selections beyond the text"),
    QT_TRANSLATE_NOOP("refi", "selections without readable positions"),
    QT_TRANSLATE_NOOP("refi", "set members not imported"),
    QT_TRANSLATE_NOOP("refi", "sets without documents"),
    QT_TRANSLATE_NOOP("refi", "sources without text"),
    QT_TRANSLATE_NOOP("refi", "case members with unknown source"),
    QT_TRANSLATE_NOOP("refi", "codings with unknown code"),
    QT_TRANSLATE_NOOP("refi", "references to unknown notes"),
    QT_TRANSLATE_NOOP("refi", "set members with unknown source"),
    QT_TRANSLATE_NOOP("refi", "variable values with unknown variable"),
    QT_TRANSLATE_NOOP("refi", "case code references"),
    QT_TRANSLATE_NOOP("refi", "case selection references"),
    QT_TRANSLATE_NOOP("refi", "codings inside notes"),
    QT_TRANSLATE_NOOP("refi", "graphs"),
    QT_TRANSLATE_NOOP("refi", "source variable values"),
    QT_TRANSLATE_NOOP("refi", "transcript selections without text positions"),
    QT_TRANSLATE_NOOP("refi", "unknown sources"),
    QT_TRANSLATE_NOOP("refi", "picture sources"),
    QT_TRANSLATE_NOOP("refi", "codings on picture sources"),
    QT_TRANSLATE_NOOP("refi", "picture selections"),
    QT_TRANSLATE_NOOP("refi", "PDF sources"),
    QT_TRANSLATE_NOOP("refi", "codings on PDF sources"),
    QT_TRANSLATE_NOOP("refi", "PDF regions"),
    QT_TRANSLATE_NOOP("refi", "audio sources"),
    QT_TRANSLATE_NOOP("refi", "codings on audio sources"),
    QT_TRANSLATE_NOOP("refi", "audio selections"),
    QT_TRANSLATE_NOOP("refi", "video sources"),
    QT_TRANSLATE_NOOP("refi", "codings on video sources"),
    QT_TRANSLATE_NOOP("refi", "video selections"),
)


def skipped_label(kind: str) -> str:
    """A kind of skipped item as the report dialog heads its row: "Code sets" in English, the catalogue's words in
    another language."""
    return translate("refi", kind) if is_chinese() else kind.capitalize()


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
        exported = self.operation.startswith("export")
        counts = ", ".join(f"{value} {key}" for key, value in sorted(self.counts.items())) or translate(
            "refi", "nothing")
        target = self.path if exported else (self.project or self.path)
        template = (translate("refi", "Exported {counts} — {target}") if exported
                    else translate("refi", "Imported {counts} — {target}"))
        lines = [template.format(counts=counts, target=target)]
        if self.schema_valid is False:
            lines.append(translate("refi", "Schema check: {count} problem(s)").format(
                count=len(self.schema_errors) + self.schema_errors_omitted))
            lines.extend(f"  {message}" for message in self.schema_errors[:5])
        if self.position_units:
            units = ", ".join(f"{units}: {n}" for units, n in sorted(self.position_units.items()))
            lines.append(translate("refi", "Position units: {units}").format(units=units))
        if self.skipped:
            lines.append(translate("refi", "Skipped: {items}").format(
                items=", ".join(f"{value} {translate('refi', key)}" for key, value in sorted(self.skipped.items()))))
        for message in self.warnings[:20]:
            lines.append(translate("refi", "Warning: {message}").format(message=message))
        more = len(self.warnings) - 20 + self.warnings_omitted
        if more > 0:
            lines.append(translate("refi", "… and {count} more warning(s) (see --json)").format(count=more))
        return "\n".join(lines)


__all__ = ["MAX_MESSAGES", "SKIPPED_KINDS", "RefiReport", "skipped_label"]
