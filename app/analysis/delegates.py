"""Item delegates: a coded passage inside its sentence (the coded words marked), and KWIC's left context."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.analysis.common import PAYLOAD_ROLE

Index = QModelIndex | QPersistentModelIndex
# Very long passages are shown around their start: enough to recognise them, without laying out pages.
BEFORE_CHARS = 160
CODED_CHARS = 420
AFTER_CHARS = 160


def passage_html(context: str, start: int, end: int, colour: str, *, bold: bool = True, alpha: float = 0.28) -> str:
    """The context with ``context[start:end]`` marked in the code's colour (whitespace collapsed)."""
    before, coded, after = context[:start], context[start:end], context[end:]
    before = ("…" + before[-BEFORE_CHARS:]) if len(before) > BEFORE_CHARS else before
    coded = (coded[:CODED_CHARS] + " …") if len(coded) > CODED_CHARS else coded
    after = (after[:AFTER_CHARS] + "…") if len(after) > AFTER_CHARS else after
    tint = QColor(colour)
    tint.setAlphaF(alpha)
    mark = f"rgba({tint.red()},{tint.green()},{tint.blue()},{tint.alphaF():.2f})"
    weight = "; font-weight:600" if bold else ""
    return (
        f"{_clean(before)}<span style='background-color:{mark}{weight}'>{_clean(coded)}</span>"
        f"{_clean(after)}"
    )


def _clean(text: str) -> str:
    return escape(" ".join(text.split()) if text.strip() else (" " if text else ""))


class PassageDelegate(QStyledItemDelegate):
    """Paints ``PAYLOAD_ROLE`` = (context, start, end, colour) as wrapped rich text, clipped to the cell."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        payload = index.data(PAYLOAD_ROLE)
        if not payload:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        document = self._document(payload, option)
        rect = option.rect.adjusted(4, 3, -4, -3)
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()

    @staticmethod
    def _document(payload: tuple, option: QStyleOptionViewItem) -> QTextDocument:
        context, start, end, colour = payload
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(passage_html(context, start, end, colour))
        document.setTextWidth(max(option.rect.width() - 8, 40))
        return document

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(min(hint.width(), 520), hint.height())


class ElideLeftDelegate(QStyledItemDelegate):
    """Elides at the left, so a KWIC row's left context keeps the words next to the keyword."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


__all__ = ["ElideLeftDelegate", "PassageDelegate", "passage_html"]
