"""Dictionary patterns: parse one entry line, compile a dictionary's entries once, and find their hits.

An entry is one of (all matching ignores case):

* a word, ``hospital``; several words, ``waiting list`` or ``"waiting list"``, are a phrase (consecutive words;
  punctuation between them breaks the phrase);
* a wildcard, ``referr*``, ``*care``, ``re*al``: ``*`` stands for any letters within one token;
* a lemma, ``@walk``: every word whose dictionary form (spaCy's English lookup lemmatiser) is that of ``walk``
  (walk, walks, walked, walking); in Chinese a word is its own lemma;
* a proximity rule, ``budget NEAR/5 hospital``: both sides (a word, wildcard, lemma or phrase each) at most 5 word
  positions apart, in either order; the hit spans both;
* ``NOT pattern``: an exclusion of the category; a hit of the category lying inside one of its exclusion's hits
  does not count (``care`` but ``NOT "care home"``).

Documents are tokenised once (spaCy's tokenizer; jieba through spaCy for Chinese) and kept by sha256. A Chinese
term matches its characters in the text whatever jieba's cuts: ``医联体`` finds jieba's ``医`` + ``联体`` and the
``医联体`` inside ``由医`` + ``联体`` (a space between the characters breaks it). Words, wildcards and lemmas match
whole tokens.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from coding.errors import ValidationError
from coding.i18n import translate

NEAR = re.compile(r"NEAR/(\d+)")
_PART = re.compile(r'"[^"]*"|[^\s"]+')
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
EXCLUSION_PREFIX = "NOT "
MAX_DISTANCE = 1000
PHRASE_MARGIN = 64  # words a right-hand phrase may span: where to start looking before a left-hand hit
CACHED_DOCUMENTS = 256  # tokenised documents kept per process (by sha256)


class PatternError(ValidationError):
    """A dictionary entry that cannot be read; the message names the problem."""


# -- parsing ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One word of a pattern: ``kind`` is "word", "wildcard" or "lemma"; ``text`` lower-cased, without ``@``."""

    kind: str
    text: str


@dataclass(frozen=True)
class ParsedPattern:
    """An entry read: a phrase (``left``), or two phrases ``distance`` words apart at most (``right``)."""

    left: tuple[Term, ...]
    right: tuple[Term, ...] = ()
    distance: int = 0
    exclusion: bool = False


def split_exclusion(line: str) -> tuple[str, bool]:
    """``("care home", True)`` for ``NOT "care home"``; the pattern itself otherwise."""
    text = line.strip()
    if text == "NOT" or text.startswith(EXCLUSION_PREFIX):
        return text[len("NOT"):].strip(), True
    return text, False


def parse_pattern(line: str) -> ParsedPattern:
    """Read one entry (with or without ``NOT``); raises :class:`PatternError` saying what is wrong."""
    text, exclusion = split_exclusion(line)
    if not text:
        raise PatternError("NOT needs a pattern after it" if exclusion else "the entry is empty")
    if text.count('"') % 2:
        raise PatternError(translate("errors", "unbalanced quote in {text!r}").format(text=text))
    parts = _PART.findall(text)
    near_matches = {i: found for i, part in enumerate(parts) if (found := NEAR.fullmatch(part))}
    nears = sorted(near_matches)
    if any(part.upper().startswith("NEAR/") or part.upper() == "NEAR" for i, part in enumerate(parts)
           if i not in nears):
        raise PatternError(translate(
            "errors", "write proximity as NEAR/<words>, e.g. 'budget NEAR/5 hospital', not {text!r}").format(
            text=text))
    if len(nears) > 1:
        raise PatternError(translate("errors", "only one NEAR/ per entry: {text!r}").format(text=text))
    if not nears:
        return ParsedPattern(_phrase(parts, text), exclusion=exclusion)
    at = nears[0]
    distance = int(near_matches[at].group(1))
    if not 1 <= distance <= MAX_DISTANCE:
        raise PatternError(translate(
            "errors", "NEAR/{distance}: the distance must be 1 to {MAX_DISTANCE} words").format(
            distance=distance, MAX_DISTANCE=MAX_DISTANCE))
    if at == 0 or at == len(parts) - 1:
        raise PatternError(translate(
            "errors", "NEAR/{distance} needs a pattern on each side: {text!r}").format(distance=distance, text=text))
    return ParsedPattern(_phrase(parts[:at], text), _phrase(parts[at + 1:], text), distance, exclusion)


