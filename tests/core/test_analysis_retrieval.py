"""Retrieval of coded segments: filters, context, speaker, paging."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coding.codebook import CodeTree, parse_rows_spec
from coding.analysis.filters import AttributeCondition, SegmentFilter, parse_where, resolve_filter
from coding.analysis.retrieval import count_segments, iter_segments, retrieve_segments
from coding.errors import CancelledError, NotFoundError, ValidationError
from tests.core.test_analysis_world import TEXTS, World, quote_span, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def _texts(segments: list) -> list[tuple[str, str, str]]:
    return [(s.document, s.coder, s.text) for s in segments]


def test_one_code_one_coder_with_context_speaker_and_case(world: World) -> None:
    with world.session() as session:
        found = retrieve_segments(session, SegmentFilter(code_ids=(world.codes["IDM"],),
                                                         coder_ids=(world.coders["Lin"],)))
    assert len(found) == 1
    segment = found[0]
    start, end = quote_span("D1", "The board decides on large investments.")
    assert (segment.start, segment.end, segment.text) == (start, end, "The board decides on large investments.")
    assert segment.context == segment.text  # the coding is exactly one sentence
    assert (segment.speaker, segment.turn, segment.document, segment.case) == ("Dr Wang", 1, "D1", "P1")
    assert (segment.coder, segment.consensus) == ("Lin", False)
    assert segment.code == "Macro framework of the Preker-Harding model/Market competition/Investment decision-making rights"


def test_context_spans_every_sentence_the_segment_touches(world: World) -> None:
    with world.session() as session:
        (segment,) = retrieve_segments(session, SegmentFilter(code_ids=(world.codes["OF"],),
                                                              document_ids=(world.documents["D1"],)))
    assert segment.text == "large investments. We decided"
    assert segment.context == "The board decides on large investments. We decided to buy a scanner last year."
    assert TEXTS["D1"][segment.context_start:segment.context_end] == segment.context


def test_all_coders_then_consensus_only(world: World) -> None:
    with world.session() as session:
        every = retrieve_segments(session, SegmentFilter(code_ids=(world.codes["IDM"],)))
        consensus = retrieve_segments(session, SegmentFilter(code_ids=(world.codes["IDM"],), consensus=True))
        people = retrieve_segments(session, SegmentFilter(code_ids=(world.codes["IDM"],), consensus=False))
    assert sorted(s.coder for s in every) == ["Consensus", "Lin", "Wang"]
    assert [(s.coder, s.consensus) for s in consensus] == [("Consensus", True)]
    assert sorted(s.coder for s in people) == ["Lin", "Wang"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (["role=Doctor"], [("D1", "Lin")]),
        (["role=doctor"], [("D1", "Lin")]),  # values match ignoring case
        (["role=Official"], [("D2", "Consensus"), ("D2", "Lin"), ("D2", "Wang")]),
        (["role=Doctor", "role=Official"], [("D1", "Lin"), ("D2", "Consensus"), ("D2", "Lin"), ("D2", "Wang")]),
        (["role=Official", "alliance_mode=Tianchang"], []),  # different attributes: both must hold
        (["role!=Doctor"], [("D2", "Consensus"), ("D2", "Lin"), ("D2", "Wang"), ("D5", "Lin")]),
        (["role!=Doctor", "role!=Official"], [("D5", "Lin")]),  # each != takes its value away
        (["role!=doctor", "role=Official"], [("D2", "Consensus"), ("D2", "Lin"), ("D2", "Wang")]),
    ],
)
def test_attribute_conditions(world: World, where: list[str], expected: list[tuple[str, str]]) -> None:
    with world.session() as session:
        flt = resolve_filter(session, codes=["Owner functions"], where=where)
        found = retrieve_segments(session, flt)
    assert sorted((s.document, s.coder) for s in found) == expected


def test_descendants_case_and_group_filters(world: World) -> None:
    with world.session() as session:
        without = count_segments(session, resolve_filter(session, codes=["Decision rights"]))
        rolled = retrieve_segments(session, resolve_filter(session, codes=["Decision rights"], descendants=True))
        by_case = retrieve_segments(session, resolve_filter(session, codes=["Decision rights"], descendants=True,
                                                            cases=["P2"]))
        by_group = retrieve_segments(session, resolve_filter(session, codes=["Decision rights"], descendants=True,
                                                             groups=["Luohu transcripts"], coders=["Lin"]))
    assert without == 0
    assert sorted((s.document, s.coder, s.code_name) for s in rolled) == [
        ("D1", "Lin", "Owner functions"), ("D2", "Consensus", "Owner functions"),
        ("D2", "Lin", "Organizational changes"), ("D2", "Lin", "Owner functions"),
        ("D2", "Wang", "Owner functions"), ("D5", "Lin", "Owner functions"),
    ]
    assert {s.case for s in by_case} == {"P2"} and len(by_case) == 4
    assert sorted((s.document, s.code_name) for s in by_group) == [
        ("D1", "Owner functions"), ("D2", "Organizational changes"), ("D2", "Owner functions")]


def test_chinese_segment_has_its_sentence_and_speaker(world: World) -> None:
    with world.session() as session:
        found = retrieve_segments(session, SegmentFilter(code_ids=(world.codes["FM"],),
                                                         document_ids=(world.documents["Z1"],)))
    assert _texts(found) == [("Z1", "Lin", "医院的预算由县里定。")]
    assert found[0].speaker == "受访者" and found[0].context == "医院的预算由县里定。"


def test_paging_is_a_window_of_the_full_order(world: World) -> None:
    with world.session() as session:
        flt = SegmentFilter()
        everything = retrieve_segments(session, flt)
        pages = [retrieve_segments(session, flt, limit=5, offset=offset) for offset in range(0, 20, 5)]
        total = count_segments(session, flt)
    assert total == len(everything) == 16
    assert [s.uuid for page in pages for s in page] == [s.uuid for s in everything]
    documents = [s.document_id for s in everything]
    assert documents == sorted(documents)
    lin_in_d1 = [s.start for s in everything if s.document == "D1" and s.coder == "Lin"]
    assert lin_in_d1 == sorted(lin_in_d1)


def test_iter_segments_reports_progress_and_cancels(world: World) -> None:
    calls: list[tuple[int, int]] = []
    with world.session() as session:
        found = list(iter_segments(session, SegmentFilter(), progress=lambda d, t, _: calls.append((d, t))))
        assert len(found) == 16 and calls[-1] == (16, 16)
        with pytest.raises(CancelledError):
            list(iter_segments(session, SegmentFilter(), cancel=lambda: True))


def test_unknown_names_are_refused_with_the_name(world: World) -> None:
    with world.session() as session:
        with pytest.raises(NotFoundError, match="Nobody"):
            resolve_filter(session, coders=["Nobody"])
        with pytest.raises(NotFoundError, match="no case attribute 'rank'"):
            resolve_filter(session, where=["rank=1"])
        with pytest.raises(NotFoundError, match="role=Nurse.*Doctor, Official"):
            resolve_filter(session, where=["role=Nurse"])
        with pytest.raises(NotFoundError, match="no case 'P9'"):
            resolve_filter(session, cases=["P9"])


@pytest.mark.parametrize("text", ["role", "=Doctor", "role=", "  "])
def test_parse_where_refuses_malformed_conditions(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_where(text)


def test_parse_where() -> None:
    assert parse_where(" role = Doctor ") == AttributeCondition("role", "Doctor")
    assert parse_where("role!=Doctor") == AttributeCondition("role", "Doctor", negate=True)


def test_code_tree_levels_and_rows(world: World) -> None:
    with world.session() as session:
        tree = CodeTree.load(session)
    level3 = parse_rows_spec(tree, "level3")
    assert [tree.label(c) for c in level3] == [
        "Organizational changes", "Owner functions", "Investment decision-making rights",
        "Personnel management rights", "Financial management rights", "Social functions",
        "Government regulations", "Institutional environments",
    ]
    assert len(parse_rows_spec(tree, "level2")) == 5 and len(parse_rows_spec(tree, "all")) == 14
    assert tree.ancestor_at_level(world.codes["OF"], 2) == world.codes["DR"]
    with pytest.raises(NotFoundError, match="no level 4"):
        parse_rows_spec(tree, "level4")
    with pytest.raises(ValidationError):
        parse_rows_spec(tree, "indicators")


def test_a_page_of_a_frequent_code_equals_the_same_window_of_all_its_segments(world: World) -> None:
    """Both strategies of segment_ids (sort the code's codings, or walk the document index) agree."""
    from coding.analysis.retrieval import segment_ids

    with world.session() as session:
        flt = SegmentFilter(code_ids=(world.codes["IDM"], world.codes["OF"], world.codes["FM"]))
        everything = segment_ids(session, flt)
        windows = [segment_ids(session, flt, limit=2, offset=offset) for offset in range(0, len(everything), 2)]
    assert [i for window in windows for i in window] == everything
