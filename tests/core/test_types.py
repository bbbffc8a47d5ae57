"""models/ and coding/ pass `mypy --strict` (the [tool.mypy] settings in pyproject.toml), so
their types stay checked.

mypy keeps its cache in the default .mypy_cache/ (ignored by git): a warm run takes about two seconds, a cold one
(a fresh clone, as in CI) about 40 s and 0.8 GB, since it reads numpy's, scipy's, SQLAlchemy's and spaCy's types.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

def _configured_files() -> list[str]:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [entry.rstrip("/") for entry in settings["tool"]["mypy"]["files"]]


def test_mypy_strict_finds_nothing_in_models() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "models/"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"mypy --strict models/ found problems:\n{run.stdout}{run.stderr}"


def test_mypy_strict_finds_nothing_in_the_configured_files() -> None:
    """`mypy` as CI runs it: the files of [tool.mypy], strictly; errors in modules they import but that are not
    listed (app/) are not reported (follow_imports = silent)."""
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"mypy --strict found problems:\n{run.stdout}{run.stderr}"


def test_every_python_file_of_coding_and_models_is_checked() -> None:
    """The whole of coding/ and models/ is in `files`: a new module is checked from its first line."""
    configured = _configured_files()
    for source in sorted((ROOT / "coding").rglob("*.py")) + sorted((ROOT / "models").rglob("*.py")):
        module = source.relative_to(ROOT).as_posix()
        covered = [entry for entry in configured if module == entry or module.startswith(entry + "/")]
        assert covered, f"{module} is not in [tool.mypy] files, so nothing checks its types"


def test_models_are_in_the_checked_files() -> None:
    assert "models" in _configured_files()
