"""Reading sources (.docx, .txt/.md in several encodings) and normalising their text."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest

from coding.errors import ImportFileError
from coding.importing.normalise import normalise_text
from coding.importing.options import SUPPORTED_SUFFIXES, ImportOptions
from coding.importing.read import read_source

KINDS = ", ".join(SUPPORTED_SUFFIXES)  # what a refusal says Concord imports

LIMIT = ImportOptions()
ZH = "访谈者：您好，请介绍一下医联体。\n受访者：我们医院是医联体的一部分。"
EN = "Interviewer: How long have you worked here?\nDr Li: About ten years."


# -- plain text ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "encoding", "text"),
    [
        (EN.encode("utf-8"), "utf-8", EN),
        (ZH.encode("utf-8"), "utf-8", ZH),
        (codecs.BOM_UTF8 + ZH.encode("utf-8"), "utf-8-sig", ZH),
        (codecs.BOM_UTF16_LE + ZH.encode("utf-16-le"), "utf-16-le", ZH),
        (codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"), "utf-16-be", ZH),
        (codecs.BOM_UTF16_LE + EN.encode("utf-16-le"), "utf-16-le", EN),
        (ZH.encode("gb18030"), "gb18030", ZH),
    ],
    ids=["utf8-en", "utf8-zh", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-en", "gb18030"],
)
def test_text_files_decode_in_the_first_fitting_encoding(tmp_path: Path, raw: bytes, encoding: str, text: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(raw)
    source = read_source(path, LIMIT)
    assert (source.encoding, source.text, source.format) == (encoding, text, "txt")
    assert "\ufeff" not in source.text


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "Notes.MD"
    path.write_text("# Heading\n\nInterviewer: hi", encoding="utf-8")
    assert read_source(path, LIMIT).format == "md"


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "t.txt"
    raw = codecs.BOM_UTF8 + EN.encode("utf-8")
    path.write_bytes(raw)
    assert read_source(path, LIMIT).sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"\x00\x01\x02PNG\x00\x00binary" * 10, "not a text file (it contains NUL bytes"),
        ("Interviewer".encode("utf-16-le"), "NUL bytes"),  # UTF-16 without a BOM
        (bytes(range(1, 32)) * 20 + b"abc", "too many control characters"),
        (b"Interviewer: caf\xff\xfe\xff done \x80", "cannot tell the text encoding (best guesses: cp1252"),
        (codecs.BOM_UTF8 + b"bad \xff\xff bytes", "cannot decode the text as utf-8-sig"),
    ],
    ids=["nul-bytes", "utf16-no-bom", "control-chars", "undecodable", "bom-but-not-utf8"],
)
def test_text_that_is_not_text_is_refused(tmp_path: Path, raw: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(ImportFileError) as caught:
        read_source(path, LIMIT)
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content", "limit", "problem"),
    [
        ("empty.txt", b"", LIMIT, "empty file"),
        ("big.txt", b"x" * 2048, ImportOptions(max_bytes=1024), "file is 2.0 KB, over the import limit of 1.0 KB"),
        ("slides.key", b"PK\x03\x04", LIMIT, f"unsupported file type .key (Concord imports {KINDS})"),
        ("README", b"text", LIMIT, f"unsupported file type without an extension (Concord imports {KINDS})"),
    ],
)
def test_files_refused_before_reading(
    tmp_path: Path, name: str, content: bytes, limit: ImportOptions, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        read_source(path, limit)
    assert str(caught.value) == f"{path}: {problem}"


def test_missing_file_and_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        read_source(tmp_path / "gone.txt", LIMIT)
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ImportFileError, match="is a folder"):
        read_source(folder, LIMIT)


# -- Word ------------------------------------------------------------------------------------------
def test_docx_keeps_headings_paragraphs_and_tables_in_document_order(tmp_path: Path, import_make_docx) -> None:
    path = import_make_docx(
        tmp_path / "P03.docx",
        [
            ("heading", "Interview with P03", 1),
            ("p", "Interviewer: How long have you worked here?"),
            ("table", [["Mode", "Urban group"], ["Role", "Director"]]),
            ("p", ""),
            ("p", "Dr Li: About ten years."),
        ],
    )
    source = read_source(path, LIMIT)
    assert source.format == "docx" and source.encoding == ""
    assert source.text == (
        "Interview with P03\n\n"
        "Interviewer: How long have you worked here?\n\n"
        "Mode\tUrban group\n\n"
        "Role\tDirector\n\n"
        "Dr Li: About ten years."
    )


def test_docx_merged_cell_is_read_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Alliance mode"
    table.cell(0, 2).text = "Urban"
    for column, value in enumerate(["a", "b", "c"]):
        table.cell(1, column).text = value
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_source(path, LIMIT).text == "Alliance mode\tUrban\n\na\tb\tc"


def test_docx_paragraph_text_takes_every_visible_run(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def run(text: str) -> str:
        return f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"

    document = docx.Document()
    paragraph = document.add_paragraph("Dr Li: ")
    for xml in (
        f"<w:ins {nsdecls('w')} w:id='1' w:author='A' w:date='2021-05-12T00:00:00Z'>{run('we joined ')}</w:ins>",
        f"<w:del {nsdecls('w')} w:id='2' w:author='A' w:date='2021-05-12T00:00:00Z'>"
        "<w:r><w:delText>never </w:delText></w:r></w:del>",
        f"<w:hyperlink {nsdecls('w')}>{run('the alliance')}</w:hyperlink>",
        f"<w:sdt {nsdecls('w')}><w:sdtContent>{run(' in 2017')}</w:sdtContent></w:sdt>",
        f"<w:r {nsdecls('w')}><w:tab/><w:t>医</w:t></w:r>",
        f"<w:r {nsdecls('w')}><w:ruby><w:rubyPr/><w:rt>{run('yī')}</w:rt>"
        f"<w:rubyBase>{run('联体')}</w:rubyBase></w:ruby></w:r>",
        f"<w:r {nsdecls('w')}><w:br/><w:t>next line</w:t></w:r>",
    ):
        paragraph._p.append(parse_xml(xml))
    document.element.body.insert(
        0, parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p>{run('Block control')}</w:p></w:sdtContent></w:sdt>")
    )
    path = tmp_path / "runs.docx"
    document.save(str(path))
    assert read_source(path, LIMIT).text == "Block control\n\nDr Li: we joined the alliance in 2017\t医联体\nnext line"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _corrupt_member(docx_bytes: bytes, member: str) -> bytes:
    """Flip bytes inside one member's compressed data so reading it fails its checks."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        info = package.getinfo(member)
    data = bytearray(docx_bytes)
    header = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(header + 10, header + min(info.compress_size, 200)):
        data[i] ^= 0x5A
    return bytes(data)


