"""Help › User guide (F1): the guide opens inside the app with its pictures, its links to other pages work, every
picture it names exists, and a built wheel carries the guide and its pictures (an installed app has no docs/)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument, QTextImageFormat

from app import help as help_feature
from app.main import MainWindow

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.md"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#]+\.md)(#[^)]*)?\)")


@pytest.fixture
def start_window(qtbot, settings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(None, settings)
    help_feature.install(window)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    window.close()


def image_names(document: QTextDocument) -> list[str]:
    names: list[str] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(QTextImageFormat(fmt).name())
            it += 1
        block = block.next()
    return names


def test_f1_opens_the_guide_with_its_first_heading_and_pictures(qtbot, start_window: MainWindow) -> None:
    tools = help_feature.tools_of(start_window)
    assert tools is not None and tools.guide_action in start_window.help_menu.actions()
    assert tools.guide_action.shortcut().toString() == "F1"
    qtbot.keyClick(start_window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: tools.guide_dialog is not None and tools.guide_dialog.isVisible())
    browser = tools.guide_dialog.browser
    first_heading = GUIDE.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    assert browser.document().firstBlock().text() == first_heading
    assert browser.document().firstBlock().blockFormat().headingLevel() == 1
    names = image_names(browser.document())
    assert len(names) >= 10  # a picture per workflow
    for name in names:
        image = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name


def test_a_link_to_another_page_opens_it_in_the_guide_window(qtbot, start_window: MainWindow) -> None:
    dialog = help_feature.tools_of(start_window).show_guide()
    browser = dialog.browser
    browser._follow(QUrl("agreement.md"))
    assert browser.source().fileName() == "agreement.md"
    assert browser.document().firstBlock().text() == "Inter-coder agreement"
    assert browser.isBackwardAvailable()
    browser.backward()
    assert browser.source().fileName() == "guide.md"


def test_the_contents_links_scroll_to_their_sections(qtbot, start_window: MainWindow) -> None:
    dialog = help_feature.tools_of(start_window).show_guide()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    assert browser.verticalScrollBar().value() == 0
    browser._follow(QUrl("#comparing-coders"))
    top = browser.cursorForPosition(browser.viewport().rect().topLeft()).block()
    assert top.text() == "Comparing coders" and top.blockFormat().headingLevel() == 2


def test_every_picture_and_page_the_guide_names_exists() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    images = IMAGE.findall(text)
    assert images, "the guide shows no pictures"
    for target in images:
        assert (GUIDE.parent / target).is_file(), target
    for target, _anchor in LINK.findall(text):
        if "://" not in target:
            assert (GUIDE.parent / target).is_file(), target
    headings = {help_feature.heading_slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, f"the contents link #{anchor} names no heading"
    shown = {(GUIDE.parent / target).resolve() for target in images}
    for picture in (ROOT / "docs" / "screenshots" / "guide").glob("*.png"):
        assert picture.resolve() in shown, f"{picture.name} is in docs/screenshots/guide but the guide never shows it"


def test_the_installed_package_finds_the_guide_through_importlib_resources() -> None:
    assert help_feature.guide_path().is_file()
    assert help_feature.guide_path().read_bytes() == GUIDE.read_bytes()  # one file, not a copy


def test_a_built_wheel_carries_the_guide_and_its_pictures(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("app", "coding", "models", "resources", "docs"):
        shutil.copytree(ROOT / name, source / name, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.concord*"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                           str(source)], check=False, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "resources/docs/guide.md" in names
    for target in IMAGE.findall(GUIDE.read_text(encoding="utf-8")):
        assert f"resources/docs/{target}" in names, target
