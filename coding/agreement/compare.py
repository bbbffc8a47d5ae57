"""The agreement run engine: coders' codings -> per-code, per-level, per-document, per-pair agreement figures.

``run_comparison(session, params)`` reads the chosen raters' spans, turns them into binary present/absent values
per unit and code (:mod:`coding.agreement.units`), and evaluates the chosen measures for every scope:

* **codes** — each compared code, with roll-up: a code counts as present wherever the code itself *or any code
  below it* is applied (a level-2 code is present wherever any of its level-3 children is); then each level
  pooled; and, when several levels are compared, all codes pooled over the most specific compared codes only
  (those with no compared code below them), so no passage counts twice through roll-up. *Pooled* treats every
  (unit, code) pair as one unit: the measure of the concatenated per-code data, not a mean of per-code values.
* **documents** — every compared document, and all of them together (``document_uuid`` None). Document units
  have one unit per document, so they give figures over all documents only.
* **coders** — all chosen coders together (``coder_a``/``coder_b`` None) and, with three or more coders, each
  pair over all documents (per document too with ``pairs_per_document``). Cohen's κ is given for two coders
  only (a pair, or "all" when two coders are compared); Fleiss' κ for two coders is Scott's π.
* **units** — ``"all"``: every unit of the compared documents; ``"coded"``: only the units that at least one of
  the scope's coders coded with the code. Long uncoded stretches inflate agreement over all units; the
  coded-units figure leaves them out. Segment units are coded by definition: they report ``"coded"`` only.

Measures are evaluated on pattern weights (:mod:`coding.agreement.weighted`), which equals running them on the
full reliability matrix. Bootstrap percentile intervals (seeded, resampling units) are given for the figures
over all documents. Every figure carries ``n_units`` and, when its value is undefined, the reason in ``note``.
Alongside the measures each scope gets a ``"disagreements"`` figure: how many units the coders differ on.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from coding.agreement.sources import (
    CodeRef,
    DocumentRef,
    Rater,
    RaterSpans,
    load_spans,
    resolve_codes,
    resolve_documents,
    resolve_raters,
    unit_frames,
)
from coding.agreement.unitizing import krippendorff_u_alpha
from coding.agreement.units import (
    UNIT_KINDS,
    PresenceRule,
    character_weights,
    disagreeing_weight,
    merge_overlapping,
    segment_weights_by_owner,
    sub_pattern_weights,
    union,
    unit_weights,
)
from coding.agreement.weighted import (
    MEASURE_NAMES,
    NO_UNITS,
    pattern_measure,
    percentile_interval,
    resample_weights,
)
from coding.codebook import export_codebook
from coding.errors import CancelledError, ValidationError

DEFAULT_MEASURES: tuple[str, ...] = ("percent", "alpha", "kappa", "ac1")
AVAILABLE_MEASURES: tuple[str, ...] = (*MEASURE_NAMES, "ualpha")
DISAGREEMENTS = "disagreements"
DEFAULT_UNIT = "sentence"
DEFAULT_TOLERANCE = 90.0  # MAXQDA's default minimum overlap for segments
MAX_RESAMPLES = 100_000
OVERLAP_DEFINITION = "intersection / union of the two segments (Jaccard), in percent"
# Chance corrections that need a "neither coder" cell, which segment units do not have.
_NEEDS_NEITHER_CELL = ("alpha", "kappa", "fleiss", "ac1")
_SEGMENT_REASON = (
    "segment units have no 'neither coder coded it' cell, so this chance correction does not apply; "
    "use percent, bp (MAXQDA's choice) or ualpha"
)
_NONE_CODED = "none of these coders used this code here"

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


# ------------------------------------------------------------------------------------------------
# Parameters and results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonParams:
    """What to compare. ``coders`` are names (``"snapshot:LABEL"`` for a saved snapshot); ``level`` None = all
    levels; ``codes`` uuids or paths (None = every code); ``documents`` names or uuids (None = every document
    that each coder coded); ``rule`` "any" or "N%" (sentence and turn units); ``tolerance`` the minimum segment
    overlap in percent (segment units); ``n_resamples`` 0 = no bootstrap intervals."""

    coders: tuple[str, ...]
    unit: str = DEFAULT_UNIT
    level: int | None = None
    codes: tuple[str, ...] | None = None
    documents: tuple[str, ...] | None = None
    measures: tuple[str, ...] = DEFAULT_MEASURES
    rule: str = "any"
    tolerance: float = DEFAULT_TOLERANCE
    n_resamples: int = 0
    seed: int = 0
    confidence: float = 0.95
    pairs_per_document: bool = False

    def checked(self) -> ComparisonParams:
        """The same parameters validated and normalised; a ValidationError names the first bad one."""
        coders = tuple(c.strip() for c in self.coders if c.strip())
        if len(coders) < 2:
            raise ValidationError(f"compare at least two coders (got {len(coders)}: {', '.join(coders) or 'none'})")
        if self.unit not in UNIT_KINDS:
            raise ValidationError(f"unknown unit '{self.unit}' (choose from {', '.join(UNIT_KINDS)})")
        if self.level is not None and (not isinstance(self.level, int) or self.level < 1):
            raise ValidationError(f"level must be 1, 2, 3 … or all, not {self.level!r}")
        measures = tuple(dict.fromkeys(m.strip().lower() for m in self.measures if m.strip()))
        unknown = [m for m in measures if m not in AVAILABLE_MEASURES]
        if unknown:
            raise ValidationError(f"unknown measure '{unknown[0]}' (choose from {', '.join(AVAILABLE_MEASURES)})")
        if not measures:
            raise ValidationError("choose at least one measure")
        if not isinstance(self.tolerance, int | float) or not 0 <= self.tolerance <= 100:
            raise ValidationError(f"tolerance must be a percentage from 0 to 100, not {self.tolerance!r}")
        rule = PresenceRule.parse(self.rule).label
        if not isinstance(self.n_resamples, int) or not 0 <= self.n_resamples <= MAX_RESAMPLES:
            raise ValidationError(f"bootstrap resamples must be 0–{MAX_RESAMPLES}, not {self.n_resamples!r}")
        if not 0 < self.confidence < 1:
            raise ValidationError(f"confidence must lie between 0 and 1, not {self.confidence!r}")
        return ComparisonParams(
            coders=coders, unit=self.unit, level=self.level,
            codes=tuple(self.codes) if self.codes else None,
            documents=tuple(self.documents) if self.documents else None,
            measures=measures, rule=rule, tolerance=float(self.tolerance), n_resamples=self.n_resamples,
            seed=int(self.seed), confidence=float(self.confidence), pairs_per_document=self.pairs_per_document,
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ComparisonParams:
        """Parameters of a stored run (``AgreementRun.parameters``), to run it again on today's codings."""
        level = data.get("level", "all")
        return cls(
            coders=tuple(data["coders"]), unit=data.get("unit", DEFAULT_UNIT),
            level=None if level in (None, "all") else int(level),
            codes=tuple(data["codes"]) if data.get("codes") else None,
            documents=tuple(data["document_uuids"]) if data.get("document_uuids") else None,
            measures=tuple(data.get("measures", DEFAULT_MEASURES)), rule=data.get("rule", "any"),
            tolerance=float(data.get("tolerance", DEFAULT_TOLERANCE)), n_resamples=int(data.get("n_resamples", 0)),
            seed=int(data.get("seed", 0)), confidence=float(data.get("confidence", 0.95)),
            pairs_per_document=bool(data.get("pairs_per_document", False)),
        )


