"""Which text encoding a .txt/.md transcript is in — known for sure, guessed only when the guess is clear.

In order: a byte-order mark says what the file is; an encoding the user chose is used as told; valid UTF-8
is UTF-8 (legacy text is almost never valid UTF-8 by chance). Anything else is guessed with
charset-normalizer over the legacy encodings transcripts come in, and the guess is kept only when one
reading of the bytes is clearly better than every other; otherwise the file is refused with the readings
side by side, because a wrong guess would be stored as the document's immutable text.

charset-normalizer alone is not enough here: it readily reads Shift-JIS as GB18030 and English Windows
text as Shift-JIS or Mac Roman (each "decodes" cleanly). So readings are first filtered by facts no real
transcript contradicts: no C1 control characters; a CJK multi-byte reading needs mostly non-ASCII bytes;
CJK text is mostly common characters (mojibake through a CJK codec lands on rare ones); a byte that
only ever stands between an English word and a clitic (don?t, it?s, group?s) is an apostrophe.
"""

from __future__ import annotations

import codecs
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from coding.errors import ImportFileError
from coding.importing.options import canonical_encoding
from coding.i18n import QT_TRANSLATE_NOOP, translate

# Byte-order marks, checked before anything else (UTF-32 first: its LE mark starts with UTF-16's).
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings a transcript may come in, most likely first (the first of equal readings names it).
LEGACY_ENCODINGS = (
    "gb18030", "big5", "cp950", "big5hkscs", "cp932", "euc_jp", "cp949",
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "cp1258",
    "iso8859_2", "koi8_r", "mac_roman", "cp850",
)
CJK_MULTIBYTE = frozenset({"gb18030", "big5", "cp950", "big5hkscs", "cp932", "euc_jp", "cp949"})
#: A CJK reading needs at least this share of non-ASCII bytes (Chinese or Japanese text is nearly all).
MIN_CJK_BYTE_SHARE = 0.3
#: At most this share of the CJK characters of a reading may be rare ones.
MAX_RARE_CJK_SHARE = 0.25
#: A CJK guess needs at least this many non-ASCII bytes: on fewer, several codecs fit equally well.
MIN_CJK_EVIDENCE_BYTES = 32
#: Readings whose charset-normalizer "chaos" is within this of the best one are rivals.
RIVAL_CHAOS_MARGIN = 0.05
#: Times a byte must stand before an English clitic ('s, 't, 're …) to be taken for an apostrophe.
MIN_APOSTROPHES = 3
SAMPLE_CHARS = 200_000  # characters examined for rare CJK characters
GUESS_SAMPLE_BYTES = 2 << 20  # a larger file is guessed from its lines with non-ASCII bytes, up to this

_C1_CONTROLS = re.compile("[\x80-\x9f]")
# A non-ASCII byte inside English words only ever before a clitic (don?t, it?s, group?s, we?re) is an apostrophe.
_BYTE_AFTER_LETTER = re.compile(rb"(?<=[A-Za-z])([\x80-\xff])([A-Za-z]*)")
_CLITICS = frozenset({b"s", b"t", b"m", b"d", b"re", b"ve", b"ll"})
_APOSTROPHE_CLITIC = re.compile(r"(?<=[A-Za-z])[’'ʼ](?:[sStTmMdD]|re|ve|ll|RE|VE|LL)(?![^\W\d_])")
_SUGGESTION = QT_TRANSLATE_NOOP(
    "importing", "save it as UTF-8, or choose its encoding when importing (--encoding, or Text encoding in the dialog)")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python's codec name: utf-8, utf-8-sig, utf-16-le, gb18030, big5, cp932, cp1252 …
    how: str  # "bom" | "chosen" | "utf-8" | "detected"


@dataclass(frozen=True)
class _Reading:
    text: str
    encoding: str
    chaos: float
    coherence: float

    @property
    def rank(self) -> tuple[float, float, int]:
        return round(self.chaos, 3), -round(self.coherence, 3), LEGACY_ENCODINGS.index(self.encoding)


