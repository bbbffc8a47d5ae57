"""Team commands: ``assign`` and ``done`` (who codes which document, and how far each coder has got), ``copies``
and ``merge``.

    concord assign list PROJECT | add PROJECT DOC... --coder NAME | remove PROJECT DOC... --coder NAME
    concord done mark PROJECT DOC... --coder NAME | undo PROJECT DOC... --coder NAME

The old spellings (``concord assign PROJECT --coder NAME DOC... [--remove]``, ``assign PROJECT --list``,
``concord done PROJECT --coder NAME DOC... [--undo]``) are the hidden ``old-form`` subcommands, output unchanged.

The coder named by ``--coder`` is recorded as who made the change in the audit trail. An unknown coder or
document is one ``Error:`` line and changes nothing (every name is checked before anything is written).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.common import (
    ConcordClickError,
    CONTEXT_SETTINGS,
    SubcommandGroup,
    coder_option,
    emit,
    json_option,
    old_form,
    open_project,
    project_argument,
)
from coding.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coding.team.assignments import CoderProgress


# -- assignments and progress -----------------------------------------------------------------------------------
def _status_change(
    session: Session, coder_name: str, documents: tuple[str, ...], step: Any, action: str
) -> dict[str, Any]:
    """Run ``step`` for one coder and say what it did to each document (status before and after)."""
    from coding.coders import find_coder
    from coding.team.assignments import UNASSIGNED, document_statuses, resolve_documents

    coder = find_coder(session, coder_name)
    refs = resolve_documents(session, documents)
    before = document_statuses(session, coder.id)
    step(session, coder.name, [ref.uuid for ref in refs], actor=coder.name)
    after = document_statuses(session, coder.id)
    rows = [
        {"document": ref.name, "uuid": ref.uuid, "before": before.get(ref.id, UNASSIGNED),
         "after": after.get(ref.id, UNASSIGNED)}
        for ref in refs
    ]
    changed = sum(1 for row in rows if row["before"] != row["after"])
    return {"coder": coder.name, "action": action, "changed": changed, "documents": rows}


def _summary(result: dict[str, Any]) -> str:
    line, already = {
        "assign": (translate("CLI", "Assigned {count} document(s) to {coder}"),
                   translate("CLI", " ({count} already assigned)")),
        "remove": (translate("CLI", "Took {count} document(s) away from {coder}"),
                   translate("CLI", " ({count} not assigned)")),
        "done": (translate("CLI", "Marked {count} document(s) done for {coder}"),
                 translate("CLI", " ({count} already done)")),
        "undo": (translate("CLI", "Marked {count} document(s) not done for {coder}"),
                 translate("CLI", " ({count} not done)")),
    }[result["action"]]
    unchanged = len(result["documents"]) - result["changed"]
    return line.format(count=result["changed"], coder=result["coder"]) + (
        already.format(count=unchanged) if unchanged else "")


def _progress_line(row: CoderProgress) -> str:
    if not row.total:
        return translate("CLI", "{coder}: nothing assigned").format(coder=row.coder)
    return translate("CLI", "{coder}: {done}/{total} done, {in_progress} in progress, {assigned} not started "
                     "({documents} documents in the project)").format(
        coder=row.coder, done=row.done, total=row.total, in_progress=row.in_progress, assigned=row.assigned,
        documents=row.documents)


# The statuses of coding.team.assignments as the listing shows them (--json keeps the English words)
_STATUS_NAMES = (QT_TRANSLATE_NOOP("CLI", "unassigned"), QT_TRANSLATE_NOOP("CLI", "assigned"),
                 QT_TRANSLATE_NOOP("CLI", "in progress"), QT_TRANSLATE_NOOP("CLI", "done"))


def _listing(progress: list[CoderProgress], assignments: list[dict[str, Any]]) -> str:
    if not progress:
        return translate("CLI", "No coders.")
    lines = []
    for row in progress:
        lines.append(_progress_line(row))
        lines += [f"  {a['document']}: {translate('CLI', a['status'])}" for a in assignments
                  if a["coder_uuid"] == row.coder_uuid]
    return "\n".join(lines)


_documents = click.argument("documents", metavar="DOCUMENT...", nargs=-1, required=True)
_ASSIGN_HELP = "The coder the documents are assigned to (recorded as who made the change)."
_DONE_HELP = "The coder who is done (recorded as who made the change)."


def _change(project: Path, coder: str | None, documents: tuple[str, ...], step: Any, action: str,
            as_json: bool) -> None:
    """Check the words, run ``step`` for the coder on the documents, and say what changed."""
    _require(coder, documents)
    with open_project(project) as opened, opened.session() as session:
        result = _status_change(session, str(coder), documents, step, action)
    emit(as_json, result, lambda: _summary(result))


def _list_assignments(project: Path, as_json: bool) -> None:
    from coding.team.assignments import list_assignments, progress

    with open_project(project, writes=False) as opened, opened.session() as session:
        rows, listed = progress(session), list_assignments(session)
    data = {"progress": [row.to_dict() for row in rows], "assignments": listed}
    emit(as_json, data, lambda: _listing(rows, listed))


def _done_step(undo: bool) -> Any:
    from coding.team.assignments import mark_done

    def step(session: Session, name: str, uuids: list[str], *, actor: str) -> object:
        return mark_done(session, name, uuids, actor=actor, undo=undo)

    return step


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def assign() -> None:
    """Who codes which document: list every assignment and each coder's progress, assign documents to a coder,
    take them away.

    A document is named by its name or uuid, in any case, with or without its extension. Each coder's status per
    document is assigned, in progress (they have codings there), done, or unassigned. Every subcommand takes
    --json. The old spelling `assign PROJECT --coder NAME DOC... [--remove]` (or `assign PROJECT --list`) works
    too."""


@assign.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def assign_list(project: Path, as_json: bool) -> None:
    """Every assignment with its status, and each coder's progress."""
    _list_assignments(project, as_json)


