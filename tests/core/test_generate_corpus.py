"""The benchmark corpus generator: deterministic text, import-compatible units, a valid synthetic project."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is a folder of scripts, not an installed package
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.generate_corpus import (  # noqa: E402
    ALLIANCE_MODES,
    ROLES_BY_MODE,
    build_synthetic_project,
    generate_document,
    iter_corpus,
    main,
    total_codings,
    write_corpus,
)
from coding.codebook import code_levels  # noqa: E402
from coding.importing import analyse_text, normalise_text  # noqa: E402
from coding.project import Project, project_info  # noqa: E402
from models import Attribute, AttributeValue, Case, Code, Coder, Coding, Document, Sentence, SpeakerTurn  # noqa: E402

SMALL_WORDS = 1500


def test_same_seed_gives_the_same_files_and_another_seed_does_not(tmp_path: Path) -> None:
    assert main(["--scale", "1", "--documents", "3", "--words", str(SMALL_WORDS), "--out", str(tmp_path / "a")]) == 0
    write_corpus(tmp_path / "b", scale=1, seed=7, documents=3, words=SMALL_WORDS)
    write_corpus(tmp_path / "c", scale=1, seed=8, documents=3, words=SMALL_WORDS)
    names = sorted(path.name for path in (tmp_path / "a").iterdir())
    assert names == ["interview_0001.txt", "interview_0002.txt", "interview_0003.txt"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() != (tmp_path / "c" / name).read_bytes()


def test_a_document_does_not_depend_on_the_corpus_size() -> None:
    small = list(iter_corpus(1, seed=7, documents=3, words=SMALL_WORDS))
    larger = list(iter_corpus(10, seed=7, documents=5, words=SMALL_WORDS))
    assert small[2] == larger[2] == generate_document(2, seed=7, words=SMALL_WORDS)
    assert small[2].text != small[1].text


@pytest.mark.parametrize(
    ("index", "language", "labels", "ends"),
    [(0, "en", None, ".?!"), (3, "zh", {"访谈者", "受访者"}, "。？！"), (13, "zh", {"访谈者", "受访者"}, "。？！")],
)
def test_transcripts_alternate_labelled_turns_of_punctuated_sentences(
    index: int, language: str, labels: set[str] | None, ends: str
) -> None:
    document = generate_document(index, words=SMALL_WORDS)
    assert document.language == language
    speakers = [turn.speaker for turn in document.turns]
    assert len(set(speakers)) == 2 and speakers[0] != speakers[1]
    assert all(speakers[i] != speakers[i + 1] for i in range(len(speakers) - 1))
    if labels is not None:
        assert set(speakers) == labels
    # The target is drawn from ±20% of the mean; the last turn may overshoot it by one long answer.
    assert 0.8 * SMALL_WORDS <= document.word_count <= 1.2 * SMALL_WORDS + 1000
    for sentence in document.sentences:
        assert document.text[sentence.end - 1] in ends
    lengths = [len(document.text[s.start:s.end].split()) for s in document.sentences if language == "en"]
    if lengths:
        assert 8 <= sum(lengths) / len(lengths) <= 30  # interview-like sentence lengths, not word salad lines


@pytest.mark.parametrize("index", [0, 1, 3])
def test_the_generator_knows_the_units_the_importer_finds(index: int) -> None:
    """Turns and sentences the project builder stores are the ones a real import would store."""
    document = generate_document(index, words=SMALL_WORDS)
    assert normalise_text(document.file_bytes.decode("utf-8")) == document.text
    analysis = analyse_text(document.text)
    assert analysis.language == document.language
    assert [tuple(turn) for turn in document.turns] == [
        (turn.speaker, turn.start, turn.content_start, turn.end) for turn in analysis.turns
    ]
    assert [tuple(sentence) for sentence in document.sentences] == [
        (sentence.turn_index, sentence.start, sentence.end) for sentence in analysis.sentences
    ]
    if document.language == "en":  # Chinese words are the generator's own segmentation, not jieba's
        assert analysis.word_count == document.word_count


def test_codings_scale_to_a_million_at_100x() -> None:
    assert total_codings(100, 5500, None) == 1_000_000
    assert total_codings(1, 55, None) == 10_000
    assert total_codings(1, 11, None) == 2_000
    assert total_codings(1, 3, 7) == 21


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.concord"
    return build_synthetic_project(
        path, scale=1, documents=4, words_per_document=SMALL_WORDS, codings_per_document=21, coders=("A", "B", "C"),
        batch_documents=3,
    )


def test_synthetic_project_counts_match_what_was_generated(synthetic: Path) -> None:
    generated = [generate_document(index, words=SMALL_WORDS) for index in range(4)]
    with Project.open(synthetic) as project, project.session() as session:
        info = project_info(session)
    assert info["documents"] == 4
    assert info["languages"] == {"en": 3, "zh": 1}
    assert info["turns"] == sum(len(document.turns) for document in generated)
    assert info["sentences"] == sum(len(document.sentences) for document in generated)
    assert info["words"] == sum(document.word_count for document in generated)
    assert info["characters"] == sum(len(document.text) for document in generated)
    assert info["codings"] == 4 * 21
    assert info["codings_per_coder"] == {"A": 4 * 7, "B": 4 * 7, "C": 4 * 7}
    assert info["cases"] == 4
    assert info["codes"] >= 8


def test_synthetic_project_stores_the_generated_units(synthetic: Path) -> None:
    with Project.open(synthetic) as project, project.session() as session:
        for document in generate_document(0, words=SMALL_WORDS), generate_document(3, words=SMALL_WORDS):
            stored = session.scalar(select(Document).where(Document.name == document.name))
            assert stored is not None and stored.text == document.text and stored.language == document.language
            turns = session.execute(
                select(SpeakerTurn.speaker, SpeakerTurn.start, SpeakerTurn.content_start, SpeakerTurn.end)
                .where(SpeakerTurn.document_id == stored.id).order_by(SpeakerTurn.position)
            ).all()
            assert [tuple(row) for row in turns] == [tuple(turn) for turn in document.turns]
            assert (stored.turn_count, stored.sentence_count, stored.word_count, stored.char_count) == (
                len(document.turns), len(document.sentences), document.word_count, len(document.text)
            )


def test_synthetic_offsets_are_valid(synthetic: Path) -> None:
    with Project.open(synthetic) as project, project.session() as session:
        lengths = dict(session.execute(select(Document.id, Document.char_count)).all())
        turns = {
            turn_id: (document_id, content_start, end)
            for turn_id, document_id, content_start, end in session.execute(
                select(SpeakerTurn.id, SpeakerTurn.document_id, SpeakerTurn.content_start, SpeakerTurn.end)
            )
        }
        sentences = session.execute(select(Sentence.document_id, Sentence.turn_id, Sentence.start, Sentence.end)).all()
        assert sentences
        bounds: dict[int, tuple[set[int], set[int]]] = {}
        for document_id, turn_id, start, end in sentences:
            turn_document, content_start, turn_end = turns[turn_id]
            assert turn_document == document_id
            assert 0 <= content_start <= start < end <= turn_end <= lengths[document_id]
            starts, ends = bounds.setdefault(document_id, (set(), set()))
            starts.add(start)
            ends.add(end)
        levels = code_levels(session)
        codings = session.execute(select(Coding.document_id, Coding.code_id, Coding.start, Coding.end)).all()
        for document_id, code_id, start, end in codings:
            assert 0 <= start < end <= lengths[document_id]
            assert start in bounds[document_id][0] and end in bounds[document_id][1]  # sentence spans
            assert levels[code_id] == 3
        assert session.scalar(select(Code.is_codable).where(Code.id == codings[0][1]))


def test_synthetic_cases_carry_seed_003_attributes(synthetic: Path) -> None:
    with Project.open(synthetic) as project, project.session() as session:
        rows = session.execute(
            select(Case.name, Attribute.name, AttributeValue.value)
            .join(AttributeValue, AttributeValue.case_id == Case.id)
            .join(Attribute, Attribute.id == AttributeValue.attribute_id)
        ).all()
        unattached = session.scalar(select(Document.name).where(Document.case_id.is_(None)))
        coders = set(session.scalars(select(Coder.name)))
    assert unattached is None
    assert coders == {"A", "B", "C"}
    by_case: dict[str, dict[str, str]] = {}
    for case, attribute, value in rows:
        by_case.setdefault(case, {})[attribute] = value
    assert sorted(by_case) == ["P0001", "P0002", "P0003", "P0004"]
    for values in by_case.values():
        assert values["alliance_mode"] in ALLIANCE_MODES
        assert values["role"] in ROLES_BY_MODE[values["alliance_mode"]]
        assert values["gender"] in {"female", "male"}
    assert len({values["alliance_mode"] for values in by_case.values()}) == 4


def test_synthetic_project_is_deterministic(synthetic: Path, tmp_path: Path) -> None:
    again = build_synthetic_project(
        tmp_path / "again.concord", scale=1, documents=4, words_per_document=SMALL_WORDS, codings_per_document=21,
        coders=("A", "B", "C"),
    )

    def content(path: Path) -> list[tuple]:
        with Project.open(path) as project, project.session() as session:
            return [tuple(row) for row in session.execute(
                select(Document.name, Coder.name, Coding.code_id, Coding.start, Coding.end, Coding.uuid)
                .join(Document, Document.id == Coding.document_id)
                .join(Coder, Coder.id == Coding.coder_id)
                .order_by(Coding.id)
            )]

    first, second = content(synthetic), content(again)
    assert first == second
    # Coders B and C mostly repeat A's passages (material for agreement), but not always.
    spans = {coder: {(doc, start, end) for doc, name, _, start, end, _ in first if name == coder} for coder in "ABC"}
    assert 0 < len(spans["A"] & spans["B"]) < len(spans["B"])
