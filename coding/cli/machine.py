"""``concord machine``: the local machine coder — train it on a coder's codings (with cross-validated figures),
list the trained coders, suggest codes for what nobody coded yet, and review the suggestions.

    concord machine train PROJECT --from Lin [--unit sentence|turn] [--folds 5] [--replace] [--json]
    concord machine list PROJECT
    concord machine suggest PROJECT [--model "Machine (Lin)"] [--min-confidence 0.5]
    concord machine suggestions PROJECT [--status pending]
    concord machine accept|reject PROJECT SUGGESTION_ID... --coder Morgan
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coding.cli.common import (
    CONTEXT_SETTINGS,
    ConcordGroup,
    emit,
    json_option,
    open_project,
    project_argument,
)
from coding.cli.endpoint import endpoint_options, suggest_from_endpoint
from coding.errors import ValidationError
from coding.i18n import translate

if TYPE_CHECKING:
    from coding.autocode.machine import ModelInfo, SuggestionRow, TrainingReport


class _InOrder(ConcordGroup):
    """Subcommands in the order a reader meets them: train, list, suggest, suggestions, accept, reject."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_InOrder, context_settings=CONTEXT_SETTINGS)
def machine() -> None:
    """The local machine coder: train on one coder's codings, read its cross-validated precision, recall and F1,
    compare it like any coder (concord agreement compare --coders "Machine (Lin)",Morgan), and review its
    suggestions. Every subcommand takes --json."""


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _report_text(report: TrainingReport) -> str:
    width = max([len(row.code_path) for row in report.per_code] + [4])
    lines = [
        f"{report.machine_coder}: trained on {report.trained_from}'s codings at {report.unit} units "
        f"({report.n_units} units, {report.folds}-fold cross-validation, {report.seconds:.1f} s)",
        f"Training data sha256 {report.data_hash}",
        f"{'Code':<{width}}  precision  recall  f1     examples",
        *(f"{row.code_path:<{width}}  {_figure(row.precision):<9}  {_figure(row.recall):<6}  {_figure(row.f1):<5}  "
          f"{row.n_examples}" for row in report.per_code),
    ]
    if report.skipped:
        left_out = ", ".join(f"{path} ({n})" for path, n in report.skipped.items())
        lines.append(f"Left out, fewer than 5 coded {report.unit}s: {left_out}")
    lines.append(f"{report.codings} out-of-fold codings stored as {report.machine_coder}; compare them with "
                 f"concord agreement compare PROJECT --coders \"{report.machine_coder}\",NAME --unit {report.unit}")
    return "\n".join(lines)


