"""The language of an export, chosen in its dialog: English or 简体中文, the interface language until the user
picks the other one (a Chinese interface may still write an English report for an English journal).

An export runs in a pool thread; :func:`in_language` wraps its work so that every ``coding.i18n.translate`` in it
answers in the chosen language (``use_language`` is per thread: the windows keep theirs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from coding.i18n import LANGUAGES, current_language, use_language

P = ParamSpec("P")
T = TypeVar("T")


class ExportLanguageChoice(QComboBox):
    """English / 简体中文 — each language named in itself, so a reader of either finds theirs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportLanguage")
        for code, name in LANGUAGES.items():
            self.addItem(name, code)
        self.setCurrentIndex(max(0, self.findData(current_language())))
        self.setToolTip(QCoreApplication.translate(
            "ExportLanguage", "Language of the headings, tables and notes in the exported file"))

    def language(self) -> str:
        return str(self.currentData())


def add_language_row(form: QFormLayout) -> ExportLanguageChoice:
    """A "Language of the export:" row at the end of an export dialog's form."""
    choice = ExportLanguageChoice()
    form.addRow(QCoreApplication.translate("ExportLanguage", "Language of the export:"), choice)
    return choice


def in_language(language: str | None, work: Callable[P, T]) -> Callable[P, T]:
    """``work`` run with the texts of ``language`` (None: the current one)."""

    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with use_language(language):
            return work(*args, **kwargs)

    return run


__all__ = ["ExportLanguageChoice", "add_language_row", "in_language"]
