"""The quick-code palette (Ctrl+K): type a few letters of a code, press Enter to apply it.

Matching is fuzzy: the letters must appear in order in the code's path; codes whose own name matches come
before codes matched only through their parents' path (which is often shared by every code); within each, matches
at word starts and in a row rank higher. A long path is elided at its start, keeping the distinguishing end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.code_names import shown_path
from app.itemmodels.codebook_model import swatch
from coding.codebook import CodeInfo

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
MAX_RESULTS = 30
# rows the arrow keys in the query box move the selection by (QKeyEvent.key() is an int)
ARROW_STEPS: dict[int, int] = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8, Qt.Key.Key_PageUp: -8}


def fuzzy_score(query: str, text: str) -> float | None:
    """How well ``query`` matches ``text`` (higher is better), or None when its letters are not all there in order."""
    query = "".join(query.casefold().split())
    if not query:
        return 0.0
    haystack = text.casefold()
    score = 0.0
    position = -1
    previous = -2
    for char in query:
        position = haystack.find(char, position + 1)
        if position < 0:
            return None
        score += 1.0
        if position == previous + 1:
            score += 2.0  # consecutive letters
        if position == 0 or not haystack[position - 1].isalnum():
            score += 3.0  # start of a word
        previous = position
    return score - 0.01 * len(haystack)


@dataclass(frozen=True)
class PaletteMatch:
    code: CodeInfo
    score: float
    by_name: bool = True  # the code's own name (or Chinese name) matched, not only its parents' path


def rank_codes(query: str, codes: Sequence[CodeInfo], zh_names: dict[int, str] | None = None) -> list[PaletteMatch]:
    """Codable codes matching ``query``, best first; the code's own name counts more than its parents'."""
    zh_names = zh_names or {}
    matches: list[PaletteMatch] = []
    for code in codes:
        if not code.is_codable:
            continue
        name_scores = [
            s
            for s in (
                _bonus(fuzzy_score(query, code.name), 4.0),
                _bonus(fuzzy_score(query, zh_names.get(code.id, "")), 4.0) if zh_names.get(code.id) else None,
            )
            if s is not None
        ]
        path_score = fuzzy_score(query, code.path)
        if name_scores or path_score is not None:
            scores = name_scores + ([path_score] if path_score is not None else [])
            matches.append(PaletteMatch(code, max(scores), bool(name_scores)))
    # leaf names first: a shared top-level path must not outrank a code whose own name matches
    matches.sort(key=lambda m: (not m.by_name, -m.score, m.code.path.casefold()))
    return matches


def _bonus(score: float | None, bonus: float) -> float | None:
    return None if score is None else score + bonus


class QuickCodePalette(QDialog):
    """A popup list of codes filtered as you type; Enter applies, Esc closes."""

    code_chosen = Signal(str)  # code uuid

    def __init__(
        self, codes: Sequence[CodeInfo], zh_names: dict[int, str] | None, parent: QWidget | None,
        slots: dict[str, int] | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("quickCodePalette")
        self.codes = list(codes)
        self.infos = {code.id: code for code in self.codes}  # for the paths' names in the interface language
        self.zh_names = zh_names or {}
        self.slots = slots or {}  # code uuid -> quick-slot key, as stored in the project
        self.query = QLineEdit()
        self.query.setPlaceholderText(
            translate("QuickCodePalette", "Type to find a code, Enter to apply it to the selection"))
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setUniformItemSizes(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideLeft)  # keep the code's own name, drop the shared root
        hint = QLabel(translate("QuickCodePalette", "↑↓ to choose · Enter to apply · Esc to close"))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(hint)
        self.resize(560, 380)
        self.query.textChanged.connect(self.refresh)
        self.query.returnPressed.connect(self.accept_current)
        self.results.itemActivated.connect(lambda _item: self.accept_current())
        self.query.installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        self.results.clear()
        slot_label = translate("QuickCodePalette", "key {slot}")
        for match in rank_codes(self.query.text(), self.codes, self.zh_names)[:MAX_RESULTS]:
            label = shown_path(match.code, self.infos, "  ›  ")
            keys = [match.code.shortcut] if match.code.shortcut else []
            if match.code.uuid in self.slots:
                keys.append(slot_label.format(slot=self.slots[match.code.uuid]))
            if keys:
                label += f"    [{' · '.join(keys)}]"
            item = QListWidgetItem(swatch(match.code.colour), label)
            item.setData(Qt.ItemDataRole.UserRole, match.code.uuid)
            item.setToolTip(shown_path(match.code, self.infos, " › "))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def set_query(self, text: str) -> None:
        self.query.setText(text)

    def current_uuid(self) -> str | None:
        item = self.results.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def accept_current(self) -> None:
        code_uuid = self.current_uuid()
        if code_uuid is None:
            return
        self.accept()
        self.code_chosen.emit(code_uuid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys in the query box move through the results."""
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = ARROW_STEPS.get(event.key())
            if step is not None:
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)


__all__ = ["PaletteMatch", "QuickCodePalette", "fuzzy_score", "rank_codes"]
