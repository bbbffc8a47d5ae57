"""Item delegates: a coded passage inside its sentence (the coded words marked), and KWIC's left context."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.analysis.common import PAYLOAD_ROLE
from coding.analysis.quotes import ELLIPSIS, passage_parts

Index = QModelIndex | QPersistentModelIndex
# Very long passages are shown around their start: enough to recognise them, without laying out pages.
BEFORE_CHARS = 160
CODED_CHARS = 420
AFTER_CHARS = 160


def passage_html(context: str, start: int, end: int, colour: str, *, bold: bool = True, alpha: float = 0.28) -> str:
    """The context with ``context[start:end]`` marked in the code's colour, every character as in the text
    (whitespace kept with ``pre-wrap``: a space at the edge of the mark is never lost); a very long part is cut
    at a visible "…"."""
    parts = passage_parts(context, start, end, before_chars=BEFORE_CHARS, coded_chars=CODED_CHARS,
                          after_chars=AFTER_CHARS)
    tint = QColor(colour)
    tint.setAlphaF(alpha)
    mark = f"rgba({tint.red()},{tint.green()},{tint.blue()},{tint.alphaF():.2f})"
    weight = "; font-weight:600" if bold else ""
    before = (ELLIPSIS if parts.cut_before else "") + escape(parts.before)
    coded = escape(parts.coded) + (ELLIPSIS if parts.cut_coded else "")
    after = escape(parts.after) + (ELLIPSIS if parts.cut_after else "")
    return (
        f"<span style='white-space:pre-wrap'>{before}<span style='background-color:{mark}{weight}'>{coded}</span>"
        f"{after}</span>"
    )


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
    def _document(payload: tuple[str, int, int, str], option: QStyleOptionViewItem) -> QTextDocument:
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
