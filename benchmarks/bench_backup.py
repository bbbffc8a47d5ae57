"""Backups and ``concord check`` on a large project: what a backup costs, which copy method, and whether it
freezes anything.

    python benchmarks/bench_backup.py [--scale 10|100] [--project PATH] [--repeat 3] [--write-docs]

On a working copy of the synthetic project (``bench_info.cached_project``, or ``--project``) it measures, best
of N wall seconds (CPU seconds beside them):

* the two consistent ways to copy a live SQLite file — the online backup API (``Connection.backup``, every
  page in one step) and ``VACUUM INTO`` — with the size each writes;
* ``coding.backup.make_backup`` end to end (copy, fsync, rename, counts, sidecar, rotation), the skip test
  when nothing changed, and ``restore_backup`` (checks, stages, backs up the current state, copies in);
* ``coding.check.check_project`` (and SQLite's ``integrity_check`` alone, its largest part);
* while ``make_backup`` runs in a Qt pool thread (as in the app): the longest gap between ticks of a 10 ms
  QTimer in the main thread (a frozen window would show as a long gap), and the slowest commit of a
  writer adding a coding every 20 ms on its own connection (an edit made during a backup).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import OUT_DIR, Stopwatch, machine_description, machine_line, summary, update_docs_section

SECTION = "Backups and concord check"


def _fsync(path: Path) -> None:
    import os

    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _timed(function: Any, repeat: int) -> dict[str, Any]:
    wall, cpu = [], []
    result = None
    for _ in range(repeat):
        with Stopwatch() as watch:
            result = function()
        wall.append(watch.seconds)
        cpu.append(watch.cpu_seconds)
    return {"wall": summary(wall), "cpu": summary(cpu), "result": result}


def copy_methods(project: Path, scratch: Path, repeat: int) -> dict[str, Any]:
    def backup_api() -> int:
        target = scratch / "api.concord"
        target.unlink(missing_ok=True)
        source, copy = sqlite3.connect(project), sqlite3.connect(target)
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.close()
        source.close()
        _fsync(target)
        return target.stat().st_size

    def vacuum_into() -> int:
        target = scratch / "vacuum.concord"
        target.unlink(missing_ok=True)
        source = sqlite3.connect(project)
        source.execute("VACUUM INTO ?", (str(target),))
        source.close()
        _fsync(target)
        return target.stat().st_size

    results = {"backup API": _timed(backup_api, repeat), "VACUUM INTO": _timed(vacuum_into, repeat)}
    for name in ("api.concord", "vacuum.concord"):
        (scratch / name).unlink(missing_ok=True)
    return results


def library(project: Path, repeat: int) -> dict[str, Any]:
    from coding.backup import RotationPolicy, make_backup, restore_backup
    from coding.check import check_project

    policy = RotationPolicy(keep_last=2, keep_days=0)
    made = _timed(lambda: make_backup(project, "manual", policy=policy), repeat)
    skipped = _timed(lambda: make_backup(project, "auto", policy=policy).skipped, repeat)
    restored = _timed(lambda: restore_backup(project, "2", policy=policy), 1)

    def integrity() -> str:
        connection = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()

    checked = _timed(lambda: check_project(project).total, repeat)
    return {"make_backup": made, "skip test": skipped, "restore_backup": restored,
            "integrity_check": _timed(integrity, repeat), "check_project": checked}


def responsiveness(project: Path) -> dict[str, Any]:
    """Timer gaps in the main thread and commit latencies of a writer while a backup runs in a pool thread."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from app import workers
    from coding.backup import RotationPolicy, make_backup

    app = QCoreApplication.instance() or QCoreApplication([])
    gaps: list[float] = []
    latencies: list[float] = []
    last = [time.perf_counter()]
    stop = threading.Event()

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    def writer() -> None:
        connection = sqlite3.connect(project, timeout=30)
        connection.execute("PRAGMA synchronous=FULL")
        document, coder, code = connection.execute(
            "SELECT (SELECT min(id) FROM documents), (SELECT min(id) FROM coders), (SELECT max(id) FROM codes)"
        ).fetchone()
        n = 0
        while not stop.is_set():
            started = time.perf_counter()
            connection.execute(
                'INSERT INTO codings (uuid, document_id, coder_id, code_id, start, "end", memo, created_at, '
                "updated_at) VALUES (?, ?, ?, ?, 0, 5, '', '2025-01-01', '2025-01-01')",
                (f"bench-{time.time_ns()}-{n}", document, coder, code))
            connection.commit()
            latencies.append(time.perf_counter() - started)
            n += 1
            time.sleep(0.02)
        connection.execute("DELETE FROM codings WHERE uuid LIKE 'bench-%'")
        connection.commit()
        connection.close()

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    thread = threading.Thread(target=writer)
    task = workers.FunctionTask(lambda: make_backup(project, "manual", policy=RotationPolicy(keep_last=2, keep_days=0)))
    done: list[float] = []
    task.signals.finished.connect(lambda _result: (done.append(time.perf_counter()), app.quit()))
    task.signals.failed.connect(lambda message: (print(message, file=sys.stderr), app.quit()))
    thread.start()
    time.sleep(0.5)
    baseline = list(latencies)
    timer.start()
    started = time.perf_counter()
    last[0] = started
    workers.start(task)
    app.exec()
    timer.stop()
    during = latencies[len(baseline):]
    stop.set()
    thread.join()
    return {
        "backup seconds": (done[0] - started) if done else None,
        "longest timer gap ms": round(max(gaps) * 1000, 1) if gaps else None,
        "timer ticks": len(gaps),
        "writer commits during backup": len(during),
        "slowest commit during ms": round(max(during) * 1000, 1) if during else None,
        "slowest commit before ms": round(max(baseline) * 1000, 1) if baseline else None,
    }