def test_corrupt_docx_files_are_refused_naming_the_problem(tmp_path: Path, import_make_docx) -> None:
    good = import_make_docx(tmp_path / "good.docx", [("p", "Interviewer: " + "words " * 200)]).read_bytes()
    cases = {
        "plain.docx": (b"This is not a Word file at all", "not a ZIP package"),
        "truncated.docx": (good[: len(good) // 2], "not a ZIP package"),
        "nodoc.docx": (_zip({"hello.txt": b"hi"}), "word/document.xml is missing"),
        "damaged.docx": (_corrupt_member(good, "word/document.xml"), "damaged .docx file"),
        "badxml.docx": (
            _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
            "damaged .docx file",
        ),
    }
    for name, (raw, problem) in cases.items():
        path = tmp_path / name
        path.write_bytes(raw)
        with pytest.raises(ImportFileError) as caught:
            read_source(path, LIMIT)
        assert str(caught.value).startswith(f"{path}: "), name
        assert problem in str(caught.value), (name, str(caught.value))


# -- normalising -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("\ufeffInterviewer: hi", "Interviewer: hi"),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcde\nf"),  # controls dropped; NEL is a line break
        ("tab\tkept\t\nnext", "tab\tkept\nnext"),
        ("trailing   \nspaces\u3000\u00a0 ", "trailing\nspaces"),
        ("a\n\nb", "a\n\nb"),
        ("a\n\n\nb", "a\n\nb"),
        ("a\n \n\t\n\n\n \nb", "a\n\nb"),
        ("\n\n  \nfirst\n  indented\nlast\n\n\n", "first\n  indented\nlast"),
        ("line\u2028sep\u2029para\x0cpage", "line\nsep\npara\npage"),
        ("", ""),
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise_text(raw) == normal


def test_normalise_is_idempotent() -> None:
    text = "\ufeff  Q: one\r\n\r\n\r\n\r\nA：two  \r\n\x00"
    once = normalise_text(text)
    assert normalise_text(once) == once == "  Q: one\n\nA：two"


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    import zipfile

    from coding.errors import ImportFileError
    from coding.importing.read import read_source

    bomb = tmp_path / "bomb.docx"
    body = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    body += b"<w:body>" + b"<w:p/>" * 3_000_000 + b"</w:body></w:document>"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", body)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(ImportFileError, match=r"bomb\.docx: .*zip bomb"):
        read_source(bomb)


def test_a_docx_member_escaping_the_package_is_refused(tmp_path: Path) -> None:
    import zipfile

    from coding.errors import ImportFileError
    from coding.importing.read import read_source

    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("../../outside.txt", "x")
    with pytest.raises(ImportFileError, match=r"evil\.docx: .*refused as unsafe"):
        read_source(evil)
