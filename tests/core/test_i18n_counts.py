"""The Qt-free ``coding.i18n.translate`` fills counts as Qt does: ``%n`` plain, ``%Ln`` with its digits grouped
("1,234", as English and Chinese both write it)."""

from __future__ import annotations

import pytest

from coding.i18n import CHINESE, ENGLISH, translate, use_language


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_a_grouped_count_and_a_plain_one_are_filled_in(language: str) -> None:
    with use_language(language):
        text = translate("NoSuchContext", "%Ln passage(s); %n more", None, 1234)
    assert text == "1,234 passage(s); 1234 more"  # no catalogue entry: the source, counts filled


def test_without_a_count_the_markers_stay() -> None:
    assert translate("NoSuchContext", "100%Ln") == "100%Ln"
