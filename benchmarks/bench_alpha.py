"""Benchmark: Concord's krippendorff_alpha against the `krippendorff` package (PyPI) on the same data.

    python benchmarks/bench_alpha.py [--coders 5] [--units 1000000] [--missing 0.2] [--repeat 3]

Builds a seeded coders × units nominal matrix (4 categories, ~20% missing as NaN), times both implementations
(best of --repeat runs), measures each one's peak traced memory in a separate run (tracemalloc sees numpy's
allocations), checks the two values agree, and prints a markdown table (header, then the row). Target: ours is
no slower than the package.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import krippendorff  # noqa: E402

from coding.agreement import krippendorff_alpha  # noqa: E402

HEADER = (
    "| benchmark | data | Concord (s) | krippendorff pkg (s) | pkg / Concord | Concord peak (MB) | pkg peak (MB) |\n"
    "|---|---|---|---|---|---|---|"
)


def reliability_matrix(coders: int, units: int, missing: float, seed: int = 20240601) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 4, size=units)
    # Coders agree with a latent value 70% of the time, so alpha is far from 0 and both paths do real work.
    data = np.where(rng.random((coders, units)) < 0.7, truth, rng.integers(0, 4, size=(coders, units))).astype(float)
    data[rng.random(data.shape) < missing] = np.nan
    return data


def best_time(function: Callable[[], float], repeat: int) -> tuple[float, float]:
    best, value = float("inf"), float("nan")
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - start)
    return best, value


def peak_megabytes(function: Callable[[], float]) -> float:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def bench_alpha_vs_krippendorff(coders: int, units: int, missing: float, repeat: int) -> str:
    data = reliability_matrix(coders, units, missing)

    def ours() -> float:
        return krippendorff_alpha(data, "nominal")

    def theirs() -> float:
        return krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")

    ours_time, ours_value = best_time(ours, repeat)
    theirs_time, theirs_value = best_time(theirs, repeat)
    if abs(ours_value - theirs_value) > 1e-9:
        raise SystemExit(f"values differ: Concord {ours_value!r}, krippendorff {theirs_value!r}")
    ours_peak, theirs_peak = peak_megabytes(ours), peak_megabytes(theirs)
    shape = f"{coders} × {units:,} nominal, {missing:.0%} missing, α = {ours_value:.4f}"
    return (
        f"| alpha vs krippendorff | {shape} | {ours_time:.3f} | {theirs_time:.3f} | {theirs_time / ours_time:.1f}× "
        f"| {ours_peak:.0f} | {theirs_peak:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coders", type=int, default=5)
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--missing", type=float, default=0.2)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    print(HEADER)
    print(bench_alpha_vs_krippendorff(arguments.coders, arguments.units, arguments.missing, arguments.repeat))


if __name__ == "__main__":
    main()
