"""Reviewing a machine coder's suggestions: accept (the passage is coded as the reviewing coder, through
``coding.autocode.apply``) or reject, each batch one undo step; and the provenance of a coding that came from an
accepted suggestion (model, engine, training, threshold, confidence, who accepted it), for the transcript and the
exports. The spaCy machine coder (``coding.autocode.machine``) and the endpoint engine both write
``MachineSuggestion`` rows, so the same review applies to both."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.i18n import QT_TRANSLATE_NOOP, translate
from models import Coder, MachineModel, MachineSuggestion, utcnow

REVIEWED = Changes(machine=True)
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
# How a status reads inside a message (the stored value stays English).
_STATUS_WORDS = {PENDING: QT_TRANSLATE_NOOP("suggestion status", "pending"),
                 ACCEPTED: QT_TRANSLATE_NOOP("suggestion status", "accepted"),
                 REJECTED: QT_TRANSLATE_NOOP("suggestion status", "rejected")}
SHORT_ID = 8  # a uuid prefix this long (or longer) names a suggestion too


def resolve_suggestions(session: Session, references: Iterable[str]) -> list[str]:
    """Suggestion uuids from what a person typed: the id number, the uuid, or a unique uuid prefix of at least
    :data:`SHORT_ID` characters. An unknown or ambiguous reference is refused with its text."""
    uuids: list[str] = []
    for reference in references:
        text = reference.strip()
        found: list[str] = []
        if text.isdigit():
            found = list(session.scalars(select(MachineSuggestion.uuid).where(MachineSuggestion.id == int(text))))
        if not found and len(text) >= SHORT_ID:  # a uuid prefix may be all digits ("33086598")
            found = list(session.scalars(select(MachineSuggestion.uuid)
                                         .where(MachineSuggestion.uuid.startswith(text.lower(), autoescape=True))
                                         .limit(2)))
        if len(found) != 1:
            problem = (translate("errors", "matches several suggestions") if found
                       else translate("errors", "is no suggestion"))
            raise NotFoundError(translate(
                "errors", "'{text}' {problem} (give its id, its uuid or the first {SHORT_ID}+ characters)").format(
                text=text, problem=problem, SHORT_ID=SHORT_ID))
        if found[0] not in uuids:
            uuids.append(found[0])
    if not uuids:
        raise ValidationError(translate("errors", "no suggestion given"))
    return uuids


def _load(session: Session, uuids: Sequence[str]) -> list[MachineSuggestion]:
    rows = {s.uuid: s for s in session.scalars(select(MachineSuggestion).where(MachineSuggestion.uuid.in_(uuids)))}
    missing = [uuid for uuid in uuids if uuid not in rows]
    if missing:
        raise NotFoundError(translate(
            "errors", "suggestion {value} is no longer in the project").format(value=missing[0]))
    return [rows[uuid] for uuid in uuids]


def _status_word(status: str) -> str:
    return translate("suggestion status", _STATUS_WORDS[status]) if status in _STATUS_WORDS else status


def _check_status(suggestions: Sequence[MachineSuggestion], status: str) -> None:
    for suggestion in suggestions:
        if suggestion.status != status:
            who = translate("errors", " by {name}").format(name=suggestion.decided_by) if suggestion.decided_by else ""
            raise ConflictError(translate(
                "errors", "suggestion {id} is {status}{who}, not {status2}").format(
                id=suggestion.id, status=_status_word(suggestion.status), who=who, status2=_status_word(status)))


@dataclass(frozen=True)
class _Decision:
    status: str
    decided_by: str
    decided_at: datetime | None
    coding_uuid: str | None


def _set(session: Session, suggestions: Sequence[MachineSuggestion], decisions: Sequence[_Decision], actor: str,
         action: str) -> None:
    for suggestion, decision in zip(suggestions, decisions, strict=True):
        suggestion.status, suggestion.decided_by = decision.status, decision.decided_by
        suggestion.decided_at, suggestion.coding_uuid = decision.decided_at, decision.coding_uuid
    session.flush()
    record(session, actor, action, "machine_suggestion", None, None,
           {"suggestions": [s.uuid for s in suggestions], "status": decisions[0].status if decisions else ""})


_PENDING = _Decision(PENDING, "", None, None)


class AcceptSuggestionsEdit(Edit):
    """Accept pending suggestions as a coder: each passage is coded so (a passage the coder already coded exactly
    so is not coded twice: the suggestion is accepted without a new coding), each suggestion marked accepted with
    who, when and the coding. Undo removes those codings and puts the suggestions back to pending; redo puts the
    very same codings back."""

    def __init__(self, suggestion_uuids: Sequence[str], coder_id: int) -> None:
        self.suggestion_uuids, self.coder_id = list(suggestion_uuids), coder_id
        self.decisions: list[_Decision] = []
        self.children: list[Edit] = []

    def do(self, session: Session, actor: str) -> Changes:
        from coding.autocode.apply import Passage, already_coded, apply_passages
        from coding.autocode.machine import machine_coder_ids
        from coding.edits.codings import MadeCoding

        suggestions = _load(session, self.suggestion_uuids)
        _check_status(suggestions, PENDING)
        coder = session.get(Coder, self.coder_id)
        if coder is None:
            raise NotFoundError(translate("errors", "unknown coder id {coder_id}").format(coder_id=self.coder_id))
        if coder.id in machine_coder_ids(session):
            raise ValidationError(translate(
                "errors", "'{name}' is a machine coder: a person accepts suggestions").format(name=coder.name))
        passages = [Passage(s.document_id, s.start, s.end, s.code_id, f"suggestion {s.id}") for s in suggestions]
        seen = already_coded(session, passages, coder.id)
        created = iter(apply_passages(session, passages, coder_id=coder.id, actor=actor))
        now = utcnow()
        self.decisions = []
        for passage in passages:  # apply_passages codes in order, skipping what is coded so: the same walk here
            key = (passage.document_id, passage.code_id, passage.start, passage.end)
            coding_uuid = None if key in seen else next(created)
            seen.add(key)
            self.decisions.append(_Decision(ACCEPTED, coder.name, now, coding_uuid))
        self.children = [MadeCoding(d.coding_uuid) for d in self.decisions if d.coding_uuid is not None]
        _set(session, suggestions, self.decisions, actor, "accept")
        return REVIEWED | Changes(codings=True)

    def undo(self, session: Session, actor: str) -> Changes:
        suggestions = _load(session, self.suggestion_uuids)
        _check_status(suggestions, ACCEPTED)
        for child in reversed(self.children):
            child.undo(session, actor)
        _set(session, suggestions, [_PENDING] * len(suggestions), actor, "unaccept")
        return REVIEWED | Changes(codings=True)

    def redo(self, session: Session, actor: str) -> Changes:
        suggestions = _load(session, self.suggestion_uuids)
        _check_status(suggestions, PENDING)
        for child in self.children:
            child.do(session, actor)
        _set(session, suggestions, self.decisions, actor, "accept")
        return REVIEWED | Changes(codings=True)

    @property
    def coding_uuids(self) -> list[str]:
        return [d.coding_uuid for d in self.decisions if d.coding_uuid is not None]


class RejectSuggestionsEdit(Edit):
    """Reject pending suggestions (the one rejecting is the actor); undo puts them back to pending."""

    def __init__(self, suggestion_uuids: Sequence[str]) -> None:
        self.suggestion_uuids = list(suggestion_uuids)
        self.decision: _Decision | None = None

    def do(self, session: Session, actor: str) -> Changes:
        suggestions = _load(session, self.suggestion_uuids)
        _check_status(suggestions, PENDING)
        if self.decision is None:
            self.decision = _Decision(REJECTED, actor, utcnow(), None)
        _set(session, suggestions, [self.decision] * len(suggestions), actor, "reject")
        return REVIEWED

    def undo(self, session: Session, actor: str) -> Changes:
        suggestions = _load(session, self.suggestion_uuids)
        _check_status(suggestions, REJECTED)
        _set(session, suggestions, [_PENDING] * len(suggestions), actor, "unreject")
        return REVIEWED


# -- provenance -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Provenance:
    """Where a coding came from when a person accepted a machine's suggestion."""

    model: str
    engine: str
    trained_from: str
    model_created_at: datetime
    min_confidence: float | None
    confidence: float
    decided_by: str
    decided_at: datetime | None

    def describe(self) -> str:
        """"suggested by Machine (Lin), trained 2026-12-06, confidence 0.83 ≥ 0.50; accepted by Morgan"."""
        made = translate("autocode.review", "trained") if self.trained_from else translate("autocode.review", "set up")
        threshold = f" ≥ {self.min_confidence:.2f}" if self.min_confidence is not None else ""
        return translate("autocode.review", "suggested by {model}, {made} {date}, confidence {confidence}{threshold}; "
                         "accepted by {coder}").format(
            model=self.model, made=made, date=f"{self.model_created_at:%Y-%m-%d}",
            confidence=f"{self.confidence:.2f}", threshold=threshold, coder=self.decided_by)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "engine": self.engine, "trained_from": self.trained_from,
                "model_created_at": self.model_created_at.isoformat(), "min_confidence": self.min_confidence,
                "confidence": self.confidence, "decided_by": self.decided_by,
                "decided_at": self.decided_at.isoformat() if self.decided_at else None,
                "text": self.describe()}


