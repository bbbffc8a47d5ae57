"""Autocode by structure: passages proposed by where they sit in the transcripts, not by what they say.

A :class:`StructureRule` picks either speaker turns — every turn of one speaker label ("Interviewer", "I",
"访谈者", matched ignoring case), or of a role: ``questions`` (the interviewer's turns) or ``answers`` (everyone
else's) — or whole documents. Either is limited to the documents of chosen cases and of cases whose attributes
hold (``--where role=Doctor``, ``years_in_post>5`` for number and date attributes). A turn is coded from its
content (``SpeakerTurn.content_start``), so the label is not part of the coding; a document is coded whole
without its opening metadata block (:mod:`coding.metadata`).

:func:`propose` turns a rule into :class:`~coding.autocode.apply.Passage` s; :func:`preview` says, without
writing, what applying them as a coder would do (any autocoder's passages can be previewed so); applying is
:class:`~coding.autocode.apply.AutocodeEdit`, one undo step.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding.autocode.apply import Passage, already_coded
from coding.cases import clean_value, find_attribute, find_case
from coding.codebook import CodeTree
from coding.coders import REVIEW_HINT, ConsensusCoderError
from coding.errors import NotFoundError, ValidationError
from coding.i18n import translate
from coding.names import known_names
from models import Attribute, AttributeValue, Case, Code, Coder, Document, DocumentMetadata, SpeakerTurn

QUESTIONS, ANSWERS = "questions", "answers"
ROLES = (QUESTIONS, ANSWERS)
# Labels transcribers give the person asking (compared folded, ignoring a trailing number: "Interviewer 2", "I1").
# Every other label is a respondent's; unlabelled turns belong to neither role.
INTERVIEWER_LABELS = frozenset({
    "interviewer", "moderator", "facilitator", "q", "i", "int", "ir", "question",
    "访谈者", "采访者", "访谈人", "访问者", "主持人", "问", "记者",
})
_NUMBERED = re.compile(r"[\s_\-]*\d+$")
_CONDITION = re.compile(r"^\s*(?P<attribute>[^!<>=]+?)\s*(?P<op>!=|>=|<=|=|>|<)\s*(?P<value>.*?)\s*$")
_ORDERED = {"number", "date"}  # attribute types that take > and <
FIRST_WORDS_CHARS = 70


def folded_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def label_role(label: str) -> str:
    """``questions`` for an interviewer's label, ``answers`` for anyone else's, "" for an unlabelled turn."""
    folded = folded_label(label)
    if not folded:
        return ""
    return QUESTIONS if _NUMBERED.sub("", folded) in INTERVIEWER_LABELS else ANSWERS


# -- the rule ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """``attribute op value`` on a case's attribute; ``op`` is one of = != > < >= <=."""

    attribute: str
    op: str
    value: str

    def __str__(self) -> str:
        return f"{self.attribute}{self.op}{self.value}"


def parse_condition(text: str) -> Condition:
    """``"role=Doctor"``, ``"role!=Doctor"``, ``"years_in_post>5"`` -> a :class:`Condition`."""
    match = _CONDITION.match(text)
    if match is None or not match.group("value"):
        raise ValidationError(translate(
            "errors", "--where '{text}': expected ATTRIBUTE=VALUE (or !=, >, <, >=, <=), e.g. role=Doctor").format(
            text=text))
    return Condition(match.group("attribute"), match.group("op"), match.group("value"))


@dataclass(frozen=True)
class StructureRule:
    """What to code: turns of ``speaker`` or of ``role``, or (neither given) whole documents; in the documents of
    ``cases`` (any of them) whose cases meet every ``where`` condition (``=`` on one attribute: any of the values)."""

    speaker: str = ""
    role: str = ""
    cases: tuple[str, ...] = ()
    where: tuple[str, ...] = ()

    @property
    def codes_turns(self) -> bool:
        return bool(self.speaker or self.role)

    def describe(self) -> str:
        """What the rule codes, in the interface language ("turns of 'Interviewee' (case P01)")."""
        if self.speaker:
            what = translate("autocode.structure", "turns of '{speaker}'").format(speaker=self.speaker)
        elif self.role:
            what = translate("autocode.structure", "interviewer questions") if self.role == QUESTIONS \
                else translate("autocode.structure", "answers")
        else:
            what = translate("autocode.structure", "whole documents")
        scope = [translate("autocode.structure", "case {cases}").format(cases=", ".join(self.cases))] \
            if self.cases else []
        scope += list(self.where)
        return what + (f" ({'; '.join(scope)})" if scope else "")


