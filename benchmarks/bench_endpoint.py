"""The language-model endpoint's own cost (issue 15 item 5): Concord's side of a batch, against the tests' keyword
"model" on a local HTTP server (tests/core/endpoint_world), so the figure is reading the units, building each
prompt (the built-in codebook), one HTTP round trip per unit on localhost, strict parsing and storing — not any real
model's thinking time, which dominates in practice (seconds per unit for a local 8B model).

    python benchmarks/bench_endpoint.py [--documents 20] [--sentences 50]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import load_average  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--sentences", type=int, default=50, help="sentences per document")
    args = parser.parse_args()

    from coding.autocode.endpoint import EndpointConfig, ask_all, prepare
    from coding.autocode.endpoint_store import EndpointSuggestionsEdit
    from coding.project import Project
    from tests.core.endpoint_world import SENTENCES, FakeModel, add_document, serve

    sentences = (SENTENCES * (args.sentences // len(SENTENCES) + 1))[:args.sentences]
    with tempfile.TemporaryDirectory() as folder, Project.create(Path(folder) / "bench.concord") as project:
        with project.session() as session:
            for index in range(args.documents):
                add_document(session, f"doc{index:03d}", sentences)
        for server in serve(FakeModel()):
            config = EndpointConfig(server.url, "keyword-model")
            started = time.perf_counter()
            with project.session() as session:
                job = prepare(session, config)
            prepared = time.perf_counter()
            answers = ask_all(job)
            asked = time.perf_counter()
            edit = EndpointSuggestionsEdit(job, answers)
            with project.session() as session:
                edit.do(session, "bench")
            stored = time.perf_counter()
            prompt_chars = len(server.model.requests[0]["messages"][0]["content"])
    units = len(job.units)
    print(json.dumps({
        "units": units, "prompt_chars": prompt_chars, "prepare_s": round(prepared - started, 3),
        "ask_s": round(asked - prepared, 3), "per_unit_ms": round(1000 * (asked - prepared) / units, 2),
        "store_s": round(stored - asked, 3), "suggestions": len(edit.suggestion_uuids),
        "load": load_average(),
    }, indent=2))


if __name__ == "__main__":
    main()
