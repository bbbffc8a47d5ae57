"""document metadata: the "key: value" block that opens a transcript (访谈编号：…, Date: …)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 06:00:00

A new table, nothing else changes: documents imported before keep their header lines as speaker
turns (their turns and codings are not re-derived behind the user's back); documents imported from
now on store the block here and leave it out of the turns. Runs inside alembic's one transaction like
every Concord migration; ``downgrade`` drops the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_metadata",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_document_metadata_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_metadata")),
        sa.UniqueConstraint("document_id", "position", name="uq_document_metadata_document_position"),
    )


def downgrade() -> None:
    op.drop_table("document_metadata")
