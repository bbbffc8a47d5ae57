"""models/, coding/ and app/ pass `mypy --strict` (the [tool.mypy] settings in pyproject.toml), so
their types stay checked.

mypy keeps its cache in the default .mypy_cache/ (ignored by git): a warm run takes about two seconds, a cold one
(a fresh clone, as in CI) about 40 s and 0.8 GB, since it reads numpy's, scipy's, SQLAlchemy's and spaCy's types.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

def _configured_files() -> list[str]:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [entry.rstrip("/") for entry in settings["tool"]["mypy"]["files"]]


def test_mypy_strict_finds_nothing_in_the_configured_files() -> None:
    """`mypy` as CI runs it: the files of [tool.mypy] (models/, coding/, app/), strictly. PySide6 ships type
    hints, so app/ is typed like the core, with its own ignores only where a library's types are missing or wrong
    (see the last test)."""
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"mypy --strict found problems:\n{run.stdout}{run.stderr}"


def test_every_python_file_of_the_three_layers_is_checked() -> None:
    """The whole of models/, coding/ and app/ is in `files`: a new module is checked from its first line."""
    configured = _configured_files()
    for source in [path for layer in ("models", "coding", "app") for path in sorted((ROOT / layer).rglob("*.py"))]:
        module = source.relative_to(ROOT).as_posix()
        covered = [entry for entry in configured if module == entry or module.startswith(entry + "/")]
        assert covered, f"{module} is not in [tool.mypy] files, so nothing checks its types"


IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]*\])?(?P<rest>.*)$")


def test_every_type_ignore_in_app_names_its_error_and_reason() -> None:
    """An ignore is kept only where a library's types are wrong or missing: it names the error it silences
    (`# type: ignore[no-untyped-call]`) and says why in a comment after it."""
    bare = []
    for source in sorted((ROOT / "app").rglob("*.py")):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            found = IGNORE.search(line)
            if found and (not found["codes"] or not found["rest"].strip().lstrip("#").strip()):
                bare.append(f"{source.relative_to(ROOT).as_posix()}:{number}: {line.strip()}")
    assert not bare, "type: ignore without an error code or a reason:\n" + "\n".join(bare)