# -- speaker labels the project knows ---------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerLabel:
    """A speaker label as the transcripts spell it most often, with its turns, documents and role."""

    label: str
    turns: int
    documents: int
    role: str


def speaker_labels(session: Session) -> list[SpeakerLabel]:
    """Every speaker label of the project (spellings differing only in case are one label), most turns first."""
    rows = session.execute(
        select(SpeakerTurn.speaker, func.count(), func.count(func.distinct(SpeakerTurn.document_id)))
        .where(SpeakerTurn.speaker != "").group_by(SpeakerTurn.speaker))
    spellings: dict[str, list[tuple[int, str, int]]] = {}
    for speaker, turns, documents in rows:
        spellings.setdefault(folded_label(speaker), []).append((turns, speaker, documents))
    labels = []
    for variants in spellings.values():
        # the spelling used most, a capitalised one on a tie ("Interviewer" over "interviewer")
        _, spelling, _ = max(variants, key=lambda v: (v[0], v[1] != v[1].casefold(), v[1]))
        documents = _label_documents(session, [v[1] for v in variants]) if len(variants) > 1 else variants[0][2]
        labels.append(SpeakerLabel(spelling, sum(v[0] for v in variants), documents, label_role(spelling)))
    return sorted(labels, key=lambda label: (-label.turns, label.label))


def _label_documents(session: Session, spellings: list[str]) -> int:
    count = session.scalar(select(func.count(func.distinct(SpeakerTurn.document_id)))
                           .where(SpeakerTurn.speaker.in_(spellings)))
    return int(count or 0)


@dataclass(frozen=True)
class AttributeChoice:
    name: str
    value_type: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class RuleChoices:
    """What a form offers to build a rule from: the speaker labels, cases and attributes (with their values)."""

    labels: tuple[SpeakerLabel, ...]
    cases: tuple[str, ...]
    attributes: tuple[AttributeChoice, ...]


def rule_choices(session: Session) -> RuleChoices:
    values: dict[int, set[str]] = {}
    for attribute_id, value in session.execute(select(AttributeValue.attribute_id, AttributeValue.value)
                                               .where(AttributeValue.value != "").distinct()):
        values.setdefault(attribute_id, set()).add(value)
    attributes = tuple(
        AttributeChoice(name, value_type, tuple(sorted(values.get(attribute_id, ()), key=_value_order(value_type))))
        for attribute_id, name, value_type in session.execute(
            select(Attribute.id, Attribute.name, Attribute.value_type).order_by(Attribute.position, Attribute.name)))
    cases = tuple(session.scalars(select(Case.name).order_by(Case.name)))
    return RuleChoices(tuple(speaker_labels(session)), cases, attributes)


def _value_order(value_type: str) -> Callable[[str], tuple[float, str]]:
    def key(value: str) -> tuple[float, str]:
        try:
            return (_ordered(value, value_type) if value_type in _ORDERED else 0.0, value.casefold())
        except ValueError:
            return (0.0, value.casefold())
    return key


# -- documents in scope -----------------------------------------------------------------------------------


def scoped_documents(session: Session, cases: Sequence[str] = (), where: Sequence[str] = ()) -> list[int]:
    """Ids of the documents of the chosen cases meeting every condition (no choice: every document), by name."""
    rows = session.execute(select(Document.id, Document.case_id).order_by(Document.name)).all()
    if cases:
        chosen = {find_case(session, name).id for name in cases}
        rows = [row for row in rows if row.case_id in chosen]
    if where:
        allowed = _cases_meeting(session, [parse_condition(text) for text in where])
        rows = [row for row in rows if row.case_id in allowed]
    return [row.id for row in rows]


