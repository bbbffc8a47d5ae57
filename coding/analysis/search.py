"""Text search with keyword-in-context (KWIC) results, and coding every hit at once.

Modes (case is ignored unless asked otherwise):

- ``word``: the word on its own, not inside a longer word. In Chinese documents, a jieba word equal to
  the query (so 医联体 does not match inside 医联体化 if jieba cuts that as one word).
- ``phrase``: the words in this order with any whitespace between them (Chinese: any or no
  whitespace), starting and ending at word edges.
- ``regex``: a Python regular expression.
- ``lemma`` (English): every word whose spaCy lookup lemma (the lemmatizer of
  ``coding.nlp.get_pipeline("en")``, applied to the word as written or in lower case) equals the
  query's lemma — "decide" finds decided, decides, deciding. Several words: each position by lemma.
  In Chinese documents words have no inflection, so lemma search is word search.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from sqlalchemy.orm import Session

from coding.analysis.filters import SegmentFilter, allowed_documents, raw_connection
from coding.analysis.quotes import one_line
from coding.errors import CancelledError, ValidationError
from coding.i18n import translate

if TYPE_CHECKING:  # spaCy takes a second to import: only a lemma search pays for it
    from spacy.lookups import Lookups, Table

SearchMode = Literal["word", "phrase", "regex", "lemma"]
ContextUnit = Literal["chars", "words"]
MODES: tuple[str, ...] = ("word", "phrase", "regex", "lemma")
# A document as a search reads it: id, name, language, case name (None without a case), text.
_SearchedDocument = tuple[int, str, str, str | None, str]
_WORD = re.compile(r"\w+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# How far to look for N context words: generous for English, a few characters per Chinese word.
_CHARS_PER_WORD = {"en": 30, "zh": 6}


@dataclass(frozen=True)
class Hit:
    """One match: ``text[start:end]`` of a document, with its context on either side."""

    document_id: int
    document: str
    language: str
    case: str | None
    start: int
    end: int
    match: str
    left: str
    right: str
    speaker: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def line(self, width: int = 40) -> str:
        """A one-line KWIC row: left context right-aligned, the match in brackets, right context — every
        character as in the text (line breaks shown as ⏎), no space added or removed around the match."""
        left = one_line(self.left)[-width:] if width else ""
        return f"{left:>{width}}[{one_line(self.match)}]{one_line(self.right)[:width]}"


# -- building matchers --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _english_lemma_table() -> Table | None:
    """The lookup table of the English pipeline's lemmatizer, or None (a trained pipeline has rules)."""
    from coding.nlp import get_pipeline

    nlp = get_pipeline("en")
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups: Lookups | None = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_lookup"):
        return None
    return lookups.get_table("lemma_lookup")


def english_lemma(word: str) -> str:
    """The lower-case lookup lemma of one English word (as written, else in lower case)."""
    table = _english_lemma_table()
    if table is None:
        from coding.nlp import tokenize_words

        words = tokenize_words(word, "en")
        return words[0].lemma if words else word.lower()
    lemma = table.get(word, None)
    if lemma is None:
        lemma = table.get(word.lower(), word)
    return str(lemma).lower()


def _edges(pattern: str, first: str, last: str, language: str) -> str:
    """Anchor a pattern at word edges where its ends are word characters (not for Chinese text)."""
    if language == "zh":
        return pattern
    before = r"(?<!\w)" if re.match(r"\w", first) else ""
    after = r"(?!\w)" if re.match(r"\w", last[-1:]) else ""
    return f"{before}{pattern}{after}"


def _phrase_pattern(query: str, language: str) -> str:
    words = query.split()
    gap = r"\s*" if language == "zh" else r"\s+"
    return _edges(gap.join(re.escape(w) for w in words), words[0], words[-1], language)


def _lemma_pattern(query: str, vocabulary: Iterable[str]) -> str | None:
    """An English pattern matching, at each query position, every word of the texts with that lemma."""
    wanted = [english_lemma(word) for word in query.split()]
    forms: dict[str, set[str]] = {lemma: {lemma} for lemma in wanted}
    for word in vocabulary:
        lemma = english_lemma(word)
        if lemma in forms:
            forms[lemma].add(word.lower())
    parts = ["(?:" + "|".join(re.escape(f) for f in sorted(forms[lemma], key=len, reverse=True)) + ")" for lemma in wanted]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def _flags(case_sensitive: bool) -> int:
    return 0 if case_sensitive else re.IGNORECASE


def compile_query(query: str, mode: str, language: str, *, case_sensitive: bool = False,
                  vocabulary: Iterable[str] = ()) -> re.Pattern[str] | None:
    """The regular expression a query becomes for one language (None: this mode tokenizes instead)."""
    if mode == "regex":
        try:
            return re.compile(query, _flags(case_sensitive))
        except re.error as exc:
            raise ValidationError(translate(
                "errors", "search '{query}': not a valid regular expression ({exc})").format(query=query, exc=exc)) from exc
    if language == "zh" and mode in ("word", "lemma") and len(query.split()) == 1:
        return None  # Chinese words come from jieba, not from a pattern
    if mode == "lemma" and language == "en":
        pattern = _lemma_pattern(query, vocabulary)
        return re.compile(pattern, _flags(case_sensitive)) if pattern else None
    return re.compile(_phrase_pattern(query, language), _flags(case_sensitive))


def _check(query: str, mode: str, context: int, unit: str) -> None:
    if mode not in MODES:
        raise ValidationError(translate(
            "errors", "unknown search mode '{mode}' (use {value})").format(mode=mode, value=', '.join(MODES)))
    if not query.strip():
        raise ValidationError(translate("errors", "nothing to search for: the query is empty"))
    if context < 0:
        raise ValidationError(translate("errors", "context must be 0 or more, not {context}").format(context=context))
    if unit not in ("chars", "words"):
        raise ValidationError(translate("errors", "context unit '{unit}': use 'chars' or 'words'").format(unit=unit))


