"""Login roles for the people of a lab: ``add_user`` with a generated one-time password.

Each login role is a member of one group role made at ``init``: concord_lead, concord_coder or concord_viewer
(a lead may also create databases). The grants and row-level security policies on those group roles are each
project's, set by ``concord team setup`` (and by ``concord new URL`` on this server): ``coding/team/roles.py``.
The password is hashed to a SCRAM verifier on the client (libpq's PQencryptPasswordConn), so the plain password
never travels to or is logged by the server.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from coding.errors import DuplicateError, ValidationError
from coding.server.runtime import ServerError
from coding.i18n import translate

GROUP_ROLES = {"lead": "concord_lead", "coder": "concord_coder", "viewer": "concord_viewer"}
MAX_NAME_BYTES = 63  # NAMEDATALEN - 1
RESERVED_NAMES = {"public", "none", "current_user", "session_user", "current_role", "all"}


@dataclass(frozen=True)
class NewUser:
    user: str
    password: str
    role: str

    def to_dict(self) -> dict[str, str]:
        return {"user": self.user, "password": self.password, "role": self.role}


def check_role_name(name: str, *, what: str | None = None) -> None:
    """PostgreSQL's identifier rules (a letter or _, then letters, digits, _ or $; at most 63 bytes), minus the
    names PostgreSQL reserves and Concord's own group roles. Case is kept: the name is always quoted."""
    problem = None
    if not name:
        problem = translate("errors", "is empty")
    elif not (name[0].isalpha() or name[0] == "_") or not all(ch.isalnum() or ch in "_$" for ch in name):
        problem = translate("errors", "must start with a letter or _ and hold only letters, digits, _ and $")
    elif len(name.encode("utf-8")) > MAX_NAME_BYTES:
        problem = translate("errors", "is longer than {count} bytes").format(count=MAX_NAME_BYTES)
    elif name.lower().startswith("pg_") or name.lower() in RESERVED_NAMES:
        problem = translate("errors", "is reserved by PostgreSQL")
    elif name.lower().startswith("concord_"):
        problem = translate("errors", "is reserved for Concord's group roles")
    if problem:
        raise ValidationError(translate(
            "errors", "{what} {name!r} {problem}").format(
            what=what or translate("names", "user name"), name=name, problem=problem))


def add_user(directory: Path, name: str, role: str) -> NewUser:
    """Create LOGIN role ``name`` in group ``role`` on the running server in ``directory``."""
    import psycopg
    from psycopg import sql

    from coding.server.cluster import connect_host, server_status, superuser_login

    check_role_name(name)
    if role not in GROUP_ROLES:
        raise ValidationError(translate(
            "errors", "unknown role {role!r}; choose one of {value}").format(role=role, value=', '.join(GROUP_ROLES)))
    status = server_status(directory)
    if not status.running:
        raise ServerError(translate(
            "errors", "the server in {directory} is not running; start it with 'concord server start'").format(
            directory=status.directory))
    password = secrets.token_urlsafe(18)
    superuser, superuser_password = superuser_login(status.directory)
    host, port = connect_host(status)
    try:
        with psycopg.connect(host=host, port=port, user=superuser, password=superuser_password,
                             dbname="postgres", sslmode="prefer", connect_timeout=10) as conn:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                raise _already_exists(name, status.directory)
            verifier = conn.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
            # A lead may create project databases (`concord new URL`); attributes are not inherited from groups.
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN {} PASSWORD {} IN ROLE {}").format(
                sql.Identifier(name), sql.SQL("CREATEDB" if role == "lead" else "NOCREATEDB"), sql.Literal(verifier),
                sql.Identifier(GROUP_ROLES[role])))
    except psycopg.errors.DuplicateObject as exc:  # made by someone else between the check and CREATE ROLE
        raise _already_exists(name, status.directory) from exc
    except psycopg.OperationalError as exc:
        raise ServerError(translate(
            "errors", "cannot connect to the server in {directory}: {value}").format(
            directory=status.directory, value=str(exc).strip())) from exc
    except psycopg.Error as exc:
        raise ServerError(translate(
            "errors", "the server in {directory} refused to create {name!r}: {value}").format(
            directory=status.directory, name=name, value=str(exc).strip())
                          ) from exc
    return NewUser(name, password, role)


def _already_exists(name: str, directory: Path) -> DuplicateError:
    return DuplicateError(f"a user or role named {name!r} already exists on the server in {directory}")
