"""`concord info` benchmark on the 100× synthetic project (5,500 transcripts, 1,000,000 codings).

Target: `concord info PROJECT` answers in under 0.5 s end to end (a fresh process, as a user types
it). Also measured: `project_info` in-process (open + counts + close), and what the CLI costs before it
touches the project (interpreter start and imports: `concord --help`, `python -c "import coding.cli"`).

The project is built once with ``build_synthetic_project`` and cached in benchmarks/out/.

    python benchmarks/bench_info.py [--scale 100] [--repeat 5] [--rebuild] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (  # noqa: E402
    OUT_DIR,
    Stopwatch,
    concord_command,
    emit_result,
    load_average,
    machine_description,
    machine_line,
    machine_markdown,
    peak_rss_mib,
    run_worker,
    summary,
    time_command,
    update_docs_section,
)
from benchmarks.generate_corpus import build_synthetic_project, document_count, total_codings  # noqa: E402

TARGET_SECONDS = 0.5
SCRIPT = Path(__file__).resolve()


def cached_project(scale: int, seed: int, rebuild: bool = False) -> tuple[Path, float | None]:
    """The synthetic project for ``scale``, built unless a complete copy is cached; (path, build seconds).

    The build time is kept beside the project (``.build.json``) so later runs can still report it.
    """
    path = OUT_DIR / f"synthetic-s{scale}-seed{seed}.concord"
    record = path.with_suffix(".build.json")
    if path.exists() and not rebuild and _is_complete(path, scale):
        return path, json.loads(record.read_text())["build_seconds"] if record.exists() else None
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    building = OUT_DIR / f"synthetic-s{scale}-seed{seed}.building.concord"
    for stale in (path, building):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
    load_before = load_average()
    with Stopwatch() as watch:
        # Built under another name and renamed at the end, so an interrupted build is never reused.
        build_synthetic_project(building, scale, seed, progress=_progress)
    print(file=sys.stderr)
    shutil.move(building, path)
    record.write_text(json.dumps({"build_seconds": watch.seconds, "cpu_seconds": watch.cpu_seconds,
                                  "load_average_before": load_before, "load_average_after": load_average()}))
    return path, watch.seconds


def _progress(done: int, total: int) -> None:
    print(f"\rbuilding: {done}/{total} documents", end="", file=sys.stderr, flush=True)


def _is_complete(path: Path, scale: int) -> bool:
    from coding.errors import ConcordError
    from coding.project import Project, project_info

    try:
        with Project.open(path) as project, project.session() as session:
            info = project_info(session)
    except ConcordError:
        return False
    documents = document_count(scale)
    return info["documents"] == documents and info["codings"] == total_codings(scale, documents, None)


# ------------------------------------------------------------------------------------------------
# Worker: project_info in-process
# ------------------------------------------------------------------------------------------------
def worker_in_process(project_path: Path, repeat: int) -> dict[str, Any]:
    with Stopwatch() as imports:
        from coding.project import Project, project_info
    open_times, info_times, totals = [], [], []
    info: dict[str, Any] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        project = Project.open(project_path)
        opened = time.perf_counter()
        with project.session() as session:
            info = project_info(session)
        counted = time.perf_counter()
        project.close()
        open_times.append(opened - started)
        info_times.append(counted - opened)
        totals.append(time.perf_counter() - started)
    return {
        "module_import_seconds": imports.seconds,
        "query_seconds": _query_breakdown(project_path, repeat),
        "open_seconds": summary(open_times),
        "project_info_seconds": summary(info_times),
        "total_seconds": summary(totals),
        "info": info,
        "peak_rss_mib": peak_rss_mib(),
    }


def _query_breakdown(project_path: Path, repeat: int) -> dict[str, float]:
    """Best time of the two heavy queries behind project_info, to show which one to speed up."""
    from sqlalchemy import func, select

    from coding.project import Project
    from models import Coding, Document

    queries = {
        "document_totals": select(func.count(Document.id), func.sum(Document.turn_count),
                                  func.sum(Document.sentence_count), func.sum(Document.word_count),
                                  func.sum(Document.char_count)),
        "codings_per_coder": select(Coding.coder_id, func.count()).group_by(Coding.coder_id),
    }
    best: dict[str, float] = {}
    with Project.open(project_path) as project, project.session() as session:
        for name, query in queries.items():
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                session.execute(query).all()
                times.append(time.perf_counter() - started)
            best[name] = min(times)
    return best


# ------------------------------------------------------------------------------------------------
# The parent
# ------------------------------------------------------------------------------------------------
# What `concord info` would cost if the CLI imported nothing but what this command needs.
MINIMAL_INFO = (
    "import json, sys; import click; from coding.project import Project, project_info\n"
    "with Project.open(sys.argv[1]) as project, project.session() as session:\n"
    "    print(json.dumps(project_info(session)))"
)


def measure(project: Path, repeat: int) -> dict[str, Any]:
    python = sys.executable
    info = concord_command("info", str(project))
    commands = {
        "concord_info": info,
        "concord_info_json": [*info, "--json"],
        "concord_help": concord_command("--help"),
        "import_coding_cli": [python, "-c", "import coding.cli"],
        "minimal_info": [python, "-c", MINIMAL_INFO, str(project)],
        "python_startup": [python, "-c", "pass"],
    }
    time_command(info, repeat=1)  # page cache warm, as after any recent use
    timings = {name: time_command(command, repeat=repeat) for name, command in commands.items()}
    return {
        **{name: summary(timing["wall"]) for name, timing in timings.items()},
        **{f"{name}_cpu": summary(timing["cpu"]) for name, timing in timings.items()},
        "in_process": run_worker([str(SCRIPT), "--worker", "--project", str(project), "--repeat", str(repeat)]),
        "file_mib": round(project.stat().st_size / 1024 / 1024, 1),
    }


def _row(label: str, result: dict[str, Any], name: str) -> str:
    wall, cpu = result[name], result[f"{name}_cpu"]
    return f"| {label} | {wall['best']:.3f} s | {wall['median']:.3f} s | {cpu['best']:.3f} s |"


def format_section(result: dict[str, Any], machine: dict[str, Any], repeat: int, scale: int) -> str:
    info = result["in_process"]["info"]
    cli, in_process = result["concord_info"], result["in_process"]
    verdict = "meets" if cli["best"] < TARGET_SECONDS else "MISSES"
    build = (f" It was built in {result['build_seconds']:.0f} s by `build_synthetic_project`."
             if result.get("build_seconds") else "")
    queries = in_process["query_seconds"]
    return "\n".join([
        machine_line(machine),
        "",
        f"`python benchmarks/bench_info.py` — the {scale}× synthetic project ({info['documents']:,} documents, "
        f"{info['words']:,} words, {info['turns']:,} turns, {info['sentences']:,} sentences, "
        f"{info['codings']:,} codings by {info['coders']} coders, {info['cases']:,} cases; "
        f"{result['file_mib']:,} MiB on disk).{build} Best of {repeat} runs, warm page cache; CPU is the "
        "child process's user + system time (steadier than wall time on a shared machine).",
        "",
        "| Measurement | Wall, best | Wall, median | CPU, best |",
        "| --- | ---: | ---: | ---: |",
        _row("`concord info PROJECT` (fresh process, end to end)", result, "concord_info"),
        _row("`concord info PROJECT --json`", result, "concord_info_json"),
        _row("`concord --help` (interpreter + CLI imports, no project)", result, "concord_help"),
        _row('`python -c "import coding.cli"`', result, "import_coding_cli"),
        _row("`python -c pass` (interpreter alone)", result, "python_startup"),
        _row("click + `Project.open` + `project_info` + print, nothing else imported", result, "minimal_info"),
        f"| In-process `Project.open` | {in_process['open_seconds']['best']:.3f} s | "
        f"{in_process['open_seconds']['median']:.3f} s | |",
        f"| In-process `project_info(session)` | {in_process['project_info_seconds']['best']:.3f} s | "
        f"{in_process['project_info_seconds']['median']:.3f} s | |",
        f"| — of which the documents' totals query | {queries['document_totals']:.3f} s | | |",
        f"| — of which codings per coder (GROUP BY over all codings) | {queries['codings_per_coder']:.3f} s | | |",
        "",
        f"- `concord info` {verdict} the < {TARGET_SECONDS} s target ({cli['best']:.3f} s best wall, "
        f"{result['concord_info_cpu']['best']:.3f} s CPU).",
        f"- Starting the CLI without touching a project (`concord --help`) takes "
        f"{result['concord_help_cpu']['best']:.3f} s CPU; a process importing only click and `coding.project` "
        f"and running the same `project_info` takes {result['minimal_info_cpu']['best']:.3f} s CPU — the "
        "difference is what the CLI imports for its other commands.",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help="Measure this project instead of the cached synthetic one.")
    parser.add_argument("--scale", type=int, choices=(1, 10, 100), default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="Build the synthetic project again.")
    parser.add_argument("--write-docs", action="store_true",
                        help="Write the 'concord info' section of docs/benchmarks.md.")
    args = parser.parse_args(argv)
    if args.worker:
        emit_result(worker_in_process(args.project, args.repeat))
        return 0
    machine = machine_description()
    build_seconds = None
    project = args.project
    if project is None:
        project, build_seconds = cached_project(args.scale, args.seed, args.rebuild)
    result = {**measure(project, args.repeat), "build_seconds": build_seconds, "project": str(project)}
    print(json.dumps({"machine": machine, **result}, indent=2))
    if args.write_docs:
        update_docs_section("Machine", machine_markdown(machine))
        update_docs_section("concord info", format_section(result, machine, args.repeat, args.scale))
    return 0


if __name__ == "__main__":
    sys.exit(main())
