"""The agreement run engine: coders' codings -> per-code, per-level, per-document, per-pair agreement figures.

``run_comparison(session, params)`` reads the chosen raters' spans, turns them into binary present/absent values
per unit and code (:mod:`coding.agreement.units`), and evaluates the chosen measures for every scope:

* **codes** — each compared code, with roll-up: a code counts as present wherever the code itself *or any code
  below it* is applied (a level-2 code is present wherever any of its level-3 children is); then each level
  pooled; and, when several levels are compared, all codes pooled over the most specific compared codes only
  (those with no compared code below them), so no passage counts twice through roll-up. *Pooled* treats every
  (unit, code) pair as one unit: the measure of the concatenated per-code data, not a mean of per-code values.
* **documents** — every compared document, and all of them together (``document_uuid`` None). Document units
  have one unit per document, so they give figures over all documents only. By default the documents two or more
  coders coded (marked done or holding any of their codings; ``done_only``: marked done). A coder who did not
  code a document is *missing* there, not "coded nothing": percent, α, Brennan–Prediger and AC1 use the pairable
  values, Cohen's and Fleiss' κ the documents every coder of the scope coded, and each figure's note says so.
* **codes no compared coder used** are undefined (note says why), left out of every pool and of q, and listed
  (``ComparisonResult.unused_codes``); the pool of the most specific codes counts a parent code's own codings as
  a variable of its own ("… (own codings)").
* **coders** — all chosen coders together (``coder_a``/``coder_b`` None) and, with three or more coders, each
  pair over all documents (per document too with ``pairs_per_document``). Cohen's κ is given for two coders
  only (a pair, or "all" when two coders are compared); Fleiss' κ for two coders is Scott's π.
* **units** — ``"all"``: every unit of the compared documents; ``"coded"``: only the units that at least one of
  the scope's coders coded with the code. Long uncoded stretches inflate agreement over all units; the
  coded-units figure leaves them out. No unit there is left uncoded by everyone, so α and κ would never be
  positive by construction: coded units give percent agreement and positive specific agreement ``psa``
  2a/(2a + b + c) only; all units add negative specific agreement ``nsa`` 2d/(2d + b + c) and each coder's
  ``prevalence`` (share of units coded; ``coder_a`` = the coder). With three or more coders ``psa``/``nsa`` are
  the mean of the pairwise values. Segment units are coded by definition: they report ``"coded"`` only, and
  with three or more coders the all-coder figure is the mean of the pairwise figures. ``"boundary"``: sentence
  and turn figures with a touch of ≤ ``boundary`` characters not counted as a disagreement, beside a
  ``boundary_only`` count.

Measures are evaluated on pattern weights (:mod:`coding.agreement.weighted`), which equals running them on the
full reliability matrix. Bootstrap intervals (seeded) are given for the figures over all documents: α by Hayes &
Krippendorff (2007) with q = P(α < .667), P(α < .800) as ``alpha_q667``/``alpha_q800`` figures, other measures by
resampling units, or every measure by resampling documents (``interval_method="documents"``); each interval's
``note`` names its method. Every figure carries ``n_units`` and, when its value is undefined, the reason in ``note``.
Alongside the measures each scope gets a ``"disagreements"`` figure: how many units the coders differ on.
"""

from __future__ import annotations

import functools
import math
import warnings
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from coding.agreement.bootstrap import (
    ALPHA_MINIMA,
    METHOD_DOCUMENTS,
    METHOD_HAYES_KRIPPENDORFF,
    METHOD_UNITS,
    alpha_pair_estimates,
    below_minima,
    coincidences,
)
from coding.agreement.figure_table import FigureTable, StringPool
from coding.agreement.measures import prepare_measure
from coding.agreement.sources import (
    CodeRef,
    DocumentRef,
    Rater,
    RaterSpans,
    coded_document_sets,
    load_spans,
    resolve_codes,
    resolve_documents,
    resolve_raters,
    unit_frames,
)
from coding.agreement.unitizing import per_code_note, u_alpha_over_documents
from coding.agreement.units import (
    UNIT_KINDS,
    PresenceRule,
    character_weights,
    disagreeing_weight,
    empty_intervals,
    merge_overlapping,
    pattern_matrix,
    pattern_weights,
    segment_weights_by_owner,
    sub_pattern_weights,
    union,
    unit_presence,
    unit_weights,
)
from coding.agreement.weighted import (
    MEASURE_NAMES,
    NO_UNITS,
    PatternMeasure,
    _measure_function,
    coder_prevalence,
    pattern_measure,
    percentile_interval,
    resample_weights,
    specific_agreement,
)
from coding.codebook import export_codebook
from coding.errors import CancelledError, ValidationError
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.progress import Cancel, Progress

DEFAULT_MEASURES: tuple[str, ...] = ("percent", "alpha", "kappa", "ac1")
AVAILABLE_MEASURES: tuple[str, ...] = (*MEASURE_NAMES, "ualpha")
DISAGREEMENTS = "disagreements"
DEFAULT_UNIT = "sentence"
DEFAULT_TOLERANCE = 90.0  # MAXQDA's default minimum overlap for segments
MAX_RESAMPLES = 100_000
OVERLAP_DEFINITION = QT_TRANSLATE_NOOP("AgreementNotes", "intersection / union of the two segments (Jaccard), in percent")
RULE_UNITS = ("sentence", "turn")  # the presence rule only means something for units a code can partly cover
MISSING_DEFINITION = (
    "A coder's values are missing (not 'coded nothing') in a document they did not code: not marked done and "
    "holding none of their codings. Percent, alpha, Brennan–Prediger and AC1 use every pairable value (units "
    "with values from two or more coders); Cohen's and Fleiss' kappa need complete data and rest on the "
    "documents every compared coder coded."
)
_COMPLETE_ONLY = ("kappa", "fleiss")  # measures defined on complete data only
_UNUSED = QT_TRANSLATE_NOOP("AgreementNotes", "no compared coder used this code: agreement on never using it is "
                                              "undefined, not perfect")
_UNUSED_HERE = QT_TRANSLATE_NOOP("AgreementNotes", "none of these coders used this code here: agreement on never "
                                                   "using it is undefined")
_NO_RULE = {
    "character": "no presence rule: every character is a unit, coded or not",
    "document": "no presence rule: a document counts as coded with a code when the code is used anywhere in it",
    "segment": "no presence rule: segments agree by their overlap (the tolerance)",
}


def rule_description(unit: str, rule: str) -> str:
    """What decides that a unit is coded, for headers, stored runs and reports (item 3)."""
    if unit in RULE_UNITS:
        return PresenceRule.parse(rule).description
    return _NO_RULE.get(unit, "no presence rule")
# Chance corrections that need a "neither coder" cell, which segment units do not have.
_NEEDS_NEITHER_CELL = ("alpha", "kappa", "fleiss", "ac1")
_SEGMENT_REASON = (
    "segment units have no 'neither coder coded it' cell, so this chance correction does not apply; "
    "use percent, bp (MAXQDA's choice) or ualpha"
)
_NONE_CODED = QT_TRANSLATE_NOOP("AgreementNotes", "none of these coders used this code here")
# On "coded units only" no unit is left that every coder left uncoded, so α = 1 − (2N − 1)/(2a + b + c) and κ are
# never positive by construction: they are not given there; positive specific agreement is (issue 17, item 2).
_CHANCE_CORRECTED = ("alpha", "kappa", "fleiss", "bp", "ac1")
INTERVAL_METHODS: tuple[str, ...] = ("units", "documents")
NO_LEVEL_VALUE = np.iinfo(np.int64).min  # coding.agreement.figure_table.NO_LEVEL: a pool over levels
# q = P(α < minimum) from the Hayes & Krippendorff bootstrap, stored as figures of their own.
ALPHA_BELOW = {minimum: f"alpha_q{round(minimum * 1000):03d}" for minimum in ALPHA_MINIMA}
PSA, NSA, PREVALENCE = "psa", "nsa", "prevalence"



