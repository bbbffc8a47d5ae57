"""Stored agreement runs (list, reopen, delete, follow a measure over time) and coding snapshots.

A run is saved as one ``AgreementRun`` (parameters JSON + the codebook as it was), one ``AgreementResult`` row
per figure over all documents, and its per-document figures packed in one column of the run (migration 0008: a
run over 5,500 documents has about a million of them). Reopening a run gives back exactly the figures that were
computed, in order (floats round-trip unchanged), as a :class:`coding.agreement.figure_table.FigureTable`. Training rounds are followed with :func:`measure_series`: the value of one measure, for one
code (or pool), in every run, oldest first — is agreement rising?

Snapshots freeze one coder's codings (``CodingSnapshot``) so that the same coder can later be compared with
their earlier self: pass ``"snapshot:LABEL"`` as a coder to :func:`coding.agreement.compare.run_comparison`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from coding.agreement.compare import ComparisonResult, Figure
from coding.agreement.figure_table import FIELD_ORDER, FigureTable, as_table
from coding.agreement.sources import find_snapshot, snapshot_name
from coding.audit import record
from coding.changes import Changes
from coding.coders import find_coder
from coding.errors import CancelledError, DuplicateError, NotFoundError, ValidationError
from coding.progress import Cancel
from models import AgreementResult, AgreementRun, Code, Coder, Coding, CodingSnapshot, Document
from coding.i18n import translate

AGREEMENT_CHANGED = Changes(agreement=True)
_FIGURE_COLUMNS = FIELD_ORDER


# ------------------------------------------------------------------------------------------------
# Runs
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunSummary:
    """One stored run as the run list shows it."""

    id: int
    uuid: str
    created_at: datetime
    label: str
    note: str
    unit: str
    coders: tuple[str, ...]
    measures: tuple[str, ...]
    level: int | str
    documents: int
    figures: int


@dataclass(frozen=True)
class StoredRun:
    """A reopened run: its parameters, the codebook as it was, and every figure in stored order (a
    :class:`FigureTable`: per-document figures are read from their packed block, not one row each)."""

    id: int
    uuid: str
    created_at: datetime
    label: str
    note: str
    parameters: dict[str, Any]
    codebook_snapshot: list[Any]
    figures: Sequence[Figure]

    def select(self, **criteria: Any) -> list[Figure]:
        return as_table(self.figures).select(**criteria)

    def document_names(self) -> dict[str, str]:
        return dict(zip(self.parameters.get("document_uuids", []), self.parameters.get("documents", []), strict=False))

    def header(self) -> dict[str, Any]:
        """Everything but the figures, as :meth:`to_dict` gives it (for :func:`write_json`)."""
        return {
            "id": self.id, "uuid": self.uuid, "created_at": self.created_at.isoformat(), "label": self.label,
            "note": self.note, "parameters": self.parameters,
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.header(), "figures": [f.to_dict() for f in self.figures]}


def store_run(session: Session, result: ComparisonResult, *, label: str = "", note: str = "", actor: str = "",
              cancel: Cancel | None = None) -> int:
    """Save a comparison with its parameters, codebook snapshot and every figure; returns the run id. Figures
    over all documents become ``AgreementResult`` rows; per-document figures one packed block on the run.
    ``cancel()`` returning True stops it with CancelledError before anything is added to the session (packing
    a million figures takes a second or more, so it is asked between columns)."""

    def check() -> None:
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "agreement comparison cancelled; nothing was stored"))

    check()
    table = as_table(result.figures)
    per_document = table.columns["document_uuid"] >= 0
    packed = (table.subset(per_document).to_bytes({"position": np.flatnonzero(per_document)}, check)
              if per_document.any() else None)
    check()
    run = AgreementRun(label=label.strip(), note=note, parameters=result.parameters_json(),
                       codebook_snapshot=result.codebook_snapshot, document_figure_count=int(per_document.sum()))
    if packed is not None:
        run.document_figures = packed
    session.add(run)
    session.flush()
    overall = list(table.rows(np.flatnonzero(~per_document)))
    if overall:
        session.execute(insert(AgreementResult),
                        [{"run_id": run.id, **dict(zip(FIELD_ORDER, row, strict=True))} for row in overall])
    record(session, actor, "store", "agreement_run", run.uuid, None,
           {"label": run.label, "unit": result.params.unit, "coders": list(result.raters),
            "figures": len(table)})
    return run.id


def find_run(session: Session, reference: int | str) -> AgreementRun:
    """A run by id (number) or uuid."""
    text = str(reference).strip()
    run = None
    if text.isdigit():
        run = session.get(AgreementRun, int(text))
    if run is None:
        run = session.scalar(select(AgreementRun).where(AgreementRun.uuid == text))
    if run is None:
        raise NotFoundError(translate(
            "errors", "no agreement run '{text}' (list them with `concord agreement runs PROJECT`)").format(text=text))
    return run


def list_runs(session: Session, known: Mapping[int, RunSummary] | None = None) -> list[RunSummary]:
    """Every stored run, oldest first. A stored run never changes, so the summaries in ``known`` (by id) are
    reused and only the other runs are read: each run's parameters name every compared document, half a
    megabyte of JSON at 5,500 documents, and the run list is refreshed after every comparison."""
    # an id whose run was deleted may be given to a new run: a summary is reused only under its own uuid
    uuids = {run_id: uuid for run_id, uuid in session.execute(
        select(AgreementRun.id, AgreementRun.uuid).order_by(AgreementRun.created_at, AgreementRun.id))}
    known = {run_id: summary for run_id, summary in (known or {}).items() if uuids.get(run_id) == summary.uuid}
    ids = list(uuids)
    missing = [run_id for run_id in ids if run_id not in known]
    read: dict[int, RunSummary] = {}
    if missing:
        counts = dict(session.execute(
            select(AgreementResult.run_id, func.count()).where(AgreementResult.run_id.in_(missing))
            .group_by(AgreementResult.run_id)).all())
        for run in session.scalars(select(AgreementRun).where(AgreementRun.id.in_(missing))):
            read[run.id] = _summary(run, counts.get(run.id, 0) + (run.document_figure_count or 0))
    return [known[run_id] if run_id in known else read[run_id] for run_id in ids]


def _summary(run: AgreementRun, figures: int) -> RunSummary:
    p = run.parameters or {}
    return RunSummary(
        id=run.id, uuid=run.uuid, created_at=run.created_at, label=run.label, note=run.note,
        unit=p.get("unit", ""), coders=tuple(p.get("rater_names") or p.get("coders") or ()),
        measures=tuple(p.get("measures", ())), level=p.get("level", "all"),
        documents=len(p.get("documents", ())), figures=figures,
    )


def load_run(session: Session, reference: int | str) -> StoredRun:
    """Reopen a stored run (by id or uuid) with every figure, in the order it was computed."""
    run = find_run(session, reference)
    columns = [getattr(AgreementResult, c) for c in _FIGURE_COLUMNS]
    rows = session.execute(select(*columns).where(AgreementResult.run_id == run.id).order_by(AgreementResult.id))
    stored = FigureTable.from_figures(Figure(*row) for row in rows)
    packed = session.scalar(select(AgreementRun.document_figures).where(AgreementRun.id == run.id))
    figures = stored if packed is None else _with_packed(stored, packed)
    return StoredRun(run.id, run.uuid, run.created_at, run.label, run.note, dict(run.parameters or {}),
                     list(run.codebook_snapshot or []), figures)


def _with_packed(rows: FigureTable, packed: bytes) -> FigureTable:
    """The run's rows and its packed per-document figures, back in the order the run computed them."""
    per_document, extra = FigureTable.from_bytes(packed)
    positions = extra["position"]
    is_packed = np.zeros(len(rows) + len(per_document), dtype=bool)
    is_packed[positions] = True
    # Both parts are in run order already: interleave them by position (no sort).
    order = np.empty(len(is_packed), dtype=np.int64)
    order[~is_packed] = np.arange(len(rows))
    order[positions] = len(rows) + np.arange(len(per_document))
    return FigureTable.concatenate([rows, per_document], order)


