"""Retrieval: the coded segments a filter selects, each with its sentence context, speaker, document and case.

Two steps keep this fast on a million codings:

1. the ids of matching codings, in document order (document, then coder, then position), from the
   codings indexes (a page of them for a view, all of them for an export). For a page of a frequent
   code, walking the (document, coder, start) index until the page is full beats sorting all of the
   code's codings; for a rare code it is the other way round, and :func:`segment_ids` picks;
2. the details of those ids in one query with joins: coder, and — through correlated look-ups on the
   ``(document_id, start)`` indexes of sentences and speaker turns — the sentence(s) around each
   coding and the turn it starts in. Document texts are read once per document.

Context rule: a segment's context runs from the start of the sentence containing its first
character to the end of the sentence containing its last character (the Sentence rows it overlaps),
never narrower than the segment itself. Its speaker is the speaker of the turn its first character
falls in (the nearest turn starting at or before it).

Pooled (several coders chosen, not per coder): step 1 reads the matching codings as arrays and merges
them into passages (:mod:`coding.analysis.pooling`); a segment is then one passage — its merged
span, quoted once, with every coder who coded it (``coders``; ``coder`` joins their names) — read
through its earliest coding (uuid, memo).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.analysis.arrays import CODING_COLUMNS, load_codings
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, filter_sql
from coding.analysis.pooling import may_pool, merge_passages, passage_coders, pools
from coding.analysis.sql import AnalysisConnection, raw_connection
from coding.errors import CancelledError
from coding.i18n import translate
from coding.progress import Progress
from models import Attribute, AttributeValue

ORDER = 'c.document_id, c.coder_id, c.start, c."end", c.id'
DETAIL_BATCH = 2000


@dataclass(frozen=True)
class Segment:
    """One coded passage with everything a reader or an export needs."""

    uuid: str
    document_id: int
    document: str
    document_uuid: str
    language: str
    case_id: int | None
    case: str | None
    coder: str
    consensus: bool
    code_id: int
    code: str  # the code's path in the codebook
    code_name: str
    start: int
    end: int
    text: str
    context_start: int
    context_end: int
    context: str
    speaker: str
    turn: int | None  # 0-based position of the speaker turn
    memo: str
    coders: tuple[str, ...] = ()  # a pooled passage: every coder who coded it (``coder`` joins them)

    @property
    def coded_by(self) -> str:
        """"coded by Lin, Wang" for a pooled passage, else "coder Lin" (with "(consensus)")."""
        if len(self.coders) > 1:
            return "coded by " + ", ".join(self.coders)
        return f"coder {self.coder}" + (" (consensus)" if self.consensus else "")

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "coders": list(self.coders) or [self.coder]}


def count_segments(session: Session, flt: SegmentFilter) -> int:
    """How many segments ``flt`` selects: codings, or pooled passages (see :mod:`coding.analysis.pooling`)."""
    pooled = pooled_page(session, flt)
    if pooled is not None:
        return pooled.total
    where, params = filter_sql(session, flt)
    connection = raw_connection(session)
    return int(connection.execute(f"SELECT count(*) FROM codings c WHERE {where}", params).fetchone()[0])


@dataclass(frozen=True)
class PooledPage:
    """A page of pooled passages: each as its first coding's id, its span and its coders' ids."""

    total: int
    ids: list[int]
    spans: dict[int, tuple[int, int, tuple[int, ...]]]


def pooled_page(
    session: Session, flt: SegmentFilter, *, limit: int | None = None, offset: int = 0
) -> PooledPage | None:
    """The page of merged passages ``flt`` selects in document order (document, position, code),
    or None when nothing is pooled (per-coder counting, or a single coder)."""
    if not may_pool(flt):  # the per-coder paths keep their index-driven speed
        return None
    arrays = load_codings(session, flt, CODING_COLUMNS)
    if not pools(flt, arrays["coder_id"]):
        return None
    merged = merge_passages(arrays["document_id"], arrays["code_id"], arrays["start"], arrays["end"])
    order = np.lexsort((merged.code_id, merged.end, merged.start, merged.document_id))
    page = order[offset: None if limit is None else offset + limit]
    coders = passage_coders(merged, arrays["coder_id"], page)
    ids = arrays["id"][merged.first[page]].tolist()
    spans = {
        coding_id: (int(merged.start[p]), int(merged.end[p]), tuple(coders.get(int(p), [])))
        for coding_id, p in zip(ids, page.tolist())
    }
    return PooledPage(merged.size, ids, spans)


def segment_ids(session: Session, flt: SegmentFilter, *, limit: int | None = None, offset: int = 0) -> list[int]:
    """Ids of matching codings in document order (document import order, coder, position).

    Pooled: one id per passage, its earliest coding (use :func:`retrieve_segments` for the passages).
    """
    pooled = pooled_page(session, flt, limit=limit, offset=offset)
    if pooled is not None:
        return pooled.ids
    connection = raw_connection(session)
    scan = limit is not None and _ordered_scan_is_cheaper(session, connection, flt, limit + offset)
    where, params = filter_sql(session, flt, scan=scan)
    sql = f"SELECT c.id FROM codings c WHERE {where} ORDER BY {ORDER}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    return [row[0] for row in connection.execute(sql, params)]


def _ordered_scan_is_cheaper(session: Session, connection: AnalysisConnection, flt: SegmentFilter, rows: int) -> bool:
    """Whether to walk the (document, coder, start) index until a page is full, rather than sort.

    Reading a code's codings through the code index and sorting them costs about one step per
    coding; walking the codings in document order costs about ``rows × total / matching`` steps.
    The two meet near ``matching = sqrt(rows × total)``; a bounded count says on which side we are.
    """
    if flt.code_ids is None:
        return False  # no code filter: the document index serves the order directly anyway
    total = int(connection.execute("SELECT max(id) FROM codings").fetchone()[0] or 0)
    threshold = max(1, math.isqrt(max(rows, 1) * total))
    where, params = filter_sql(session, flt)
    found: int = connection.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM codings c WHERE {where} LIMIT {threshold}) AS bounded", params
    ).fetchone()[0]
    return found >= threshold


def retrieve_segments(
    session: Session,
    flt: SegmentFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
    tree: CodeTree | None = None,
) -> list[Segment]:
    """The matching segments (a page of them with ``limit``/``offset``), in document order; with
    several coders pooled, one segment per passage, naming every coder who coded it."""
    pooled = pooled_page(session, flt, limit=limit, offset=offset)
    if pooled is not None:
        return segments_for_ids(session, pooled.ids, tree=tree, spans=pooled.spans)
    return segments_for_ids(session, segment_ids(session, flt, limit=limit, offset=offset), tree=tree)


def iter_segments(
    session: Session,
    flt: SegmentFilter,
    *,
    tree: CodeTree | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Segment]:
    """Every matching segment, read in batches (for exports); reports progress and honours cancel."""
    pooled = pooled_page(session, flt)
    ids = pooled.ids if pooled is not None else segment_ids(session, flt)
    spans = pooled.spans if pooled is not None else None
    tree = tree or CodeTree.load(session)
    total = len(ids)
    for first in range(0, total, DETAIL_BATCH):
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "cancelled while reading coded segments"))
        batch = segments_for_ids(session, ids[first:first + DETAIL_BATCH], tree=tree, spans=spans)
        yield from batch
        if progress is not None:
            progress(min(first + DETAIL_BATCH, total), total, translate("retrieval", "reading coded segments"))


# Each wanted row is [coding id, start, end]; a null span means the coding's own (a pooled passage
# brings its merged span, and its context is looked up for that span).
# A row of _DETAIL_SQL: coding id, uuid, document id, coder name, coder is consensus, code id, start, end, memo,
# then the ids of the first and last sentence it touches and of its speaker turn (None where there is none).
_CodingDetail = tuple[int, str, int, str, int, int, int, int, str | None, int | None, int | None, int | None]
# A document as a segment needs it: name, uuid, language, case id, case name, text.
_DocumentDetail = tuple[str, str, str, int | None, str | None, str]

# The wanted rows arrive as one JSON array of [id, start, end] arrays; each engine unpacks it its own way.
_WANTED = {
    False: "SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS s, "
           "json_extract(value, '$[2]') AS e FROM json_each(?)",
    True: "SELECT CAST(value->>0 AS bigint) AS id, CAST(value->>1 AS bigint) AS s, CAST(value->>2 AS bigint) AS e "
          "FROM json_array_elements(CAST(? AS json))",
}
_DETAIL_SQL = """
WITH wanted AS ({wanted}), p AS (
  SELECT c.id, c.uuid, c.document_id, c.coder_id, c.code_id, coalesce(w.s, c.start) AS start,
    coalesce(w.e, c."end") AS "end", c.memo
  FROM wanted w JOIN codings c ON c.id = w.id
)
SELECT p.id, p.uuid, p.document_id, k.name, k.is_consensus, p.code_id, p.start, p."end", p.memo,
  (SELECT s.id FROM sentences s WHERE s.document_id = p.document_id AND s.start <= p.start
     ORDER BY s.start DESC LIMIT 1),
  (SELECT s.id FROM sentences s WHERE s.document_id = p.document_id AND s.start < p."end"
     ORDER BY s.start DESC LIMIT 1),
  (SELECT t.id FROM speaker_turns t WHERE t.document_id = p.document_id AND t.start <= p.start
     ORDER BY t.start DESC LIMIT 1)
