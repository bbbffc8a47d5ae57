"""Storing an endpoint's answers (:mod:`coding.autocode.endpoint`), each batch one undoable edit:

* :class:`EndpointSuggestionsEdit` — pending ``MachineSuggestion`` rows, the same rows the local machine coder
  writes, so the same review queue accepts or rejects them and provenance says "suggested by Endpoint (…)";
* :class:`EndpointCodingsEdit` — the endpoint coder's own codings of chosen documents, so agreement between it
  and each human is computed like any coder's (``concord agreement compare --coders "Endpoint (llama3.1),Lin"``).

Both keep one ``MachineModel`` (engine "endpoint") per model name with its coder row of the same name; the model
row holds the host, model, prompt version, unit and date, never a key. A batch that made the model row takes it
away again on undo, and redo puts it back with the same id and uuid.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coding.audit import record
from coding.autocode.apply import AutocodeEdit, Passage
from coding.autocode.endpoint import ENGINE, PROMPT_VERSION, Answer, EndpointJob, messages_for
from coding.autocode.machine import check_confidence, machine_coder_ids, record_suggestion_run
from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import ConflictError, NotFoundError, ValidationError
from coding.i18n import translate
from models import Code, Coder, Coding, Document, MachineModel, MachineSuggestion
from models.entities import utcnow


class NothingToSuggest(ValidationError):
    """The endpoint proposed nothing new at or above the threshold; nothing was stored."""


def codebook_hash(job: EndpointJob) -> str:
    """sha256 of the system prompt (the codebook as sent), so a paper can say which codebook text was used."""
    return hashlib.sha256(messages_for(job.codebook, "")[0]["content"].encode("utf-8")).hexdigest()


# -- the engine's model and coder rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _MadeRows:
    """A model row (and maybe its coder row) a batch created: what undo removes and redo puts back."""

    model_id: int
    model_uuid: str
    coder_id: int | None
    coder_uuid: str | None
    name: str
    parameters: dict[str, object]
    data_hash: str
    unit: str
    created_at: datetime


class _EngineRows:
    """Finds or makes the endpoint's ``MachineModel`` and coder for a job; undoes and redoes the making."""

    def __init__(self, job: EndpointJob) -> None:
        self.job = job
        self.made: _MadeRows | None = None

    def ensure(self, session: Session, actor: str) -> MachineModel:
        name = self.job.config.model_name
        model = session.scalar(select(MachineModel).where(MachineModel.name == name))
        if model is not None:
            if model.engine != ENGINE:
                raise ValidationError(translate(
                    "errors", "'{name}' is a {engine} model, not an endpoint: choose another model").format(
                    name=name, engine=model.engine))
            if model.coder_id is None:
                model.coder_id = self._coder(session, name, actor)[0].id
            return model
        coder, coder_made = self._coder(session, name, actor)
        model = MachineModel(name=name, coder_id=coder.id, engine=ENGINE, unit=self.job.unit,
                             parameters=self._parameters(), data_hash=codebook_hash(self.job), evaluation={})
        session.add(model)
        session.flush()
        record(session, actor, "add", "machine_model", model.uuid, None, {"name": name, "engine": ENGINE})
        self.made = _MadeRows(model.id, model.uuid, coder.id if coder_made else None,
                              coder.uuid if coder_made else None, name, dict(model.parameters), model.data_hash,
                              model.unit, model.created_at)
        return model

    def _coder(self, session: Session, name: str, actor: str) -> tuple[Coder, bool]:
        """The engine's coder and whether it was made now (found as coders are: exact name, then ignoring case)."""
        from coding.coders import find_coder, get_or_create_coder

        try:
            existed = find_coder(session, name).id
        except NotFoundError:
            existed = None
        coder = get_or_create_coder(session, name, actor=actor)
        return coder, existed is None

    def _parameters(self) -> dict[str, object]:
        config = self.job.config
        return {"host": config.host, "model": config.model.strip(), "prompt_version": PROMPT_VERSION,
                "unit": self.job.unit, "json_mode": config.json_mode, "date": utcnow().date().isoformat()}

    def remove(self, session: Session, actor: str) -> None:
        """Undo: take away the rows this batch made (the model's other suggestions would go with it: refused)."""
        if self.made is None:
            return
        left = session.scalar(select(func.count()).select_from(MachineSuggestion)
                              .where(MachineSuggestion.model_id == self.made.model_id))
        if left:
            raise ConflictError(translate(
                "errors", "{name} has suggestions made since: undo those first").format(name=self.made.name))
        coder_id = self.made.coder_id
        if coder_id is not None and session.scalar(select(func.count()).select_from(Coding)
                                                   .where(Coding.coder_id == coder_id)):
            raise ConflictError(translate(
                "errors", "coder {name} has codings made since: undo those first").format(name=self.made.name))
        session.execute(delete(MachineModel).where(MachineModel.id == self.made.model_id))
        record(session, actor, "remove", "machine_model", self.made.model_uuid, {"name": self.made.name}, None)
        if coder_id is not None:
            session.execute(delete(Coder).where(Coder.id == coder_id))
            record(session, actor, "remove", "coder", self.made.coder_uuid, {"name": self.made.name}, None)

    def restore(self, session: Session, actor: str) -> None:
        """Redo: the same rows again, with their ids and uuids (codings and suggestions name them by id)."""
        made = self.made
        if made is None:
            return
        if session.scalar(select(MachineModel.id).where(MachineModel.name == made.name)) is not None:
            raise ConflictError(translate(
                "errors", "there is a model named {name} again (made since): cannot redo").format(name=made.name))
        if made.coder_id is not None:
            session.add(Coder(id=made.coder_id, uuid=made.coder_uuid, name=made.name))
            session.flush()  # before the model row that names it
            record(session, actor, "add", "coder", made.coder_uuid, None, {"name": made.name, "is_consensus": False})
        coder_id = made.coder_id or session.scalar(select(Coder.id).where(Coder.name == made.name))
        session.add(MachineModel(id=made.model_id, uuid=made.model_uuid, name=made.name, coder_id=coder_id,
                                 engine=ENGINE, unit=made.unit, parameters=made.parameters, data_hash=made.data_hash,
                                 evaluation={}, created_at=made.created_at))
        session.flush()
        record(session, actor, "add", "machine_model", made.model_uuid, None, {"name": made.name, "engine": ENGINE})

    def changes(self) -> Changes:
        return Changes(machine=True, coders=self.made is not None and self.made.coder_id is not None)