def _threshold(parameters: dict[str, Any], suggestion_id: int) -> float | None:
    """The minimum confidence the suggestion was made with (``coding.autocode.machine.record_suggestion_run``)."""
    for run in parameters.get("suggestion_runs", []):
        if int(run.get("first_id", 0)) <= suggestion_id <= int(run.get("last_id", -1)):
            value = run.get("min_confidence")
            return float(value) if value is not None else None
    return None


def provenance(session: Session, coding_uuids: Iterable[str]) -> dict[str, Provenance]:
    """Coding uuid -> its provenance, for those codings that came from accepted suggestions (others are left out)."""
    wanted = list(dict.fromkeys(coding_uuids))
    found: dict[str, Provenance] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(MachineSuggestion, MachineModel.name, MachineModel.engine, MachineModel.trained_from,
                   MachineModel.created_at, MachineModel.parameters)
            .join(MachineModel, MachineModel.id == MachineSuggestion.model_id)
            .where(MachineSuggestion.coding_uuid.in_(wanted[start:start + 500]),
                   MachineSuggestion.status == ACCEPTED))
        for suggestion, name, engine, trained_from, created_at, parameters in rows:
            assert suggestion.coding_uuid is not None
            found[suggestion.coding_uuid] = Provenance(
                _base_name(name), engine, trained_from, created_at, _threshold(parameters or {}, suggestion.id),
                suggestion.confidence, suggestion.decided_by, suggestion.decided_at)
    return found


def provenance_texts(session: Session) -> dict[str, str]:
    """Coding uuid -> its provenance as a sentence, for every coding that came from an accepted suggestion (the
    exports' "provenance" column and note; few codings, read at once)."""
    accepted = session.scalars(select(MachineSuggestion.coding_uuid).where(
        MachineSuggestion.status == ACCEPTED, MachineSuggestion.coding_uuid.is_not(None)))
    return {uuid: origin.describe() for uuid, origin in provenance(session, [u for u in accepted if u]).items()}


def _base_name(name: str) -> str:
    """A replaced model's name without its "(replaced …)" tail: the provenance names the machine coder."""
    head, marker, _tail = name.partition(" (replaced ")
    return head if marker else name


__all__ = [
    "AcceptSuggestionsEdit",
    "Provenance",
    "RejectSuggestionsEdit",
    "provenance",
    "provenance_texts",
    "resolve_suggestions",
]
