"""Help › User guide in the interface language: the Chinese guide (guide.zh.md beside guide.md) when the interface
is Chinese and the file is there, the English guide otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from app import help as help_feature
from app import i18n

ENGLISH_GUIDE = "# Concord user guide\n\nImport, code, compare.\n"
CHINESE_GUIDE = "# Concord 用户指南\n\n导入、编码、比较。\n"


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A documentation folder holding both guides."""
    (tmp_path / "guide.md").write_text(ENGLISH_GUIDE, encoding="utf-8")
    (tmp_path / "guide.zh.md").write_text(CHINESE_GUIDE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def chinese_interface(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    i18n.TRANSLATORS.install(i18n.CHINESE)
    try:
        yield
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)


@pytest.mark.parametrize(
    ("language", "chinese_present", "expected"),
    [
        (i18n.CHINESE, True, "guide.zh.md"),
        (i18n.CHINESE, False, "guide.md"),  # no Chinese guide in this installation: the English one
        (i18n.ENGLISH, True, "guide.md"),
    ],
)
def test_the_guide_follows_the_language_and_falls_back_to_english(
    docs: Path, language: str, chinese_present: bool, expected: str
) -> None:
    if not chinese_present:
        (docs / "guide.zh.md").unlink()
    assert help_feature.guide_path(language, docs) == docs / expected


def test_the_chinese_interface_opens_the_chinese_guide(qtbot, docs: Path, chinese_interface: None) -> None:  # type: ignore[no-untyped-def]
    assert help_feature.guide_path(folder=docs) == docs / "guide.zh.md"
    dialog = help_feature.GuideDialog(None, help_feature.guide_path(folder=docs))
    qtbot.addWidget(dialog)
    assert dialog.browser.source() == QUrl.fromLocalFile(str(docs / "guide.zh.md"))
    assert dialog.browser.document().firstBlock().text() == "Concord 用户指南"


def test_back_in_english_the_english_guide_opens_again(qapp, docs: Path) -> None:  # type: ignore[no-untyped-def]
    i18n.TRANSLATORS.install(i18n.CHINESE)
    try:
        assert help_feature.guide_path(folder=docs).name == "guide.zh.md"
    finally:
        i18n.TRANSLATORS.install(i18n.ENGLISH)
    assert help_feature.guide_path(folder=docs).name == "guide.md"
