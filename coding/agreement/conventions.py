"""Vendor conventions: the figures NVivo, MAXQDA and ATLAS.ti report, recomputed from their documented definitions,
so a group moving from one of them can say "the same number it gave us, and here is α beside it".

Every figure below is written from the vendor's published description (help pages), not from their code:

**NVivo** (Coding Comparison query). Two users (with three or more coders: each pair). For every code and every
source (document) on its own — *no roll-up*: only the code's own codings count, not its children's — the document's
characters fall in four cells: coded by both (a), by A only (b), by B only (c), by neither (d), N = a + b + c + d.
Percentage agreement = (a + d) / N. Kappa: ΣEF = [(a + b)(a + c) + (c + d)(b + d)] / N (expected chance
agreement, in characters), K = (a + d − ΣEF) / (N − ΣEF). Where the two agree completely (e.g. neither coded the
code in that source) K = 1, as NVivo shows it — so sources nobody coded raise any average. NVivo gives no figure
across sources or codes; its documentation suggests averaging per-source values, unweighted or weighted by source
size, which we give per code (``nvivo_kappa_mean``, ``nvivo_kappa_weighted`` and the same for percent).

**MAXQDA** (Intercoder Agreement, two coders; with three or more: each pair). Codings are taken as they are:
*segments not merged*, each code's own segments only.

* Segment agreement (``maxqda_segment``): every segment of either coder is one row; it agrees when the other coder
  has a segment of the same code overlapping it by at least the tolerance (intersection / union, as elsewhere in
  Concord). Per code: agreeing rows / rows. The table total P_o = Σ agreeing rows / Σ rows.
* Table-level kappa (``maxqda_kappa``, Brennan & Prediger 1981 as MAXQDA applies it): P_chance = 1/q with q the
  number of codes in the result table, i.e. the codes either coder used in the compared documents;
  κ = (P_o − 1/q) / (1 − 1/q).
* "Code exists in document" (``maxqda_presence``): per document, each code either coder used there is a row; it
  agrees when both used it. Per document, per code (over documents) and in total: agreeing rows / rows.
* "Code frequency in document" (``maxqda_frequency``): as above, but a row agrees when both coders coded the code
  equally often in the document.

**ATLAS.ti** (Krippendorff's family of 2016/2019, see :mod:`coding.agreement.unitizing`). Semantic domains are the
level-2 codes: a domain holds the level-2 code and every code below it; codes of level 1 belong to no domain and
are left out. Each document is its own continuum; the coincidences of all documents are added up. Per code |uα
(coded or not); per domain |uα and cuα (which code, where coders both coded; the domain's codes must not overlap
within a coder); over all domains Cuα (which domain, where coders both coded) and |uα.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from sqlalchemy.orm import Session

from coding.agreement.compare import Figure
from coding.agreement.figure_table import overall_figures
from coding.agreement.measures import AgreementInputError, Undefined
from coding.agreement.sources import CodeRef, DocumentRef, Rater, RaterSpans, resolve_codes
from coding.agreement.unitizing import family_over_documents
from coding.agreement.units import as_intervals, character_weights, union
from coding.errors import ValidationError
from coding.i18n import QT_TRANSLATE_NOOP
from coding.i18n import translate

_Code = TypeVar("_Code", bound=Hashable)
# One continuum per document for u-α: each rater's (start, end, code) spans, and the document's (start, end).
_Continua = list[tuple[list[list[tuple[int, int, int]]], tuple[float, float]]]

CONVENTIONS: tuple[str, ...] = ("nvivo", "maxqda", "atlas")
# In English; shown through translate("AgreementConventions", title) in the interface language.
CONVENTION_TITLES = {
    "nvivo": QT_TRANSLATE_NOOP("AgreementConventions", "NVivo (character κ per code per source)"),
    "maxqda": QT_TRANSLATE_NOOP("AgreementConventions", "MAXQDA (segments, presence, frequency)"),
    "atlas": QT_TRANSLATE_NOOP("AgreementConventions", "ATLAS.ti (|uα, cuα, Cuα; level-2 codes as domains)"),
}
CONVENTION_MEASURES = {
    "nvivo_kappa": "NVivo κ",
    "nvivo_percent": "NVivo %",
    "nvivo_kappa_mean": "NVivo κ (mean over sources)",
    "nvivo_kappa_weighted": "NVivo κ (mean weighted by source size)",
    "nvivo_percent_mean": "NVivo % (mean over sources)",
    "nvivo_percent_weighted": "NVivo % (mean weighted by source size)",
    "maxqda_segment": "MAXQDA segment agreement",
    "maxqda_kappa": "MAXQDA κ (Brennan–Prediger, q = codes used)",
    "maxqda_presence": "MAXQDA code exists in document",
    "maxqda_frequency": "MAXQDA code frequency in document",
    "atlas_binary_ualpha": "|uα",
    "atlas_cualpha": "cuα",
    "atlas_domain_cualpha": "Cuα",
}
# Short column headers for tables (the GUI results table, the text table).
# (in English; the GUI shows them through translate("AgreementMeasures", symbol))
CONVENTION_SYMBOLS = {
    "nvivo_kappa": "NVivo κ", "nvivo_percent": "NVivo %",
    "nvivo_kappa_mean": QT_TRANSLATE_NOOP("AgreementMeasures", "NVivo κ mean"),
    "nvivo_kappa_weighted": QT_TRANSLATE_NOOP("AgreementMeasures", "NVivo κ wtd"),
    "nvivo_percent_mean": QT_TRANSLATE_NOOP("AgreementMeasures", "NVivo % mean"),
    "nvivo_percent_weighted": QT_TRANSLATE_NOOP("AgreementMeasures", "NVivo % wtd"),
    "maxqda_segment": QT_TRANSLATE_NOOP("AgreementMeasures", "MAXQDA seg."), "maxqda_kappa": "MAXQDA κ",
    "maxqda_presence": QT_TRANSLATE_NOOP("AgreementMeasures", "MAXQDA exists"),
    "maxqda_frequency": QT_TRANSLATE_NOOP("AgreementMeasures", "MAXQDA freq."), "atlas_binary_ualpha": "|uα",
    "atlas_cualpha": "cuα", "atlas_domain_cualpha": "Cuα",
}
CONVENTION_NOTES = {  # stored with a run in English; the GUI shows them through translate("AgreementNotes", …)
    "nvivo": QT_TRANSLATE_NOOP(
        "AgreementNotes",
        "NVivo convention: character κ and % per code per document from the code's own codings (no roll-up); "
        "K = 1 where the coders agree completely, including documents where neither coded the code; "
        "per-code means over documents unweighted and weighted by document length (characters)."),
    "maxqda": QT_TRANSLATE_NOOP(
        "AgreementNotes",
        "MAXQDA convention: segments not merged, each code's own segments; a segment agrees when the other "
        "coder has the same code overlapping it by at least the tolerance; table κ = (P_o − 1/q)/(1 − 1/q) "
        "with q = codes used; 'code exists' and 'code frequency' count per document the codes either "
        "coder used."),
    "atlas": QT_TRANSLATE_NOOP(
        "AgreementNotes",
        "ATLAS.ti convention: Krippendorff's |uα, cuα and Cuα (2016/2019) with level-2 codes as semantic "
        "domains (level-1 codes left out); each document its own continuum, coincidences summed over "
        "documents."),
}


def check_convention(convention: str | None) -> str | None:
    """The convention normalised (None = none), or ValidationError naming the bad one."""
    if convention is None or not str(convention).strip() or str(convention).strip().lower() == "none":
        return None
    name = str(convention).strip().lower()
    if name not in CONVENTIONS:
        raise ValidationError(translate(
            "errors", "unknown convention '{convention}' (choose from {value})").format(
            convention=convention, value=', '.join(CONVENTIONS)))
    return name


# ------------------------------------------------------------------------------------------------
# NVivo: formulas
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CharacterTable:
    """Characters of one document for one code: coded by both, by A only, by B only, by neither."""

    both: float
    only_a: float
    only_b: float
    neither: float

    @property
    def size(self) -> float:
        return self.both + self.only_a + self.only_b + self.neither


def character_table(coded_a: Sequence[tuple[int, int]], coded_b: Sequence[tuple[int, int]],
                    length: int) -> CharacterTable:
    """The 2×2 character table of two coders' spans (overlapping spans count each character once)."""
    weights = character_weights([union(as_intervals(coded_a)), union(as_intervals(coded_b))], length)
    return _table_of(weights)