def _cases_meeting(session: Session, conditions: Sequence[Condition]) -> set[int]:
    """Cases meeting every condition; ``=`` conditions on one attribute are alternatives."""
    allowed = set(session.scalars(select(Case.id)))
    equal_values: dict[int, set[str]] = {}
    values_of: dict[int, dict[int, str]] = {}
    for condition in conditions:
        attribute = find_attribute(session, condition.attribute)
        values = values_of.setdefault(attribute.id, dict(session.execute(
            select(AttributeValue.case_id, AttributeValue.value)
            .where(AttributeValue.attribute_id == attribute.id)).all()))
        if condition.op == "=":
            equal_values.setdefault(attribute.id, set()).add(_known_value(condition, values.values()))
        elif condition.op == "!=":
            folded = _known_value(condition, values.values())
            allowed = {case for case in allowed if values.get(case, "").casefold() != folded}
        else:
            wanted = _bound(condition, attribute.value_type)
            allowed = {case for case in allowed if _holds(condition.op, values.get(case, ""), attribute.value_type,
                                                          wanted)}
    for attribute_id, wanted_values in equal_values.items():
        values = values_of[attribute_id]
        allowed = {case for case in allowed if values.get(case, "").casefold() in wanted_values}
    return allowed


def _known_value(condition: Condition, values: Iterable[str]) -> str:
    """The condition's value folded, refused when no case holds it (a typo would silently select nothing)."""
    present = sorted({v for v in values if v})
    folded = condition.value.casefold()
    if folded not in {v.casefold() for v in present}:
        raise NotFoundError(translate(
            "errors", "no case has {condition} (values of {attribute}: {value})").format(
            condition=condition, attribute=condition.attribute, value=known_names(present)))
    return folded


def _bound(condition: Condition, value_type: str) -> float:
    """The value a case's value is compared with by > < >= <=; only number and date attributes have an order."""
    if value_type not in _ORDERED:
        raise ValidationError(translate(
            "errors", "--where {condition}: attribute '{attribute}' holds {value_type}, not numbers or dates; use = "
            "or !=").format(condition=condition, attribute=condition.attribute, value_type=value_type))
    try:
        return _ordered(clean_value(condition.value, value_type), value_type)
    except ValidationError as exc:
        raise ValidationError(translate("errors", "--where {condition}: {exc}").format(condition=condition, exc=exc)) from None


def _holds(op: str, value: str, value_type: str, bound: float) -> bool:
    if not value:
        return False  # a case without a value is neither above nor below
    have = _ordered(value, value_type)
    return {">": have > bound, "<": have < bound, ">=": have >= bound, "<=": have <= bound}[op]


def _ordered(value: str, value_type: str) -> float:
    """A number as itself, a date as its day number, so both compare the same way."""
    return float(value) if value_type == "number" else float(date.fromisoformat(value).toordinal())


# -- proposing passages ------------------------------------------------------------------------------------


def propose(session: Session, rule: StructureRule, code_id: int) -> list[Passage]:
    """The passages ``rule`` picks, to be coded with ``code_id``; refuses an unknown speaker, case, attribute or
    value, a category code, and a rule that picks nothing."""
    check_codable(session, code_id)
    if rule.role and rule.role not in ROLES:
        raise ValidationError(translate(
            "errors", "role '{role}': expected {value}").format(role=rule.role, value=' or '.join(ROLES)))
    if rule.speaker and rule.role:
        raise ValidationError(translate("errors", "choose a speaker label or a role, not both"))
    if not rule.codes_turns and not (rule.cases or rule.where):
        raise ValidationError(translate(
            "errors", "choose what to code: a speaker label, a role, a case or an attribute value"))
    documents = scoped_documents(session, rule.cases, rule.where)
    passages = _turn_passages(session, rule, documents, code_id) if rule.codes_turns else \
        _document_passages(session, documents, code_id, rule.describe())
    if not passages:
        raise NotFoundError(translate(
            "errors", "nothing to code: {value} picks no passage with text").format(value=rule.describe()))
    return passages


def check_codable(session: Session, code_id: int) -> Code:
    code = session.get(Code, code_id)
    if code is None:
        raise NotFoundError(translate("errors", "no code with id {code_id}").format(code_id=code_id))
    if not code.is_codable:
        raise ValidationError(translate(
            "errors", "code '{name}' is a category and cannot be applied to text; choose a code below it").format(
            name=code.name))
    return code


def _turn_passages(session: Session, rule: StructureRule, documents: Sequence[int], code_id: int) -> list[Passage]:
    wanted = _wanted_speakers(session, rule)
    order = {document_id: index for index, document_id in enumerate(documents)}
    # A turn's content starts at its first non-blank character and ends at a line's last one (import's
    # detect_turns), so a turn whose content is not empty holds text: no need to read the documents.
    turns = session.execute(
        select(SpeakerTurn.document_id, SpeakerTurn.speaker, SpeakerTurn.content_start, SpeakerTurn.end)
        .where(SpeakerTurn.document_id.in_(documents), SpeakerTurn.speaker.in_(wanted),
               SpeakerTurn.content_start < SpeakerTurn.end)).all()
    turns = sorted(turns, key=lambda t: (order[t.document_id], t.content_start))
    return [Passage(t.document_id, t.content_start, t.end, code_id, f"{_reason(rule)} ({t.speaker})")
            for t in turns]


