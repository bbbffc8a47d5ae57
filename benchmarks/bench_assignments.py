"""Assignments benchmark: a 5,500-document project (55 interviews × 100), two coders with codings in most documents.

Measures what a user waits for:
1. ``concord assign`` of every document to one coder, and marking 2,000 of them done (one transaction each,
   with the audit event);
2. the reads behind the Documents panel — the current coder's status per document and everyone's progress
   (one grouped query each) — and ``assign --list``'s full listing;
3. in the real window (offscreen): refreshing the Status column and progress line, marking one document done
   through its undo command (write + every view's refresh), and the check a plain coding edit costs.

    python benchmarks/bench_assignments.py [--documents 5500] [--repeat 7]

Prints the figures; nothing is written to docs (the lead copies them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import machine_description, machine_line

TEXT = "Interviewer: Who decides?\n\nR: The alliance board decides, and we report to the bureau every quarter."
CODINGS_PER_DOCUMENT = 3


def build(path: Path, documents: int) -> list[str]:
    """Documents written directly (no spaCy: only rows matter here); Lin codes 60 %, Morgan 40 % of them."""
    import hashlib

    from sqlalchemy import insert

    from coding.codebook import add_code
    from coding.coders import get_or_create_coder
    from coding.project import Project
    from models import Coding, Document, new_uuid

    names = [f"I{number:05}_interview" for number in range(documents)]
    with Project.create(path, with_codebook=False) as project, project.session() as session:
        code = add_code(session, "Governance", actor="bench").id
        lin = get_or_create_coder(session, "Lin", actor="bench").id
        morgan = get_or_create_coder(session, "Morgan", actor="bench").id
        session.execute(insert(Document), [
            {"uuid": new_uuid(), "name": name, "source_name": f"{name}.txt", "format": "txt", "language": "en",
             "text": TEXT, "char_count": len(TEXT), "sha256": hashlib.sha256(name.encode()).hexdigest()}
            for name in names
        ])
        ids = list(session.scalars(Document.__table__.select().with_only_columns(Document.id)))
        codings = []
        for index, document_id in enumerate(ids):
            coders = ([lin] if index % 5 < 3 else []) + ([morgan] if index % 5 >= 3 else [])
            for coder in coders:
                codings += [{"uuid": new_uuid(), "document_id": document_id, "coder_id": coder, "code_id": code,
                             "start": 30 + n, "end": 60 + n} for n in range(CODINGS_PER_DOCUMENT)]
        session.execute(insert(Coding), codings)
    return names


def timed(step: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append((time.perf_counter() - started) * 1000)
    return times


def line(label: str, times: list[float]) -> str:
    return f"| {label} | {statistics.median(times):.1f} ms | {min(times):.1f} ms | {max(times):.1f} ms | {len(times)} |"


def core_figures(path: Path, names: list[str], repeat: int) -> list[str]:
    from sqlalchemy import select

    from coding.project import Project
    from coding.team.assignments import assign, document_statuses, list_assignments, mark_done, progress
    from models import Coder

    rows = []
    with Project.open(path) as project:
        rows.append(line(f"assign {len(names):,} documents to Lin (one transaction, audited)",
                         timed(lambda: _once(project, lambda s: assign(s, "Lin", names, actor="Lin")), 1)))
        _once(project, lambda s: assign(s, "Morgan", names[: len(names) // 2], actor="Lin"))
        rows.append(line("mark 2,000 documents done for Lin",
                         timed(lambda: _once(project, lambda s: mark_done(s, "Lin", names[:2000], actor="Lin")), 1)))
        with project.session() as session:
            lin = session.scalar(select(Coder.id).where(Coder.name == "Lin"))
            rows.append(line("statuses of one coder (one grouped query)",
                             timed(lambda: document_statuses(session, lin), repeat)))
            rows.append(line("progress of every coder (one grouped query)", timed(lambda: progress(session), repeat)))
            rows.append(line("assign --list: every assignment", timed(lambda: list_assignments(session), repeat)))
    return rows


def _once(project, step):  # type: ignore[no-untyped-def]
    with project.session() as session:
        return step(session)


def gui_figures(path: Path, repeat: int) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app import assignments as feature
    from app.commands import MarkDoneCommand
    from app.main import MainWindow
    from coding.changes import Changes

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(path, settings, coder="Lin")
        feature.install(window)
        window.show()
        app.processEvents()
        tools = feature.tools_of(window)
        assert tools is not None and window.bench is not None
        rows = [line("window: refresh Status column and progress line", timed(lambda: (tools.refresh(),
                                                                                        app.processEvents()), repeat))]
        targets = [row.uuid for row in window.documents_model.rows[3000:3000 + repeat]]
        marks = []
        for uuid in targets:
            started = time.perf_counter()
            window.bench.execute(MarkDoneCommand(window.bench, [uuid]))
            app.processEvents()
            marks.append((time.perf_counter() - started) * 1000)
        rows.append(line("window: Mark as done (write, audit, refresh, repaint)", marks))
        rows.append(line("window: check after a coding edit that moves no status",
                         timed(lambda: tools._on_changes(Changes(codings=True)), repeat)))
        window.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(machine_line(machine_description()))
    print("| Measurement | Median | Best | Worst | Runs |\n| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "assignments.concord"
        started = time.perf_counter()
        names = build(path, args.documents)
        print(f"<!-- built {args.documents:,} documents in {time.perf_counter() - started:.1f} s -->")
        for row in core_figures(path, names, args.repeat):
            print(row)
        for row in gui_figures(path, args.repeat):
            print(row)


if __name__ == "__main__":
    main()