# ------------------------------------------------------------------------------------------------
# Parameters and results
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonParams:
    """What to compare. ``coders`` are names (``"snapshot:LABEL"`` for a saved snapshot); ``level`` None = all
    levels; ``codes`` uuids or paths (None = every code); ``documents`` names or uuids (None = every document
    that two or more coders coded); ``rule`` "any" or "N%" (sentence and turn units only: other units ignore it);
    ``tolerance`` the minimum segment overlap in percent (segment units); ``n_resamples`` 0 = no bootstrap
    intervals; ``done_only`` counts a coder's document as coded only when marked done."""

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
    done_only: bool = False
    # "units": α by Hayes & Krippendorff (2007), other measures by resampling units; "documents": every figure over
    # all documents by resampling whole documents (a document-cluster bootstrap, for pooled figures).
    interval_method: str = "units"
    boundary: int = 0  # N: a touch of ≤ N characters of a sentence/turn is also read as boundary-only (item 7)
    convention: str | None = None  # a vendor's figures as well: nvivo, maxqda or atlas (coding.agreement.conventions)

    def checked(self) -> ComparisonParams:
        """The same parameters validated and normalised; a ValidationError names the first bad one."""
        coders = tuple(c.strip() for c in self.coders if c.strip())
        if len(coders) < 2:
            raise ValidationError(translate(
                "errors", "compare at least two coders (got {value}: {value2})").format(
                value=len(coders), value2=', '.join(coders) or 'none'))
        if self.unit not in UNIT_KINDS:
            raise ValidationError(translate(
                "errors", "unknown unit '{unit}' (choose from {value})").format(
                unit=self.unit, value=', '.join(UNIT_KINDS)))
        if self.level is not None and (not isinstance(self.level, int) or self.level < 1):
            raise ValidationError(translate(
                "errors", "level must be 1, 2, 3 … or all, not {level!r}").format(level=self.level))
        measures = tuple(dict.fromkeys(m.strip().lower() for m in self.measures if m.strip()))
        unknown = [m for m in measures if m not in AVAILABLE_MEASURES]
        if unknown:
            raise ValidationError(translate(
                "errors", "unknown measure '{value}' (choose from {value2})").format(
                value=unknown[0], value2=', '.join(AVAILABLE_MEASURES)))
        if not measures:
            raise ValidationError(translate("errors", "choose at least one measure"))
        if not isinstance(self.tolerance, int | float) or not 0 <= self.tolerance <= 100:
            raise ValidationError(translate(
                "errors", "tolerance must be a percentage from 0 to 100, not {tolerance!r}").format(
                tolerance=self.tolerance))
        rule = PresenceRule.parse(self.rule).label
        if not isinstance(self.n_resamples, int) or not 0 <= self.n_resamples <= MAX_RESAMPLES:
            raise ValidationError(translate(
                "errors", "bootstrap resamples must be 0–{MAX_RESAMPLES}, not {n_resamples!r}").format(
                MAX_RESAMPLES=MAX_RESAMPLES, n_resamples=self.n_resamples))
        if not 0 < self.confidence < 1:
            raise ValidationError(translate(
                "errors", "confidence must lie between 0 and 1, not {confidence!r}").format(
                confidence=self.confidence))
        if not isinstance(self.boundary, int) or self.boundary < 0:
            raise ValidationError(translate(
                "errors", "boundary must be a whole number of characters (0 = off), not {boundary!r}").format(
                boundary=self.boundary))
        if self.interval_method not in INTERVAL_METHODS:
            raise ValidationError(translate(
                "errors", "unknown bootstrap '{interval_method}' (choose from {value})").format(
                interval_method=self.interval_method, value=', '.join(INTERVAL_METHODS)))
        return ComparisonParams(
            coders=coders, unit=self.unit, level=self.level,
            codes=tuple(self.codes) if self.codes else None,
            documents=tuple(self.documents) if self.documents else None,
            measures=measures, rule=rule, tolerance=float(self.tolerance), n_resamples=self.n_resamples,
            seed=int(self.seed), confidence=float(self.confidence), pairs_per_document=self.pairs_per_document,
            done_only=bool(self.done_only), interval_method=self.interval_method, boundary=self.boundary,
            convention=_checked_convention(self.convention),
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
            done_only=bool(data.get("done_only", False)),
            interval_method=str(data.get("interval_method", "units")), boundary=int(data.get("boundary", 0)),
            convention=data.get("convention"),
        )


def _checked_convention(convention: str | None) -> str | None:
    from coding.agreement.conventions import check_convention  # conventions imports Figure from here

    return check_convention(convention)


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
        # The fields are flat values: a plain mapping equals dataclasses.asdict, without its deep copy (a run
        # can have a million figures).
        return {name: getattr(self, name) for name in _FIGURE_FIELDS}


_FIGURE_FIELDS = tuple(f.name for f in fields(Figure))


@dataclass
class ComparisonResult:
    """A finished comparison: the checked parameters, what was compared, and every figure."""

    params: ComparisonParams
    raters: tuple[str, ...]
    documents: tuple[DocumentRef, ...]
    codes: tuple[CodeRef, ...]
    figures: Sequence[Figure]
    codebook_snapshot: list[Any] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    unused_codes: tuple[str, ...] = ()  # compared codes no compared coder used: undefined, out of the pools
    coverage: dict[str, list[str]] = field(default_factory=dict)  # rater -> compared documents they coded

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
            "rule_applies": p.unit in RULE_UNITS,
            "rule_description": rule_description(p.unit, p.rule),
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
            "interval_method": p.interval_method,
            "boundary": p.boundary,
            "convention": p.convention,
            "interval_methods": interval_methods(p),
            "done_only": p.done_only,
            "missing": MISSING_DEFINITION + (" Only documents marked done count as coded." if p.done_only else ""),
            "coverage": self.coverage,
            "unused_codes": list(self.unused_codes),
            "pooling": "pooled figures treat every (unit, code) pair as one unit; a parent code's own codings "
                       "are a variable of their own in the pool of the most specific codes",
            "notes": list(self.notes),
        }

    def select(self, **criteria: Any) -> list[Figure]:
        """Figures whose fields equal every given value, e.g. ``select(measure="alpha", document_uuid=None)``."""
        if isinstance(self.figures, FigureTable):
            return self.figures.select(**criteria)
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


# Pool and row names are stored with a run in English; the GUI shows them through translate("AgreementPools", …).
POOL_OF_MOST_SPECIFIC = QT_TRANSLATE_NOOP("AgreementPools", "All codes (pooled, most specific codes)")
POOL_WITH_OWN_CODINGS = QT_TRANSLATE_NOOP("AgreementPools",
                                          "All codes (pooled, most specific codes + parents' own codings)")
POOL_OF_LEVEL = QT_TRANSLATE_NOOP("AgreementPools", "All level-{level} codes (pooled)")
OWN_CODINGS_SUFFIX = QT_TRANSLATE_NOOP("AgreementPools", " (own codings)")


def own_coding_variables(codes: Sequence[CodeRef]) -> list[CodeRef]:
    """For each compared code with compared codes below it, a variable of its *own* codings (those on the code
    itself, or on descendants that are not compared): without it the pool of the most specific codes would drop
    every coding made on a parent code."""
    own = []
    for code in codes:
        below = [c for c in codes if c.id != code.id and c.id in code.members]
        if below:
            members = code.members - frozenset().union(*(c.members for c in below))
            own.append(CodeRef(code.id, code.uuid, code.path + OWN_CODINGS_SUFFIX, code.level, frozenset(members)))
    return own


def _code_scopes(
    codes: Sequence[CodeRef], own_rows: Sequence[int] = (), used: frozenset[int] | None = None
) -> list[_CodeScope]:
    """Per-code scopes, then each level pooled, then (several levels) the most specific codes pooled with the
    parents' own codings (``own_rows``: their rows after the compared codes). Rows not in ``used`` (codes no
    compared coder used) stay out of every pool and out of Brennan–Prediger's q."""
    def pooled(rows: Iterable[int]) -> tuple[int, ...]:
        return tuple(i for i in rows if used is None or i in used)

    levels = sorted({c.level for c in codes})
    per_level = {level: pooled(i for i, c in enumerate(codes) if c.level == level) for level in levels}
    scopes = [_CodeScope(c.uuid, c.path, c.level, (i,), len(per_level[c.level])) for i, c in enumerate(codes)]
    for level in levels:
        rows = per_level[level]
        scopes.append(_CodeScope(None, POOL_OF_LEVEL.format(level=level), level, rows, len(rows)))
    if len(levels) > 1:
        ids = {c.id for c in codes}
        leaves = pooled(i for i, c in enumerate(codes) if not (c.members - {c.id}) & ids)
        own = pooled(own_rows)
        name = POOL_WITH_OWN_CODINGS if own else POOL_OF_MOST_SPECIFIC
        scopes.append(_CodeScope(None, name, None, leaves + own, len(leaves) + len(own)))
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

    def check(self) -> None:
        """Stop here if the user cancelled (called between steps and inside long ones, so that a cancel takes
        effect within a fraction of a second at any size)."""
        if self.cancel is not None and self.cancel():
            raise CancelledError(translate("errors", "agreement comparison cancelled; nothing was stored"))

    def advance(self, label: str) -> None:
        self.check()
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, label)


# ------------------------------------------------------------------------------------------------
# Units -> pattern weights
# ------------------------------------------------------------------------------------------------


def _weights(
    unit: str, spans: Sequence[RaterSpans], codes: Sequence[CodeRef], documents: Sequence[DocumentRef],
    frames: dict[int, tuple[np.ndarray, np.ndarray]], rule: PresenceRule, tolerance: float, steps: _Steps,
    present: np.ndarray | None = None,
) -> np.ndarray:
    """codes × documents × owners × 2**raters: units per pattern of presence. Segment units keep one row per
    rater whose segments they are (a pair compares its own segments only); other units have one owner row.
    ``present`` (raters × documents): where a rater is missing, their bit is 0 and the scopes mask it out."""
    n_patterns = 2 ** len(spans)
    owners = len(spans) if unit == "segment" else 1
    weights = np.zeros((len(codes), len(documents), owners, n_patterns))
    for d, document in enumerate(documents):
        steps.advance(translate("AgreementProgress", "Units of {name}").format(name=document.name))
        if unit == "character":
            empty_units = document.length
        elif unit == "segment":
            empty_units = 0
        else:
            empty_units = len(frames[document.id][0])
        for c, code in enumerate(codes):
            intervals = [s.intervals(document.id, code.members) if present is None or present[r, d]
                         else empty_intervals() for r, s in enumerate(spans)]
            if not any(len(i[0]) for i in intervals):
                weights[c, d, 0, 0] = empty_units  # nobody used the code here: every unit is "absent" for all
            elif unit == "segment":
                weights[c, d] = segment_weights_by_owner([merge_overlapping(i) for i in intervals], tolerance)
            elif unit == "character":
                weights[c, d, 0] = character_weights([union(i) for i in intervals], document.length)
            else:
                weights[c, d, 0] = unit_weights([union(i) for i in intervals], frames[document.id], rule)
    return weights


