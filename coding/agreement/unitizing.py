"""Krippendorff's alphas for unitizing: coders choose their own spans on a continuum (a document's characters).

Input everywhere: ``segments`` — one list per coder of half-open ``(start, end, code)`` spans — and ``continuum``
— the ``(begin, end)`` pair the spans lie in (for text: ``(0, len(text))``, lengths in characters). A coder with
an empty list still counts: that coder marked nothing. Fewer than two coders gives :class:`Undefined`.

Two generations of coefficients, both implemented from Krippendorff's published definitions:

1. **uα of 1995/2004** (:func:`krippendorff_u_alpha`, :func:`u_alpha_per_code`). Krippendorff, "On the reliability
   of unitizing continuous data", *Sociological Methodology* 25 (1995) 47–76, with the corrected expected
   disagreement of Krippendorff, "Measuring the reliability of qualitative text analysis data", *Quality &
   Quantity* 38 (2004) 787–800 and *Content Analysis*, 2nd ed. (2004) §11.6. Per code c, each coder's continuum
   is a sequence of c-units and gaps. Between two coders' sections g, h:

   * δ² = (b_g − b_h)² + (e_g − e_h)² when both are c-units and they overlap;
   * δ² = ℓ_g² when unit g lies inside a gap h of the other coder (and symmetrically);
   * δ² = 0 otherwise (gap with gap, unit partly over a gap: that part is counted by the overlapping units).

   cD_o = Σ over ordered coder pairs (i ≠ j) Σ_g Σ_h δ² / (m(m − 1) L²).

   cD_e = (2/L) · Σ_{c-units g} [ (N_c − 1)(2ℓ_g³ − 3ℓ_g² + ℓ_g)/3 + ℓ_g² Σ_{gaps h, ℓ_h ≥ ℓ_g} (ℓ_h − ℓ_g + 1) ]
          / [ mL(mL − 1) − Σ_{c-units g} ℓ_g(ℓ_g − 1) ],

   N_c the number of c-units of all coders, the gap sum over all coders' gaps: the disagreement expected over all
   placements of the same units on the continuum (lengths count discrete positions, i.e. characters). The
   prefactor is 2/L: the textbook example (m = 2; 2004, p. 254) gives cD_e = .0532 and kD_e = .0490 only with
   2/L — 2/(mL) halves them. Both D_o (a mean over coder pairs) and this D_e stay put when coders are replicated,
   so 2/L is kept for m > 2 (codings placed at random then give α near 0 for any m; see the tests).
   cα = 1 − cD_o/cD_e per code; uα = 1 − Σ_c cD_o / Σ_c cD_e over the codes used.
   A coder's overlapping spans of one code are merged first (one code cannot overlap itself); abutting spans stay
   separate units. Spans of different codes may overlap: every code is analysed on its own.

2. **The 2016/2019 family** ATLAS.ti reports (Krippendorff, Mathet, Bouvry & Widlöcher, "On the reliability of
   unitizing textual continua: Further developments", *Quality & Quantity* 50 (2016) 2347–2364; Krippendorff,
   *Content Analysis*, 4th ed. (2019) §12.6). Each coder partitions the continuum into coded segments and
   uncoded matter φ. The observed coincidences are intersection lengths (2019 eq. 32):
   ℓ_ck = Σ_i Σ_{j≠i} Σ_g Σ_h |S_ig valued c ∩ S_jh valued k| / (m − 1), so ℓ.. = mL; the expected coincidences
   (eq. 33) keep a segment from pairing with itself: ε_ck = ℓ.. (ℓ_c. ℓ_.k − [c = k] Σ_{segments valued c} s) /
   (ℓ..² − Σ_{all segments} s) with s = ℓ² for a coded segment and s = ℓ for uncoded matter (its characters pair
   individually). With nominal δ, α = 1 − Σ_{c≠k} ℓ_ck / Σ_{c≠k} ε_ck. Then

   * :func:`nominal_u_alpha` — uα, boundaries and codes together (eq. 34);
   * :func:`binary_u_alpha` — |uα, both matrices collapsed to φ versus coded (eq. 35): agreement on what is
     relevant, whatever the code;
   * :func:`cu_alpha` — cuα, the coded × coded submatrix ℓ*_ck (eqs. 36–37): agreement on codes where coders both
     coded. Its expected coincidences use each segment's *pairable length* — its length weighted by how many
     other coders also coded there, Σ_{j≠i} |S_ig ∩ coded_j| / (m − 1), i.e. its share of ℓ*_c. — squared in the
     self-pairing term;
   * :func:`Cu_alpha` — Cuα, cuα with every code replaced by its semantic domain: agreement on the domain.

   With every segment one character long these reduce to the ordinary coincidence-matrix α. Anchor: the 2019
   book's Figure 12.11 example (three coders, L = 60) as transcribed in the tests of the R package quallmer
   (tests/testthat/test-alpha_u.R, citing Krippendorff 2019 p. 340): uα ≈ .510, |uα ≈ .413, cuα ≈ .724. This
   module gives .5100, .4136 and .7242; we could not consult the book itself. In this family the codes compared
   must be mutually exclusive for each coder (ATLAS.ti: the codes of one semantic domain); a coder's overlapping
   spans with different codes raise :class:`AgreementInputError`, overlapping spans with the same code are merged.
   ``codes=`` restricts a coefficient to some codes (spans of other codes are then uncoded matter).

Several documents: each document is its own continuum. :func:`u_alpha_over_documents` pools the 1995 uα as
length-weighted disagreements (per code and over codes); :func:`family_over_documents` adds up the 2016/2019
coincidence matrices of the documents. Joining documents into one continuum would merge the uncoded gap at the
end of one document with the one at the start of the next.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from coding.agreement.measures import AgreementInputError, Undefined, _unit_counts
from coding.i18n import translate

_Code = TypeVar("_Code", bound=Hashable)

Span = tuple[float, float, Hashable]
Segments = Sequence[Sequence[Span]]

_FEW_CODERS = "unitizing agreement needs at least two coders"


# --------------------------------------------------------------------------------------------------------------
# Reading spans
# --------------------------------------------------------------------------------------------------------------


def _read(segments: Segments, continuum: tuple[float, float]) -> tuple[list[list[Span]], float, float]:
    try:
        begin, end = (float(x) for x in continuum)
    except (TypeError, ValueError) as exc:
        raise AgreementInputError(translate(
            "errors", "continuum must be a (begin, end) pair of numbers, got {continuum!r}").format(
            continuum=continuum)) from exc
    if not begin < end:
        raise AgreementInputError(translate(
            "errors", "continuum {continuum!r} is empty: begin must be less than end").format(continuum=continuum))
    coders: list[list[Span]] = []
    for number, spans in enumerate(segments, start=1):
        checked: list[Span] = []
        for span in spans:
            try:
                start, stop, code = span
                start, stop = float(start), float(stop)
            except (TypeError, ValueError) as exc:
                raise AgreementInputError(translate(
                    "errors", "coder {number}: {span!r} is not a (start, end, code) span").format(
                    number=number, span=span)) from exc
            if not start < stop:
                raise AgreementInputError(translate(
                    "errors", "coder {number}: span {span!r} is empty or reversed").format(number=number, span=span))
            if start < begin or stop > end:
                raise AgreementInputError(translate(
                    "errors", "coder {number}: span {span!r} lies outside the continuum {continuum!r}").format(
                    number=number, span=span, continuum=continuum))
            checked.append((start, stop, code))
        coders.append(checked)
    return coders, begin, end


def _codes_in_order(coders: list[list[Span]]) -> list[Hashable]:
    return list(dict.fromkeys(code for spans in coders for _, _, code in spans))


def _merge_overlaps(intervals: np.ndarray) -> np.ndarray:
    """Sort (start, end) rows and merge rows that overlap (abutting rows stay apart)."""
    if len(intervals) < 2:
        return intervals.reshape(-1, 2)
    ordered = intervals[np.lexsort((intervals[:, 1], intervals[:, 0]))]
    reach = np.maximum.accumulate(ordered[:, 1])
    firsts = np.flatnonzero(np.r_[True, ordered[1:, 0] >= reach[:-1]])
    return np.column_stack([ordered[firsts, 0], np.maximum.reduceat(ordered[:, 1], firsts)])


# --------------------------------------------------------------------------------------------------------------
# uα of 1995/2004
# --------------------------------------------------------------------------------------------------------------


def _units_of(spans: list[Span], code: Hashable) -> np.ndarray:
    rows = np.array([(start, stop) for start, stop, c in spans if c == code], dtype=np.float64)
    return _merge_overlaps(rows.reshape(-1, 2))


def _pair_disagreement(a: np.ndarray, b: np.ndarray) -> float:
    """Σ δ² between two coders' sections for one code (a, b: sorted disjoint units)."""
    first_after = np.searchsorted(b[:, 1], a[:, 0], side="right")  # first b unit ending after a starts
    first_beyond = np.searchsorted(b[:, 0], a[:, 1], side="left")  # first b unit starting at or after a's end
    overlaps = np.maximum(first_beyond - first_after, 0)
    a_index = np.repeat(np.arange(len(a)), overlaps)
    b_index = np.arange(overlaps.sum()) - np.repeat(np.cumsum(overlaps) - overlaps, overlaps) + np.repeat(
        first_after, overlaps
    )
    both = ((a[a_index] - b[b_index]) ** 2).sum()
    b_overlapped = np.zeros(len(b), dtype=bool)
    b_overlapped[b_index] = True
    a_in_gap = ((a[overlaps == 0, 1] - a[overlaps == 0, 0]) ** 2).sum()
    b_in_gap = ((b[~b_overlapped, 1] - b[~b_overlapped, 0]) ** 2).sum()
    return float(both + a_in_gap + b_in_gap)


