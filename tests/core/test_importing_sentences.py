"""Sentences with the real spaCy pipelines (English and Chinese), and the coding.nlp helpers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coding import nlp
from coding.errors import ValidationError
from coding.importing import analyse_text
from coding.importing import sentences as sentences_module
from coding.importing.turns import detect_turns

ROOT = Path(__file__).resolve().parents[2]


def _sentences(text: str, language: str | None = None) -> list[tuple[str, str]]:
    """(speaker of the sentence's turn, sentence text) in order."""
    analysis = analyse_text(text, language=language)
    return [(analysis.turns[s.turn_index].speaker, text[s.start : s.end]) for s in analysis.sentences]


def test_english_sentences_stay_inside_turns_and_leave_labels_out(import_pipelines) -> None:
    text = (
        "Interviewer: How long have you worked here? Tell me more.\n"
        "Dr Li: About ten years. It was hard at\n"
        "first! I think so"
    )
    assert _sentences(text) == [
        ("Interviewer", "How long have you worked here?"),
        ("Interviewer", "Tell me more."),
        ("Dr Li", "About ten years."),
        ("Dr Li", "It was hard at\nfirst!"),  # a single line break does not end a sentence
        ("Dr Li", "I think so"),
    ]


def test_chinese_sentences_split_at_full_stop_exclamation_and_question_marks(import_pipelines) -> None:
    text = "访谈者：您好。请介绍一下医联体？\n受访者：我们医院是医联体的一部分。很好！你觉得呢？"
    assert analyse_text(text).language == "zh"
    assert _sentences(text) == [
        ("访谈者", "您好。"),
        ("访谈者", "请介绍一下医联体？"),
        ("受访者", "我们医院是医联体的一部分。"),
        ("受访者", "很好！"),
        ("受访者", "你觉得呢？"),
    ]


def test_a_sentence_never_runs_across_a_blank_line(import_pipelines) -> None:
    text = "Interviewer: no full stop here\n\n   and a new paragraph.  "
    assert _sentences(text) == [("Interviewer", "no full stop here"), ("Interviewer", "and a new paragraph.")]


def test_sentence_offsets_are_trimmed_and_inside_their_turn_content(import_pipelines) -> None:
    text = "Preamble line one.  Two.\n\nQ:   What?   Really?\nA:\n\n  Yes.   No.\n"
    analysis = analyse_text(text)
    for sentence in analysis.sentences:
        turn = analysis.turns[sentence.turn_index]
        assert turn.content_start <= sentence.start < sentence.end <= turn.end
        piece = text[sentence.start : sentence.end]
        assert piece == piece.strip()
    assert [text[s.start : s.end] for s in analysis.sentences] == [
        "Preamble line one.",
        "Two.",
        "What?",
        "Really?",
        "Yes.",
        "No.",
    ]


def test_word_count_skips_punctuation_spaces_and_labels(import_pipelines) -> None:
    assert analyse_text("Interviewer: How are you?\n\nDr Li: Fine, thanks.").word_count == 5
    assert analyse_text("受访者：我们医院很好。").word_count == len(nlp.tokenize_words("我们医院很好。", "zh"))


def test_language_can_be_forced(import_pipelines) -> None:
    assert analyse_text("Q: 好的 okay fine alright", language="zh").language == "zh"
    with pytest.raises(ValidationError, match="unknown language"):
        analyse_text("text", language="fr")


def test_long_paragraphs_are_segmented_in_pieces(import_pipelines, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sentences_module, "MAX_PIECE_CHARS", 40)
    text = "Interviewer: " + " ".join(f"Sentence number {i} is here." for i in range(30)) + "\nand a last line"
    analysis = analyse_text(text)
    pieces = [text[s.start : s.end] for s in analysis.sentences]
    assert all(len(p) <= 40 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text[len("Interviewer: ") :].replace(" ", "").replace("\n", "")


def test_segmentation_uses_turns_from_detect_turns(import_pipelines) -> None:
    text = "Q: One. Two.\nA: Three."
    analysis = analyse_text(text)
    assert analysis.turns == detect_turns(text)
    assert [s.turn_index for s in analysis.sentences] == [0, 0, 1]


# -- coding.nlp ------------------------------------------------------------------------------------
def test_pipelines_are_cached_and_have_a_sentencizer(import_pipelines) -> None:
    assert nlp.get_pipeline("en") is nlp.get_pipeline("en") is import_pipelines["en"]
    chinese = nlp.get_pipeline("zh")
    assert chinese is import_pipelines["zh"]
    assert {"。", "！", "？"} <= set(chinese.get_pipe("sentencizer").punct_chars)
    import spacy

    if not spacy.util.is_package(nlp.TRAINED_ENGLISH):
        assert nlp.get_pipeline("en").pipe_names == ["sentencizer", "lemmatizer"]
    with pytest.raises(ValueError, match="no language pipeline"):
        nlp.get_pipeline("de")


def test_tokenize_words_gives_spans_and_lemmas(import_pipelines) -> None:
    text = "The doctors were referring patients, weren't they?"
    words = nlp.tokenize_words(text, "en")
    assert all(text[w.start : w.end] == w.text for w in words)
    assert [w.text for w in words][:5] == ["The", "doctors", "were", "referring", "patients"]
    lemmas = {w.text: w.lemma for w in words}
    assert (lemmas["The"], lemmas["doctors"], lemmas["were"], lemmas["referring"]) == ("the", "doctor", "be", "refer")
    assert "," not in lemmas and "?" not in lemmas


def test_tokenize_words_chinese(import_pipelines) -> None:
    text = "我们医院是医联体的一部分。"
    words = nlp.tokenize_words(text, "zh")
    assert "".join(w.text for w in words) == text.rstrip("。")
    assert all(text[w.start : w.end] == w.text == w.lemma for w in words)
    assert nlp.count_words(nlp.get_pipeline("zh")(text)) == len(words)


def test_building_the_chinese_pipeline_prints_nothing() -> None:
    code = "from coding.nlp import get_pipeline; get_pipeline('zh')('我们医院是医联体的一部分。')"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout == "" and done.stderr == ""


@pytest.mark.parametrize(
    ("text", "lang"),
    [("", "en"), ("Well...  I -- think so!!\n\n  (yes)", "en"), ("“好。”\n\n  我们，医院！", "zh")],
)
def test_count_words_agrees_with_is_word(import_pipelines, text: str, lang: str) -> None:
    doc = nlp.get_pipeline(lang)(text)
    assert nlp.count_words(doc) == sum(1 for token in doc if nlp.is_word(token))