def delete_run(session: Session, reference: int | str, *, actor: str = "") -> Changes:
    """Delete a run and all its figures."""
    run = find_run(session, reference)
    session.execute(delete(AgreementResult).where(AgreementResult.run_id == run.id))
    record(session, actor, "delete", "agreement_run", run.uuid, {"label": run.label, "parameters": run.parameters})
    session.delete(run)
    session.flush()
    return AGREEMENT_CHANGED


# ------------------------------------------------------------------------------------------------
# Agreement over time
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesPoint:
    run_id: int
    run_uuid: str
    created_at: datetime
    label: str
    unit: str
    value: float | None
    n_units: int
    ci_low: float | None
    ci_high: float | None


def measure_series(
    session: Session,
    measure: str,
    *,
    code_uuid: str | None = None,
    level: int | None = None,
    units: str = "all",
    coders: Sequence[str] | None = None,
    unit: str | None = None,
) -> list[SeriesPoint]:
    """One figure from every stored run that has it, oldest run first: training rounds made visible.

    The figure is ``measure`` over all documents for ``code_uuid`` (None = a pool: ``level`` picks the level
    pool, None the all-codes pool — or, in a run with one level, that level's pool). ``coders`` picks a pair
    (a run of exactly those two coders counts too); None = all of each run's coders. ``unit`` keeps only runs
    at that unit (sentence, character …): figures at different units are not comparable.
    """
    pair = tuple(coders) if coders else None
    if pair is not None and len(pair) != 2:
        raise ValidationError(translate("errors", "follow a pair of coders (two names) or all coders (none)"))
    points = []
    for run in session.scalars(select(AgreementRun).order_by(AgreementRun.created_at, AgreementRun.id)):
        p = run.parameters or {}
        if unit is not None and p.get("unit") != unit:
            continue
        row = _series_row(session, run, measure, code_uuid, level, units, pair)
        if row is not None:
            points.append(SeriesPoint(run.id, run.uuid, run.created_at, run.label, p.get("unit", ""), row.value,
                                      row.n_units, row.ci_low, row.ci_high))
    return points


