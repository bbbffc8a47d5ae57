"""``init``, ``start``, ``stop`` and ``status`` of a server directory.

Authentication is scram-sha-256 on every line of pg_hba.conf (no trust, no peer): the generated superuser
password is written to ``DIR/superuser.password`` (0600) and shown once by the CLI. Which addresses can reach
the server is decided by ``--host`` (listen_addresses); pg_hba then asks every client for a password.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

from coding.server import tls
from coding.server.runtime import Runner, ServerError, prepare_runner, runner_for
from coding.server.users import GROUP_ROLES, check_role_name
from coding.i18n import translate

SETTINGS_FILE = "concord-server.json"
PASSWORD_FILE = "superuser.password"
STATE_FILE = "state.json"  # in run/: how the running server was started
DATA = "data"
RUN = "run"
LOG = "server.log"
START_TIMEOUT_S = 30
PG_HBA = """\
# Written by concord server init: every connection authenticates with scram-sha-256 (no trust, no peer).
# Who can reach the server at all is set by `concord server start --host`.
# TYPE  DATABASE  USER  ADDRESS    METHOD
local   all       all              scram-sha-256
host    all       all   0.0.0.0/0  scram-sha-256
host    all       all   ::/0       scram-sha-256
"""


@dataclass(frozen=True)
class InitResult:
    directory: Path
    superuser: str
    password: str
    version: str
    system_user: str | None


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    directory: Path
    data_dir: Path
    version: str
    pid: int | None = None
    host: str | None = None
    port: int | None = None
    tls: bool = False
    socket_dir: Path | None = None

    def to_dict(self) -> dict[str, object]:
        return {key: str(value) if isinstance(value, Path) else value for key, value in asdict(self).items()}


# -- init -------------------------------------------------------------------------------------------------------
def init_server(directory: Path, superuser: str = "postgres") -> InitResult:
    """Create a cluster in ``directory`` (new or empty) with a generated superuser password and the group roles."""
    check_role_name(superuser, what=translate("names", "superuser name"))
    directory = directory.expanduser().absolute()
    _check_free_for_init(directory)
    owner = None if not directory.exists() else (directory.stat().st_uid, directory.stat().st_gid)
    directory.mkdir(exist_ok=True)
    try:
        return _init_in(directory, superuser)
    except BaseException:
        _undo_init(directory, owner)
        raise


def _check_free_for_init(directory: Path) -> None:
    if (directory / SETTINGS_FILE).exists() or (directory / DATA / "PG_VERSION").exists():
        raise ServerError(translate(
            "errors", "{directory} already holds a Concord server; start it with 'concord server start'").format(
            directory=directory))
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ServerError(translate(
            "errors", "{directory} is not an empty directory; choose a new or empty one for the server").format(
            directory=directory))
    if not directory.parent.is_dir():
        raise ServerError(translate(
            "errors", "{parent} does not exist; create it first").format(parent=directory.parent))


def _init_in(directory: Path, superuser: str) -> InitResult:
    runner = prepare_runner(directory)
    password = secrets.token_urlsafe(24)
    password_file = directory / PASSWORD_FILE
    password_file.touch(mode=0o600)
    password_file.chmod(0o600)
    password_file.write_text(password + "\n", encoding="utf-8")
    (directory / RUN).mkdir(mode=0o700)
    runner.give(directory)
    _check(runner.run("initdb", ["-D", str(directory / DATA), "-U", superuser, f"--pwfile={password_file}",
                                 "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"], cwd=directory, timeout=120),
           "initdb")
    (directory / DATA / "pg_hba.conf").write_text(PG_HBA, encoding="utf-8")
    _create_group_roles(runner, directory)
    version = _version(directory)
    settings = {"format": 1, "superuser": superuser, "postgres": version,
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
                "system_user": runner.system_user}
    (directory / SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    runner.give(directory)
    return InitResult(directory, superuser, password, version, runner.system_user)


def _create_group_roles(runner: Runner, directory: Path) -> None:
    """The three group roles, made in single-user mode (no server start needed). Grants come later."""
    statements = "".join(f"CREATE ROLE {name} NOLOGIN;\n" for name in GROUP_ROLES.values())
    result = runner.run("postgres", ["--single", "-D", str(directory / DATA), "-c", "exit_on_error=on",
                                     "postgres"], cwd=directory, stdin=statements)
    _check(result, "creating the group roles")


def _undo_init(directory: Path, owner: tuple[int, int] | None) -> None:
    """Leave the folder as it was: removed if init made it, else empty and with its owner back."""
    import shutil

    if owner is None:
        shutil.rmtree(directory, ignore_errors=True)
        return
    for child in directory.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    if (directory.stat().st_uid, directory.stat().st_gid) != owner:
        os.chown(directory, *owner)


def _check(result: subprocess.CompletedProcess[str], step: str) -> None:
    if result.returncode != 0:
        lines = [line for line in (result.stderr + result.stdout).splitlines() if line.strip()]
        detail = next((line for line in lines if "FATAL" in line or "error" in line.lower()), lines[-1] if lines
                      else f"exit status {result.returncode}")
        raise ServerError(translate("errors", "{step} failed: {value}").format(step=step, value=detail.strip()))


# -- status -----------------------------------------------------------------------------------------------------
def require_server_dir(directory: Path) -> Path:
    directory = directory.expanduser().absolute()
    if not (directory / SETTINGS_FILE).is_file() or not (directory / DATA / "PG_VERSION").is_file():
        raise ServerError(translate(
            "errors", "{directory} is not a Concord server directory (create one with 'concord server init')").format(
            directory=directory))
    return directory


def server_status(directory: Path) -> ServerStatus:
    directory = require_server_dir(directory)
    data = directory / DATA
    version = _version(directory)
    pid = _postmaster_pid(data)
    if pid is None:
        return ServerStatus(False, directory, data, version)
    state = _read_state(directory) or _postmaster_address(data)
    socket_dir = directory / RUN if (directory / RUN / f".s.PGSQL.{state.get('internal_port')}").exists() else None
    return ServerStatus(True, directory, data, version, pid, state.get("host"), state.get("port"),
                        bool(state.get("tls")), socket_dir)


class _ServerState(TypedDict, total=False):
    """How the running server was started (run/state.json), or what postmaster.pid tells of it."""

    host: str | None
    port: int
    tls: bool
    internal_port: int  # where PostgreSQL itself listens (behind the TLS front end under TLS)


def _postmaster_address(data: Path) -> _ServerState:
    """Host and port from postmaster.pid, for a server started without Concord (e.g. by pg_ctl)."""
    lines = (data / "postmaster.pid").read_text(encoding="utf-8").splitlines()
    if len(lines) < 6 or not lines[3].strip().isdigit():
        return {}
    port = int(lines[3])
    return {"host": lines[5].strip() or None, "port": port, "tls": False, "internal_port": port}


def _version(directory: Path) -> str:
    result = runner_for(directory).run("postgres", ["--version"], cwd=directory)
    return result.stdout.strip().rsplit(" ", 1)[-1] if result.returncode == 0 else \
        (directory / DATA / "PG_VERSION").read_text(encoding="utf-8").strip()


def _postmaster_pid(data: Path) -> int | None:
    """The postmaster's pid when it is alive (a postmaster.pid left by a crash does not count)."""
    try:
        pid = int((data / "postmaster.pid").read_text(encoding="utf-8").split("\n", 1)[0])
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)  # signal 0: is it alive? (not our child, so no zombie to reap)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, owned by another user
    return pid


