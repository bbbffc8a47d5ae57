"""Roles on a PostgreSQL server, enforced by the server itself: GRANTs plus row-level security (RLS).

Three group roles, one set per server (cluster): ``concord_lead``, ``concord_coder`` and ``concord_viewer``
(``concord server init`` makes them; ``setup_roles`` makes any that are missing). A person logs in as their own
login role, a member of one group; a coder's login name is their coder name in every project on that server.

What each may do, in every project database ``setup_roles`` ran on:

- **lead**: everything. The project's tables are owned by ``concord_lead``, so every lead may also upgrade the
  schema (an alembic migration) and run ``setup_roles`` again.
- **coder**: reads the project; writes only their own codings (and so their coding memos, which live on the
  codings), their own document statuses (``assignments``), their own row in ``coders`` (made when they first
  open the project) and audit events under their own name (insert, then link into the chain). While the project is blind
  (``project_meta`` key ``team.blind``; unset means blind) a coder cannot SELECT other coders' codings, document
  statuses and coding snapshots, other people's memos, consensus decisions, agreement runs and matrix summaries.
  The audit trail's before/after values would show other coders' codings too: coders read only its chain
  columns (id, time, actor, action, entity, hashes), enough to link their own events.
- **viewer**: reads everything, writes nothing.

RLS filters the rows a statement sees; a coder's UPDATE or DELETE of a coding they can see but do not own is
refused outright by a trigger (``concord_refuse_others``), so nobody gets "0 rows changed" where they expected
an error. Every refusal is PostgreSQL's ``insufficient_privilege`` (SQLSTATE 42501), which ``refusal`` turns
into one line naming the action and the role.

Tables added by a later migration are owned by whoever ran it and have no policies: run ``concord team setup``
again after an upgrade (opening a project for writing does it by itself when the upgrading login may).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coding.audit import record
from coding.changes import Changes
from coding.edits.base import Edit
from coding.errors import ConcordError, ConflictError
from coding.server.users import GROUP_ROLES
from models import ProjectMeta
from coding.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from coding.project import Project

BLIND_KEY = "team.blind"  # "true" / "false"; unset: blind
ROLES_KEY = "team.roles"  # when setup_roles last ran (so an upgrade knows to run it again)
LEAD, CODER, VIEWER = GROUP_ROLES["lead"], GROUP_ROLES["coder"], GROUP_ROLES["viewer"]
POLICY_PREFIX = "concord_"

# The SQL functions the policies call (per database, in the public schema, owned by concord_lead).
_FUNCTIONS = (
    """CREATE OR REPLACE FUNCTION public.concord_blind() RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce((SELECT value <> 'false' FROM public.project_meta WHERE key = 'team.blind'), true) $$""",
    """CREATE OR REPLACE FUNCTION public.concord_own_coder_id() RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT id FROM public.coders WHERE lower(name) = lower(current_user) AND NOT is_consensus LIMIT 1 $$""",
    """CREATE OR REPLACE FUNCTION public.concord_refuse_others() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE owner_id integer := (to_jsonb(OLD) ->> TG_ARGV[0])::integer;
        BEGIN
            IF pg_has_role(current_user, 'concord_coder', 'MEMBER')
               AND NOT pg_has_role(current_user, 'concord_lead', 'MEMBER')
               AND owner_id IS DISTINCT FROM public.concord_own_coder_id() THEN
                RAISE EXCEPTION 'permission denied for table %: a row of another coder', TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
        END $$""",
)


@dataclass(frozen=True)
class CoderRules:
    """What a coder may do with one table: ``read`` is the RLS condition on the rows they see (None: all);
    ``writes`` maps a command (INSERT, UPDATE, DELETE) to its condition; ``guard`` names the column whose
    owner alone may UPDATE or DELETE a row (the trigger's refusal)."""

    read: str | None = None
    writes: tuple[tuple[str, str], ...] = ()
    guard: str | None = None


def _seen(column: str) -> str:
    return f"(NOT public.concord_blind() OR {column} = public.concord_own_coder_id())"


def _own(column: str) -> str:
    return f"({column} = public.concord_own_coder_id())"


BLIND_ONLY = "(NOT public.concord_blind())"
# A coder's audit events carry their own name (their login is their coder name): no event under another's name.
OWN_ACTOR = "(lower(actor) = lower(current_user))"
COVERED: dict[str, CoderRules] = {
    "codings": CoderRules(_seen("coder_id"), (("INSERT", _own("coder_id")), ("UPDATE", _own("coder_id")),
                                              ("DELETE", _own("coder_id"))), guard="coder_id"),
    "assignments": CoderRules(_seen("coder_id"), (("INSERT", _own("coder_id")), ("UPDATE", _own("coder_id"))),
                              guard="coder_id"),
    "coding_snapshots": CoderRules(_seen("coder_id")),
    "memos": CoderRules(f"(author_id IS NULL OR {_seen('author_id')})"),
    "consensus_decisions": CoderRules(BLIND_ONLY),
    "agreement_runs": CoderRules(BLIND_ONLY),
    "agreement_results": CoderRules(BLIND_ONLY),
    "matrix_cell_summaries": CoderRules(BLIND_ONLY),
    "coders": CoderRules(None, (("INSERT", "(lower(name) = lower(current_user) AND NOT is_consensus)"),)),
    "audit_events": CoderRules(None, (("INSERT", f"(hash IS NULL AND prev_hash IS NULL AND {OWN_ACTOR})"),
                                      ("UPDATE", f"(hash IS NULL AND {OWN_ACTOR})"))),
}
CODER_GRANTS = {
    "codings": "INSERT, UPDATE, DELETE", "assignments": "INSERT, UPDATE", "coders": "INSERT",
    "audit_events": "INSERT, UPDATE (prev_hash, hash)",
}
# Coders read the audit trail's chain only: its before/after values would show other coders' codings.
AUDIT_CHAIN_COLUMNS = "id, at, actor, action, entity, entity_uuid, prev_hash, hash"


class RoleRefusedError(ConcordError):
    """The database refused a step this login's role may not take; nothing was saved."""


@dataclass(frozen=True)
class SetupReport:
    database: str
    tables: int
    policies: int
    created_roles: tuple[str, ...]
    blind: bool

    def to_dict(self) -> dict[str, object]:
        return {"database": self.database, "tables": self.tables, "policies": self.policies,
                "created_roles": list(self.created_roles), "blind": self.blind}


# -- who is this login ---------------------------------------------------------------------------------
def login_role(connection: Connection) -> str:
    """``lead``, ``coder`` or ``viewer`` for this login on a PostgreSQL server; ``lead`` too for a superuser,
    a login in no Concord group (the database's own grants decide then) and any SQLite project."""
    if connection.dialect.name != "postgresql":
        return "lead"
    member_of = set(connection.execute(text(
        "SELECT rolname FROM pg_roles WHERE rolname IN (:lead, :coder, :viewer) "
        "AND pg_has_role(current_user, oid, 'MEMBER')"), {"lead": LEAD, "coder": CODER, "viewer": VIEWER}).scalars())
    for role, group in GROUP_ROLES.items():  # lead first: a superuser is a member of every role
        if group in member_of:
            return role
    return "lead"


def login_name(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_user")).scalar())


# -- blind mode -----------------------------------------------------------------------------------------
def team_blind(session: Session) -> bool:
    """Whether the project is blind for coders (unset: blind)."""
    value = session.scalar(select(ProjectMeta.value).where(ProjectMeta.key == BLIND_KEY))
    return value != "false"


def check_may_compare(session: Session, coder_names: Iterable[str]) -> None:
    """Refuse a blind coder's comparison with other coders: the server hides the others' codings from them, so
    the comparison would count the others as having coded nothing. Their own snapshots they may compare."""
    connection = session.connection()
    if login_role(connection) != "coder" or not team_blind(session):
        return
    login = login_name(connection)
    others = sorted({name for name in coder_names if name != login})
    if others:
        raise RoleRefusedError(
            translate(
                "errors", "the project is blind: '{login}' (coder) cannot read the codings of {value}, so cannot "
                "compare coders; a lead runs agreement (or turns blind mode off)").format(
                login=login, value=', '.join(others)))


def set_team_blind(session: Session, blind: bool, *, actor: str) -> Changes:
    """Turn the project's blind mode on or off; only a lead may (the database refuses anyone else too)."""
    connection = session.connection()
    role = login_role(connection)
    if role != "lead":
        raise RoleRefusedError(
            translate(
                "errors", "only a lead turns blind mode on or off; '{value}' is a {role} on this server").format(
                value=login_name(connection), role=role))
    before = team_blind(session)
    meta = session.get(ProjectMeta, BLIND_KEY)
    value = "true" if blind else "false"
    if meta is None:
        session.add(ProjectMeta(key=BLIND_KEY, value=value))
    else:
        meta.value = value
    session.flush()
    record(session, actor, "set_blind", "project", None, {"blind": before}, {"blind": blind})
    return Changes(codings=True, memos=True, assignments=True, consensus=True, agreement=True, matrix=True)


class TeamBlindEdit(Edit):
    """A lead turning the project's blind mode on or off, as an undo step; undo refuses when someone else
    switched it since."""

    def __init__(self, blind: bool) -> None:
        self.blind = blind
        self.before: bool | None = None

    def do(self, session: Session, actor: str) -> Changes:
        self.before = team_blind(session)
        return set_team_blind(session, self.blind, actor=actor)

    def undo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        self._refuse_if_changed(session, self.blind)
        return set_team_blind(session, self.before, actor=actor)

    def redo(self, session: Session, actor: str) -> Changes:
        assert self.before is not None
        self._refuse_if_changed(session, self.before)
        return set_team_blind(session, self.blind, actor=actor)

    @staticmethod
    def _refuse_if_changed(session: Session, expected: bool) -> None:
        if team_blind(session) != expected:
            raise ConflictError(translate("errors", "another lead switched blind mode since; nothing was changed"))


# -- setup ----------------------------------------------------------------------------------------------
def setup_roles(project: Project) -> SetupReport:
    """Create the group roles if missing, then the grants and policies on every table of ``project``."""
    if not project.on_server:
        raise ConcordError(translate(
            "errors", "{location}: roles are for a project on a PostgreSQL server; a project file is protected by "
            "its file's permissions").format(location=project.location))
    created = ensure_group_roles(project)
    with project.session() as session:
        connection = session.connection()
        tables, policies = apply_policies(connection)
        session.merge(ProjectMeta(key=ROLES_KEY, value=datetime.now(UTC).isoformat(timespec="seconds")))
        session.flush()
        record(session, project.actor, "setup_roles", "project", None, None,
               {"tables": tables, "policies": policies, "created_roles": list(created)})
        blind = team_blind(session)
    return SetupReport(project.location, tables, policies, created, blind)


def ensure_group_roles(project: Project) -> tuple[str, ...]:
    """The three group roles, made when missing (needs CREATEROLE); in their own transaction, as roles are
    the server's, not the project's."""
    with project.session() as session:
        connection = session.connection()
        missing = [group for group in GROUP_ROLES.values() if not connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": group}).first()]
        if missing and not connection.execute(text(
                "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")).scalar():
            raise RoleRefusedError(
                translate(
                    "errors", "{location}: the server has no role {value}, and '{value2}' may not create roles; ask "
                    "the server's administrator to run `concord team setup` (or to CREATE ROLE them NOLOGIN)").format(
                    location=project.location, value=', '.join(missing), value2=login_name(connection)))
        for group in missing:
            connection.execute(text(f"CREATE ROLE {group} NOLOGIN"))
    return tuple(missing)


def apply_policies(connection: Connection) -> tuple[int, int]:
    """GRANTs and RLS policies on every table in the public schema; returns (tables, policies). Idempotent:
    privileges are revoked and policies dropped before they are given again."""
    tables = [str(name) for name in connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).scalars()]
    _check_owner(connection, tables)
    _schema_grants(connection)  # first: concord_lead needs CREATE on the schema to own what is in it
    for statement in _FUNCTIONS:
        connection.execute(text(statement))
    for function in ("concord_blind()", "concord_own_coder_id()", "concord_refuse_others()"):
        connection.execute(text(f"ALTER FUNCTION public.{function} OWNER TO {LEAD}"))
    policies = 0
    for table in tables:
        _table_grants(connection, table)
        rules = COVERED.get(table)
        if rules is not None:
            policies += _table_policies(connection, table, rules)
    return len(tables), policies


def _check_owner(connection: Connection, tables: list[str]) -> None:
    """Only a table's owner (or a superuser) may grant on it and change its policies: say so at once."""
    if tables and login_role(connection) != "lead":
        raise RoleRefusedError(
            translate(
                "errors", "only a lead (or the server's superuser) sets up roles; '{value}' is a {value2} on this "
                "server").format(value=login_name(connection), value2=login_role(connection)))
    not_owned = connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT pg_has_role(current_user, tableowner, "
        "'USAGE') ORDER BY 1")).scalars().first()
    if not_owned is not None:
        owner = connection.execute(text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND "
                                        "tablename = :t"), {"t": not_owned}).scalar()
        raise RoleRefusedError(
            translate(
                "errors", "'{value}' does not own the project's tables (table {not_owned} belongs to '{owner}'); run "
                "`concord team setup` as that user, a lead, or the server's superuser").format(
                value=login_name(connection), not_owned=not_owned, owner=owner))


