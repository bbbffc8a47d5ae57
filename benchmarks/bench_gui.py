"""GUI benchmark (offscreen): open a 30,000-word transcript with 1,000 codings, and apply a code.

Targets: the transcript shows (text, highlights, stripes, panels painted) in under 150 ms; applying a
code (the write to the project file plus every view's refresh and repaint) takes under 30 ms.

The project is built once with ``coding.importing.add_document_text`` (spaCy segments the synthetic
text into turns and sentences) and 1,000 codings by two coders, and cached in benchmarks/out/. Both
coders' codings are shown (blind mode off), the worst case for highlighting.

    python benchmarks/bench_gui.py [--repeat 9] [--applies 30] [--rebuild] [--write-docs]

Prints a markdown table (a header and one row per measurement).

With ``--scale N`` it measures issue 13's table instead, on the N× synthetic project (built with
generate_corpus.py into benchmarks/out/ when no ``--project PATH`` is given; the run works on a copy): project
open, switching document, a Documents filter keystroke, apply/undo/redo a code with repaint, cold start on the
demo and the first chart (fresh interpreters), and a GUI-thread stall detector around import, agreement, export,
analysis and REFI-QDA jobs — each beside its floor from the same run, with the machine's load (gui_scale.py).

    python benchmarks/bench_gui.py --scale 100 [--project PATH] [--repeat 3] [--applies 10] [--job-seconds 8]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import OUT_DIR, machine_description, machine_line, update_docs_section
from benchmarks.generate_corpus import generate_document

WORDS = 30_000
CODINGS = 1_000
OPEN_TARGET_MS = 150
APPLY_TARGET_MS = 30
SEED = 11
HEADER = (
    "| Measurement | Median (wall) | Best | 90th percentile | Worst | Median CPU | Target | |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- |"
)


def build_project(path: Path) -> None:
    """A project with the big transcript, a small second one, and 1,000 codings on the big one."""
    from coding.codebook import code_levels
    from coding.coders import get_or_create_coder
    from coding.codings import apply_code
    from coding.importing import add_document_text
    from coding.project import Project

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    generated = generate_document(0, seed=SEED, words=WORDS)
    # The generator varies length by ±20 %; cut at a turn boundary near 30,000 words.
    text = _about_words(generated.text, WORDS + 500)  # split() counts a few tokens spaCy does not
    rng = random.Random(SEED)
    project = Project.create(path, name="GUI benchmark")
    with project.session() as session:
        big = add_document_text(session, name="Long interview", text=text, source_name="long.txt", format="txt")
        add_document_text(session, name="Short interview", text=_about_words(text, 400), source_name="short.txt",
                          format="txt", sha256="0" * 64)
        coders = [get_or_create_coder(session, name, actor="bench").id for name in ("Alice", "Bob")]
        leaves = [code_id for code_id, level in code_levels(session).items() if level == 3]
        boundaries = [m for m in range(1, len(text)) if text[m - 1] == " "]
        for number in range(CODINGS):
            start = rng.choice(boundaries)
            length = rng.randint(40, 900)
            end = min(start + length, len(text))
            apply_code(session, document_id=big.id, coder_id=coders[number % 2], code_id=rng.choice(leaves),
                       start=start, end=end, snap="word", actor="bench")
    project.close()


def _about_words(text: str, words: int) -> str:
    """The text cut after the paragraph where the word count reaches ``words``."""
    count = 0
    kept: list[str] = []
    for paragraph in text.split("\n\n"):
        kept.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return "\n\n".join(kept)


def measure(path: Path, repeat: int, applies: int) -> dict[str, object]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.main import MainWindow
    from app.style import apply_style
    from benchmarks.gui_scale import quiet_dialogs

    quiet_dialogs()  # an "upgraded from an older Concord" note would wait for a click
    app = QApplication.instance() or QApplication([])
    apply_style(app)  # type: ignore[arg-type]
    settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(path, settings, coder="Alice")
    window.resize(1600, 1000)
    window.set_blind(False)
    window.show()
    app.processEvents()
    rows = {row.name: row for row in window.documents_model.rows}
    big, small = rows["Long interview"], rows["Short interview"]

    def settle() -> None:
        app.processEvents()  # delivers the posted update requests: the window is painted before this returns

    open_ms: list[float] = []
    open_cpu_ms: list[float] = []
    for _ in range(repeat):
        window.open_document(small.id)
        settle()
        started, cpu_started = time.perf_counter(), time.process_time()
        window.open_document(big.id)
        settle()
        open_ms.append((time.perf_counter() - started) * 1000)
        open_cpu_ms.append((time.process_time() - cpu_started) * 1000)
    shown = len(window.transcript.codings)

    rng = random.Random(SEED + 1)
    document = window.transcript.document
    assert document is not None, "the long interview is open"
    text = document.text
    slots = window.effective_slots()
    apply_ms: list[float] = []
    apply_cpu_ms: list[float] = []
    for number in range(applies):
        start = rng.randrange(0, len(text) - 400)
        window.transcript.select(start, start + rng.randint(20, 300))
        settle()
        started, cpu_started = time.perf_counter(), time.process_time()
        applied = window.apply_code(slots[1 + number % len(slots)])
        settle()
        apply_ms.append((time.perf_counter() - started) * 1000)
        apply_cpu_ms.append((time.process_time() - cpu_started) * 1000)
        assert applied, "a benchmark coding was refused"
    undo_started = time.perf_counter()
    window.undo()
    settle()
    undo_ms = (time.perf_counter() - undo_started) * 1000
    window.close()
    return {
        "words": big.words,
        "codings_shown": shown,
        "open_ms": open_ms,
        "open_cpu_ms": open_cpu_ms,
        "apply_ms": apply_ms,
        "apply_cpu_ms": apply_cpu_ms,
        "undo_ms": undo_ms,
    }


def table(result: dict[str, object]) -> str:
    def row(label: str, key: str, target: float) -> str:
        values: list[float] = result[f"{key}_ms"]  # type: ignore[assignment]
        cpu: list[float] = result[f"{key}_cpu_ms"]  # type: ignore[assignment]
        median = statistics.median(values)
        verdict = "meets target" if median < target else "**over target**"
        p90 = statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]
        return (f"| {label} | {median:.0f} ms | {min(values):.0f} ms | {p90:.0f} ms | {max(values):.0f} ms | "
                f"{statistics.median(cpu):.0f} ms | < {target} ms | {verdict} |")

    words, shown = result["words"], result["codings_shown"]
    return "\n".join([
        HEADER,
        row(f"Open a {words:,}-word transcript with {shown:,} codings (GUI, offscreen)", "open", OPEN_TARGET_MS),
        row("Apply a code: write + refresh + repaint (GUI, offscreen)", "apply", APPLY_TARGET_MS),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="times the transcript is opened (default 9)")
    parser.add_argument("--applies", type=int, default=30, help="codes applied (default 30)")
    parser.add_argument("--rebuild", action="store_true", help="build the benchmark project again")
    parser.add_argument("--write-docs", action="store_true", help="put the results into docs/benchmarks.md")
    scale = parser.add_argument_group("issue 13's table (--scale)")
    scale.add_argument("--scale", type=int, help="measure issue 13's table on the N× project (e.g. 100)")
    scale.add_argument("--project", help="the project to measure (copied first); default: built by generate_corpus")
    scale.add_argument("--coder", help="open the project as this coder (default: its first)")
    scale.add_argument("--switches", type=int, default=15, help="document switches (default 15)")
    scale.add_argument("--job-seconds", type=float, default=8.0,
                       help="a background job still running after this long is cancelled (default 8)")
    scale.add_argument("--job-documents", type=int, default=100,
                       help="documents the agreement and export jobs cover (default 100)")
    scale.add_argument("--import-documents", type=int, default=16,
                       help="transcripts the import job reads (default 16)")
    scale.add_argument("--only-jobs", nargs="*", default=[], help="run only the jobs whose name has one of these words")
    scale.add_argument("--skip-start", action="store_true", help="leave out cold start and first chart")
    scale.add_argument("--skip-jobs", action="store_true", help="leave out the background jobs")
    scale.add_argument("--skip-cli", action="store_true",
                       help="leave out the CLI's agreement over every document (and its krippendorff floor)")
    scale.add_argument("--skip-floor", action="store_true",
                       help="leave out the krippendorff floor of the CLI's agreement (35 s, 4.6 GB at 100×)")
    scale.add_argument("--cancel-after", type=float, default=0.0,
                       help="press Cancel this many seconds into the agreement window's comparison "
                            "(default: 60%% of the time its figures took)")
    scale.add_argument("--explain-stalls", metavar="FILE",
                       help="write every thread's stack to FILE while a job freezes the window (> 60 ms)")
    args = parser.parse_args(argv)
    if args.scale:
        from benchmarks.gui_scale import run

        return run(args)
    path = OUT_DIR / f"gui-{WORDS}w-{CODINGS}c.concord"
    if args.rebuild or not path.exists():
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        print(f"building {path} …", file=sys.stderr)
        build_project(path)
    machine = machine_description()
    with tempfile.TemporaryDirectory(prefix="concord-bench-") as folder:
        working = Path(folder) / path.name  # the cached project stays as built: the run adds codings
        shutil.copy(path, working)
        result = measure(working, args.repeat, args.applies)
    output = table(result)
    print(output)
    if args.write_docs:
        body = (
            f"{machine_line(machine)}\n\n`python benchmarks/bench_gui.py --repeat {args.repeat} "
            f"--applies {args.applies}`: {args.repeat} opens and {args.applies} codings applied in one offscreen "
            f"window (1600×1000, blind mode off so all codings are painted); undo of the last coding took "
            f"{result['undo_ms']:.0f} ms.\n\n{output}\n"
        )
        update_docs_section("GUI workbench", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