@dataclass(frozen=True)
class Figure:
    """One agreement figure; the fields are the columns of ``AgreementResult``. ``value`` None = undefined
    (``note`` says why); None in ``code_uuid``/``document_uuid``/``coder_a`` means pooled/all."""

    code_uuid: str | None
    code_name: str
    level: int | None
    document_uuid: str | None
    coder_a: str | None
    coder_b: str | None
    measure: str
    units: str
    value: float | None
    n_units: int
    ci_low: float | None = None
    ci_high: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ComparisonResult:
    """A finished comparison: the checked parameters, what was compared, and every figure."""

    params: ComparisonParams
    raters: tuple[str, ...]
    documents: tuple[DocumentRef, ...]
    codes: tuple[CodeRef, ...]
    figures: list[Figure]
    codebook_snapshot: list[Any] = field(default_factory=list)
    notes: tuple[str, ...] = ()

    def parameters_json(self) -> dict[str, Any]:
        """Everything needed to read (and re-run) the comparison: ``AgreementRun.parameters``."""
        p = self.params
        return {
            "coders": list(p.coders),
            "rater_names": list(self.raters),
            "codes": list(p.codes) if p.codes else None,
            "compared_codes": [{"uuid": c.uuid, "path": c.path, "level": c.level} for c in self.codes],
            "level": p.level if p.level is not None else "all",
            "unit": p.unit,
            "rule": p.rule,
            "tolerance": p.tolerance,
            "overlap": OVERLAP_DEFINITION,
            "documents": [d.name for d in self.documents],
            "document_uuids": [d.uuid for d in self.documents],
            "documents_chosen": p.documents is not None,
            "measures": list(p.measures),
            "seed": p.seed,
            "n_resamples": p.n_resamples,
            "confidence": p.confidence,
            "pairs_per_document": p.pairs_per_document,
            "pooling": "pooled figures treat every (unit, code) pair as one unit",
            "notes": list(self.notes),
        }

    def select(self, **criteria: Any) -> list[Figure]:
        """Figures whose fields equal every given value, e.g. ``select(measure="alpha", document_uuid=None)``."""
        return [f for f in self.figures if all(getattr(f, k) == v for k, v in criteria.items())]

    def document_names(self) -> dict[str, str]:
        return {d.uuid: d.name for d in self.documents}

    def to_dict(self) -> dict[str, Any]:
        return {"parameters": self.parameters_json(), "figures": [f.to_dict() for f in self.figures]}


