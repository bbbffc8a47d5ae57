"""One piece of code per job: the shared one-line label, the new-project-file rule, the progress callback types."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coding.conflicts import quoted
from coding.errors import ProjectFileError
from coding.project import Project, new_project_path, with_project_suffix
from coding.text import LABEL_LIMIT, one_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Owner functions", 40, "Owner functions"),
        ("  Owner\n\tfunctions  ", 40, "Owner functions"),  # white space folded to one line
        ("a" * 40, 40, "a" * 40),  # exactly the limit: kept whole
        ("a" * 41, 40, "a" * 39 + "…"),  # one over: cut, and still the limit long
        ("医联体的治理结构与所有者职能", 6, "医联体的治…"),
        ("", 40, ""),
    ],
)
def test_one_line(text: str, limit: int, expected: str) -> None:
    assert one_line(text, limit) == expected
    assert len(one_line(text, limit)) <= limit


def test_quoted_messages_use_the_same_cut() -> None:
    assert quoted(None) == "empty"
    assert quoted(" \n ") == "empty"
    assert quoted("x" * 100) == "'" + "x" * (LABEL_LIMIT - 1) + "…'"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("study", "study.concord"), ("study.concord", "study.concord"), ("v1.2", "v1.2.concord")],
)
def test_with_project_suffix(tmp_path: Path, given: str, expected: str) -> None:
    assert with_project_suffix(tmp_path / given) == tmp_path / expected
    assert new_project_path(tmp_path / given) == tmp_path / expected


def test_new_project_path_refuses_a_taken_file_and_leaves_it_alone(tmp_path: Path) -> None:
    taken = tmp_path / "study.concord"
    taken.write_bytes(b"someone's work")
    with pytest.raises(ProjectFileError, match=r"study\.concord: already exists; choose another name$"):
        new_project_path(tmp_path / "study")
    with pytest.raises(ProjectFileError, match="already exists; choose another name or open it"):
        Project.create(tmp_path / "study")
    assert taken.read_bytes() == b"someone's work"


@pytest.mark.parametrize("parent", ["missing", "a-file"])
def test_new_project_path_refuses_a_folder_that_is_not_there(tmp_path: Path, parent: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(ProjectFileError, match="does not exist"):
        new_project_path(tmp_path / parent / "study")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


# A copy that comes back: the definitions these jobs once had in several modules, now kept in one place each.
COPIES = {
    r"^def _escape\(": None,  # html.escape
    r"^def _short\(": None,  # coding.text.one_line
    r"^\w+ = Callable\[\[int, int, str\], None\]": "coding/progress.py",
    r"^\w+ = Callable\[\[\], bool\]": "coding/progress.py",
    r"\.suffix [!=]= PROJECT_SUFFIX": "coding/project.py",
}


@pytest.mark.parametrize("pattern", list(COPIES))
def test_no_second_copy(pattern: str) -> None:
    found = [
        str(path.relative_to(ROOT))
        for folder in ("app", "coding", "models")
        for path in (ROOT / folder).rglob("*.py")
        if re.search(pattern, path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    home = COPIES[pattern]
    assert found == ([home] if home else [])
