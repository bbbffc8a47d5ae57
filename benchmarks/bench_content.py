"""Content analysis benchmark (issue 15 item 3) on a seed-scale project: the category table by alliance mode, its
correspondence analysis and biplot, the phrase finder, and word and category co-occurrence.

    python benchmarks/bench_content.py [--project PATH] [--repeat 3]

Without ``--project`` the cached synthetic seed-scale project of ``bench_info`` (55 transcripts) is copied and used.
Each measurement is repeated and the best run reported, after one warm-up run (spaCy loaded, as in a session
where the analysis window is already open). No targets: the figures are reported as measured.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, Any]:
    work()  # warm-up
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(path: Path, repeat: int) -> dict[str, Any]:
    from coding.analysis.content import code_occurrences, code_table
    from coding.analysis.correspondence import biplot, table_correspondence
    from coding.analysis.keywords import category_cooccurrence, word_cooccurrence
    from coding.analysis.phrases import find_phrases
    from coding.project import Project

    project = Project.open_for_reading(path)
    out: dict[str, Any] = {}
    try:
        with project.session() as session:
            from sqlalchemy import func, select

            from models import Coding, Document

            out["documents"] = session.scalar(select(func.count(Document.id)))
            out["words"] = session.scalar(select(func.sum(Document.word_count)))
            out["codings"] = session.scalar(select(func.count(Coding.id)))
            seconds, table = best_of(repeat, lambda: code_table(session, by="attribute:alliance_mode"))
            out["table_leaves_by_mode_s"] = round(seconds, 4)
            out["table_shape"] = list(table.counts.shape)

            def draw() -> object:
                from matplotlib.backends.backend_agg import FigureCanvasAgg

                figure = biplot(table_correspondence(table))
                FigureCanvasAgg(figure).draw()
                return figure

            out["ca_and_biplot_drawn_s"] = round(best_of(repeat, draw)[0], 4)
            seconds, found = best_of(repeat, lambda: find_phrases(session, lengths=(2, 4), min_count=3))
            out["phrases_2_4_min3_s"] = round(seconds, 3)
            out["phrases_found"] = len(found.phrases)
            out["word_cooccurrence_sentence_top20_s"] = round(
                best_of(repeat, lambda: word_cooccurrence(session, top=20, unit="sentence"))[0], 3)
            occurrences = code_occurrences(session)
            out["category_cooccurrence_window10_s"] = round(
                best_of(repeat, lambda: category_cooccurrence(session, occurrences, unit="window", window=10))[0], 3)
    finally:
        project.close()
    out["load"] = os.getloadavg()[0]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, help="Measure this project (a copy is used).")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = args.project
    if source is None:
        from benchmarks.bench_info import cached_project

        source, _ = cached_project(1, 7)
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "content.concord"
        shutil.copyfile(source, copy)
        print(json.dumps(measure(copy, args.repeat), indent=2))


if __name__ == "__main__":
    main()