def _columnar_weights(
    session: Session, unit: str, raters: Sequence[Rater], documents: Sequence[DocumentRef],
    variables: Sequence[CodeRef], rule: PresenceRule, present: np.ndarray, loaded: Sequence[RaterSpans] | None,
    steps: _Steps,
) -> np.ndarray:
    """What :func:`_weights` gives, for every document at once (:mod:`coding.agreement.columns`)."""
    from coding.agreement.columns import (
        character_weights_all,
        frame_weights,
        load_span_columns,
        load_unit_columns,
    )

    spans = load_span_columns(session, raters, documents, loaded, check=steps.check)

    def advance(variable: CodeRef) -> None:
        steps.advance(translate("AgreementProgress", "Units of {name}").format(name=variable.path))

    if unit == "character":
        return character_weights_all(spans, variables, documents, present, advance, check=steps.check)
    units = load_unit_columns(session, unit, documents, check=steps.check)
    return frame_weights(spans, variables, documents, units, rule, present, advance, check=steps.check)


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


def interval_methods(params: ComparisonParams) -> dict[str, str]:
    """measure -> the bootstrap that gives its intervals in this run ({} without intervals)."""
    if params.n_resamples <= 0:
        return {}
    out = {}
    for measure in params.measures:
        if params.interval_method == "documents":
            out[measure] = METHOD_DOCUMENTS
        elif measure == "alpha" and params.unit != "segment":
            out[measure] = METHOD_HAYES_KRIPPENDORFF
        elif measure != "ualpha":
            out[measure] = METHOD_UNITS
    return out


@dataclass(frozen=True)
class _Bootstrap:
    """Intervals of one figure: (low, high) or None, the method named, and q = P(α < minimum) for α."""

    interval: tuple[float, float] | None
    method: str
    below: dict[float, float]


def _bootstrap_estimates(
    params: ComparisonParams, measure: str, unit: str, weights: np.ndarray, by_document: np.ndarray | None,
    scope: _CodeScope, n_coders: int, rng: np.random.Generator,
) -> tuple[np.ndarray, str]:
    """(estimates, method) for one figure over all documents: ``weights`` its patterns, ``by_document`` the same
    per document (documents × patterns) for the document-cluster bootstrap."""
    if params.interval_method == "documents" and by_document is not None and len(by_document):
        draws = rng.multinomial(len(by_document), np.full(len(by_document), 1.0 / len(by_document)),
                                size=params.n_resamples).astype(np.float64)
        values, _ = _evaluate(measure, unit, (draws @ by_document)[np.newaxis], [scope])
        return values[0], f"{METHOD_DOCUMENTS}, {len(by_document)} documents"
    if measure == "alpha" and unit != "segment":
        alpha = pattern_measure("alpha", n_coders)
        coincidence = coincidences(alpha.rows, weights @ alpha.projection)
        drawn = alpha_pair_estimates(coincidence, 1.0 - np.eye(coincidence.shape[0]), n_coders,
                                     params.n_resamples, rng)
        if drawn is None:
            return np.full(params.n_resamples, np.nan), METHOD_HAYES_KRIPPENDORFF
        return drawn[0], f"{METHOD_HAYES_KRIPPENDORFF}, M = {drawn[1]} pairs per resample"
    values, _ = _evaluate(measure, unit, resample_weights(weights, params.n_resamples, rng)[np.newaxis], [scope])
    return values[0], METHOD_UNITS


def _bootstrap(
    params: ComparisonParams, measure: str, unit: str, weights: np.ndarray, by_document: np.ndarray | None,
    scope: _CodeScope, n_coders: int, rng: np.random.Generator,
) -> _Bootstrap:
    estimates, method = _bootstrap_estimates(params, measure, unit, weights, by_document, scope, n_coders, rng)
    text = f"{params.confidence * 100:g}% interval: {method}, {params.n_resamples} resamples"
    below = below_minima(estimates) if measure == "alpha" else {}
    return _Bootstrap(percentile_interval(estimates, params.confidence), text, below)


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
    present: np.ndarray | None = None, names: Sequence[str] = (),
) -> dict[tuple[int, int, int], tuple[float | None, int, str]]:
    """(code scope, document index (0 = all), coder scope) -> (value, characters, note).

    u-α compares every coder's spans on each continuum, so it needs complete data: a document where one of the
    compared coders is missing (``present``: raters × documents) is left out, and the note says so (item 1)."""
    segments = [
        [[merge_overlapping(s.intervals(doc.id, code.members)) for code in codes] for doc in documents] for s in spans
    ]
    present = np.ones((len(spans), len(documents)), dtype=bool) if present is None else present
    out: dict[tuple[int, int, int], tuple[float | None, int, str]] = {}
    for s, scope in enumerate(code_scopes):
        steps.advance(translate("AgreementProgress", "Unitizing alpha: {scope}").format(scope=scope.name))
        for k, coders in enumerate(coder_scopes):
            targets = [0, *range(1, len(documents) + 1)] if coders.per_document and document_wise else [0]
            for target in targets:
                # Each document is its own continuum (item 10): gaps never merge across document edges.
                docs = [d for d in (range(len(documents)) if target == 0 else [target - 1]) if documents[d].length]
                complete = [d for d in docs if present is None or present[list(coders.coders), d].all()]
                missing_note = ""
                if len(complete) < len(docs):
                    if target > 0:
                        who = ", ".join(names[r] for r in coders.coders if not present[r, target - 1])
                        out[(s, target, k)] = (None, 0, f"{who} did not code this document (missing there); "
                                                        "u-α needs complete data")
                        continue
                    rated = [d for d in docs if present[list(coders.coders), d].sum() >= 2]
                    missing_note = (f"complete data only: rests on the {len(complete)} of {len(rated)} documents "
                                    "every one of these coders coded")
                    docs = complete
                data = [([[(int(a), int(b), row) for row in scope.rows for a, b in zip(*segments[r][d][row],
                                                                                         strict=True)]
                           for r in coders.coders], (0, documents[d].length)) for d in docs]
                length = sum(documents[d].length for d in docs)
                if length == 0:
                    out[(s, target, k)] = (None, 0, NO_UNITS)
                    continue
                value, per_code = u_alpha_over_documents(data)
                defined = np.isfinite(value)
                note = "" if defined else str(getattr(value, "reason", "undefined"))
                if len(scope.rows) > 1:
                    note = "; ".join(filter(None, [note, per_code_note(per_code)]))
                note = "; ".join(filter(None, [missing_note, note]))
                out[(s, target, k)] = (float(value) if defined else None, length, note)
    return out


# ------------------------------------------------------------------------------------------------
# Missing data: what one coder scope's figures rest on (a coder who did not code a document is missing there)
# ------------------------------------------------------------------------------------------------


def _scope_masks(present: np.ndarray, coders: Sequence[int]) -> np.ndarray:
    """Per document, which of the scope's coders coded it, as a pattern (bit j = the scope's coder j)."""
    masks = np.zeros(present.shape[1], dtype=np.int64)
    for j, rater in enumerate(coders):
        masks |= present[rater].astype(np.int64) << j
    return masks


@functools.lru_cache(maxsize=64)
def _pairable_measure(name: str, n_coders: int, masks: tuple[int, ...]) -> PatternMeasure:
    """A measure over units whose coders are one of ``masks`` (the others missing): weights run over the masks'
    blocks of 2**n_coders patterns. The measure sees NaN for a missing coder, so it uses the pairable values as
    Krippendorff (α) and Gwet (AC1) define them."""
    patterns = pattern_matrix(n_coders).astype(np.float64)
    blocks = []
    for mask in masks:
        block = patterns.copy()
        block[[i for i in range(n_coders) if not (mask >> i) & 1]] = np.nan
        blocks.append(block)
    matrix = np.concatenate(blocks, axis=1)
    prepared = prepare_measure(_measure_function(name, 2), matrix)
    if prepared is None:  # pragma: no cover - every binary measure has a prepared form
        raise RuntimeError(f"measure {name!r} has no weighted form")
    rated = ~np.isnan(matrix)
    ones = np.nansum(matrix, axis=0)
    keys = (rated.sum(axis=0) - ones) * (n_coders + 1) + ones
    row_keys = prepared.rows[:, 0] * (n_coders + 1) + prepared.rows[:, 1]
    projection = (keys[:, np.newaxis] == row_keys[np.newaxis, :]).astype(np.float64)
    return PatternMeasure(name, n_coders, prepared.rows, prepared.statistic, projection)


