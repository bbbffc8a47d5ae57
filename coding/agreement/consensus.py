"""Adjudication: settle each disagreement into a consensus coder, with a decision log and undo.

A decision on a :class:`~coding.agreement.disagreements.Disagreement` writes consensus codings (through
:func:`coding.codings.apply_code`, so they are validated and audited) for the decision's code inside the
item's passage:

* ``take_a`` / ``take_b`` (``take_c`` … with more coders, in the order the coders were compared) — that coder's
  codings, clipped to the passage;
* ``both`` (said "all" / "union" with three or more coders) — the union of every compared coder's codings in the
  passage;
* ``neither`` (said "none") — nothing (the decision is still logged, so the item counts as settled);
* ``edit`` — spans the adjudicator gives;
* ``agreed`` — written by :func:`accept_agreements` for passages the coders already agree on (the union).

Overlapping or touching pieces become one consensus coding. Each consensus coding's ``derived_from`` lists the
uuids of the coders' codings it came from. Each decision is a ``ConsensusDecision`` row: who settled it
(``decided_by``), when, why (``rationale``), what was considered (``source_codings``: one dict per coding with
uuid, coder, start, end and whether it was taken) and what was written (``result_codings``: uuids). Every
decision function returns a :class:`DecisionOutcome`; :func:`undo_decision` with its uuid removes the consensus
codings it wrote and the decision row.
"""

from __future__ import annotations

import csv
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.agreement.disagreements import CodingRef, Disagreement
from coding.agreement.units import as_intervals, union
from coding.audit import record
from coding.changes import Changes
from coding.codebook import code_paths
from coding.coders import check_adjudicator, get_or_create_coder
from coding.codings import apply_code, remove_coding
from coding.errors import DuplicateError, NotFoundError, ValidationError
from models import Coder, Coding, ConsensusDecision, Document
from coding.i18n import translate

DEFAULT_CONSENSUS = "Consensus"
DECISIONS: tuple[str, ...] = ("take_a", "take_b", "both", "neither", "edit", "agreed")
DECISION_ALIASES = {"all": "both", "union": "both", "none": "neither"}
CONSENSUS_CHANGED = Changes(codings=True, consensus=True)
LOG_COLUMNS = ("decided_at", "decided_by", "document", "code", "start", "end", "passage", "decision", "taken_from",
               "rationale", "source_codings", "result_codings", "uuid")


@dataclass(frozen=True)
class DecisionOutcome:
    """What a decision did: enough to undo it (``undo_decision(session, decision_uuid)``) and refresh views."""

    decision_uuid: str
    decision: str
    created: tuple[str, ...]
    changes: Changes = CONSENSUS_CHANGED


@dataclass(frozen=True)
class ConsensusProgress:
    resolved: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.resolved

    @property
    def share(self) -> float:
        return self.resolved / self.total if self.total else 1.0


def consensus_coder(session: Session, name: str = DEFAULT_CONSENSUS, *, actor: str) -> Coder:
    """The consensus pseudo-coder of that name, created on first use."""
    return get_or_create_coder(session, name, actor=actor, is_consensus=True)


def consensus_progress(items: Iterable[Disagreement]) -> ConsensusProgress:
    """Settled / all of the disagreements listed (agreements accepted in bulk are not counted)."""
    listed = [item for item in items if not item.agreed]
    return ConsensusProgress(sum(1 for item in listed if item.resolved), len(listed))


def _letter(index: int) -> str:
    return string.ascii_lowercase[index] if index < 26 else str(index + 1)


def decision_name(item: Disagreement, coder: str) -> str:
    """``take_a`` for the first compared coder, ``take_b`` for the second …"""
    if coder not in item.coders:
        raise ValidationError(translate(
            "errors", "'{coder}' is not one of the compared coders ({value})").format(
            coder=coder, value=', '.join(item.coders)))
    return f"take_{_letter(item.coders.index(coder))}"


# ------------------------------------------------------------------------------------------------
# Deciding
# ------------------------------------------------------------------------------------------------


