"""Coding actions of the main window: apply (by click, drop, shortcut, quick slot, palette), in vivo,
remove, resize and memo — each one undoable command, refused with a clear message when it cannot apply.

A mixin of ``MainWindow``: it uses the window's workbench, transcript and panels.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.commands import (
    ApplyCodeCommand,
    InVivoCommand,
    RemoveCodingsCommand,
    ResizeCodingCommand,
    SetCodingMemoCommand,
)
from app.data import CodeInfo, CodingView
from app.palette import QuickCodePalette
from app.quick_slot_commands import SetQuickSlotCommand
from coding import quick_slots
from coding.codebook import CodeNode

if TYPE_CHECKING:
    from app.main import MainWindow

    _Base = MainWindow
else:
    _Base = object


class CodingActions(_Base):
    """The window's coding verbs; every edit goes through one undoable command on the workbench."""

    def _info_by_uuid(self, code_uuid: str) -> CodeInfo | None:
        return next((info for info in self.code_infos.values() if info.uuid == code_uuid), None)

    def _require_selection(self) -> tuple[int, int] | None:
        if self.bench is None:
            return None
        if self.document_id is None:
            dialogs.show_error(self, "Open a document first, then select a passage to code.")
            return None
        span = self.transcript.selection()
        if span is None:
            dialogs.show_error(self, "Select a passage in the transcript first, then apply a code to it.")
            return None
        return span

    def apply_code(self, code_uuid: str, span: tuple[int, int] | None = None) -> bool:
        """Apply a code to the selection (or to ``span``): one undoable step."""
        if self.bench is None:
            return False
        span = span or self._require_selection()
        if span is None or self.document_id is None:
            return False
        info = self._info_by_uuid(code_uuid)
        if info is None:
            dialogs.show_error(self, "That code is no longer in the codebook.")
            return False
        # Snapped here, from the text in memory, exactly as coding.codings.snap_span would do it.
        start, end = self.transcript.snapped(*span)
        command = ApplyCodeCommand(
            self.bench, document_id=self.document_id, code_uuid=code_uuid, code_name=info.name,
            start=start, end=end, snap=None,
        )
        done = self.bench.execute(command)
        if done:
            self.statusBar().showMessage(f"Applied '{info.name}'", 3000)
        return done

    def apply_selected_code(self) -> None:
        node = self.codebook_panel.current_node()
        if node is None:
            dialogs.show_error(self, "Select a code in the Codebook first.")
            return
        self.apply_code(node.uuid)

    def _apply_dropped(self, code_uuid: str, selection: dict) -> None:
        if selection.get("document_id") != self.document_id:
            dialogs.show_error(self, "That selection belongs to a document that is no longer open.")
            return
        self.apply_code(code_uuid, (int(selection["start"]), int(selection["end"])))

    def effective_slots(self) -> dict[int, str]:
        """Quick slot -> code uuid, as stored in the project (codes still in the codebook only)."""
        known = {info.uuid for info in self.code_infos.values()}
        return {slot: uuid for slot, uuid in self.quick_slots.items() if uuid in known}

    def _load_quick_slots(self, preferred: dict[int, str]) -> None:
        """Read the project's slots; a project that never stored them keeps the ones this window showed
        until now (``preferred``: remembered on this machine, the rest in codebook order), frozen there."""
        assert self.bench is not None
        project = self.bench.project
        with project.session() as session:
            if project.read_only:
                stored = quick_slots.stored_slots(session)
                self.quick_slots = (
                    quick_slots.slots_in_force(session) if stored is not None
                    else quick_slots.default_slots(session, preferred)
                )
            else:
                self.quick_slots = quick_slots.freeze_slots(session, preferred)

    def _reload_quick_slots(self) -> None:
        """After a codebook change: adding a code may have given it a free slot, deleting one freed its slot."""
        assert self.bench is not None
        with self.bench.project.session() as session:
            if quick_slots.stored_slots(session) is not None:
                self.quick_slots = quick_slots.slots_in_force(session)
        self.codebook_model.set_slots(self._slot_of_uuid())

    def _slot_of_uuid(self) -> dict[str, int]:
        return {uuid: slot for slot, uuid in self.effective_slots().items()}

    def _codes_in_tree_order(self) -> list[CodeNode]:
        ordered: list[CodeNode] = []

        def walk(node: CodeNode) -> None:
            ordered.append(node)
            for child in node.children:
                walk(child)

        roots = [n for n in self.code_nodes.values() if n.parent_id is None]
        for root in sorted(roots, key=lambda n: n.position):
            walk(root)
        return ordered

    def apply_slot(self, slot: int) -> None:
        code_uuid = self.effective_slots().get(slot)
        if code_uuid is None:
            self.statusBar().showMessage(f"Quick slot {slot} is empty: choose a code, then Codebook › Quick slot", 4000)
            return
        self.apply_code(code_uuid)

    def assign_slot(self, slot: int | None) -> None:
        node = self.codebook_panel.current_node()
        if node is None or self.bench is None:
            dialogs.show_error(self, "Select a code in the Codebook first.")
            return
        if self._slot_of_uuid().get(node.uuid) == slot:
            return  # nothing would change: no empty undo step
        self.bench.execute(SetQuickSlotCommand(self.bench, node.uuid, node.name, slot))

    def _rebuild_code_shortcuts(self, infos: dict[int, CodeInfo]) -> None:
        for shortcut in self._code_shortcuts:
            shortcut.setEnabled(False)
            shortcut.deleteLater()
        self._code_shortcuts = []
        for info in infos.values():
            if info.shortcut and info.is_codable:
                shortcut = QShortcut(QKeySequence(info.shortcut), self)
                shortcut.activated.connect(partial(self.apply_code, info.uuid))
                self._code_shortcuts.append(shortcut)

    def open_quick_code(self) -> None:
        if self._require_selection() is None:
            return
        zh = {node.id: node.name_zh for node in self.code_nodes.values() if node.name_zh}
        popup = QuickCodePalette(list(self.code_infos.values()), zh, self, self._slot_of_uuid())
        popup.code_chosen.connect(self._palette_chose)
        origin = self.transcript.mapToGlobal(QPoint(0, 0))
        popup.move(origin.x() + max((self.transcript.width() - popup.width()) // 2, 0), origin.y() + 60)
        self.palette_popup = popup
        popup.show()
        popup.query.setFocus()

    def _palette_chose(self, code_uuid: str) -> None:
        self.apply_code(code_uuid)
        self.transcript.edit.setFocus()

    def code_in_vivo(self) -> None:
        span = self._require_selection()
        if span is None or self.bench is None or self.document_id is None or self.transcript.document is None:
            return
        start, end = self.transcript.snapped(*span)
        words = " ".join(self.transcript.document.text[start:end].split()).strip(" .,;:!?\"'“”‘’()，。；：！？、")
        suggestion = words if len(words) <= 60 else words[:59].rstrip() + "…"
        node = self.codebook_panel.current_node()
        parents: list[tuple[int | None, str]] = [(None, "(top level)")]
        parents += [(n.id, n.path) for n in self._codes_in_tree_order()]
        answer = dialogs.ask_in_vivo(self, suggestion, parents, node.id if node else None)
        if answer is None:
            return
        name, parent_id = answer
        parent_uuid = self.code_infos[parent_id].uuid if parent_id is not None else None
        self.bench.execute(
            InVivoCommand(self.bench, document_id=self.document_id, name=name, parent_uuid=parent_uuid,
                          start=start, end=end, snap=None)
        )

    def own_codings_at(self, index: int) -> list[CodingView]:
        if self.bench is None:
            return []
        return [c for c in self.transcript.codings_at(index) if c.coder_id == self.bench.coder_id]

    def _cursor_index(self) -> int:
        span = self.transcript.selection()
        if span is not None:
            return span[0]
        return self.transcript.offsets.from_qt(self.transcript.edit.textCursor().position())

    def _pick_own_coding(self, candidates: list[CodingView]) -> CodingView | None:
        if not candidates:
            dialogs.show_error(self, "There is no coding of yours here. Put the cursor inside one of your codings.")
            return None
        labels = [f"{self.transcript.code_name(c.code_id)}  ({c.start}–{c.end})" for c in candidates]
        chosen = dialogs.pick_one(self, labels)
        return candidates[chosen] if chosen is not None else None

    def remove_codings(self, coding_uuids: list[str]) -> bool:
        if self.bench is None or not coding_uuids:
            return False
        names = {c.uuid: self.transcript.code_name(c.code_id) for c in self.transcript.codings}
        label = (f"Remove '{names.get(coding_uuids[0], 'coding')}' coding" if len(coding_uuids) == 1
                 else f"Remove {len(coding_uuids)} codings")
        return self.bench.execute(RemoveCodingsCommand(self.bench, coding_uuids, label))

    def remove_coding_here(self) -> None:
        if self.segments_panel.table.hasFocus() and self.segments_panel.selected_segments():
            self.remove_selected_segments()
            return
        coding = self._pick_own_coding(self.own_codings_at(self._cursor_index()))
        if coding is not None:
            self.remove_codings([coding.uuid])

    def remove_selected_segments(self) -> None:
        if self.bench is None:
            return
        segments = self.segments_panel.selected_segments()
        own = [s.uuid for s in segments if s.coder_id == self.bench.coder_id]
        if segments and not own:
            dialogs.show_error(self, "You can only remove your own codings.")
            return
        self.remove_codings(own)

    def resize_coding(self, coding_uuid: str, start: int, end: int) -> bool:
        if self.bench is None:
            return False
        coding = next((c for c in self.transcript.codings if c.uuid == coding_uuid), None)
        name = self.transcript.code_name(coding.code_id) if coding else "coding"
        return self.bench.execute(ResizeCodingCommand(self.bench, coding_uuid, start, end, name))

    def resize_coding_to_selection(self) -> None:
        span = self._require_selection()
        if span is None or self.bench is None:
            return
        start, end = self.transcript.snapped(*span)
        overlapping = [
            c for c in self.transcript.codings
            if c.coder_id == self.bench.coder_id and c.start < end and c.end > start
        ]
        if not overlapping:
            dialogs.show_error(self, "Select new bounds that overlap one of your codings, then resize it.")
            return
        coding = self._pick_own_coding(overlapping)
        if coding is not None:
            self.resize_coding(coding.uuid, start, end)

    def set_coding_memo(self, coding_uuid: str, memo: str) -> bool:
        if self.bench is None:
            return False
        coding = next((c for c in self.transcript.codings if c.uuid == coding_uuid), None)
        name = self.transcript.code_name(coding.code_id) if coding else "coding"
        return self.bench.execute(SetCodingMemoCommand(self.bench, coding_uuid, memo, name))

    def memo_here(self) -> None:
        coding = self._pick_own_coding(self.own_codings_at(self._cursor_index()))
        if coding is not None:
            self._edit_memo(coding)

    def _edit_memo(self, coding: CodingView) -> None:
        memo = dialogs.edit_memo(self, f"Memo on '{self.transcript.code_name(coding.code_id)}'", coding.memo)
        if memo is not None and memo != coding.memo:
            self.set_coding_memo(coding.uuid, memo)

    def _transcript_menu(self, global_point: QPoint, index: int) -> None:
        if self.bench is None or self.transcript.document is None:
            return
        menu = QMenu(self)
        has_selection = self.transcript.selection() is not None
        if has_selection:
            menu.addActions([self.quick_code_action, self.apply_action, self.in_vivo_action])
        here = self.transcript.codings_at(index)
        if here:
            menu.addSeparator()
        for coding in here:
            name = self.transcript.code_name(coding.code_id)
            coder = self.transcript.coder_name(coding.coder_id)
            sub = menu.addMenu(f"{name}  ·  {coder}")
            sub.addAction("Select passage", partial(self.transcript.select, coding.start, coding.end))
            own = coding.coder_id == self.bench.coder_id
            for label, slot in (
                ("Memo…", partial(self._edit_memo, coding)),
                ("Resize to selection", partial(self._resize_to_current, coding.uuid)),
                ("Remove coding", partial(self.remove_codings, [coding.uuid])),
            ):
                action = sub.addAction(label, slot)
                action.setEnabled(own and (label != "Resize to selection" or has_selection))
            if not own:
                sub.addAction(f"(coded by {coder}: only they can change it)").setEnabled(False)
        menu.addSeparator()
        copy = menu.addAction("Copy", self.transcript.edit.copy)
        copy.setEnabled(has_selection)
        menu.exec(global_point)

    def _resize_to_current(self, coding_uuid: str) -> None:
        span = self.transcript.selection()
        if span is not None:
            self.resize_coding(coding_uuid, *self.transcript.snapped(*span))

    def _segments_menu(self, point: QPoint) -> None:
        segments = self.segments_panel.selected_segments()
        if not segments or self.bench is None:
            return
        menu = QMenu(self)
        own = [s for s in segments if s.coder_id == self.bench.coder_id]
        menu.addAction("Go to passage", partial(self.jump_to_segment, segments[0]))
        memo = menu.addAction("Memo…", lambda: self._memo_for_segment(own[0]))
        memo.setEnabled(len(own) == 1)
        remove = menu.addAction(f"Remove {len(own)} coding(s)", self.remove_selected_segments)
        remove.setEnabled(bool(own))
        menu.exec(self.segments_panel.table.viewport().mapToGlobal(point))

    def _memo_for_segment(self, segment) -> None:  # type: ignore[no-untyped-def]
        memo = dialogs.edit_memo(self, "Memo on coding", segment.memo)
        if memo is not None and memo != segment.memo:
            self.set_coding_memo(segment.uuid, memo)


__all__ = ["CodingActions"]
