"""The file dialogs of the agreement windows, in one place so tests can replace them (``files.save_path``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

REPORT_FILTER = "Word report (*.docx);;Every figure as CSV (*.csv)"
IMAGE_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
LOG_FILTER = "CSV (*.csv);;Excel workbook (*.xlsx)"


def save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """Ask where to save; a name typed without a suffix gets the suffix of the chosen filter."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    if not path:
        return None
    if not Path(path).suffix and "(*." in chosen:
        path += chosen.split("(*", 1)[1].split(")", 1)[0].split()[0]
    return path


__all__ = ["IMAGE_FILTER", "LOG_FILTER", "REPORT_FILTER", "save_path"]