@assign.command("add", context_settings=CONTEXT_SETTINGS)
@project_argument
@_documents
@coder_option(_ASSIGN_HELP, required=True)
@json_option
def assign_add(project: Path, documents: tuple[str, ...], coder: str, as_json: bool) -> None:
    """Assign documents to the coder named by --coder (those already assigned stay as they are)."""
    from coding.team.assignments import assign as assign_documents

    _change(project, coder, documents, assign_documents, "assign", as_json)


@assign.command("remove", context_settings=CONTEXT_SETTINGS)
@project_argument
@_documents
@coder_option("The coder the documents are taken from (recorded as who made the change).", required=True)
@json_option
def assign_remove(project: Path, documents: tuple[str, ...], coder: str, as_json: bool) -> None:
    """Take documents away from the coder named by --coder (their codings stay)."""
    from coding.team.assignments import unassign

    _change(project, coder, documents, unassign, "remove", as_json)


@old_form(assign, "The old spelling: concord assign PROJECT --coder NAME DOC... [--remove], or assign PROJECT "
                  "--list.")
@project_argument
@click.argument("documents", nargs=-1)
@coder_option(_ASSIGN_HELP)
@click.option("--remove", is_flag=True, help="Take the documents away from the coder (their codings stay).")
@click.option("--list", "list_all", is_flag=True, help="List every assignment with its status, and each coder's "
              "progress.")
@json_option
def old_assign(
    project: Path, documents: tuple[str, ...], coder: str | None, remove: bool, list_all: bool, as_json: bool
) -> None:
    from coding.team.assignments import assign as assign_documents
    from coding.team.assignments import unassign

    if list_all:
        if coder or documents or remove:
            raise click.UsageError(translate("CLI", "--list takes no --coder, --remove or documents"))
        _list_assignments(project, as_json)
        return
    _change(project, coder, documents, unassign if remove else assign_documents, "remove" if remove else "assign",
            as_json)


@click.group(cls=SubcommandGroup, context_settings=CONTEXT_SETTINGS)
def done() -> None:
    """How far a coder has got: mark documents done for a coder, or not done again.

    Every subcommand takes --json. The old spelling `done PROJECT --coder NAME DOC... [--undo]` works too."""


@done.command("mark", context_settings=CONTEXT_SETTINGS)
@project_argument
@_documents
@coder_option(_DONE_HELP, required=True)
@json_option
def done_mark(project: Path, documents: tuple[str, ...], coder: str, as_json: bool) -> None:
    """Mark documents done for the coder named by --coder.

    Marking done a document that was not assigned to the coder assigns it, as done."""
    _change(project, coder, documents, _done_step(False), "done", as_json)