# -- finding ------------------------------------------------------------------------------------


def _chinese_word_spans(text: str, query: str, case_sensitive: bool) -> list[tuple[int, int]]:
    """Occurrences of ``query`` that start and end on jieba word bounds.

    jieba may cut a term into several words (医联体 -> 医 / 联体), so a hit is a run of whole words,
    not a single token equal to the query.
    """
    haystack, wanted = (text, query) if case_sensitive else (text.lower(), query.lower())
    starts = [m.start() for m in re.finditer(re.escape(wanted), haystack)]
    if not starts:
        return []  # no need to segment a document that cannot contain the word
    from coding.nlp import tokenize_words

    words = tokenize_words(text, "zh")
    word_starts = {w.start for w in words}
    word_ends = {w.end for w in words}
    return [(start, start + len(wanted)) for start in starts
            if start in word_starts and start + len(wanted) in word_ends]


def _spans(text: str, pattern: re.Pattern[str] | None, query: str, case_sensitive: bool) -> list[tuple[int, int]]:
    if pattern is None:
        return _chinese_word_spans(text, query.strip(), case_sensitive)
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]


def find_in_text(text: str, query: str, language: str, *, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Code-point spans of ``query`` in one text, for find-in-document: a single word as ``word`` search
    (jieba words in Chinese), several words as ``phrase`` search. An empty query finds nothing."""
    query = query.strip()
    if not query:
        return []
    mode = "phrase" if len(query.split()) > 1 else "word"
    return _spans(text, compile_query(query, mode, language, case_sensitive=case_sensitive), query, case_sensitive)


def _context_bounds(text: str, start: int, end: int, context: int, unit: str, language: str) -> tuple[int, int]:
    if unit == "chars":
        return max(0, start - context), min(len(text), end + context)
    if context == 0:
        return start, end
    reach = context * _CHARS_PER_WORD.get(language, 30)
    left_from = max(0, start - reach)
    left_words = _word_spans(text[left_from:start], language)
    left = left_from + left_words[-context][0] if len(left_words) >= context else left_from
    right_words = _word_spans(text[end:end + reach], language)
    right = end + right_words[context - 1][1] if len(right_words) >= context else min(len(text), end + reach)
    return left, right


def _word_spans(text: str, language: str) -> list[tuple[int, int]]:
    if language == "zh" and _HAN.search(text):
        from coding.nlp import tokenize_words

        return [(w.start, w.end) for w in tokenize_words(text, "zh")]
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def _speakers(session: Session, document_id: int) -> tuple[list[int], list[str]]:
    rows = raw_connection(session).execute(
        "SELECT start, speaker FROM speaker_turns WHERE document_id = ? ORDER BY start", (document_id,)
    ).fetchall()
    return [r[0] for r in rows], [r[1] or "" for r in rows]


def search_text(
    session: Session,
    query: str,
    *,
    mode: str = "word",
    context: int = 40,
    unit: str = "chars",
    case_sensitive: bool = False,
    scope: SegmentFilter | None = None,
    limit: int | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[Hit]:
    """Every hit of ``query`` in the project's documents (or those ``scope`` allows), document order."""
    _check(query, mode, context, unit)
    documents = allowed_documents(session, scope) if scope is not None else None
    connection = raw_connection(session)
    rows: Iterable[_SearchedDocument] = connection.execute(
        "SELECT d.id, d.name, d.language, cs.name, d.text FROM documents d "
        "LEFT JOIN cases cs ON cs.id = d.case_id ORDER BY d.id"
    )
    wanted = [row for row in rows if documents is None or row[0] in documents]
    vocabulary = _vocabulary(wanted) if mode == "lemma" else ()
    patterns: dict[str, re.Pattern[str] | None] = {}
    hits: list[Hit] = []
    for document_id, name, language, case, text in wanted:
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "search cancelled"))
        if language not in patterns:
            patterns[language] = compile_query(query, mode, language, case_sensitive=case_sensitive,
                                               vocabulary=vocabulary)
        spans = _spans(text, patterns[language], query, case_sensitive)
        if not spans:
            continue
        turn_starts, speakers = _speakers(session, document_id)
        for start, end in spans:
            left, right = _context_bounds(text, start, end, context, unit, language)
            turn = bisect.bisect_right(turn_starts, start) - 1
            hits.append(Hit(document_id, name, language, case, start, end, text[start:end], text[left:start],
                            text[end:right], speakers[turn] if turn >= 0 else ""))
            if limit is not None and len(hits) >= limit:
                return hits
    return hits


def _vocabulary(rows: Sequence[_SearchedDocument]) -> set[str]:
    """Distinct words of the English texts: the candidates whose lemmas a lemma search compares."""
    words: set[str] = set()
    for row in rows:
        if row[2] != "zh":
            words.update(_WORD.findall(row[4]))
    return words


def code_hits(session: Session, hits: Sequence[Hit], *, code_id: int, coder_id: int, actor: str) -> list[str]:
    """Apply a code to every hit as a coder; returns the new codings' uuids (undo removes them).

    A hit that this coder already coded with this code at exactly these offsets is skipped, so
    coding the same search twice does not double the codings.
    """
    from coding.autocode.apply import Passage, apply_passages

    passages = [Passage(hit.document_id, hit.start, hit.end, code_id) for hit in hits]
    return apply_passages(session, passages, coder_id=coder_id, actor=actor)


__all__ = ["MODES", "Hit", "code_hits", "compile_query", "english_lemma", "find_in_text", "search_text"]
