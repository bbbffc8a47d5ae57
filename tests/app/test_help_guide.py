"""Help › User guide (F1): the guide opens inside the app with its pictures, its links to other pages work, every
picture it names exists, and a built wheel carries the guide and its pictures (an installed app has no docs/).
The Chinese guide (guide.zh.md, pictures in screenshots/guide_zh/) is held to the same checks and follows the
English one section by section, picture by picture and command by command."""

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
from app import i18n
from app.main import MainWindow

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.md"
GUIDE_ZH = ROOT / "docs" / "guide.zh.md"
PICTURES = {GUIDE: ROOT / "docs" / "screenshots" / "guide", GUIDE_ZH: ROOT / "docs" / "screenshots" / "guide_zh"}
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s#]+\.md)(#[^)]*)?\)")
CODE_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.S | re.M)


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


@pytest.mark.parametrize("guide", [GUIDE, GUIDE_ZH], ids=["english", "chinese"])
def test_every_picture_and_page_the_guide_names_exists(guide: Path) -> None:
    text = guide.read_text(encoding="utf-8")
    images = IMAGE.findall(text)
    assert images, "the guide shows no pictures"
    for target in images:
        assert (guide.parent / target).is_file(), target
    for target, _anchor in LINK.findall(text):
        if "://" not in target:
            assert (guide.parent / target).is_file(), target
    headings = {help_feature.heading_slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, f"the contents link #{anchor} names no heading"
    shown = {(guide.parent / target).resolve() for target in images}
    pictures = sorted(PICTURES[guide].glob("*.png"))
    assert pictures, f"no pictures in {PICTURES[guide]}"
    for picture in pictures:
        assert picture.resolve() in shown, f"{picture.name} is in {PICTURES[guide]} but {guide.name} never shows it"


def headings_of(text: str, level: int) -> list[str]:
    return [line[level + 1:].strip() for line in text.splitlines() if line.startswith("#" * level + " ")]


def commands_of(text: str) -> list[str]:
    """The command lines of the guide's bash blocks, comments dropped (they are in the guide's language)."""
    lines = (line.split("  #")[0].rstrip() for block in CODE_BLOCK.findall(text) for line in block.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_the_chinese_guide_follows_the_english_one_section_by_section() -> None:
    english, chinese = GUIDE.read_text(encoding="utf-8"), GUIDE_ZH.read_text(encoding="utf-8")
    assert headings_of(chinese, 1) == ["Concord 用户指南"]
    assert len(headings_of(chinese, 2)) == len(headings_of(english, 2))
    assert all(re.search(r"[\u4e00-\u9fff]", heading) for heading in headings_of(chinese, 2))
    # the same pictures in the same places: the guide's own ones from guide_zh/, the Word pages shared
    expected = [target.replace("screenshots/guide/", "screenshots/guide_zh/") for target in IMAGE.findall(english)]
    assert IMAGE.findall(chinese) == expected
    assert commands_of(chinese) == commands_of(english)  # the commands stay English, word for word
    contents = re.findall(r"\]\(#([^)]+)\)", chinese.split("\n## ")[0])
    slugs = [help_feature.heading_slug(heading) for heading in headings_of(chinese, 2)]
    assert contents == slugs, "the contents list every section, in order"


def test_the_chinese_interface_finds_the_chinese_guide_in_the_docs() -> None:
    assert help_feature.guide_path(i18n.CHINESE).read_bytes() == GUIDE_ZH.read_bytes()
    assert help_feature.guide_path(i18n.ENGLISH).read_bytes() == GUIDE.read_bytes()


def test_the_chinese_guide_shows_its_pictures_and_scrolls_to_sections(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = help_feature.GuideDialog(None, GUIDE_ZH)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    assert browser.document().firstBlock().text() == "Concord 用户指南"
    names = image_names(browser.document())
    assert len(names) == len(IMAGE.findall(GUIDE_ZH.read_text(encoding="utf-8")))
    for name in names:
        image = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert image is not None and not image.isNull(), name
    assert browser.verticalScrollBar().value() == 0
    browser._follow(QUrl("#比较编码员"))
    top = browser.cursorForPosition(browser.viewport().rect().topLeft()).block()
    assert top.text() == "比较编码员" and top.blockFormat().headingLevel() == 2


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
    for guide in (GUIDE, GUIDE_ZH):
        assert f"resources/docs/{guide.name}" in names
        for target in IMAGE.findall(guide.read_text(encoding="utf-8")):
            assert f"resources/docs/{target}" in names, target


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_screenshot_script_finds_what_it_selects_in_the_demo_and_writes_where_the_guide_looks(
    language: str,
) -> None:
    """The tour selects a sentence of a demo transcript by its text: a changed transcript must fail here, not
    half-way through a screenshot run under Xvfb."""
    from benchmarks import guide_screenshots as shots

    text = shots.DEMO_TEXT[language]
    transcripts = ROOT / "resources" / "demo" / "transcripts"
    (coding_file,) = transcripts.glob(f"{text.coding_document}_*.txt")
    transcript = coding_file.read_text(encoding="utf-8")
    start = transcript.index(text.coding_sentence)
    assert transcript.index(text.sentence_end, start) - start < 200  # one sentence, not a page
    documents = {path.name.split("_")[0] for path in transcripts.iterdir()}
    assert text.workbench_document in documents
    assert {target for _kind, target, _title, _text in text.memos if target} <= documents
    guide = GUIDE if language == "en" else GUIDE_ZH
    assert shots.OUT_BY_LANGUAGE[language] == PICTURES[guide]
