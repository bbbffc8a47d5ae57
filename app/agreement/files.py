"""The file dialogs of the agreement windows, in one place so tests can replace them (``files.save_path``).

The filters are English here; ``filters(...)`` gives them in the interface language when a dialog opens (a
translation keeps each "(*.suffix)", from which a name typed without one gets its suffix)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app import dialogs
from coding.i18n import QT_TRANSLATE_NOOP  # returns str (PySide's is typed object); lupdate reads the name

REPORT_FILTER = QT_TRANSLATE_NOOP("AgreementFiles", "Word report (*.docx);;Every figure as CSV (*.csv)")
IMAGE_FILTER = QT_TRANSLATE_NOOP("AgreementFiles", "PNG image (*.png);;SVG drawing (*.svg)")
LOG_FILTER = QT_TRANSLATE_NOOP("AgreementFiles", "CSV (*.csv);;Excel workbook (*.xlsx)")
TEXT_FILTER = QT_TRANSLATE_NOOP("AgreementFiles", "Text (*.txt)")


def filters(english: str) -> str:
    """One of the filters above in the interface language."""
    return QCoreApplication.translate("AgreementFiles", english)


# Ask where to save (a module name, so tests can replace it).
save_path = dialogs.save_file


__all__ = ["IMAGE_FILTER", "LOG_FILTER", "REPORT_FILTER", "TEXT_FILTER", "filters", "save_path"]
