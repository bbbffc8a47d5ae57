"""The methods paragraph of an agreement run, in English and Chinese, to read, copy into a paper or save as text.

The text comes from :func:`coding.agreement.methods.methods_text` on the run's stored parameters and figures, so it
is the same paragraph the CLI prints and the Word report opens with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import dialogs
from app.agreement import files
from coding.agreement.methods import MethodsText, methods_text

TEXT_FILTER = files.TEXT_FILTER
translate = QCoreApplication.translate  # named so pyside6-lupdate extracts the calls


class MethodsDialog(QDialog):
    """Two tabs (English, 中文) with the paragraph and its references; Copy and Save as text."""

    def __init__(self, parameters: dict[str, Any], figures: Any, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AgreementMethodsDialog", "Methods paragraph — {title}").format(title=title))
        self.resize(720, 520)
        self.methods: MethodsText = methods_text(parameters, figures)
        references = "\n".join(self.methods.references)
        self.tabs = QTabWidget()
        self.editors: list[QPlainTextEdit] = []
        for label, text in (("English", self.methods.english), ("中文", self.methods.chinese)):
            heading = translate("AgreementMethodsDialog", "References")
            editor = QPlainTextEdit(f"{text}\n\n{heading}\n{references}" if references else text)
            editor.setReadOnly(True)
            self.editors.append(editor)
            self.tabs.addTab(editor, label)
        hint = QLabel(translate("AgreementMethodsDialog",
                                "Built from the stored run's parameters and figures; the Word report opens with it."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        copy = QPushButton(translate("AgreementMethodsDialog", "Copy"))
        copy.clicked.connect(self.copy)
        save = QPushButton(translate("AgreementMethodsDialog", "Save as text…"))
        save.clicked.connect(self.save)
        close = QPushButton(translate("AgreementMethodsDialog", "Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addWidget(save)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def current_text(self) -> str:
        return self.editors[self.tabs.currentIndex()].toPlainText()

    def copy(self) -> str:
        """Put the shown language's paragraph and references on the clipboard."""
        text = self.current_text()
        QGuiApplication.clipboard().setText(text)
        return text

    def save(self) -> Path | None:
        """Both languages and the references as a UTF-8 text file."""
        target = files.save_path(self, translate("AgreementMethodsDialog", "Save the methods paragraph"),
                                 str(Path.home() / "methods.txt"), files.filters(TEXT_FILTER))
        if not target:
            return None
        path = Path(target)
        try:
            path.write_text(self.methods.as_text() + "\n", encoding="utf-8")
        except OSError as exc:
            dialogs.show_error(self, translate("AgreementMethodsDialog", "could not write {path}: {reason}").format(
                path=path, reason=exc.strerror or exc))
            return None
        return path


__all__ = ["TEXT_FILTER", "MethodsDialog"]
