"""Issue 16, one way to write counts: a count in a sentence is a ``%Ln`` plural message (``QCoreApplication.translate(
ctx, "%Ln quote(s)", None, n)``), read from English's catalogue ("1 quote", "1,234 quotes") or Chinese's ("1,234 条
引文"); digits shown alone go through ``app.i18n.number``. tests/conftest.py installs English as the app does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app import i18n
from app.analysis.exports import items_written
from app.analysis.matrix import bold_count
from app.machine_review import count_text


@pytest.fixture
def chinese(qapp: object) -> Iterator[None]:
    i18n.TRANSLATORS.install(i18n.CHINESE)
    try:
        yield
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)


def test_counts_in_english_take_the_singular_for_one_and_group_their_digits(qapp: object) -> None:
    assert i18n.TRANSLATORS.language == i18n.ENGLISH
    assert [count_text(n) for n in (0, 1, 2, 1234)] == [
        "0 suggestions", "1 suggestion", "2 suggestions", "1,234 suggestions"]
    assert items_written("summary", 1) == "1 quote"
    assert items_written("codebook", 1234) == "1,234 codes"
    assert items_written("segments", 2) == "2 segments"
    assert items_written("matrix", 1) == "1 row"
    assert "(s)" not in items_written("anything else", 5)


def test_counts_in_chinese_have_one_form_and_group_their_digits(chinese: None) -> None:
    assert count_text(1) == "1 条建议"
    assert count_text(1234) == "1,234 条建议"
    assert items_written("summary", 3) == "3 条引文"


def test_a_matrix_cell_finds_its_count_in_the_translated_text_to_draw_it_bold(qapp: object) -> None:
    assert bold_count("1,234 codings", 1234) == ("", "1,234", " codings")
    assert bold_count("共 12 个编码片段", 12) == ("共 ", "12", " 个编码片段")
    assert bold_count("many codings", 7) == ("", "", "many codings")  # no count in the text: nothing bold
