"""init / start / status / stop on real servers, and the inputs each refuses with one line, changing nothing."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from coding.cli import cli
from coding.errors import ValidationError
from coding.server import ServerError, init_server, server_status, start_server
from coding.server.cluster import PASSWORD_FILE
from tests.server.conftest import RunningServer, free_port


def _hba_rules(directory: Path) -> list[list[str]]:
    text = (directory / "data" / "pg_hba.conf").read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_every_pg_hba_line_asks_for_a_scram_password(pg_server: RunningServer) -> None:
    rules = _hba_rules(pg_server.directory)
    assert {rule[0] for rule in rules} == {"local", "host"}
    assert all(rule[-1] == "scram-sha-256" for rule in rules), rules


def test_status_of_the_running_server(pg_server: RunningServer) -> None:
    status = server_status(pg_server.directory)
    assert status.running and (status.host, status.port, status.tls) == ("127.0.0.1", pg_server.port, False)
    assert status.data_dir == pg_server.directory / "data" and status.version.startswith("18.")
    os.kill(status.pid, 0)  # a live process
    with pg_server.connect() as conn:
        assert conn.execute("SELECT pg_postmaster_start_time() IS NOT NULL, current_setting('server_version')"
                            ).fetchone() == (True, status.version)


def test_cli_status_json(pg_server: RunningServer) -> None:
    result = CliRunner().invoke(cli, ["server", "status", str(pg_server.directory), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {key: data[key] for key in ("running", "host", "port", "data_dir")} == {
        "running": True, "host": "127.0.0.1", "port": pg_server.port, "data_dir": str(pg_server.directory / "data")}
    assert isinstance(data["pid"], int) and data["version"].startswith("18.")


def test_a_second_start_is_refused(pg_server: RunningServer) -> None:
    pid = server_status(pg_server.directory).pid
    with pytest.raises(ServerError, match=f"already running \\(pid {pid}"):
        start_server(pg_server.directory, "127.0.0.1", free_port())
    assert server_status(pg_server.directory).pid == pid


def test_cli_lifecycle_init_start_stop(pg_base: Path) -> None:
    runner = CliRunner()
    directory = pg_base / "team"
    port = free_port()
    created = runner.invoke(cli, ["server", "init", str(directory), "--superuser", "boss", "--json"])
    assert created.exit_code == 0, created.output
    password = json.loads(created.output)["password"]
    assert (directory / PASSWORD_FILE).read_text(encoding="utf-8").strip() == password
    assert not server_status(directory).running
    started = runner.invoke(cli, ["server", "start", str(directory), "--port", str(port)])
    assert started.exit_code == 0, started.output
    assert "Running: PostgreSQL 18." in started.output and f"127.0.0.1:{port}" in started.output
    with psycopg.connect(host="127.0.0.1", port=port, user="boss", password=password, dbname="postgres") as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("boss",)
        conn.execute("CREATE TABLE kept (note text)")
        conn.execute("INSERT INTO kept VALUES ('written before the restart')")
    stopped = runner.invoke(cli, ["server", "stop", str(directory)])
    assert stopped.exit_code == 0, stopped.output
    status = json.loads(runner.invoke(cli, ["server", "status", str(directory), "--json"]).output)
    assert status["running"] is False and status["pid"] is None
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=port, user="boss", password=password, dbname="postgres",
                        connect_timeout=3)
    again = runner.invoke(cli, ["server", "stop", str(directory)])
    assert again.exit_code == 1 and again.output.strip() == f"Error: the server in {directory} is not running"
    no_server = runner.invoke(cli, ["server", "add-user", str(directory), "Lin", "--role", "coder"])
    assert no_server.exit_code == 1 and "is not running; start it with 'concord server start'" in no_server.output
    start_server(directory, "127.0.0.1", port)
    with psycopg.connect(host="127.0.0.1", port=port, user="boss", password=password, dbname="postgres") as conn:
        assert conn.execute("SELECT note FROM kept").fetchall() == [("written before the restart",)]


def test_start_on_a_busy_port_is_refused(pg_stopped: Path) -> None:
    directory = pg_stopped
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(cli, ["server", "start", str(directory), "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: port {port} on 127.0.0.1 is already in use by another program"
    assert not server_status(directory).running and not (directory / "run" / "state.json").exists()


def test_a_folder_that_is_not_a_server_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a cluster", encoding="utf-8")
    for command in (["start"], ["stop"], ["status"], ["add-user"]):
        args = ["server", *command, str(tmp_path)] + (["Lin", "--role", "coder"] if command == ["add-user"] else [])
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, (command, result.output)
        assert result.output.strip() == (f"Error: {tmp_path} is not a Concord server directory "
                                         "(create one with 'concord server init')")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_init_refuses_a_folder_in_use_and_bad_superuser_names(pg_server: RunningServer, tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="already holds a Concord server"):
        init_server(pg_server.directory)
    (tmp_path / "thesis.docx").write_bytes(b"keep me")
    with pytest.raises(ServerError, match="is not an empty directory"):
        init_server(tmp_path)
    with pytest.raises(ValidationError, match="superuser name 'bad-name'"):
        init_server(tmp_path / "new", "bad-name")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["thesis.docx"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root hands the server to a user")
def test_as_root_the_server_runs_as_an_unprivileged_user(pg_server: RunningServer, tmp_path: Path) -> None:
    import pwd

    pid = server_status(pg_server.directory).pid
    assert pwd.getpwuid(os.stat(f"/proc/{pid}").st_uid).pw_name == "embedded_postgres"
    # pytest's tmp folders are 0700: the server user could not reach a server there, so init says so up front.
    with pytest.raises(ServerError, match="cannot be entered by other users"):
        init_server(tmp_path / "lab")
    assert not (tmp_path / "lab").exists()

