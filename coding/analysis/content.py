"""Content analysis tables: how often each category occurs per document, case or attribute value, with χ².

A *category* is either a code (its codings by the chosen coders, as the other code analyses count them:
pooled or per coder, rolled up or not) or a dictionary category (its hits, from
``coding.autocode.dictionaries.find_hits``). Both sources become one :class:`Occurrences` — parallel arrays
of (document, category, start, end) — and :func:`category_table` builds the table from that alone, so any
further source (machine suggestions, a search) needs only an adapter.

Per category × column the table holds (WordStat's figures):

- ``count``: occurrences of the category in the column's documents;
- ``% of words``: count / the words of the column's documents × 100 (words as the importer counts them,
  ``Document.word_count``: spaCy tokens that are not punctuation or space, jieba words for Chinese);
- ``% of cases``: the column's cases with at least one occurrence / its cases × 100. A case is a participant;
  a document that belongs to no case counts as a case of its own.

Documents outside every column (no case, or no value for the attribute) are left out and counted.

The test of independence is Pearson's χ² on the category × column counts (``scipy.stats.chi2_contingency``
without Yates' correction, so its adjusted residuals square-sum as the textbook says for 2×2 tables);
categories and columns with no occurrence at all are left out of the test. Each cell gets its *adjusted
standardised residual* (Haberman 1973): (O − E) / √(E (1 − row total/n)(1 − column total/n)), roughly
standard normal under independence, so |r| > 1.96 marks a cell that departs at the 5% level. Validity follows
Cochran's rule, as in :mod:`coding.analysis.crosstab`. Occurrences are not independent draws (one speaker
can say a word many times): read χ² as a description of where the categories concentrate, as WordStat does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, document_cases, lookup, unique_sorted
from coding.analysis.crosstab import TestResult, chi2_validity
from coding.analysis.filters import SegmentFilter, allowed_documents, raw_connection
from coding.analysis.frequencies import credited_rows, document_columns, expand_to_rows
from coding.analysis.pooling import Basis, counting_codings, describe_basis
from coding.codebook import CodeTree, parse_rows_spec
from coding.errors import NotFoundError, ValidationError
from coding.i18n import translate

FloatArray = NDArray[np.float64]
BY_CHOICES = "document, case or attribute:NAME (e.g. attribute:alliance_mode)"
SIGNIFICANT_RESIDUAL = 1.96  # |adjusted residual| beyond this departs from independence at the 5% level


# -- where categories occur -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Occurrences:
    """Where the categories occur: one entry per occurrence (arrays of equal length) and the category labels
    ``category`` indexes into. ``start``/``end`` are character offsets (-1 when the source has none)."""

    categories: list[str]
    document_id: IntArray
    category: IntArray
    start: IntArray
    end: IntArray
    source: str = ""  # "codes" or "dictionary NAME", for titles and notes
    basis: Basis | None = None  # whose codings, for a code source
    documents: frozenset[int] | None = None  # the documents the source looked at (None: every document)

    @property
    def size(self) -> int:
        return int(self.document_id.size)

    @classmethod
    def from_items(cls, items: Iterable[Sequence[object]], *, categories: Sequence[str] | None = None,
                   source: str = "") -> Occurrences:
        """From ``(document_id, category)`` or ``(document_id, category, start, end)`` tuples; categories in
        the order given (or of first appearance), so an unused category still gets a row."""
        labels = list(categories or [])
        index = {label: i for i, label in enumerate(labels)}
        rows: list[tuple[int, int, int, int]] = []
        for item in items:
            document_id, label = int(str(item[0])), str(item[1])
            if label not in index:
                if categories is not None:
                    raise ValidationError(translate(
                        "errors", "category '{label}' is not among the categories given").format(label=label))
                index[label] = len(labels)
                labels.append(label)
            start, end = (int(str(item[2])), int(str(item[3]))) if len(item) >= 4 else (-1, -1)
            rows.append((document_id, index[label], start, end))
        table = np.array(rows, dtype=np.int64).reshape(-1, 4)
        return cls(labels, table[:, 0], table[:, 1], table[:, 2], table[:, 3], source)


def within(occurrences: Occurrences, documents: set[int] | None) -> Occurrences:
    """Only the occurrences in ``documents`` (all when None)."""
    if documents is None:
        return occurrences
    keep = np.isin(occurrences.document_id, np.array(sorted(documents), dtype=np.int64))
    looked_at = frozenset(documents) if occurrences.documents is None else occurrences.documents & documents
    return replace(occurrences, document_id=occurrences.document_id[keep], category=occurrences.category[keep],
                   start=occurrences.start[keep], end=occurrences.end[keep], documents=looked_at)


def code_occurrences(session: Session, *, rows: str | Sequence[int] = "leaves", rollup: bool = True,
                     flt: SegmentFilter | None = None, tree: CodeTree | None = None) -> Occurrences:
    """The codings of ``flt``'s coders as occurrences of the row codes (``leaves``, ``level2``, ``all`` … or
    code ids); with roll-up a coding also counts for the row codes above it."""
    tree = tree or CodeTree.load(session)
    row_codes = parse_rows_spec(tree, rows) if isinstance(rows, str) else list(rows)
    for code_id in row_codes:
        tree.check(code_id)
    credited = credited_rows(tree, row_codes, rollup)
    scope = (flt or SegmentFilter()).with_codes(c for c, found in credited.items() if found)
    arrays = counting_codings(session, scope, ("document_id", "code_id", "start", "end"))
    coding, row = expand_to_rows(arrays["code_id"], credited)
    return Occurrences([tree.path(c) for c in row_codes], arrays["document_id"][coding], row,
                       arrays["start"][coding], arrays["end"][coding], "codes", describe_basis(session, scope))


def dictionary_occurrences(session: Session, name: str, *, document_ids: Sequence[int] | None = None) -> Occurrences:
    """The hits of the dictionary ``name`` as occurrences of its categories (in the dictionary's order)."""
    from sqlalchemy import select

    from models import Dictionary, DictionaryCategory, DictionaryEntry, Document

    dictionary = session.scalar(select(Dictionary).where(Dictionary.name == name))
    if dictionary is None:
        names = session.scalars(select(Dictionary.name).order_by(Dictionary.name))
        known = ", ".join(names) or translate("names", "none yet")
        raise NotFoundError(translate(
            "errors", "no dictionary '{name}' (dictionaries: {known})").format(name=name, known=known))
    try:
        from coding.autocode.dictionaries import find_hits
    except ImportError:
        raise ValidationError(translate("errors", "dictionaries cannot be matched in this version of Concord")) from None
    hits = find_hits(session, dictionary.name, document_ids=document_ids)
    categories = session.execute(
        select(DictionaryCategory.id, DictionaryCategory.parent_id, DictionaryCategory.position,
               DictionaryCategory.name).where(DictionaryCategory.dictionary_id == dictionary.id)).all()
    order = _category_order([(c.id, c.parent_id, c.position) for c in categories])
    with_entries = set(session.scalars(
        select(DictionaryEntry.category_id).where(DictionaryEntry.category_id.in_([c.id for c in categories]))))
    label_of = _category_paths([(c.id, c.parent_id, c.name) for c in categories])
    label_of.update((hit.category_id, hit.category_path) for hit in hits if hit.category_id not in label_of)
    listed = sorted(with_entries | {hit.category_id for hit in hits}, key=lambda c: order.get(c, len(order)))
    found = Occurrences.from_items(((h.document_id, label_of[h.category_id], h.start, h.end) for h in hits),
                                   categories=[label_of[c] for c in listed], source=f"dictionary {dictionary.name}")
    if not dictionary.language:
        return found
    # A dictionary of one language looks only at documents of that language: the others are not its columns' words.
    looked_at = set(session.scalars(select(Document.id).where(Document.language == dictionary.language)))
    if document_ids is not None:
        looked_at &= set(document_ids)
    return replace(found, documents=frozenset(looked_at))


def _category_paths(rows: Sequence[tuple[int, int | None, str]]) -> dict[int, str]:
    """Category id -> "Parent/Child" path of names."""
    parent = {c: p for c, p, _ in rows}
    name = {c: n for c, _, n in rows}
    paths: dict[int, str] = {}
    for category_id in name:
        parts: list[str] = []
        seen: set[int] = set()
        current: int | None = category_id
        while current is not None and current in name and current not in seen:
            seen.add(current)
            parts.append(name[current])
            current = parent[current]
        paths[category_id] = "/".join(reversed(parts))
    return paths


def _category_order(rows: Sequence[tuple[int, int | None, int]]) -> dict[int, int]:
    """Category id -> its place in the dictionary's tree read top to bottom (parents before children)."""
    children: dict[int | None, list[tuple[int, int]]] = {}
    for category_id, parent_id, position in rows:
        children.setdefault(parent_id, []).append((position, category_id))
    order: dict[int, int] = {}
    stack = [c for _, c in sorted(children.get(None, []), reverse=True)]
    while stack:
        current = stack.pop()
        if current in order:  # a cycle: each category once
            continue
        order[current] = len(order)
        stack.extend(c for _, c in sorted(children.get(current, []), reverse=True))
    return order


# -- the table ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Independence:
    """Pearson's χ² test of a table and each cell's expected count and adjusted residual (NaN: left out)."""

    expected: FloatArray
    residuals: FloatArray
    chi2: TestResult | None
    valid: bool
    warnings: list[str]


def independence(counts: IntArray) -> Independence:
    """χ² of independence and adjusted standardised residuals; empty rows and columns are left out."""
    from scipy import stats

    table = np.asarray(counts, dtype=np.int64)
    expected = np.full(table.shape, np.nan)
    residuals = np.full(table.shape, np.nan)
    rows, columns = table.sum(axis=1) > 0, table.sum(axis=0) > 0
    if rows.sum() < 2 or columns.sum() < 2:
        return Independence(expected, residuals, None, False,
                            [translate("ContentAnalysis",
                                       "χ² needs at least two categories and two columns with occurrences")])
    kept = table[np.ix_(rows, columns)]
    result = stats.chi2_contingency(kept, correction=False)
    n = kept.sum()
    row_share = kept.sum(axis=1, keepdims=True) / n
    column_share = kept.sum(axis=0, keepdims=True) / n
    fitted = np.asarray(result.expected_freq, dtype=float)
    expected[np.ix_(rows, columns)] = fitted
    residuals[np.ix_(rows, columns)] = (kept - fitted) / np.sqrt(fitted * (1 - row_share) * (1 - column_share))
    valid, why = chi2_validity(fitted, advice=False)  # no Fisher's test for a category table
    warnings = [] if valid else [why]
    left = int((~rows).sum()) + int((~columns).sum())
    if left:
        warnings.append(translate("content", "{rows} categor(ies) and {columns} column(s) with no occurrence are "
                                  "left out of the test").format(rows=int((~rows).sum()), columns=int((~columns).sum())))
    chi2 = TestResult("chi2", float(result.statistic), float(result.pvalue), int(result.dof),
                      translate("content", "Pearson χ² of independence (no continuity correction)"))
    return Independence(expected, residuals, chi2, valid, warnings)


@dataclass(frozen=True)
class CategoryTable:
    """Categories × columns (documents, cases or attribute values): counts, % of words, % of cases, χ²."""

    source: str
    by: str
    categories: list[str]
    columns: list[str]
    counts: IntArray  # categories × columns
    words: IntArray  # per column: words of its documents
    cases_with: IntArray  # categories × columns: cases with at least one occurrence
    cases: IntArray  # per column: its cases
    test: Independence
    left_out_documents: int  # documents in no column
    basis: Basis | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return int(self.counts.sum())

    def percent_of_words(self) -> FloatArray:
        return np.where(self.words > 0, 100.0 * self.counts / np.maximum(self.words, 1), 0.0)

    def percent_of_cases(self) -> FloatArray:
        return np.where(self.cases > 0, 100.0 * self.cases_with / np.maximum(self.cases, 1), 0.0)

    def significant(self) -> NDArray[np.bool_]:
        """Cells whose adjusted residual departs from independence at the 5% level."""
        return np.nan_to_num(np.abs(self.test.residuals)) > SIGNIFICANT_RESIDUAL

    def records(self) -> list[dict[str, object]]:
        """One record per category × column (long format), for JSON, CSV and spreadsheets."""
        words, cases = self.percent_of_words(), self.percent_of_cases()
        out: list[dict[str, object]] = []
        for i, category in enumerate(self.categories):
            for j, column in enumerate(self.columns):
                expected, residual = self.test.expected[i, j], self.test.residuals[i, j]
                out.append({
                    "category": category, "column": column, "count": int(self.counts[i, j]),
                    "percent_of_words": round(float(words[i, j]), 4), "cases_with": int(self.cases_with[i, j]),
                    "cases": int(self.cases[j]), "percent_of_cases": round(float(cases[i, j]), 2),
                    "expected": None if np.isnan(expected) else round(float(expected), 4),
                    "adjusted_residual": None if np.isnan(residual) else round(float(residual), 4),
                })
        return out

    def chi2_text(self) -> str:
        chi2 = self.test.chi2
        if chi2 is None:
            return translate("content", "No χ² test: {reasons}").format(reasons="; ".join(self.test.warnings))
        p = "p < 0.001" if chi2.p_value < 0.001 else f"p = {chi2.p_value:.3f}"
        note = "" if self.test.valid else translate("content", " (not valid for this table: small expected counts)")
        return f"χ² = {chi2.statistic:.3f}, df = {chi2.df}, {p}, n = {self.total}{note}"

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source, "by": self.by, "categories": self.categories, "columns": self.columns,
            "counts": self.counts.tolist(), "words": self.words.tolist(), "cases": self.cases.tolist(),
            "cases_with": self.cases_with.tolist(),
            "percent_of_words": np.round(self.percent_of_words(), 4).tolist(),
            "percent_of_cases": np.round(self.percent_of_cases(), 2).tolist(),
            "chi2": None if self.test.chi2 is None else self.test.chi2.to_dict(), "chi2_valid": self.test.valid,
            "adjusted_residuals": [[None if np.isnan(v) else round(float(v), 4) for v in row]
                                   for row in self.test.residuals],
            "left_out_documents": self.left_out_documents, "warnings": self.warnings, "rows": self.records(),
            **(self.basis.to_dict() if self.basis else {}),
        }