def markdown(machine: dict[str, Any], project: Path, size: int, copies: dict, lib: dict, live: dict) -> str:
    def row(name: str, measured: dict, extra: str = "") -> str:
        return f"| {name} | {measured['wall']['best']:.2f} | {measured['cpu']['best']:.2f} | {extra} |"

    lines = [
        machine_line(machine), "",
        f"Project: `{project.name}`, {size / (1 << 20):.0f} MB.", "",
        "| Step | Wall s (best) | CPU s | Note |", "|---|---:|---:|---|",
    ]
    for name, measured in copies.items():
        lines.append(row(f"copy with the {name}", measured, f"{measured['result'] / (1 << 20):.0f} MB written"))
    lines += [
        row("`make_backup` (copy, fsync, counts, rotation)", lib["make_backup"]),
        row("skip test when nothing changed", lib["skip test"]),
        row("`restore_backup` (check, stage, back up, copy in)", lib["restore_backup"]),
        row("`PRAGMA integrity_check` alone", lib["integrity_check"]),
        row("`check_project` (all checks)", lib["check_project"]),
        "",
        (f"While a backup ran in a pool thread ({live['backup seconds']:.2f} s): longest gap between 10 ms timer "
         f"ticks in the main thread {live['longest timer gap ms']} ms ({live['timer ticks']} ticks); a writer "
         f"committed {live['writer commits during backup']} codings meanwhile, slowest "
         f"{live['slowest commit during ms']} ms (slowest before the backup: {live['slowest commit before ms']} ms)."),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, choices=(1, 10, 100), default=10)
    parser.add_argument("--project", type=Path, help="Measure on a copy of this project instead.")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    from models.store import copy_project

    if args.project is None:
        from benchmarks.bench_info import cached_project

        source, _ = cached_project(args.scale, 7)
    else:
        source = args.project
    scratch = OUT_DIR / "backup-bench"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    project = scratch / "study.concord"
    copy_project(source, project)
    from coding.project import Project

    Project.open(project).close()  # upgrade an older cached project first, outside the timings
    machine = machine_description()
    copies = copy_methods(project, scratch, args.repeat)
    lib = library(project, args.repeat)
    live = responsiveness(project)
    text = markdown(machine, project, project.stat().st_size, copies, lib, live)
    print(text)
    if args.write_docs:
        update_docs_section(SECTION, text)
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
