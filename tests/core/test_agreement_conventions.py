"""Issue 17 items 10 and 11: u-α with each document its own continuum, and the NVivo, MAXQDA and ATLAS.ti
conventions, on hand-built fixtures whose expected values are worked out by hand from the published formulas."""

from __future__ import annotations

import math

import pytest

from coding.agreement.compare import ComparisonParams
from coding.agreement.conventions import (
    CharacterTable,
    check_convention,
    frequency_rows,
    maxqda_kappa,
    nvivo_averages,
    nvivo_kappa,
    nvivo_percent,
    presence_rows,
    segment_agreements,
)
from coding.agreement.runs import load_run, store_run
from coding.agreement.unitizing import (
    _disagreements_by_code,
    binary_u_alpha,
    cu_alpha,
    family_over_documents,
    krippendorff_u_alpha,
    u_alpha_over_documents,
)
from coding.errors import ValidationError
from tests.core import test_agreement_units as units_tests
from tests.core.test_agreement_units import CHILD_1, CHILD_2, OTHER, TEXT, Builder, add_document, figure

project = units_tests.project  # the fixtures: a project of three 209-character documents, and a coding helper
build = units_tests.build

PARENT = "Decision rights"

# ------------------------------------------------------------------------------------------------
# Item 10: u-α over several documents
# ------------------------------------------------------------------------------------------------


def test_two_copies_of_a_document_give_the_u_alpha_of_one() -> None:
    one = [[(0, 30, "x"), (60, 80, "x")], [(5, 30, "x"), (70, 95, "x")]]
    single = krippendorff_u_alpha(one, (0, 100))
    pooled, per_code = u_alpha_over_documents([(one, (0, 100)), (one, (0, 100))])
    assert pooled == pytest.approx(single) and per_code["x"] == pytest.approx(single)
    # Joined into one continuum (today's reading) the gap at the end of one copy merges with the next one's start.
    joined = [[(a + d, b + d, c) for d in (0, 100) for a, b, c in coder] for coder in one]
    assert krippendorff_u_alpha(joined, (0, 200)) != pytest.approx(single)


def test_pooled_u_alpha_weights_each_documents_disagreements_by_its_length() -> None:
    first = [[(0, 40, "x"), (50, 60, "y")], [(10, 40, "x"), (50, 58, "y")]]
    second = [[(0, 10, "x")], [(0, 150, "x"), (160, 200, "y")]]
    d1, d2 = _disagreements_by_code(first, (0, 100)), _disagreements_by_code(second, (0, 200))
    observed = {c: 100 * d1[c].observed + 200 * d2[c].observed for c in "xy"}
    expected = {c: 100 * d1[c].expected + 200 * d2[c].expected for c in "xy"}
    pooled, per_code = u_alpha_over_documents([(first, (0, 100)), (second, (0, 200))])
    for c in "xy":
        assert per_code[c] == pytest.approx(1 - observed[c] / expected[c])
    assert pooled == pytest.approx(1 - sum(observed.values()) / sum(expected.values()))


def test_compare_treats_each_document_as_its_own_continuum(build: Builder) -> None:
    length = len(TEXT)
    for doc in ("doc1", "doc2"):
        build.code("A", doc, CHILD_1, 0, 100)
        build.code("B", doc, CHILD_1, 20, 100)
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1", "doc2"),
                       measures=("ualpha",))
    one_document = krippendorff_u_alpha([[(0, 100, "x")], [(20, 100, "x")]], (0, length))
    found = figure(result, "ualpha", code=CHILD_1)
    assert found.value == pytest.approx(one_document)
    assert found.n_units == 2 * length


def test_pooled_u_alpha_names_the_per_code_spread(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 0, 100)
    build.code("A", "doc1", CHILD_2, 0, 50)
    build.code("B", "doc1", CHILD_2, 100, 150)
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1, CHILD_2), documents=("doc1",),
                       measures=("ualpha",))
    child_1 = figure(result, "ualpha", code=CHILD_1).value
    child_2 = figure(result, "ualpha", code=CHILD_2).value
    pooled = figure(result, "ualpha", level=3)
    assert child_1 == pytest.approx(1.0) and child_2 < 0
    assert f"{child_2:.3f} to {child_1:.3f}" in pooled.note


# ------------------------------------------------------------------------------------------------
# Item 11: NVivo (help page "How is the Kappa coefficient calculated?")
# ------------------------------------------------------------------------------------------------


