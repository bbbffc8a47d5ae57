"""Analysis benchmark at 100× seed 003 (5,500 transcripts, 1,000,000 codings): retrieval, matrix,
co-occurrence, frequencies, crosstab, and a 10,000-quote Word summary.

Targets: one code's segments (a page of 100 with context, plus the total count) < 50 ms; the framework
matrix (level-3 codes × alliance mode) < 1 s; code co-occurrence < 2 s; a 10,000-quote summary DOCX
< 10 s. Everything else is reported without a target.

    python benchmarks/bench_analysis.py [--project PATH] [--scale 100] [--repeat 5] [--write-docs]

Without ``--project`` the cached synthetic project of ``bench_info`` is used (built on first use with
``build_synthetic_project``). Measurements run in a fresh worker process; each is repeated and the
best run reported (after one warm-up run, as a user's second click would be).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import emit_result as emit
from benchmarks.common import (
    machine_description,
    machine_line,
    peak_rss_mib,
    run_worker,
    summary,
    update_docs_section,
)

SCRIPT = Path(__file__).resolve()
SUMMARY_QUOTES = 10_000
TARGETS = {  # measurement -> seconds
    "segments_page_frequent": 0.050,
    "segments_page_typical": 0.050,
    "matrix_level3_by_mode": 1.0,
    "cooccurrence_overlap_all": 2.0,
    "cooccurrence_overlap_level3": 2.0,
    "summary_docx_10000": 10.0,
}
LABELS = {
    "segments_page_frequent": "Segments of the most frequent code: count + first 100 with context",
    "segments_page_typical": "Segments of the least frequent level-3 code: count + first 100",
    "segments_page_coder": "Segments of one code by one coder, page 11 (offset 1,000)",
    "segments_all_typical": "All segments of the least frequent level-3 code, with context",
    "matrix_level3_by_mode": "Framework matrix, level-3 codes × alliance_mode (roll-up)",
    "matrix_level2_by_case": "Framework matrix, level-2 codes × 5,500 cases",
    "cooccurrence_overlap_all": "Co-occurrence, overlap, all 14 codes rolled up",
    "cooccurrence_overlap_level3": "Co-occurrence, overlap, 8 level-3 codes",
    "cooccurrence_sentence_level3": "Co-occurrence, same sentence, 8 level-3 codes",
    "frequencies_by_mode": "Code frequencies × alliance_mode (counts, no word shares)",
    "crosstab_role": "Crosstab code × role with χ² / Fisher",
    "summary_docx_10000": "Coded summary DOCX (≈10,000 quotes)",
}


def _best(function: Callable[[], Any], repeat: int) -> tuple[dict[str, float], Any]:
    value = function()  # warm-up: page cache and lazily built things, as after a first use
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return summary(times), value


def worker(project_path: Path, repeat: int) -> dict[str, Any]:
    from sqlalchemy import text

    from coding.codebook import CodeTree
    from coding.analysis.cooccurrence import cooccurrence
    from coding.analysis.crosstab import crosstab
    from coding.analysis.filters import SegmentFilter
    from coding.analysis.frequencies import code_frequencies
    from coding.analysis.matrix import framework_matrix
    from coding.analysis.retrieval import count_segments, retrieve_segments
    from coding.export.summary import export_summary_docx
    from coding.project import Project

    results: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    with Project.open(project_path) as project, project.session() as session:
        tree = CodeTree.load(session)
        level3 = tree.at_level(3)
        per_code = dict(session.execute(text("SELECT code_id, count(*) FROM codings GROUP BY code_id")).all())
        frequent = max(level3, key=lambda c: per_code.get(c, 0))
        typical = min((c for c in level3 if per_code.get(c)), key=lambda c: per_code[c])
        coder = session.execute(text("SELECT coder_id FROM codings LIMIT 1")).scalar_one()
        facts.update(codings=sum(per_code.values()), frequent=(tree.path(frequent), per_code.get(frequent, 0)),
                     typical=(tree.path(typical), per_code.get(typical, 0)))

        def page(flt: SegmentFilter, offset: int = 0) -> Callable[[], Any]:
            return lambda: (count_segments(session, flt), retrieve_segments(session, flt, limit=100, offset=offset,
                                                                            tree=tree))

        measurements: dict[str, Callable[[], Any]] = {
            "segments_page_frequent": page(SegmentFilter(code_ids=(frequent,))),
            "segments_page_typical": page(SegmentFilter(code_ids=(typical,))),
            "segments_page_coder": page(SegmentFilter(code_ids=(typical,), coder_ids=(coder,)), offset=1000),
            "segments_all_typical": lambda: retrieve_segments(session, SegmentFilter(code_ids=(typical,)), tree=tree),
            "matrix_level3_by_mode": lambda: framework_matrix(session, rows="level3",
                                                              columns="attribute:alliance_mode", tree=tree),
            "matrix_level2_by_case": lambda: framework_matrix(session, rows="level2", columns="cases", tree=tree),
            "cooccurrence_overlap_all": lambda: cooccurrence(session, tree=tree),
            "cooccurrence_overlap_level3": lambda: cooccurrence(session, codes=level3, tree=tree),
            "cooccurrence_sentence_level3": lambda: cooccurrence(session, unit="sentence", codes=level3, tree=tree),
            "frequencies_by_mode": lambda: code_frequencies(session, by="attribute:alliance_mode", words=False,
                                                            tree=tree),
            "crosstab_role": lambda: crosstab(session, code_id=frequent, attribute="role", tree=tree),
        }
        for name, function in measurements.items():
            results[name], _ = _best(function, repeat)
        documents = _documents_for_quotes(session, SUMMARY_QUOTES)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "summary.docx"
            flt = SegmentFilter(document_ids=tuple(documents))
            timing, written = _best(lambda: export_summary_docx(session, target, flt=flt), max(1, repeat // 2))
            results["summary_docx_10000"] = timing
            facts.update(summary_quotes=written.items, summary_documents=len(documents),
                         summary_mib=round(target.stat().st_size / 1024 / 1024, 1))
    return {"timings": results, "facts": facts, "peak_rss_mib": peak_rss_mib()}


def _documents_for_quotes(session: Any, wanted: int) -> list[int]:
    """The first documents (by id) that together hold at least ``wanted`` codings."""
    from sqlalchemy import text

    chosen, total = [], 0
    for document_id, count in session.execute(
        text("SELECT document_id, count(*) FROM codings GROUP BY document_id ORDER BY document_id")
    ):
        chosen.append(document_id)
        total += count
        if total >= wanted:
            break
    return chosen


def format_section(result: dict[str, Any], machine: dict[str, Any], repeat: int, project: Path) -> str:
    facts, timings = result["facts"], result["timings"]
    lines = [
        machine_line(machine),
        "",
        (
            f"`python benchmarks/bench_analysis.py` on `{project.name}` ({facts['codings']:,} codings). Best of "
            f"{repeat} runs after one warm-up, in one worker process (peak {result['peak_rss_mib']:,} MiB). "
            f"Most frequent level-3 code: {facts['frequent'][0].split('/')[-1]} ({facts['frequent'][1]:,} "
            f"codings); least frequent: {facts['typical'][0].split('/')[-1]} ({facts['typical'][1]:,}). The "
            f"summary holds {facts['summary_quotes']:,} quotes from {facts['summary_documents']} documents "
            f"({facts['summary_mib']} MiB)."
        ),
        "",
        "| Measurement | Best | Median | Target | |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, label in LABELS.items():
        timing = timings[name]
        target = TARGETS.get(name)
        verdict = "" if target is None else ("meets" if timing["best"] < target else "MISSES")
        target_text = "" if target is None else f"< {target * 1000:.0f} ms" if target < 1 else f"< {target:.0f} s"
        lines.append(f"| {label} | {_seconds(timing['best'])} | {_seconds(timing['median'])} | {target_text} | "
                     f"{verdict} |")
    return "\n".join(lines)


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--project", type=Path, help="Measure this project instead of the cached synthetic one.")
    parser.add_argument("--scale", type=int, choices=(1, 10, 100), default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write-docs", action="store_true", help="Write the 'Analysis' section of docs/benchmarks.md.")
    args = parser.parse_args(argv)
    if args.worker:
        emit(worker(args.project, args.repeat))
        return 0
    project = args.project
    if project is None:
        from benchmarks.bench_info import cached_project

        project, _ = cached_project(args.scale, args.seed)
    machine = machine_description()
    result = run_worker([str(SCRIPT), "--worker", "--project", str(project), "--repeat", str(args.repeat)])
    section = format_section(result, machine, args.repeat, project)
    print(section)
    print(json.dumps(result, indent=2), file=sys.stderr)
    if args.write_docs:
        update_docs_section("Analysis", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