FROM p JOIN coders k ON k.id = p.coder_id
"""


def _by_ids(connection: AnalysisConnection, sql: str, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The rows ``sql`` selects for ``ids`` (bound as one JSON array); the caller knows their columns."""
    return connection.execute(sql, [json.dumps(sorted(set(ids)))]).fetchall() if ids else []


def segments_for_ids(
    session: Session,
    ids: Sequence[int],
    *,
    tree: CodeTree | None = None,
    spans: dict[int, tuple[int, int, tuple[int, ...]]] | None = None,
) -> list[Segment]:
    """Full segments for coding ids, in the order of ``ids``; ``spans`` gives pooled passages their
    merged (start, end, coder ids)."""
    if not ids:
        return []
    tree = tree or CodeTree.load(session)
    connection = raw_connection(session)
    spans = spans or {}
    wanted = [[i, *spans[i][:2]] if i in spans else [i, None, None] for i in ids]
    detail_sql = _DETAIL_SQL.format(wanted=_WANTED[connection.postgres])
    rows: dict[int, _CodingDetail] = {row[0]: row for row in connection.execute(detail_sql, [json.dumps(wanted)])}
    names = _coder_names(connection, spans)
    sentence_ids = [i for row in rows.values() for i in (row[9], row[10]) if i is not None]
    sentences = {
        r[0]: (r[1], r[2])
        for r in _by_ids(
            connection, 'SELECT id, start, "end" FROM sentences WHERE id IN (SELECT value FROM json_each(?))',
            sentence_ids,
        )
    }
    turns = {
        r[0]: (r[1], r[2])
        for r in _by_ids(
            connection, "SELECT id, speaker, position FROM speaker_turns WHERE id IN (SELECT value FROM json_each(?))",
            [row[11] for row in rows.values() if row[11] is not None],
        )
    }
    documents: dict[int, _DocumentDetail] = {
        r[0]: r[1:]
        for r in _by_ids(
            connection,
            "SELECT d.id, d.name, d.uuid, d.language, d.case_id, cs.name, d.text FROM documents d "
            "LEFT JOIN cases cs ON cs.id = d.case_id WHERE d.id IN (SELECT value FROM json_each(?))",
            [row[2] for row in rows.values()],
        )
    }
    segments = []
    for coding_id in ids:
        row = rows.get(coding_id)
        if row is not None:
            segment = _segment(row, documents[row[2]], sentences, turns, tree)
            if coding_id in spans and spans[coding_id][2]:
                coders = tuple(names[c][0] for c in spans[coding_id][2])
                consensus = all(names[c][1] for c in spans[coding_id][2])
                segment = replace(segment, coder=", ".join(coders), coders=coders, consensus=consensus)
            segments.append(segment)
    return segments