def _table_of(weights: np.ndarray) -> CharacterTable:
    # pattern bits: coder 0 is bit 0, coder 1 is bit 1
    return CharacterTable(both=float(weights[3]), only_a=float(weights[1]), only_b=float(weights[2]),
                          neither=float(weights[0]))


def nvivo_percent(table: CharacterTable) -> float:
    """(a + d) / N: the share of the source's characters on which the two agree."""
    if table.size <= 0:
        return Undefined("the document is empty")
    return (table.both + table.neither) / table.size


def nvivo_kappa(table: CharacterTable) -> float:
    """K = (a + d − ΣEF) / (N − ΣEF), ΣEF = [(a + b)(a + c) + (c + d)(b + d)] / N; 1 on complete agreement."""
    n = table.size
    if n <= 0:
        return Undefined("the document is empty")
    coded_a, coded_b = table.both + table.only_a, table.both + table.only_b
    expected = (coded_a * coded_b + (n - coded_a) * (n - coded_b)) / n
    agreed = table.both + table.neither
    if np.isclose(n, expected):
        return 1.0  # only complete agreement leaves no room for chance (NVivo shows K = 1)
    return (agreed - expected) / (n - expected)


def nvivo_averages(values: Sequence[float], sizes: Sequence[float]) -> tuple[float, float]:
    """(unweighted mean, mean weighted by source size) of per-source values."""
    values_array, sizes_array = np.asarray(values, dtype=float), np.asarray(sizes, dtype=float)
    if len(values_array) == 0 or sizes_array.sum() <= 0:
        reason = Undefined("no documents with text to average over")
        return reason, reason
    return float(values_array.mean()), float((values_array * sizes_array).sum() / sizes_array.sum())