def _reason(rule: StructureRule) -> str:
    if rule.speaker:
        return "speaker turn"
    return "interviewer question" if rule.role == QUESTIONS else "answer"


def _wanted_speakers(session: Session, rule: StructureRule) -> list[str]:
    """The stored spellings of the label asked for, or of every label of the role."""
    spellings = list(session.scalars(select(SpeakerTurn.speaker).where(SpeakerTurn.speaker != "").distinct()))
    if rule.role:
        found = [s for s in spellings if label_role(s) == rule.role]
        if not found:
            whose = (translate("errors", "an interviewer's") if rule.role == QUESTIONS
                     else translate("errors", "a respondent's"))
            raise NotFoundError(translate(
                "errors", "no speaker label of the transcripts reads as {whose} (speakers: {value}); choose the "
                "speaker by its label instead").format(whose=whose, value=known_names(sorted(set(spellings)))))
        return found
    folded = folded_label(rule.speaker)
    found = [s for s in spellings if folded_label(s) == folded]
    if not found:
        known = [f"{label.label} ({label.turns})" for label in speaker_labels(session)]
        raise NotFoundError(translate(
            "errors", "no speaker '{speaker}' in the transcripts (speakers: {value})").format(
            speaker=rule.speaker, value=known_names(known, 20)))
    return found


def _document_passages(session: Session, documents: Sequence[int], code_id: int, reason: str) -> list[Passage]:
    header_ends = dict(session.execute(
        select(DocumentMetadata.document_id, func.max(DocumentMetadata.end))
        .where(DocumentMetadata.document_id.in_(documents)).group_by(DocumentMetadata.document_id)).all())
    bodies: dict[int, tuple[int, int]] = {}
    for document_id, text in _texts(session, documents):
        bodies[document_id] = document_body(text, header_ends.get(document_id, 0))
    return [Passage(document_id, *bodies[document_id], code_id, reason) for document_id in documents
            if bodies[document_id][0] < bodies[document_id][1]]


def document_body(text: str, header_end: int = 0) -> tuple[int, int]:
    """``text[start:end]``: the document after its metadata block (ending at ``header_end``), without the
    blank space around it."""
    end = len(text.rstrip())
    start = header_end
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _texts(session: Session, documents: Iterable[int]) -> Iterator[tuple[int, str]]:
    """(id, text) of the documents, read a few at a time: at 100× a project's texts are far too many to hold."""
    chosen = list(documents)
    if not chosen:
        return
    rows = session.execute(select(Document.id, Document.text).where(Document.id.in_(chosen))
                           .execution_options(yield_per=16))
    for document_id, text in rows:
        yield document_id, text


# -- preview ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    """One proposed passage as a reader checks it: where, who speaks, the first words, already coded or not."""

    document: str
    case: str
    speaker: str
    code: str
    start: int
    end: int
    first_words: str
    reason: str
    already: bool

    def to_dict(self) -> dict[str, object]:
        return dict(vars(self))


@dataclass(frozen=True)
class DocumentCount:
    document: str
    passages: int
    already: int

    def to_dict(self) -> dict[str, object]:
        return {"document": self.document, "passages": self.passages, "already": self.already,
                "new": self.passages - self.already}


@dataclass(frozen=True)
class AutocodePreview:
    """What applying the passages as ``coder`` would do; nothing is written to make it."""

    coder: str
    rows: tuple[PreviewRow, ...]
    documents: tuple[DocumentCount, ...] = field(default=())

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def already(self) -> int:
        """Passages the coder has already coded so: applying skips them."""
        return sum(row.already for row in self.rows)

    @property
    def new(self) -> int:
        return self.total - self.already

    def summary(self) -> str:
        return translate("autocode.structure", "{total} passage(s) in {documents} document(s) for {coder}: {new} to "
                         "code, {already} already coded so (skipped)").format(
            total=self.total, documents=len(self.documents), coder=self.coder, new=self.new, already=self.already)

    def to_dict(self) -> dict[str, object]:
        return {"coder": self.coder, "passages": self.total, "new": self.new, "already": self.already,
                "documents": [d.to_dict() for d in self.documents], "rows": [r.to_dict() for r in self.rows]}


