"""Issue 13's table, measured on a large project in one run, each action beside a floor measured the same way in
the same run (``python benchmarks/bench_gui.py --scale 100 [--project PATH]``).

The window is driven only through its public API (``open_project``, ``open_document``, ``apply_code``,
``undo``/``redo``, the Documents panel's filter box, the analysis controller, ``app.operations``), so the harness
measures whatever the main window is at the time. Every figure is a wall time in milliseconds; "blocks" means the
longest time the GUI thread could not answer (see ``gui_probe.blocking_ms``), which includes painting and any
work the action queued.

Floors:
- apply / undo / redo: the core write alone (``coding.codings.apply_code`` / ``remove_coding`` in one session on
  the same open project), no signal, no refresh;
- filter keystroke: a bare ``QSortFilterProxyModel`` over the same document names in a ``QTreeView``;
- open: ``Project.open`` and reading the documents' and codes' names (what the window must show at least);
- switch document: reading the document and its codings (``load_document`` + ``load_codings``);
- cold start: a bare ``QMainWindow`` in a fresh interpreter;
- first chart: none (it is a freeze; the target is < 100 ms).
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.common import (
    OUT_DIR,
    REPO_ROOT,
    load_average,
    machine_description,
    machine_line,
    summary,
    update_docs_section,
)

SEED = 13
FILTER_TEXT = "interview 12"  # typed one character at a time
STALL_TARGET = "0 stalls > 100 ms"


@dataclass
class Row:
    action: str
    figure: str
    floor: str
    target: str
    within: bool | None
    note: str = ""

    def markdown(self) -> str:
        verdict = "—" if self.within is None else ("meets target" if self.within else "**over target**")
        return f"| {self.action} | {self.figure} | {self.floor} | {self.target} | {verdict} | {self.note} |"


HEADER = ("| action | measured | floor, same run | target | | note |\n"
          "| --- | --- | --- | --- | --- | --- |")


def ms(values: list[float]) -> str:
    """Median (best–worst) in ms."""
    figures = summary(values)
    return f"{figures['median']:.0f} ms ({figures['best']:.0f}–{figures['worst']:.0f})"


# == the project ====================================================================================================
def project_for(scale: int, given: Path | None) -> Path:
    """The project to measure: ``given``, else the cached synthetic one (built with generate_corpus once)."""
    if given is not None:
        return given
    path = OUT_DIR / f"s{scale}.concord"
    if not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        print(f"building {path} with generate_corpus (minutes at 100×) …", file=sys.stderr)
        subprocess.run([sys.executable, str(REPO_ROOT / "benchmarks" / "generate_corpus.py"), "--scale", str(scale),
                        "--project", str(path)], check=True, cwd=REPO_ROOT)
    return path


def working_copy(source: Path, folder: Path) -> Path:
    """The run writes (codings applied and undone, backups): it works on a copy, never on ``source``."""
    target = folder / source.name
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    return target


def demo_project() -> Path:
    """The demo, built once and kept at the current schema (an older one would be upgraded, with a backup, by
    every cold start measured)."""
    path = OUT_DIR / "demo.concord"
    if path.exists() and not _at_head(path):
        path.unlink()
    if not path.exists():
        from coding.demo import build_demo

        OUT_DIR.mkdir(parents=True, exist_ok=True)
        build_demo(path)
    return path


def _at_head(path: Path) -> bool:
    from sqlalchemy import create_engine

    from models.store import current_revision, head_revision

    engine = create_engine(f"sqlite:///{path}")
    try:
        return current_revision(engine) == head_revision()
    finally:
        engine.dispose()


# == the window =====================================================================================================
def quiet_dialogs() -> list[str]:
    """Message boxes become lines (a modal box would wait for a click that never comes)."""
    from app import dialogs

    said: list[str] = []
    dialogs.show_error = dialogs.show_info = lambda _parent, message, title="Concord": said.append(message)  # type: ignore[assignment]
    dialogs.confirm = lambda _parent, question, title="Concord", ok_text="OK": True  # type: ignore[assignment]
    return said


def open_floor(path: Path, repeat: int) -> list[float]:
    from sqlalchemy import select

    from coding.project import Project
    from models import Code, Document

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        project = Project.open(path, read_only=True)
        with project.session() as session:
            session.execute(select(Document.id, Document.name)).all()
            session.execute(select(Code.id, Code.name, Code.parent_id)).all()
        times.append((time.perf_counter() - started) * 1000)
        project.close()
    return times


def measure_window(path: Path, coder: str, args: Any) -> tuple[list[Row], Any]:
    """Open, switch, filter, apply/undo/redo on ``path``; returns the rows and the window (for the jobs)."""
    from PySide6.QtWidgets import QApplication

    from app import warmup
    from app.main import MainWindow, install_features
    from app.style import apply_style
    from benchmarks.gui_probe import spin

    app = QApplication.instance() or QApplication([])
    apply_style(app)  # type: ignore[arg-type]
    rows: list[Row] = []

    floor = open_floor(path, args.repeat)
    window = MainWindow(None, str(path.with_suffix(".ini")))
    install_features(window)
    window.resize(1600, 1000)
    window.show()
    while warmup.is_waiting():  # the warm-up (spaCy, scipy, matplotlib) would compete with what is measured
        spin(50)
    warmup.wait_for_idle()
    started = time.perf_counter()
    window.open_project(path, coder=coder)
    app.processEvents()
    open_ms = (time.perf_counter() - started) * 1000
    while window.counts_loader.pending:  # a large project's counts come from a pool thread after the first paint
        spin(5)
    counts_ms = (time.perf_counter() - started) * 1000
    rows.append(Row("open the project (window painted)", f"{open_ms:.0f} ms", ms(floor), "< 1,000 ms",
                    open_ms < 1000, f"counts filled in at {counts_ms:.0f} ms (read off the GUI thread)"))
    window.set_blind(False)
    spin(200)

    rows.append(switch_row(window, args))
    rows.append(filter_row(window, args))
    rows.extend(edit_rows(window, args))
    return rows, window


def switch_row(window: Any, args: Any) -> Row:
    from benchmarks.gui_probe import blocking_ms
    from coding.documents import load_document
    from coding.readers import load_codings  # the transcript's own readers

    documents = [row.id for row in window.documents_model.rows][: max(2, args.switches)]
    rng = random.Random(SEED)
    order = [rng.choice(documents) for _ in range(args.switches)]
    switch = [blocking_ms(partial(window.open_document, d), linger_ms=150) for d in order]
    bench = window.bench
    floor = []
    for document_id in order:
        started = time.perf_counter()
        with bench.project.session() as session:
            load_document(session, document_id)
            load_codings(session, document_id, bench.visible_coder_ids())
        floor.append((time.perf_counter() - started) * 1000)
    return Row("switch document (transcript shown)", ms(switch), ms(floor), "< 50 ms",
               summary(switch)["median"] < 50, f"{len(order)} switches")


def filter_row(window: Any, args: Any) -> Row:
    from PySide6.QtCore import QSortFilterProxyModel
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    from benchmarks.gui_probe import blocking_ms

    box = window.documents_panel.filter
    typed = [FILTER_TEXT[:n] for n in range(1, len(FILTER_TEXT) + 1)]
    erased = [FILTER_TEXT[:n] for n in range(len(FILTER_TEXT) - 1, -1, -1)]
    keys = [blocking_ms(partial(box.setText, text), linger_ms=400) for text in typed + erased]
    names = QStandardItemModel()
    for row in window.documents_model.rows:
        names.appendRow(QStandardItem(row.name))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(names)
    view = QTreeView()
    view.setModel(proxy)
    view.resize(400, 900)
    view.show()
    floor = [blocking_ms(partial(proxy.setFilterFixedString, text), linger_ms=50) for text in typed]
    view.close()
    return Row("Documents filter, per keystroke (incl. debounced work)", ms(keys), ms(floor), "< 50 ms",
               summary(keys)["median"] < 50, f"'{FILTER_TEXT}' typed and erased over "
               f"{len(window.documents_model.rows):,} rows")


def edit_rows(window: Any, args: Any) -> list[Row]:
    from benchmarks.gui_probe import blocking_ms
    from coding.codebook import code_levels
    from coding.codings import apply_code, remove_coding

    bench = window.bench
    largest = max(window.documents_model.rows, key=lambda row: row.words)
    window.open_document(largest.id)
    text = window.transcript.document.text
    slots = window.effective_slots()
    rng = random.Random(SEED + 1)
    applied, undone, redone = [], [], []
    for number in range(args.applies):
        start = rng.randrange(0, max(1, len(text) - 400))
        window.transcript.select(start, start + rng.randint(20, 300))
        code = slots[1 + number % len(slots)]
        applied.append(blocking_ms(partial(window.apply_code, code)))
        undone.append(blocking_ms(window.undo))
        redone.append(blocking_ms(window.redo))
    floor, floor_undo = [], []
    with bench.project.session() as session:
        code_id = next(c for c, level in code_levels(session).items() if level == 3)
    for _ in range(args.applies):
        start = rng.randrange(0, max(1, len(text) - 400))
        started = time.perf_counter()
        with bench.project.session() as session:
            coding = apply_code(session, document_id=largest.id, coder_id=bench.coder_id, code_id=code_id,
                                start=start, end=start + rng.randint(20, 300), snap="word", actor="bench")
            uuid = coding.uuid
        floor.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with bench.project.session() as session:
            remove_coding(session, uuid, actor="bench")
        floor_undo.append((time.perf_counter() - started) * 1000)
    note = f"{args.applies} each, on '{largest.name}' ({largest.words:,} words)"
    return [
        Row("apply a code (write, refresh, repaint)", ms(applied), ms(floor), "< 30 ms",
            summary(applied)["median"] < 30, note),
        Row("undo it", ms(undone), ms(floor_undo), "< 30 ms", summary(undone)["median"] < 30),
        Row("redo it", ms(redone), ms(floor), "< 30 ms", summary(redone)["median"] < 30),
    ]


# == background jobs under the stall detector ========================================================================
def job_rows(window: Any, args: Any, folder: Path) -> list[Row]:
    from app import operations
    from benchmarks.gui_probe import run_job

    bench = window.bench
    project_path = bench.project.path
    with bench.project.session() as session:
        from sqlalchemy import select

        from models import Document

        documents = session.execute(select(Document.id, Document.name).order_by(Document.id)).all()
    subset = documents[: args.job_documents]

    def start(work: Callable[..., Any], **options: Any) -> Callable[[], Any]:
        return lambda: operations.run(window, work, title="Benchmark", on_failure=lambda _m: None,
                                      on_cancel=lambda _m: None, **options)

    jobs: list[tuple[str, Callable[[], Any]]] = []
    corpus = make_corpus(folder / "corpus", args.import_documents)
    target = folder / "imported.concord"

    def import_work(progress: Any, cancelled: Any) -> Any:
        from coding.importing import import_paths
        from coding.project import Project

        project = Project.create(target, name="imported")
        try:
            return import_paths(project, sorted(corpus.iterdir()), progress=progress, cancel=cancelled)
        finally:
            project.close()

    jobs.append((f"import {args.import_documents} transcripts (new project)", start(import_work)))

    def agreement_work(project: Any, progress: Any, cancelled: Any) -> Any:
        from coding.agreement.compare import ComparisonParams, run_comparison

        with project.session() as session:
            coders = tuple(name for name in _coder_names(session))[:2]
            params = ComparisonParams(coders=coders, unit="sentence",
                                      documents=tuple(name for _id, name in subset))
            return run_comparison(session, params, progress, cancelled)

    jobs.append((f"agreement, {len(subset)} documents, sentence units, all levels",
                 start(agreement_work, project_path=project_path, read_only=True)))

    def export_work(project: Any, progress: Any, cancelled: Any) -> Any:
        from coding.analysis.filters import SegmentFilter
        from coding.export.segments import export_segments

        with project.session() as session:
            return export_segments(session, folder / "segments.xlsx",
                                   flt=SegmentFilter(document_ids=tuple(i for i, _n in subset)),
                                   progress=progress, cancel=cancelled)

    jobs.append((f"export segments of {len(subset)} documents (XLSX)",
                 start(export_work, project_path=project_path, read_only=True)))

    def analysis_work(project: Any, progress: Any, cancelled: Any) -> Any:
        from coding.analysis.cooccurrence import cooccurrence

        with project.session() as session:
            return cooccurrence(session)

    jobs.append(("analysis: co-occurrence, all documents", start(analysis_work, project_path=project_path,
                                                                 read_only=True)))

    def refi_work(project: Any, progress: Any, cancelled: Any) -> Any:
        from coding.refi import export_qdpx

        with project.session() as session:
            return export_qdpx(session, folder / "project.qdpx", overwrite=True,
                               progress=lambda done, total: progress(done, total, ""), cancel=cancelled)

    jobs.append(("REFI-QDA export (.qdpx)", start(refi_work, project_path=project_path, read_only=True)))

    rows = []
    for name, starter in jobs:
        if args.only_jobs and not any(word in name for word in args.only_jobs):
            continue
        result = run_job(name, starter, args.job_seconds, explain=args.explain_stalls)
        if result.finished:
            how = f"done in {result.seconds:.1f} s {result.message}".strip()
        elif result.cancelled:
            how = f"cancelled after {args.job_seconds:.0f} s, stopped at {result.seconds:.1f} s"
        else:
            how = f"failed after {result.seconds:.1f} s: {result.message}"
        rows.append(Row(f"stalls during {name}", result.stalls.describe(), "—", STALL_TARGET,
                        result.stalls.count == 0, how))
        print(rows[-1].markdown(), file=sys.stderr)
    if not args.only_jobs or any(word in "agreement window" for word in args.only_jobs):
        from benchmarks.gui_agreement import agreement_window_rows

        rows.extend(agreement_window_rows(window, args))
    return rows


def _coder_names(session: Any) -> list[str]:
    from coding.coders import list_coders

    return [coder.name for coder in list_coders(session) if not coder.is_consensus]


def make_corpus(folder: Path, documents: int) -> Path:
    from benchmarks.generate_corpus import generate_document

    folder.mkdir(parents=True, exist_ok=True)
    for number in range(documents):
        generated = generate_document(number, seed=SEED)
        (folder / f"interview_{number:03}.txt").write_text(generated.text, encoding="utf-8")
    return folder


# == fresh interpreters: cold start and the first chart ==============================================================
COLD_START = """
import json, sys, time
started = float(sys.argv[1])
from PySide6.QtWidgets import QApplication
if sys.argv[2] == "bare":
    from PySide6.QtWidgets import QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
