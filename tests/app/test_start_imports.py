"""The desktop app starts without its heavy libraries: numpy, scipy, matplotlib, spaCy, python-docx and openpyxl load
when a feature needs them (or in the warm-up thread once the window is up), never on the way to the window; nor do
Concord's own modules that only a dialog or a later action needs (``DEFERRED``, ``NOT_AT_START``).

Each check runs a fresh interpreter: ``sys.modules`` of the test process holds whatever other tests imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.app.conftest import Sample

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "scipy", "matplotlib", "spacy", "docx", "openpyxl")
# Concord's own modules the painted window does not need (issue 13: 0.1 s of the start): loaded when their feature is
# first used, and preloaded by the warm-up thread once the window is up, so that first use is quick too.
DEFERRED = (
    "coding.importing",  # the import pipeline and its process pool (the import dialog; the transcript's timestamps)
    "coding.importing.survey",  # File › Import survey answers…
    "coding.autocode.apply", "coding.autocode.structure", "coding.autocode.dictionaries",  # Tools › Autocode, Dictionaries
    "app.import_dialog", "app.cases_editor",  # made when first shown
)
NOT_AT_START = (
    "coding.analysis.search",  # the transcript's find bar, at its first search
    "coding.originals",  # Open original, when asked
    "xml.etree.ElementTree",  # no .ts catalogue parsed: the window reads Qt's compiled .qm (the core too, in Chinese)
    "urllib.request",  # app.i18n's catalogue maintenance (xml.sax) stays out of the start
)

# Imports the app, opens the window on the project offscreen, and reports which heavy modules were loaded: after
# the import, once the window has painted, and after the warm-up thread has run (spaCy must then be there, loaded
# off the GUI thread, so the first selection still finds its pipeline built).
SCRIPT = """
import json, sys, threading
HEAVY = {heavy!r}
loaded_by = {{}}
import builtins
real_import = builtins.__import__
def spy(name, globals=None, locals=None, fromlist=(), level=0):
    top = name.partition(".")[0]
    if level == 0 and top in HEAVY and top not in sys.modules and top not in loaded_by:
        loaded_by[top] = threading.current_thread() is threading.main_thread()
    return real_import(name, globals, locals, fromlist, level)
builtins.__import__ = spy

def heavy():
    return sorted(name for name in HEAVY if name in sys.modules)

def ours():
    return sorted(name for name in {ours!r} if name in sys.modules)

report = {{}}
import app.main
report["after import"] = heavy()

from PySide6.QtWidgets import QApplication
from app import dialogs, warmup
from app.main import MainWindow, install_features
shown = []
dialogs.show_error = dialogs.show_info = lambda parent, message, title="Concord": shown.append(message)
qt = QApplication([])
window = MainWindow(None, {settings!r})
install_features(window)
window.open_project({project!r}, coder="Alice")
window.show()
qt.processEvents()
report["window open"] = heavy()
report["deferred loaded at start"] = ours()
report["document shown"] = window.transcript.document is not None
report["warm-up held back"] = warmup.is_waiting()

import time
deadline = time.monotonic() + 120
while warmup.is_waiting() and time.monotonic() < deadline:
    qt.processEvents()
    time.sleep(0.02)
warmup.wait_for_idle(120_000)
report["after warm-up"] = heavy()
report["deferred loaded after warm-up"] = ours()
report["loaded on the GUI thread"] = sorted(name for name, main in loaded_by.items() if main)
report["messages"] = shown
window.close()
qt.processEvents()
print("REPORT " + json.dumps(report))
"""


def _run(sample: Sample, tmp_path: Path) -> dict[str, Any]:
    script = SCRIPT.format(heavy=HEAVY, ours=DEFERRED + NOT_AT_START, settings=str(tmp_path / "settings.ini"),
                           project=str(sample.path))
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    completed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True,
                               text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-3000:]
    line = next(line for line in completed.stdout.splitlines() if line.startswith("REPORT "))
    return json.loads(line.removeprefix("REPORT "))  # type: ignore[no-any-return]


def test_the_window_opens_without_heavy_libraries_and_warms_spacy_after(sample: Sample, tmp_path: Path) -> None:
    report = _run(sample, tmp_path)
    assert report["after import"] == []
    assert report["document shown"] is True
    assert report["window open"] == [], "loaded on the way to the window"
    assert report["warm-up held back"] is True
    assert "spacy" in report["after warm-up"], "the spaCy pipeline is still built before the first selection"
    assert report["loaded on the GUI thread"] == [], "a heavy library froze the GUI thread at start"
    assert report["messages"] == []
    # Concord's own modules that only a dialog or a later action needs (one fresh interpreter for both checks)
    assert report["deferred loaded at start"] == [], "imported on the way to the window"
    assert set(DEFERRED) <= set(report["deferred loaded after warm-up"]), "not preloaded: the first use would wait"
