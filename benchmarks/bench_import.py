"""Import benchmark: the seed-003-scale corpus through ``coding.importing.import_paths``, against a floor.

Target: 55 transcripts (≈670,000 words) import in under 10 s on a 2-core machine, at no less than
half the throughput of the FLOOR — the least work any importer must do: spaCy over the same turn
texts with the same pipelines (``coding.nlp.get_pipeline``), plus one bare ``sqlite3`` executemany
of the resulting sentences into a plain table.

Issue 13's target: the import using both cores (the analyse stage in worker processes,
``coding/importing/pool.py``, SQLite written from this one) at ≥ 100% of the floor's throughput, peak memory
flat with corpus size. So three imports are measured beside the floor: SERIAL (every stage in one process,
``ImportOptions(workers=1)``), POOLED (the pool ``import_paths`` starts: a worker per core analysing while the
importing process reads and stores, the workers started and their pipelines loaded before the clock, as the
serial run's pipelines are: their start is listed apart) and POOLED COLD (nothing loaded: the clock includes
starting the workers and every pipeline load, as ``concord import`` pays). Memory is given per process: the
importing process, and the largest worker (``VmHWM``). CPU "on idle cores" is what the wall time would be with
no other work on the machine: the busiest process's CPU seconds, or all of them shared by the cores when that
is more. On a busy machine Linux shares the cores between sessions (``sched_autogroup``), so the import's
processes together get about what the floor's one gets, and wall time follows all the CPU they use.

Each measurement runs in its own subprocess (``--worker serial|pooled|pooled-cold|floor|cli``) so that peak
memory (``ru_maxrss``) and warm caches don't mix; the parent repeats them and reports the best of N. The rounds
run each kind back to back, so each round's floor ÷ pooled is a pair measured under the same load: their median
(beside each round's load average) is the figure that a burst of other work moves least.

    python benchmarks/bench_import.py [--repeat 3] [--also-scale 10] [--profile] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (  # noqa: E402
    OUT_DIR,
    REPO_ROOT,
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
    update_docs_section,
)
from benchmarks.generate_corpus import document_count, write_corpus  # noqa: E402

TARGET_SECONDS = 10.0
TARGET_FLOOR_RATIO = 0.5  # the serial import
TARGET_POOLED_FLOOR_RATIO = 1.0  # the pooled import (issue 13)
IMPORT_KINDS = ("serial", "pooled", "pooled-cold")
SCRIPT = Path(__file__).resolve()


def corpus_dir(scale: int, seed: int) -> Path:
    """The .txt corpus for a scale, generated once and reused (a complete folder has every file)."""
    folder = OUT_DIR / f"corpus-s{scale}-seed{seed}"
    expected = document_count(scale)
    if not folder.is_dir() or len(list(folder.glob("*.txt"))) != expected:
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, scale, seed)
    return folder


# ------------------------------------------------------------------------------------------------
# Workers (each runs in a fresh process)
# ------------------------------------------------------------------------------------------------
def _load_pipelines() -> float:
    with Stopwatch() as watch:
        from coding.nlp import get_pipeline

        get_pipeline("en")
        get_pipeline("zh")
    return watch.seconds


# Import stages timed by --profile: (module, function) as coding.importing names them today; a name
# that has moved is skipped rather than failing the benchmark.
STAGES = (
    ("coding.importing.pipeline", "read_source"),
    ("coding.importing.pipeline", "_refuse_duplicate"),
    ("coding.importing.pipeline", "normalise_text"),
    ("coding.importing.pipeline", "analyse_text"),
    ("coding.importing.analyse", "detect_language"),
    ("coding.importing.analyse", "detect_turns"),
    ("coding.importing.analyse", "segment_sentences"),
    ("coding.importing.sentences", "count_words"),
    ("coding.importing.pipeline", "store_document"),
)


def _time_stages() -> dict[str, float]:
    """Wrap each import stage so its CPU seconds add up in the returned dict (cheap, unlike cProfile)."""
    import importlib
    import time

    totals: dict[str, float] = {}
    for module_name, function_name in STAGES:
        module = importlib.import_module(module_name)
        function = getattr(module, function_name, None)
        if function is None:
            continue

        def timed(*args: Any, _function: Any = function, _name: str = function_name, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return _function(*args, **kwargs)
            finally:
                totals[_name] = totals.get(_name, 0.0) + time.process_time() - started

        setattr(module, function_name, timed)
    return totals


def worker_pipeline(corpus: Path, workdir: Path, profile_to: Path | None, mode: str = "serial") -> dict[str, Any]:
    """import_paths into a fresh project: ``serial`` (pipelines loaded first, their load reported apart),
    ``pooled`` (the same, and worker processes started and warmed first) or ``pooled-cold`` (nothing first)."""
    with Stopwatch() as imports:
        from coding.importing import ImportOptions, import_paths
        from coding.importing.pool import import_pool, pool_size, usable_cpus
        from coding.project import Project, project_info
    load_seconds = _load_pipelines() if mode == "serial" else 0.0  # a pooled import's own process needs none
    pool, pool_start_seconds = None, 0.0
    if mode != "serial":
        with Stopwatch() as starting:
            # What import_paths starts for an import this size, whatever the threshold (POOL_MIN_BYTES) says.
            paths = sorted(corpus.glob("*.txt"))
            pool = import_pool(max(2, pool_size(paths, ImportOptions(workers=usable_cpus()))))
            if mode == "pooled":
                pool.warm()
        pool_start_seconds = starting.seconds
    stages = _time_stages() if profile_to is not None else {}
    project = Project.create(workdir / "import-bench.concord", with_codebook=False)
    options = ImportOptions(workers=1) if mode == "serial" else ImportOptions()
    before = _worker_usage(pool) if pool is not None else {}  # the warm-up's CPU is not the import's
    load_before = load_average()
    with Stopwatch() as watch:  # cold, this process's pipelines load on first use, inside the clock
        report = import_paths(project, [corpus], options=options, pool=pool)
    seconds = watch.seconds + (pool_start_seconds if mode == "pooled-cold" else 0.0)
    after = _worker_usage(pool) if pool is not None else {}
    workers = [{"peak_rss_mib": peak, "cpu_seconds": cpu - before.get(pid, (0.0, 0.0))[1]}
               for pid, (peak, cpu) in after.items()]
    if pool is not None:
        pool.close()
    stage_cpu_seconds = dict(stages)  # before the profiled run below adds to them
    if profile_to is not None:  # a second, cProfiled import of the same files into another project
        import cProfile

        profiled = Project.create(workdir / "import-profile.concord", with_codebook=False)
        profiler = cProfile.Profile()
        profiler.runcall(import_paths, profiled, [corpus], options=options)
        profiler.dump_stats(str(profile_to))
        profiled.close()
    with project.session() as session:
        info = project_info(session)
    project.close()
    not_imported = [task.message for task in report.items if task.status != "imported"]
    return {
        "kind": mode,
        "seconds": seconds,
        "cpu_seconds": watch.cpu_seconds,
        "worker_cpu_seconds": sum(worker["cpu_seconds"] for worker in workers),
        "busiest_worker_cpu_seconds": max((worker["cpu_seconds"] for worker in workers), default=0.0),
        "workers": len(workers),
        "module_import_seconds": imports.seconds,
        "pipeline_load_seconds": load_seconds,
        "pool_start_seconds": pool_start_seconds,
        "documents": info["documents"],
        "words": info["words"],
        "turns": info["turns"],
        "sentences": info["sentences"],
        "characters": info["characters"],
        "not_imported": not_imported[:5],
        "peak_rss_mib": peak_rss_mib(),
        "worker_peak_rss_mib": max((worker["peak_rss_mib"] for worker in workers), default=0.0),
        "stage_cpu_seconds": stage_cpu_seconds,
        "load_average": [load_before[0], load_average()[0]],
    }


def _worker_usage(pool: Any) -> dict[int, tuple[float, float]]:
    """Peak memory (MiB) and CPU seconds so far of each worker process, by pid, from /proc (the workers are the
    forkserver's children, not this process's, so ``RUSAGE_CHILDREN`` does not see them)."""
    import os

    usage = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in list(pool._executor._processes):  # the executor's own record of its processes
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        peak_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
        usage[pid] = (round(peak_kib / 1024, 1), (int(fields[11]) + int(fields[12])) / ticks)
    return usage


def _split_turns(text: str) -> list[tuple[int, str]]:
    """(content offset, content) of each "Label: …" paragraph — the generator's layout, split the cheap way."""
    turns = []
    offset = 0
    for paragraph in text.split("\n\n"):
        colon = min((i for i in (paragraph.find(": "), paragraph.find("：")) if i >= 0), default=-1)
        skip = colon + (2 if paragraph[colon] == ":" else 1) if colon >= 0 else 0
        turns.append((offset + skip, paragraph[skip:]))
        offset += len(paragraph) + 2
    return turns


