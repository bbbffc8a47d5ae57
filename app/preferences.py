"""Edit › Settings… (issue 16): the choices that hold for the user on this computer, whatever the project.

First the interface language (English / 简体中文): applying another one builds the main window again in that language
on the same project, coder and document (``app.i18n.switch_language``), as View › Language does. Then the selection
snapping of Edit › Selection snapping. Choices that belong to one project or one tool stay where they are used; the
dialog points to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QMenu, QVBoxLayout

from app import i18n

if TYPE_CHECKING:
    from app.main import MainWindow

ACTION_NAME = "preferences_action"  # found by tests: window.findChild(QAction, ACTION_NAME)
SNAP_MODES = ("none", "word", "sentence")


class PreferencesDialog(QDialog):
    """The user-level choices; nothing changes until OK (``apply``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(QCoreApplication.translate("PreferencesDialog", "Settings"))
        self.language_box = QComboBox()
        for language, name in i18n.LANGUAGES.items():  # each name in its own language: found by those who read it
            self.language_box.addItem(name, language)
        self.language_box.setCurrentIndex(self.language_box.findData(i18n.TRANSLATORS.language))
        self.snap_box = QComboBox()
        for mode, label in zip(SNAP_MODES, self._snap_labels(), strict=True):
            self.snap_box.addItem(label, mode)
        self.snap_box.setCurrentIndex(self.snap_box.findData(window.settings.snap_mode()))
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("PreferencesDialog", "Interface language:"), self.language_box)
        form.addRow("", self._note(QCoreApplication.translate(
            "PreferencesDialog",
            "The window is built again in the new language; the open project, coder and document stay.")))
        form.addRow(QCoreApplication.translate("PreferencesDialog", "Selection snapping:"), self.snap_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._note(QCoreApplication.translate(
            "PreferencesDialog", "Other choices are made where they are used: blind mode in View › Show only my codings (per project), the coder in Project › Switch coder…, the panels in View › Reset layout, the language-model endpoint in Tools › Language-model endpoint…")))
        layout.addWidget(buttons)

    @staticmethod
    def _snap_labels() -> list[str]:
        return [QCoreApplication.translate("PreferencesDialog", "Exactly as selected"),
                QCoreApplication.translate("PreferencesDialog", "Snap to whole words"),
                QCoreApplication.translate("PreferencesDialog", "Snap to whole sentences")]

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def chosen_language(self) -> str:
        return str(self.language_box.currentData())

    def chosen_snap_mode(self) -> str:
        return str(self.snap_box.currentData())

    def apply(self) -> MainWindow:
        """Apply the choices; returns the main window (a new one when the language changed)."""
        window = self.window_
        if self.chosen_snap_mode() != window.settings.snap_mode():
            window.set_snap_mode(self.chosen_snap_mode())
        return i18n.switch_language(window, self.chosen_language())


def show_preferences(window: MainWindow) -> MainWindow:
    """Edit › Settings…: the dialog, then its choices applied on OK; returns the window in use afterwards."""
    dialog = PreferencesDialog(window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return window
        return dialog.apply()
    finally:
        dialog.deleteLater()


def edit_menu(window: MainWindow) -> QMenu | None:
    """The Edit menu: the one holding Undo (the window keeps no attribute for it)."""
    return next((menu for menu in window.undo_action.associatedObjects() if isinstance(menu, QMenu)), None)


def install(window: MainWindow) -> None:
    """Edit › Settings… (the platform's Preferences key; the application menu on macOS)."""
    action = QAction(QCoreApplication.translate("PreferencesDialog", "&Settings…"), window)
    action.setObjectName(ACTION_NAME)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    tip = QCoreApplication.translate("PreferencesDialog", "Interface language and the other choices that hold for every project")
    action.setStatusTip(tip)
    action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: show_preferences(window))
    window.addAction(action)
    menu = edit_menu(window)
    if menu is not None:
        menu.addSeparator()
        menu.addAction(action)


__all__ = ["ACTION_NAME", "PreferencesDialog", "install", "show_preferences"]