else:
    from app import dialogs
    dialogs.show_error = dialogs.show_info = lambda *a, **k: None
    from app.main import MainWindow, install_features
    from app.style import apply_style
    app = QApplication([])
    apply_style(app)
    window = MainWindow(None, sys.argv[4])
    install_features(window)
    window.resize(1600, 1000)
    window.open_project(sys.argv[2], coder=sys.argv[3])
    window.show()
    app.processEvents()
shown = time.time()
heavy = sorted(m for m in ("scipy", "matplotlib", "spacy", "docx", "openpyxl", "lxml") if m in sys.modules)
print("RESULT " + json.dumps({"seconds": shown - started, "heavy": heavy}))
window.close()
app.processEvents()
"""

# "Right after start": the chart is asked for this long after the window has shown, as a quick user's first click
# could be (finding the menu, opening it, choosing). Asked for at once (before Qt had laid out the window's views, a
# click no one can make) the window's own start-up work and the view's imports froze it 150-165 ms.
FIRST_CLICK_MS = 300

FIRST_CHART = """
import json, sys, time
from app import dialogs
dialogs.show_error = dialogs.show_info = lambda *a, **k: None
from PySide6.QtWidgets import QApplication
from app import warmup
from app.analysis import controller_of
from app.main import MainWindow, install_features
from app.style import apply_style
from benchmarks.gui_probe import StallDetector, spin
app = QApplication([])
apply_style(app)
window = MainWindow(None, sys.argv[3])
install_features(window)
window.resize(1600, 1000)
window.open_project(sys.argv[1], coder=sys.argv[2])
window.show()
app.processEvents()
if sys.argv[4] == "idle":
    while warmup.is_waiting():
        spin(50)
    warmup.wait_for_idle()
