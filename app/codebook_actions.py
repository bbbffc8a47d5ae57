"""Codebook editing actions of the main window: add, rename, definition, colour, shortcut, category,
move (drag and drop), merge and delete — each one undoable command following coding.codebook's rules.

An object the window holds (``window.codebook_actions``); it reads the window's workbench, codebook
panel and look-ups, and writes only through commands on the workbench.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.code_names import shown_name, shown_path
from app.commands import (
    AddCodeCommand,
    BenchCommand,
    DeleteCodeCommand,
    MergeCodesCommand,
    MoveCodeCommand,
    UpdateCodeCommand,
    merge_is_reversible,
)
from coding.codebook import CodeNode, delete_refusal, descendant_ids

if TYPE_CHECKING:
    from app.main import MainWindow

translate = QCoreApplication.translate  # literally this name: pyside6-lupdate extracts its calls


class CodebookActions:
    """The window's codebook verbs; each edit is one undoable command following coding.codebook's rules."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel = window.codebook_panel
        self.lookups = window.lookups

    def _current_code(self) -> CodeNode | None:
        node = self.panel.current_node()
        if node is None:
            dialogs.show_error(self.window, translate("CodebookActions", "Select a code in the Codebook first."))
        return node

    def code_selected(self, node: CodeNode | None) -> None:
        if node is not None:
            self.window.codable_action.setChecked(not node.is_codable)

    def add_code(self, top_level: bool = True, name: str | None = None) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        parent = None if top_level else self._current_code()
        if not top_level and parent is None:
            return False
        if name is None:
            label = (translate("CodebookActions", "Name of the new code under '{parent}':").format(
                parent=shown_name(parent)) if parent else
                translate("CodebookActions", "Name of the new code at the top level:"))
            name = dialogs.ask_text(self.window, translate("CodebookActions", "Add code"), label)
            if name is None:
                return False
        done = bench.execute(AddCodeCommand(bench, name, parent.uuid if parent else None))
        if done:
            added = next((i for i in self.lookups.infos.values()
                          if i.name == name.strip() and (parent is None or i.path.startswith(parent.path + "/"))),
                         None)
            if added is not None:
                self.panel.select_code(added.id)
        return done

    def _update(self, node_uuid: str, label: str, **fields: object) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        info = self.lookups.info_by_uuid(node_uuid)  # as the views loaded it: a stale edit is refused
        version = info.version if info is not None else None
        return bench.execute(UpdateCodeCommand(bench, node_uuid, label, expected_version=version, **fields))

    def rename_code(self, code_uuid: str, new_name: str) -> bool:
        info = self.lookups.info_by_uuid(code_uuid)
        old = info.name if info else translate("BenchCommand", "code")
        label = translate("BenchCommand", "Rename '{old}' to '{new}'").format(old=old, new=new_name.strip())
        return self._update(code_uuid, label, name=new_name)

    def rename_current_code(self) -> None:
        node = self._current_code()
        if node is None:
            return
        name = dialogs.ask_text(self.window, translate("CodebookActions", "Rename code"),
                                translate("CodebookActions", "New name:"), node.name)
        if name is not None and name != node.name:
            self.rename_code(node.uuid, name)

    def recolour_code(self) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        colour = dialogs.choose_colour(self.window, node.colour)
        if colour and colour.lower() != node.colour.lower():
            self._update(node.uuid, translate("BenchCommand", "Colour of '{code}'").format(code=shown_name(node)),
                         colour=colour)

    def set_code_shortcut(self) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        shortcut = dialogs.ask_shortcut(self.window, shown_name(node), node.shortcut)
        if shortcut is not None and shortcut != node.shortcut:
            label = (translate("BenchCommand", "Shortcut {key} for '{code}'") if shortcut
                     else translate("BenchCommand", "No shortcut for '{code}'")).format(key=shortcut,
                                                                                       code=shown_name(node))
            self._update(node.uuid, label, shortcut=shortcut)

    def edit_definition(self) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        values = {key: getattr(node, key) for key in
                  ("name_zh", "definition", "definition_zh", "include_rule", "exclude_rule", "example")}
        changed = dialogs.edit_code_definition(self.window, node.name, values)
        if changed:
            label = translate("BenchCommand", "Definition of '{code}'").format(code=shown_name(node))
            self._update(node.uuid, label, **changed)

    def toggle_codable(self, category_only: bool) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        if node.is_codable == (not category_only):
            return
        label = (translate("BenchCommand", "Make '{code}' a category") if category_only
                 else translate("BenchCommand", "Make '{code}' codable")).format(code=shown_name(node))
        self._update(node.uuid, label, is_codable=not category_only)

    def move_code(self, code_uuid: str, parent_uuid: str | None, position: int) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        info = self.lookups.info_by_uuid(code_uuid)
        parent = self.lookups.info_by_uuid(parent_uuid) if parent_uuid else None
        command = MoveCodeCommand(
            bench, code_uuid, shown_name(info) if info else translate("BenchCommand", "code"), parent_uuid,
            position if position >= 0 else None,
            shown_name(parent) if parent else translate("BenchCommand", "the top level"),
        )
        return bench.execute(command)

    def merge_current_code(self) -> None:
        node = self._current_code()
        bench = self.window.bench
        if node is None or bench is None:
            return
        with bench.project.session() as session:
            excluded = {node.id, *descendant_ids(session, node.id)}
        infos = self.lookups.infos
        choices = [(n.id, shown_path(n, infos)) for n in self.lookups.in_tree_order() if n.id not in excluded]
        target_id = dialogs.choose_code(
            self.window, translate("CodebookActions", "Merge code"),
            translate("CodebookActions", "Merge '{code}' (its codings and subcodes) into:").format(
                code=shown_name(node)),
            choices,
        )
        if target_id is not None:
            self.merge_codes(node.uuid, self.lookups.infos[target_id].uuid)

    def merge_codes(self, source_uuid: str, target_uuid: str) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        source, target = self.lookups.info_by_uuid(source_uuid), self.lookups.info_by_uuid(target_uuid)
        if source is None or target is None:
            dialogs.show_error(self.window, translate(
                "CodebookActions", "Both codes must be in the codebook to merge them."))
            return False
        source_name, target_name = shown_name(source), shown_name(target)
        command = MergeCodesCommand(bench, source_uuid, target_uuid, source_name, target_name)
        question = translate(
            "CodebookActions", "'{source}' has memos, consensus decisions or matrix summaries. Merging moves them "
            "into '{target}' and cannot be undone. Merge anyway?").format(source=source_name, target=target_name)
        return self._run_maybe_irreversibly(command, source.id, question, translate("CodebookActions", "Merge"))

    def delete_current_code(self) -> None:
        node = self._current_code()
        bench = self.window.bench
        if node is None or bench is None:
            return
        with bench.project.session() as session:
            refusal = delete_refusal(session, node.id)
        if refusal is not None:  # refuse before asking, not after the user has said yes
            dialogs.show_error(self.window, refusal[0].upper() + refusal[1:])
            return
        question = translate("CodebookActions", "Delete the code '{code}'?").format(code=shown_name(node))
        if dialogs.confirm(self.window, question, ok_text=translate("CodebookActions", "Delete")):
            self.delete_code(node.uuid)

    def delete_code(self, code_uuid: str) -> bool:
        bench = self.window.bench
        info = self.lookups.info_by_uuid(code_uuid)
        if bench is None or info is None:
            return False
        command = DeleteCodeCommand(bench, code_uuid, shown_name(info))
        question = translate(
            "CodebookActions",
            "'{code}' has memos that would be deleted with it, and this cannot be undone. Delete anyway?",
        ).format(code=shown_name(info))
        return self._run_maybe_irreversibly(command, info.id, question, translate("CodebookActions", "Delete"))

    def _run_maybe_irreversibly(self, command: BenchCommand, code_id: int, question: str, verb: str) -> bool:
        """An undoable step when the code's belongings can be put back, else one the user agrees cannot be."""
        bench = command.bench
        with bench.project.session() as session:
            reversible = merge_is_reversible(session, code_id)
        if reversible:
            return bench.execute(command)
        if not dialogs.confirm(self.window, question, ok_text=verb):
            return False
        return bench.execute_without_undo(command)

    # -- menus --------------------------------------------------------------------------------------
    def fill_code_menu(self, menu: QMenu) -> None:
        window = self.window
        menu.addActions([window.add_code_action, window.add_subcode_action])
        menu.addSeparator()
        menu.addActions([window.rename_code_action, window.definition_action, window.colour_action,
                         window.shortcut_action])
        slot_menu = menu.addMenu(translate("CodebookActions", "Quick &slot"))
        for slot in range(1, 10):
            slot_menu.addAction(translate("CodebookActions", "Slot {slot}  (key {slot} / Alt+{slot})").format(slot=slot),
                                partial(window.coding_actions.assign_slot, slot))
        slot_menu.addSeparator()
        slot_menu.addAction(translate("CodebookActions", "No slot"), partial(window.coding_actions.assign_slot, None))
        menu.addAction(window.codable_action)
        menu.addSeparator()
        menu.addActions([window.merge_action, window.delete_code_action])

    def show_context_menu(self, point: QPoint) -> None:
        menu = self.context_menu()
        if menu is not None:
            menu.exec(self.panel.tree.viewport().mapToGlobal(point))

    def context_menu(self) -> QMenu | None:
        window = self.window
        if window.bench is None:
            return None
        menu = QMenu(window)
        node = self.panel.current_node()
        if node is not None:
            text = translate("CodebookActions", "Apply '{code}' to the selection").format(code=shown_name(node))
            apply = menu.addAction(text, window.coding_actions.apply_selected_code)
            apply.setEnabled(window.transcript.selection() is not None and node.is_codable)
            menu.addSeparator()
        self.fill_code_menu(menu)
        window.codebook_menu_built.emit(menu, node)
        return menu


__all__ = ["CodebookActions"]