# ------------------------------------------------------------------------------------------------
# Scopes
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CodeScope:
    uuid: str | None
    name: str
    level: int | None
    rows: tuple[int, ...]  # indexes into the compared codes
    n_codes: int  # q of Brennan–Prediger at segment level: codes in the table this figure belongs to


@dataclass(frozen=True)
class _CoderScope:
    coder_a: str | None
    coder_b: str | None
    coders: tuple[int, ...]
    per_document: bool


def _code_scopes(codes: Sequence[CodeRef]) -> list[_CodeScope]:
    levels = sorted({c.level for c in codes})
    per_level = {level: tuple(i for i, c in enumerate(codes) if c.level == level) for level in levels}
    scopes = [_CodeScope(c.uuid, c.path, c.level, (i,), len(per_level[c.level])) for i, c in enumerate(codes)]
    for level in levels:
        rows = per_level[level]
        scopes.append(_CodeScope(None, f"All level-{level} codes (pooled)", level, rows, len(rows)))
    if len(levels) > 1:
        ids = {c.id for c in codes}
        leaves = tuple(i for i, c in enumerate(codes) if not (c.members - {c.id}) & ids)
        scopes.append(_CodeScope(None, "All codes (pooled, most specific codes)", None, leaves, len(leaves)))
    return scopes


def _coder_scopes(raters: Sequence[Rater], pairs_per_document: bool) -> list[_CoderScope]:
    scopes = [_CoderScope(None, None, tuple(range(len(raters))), True)]
    if len(raters) > 2:
        for i in range(len(raters)):
            for j in range(i + 1, len(raters)):
                scopes.append(_CoderScope(raters[i].name, raters[j].name, (i, j), pairs_per_document))
    return scopes


# ------------------------------------------------------------------------------------------------
# Progress and cancellation
# ------------------------------------------------------------------------------------------------


class _Steps:
    def __init__(self, progress: Progress | None, cancel: Cancel | None, total: int) -> None:
        self.progress, self.cancel, self.total, self.done = progress, cancel, total, 0

    def advance(self, label: str) -> None:
        if self.cancel is not None and self.cancel():
            raise CancelledError("agreement comparison cancelled; nothing was stored")
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, label)


# ------------------------------------------------------------------------------------------------
# Units -> pattern weights
# ------------------------------------------------------------------------------------------------