def _phrase(parts: Sequence[str], whole: str) -> tuple[Term, ...]:
    words: list[str] = []
    for part in parts:
        if part.startswith('"'):
            inner = part[1:-1].split()
            if not inner:
                raise PatternError(translate("errors", "empty quotes in {whole!r}").format(whole=whole))
            words.extend(inner)
        else:
            words.append(part)
    return tuple(_term(word, whole) for word in words)


def _term(word: str, whole: str) -> Term:
    lowered = word.lower()
    if lowered.startswith("@"):
        lemma = lowered[1:]
        if not lemma or "@" in lemma or "*" in lemma:
            raise PatternError(translate(
                "errors", "{word!r}: a lemma is @ and one plain word, e.g. @walk (in {whole!r})").format(
                word=word, whole=whole))
        return Term("lemma", lemma)
    if "*" in lowered:
        if not lowered.strip("*"):
            raise PatternError(translate(
                "errors", "{word!r} would match every word (in {whole!r})").format(word=word, whole=whole))
        return Term("wildcard", lowered)
    return Term("word", lowered)


def check_pattern(line: str) -> str:
    """The entry as stored (trimmed), once it reads; raises :class:`PatternError` otherwise."""
    parse_pattern(line)
    return line.strip()


# -- documents as tokens -----------------------------------------------------------------------------------
@dataclass
class Tokens:
    """A document's tokens (whitespace left out, punctuation kept: it breaks phrases): offsets into its text,
    lower-cased texts, each token's word position (punctuation does not count), and where each text occurs."""

    text: str
    starts: list[int]
    ends: list[int]
    texts: list[str]
    word_at: list[int]
    positions: dict[str, list[int]] = field(default_factory=dict)

    def holding(self, char: int) -> int:
        """The token holding (or, in a gap, next after) the character at ``char``."""
        at = bisect_right(self.starts, char) - 1
        return at if at >= 0 and char < self.ends[at] else at + 1

    @staticmethod
    def of(text: str, language: str) -> Tokens:
        """Tokenise with spaCy's tokenizer only, reading the tokens as arrays (a Python ``Token`` per word costs
        more than the tokenising)."""
        import numpy as np

        from coding.nlp import get_pipeline

        doc = get_pipeline("zh" if language == "zh" else "en").tokenizer(text)
        if not len(doc):
            return Tokens(text, [], [], [], [], {})
        table = doc.to_array(["IDX", "LENGTH", "IS_SPACE", "IS_PUNCT", "LOWER"]).astype(np.int64, copy=False)
        table = table[table[:, 2] == 0]
        is_word = 1 - table[:, 3]
        hashes, inverse = np.unique(table[:, 4].astype(np.uint64), return_inverse=True)
        strings = [doc.vocab.strings[int(value)] for value in hashes]
        order = np.argsort(inverse, kind="stable")
        cuts = np.searchsorted(inverse[order], np.arange(1, len(strings)))
        positions = {word: at.tolist() for word, at in zip(strings, np.split(order, cuts), strict=True)}
        return Tokens(text, table[:, 0].tolist(), (table[:, 0] + table[:, 1]).tolist(),
                      [strings[i] for i in inverse.tolist()], (np.cumsum(is_word) - is_word).tolist(), positions)


_token_cache: OrderedDict[tuple[str, str], Tokens] = OrderedDict()
_token_lock = threading.Lock()


def document_tokens(text: str, language: str, sha256: str = "") -> Tokens:
    """The tokens of a document, tokenised once per process and kept by ``sha256`` (when given)."""
    key = (sha256, language)
    if sha256:
        with _token_lock:
            cached = _token_cache.get(key)
            if cached is not None:
                _token_cache.move_to_end(key)
                return cached
    tokens = Tokens.of(text, language)
    if sha256:
        with _token_lock:
            _token_cache[key] = tokens
            while len(_token_cache) > CACHED_DOCUMENTS:
                _token_cache.popitem(last=False)
    return tokens


@lru_cache(maxsize=1)
def _lemma_table() -> Callable[[str], str]:
    from coding.nlp import get_pipeline

    # spaCy is imported first under coding.nlp's lock: two threads importing it at once (this one and the window's
    # warm-up building a pipeline) see a half-imported module and fail.
    get_pipeline("en")
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")

    def lemma(word: str) -> str:
        found = table.get(word)
        return found.lower() if isinstance(found, str) else word
    return lemma