@dataclass(frozen=True)
class _ScopeInputs:
    """One coder scope's weights, with missing coders taken into account. ``complete``: scopes × targets ×
    patterns over the documents every coder of the scope coded (Cohen's and Fleiss' κ need complete data);
    ``pairable``: scopes × targets × (masks × patterns) over every document any of them coded (None when that is
    the same as ``complete``); units only one coder rated count for AC1's chance agreement alone (Gwet 2014:
    π_k over units rated at least once). ``missing`` names, per target, the scope's coders missing there."""

    complete: np.ndarray
    pairable: np.ndarray | None
    masks: tuple[int, ...]
    n_coders: int
    documents_complete: int
    documents_pairable: int
    missing: tuple[tuple[str, ...], ...]

    @classmethod
    def build(cls, weights: np.ndarray, masks: np.ndarray, names: Sequence[str], segment: bool) -> _ScopeInputs:
        n_coders = len(names)
        full = 2**n_coders - 1
        sizes = np.array([int(m).bit_count() for m in masks], dtype=np.int64)
        complete_docs, pairable_docs, rated_docs = masks == full, sizes >= 2, sizes >= 1
        complete = weights.copy()
        complete[:, 1:][:, ~complete_docs] = 0.0
        complete[:, 0] = complete[:, 1:].sum(axis=1)
        missing = ((), *(tuple(n for j, n in enumerate(names) if not (int(m) >> j) & 1) for m in masks))
        pairable = None
        chosen: tuple[int, ...] = ()
        if not segment and (rated_docs & ~complete_docs).any():  # segments are owned: complete data only
            chosen = tuple(sorted({int(m) for m in masks[rated_docs]}))
            n_patterns = 2**n_coders
            pairable = np.zeros((*weights.shape[:-1], len(chosen) * n_patterns))
            for d in np.flatnonzero(rated_docs):
                block = chosen.index(int(masks[d])) * n_patterns
                pairable[:, 1 + d, block:block + n_patterns] = weights[:, 1 + d]
            pairable[:, 0] = pairable[:, 1:].sum(axis=1)
        return cls(complete, pairable, chosen, n_coders, int(complete_docs.sum()), int(pairable_docs.sum()),
                   missing)

    def first_target(self) -> _ScopeInputs:
        pairable = None if self.pairable is None else self.pairable[:, :1]
        return replace(self, complete=self.complete[:, :1], pairable=pairable, missing=self.missing[:1])

    def kind(self, measure: str) -> str:
        return "complete" if measure in _COMPLETE_ONLY or self.pairable is None else "pairable"

    @property
    def kinds(self) -> tuple[str, ...]:
        return ("complete",) if self.pairable is None else ("complete", "pairable")

    def variant(self, kind: str, units: str, singles: bool = False) -> np.ndarray:
        """The weights of ``kind`` over all units, or over coded units only (no pattern where nobody coded);
        units only one coder rated are kept with ``singles`` (AC1's chance agreement) and dropped otherwise."""
        weights = self.complete if kind == "complete" or self.pairable is None else self.pairable
        single = [b for b, mask in enumerate(self.masks) if mask.bit_count() < 2]
        if units == "all" and (singles or not single or weights is self.complete):
            return weights
        out = weights.copy()
        blocks = out.reshape(*out.shape[:-1], -1, 2**self.n_coders)
        if units != "all":
            blocks[..., 0] = 0.0
        if not singles and weights is not self.complete:
            blocks[..., single, :] = 0.0
        return out

    def evaluate(self, measure: str, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(values, reasons) of a measure over pairable values (``weights``: a variant of ``pairable``)."""
        return _pairable_measure(measure, self.n_coders, self.masks).evaluate(weights)

    def interval(self, measure: str, multiplicities: np.ndarray, confidence: float) -> tuple[float, float] | None:
        values, _ = self.evaluate(measure, multiplicities)
        return percentile_interval(values, confidence)

    def differing(self) -> np.ndarray:
        """Units on which the coders present there differ."""
        if self.pairable is None:
            return disagreeing_weight(self.complete)
        n_patterns = 2**self.n_coders
        blocks = self.pairable.reshape(*self.pairable.shape[:-1], len(self.masks), n_patterns)
        return np.asarray(sum(blocks[..., b, [p for p in range(n_patterns) if p not in (0, mask)]].sum(axis=-1)
                              for b, mask in enumerate(self.masks)))

    def note(self, measure: str, target: int, value: float | None, note: str) -> str:
        """Say what a figure rests on when coders are missing (item 1 of the agreement issue)."""
        missing = self.missing[target] if target < len(self.missing) else ()
        if target > 0 and missing:
            who = ", ".join(missing)
            if self.n_coders - len(missing) < 2:
                return f"{who} did not code this document (missing there): fewer than two coders to compare"
            if self.kind(measure) == "complete":
                return f"{who} did not code this document (missing there); this measure needs complete data"
            return f"pairable values: {who} did not code this document (missing there)"
        if target == 0 and value is not None and self.documents_complete < self.documents_pairable:
            if self.kind(measure) == "complete":
                return (f"complete data only: rests on the {self.documents_complete} of {self.documents_pairable} "
                        "documents every one of these coders coded")
            return (f"pairable values from {self.documents_pairable} documents, "
                    f"{self.documents_pairable - self.documents_complete} of them with a coder missing")
        return note


# ------------------------------------------------------------------------------------------------
# The run
# ------------------------------------------------------------------------------------------------


ENGINES = ("columnar", "reference")


def _needs_rater_spans(params: ComparisonParams, raters: Sequence[Rater], engine: str) -> bool:
    """Whether this run reads spans one ``Span`` at a time (segments, u-α, the boundary reading, a vendor's
    convention, snapshots, the reference engine); the columnar engine reads them as arrays otherwise."""
    return (engine == "reference" or params.unit == "segment" or "ualpha" in params.measures
            or params.convention is not None or (params.boundary > 0 and params.unit in RULE_UNITS)
            or any(r.is_snapshot for r in raters))


def run_comparison(
    session: Session, params: ComparisonParams, progress: Progress | None = None, cancel: Cancel | None = None,
    *, engine: str = "columnar",
) -> ComparisonResult:
    """Compare coders as ``params`` says; nothing is written (see :func:`coding.agreement.runs.store_run`).

    ``progress(done, total, label)`` is called after each step; ``cancel()`` returning True stops the run with
    CancelledError. Unknown coders, codes or documents raise NotFoundError; bad parameters ValidationError.
    ``engine`` "columnar" (the default) computes every document at once in whole-array numpy calls;
    "reference" runs the per-document loops it is tested against (the figures are identical).
    """
    if engine not in ENGINES:
        raise ValidationError(translate(
            "errors", "unknown agreement engine '{engine}' (choose from {value})").format(
            engine=engine, value=', '.join(ENGINES)))
    params = params.checked()
    asked = _Steps(None, cancel, 0)  # cancel is asked between the reads too: at scale each takes a while
    raters = resolve_raters(session, params.coders)
    codes = resolve_codes(session, params.codes, params.level)
    loaded = load_spans(session, raters) if _needs_rater_spans(params, raters, engine) else None
    spans: Sequence[RaterSpans] = loaded if loaded is not None else [RaterSpans() for _ in raters]
    asked.check()
    coded = coded_document_sets(session, raters, spans, done_only=params.done_only)
    asked.check()
    documents = resolve_documents(session, params.documents, spans, [r.name for r in raters], coded=coded)
    asked.check()
    present = np.array([[d.id in c for d in documents] for c in coded], dtype=bool).reshape(len(raters), -1)
    # The presence rule decides whether a coder's partial coverage of a sentence or turn counts; a document
    # unit counts as coded when the code is used anywhere in it, whatever the rule (item 3).
    rule = PresenceRule.parse(params.rule) if params.unit in RULE_UNITS else PresenceRule()
    columnar = loaded is None or (engine == "columnar" and params.unit != "segment")
    needs_frames = not columnar or (params.boundary > 0 and params.unit in RULE_UNITS)
    frames = unit_frames(session, params.unit, documents) if needs_frames else {}  # type: ignore[arg-type]
    own = own_coding_variables(codes) if len({c.level for c in codes}) > 1 else []
    variables = [*codes, *own]  # the compared codes, then the parents' own codings (item 5)
    code_scopes = _code_scopes(codes, range(len(codes), len(variables)))
    coder_scopes = _coder_scopes(raters, params.pairs_per_document)
    binary_measures = [m for m in params.measures if m != "ualpha"]
    steps = _Steps(progress, cancel, (len(variables) if columnar else len(documents)) + len(coder_scopes) + (
        len(code_scopes) if "ualpha" in params.measures else 0))

    if columnar:
        weights = _columnar_weights(session, params.unit, raters, documents, variables, rule, present, loaded,
                                    steps)
    else:
        weights = _weights(params.unit, spans, variables, documents, frames, rule, params.tolerance, steps,
                           present)
    steps.check()
    used = frozenset(int(i) for i in np.flatnonzero(weights[..., 1:].sum(axis=(1, 2, 3)) > 0))
    code_scopes = _code_scopes(codes, range(len(codes), len(variables)), used)  # unused codes out of pools
    unused_scopes = frozenset(s for s in range(len(codes)) if s not in used)
    # scopes × (all documents, then each document) × owners × patterns
    per_document = np.stack([weights[list(scope.rows)].sum(axis=0) for scope in code_scopes])
    scoped = np.concatenate([per_document.sum(axis=1, keepdims=True), per_document], axis=1)
    document_wise = params.unit != "document"  # one unit per document gives no per-document figures
    ualpha = (_ualpha_figures(spans, variables, documents, code_scopes, coder_scopes, document_wise, steps,
                              present, [r.name for r in raters])
              if "ualpha" in params.measures else {})

    figures: list[Figure] = []
    names = [r.name for r in raters]
    per_scope = [  # each coder scope on its own documents: missing coders (item 1)
        _with_missing(_scope_figures(params, scope, _complete_only(scoped, present, scope.coders), code_scopes,
                                     binary_measures, steps, names),
                      _ScopeInputs.build(_scope_weights(scoped, scope.coders), _scope_masks(present, scope.coders),
                                         [names[i] for i in scope.coders], params.unit == "segment"),
                      params, unused_scopes)
        for scope in coder_scopes
    ]
    steps.check()
    targets = [None, *[d.uuid for d in documents]]
    if columnar and document_wise and not ualpha:
        table = _figure_table(per_scope, code_scopes, coder_scopes, documents, steps.check)
    else:
        table = None
    steps.check()
    for s, code_scope in enumerate(code_scopes):
        steps.check()
        for target, document_uuid in enumerate(targets):
            if target > 0 and (not document_wise or table is not None):
                continue
            for k, coder_scope in enumerate(coder_scopes):
                if target > 0 and not coder_scope.per_document:
                    continue
                if table is None:
                    figures.extend(per_scope[k].cell(s, target, document_uuid))
                if (s, target, k) in ualpha:
                    value, length, note = ualpha[(s, target, k)]
                    figures.append(Figure(code_scope.uuid, code_scope.name, code_scope.level, document_uuid,
                                          coder_scope.coder_a, coder_scope.coder_b, "ualpha", "all", value, length,
                                          note=note))
    extra = _boundary_figures(params, spans, variables, documents, frames, rule, present, code_scopes,
                              coder_scopes)  # item 7: beside the figures as read
    skipped = sum(s.skipped for s in spans)
    unused_codes = tuple(codes[s].path for s in sorted(unused_scopes))
    own_used = [c for i, c in enumerate(own, start=len(codes)) if i in used]
    notes = _run_notes(params, skipped) + _input_notes(params, raters, present, documents, unused_codes, own_used)
    if params.convention:  # the vendor's figures beside ours (item 11)
        from coding.agreement.conventions import CONVENTION_NOTES, convention_figures

        # As the vendor computes them: the vendors know no missing data, so a coder's gap reads as "coded nothing".
        extra.extend(convention_figures(session, params.convention, raters, spans, codes, documents,
                                        params.tolerance))
        notes = (*notes, CONVENTION_NOTES[params.convention])
    steps.check()
    if table is not None:
        all_figures: Sequence[Figure] = FigureTable.concatenate([table, FigureTable.from_figures(extra)])
    else:
        all_figures = [*figures, *extra]
    return ComparisonResult(
        params=params, raters=tuple(r.name for r in raters), documents=tuple(documents), codes=tuple(codes),
        figures=all_figures, codebook_snapshot=export_codebook(session)["codes"], notes=notes,
        unused_codes=unused_codes,
        coverage={r.name: [d.name for d, here in zip(documents, present[i], strict=True) if here]
                  for i, r in enumerate(raters)},
    )


def _figure_table(
    per_scope: Sequence[_Cells], code_scopes: Sequence[_CodeScope], coder_scopes: Sequence[_CoderScope],
    documents: Sequence[DocumentRef], check: Callable[[], None] = lambda: None,
) -> FigureTable:
    """Every figure of the cells (over all documents and per document) as one FigureTable, in the order the
    per-cell loop gives them: code scope, then target (all documents first), then coder scope, then figure.
    ``check`` is called between slots (cancel)."""
    pool = StringPool()
    overall: list[Figure] = []
    keys: list[tuple[int, int, int, int]] = []
    for s in range(len(code_scopes)):
        for k in range(len(coder_scopes)):
            cell = per_scope[k].cell(s, 0, None)
            overall.extend(cell)
            keys.extend((s, 0, k, j) for j in range(len(cell)))
    tables = [FigureTable.from_figures(overall, pool)]
    key_parts = [np.array(keys, dtype=np.int64).reshape(-1, 4)]
    n_scopes, n_documents = len(code_scopes), len(documents)
    scope_grid = np.repeat(np.arange(n_scopes, dtype=np.int64), n_documents)
    target_grid = np.tile(np.arange(1, n_documents + 1, dtype=np.int64), n_scopes)
    scope_text = {name: pool.ids(getattr(c, attr) for c in code_scopes)
                  for name, attr in (("code_uuid", "uuid"), ("code_name", "name"))}
    levels = np.array([NO_LEVEL_VALUE if c.level is None else c.level for c in code_scopes], dtype=np.int64)
    document_ids = pool.ids(d.uuid for d in documents)
    for k, scope in enumerate(coder_scopes):
        if not scope.per_document or n_documents == 0:
            continue
        for j, slot in enumerate(per_scope[k].slots()):
            check()
            size = n_scopes * n_documents
            columns: dict[str, np.ndarray] = {
                "code_uuid": scope_text["code_uuid"][scope_grid], "code_name": scope_text["code_name"][scope_grid],
                "level": levels[scope_grid], "document_uuid": np.tile(document_ids, n_scopes),
                "coder_a": np.full(size, pool.id(slot.coder_a), dtype=np.int32),
                "coder_b": np.full(size, pool.id(slot.coder_b), dtype=np.int32),
                "measure": np.full(size, pool.id(slot.measure), dtype=np.int32),
                "units": np.full(size, pool.id(slot.units), dtype=np.int32),
                "value": slot.value.astype(np.float64).ravel(), "n_units": slot.n_units.astype(np.int64).ravel(),
                "ci_low": np.full(size, np.nan), "ci_high": np.full(size, np.nan),
                "note": pool.ids(slot.note.ravel().tolist()),
            }
            tables.append(FigureTable((), columns))
            key_parts.append(np.stack([scope_grid, target_grid, np.full(size, k), np.full(size, j)], axis=1))
    check()
    keys_all = np.concatenate(key_parts)
    order = np.lexsort((keys_all[:, 3], keys_all[:, 2], keys_all[:, 1], keys_all[:, 0]))
    check()
    strings = tuple(pool.strings)
    return FigureTable.concatenate([FigureTable(strings, t.columns) for t in tables], order)


def _input_notes(
    params: ComparisonParams, raters: Sequence[Rater], present: np.ndarray, documents: Sequence[DocumentRef],
    unused_codes: Sequence[str], own: Sequence[CodeRef],
) -> tuple[str, ...]:
    """What the figures rest on: missing coders, the rule, unused codes, parents' own codings."""
    notes = []
    if params.unit not in RULE_UNITS and params.rule != "any":
        notes.append(NOTE_RULE_NOT_USED.format(rule=params.rule, unit=params.unit))
    gaps = [f"{r.name} did not code {len(documents) - int(present[i].sum())} of the {len(documents)} documents"
            for i, r in enumerate(raters) if not present[i].all()]
    if gaps:
        notes.append("Missing data: " + "; ".join(gaps) + ". " + MISSING_DEFINITION)
    if params.done_only:
        notes.append(QT_TRANSLATE_NOOP("AgreementNotes", "Only documents marked done count as coded (--done-only)."))
    if unused_codes:
        notes.append(NOTE_UNUSED_CODES.format(codes=", ".join(unused_codes)))
    if own:
        notes.append(NOTE_OWN_CODINGS.format(codes=", ".join(c.path for c in own)))
    return tuple(notes)


def _scope_weights(scoped: np.ndarray, coders: Sequence[int]) -> np.ndarray:
    """scopes × targets × patterns of the scope's coders (segment units: their own segments only)."""
    n_raters = int(math.log2(scoped.shape[-1]))
    everyone = tuple(coders) == tuple(range(n_raters))
    owners = slice(None) if everyone or scoped.shape[2] == 1 else list(coders)
    owned = scoped[:, :, owners].sum(axis=2)
    return owned if everyone else sub_pattern_weights(owned, coders)


def _complete_only(scoped: np.ndarray, present: np.ndarray, coders: Sequence[int]) -> np.ndarray:
    """``scoped`` with only the documents every one of ``coders`` coded (target 0 summed again over them)."""
    complete = present[list(coders)].all(axis=0)
    if complete.all():
        return scoped
    out = scoped.copy()
    out[:, 1:][:, ~complete] = 0.0
    out[:, 0] = out[:, 1:].sum(axis=1)
    return out


def _with_missing(
    cells: _Cells, inputs: _ScopeInputs, params: ComparisonParams, unused_scopes: frozenset[int],
) -> _Cells:
    """The figures of one coder scope, resting on what the coders did code (items 1 and 4): measures that take
    pairable values get them where a coder is missing; every figure says what it rests on; a cell where none of
    the coders used the code is undefined, not perfect agreement."""
    pairable: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
    totals = {(u, kind): inputs.variant(kind, u).sum(axis=-1) for u in ("all", "coded") for kind in inputs.kinds}
    differing = inputs.differing() if inputs.pairable is not None else None
    singles = (inputs.variant("pairable", "all", singles=True).sum(axis=-1) - totals[("all", "pairable")]
               if inputs.pairable is not None else None)

    def evaluated(units: str, measure: str) -> tuple[np.ndarray, np.ndarray]:
        if (units, measure) not in pairable:
            pairable[(units, measure)] = inputs.evaluate(measure, inputs.variant("pairable", units,
                                                                                  singles=measure == "ac1"))
        return pairable[(units, measure)]

    alpha_draws: dict[tuple[int, str], tuple[np.ndarray, str]] = {}

    def pairable_alpha_draws(s: int, units: str, figure: Figure) -> tuple[np.ndarray, str]:
        """α's Hayes & Krippendorff bootstrap over the pairable values (one draw shared with its q figures)."""
        if (s, units) not in alpha_draws:
            rng = _scope_seed(params.seed, figure.code_uuid, figure.code_name, figure.coder_a, figure.coder_b,
                              units, "alpha", "pairable")
            measure = _pairable_measure("alpha", inputs.n_coders, inputs.masks)
            coincidence = coincidences(measure.rows, inputs.variant("pairable", units)[s, 0] @ measure.projection)
            drawn = alpha_pair_estimates(coincidence, 1.0 - np.eye(coincidence.shape[0]), inputs.n_coders,
                                         params.n_resamples, rng)
            estimates = np.full(params.n_resamples, np.nan) if drawn is None else drawn[0]
            method = METHOD_HAYES_KRIPPENDORFF + ("" if drawn is None else f", M = {drawn[1]} pairs per resample")
            alpha_draws[(s, units)] = (estimates, f"{method} over the pairable values")
        return alpha_draws[(s, units)]

    def hayes_krippendorff(measure: str) -> bool:
        return (measure == "alpha" and params.unit != "segment" and params.n_resamples > 0
                and params.interval_method != "documents")

    def adjusted(figure: Figure, s: int, target: int) -> Figure:
        m, u = figure.measure, figure.units
        if m == DISAGREEMENTS and differing is not None:
            return replace(figure, value=float(differing[s, target]),
                           n_units=int(round(totals[(u, "pairable")][s, target])))
        if m in ALPHA_BELOW.values() and target == 0 and hayes_krippendorff("alpha") and figure.value is not None:
            if inputs.kind("alpha") == "pairable" and inputs.documents_complete < inputs.documents_pairable:
                estimates, method = pairable_alpha_draws(s, u, figure)
                minimum = next(k for k, v in ALPHA_BELOW.items() if v == m)
                q = below_minima(estimates, (minimum,))[minimum]
                return replace(figure, value=None if math.isnan(q) else q,
                               n_units=int(round(totals[(u, "pairable")][s, target])),
                               note=NOTE_BELOW.format(minimum=f"{minimum:.3f}".lstrip("0"), method=method))
            return figure
        if m not in MEASURE_NAMES:
            return figure
        kind = inputs.kind(m)
        value, note, n_units = figure.value, figure.note, figure.n_units
        low, high = figure.ci_low, figure.ci_high
        if kind == "pairable":
            n_units = int(round(totals[(u, kind)][s, target]))
            values, reasons = evaluated(u, m)
            value, note = _as_value(values[s, target], reasons[s, target], u, n_units)
            low = high = None
            if target == 0 and params.n_resamples > 0 and n_units > 0 and value is not None:
                if hayes_krippendorff(m):
                    estimates, method = pairable_alpha_draws(s, u, figure)
                    low, high = percentile_interval(estimates, params.confidence) or (None, None)
                else:
                    rng = _scope_seed(params.seed, figure.code_uuid, figure.code_name, figure.coder_a,
                                      figure.coder_b, u, m, "pairable")
                    weights = inputs.variant(kind, u, singles=m == "ac1")[s, 0]
                    interval = inputs.interval(m, resample_weights(weights, params.n_resamples, rng),
                                               params.confidence)
                    low, high = interval or (None, None)
        if value is not None and params.unit != "segment" and totals[("coded", kind)][s, target] == 0:
            value, low, high = None, None, None  # never using a code is no evidence of agreement (item 4)
            note = _UNUSED if s in unused_scopes else _UNUSED_HERE
        note = inputs.note(m, target, value, note)
        if m == "ac1" and kind == "pairable" and value is not None and singles is not None and singles[s, target] > 0:
            note = (f"{note}; chance agreement also from {singles[s, target]:.0f} units only one coder rated "
                    "(Gwet 2014)").lstrip("; ")
        if kind == "pairable" and low is not None:
            how = pairable_alpha_draws(s, u, figure)[1] if hayes_krippendorff(m) else \
                "percentile bootstrap over units (pairable values)"
            note = f"{note}; {how}"
        return replace(figure, value=value, n_units=n_units, note=note, ci_low=low, ci_high=high)

    def wrapped(s: int, target: int, document_uuid: str | None) -> list[Figure]:
        return [adjusted(figure, s, target) for figure in cells.cell(s, target, document_uuid)]

    def adjusted_slot(slot: _Slot) -> _Slot:
        """``adjusted`` for every code scope × document of one slot (no intervals per document)."""
        m, u = slot.measure, slot.units
        if m == DISAGREEMENTS and differing is not None:
            return replace(slot, value=differing[:, 1:].astype(np.float64),
                           n_units=_counts(totals[(u, "pairable")][:, 1:]))
        if m not in MEASURE_NAMES:
            return slot
        kind = inputs.kind(m)
        value, note, n_units = slot.value, slot.note.copy(), slot.n_units
        if kind == "pairable":
            n_units = _counts(totals[(u, kind)][:, 1:])
            values, reasons = evaluated(u, m)
            value, note = _as_values(values[:, 1:], reasons[:, 1:], u, n_units)
        if params.unit != "segment":
            unused = np.isfinite(value) & (totals[("coded", kind)][:, 1:] == 0)
            value = np.where(unused, np.nan, value)
            for s_index, d_index in zip(*np.nonzero(unused), strict=True):
                note[s_index, d_index] = _UNUSED if s_index in unused_scopes else _UNUSED_HERE
        for d_index in range(value.shape[1]):
            if inputs.missing[d_index + 1] if d_index + 1 < len(inputs.missing) else ():
                note[:, d_index] = inputs.note(m, d_index + 1, None, "")
        if m == "ac1" and kind == "pairable" and singles is not None:
            extra = np.isfinite(value) & (singles[:, 1:] > 0)
            for s_index, d_index in zip(*np.nonzero(extra), strict=True):
                note[s_index, d_index] = (f"{note[s_index, d_index]}; chance agreement also from "
                                          f"{singles[s_index, d_index + 1]:.0f} units only one coder rated "
                                          "(Gwet 2014)").lstrip("; ")
        return replace(slot, value=value, n_units=n_units, note=note)

    def slots() -> list[_Slot]:
        return [adjusted_slot(slot) for slot in cells.slots()]

    return _Cells(wrapped, slots)


def _scope_figures(
    params: ComparisonParams, coder_scope: _CoderScope, scoped: np.ndarray,
    code_scopes: Sequence[_CodeScope], measures: Sequence[str], steps: _Steps,
    rater_names: Sequence[str] = (),
) -> _Cells:
    """Evaluate every measure for one coder scope at once; return the figures of one cell and, as columns, of
    every document."""
    pair = f"{coder_scope.coder_a} × {coder_scope.coder_b}"
    steps.advance(translate("AgreementProgress", "Measures") if coder_scope.coder_a is None
                  else translate("AgreementProgress", "Measures: {pair}").format(pair=pair))
    n_raters = int(math.log2(scoped.shape[-1]))
    everyone = coder_scope.coders == tuple(range(n_raters))
    owners = slice(None) if everyone or scoped.shape[2] == 1 else list(coder_scope.coders)
    owned = scoped[:, :, owners].sum(axis=2)
    full = owned if everyone else sub_pattern_weights(owned, coder_scope.coders)  # every document kept
    weights = full if coder_scope.per_document else full[:, :1]
    n_coders = len(coder_scope.coders)
    unit = params.unit
    variants = {u: (weights if u == "all" else _only_coded(weights)) for u in _unit_variants(unit)}
    wanted = [m for m in measures if _measure_applies(m, n_coders)]
    given = {u: _measures_over(u, unit, wanted) for u in variants}
    pairwise = unit == "segment" and n_coders > 2
    evaluated: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]
    if pairwise:
        evaluated = _pairwise_segment_means(scoped, coder_scope, code_scopes, wanted, weights.shape[1])
    else:
        evaluated = {}
        for u, w in variants.items():
            for m in given[u]:
                steps.check()
                evaluated[(u, m)] = _evaluate(m, unit, w, code_scopes)
        steps.check()
    totals = {u: w.sum(axis=-1) for u, w in variants.items()}
    differing = disagreeing_weight(weights)
    specific = _specific_values(weights, unit, everyone)
    names = list(rater_names) if everyone else []

    def cell(s: int, target: int, document_uuid: str | None) -> list[Figure]:
        scope = code_scopes[s]
        base: dict[str, Any] = dict(code_uuid=scope.uuid, code_name=scope.name, level=scope.level,
                                    document_uuid=document_uuid,
                    coder_a=coder_scope.coder_a, coder_b=coder_scope.coder_b)
        out = []
        for u, w in variants.items():
            n_units = int(round(totals[u][s, target]))
            resampling = target == 0 and params.n_resamples > 0 and n_units > 0 and not pairwise
            by_document = (full[s, 1:] if u == "all" else _only_coded(full[s, 1:])) if resampling else None
            for m in given[u]:
                values, reasons = evaluated[(u, m)]
                value, note = _as_value(values[s, target], reasons[s, target], u, n_units)
                if pairwise and value is not None:
                    note = _PAIRWISE_NOTE.format(pairs=n_coders * (n_coders - 1) // 2)
                low = high = None
                below: dict[float, float] = {}
                if resampling and value is not None:
                    # one seed per scope and units: every measure sees the same resampled units or documents
                    rng = _scope_seed(params.seed, scope.uuid, scope.name, coder_scope.coder_a, coder_scope.coder_b, u)
                    boot = _bootstrap(params, m, unit, w[s, 0], by_document, scope, n_coders, rng)
                    note = boot.method if boot.interval else "no bootstrap resample gave a value"
                    low, high = boot.interval or (None, None)
                    below = boot.below
                out.append(Figure(**base, measure=m, units=u, value=value, n_units=n_units, ci_low=low,
                                  ci_high=high, note=note))
                for minimum, q in below.items():
                    out.append(Figure(**base, measure=ALPHA_BELOW[minimum], units=u,
                                      value=None if math.isnan(q) else q, n_units=n_units,
                                      note=NOTE_BELOW.format(minimum=f"{minimum:.3f}".lstrip("0"), method=note)))
        out.extend(_specific_figures(specific, base, s, target, n_coders, names, totals))
        differing_units = "coded" if unit == "segment" else "all"
        out.append(Figure(**base, measure=DISAGREEMENTS, units=differing_units,
                          value=float(differing[s, target]), n_units=int(round(totals[differing_units][s, target]))))
        return out

    def document_slots() -> list[_Slot]:
        """What ``cell`` gives for every code scope × document (targets 1 …), one slot per figure of a cell."""
        if pairwise or not coder_scope.per_document:
            raise ValueError("document slots cover frame units with figures per document")
        a, b = coder_scope.coder_a, coder_scope.coder_b
        slots = []
        for u in variants:
            n_units = _counts(totals[u][:, 1:])
            for m in given[u]:
                values, reasons = evaluated[(u, m)]
                value, note = _as_values(values[:, 1:], reasons[:, 1:], u, n_units)
                slots.append(_Slot(m, u, a, b, value, n_units, note))
        slots.extend(_specific_slots(specific, a, b, n_coders, names, totals))
        differing_units = "all"
        slots.append(_Slot(DISAGREEMENTS, differing_units, a, b, differing[:, 1:].astype(np.float64),
                           _counts(totals[differing_units][:, 1:]), _blank(differing[:, 1:].shape)))
        return slots

    return _Cells(cell, document_slots)


@dataclass
class _Slot:
    """One figure of every code scope × document cell of a coder scope, as (scopes × documents) arrays:
    ``value`` NaN = None, ``note`` an object array of strings."""

    measure: str
    units: str
    coder_a: str | None
    coder_b: str | None
    value: np.ndarray
    n_units: np.ndarray
    note: np.ndarray


@dataclass(frozen=True)
class _Cells:
    """A coder scope's figures: ``cell(s, target, document_uuid)`` one cell as ``Figure`` objects; ``slots()``
    every document at once as columns (frame units)."""

    cell: Callable[[int, int, str | None], list[Figure]]
    slots: Callable[[], list[_Slot]]


def _counts(totals: np.ndarray) -> np.ndarray:
    return np.asarray(np.rint(totals), dtype=np.int64)


def _blank(shape: tuple[int, ...]) -> np.ndarray:
    return np.full(shape, "", dtype=object)


def _as_values(values: np.ndarray, reasons: np.ndarray, units: str, n_units: np.ndarray) -> tuple[np.ndarray,
                                                                                                   np.ndarray]:
    """:func:`_as_value` over arrays: (values with NaN for None, notes)."""
    finite = np.isfinite(values)
    notes = np.empty(values.shape, dtype=object)
    notes[finite] = ""
    notes[~finite] = [str(r) or "undefined" for r in reasons[~finite].tolist()]
    if units == "coded":
        notes[~finite & (n_units == 0)] = _NONE_CODED
    return np.where(finite, values, np.nan), notes


def _specific_slots(
    specific: dict[str, Any], coder_a: str | None, coder_b: str | None, n_coders: int, names: Sequence[str],
    totals: dict[str, np.ndarray],
) -> list[_Slot]:
    """:func:`_specific_figures` for every document at once."""
    if not specific:
        return []
    label = f"mean of the {n_coders * (n_coders - 1) // 2} pairwise values" if n_coders > 2 else ""
    slots = []
    for measure, units in ((PSA, "coded"), (NSA, "all")):
        values, reasons = specific[measure]
        value = values[:, 1:]
        finite = np.isfinite(value)
        notes = np.empty(value.shape, dtype=object)
        notes[finite] = label
        notes[~finite] = [str(r) for r in reasons[:, 1:][~finite].tolist()]
        slots.append(_Slot(measure, units, coder_a, coder_b, np.where(finite, value, np.nan),
                           _counts(totals[units][:, 1:]), notes))
    if PREVALENCE in specific:
        n_all = _counts(totals["all"][:, 1:])
        for c, name in enumerate(names):
            share = specific[PREVALENCE][:, 1:, c]
            finite = np.isfinite(share)
            notes = np.where(finite, "", NO_UNITS).astype(object)
            slots.append(_Slot(PREVALENCE, "all", name, None, np.where(finite, share, np.nan), n_all, notes))
    return slots


_PAIRWISE_NOTE = QT_TRANSLATE_NOOP("AgreementNotes", "mean of the {pairs} pairwise values (each pair over its own "
                                                     "segments): with three or more coders a segment agrees "
                                                     "pairwise, never because several coders jointly failed to "
                                                     "match it")


def _measures_over(units: str, unit: str, measures: Sequence[str]) -> list[str]:
    """The measures given over ``units``: on coded units of a unit frame, no chance-corrected one (item 2)."""
    if units == "coded" and unit != "segment":
        return [m for m in measures if m not in _CHANCE_CORRECTED]
    return list(measures)


def _pairwise_segment_means(
    scoped: np.ndarray, coder_scope: _CoderScope, code_scopes: Sequence[_CodeScope], measures: Sequence[str],
    n_targets: int,
) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]:
    """Segment figures for three or more coders: each measure as the mean of its defined pairwise values, every
    pair over its own coders' segments (the all-coder pattern would count joint non-matching as agreement)."""
    coders = coder_scope.coders
    per_pair: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {m: [] for m in measures}
    for a_index, a in enumerate(coders):
        for b in coders[a_index + 1:]:
            pair_weights = sub_pattern_weights(scoped[:, :n_targets, [a, b]].sum(axis=2), (a, b))
            for m in measures:
                per_pair[m].append(_evaluate(m, "segment", pair_weights, code_scopes))
    out = {}
    for m, results in per_pair.items():
        values = np.stack([v for v, _ in results])
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = np.nanmean(values, axis=0)
        reasons = np.where(np.isnan(mean), results[0][1], "").astype(object)
        out[("coded", m)] = (mean, reasons)
    return out


