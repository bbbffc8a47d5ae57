"""Spreadsheet and CSV exports: opened with openpyxl / csv and checked against the project."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from scipy import stats

from coding.analysis.cooccurrence import cooccurrence
from coding.analysis.crosstab import crosstab
from coding.analysis.filters import SegmentFilter, resolve_filter
from coding.analysis.frequencies import code_frequencies
from coding.analysis.retrieval import retrieve_segments
from coding.analysis.words import word_frequencies
from coding.errors import CancelledError, ValidationError
from coding.export.segments import BASE_COLUMNS, export_segments
from coding.export.tables import (
    code_frequency_sheets,
    cooccurrence_sheets,
    crosstab_sheets,
    export_table,
    word_frequency_sheets,
)
from tests.core.test_analysis_world import World, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def _rows(path: Path, sheet: str | None = None) -> list[list[object]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [list(row) for row in csv.reader(handle)]
    workbook = openpyxl.load_workbook(path)
    return [[cell.value for cell in row] for row in workbook[sheet or workbook.sheetnames[0]].iter_rows()]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_segments_export_matches_retrieval(world: World, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"segments{suffix}"
    with world.session() as session:
        flt = resolve_filter(session, codes=["Decision rights"], descendants=True)
        result = export_segments(session, target, flt=flt)
        expected = retrieve_segments(session, flt)
    rows = _rows(target)
    assert rows[0] == [*BASE_COLUMNS, "role", "alliance_mode"]
    assert result.items == len(rows) - 1 == len(expected) == 6
    by_uuid = {row[BASE_COLUMNS.index("coding uuid")]: row for row in rows[1:]}
    for segment in expected:
        row = by_uuid[segment.uuid]
        assert row[BASE_COLUMNS.index("text")] == segment.text
        assert row[BASE_COLUMNS.index("context")] == segment.context
        assert row[BASE_COLUMNS.index("speaker")] == segment.speaker
        assert str(row[BASE_COLUMNS.index("start")]) == str(segment.start)
    d5 = next(row for row in rows[1:] if row[BASE_COLUMNS.index("document")] == "D5")
    assert d5[-2:] in (["", ""], [None, None])  # no case, no attributes
    d2 = next(row for row in rows[1:] if row[BASE_COLUMNS.index("document")] == "D2")
    assert d2[-2:] == ["Official", "Luohu"]


def test_segments_export_keeps_chinese_and_cancels_cleanly(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        export_segments(session, tmp_path / "zh.csv", flt=SegmentFilter(document_ids=(world.documents["Z1"],)))
        assert (tmp_path / "zh.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
        texts = [row[BASE_COLUMNS.index("text")] for row in _rows(tmp_path / "zh.csv")[1:]]
        assert sorted(texts) == sorted(["在政府手里，我们只能执行。", "医院的预算由县里定。"])
        with pytest.raises(CancelledError):
            export_segments(session, tmp_path / "cancelled.xlsx", cancel=lambda: True)
        with pytest.raises(ValidationError):
            export_segments(session, tmp_path / "segments.json")
    assert not (tmp_path / "cancelled.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_crosstab_workbook_holds_counts_percentages_and_tests(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        table = crosstab(session, code_id=world.codes["PM"], attribute="role")
    result = export_table(tmp_path / "crosstab.xlsx", "crosstab", crosstab_sheets(table))
    rows = _rows(result.path)
    assert rows[1][:4] == ["Counts (participants)", "Doctor", "Official", "Total"]
    assert rows[2][:4] == ["Code present", 2, 0, 2] and rows[3][:4] == ["Code absent", 0, 2, 2]
    assert rows[4][:4] == ["Total", 2, 2, 4]
    chi2 = next(row for row in rows if row[0] == "χ²")
    fisher = next(row for row in rows if row[0] == "Fisher's exact")
    expected = stats.chi2_contingency([[2, 0], [0, 2]])
    assert chi2[1] == pytest.approx(expected.statistic) and chi2[2] == 1 and chi2[3] == pytest.approx(expected.pvalue)
    assert "NOT VALID" in chi2[4]
    assert fisher[3] == pytest.approx(stats.fisher_exact([[2, 0], [0, 2]]).pvalue)
    assert any(row[0] == "Warning" for row in rows)


def test_frequency_and_cooccurrence_tables(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        words = word_frequencies(session, by="case", top=5)
        codes = code_frequencies(session, by="attribute:role", codes=[world.codes["OF"], world.codes["FM"]])
        pairs = cooccurrence(session, codes=[world.codes["IDM"], world.codes["OF"]])
    export_table(tmp_path / "words.csv", "words", word_frequency_sheets(words))
    export_table(tmp_path / "codes.xlsx", "codes", code_frequency_sheets(codes))
    export_table(tmp_path / "pairs.xlsx", "pairs", cooccurrence_sheets(pairs))
    word_rows = _rows(tmp_path / "words.csv")
    assert word_rows[0] == ["word", "total", "(no case)", "P1", "P2", "P3", "P4"] and len(word_rows) == 6
    code_rows = _rows(tmp_path / "codes.xlsx", "Code frequencies")
    assert code_rows[0][:6] == ["code", "level", "column", "codings", "documents", "cases"]
    fm_doctor = next(r for r in code_rows if r[0].endswith("Financial management rights") and r[2] == "Doctor")
    assert fm_doctor[3:6] == [2, 2, 2]
    wide = _rows(tmp_path / "codes.xlsx", "Codings (wide)")
    assert wide[0] == ["code", "Doctor", "Official", "(no value)"]
    pair_rows = _rows(tmp_path / "pairs.xlsx", "Pairs")
    assert pair_rows[1][2] == 1
    assert {pair_rows[1][0].split("/")[-1], pair_rows[1][1].split("/")[-1]} == {
        "Owner functions", "Investment decision-making rights"}
    matrix_rows = _rows(tmp_path / "pairs.xlsx")
    assert [r[1:] for r in matrix_rows[1:]] == pairs.counts.tolist()


def test_control_characters_do_not_break_a_workbook(tmp_path: Path) -> None:
    from coding.export.tables import Sheet, write_xlsx

    write_xlsx(tmp_path / "odd.xlsx", [Sheet("a/b:c", ["text"], [["bell\x07 and tab\t"]])])
    workbook = openpyxl.load_workbook(tmp_path / "odd.xlsx")
    assert workbook.sheetnames == ["a_b_c"] and workbook["a_b_c"]["A2"].value == "bell and tab\t"