def worker_floor(corpus: Path, workdir: Path) -> dict[str, Any]:
    """The least an importer must do: read, spaCy over the turn texts, one executemany of the sentences."""
    from coding.nlp import get_pipeline, segmenting_disable

    load_seconds = _load_pipelines()
    load_before = load_average()
    database = sqlite3.connect(workdir / "floor.sqlite")
    database.execute("CREATE TABLE sentences (document_id INTEGER, start INTEGER, end INTEGER)")
    with Stopwatch() as watch:
        rows: list[tuple[int, int, int]] = []
        for document_id, path in enumerate(sorted(corpus.glob("*.txt"))):
            text = path.read_text(encoding="utf-8").rstrip("\n")
            nlp = get_pipeline("zh" if "：" in text[:40] else "en")
            turns = _split_turns(text)
            docs = nlp.pipe((content for _, content in turns), disable=segmenting_disable(nlp))
            for (offset, _), doc in zip(turns, docs, strict=True):
                rows.extend((document_id, offset + sent.start_char, offset + sent.end_char) for sent in doc.sents)
        with database:
            database.executemany("INSERT INTO sentences VALUES (?, ?, ?)", rows)
    database.close()
    return {
        "kind": "floor",
        "seconds": watch.seconds,
        "cpu_seconds": watch.cpu_seconds,
        "pipeline_load_seconds": load_seconds,
        "sentences": len(rows),
        "peak_rss_mib": peak_rss_mib(),
        "load_average": [load_before[0], load_average()[0]],
    }


