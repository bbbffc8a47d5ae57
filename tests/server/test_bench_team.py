"""benchmarks/bench_team.py in its quick mode (2 coders × 50 codings, 2 leads × 20 definition edits) on a server of
its own: every acknowledged coding is on the server afterwards, the audit chain verifies, every notice came, and
every definition edit was applied or reported as a conflict. Its speed figures are not checked here
(benchmarks/, not tests, hold speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pg import RunningServer

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_team.py"


def test_quick_mode_loses_nothing(pg_server: RunningServer) -> None:
    # pg_server: the bench starts a server of its own the same way; where the session's cannot run, neither can it.
    done = subprocess.run([sys.executable, str(BENCH), "--coders", "2", "--codings", "50", "--edits", "20", "--json"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    coding, definitions = result["coding"], result["definitions"]
    assert coding["acknowledged"] == 100 and coding["refused"] == 0, coding["refusals"]
    assert coding["lost"] == 0 and coding["unacknowledged_present"] == 0 and coding["audit_chain_ok"]
    assert coding["refresh_notices"] == 100  # one notice per committed coding reached the other process
    assert definitions["applied"] + definitions["conflicts"] == 40 and definitions["errors"] == 0
    assert definitions["version_steps"] == definitions["applied"] == definitions["audit_events"]
    assert definitions["lost"] == 0 and result["project"]["roles"]


def test_help_names_the_options() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    for option in ("--coders", "--codings", "--edits", "--json"):
        assert option in done.stdout


@pytest.mark.parametrize("bad", [["--coders", "0"], ["--codings", "-1"]])
def test_bad_counts_are_refused(bad: list[str]) -> None:
    done = subprocess.run([sys.executable, str(BENCH), *bad], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "must be at least 1" in done.stderr
