"""A tiny language model behind a real HTTP server speaking the chat-completions protocol, and a small project
for it to code: the endpoint engine's tests (core, CLI, GUI) run against these. The "model" answers by keyword —
this tests the protocol and Concord's handling of it, not any model's judgement."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from coding.codebook import find_code
from coding.coders import get_or_create_coder
from coding.codings import apply_code
from coding.project import Project
from models import Document, Sentence, SpeakerTurn

ACTOR = "test"
OWNER = "Decision rights/Owner functions"
FINANCE = "Residual claims/Financial management rights"
# The fake model's whole knowledge: a keyword in the unit's text -> the code path it answers, with a confidence.
KEYWORDS = {"board": (OWNER, 0.9), "budget": (FINANCE, 0.8), "salary": (FINANCE, 0.3)}
SENTENCES = [
    "The hospital board appoints the director.",
    "We talked about the weather.",
    "The budget is set by the county.",
    "Salary levels are a small worry.",
]


def codebook_paths(system_prompt: str) -> list[str]:
    """The code paths the codebook in the system message lists ("- path" lines)."""
    return [line[2:] for line in system_prompt.splitlines() if line.startswith("- ")]


def keyword_answer(system_prompt: str, text: str) -> dict[str, Any]:
    """Codes by keyword, named by their full paths as the codebook sent in the prompt spells them."""
    paths = codebook_paths(system_prompt)
    codes: dict[str, float] = {}
    for word, (suffix, confidence) in KEYWORDS.items():
        if word in text.lower():
            path = next(p for p in paths if p.endswith(suffix))
            codes[path] = max(confidence, codes.get(path, 0.0))
    return {"codes": list(codes), "confidence": codes}


@dataclass
class FakeModel:
    """What the server answers: ``mode`` is ok | http500 | nonsense | unknown-code | not-chat | slow | fenced."""

    mode: str = "ok"
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    def reply(self, body: dict[str, Any]) -> tuple[int, str]:
        text = body["messages"][-1]["content"]
        if self.mode == "slow":
            time.sleep(self.delay)
        if self.mode == "http500":
            return 500, "model crashed"
        if self.mode == "not-chat":
            return 200, json.dumps({"hello": "world"})
        content = json.dumps(keyword_answer(body["messages"][0]["content"], text))
        if self.mode == "nonsense":
            content = "Sure! Here are the codes: board, budget."
        elif self.mode == "unknown-code":
            content = json.dumps({"codes": ["Imaginary/Code"], "confidence": {"Imaginary/Code": 0.9}})
        elif self.mode == "fenced":
            content = f"```json\n{content}\n```"
        return 200, json.dumps({"id": "x", "object": "chat.completion", "model": body.get("model"),
                                "choices": [{"index": 0, "finish_reason": "stop",
                                             "message": {"role": "assistant", "content": content}}]})


def _handler(model: FakeModel) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            model.requests.append(body)
            model.headers.append(dict(self.headers))
            model.paths.append(self.path)
            if self.path != "/v1/chat/completions":
                status, payload = 404, "not found"
            else:
                status, payload = model.reply(body)
            data = payload.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (the timeout test)
                pass

        def log_message(self, *_args: object) -> None:  # keep the test output quiet
            pass

    return Handler


@dataclass
class FakeServer:
    model: FakeModel
    url: str  # the base URL: http://127.0.0.1:PORT/v1


def serve(model: FakeModel) -> Iterator[FakeServer]:
    """Run the fake model on a free port of 127.0.0.1 until the generator is closed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(model))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield FakeServer(model, f"http://127.0.0.1:{server.server_address[1]}/v1")
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the project ---------------------------------------------------------------------------------------------


def add_document(session: Any, name: str, sentences: list[str] = SENTENCES) -> Document:
    """A document whose sentences (and one turn per sentence) are set exactly: ORM rows, no spaCy."""
    text = " ".join(sentences)
    document = Document(name=name, source_name=f"{name}.txt", format="txt", sha256=f"{name:0>64}"[-64:],
                        language="en", text=text, char_count=len(text), sentence_count=len(sentences),
                        turn_count=len(sentences))
    session.add(document)
    session.flush()
    start = 0
    for position, sentence in enumerate(sentences):
        end = start + len(sentence)
        turn = SpeakerTurn(document_id=document.id, position=position, speaker="R", start=start,
                           content_start=start, end=end)
        session.add(turn)
        session.flush()
        session.add(Sentence(document_id=document.id, turn_id=turn.id, position=position, start=start, end=end))
        start = end + 1
    session.flush()
    return document


def sentence_span(index: int, sentences: list[str] = SENTENCES) -> tuple[int, int]:
    start = sum(len(s) + 1 for s in sentences[:index])
    return start, start + len(sentences[index])


def make_project(path: Path) -> Path:
    """Two documents; Lin coded doc1's first sentence as OWNER (so no suggestion goes there); doc2 uncoded."""
    with Project.create(path) as project:
        with project.session() as session:
            add_document(session, "doc1")
            add_document(session, "doc2")
        with project.session() as session:
            lin = get_or_create_coder(session, "Lin", actor=ACTOR)
            doc1 = session.query(Document.id).filter(Document.name == "doc1").scalar()
            apply_code(session, document_id=doc1, coder_id=lin.id, code_id=find_code(session, OWNER).id,
                       start=sentence_span(0)[0], end=sentence_span(0)[1], actor=ACTOR)
    return path