def worker_cli(corpus: Path, workdir: Path) -> dict[str, Any]:
    """``concord import`` end to end as a user runs it: interpreter start, imports, spaCy load, import."""
    import subprocess

    project = workdir / "cli-bench.concord"
    subprocess.run(concord_command("new", str(project), "--empty-codebook"), check=True, capture_output=True,
                   cwd=REPO_ROOT)
    with Stopwatch() as watch:
        completed = subprocess.run(concord_command("import", str(project), str(corpus), "--json"),
                                   capture_output=True, text=True, cwd=REPO_ROOT)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-2000:])
    return {"kind": "cli", "seconds": watch.seconds}


def run_worker_main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="concord-bench-") as tmp:
        workdir = Path(tmp)
        if args.worker in IMPORT_KINDS:
            result = worker_pipeline(args.corpus, workdir, args.profile_to, args.worker)
        elif args.worker == "floor":
            result = worker_floor(args.corpus, workdir)
        else:
            result = worker_cli(args.corpus, workdir)
    emit_result(result)
    return 0


# ------------------------------------------------------------------------------------------------
# The parent: repeat, compare, report
# ------------------------------------------------------------------------------------------------
def measure_scale(
    scale: int, seed: int, repeat: int, with_cli: bool, pooled: bool = True, cold: bool = True
) -> dict[str, Any]:
    corpus = corpus_dir(scale, seed)
    pooled_kinds = ("pooled", "pooled-cold") if cold else ("pooled",)
    kinds = ("serial", "floor") + (pooled_kinds if pooled else ()) + (("cli",) if with_cli else ())
    runs: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for round_number in range(repeat):
        # Interleaved, so a burst of load on the machine hits every side alike.
        for kind in kinds:
            result = run_worker([str(SCRIPT), "--worker", kind, "--corpus", str(corpus)])
            runs[kind].append(result)
            print(f"  scale {scale} round {round_number + 1}/{repeat} {kind}: {result['seconds']:.2f} s "
                  f"(load {load_average()[0]:.2f})", file=sys.stderr)
    pipeline, floor = runs["serial"], runs["floor"]
    words = pipeline[0]["words"]
    best = {kind: min(run["seconds"] for run in runs[kind]) for kind in kinds}
    best_cpu = {kind: min(run["cpu_seconds"] for run in runs[kind]) for kind in ("serial", "floor")}
    result = {
        "scale": scale,
        "documents": pipeline[0]["documents"],
        "words": words,
        "characters": pipeline[0]["characters"],
        "turns": pipeline[0]["turns"],
        "sentences": pipeline[0]["sentences"],
        "floor_sentences": floor[0]["sentences"],
        "pipeline_seconds": summary([run["seconds"] for run in pipeline]),
        "pipeline_cpu_seconds": summary([run["cpu_seconds"] for run in pipeline]),
        "floor_seconds": summary([run["seconds"] for run in floor]),
        "floor_cpu_seconds": summary([run["cpu_seconds"] for run in floor]),
        "cli_seconds": summary([run["seconds"] for run in runs["cli"]]) if with_cli else None,
        "pipeline_load_seconds": min(run["pipeline_load_seconds"] for run in pipeline),
        "module_import_seconds": min(run["module_import_seconds"] for run in pipeline),
        "pipeline_words_per_second": words / best["serial"],
        "floor_words_per_second": words / best["floor"],
        "throughput_ratio": best["floor"] / best["serial"],
        "cpu_throughput_ratio": best_cpu["floor"] / best_cpu["serial"],
        "pipeline_peak_rss_mib": max(run["peak_rss_mib"] for run in pipeline),
        "floor_peak_rss_mib": max(run["peak_rss_mib"] for run in floor),
        "not_imported": pipeline[0]["not_imported"],
        "load_average_after": load_average(),
    }
    for kind in pooled_kinds if pooled else ():
        key = kind.replace("-", "_")
        same = [(run["documents"], run["words"], run["sentences"]) for run in runs[kind]]
        if set(same) != {(result["documents"], words, result["sentences"])}:
            raise RuntimeError(f"the {kind} import stored other rows than the serial one: {same}")
        result.update({
            f"{key}_seconds": summary([run["seconds"] for run in runs[kind]]),
            f"{key}_cpu_seconds": summary([run["cpu_seconds"] + run["worker_cpu_seconds"] for run in runs[kind]]),
            # What the wall time would be on idle cores, whatever else loads the machine: the busiest process's
            # CPU seconds, or all the import's CPU seconds shared by the cores when that is more (the workers
            # and this process are one more process than there are cores).
            f"{key}_critical_cpu_seconds": summary([_idle_cores_seconds(run) for run in runs[kind]]),
            f"{key}_words_per_second": words / best[kind],
            f"{key}_floor_ratio": best["floor"] / best[kind],
            f"{key}_peak_rss_mib": max(run["peak_rss_mib"] for run in runs[kind]),
            f"{key}_worker_peak_rss_mib": max(run["worker_peak_rss_mib"] for run in runs[kind]),
            f"{key}_workers": runs[kind][0]["workers"],
            f"{key}_pool_start_seconds": min(run["pool_start_seconds"] for run in runs[kind]),
        })
    if pooled:
        result["pooled_cpu_floor_ratio"] = best_cpu["floor"] / result["pooled_critical_cpu_seconds"]["best"]
        result["pooled_floor_ratio_rounds"] = paired_ratios(floor, runs["pooled"])
        result["pooled_floor_ratio_paired"] = summary([ratio for ratio, _ in result["pooled_floor_ratio_rounds"]])
    # A cold serial import pays its pipelines' load too: the fair partner of the cold pooled one.
    result["serial_cold_seconds"] = best["serial"] + result["pipeline_load_seconds"]
    return result