# ------------------------------------------------------------------------------------------------
# MAXQDA: formulas
# ------------------------------------------------------------------------------------------------


def segment_agreements(segments: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]],
                       tolerance: float) -> int:
    """How many of ``segments`` have a segment in ``others`` overlapping them by ≥ tolerance % (intersection /
    union; 0 = any shared character). Neither side is merged: overlapping segments stay separate rows."""
    if not segments or not others:
        return 0
    a, b = np.asarray(segments, dtype=float).reshape(-1, 1, 2), np.asarray(others, dtype=float).reshape(1, -1, 2)
    intersection = np.minimum(a[..., 1], b[..., 1]) - np.maximum(a[..., 0], b[..., 0])
    spread = np.maximum(a[..., 1], b[..., 1]) - np.minimum(a[..., 0], b[..., 0])
    matched = (intersection > 0) & (intersection * 100.0 >= tolerance * spread)
    return int(matched.any(axis=1).sum())


def maxqda_kappa(agreeing_rows: float, rows: float, codes_used: int) -> float:
    """κ = (P_o − 1/q) / (1 − 1/q) with P_o = agreeing rows / rows and q the codes used (Brennan–Prediger)."""
    if rows <= 0:
        return Undefined("no coded segments to compare")
    if codes_used < 2:
        return Undefined("MAXQDA's kappa needs two or more codes in the table (P_chance = 1/q)")
    chance = 1.0 / codes_used
    return (agreeing_rows / rows - chance) / (1.0 - chance)


