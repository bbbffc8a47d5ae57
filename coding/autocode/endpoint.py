"""An optional second suggestion engine: a language model behind an OpenAI-compatible endpoint (a local Ollama,
a llama.cpp server, a hosted service), asked for codes unit by unit with the codebook's definitions, rules and
examples. Off unless the user configures one; nothing here ships or downloads a model.

What leaves the computer (:func:`disclosure` says it to the user before the first use): each unit's text, and the
codable codes' paths, definitions, include and exclude rules and examples — to ``{base URL}/chat/completions``,
and nothing else (no coder names, no case attributes, no memos). The configuration lives with the user (QSettings
in the GUI, options or environment in the CLI), never in the shared project; an API key is read from an
environment variable whose *name* the user gives and is never stored anywhere.

The work runs in three steps, so a long batch of requests holds no database transaction open:

1. :func:`prepare` reads the codebook and the units (plain data, :class:`EndpointJob`);
2. :func:`ask_all` asks the endpoint about every unit (no session: a GUI worker thread can run it); any failure
   — refused connection, timeout, HTTP error, an answer that is not the JSON asked for, a code path the codebook
   lacks — is one :class:`EndpointError` naming the endpoint, the unit and the problem, and the batch stops;
3. an edit in :mod:`coding.autocode.endpoint_edits` stores the answers, one undo step: as pending suggestions
   for the review queue, or as the endpoint coder's own codings for agreement measurement.

A batch is all or nothing: when a request fails, nothing of that batch is stored (ask again, perhaps for fewer
documents at a time). The answers of units already asked are not half-kept, so the review queue and an agreement
figure never rest on a batch cut off at a random unit.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.codebook import CodeTree
from coding.errors import CancelledError, ConcordError, ValidationError
from coding.i18n import translate
from coding.progress import Cancel, Progress
from models import Document, Sentence, SpeakerTurn

if TYPE_CHECKING:
    import httpx

    from coding.autocode.endpoint_store import EndpointCodingsEdit
    from coding.autocode.machine import SuggestionRow

ENGINE = "endpoint"
PROMPT_VERSION = "1"  # bump when the prompt's wording or the answer's shape changes: stored with each model
DEFAULT_TIMEOUT = 60.0
UNITS = ("sentence", "turn")
LOCAL_HOSTS = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class EndpointError(ConcordError):
    """The endpoint could not be reached or answered something other than what was asked; nothing was stored."""


# -- the user's configuration ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EndpointConfig:
    """Where to ask and which model: the user's own settings, never stored in the project.

    ``api_key_env`` names an environment variable holding the key (empty: no key, as a local Ollama needs none).
    ``json_mode`` sends ``response_format: {"type": "json_object"}``; turn it off for a server that refuses it.
    """

    base_url: str
    model: str
    api_key_env: str = ""
    timeout: float = DEFAULT_TIMEOUT
    json_mode: bool = True

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError(translate(
                "errors", "endpoint URL '{base_url}' must start with http:// or https:// and name a host, e.g. "
                "http://localhost:11434/v1").format(base_url=self.base_url))
        if parts.username or parts.password or parts.query or parts.fragment:
            raise ValidationError(translate(
                "errors", "endpoint URL '{host}': give the base URL only (no user, password, query); an API key goes "
                "in an environment variable (--api-key-env)").format(host=self.host))
        if not self.model.strip():
            raise ValidationError(translate("errors", "the endpoint's model name is empty (e.g. llama3.1)"))
        if not self.timeout > 0:
            raise ValidationError(translate(
                "errors", "the endpoint's timeout must be more than 0 seconds, not {timeout:g}").format(
                timeout=self.timeout))
        if self.api_key_env and not self.api_key_env.replace("_", "").isalnum():
            raise ValidationError(translate(
                "errors", "'{api_key_env}' is not an environment variable's name (e.g. OPENAI_API_KEY)").format(
                api_key_env=self.api_key_env))

    @property
    def chat_url(self) -> str:
        return self.base_url.strip().rstrip("/") + "/chat/completions"

    @property
    def host(self) -> str:
        """Host and port, as stored with the model (the path and any key are not)."""
        return urlsplit(self.base_url.strip()).netloc

    @property
    def is_local(self) -> bool:
        """True when the endpoint runs on this computer (localhost or a loopback address)."""
        hostname = (urlsplit(self.base_url.strip()).hostname or "").lower()
        if hostname in LOCAL_HOSTS:
            return True
        try:
            return ipaddress.ip_address(hostname).is_loopback
        except ValueError:
            return False

    @property
    def model_name(self) -> str:
        """The engine's name as a coder and in provenance: "Endpoint (llama3.1)", with the host when remote."""
        where = "" if self.is_local else f" @ {urlsplit(self.base_url.strip()).hostname}"
        return f"Endpoint ({self.model.strip()}{where})"

    def api_key(self) -> str | None:
        """The key from the environment variable the user named; refused when that variable is not set."""
        if not self.api_key_env:
            return None
        key = os.environ.get(self.api_key_env, "")
        if not key:
            raise ValidationError(translate(
                "errors", "the environment variable {api_key_env} (the endpoint's API key) is not set").format(
                api_key_env=self.api_key_env))
        return key


