"""The language-model endpoint from the command line: ``concord machine suggest PROJECT --endpoint URL --model NAME``
asks an OpenAI-compatible endpoint (a local Ollama: ``http://localhost:11434/v1``) for codes and stores them as
pending suggestions for the review queue; with ``--as-coder`` it codes the chosen documents as the endpoint's own
coder instead, for agreement (``concord agreement compare PROJECT --coders "Endpoint (llama3.1),Lin"``).

The endpoint is the user's setting, never the project's: it is named on the command line each time (never taken
from the environment, so no script sends text anywhere unasked); an API key only through the name of an
environment variable (``--api-key-env``).
Before asking, one notice on stderr says what leaves the computer and to where. See docs/autocode.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from sqlalchemy import URL

from coding.cli.common import emit, open_project
from coding.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coding.autocode.endpoint import Answer, EndpointJob
    from coding.autocode.machine import SuggestionRow

F = TypeVar("F", bound=Callable[..., Any])
# --endpoint-unit takes the English words; the notice names the unit in the interface language
UNITS = (QT_TRANSLATE_NOOP("CLI", "sentence"), QT_TRANSLATE_NOOP("CLI", "turn"))


def endpoint_options(func: F) -> F:
    """The endpoint's options, for a command that also has ``--model`` (the endpoint's model name with
    ``--endpoint``), ``--documents`` and ``--min-confidence``."""
    options = [
        click.option("--endpoint", "endpoint_url", metavar="URL",
                     help="Ask this OpenAI-compatible endpoint instead of a trained model, e.g. "
                          "http://localhost:11434/v1 for a local Ollama. Sends each unit's text and the codebook's "
                          "definitions, rules and examples there (never from the environment: always this option)."),
        click.option("--api-key-env", metavar="VAR", default="",
                     help="With --endpoint: the environment variable holding the API key (never stored)."),
        click.option("--endpoint-timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
                     show_default=True, help="With --endpoint: seconds to wait for each answer."),
        click.option("--endpoint-unit", type=click.Choice(UNITS), default="sentence", show_default=True,
                     help="With --endpoint: ask about each sentence or each speaker turn."),
        click.option("--no-json-mode", "no_json_mode", is_flag=True,
                     help="With --endpoint: do not send response_format (for a server that refuses it)."),
        click.option("--as-coder", is_flag=True,
                     help="With --endpoint: code the documents (people's coded ones) as the endpoint's own coder, "
                          "for agreement, instead of suggesting."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def suggest_from_endpoint(project: Path | URL, *, endpoint_url: str, model: str | None, documents: Sequence[str],
                          min_confidence: float, as_json: bool, api_key_env: str = "", endpoint_timeout: float = 60.0,
                          endpoint_unit: str = "sentence", no_json_mode: bool = False, as_coder: bool = False) -> None:
    """``machine suggest --endpoint``: read, ask (no transaction open meanwhile), then store as one step."""
    from coding.autocode.endpoint import EndpointConfig, ask_all, disclosure, prepare

    config = EndpointConfig(endpoint_url, model or "", api_key_env=api_key_env, timeout=endpoint_timeout,
                            json_mode=not no_json_mode)
    with open_project(project) as opened:
        with opened.session() as session:
            ids = _document_ids(session, documents, as_coder)
            job = prepare(session, config, unit=endpoint_unit, document_ids=ids)
        click.echo(f"{disclosure(config)}\n" + _asking(len(job.units), endpoint_unit), err=True)
        answers = ask_all(job)
        with opened.session() as session:
            if as_coder:
                _store_codings(session, job, answers, min_confidence, opened.actor, as_json)
            else:
                _store_suggestions(session, job, answers, min_confidence, opened.actor, as_json)


def _document_ids(session: Session, documents: Sequence[str], as_coder: bool) -> list[int] | None:
    """The named documents (None: all; with --as-coder, all that people coded)."""
    from coding.autocode.endpoint_store import check_people_coded, human_coded_documents
    from coding.cli.common import split_names
    from coding.documents import document_refs, resolve_document
    from coding.errors import ValidationError

    names = split_names(documents)
    refs = document_refs(session)
    if names:
        named = [resolve_document(refs, name).id for name in names]
        return check_people_coded(session, named) if as_coder else named
    if not as_coder:
        return None
    coded = human_coded_documents(session, [ref.id for ref in refs])
    if not coded:
        raise ValidationError(translate("errors", "no document has a person's codings to compare the endpoint with"))
    return coded


def _store_suggestions(session: Session, job: EndpointJob, answers: list[Answer], min_confidence: float,
                       actor: str, as_json: bool) -> None:
    from coding.autocode.endpoint_store import EndpointSuggestionsEdit, NothingToSuggest
    from coding.autocode.machine import list_suggestions

    edit = EndpointSuggestionsEdit(job, answers, min_confidence=min_confidence)
    try:
        edit.do(session, actor)
    except NothingToSuggest as nothing:
        emit(as_json, [], translate("CLI", "No new suggestions: {reason}").format(reason=nothing))
        return
    made = set(edit.suggestion_uuids)
    rows = [r for r in list_suggestions(session, model=job.config.model_name) if r.uuid in made]
    emit(as_json, [r.to_dict() for r in rows], lambda: _suggestion_lines(job.config.model_name, rows))


def _asking(count: int, unit: str) -> str:
    """The notice's last line: how many units are about to be sent."""
    return translate("CLI", "Asking about {count} {unit}(s)…").format(count=count, unit=translate("CLI", unit))


def _suggestion_lines(model: str, rows: Sequence[SuggestionRow]) -> str:
    lines = [translate("CLI", "{count} suggestion(s) from {model}, pending review (concord machine accept|reject):")
             .format(count=len(rows), model=model)]
    lines += [f"  {r.id}\t{r.document}\t{r.code_path}\t{r.confidence:.2f}\t{' '.join(r.text.split())[:70]}"
              for r in rows]
    return "\n".join(lines)


def _store_codings(session: Session, job: EndpointJob, answers: list[Answer], min_confidence: float, actor: str,
                   as_json: bool) -> None:
    from coding.autocode.endpoint_store import EndpointCodingsEdit

    edit = EndpointCodingsEdit(job, answers, min_confidence=min_confidence)
    edit.do(session, actor)
    documents = sorted({unit.document for unit in job.units})
    name = job.config.model_name
    data = {"coder": name, "codings": len(edit.created), "documents": documents, "unit": job.unit}
    emit(as_json, data, translate(
        "CLI", "{name} made {codings} coding(s) in {count} document(s); compare it: concord agreement compare PROJECT "
        "--coders \"{name},<person>\" --unit {unit} --documents {documents}").format(
        name=name, codings=len(edit.created), count=len(documents), unit=job.unit, documents=",".join(documents)))


__all__ = ["endpoint_options", "suggest_from_endpoint"]
