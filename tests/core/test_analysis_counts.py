"""Word frequencies, code frequencies (with share of words coded) and code co-occurrence."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from coding.codebook import CodeTree, parse_rows_spec
from coding.analysis.cooccurrence import _overlap_counts, cooccurrence
from coding.analysis.filters import SegmentFilter
from coding.analysis.frequencies import code_frequencies
from coding.analysis.words import word_frequencies, words_inside
from coding.errors import ValidationError
from models import Coding, Sentence, SpeakerTurn
from tests.core.test_analysis_world import World, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)

# -- word frequencies -----------------------------------------------------------------------------


def test_word_frequencies_drop_stop_words_and_speaker_labels(world: World) -> None:
    with world.session() as session:
        table = word_frequencies(session, top=None)
    counts = dict(zip(table.words, table.totals.tolist()))
    assert counts["decides"] == 3 and counts["budget"] == 2 and counts["appoints"] == 2
    for absent in ("the", "interviewer", "wang", "we", "访谈者", "我们"):
        assert absent not in counts
    assert counts["政府"] == 1
    assert table.words == sorted(table.words, key=lambda w: (-counts[w], w))


def test_word_frequencies_per_case_and_group(world: World) -> None:
    with world.session() as session:
        by_case = word_frequencies(session, by="case", top=3)
        by_group = word_frequencies(session, by="group", top=None)
        with_stops = word_frequencies(session, top=None, include_stop_words=True)
    assert by_case.columns == ["(no case)", "P1", "P2", "P3", "P4"]
    row = by_case.words.index("decides")
    assert by_case.counts[row].tolist() == [1, 2, 0, 0, 0]
    assert by_group.columns == ["(no group)", "Luohu transcripts"]
    budget = by_group.words.index("budget")
    assert by_group.counts[budget].tolist() == [0, 2]
    assert "the" in with_stops.words
    headers, rows = by_case.table()
    assert headers == ["word", "total", "(no case)", "P1", "P2", "P3", "P4"] and len(rows) == 3


def test_word_frequencies_refuse_bad_options(world: World) -> None:
    with world.session() as session:
        with pytest.raises(ValidationError):
            word_frequencies(session, by="speaker")
        with pytest.raises(ValidationError):
            word_frequencies(session, top=0)


@pytest.mark.parametrize(
    ("intervals", "expected"),
    [([], 0), ([(0, 10)], 3), ([(0, 4), (2, 9)], 3), ([(1, 4), (9, 12)], 1), ([(0, 4), (4, 9), (9, 30)], 4), ([(25, 26)], 0),
     ([(5, 6), (0, 30)], 4)],
)
def test_words_inside_counts_each_word_once(intervals: list[tuple[int, int]], expected: int) -> None:
    starts = np.array([0, 3, 8, 20])
    assert words_inside(starts, np.array(intervals, dtype=np.int64).reshape(-1, 2)) == expected


# -- code frequencies -----------------------------------------------------------------------------


def test_code_frequencies_by_role_at_level3(world: World) -> None:
    with world.session() as session:
        tree = CodeTree.load(session)
        table = code_frequencies(session, by="attribute:role", codes=parse_rows_spec(tree, "level3"), tree=tree)
    assert [c.label for c in table.columns] == ["Doctor", "Official", "(no value)"]
    row = {path.split("/")[-1]: i for i, path in enumerate(table.code_paths)}
    fm = row["Financial management rights"]
    assert table.codings[fm].tolist() == [2, 1, 0]
    assert table.documents[fm].tolist() == [2, 1, 0] and table.cases[fm].tolist() == [2, 1, 0]
    of = row["Owner functions"]
    assert table.codings[of].tolist() == [1, 3, 1] and table.documents[of].tolist() == [1, 1, 1]
    assert table.cases[of].tolist() == [1, 1, 0]  # D5 has no case


def test_share_of_words_coded_counts_overlaps_once(world: World) -> None:
    with world.session() as session:
        table = code_frequencies(session, by="document", codes=[world.codes["IDM"], world.codes["FM"]])
        word_counts = {c.label: 0 for c in table.columns}
        from models import Document

        word_counts.update(dict(session.execute(select(Document.name, Document.word_count)).all()))
    assert table.coded_words is not None and table.total_words is not None
    labels = [c.label for c in table.columns]
    d1 = labels.index("D1")
    # IDM in D1: Lin and the consensus coded one 6-word sentence, Wang that sentence and the next (8 words).
    assert table.coded_words[0, d1] == 14
    assert table.coded_words[1, d1] == 6  # "The county still controls the budget."
    assert table.total_words.tolist() == [word_counts[label] for label in labels]
    share = table.share()
    assert share is not None and share[0, d1] == pytest.approx(14 / word_counts["D1"])
    from coding.nlp import tokenize_words

    assert table.coded_words[1, labels.index("Z1")] == len(tokenize_words("医院的预算由县里定。", "zh"))


def test_roll_up_counts_descendants(world: World) -> None:
    with world.session() as session:
        rolled = code_frequencies(session, by="all", codes=[world.codes["DR"]], words=False)
        exact = code_frequencies(session, by="all", codes=[world.codes["DR"]], rollup=False, words=False)
        lin = code_frequencies(session, by="all", codes=[world.codes["DR"]], words=False,
                               flt=SegmentFilter(coder_ids=(world.coders["Lin"],)))
    assert rolled.codings.tolist() == [[6]] and rolled.documents.tolist() == [[3]] and rolled.cases.tolist() == [[2]]
    assert exact.codings.tolist() == [[0]]
    assert lin.codings.tolist() == [[4]]


def test_code_frequency_records_and_bad_columns(world: World) -> None:
    with world.session() as session:
        table = code_frequencies(session, by="case", codes=[world.codes["GR"]])
        records = table.records()
        with pytest.raises(ValidationError):
            code_frequencies(session, by="speaker")
    assert [(r["column"], r["codings"]) for r in records] == [("P1", 1), ("P2", 0), ("P3", 0), ("P4", 1),
                                                              ("(no case)", 0)]
    assert set(records[0]) >= {"code", "level", "codings", "documents", "cases", "coded_words", "share"}


# -- co-occurrence --------------------------------------------------------------------------------


def _brute_force(session, tree: CodeTree, rows: list[int], unit: str) -> np.ndarray:
    """Co-occurrence by the definitions, one pair at a time."""
    codings = session.execute(select(Coding.id, Coding.document_id, Coding.coder_id, Coding.code_id, Coding.start,
                                     Coding.end)).all()
    members = [set(tree.subtree(r)) for r in rows]
    n = len(rows)
    counts = np.zeros((n, n), dtype=np.int64)
    if unit == "overlap":
        for a in range(n):
            counts[a, a] = sum(1 for c in codings if c.code_id in members[a])
        for a, b in itertools.permutations(range(n), 2):
            same = sum(1 for c in codings if c.code_id in members[a] and c.code_id in members[b])
            pairs = sum(
                1 for x in codings for y in codings
                if x.id != y.id and x.document_id == y.document_id and x.coder_id == y.coder_id
                and x.start < y.end and y.start < x.end and x.code_id in members[a] and y.code_id in members[b]
            )
            counts[a, b] = same + pairs
        return counts
    model = Sentence if unit == "sentence" else SpeakerTurn
    units = session.execute(select(model.document_id, model.start, model.end)).all()
    coders = {c.coder_id for c in codings}
    for document_id, start, end in units:
        for coder in coders:
            present = {
                r for r in range(n) for c in codings
                if c.document_id == document_id and c.coder_id == coder and c.start < end and start < c.end
                and c.code_id in members[r]
            }
            for a in present:
                for b in present:
                    counts[a, b] += 1
    return counts


@pytest.mark.parametrize("unit", ["overlap", "sentence", "turn"])
@pytest.mark.parametrize("rows", ["level2", "level3", "all"])
def test_cooccurrence_matches_the_definition(world: World, unit: str, rows: str) -> None:
    with world.session() as session:
        tree = CodeTree.load(session)
        row_codes = parse_rows_spec(tree, rows)
        found = cooccurrence(session, unit=unit, codes=row_codes, tree=tree)
        expected = _brute_force(session, tree, row_codes, unit)
    assert found.counts.tolist() == expected.tolist()
    assert (found.counts == found.counts.T).all()


def test_cooccurrence_counts_within_one_coder(world: World) -> None:
    with world.session() as session:
        found = cooccurrence(session, codes=[world.codes["IDM"], world.codes["OF"], world.codes["FM"],
                                             world.codes["GR"]])
        turn = cooccurrence(session, unit="turn", codes=[world.codes["FM"], world.codes["GR"]])
    # Lin's IDM overlaps Lin's OF; Wang's and the consensus IDM overlap it too but are other coders.
    assert found.counts.tolist() == [[3, 1, 0, 0], [1, 5, 0, 0], [0, 0, 3, 1], [0, 0, 1, 2]]
    assert found.pairs()[0]["count"] == 1
    assert turn.counts[0, 1] == 2  # D1's answer and the Chinese answer both hold FM and GR (Lin)


def test_cooccurrence_refuses_unknown_units(world: World) -> None:
    with world.session() as session, pytest.raises(ValidationError):
        cooccurrence(session, unit="paragraph")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 3), st.integers(0, 40),
                          st.integers(1, 15)), max_size=40))
def test_overlap_sweep_equals_pairwise_check(spans: list[tuple[int, int, int, int, int]]) -> None:
    """The sorted sweep finds exactly the overlapping pairs of each (document, coder) group."""
    group = np.array([d * 2 + c for d, c, _, _, _ in spans], dtype=np.int64)
    code = np.array([k for _, _, k, _, _ in spans], dtype=np.int64)
    start = np.array([s for *_, s, _ in spans], dtype=np.int64)
    end = start + np.array([length for *_, length in spans], dtype=np.int64)
    found = _overlap_counts(np.eye(4, dtype=np.int64), code, group, start, end)
    expected = np.zeros((4, 4), dtype=np.int64)
    for i, j in itertools.permutations(range(len(spans)), 2):
        if group[i] == group[j] and start[i] < end[j] and start[j] < end[i] and code[i] != code[j]:
            expected[code[i], code[j]] += 1
    np.fill_diagonal(expected, np.bincount(code, minlength=4))
    assert found.tolist() == expected.tolist()
