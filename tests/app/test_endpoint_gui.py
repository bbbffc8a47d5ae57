"""The optional language-model endpoint in the window, against a real HTTP server speaking the chat-completions
protocol (tests/core/endpoint_world): off by default, settings kept per user in QSettings, the notice of what leaves
the computer before the first use, suggestions stored as one undo step from a worker, a failure as one dialog with
nothing stored, and the endpoint coding a document as its own coder for agreement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app.helpers import rows
from tests.core.endpoint_world import FakeModel, FakeServer, make_project, serve

MODEL = "fake-model"
ENGINE_NAME = "Endpoint (fake-model)"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("endpoint-gui") / "endpoint.concord")


@pytest.fixture
def project_path(template: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "endpoint.concord"
    shutil.copy(template, target)
    return target


@pytest.fixture
def server() -> Iterator[FakeServer]:
    yield from serve(FakeModel())


@pytest.fixture
def endpoint_window(qtbot: Any, project_path: Path, settings: Any, messages: list[str]) -> Iterator[Any]:
    from app.endpoint_settings import install
    from app.main import MainWindow

    main = MainWindow(project_path, settings, coder="Morgan")
    install(main)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def tools(window: Any) -> Any:
    from app.endpoint_settings import tools_of

    found = tools_of(window)
    assert found is not None
    return found


def configure(window: Any, url: str, *, consented: bool = False) -> None:
    from app.endpoint_settings import EndpointPreferences

    chat = url.rstrip("/") + "/chat/completions"
    tools(window).save(EndpointPreferences(enabled=True, base_url=url, model=MODEL, timeout=5,
                                           consented=(chat,) if consented else ()))


def document_ids(path: Path) -> dict[str, int]:
    return {name: ident for ident, name in rows(path, "SELECT id, name FROM documents")}


def suggestion_count(path: Path) -> int:
    return int(rows(path, "SELECT count(*) FROM machine_suggestions")[0][0])


def run(qtbot: Any, operation: Any) -> None:
    """Wait for the worker and its callback (the ending comes through the GUI thread's event loop)."""
    assert operation is not None
    with qtbot.waitSignal(operation.ended, timeout=30_000):
        pass


def test_off_by_default_and_the_settings_stay_with_the_user(endpoint_window: Any, settings: Any,
                                                            messages: list[str]) -> None:
    endpoint = tools(endpoint_window)
    assert not endpoint.preferences.enabled
    assert not endpoint.suggest_action.isEnabled() and not endpoint.code_action.isEnabled()
    dialog = endpoint.edit_settings()
    assert "Off: nothing is sent" in dialog.notice.text()
    dialog.enabled.setChecked(True)
    dialog.model.setText("llama3.1")
    assert "http://localhost:11434/v1/chat/completions" in dialog.notice.text()
    assert "definitions" in dialog.notice.text() and "Warning" not in dialog.notice.text()
    dialog.url.setText("https://models.example.org/v1")
    assert "Warning: models.example.org is not this computer" in dialog.notice.text()
    dialog.url.setText("models.example.org")
    dialog.accept()
    assert messages and "must start with http" in messages[-1] and dialog.isVisible()
    dialog.url.setText("http://localhost:11434/v1")
    dialog.key_env.setText("MY_KEY")
    dialog.accept()
    assert endpoint.suggest_action.isEnabled()
    settings.sync()
    assert settings.value("endpoint/base_url") == "http://localhost:11434/v1"
    assert settings.value("endpoint/api_key_env") == "MY_KEY" and settings.value("endpoint/model") == "llama3.1"


def test_nothing_is_sent_without_consent_and_consent_is_asked_once(
        qtbot: Any, endpoint_window: Any, project_path: Path, server: FakeServer, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app import dialogs

    configure(endpoint_window, server.url)
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, *a, **k: asked.append(text) or False)
    doc2 = document_ids(project_path)["doc2"]
    assert tools(endpoint_window).ask_for_suggestions([doc2]) is None
    assert server.model.requests == [] and len(asked) == 1 and f"{server.url}/chat/completions" in asked[0]
    monkeypatch.setattr(dialogs, "confirm", lambda parent, text, *a, **k: asked.append(text) or True)
    run(qtbot, tools(endpoint_window).ask_for_suggestions([doc2]))
    assert len(asked) == 2 and len(server.model.requests) == 4  # one request per sentence of doc2
    run(qtbot, tools(endpoint_window).ask_for_suggestions([doc2]))
    assert len(asked) == 2  # the notice was accepted for this URL: not asked again
    assert "suggested nothing at or above 0.50" in messages[-1]  # the same answers again: nothing new, no undo step
    assert endpoint_window.bench.undo_stack.count() == 1


def test_cancelling_stores_nothing(qtbot: Any, endpoint_window: Any, project_path: Path,
                                   messages: list[str]) -> None:
    for slow in serve(FakeModel(mode="slow", delay=0.5)):
        configure(endpoint_window, slow.url, consented=True)
        operation = tools(endpoint_window).ask_for_suggestions([document_ids(project_path)["doc2"]])
        qtbot.waitUntil(lambda: len(slow.model.requests) >= 1, timeout=10_000)
        operation.cancel()
        run(qtbot, operation)
        assert len(slow.model.requests) < 4
    assert suggestion_count(project_path) == 0 and endpoint_window.bench.undo_stack.count() == 0
    assert messages == [] and "cancelled after" in endpoint_window.statusBar().currentMessage()


def test_suggestions_are_one_undo_step(qtbot: Any, endpoint_window: Any, project_path: Path,
                                       server: FakeServer) -> None:
    configure(endpoint_window, server.url, consented=True)
    run(qtbot, tools(endpoint_window).ask_for_suggestions([document_ids(project_path)["doc2"]]))
    assert suggestion_count(project_path) == 2  # board (0.9) and budget (0.8); salary (0.3) is under 0.5
    assert rows(project_path, "SELECT name, engine FROM machine_models") == [(ENGINE_NAME, "endpoint")]
    stack = endpoint_window.bench.undo_stack
    assert stack.count() == 1 and stack.undoText() == f"Suggestions from {ENGINE_NAME}"
    stack.undo()
    assert suggestion_count(project_path) == 0 and rows(project_path, "SELECT * FROM machine_models") == []
    stack.redo()
    assert suggestion_count(project_path) == 2


def test_a_failing_endpoint_is_one_dialog_and_nothing_is_stored(qtbot: Any, endpoint_window: Any,
                                                               project_path: Path, messages: list[str]) -> None:
    for broken in serve(FakeModel(mode="http500")):
        configure(endpoint_window, broken.url, consented=True)
        run(qtbot, tools(endpoint_window).ask_for_suggestions([document_ids(project_path)["doc2"]]))
        assert len(messages) == 1 and f"endpoint {broken.url}/chat/completions" in messages[0]
        assert "HTTP 500" in messages[0] and "Traceback" not in messages[0]
    assert suggestion_count(project_path) == 0 and rows(project_path, "SELECT * FROM machine_models") == []
    assert endpoint_window.bench.undo_stack.count() == 0


def test_the_endpoint_codes_a_document_as_its_own_coder(qtbot: Any, endpoint_window: Any, project_path: Path,
                                                        server: FakeServer) -> None:
    configure(endpoint_window, server.url, consented=True)
    run(qtbot, tools(endpoint_window).code_for_agreement([document_ids(project_path)["doc1"]]))
    coded = rows(project_path, "SELECT count(*) FROM codings JOIN coders ON coders.id = codings.coder_id "
                               "WHERE coders.name = ?", ENGINE_NAME)
    assert coded == [(2,)]
    endpoint_window.bench.undo_stack.undo()
    assert rows(project_path, "SELECT count(*) FROM coders WHERE name = ?", ENGINE_NAME) == [(0,)]


def test_the_endpoint_suggestions_are_reviewed_in_the_same_queue(qtbot: Any, endpoint_window: Any,
                                                                  project_path: Path, server: FakeServer) -> None:
    from app.machine_coder import install as install_machine_coder
    from app.machine_coder import tools_of as machine_tools

    install_machine_coder(endpoint_window)
    configure(endpoint_window, server.url, consented=True)
    run(qtbot, tools(endpoint_window).ask_for_suggestions([document_ids(project_path)["doc2"]]))
    review = machine_tools(endpoint_window).review
    assert review is not None and review.queue.model_choice.currentData() == ENGINE_NAME
    assert [row.model for row in review.queue.items.rows] == [ENGINE_NAME, ENGINE_NAME]
    review.queue.select_row(0)
    assert review.accept_current()
    accepted = rows(project_path, "SELECT s.status, s.decided_by, c.name FROM machine_suggestions s "
                                  "JOIN codings g ON g.uuid = s.coding_uuid JOIN coders c ON c.id = g.coder_id")
    assert accepted == [("accepted", "Morgan", "Morgan")]