def lemma_of(word: str) -> str:
    """The dictionary form of an English word (lower case); the word itself when the table does not know it."""
    return _lemma_table()(word.lower())


# -- compiled matching --------------------------------------------------------------------------------------
# An occurrence: tokens [first, after) and the characters [start, end) it covers (a Chinese term may begin or
# end inside one of jieba's tokens).
Occurrence = tuple[int, int, int, int]


class _Element:
    """One compiled term: where it occurs in a document, and whether it continues a phrase at a token."""

    def starts(self, tokens: Tokens, index: _DocumentIndex) -> list[int]:
        raise NotImplementedError

    def occurrences(self, tokens: Tokens, index: _DocumentIndex) -> list[Occurrence]:
        return [(at, tokens.starts[at], at + 1, tokens.ends[at]) for at in self.starts(tokens, index)]

    def reach(self, tokens: Tokens, at: int, index: _DocumentIndex) -> tuple[int, int] | None:
        """(token after, character after) of a match beginning at token ``at``; None when it does not match."""
        return (at + 1, tokens.ends[at]) if self.matches(tokens.texts[at], index) else None

    def matches(self, text: str, index: _DocumentIndex) -> bool:
        raise NotImplementedError


class _Word(_Element):
    def __init__(self, text: str) -> None:
        self.text = text

    def starts(self, tokens: Tokens, index: _DocumentIndex) -> list[int]:
        return tokens.positions.get(self.text, [])

    def matches(self, text: str, index: _DocumentIndex) -> bool:
        return text == self.text


class _Spelled(_Element):
    """A Chinese term: its characters in the text, wherever jieba cut them (never across a space)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def occurrences(self, tokens: Tokens, index: _DocumentIndex) -> list[Occurrence]:
        found: list[Occurrence] = []
        lowered = index.lowered
        at = lowered.find(self.text)
        while at >= 0:
            end = at + len(self.text)
            found.append((tokens.holding(at), at, tokens.holding(end - 1) + 1, end))
            at = lowered.find(self.text, at + 1)
        return found

    def reach(self, tokens: Tokens, at: int, index: _DocumentIndex) -> tuple[int, int] | None:
        begin = tokens.starts[at]
        if not index.lowered.startswith(self.text, begin):
            return None
        end = begin + len(self.text)
        return tokens.holding(end - 1) + 1, end


class _Wildcard(_Element):
    def __init__(self, text: str, slot: int) -> None:
        self.text, self.slot = text, slot
        self.regex = re.compile(wildcard_regex(text))

    def starts(self, tokens: Tokens, index: _DocumentIndex) -> list[int]:
        return index.wildcard_positions(self.slot)

    def matches(self, text: str, index: _DocumentIndex) -> bool:
        return self.slot in index.matcher.wildcards_of(text)


class _Lemma(_Element):
    def __init__(self, word: str) -> None:
        self.lemma = lemma_of(word)

    def starts(self, tokens: Tokens, index: _DocumentIndex) -> list[int]:
        return index.lemma_positions(self.lemma)

    def matches(self, text: str, index: _DocumentIndex) -> bool:
        return index.matcher.lemma_in(text, index.language) == self.lemma


def wildcard_regex(text: str) -> str:
    return ".*".join(re.escape(piece) for piece in text.split("*"))


# A hit: ``text[start:end]`` matched ``pattern`` (an entry as written) of the category ``key``, as
# (start, end, key, pattern). A plain tuple in text order: a corpus may have hundreds of thousands of hits, and
# making a named tuple or dataclass for each costs more than finding it.
Hit = tuple[int, int, int, str]


@dataclass
class _Compiled:
    raw: str
    left: list[_Element]
    right: list[_Element]
    distance: int


@dataclass
class CategoryPatterns:
    """A category's entries as written: ``key`` identifies it in the hits (its id)."""

    key: int
    entries: Sequence[str]
    exclusions: Sequence[str] = ()


