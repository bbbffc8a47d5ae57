"""The units of a normalised text: its language, metadata header, speaker turns, sentences and word count
(no database)."""

from __future__ import annotations

from dataclasses import dataclass

from coding.errors import ValidationError
from coding.importing.header import MetadataField, detect_header
from coding.importing.language import DEFAULT_ZH_THRESHOLD, detect_language
from coding.importing.sentences import SentenceSpan, segment_sentences
from coding.importing.turns import TurnSpan, detect_turns
from coding.nlp import LANGUAGES, get_pipeline


@dataclass(frozen=True)
class Analysis:
    language: str
    turns: list[TurnSpan]
    sentences: list[SentenceSpan]
    word_count: int
    metadata: tuple[MetadataField, ...] = ()  # the leading key: value block, outside every turn


def analyse_text(
    text: str,
    *,
    language: str | None = None,
    turn_pattern: str | None = None,
    zh_threshold: float = DEFAULT_ZH_THRESHOLD,
) -> Analysis:
    """Metadata header, turns and sentences of ``text``; ``language`` None means detect it."""
    language = language or detect_language(text, zh_threshold)
    if language not in LANGUAGES:
        raise ValidationError(f"unknown language {language!r}; Concord segments {', '.join(LANGUAGES)}")
    header = detect_header(text, turn_pattern)
    turns = detect_turns(text, turn_pattern, start=header.body_start)
    segmentation = segment_sentences(text, turns, get_pipeline(language))
    return Analysis(language, turns, segmentation.sentences, segmentation.word_count, header.fields)


__all__ = ["Analysis", "analyse_text"]