def take(
    session: Session, item: Disagreement, coder: str, *, decided_by: str, rationale: str = "",
    consensus: str = DEFAULT_CONSENSUS, actor: str,
) -> DecisionOutcome:
    """Settle ``item`` with one coder's codings."""
    name = decision_name(item, coder)
    chosen = [c for c in item.codings if c.coder == coder]
    return _decide(session, item, name, _pieces_from(item, chosen), chosen, decided_by, rationale, consensus, actor)


def take_both(
    session: Session, item: Disagreement, *, decided_by: str, rationale: str = "",
    consensus: str = DEFAULT_CONSENSUS, actor: str,
) -> DecisionOutcome:
    """Settle ``item`` with everything any compared coder coded in it."""
    chosen = list(item.codings)
    return _decide(session, item, "both", _pieces_from(item, chosen), chosen, decided_by, rationale, consensus, actor)


def take_neither(
    session: Session, item: Disagreement, *, decided_by: str, rationale: str = "",
    consensus: str = DEFAULT_CONSENSUS, actor: str,
) -> DecisionOutcome:
    """Settle ``item`` as not coded with this code."""
    return _decide(session, item, "neither", [], [], decided_by, rationale, consensus, actor)


def edit(
    session: Session, item: Disagreement, spans: Sequence[tuple[int, int]], *, decided_by: str,
    rationale: str = "", consensus: str = DEFAULT_CONSENSUS, actor: str,
) -> DecisionOutcome:
    """Settle ``item`` with spans the adjudicator drew (anywhere in the document, usually near the passage)."""
    if not spans:
        raise ValidationError(translate("errors", "an edited decision needs at least one span (or decide 'neither')"))
    starts, ends = union(as_intervals([(int(s), int(e)) for s, e in spans]))
    pieces = [(int(s), int(e), _overlapping(item.codings, s, e)) for s, e in zip(starts, ends, strict=True)]
    used = list({id(c): c for _, _, sources in pieces for c in sources}.values())
    return _decide(session, item, "edit", pieces, used, decided_by, rationale, consensus, actor)


def decide(
    session: Session, item: Disagreement, decision: str, *, spans: Sequence[tuple[int, int]] | None = None,
    decided_by: str, rationale: str = "", consensus: str = DEFAULT_CONSENSUS, actor: str,
) -> DecisionOutcome:
    """One entry point for a review UI: ``take_a``, ``take_b`` (``take_c`` …), ``both``, ``neither``, ``edit``.
    With three or more coders ``all`` / ``union`` are other names for ``both`` and ``none`` for ``neither``
    (stored as ``both`` / ``neither``), and ``take:NAME`` takes the compared coder of that name."""
    common: dict[str, Any] = {"decided_by": decided_by, "rationale": rationale, "consensus": consensus, "actor": actor}
    decision = DECISION_ALIASES.get(decision, decision)
    if decision.startswith("take:"):
        return take(session, item, decision[len("take:"):].strip(), **common)
    if decision.startswith("take_"):
        letters = [_letter(i) for i in range(len(item.coders))]
        suffix = decision[len("take_"):]
        if suffix not in letters:
            raise ValidationError(translate(
                "errors", "unknown decision '{decision}' for {value} coders (take_{value2} … take_{value3})").format(
                decision=decision, value=len(item.coders), value2=letters[0], value3=letters[-1]))
        return take(session, item, item.coders[letters.index(suffix)], **common)
    if decision == "both":
        return take_both(session, item, **common)
    if decision == "neither":
        return take_neither(session, item, **common)
    if decision == "edit":
        return edit(session, item, spans or [], **common)
    raise ValidationError(translate(
        "errors", "unknown decision '{decision}' (use take_a, take_b …, take:NAME, both/all, neither/none or edit)").format(
        decision=decision))


def accept_agreements(
    session: Session, items: Iterable[Disagreement], *, decided_by: str, consensus: str = DEFAULT_CONSENSUS,
    actor: str,
) -> list[DecisionOutcome]:
    """Copy every passage the coders agree on (``agreed`` items, from ``include_agreements=True``) into the
    consensus coder as an ``agreed`` decision; passages already settled are left alone."""
    outcomes = []
    for item in items:
        if item.agreed and not item.resolved and _existing(session, item) is None:
            chosen = list(item.codings)
            outcomes.append(_decide(session, item, "agreed", _pieces_from(item, chosen), chosen, decided_by,
                                    "the coders agreed", consensus, actor))
    return outcomes


