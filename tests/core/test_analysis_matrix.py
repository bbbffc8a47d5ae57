"""Framework matrix (counts, roll-up, quotes, summaries), crosstab statistics, and charts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from scipy import stats
from sqlalchemy import func, select

from coding.analysis import charts
from coding.codebook import CodeTree
from coding.analysis.cooccurrence import cooccurrence
from coding.analysis.crosstab import (
    MONTE_CARLO_RESAMPLES,
    chi2_validity,
    contingency_tests,
    crosstab,
)
from coding.analysis.filters import SegmentFilter
from coding.analysis.frequencies import code_frequencies
from coding.analysis.matrix import cell_segments, cell_summaries, framework_matrix, set_cell_summary
from coding.errors import NotFoundError, ValidationError
from models import AuditEvent, Case, MatrixCellSummary
from tests.core.test_analysis_world import World, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)

# -- framework matrix -----------------------------------------------------------------------------


def _cell(matrix, code: str, column: str) -> tuple[int, int, int]:
    i = [r.name for r in matrix.rows].index(code)
    j = [c.label for c in matrix.columns].index(column)
    return int(matrix.codings[i, j]), int(matrix.documents[i, j]), int(matrix.cases[i, j])


def test_matrix_level3_by_alliance_mode(world: World) -> None:
    with world.session() as session:
        matrix = framework_matrix(session, rows="level3", columns="attribute:alliance_mode")
    assert [c.label for c in matrix.columns] == ["Luohu", "Tianchang"]  # D5 (no case) is in no column
    assert [c.key for c in matrix.columns] == ["attribute:alliance_mode=Luohu", "attribute:alliance_mode=Tianchang"]
    assert len(matrix.rows) == 8 and matrix.rows[0].parent == "Decision rights"
    assert _cell(matrix, "Owner functions", "Luohu") == (4, 2, 2)
    assert _cell(matrix, "Financial management rights", "Tianchang") == (2, 2, 2)
    assert _cell(matrix, "Social functions", "Luohu") == (0, 0, 0)
    assert matrix.column_documents[0] == tuple(sorted((world.documents["D1"], world.documents["D2"])))


def test_matrix_by_cases_and_rolled_up_level2(world: World) -> None:
    with world.session() as session:
        by_case = framework_matrix(session, rows="level2", columns="cases")
        exact = framework_matrix(session, rows="level2", columns="cases", rollup=False)
        consensus = framework_matrix(session, rows="level2", columns="cases", flt=SegmentFilter(consensus=True))
        p2 = session.scalar(select(Case.uuid).where(Case.name == "P2"))
    assert [c.label for c in by_case.columns] == ["P1", "P2", "P3", "P4"]
    assert by_case.columns[1].key == f"case:{p2}"
    assert _cell(by_case, "Decision rights", "P2") == (4, 1, 1)  # OF ×3 + OC, rolled up
    assert _cell(by_case, "Market competition", "P1") == (4, 1, 1)  # IDM ×3 + PM
    assert exact.codings.sum() == 0  # nobody codes the level-2 codes themselves
    assert _cell(consensus, "Decision rights", "P2") == (1, 1, 1)


def test_matrix_agrees_with_code_frequencies(world: World) -> None:
    with world.session() as session:
        tree = CodeTree.load(session)
        matrix = framework_matrix(session, rows="all", columns="attribute:role", tree=tree)
        table = code_frequencies(session, by="attribute:role", words=False, tree=tree)
    assert table.codings[:, :2].tolist() == matrix.codings.tolist()  # frequencies add a "(no value)" column


def test_cell_quotes_follow_the_cell(world: World) -> None:
    with world.session() as session:
        matrix = framework_matrix(session, rows="level2", columns="attribute:alliance_mode")
        row = [r.name for r in matrix.rows].index("Decision rights")
        quotes = cell_segments(session, matrix, row, 0)
        lin = cell_segments(session, matrix, row, 0, base=SegmentFilter(coder_ids=(world.coders["Lin"],)))
    assert len(quotes) == int(matrix.codings[row, 0]) == 5
    assert {q.case for q in quotes} == {"P1", "P2"}
    assert {q.code_name for q in quotes} == {"Owner functions", "Organizational changes"}
    assert len(lin) == 3


def test_cell_summaries_are_stored_audited_and_undoable(world: World) -> None:
    key = "attribute:alliance_mode=Luohu"
    with world.session() as session:
        tree = CodeTree.load(session)
        uuid = tree.codes[world.codes["OF"]].uuid
        assert set_cell_summary(session, uuid, key, "The board exercises the decision-making power", actor="me") == ""
        assert set_cell_summary(session, uuid, key, "Board decides", actor="me") == \
            "The board exercises the decision-making power"
    with world.session() as session:
        matrix = framework_matrix(session, rows="level3", columns="attribute:alliance_mode")
        assert matrix.summary(1, 0) == "Board decides" and matrix.summary(1, 1) == ""
        assert cell_summaries(session) == {(uuid, key): "Board decides"}
        audited = session.scalars(select(AuditEvent.after).where(AuditEvent.action == "set_cell_summary")).all()
        assert [a["text"] for a in audited] == ["The board exercises the decision-making power", "Board decides"]
        assert set_cell_summary(session, uuid, key, "", actor="me") == "Board decides"  # undo to empty
        assert session.scalar(select(func.count(MatrixCellSummary.id))) == 0


@pytest.mark.parametrize(
    ("code_uuid", "column_key", "error"),
    [
        ("no-such-code", "attribute:alliance_mode=Luohu", NotFoundError),
        (None, "case:no-such-case", NotFoundError),
        (None, "attribute:rank=1", NotFoundError),
        (None, "mode=Luohu", ValidationError),
    ],
)
def test_bad_cell_summaries_change_nothing(world: World, code_uuid: str | None, column_key: str,
                                           error: type[Exception]) -> None:
    with world.session() as session:
        uuid = code_uuid or CodeTree.load(session).codes[world.codes["OF"]].uuid
        with pytest.raises(error):
            set_cell_summary(session, uuid, column_key, "text", actor="me")
        assert session.scalar(select(func.count(MatrixCellSummary.id))) == 0


def test_matrix_refuses_bad_columns(world: World) -> None:
    with world.session() as session:
        with pytest.raises(ValidationError):
            framework_matrix(session, columns="modes")
        with pytest.raises(NotFoundError):
            framework_matrix(session, columns="attribute:rank")


# -- crosstab -------------------------------------------------------------------------------------


def test_crosstab_counts_participants(world: World) -> None:
    with world.session() as session:
        table = crosstab(session, code_id=world.codes["OF"], attribute="role")
        personnel = crosstab(session, code_id=world.codes["PM"], attribute="role")
    assert table.columns == ["Doctor", "Official"]
    assert table.counts.tolist() == [[1, 1], [1, 1]]  # P1 and P2 have the code; P3 and P4 not; D5 has no case
    assert personnel.counts.tolist() == [[2, 0], [0, 2]]
    assert personnel.column_percent().tolist() == [[100.0, 0.0], [0.0, 100.0]]
    assert personnel.row_percent().tolist() == [[100.0, 0.0], [0.0, 100.0]]
    assert personnel.fisher is not None and personnel.fisher.p_value == pytest.approx(
        stats.fisher_exact([[2, 0], [0, 2]]).pvalue)
    assert not personnel.chi2_valid and any("not valid" in w for w in personnel.warnings)


def test_crosstab_with_roll_up_and_coder_filter(world: World) -> None:
    with world.session() as session:
        wang = crosstab(session, code_id=world.codes["MC"], attribute="alliance_mode",
                        flt=SegmentFilter(coder_ids=(world.coders["Wang"],)))
    assert wang.columns == ["Luohu", "Tianchang"] and wang.counts.tolist() == [[1, 0], [1, 2]]


@pytest.mark.parametrize(
    "table",
    [[[12, 5], [3, 10]], [[30, 20], [25, 45]], [[8, 2], [1, 5]], [[20, 15, 30], [25, 30, 10]]],
)
def test_tests_equal_scipy(table: list[list[int]]) -> None:
    result = contingency_tests(np.array(table))
    expected = stats.chi2_contingency(table)  # scipy's default: Yates' correction when df == 1
    assert result.chi2 is not None
    assert result.chi2.statistic == pytest.approx(expected.statistic)
    assert result.chi2.p_value == pytest.approx(expected.pvalue)
    assert result.chi2.df == expected.dof
    assert result.yates == (expected.dof == 1)
    if np.array(table).shape == (2, 2):
        fisher = stats.fisher_exact(table)
        assert result.fisher is not None
        assert (result.fisher.statistic, result.fisher.p_value) == pytest.approx((fisher.statistic, fisher.pvalue))
    else:
        assert result.valid and result.fisher is None  # large counts: χ² is valid, no exact test needed


def test_known_values() -> None:
    tea = contingency_tests(np.array([[3, 1], [1, 3]]))  # Fisher's lady tasting tea
    assert tea.fisher is not None and tea.fisher.p_value == pytest.approx(0.4857142857)
    assert tea.chi2 is not None and tea.chi2.statistic == pytest.approx(0.5)  # Yates-corrected
    assert not tea.valid


def _exact_rxc_p(table: np.ndarray) -> float:
    """Fisher's r×c p-value by enumerating every 2×c table with the same margins."""
    from itertools import product
    from math import comb

    rows, columns = table.sum(axis=1), table.sum(axis=0)
    n = int(table.sum())

    def probability(first_row: tuple[int, ...]) -> float:
        ways = 1
        for top, total in zip(first_row, columns):
            ways *= comb(int(total), top)
        return ways / comb(n, int(rows[0]))

    observed = probability(tuple(int(v) for v in table[0]))
    candidates = (r for r in product(*(range(int(c) + 1) for c in columns)) if sum(r) == rows[0])
    return sum(p for p in map(probability, candidates) if p <= observed * (1 + 1e-7))


