"""Coding actions of the main window: apply (by click, drop, shortcut, quick slot, palette), in vivo,
remove, resize and memo — each one undoable command, refused with a clear message when it cannot apply.

An object the window holds (``window.coding_actions``); it reads the window's workbench, transcript,
panels, look-ups and quick slots, and writes only through commands on the workbench.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QWidget

from app import dialogs
from app.code_names import shown_name, shown_path
from app.commands import (
    ApplyCodeCommand,
    InVivoCommand,
    RemoveCodingsCommand,
    ResizeCodingCommand,
    SetCodingMemoCommand,
)
from app.palette import QuickCodePalette
from app.panel_refresh import Lookups, Subscriber
from app.quick_slot_commands import SetQuickSlotCommand
from coding.changes import Changes
from coding.codebook import CodeInfo
from coding.readers import CodingView, SegmentRow

if TYPE_CHECKING:
    from app.main import MainWindow

translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls


class CodingActions:
    """The window's coding verbs; every edit goes through one undoable command on the workbench."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.transcript = window.transcript

    def _require_selection(self) -> tuple[int, int] | None:
        if self.window.bench is None:
            return None
        if self.window.document_id is None:
            dialogs.show_error(self.window, translate("CodingActions", "Open a document first, then select a passage to code."))
            return None
        span = self.transcript.selection()
        if span is None:
            dialogs.show_error(self.window, translate(
                "CodingActions", "Select a passage in the transcript first, then apply a code to it."))
            return None
        return span

    def apply_code(self, code_uuid: str, span: tuple[int, int] | None = None) -> bool:
        """Apply a code to the selection (or to ``span``): one undoable step."""
        window, bench = self.window, self.window.bench
        if bench is None:
            return False
        span = span or self._require_selection()
        document_id = window.document_id
        if span is None or document_id is None:
            return False
        info = window.lookups.info_by_uuid(code_uuid)
        if info is None:
            dialogs.show_error(window, translate("CodingActions", "That code is no longer in the codebook."))
            return False
        # Snapped here, from the text in memory, exactly as coding.codings.snap_span would do it.
        start, end = self.transcript.snapped(*span)
        command = ApplyCodeCommand(
            bench, document_id=document_id, code_uuid=code_uuid, code_name=shown_name(info), start=start, end=end,
            snap=None,
        )
        done = bench.execute(command)
        if done:
            message = translate("CodingActions", "Applied '{code}'").format(code=shown_name(info))
            window.statusBar().showMessage(message, 3000)
        return done

    def apply_selected_code(self) -> None:
        node = self.window.codebook_panel.current_node()
        if node is None:
            dialogs.show_error(self.window, translate("CodingActions", "Select a code in the Codebook first."))
            return
        self.apply_code(node.uuid)

    def apply_dropped(self, code_uuid: str, selection: dict[str, int]) -> None:
        if selection.get("document_id") != self.window.document_id:
            dialogs.show_error(self.window, translate(
                "CodingActions", "That selection belongs to a document that is no longer open."))
            return
        self.apply_code(code_uuid, (int(selection["start"]), int(selection["end"])))

    def apply_slot(self, slot: int) -> None:
        code_uuid = self.window.quick_slot_store.effective().get(slot)
        if code_uuid is None:
            message = translate("CodingActions", "Quick slot {slot} is empty: choose a code, then Codebook › Quick slot"
                                ).format(slot=slot)
            self.window.statusBar().showMessage(message, 4000)
            return
        self.apply_code(code_uuid)

    def assign_slot(self, slot: int | None) -> None:
        node = self.window.codebook_panel.current_node()
        bench = self.window.bench
        if node is None or bench is None:
            dialogs.show_error(self.window, translate("CodingActions", "Select a code in the Codebook first."))
            return
        if self.window.quick_slot_store.slot_of_uuid().get(node.uuid) == slot:
            return  # nothing would change: no empty undo step
        bench.execute(SetQuickSlotCommand(bench, node.uuid, shown_name(node), slot))

    def open_quick_code(self) -> None:
        if self._require_selection() is None:
            return
        window, lookups = self.window, self.window.lookups
        zh = {node.id: node.name_zh for node in lookups.nodes.values() if node.name_zh}
        popup = QuickCodePalette(list(lookups.infos.values()), zh, window, window.quick_slot_store.slot_of_uuid())
        popup.code_chosen.connect(self._palette_chose)
        origin = self.transcript.mapToGlobal(QPoint(0, 0))
        popup.move(origin.x() + max((self.transcript.width() - popup.width()) // 2, 0), origin.y() + 60)
        window.palette_popup = popup
        popup.show()
        popup.query.setFocus()

    def _palette_chose(self, code_uuid: str) -> None:
        self.apply_code(code_uuid)
        self.transcript.edit.setFocus()

    def code_in_vivo(self) -> None:
        span = self._require_selection()
        window, bench, document_id = self.window, self.window.bench, self.window.document_id
        if span is None or bench is None or document_id is None or self.transcript.document is None:
            return
        start, end = self.transcript.snapped(*span)
        words = " ".join(self.transcript.document.text[start:end].split()).strip(" .,;:!?\"'“”‘’()，。；：！？、")
        suggestion = words if len(words) <= 60 else words[:59].rstrip() + "…"
        node = window.codebook_panel.current_node()
        parents: list[tuple[int | None, str]] = [(None, translate("CodingActions", "(top level)"))]
        parents += [(n.id, shown_path(n, window.lookups.infos)) for n in window.lookups.in_tree_order()]
        answer = dialogs.ask_in_vivo(window, suggestion, parents, node.id if node else None)
        if answer is None:
            return
        name, parent_id = answer
        parent_uuid = window.lookups.infos[parent_id].uuid if parent_id is not None else None
        bench.execute(
            InVivoCommand(bench, document_id=document_id, name=name, parent_uuid=parent_uuid, start=start, end=end,
                          snap=None)
        )

    def own_codings_at(self, index: int) -> list[CodingView]:
        bench = self.window.bench
        if bench is None:
            return []
        return [c for c in self.transcript.codings_at(index) if c.coder_id == bench.coder_id]

    def _cursor_index(self) -> int:
        span = self.transcript.selection()
        if span is not None:
            return span[0]
        return self.transcript.offsets.from_qt(self.transcript.edit.textCursor().position())

    def _pick_own_coding(self, candidates: list[CodingView]) -> CodingView | None:
        if not candidates:
            dialogs.show_error(self.window, translate(
                "CodingActions", "There is no coding of yours here. Put the cursor inside one of your codings."))
            return None
        labels = [f"{self.transcript.code_name(c.code_id)}  ({c.start}–{c.end})" for c in candidates]
        chosen = dialogs.pick_one(self.window, labels)
        return candidates[chosen] if chosen is not None else None

    def remove_codings(self, coding_uuids: list[str]) -> bool:
        bench = self.window.bench
        if bench is None or not coding_uuids:
            return False
        names = {c.uuid: self.transcript.code_name(c.code_id) for c in self.transcript.codings}
        if len(coding_uuids) == 1:
            label = translate("BenchCommand", "Remove '{code}' coding").format(
                code=names.get(coding_uuids[0], translate("BenchCommand", "coding")))
        else:
            label = translate("BenchCommand", "Remove {count} codings").format(count=len(coding_uuids))
        return bench.execute(RemoveCodingsCommand(bench, coding_uuids, label))

    def remove_coding_here(self) -> None:
        segments = self.window.segments_panel
        if segments.table.hasFocus() and segments.selected_segments():
            self.remove_selected_segments()
            return
        coding = self._pick_own_coding(self.own_codings_at(self._cursor_index()))
        if coding is not None:
            self.remove_codings([coding.uuid])

    def remove_selected_segments(self) -> None:
        bench = self.window.bench
        if bench is None:
            return
        segments = self.window.segments_panel.selected_segments()
        own = [s.uuid for s in segments if s.coder_id == bench.coder_id]
        if segments and not own:
            dialogs.show_error(self.window, translate("CodingActions", "You can only remove your own codings."))
            return
        self.remove_codings(own)

    def _code_name_of(self, coding_uuid: str) -> str:
        coding = next((c for c in self.transcript.codings if c.uuid == coding_uuid), None)
        return self.transcript.code_name(coding.code_id) if coding else translate("BenchCommand", "coding")

    def resize_coding(self, coding_uuid: str, start: int, end: int) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        return bench.execute(ResizeCodingCommand(bench, coding_uuid, start, end, self._code_name_of(coding_uuid)))

    def resize_coding_to_selection(self) -> None:
        span = self._require_selection()
        bench = self.window.bench
        if span is None or bench is None:
            return
        start, end = self.transcript.snapped(*span)
        overlapping = [
            c for c in self.transcript.codings
            if c.coder_id == bench.coder_id and c.start < end and c.end > start
        ]
        if not overlapping:
            dialogs.show_error(self.window, translate(
                "CodingActions", "Select new bounds that overlap one of your codings, then resize it."))
            return
        coding = self._pick_own_coding(overlapping)
        if coding is not None:
            self.resize_coding(coding.uuid, start, end)

    def set_coding_memo(self, coding_uuid: str, memo: str) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        return bench.execute(SetCodingMemoCommand(bench, coding_uuid, memo, self._code_name_of(coding_uuid)))

    def memo_here(self) -> None:
        coding = self._pick_own_coding(self.own_codings_at(self._cursor_index()))
        if coding is not None:
            self._edit_memo(coding)

    def _edit_memo(self, coding: CodingView) -> None:
        title = translate("CodingActions", "Memo on '{code}'").format(code=self.transcript.code_name(coding.code_id))
        memo = dialogs.edit_memo(self.window, title, coding.memo)
        if memo is not None and memo != coding.memo:
            self.set_coding_memo(coding.uuid, memo)

    def jump_to_segment(self, segment: SegmentRow) -> None:
        if segment.document_id != self.window.document_id:
            self.window.open_document(segment.document_id)
        self.transcript.select(segment.start, segment.end)
        self.transcript.edit.setFocus()

    # -- context menus ------------------------------------------------------------------------------
    def transcript_menu(self, global_point: QPoint, index: int) -> None:
        window, bench = self.window, self.window.bench
        if bench is None or self.transcript.document is None:
            return
        menu = QMenu(window)
        has_selection = self.transcript.selection() is not None
        if has_selection:
            menu.addActions([window.quick_code_action, window.apply_action, window.in_vivo_action])
        here = self.transcript.codings_at(index)
        if here:
            menu.addSeparator()
        for coding in here:
            name = self.transcript.code_name(coding.code_id)
            coder = self.transcript.coder_name(coding.coder_id)
            sub = menu.addMenu(f"{name}  ·  {coder}")
            sub.addAction(translate("CodingActions", "Select passage"),
                          partial(self.transcript.select, coding.start, coding.end))
            own = coding.coder_id == bench.coder_id
            for label, slot, needs_selection in (
                (translate("CodingActions", "Memo…"), partial(self._edit_memo, coding), False),
                (translate("CodingActions", "Resize to selection"), partial(self._resize_to_current, coding.uuid),
                 True),
                (translate("CodingActions", "Remove coding"), partial(self.remove_codings, [coding.uuid]), False),
            ):
                action = sub.addAction(label, slot)
                action.setEnabled(own and (not needs_selection or has_selection))
            if not own:
                only_they = translate("CodingActions", "(coded by {coder}: only they can change it)")
                sub.addAction(only_they.format(coder=coder)).setEnabled(False)
        window.transcript_menu_built.emit(menu, index)
        menu.addSeparator()
        copy = menu.addAction(translate("CodingActions", "Copy"), self.transcript.edit.copy)
        copy.setEnabled(has_selection)
        menu.exec(global_point)

    def _resize_to_current(self, coding_uuid: str) -> None:
        span = self.transcript.selection()
        if span is not None:
            self.resize_coding(coding_uuid, *self.transcript.snapped(*span))

    def segments_menu(self, point: QPoint) -> None:
        panel, bench = self.window.segments_panel, self.window.bench
        segments = panel.selected_segments()
        if not segments or bench is None:
            return
        menu = QMenu(self.window)
        own = [s for s in segments if s.coder_id == bench.coder_id]
        menu.addAction(translate("CodingActions", "Go to passage"), partial(self.jump_to_segment, segments[0]))
        memo = menu.addAction(translate("CodingActions", "Memo…"), lambda: self._memo_for_segment(own[0]))
        memo.setEnabled(len(own) == 1)
        count = len(own)  # a plain name: lupdate skips a translate() whose count is an expression
        remove = menu.addAction(translate("CodingActions", "Remove %n coding(s)", None, count),
                                self.remove_selected_segments)
        remove.setEnabled(bool(own))
        menu.exec(panel.table.viewport().mapToGlobal(point))

    def _memo_for_segment(self, segment: SegmentRow) -> None:
        memo = dialogs.edit_memo(self.window, translate("CodingActions", "Memo on coding"), segment.memo)
        if memo is not None and memo != segment.memo:
            self.set_coding_memo(segment.uuid, memo)


class CodeShortcuts(Subscriber):
    """Each codable code's own key (Codebook › Shortcut…) applies it; rebuilt when the codes change."""

    def __init__(self, window: QWidget, lookups: Lookups, apply_code: CodingActions) -> None:
        self.window, self.lookups, self.actions = window, lookups, apply_code
        self.shortcuts: list[QShortcut] = []

    def on_changes(self, changes: Changes, initiator: object | None) -> None:
        if changes.codes:
            self.rebuild(self.lookups.infos)

    def rebuild(self, infos: dict[int, CodeInfo]) -> None:
        for shortcut in self.shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self.shortcuts = []
        for info in infos.values():
            if info.shortcut and info.is_codable:
                shortcut = QShortcut(QKeySequence(info.shortcut), self.window)
                shortcut.activated.connect(partial(self.actions.apply_code, info.uuid))
                self.shortcuts.append(shortcut)


__all__ = ["CodeShortcuts", "CodingActions"]