def _weights(
    unit: str, spans: Sequence[RaterSpans], codes: Sequence[CodeRef], documents: Sequence[DocumentRef],
    frames: dict[int, tuple[np.ndarray, np.ndarray]], rule: PresenceRule, tolerance: float, steps: _Steps,
) -> np.ndarray:
    """codes × documents × owners × 2**raters: units per pattern of presence. Segment units keep one row per
    rater whose segments they are (a pair compares its own segments only); other units have one owner row."""
    n_patterns = 2 ** len(spans)
    owners = len(spans) if unit == "segment" else 1
    weights = np.zeros((len(codes), len(documents), owners, n_patterns))
    for d, document in enumerate(documents):
        steps.advance(f"Units of {document.name}")
        if unit == "character":
            empty_units = document.length
        elif unit == "segment":
            empty_units = 0
        else:
            empty_units = len(frames[document.id][0])
        for c, code in enumerate(codes):
            intervals = [s.intervals(document.id, code.members) for s in spans]
            if not any(len(i[0]) for i in intervals):
                weights[c, d, 0, 0] = empty_units  # nobody used the code here: every unit is "absent" for all
            elif unit == "segment":
                weights[c, d] = segment_weights_by_owner([merge_overlapping(i) for i in intervals], tolerance)
            elif unit == "character":
                weights[c, d, 0] = character_weights([union(i) for i in intervals], document.length)
            else:
                weights[c, d, 0] = unit_weights([union(i) for i in intervals], frames[document.id], rule)
    return weights


# ------------------------------------------------------------------------------------------------
# Measures over scopes
# ------------------------------------------------------------------------------------------------


def _unit_variants(unit: str) -> tuple[str, ...]:
    return ("coded",) if unit == "segment" else ("all", "coded")


def _only_coded(weights: np.ndarray) -> np.ndarray:
    coded = weights.copy()
    coded[..., 0] = 0.0
    return coded


def _measure_applies(measure: str, n_coders: int) -> bool:
    """Cohen's kappa compares exactly two coders; the other measures take any number."""
    return not (measure == "kappa" and n_coders != 2)


def _evaluate(
    measure: str, unit: str, weights: np.ndarray, scopes: Sequence[_CodeScope]
) -> tuple[np.ndarray, np.ndarray]:
    """(values, reasons) of a measure for scopes × documents weights."""
    shape = weights.shape[:-1]
    n_coders = int(math.log2(weights.shape[-1]))
    if unit == "segment" and measure in _NEEDS_NEITHER_CELL:
        return np.full(shape, np.nan), np.full(shape, _SEGMENT_REASON, dtype=object)
    if unit == "segment" and measure == "bp":
        values = np.full(shape, np.nan)
        reasons = np.full(shape, "", dtype=object)
        for q in sorted({s.n_codes for s in scopes}):
            rows = [i for i, s in enumerate(scopes) if s.n_codes == q]
            if q < 2:
                reasons[rows] = "Brennan–Prediger at segment level needs two or more codes (q = codes compared)"
                continue
            values[rows], reasons[rows] = pattern_measure("bp", n_coders, q).evaluate(weights[rows])
        return values, reasons
    return pattern_measure(measure, n_coders).evaluate(weights)


def _scope_seed(seed: int, *parts: object) -> np.random.Generator:
    """A generator for one scope: the same seed gives the same interval whatever else the run computes."""
    key = "|".join("" if p is None else str(p) for p in parts)
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


def _interval(
    measure: str, unit: str, multiplicities: np.ndarray, scope: _CodeScope, confidence: float
) -> tuple[float, float] | None:
    values, _ = _evaluate(measure, unit, multiplicities[np.newaxis], [scope])
    return percentile_interval(values[0], confidence)


def _as_value(value: float, reason: object, units: str, n_units: int) -> tuple[float | None, str]:
    if np.isfinite(value):
        return float(value), ""
    if units == "coded" and n_units == 0:
        return None, _NONE_CODED
    return None, str(reason) or "undefined"


# ------------------------------------------------------------------------------------------------
# Unitizing alpha (on the continuum, independent of the unit choice)
# ------------------------------------------------------------------------------------------------


