"""exchange attributes: what a REFI-QDA file said that Concord has no column for

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 15:00:00

One new table, ``exchange_attributes`` (entity kind, entity uuid, JSON data): selection creators and times,
User ids, GUID spellings, the project's creating and modifying user and dates, codes without a colour, source
and variable descriptions, memo anchors — kept verbatim so a round trip through Concord drops nothing. Nothing
existing changes; ``downgrade`` drops the table.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_attributes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_kind", sa.String(length=32), nullable=False),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_attributes")),
        sa.UniqueConstraint("entity_kind", "entity_uuid", name="uq_exchange_attributes_entity"),
    )


def downgrade() -> None:
    op.drop_table("exchange_attributes")
