"""Find in the transcript: Ctrl+F opens a bar over the Transcript panel that finds a word or phrase in the
open document (Chinese words by jieba, through ``coding.analysis.search.find_in_text``), highlights every hit,
steps through them (Enter / Shift+Enter, F3 / Shift+F3), counts them ("3 of 12") and codes the current hit
with the code selected in the Codebook (or the Ctrl+K palette) as one undoable command.

Hits are code-point spans; ``OffsetMap`` turns them into Qt's UTF-16 positions only for display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QToolButton, QWidget

if TYPE_CHECKING:
    from app.main import MainWindow

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
ATTRIBUTE = "find_bar"
ALL_HITS = QColor("#fde68a")  # amber: readable over code highlights in light and dark palettes
CURRENT_HIT = QColor("#f59e0b")


def _tool_button(parent: QWidget, text: str, tip: str) -> QToolButton:
    # PySide6's stubs give QToolButton no property keywords (text=, toolTip=), so set them one by one
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    return button


class FindLine(QLineEdit):
    """The query field: Enter finds the next hit, Shift+Enter the previous one."""

    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self.bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.bar.step(-1 if backwards else 1)
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """The find bar of one main window; hidden until Ctrl+F."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.transcript)
        self.window_ = window
        self.setObjectName("findBar")
        self.query = FindLine(self)
        self.query.setPlaceholderText(translate("FindBar", "Find in transcript (word or phrase)"))
        self.query.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.count.setMinimumWidth(70)
        self.previous_button = _tool_button(self, "▲", translate("FindBar", "Previous hit (Shift+Enter, Shift+F3)"))
        self.next_button = _tool_button(self, "▼", translate("FindBar", "Next hit (Enter, F3)"))
        self.code_button = QPushButton(translate("FindBar", "Code this hit"), self)
        self.code_button.setToolTip(
            translate("FindBar", "Apply the code selected in the Codebook to this hit (or choose one)"))
        self.close_button = _tool_button(self, "✕", translate("FindBar", "Close (Escape)"))
        self._build_layout()
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        self._searched: tuple[str, int | None] | None = None  # (query, document id) the hits belong to
        self.query.textChanged.connect(lambda _text: self.search())
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.code_button.clicked.connect(self.code_current_hit)
        self.close_button.clicked.connect(self.close_bar)
        # A document's text never changes, so new text means another document: find in that one.
        window.transcript.edit.textChanged.connect(self._document_changed)
        self._install_shortcuts()
        self.hide()

    def _build_layout(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(4)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.count)
        for widget in (self.previous_button, self.next_button, self.code_button, self.close_button):
            layout.addWidget(widget)

    def _install_shortcuts(self) -> None:
        window = self.window_
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), window)
        find.activated.connect(self.open_bar)
        forward = QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), window)
        forward.activated.connect(lambda: self.step(1))
        backward = QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), window)
        backward.activated.connect(lambda: self.step(-1))
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.close_bar)
        self._shortcuts = (find, forward, backward, escape)

    # -- opening and closing ------------------------------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar with the selected text (if short, one line) as the query, and search."""
        transcript = self.window_.transcript
        if transcript.document is None:
            self.window_.statusBar().showMessage(translate("FindBar", "Open a document first, then find in it."), 3000)
            return
        chosen = transcript.selected_text().strip()
        self.show()
        if chosen and "\n" not in chosen and len(chosen) <= 80:
            self.query.setText(chosen)
        self.query.setFocus()
        self.query.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.hits, self.current, self._searched = [], -1, None
        self.window_.transcript.edit.setExtraSelections([])
        self.window_.transcript.edit.setFocus()

    # -- finding ------------------------------------------------------------------------------------------
    def search(self) -> None:
        """Find every hit of the query in the open document; the first one at or after the cursor is current."""
        from coding.analysis.search import find_in_text  # loaded with the first search, not at start

        transcript = self.window_.transcript
        document = transcript.document
        query = self.query.text()
        self.hits = find_in_text(document.text, query, document.language) if document is not None else []
        self._searched = (query, document.id if document is not None else None)
        cursor_at = transcript.offsets.from_qt(transcript.edit.textCursor().selectionStart())
        self.current = next((i for i, (start, _end) in enumerate(self.hits) if start >= cursor_at), 0 if self.hits else -1)
        self._show_current()

    def _document_changed(self) -> None:
        if self.isVisible():
            self.search()

    def _stale(self) -> bool:
        document = self.window_.transcript.document
        return self._searched != (self.query.text(), document.id if document is not None else None)

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) hit, wrapping round at either end."""
        if not self.isVisible():
            self.open_bar()
            return
        if self._stale():
            self.search()
            return
        if not self.hits:
            return
        self.current = (self.current + direction) % len(self.hits)
        self._show_current()

    def current_hit(self) -> tuple[int, int] | None:
        return self.hits[self.current] if 0 <= self.current < len(self.hits) else None

    def _show_current(self) -> None:
        transcript = self.window_.transcript
        hit = self.current_hit()
        if hit is not None:
            transcript.select(*hit)
        self._highlight()
        self.count.setText(self.count_text())
        self.code_button.setEnabled(hit is not None)

    def count_text(self) -> str:
        if not self.query.text().strip():
            return ""
        if not self.hits:
            return translate("FindBar", "No hits")
        return translate("FindBar", "{current} of {total}").format(current=QLocale().toString(self.current + 1),
                                                            total=QLocale().toString(len(self.hits)))

    def _highlight(self) -> None:
        """Every hit as an extra selection: drawn over the code highlights, never written into the document."""
        transcript = self.window_.transcript
        selections = []
        for index, (start, end) in enumerate(self.hits):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(transcript.edit.document())
            cursor.setPosition(transcript.offsets.to_qt(start))
            cursor.setPosition(transcript.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = QTextCharFormat()
            selection.format.setBackground(CURRENT_HIT if index == self.current else ALL_HITS)
            selection.format.setForeground(QColor("#111111"))
            selections.append(selection)
        transcript.edit.setExtraSelections(selections)

    # -- coding -------------------------------------------------------------------------------------------
    def code_current_hit(self) -> bool:
        """Apply the Codebook's current code to the current hit (one undoable step), or open the palette."""
        if self._stale():
            self.search()
        hit = self.current_hit()
        if hit is None:
            return False
        window = self.window_
        window.transcript.select(*hit)
        node = window.codebook_panel.current_node()
        if node is None:
            window.open_quick_code()  # the palette codes the selection, which is this hit
            return False
        return window.apply_code(node.uuid, hit)


def install(window: MainWindow) -> None:
    """Put the find bar at the top of ``window``'s Transcript panel (once; a second call changes nothing)."""
    if getattr(window, ATTRIBUTE, None) is not None:
        return
    bar = FindBar(window)
    layout = window.transcript.layout()
    assert isinstance(layout, QBoxLayout), "the Transcript panel lays out its title and text in a box"
    layout.insertWidget(1, bar)  # under the document's title, above the text
    setattr(window, ATTRIBUTE, bar)


def bar_of(window: QWidget) -> FindBar | None:
    """The find bar ``install`` gave this window (None before)."""
    return getattr(window, ATTRIBUTE, None)


__all__ = ["FindBar", "bar_of", "install"]