def _specific_values(weights: np.ndarray, unit: str, everyone: bool) -> dict[str, Any]:
    """Positive/negative specific agreement and (all-coder scope) each coder's prevalence, per scope × target."""
    if unit == "segment":
        return {}
    out: dict[str, Any] = {PSA: specific_agreement(weights, True), NSA: specific_agreement(weights, False)}
    if everyone:
        out[PREVALENCE] = coder_prevalence(weights)
    return out


def _specific_figures(
    specific: dict[str, Any], base: dict[str, Any], s: int, target: int, n_coders: int, names: Sequence[str],
    totals: dict[str, np.ndarray],
) -> list[Figure]:
    if not specific:
        return []
    label = f"mean of the {n_coders * (n_coders - 1) // 2} pairwise values" if n_coders > 2 else ""
    out = []
    for measure, units in ((PSA, "coded"), (NSA, "all")):
        values, reasons = specific[measure]
        value = float(values[s, target]) if np.isfinite(values[s, target]) else None
        out.append(Figure(**base, measure=measure, units=units, value=value,
                          n_units=int(round(totals[units][s, target])),
                          note=label if value is not None else str(reasons[s, target])))
    if PREVALENCE in specific:
        n_all = int(round(totals["all"][s, target]))
        for c, name in enumerate(names):
            share = specific[PREVALENCE][s, target, c]
            out.append(Figure(**{**base, "coder_a": name, "coder_b": None}, measure=PREVALENCE, units="all",
                              value=float(share) if np.isfinite(share) else None, n_units=n_all,
                              note="" if np.isfinite(share) else NO_UNITS))
    return out


