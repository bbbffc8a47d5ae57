"""A project lock: one writing process per project file, with who holds it and since when.

The lock is a small JSON file beside the project (``study.concord.lock``) held with ``flock``. An ``flock``
belongs to the open file description, not to the process, so — unlike SQLite's POSIX locks — it is not dropped
when some other descriptor of the same file is closed. A process that dies loses its ``flock`` with it, so a
lock file whose ``flock`` can be taken is stale and is cleared (the holder it names is reported). Reading who
holds a lock never takes it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

LOCK_SUFFIX = ".lock"


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or held) a project: written into the lock file by the holder."""

    user: str
    host: str
    pid: int
    since: str  # ISO time, UTC
    program: str = "Concord"
    coder: str = ""

    def describe(self) -> str:
        who = f"{self.coder} ({self.user})" if self.coder and self.coder != self.user else self.user
        where = f"process {self.pid} on {self.host}"
        return f"{who}, {where}, since {self.since_local()}"

    def since_local(self) -> str:
        try:
            return datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since

    @classmethod
    def of_this_process(cls, user: str, coder: str = "") -> LockHolder:
        return cls(user=user, host=socket.gethostname(), pid=os.getpid(),
                   since=datetime.now(UTC).isoformat(timespec="seconds"), coder=coder)

    @classmethod
    def parse(cls, raw: str) -> LockHolder | None:
        try:
            data = json.loads(raw)
            return cls(user=str(data["user"]), host=str(data["host"]), pid=int(data["pid"]),
                       since=str(data["since"]), program=str(data.get("program", "Concord")),
                       coder=str(data.get("coder", "")))
        except (ValueError, KeyError, TypeError):
            return None


class LockBusy(Exception):
    """Another live process holds the lock."""

    def __init__(self, holder: LockHolder | None) -> None:
        self.holder = holder
        super().__init__(holder.describe() if holder else "another program")


def lock_path_for(project_path: Path) -> Path:
    return project_path.with_name(project_path.name + LOCK_SUFFIX)


def read_holder(project_path: Path) -> LockHolder | None:
    """Who the lock file names (None when there is none or it is unreadable); does not say whether it is live."""
    try:
        return LockHolder.parse(lock_path_for(project_path).read_text(encoding="utf-8"))
    except OSError:
        return None


class ProjectLock:
    """The held lock of one project; ``release`` removes the lock file."""

    def __init__(self, path: Path, handle: IO[str], holder: LockHolder, stale: LockHolder | None) -> None:
        self.path = path
        self._handle: IO[str] | None = handle
        self.holder = holder
        self.cleared_stale = stale  # the holder of a stale lock this one replaced, if any

    @classmethod
    def acquire(cls, project_path: Path, user: str) -> ProjectLock:
        """Take the lock or raise ``LockBusy`` naming the holder; ``OSError`` when the folder is not writable."""
        path = lock_path_for(project_path)
        for _attempt in range(5):
            handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
            if not _try_lock(handle):
                handle.seek(0)
                holder = LockHolder.parse(handle.read())
                handle.close()
                raise LockBusy(holder)
            if not _same_file(handle, path):  # the previous holder removed it between our open and lock
                _unlock(handle)
                handle.close()
                continue
            handle.seek(0)
            previous = handle.read().strip()
            stale = LockHolder.parse(previous) if previous else None
            holder = LockHolder.of_this_process(user)
            lock = cls(path, handle, holder, stale if stale and stale.pid != os.getpid() else None)
            lock._write(holder)
            return lock
        raise LockBusy(read_holder(project_path))

    def set_coder(self, coder: str) -> None:
        """Name the coder working in this process (shown to whoever is refused)."""
        self.holder = LockHolder(**{**asdict(self.holder), "coder": coder})
        self._write(self.holder)

    def _write(self, holder: LockHolder) -> None:
        if self._handle is None:
            return
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.write(json.dumps(asdict(holder), ensure_ascii=False))
        self._handle.flush()

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            if _same_file(self._handle, self.path):
                self.path.unlink(missing_ok=True)  # unlink while still holding it: nobody can take a dead file
        except OSError:
            pass
        _unlock(self._handle)
        self._handle.close()
        self._handle = None

    @property
    def held(self) -> bool:
        return self._handle is not None


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        mine, there = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = ["LOCK_SUFFIX", "LockBusy", "LockHolder", "ProjectLock", "lock_path_for", "read_holder"]