@machine.command("train", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--from", "from_coder", required=True, help="The coder whose codings it learns.")
@click.option("--unit", type=click.Choice(["sentence", "turn"]), default="sentence", show_default=True,
              help="What it codes: sentences or speaker turns.")
@click.option("--folds", type=int, default=5, show_default=True, help="Folds of the cross-validation (2–10).")
@click.option("--replace", is_flag=True, help="Train anew when a machine coder of that name exists (kept, renamed).")
@json_option
def train(project: Path, from_coder: str, unit: str, folds: int, replace: bool, as_json: bool) -> None:
    """Train the machine coder "Machine (CODER)" and print its cross-validated figures per code."""
    from coding.autocode.machine import train_machine_coder

    def progress(done: int, total: int, text: str) -> None:
        if not as_json and sys.stderr.isatty():
            click.echo(f"\r[{done}/{total}] {text[:50]:<50}", err=True, nl=False)

    with open_project(project) as opened, opened.session() as session:
        report = train_machine_coder(session, from_coder=from_coder, unit=unit, folds=folds, actor=opened.actor,
                                     replace=replace, progress=progress)
    if not as_json and sys.stderr.isatty():
        click.echo("", err=True)
    emit(as_json, report.to_dict(), lambda: _report_text(report))


def _models_text(models: Sequence[ModelInfo]) -> str:
    if not models:
        return translate("CLI", "No machine coders.")
    lines = []
    for model in models:
        f1 = [float(row["f1"]) for row in model.per_code if row.get("f1") is not None]
        mean = f" mean F1 {sum(f1) / len(f1):.2f}," if f1 else ""
        lines.append(f"{model.name}  [{model.engine}] from {model.trained_from or '—'} at {model.unit} units, "
                     f"{model.n_units} units,{mean} {len(model.per_code)} codes, {model.pending} pending suggestions, "
                     f"{model.created_at:%Y-%m-%d %H:%M}")
    return "\n".join(lines)


@machine.command("list", context_settings=CONTEXT_SETTINGS)
@project_argument
@json_option
def list_command(project: Path, as_json: bool) -> None:
    """The project's machine coders with their evaluation."""
    from coding.autocode.machine import list_models

    with open_project(project, writes=False) as opened, opened.session() as session:
        models = list_models(session)
    emit(as_json, [m.to_dict() for m in models], lambda: _models_text(models))


def _rows_text(rows: Sequence[SuggestionRow], empty: str) -> str:
    if not rows:
        return empty
    return "\n".join(
        f"{row.id:>5}  {row.uuid[:8]}  {row.confidence:.2f}  {row.status:<8}  {row.document} {row.start}–{row.end}  "
        f"{row.code_path}: {' '.join(row.text.split())[:70]}" for row in rows)


def _only_model(session: Any) -> str:
    from coding.autocode.machine import ENGINE, list_models

    names = [m.name for m in list_models(session) if m.engine == ENGINE and " (replaced " not in m.name]
    if len(names) != 1:
        raise ValidationError(translate(
            "errors", "name the machine coder with --model ({value})").format(
            value=', '.join(names) or 'none trained yet'))
    return names[0]


@machine.command("suggest", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--model", help="The machine coder (default: the only one); with --endpoint, the endpoint's model.")
@click.option("--min-confidence", type=float, default=0.5, show_default=True,
              help="Suggest a code only when the model's probability reaches this.")
@click.option("--document", "documents", multiple=True, help="Only this document (repeatable).")
@json_option
@endpoint_options  # --endpoint URL: ask a language-model endpoint instead (coding/cli/endpoint.py)
def suggest_command(project: Path, model: str | None, min_confidence: float, documents: tuple[str, ...],
                    as_json: bool, endpoint_url: str | None, **endpoint: Any) -> None:
    """Suggest codes for the units no person has coded so; they wait for review (accept / reject)."""
    if endpoint_url:
        return suggest_from_endpoint(project, endpoint_url=endpoint_url, model=model, documents=documents,
                                     min_confidence=min_confidence, as_json=as_json, **endpoint)
    from coding.autocode.machine import suggest
    from coding.documents import find_document

    with open_project(project) as opened, opened.session() as session:
        document_ids = [find_document(session, name).id for name in documents] or None
        rows = suggest(session, model=model or _only_model(session), min_confidence=min_confidence,
                       document_ids=document_ids, actor=opened.actor)
    emit(as_json, [r.to_dict() for r in rows], lambda: _rows_text(rows, translate("CLI", "No new suggestions.")))


@machine.command("suggestions", context_settings=CONTEXT_SETTINGS)
@project_argument
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected", "all"]), default="pending",
              show_default=True, help="Which suggestions.")
@click.option("--model", help="Only this machine coder's.")
@json_option
def suggestions_command(project: Path, status: str, model: str | None, as_json: bool) -> None:
    """List suggestions: id, short id, confidence, status, where, code and text."""
    from coding.autocode.machine import list_suggestions

    with open_project(project, writes=False) as opened, opened.session() as session:
        rows = list_suggestions(session, status=None if status == "all" else status, model=model)
    emit(as_json, [r.to_dict() for r in rows], lambda: _rows_text(rows, translate("CLI", "No {status} suggestions.").format(status=status)))


_ids = click.argument("suggestion_ids", nargs=-1, required=True)
_reviewer = click.option("--coder", required=True, help="The person deciding (accepted codings become theirs).")


@machine.command("accept", context_settings=CONTEXT_SETTINGS)
@project_argument
@_ids
@_reviewer
@json_option
def accept(project: Path, suggestion_ids: tuple[str, ...], coder: str, as_json: bool) -> None:
    """Accept suggestions (their id, uuid or short id): each passage is coded as CODER, with its provenance."""
    from coding.autocode.review import AcceptSuggestionsEdit, resolve_suggestions
    from coding.coders import find_coder

    with open_project(project) as opened, opened.session() as session:
        person = find_coder(session, coder)
        uuids = resolve_suggestions(session, suggestion_ids)
        edit = AcceptSuggestionsEdit(uuids, person.id)
        edit.do(session, person.name)
        data = {"accepted": uuids, "coder": person.name, "codings": edit.coding_uuids}
    emit(as_json, data, translate("CLI", "Accepted {count} suggestion(s) as {coder} ({codings} new coding(s))").format(
        count=len(uuids), coder=person.name, codings=len(edit.coding_uuids)))


@machine.command("reject", context_settings=CONTEXT_SETTINGS)
@project_argument
@_ids
@_reviewer
@json_option
def reject(project: Path, suggestion_ids: tuple[str, ...], coder: str, as_json: bool) -> None:
    """Reject suggestions (their id, uuid or short id), as CODER."""
    from coding.autocode.review import RejectSuggestionsEdit, resolve_suggestions
    from coding.coders import find_coder

    with open_project(project) as opened, opened.session() as session:
        person = find_coder(session, coder)
        uuids = resolve_suggestions(session, suggestion_ids)
        RejectSuggestionsEdit(uuids).do(session, person.name)
    emit(as_json, {"rejected": uuids, "coder": person.name},
         translate("CLI", "Rejected {count} suggestion(s) as {coder}").format(count=len(uuids), coder=person.name))


__all__ = ["machine"]
