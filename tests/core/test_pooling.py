"""Pooled counting: a passage several coders coded counts once; what a figure rests on; the default coder.

A hand-built project: two documents with the same text, coders Lin and Wang and a consensus coder,
codes X (Owner functions) and Y (Organizational changes). Every expected count is worked out by hand
in the comments next to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from coding.analysis.cooccurrence import cooccurrence
from coding.analysis.filters import SegmentFilter
from coding.analysis.frequencies import code_frequencies
from coding.analysis.matrix import framework_matrix
from coding.analysis.pooling import basis_text, default_filter, describe_basis, merge_passages
from coding.analysis.retrieval import count_segments, retrieve_segments
from coding.project import Project

ACTOR = "tester"
TEXT = "alpha beta gamma delta epsilon zeta eta theta iota kappa."
TEXTS = {"A": TEXT, "B": "alpha beta again, in a second interview."}
X = "Decision rights/Owner functions"
Y = "Decision rights/Organizational changes"
CODINGS = [  # (document, coder, code, first word, last word) — a span from the first to the end of the last word
    ("A", "Lin", X, "alpha", "beta"),  # overlaps Wang's "beta gamma": one passage "alpha beta gamma"
    ("A", "Wang", X, "beta", "gamma"),
    ("A", "Lin", X, "epsilon", "epsilon"),  # identical spans: one passage
    ("A", "Wang", X, "epsilon", "epsilon"),
    ("A", "Lin", X, "theta", "theta"),  # disjoint: two passages
    ("A", "Wang", X, "kappa", "kappa"),
    ("A", "Lin", Y, "alpha", "beta"),  # Wang's " gamma" touches it (starts where it ends): one passage
    ("A", "Wang", Y, " gamma", "gamma"),
    ("B", "Lin", X, "alpha", "beta"),  # the same span in another document: its own passage
    ("B", "Wang", X, "alpha", "beta"),
    ("A", "Consensus", X, "alpha", "beta"),  # the consensus copy, inside the first passage
]


def span(document: str, first: str, last: str) -> tuple[int, int]:
    text = TEXTS[document]
    start = text.index(first)
    return start, text.index(last, start) + len(last)


def build(path: Path) -> Path:
    """The hand-built project of this module, written to ``path`` (also used by tests/app/test_pooling_gui.py)."""
    from coding.cases import add_case, attach_document
    from coding.codebook import find_code
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text

    with Project.create(path) as created, created.session() as session:
        documents = {name: add_document_text(session, name=name, text=TEXTS[name], source_name=f"{name}.txt",
                                             format="txt", language="en") for name in ("A", "B")}
        for case, document in (("P1", "A"), ("P2", "B")):
            add_case(session, case, actor=ACTOR)
            attach_document(session, case, document, actor=ACTOR)
        coders = {name: get_or_create_coder(session, name, actor=ACTOR, is_consensus=name == "Consensus")
                  for name in ("Lin", "Wang", "Consensus")}
        for document, coder, code, first, last in CODINGS:
            start, end = span(document, first, last)
            apply_code(session, document_id=documents[document].id, coder_id=coders[coder].id,
                       code_id=find_code(session, code).id, start=start, end=end, actor=ACTOR,
                       adjudicator="Lin" if coder == "Consensus" else None)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    opened = Project.open(build(tmp_path / "pool.concord"))
    opened.actor = ACTOR
    yield opened
    opened.close()


def ids(project: Project) -> dict[str, int]:
    from coding.codebook import find_code
    from coding.coders import find_coder

    with project.session() as session:
        found = {name: find_coder(session, name).id for name in ("Lin", "Wang", "Consensus")}
        found.update(X=find_code(session, X).id, Y=find_code(session, Y).id)
    return found


def people(project: Project, *, pooled: bool) -> SegmentFilter:
    known = ids(project)
    return SegmentFilter(coder_ids=(known["Lin"], known["Wang"]), pooled=pooled)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], []),
        ([(0, 10), (6, 16)], [(0, 16)]),  # overlap
        ([(5, 9), (5, 9)], [(5, 9)]),  # identical
        ([(0, 4), (6, 9)], [(0, 4), (6, 9)]),  # disjoint
        ([(0, 4), (4, 9)], [(0, 9)]),  # touching
        ([(0, 20), (2, 3), (19, 25), (26, 30)], [(0, 25), (26, 30)]),  # one long span swallowing a short one
    ],
)
def test_merge_passages_on_one_document_and_code(spans: list[tuple[int, int]], expected: list[tuple[int, int]]) -> None:
    start = np.array([s for s, _ in spans], dtype=np.int64)
    end = np.array([e for _, e in spans], dtype=np.int64)
    zeros = np.zeros(start.size, dtype=np.int64)
    merged = merge_passages(zeros, zeros, start, end)
    assert sorted(zip(merged.start.tolist(), merged.end.tolist())) == expected
    assert merged.member.size == len(spans)


def test_merge_keeps_documents_and_codes_apart() -> None:
    document = np.array([1, 1, 2, 1])
    code = np.array([7, 8, 7, 7])
    start, end = np.array([0, 0, 0, 3]), np.array([5, 5, 5, 9])
    merged = merge_passages(document, code, start, end)
    found = sorted(zip(merged.document_id.tolist(), merged.code_id.tolist(), merged.start.tolist(),
                       merged.end.tolist()))
    assert found == [(1, 7, 0, 9), (1, 8, 0, 5), (2, 7, 0, 5)]


def test_frequencies_count_a_passage_once_when_pooled(project: Project) -> None:
    known = ids(project)
    with project.session() as session:
        pooled = code_frequencies(session, codes=[known["X"], known["Y"]], by="document",
                                  flt=people(project, pooled=True), words=False)
        per_coder = code_frequencies(session, codes=[known["X"], known["Y"]], by="document",
                                     flt=people(project, pooled=False), words=False)
        everyone = code_frequencies(session, codes=[known["X"]], by="all",
                                    flt=SegmentFilter(pooled=True), words=False)
    # X in A: passages "alpha beta gamma", "epsilon", "theta", "kappa" = 4; in B: "alpha beta" = 1.
    # Y in A: "alpha beta" + touching " gamma" = 1.
    assert pooled.codings.tolist() == [[4, 1], [1, 0]]
    # Per coder: X in A = Lin 3 + Wang 3, in B = 1 + 1; Y in A = 1 + 1.
    assert per_coder.codings.tolist() == [[6, 2], [2, 0]]
    # The consensus copy of "alpha beta" lies inside A's first passage: still 4 + 1.
    assert everyone.codings.tolist() == [[5]]
    assert pooled.basis is not None and pooled.basis.text() == "Codings of: Lin, Wang — pooled, a passage counted once"


def test_matrix_and_cooccurrence_pool_the_same_way(project: Project) -> None:
    known = ids(project)
    with project.session() as session:
        matrix = framework_matrix(session, rows=[known["X"]], columns="cases", flt=people(project, pooled=True))
        apart = framework_matrix(session, rows=[known["X"]], columns="cases", flt=people(project, pooled=False))
        together = cooccurrence(session, codes=[known["X"], known["Y"]], flt=people(project, pooled=True))
        per_coder = cooccurrence(session, codes=[known["X"], known["Y"]], flt=people(project, pooled=False))
    assert matrix.codings.tolist() == [[4, 1]] and apart.codings.tolist() == [[6, 2]]
    assert matrix.to_dict()["pooling"] == "pooled" and matrix.to_dict()["coders"] == ["Lin", "Wang"]
    # Pooled: the X passage "alpha beta gamma" overlaps the Y passage "alpha beta gamma": 1 pair; diagonal = passages.
    assert together.counts.tolist() == [[5, 1], [1, 1]]
    # Per coder: Lin's X and Y on "alpha beta", Wang's X "beta gamma" and Y " gamma": 2 pairs.
    assert per_coder.counts.tolist() == [[8, 2], [2, 2]]


def test_retrieval_quotes_a_pooled_passage_once_naming_its_coders(project: Project) -> None:
    known = ids(project)
    flt = SegmentFilter(code_ids=(known["X"],), coder_ids=(known["Lin"], known["Wang"]), pooled=True)
    with project.session() as session:
        total = count_segments(session, flt)
        found = retrieve_segments(session, flt)
        page = retrieve_segments(session, flt, limit=2, offset=1)
        per_coder = count_segments(session, SegmentFilter(code_ids=(known["X"],), coder_ids=flt.coder_ids))
    assert total == 5 and per_coder == 8
    assert [(s.document, s.text) for s in found] == [
        ("A", "alpha beta gamma"), ("A", "epsilon"), ("A", "theta"), ("A", "kappa"), ("B", "alpha beta"),
    ]
    assert found[0].coded_by == "coded by Lin, Wang" and found[0].coders == ("Lin", "Wang")
    assert found[2].coded_by == "coder Lin" and found[3].coder == "Wang"
    assert found[0].context == TEXT  # the sentence around the whole passage
    assert [s.text for s in page] == ["epsilon", "theta"]


def test_basis_says_whose_codings_and_how_counted(project: Project) -> None:
    known = ids(project)
    with project.session() as session:
        consensus = describe_basis(session, SegmentFilter(consensus=True))
        lin = describe_basis(session, SegmentFilter(coder_ids=(known["Lin"],)))
        apart = describe_basis(session, people(project, pooled=False))
    assert lin.text() == "Codings of: Lin"
    assert consensus.text().startswith("Codings of: consensus")
    assert apart.text() == "Codings of: Lin, Wang — per coder, a passage counted once for each coder who coded it"
    assert basis_text(["Lin"], consensus=True, settled_by=["Lin", "Wang"]) == "Codings of: consensus (Lin, Wang settled)"


def test_default_is_the_consensus_then_the_signed_in_coder(project: Project) -> None:
    from sqlalchemy import delete

    from models import Coding

    known = ids(project)
    with project.session() as session:
        chosen = default_filter(session, SegmentFilter())
        kept = default_filter(session, SegmentFilter(coder_ids=(known["Wang"],)))
        everyone = default_filter(session, SegmentFilter(all_coders=True))
    assert chosen.chosen and chosen.flt.coder_ids == (known["Consensus"],)
    assert not kept.chosen and kept.flt.coder_ids == (known["Wang"],)
    assert not everyone.chosen and everyone.flt.coder_ids is None
    with project.session() as session:  # no consensus codings: the signed-in coder, else the busiest coder
        session.execute(delete(Coding).where(Coding.coder_id == known["Consensus"]))
        mine = default_filter(session, SegmentFilter(), signed_in="wang")
        busiest = default_filter(session, SegmentFilter(), signed_in="nobody")
    assert mine.flt.coder_ids == (known["Wang"],) and "signed-in" in mine.reason
    assert busiest.flt.coder_ids == (known["Lin"],)  # Lin 5 codings, Wang 5: a tie goes to the first name


def test_charts_say_whose_codings(project: Project) -> None:
    from coding.analysis.charts import code_frequency_chart, matrix_heatmap

    known = ids(project)
    with project.session() as session:
        table = code_frequencies(session, codes=[known["X"]], flt=people(project, pooled=True), words=False)
        matrix = framework_matrix(session, rows=[known["X"]], columns="cases", flt=SegmentFilter(consensus=True))
    assert code_frequency_chart(table)._supxlabel.get_text() == "Codings of: Lin, Wang — pooled, a passage counted once"
    assert matrix_heatmap(matrix)._supxlabel.get_text().startswith("Codings of: consensus")