def _overlapping(codings: Sequence[CodingRef], start: int, end: int) -> list[CodingRef]:
    return [c for c in codings if c.start < end and c.end > start]


def _pieces_from(item: Disagreement, chosen: Sequence[CodingRef]) -> list[tuple[int, int, list[CodingRef]]]:
    """The chosen codings clipped to the passage and joined where they overlap or touch."""
    clipped = [(max(c.start, item.start), min(c.end, item.end)) for c in chosen]
    clipped = [(s, e) for s, e in clipped if s < e]
    if not clipped:
        return []
    starts, ends = union(as_intervals(clipped))
    return [(int(s), int(e), _overlapping(chosen, s, e)) for s, e in zip(starts, ends, strict=True)]


def _existing(session: Session, item: Disagreement) -> ConsensusDecision | None:
    return session.scalar(select(ConsensusDecision).where(
        ConsensusDecision.document_id == item.document_id, ConsensusDecision.code_id == item.code_id,
        ConsensusDecision.start == item.start, ConsensusDecision.end == item.end))


def _decide(
    session: Session, item: Disagreement, decision: str, pieces: list[tuple[int, int, list[CodingRef]]],
    taken: Sequence[CodingRef], decided_by: str, rationale: str, consensus: str, actor: str,
) -> DecisionOutcome:
    decided_by = check_adjudicator(session, decided_by)  # a person settles it, and the log names them
    earlier = _existing(session, item)
    if earlier is not None:
        raise DuplicateError(
            translate(
                "errors", "this passage of '{document_name}' ({code_path}, {start}–{end}) was already settled "
                "({decision}, by {value}); undo that decision first").format(
                document_name=item.document_name, code_path=item.code_path, start=item.start, end=item.end, decision=earlier.decision, value=earlier.decided_by or 'unknown')
        )
    text = session.scalar(select(Document.text).where(Document.id == item.document_id)) or ""
    for start, end, _ in pieces:  # check every piece first, so a refusal writes nothing
        if not 0 <= start < end <= len(text):
            raise ValidationError(translate(
                "errors", "span {start}–{end} is outside '{document_name}' (0–{value})").format(
                start=start, end=end, document_name=item.document_name, value=len(text)))
    writable = [(s, e, sources) for s, e, sources in pieces if text[s:e].strip()]
    coder = consensus_coder(session, consensus, actor=actor)
    created = []
    for start, end, sources in writable:
        coding = apply_code(
            session, document_id=item.document_id, coder_id=coder.id, code_id=item.code_id, start=start, end=end,
            actor=actor, derived_from=[c.uuid for c in sources if c.uuid is not None], adjudicator=decided_by,
        )
        created.append(coding.uuid)
    taken_keys = {(c.uuid, c.coder, c.start, c.end) for c in taken}
    row = ConsensusDecision(
        document_id=item.document_id, code_id=item.code_id, start=item.start, end=item.end, decision=decision,
        decided_by=decided_by, rationale=rationale,
        source_codings=[{"uuid": c.uuid, "coder": c.coder, "start": c.start, "end": c.end,
                         "taken": (c.uuid, c.coder, c.start, c.end) in taken_keys} for c in item.codings],
        result_codings=created,
    )
    session.add(row)
    session.flush()
    record(session, actor, "decide", "consensus_decision", row.uuid, None,
           {"decision": decision, "document_id": item.document_id, "code_id": item.code_id, "start": item.start,
            "end": item.end, "result_codings": created, "consensus": coder.name})
    return DecisionOutcome(row.uuid, decision, tuple(created))


def undo_decision(session: Session, decision_uuid: str, *, actor: str = "") -> Changes:
    """Remove the consensus codings a decision wrote (those still there) and the decision itself."""
    row = session.scalar(select(ConsensusDecision).where(ConsensusDecision.uuid == decision_uuid))
    if row is None:
        raise NotFoundError(translate(
            "errors", "no consensus decision {decision_uuid}").format(decision_uuid=decision_uuid))
    still_there = set(session.scalars(select(Coding.uuid).where(Coding.uuid.in_(list(row.result_codings or [])))))
    for coding_uuid in row.result_codings or []:
        if coding_uuid in still_there:
            remove_coding(session, coding_uuid, actor=actor, adjudicator=actor or row.decided_by)
    record(session, actor, "undo_decision", "consensus_decision", row.uuid,
           {"decision": row.decision, "start": row.start, "end": row.end, "result_codings": row.result_codings}, None)
    session.delete(row)
    session.flush()
    return CONSENSUS_CHANGED