def _series_row(
    session: Session, run: AgreementRun, measure: str, code_uuid: str | None, level: int | None, units: str,
    pair: tuple[str, ...] | None,
) -> Any:
    query = select(AgreementResult).where(
        AgreementResult.run_id == run.id, AgreementResult.measure == measure, AgreementResult.units == units,
        AgreementResult.document_uuid.is_(None),
    )
    if code_uuid is not None:
        query = query.where(AgreementResult.code_uuid == code_uuid)
    else:
        query = query.where(AgreementResult.code_uuid.is_(None))
        query = query.where(AgreementResult.level == level) if level is not None else query
    raters = set((run.parameters or {}).get("rater_names", []))
    if pair is None or raters == set(pair):
        query = query.where(AgreementResult.coder_a.is_(None))
    else:
        query = query.where(
            ((AgreementResult.coder_a == pair[0]) & (AgreementResult.coder_b == pair[1]))
            | ((AgreementResult.coder_a == pair[1]) & (AgreementResult.coder_b == pair[0]))
        )
    rows = list(session.scalars(query.order_by(AgreementResult.id)))
    if code_uuid is None and level is None and rows:
        # The all-codes pool has level None; a run over one level has only that level's pool.
        overall = [r for r in rows if r.level is None]
        return overall[0] if overall else (rows[0] if len(rows) == 1 else None)
    return rows[0] if rows else None


def series_trend(points: Sequence[SeriesPoint]) -> float | None:
    """Least-squares slope of the values per run (positive = agreement rising); None with under two values."""
    values = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if len(values) < 2:
        return None
    x, y = np.array(values, dtype=float).T
    return float(np.polyfit(x, y, 1)[0])


# ------------------------------------------------------------------------------------------------
# Snapshots (intra-coder agreement)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotSummary:
    id: int
    uuid: str
    coder: str
    label: str
    created_at: datetime
    codings: int

    @property
    def rater(self) -> str:
        """What to pass as a coder to compare this snapshot: ``snapshot:CODER@LABEL``."""
        return f"snapshot:{snapshot_name(self.coder, self.label)}"


def take_snapshot(session: Session, coder: str, label: str, *, actor: str = "") -> SnapshotSummary:
    """Freeze a coder's codings now under ``label`` (unique per coder), for a later test-retest comparison."""
    found = find_coder(session, coder)
    label = label.strip()
    if not label:
        raise ValidationError(translate("errors", "give the snapshot a label, e.g. 'round 1'"))
    if "@" in label:
        raise ValidationError(translate("errors", "snapshot label '{label}' must not contain '@'").format(label=label))
    clash = session.scalar(select(CodingSnapshot.id).where(CodingSnapshot.coder_id == found.id,
                                                           CodingSnapshot.label == label))
    if clash is not None:
        raise DuplicateError(translate(
            "errors", "{name} already has a snapshot labelled '{label}'").format(name=found.name, label=label))
    rows = session.execute(
        select(Document.uuid, Code.uuid, Coding.start, Coding.end)
        .join(Document, Document.id == Coding.document_id)
        .join(Code, Code.id == Coding.code_id)
        .where(Coding.coder_id == found.id)
        .order_by(Document.name, Coding.start, Coding.end)
    ).all()
    if not rows:
        raise ValidationError(translate("errors", "{name} has no codings to snapshot").format(name=found.name))
    snapshot = CodingSnapshot(coder_id=found.id, label=label, codings=[list(row) for row in rows])
    session.add(snapshot)
    session.flush()
    record(session, actor, "snapshot", "coding_snapshot", snapshot.uuid, None,
           {"coder": found.name, "label": label, "codings": len(rows)})
    return SnapshotSummary(snapshot.id, snapshot.uuid, found.name, label, snapshot.created_at, len(rows))


def list_snapshots(session: Session) -> list[SnapshotSummary]:
    rows = session.execute(
        select(CodingSnapshot, Coder.name).join(Coder, Coder.id == CodingSnapshot.coder_id)
        .order_by(CodingSnapshot.created_at, CodingSnapshot.id)
    ).all()
    return [SnapshotSummary(s.id, s.uuid, name, s.label, s.created_at, len(s.codings or [])) for s, name in rows]


def delete_snapshot(session: Session, reference: str, *, actor: str = "") -> Changes:
    snapshot = find_snapshot(session, reference)
    record(session, actor, "delete", "coding_snapshot", snapshot.uuid, {"label": snapshot.label}, None)
    session.delete(snapshot)
    session.flush()
    return AGREEMENT_CHANGED


__all__ = [
    "AGREEMENT_CHANGED",
    "RunSummary",
    "SeriesPoint",
    "SnapshotSummary",
    "StoredRun",
    "delete_run",
    "delete_snapshot",
    "find_run",
    "find_snapshot",
    "list_runs",
    "list_snapshots",
    "load_run",
    "measure_series",
    "series_trend",
    "store_run",
    "take_snapshot",
]