# Notes with values, stored with a run in English; the GUI matches a stored note against these templates to show it
# in the interface language (app/agreement/notes.py).
NOTE_BELOW = QT_TRANSLATE_NOOP("AgreementNotes", "P(α < {minimum}) over the resamples: {method}")
NOTE_RULE_NOT_USED = QT_TRANSLATE_NOOP("AgreementNotes", "The presence rule {rule} applies to sentence and turn "
                                                         "units only; it was not used for {unit} units.")
NOTE_UNUSED_CODES = QT_TRANSLATE_NOOP("AgreementNotes", "Undefined, left out of the pools and of Brennan–Prediger's "
                                                        "q — no compared coder used: {codes}.")
NOTE_OWN_CODINGS = QT_TRANSLATE_NOOP("AgreementNotes", "The pool of the most specific codes counts each parent "
                                                       "code's own codings as a variable of its own: {codes}.")
NOTE_SEGMENTS = QT_TRANSLATE_NOOP("AgreementNotes", "A segment agrees when another coder has the same code on a "
                                                    "segment overlapping it by at least {tolerance}% (overlap = "
                                                    "{overlap}); every coder's segments are units, so a matched "
                                                    "pair counts twice.")
NOTE_INTERVALS = QT_TRANSLATE_NOOP("AgreementNotes", "Intervals of {measure}: {method} ({resamples} resamples, "
                                                     "seed {seed}).")