else:
    spin(int(sys.argv[5]))  # a quick user's first click: the menu cannot be used before the window has shown
detector = StallDetector().start()
started = time.perf_counter()
controller = controller_of(window)
controller.actions["cooccurrence"].trigger()  # as the user does: the menu's Co-occurrence…
deadline = time.monotonic() + 120
view = None
while (view is None or view.chart.canvas is None) and time.monotonic() < deadline:
    spin(10)
    view = controller.existing_view("cooccurrence")
seconds = time.perf_counter() - started
stalls = detector.stop()
print("RESULT " + json.dumps({"seconds": seconds, "stalls": stalls.count, "worst": stalls.worst_ms,
                              "shown": view is not None and view.chart.canvas is not None}))
window.close()
app.processEvents()
"""


def fresh(script: str, *args: str) -> dict[str, Any]:
    """Run ``script`` in a fresh interpreter; its RESULT, with ``cpu`` (the child's user + system seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                               cwd=REPO_ROOT, timeout=600,
                               env={**_environment(), "QT_QPA_PLATFORM": "offscreen"})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line[len("RESULT "):])
            result["cpu"] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            return result
    raise RuntimeError(f"no result ({completed.returncode}):\n{completed.stderr[-3000:]}")


def _environment() -> dict[str, str]:
    """As installed: compiled bytecode cached (kept in benchmarks/out/, whatever PYTHONDONTWRITEBYTECODE says)."""
    import os

    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONPYCACHEPREFIX": str(OUT_DIR / "pycache")}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def start_rows(args: Any, folder: Path) -> list[Row]:
    demo = working_copy(demo_project(), folder)
    settings = str(folder / "cold.ini")
    window_s, bare_s, window_cpu, bare_cpu, heavy = [], [], [], [], []
    fresh(COLD_START, repr(time.time()), str(demo), "Lin", settings)  # not counted: fills the bytecode cache
    for _ in range(args.repeat):
        bare = fresh(COLD_START, repr(time.time()), "bare")
        result = fresh(COLD_START, repr(time.time()), str(demo), "Lin", settings)
        bare_s.append(bare["seconds"] * 1000)
        bare_cpu.append(bare["cpu"] * 1000)
        window_s.append(result["seconds"] * 1000)
        window_cpu.append(result["cpu"] * 1000)
        heavy = result["heavy"]
    rows = [Row("cold start to a usable window, demo project", ms(window_s), f"bare QMainWindow {ms(bare_s)}",
                "< 1,000 ms", summary(window_s)["median"] < 1000,
                f"from launching python; CPU {ms(window_cpu)} (bare {ms(bare_cpu)}, both to exit); loaded at start: "
                f"{', '.join(heavy) or 'none of the heavy libraries'}")]
    for when, label in (("start", "right after start"), ("idle", "once the warm-up has run")):
        chart = fresh(FIRST_CHART, str(demo), "Lin", settings, when, str(FIRST_CLICK_MS))
        rows.append(Row(f"first chart (co-occurrence heatmap), {label}",
                        f"worst freeze {chart['worst']:.0f} ms, {chart['stalls']} > 100 ms",
                        "—", "no freeze > 100 ms", chart["stalls"] == 0 and chart["shown"],
                        f"chart shown after {chart['seconds']:.1f} s"
                        + (f"; asked for {FIRST_CLICK_MS} ms after the window showed" if when == "start" else "")))
    return rows


