"""Issue 17, items 2, 6, 7, 8 and 9: what the figures say they are — specific agreement instead of a chance
correction on coded units, pairwise segment agreement for three coders, boundary-only disagreements, one benchmark
per family, and bootstrap intervals that name their method (Hayes & Krippendorff 2007 for α)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from coding.agreement.bands import band, benchmark_of
from coding.agreement.bootstrap import (
    METHOD_DOCUMENTS,
    METHOD_HAYES_KRIPPENDORFF,
    coincidences,
    hayes_krippendorff_bootstrap,
)
from coding.agreement.measures import (
    _patterns_of,
    krippendorff_alpha,
    negative_specific_agreement,
    positive_specific_agreement,
    prevalence,
)
from coding.agreement.units import pattern_weights
from coding.agreement.weighted import coder_prevalence, specific_agreement
from coding.errors import ValidationError
from coding.project import Project
from tests.core.test_agreement_units import CHILD_1, TEXT, Builder, add_document, figure, sentence

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers, 12 units, nominal.
KRIPPENDORFF_C = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
])


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """Three documents of ten 20-character sentences (the engine tests' fixture)."""
    created = Project.create(tmp_path / "meaning.concord")
    with created.session() as session:
        add_document(session, "doc1", turns=[(0, 62), (63, 125), (126, len(TEXT))])
        add_document(session, "doc2", text=TEXT.replace("This", "That"))
        add_document(session, "doc3", text=TEXT.replace("This", "Here"))
    yield created
    created.close()


@pytest.fixture
def build(project: Project) -> Builder:
    return Builder(project)


def two_by_two(a: int, b: int, c: int, d: int) -> list[list[int]]:
    """Two coders' present/absent values with a units both coded, b only the first, c only the second, d neither."""
    first = [1] * a + [1] * b + [0] * c + [0] * d
    second = [1] * a + [0] * b + [1] * c + [0] * d
    return [first, second]


# ------------------------------------------------------------------------------------------------
# Item 2: specific agreement and prevalence
# ------------------------------------------------------------------------------------------------


def test_specific_agreement_follows_the_published_formulas() -> None:
    # Cicchetti & Feinstein (1990): p_pos = 2a/(2a + b + c), p_neg = 2d/(2d + b + c).
    data = two_by_two(a=20, b=5, c=10, d=65)
    assert positive_specific_agreement(data) == pytest.approx(40 / 55)
    assert negative_specific_agreement(data) == pytest.approx(130 / 145)
    assert prevalence(data) == pytest.approx([0.25, 0.30])
    weights = pattern_weights(np.array(data, dtype=bool))
    assert specific_agreement(weights)[0] == pytest.approx(40 / 55)
    assert specific_agreement(weights, positive=False)[0] == pytest.approx(130 / 145)
    assert coder_prevalence(weights) == pytest.approx([0.25, 0.30])


def test_specific_agreement_of_three_coders_is_the_pairwise_mean() -> None:
    data = [[1, 1, 0, 0, 1], [1, 0, 0, 0, 1], [0, 1, 1, 0, 1]]
    pairs = [(0, 1), (0, 2), (1, 2)]
    expected = np.mean([positive_specific_agreement([data[i], data[j]]) for i, j in pairs])
    assert positive_specific_agreement(data) == pytest.approx(expected)
    assert specific_agreement(pattern_weights(np.array(data, dtype=bool)))[0] == pytest.approx(expected)


def test_coded_units_give_specific_agreement_not_a_chance_correction(build: Builder) -> None:
    # A codes sentences 2 and 5, B sentence 2 only: a = 1, b = 1, c = 0, d = 8 of 10 sentences.
    build.code("A", "doc1", CHILD_1, *sentence(2))
    build.code("A", "doc1", CHILD_1, *sentence(5))
    build.code("B", "doc1", CHILD_1, *sentence(2))
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent", "alpha", "kappa", "ac1"))
    for measure in ("alpha", "kappa", "ac1", "fleiss", "bp"):
        assert not result.select(measure=measure, units="coded"), measure  # α = 1 − (2N−1)/(2a+b+c) is gone
    assert figure(result, "alpha", code=CHILD_1).value is not None  # over all units it stays
    psa = figure(result, "psa", code=CHILD_1, units="coded")
    assert (psa.value, psa.n_units) == (pytest.approx(2 / 3), 2)
    assert figure(result, "nsa", code=CHILD_1).value == pytest.approx(16 / 17)
    assert figure(result, "prevalence", code=CHILD_1, coder_a="A").value == pytest.approx(0.2)
    assert figure(result, "prevalence", code=CHILD_1, coder_a="B").value == pytest.approx(0.1)
    assert any("never positive by construction" in note for note in result.notes)


# ------------------------------------------------------------------------------------------------
# Item 6: segment units with three coders
# ------------------------------------------------------------------------------------------------


def test_three_coders_on_segments_agree_pairwise_not_by_joint_non_matching(build: Builder) -> None:
    for coder, i in (("A", 0), ("B", 3), ("C", 6)):  # nobody's segment matches anybody's
        build.code(coder, "doc1", CHILD_1, *sentence(i))
    result = build.run(coders=("A", "B", "C"), unit="segment", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent",))
    together = figure(result, "percent", code=CHILD_1, units="coded")
    assert together.value == 0.0  # was 1/3: each segment "agreed" between the two coders who both lacked it
    assert "mean of the 3 pairwise values" in together.note
    pair = figure(result, "percent", code=CHILD_1, units="coded", coder_a="A", coder_b="B")
    assert pair.value == 0.0


def test_three_coders_segment_mean_counts_each_pair(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, *sentence(0))
    build.code("B", "doc1", CHILD_1, *sentence(0))
    build.code("C", "doc1", CHILD_1, *sentence(6))
    result = build.run(coders=("A", "B", "C"), unit="segment", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent",))
    # A×B: both segments matched (1.0); A×C and B×C: none matched (0.0).
    assert figure(result, "percent", code=CHILD_1, units="coded").value == pytest.approx(1 / 3)


# ------------------------------------------------------------------------------------------------
# Item 7: boundary-only disagreements
# ------------------------------------------------------------------------------------------------


def test_overhang_is_counted_apart_and_both_readings_are_given(build: Builder) -> None:
    start, end = sentence(2)
    build.code("A", "doc1", CHILD_1, start, end + 4)  # 3 characters into sentence 3 (one space between)
    build.code("B", "doc1", CHILD_1, start, end)
    build.code("A", "doc1", CHILD_1, *sentence(7))  # a real disagreement
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent", "kappa"), boundary=5)
    assert figure(result, "percent", code=CHILD_1).value == pytest.approx(8 / 10)  # as read: 2 disagreements
    read_boundary = figure(result, "percent", code=CHILD_1, units="boundary")
    assert (read_boundary.value, read_boundary.n_units) == (pytest.approx(9 / 10), 10)
    assert "≤ 5 characters" in read_boundary.note
    assert figure(result, "boundary_only", code=CHILD_1).value == 1.0
    assert figure(result, "kappa", code=CHILD_1, units="boundary").value is not None
    assert result.parameters_json()["boundary"] == 5
    narrow = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent",), boundary=2)  # 3 characters is beyond a 2-character boundary
    assert figure(narrow, "boundary_only", code=CHILD_1).value == 0.0


def test_boundary_must_be_a_whole_number(build: Builder) -> None:
    build.code("A", "doc1", CHILD_1, *sentence(2))
    with pytest.raises(ValidationError, match="boundary"):
        build.run(coders=("A", "B"), unit="sentence", boundary=-1)


# ------------------------------------------------------------------------------------------------
# Item 8: one benchmark per family
# ------------------------------------------------------------------------------------------------


def test_bands_belong_to_their_family() -> None:
    assert band("alpha", 0.753) == "tentative"
    assert band("kappa", 0.9) == "almost perfect" and band("fleiss", 0.5) == "moderate"
    assert band("ac1", 0.983) == "" and band("bp", 0.983) == ""  # no Landis–Koch verdict on AC1 or B–P
    assert band("psa", 0.9) == "" and band("percent", 0.9) == ""
    assert "Krippendorff" in benchmark_of("alpha") and "Landis & Koch" in benchmark_of("kappa")
    assert benchmark_of("ac1").startswith("no benchmark") and benchmark_of("bp").startswith("no benchmark")


def test_gui_colours_and_names_the_benchmark(build: Builder, qtbot) -> None:
    from app.agreement.colours import band_colour
    from app.agreement.results_model import ResultsModel, RunView

    assert band_colour("ac1", 0.983) is None and band_colour("alpha", 0.9) is not None
    for i in (0, 2, 5):
        build.code("A", "doc1", CHILD_1, *sentence(i))
    for i in (0, 2):
        build.code("B", "doc1", CHILD_1, *sentence(i))
    result = build.run(coders=("A", "B"), unit="sentence", codes=(CHILD_1,), documents=("doc1",),
                       measures=("percent", "alpha", "ac1"))
    model = ResultsModel()
    model.set_run(RunView.from_result(result))
    from PySide6.QtCore import Qt

    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Coded share\nA" in headers and "Coded share\nB" in headers
    assert model.column_of("alpha", "coded") == -1 and model.column_of("psa", "coded") > 0
    row = model.row_of(result.select(code_uuid=result.codes[0].uuid)[0].code_name)
    ac1 = model.index(row, model.column_of("ac1", "all"))
    assert model.data(ac1, Qt.ItemDataRole.BackgroundRole) is None
    assert "no benchmark" in model.data(ac1, Qt.ItemDataRole.ToolTipRole)
    alpha = model.index(row, model.column_of("alpha", "all"))
    assert "Krippendorff" in model.data(alpha, Qt.ItemDataRole.ToolTipRole)
    assert (None, None) in RunView.from_result(result).coder_scopes()
    assert ("A", None) not in RunView.from_result(result).coder_scopes()  # prevalence is no coder scope


# ------------------------------------------------------------------------------------------------
# Item 9: intervals
# ------------------------------------------------------------------------------------------------


def test_hayes_krippendorff_bootstrap_on_krippendorffs_example() -> None:
    patterns = _patterns_of(KRIPPENDORFF_C)
    # Krippendorff (2011) publishes this coincidence matrix (values 1–5) and α = .743.
    expected = np.array([[7, 4 / 3, 1 / 3, 1 / 3, 0], [4 / 3, 10, 4 / 3, 1 / 3, 0], [1 / 3, 4 / 3, 8, 1 / 3, 0],
                         [1 / 3, 1 / 3, 1 / 3, 4, 0], [0, 0, 0, 0, 3]])
    assert coincidences(patterns.counts, patterns.units) == pytest.approx(expected)
    assert krippendorff_alpha(KRIPPENDORFF_C) == pytest.approx(0.743, abs=5e-4)
    result = hayes_krippendorff_bootstrap(KRIPPENDORFF_C, n_resamples=20_000, seed=1)
    # M = (m − 1) n../2 = 3 · 40/2 = 60 value pairs; KALPHA's cap 25 q (q = 17 non-empty cells) does not bind.
    assert result.n_pairs == 60
    assert hayes_krippendorff_bootstrap(KRIPPENDORFF_C, n_resamples=10, kalpha_cap=True).n_pairs == 60
    assert result.low < 0.743 < result.high
    assert 0 < result.below[0.667] < result.below[0.800] < 1
    again = hayes_krippendorff_bootstrap(KRIPPENDORFF_C, n_resamples=20_000, seed=1)
    assert (again.low, again.high, again.below) == (result.low, result.high, result.below)
    assert result.method == METHOD_HAYES_KRIPPENDORFF
    # Binary data fill all 4 cells: KALPHA draws min(25 · 4, (2 − 1) · 400/2) = 100 pairs whatever n.. beyond
    # that; uncapped, M is the 200 pairs of the data.
    binary = two_by_two(a=20, b=5, c=10, d=165)
    assert hayes_krippendorff_bootstrap(binary, n_resamples=10, kalpha_cap=True).n_pairs == 100
    assert hayes_krippendorff_bootstrap(binary, n_resamples=10).n_pairs == 200


def test_every_interval_names_its_method_and_alpha_gives_q(build: Builder) -> None:
    for i in (0, 2, 4, 6):
        build.code("A", "doc1", CHILD_1, *sentence(i))
        build.code("A", "doc2", CHILD_1, *sentence(i))
    for i in (0, 2, 5, 6):
        build.code("B", "doc1", CHILD_1, *sentence(i))
        build.code("B", "doc2", CHILD_1, *sentence(i + 1))
    common = {"coders": ("A", "B"), "unit": "sentence", "codes": (CHILD_1,), "documents": ("doc1", "doc2"),
              "measures": ("percent", "alpha", "kappa"), "n_resamples": 400, "seed": 2}
    result = build.run(**common)
    alpha = figure(result, "alpha", code=CHILD_1)
    assert "Hayes & Krippendorff" in alpha.note and alpha.ci_low <= alpha.value <= alpha.ci_high
    q667, q800 = figure(result, "alpha_q667", code=CHILD_1), figure(result, "alpha_q800", code=CHILD_1)
    assert 0 <= q667.value <= q800.value <= 1
    assert "resampling units" in figure(result, "percent", code=CHILD_1).note
    methods = result.parameters_json()["interval_methods"]
    assert methods["alpha"] == METHOD_HAYES_KRIPPENDORFF and "units" in methods["kappa"]
    clustered = build.run(**common, interval_method="documents")
    for measure in ("percent", "alpha", "kappa"):
        f = figure(clustered, measure, code=CHILD_1)
        assert "document-cluster" in f.note and f.ci_low is not None, measure
    assert clustered.parameters_json()["interval_methods"]["alpha"] == METHOD_DOCUMENTS
    with pytest.raises(ValidationError, match="bootstrap"):
        build.run(**{**common, "interval_method": "sentences"})


def test_cli_gives_boundary_and_document_bootstrap_as_json(project: Project, build: Builder) -> None:
    import json

    from click.testing import CliRunner

    from coding.cli import cli

    start, end = sentence(2)
    build.code("A", "doc1", CHILD_1, start, end + 4)
    build.code("B", "doc1", CHILD_1, start, end)
    build.code("A", "doc2", CHILD_1, *sentence(1))
    build.code("B", "doc2", CHILD_1, *sentence(4))
    path = project.path
    result = CliRunner().invoke(cli, ["agreement", str(path), "--coders", "A,B", "--code", CHILD_1,
                                      "--boundary", "5", "--bootstrap", "200", "--bootstrap-by", "documents",
                                      "--no-store", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["parameters"]["boundary"] == 5 and data["parameters"]["interval_method"] == "documents"
    figures = [f for f in data["figures"] if f["document_uuid"] is None and f["code_uuid"] is not None]
    assert any(f["measure"] == "boundary_only" and f["value"] == 1.0 for f in figures)
    assert any(f["units"] == "boundary" for f in figures)
    assert all("document-cluster" in f["note"] for f in figures if f["ci_low"] is not None)
    assert any(f["measure"] == "psa" for f in figures) and any(f["measure"] == "prevalence" for f in figures)
    text = CliRunner().invoke(cli, ["agreement", str(path), "--coders", "A,B", "--code", CHILD_1, "--boundary", "5",
                                    "--no-store"], catch_exceptions=False).output
    assert "psa" in text and "boundary_only" in text and "Coded share" in text