NOTE_SKIPPED = QT_TRANSLATE_NOOP("AgreementNotes", "{count} snapshot coding(s) were left out: their document or code "
                                                   "no longer exists.")
NOTE_TEMPLATES: tuple[str, ...] = (NOTE_BELOW, NOTE_RULE_NOT_USED, NOTE_UNUSED_CODES, NOTE_OWN_CODINGS, NOTE_SEGMENTS,
                                   NOTE_INTERVALS, NOTE_SKIPPED, _PAIRWISE_NOTE)


def _run_notes(params: ComparisonParams, skipped: int) -> tuple[str, ...]:
    notes = []
    if params.unit in ("sentence", "turn"):
        notes.append(PresenceRule.parse(params.rule).description + ".")
    if params.unit == "segment":
        notes.append(NOTE_SEGMENTS.format(tolerance=f"{params.tolerance:g}", overlap=OVERLAP_DEFINITION))
    if params.unit != "segment":
        # whole-sentence notes are marked for the catalogue: the GUI shows a stored run's notes translated
        notes.append(QT_TRANSLATE_NOOP(
            "AgreementNotes",
            "On coded units only (units at least one coder coded with the code) no unit is left that every "
            "coder left uncoded, so α and κ there are never positive by construction (α = 1 − (2N − 1)/"
            "(2a + b + c)); they are not given. Coded units give percent agreement and positive specific "
            "agreement 2a/(2a + b + c); all units add negative specific agreement 2d/(2d + b + c) and each "
            "coder's prevalence (share of units coded), so a high percent with a low κ (the kappa paradox "
            "of a rare code) can be read."))
    if params.unit == "segment" and len(params.coders) > 2:
        notes.append(QT_TRANSLATE_NOOP("AgreementNotes", "With three or more coders, segment figures for all coders "
                                                         "are the mean of the pairwise values, each pair over its "
                                                         "own segments."))
    for measure, method in interval_methods(params).items():
        notes.append(NOTE_INTERVALS.format(measure=measure, method=method, resamples=params.n_resamples,
                                           seed=params.seed))
    if "alpha" in interval_methods(params):
        notes.append(QT_TRANSLATE_NOOP("AgreementNotes", "For α, q = P(α < .667) and P(α < .800) are the shares of "
                                                         "bootstrap resamples below Krippendorff's minima (figures "
                                                         "alpha_q667, alpha_q800)."))
    if params.unit == "character" and params.n_resamples > 0 and params.interval_method == "units":
        notes.append(QT_TRANSLATE_NOOP("AgreementNotes", "Bootstrap intervals resample characters as if they were "
                                                         "independent; neighbouring characters are not, so "
                                                         "character-level intervals are too narrow (the document "
                                                         "bootstrap is not)."))
    if skipped:
        notes.append(NOTE_SKIPPED.format(count=skipped))
    return tuple(notes)


