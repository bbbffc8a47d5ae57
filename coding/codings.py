"""Coding operations: apply, remove, resize a coding and write its memo — validated and audited.

Every write checks its inputs first (so a refusal changes nothing), then records an audit event
with the values before and after. Undo and redo pass ``expected=`` (the value they left there last time):
a write whose coding was changed since by another window or process is refused with ``ConflictError``.

The consensus coder's codings are written only by :mod:`coding.agreement.consensus`, which passes
``adjudicator=`` (the person settling the disagreement); any other write to them is refused with
``ConsensusCoderError``, so no consensus coding changes without a logged decision.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import datetime
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coding.audit import EventSpec, record, record_many
from coding.changes import Changes, CodingCount
from coding.coders import REVIEW_HINT, ConsensusCoderError, check_adjudicator
from coding.conflicts import quoted
from coding.errors import ConflictError, NotFoundError, ValidationError
from models import Code, Coder, Coding, Document, Sentence, new_uuid, utcnow
from coding.i18n import translate

SnapMode = Literal["word", "sentence"] | None
_Row = TypeVar("_Row", Document, Code, Coder)
_WORD_CHAR = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class CodingRecord:
    """A coding as plain values: what undo needs to put a removed coding back exactly."""

    uuid: str
    document_id: int
    coder_id: int
    code_id: int
    start: int
    end: int
    memo: str
    derived_from: list[Any] | None
    created_at: datetime

    @classmethod
    def of(cls, coding: Coding) -> CodingRecord:
        return cls(
            coding.uuid,
            coding.document_id,
            coding.coder_id,
            coding.code_id,
            coding.start,
            coding.end,
            coding.memo,
            coding.derived_from,
            coding.created_at,
        )


def _audit_values(coding: Coding) -> dict[str, Any]:
    return {
        "document_id": coding.document_id,
        "coder_id": coding.coder_id,
        "code_id": coding.code_id,
        "start": coding.start,
        "end": coding.end,
        "memo": coding.memo,
    }


def _get(session: Session, model: type[_Row], ident: int, what: str) -> _Row:
    row: _Row | None = session.get(model, ident)
    if row is None:
        raise NotFoundError(translate("errors", "unknown {what} id {ident}").format(what=what, ident=ident))
    return row


def _guard_consensus(session: Session, coder_id: int, adjudicator: str | None) -> None:
    """Refuse a write to a consensus coder's codings unless the consensus module makes it for an adjudicator."""
    coder = session.get(Coder, coder_id)
    if coder is None or not coder.is_consensus:
        return
    if adjudicator is None:
        raise ConsensusCoderError(translate(
            "errors", "'{name}' is the consensus coder: {REVIEW_HINT}, by a named adjudicator").format(
            name=coder.name, REVIEW_HINT=translate("errors", REVIEW_HINT)))
    check_adjudicator(session, adjudicator)


def validate_span(start: int, end: int, length: int, document_name: str = "the document") -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValidationError(translate("errors", "start and end must be whole numbers"))
    if not 0 <= start < end <= length:
        raise ValidationError(
            translate(
                "errors", "span {start}–{end} is outside {document_name} (valid: 0 <= start < end <= {length})").format(
                start=start, end=end, document_name=document_name, length=length)
        )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span so it neither starts nor ends inside a word; trim surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while start > 0 and _WORD_CHAR.match(text[start - 1]) and _WORD_CHAR.match(text[start]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end - 1]) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, end