def paired_ratios(floor: list[dict[str, Any]], other: list[dict[str, Any]]) -> list[tuple[float, float]]:
    """Each round's floor ÷ other by wall time (both run back to back), with the load average at that floor's
    start: pairs a burst of other work on the machine hits alike."""
    return [(first["seconds"] / second["seconds"], first["load_average"][0]) for first, second in zip(floor, other)]


def _idle_cores_seconds(run: dict[str, Any]) -> float:
    from coding.importing.pool import usable_cpus

    own, busiest, workers = (float(run[key]) for key in ("cpu_seconds", "busiest_worker_cpu_seconds",
                                                           "worker_cpu_seconds"))
    return max(own, busiest, (own + workers) / max(1, usable_cpus()))


def profile_import(seed: int, top: int = 30) -> tuple[Path, dict[str, float], dict[str, Any]]:
    """Where a scale-1 import spends its time: CPU seconds per stage, plus a cProfile top list in a text file.

    cProfile inflates per-call costs (spaCy token iteration most of all), so the stage CPU times of an
    un-profiled run are the figures to act on; the cProfile list says what happens inside a stage.
    """
    import io
    import pstats

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stats_path = OUT_DIR / "import_profile.pstats"
    corpus = corpus_dir(1, seed)
    result = run_worker([str(SCRIPT), "--worker", "serial", "--corpus", str(corpus), "--profile-to", str(stats_path)])
    floor = run_worker([str(SCRIPT), "--worker", "floor", "--corpus", str(corpus)])
    buffer = io.StringIO()
    stats = pstats.Stats(str(stats_path), stream=buffer)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    report = OUT_DIR / "import_profile.txt"
    stages = "\n".join(f"{name:>20}: {seconds:6.3f} s CPU" for name, seconds in result["stage_cpu_seconds"].items())
    report.write_text(
        f"Import of {corpus}: {result['seconds']:.2f} s wall, {result['cpu_seconds']:.2f} s CPU; "
        f"floor {floor['seconds']:.2f} s wall, {floor['cpu_seconds']:.2f} s CPU\n"
        f"CPU seconds per stage (nested stages are included in their parents):\n{stages}\n\n{buffer.getvalue()}",
        encoding="utf-8",
    )
    return report, result["stage_cpu_seconds"], {"pipeline": result, "floor": floor}