def _read_state(directory: Path) -> _ServerState:
    try:
        state: _ServerState = json.loads((directory / RUN / STATE_FILE).read_text(encoding="utf-8"))
        return state
    except (FileNotFoundError, ValueError):
        return {}


# -- start and stop ---------------------------------------------------------------------------------------------
def start_server(directory: Path, host: str = "127.0.0.1", port: int = 5432, cert: Path | None = None,
                 key: Path | None = None) -> ServerStatus:
    """Start the server and return once it accepts connections. With ``cert`` and ``key``, clients connect with TLS."""
    status = server_status(directory)
    directory = status.directory
    if status.running:
        raise ServerError(
            translate(
                "errors", "the server in {directory} is already running (pid {pid}, {host}:{port})").format(
                directory=directory, pid=status.pid, host=status.host, port=status.port))
    tls_files = tls.check_files(cert, key) if (cert or key) else None
    _check_port_free(host, port)
    runner = runner_for(directory)
    # Under TLS, PostgreSQL (built without OpenSSL) listens on loopback only and a TLS front end takes host:port.
    internal_port = _free_port() if tls_files else port
    listen = "127.0.0.1" if tls_files else host
    (directory / RUN).mkdir(mode=0o700, exist_ok=True)
    _write_state(directory, {"host": host, "port": port, "tls": bool(tls_files), "internal_port": internal_port})
    runner.give(directory / RUN)
    socket_dir = directory / RUN if len(str(directory / RUN / f".s.PGSQL.{internal_port}")) < 100 else ""
    options = f"-c listen_addresses='{listen}' -p {internal_port} -c unix_socket_directories='{socket_dir}'"
    log_start = (directory / LOG).stat().st_size if (directory / LOG).exists() else 0
    result = runner.run("pg_ctl", ["-D", str(directory / DATA), "-l", str(directory / LOG), "-w",
                                   "-t", str(START_TIMEOUT_S), "-o", options, "start"], cwd=directory,
                        timeout=START_TIMEOUT_S + 10)
    if result.returncode != 0:
        (directory / RUN / STATE_FILE).unlink(missing_ok=True)
        raise ServerError(translate(
            "errors", "the server in {directory} did not start: {value}").format(
            directory=directory, value=_log_reason(directory, log_start)))
    try:
        _wait_accepting("127.0.0.1" if tls_files else _connect_host(host), internal_port, runner, directory)
        if tls_files:
            tls.start_front(directory / RUN, host, port, internal_port, tls_files, runner.system_user)
    except ServerError:
        stop_server(directory)  # all or nothing: no half-started server is left behind
        raise
    return server_status(directory)


