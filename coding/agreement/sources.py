"""What an agreement comparison reads from the project: raters, codes with their roll-up, documents, spans, units.

A *rater* is a live coder (their codings now) or a saved snapshot of a coder's codings (for intra-coder,
test-retest agreement: ``"snapshot:LABEL"``); both give the same kind of spans, so the engine treats them alike.
Everything is read in a few column queries (no ORM objects per coding) and grouped with plain dicts and numpy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.agreement.units import Intervals, UnitKind, as_intervals, concat_intervals, empty_intervals
from coding.codebook import code_levels, code_paths, descendant_ids, find_code
from coding.coders import find_coder
from coding.documents import DocumentRef as DocumentNames
from coding.documents import document_refs, resolve_document
from coding.errors import NotFoundError, ValidationError
from coding.team.assignments import DONE, coded_documents
from coding.team.roles import check_may_compare
from models import Assignment, Code, Coder, Coding, CodingSnapshot, Document, Sentence, SpeakerTurn
from coding.i18n import translate

SNAPSHOT_PREFIX = "snapshot:"


@dataclass(frozen=True)
class Rater:
    """One column of the comparison: a coder, or a snapshot of a coder's codings."""

    name: str
    coder_id: int
    coder_name: str
    snapshot_uuid: str | None = None

    @property
    def is_snapshot(self) -> bool:
        return self.snapshot_uuid is not None


@dataclass(frozen=True)
class CodeRef:
    """A compared code; ``members`` are the codes whose codings count for it (itself and every descendant)."""

    id: int
    uuid: str
    path: str
    level: int
    members: frozenset[int]


@dataclass(frozen=True)
class DocumentRef:
    id: int
    uuid: str
    name: str
    length: int


class Span(NamedTuple):
    """A coded span of one rater (``uuid`` is None for a snapshot's copy of a coding)."""

    document_id: int
    code_id: int
    start: int
    end: int
    uuid: str | None = None


@dataclass
class RaterSpans:
    """One rater's spans grouped by document and code, as interval arrays."""

    by_document: dict[int, dict[int, list[Span]]] = field(default_factory=dict)
    skipped: int = 0  # snapshot codings whose document or code no longer exists

    def intervals(self, document_id: int, code_ids: Iterable[int]) -> Intervals:
        codes = self.by_document.get(document_id, {})
        parts = [as_intervals([(s.start, s.end) for s in codes[c]]) for c in code_ids if c in codes]
        return concat_intervals(parts) if parts else empty_intervals()

    def spans(self, document_id: int, code_ids: Iterable[int]) -> list[Span]:
        codes = self.by_document.get(document_id, {})
        return [span for c in code_ids for span in codes.get(c, [])]

    def documents(self) -> set[int]:
        return {d for d, codes in self.by_document.items() if any(codes.values())}


# ------------------------------------------------------------------------------------------------
# Raters
# ------------------------------------------------------------------------------------------------


def find_snapshot(session: Session, reference: str) -> CodingSnapshot:
    """A snapshot by uuid, by label, or by ``CODER@LABEL`` when several coders used the same label."""
    reference = reference.strip()
    if reference.startswith(SNAPSHOT_PREFIX):
        reference = reference[len(SNAPSHOT_PREFIX):].strip()
    found = session.scalar(select(CodingSnapshot).where(CodingSnapshot.uuid == reference))
    if found is not None:
        return found
    labelled = list(session.scalars(select(CodingSnapshot).where(CodingSnapshot.label == reference)))
    if len(labelled) == 1:
        return labelled[0]
    if "@" in reference:
        coder_name, label = reference.split("@", 1)
        coder = find_coder(session, coder_name)
        matches = list(session.scalars(
            select(CodingSnapshot).where(CodingSnapshot.coder_id == coder.id, CodingSnapshot.label == label.strip())
        ))
        if len(matches) == 1:
            return matches[0]
    if len(labelled) > 1:
        raise ValidationError(
            translate(
                "errors", "several snapshots are labelled '{reference}'; write CODER@{reference} or use the "
                "snapshot's uuid").format(reference=reference)
        )
    known = session.execute(
        select(Coder.name, CodingSnapshot.label).join(Coder, Coder.id == CodingSnapshot.coder_id)
    ).all()
    listed = ", ".join(f"{coder}@{label}" for coder, label in known) or translate("names", "none yet")
    raise NotFoundError(translate(
        "errors", "no snapshot '{reference}' (snapshots: {listed})").format(reference=reference, listed=listed))


def snapshot_name(coder_name: str, label: str) -> str:
    return f"{coder_name}@{label}"


