"""`concord machine suggest --endpoint` through CliRunner against a real HTTP server speaking the chat-completions
protocol (tests/core/endpoint_world), asserting through the library: suggestions stored pending for the review
queue, the endpoint coding documents as its own coder for agreement, the notice of what leaves the computer, and
every failure as one ``Error:`` line with nothing stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from coding.cli import cli
from coding.project import Project
from models import Coder, Coding, MachineModel, MachineSuggestion
from models.store import copy_project
from tests.core.endpoint_world import FakeModel, FakeServer, free_port, make_project, serve

MODEL = "fake-model"
ENGINE_NAME = "Endpoint (fake-model)"


def run(*args: object, code: int = 0) -> click.testing.Result:
    result = CliRunner().invoke(cli, ["machine", "suggest", *[str(a) for a in args]], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("cli-endpoint") / "endpoint.concord")


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Path:
    copy_project(template, tmp_path / "p.concord")
    return tmp_path / "p.concord"


@pytest.fixture
def server() -> Iterator[FakeServer]:
    yield from serve(FakeModel())


def stored(path: Path) -> dict[str, int]:
    opened = Project.open_for_reading(path)
    try:
        with opened.session() as session:
            return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                    for model in (MachineModel, MachineSuggestion, Coder, Coding)}
    finally:
        opened.close()


def test_suggestions_from_the_endpoint_go_to_the_review_queue(project: Path, server: FakeServer) -> None:
    result = run(project, "--endpoint", server.url, "--model", MODEL, "--document", "doc2", "--json")
    listed = json.loads(result.stdout)
    assert [(row["document"], row["code_path"].rsplit("/", 1)[-1], row["confidence"], row["status"])
            for row in listed] == [("doc2", "Owner functions", 0.9, "pending"),
                                   ("doc2", "Financial management rights", 0.8, "pending")]
    assert {row["model"] for row in listed} == {ENGINE_NAME}
    assert f"{server.url}/chat/completions" in result.stderr and "definitions" in result.stderr
    assert len(server.model.requests) == 4  # doc2's four sentences, nothing of doc1
    opened = Project.open_for_reading(project)
    try:
        with opened.session() as session:
            from coding.autocode.machine import list_suggestions

            assert {s.uuid for s in list_suggestions(session, model=ENGINE_NAME)} == {r["uuid"] for r in listed}
    finally:
        opened.close()


def test_the_text_output_lists_them_and_a_second_run_adds_none(project: Path, server: FakeServer) -> None:
    first = run(project, "--endpoint", server.url, "--model", MODEL, "--min-confidence", "0.2")
    assert first.stdout.startswith(f"5 suggestion(s) from {ENGINE_NAME}, pending review")
    assert "Salary levels are a small worry." in first.stdout
    again = run(project, "--endpoint", server.url, "--model", MODEL, "--min-confidence", "0.2")
    assert again.stdout.startswith("No new suggestions") and stored(project)["machine_suggestions"] == 5


def test_turn_units_are_asked_when_chosen(project: Path, server: FakeServer) -> None:
    run(project, "--endpoint", server.url, "--model", MODEL, "--document", "doc2", "--endpoint-unit", "turn")
    assert [body["messages"][1]["content"] for body in server.model.requests][0] == (
        "The hospital board appoints the director.")


def test_the_endpoint_codes_people_coded_documents_as_its_own_coder(project: Path, server: FakeServer) -> None:
    result = run(project, "--endpoint", server.url, "--model", MODEL, "--as-coder", "--json")
    data = json.loads(result.stdout)
    assert data == {"coder": ENGINE_NAME, "codings": 2, "documents": ["doc1"], "unit": "sentence"}
    agreement = CliRunner().invoke(cli, ["agreement", "compare", str(project), "--coders", f"{ENGINE_NAME},Lin",
                                         "--unit", "sentence", "--documents", "doc1", "--json", "--no-store"])
    assert agreement.exit_code == 0, agreement.output
    assert stored(project)["machine_suggestions"] == 0


def test_another_computer_gets_the_warning_on_stderr(project: Path) -> None:
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): never routed, so the request fails after the notice was printed
    remote = run(project, "--endpoint", "http://192.0.2.1:9/v1", "--model", MODEL, "--endpoint-timeout", "0.5",
                 code=1)
    assert "Warning: 192.0.2.1:9 is not this computer" in remote.stderr
    assert "Error: endpoint http://192.0.2.1:9/v1/chat/completions" in remote.stderr
    loopback = run(project, "--endpoint", f"http://127.0.0.2:{free_port()}/v1", "--model", MODEL, code=1)
    assert "Warning" not in loopback.stderr and "cannot connect" in loopback.stderr


@pytest.mark.parametrize("mode, problem", [
    ("http500", "HTTP 500"),
    ("nonsense", "the answer is not JSON"),
    ("unknown-code", "the codebook lacks: Imaginary/Code"),
])
def test_a_failing_endpoint_is_one_error_line_and_nothing_stored(project: Path, mode: str, problem: str) -> None:
    before = stored(project)
    for running in serve(FakeModel(mode=mode)):
        result = run(project, "--endpoint", running.url, "--model", MODEL, code=1)
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(errors) == 1 and problem in errors[0] and f"{running.url}/chat/completions" in errors[0]
        assert "Traceback" not in result.output
    assert stored(project) == before


def test_unreachable_and_slow_endpoints_are_one_error_line(project: Path) -> None:
    before = stored(project)
    refused = run(project, "--endpoint", f"http://127.0.0.1:{free_port()}/v1", "--model", MODEL, code=1)
    assert "cannot connect" in refused.stderr
    for slow in serve(FakeModel(mode="slow", delay=3.0)):
        timed_out = run(project, "--endpoint", slow.url, "--model", MODEL, "--endpoint-timeout", "0.3", code=1)
        assert "no answer within 0.3 s (timeout)" in timed_out.stderr
    assert stored(project) == before


def test_bad_options_are_one_error_line(project: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    no_model = run(project, "--endpoint", server.url, code=1)
    assert "model name is empty" in no_model.stderr
    monkeypatch.delenv("CONCORD_TEST_NO_KEY", raising=False)
    no_key = run(project, "--endpoint", server.url, "--model", MODEL, "--api-key-env", "CONCORD_TEST_NO_KEY", code=1)
    assert "CONCORD_TEST_NO_KEY (the endpoint's API key) is not set" in no_key.stderr
    uncoded = run(project, "--endpoint", server.url, "--model", MODEL, "--as-coder", "--document", "doc2", code=1)
    assert "Error: the endpoint codes documents people have coded, to compare with them: no person has coded doc2" \
        in uncoded.stderr
    assert server.model.requests == []
