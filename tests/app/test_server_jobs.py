"""Background jobs from the window when the open project lives on a PostgreSQL server: the import dialog, a
REFI-QDA export, an agreement comparison and an analysis view each run in a worker that reopens the project by
its URL (app/operations.py, app/workers.py), and their results land in the server database.

The project is the agreement tests' pair (two coders, English and Chinese), built once per module into a template
database on the session's server; each test works on its own clone of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app import exchange
from app.agreement import install as install_agreement
from app.analysis import controller_of
from app.analysis import install as install_analysis
from app.main import MainWindow
from app.operations import location_of, writer_pool
from coding.agreement.runs import list_runs
from coding.project import Project
from coding.refi import Flavour
from models import Document
from tests.app.test_agreement_gui import _build
from tests.pg import RunningServer, fresh_database_name

TIMEOUT = 60_000


@pytest.fixture(scope="module")
def pair_database(pg_server: RunningServer) -> Iterator[str]:
    name = fresh_database_name("pair")
    _build(pg_server.url(name))  # type: ignore[arg-type]  # Project.create takes a URL as well as a path
    yield name
    pg_server.drop(name)


@pytest.fixture
def url(pg_server: RunningServer, pair_database: str) -> Iterator[str]:
    name = fresh_database_name()
    yield pg_server.clone(pair_database, name)
    pg_server.drop(name)


@pytest.fixture
def main(qtbot: Any, url: str, settings: Any, messages: list[str]) -> Iterator[MainWindow]:
    window = MainWindow(url, settings, coder="Ann")
    qtbot.addWidget(window)
    install_agreement(window)
    install_analysis(window)
    exchange.install(window)
    window.show()
    assert window.bench is not None and window.bench.project.on_server and window.project_path is None
    yield window
    window.close()


def in_project(url: str, read: Any) -> Any:
    with Project.open(url, read_only=True) as project, project.session() as session:
        return read(session)


def test_a_worker_reopens_the_server_project_by_its_url(main: MainWindow, pg_server: RunningServer) -> None:
    assert main.bench is not None
    location = location_of(main.bench.project)
    assert not isinstance(location, Path) and location.password == pg_server.password  # for the worker only
    assert writer_pool(location) is writer_pool(location.set(password="another"))  # one queue per database
    assert pg_server.password not in main.windowTitle() + main.statusBar().currentMessage()


def test_the_import_dialog_imports_into_the_server_database(qtbot: Any, main: MainWindow, url: str,
                                                            tmp_path: Path, messages: list[str]) -> None:
    transcript = tmp_path / "P03 clinic.txt"
    transcript.write_text("Interviewer: What changed at the clinic?\n\nDr Wu: We refer patients upward now.\n",
                          encoding="utf-8")
    dialog = main.projects.show_import_dialog()
    assert dialog is not None and not messages
    dialog.add_paths([transcript])
    announced: list[object] = []
    dialog.imported.connect(announced.append)  # the window announces these changes to its panels
    dialog.start()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=TIMEOUT)
    report = dialog.report
    assert report is not None and [task.status for task in report.items] == ["imported"], report.items
    names = in_project(url, lambda s: sorted(s.scalars(select(Document.name))))
    assert names == ["P01 bureau", "P02 中文", "P03 clinic"]
    assert len(announced) == 1 and announced[0].documents  # type: ignore[attr-defined]
    assert not messages


def test_a_refi_export_runs_on_the_server_project(qtbot: Any, main: MainWindow, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch, messages: list[str]) -> None:
    suggested: list[str] = []

    def save_path(_parent: Any, _title: str, proposed: str, _filters: str) -> str:
        suggested.append(proposed)
        return str(tmp_path / "exchange.qdpx")

    monkeypatch.setattr(exchange, "save_path", save_path)
    monkeypatch.setattr(exchange, "choose_flavour", lambda *_args, **_kw: Flavour.STANDARD)
    tools = exchange.tools_of(main)
    assert tools is not None and tools.export_project_action.isEnabled()
    with qtbot.waitSignal(tools.job_done, timeout=TIMEOUT) as blocker:
        tools.export_project_action.trigger()
    report = blocker.args[0]
    assert report is not None and report.schema_valid and (tmp_path / "exchange.qdpx").exists(), messages
    assert report.counts["sources"] == 2 and report.counts["codings"] == 8 and not messages
    assert suggested and "://" not in suggested[0]  # named after the database, never its URL


def test_an_agreement_comparison_runs_and_is_stored_on_the_server(qtbot: Any, main: MainWindow, url: str,
                                                                  messages: list[str]) -> None:
    tools = main.agreement_tools  # type: ignore[attr-defined]
    window = tools.show_compare()
    assert window is not None and window.form.checked_coders() == ["Ann", "Ben"]
    window.form.label.setText("server round")
    dialogs_before = list(messages)
    window.compare_button.click()
    qtbot.waitUntil(lambda: not window.is_running(), timeout=TIMEOUT)
    assert messages == dialogs_before, messages
    assert window.run is not None and window.run.run_id is not None
    stored = in_project(url, lambda s: [(run.id, run.label) for run in list_runs(s)])
    assert stored == [(window.run.run_id, "server round")]
    assert window.status.text().startswith("Stored as run")


def test_an_analysis_view_computes_on_the_server_project(qtbot: Any, main: MainWindow, url: str) -> None:
    from app.analysis.window import AnalysisWindow
    from coding.analysis.retrieval import count_segments

    analysis = controller_of(main)
    assert analysis is not None
    if analysis.analysis_window is None:
        analysis.analysis_window = AnalysisWindow(analysis, analysis.window)
    with qtbot.waitSignal(analysis.analysis_window.view("retrieve").loaded, timeout=TIMEOUT):
        view = analysis.show("retrieve")
    assert view is not None and not view.error, view.error if view is not None else ""
    shown = view.model.rowCount()
    flt = view.filters.segment_filter()
    assert shown == in_project(url, lambda s: count_segments(s, flt)) > 0
    assert in_project(url, lambda s: s.scalar(select(func.count()).select_from(Document))) == 2
