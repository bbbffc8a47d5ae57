"""Codebook editing actions of the main window: add, rename, definition, colour, shortcut, category,
move (drag and drop), merge and delete — each one undoable command following coding.codebook's rules.

An object the window holds (``window.codebook_actions``); it reads the window's workbench, codebook
panel and look-ups, and writes only through commands on the workbench.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from app import dialogs
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


class CodebookActions:
    """The window's codebook verbs; each edit is one undoable command following coding.codebook's rules."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.panel = window.codebook_panel
        self.lookups = window.lookups

    def _current_code(self) -> CodeNode | None:
        node = self.panel.current_node()
        if node is None:
            dialogs.show_error(self.window, "Select a code in the Codebook first.")
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
            where = f"under '{parent.name}'" if parent else "at the top level"
            name = dialogs.ask_text(self.window, "Add code", f"Name of the new code {where}:")
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
        old = info.name if info else "code"
        return self._update(code_uuid, f"Rename '{old}' to '{new_name.strip()}'", name=new_name)

    def rename_current_code(self) -> None:
        node = self._current_code()
        if node is None:
            return
        name = dialogs.ask_text(self.window, "Rename code", "New name:", node.name)
        if name is not None and name != node.name:
            self.rename_code(node.uuid, name)

    def recolour_code(self) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        colour = dialogs.choose_colour(self.window, node.colour)
        if colour and colour.lower() != node.colour.lower():
            self._update(node.uuid, f"Colour of '{node.name}'", colour=colour)

    def set_code_shortcut(self) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        shortcut = dialogs.ask_shortcut(self.window, node.name, node.shortcut)
        if shortcut is not None and shortcut != node.shortcut:
            label = f"Shortcut {shortcut} for '{node.name}'" if shortcut else f"No shortcut for '{node.name}'"
            self._update(node.uuid, label, shortcut=shortcut)

    def edit_definition(self) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        values = {key: getattr(node, key) for key in
                  ("name_zh", "definition", "definition_zh", "include_rule", "exclude_rule", "example")}
        changed = dialogs.edit_code_definition(self.window, node.name, values)
        if changed:
            self._update(node.uuid, f"Definition of '{node.name}'", **changed)

    def toggle_codable(self, category_only: bool) -> None:
        node = self._current_code()
        if node is None or self.window.bench is None:
            return
        if node.is_codable == (not category_only):
            return
        label = f"Make '{node.name}' a category" if category_only else f"Make '{node.name}' codable"
        self._update(node.uuid, label, is_codable=not category_only)

    def move_code(self, code_uuid: str, parent_uuid: str | None, position: int) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        info = self.lookups.info_by_uuid(code_uuid)
        parent = self.lookups.info_by_uuid(parent_uuid) if parent_uuid else None
        command = MoveCodeCommand(
            bench, code_uuid, info.name if info else "code", parent_uuid, position if position >= 0 else None,
            parent.name if parent else "the top level",
        )
        return bench.execute(command)

    def merge_current_code(self) -> None:
        node = self._current_code()
        bench = self.window.bench
        if node is None or bench is None:
            return
        with bench.project.session() as session:
            excluded = {node.id, *descendant_ids(session, node.id)}
        choices = [(n.id, n.path) for n in self.lookups.in_tree_order() if n.id not in excluded]
        target_id = dialogs.choose_code(
            self.window, "Merge code", f"Merge '{node.name}' (its codings and subcodes) into:", choices
        )
        if target_id is not None:
            self.merge_codes(node.uuid, self.lookups.infos[target_id].uuid)

    def merge_codes(self, source_uuid: str, target_uuid: str) -> bool:
        bench = self.window.bench
        if bench is None:
            return False
        source, target = self.lookups.info_by_uuid(source_uuid), self.lookups.info_by_uuid(target_uuid)
        if source is None or target is None:
            dialogs.show_error(self.window, "Both codes must be in the codebook to merge them.")
            return False
        command = MergeCodesCommand(bench, source_uuid, target_uuid, source.name, target.name)
        question = (f"'{source.name}' has memos, consensus decisions or matrix summaries. Merging moves them into "
                    f"'{target.name}' and cannot be undone. Merge anyway?")
        return self._run_maybe_irreversibly(command, source.id, question, "Merge")

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
        if dialogs.confirm(self.window, f"Delete the code '{node.name}'?", ok_text="Delete"):
            self.delete_code(node.uuid)

    def delete_code(self, code_uuid: str) -> bool:
        bench = self.window.bench
        info = self.lookups.info_by_uuid(code_uuid)
        if bench is None or info is None:
            return False
        command = DeleteCodeCommand(bench, code_uuid, info.name)
        question = f"'{info.name}' has memos that would be deleted with it, and this cannot be undone. Delete anyway?"
        return self._run_maybe_irreversibly(command, info.id, question, "Delete")

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
        slot_menu = menu.addMenu("Quick &slot")
        for slot in range(1, 10):
            slot_menu.addAction(f"Slot {slot}  (key {slot} / Alt+{slot})", partial(window.coding_actions.assign_slot, slot))
        slot_menu.addSeparator()
        slot_menu.addAction("No slot", partial(window.coding_actions.assign_slot, None))
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
            apply = menu.addAction(f"Apply '{node.name}' to the selection", window.coding_actions.apply_selected_code)
            apply.setEnabled(window.transcript.selection() is not None and node.is_codable)
            menu.addSeparator()
        self.fill_code_menu(menu)
        window.codebook_menu_built.emit(menu, node)
        return menu


__all__ = ["CodebookActions"]
