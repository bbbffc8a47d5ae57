"""Merging coder copies: 5 copies × 20,000 codings into a 1× project, against a floor measured in the same run.

    python benchmarks/bench_merge.py [--copies 5] [--codings 20000] [--repeat 3] [--write-docs]

Prepared once (and kept in ``benchmarks/out/merge-bench/``): the cached 1× synthetic project (55 transcripts,
10,000 codings by A and B; ``bench_info.cached_project``) gets coder copies for C1…Cn (``concord copies``,
timed), and each copy gets ``--codings`` new codings of its coder on 1–3 consecutive sentences with random
level-3 codes, written in bulk as a coding session would leave them.

Each repetition runs in a fresh process on a fresh copy of the project and measures, wall and CPU seconds:

* **floor** — just opening each copy and reading its coder's codings (what any merge must do);
* **merge** — ``merge_copies`` of all copies, one transaction each (read, plan, write, audit);
* **merge again** — the same copies once more (nothing changes: the no-op check);
* **undo** — ``undo_merge`` of the whole merge (what Edit › Undo runs);

and the process's peak resident memory after the floor and after the merge. Target: the merge under 5 s.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (
    OUT_DIR,
    Stopwatch,
    emit_result,
    machine_description,
    machine_line,
    peak_rss_mib,
    run_worker,
    summary,
    update_docs_section,
)

SECTION = "Merging coder copies"
BENCH_DIR = OUT_DIR / "merge-bench"


# -- preparing ---------------------------------------------------------------------------------------------
def prepare(copies: int, codings: int, seed: int = 7) -> tuple[Path, list[Path], dict[str, Any]]:
    """The base project and its coded copies (cached by their parameters); returns what making them took."""
    folder = BENCH_DIR / f"c{copies}-n{codings}-seed{seed}"
    marker = folder / "ready.json"
    base = folder / "study.concord"
    paths = [folder / f"study-C{i}.concord" for i in range(1, copies + 1)]
    if marker.exists():
        return base, paths, json.loads(marker.read_text())
    from benchmarks.bench_info import cached_project
    from coding.project import Project
    from coding.team.copies import make_copies
    from models.store import copy_project

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source, _build_seconds = cached_project(1, seed)
    copy_project(source, base)
    with Project.open(base) as project, Stopwatch() as watch:
        make_copies(project, [f"C{i}" for i in range(1, copies + 1)], folder)
    rng = random.Random(seed)
    for path in paths:
        _fill(path, codings, rng)
    facts = {"copies_seconds": watch.seconds, "copies_cpu_seconds": watch.cpu_seconds,
             "copy_mib": round(paths[0].stat().st_size / 2**20, 1)}
    marker.write_text(json.dumps(facts))
    return base, paths, facts


def _fill(path: Path, count: int, rng: random.Random) -> None:
    """``count`` codings of the copy's coder on 1–3 consecutive sentences (a new file no one has open)."""
    connection = sqlite3.connect(path)
    try:
        coder = connection.execute("SELECT c.id FROM coders c JOIN project_meta m ON m.value = c.uuid "
                                   "WHERE m.key = 'copy.coder_uuid'").fetchone()[0]
        codes = [row[0] for row in connection.execute(
            "SELECT k.id FROM codes k JOIN codes p ON p.id = k.parent_id WHERE p.parent_id IS NOT NULL "
            "AND k.is_codable")]
        sentences: dict[int, list[tuple[int, int]]] = {}
        for document, start, end in connection.execute("SELECT document_id, start, \"end\" FROM sentences "
                                                       "ORDER BY document_id, start"):
            sentences.setdefault(document, []).append((start, end))
        documents = sorted(sentences)
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        rows = []
        for _ in range(count):
            document = rng.choice(documents)
            spans = sentences[document]
            first = rng.randrange(len(spans))
            last = min(len(spans) - 1, first + rng.choice((0, 0, 1, 2)))
            rows.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), document, coder, rng.choice(codes),
                         spans[first][0], spans[last][1], now, now))
        connection.executemany(
            'INSERT INTO codings (uuid, document_id, coder_id, code_id, start, "end", memo, created_at, updated_at) '
            "VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)", rows)
        connection.commit()
    finally:
        connection.close()