def _code_ids(session: Session, job: EndpointJob) -> dict[str, int]:
    """Code path (as sent) -> code id now; refused when a code was deleted while the endpoint was asked."""
    by_uuid = dict(session.execute(select(Code.uuid, Code.id).where(Code.uuid.in_(list(job.paths.values())))).all())
    gone = [path for path, uuid in job.paths.items() if uuid not in by_uuid]
    if gone:
        raise NotFoundError(translate(
            "errors", "code '{value}' left the codebook while the endpoint was asked: ask again").format(
            value=gone[0]))
    return {path: by_uuid[uuid] for path, uuid in job.paths.items()}


Key = tuple[int, int, int, int]  # document, code, start, end


# -- suggestions -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Suggested:
    uuid: str
    document_id: int
    code_id: int
    start: int
    end: int
    confidence: float


class EndpointSuggestionsEdit(Edit):
    """Store an endpoint's answers as pending suggestions: a code at or above ``min_confidence`` for a unit no
    human coder coded with that code, and not already suggested there by this model."""

    def __init__(self, job: EndpointJob, answers: Sequence[Answer], *, min_confidence: float = 0.5) -> None:
        self.job, self.answers = job, list(answers)
        self.min_confidence = check_confidence(min_confidence)
        self.engine = _EngineRows(job)
        self.suggested: list[_Suggested] = []
        self.parameters_before: dict[str, object] | None = None  # the model's, before this batch's run record
        self.label = translate("autocode.endpoint", "Suggestions from {model}").format(model=job.config.model_name)

    @property
    def suggestion_uuids(self) -> list[str]:
        return [s.uuid for s in self.suggested]

    def do(self, session: Session, actor: str) -> Changes:
        code_ids = _code_ids(session, self.job)
        model = self.engine.ensure(session, actor)
        planned = self._planned(session, model.id, code_ids)
        if not planned:
            raise NothingToSuggest(
                translate(
                    "errors", "{model_name} suggested nothing at or above {min_confidence:.2f} for the {value} "
                    "{unit}(s) asked, beyond what is coded or suggested already; nothing was stored").format(
                    model_name=self.job.config.model_name, min_confidence=self.min_confidence, value=len(self.answers), unit=self.job.unit))
        rows = [MachineSuggestion(model_id=model.id, document_id=d, code_id=c, start=s, end=e, confidence=p)
                for d, c, s, e, p in planned]
        session.add_all(rows)
        session.flush()
        self.suggested = [_Suggested(r.uuid, r.document_id, r.code_id, r.start, r.end, r.confidence) for r in rows]
        self._record_run(session, actor, model, [r.id for r in rows])
        return self.engine.changes()

    def _record_run(self, session: Session, actor: str, model: MachineModel, ids: list[int]) -> None:
        """The threshold goes with the model's runs (provenance reads it there), then the audit event."""
        self.parameters_before = dict(model.parameters)
        record_suggestion_run(session, model, ids, self.min_confidence)
        self._audit(session, actor, model.uuid, "suggest")

    def _planned(self, session: Session, model_id: int,
                 code_ids: dict[str, int]) -> list[tuple[int, int, int, int, float]]:
        humans_coded = _human_coded(session, self.answers)
        suggested: set[Key] = {(d, c, s, e) for d, c, s, e in session.execute(
            select(MachineSuggestion.document_id, MachineSuggestion.code_id, MachineSuggestion.start,
                   MachineSuggestion.end).where(MachineSuggestion.model_id == model_id))}
        planned: list[tuple[int, int, int, int, float]] = []
        for answer in self.answers:
            unit = answer.unit
            for path, confidence in answer.codes.items():
                code_id = code_ids[path]
                key = (unit.document_id, code_id, unit.start, unit.end)
                if confidence < self.min_confidence or key in suggested or _overlaps(humans_coded, key):
                    continue
                suggested.add(key)
                planned.append((*key, confidence))
        return planned

    def _audit(self, session: Session, actor: str, model_uuid: str, action: str) -> None:
        record(session, actor, action, "machine_model", model_uuid, None, {
            "suggestions": len(self.suggested), "unit": self.job.unit, "min_confidence": self.min_confidence,
            "documents": sorted({s.document_id for s in self.suggested})})

    def undo(self, session: Session, actor: str) -> Changes:
        uuids = self.suggestion_uuids
        statuses = dict(session.execute(select(MachineSuggestion.uuid, MachineSuggestion.status)
                                        .where(MachineSuggestion.uuid.in_(uuids))).all())
        decided = [uuid for uuid in uuids if statuses.get(uuid, "pending") != "pending"]
        if decided:
            raise ConflictError(translate(
                "errors", "{value} of these suggestions were accepted or rejected since: undo those decisions first").format(
                value=len(decided)))
        session.execute(delete(MachineSuggestion).where(MachineSuggestion.uuid.in_(uuids)))
        model = session.scalar(select(MachineModel).where(MachineModel.name == self.job.config.model_name))
        if model is not None and self.parameters_before is not None:
            model.parameters = dict(self.parameters_before)  # this batch's run record goes with its suggestions
        record(session, actor, "unsuggest", "machine_model", model.uuid if model else None,
               {"suggestions": len(uuids)}, None)
        self.engine.remove(session, actor)
        return self.engine.changes()

    def redo(self, session: Session, actor: str) -> Changes:
        self.engine.restore(session, actor)
        model = session.scalar(select(MachineModel).where(MachineModel.name == self.job.config.model_name))
        if model is None:
            raise ConflictError(translate(
                "errors", "{model_name} was removed since: cannot redo its suggestions").format(
                model_name=self.job.config.model_name))
        rows = [MachineSuggestion(uuid=s.uuid, model_id=model.id, document_id=s.document_id, code_id=s.code_id,
                                  start=s.start, end=s.end, confidence=s.confidence) for s in self.suggested]
        session.add_all(rows)
        session.flush()
        self._record_run(session, actor, model, [r.id for r in rows])
        return self.engine.changes()