def resolve_raters(session: Session, specs: Sequence[str]) -> list[Rater]:
    """Coder names (or ``snapshot:LABEL``) to raters; unknown names raise NotFoundError."""
    raters: list[Rater] = []
    for spec in specs:
        if spec.strip().startswith(SNAPSHOT_PREFIX):
            snapshot = find_snapshot(session, spec)
            coder = session.get(Coder, snapshot.coder_id)
            assert coder is not None  # the foreign key cascades snapshots with their coder
            raters.append(Rater(snapshot_name(coder.name, snapshot.label), coder.id, coder.name, snapshot.uuid))
        else:
            coder = find_coder(session, spec)
            raters.append(Rater(coder.name, coder.id, coder.name))
    names = [r.name for r in raters]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValidationError(translate(
            "errors", "coder {value} is listed twice; compare different coders").format(value=', '.join(repeated)))
    if len(raters) < 2:
        raise ValidationError(translate(
            "errors", "compare at least two coders (got {value}: {value2})").format(
            value=len(raters), value2=', '.join(names) or 'none'))
    check_may_compare(session, (r.coder_name for r in raters))  # on a server in blind mode: a lead's work
    return raters


# ------------------------------------------------------------------------------------------------
# Codes
# ------------------------------------------------------------------------------------------------


def resolve_codes(session: Session, codes: Sequence[str] | None, level: int | None) -> list[CodeRef]:
    """The compared codes in codebook order: the given ones (uuids or paths) or all, at ``level`` if given."""
    levels = code_levels(session)
    paths = code_paths(session)
    if level is not None and level not in set(levels.values()):
        have = ", ".join(str(v) for v in sorted(set(levels.values()))) or "none"
        raise ValidationError(translate(
            "errors", "the codebook has no codes at level {level} (levels: {have})").format(level=level, have=have))
    order = codebook_order(session)
    if codes:
        wanted = {find_code(session, text).id for text in codes}
    else:
        wanted = set(order)
    chosen = [code_id for code_id in order if code_id in wanted and (level is None or levels[code_id] == level)]
    if not chosen:
        raise ValidationError(translate(
            "errors", "no code to compare{value}").format(
            value=translate("errors", " at level {level}").format(level=level) if level is not None else ""))
    uuids = dict(session.execute(select(Code.id, Code.uuid)).all())
    return [
        CodeRef(code_id, uuids[code_id], paths[code_id], levels[code_id],
                frozenset({code_id} | descendant_ids(session, code_id)))
        for code_id in chosen
    ]


def codebook_order(session: Session) -> list[int]:
    """Code ids depth-first in sibling order (how the codebook is shown)."""
    rows = session.execute(select(Code.id, Code.parent_id, Code.position)).all()
    children: dict[int | None, list[tuple[int, int]]] = defaultdict(list)
    for code_id, parent_id, position in rows:
        children[parent_id].append((position, code_id))
    ordered: list[int] = []
    stack = [code_id for _, code_id in sorted(children[None], reverse=True)]
    while stack:
        current = stack.pop()
        ordered.append(current)
        stack.extend(code_id for _, code_id in sorted(children[current], reverse=True))
    return ordered


# ------------------------------------------------------------------------------------------------
# Spans
# ------------------------------------------------------------------------------------------------


def load_spans(
    session: Session, raters: Sequence[Rater], document_ids: Sequence[int] | None = None
) -> list[RaterSpans]:
    """Every rater's spans (all codes), grouped by document and code."""
    live = [r.coder_id for r in raters if not r.is_snapshot]
    by_coder: dict[int, RaterSpans] = {coder_id: RaterSpans() for coder_id in live}
    if live:
        query = select(
            Coding.coder_id, Coding.document_id, Coding.code_id, Coding.start, Coding.end, Coding.uuid
        ).where(Coding.coder_id.in_(live))
        if document_ids is not None:
            query = query.where(Coding.document_id.in_(list(document_ids)))
        for coder_id, document_id, code_id, start, end, coding_uuid in session.execute(query):
            _add(by_coder[coder_id], Span(document_id, code_id, start, end, coding_uuid))
    result = []
    for rater in raters:
        if rater.is_snapshot:
            result.append(_snapshot_spans(session, rater.snapshot_uuid or "", document_ids))
        else:
            result.append(by_coder[rater.coder_id])
    return result


def _add(target: RaterSpans, span: Span) -> None:
    target.by_document.setdefault(span.document_id, {}).setdefault(span.code_id, []).append(span)


def _snapshot_spans(session: Session, snapshot_uuid: str, document_ids: Sequence[int] | None) -> RaterSpans:
    stored = session.scalar(select(CodingSnapshot.codings).where(CodingSnapshot.uuid == snapshot_uuid)) or []
    documents = dict(session.execute(select(Document.uuid, Document.id)).all())
    codes = dict(session.execute(select(Code.uuid, Code.id)).all())
    allowed = set(document_ids) if document_ids is not None else None
    spans = RaterSpans()
    for document_uuid, code_uuid, start, end in stored:
        document_id, code_id = documents.get(document_uuid), codes.get(code_uuid)
        if document_id is None or code_id is None:
            spans.skipped += 1
            continue
        if allowed is None or document_id in allowed:
            _add(spans, Span(document_id, code_id, int(start), int(end)))
    return spans


# ------------------------------------------------------------------------------------------------
# Documents and their units
# ------------------------------------------------------------------------------------------------