# -- one measurement (in a fresh process) -----------------------------------------------------------------------
def worker(base: Path, copies: list[Path], scratch: Path) -> dict[str, Any]:
    from sqlalchemy import text

    from coding.project import Project
    from coding.team.merge import merge_copies, undo_merge
    from coding.team.sources import coding_rows
    from models.store import copy_project

    if scratch.exists():
        scratch.unlink()
    copy_project(base, scratch)
    result: dict[str, Any] = {}
    with Stopwatch() as floor:
        read = 0
        for path in copies:
            with Project.open_for_reading(path) as copy, copy.session() as session:
                coder = session.execute(text(
                    "SELECT c.id FROM coders c JOIN project_meta m ON m.value = c.uuid "
                    "WHERE m.key = 'copy.coder_uuid'")).scalar_one()
                read += len(coding_rows(session, coder))
    result.update(floor=floor.seconds, floor_cpu=floor.cpu_seconds, read=read, rss_after_floor=peak_rss_mib())
    with Project.open(scratch) as project:
        with Stopwatch() as merge:
            merged = merge_copies(project, copies)
        result.update(merge=merge.seconds, merge_cpu=merge.cpu_seconds, rss_after_merge=peak_rss_mib(),
                      added=sum(r.codings.added for r in merged.reports), refused=len(merged.refused))
        with Stopwatch() as again:
            repeat = merge_copies(project, copies)
        result.update(again=again.seconds, again_cpu=again.cpu_seconds,
                      again_changed=sum(r.codings.added + r.codings.changed + r.codings.deleted for r in repeat.reports))
        with Stopwatch() as undo, project.session() as session:
            undo_merge(session, merged.records, actor="bench")
        result.update(undo=undo.seconds, undo_cpu=undo.cpu_seconds)
    scratch.unlink()
    return result


# -- the report ---------------------------------------------------------------------------------------------
def _row(label: str, wall: list[float], cpu: list[float]) -> str:
    w, c = summary(wall), summary(cpu)
    return f"| {label} | {w['best']:.2f} | {w['median']:.2f} | {c['best']:.2f} |"


def report(runs: list[dict[str, Any]], facts: dict[str, Any], copies: int, codings: int,
           machine: dict[str, Any]) -> str:
    def column(key: str) -> list[float]:
        return [run[key] for run in runs]

    merge_best = min(column("merge"))
    lines = [
        machine_line(machine),
        "",
        (f"{copies} coder copies × {codings:,} new codings each, merged into the 1× synthetic project (55 "
         f"transcripts, 10,000 codings); {len(runs)} runs, each in a fresh process on a fresh copy of the project."),
        "",
        "| Step | best s | median s | CPU s (best) |",
        "| --- | ---: | ---: | ---: |",
        _row(f"floor: open the {copies} copies and read their codings", column("floor"), column("floor_cpu")),
        _row(f"merge {copies} copies ({runs[0]['added']:,} codings added)", column("merge"), column("merge_cpu")),
        _row("merge the same copies again (no-op)", column("again"), column("again_cpu")),
        _row("undo the merge", column("undo"), column("undo_cpu")),
        "",
        (f"Merge / floor: {merge_best / min(column('floor')):.1f}×. Peak memory: "
         f"{max(column('rss_after_floor')):.0f} MiB after the floor, {max(column('rss_after_merge')):.0f} MiB after "
         f"the merge. Target < 5 s: {'met' if merge_best < 5 else 'NOT met'}. Making the {copies} copies took "
         f"{facts['copies_seconds']:.2f} s ({facts['copy_mib']} MiB each before coding)."),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--codings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true", help=f"Write the '{SECTION}' section of "
                        "docs/benchmarks.md.")
    parser.add_argument("--worker", nargs="+", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        base, *copies = args.worker
        emit_result(worker(base, copies, base.with_name("scratch.concord")))
        return 0
    machine = machine_description()
    base, copies, facts = prepare(args.copies, args.codings)
    runs = []
    for index in range(args.repeat):
        runs.append(run_worker([str(Path(__file__).resolve()), "--worker", str(base), *map(str, copies)]))
        print(f"run {index + 1}: merge {runs[-1]['merge']:.2f} s, floor {runs[-1]['floor']:.2f} s", file=sys.stderr)
    if any(run["refused"] or run["again_changed"] for run in runs):
        raise SystemExit(f"unexpected merge result: {runs}")
    text = report(runs, facts, args.copies, args.codings, machine)
    print(text)
    if args.write_docs:
        update_docs_section(SECTION, text + "\n\nCommand: `python benchmarks/bench_merge.py --repeat 3`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
