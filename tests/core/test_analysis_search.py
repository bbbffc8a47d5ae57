"""Text search: word, phrase, regex and lemma modes, KWIC context, and coding every hit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.analysis.filters import resolve_filter
from coding.analysis.search import code_hits, english_lemma, search_text
from coding.errors import ValidationError
from models import AuditEvent, Coding
from tests.core.test_analysis_world import TEXTS, World, world_copy


@pytest.fixture
def world(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Iterator[World]:
    yield from world_copy(tmp_path_factory, tmp_path)


def _matches(hits: list) -> list[tuple[str, str]]:
    return [(h.document, h.match) for h in hits]


@pytest.mark.parametrize(
    ("query", "mode", "expected"),
    [
        ("decides", "word", [("D1", "decides"), ("D1", "decides"), ("D5", "decides")]),
        ("DECIDES", "word", [("D1", "decides"), ("D1", "decides"), ("D5", "decides")]),
        ("decide", "word", []),  # a word, not a prefix
        ("the budget", "phrase", [("D1", "the budget"), ("D2", "the budget")]),
        (r"appoint\w*", "regex", [("D1", "appointment"), ("D2", "appoints"), ("D2", "appoints")]),
        ("decide", "lemma", [("D1", "decides"), ("D1", "decided"), ("D1", "decides"), ("D3", "decided"),
                             ("D5", "decides")]),
        ("政府", "word", [("Z1", "政府")]),
        ("预算由", "phrase", [("Z1", "预算由")]),
    ],
)
def test_modes(world: World, query: str, mode: str, expected: list[tuple[str, str]]) -> None:
    with world.session() as session:
        hits = search_text(session, query, mode=mode)
    assert _matches(hits) == expected
    for hit in hits:
        assert TEXTS[hit.document][hit.start:hit.end] == hit.match


def test_lemmas_come_from_the_english_lookup_lemmatizer() -> None:
    assert english_lemma("decided") == "decide"
    assert english_lemma("Decisions") == "decision"  # capitalised words fall back to lower case
    assert english_lemma("went") == "go"


def test_case_sensitive_search(world: World) -> None:
    with world.session() as session:
        assert _matches(search_text(session, "The board", mode="phrase", case_sensitive=True)) == [("D1", "The board")]
        assert search_text(session, "THE BOARD", mode="phrase", case_sensitive=True) == []


def test_kwic_context_in_characters_and_words(world: World) -> None:
    text = TEXTS["D1"]
    with world.session() as session:
        (by_chars,) = search_text(session, "scanner", context=10)
        (by_words,) = search_text(session, "scanner", context=2, unit="words")
        (no_context,) = search_text(session, "scanner", context=0)
    start = text.index("scanner")
    assert by_chars.left == text[start - 10:start] and by_chars.right == text[start + 7:start + 17]
    assert by_words.left == "buy a " and by_words.right == " last year"
    assert (no_context.left, no_context.right) == ("", "")
    assert by_chars.speaker == "Dr Wang" and by_chars.case == "P1"
    assert "[scanner]" in by_chars.line(20)


def test_chinese_context_in_words_uses_jieba(world: World) -> None:
    with world.session() as session:
        (hit,) = search_text(session, "预算", mode="phrase", context=1, unit="words")
    assert (hit.left, hit.match, hit.right) == ("的", "预算", "由")


def test_scope_limits_documents_and_limit_stops_early(world: World) -> None:
    with world.session() as session:
        doctors = search_text(session, "decides", scope=resolve_filter(session, where=["role=Doctor"]))
        first = search_text(session, "decides", limit=1)
    assert {h.document for h in doctors} == {"D1"} and len(first) == 1


@pytest.mark.parametrize(("query", "mode"), [("", "word"), ("(unclosed", "regex"), ("x", "fuzzy")])
def test_bad_queries_are_refused(world: World, query: str, mode: str) -> None:
    with world.session() as session, pytest.raises(ValidationError):
        search_text(session, query, mode=mode)


def test_code_hits_applies_once_and_returns_the_new_uuids(world: World) -> None:
    with world.session() as session:
        hits = search_text(session, "the budget", mode="phrase")
        before = session.scalar(select(func.count(Coding.id)))
        created = code_hits(session, hits, code_id=world.codes["FM"], coder_id=world.coders["Wang"], actor="tester")
        again = code_hits(session, hits, code_id=world.codes["FM"], coder_id=world.coders["Wang"], actor="tester")
        rows = session.execute(select(Coding.document_id, Coding.start, Coding.end).where(Coding.uuid.in_(created))).all()
        audited = session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.entity_uuid.in_(created)))
        after = session.scalar(select(func.count(Coding.id)))
    assert len(created) == 2 and again == [] and after == before + 2 and audited == 2
    assert sorted(rows) == sorted((h.document_id, h.start, h.end) for h in hits)


def test_a_chinese_term_jieba_cuts_into_several_words_is_still_found(tmp_path: Path) -> None:
    from coding.importing import add_document_text
    from coding.project import Project

    text = "受访者：医联体的改革很重要。医院之间要合作。"
    project = Project.create(tmp_path / "zh.concord", with_codebook=False)
    with project.session() as session:
        add_document_text(session, name="zh", text=text, source_name="zh.txt", format="txt", language="zh")
    with project.session() as session:
        word_hits = search_text(session, "医联体", mode="word")
        inside_a_word = search_text(session, "医", mode="word")  # 医 only as part of 医联体 / 医院
    project.close()
    assert [(h.start, h.end) for h in word_hits] == [(4, 7)]
    assert all(text[h.start:h.end] == "医" for h in inside_a_word)
    assert len(inside_a_word) < text.count("医")