def _coder_names(
    connection: AnalysisConnection, spans: dict[int, tuple[int, int, tuple[int, ...]]]
) -> dict[int, tuple[str, bool]]:
    """Coder id -> (name, is consensus) for the coders of pooled passages."""
    if not spans:
        return {}
    return {r[0]: (r[1], bool(r[2])) for r in connection.execute("SELECT id, name, is_consensus FROM coders")}


def _segment(
    row: _CodingDetail,
    document: _DocumentDetail,
    sentences: dict[int, tuple[int, int]],
    turns: dict[int, tuple[str, int]],
    tree: CodeTree,
) -> Segment:
    _, uuid, document_id, coder, consensus, code_id, start, end, memo, first_id, last_id, turn_id = row
    name, document_uuid, language, case_id, case_name, text = document
    context_start, context_end = start, end
    if first_id is not None:
        first_start, first_end = sentences[first_id]
        if first_end > start:  # a segment starting between sentences gets no earlier context
            context_start = min(start, first_start)
    if last_id is not None:
        context_end = max(end, sentences[last_id][1])
    speaker, turn = turns.get(turn_id, ("", None)) if turn_id is not None else ("", None)
    info = tree.codes.get(code_id)
    return Segment(
        uuid=uuid,
        document_id=document_id,
        document=name,
        document_uuid=document_uuid,
        language=language,
        case_id=case_id,
        case=case_name,
        coder=coder,
        consensus=bool(consensus),
        code_id=code_id,
        code=info.path if info else str(code_id),
        code_name=info.name if info else str(code_id),
        start=start,
        end=end,
        text=text[start:end],
        context_start=context_start,
        context_end=context_end,
        context=text[context_start:context_end],
        speaker=speaker or "",
        turn=turn,
        memo=memo or "",
    )


def case_attributes(session: Session, case_ids: Sequence[int | None] | None = None) -> dict[int, dict[str, str]]:
    """Case id -> {attribute name: value}, attributes in their defined order (all cases when None)."""
    query = (
        select(AttributeValue.case_id, Attribute.name, AttributeValue.value)
        .join(Attribute, Attribute.id == AttributeValue.attribute_id)
        .order_by(Attribute.position, Attribute.name)
    )
    if case_ids is not None:
        query = query.where(AttributeValue.case_id.in_([c for c in set(case_ids) if c is not None]))
    found: dict[int, dict[str, str]] = {}
    for case_id, name, value in session.execute(query):
        found.setdefault(case_id, {})[name] = value
    return found


__all__ = [
    "PooledPage",
    "Segment",
    "case_attributes",
    "count_segments",
    "iter_segments",
    "pooled_page",
    "retrieve_segments",
    "segment_ids",
    "segments_for_ids",
]