def test_nvivo_percentage_example_from_its_help_page() -> None:
    # 1000 characters: 50 coded by both, 150 by one user only, 800 by neither -> 85 %.
    assert nvivo_percent(CharacterTable(50, 100, 50, 800)) == pytest.approx(0.85)


def test_nvivo_kappa_by_hand() -> None:
    # A coded 150, B 100; ΣEF = (150·100 + 850·900)/1000 = 780; K = (850 − 780)/(1000 − 780) = 70/220.
    assert nvivo_kappa(CharacterTable(50, 100, 50, 800)) == pytest.approx(70 / 220)
    assert nvivo_kappa(CharacterTable(0, 0, 0, 1000)) == 1.0  # neither coded: complete agreement
    assert nvivo_kappa(CharacterTable(0, 1000, 0, 0)) == 0.0  # one user coded everything, the other nothing


def test_nvivo_averages_unweighted_and_by_source_size() -> None:
    mean, weighted = nvivo_averages([0.2, 1.0], [300, 100])
    assert mean == pytest.approx(0.6)
    assert weighted == pytest.approx((0.2 * 300 + 1.0 * 100) / 400)


def test_nvivo_convention_in_a_run(build: Builder) -> None:
    with build.project.session() as session:
        add_document(session, "short", text=TEXT[:104])
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 50, 150)
    result = build.run(coders=("A", "B"), unit="sentence", codes=(PARENT, CHILD_1), documents=("doc1", "short"),
                       convention="nvivo")
    n = len(TEXT)  # 209: a = 50, b = 50, c = 50, d = 59
    ef = (100 * 100 + (n - 100) * (n - 100)) / n
    k1 = (50 + 59 - ef) / (n - ef)
    assert figure(result, "nvivo_kappa", code=CHILD_1, document="doc1").value == pytest.approx(k1)
    assert figure(result, "nvivo_kappa", code=CHILD_1, document="short").value == 1.0
    assert figure(result, "nvivo_kappa_mean", code=CHILD_1).value == pytest.approx((k1 + 1) / 2)
    weighted = figure(result, "nvivo_kappa_weighted", code=CHILD_1)
    assert weighted.value == pytest.approx((k1 * n + 1 * 104) / (n + 104)) and weighted.n_units == n + 104
    # No roll-up: the parent's own codings are none, so NVivo's K is 1 there while Concord's rolled-up κ is not.
    assert figure(result, "nvivo_kappa", code=PARENT, document="doc1").value == 1.0
    assert figure(result, "kappa", code=PARENT).value < 1.0
    assert any("NVivo convention" in note for note in result.notes)


# ------------------------------------------------------------------------------------------------
# Item 11: MAXQDA (help pages on intercoder agreement: P_chance = 1/q, q = codes in the table)
# ------------------------------------------------------------------------------------------------


def test_maxqda_segments_are_not_merged() -> None:
    a = [(0, 10), (5, 15)]  # two overlapping segments of one code stay two rows
    b = [(0, 10)]
    assert segment_agreements(a, b, 90) == 1  # [0,10) matches; [5,15) overlaps 5/15 < 90 %
    assert segment_agreements(b, a, 90) == 1
    assert segment_agreements([(0, 15)], b, 90) == 0  # merged, A's segment would overlap 10/15 only


def test_maxqda_kappa_by_hand() -> None:
    # 5 rows, 2 agreeing: P_o = .4; q = 2 -> κ = (.4 − .5)/(1 − .5) = −.2
    assert maxqda_kappa(2, 5, 2) == pytest.approx(-0.2)
    # q = 4 codes used: κ = (.4 − .25)/.75 = .2
    assert maxqda_kappa(2, 5, 4) == pytest.approx(0.2)
    assert math.isnan(maxqda_kappa(2, 5, 1))  # undefined with one code


def test_maxqda_presence_and_frequency_rows() -> None:
    assert presence_rows({"x", "y"}, {"x"}) == (1, 2)
    assert frequency_rows({"x": 2, "y": 1}, {"x": 2, "y": 0, "z": 0}) == (1, 2)


