"""File › Team in the desktop app, driven as a user would: dialogs answered by the test, workers awaited,
results read back from the project file itself — and the merge as one undo step (do, assert, undo, assert)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import team
from app.main import MainWindow
from coding.codebook import add_code, find_code
from coding.codings import apply_code, resize_coding
from coding.project import Project
from coding.team.copies import make_copies
from models.store import copy_project
from tests.app.helpers import rows
from tests.core.team_helpers import build_team_project, coder_id, document, span

TIMEOUT = 60_000
CODINGS_SQL = (
    "SELECT g.uuid, d.name, r.name, c.name, g.start, g.end, g.memo FROM codings g "
    "JOIN documents d ON d.id = g.document_id JOIN coders r ON r.id = g.coder_id JOIN codes c ON c.id = g.code_id "
    "ORDER BY 1"
)
CODES_SQL = "SELECT uuid, name, parent_id, definition FROM codes ORDER BY uuid"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_team_project(tmp_path_factory.mktemp("team-gui") / "study.concord")


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    copy_project(template, target)
    return target


@pytest.fixture
def main(qtbot, settings, messages) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = MainWindow(None, settings)
    team.install(window)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def _tools(window: MainWindow) -> team.TeamTools:
    tools = team.tools_of(window)
    assert tools is not None
    return tools


def _run(qtbot, window: MainWindow, action: str) -> Any:  # type: ignore[no-untyped-def]
    tools = _tools(window)
    with qtbot.waitSignal(tools.job_done, timeout=TIMEOUT) as blocker:
        getattr(tools, action).trigger()
    assert not tools.is_running()
    return blocker.args[0]


def _state(path: Path) -> tuple[list[tuple], list[tuple]]:
    return rows(path, CODINGS_SQL), rows(path, CODES_SQL)


def _coded_copies(study: Path, folder: Path) -> tuple[Path, Path]:
    """Copies for Lin and Morgan, each with some work done in them."""
    with Project.open(study) as project:
        lin, morgan = (r.path for r in make_copies(project, ["Lin", "Morgan"], folder))
    with Project.open(lin) as copy, copy.session() as session:
        trust = add_code(session, "Trust", find_code(session, "Decision rights").id, actor="Lin")
        start, end = span("P01 bureau", "Before the reform")
        apply_code(session, document_id=document(session, "P01 bureau").id, coder_id=coder_id(session, "Lin"),
                   code_id=trust.id, start=start, end=end, actor="Lin")
    with Project.open(morgan) as copy, copy.session() as session:
        start, end = span("P03 clinic", "every spring")
        apply_code(session, document_id=document(session, "P03 clinic").id, coder_id=coder_id(session, "Morgan"),
                   code_id=find_code(session, "Owner functions").id, start=start, end=end, actor="Morgan")
    return lin, morgan


def test_team_items_sit_in_the_file_menu_and_need_a_project(main: MainWindow, study: Path) -> None:
    tools = _tools(main)
    team.install(main)
    assert team.tools_of(main) is tools
    file_actions = [a.text() for a in main.file_menu.actions()]
    assert "&Team" in file_actions and file_actions.index("&Team") < file_actions.index("&Quit")
    assert [a.text() for a in tools.menu.actions()] == ["Make coder copies…", "Merge coder copies…"]
    assert not any(a.isEnabled() for a in tools.actions)
    assert main.open_project(study, coder="Lead")
    assert all(a.isEnabled() for a in tools.actions)


def test_make_copies_writes_them_and_a_copy_opens_as_its_coder(  # type: ignore[no-untyped-def]
    qtbot, main: MainWindow, study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:
    assert main.open_project(study, coder="Lead")
    folder = tmp_path / "copies"
    folder.mkdir()
    asked: list[list[str]] = []

    def answer(_parent: Any, people: list[str], _folder: str) -> team.CopyChoice:
        asked.append(list(people))
        return team.CopyChoice(["Lin", "Ann"], str(folder), True)

    monkeypatch.setattr(team, "choose_copies", answer)
    results = _run(qtbot, main, "copies_action")

    assert asked == [["Lead", "Lin", "Morgan"]]
    assert [r.path.name for r in results] == ["study-Lin.concord", "study-Ann.concord"]
    assert "Wrote 2 coder copies" in messages[-1]
    assert rows(study, "SELECT name FROM coders WHERE name = 'Ann'") == [("Ann",)]
    main.close_project()

    assert main.open_project(folder / "study-Lin.concord")  # no coder named: the copy's own
    assert main.bench is not None and main.bench.coder_name == "Lin" and main.bench.blind


def test_merge_is_one_undo_step_with_a_report(  # type: ignore[no-untyped-def]
    qtbot, main: MainWindow, study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    lin, morgan = _coded_copies(study, folder)
    assert main.open_project(study, coder="Lead")
    before = _state(study)
    monkeypatch.setattr(team, "choose_merge", lambda *_args: team.MergeChoice([str(lin), str(morgan)], False))

    result = _run(qtbot, main, "merge_action")

    # do
    assert [r.codings.added for r in result.reports] == [1, 1]
    merged = _state(study)
    assert len(merged[0]) == len(before[0]) + 2 and len(merged[1]) == len(before[1]) + 1
    dialog = _tools(main).report_dialog
    assert dialog is not None and dialog.isVisible()
    page = dialog.browser.toPlainText()
    assert "Merged 2 of 2 files" in page and "study-Lin.concord — Lin" in page and "No conflicts." in page
    stack = main.bench.undo_stack  # type: ignore[union-attr]
    assert stack.count() == 1 and stack.undoText() == "Merge 2 coder copies"
    assert messages == []
    # undo
    stack.undo()
    assert _state(study) == before
    # redo
    stack.redo()
    assert _state(study) == merged
    assert messages == []


def test_undo_of_a_merge_whose_codings_changed_since_is_refused(  # type: ignore[no-untyped-def]
    qtbot, main: MainWindow, study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str],
) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    lin, _morgan = _coded_copies(study, folder)
    assert main.open_project(study, coder="Lead")
    monkeypatch.setattr(team, "choose_merge", lambda *_args: team.MergeChoice([str(lin)], False))
    _run(qtbot, main, "merge_action")
    (added,) = rows(study, "SELECT uuid FROM codings WHERE code_id = (SELECT id FROM codes WHERE name = 'Trust')")
    with Project.open(study) as project, project.session() as session:  # another window changes it meanwhile
        resize_coding(session, added[0], *span("P01 bureau", "Before the reform, every hospital"), actor="Lin")
    changed = _state(study)

    main.bench.undo_stack.undo()  # type: ignore[union-attr]

    assert _state(study) == changed
    assert any("Could not undo" in message and "changed since" in message for message in messages)


def test_a_refused_file_is_reported_and_leaves_no_undo_step(  # type: ignore[no-untyped-def]
    qtbot, main: MainWindow, study: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = tmp_path / "saved.concord"
    copy_project(study, saved)
    assert main.open_project(study, coder="Lead")
    before = _state(study)
    monkeypatch.setattr(team, "choose_merge", lambda *_args: team.MergeChoice([str(saved)], False))

    _run(qtbot, main, "merge_action")

    page = _tools(main).report_dialog.browser.toPlainText()  # type: ignore[union-attr]
    assert "saved.concord: refused" in page and "not a coder copy" in page
    assert main.bench.undo_stack.count() == 0  # type: ignore[union-attr]
    assert _state(study) == before
