"""Agreement benchmark: a full comparison of 5 coders × 55 transcripts × 14 codes (all three levels).

Target: `run_comparison` + `store_run` — every code, every level pool, every document, every coder pair, the
default measures (percent, alpha, kappa, AC1) over all units and coded units — in under 3 s at sentence and at
character units, on 2 cores. Also measured: with 1,000 bootstrap resamples, segment units, and all six measures
plus unitizing alpha. Each measurement runs in a fresh process (best of --repeat).

The project is seed 003's scale (55 transcripts of ≈12,000 words, 10,000 codings on level-3 codes by five
coders who mostly agree) built by ``build_synthetic_project`` and cached in benchmarks/out/. The section also
carries the figures of benchmarks/bench_alpha.py (Concord's alpha against the `krippendorff` package).

    python benchmarks/bench_agreement.py [--repeat 3] [--rebuild] [--write-docs] [--skip-alpha]
    python benchmarks/bench_agreement.py --s100 COPY.concord [--repeat 1]

``--s100`` measures the 100× synthetic project instead (5,500 documents, 4.1 M sentences, 1 M codings; pass a
*copy*: opening upgrades the file): the CLI's work for "agreement, all documents, sentence units, all levels"
(`run_comparison` + `store_run` + commit; then the same with the JSON written to /dev/null; then reopening the
stored run), each in a fresh process with its peak RSS, beside the floor measured in the same run — the
`krippendorff` package computing the same alphas (over all documents and all units, one per code and pool) from
the same units in its own process. The values are checked to agree.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (  # noqa: E402
    OUT_DIR,
    REPO_ROOT,
    Stopwatch,
    emit_result,
    machine_description,
    machine_line,
    peak_rss_mib,
    run_worker,
    summary,
    update_docs_section,
)
from benchmarks.generate_corpus import build_synthetic_project  # noqa: E402

TARGET_SECONDS = 3.0
CODERS = ("A", "B", "C", "D", "E")
SEED = 7
SCRIPT = Path(__file__).resolve()
SECTION = "Agreement"
ALL_MEASURES = "percent,alpha,kappa,fleiss,bp,ac1,ualpha"
# (label, unit, bootstrap resamples, measures or None for the defaults, counts against the target)
SCENARIOS: tuple[tuple[str, str, int, str | None, bool], ...] = (
    ("sentence units", "sentence", 0, None, True),
    ("character units", "character", 0, None, True),
    ("sentence units, 1,000 bootstrap resamples", "sentence", 1000, None, True),
    ("character units, 1,000 bootstrap resamples", "character", 1000, None, True),
    ("segment units (tolerance 90%)", "segment", 0, None, False),
    ("sentence units, all six measures + u-alpha", "sentence", 0, ALL_MEASURES, False),
)


def cached_project(rebuild: bool = False) -> tuple[Path, float | None]:
    path = OUT_DIR / f"agreement-s1-{len(CODERS)}coders-seed{SEED}.concord"
    if path.exists() and not rebuild and _is_complete(path):
        return path, None
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.stem + ".building.concord")
    for stale in (path, building):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
    with Stopwatch() as watch:
        build_synthetic_project(building, 1, SEED, coders=CODERS)
    shutil.move(building, path)
    return path, watch.seconds


def _is_complete(path: Path) -> bool:
    from coding.errors import ConcordError
    from coding.project import Project, project_info

    try:
        with Project.open(path) as project, project.session() as session:
            info = project_info(session)
    except ConcordError:
        return False
    return info["documents"] == 55 and info["coders"] == len(CODERS) and info["codings"] > 0


# ------------------------------------------------------------------------------------------------
# Worker: one scenario in a fresh process
# ------------------------------------------------------------------------------------------------
def worker(project_path: Path, unit: str, resamples: int, measures: str | None, repeat: int) -> dict[str, Any]:
    with Stopwatch() as imports:
        from coding.agreement.compare import DEFAULT_MEASURES, ComparisonParams, run_comparison
        from coding.agreement.runs import delete_run, store_run
        from coding.project import Project
    params = ComparisonParams(coders=CODERS, unit=unit, n_resamples=resamples, seed=1,
                              measures=tuple(measures.split(",")) if measures else DEFAULT_MEASURES)
    compute, store, cpu, totals = [], [], [], []
    figures = 0
    with Project.open(project_path) as project:
        for _ in range(repeat):
            with Stopwatch() as whole, project.session() as session:
                started = time.perf_counter()
                result = run_comparison(session, params)
                computed = time.perf_counter()
                run_id = store_run(session, result, label="benchmark")
                stored = time.perf_counter()
            compute.append(computed - started)
            store.append(stored - computed)
            totals.append(whole.seconds)  # includes the commit
            cpu.append(whole.cpu_seconds)
            figures = len(result.figures)
            with project.session() as session:  # keep the cached project clean
                delete_run(session, run_id)
    return {
        "import_seconds": imports.seconds,
        "compute_seconds": summary(compute),
        "store_seconds": summary(store),
        "total_seconds": summary(totals),
        "cpu_seconds": summary(cpu),
        "figures": figures,
        "documents": len(result.documents),
        "codes": len(result.codes),
        "peak_rss_mib": peak_rss_mib(),
    }


# ------------------------------------------------------------------------------------------------
# 100× project: the CLI's work, reopening, and the krippendorff floor (each in a fresh process)
# ------------------------------------------------------------------------------------------------
S100_CODERS = ("A", "B")
S100_TARGET_SECONDS, S100_TARGET_MIB = 10.0, 500.0


def worker_s100(project_path: Path, what: str) -> dict[str, Any]:
    """One 100× measurement: "cli" (compare + store + commit), "json" (the same, JSON to /dev/null instead of the
    text table), "reopen" (load the run stored by "cli", then delete it) or "floor" (the krippendorff package)."""
    import os

    from coding.agreement.compare import ComparisonParams, run_comparison
    from coding.agreement.figure_table import write_json
    from coding.agreement.runs import delete_run, list_runs, load_run, store_run
    from coding.project import Project

    params = ComparisonParams(coders=S100_CODERS, unit="sentence")
    out: dict[str, Any] = {"what": what}
    with Project.open(project_path) as project:
        if what == "floor":
            return {**out, **_krippendorff_floor(project, params)}
        with Stopwatch() as whole:
            if what == "reopen":
                with project.session() as session:
                    run = next(r for r in reversed(list_runs(session)) if r.label == "benchmark s100")
                    stored = load_run(session, run.id)
                out["figures"] = len(stored.figures)
            else:
                with project.session() as session:
                    result = run_comparison(session, params)
                    run_id = store_run(session, result, label="benchmark s100")
                    if what == "json":
                        with open(os.devnull, "w", encoding="utf-8") as sink:
                            write_json(sink, {"run_id": run_id, "parameters": result.parameters_json()},
                                       result.figures)
                out["figures"] = len(result.figures)
                out["alphas"] = [f.value for f in result.select(measure="alpha", document_uuid=None, units="all")]
        if what == "json":  # "cli" left runs for "reopen"; the last step leaves the project as it was
            with project.session() as session:
                for run in list_runs(session):
                    if run.label == "benchmark s100":
                        delete_run(session, run.id)
    return {**out, "seconds": whole.seconds, "cpu_seconds": whole.cpu_seconds, "peak_rss_mib": peak_rss_mib()}


def _krippendorff_floor(project: Any, params: Any) -> dict[str, Any]:
    """The same alphas from the `krippendorff` package: each code and pool's units expanded into the coders ×
    units reliability matrix the package takes (timed: the expansion and the package; not timed: reading the
    units, which Concord's figure includes)."""
    import krippendorff
    import numpy as np

    from coding.agreement.compare import _code_scopes, own_coding_variables
    from coding.agreement.columns import frame_weights, load_span_columns, load_unit_columns
    from coding.agreement.sources import (
        RaterSpans,
        coded_document_sets,
        resolve_codes,
        resolve_documents,
        resolve_raters,
    )
    from coding.agreement.units import PresenceRule, pattern_matrix

    with project.session() as session:
        raters = resolve_raters(session, params.coders)
        codes = resolve_codes(session, None, None)
        coded = coded_document_sets(session, raters, [RaterSpans() for _ in raters], done_only=False)
        documents = resolve_documents(session, None, [], [r.name for r in raters], coded=coded)
        present = np.array([[d.id in c for d in documents] for c in coded], dtype=bool)
        variables = [*codes, *own_coding_variables(codes)]
        weights = frame_weights(load_span_columns(session, raters, documents, None), variables, documents,
                                load_unit_columns(session, "sentence", documents), PresenceRule(), present)
    used = frozenset(int(i) for i in np.flatnonzero(weights[..., 1:].sum(axis=(1, 2, 3)) > 0))
    scopes = _code_scopes(codes, range(len(codes), len(variables)), used)
    patterns = pattern_matrix(len(raters)).astype(np.float64)
    alphas = []
    with Stopwatch() as watch:
        for scope in scopes:
            counts = weights[list(scope.rows)].sum(axis=(0, 1, 2)).astype(np.int64)
            matrix = np.repeat(patterns, counts, axis=1)  # coders × units, as the package wants it
            alphas.append(float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")))
            del matrix
    return {"seconds": watch.seconds, "cpu_seconds": watch.cpu_seconds, "peak_rss_mib": peak_rss_mib(),
            "alphas": alphas, "units": int(weights[0, :, 0].sum())}


def measure_s100(project: Path, repeat: int) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for what in ("cli", "reopen", "json", "floor"):
        runs = [run_worker([str(SCRIPT), "--worker-s100", what, "--s100", str(project)]) for _ in range(repeat)]
        results[what] = min(runs, key=lambda r: r["seconds"])
        print(f"100×, {what}: {results[what]['seconds']:.2f} s, {results[what]['peak_rss_mib']:.0f} MiB",
              file=sys.stderr)
    ours, floor = results["cli"]["alphas"], results["floor"]["alphas"]
    if len(ours) != len(floor) or any(abs((a or 0) - b) > 1e-9 for a, b in zip(ours, floor, strict=True)):
        raise SystemExit(f"alphas differ: Concord {ours}, krippendorff {floor}")
    return results


def format_s100(results: dict[str, dict[str, Any]], machine: dict[str, Any], repeat: int) -> str:
    cli, floor = results["cli"], results["floor"]
    rows = [("agreement, all documents, sentence units, all levels (compare + store + commit)", cli),
            ("the same, JSON streamed to /dev/null (`write_json`)", results["json"]),
            ("reopen the stored run (`load_run`)", results["reopen"]),
            (f"floor: `krippendorff` package, the same {len(floor['alphas'])} alphas", floor)]
    lines = [machine_line(machine), "",
             f"`python benchmarks/bench_agreement.py --s100 COPY` — the 100× synthetic project, coders "
             f"{' and '.join(S100_CODERS)}, {cli['figures']:,} figures; best of {repeat}, each in a fresh process.",
             "", "| At 100× | Wall | CPU | Peak RSS |", "| --- | ---: | ---: | ---: |"]
    for label, r in rows:
        lines.append(f"| {label} | {r['seconds']:.2f} s | {r['cpu_seconds']:.2f} s | {r['peak_rss_mib']:.0f} MiB |")
    verdict = "meets" if cli["seconds"] < S100_TARGET_SECONDS and cli["peak_rss_mib"] < S100_TARGET_MIB else "MISSES"
    lines += ["", f"- The run {verdict} the < {S100_TARGET_SECONDS:.0f} s, < {S100_TARGET_MIB:.0f} MB target; the "
                  f"alphas equal the package's to 1e-9 ({len(floor['alphas'])} values; "
                  f"{floor['units']:,} sentences per code)."]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# The parent
# ------------------------------------------------------------------------------------------------
def measure(project: Path, repeat: int) -> list[dict[str, Any]]:
    results = []
    for label, unit, resamples, measures, targeted in SCENARIOS:
        args = [str(SCRIPT), "--worker", "--project", str(project), "--unit", unit, "--bootstrap", str(resamples),
                "--repeat", str(repeat)]
        if measures:
            args += ["--measures", measures]
        result = run_worker(args)
        results.append({"label": label, "targeted": targeted, **result})
        print(f"{label}: {result['total_seconds']['best']:.2f} s", file=sys.stderr)
    return results


def alpha_table(repeat: int) -> str:
    """Run benchmarks/bench_alpha.py and return its markdown table."""
    completed = subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "bench_alpha.py"), "--repeat",
                                str(repeat)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=3600)
    if completed.returncode != 0:
        raise RuntimeError(f"bench_alpha.py failed:\n{completed.stderr[-2000:]}")
    return "\n".join(line for line in completed.stdout.splitlines() if line.startswith("|"))