def decode_bytes(path: Path, data: bytes, chosen: str | None = None) -> Decoded:
    """The text of ``data`` and how its encoding was known; refuses with an ImportFileError naming ``path``."""
    if chosen:
        chosen = canonical_encoding(chosen)
        return Decoded(_decode_as(path, data, chosen), chosen, "chosen")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return Decoded(_decode_as(path, data[len(bom):], encoding), encoding, "bom")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(path, data, exc)
    return _guess(path, data)


def _decode_as(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding.removesuffix("-sig"))
    except UnicodeDecodeError as exc:
        where = _position(data, exc.start)
        raise ImportFileError(
            path, translate(
                "errors", "cannot decode the text as {encoding} (byte 0x{value:02x} {where} does not fit); save it "
                "as UTF-8 or choose another encoding").format(encoding=encoding, value=data[exc.start], where=where)
        ) from None


def _position(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return translate("importing", "at offset {offset}, line {line}").format(offset=offset, line=line)


def _refuse_damaged_utf8(path: Path, data: bytes, error: UnicodeDecodeError) -> None:
    """Text that is nearly all valid UTF-8 is UTF-8 with damage or pasted-in bytes: no legacy guess fits it."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # non-ASCII characters decoded
    if good >= 10 and bad * 10 <= good:
        raise ImportFileError(
            path, translate(
                "errors", "is mostly UTF-8, but byte 0x{value:02x} {value2} is not (a damaged file, or text in two "
                "encodings); save it as UTF-8 again").format(
                value=data[error.start], value2=_position(data, error.start))
        )


# -- guessing --------------------------------------------------------------------------------------
def _guess(path: Path, data: bytes) -> Decoded:
    sample = _evidence(data)
    readings = _plausible_readings(sample)
    if not readings:
        raise ImportFileError(
            path, translate(
                "errors", "cannot decode the text as UTF-8 or a common legacy encoding (GB18030, Big5, Shift-JIS, "
                "EUC-KR, Windows code pages); {SUGGESTION}").format(SUGGESTION=translate("importing", _SUGGESTION))
        )
    best, *others = readings
    rivals = [reading for reading in others if reading.chaos < best.chaos + RIVAL_CHAOS_MARGIN]
    too_little = best.encoding in CJK_MULTIBYTE and _non_ascii(sample) < MIN_CJK_EVIDENCE_BYTES
    if rivals or too_little:
        guesses = _guesses(best, rivals or others)
        raise ImportFileError(path, translate(
            "errors", "cannot tell the text encoding ({guesses}); {SUGGESTION}").format(
            guesses=guesses, SUGGESTION=translate("importing", _SUGGESTION)))
    text = best.text if sample is data else _decode_as(path, data, best.encoding)
    return Decoded(text, codecs.lookup(best.encoding).name, "detected")


def _evidence(data: bytes) -> bytes:
    """What the guess is made from: ``data`` itself, or for a large file its lines that hold non-ASCII
    bytes (where encodings differ), up to GUESS_SAMPLE_BYTES; each reading is then a few MB at most."""
    if len(data) <= GUESS_SAMPLE_BYTES:
        return data
    lines: list[bytes] = []
    size = 0
    for line in io.BytesIO(data):  # "\n" is never part of a multi-byte character in these encodings
        if not line.isascii():
            lines.append(line)
            size += len(line)
            if size >= GUESS_SAMPLE_BYTES:
                break
    return b"".join(lines)


def _plausible_readings(data: bytes) -> list[_Reading]:
    """Each distinct text the legacy encodings make of ``data`` that survives the filters, best first."""
    from charset_normalizer import from_bytes  # imported on first use: most transcripts are UTF-8

    cjk_possible = _non_ascii(data) >= MIN_CJK_BYTE_SHARE * len(data)
    apostrophes = 0 if cjk_possible else _apostrophes_in_bytes(data)  # CJK trail bytes can be ASCII letters
    by_text: dict[str, _Reading] = {}
    for match in from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS), preemptive_behaviour=False):
        # charset-normalizer folds encodings giving the same text into one match; name the likeliest.
        names = [name for name in (match.encoding, *match.could_be_from_charset) if name in LEGACY_ENCODINGS]
        if not names:
            continue
        encoding = min(names, key=LEGACY_ENCODINGS.index)
        text = str(match)
        if _C1_CONTROLS.search(text) or (encoding in CJK_MULTIBYTE and not cjk_possible):
            continue
        if _rare_cjk_share(text) > MAX_RARE_CJK_SHARE or len(_APOSTROPHE_CLITIC.findall(text)) < apostrophes:
            continue
        reading = _Reading(text, encoding, match.chaos, match.coherence)
        if text not in by_text or reading.rank < by_text[text].rank:
            by_text[text] = reading
    return sorted(by_text.values(), key=lambda reading: reading.rank)


def _non_ascii(data: bytes) -> int:
    return len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))


def _apostrophes_in_bytes(data: bytes) -> int:
    """How often one non-ASCII byte stands between an English word and a clitic, if that byte never
    continues a word otherwise (it may also end one: a closing quote, "patients’"); else 0."""
    uses: dict[int, list[bytes]] = {}
    for match in _BYTE_AFTER_LETTER.finditer(data):
        uses.setdefault(match.group(1)[0], []).append(match.group(2).lower())
    counts = [
        sum(rest in _CLITICS for rest in after)
        for after in uses.values()
        if all(not rest or rest in _CLITICS for rest in after)
    ]
    return max(counts) if counts and max(counts) >= MIN_APOSTROPHES else 0


def _rare_cjk_share(text: str) -> float:
    """The share of a text's CJK characters outside the common sets (GB2312, Big5 level 1, JIS level 1, KS Hangul)."""
    common = _common_cjk()
    cjk = rare = 0
    for char in text[:SAMPLE_CHARS]:
        if char < "\u2e80" or "\uff01" <= char <= "\uff5e":  # below the CJK blocks, or fullwidth ASCII
            continue
        cjk += 1
        rare += char not in common
    return rare / cjk if cjk else 0.0


@functools.cache
def _common_cjk() -> frozenset[str]:
    """Every character of the everyday CJK sets, built from Python's own codecs (~13,000 characters)."""
    high = range(0xA1, 0xFF)
    return frozenset(
        _two_byte_chars("gb2312", range(0xA1, 0xF8), high)  # GB2312: simplified Chinese
        | _two_byte_chars("big5", range(0xA1, 0xC7), [*range(0x40, 0x7F), *high])  # Big5 symbols + level 1
        | _two_byte_chars("euc_jp", range(0xA1, 0xD0), high)  # JIS X 0208 symbols, kana, level-1 kanji
        | _two_byte_chars("euc_kr", [*range(0xA1, 0xAD), *range(0xB0, 0xC9)], high)  # KS X 1001 symbols, Hangul
    )


def _two_byte_chars(codec: str, leads: range | list[int], trails: range | list[int]) -> set[str]:
    chars: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.update(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def _guesses(best: _Reading, others: list[_Reading]) -> str:
    """"best guesses: cp1252 “naïve”, cp1250 “naďve”": each reading with a sample where they differ."""
    shown = [best, *others[:2]]
    samples = [_sample(reading.text, next((o.text for o in shown if o is not reading), "")) for reading in shown]
    named = (
        f"{reading.encoding} “{sample}”" if sample else reading.encoding
        for reading, sample in zip(shown, samples, strict=True)
    )
    return translate("importing", "best guesses: {readings}").format(readings=", ".join(named))


def _sample(text: str, other: str, width: int = 12) -> str:
    """The word of ``text`` where it first differs from ``other`` (a few characters either side)."""
    index = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), None)
    if index is None:
        return ""
    start, end = index, index + 1
    while start > 0 and index - start < width // 2 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and end - index < width and not text[end].isspace():
        end += 1
    return " ".join(text[start:end].split())


__all__ = ["BOMS", "LEGACY_ENCODINGS", "Decoded", "decode_bytes"]