def test_small_rxc_tables_get_a_reproducible_monte_carlo_fisher() -> None:
    table = np.array([[5, 2, 1, 3], [2, 6, 4, 1]])
    first, second = contingency_tests(table), contingency_tests(table)
    assert not first.valid and first.fisher is not None and second.fisher is not None
    assert first.fisher.p_value == second.fisher.p_value
    assert first.fisher.p_value == pytest.approx(_exact_rxc_p(table), abs=4 / MONTE_CARLO_RESAMPLES ** 0.5)
    assert "Monte Carlo" in first.fisher.method


def test_monte_carlo_fisher_on_tables_of_single_participants() -> None:
    """One participant per attribute value (as with a free-text role): scipy returns arrays there."""
    result = contingency_tests(np.array([[1, 1, 1, 0, 1, 0, 1, 1], [0, 0, 0, 1, 0, 1, 0, 0]]))
    assert result.fisher is not None and isinstance(result.fisher.p_value, float)
    assert result.fisher.p_value == pytest.approx(_exact_rxc_p(np.array([[1, 1, 1, 0, 1, 0, 1, 1],
                                                                          [0, 0, 0, 1, 0, 1, 0, 0]])), abs=0.02)


@pytest.mark.parametrize(
    ("expected", "valid"),
    [([[6, 7], [8, 9]], True), ([[4.9, 7], [8, 9]], False), ([[4, 4], [8, 9]], False), ([[0.9, 20], [30, 9]], False),
     ([[5, 5, 5, 5, 4], [5, 5, 5, 5, 5]], True), ([[5, 5, 5, 4, 4], [5, 5, 5, 5, 4]], False)],
)
def test_cochran_rule(expected: list[list[float]], valid: bool) -> None:
    assert chi2_validity(np.array(expected))[0] is valid