def _verdict(result: dict[str, Any]) -> str:
    """Seed-003 scale has a time target; every scale has the floor target."""
    ratio = (f"{'meets' if result['throughput_ratio'] >= TARGET_FLOOR_RATIO else 'MISSES'} the "
             f"≥ {TARGET_FLOOR_RATIO:.0%}-of-floor target ({result['throughput_ratio']:.0%} by wall time, "
             f"{result['cpu_throughput_ratio']:.0%} by CPU time)")
    if result["scale"] != 1:
        return ratio
    cold = result["pipeline_seconds"]["best"] + result["pipeline_load_seconds"]
    return (f"{'meets' if cold < TARGET_SECONDS else 'MISSES'} the < {TARGET_SECONDS:.0f} s target "
            f"({cold:.1f} s including the pipelines' load); {ratio}")


def pooled_lines(result: dict[str, Any]) -> list[str]:
    """Serial and pooled throughput and peak memory, each beside the floor (printed, and a docs table row)."""
    if "pooled_seconds" not in result:
        return []
    floor = result["floor_words_per_second"]
    serial_mib = result["pipeline_peak_rss_mib"]
    paired = result["pooled_floor_ratio_paired"]
    rounds = ", ".join(f"{ratio:.0%} (load {load:.2f})" for ratio, load in result["pooled_floor_ratio_rounds"])
    cold = (f"pooled {result['pooled_cold_seconds']['best']:.2f} s vs serial {result['serial_cold_seconds']:.2f} s"
            if "pooled_cold_seconds" in result else "not measured (--no-cold)")
    return [
        f"{result['scale']}× floor {floor:,.0f} words/s ({result['floor_peak_rss_mib']:.0f} MiB); "
        f"serial {result['pipeline_words_per_second']:,.0f} words/s = {result['throughput_ratio']:.0%} of floor "
        f"({serial_mib:.0f} MiB); pooled ({result['pooled_workers']} worker + this process) "
        f"{result['pooled_words_per_second']:,.0f} words/s = {result['pooled_floor_ratio']:.0%} of floor by wall "
        f"time, {result['pooled_cpu_floor_ratio']:.0%} by CPU time on idle cores "
        f"({'meets' if result['pooled_floor_ratio'] >= TARGET_POOLED_FLOOR_RATIO else 'MISSES'} ≥ "
        f"{TARGET_POOLED_FLOOR_RATIO:.0%} by wall time; {result['pooled_peak_rss_mib']:.0f} MiB + "
        f"{result['pooled_worker_peak_rss_mib']:.0f} MiB per worker, workers started in "
        f"{result['pooled_pool_start_seconds']:.1f} s before the clock); cold, everything loaded inside the clock: "
        f"{cold}",
        f"{result['scale']}× pooled, share of the floor's throughput per round (wall, back to back): median {paired['median']:.0%}, "
        f"range {paired['best']:.0%}–{paired['worst']:.0%}: {rounds}",
    ]


