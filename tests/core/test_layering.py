"""The dependency direction app -> coding -> models: nothing below app/ imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", ["coding", "models"])
def test_core_layers_do_not_import_qt(layer: str) -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / layer).rglob("*.py")
        if any(name.split(".")[0] in QT_MODULES for name in _imports(path))
    ]
    assert offenders == []


def test_models_do_not_import_the_coding_layer() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "models").rglob("*.py")
        if any(name.split(".")[0] in ("coding", "app") for name in _imports(path))
    ]
    assert offenders == []


def test_coding_does_not_import_app_except_to_launch_the_gui() -> None:
    allowed = {"coding/cli/core.py"}  # `concord gui` starts the app lazily
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "coding").rglob("*.py")
        if any(name.split(".")[0] == "app" for name in _imports(path))
        and str(path.relative_to(ROOT)) not in allowed
    ]
    assert offenders == []