def check_by(by: str) -> str:
    text = by.strip()
    if text in ("document", "case") or (text.startswith("attribute:") and text.partition(":")[2].strip()):
        return text
    raise ValidationError(translate("errors", "--by '{by}': use {BY_CHOICES}").format(by=by, BY_CHOICES=BY_CHOICES))


def category_table(session: Session, occurrences: Occurrences, *, by: str = "case",
                   documents: set[int] | None = None) -> CategoryTable:
    """The table of ``occurrences`` by document, case or ``attribute:NAME`` (documents limited to ``documents``
    and to those the source looked at)."""
    if occurrences.documents is not None:
        documents = set(occurrences.documents) if documents is None else documents & occurrences.documents
    layout = document_columns(session, check_by(by), documents, unassigned=False)
    n_rows, n_cols = len(occurrences.categories), len(layout.columns)
    column = lookup(layout.of_document, occurrences.document_id)
    kept = column >= 0
    category, column = occurrences.category[kept], column[kept]
    counts = np.bincount(category * n_cols + column, minlength=n_rows * n_cols).reshape(n_rows, n_cols)
    unit_of = _case_units(session)
    unit = lookup(unit_of, occurrences.document_id[kept])
    span = int(max(unit.max(initial=0), max(unit_of.values(), default=0))) + 1
    cells = unique_sorted((category * n_cols + column) * span + unit) // span
    cases_with = np.bincount(cells, minlength=n_rows * n_cols).reshape(n_rows, n_cols)
    words, cases = _column_totals(session, layout.of_document, unit_of, n_cols)
    in_scope = layout.of_document if documents is None else {d: c for d, c in layout.of_document.items()
                                                            if d in documents}
    left_out = sum(1 for c in in_scope.values() if c < 0)
    test = independence(counts)
    warnings = list(test.warnings)
    if left_out:
        what = (translate("content", "no case") if by == "case"
                else translate("content", "no value for {attribute}").format(attribute=by.partition(':')[2]))
        warnings.append(translate("content", "{count} document(s) with {what} are left out")
                        .format(count=left_out, what=what))
    return CategoryTable(occurrences.source, by, list(occurrences.categories), [c.label for c in layout.columns],
                         counts.astype(np.int64), words, cases_with.astype(np.int64), cases, test, left_out,
                         occurrences.basis, warnings)


