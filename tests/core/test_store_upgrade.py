"""Schema upgrades are atomic: real data survives, and a failure or a kill at any step leaves the old schema.

The old-schema project is made the honest way: a project with real content (imported transcripts, codings,
cases, attributes, memos, an audit trail) is taken back to the first revision with the migrations' own
downgrades, then upgraded again by opening it.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

from coding.errors import ProjectFileError
from coding.project import Project
from models.store import SCHEMA_REVISIONS, downgrade, head_revision, make_engine, sqlite_url

OLDEST = SCHEMA_REVISIONS[0]


def _content(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order (the alembic stamp included)."""
    with sqlite3.connect(path) as raw:
        tables = [r[0] for r in raw.execute("select name from sqlite_master where type='table' order by name")]
        return {t: sorted(raw.execute(f'select * from "{t}"').fetchall(), key=repr) for t in tables}


@pytest.fixture(scope="module")
def old_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coding import cases
    from coding.coders import get_or_create_coder
    from coding.codebook import find_code
    from coding.codings import apply_code, set_coding_memo
    from coding.importing import add_document_text

    folder = tmp_path_factory.mktemp("old")
    path = folder / "old.concord"
    with Project.create(path) as project, project.session() as session:
        texts = {
            "director_01": "Interviewer: Who decides on investment? Director: The alliance board decides. "
            "We report to the county health bureau every quarter.",
            "doctor_02": "Interviewer: 转诊怎么安排？ Doctor: 我们把病人转到县医院。医保按人头付费。",
        }
        documents = [
            add_document_text(session, name=n, text=t, source_name=f"{n}.txt", format="txt")
            for n, t in texts.items()
        ]
        lin = get_or_create_coder(session, "Lin", actor="Lin")
        code = find_code(session, "Decision rights/Owner functions")
        coding = apply_code(session, document_id=documents[0].id, coder_id=lin.id, code_id=code.id,
                            start=30, end=60, actor="Lin")
        set_coding_memo(session, coding.uuid, "board, not director", actor="Lin")
        apply_code(session, document_id=documents[1].id, coder_id=lin.id, code_id=code.id, start=0, end=8,
                   actor="Lin")
        cases.add_case(session, "P01", actor="Lin")
        cases.attach_document(session, "P01", "director_01", actor="Lin")
        cases.set_attribute_value(session, "P01", "role", "Hospital director", actor="Lin")
    engine = make_engine(sqlite_url(path))
    downgrade(engine, OLDEST)
    engine.dispose()
    with sqlite3.connect(path) as raw:
        assert raw.execute("select version_num from alembic_version").fetchone()[0] == OLDEST
        assert raw.execute("select count(*) from codings").fetchone()[0] == 2
    return path


@pytest.fixture
def old_copy(old_project: Path, tmp_path: Path) -> Path:
    target = tmp_path / "study.concord"
    shutil.copyfile(old_project, target)
    return target


def test_an_old_project_with_real_data_is_upgraded_keeping_every_row(old_project: Path, old_copy: Path) -> None:
    before = _content(old_copy)
    with Project.open(old_copy) as project:
        assert project.upgraded_from == OLDEST
        backup = project.backup_path
    after = _content(old_copy)
    assert after["alembic_version"] == [(head_revision(),)]
    for table, rows in before.items():
        if table == "alembic_version":
            continue
        assert len(after[table]) == len(rows), table
        with sqlite3.connect(old_copy) as raw:  # the columns the old schema had keep their values
            columns = [c[1] for c in sqlite3.connect(old_project).execute(f'pragma table_info("{table}")')]
            kept = sorted(raw.execute(f'select {", ".join(columns)} from "{table}"').fetchall(), key=repr)
        assert kept == rows, table
    assert backup is not None and _content(backup) == before
    with sqlite3.connect(old_copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []


class Injected(Exception):
    """Stands for a crash, a full disk or a bug at one step of an upgrade."""


@contextmanager
def failing_at(step: int | None) -> Iterator[list[str]]:
    """Count every statement any engine sends; raise at statement number ``step``."""
    seen: list[str] = []

    def before(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)
        if step is not None and len(seen) == step:
            raise Injected(f"step {step}: {statement[:60]}")

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def _upgrade_statements(old_project: Path, tmp_path: Path) -> int:
    probe = tmp_path / "count.concord"
    shutil.copyfile(old_project, probe)
    with failing_at(None) as seen:
        Project.open(probe).close()
    stamps = [s for s in seen if s.startswith("UPDATE alembic_version")]
    assert len(stamps) == len(SCHEMA_REVISIONS) - 1  # every migration after the first ran in this one upgrade
    return len(seen)


def test_a_failure_at_any_step_of_any_migration_leaves_the_old_schema(old_project: Path, tmp_path: Path) -> None:
    before = _content(old_project)
    total = _upgrade_statements(old_project, tmp_path)
    for step in range(1, total + 1):
        path = tmp_path / f"step{step}.concord"
        shutil.copyfile(old_project, path)
        with failing_at(step), pytest.raises((Injected, ProjectFileError)):
            Project.open(path)
        assert _content(path) == before, f"step {step} of {total} left a half-upgraded file"
        assert not list(tmp_path.glob(f"step{step}.backup-*")), "a failed upgrade leaves no extra backup"
        path.unlink()
    # and the untouched file still upgrades
    final = tmp_path / "final.concord"
    shutil.copyfile(old_project, final)
    with Project.open(final) as project:
        assert project.upgraded_from == OLDEST


KILLED_UPGRADE = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy import Engine, event
    from coding.project import Project
    step = int(sys.argv[2])
    seen = []
    def before(*_args):
        seen.append(1)
        if len(seen) == step:
            os.kill(os.getpid(), signal.SIGKILL)
    event.listen(Engine, "before_cursor_execute", before)
    Project.open(sys.argv[1])
    """
)


def test_an_upgrade_killed_midway_is_retried_cleanly(old_project: Path, tmp_path: Path) -> None:
    before = _content(old_project)
    total = _upgrade_statements(old_project, tmp_path)
    for step in sorted({total // 7, total // 3, total // 2, (4 * total) // 5, total - 2}):
        path = tmp_path / f"kill{step}.concord"
        shutil.copyfile(old_project, path)
        child = subprocess.run([sys.executable, "-c", KILLED_UPGRADE, str(path), str(step)], timeout=120)
        assert child.returncode == -signal.SIGKILL
        assert _content(path) == before, f"killed at step {step} of {total}: half-upgraded"
        with Project.open(path) as project:  # the stale lock of the killed process is cleared, the upgrade runs
            assert project.upgraded_from == OLDEST and project.cleared_stale is not None
        assert _content(path)["alembic_version"] == [(head_revision(),)]
        backups = list(tmp_path.glob(f"kill{step}.backup-*"))
        assert len(backups) <= 2 and all(_content(b) == before for b in backups)
        assert os.path.exists(path)
