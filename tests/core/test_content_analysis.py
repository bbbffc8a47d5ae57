"""Content analysis: category tables with χ² and adjusted residuals, correspondence analysis (pinned to Greenacre's
published smoking example), the phrase finder, keyword co-occurrence and the exports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from coding.analysis.content import Occurrences, category_table, check_by, code_occurrences, code_table, independence
from coding.analysis.correspondence import biplot, correspondence, save_biplot, table_correspondence
from coding.analysis.filters import SegmentFilter
from coding.analysis.keywords import category_cooccurrence, word_cooccurrence
from coding.analysis.phrases import find_phrases, parse_lengths
from coding.errors import NotFoundError, ValidationError
from coding.export.content import export_category_table, export_phrases
from models import Document
from tests.core.test_analysis_world import World, world_copy

# Greenacre's smoking data (staff groups × smoking), the worked example of Correspondence Analysis in Practice
# (2nd ed., 2007) and of the R package ca (Nenadić & Greenacre 2007, J. Stat. Softw. 20(3)).
SMOKING = [[4, 2, 3, 2], [4, 3, 7, 4], [25, 10, 12, 4], [18, 24, 33, 13], [10, 6, 7, 2]]
STAFF = ["SM", "JM", "SE", "JE", "SC"]
SMOKING_LEVELS = ["none", "light", "medium", "heavy"]


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


# -- correspondence analysis ------------------------------------------------------------------------------


def test_correspondence_reproduces_greenacres_smoking_example() -> None:
    result = correspondence(SMOKING, STAFF, SMOKING_LEVELS)
    # Published principal inertias 0.07476, 0.01002, 0.00041 (87.8%, 11.8%, 0.5%); χ² = 16.44 with n = 193.
    assert np.round(result.inertias, 5).tolist() == [0.07476, 0.01002, 0.00041]
    assert np.round(result.percent(), 1).tolist() == [87.8, 11.8, 0.5]
    assert result.n == 193 and round(result.chi2, 2) == 16.44
    # Published principal coordinates (the ca package's summary), up to the sign of each dimension.
    rows = np.abs(np.round(result.row_coordinates[:, :2], 3))
    assert rows.tolist() == [[0.066, 0.194], [0.259, 0.243], [0.381, 0.011], [0.233, 0.058], [0.201, 0.079]]
    columns = np.abs(np.round(result.column_coordinates[:, :2], 3))
    assert columns.tolist() == [[0.393, 0.030], [0.099, 0.141], [0.196, 0.007], [0.294, 0.198]]


def test_correspondence_geometry_holds() -> None:
    """Total inertia is χ²/n, the masses weight the coordinates to zero, and each dimension's weighted
    sum of squares is its principal inertia."""
    from scipy.stats import chi2_contingency

    result = correspondence(SMOKING, STAFF, SMOKING_LEVELS)
    chi2 = chi2_contingency(np.array(SMOKING), correction=False).statistic
    assert result.total_inertia == pytest.approx(chi2 / 193)
    assert result.row_masses @ result.row_coordinates == pytest.approx(np.zeros(3), abs=1e-12)
    assert result.row_masses @ result.row_coordinates ** 2 == pytest.approx(result.inertias)
    assert result.column_masses @ result.column_coordinates ** 2 == pytest.approx(result.inertias)
    # The orientation is fixed: each dimension's largest row coordinate is positive.
    largest = result.row_coordinates[np.abs(result.row_coordinates).argmax(axis=0), np.arange(3)]
    assert (largest > 0).all()


def test_correspondence_leaves_out_empty_rows_and_refuses_bad_tables() -> None:
    with_empty = [*SMOKING, [0, 0, 0, 0]]
    result = correspondence(with_empty, [*STAFF, "nobody"], SMOKING_LEVELS)
    assert result.left_out == ["nobody"] and result.rows == STAFF
    assert np.round(result.inertias, 5).tolist() == [0.07476, 0.01002, 0.00041]
    for table, rows, columns in (([[1, -2], [3, 4]], ["a", "b"], ["x", "y"]), ([[1, 2]], ["a"], ["x", "y"]),
                                 ([[1, 0], [2, 0]], ["a", "b"], ["x", "y"]), ([[1, 2], [3, 4]], ["a"], ["x", "y"])):
        with pytest.raises(ValidationError):
            correspondence(table, rows, columns)


def test_biplot_is_saved_as_png_and_svg(tmp_path: Path) -> None:
    result = correspondence(SMOKING, STAFF, SMOKING_LEVELS, title="Staff × smoking")
    png = save_biplot(result, tmp_path / "map.png")
    svg = save_biplot(result, tmp_path / "map.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "87.8%" in text
    figure = biplot(result)
    labels = {t.get_text() for t in figure.axes[0].texts}
    assert labels == set(STAFF) | set(SMOKING_LEVELS)
    with pytest.raises(ValidationError):
        save_biplot(result, tmp_path / "map.jpg")


# -- χ² and adjusted residuals -----------------------------------------------------------------------------


def test_independence_matches_a_table_worked_by_hand() -> None:
    # Row totals 30, 70; column totals 40, 60; n = 100: E = [[12, 18], [28, 42]].
    # χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793651; adjusted residual of cell (1,1) = -2 / √(12 · 0.7 · 0.6).
    test = independence(np.array([[10, 20], [30, 40]]))
    assert test.expected.tolist() == [[12, 18], [28, 42]]
    assert test.chi2 is not None and test.chi2.statistic == pytest.approx(0.793651, abs=1e-6)
    assert test.chi2.df == 1
    assert test.residuals[0, 0] == pytest.approx(-2 / np.sqrt(12 * 0.7 * 0.6))
    assert np.abs(test.residuals) == pytest.approx(np.full((2, 2), 0.890871), abs=1e-6)
    assert test.residuals[0, 0] ** 2 == pytest.approx(test.chi2.statistic)  # a 2×2 table: r² = χ²
    assert test.valid


def test_independence_leaves_out_empty_categories_and_says_when_there_is_no_test() -> None:
    test = independence(np.array([[10, 20], [0, 0], [30, 40]]))
    assert test.chi2 is not None and test.chi2.statistic == pytest.approx(0.793651, abs=1e-6)
    assert np.isnan(test.residuals[1]).all() and any("left out" in w for w in test.warnings)
    assert independence(np.array([[3, 4], [0, 0]])).chi2 is None
    small = independence(np.array([[1, 2], [3, 1]]))
    assert small.chi2 is not None and not small.valid


# -- the category table -----------------------------------------------------------------------------------


def test_category_table_from_generic_occurrences(world: World) -> None:
    d1, d2, d3, z1 = (world.documents[n] for n in ("D1", "D2", "D3", "Z1"))
    # Luohu (D1, D2): A 10, B 30; Tianchang (D3, Z1): A 20, B 40 — the hand-worked table above.
    items = [(d1, "A")] * 10 + [(d1, "B")] * 25 + [(d2, "B")] * 5 + [(d3, "A")] * 20 + [(z1, "B")] * 40
    items += [(world.documents["D5"], "A")] * 7  # D5 belongs to no case: no alliance mode
    occurrences = Occurrences.from_items(items, categories=["A", "B", "C"], source="test")
    with world.session() as session:
        words = dict(session.execute(select(Document.name, Document.word_count)).all())
        table = category_table(session, occurrences, by="attribute:alliance_mode")
    assert table.columns == ["Luohu", "Tianchang"] and table.categories == ["A", "B", "C"]
    assert table.counts.tolist() == [[10, 20], [30, 40], [0, 0]]
    assert table.words.tolist() == [words["D1"] + words["D2"], words["D3"] + words["Z1"]]
    assert table.percent_of_words()[0].tolist() == pytest.approx(
        [100 * 10 / (words["D1"] + words["D2"]), 100 * 20 / (words["D3"] + words["Z1"])])
    assert table.cases.tolist() == [2, 2]
    assert table.cases_with.tolist() == [[1, 1], [2, 1], [0, 0]]
    assert table.percent_of_cases().tolist() == [[50, 50], [100, 50], [0, 0]]
    assert table.test.chi2 is not None and table.test.chi2.statistic == pytest.approx(0.793651, abs=1e-6)
    assert table.left_out_documents == 1 and any("no value for alliance_mode" in w for w in table.warnings)
    record = table.records()[0]
    assert record["category"] == "A" and record["column"] == "Luohu" and record["adjusted_residual"] == -0.8909


def test_category_table_of_codes_by_mode_and_by_case(world: World) -> None:
    with world.session() as session:
        lin = SegmentFilter(coder_ids=(world.coders["Lin"],))
        by_mode = code_table(session, by="attribute:alliance_mode", rows="leaves", flt=lin)
        by_case = code_table(session, by="case", rows="leaves", flt=lin)
        level2 = code_table(session, by="attribute:role", rows="level2", flt=lin)
    counts = {c.split("/")[-1]: row for c, row in zip(by_mode.categories, by_mode.counts.tolist())}
    # Lin: D1 IDM, OF, FM, GR; D2 OF, OC (Luohu); D3 PM; Z1 GR, FM (Tianchang); D5 OF has no case.
    assert counts["Investment decision-making rights"] == [1, 0]
    assert counts["Owner functions"] == [2, 0]
    assert counts["Financial management rights"] == [1, 1]
    assert counts["Government regulations"] == [1, 1]
    assert counts["Personnel management rights"] == [0, 1]
    assert by_mode.total == 9 and by_mode.basis is not None and by_mode.basis.coders == ("Lin",)
    assert by_case.columns == ["P1", "P2", "P3", "P4"] and by_case.total == 9
    assert by_case.cases.tolist() == [1, 1, 1, 1]
    assert by_case.counts.sum(axis=0).tolist() == [4, 2, 1, 2]
    # Rolled up to level 2, every Lin coding of a document with a role counts for its dimension.
    assert level2.total == 9 and level2.columns == ["Doctor", "Official"]
    assert [c.split("/")[-1] for c in level2.categories][:2] == ["Decision rights", "Market competition"]


def test_category_table_refuses_bad_grouping_and_categories(world: World) -> None:
    for bad in ("group", "attribute:", "all"):
        with pytest.raises(ValidationError):
            check_by(bad)
    with pytest.raises(ValidationError):
        Occurrences.from_items([(1, "Z")], categories=["A"])
    with world.session() as session:
        with pytest.raises(NotFoundError):
            category_table(session, Occurrences.from_items([]), by="attribute:colour")


def test_code_occurrences_carry_positions(world: World) -> None:
    with world.session() as session:
        found = code_occurrences(session, rows="leaves", flt=SegmentFilter(coder_ids=(world.coders["Wang"],)))
    assert found.size == 4 and (found.start >= 0).all() and (found.end > found.start).all()


# -- phrases -------------------------------------------------------------------------------------------------


PHRASE_TEXT = ("Interviewer: Tell me about the county hospital.\n"
               "Dr Zhou: The county hospital budget is small. The county hospital budget grows. "
               "The county hospital budget is set by the bureau. Quality of care matters. Quality of care again. "
               "Quality of care, always.\n")
CHINESE_TEXT = "访谈者：县医院怎么样？\n受访者：县医院的医生很忙。县医院的医生走了。县医院的医生来了。\n"


def _add(session: object, name: str, text: str, language: str) -> int:
    from coding.importing import add_document_text

    document = add_document_text(session, name=name, text=text, source_name=f"{name}.txt", format="txt",  # type: ignore[arg-type]
                                 language=language)
    return int(document.id)


def test_phrase_finder_counts_phrases_without_stop_word_edges(world: World) -> None:
    with world.session() as session:
        _add(session, "Phrases", PHRASE_TEXT, "en")
        _add(session, "词组", CHINESE_TEXT, "zh")
        found = find_phrases(session, lengths=(2, 4), min_count=3)
        nested = find_phrases(session, lengths=(2, 4), min_count=3, nested=True)
        two_documents = find_phrases(session, lengths=(2, 4), min_count=3, min_documents=2)
    counts = {p.text: (p.count, p.documents) for p in found.phrases}
    assert counts["county hospital budget"] == (3, 1)
    assert counts["county hospital"] == (4, 1)  # once more, in the question: the longer phrase does not hide it
    assert counts["quality of care"] == (3, 1)  # a stop word inside is fine
    assert counts["县医院的医生"] == (3, 1)  # jieba words joined without spaces
    for text in counts:
        words = text.split()
        assert words[0] not in ("the", "of", "is") and words[-1] not in ("the", "of", "is")
    assert "县医院的" not in counts  # ends with the stop word 的
    assert "hospital budget" not in counts  # only ever inside "county hospital budget"
    assert {p.text: p.count for p in nested.phrases}["hospital budget"] == 3
    assert "Tell me" not in counts and "zhou" not in " ".join(counts)  # speaker labels are not words said
    assert two_documents.phrases == []  # each phrase is in one document only


def test_phrase_lengths_are_checked() -> None:
    assert parse_lengths("2-4") == (2, 4) and parse_lengths("3") == (3, 3)
    for bad in ("1-3", "2-6", "4-2", "two"):
        with pytest.raises(ValidationError):
            parse_lengths(bad)


# -- keyword co-occurrence -----------------------------------------------------------------------------------


def test_word_cooccurrence_by_sentence_window_and_document(world: World) -> None:
    with world.session() as session:
        by = {unit: word_cooccurrence(session, keywords=["county", "budget", "Board"], unit=unit, window=4)
              for unit in ("sentence", "window", "document")}
        narrow = word_cooccurrence(session, keywords=["county", "budget"], unit="window", window=3)
    # D1: "The county still controls the budget." — 4 words apart; D2's council approves "the budget" alone.
    assert by["sentence"].counts.tolist() == [[1, 1, 0], [1, 2, 0], [0, 0, 1]]
    assert by["window"].counts.tolist() == [[1, 1, 0], [1, 2, 0], [0, 0, 1]]
    assert narrow.counts.tolist() == [[1, 0], [0, 2]]
    assert by["document"].counts.tolist() == [[1, 1, 1], [1, 2, 1], [1, 1, 1]]
    assert by["document"].names == ["county", "budget", "board"]
    with pytest.raises(ValidationError):
        word_cooccurrence(session, keywords=["x"], unit="paragraph")


def test_category_cooccurrence_of_codes(world: World) -> None:
    with world.session() as session:
        occurrences = code_occurrences(session, rows="leaves", flt=SegmentFilter(coder_ids=(world.coders["Lin"],)))
        sentence = category_cooccurrence(session, occurrences, unit="sentence")
        document = category_cooccurrence(session, occurrences, unit="document")
        near = category_cooccurrence(session, occurrences, unit="window", window=2)
        wide = category_cooccurrence(session, occurrences, unit="window", window=10)
    index = {name: i for i, name in enumerate(sentence.names)}
    fm, gr, idm = index["Financial management rights"], index["Government regulations"], index[
        "Investment decision-making rights"]
    # Lin coded FM and GR on the same D1 sentence; in Z1 they sit in different sentences of one document.
    assert sentence.counts[fm, gr] == 1 and document.counts[fm, gr] == 2
    assert sentence.counts[fm, fm] == 2 and sentence.counts[idm, gr] == 0 and document.counts[idm, gr] == 1
    assert sentence.basis is not None and sentence.basis.coders == ("Lin",)
    # By words: in D1 both start on the same word; in Z1 FM starts six jieba words after GR.
    assert near.counts[fm, gr] == 1 and wide.counts[fm, gr] == 2 and wide.counts[fm, fm] == 2


# -- exports -------------------------------------------------------------------------------------------------


def test_category_table_exports_to_xlsx_and_csv(world: World, tmp_path: Path) -> None:
    with world.session() as session:
        table = code_table(session, by="attribute:alliance_mode", rows="level2",
                           flt=SegmentFilter(coder_ids=(world.coders["Lin"],)))
        _add(session, "Phrases", PHRASE_TEXT, "en")
        phrases = find_phrases(session, min_count=3)
    analysis_rows = table.counts[table.counts.sum(axis=1) > 0]
    assert analysis_rows.shape[0] >= 2
    result = export_category_table(table, tmp_path / "content.xlsx", analysis=table_correspondence(table))
    book = load_workbook(result.path)
    assert book.sheetnames == ["Categories (long)", "Counts", "Test", "CA inertia", "CA coordinates", "Notes"]
    long = list(book["Categories (long)"].values)
    assert long[0][:3] == ("category", "column", "count") and len(long) == 1 + len(table.records())
    csv_result = export_category_table(table, tmp_path / "content.csv")
    lines = csv_result.path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("category,column,count,% of words") and len(lines) == 1 + len(table.records())
    phrase_file = export_phrases(phrases, tmp_path / "phrases.csv").path.read_text(encoding="utf-8-sig")
    assert "county hospital budget,3,3,1,en" in phrase_file
    with pytest.raises(ValidationError):
        export_category_table(table, tmp_path / "content.docx")


# -- the dictionary source ------------------------------------------------------------------------------------

DICTIONARY = """MONEY:
    budget
    salar*
GOVERNMENT:
    government
    bureau
"""


def test_category_table_of_a_dictionarys_hits(world: World) -> None:
    dictionaries = pytest.importorskip("coding.autocode.dictionaries")
    from coding.analysis.content import dictionary_occurrences, dictionary_table

    with world.session() as session:
        dictionaries.import_dictionary_edit(DICTIONARY, "Money", language="en").do(session, "tester")
        table = dictionary_table(session, "Money", by="case")
        occurrences = dictionary_occurrences(session, "Money")
        with pytest.raises(NotFoundError):
            dictionary_table(session, "No such dictionary", by="case")
    assert table.categories == ["MONEY", "GOVERNMENT"] and table.source == "dictionary Money"
    # D1 budget; D2 budget and government; D3 salaries; P4's transcript is Chinese, outside an English dictionary.
    assert table.columns == ["P1", "P2", "P3"]
    assert table.counts.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert occurrences.documents is not None and world.documents["Z1"] not in occurrences.documents