# ------------------------------------------------------------------------------------------------
# Boundary-only disagreements (issue 17, item 7)
# ------------------------------------------------------------------------------------------------

BOUNDARY_UNITS = "boundary"  # figures under the boundary reading carry this in ``units``
BOUNDARY_ONLY = "boundary_only"  # units whose only difference is a touch of ≤ N characters


@dataclass(frozen=True)
class _BeyondBoundary:
    """The presence rule, counting a coder's coverage only beyond ``characters`` characters (or the whole unit)."""

    rule: PresenceRule
    characters: int

    def present(self, covered: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        return self.rule.present(covered, lengths) & ((covered > self.characters) | (covered >= lengths))


def boundary_reading(as_read: np.ndarray, beyond: np.ndarray) -> np.ndarray:
    """coders × units presence under the boundary reading: a coder who touched a unit by ≤ N characters counts
    as coding it when another coder coded it beyond the boundary, and as not coding it otherwise — so a few
    characters of overhang never make a disagreement, and a real one (someone coded it, someone did not touch
    it) stays."""
    touched_only = as_read & ~beyond
    return np.asarray(beyond | (touched_only & beyond.any(axis=0)))


def _boundary_weights(
    spans: Sequence[RaterSpans], variables: Sequence[CodeRef], documents: Sequence[DocumentRef],
    frames: dict[int, tuple[np.ndarray, np.ndarray]], rule: PresenceRule, characters: int, present: np.ndarray,
    coders: Sequence[int],
) -> tuple[np.ndarray, np.ndarray]:
    """(as read, boundary reading): variables × documents × 2**coders, over the documents all ``coders`` coded."""
    shape = (len(variables), len(documents), 2 ** len(coders))
    read, kept = np.zeros(shape), np.zeros(shape)
    beyond_rule = _BeyondBoundary(rule, characters)
    for d, document in enumerate(documents):
        if not present[list(coders), d].all():
            continue
        units = frames[document.id]
        for c, code in enumerate(variables):
            coverages = [union(spans[r].intervals(document.id, code.members)) for r in coders]
            as_read = unit_presence(coverages, units, rule)
            beyond = unit_presence(coverages, units, beyond_rule)  # type: ignore[arg-type]
            read[c, d] = pattern_weights(as_read)
            kept[c, d] = pattern_weights(boundary_reading(as_read, beyond))
    return read, kept


def _boundary_figures(
    params: ComparisonParams, spans: Sequence[RaterSpans], variables: Sequence[CodeRef],
    documents: Sequence[DocumentRef], frames: dict[int, tuple[np.ndarray, np.ndarray]], rule: PresenceRule,
    present: np.ndarray, code_scopes: Sequence[_CodeScope], coder_scopes: Sequence[_CoderScope],
) -> list[Figure]:
    """Every measure over all units under the boundary reading (``units`` "boundary") beside the figures as
    read, and per scope the count of boundary-only disagreements (sentence and turn units, ``--boundary N``)."""
    if params.boundary <= 0 or params.unit not in ("sentence", "turn"):
        return []
    note = (f"boundary reading: a coder's touch of ≤ {params.boundary} characters of a unit counts as agreeing "
            "with the other coders there (overhang is not a disagreement)")
    targets = [None, *[d.uuid for d in documents]]
    out: list[Figure] = []
    for coder_scope in coder_scopes:
        read, kept = _boundary_weights(spans, variables, documents, frames, rule, params.boundary, present,
                                       coder_scope.coders)
        scoped = {name: np.stack([w[list(s.rows)].sum(axis=0) for s in code_scopes])
                  for name, w in (("read", read), ("kept", kept))}
        scoped = {k: np.concatenate([v.sum(axis=1, keepdims=True), v], axis=1) for k, v in scoped.items()}
        n_coders = len(coder_scope.coders)
        measures = [m for m in params.measures if m in MEASURE_NAMES and _measure_applies(m, n_coders)]
        values = {m: pattern_measure(m, n_coders).evaluate(scoped["kept"]) for m in measures}
        boundary_only = disagreeing_weight(scoped["read"]) - disagreeing_weight(scoped["kept"])
        totals = scoped["kept"].sum(axis=-1)
        for s, scope in enumerate(code_scopes):
            for target, document_uuid in enumerate(targets):
                if target > 0 and not coder_scope.per_document:
                    continue
                base: dict[str, Any] = dict(code_uuid=scope.uuid, code_name=scope.name, level=scope.level,
                            document_uuid=document_uuid, coder_a=coder_scope.coder_a, coder_b=coder_scope.coder_b)
                n_units = int(round(totals[s, target]))
                for m in measures:
                    value, reason = _as_value(values[m][0][s, target], values[m][1][s, target], "all", n_units)
                    out.append(Figure(**base, measure=m, units=BOUNDARY_UNITS, value=value, n_units=n_units,
                                      note=note if value is not None else reason))
                out.append(Figure(**base, measure=BOUNDARY_ONLY, units="all",
                                  value=float(boundary_only[s, target]), n_units=n_units,
                                  note=f"units the coders differ on only by a touch of ≤ {params.boundary} "
                                       "characters (counted as disagreements under the rule as read)"))
    return out


__all__ = [
    "AVAILABLE_MEASURES",
    "DEFAULT_MEASURES",
    "DEFAULT_TOLERANCE",
    "DISAGREEMENTS",
    "NOTE_TEMPLATES",
    "OVERLAP_DEFINITION",
    "ComparisonParams",
    "ComparisonResult",
    "Figure",
    "run_comparison",
]