class _DocumentIndex:
    """Per-document positions of the wildcard slots and lemmas, each computed once from the document's types."""

    def __init__(self, matcher: Matcher, tokens: Tokens, language: str) -> None:
        self.matcher, self.tokens, self.language = matcher, tokens, language
        self._wildcards: dict[int, list[int]] | None = None
        self._lemmas: dict[str, list[int]] | None = None
        self._lowered: str | None = None

    @property
    def lowered(self) -> str:
        """The text in lower case (Chinese terms are found in it); same length: offsets stay valid."""
        if self._lowered is None:
            lowered = self.tokens.text.lower()
            self._lowered = lowered if len(lowered) == len(self.tokens.text) else self.tokens.text
        return self._lowered

    def wildcard_positions(self, slot: int) -> list[int]:
        if self._wildcards is None:
            found: dict[int, list[int]] = defaultdict(list)
            for text, at in self.tokens.positions.items():
                for matched in self.matcher.wildcards_of(text):
                    found[matched].extend(at)
            self._wildcards = {slot: sorted(at) for slot, at in found.items()}
        return self._wildcards.get(slot, [])

    def lemma_positions(self, lemma: str) -> list[int]:
        if self._lemmas is None:
            found: dict[str, list[int]] = defaultdict(list)
            wanted = self.matcher.lemmas
            for text, at in self.tokens.positions.items():
                form = self.matcher.lemma_in(text, self.language)
                if form in wanted:
                    found[form].extend(at)
            self._lemmas = {form: sorted(at) for form, at in found.items()}
        return self._lemmas.get(lemma, [])


class Matcher:
    """A dictionary's entries compiled once; :meth:`hits` finds them in one tokenised document."""

    def __init__(self, categories: Iterable[CategoryPatterns]) -> None:
        self._wildcards: list[re.Pattern[str]] = []
        self._wildcard_cache: dict[str, tuple[int, ...]] = {}
        self._any_wildcard: re.Pattern[str] | None = None
        self._lemma_cache: dict[str, str] = {}
        self.lemmas: set[str] = set()
        self.categories: list[tuple[int, list[_Compiled], list[_Compiled]]] = []
        for category in categories:
            entries = [self._compile(raw) for raw in category.entries]
            exclusions = [self._compile(raw) for raw in category.exclusions]
            self.categories.append((category.key, entries, exclusions))
        if self._wildcards:
            self._any_wildcard = re.compile("|".join(f"(?:{w.pattern})" for w in self._wildcards))

    def _compile(self, raw: str) -> _Compiled:
        parsed = parse_pattern(raw)
        return _Compiled(raw, self._elements(parsed.left), self._elements(parsed.right), parsed.distance)

    def _elements(self, terms: Sequence[Term]) -> list[_Element]:
        elements: list[_Element] = []
        for term in terms:
            if term.kind == "lemma":
                element = _Lemma(term.text)
                self.lemmas.add(element.lemma)
                elements.append(element)
            elif term.kind == "wildcard":
                wildcard = _Wildcard(term.text, len(self._wildcards))
                self._wildcards.append(wildcard.regex)
                elements.append(wildcard)
            elif _CJK.search(term.text):
                previous = elements[-1] if elements else None
                if isinstance(previous, _Spelled):  # "双向 转诊": Chinese words of a phrase are one string
                    elements[-1] = _Spelled(previous.text + term.text)
                else:
                    elements.append(_Spelled(term.text))
            else:
                elements.extend(_Word(word) for word in _english_tokens(term.text))
        return elements

    def wildcards_of(self, text: str) -> tuple[int, ...]:
        """Slots of the wildcards that match a token text (cached: a corpus has far fewer types than tokens)."""
        found = self._wildcard_cache.get(text)
        if found is None:
            if self._any_wildcard is None or not self._any_wildcard.fullmatch(text):
                found = ()
            else:
                found = tuple(slot for slot, regex in enumerate(self._wildcards) if regex.fullmatch(text))
            self._wildcard_cache[text] = found
        return found

    def lemma_in(self, text: str, language: str) -> str:
        if language == "zh":
            return text
        found = self._lemma_cache.get(text)
        if found is None:
            found = self._lemma_cache[text] = lemma_of(text)
        return found

    def hits(self, tokens: Tokens, language: str) -> list[Hit]:
        """Every hit in the document, one per (category, span), exclusions applied, in text order."""
        index = _DocumentIndex(self, tokens, language)
        found: list[Hit] = []
        for key, entries, exclusions in self.categories:
            spans: dict[tuple[int, int], str] = {}
            for entry in reversed(entries):  # the first entry that finds a span names it
                spans.update(dict.fromkeys(_spans(entry, tokens, index), entry.raw))
            if not spans:
                continue
            excluded = _Excluded([span for entry in exclusions for span in _spans(entry, tokens, index)])
            if excluded.starts:
                found.extend([(start, end, key, raw) for (start, end), raw in spans.items()
                              if not excluded.covers(start, end)])
            else:
                found.extend([(start, end, key, raw) for (start, end), raw in spans.items()])
        found.sort()
        return found