def presence_rows(codes_a: Iterable[object], codes_b: Iterable[object]) -> tuple[int, int]:
    """'Code exists in document': (agreeing rows, rows) — rows are the codes either coder used there."""
    a, b = set(codes_a), set(codes_b)
    return len(a & b), len(a | b)


def frequency_rows(counts_a: Mapping[_Code, int], counts_b: Mapping[_Code, int]) -> tuple[int, int]:
    """'Code frequency in document': (agreeing rows, rows) — a code agrees when both used it equally often."""
    used = {c for c, n in counts_a.items() if n} | {c for c, n in counts_b.items() if n}
    return sum(counts_a.get(c, 0) == counts_b.get(c, 0) for c in used), len(used)


def _share(agreeing: float, rows: float, reason: str) -> float:
    return agreeing / rows if rows > 0 else Undefined(reason)


# ------------------------------------------------------------------------------------------------
# Figures for a comparison
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Inputs:
    raters: Sequence[Rater]
    spans: Sequence[RaterSpans]
    codes: Sequence[CodeRef]
    documents: Sequence[DocumentRef]
    tolerance: float


def _figure(code: CodeRef | None, name: str, document: DocumentRef | None, pair: tuple[str | None, str | None],
            measure: str, units: str, value: float, n: float, note: str = "") -> Figure:
    defined = bool(np.isfinite(value))
    reason = note if defined else "; ".join(filter(None, [str(getattr(value, "reason", "undefined")), note]))
    return Figure(code.uuid if code else None, name if code is None else code.path, code.level if code else None,
                  document.uuid if document else None, pair[0], pair[1], measure, units,
                  float(value) if defined else None, round(n), note=reason)


def _pairs(inputs: _Inputs) -> list[tuple[int, int, tuple[str | None, str | None]]]:
    n = len(inputs.raters)
    if n == 2:
        return [(0, 1, (None, None))]
    return [(i, j, (inputs.raters[i].name, inputs.raters[j].name)) for i in range(n) for j in range(i + 1, n)]


def _nvivo(inputs: _Inputs) -> list[Figure]:
    out: list[Figure] = []
    for i, j, pair in _pairs(inputs):
        for code in inputs.codes:
            kappas, percents, sizes = [], [], []
            for doc in inputs.documents:
                if doc.length <= 0:
                    continue
                coverages = [union(inputs.spans[r].intervals(doc.id, [code.id])) for r in (i, j)]
                table = _table_of(character_weights(coverages, doc.length))
                kappa, percent = nvivo_kappa(table), nvivo_percent(table)
                kappas.append(kappa)
                percents.append(percent)
                sizes.append(doc.length)
                out.append(_figure(code, "", doc, pair, "nvivo_kappa", "all", kappa, doc.length))
                out.append(_figure(code, "", doc, pair, "nvivo_percent", "all", percent, doc.length))
            total = sum(sizes)
            for measure, values in (("nvivo_kappa", kappas), ("nvivo_percent", percents)):
                mean, weighted = nvivo_averages(values, sizes)
                note = f"over {len(values)} documents"
                out.append(_figure(code, "", None, pair, f"{measure}_mean", "all", mean, total, note))
                out.append(_figure(code, "", None, pair, f"{measure}_weighted", "all", weighted, total, note))
    return out


def _maxqda(inputs: _Inputs) -> list[Figure]:
    out: list[Figure] = []
    for i, j, pair in _pairs(inputs):
        out.extend(_maxqda_segments(inputs, i, j, pair))
        out.extend(_maxqda_documents(inputs, i, j, pair))
    return out


def _raw(inputs: _Inputs, rater: int, doc: DocumentRef, code: CodeRef) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in inputs.spans[rater].spans(doc.id, [code.id])]


