"""The project file: creation, pragmas, schema versions, upgrade with backup, refusal of foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from coding.errors import ProjectFileError
from coding.project import Project
from models.store import Store, head_revision, make_engine, migrate, sqlite_url


def test_new_project_is_sqlite_with_pragmas_and_head_schema(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "study", with_codebook=False)
    assert project.path == tmp_path / "study.concord"
    with project.session() as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    project.close()
    with sqlite3.connect(tmp_path / "study.concord") as raw:
        assert raw.execute("select version_num from alembic_version").fetchone()[0] == head_revision()


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    Project.create(tmp_path / "a.concord", with_codebook=False).close()
    with pytest.raises(ProjectFileError, match="already exists"):
        Project.create(tmp_path / "a.concord")


def test_open_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="no such project file"):
        Project.open(tmp_path / "nothing.concord")


def test_a_text_file_is_not_a_project(tmp_path: Path) -> None:
    fake = tmp_path / "notes.concord"
    fake.write_text("hello, not a database")
    with pytest.raises(ProjectFileError, match=r"notes\.concord: not a Concord project"):
        Project.open(fake)
    assert fake.read_text() == "hello, not a database"


def test_another_sqlite_database_is_not_a_project(tmp_path: Path) -> None:
    other = tmp_path / "other.concord"
    with sqlite3.connect(other) as raw:
        raw.execute("create table things (id integer)")
    with pytest.raises(ProjectFileError, match="an SQLite database, but not a Concord project"):
        Project.open(other)
    with sqlite3.connect(other) as raw:
        assert [r[0] for r in raw.execute("select name from sqlite_master")] == ["things"]


def test_project_from_a_newer_schema_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.concord"
    Project.create(path, with_codebook=False).close()
    with sqlite3.connect(path) as raw:
        raw.execute("update alembic_version set version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match="newer version of Concord"):
        Project.open(path)
    assert path.read_bytes() == before


def test_older_project_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.concord"
    engine = make_engine(sqlite_url(path))
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text("insert into project_meta (key, value) values ('app', 'concord'), ('name', 'Old')"))
    engine.dispose()

    project = Project.open(path)
    assert project.upgraded_from == "0001"
    assert project.backup_path is not None and project.backup_path.exists()
    assert project.backup_path.parent == tmp_path
    with project.session() as session:
        tables = {r[0] for r in session.execute(text("select name from sqlite_master where type='table'"))}
    project.close()
    assert {"consensus_decisions", "matrix_cell_summaries", "coding_snapshots"} <= tables
    with sqlite3.connect(project.backup_path) as raw:
        assert raw.execute("select version_num from alembic_version").fetchone()[0] == "0001"
        assert raw.execute("select value from project_meta where key='name'").fetchone()[0] == "Old"


def test_nested_sessions_commit_once_at_the_outermost_level(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "n.concord", with_codebook=False)
    with pytest.raises(RuntimeError):
        with project.session() as outer:
            outer.execute(text("insert into project_meta (key, value) values ('k1', 'v')"))
            with project.session() as inner:
                assert inner is outer
                inner.execute(text("insert into project_meta (key, value) values ('k2', 'v')"))
            raise RuntimeError("abort the whole unit of work")
    with project.session() as session:
        keys = {r[0] for r in session.execute(text("select key from project_meta"))}
    project.close()
    assert "k1" not in keys and "k2" not in keys


def test_save_a_copy(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "src.concord", name="Source", with_codebook=False)
    copy = project.save_copy(tmp_path / "copy.concord")
    project.close()
    reopened = Project.open(copy)
    assert reopened.name == "Source"
    reopened.close()


def test_engine_from_url_works_for_a_plain_store(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "plain.concord", {"name": "x"})
    with store.session() as session:
        assert session.execute(text("select value from project_meta where key='app'")).scalar() == "concord"
    store.dispose()


def test_a_relaxed_session_restores_full_durability(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "d.concord", with_codebook=False)
    with project.session(durable=False) as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
        session.execute(text("insert into project_meta (key, value) values ('bulk', 'yes')"))
    with project.session() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2
        assert session.execute(text("select value from project_meta where key='bulk'")).scalar() == "yes"
    project.close()


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    """Autogenerate finds nothing to do on a migrated file: migrations and models agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from models.entities import Base

    engine = make_engine(sqlite_url(tmp_path / "m.concord"))
    migrate(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_project_summary_reads_counts_from_the_covering_index(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "i.concord", with_codebook=False)
    with project.session() as session:
        plan = " ".join(
            str(row[-1]) for row in session.execute(text(
                "EXPLAIN QUERY PLAN SELECT count(id), sum(turn_count), sum(sentence_count), sum(word_count), "
                "sum(char_count) FROM documents"))
        )
    project.close()
    assert "COVERING INDEX ix_documents_totals" in plan


def test_the_revision_list_matches_the_migration_scripts() -> None:
    from models.store import SCHEMA_REVISIONS, alembic_revisions

    assert list(SCHEMA_REVISIONS) == alembic_revisions()


def test_create_where_the_folder_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(ProjectFileError, match="does not exist"):
        Project.create(tmp_path / "a.txt" / "x.concord")


def test_create_that_sqlite_cannot_finish_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "x.concord-wal").mkdir()  # SQLite cannot create its write-ahead log here
    with pytest.raises(ProjectFileError, match="cannot create the project"):
        Project.create(tmp_path / "x.concord")
    assert not (tmp_path / "x.concord").exists()


def test_save_a_copy_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "s.concord", with_codebook=False)
    with pytest.raises(ProjectFileError, match="does not exist"):
        project.save_copy(tmp_path / "nowhere" / "copy.concord")
    project.close()


def test_a_project_without_a_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.concord"
    Project.create(path, with_codebook=False).close()
    with sqlite3.connect(path) as raw:
        raw.execute("delete from alembic_version")
    with pytest.raises(ProjectFileError, match="without a schema version"):
        Project.open(path)