def sentence_bounds(
    session: Session, document_id: int, around: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """Sentence spans of a document in order; with ``around``, only those overlapping that span."""
    query = select(Sentence.start, Sentence.end).where(Sentence.document_id == document_id)
    if around is not None:
        query = query.where(Sentence.start < around[1], Sentence.end > around[0])
    return [(s, e) for s, e in session.execute(query.order_by(Sentence.start)).all()]


def snap_to_sentences(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Widen a span to the whole sentences it touches (the spaCy units stored at import)."""
    if not bounds:
        return start, end
    starts = [s for s, _ in bounds]
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_left(starts, end) - 1, first)
    return min(start, bounds[first][0]), max(end, bounds[last][1])


def snap_to_segmented_words(text: str, start: int, end: int, lang: str, window: tuple[int, int]) -> tuple[int, int]:
    """Word snapping for scripts without spaces (Chinese): use the segmenter's word bounds in ``window``."""
    from coding.nlp import tokenize_words

    start, end = snap_to_words_spaces_only(text, start, end)
    offset = window[0]
    for word in tokenize_words(text[window[0]:window[1]], lang):
        word_start, word_end = word.start + offset, word.end + offset
        if word_start < start < word_end:
            start = word_start
        if word_start < end < word_end:
            end = word_end
    return start, end


def snap_to_words_spaces_only(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def snap_span(session: Session, document_id: int, start: int, end: int, mode: SnapMode) -> tuple[int, int]:
    if mode is None:
        return start, end
    if mode not in ("word", "sentence"):
        raise ValidationError(translate(
            "errors", "unknown snapping mode {mode!r} (use 'word' or 'sentence')").format(mode=mode))
    row = session.execute(select(Document.text, Document.language).where(Document.id == document_id)).first()
    if row is None:
        raise NotFoundError(translate("errors", "unknown document id {document_id}").format(document_id=document_id))
    text, language = row
    bounds = sentence_bounds(session, document_id, around=(start, end))
    if language == "zh":
        window = snap_to_sentences(bounds, start, end) if bounds else (0, len(text))
        start, end = snap_to_segmented_words(text, start, end, language, window)
    else:
        start, end = snap_to_words(text, start, end)
    if mode == "sentence":
        start, end = snap_to_sentences(bounds, start, end)
    return start, end


def _span_text(session: Session, document_id: int, start: int, end: int) -> str:
    """``text[start:end]`` of a document, cut by the database (substr counts characters on both engines)."""
    return session.scalar(
        select(func.substr(Document.text, start + 1, end - start)).where(Document.id == document_id)
    ) or ""


def apply_code(
    session: Session,
    *,
    document_id: int,
    coder_id: int,
    code_id: int,
    start: int,
    end: int,
    memo: str = "",
    snap: SnapMode = None,
    actor: str,
    uuid: str | None = None,
    derived_from: list[Any] | None = None,
    adjudicator: str | None = None,
) -> Coding:
    """Code ``text[start:end]`` of a document with a code, as a coder (``adjudicator``: see the module notes)."""
    # The document's name and length only: its text can be hundreds of kB, and only the coded span is checked.
    document = session.execute(
        select(Document.name, Document.char_count).where(Document.id == document_id)
    ).first()
    if document is None:
        raise NotFoundError(translate("errors", "unknown document id {document_id}").format(document_id=document_id))
    code = _get(session, Code, code_id, "code")
    _get(session, Coder, coder_id, "coder")
    _guard_consensus(session, coder_id, adjudicator)
    if not code.is_codable:
        raise ValidationError(translate(
            "errors", "code '{name}' is a category and cannot be applied to text").format(name=code.name))
    validate_span(start, end, document.char_count, f"document '{document.name}'")
    start, end = snap_span(session, document_id, start, end, snap)
    if start >= end or not _span_text(session, document_id, start, end).strip():
        raise ValidationError(translate(
            "errors", "nothing to code: the selection in '{name}' holds no text").format(name=document.name))
    coding = Coding(
        document_id=document_id, coder_id=coder_id, code_id=code_id, start=start, end=end, memo=memo,
        derived_from=derived_from,
    )
    if uuid is not None:
        coding.uuid = uuid
    session.add(coding)
    session.flush()
    record(session, actor, "apply_code", "coding", coding.uuid, None, _audit_values(coding))
    return coding


def restore_coding(session: Session, saved: CodingRecord, *, actor: str, adjudicator: str | None = None) -> Coding:
    """Put back a removed coding with its uuid and timestamps (undo of a removal)."""
    if session.scalar(select(Coding.id).where(Coding.uuid == saved.uuid)) is not None:
        raise ConflictError(translate(
            "errors", "the coding is back in the project already (put back elsewhere since)"))
    for model, ident, what in ((Document, saved.document_id, "document"), (Code, saved.code_id, "code"),
                               (Coder, saved.coder_id, "coder")):
        if session.get(model, ident) is None:
            raise NotFoundError(translate(
                "errors", "the coding's {what} is no longer in the project").format(what=what))
    _guard_consensus(session, saved.coder_id, adjudicator)
    coding = Coding(
        uuid=saved.uuid, document_id=saved.document_id, coder_id=saved.coder_id, code_id=saved.code_id,
        start=saved.start, end=saved.end, memo=saved.memo, derived_from=saved.derived_from,
        created_at=saved.created_at,
    )
    session.add(coding)
    session.flush()
    record(session, actor, "restore_coding", "coding", coding.uuid, None, _audit_values(coding))
    return coding


# -- many at once (autocoding) ---------------------------------------------------------------------------
CODINGS = Coding.__table__  # Core inserts: the ORM's bulk path costs more than the rows themselves


@dataclass(frozen=True)
class NewCoding:
    """A coding to make in bulk: ``text[start:end]`` of a document with a code."""

    document_id: int
    code_id: int
    start: int
    end: int


def apply_codes(session: Session, items: Sequence[NewCoding], *, coder_id: int, actor: str) -> list[CodingRecord]:
    """Make many codings as one coder with the checks of ``apply_code`` (document, codable code, span inside the
    text and holding text, no consensus coder) and one audit event each, in a few statements: an autocoder makes
    thousands. Raises, writing nothing, if any item is refused."""
    if not items:
        return []
    _get(session, Coder, coder_id, "coder")
    _guard_consensus(session, coder_id, None)
    codes = {row.id: row for row in session.execute(
        select(Code.id, Code.name, Code.is_codable).where(Code.id.in_({item.code_id for item in items})))}
    for item in items:
        code = codes.get(item.code_id)
        if code is None:
            raise NotFoundError(translate("errors", "unknown code id {code_id}").format(code_id=item.code_id))
        if not code.is_codable:
            raise ValidationError(translate(
                "errors", "code '{name}' is a category and cannot be applied to text").format(name=code.name))
    _check_spans(session, items)
    now = utcnow()
    made = [CodingRecord(new_uuid(), item.document_id, coder_id, item.code_id, item.start, item.end, "", None, now)
            for item in items]
    session.execute(CODINGS.insert(), [_row_of(record_, now) for record_ in made])
    record_many(session, actor, "apply_code", "coding",
                [EventSpec(c.uuid, None, _record_values(c)) for c in made])
    return made


def _check_spans(session: Session, items: Sequence[NewCoding]) -> None:
    """Each span inside its document and holding more than white space (each document's text read once)."""
    by_document: dict[int, list[NewCoding]] = {}
    for item in items:
        by_document.setdefault(item.document_id, []).append(item)
    for document_id, spans in by_document.items():
        document = session.execute(select(Document.name, Document.text).where(Document.id == document_id)).first()
        if document is None:
            raise NotFoundError(translate(
                "errors", "unknown document id {document_id}").format(document_id=document_id))
        for item in spans:
            validate_span(item.start, item.end, len(document.text), f"document '{document.name}'")
            if not document.text[item.start:item.end].strip():
                raise ValidationError(translate(
                    "errors", "nothing to code: a passage in '{name}' holds no text").format(name=document.name))


def remove_codings(session: Session, coding_uuids: Sequence[str], *, actor: str) -> list[CodingRecord]:
    """Remove many codings (whatever became of them since) with one audit event each; returns them as they were,
    for ``restore_codings``. A coding no longer there is refused, writing nothing."""
    if not coding_uuids:
        return []
    rows = {row.uuid: row for row in session.scalars(select(Coding).where(Coding.uuid.in_(coding_uuids)))}
    missing = [uuid for uuid in coding_uuids if uuid not in rows]
    if missing:
        raise NotFoundError(translate(
            "errors", "{value} of the codings are no longer in the project (removed since)").format(
            value=len(missing)))
    for coder_id in {row.coder_id for row in rows.values()}:
        _guard_consensus(session, coder_id, None)
    saved = [CodingRecord.of(rows[uuid]) for uuid in coding_uuids]
    record_many(session, actor, "remove_coding", "coding",
                [EventSpec(c.uuid, _audit_values(rows[c.uuid]), None) for c in saved])
    session.execute(delete(Coding).where(Coding.uuid.in_(coding_uuids)).execution_options(synchronize_session=False))
    for row in rows.values():
        session.expunge(row)
    return saved


def restore_codings(session: Session, saved: Sequence[CodingRecord], *, actor: str) -> None:
    """Put back removed codings with their uuids and timestamps (undo of ``remove_codings``)."""
    if not saved:
        return
    back = session.scalar(select(func.count()).select_from(Coding).where(Coding.uuid.in_([c.uuid for c in saved])))
    if back:
        raise ConflictError(translate(
            "errors", "{back} of the codings are back in the project already (put back elsewhere since)").format(
            back=back))
    for model, idents, what in ((Document, {c.document_id for c in saved}, "document"),
                                (Code, {c.code_id for c in saved}, "code"), (Coder, {c.coder_id for c in saved}, "coder")):
        if session.scalar(select(func.count()).select_from(model).where(model.id.in_(idents))) != len(idents):
            raise NotFoundError(translate("errors", "a coding's {what} is no longer in the project").format(what=what))
    for coder_id in {c.coder_id for c in saved}:
        _guard_consensus(session, coder_id, None)
    session.execute(CODINGS.insert(), [_row_of(c, utcnow()) for c in saved])
    record_many(session, actor, "restore_coding", "coding", [EventSpec(c.uuid, None, _record_values(c)) for c in saved])


def _row_of(saved: CodingRecord, updated_at: datetime) -> dict[str, Any]:
    return {"uuid": saved.uuid, "document_id": saved.document_id, "coder_id": saved.coder_id, "code_id": saved.code_id,
            "start": saved.start, "end": saved.end, "memo": saved.memo, "derived_from": saved.derived_from,
            "created_at": saved.created_at, "updated_at": updated_at}


def _record_values(saved: CodingRecord) -> dict[str, Any]:
    """The audit values of a coding (as ``_audit_values`` gives them for a row)."""
    return {"document_id": saved.document_id, "coder_id": saved.coder_id, "code_id": saved.code_id,
            "start": saved.start, "end": saved.end, "memo": saved.memo}


def find_coding(session: Session, coding_uuid: str) -> Coding:
    coding = session.scalar(select(Coding).where(Coding.uuid == coding_uuid))
    if coding is None:
        raise NotFoundError(translate("errors", "unknown coding {coding_uuid}").format(coding_uuid=coding_uuid))
    return coding


def remove_coding(
    session: Session, coding_uuid: str, *, actor: str, expected: CodingRecord | None = None,
    adjudicator: str | None = None,
) -> CodingRecord:
    """Remove a coding; with ``expected``, only if its code, bounds and memo are still those."""
    coding = find_coding(session, coding_uuid)
    _guard_consensus(session, coding.coder_id, adjudicator)
    if expected is not None:
        _refuse_if_changed(session, coding, expected)
    saved = CodingRecord.of(coding)
    record(session, actor, "remove_coding", "coding", coding.uuid, _audit_values(coding), None)
    session.delete(coding)
    session.flush()
    return saved


def resize_coding(
    session: Session, coding_uuid: str, start: int, end: int, *, actor: str, expected: tuple[int, int] | None = None,
    adjudicator: str | None = None,
) -> Coding:
    """Give a coding new bounds; with ``expected`` (start, end), only if it still has those."""
    coding = find_coding(session, coding_uuid)
    _guard_consensus(session, coding.coder_id, adjudicator)
    if expected is not None:
        _refuse_if_resized(session, coding, expected)
    document = _get(session, Document, coding.document_id, "document")
    validate_span(start, end, document.char_count, f"document '{document.name}'")
    if not document.text[start:end].strip():
        raise ValidationError(translate(
            "errors", "nothing to code: the new bounds in '{name}' hold no text").format(name=document.name))
    before = _audit_values(coding)
    coding.start, coding.end, coding.updated_at = start, end, utcnow()
    session.flush()
    record(session, actor, "resize_coding", "coding", coding.uuid, before, _audit_values(coding))
    return coding


def set_coding_memo(
    session: Session, coding_uuid: str, memo: str, *, actor: str, expected: str | None = None,
    adjudicator: str | None = None,
) -> Coding:
    """Write a coding's memo; with ``expected``, only if the memo is still that text."""
    coding = find_coding(session, coding_uuid)
    _guard_consensus(session, coding.coder_id, adjudicator)
    if expected is not None:
        _refuse_if_memo_changed(coding, expected)
    before = _audit_values(coding)
    coding.memo, coding.updated_at = memo, utcnow()
    session.flush()
    record(session, actor, "set_coding_memo", "coding", coding.uuid, before, _audit_values(coding))
    return coding


def change_coding_code(
    session: Session, coding_uuid: str, code_id: int, *, actor: str, expected: int | None = None,
    adjudicator: str | None = None, with_codebook: bool = False,
) -> Coding:
    """Move a coding to another code; with ``expected`` (a code id), only if it is still on that code.
    ``with_codebook``: the codebook itself is being put back (undo of a merge), and every coding — consensus
    ones too, as ``merge_codes`` moved them with their decisions — follows its code; not a recoding."""
    coding = find_coding(session, coding_uuid)
    if not with_codebook:
        _guard_consensus(session, coding.coder_id, adjudicator)
    if expected is not None:
        _refuse_if_recoded(session, coding, expected)
    code = _get(session, Code, code_id, "code")
    if not code.is_codable:
        raise ValidationError(translate(
            "errors", "code '{name}' is a category and cannot be applied to text").format(name=code.name))
    before = _audit_values(coding)
    coding.code_id, coding.updated_at = code_id, utcnow()
    session.flush()
    record(session, actor, "change_coding_code", "coding", coding.uuid, before, _audit_values(coding))
    return coding


# -- compare-and-set: what undo and redo expect to find ---------------------------------------------


def _refuse_if_memo_changed(coding: Coding, expected: str) -> None:
    if coding.memo != expected:
        raise ConflictError(translate(
            "errors", "the memo was changed since (now {value})").format(value=quoted(coding.memo)))


def _refuse_if_resized(session: Session, coding: Coding, expected: tuple[int, int]) -> None:
    if (coding.start, coding.end) != tuple(expected):
        text = session.scalar(select(Document.text).where(Document.id == coding.document_id)) or ""
        passage = quoted(text[coding.start:coding.end])
        raise ConflictError(translate(
            "errors", "the coding was resized since (now {start}–{end}: {passage})").format(
            start=coding.start, end=coding.end, passage=passage))


def _refuse_if_recoded(session: Session, coding: Coding, expected_code_id: int) -> None:
    if coding.code_id != expected_code_id:
        name = session.scalar(select(Code.name).where(Code.id == coding.code_id)) or "?"
        raise ConflictError(translate(
            "errors", "the coding was recoded since (now {value})").format(value=quoted(name)))


def _refuse_if_changed(session: Session, coding: Coding, expected: CodingRecord) -> None:
    """The whole coding as remembered: code, bounds and memo."""
    _refuse_if_recoded(session, coding, expected.code_id)
    _refuse_if_resized(session, coding, (expected.start, expected.end))
    _refuse_if_memo_changed(coding, expected.memo)


CODINGS_CHANGED = Changes(codings=True)
CODINGS_RESHAPED = Changes(codings=True, coding_counts=())
"""Codings changed but no count did: new bounds, a new memo."""


def counted(coding: CodingRecord | Coding, delta: int) -> Changes:
    """The change record of one coding that appeared (``delta`` +1: applied, restored) or went (-1: removed)."""
    count = CodingCount(coding.document_id, coding.code_id, coding.coder_id, delta)
    return Changes(codings=True, coding_counts=(count,))


def recounted(coding: CodingRecord | Coding, old_code_id: int) -> Changes:
    """The change record of a coding moved from ``old_code_id`` to its code now (a recoding)."""
    went = CodingCount(coding.document_id, old_code_id, coding.coder_id, -1)
    came = CodingCount(coding.document_id, coding.code_id, coding.coder_id, +1)
    return Changes(codings=True, coding_counts=(went, came))


__all__ = [
    "CODINGS_CHANGED",
    "CODINGS_RESHAPED",
    "CodingRecord",
    "apply_code",
    "change_coding_code",
    "counted",
    "find_coding",
    "recounted",
    "remove_coding",
    "resize_coding",
    "restore_coding",
    "set_coding_memo",
    "snap_span",
    "snap_to_sentences",
    "snap_to_words",
]