def _gap_lengths(units: np.ndarray, begin: float, end: float) -> np.ndarray:
    lengths = np.r_[units[:, 0], end] - np.r_[begin, units[:, 1]]
    return np.asarray(lengths[lengths > 0])


@dataclass(frozen=True)
class _Disagreement:
    observed: float
    expected: float


def _category_disagreement(units: list[np.ndarray], begin: float, end: float) -> _Disagreement:
    m, length = len(units), end - begin
    pairs = sum(_pair_disagreement(units[i], units[j]) for i in range(m) for j in range(i + 1, m))
    observed = 2.0 * pairs / (m * (m - 1) * length**2)

    lengths = np.concatenate([u[:, 1] - u[:, 0] for u in units])
    gaps = np.sort(np.concatenate([_gap_lengths(u, begin, end) for u in units]))
    # Σ over gaps with ℓ_h ≥ ℓ_g of (ℓ_h − ℓ_g + 1), for every unit at once via suffix sums of the sorted gaps.
    suffix = np.r_[np.cumsum(gaps[::-1])[::-1], 0.0]
    first_long_enough = np.searchsorted(gaps, lengths, side="left")
    long_enough = len(gaps) - first_long_enough
    gap_term = lengths**2 * (suffix[first_long_enough] - long_enough * (lengths - 1.0))
    unit_term = (len(lengths) - 1) * (2 * lengths**3 - 3 * lengths**2 + lengths) / 3.0
    pairable = m * length * (m * length - 1) - (lengths * (lengths - 1)).sum()
    expected = (2.0 / length) * (unit_term + gap_term).sum() / pairable
    return _Disagreement(observed, float(expected))


