"""Fuzz the .txt and .docx importers for as long as asked, with the properties of tests/core/test_import_fuzz.py.

    python benchmarks/fuzz_importers.py --minutes 5 [--seed 1] [--batch 200]

Hypothesis generates random bytes, random Unicode (emoji, ZWJ, CJK extension B, CRLF, NFD, controls) in
several encodings, built and mutated .docx packages (tests/core/import_fuzzing.py); each file must either be
refused with an ImportFileError naming it and leave the project unchanged, or import into a document whose
turns and sentences tile its text. Batches alternate between .txt and .docx, each with a fresh seed, into one
project (so re-generated content also exercises the duplicate check). Prints how many cases ran, were
refused, skipped as duplicates and imported, and every failure, whose files are kept in
benchmarks/out/fuzz-failures/ to reproduce it; exits 1 on any.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import seed as hypothesis_seed  # noqa: E402

from benchmarks.common import OUT_DIR, load_average, machine_description, machine_line  # noqa: E402
from coding.nlp import get_pipeline  # noqa: E402
from coding.project import Project  # noqa: E402
from tests.core.import_fuzzing import Tally, checker, docx_files, text_files  # noqa: E402

FAILURES_DIR = OUT_DIR / "fuzz-failures"


def run_batch(check, strategy, examples: int, batch_seed: int, suffix: str) -> str | None:  # type: ignore[no-untyped-def]
    """One Hypothesis run of ``examples`` cases; what failed (each failing file is kept to reproduce it)."""
    kept: list[Path] = []

    @hypothesis_seed(batch_seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(strategy)
    def batch(case) -> None:  # type: ignore[no-untyped-def]
        try:
            check(case)
        except Exception:
            FAILURES_DIR.mkdir(parents=True, exist_ok=True)
            kept.append(FAILURES_DIR / f"seed{batch_seed}-{len(kept)}{suffix}")
            kept[-1].write_bytes(case[0])
            raise

    try:
        batch()
    except Exception as failure:  # a property failed: Hypothesis re-raises it for the shrunk example
        return f"{describe(failure)}\n  failing files kept: {', '.join(map(str, kept[-3:]))}"
    return None


def describe(failure: BaseException) -> str:
    """The failure's innermost exception and where it was raised (Hypothesis may wrap it in a group)."""
    inner = failure
    while isinstance(inner, BaseExceptionGroup) and inner.exceptions:
        inner = inner.exceptions[0]
    frames = traceback.extract_tb(inner.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    return f"{type(failure).__name__} / {type(inner).__name__}: {str(inner)[:400]} (at {where})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to fuzz (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first batch (each batch adds one)")
    parser.add_argument("--batch", type=int, default=200, help="cases per Hypothesis run")
    args = parser.parse_args(argv)

    warnings.filterwarnings("ignore", message="Generating overly large repr")  # the cases are bytes
    print(machine_line(machine_description()), flush=True)
    for language in ("en", "zh"):
        get_pipeline(language)  # loaded before the clock starts
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    tallies = {"txt": Tally(), "docx": Tally()}
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="concord-fuzz-") as folder:
        with Project.create(Path(folder) / "fuzz.concord", with_codebook=False) as project:
            checks = {
                "txt": (checker(project, Path(folder), tallies["txt"])[0], text_files()),
                "docx": (checker(project, Path(folder), tallies["docx"])[1], docx_files()),
            }
            batch_seed = args.seed
            while time.monotonic() < deadline:
                kind = "txt" if batch_seed % 2 else "docx"
                check, strategy = checks[kind]
                failure = run_batch(check, strategy, args.batch, batch_seed, f".{kind}")
                if failure:
                    failures.append(f"[{kind}, seed {batch_seed}]\n{failure}")
                    print(failures[-1], flush=True)
                batch_seed += 1
                for file in Path(folder).glob("case*"):
                    file.unlink()
    elapsed = time.monotonic() - started
    total = Tally()
    for name, tally in tallies.items():
        print(f"{name:5} {tally.cases:7,} cases: {tally.refused:7,} refused, {tally.duplicates:6,} duplicates, "
              f"{tally.imported:7,} imported")
        total.cases += tally.cases
    print(f"all   {total.cases:7,} cases in {elapsed / 60:.1f} min ({total.cases / elapsed:.1f}/s), "
          f"{len(failures)} failures; load average at the end {', '.join(map(str, load_average()))}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
