"""Core commands: new, info, import, documents, code, uncode, demo, gui (cases, coders and codebook have modules
of their own)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import click

from sqlalchemy import URL

from coding.cli.common import (
    CONTEXT_SETTINGS, PROJECT_LOCATION, coder_option, emit, json_option, open_project, padded, project_argument,
)
from coding.cli.survey import import_survey_sheet, survey_options
from coding.errors import ConcordError
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.project import Project, location_text, project_info, remove_project_files, with_project_suffix

if TYPE_CHECKING:
    from coding.importing.tasks import ImportReport

F = TypeVar("F", bound=Callable[..., Any])


def launch_gui(project_path: Path | URL | None, *, demo: bool = False, language: str | None = None) -> int:
    try:
        from app.main import run_gui
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("app"):
            click.echo(translate("CLI", "The desktop app is not part of this installation."), err=True)
            return 1
        raise
    return run_gui(location_text(project_path) if project_path else None, demo=demo, language=language)


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--name", help="Project name (default: the file name).")
@click.option("--empty-codebook", is_flag=True, help="Start without the built-in Preker-Harding codebook.")
@json_option
def new(project: Path, name: str | None, empty_codebook: bool, as_json: bool) -> None:
    """Create a new project file (.concord), or a project in a PostgreSQL database (a URL, see docs/postgres.md),
    with the built-in codebook."""
    created = Project.create(project, name=name, with_codebook=not empty_codebook)
    with created.session() as session:
        info = project_info(session)
    roles = ""
    if created.on_server:  # on a Concord server, its roles hold at once (coding/team/roles.py)
        from coding.team.roles import apply_to_new_project

        info["roles"] = apply_to_new_project(created)
        roles = translate("CLI", "; roles set up, blind mode on") if info["roles"] else ""
    created.close()
    emit(as_json, {"project": created.location, **info}, translate("CLI", "Created {project} ({codes} codes){roles}")
         .format(project=created.location, codes=info["codes"], roles=roles))


_INFO_LABELS = (
    QT_TRANSLATE_NOOP("CLI", "Project"), QT_TRANSLATE_NOOP("CLI", "Documents"), QT_TRANSLATE_NOOP("CLI", "Words"),
    QT_TRANSLATE_NOOP("CLI", "Turns"), QT_TRANSLATE_NOOP("CLI", "Sentences"), QT_TRANSLATE_NOOP("CLI", "Codes"),
    QT_TRANSLATE_NOOP("CLI", "Coders"), QT_TRANSLATE_NOOP("CLI", "Codings"), QT_TRANSLATE_NOOP("CLI", "Cases"),
)


def _format_info(info: dict[str, Any]) -> str:
    none = translate("CLI", "none")
    levels = translate("CLI", ", ").join(translate("CLI", "level {level}: {count}").format(level=k, count=v)
                       for k, v in info["codes_per_level"].items()) or none
    coders = ", ".join(f"{k} ({v})" for k, v in info["codings_per_coder"].items()) or none
    langs = ", ".join(f"{k}: {v}" for k, v in info["languages"].items()) or none
    values = [
        str(info["name"]), f"{info['documents']} ({langs})", str(info["words"]), str(info["turns"]),
        str(info["sentences"]), f"{info['codes']} ({levels})", f"{info['coders']}: {coders}", str(info["codings"]),
        str(info["cases"]),
    ]
    labels = [translate("CLI", label) for label in _INFO_LABELS]
    width = max(len("Documents"), *(len(label) for label in labels)) + 2
    return "\n".join(padded(label, width) + value for label, value in zip(labels, values, strict=True))


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def info(project: Path, as_json: bool) -> None:
    """Counts of documents, turns, sentences, codes per level, coders, codings and cases."""
    with open_project(project, writes=False) as opened, opened.session() as session:
        data = project_info(session)
    emit(as_json, data, lambda: _format_info(data))


# Limits that keep one file's import bounded (coding.importing.ImportOptions); the defaults pass any real
# transcript by far, so these are for the rare huge one.
_IMPORT_LIMITS = (
    ("--max-xml-mb", click.FloatRange(min=0, min_open=True), "Refuse a .docx whose XML unpacks to more (default 64)."),
    ("--max-unpacked-mb", click.FloatRange(min=0, min_open=True), "Refuse a .docx that unpacks to more (default 512)."),
    ("--max-xml-elements", click.IntRange(min=1), "Refuse a .docx with more XML elements (default 2,000,000)."),
    ("--max-paragraphs", click.IntRange(min=1), "Refuse a .docx with more paragraphs (default 200,000)."),
    ("--max-chars", click.IntRange(min=1), "Refuse a transcript with more characters (default 5,000,000)."),
    ("--max-turns", click.IntRange(min=1), "Refuse a transcript with more speaker turns (default 50,000)."),
    ("--max-pages", click.IntRange(min=1), "Refuse a PDF with more pages (default 2,000)."),
)


def _import_limit_options(command: F) -> F:
    for flag, kind, text in reversed(_IMPORT_LIMITS):
        command = click.option(flag, type=kind, default=None, help=text)(command)
    return command


@click.command("import", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--case", help="Attach every imported document to this case (created if missing).")
@click.option("--recursive", is_flag=True, help="Look into sub-folders too.")
@click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=50.0, show_default=True,
              help="Refuse files larger than this.")
@click.option("--turn-pattern", help="Regular expression for a speaker label at line start (group 'speaker').")
@click.option("--encoding", help="Text encoding of .txt/.md files, e.g. big5, shift_jis, gb18030, cp1252 "
              "(default: UTF-8 or a byte-order mark, else detected; unclear files are refused).")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="Leave out files matching this pattern, e.g. 'notes*' or '*/drafts/*' (repeatable).")
@_import_limit_options
@survey_options
@click.option("--link-media", is_flag=True,
              help="Link the same-named recording beside each transcript (.wav/.mp3/.m4a/.mp4/.webm).")
@json_option
def import_(project: Path, paths: tuple[Path, ...], case: str | None, recursive: bool, max_mb: float,
            turn_pattern: str | None, encoding: str | None, exclude: tuple[str, ...], as_json: bool,
            survey: bool, case_column: str | None, text_columns: str | None, attribute_columns: str | None,
            per: str, sheet: str | None, link_media: bool = False, **limits: float | None) -> None:
    """Import .docx/.txt/.md/.pdf/.odt/.rtf/.html transcripts and .srt/.vtt subtitles (files or folders). Exit 1 if
    any file failed.

    In folders, README/licence files and files matching --exclude are left out and listed.
    Symbolic links inside folders are skipped; a link named directly is imported if it points to a file.
    With --survey, one .xlsx/.csv sheet of survey answers (one row per respondent) instead.
    """
    if survey:
        import_survey_sheet(project, paths, case_column, text_columns, attribute_columns, per, sheet, as_json)
        return
    from coding.importing import ImportOptions, import_paths
    from coding.importing.file_list import choose_paths

    options = ImportOptions(max_bytes=int(max_mb * 1024 * 1024), recursive=recursive, encoding=encoding)
    if turn_pattern:
        options.turn_pattern = turn_pattern
    for name, value in limits.items():
        if value is not None:  # the option names the limit; sizes are given in MB
            field = name.replace("_mb", "_bytes")
            setattr(options, field, int(value * 1024 * 1024) if name.endswith("_mb") else int(value))

    def progress(done: int, total: int, current: str) -> None:
        if not as_json and sys.stderr.isatty():
            click.echo(f"\r[{done}/{total}] {Path(current).name[:60]:<60}", err=True, nl=False)

    chosen, left_out = choose_paths(paths, recursive=recursive, exclude=exclude)
    if not chosen:
        raise ConcordError(translate("CLI", "nothing to import: all {count} file(s) were left out (see --exclude)")
                           .format(count=len(left_out)))
    with open_project(project) as opened:
        report = import_paths(opened, chosen, case=case, progress=progress, options=options)
        linked = _link_recordings(opened, report) if link_media else []
    skipped_lines = "".join("\n" + translate("CLI", "Left out {path}: {reason}").format(path=c.path, reason=c.why)
                            for c in left_out)
    media = {"media": linked} if link_media else {}
    emit(as_json, {**report.to_dict(), "left_out": [c.to_dict() for c in left_out], **media},
         report.summary + skipped_lines)
    if report.failed:
        raise ConcordError(translate("CLI", "{failed} of {total} files failed to import (see above)").format(
            failed=len(report.failed), total=len(report.items)))


def _link_recordings(opened: Project, report: ImportReport) -> list[dict[str, Any]]:
    """``--link-media``: the recordings beside the imported transcripts (coding/media.py), for the JSON report."""
    from coding.media import link_recordings_beside

    with opened.session() as session:
        return [link.to_dict() for link in link_recordings_beside(session, report, actor=opened.actor)]


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--document", required=True, help="Document name (or uuid).")
@coder_option("Coder name (add coders with `concord coders add PROJECT NAME`).", required=True)
@click.option("--code", "code_path", required=True, help='Code path, e.g. "Decision rights/Owner functions".')
@click.option("--start", type=int, required=True, help="First character (0-based).")
@click.option("--end", type=int, required=True, help="One past the last character.")
@click.option("--memo", default="", help="A memo on the new coding.")
@click.option("--snap", type=click.Choice(["word", "sentence"]), help="Widen to whole words or sentences.")
@json_option
def code(project: Path, document: str, coder: str, code_path: str, start: int, end: int, memo: str,
         snap: Literal["word", "sentence"] | None, as_json: bool) -> None:
    """Apply a code to a span of a document as a coder."""
    from coding.codebook import code_path as path_of
    from coding.codebook import find_code
    from coding.coders import find_coder
    from coding.codings import apply_code
    from coding.documents import find_document

    with open_project(project) as opened, opened.session() as session:
        doc = find_document(session, document)
        found_code = find_code(session, code_path)
        found_coder = find_coder(session, coder)
        coding = apply_code(
            session, document_id=doc.id, coder_id=found_coder.id, code_id=found_code.id, start=start, end=end,
            memo=memo, snap=snap, actor=found_coder.name,
        )
        data = {
            "uuid": coding.uuid, "document": doc.name, "coder": found_coder.name,
            "code": path_of(session, found_code.id), "start": coding.start, "end": coding.end,
            "text": doc.text[coding.start:coding.end],
        }
    emit(as_json, data, translate("CLI", "Coded {document} {start}–{end} as {code} ({coder})").format(
        document=data["document"], start=data["start"], end=data["end"], code=data["code"], coder=coder))


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@click.argument("coding_uuid")
@coder_option("Who removes it, for the audit trail (default: your login name).")
@json_option
def uncode(project: Path, coding_uuid: str, coder: str | None, as_json: bool) -> None:
    """Remove a coding by its uuid."""
    from coding.coders import find_coder
    from coding.codings import remove_coding

    with open_project(project) as opened, opened.session() as session:
        actor = find_coder(session, coder).name if coder else opened.actor
        removed = remove_coding(session, coding_uuid, actor=actor)
    emit(as_json, {"removed": removed.uuid}, translate("CLI", "Removed coding {uuid}").format(uuid=removed.uuid))


@click.command(context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def documents(project: Path, as_json: bool) -> None:
    """List the project's documents."""
    from coding.metadata import metadata_by_document
    from coding.readers import document_rows

    with open_project(project, writes=False) as opened, opened.session() as session:
        metadata = metadata_by_document(session)
        rows = [
            {**d.to_dict(), "metadata": [{"key": m.key, "value": m.value} for m in metadata.get(d.id, [])]}
            for d in document_rows(session)
        ]
    emit(as_json, rows, lambda: "\n".join(
        translate("CLI", "{name}  [{language}, {words} words, {sentences} sentences, case {case}]").format(
            name=r["name"], language=r["language"], words=r["words"], sentences=r["sentences"], case=r["case"] or "-")
        for r in rows) or translate("CLI", "No documents."))


