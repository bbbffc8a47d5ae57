"""Units of comparison and the run engine, on small hand-made projects with hand-computed answers."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coding.agreement import measures as M
from coding.agreement.compare import ComparisonParams, run_comparison
from coding.agreement.unitizing import krippendorff_u_alpha
from coding.agreement.units import (
    PresenceRule,
    as_intervals,
    character_runs,
    character_weights,
    covered_lengths,
    merge_overlapping,
    overlap_ratio,
    pattern_matrix,
    segment_matches,
    segment_weights,
    sub_pattern_weights,
    union,
    unit_presence,
)
from coding.agreement.weighted import MEASURE_NAMES, pattern_measure
from coding.codebook import find_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.errors import CancelledError, NotFoundError, ValidationError
from coding.project import Project
from models import Document, Sentence, SpeakerTurn

ACTOR = "test"
# Ten sentences of 20 characters, one space apart: sentence i is [21 i, 21 i + 20).
SENTENCES = [f"This is sentence {i:02d}." for i in range(10)]
TEXT = " ".join(SENTENCES)
CHILD_1 = "Decision rights/Organizational changes"
CHILD_2 = "Decision rights/Owner functions"
OTHER = "Residual claims/Financial management rights"


def sentence(i: int) -> tuple[int, int]:
    return 21 * i, 21 * i + 20


# ------------------------------------------------------------------------------------------------
# Fixtures: a project with documents whose units are set exactly (ORM rows, no spaCy)
# ------------------------------------------------------------------------------------------------


def add_document(session, name: str, text: str = TEXT, turns: Sequence[tuple[int, int]] = ()) -> Document:
    document = Document(name=name, source_name=f"{name}.txt", format="txt", sha256=f"{name:0>64}"[-64:],
                        language="en", text=text, char_count=len(text), sentence_count=len(SENTENCES),
                        turn_count=len(turns))
    session.add(document)
    session.flush()
    turn_rows = [SpeakerTurn(document_id=document.id, position=i, speaker="R", start=s, content_start=s, end=e)
                 for i, (s, e) in enumerate(turns)]
    session.add_all(turn_rows)
    session.flush()
    for i, _ in enumerate(SENTENCES):
        start, end = sentence(i)
        if start < len(text):
            session.add(Sentence(document_id=document.id, turn_id=None, position=i, start=start,
                                 end=min(end, len(text))))
    session.flush()
    return document


class Builder:
    """Codes spans quickly: ``builder.code("A", "doc1", CHILD_1, 0, 20)``."""

    def __init__(self, project: Project) -> None:
        self.project = project

    def code(self, coder: str, document: str, code: str, start: int, end: int) -> str:
        with self.project.session() as session:
            coder_row = get_or_create_coder(session, coder, actor=ACTOR)
            document_id = session.query(Document.id).filter(Document.name == document).scalar()
            coding = apply_code(session, document_id=document_id, coder_id=coder_row.id,
                                code_id=find_code(session, code).id, start=start, end=end, actor=ACTOR)
            return coding.uuid

    def run(self, **params):
        with self.project.session() as session:
            return run_comparison(session, ComparisonParams(**params))


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "agreement.concord")
    with created.session() as session:
        add_document(session, "doc1", turns=[(0, 62), (63, 125), (126, len(TEXT))])
        add_document(session, "doc2", text=TEXT.replace("This", "That"))
        add_document(session, "doc3", text=TEXT.replace("This", "Here"))
    yield created
    created.close()


@pytest.fixture
def build(project: Project) -> Builder:
    return Builder(project)


def figure(result, measure: str, *, units: str = "all", code: str | None = None, document: str | None = None,
           coder_a: str | None = None, coder_b: str | None = None, level: int | None = None):
    """The one figure of a result matching a code path suffix (None = a pool), document name, pair and units."""
    names = {d.uuid: d.name for d in result.documents}
    found = [
        f for f in result.figures
        if f.measure == measure and f.units == units and f.coder_a == coder_a and f.coder_b == coder_b
        and (f.code_name.endswith(code) if code else f.code_uuid is None and f.level == level)
        and (names.get(f.document_uuid) if f.document_uuid else None) == document
    ]
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------------------------------------
# Interval arithmetic
# ------------------------------------------------------------------------------------------------


def test_union_joins_touching_spans_and_merge_keeps_them_apart() -> None:
    spans = as_intervals([(10, 20), (0, 5), (20, 30), (3, 8), (40, 41)])
    assert [list(a) for a in union(spans)] == [[0, 10, 40], [8, 30, 41]]
    assert [list(a) for a in merge_overlapping(spans)] == [[0, 10, 20, 40], [8, 20, 30, 41]]


def test_covered_lengths_per_unit() -> None:
    coverage = union(as_intervals([(5, 15), (30, 31)]))
    units = as_intervals([(0, 10), (10, 20), (20, 30), (30, 40)])
    assert list(covered_lengths(coverage, units)) == [5, 5, 0, 1]


@pytest.mark.parametrize(("text", "percent"), [("any", 0.0), ("50%", 50.0), (" 75 ", 75.0), ("12.5%", 12.5)])
def test_presence_rule_parses(text: str, percent: float) -> None:
    assert PresenceRule.parse(text).min_percent == percent


@pytest.mark.parametrize("text", ["most", "150%", "-5", ""])
def test_presence_rule_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValidationError):
        PresenceRule.parse(text)


def test_presence_any_versus_half_of_the_unit() -> None:
    units = as_intervals([sentence(0), sentence(1)])
    coder_a = union(as_intervals([(0, 25)]))  # all of sentence 0, 4 of 20 characters of sentence 1
    coder_b = union(as_intervals([(0, 20)]))
    any_overlap = unit_presence([coder_a, coder_b], units, PresenceRule.parse("any"))
    half = unit_presence([coder_a, coder_b], units, PresenceRule.parse("50%"))
    assert any_overlap.tolist() == [[True, True], [True, False]]
    assert half.tolist() == [[True, False], [True, False]]
    half_of_one = unit_presence([union(as_intervals([(21, 31)]))], units, PresenceRule.parse("50%"))
    assert half_of_one.tolist() == [[False, True]]


def test_character_weights_are_the_nvivo_table() -> None:
    a = union(as_intervals([(0, 100)]))
    b = union(as_intervals([(50, 150), (160, 170)]))
    weights = character_weights([a, b], 209)
    # pattern bit 0 = coder A, bit 1 = coder B: neither, A only, B only, both
    assert weights.tolist() == [209 - 160, 50, 60, 50]
    starts, ends, patterns = character_runs([a, b], 209)
    assert list(zip(starts, ends, patterns, strict=True)) == [(0, 50, 1), (50, 100, 3), (100, 150, 2), (150, 160, 0),
                                                              (160, 170, 2), (170, 209, 0)]


def test_sub_pattern_weights_marginalise_other_coders() -> None:
    presence = np.array([[1, 1, 0, 0, 1], [1, 0, 1, 0, 1], [0, 0, 1, 1, 1]], dtype=bool)
    weights = np.bincount((presence.T @ np.array([1, 2, 4])), minlength=8).astype(float)
    pair = sub_pattern_weights(weights, (2, 0))  # new bit 0 = coder 2, new bit 1 = coder 0
    expected = np.bincount(presence[2].astype(int) + 2 * presence[0].astype(int), minlength=4)
    assert pair.tolist() == expected.tolist()


def test_overlap_is_intersection_over_union() -> None:
    assert overlap_ratio((0, 100), (10, 100)) == pytest.approx(0.9)
    assert overlap_ratio((0, 10), (5, 20)) == pytest.approx(5 / 20)
    assert overlap_ratio((0, 10), (10, 20)) == 0.0


@pytest.mark.parametrize(("tolerance", "matched"), [(0, True), (80, True), (90, True), (90.01, False), (100, False)])
def test_segment_matches_at_tolerance(tolerance: float, matched: bool) -> None:
    mine = as_intervals([(0, 100)])
    theirs = merge_overlapping(as_intervals([(10, 100), (200, 210)]))
    assert segment_matches(mine, theirs, tolerance).tolist() == [matched]


def test_segment_touching_is_not_overlap_even_at_zero_tolerance() -> None:
    assert segment_matches(as_intervals([(0, 10)]), as_intervals([(10, 20)]), 0).tolist() == [False]


def test_segment_weights_count_every_coders_segments() -> None:
    a = merge_overlapping(as_intervals([(0, 100), (300, 320)]))
    b = merge_overlapping(as_intervals([(5, 100), (500, 510)]))
    weights = segment_weights([a, b], 90)
    # A's (0,100) matches B's (5,100) and vice versa: two "both"; A's (300,320) and B's (500,510) unmatched.
    assert weights.tolist() == [0, 1, 1, 2]


# ------------------------------------------------------------------------------------------------
# Measures on pattern weights equal the public measures on the expanded matrix
# ------------------------------------------------------------------------------------------------


def _reference(name: str, data: np.ndarray) -> float:
    return {
        "percent": M.percent_agreement, "alpha": M.krippendorff_alpha, "fleiss": M.fleiss_kappa,
        "bp": lambda d: M.brennan_prediger(d, 2), "ac1": lambda d: M.gwet_ac1(d, 2),
        "kappa": lambda d: M.cohen_kappa(list(d[0]), list(d[1])),
    }[name](data)


@settings(max_examples=40, deadline=None)
@given(n_coders=st.integers(2, 4), counts=st.lists(st.integers(0, 7), min_size=16, max_size=16),
       name=st.sampled_from(MEASURE_NAMES))
def test_weighted_measures_equal_the_public_measures(n_coders: int, counts: list[int], name: str) -> None:
    if name == "kappa" and n_coders != 2:
        return
    weights = np.array(counts[: 2**n_coders], dtype=float)
    data = np.repeat(pattern_matrix(n_coders), weights.astype(int), axis=1)
    value, _ = pattern_measure(name, n_coders).evaluate(weights[np.newaxis])
    expected = _reference(name, data) if data.shape[1] else math.nan
    if math.isnan(expected):
        assert math.isnan(value[0])
    else:
        assert value[0] == pytest.approx(expected, abs=1e-12)


# ------------------------------------------------------------------------------------------------
# The engine on hand-made projects
# ------------------------------------------------------------------------------------------------


def test_character_kappa_matches_nvivos_formula(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 50, 150)
    result = build.run(coders=("A", "B"), unit="character", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent", "kappa", "alpha"))
    tu, a, b, both = len(TEXT), 100, 100, 50
    ta = both + (tu - 150)
    ef = a * b / tu + (tu - a) * (tu - b) / tu
    kappa = figure(result, "kappa", code=CHILD_1)
    assert kappa.value == pytest.approx((ta - ef) / (tu - ef))
    assert kappa.n_units == tu
    assert figure(result, "percent", code=CHILD_1).value == pytest.approx(ta / tu)
    coded = figure(result, "percent", code=CHILD_1, units="coded")
    assert (coded.value, coded.n_units) == (pytest.approx(50 / 150), 150)
    assert figure(result, "disagreements", code=CHILD_1).value == 100


def test_sentence_presence_any_versus_half(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 25)
    build.code("B", "doc1", CHILD_1, 0, 20)
    common = dict(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",), measures=("percent",))
    any_rule = build.run(rule="any", **common)
    half_rule = build.run(rule="50%", **common)
    assert figure(any_rule, "percent", code=CHILD_1).value == pytest.approx(9 / 10)
    assert figure(any_rule, "disagreements", code=CHILD_1).value == 1
    assert figure(half_rule, "percent", code=CHILD_1).value == 1.0
    assert figure(half_rule, "percent", code=CHILD_1).n_units == 10


def test_segment_units_at_tolerance(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 10, 100)
    build.code("B", "doc1", CHILD_2, 150, 170)
    common = dict(coders=("A", "B"), unit="segment", level=3, documents=("doc1",), measures=("percent", "bp", "alpha"))
    loose, strict = build.run(tolerance=90, **common), build.run(tolerance=95, **common)
    assert figure(loose, "percent", code=CHILD_1, units="coded").value == 1.0
    assert figure(loose, "percent", code=CHILD_1, units="coded").n_units == 2
    assert figure(strict, "percent", code=CHILD_1, units="coded").value == 0.0
    pooled = figure(loose, "percent", units="coded", level=3)
    assert (pooled.value, pooled.n_units) == (pytest.approx(2 / 3), 3)
    n_used = 2  # q counts the codes used (CHILD_1, CHILD_2), not every level-3 code (issue 17, item 4)
    bp = figure(loose, "bp", units="coded", level=3)
    assert bp.value == pytest.approx((2 / 3 - 1 / n_used) / (1 - 1 / n_used))
    alpha = figure(loose, "alpha", units="coded", code=CHILD_1)
    assert alpha.value is None and "neither" in alpha.note
    assert not loose.select(units="all", measure="percent")
    assert any("intersection / union" in note for note in loose.notes)


def test_segment_pairs_compare_their_own_segments_only(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 100)
    for coder in ("B", "C"):
        build.code(coder, "doc1", CHILD_1, 0, 100)
        build.code(coder, "doc1", CHILD_1, 105, 125)
    result = build.run(coders=("A", "B", "C"), unit="segment", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent",))
    # A × C: A's segment and C's two; B's segments are not units of this pair.
    pair = figure(result, "percent", code=CHILD_1, coder_a="A", coder_b="C", units="coded")
    assert (pair.value, pair.n_units) == (pytest.approx(2 / 3), 3)
    everyone = figure(result, "percent", code=CHILD_1, units="coded")
    assert everyone.n_units == 5


def test_roll_up_to_levels_two_and_one(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, *sentence(0))
    build.code("B", "doc1", CHILD_2, *sentence(0))
    result = build.run(coders=("A", "B"), unit="sentence", documents=("doc1",), measures=("percent",))
    assert figure(result, "percent", code=CHILD_1).value == pytest.approx(0.9)
    assert figure(result, "percent", code=CHILD_2).value == pytest.approx(0.9)
    assert figure(result, "percent", code="Decision rights").value == 1.0
    assert figure(result, "percent", code="Macro framework of the Preker-Harding model").value == 1.0
    assert figure(result, "percent", code="Decision rights", units="coded").n_units == 1
    level_2 = figure(result, "percent", level=2)
    assert level_2.n_units == 10 * 1  # only "Decision rights" was used; unused codes leave pools (issue 17, 4)
    overall = figure(result, "percent", level=None)  # pooled over the most specific (level-3) codes used
    n_leaves = 2
    assert (overall.value, overall.n_units) == (pytest.approx(1 - 2 / (10 * n_leaves)), 10 * n_leaves)


def test_coded_units_are_lower_than_all_units_on_a_sparse_document(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, *sentence(2))
    build.code("A", "doc1", CHILD_1, *sentence(5))
    build.code("B", "doc1", CHILD_1, *sentence(2))
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent", "alpha", "ac1"))
    everything = figure(result, "percent", code=CHILD_1)
    coded = figure(result, "percent", code=CHILD_1, units="coded")
    assert coded.value < everything.value
    assert (everything.n_units, coded.n_units) == (10, 2)
    assert figure(result, "percent", code=CHILD_1, units="coded").value == pytest.approx(0.5)
    # Issue 17 item 2: no chance-corrected figure on coded units; positive specific agreement 2a/(2a+b+c) instead.
    assert not result.select(measure="alpha", units="coded") and not result.select(measure="ac1", units="coded")
    assert figure(result, "psa", code=CHILD_1, units="coded").value == pytest.approx(2 / 3)


def test_per_document_and_all_documents(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, *sentence(0))
    build.code("B", "doc1", CHILD_1, *sentence(0))
    build.code("A", "doc2", CHILD_1, *sentence(1))
    build.code("B", "doc2", CHILD_1, *sentence(3))
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), measures=("percent",))
    assert [d.name for d in result.documents] == ["doc1", "doc2"]  # doc3: coded by nobody, left out by default
    assert figure(result, "percent", code=CHILD_1, document="doc1").value == 1.0
    assert figure(result, "percent", code=CHILD_1, document="doc2").value == pytest.approx(0.8)
    total = figure(result, "percent", code=CHILD_1)
    assert (total.value, total.n_units) == (pytest.approx(18 / 20), 20)


def test_document_units(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 20)
    build.code("B", "doc1", CHILD_1, 30, 40)
    build.code("A", "doc2", CHILD_1, 0, 20)
    build.code("B", "doc3", CHILD_1, 0, 20)
    build.code("A", "doc3", OTHER, 0, 20)
    build.code("B", "doc2", OTHER, 0, 20)
    result = build.run(coders=("A", "B"), unit="document", codes=(CHILD_1,), measures=("percent",))
    assert figure(result, "percent", code=CHILD_1).value == pytest.approx(1 / 3)
    assert not [f for f in result.figures if f.document_uuid is not None]


def test_three_coders_give_pairs_and_kappa_only_for_pairs(build: Builder) -> None:
    for coder, sentences in {"A": (0, 1, 2), "B": (0, 1), "C": (0, 5)}.items():
        for i in sentences:
            build.code(coder, "doc1", CHILD_1, *sentence(i))
    result = build.run(coders=("A", "B", "C"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent", "kappa", "fleiss"))
    assert not result.select(measure="kappa", coder_a=None)
    pairs = {(f.coder_a, f.coder_b) for f in result.select(measure="kappa")}
    assert pairs == {("A", "B"), ("A", "C"), ("B", "C")}
    assert not result.select(measure="kappa", coder_a="A", document_uuid=result.documents[0].uuid)
    alone = build.run(coders=("A", "C"), unit="sentence", codes=(CHILD_1,), documents=("doc1",), measures=("kappa",))
    assert figure(result, "kappa", code=CHILD_1, coder_a="A", coder_b="C").value == pytest.approx(
        [f for f in alone.select(measure="kappa", units="all", document_uuid=None) if f.code_uuid][0].value)
    by_document = build.run(coders=("A", "B", "C"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                            measures=("kappa",), pairs_per_document=True)
    assert by_document.select(measure="kappa", coder_a="A", coder_b="B", document_uuid=result.documents[0].uuid)


def test_turn_units_use_the_speaker_turns(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 30)
    build.code("B", "doc1", CHILD_1, 70, 80)
    result = build.run(coders=("A", "B"), unit="turn", codes=(CHILD_1,), documents=("doc1",), measures=("percent",))
    turns = figure(result, "percent", code=CHILD_1)
    assert (turns.value, turns.n_units) == (pytest.approx(1 / 3), 3)


def test_bootstrap_intervals_are_seeded(build: Builder) -> None:
    for i in (0, 2, 4, 6):
        build.code("A", "doc1", CHILD_1, *sentence(i))
    for i in (0, 2, 5, 6):
        build.code("B", "doc1", CHILD_1, *sentence(i))
    common = dict(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                  measures=("percent", "alpha"), n_resamples=300)
    first, again, other = build.run(seed=3, **common), build.run(seed=3, **common), build.run(seed=4, **common)
    alpha = figure(first, "alpha", code=CHILD_1)
    assert alpha.ci_low <= alpha.value <= alpha.ci_high
    assert (alpha.ci_low, alpha.ci_high) == (figure(again, "alpha", code=CHILD_1).ci_low,
                                             figure(again, "alpha", code=CHILD_1).ci_high)
    # α's interval is Hayes & Krippendorff's (issue 17 item 9): M = 10 value pairs here, a coarse distribution
    # whose percentiles may coincide across seeds, so the seed's effect is checked on q = P(α < .800).
    assert "Hayes & Krippendorff" in alpha.note
    q = figure(first, "alpha_q800", code=CHILD_1)
    assert q.value == figure(again, "alpha_q800", code=CHILD_1).value
    assert q.value != figure(other, "alpha_q800", code=CHILD_1).value
    per_document = figure(first, "alpha", code=CHILD_1, document="doc1")
    assert per_document.ci_low is None  # intervals are given over all documents


def test_unitizing_alpha_equals_the_measure_on_the_same_spans(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 10, 90)
    build.code("B", "doc1", CHILD_1, 150, 170)
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("ualpha",))
    expected = krippendorff_u_alpha([[(0, 100, "x")], [(10, 90, "x"), (150, 170, "x")]], (0, len(TEXT)))
    found = figure(result, "ualpha", code=CHILD_1)
    assert found.value == pytest.approx(expected) and found.n_units == len(TEXT)


def test_undefined_values_say_why(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, *sentence(0))
    build.code("B", "doc1", CHILD_1, *sentence(0))
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_2,), documents=("doc1",),
                       measures=("alpha", "percent"))
    alpha = figure(result, "alpha", code=CHILD_2)
    assert alpha.value is None and alpha.note
    coded = figure(result, "percent", code=CHILD_2, units="coded")
    assert (coded.value, coded.n_units) == (None, 0) and "none of these coders" in coded.note


@pytest.mark.parametrize(("params", "error"), [
    (dict(coders=("A",)), ValidationError),
    (dict(coders=("A", "A")), ValidationError),
    (dict(coders=("A", "Nobody")), NotFoundError),
    (dict(coders=("A", "B"), tolerance=150), ValidationError),
    (dict(coders=("A", "B"), measures=("alpha", "omega")), ValidationError),
    (dict(coders=("A", "B"), unit="paragraph"), ValidationError),
    (dict(coders=("A", "B"), level=7), ValidationError),
    (dict(coders=("A", "B"), rule="most"), ValidationError),
    (dict(coders=("A", "B"), documents=("nowhere",)), NotFoundError),
    (dict(coders=("A", "B"), codes=("No such code",)), NotFoundError),
    (dict(coders=("A", "B"), n_resamples=-1), ValidationError),
])
def test_bad_parameters_are_refused(build: Builder, params: dict, error: type) -> None:
    build.code("A", "doc1", CHILD_1, 0, 20)
    build.code("B", "doc1", CHILD_1, 0, 20)
    with pytest.raises(error):
        build.run(**params)


def test_no_common_document_is_explained(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 20)
    build.code("B", "doc2", CHILD_1, 0, 20)
    with pytest.raises(ValidationError, match="no document was coded by two or more"):  # issue 17, 1
        build.run(coders=("A", "B"))


def test_progress_and_cancel(build: Builder, project: Project) -> None:
    build.code("A", "doc1", CHILD_1, 0, 20)
    build.code("B", "doc1", CHILD_1, 0, 20)
    calls: list[tuple[int, int, str]] = []
    with project.session() as session:
        run_comparison(session, ComparisonParams(coders=("A", "B")), progress=lambda *a: calls.append(a))
        assert calls and calls[-1][0] == calls[-1][1]
        with pytest.raises(CancelledError):
            run_comparison(session, ComparisonParams(coders=("A", "B")), cancel=lambda: True)


def test_real_import_units(tmp_path: Path, import_pipelines: dict) -> None:
    """Sentences and turns from the import pipeline (spaCy) as units."""
    from coding.importing import add_document_text

    text = ("Interviewer: Who decides on equipment?\n"
            "Director: The board decides. We send a request. It takes months.\n"
            "Interviewer: And the budget?\n"
            "Director: The bureau sets it every spring.\n")
    project = Project.create(tmp_path / "real.concord")
    try:
        with project.session() as session:
            document = add_document_text(session, name="real", text=text, source_name="real.txt", format="txt")
            sentences = session.query(Sentence).filter(Sentence.document_id == document.id).count()
            turns = session.query(SpeakerTurn).filter(SpeakerTurn.document_id == document.id).count()
        builder = Builder(project)
        start = text.index("The board")
        builder.code("A", "real", CHILD_1, start, start + len("The board decides."))
        builder.code("B", "real", CHILD_1, start, text.index("It takes"))
        by_sentence = builder.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), measures=("percent",))
        by_turn = builder.run(coders=("A", "B"), unit="turn", codes=(CHILD_1,), measures=("percent",))
    finally:
        project.close()
    assert figure(by_sentence, "percent", code=CHILD_1).n_units == sentences
    assert figure(by_sentence, "disagreements", code=CHILD_1).value == 1
    assert figure(by_turn, "percent", code=CHILD_1).n_units == turns == 4
    assert figure(by_turn, "percent", code=CHILD_1).value == 1.0
