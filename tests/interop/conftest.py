"""Fixtures for reading Concord's REFI-QDA exports with independent readers.

pyqdpx (PyPI) is the reader; 0.1.8 imports only on Python >= 3.12, while Concord runs on 3.11 too. The tests
therefore run ``pyqdpx_reader.py`` in an interpreter that can import it: ``CONCORD_PYQDPX_PYTHON`` if set, this
interpreter if it can, else a virtual environment made once (under ``~/.cache/concord-tests``) from a Python
3.12+ found on PATH or under pyenv, with ``pyqdpx`` installed from PyPI by pip. Without one the tests are
skipped, except when ``CI=true`` or ``CONCORD_REQUIRE_INTEROP=1``: there a missing reader fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coding.codebook import find_code
from coding.codebook.operations import add_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.demo import build_demo
from coding.documents import find_document
from coding.importing import import_paths
from coding.memos import add_memo
from coding.project import Project
from models import Case, Document

READER = Path(__file__).with_name("pyqdpx_reader.py")
PYQDPX_REQUIREMENT = "pyqdpx>=0.1.8"
ACTOR = "interop-test"
# A Chinese interview as researchers transcribe them: full-width punctuation, a speaker per line, and a name
# written with a character outside the BMP (𠮷, U+20BB7: two UTF-16 units, one code point).
CHINESE_INTERVIEW = (
    "访谈者：您怎么看医联体的决策权？\n"
    "院长：主要还是在卫生行政部门，医院自己很难决定。\n"
    "访谈者：人事方面呢？\n"
    "院长：𠮷主任负责招聘，但编制要由区里批准。\n"
    "访谈者：财务呢？\n"
    "院长：结余可以留用一部分，用于绩效奖励。\n"
)


def _require_reader() -> bool:
    return os.environ.get("CI") == "true" or os.environ.get("CONCORD_REQUIRE_INTEROP") == "1"


def _can_import_pyqdpx(python: str) -> bool:
    done = subprocess.run([python, "-c", "import pyqdpx"], capture_output=True, timeout=120)
    return done.returncode == 0


def _python_312_candidates() -> Iterator[str]:
    for name in ("python3.14", "python3.13", "python3.12"):
        found = shutil.which(name)
        if found:
            yield found
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for folder in sorted((pyenv_root / "versions").glob("3.1[2-9]*"), reverse=True):
        yield str(folder / "bin" / "python3")


def _runs_312(python: str) -> bool:
    try:
        done = subprocess.run([python, "-c", "import sys; sys.exit(sys.version_info < (3, 12))"],
                              capture_output=True, timeout=60)
    except OSError:
        return False
    return done.returncode == 0


def _reader_environment() -> str | None:
    """An interpreter that imports pyqdpx, made if need be; None when no Python 3.12+ is at hand."""
    if os.environ.get("CONCORD_PYQDPX_PYTHON"):
        return os.environ["CONCORD_PYQDPX_PYTHON"]
    if sys.version_info >= (3, 12) and _can_import_pyqdpx(sys.executable):
        return sys.executable
    base = next((python for python in _python_312_candidates() if _runs_312(python)), None)
    if base is None:
        return None
    folder = Path.home() / ".cache" / "concord-tests" / "pyqdpx-venv"
    python = folder / "bin" / "python"
    if not (python.exists() and _can_import_pyqdpx(str(python))):
        subprocess.run([base, "-m", "venv", "--clear", str(folder)], check=True, timeout=300)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", PYQDPX_REQUIREMENT], check=True,
                       timeout=600)
    return str(python)


@pytest.fixture(scope="session")
def pyqdpx_python() -> str:
    try:
        python = _reader_environment()
    except (OSError, subprocess.SubprocessError) as error:
        python, reason = None, f"could not set up pyqdpx: {error}"
    else:
        reason = "no Python 3.12+ to run pyqdpx in (set CONCORD_PYQDPX_PYTHON)"
    if python is None:
        if _require_reader():
            pytest.fail(f"the interop tests must run here but {reason}")
        pytest.skip(reason)
    return python


def read_with_pyqdpx(python: str, archive: Path) -> dict[str, Any]:
    out = archive.with_suffix(".pyqdpx.json")
    subprocess.run([python, str(READER), str(archive), str(out)], check=True, timeout=600)
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def _add_chinese_interview(project: Project, folder: Path) -> None:
    path = folder / "P09_深圳_院长访谈.txt"
    path.write_text(CHINESE_INTERVIEW, encoding="utf-8")
    report = import_paths(project, [path])
    assert not report.failed, report.summary
    with project.session() as session:
        document = find_document(session, path.stem)
        text = document.text
        alice = get_or_create_coder(session, "Alice", actor=ACTOR)
        wang = get_or_create_coder(session, "王医生", actor=ACTOR)
        spans = [
            (alice.id, "Decision rights", "主要还是在卫生行政部门"),  # before the astral character
            (wang.id, "Personnel management rights", "𠮷主任负责招聘"),  # starting on it
            (alice.id, "Personnel management rights", "编制要由区里批准"),  # after it
            (wang.id, "Financial management rights", "结余可以留用一部分，用于绩效奖励。"),
        ]
        for coder_id, code_name, quote in spans:
            start = text.index(quote)
            apply_code(session, document_id=document.id, coder_id=coder_id, code_id=find_code(session, code_name).id,
                       start=start, end=start + len(quote), memo=f"{code_name}：{quote[:4]}", actor=ACTOR)
        add_memo(session, "document", target_uuid=document.uuid, title="访谈背景",
                 text="在院长办公室访谈，约45分钟。", actor=ACTOR)


def _add_category_and_memos(project: Project) -> None:
    with project.session() as session:
        category = add_code(session, "Emerging themes", actor=ACTOR, is_codable=False,
                            definition="Themes found while coding, outside the framework.")
        add_code(session, "Trust between levels", category.id, actor=ACTOR, definition="Whether staff trust the bureau.",
                 name_zh="层级间信任", definition_zh="医务人员是否信任卫生行政部门。")
        add_memo(session, "project", title="Plan", text="Code every transcript twice, then settle.", actor=ACTOR)
        code = find_code(session, "Owner functions")
        add_memo(session, "code", target_uuid=code.uuid, text="Watch for the bureau acting as owner.", actor=ACTOR)
        case = session.query(Case).order_by(Case.id).first()
        if case is not None:
            add_memo(session, "case", target_uuid=case.uuid, title="About", text="Long-serving director.",
                     actor=ACTOR)
        first = session.query(Document).order_by(Document.id).first()
        assert first is not None
        add_memo(session, "document", target_uuid=first.uuid, title="Setting", text="Bureau office, 50 minutes.",
                 actor=ACTOR)


@pytest.fixture(scope="session")
def realistic_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """The demo project plus a Chinese interview (with a character outside the BMP), its codings, a category
    with a child code, and memos on the project, a document, a code and a case."""
    folder = tmp_path_factory.mktemp("interop")
    path = build_demo(folder / "demo.concord")
    project = Project.open(path)
    project.actor = ACTOR
    _add_chinese_interview(project, folder)
    _add_category_and_memos(project)
    yield project
    project.close()