def _schema_grants(connection: Connection) -> None:
    run = connection.execute
    run(text(f"GRANT USAGE ON SCHEMA public TO {LEAD}, {CODER}, {VIEWER}"))
    run(text(f"GRANT CREATE ON SCHEMA public TO {LEAD}"))  # a lead may upgrade: migrations make tables
    run(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {CODER}"))
    run(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {LEAD}"))
    # Tables the setting-up login makes later (a migration) are readable at once; run setup again for policies.
    run(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {CODER}, {VIEWER}"))
    run(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO {LEAD}"))
    run(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO {CODER}"))


def _table_grants(connection: Connection, table: str) -> None:
    quoted = connection.dialect.identifier_preparer.quote(table)
    run = connection.execute
    run(text(f"ALTER TABLE {quoted} OWNER TO {LEAD}"))  # every lead may migrate and set up again
    run(text(f"REVOKE ALL ON {quoted} FROM {CODER}, {VIEWER}"))
    run(text(f"GRANT ALL ON {quoted} TO {LEAD}"))
    run(text(f"GRANT SELECT ON {quoted} TO {VIEWER}"))
    if table == "audit_events":
        run(text(f"GRANT SELECT ({AUDIT_CHAIN_COLUMNS}) ON {quoted} TO {CODER}"))
    else:
        run(text(f"GRANT SELECT ON {quoted} TO {CODER}"))
    if table in CODER_GRANTS:
        run(text(f"GRANT {CODER_GRANTS[table]} ON {quoted} TO {CODER}"))


def _table_policies(connection: Connection, table: str, rules: CoderRules) -> int:
    quoted = connection.dialect.identifier_preparer.quote(table)
    run = connection.execute
    existing = connection.execute(text(
        "SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = :t"), {"t": table}).scalars()
    for name in list(existing):
        if name.startswith(POLICY_PREFIX):
            run(text(f"DROP POLICY {connection.dialect.identifier_preparer.quote(name)} ON {quoted}"))
    run(text(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY"))
    statements = [
        f"CREATE POLICY concord_lead_all ON {quoted} FOR ALL TO {LEAD} USING (true) WITH CHECK (true)",
        f"CREATE POLICY concord_viewer_read ON {quoted} FOR SELECT TO {VIEWER} USING (true)",
        f"CREATE POLICY concord_coder_read ON {quoted} FOR SELECT TO {CODER} USING ({rules.read or 'true'})",
    ]
    for command, condition in rules.writes:
        # UPDATE and DELETE reach the rows the coder sees, so the guard trigger refuses another's outright.
        seen = (rules.read or "true") if rules.guard else condition
        clause = {"INSERT": f"WITH CHECK {condition}", "DELETE": f"USING {seen}",
                  "UPDATE": f"USING {seen} WITH CHECK {condition}"}[command]
        if table == "audit_events" and command == "UPDATE":
            clause = f"USING {condition} WITH CHECK (true)"
        statements.append(f"CREATE POLICY concord_coder_{command.lower()} ON {quoted} FOR {command} TO {CODER} "
                          f"{clause}")
    for statement in statements:
        run(text(statement))
    run(text(f"DROP TRIGGER IF EXISTS concord_refuse_others ON {quoted}"))
    if rules.guard:
        run(text(f"CREATE TRIGGER concord_refuse_others BEFORE UPDATE OR DELETE ON {quoted} FOR EACH ROW "
                 f"EXECUTE FUNCTION public.concord_refuse_others('{rules.guard}')"))
    return len(statements)


def after_server_open(project: Project) -> None:
    """What opening a server project learns of its login: the role (a viewer's project is read-only), and,
    after a schema upgrade, the grants and policies again (tables a migration added get theirs)."""
    with project.session() as session:
        project.role = login_role(session.connection())
        if project.role != "lead":  # their audit events must carry their own name (the server checks it)
            project.actor = login_name(session.connection())
    if project.role == "viewer":
        project.read_only = True
    if project.upgraded_from and not project.read_only:
        reapply_after_upgrade(project)


def reapply_after_upgrade(project: Project) -> bool:
    """After a schema upgrade of a project whose roles were set up: grants and policies again (new tables),
    when this login may; True if done. A login that may not leaves it to ``concord team setup``."""
    with project.session() as session:
        if session.get(ProjectMeta, ROLES_KEY) is None:
            return False
    try:
        with project.session() as session:
            apply_policies(session.connection())
    except (RoleRefusedError, DBAPIError, ConcordError):
        return False
    return True


def apply_to_new_project(project: Project) -> bool:
    """A project just made with ``concord new URL`` on a server that has Concord's group roles (one made by
    ``concord server init``) gets the policies at once, when its creator is a lead or the superuser."""
    with project.session() as session:
        connection = session.connection()
        groups = connection.execute(text("SELECT count(*) FROM pg_roles WHERE rolname IN (:a, :b, :c)"),
                                    {"a": LEAD, "b": CODER, "c": VIEWER}).scalar()
        if groups != len(GROUP_ROLES) or login_role(connection) != "lead" or not connection.execute(text(
                "SELECT pg_has_role(current_user, :lead, 'MEMBER')"), {"lead": LEAD}).scalar():
            return False
    setup_roles(project)
    return True


# -- a refused step, in words ---------------------------------------------------------------------------
_TABLE_IN_MESSAGE = re.compile(r'(?:for table|policy for table|on table) "?([A-Za-z_][A-Za-z0-9_]*)"?')
# What a role may not do, by the table the server refused (translated where the refusal is shown).
ACTIONS = {
    "codes": QT_TRANSLATE_NOOP("team.roles", "change the codebook"),
    "codings": QT_TRANSLATE_NOOP("team.roles", "change another coder's codings"),
    "coders": QT_TRANSLATE_NOOP("team.roles", "add or change a coder other than themselves"),
    "documents": QT_TRANSLATE_NOOP("team.roles", "add, rename or delete documents"),
    "speaker_turns": QT_TRANSLATE_NOOP("team.roles", "change documents"),
    "sentences": QT_TRANSLATE_NOOP("team.roles", "change documents"),
    "document_metadata": QT_TRANSLATE_NOOP("team.roles", "change documents"),
    "cases": QT_TRANSLATE_NOOP("team.roles", "change cases"),
    "attributes": QT_TRANSLATE_NOOP("team.roles", "change attributes"),
    "attribute_values": QT_TRANSLATE_NOOP("team.roles", "change attribute values"),
    "document_groups": QT_TRANSLATE_NOOP("team.roles", "change document groups"),
    "document_group_members": QT_TRANSLATE_NOOP("team.roles", "change document groups"),
    "memos": QT_TRANSLATE_NOOP("team.roles", "write memos (other than memos on your own codings)"),
    "project_meta": QT_TRANSLATE_NOOP("team.roles", "change project settings"),
    "assignments": QT_TRANSLATE_NOOP("team.roles", "change another coder's document status"),
    "consensus_decisions": QT_TRANSLATE_NOOP("team.roles", "make consensus decisions"),
    "agreement_runs": QT_TRANSLATE_NOOP("team.roles", "store agreement runs"),
    "agreement_results": QT_TRANSLATE_NOOP("team.roles", "store agreement runs"),
    "matrix_cell_summaries": QT_TRANSLATE_NOOP("team.roles", "write matrix summaries"),
    "coding_snapshots": QT_TRANSLATE_NOOP("team.roles", "take coding snapshots"),
    "audit_events": QT_TRANSLATE_NOOP("team.roles", "change the audit trail or write in it under another name"),
    "dictionaries": QT_TRANSLATE_NOOP("team.roles", "change dictionaries"),
    "dictionary_categories": QT_TRANSLATE_NOOP("team.roles", "change dictionaries"),
    "dictionary_entries": QT_TRANSLATE_NOOP("team.roles", "change dictionaries"),
    "machine_models": QT_TRANSLATE_NOOP("team.roles", "train or configure machine coders"),
    "machine_suggestions": QT_TRANSLATE_NOOP("team.roles", "make or decide machine suggestions"),
    "document_originals": QT_TRANSLATE_NOOP("team.roles", "change documents"),
    "document_pages": QT_TRANSLATE_NOOP("team.roles", "change documents"),
    "turn_times": QT_TRANSLATE_NOOP("team.roles", "change documents"),
    "media_links": QT_TRANSLATE_NOOP("team.roles", "link recordings"),
    "exchange_attributes": QT_TRANSLATE_NOOP("team.roles", "import or change exchange records"),
    "alembic_version": QT_TRANSLATE_NOOP("team.roles", "upgrade the project"),
}


def is_refusal(exc: DBAPIError) -> bool:
    """PostgreSQL's insufficient_privilege: a GRANT missing, a row-level security policy, or our trigger."""
    return getattr(exc.orig, "sqlstate", None) == "42501"


def refusal(exc: DBAPIError, where: str, role: str | None, login: str | None) -> RoleRefusedError:
    """One line for a step the server refused: what was refused and for which role; nothing was saved."""
    message = str(exc.orig).splitlines()[0] if str(exc.orig) else ""
    found = _TABLE_IN_MESSAGE.search(message)
    table = found.group(1) if found else ""
    if table in ACTIONS:
        what = translate("team.roles", ACTIONS[table])
    elif table:
        what = translate("team.roles", "change table {table}").format(table=table)
    else:
        what = translate("team.roles", "take this step ({message})").format(message=message)
    if role == "viewer":
        what = translate("team.roles", "{action} (a viewer only reads)").format(action=what)
    who = ("'{login}' ({role})".format(login=login, role=role) if login and role
           else translate("team.roles", "a {role}").format(role=role) if role
           else translate("team.roles", "this login"))
    return RoleRefusedError(translate("team.roles", "{where}the server refused: {who} may not {action}; nothing was "
                                      "saved").format(where=where, who=who, action=what))


__all__ = [
    "BLIND_KEY",
    "COVERED",
    "ROLES_KEY",
    "RoleRefusedError",
    "SetupReport",
    "TeamBlindEdit",
    "apply_policies",
    "after_server_open",
    "apply_to_new_project",
    "check_may_compare",
    "is_refusal",
    "login_name",
    "login_role",
    "reapply_after_upgrade",
    "refusal",
    "set_team_blind",
    "setup_roles",
    "team_blind",
]