def _case_units(session: Session) -> dict[int, int]:
    """Document id -> its case's unit number; a document without a case is a unit of its own."""
    cases = document_cases(session)
    top = max((c for c in cases.values() if c is not None), default=0)
    return {d: (c if c is not None else top + d) for d, c in cases.items()}


def _column_totals(session: Session, of_document: dict[int, int], unit_of: dict[int, int],
                   n_cols: int) -> tuple[IntArray, IntArray]:
    """Per column: the words of its documents, and its cases."""
    word_count = dict(raw_connection(session).execute("SELECT id, word_count FROM documents").fetchall())
    words = np.zeros(n_cols, dtype=np.int64)
    units: list[set[int]] = [set() for _ in range(n_cols)]
    for document_id, column in of_document.items():
        if column >= 0:
            words[column] += int(word_count.get(document_id, 0) or 0)
            units[column].add(unit_of.get(document_id, -document_id))
    return words, np.array([len(u) for u in units], dtype=np.int64)


def code_table(session: Session, *, by: str = "case", rows: str | Sequence[int] = "leaves", rollup: bool = True,
               flt: SegmentFilter | None = None) -> CategoryTable:
    """Codes as categories (see :func:`code_occurrences`) by document, case or attribute value."""
    flt = flt or SegmentFilter()
    occurrences = code_occurrences(session, rows=rows, rollup=rollup, flt=flt)
    return category_table(session, occurrences, by=by, documents=allowed_documents(session, flt))


def dictionary_table(session: Session, name: str, *, by: str = "case", flt: SegmentFilter | None = None) -> CategoryTable:
    """A dictionary's categories (its hits) by document, case or attribute value."""
    documents = allowed_documents(session, flt) if flt is not None else None
    occurrences = dictionary_occurrences(session, name, document_ids=None if documents is None else sorted(documents))
    return category_table(session, occurrences, by=by, documents=documents)


__all__ = [
    "BY_CHOICES",
    "CategoryTable",
    "Independence",
    "Occurrences",
    "category_table",
    "check_by",
    "code_occurrences",
    "code_table",
    "dictionary_occurrences",
    "dictionary_table",
    "independence",
    "within",
]
