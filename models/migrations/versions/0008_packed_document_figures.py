"""agreement runs keep their per-document figures packed in one column, not one row each

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 09:00:00

A run over 5,500 documents has about a million per-document figures; one ``agreement_results`` row
each took 12 s to write and 6 s to read back. From this revision a run stores its figures over all
documents as rows (as before: ``measure_series`` and reports query them) and its per-document figures
as one compressed column block in ``agreement_runs.document_figures`` (numpy npz, no pickle; format
``concord-figures-1``, see ``coding/agreement/figure_table.py``), with their count beside it.

``upgrade`` adds the two columns; runs stored before keep their per-document rows and read as before.
``downgrade`` unpacks every block back into ``agreement_results`` rows in the order the run computed
them (the run's rows are rewritten in that order), then drops the columns: nothing is lost.
Runs inside alembic's one transaction like every Concord migration.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_FIELDS = ("code_uuid", "code_name", "level", "document_uuid", "coder_a", "coder_b", "measure", "units",
           "value", "n_units", "ci_low", "ci_high", "note")
_TEXT = ("code_uuid", "code_name", "document_uuid", "coder_a", "coder_b", "measure", "units", "note")
_FLOAT = ("value", "ci_low", "ci_high")


def upgrade() -> None:
    with op.batch_alter_table("agreement_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_figures", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("document_figure_count", sa.Integer(), nullable=False, server_default="0"))


def _unpack(data: bytes) -> tuple[list[dict[str, Any]], list[int]]:
    """The figures of a packed block as row dicts, and their positions in the run's order (format 1)."""
    with np.load(io.BytesIO(data), allow_pickle=False) as packed:
        header = json.loads(packed["header"].tobytes().decode("utf-8"))
        if header.get("format") != "concord-figures-1":
            raise RuntimeError(f"unknown packed figure format {header.get('format')!r}")
        strings = [*header["strings"], None]
        columns = {name: packed[name].tolist() for name in _FIELDS}
        positions = packed["extra_position"].tolist()
    rows = []
    for i in range(len(positions)):
        row: dict[str, Any] = {}
        for name in _FIELDS:
            value = columns[name][i]
            if name in _TEXT:
                value = strings[value]
            elif name in _FLOAT:
                value = None if math.isnan(value) else value
            elif name == "level":  # a pooled level (None) is stored as -1
                value = None if value < 0 else value
            row[name] = value
        row["code_name"] = row["code_name"] or ""
        row["note"] = row["note"] or ""
        rows.append(row)
    return rows, positions


def downgrade() -> None:
    bind = op.get_bind()
    results = sa.table("agreement_results", sa.column("id", sa.Integer), sa.column("run_id", sa.Integer),
                       *(sa.column(name) for name in _FIELDS))
    packed_runs = bind.execute(sa.text(
        "SELECT id, document_figures FROM agreement_runs WHERE document_figures IS NOT NULL")).all()
    for run_id, data in packed_runs:
        per_document, positions = _unpack(bytes(data))
        overall = [dict(row._mapping) for row in bind.execute(
            sa.select(*(results.c[name] for name in _FIELDS)).where(results.c.run_id == run_id)
            .order_by(results.c.id))]
        ordered: list[dict[str, Any] | None] = [None] * (len(overall) + len(per_document))
        for position, row in zip(positions, per_document, strict=True):
            ordered[position] = row
        rest = iter(overall)
        rows = [row if row is not None else next(rest) for row in ordered]
        bind.execute(sa.delete(results).where(results.c.run_id == run_id))
        if rows:
            bind.execute(sa.insert(results), [{"run_id": run_id, **row} for row in rows])
    with op.batch_alter_table("agreement_runs", schema=None) as batch_op:
        batch_op.drop_column("document_figure_count")
        batch_op.drop_column("document_figures")