def _disagreements_by_code(segments: Segments, continuum: tuple[float, float]) -> dict[Hashable, _Disagreement]:
    coders, begin, end = _read(segments, continuum)
    return {
        code: _category_disagreement([_units_of(spans, code) for spans in coders], begin, end)
        for code in _codes_in_order(coders)
    }


def u_alpha_per_code(segments: Segments, continuum: tuple[float, float]) -> dict[Hashable, float]:
    """cα = 1 − cD_o/cD_e of Krippendorff (1995/2004) for every code used by any coder (order of first use)."""
    if len(segments) < 2:
        return {code: Undefined(_FEW_CODERS) for code in _codes_in_order(_read(segments, continuum)[0])}
    return {
        code: _alpha(d.observed, d.expected, f"no expected disagreement for code {code!r} (nothing to place)")
        for code, d in _disagreements_by_code(segments, continuum).items()
    }


def krippendorff_u_alpha(segments: Segments, continuum: tuple[float, float]) -> float:
    """uα of Krippendorff (1995/2004) over all codes: 1 − Σ_c cD_o / Σ_c cD_e (see the module notes)."""
    if len(segments) < 2:
        _read(segments, continuum)
        return Undefined(_FEW_CODERS)
    by_code = _disagreements_by_code(segments, continuum)
    if not by_code:
        return Undefined("no coder marked any span, so there are no units to compare")
    observed = sum(d.observed for d in by_code.values())
    expected = sum(d.expected for d in by_code.values())
    return _alpha(observed, expected, "no expected disagreement: the units leave nothing to place")


