"""The framework matrix: codes (rows) × cases or values of an attribute (columns).

Like Table 3 of the seed study: rows are the eight level-3 indicators of the Preker-Harding
codebook, columns the four alliance modes; each cell shows how much was coded there, opens its
quotes (:func:`cell_segments`), and holds a summary the researcher writes (:func:`set_cell_summary`),
stored in ``matrix_cell_summaries`` under (code uuid, column key).

Column keys: ``case:<case uuid>`` for a case column, ``attribute:<name>=<value>`` for a value of a
case attribute. Documents with no case, or whose case has no value for the attribute, appear in no
column.

Roll-up (default on): a row counts the codings of its code and of every code below it, so a
level-2 row (e.g. "Decision rights") shows everything coded under its indicators. A cell's quotes
follow the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coding.analysis.arrays import IntArray, document_cases
from coding.codebook import CodeTree, parse_rows_spec
from coding.analysis.filters import SegmentFilter, allowed_documents, find_attribute
from coding.analysis.frequencies import (
    Column,
    cell_counts,
    code_document_counts,
    credited_rows,
    document_columns,
)
from coding.analysis.pooling import Basis, describe_basis
from coding.analysis.retrieval import Segment, retrieve_segments
from coding import versions
from coding.audit import record
from coding.conflicts import quoted
from coding.errors import ConflictError, NotFoundError, ValidationError
from models import Case, Code, MatrixCellSummary, utcnow
from coding.i18n import translate


@dataclass(frozen=True)
class MatrixRow:
    code_id: int
    code_uuid: str
    name: str
    path: str
    level: int
    parent: str  # the parent code's name ("" at the top), e.g. the dimension of an indicator


@dataclass(frozen=True)
class FrameworkMatrix:
    rows: list[MatrixRow]
    columns: list[Column]
    column_documents: list[tuple[int, ...]]  # the documents behind each column
    codings: IntArray  # rows × columns
    documents: IntArray
    cases: IntArray
    summaries: dict[tuple[str, str], str]  # (code uuid, column key) -> text
    rollup: bool
    columns_spec: str
    basis: Basis | None = None  # whose codings, pooled or per coder

    def summary(self, row: int, column: int) -> str:
        return self.summaries.get((self.rows[row].code_uuid, self.columns[column].key), "")

    def to_dict(self) -> dict[str, object]:
        return {
            "columns_spec": self.columns_spec,
            "rollup": self.rollup,
            **(self.basis.to_dict() if self.basis else {}),
            "columns": [{"key": c.key, "label": c.label} for c in self.columns],
            "rows": [
                {
                    "code": row.path, "code_uuid": row.code_uuid, "level": row.level,
                    "cells": [
                        {"column_key": column.key, "codings": int(self.codings[i, j]),
                         "documents": int(self.documents[i, j]), "cases": int(self.cases[i, j]),
                         "summary": self.summary(i, j)}
                        for j, column in enumerate(self.columns)
                    ],
                }
                for i, row in enumerate(self.rows)
            ],
        }


def column_keys_spec(spec: str) -> str:
    """Normalise ``--columns``: ``cases`` or ``attribute:NAME``."""
    text = spec.strip()
    if text.lower() in ("cases", "case"):
        return "cases"
    if text.lower().startswith("attribute:") and text.partition(":")[2].strip():
        return "attribute:" + text.partition(":")[2].strip()
    raise ValidationError(translate(
        "errors", "columns '{spec}': use 'cases' or 'attribute:NAME' (e.g. attribute:alliance_mode)").format(
        spec=spec))


def framework_matrix(
    session: Session,
    *,
    rows: str | Sequence[int] = "level3",
    columns: str = "cases",
    rollup: bool = True,
    flt: SegmentFilter | None = None,
    tree: CodeTree | None = None,
) -> FrameworkMatrix:
    """Counts of codings, documents and cases per row code × column, with the stored summaries."""
    tree = tree or CodeTree.load(session)
    row_codes = parse_rows_spec(tree, rows) if isinstance(rows, str) else list(rows)
    for code_id in row_codes:
        tree.check(code_id)
    spec = column_keys_spec(columns)
    credited = credited_rows(tree, row_codes, rollup)
    scope = (flt or SegmentFilter()).with_codes(code_id for code_id, found in credited.items() if found)
    layout = document_columns(session, spec, allowed_documents(session, scope), unassigned=False)
    codings, documents, cases = cell_counts(
        code_document_counts(session, row_codes, credited, scope), layout, document_cases(session)
    )
    members: list[list[int]] = [[] for _ in layout.columns]
    for document_id, column in layout.of_document.items():
        if column >= 0:
            members[column].append(document_id)
    keys = {column.key for column in layout.columns}
    uuids = {tree.codes[c].uuid for c in row_codes}
    summaries = {
        (code_uuid, key): text
        for code_uuid, key, text in session.execute(
            select(MatrixCellSummary.code_uuid, MatrixCellSummary.column_key, MatrixCellSummary.text)
        )
        if code_uuid in uuids and key in keys
    }
    return FrameworkMatrix(
        rows=[_row(tree, c) for c in row_codes],
        columns=layout.columns,
        column_documents=[tuple(sorted(m)) for m in members],
        codings=codings,
        documents=documents,
        cases=cases,
        summaries=summaries,
        rollup=rollup,
        columns_spec=spec,
        basis=describe_basis(session, scope),
    )


def _row(tree: CodeTree, code_id: int) -> MatrixRow:
    info = tree.codes[code_id]
    parent = tree.codes[info.parent_id].name if info.parent_id is not None else ""
    return MatrixRow(code_id, info.uuid, info.name, info.path, info.level, parent)


def cell_filter(
    matrix: FrameworkMatrix, row: int, column: int, *, tree: CodeTree, base: SegmentFilter | None = None
) -> SegmentFilter:
    """The filter whose segments are the quotes behind one cell (same roll-up and coders as the matrix)."""
    code_id = matrix.rows[row].code_id
    codes = tree.subtree(code_id) if matrix.rollup else [code_id]
    base = base or SegmentFilter()
    return SegmentFilter(
        code_ids=tuple(codes), coder_ids=base.coder_ids, consensus=base.consensus,
        document_ids=matrix.column_documents[column], pooled=base.pooled, all_coders=base.all_coders,
    )


def cell_segments(
    session: Session,
    matrix: FrameworkMatrix,
    row: int,
    column: int,
    *,
    base: SegmentFilter | None = None,
    limit: int | None = None,
    tree: CodeTree | None = None,
) -> list[Segment]:
    tree = tree or CodeTree.load(session)
    return retrieve_segments(session, cell_filter(matrix, row, column, tree=tree, base=base), limit=limit, tree=tree)


def _check_column_key(session: Session, column_key: str) -> None:
    kind, _, rest = column_key.partition(":")
    if kind == "case" and rest:
        if session.scalar(select(Case.id).where(Case.uuid == rest)) is None:
            raise NotFoundError(translate(
                "errors", "matrix column '{column_key}': no case with that uuid").format(column_key=column_key))
        return
    if kind == "attribute" and "=" in rest and rest.partition("=")[0].strip():
        find_attribute(session, rest.partition("=")[0])
        return
    raise ValidationError(translate(
        "errors", "matrix column '{column_key}': expected 'case:<uuid>' or 'attribute:<name>=<value>'").format(
        column_key=column_key))


def set_cell_summary(
    session: Session, code_uuid: str, column_key: str, text: str, *, actor: str, expected: str | None = None,
    expected_version: int | None = None, seen: str | None = None,
) -> str:
    """Write (or, with empty text, clear) a cell's summary; returns the previous text for undo.

    With ``expected`` (the text undo/redo left there), only if the cell still holds that text; with
    ``expected_version`` (the version the editor read, ``versions.NO_ROW`` for an empty cell) or ``seen`` (the text
    it showed), only if nobody changed the summary since (``StaleEditError``, :mod:`coding.versions`).
    """
    if not isinstance(text, str):
        raise ValidationError(translate(
            "errors", "a matrix summary must be text, not {name__}").format(name__=type(text).__name__))
    if session.scalar(select(Code.id).where(Code.uuid == code_uuid)) is None:
        raise NotFoundError(translate("errors", "no code with uuid {code_uuid}").format(code_uuid=code_uuid))
    _check_column_key(session, column_key)
    cell = session.scalar(
        select(MatrixCellSummary).where(
            MatrixCellSummary.code_uuid == code_uuid, MatrixCellSummary.column_key == column_key
        )
    )
    previous = cell.text if cell is not None else ""
    shown = versions.cell_name(session, code_uuid, column_key)
    stored = cell.version if cell is not None else None
    versions.expect_version(session, "matrix_cell", code_uuid, shown, stored, expected_version, column_key)
    if seen is not None and previous != seen:
        raise versions.stale_error(session, "matrix_cell", code_uuid, shown, column_key)
    if expected is not None and previous != expected:
        raise ConflictError(translate(
            "errors", "the summary was changed since (now {value})").format(value=quoted(previous)))
    if previous == text:
        return previous
    if not text:
        assert cell is not None
        session.delete(cell)
    elif cell is None:
        session.add(MatrixCellSummary(code_uuid=code_uuid, column_key=column_key, text=text))
    else:
        cell.text, cell.updated_at = text, utcnow()
    with versions.guard(session, "matrix_cell", code_uuid, shown, column_key):
        session.flush()
    record(session, actor, "set_cell_summary", "matrix_cell", code_uuid,
           {"column_key": column_key, "text": previous}, {"column_key": column_key, "text": text})
    return previous


def cell_summaries(session: Session) -> dict[tuple[str, str], str]:
    """Every stored summary: (code uuid, column key) -> text."""
    return {
        (code_uuid, key): text
        for code_uuid, key, text in session.execute(
            select(MatrixCellSummary.code_uuid, MatrixCellSummary.column_key, MatrixCellSummary.text)
        )
    }


__all__ = [
    "FrameworkMatrix",
    "MatrixRow",
    "cell_filter",
    "cell_segments",
    "cell_summaries",
    "column_keys_spec",
    "framework_matrix",
    "set_cell_summary",
]
