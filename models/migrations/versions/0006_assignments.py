"""assignments: which coder codes which document, and whether they are done with it

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 09:00:00

A new table, nothing else changes: a project upgraded from 0005 has no assignments, which is what
it had before (every coder may code every document). "In progress" is derived, not stored (an
assigned document holding codings of that coder; see ``coding/team/assignments.py``).
Runs inside alembic's one transaction like every Concord migration; ``downgrade`` drops the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('assigned', 'done')", name=op.f("ck_assignments_status")),
        sa.ForeignKeyConstraint(
            ["coder_id"], ["coders.id"], name=op.f("fk_assignments_coder_id_coders"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_assignments_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint("document_id", "coder_id", name="uq_assignments_document_coder"),
        sa.UniqueConstraint("uuid", name=op.f("uq_assignments_uuid")),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignments_coder_id"), ["coder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignments_document_id"), ["document_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignments_document_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_coder_id"))
    op.drop_table("assignments")
