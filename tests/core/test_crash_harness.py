"""kill -9 while coding, 20 times in a row on one project file: every acknowledged coding is still there.

A child process opens a real project and applies codings in a loop through the public API, printing each
coding's uuid only after its transaction committed (the acknowledgement a user sees). The parent kills it
with SIGKILL after a seeded random delay, reopens the project (a stale project lock and a WAL left behind
by the dead process are the normal case here), and checks that every acknowledged coding is present and
``PRAGMA integrity_check`` says "ok". The longer version, with imports, merges and upgrades, is
``benchmarks/crash_harness.py``.
"""

from __future__ import annotations

import hashlib
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select, text

from coding.codebook import find_code
from coding.project import Project
from models import Coder, Coding, Document

ROUNDS = 20
SEED = 20250917
UUID_LINE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$")
TEXT = " ".join(
    f"R{n}: The council appoints the president and the bureau sets the budget for hospital {n}." for n in range(60)
)

CHILD = """
import random, sys
from coding.codings import apply_code
from coding.project import Project

path = sys.argv[1]
seed, document_id, coder_id, code_id, length = map(int, sys.argv[2:])
rng = random.Random(seed)
project = Project.open(path)
print("ready", flush=True)
while True:
    start = rng.randrange(length - 40)
    with project.session() as session:
        coding = apply_code(session, document_id=document_id, coder_id=coder_id, code_id=code_id,
                            start=start, end=start + rng.randint(5, 40), actor="crash harness")
        uuid = coding.uuid
    print(uuid, flush=True)  # the acknowledgement: only once the commit has returned
"""


def _make_project(path: Path) -> list[str]:
    """The project file and the child's arguments (document, coder, code ids and the text's length)."""
    with Project.create(path) as project, project.session() as session:
        document = Document(name="P01", source_name="p01.txt", format="txt", language="en", text=TEXT,
                            char_count=len(TEXT), sha256=hashlib.sha256(TEXT.encode()).hexdigest())
        coder = Coder(name="Lin")
        session.add_all([document, coder])
        session.flush()
        code = find_code(session, "Owner functions")
        return [str(document.id), str(coder.id), str(code.id), str(len(TEXT))]


def _run_and_kill(path: Path, seed: int, ids: list[str], delay: float) -> list[str]:
    """One child, killed ``delay`` seconds after it opened the project; returns the uuids it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(seed), *ids],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None and child.stderr is not None
        ready = child.stdout.readline()
        assert ready == "ready\n", f"the child could not open the project: {child.stderr.read()}"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL, f"the child ended by itself ({child.returncode}): {err}"
    # A line cut short by the kill was never acknowledged.
    return [line.strip() for line in out.splitlines(keepends=True) if UUID_LINE.match(line)]


def _check(path: Path, acknowledged: list[str]) -> int:
    """Reopen the project: it opens, the file is sound, every acknowledged coding is there."""
    with Project.open(path) as project, project.session() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        present = set(session.scalars(select(Coding.uuid)))
    lost = [uuid for uuid in acknowledged if uuid not in present]
    assert not lost, f"{len(lost)} acknowledged coding(s) lost, first {lost[0]}"
    return len(present)


def test_kill_9_while_coding_loses_no_acknowledged_coding(tmp_path: Path) -> None:
    path = tmp_path / "crash.concord"
    ids = _make_project(path)
    rng = random.Random(SEED)
    acknowledged: list[str] = []
    rounds_with_codings = 0
    for round_number in range(ROUNDS):
        acked = _run_and_kill(path, SEED + round_number, ids, delay=rng.uniform(0.02, 0.4))
        rounds_with_codings += bool(acked)
        acknowledged.extend(acked)
        present = _check(path, acknowledged)
        assert present >= len(acknowledged)
    assert len(set(acknowledged)) == len(acknowledged)
    # The kills landed while the child was coding, not before it began.
    assert rounds_with_codings >= ROUNDS // 2 and len(acknowledged) >= 2 * ROUNDS
