"""The page shown when no project is open: new, open, the demo, recent projects, and first-run tips."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from coding.i18n import QT_TRANSLATE_NOOP  # lupdate reads the name; typed str -> str, unlike PySide's

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls

# What a first-time user most needs to know, one line each (rich text: keys in <b>).
TIPS = (
    QT_TRANSLATE_NOOP("StartPage", "New here? <b>Open the demo project</b>: eight interviews, two in Chinese, coded by "
                      "two coders."),
    QT_TRANSLATE_NOOP("StartPage", "<b>File › Import transcripts…</b> (Ctrl+Shift+I) takes a whole folder of .docx, "
                      ".txt or .md files."),
    QT_TRANSLATE_NOOP("StartPage", "Select text, then press a number key <b>1–9</b> or <b>Ctrl+K</b> and type a few "
                      "letters of a code."),
    QT_TRANSLATE_NOOP("StartPage", "<b>Coders › Compare coders…</b> shows agreement per code; <b>Review "
                      "disagreements…</b> settles them."),
    QT_TRANSLATE_NOOP("StartPage", "Press <b>F1</b> for the user guide, with a picture of every step."),
)


class TipStrip(QFrame):
    """A dismissable box of first-run tips; ``dismissed`` fires when the user closes it with ×."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tipStrip")
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        self.setStyleSheet(
            f"QFrame#tipStrip {{ border: 1px solid {accent.name()}; border-radius: 8px;"
            f" background: rgba({accent.red()}, {accent.green()}, {accent.blue()}, 22); }}"
            " QFrame#tipStrip QLabel { background: transparent; }"
        )
        heading = QLabel("<b>" + translate("StartPage", "Getting started") + "</b>")
        self.labels = [QLabel(f"•&nbsp; {translate('StartPage', tip)}") for tip in TIPS]
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(translate("StartPage", "Hide these tips (Help › Show tips brings them back)"))
        self.close_button.setAccessibleName(translate("StartPage", "Hide tips"))
        self.close_button.clicked.connect(self._dismiss)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 10)
        layout.setSpacing(3)
        layout.addLayout(top)
        for label in self.labels:
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class StartPage(QWidget):
    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)
    forget_requested = Signal(str)
    tips_dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        title = QLabel("Concord")
        title.setObjectName("startTitle")
        tagline = QLabel(translate(
            "StartPage",
            "Code interview transcripts with several coders, compare the coders, and export what goes into the paper.",
        ))
        tagline.setObjectName("startTagline")
        tagline.setWordWrap(True)

        self.new_button = QPushButton(translate("StartPage", "New project…"))
        self.open_button = QPushButton(translate("StartPage", "Open project…"))
        self.demo_button = QPushButton(translate("StartPage", "Open the demo project"))
        self.new_button.setObjectName("primaryButton")
        for button, signal in (
            (self.new_button, self.new_requested),
            (self.open_button, self.open_requested),
            (self.demo_button, self.demo_requested),
        ):
            button.setMinimumHeight(34)
            button.clicked.connect(signal)
        actions = QHBoxLayout()
        actions.setSpacing(10)
        actions.addWidget(self.new_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.demo_button)
        actions.addStretch(1)

        recent_label = QLabel(translate("StartPage", "Recent projects"))
        recent_label.setObjectName("sectionLabel")
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent.itemActivated.connect(self._activate)
        self.recent.customContextMenuRequested.connect(self._context_menu)
        self.empty = QLabel(translate("StartPage", "Projects you open appear here."))
        self.empty.setObjectName("hint")
        self.tips = TipStrip()
        self.tips.dismissed.connect(self.tips_dismissed)

        card = QFrame()
        card.setObjectName("startCard")
        card.setMaximumWidth(760)
        card.setMaximumHeight(780)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 32, 36, 32)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(tagline)
        inner.addSpacing(8)
        inner.addLayout(actions)
        inner.addSpacing(6)
        inner.addWidget(self.tips)
        inner.addSpacing(12)
        inner.addWidget(recent_label)
        inner.addWidget(self.recent, 1)
        inner.addWidget(self.empty)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(card, 6)
        column.addStretch(1)
        outer.addLayout(column, 8)
        outer.addStretch(1)

    def set_tips_shown(self, shown: bool) -> None:
        self.tips.setVisible(shown)

    def tips_shown(self) -> bool:
        return not self.tips.isHidden()

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            on_server = "://" in path  # a server database, remembered without its password
            exists = on_server or Path(path).exists()
            name = make_url(path).database if on_server else Path(path).stem
            text = f"{name}\n{path}" + ("" if exists else "   " + translate("StartPage", "(file missing)"))
            item = QListWidgetItem(text)
            item.setData(PATH_ROLE, path)
            item.setToolTip(path)
            if not exists:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        self.empty.setVisible(not paths)
        self.recent.setVisible(bool(paths))

    def _activate(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(str(item.data(PATH_ROLE)))

    def _context_menu(self, point: QPoint) -> None:
        item = self.recent.itemAt(point)
        if item is None:
            return
        menu = QMenu(self)
        forget = menu.addAction(translate("StartPage", "Remove from this list"))
        if menu.exec(self.recent.mapToGlobal(point)) is forget:
            self.forget_requested.emit(str(item.data(PATH_ROLE)))


__all__ = ["TIPS", "StartPage", "TipStrip"]
