"""The transcript: read-only text with coding highlights, speaker turns, and a coding-stripes margin.

All offsets crossing this module's API are Python code points (the document's own offsets); the
UTF-16 positions Qt counts stay inside, converted by one ``OffsetMap``.
"""

from __future__ import annotations

import heapq
import html
import json
import re
from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolTip, QVBoxLayout, QWidget

from app.code_names import shown_name, shown_path
from app.highlight import HighlightPainter, Interval, coverage_intervals, recompute_region
from app.itemmodels.codebook_model import SELECTION_MIME
from app.offsets import OffsetMap
from coding.codebook import CodeInfo
from coding.codings import snap_to_segmented_words, snap_to_sentences, snap_to_words
from coding.documents import DocumentText
from coding.readers import CodingView

translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "PingFang SC")
SPEAKER_COLOURS = ("#1565c0", "#ad1457", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037")
INTERVIEWER = re.compile(r"^\s*(interviewer|int|i|q|moderator|facilitator|访谈者|访谈员|采访者|主持人|问)\s*$",
                         re.IGNORECASE)
MIN_ZOOM, MAX_ZOOM = -5, 20
LANE_LEFT = 8
LANE_WIDTH = 7
BAR_WIDTH = 4
MAX_LANES = 8
LABEL_GAP = 6
LABEL_WIDTH = 168


def transcript_font() -> QFont:
    """The UI font, falling back to a CJK face for Chinese (Noto Sans CJK SC when installed)."""
    font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
    available = set(QFontDatabase.families())
    cjk = [family for family in CJK_FAMILIES if family in available]
    font.setFamilies([font.family(), *cjk])
    font.setPointSizeF(max(font.pointSizeF(), 10.0) + 1.5)
    return font


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def assign_lanes(codings: Sequence[CodingView]) -> dict[str, int]:
    """Greedy interval colouring: each coding gets the first lane free at its start (stable while scrolling)."""
    lane_ends: list[int] = []
    lanes: dict[str, int] = {}
    for coding in sorted(codings, key=lambda c: (c.start, -c.end, c.uuid)):
        for lane, end in enumerate(lane_ends):
            if end <= coding.start:
                lane_ends[lane] = coding.end
                lanes[coding.uuid] = lane
                break
        else:
            lanes[coding.uuid] = len(lane_ends)
            lane_ends.append(coding.end)
    return lanes


class TranscriptEdit(QPlainTextEdit):
    """A read-only QPlainTextEdit whose drags carry the selection's document offsets."""

    released = Signal()
    tooltip_requested = Signal(QPoint, QPoint)  # viewport position, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.document().setDocumentMargin(18)
        self.drag_payload: Callable[[], dict[str, int] | None] = lambda: None

    def createMimeDataFromSelection(self) -> QMimeData:
        # Qt's own text mime data lists a fixed set of formats, so build a plain one carrying both.
        mime = QMimeData()
        mime.setText(self.textCursor().selection().toPlainText())
        payload = self.drag_payload()
        if payload is not None:
            mime.setData(SELECTION_MIME, json.dumps(payload).encode("utf-8"))
        return mime

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.released.emit()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self.tooltip_requested.emit(event.pos(), event.globalPos())
            return True
        return super().viewportEvent(event)


class CodingStripes(QWidget):
    """The margin beside the text: a coloured bar per coding, in lanes, and the code's name beside it.

    Names sit in a column right of the bars, at the top of their coding; names that would collide
    stack downwards, joined to their bar by a thin line.
    """

    coding_clicked = Signal(str)

    def __init__(self, view: TranscriptView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paints every pixel: parents need not
        self._hits: list[tuple[QRect, CodingView]] = []

    def lane_count(self) -> int:
        return min(max(self.view.lanes.values(), default=-1) + 1, MAX_LANES)

    def preferred_width(self) -> int:
        lanes = self.lane_count()
        return LANE_LEFT + lanes * LANE_WIDTH + LABEL_GAP + LABEL_WIDTH if lanes else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), background)
        painter.setPen(_flatten_with(palette.color(QPalette.ColorRole.Text), background, 0.12))
        painter.drawLine(0, 0, 0, self.height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hits = []
        edit = self.view.edit
        if not self.view.codings or self.view.document is None:
            return
        offset = edit.viewport().mapTo(self.view, QPoint(0, 0)).y() - self.y()
        height = edit.viewport().height()
        offsets = self.view.offsets
        first = offsets.from_qt(edit.cursorForPosition(QPoint(0, 0)).position())
        last = offsets.from_qt(edit.cursorForPosition(QPoint(edit.viewport().width(), height)).position()) + 1
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() - 1.0, 7.5))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        label_x = LANE_LEFT + self.lane_count() * LANE_WIDTH + LABEL_GAP
        label_height = metrics.height() + 4
        next_free = -label_height
        visible = [c for c in self.view.codings if c.end > first and c.start < last]
        for coding in sorted(visible, key=lambda c: (c.start, self.view.lanes.get(c.uuid, 0))):
            lane = min(self.view.lanes.get(coding.uuid, 0), MAX_LANES - 1)
            top = self.view.rect_of(coding.start).top() + offset
            bottom = self.view.rect_of(max(coding.end - 1, coding.start)).bottom() + offset
            top_clipped, bottom_clipped = max(top, offset - 2), min(bottom, offset + height + 2)
            if bottom_clipped <= top_clipped:
                continue
            colour = QColor(self.view.code_colour(coding.code_id))
            x = LANE_LEFT + lane * LANE_WIDTH
            bar = QRect(x, top_clipped, BAR_WIDTH, bottom_clipped - top_clipped)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 2, 2)
            self._hits.append((QRect(x - 2, top_clipped, LANE_WIDTH, bar.height()), coding))
            label_top = max(top_clipped, next_free)
            if label_top > bottom_clipped + label_height:
                continue  # too far from its passage to be read as its name
            self._draw_label(painter, metrics, coding, colour, x, top_clipped, label_x, label_top, label_height)
            next_free = label_top + label_height + 2

    def _draw_label(
        self, painter: QPainter, metrics: QFontMetrics, coding: CodingView, colour: QColor, bar_x: int,
        bar_top: int, x: int, y: int, height: int,
    ) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        label = self.view.code_name(coding.code_id)
        if self.view.several_coders:
            label += f" · {self.view.coder_name(coding.coder_id)}"
        width = LABEL_WIDTH - 6
        if y > bar_top + 1:  # pushed down by the names above: join it to its bar
            painter.setPen(_flatten_with(colour, base, 0.6))
            painter.drawLine(bar_x + BAR_WIDTH, bar_top + 2, x, y + height // 2)
        box = QRect(x, y, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_flatten_with(colour, base, 0.22))
        painter.drawRoundedRect(box, 3, 3)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRect(x, y, 3, height), 1, 1)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width - 10)
        painter.drawText(box.adjusted(7, 0, -3, 0), int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                         text)
        self._hits.append((box, coding))

    def coding_at(self, point: QPoint) -> CodingView | None:
        for rect, coding in reversed(self._hits):
            if rect.contains(point):
                return coding
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            coding = self.coding_at(event.pos())
            if coding is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.view.tooltip_html([coding]), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        coding = self.coding_at(event.position().toPoint())
        if coding is not None:
            self.coding_clicked.emit(coding.uuid)
        super().mousePressEvent(event)