@pytest.mark.parametrize("table", [[[3, 0], [4, 0]], [[0, 0], [2, 5]], [[1, -1], [2, 2]]])
def test_degenerate_tables_give_a_warning_not_a_test(table: list[list[int]]) -> None:
    if np.min(table) < 0:
        with pytest.raises(ValidationError):
            contingency_tests(np.array(table))
        return
    result = contingency_tests(np.array(table))
    assert result.chi2 is None and result.fisher is None and result.warnings


# -- charts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_charts_are_figures_saved_as_png_and_svg(world: World, tmp_path: Path, suffix: str) -> None:
    with world.session() as session:
        tree = CodeTree.load(session)
        figures = {
            "frequencies": charts.code_frequency_chart(code_frequencies(session, by="attribute:role", tree=tree)),
            "share": charts.code_frequency_chart(code_frequencies(session, tree=tree), measure="share"),
            "cooccurrence": charts.cooccurrence_heatmap(cooccurrence(session, codes=tree.at_level(3), tree=tree)),
            "crosstab": charts.crosstab_heatmap(crosstab(session, code_id=world.codes["PM"], attribute="role")),
            "matrix": charts.matrix_heatmap(framework_matrix(session, columns="attribute:alliance_mode")),
        }
    for name, figure in figures.items():
        assert isinstance(figure, Figure)
        path = charts.save_figure(figure, tmp_path / f"{name}{suffix}")
        head = path.read_bytes()[:200]
        assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head or b"<?xml" in head


def test_chart_labels_and_bad_targets(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        table = code_frequencies(session, by="all", codes=CodeTree.load(session).at_level(2), words=False)
    figure = charts.code_frequency_chart(table)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["Decision rights", "Market competition", "Residual claims", "Accountability", "Social functions"]
    assert [bar.get_width() for bar in figure.axes[0].patches] == [6, 5, 3, 2, 0]
    with pytest.raises(ValidationError):
        charts.save_figure(figure, tmp_path / "chart.jpg")
    with pytest.raises(ValidationError):
        charts.save_figure(figure, tmp_path / "missing" / "chart.png")
    with pytest.raises(ValidationError):
        charts.code_frequency_chart(table, measure="share")  # no word shares in this table