# -- what is sent ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodebookEntry:
    """A codable code as the endpoint sees it."""

    uuid: str
    path: str
    definition: str
    include_rule: str
    exclude_rule: str
    example: str

    def describe(self) -> str:
        lines = [f"- {self.path}"]
        for label, value in (("definition", self.definition), ("include", self.include_rule),
                             ("exclude", self.exclude_rule), ("example", self.example)):
            if value.strip():
                lines.append(f"  {label}: {' '.join(value.split())}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Unit:
    """``text`` is ``document text[start:end]``: one sentence or one turn's words."""

    document_id: int
    document: str
    start: int
    end: int
    text: str

    def where(self) -> str:
        return f"document '{self.document}' at {self.start}–{self.end}"


@dataclass(frozen=True)
class EndpointJob:
    """Everything a batch needs, read from the project up front (no session after this)."""

    config: EndpointConfig
    unit: str
    codebook: tuple[CodebookEntry, ...]
    units: tuple[Unit, ...]

    @property
    def paths(self) -> dict[str, str]:
        return {entry.path: entry.uuid for entry in self.codebook}


SYSTEM_PROMPT = (
    "You code interview transcripts for a qualitative study with the codebook below. For the passage the user "
    "sends, choose every code whose definition and include rule fit it and whose exclude rule does not; choose "
    "none when none fits. Answer with JSON only, exactly this shape: "
    '{"codes": ["<code path>", ...], "confidence": {"<code path>": <number from 0 to 1>, ...}}. '
    "Use the code paths exactly as written in the codebook.\n\nCodebook:\n"
)


def codebook_entries(session: Session) -> tuple[CodebookEntry, ...]:
    """The codable codes in codebook order; refused when there are none."""
    tree = CodeTree.load(session)
    entries = tuple(CodebookEntry(info.uuid, info.path, info.definition, info.include_rule, info.exclude_rule,
                                  info.example) for info in tree.infos() if info.is_codable)
    if not entries:
        raise ValidationError(translate("errors", "the codebook has no codable codes to ask the endpoint about"))
    return entries


def messages_for(codebook: Sequence[CodebookEntry], text: str) -> list[dict[str, str]]:
    """The chat messages for one unit: the codebook as the system message, the unit's text as the user's."""
    listed = "\n".join(entry.describe() for entry in codebook)
    return [{"role": "system", "content": SYSTEM_PROMPT + listed},
            {"role": "user", "content": text}]


def disclosure(config: EndpointConfig) -> str:
    """The notice shown before the first use: what leaves the computer and where to."""
    notice = translate(
        "autocode.endpoint", "Concord will send text from this project to {url} (model {model}): the text of each "
        "unit asked about (a sentence or a speaker turn), and the codebook's code paths, definitions, include and "
        "exclude rules and examples, with every request. Nothing else is sent: no coder names, cases, attributes or "
        "memos. No model ships with Concord; the endpoint is one you run or chose.").format(
            url=config.chat_url, model=config.model)
    if not config.is_local:
        notice += "\n\n" + translate(
            "autocode.endpoint", "Warning: {host} is not this computer. The transcripts' text leaves your computer "
            "and is handled under that service's terms: check that your participants' consent and your ethics "
            "approval allow it.").format(host=config.host)
    return notice


# -- reading the units -----------------------------------------------------------------------------------------


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise ValidationError(translate(
            "errors", "unit must be one of {value}, not '{unit}'").format(value=', '.join(UNITS), unit=unit))


def read_units(session: Session, *, unit: str = "sentence", document_ids: Iterable[int] | None = None) -> list[Unit]:
    """The sentences (or turns' words, after the speaker label) of the documents, in document order."""
    _check_unit(unit)
    documents = select(Document.id, Document.name, Document.text).order_by(Document.name)
    if document_ids is not None:
        documents = documents.where(Document.id.in_(list(document_ids)))
    units: list[Unit] = []
    for document_id, name, text in session.execute(documents):
        for start, end in _spans(session, document_id, unit):
            piece = text[start:end]
            if piece.strip():
                units.append(Unit(document_id, name, start, end, piece))
    return units


def _spans(session: Session, document_id: int, unit: str) -> list[tuple[int, int]]:
    if unit == "sentence":
        query = select(Sentence.start, Sentence.end).where(Sentence.document_id == document_id)
        return [(s, e) for s, e in session.execute(query.order_by(Sentence.position))]
    turns = select(SpeakerTurn.content_start, SpeakerTurn.end).where(SpeakerTurn.document_id == document_id)
    return [(s, e) for s, e in session.execute(turns.order_by(SpeakerTurn.position))]


def prepare(session: Session, config: EndpointConfig, *, unit: str = "sentence",
            document_ids: Iterable[int] | None = None) -> EndpointJob:
    """Read what a batch sends: the codebook and the units of the documents (all documents when None)."""
    units = read_units(session, unit=unit, document_ids=document_ids)
    if not units:
        raise ValidationError(translate(
            "errors", "no {unit}s to ask the endpoint about in the chosen documents").format(unit=unit))
    return EndpointJob(config, unit, codebook_entries(session), tuple(units))


# -- asking ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """The codes the endpoint chose for a unit, each with its confidence (1.0 when it gave none)."""

    unit: Unit
    codes: dict[str, float] = field(default_factory=dict)


def _fail(config: EndpointConfig, unit: Unit | None, problem: str) -> EndpointError:
    where = f" (asking about {unit.where()})" if unit is not None else ""
    return EndpointError(f"endpoint {config.chat_url}{where}: {problem}; nothing was stored")


def _unfenced(content: str) -> str:
    """The JSON inside a lone Markdown code fence (some models add one even when asked not to)."""
    text = content.strip()
    if text.startswith("```") and text.endswith("```") and len(text) >= 6:
        text = text[3:-3].strip()
        if text.lower().startswith("json"):
            text = text[4:]
    return text.strip()


def parse_codes(content: str, known_paths: Iterable[str]) -> dict[str, float]:
    """The answer's codes with their confidences, checked strictly; ``ValueError`` says what is wrong."""
    try:
        data = json.loads(_unfenced(content))
    except ValueError:
        raise ValueError(f"the answer is not JSON: {content[:80]!r}") from None
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise ValueError(f'the answer is not {{"codes": [...]}}: {content[:80]!r}')
    codes = data["codes"]
    if not all(isinstance(path, str) for path in codes):
        raise ValueError("the answer's codes are not all code paths (text)")
    confidence = data.get("confidence", {})
    if confidence is None:
        confidence = {}
    if not isinstance(confidence, dict):
        raise ValueError("the answer's confidence is not an object of code path: number")
    known = set(known_paths)
    unknown = sorted({path.strip() for path in codes} - known)
    if unknown:
        raise ValueError(f"the answer names code path(s) the codebook lacks: {', '.join(unknown[:5])}")
    return {path.strip(): _confidence(path.strip(), confidence) for path in codes}


def _confidence(path: str, confidence: dict[str, Any]) -> float:
    value = confidence.get(path, 1.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"the confidence of '{path}' is not a number from 0 to 1: {value!r}")
    return float(value)


class EndpointClient:
    """One HTTP connection to the endpoint for a batch (use as a context manager)."""

    def __init__(self, config: EndpointConfig) -> None:
        import httpx  # only when asking: it takes a third of a second to import, and most sessions never ask

        self.config = config
        headers = {"Content-Type": "application/json"}
        key = config.api_key()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        # A local endpoint is never reached through a proxy from the environment (a proxy would see the text).
        self.http = httpx.Client(headers=headers, timeout=config.timeout, trust_env=not config.is_local)

    def __enter__(self) -> EndpointClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.http.close()

    def ask(self, codebook: Sequence[CodebookEntry], unit: Unit) -> Answer:
        """The endpoint's codes for one unit; any failure is one :class:`EndpointError`."""
        content = self._content(self._post(codebook, unit), unit)
        try:
            codes = parse_codes(content, (entry.path for entry in codebook))
        except ValueError as exc:
            raise _fail(self.config, unit, str(exc)) from None
        return Answer(unit, codes)

    def _post(self, codebook: Sequence[CodebookEntry], unit: Unit) -> httpx.Response:
        body: dict[str, Any] = {"model": self.config.model, "messages": messages_for(codebook, unit.text),
                                "temperature": 0, "stream": False}
        if self.config.json_mode:
            body["response_format"] = {"type": "json_object"}
        import httpx

        try:
            response = self.http.post(self.config.chat_url, json=body)
        except httpx.TimeoutException:
            raise _fail(self.config, unit, f"no answer within {self.config.timeout:g} s (timeout)") from None
        except httpx.ConnectError as exc:
            raise _fail(self.config, unit, f"cannot connect ({_reason(exc)}; is the server running?)") from None
        except httpx.HTTPError as exc:
            raise _fail(self.config, unit, f"the request failed ({_reason(exc)})") from None
        if response.status_code != 200:
            raise _fail(self.config, unit, f"HTTP {response.status_code} {response.reason_phrase}"
                                           f"{_server_says(response)}")
        return response

    def _content(self, response: httpx.Response, unit: Unit) -> str:
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            problem = "the reply is not a chat completion (no choices[0].message.content)"
            raise _fail(self.config, unit, problem) from None
        if not isinstance(content, str):
            raise _fail(self.config, unit, "the reply's message content is not text")
        return content


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


def _server_says(response: httpx.Response) -> str:
    text = " ".join(response.text.split())[:120]
    return f": {text}" if text else ""


def ask_all(job: EndpointJob, *, progress: Progress | None = None, cancelled: Cancel | None = None) -> list[Answer]:
    """Ask about every unit of the job, in order; stops at the first failure (:class:`EndpointError`) or when
    cancelled (:class:`CancelledError`), returning nothing either way. No session: runs in a worker thread."""
    answers: list[Answer] = []
    total = len(job.units)
    with EndpointClient(job.config) as client:
        for done, unit in enumerate(job.units):
            if cancelled is not None and cancelled():
                raise CancelledError(translate(
                    "errors", "asking {model_name} was cancelled after {done} of {total} {unit}s; nothing was stored").format(
                    model_name=job.config.model_name, done=done, total=total, unit=job.unit))
            if progress is not None:
                progress(done, total, translate("autocode.endpoint", "Asking {model} about {document}").format(
                    model=job.config.model_name, document=unit.document))
            answers.append(client.ask(job.codebook, unit))
    if progress is not None:
        progress(total, total, translate("autocode.endpoint", "Done"))
    return answers


# -- the whole batch, for the CLI and scripts --------------------------------------------------------------------


def suggest_with_endpoint(session: Session, config: EndpointConfig, *, unit: str = "sentence",
                          document_ids: Iterable[int] | None = None, min_confidence: float = 0.5, actor: str,
                          progress: Progress | None = None, cancelled: Cancel | None = None) -> list[SuggestionRow]:
    """Ask the endpoint about every unit of the documents and store its codes at or above ``min_confidence`` as
    pending suggestions (one :class:`~coding.autocode.endpoint_store.EndpointSuggestionsEdit`); returns them.
    All or nothing: a failed request stores nothing (:class:`EndpointError`)."""
    from coding.autocode.endpoint_store import EndpointSuggestionsEdit
    from coding.autocode.machine import check_confidence, list_suggestions

    check_confidence(min_confidence)
    job = prepare(session, config, unit=unit, document_ids=document_ids)
    edit = EndpointSuggestionsEdit(job, ask_all(job, progress=progress, cancelled=cancelled),
                                   min_confidence=min_confidence)
    edit.do(session, actor)
    made = set(edit.suggestion_uuids)
    return [row for row in list_suggestions(session, status="pending", model=config.model_name) if row.uuid in made]


def code_with_endpoint(session: Session, config: EndpointConfig, *, document_ids: Iterable[int], unit: str = "sentence",
                       min_confidence: float = 0.5, actor: str, progress: Progress | None = None,
                       cancelled: Cancel | None = None) -> EndpointCodingsEdit:
    """Let the endpoint code whole documents that people have coded, as its own coder ("Endpoint (model)"), so
    agreement between it and each human can be computed like any coder's; returns the (done) edit. Refused when a
    chosen document has no human codings (agreement needs them to compare with)."""
    from coding.autocode.endpoint_store import EndpointCodingsEdit, check_people_coded
    from coding.autocode.machine import check_confidence

    check_confidence(min_confidence)
    job = prepare(session, config, unit=unit, document_ids=check_people_coded(session, list(document_ids)))
    edit = EndpointCodingsEdit(job, ask_all(job, progress=progress, cancelled=cancelled),
                               min_confidence=min_confidence)
    edit.do(session, actor)
    return edit


__all__ = [
    "DEFAULT_TIMEOUT",
    "ENGINE",
    "PROMPT_VERSION",
    "UNITS",
    "Answer",
    "CodebookEntry",
    "EndpointClient",
    "EndpointConfig",
    "EndpointError",
    "EndpointJob",
    "Unit",
    "ask_all",
    "code_with_endpoint",
    "codebook_entries",
    "disclosure",
    "messages_for",
    "parse_codes",
    "prepare",
    "read_units",
    "suggest_with_endpoint",
]
