"""spaCy pipelines for Concord, loaded lazily and once per process.

English uses a trained pipeline when one is installed (better sentence boundaries), otherwise a blank
pipeline with a rule-based sentencizer and the lookup lemmatizer from spacy-lookups-data. Chinese uses
spaCy's jieba segmenter with a sentencizer that splits at 。！？.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable

if TYPE_CHECKING:  # spaCy takes a second to import: only code that segments text pays for it
    from spacy.language import Language
    from spacy.tokens import Doc, Token

LANGUAGES = ("en", "zh")
TRAINED_ENGLISH = "en_core_web_sm"
# Sentence-final marks the Chinese sentencizer must know (spaCy's defaults cover them today; we check).
CHINESE_SENTENCE_ENDS = ("。", "！", "？")
# Components that only add annotations segmentation does not need; skipped while importing.
NOT_FOR_SEGMENTING = frozenset({"lemmatizer", "ner", "tagger", "attribute_ruler", "morphologizer"})
# tokenize_words may get a whole long transcript; blank pipelines need little memory per character.
MAX_TEXT_CHARS = 100_000_000

_pipelines: dict[str, Language] = {}
_lock = threading.Lock()


@runtime_checkable
class _SentenceEnds(Protocol):
    """spaCy's sentencizer as far as Concord touches it (a compiled class that ships no type hints)."""

    punct_chars: set[str]


class Word(NamedTuple):
    """A word of a text: ``text[start:end]`` and its lower-case lemma (the word itself for Chinese)."""

    start: int
    end: int
    text: str
    lemma: str


def load_spacy() -> None:
    """Import spaCy under the pipelines' lock before any other use of it: spaCy imported by two threads at once
    (a window's warm-up building a pipeline while a worker trains a classifier) fails half-initialised."""
    with _lock:
        import spacy  # noqa: F401


def get_pipeline(lang: str) -> Language:
    """The shared pipeline for ``"en"`` or ``"zh"``; built on first use (about a second for Chinese)."""
    if lang not in LANGUAGES:
        raise ValueError(f"no language pipeline for {lang!r}; Concord knows {', '.join(LANGUAGES)}")
    with _lock:
        nlp = _pipelines.get(lang)
        if nlp is None:
            nlp = _build_english() if lang == "en" else _build_chinese()
            _pipelines[lang] = nlp
        return nlp


def is_built(lang: str) -> bool:
    """Whether :func:`get_pipeline` would answer at once (a window warms a pipeline up before it is needed)."""
    return lang in _pipelines


def _build_english() -> Language:
    import spacy

    if spacy.util.is_package(TRAINED_ENGLISH):
        return spacy.load(TRAINED_ENGLISH, exclude=["ner"])
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup tables from spacy-lookups-data
    nlp.max_length = MAX_TEXT_CHARS
    return nlp


def _build_chinese() -> Language:
    import jieba
    import spacy

    jieba.setLogLevel(logging.WARNING)  # jieba announces its dictionary loading on stderr otherwise
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    sentencizer = _sentence_ends(nlp.add_pipe("sentencizer"))
    missing = [mark for mark in CHINESE_SENTENCE_ENDS if mark not in sentencizer.punct_chars]
    if missing:
        sentencizer.punct_chars = set(sentencizer.punct_chars) | set(missing)
    nlp.max_length = MAX_TEXT_CHARS
    nlp("加载词典。")  # jieba builds its dictionary on the first cut: pay that once, here
    return nlp


def _sentence_ends(component: object) -> _SentenceEnds:
    if isinstance(component, _SentenceEnds):
        return component
    raise TypeError(f"spaCy's sentencizer keeps no punct_chars ({type(component).__name__})")


def segmenting_disable(nlp: Language) -> list[str]:
    """Names of the components to skip when only sentences and word counts are wanted."""
    return [name for name in nlp.pipe_names if name in NOT_FOR_SEGMENTING]


def is_word(token: Token) -> bool:
    return not (token.is_punct or token.is_space)


def count_words(doc: Doc) -> int:
    """Tokens that are neither punctuation nor whitespace (jieba words for Chinese)."""
    if not len(doc):
        return 0
    # One array instead of a Python loop over the tokens; no token is both punctuation and whitespace.
    # Attributes by name: spacy.attrs, where their ids live, is compiled and ships no type hints.
    return len(doc) - int(doc.to_array(["IS_PUNCT", "IS_SPACE"]).sum())


def tokenize_words(text: str, lang: str) -> list[Word]:
    """Word spans of ``text`` (punctuation and whitespace skipped), for search and autocoding."""
    doc = get_pipeline(lang)(text)
    return [
        Word(token.idx, token.idx + len(token.text), token.text, (token.lemma_ or token.text).lower())
        for token in doc
        if is_word(token)
    ]


__all__ = ["get_pipeline", "tokenize_words", "count_words", "segmenting_disable", "is_word", "Word", "LANGUAGES"]