def test_maxqda_convention_in_a_run(build: Builder) -> None:
    # doc1: A has CHILD_1 [0,100) and [50,150) (overlapping, not merged) and CHILD_2 [160,200);
    #       B has CHILD_1 [0,100). doc2: A has CHILD_2 twice, B once.
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("A", "doc1", CHILD_1, 50, 150)
    build.code("A", "doc1", CHILD_2, 160, 200)
    build.code("B", "doc1", CHILD_1, 0, 100)
    build.code("A", "doc2", CHILD_2, 0, 40)
    build.code("A", "doc2", CHILD_2, 100, 140)
    build.code("B", "doc2", CHILD_2, 0, 40)
    result = build.run(coders=("A", "B"), unit="segment", tolerance=90, codes=(CHILD_1, CHILD_2, OTHER),
                       documents=("doc1", "doc2"), convention="maxqda")
    # Rows: CHILD_1: A 2 + B 1 = 3, agreeing 2 (A's [0,100) and B's); CHILD_2: A 3 + B 1 = 4, agreeing 2.
    assert figure(result, "maxqda_segment", units="coded", code=CHILD_1).value == pytest.approx(2 / 3)
    assert figure(result, "maxqda_segment", units="coded", code=CHILD_2).value == pytest.approx(2 / 4)
    table = figure(result, "maxqda_kappa", units="coded")
    p_o = 4 / 7  # q = 2 codes used (OTHER is in the comparison but unused)
    assert table.value == pytest.approx((p_o - 1 / 2) / (1 - 1 / 2)) and table.n_units == 7
    # Code exists: doc1 rows CHILD_1 (both), CHILD_2 (A only); doc2 CHILD_2 (both) -> 2 of 3.
    assert figure(result, "maxqda_presence", units="coded").value == pytest.approx(2 / 3)
    assert figure(result, "maxqda_presence", units="coded", document="doc1").value == pytest.approx(1 / 2)
    # Code frequency: doc1 CHILD_1 2 vs 1, CHILD_2 1 vs 0; doc2 CHILD_2 2 vs 1 -> 0 of 3.
    assert figure(result, "maxqda_frequency", units="coded").value == 0.0


# ------------------------------------------------------------------------------------------------
# Item 11: ATLAS.ti (Krippendorff 2016/2019 family, documents as separate continua)
# ------------------------------------------------------------------------------------------------


def test_family_over_one_document_is_the_single_continuum_coefficient() -> None:
    segments = [[(0, 10, "a"), (20, 30, "b")], [(2, 10, "a"), (20, 28, "a")], [(0, 12, "a"), (22, 30, "b")]]
    found = family_over_documents([(segments, (0, 50))], {"a": "a", "b": "b"})
    assert found["binary_u_alpha"] == pytest.approx(binary_u_alpha(segments, (0, 50)))
    assert found["cu_alpha"] == pytest.approx(cu_alpha(segments, (0, 50)))


def test_binary_u_alpha_over_two_documents_by_hand() -> None:
    # doc1 (L 10): A and B code [0,5); doc2 (L 10): A codes [0,5), B nothing. Coincidences (m = 2):
    # coded·coded 10, coded·φ 5 + 5, φ·φ 20; ℓ.. = 40; margins 15 / 25; self-pairs: coded 3·25, φ 25 (lengths).
    # ε(coded, φ) = 40·15·25 / (40² − 100) = 10, so |uα = 1 − 10/20 = .5.
    docs = [([[(0, 5, "x")], [(0, 5, "x")]], (0, 10)), ([[(0, 5, "x")], []], (0, 10))]
    assert family_over_documents(docs, {"x": "x"})["binary_u_alpha"] == pytest.approx(0.5)


def test_overlapping_domains_leave_binary_u_alpha_defined_and_say_why_cu_alpha_is_not() -> None:
    # Coder 1 codes [0,10) with a code of domain D and [5,15) with one of domain E: cuα/Cuα need exclusive values.
    docs = [([[(0, 10, "d"), (5, 15, "e")], [(0, 15, "d")]], (0, 30))]
    found = family_over_documents(docs, {"d": "D", "e": "E"})
    assert found["binary_u_alpha"] == pytest.approx(binary_u_alpha([[(0, 15, "x")], [(0, 15, "x")]], (0, 30)))
    assert math.isnan(found["cu_alpha"]) and "overlap with different codes" in found["cu_alpha"].reason


