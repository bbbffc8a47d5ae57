"""The file dialogs of the agreement windows, in one place so tests can replace them (``files.save_path``)."""

from __future__ import annotations

from app import dialogs

REPORT_FILTER = "Word report (*.docx);;Every figure as CSV (*.csv)"
IMAGE_FILTER = "PNG image (*.png);;SVG drawing (*.svg)"
LOG_FILTER = "CSV (*.csv);;Excel workbook (*.xlsx)"


# Ask where to save (a module name, so tests can replace it).
save_path = dialogs.save_file


__all__ = ["IMAGE_FILTER", "LOG_FILTER", "REPORT_FILTER", "save_path"]