def u_alpha_over_documents(
    documents: Sequence[tuple[Segments, tuple[float, float]]],
) -> tuple[float, dict[Hashable, float]]:
    """uα (1995/2004) over several documents, each its own continuum: (pooled over codes, per code).

    ``documents`` holds one ``(segments, continuum)`` pair per document (the same coders in the same order).
    Joining documents into one continuum would merge the gap at the end of one document with the gap at the
    start of the next, and make a code spanning whole documents one long unit. Here cD_o and cD_e are computed
    per document (each over its own length L_d, as in the module notes) and pooled as length-weighted means:
    cα = 1 − Σ_d L_d·cD_o(d) / Σ_d L_d·cD_e(d); the pooled uα sums both over the codes as well. Per-code values
    are returned beside the pooled one so one dominant code cannot hide behind it."""
    observed: dict[Hashable, float] = {}
    expected: dict[Hashable, float] = {}
    n_coders = {len(segments) for segments, _ in documents}
    if not documents or min(n_coders) < 2:
        return Undefined(_FEW_CODERS), {}
    for segments, continuum in documents:
        length = float(continuum[1]) - float(continuum[0])
        for code, d in _disagreements_by_code(segments, continuum).items():
            observed[code] = observed.get(code, 0.0) + length * d.observed
            expected[code] = expected.get(code, 0.0) + length * d.expected
    per_code = {code: _alpha(observed[code], expected[code],
                             f"no expected disagreement for code {code!r} (nothing to place)") for code in observed}
    if not observed:
        return Undefined("no coder marked any span, so there are no units to compare"), per_code
    pooled = _alpha(sum(observed.values()), sum(expected.values()),
                    "no expected disagreement: the units leave nothing to place")
    return pooled, per_code


def per_code_note(per_code: Mapping[Hashable, float]) -> str:
    """A pooled u-α's per-code spread, to be read beside it (one code can dominate the pool)."""
    defined = sorted(float(v) for v in per_code.values() if np.isfinite(v))
    if not defined:
        return "pooled over codes; no per-code u-α is defined"
    return (f"pooled over {len(per_code)} codes; per-code u-α {defined[0]:.3f} to {defined[-1]:.3f}"
            f" ({len(defined)} defined); read the per-code rows beside it")


# --------------------------------------------------------------------------------------------------------------
# The 2016/2019 family
# --------------------------------------------------------------------------------------------------------------

_UNCODED = 0  # value index of uncoded matter (φ); codes are 1 … V − 1


