"""models/ passes `mypy --strict` (the [tool.mypy] settings in pyproject.toml), so the store's types stay checked.

mypy keeps its cache in the default .mypy_cache/ (ignored by git): a warm run takes about a second, a cold one
several.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_finds_nothing_in_models() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "models/"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"mypy --strict models/ found problems:\n{run.stdout}{run.stderr}"
