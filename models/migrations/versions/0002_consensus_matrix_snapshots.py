"""consensus decisions, framework matrix summaries, coding snapshots

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 02:44:28.606439
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('matrix_cell_summaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_uuid', sa.String(length=36), nullable=False),
    sa.Column('column_key', sa.String(length=512), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matrix_cell_summaries')),
    sa.UniqueConstraint('code_uuid', 'column_key', name='uq_matrix_cell')
    )
    op.create_table('coding_snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('codings', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['coder_id'], ['coders.id'], name=op.f('fk_coding_snapshots_coder_id_coders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coding_snapshots')),
    sa.UniqueConstraint('uuid', name=op.f('uq_coding_snapshots_uuid'))
    )
    op.create_table('consensus_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('decided_by', sa.String(length=255), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('source_codings', sa.JSON(), nullable=False),
    sa.Column('result_codings', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['code_id'], ['codes.id'], name=op.f('fk_consensus_decisions_code_id_codes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_consensus_decisions_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consensus_decisions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_consensus_decisions_uuid'))
    )
    with op.batch_alter_table('consensus_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consensus_decisions_document_id'), ['document_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('consensus_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consensus_decisions_document_id'))

    op.drop_table('consensus_decisions')
    op.drop_table('coding_snapshots')
    op.drop_table('matrix_cell_summaries')