@dataclass(frozen=True)
class _Coincidences:
    observed: np.ndarray  # V × V, ℓ_ck
    self_pairs: np.ndarray  # V, Σ s over the segments of each value (eq. 33)
    pairable_self_pairs: np.ndarray  # V, Σ (pairable length)² over the coded segments of each value (eq. 36)


def _partition(spans: list[Span], value_of: Mapping[Hashable, int], coder: int) -> np.ndarray:
    """(start, end, value) rows of one coder's coded segments, sorted, same-value overlaps merged."""
    rows = []
    for value in sorted(set(value_of[code] for _, _, code in spans if code in value_of)):
        merged = _merge_overlaps(
            np.array([(s, e) for s, e, code in spans if value_of.get(code) == value], dtype=np.float64)
        )
        rows.append(np.column_stack([merged, np.full(len(merged), value)]))
    segments = np.concatenate(rows) if rows else np.empty((0, 3))
    segments = segments[np.argsort(segments[:, 0], kind="stable")]
    clash = np.flatnonzero(segments[1:, 0] < segments[:-1, 1])
    if clash.size:
        a, b = segments[clash[0]], segments[clash[0] + 1]
        raise AgreementInputError(
            translate(
                "errors", "coder {coder}: spans [{value:g}, {value2:g}) and [{value3:g}, {value4:g}) overlap with "
                "different codes; this coefficient needs the compared codes to be mutually exclusive (e.g. one "
                "semantic domain)").format(coder=coder, value=a[0], value2=a[1], value3=b[0], value4=b[1])
        )
    return segments


def _coincidences(
    coders: list[list[Span]], begin: float, end: float, value_of: Mapping[Hashable, int]
) -> _Coincidences:
    m, n_values = len(coders), max(value_of.values(), default=0) + 1
    partitions = [_partition(spans, value_of, number) for number, spans in enumerate(coders, start=1)]
    cuts = np.unique(np.concatenate([[begin, end]] + [p[:, :2].ravel() for p in partitions]))
    left, width = cuts[:-1], np.diff(cuts)  # elementary stretches: every coder has one value on each

    value_at = np.zeros((m, len(width)), dtype=np.int64)
    segment_at = np.full((m, len(width)), -1, dtype=np.int64)
    offset = 0
    for i, segments in enumerate(partitions):
        index = np.searchsorted(segments[:, 0], left, side="right") - 1
        inside = (index >= 0) & (left < segments[np.maximum(index, 0), 1]) if len(segments) else index < -1
        value_at[i, inside] = segments[index[inside], 2].astype(np.int64)
        segment_at[i, inside] = offset + index[inside]
        offset += len(segments)

    counts = _unit_counts(value_at, n_values)  # stretches × values
    scaled = width / (m - 1)
    observed = (counts * scaled[:, np.newaxis]).T @ counts - np.diag(scaled @ counts)

    all_segments = np.concatenate(partitions) if offset else np.empty((0, 3))
    seg_values = all_segments[:, 2].astype(np.int64)
    seg_lengths = all_segments[:, 1] - all_segments[:, 0]
    self_pairs = np.bincount(seg_values, weights=seg_lengths**2, minlength=n_values)
    self_pairs[_UNCODED] = m * (end - begin) - seg_lengths.sum()

    coded_here = (value_at != _UNCODED).sum(axis=0)
    covered = segment_at >= 0
    shares = np.broadcast_to(width * (coded_here - 1) / (m - 1), value_at.shape)[covered]
    pairable = np.bincount(segment_at[covered], weights=shares, minlength=offset)
    pairable_self_pairs = np.bincount(seg_values, weights=pairable**2, minlength=n_values)
    return _Coincidences(observed, self_pairs, pairable_self_pairs)


def _expected(observed: np.ndarray, self_pairs: np.ndarray) -> np.ndarray:
    total, margins = observed.sum(), observed.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(total * (np.outer(margins, margins) - np.diag(self_pairs)) / (total**2 - self_pairs.sum()))


