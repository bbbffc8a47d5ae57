"""The interpreter must exit cleanly after the window has highlighted codings.

PySide6-Essentials 6.12.0 aborted Python 3.11 at exit ("Fatal Python error: none_dealloc", exit code 134)
once highlighting had run; this runs the real window in a fresh interpreter so such a regression shows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.app.conftest import Sample

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from app import dialogs
    from app.main import MainWindow
    from app.style import apply_style

    dialogs.show_error = lambda parent, message, title="": print(message, file=sys.stderr)  # never block

    project, settings_path = sys.argv[1], sys.argv[2]
    app = QApplication([])
    apply_style(app)
    window = MainWindow(project, QSettings(settings_path, QSettings.Format.IniFormat), coder="Alice")
    window.set_blind(False)
    window.show()
    text = window.transcript.document.text
    slots = window.effective_slots()
    for number, start in enumerate(range(0, len(text) - 12, 9)):   # many overlapping codings
        window.apply_code(slots[1 + number % 5], (start, start + 12))
    window.undo()
    window.redo()
    window.zoom(2)
    window.grab()
    assert len(window.transcript.codings) > 20, len(window.transcript.codings)
    assert window.transcript.intervals
    QTimer.singleShot(50, window.close)
    QTimer.singleShot(100, app.quit)
    sys.exit(app.exec())
    """
)


def test_interpreter_exits_cleanly_after_highlighting(sample: Sample, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(sample.path), str(tmp_path / "settings.ini")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert "Fatal Python error" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