def _maxqda_segments(inputs: _Inputs, i: int, j: int, pair: tuple[str | None, str | None]) -> list[Figure]:
    out: list[Figure] = []
    agreeing_total = rows_total = 0
    used = 0
    for code in inputs.codes:
        agreeing = rows = 0
        for doc in inputs.documents:
            a, b = _raw(inputs, i, doc, code), _raw(inputs, j, doc, code)
            agreeing += segment_agreements(a, b, inputs.tolerance) + segment_agreements(b, a, inputs.tolerance)
            rows += len(a) + len(b)
        if rows:
            used += 1
            out.append(_figure(code, "", None, pair, "maxqda_segment", "coded",
                               _share(agreeing, rows, "no segments"), rows))
        agreeing_total += agreeing
        rows_total += rows
    table = "All codes (MAXQDA table)"
    note = f"q = {used} codes used; tolerance {inputs.tolerance:g}%"
    out.append(_figure(None, table, None, pair, "maxqda_segment", "coded",
                       _share(agreeing_total, rows_total, "no coded segments to compare"), rows_total, note))
    out.append(_figure(None, table, None, pair, "maxqda_kappa", "coded",
                       maxqda_kappa(agreeing_total, rows_total, used), rows_total, note))
    return out


def _maxqda_documents(inputs: _Inputs, i: int, j: int, pair: tuple[str | None, str | None]) -> list[Figure]:
    out: list[Figure] = []
    for measure in ("maxqda_presence", "maxqda_frequency"):
        by_code = {code.id: [0, 0] for code in inputs.codes}
        total = [0, 0]
        for doc in inputs.documents:
            counts = [{c.id: len(inputs.spans[r].spans(doc.id, [c.id])) for c in inputs.codes} for r in (i, j)]
            if measure == "maxqda_presence":
                agree, rows = presence_rows(*[[c for c, n in k.items() if n] for k in counts])
            else:
                agree, rows = frequency_rows(*counts)
            for code in inputs.codes:
                single = [{code.id: k[code.id]} for k in counts]
                a, r = (presence_rows(*[[c for c, n in k.items() if n] for k in single])
                        if measure == "maxqda_presence" else frequency_rows(*single))
                by_code[code.id][0] += a
                by_code[code.id][1] += r
            total[0] += agree
            total[1] += rows
            out.append(_figure(None, "All codes (MAXQDA table)", doc, pair, measure, "coded",
                               _share(agree, rows, "neither coder used any code in this document"), rows))
        for code in inputs.codes:
            agree, rows = by_code[code.id]
            if rows:
                out.append(_figure(code, "", None, pair, measure, "coded", agree / rows, rows,
                                   "rows: documents where either coder used the code"))
        out.append(_figure(None, "All codes (MAXQDA table)", None, pair, measure, "coded",
                           _share(total[0], total[1], "neither coder used any code"), total[1],
                           "rows: (document, code) pairs either coder used"))
    return out


def _domain_of(code: CodeRef, domains: Sequence[CodeRef]) -> CodeRef | None:
    return next((d for d in domains if code.id in d.members), None)