def _off_diagonal(matrix: np.ndarray) -> float:
    return float(matrix.sum() - np.trace(matrix))


def _alpha(observed_disagreement: float, expected_disagreement: float, reason: str) -> float:
    if not expected_disagreement > 0:
        return Undefined(reason)
    return 1.0 - observed_disagreement / expected_disagreement


def _family_input(
    segments: Segments, continuum: tuple[float, float], value_of_code: Mapping[Hashable, Hashable] | None
) -> tuple[_Coincidences, list[Hashable]] | Undefined:
    coders, begin, end = _read(segments, continuum)
    if len(coders) < 2:
        return Undefined(_FEW_CODERS)
    if value_of_code is None:
        value_of_code = {code: code for code in _codes_in_order(coders)}
    values = list(dict.fromkeys(value_of_code.values()))
    index = {value: number for number, value in enumerate(values, start=1)}
    value_of = {code: index[value] for code, value in value_of_code.items()}
    return _coincidences(coders, begin, end, value_of), values


def _selection(codes: Collection[Hashable] | None) -> Mapping[Hashable, Hashable] | None:
    return None if codes is None else {code: code for code in codes}


def nominal_u_alpha(
    segments: Segments, continuum: tuple[float, float], codes: Collection[Hashable] | None = None
) -> float:
    """uα of Krippendorff (2019, eq. 34): spans, gaps and codes in one length-weighted coincidence matrix.

    Not the same coefficient as :func:`krippendorff_u_alpha` (1995/2004 δ² of boundaries per code)."""
    prepared = _family_input(segments, continuum, _selection(codes))
    if isinstance(prepared, Undefined):
        return prepared
    coincidences, _ = prepared
    expected = _expected(coincidences.observed, coincidences.self_pairs)
    return _alpha(_off_diagonal(coincidences.observed), _off_diagonal(expected),
                  "no coder marked any span, or every coder coded the whole continuum with one code")


def binary_u_alpha(
    segments: Segments, continuum: tuple[float, float], codes: Collection[Hashable] | None = None
) -> float:
    """|uα (Krippendorff 2019, eq. 35): agreement on coded versus uncoded matter, whatever the code.

    Computed from the full coincidence matrices collapsed to φ / not φ, so each coded segment keeps its own
    self-pairing term. ``codes`` restricts it to some codes (one code, or a semantic domain's codes); a coder's
    overlapping spans of those codes are merged (|uα only asks whether a stretch is coded)."""
    coders, _, _ = _read(segments, continuum)
    selected = _codes_in_order(coders) if codes is None else list(codes)
    prepared = _family_input(segments, continuum, {code: "coded" for code in selected})
    if isinstance(prepared, Undefined):
        return prepared
    coincidences, _ = prepared
    expected = _expected(coincidences.observed, coincidences.self_pairs)
    return _alpha(_off_diagonal(coincidences.observed), _off_diagonal(expected),
                  "every coder coded all of the continuum or none of it, the same way")


def _cu_from(coincidences: _Coincidences) -> float:
    coded = slice(1, None)
    observed = coincidences.observed[coded, coded]
    if not observed.sum() > 0:
        return Undefined("no stretch of the continuum was coded by two or more coders")
    expected = _expected(observed, coincidences.pairable_self_pairs[coded])
    return _alpha(_off_diagonal(observed), _off_diagonal(expected),
                  "only one code occurs where coders' spans overlap, so codes cannot disagree")


def cu_alpha(segments: Segments, continuum: tuple[float, float], codes: Collection[Hashable] | None = None) -> float:
    """cuα (Krippendorff 2019, eqs. 36–37): agreement on the codes of the stretches that coders both coded.

    ``codes`` restricts it to some codes, typically one semantic domain's (mutually exclusive) codes."""
    prepared = _family_input(segments, continuum, _selection(codes))
    return prepared if isinstance(prepared, Undefined) else _cu_from(prepared[0])