def _ualpha_figures(
    spans: Sequence[RaterSpans], codes: Sequence[CodeRef], documents: Sequence[DocumentRef],
    code_scopes: Sequence[_CodeScope], coder_scopes: Sequence[_CoderScope], document_wise: bool, steps: _Steps,
) -> dict[tuple[int, int, int], tuple[float | None, int, str]]:
    """(code scope, document index (0 = all), coder scope) -> (value, characters, note)."""
    segments = [
        [[merge_overlapping(s.intervals(doc.id, code.members)) for code in codes] for doc in documents] for s in spans
    ]
    offsets = np.concatenate(([0], np.cumsum([d.length for d in documents])))
    out: dict[tuple[int, int, int], tuple[float | None, int, str]] = {}
    for s, scope in enumerate(code_scopes):
        steps.advance(f"Unitizing alpha: {scope.name}")
        for k, coders in enumerate(coder_scopes):
            targets = [0, *range(1, len(documents) + 1)] if coders.per_document and document_wise else [0]
            for target in targets:
                docs = range(len(documents)) if target == 0 else [target - 1]
                data = [
                    [(int(a) + int(offsets[d]), int(b) + int(offsets[d]), row)
                     for d in docs for row in scope.rows for a, b in zip(*segments[r][d][row], strict=True)]
                    for r in coders.coders
                ]
                begin, end = (0, int(offsets[-1])) if target == 0 else (int(offsets[target - 1]), int(offsets[target]))
                length = end - begin
                if length == 0:
                    out[(s, target, k)] = (None, 0, NO_UNITS)
                    continue
                value = krippendorff_u_alpha(data, (begin, end))
                defined = np.isfinite(value)
                out[(s, target, k)] = (float(value) if defined else None, length,
                                       "" if defined else str(getattr(value, "reason", "undefined")))
    return out


# ------------------------------------------------------------------------------------------------
# The run
# ------------------------------------------------------------------------------------------------


def run_comparison(
    session: Session, params: ComparisonParams, progress: Progress | None = None, cancel: Cancel | None = None
) -> ComparisonResult:
    """Compare coders as ``params`` says; nothing is written (see :func:`coding.agreement.runs.store_run`).

    ``progress(done, total, label)`` is called after each step; ``cancel()`` returning True stops the run with
    CancelledError. Unknown coders, codes or documents raise NotFoundError; bad parameters ValidationError.
    """
    params = params.checked()
    raters = resolve_raters(session, params.coders)
    codes = resolve_codes(session, params.codes, params.level)
    spans = load_spans(session, raters)
    documents = resolve_documents(session, params.documents, spans, [r.name for r in raters])
    rule = PresenceRule.parse(params.rule)
    frames = unit_frames(session, params.unit, documents)  # type: ignore[arg-type]
    code_scopes = _code_scopes(codes)
    coder_scopes = _coder_scopes(raters, params.pairs_per_document)
    binary_measures = [m for m in params.measures if m != "ualpha"]
    steps = _Steps(progress, cancel, len(documents) + len(coder_scopes) + (
        len(code_scopes) if "ualpha" in params.measures else 0))

    weights = _weights(params.unit, spans, codes, documents, frames, rule, params.tolerance, steps)
    # scopes × (all documents, then each document) × owners × patterns
    per_document = np.stack([weights[list(scope.rows)].sum(axis=0) for scope in code_scopes])
    scoped = np.concatenate([per_document.sum(axis=1, keepdims=True), per_document], axis=1)
    document_wise = params.unit != "document"  # one unit per document gives no per-document figures
    ualpha = (_ualpha_figures(spans, codes, documents, code_scopes, coder_scopes, document_wise, steps)
              if "ualpha" in params.measures else {})

    figures: list[Figure] = []
    per_scope = [_scope_figures(params, scope, scoped, code_scopes, binary_measures, steps) for scope in coder_scopes]
    targets = [None, *[d.uuid for d in documents]]
    for s, code_scope in enumerate(code_scopes):
        for target, document_uuid in enumerate(targets):
            if target > 0 and not document_wise:
                continue
            for k, coder_scope in enumerate(coder_scopes):
                if target > 0 and not coder_scope.per_document:
                    continue
                figures.extend(per_scope[k](s, target, document_uuid))
                if (s, target, k) in ualpha:
                    value, length, note = ualpha[(s, target, k)]
                    figures.append(Figure(code_scope.uuid, code_scope.name, code_scope.level, document_uuid,
                                          coder_scope.coder_a, coder_scope.coder_b, "ualpha", "all", value, length,
                                          note=note))
    skipped = sum(s.skipped for s in spans)
    notes = _run_notes(params, skipped)
    return ComparisonResult(
        params=params, raters=tuple(r.name for r in raters), documents=tuple(documents), codes=tuple(codes),
        figures=figures, codebook_snapshot=export_codebook(session)["codes"], notes=notes,
    )