def _human_coded(session: Session, answers: Sequence[Answer]) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """(document, code) -> spans coded by people (every coder that is not a machine's) in the answers' documents."""
    documents = {answer.unit.document_id for answer in answers}
    machines = machine_coder_ids(session)
    query = select(Coding.document_id, Coding.code_id, Coding.start, Coding.end, Coding.coder_id).where(
        Coding.document_id.in_(documents))
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for document_id, code_id, start, end, coder_id in session.execute(query):
        if coder_id not in machines:
            spans.setdefault((document_id, code_id), []).append((start, end))
    return spans


def _overlaps(spans: dict[tuple[int, int], list[tuple[int, int]]], key: Key) -> bool:
    document_id, code_id, start, end = key
    return any(s < end and start < e for s, e in spans.get((document_id, code_id), ()))


# -- the endpoint coder's own codings (agreement) ----------------------------------------------------------------


class EndpointCodingsEdit(Edit):
    """Code the asked units as the endpoint's coder (every code at or above ``min_confidence``), one undo step,
    so agreement with each human is measured at the same units like any coder's."""

    def __init__(self, job: EndpointJob, answers: Sequence[Answer], *, min_confidence: float = 0.5) -> None:
        self.job, self.answers = job, list(answers)
        self.min_confidence = check_confidence(min_confidence)
        self.engine = _EngineRows(job)
        self.autocode: AutocodeEdit | None = None
        self.label = translate("autocode.endpoint", "{model} codes {count} document(s)").format(
            model=job.config.model_name, count=len({a.unit.document_id for a in answers}))

    @property
    def created(self) -> list[str]:
        return self.autocode.created if self.autocode is not None else []

    def do(self, session: Session, actor: str) -> Changes:
        code_ids = _code_ids(session, self.job)
        model = self.engine.ensure(session, actor)
        assert model.coder_id is not None
        passages = [Passage(a.unit.document_id, a.unit.start, a.unit.end, code_ids[path], reason=model.name)
                    for a in self.answers for path, confidence in a.codes.items()
                    if confidence >= self.min_confidence]
        if not passages:
            raise NothingToSuggest(translate(
                "errors", "{name} chose no code at or above {min_confidence:.2f} for the {value} {unit}(s) asked; "
                "nothing was stored").format(
                name=model.name, min_confidence=self.min_confidence, value=len(self.answers), unit=self.job.unit))
        self.autocode = AutocodeEdit(passages, model.coder_id, self.label)
        return self.autocode.do(session, actor) | self.engine.changes()

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.autocode is not None
        changes = self.autocode.undo(session, actor)
        self.engine.remove(session, actor)
        return changes | self.engine.changes()

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.autocode is not None
        self.engine.restore(session, actor)
        return self.autocode.redo(session, actor) | self.engine.changes()


def human_coded_documents(session: Session, document_ids: Sequence[int]) -> list[int]:
    """Those of the documents that some person (not a machine coder) has coded."""
    machines = machine_coder_ids(session)
    query = select(Coding.document_id, Coding.coder_id).where(Coding.document_id.in_(list(document_ids))).distinct()
    return sorted({document_id for document_id, coder_id in session.execute(query) if coder_id not in machines})


def check_people_coded(session: Session, document_ids: Sequence[int]) -> list[int]:
    """The documents, refused unless each has a person's codings (agreement needs them to compare with)."""
    chosen = sorted(set(document_ids))
    uncoded = set(chosen) - set(human_coded_documents(session, chosen))
    names = sorted(session.scalars(select(Document.name).where(Document.id.in_(uncoded))))
    if not chosen or names:
        what = (translate("errors", "no person has coded {names}").format(names=", ".join(names)) if names
                else translate("errors", "no documents were chosen"))
        raise ValidationError(translate(
            "errors", "the endpoint codes documents people have coded, to compare with them: {what}").format(
            what=what))
    return chosen


__all__ = ["EndpointCodingsEdit", "EndpointSuggestionsEdit", "NothingToSuggest", "check_people_coded",
           "codebook_hash", "human_coded_documents"]