def stop_server(directory: Path) -> ServerStatus:
    status = server_status(directory)
    if not status.running:
        raise ServerError(translate(
            "errors", "the server in {directory} is not running").format(directory=status.directory))
    tls.stop_front(status.directory / RUN)
    result = runner_for(status.directory).run(
        "pg_ctl", ["-D", str(status.data_dir), "-m", "fast", "-w", "-t", str(START_TIMEOUT_S), "stop"],
        cwd=status.directory, timeout=START_TIMEOUT_S + 10)
    _check(result, f"stopping the server in {status.directory}")
    (status.directory / RUN / STATE_FILE).unlink(missing_ok=True)
    return server_status(status.directory)


def _write_state(directory: Path, state: _ServerState) -> None:
    (directory / RUN / STATE_FILE).write_text(json.dumps(state) + "\n", encoding="utf-8")


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as PostgreSQL does: TIME_WAIT is no clash
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServerError(translate(
                    "errors", "port {port} on {host} is already in use by another program").format(
                    port=port, host=host)) from exc
            raise ServerError(translate(
                "errors", "cannot listen on {host}:{port}: {strerror}").format(
                host=host, port=port, strerror=exc.strerror)) from exc


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def connect_host(status: ServerStatus) -> tuple[str, int]:
    """Where a local admin client reaches PostgreSQL: its loopback side when it listens on every address, and
    PostgreSQL itself (not the TLS front end) under TLS."""
    assert status.host is not None and status.port is not None
    if status.tls:
        return "127.0.0.1", int(str(_read_state(status.directory)["internal_port"]))
    return _connect_host(status.host), status.port


def _connect_host(host: str) -> str:
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "*": "127.0.0.1", "": "127.0.0.1"}.get(host, host)


def _wait_accepting(host: str, port: int, runner: Runner, directory: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if runner.run("pg_isready", ["-h", host, "-p", str(port), "-t", "2"], cwd=directory).returncode == 0:
            return
        time.sleep(0.1)
    raise ServerError(translate(
        "errors", "the server in {directory} started but does not accept connections on {host}:{port}").format(
        directory=directory, host=host, port=port))


def _log_reason(directory: Path, offset: int) -> str:
    """The last FATAL or ERROR line this start wrote to the log (earlier starts' lines are skipped)."""
    try:
        with open(directory / LOG, "rb") as log:
            log.seek(offset)
            lines = log.read().decode("utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return "no log written"
    fatal = [line for line in lines if "FATAL" in line or "ERROR" in line]
    return (fatal or lines or ["no log written"])[-1].split(":  ", 1)[-1].strip()


def superuser_login(directory: Path) -> tuple[str, str]:
    """The superuser's name and password, from the files ``init`` wrote."""
    settings = json.loads((directory / SETTINGS_FILE).read_text(encoding="utf-8"))
    return settings["superuser"], (directory / PASSWORD_FILE).read_text(encoding="utf-8").strip()

