"""Noticing that someone else changed a project file: another program, another process, a merge.

``OutsideChanges(path).poll()`` is cheap (one ``PRAGMA data_version`` and one ``os.stat``) and answers
whether anything *outside this process* committed to the file, or replaced it, since the last poll.

``PRAGMA data_version`` on a connection changes whenever any *other* connection commits, which includes
this process's own engines. Those commits are counted here: a SQLAlchemy ``commit`` event (fired just
before the COMMIT) marks a commit pending, and the connection's next ``begin``, ``checkin`` or ``reset``
(after the COMMIT returned) marks it done. A poll reads the counters, then ``data_version``, then the
counters again, and blames a change on the outside only when no commit of this process was pending or
finished since the previous poll's look. So the window's own writes are never reported; the price is
that an outside commit landing in the same few seconds as one of ours goes unnoticed until the next
outside commit.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, event
from sqlalchemy.pool import Pool

_lock = threading.Lock()
_installed = False
_files: weakref.WeakKeyDictionary[Engine, str | None] = weakref.WeakKeyDictionary()
_pending: dict[int, str] = {}  # id(DBAPI connection) -> file, between COMMIT sent and returned
_counts: dict[str, list[int]] = {}  # file -> [pending, done]


def _file_key(path: str | Path) -> str:
    return os.path.realpath(path)


def _engine_file(engine: Engine) -> str | None:
    key = _files.get(engine, "")
    if key == "":
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        key = _file_key(database) if database and database != ":memory:" else None
        _files[engine] = key
    return key


def _on_commit(connection: Any) -> None:
    key = _engine_file(connection.engine)
    if key is None:
        return
    dbapi = connection.connection.dbapi_connection
    with _lock:
        if id(dbapi) in _pending:
            return
        _pending[id(dbapi)] = key
        _counts.setdefault(key, [0, 0])[0] += 1


def _settle(dbapi: Any) -> None:
    """The connection is used again or given back: its COMMIT has returned."""
    with _lock:
        key = _pending.pop(id(dbapi), None)
        if key is not None:
            counts = _counts[key]
            counts[0] -= 1
            counts[1] += 1


def _on_begin(connection: Any) -> None:
    _settle(connection.connection.dbapi_connection)


def _on_checkin(dbapi: Any, _record: Any) -> None:
    _settle(dbapi)


def _on_reset(dbapi: Any, _record: Any, _state: Any) -> None:
    _settle(dbapi)


def _install() -> None:
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    event.listen(Engine, "commit", _on_commit)
    event.listen(Engine, "begin", _on_begin)
    event.listen(Pool, "checkin", _on_checkin)
    event.listen(Pool, "reset", _on_reset)


def own_commits(path: str | Path) -> tuple[int, int]:
    """(pending, done) commits of this process's engines to ``path``."""
    with _lock:
        pending, done = _counts.get(_file_key(path), (0, 0))
    return pending, done


@dataclass(frozen=True)
class OutsideChange:
    kind: str  # "changed" | "replaced" | "missing"
    message: str


class OutsideChanges:
    """Polls one project file for commits (or a replacement) that did not come from this process."""

    def __init__(self, path: str | Path) -> None:
        _install()
        self.path = Path(path)
        self._key = _file_key(self.path)
        uri = f"file:{quote(str(self.path.resolve()))}"
        try:
            self._connection = sqlite3.connect(uri + "?mode=rw", uri=True, check_same_thread=False)
        except sqlite3.OperationalError:  # a read-only file or folder
            self._connection = sqlite3.connect(uri + "?mode=ro", uri=True, check_same_thread=False)
        self._inode = self._current_inode()
        self._version = self._data_version()
        self._done = own_commits(self.path)[1]

    def _current_inode(self) -> int | None:
        try:
            return os.stat(self.path).st_ino
        except OSError:
            return None

    def _data_version(self) -> int:
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> OutsideChange | None:
        """What changed outside this process since the last poll (or since the watch began), if anything."""
        inode = self._current_inode()
        if inode is None:
            return OutsideChange("missing", f"{self.path} was moved or deleted by another program")
        if inode != self._inode:
            self._inode = inode
            return OutsideChange("replaced", f"{self.path} was replaced by another file (another program wrote it)")
        pending_before, done_before = own_commits(self.path)
        version = self._data_version()
        pending_after, done_after = own_commits(self.path)
        changed = version != self._version
        ours = pending_before or pending_after or done_after != self._done
        self._version, self._done = version, done_before  # commits counted before the read are in ``version``
        if changed and not ours:
            return OutsideChange("changed", f"{self.path} was changed by another program or process")
        return None

    def reset(self) -> None:
        """Forget changes seen so far (after a reload)."""
        self._inode = self._current_inode()
        self._version = self._data_version()
        self._done = own_commits(self.path)[1]

    def close(self) -> None:
        self._connection.close()


__all__ = ["OutsideChange", "OutsideChanges", "own_commits"]
