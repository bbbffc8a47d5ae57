"""The agreement window as a user drives it, under the stall detector (``bench_gui.py --scale N``, issue 13):
Compare on every document (sentence units, all levels) — figures computed, shown, stored and read back — and
the same comparison cancelled part-way, measuring how long Cancel takes to stop it and checking nothing was
stored.

    python benchmarks/bench_gui.py --scale 100 --project COPY --skip-start --only-jobs window
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

STOPPED_TARGET_S = 0.5  # Cancel takes effect within this
MEMORY_TARGET_MB = 800  # issue 13: the GUI with the 100× project open, after an agreement run (MB = 10^6 bytes)


def agreement_window_rows(window: Any, args: Any) -> list[Any]:
    from benchmarks.gui_scale import STALL_TARGET, Row

    compare = window.agreement_tools.show_compare()
    compare.resize(1380, 860)
    rows = []
    full = _compare(compare, cancel_after_s=None, explain=args.explain_stalls)
    rows.append(Row("stalls in the agreement window: compare every document, show, store, reopen",
                    full["stalls"].describe(), "—", STALL_TARGET, full["stalls"].count == 0,
                    f"figures shown at {full['shown_s']:.1f} s, stored and reopened at {full['done_s']:.1f} s; "
                    f"{full['status']}"))
    print(rows[-1].markdown(), flush=True)
    rows.append(_memory_row(full["peak_mib"]))
    print(rows[-1].markdown(), flush=True)
    reopened = _reopen(compare, explain=args.explain_stalls)
    rows.append(Row("reopen the stored run (read, show)", f"{reopened['seconds']:.1f} s",
                    "—", "no freeze > 100 ms (was 7.4 s frozen)", reopened["stalls"].count == 0,
                    f"{reopened['figures']:,} figures; {reopened['stalls'].describe()}"))
    print(rows[-1].markdown(), flush=True)
    charts = _chart_tabs(compare, explain=args.explain_stalls)
    rows.append(Row("stalls opening the heatmap (codes × pairs, then × documents) and the stored runs' chart",
                    charts["stalls"].describe(), "—", STALL_TARGET, charts["stalls"].count == 0 and charts["drawn"],
                    f"charts drawn off the GUI thread: {charts['seconds']:.1f} s for the three"))
    print(rows[-1].markdown(), flush=True)
    cancel_at = args.cancel_after if args.cancel_after else max(full["shown_s"] * 0.6, 0.5)
    cancelled = _compare(compare, cancel_after_s=cancel_at, explain=args.explain_stalls)
    latency = cancelled["stopped_s"] - cancelled["cancel_s"]
    rows.append(Row("Cancel pressed during that comparison: until it stopped", f"{latency * 1000:.0f} ms", "—",
                    f"< {STOPPED_TARGET_S * 1000:.0f} ms, nothing stored",
                    latency < STOPPED_TARGET_S and cancelled["stored"] == 0,
                    f"pressed at {cancelled['cancel_s']:.1f} s; runs stored by it: {cancelled['stored']}; "
                    f"{cancelled['stalls'].describe()}; '{cancelled['status']}'"))
    print(rows[-1].markdown(), flush=True)
    compare.close()
    return rows


def _compare(compare: Any, cancel_after_s: float | None, explain: str | None) -> dict[str, Any]:
    from PySide6.QtCore import QTimer

    from benchmarks.common import peak_rss_mib
    from benchmarks.gui_probe import StallDetector, spin

    runs_before = _stored_runs(compare)
    marks: dict[str, float] = {}
    started = time.perf_counter()

    def mark(name: str) -> None:
        marks.setdefault(name, time.perf_counter() - started)

    def shown(_run: object) -> None:
        mark("shown")

    compare._preview.ready.connect(shown)
    detector = StallDetector(explain).start()
    compare.compare_button.click()
    if cancel_after_s is not None:
        def press_cancel() -> None:
            mark("cancel")
            compare.cancel()

        QTimer.singleShot(int(cancel_after_s * 1000), press_cancel)
    while compare.task is not None:
        spin(5)
    mark("stopped")
    while compare.reopening is not None:
        spin(20)
    mark("done")
    spin(300)  # what the end queued (the run list, painting)
    stalls = detector.stop()
    compare._preview.ready.disconnect(shown)
    return {"stalls": stalls, "peak_mib": peak_rss_mib(), "shown_s": marks.get("shown", float("nan")),
            "stopped_s": marks["stopped"], "done_s": marks["done"], "cancel_s": marks.get("cancel", float("nan")),
            "stored": _stored_runs(compare) - runs_before, "status": compare.status.text()}


def resident_mib() -> float:
    """This process's resident memory now (Linux: VmRSS), not its peak."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _memory_row(peak_mib: float) -> Any:
    from benchmarks.gui_scale import Row

    now = resident_mib()
    return Row("GUI memory after that agreement run (resident; peak of the process)",
               f"{now:,.0f} MiB (peak {peak_mib:,.0f} MiB)", "—", f"< {MEMORY_TARGET_MB:,} MB (was 2.2 GB)",
               now * 1.048576 < MEMORY_TARGET_MB, "the window showing the run's figures")


def _reopen(compare: Any, explain: str | None) -> dict[str, Any]:
    """Reopen the run just stored from the runs list, as a user does, under the stall detector."""
    from benchmarks.gui_probe import StallDetector, spin
    from models import AgreementRun

    with compare.bench.project.session() as session:
        run_id = int(session.scalar(select(func.max(AgreementRun.id))) or 0)
    detector = StallDetector(explain).start()
    started = time.perf_counter()
    compare.open_run(run_id)
    while compare.reopening is not None:
        spin(10)
    seconds = time.perf_counter() - started
    spin(300)  # the table's layout and paint, queued behind the result
    stalls = detector.stop()
    figures = len(compare.run.figures) if compare.run is not None else 0
    return {"stalls": stalls, "seconds": seconds, "figures": figures}


def _chart_tabs(compare: Any, explain: str | None) -> dict[str, Any]:
    """Open the heatmap tab on the run just shown, switch it to one column per document, then open the stored
    runs' chart — each chart built and drawn while the stall detector watches."""
    from benchmarks.gui_probe import StallDetector, spin

    started = time.perf_counter()
    detector = StallDetector(explain).start()
    drawn = True

    def wait(canvas: Any) -> None:
        nonlocal drawn
        deadline = time.perf_counter() + 120
        spin(20)
        while canvas.pending and time.perf_counter() < deadline:
            spin(10)
        drawn = drawn and not canvas.pending and canvas.image is not None

    compare.tabs.setCurrentIndex(1)
    wait(compare.heatmap)
    compare.heat_columns.setCurrentIndex(compare.heat_columns.findData("documents"))
    wait(compare.heatmap)
    compare.tabs.setCurrentWidget(compare.runs_panel)
    compare.runs_panel.draw_series()
    wait(compare.runs_panel.chart)
    spin(300)
    stalls = detector.stop()
    compare.tabs.setCurrentIndex(0)
    return {"stalls": stalls, "drawn": drawn, "seconds": time.perf_counter() - started}


def _stored_runs(compare: Any) -> int:
    from models import AgreementRun

    with compare.bench.project.session() as session:
        return int(session.scalar(select(func.count()).select_from(AgreementRun)) or 0)


__all__ = ["agreement_window_rows"]
