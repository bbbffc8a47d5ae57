"""Issue 16: a refusal's message is translated as a whole, the fragments filled into its template included, so a
Chinese user reads no English words in it beyond names, paths and options; in English it reads exactly as before.

The tests load a small Chinese catalogue of their own through ``CONCORD_TRANSLATIONS`` (the shipped one is the
lead's to regenerate from the translators' files), holding each message's template and its fragments: a fragment
the core forgets to translate shows up as English words in the Chinese message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from coding import i18n
from coding.codebook.exchange import import_codebook
from coding.coders import find_coder
from coding.errors import ConcordError, ImportFileError, NotFoundError, ValidationError
from coding.i18n import CHINESE, use_language
from coding.importing.encodings import decode_bytes
from coding.importing.read import read_bytes
from coding.project import Project
from coding.server.users import check_role_name

CATALOGUE = {
    "errors": {
        "{place} is not a JSON object": "{place}不是 JSON 对象",
        "code {index} under '{parent}'": "“{parent}”下的第 {index} 个代码",
        "top-level code {index}": "第 {index} 个顶层代码",
        "no coder '{name}' (known coders: {listed})": "没有编码员“{name}”（已知编码员：{listed}）",
        "{what} {name!r} {problem}": "{what} {name!r} {problem}",
        "is reserved by PostgreSQL": "是 PostgreSQL 的保留名称",
        "cannot decode the text as {encoding} (byte 0x{value:02x} {where} does not fit); save it as UTF-8 or choose "
        "another encoding": "无法按 {encoding} 解码文本（字节 0x{value:02x} 不符合该编码，位置：{where}）；请将其另存为 UTF-8，"
                            "或选择其他编码",
        "file is {size}, over the import limit of {limit}": "文件大小为 {size}，超过导入上限（{limit}）",
    },
    "names": {"none yet": "暂无", "user name": "用户名"},
    "importing": {"at offset {offset}, line {line}": "偏移量 {offset}，第 {line} 行", "{count} bytes": "{count} 字节"},
}

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(message: str, *allowed: str) -> list[str]:
    """The Latin-script words of ``message`` once the names, paths and symbols it may hold are taken out."""
    for text in allowed:
        message = message.replace(text, " ")
    return ENGLISH_WORD.findall(message)


def write_catalogue(folder: Path) -> None:
    contexts = "".join(
        f"<context><name>{escape(context)}</name>"
        + "".join(f"<message><source>{escape(source)}</source><translation>{escape(chinese)}</translation></message>"
                  for source, chinese in entries.items())
        + "</context>"
        for context, entries in CATALOGUE.items())
    (folder / f"{i18n.CATALOGUE}_{CHINESE}.ts").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="{CHINESE}">{contexts}</TS>',
        encoding="utf-8")


@pytest.fixture
def catalogue(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = tmp_path_factory.mktemp("catalogue")
    write_catalogue(folder)
    monkeypatch.setenv(i18n.TRANSLATIONS_ENV, str(folder))
    i18n.catalogue.cache_clear()
    yield
    i18n.catalogue.cache_clear()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "p.concord"
    Project.create(path).close()
    return path


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Iterator[Project]:
    path = tmp_path / "p.concord"
    path.write_bytes(template.read_bytes())
    opened = Project.open(path)
    yield opened
    opened.close()


def refusal(language: str, error: type[ConcordError], act: object) -> str:
    assert callable(act)
    with use_language(language), pytest.raises(error) as caught:
        act()
    return str(caught.value)


def _codebook(codes: list[object]) -> dict[str, object]:
    return {"format": "concord-codebook", "version": 1, "codes": codes}


def test_a_codebook_file_refusal_names_the_code_in_the_message_language(catalogue: None, project: Project) -> None:
    nested = _codebook([{"name": "Trust", "children": ["stray text"]}])
    top = _codebook(["stray text"])
    with project.session() as session:
        def refuse(data: dict[str, object]) -> object:
            return lambda: import_codebook(session, data, actor="tester")

        chinese_nested = refusal(CHINESE, ValidationError, refuse(nested))
        chinese_top = refusal(CHINESE, ValidationError, refuse(top))
        assert refusal("en", ValidationError, refuse(nested)) == "code 1 under 'Trust' is not a JSON object"
        assert refusal("en", ValidationError, refuse(top)) == "top-level code 1 is not a JSON object"
    assert chinese_nested == "“Trust”下的第 1 个代码不是 JSON 对象"
    assert english_words(chinese_top, "JSON") == []


def test_an_unknown_coder_with_none_yet_reads_wholly_chinese(catalogue: None, project: Project) -> None:
    with project.session() as session:
        chinese = refusal(CHINESE, NotFoundError, lambda: find_coder(session, "Lin"))
        english = refusal("en", NotFoundError, lambda: find_coder(session, "Lin"))
    assert english == "no coder 'Lin' (known coders: none yet)"
    assert chinese == "没有编码员“Lin”（已知编码员：暂无）"


def test_a_reserved_server_user_name_is_refused_in_chinese(catalogue: None) -> None:
    chinese = refusal(CHINESE, ValidationError, lambda: check_role_name("pg_reader"))
    assert refusal("en", ValidationError, lambda: check_role_name("pg_reader")) == (
        "user name 'pg_reader' is reserved by PostgreSQL")
    assert english_words(chinese, "'pg_reader'", "PostgreSQL") == []


def test_import_refusals_give_position_and_size_in_chinese(catalogue: None, tmp_path: Path) -> None:
    path = tmp_path / "P01.txt"
    path.write_bytes(b"Interviewer: hello\n\xe9t\xe9\n")
    decode = lambda: decode_bytes(path, path.read_bytes(), "utf-8")  # noqa: E731
    too_big = lambda: read_bytes(path, 10)  # noqa: E731

    assert refusal("en", ImportFileError, decode).endswith(
        "cannot decode the text as utf-8 (byte 0xe9 at offset 19, line 2 does not fit); save it as UTF-8 or choose "
        "another encoding")
    assert refusal("en", ImportFileError, too_big).endswith("file is 23 bytes, over the import limit of 10 bytes")
    chinese_decode = refusal(CHINESE, ImportFileError, decode)
    chinese_size = refusal(CHINESE, ImportFileError, too_big)
    assert "偏移量 19，第 2 行" in chinese_decode
    assert english_words(chinese_decode, str(path), "0xe9", "utf-8", "UTF-8") == []
    assert english_words(chinese_size, str(path)) == []
