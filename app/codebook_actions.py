"""Codebook editing actions of the main window: add, rename, definition, colour, shortcut, category,
move (drag and drop), merge and delete — each one undoable command following coding.codebook's rules.

A mixin of ``MainWindow``: it uses the window's workbench and codebook panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QMenu

from app import dialogs
from app.commands import (
    AddCodeCommand,
    DeleteCodeCommand,
    MergeCodesCommand,
    MoveCodeCommand,
    UpdateCodeCommand,
    merge_is_reversible,
)
from coding.codebook import CodeNode, delete_refusal, descendant_ids

if TYPE_CHECKING:
    from app.main import MainWindow

    _Base = MainWindow
else:
    _Base = object


class CodebookActions(_Base):
    """The window's codebook verbs; each edit is one undoable command following coding.codebook's rules."""

    codebook_menu_built = Signal(object, object)  # (QMenu, current CodeNode or None): features add their items

    def _current_code(self) -> CodeNode | None:
        node = self.codebook_panel.current_node()
        if node is None:
            dialogs.show_error(self, "Select a code in the Codebook first.")
        return node

    def add_code(self, top_level: bool = True, name: str | None = None) -> bool:
        if self.bench is None:
            return False
        parent = None if top_level else self._current_code()
        if not top_level and parent is None:
            return False
        if name is None:
            where = f"under '{parent.name}'" if parent else "at the top level"
            name = dialogs.ask_text(self, "Add code", f"Name of the new code {where}:")
            if name is None:
                return False
        done = self.bench.execute(AddCodeCommand(self.bench, name, parent.uuid if parent else None))
        if done:
            added = next((i for i in self.code_infos.values()
                          if i.name == name.strip() and (parent is None or i.path.startswith(parent.path + "/"))),
                         None)
            if added is not None:
                self.codebook_panel.select_code(added.id)
        return done

    def rename_code(self, code_uuid: str, new_name: str) -> bool:
        if self.bench is None:
            return False
        info = self._info_by_uuid(code_uuid)
        old = info.name if info else "code"
        return self.bench.execute(
            UpdateCodeCommand(self.bench, code_uuid, f"Rename '{old}' to '{new_name.strip()}'", name=new_name)
        )

    def rename_current_code(self) -> None:
        node = self._current_code()
        if node is None:
            return
        name = dialogs.ask_text(self, "Rename code", "New name:", node.name)
        if name is not None and name != node.name:
            self.rename_code(node.uuid, name)

    def recolour_code(self) -> None:
        node = self._current_code()
        if node is None or self.bench is None:
            return
        colour = dialogs.choose_colour(self, node.colour)
        if colour and colour.lower() != node.colour.lower():
            self.bench.execute(UpdateCodeCommand(self.bench, node.uuid, f"Colour of '{node.name}'", colour=colour))

    def set_code_shortcut(self) -> None:
        node = self._current_code()
        if node is None or self.bench is None:
            return
        shortcut = dialogs.ask_shortcut(self, node.name, node.shortcut)
        if shortcut is not None and shortcut != node.shortcut:
            label = f"Shortcut {shortcut} for '{node.name}'" if shortcut else f"No shortcut for '{node.name}'"
            self.bench.execute(UpdateCodeCommand(self.bench, node.uuid, label, shortcut=shortcut))

    def edit_definition(self) -> None:
        node = self._current_code()
        if node is None or self.bench is None:
            return
        values = {key: getattr(node, key) for key in
                  ("name_zh", "definition", "definition_zh", "include_rule", "exclude_rule", "example")}
        changed = dialogs.edit_code_definition(self, node.name, values)
        if changed:
            self.bench.execute(UpdateCodeCommand(self.bench, node.uuid, f"Definition of '{node.name}'", **changed))

    def toggle_codable(self, category_only: bool) -> None:
        node = self._current_code()
        if node is None or self.bench is None:
            return
        if node.is_codable == (not category_only):
            return
        label = f"Make '{node.name}' a category" if category_only else f"Make '{node.name}' codable"
        self.bench.execute(UpdateCodeCommand(self.bench, node.uuid, label, is_codable=not category_only))

    def move_code(self, code_uuid: str, parent_uuid: str | None, position: int) -> bool:
        if self.bench is None:
            return False
        info = self._info_by_uuid(code_uuid)
        parent = self._info_by_uuid(parent_uuid) if parent_uuid else None
        command = MoveCodeCommand(
            self.bench, code_uuid, info.name if info else "code", parent_uuid, position if position >= 0 else None,
            parent.name if parent else "the top level",
        )
        return self.bench.execute(command)

    def merge_current_code(self) -> None:
        node = self._current_code()
        if node is None or self.bench is None:
            return
        with self.bench.project.session() as session:
            excluded = {node.id, *descendant_ids(session, node.id)}
        choices = [(n.id, n.path) for n in self._codes_in_tree_order() if n.id not in excluded]
        target_id = dialogs.choose_code(
            self, "Merge code", f"Merge '{node.name}' (its codings and subcodes) into:", choices
        )
        if target_id is not None:
            self.merge_codes(node.uuid, self.code_infos[target_id].uuid)

    def merge_codes(self, source_uuid: str, target_uuid: str) -> bool:
        if self.bench is None:
            return False
        source, target = self._info_by_uuid(source_uuid), self._info_by_uuid(target_uuid)
        if source is None or target is None:
            dialogs.show_error(self, "Both codes must be in the codebook to merge them.")
            return False
        command = MergeCodesCommand(self.bench, source_uuid, target_uuid, source.name, target.name)
        with self.bench.project.session() as session:
            reversible = merge_is_reversible(session, source.id)
        if reversible:
            return self.bench.execute(command)
        if not dialogs.confirm(
            self, f"'{source.name}' has memos, consensus decisions or matrix summaries. Merging moves them into "
            f"'{target.name}' and cannot be undone. Merge anyway?", ok_text="Merge",
        ):
            return False
        return self.bench.execute_without_undo(command)

    def delete_current_code(self) -> None:
        node = self._current_code()
        if node is None or self.bench is None:
            return
        with self.bench.project.session() as session:
            refusal = delete_refusal(session, node.id)
        if refusal is not None:  # refuse before asking, not after the user has said yes
            dialogs.show_error(self, refusal[0].upper() + refusal[1:])
            return
        if dialogs.confirm(self, f"Delete the code '{node.name}'?", ok_text="Delete"):
            self.delete_code(node.uuid)

    def delete_code(self, code_uuid: str) -> bool:
        if self.bench is None:
            return False
        info = self._info_by_uuid(code_uuid)
        if info is None:
            return False
        command = DeleteCodeCommand(self.bench, code_uuid, info.name)
        with self.bench.project.session() as session:
            reversible = merge_is_reversible(session, info.id)
        if reversible:
            return self.bench.execute(command)
        if not dialogs.confirm(self, f"'{info.name}' has memos that would be deleted with it, and this cannot be "
                                     "undone. Delete anyway?", ok_text="Delete"):
            return False
        return self.bench.execute_without_undo(command)

    def _codebook_menu(self, point: QPoint) -> None:
        menu = self.codebook_context_menu()
        if menu is not None:
            menu.exec(self.codebook_panel.tree.viewport().mapToGlobal(point))

    def codebook_context_menu(self) -> QMenu | None:
        if self.bench is None:
            return None
        menu = QMenu(self)
        node = self.codebook_panel.current_node()
        if node is not None:
            apply = menu.addAction(f"Apply '{node.name}' to the selection", self.apply_selected_code)
            apply.setEnabled(self.transcript.selection() is not None and node.is_codable)
            menu.addSeparator()
        self._fill_code_menu(menu)
        self.codebook_menu_built.emit(menu, node)
        return menu


__all__ = ["CodebookActions"]
