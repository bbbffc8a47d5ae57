"""What every benchmark shares: a description of the machine, worker subprocesses, and docs/benchmarks.md.

Each benchmark runs its measurements in fresh subprocesses (so peak memory and warm caches don't
mix between measurements), repeats them, and reports the best of N together with the load average,
because the machine may be busy with other work while it runs.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS_DIR = REPO_ROOT / "benchmarks"
OUT_DIR = BENCHMARKS_DIR / "out"  # gitignored: corpora, cached projects, profiles
DOCS_PATH = REPO_ROOT / "docs" / "benchmarks.md"
RESULT_MARKER = "BENCHMARK-RESULT "


# ------------------------------------------------------------------------------------------------
# The machine
# ------------------------------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(module_name: str) -> str:
    try:
        module = __import__(module_name)
    except ImportError:
        return "not installed"
    return str(getattr(module, "__version__", "?"))


def load_average() -> tuple[float, float, float]:
    """1, 5 and 15-minute load averages (other work on the machine slows benchmarks down)."""
    return tuple(round(value, 2) for value in os.getloadavg())  # type: ignore[return-value]


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def machine_description() -> dict[str, Any]:
    import sqlite3

    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _cpu_model(),
        "cpus": usable_cpus(),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "sqlalchemy": _version("sqlalchemy"),
        "sqlite": sqlite3.sqlite_version,
        "load_average": load_average(),
    }


def machine_line(machine: dict[str, Any]) -> str:
    """One line for the head of a results section."""
    load = ", ".join(f"{value:.2f}" for value in machine["load_average"])
    return (
        f"Measured {machine['date']} on {machine['cpu']} ({machine['cpus']} CPUs, {machine['ram_gib']} GiB RAM), "
        f"Python {machine['python']}, spaCy {machine['spacy']}, SQLAlchemy {machine['sqlalchemy']}, "
        f"SQLite {machine['sqlite']}; load average {load} (1/5/15 min) at the start."
    )


def machine_markdown(machine: dict[str, Any]) -> str:
    """The "Machine" section of docs/benchmarks.md."""
    load = ", ".join(f"{value:.2f}" for value in machine["load_average"])
    return "\n".join([
        f"- CPU: {machine['cpu']}, {machine['cpus']} usable CPUs",
        f"- RAM: {machine['ram_gib']} GiB",
        f"- OS: {machine['os']}",
        f"- Python {machine['python']}, spaCy {machine['spacy']}, SQLAlchemy {machine['sqlalchemy']}, "
        f"SQLite {machine['sqlite']}",
        f"- Described {machine['date']}; load average then {load} (1/5/15 min). The machine is shared with other "
        "work, so wall times vary from run to run: sections report the best of N and CPU time where it helps.",
    ])


# ------------------------------------------------------------------------------------------------
# Measuring
# ------------------------------------------------------------------------------------------------
def peak_rss_mib() -> float:
    """This process's peak resident memory. On Linux its own address space's high-water mark (VmHWM): ru_maxrss
    keeps the peak of the process it was started from (a worker launched by a 700 MB GUI reads 700 MB)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


class Stopwatch:
    """``with Stopwatch() as watch: ...`` then ``watch.seconds`` (wall) and ``watch.cpu_seconds``.

    CPU time of this process barely moves when other work shares the machine, so it is the steadier
    figure on a busy machine; wall time is what a user waits (it includes fsync and waiting for a CPU).
    """

    def __enter__(self) -> Stopwatch:
        self.started = time.perf_counter()
        self.cpu_started = time.process_time()
        self.seconds = self.cpu_seconds = 0.0
        return self

    def __exit__(self, *_exc: object) -> None:
        self.seconds = time.perf_counter() - self.started
        self.cpu_seconds = time.process_time() - self.cpu_started


def emit_result(result: dict[str, Any]) -> None:
    """A worker's answer: one marked JSON line on stdout (anything else printed is ignored)."""
    print(RESULT_MARKER + json.dumps(result), flush=True)


def run_worker(args: Sequence[str], *, timeout: float = 3600, cwd: Path | None = None) -> dict[str, Any]:
    """Run ``python ARGS`` in a fresh process and return the JSON it emitted with :func:`emit_result`."""
    command = [sys.executable, *args]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd or REPO_ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith(RESULT_MARKER):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARKER):])
            return result
    raise RuntimeError(f"{' '.join(command)} printed no result:\n{completed.stdout[-2000:]}")


def concord_command(*args: str) -> list[str]:
    """``concord ARGS`` run from this checkout (what the console script does), whatever is installed."""
    launcher = "import sys; from coding.cli import main; sys.argv[0] = 'concord'; main()"
    return [sys.executable, "-c", launcher, *args]


def time_command(command: Sequence[str], *, repeat: int, cwd: Path | None = None) -> dict[str, list[float]]:
    """Wall seconds and CPU seconds (user + system of the child) of ``repeat`` runs; a failing run raises."""
    wall, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = subprocess.run(list(command), capture_output=True, text=True, cwd=cwd or REPO_ROOT)
        wall.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if completed.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    return {"wall": wall, "cpu": cpu}


def summary(values: Sequence[float]) -> dict[str, float]:
    """Best (minimum), median and worst of repeated timings."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return {"best": ordered[0], "median": median, "worst": ordered[-1], "n": len(ordered)}


def ensure_importable() -> None:
    """Let ``python benchmarks/x.py`` import ``benchmarks.*`` and the project packages from the checkout."""
    root = str(REPO_ROOT)
    if root not in sys.path:
        sys.path.insert(0, root)


# ------------------------------------------------------------------------------------------------
# docs/benchmarks.md: one "## Section" per benchmark, replaced in place when re-measured
# ------------------------------------------------------------------------------------------------
DOCS_HEADER = """# Benchmarks

Performance targets live here, never in timed unit tests. Every script is in `benchmarks/`, runs its
measurements in fresh subprocesses, repeats them and reports the best of N (the machine is shared, so
each section gives the load average when it was measured). Generated corpora and cached projects go
to `benchmarks/out/` (gitignored). See `benchmarks/README.md` for every option.

| Benchmark | Command |
| --- | --- |
| Synthetic corpus (.txt) | `python benchmarks/generate_corpus.py --scale 1 --out benchmarks/out/corpus-s1` |
| Synthetic project | `python benchmarks/generate_corpus.py --scale 100 --project benchmarks/out/s100.concord` |
| Import | `python benchmarks/bench_import.py --repeat 3 --write-docs` (add `--also-scale 10`, `--profile`) |
| concord info | `python benchmarks/bench_info.py --repeat 5 --write-docs` |

Scales: 1× is seed 003 (55 transcripts of ≈12,000 words, 6 of them Chinese), 10× is 550 and 100× is
5,500 transcripts; the synthetic project at 100× holds 1,000,000 codings by two coders.
"""


def update_docs_section(heading: str, body: str, path: Path = DOCS_PATH) -> None:
    """Put ``## heading`` with ``body`` into docs/benchmarks.md, replacing that section if present."""
    text = path.read_text(encoding="utf-8") if path.exists() else DOCS_HEADER
    section = f"## {heading}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section + "\n", text, count=1).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


__all__ = [
    "REPO_ROOT",
    "OUT_DIR",
    "DOCS_PATH",
    "machine_description",
    "machine_line",
    "machine_markdown",
    "load_average",
    "usable_cpus",
    "peak_rss_mib",
    "Stopwatch",
    "emit_result",
    "run_worker",
    "time_command",
    "concord_command",
    "summary",
    "ensure_importable",
    "update_docs_section",
]
