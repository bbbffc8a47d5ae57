"""``concord memo`` and ``concord journal``: memos on the project, documents, cases and codes, and the journal.

    concord journal list PROJECT | add PROJECT TEXT [--title TITLE] [--author NAME]

The old spelling of the journal (``concord journal PROJECT [--add TEXT]``) is its hidden ``old-form`` subcommand,
output unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.orm import Session

from coding.cli.common import (
    CONTEXT_SETTINGS,
    ConcordGroup,
    SubcommandGroup,
    emit,
    json_option,
    old_form,
    open_project,
    project_argument,
)
from coding.memos import CODING_KIND, KINDS, TARGETED_KINDS, MemoRecord
from coding.i18n import translate

F = TypeVar("F", bound=Callable[..., Any])
_KIND_CHOICE = click.Choice(KINDS)
_LIST_KINDS = click.Choice([*KINDS, CODING_KIND])


def _kind_option(func: F) -> F:
    return click.option("--kind", "kinds", multiple=True, type=_LIST_KINDS,
                        help="Only memos of this kind (repeatable; 'coding' are the memos on codings).")(func)


def _author_option(func: F) -> F:
    return click.option("--author", default=None,
                        help="The coder who writes it (default: the coder named like you, if there is one).")(func)


def _author_id(session: Session, name: str | None, actor: str) -> int | None:
    from coding.coders import find_coder
    from coding.errors import NotFoundError

    if name is not None:
        return find_coder(session, name).id
    try:
        coder = find_coder(session, actor)
    except NotFoundError:
        return None
    return None if coder.is_consensus else coder.id


def _target_uuid(session: Session, kind: str, target: str | None) -> str | None:
    """The uuid of the document (by name or uuid), case (by name) or code (by path or uuid) a memo is about."""
    if kind not in TARGETED_KINDS:
        if target is not None:
            raise click.UsageError(f"a {kind} memo takes no TARGET")
        return None
    if target is None:
        raise click.UsageError(f"a {kind} memo needs a TARGET: the {kind} it is about")
    if kind == "document":
        from coding.documents import find_document

        return find_document(session, target).uuid
    if kind == "case":
        from coding.cases import find_case

        return find_case(session, target).uuid
    from coding.codebook import find_code

    return find_code(session, target).uuid


def _line(record: MemoRecord) -> str:
    when = record.updated_at.strftime("%Y-%m-%d %H:%M") if record.updated_at else ""
    heading = record.title or " ".join(record.text.split())[:60]
    author = f" — {record.author}" if record.author else ""
    return f"{record.uuid[:8]}  {record.kind:<8}  {record.target_name}: {heading}{author}, {when}"


def _lines(records: list[MemoRecord], empty: str) -> str:
    return "\n".join(_line(r) for r in records) if records else empty


@click.group("memo", cls=ConcordGroup, context_settings=CONTEXT_SETTINGS)
def memo() -> None:
    """Memos on the project, a document, a case or a code, and the journal: list, add, edit, delete, search.

    Memo ids are shown by 'list'; the first 8 characters are enough. Memos on codings are listed and
    searched too (kind 'coding'); write them with the app (Ctrl+M).
    """


@memo.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@_kind_option
@json_option
def list_command(project: Path, kinds: tuple[str, ...], as_json: bool) -> None:
    """List every memo of PROJECT: the project memos, the journal (newest first), then by kind and target."""
    from coding.memos import list_memos

    with open_project(project, writes=False) as opened, opened.session() as session:
        records = list_memos(session, kinds or None)
    emit(as_json, [r.to_dict() for r in records], lambda: _lines(records, translate("CLI", "No memos.")))


@memo.command("add", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("kind", type=_KIND_CHOICE)
@click.argument("target", required=False)
@click.option("--title", default="", help="A one-line title (may be empty).")
@click.option("--text", required=True, help="The memo's text.")
@_author_option
@json_option
def add_command(project: Path, kind: str, target: str | None, title: str, text: str, author: str | None,
                as_json: bool) -> None:
    """Write a memo on the project (KIND project or journal) or on a TARGET: a document (name), case (name) or
    code (path such as 'Decision rights/Owner functions')."""
    from coding.memos import add_memo, memos_on

    with open_project(project) as opened, opened.session() as session:
        target_uuid = _target_uuid(session, kind, target)
        memo_uuid = add_memo(session, kind, target_uuid=target_uuid, title=title, text=text,
                             author_id=_author_id(session, author, opened.actor), actor=opened.actor).uuid
        record = next(r for r in memos_on(session, kind, target_uuid) if r.uuid == memo_uuid)
    emit(as_json, record.to_dict(), translate("CLI", "Added {kind} memo {memo} on {target}").format(
        kind=kind, memo=memo_uuid[:8], target=record.target_name))


@memo.command("edit", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("memo_id")
@click.option("--title", default=None, help="The new title.")
@click.option("--text", default=None, help="The new text.")
@json_option
def edit_command(project: Path, memo_id: str, title: str | None, text: str | None, as_json: bool) -> None:
    """Give memo MEMO_ID a new title and/or text."""
    from coding.memos import edit_memo

    if title is None and text is None:
        raise click.UsageError("give --title, --text or both")
    with open_project(project) as opened, opened.session() as session:
        edited = edit_memo(session, memo_id, title=title, text=text, actor=opened.actor)
        data = {"uuid": edited.uuid, "title": edited.title, "text": edited.text}
    emit(as_json, data, translate("CLI", "Edited memo {memo}").format(memo=data["uuid"][:8]))


@memo.command("delete", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("memo_id")
@json_option
def delete_command(project: Path, memo_id: str, as_json: bool) -> None:
    """Delete memo MEMO_ID (the audit trail keeps its text)."""
    from coding.memos import delete_memo

    with open_project(project) as opened, opened.session() as session:
        saved = delete_memo(session, memo_id, actor=opened.actor)
    emit(as_json, {"uuid": saved.uuid, "kind": saved.kind, "deleted": True},
         translate("CLI", "Deleted {kind} memo {memo}").format(kind=saved.kind, memo=saved.uuid[:8]))


@memo.command("search", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("query")
@_kind_option
@json_option
def search_command(project: Path, query: str, kinds: tuple[str, ...], as_json: bool) -> None:
    """Memos (and coding memos) whose title, text, target or author contains QUERY, ignoring case; Chinese works."""
    from coding.memos import search_memos

    with open_project(project, writes=False) as opened, opened.session() as session:
        records = search_memos(session, query, kinds or None)
    emit(as_json, [r.to_dict() for r in records],
         lambda: _lines(records, translate("CLI", "No memo mentions {query}.").format(query=repr(query))))


_journal_title = click.option("--title", default="", help="A title for the new entry.")


def _show_journal(project: Path, as_json: bool) -> None:
    from coding.memos import journal as journal_entries

    with open_project(project, writes=False) as opened, opened.session() as session:
        entries = journal_entries(session)
    emit(as_json, [r.to_dict() for r in entries], lambda: _journal_text(entries))


def _add_journal_entry(project: Path, text: str, title: str, author: str | None, as_json: bool) -> None:
    from coding.memos import add_journal_entry
    from coding.memos import journal as journal_entries

    with open_project(project) as opened, opened.session() as session:
        entry = add_journal_entry(session, text, title=title, actor=opened.actor,
                                  author_id=_author_id(session, author, opened.actor))
        record = next(r for r in journal_entries(session) if r.uuid == entry.uuid)
        emit(as_json, record.to_dict(), translate("CLI", "Added journal entry {entry}").format(entry=record.uuid[:8]))


@click.group("journal", cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def journal() -> None:
    """The project journal: read it, newest entry first, or write a dated entry.

    Every subcommand takes --json. The old spelling `journal PROJECT [--add TEXT]` works too."""


@journal.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def journal_list(project: Path, as_json: bool) -> None:
    """Every journal entry, newest first."""
    _show_journal(project, as_json)


@journal.command("add", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("text")
@_journal_title
@_author_option
@json_option
def journal_add(project: Path, text: str, title: str, author: str | None, as_json: bool) -> None:
    """Write a new entry with TEXT, dated now."""
    _add_journal_entry(project, text, title, author, as_json)


@old_form(journal, "The old spelling: concord journal PROJECT [--add TEXT [--title TITLE] [--author NAME]].")
@project_argument
@click.option("--add", "text", default=None, help="Write a new entry with this text (dated now).")
@_journal_title
@_author_option
@json_option
def old_journal(project: Path, text: str | None, title: str, author: str | None, as_json: bool) -> None:
    if text is None and (title or author):
        raise click.UsageError("--title and --author go with --add")
    if text is not None:
        _add_journal_entry(project, text, title, author, as_json)
    else:
        _show_journal(project, as_json)


def _journal_text(entries: list[MemoRecord]) -> str:
    if not entries:
        return translate("CLI", "The journal is empty.")
    blocks = []
    for entry in entries:
        when = entry.created_at.strftime("%Y-%m-%d %H:%M") if entry.created_at else ""
        heading = " · ".join(part for part in (when, entry.author, entry.title) if part)
        blocks.append(f"{heading}  [{entry.uuid[:8]}]\n  " + "\n  ".join(entry.text.splitlines()))
    return "\n\n".join(blocks)


__all__ = ["journal", "memo"]
