"""Hidden work files beside a target (an import's new project, an export's archive), and the clearing
of those an interrupted run left behind.

An import builds its project in ``.{name}.importing-{host}-{pid}-{token}.concord`` (with SQLite's
``-wal``/``-shm``/``-journal`` and the project lock's ``.lock`` beside it) and moves it into place
only when complete; an export writes ``.{name}.exporting-{host}-{pid}-{token}{suffix}.tmp``. Every
failure, ``KeyboardInterrupt`` included, removes them; a run killed outright (``kill -9``, a power
cut) cannot, so the next import or export into the same folder clears them — safely:

* a work file of this machine is cleared only when the process named in it no longer runs;
* one from another machine (a shared folder), or named the way older versions did, only when none
  of its files has changed for ``STALE_AFTER`` (nothing else can tell whether its writer is alive);
* only regular files matching those names are touched; symbolic links and folders never are.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import time
import uuid
from collections import defaultdict
from pathlib import Path

STALE_AFTER_SECONDS = 24 * 3600
HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", errors="replace")).hexdigest()[:8]

_CURRENT_RE = re.compile(r"^\..+\.(?:importing|exporting)-(?P<host>[0-9a-f]{8})-(?P<pid>\d{1,10})-[0-9a-f]{8}")
# What older versions named an import's project (their export files had no name distinct enough to clear).
_OLDER_RE = re.compile(r"^\..+\.importing-[0-9a-f]{8}\.concord")


def scratch_path(target: Path, kind: str, suffix: str) -> Path:
    """A hidden work file beside ``target`` that names this machine and process (``kind``: importing/exporting)."""
    return target.with_name(f".{target.stem}.{kind}-{HOST_TAG}-{os.getpid()}-{uuid.uuid4().hex[:8]}{suffix}")


def remove_scratch(path: Path) -> None:
    """Remove a work file and everything named after it (``-wal``, ``-shm``, ``-journal``, ``.lock``)."""
    for candidate in _named_after(path.parent, path.name):
        _unlink_regular(candidate)


def clear_stale(folder: Path) -> list[Path]:
    """Remove the work files in ``folder`` whose run was interrupted; returns what was removed."""
    groups: dict[str, list[Path]] = defaultdict(list)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        match = _CURRENT_RE.match(entry.name) or _OLDER_RE.match(entry.name)
        if match:
            groups[match.group(0)].append(Path(entry.path))
    removed: list[Path] = []
    for stem, paths in groups.items():
        if _is_stale(stem, paths):
            removed.extend(path for path in paths if _unlink_regular(path))
    return removed


def _is_stale(stem: str, paths: list[Path]) -> bool:
    match = _CURRENT_RE.match(stem)
    if match and match.group("host") == HOST_TAG:
        return not _process_alive(int(match.group("pid")))
    return _untouched_for(paths, STALE_AFTER_SECONDS)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():  # another thread of this process (the app imports in a worker)
        return True
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):  # alive under another user, or not ours to judge
        return True
    return True


def _untouched_for(paths: list[Path], seconds: float) -> bool:
    newest = 0.0
    for path in paths:
        try:
            newest = max(newest, path.lstat().st_mtime)
        except OSError:
            continue
    return newest > 0 and time.time() - newest > seconds


def _named_after(folder: Path, name: str) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder) if entry.name.startswith(name)]
    except OSError:
        return []


def _unlink_regular(path: Path) -> bool:
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError:
        return False
    return True


__all__ = ["HOST_TAG", "STALE_AFTER_SECONDS", "clear_stale", "remove_scratch", "scratch_path"]