# ------------------------------------------------------------------------------------------------
# The decision log
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    uuid: str
    decided_at: datetime
    decided_by: str
    document: str
    code: str
    start: int
    end: int
    passage: str
    decision: str
    taken_from: tuple[str, ...]
    rationale: str
    source_codings: tuple[str, ...]
    result_codings: tuple[str, ...]

    def row(self) -> list[Any]:
        values = {
            "decided_at": self.decided_at.isoformat(timespec="seconds"), "decided_by": self.decided_by,
            "document": self.document, "code": self.code, "start": self.start, "end": self.end,
            "passage": self.passage, "decision": self.decision, "taken_from": ", ".join(self.taken_from),
            "rationale": self.rationale, "source_codings": " ".join(self.source_codings),
            "result_codings": " ".join(self.result_codings), "uuid": self.uuid,
        }
        return [values[column] for column in LOG_COLUMNS]


def decision_log(session: Session, *, passage_chars: int = 300) -> list[LogEntry]:
    """Every consensus decision, oldest first, with the passage text (shortened to ``passage_chars``)."""
    rows = session.execute(
        select(ConsensusDecision, Document.name, Document.text)
        .join(Document, Document.id == ConsensusDecision.document_id)
        .order_by(ConsensusDecision.decided_at, ConsensusDecision.id)
    ).all()
    paths = code_paths(session)
    entries = []
    for decision, document_name, text in rows:
        passage = " ".join(text[decision.start:decision.end].split())
        if len(passage) > passage_chars:
            passage = passage[: passage_chars - 1] + "…"
        sources = [s for s in decision.source_codings or [] if isinstance(s, dict)]
        taken = tuple(dict.fromkeys(s.get("coder", "") for s in sources if s.get("taken")))
        entries.append(LogEntry(
            decision.uuid, decision.decided_at, decision.decided_by, document_name, paths.get(decision.code_id, ""),
            decision.start, decision.end, passage, decision.decision, taken, decision.rationale,
            tuple(str(s.get("uuid") or "") for s in sources), tuple(decision.result_codings or []),
        ))
    return entries


def export_decision_log(session: Session, path: str | Path) -> Path:
    """Write the decision log as .csv (UTF-8 with BOM, for Excel) or .xlsx; returns the path."""
    from coding.export.common import check_target, replaced_when_done

    target = check_target(path, (".csv", ".xlsx"), "the decision log")
    entries = decision_log(session)
    try:
        with replaced_when_done(target) as temporary:
            if target.suffix.lower() == ".csv":
                with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(LOG_COLUMNS)
                    writer.writerows(entry.row() for entry in entries)
            else:
                _write_xlsx(temporary, entries)
    except OSError as exc:
        raise ValidationError(translate(
            "errors", "{target}: cannot write the decision log ({value})").format(
            target=target, value=exc.strerror or exc)) from exc
    return target


def _write_xlsx(path: Path, entries: Sequence[LogEntry]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.create_sheet("Decisions", 0)  # the workbook's only sheet (the default one is removed)
    workbook.remove(workbook.worksheets[1])
    sheet.append(list(LOG_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        sheet.append(entry.row())
    widths = {"passage": 60, "rationale": 40, "code": 40, "document": 28}
    for index, column in enumerate(LOG_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 16)
    sheet.freeze_panes = "A2"
    workbook.save(path)


__all__ = [
    "CONSENSUS_CHANGED",
    "DECISIONS",
    "DECISION_ALIASES",
    "DEFAULT_CONSENSUS",
    "ConsensusProgress",
    "DecisionOutcome",
    "LogEntry",
    "accept_agreements",
    "consensus_coder",
    "consensus_progress",
    "decide",
    "decision_log",
    "decision_name",
    "edit",
    "export_decision_log",
    "take",
    "take_both",
    "take_neither",
    "undo_decision",
]
