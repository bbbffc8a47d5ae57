"""Text encodings of .txt transcripts: known ones read, legacy ones detected only when clear, never stored wrong.

Before: every non-UTF-8 file without a byte-order mark was decoded as GB18030, which accepts almost any bytes,
so Big5, Shift-JIS and Windows-1252 transcripts were stored as mojibake (immutable document text).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from sqlalchemy import select

from coding.errors import ImportFileError, ValidationError
from coding.importing import ImportOptions, import_paths
from coding.importing.read import read_source
from models import Document
from tests.core.import_samples import (
    CZECH,
    ENGLISH_APOSTROPHES,
    ENGLISH_WINDOWS,
    JAPANESE,
    KOREAN,
    RUSSIAN,
    SPANISH,
    TRADITIONAL_CHINESE,
)

SIMPLIFIED_CHINESE = (Path(__file__).parents[2] / "resources/demo/transcripts/P03_tianchang_director.txt").read_text(
    encoding="utf-8"
)


def _file(tmp_path: Path, data: bytes, name: str = "notes.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- realistic interview length: read right, and the encoding named ------------------------------------
@pytest.mark.parametrize(
    ("text", "codec", "named"),
    [
        (SIMPLIFIED_CHINESE, "gb18030", "gb18030"),
        (SIMPLIFIED_CHINESE, "gbk", "gb18030"),  # GBK is a subset of GB18030: the same text
        (TRADITIONAL_CHINESE * 8, "big5", "big5"),
        (TRADITIONAL_CHINESE * 8, "gb18030", "gb18030"),  # Traditional characters saved on a mainland computer
        (JAPANESE * 8, "shift_jis", "cp932"),  # cp932 is Windows' Shift-JIS (a superset)
        (JAPANESE * 8, "euc_jp", "euc_jp"),
        (KOREAN * 8, "euc_kr", "cp949"),
        (ENGLISH_APOSTROPHES * 8, "cp1252", "cp1252"),
        (ENGLISH_APOSTROPHES * 8, "mac_roman", "mac-roman"),
        (SIMPLIFIED_CHINESE, "utf-8", "utf-8"),
        (ENGLISH_WINDOWS, "utf-8", "utf-8"),
    ],
    ids=["gb18030", "gbk", "big5", "traditional-gb18030", "shift-jis", "euc-jp", "euc-kr", "cp1252", "mac-roman",
         "utf8-zh", "utf8-en"],
)
def test_interview_length_files_are_read_in_their_encoding(tmp_path: Path, text: str, codec: str, named: str) -> None:
    source = read_source(_file(tmp_path, text.encode(codec)))
    assert (source.text, source.encoding) == (text, named)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
     (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")],
)
@pytest.mark.parametrize(
    "text", [SIMPLIFIED_CHINESE, ENGLISH_WINDOWS, "Q: 好", "😀"], ids=["zh", "en", "short", "emoji"]
)
def test_a_byte_order_mark_decides_even_for_short_files(tmp_path: Path, bom: bytes, codec: str, text: str) -> None:
    source = read_source(_file(tmp_path, bom + text.encode(codec)))
    assert source.text == text  # UTF-32's mark starts with UTF-16's: it is checked first
    assert source.encoding == ("utf-8-sig" if codec == "utf-8" else codec)


def test_big5_and_shift_jis_are_no_longer_stored_as_gb18030_mojibake(import_project, tmp_path: Path) -> None:
    big5 = _file(tmp_path, (TRADITIONAL_CHINESE * 4).encode("big5"), "台中訪談.txt")
    sjis = _file(tmp_path, (JAPANESE * 4).encode("shift_jis"), "病院.txt")
    report = import_paths(import_project, [big5, sjis])
    assert [task.status for task in report.items] == ["imported", "imported"], report.summary
    with import_project.session() as session:
        stored = {d.name: (d.encoding, d.text) for d in session.scalars(select(Document))}
    assert stored == {
        "台中訪談": ("big5", (TRADITIONAL_CHINESE * 4).strip()),
        "病院": ("cp932", (JAPANESE * 4).strip()),
    }
    assert report.items[0].message.endswith("text in big5)") and report.items[0].encoding == "big5"


# -- short files: a guess is right or refused, never wrong ----------------------------------------------
SHORT_CASES = [
    (text, codec)
    for text, codecs_ in [
        (SIMPLIFIED_CHINESE, ("gb18030",)),
        (TRADITIONAL_CHINESE, ("big5", "gb18030")),
        (JAPANESE, ("shift_jis", "euc_jp")),
        (KOREAN, ("euc_kr",)),
        (ENGLISH_WINDOWS, ("cp1252", "mac_roman")),
        (ENGLISH_APOSTROPHES, ("cp1252", "mac_roman")),
        (CZECH, ("cp1250", "iso8859_2")),
        (RUSSIAN, ("cp1251", "koi8_r")),
        (SPANISH, ("cp1252", "mac_roman", "cp850")),
    ]
    for codec in codecs_
]


@pytest.mark.parametrize(("text", "codec"), SHORT_CASES, ids=[f"{t[:3]}-{c}" for t, c in SHORT_CASES])
def test_short_files_are_read_right_or_refused_never_misread(tmp_path: Path, text: str, codec: str) -> None:
    outcomes = {"read": 0, "refused": 0}
    for length in (4, 8, 16, 32, 64, 128, 256, 512):
        for offset in (0, 40, 120):
            piece = text[offset : offset + length]
            try:
                data = piece.encode(codec)
            except UnicodeEncodeError:  # a character the encoding lacks (cp850 has no curly quotes)
                continue
            if piece.isascii():
                continue
            try:
                source = read_source(_file(tmp_path, data))
            except ImportFileError as refused:
                assert "cannot tell the text encoding" in str(refused) or "cannot decode" in str(refused)
                outcomes["refused"] += 1
                continue
            assert source.text == piece, f"{length} characters at {offset} read as {source.encoding}"
            outcomes["read"] += 1
    assert outcomes["read"] + outcomes["refused"] > 0


def test_a_too_short_cjk_file_is_refused_with_the_candidates(tmp_path: Path) -> None:
    path = _file(tmp_path, "访谈者：院长您好".encode("gb18030"))
    with pytest.raises(ImportFileError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: cannot tell the text encoding (best guesses: ")
    assert message.endswith("save it as UTF-8, or choose its encoding when importing (--encoding, or Text encoding "
                            "in the dialog)")


# -- unclear files: refused, with the readings side by side; the user's choice decides -----------------
def test_accented_windows_text_is_ambiguous_and_refused_showing_each_reading(import_project, import_counts,
                                                                             tmp_path: Path) -> None:
    path = _file(tmp_path, ENGLISH_WINDOWS.encode("cp1252"))
    before = import_counts()
    [task] = import_paths(import_project, [path]).items
    assert task.status == "failed"
    assert "cannot tell the text encoding (best guesses: " in task.message
    assert "cp1252 “naïve”" in task.message and "cp1250 “naďve”" in task.message  # what each would store
    assert import_counts() == before


@pytest.mark.parametrize(
    ("text", "codec"),
    [(ENGLISH_WINDOWS, "cp1252"), (CZECH, "cp1250"), (SPANISH, "mac_roman"), ("Q: 好\n", "gb18030")],
)
def test_a_chosen_encoding_is_used_as_told(import_project, tmp_path: Path, text: str, codec: str) -> None:
    path = _file(tmp_path, text.encode(codec))
    [task] = import_paths(import_project, [path], options=ImportOptions(encoding=codec.upper())).items
    assert task.status == "imported", task.message
    with import_project.session() as session:
        document = session.scalars(select(Document)).one()
    assert (document.text, document.encoding) == (text.strip(), codecs.lookup(codec).name)
    assert task.message.endswith(f"text in {codecs.lookup(codec).name})")


def test_a_chosen_encoding_that_does_not_fit_is_refused_naming_the_byte(tmp_path: Path) -> None:
    path = _file(tmp_path, "Interviewer: hello\nR: the café downstairs\n".encode("cp1252"))
    with pytest.raises(ImportFileError) as caught:
        read_source(path, ImportOptions(encoding="UTF8"))
    assert str(caught.value) == (
        f"{path}: cannot decode the text as utf-8 (byte 0xe9 at offset 29, line 2 does not fit); "
        "save it as UTF-8 or choose another encoding"
    )


def test_an_unknown_encoding_name_is_the_callers_error(import_project, import_counts, tmp_path: Path) -> None:
    path = _file(tmp_path, b"Q: hello\n")
    before = import_counts()
    for name in ("klingon-8", "rot13"):
        with pytest.raises(ValidationError, match="text encoding"):
            import_paths(import_project, [path], options=ImportOptions(encoding=name))
    assert import_counts() == before


def test_utf8_with_one_damaged_byte_is_refused_not_guessed(tmp_path: Path) -> None:
    good = SIMPLIFIED_CHINESE.encode("utf-8")
    cut = good.index("受访者".encode()) + 1  # inside a character
    path = _file(tmp_path, good[:cut] + b"\xff" + good[cut + 1 :])
    with pytest.raises(ImportFileError) as caught:
        read_source(path)
    assert "is mostly UTF-8, but byte 0xe5 at offset" in str(caught.value)  # the character cut short


def test_c1_controls_never_come_from_a_guess(tmp_path: Path) -> None:
    """Latin-1/ISO-8859 readings of Windows quotes would be C1 control characters: not text."""
    source = read_source(_file(tmp_path, (ENGLISH_APOSTROPHES * 4).encode("cp1252")))
    assert not any("\x80" <= char <= "\x9f" for char in source.text)
    assert source.text == ENGLISH_APOSTROPHES * 4