def test_atlas_convention_in_a_run(build: Builder) -> None:
    # CHILD_1 and CHILD_2 lie in the level-2 domain "Decision rights", OTHER in "Residual claims".
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 0, 100)
    build.code("A", "doc1", CHILD_2, 120, 180)
    build.code("B", "doc1", CHILD_1, 120, 180)
    build.code("A", "doc1", OTHER, 190, 209)
    build.code("B", "doc1", OTHER, 185, 209)
    result = build.run(coders=("A", "B"), unit="sentence", documents=("doc1",), convention="atlas")
    n = len(TEXT)
    within = [[(0, 100, 1), (120, 180, 2)], [(0, 100, 1), (120, 180, 1)]]
    domain = next(f for f in result.figures if f.measure == "atlas_cualpha" and f.code_name.endswith("/Decision rights"))
    assert domain.value == pytest.approx(cu_alpha(within, (0, n)))
    across = [[(0, 100, "D"), (120, 180, "D"), (190, 209, "R")], [(0, 100, "D"), (120, 180, "D"), (185, 209, "R")]]
    assert figure(result, "atlas_domain_cualpha", units="coded").value == pytest.approx(cu_alpha(across, (0, n)))
    assert figure(result, "atlas_binary_ualpha", code=OTHER).value == pytest.approx(
        binary_u_alpha([[(190, 209, 1)], [(185, 209, 1)]], (0, n)))
    everything = next(f for f in result.figures if f.measure == "atlas_binary_ualpha" and f.code_name == "All domains")
    assert everything.value == pytest.approx(binary_u_alpha(
        [[(0, 100, 1), (120, 180, 1), (190, 209, 1)], [(0, 100, 1), (120, 180, 1), (185, 209, 1)]], (0, n)))


# ------------------------------------------------------------------------------------------------
# Options, stored runs, refusals
# ------------------------------------------------------------------------------------------------


def test_convention_is_stored_with_the_run(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 50, 150)
    result = build.run(coders=("A", "B"), unit="character", codes=(CHILD_1,), documents=("doc1",),
                       convention="NVivo")
    with build.project.session() as session:
        run_id = store_run(session, result)
    with build.project.session() as session:
        stored = load_run(session, run_id)
    assert stored.parameters["convention"] == "nvivo"
    assert ComparisonParams.from_json(stored.parameters).convention == "nvivo"
    assert {f.measure for f in stored.figures} >= {"nvivo_kappa", "nvivo_kappa_weighted", "kappa"}


def test_unknown_convention_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown convention 'spss'"):
        check_convention("spss")
    assert check_convention(None) is None and check_convention("ATLAS") == "atlas"


def test_gui_form_offers_the_convention_and_the_table_shows_its_columns(qtbot, build: Builder) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app.agreement.form import CompareForm
    from app.agreement.results_model import ResultsModel, RunView

    form = CompareForm()
    qtbot.addWidget(form)
    with build.project.session() as session:
        form.load(session)
    form.convention.setCurrentIndex(form.convention.findData("maxqda"))
    assert form.convention.currentText().startswith("MAXQDA")
    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 0, 100)
    result = build.run(coders=("A", "B"), unit="segment", codes=(CHILD_1, CHILD_2), documents=("doc1",),
                       measures=("percent",), convention="maxqda")
    model = ResultsModel()
    model.set_run(RunView.from_result(result))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert any(h.startswith("MAXQDA κ") for h in headers)
    table_row = model.row_of("All codes (MAXQDA table)")
    kappa = model.figure(table_row, next(c for c, h in enumerate(headers) if h.startswith("MAXQDA κ")))
    assert kappa.value is None  # one code used: q = 1 leaves MAXQDA's kappa undefined


def test_cli_convention_option_json_text_and_refusal(build: Builder) -> None:
    import json

    from click.testing import CliRunner

    from coding.cli import cli

    build.code("A", "doc1", CHILD_1, 0, 100)
    build.code("B", "doc1", CHILD_1, 50, 150)
    path = str(build.project.path)
    base = ["agreement", path, "--coders", "A,B", "--unit", "character", "--code", CHILD_1, "--documents", "doc1"]
    build.project.close()
    out = CliRunner().invoke(cli, [*base, "--convention", "nvivo", "--json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["parameters"]["convention"] == "nvivo"
    kappa = next(f for f in data["figures"] if f["measure"] == "nvivo_kappa_weighted")
    assert kappa["value"] == pytest.approx(nvivo_kappa(CharacterTable(50, 50, 50, len(TEXT) - 150)))
    text = CliRunner().invoke(cli, [*base, "--convention", "nvivo", "--no-store"], catch_exceptions=False)
    assert "Convention: NVivo" in text.output and "NVivo κ (mean weighted by source size)" in text.output
    refused = CliRunner().invoke(cli, [*base, "--convention", "spss"])
    assert refused.exit_code != 0 and "spss" in refused.output