def _scope_figures(
    params: ComparisonParams, coder_scope: _CoderScope, scoped: np.ndarray,
    code_scopes: Sequence[_CodeScope], measures: Sequence[str], steps: _Steps,
) -> Callable[[int, int, str | None], list[Figure]]:
    """Evaluate every measure for one coder scope at once; return a function giving the figures of one cell."""
    pair = f"{coder_scope.coder_a} × {coder_scope.coder_b}"
    steps.advance("Measures" if coder_scope.coder_a is None else f"Measures: {pair}")
    n_raters = int(math.log2(scoped.shape[-1]))
    everyone = coder_scope.coders == tuple(range(n_raters))
    owners = slice(None) if everyone or scoped.shape[2] == 1 else list(coder_scope.coders)
    owned = scoped[:, :, owners].sum(axis=2)
    weights = owned if everyone else sub_pattern_weights(owned, coder_scope.coders)
    if not coder_scope.per_document:
        weights = weights[:, :1]
    n_coders = len(coder_scope.coders)
    unit = params.unit
    variants = {u: (weights if u == "all" else _only_coded(weights)) for u in _unit_variants(unit)}
    wanted = [m for m in measures if _measure_applies(m, n_coders)]
    evaluated = {(u, m): _evaluate(m, unit, w, code_scopes) for u, w in variants.items() for m in wanted}
    totals = {u: w.sum(axis=-1) for u, w in variants.items()}
    differing = disagreeing_weight(weights)

    def cell(s: int, target: int, document_uuid: str | None) -> list[Figure]:
        scope = code_scopes[s]
        base = dict(code_uuid=scope.uuid, code_name=scope.name, level=scope.level, document_uuid=document_uuid,
                    coder_a=coder_scope.coder_a, coder_b=coder_scope.coder_b)
        out = []
        for u, w in variants.items():
            n_units = int(round(totals[u][s, target]))
            multiplicities = None
            if target == 0 and params.n_resamples > 0 and n_units > 0:
                rng = _scope_seed(params.seed, scope.uuid, scope.name, coder_scope.coder_a, coder_scope.coder_b, u)
                multiplicities = resample_weights(w[s, 0], params.n_resamples, rng)
            for m in wanted:
                values, reasons = evaluated[(u, m)]
                value, note = _as_value(values[s, target], reasons[s, target], u, n_units)
                low = high = None
                if multiplicities is not None and value is not None:
                    interval = _interval(m, unit, multiplicities, scope, params.confidence)
                    if interval is None:
                        note = "no bootstrap resample gave a value"
                    else:
                        low, high = interval
                out.append(Figure(**base, measure=m, units=u, value=value, n_units=n_units, ci_low=low,
                                  ci_high=high, note=note))
        differing_units = "coded" if unit == "segment" else "all"
        out.append(Figure(**base, measure=DISAGREEMENTS, units=differing_units,
                          value=float(differing[s, target]), n_units=int(round(totals[differing_units][s, target]))))
        return out

    return cell


def _run_notes(params: ComparisonParams, skipped: int) -> tuple[str, ...]:
    notes = []
    if params.unit in ("sentence", "turn"):
        notes.append(PresenceRule.parse(params.rule).description + ".")
    if params.unit == "segment":
        notes.append(f"A segment agrees when another coder has the same code on a segment overlapping it by at least "
                     f"{params.tolerance:g}% (overlap = {OVERLAP_DEFINITION}); every coder's segments are units, "
                     "so a matched pair counts twice.")
    if params.unit != "segment" and set(params.measures) & {"alpha", "kappa", "fleiss", "bp", "ac1"}:
        notes.append("On coded units only no unit is left that every coder left uncoded, so chance-corrected "
                     "values there are structurally low (often negative); read percent agreement for coded units.")
    if params.unit == "character" and params.n_resamples > 0:
        notes.append("Bootstrap intervals resample characters as if they were independent; neighbouring characters "
                     "are not, so character-level intervals are too narrow.")
    if skipped:
        notes.append(f"{skipped} snapshot coding(s) were left out: their document or code no longer exists.")
    return tuple(notes)


__all__ = [
    "AVAILABLE_MEASURES",
    "DEFAULT_MEASURES",
    "DEFAULT_TOLERANCE",
    "DISAGREEMENTS",
    "OVERLAP_DEFINITION",
    "ComparisonParams",
    "ComparisonResult",
    "Figure",
    "run_comparison",
]
