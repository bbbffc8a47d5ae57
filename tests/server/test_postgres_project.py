"""The same project on SQLite and on a real PostgreSQL server: a URL wherever a project path is taken.

One workflow (create, import a .docx and a .txt, two coders coding from two Project objects at once, agreement,
an export, close and reopen) runs through the CLI and the library on both engines, and the counts must agree.
Every bad URL or database gives one line and changes nothing; the migrations run up and down on PostgreSQL.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import click
import docx
import pytest
from click.testing import CliRunner
from sqlalchemy import URL, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from coding.agreement.runs import list_runs
from coding.audit import verify_chain
from coding.cli import cli
from coding.codebook import find_code
from coding.coders import find_coder
from coding.codings import apply_code
from coding.documents import find_document
from coding.errors import ConcordError, ProjectFileError
from coding.project import Project, project_info
from models import Coding, Document
from models.store import current_revision, downgrade, migrate
from tests.server.conftest import RunningServer, free_port

CODE_A = "Decision rights/Organizational changes"
CODE_B = "Market competition/Personnel management rights"
TXT = (
    "Interviewer: How did the alliance change your hospital?\n"
    "Director: The county hospital took over the township clinics. We share doctors now. "
    "Budgets are still separate.\n"
    "Interviewer: Who decides on hiring?\n"
    "Director: The lead hospital decides. The clinics only propose names.\n"
)
DOCX_LINES = [
    "Interviewer: What do patients notice first?",
    "Patient: The specialist comes to our village every week. Before, we travelled two hours.",
    "Interviewer: Is anything worse?",
    "Patient: Waiting lists are longer at the big hospital. Nobody explained the referral rules.",
]
_DATABASES = iter(range(1, 1000))


def run(*args: object, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def server_url(server: RunningServer, database: str, *, user: str | None = None, password: str | None = None,
               port: int | None = None, driver: str = "postgresql+psycopg") -> str:
    url = URL.create(driver, username=user or server.superuser, password=password or server.password,
                     host="127.0.0.1", port=port or server.port, database=database)
    return url.render_as_string(hide_password=False)


@pytest.fixture()
def pg_url(pg_server: RunningServer) -> Iterator[str]:
    """A database name nobody has used on the session's server (dropped afterwards)."""
    database = f"study_{next(_DATABASES)}"
    yield server_url(pg_server, database)
    with pg_server.connect(autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def transcripts(folder: Path) -> list[Path]:
    txt = folder / "director.txt"
    txt.write_text(TXT, encoding="utf-8")
    word = docx.Document()
    for line in DOCX_LINES:
        word.add_paragraph(line)
    docx_path = folder / "patient.docx"
    word.save(str(docx_path))
    return [txt, docx_path]


def code_as(location: str, coder: str, spans: list[tuple[str, str, int, int]], ready: threading.Barrier) -> None:
    """One coder's session: its own Project object, coding while the other coder's is open too."""
    with Project.open(location) as project:
        ready.wait(timeout=30)
        for document, code, start, end in spans:
            with project.session() as session:
                apply_code(session, document_id=find_document(session, document).id,
                           coder_id=find_coder(session, coder).id, code_id=find_code(session, code).id,
                           start=start, end=end, actor=coder)


def workflow(location: str, folder: Path) -> dict[str, object]:
    """Create, import, code as two coders at once, compare, export, reopen: what a team does on day one."""
    folder.mkdir(exist_ok=True)
    run("new", location)
    assert "imported" in run("import", location, *transcripts(folder)).output
    for coder in ("Lin", "Morgan"):
        run("coders", "add", location, coder)
    run("code", location, "--document", "director", "--coder", "Lin", "--code", CODE_B, "--start", "0", "--end", "20")
    spans = {
        "Lin": [("director", CODE_A, 57, 139), ("patient", CODE_A, 45, 130), ("patient", CODE_B, 131, 160)],
        "Morgan": [("director", CODE_A, 57, 110), ("patient", CODE_A, 45, 130), ("director", CODE_B, 183, 250)],
    }
    ready = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(coder: str) -> None:
        try:
            code_as(location, coder, spans[coder], ready)
        except BaseException as exc:  # collected: a failure in a thread must fail the test
            errors.append(exc)
            ready.abort()

    threads = [threading.Thread(target=work, args=(coder,)) for coder in spans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    compared = json.loads(run("agreement", "compare", location, "--coders", "Lin,Morgan", "--unit", "sentence",
                              "--measures", "alpha,percent", "--json").output)
    exported = json.loads(run("export", "codebook", location, "--out", folder / "codebook.docx", "--json").output)
    exchanged = json.loads(run("refi", "export", location, "--out", folder / "study.qdpx", "--json").output)
    assert exchanged["schema_valid"], exchanged["schema_errors"]  # timestamps come back as datetimes on PostgreSQL
    info = json.loads(run("info", location, "--json").output)
    with Project.open(location) as reopened, reopened.session() as session:
        chain = verify_chain(session)
        runs = list_runs(session)
        texts = sorted(session.scalars(select(Document.name)))
        spans_kept = sorted((row.start, row.end) for row in session.execute(select(Coding.start, Coding.end)))
    assert chain.ok, chain
    return {
        "info": {k: v for k, v in info.items() if k != "created_at" and k != "name"},
        "figures": sorted((f["measure"], f["code_name"], f["document_uuid"] is None, f["value"])
                          for f in compared["figures"]),
        "exported": exported["items"], "runs": len(runs), "documents": texts, "spans": spans_kept,
        "exchanged": exchanged["counts"],
    }


# -- the same steps, the same counts --------------------------------------------------------------------
def test_workflow_on_postgres_counts_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    on_sqlite = workflow(str(tmp_path / "study.concord"), tmp_path / "sqlite")
    on_server = workflow(pg_url, tmp_path / "server")
    assert on_server == on_sqlite
    assert on_server["info"]["codings_per_coder"] == {"Lin": 4, "Morgan": 3}  # type: ignore[index]
    assert on_server["documents"] == ["director", "patient"] and on_server["runs"] == 1


def test_new_info_and_location_never_show_the_password(pg_url: str, pg_server: RunningServer) -> None:
    created = run("new", pg_url)
    assert pg_server.password not in created.output + created.stderr
    assert "lead_admin:***@127.0.0.1" in created.output
    with Project.open(pg_url) as project:
        assert project.on_server and project.path is None
        assert project.location == make_url(pg_url).render_as_string(hide_password=True)
        assert pg_server.password not in project.location and project.name == make_url(pg_url).database
        with pytest.raises(ProjectFileError, match="concord team pull"):
            project.save_copy("/tmp/never.concord")


def test_plain_postgresql_url_means_psycopg_3(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with Project.create(plain, with_codebook=False) as project:
        assert project.store.engine.dialect.driver == "psycopg"
        assert project.location.startswith("postgresql+psycopg://")


def test_read_only_open_is_refused_writes_by_the_server(pg_url: str) -> None:
    Project.create(pg_url).close()
    with Project.open(pg_url, read_only=True) as project:
        with pytest.raises(ConcordError, match="nothing was saved"), project.session() as session:
            session.execute(text("INSERT INTO project_meta (key, value) VALUES ('x', 'y')"))
    with Project.open(pg_url) as project, project.session() as session:
        assert session.scalar(text("SELECT count(*) FROM project_meta WHERE key = 'x'")) == 0


def test_a_password_from_pgpassword(pg_url: str, pg_server: RunningServer, monkeypatch: pytest.MonkeyPatch,
                                    tmp_path: Path) -> None:
    Project.create(pg_url).close()
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url = make_url(pg_url)
    without = f"postgresql+psycopg://lead_admin@127.0.0.1:{url.port}/{url.database}"
    assert "the server asks for a password" in run("info", without, ok=False).stderr
    monkeypatch.setenv("PGPASSWORD", pg_server.password)
    assert json.loads(run("info", without, "--json").output)["codes"] == 14


# -- bad input: one line, exit 1, nothing changed ---------------------------------------------------------
def databases(server: RunningServer) -> set[str]:
    with server.connect() as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def test_malformed_and_unknown_driver_urls(pg_server: RunningServer) -> None:
    cases = {
        "postgresql+psycopg://lead:s3cret@host:notaport/db": "malformed database URL",
        "mysql://lead:s3cret@127.0.0.1/study": "unknown database driver 'mysql'",
        "postgresql+psycopg2://lead:s3cret@127.0.0.1/study": "unknown database driver 'postgresql+psycopg2'",
        "postgresql+psycopg://lead:s3cret@127.0.0.1:5432": "names no database",
    }
    before = databases(pg_server)
    for url, message in cases.items():
        for command in ("new", "info"):
            result = run(command, url, ok=False)
            assert result.exit_code == 1, (url, result.output)
            assert message in result.stderr and "s3cret" not in result.output + result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
    assert databases(pg_server) == before


def test_server_down(pg_server: RunningServer) -> None:
    url = server_url(pg_server, "study", port=free_port())
    for command in ("new", "info"):
        result = run(command, url, ok=False)
        assert result.exit_code == 1
        assert "cannot reach the database server at 127.0.0.1" in result.stderr and "is it running?" in result.stderr
        assert pg_server.password not in result.stderr


def test_wrong_password(pg_url: str, pg_server: RunningServer) -> None:
    Project.create(pg_url).close()
    wrong = make_url(pg_url).set(password="not-the-password").render_as_string(hide_password=False)
    for command in ("new", "info"):
        result = run(command, wrong, ok=False)
        assert result.exit_code == 1
        assert "the server refused the password for user 'lead_admin'" in result.stderr
        assert "not-the-password" not in result.stderr


def test_missing_database_on_open(pg_url: str, pg_server: RunningServer) -> None:
    result = run("info", pg_url, ok=False)
    assert result.exit_code == 1 and "no database 'study_" in result.stderr and "concord new URL" in result.stderr
    assert make_url(pg_url).database not in databases(pg_server)


def foreign_database(pg_url: str) -> None:
    """A database someone else's program uses: one table of its own."""
    Project.create(pg_url, with_codebook=False).close()
    engine = create_engine(make_url(pg_url))
    with engine.begin() as conn:
        for table in inspect(conn).get_table_names():
            conn.execute(text(f'DROP TABLE "{table}" CASCADE'))
        conn.execute(text("CREATE TABLE inventory (id integer PRIMARY KEY, item text)"))
        conn.execute(text("INSERT INTO inventory VALUES (1, 'gauze')"))
    engine.dispose()


def inventory(pg_url: str) -> list[tuple[object, ...]]:
    engine = create_engine(make_url(pg_url))
    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
        rows = [tuple(row) for row in conn.execute(text("SELECT * FROM inventory"))]
    engine.dispose()
    return [tuple(tables), *rows]


def test_not_a_concord_database_is_refused_on_open_and_new(pg_url: str) -> None:
    foreign_database(pg_url)
    before = inventory(pg_url)
    opened = run("info", pg_url, ok=False)
    assert opened.exit_code == 1 and "a PostgreSQL database, but not a Concord project" in opened.stderr
    created = run("new", pg_url, ok=False)
    assert created.exit_code == 1 and "already holds 1 table(s) (first: public.inventory)" in created.stderr
    assert inventory(pg_url) == before


def test_an_empty_database_is_not_a_project_but_can_become_one(pg_url: str, pg_server: RunningServer) -> None:
    with pg_server.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{make_url(pg_url).database}"')
    assert "an empty database, not a Concord project" in run("info", pg_url, ok=False).stderr
    run("new", pg_url)  # an existing empty database is used as it is
    assert json.loads(run("info", pg_url, "--json").output)["codes"] == 14


def test_new_on_an_existing_project_is_refused(pg_url: str) -> None:
    run("new", pg_url)
    result = run("new", pg_url, ok=False)
    assert result.exit_code == 1 and "already holds a Concord project; open it instead" in result.stderr


def test_a_project_from_a_newer_concord(pg_url: str) -> None:
    Project.create(pg_url).close()
    engine = create_engine(make_url(pg_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    result = run("info", pg_url, ok=False)
    assert result.exit_code == 1 and "made by a newer version of Concord (schema 0999)" in result.stderr
    assert current_revision(engine) == "0999"
    engine.dispose()


def test_a_role_that_may_not_create_databases(pg_url: str, pg_server: RunningServer) -> None:
    with pg_server.connect(autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS plain_user")
        conn.execute("CREATE ROLE plain_user LOGIN PASSWORD 'plain-pw-1'")
    url = make_url(pg_url).set(username="plain_user", password="plain-pw-1").render_as_string(hide_password=False)
    result = run("new", url, ok=False)
    assert result.exit_code == 1 and "may not create one" in result.stderr
    assert make_url(pg_url).database not in databases(pg_server)


# -- migrations on PostgreSQL -----------------------------------------------------------------------------
def test_migrations_upgrade_an_old_database_and_go_back(pg_url: str, pg_server: RunningServer) -> None:
    with pg_server.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{make_url(pg_url).database}"')
    engine = create_engine(make_url(pg_url))
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO project_meta (key, value) VALUES ('app', 'concord'), ('name', 'old study')"))
        conn.execute(text("INSERT INTO coders (name, uuid, is_consensus, created_at) VALUES ('Lin', 'c-1', false, now())"))
    with Project.open(pg_url) as project, project.session() as session:
        assert project.upgraded_from == "0001" and project.backup_path is None  # one transaction, no file copy
        assert project.name == "old study" and find_coder(session, "Lin").uuid == "c-1"
    downgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM coders")).scalars().all() == ["Lin"]
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(text("coders"))).scalar() == 1
    downgrade(engine, "base")  # every downgrade step runs on PostgreSQL too
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    engine.dispose()


def test_read_only_open_of_an_old_database_changes_nothing(pg_url: str, pg_server: RunningServer) -> None:
    with pg_server.connect(autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{make_url(pg_url).database}"')
    engine = create_engine(make_url(pg_url))
    migrate(engine, "0003")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO project_meta (key, value) VALUES ('app', 'concord')"))
    with pytest.raises(ProjectFileError, match="made by an older Concord \\(schema 0003\\)"):
        Project.open(pg_url, read_only=True)
    assert current_revision(engine) == "0003"
    engine.dispose()


def test_info_reads_the_same_on_both(pg_url: str, tmp_path: Path) -> None:
    for location in (pg_url, str(tmp_path / "same.concord")):
        with Project.create(location) as project, project.session() as session:
            assert project_info(session)["codes_per_level"] == {"1": 1, "2": 5, "3": 8}


# -- the desktop app on a server database ---------------------------------------------------------------
def test_the_app_opens_a_url_codes_and_remembers_it_without_the_password(  # type: ignore[no-untyped-def]
        qtbot, pg_url: str, pg_server: RunningServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QSettings

    from app import dialogs
    from app.main import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, title="Concord": shown.append(message))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, message, title="Concord": shown.append(message))
    run("new", pg_url)
    run("import", pg_url, transcripts(tmp_path)[0])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(pg_url, settings, coder="Lin")
    qtbot.addWidget(window)
    assert not shown and window.bench is not None and window.bench.project.on_server
    assert window.project_path is None  # nothing file-only (backups, file watcher) runs on a server project
    assert window.apply_code(window.effective_slots()[1], (57, 139))
    assert window.projects.show_import_dialog() is not None and not shown  # imports run there too: test_server_jobs
    window.close_project()
    with Project.open(pg_url) as project, project.session() as session:
        (coding,) = session.scalars(select(Coding)).all()  # widened to whole words by the app's snapping
        assert coding.start <= 57 and coding.end >= 139 and coding.end - coding.start < 90
    remembered = window.settings.recent_projects()
    url = make_url(pg_url)
    assert remembered == [f"postgresql+psycopg://lead_admin@127.0.0.1:{url.port}/{url.database}"]
    settings.sync()
    assert pg_server.password not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    monkeypatch.setenv("PGPASSWORD", pg_server.password)  # reopened from the recent list: libpq finds it
    assert window.open_project(remembered[0]) and window.bench is not None and window.bench.coder_name == "Lin"
    window.close_project()
    assert not window.open_project("mysql://a:b@h/db") and "unknown database driver 'mysql'" in shown[-1]


def test_file_only_commands_refuse_a_url_in_one_line() -> None:
    url = "postgresql+psycopg://lead:s3cret@127.0.0.1:5432/study"
    for args, message in ((["backup", "list", url], "backed up by the server"),
                          (["backup", "now", url], "backed up by the server"),
                          (["check", url], "checks a .concord project file")):
        result = run(*args, ok=False)
        assert result.exit_code == 1 and message in result.stderr, result.output
        assert "s3cret" not in result.stderr and "lead:***@127.0.0.1" in result.stderr


@pytest.mark.parametrize(("args", "echoed"), [
    (["audit", "verify", "{url}", "{url}"], True), (["memo", "{url}"], True), (["codebook", "rename", "{url}", "a", "b"], True),
    (["info", "{url}", "extra"], False),
])
def test_usage_errors_do_not_echo_the_password(args: list[str], echoed: bool) -> None:
    url = "postgresql+psycopg://lead:s3cret-pw@127.0.0.1:5432/study"
    result = run(*[arg.format(url=url) for arg in args], ok=False)
    assert result.exit_code == 2 and "Error:" in result.output and "s3cret-pw" not in result.output
    assert ("lead:***@127.0.0.1" in result.output) == echoed


def test_the_analyses_run_on_a_server_project(pg_url: str, tmp_path: Path) -> None:
    run("new", pg_url)
    run("import", pg_url, transcripts(tmp_path)[0])
    hits = json.loads(run("search", pg_url, "hospital", "--json").output)["hits"]  # once refused: file only
    assert [hit["match"] for hit in hits] == ["hospital", "hospital", "hospital"]
