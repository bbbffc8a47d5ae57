"""The desktop app: the only layer that imports Qt (PySide6)."""

import shiboken6  # noqa: F401  (loads PySide's import hook, which the next line limits)

from app.platform import skip_pyside_source_scans

skip_pyside_source_scans()