class TranscriptView(QWidget):
    """Header, text and stripes of the open document."""

    selection_changed = Signal()
    context_menu_requested = Signal(QPoint, int)  # global position, code-point offset under the mouse

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = TranscriptEdit(self)
        self.edit.setFont(transcript_font())
        self.stripes = CodingStripes(self)
        self.title = QLabel()
        self.title.setObjectName("transcriptTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("transcriptSubtitle")
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.placeholder = QLabel(translate("TranscriptView", "Open a document from the Documents panel to start coding."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("placeholder")
        self._build_layout()

        self.painter = HighlightPainter(self.edit.document())
        self.document: DocumentText | None = None
        self.offsets = OffsetMap("")
        self.codings: list[CodingView] = []
        self.intervals: list[Interval] = []
        self.lanes: dict[str, int] = {}
        self.codes: dict[int, CodeInfo] = {}
        self.coders: dict[int, str] = {}
        # Extra lines per coding uuid for tooltips (app/machine_coder.py: where an accepted suggestion came from).
        self.coding_notes: Callable[[list[str]], dict[str, str]] = lambda _uuids: {}
        self._several_coders = False
        self.zoom_steps = 0
        self.snap_mode: str | None = "word"
        self._speaker_colour: dict[str, QColor] = {}

        self.edit.drag_payload = self._drag_payload
        self.edit.selectionChanged.connect(self.selection_changed)
        self.edit.released.connect(self.snap_selection)
        self.edit.tooltip_requested.connect(self._show_tooltip)
        self.edit.customContextMenuRequested.connect(self._context_menu)
        self.edit.updateRequest.connect(lambda *_: self._update_stripes())
        self.stripes.coding_clicked.connect(self.select_coding)
        self._apply_palette()
        self.show_placeholder(True)

    def _build_layout(self) -> None:
        header = QVBoxLayout()
        header.setContentsMargins(14, 10, 14, 6)
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.edit, 1)
        body.addWidget(self.stripes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.placeholder, 1)
        layout.addLayout(body, 1)

    def show_placeholder(self, shown: bool) -> None:
        self.placeholder.setVisible(shown)
        self.edit.setVisible(not shown)
        self.stripes.setVisible(not shown)
        self.title.setVisible(not shown)
        self.subtitle.setVisible(not shown)

    # -- content ----------------------------------------------------------------------------------------
    def show_document(
        self, document: DocumentText, codings: list[CodingView], codes: dict[int, CodeInfo], coders: dict[int, str]
    ) -> None:
        """Show a document with its codings: one setPlainText, one formatting pass."""
        self.document = document
        self.offsets = OffsetMap(document.text)
        self.codes, self.coders = codes, coders
        self.painter.set_code_colours({code_id: info.colour for code_id, info in codes.items()})
        self.edit.setPlainText(document.text)
        self._format_speakers()
        self._set_codings(codings)
        self.painter.paint(self.intervals, self.offsets)
        self._update_header()
        self.show_placeholder(False)
        self._update_stripes(resize=True)

    def clear(self) -> None:
        self.document = None
        self.codings, self.intervals, self.lanes = [], [], {}
        self.edit.clear()
        self.show_placeholder(True)

    def update_codings(
        self, codings: list[CodingView], codes: dict[int, CodeInfo] | None = None, coders: dict[int, str] | None = None
    ) -> None:
        """Repaint only the stretch of text whose codings changed (all of it if code colours changed)."""
        if self.document is None:
            return
        full = False
        if codes is not None:
            colours = {code_id: info.colour for code_id, info in codes.items()}
            full = colours != {code_id: info.colour for code_id, info in self.codes.items()}
            self.codes = codes
            if full:
                self.painter.set_code_colours(colours)
        if coders is not None:
            self.coders = coders
        if full:
            self._set_codings(codings)
            self.painter.paint(self.intervals, self.offsets)
            self._update_stripes(resize=True)
        else:
            self._repaint_changed(codings, set(self.codings).symmetric_difference(codings))

    def replace_codings(self, uuids: Collection[str], fresh: Sequence[CodingView]) -> None:
        """Put ``fresh`` (read again, in text order) in place of the shown codings ``uuids``: an edit's codings
        added, removed (in ``uuids``, not in ``fresh``) or changed, without the document's other codings.

        The result is what ``update_codings`` with a full reload gives; only the touched stretch is repainted.
        """
        if self.document is None:
            return
        gone = [c for c in self.codings if c.uuid in uuids]
        changed = set(gone).symmetric_difference(fresh)
        if not changed:
            return
        kept = (c for c in self.codings if c.uuid not in uuids)
        codings = list(heapq.merge(kept, fresh, key=lambda c: (c.start, c.end)))
        self._repaint_changed(codings, changed)

    def _repaint_changed(self, codings: list[CodingView], changed: Collection[CodingView]) -> None:
        """Show ``codings``, repainting only the stretch ``changed`` covers."""
        if not changed:
            self.codings = codings  # same spans (a memo changed, say): nothing to repaint
        else:
            region = (min(c.start for c in changed), max(c.end for c in changed))
            self.codings = codings
            self._several_coders = len({c.coder_id for c in codings}) > 1
            self.intervals = recompute_region(self.intervals, ((c.start, c.end, c.code_id) for c in codings), *region)
            self.lanes = assign_lanes(codings)
            self.painter.paint(self.intervals, self.offsets, region)
        self._update_stripes(resize=True)

    @property
    def several_coders(self) -> bool:
        return self._several_coders

    def _set_codings(self, codings: list[CodingView]) -> None:
        self.codings = codings
        self._several_coders = len({c.coder_id for c in codings}) > 1
        self.intervals = coverage_intervals((c.start, c.end, c.code_id) for c in codings)
        self.lanes = assign_lanes(codings)

    def _format_speakers(self) -> None:
        """Speaker labels bold in a colour of their own; interviewer turns in a quieter text colour."""
        assert self.document is not None
        palette = self.palette()
        dark = is_dark(palette)
        muted = QColor(palette.color(QPalette.ColorRole.Text))
        muted.setAlphaF(0.68)
        muted = _flatten(muted, palette.color(QPalette.ColorRole.Base))
        self._speaker_colour.clear()
        cursor = QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        for turn in self.document.turns:
            speaker = turn.speaker.strip()
            if turn.content_start > turn.start and speaker:
                label = QTextCharFormat()
                label.setFontWeight(QFont.Weight.DemiBold)
                label.setForeground(self._colour_for_speaker(speaker, dark))
                cursor.setPosition(self.offsets.to_qt(turn.start))
                cursor.setPosition(self.offsets.to_qt(turn.content_start), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(label)
            if INTERVIEWER.match(speaker):
                quiet = QTextCharFormat()
                quiet.setForeground(muted)
                cursor.setPosition(self.offsets.to_qt(turn.content_start))
                cursor.setPosition(self.offsets.to_qt(turn.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(quiet)
        cursor.endEditBlock()

    def _colour_for_speaker(self, speaker: str, dark: bool) -> QColor:
        key = speaker.casefold()
        colour = self._speaker_colour.get(key)
        if colour is None:
            colour = QColor(SPEAKER_COLOURS[len(self._speaker_colour) % len(SPEAKER_COLOURS)])
            if dark:
                colour = colour.lighter(170)
            self._speaker_colour[key] = colour
        return colour

    def _update_header(self) -> None:
        document = self.document
        if document is None:
            return
        self.title.setText(document.name)
        language = {"en": translate("TranscriptView", "English"), "zh": translate("TranscriptView", "Chinese")}.get(
            document.language, document.language)
        case = (translate("TranscriptView", "case <b>{case}</b>").format(case=html.escape(document.case_name))
                if document.case_name else translate("TranscriptView", "no case"))
        word_count, turn_count = document.word_count, len(document.turns)  # plain names, which lupdate reads
        words = translate("TranscriptView", "%Ln word(s)", None, word_count)
        turns = translate("TranscriptView", "%Ln turn(s)", None, turn_count)
        parts = [case, language, words, turns]
        self.subtitle.setText(" · ".join(parts))

    # -- looks ------------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()
            if self.document is not None:
                self.show_document(self.document, self.codings, self.codes, self.coders)
        super().changeEvent(event)

    def _apply_palette(self) -> None:
        palette = self.palette()
        self.painter.set_palette(palette.color(QPalette.ColorRole.Base), is_dark(palette))

    def zoom(self, steps: int) -> None:
        """Zoom by ``steps`` (negative: out), within limits; ``zoom_steps`` keeps the total."""
        target = min(max(self.zoom_steps + steps, MIN_ZOOM), MAX_ZOOM)
        delta = target - self.zoom_steps
        if delta > 0:
            self.edit.zoomIn(delta)
        elif delta < 0:
            self.edit.zoomOut(-delta)
        self.zoom_steps = target
        self._update_stripes()

    def reset_zoom(self) -> None:
        self.zoom(-self.zoom_steps)

    # -- selection ---------------------------------------------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected span in code points, or None."""
        cursor = self.edit.textCursor()
        if not cursor.hasSelection() or self.document is None:
            return None
        start, end = self.offsets.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())
        return (start, end) if end > start else None

    def selected_text(self) -> str:
        span = self.selection()
        return self.document.text[span[0]:span[1]] if span and self.document else ""

    def select(self, start: int, end: int) -> None:
        """Select a span and scroll so that it is in view."""
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(self.offsets.to_qt(end))
        self.edit.setTextCursor(cursor)
        cursor.setPosition(self.offsets.to_qt(start))
        self.edit.setTextCursor(cursor)
        self.edit.centerCursor()
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)

    def select_coding(self, coding_uuid: str) -> None:
        for coding in self.codings:
            if coding.uuid == coding_uuid:
                self.select(coding.start, coding.end)
                return

    def snapped(self, start: int, end: int) -> tuple[int, int]:
        """The span the current snapping mode codes: what ``coding.codings.snap_span`` gives, from memory.

        Chinese has no spaces between words, so its word bounds come from the segmenter, looked up
        within the sentence(s) around the selection, as the coding module does.
        """
        document = self.document
        if document is None or self.snap_mode is None:
            return start, end
        bounds = list(document.sentences)
        if document.language == "zh":
            window = snap_to_sentences(bounds, start, end) if bounds else (0, len(document.text))
            first, last = snap_to_segmented_words(document.text, start, end, document.language, window)
        else:
            first, last = snap_to_words(document.text, start, end)
        if self.snap_mode == "sentence":
            first, last = snap_to_sentences(bounds, first, last)
        return (first, last) if last > first else (start, end)

    def snap_selection(self) -> None:
        """After a mouse selection, widen it to whole words (or sentences) so what you see is what gets coded."""
        span = self.selection()
        if span is None:
            return
        start, end = self.snapped(*span)
        if (start, end) != span:
            anchor_first = self.edit.textCursor().anchor() <= self.edit.textCursor().position()
            cursor = QTextCursor(self.edit.document())
            first, second = (start, end) if anchor_first else (end, start)
            cursor.setPosition(self.offsets.to_qt(first))
            cursor.setPosition(self.offsets.to_qt(second), QTextCursor.MoveMode.KeepAnchor)
            self.edit.setTextCursor(cursor)

    def _drag_payload(self) -> dict[str, int] | None:
        span = self.selection()
        if span is None or self.document is None:
            return None
        return {"document_id": self.document.id, "start": span[0], "end": span[1]}

    # -- codings under the mouse -------------------------------------------------------------------------
    def index_at(self, viewport_point: QPoint) -> int:
        return self.offsets.from_qt(self.edit.cursorForPosition(viewport_point).position())

    def codings_at(self, index: int) -> list[CodingView]:
        return [c for c in self.codings if c.start <= index < c.end]

    def rect_of(self, index: int) -> QRect:
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(self.offsets.to_qt(index))
        return self.edit.cursorRect(cursor)

    def code_colour(self, code_id: int) -> str:
        info = self.codes.get(code_id)
        return info.colour if info else "#9e9e9e"

    def code_name(self, code_id: int) -> str:
        info = self.codes.get(code_id)
        return shown_name(info) if info else "?"

    def coder_name(self, coder_id: int) -> str:
        return self.coders.get(coder_id, "?")

    def tooltip_html(self, codings: Sequence[CodingView]) -> str:
        rows = []
        notes = self.coding_notes([coding.uuid for coding in codings])
        for coding in codings:
            info = self.codes.get(coding.code_id)
            path = html.escape(shown_path(info, self.codes, " › ")) if info else "?"
            memo = f"<br><i>{html.escape(coding.memo)}</i>" if coding.memo else ""
            note = f"<br><small>{html.escape(notes[coding.uuid])}</small>" if coding.uuid in notes else ""
            coder = html.escape(self.coder_name(coding.coder_id))
            rows.append(
                f"<p style='margin:2px 0'><span style='background:{self.code_colour(coding.code_id)}'>&nbsp;&nbsp;"
                f"&nbsp;</span>&nbsp;<b>{path}</b><br>"
                + translate("TranscriptView", "coded by {coder}").format(coder=coder)
                + f"{self._said_at(coding.start, coding.end)}"
                f"{memo}{note}</p>"
            )
        return "".join(rows)

    def _said_at(self, start: int, end: int) -> str:
        """", said 00:12:03 – 00:12:40" for a passage of a timed transcript (the span of the turns it covers)."""
        from coding.importing.times import span_text, turns_span_ms  # the import package: not needed at start

        span = turns_span_ms(self.document.turns, start, end) if self.document else None
        return translate("TranscriptView", ", said {time}").format(time=span_text(span)) if span else ""

    def _show_tooltip(self, point: QPoint, global_point: QPoint) -> None:
        from coding.importing.times import span_text, turns_span_ms

        index = self.index_at(point)
        codings = self.codings_at(index) if self.document else []
        if codings:
            QToolTip.showText(global_point, self.tooltip_html(codings), self.edit.viewport())
        elif self.document and (span := turns_span_ms(self.document.turns, index, index + 1)):
            turn = translate("TranscriptView", "This turn: {time}").format(time=span_text(span))
            QToolTip.showText(global_point, turn, self.edit.viewport())
        else:
            QToolTip.hideText()

    def _context_menu(self, point: QPoint) -> None:
        self.context_menu_requested.emit(self.edit.viewport().mapToGlobal(point), self.index_at(point))

    def _update_stripes(self, resize: bool = False) -> None:
        if resize:
            width = self.stripes.preferred_width()
            if width != self.stripes.width():
                self.stripes.setFixedWidth(width)
        self.stripes.update()


def _flatten_with(colour: QColor, base: QColor, share: float) -> QColor:
    """``colour`` laid over ``base`` at ``share`` opacity, as an opaque colour."""
    faded = QColor(colour)
    faded.setAlphaF(share)
    return _flatten(faded, base)


def _flatten(colour: QColor, base: QColor) -> QColor:
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + base.redF() * (1 - alpha),
        colour.greenF() * alpha + base.greenF() * (1 - alpha),
        colour.blueF() * alpha + base.blueF() * (1 - alpha),
    )


__all__ = ["CodingStripes", "TranscriptEdit", "TranscriptView", "assign_lanes", "is_dark", "transcript_font"]
