"""The window on a server project shows what the login's role may do (app/roles.py) and greys out the rest.

A coder's window has the codebook, cases, imports and the lead's tools off, codes as the coder's login, follows
the team's blind mode (which the coder cannot switch) and says "Coder on server (blind)"; a refused edit tried
anyway is one dialog and changes nothing. A lead's window has everything on, and switching blind mode there is
the team's setting, an undo step.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMenu

from app.main import MainWindow, install_features
from app.roles import ATTRIBUTE, RoleView
from coding.codebook import find_code
from coding.project import Project
from coding.team.roles import team_blind
from tests.pg import RunningServer
from tests.server.test_roles import CODE, Team, build_team, drop_team


@pytest.fixture(scope="module")
def team(pg_server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Team]:
    made = build_team(pg_server, tmp_path_factory.mktemp("transcripts"))
    try:
        yield made
    finally:
        drop_team(made)


def open_window(qtbot, settings, location: str, coder: str | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    install_features(window)  # as run_gui does: the features first, then the project
    assert window.open_project(location, coder=coder)
    return window


def role_view(window: MainWindow) -> RoleView:
    view = getattr(window, ATTRIBUTE)
    assert isinstance(view, RoleView)
    return view


def codebook_items(window: MainWindow) -> list[bool]:
    return [action.isEnabled() for action in window.codebook_menu.actions() if not action.isSeparator()]


def menu_action(window: MainWindow, text: str) -> bool:
    for top in window.menuBar().actions():
        menu = top.menu()
        stack = [menu] if isinstance(menu, QMenu) else []
        while stack:
            for action in stack.pop().actions():
                if action.text().replace("&", "").rstrip("…") == text:
                    return action.isEnabled()
                if isinstance(action.menu(), QMenu):
                    stack.append(action.menu())
    raise AssertionError(f"no action {text!r}")


def code_name(team: Team) -> str:
    with Project.open(team.url(team.lead)) as project, project.session() as session:
        return find_code(session, CODE).name


def test_a_coders_window_greys_out_codebook_editing(qtbot, team: Team, settings, messages) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, settings, team.url(team.lin))
    bench = window.bench
    assert bench is not None and bench.coder_name == team.lin.name  # no chooser: a coder codes as their login
    for action in (window.add_code_action, window.rename_code_action, window.delete_code_action,
                   window.merge_action, window.cases_action, window.import_action, window.switch_coder_action,
                   window.in_vivo_action):
        assert not action.isEnabled(), action.text()
    assert not any(codebook_items(window))
    assert not menu_action(window, "Make coder copies") and not menu_action(window, "Review disagreements")
    assert not menu_action(window, "Train machine coder")  # a machine coder is a coder row: the lead's to make
    assert not menu_action(window, "Ask the endpoint for suggestions")
    assert window.apply_action.isEnabled() and window.memo_action.isEnabled()  # coding stays theirs
    assert menu_action(window, "Mark as done")
    assert bench.blind and window.blind_action.isChecked() and not window.blind_action.isEnabled()
    label = role_view(window).label
    assert label.text() == "Coder on server (blind)" and not label.isHidden()

    # Tried anyway (a drag in the tree, a script): the server refuses; one dialog, nothing changed.
    before = code_name(team)
    node = next(node for node in window.lookups.in_tree_order() if node.name == before)
    assert not window.rename_code(node.uuid, "Renamed by a coder")
    assert len(messages) == 1 and "(coder) may not change the codebook" in messages[0]
    assert team.lin.password not in messages[0]
    assert code_name(team) == before
    assert bench.undo_stack.count() == 0

    window.close_project()
    assert window.add_code_action.isEnabled() is False  # the start page: no project, nothing to edit
    assert role_view(window).switched_off == [] and label.isHidden()


def test_a_leads_window_has_everything_and_switches_the_teams_blind_mode(qtbot, team: Team, settings,  # type: ignore[no-untyped-def]
                                                                          messages) -> None:
    window = open_window(qtbot, settings, team.url(team.lead), coder=team.lead.name)
    bench = window.bench
    assert bench is not None
    assert all(codebook_items(window)) and window.add_code_action.isEnabled() and window.blind_action.isEnabled()
    assert role_view(window).label.text() == "Lead on server (blind)"

    window.set_blind(False)

    with Project.open(team.url(team.lead)) as project, project.session() as session:
        assert not team_blind(session)
    assert not bench.blind and not window.blind_action.isChecked()
    assert role_view(window).label.text() == "Lead on server"

    bench.undo_stack.undo()

    with Project.open(team.url(team.lead)) as project, project.session() as session:
        assert team_blind(session)
    assert bench.blind and window.blind_action.isChecked()
    assert messages == []
    window.close_project()


def test_a_project_file_keeps_every_action_and_no_role_label(qtbot, sample, settings, messages) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, settings, str(sample.path), coder="Alice")
    assert all(codebook_items(window)) and window.blind_action.isEnabled()
    assert role_view(window).label.isHidden()
    window.set_blind(False)
    assert window.bench is not None and not window.bench.blind  # the person's own preference, as before
    window.close_project()

