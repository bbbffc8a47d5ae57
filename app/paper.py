"""The paper size of Word exports: one preference, kept in QSettings and shown beside every Word export.

Until the user chooses, the paper follows the system locale's country (:func:`coding.export.journal.default_paper`:
Letter in the US, Canada, Mexico, the Philippines …, A4 elsewhere). Choosing a size in any export dialog (or
beside the agreement report's button) makes it the preference for all of them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QComboBox, QWidget

from coding.export.journal import PAPERS, default_paper
from coding.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate  # under this name lupdate extracts the calls
PAPER_KEY = "export/paper"
PAPER_NAMES = {"a4": "A4", "letter": QT_TRANSLATE_NOOP("PaperChoice", "US Letter")}  # translated where shown


def locale_paper() -> str:
    """The paper of the system locale's country (QLocale().name() is "en_US", "zh_CN" …)."""
    return default_paper(QLocale.system().name())


def paper_preference(settings: QSettings | None) -> str:
    """The paper the user chose last, else the locale's."""
    value = str(settings.value(PAPER_KEY, "") or "") if settings is not None else ""
    return value if value in PAPERS else locale_paper()


def settings_of(widget: QWidget | None) -> QSettings | None:
    """The main window's QSettings, found up the parent chain (None outside the app, e.g. in a bare dialog)."""
    while widget is not None:
        app_settings = getattr(widget, "settings", None)
        qsettings = getattr(app_settings, "qsettings", None)
        if isinstance(qsettings, QSettings):
            return qsettings
        widget = widget.parentWidget()
    return None


class PaperChoice(QComboBox):
    """A4 / US Letter, starting at the preference and remembering what the user picks."""

    def __init__(self, settings: QSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        for key in PAPERS:
            self.addItem(translate("PaperChoice", PAPER_NAMES[key]), key)
        self.setCurrentIndex(max(0, self.findData(paper_preference(settings))))
        self.setToolTip(translate("PaperChoice", "Paper size of the Word file (remembered for every Word export)"))
        self.currentIndexChanged.connect(self._remember)

    def paper(self) -> str:
        return str(self.currentData())

    def _remember(self) -> None:
        if self.settings is not None:
            self.settings.setValue(PAPER_KEY, self.paper())


__all__ = ["PAPER_KEY", "PaperChoice", "locale_paper", "paper_preference", "settings_of"]