def pooled_table(results: list[dict[str, Any]]) -> list[str]:
    rows = [result for result in results if "pooled_seconds" in result]
    if not rows:
        return []
    lines = [
        "",
        "Serial vs pooled (issue 13: the analyse stage in worker processes, SQLite written by the importing process "
        "alone). Pooled: the workers started and their pipelines loaded before the clock, as the serial run's "
        "pipelines are; cold: nothing loaded before the clock (`concord import`'s case), beside the serial import "
        "plus its pipelines' load. Peak memory per process (`ru_maxrss`; workers `VmHWM`).",
        "",
        "| Scale | Floor words/s | Serial words/s (÷ floor) | Pooled words/s (÷ floor) | Pooled CPU: all processes / "
        "on idle cores (floor ÷ that) | Cold: pooled / serial + load | Peak RSS floor / serial / pooled (importer + "
        "each worker) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in rows:
        lines.append(
            f"| {result['scale']}× | {result['floor_words_per_second']:,.0f} | "
            f"{result['pipeline_words_per_second']:,.0f} ({result['throughput_ratio']:.0%}) | "
            f"{result['pooled_words_per_second']:,.0f} ({result['pooled_floor_ratio']:.0%}) | "
            f"{result['pooled_cpu_seconds']['best']:.2f} s / {result['pooled_critical_cpu_seconds']['best']:.2f} s "
            f"({result['pooled_cpu_floor_ratio']:.0%}) | "
            f"{_cold_cell(result)} | "
            f"{result['floor_peak_rss_mib']:.0f} / {result['pipeline_peak_rss_mib']:.0f} / "
            f"{result['pooled_peak_rss_mib']:.0f} + {result['pooled_workers']} × "
            f"{result['pooled_worker_peak_rss_mib']:.0f} MiB |"
        )
    return lines


def _cold_cell(result: dict[str, Any]) -> str:
    if "pooled_cold_seconds" not in result:
        return "—"
    return f"{result['pooled_cold_seconds']['best']:.2f} s / {result['serial_cold_seconds']:.2f} s"


def format_section(
    results: list[dict[str, Any]], machine: dict[str, Any], repeat: int, profile: dict[str, Any] | None = None
) -> str:
    lines = [
        machine_line(machine),
        "",
        "`python benchmarks/bench_import.py` — `import_paths` of a folder of generated .txt transcripts into a fresh "
        "project, each run in a fresh process, spaCy pipelines loaded before the clock starts (their load time is "
        "listed apart). FLOOR: the same spaCy pipelines over the same turn texts (`nlp.pipe`, same disabled "
        "components) plus one bare `sqlite3` `executemany` of the sentences into a plain table. "
        f"Best of {repeat} (scale 1) or of 1 (larger scales); wall time, with the process's CPU time beside it "
        "(steadier while other work shares the machine). Peak memory is `ru_maxrss` of the measuring process.",
        "",
        "| Scale | Documents | Words | Import wall (best / median) | Import CPU | Words/s | Floor wall | Floor CPU | "
        "Floor words/s | Pipeline ÷ floor (wall / CPU) | `concord import` end to end | spaCy load | "
        "Peak RSS import / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        pipeline, floor, cli = result["pipeline_seconds"], result["floor_seconds"], result["cli_seconds"]
        cli_text = f"{cli['best']:.2f} s" if cli else "—"
        lines.append(
            f"| {result['scale']}× | {result['documents']:,} | {result['words']:,} | "
            f"{pipeline['best']:.2f} s / {pipeline['median']:.2f} s | {result['pipeline_cpu_seconds']['best']:.2f} s | "
            f"{result['pipeline_words_per_second']:,.0f} | {floor['best']:.2f} s | "
            f"{result['floor_cpu_seconds']['best']:.2f} s | {result['floor_words_per_second']:,.0f} | "
            f"{result['throughput_ratio']:.0%} / {result['cpu_throughput_ratio']:.0%} | {cli_text} | "
            f"{result['pipeline_load_seconds']:.2f} s | "
            f"{result['pipeline_peak_rss_mib']:.0f} / {result['floor_peak_rss_mib']:.0f} MiB |"
        )
    lines += ["", *(f"- {result['scale']}×: {_verdict(result)}." for result in results)]
    lines += pooled_table(results)
    if profile:
        lines += [
            "",
            f"Where a scale-1 import spends its CPU (`--profile`, one run: {profile['pipeline_cpu']:.2f} s CPU "
            f"against the floor's {profile['floor_cpu']:.2f} s; nested stages are included in their parents; "
            "cProfile's list is in `benchmarks/out/import_profile.txt`):",
            "",
            "| Stage | CPU seconds |",
            "| --- | ---: |",
            *(f"| `{name}` | {seconds:.3f} |" for name, seconds in
              sorted(profile["stages"].items(), key=lambda item: -item[1])),
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", choices=(*IMPORT_KINDS, "floor", "cli"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--profile-to", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each measurement (best of N is reported).")
    parser.add_argument("--also-scale", type=int, choices=(10, 100), help="Also import this scale (once).")
    parser.add_argument("--no-cli", action="store_true", help="Skip the end-to-end `concord import` runs.")
    parser.add_argument("--no-pooled", action="store_true", help="Skip the pooled imports (serial and floor only).")
    parser.add_argument("--no-cold", action="store_true",
                        help="Skip the cold pooled import (workers started inside the clock).")
    parser.add_argument("--profile", action="store_true", help="cProfile one scale-1 import into benchmarks/out/.")
    parser.add_argument("--write-docs", action="store_true", help="Write the 'Import' section of docs/benchmarks.md.")
    args = parser.parse_args(argv)
    if args.worker:
        return run_worker_main(args)
    machine = machine_description()
    results = [measure_scale(1, args.seed, args.repeat, not args.no_cli, not args.no_pooled, not args.no_cold)]
    if args.also_scale:
        results.append(measure_scale(args.also_scale, args.seed, 1, False, not args.no_pooled, not args.no_cold))
    print(json.dumps({"machine": machine, "results": results}, indent=2))
    for result in results:
        print(f"{result['scale']}×: {_verdict(result)}", file=sys.stderr)
        for line in pooled_lines(result):
            print(line, file=sys.stderr)
    profile = None
    if args.profile:
        report, stages, runs = profile_import(args.seed)
        profile = {"stages": stages, "pipeline_cpu": runs["pipeline"]["cpu_seconds"],
                   "floor_cpu": runs["floor"]["cpu_seconds"]}
        print(f"profile: {report}\n{json.dumps(profile, indent=2)}", file=sys.stderr)
    if args.write_docs:
        update_docs_section("Machine", machine_markdown(machine))
        update_docs_section("Import", format_section(results, machine, args.repeat, profile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