@done.command("undo", context_settings=CONTEXT_SETTINGS)
@project_argument
@_documents
@coder_option("The coder who is not done after all (recorded as who made the change).", required=True)
@json_option
def done_undo(project: Path, documents: tuple[str, ...], coder: str, as_json: bool) -> None:
    """Mark documents as not done (assigned) again for the coder named by --coder."""
    _change(project, coder, documents, _done_step(True), "undo", as_json)


@old_form(done, "The old spelling: concord done PROJECT --coder NAME DOC... [--undo].")
@project_argument
@click.argument("documents", nargs=-1)
@coder_option(_DONE_HELP)
@click.option("--undo", is_flag=True, help="Mark the documents as not done (assigned) again.")
@json_option
def old_done(project: Path, documents: tuple[str, ...], coder: str | None, undo: bool, as_json: bool) -> None:
    _change(project, coder, documents, _done_step(undo), "undo" if undo else "done", as_json)


def _require(coder: str | None, documents: tuple[str, ...]) -> None:
    if not coder or not coder.strip():
        raise click.UsageError(translate("CLI", "--coder NAME is required"))
    if not documents:
        raise click.UsageError(translate("CLI", "name at least one document"))


__all__ = ["assign", "done"]


# -- coder copies and merging them back --------------------------------------------------------------------------
def _copy_line(row: dict[str, Any]) -> str:
    others = (translate("CLI", ", {count} of other coders' (read-only)").format(count=row["other_codings"])
              if not row["blind"] else translate("CLI", " (blind)"))
    return translate("CLI", "Wrote {file} for {coder}: {documents} document(s), {codings} of {coder}'s codings{others}"
                     ).format(file=row["file"], coder=row["coder"], documents=row["documents"],
                              codings=row["codings"], others=others)


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--coders", required=True, help="Coders to make copies for, comma-separated (new names are added).")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder the copies go into (PROJECTNAME-CODER.concord each).")
@click.option("--not-blind", is_flag=True, help="Keep the other coders' codings in each copy, read-only there.")
@json_option
def copies(project: Path, coders: str, out_dir: Path, not_blind: bool, as_json: bool) -> None:
    """Make one coder copy per coder, to code on their own computer and merge back with `concord merge`.

    Each copy holds the coder's assigned documents (all documents when none are assigned), the codebook, the cases
    of those documents and — blind by default — none of the other coders' codings or memos. It opens as its coder."""
    from coding.team.copies import make_copies

    with open_project(project) as opened:
        results = make_copies(opened, coders.split(","), out_dir, blind=not not_blind)
    rows = [result.to_dict() for result in results]
    emit(as_json, {"copies": rows}, lambda: "\n".join(_copy_line(row) for row in rows))


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--theirs", is_flag=True, help="When a code was changed differently in both places, take the copy's.")
@coder_option("For a .qdpx coded in another program: the project's coder whose work it is.")
@json_option
def merge(project: Path, files: tuple[Path, ...], theirs: bool, coder: str | None, as_json: bool) -> None:
    """Merge coder copies (.concord) or REFI-QDA projects coded from them (.qdpx) into the project.

    Each file is merged in one transaction and reported: added, changed, deleted, unchanged, conflicts. A file that
    cannot be merged (another project's copy, a document whose text differs, an older copy after a newer one) is
    refused with one line and changes nothing; the others are still merged. Exit status 1 when any was refused."""
    from coding.team.merge import merge_copies

    if not files:
        raise click.UsageError(translate("CLI", "name at least one coder copy (.concord) or .qdpx to merge"))
    with open_project(project) as opened:
        result = merge_copies(opened, list(files), theirs=theirs, coder=coder)
    merged = [report for report in result.reports if report.merged]
    emit(as_json, result.to_dict(), lambda: "\n".join(report.text() for report in merged)
         or translate("CLI", "Nothing merged."))
    refusals = [report.refused or "" for report in result.refused]
    for message in refusals[:-1]:
        click.echo(f"Error: {message}", err=True)
    if refusals:
        raise ConcordClickError(refusals[-1])


__all__ += ["copies", "merge"]
