"""covering index on document counts, so project summaries never read document texts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 03:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_documents_totals", ["language", "char_count", "word_count", "turn_count", "sentence_count"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_totals")
