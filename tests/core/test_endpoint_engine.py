"""The endpoint engine against a real HTTP server speaking the chat-completions protocol (tests/core/endpoint_world):
what is sent, what is stored (suggestions for the review queue, or the endpoint coder's codings for agreement), undo
and redo, and every failure — unreachable, HTTP 500, nonsense, an unknown code path, a slow server — as one clear
error with nothing stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coding.agreement.compare import ComparisonParams, run_comparison
from coding.autocode.endpoint import (
    EndpointConfig,
    EndpointError,
    EndpointJob,
    ask_all,
    code_with_endpoint,
    disclosure,
    parse_codes,
    prepare,
)
from coding.codebook import CodeTree, find_code
from coding.autocode.endpoint_store import EndpointCodingsEdit, EndpointSuggestionsEdit, NothingToSuggest
from coding.errors import CancelledError, ValidationError
from coding.project import Project
from models import AuditEvent, Coder, Coding, Document, MachineModel, MachineSuggestion
from tests.core.endpoint_world import (
    ACTOR,
    FINANCE,
    OWNER,
    FakeModel,
    FakeServer,
    free_port,
    make_project,
    sentence_span,
    serve,
)

MODEL = "fake-model"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("endpoint") / "endpoint.concord")


@pytest.fixture
def project(template: Path, tmp_path: Path) -> Iterator[Project]:
    from models.store import copy_project

    copy_project(template, tmp_path / "p.concord")
    opened = Project.open(tmp_path / "p.concord")
    yield opened
    opened.close()


@pytest.fixture
def server() -> Iterator[FakeServer]:
    yield from serve(FakeModel())


def config(server: FakeServer, **options: object) -> EndpointConfig:
    return EndpointConfig(server.url, MODEL, **options)  # type: ignore[arg-type]


def job_of(project: Project, endpoint: EndpointConfig, documents: tuple[str, ...] | None = None,
           unit: str = "sentence") -> EndpointJob:
    with project.session() as session:
        ids = None if documents is None else list(session.scalars(select(Document.id).where(
            Document.name.in_(documents))))
        return prepare(session, endpoint, unit=unit, document_ids=ids)


def full_path(project: Project, suffix: str) -> str:
    with project.session() as session:
        return CodeTree.load(session).path(find_code(session, suffix).id)


def counts(project: Project) -> dict[str, int]:
    with project.session() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (MachineModel, MachineSuggestion, Coder, Coding, AuditEvent)}


def suggestions(project: Project) -> set[tuple[str, str, int, int, float, str]]:
    from models import Code

    with project.session() as session:
        rows = session.execute(select(Document.name, Code.name, MachineSuggestion.start, MachineSuggestion.end,
                                      MachineSuggestion.confidence, MachineSuggestion.uuid)
                               .join(Document, Document.id == MachineSuggestion.document_id)
                               .join(Code, Code.id == MachineSuggestion.code_id)).all()
    return {tuple(row) for row in rows}  # type: ignore[misc]


# -- what is sent -------------------------------------------------------------------------------------------------


def test_each_unit_goes_to_chat_completions_with_the_codebook(project: Project, server: FakeServer) -> None:
    job = job_of(project, config(server), documents=("doc1",))
    answers = ask_all(job)
    assert [a.unit.text for a in answers][:2] == ["The hospital board appoints the director.",
                                                  "We talked about the weather."]
    assert answers[0].codes == {full_path(project, OWNER): 0.9} and answers[1].codes == {}
    assert set(server.model.paths) == {"/v1/chat/completions"}
    body = server.model.requests[0]
    assert body["model"] == MODEL and body["response_format"] == {"type": "json_object"}
    system, user = body["messages"]
    assert user == {"role": "user", "content": "The hospital board appoints the director."}
    with project.session() as session:
        code = find_code(session, OWNER)
    fields = "\n".join(f"  {label}: {' '.join(value.split())}" for label, value in (
        ("definition", code.definition), ("include", code.include_rule), ("exclude", code.exclude_rule),
        ("example", code.example)))
    assert f"- {full_path(project, OWNER)}\n{fields}\n" in system["content"]
    assert "authorization" not in {key.lower() for key in server.model.headers[0]}


def test_json_mode_can_be_left_out_for_a_server_that_refuses_it(project: Project, server: FakeServer) -> None:
    ask_all(job_of(project, config(server, json_mode=False), documents=("doc1",)))
    assert all("response_format" not in body for body in server.model.requests)
    assert {body["temperature"] for body in server.model.requests} == {0}


def test_an_api_key_comes_from_the_named_environment_variable(project: Project, server: FakeServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCORD_TEST_KEY", "s3cret")
    ask_all(job_of(project, config(server, api_key_env="CONCORD_TEST_KEY"), documents=("doc1",)))
    assert {h.get("Authorization") or h.get("authorization") for h in server.model.headers} == {"Bearer s3cret"}
    monkeypatch.delenv("CONCORD_TEST_KEY")
    with pytest.raises(ValidationError, match="CONCORD_TEST_KEY .* is not set"):
        ask_all(job_of(project, config(server, api_key_env="CONCORD_TEST_KEY"), documents=("doc1",)))


def test_turns_send_the_words_after_the_speaker_label(project: Project, server: FakeServer) -> None:
    job = job_of(project, config(server), documents=("doc2",), unit="turn")
    assert len(job.units) == 4 and job.units[2].text == "The budget is set by the county."


@pytest.mark.parametrize("url, model, problem", [
    ("localhost:11434/v1", "m", "must start with http"),
    ("ftp://localhost/v1", "m", "must start with http"),
    ("http://user:pw@localhost/v1", "m", "base URL only"),
    ("http://localhost/v1", " ", "model name is empty"),
])
def test_a_bad_configuration_is_refused(url: str, model: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        EndpointConfig(url, model)
    with pytest.raises(ValidationError, match="timeout"):
        EndpointConfig("http://localhost/v1", "m", timeout=0)


def test_the_notice_says_what_leaves_and_warns_when_it_leaves_the_computer() -> None:
    local = disclosure(EndpointConfig("http://localhost:11434/v1", "llama3.1"))
    assert "http://localhost:11434/v1/chat/completions" in local and "definitions" in local
    assert "include and exclude rules and examples" in local and "Warning" not in local
    remote = EndpointConfig("https://api.example.org/v1", "gpt")
    assert "Warning: api.example.org is not this computer" in disclosure(remote)
    assert remote.model_name == "Endpoint (gpt @ api.example.org)"
    assert EndpointConfig("http://127.0.0.1:8080/v1", "llama3.1").model_name == "Endpoint (llama3.1)"


@pytest.mark.parametrize("content, problem", [
    ("not json", "not JSON"),
    ('["a"]', "not {\"codes\""),
    ('{"codes": [1]}', "not all code paths"),
    (f'{{"codes": ["{OWNER}"], "confidence": {{"{OWNER}": 7}}}}', "from 0 to 1"),
    (f'{{"codes": ["{OWNER}"], "confidence": [1]}}', "confidence is not an object"),
    ('{"codes": ["Nope"]}', "lacks: Nope"),
])
def test_answers_are_parsed_strictly(content: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_codes(content, [OWNER, FINANCE])
    assert parse_codes(f'{{"codes": ["{OWNER}"]}}', [OWNER]) == {OWNER: 1.0}


# -- suggestions ------------------------------------------------------------------------------------------------


def test_suggestions_are_stored_pending_under_the_endpoint_model_and_undone_exactly(
        project: Project, server: FakeServer) -> None:
    before = counts(project)
    job = job_of(project, config(server))
    edit = EndpointSuggestionsEdit(job, ask_all(job), min_confidence=0.5)
    with project.session() as session:
        changes = edit.do(session, ACTOR)
    assert changes.machine and changes.coders
    found = {(d, c, s, e, p) for d, c, s, e, p, _ in suggestions(project)}
    # doc1's board sentence is Lin's already; salary (0.3) is under the threshold
    assert found == {("doc1", "Financial management rights", *sentence_span(2), 0.8),
                     ("doc2", "Owner functions", *sentence_span(0), 0.9),
                     ("doc2", "Financial management rights", *sentence_span(2), 0.8)}
    with project.session() as session:
        model = session.scalars(select(MachineModel)).one()
        coder = session.get(Coder, model.coder_id)
        statuses = set(session.scalars(select(MachineSuggestion.status)))
    assert (model.name, model.engine, coder.name if coder else None) == (
        "Endpoint (fake-model)", "endpoint", "Endpoint (fake-model)")
    assert model.parameters["host"] == server.url.split("/")[2] and model.parameters["model"] == MODEL
    assert {"prompt_version", "date", "unit"} <= set(model.parameters) and statuses == {"pending"}
    assert "key" not in str(model.parameters).lower()
    made = suggestions(project)
    with project.session() as session:
        edit.undo(session, ACTOR)
    after_undo = counts(project)
    assert {k: v for k, v in after_undo.items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"}
    with project.session() as session:
        edit.redo(session, ACTOR)
    assert suggestions(project) == made


def test_a_second_batch_adds_nothing_twice(project: Project, server: FakeServer) -> None:
    job = job_of(project, config(server))
    with project.session() as session:
        EndpointSuggestionsEdit(job, ask_all(job)).do(session, ACTOR)
    before = counts(project)
    with pytest.raises(NothingToSuggest, match="suggested nothing at or above 0.50"):
        with project.session() as session:
            EndpointSuggestionsEdit(job, ask_all(job)).do(session, ACTOR)
    assert counts(project) == before


def test_a_lower_threshold_keeps_the_less_sure_codes(project: Project, server: FakeServer) -> None:
    job = job_of(project, config(server), documents=("doc2",))
    with project.session() as session:
        EndpointSuggestionsEdit(job, ask_all(job), min_confidence=0.2).do(session, ACTOR)
    assert ("doc2", "Financial management rights", *sentence_span(3), 0.3) in {
        row[:5] for row in suggestions(project)}
    with pytest.raises(ValidationError, match="minimum confidence"):
        EndpointSuggestionsEdit(job, [], min_confidence=1.5)


def test_a_fenced_answer_is_read(project: Project) -> None:
    for running in serve(FakeModel(mode="fenced")):
        answers = ask_all(job_of(project, config(running), documents=("doc1",)))
        assert answers[0].codes == {full_path(project, OWNER): 0.9}


# -- failures: one clear error, nothing stored ----------------------------------------------------------------


def _suggest(project: Project, endpoint: EndpointConfig) -> None:
    job = job_of(project, endpoint)
    with project.session() as session:
        EndpointSuggestionsEdit(job, ask_all(job)).do(session, ACTOR)


@pytest.mark.parametrize("mode, problem", [
    ("http500", "HTTP 500 Internal Server Error: model crashed"),
    ("nonsense", "the answer is not JSON"),
    ("unknown-code", "code path\\(s\\) the codebook lacks: Imaginary/Code"),
    ("not-chat", "not a chat completion"),
])
def test_a_bad_answer_is_one_error_naming_the_endpoint(project: Project, mode: str, problem: str) -> None:
    before = counts(project)
    for running in serve(FakeModel(mode=mode)):
        with pytest.raises(EndpointError, match=problem) as caught:
            _suggest(project, config(running))
        message = str(caught.value)
        assert message.startswith(f"endpoint {running.url}/chat/completions (asking about document 'doc1' at 0–")
        assert message.endswith("nothing was stored") and "\n" not in message
    assert counts(project) == before


def test_an_unreachable_endpoint_is_one_error(project: Project) -> None:
    before = counts(project)
    with pytest.raises(EndpointError, match="cannot connect .* is the server running"):
        _suggest(project, EndpointConfig(f"http://127.0.0.1:{free_port()}/v1", MODEL, timeout=5))
    assert counts(project) == before


def test_a_slow_endpoint_times_out(project: Project) -> None:
    before = counts(project)
    for running in serve(FakeModel(mode="slow", delay=3.0)):
        with pytest.raises(EndpointError, match="no answer within 0.3 s \\(timeout\\)"):
            _suggest(project, config(running, timeout=0.3))
    assert counts(project) == before


def test_a_failure_midway_stores_nothing_of_the_batch(project: Project, server: FakeServer) -> None:
    job = job_of(project, config(server))
    asked: list[int] = []

    def progress(done: int, _total: int, _what: str) -> None:
        asked.append(done)
        if done == 5:
            server.model.mode = "http500"

    before = counts(project)
    with pytest.raises(EndpointError, match="HTTP 500"):
        with project.session() as session:
            EndpointSuggestionsEdit(job, ask_all(job, progress=progress)).do(session, ACTOR)
    assert counts(project) == before and max(asked) == 5


def test_cancelling_stops_between_units(project: Project, server: FakeServer) -> None:
    job = job_of(project, config(server))
    with pytest.raises(CancelledError, match="after 0 of 8 sentences; nothing was stored"):
        ask_all(job, cancelled=lambda: True)
    assert server.model.requests == []


# -- the endpoint as a coder, for agreement ----------------------------------------------------------------------


def test_the_endpoint_codes_documents_people_coded_and_agreement_is_measured(project: Project,
                                                                             server: FakeServer) -> None:
    before = counts(project)
    with project.session() as session:
        doc1 = session.scalar(select(Document.id).where(Document.name == "doc1"))
        assert doc1 is not None
        edit = code_with_endpoint(session, config(server), document_ids=[doc1], actor=ACTOR)
    assert isinstance(edit, EndpointCodingsEdit) and len(edit.created) == 2  # board (OWNER), budget (FINANCE)
    with project.session() as session:
        result = run_comparison(session, ComparisonParams(coders=("Lin", "Endpoint (fake-model)"), unit="sentence",
                                                          codes=(OWNER,), documents=("doc1",)))
    alpha = [f for f in result.figures if f.measure == "alpha" and f.code_uuid is not None]
    assert alpha and alpha[0].value == pytest.approx(1.0)  # both coded the board sentence only
    with project.session() as session:
        edit.undo(session, ACTOR)
    assert {k: v for k, v in counts(project).items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"}
    with project.session() as session:
        edit.redo(session, ACTOR)
        assert session.scalar(select(func.count()).select_from(Coding).join(Coder).where(
            Coder.name == "Endpoint (fake-model)")) == 2


def test_documents_nobody_coded_are_refused_for_agreement(project: Project, server: FakeServer) -> None:
    before = counts(project)
    with pytest.raises(ValidationError, match="no person has coded doc2"):
        with project.session() as session:
            doc2 = session.scalar(select(Document.id).where(Document.name == "doc2"))
            assert doc2 is not None
            code_with_endpoint(session, config(server), document_ids=[doc2], actor=ACTOR)
    assert counts(project) == before and server.model.requests == []


def test_suggest_with_endpoint_returns_the_review_queue_rows(project: Project, server: FakeServer) -> None:
    from coding.autocode.endpoint import suggest_with_endpoint
    from coding.autocode.machine import list_models, list_suggestions

    with project.session() as session:
        rows = suggest_with_endpoint(session, config(server), min_confidence=0.5, actor=ACTOR)
    assert [(r.document, r.code_path.rsplit("/", 1)[-1], r.text, r.status, r.model) for r in rows] == [
        ("doc1", "Financial management rights", "The budget is set by the county.", "pending", "Endpoint (fake-model)"),
        ("doc2", "Owner functions", "The hospital board appoints the director.", "pending", "Endpoint (fake-model)"),
        ("doc2", "Financial management rights", "The budget is set by the county.", "pending",
         "Endpoint (fake-model)"),
    ]
    with project.session() as session:
        assert {r.uuid for r in list_suggestions(session)} == {r.uuid for r in rows}
        (info,) = list_models(session)
    assert (info.engine, info.pending, info.coder) == ("endpoint", 3, "Endpoint (fake-model)")


def test_an_accepted_suggestion_says_it_came_from_the_endpoint(project: Project, server: FakeServer) -> None:
    from coding.autocode.endpoint import suggest_with_endpoint
    from coding.autocode.review import AcceptSuggestionsEdit, provenance
    from coding.coders import get_or_create_coder

    with project.session() as session:
        rows = suggest_with_endpoint(session, config(server), min_confidence=0.6, actor=ACTOR)
        morgan = get_or_create_coder(session, "Morgan", actor=ACTOR)
        accept = AcceptSuggestionsEdit([rows[0].uuid], morgan.id)
        accept.do(session, "Morgan")
        (coding_uuid,) = session.scalars(select(MachineSuggestion.coding_uuid).where(
            MachineSuggestion.uuid == rows[0].uuid))
        assert coding_uuid is not None
        said = provenance(session, [coding_uuid])[coding_uuid]
    assert said.engine == "endpoint" and said.min_confidence == pytest.approx(0.6)
    assert said.describe().startswith("suggested by Endpoint (fake-model), set up ")
    assert said.describe().endswith(f"confidence {rows[0].confidence:.2f} ≥ 0.60; accepted by Morgan")


def test_undoing_a_batch_is_refused_once_a_suggestion_was_decided(project: Project, server: FakeServer) -> None:
    from coding.autocode.review import RejectSuggestionsEdit
    from coding.errors import ConflictError

    job = job_of(project, config(server))
    edit = EndpointSuggestionsEdit(job, ask_all(job))
    with project.session() as session:
        edit.do(session, ACTOR)
    with project.session() as session:
        RejectSuggestionsEdit(edit.suggestion_uuids[:1]).do(session, "Morgan")
    before = suggestions(project)
    with pytest.raises(ConflictError, match="1 of these suggestions were accepted or rejected since"):
        with project.session() as session:
            edit.undo(session, ACTOR)
    assert suggestions(project) == before


def test_both_batches_undo_and_redo_on_each_engine(project_on_engine: Project, server: FakeServer) -> None:
    """On SQLite and PostgreSQL: undo takes away the model and coder rows a batch made, redo puts them back with
    their ids (the codings and suggestions name them by id)."""
    project = project_on_engine
    before = {k: v for k, v in counts(project).items() if k != "audit_events"}
    job = job_of(project, config(server))
    suggested = EndpointSuggestionsEdit(job, ask_all(job))
    with project.session() as session:
        suggested.do(session, ACTOR)
    made = suggestions(project)
    with project.session() as session:
        suggested.undo(session, ACTOR)
    assert {k: v for k, v in counts(project).items() if k != "audit_events"} == before
    with project.session() as session:
        suggested.redo(session, ACTOR)
    assert suggestions(project) == made
    coded_job = job_of(project, config(server), documents=("doc1",))
    coded = EndpointCodingsEdit(coded_job, ask_all(coded_job))
    with project.session() as session:
        coded.do(session, ACTOR)
        coded.undo(session, ACTOR)
        coded.redo(session, ACTOR)
    with project.session() as session:
        engine_codings = session.scalar(select(func.count()).select_from(Coding).join(Coder).where(
            Coder.name == "Endpoint (fake-model)"))
    assert engine_codings == 2 and suggestions(project) == made