def coded_document_sets(
    session: Session, raters: Sequence[Rater], spans: Sequence[RaterSpans], *, done_only: bool = False
) -> list[set[int]]:
    """Per rater, the documents they coded: marked done or holding any of their codings (team assignments);
    with ``done_only`` only those marked done. A snapshot's documents are those it holds codings in. Anywhere
    else the rater's values are *missing*, not "coded nothing"."""
    sets: list[set[int]] = []
    for rater, rater_spans in zip(raters, spans, strict=True):
        if rater.is_snapshot:
            sets.append(rater_spans.documents())
        elif done_only:
            sets.append(set(session.scalars(select(Assignment.document_id).where(
                Assignment.coder_id == rater.coder_id, Assignment.status == DONE))))
        else:
            sets.append(coded_documents(session, rater.coder_id))
    return sets


def resolve_documents(
    session: Session, specs: Sequence[str] | None, spans: Sequence[RaterSpans], rater_names: Sequence[str],
    *, coded: Sequence[set[int]] | None = None,
) -> list[DocumentRef]:
    """The given documents (names or uuids), or by default the documents to compare: with ``coded`` (each
    rater's coded documents, :func:`coded_document_sets`) every document that two or more raters coded (a
    rater who did not code a document is missing there); without it every document that each rater coded."""
    if specs:
        return _named_documents(session, specs)
    if coded is not None:
        counts: dict[int, int] = defaultdict(int)
        for documents in coded:
            for document_id in documents:
                counts[document_id] += 1
        common = {d for d, n in counts.items() if n >= 2}
        problem = translate("errors", "no document was coded by two or more of {coders}").format(
            coders=", ".join(rater_names))
    else:
        common = set.intersection(*(s.documents() for s in spans)) if spans else set()
        problem = translate("errors", "no document was coded by every one of {coders}").format(
            coders=", ".join(rater_names))
    if not common:
        raise ValidationError(translate("errors", "{problem}; name the documents to compare").format(problem=problem))
    rows = session.execute(
        select(Document.id, Document.uuid, Document.name, Document.char_count)
        .where(Document.id.in_(common))
        .order_by(Document.name)
    ).all()
    return [DocumentRef(*row) for row in rows]


def _named_documents(session: Session, specs: Sequence[str]) -> list[DocumentRef]:
    """The documents named (or given by uuid) in ``specs``, by name; the project's document list is read once,
    not once per name (a run over a few thousand named documents), and exact names and uuids are looked up."""
    refs = document_refs(session)
    exact: dict[str, DocumentNames] = {}
    for ref in refs:  # the first document with that name or uuid, as resolve_document finds it
        exact.setdefault(ref.name, ref)
        exact.setdefault(ref.uuid, ref)
    ids = list(dict.fromkeys((exact.get(spec.strip()) or resolve_document(refs, spec)).id for spec in specs))
    found = {row[0]: DocumentRef(*row) for row in session.execute(
        select(Document.id, Document.uuid, Document.name, Document.char_count).where(Document.id.in_(ids)))}
    return sorted((found[i] for i in ids), key=lambda d: d.name)


def unit_frames(session: Session, unit: UnitKind, documents: Sequence[DocumentRef]) -> dict[int, Intervals]:
    """The units of each document as (starts, ends): sentences, turns, one whole document, or none (characters
    and segments need no predefined units)."""
    ids = [d.id for d in documents]
    if unit == "document":
        return {d.id: (np.array([0], dtype=np.int64), np.array([d.length], dtype=np.int64)) for d in documents}
    if unit == "sentence":
        rows = session.execute(
            select(Sentence.document_id, Sentence.start, Sentence.end)
            .where(Sentence.document_id.in_(ids), Sentence.end > Sentence.start)
            .order_by(Sentence.document_id, Sentence.start)
        ).all()
        return _group_frames(ids, [(d, s, e) for d, s, e in rows])
    if unit == "turn":
        turns = session.execute(
            select(SpeakerTurn.document_id, SpeakerTurn.start, SpeakerTurn.content_start, SpeakerTurn.end)
            .where(SpeakerTurn.document_id.in_(ids), SpeakerTurn.end > SpeakerTurn.start)
            .order_by(SpeakerTurn.document_id, SpeakerTurn.start)
        ).all()
        # A turn's unit is what was said: the speaker label is left out unless the turn is nothing else.
        return _group_frames(ids, [(d, c if c < e else s, e) for d, s, c, e in turns])
    return {}


def _group_frames(ids: Sequence[int], rows: list[tuple[int, int, int]]) -> dict[int, Intervals]:
    frames = {document_id: empty_intervals() for document_id in ids}
    if not rows:
        return frames
    array = np.asarray(rows, dtype=np.int64)
    cuts = np.flatnonzero(np.diff(array[:, 0])) + 1
    for block in np.split(array, cuts):
        frames[int(block[0, 0])] = (block[:, 1].copy(), block[:, 2].copy())
    return frames


__all__ = [
    "SNAPSHOT_PREFIX",
    "CodeRef",
    "DocumentRef",
    "Rater",
    "RaterSpans",
    "Span",
    "codebook_order",
    "coded_document_sets",
    "find_snapshot",
    "load_spans",
    "resolve_codes",
    "resolve_documents",
    "resolve_raters",
    "snapshot_name",
    "unit_frames",
]