def format_section(results: list[dict[str, Any]], machine: dict[str, Any], repeat: int, build_seconds: float | None,
                   alpha: str | None) -> str:
    first = results[0]
    targeted = [r for r in results if r["targeted"]]
    worst = max(r["total_seconds"]["best"] for r in targeted)
    verdict = "meets" if worst < TARGET_SECONDS else "MISSES"
    build = f" (built in {build_seconds:.1f} s)" if build_seconds else ""
    lines = [
        machine_line(machine),
        "",
        f"`python benchmarks/bench_agreement.py` — the 1× synthetic project{build}: {first['documents']} "
        f"transcripts, {len(CODERS)} coders, {first['codes']} codes (8 at level 3, rolled up to 5 at level 2 and 1 "
        "at level 1). One run = `run_comparison` for every code and level pool × every document and all documents × "
        "all coders and the 10 coder pairs × all units and coded units, then `store_run` (the figures into SQLite) "
        f"and the commit. Best of {repeat}, each scenario in a fresh process; CPU is that process's time.",
        "",
        "| Scenario | Figures | Compute | Store | Total (wall) | Total (CPU) | Peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['label']}{' (target)' if r['targeted'] else ''} | {r['figures']:,} | "
            f"{r['compute_seconds']['best']:.2f} s | {r['store_seconds']['best']:.2f} s | "
            f"{r['total_seconds']['best']:.2f} s | {r['cpu_seconds']['best']:.2f} s | {r['peak_rss_mib']:.0f} MiB |"
        )
    lines += [
        "",
        f"- The full run {verdict} the < {TARGET_SECONDS:.0f} s target at sentence and character units "
        f"(slowest targeted scenario {worst:.2f} s). Character units cost no more than sentences: the 2×2 tables "
        "come from interval lengths (no per-character arrays), and every measure is evaluated on at most 2⁵ = 32 "
        "weighted patterns per code and document.",
        "- Wall time includes waiting for a CPU when the machine is shared (see the load average above); the CPU "
        "column is the steadier figure, and on an idle machine the wall time comes close to it.",
        "- Bootstrap intervals are drawn for the figures over all documents only (one multinomial draw of the "
        "pattern counts per scope, shared by the measures).",
        "- u-alpha (Krippendorff's unitizing alpha) is optional and the costliest measure: it compares spans "
        "pairwise for every code, document and coder pair.",
    ]
    if alpha:
        lines += ["", "`python benchmarks/bench_alpha.py` — Krippendorff's alpha on a plain reliability matrix, "
                      "Concord against the `krippendorff` package:", "", alpha]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--unit", default="sentence", help=argparse.SUPPRESS)
    parser.add_argument("--bootstrap", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--measures", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="Runs per scenario (best is reported).")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the cached synthetic project.")
    parser.add_argument("--write-docs", action="store_true",
                        help=f"Write the '{SECTION}' section of docs/benchmarks.md.")
    parser.add_argument("--skip-alpha", action="store_true", help="Do not run benchmarks/bench_alpha.py.")
    parser.add_argument("--s100", type=Path, help="A copy of the 100× project: measure it beside the floor.")
    parser.add_argument("--worker-s100", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker_s100:
        emit_result(worker_s100(args.s100, args.worker_s100))
        return 0
    if args.s100:
        machine = machine_description()
        print(format_s100(measure_s100(args.s100, args.repeat), machine, args.repeat))
        return 0
    if args.worker:
        emit_result(worker(args.project, args.unit, args.bootstrap, args.measures, args.repeat))
        return 0
    machine = machine_description()
    project, build_seconds = cached_project(args.rebuild)
    results = measure(project, args.repeat)
    alpha = None if args.skip_alpha else alpha_table(args.repeat)
    section = format_section(results, machine, args.repeat, build_seconds, alpha)
    print(section)
    if args.write_docs:
        update_docs_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
