"""Help › User guide (F1): the user guide, rendered from its Markdown inside the app; the start page's tips.

The guide is ``docs/guide.md`` with its pictures in ``docs/screenshots/guide/``. ``resources/docs`` is a link to
``docs/``, so the same files ship as package data (``resources/docs/...``) and an installed app finds them without
a source checkout: one source, no copy. With the interface in Chinese the guide is ``docs/guide.zh.md`` (same
folder, same pictures) when it is there, the English one otherwise.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QImage,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from app import i18n

if TYPE_CHECKING:
    from app.main import MainWindow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
ATTRIBUTE = "_concord_help"
TIPS_DISMISSED_KEY = "help/tipsDismissed"
MARKDOWN_SUFFIXES = {".md", ".markdown"}
ANCHOR_RETRIES_MS = (0, 50, 200, 600)
ANCHOR_SETTLE_MS = 1500
IMAGE_WIDTH = 860  # screenshots are 1440 px wide: shown smaller so a page never scrolls sideways
NOT_IN_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def without_fragment(url: QUrl) -> QUrl:
    # PySide6 takes RemoveFragment (a UrlFormattingOption) only combined with a ComponentFormattingOption
    return url.adjusted(QUrl.ComponentFormattingOption.PrettyDecoded | QUrl.UrlFormattingOption.RemoveFragment)


def heading_slug(title: str) -> str:
    """The anchor GitHub gives a heading ("Exchange (REFI-QDA)" -> "exchange-refi-qda"), which the pages link to."""
    return NOT_IN_SLUG.sub("", title.strip().lower()).replace(" ", "-")


def docs_folder() -> Path:
    """The folder holding guide.md and the other documentation pages, in a checkout or an installed app."""
    packaged = Path(str(resources.files("resources").joinpath("docs")))
    if (packaged / "guide.md").is_file():
        return packaged
    # A checkout where git could not make the link (Windows without symlinks) still has docs/ beside app/.
    return Path(__file__).resolve().parents[1] / "docs"


GUIDE_NAMES = {i18n.CHINESE: "guide.zh.md"}  # the guide in another language than English, beside guide.md


def guide_path(language: str | None = None, folder: Path | None = None) -> Path:
    """The guide in ``language`` (default: the interface's) when ``folder`` (default: :func:`docs_folder`) holds
    it, else the English guide."""
    folder = folder or docs_folder()
    translated = GUIDE_NAMES.get(language or i18n.TRANSLATORS.language)
    if translated is not None and (folder / translated).is_file():
        return folder / translated
    return folder / "guide.md"


class GuideBrowser(QTextBrowser):
    """Renders Markdown pages; a link to another .md page opens here, a web link in the system browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideBrowser")
        self.setOpenLinks(False)  # decided in _follow: Qt would try to show a web page or a PNG as text
        self.anchorClicked.connect(self._follow)
        self._pending_anchor = ""

    def show_page(self, url: QUrl) -> None:
        self.setSource(url, QTextDocument.ResourceType.MarkdownResource)

    def doSetSource(  # Qt calls it by this name
        self, name: QUrl | str, /, type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,
    ) -> None:
        url = QUrl(name)
        super().doSetSource(url, type)
        self._name_headings()  # Qt's Markdown reader gives headings no anchors: the contents' links need them
        self._pending_anchor = url.fragment() if url.hasFragment() else ""
        if self._pending_anchor:
            for delay in ANCHOR_RETRIES_MS:  # a new page is laid out in steps after this returns
                QTimer.singleShot(delay, self._scroll_to_pending)
            QTimer.singleShot(ANCHOR_SETTLE_MS, self._forget_anchor)

    def _scroll_to_pending(self) -> None:
        """Qt lays a new page out bit by bit: lay it out down to the anchor's heading, then scroll there."""
        if not self._pending_anchor:
            return
        layout = self.document().documentLayout()
        block = self.document().begin()
        while block.isValid():
            layout.blockBoundingRect(block)
            if block.blockFormat().headingLevel() > 0 and heading_slug(block.text()) == self._pending_anchor:
                break
            block = block.next()
        self.scrollToAnchor(self._pending_anchor)

    def _forget_anchor(self) -> None:
        self._pending_anchor = ""

    def loadResource(self, kind: int, name: QUrl | str, /) -> object:  # Qt calls it by this name
        if kind == QTextDocument.ResourceType.ImageResource.value:
            image = QImage(self.source().resolved(QUrl(name)).toLocalFile())
            if image.width() > IMAGE_WIDTH:
                return image.scaledToWidth(IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
            if not image.isNull():
                return image
        return super().loadResource(kind, name)

    def _name_headings(self) -> None:
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and block.text():
                cursor = QTextCursor(block)
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
                anchor = QTextCharFormat()
                anchor.setAnchor(True)
                anchor.setAnchorNames([heading_slug(block.text())])
                cursor.mergeCharFormat(anchor)
            block = block.next()
        self.document().setModified(False)

    def _follow(self, url: QUrl) -> None:
        if url.isRelative():
            url = self.source().resolved(url)
        if url.hasFragment() and without_fragment(url) == without_fragment(self.source()):
            self.scrollToAnchor(url.fragment())  # same page: no reload, so no new layout to wait for
        elif url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in MARKDOWN_SUFFIXES:
            self.show_page(url)
        else:
            QDesktopServices.openUrl(url)


class GuideDialog(QDialog):
    """The user guide in a window of its own, with back, forward and contents."""

    def __init__(self, parent: QWidget | None = None, page: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(translate("GuideDialog", "Concord user guide"))
        self.resize(980, 760)
        self.browser = GuideBrowser(self)
        back = QPushButton(translate("GuideDialog", "← Back"))
        forward = QPushButton(translate("GuideDialog", "Forward →"))
        home = QPushButton(translate("GuideDialog", "Contents"))
        close = QPushButton(translate("GuideDialog", "Close"))
        back.clicked.connect(self.browser.backward)
        forward.clicked.connect(self.browser.forward)
        home.clicked.connect(self.browser.home)
        close.clicked.connect(self.close)
        self.browser.backwardAvailable.connect(back.setEnabled)
        self.browser.forwardAvailable.connect(forward.setEnabled)
        back.setEnabled(False)
        forward.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (back, forward, home):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        page = page or guide_path()
        if page.is_file():
            self.browser.show_page(QUrl.fromLocalFile(str(page)))
        else:
            self.browser.setPlainText(translate(
                "GuideDialog", "{page}: the user guide is not part of this installation; reinstall Concord."
            ).format(page=page))


class HelpTools:
    """Help › User guide (F1) and Help › Show tips, and the start page's tip strip remembered in QSettings."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.guide_dialog: GuideDialog | None = None
        self.guide_action = QAction(translate("HelpTools", "&User guide"), window)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.setStatusTip(translate(
            "HelpTools", "How to import, code, compare coders and export, step by step"))
        self.guide_action.triggered.connect(lambda _checked=False: self.show_guide())
        self.tips_action = QAction(translate("HelpTools", "Show &tips on the start page"), window)
        self.tips_action.setStatusTip(translate(
            "HelpTools", "Bring back the getting-started tips you closed"))
        self.tips_action.triggered.connect(lambda _checked=False: self.show_tips())
        window.addAction(self.guide_action)  # F1 works with the menu bar hidden too
        menu = window.help_menu
        if menu.actions():  # the guide and the tips come first, then a line, then what the menu held
            first = menu.actions()[0]
            menu.insertAction(first, self.guide_action)
            menu.insertAction(first, self.tips_action)
            menu.insertSeparator(first)
        else:
            menu.addAction(self.guide_action)
            menu.addAction(self.tips_action)
            menu.addSeparator()
        window.start_page.tips_dismissed.connect(self._remember_dismissed)
        window.start_page.set_tips_shown(not self.tips_dismissed())

    def show_guide(self) -> GuideDialog:
        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self.window)
        self.guide_dialog.show()
        self.guide_dialog.raise_()
        self.guide_dialog.activateWindow()
        return self.guide_dialog

    def tips_dismissed(self) -> bool:
        value = self.window.settings.qsettings.value(TIPS_DISMISSED_KEY, False)
        return value is True or str(value).lower() == "true"

    def show_tips(self) -> None:
        self.window.settings.qsettings.setValue(TIPS_DISMISSED_KEY, False)
        self.window.start_page.set_tips_shown(True)
        if self.window.bench is not None:
            self.window.statusBar().showMessage(translate(
                "HelpTools", "The tips are back on the start page (File › Close project)."), 6000)

    def _remember_dismissed(self) -> None:
        self.window.settings.qsettings.setValue(TIPS_DISMISSED_KEY, True)
        self.window.settings.sync()


def install(window: MainWindow) -> None:
    """Add Help › User guide and Help › Show tips to ``window`` (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is None:
        setattr(window, ATTRIBUTE, HelpTools(window))


def tools_of(window: QWidget) -> HelpTools | None:
    return getattr(window, ATTRIBUTE, None)


__all__ = ["GuideBrowser", "GuideDialog", "HelpTools", "docs_folder", "guide_path", "heading_slug", "install",
           "tools_of"]
