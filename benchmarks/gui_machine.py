"""How the window fares while the machine coder trains (issue 15 item 4): GUI-thread stalls during training in
the dialog's worker, and how long Accept blocks the GUI thread in the review queue.

    QT_QPA_PLATFORM=offscreen python3 -m benchmarks.gui_machine COPY_OF_PROJECT.concord --from Lin [--folds 5]

Works on the file it is given (it trains, suggests and accepts there): pass a copy.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from benchmarks.gui_probe import StallDetector, blocking_ms, spin  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--from", dest="coder", default="Lin")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--reviewer", default="Morgan")
    parser.add_argument("--min-confidence", type=float, default=0.3, help="the queue's threshold for Suggest…")
    parser.add_argument("--explain", type=Path, help="write what each thread ran during a stall to this file")
    args = parser.parse_args(argv)

    from app import dialogs, machine_coder
    from app.main import MainWindow

    dialogs.confirm = lambda *_args, **_kwargs: True  # replace an older model without asking
    def say(parent: QWidget | None, message: str, title: str = "") -> None:  # no modal box
        print(f"{title}: {message}")

    dialogs.show_error = dialogs.show_info = say
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(args.project, settings, coder=args.reviewer)
    machine_coder.install(window)
    window.show()
    spin(300)
    from coding.nlp import get_pipeline

    for language in ("en", "zh"):  # what the app's warm-up thread loads after start: not the training's cost
        get_pipeline(language)
    tools = machine_coder.tools_of(window)
    assert tools is not None
    dialog = tools.show_training()
    assert dialog is not None
    dialog.coder.setCurrentIndex(dialog.coder.findData(args.coder))
    dialog.folds.setValue(args.folds)
    detector = StallDetector(args.explain).start()
    began = time.perf_counter()
    dialog.start_training()
    while dialog.operation is not None:
        spin(50)
    wall = time.perf_counter() - began
    stalls = detector.stop()
    if dialog.report is None:
        print(f"training did not finish: {dialog.status.text()}")
        return 1
    print(f"training in the dialog: {wall:.1f} s wall ({dialog.report.seconds:.1f} s in train()), "
          f"{dialog.report.n_units} units; GUI thread: {stalls.describe()}")
    review = tools.show_suggestions()
    assert review is not None
    review.queue.slider.setValue(round(args.min_confidence * 100))
    detector = StallDetector().start()
    began = time.perf_counter()
    operation = review.run_suggest()
    while operation is not None and review.operation is not None:
        spin(50)
    print(f"Suggest… in the writer thread: {time.perf_counter() - began:.1f} s wall; GUI thread: "
          f"{detector.stop().describe()}")
    pending = review.queue.items.rowCount()
    if pending:
        review.queue.select_row(0)
        accept_ms = blocking_ms(review.accept_current)
        print(f"suggestions pending at ≥ {args.min_confidence:.2f}: {pending}; "
              f"Accept blocked the GUI thread {accept_ms:.0f} ms")
    else:
        print("no suggestion at the threshold: Accept not measured")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
