"""row versions: codes, cases, attributes, memos and matrix summaries carry a version counter

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 12:00:00

Several coders may edit one project at once (a PostgreSQL project has no writer lock). Each of these
tables gets ``version`` (NOT NULL, 1 for every existing row), mapped as SQLAlchemy's ``version_id_col``:
every ORM UPDATE or DELETE of such a row says ``WHERE version = <what was read>`` and bumps it, so an edit
based on a row someone changed since matches nothing and is refused (``coding.versions``) instead of
overwriting their change. ``downgrade`` drops the columns (nothing else depends on them).
Runs inside alembic's one transaction like every Concord migration (batch mode on SQLite).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

VERSIONED_TABLES = ("codes", "cases", "attributes", "memos", "matrix_cell_summaries")


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