@lru_cache(maxsize=4096)
def _english_tokens(text: str) -> tuple[str, ...]:
    """A word as the documents' tokenizer cuts it ("don't" is "do" + "n't")."""
    from coding.nlp import get_pipeline

    return tuple(token.lower_ for token in get_pipeline("en").tokenizer(text) if not token.is_space) or (text,)


def _sequence(elements: Sequence[_Element], tokens: Tokens, index: _DocumentIndex) -> list[Occurrence]:
    """Where the elements occur one right after another (a phrase)."""
    found: list[Occurrence] = []
    total = len(tokens.texts)
    for first, start, after, end in elements[0].occurrences(tokens, index):
        for element in elements[1:]:
            if after >= total or tokens.ends[after - 1] != end:
                break  # at the text's end, or the last term ended inside a token: nothing follows it
            step = element.reach(tokens, after, index)
            if step is None:
                break
            after, end = step
        else:
            found.append((first, start, after, end))
    return found


def _spans(entry: _Compiled, tokens: Tokens, index: _DocumentIndex) -> list[tuple[int, int]]:
    """Character spans of an entry's hits in a document."""
    if not entry.right and not any(isinstance(element, _Spelled) for element in entry.left):
        return _token_phrase(entry.left, tokens, index)  # words, wildcards, lemmas: the common case, kept short
    left = _sequence(entry.left, tokens, index)
    if not entry.right:
        return [(start, end) for _, start, _, end in left]
    right = _sequence(entry.right, tokens, index)
    if not left or not right:
        return []
    right_words = [tokens.word_at[occurrence[0]] for occurrence in right]
    spans: list[tuple[int, int]] = []
    for occurrence in left:
        partner = _nearest(tokens, occurrence, right, right_words, entry.distance)
        if partner is not None:
            spans.append((min(occurrence[1], partner[1]), max(occurrence[3], partner[3])))
    return spans


def _token_phrase(elements: Sequence[_Element], tokens: Tokens, index: _DocumentIndex) -> list[tuple[int, int]]:
    """Spans of one token element, or of several on consecutive tokens (no Chinese term among them)."""
    starts, ends, texts = tokens.starts, tokens.ends, tokens.texts
    first = elements[0].starts(tokens, index)
    if len(elements) == 1:
        return [(starts[at], ends[at]) for at in first]
    rest, total = elements[1:], len(texts)
    found: list[tuple[int, int]] = []
    for at in first:
        after = at + 1
        for element in rest:
            if after >= total or not element.matches(texts[after], index):
                break
            after += 1
        else:
            found.append((starts[at], ends[after - 1]))
    return found


def _nearest(tokens: Tokens, left: Occurrence, right: list[Occurrence], right_words: list[int],
             distance: int) -> Occurrence | None:
    """The right-hand occurrence closest to ``left`` within ``distance`` word positions, either side."""
    first_word, last_word = tokens.word_at[left[0]], tokens.word_at[left[2] - 1]
    low = bisect_left(right_words, first_word - distance - PHRASE_MARGIN)
    high = bisect_right(right_words, last_word + distance)
    best: tuple[int, Occurrence] | None = None
    for candidate in right[low:high]:
        if candidate == left:
            continue
        if candidate[0] >= left[2]:
            gap = tokens.word_at[candidate[0]] - last_word
        elif candidate[2] <= left[0]:
            gap = first_word - tokens.word_at[candidate[2] - 1]
        else:
            gap = 0  # overlapping occurrences
        if gap <= distance and (best is None or gap < best[0]):
            best = (gap, candidate)
    return None if best is None else best[1]


class _Excluded:
    """Spans of a category's exclusions; :meth:`covers` asks whether one holds a hit."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def covers(self, start: int, end: int) -> bool:
        at = bisect_right(self.starts, start)
        return at > 0 and self.reach[at - 1] >= end


__all__ = [
    "CategoryPatterns", "Hit", "Matcher", "ParsedPattern", "PatternError", "Term", "Tokens", "check_pattern",
    "document_tokens", "lemma_of", "parse_pattern", "split_exclusion",
]
