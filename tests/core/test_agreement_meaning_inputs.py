"""Issue 17, items 1, 3, 4, 5: what agreement figures are computed over — missing coders, the presence rule,
unused codes, parents' own codings. Values are pinned to the `krippendorff` package (NaN for missing data) and
to Gwet's (2014) and Cohen's published formulas written out here, never to the engine's own output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from click.testing import CliRunner

from coding.agreement.compare import ComparisonParams, run_comparison
from coding.agreement.runs import load_run, store_run
from coding.cli import cli
from coding.errors import ValidationError
from coding.project import Project
from coding.team.assignments import mark_done
from tests.core.test_agreement_units import CHILD_1, CHILD_2, TEXT, Builder, add_document, figure, sentence

ACTOR = "test"
N_SENTENCES = 10
PARENT = "Decision rights"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "meaning.concord")
    with created.session() as session:
        for name, word in (("d1", "This"), ("d2", "That"), ("d3", "Here")):
            add_document(session, name, text=TEXT.replace("This", word))
    yield created
    created.close()


@pytest.fixture
def build(project: Project) -> Builder:
    return Builder(project)


def code_sentences(build: Builder, coder: str, document: str, code: str, indexes: list[int]) -> None:
    for i in indexes:
        build.code(coder, document, code, *sentence(i))


def values(indexes: list[int]) -> list[float]:
    return [1.0 if i in indexes else 0.0 for i in range(N_SENTENCES)]


# Who coded which sentences with CHILD_1: C never opened d2 (missing there, not "coded nothing").
CODED = {
    ("A", "d1"): [0, 1, 2], ("B", "d1"): [0, 1, 3], ("C", "d1"): [0, 2, 3],
    ("A", "d2"): [4, 5], ("B", "d2"): [4, 6],
}


@pytest.fixture
def three_coders(build: Builder) -> Builder:
    for (coder, document), indexes in CODED.items():
        code_sentences(build, coder, document, CHILD_1, indexes)
    return build


def reliability_matrix(coders: tuple[str, ...], documents: tuple[str, ...]) -> np.ndarray:
    """coders × sentences, NaN where the coder did not code the document."""
    rows = []
    for coder in coders:
        row: list[float] = []
        for document in documents:
            coded = (coder, document) in CODED
            row.extend(values(CODED[(coder, document)]) if coded else [np.nan] * N_SENTENCES)
        rows.append(row)
    return np.array(rows)


def gwet_ac1(matrix: np.ndarray) -> float:
    """Gwet (2014, Handbook of Inter-Rater Reliability, 4th ed., eq. 2.5.x) with missing ratings: observed
    agreement over units rated by two or more raters, π_k over units rated at least once, q = 2."""
    rated = ~np.isnan(matrix)
    r_i = rated.sum(axis=0)
    r_ik = np.stack([np.nansum(matrix == k, axis=0) for k in (0.0, 1.0)], axis=1)
    pairable = r_i >= 2
    p_a = np.mean((r_ik[pairable] * (r_ik[pairable] - 1)).sum(axis=1) / (r_i[pairable] * (r_i[pairable] - 1)))
    shares = (r_ik[r_i >= 1] / r_i[r_i >= 1, np.newaxis]).mean(axis=0)
    p_e = (shares * (1 - shares)).sum() / (2 - 1)
    return (p_a - p_e) / (1 - p_e)


def cohen_kappa(a: np.ndarray, b: np.ndarray) -> float:
    p_o = np.mean(a == b)
    p_e = np.mean(a) * np.mean(b) + (1 - np.mean(a)) * (1 - np.mean(b))
    return (p_o - p_e) / (1 - p_e)


# ------------------------------------------------------------------------------------------------
# Item 1: missing is not absent
# ------------------------------------------------------------------------------------------------


def test_a_document_one_coder_skipped_stays_in_the_other_pairs_figures(three_coders: Builder) -> None:
    result = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("percent", "kappa"))
    assert [d.name for d in result.documents] == ["d1", "d2"]  # d2 was coded by A and B: it is compared
    pair = figure(result, "kappa", code=CHILD_1, coder_a="A", coder_b="B")
    matrix = reliability_matrix(("A", "B"), ("d1", "d2"))
    assert pair.n_units == 2 * N_SENTENCES
    assert pair.value == pytest.approx(cohen_kappa(matrix[0], matrix[1]))
    with_c = figure(result, "kappa", code=CHILD_1, coder_a="A", coder_b="C")
    assert with_c.n_units == N_SENTENCES  # A × C rests on d1, the only document C coded
    assert result.coverage["C"] == ["d1"]
    assert any("Missing data: C did not code 1 of the 2 documents" in note for note in result.notes)


def test_alpha_and_ac1_use_the_pairable_values(three_coders: Builder) -> None:
    result = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3,
                              measures=("alpha", "ac1", "fleiss", "percent"))
    matrix = reliability_matrix(("A", "B", "C"), ("d1", "d2"))
    alpha = figure(result, "alpha", code=CHILD_1)
    assert alpha.value == pytest.approx(krippendorff.alpha(reliability_data=matrix,
                                                           level_of_measurement="nominal"), abs=1e-12)
    assert alpha.n_units == 2 * N_SENTENCES and "pairable values" in alpha.note
    ac1 = figure(result, "ac1", code=CHILD_1)
    assert ac1.value == pytest.approx(gwet_ac1(matrix), abs=1e-12)
    # Fleiss needs complete data: it rests on d1 only and says so.
    fleiss = figure(result, "fleiss", code=CHILD_1)
    assert fleiss.n_units == N_SENTENCES and "complete data only" in fleiss.note and "1 of 2" in fleiss.note
    on_d2 = figure(result, "fleiss", code=CHILD_1, document="d2")
    assert on_d2.value is None and "C did not code this document" in on_d2.note
    # A × C: C is missing in d2; A's d2 ratings are units rated once, which Gwet's π_k counts and α ignores.
    pair = reliability_matrix(("A", "C"), ("d1", "d2"))
    ac1_pair = figure(result, "ac1", code=CHILD_1, coder_a="A", coder_b="C")
    assert ac1_pair.value == pytest.approx(gwet_ac1(pair), abs=1e-12)
    assert ac1_pair.n_units == N_SENTENCES and "only one coder rated" in ac1_pair.note
    alpha_pair = figure(result, "alpha", code=CHILD_1, coder_a="A", coder_b="C")
    assert alpha_pair.value == pytest.approx(krippendorff.alpha(reliability_data=pair,
                                                                level_of_measurement="nominal"), abs=1e-12)
    alpha_d2 = figure(result, "alpha", code=CHILD_1, document="d2")
    assert alpha_d2.value == pytest.approx(krippendorff.alpha(
        reliability_data=reliability_matrix(("A", "B"), ("d2",)), level_of_measurement="nominal"))


def test_naming_documents_keeps_a_gap_missing(three_coders: Builder) -> None:
    named = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("alpha",),
                             documents=("d1", "d2"))
    default = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("alpha",))
    assert figure(named, "alpha", code=CHILD_1).value == figure(default, "alpha", code=CHILD_1).value
    expected = krippendorff.alpha(reliability_data=reliability_matrix(("A", "B", "C"), ("d1", "d2")),
                                  level_of_measurement="nominal")
    assert figure(named, "alpha", code=CHILD_1).value == pytest.approx(expected)


def test_done_only_counts_documents_marked_done(project: Project, three_coders: Builder) -> None:
    with project.session() as session:
        for coder in ("A", "B"):
            mark_done(session, coder, ["d1", "d2"], actor=ACTOR)
        mark_done(session, "C", ["d3"], actor=ACTOR)  # done with d3 (nothing to code there), not with d1
    result = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("alpha",),
                              done_only=True)
    assert result.coverage == {"A": ["d1", "d2"], "B": ["d1", "d2"], "C": []}  # d3: only C, not compared
    assert [d.name for d in result.documents] == ["d1", "d2"]
    expected = krippendorff.alpha(reliability_data=reliability_matrix(("A", "B"), ("d1", "d2")),
                                  level_of_measurement="nominal")
    assert figure(result, "alpha", code=CHILD_1).value == pytest.approx(expected)
    assert result.parameters_json()["done_only"] is True
    assert ComparisonParams.from_json(result.parameters_json()).done_only is True


# ------------------------------------------------------------------------------------------------
# Item 3: the presence rule does not touch document units
# ------------------------------------------------------------------------------------------------


def test_rule_leaves_document_units_alone(project: Project, build: Builder) -> None:
    build.code("A", "d1", CHILD_1, *sentence(0))  # 10% of d1: A used the code in d1, B did not
    build.code("A", "d2", CHILD_1, 0, len(TEXT))
    build.code("B", "d2", CHILD_1, 0, len(TEXT))
    with project.session() as session:
        mark_done(session, "B", ["d1"], actor=ACTOR)  # B read d1 and coded nothing there: absent, not missing
    common = dict(coders=("A", "B"), unit="document", level=3, measures=("percent",), documents=("d1", "d2"))
    any_rule, half = build.run(rule="any", **common), build.run(rule="50%", **common)
    assert figure(any_rule, "percent", code=CHILD_1).value == 0.5
    assert figure(half, "percent", code=CHILD_1).value == 0.5  # the d1 disagreement stays a disagreement
    assert figure(half, "disagreements", code=CHILD_1).value == 1.0
    parameters = half.parameters_json()
    assert parameters["rule"] == "50%" and parameters["rule_applies"] is False
    assert "used anywhere in it" in parameters["rule_description"]
    assert any("applies to sentence and turn units only" in note for note in half.notes)
    with project.session() as session:
        run_id = store_run(session, half, label="rule", actor=ACTOR)
        assert load_run(session, run_id).parameters["rule_description"] == parameters["rule_description"]
    from app.agreement.results_model import RunView

    assert "(no presence rule)" in RunView.from_result(half).description()  # the GUI's header above the table


def test_cli_header_names_the_rule_and_done_only(project: Project, three_coders: Builder) -> None:
    project.close()
    path = str(project.path)
    runner = CliRunner()
    document_run = runner.invoke(cli, ["agreement", path, "--coders", "A,B", "--unit", "document", "--rule",
                                       "50%", "--level", "3", "--no-store"])
    assert document_run.exit_code == 0, document_run.output
    assert "rule: no presence rule" in document_run.output
    done = runner.invoke(cli, ["agreement", path, "--coders", "A,B", "--done-only", "--documents", "d1",
                               "--level", "3", "--json", "--no-store"])
    assert done.exit_code == 0, done.output
    parameters = json.loads(done.output)["parameters"]
    assert parameters["done_only"] is True and parameters["coverage"] == {"A": [], "B": []}
    kappa = [f for f in json.loads(done.output)["figures"]
             if f["measure"] == "kappa" and f["document_uuid"] is None and f["code_name"].endswith(CHILD_1)]
    assert kappa and all(f["value"] is None for f in kappa)  # nobody marked d1 done: nothing to compare


# ------------------------------------------------------------------------------------------------
# Item 4: unused codes are undefined, out of the pools and of q
# ------------------------------------------------------------------------------------------------


def test_unused_codes_are_undefined_listed_and_out_of_pools(build: Builder) -> None:
    code_sentences(build, "A", "d1", CHILD_1, [0, 1])
    code_sentences(build, "B", "d1", CHILD_1, [0])
    result = build.run(coders=("A", "B"), unit="sentence", level=3, measures=("percent", "ac1", "bp"),
                       documents=("d1",))
    for measure in ("percent", "ac1", "bp"):
        unused = figure(result, measure, code=CHILD_2)
        assert unused.value is None and "no compared coder used this code" in unused.note
    assert any(path.endswith(CHILD_2) for path in result.unused_codes)
    assert not any(path.endswith(CHILD_1) for path in result.unused_codes)
    assert result.parameters_json()["unused_codes"] == list(result.unused_codes)
    pooled = figure(result, "percent", level=3)
    assert (pooled.value, pooled.n_units) == (pytest.approx(0.9), N_SENTENCES)  # CHILD_1's ten units only


def test_segment_brennan_prediger_q_counts_codes_used(build: Builder) -> None:
    build.code("A", "d1", CHILD_1, 0, 100)
    build.code("B", "d1", CHILD_1, 0, 100)
    build.code("A", "d1", CHILD_2, 150, 170)
    result = build.run(coders=("A", "B"), unit="segment", level=3, measures=("percent", "bp"), documents=("d1",))
    observed = 2 / 3  # A's and B's CHILD_1 segments match; A's CHILD_2 segment has no partner
    q = 2  # MAXQDA: q = codes used, not every code of the level
    assert figure(result, "bp", units="coded", level=3).value == pytest.approx((observed - 1 / q) / (1 - 1 / q))


# ------------------------------------------------------------------------------------------------
# Item 5: a parent code's own codings are a variable of the pool
# ------------------------------------------------------------------------------------------------


def test_parent_codings_count_in_the_pool_of_most_specific_codes(build: Builder) -> None:
    code_sentences(build, "A", "d1", CHILD_1, [0])
    code_sentences(build, "B", "d1", CHILD_1, [0])
    code_sentences(build, "A", "d1", PARENT, [5])  # coded on the parent itself: B did not
    result = build.run(coders=("A", "B"), unit="sentence", measures=("percent",), documents=("d1",))
    pooled = figure(result, "percent", level=None)
    assert "parents' own codings" in pooled.code_name
    # Variables used: CHILD_1 (agrees on 10 of 10) and "Decision rights (own codings)" (9 of 10).
    assert (pooled.value, pooled.n_units) == (pytest.approx(19 / 20), 2 * N_SENTENCES)
    assert figure(result, "disagreements", level=None).value == 1.0
    assert any("Decision rights (own codings)" in note for note in result.notes)


# ------------------------------------------------------------------------------------------------
# GUI: the comparison form passes "only documents marked done" to the engine
# ------------------------------------------------------------------------------------------------


def test_compare_form_offers_done_only(qtbot, project: Project, three_coders: Builder) -> None:
    from app.agreement.form import CompareForm

    form = CompareForm()
    qtbot.addWidget(form)
    with project.session() as session:
        form.load(session)
    assert form.params() is not None and form.params().done_only is False
    form.done_only.setChecked(True)
    params = form.params()
    assert params is not None and params.done_only is True
    with project.session() as session, pytest.raises(ValidationError, match="coded by two or more"):
        run_comparison(session, params)  # nobody marked anything done: every value is missing


@pytest.mark.parametrize("unit", ["sentence", "character", "document", "segment"])
def test_every_unit_with_a_missing_coder_gives_a_value_or_a_reason(three_coders: Builder, unit: str) -> None:
    result = three_coders.run(coders=("A", "B", "C"), unit=unit, measures=("percent", "alpha", "fleiss", "bp", "ac1"),
                              n_resamples=20, pairs_per_document=True)
    assert result.figures
    for f in result.figures:
        assert f.value is not None or f.note, f
    d2 = [f for f in result.figures if f.document_uuid == result.documents[1].uuid
          and f.coder_a == "A" and f.coder_b == "C" and f.measure in ("percent", "alpha")]
    assert unit == "document" or (d2 and all(f.value is None and "C did not code" in f.note for f in d2))


def test_alpha_interval_with_a_missing_coder_is_hayes_krippendorff_over_pairable_values(three_coders: Builder) -> None:
    """Item 9 with item 1: where a coder is missing, α's interval and q still come from Hayes & Krippendorff's
    bootstrap, drawn from the pairable values (all 2 documents), not from the complete document alone."""
    result = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("alpha", "percent"),
                              n_resamples=400, seed=3)
    alpha = figure(result, "alpha", code=CHILD_1)
    assert "Hayes & Krippendorff" in alpha.note and "pairable" in alpha.note
    assert alpha.ci_low is not None and alpha.ci_low <= alpha.value <= alpha.ci_high
    for measure in ("alpha_q667", "alpha_q800"):
        q = figure(result, measure, code=CHILD_1)
        assert q.n_units == 2 * N_SENTENCES, "q rests on the pairable values of both documents"
        assert "pairable" in q.note and 0.0 <= q.value <= 1.0
    # α here is low (≈ .3), so nearly every resample lies below both minima.
    assert figure(result, "alpha_q800", code=CHILD_1).value >= figure(result, "alpha_q667", code=CHILD_1).value
    percent = figure(result, "percent", code=CHILD_1)
    assert "percentile bootstrap over units (pairable values)" in percent.note


def test_unitizing_alpha_rests_on_complete_documents(three_coders: Builder) -> None:
    """u-α compares every coder's spans on a continuum, so a coder missing from a document leaves that document
    out (said in the note) instead of reading the gap as "coded nothing". (Vendor conventions keep the vendor's
    reading: they know no missing data.)"""
    everywhere = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("ualpha",))
    only_d1 = three_coders.run(coders=("A", "B", "C"), unit="sentence", level=3, measures=("ualpha",),
                               documents=("d1",))
    pooled = figure(everywhere, "ualpha", code=CHILD_1)
    assert pooled.value == pytest.approx(figure(only_d1, "ualpha", code=CHILD_1).value, abs=1e-12)
    assert "complete data only: rests on the 1 of 2 documents" in pooled.note
    on_d2 = figure(everywhere, "ualpha", code=CHILD_1, document="d2")
    assert on_d2.value is None and "C did not code this document" in on_d2.note
    pair = figure(everywhere, "ualpha", code=CHILD_1, coder_a="A", coder_b="B")
    assert "complete data only" not in pair.note  # A and B coded both documents