@click.command(context_settings=CONTEXT_SETTINGS)
@click.option("--path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to build the demo project (default: Concord's data folder).")
@click.option("--no-gui", is_flag=True, help="Only build it; do not open the app.")
@click.option("--force", is_flag=True, help="Rebuild even if the file exists.")
@json_option
def demo(path: Path | None, no_gui: bool, force: bool, as_json: bool) -> None:
    """Build the demo project (8 interviews, two coders) and open it."""
    from coding.demo import build_demo, default_demo_path

    target = with_project_suffix(path or default_demo_path())
    if force:
        remove_project_files(target)
    if not target.exists():
        build_demo(target)
    with open_project(target) as opened, opened.session() as session:
        data = {"project": str(target), **project_info(session)}
    emit(as_json, data, translate("CLI", "Demo project: {project} ({documents} documents, {codings} codings)").format(
        project=target, documents=data["documents"], codings=data["codings"]))
    if not no_gui:
        sys.exit(launch_gui(target, demo=True))


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("project", required=False, type=PROJECT_LOCATION)
@click.option("--lang", "language", type=click.Choice(["en", "zh_CN"]), default=None,
              help="Interface language (default: the one chosen in View › Language, else the system's).")
@json_option
def gui(project: Path | URL | None, language: str | None, as_json: bool) -> None:
    """Open the desktop app (on PROJECT if given); with --json, report how it closed."""
    if project is not None:
        Project.open_for_reading(project).close()  # a clear error here beats one in a dialog
    chosen = language or click.get_current_context().find_root().params.get("language")  # concord --lang zh_CN gui
    status = launch_gui(project, language=chosen)
    if as_json:
        emit(True, {"project": str(project) if project else None, "exit_code": status}, "")
    sys.exit(status)
