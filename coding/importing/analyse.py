"""The units of a normalised text: its language, metadata header, speaker turns, sentences and word count
(no database)."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from coding.errors import ValidationError
from coding.importing.header import MetadataField, detect_header
from coding.importing.language import DEFAULT_ZH_THRESHOLD, detect_language
from coding.importing.sentences import SentenceSpan, segment_sentences
from coding.importing.turns import TurnSpan, detect_turns
from coding.nlp import LANGUAGES, get_pipeline
from coding.i18n import translate


@dataclass(frozen=True)
class Analysis:
    language: str
    turns: list[TurnSpan]
    sentences: Sequence[SentenceSpan]  # a SentenceSpans from analyse_text
    word_count: int
    metadata: tuple[MetadataField, ...] = ()  # the leading key: value block, outside every turn

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Turns travel as columns too (an import worker sends thousands back): a fraction of the pickling."""
        turns = self.turns
        columns = (
            [turn.speaker for turn in turns],
            array("q", [turn.start for turn in turns]),
            array("q", [turn.content_start for turn in turns]),
            array("q", [turn.end for turn in turns]),
        )
        return _unpickle_analysis, (self.language, columns, self.sentences, self.word_count, self.metadata)


def _unpickle_analysis(
    language: str,
    turn_columns: tuple[list[str], array[int], array[int], array[int]],
    sentences: Sequence[SentenceSpan],
    word_count: int,
    metadata: tuple[MetadataField, ...],
) -> Analysis:
    return Analysis(language, list(map(TurnSpan, *turn_columns)), sentences, word_count, metadata)


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
        raise ValidationError(translate(
            "errors", "unknown language {language!r}; Concord segments {value}").format(
            language=language, value=', '.join(LANGUAGES)))
    header = detect_header(text, turn_pattern)
    turns = detect_turns(text, turn_pattern, start=header.body_start)
    segmentation = segment_sentences(text, turns, get_pipeline(language))
    return Analysis(language, turns, segmentation.sentences, segmentation.word_count, header.fields)


__all__ = ["Analysis", "analyse_text"]