def Cu_alpha(  # noqa: N802 - the coefficient's published name
    segments: Segments, continuum: tuple[float, float], domain: Mapping[Hashable, Hashable]
) -> float:
    """Cuα: cuα with each code replaced by its semantic domain (``domain[code]``), i.e. agreement on which domain
    a stretch belongs to where coders both coded (Krippendorff et al. 2016; ATLAS.ti's "Cu-α"). Codes missing
    from ``domain`` are ignored; spans of different domains must not overlap within a coder."""
    prepared = _family_input(segments, continuum, dict(domain))
    return prepared if isinstance(prepared, Undefined) else _cu_from(prepared[0])


# --------------------------------------------------------------------------------------------------------------
# The 2016/2019 family over several documents (each its own continuum)
# --------------------------------------------------------------------------------------------------------------


def _grown(array: np.ndarray, size: int) -> np.ndarray:
    """Zero-padded to ``size`` values along every axis (a document may lack the highest-numbered values)."""
    return np.pad(array, [(0, size - array.shape[0])] * array.ndim)


def _summed_coincidences(
    documents: Sequence[tuple[Segments, tuple[float, float]]], value_of_code: Mapping[Hashable, Hashable]
) -> _Coincidences | Undefined:
    """Coincidences of every document added up: each document is its own continuum (no stretch, segment or
    uncoded gap runs across a document edge), and the coefficients are computed from the sums."""
    values = list(dict.fromkeys(value_of_code.values()))
    index = {value: number for number, value in enumerate(values, start=1)}
    value_of = {code: index[value] for code, value in value_of_code.items()}
    total: _Coincidences | None = None
    for segments, continuum in documents:
        coders, begin, end = _read(segments, continuum)
        if len(coders) < 2:
            return Undefined(_FEW_CODERS)
        found = _coincidences(coders, begin, end, value_of)
        if total is None:
            total = found
            continue
        size = max(len(total.self_pairs), len(found.self_pairs))
        total = _Coincidences(_grown(total.observed, size) + _grown(found.observed, size),
                              _grown(total.self_pairs, size) + _grown(found.self_pairs, size),
                              _grown(total.pairable_self_pairs, size) + _grown(found.pairable_self_pairs, size))
    return Undefined("no documents to compare") if total is None else total


def family_over_documents(
    documents: Sequence[tuple[Segments, tuple[float, float]]], value_of_code: Mapping[_Code, Hashable],
) -> dict[str, float]:
    """|uα, uα and cuα (2019 eqs. 34–37) of the codes in ``value_of_code`` (code -> value; give each code its
    semantic domain for Cuα) over several documents, coincidences summed over the documents."""
    codes: dict[Hashable, Hashable] = {code: value for code, value in value_of_code.items()}  # one key type
    binary = _summed_coincidences(documents, {code: "coded" for code in codes})
    if isinstance(binary, Undefined):
        return dict.fromkeys(("binary_u_alpha", "nominal_u_alpha", "cu_alpha"), binary)
    binary_expected = _expected(binary.observed, binary.self_pairs)
    found = {"binary_u_alpha": _alpha(_off_diagonal(binary.observed), _off_diagonal(binary_expected),
                                      "every coder coded all of the continuum or none of it, the same way")}
    try:  # |uα merges a coder's spans; uα and cuα need the values mutually exclusive within each coder
        summed = _summed_coincidences(documents, codes)
    except AgreementInputError as exc:
        return {**found, **dict.fromkeys(("nominal_u_alpha", "cu_alpha"), Undefined(str(exc)))}
    if isinstance(summed, Undefined):
        return {**found, **dict.fromkeys(("nominal_u_alpha", "cu_alpha"), summed)}
    nominal_expected = _expected(summed.observed, summed.self_pairs)
    return {
        **found,
        "nominal_u_alpha": _alpha(_off_diagonal(summed.observed), _off_diagonal(nominal_expected),
                                  "no coder marked any span, or every coder coded everything with one code"),
        "cu_alpha": _cu_from(summed),
    }