# == the run =========================================================================================================
def run(args: Any) -> int:
    machine = machine_description()
    source = project_for(args.scale, Path(args.project) if args.project else None)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="concord-gui-scale-") as name:
        folder = Path(name)
        said = quiet_dialogs()
        if not args.skip_start:
            rows.extend(start_rows(args, folder))
        print(f"copying {source} …", file=sys.stderr)
        path = working_copy(source, folder)
        first_coder = prepare(path)
        coder = args.coder or first_coder
        window_rows, window = measure_window(path, coder, args)
        rows[:0] = window_rows
        if not args.skip_jobs:
            rows.extend(job_rows(window, args, folder))
        window.close()
        if not args.skip_cli:
            rows.extend(agreement_cli_rows(path, skip_floor=args.skip_floor))
        if said:
            print("messages: " + " | ".join(said), file=sys.stderr)
    load_after = load_average()
    head = (machine_line(machine) + f" Load average at the end: {', '.join(f'{v:.2f}' for v in load_after)}.\n\n"
            f"`python benchmarks/bench_gui.py --scale {args.scale} --repeat {args.repeat} --applies {args.applies} "
            f"--job-seconds {args.job_seconds:g}` on the {args.scale}× project ({source.name}); every figure is "
            "wall time, \"blocks\" the longest the GUI thread could not answer.")
    table = "\n".join([HEADER, *(row.markdown() for row in rows)])
    print(head + "\n\n" + table)
    if args.write_docs:
        update_docs_section(f"GUI at {args.scale}× (issue 13)", f"{head}\n\n{table}\n")
    return 0


