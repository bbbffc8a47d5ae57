"""Code frequencies: per code × (all | document | case | attribute value), how much was coded.

For each code (row) and column the table holds:

- ``codings``: number of codings of the code — with several coders pooled, number of passages (a
  passage coded by two coders counts once; see :mod:`coding.analysis.pooling`);
- ``documents`` / ``cases``: number of distinct documents / cases with at least one such coding;
- ``coded_words`` / ``total_words`` / ``share``: the *share of words coded* — of all words in the
  column's documents, the fraction whose first character lies inside at least one coding of the code.
  Overlapping codings (two coders, or the same passage coded twice) are counted once, so the share
  never exceeds 1. Words are those of :mod:`coding.analysis.words` (spaCy tokens that are not
  punctuation or space, jieba words for Chinese, speaker labels left out — the importer's word
  count), so English and Chinese documents are measured in the same unit.

Roll-up (default on): a code's row counts the codings of the code itself *and of every code below
it*, so a level-2 dimension shows everything coded under its indicators. Turn it off to count only
codings made with exactly that code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, document_cases, load_codings, lookup, unique_inverse, unique_sorted
from coding.codebook import CodeTree
from coding.analysis.filters import SegmentFilter, allowed_documents, find_attribute, raw_connection
from coding.analysis.pooling import Basis, counting_codings, describe_basis
from coding.analysis.words import speaker_labels, word_starts, words_inside
from coding.errors import CancelledError, ValidationError
from coding.i18n import QT_TRANSLATE_NOOP, translate
from coding.progress import Progress

NO_CASE = "(no case)"
NO_VALUE = "(no value)"


@dataclass(frozen=True)
class Column:
    key: str  # "all", "document:<uuid>", "case:<uuid>", "attribute:<name>=<value>"
    label: str


@dataclass(frozen=True)
class DocumentColumns:
    """Columns of a table over documents, and the column index of each document id (-1: none)."""

    columns: list[Column]
    of_document: dict[int, int]


# A document and its case: id, name, uuid, case id, case name, case uuid (the last three None without a case).
_DocumentCase = tuple[int, str, str, int | None, str | None, str | None]


def document_columns(
    session: Session, by: str, documents: set[int] | None = None, *, unassigned: bool = True
) -> DocumentColumns:
    """Group documents into columns: ``all``, ``document``, ``case``/``cases``, or ``attribute:NAME``.

    With ``unassigned`` (default), ``case`` adds a "(no case)" column when some documents have no
    case and ``attribute:NAME`` adds "(no value)" for documents whose case has no value for it;
    without it those documents are left out. ``cases`` never adds "(no case)".
    """
    connection = raw_connection(session)
    # Name and uuid sit before the text in each row; the case comes from its own index, so no
    # transcript text is read here.
    case_of = document_cases(session)
    cases = {r[0]: (r[1], r[2]) for r in connection.execute("SELECT id, name, uuid FROM cases")}
    rows: list[_DocumentCase] = [
        (r[0], r[1], r[2], case_of.get(r[0]), *cases.get(case_of.get(r[0]), (None, None)))
        for r in connection.execute("SELECT id, name, uuid FROM documents ORDER BY name")
        if documents is None or r[0] in documents
    ]
    if by == "all":
        return DocumentColumns([Column("all", QT_TRANSLATE_NOOP("frequencies", "All documents"))], {r[0]: 0 for r in rows})
    if by == "document":
        return DocumentColumns([Column(f"document:{r[2]}", r[1]) for r in rows], {r[0]: i for i, r in enumerate(rows)})
    if by in ("case", "cases"):
        # a document with a case has its name and uuid (r[4], r[5]); one without has None in all three
        listed = sorted({(r[4], r[5]) for r in rows if r[4] is not None and r[5] is not None})
        columns = [Column(f"case:{uuid}", name) for name, uuid in listed]
        index = {uuid: i for i, (_, uuid) in enumerate(listed)}
        of_document = {r[0]: index[r[5]] if r[5] is not None else -1 for r in rows}
        if by == "case" and unassigned and any(r[3] is None for r in rows):
            columns.append(Column("case:", NO_CASE))
            of_document = {d: (c if c >= 0 else len(columns) - 1) for d, c in of_document.items()}
        return DocumentColumns(columns, of_document)
    if by.startswith("attribute:"):
        return _attribute_columns(session, by.partition(":")[2], rows, unassigned)
    raise ValidationError(translate(
        "errors", "columns '{by}': use all, document, case, cases or attribute:NAME (e.g. attribute:role)").format(
        by=by))


def _attribute_columns(session: Session, name: str, rows: list[_DocumentCase], unassigned: bool) -> DocumentColumns:
    attribute_id, stored = find_attribute(session, name.strip())
    values = dict(
        raw_connection(session).execute(
            "SELECT case_id, value FROM attribute_values WHERE attribute_id = ?", (attribute_id,)
        ).fetchall()
    )
    labels = sorted({values[r[3]] for r in rows if r[3] in values and values[r[3]] != ""}, key=_natural)
    columns = [Column(f"attribute:{stored}={value}", value) for value in labels]
    index = {value: i for i, value in enumerate(labels)}
    of_document = {r[0]: index.get(values.get(r[3], ""), -1) for r in rows}
    if unassigned and any(c < 0 for c in of_document.values()):
        columns.append(Column(f"attribute:{stored}=", NO_VALUE))
        of_document = {d: (c if c >= 0 else len(columns) - 1) for d, c in of_document.items()}
    return DocumentColumns(columns, of_document)


def _natural(value: str) -> tuple[int, float, str]:
    """Numbers in numeric order, then text alphabetically ("2" before "10")."""
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value.casefold())


@dataclass(frozen=True)
class CodeFrequencies:
    by: str
    rollup: bool
    code_ids: list[int]
    code_paths: list[str]
    code_levels: list[int]
    columns: list[Column]
    codings: IntArray  # codes × columns
    documents: IntArray
    cases: IntArray
    coded_words: IntArray | None  # None when word shares were not asked for
    total_words: IntArray | None  # per column
    basis: Basis | None = None  # whose codings, pooled or per coder

    def share(self) -> NDArray[np.float64] | None:
        if self.coded_words is None or self.total_words is None:
            return None
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.total_words > 0, self.coded_words / np.maximum(self.total_words, 1), 0.0)

    def records(self) -> list[dict[str, object]]:
        """One record per code × column (long format), for JSON and spreadsheets."""
        share = self.share()
        out: list[dict[str, object]] = []
        for i, path in enumerate(self.code_paths):
            for j, column in enumerate(self.columns):
                record: dict[str, object] = {
                    "code": path, "level": self.code_levels[i], "column": column.label, "column_key": column.key,
                    "codings": int(self.codings[i, j]), "documents": int(self.documents[i, j]),
                    "cases": int(self.cases[i, j]),
                }
                if share is not None and self.coded_words is not None and self.total_words is not None:
                    record.update(coded_words=int(self.coded_words[i, j]), total_words=int(self.total_words[j]),
                                  share=round(float(share[i, j]), 6))
                out.append(record)
        return out

    def table(self) -> tuple[list[str], list[list[object]]]:
        """Header and rows (long format) for CSV/XLSX."""
        headers = ["code", "level", "column", "codings", "documents", "cases"]
        keys = list(headers)
        if self.coded_words is not None:
            headers += ["coded words", "total words", "share of words coded"]
            keys += ["coded_words", "total_words", "share"]
        return headers, [[record[k] for k in keys] for record in self.records()]


def credited_rows(tree: CodeTree, row_codes: Sequence[int], rollup: bool) -> dict[int, list[int]]:
    """Code id -> indexes of the rows a coding of it counts towards."""
    row_index = {code_id: i for i, code_id in enumerate(row_codes)}
    credited: dict[int, list[int]] = {}
    for code_id in tree.codes:
        rows = []
        current: int | None = code_id
        while current is not None:
            if current in row_index:
                rows.append(row_index[current])
            if not rollup:
                break
            current = tree.codes[current].parent_id
        credited[code_id] = rows
    return credited


def membership_matrix(credited: dict[int, list[int]], n_rows: int, codes: IntArray) -> IntArray:
    """Rows × ``codes``: 1 where a row counts that code (itself, or a descendant when rolled up)."""
    membership = np.zeros((n_rows, codes.size), dtype=np.int64)
    for column, code_id in enumerate(codes.tolist()):
        for row in credited.get(code_id, []):
            membership[row, column] = 1
    return membership


@dataclass(frozen=True)
class CodeDocumentCounts:
    """Codings per row × document, the shared first step of frequencies and the framework matrix."""

    documents: IntArray  # the document ids of the columns of ``counts``
    counts: IntArray  # rows × documents (rolled up as asked)


def code_document_counts(
    session: Session, row_codes: Sequence[int], credited: dict[int, list[int]], scope: SegmentFilter
) -> CodeDocumentCounts:
    """Count codings per (code, document) in one pass, then fold codes into rows by matrix product."""
    arrays = counting_codings(session, scope, ("document_id", "code_id"))
    codes, code_index = unique_inverse(arrays["code_id"])
    documents, document_index = unique_inverse(arrays["document_id"])
    per_code = np.bincount(code_index * documents.size + document_index, minlength=codes.size * documents.size)
    per_code = per_code.reshape(codes.size, documents.size)
    return CodeDocumentCounts(documents, membership_matrix(credited, len(row_codes), codes) @ per_code)


def _indicator(positions: IntArray, size: int) -> sparse.csr_matrix:
    """items × size sparse 0/1 matrix with a one at ``positions[i]`` (no one where negative)."""
    keep = positions >= 0
    rows = np.flatnonzero(keep)
    return sparse.csr_matrix(
        (np.ones(rows.size, dtype=np.int64), (rows, positions[keep])), shape=(positions.size, size)
    )


def cell_counts(
    counts: CodeDocumentCounts, layout: DocumentColumns, case_of: dict[int, int | None]
) -> tuple[IntArray, IntArray, IntArray]:
    """(codings, documents, cases) per row × column from the row × document counts."""
    n_cols = len(layout.columns)
    column = lookup(layout.of_document, counts.documents)
    to_column = _indicator(column, n_cols)
    coded = (counts.counts > 0).astype(np.int64)
    codings = np.asarray((sparse.csr_matrix(counts.counts) @ to_column).todense())
    documents = np.asarray((sparse.csr_matrix(coded) @ to_column).todense())
    # Distinct cases per cell: documents of one case may sit in one column (by case or attribute)
    # or in several (by document), so count distinct (column, case) pairs that hold the code.
    case = lookup(case_of, counts.documents)
    has = (column >= 0) & (case >= 0)
    pair_key = np.where(has, column * (int(case.max(initial=0)) + 1) + case, -1)
    pairs, pair_index = unique_inverse(pair_key[has])
    to_pair = np.full(pair_key.size, -1, dtype=np.int64)
    to_pair[has] = pair_index
    case_span = int(case.max(initial=0)) + 1
    pair_column = _indicator(pairs // case_span, n_cols)
    present = (sparse.csr_matrix(coded) @ _indicator(to_pair, pairs.size)) > 0
    cases = np.asarray((present.astype(np.int64) @ pair_column).todense())
    return codings, documents, cases


def code_frequencies(
    session: Session,
    *,
    by: str = "all",
    codes: Sequence[int] | None = None,
    rollup: bool = True,
    flt: SegmentFilter | None = None,
    words: bool = True,
    tree: CodeTree | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> CodeFrequencies:
    """Counts per code (rows: ``codes`` or the whole codebook in order) × column (see :func:`document_columns`).

    ``flt`` narrows the codings (coders, consensus, documents, cases, attributes); its code list is
    ignored — the rows decide which codes count.
    """
    tree = tree or CodeTree.load(session)
    row_codes = list(codes) if codes is not None else tree.preorder()
    for code_id in row_codes:
        tree.check(code_id)
    credited = credited_rows(tree, row_codes, rollup)
    # Only codings of codes some row counts are read.
    scope = (flt or SegmentFilter()).with_codes(code_id for code_id, rows in credited.items() if rows)
    layout = document_columns(session, by, allowed_documents(session, scope))
    codings, documents, cases = cell_counts(
        code_document_counts(session, row_codes, credited, scope), layout, document_cases(session)
    )
    result = CodeFrequencies(
        by=by,
        rollup=rollup,
        code_ids=row_codes,
        code_paths=[tree.path(c) for c in row_codes],
        code_levels=[tree.codes[c].level for c in row_codes],
        columns=layout.columns,
        codings=codings,
        documents=documents,
        cases=cases,
        coded_words=None,
        total_words=None,
        basis=describe_basis(session, scope),
    )
    if not words:
        return result
    arrays = load_codings(session, scope, ("document_id", "code_id", "start", "end"))
    coding_index, row_index = expand_to_rows(arrays["code_id"], credited)
    coded, totals = _word_shares(
        session, layout, len(row_codes), row_index, arrays["document_id"][coding_index],
        arrays["start"][coding_index], arrays["end"][coding_index], progress, cancel,
    )
    return replace(result, coded_words=coded, total_words=totals)


def expand_to_rows(code_ids: IntArray, credited: dict[int, list[int]]) -> tuple[IntArray, IntArray]:
    """Pairs (coding index, row index): each coding once per row it counts towards."""
    unique, inverse = unique_inverse(code_ids)
    coding_parts, row_parts = [], []
    for u, code_id in enumerate(unique.tolist()):
        rows = credited.get(code_id, [])
        if not rows:
            continue
        members = np.flatnonzero(inverse == u)
        for row in rows:
            coding_parts.append(members)
            row_parts.append(np.full(members.size, row, dtype=np.int64))
    if not coding_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(coding_parts), np.concatenate(row_parts)


def _word_shares(
    session: Session,
    layout: DocumentColumns,
    n_rows: int,
    row_index: IntArray,
    document: IntArray,
    start: IntArray,
    end: IntArray,
    progress: Progress | None,
    cancel: Callable[[], bool] | None,
) -> tuple[IntArray, IntArray]:
    n_cols = len(layout.columns)
    coded = np.zeros((n_rows, n_cols), dtype=np.int64)
    totals = np.zeros(n_cols, dtype=np.int64)
    order = np.lexsort((row_index, document))
    row_index, document, start, end = row_index[order], document[order], start[order], end[order]
    bounds = np.flatnonzero(np.diff(document)) + 1
    groups: dict[int, IntArray] = {}
    if document.size:  # coding indexes per document, from the runs of the sorted document column
        groups = dict(zip(document[np.r_[0, bounds]].tolist(), np.split(np.arange(document.size), bounds)))
    wanted = sorted(d for d, c in layout.of_document.items() if c >= 0)
    labels = speaker_labels(session, wanted)
    cursor = raw_connection(session).stream(
        "SELECT id, uuid, language, text FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        (json.dumps(wanted),),
    )
    total = len(wanted)
    for done, (document_id, uuid, language, text) in enumerate(cursor, start=1):
        column = layout.of_document[document_id]
        if cancel is not None and cancel():
            raise CancelledError(translate("errors", "code frequencies cancelled"))
        starts = word_starts(uuid, text, language, labels.get(document_id, ([], [])))
        totals[column] += starts.size
        members = groups.get(document_id)
        if members is not None:
            rows_here = row_index[members]
            for row in unique_sorted(rows_here):
                picked = members[rows_here == row]
                coded[row, column] += words_inside(starts, np.column_stack((start[picked], end[picked])))
        if progress is not None:
            progress(done, total, translate("frequencies", "counting coded words"))
    return coded, totals


__all__ = ["CodeFrequencies", "Column", "DocumentColumns", "code_frequencies", "document_columns", "expand_to_rows"]
