"""Autocode by structure (issue 15 item 1) at seed scale: the synthetic corpus (55 transcripts × 12,000 words, one
in ten Chinese; benchmarks/generate_corpus.py) with one case per transcript.

Measured, each the median of ``--repeat`` runs on a fresh copy of the project: proposing and previewing every
interviewer question, every answer, and the whole documents of one alliance mode (``propose`` + ``preview``:
what the dialog does on every change of a choice), then applying every interviewer question as one coder
(``AutocodeEdit.do``, one transaction) and undoing it.

    python benchmarks/bench_autocode_structure.py [--documents 55] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import OUT_DIR, load_average  # noqa: E402
from benchmarks.generate_corpus import build_synthetic_project  # noqa: E402
from models import Attribute, AttributeValue  # noqa: E402

T = TypeVar("T")


def timed(work: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The median time of ``repeat`` runs, and the last run's result."""
    times = []
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=55)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from sqlalchemy import select

    from coding.autocode.apply import AutocodeEdit
    from coding.autocode.structure import AutocodePreview, StructureRule, preview, propose
    from coding.codebook import find_code
    from coding.coders import find_coder
    from coding.project import Project

    source = OUT_DIR / f"autocode-structure-{args.documents}.concord"
    if not source.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        build_synthetic_project(source, scale=1, documents=args.documents)
    work = OUT_DIR / "autocode-structure-run.concord"
    shutil.copy(source, work)
    project = Project.open(work)
    results: dict[str, object] = {"documents": args.documents, "load_before": load_average()}
    try:
        with project.session() as session:
            code_id = find_code(session, "Owner functions").id
            coder = find_coder(session, "B")
            mode = session.scalars(select(AttributeValue.value).join(Attribute)
                                   .where(Attribute.name == "alliance_mode").limit(1)).one()
            for name, rule in (("questions", StructureRule(role="questions")),
                               ("answers", StructureRule(role="answers")),
                               ("documents of one mode", StructureRule(where=(f"alliance_mode={mode}",)))):
                def previewed(rule: StructureRule = rule) -> AutocodePreview:
                    return preview(session, propose(session, rule, code_id), coder)

                seconds, shown = timed(previewed, args.repeat)
                results[f"preview {name}"] = {"seconds": round(seconds, 3), "passages": shown.total}
        with project.session() as session:
            passages = propose(session, StructureRule(role="questions"), code_id)
        edit = AutocodeEdit(passages, coder.id)
        started = time.perf_counter()
        with project.session() as session:
            edit.do(session, "bench")
        results["apply questions"] = {"seconds": round(time.perf_counter() - started, 3), "codings": len(edit.created)}
        started = time.perf_counter()
        with project.session() as session:
            edit.undo(session, "bench")
        results["undo"] = {"seconds": round(time.perf_counter() - started, 3)}
    finally:
        project.close()
    results["load_after"] = load_average()
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