def agreement_cli_rows(path: Path, *, skip_floor: bool) -> list[Row]:
    """Issue 13's agreement row as the CLI runs it (coders A and B, sentence units, all documents, all levels),
    each step in a fresh process with its peak memory (benchmarks/bench_agreement.py's 100× workers), beside the
    krippendorff package computing the same alphas."""
    from benchmarks.bench_agreement import S100_TARGET_MIB, S100_TARGET_SECONDS, SCRIPT
    from benchmarks.common import run_worker

    def step(what: str) -> dict[str, Any]:
        print(f"agreement in the CLI: {what} …", file=sys.stderr)
        return run_worker([str(SCRIPT), "--worker-s100", what, "--s100", str(path)])

    cli, reopen, streamed = step("cli"), step("reopen"), step("json")
    floor = None if skip_floor else step("floor")
    if floor is not None and any(abs((a or 0) - b) > 1e-9 for a, b in zip(cli["alphas"], floor["alphas"], strict=True)):
        raise SystemExit(f"alphas differ: Concord {cli['alphas']}, krippendorff {floor['alphas']}")
    floor_text = "—" if floor is None else (f"{floor['seconds']:.1f} s, {floor['peak_rss_mib']:,.0f} MiB "
                                            f"(krippendorff, the same {len(floor['alphas'])} alphas)")
    target = f"< {S100_TARGET_SECONDS:.0f} s, < {S100_TARGET_MIB:.0f} MB"

    def within(result: dict[str, Any]) -> bool:
        return bool(result["seconds"] < S100_TARGET_SECONDS and result["peak_rss_mib"] * 1.048576 < S100_TARGET_MIB)

    rows = [Row("agreement, all documents, sentence units, all levels (CLI: compare, store, commit)",
                f"{cli['seconds']:.1f} s, {cli['peak_rss_mib']:,.0f} MiB", floor_text, target, within(cli),
                f"{cli['figures']:,} figures; was 52 s, 1.86 GB"),
            Row("the same with --json streamed", f"{streamed['seconds']:.1f} s, {streamed['peak_rss_mib']:,.0f} MiB",
                "—", f"streams: < {S100_TARGET_MIB:.0f} MB", streamed["peak_rss_mib"] * 1.048576 < S100_TARGET_MIB,
                "was 80 s, 3.1 GB"),
            Row("reopen that stored run (CLI, load_run)", f"{reopen['seconds']:.2f} s, "
                f"{reopen['peak_rss_mib']:,.0f} MiB", "—", "—", None, f"{reopen['figures']:,} figures")]
    for row in rows:
        print(row.markdown(), file=sys.stderr)
    return rows


def prepare(path: Path) -> str:
    """Open the copy once for writing (an older file is upgraded here, not in the measured open); its first coder."""
    from coding.project import Project

    project = Project.open(path)
    try:
        with project.session() as session:
            return _coder_names(session)[0]
    finally:
        project.close()


__all__ = ["Row", "run"]