def _atlas(inputs: _Inputs, all_codes: Sequence[CodeRef]) -> list[Figure]:
    compared = {c.id for c in inputs.codes}
    domains = [c for c in all_codes if c.level == 2 and c.members & compared]
    domain_of = {c.id: d for c in all_codes if c.level >= 2 and (d := _domain_of(c, domains)) is not None}
    length = sum(d.length for d in inputs.documents)
    everyone = (None, None)

    def data(code_ids: Iterable[int]) -> _Continua:
        ids = list(code_ids)
        return [([[(s.start, s.end, s.code_id) for s in spans.spans(doc.id, ids)] for spans in inputs.spans],
                 (0, doc.length)) for doc in inputs.documents if doc.length > 0]

    def safely(compute: Callable[[], Any]) -> Any:  # a local guard around one coefficient
        try:
            return compute()
        except AgreementInputError as exc:
            return Undefined(str(exc))

    out: list[Figure] = []
    for code in inputs.codes:
        if code.id in domain_of:
            value = safely(functools.partial(_binary_over, data([code.id]), code.id))
            out.append(_figure(code, "", None, everyone, "atlas_binary_ualpha", "all", value, length,
                               "characters; the code's own codings"))
    for domain in domains:
        members = {cid: domain.id for cid, d in domain_of.items() if d.id == domain.id}
        family = safely(functools.partial(family_over_documents, data(members), {cid: cid for cid in members}))
        family = family if isinstance(family, dict) else dict.fromkeys(("binary_u_alpha", "cu_alpha"), family)
        note = f"semantic domain: {domain.path} ({len(members)} codes)"
        name = f"Domain {domain.path}"
        out.append(_figure(None, name, None, everyone, "atlas_binary_ualpha", "all",
                           family["binary_u_alpha"], length, note))
        out.append(_figure(None, name, None, everyone, "atlas_cualpha", "coded", family["cu_alpha"], length, note))
    if domains:
        mapping = {cid: d.id for cid, d in domain_of.items()}
        family = safely(lambda: family_over_documents(data(mapping), mapping))
        family = family if isinstance(family, dict) else dict.fromkeys(("binary_u_alpha", "cu_alpha"), family)
        note = f"{len(domains)} semantic domains (level-2 codes)"
        out.append(_figure(None, "All domains", None, everyone, "atlas_binary_ualpha", "all",
                           family["binary_u_alpha"], length, note))
        out.append(_figure(None, "All domains", None, everyone, "atlas_domain_cualpha", "coded",
                           family["cu_alpha"], length, note))
    return out


def _binary_over(documents: _Continua, code_id: int) -> float:
    return family_over_documents(documents, {code_id: code_id})["binary_u_alpha"]


def convention_figures(session: Session, convention: str, raters: Sequence[Rater], spans: Sequence[RaterSpans],
                       codes: Sequence[CodeRef], documents: Sequence[DocumentRef], tolerance: float) -> list[Figure]:
    """The figures of one vendor convention for a comparison's raters, codes and documents."""
    inputs = _Inputs(raters, spans, codes, documents, tolerance)
    if convention == "nvivo":
        return _nvivo(inputs)
    if convention == "maxqda":
        return _maxqda(inputs)
    if convention == "atlas":
        return _atlas(inputs, resolve_codes(session, None, None))
    raise ValidationError(translate(
        "errors", "unknown convention '{convention}' (choose from {value})").format(
        convention=convention, value=', '.join(CONVENTIONS)))


def format_convention_table(figures: Sequence[Figure], convention: str | None) -> str:
    """The vendor's figures over all documents as a text table (empty when no convention was asked for)."""
    rows = [f for f in overall_figures(figures) if f.measure in CONVENTION_MEASURES]
    if not convention or not rows:
        return ""
    table = [["Code", "Coders", "Measure", "Value", "n"]]
    for f in rows:
        coders = "all" if f.coder_a is None else f"{f.coder_a}×{f.coder_b}"
        value = "undef." if f.value is None else f"{f.value:.3f}"
        name = f.code_name if f.code_uuid is None else "  " * ((f.level or 1) - 1) + f.code_name.rsplit("/", 1)[-1]
        table.append([name, coders, CONVENTION_MEASURES[f.measure], value, str(f.n_units)])
    widths = [max(len(r[i]) for r in table) for i in range(5)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join([f"Convention: {CONVENTION_TITLES[convention]}", *lines])


__all__ = [
    "CONVENTIONS",
    "CONVENTION_MEASURES",
    "CONVENTION_NOTES",
    "CONVENTION_SYMBOLS",
    "CONVENTION_TITLES",
    "CharacterTable",
    "character_table",
    "check_convention",
    "convention_figures",
    "format_convention_table",
    "frequency_rows",
    "maxqda_kappa",
    "nvivo_averages",
    "nvivo_kappa",
    "nvivo_percent",
    "presence_rows",
    "segment_agreements",
]