def check_coder(coder: Coder) -> None:
    """Autocoding writes a person's codings; the consensus coder is written only by the review."""
    if coder.is_consensus:
        raise ConsensusCoderError(translate(
            "errors", "'{name}' is the consensus coder, not a person: autocode as a coder; {REVIEW_HINT}").format(
            name=coder.name, REVIEW_HINT=translate("errors", REVIEW_HINT)))


def preview(session: Session, passages: Sequence[Passage], coder: Coder) -> AutocodePreview:
    """The passages with document, case, speaker, code and first words, and which the coder already has."""
    check_coder(coder)
    seen = already_coded(session, passages, coder.id)
    documents = {p.document_id for p in passages}
    names = dict(session.execute(
        select(Document.id, Document.name).where(Document.id.in_(documents))).all())
    cases = dict(session.execute(select(Document.id, Case.name).join(Case, Document.case_id == Case.id)
                                 .where(Document.id.in_(documents))).all())
    speakers = _speaker_at(session, documents)
    paths = CodeTree.load(session).paths()
    openings = _openings(session, passages)
    rows = tuple(PreviewRow(
        document=names[p.document_id], case=cases.get(p.document_id, ""),
        speaker=speakers(p.document_id, p.start, p.end), code=paths.get(p.code_id, ""), start=p.start, end=p.end,
        first_words=opening, reason=p.reason,
        already=(p.document_id, p.code_id, p.start, p.end) in seen) for p, opening in zip(passages, openings, strict=True))
    return AutocodePreview(coder.name, rows, _per_document(rows))


def _openings(session: Session, passages: Sequence[Passage]) -> list[str]:
    """The first words of each passage, in order, reading each document's text once."""
    by_document: dict[int, list[int]] = {}
    for index, passage in enumerate(passages):
        by_document.setdefault(passage.document_id, []).append(index)
    openings = [""] * len(passages)
    for document_id, text in _texts(session, by_document):
        for index in by_document[document_id]:
            passage = passages[index]
            openings[index] = first_words(text[passage.start:passage.end])
    return openings


def _per_document(rows: Sequence[PreviewRow]) -> tuple[DocumentCount, ...]:
    passages = Counter(row.document for row in rows)
    already = Counter(row.document for row in rows if row.already)
    return tuple(DocumentCount(name, count, already[name]) for name, count in passages.items())


def _speaker_at(session: Session, documents: set[int]) -> Callable[[int, int, int], str]:
    """A look-up ``(document id, start, end) -> speaker label`` of the turn holding the span ("" when the span is
    outside any turn or runs over several)."""
    turns: dict[int, tuple[list[int], list[int], list[str]]] = {}
    rows = session.execute(select(SpeakerTurn.document_id, SpeakerTurn.start, SpeakerTurn.end, SpeakerTurn.speaker)
                           .where(SpeakerTurn.document_id.in_(documents))
                           .order_by(SpeakerTurn.document_id, SpeakerTurn.start))
    for document_id, start, end, speaker in rows:
        starts, ends, labels = turns.setdefault(document_id, ([], [], []))
        starts.append(start)
        ends.append(end)
        labels.append(speaker)

    def speaker_at(document_id: int, start: int, end: int) -> str:
        starts, ends, labels = turns.get(document_id, ([], [], []))
        index = bisect_right(starts, start) - 1
        return labels[index] if index >= 0 and end <= ends[index] else ""

    return speaker_at


def first_words(text: str, limit: int = FIRST_WORDS_CHARS) -> str:
    """The passage's opening on one line, cut at a word (Chinese: at a character) with "…"."""
    window = 4 * limit  # a whole document can be a passage: look at its opening only
    line = " ".join(text[:window].split())
    if len(line) <= limit and len(text) <= window:
        return line
    cut = line[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + "…"


__all__ = [
    "ANSWERS", "INTERVIEWER_LABELS", "QUESTIONS", "ROLES", "AttributeChoice", "AutocodePreview", "Condition", "DocumentCount",
    "PreviewRow", "RuleChoices", "SpeakerLabel", "StructureRule", "check_codable", "check_coder", "document_body", "first_words",
    "folded_label", "label_role", "parse_condition", "preview", "propose", "rule_choices", "scoped_documents", "speaker_labels",
]
